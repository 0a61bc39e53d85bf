"""Helpers every reader shares: bounded blocks, virtual pages, heading guesses for plain lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import groupby
from urllib.parse import unquote

import rjieba
from wordfreq import zipf_frequency

from datasources.concept_keys import concept_key
from jobs.pipeline.lexicon import (
    FURNITURE,
    GLOSSARY_HEADINGS,
    apparatus,
    course_matter,
    third_person_verb,
    zh_name_stress_unwrapped,
    zh_part_label,
)
from jobs.pipeline.model import Block, BlockKind, Page
from jobs.pipeline.normalise import clean_title
from jobs.pipeline.structure import HEADING_NUMBER, LABEL_EN
from jobs.pipeline.textutil import has_han

PAGE_CHARS = 3000
# Bounded work downstream: no block is longer than this (a 50 MB line becomes many blocks).
MAX_BLOCK_CHARS = 4000
_SENTENCE_MARKS = "。．！？；.!?;"

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.{0,80})$")
# Students write "Chapter7 波", "Chapter13 电流与磁场" with no space before the number: the
# number alone may follow directly (a Roman one needs its space: "PARTICLE" is a word)
_CHAPTER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节篇部]"
    r"|(?:Chapter|CHAPTER|Part|PART)(?:\s+[\dIVXLC]+|\d+(?!\w)))"
    r"[\s:：.、]*(\S.{0,60})?$"
)
# A Chinese outline's levels below the chapter, as teachers number them: "一、" (2),
# "（一）" (3), "1、" (4), "（1）" (5), "①" (6), each before a Han title (a text export of a
# handout read "一、从地图和图表中获取信息" and "（一）地图三要素" as a list of three lone lines)
_ZH_TITLE = r"\s*[\u3400-\u9fff]"
_ZH_OUTLINE = (
    (re.compile(rf"^[一二三四五六七八九十]{{1,3}}、{_ZH_TITLE}"), 2),
    (re.compile(rf"^[（(][一二三四五六七八九十]{{1,3}}[)）]{_ZH_TITLE}"), 3),
    (re.compile(rf"^\d{{1,2}}、{_ZH_TITLE}"), 4),
    (re.compile(rf"^[（(]\d{{1,2}}[)）]{_ZH_TITLE}"), 5),
    (re.compile(rf"^[\u2460-\u2473]{_ZH_TITLE}"), 6),
)
_SENTENCE_END = re.compile(r"[。．！？；，,.;:：!?]$")
# A hand-made heading: short, and not a sentence or a lead-in ("Note:") unless numbered
_MAX_HEADING_CHARS, _MAX_HEADING_WORDS, _MAX_HAN_HEADING_CHARS = 100, 14, 40


def line_pieces(line: str) -> Iterator[str]:
    """One line, or a line longer than MAX_BLOCK_CHARS in `bounded` pieces."""
    if len(line) > MAX_BLOCK_CHARS:
        yield from bounded(line)
    else:
        yield line


def bounded(text: str, limit: int = MAX_BLOCK_CHARS) -> Iterator[str]:
    """`text` in pieces of at most `limit` characters, cut after a sentence end or space."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(mark) for mark in _SENTENCE_MARKS) + 1
        if cut <= limit // 2:
            cut = window.rfind(" ") + 1
        if cut <= limit // 2:
            cut = limit
        yield text[start : start + cut].strip()
        start += cut
    rest = text[start:].strip()
    if rest:
        yield rest


# Characters a page shows as nothing: a soft hyphen ("infor\u00admation", a hyphenation
# hint), zero-width space, word joiner, byte-order mark. Left in, they cut a word in two
# or made "binary\u00adsearch tree" a concept of its own.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


# Pictographs a page sets before or after a heading, an item or a bold label as decoration
# ("✨ 开篇段落", "📖 内容剖析", "⚠️ 常见错误", "Summary ✅"): emoji (U+1F000-1FAFF), the
# dingbats and symbols emoji took over (U+2600-27BF) but the music, planet and gender signs
# a text writes as content (♯, ♭, ☉, ♂: "C♯" keeps its sharp), ⭐ ⭕ ⌚ ⌛ ⏩-⏺, a keycap
# ("1️⃣"), with their variation selectors and joiners. Left on, "📖 内容剖析" passed the
# apparatus words as a topic and "🧠 本章小结" titled a week: the mark is no text.
_PICTOGRAPH = (
    "[\U0001f000-\U0001faff\u2600-\u2608\u260a-\u263e\u2648-\u2668\u2670-\u27bf"
    "\u2b50\u2b55\u231a\u231b\u23e9-\u23fa\ufe0e\ufe0f\u200d\u20e3]"
)
_DECORATION = re.compile(rf"^(?:[0-9#*]\uFE0F?\u20E3|{_PICTOGRAPH})+\s*|\s*{_PICTOGRAPH}+$")


# A pictograph inside a line decorates the word before it, as one at its edges does: a
# geography site's "大洲⛰️和大洋🌊", "**亚洲🌏：**东亚…", "佛教🇮🇳" (a symbol followed by the
# emoji selector U+FE0F, "分界线〰️", is shown as one too). Kept, the names were "洲⛰️" and
# "佛教🇮🇳"; the glyphs are no words, so they go wherever they stand.
_AS_EMOJI = re.compile(r"[^\s\x00-\x7f]\uFE0F")
_INNER_PICTOGRAPH = re.compile(rf"[^\s]\uFE0F\u20E3?|{_PICTOGRAPH}+")


def undecorated(text: str) -> str:
    """`text` without the pictographs that decorate its start or end (`_DECORATION`), nor
    those after a word inside it (`_INNER_PICTOGRAPH`)."""
    if not text:
        return text
    text = _DECORATION.sub("", _AS_EMOJI.sub("", text)).strip()
    return _INNER_PICTOGRAPH.sub(_dropped_pictograph, text) if text else text


def _dropped_pictograph(found: re.Match[str]) -> str:
    glyph = found.group(0)
    # a keycap ("1️⃣") is a number set as an emoji: its digit stays
    return glyph[0] if glyph[0].isascii() and glyph[0].isalnum() else ""


