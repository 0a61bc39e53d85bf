"""PowerPoint (.pptx) with python-pptx, after the ZIP bounds a DOCX gets
(datasources/files/detect.check_office_archive, which uploads run too).

One page per slide, numbered as PowerPoint numbers them (a hidden slide keeps its number
and stays empty), so provenance reads "slide 7" where the teacher finds it. On a slide: its
title placeholder is a heading, at level 1 on every slide (one title level a deck, as the
PDF reader sets a deck's titles), or without one a text box set as a title; its other
shapes follow in reading order (top to bottom, then left to right; a group's shapes where
the group stands); a paragraph indented (`level > 0`) or bulleted is a list item,
paragraphs set wholly in a fixed-pitch font are a code block, a table is rows of " | "-joined
cells as in DOCX, a SmartArt diagram's nodes are list items, and bold, italic and
underlined runs are emphasis. The speaker notes follow the slide as prose.

Left out here: hidden slides, footer, date, header and slide-number placeholders, pictures
and charts, the same words again on the slide (a picture's labels); what the deck as a
whole shows to be no content (repeated text, overlay steps, credits slides, a title slide's
notes) is left out by `pptx_deck.deck_blocks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pptx
from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph

from datasources.files.detect import Detected, check_office_archive
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.model import Block, BlockKind, ReadDocument
from jobs.pipeline.readers.blocks import make_blocks
from jobs.pipeline.readers.office_runs import joined
from jobs.pipeline.readers.pptx_deck import SlideText, deck_document, furniture_key
from jobs.pipeline.readers.pptx_numbering import shown_numbers
from jobs.pipeline.readers.word_numbering import Shown

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
# fields PowerPoint fills in on every slide: no content of the slide
_FIELDS = {
    PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.DATE,
    PP_PLACEHOLDER.SLIDE_NUMBER,
    PP_PLACEHOLDER.HEADER,
}
# placeholders whose paragraphs the master sets with bullets unless a paragraph says not
_BULLETED = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
_BULLET = {qn("a:buChar"), qn("a:buAutoNum"), qn("a:buBlip")}
_NO_BULLET = qn("a:buNone")
_MONO_FONT = re.compile(r"mono|courier|consol|menlo|typewriter", re.IGNORECASE)
_RUN_PROPERTIES, _LINK = qn("a:rPr"), qn("a:hlinkClick")
# a SmartArt graphic frame's reference to its data part, and that part's points
_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_DIAGRAM_IDS, _DIAGRAM_POINT = f"{_DGM}relIds", f"{_DGM}pt"
_DIAGRAM_DATA = qn("r:dm")
# a slide's outer band, top or foot, as a share of its height, where footers are typed
# (`pdf._FIELD_BAND`); 4:3 PowerPoint's height when a deck names none
_FIELD_BAND = 0.15
_DEFAULT_HEIGHT = 6858000
# a heading's length (`blocks.heading_shaped`'s): longer, a title placeholder holds notes
_TITLE_CHARS, _TITLE_WORDS = 100, 14
# a title's least size in points where a text box stands for the title placeholder (body
# text is set at 18 to 28 points, PowerPoint's titles at 40 to 44)
_TITLE_PT = 28
_LINK_TEXT = re.compile(r"\w+://|www\.", re.IGNORECASE)
# markup compatibility: PowerPoint wraps a shape holding an equation (and other newer
# content) in mc:AlternateContent, the shape as written in mc:Choice, a picture of it in
# mc:Fallback; the equation itself is `a14:m` among the paragraph's runs
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALTERNATE, _CHOICE, _FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
_A14_MATH = "{http://schemas.microsoft.com/office/drawing/2010/main}m"
_SHAPE_TAGS = {qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic")}
_TEXT_PARTS = {qn("a:r"), qn("a:fld"), qn("a:br")}
_SENTENCE = re.compile(r"[^.][.。]\s*$")
_HAN = re.compile(r"[\u3400-\u9fff]")
# a diagram's label broken a word a line: up to four words of letters
_LABEL_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "pptx")
    try:
        deck = pptx.Presentation(str(path))
        height = deck.slide_height or _DEFAULT_HEIGHT
        slides = [_read_slide(slide, n, height) for n, slide in enumerate(deck.slides, 1)]
        declared = deck.core_properties.title or None
    except Exception as error:  # python-pptx raises KeyError, ValueError, lxml errors...
        raise CorruptDocument(
            "corrupt_pptx", f"the PowerPoint presentation cannot be parsed ({error})"
        ) from error
    return deck_document(slides, detected, declared)


def _read_slide(slide: Slide, number: int, height: int) -> SlideText:
    read = SlideText(number)
    if slide._element.get("show") == "0":  # hidden: skipped in the slide show
        return read
    _unwrap_alternates(slide.shapes._spTree)
    shapes = _reading_order(slide.shapes)
    title = _title_box(shapes)
    if title is not None:
        read.title = " ".join(title.text_frame.text.split())  # type: ignore[attr-defined]
        shapes.remove(title)
    for shape in shapes:
        before = len(read.body)
        _read_shape(shape, read)
        if _in_band(shape, height):
            read.banded.update(furniture_key(b.text) for b in read.body[before:])
    # the same words in several boxes of one slide label a picture (py4e's word count
    # exercise scatters "zhen" five times over a slide): read once, they weigh as once. A
    # numbered item is its own, however short: a key slide's "1. B", "3. B"
    seen: set[str] = set()
    body = []
    for block in read.body:
        if block.kind == "code" or block.number or block.text not in seen:
            body.append(block)
        seen.add(block.text)
    read.body = body
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            for paragraph in frame.paragraphs:
                read.notes.extend(_paragraph(paragraph, number, "paragraph"))
    return read


def _unwrap_alternates(tree: etree._Element) -> None:
    """Each mc:AlternateContent among the slide's shapes (at any depth) replaced by the
    shapes it offers: its first choice's when it has any, else its fallback's. python-pptx
    lists a slide's shapes without looking inside it, and PowerPoint so wraps every text
    box holding an equation: eight slides of a deck on computer arithmetic (pandoc writes
    them so too) were read as their titles alone. The choice is the text box as typed, the
    fallback a picture of it."""
    for alternate in list(tree.iter(_ALTERNATE)):
        offers = [*alternate.findall(_CHOICE), *alternate.findall(_FALLBACK)]
        shapes = next(
            (
                [c for c in offer if c.tag in _SHAPE_TAGS]
                for offer in offers
                if any(c.tag in _SHAPE_TAGS for c in offer)
            ),
            [],
        )
        parent = alternate.getparent()
        if parent is None:
            continue
        at = parent.index(alternate)
        parent.remove(alternate)
        for n, shape in enumerate(shapes):
            parent.insert(at + n, shape)


def _title_box(shapes: list[BaseShape]) -> BaseShape | None:
    """On a slide with no title placeholder, the text box that is its title: its first
    text in reading order, one line of a heading's length, set larger than any other
    text of the slide and at a title's size (`_TITLE_PT`). Some decks type every title
    in a text box (a re-make of CMU 15-213's lecture, 53 slides of 54), and "Control
    Flow" at 48 points ran into its slide's first sentence as prose. A web address or a
    number so set is no title (py4e's picture sources are typed large at the top), nor is
    a sentence ("This will save you much unnecessary pain.")."""
    if any(s.is_placeholder and s.placeholder_format.type in _TITLES for s in shapes):
        return None
    texts = [s for s in shapes if s.has_text_frame and s.text_frame.text.strip()]  # type: ignore[attr-defined]
    if not texts:
        return None
    first = texts[0]
    text: str = first.text_frame.text  # type: ignore[attr-defined]
    lines = [line for line in re.split(r"[\v\n]", text) if line.strip()]
    size = max(_sizes(first), default=0)
    others = [pt for shape in [*texts[1:], *_grouped(shapes)] for pt in _sizes(shape)]
    if len(lines) != 1 or not _title_shaped(text) or size < _TITLE_PT:
        return None
    if _LINK_TEXT.search(text) or not _WORD.search(text) or _SENTENCE.search(text):
        return None  # a picture's address, a number, a sentence said large
    return first if all(pt < size for pt in others) else None


def _sizes(shape: BaseShape) -> list[float]:
    """The point sizes a shape's text runs set (those the theme sets are unknown here)."""
    if not shape.has_text_frame:
        return []
    frame: TextFrame = shape.text_frame  # type: ignore[attr-defined]
    runs = [r for p in frame.paragraphs for r in p.runs if r.text.strip()]
    return [r.font.size.pt for r in runs if r.font.size is not None]


def _grouped(shapes: Iterable[BaseShape]) -> Iterable[BaseShape]:
    """The shapes inside the slide's groups, at any depth."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            inner = list(shape.shapes)  # type: ignore[attr-defined]
            yield from inner
            yield from _grouped(inner)


def _in_band(shape: BaseShape, height: int) -> bool:
    """The shape stands wholly in the slide's top or bottom band (`_FIELD_BAND`)."""
    if shape.top is None or shape.height is None:
        return False
    band = height * _FIELD_BAND
    return shape.top + shape.height <= band or shape.top >= height - band


def _reading_order(shapes: Iterable[BaseShape]) -> list[BaseShape]:
    """Top to bottom, then left to right (a shape without a position last)."""
    big = 1 << 62
    return sorted(shapes, key=lambda s: (s.top if s.top is not None else big, s.left or 0))


def _read_shape(shape: BaseShape, slide: SlideText) -> None:
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for inner in _reading_order(shape.shapes):  # type: ignore[attr-defined]
            _read_shape(inner, slide)
        return
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        slide.pictures += 1
        return
    placeholder = shape.placeholder_format.type if shape.is_placeholder else None
    if placeholder in _FIELDS:
        return
    if isinstance(shape, GraphicFrame):
        for text in _diagram(shape):
            slide.body.extend(make_blocks("list_item", text, slide.number))
    if getattr(shape, "has_table", False):
        rows = [
            " | ".join(" ".join(cell.text.split()) for cell in row.cells)
            for row in shape.table.rows  # type: ignore[attr-defined]
        ]
        slide.body.extend(make_blocks("table", "\n".join(rows), slide.number))
        return
    if not shape.has_text_frame:
        return
    frame: TextFrame = shape.text_frame  # type: ignore[attr-defined]
    if placeholder in _TITLES and not slide.title:
        title, rest = _title_lines(frame.text)
        slide.title = title
        for line in rest:  # notes typed line by line where the title goes: a paragraph each
            slide.body.extend(make_blocks("paragraph", line, slide.number))
        return
    label = _label(frame) if placeholder is None else None
    if label:
        slide.body.extend(make_blocks("paragraph", label, slide.number))
        return
    bulleted = placeholder in _BULLETED
    listing: list[str] = []  # the paragraphs of a listing being read, one block in the end
    paragraphs = list(frame.paragraphs)
    numbers = shown_numbers(paragraphs)
    for at, paragraph in enumerate([*paragraphs, None]):
        if paragraph is not None and (_is_code(paragraph) or (listing and not paragraph.text)):
            listing.append(paragraph.text.replace("\v", "\n").rstrip())
            continue
        if listing:
            slide.body.extend(make_blocks("code", "\n".join(listing).strip("\n"), slide.number))
            listing = []
        if paragraph is not None:
            kind = _kind(paragraph, bulleted)
            slide.body.extend(_paragraph(paragraph, slide.number, kind, numbers[at]))


def _diagram(shape: BaseShape) -> list[str]:
    """A SmartArt diagram's texts, a node each, in the order its data part keeps them (the
    slide holds only a reference to it: a C++ deck's ranking of types, "long double" down
    to "char", was lost). Connector and layout points carry no text of the author's."""
    data = shape._element.find(f".//{_DIAGRAM_IDS}")
    if data is None or data.get(_DIAGRAM_DATA) is None:
        return []
    try:  # a diagram's part missing or broken loses the diagram, not the deck
        model = parse_xml(shape.part.related_part(data.get(_DIAGRAM_DATA)).blob)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return []
    texts = []
    for point in model.iter(_DIAGRAM_POINT):
        if point.get("type", "node") != "node":
            continue
        for paragraph in point.iter(qn("a:p")):
            text = " ".join("".join(t.text or "" for t in paragraph.iter(qn("a:t"))).split())
            if text:
                texts.append(text)
    return texts


def _label(frame: TextFrame) -> str | None:
    """A text box's name broken one word a line, as a diagram's box is typed ("Central",
    "Processing", "Unit"): the name, its words joined. Read a line a paragraph, py4e's
    computer diagram gave "Processing" and lost "Central Processing Unit"."""
    words = [p.text.strip() for p in frame.paragraphs if p.text.strip()]
    if not 2 <= len(words) <= _LABEL_WORDS or not all(_WORD.fullmatch(w) for w in words):
        return None
    return " ".join(words)


def _title_lines(text: str) -> tuple[str, list[str]]:
    """A title placeholder's title and the lines it holds besides. Its lines up to the
    first empty one are the title when title-shaped (15-213's cover typed its title, a
    blank line, then course, date and speaker in the one placeholder, and had no title);
    else every line is a line of notes."""
    lines = [" ".join(line.split()) for line in re.split(r"[\v\n]", text)]
    if _title_shaped(text):
        return " ".join(line for line in lines if line), []
    lines = lines[next((i for i, x in enumerate(lines) if x), 0) :]
    if "" in lines:
        cut = lines.index("")
        if _title_shaped("\n".join(lines[:cut])):
            return " ".join(lines[:cut]), [line for line in lines[cut:] if line]
    return "", [line for line in lines if line]


def _title_shaped(text: str) -> bool:
    """A title placeholder that holds a title: two lines at most, of a heading's length.
    Typed full of notes (py4e's "Intro Wrapup": six lines under a title's placeholder), it
    was one heading of 100 words, and its lines ran together into concepts."""
    lines = [line for line in re.split(r"[\v\n]", text) if line.strip()]
    words = " ".join(lines)
    size = len(_HAN.findall(words)) / 2 + len(_HAN.sub(" ", words).split())
    return 0 < len(lines) <= 2 and len(words) <= _TITLE_CHARS and size <= _TITLE_WORDS


def _kind(paragraph: _Paragraph, bulleted: bool) -> BlockKind:
    """A list item when indented or bulleted: its own bullet mark, else its placeholder's
    (a body placeholder's paragraphs are bulleted by the master unless one says `buNone`)."""
    if paragraph.level > 0:
        return "list_item"
    properties = paragraph._p.pPr
    if properties is not None:
        if any(child.tag in _BULLET for child in properties):
            return "list_item"
        if properties.find(_NO_BULLET) is not None:
            return "paragraph"
    return "list_item" if bulleted else "paragraph"


def _is_code(paragraph: _Paragraph) -> bool:
    """Every run with text set in a fixed-pitch font: a line of a listing typed in Courier
    (the text box may go on with a link in Arial, which is no code)."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.font.name and _MONO_FONT.search(r.font.name) for r in runs)


def _paragraph(
    paragraph: _Paragraph, page: int, kind: BlockKind, listed: Shown = Shown()
) -> list[Block]:
    """The paragraph's blocks; `listed` is what PowerPoint's automatic numbering shows
    before it (`pptx_numbering`): a number kept as `Block.number`, a letter typed in."""
    # a run set in a code font among words ("`add rd, rs1, rs2`：加法指令") is inline code;
    # an equation alone in its paragraph is a formula block
    read = joined(
        paragraph._p,
        code=lambda child: child.tag == qn("a:r") and bool(_MONO_FONT.search(_typeface(child))),
        text=lambda child: child.tag in _TEXT_PARTS,
        maths=lambda child: child.tag == _A14_MATH,
    )
    if read.maths and not read.words.strip():
        return [b for m in read.maths for b in make_blocks("formula", m, page)]
    text = " ".join(read.text.split())
    if listed.label and text:
        text = f"{listed.label} {text}"
    return make_blocks(kind, text, page, emphasis=_emphasis(paragraph), number=listed.number)


def _typeface(run: etree._Element) -> str:
    """The Latin typeface a run sets itself (none: the theme's)."""
    latin = run.find(f"{_RUN_PROPERTIES}/{qn('a:latin')}")
    return "" if latin is None else latin.get("typeface", "")


def _emphasis(paragraph: _Paragraph) -> list[str]:
    """The paragraph's bold, italic and underlined spans, in order (as `docx._emphasis`)."""
    spans: list[str] = []
    current = ""
    for run in paragraph.runs:
        font = run.font
        # a link is underlined by the theme to show it is one, not to stress it
        linked = run._r.find(f"{_RUN_PROPERTIES}/{_LINK}") is not None
        if not linked and (font.bold or font.italic or font.underline):
            current += run.text
        elif current:
            spans.append(current)
            current = ""
    if current:
        spans.append(current)
    return [" ".join(s.split()) for s in spans if s.strip()]
