"""OpenDocument presentation (.odp): a LibreOffice Impress or WPS deck, read from its
content.xml with lxml, after the ZIP bounds a DOCX gets (`detect.check_office_archive`).
No library we have reads it (pandoc reads ODF text only), and the format is plain XML.

One page per slide (`draw:page`), numbered as Impress numbers them, so provenance reads
"slide 7". On a slide, as the PowerPoint reader reads one (`pptx`): the frame of
presentation class "title" is its title; the other frames follow in reading order (top to
bottom, then left to right; a group's frames where the group stands); a paragraph in a
`text:list` is a list item, one outside a list a paragraph; a table is rows of
" | "-joined cells; bold, italic and underlined spans (by their automatic styles) are
emphasis. The speaker notes (`presentation:notes`) follow the slide as prose. A hidden
slide keeps its number and stays empty. Footer,
date and slide-number frames and pictures carry no text of the slide; what the deck as a
whole shows to be no content goes as a PowerPoint deck's does (`pptx_deck.deck_blocks`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from datasources.files.detect import Detected, check_office_archive
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.model import Block, BlockKind, ReadDocument
from jobs.pipeline.readers import xmlfile
from jobs.pipeline.readers.blocks import make_blocks
from jobs.pipeline.readers.pptx_deck import SlideText, deck_document

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_CLASS = f"{{{_PRESENTATION}}}class"
# frames Impress fills in on every slide: no content of the slide
_FIELDS = {"footer", "date-time", "page-number", "header", "page"}
_PARAGRAPHS = {f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"}
_SPACE, _BREAKS = f"{{{_TEXT}}}s", {f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break"}


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "odp")
    try:
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
            meta = archive.read("meta.xml") if "meta.xml" in archive.namelist() else b""
    except (KeyError, zipfile.BadZipFile) as error:
        reason = f"the presentation has no content ({error})"
        raise CorruptDocument("corrupt_odp", reason) from error
    root = xmlfile.parse_root(content, f"{{{_OFFICE}}}document-content", "the presentation")
    stressed = _stressed_styles(root)
    hidden = _hidden_page_styles(root)
    # a hidden slide keeps its number and stays empty, as in the PowerPoint reader
    slides = [
        SlideText(number)
        if page.get(f"{{{_DRAW}}}style-name") in hidden
        else _read_slide(page, number, stressed)
        for number, page in enumerate(root.iter(f"{{{_DRAW}}}page"), 1)
    ]
    return deck_document(slides, detected, _declared_title(meta))


def _declared_title(meta: bytes) -> str | None:
    """The deck's title in meta.xml (File > Properties), if it names one."""
    if not meta:
        return None
    try:
        root = xmlfile.parse_root(meta, f"{{{_OFFICE}}}document-meta", "the presentation")
    except CorruptDocument:
        return None  # the properties are no content: a broken meta.xml loses nothing
    found = root.find(f".//{{{_DC}}}title")
    title = " ".join((found.text or "").split()) if found is not None else ""
    return title or None


def _stressed_styles(root: etree._Element) -> set[str]:
    """The automatic text styles that set bold, italic or an underline."""
    stressed = set()
    for style in root.iter(f"{{{_STYLE}}}style"):
        props = style.find(f"{{{_STYLE}}}text-properties")
        if props is None:
            continue
        weight = props.get(f"{{{_FO}}}font-weight", "normal")
        italic = props.get(f"{{{_FO}}}font-style", "normal") == "italic"
        underline = props.get(f"{{{_STYLE}}}text-underline-style", "none") != "none"
        if weight not in ("normal", "400") or italic or underline:
            stressed.add(style.get(f"{{{_STYLE}}}name", ""))
    return stressed


def _hidden_page_styles(root: etree._Element) -> set[str]:
    """The drawing-page styles that hide a slide (Slide Show > Hide Slide): skipped in the
    show, no content of it (a teacher hides the slides of last year's version)."""
    return {
        style.get(f"{{{_STYLE}}}name", "")
        for style in root.iter(f"{{{_STYLE}}}style")
        if (props := style.find(f"{{{_STYLE}}}drawing-page-properties")) is not None
        and props.get(f"{{{_PRESENTATION}}}visibility") == "hidden"
    }


