"""Real files for the upload tests, made here from text the tests wrote: good ones of every
kind, and each bad input the upload must refuse (with the reason it must give).

Unit, integration and end-to-end tests all send these same bytes.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
    if not extra:
        return buffer.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename not in extra:
                target.writestr(item, source.read(item))
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


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
        Good("mixed.md", MIXED.encode(), "text/markdown"),
        Good("hello.txt", NO_CONCEPTS.encode(), "text/plain"),
    ]


def bad_files() -> list[Bad]:
    """Every bad input the issue names that an upload refuses (by content, not name)."""
    good_docx = docx_bytes()
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
            "powerpoint deck",
            "slides.pptx",
            _zip({"ppt/presentation.xml": b"<p:presentation/>"}),
            "unsupported_type",
            "a PowerPoint presentation (.pptx), not a kind of document we read; save or export"
            " it as PDF or DOCX",
        ),
    ]


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
