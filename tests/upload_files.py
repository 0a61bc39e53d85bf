"""Real files for the upload tests, made here from text the tests wrote: good ones of every
kind, and each bad input the upload must refuse (with the reason it must give).

Unit, integration and end-to-end tests all send these same bytes.
"""

from __future__ import annotations

import io
import json
import random
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.unit.pipeline.conftest import render_html, write_pdf
from tests.unit.pipeline.samples import EN_CHAPTER, MIXED, NO_CONCEPTS, ZH_CHAPTER

# A chapter written for the end-to-end loop: headings, definitions, an example, a formula.
LOOP_CHAPTER = """# Heat Transfer

## Conduction

Conduction is the transfer of heat through a material without any motion of the material.
Thermal conductivity is the property of a material that measures how well it conducts heat.

## Convection

Convection is the transfer of heat by the movement of a fluid. Convection requires
conduction at the boundary between the fluid and a solid surface.

For example, warm air rising above a radiator carries heat by convection.

## Fourier's Law

Fourier's law states that the heat flux is proportional to the temperature gradient:

$$q = -k \\nabla T$$

where thermal conductivity $k$ is a property of the material.
"""


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    """A small Word document (python-docx), with `extra` parts added to its ZIP."""
    import docx

    document = docx.Document()
    document.add_heading("Linear Equations", 1)
    document.add_paragraph(
        "A linear equation is an equation in which every variable appears only to the first power."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_parts(buffer.getvalue(), extra)


PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def pptx_bytes(extra: dict[str, bytes] | None = None, *, text: bool = True) -> bytes:
    """A small PowerPoint deck (python-pptx): a title slide, then two slides of bullets
    on heat transfer, with `extra` parts added to its ZIP; `text=False`: the same three
    slides holding one picture each and no text."""
    import pptx

    deck = pptx.Presentation()
    if not text:
        picture = io.BytesIO(png_bytes())
        for _ in range(3):
            slide = deck.slides.add_slide(deck.slide_layouts[6])  # Blank
            slide.shapes.add_picture(picture, 0, 0)
            picture.seek(0)
        return _with_parts(_saved(deck), extra)
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = "Heat Transfer"
    title.placeholders[1].text = "Lecture 3"
    for heading, items in (
        (
            "Conduction",
            [
                "Conduction is the transfer of heat through a material without any motion"
                " of the material.",
                "Thermal conductivity measures how well a material conducts heat.",
            ],
        ),
        (
            "Convection",
            [
                "Convection is the transfer of heat by the movement of a fluid.",
                "Convection requires conduction at the boundary between a fluid and a solid.",
            ],
        ),
    ):
        slide = deck.slides.add_slide(deck.slide_layouts[1])  # Title and Content
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        body.text = items[0]
        for item in items[1:]:
            body.add_paragraph().text = item
    return _with_parts(_saved(deck), extra)


NOTEBOOK_MIME = "application/x-ipynb+json"


def notebook_bytes(
    cells: list[dict[str, Any]] | None = None, *, language: str = "python", **top: Any
) -> bytes:
    """A Jupyter notebook (nbformat 4) as Jupyter saves it: a lesson on heat transfer in
    Markdown cells, a code cell with its output, or `cells`; `top` adds or replaces keys."""
    if cells is None:
        cells = [
            _cell("markdown", "# Heat Transfer\n\n## Conduction\n"),
            _cell(
                "markdown",
                "*Conduction* is the transfer of heat through a material without any motion"
                " of the material.\nThermal conductivity measures how well a material"
                " conducts heat.",
            ),
            _cell("code", "k = 0.6  # water\nflux = -k * gradient"),
            _cell(
                "markdown",
                "## Convection\n\n*Convection* is the transfer of heat by the"
                " movement of a fluid. Convection requires conduction at the boundary"
                " between a fluid and a solid.",
            ),
        ]
    notebook: dict[str, Any] = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": language, "language": language, "name": language},
            "language_info": {"name": language},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
        **top,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False).encode()


