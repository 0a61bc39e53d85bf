"""PDF with pypdfium2: text page by page, headings from font size, page furniture removed.

A line is a heading when its first character's font is clearly larger than the body font
(the most common size on the document's lines); heading levels follow the sizes. Lines that
repeat at the top or bottom of many pages (running heads, page numbers) are dropped.
pdfium is not thread-safe: read one PDF per process at a time.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from datasources.files.detect import Detected, open_pdf
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.lexicon import EN_STOP
from jobs.pipeline.model import Block, Page, ReadDocument
from jobs.pipeline.readers.blocks import (
    LINE_END_HYPHEN,
    clause_term,
    guess_heading,
    headed_glossary,
    heading_shaped,
    join_lines,
    make_blocks,
    real_pages,
    rejoin_hyphens,
    said_once,
    zh_section_level,
)
from jobs.pipeline.readers.codelines import typed_code
from jobs.pipeline.readers.slides import (
    is_slide_deck,
    overlay_steps,
    slide_shaped,
    title_slide,
    without_break_numbers,
    without_credits,
    without_outline,
)
from jobs.pipeline.structure import MEANING_COLUMN, glossary_columns
from jobs.pipeline.textutil import ASIDE_DASH, HAN

HEADING_RATIO = 1.15
# a minor heading is often set barely larger than the body (12.5 pt on 11 pt) but in bold:
# a line that large and wholly bold or italic is a heading too
BOLD_HEADING_RATIO = 1.05
_DIGITS = re.compile(r"\d+")
_FURNITURE_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    size: float
    page: int
    # the baseline of the first character, in PDF points from the page bottom: the top of
    # its glyph box would shift with the letter ("A" stands taller than "u", "(" taller
    # still), and tightly leaded text (LaTeX's) then broke paragraphs at such lines
    top: float
    # the baseline of its last character: lower than `top` by a line where pdfium joined a
    # word hyphenated at a line end with the next line ("car\ufffe" + "diopulmonary");
    # measured from `top`, the gap to the line after it looked like a paragraph's
    bottom: float
    mono: bool = False  # set in a fixed-pitch font: program code
    emphasis: tuple[str, ...] = ()  # italic or bold runs
    # the first run starts the line / the last run ends it: a run set across a line break
    # continues on the next line ("深度优" + "先搜索")
    styled_start: bool = False
    styled_end: bool = False
    # its first character is set in a bold cut (weight or name), not italic: a heading set
    # at the body's size is told from the body by its weight alone
    bold: bool = False
    # where its first character starts, in points from the page's left edge
    left: float = 0.0
    colour: tuple[int, int, int] = (0, 0, 0)  # its first character's fill colour
    right: float = 0.0  # where its last character ends, in points from the left edge
    # a list bullet stands before it, drawn apart from its text (`_drawn_bullets`) or
    # drawn as a small shape (`_shape_bullets`)
    item: bool = False
    # the lowest and the highest baseline of its characters, a subscript's and a
    # superscript's (`_index_reach`); None where they are `top`'s
    low: float | None = None
    high: float | None = None
    # a glossary table read from its characters' places (`_glossary_tables`): its rows of
    # " | "-joined cells, read as a table block; `continued`: it goes on from the table
    # that ended the page before, whose block takes its rows
    table: str = ""
    continued: bool = False


def read(path: Path, detected: Detected) -> ReadDocument:
    document = open_pdf(path)
    try:
        sizes = [document.get_page_size(index) for index in range(len(document))]
        shaped = slide_shaped(sizes)
        han_body, latin_text = _document_fonts(document)
        read_pages = []
        carried = None  # a glossary table's columns, where one runs on to the next page
        for index in range(len(document)):
            book, slide, carried = _page_lines(
                document, index, shaped, han_body, latin_text, carried
            )
            read_pages.append((book, slide))
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
    except pdfium.PdfiumError as error:
        # a damaged page tree or page: pdfium opened the file, then cannot read a page
        raise CorruptDocument("corrupt_pdf", f"a page cannot be read ({error})") from error
    finally:
        document.close()
    pages = [book for book, _ in read_pages]
    deck = is_slide_deck(sizes, [[line.text for line in lines] for lines in pages])
    if deck:  # its text boxes read apart (`_boxes_apart`)
        pages = [slide for _, slide in read_pages if slide is not None]
    if deck:  # an overlay's earlier steps only repeat the slide (`slides.overlay_steps`)
        steps = overlay_steps([[(line.text, line.size) for line in lines] for lines in pages])
        pages = [[] if index in steps else _title_first(lines) for index, lines in enumerate(pages)]
        pages = _uniform_titles(pages)
    lines = _without_furniture(pages, deck, [height for _, height in sizes])
    # words hyphenated at a line end are resolved once the whole text is known
    known = _whole_words(lines)
    lines = [_rejoined(line, known) for line in lines]
    blocks = _title_page(_blocks(lines, known, deck))
    if not deck:
        blocks = headed_glossary(_under_the_title(blocks, _title_block(lines)))
    if deck:
        blocks = title_slide(without_credits(without_outline(without_break_numbers(blocks))))
    slides = sum(1 for page in pages if page) if deck else 0
    shown = _shown_title(lines)
    # the reader's own heading rules judge it too: a figure's large labels ("X r") are none
    if shown and not any(b.kind == "heading" and b.text == shown for b in blocks[:3]):
        shown = None
    return ReadDocument(
        detected.kind, detected.mime_type, _pages(blocks, len(pages)), True, title, slides, shown
    )


# the lines that may open a first page above its title (a course's code, a series' name)
_TITLE_WITHIN_LINES = 3


def _shown_title(lines: list[_Line]) -> str | None:
    """The title the first page shows (`_title_run`)."""
    found = _title_run(lines)
    if found is None:
        return None
    return said_once(" ".join(found.first[p].text.strip() for p in found.run))


@dataclass(frozen=True, slots=True)
class _TitleRun:
    first: list[_Line]  # the first page's lines
    run: list[int]  # the title's positions among them
    body: float  # the body's type size


def _title_run(lines: list[_Line]) -> _TitleRun | None:
    """The title the first page shows: its largest text, one run of lines among its first,
    set larger than the body (`HEADING_RATIO`) and than any other line of the document. A
    size that comes back (a chapter's or a slide's title, a heading level) names sections,
    not the document."""
    if not lines:
        return None
    sizes = Counter(line.size for line in lines for _ in range(len(line.text)))
    body = sizes.most_common(1)[0][0]
    first = [line for line in lines if line.page == lines[0].page]
    largest = max(line.size for line in first)
    run = [position for position, line in enumerate(first) if line.size == largest]
    if (
        largest < body * HEADING_RATIO
        or run[0] >= _TITLE_WITHIN_LINES
        or run[-1] - run[0] + 1 != len(run)
        or sum(1 for line in lines if line.size >= largest) != len(run)
    ):
        return None
    return _TitleRun(first, run, body)


def _title_first(lines: list[_Line]) -> list[_Line]:
    """A slide's lines with its title first: the lines in the slide's largest type, one
    run in reading order that stands above every line read before it. A presentation
    program writes a slide's boxes in the order they were made, and a title box made
    last came after the slide's text ("Finding the Smallest Value" below its code and
    output), whose lines then fell under the slide before."""
    if len(lines) < 2:
        return lines
    largest = max(line.size for line in lines)
    run = [position for position, line in enumerate(lines) if line.size == largest]
    first, last = run[0], run[-1]
    if first == 0 or last - first + 1 != len(run):
        return lines
    if min(lines[p].top for p in run) <= max(line.top for line in lines[:first]):
        return lines  # a line above the title was read before it: a header, kept in place
    return lines[first : last + 1] + lines[:first] + lines[last + 1 :]


# a title that auto-fit shrank to fit its box (76 pt set 72, 66 pt), or a template's
# title a point or two larger on a few slides (78 pt): the same title, one level; a title
# slide's name set far larger stays above them
_TITLE_FIT = (0.85, 1.05)


def _uniform_titles(pages: list[list[_Line]]) -> list[list[_Line]]:
    """A deck's slides with their titles in one size: the size most slides' titles share.
    A slide's title is its first line (`_title_first`) in the slide's largest type, a
    heading by its size; auto-fit shrinks a long title, and each size became a heading
    level of its own (slide titles at levels 1, 2 and 4: the deck's few titles set larger
    made all the others sub-headings)."""
    sizes = Counter(
        line.size for lines in pages for line in lines if not line.mono for _ in line.text
    )
    if not sizes:
        return pages
    body = sizes.most_common(1)[0][0]

    def title(lines: list[_Line]) -> float:
        largest = max((line.size for line in lines), default=0.0)
        return largest if lines and lines[0].size == largest >= body * HEADING_RATIO else 0.0

    titles = Counter(size for size in map(title, pages) if size)
    if not titles:
        return pages
    common = titles.most_common(1)[0][0]
    low, high = _TITLE_FIT[0] * common, _TITLE_FIT[1] * common
    # where the titles stand: the baseline most of them share, or above it (a wrapped
    # title's first line); a section's name on its divider slide, set in the middle of
    # the page a little smaller than the titles, is no slide's title
    usual = Counter(round(lines[0].top) for lines in pages if title(lines) == common)
    floor = usual.most_common(1)[0][0] - 2 * common
    uniform = []
    for lines in pages:
        size = title(lines)
        if not size or size == common or not low <= size <= high or lines[0].top < floor:
            uniform.append(lines)
            continue
        run = next((n for n, line in enumerate(lines) if line.size != size), len(lines))
        uniform.append([replace(line, size=common) for line in lines[:run]] + lines[run:])
    return uniform


_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _whole_words(lines: list[_Line]) -> frozenset[str]:
    """The Latin words the document writes whole, in lower case (pdfium's line-end
    hyphen U+FFFE cuts a word it joined in two, which then count as two)."""
    return frozenset(w.lower() for line in lines for w in _LATIN_WORD.findall(line.text))


def _rejoined(line: _Line, known: frozenset[str]) -> _Line:
    """The line with pdfium's line-end hyphens resolved (`blocks.rejoin_hyphens`)."""
    if LINE_END_HYPHEN not in line.text and not any(LINE_END_HYPHEN in e for e in line.emphasis):
        return line
    return replace(
        line,
        text=rejoin_hyphens(line.text, known),
        emphasis=tuple(rejoin_hyphens(e, known) for e in line.emphasis),
    )


_TITLE_PAGE_WORDS = 40


def _title_page(blocks: list[Block]) -> list[Block]:
    """A title page (page 1 with headings and hardly any prose) sets its title large, and
    in large type too a subtitle, "Draft", the authors and the date: only the title is a
    heading. The others read as a line of text, so they name no concept."""
    first = [b for b in blocks if b.page == 1]
    headings = [b for b in first if b.kind == "heading"]
    prose = " ".join(b.text for b in first if b.kind != "heading")
    words = len(prose.split()) + len(_CJK.findall(prose)) // 2
    if len(headings) < 2 or words >= _TITLE_PAGE_WORDS:
        return blocks
    title = min(headings, key=lambda b: b.level)
    return [
        Block("paragraph", b.text, b.page)
        if b.kind == "heading" and b.page == 1 and b is not title
        else b
        for b in blocks
    ]


# A paper's or a handout's first page centres its title and, under it in large type, a
# subtitle, the authors, the date, then the body begins; a section heading starts at the
# column's left edge. Read as headings, a subtitle ("Materials science handout") was a
# concept and half the first week's title. Centred on the title within this many points:
_CENTRED = 6.0


def _title_block(lines: list[_Line]) -> str:
    """The text of the lines that follow the first page's title (`_shown_title`) in larger
    type than the body, centred under it and clear of the left margin, before the body's
    first line."""
    title = _title_run(lines)
    if title is None:
        return ""
    first, run = title.first, title.run
    centre = sum(first[p].left + first[p].right for p in run) / (2 * len(run))
    margin = min((line.left for line in first if line.size == title.body), default=None)
    if margin is None:
        return ""  # no line of body text on the first page: nothing under the title to read
    under: list[str] = []
    for line in first[run[-1] + 1 :]:
        if line.size <= title.body:
            break
        if abs((line.left + line.right) / 2 - centre) > _CENTRED or line.left < margin + 36:
            return ""
        under.append(line.text.strip())
    return " ".join(under)


def _under_the_title(blocks: list[Block], shown: str) -> list[Block]:
    """The first page's headings whose text the title block holds (`_title_block`) read as
    a line of text, as on a title page (`_title_page`)."""
    if not shown:
        return blocks
    return [
        Block("paragraph", b.text, b.page)
        if b.kind == "heading" and b.page == 1 and b.level > 1 and b.text in shown
        else b
        for b in blocks
    ]


def _page_lines(
    document: pdfium.PdfDocument,
    index: int,
    shaped: bool,
    han_body: str = "",
    latin_text: str = "",
    carried: _Columns | None = None,
) -> tuple[list[_Line], list[_Line] | None, _Columns | None]:
    """The page's lines as a book's page reads, and, in a document shaped like a slide
    deck (`slides.slide_shaped`), as a slide's: two text boxes that stand on one baseline
    are two lines (`_boxes_apart`), and small shapes are no bullets (a slide's are its
    theme's ornaments as often as its bullets). Whether it is a deck is known from every
    page's text (`slides.is_slide_deck`), so the page is read once for both. Then the
    columns of a glossary table running on to the next page (`_glossary_tables`), given
    those of one running on from the page before (`carried`)."""
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            text = _indexed(textpage, _utf16_units(textpage.get_text_range()))
            tables, carried = _glossary_tables(page, textpage, text, carried)
            lines = _text_lines(page, textpage, index, text, han_body, latin_text, tables)
            book = _shape_bullets(lines, _small_shapes(page))
            if not shaped:
                return book, None, carried
            apart = _boxes_apart(textpage, text)
            if apart != text:
                lines = _text_lines(page, textpage, index, apart, han_body, latin_text, tables)
            # Beamer's ball, circle and square items are each drawn as a small form (an
            # XObject holding a shading): a bullet, where a theme's ornaments are paths
            # ("美元指数人民币汇率…" ran five items into one paragraph)
            slide = _shape_bullets(lines, _small_shapes(page, pdfium_c.FPDF_PAGEOBJ_FORM))
            return book, slide, carried
        finally:
            textpage.close()
    finally:
        page.close()


