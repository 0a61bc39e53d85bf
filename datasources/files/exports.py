"""Export formats: their media types, extensions and download names.

Below both sides: the export job (jobs/rendering) writes files in these formats, the
gateway's download route serves them with this Content-Type and Content-Disposition.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal
from urllib.parse import quote

ExportFormat = Literal["pdf", "docx", "html", "markdown"]
FORMATS: tuple[ExportFormat, ...] = ("pdf", "docx", "html", "markdown")
MEDIA_TYPES: dict[ExportFormat, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
}
EXTENSIONS: dict[ExportFormat, str] = {
    "pdf": "pdf",
    "docx": "docx",
    "html": "html",
    "markdown": "md",
}
MAX_STEM = 80  # characters; most file systems allow 255 bytes, CJK takes 3 each


def export_format(value: str) -> ExportFormat:
    """`value` as a format, or ValueError naming the ones there are."""
    for fmt in FORMATS:
        if value == fmt:
            return fmt
    raise ValueError(f"unknown export format {value!r}: expected one of {', '.join(FORMATS)}")


def export_filename(title: str, fmt: ExportFormat) -> str:
    """A safe file name from the course title: no path separators or control characters."""
    text = unicodedata.normalize("NFC", title)
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    text = re.sub(r'[\\/:*?"<>|]+', " ", text)
    stem = " ".join(text.split()).strip(". ")[:MAX_STEM].strip(". ") or "course"
    return f"{stem}.{EXTENSIONS[fmt]}"


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / RFC 8187)."""
    ascii_name = filename.encode("ascii", "ignore").decode()
    ascii_name = re.sub(r'["\\\x00-\x1f\x7f]', "", ascii_name).strip()
    if not ascii_name or ascii_name.startswith("."):
        ascii_name = "course" + ascii_name  # a title with no ASCII letters at all
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