def _cell(kind: str, source: str) -> dict[str, Any]:
    """A cell as nbformat 4 writes it: the source as a list of lines."""
    cell: dict[str, Any] = {
        "cell_type": kind,
        "metadata": {},
        "source": source.splitlines(keepends=True),
    }
    if kind == "code":
        cell |= {
            "execution_count": 1,
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["Traceback\n"]}],
        }
    return cell


ODT_MIME = "application/vnd.oasis.opendocument.text"
EPUB_MIME = "application/epub+zip"
LATEX_CHAPTER = r"""\documentclass{article}
\title{Heat Transfer}
\begin{document}
\maketitle
\section{Conduction}
\emph{Conduction} is the transfer of heat through a material without any motion of the
material. Thermal conductivity measures how well a material conducts heat.
\section{Convection}
\emph{Convection} is the transfer of heat by the movement of a fluid. Convection requires
conduction at the boundary between a fluid and a solid.
\end{document}
"""


def latex_project_bytes() -> bytes:
    """The heat-transfer chapter as Overleaf's Download Source saves a project: main.tex
    pulling each section in with \\input, beside a bibliography."""
    head, body = LATEX_CHAPTER.split("\\section{Conduction}", 1)
    conduction, convection = body.split("\\section{Convection}", 1)
    end = "\\end{document}"
    main = f"{head}\\input{{sections/conduction}}\n\\input{{sections/convection}}\n{end}\n"
    return _zip(
        {
            "main.tex": main.encode(),
            "sections/conduction.tex": f"\\section{{Conduction}}{conduction}".encode(),
            "sections/convection.tex": (
                f"\\section{{Convection}}{convection.replace(end, '')}".encode()
            ),
            "refs.bib": b"@book{heat, title={Heat}, year={2020}}",
        }
    )


def scorm_bytes() -> bytes:
    """The heat-transfer chapter as a SCORM 1.2 package: imsmanifest.xml ordering two HTML
    pages, one item each, as an authoring tool exports a module."""
    manifest = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="heat" version="1.2" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">
  <organizations default="org">
    <organization identifier="org"><title>Heat Transfer</title>
      <item identifier="i1" identifierref="r1"><title>Conduction</title></item>
      <item identifier="i2" identifierref="r2"><title>Convection</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" href="sco01/conduction.html"/>
    <resource identifier="r2" type="webcontent" href="sco02/convection.html"/>
  </resources>
