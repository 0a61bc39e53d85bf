"""The OpenDocument presentation reader (LibreOffice Impress, WPS) on decks written here as
Impress writes content.xml: titles, bullets, emphasis, tables, notes, footers, order."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from datasources.files.detect import detect
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.readers import read

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
_STYLES = (
    '<office:automatic-styles><style:style style:name="T1" style:family="text">'
    '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
)


def _frame(kind: str, inner: str, y: float, x: float = 1.0) -> str:
    return (
        f'<draw:frame presentation:class="{kind}" svg:x="{x}cm" svg:y="{y}cm">'
        f"<draw:text-box>{inner}</draw:text-box></draw:frame>"
    )


def _deck(tmp_path: Path, pages: list[str], meta: str = "") -> Path:
    body = "".join(f'<draw:page draw:name="p{i}">{p}</draw:page>' for i, p in enumerate(pages))
    content = (
        f"<office:document-content {_NS}>{_STYLES}<office:body><office:presentation>"
        f"{body}</office:presentation></office:body></office:document-content>"
    )
    path = tmp_path / "lecture.odp"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        if meta:
            archive.writestr(
                "meta.xml",
                f"<office:document-meta {_NS}><office:meta><dc:title>{meta}</dc:title>"
                "</office:meta></office:document-meta>",
            )
    return path


def test_an_impress_deck_is_read_a_slide_a_page(tmp_path: Path) -> None:
    # frames given out of order: the body's frame first in the file, the title below it
    bullets = (
        "<text:list><text:list-item><text:p>"
        '<text:span text:style-name="T1">Osmosis</text:span> is the movement of water'
        "<text:s/>across a membrane.</text:p></text:list-item>"
        "<text:list-item><text:list><text:list-item><text:p>It needs no energy.</text:p>"
        "</text:list-item></text:list></text:list-item></text:list>"
    )
    table = (
        '<draw:frame svg:x="1cm" svg:y="9cm"><table:table><table:table-row>'
        "<table:table-cell><text:p>Solution</text:p></table:table-cell>"
        "<table:table-cell><text:p>Cell</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>hypotonic</text:p></table:table-cell>"
        "<table:table-cell><text:p>swells</text:p></table:table-cell></table:table-row>"
        "</table:table></draw:frame>"
    )
    notes = (
        "<presentation:notes>"
        + _frame("notes", "<text:p>Ask who has seen a raisin swell.</text:p>", 12)
        + "</presentation:notes>"
    )
    path = _deck(
        tmp_path,
        [
            _frame("title", "<text:p>Membrane Transport</text:p>", 1)
            + _frame("subtitle", "<text:p>Week 3 of Cell Biology</text:p>", 5),
            _frame("outline", bullets, 4)
            + _frame("title", "<text:p>Osmosis</text:p>", 1)
            + table
            + _frame("footer", "<text:p>Cell Biology</text:p>", 14)
            + notes,
        ],
        meta="Transport lecture",
    )
    # the title slide's title is the deck's, as a PowerPoint deck's is
    detected = detect(path, filename=path.name)
    assert detected.kind == "odp"
    document = read(path, detected)
    assert document.title == "Membrane Transport"
    blocks = [(b.page, b.kind, b.text) for b in document.blocks()]
    assert blocks[-5:] == [
        (2, "heading", "Osmosis"),
        (2, "list_item", "Osmosis is the movement of water across a membrane."),
        (2, "list_item", "It needs no energy."),
        (2, "table", "Solution | Cell\nhypotonic | swells"),
        (2, "paragraph", "Ask who has seen a raisin swell."),
    ]
    stressed = next(b for b in document.blocks() if b.text.startswith("Osmosis is"))
    assert "Osmosis" in stressed.emphasis


def test_a_deck_without_text_or_with_broken_xml_says_so(tmp_path: Path) -> None:
    picture = '<draw:frame svg:y="1cm"><draw:image/></draw:frame>'
    path = _deck(tmp_path, [picture, picture])
    with pytest.raises(UnsupportedDocument) as error:
        read(path, detect(path, filename=path.name))
    assert error.value.reason == "no_text" and "pictures" in error.value.message
    broken = tmp_path / "broken.odp"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", "<office:document-content><open>")
    with pytest.raises(CorruptDocument):
        read(broken, detect(broken, filename=broken.name))


def test_a_hidden_slide_is_skipped_and_keeps_its_number(tmp_path: Path) -> None:
    hidden_style = (
        '<style:style style:name="dp9" style:family="drawing-page">'
        '<style:drawing-page-properties presentation:visibility="hidden"/></style:style>'
    )
    path = _deck(
        tmp_path,
        [
            _frame("title", "<text:p>Diffusion</text:p>", 1),
            _frame("title", "<text:p>Old exam answers</text:p>", 1),
            _frame("title", "<text:p>Active transport</text:p>", 1),
        ],
    )
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    content = content.replace(
        "</office:automatic-styles>", hidden_style + "</office:automatic-styles>"
    )
    content = content.replace('draw:name="p1"', 'draw:name="p1" draw:style-name="dp9"')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", content)
    document = read(path, detect(path, filename=path.name))
    assert [(b.page, b.text) for b in document.blocks()] == [
        (1, "Diffusion"),
        (3, "Active transport"),
    ]
