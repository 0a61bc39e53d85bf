"""Plain text: paragraphs at blank lines, pages at form feeds (\\f) when there are any.
Headings: numbered lines ("2.3 …", "第三章"), lone title-like lines, and a line underlined
with "===" or "---" (as plain-text and Markdown writers do). Three or more lone
title-like lines in a row are a list, not headings (`_listed_lines`: a quiz's options
"Aristotle", "John Needham", "Louis Pasteur"), and so are two or more lines in a row that
each gloss a label after a colon ("COMMIT ： 确认变更", "Root: holds the plant"); code
words in a Title Case heading are backticked as Markdown has them. A paragraph of program code (see
`codelines.code_paragraph`) is a code block, one opening with "$$" a formula block.

Read in 1 MB pieces with an incremental decoder, so a file of one 50 MB line never needs
a 50 MB string before it is cut into bounded blocks.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator, Iterator
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path

from datasources.files.detect import Detected
from jobs.pipeline.lexicon import ANSWER_KEY_LABEL
from jobs.pipeline.model import Block, BlockKind, ReadDocument
from jobs.pipeline.readers import booknotes, captions, flashcards, glossary_sheet, mail, quizbank
from jobs.pipeline.readers.blocks import (
    MAX_BLOCK_CHARS,
    bounded,
    guess_heading,
    join_lines,
    line_pieces,
    make_blocks,
    plain_title,
    real_pages,
    title_line,
    virtual_pages,
)
from jobs.pipeline.readers.codelines import code_paragraph, display_math, mark_heading_code
from jobs.pipeline.textutil import WRITE_IN

_PIECE = 1024 * 1024
_SETEXT = re.compile(r"\s*(={3,}|-{3,})\s*")
# "== 2. Baroque forms ==": a lone line between equal runs of "=" is a section's title, as
# wiki markup writes one and a teacher types one into a mail or a .txt note; its level is
# the run's length, as a wiki's ("== …" under the page's title)
_WRAPPED_HEADING = re.compile(r"\s*(={2,6})[ \t]+(?P<title>[^=\s](?:.*?[^=\s])?)[ \t]+\1\s*")
# "COMMIT ： 确认对数据库中的数据进行的变更", "Root: holds the plant in the soil": a short
# label, a colon, what it means; a list's item whose marker a text export dropped
# a list item's marker opening a line: "- ", "* ", "• ", "· " (a Markdown-style note saved as
# text); not "-1", "--", "**bold**"
_BULLET = re.compile(r"\s{0,3}[-*•·+]\s+(?=\S)")
_LABEL_GLOSS = re.compile(r"\s*[^\s：:][^：:]{0,29}\s*[：:]\s*\S.{0,90}")
# A Chinese teacher's notes typed with no blank line between a heading and its items: an
# outline heading ("第一节 …", "一、…", "（一）…") and each numbered item ("1. …", "2、…",
# "（1）…", "①…", its text in Chinese) open a line of their own. Read by blank lines, a
# section's heading and all its items were one paragraph ("第一节 多值函数1. 辐角函数：…2.
# 对数函数：…"): no section, and only the first item's label could open a definition.
_ZH_OUTLINE_HEADING = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零〇\d]+[章节篇部]|[一二三四五六七八九十]{1,3}、"
    r"|[（(][一二三四五六七八九十]{1,3}[)）])\s*[\u3400-\u9fff]"
)
# (its text may open on a Latin name the Chinese runs on from: "2.ATP是细胞内…" was joined
# to the item before it)
_ZH_ITEM = re.compile(
    r"\s*(?:\d{1,2}(?:[.．](?!\d)|、)|[（(]\d{1,2}[)）]|[\u2460-\u2473])\s*"
    r"(?=[\u3400-\u9fff]|[A-Za-z][A-Za-z0-9]*[\u3400-\u9fff])"
)


def read(path: Path, detected: Detected) -> ReadDocument:
    raw = decoded_lines(path, detected.encoding or "utf-8")
    head = list(islice(raw, flashcards.MAX_LINES + 1))
    # a flashcard deck (Anki's or Quizlet's export): one glossary entry a card
    deck = flashcards.deck_blocks(head) if len(head) <= flashcards.MAX_LINES else None
    if not deck and len(head) <= flashcards.MAX_LINES:
        # a glossary sheet saved as CSV: one glossary entry a row, under its topic
        deck = glossary_sheet.sheet_blocks(head)
    if deck:
        return ReadDocument(detected.kind, detected.mime_type, virtual_pages(deck), False)
    # a quiz bank (Moodle's GIFT or Aiken export): what each question teaches
    quiz = quizbank.quiz_blocks(head) if len(head) <= flashcards.MAX_LINES else None
    if quiz:
        return ReadDocument(detected.kind, detected.mime_type, virtual_pages(quiz), False)
    # an email saved as text: its subject the title, its header and signature no lesson
    title: list[Block] = []
    if header := mail.header_length(head):
        title = make_blocks("heading", mail.subject(head[:header]), 1, level=1)
        raw = mail.before_signature(chain(head[header:], raw))
        head = []
    # a reading app's notes export: the book's title, its highlights, not the reader's thoughts
    elif header := booknotes.header_length(head):
        title = make_blocks("heading", booknotes.book_title(head[:header]), 1, level=1)
        raw = booknotes.book_lines(chain(head[header:], raw))
        head = []
    # an e-reader's clippings file: its first book's title, the highlights, not the notes
    elif book := booknotes.clippings_title(head):
        title = make_blocks("heading", book, 1, level=1)
        raw = booknotes.clipping_lines(chain(head, raw))
        head = []
    # a lecture's captions: their speech, not their cue numbers and timings; a Bilibili
    # subtitle's JSON is read whole (its one line arrives in pieces), bounded as the upload is
    speech = None
    if head and head[0].lstrip().startswith("{"):
        speech = captions.bcc_speech(path.read_text(detected.encoding or "utf-8", "replace"))
    lines = iter(speech) if speech is not None else captions.speech_lines(chain(head, raw))
    blocks, paged = text_blocks(line_paragraphs(lines))
    blocks = title + blocks
    pages = real_pages(blocks) if paged else virtual_pages(blocks)
    return ReadDocument(detected.kind, detected.mime_type, pages, paged)


def text_blocks(lines: Iterator[str]) -> tuple[list[Block], bool]:
    """Paragraph blocks from lines; the bool says whether form feeds gave real pages."""
    blocks: list[Block] = []
    page, paged = 1, False
    paragraph: list[str] = []
    titled: set[int] = set()  # headings read from a lone title-like line (`title_line`)
    glossing: set[int] = set()  # lone lines that gloss a label after a colon
    item = False  # the paragraph is a numbered item that opened its own line (`_ZH_ITEM`)
    numbered = False  # the paragraph is in a run of numbered lines (`_next_numbered`)

    def flush() -> None:
        nonlocal item
        if not paragraph:
            return
        if numbered and _NUMBERED_LINE.match(paragraph[0]):
            # a run's numbered line: a list's item, its number kept, never a heading (a
            # short one, "1. Photosynthesis", was guessed a chapter's title)
            blocks.extend(make_blocks("list_item", join_lines(paragraph), page))
            paragraph.clear()
            return
        if item:  # a numbered item broken out of a run of lines (`_ZH_ITEM`): never a heading
            item = False
            marker = _ZH_ITEM.match(paragraph[0])
            # a fill-in question's number, and an answer key's, stay: the key matches
            # its answers to the questions by them (`answer_keys.blanks_filled_by_key`)
            keyed = WRITE_IN.search(paragraph[0]) or (blocks and _key_label_alone(blocks[-1].text))
            if marker and not keyed:
                paragraph[0] = paragraph[0][marker.end() :]
            blocks.extend(make_blocks("list_item", join_lines(paragraph), page))
            paragraph.clear()
            return
        level = 0
        underline = _SETEXT.fullmatch(paragraph[-1]) if len(paragraph) == 2 else None
        if underline and plain_title(
            paragraph[0]
        ):  # "Title" over "=====" (level 1) or "-----" (level 2)
            paragraph.pop()
            level = 1 if underline.group(1)[0] == "=" else 2
        wrapped = _WRAPPED_HEADING.fullmatch(paragraph[0]) if len(paragraph) == 1 else None
        if wrapped and not level:  # read as code by its "=" runs
            level, paragraph[0] = len(wrapped.group(1)), wrapped.group("title")
        if not level and (display_math(paragraph) or code_paragraph(paragraph)):
            kind = "formula" if display_math(paragraph) else "code"
            blocks.extend(make_blocks(kind, "\n".join(p.rstrip() for p in paragraph), page))
            paragraph.clear()
            return
        bullet = _BULLET.match(paragraph[0])
        if bullet and not level:
            # "- 开闭原则（…）：…": a list's item, its marker gone as Markdown's reader
            # takes it off (left on, it opened the item's definition: "- 迪米特法则…")
            paragraph[0] = paragraph[0][bullet.end() :]
            blocks.extend(make_blocks("list_item", join_lines(paragraph), page))
            paragraph.clear()
            return
        joined = join_lines(paragraph)
        if len(paragraph) == 1 and not level:
            level = guess_heading(joined)
            if not level and _LABEL_GLOSS.fullmatch(joined):
                glossing.add(len(blocks))
            if not level and title_line(joined):
                level = 2
                titled.add(len(blocks))
        kind: BlockKind = "heading" if level else "paragraph"
        if level:
            joined = mark_heading_code(joined)
        blocks.extend(make_blocks(kind, joined, page, level=level))
        paragraph.clear()

    for line in lines:
        while "\f" in line:
            before, line = line.split("\f", 1)
            if before.strip():
                paragraph.append(before)
            flush()
            page, paged = page + 1, True
        if line.strip():
            if paragraph and _BULLET.match(line) and not code_paragraph([*paragraph, line]):
                flush()  # the next item of a list written a line an item, no blank between
            elif paragraph and _zh_outline_run(paragraph, line):
                flush()
                item = not _ZH_OUTLINE_HEADING.match(line)
            elif paragraph and _next_numbered(paragraph[0], line):
                numbered = True
                flush()  # a worksheet's next question, typed a line each with no blank
            elif paragraph and (
                ANSWER_KEY_LABEL.match(line)
                or (len(paragraph) == 1 and _key_label_alone(paragraph[0]))
            ):
                flush()  # "参考答案" under the last question: the key's heading, alone
            paragraph.append(line)
            if sum(len(p) for p in paragraph) > MAX_BLOCK_CHARS:
                flush()
        else:
            flush()
            numbered = False
    flush()
    blocks = _listed_lines(blocks, titled, glossing)
    return (_sectioned(blocks, titled) if paged else blocks), paged


# A worksheet typed a question a line ("1. The cell membrane is … ______ …", "2. …"), no
# blank line between: read by blank lines, the questions were one paragraph, each
# sentence ending on the next one's number ("… leaves the cell. 2."). A line opening on the
# number after the one the paragraph opened on starts the next question; its number stays,
# as a Word file's typed number does, for the answer key to find it.
_NUMBERED_LINE = re.compile(r"\s*(\d{1,3})[.)]\s+(?=\S)")


def _next_numbered(opening: str, line: str) -> bool:
    """`line` opens on the number after the one `opening`, the paragraph's first line, opened on."""
    first, this = _NUMBERED_LINE.match(opening), _NUMBERED_LINE.match(line)
    return bool(first and this and int(this.group(1)) == int(first.group(1)) + 1)