def _text_lines(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    index: int,
    text: str,
    han_body: str = "",
    latin_text: str = "",
    tables: Sequence[_Table] = (),
) -> list[_Line]:
    """The lines of `text`, the page's text as read, bullets drawn apart marked.
    `han_body`: the font most of the document's Chinese is set in; `latin_text`: the
    fixed-pitch family that sets its prose's Latin, no code (`_document_fonts`); `tables`:
    the page's glossary tables, each one line in the place of the lines it holds."""
    han = _han_fonts(textpage, text, han_body)
    setting = ""  # the typeface the lines above were set in wholly (`_HanFonts.setting`)
    underlined = _underlined(page, textpage, text)
    small = _small_capitals(textpage, text)
    hidden = _hidden_runs(page, textpage, text, underlined) | underlined | frozenset(small)
    text = "".join(small.get(index, char) for index, char in enumerate(text)) if small else text
    # XeTeX's and LuaTeX's hyphen may be U+2010 or the non-breaking U+2011 ("philo‑" /
    # "sophy"): a hyphen as the reader knows it, so a line-end one joins its word again
    text = text.translate(_HYPHENS)
    lines: list[_Line] = []
    bullets: list[tuple[float, float]] = []  # bullets alone on a line: (x, baseline)
    offset = 0
    in_tables = frozenset().union(*(table.indices for table in tables))
    placed: set[int] = set()  # the tables already in their place
    for raw in map(_bulleted, text.split("\n")):
        stripped = raw.strip("\r \t")
        if in_tables and stripped:
            first = offset + (len(raw) - len(raw.lstrip("\r \t")))
            for number, table in enumerate(tables):
                if number not in placed and offset <= min(table.indices) <= offset + len(raw):
                    placed.add(number)
                    lines.append(_table_line(table, index))
            if first in in_tables:
                offset += len(raw) + 1
                continue
        if stripped and BULLET in stripped and not stripped.strip(BULLET + " "):
            first = offset + (len(raw) - len(raw.lstrip("\r \t")))
            bullets.extend(
                _origin(textpage, first + n) for n, c in enumerate(stripped) if c == BULLET
            )
        if stripped:
            first = offset + (len(raw) - len(raw.lstrip("\r \t")))
            size = _line_size(textpage, first, stripped)
            top = _origin(textpage, first)[1]
            bottom = _origin(textpage, offset + len(raw.rstrip("\r \t")) - 1)[1]
            if stripped.strip("•·◦▪‣-– "):
                code = _code_runs(textpage, raw, offset, latin_text)
                covered = sum(len(raw[a:b].replace(" ", "")) for a, b in code)
                mono = _fixed_pitch_line(
                    raw, stripped, code, covered, han.code_text(raw, offset)
                ) or (bool(lines) and lines[-1].mono and _string_closed(stripped, code, covered))
                apart = {} if mono else _subscripted(textpage, raw, offset)
                setting = han.setting(raw, offset, setting)
                runs, maths = (
                    ([], [])
                    if mono
                    else _styles(textpage, raw, offset, apart, han, hidden, underlined, setting)
                )
                body = raw.rstrip("\r \t")
                shown = stripped if mono else _marked(raw, code, maths).strip("\r \t")
                low, high = (None, None) if mono else _index_reach(textpage, raw, offset, top, size)
                lines.append(
                    _Line(
                        _quotes_apart(
                            _unradical(_stray_marks(_plain_prefix(_part(_whole(shown), apart))))
                        ),
                        round(size, 1),
                        index + 1,
                        top,
                        bottom,
                        mono,
                        tuple(
                            _quotes_apart(
                                _unradical(
                                    _stray_marks(_plain_prefix(_part(_whole(raw[a:b]), apart)))
                                )
                            )
                            for a, b in runs
                        ),
                        bool(runs) and runs[0][0] == first - offset,
                        bool(runs) and runs[-1][1] == len(body),
                        bool(runs) and runs[0][0] == first - offset and _bold(textpage, first),
                        _origin(textpage, first)[0],
                        _colour(textpage, first),
                        # where its last letter ends: a combining accent the text layer
                        # gives last is drawn over a letter further left
                        _right(textpage, offset + len(_without_trailing_marks(body)) - 1),
                        low=low,
                        high=high,
                    )
                )
        offset += len(raw) + 1
    return _drawn_numbers(_drawn_bullets(lines, bullets))


def _table_line(table: _Table, index: int) -> _Line:
    """The glossary table as one line of the page, its text the table's (its words count
    as the document's, `_whole_words`)."""
    return _Line(
        table.text.replace("\n", " ").replace(" | ", " "),
        round(table.size, 1),
        index + 1,
        table.top,
        table.bottom,
        left=table.left,
        right=table.right,
        table=table.text,
        continued=table.continued,
    )


# ems of the larger type between two words of one line: no word space (at most one em
# in justified text), nor a table's or a code line's columns ("Key  Value", "if x :");
# another text box beside the first
_BOX_GAP = 3.0


def _boxes_apart(textpage: pdfium.PdfTextPage, text: str) -> str:
    """`text` with a line break where pdfium joined two text boxes that stand on one
    baseline into one line: the space it put between them (one it generated, in no font
    of the page) spans more than `_BOX_GAP` ems. A slide sets its boxes anywhere: a
    title beside a code box's first line ("try / except astr = 'Bob'"), a label beside a
    program's output ("body of the loop > hello"). The break takes the space's place, so
    every character keeps its index."""
    chars = list(text)
    for index in range(1, len(text) - 1):
        if text[index] != " " or pdfium_c.FPDFText_IsGenerated(textpage.raw, index) != 1:
            continue
        if text[index - 1] in "\r\n " or text[index + 1] in "\r\n ":
            continue
        before, after = _char_span(textpage, index - 1), _char_span(textpage, index + 1)
        em = max(
            _font_size(textpage, index - 1),
            _font_size(textpage, index + 1),
        )
        if after[0] - before[1] > _BOX_GAP * em:
            chars[index] = "\n"
    return "".join(chars)


# A glossary set as a table ("Term | Definition", "名词 | 解释 | 举例") comes out of pdfium
# as loose lines: the header a line of its own ("Term Definition", bold: a junk concept),
# each name alone or joined to its gloss's line where both stand on one baseline
# ("Consumer An organism that gets energy"), the gloss's wrapped lines apart at the second
# column's x. The Word and Markdown readers give the same table as a table block, whose
# rows `definitions.table_entries` reads as glossary entries; from PDF every term of it was
# lost. Its cells are read back from where the characters stand, for a table whose header
# names a column of terms and a column of what each means (`structure.glossary_columns`)
# only: any other table reads as before.


@dataclass(frozen=True, slots=True)
class _Word:
    """Characters standing together on one baseline, no space or gap between them."""

    text: str
    left: float  # the first character's origin: a column's wrapped lines share it
    right: float
    base: float
    size: float
    indices: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Columns:
    """A glossary table's columns, carried to the next page where the table runs on."""

    edges: tuple[float, ...]  # where each column's text starts, left to right
    header: tuple[str, ...]
    size: float  # the table's type size
    name: int  # the column of names
    meaning: int  # the column of what each means


@dataclass(frozen=True, slots=True)
class _Table:
    text: str  # rows of " | "-joined cells, the header first where the page shows it
    indices: frozenset[int]  # its characters' indices in the page's text
    size: float
    top: float  # its first baseline
    bottom: float  # its last baseline
    left: float
    right: float
    continued: bool  # it goes on from the table that ended the page before


# a header cell this long is no column's name (a cheap test, so that a page with no
# glossary table costs no more than a scan of its lines)
_HEADER_CHARS = 80
_HEADER_WORDS = 8
# a word a column of terms is named by (`structure.glossary_columns`), to pass over at once
# a line that names none
_TERM_HINT = re.compile(
    r"(?i)\b(?:terms?|words?|concepts?|keywords?|vocabulary|components?|parts?|structures?"
    r"|elements?)\b|名词|术语|概念|词语|词条"
)
# ems between two cells of a header or a row: wider than a word space (a third of an em,
# half in a loosely justified line); a Chinese gloss fills its column to the last
# character, and Chrome's print of pandoc's table set the next cell 0.78 em after it
_CELL_GAP = 0.6
# ems between two words of one cell: pdfium writes no space where a word ends at a line's
# end and the next cell's word follows on the same baseline
_WORD_GAP = 0.25
# ems from one line of a table to the next at most: a row's padding and rules lie within
# it, the space a paragraph after the table stands at does not
_TABLE_GAP = 2.2
# lines a running head may set above the rest of a table at a page's top, or a page
# number or a foot below it at a page's foot, the table running on to the next page
_PAGE_EDGE_LINES = 2
_PAGE_EDGE_CHARS = 40


def _glossary_tables(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, carried: _Columns | None
) -> tuple[list[_Table], _Columns | None]:
    """The page's glossary tables, and the columns of the one running on to the next page
    (the table reaches the page's foot). `carried`: the columns of the table the page
    before ended on, whose rows may open this page without a header."""
    starts = set()
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip("\r \t")
        if _header_shaped(stripped):
            starts.add(offset + len(raw) - len(raw.lstrip("\r \t")))
        offset += len(raw) + 1
    if not starts and carried is None:
        return [], None
    lines = _visual_lines(_words(textpage, text))
    rules = _horizontal_rules(page)
    tables: list[_Table] = []
    taken = 0  # the visual lines read so far
    run_on = None
    for position, line in enumerate(lines):
        if position < taken:
            continue
        columns = None
        header = False
        if any(word.indices[0] in starts for word in line):
            columns = _header_columns(line)
            header = columns is not None
        if columns is None and carried is not None and position <= _PAGE_EDGE_LINES and not tables:
            columns = carried if _fits(line, carried) else None
        if columns is None:
            continue
        if header:
            body, columns = _table_lines(lines, position + 1, columns, line)
        else:
            body, _ = _table_lines(lines, position, columns)
        if not body:
            continue
        continued = (
            carried is not None and not tables and (not header or columns.header == carried.header)
        )
        rows = _rows(body, columns, rules, continued)
        if rows is None:
            continue
        if header and not continued:
            rows = [" | ".join(columns.header), *rows]
        taken = position + (1 if header else 0) + len(body)
        shown = ([line] if header else []) + body
        words = [word for shown_line in shown for word in shown_line]
        tables.append(
            _Table(
                "\n".join(rows),
                frozenset(i for word in words for i in word.indices),
                columns.size,
                shown[0][0].base,
                shown[-1][0].base,
                min(word.left for word in words),
                max(word.right for word in words),
                continued,
            )
        )
        after = lines[taken:]
        reaches_foot = len(after) <= _PAGE_EDGE_LINES and all(
            sum(len(word.text) for word in foot) <= _PAGE_EDGE_CHARS for foot in after
        )
        run_on = columns if reaches_foot else None
    return tables, run_on


def _header_shaped(line: str) -> bool:
    """The line may be a glossary table's header: short, naming a kind of term and a
    kind of meaning (`_header_columns` reads the columns)."""
    return (
        0 < len(line) <= _HEADER_CHARS
        and len(line.split()) <= _HEADER_WORDS
        and _TERM_HINT.search(line) is not None
        and MEANING_COLUMN.search(line) is not None
    )


def _words(textpage: pdfium.PdfTextPage, text: str) -> list[_Word]:
    """The page's words (`_Word`), in the order its text runs."""
    words: list[_Word] = []
    chars: list[int] = []
    right = base = size = 0.0

    def close() -> None:
        if chars:
            left = _origin(textpage, chars[0])[0]
            word = "".join(text[i] for i in chars)
            words.append(_Word(word, left, right, base, size, tuple(chars)))
            chars.clear()

    for index, char in enumerate(text):
        if char.isspace():
            close()
            continue
        x, y = _origin(textpage, index)
        start, end = _char_span(textpage, index)
        char_size = _font_size(textpage, index)
        if chars and (abs(y - base) > 0.3 * size or start - right > _WORD_GAP * size):
            close()
        if not chars:
            base, size = y, char_size
        chars.append(index)
        right = max(end, x)
    close()
    return words


def _visual_lines(words: list[_Word]) -> list[list[_Word]]:
    """The words standing on one baseline, each line left to right, top to bottom: the
    cells of a row pdfium reads as lines of their own stand on one line here."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (-w.base, w.left)):
        if lines and abs(lines[-1][0].base - word.base) <= 0.3 * word.size:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _cells(line: list[_Word]) -> list[list[_Word]]:
    """A line's words parted where a gap wider than a word space stands (`_CELL_GAP`)."""
    cells: list[list[_Word]] = []
    for word in line:
        if cells and word.left - cells[-1][-1].right <= _CELL_GAP * word.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _cell_text(words: Sequence[_Word]) -> str:
    return join_lines(word.text for word in words)


def _header_columns(line: list[_Word]) -> _Columns | None:
    """The columns of a glossary table whose header the line is: a column of names and,
    after it, a column of what each means ("Term Definition", "名词 解释 举例")."""
    cells = _cells(line)
    header = tuple(_cell_text(cell) for cell in cells)
    found = glossary_columns(header) if len(cells) >= 2 else None
    if found is None:
        return None
    size = statistics.median(word.size for word in line)
    return _Columns(tuple(cell[0].left for cell in cells), header, size, *found)


def _data_edges(columns: _Columns, header: list[_Word], line: list[_Word]) -> _Columns:
    """The columns with each one's edge moved left to where the line starts a cell in it:
    a header cell may be centred over its column (a browser's or a handout's), its text
    then starting right of the column's edge, which the rows' lines start at. A cell
    starts a line or follows a gap (`_CELL_GAP`); it falls in a column between the header
    cell before it and the column's own header cell."""
    starts = [cell[0].left for cell in _cells(line)]
    cells = _cells(header)
    edges = list(columns.edges)
    slack = 0.5 * columns.size
    for column in range(len(edges) - 1, -1, -1):
        if column:
            floor = cells[column - 1][-1].right
        else:
            # the first column's text starts no farther left of its header than the
            # next column's does of the first header's end
            floor = edges[0] - (edges[1] - cells[0][-1].right)
        inside = [x for x in starts if floor < x <= edges[column] + slack]
        if inside:
            edges[column] = min(min(inside), edges[column])
    return replace(columns, edges=tuple(edges))


def _fits(line: list[_Word], columns: _Columns) -> bool:
    """The line may be a row's line of the table: set in its type, nothing left of its
    first column, no word running across a column's edge (a paragraph's line does)."""
    size = statistics.median(word.size for word in line)
    if not 0.8 * columns.size <= size <= 1.25 * columns.size:
        return False
    slack = 0.5 * columns.size
    if line[0].left < columns.edges[0] - slack:
        return False
    return not any(
        word.left < edge - slack and word.right > edge + slack
        for edge in columns.edges[1:]
        for word in line
    )


def _table_lines(
    lines: list[list[_Word]],
    start: int,
    columns: _Columns,
    header: list[_Word] | None = None,
) -> tuple[list[list[_Word]], _Columns]:
    """The lines from `start` on that the table holds, each near the one above it (or
    the `header`, if the page shows it) and fitting its columns (`_fits`), and the
    columns as its lines place them (`_data_edges`, under a header)."""
    body: list[list[_Word]] = []
    above = header[0].base if header else None
    for line in lines[start:]:
        if above is not None and above - line[0].base > _TABLE_GAP * columns.size:
            break
        placed = _data_edges(columns, header, line) if header else columns
        if not _fits(line, placed):
            break
        body.append(line)
        columns, above = placed, line[0].base
    # a short line after the table, wholly in its first column ("The end."), is the next
    # paragraph where it stands farther below the table than its rows stand apart
    while len(body) > 2 and all(_column(word, columns) == 0 for word in body[-1]):
        gaps = [a[0].base - b[0].base for a, b in pairwise(body[:-1])]
        if body[-2][0].base - body[-1][0].base <= max(gaps) + 0.3 * columns.size:
            break
        body.pop()
    return body, columns


def _column(word: _Word, columns: _Columns) -> int:
    slack = 0.5 * columns.size
    return max(i for i, edge in enumerate(columns.edges) if i == 0 or word.left >= edge - slack)


