"""Deterministic ids: the same input always gives the same id, in the API and in jobs.

Re-processing a document or re-running a job therefore MERGEs / upserts instead of
duplicating (DESIGN.md, "Cross-store identity"). The namespaces are fixed forever:
changing one would orphan every node or vector already stored under it.
"""

from __future__ import annotations

import uuid
from uuid import UUID

CONCEPT_NAMESPACE = UUID("6f1c1c52-7d5e-4d8e-9a57-1f0b7f0a4c11")
CHUNK_NAMESPACE = UUID("6f1d8a3e-3c0b-5c8e-9d43-2b7f0a9c4e11")
EXTRACTION_NAMESPACE = UUID("0b8f3c2e-5d41-4c7a-8e19-7a2d6c9f1e33")


def concept_id_for(title: str, language: str) -> UUID:
    """A concept's id: uuid5 of its language and key (datasources.concept_keys.concept_key
    of the title), case-folded, spaces collapsed."""
    return uuid.uuid5(
        CONCEPT_NAMESPACE, f"{language.casefold()}:{' '.join(title.casefold().split())}"
    )


def chunk_id(document_id: UUID, chunk_index: int) -> UUID:
    """A document chunk's vector id: re-processing overwrites instead of duplicating."""
    return uuid.uuid5(CHUNK_NAMESPACE, f"{document_id}:{chunk_index}")


def extraction_id(document_id: UUID, index: int) -> UUID:
    """A knowledge_extractions row's id: a re-run writes the same rows, not new ones."""
    return uuid.uuid5(EXTRACTION_NAMESPACE, f"{document_id}:{index}")