</manifest>"""
    page = "<html><body><h1>{0}</h1><p><b>{0}</b> {1}</p></body></html>"
    return _zip(
        {
            "imsmanifest.xml": manifest,
            "sco01/conduction.html": page.format(
                "Conduction", "is the transfer of heat through a material at rest."
            ).encode(),
            "sco02/convection.html": page.format(
                "Convection", "is the transfer of heat by the movement of a fluid."
            ).encode(),
        }
    )


def apkg_bytes(notes: list[str]) -> bytes:
    """An Anki deck package as Anki 2.1 exports one: collection.anki2 (the decks as JSON in
    `col`, each note's fields joined by U+001F) beside an empty media index."""
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        connection.executescript(
            "CREATE TABLE col (id integer primary key, decks text not null);"
            "CREATE TABLE notes (id integer primary key, mid integer, flds text not null);"
            "CREATE TABLE cards (id integer primary key, nid integer, did integer);"
        )
        decks = json.dumps({"7": {"name": "Physics::Heat Transfer"}})
        connection.execute("INSERT INTO col VALUES (1, ?)", (decks,))
        for number, fields in enumerate(notes, 1):
            connection.execute("INSERT INTO notes VALUES (?, 1, ?)", (number, fields))
            connection.execute("INSERT INTO cards VALUES (?, ?, 7)", (number, number))
        connection.commit()
        connection.close()
        return _zip({"collection.anki2": database.read_bytes(), "media": b"{}"})


@cache
def written_by_pandoc(to: str) -> bytes:
    """The heat-transfer chapter (LOOP_CHAPTER's first sections) as pandoc writes `to`:
    "odt", "epub", "rtf", "rst", "asciidoc", "org" or "typst", as a word processor, an
    e-book tool or an author would save it."""
    import pypandoc

    source = LOOP_CHAPTER.split("## Fourier")[0]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"chapter.{to}"
        extra = ["--standalone", "--metadata=title:Heat Transfer"]
        pypandoc.convert_text(source, to, "markdown", outputfile=str(out), extra_args=extra)
        return out.read_bytes()


def xlsx_bytes(sheets: dict[str, list[list[str | int]]]) -> bytes:
    """A workbook as Excel writes one: shared strings, numbers as numeric cells."""
    strings: list[str] = []
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    def cell(ref: str, value: str | int) -> str:
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        if value not in strings:
            strings.append(value)
        return f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>'

    parts: dict[str, str] = {}
    for number, rows in enumerate(sheets.values(), start=1):
        body = "".join(
            f'<row r="{r}">'
            + "".join(cell(f"{'ABCDE'[c]}{r}", v) for c, v in enumerate(row) if v != "")
            + "</row>"
            for r, row in enumerate(rows, start=1)
        )
        parts[f"xl/worksheets/sheet{number}.xml"] = (
            f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'
        )
    listed = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, start=1)
    )
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{listed}</sheets></workbook>'
    )
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    links += f'<Relationship Id="rIdS" Type="{kind}/sharedStrings" Target="sharedStrings.xml"/>'
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{package}">{links}</Relationships>'
    )
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{main}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    )
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{package}"><Relationship Id="rId1"'
        f' Type="{kind}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    types = "http://schemas.openxmlformats.org/package/2006/content-types"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml"'
        f' ContentType="{sheet_type}.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts["[Content_Types].xml"] = (
        f'<Types xmlns="{types}">'
        '<Default Extension="rels"'
        ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sheet_type}.sharedStrings+xml"/>'
        f"{overrides}</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_parts(data: bytes, extra: dict[str, bytes] | None) -> bytes:
    """The Office file `data` with `extra` parts added to (or replaced in) its ZIP."""
    if not extra:
        return data
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename not in extra:
                target.writestr(item, source.read(item))
        for name, data_ in extra.items():
            target.writestr(name, data_)
    return out.getvalue()


def ole_bytes(*streams: str) -> bytes:
    """The start of an OLE compound file (Office 97-2003's container, and the one Office
    encrypts a password-protected .docx or .pptx into): its signature, then a directory
    sector naming `streams`, each in a 128-byte entry as the format lays them out. Enough
    for detection, which reads the names; no reader opens it."""
    import struct

    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entries = b""
    for name in ("Root Entry", *streams):
        encoded = name.encode("utf-16-le") + b"\0\0"
        entries += encoded.ljust(64, b"\0") + struct.pack("<H", len(encoded)) + bytes(62)
    return header + entries.ljust(512, b"\0") + random.Random(5).randbytes(1024)