def _rows(
    body: list[list[_Word]],
    columns: _Columns,
    rules: list[tuple[float, float, float]],
    continued: bool = False,
) -> list[str] | None:
    """The table's rows, " | "-joined cells. A cell's lines stand one leading apart; the
    next row's stand farther (its padding) or past a rule drawn between them. A row's
    cells are those beside its name: top-aligned with it (Word) or centred on it (a
    browser's table, the gloss's first line above the name's baseline). Lines above the
    first name, on a page the table runs on to (`continued`), go on with the page
    before's last row; elsewhere they are the first row's.
    None where a gloss's line does not start at its column's edge: the columns are not
    the table's (a gloss wraps at its column's edge, whatever its header does)."""
    count = len(columns.edges)
    fragments: list[list[tuple[float, str, float, float]]] = [[] for _ in range(count)]
    for line in body:
        placed: dict[int, list[_Word]] = {}
        for word in line:
            placed.setdefault(_column(word, columns), []).append(word)
        for column, words in placed.items():
            left, right = words[0].left, words[-1].right
            fragments[column].append((line[0].base, _cell_text(words), left, right))
    edge = columns.edges[columns.meaning]
    if any(abs(fragment[2] - edge) > 0.5 * columns.size for fragment in fragments[columns.meaning]):
        return None
    gaps = [above[0] - below[0] for column in fragments for above, below in pairwise(column)]
    # the smallest gap is a cell's leading where some gaps are larger (a row's padding);
    # where all are alike, no cell wraps: each line is a row of its own
    tolerance = max(0.12 * columns.size, 1.0)
    leading = min(gaps, default=0.0)
    limit = leading + tolerance if gaps and max(gaps) - leading > tolerance else 0.0

    def ruled(above: float, below: float, left: float, right: float) -> bool:
        return any(
            below + 0.5 * columns.size < y < above - 0.15 * columns.size and a < right and b > left
            for a, b, y in rules
        )

    groups: list[list[tuple[float, float, str]]] = []  # per column: (top, bottom, text)
    for in_column in fragments:
        cells: list[list[tuple[float, str, float, float]]] = []
        for fragment in in_column:
            if cells and not (
                cells[-1][-1][0] - fragment[0] > limit
                or ruled(cells[-1][-1][0], fragment[0], fragment[2], fragment[3])
            ):
                cells[-1].append(fragment)
            else:
                cells.append([fragment])
        groups.append([(cell[0][0], cell[-1][0], join_lines(f[1] for f in cell)) for cell in cells])
    names = groups[columns.name]
    if not names:
        return None  # no row's name read: the columns are not the table's
    rows: list[list[str]] = [[""] * count for _ in names]
    above: list[str] = [""] * count  # a row's end the page before holds its name
    for column, grouped in enumerate(groups):
        if column == columns.name:
            for row, (_, _, name) in enumerate(grouped):
                rows[row][column] = name
            continue
        for top, bottom, cell_text in grouped:
            beside = _beside(names, top, bottom, columns.size)
            if beside is None and not continued and names:
                beside = 0
            if beside is None:
                above[column] = join_lines([above[column], cell_text])
            else:
                rows[beside][column] = join_lines([rows[beside][column], cell_text])
    if any(above):
        rows.insert(0, above)
    return [" | ".join(row) for row in rows]


def _beside(
    names: list[tuple[float, float, str]], top: float, bottom: float, size: float
) -> int | None:
    """The row of names whose lines the cell's lines stand beside most; None for a cell
    above the first name (the end of a row the page before began)."""
    if not names or bottom > names[0][0] + 0.3 * size:
        return None

    def overlap(name: tuple[float, float, str]) -> float:
        return min(top, name[0]) + size - max(bottom, name[1])

    def distance(name: tuple[float, float, str]) -> float:
        return abs((top + bottom) - (name[0] + name[1]))

    return max(range(len(names)), key=lambda i: (overlap(names[i]), -distance(names[i])))


def _horizontal_rules(page: pdfium.PdfPage) -> list[tuple[float, float, float]]:
    """The page's thin horizontal rules: (left, right, height)."""
    rules = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= _RULE_THICKNESS and right - left > top - bottom:
            rules.append((left, right, (bottom + top) / 2))
    return rules


# Word's and LibreOffice's list bullets drawn from the Symbol or Wingdings font come out
# as private-use code points (U+F0B7 is Symbol's bullet, U+F0A7 Wingdings' square); a
# presentation program's bullets are geometric shapes, arrows and ticks (PowerPoint's
# "▫" for a second-level item, "➢", "◆", "✓"). PowerPoint's own second-level bullet is an
# en dash: before Chinese it is no punctuation of the prose (Chinese writes a dash "——"),
# and read as text it ran a slide's sub-items into their parent's line ("流行过程– 定义：…–
# 基本环节"); before Latin it may be a British aside wrapped to a line's start ("… – and
# that"), so it is left there
_SYMBOL_BULLETS = re.compile(
    r"^([\r \t]*)(?:[\uf0b7\uf0a7\uf06e\uf071\uf076\uf0d8\uf0fc"
    r"◦▪▫‣●○■□◆◇◊❖➢➣➤►▸▹▶▷✓✔✗✘◼◻⬛⬜]|–(?=[ \u00a0]+[\u3400-\u9fff]))"
)


BULLET = "•"


def _drawn_bullets(lines: list[_Line], bullets: list[tuple[float, float]]) -> list[_Line]:
    """Each line a bullet drawn apart from it stands before marked as a list item.
    LibreOffice draws a list's bullets after all the page's text, so they come last in
    reading order, alone: an item whose text ends on no stop ran on into the next item (a
    worksheet's options "A. … D. transduction" into the next question's stem). A bullet
    stands on the item's first baseline, within three ems left of its text."""
    if not bullets:
        return lines
    return [
        replace(line, item=True)
        if any(
            abs(y - line.top) <= 0.3 * line.size and 0 < line.left - x <= 3 * line.size
            for x, y in bullets
        )
        else line
        for line in lines
    ]


# an ordered list's number or letter, alone on a line: "1.", "b)", "(iv)"
_DRAWN_NUMBER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxlc]{2,6}|[IVXLC]{2,6})[.)]")


def _drawn_numbers(lines: list[_Line]) -> list[_Line]:
    """An ordered list's numbers drawn apart from their items put back before them.
    WeasyPrint (and LibreOffice, as with bullets) draws an ordered list's markers after
    the page's text, each alone, so a worksheet's questions and their lettered options
    lost their numbers and labels and the numbers stood as blocks of their own ("1.",
    "2.", …): the options read as statements of the text. A marker stands on its item's
    first baseline, within three ems left of its text; the item then starts where the
    marker does, as a typed "1. …" would (`_next_number` lines items up by it)."""
    markers = [n for n, line in enumerate(lines) if _DRAWN_NUMBER.fullmatch(line.text)]
    if not markers:
        return lines
    owner: dict[int, int] = {}  # item line -> marker line
    for n in markers:
        marker = lines[n]
        for m, line in enumerate(lines):
            if (
                m not in owner
                and m not in markers
                and line.page == marker.page
                and abs(line.top - marker.top) <= 0.3 * line.size
                and 0 < line.left - marker.right <= 3 * line.size
            ):
                owner[m] = n
                break
    placed = set(owner.values())
    return [
        replace(
            line, text=f"{lines[owner[m]].text} {line.text}", left=lines[owner[m]].left, item=True
        )
        if m in owner
        else line
        for m, line in enumerate(lines)
        if m not in placed
    ]


# a bullet drawn as a shape: a dot or square from a tenth of an em to two thirds of one
_SHAPE_EMS = (0.1, 0.67)


# more small shapes than a page of lists holds bullets: a chart's marks (a scatter plot's
# thousands of squares), which would also cost a comparison per line and shape
_MAX_SHAPES = 500


