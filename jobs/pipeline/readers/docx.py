"""DOCX with python-docx, after checking the ZIP container is not a bomb
(datasources/files/detect.check_office_archive, which uploads run too).

Headings by style ("Heading 2", "Title", localised "标题 2") or by `w:outlineLvl`; in a
document with neither (typed by hand, as many teachers' handouts are), a short paragraph
set wholly in bold is a heading, its level the rank of its font size (`blocks.manual_headings`);
list paragraphs by style or numbering; a Glossary's bold term lines over their glosses as
glossary entries (`blocks.headed_glossary`); tables as rows of " | "-joined cells; Office Math as
formula blocks. Explicit page breaks (and Word's rendered-page-break marks) give real page
numbers; a file without any gets virtual pages. Word's and WPS's own markup (tracked changes,
content controls, its table of contents, text boxes, symbols) is first rewritten into what Word
shows (`word_markup.word_view`), and footnotes and endnotes follow the paragraph citing them
(`word_markup.attach_notes`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from datasources.files.detect import Detected, check_office_archive
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.model import Block, BlockKind, ReadDocument
from jobs.pipeline.readers.blocks import (
    MAX_TERM_CHARS,
    bold_subheadings,
    glossary_entry,
    headed_glossary,
    heading_shaped,
    make_blocks,
    manual_headings,
    numbered_sections,
    real_pages,
    virtual_pages,
    without_running_lines,
)
from jobs.pipeline.readers.codelines import typed_code
from jobs.pipeline.readers.office_math import MATH, math_text
from jobs.pipeline.readers.office_runs import joined
from jobs.pipeline.readers.word_markup import (
    NOTE,
    TEXT_BOX,
    attach_notes,
    toc_style_ids,
    word_view,
)
from jobs.pipeline.readers.word_numbering import ListNumbers, Shown
from jobs.pipeline.textutil import sentences

_HEADING_STYLE = re.compile(r"^(?:heading|标题|見出し)\s*(\d)$", re.IGNORECASE)
_MATH = MATH


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "docx")
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors...
        raise CorruptDocument(
            "corrupt_docx", f"the Word document cannot be parsed ({error})"
        ) from error
    styles = {
        s.style_id: s.name or "" for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH
    }
    toc_styles = toc_style_ids(styles)
    word_view(document.element.body, toc_styles)
    attach_notes(document.element.body, _note_parts(document), toc_styles)
    blocks, paged, shown = _blocks(document)
    if shown and blocks and blocks[0].kind == "paragraph" and blocks[0].text == shown:
        # set above every heading, it heads them all, as the Title style does
        blocks[0] = Block("heading", blocks[0].text, blocks[0].page, level=1)
    pages = real_pages(blocks) if paged else virtual_pages(blocks)
    title = document.core_properties.title or None
    return ReadDocument(detected.kind, detected.mime_type, pages, paged, title, shown_title=shown)


@dataclass(slots=True)
class _ShownTitle:
    """The title the first page shows, seen paragraph by paragraph in `_blocks`' one pass
    (`result` once the body's size is known): the document's first paragraph with text when
    it is set in the Title style, or in type larger than the body's and than every
    heading's (a course's name typed in 26 pt over its Heading 1 sections at 16). A first
    paragraph in a heading style opens a section, not the document: a Heading 1 is no
    title."""

    default_size: float
    first: tuple[str, float] | None = None
    heading_size: float = 0.0  # the largest heading's after the first paragraph
    settled: bool = False  # the first paragraph or table decided: `title` is the answer
    title: str | None = None

    def see(self, item: Paragraph | Table, style: BaseStyle | None) -> None:
        if self.settled:
            return
        if isinstance(item, Table) or not item.text.strip():
            if self.first is None and isinstance(item, Table):
                self.settled = True  # a document opening on a table shows no title above it
            return
        if self.first is None:
            if style is not None and (style.name or "").lower() == "title":
                self.settled, self.title = True, " ".join(item.text.split())
            elif _heading_level(item, style):
                self.settled = True
            else:
                self.first = (" ".join(item.text.split()), self._size(item, style))
        elif _heading_level(item, style):
            self.heading_size = max(self.heading_size, self._size(item, style))

    def result(self, body: float) -> str | None:
        if self.settled or self.first is None:
            return self.title
        text, size = self.first
        return text if size > max(body * TITLE_RATIO, self.heading_size) else None

    def _size(self, paragraph: Paragraph, style: BaseStyle | None) -> float:
        return _paragraph_size(paragraph, style, self.default_size)


# a title is set clearly larger than the body (pdf.HEADING_RATIO's threshold)
TITLE_RATIO = 1.15


def _paragraph_size(paragraph: Paragraph, style: BaseStyle | None, body: float) -> float:
    """The size (points) of the paragraph's largest run: its own, else its style's (or a
    style it is based on), else the body's."""
    sizes = [r.font.size.pt for r in paragraph.runs if r.text.strip() and r.font.size]
    if sizes:
        return max(sizes)
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = getattr(style, "base_style", None)  # BaseStyle itself declares none
    return body


