"""PowerPoint (.pptx) with python-pptx, after the ZIP bounds a DOCX gets
(datasources/files/detect.check_office_archive, which uploads run too).

One page per slide, numbered as PowerPoint numbers them (a hidden slide keeps its number
and stays empty), so provenance reads "slide 7" where the teacher finds it. On a slide: its
title placeholder is a heading, at level 1 on every slide (one title level a deck, as the
PDF reader sets a deck's titles); its other shapes follow in reading order (top to bottom,
then left to right; a group's shapes where the group stands); a paragraph indented
(`level > 0`) or bulleted is a list item, a text frame set wholly in a fixed-pitch font is
code, a table is rows of " | "-joined cells as in DOCX, and bold, italic and underlined runs
are emphasis. The speaker notes follow the slide as prose.

Left out, as the PDF reader leaves them out of a deck's pages (`slides`): footer, date and
slide-number placeholders; text repeated on many slides (a running title, a footer typed
in a text box); an overlay's earlier steps (a build made by copying a slide and adding an
item); an outline slide; a credits slide among the first or last ones; and the rest of a
short title slide with its notes (py4e's are a note to other teachers about logos).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph

from datasources.files.detect import Detected, check_office_archive
from datasources.files.document_errors import CorruptDocument, DocumentError, UnsupportedDocument
from jobs.pipeline.lexicon import CREDIT_HEADINGS
from jobs.pipeline.model import Block, BlockKind, ReadDocument
from jobs.pipeline.readers.blocks import make_blocks, real_pages
from jobs.pipeline.readers.slides import (
    overlay_steps,
    title_slide,
    without_credits,
    without_outline,
)

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
_DIGITS = re.compile(r"\d+")
_RUN_PROPERTIES, _LINK = qn("a:rPr"), qn("a:hlinkClick")
# text on this share of the shown slides (three at least) is the deck's furniture, as
# `pdf._FURNITURE_SHARE` judges a PDF's running lines
_FURNITURE_SHARE = 0.3
# a slide's outer band, top or foot, as a share of its height, where footers are typed
# (`pdf._FIELD_BAND`); 4:3 PowerPoint's height when a deck names none
_FIELD_BAND = 0.15
_DEFAULT_HEIGHT = 6858000
_TITLE_LEVEL = 1
# a heading's length (`blocks.heading_shaped`'s): longer, a title placeholder holds notes
_TITLE_CHARS, _TITLE_WORDS = 100, 14
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(slots=True)
class _Slide:
    number: int
    title: str = ""
    body: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    pictures: int = 0
    # the texts of its shapes in the slide's outer band, top or foot, where a footer goes
    banded: set[str] = field(default_factory=set)


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "pptx")
    try:
        deck = pptx.Presentation(str(path))
        height = deck.slide_height or _DEFAULT_HEIGHT
        slides = [_read_slide(slide, n, height) for n, slide in enumerate(deck.slides, 1)]
        declared = deck.core_properties.title or None
    except DocumentError:
        raise
    except Exception as error:  # python-pptx raises KeyError, ValueError, lxml errors...
        raise CorruptDocument(
            "corrupt_pptx", f"the PowerPoint presentation cannot be parsed ({error})"
        ) from error
    shown = _without_steps(slides)
    _without_furniture(shown)
    content = [b for s in shown for b in _content(s)]
    kept = title_slide(_without_sources(without_credits(without_outline(content))))
    # a slide the deck rules took out takes its notes with it; so does a title slide (its
    # title alone, or reduced to it): py4e's are a note to other teachers about its logos
    dropped = {b.page for b in content} - {b.page for b in kept}
    if [b.kind for b in kept if b.page == 1] == ["heading"]:
        dropped.add(1)
    notes = {s.number: s.notes for s in shown if s.notes and s.number not in dropped}
    blocks = _with_notes(kept, notes)
    if not blocks:
        _no_text(slides)
    first = blocks[0]
    return ReadDocument(
        detected.kind,
        detected.mime_type,
        real_pages(blocks),
        True,
        declared,
        slides=len({b.page for b in blocks}),
        shown_title=first.text if first.kind == "heading" else None,
    )


def _no_text(slides: list[_Slide]) -> None:
    """UnsupportedDocument("no_text") saying what the deck holds instead of text."""
    if not slides:
        raise UnsupportedDocument("no_text", "the presentation has no slides")
    slides_hold = "its slide holds" if len(slides) == 1 else f"its {len(slides)} slides hold"
    if any(s.pictures for s in slides):
        raise UnsupportedDocument(
            "no_text",
            f"{slides_hold} pictures but no text (text inside a picture needs OCR first; or"
            " type it on the slides or in the speaker notes)",
        )
    raise UnsupportedDocument("no_text", f"{slides_hold} no text")


def _read_slide(slide: Slide, number: int, height: int) -> _Slide:
    read = _Slide(number)
    if slide._element.get("show") == "0":  # hidden: skipped in the slide show
        return read
    for shape in _reading_order(slide.shapes):
        before = len(read.body)
        _read_shape(shape, read)
        if _in_band(shape, height):
            read.banded.update(_key(b.text) for b in read.body[before:])
    # the same words in several boxes of one slide label a picture (py4e's word count
    # exercise scatters "zhen" five times over a slide): read once, they weigh as once
    texts = [b.text for b in read.body]
    read.body = [b for i, b in enumerate(read.body) if b.kind == "code" or b.text not in texts[:i]]
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            for paragraph in frame.paragraphs:
                read.notes.extend(_paragraph(paragraph, number, "paragraph"))
    return read


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


def _read_shape(shape: BaseShape, slide: _Slide) -> None:
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
        if _title_shaped(frame.text):
            slide.title = " ".join(frame.text.split())
        else:  # notes typed line by line where the title goes: each line a paragraph
            for line in re.split(r"[\v\n]", frame.text):
                slide.body.extend(make_blocks("paragraph", " ".join(line.split()), slide.number))
        return
    bulleted = placeholder in _BULLETED
    listing: list[str] = []  # the paragraphs of a listing being read, one block in the end
    for paragraph in [*frame.paragraphs, None]:
        if paragraph is not None and (_is_code(paragraph) or (listing and not paragraph.text)):
            listing.append(paragraph.text.replace("\v", "\n").rstrip())
            continue
        if listing:
            slide.body.extend(make_blocks("code", "\n".join(listing).strip("\n"), slide.number))
            listing = []
        if paragraph is not None:
            slide.body.extend(_paragraph(paragraph, slide.number, _kind(paragraph, bulleted)))


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


def _paragraph(paragraph: _Paragraph, page: int, kind: BlockKind) -> list[Block]:
    text = " ".join(paragraph.text.split())
    return make_blocks(kind, text, page, emphasis=_emphasis(paragraph))


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


def _lines(slide: _Slide) -> list[tuple[str, float]]:
    """What the slide shows, line by line, for `slides.overlay_steps` (no sizes here): a
    listing that grows by a line from one step to the next is a step too."""
    texts = [slide.title, *(b.text for b in slide.body)]
    return [(line, 0.0) for text in texts for line in text.split("\n") if line.strip()]


def _without_steps(slides: list[_Slide]) -> list[_Slide]:
    """The slides with an overlay's earlier steps emptied: a build made by copying a slide
    and adding to it shows the same text again, and every term of it counted once a step.
    A step's notes stay when the next slide's differ."""
    steps = overlay_steps([_lines(s) for s in slides])
    for index in steps:
        step, later = slides[index], slides[index + 1]
        later_notes = {b.text for b in later.notes}
        step.title, step.body = "", []
        step.notes = [b for b in step.notes if b.text not in later_notes]
    return slides


# where a deck sets its credits (`slides.without_credits`): its first two slides, its last three
_CREDITS_FIRST, _CREDITS_LAST = 2, 3
# the title of a deck's list of where its pictures come from ("Additional Source Information":
# "Photo from the television program Lassie …" made "Lassie" a concept of the deck)
_SOURCES = re.compile(
    r"(?:additional\s+)?(?:(?:image|photo|picture)\s+)?sources?(?:\s+information)?", re.I
)


def _without_sources(blocks: list[Block]) -> list[Block]:
    """The deck without a credits slide `slides.without_credits` does not name: among its
    first or last slides, one titled as a credits section is (`lexicon.CREDIT_HEADINGS`,
    "Image Credits", "Copyright Notice") or as a list of its pictures' sources."""
    titles = {b.page: b.text.strip(" .:：") for b in blocks if b.kind == "heading"}
    pages = sorted({b.page for b in blocks})
    edges = set(pages[:_CREDITS_FIRST] + pages[-_CREDITS_LAST:])
    credits = {
        page
        for page in edges
        if page in titles
        and (CREDIT_HEADINGS.fullmatch(titles[page]) or _SOURCES.fullmatch(titles[page]))
    }
    return [b for b in blocks if b.page not in credits]