def _read_slide(page: etree._Element, number: int, stressed: set[str]) -> SlideText:
    read = SlideText(number)
    for frame in _reading_order(page):
        kind = frame.get(_CLASS, "")
        if kind in _FIELDS:
            continue
        if frame.find(f"{{{_DRAW}}}image") is not None and not _paragraphs(frame):
            read.pictures += 1
            continue
        if kind == "title" and not read.title:
            read.title = " ".join(_text(p)[0] for p in _paragraphs(frame) if _text(p)[0])
            continue
        read.body.extend(_frame_blocks(frame, number, stressed))
    notes = page.find(f"{{{_PRESENTATION}}}notes")
    if notes is not None:
        for frame in notes.iter(f"{{{_DRAW}}}frame"):
            if frame.get(_CLASS) == "notes":
                for paragraph in _paragraphs(frame):
                    text, emphasis = _text(paragraph, stressed)
                    read.notes.extend(make_blocks("paragraph", text, number, emphasis=emphasis))
    return read


def _reading_order(page: etree._Element) -> list[etree._Element]:
    """The slide's frames (a group's where the group stands), top to bottom, then left to
    right; the notes page's frames are not the slide's."""
    frames = []
    for child in page:
        if child.tag == f"{{{_DRAW}}}g":
            frames.extend(f for f in child.iter(f"{{{_DRAW}}}frame"))
        elif child.tag == f"{{{_DRAW}}}frame":
            frames.append(child)
    return sorted(frames, key=lambda f: (_length(f, "y"), _length(f, "x")))


def _length(frame: etree._Element, axis: str) -> float:
    """The frame's position on `axis` in centimetres' units (as written: cm, in, pt alike
    within one deck); 0 where none is written."""
    value = frame.get(f"{{{_SVG}}}{axis}", "0")
    number = value.rstrip("abcdefghijklmnopqrstuvwxyz%")
    try:
        return float(number)
    except ValueError:
        return 0.0


def _paragraphs(frame: etree._Element) -> list[etree._Element]:
    return [e for e in frame.iter() if e.tag in _PARAGRAPHS]


def _frame_blocks(frame: etree._Element, number: int, stressed: set[str]) -> list[Block]:
    blocks: list[Block] = []
    for table in frame.iter(f"{{{_TABLE}}}table"):
        rows = [
            " | ".join(_text(cell)[0] for cell in row.iter(f"{{{_TABLE}}}table-cell"))
            for row in table.iter(f"{{{_TABLE}}}table-row")
        ]
        blocks.extend(make_blocks("table", "\n".join(r for r in rows if r.strip(" |")), number))
    if blocks:
        return blocks
    for paragraph in _paragraphs(frame):
        listed = any(a.tag == f"{{{_TEXT}}}list-item" for a in paragraph.iterancestors())
        kind: BlockKind = "list_item" if listed else "paragraph"
        text, emphasis = _text(paragraph, stressed)
        blocks.extend(make_blocks(kind, text, number, emphasis=emphasis))
    return blocks


def _text(
    paragraph: etree._Element,
    stressed: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[str, list[str]]:
    """A paragraph's text, its spaces (`text:s`), tabs and line breaks as spaces, and its
    stressed spans."""
    parts: list[str] = []
    emphasis: list[str] = []

    def walk(element: etree._Element, into: list[str]) -> None:
        into.append(element.text or "")
        for child in element:
            if child.tag == _SPACE:
                into.append(" " * int(child.get(f"{{{_TEXT}}}c", "1") or 1))
            elif child.tag in _BREAKS:
                into.append(" ")
            elif isinstance(child.tag, str):
                inner: list[str] = []
                walk(child, inner)
                span = "".join(inner)
                if child.get(f"{{{_TEXT}}}style-name") in stressed and span.strip():
                    emphasis.append(" ".join(span.split()))
                into.append(span)
            into.append(child.tail or "")

    walk(paragraph, parts)
    return " ".join("".join(parts).split()), emphasis