def _key_label_alone(text: str) -> bool:
    """The text is an answer key's label alone ("参考答案", "Answer Key")."""
    return ANSWER_KEY_LABEL.match(text) is not None and not ANSWER_KEY_LABEL.sub("", text).strip()


def _zh_outline_run(paragraph: list[str], line: str) -> bool:
    """`line` opens a heading or a numbered item of its own (`_ZH_ITEM`), or follows an
    outline heading line, in a Chinese teacher's notes written without blank lines."""
    if _ZH_OUTLINE_HEADING.match(paragraph[-1]) and guess_heading(paragraph[-1]):
        return len(paragraph) == 1  # the heading stands alone; its items follow
    opens = _ZH_OUTLINE_HEADING.match(line) and guess_heading(line)
    return bool(opens or _ZH_ITEM.match(line))


# Word's and LibreOffice's "plain text" export writes one paragraph a line and no blank line
# between paragraphs: read by blank lines, a teacher's whole handout was one paragraph, its
# headings, items and answers run together ("…（一）地图三要素方向，比例尺…"). A text of at
# least this many lines with (almost) no blank line, not wrapped at a fixed width, has its
# lines for paragraphs.
LINE_PARAGRAPHS_MIN = 30
_SAMPLE_LINES = 2000


def line_paragraphs(lines: Iterator[str]) -> Iterator[str]:
    """The lines, with a blank line after each when the text writes a paragraph a line."""
    head = list(islice(lines, _SAMPLE_LINES))
    if not _paragraph_a_line(head):
        yield from chain(head, lines)
        return
    for line in chain(head, lines):
        yield line
        yield ""