# Markdown bold that a renderer left as text. CommonMark closes "**" only where it is not
# preceded by punctuation or is followed by a space or punctuation, and Chinese sets no
# space after its full-width colon, so "**图例：**对地图上…" reaches a MkDocs site's reader
# with its asterisks (the CJK-friendly rule the Markdown reader follows,
# `cjk_emphasis`, is no HTML renderer's). In a line with Chinese in it, the runs paired in
# order are the bold its author typed: the marks go and what they held is stressed. Read
# as text, each "**" was a word's edge and "注记**" a name.
_STRAY_BOLD = re.compile(r"\*\*(?=\S)([^*`\n]{1,40}?)(?<=\S)\*\*")
# a code span as Markdown pairs them: a run of backticks, closed by a run as long
INLINE_CODE = re.compile(r"(`+)([^`]*?)\1")


def stray_bold(text: str) -> tuple[str, list[str]]:
    """`text` without the Markdown bold marks left in it (`_STRAY_BOLD`), and the spans
    they marked; unchanged where they are unpaired, in a line with no Chinese, or inside
    inline code."""
    if "**" not in text or not has_han(text):
        return text, []
    code = list(INLINE_CODE.finditer(text))
    pieces, at = [], 0
    for found in code:
        pieces.append((text[at : found.start()], False))
        pieces.append((found.group(0), True))
        at = found.end()
    pieces.append((text[at:], False))
    if sum(p.count("**") for p, is_code in pieces if not is_code) % 2:
        return text, []
    spans: list[str] = []

    def unmarked(found: re.Match[str]) -> str:
        spans.append(found.group(1))
        return found.group(1)

    out = "".join(p if is_code else _STRAY_BOLD.sub(unmarked, p) for p, is_code in pieces)
    return out, spans


# A paragraph that is display maths and nothing else: "$$…$$" (one or more), "\\[…\\]",
# "\\begin{aligned}…\\end{aligned}", as Markdown turned into HTML, Word or a PDF keeps it.
_DISPLAY_MATH = re.compile(
    r"(?:\$\$[^$]+\$\$\s*)+|\\\[(?:(?!\\\]).)+\\\]|\\begin\{([A-Za-z]+\*?)\}.*\\end\{\1\}", re.S
)


# A Chinese handout marks the term an entry teaches by an asterisk opening its line
# ("*生态系统：在一定空间内…", WPS notes' bold "*认知失调" over its definition) or by a label
# saying it is a term ("【术语】抵抗力稳定性：…", "【概念】…"): the mark is no text, and the
# name it marks (the line, or its words before a colon) is stressed as bold would stress it.
# Read as text, "*生态系统" and "【术语】恢复力稳定性" were no name, and the entries' terms
# were lost.
_TERM_MARK = re.compile(
    r"^(?:[*＊]+|【(?:术语|概念|名词|名词解释|关键词|关键术语|核心概念)】)\s*(?=[\u3400-\u9fff])"
)
_MARKED_NAME = re.compile(r"^([^，。；：:！？,;!?]{1,16}?)\s*[:：]")
_MARKED_LINE = re.compile(r"^[^，。；：:！？,;!?]{1,30}$")


# …or by setting the name itself in those brackets before the colon, with a note on it
# ("【资源配置（基础）】：资源配置是指…", "【经营范围（基础）】：是指…"): the brackets and the
# note go and the name is stressed, when what follows says what it is (opens on 是指, 指,
# 即, 是, or on the name); a part's label, "【答案】：", "【例2】：", stays. Read as a label,
# the answer kept "【资源配置（基础）】：" and the stressed words of the gloss took the meaning.
_BRACKETED_NAME = re.compile(
    r"^【(?P<name>[^【】（）()]{2,16}?)\s*(?:[（(][^【】（）()]{1,8}[)）])?】\s*[:：]\s*(?P<gloss>\S.*)$",
    re.S,
)


def bracketed_name(text: str) -> tuple[str, str]:
    """text with a name in brackets before its colon unwrapped (`_BRACKETED_NAME`), and the
    name ("" when there is none)."""
    found = _BRACKETED_NAME.match(text)
    if found is None or zh_part_label(found.group("name")):
        return text, ""
    name, gloss = found.group("name"), found.group("gloss")
    if not gloss.startswith((name, "是指", "指", "即", "是")):
        return text, ""
    return f"{name}：{gloss}", name


def term_mark(text: str) -> tuple[str, str]:
    """text without a Chinese term mark opening it, and the name the mark marks ("" when
    there is no mark, or it opens a sentence whose name is unclear)."""
    mark = _TERM_MARK.match(text)
    if mark is None:
        return text, ""
    text = text[mark.end() :]
    named = _MARKED_NAME.match(text)
    if named is not None:
        return text, named.group(1).strip()
    return text, text if _MARKED_LINE.match(text) else ""


# A Chinese term set in inline code ("`虚无假设（H0）`陈述了…"): Chinese blogs and notes
# (CSDN, 博客园, Hexo posts written in Markdown) use backticks to highlight the term they
# introduce, as a book sets it in bold. A span of Han characters (with Latin letters,
# digits, Greek letters or full-width brackets, but no space and none of the symbols code
# is made of) is no code: its backticks go and the term is stressed as bold would stress
# it. Left as code, a saved blog post with one bold sentence kept none of its definitions.
# (Spans are paired in order, as Markdown pairs them: the text between two code spans,
# "`A`的列维数必须与`x`", is no span: `INLINE_CODE` pairs them.)
_CODE_MARKED_TERM = re.compile(r"[\u3400-\u9fffA-Za-z0-9\u0370-\u03ff（）·]{2,24}")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
# …and a revision note stresses whole phrases so, full-width punctuation and the square
# black brackets of its key words inside ("`【资源配置】的模式与【经营范围】的决策`",
# "`计划(Plan)、计策(Ploy)`", a heading's "`【外部增长】`战略"): Chinese words and the
# marks of Chinese prose, no symbol code is made of (no quote, "=", "." or "_"). Its
# backticks go (the answers quoted them, and a heading so stressed named no topic); it is
# stressed only when it is a term's shape (`_CODE_MARKED_TERM`).
_CODE_MARKED_PROSE = re.compile(
    r"[\u3400-\u9fffA-Za-z0-9\u0370-\u03ff（）·【】、，；：。！？《》“”()/\s-]+"
)


def code_marked_terms(text: str) -> tuple[str, list[str]]:
    """text with Chinese terms' and phrases' backticks removed, and those terms."""
    terms: list[str] = []

    def unmark(found: re.Match[str]) -> str:
        term = found.group(2)
        if len(_HAN_CHAR.findall(term)) < 2:
            return found.group(0)
        if not _CODE_MARKED_TERM.fullmatch(term):
            prose = _CODE_MARKED_PROSE.fullmatch(term) and not term[:1].isspace()
            return term if prose else found.group(0)
        terms.append(term)
        return term

    return INLINE_CODE.sub(unmark, text), terms