def _small_shapes(
    page: pdfium.PdfPage, kind: int = pdfium_c.FPDF_PAGEOBJ_PATH
) -> list[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) of the page's small, roughly square paths
    (or objects of another `kind`), under 12 points a side: what a browser draws a list's
    discs and squares as (none on a page holding more than `_MAX_SHAPES`)."""
    shapes = []
    for obj in page.get_objects(filter=[kind], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if 0 < width <= 12 and 0 < height <= 12 and 0.5 <= width / height <= 2:
            shapes.append((left, bottom, right, top))
            if len(shapes) > _MAX_SHAPES:
                return []
    return shapes


def _shape_bullets(
    lines: list[_Line], shapes: list[tuple[float, float, float, float]]
) -> list[_Line]:
    """Each line a bullet drawn as a shape stands before marked as a list item: a dot or
    square of `_SHAPE_EMS` of the line's size, within two ems left of its text, between
    its baseline and its x-height. Chrome prints a list's bullets so, no glyph in the
    text: items set with the body's leading and no stop ran into one paragraph
    ("层次数据库（…）关系数据库（…）Oracle Database：…")."""
    if not shapes:
        return lines
    return [
        replace(line, item=True)
        if not line.item
        and any(
            _SHAPE_EMS[0] * line.size <= right - left <= _SHAPE_EMS[1] * line.size
            and 0 < line.left - right <= 2 * line.size
            and line.top - 0.1 * line.size <= bottom
            and top <= line.top + 0.8 * line.size
            for left, bottom, right, top in shapes
        )
        else line
        for line in lines
    ]


def _bulleted(line: str) -> str:
    """A bullet glyph opening the line read as the bullet "•" it draws, so the item reads
    as any list item does (one character for one: indices still match)."""
    return _SYMBOL_BULLETS.sub(lambda m: m.group(1) + "•", line, count=1)


# a Latin letter, digit or closing mark against an opening double quote, or a closing one
# against a Latin letter or digit: pdfium finds no space where LaTeX's kerning narrows it
_GLUED_OPENING = re.compile(r"(?<=[A-Za-z0-9.,;:!?)])“")
_GLUED_CLOSING = re.compile(r"”(?=[A-Za-z0-9(])")


def _quotes_apart(text: str) -> str:
    """The space back on the outer side of curly double quotes ("the term“heart”is" →
    "the term “heart” is"). English never sets them touching a word outside; Chinese
    does ("称为“数据库”的"), and keeps it: only Latin neighbours are spaced."""
    if "“" not in text and "”" not in text:
        return text
    return _GLUED_CLOSING.sub("” ", _GLUED_OPENING.sub(" “", text))


def _utf16_units(text: str) -> str:
    """`text` with each character beyond the Basic Multilingual Plane as its two UTF-16
    surrogates: pdfium counts a character per UTF-16 unit, so XeLaTeX's maths letters
    ("𝑞", U+1D45E) would shift every later character's font, size and position lookup by
    one (the body font's "品" read as a maths symbol, an ordinary word as bold)."""
    if text.isascii() or all(ord(char) <= 0xFFFF for char in text):
        return text
    return "".join(char if ord(char) <= 0xFFFF else _surrogates(ord(char)) for char in text)


def _indexed(textpage: pdfium.PdfTextPage, text: str) -> str:
    """`text` with a space back where pdfium's text leaves out a character its index counts:
    a glyph mapped to a control character (TeX's big delimiters and sums in CMEX10 read as
    U+0000-U+0003) is dropped from the text but keeps its index, and every later font, size
    and position lookup on the page would be one off (a theoretical mechanics handout's
    "不是", "确实" read as maths, half its sentences as bold). Unchanged when the two agree."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    if len(text) >= count:
        return text
    chars: list[str] = []
    at = 0
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        dropped = code < 0x20 and code not in (0x09, 0x0A, 0x0D)
        if dropped and (at >= len(text) or text[at] not in (chr(code), "\ufffe")):
            chars.append(" ")
        elif at < len(text):
            chars.append(text[at])
            at += 1
    return "".join(chars) if at == len(text) and len(chars) == count else text


def _surrogates(code: int) -> str:
    code -= 0x10000
    return chr(0xD800 + (code >> 10)) + chr(0xDC00 + (code & 0x3FF))


def _whole(text: str) -> str:
    """Surrogate pairs (`_utf16_units`) back into the characters they stand for."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_WORD = re.compile(r"[^\W_]{2,}")


def _font_size(textpage: pdfium.PdfTextPage, index: int) -> float:
    """The character's size in points. Acrobat's PDF maker for Word sets every run in a
    1-point font that the text matrix scales (to 12 for the body, 6.9 for a subscript):
    read as pdfium gives it, every line was 1 pt, no heading stood larger than the body and
    no subscript smaller ("Qair" was a concept). A font whose size is not 1 is read as it
    stands, the matrix left aside, as before."""
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
    if size != 1.0:
        return size
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        return size
    scale = math.hypot(matrix.c, matrix.d)
    return scale if scale > 0 else size


def _line_size(textpage: pdfium.PdfTextPage, first: int, stripped: str) -> float:
    """The median size of the line's first few characters: some producers report 1 pt for
    the first character of each text object ("典" 1.0, "型" 10.0), and a drop cap is one
    large letter before the body's."""
    sizes = sorted(
        _font_size(textpage, first + i) for i, char in enumerate(stripped[:5]) if not char.isspace()
    )
    return sizes[len(sizes) // 2] if sizes else 0.0


def _colour(textpage: pdfium.PdfTextPage, index: int) -> tuple[int, int, int]:
    """The fill colour of the character at `index` (black when pdfium cannot tell)."""
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFText_GetFillColor(textpage.raw, index, red, green, blue, alpha):
        return (0, 0, 0)
    return (red.value, green.value, blue.value)


def _subscripted(textpage: pdfium.PdfTextPage, line: str, offset: int) -> dict[str, str]:
    """Words that are a symbol with its subscript or superscript glued on by the text layer
    ("x" + small "n" → "xn", "k" + small "post" → "kpost"), each with the two apart ("x
    n"). Read glued, maths became terms ("dzk", "flin"). A drop cap (a letter two or three
    times the rest) and small capitals faked by size (uppercase letters) are not split."""
    apart: dict[str, str] = {}
    for match in _WORD.finditer(line):
        start = offset + match.start()
        size = _font_size(textpage, start)
        if size <= 0:
            continue
        word = match.group()
        last = _font_size(textpage, start + len(word) - 1)
        if last >= 0.85 * size:
            continue  # the usual case, cheaply: a subscript runs to the word's end
        for i in range(1, len(word)):
            ratio = _font_size(textpage, start + i) / size
            if 0.55 <= ratio < 0.85 and not word[i:].isupper():
                apart[word] = f"{word[:i]} {word[i:]}"
                break
    return apart


def _index_reach(
    textpage: pdfium.PdfTextPage, line: str, offset: int, top: float, size: float
) -> tuple[float | None, float | None]:
    """The lowest and the highest baseline of the line's characters, a subscript's and a
    superscript's, within half a line of its first character's (`top`); None for one that
    is `top`. A browser's PDF (WeasyPrint, "Save as PDF") makes a line holding a <sub> or a
    <sup> that much deeper, and the gap to the next line looked like a paragraph's
    (`_new_paragraph`). Only the characters an index can be are read (a baseline is a call
    into pdfium each: reading every one read a 300-page PDF 25 % slower, these 15 %): each word's
    first and last and every one that is no letter, a digit or a sign ("H2O", "x_i" set
    "xi", "e^{-x}" set "e−x"; "K_AC" set "KAC" ends on one)."""
    places = {i for i, char in enumerate(line) if not char.isalpha() and not char.isspace()}
    for word in _TOKEN.finditer(line):
        places.update((word.start(), word.end() - 1))
    heights = [
        y for i in sorted(places) if abs((y := _origin(textpage, offset + i)[1]) - top) < 0.6 * size
    ]
    low, high = min(heights, default=top), max(heights, default=top)
    return (low if low < top else None), (high if high > top else None)


def _part(text: str, apart: dict[str, str]) -> str:
    if not apart:
        return text
    return _WORD.sub(lambda m: apart.get(m.group(), m.group()), text)


# CJK radicals (Kangxi, and the supplement). Some PDF producers (fonts on macOS among them)
# map a character's glyph to its radical and then give the character too: "论⽂文", "常⻅见".
_RADICAL = re.compile(r"[\u2e80-\u2fdf]")


# combining accents (a hat, a bar, a tilde, a dot) standing on no letter of their own
_STRAY_MARK = re.compile(r"\s*[\u0300-\u036f]+")


def _without_trailing_marks(text: str) -> str:
    """`text` without the combining accents (and the spaces before them) that end it;
    `text` itself when it is nothing else."""
    found = re.search(r"(?:\s*[\u0300-\u036f])+$", text)
    return text[: found.start()] if found and found.start() else text


def _stray_marks(text: str) -> str:
    """Combining accents the text layer gives apart from their letter go: a browser or a
    maths font draws "θ̂" as the letter and the hat over it, and the hat comes out after a
    space, a bracket or a Chinese character ("θ =  ̂ θ(̂X", "称为参 ̂" / "数"), where it
    accents nothing and split the word it fell into. A mark right after a letter of an
    alphabet stays on it ("é", "x̄")."""
    if not _STRAY_MARK.search(text):
        return text

    def kept(found: re.Match[str]) -> str:
        before = text[found.start() - 1 : found.start()]
        on_a_letter = not found.group(0)[0].isspace() and before.isalpha() and not HAN.match(before)
        return found.group(0) if on_a_letter else ""

    return _STRAY_MARK.sub(kept, text)


def _unradical(text: str) -> str:
    """A radical before an ideograph goes (it stands for that character); a lone one
    becomes the character it is a form of."""
    if not _RADICAL.search(text):
        return text
    kept = []
    for index, char in enumerate(text):
        if not _RADICAL.match(char):
            kept.append(char)
        elif not HAN.match(text[index + 1 : index + 2]):
            kept.append(unicodedata.normalize("NFKC", char))
    return "".join(kept)


# a letter of Unicode's maths alphabets (U+1D400-U+1D7FF: "𝛽", "𝜆", "𝑘", as LuaTeX and
# XeTeX set maths) standing alone before a hyphen and a word
_MATHS_PREFIX = re.compile(r"(?<![^\W\d_])[\U0001D400-\U0001D7FF](?=-[^\W\d_]{2,})")


def _plain_prefix(text: str) -> str:
    """A maths letter that opens a hyphenated name as the plain letter it is ("𝛽-redex" →
    "β-redex", "𝜆-calculus", "𝑘-means", "𝑝-value"): the name is a word of the text, and
    read in the maths alphabet its letter fell away ("𝛽-normal form" was "normal form",
    "𝛼-equivalence" "equivalence"). A letter inside a formula ("𝑥𝑦-…") stays."""
    return _MATHS_PREFIX.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


_MONO_NAMES = ("mono", "courier", "consol", "menlo", "code", "typewriter")


_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_TEXT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # with CJK punctuation
# a Latin word (Greek letters and digits in it; it may open on digits, "70S ribosomes"), a
# number (a bold "Compromise of 1877" or "Type 2 diabetes" is one run: skipped, the number
# ended the run before it) or one Chinese character: "X到输出" is the symbol X and three
# characters, each in its own font
_WORD_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_TOKEN = re.compile(
    rf"[0-9]*[A-Za-z][A-Za-z0-9_'’\-\u0370-\u03ff]*|{_WORD_NUMBER.pattern}|[\u3400-\u9fff]"
)


_CLOSERS = dict(zip("）)」』”’】》", "（(「『“‘【《", strict=True))


def _code_font(name: str) -> bool:
    """The font's name says it sets code ("WenQuanYi-Micro-Hei-Mono", "Sarasa Mono SC")."""
    lowered = name.lower()
    return any(m in lowered for m in _MONO_NAMES)


def _font_name(textpage: pdfium.PdfTextPage, index: int) -> str:
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, 128, ctypes.byref(flags))
    return name.value.decode("latin-1")


@dataclass(frozen=True, slots=True)
class _HanFonts:
    """The font of each Chinese character on a page (by its index in the page's text), read
    once per page, and the font most of them are set in: the body's ("" without any)."""

    by_index: dict[int, str]
    body: str

    def other(self, at: int, setting: str = "") -> bool:
        """The Chinese character at page index `at` and one beside it set in another font
        than the body's and the line's `setting` (`setting`): one character alone in
        another font is a glyph the body font lacks, not emphasis (a line's ends are line
        breaks, never Chinese)."""
        plain = (self.body, setting)
        font = self.by_index.get(at)
        if font is None or font in plain:
            return False
        return any(self.by_index.get(i, self.body) not in plain for i in (at - 1, at + 1))

    def code_text(self, line: str, offset: int) -> bool:
        """Every Chinese character of the line is set in a code font other than the
        body's: a program's output or string in a listing ("rm: 缺少操作数", "echo 输入有误"
        as a browser prints a code block, its Chinese from "Noto Sans Mono CJK SC")."""
        fonts = [
            self.by_index.get(offset + i, self.body) for i, c in enumerate(line) if HAN.match(c)
        ]
        return bool(fonts) and all(f != self.body and _code_font(f) for f in fonts)

    def setting(self, line: str, offset: int, above: str) -> str:
        """The font other than the body's that sets the line's Chinese wholly (two thirds
        of it, twelve characters or more: longer than a term, in a line with a clause's
        punctuation), or goes on setting it from the line above (`above`), or sets what
        follows an environment's header opening the line ("Example 8.4 (循环坐标). 若 …",
        the bracketed note in the body's font): the typeface of an environment, no stress
        (ctex notes set a theorem's, an example's, a remark's text in Kai, as amsthm sets
        English in italics: a page of them read as one emphasised fragment after another
        between the formulas, "设试验", "的一个划分", "不显含"); "" when there is none."""
        header = _ENVIRONMENT_OPENING.match(line)
        start = offset + (header.end() if header else 0)
        fonts = Counter(
            font
            for at in range(start, offset + len(line))
            if (font := self.by_index.get(at)) is not None
        )
        if not fonts:
            return "" if header else above
        font, count = fonts.most_common(1)[0]
        if font == self.body or 3 * count < 2 * fonts.total():
            return ""
        long = count >= _SETTING_CHARS and bool(_CLAUSE_MARKS & set(line))
        return font if font == above or header or long else ""


# a theorem environment's header opening a line: its kind and number, perhaps a bracketed
# note, and the stop after them ("Example 8.4 (循环坐标).", "定理 2.1：")
_ENVIRONMENT_OPENING = re.compile(
    r"\s*(?:[A-Z][a-z]{2,12}|定义|定理|引理|推论|命题|例题?|注)\s*\d{1,3}(?:\.\d{1,3}){0,3}"
    r"\s*(?:[(（][^()（）]{1,40}[)）])?\s*[.:：．]"
)
# a line's Chinese two thirds in one font other than the body's, this many characters of it
# at least, is set in an environment's typeface (`_HanFonts.setting`)
_SETTING_CHARS = 12
_CLAUSE_MARKS = frozenset("，。；：、,.;:")
# the share of a page's Chinese the document's body font sets at least to be the page's body
# font too: a page of theorems and examples in Kai is still set in the document's Song
_PAGE_BODY_SHARE = 0.25


def _han_fonts(textpage: pdfium.PdfTextPage, text: str, document: str = "") -> _HanFonts:
    """The page's Chinese fonts; its body font is the document's (`document`) where that
    sets a fair share of the page's Chinese, else the one most of the page is set in."""
    by_index = {index: _font_name(textpage, index) for index, c in enumerate(text) if HAN.match(c)}
    counts = Counter(by_index.values())
    if document and counts[document] >= _PAGE_BODY_SHARE * counts.total():
        return _HanFonts(by_index, document)
    return _HanFonts(by_index, counts.most_common(1)[0][0] if counts else "")


# a fixed-pitch family that sets this share of the Latin letters and digits of the lines
# holding Chinese, and this many of them at least, is the prose's Latin font, not code
_LATIN_TEXT_SHARE = 0.95
_LATIN_TEXT_CHARS = 200
# a font name's style after its family ("JetBrainsMono-Bold", "Arial,BoldItalic")
_FONT_STYLE = re.compile(r"[-,](?:Regular|Bold|Italic|Oblique|Medium|Light|Semibold|SemiBold|"
                         r"BoldItalic|BoldOblique|Book|Roman)$")  # fmt: skip


def _family(font: str) -> str:
    """The font's family: its name without the subset's tag ("AAAAAA+") and its style."""
    return _FONT_STYLE.sub("", font.rpartition("+")[2])


def _document_fonts(document: pdfium.PdfDocument) -> tuple[str, str]:
    """The font most of the document's Chinese is set in ("" without any Chinese), and the
    fixed-pitch family that sets nearly all the Latin of its Chinese prose ("" if none):
    some Markdown editors' themes set every Latin letter and digit of the text in a
    programming font ("JetBrains Mono" beside "Microsoft YaHei", headings in its bold), so
    "4KB", "6ms", "A. 22" read as inline code, each a concept of a memory-hierarchy
    handout; a text with code in it sets its English words and numbers in the body font
    too, and its code font stays code."""
    counts: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    for index in range(len(document)):
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                page_text = textpage.get_text_range()
                if not HAN.search(page_text):
                    continue  # a page without Chinese (all of an English book's)
                text = _indexed(textpage, _utf16_units(page_text))
                counts.update(_font_name(textpage, i) for i, c in enumerate(text) if HAN.match(c))
                offset = 0
                for line in text.split("\n"):
                    if HAN.search(line):
                        latin.update(
                            _font_name(textpage, offset + i)
                            for i, c in enumerate(line)
                            if c.isascii() and c.isalnum()
                        )
                    offset += len(line) + 1
            finally:
                textpage.close()
        finally:
            page.close()
    families: Counter[str] = Counter()
    for font, count in latin.items():
        families[_family(font)] += count
    family, count = families.most_common(1)[0] if families else ("", 0)
    text = (
        family
        if count >= _LATIN_TEXT_CHARS
        and count >= _LATIN_TEXT_SHARE * families.total()
        and _code_font(family)
        else ""
    )
    return (counts.most_common(1)[0][0] if counts else ""), text


# a run of its own this short at most (characters, spaces aside): a stressed name, not
# a passage between two unrelated breaks
_HIDDEN_RUN_CHARS = 24
# Chinese characters and punctuation in a row on one line, spaces between them allowed
_CJK_RUN = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef](?:[ ]*[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])*"
)
_SENTENCE_BREAKS = frozenset("。！？；")
# more of a page's steps between Chinese characters than this change text object: the
# producer sets glyphs apart as it likes (measured per page: LibreOffice up to half the
# steps, on handouts dense with formatting changes; XeTeX under a tenth; Skia all)
_GLYPH_OBJECTS_SHARE = 0.8