def _key(text: str) -> str:
    return _DIGITS.sub("#", text)


def _without_furniture(slides: list[_Slide]) -> None:
    """Text that repeats on many slides, digits aside ("3 / 20" repeats too): in a slide's
    outer band, a footer typed in a text box, it is dropped everywhere; elsewhere it is
    read once, where it first stands: a running title typed as each slide's title names
    the deck, and a listing shown again on each step of a walkthrough (py4e's "class
    PartyAnimal:" on three slides of ten) teaches once and was dropped whole."""
    shown = [s for s in slides if s.title or s.body]
    threshold = max(3, int(len(shown) * _FURNITURE_SHARE))
    counts: Counter[str] = Counter()
    for slide in shown:
        counts.update({_key(b.text) for b in slide.body} | ({_key(slide.title)} - {""}))
    repeated = {text for text, count in counts.items() if count >= threshold}
    seen: set[str] = set()
    for slide in shown:
        body = []
        for block in slide.body:
            key = _key(block.text)
            if key not in repeated or (key not in slide.banded and key not in seen):
                body.append(block)
            seen.add(key)
        slide.body = body
        key = _key(slide.title)
        if key in repeated:
            if key in seen:
                slide.title = ""
            seen.add(key)


def _content(slide: _Slide) -> Iterator[Block]:
    if slide.title:
        yield from make_blocks("heading", slide.title, slide.number, level=_TITLE_LEVEL)
    yield from slide.body


def _with_notes(blocks: list[Block], notes: dict[int, list[Block]]) -> list[Block]:
    """`blocks` with each slide's notes after its content (a slide of notes alone too)."""
    by_page: dict[int, list[Block]] = {}
    for block in blocks:
        by_page.setdefault(block.page, []).append(block)
    return [
        b
        for page in sorted(by_page.keys() | notes.keys())
        for b in [*by_page.get(page, ()), *notes.get(page, ())]
    ]