# Placeholder text, "Lorem ipsum dolor sit amet, …": a design or typography lesson sets
# it to show a typeface, a layout or a column's justification, never as something to
# learn. Read as text, a graphic design deck's six samples made "eiusmod tempor
# incididunt ut" a concept, and "Lorem ipsum dolor" one before that.
_FILLER = re.compile(r"lorem ipsum\b", re.IGNORECASE)


# A sentence's end with more text after it: "。" or "！", or "." or "!" after a word of
# lower-case letters (not a number, "Chapter 1. Getting Started"; nor an initial or a short
# abbreviation, "Java vs. Python"; nor a question, "什么是内在动机？简史与背景")
_SENTENCE_THEN_MORE = re.compile(
    r"[。！]\s*[^\s”」』）)\"'。！]|\b(?!(?:etc|approx|resp|incl|viz)\b)[a-z]{3,}[.!]\s+[A-Z][a-z]"
)


def several_sentences(text: str) -> bool:
    """The text holds more than one sentence. A heading that does is a post's subtitle or
    standfirst set as a heading (Substack's and 公众号's "###" deck under the title: "我深入
    探究了…。这是一个非常有趣的课题。…"), prose and no section's title: it titled a module
    and two weeks of a course."""
    return _SENTENCE_THEN_MORE.search(text) is not None


# A Markdown heading's hashes that a converter printed as text. Pandoc reads "## 插值" set
# over a "---" line as a setext heading whose words are "## 插值", and the PDF or Word file
# made from it shows the hashes; read as words, the week and its modules were titled
# "## 插值". Only at a heading's start, before a space, as Markdown writes the marker.
_STRAY_ATX = re.compile(r"^#{1,6}[ \t]+(?=\S)")


# A static site's template tags alone in a paragraph, "{% include figure.html src="…"
# width="360" %}": a page's Markdown source pasted or converted into a Word file, a PDF or
# plain text keeps the tags the site's build would have replaced with a figure (the
# Markdown reader drops them, `markdown._SITE_TEMPLATE`). Read as words, a seismology
# handout's figures made concepts of "include", "width" and "height".
_TEMPLATE_TAGS_ONLY = re.compile(r"(?:\{%-?\s*\w+(?:[^%]|%(?!\}))*?-?%\}\s*)+")


# A note's thanks in brackets, "（感谢某同学提醒）", "(thanks to Ann for the fix)": who
# pointed out a mistake or lent a photo, no part of the matter taught. A student's notes
# put it after the point it corrects; read as words, "感谢树洞Hans" and "树洞Hans提醒" were
# concepts of a seismology handout. Only a bracket that opens on the thanks goes.
_THANKS_ASIDE = re.compile(
    r"\s?[（(]\s*(?:感谢|谢谢|鸣谢|致谢|thanks\s+to\b|with\s+thanks\s+to\b)[^（）()\n]{0,60}[）)]",
    re.IGNORECASE,
)


def make_blocks(
    kind: BlockKind,
    text: str,
    page: int,
    *,
    level: int = 0,
    emphasis: Iterable[str] = (),
    number: int = 0,
) -> list[Block]:
    """One block, or several when `text` is longer than MAX_BLOCK_CHARS. A paragraph that
    is display maths alone is a formula block, as Markdown's reader makes it: read as
    prose, a converted chapter's LaTeX outweighed its Chinese and the document was English.
    `number` is a list item's shown number (`Block.number`), kept on its first block."""
    text = _INVISIBLE.sub("", text).strip()
    if kind == "heading" and several_sentences(text):
        kind, level = "paragraph", 0
    if kind not in ("code", "formula", "table"):
        text = undecorated(text)
    if kind == "heading":
        text = _STRAY_ATX.sub("", text)
    elif kind in ("paragraph", "list_item"):
        text = _THANKS_ASIDE.sub("", text)
    if not text or (
        kind in ("paragraph", "list_item")
        and (_FILLER.match(text) or _TEMPLATE_TAGS_ONLY.fullmatch(text))
    ):
        return []
    if kind == "paragraph" and _DISPLAY_MATH.fullmatch(text):
        kind = "formula"
    marked = ""
    starred: list[str] = []
    if kind in ("paragraph", "list_item", "heading"):
        text, starred = stray_bold(text)
        text, marked = term_mark(text)
    coded: list[str] = []
    if kind in ("paragraph", "list_item", "heading"):  # a heading's stress is its own
        text, coded = code_marked_terms(text)
    if kind in ("paragraph", "list_item") and not marked:  # its backticks gone first
        text, marked = bracketed_name(text)
    if kind in ("paragraph", "list_item", "heading"):
        # "【外部增长】战略", a heading or an item's label: the name is mentioned whole
        text = zh_name_stress_unwrapped(text)
    pieces = list(bounded(text))
    stressed = [*emphasis, *starred, *coded] if kind != "heading" else emphasis
    cleaned = (term_mark(undecorated(_INVISIBLE.sub("", e).strip()))[0] for e in stressed)
    spans = tuple(dict.fromkeys(e for e in cleaned if e))
    if marked and marked not in spans and kind != "heading":
        spans += (marked,)  # the marked name is stressed as bold would stress it
    return [
        Block(
            kind,
            piece,
            page,
            level if kind == "heading" else 0,
            spans if i == 0 else (),
            number if kind == "list_item" and i == 0 else 0,
        )
        for i, piece in enumerate(pieces)
    ]


# the longest term a definition list's entry names: a longer one is a sentence set there
MAX_TERM_CHARS = 80


def glossary_entry(
    terms: Sequence[str], definition: str, emphasis: Iterable[str] = ()
) -> list[Block]:
    """A glossary's entry as one paragraph, "term: definition" with the term stressed,
    which definitions.py reads as a glossary's definition (a definition list's <dt> and
    <dd>, a margin gloss)."""
    return make_blocks(
        "paragraph", f"{', '.join(terms)}: {definition}", 1, emphasis=[*terms, *emphasis]
    )