def _object_style(obj: Any) -> tuple[object, ...]:
    """What a text object shows of its style: font, size, render mode, fill colour, shape."""
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
    font = ctypes.cast(pdfium_c.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value
    shape = (round(matrix.a, 3), round(matrix.b, 3), round(matrix.c, 3), round(matrix.d, 3))
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
    return (font, round(size.value, 2), mode, (r.value, g.value, b.value), shape)


def _uncoloured(style: tuple[object, ...]) -> tuple[object, ...]:
    """A text object's style but its fill colour: a short run of Chinese set in another
    colour, nothing else changed, is stressed as a bold one the font cannot show (Typst
    has no fake bold, so a Chinese note's `*关税*` in a font with no bold cut is drawn in
    the regular one, and a template colours its `strong` to show it; a 课件 sets its key
    terms in red). The run's pairing of breaks and its link check keep a link's colour
    out."""
    font, size, mode, _colour, shape = style
    return (font, size, mode, shape)


def _hidden_runs(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    text: str,
    underlined: frozenset[int] = frozenset(),
) -> frozenset[int]:
    """Page indices of Chinese characters set as a run of their own that shows no change:
    LibreOffice starts a new text object where the formatting changes, and a bold or
    italic asked of a Chinese font with no such cut is drawn in the regular one (the
    stress is lost on the page, kept in the objects). Two such breaks between Chinese
    characters, with the same font, size, render mode, colour and shape on both sides,
    close a short run between them ("行称为|记录|，它相当于"); a link's run (XeTeX
    breaks its objects at a link) is no stress. A break where an underline starts or
    ends (`underlined`) is the underline's: paired with the breaks of a bold run it
    closed the wrong pieces of a line ("机体|产生的专门应对|抗原"). A page whose Chinese
    characters change object at most steps (Chrome's Skia sets most glyphs as objects of
    their own) says nothing by its breaks."""
    if not _CJK.search(text):
        return frozenset()
    raw = textpage.raw
    breaks: list[int] = []
    styles: dict[int, tuple[object, ...]] = {}  # each object's style, read once

    def style(address: int, obj: Any) -> tuple[object, ...]:
        if address not in styles:
            styles[address] = _object_style(obj)
        return styles[address]

    steps = changes = 0  # consecutive characters on one object or on two
    for run in _CJK_RUN.finditer(text):
        # the last character's object (address, handle) and its index
        last: tuple[int, Any, int] | None = None
        for index in range(run.start(), run.end()):
            if text[index] == " ":
                if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                    last = None  # a gap pdfium filled with a space: two cells, not one run
                continue
            obj = pdfium_c.FPDFText_GetTextObject(raw, index)
            address = ctypes.cast(obj, ctypes.c_void_p).value
            if address is None:
                last = None
                continue
            if last is not None:
                steps += 1
                changes += address != last[0]
                if (
                    address != last[0]
                    and _uncoloured(style(address, obj)) == _uncoloured(style(*last[:2]))
                    and (index in underlined) == (last[2] in underlined)
                ):
                    breaks.append(index)
            last = (address, obj, index)
    if changes > steps * _GLYPH_OBJECTS_SHARE:
        return frozenset()
    hidden: set[int] = set()
    position = 0
    while position + 1 < len(breaks):
        start, end = breaks[position], breaks[position + 1]
        run = text[start:end]
        if (
            len(run.replace(" ", "").replace("\r", "").replace("\n", "")) <= _HIDDEN_RUN_CHARS
            and not _SENTENCE_BREAKS & set(run)
            and not _linked(page, textpage, start)
        ):
            hidden.update(range(start, end))
            position += 2
        else:
            position += 1
    return frozenset(hidden)


# an underline: a stroke or a filled bar this thin (points) ...
_RULE_THICKNESS = 2.0
# ... drawn this far under the baseline at most, in ems of the text: LibreOffice and Word
# draw it at 0.1 em; a table's rule under a row (LaTeX's strut, a cell's padding) stands
# 0.3 em or more below it
_UNDERLINE_DEPTH = 0.25


def _underlined(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> frozenset[int]:
    """Page indices of the characters a thin horizontal rule is drawn right under: the
    underline a Word file's runs had (a review sheet underlines the answer of each blank)
    is a path on the page, the text itself shows nothing. The DOCX reader reads the same
    runs as emphasis. An underlined link is the link's style, no stress."""
    rules = _horizontal_rules(page)
    if not rules:
        return frozenset()
    found = set()
    for index, char in enumerate(text):
        if not char.strip():
            continue
        baseline = _origin(textpage, index)[1]
        depth = _UNDERLINE_DEPTH * _font_size(textpage, index)
        left, right = _char_span(textpage, index)
        middle = (left + right) / 2
        if any(a <= middle <= b and baseline - depth <= y <= baseline for a, b, y in rules):
            found.add(index)
    return frozenset(i for i in found if not _linked(page, textpage, i))


_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# a small capital stands as high as a lowercase letter without ascender, a capital
# 1.3-1.5 times as high (Palatino, Times, Computer Modern, DejaVu): a capital's glyph box
# this many times the x-height of its font at most is a small capital
_SMALL_CAPITAL_HEIGHT = 1.2
_CAPITALS_WORD = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de]{2,}")
_X_LETTERS = frozenset("acemnorsuvwxz")  # no ascender, no descender
_TALL_LETTERS = frozenset("bdhklt")  # an ascender: as high as a capital or higher
_X_SAMPLE = 400  # letters measured for a page's x-heights


def _small_capitals(textpage: pdfium.PdfTextPage, text: str) -> dict[int, str]:
    """The words set in small capitals (LaTeX's \\textsc, a book's mark of a term
    introduced: "Offering an ARGUMENT … expresses the CONCLUSION"), by page index: each of
    their characters, a small capital as the lowercase letter it stands for and a full
    capital ("\\textsc{Argument}"'s A) as it is. pdfium reads a small capital drawn from
    an OpenType font's small-caps glyphs as its capital; its glyph box is no higher than a
    lowercase letter's of its font and size. A word of capitals at least half of which
    are that low; a font whose boxes are no glyph's (none, or its ascenders no higher
    than its x-height: a LaTeX book's Latin Modern in py4e's PDF read "SQL" and "DROP"
    as small capitals) shows none, nor one whose lowercase the page does not show."""
    words = list(_CAPITALS_WORD.finditer(text))
    if not words:
        return {}
    raw = textpage.raw
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()

    def style(index: int) -> tuple[bytes, float]:
        pdfium_c.FPDFText_GetFontInfo(raw, index, name, 128, ctypes.byref(flags))
        return name.value, round(pdfium_c.FPDFText_GetFontSize(raw, index), 2)

    def height(index: int) -> float:
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        pdfium_c.FPDFText_GetCharBox(
            raw,
            index,
            ctypes.byref(left),
            ctypes.byref(right),
            ctypes.byref(bottom),
            ctypes.byref(top),
        )
        return top.value - bottom.value

    # the words' own styles first: only their fonts' letters are measured
    styles = {i: style(i) for match in words for i in range(match.start(), match.end())}
    wanted = set(styles.values())

    def medians(letters: frozenset[str]) -> dict[tuple[bytes, float], float]:
        measured: dict[tuple[bytes, float], list[float]] = {}
        found = [i for i, c in enumerate(text) if c in letters]
        for index in found[:: max(1, len(found) // _X_SAMPLE)]:
            if (key := style(index)) in wanted:
                measured.setdefault(key, []).append(height(index))
        return {k: statistics.median(v) for k, v in measured.items() if len(v) >= 3}

    tall = medians(_TALL_LETTERS)
    x_height = {
        k: x
        for k, x in medians(_X_LETTERS).items()
        if k in tall and tall[k] >= _SMALL_CAPITAL_HEIGHT * x  # boxes as high as glyphs
    }
    found: dict[int, str] = {}
    for match in words:
        low = set()
        for index in range(match.start(), match.end()):
            x = x_height.get(styles[index], 0.0)
            if x > 0 and 0 < height(index) <= _SMALL_CAPITAL_HEIGHT * x:
                low.add(index)
        if len(low) * 2 >= match.end() - match.start():
            # a small capital with a tail (Q, J) stands lower than its box: after the
            # word's first letter every capital is a small one
            first = match.start()
            found[first] = text[first].lower() if first in low else text[first]
            found.update({i: text[i].lower() for i in range(first + 1, match.end())})
    return found


def _linked(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, index: int) -> bool:
    """A link covers the character at `index`."""
    x, y = _origin(textpage, index)
    size = _font_size(textpage, index)
    return bool(pdfium_c.FPDFLink_GetLinkAtPoint(page.raw, x + size / 2, y + size / 3))


def _styles(
    textpage: pdfium.PdfTextPage,
    line: str,
    offset: int,
    apart: dict[str, str],
    han: _HanFonts | None = None,
    hidden: frozenset[int] = frozenset(),
    underlined: frozenset[int] = frozenset(),
    setting: str = "",
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Runs of italic or bold words (first character of each word; each Chinese character),
    and runs of words set in a maths font, as (start, end) in `line`. `apart`: the line's
    symbols with a subscript glued on (`_subscripted`). Chinese is stressed by a change of
    typeface more than by a bold or italic cut of it (ctex sets bold in Hei and italic in
    Kai, inside Song; most Chinese fonts have no bold): a Chinese character set in another
    font than the page's body font (`han`) is emphasised too."""
    runs: list[tuple[int, int]] = []
    maths: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    held: tuple[int, int] | None = None  # a styled symbol-shaped word, run or maths yet
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for match in _TOKEN.finditer(line):
        pdfium_c.FPDFText_GetFontInfo(
            textpage.raw, offset + match.start(), name, 128, ctypes.byref(flags)
        )
        font = name.value.decode("latin-1").lower()
        maths_font = bool(_MATH_FONT.search(font))
        if maths_font:
            if maths and not line[maths[-1][1] : match.start()].strip():
                maths[-1] = (maths[-1][0], match.end())  # "y" + subscript "ij": one symbol
            else:
                maths.append(match.span())
        italic = bool(flags.value & 64) or any(m in font for m in ("italic", "oblique"))
        bold = _heavy(font, pdfium_c.FPDFText_GetFontWeight(textpage.raw, offset + match.start()))
        # a line in an environment's typeface (`_HanFonts.setting`): amsthm sets a theorem's
        # or an example's Latin words in italics as ctex sets its Chinese in Kai, so their
        # italics are no stress ("Example 6.1 … Euler 方程给出" made Euler a concept)
        environment = bool(setting) and italic and not bold and not HAN.match(match.group())
        styled = (italic and not environment) or bold
        styled = styled or (han is not None and han.other(offset + match.start(), setting))
        styled = styled or offset + match.start() in hidden
        # "*E. coli*", "*C. botulinum*": a genus's initial opening the run, not a variable
        initial = (
            not current
            and len(match.group()) == 1
            and match.group().isupper()
            and line[match.end() : match.end() + 2] == ". "
            and not line[: match.start()].endswith(".")  # "U.S.", "W.M.": no genus
        )
        if current and (
            _underline_broken(line, offset, current[-1][1], match.start(), underlined)
            or ASIDE_DASH.search(line, current[-1][1], match.start())
        ):
            # a dash set as punctuation parts two runs however both are styled: "**historical
            # reliabilism**—*historical* because …" sets the term in bold and opens its gloss
            # on an italic word, and read as one run "historical reliabilism—historical"
            # was the concept and the term itself none
            runs.append(_closed(line, current[0][0], current[-1][1]))
            current = []
        mathematical = _mathematical(match.group(), maths_font, apart)
        if styled and (initial or not mathematical):
            if held is not None:  # "Ad" + "hominem": the short word of a styled phrase
                current.append(held)
            held = None
            current.append(match.span())
        elif styled and held is None and not maths_font and match.group() not in apart:
            # a styled word only its shape makes a symbol ("Ad", "de" as "dx" is): held
            # until the next word shows whether the run goes on with words ("**Ad
            # hominem**", "*reductio ad absurdum*"); the PDF lost "Ad hominem: …" as a
            # term glossed, "hominem" alone emphasised
            held = match.span()
        else:
            held = None
            if current:
                runs.append(_closed(line, current[0][0], current[-1][1]))
                current = []
    if current:
        runs.append(_closed(line, current[0][0], current[-1][1]))
    return runs, maths


def _underline_broken(
    line: str, offset: int, end: int, start: int, underlined: frozenset[int]
) -> bool:
    """Two underlined words with a mark between them the underline leaves out are two
    runs: "识别<u>抗原</u>，<u>分化</u>成" underlines two answers, not "抗原，分化"."""
    if offset + end - 1 not in underlined or offset + start not in underlined:
        return False
    return any(
        char.strip() and offset + index not in underlined
        for index, char in enumerate(line[end:start], end)
    )


# TeX's maths fonts (Computer Modern, AMS, Latin Modern, Palatino's, double-struck) and
# any font named for maths: their italic letters are variables, not emphasis
_MATH_FONT = re.compile(r"^(?:[a-z]{6}\+)?(?:cmmi|cmsy|cmex|cmbsy|msam|msbm|eufm|rsfs|dsrom|stmary|"
                        r"wasy|txmi|txsy|pxmi|pxsy|lmmi|lmsy|zplm)|math")  # fmt: skip
# a symbol: one or two Latin or Greek letters that are no English word ("x", "dx", "θ";
# not "a", "or"), or letters with digits ("x1", "p0")
_VARIABLE = re.compile(r"[A-Za-z\u0370-\u03ff]{1,2}|[A-Za-z\u0370-\u03ff]+\d+\w*")


def _mathematical(word: str, maths_font: bool, apart: dict[str, str]) -> bool:
    """A styled word that is maths, not a stressed word: set in a maths font, one or two
    letters or letters with digits ("x", "dx", "x1": a text font's italic serves as maths
    italic in Palatino and Times), or a letter with a smaller subscript glued on ("kpost"
    is k with "post" below it)."""
    return (
        maths_font
        or (
            _VARIABLE.fullmatch(word) is not None
            and word.lower() not in EN_STOP
            and not _CHEMICAL_FORMULA.fullmatch(word)
        )
        or word in apart
    )


# two elements or more with a count: "H2O", "CO2", "H2SO4" are named, not variables ("x1")
_CHEMICAL_FORMULA = re.compile(r"(?=\w*\d)(?:[A-Z][a-z]?\d*){2,}")


def _closed(line: str, start: int, end: int) -> tuple[int, int]:
    """The run with the brackets or quotes it opened and the next characters close:
    "二叉树（binary tree" + "）". Only words are looked up, so a closing mark after the last
    word would be lost, and the gloss then could not be told from the term. A run that
    starts the line may close what the line before opened ("左子树（left" / "subtree）")."""
    continued = not line[:start].strip()
    while end < len(line) and line[end] in _CLOSERS:
        opener = _CLOSERS[line[end]]
        opened = line.count(opener, start, end) - line.count(line[end], start, end)
        if opened <= 0 and not (continued and opener not in line[:end]):
            break
        end += 1
        continued = False
    return start, end


def _code_runs(
    textpage: pdfium.PdfTextPage, line: str, offset: int, latin_text: str = ""
) -> list[tuple[int, int]]:
    """Runs of characters set in a fixed-pitch font, as (start, end) in `line`; runs apart
    only by spaces set in that font too are one ("if let", not "Option<T> match"). The
    family that sets the prose's Latin (`latin_text`, `_document_fonts`) sets no code."""
    runs: list[tuple[int, int]] = []
    joinable = False  # only fixed-pitch spaces since the last run
    for i, char in enumerate(line):
        if char.isspace():
            joinable = joinable and _monospace(textpage, offset + i)
            continue
        # a CJK font's glyphs all have one width, so it may say "fixed pitch": not code
        if (
            _CJK_TEXT.match(char)
            or not _monospace(textpage, offset + i)
            or (latin_text and _family(_font_name(textpage, offset + i)) == latin_text)
        ):
            joinable = False
            continue
        if runs and joinable and not line[runs[-1][1] : i].strip():
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
        joinable = True
    return runs


# where a comment opens in a line of code: SQL's and Lua's "--", the shells' and Python's
# "#", C's "//" and "/*"
_COMMENT_MARK = re.compile(r"--|#|//|/\*")


def _fixed_pitch_line(
    raw: str, stripped: str, code: list[tuple[int, int]], covered: int, code_text: bool = False
) -> bool:
    """A line of program code: nearly all of it set in a fixed-pitch font. A CJK font's
    even-width glyphs are not code; a line of code with a Chinese comment is (the
    Chinese drawn from a CJK font, not the code's): every other character of it is set
    in the fixed-pitch font, which opens the line, and the Chinese follows a comment
    mark set in it ("-- 选取出大于'2'的数据", "SELECT * FROM t; # 全部列") or inside a string
    it opens ("print(f'用户 {u} 的评分')", `_string_open`); so is a line
    whose Chinese is all set in a CJK code font, the rest nearly all in the fixed-pitch one
    (`code_text`: a program's output, "rm: 缺少操作数", read as stress in another font than
    the body's, was a concept of a shell tutorial printed to PDF)."""
    if not _CJK.search(stripped):
        return covered >= 0.9 * len(stripped.replace(" ", ""))
    others = len(_CJK_TEXT.sub("", stripped).replace(" ", ""))
    if code_text:
        return bool(code) and covered >= 0.9 * others  # "      一月 2020" of `cal` too
    if not code or raw[: code[0][0]].strip():
        return False
    first = _CJK_TEXT.search(raw)
    before = [raw[a:b] for a, b in code if first is None or b <= first.start()]
    return covered >= 0.9 * others and (
        any(_COMMENT_MARK.search(part) for part in before) or _string_open("".join(before))
    )


def _string_closed(line: str, code: list[tuple[int, int]], covered: int) -> bool:
    """After a line of code, a line of Chinese and fixed-pitch code that closes a string
    literal ("测评分为：{score}')"): xeCJK breaks a long line of code between two Chinese
    characters of its string, and the rest of the line goes on below it."""
    others = len(_CJK_TEXT.sub("", line).replace(" ", ""))
    return (
        bool(code)
        and bool(_CJK.search(line))
        and covered >= 0.9 * others
        and _string_open("".join(line[a:b] for a, b in code))
    )


def _string_open(code: str) -> bool:
    """The code before a line's first Chinese leaves a string literal open ("print(f'",
    'msg = "'): the Chinese is the string's text, the line a line of code."""
    return any(code.count(quote) % 2 == 1 for quote in ("'", '"'))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _marked(line: str, code: list[tuple[int, int]], maths: list[tuple[int, int]]) -> str:
    """Inline code marked as Markdown and the HTML reader mark it (`Box<T>`), so a name set
    in code inside a heading or a sentence reads the same from a PDF; symbols set in a
    maths font marked as TeX marks them ($X$): no term runs through them ("输入 X 到输出
    Y", "步长 s" had become terms)."""
    marks = sorted([(a, b, "`") for a, b in code] + [(a, b, "$") for a, b in maths])
    out, last = [], 0
    for start, end, mark in marks:
        if start < last:
            continue  # inside code already
        if _latin(line[start - 1 : start]) or _latin(line[end : end + 1]):
            continue  # a glyph borrowed from another font inside a word ("f" + "ibonacci")
        if mark == "$" and _NUMBER.fullmatch(line[start:end]):
            # a number: TeX sets a formula's digits in its text font, but a Unicode maths
            # font (Typst's, LuaLaTeX's unicode-math) sets them too, and "𝑆$0$ = $100$"
            # read badly in an answer; no term runs through a number anyway
            continue
        out += [line[last:start], mark, line[start:end], mark]
        last = end
    return "".join(out) + line[last:]


def _monospace(textpage: pdfium.PdfTextPage, index: int) -> bool:
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, 128, ctypes.byref(flags))
    lowered = name.value.decode("latin-1").lower()
    if lowered.endswith(_OCR_LAYER_FONT):
        return False
    return bool(flags.value & 1) or any(m in lowered for m in _MONO_NAMES)  # bit 1: FixedPitch


# the invisible font in which Tesseract (and ocrmypdf, which runs it) lays a scanned page's
# recognised words over its image: it is flagged fixed-pitch, but says nothing of the type
# printed on the page (a scanned book's whole chapter was read as code, and gave no concept)
_OCR_LAYER_FONT = "glyphlessfont"


# a font name's ending that says it is the regular cut of its family
_REGULAR_CUTS = ("-regular", ",regular", "-roman", "-book")


def _heavy(font: str, weight: int) -> bool:
    """A bold cut: named so, or heavy by the weight the font declares, unless its name says
    it is the regular cut (a browser's PDF of a Markdown page gave "JetBrainsMono-Regular"
    a weight of 764: every Latin word of its Chinese text read as bold, "6ms" and "A. 22"
    concepts of a memory-hierarchy handout)."""
    lowered = font.lower()
    return "bold" in lowered or (weight >= 600 and not lowered.endswith(_REGULAR_CUTS))


def _bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    return _heavy(_font_name(textpage, index), pdfium_c.FPDFText_GetFontWeight(textpage.raw, index))


def _origin(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, float]:
    """Where the character at `index` starts on its baseline, in points (x, y)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
    return x.value, y.value


def _right(textpage: pdfium.PdfTextPage, index: int) -> float:
    """Where the character at `index` ends, in points from the page's left edge."""
    return _char_span(textpage, index)[1]


def _char_span(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, float]:
    """Where the character at `index`'s box starts and ends, in points from the left edge."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(
        textpage.raw,
        index,
        ctypes.byref(left),
        ctypes.byref(right),
        ctypes.byref(bottom),
        ctypes.byref(top),
    )
    return left.value, right.value


def _without_furniture(
    pages: list[list[_Line]], deck: bool = False, heights: Sequence[float] = ()
) -> list[_Line]:
    """Drop running heads/feet: first/last lines that repeat (digits aside) on many pages,
    or that carry the page's own number ("5.1 卷积 2019 年 4 月 4 日 111": the section's
    name changes from page to page, the number keeps step with the page). On a slide deck's
    pages such a line may stand anywhere: a sidebar or a headline lists the deck's title,
    its author and its sections on every slide, between the page's other lines, in type
    smaller than the slides' text (a section's title slide names it large: kept; there a
    line's size is part of what repeats); so is a presentation program's footer or header
    field and its slide number (`_placeholders`). `heights`: each page's height."""

    def furniture(line: _Line) -> str:
        text = _DIGITS.sub("#", line.text)
        return f"{line.size}\x00{text}" if deck else text

    edges: Counter[str] = Counter()
    for lines in pages:
        if deck:
            edges.update({furniture(line) for line in lines})
            continue
        for position in _edge_positions(lines):
            edges[_DIGITS.sub("#", lines[position].text)] += 1
    # a deck's overlay steps are gone (`slides.overlay_steps`): share of the slides left
    shown = sum(1 for lines in pages if lines) if deck else len(pages)
    threshold = max(3, int(shown * _FURNITURE_SHARE))
    sizes = Counter(line.size for lines in pages for line in lines for _ in line.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    repeated = {text for text, count in edges.items() if count >= threshold}
    offset = _page_number_offset(pages, threshold)
    placed = _placeholders(pages, heights, body, threshold) if deck else set()
    kept = []
    for index, lines in enumerate(pages):
        contents = _contents_lines(lines)
        placed_at = set() if deck else _edge_positions(lines)
        for position, line in enumerate(lines):
            if (index, position) in placed:
                continue
            if line.table:  # its header may repeat on every page the table runs over
                kept.append(line)
                continue
            edge = position < 2 or position >= len(lines) - 2
            key = _DIGITS.sub("#", line.text)
            numbers_only = key.strip("#-–— ") == "" or _page_label(line.text)
            if numbers_only and _heading_goes_on(lines, position, deck):
                kept.append(line)
                continue
            aside = deck and line.size < body  # a sidebar's or a headline's small type
            # a repeated line of words at the page's top or foot, wherever the text runs
            # it; a number there may be an exponent raised above the page's first line
            placed_edge = position in placed_at and not numbers_only
            if ((edge or placed_edge or aside) and furniture(line) in repeated) or (
                edge and numbers_only
            ):
                continue
            if edge and offset is not None and index + offset in _edge_numbers(line.text):
                continue
            if position not in contents:
                kept.append(line)
    return kept


def _edge_positions(lines: list[_Line]) -> set[int]:
    """The page's first and last two lines, in the order its text runs and in the order
    they stand on the page: Word's PDF maker writes a page's footer before its body, so
    the running foot ("Gas Transfer", the course's name and term) came third and fourth,
    stayed, and ran into the paragraph the page break cut."""
    count = len(lines)
    upright = sorted(range(count), key=lambda position: -lines[position].top)
    return {*range(min(2, count)), *range(max(0, count - 2), count), *upright[:2], *upright[-2:]}


# a slide's outer band, top or foot, as a share of its height: where a presentation
# program sets its footer, header and slide-number fields
_FIELD_BAND = 0.15


def _placeholders(
    pages: list[list[_Line]], heights: Sequence[float], body: float, threshold: int
) -> set[tuple[int, int]]:
    """(page index, position) of a deck's field lines: a line in type smaller than the
    body's, in the slide's outer band, that stands at the same place and size on
    `threshold` slides or more whatever its text (PowerPoint's footer field naming each
    slide's section: "计算机程序设计语言的发展", then "面向对象的方法 -> 面向对象的基本概念"
    — no text repeats often enough to be furniture); and a number alone that is the
    slide's number (the page's index plus an offset most slides share), wherever its box
    stands (a corner's number sat among the title's lines, not at the page's edge)."""
    places: Counter[tuple[float, int]] = Counter()
    numbers: Counter[int] = Counter()
    for index, lines in enumerate(pages):
        height = heights[index] if index < len(heights) else 0.0
        places.update({_place(line) for line in lines if _in_band(line, height, body)})
        numbers.update({int(line.text) - index for line in lines if line.text.isdecimal()})
    offset, count = numbers.most_common(1)[0] if numbers else (0, 0)
    found = set()
    for index, lines in enumerate(pages):
        height = heights[index] if index < len(heights) else 0.0
        numbered = count >= threshold  # most slides carry their number
        found.update(
            (index, position)
            for position, line in enumerate(lines)
            if (numbered and line.text.isdecimal() and int(line.text) - index == offset)
            or (_in_band(line, height, body) and places[_place(line)] >= threshold)
        )
    return found


def _place(line: _Line) -> tuple[float, int]:
    """A field's place: its size and baseline (a centred field's left edge moves with
    the length of its text)."""
    return (line.size, round(line.top))


def _in_band(line: _Line, height: float, body: float) -> bool:
    """Set smaller than the body, in the top or bottom band of its page."""
    band = _FIELD_BAND * height
    return line.size < body and height > 0 and (line.top < band or line.top > height - band)


def _heading_goes_on(lines: list[_Line], position: int, deck: bool = False) -> bool:
    """A number alone on a line that continues a large heading ("The Era of Reconstruction,
    1865–" / "1877" under a chapter's title), or a chapter's number set larger than the
    title under it ("6" over "Egoism"): the heading's own, not the page's number, which is
    set no larger than the body."""
    body = statistics.median(other.size for other in lines)
    line = lines[position]
    if not deck and position + 1 < len(lines) and _display_number(line, lines[position + 1]):
        # a chapter's number set large over its title
        return lines[position + 1].size > body * HEADING_RATIO
    if position == 0:
        return False
    before = lines[position - 1]
    return abs(line.size - before.size) < 0.5 and line.size > body * HEADING_RATIO


_EDGE_NUMBER = re.compile(r"^(\d{1,4})\s|\s(\d{1,4})$")


def _edge_numbers(text: str) -> set[int]:
    """A whole number that opens or closes the line (not a section's "5.1")."""
    return {int(n) for match in _EDGE_NUMBER.finditer(text.strip()) for n in match.groups() if n}


def _page_number_offset(pages: list[list[_Line]], threshold: int) -> int | None:
    """How far the printed page numbers run from the page indices (a chapter printed from
    page 108 on), when the first or last line of enough pages carries one."""
    offsets: Counter[int] = Counter()
    for index, lines in enumerate(pages):
        found = {n - index for line in {*lines[:1], *lines[-1:]} for n in _edge_numbers(line.text)}
        offsets.update(found)
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= threshold else None


# "2.4 Summary 12", "A Gaussian processes 25", "Hashing ........ 41": a table of contents'
# entry, a section number or letter, its title and its page
_CONTENTS_ENTRY = re.compile(
    r"^(?:(?:\d{1,2}|[A-Z])(?:\.\d{1,2})*\.?\s+\S.{0,100}?|\S.{0,100}?(?:\s?\.){3,})"
    r"\s*\d{1,4}$"
)


def _contents_lines(lines: list[_Line]) -> set[int]:
    """Positions of a table of contents on a page: three or more entries in a row (one
    alone may be a sentence that ends on a number). Its titles are other sections' names,
    set in italics by some classes; read as text they were concepts of the page."""
    found: set[int] = set()
    run: list[int] = []
    for position, line in enumerate([*lines, None]):
        if line is not None and _CONTENTS_ENTRY.match(line.text.strip()):
            run.append(position)
            continue
        if len(run) >= 3:
            found.update(run)
        run = []
    return found


def _page_label(text: str) -> bool:
    return bool(
        re.fullmatch(r"(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|第\s*\d+\s*页", text, re.I)
    )


# a chapter's number set alone above its title ("6" over "Egoism"): LaTeX's display
# chapter styles (bookdown's, fncychap's, titlesec's) set it half again as large as the
# title or more. Where the title is set as the numbered sections' titles are, its size
# makes it their sibling: it is read a level above them (the chapters of a bookdown PDF
# fell to its sections' level, and a course of four chapters spent six weeks on the
# first); forall x sets its chapters' titles larger than its sections': unchanged
_CHAPTER_NUMBER = re.compile(r"\d{1,3}")
DISPLAY_NUMBER_RATIO = 1.5
# a numbered section's title: "6.1 Psychological Egoism"
_SECTION_NUMBER = re.compile(r"\d{1,3}\.\d{1,3}\.?\s+\S")


def _display_number(number: _Line, title: _Line) -> bool:
    """`number` is a chapter's number alone, set large right above `title` on its page."""
    return (
        number.page == title.page
        and bool(_CHAPTER_NUMBER.fullmatch(number.text.strip()))
        and number.size >= title.size * DISPLAY_NUMBER_RATIO
        and _wordy(title.text)
    )


def _blocks(
    lines: list[_Line], known: frozenset[str] = frozenset(), deck: bool = False
) -> list[Block]:
    """`known`: the words the document writes whole (`_whole_words`); `deck`: the PDF is a
    slide deck (`slides.is_slide_deck`)."""
    sizes = Counter(line.size for line in lines for _ in range(len(line.text)))
    # the body is the prose's size: a chapter with much program code (set smaller, in a
    # fixed-pitch font) would otherwise make every prose line "larger than the body"
    # (a line of code with a Chinese comment counts: its size is read from its first
    # characters, the comment's Chinese, set as the text's is; XeTeX scales a Chinese font
    # against the Latin, and leaving these lines out had tipped a chapter's body size from
    # the Latin's 10 pt to the Chinese's 8, every Latin line then "larger than the body")
    prose = Counter(
        line.size
        for line in lines
        if not line.mono or _CJK.search(line.text)
        for _ in range(len(line.text))
    )
    body = (prose or sizes).most_common(1)[0][0] if sizes else 0.0
    # chapters' numbers set large over their titles: no heading size of their own
    numbers = {
        i
        for i in range(len(lines) - 1)
        if not deck
        and lines[i + 1].size >= body * HEADING_RATIO
        and _display_number(lines[i], lines[i + 1])
    }
    sizes -= Counter(lines[i].size for i in numbers for _ in range(len(lines[i].text)))
    sizes = +sizes
    heading_sizes = sorted({s for s in sizes if body and s >= body * HEADING_RATIO}, reverse=True)
    section_sizes = {
        line.size
        for line in lines
        if line.size in heading_sizes and _SECTION_NUMBER.match(line.text)
    }
    # a chapter's title under its number, set as its numbered sections are: a level above
    # them (`_display_number`), and every level below one down
    chapters = {i + 1 for i in numbers if lines[i + 1].size in section_sizes}
    shift = 1 if chapters else 0
    level_of = {size: min(i + 1 + shift, 6) for i, size in enumerate(heading_sizes)}
    minor_sizes = sorted(
        {s for s in sizes if body and body * BOLD_HEADING_RATIO <= s < body * HEADING_RATIO},
        reverse=True,
    )
    minor_level = {
        size: min(len(heading_sizes) + i + 1 + shift, 6) for i, size in enumerate(minor_sizes)
    }
    spacing = _line_spacing(lines, body)
    colours = Counter(line.colour for line in lines for _ in range(len(line.text)))
    ink = colours.most_common(1)[0][0] if colours else (0, 0, 0)  # the body's colour
    width: dict[int, int] = {}
    for line in lines:
        if not line.table:  # a page's longest line of text, no table's cells
            width[line.page] = max(width.get(line.page, 0), len(line.text))
    bold_headings = _bold_headings(lines, body, spacing, width)
    # the slides where a bullet glyph opens two lines or more: a list, set out as an
    # exported deck sets it ("•" and "–" as text), where one glyph may be an ornament; read
    # as paragraphs, the slide's "罹患率 (attack rate): …" entries defined nothing, though
    # the same deck read from its .pptx gave each its definition
    opened = Counter(line.page for line in lines if line.text.startswith(BULLET))
    listed_pages = {page for page, count in opened.items() if count >= MIN_SLIDE_BULLETS}
    outlined = _zh_section_lines(lines, body, width)
    # no line opens on bold Chinese: the Chinese font may have no bold cut (xeCJK without
    # AutoFakeBold), and a heading shows its weight in its Latin letters alone; a size such
    # headings are set in heads the lines in it that are all Chinese too ("代码实践")
    han_bold = any(line.bold and HAN.match(line.text[:1]) for line in lines)
    latin_bold = {
        line.size
        for line in lines
        if not han_bold and line.size in minor_level and _bold_where_it_shows(line)
    }
    bold_level = min(len(heading_sizes) + len(minor_sizes) + 1 + shift, 6)
    # a standard's term clauses: the number's line and the term's, then its definition,
    # read as one glossary entry "术语（english）：定义" (`blocks.clause_term`)
    clause_terms = {
        i: term
        for i, (line, after) in enumerate(pairwise(lines))
        if not deck
        and line.page == after.page
        and not line.table
        and not after.table
        and (term := clause_term(line.text, after.text)) is not None
    }
    # a definition list's terms (HTML's <dl> printed, a glossary set so in Word): each
    # term's definition follows it
    list_terms = set() if deck else _list_terms(lines, body)
    columns = _columns(lines) if list_terms else {}
    indent: float | None = None  # the left edge of a definition list's definitions
    defined: list[str] = []  # the term whose definition the paragraph is
    blocks: list[Block] = []
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            # code set in the body's font (a Word handout's pasted listing, saved as PDF) reads
            # as code by its lines, as a Word file's does (`codelines.typed_code`)
            if paragraph[0].mono or (
                not defined and typed_code("\n".join(line.text for line in paragraph))
            ):
                blocks.extend(
                    make_blocks(
                        "code", "\n".join(line.text for line in paragraph), paragraph[0].page
                    )
                )
            else:
                emphasis = _paragraph_emphasis(paragraph, known)
                text = join_lines((line.text for line in paragraph), known)
                if defined:
                    # the colon a glossary in the term's language sets: a printed English
                    # definition list's "Sampling frame：The list …" read as no entry
                    colon = "：" if HAN.search(defined[0]) else ": "
                    text = f"{defined[0]}{colon}{text}"
                    emphasis = [defined[0], *emphasis]
                # a slide's line is an item where a bullet was drawn before it (a Beamer
                # ball, `_page_lines`); a glyph that opens it may be a theme's ornament,
                # unless the glyph opens more of the slide's lines (`listed_pages`)
                item = (
                    paragraph[0].item
                    or (paragraph[0].page in listed_pages and _list_item(paragraph[0]))
                    if deck
                    else _list_item(paragraph[0])
                )
                # on a slide the glyph is no word either way: an exported deck's "•" set
                # against its line's first word gave the definitions "•We call … the
                # “Model”" (the line stays a paragraph, as an ornament's would)
                blocks.extend(
                    make_blocks(
                        "list_item" if item else "paragraph",
                        _without_bullet(text) if item or deck else text,
                        paragraph[0].page,
                        emphasis=emphasis,
                    )
                )
            paragraph.clear()
        defined.clear()

    for index, line in enumerate(lines):
        if line.table:
            flush()
            _add_table(blocks, line)
            continue
        if index in clause_terms or index - 1 in clause_terms:
            flush()  # the clause's number, then its term: its definition follows
            if index - 1 in clause_terms:
                defined.append(clause_terms[index - 1])
            continue
        if index in list_terms:
            flush()
            defined.append(line.text.strip())
            indent = lines[index + 1].left  # where its definitions hang
            continue
        if indent is not None and line.left < indent - 1:
            indent = None  # back at the margin: the list is over
        level = level_of.get(line.size, 0) or (guess_heading(line.text) if not body else 0)
        if index in numbers:
            flush()
            continue  # "6" set huge above "Egoism": its title follows
        if index in chapters:
            level = 1  # "Egoism", set as "6.1 Psychological Egoism" is: the chapter
        if (
            not level
            and line.size in minor_level
            and (
                _wholly_emphasised(line)
                or (line.size in latin_bold and _bold_where_it_could(line))
                or (deck and _title_bar(line, ink) and not _runs_on(paragraph, line))
            )
        ):
            level = minor_level[line.size]
        alone = not level and index in bold_headings
        if alone:
            level = bold_level
        elif not level and index in outlined:
            # below the levels the sizes give: "（一）" under a larger "一、"
            level = min(max(outlined[index], len(heading_sizes) + 1 + shift), 6)
        goes_on = (  # "The Era of Reconstruction, 1865–" / "1877": the heading's years
            not paragraph
            and blocks
            and blocks[-1].kind == "heading"
            and blocks[-1].level == level
            and blocks[-1].text.endswith(("–", "—", "-", ","))
        )
        if (
            level
            and len(line.text) <= 120
            and (_wordy(line.text) or goes_on)
            and not (deck and _symbolic(line.text))
            # a slide's bulleted line is an item, though a maths letter or the bullet's
            # glyph set large gave it a heading's size ("• λ-terms are considered …")
            and not (deck and line.text.startswith(BULLET))
        ):
            flush()
            if (
                not alone
                and blocks
                and blocks[-1].kind == "heading"
                and blocks[-1].level == level
                and blocks[-1].page == line.page
                # "第一章 背景介绍" over "1.1 量子点": a numbered line opens a heading of its
                # own, though both sizes fall to the deepest level
                and not guess_heading(line.text)
            ):
                previous = blocks.pop()  # a heading wrapped over two lines
                text = said_once(join_lines([previous.text, line.text], known))
                blocks.append(Block("heading", text, line.page, level))
            else:
                blocks.extend(make_blocks("heading", line.text, line.page, level=level))
            continue
        if paragraph and (
            (indent is not None and _definition_ends(paragraph[-1], line, columns.get(line.page)))
            or paragraph[-1].mono != line.mono
            or _new_paragraph(paragraph[-1], line, spacing, _lowest_baseline(paragraph))
            or line.text.startswith(BULLET)  # a list item of its own: "。• 特点："
            or _next_step(paragraph, line)
            or line.item
            or _left_of_item(paragraph[0], line)
            or _next_number(paragraph[0], line)
            or _first_number(lines, index)
            or (deck and _another_box(paragraph[-1], line))
            or (deck and line.page != paragraph[-1].page)  # a slide does not run on
        ):
            flush()
        paragraph.append(line)
        if (
            not line.mono
            and _ends_sentence(line.text)
            and len(line.text) < 0.8 * width.get(line.page, 0)
        ):
            flush()  # a short line that ends a sentence ends its paragraph
    flush()
    return blocks if deck else _numbered_items(blocks)


def _list_terms(lines: list[_Line], body: float) -> set[int]:
    """Positions of a definition list's terms: short bold lines at the body's size, each
    over its definition set a little right of it (a browser prints HTML's <dl> so, its
    <dd> indented, and a glossary typed in Word with a hanging indent looks the same), two
    such terms or more at one left edge and one indent, and no line between them back at
    the terms' edge. The term sits as close to the definition above it as to its own, so
    it was no bold heading (`_bold_headings`): read as text, a printed definition list
    ran into one paragraph, a term's definition another's ("点估计" glued to "参数"'s)."""
    candidates: list[tuple[int, float, float]] = []  # (position, left, indent)
    for index, (line, after) in enumerate(pairwise(lines)):
        indent = after.left - line.left
        if (
            line.bold
            and _wholly_emphasised(line)
            and not line.table
            and not after.table
            and not after.mono
            and after.page == line.page
            and abs(line.size - body) <= 0.05 * body
            and heading_shaped(line.text)
            and not _ends_sentence(line.text)
            and not _LABEL.search(line.text)
            and not _wholly_emphasised(after)
            and not _list_item(after)
            and _INDENT[0] < indent <= _INDENT[1]
        ):
            candidates.append((index, line.left, indent))
    found: set[int] = set()
    for (first, left, indent), (second, left2, indent2) in pairwise(candidates):
        if (
            lines[first].page == lines[second].page
            and abs(left - left2) <= 1
            and abs(indent - indent2) <= 1
            # the definitions between hang at the indent: a heading over a paragraph
            # indented on its first line alone has the paragraph's next lines at the margin
            and all(lines[i].left > left + _INDENT[0] for i in range(first + 1, second))
        ):
            found |= {first, second}
    return found


def _definition_ends(last: _Line, line: _Line, column: tuple[float, float] | None) -> bool:
    """Under a definition list's term, the definition's line before ended well short of
    the column and this one starts a line below it: the definition ended there, and the
    line opens the term's next <dd>, a remark set apart (a definition's wrapped lines fill
    the column). Run on, "反映…的量" and "估计方法：…" read as one phrase. A piece of the same
    line, after a subscript, stands on about its baseline."""
    if column is None or line.page != last.page:
        return False
    return last.right < column[1] - 2 * last.size and last.top - line.top > 0.5 * last.size


_LETTERS = re.compile(r"[^\W\d_]+")
# a label and its title ("Key point 1: …", "要点一: …", "Heart: Cardiac Tamponade"): a box's
# or a run-in paragraph's title, which the concept rules read as such, not a section's
_LABEL = re.compile(r"\S[:：]\s")
_INDENT = (2, 40)  # points: from a nudge to a quotation's indent (LaTeX's is 25)


def _at_margin(line: _Line, lefts: set[int]) -> bool:
    """No line of the page starts a little to the left of this one: it is set flush with
    its column, not indented as a quotation or a box is (a box's bold title is no
    section's heading). The other column of a two-column page starts far away."""
    left = round(line.left)
    return not any(left - _INDENT[1] < other <= left - _INDENT[0] for other in lefts)


# how far a centred line's middle may stand from its column's, in points: Word centres a
# heading on the text column to the point, a ragged line's middle wanders much further
_CENTRE_TOLERANCE = 6.0


def _columns(lines: list[_Line]) -> dict[int, tuple[float, float]]:
    """Each page's text column, from its left margin to the furthest any line ends at.
    The margin is the leftmost start a few lines share on the page and on those two before
    and after it (a two-sided layout sets them alike): where a numbered list fills the
    page, more lines start at the items' indent than at the margin."""
    starts: dict[int, Counter[int]] = {}
    ends: dict[int, float] = {}
    for line in lines:
        starts.setdefault(line.page, Counter())[round(line.left)] += 1
        ends[line.page] = max(ends.get(line.page, 0.0), line.right)
    columns = {}
    for page in starts:
        near = sum((starts.get(page + step, Counter()) for step in (-2, 0, 2)), Counter())
        shared = [left for left, count in near.items() if count >= 3]
        columns[page] = (float(min(shared or near)), ends[page])
    return columns


def _centred(line: _Line, column: tuple[float, float] | None) -> bool:
    """The line is set centred on its page's text column, well clear of its margin: a
    Word manual's "Introduction", "Theory", "Experimental Methods" are so set, bold at the
    body's size, and a centred title starts right of every other line's indent, so
    `_at_margin` (a line starting a little left of it) took them for a box's title."""
    if column is None or line.right <= line.left:
        return False
    margin, end = column
    return (
        line.left - margin > _INDENT[1]
        and abs((line.left + line.right) / 2 - (margin + end) / 2) <= _CENTRE_TOLERANCE
    )


def _bold_headings(
    lines: list[_Line], body: float, spacing: float, width: dict[int, int]
) -> set[int]:
    """Positions of the headings set in bold at the body's size (LaTeX's \\subsubsection,
    Word's and LibreOffice's Heading 3 and 4): a short bold line standing alone, shaped
    like a title (`heading_shaped`), that sits closer to the text it heads than to the
    text before it (the gap above it is wider than the one below), and is followed by a
    line of ordinary text or by another such heading. A bold term inside the text shares
    its line with other words; a bold sentence ends on its full stop; a bold line that
    opens a paragraph running on fills the line."""
    found: set[int] = set()
    spaced_below: set[int] = set()  # numbered, shaped as a heading, but further from below
    starts: dict[int, set[int]] = {}
    for line in lines:
        starts.setdefault(line.page, set()).add(round(line.left))
    # a page's margins with those of the pages two before and after it, which a two-sided
    # layout sets alike: a page that a box fills has no line at the margin of its own
    lefts = {
        page: set().union(*(starts.get(page + step, set()) for step in (-2, 0, 2)))
        for page in starts
    }
    columns = _columns(lines)
    for index in range(len(lines) - 2, -1, -1):
        line, after = lines[index], lines[index + 1]
        # a section's number ("3.3 Slabs", "II. METHOD"): no box's title nor a bold term
        numbered = guess_heading(line.text) > 0 or _ROMAN_CAPITALS.fullmatch(line.text)
        if not (
            (line.bold or _numbered_section(line))
            # centred in its column, a numbered section's capitals stand clear of the margin;
            # a figure's labels or a listing beside a numbered one may start left of it
            and (
                _at_margin(line, lefts[line.page])
                or numbered
                or _centred(line, columns.get(line.page))
            )
            and not line.mono
            and abs(line.size - body) <= 0.05 * body
            # wholly bold, or a numbered heading whose number shows the bold its Chinese
            # words could not ("1.1.1 DBMS 的种类": the Chinese font has no bold cut)
            and (
                _wholly_emphasised(line)
                or guess_heading(line.text) > 0
                or _ROMAN_CAPITALS.fullmatch(line.text) is not None
            )
            and len(line.text) < 0.8 * width.get(line.page, 0)
            and heading_shaped(line.text)
            and not _LABEL.search(line.text)
            and _wordy(line.text)
            and not after.mono
        ):
            continue
        before = lines[index - 1] if index else None
        if after.page != line.page:
            # the page's last line, its text opening the next page (a browser's or Word's
            # page break parts a glossary's term from its gloss): a heading when it stands
            # apart from the text above as any heading does, the gap below it unknown; read
            # as text, the term ran into the gloss above it or into its own
            if (
                before is not None
                and before.page == line.page
                and spacing
                and before.bottom - line.top > spacing
                and not _wholly_emphasised(after)
            ):
                found.add(index)
            continue
        gap_after = line.bottom - after.top
        if gap_after <= 0 or not (index + 1 in found or not _wholly_emphasised(after)):
            continue
        if before is None or before.page != line.page:
            found.add(index)
            continue
        gap_before = before.bottom - line.top
        if gap_before > max(gap_after, spacing) or (
            # VGTC sets a subsection as far from the text above as from its own ("3.1
            # Intervals" after a paragraph, "2.1 …" under "2 SETTING THE STAGE")
            numbered and gap_before > spacing and gap_before >= gap_after - _GAP_TOLERANCE
        ):
            found.add(index)
        elif numbered and gap_before > spacing:
            spaced_below.add(index)
    # a numbered one a rule or a box's frame set further from its text than from the text
    # above ("1.2.1 Definition of …" over a horizontal rule, between "1.2 …" and the found
    # "1.2.2 Example") is a heading when a sibling (its number's parent and depth) is one
    siblings = {_number_parent(lines[i].text) for i in found} - {None}
    found |= {i for i in spaced_below if _number_parent(lines[i].text) in siblings}
    return found


_DOTTED_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3}){1,4})\.?\s")


