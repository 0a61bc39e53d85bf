"""One reader per format, one shape out: `read(path, detected) -> ReadDocument`.

Formats without real pages (Markdown, HTML, text, DOCX without page breaks) get virtual
pages of about `PAGE_CHARS` characters cut at block boundaries, so provenance is still a
page number a person can find by scrolling ("page 3" ≈ characters 6,000–9,000).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from datasources.files.detect import Detected
from jobs.pipeline.model import Kind, ReadDocument
from jobs.pipeline.readers import docx, html, markdown, pdf, text

_READERS: dict[Kind, Callable[[Path, Detected], ReadDocument]] = {
    "pdf": pdf.read,
    "docx": docx.read,
    "markdown": markdown.read,
    "html": html.read,
    "text": text.read,
}


def read(path: Path, detected: Detected) -> ReadDocument:
    """Read `path` with the reader for its detected kind."""
    return _READERS[detected.kind](path, detected)