# A vocabulary list typed "term – gloss" a line, as teachers write one in Word or on a
# slide ("Troposphere – the lowest layer of the atmosphere, …", "Air pressure - the force
# …", "对流层——大气的最低层…"): a definition list with a dash for its colon. Read as
# prose none of its terms was defined, and unstressed none was a concept. Only a run of
# MIN_DASHED_ENTRIES such lines in a row is a list: one dash in prose is an aside.
MIN_DASHED_ENTRIES = 3
MIN_DASHED_GLOSS_WORDS = 3
MIN_DASHED_GLOSS_HAN = 4
_ENUMERATOR = r"(?:\d{1,2}[.)、．]\s*)?"
_EN_DASHED = re.compile(
    _ENUMERATOR + r"(?P<t>[A-Za-z][A-Za-z'’()\-]*(?: [A-Za-z][A-Za-z'’()\-]*){0,4})"
    r"\s+(?:--|–|—|-)\s+(?P<g>\S.*)",
    re.S,
)
_ZH_DASHED = re.compile(
    _ENUMERATOR + r"(?P<t>[\u3400-\u9fff][\u3400-\u9fffA-Za-z0-9]{1,11})"
    r"\s*(?:——|—|–|--)\s*(?P<g>\S.*)",
    re.S,
)


def _dashed_entry(block: Block) -> tuple[str, str] | None:
    """(term, gloss) when the block is one line of such a list."""
    if block.kind not in ("paragraph", "list_item"):
        return None
    text = block.text.strip()
    found = (_ZH_DASHED if has_han(text[:2]) else _EN_DASHED).fullmatch(text)
    if found is None:
        return None
    gloss = found["g"]
    if len(found["t"]) == 1:
        # "3. a — Fixed costs ÷ (unit price − variable unit cost)": an answer key names the
        # option its letter picks; a lone letter is a choice, no term (three such lines in
        # a row read as a glossary of "a", "c", "a", and the key lost its numbers)
        return None
    if apparatus(found["t"]) or course_matter(found["t"]):
        return None  # "Instructor – Dr. Jane Doe, Room 212": a syllabus's particulars
    if re.search(r"\s(?:--|–|—|-)\s", gloss):
        return None  # "Weathering – slow and steady – breaks …": an aside the dashes pair
    if has_han(gloss):
        enough = len(re.findall(r"[\u3400-\u9fff]", gloss)) >= MIN_DASHED_GLOSS_HAN
    else:
        enough = len(gloss.split()) >= MIN_DASHED_GLOSS_WORDS
    return (found["t"], gloss) if enough else None


# A Chinese English teacher's word list: a headword or a phrase, maybe its phonetic in
# slashes or brackets, a part of speech, then the Chinese meaning ("athlete /ˈæθliːt/ n.
# 运动员", "honour n. 荣誉；尊敬 vt. 尊敬", "lose heart 灰心；丧失信心"). A unit's 词汇表 of
# such lines gave only its headings (重点单词, 重点短语) as concepts. (A word of two letters
# or more: "n 阶矩阵", "k 近邻" in maths notes are a symbol and a name.)
# the word classes a dictionary abbreviates ("n.", "vt.", "adj.")
_WORD_CLASSES = "n|v|vt|vi|adj|adv|prep|conj|pron|num|art|int|interj|abbr|aux|modal"
_WORD_LIST_ENTRY = re.compile(
    _ENUMERATOR + r"(?P<t>[A-Za-z][A-Za-z'’\-]+(?: (?:sb\.|sth\.|[A-Za-z][A-Za-z'’\-]*)){0,4})"
    r"\s*(?:/[^/\n]{1,40}/|\[[^\]\n]{1,40}\])?\s*"
    rf"(?P<g>(?:(?:{_WORD_CLASSES})\.\s*)*"
    r"[\u3400-\u9fff].*)",
    re.S,
)


def _word_list_entry(block: Block) -> tuple[str, str] | None:
    """(word, gloss) when the block is one line of a bilingual word list: the gloss is
    Chinese words and parts of speech only, short, no sentence ("DNA 是遗传物质。" is
    prose), under a word in lower case or one labelled with its part of speech."""
    if block.kind not in ("paragraph", "list_item"):
        return None
    found = _WORD_LIST_ENTRY.fullmatch(block.text.strip())
    if found is None:
        return None
    gloss = found["g"].strip()
    meaning = _PART_OF_SPEECH.sub("", _SOMEONE.sub("", gloss))
    if (
        re.search(r"[A-Za-z]", meaning)
        or re.search(r"[。！？]", gloss)
        or len(gloss) > MAX_WORD_GLOSS_CHARS
        or _ZH_PREDICATE_OPENING.match(meaning.strip())
        or not (found["t"][0].islower() or _PART_OF_SPEECH.match(gloss))
    ):
        return None
    return found["t"], _senses(gloss)


def _senses(gloss: str) -> str:
    """A word list's gloss as one sentence, each sense group closed by its word class in
    brackets ("n. 荣誉；尊敬 vt. 尊敬" is "荣誉，尊敬（n.），尊敬（vt.）"): the class's full
    stop before the Chinese ended a sentence ("athlete: n."), and so did "；" between the
    senses (the definition was the first sense alone)."""
    pieces = _PART_OF_SPEECH.split(gloss)
    groups = [pieces[0].strip()] if pieces[0].strip() else []
    groups += [
        f"{sense.strip()}（{word_class}.）"
        for word_class, sense in zip(pieces[1::2], pieces[2::2], strict=True)
    ]
    return "，".join(groups).replace("；", "，")


_PART_OF_SPEECH = re.compile(rf"\b({_WORD_CLASSES})\.\s*")
_SOMEONE = re.compile(r"\b(?:sb|sth)\.")
# a gloss opening on a copula or a verb of prose is the sentence's predicate
_ZH_PREDICATE_OPENING = re.compile(r"^(?:是|指|为|可|能|会|在|被|有|就|也|都|和|与|的)")
MAX_WORD_GLOSS_CHARS = 40


def dashed_glossary(blocks: Sequence[Block]) -> list[Block]:
    """Blocks with each run of `MIN_DASHED_ENTRIES` or more "term – gloss" lines, or of a
    bilingual word list's lines (`_WORD_LIST_ENTRY`), read as glossary entries, "term:
    gloss" with the term stressed (`glossary_entry`)."""
    out: list[Block] = []
    read = ((block, _dashed_entry(block) or _word_list_entry(block)) for block in blocks)
    for _, group in groupby(read, key=lambda pair: pair[1] is not None):
        run = list(group)
        entries = [(block, entry) for block, entry in run if entry is not None]
        if len(entries) < MIN_DASHED_ENTRIES:
            out.extend(block for block, _ in run)
            continue
        for block, (term, gloss) in entries:
            made = glossary_entry([term], gloss, block.emphasis)
            out.extend(replace(b, page=block.page) for b in made)
    return out