def _number_parent(text: str) -> tuple[str, int] | None:
    """ "1.2.1 Definition …" → ("1.2", 3): the section its number puts it under, and the
    number's depth; None for a line numbered otherwise."""
    match = _DOTTED_NUMBER.match(text.strip())
    if match is None:
        return None
    parts = match.group(1).split(".")
    return ".".join(parts[:-1]), len(parts)


_GAP_TOLERANCE = 0.5  # points: two gaps a typesetter made equal


# IEEE's sections: a Roman numeral and the title in small capitals, at the body's size and
# in its weight, centred ("II. METHOD"); its subsections a capital letter and the title in
# italics ("A. Algorithms"): neither is bold, and both were read as a paragraph's text
_ROMAN_CAPITALS = re.compile(r"[IVXL]{1,5}\.\s+[A-Z][A-Z0-9 ,:;&'’()/-]*[A-Z)]")
_LETTERED = re.compile(r"[A-Z]\.\s+[A-Z][^.:;!?]*")


# an English name in brackets closing a Chinese line: "（二）两阶段锁协议（The Two-Phase …）"
_ENGLISH_GLOSS_END = re.compile(r"\s*[（(][A-Za-z][^（()）]*[)）]\s*$")


def _zh_section_lines(lines: list[_Line], body: float, width: dict[int, int]) -> dict[int, int]:
    """Positions (and outline levels) of the lines a Chinese handout numbers as its sections,
    "一、…" or "（一）…", set in the body's type: a Word or WPS handout sets "（一）两阶段锁
    协议" in a Kai or Song bold that a font without a bold cut does not show, and its
    paragraphs are spaced alike, so neither the weight nor the gaps (`_bold_headings`) tell
    it from the text; the number does, on a short line of its own (a paragraph's first line
    fills the width, a sentence ends on its full stop) after a line that ended. Without
    it, the sections' text ran on under the level above, and the heading's name was cut
    ("两阶段锁协议" read as 阶段锁协议, its 两 taken for a count)."""
    edge: dict[int, float] = {}  # where a page's full lines end (points)
    for line in lines:
        edge[line.page] = max(edge.get(line.page, 0.0), line.right)

    def short(line: _Line) -> bool:
        # stops two characters or more before the right margin; measured in characters
        # where no position was read (a line's English words are narrower than its Han)
        if line.right and edge.get(line.page):
            return line.right < edge[line.page] - 2 * line.size
        return len(line.text) < 0.8 * width.get(line.page, 0)

    found: dict[int, int] = {}
    for index, line in enumerate(lines):
        level = zh_section_level(line.text)
        if (
            not level
            or line.mono
            or abs(line.size - body) > 0.05 * body
            # its English name in brackets makes it longer, not a sentence
            or not heading_shaped(_ENGLISH_GLOSS_END.sub("", line.text))
            or not short(line)
        ):
            continue
        before = lines[index - 1] if index else None
        if (
            before is None
            or before.page != line.page
            or index - 1 in found
            or short(before)
            or before.text.rstrip().endswith(("。", "：", "；", "！", "？"))
        ):
            found[index] = level
    return found


