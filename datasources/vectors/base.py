"""The vector index interface both backends implement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable
from uuid import UUID

from datasources.vectors.records import (
    ChunkRecord,
    ConceptVectorRecord,
    QARecord,
    VectorHit,
    VectorOwners,
)
from datasources.vectors.validation import MAX_LIMIT


@runtime_checkable
class VectorIndex(Protocol):
    """Chunks, concept and QA embeddings; every read is one batched call per level.

    Writes are idempotent upserts keyed by deterministic ids. A store that does not
    answer raises `VectorStoreUnavailable`; bad input raises `ValueError` before
    anything is sent.
    """

    name: str

    async def bootstrap(self) -> None:
        """Create collections / tables / indexes if missing; safe to run concurrently."""

    async def ping(self) -> float:
        """Seconds for one round trip to the store."""

    async def upsert_chunks(self, records: Sequence[ChunkRecord]) -> None: ...

    async def upsert_concepts(self, records: Sequence[ConceptVectorRecord]) -> None: ...

    async def upsert_qa(self, records: Sequence[QARecord]) -> None: ...

    async def replace_course_qa(self, course_id: UUID, records: Sequence[QARecord]) -> int:
        """Make `records` the course's whole QA set: upsert them, then delete the course's
        others; returns how many were deleted. Every record must carry `course_id`."""

    async def qa_for_courses(
        self, course_ids: Sequence[UUID], *, limit: int = MAX_LIMIT
    ) -> dict[UUID, list[QARecord]]:
        """Each course's QA pairs (by topic, then id), at most `limit` per course."""

    async def delete_document(self, document_id: UUID, *, from_index: int = 0) -> int:
        """Delete the document's chunks from `from_index` on (all by default); how many."""

    async def delete_concepts(self, ids: Sequence[UUID]) -> int: ...

    async def search(
        self,
        kinds: Sequence[str],
        vector: Sequence[float],
        *,
        limit: int = 10,
        document_ids: Sequence[UUID] | None = None,
    ) -> list[VectorHit]:
        """The `limit` nearest records over all `kinds`, best first."""

    async def similar_concepts(
        self, concept_ids: Sequence[UUID], *, limit: int = 10
    ) -> dict[UUID, list[VectorHit]]:
        """Nearest other concepts for each id (never itself); unknown ids map to []."""

    async def chunks_for_documents(
        self, document_ids: Sequence[UUID], *, offset: int = 0, limit: int = 100
    ) -> dict[UUID, list[ChunkRecord]]:
        """Each document's chunks by chunk_index, the window [offset, offset+limit)."""

    async def count_chunks(self, document_ids: Sequence[UUID]) -> dict[UUID, int]: ...

    async def owners(self) -> VectorOwners:
        """Every document, concept and course that has vectors here (a full scan: for
        the maintenance jobs, never a request)."""

    async def close(self) -> None: ...