# a standard's term clause (GB/T 1.1, as ISO/IEC Directives Part 2): its number alone on a
# line ("3.1.1"), the Chinese term on the next with its English equivalent after a space
# ("物流　logistics", "第三方物流 third party logistics; 3PL"), the definition below
_CLAUSE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,3}){1,4}")
_CLAUSE_TERM = re.compile(
    r"(?P<term>[\u3400-\u9fff][^\sA-Za-z。，；：:;,.]{0,23}?)"
    r"(?:[\s\u3000]+(?P<english>[A-Za-z][A-Za-z0-9 ,;'’()/-]{0,80}))?"
)


def clause_term(number: str, line: str) -> str | None:
    """The term a standard's term clause names, "术语（english）" as a glossary writes it,
    when `number` is the clause's number alone and `line` the term with its English
    equivalent; else None. The standard sets the three apart by type alone (黑体 number and
    term, 宋体 definition), and read as lines joined into a paragraph, "3.1.1物流 logistics
    根据实际需要…" defined nothing and ran clauses together."""
    found = _CLAUSE_TERM.fullmatch(line.strip())
    if not _CLAUSE_NUMBER.fullmatch(number.strip()) or found is None:
        return None
    english = " ".join((found["english"] or "").split())
    return f"{found['term']}（{english}）" if english else found["term"]


# the most words a glossary's term set on a line of its own has ("differential association
# theory"); a longer bold line under the heading is a sub-heading or a sentence
MAX_TERM_WORDS = 6
# the fewest term-and-gloss pairs that make a Key Terms section a glossary laid out as lines
MIN_HEADED_ENTRIES = 3


MIN_HAN_SAID_TWICE = 3  # "消息队列消息队列": a shorter run doubled is a word (谢谢, 常常)


# the fewest words of a title block repeated as the opening of the heading under it
MIN_TITLE_WORDS_SAID_TWICE = 2


def said_once(text: str) -> str:
    """A title set twice in a row, "X X" (or "XX" in Chinese), as once: a page's title block
    printed over the document's first heading with the same words (pandoc's standalone
    HTML, printed to PDF), each wrapped the same, read as one heading, which titled a
    course's weeks "Glance at Genre: Rhetorical Strategies Glance at Genre: …"."""
    words = text.split()
    half = len(words) // 2
    if words and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    # the title block, then a first heading that opens with its words and goes on ("Unit 3
    # Review" over "Unit 3 Review: Markets and Prices"): the longer heading, once. Read as
    # one heading, the week was titled "Review Unit 3 Review: Markets and Prices".
    bare = [w.rstrip(":：.-–—") for w in words]
    for size in range(MIN_TITLE_WORDS_SAID_TWICE, half + 1):
        if bare[:size] == bare[size : 2 * size] and words[size - 1] == bare[size - 1]:
            return " ".join(words[size:])
    middle = len(text) // 2
    if (
        len(words) == 1
        and has_han(text)
        and len(text) % 2 == 0
        and middle >= MIN_HAN_SAID_TWICE
        and text[:middle] == text[middle:]
    ):
        return text[:middle]
    return text


def headed_glossary(blocks: Sequence[Block]) -> list[Block]:
    """Blocks with a glossary laid out as lines read as its entries. An open textbook's PDF
    (Pressbooks, OpenStax) ends a chapter with Key Terms: each term on a bold line of its
    own, read as a small heading, its gloss below as a paragraph ("a theory that …"). Left
    so, a term is a section whose gloss no rule reads as its definition, and a worse
    sentence from the body defines it. Under a Glossary / Key Terms heading, while at least
    MIN_HEADED_ENTRIES such pairs follow each other, each becomes one entry "term: gloss",
    as a <dl> gives (`glossary_entry`)."""
    out = list(blocks)
    index = 0
    while index < len(out):
        block = out[index]
        index += 1
        if block.kind != "heading" or not _glossary_title(block.text):
            continue
        pairs = _term_gloss_pairs(out, index, block.level)
        if len(pairs) < MIN_HEADED_ENTRIES:
            continue
        entries: list[Block] = []
        for term, glosses in pairs:
            made = glossary_entry([term.text], " ".join(g.text for g in glosses))
            entries.extend(replace(b, page=term.page) for b in made)
        end = index + sum(1 + len(glosses) for _, glosses in pairs)
        out[index:end] = entries
        index += len(entries)
    return out


def _glossary_title(text: str) -> bool:
    """Whether a heading names a glossary: "Key Terms", "3.4 Glossary", or so named beside a
    chapter's topic after a colon or dash, as a handout's title says which chapter's terms
    it lists ("Chapter 7 Key Terms: Economic Anthropology", "Cell Biology - Glossary"; read
    as a title of no glossary, its bold term lines stayed headings with no definition)."""
    title = clean_title(HEADING_NUMBER.sub("", text))
    sides = LABEL_EN.split(title)
    return any(
        side.strip().casefold() in GLOSSARY_HEADINGS for side in (title, sides[0], sides[-1])
    )


def _term_gloss_pairs(
    blocks: Sequence[Block], start: int, level: int
) -> list[tuple[Block, list[Block]]]:
    """The (term heading, gloss paragraphs) pairs from `start` on, up to the first block
    that is neither: a heading as high as the glossary's, a long heading, a list."""
    pairs: list[tuple[Block, list[Block]]] = []
    index = start
    while index < len(blocks):
        term = blocks[index]
        if not (
            term.kind == "heading"
            and term.level > level
            and len(term.text) <= MAX_TERM_CHARS
            and len(term.text.split()) <= MAX_TERM_WORDS
            and not term.text.rstrip().endswith((".", ":", "?", "!"))
        ):
            break
        glosses: list[Block] = []
        index += 1
        # a gloss a page break cut in two is two paragraphs
        while index < len(blocks) and blocks[index].kind == "paragraph" and len(glosses) < 2:
            glosses.append(blocks[index])
            index += 1
        if not glosses:
            break
        pairs.append((term, glosses))
    return pairs