def _note_parts(document: DocxDocument) -> list[etree._Element]:
    """The footnotes' and endnotes' parts (python-docx reads neither), parsed."""
    parts = []
    for relation in (RT.FOOTNOTES, RT.ENDNOTES):
        try:
            part = document.part.part_related_by(relation)
        except KeyError:
            continue
        try:
            parts.append(parse_xml(part.blob))
        except etree.XMLSyntaxError:
            continue  # a broken notes part costs the notes, not the document
    return parts


def _blocks(document: DocxDocument) -> tuple[list[Block], bool, str | None]:
    """The blocks, whether the document marks its pages, and the title its first page
    shows (`_ShownTitle`)."""
    blocks: list[Block] = []
    page, paged = 1, False
    # python-docx looks the default style up by scanning every style on each
    # `paragraph.style`; one index makes reading linear in the paragraphs
    styles = {s.style_id: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    bold: dict[int, float] = {}  # block index → font size of a paragraph set wholly in bold
    body_size = _default_size(document)
    prose: Counter[float] = Counter()  # the prose's sizes, counted in characters
    code_boxes = _code_boxes(document)
    shown = _ShownTitle(body_size)
    term_at: int | None = None  # a "Definition Term" paragraph's block, awaiting its gloss
    numbers = ListNumbers.of(document)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            shown.see(item, None)
            if _prose_table(item):
                blocks.extend(_cell_paragraphs(item, page, styles, default))
                continue
            rows = [" | ".join(" ".join(c.text.split()) for c in row.cells) for row in item.rows]
            blocks.extend(make_blocks("table", "\n".join(rows), page))
            continue
        boxed = item._p.get(TEXT_BOX) is not None
        noted = item._p.get(NOTE) is not None
        # a text box or a note stands on its anchor's page: its page marks are no breaks
        breaks = 0 if boxed or noted else _page_breaks(item)
        if breaks:
            paged = True
            page += breaks
        style = styles.get(item._p.style or "", default)
        shown.see(item, style)
        listed = numbers.shown(item._p, style)  # counted for every paragraph, in order
        if boxed and item._p.get(TEXT_BOX) in code_boxes:
            blocks.extend(make_blocks("code", item.text, page))
            continue
        made = _paragraph(item, page, style, heading=not noted, listed=listed)
        role = _definition_role(style)
        if role == "gloss" and term_at == len(blocks) - 1 and made and made[0].kind == "paragraph":
            term = blocks.pop()
            bold.pop(term_at, None)
            gloss = " ".join(b.text for b in made)
            blocks.extend(replace(b, page=term.page) for b in glossary_entry([term.text], gloss))
            term_at = None
            continue
        term_at = None
        if role == "term" and len(made) == 1 and len(made[0].text) <= MAX_TERM_CHARS:
            term_at = len(blocks)
        if len(made) == 1 and made[0].kind == "paragraph" and not (boxed or noted):
            size = _bold_line(item, style, body_size)
            if size is not None:
                bold[len(blocks)] = size
            else:
                prose[_paragraph_size(item, style, body_size)] += len(item.text)
        blocks.extend(made)
    body = prose.most_common(1)[0][0] if prose else body_size
    title = shown.result(body)
    # the Title style's paragraph is the one heading: the bold lines are the sections
    marked = [b for b in blocks if b.kind == "heading"]
    titled = len(marked) == 1 and blocks[0] is marked[0] and blocks[0].text == title
    numbered = numbered_sections(blocks, bold)
    headed = bold_subheadings(manual_headings(numbered, bold, body, titled), bold)
    # a glossary of bold term lines, each over its gloss (typed by hand, or pandoc's
    # "Definition Term" style): the terms read as small headings were sections no rule
    # took for defined, as a PDF's Key Terms were (`blocks.headed_glossary`)
    headed = headed_glossary(headed)
    # a downloaded copy's watermark and page lines, left in the body on every page
    headed = without_running_lines(headed)
    return headed, paged, title


# pandoc writes a Markdown definition list ("Term" over ": its gloss") to Word as a
# paragraph in the "Definition Term" style over one in the "Definition" style; Word's own
# HTML import names them so too. The styles say what the lines are wherever they stand,
# under a Glossary heading or not: read by their look, a short bold term line was taken
# for a small heading, a section no rule took for defined, and its gloss for body text.
_DEFINITION_ROLES = {"definition term": "term", "definition": "gloss"}


def _definition_role(style: BaseStyle | None) -> str | None:
    """ "term" or "gloss" for a paragraph in a definition list's style (or one based on
    it), else None."""
    while style is not None:
        role = _DEFINITION_ROLES.get((style.name or "").casefold())
        if role:
            return role
        style = getattr(style, "base_style", None)  # BaseStyle itself declares none
    return None


def _prose_cell_paragraphs(cell: _Cell) -> int:
    """How many of a cell's paragraphs run on past a sentence's end (more than one
    sentence): prose, no label."""
    return sum(1 for p in cell.paragraphs if len(list(islice(sentences(p.text), 2))) == 2)


def _prose_table(table: Table) -> bool:
    """Whether a table lays prose out rather than tabulating: a cell holds two paragraphs
    or more that are sentences. A Chinese 教案 sets its 教学过程 as a table (教学环节 |
    教学内容 | 师生活动 | 时间) whose 教学内容 cells are the lesson's text, paragraph
    after paragraph; read as one " | "-joined row, each cell was taken for a schedule's
    topic and cut into names across its sentences ("原始物质。气"), and none of its
    "X是…" sentences was read as a definition. A glossary's definition cell is one
    sentence or one paragraph, and its table stays a table.

    A table of one cell is a box: a 飞书 or Notion callout (高亮块, "💡 …") or a Word frame
    around a key passage, and one paragraph of sentences in it is prose too. Read as a
    table, a callout's "中风，又称“卒中”…" was no definition, and the "又分闭证与脱证" of
    another no sentence."""
    # (counted in the XML: python-docx's columns and cells need a <w:tblGrid>, which a
    # table written by other tools may leave out)
    rows = table._tbl.tr_lst
    if len(rows) == 1 and len(rows[0].tc_lst) == 1:
        return _prose_cell_paragraphs(_Cell(rows[0].tc_lst[0], table)) >= 1
    if any(_prose_cell_paragraphs(cell) >= 2 for row in table.rows for cell in row.cells):
        return True
    return _sentence_rows(table)


# a cell this short is a label or a value, even ending in a full stop ("略。", "Yes.")
MIN_SENTENCE_CELL = 8
_SENTENCE_END = ("。", "！", "？", "!", "?", ".", "；")
_CLOSING = "”’\"')）」 "  # the quotes and brackets a sentence may close after its stop


def _sentence_cell(cell: _Cell) -> bool:
    """A cell whose text is a sentence: long enough and ending as one does."""
    text = cell.text.strip().rstrip(_CLOSING)
    return len(text) >= MIN_SENTENCE_CELL and text.endswith(_SENTENCE_END)


def _distinct_cells(cells: list[_Cell]) -> list[_Cell]:
    """A row's cells, a merged cell (python-docx repeats it for each column) once."""
    distinct: list[_Cell] = []
    for cell in cells:
        if all(cell._tc is not d._tc for d in distinct):
            distinct.append(cell)
    return distinct


def _sentence_rows(table: Table) -> bool:
    """Whether the table's cells are sentences, one paragraph each, row after row: most
    of its rows below the first hold a sentence cell, and either some row holds two (a
    教学设计's 教学过程: 教师活动 | 学生活动 | 设计意图, each cell what someone does, in
    sentences) or the first row holds one (a form with no header row: "学情分析 | 学生
    已经学习了…。", "教学目标 | …"). Read as a table, a lesson design of 900 words gave 6
    concepts: its every sentence sat in a table's cell. A glossary table keeps its
    header ("名词 | 解释") above one column of sentences, and stays a table."""
    rows = [_distinct_cells(row.cells) for row in table.rows]
    prose = [sum(1 for c in row if _sentence_cell(c)) for row in rows]
    if len(rows) < 2 or sum(1 for n in prose[1:] if n) * 2 < len(rows) - 1:
        return False
    return prose[0] >= 1 or any(n >= 2 for n in prose)


def _cell_paragraphs(
    table: Table, page: int, styles: dict[str, BaseStyle], default: BaseStyle
) -> list[Block]:
    """A prose table's cells, row by row, as the paragraphs they hold (a merged cell once,
    no cell paragraph a heading: a cell's bold label is a label)."""
    blocks: list[Block] = []
    # the cell elements themselves, held: lxml makes a new proxy for an element no one
    # holds, so an id() could be reused by another cell
    seen: set[etree._Element] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                style = styles.get(paragraph._p.style or "", default)
                for block in _paragraph(paragraph, page, style, heading=False):
                    # a cell set wholly in bold is a column's or a row's label
                    # ("教学环节"), no term stressed in a sentence
                    label = "".join(block.emphasis).replace(" ", "") == block.text.replace(" ", "")
                    blocks.append(replace(block, emphasis=()) if label else block)
    return blocks


def _code_boxes(document: DocxDocument) -> set[str]:
    """The text boxes that hold a listing: most of their characters, over two lines or more,
    in a code font. A slide's code template sets its placeholders ("Body", "Test") in a
    text font; read line by line, "Body" and "if (Test)" were prose, and "Init" a concept."""
    counts: dict[str, list[int]] = {}  # box → [lines, characters, characters in a code font]
    for item in document.iter_inner_content():
        box = None if isinstance(item, Table) else item._p.get(TEXT_BOX)
        if box is None or not item.text.strip():
            continue
        count = counts.setdefault(box, [0, 0, 0])
        count[0] += 1
        for run in item.runs:
            size = len(run.text.strip())
            count[1] += size
            if run.font.name and _MONO_FONT.search(run.font.name):
                count[2] += size
    return {box for box, (lines, chars, mono) in counts.items() if lines > 1 and mono * 2 >= chars}


def _default_size(document: DocxDocument) -> float:
    """The size (points) of text that names none: the document's default run size."""
    path = f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
    found = document.styles.element.find(path)
    size = found.get(qn("w:val")) if found is not None else None
    return int(size) / 2 if size and size.isdigit() else 11.0  # half-points; Word's own 11


def _bold_line(paragraph: Paragraph, style: BaseStyle | None, body_size: float) -> float | None:
    """The font size (points) of a short paragraph set wholly in bold, the way a heading
    is typed by hand; None otherwise."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs or not heading_shaped(paragraph.text):
        return None
    style_font = style.font if style is not None else None
    style_bold = bool(style_font is not None and style_font.bold)
    if not all(r.bold or (r.bold is None and style_bold) for r in runs):
        return None
    sizes = [r.font.size for r in runs if r.font.size is not None]
    if not sizes and style_font is not None and style_font.size is not None:
        sizes = [style_font.size]
    return max((s.pt for s in sizes), default=body_size)


def _page_breaks(paragraph: Paragraph) -> int:
    p = paragraph._p
    before = p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    explicit = [br for br in p.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    rendered = list(p.iter(qn("w:lastRenderedPageBreak")))
    # a break inside the paragraph puts the paragraph on the page it starts on + breaks
    return int(before) + max(len(explicit), len(rendered))


def _paragraph(
    paragraph: Paragraph,
    page: int,
    style: BaseStyle | None,
    heading: bool = True,
    listed: Shown = Shown(),
) -> list[Block]:
    """The paragraph's blocks; `listed` is what Word shows before it (`ListNumbers`): a
    list item's number is kept as `Block.number`, a letter's label is typed before the
    text as Word shows it."""
    maths = [m for m in paragraph._p.iter(_MATH) if m.getparent().tag != _MATH]
    text = paragraph.text.strip()
    if (maths and text) or any(_code_run(r) for r in paragraph._p.iterchildren(_RUN)):
        text = _with_inline_maths(paragraph).strip()
    elif maths:
        return [b for m in maths for b in make_blocks("formula", math_text(m), page)]
    level = _heading_level(paragraph, style) if heading else 0
    if level:
        return make_blocks("heading", text, page, level=level)
    if _is_code(paragraph, style):
        return make_blocks("code", paragraph.text, page)
    if typed_code(paragraph.text):
        # a listing pasted in the body's font ("df = pd.read_csv('x.csv') df.head(3)"): its
        # names ("head", "True", "Date") were a pandas exercise sheet's concepts
        return make_blocks("code", paragraph.text, page)
    emphasis = _emphasis(paragraph)
    kind: BlockKind = "list_item" if _is_list(paragraph, style) else "paragraph"
    if listed.label and text:
        text = f"{listed.label} {text}"
    return make_blocks(kind, text, page, emphasis=emphasis, number=listed.number)


def _with_inline_maths(paragraph: Paragraph) -> str:
    """The paragraph's text with its inline Office Math and inline code marked
    (`office_runs.joined`): python-docx's text has runs and hyperlinks only."""
    return joined(
        paragraph._p.iterchildren(),
        code=lambda child: child.tag == _RUN and _code_run(child),
        text=lambda child: child.tag in (_RUN, _HYPERLINK),
        maths=lambda child: child.tag == _MATH,
    ).text


def _code_run(run: etree._Element) -> bool:
    """A run (`w:r`) of inline code: set in a fixed-pitch font, or in a character style for
    code (pandoc's "VerbatimChar", Word's "HTMLCode"). Read from the run's own properties:
    python-docx's style lookup for every run of a book tripled the reader's time."""
    properties = run.find(_RUN_PROPERTIES)
    if properties is None or not (run.text or "").strip():
        return False
    style = properties.find(_RUN_STYLE)
    fonts = properties.find(_RUN_FONTS)
    typeface = "" if fonts is None else fonts.get(_ASCII_FONT) or fonts.get(_OTHER_FONT) or ""
    return bool(
        (style is not None and _CODE_STYLE.search(style.get(_VALUE, "")))
        or _MONO_FONT.search(typeface)
    )


_RUN_PROPERTIES, _RUN_STYLE, _RUN_FONTS = qn("w:rPr"), qn("w:rStyle"), qn("w:rFonts")
_ASCII_FONT, _OTHER_FONT, _VALUE = qn("w:ascii"), qn("w:hAnsi"), qn("w:val")


_RUN = qn("w:r")
_HYPERLINK = qn("w:hyperlink")


def _heading_level(paragraph: Paragraph, style: BaseStyle | None) -> int:
    name = (style.name or "") if style is not None else ""
    if name.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(name.strip())
    if match:
        return min(int(match.group(1)), 6)
    for element in (paragraph._p, style.element if style is not None else None):
        if element is None:
            continue
        outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is not None:
            value = int(outline.get(qn("w:val"), "9"))
            if value < 6:
                return value + 1
    return 0


_CODE_STYLE = re.compile(r"code|source|preformatted|verbatim|macro|listing", re.IGNORECASE)
_MONO_FONT = re.compile(r"mono|courier|consol|menlo|typewriter", re.IGNORECASE)


def _is_code(paragraph: Paragraph, style: BaseStyle | None) -> bool:
    """A code style ("Code", "HTML Preformatted", …) or every run in a fixed-pitch font."""
    if style is not None and _CODE_STYLE.search(style.name or ""):
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.font.name and _MONO_FONT.search(r.font.name) for r in runs)


