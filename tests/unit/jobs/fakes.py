"""In-memory fakes of the document jobs' ports (jobs/tasks/ports.py), for unit tests.

They keep what a real store would keep, enough to check what the job wrote; the real
stores are exercised by tests/integration/test_document_job*.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from datasources.embeddings import HashingEmbedder
from datasources.errors import UpstreamUnavailable
from datasources.files import LocalFileStore
from datasources.neo4j.documents import DocumentGraph, GraphOutcome, KnownConcept
from datasources.neo4j.records import ConceptRecord
from datasources.postgres.document_jobs import ExtractionRow
from datasources.postgres.records import DocumentRecord, GenerationTaskRecord
from datasources.vectors import ChunkRecord, ConceptVectorRecord
from jobs.tasks.ports import DocumentPorts


class FakeRows:
    def __init__(self) -> None:
        self.tasks: dict[UUID, GenerationTaskRecord] = {}
        self.documents: dict[UUID, DocumentRecord] = {}
        self.extractions: dict[UUID, list[ExtractionRow]] = {}
        self.course_links: dict[UUID, list[UUID]] = {}
        self.texts: dict[UUID, str] = {}
        self.fail_on: set[str] = set()  # method names that raise UpstreamUnavailable

    def _check(self, name: str) -> None:
        if name in self.fail_on:
            raise UpstreamUnavailable("postgres", "refused")

    def _task(self, task_id: UUID, **values: Any) -> None:
        self.tasks[task_id] = dataclasses.replace(self.tasks[task_id], **values)

    def _document(self, document_id: UUID, **values: Any) -> None:
        self.documents[document_id] = dataclasses.replace(self.documents[document_id], **values)

    async def task(self, task_id: UUID) -> GenerationTaskRecord | None:
        self._check("task")
        return self.tasks.get(task_id)

    async def document(self, document_id: UUID) -> DocumentRecord | None:
        self._check("document")
        return self.documents.get(document_id)

    async def start(
        self, *, task_id: UUID, document_id: UUID, retry_count: int, stage: Mapping[str, Any]
    ) -> datetime | None:
        self._check("start")
        document = self.documents.get(document_id)
        if document is None or document.status == "deleted":
            return None
        task = self.tasks[task_id]
        started = task.started_at or datetime.now(UTC)
        result = {**(task.result or {}), **stage}
        self._task(
            task_id,
            status="processing",
            started_at=started,
            retry_count=max(task.retry_count or 0, retry_count),
            result=result,
            error_message=None,
        )
        self._document(document_id, status="processing", processing_started_at=started)
        return started

    async def progress(self, task_id: UUID, values: Mapping[str, Any]) -> None:
        self._check("progress")
        self._task(task_id, result={**(self.tasks[task_id].result or {}), **values})

    async def store_text(
        self,
        document_id: UUID,
        *,
        text: str,
        page_count: int,
        word_count: int,
        language: str | None,
        mime_type: str,
        title: str | None = None,
    ) -> None:
        self._check("store_text")
        document = self.documents[document_id]
        metadata = dict(document.metadata or {})
        if title and "title" not in metadata:
            metadata["title"] = title
        self._document(
            document_id,
            page_count=page_count,
            word_count=word_count,
            language=language or document.language,
            mime_type=document.mime_type or mime_type,
            metadata=metadata,
        )
        self.texts[document_id] = text

    async def complete(
        self,
        *,
        task_id: UUID,
        document_id: UUID,
        extractions: Sequence[ExtractionRow],
        result: Mapping[str, Any],
    ) -> bool:
        self._check("complete")
        if self.documents[document_id].status == "deleted":
            return False
        self.extractions[document_id] = list(extractions)
        self._document(document_id, status="completed", processing_completed_at=_now())
        task = self.tasks[task_id]
        self._task(
            task_id,
            status="completed",
            completed_at=_now(),
            result={**(task.result or {}), **result},
        )
        return True

    async def fail(
        self,
        *,
        task_id: UUID,
        document_id: UUID | None,
        error: str,
        result: Mapping[str, Any],
    ) -> None:
        self._check("fail")
        task = self.tasks[task_id]
        self._task(
            task_id,
            status="failed",
            error_message=error,
            completed_at=_now(),
            result={**(task.result or {}), **result},
        )
        if document_id is not None and self.documents[document_id].status != "deleted":
            self._document(document_id, status="failed", processing_error=error)

    async def wait_for_retry(self, task_id: UUID, result: Mapping[str, Any]) -> None:
        self._check("wait_for_retry")
        task = self.tasks[task_id]
        self._task(task_id, status="pending", result={**(task.result or {}), **result})

    async def remove_rows(self, document_id: UUID) -> tuple[int, list[UUID]] | None:
        self._check("remove_rows")
        if self.documents[document_id].status != "deleted":
            return None
        removed = len(self.extractions.pop(document_id, []))
        return removed, self.course_links.pop(document_id, [])


class FakeGraph:
    """One document's share of a graph: enough to see what the job asked for."""

    def __init__(self) -> None:
        self.written: dict[UUID, DocumentGraph] = {}
        self.known: list[KnownConcept] = []
        self.removed_documents: list[UUID] = []
        self.fail_replace = 0  # how many replace() calls raise UpstreamUnavailable

    async def known_concepts(self, *, exclude_document: UUID, limit: int) -> list[KnownConcept]:
        return self.known[:limit]

    async def sole_source_concepts(self, document_id: UUID, *, keep: Sequence[UUID]) -> list[UUID]:
        graph = self.written.get(document_id)
        others = {c.id for d, g in self.written.items() if d != document_id for c in g.concepts}
        mine = {c.id for c in graph.concepts} if graph else set()
        return sorted(mine - others - set(keep))

    async def concepts(self, ids: Sequence[UUID]) -> list[ConceptRecord]:
        by_id = {c.id: c for g in self.written.values() for c in g.concepts}
        return [_record(by_id[i]) for i in ids if i in by_id]

    async def replace(self, graph: DocumentGraph) -> GraphOutcome:
        if self.fail_replace:
            self.fail_replace -= 1
            raise UpstreamUnavailable("neo4j", "ServiceUnavailable")
        before = {c.id for g in self.written.values() for c in g.concepts}
        self.written[graph.document.id] = graph
        ids = [c.id for c in graph.concepts]
        return GraphOutcome(
            concepts=[_record(c) for c in graph.concepts],
            new=len(set(ids) - before),
            merged=len(set(ids) & before),
            sources=len(graph.sources),
            relations=len(graph.relations),
            prerequisites=len(graph.prerequisites),
        )

    async def remove(self, document_id: UUID) -> GraphOutcome:
        doomed = await self.sole_source_concepts(document_id, keep=[])
        self.written.pop(document_id, None)
        self.removed_documents.append(document_id)
        return GraphOutcome(removed=doomed)


