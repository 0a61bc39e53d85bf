"""Exported files read back with each format's own reader (for every test tier)."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pypdfium2 as pdfium

_SPACE = re.compile(r"\s+")


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def squash(text: str) -> str:
    """Without whitespace: PDF text breaks lines wherever the layout wrapped them."""
    return _SPACE.sub("", text)


def course_texts(row: Any) -> list[str]:
    """What an export of a stored course (a courses row) must show, as text."""
    texts = [row.title, row.description or ""]
    weeks = row.outline.get("weeks", [])
    texts += [o["description"] for o in row.learning_objectives or []]
    texts += [p["title"] for p in row.prerequisites or []]
    for week in weeks:
        texts.append(week["title"])
        texts += [o["description"] for o in week.get("objectives", [])]
        for module in week.get("modules", []):
            texts.append(module["title"])
            texts += [c["title"] for c in module["concepts"]]
    texts += [a["title"] for a in row.assessment_methods or []]
    texts += [r["title"] for r in row.resources or []]
    return [t for t in texts if t]


def missing_texts(row: Any, text: str) -> list[str]:
    flat = squash(text)
    return [t for t in course_texts(row) if squash(t) not in flat]
