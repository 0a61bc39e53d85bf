"""A course package: SCORM 1.2/2004 or an IMS Common Cartridge (Canvas's .imscc), its HTML
pages read in its manifest's order as one document (`detect.course_pages`).

Refused as "a course export", a course designer's module had to be unzipped and uploaded
page by page, its order lost. Each item's title is a heading at its nesting level (a
Canvas module over its pages), each page is read by the HTML reader's rules (its
navigation, scripts and footers dropped), and a page that opens on its item's title again
does not repeat it. Pages are looked for inside the ZIP only (`detect` refuses a href that
leaves it); the ZIP is bounded as Office files are, and the pages' text at
`MAX_PACKAGE_BYTES`.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from datasources.files.detect import (
    BROKEN_ZIP,
    CoursePage,
    Detected,
    check_office_archive,
    course_pages,
)
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers import html
from jobs.pipeline.readers.blocks import make_blocks, virtual_pages

MAX_PACKAGE_BYTES = 5 * 1024 * 1024
REPEAT_WITHIN = 3  # a page's blocks looked at for its title repeated


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "coursepackage")  # the ZIP's bounds, as an upload's
    blocks: list[Block] = []
    try:
        with zipfile.ZipFile(path) as archive:
            title, items = course_pages(archive)
            if not any(item.member for item in items):
                raise UnsupportedDocument(
                    "unsupported_type", "the course package's manifest names no HTML page"
                )
            size = 0
            for item in items:
                page, size = _page(archive, item, size)
                blocks.extend(_item_blocks(item, page))
    except BROKEN_ZIP as error:
        raise CorruptDocument("unreadable", f"the course package is broken ({error})") from error
    if not blocks:
        raise UnsupportedDocument("no_text", "the course package's pages hold no text")
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False, title)


def _page(archive: zipfile.ZipFile, item: CoursePage, size: int) -> tuple[list[Block], int]:
    """The item's page read as HTML (none for a module), and the bytes read so far."""
    if item.member is None:
        return [], size
    with archive.open(item.member) as member:
        data = member.read(MAX_PACKAGE_BYTES - size + 1)
    size += len(data)
    if size > MAX_PACKAGE_BYTES:
        raise UnsupportedDocument(
            "too_large", f"the course package's pages are over {MAX_PACKAGE_BYTES} bytes"
        )
    return html.parse(HTMLParser(data.decode("utf-8", errors="replace"))), size


def _item_blocks(item: CoursePage, page: list[Block]) -> list[Block]:
    """The item's title as a heading at its level, then its page's headings ranked below it
    (the page's top heading one level down). A heading among the page's first blocks that
    repeats the title (a SCORM page's <h1> under its "Previous | Next" bar) goes."""
    level = min(item.level, 6)
    first = next((i for i, b in enumerate(page[:REPEAT_WITHIN]) if b.kind == "heading"), None)
    if first is not None and _same(page[first].text, item.title):
        page = page[:first] + page[first + 1 :]
    heading = make_blocks("heading", item.title, 1, level=level) if item.title else []
    top = min((b.level for b in page if b.kind == "heading"), default=1)
    shift = (level if item.title else level - 1) + 1 - top
    return heading + [
        replace(b, level=max(1, min(b.level + shift, 6))) if b.kind == "heading" else b
        for b in page
    ]


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()