class FakeVectors:
    name = "fake"

    def __init__(self) -> None:
        self.chunks: dict[UUID, ChunkRecord] = {}
        self.concepts: dict[UUID, ConceptVectorRecord] = {}

    async def upsert_chunks(self, records: Sequence[ChunkRecord]) -> None:
        self.chunks.update({r.id: r for r in records})

    async def upsert_concepts(self, records: Sequence[ConceptVectorRecord]) -> None:
        self.concepts.update({r.id: r for r in records})

    async def delete_document(self, document_id: UUID, *, from_index: int = 0) -> int:
        gone = [
            k
            for k, r in self.chunks.items()
            if r.document_id == document_id and r.chunk_index >= from_index
        ]
        for k in gone:
            del self.chunks[k]
        return len(gone)

    async def delete_concepts(self, ids: Sequence[UUID]) -> int:
        return sum(self.concepts.pop(i, None) is not None for i in ids)


class FakeCache:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.ttls: dict[str, int] = {}
        self.published: list[tuple[str, dict[str, Any]]] = []

    async def set_json_many(self, items: dict[str, Any], *, ttl: int) -> None:
        self.values.update(items)
        self.ttls.update(dict.fromkeys(items, ttl))

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self.values.pop(key, None)

    async def publish(self, channel: str, message: dict[str, Any]) -> int:
        self.published.append((channel, message))
        return 1


@dataclasses.dataclass
class World:
    """The fakes together, and helpers to add a task for a file."""

    root: Path
    rows: FakeRows = dataclasses.field(default_factory=FakeRows)
    graph: FakeGraph = dataclasses.field(default_factory=FakeGraph)
    vectors: FakeVectors = dataclasses.field(default_factory=FakeVectors)
    cache: FakeCache = dataclasses.field(default_factory=FakeCache)

    def __post_init__(self) -> None:
        self.files = LocalFileStore(self.root)
        self.ports = DocumentPorts(
            rows=self.rows,
            graph=self.graph,
            vectors=self.vectors,  # type: ignore[arg-type]
            embedder=HashingEmbedder(),
            redis=self.cache,
            files=self.files,
        )

    async def upload(
        self, data: bytes, *, name: str = "chapter.md", language: str | None = None
    ) -> tuple[UUID, UUID]:
        async def one() -> AsyncIterator[bytes]:
            yield data

        stored = await self.files.put(one(), max_bytes=10**8)
        owner, document_id, task_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        self.rows.documents[document_id] = DocumentRecord(
            id=document_id,
            user_id=owner,
            filename=name,
            original_filename=name,
            file_path=stored.key,
            file_size=stored.size,
            mime_type=None,
            status="pending",
            language=language,
            page_count=None,
            word_count=None,
            processing_started_at=None,
            processing_completed_at=None,
            processing_error=None,
            metadata={},
            created_at=_now(),
            updated_at=_now(),
        )
        self.rows.tasks[task_id] = task_record(task_id, owner, {"document_id": str(document_id)})
        return document_id, task_id


def task_record(
    task_id: UUID,
    owner: UUID,
    payload: dict[str, Any],
    *,
    task_type: str = "document_processing",
    max_retries: int = 3,
) -> GenerationTaskRecord:
    return GenerationTaskRecord(
        id=task_id,
        user_id=owner,
        task_type=task_type,
        status="pending",
        priority=0,
        payload=payload,
        result={"stage": "queued", "progress": 0},
        error_message=None,
        retry_count=0,
        max_retries=max_retries,
        started_at=None,
        completed_at=None,
        created_at=_now(),
        updated_at=_now(),
    )


@contextlib.asynccontextmanager
async def in_process(
    function: Callable[..., Iterator[Any]], *args: Any, memory_bytes: int = 0, **kwargs: Any
) -> AsyncIterator[AsyncIterator[Any]]:
    """jobs.child.stream without the child: the same generator, run here."""

    async def items() -> AsyncIterator[Any]:
        for item in function(*args, **kwargs):
            yield item

    yield items()


def _record(c: Any) -> ConceptRecord:
    return ConceptRecord(
        id=c.id,
        title=c.title,
        description=c.description,
        difficulty=c.difficulty,
        category=c.category,
        tags=tuple(c.tags),
        created_at=None,
        updated_at=None,
    )


def _now() -> datetime:
    return datetime.now(UTC)