def virtual_pages(blocks: Iterable[Block], page_chars: int = PAGE_CHARS) -> tuple[Page, ...]:
    """Group blocks into pages of about `page_chars` characters, renumbering their `page`."""
    pages: list[Page] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        if current and size + len(block.text) > page_chars:
            pages.append(Page(len(pages) + 1, tuple(current)))
            current, size = [], 0
        current.append(_on_page(block, len(pages) + 1))
        size += len(block.text)
    if current:
        pages.append(Page(len(pages) + 1, tuple(current)))
    return tuple(pages)


def real_pages(blocks: Iterable[Block]) -> tuple[Page, ...]:
    """Group blocks by the page number they carry (pages with no block are kept, empty)."""
    by_page: dict[int, list[Block]] = {}
    last = 0
    for block in blocks:
        by_page.setdefault(block.page, []).append(block)
        last = max(last, block.page)
    return tuple(Page(n, tuple(by_page.get(n, ()))) for n in range(1, last + 1))


def _on_page(block: Block, page: int) -> Block:
    return block if block.page == page else replace(block, page=page)


_CODE_CHARS = re.compile(r"[(){}\[\];=<>#$@|\\/\"“”]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for"}
    | {"from", "with", "as", "into", "onto", "via", "vs"}
)
_GENERIC_TYPE = re.compile(r"\b[A-Za-z_]\w*<[\w ,]{1,30}>")
# a caption without a number ("Figure: Divergent history", "表：堆的操作效率")
_CAPTION = re.compile(r"^(?:fig(?:ure)?|table|listing|图|表)\s*[:：]", re.IGNORECASE)


def plain_title(line: str) -> bool:
    """Could be a title at all: short, no sentence end (a question is fine), no code
    characters, not a caption ("Listing 4-1: …", "图 4-4：…")."""
    line = line.strip()
    if not line or len(line) > 90 or (FURNITURE.match(line) and not _CHAPTER.match(line)):
        return False
    if _CAPTION.match(line) or "   " in line:
        return False  # a caption, or columns of program output ("modified:   README")
    line = line.removesuffix("?").removesuffix("？").rstrip()
    # a type with parameters is a name, not code: "Using Box<T> to Point to Data on the Heap"
    named = _GENERIC_TYPE.sub("T", line)
    return bool(line) and not _SENTENCE_END.search(line) and not _CODE_CHARS.search(named)


# Verbs a Chinese sentence ends on before the formula or the list it leads in: "计算积分得到"
# (computing the integral gives), "于是有", "其中 x 为", "设" (let: a list of symbols follows)
_ZH_LEAD_IN_VERBS = frozenset(
    ["得到", "得", "可得", "得出", "有", "为", "是", "即", "等于", "设", "令", "记"]
)


def _zh_lead_in(line: str) -> bool:
    """The line ends on a verb of `_ZH_LEAD_IN_VERBS` as rjieba cuts it (行为, 所有 are no
    such verbs)."""
    words = rjieba.cut(line)
    return bool(words) and words[-1] in _ZH_LEAD_IN_VERBS