def _is_list(paragraph: Paragraph, style: BaseStyle | None) -> bool:
    if style is not None and (style.name or "").lower().startswith("list"):
        return True
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None


def _emphasis(paragraph: Paragraph) -> list[str]:
    """The paragraph's bold, italic and underlined spans, in order. Office Math stands
    between runs (pandoc writes "**$n$步时序差分**" as a formula, then the bold run "步时序
    差分"): a formula of one letter is part of the name it opens when an emphasised run
    goes on from it without a space, as the Markdown reader reads it ("n步时序差分",
    "k-means"). A formula inside or closing a span is left out ("样本空间 $Ω$" is
    "样本空间"), as a formula is in a heading's topic."""
    spans: list[str] = []
    current = ""
    letter = ""  # a one-letter formula read just before
    for child in paragraph._p.iterchildren(_RUN, _MATH):
        if child.tag == _MATH:
            letter = "" if current else _letter(child)
            continue
        run = Run(child, paragraph)
        if run.bold or run.italic or run.underline:
            text = run.text
            if not current and letter and text[:1].strip():
                current = letter
            current += text
        elif current:
            spans.append(current)
            current = ""
        letter = ""
    if current:
        spans.append(current)
    return spans


def _letter(maths: etree._Element) -> str:
    """The letter a piece of Office Math is ("n", "ε"), or nothing."""
    text = math_text(maths).strip()
    return text if len(text) == 1 and text.isalpha() else ""