@cache
def pdf_bytes() -> bytes:
    """A two-page PDF of the English chapter (WeasyPrint, as the exports are made)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        halves = EN_CHAPTER.split("\n## ", 1)
        pages = [f"<h1>{halves[0]}</h1>", f"<h2>{halves[1][:400]}</h2>"]
        return write_pdf(Path(folder) / "chapter.pdf", pages).read_bytes()


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="s3cret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A 1x1 PNG (its signature and chunks, written out)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Good:
    name: str
    data: bytes
    mime_type: str


@dataclass(frozen=True)
class Bad:
    case: str
    name: str
    data: bytes
    reason: str  # UploadRefused.reason
    says: str  # part of the message the caller reads


def good_files() -> list[Good]:
    return [
        Good("chapter.md", EN_CHAPTER.encode(), "text/markdown"),
        Good("chapter-zh.md", ZH_CHAPTER.encode("gb18030"), "text/markdown"),
        Good("chapter.html", render_html(EN_CHAPTER).encode(), "text/html"),
        Good(
            "notes.txt", b"Plain notes.\n\nA vector is a quantity with a direction.\n", "text/plain"
        ),
        Good("chapter.pdf", pdf_bytes(), "application/pdf"),
        Good(
            "chapter.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Good("lecture.pptx", pptx_bytes(), PPTX_MIME),
        Good("lesson.ipynb", notebook_bytes(), NOTEBOOK_MIME),
        Good("chapter.odt", written_by_pandoc("odt"), ODT_MIME),
        Good("chapter.epub", written_by_pandoc("epub"), EPUB_MIME),
        Good("chapter.rtf", written_by_pandoc("rtf"), "application/rtf"),
        Good("chapter.rst", written_by_pandoc("rst"), "text/x-rst"),
        Good("chapter.tex", LATEX_CHAPTER.encode(), "application/x-tex"),
        Good("chapter.adoc", written_by_pandoc("asciidoc"), "text/x-asciidoc"),
        Good("review.xml", written_by_pandoc("jats"), "application/jats+xml"),
        Good("page.textile", written_by_pandoc("textile"), "text/x-textile"),
        Good(
            "glossary.xlsx",
            xlsx_bytes({"Glossary": [["Term", "Definition"], ["Heat", "Energy in transit."]]}),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Good("mixed.md", MIXED.encode(), "text/markdown"),
        Good("hello.txt", NO_CONCEPTS.encode(), "text/plain"),
    ]


def bad_files() -> list[Bad]:
    """Every bad input the issue names that an upload refuses (by content, not name)."""
    good_docx = docx_bytes()
    good_pptx = pptx_bytes()
    return [
        Bad("empty", "empty.pdf", b"", "empty", "the file is empty (0 bytes)"),
        Bad(
            "wrong extension",
            "chapter.pdf",
            good_docx,
            "extension_mismatch",
            "the name says .pdf but the content is docx",
        ),
        Bad(
            "encrypted pdf",
            "locked.pdf",
            encrypted_pdf_bytes(),
            "encrypted",
            "encrypted (password protected)",
        ),
        Bad(
            "corrupt pdf",
            "broken.pdf",
            b"%PDF-1.7\n" + random.Random(7).randbytes(2048),
            "corrupt_pdf",
            "the PDF cannot be opened",
        ),
        Bad(
            "truncated docx",
            "truncated.docx",
            good_docx[:2000],
            "corrupt_docx",
            "the ZIP container is broken",
        ),
        Bad(
            "docx with broken xml",
            "broken.docx",
            docx_bytes({"word/document.xml": b"<w:document><unclosed>"}),
            "corrupt_docx",
            "word/document.xml is not well-formed XML",
        ),
        Bad(
            "docx zip bomb",
            "bomb.docx",
            docx_bytes({"word/media/padding.bin": b"\0" * (8 * 1024 * 1024)}),
            "zip_bomb",
            "padding.bin inflates",
        ),
        Bad(
            "binary garbage",
            "noise.txt",
            # Seeded: a few random byte strings in a thousand happen to start with some
            # file signature libmagic knows, and are then refused as that type instead.
            random.Random(11).randbytes(4096),
            "binary",
            "binary content",
        ),
        Bad(
            "unsupported type",
            "picture.png",
            png_bytes(),
            "unsupported_type",
            "image/png is not a kind of document we read",
        ),
        Bad(
            "zip that is not word",
            "archive.docx",
            _zip({"readme.txt": b"hello"}),
            "unsupported_type",
            "a ZIP archive that is not a Word document",
        ),
        Bad(
            # (a Calc or WPS spreadsheet, .ods, is read as a glossary now)
            "opendocument drawing",
            "diagram.odg",
            _zip(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.graphics",
                    "content.xml": b"<t/>",
                }
            ),
            "unsupported_type",
            "an OpenDocument graphics file, not a kind of document we read; save or"
            " export it as PDF or DOCX",
        ),
        Bad(
            "pptx named pdf",
            "slides.pdf",
            good_pptx,
            "extension_mismatch",
            "the name says .pdf but the content is pptx",
        ),
        Bad(
            "truncated pptx",
            "truncated.pptx",
            good_pptx[:2000],
            "corrupt_pptx",
            "the ZIP container is broken",
        ),
        Bad(
            "pptx with broken xml",
            "broken.pptx",
            pptx_bytes({"ppt/presentation.xml": b"<p:presentation><unclosed>"}),
            "corrupt_pptx",
            "ppt/presentation.xml is not well-formed XML",
        ),
        Bad(
            "pptx zip bomb",
            "bomb.pptx",
            pptx_bytes({"ppt/media/padding.bin": b"\0" * (8 * 1024 * 1024)}),
            "zip_bomb",
            "padding.bin inflates",
        ),
        Bad(
            "password-protected pptx",
            "locked.pptx",
            ole_bytes("EncryptionInfo", "EncryptedPackage"),
            "encrypted",
            "the Office document is encrypted (password protected)",
        ),
        Bad(
            "truncated odt",
            "notes.odt",
            written_by_pandoc("odt")[:3000],
            "corrupt_odt",
            "the ZIP container is broken",
        ),
        Bad(
            "epub zip bomb",
            "book.epub",
            _with_parts(written_by_pandoc("epub"), {"EPUB/padding.bin": b"\0" * (8 * 1024 * 1024)}),
            "zip_bomb",
            "padding.bin inflates",
        ),
        Bad(
            "odt with broken xml",
            "notes.odt",
            _with_parts(written_by_pandoc("odt"), {"content.xml": b"<office:document><open>"}),
            "corrupt_odt",
            "content.xml is not well-formed XML",
        ),
        Bad(
            "rtf named txt",
            "notes.txt",
            written_by_pandoc("rtf"),
            "extension_mismatch",
            "the name says .txt but the content is rtf",
        ),
        Bad(
            "truncated notebook",
            "lesson.ipynb",
            notebook_bytes()[:300],
            "corrupt_notebook",
            "the notebook is not valid JSON",
        ),
        Bad(
            "notebook without cells",
            "lesson.ipynb",
            notebook_bytes(cells={"cell_type": "markdown"}),  # type: ignore[arg-type]
            "corrupt_notebook",
            'the notebook has no list of "cells"',
        ),
        Bad(
            "notebook cell without text",
            "lesson.ipynb",
            notebook_bytes([{"cell_type": "markdown", "metadata": {}, "source": [1, 2]}]),
            "corrupt_notebook",
            "cell 1's source is not text",
        ),
        Bad(
            "markdown named ipynb",
            "lesson.ipynb",
            EN_CHAPTER.encode(),
            "extension_mismatch",
            "the name says .ipynb but the content is markdown",
        ),
        Bad(
            "notebook of nbformat 2",
            "old.ipynb",
            notebook_bytes(nbformat=2),
            "unsupported_type",
            "a notebook in nbformat 2, older than the 3 and 4 we read",
        ),
        Bad(
            "old binary ppt",
            "old.ppt",
            ole_bytes("PowerPoint Document", "Current User"),
            "unsupported_type",
            "an old binary PowerPoint file (.ppt); save it as .pptx",
        ),
        Bad(
            "h5p package",
            "quiz.h5p",
            _zip(
                {"h5p.json": b'{"mainLibrary": "H5P.QuestionSet"}', "content/content.json": b"{}"}
            ),
            "unsupported_type",
            "an H5P package (.h5p), not a kind of document we read",
        ),
        Bad(
            "open edx course export",
            "course.tar.gz",
            _tar_gz(
                {
                    "course/course.xml": b'<course url_name="c"/>',
                    "course/chapter/c1.xml": b"<chapter/>",
                    "course/html/p1.html": b"<p>Heat moves.</p>",
                }
            ),
            "unsupported_type",
            "an Open edX course export (OLX, .tar.gz)",
        ),
        Bad(
            "cnki caj file",
            "thesis.caj",
            b"CAJ\0" + random.Random(13).randbytes(4092),
            "unsupported_type",
            "a CNKI (中国知网) CAJ, KDH or NH file",
        ),
    ]


def _tar_gz(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in parts.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_NAMES = [
    ("../etc/passwd.md", "path separator"),
    ("notes/chapter.md", "path separator"),
    ("C:\\Users\\me\\chapter.md", "path separator"),
    ("chap\x00ter.md", "control character (U+0000)"),
    ("chap\nter.md", "control character (U+000A)"),
    ("chap\u202eter.md", "control character (U+202E)"),
    ("..", "is not a file name"),
    ("   ", "the file has no name"),
    ("a" * 300 + ".md", "longer than 255 characters"),
]
