"""What a file is, from its bytes (libmagic + a look inside), never from its name alone.

The name only has a say when it contradicts the content across families (a `.pdf` that
holds a DOCX): then the upload is refused rather than guessed. Text files are decoded with
the encoding charset-normalizer finds (GB18030/GBK/Big5 are common for Chinese).
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

import charset_normalizer
import magic

from jobs.pipeline.errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.model import Kind

HEAD_BYTES = 64 * 1024
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

MIME: dict[Kind, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "markdown": "text/markdown",
    "html": "text/html",
    "text": "text/plain",
}
_EXTENSION_FAMILY = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "text",
    ".markdown": "text",
    ".txt": "text",
    ".text": "text",
    ".html": "text",
    ".htm": "text",
}


@dataclass(frozen=True, slots=True)
class Detected:
    kind: Kind
    mime_type: str
    encoding: str | None  # for text kinds: the codec to decode with


def detect(
    path: Path, *, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Detected:
    """Classify the file at `path`; raise UnsupportedDocument/CorruptDocument with a reason."""
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedDocument("empty", "the file is empty (0 bytes)")
    if size > max_bytes:
        raise UnsupportedDocument(
            "too_large", f"the file is {size} bytes; the limit is {max_bytes} bytes"
        )
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    detected = _classify(path, head)
    _check_extension(filename, detected.kind)
    return detected


def _classify(path: Path, head: bytes) -> Detected:
    mime = magic.from_buffer(head, mime=True)
    if head.startswith(b"%PDF-") or mime == "application/pdf":
        return Detected("pdf", MIME["pdf"], None)
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(path):
            return Detected("docx", MIME["docx"], None)
        raise UnsupportedDocument(
            "unsupported_type", "a ZIP archive that is not a Word document (no word/document.xml)"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedDocument(
            "unsupported_type", "an old binary Office file (.doc); save it as .docx"
        )
    encoding = _text_encoding(head)
    if encoding is None:
        raise UnsupportedDocument("binary", f"binary content ({mime}), not a document we read")
    sample = head.decode(encoding, errors="ignore")
    kind = _text_kind(mime, sample, path.name)
    return Detected(kind, MIME[kind], encoding)


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError) as error:
        raise CorruptDocument("corrupt_docx", f"the ZIP container is broken ({error})") from error


def _text_encoding(head: bytes) -> str | None:
    """The codec for text, or None when the bytes are not text at all."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        return None
    try:
        # final=False: the 64 KB head may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(head).best()
        if best is None:
            return None
        encoding = best.encoding
    text = head.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    replaced = text.count("\ufffd")
    return None if (controls + replaced) > max(8, len(text) // 100) else encoding


def _text_kind(mime: str, sample: str, name: str) -> Kind:
    lowered = sample[:4096].lower()
    if mime in ("text/html", "application/xhtml+xml") or (
        "<html" in lowered or "<!doctype html" in lowered or "<body" in lowered
    ):
        return "html"
    suffix = PurePath(name).suffix.lower()
    if suffix in (".md", ".markdown") or mime == "text/markdown" or _looks_like_markdown(sample):
        return "markdown"
    return "text"


def _looks_like_markdown(sample: str) -> bool:
    lines = sample.splitlines()[:400]
    marks = sum(
        1
        for line in lines
        if line.startswith(("# ", "## ", "### ", "```", "* ", "- ", "> ")) or line.startswith("|")
    )
    return marks >= 3 and any(line.startswith(("#", "```")) for line in lines)


def _check_extension(filename: str | None, kind: Kind) -> None:
    if not filename:
        return
    family = _EXTENSION_FAMILY.get(PurePath(filename).suffix.lower())
    actual = "text" if kind in ("markdown", "html", "text") else kind
    if family is not None and family != actual:
        raise UnsupportedDocument(
            "extension_mismatch",
            f"the name says {PurePath(filename).suffix.lower()} but the content is {kind}",
        )