def _numbered_section(line: _Line) -> bool:
    """The line is numbered as IEEE numbers its sections and subsections (`_ROMAN_CAPITALS`,
    `_LETTERED` wholly in italics); standing alone, it heads what follows."""
    text = line.text.strip()
    if _ROMAN_CAPITALS.fullmatch(text):
        return True
    return _LETTERED.fullmatch(text) is not None and _wholly_emphasised(line)


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.I)


def _wordy(text: str) -> bool:
    """Large type that reads as a heading, not a figure's labels set large ("f f lin",
    "xp", "10 20 30": numbers, or mostly lower-case symbols of one or two letters).
    "Q & A", "Go" and "C Importance Sampling" are headings; so is "Counting in a Loop",
    whose short words are English ones, not symbols (a slide's title was read as text).
    A web address set large is no heading either: a slide showing a cartoon or a page
    prints its address under it ("http://xkcd.com/208/" gave the concept "http")."""
    if _WEB_ADDRESS.fullmatch(text.strip()):
        return False
    if _CJK.search(text):
        return True
    tokens = _LETTERS.findall(text)
    # a run of maths letters is a formula's, however long ("𝑡𝑒𝑟𝑚 ∶∶= 𝑣𝑎𝑟", a grammar
    # set in LuaTeX's maths alphabet, was a heading)
    symbols = sum(
        (len(t) <= 2 and t.islower() and t not in EN_STOP)
        or _MATHS_LETTERS.fullmatch(t) is not None
        for t in tokens
    )
    return bool(tokens) and 2 * symbols < len(tokens)


