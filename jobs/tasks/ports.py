"""What the document jobs need from the stores, as protocols (tests pass fakes of these).

The worker passes the real datasources (`ports_from`); each protocol names only the
methods the jobs call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from datasources.embeddings import Embedder
from datasources.files import FileStore
from datasources.neo4j.documents import (
    DocumentGraph,
    DocumentGraphWriter,
    GraphOutcome,
    KnownConcept,
)
from datasources.neo4j.records import ConceptRecord
from datasources.postgres.document_jobs import DocumentJobStore, ExtractionRow
from datasources.postgres.records import DocumentRecord, GenerationTaskRecord
from datasources.stores import Stores
from datasources.vectors import VectorIndex
from jobs.state import Job


class DocumentRows(Protocol):
    def task(self, task_id: UUID) -> Awaitable[GenerationTaskRecord | None]: ...

    def document(self, document_id: UUID) -> Awaitable[DocumentRecord | None]: ...

    def start(
        self, *, task_id: UUID, document_id: UUID, retry_count: int, stage: Mapping[str, Any]
    ) -> Awaitable[datetime | None]: ...

    def progress(self, task_id: UUID, values: Mapping[str, Any]) -> Awaitable[None]: ...

    def store_text(
        self,
        document_id: UUID,
        *,
        text: str,
        page_count: int,
        word_count: int,
        language: str | None,
        mime_type: str,
        title: str | None = None,
    ) -> Awaitable[None]: ...

    def complete(
        self,
        *,
        task_id: UUID,
        document_id: UUID,
        extractions: Sequence[ExtractionRow],
        result: Mapping[str, Any],
    ) -> Awaitable[bool]: ...

    def fail(
        self,
        *,
        task_id: UUID,
        document_id: UUID | None,
        error: str,
        result: Mapping[str, Any],
    ) -> Awaitable[None]: ...

    def wait_for_retry(self, task_id: UUID, result: Mapping[str, Any]) -> Awaitable[None]: ...

    def remove_rows(self, document_id: UUID) -> Awaitable[tuple[int, list[UUID]] | None]: ...


class DocumentGraphStore(Protocol):
    def known_concepts(
        self, *, exclude_document: UUID, limit: int
    ) -> Awaitable[list[KnownConcept]]: ...

    def sole_source_concepts(
        self, document_id: UUID, *, keep: Sequence[UUID]
    ) -> Awaitable[list[UUID]]: ...

    def concepts(self, ids: Sequence[UUID]) -> Awaitable[list[ConceptRecord]]: ...

    def replace(self, graph: DocumentGraph) -> Awaitable[GraphOutcome]: ...

    def remove(self, document_id: UUID) -> Awaitable[GraphOutcome]: ...


class Cache(Protocol):
    """The Redis calls: cache entries and progress messages."""

    def set_json_many(self, items: dict[str, Any], *, ttl: int) -> Awaitable[None]: ...

    def delete(self, *keys: str) -> Awaitable[None]: ...

    def publish(self, channel: str, message: dict[str, Any]) -> Awaitable[int]: ...


@dataclass(frozen=True, slots=True)
class DocumentPorts:
    rows: DocumentRows
    graph: DocumentGraphStore
    vectors: VectorIndex
    embedder: Embedder
    redis: Cache
    files: FileStore


def ports_for(current: Job) -> DocumentPorts:
    """The worker's stores, each job-sized call bounded by WORKER_STORE_TIMEOUT_SECONDS."""
    return ports_from(current.stores, timeout=current.settings.worker.store_timeout_seconds)


def ports_from(stores: Stores, *, timeout: float) -> DocumentPorts:
    """The real stores; `timeout` bounds each job-sized call (a graph transaction, ...)."""
    driver = stores.graph.driver
    return DocumentPorts(
        rows=DocumentJobStore(stores.engine, timeout=timeout),
        graph=DocumentGraphWriter(driver, database=stores.graph.database, timeout=timeout),
        vectors=stores.vectors,
        embedder=stores.embedder,
        redis=stores.redis,
        files=stores.files,
    )