def _paragraph_a_line(lines: list[str]) -> bool:
    """Many lines, under 10 % of them blank, most of them ending a sentence or short (a hard-
    wrapped text fills its lines to the wrap width and breaks them mid-sentence)."""
    full = [line.rstrip() for line in lines if line.strip()]
    if len(full) < LINE_PARAGRAPHS_MIN or len(lines) - len(full) > 0.1 * len(lines):
        return False
    if any("\f" in line for line in lines):
        return False  # a printer's pages: its lines are wrapped
    widest = max(len(line) for line in full)
    whole = sum(1 for line in full if _PARAGRAPH_END.search(line) or len(line) < 0.6 * widest)
    return whole >= 0.6 * len(full)


_PARAGRAPH_END = re.compile(r"[。！？；：.!?;:)）\]】\"”’]$")


# lone title-like lines in a row that are a list: headings have text between them (a
# section's title over "Learning Objectives" is two)
MIN_LISTED = 3


def _listed_lines(blocks: list[Block], titled: set[int], glossing: set[int]) -> list[Block]:
    """Runs of MIN_LISTED or more lone title-like lines with nothing between are list
    items, not headings ("Which of the following …?" then "Aristotle", "John Needham",
    "Louis Pasteur": a quiz's options; a table of contents). So are runs of two or more
    lone lines that each gloss a label after a colon, title-like or not: a heading
    glossed that way stands alone ("Chapter Summary: Plants")."""
    out = list(blocks)
    for run, least in ((titled, MIN_LISTED), (glossing, MIN_GLOSSED)):
        for start, end in _runs(run):
            if end - start >= least:
                for item in range(start, end):
                    out[item] = replace(out[item], kind="list_item", level=0)
    return out


