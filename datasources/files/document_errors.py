"""Why a document cannot be read: one exception type per kind, each with a `reason` code.

The job stores `reason` and the message in `documents.processing_error`; the reason is
stable (tests and clients match on it), the message says what was wrong in words.
"""

from __future__ import annotations

from typing import Literal

Reason = Literal[
    "empty",
    "too_large",
    "unsupported_type",
    "extension_mismatch",
    "binary",
    "encrypted",
    "corrupt_pdf",
    "corrupt_docx",
    "corrupt_pptx",
    "corrupt_notebook",
    "corrupt_odt",
    "corrupt_epub",
    "corrupt_xlsx",
    "corrupt_odp",
    "corrupt_ods",
    "unreadable",
    "zip_bomb",
    "undecodable_text",
    "no_text",
    "language",
]


class DocumentError(Exception):
    """A document that fails for a reason of its own: retrying cannot help."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason: Reason = reason
        self.message = message


class UnsupportedDocument(DocumentError):
    """Not a kind we read (or not what its name says it is)."""


class CorruptDocument(DocumentError):
    """A kind we read, but this file is broken, locked or hostile."""