def title_line(line: str) -> bool:
    """A line standing alone that reads like a title: short, no sentence end, no code,
    and (in English) mostly capitalised words ("Ownership Rules", "所有权规则"). A title may
    ask a question ("What Is Ownership?", "什么是所有权？"); a caption ("Listing 4-1: …",
    "图 4-4：…") is not a title."""
    if not plain_title(line):
        return False
    line = line.strip().removesuffix("?").removesuffix("？").rstrip()
    cjk = len(_CJK_CHAR.findall(line))
    if cjk:
        # a comma inside is a sentence broken before a formula ("然而，根据凸性的性质，有"),
        # and so is a line ending on the verb that leads the formula in ("计算积分得到")
        return len(line) <= 24 and "，" not in line and not _zh_lead_in(line)
    words = line.split()
    if not 1 <= len(words) <= 10 or len(line) > 70:
        return False
    # title case leaves short function words and code names lower-case ("Appending with
    # push_str or push", "Visualizing Changes to strong_count and weak_count")
    counted = [w for w in words if w.lower() not in MINOR_WORDS and "_" not in w] or words
    capitalised = sum(1 for w in counted if w[:1].isupper() or w[:1].isdigit())
    return capitalised >= max(1, (len(counted) + 1) // 2)


def guess_heading(line: str) -> int:
    """Heading level of a plain-text line by its numbering ("2.3 Title", "第三章 …"), or 0."""
    line = line.strip()
    if not line or len(line) > 90 or _SENTENCE_END.search(line):
        return 0
    if _CHAPTER.match(line):
        return 1
    if "，" in line:
        # a numbered point that runs on in clauses is a statement, not a title: a teacher's
        # "（2）若函数 f(z) 在 C 上…，则称 f(z) 是一个亚纯函数" (no full stop at the end, as
        # notes' points go) was a section, and its phrases concepts ("则称 f")
        return 0
    for outline, level in _ZH_OUTLINE:
        if outline.match(line):
            return level
    numbered = _NUMBERED.match(line)
    if numbered and not numbered.group(2)[0].isdigit():
        return min(numbered.group(1).count(".") + 1, 6)
    return 0


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


_WORD_END = re.compile(r"[A-Za-z]+$")
_WORD_START = re.compile(r"^[A-Za-z]+")
COMPOUND_PART_ZIPF = 3.0  # both halves ordinary words ("catch", "all"; not "compu", "ter")
JOINED_WORD_ZIPF = 3.5  # the joined form is itself a common word ("lightweight", "database")


def _keeps_hyphen(left: str, right: str, known: Collection[str] = frozenset()) -> bool:
    """A hyphen at a line end is part of a compound when both halves are words and joining
    them does not make a common word (wordfreq Zipf frequencies), nor a word the document
    writes whole elsewhere (`known`, lower case: "sep-" + "tum" where "septum" is in the
    text; a rare word cut by TeX's hyphenation into two short ones)."""
    head, tail = _WORD_END.search(left), _WORD_START.match(right)
    if head is None or tail is None:
        return False
    first, second = head.group(0).lower(), tail.group(0).lower()
    if first + second in known:
        return False
    return (
        zipf_frequency(first + second, "en") < JOINED_WORD_ZIPF
        and zipf_frequency(first, "en") >= COMPOUND_PART_ZIPF
        and zipf_frequency(second, "en") >= COMPOUND_PART_ZIPF
    )


# pdfium writes U+FFFE where a line ended in a hyphen inside a word and joins the two lines
# ("re\ufffemainder", "divide-and\ufffeconquer"); it does not say whether the hyphen was typed
LINE_END_HYPHEN = "\ufffe"


def rejoin_hyphens(text: str, known: Collection[str] = frozenset()) -> str:
    """Each LINE_END_HYPHEN resolved as at a line end: the word joined again ("remainder")
    or the compound's hyphen kept ("divide-and-conquer", "right-child"; see `_keeps_hyphen`)."""
    if LINE_END_HYPHEN not in text:
        return text
    pieces = text.split(LINE_END_HYPHEN)
    out = pieces[0]
    for piece in pieces[1:]:
        joins = bool(_WORD_END.search(out)) and piece[:1].islower()  # as `join_lines` does
        out += ("-" if not joins or _keeps_hyphen(out, piece, known) else "") + piece
    return out


# A line that opens on an item's number, a paper's question "2．" or its part "（1）": a
# new item even between Chinese lines, set apart as a space sets it (joined, "…D．摩擦2．下列…"
# hid the question's number from the answer key)
_ITEM_START = re.compile(r"\d{1,3}\s*[．.、)）](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[\u2460-\u2473]")


def join_lines(lines: Iterable[str], known: Collection[str] = frozenset()) -> str:
    """Wrapped lines back into one paragraph: no space between CJK characters (but before
    a numbered item, `_ITEM_START`), and a word
    hyphenated at a line end joined again ("compu-" + "ter"), unless the hyphen belongs to a
    compound ("catch-" + "all", "breadth-" + "first" keep it; see `_keeps_hyphen`)."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[0].islower():
            out = out + line if _keeps_hyphen(out[:-1], line, known) else out[:-1] + line
        elif (_CJK.match(out[-1]) or _CJK.match(line[0])) and not _ITEM_START.match(line):
            out += line
        elif out[-1] in "–—" and out[-2:-1].isdigit() and line[0].isdigit():
            out += line  # a range broken after its dash: "1865–" + "1877"
        else:
            out += " " + line
    return out


# a line break the author set by hand (Markdown's "<br>" or trailing backslash, HTML's
# <br>), which readers pass to `join_broken` as this character
HARD_BREAK = "\u2028"
_HAN_END = re.compile(r"[\u3400-\u9fff）」』”》]")
_HAN_START = re.compile(r"[\u3400-\u9fff（「『“《]")


def join_broken(text: str, known: Collection[str] = frozenset()) -> str:
    """`join_lines` of each line an author broke by hand, the lines then joined as separate
    statements: between two Chinese lines without punctuation where they meet, a full stop
    ("党的根本宗旨：全心全意为人民服务<br>党的根本组织原则：民主集中制" was one run,
    "…为人民服务党的根本组织原则", a name across the break); otherwise as `join_lines`."""
    lines: list[str] = []
    for piece in text.split(HARD_BREAK):
        line = join_lines(piece.split("\n"), known)
        if not line:
            continue
        if lines and _HAN_END.match(lines[-1][-1]) and _HAN_START.match(line[0]):
            lines[-1] += "。"
        lines.append(line)
    # one pass over them all: joining each to the text so far copied it every time, and a
    # page of ten thousand <br> lines took quadratic time
    return join_lines(lines, known)


# the outline levels whose number alone says "heading" in a teacher's handout: "一、" and
# "（一）" (a "1、" or "（1）" numbers a list's items as often as a section's)
ZH_SECTION_LEVELS = (2, 3)


def zh_section_level(line: str) -> int:
    """The level of a line a Chinese handout numbers as a section ("一、概述" 2, "（一）锁的
    实现" 3), when it reads as a title (no sentence end), or 0."""
    level = guess_heading(line)
    numbered = any(o.match(line.strip()) for o, lv in _ZH_OUTLINE if lv == level)
    return level if numbered and level in ZH_SECTION_LEVELS else 0


def numbered_sections(blocks: list[Block], bold: Collection[int]) -> list[Block]:
    """In a document with no heading marked, its paragraphs numbered as a Chinese handout's
    sections ("一、…" level 2, "（一）…" 3: `zh_section_level`) and shaped as titles become
    headings at their numbering's level, when there are two or more and none is set in bold
    (bold lines are `manual_headings`' to rank by size). A 公文-style 讲稿 sets them in
    another typeface (黑体, 楷体 over a 仿宋 body), not in bold and in no heading style:
    read as text, "（一）政策周期模型" was a paragraph, the definition under it no section's,
    and the only headings were the bold "1." lines, ranked above the sections they divide."""
    if any(b.kind == "heading" for b in blocks):
        return blocks
    found = {
        index: level
        for index, block in enumerate(blocks)
        if block.kind == "paragraph"
        and index not in bold
        and (level := zh_section_level(block.text))
        and heading_shaped(block.text)
    }
    if len(found) < 2:
        return blocks
    out = list(blocks)
    for index, level in found.items():
        out[index] = replace(blocks[index], kind="heading", level=level, emphasis=())
    return out


def heading_shaped(text: str) -> bool:
    """A line short enough for a heading typed by hand, and no sentence or lead-in ("Note:")
    unless it is numbered ("1. Variables", "二、函数")."""
    text = text.strip()
    if not text or len(text) > _MAX_HEADING_CHARS:
        return False
    if (
        len(text) > _MAX_HAN_HEADING_CHARS
        if has_han(text)
        else len(text.split()) > _MAX_HEADING_WORDS
    ):
        return False
    return not _SENTENCE_END.search(text) or bool(HEADING_NUMBER.match(text))


def manual_headings(
    blocks: list[Block], bold: Mapping[int, float], body: float = 0.0, titled: bool = False
) -> list[Block]:
    """Lines set wholly in bold (block index → font size) become headings when the document
    has no marked heading, and they are the exception (a document set wholly in bold has
    none): the largest size is level 1, the next 2, any smaller 3. Where bold is the rule
    (labels, key phrases and numbered steps in bold as often as not), the bold lines set
    larger than the `body` size (when known) still are: their size marks them, as it marks
    a handout's "一、大洲和大洋" in 14 pt over bold labels at the body's 10.5.

    `titled`: the one marked heading is the document's title, set first in the Title
    style (Google Docs' lecture notes: a "Title" paragraph, then sections typed as bold
    lines of two sizes). The bold lines are its sections all the same, ranked under the
    title, the largest at level 2; read as one level under it (`bold_subheadings`), a
    14 pt "Branches" and the 12 pt sub-sections under it were siblings."""
    prose = sum(1 for b in blocks if b.kind in ("paragraph", "list_item"))
    if not bold or (not titled and any(b.kind == "heading" for b in blocks)):
        return blocks
    if 2 * len(bold) > prose:
        bold = {index: size for index, size in bold.items() if body and size > body}
        if not bold:
            return blocks
    sizes = sorted(set(bold.values()), reverse=True)
    out = list(blocks)
    for index, size in bold.items():
        level = min(sizes.index(size) + 1, 3) + (1 if titled else 0)
        out[index] = replace(blocks[index], kind="heading", level=level, emphasis=())
    return out


# what ends a label, not a heading: "优势：", "Note:"
_LABEL_END = re.compile(r"[:：]\s*$")


def bold_subheadings(blocks: list[Block], bold: Mapping[int, float]) -> list[Block]:
    """In a document whose headings are styled, the lines set wholly in bold (block index →
    font size) that divide one heading's section, two or more each over its own text,
    become headings one level under it: the sub-sub-sections a teacher types in bold
    rather than pick a fifth heading style for (a Word handout's schools "要素主义" and
    "永恒主义" under "（1）学科中心主义课程论"). Read as paragraphs, each was one stressed
    word among the text's other bold. Such lines must be the exception; a lone one is an
    aside ("Remember"), and one ending on a colon a label: both stay text."""
    prose = sum(1 for b in blocks if b.kind in ("paragraph", "list_item"))
    if not bold or 2 * len(bold) > prose or not any(b.kind == "heading" for b in blocks):
        return blocks
    under: dict[int, list[int]] = {}  # heading index → the bold lines dividing its section
    heading = -1
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = index
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            index in bold
            and heading >= 0
            and not _LABEL_END.search(block.text)
            and after is not None
            and after.kind in ("paragraph", "list_item", "table")
            and index + 1 not in bold
        ):
            under.setdefault(heading, []).append(index)
    out = list(blocks)
    for heading, lines in under.items():
        if len(lines) < 2:
            continue
        level = min(blocks[heading].level + 1, 6)
        for index in lines:
            out[index] = replace(blocks[index], kind="heading", level=level, emphasis=())
    return out


# A glossary's place: "/docs/Glossary/Closure", "glossary.md#pointer", "术语表.html#栈"
_GLOSSARY_PATH = re.compile(
    r"(?:^|[/_.-])(?:glossary|glossaire|术语表?|词汇表)(?:[/_.#-]|$)", re.IGNORECASE
)
MAX_TERM_LINK_WORDS = 6
# Another page this many different names link into, each at the anchor named as the
# link, is the document's glossary (a lesson's "reference.md#delimiter",
# "reference.md#tuple", …); one or two such links are cross-references to another
# chapter's sections ("[Method Syntax](ch05-03-method-syntax.html#method-syntax)").
MIN_GLOSSARY_TERMS = 3


def glossary_pages(links: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The pages that `links` ((target, text) pairs of one document) use as a glossary."""
    named: dict[str, set[str]] = {}
    for href, text in links:
        path, fragment = _target(href)
        if path and fragment and _names(fragment, text):
            named.setdefault(path, set()).add(_slug(text))
    return frozenset(p for p, names in named.items() if len(names) >= MIN_GLOSSARY_TERMS)


def term_link(href: str, text: str, glossaries: frozenset[str]) -> bool:
    """A link that takes a term to its definition, as a lesson links its terms (the
    author marks them as bold does): into a page named a glossary, or to the anchor
    named as the term in a page the document uses as one (`glossary_pages`). A link
    within the page ("#slicing-data") is a cross-reference, no mark."""
    path, fragment = _target(href)
    if not path or not _name_sized(text):
        return False
    if _GLOSSARY_PATH.search(path):
        return True
    return path in glossaries and _names(fragment, text)


def _target(href: str) -> tuple[str, str]:
    """A link's page (without its query) and anchor; no page for mail or script links."""
    path, _, fragment = unquote(href).partition("#")
    path = path.split("?")[0]
    return ("" if path.startswith(("mailto:", "javascript:")) else path), fragment


def _name_sized(text: str) -> bool:
    """`text` is short enough to be a name, and no clause: a verb's third-person form after
    its first word that is no plural noun ("the ODIN Project identifies additional PIDs",
    a sentence's words linked to another site's glossary) says something of a name, and
    read as a term it was the concept "ODIN Project identifies additional PIDs"."""
    words = text.split()
    if not words or len(words) > MAX_TERM_LINK_WORDS or len(text.strip()) > 80:
        return False
    return not any(third_person_verb(word) for word in words[1:])


def _names(fragment: str, text: str) -> bool:
    """The anchor `fragment` is named as the link's `text`, a name."""
    return _name_sized(text) and _slug(fragment) == _slug(text)


def _slug(text: str) -> str:
    """Letters and digits of a name, singular and lower case: "Floating-point numbers" and
    "floating-point-number" agree."""
    return re.sub(r"[\W_]+", "", concept_key(re.sub(r"[-_]+", " ", text)))


# A short line a document carries on every page of what it was made from: a document
# site's download converted from its PDF view keeps the site's watermark line ("<site> -
# <slogan>"), a "精品文档" mark and "第 3 页 共 8 页" as paragraphs of the body; the site's
# name and slogan were concepts of a lesson. Digits count as one (a page's number changes);
# a line ending as a sentence or a label does ("解：") is the text's own, and so is a
# heading. Three is `pdf`'s least count of a running line.
_RUNNING_DIGITS = re.compile(r"\d+")
RUNNING_LINE_CHARS = 40
RUNNING_REPEATS = 3


def without_running_lines(blocks: Sequence[Block]) -> list[Block]:
    """The blocks without the short paragraphs repeated, digits aside, `RUNNING_REPEATS`
    times or more (see above)."""

    def key(block: Block) -> str | None:
        text = " ".join(block.text.split())
        if (
            block.kind != "paragraph"
            or len(text) > RUNNING_LINE_CHARS
            or _SENTENCE_END.search(text)
        ):
            return None
        return _RUNNING_DIGITS.sub("#", text)

    counts = Counter(k for b in blocks if (k := key(b)))
    return [b for b in blocks if counts[key(b) or ""] < RUNNING_REPEATS or not key(b)]