MIN_GLOSSED = 2


def _runs(indices: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive indices, as (first, past the last)."""
    runs: list[tuple[int, int]] = []
    for index in sorted(indices):
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


# at least this share of the form feeds fall right before a guessed heading: they mark
# sections (a text export's section breaks), not a printer's pages cutting through prose
SECTION_BREAK_SHARE = 0.5


def _sectioned(blocks: list[Block], titled: set[int]) -> list[Block]:
    """Levels for guessed headings in a text whose form feeds break sections: the first
    line, before any break, titles the document (level 1), a heading right after a break
    opens a section (2), and any other lone title-like line is a sub-heading or a box's
    title inside it (3). Read all at one level, every sub-heading counted as a section and
    no rule that depends on a heading's depth applied."""
    starts = [i for i in range(1, len(blocks)) if blocks[i].page != blocks[i - 1].page]
    headed = [i for i in starts if i in titled and blocks[i].kind == "heading"]
    if not starts or len(headed) < SECTION_BREAK_SHARE * len(starts):
        return blocks
    out = list(blocks)
    for index in titled:
        if out[index].kind != "heading":
            continue  # a list item now (`_listed_lines`)
        level = 1 if index == 0 else 2 if index in starts else 3
        out[index] = replace(out[index], level=level)
    return out


def decoded_lines(path: Path, encoding: str) -> Iterator[str]:
    """Lines of the file, none longer than MAX_BLOCK_CHARS (longer ones arrive in pieces)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    with path.open("rb") as handle:
        while piece := handle.read(_PIECE):
            pending += decoder.decode(piece)
            pending = yield from _complete_lines(pending)
        pending += decoder.decode(b"", final=True)
    for line in pending.split("\n"):
        yield from line_pieces(line)


def _complete_lines(pending: str) -> Generator[str, None, str]:
    lines = pending.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rest = lines.pop()
    for line in lines:
        yield from line_pieces(line)
    if len(rest) > 2 * MAX_BLOCK_CHARS:
        # a very long line: emit all but its tail now, as separate "lines" of bounded size
        pieces = list(bounded(rest))
        yield from pieces[:-1]
        yield ""  # a paragraph break between pieces keeps blocks bounded
        rest = pieces[-1]
    return rest