_MATHS_LETTERS = re.compile(r"[\U0001D400-\U0001D7FF]+")


def _symbolic(text: str) -> bool:
    """More of the line's marks are symbols than letters and digits: a pattern or a
    formula a slide calls out in large type ("^X.", "\\S+@\\S+", "'^From .*@([^ ]*)'"),
    no title (each was a heading, "^X." a concept). The backticks around inline code are
    the reader's marks, not printed ones."""
    marks = [char for char in text if not char.isspace() and char != "`"]
    return 2 * sum(char.isalnum() for char in marks) < len(marks)


def _paragraph_emphasis(paragraph: list[_Line], known: frozenset[str] = frozenset()) -> list[str]:
    """The paragraph's emphasised runs, a run broken by a line break joined again."""
    spans: list[str] = []
    for previous, line in zip([None, *paragraph], paragraph, strict=False):
        runs = list(line.emphasis)
        if (
            previous is not None
            and spans
            and runs
            and previous.styled_end
            and line.styled_start
            and previous.size == line.size  # not a superscript ("a" + "n" in aⁿ)
        ):
            spans[-1] = join_lines([spans[-1], runs.pop(0)], known)
        spans.extend(runs)
    # a bold number alone ("in **95** of cases") names nothing; within a run it is part
    # of the name ("Compromise of" + "1877" across a line break)
    return [span for span in spans if not _NUMBER.fullmatch(span)]


def _wholly_emphasised(line: _Line) -> bool:
    styled = sum(len(span) for span in line.emphasis)
    # the backticks around inline code are the reader's marks, not printed characters
    return not line.mono and styled >= 0.9 * len(line.text.replace("`", "").strip())


def _bold_where_it_shows(line: _Line) -> bool:
    """A line of Chinese and Latin whose every Latin letter and digit is set in bold, the
    first of them opening the line ("**ItemCF** 核心算法" of a \\subsection whose Chinese
    font has no bold cut): as bold as the font lets it be."""
    latin = re.sub(r"[^A-Za-z0-9]", "", line.text)
    styled = re.sub(r"[^A-Za-z0-9]", "", "".join(line.emphasis))
    return (
        line.bold
        and not line.mono
        and bool(HAN.search(line.text))
        and bool(latin)
        and len(styled) >= len(latin)
    )


def _bold_where_it_could(line: _Line) -> bool:
    """`_bold_where_it_shows`, or a title-shaped line of Chinese alone, with no letter to
    show a weight in."""
    if _bold_where_it_shows(line):
        return True
    return (
        not line.mono
        and not re.search(r"[A-Za-z0-9]", line.text)
        and bool(HAN.search(line.text))
        and heading_shaped(line.text)
    )


def _title_bar(line: _Line, ink: tuple[int, int, int]) -> bool:
    """On a slide, a short line set a little larger than the body, in another colour than
    the body's, that ends no sentence: the title bar of a block ("Definition", "特征方程",
    Beamer's \\begin{block}{…}, set \\large in the theme's colour or white on a coloured
    bar, in neither bold nor italics). A bullet set a little larger than its sub-bullets
    is in the body's ink; a bulleted item is no title: a presentation template sets its
    first-level items a little larger, in another colour than the second level's."""
    return (
        line.colour != ink
        and len(line.text) <= _TITLE_BAR_CHARS
        and not _ends_sentence(line.text)
        and not line.text.startswith(BULLET)  # a first-level item in the template's colour
    )


_TITLE_BAR_CHARS = 60


def _another_box(previous: _Line, line: _Line) -> bool:
    """On a slide, the line stands in another text box than the line before it: it
    lines up with it neither on the left, nor on the centre, nor on the right, nor at an
    item's hanging indent. A slide's boxes stand anywhere, and a program's output box
    ran into the sentence below it ("… After 6 To count how many times we …")."""
    slack = 0.5 * line.size
    hang = line.left - previous.left
    centre = (line.left + line.right) / 2 - (previous.left + previous.right) / 2
    return not (
        abs(hang) <= slack
        or abs(centre) <= slack
        or abs(line.right - previous.right) <= slack
        or (0 < hang <= 2 * line.size and previous.text.startswith(BULLET))
    )


def _runs_on(paragraph: list[_Line], line: _Line) -> bool:
    """The line goes on from the paragraph's last line: the same size, a line below it
    (a long item's second line, which PowerPoint may draw in another colour than the
    item's first: no block's title bar)."""
    if not paragraph or paragraph[-1].page != line.page or paragraph[-1].size != line.size:
        return False
    return 0 < paragraph[-1].bottom - line.top <= 1.5 * line.size


MIN_SLIDE_BULLETS = 2  # bullet glyphs opening a slide's lines that make them a list


def _list_item(first: _Line) -> bool:
    """The paragraph opening on `first` is a list's item: a bullet drawn apart stands
    before it (`_drawn_bullets`), or its text opens on one ("• Transpose"; a word
    processor's symbol-font bullet read as "•" by `_bulleted`). Read as paragraphs, a
    syllabus's outline items were no topics (Markdown's reader makes them list items)."""
    return first.item or first.text.startswith(BULLET)


def _without_bullet(text: str) -> str:
    """An item's text without the bullet that opens it, as Markdown's reader gives it."""
    return text.removeprefix(BULLET).lstrip() or text


def _left_of_item(first: _Line, line: _Line) -> bool:
    """The line starts left of the list item opening on `first` (left of its text, or of
    its bullet when the bullet is in the text): it is no wrapped line of the item, which
    hangs at the item's indent, but the text after the list, set at the margin. With no
    stop at the item's end (a topic's name), it ran on into the item: "Useful matrix
    derivative rules Readings:", across a page break too."""
    return _list_item(first) and line.left < first.left - _ITEM_SLACK * line.size


_ITEM_SLACK = 0.5  # ems: a glyph's side bearing moves a line's left edge by less


# an ordered list's number opening an item, as Markdown numbers one: "1. ", "2) "
_ITEM_NUMBER = re.compile(r"(\d{1,2})[.)]\s+(?=\S)")


def _item_number(text: str) -> int:
    """The number opening `text` as an ordered list's item, or 0."""
    number = _ITEM_NUMBER.match(text)
    return int(number.group(1)) if number else 0


def _next_number(first: _Line, line: _Line) -> bool:
    """The line opens on the number after the one opening the paragraph's `first` line,
    at its left edge: the next item of an ordered list. Set with the body's leading,
    items without a stop ran into one paragraph ("1. 淡水资源 2. 渔盐资源 …")."""
    number = _item_number(first.text)
    return (
        number > 0
        and _item_number(line.text) == number + 1
        and abs(line.left - first.left) <= _ITEM_SLACK * line.size
    )


_ITEM_LOOKAHEAD = 8  # lines: an item's wrapped lines before the next item


def _first_number(lines: list[_Line], index: int) -> bool:
    """The line opens on a number, and the next line on the page that starts at its left
    edge (an item's wrapped lines hang to its right) opens on the next: it starts an
    ordered list, which ran into the line above it when that ended on no stop
    ("（四）海洋对人类的影响1. 淡水资源2. 渔盐资源…")."""
    line = lines[index]
    number = _item_number(line.text)
    if not number:
        return False
    for after in lines[index + 1 : index + 1 + _ITEM_LOOKAHEAD]:
        if after.page != line.page or after.left < line.left - _ITEM_SLACK * line.size:
            return False
        if after.left <= line.left + _ITEM_SLACK * line.size:
            return _next_number(line, after)
    return False


def _numbered_items(blocks: list[Block]) -> list[Block]:
    """Paragraphs numbered in a row ("1. …", "2. …", a sub-list's bulleted items between
    them allowed) as list items, as Markdown's reader gives an ordered list. The printed
    number stays in the text (a lab's steps refer to "step 4"; `outline` reads an item
    without it). A numbered line with other text before the next ("1. 含义" over its
    sentence, then "2. 排列") is a heading typed by hand, or a question: it is kept."""
    out = list(blocks)
    run: list[int] = []
    for index, block in enumerate([*blocks, None]):
        if block is not None and block.kind == "list_item" and run:
            continue  # a sub-list's item inside the ordered list's
        number = _item_number(block.text) if block and block.kind == "paragraph" else 0
        if number and run and number == _item_number(blocks[run[-1]].text) + 1:
            run.append(index)
            continue
        if len(run) >= 2:
            for at in run:
                out[at] = replace(blocks[at], kind="list_item")
        run = [index] if number else []
    return out


# "4. On the Basics tab, …": a numbered step of a list
_STEP = re.compile(r"\d{1,2}\.\s+[A-Z]")


def _next_step(paragraph: list[_Line], line: _Line) -> bool:
    """The line opens the next numbered step: after a sentence's end, a bulleted item or
    another step (Word prints a lab's "3. … Basics and Advanced." and "4. On the Basics
    tab, …" as two lines that ran into one paragraph); a wrapped sentence's "in Chapter" /
    "3. The …" does not end a sentence."""
    if not _STEP.match(line.text):
        return False
    first = paragraph[0].text
    return (
        _ends_sentence(paragraph[-1].text.rstrip())
        or first.startswith(BULLET)
        or bool(_STEP.match(first))
    )


def _ends_sentence(text: str) -> bool:
    return text.endswith(("。", "！", "？", ".", "!", "?", ":", "：", "”", '"'))


def _line_spacing(lines: list[_Line], body: float) -> float:
    """The body's leading: the smallest regular distance between consecutive body lines of
    a page. A formula's sub- and superscript lines sit closer than half a line: not leading."""
    gaps: Counter[float] = Counter()
    for previous, line in pairwise(lines):
        if (
            previous.page == line.page
            and previous.size == line.size == body
            and previous.bottom - line.top > 0.5 * body
        ):
            gaps[round(previous.bottom - line.top)] += 1
    if not gaps:
        return 0.0
    ordered = sorted(gaps.elements())
    return float(ordered[len(ordered) // 5])  # within-paragraph gaps are the smallest regular ones


def _new_paragraph(
    previous: _Line, line: _Line, spacing: float, lowest: float | None = None
) -> bool:
    """A wider gap than the body's leading, or a new page or column after a finished
    sentence (a line set lines higher than the one before it opens the next column).
    `lowest`: the lowest baseline of the line `previous` ends (`_lowest_baseline`)."""
    if line.page != previous.page:
        return _ends_sentence(previous.text)
    # a line ending on a superscript ("… squares x²") has its last baseline raised: the
    # gap is measured from the line's own baseline
    gap = min(previous.bottom, previous.top) - line.top
    if gap > 0 and lowest is not None and not _ends_sentence(previous.text):
        # a sentence going on to the next line: from the lowest subscript of the line before
        # to the highest superscript of this one, as a browser's PDF spaces lines
        # (`_index_reach`): "… what one would" / "expect if the constant depended …" under
        # "K_AC = K_AB K_BC" was two paragraphs, and a definition's sentence was cut
        gap = max(0.0, lowest - (line.top if line.high is None else line.high))
    if spacing and gap < -_COLUMN_JUMP * spacing:
        return _ends_sentence(previous.text)
    if _after_subscript(previous, line, gap):
        return False
    return gap < 0 or spacing == 0 or gap > _PARAGRAPH_GAP * spacing


def _lowest_baseline(paragraph: list[_Line]) -> float:
    """The lowest baseline of the paragraph's last line, over the pieces the text layer may
    have broken it into at its subscripts ("… the product, K" + "AC = K" + "AB" …)."""
    last = paragraph[-1]
    return min(
        (
            min(p.bottom, p.top if p.low is None else p.low)
            for p in paragraph
            # a piece lowered as a subscript before the last piece on the line ("X" + "1"
            # + ", ⋯, X" + "n" + ")，则…"): a browser's PDF spaces the next line from it,
            # and measured from the baseline, a definition's sentence broke in two there
            if p.page == last.page and -1 < last.top - p.top < _SUBSCRIPT_DROP * last.size
        ),
        default=last.top,
    )


_SUBSCRIPT_DROP = 0.5  # ems: a subscript sits lower than its line by less, a line by more


def _after_subscript(previous: _Line, line: _Line, gap: float) -> bool:
    """The text layer broke a line at a subscript or a superscript ("若 (a" + "1" lowered,
    then ", a" + "2", then ") = 1，则称…": a ctex PDF's maths, WeasyPrint's <sub>): the next
    piece stands a little above where the last one ended, less than half its type size,
    on the line's own baseline or the raised index. One line, not three paragraphs (the
    definition of 互素 began at ") = 1"); a new column starts lines higher. The raise is
    measured against the larger type, the base's: Typst raises a display formula's
    exponent 4 pt over 11 pt type, more than half its own 7.7 pt ("𝐾𝑒" then "−𝑟𝑇" were two
    paragraphs, and a course's formula lost its exponent)."""
    return -0.5 * max(line.size, previous.size) < gap < 0


def _add_table(blocks: list[Block], line: _Line) -> None:
    """The glossary table's block; rows of one that runs on from the page before are
    that table's (a row whose name cell is empty goes on with the row above it, the end
    of a gloss the page broke)."""
    previous = blocks[-1] if blocks else None
    if not line.continued or previous is None or previous.kind != "table":
        blocks.append(Block("table", line.table, line.page))
        return
    rows = [row.split(" | ") for row in previous.text.split("\n")]
    for row in (row.split(" | ") for row in line.table.split("\n")):
        if not row[0] and len(rows) > 1 and len(row) == len(rows[-1]):
            rows[-1] = [join_lines([a, b]) for a, b in zip(rows[-1], row, strict=True)]
        else:
            rows.append(row)
    blocks[-1] = Block("table", "\n".join(" | ".join(row) for row in rows), previous.page)


_PARAGRAPH_GAP = 1.3  # times the leading
_COLUMN_JUMP = 3  # lines up the page: the top of the next column


def _pages(blocks: list[Block], count: int) -> tuple[Page, ...]:
    pages = real_pages(blocks)
    if len(pages) < count:  # trailing pages with no text still count
        pages = pages + tuple(Page(n, ()) for n in range(len(pages) + 1, count + 1))
    return pages
