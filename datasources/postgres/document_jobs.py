"""PostgreSQL writes of the document jobs: task and document state, text, extractions.

A task row (generation_tasks) goes pending → processing → completed | failed; while it
runs, `result` holds `stage`, `progress` and `message` (datasources/redis/progress.py
reads them), and at the end the job's summary. The document row follows: processing,
then completed or failed with `processing_error`. Knowledge extractions are replaced in
the same transaction that marks the document completed, so a reader sees the old set or
the new one, never a mix, and a job killed before that commit leaves the old set.

Soft-deleted documents (`status = 'deleted'`) are never brought back: every write here
that could resurrect one checks the status on the row it locks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, Text, case, delete, func, insert, literal, not_, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from datasources.errors import guarded
from datasources.postgres.base import STORE, PgBase
from datasources.postgres.documents import DOCUMENT_COLUMNS
from datasources.postgres.models import (
    CourseDocument,
    Document,
    GenerationTask,
    KnowledgeExtraction,
)
from datasources.postgres.records import DocumentRecord, GenerationTaskRecord, field_names

DELETED = "deleted"
DOCUMENT_TITLE = "document_title"  # metadata key: the title the document gives itself
EXTRACTIONS = cast(Table, KnowledgeExtraction.__table__)
TASK_COLUMNS = [GenerationTask.__table__.c[n] for n in field_names(GenerationTaskRecord)]


@dataclass(frozen=True, slots=True)
class ExtractionRow:
    id: UUID
    extraction_type: str  # concept | definition | example | formula
    content: str
    context: str | None
    page_number: int | None
    confidence_score: Decimal
    neo4j_node_id: str | None
    embeddings: Sequence[float] | None
    metadata: Mapping[str, Any]


def jsonb_merge(column: Any, values: Mapping[str, Any]) -> Any:
    """`column || values`: a JSONB merge that keeps keys it does not name."""
    return func.coalesce(column, literal({}, JSONB)).op("||")(literal(dict(values), JSONB))


def uploader_title(metadata: Mapping[str, Any] | None) -> str | None:
    """The title the uploader gave the document, if any: metadata.title unless it is the
    one a run read from the document itself (metadata.document_title)."""
    title = (metadata or {}).get("title")
    if not isinstance(title, str) or title == (metadata or {}).get(DOCUMENT_TITLE):
        return None
    return title


class DocumentJobStore(PgBase):
    @guarded(STORE)
    async def task(self, task_id: UUID) -> GenerationTaskRecord | None:
        rows = await self._records(
            GenerationTaskRecord, select(*TASK_COLUMNS).where(GenerationTask.id == task_id)
        )
        return rows[0] if rows else None

    @guarded(STORE)
    async def document(self, document_id: UUID) -> DocumentRecord | None:
        """The row whatever its status or owner (the job acts for the system)."""
        rows = await self._records(
            DocumentRecord, select(*DOCUMENT_COLUMNS).where(Document.id == document_id)
        )
        return rows[0] if rows else None

    @guarded(STORE)
    async def start(
        self, *, task_id: UUID, document_id: UUID, retry_count: int, stage: Mapping[str, Any]
    ) -> datetime | None:
        """Mark both rows processing; the task's first start time, None when deleted."""
        now = datetime.now(UTC)
        async with self.engine.begin() as conn:
            if await _status(conn, document_id) in (None, DELETED):
                return None
            started = await conn.scalar(
                update(GenerationTask)
                .where(GenerationTask.id == task_id)
                .values(
                    status="processing",
                    started_at=func.coalesce(GenerationTask.started_at, now),
                    completed_at=None,
                    error_message=None,
                    retry_count=func.greatest(
                        func.coalesce(GenerationTask.retry_count, 0), retry_count
                    ),
                    result=jsonb_merge(GenerationTask.result, stage),
                    updated_at=now,
                )
                .returning(GenerationTask.started_at)
            )
            await conn.execute(
                update(Document)
                .where(Document.id == document_id)
                .values(
                    status="processing",
                    processing_started_at=started,
                    processing_completed_at=None,
                    processing_error=None,
                    updated_at=now,
                )
            )
        return started

    @guarded(STORE)
    async def progress(self, task_id: UUID, values: Mapping[str, Any]) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(GenerationTask)
                .where(GenerationTask.id == task_id)
                .values(result=jsonb_merge(GenerationTask.result, values), updated_at=func.now())
            )

    @guarded(STORE)
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
        """`title`: the one the document gives itself (a Markdown `#` title, a PDF's
        title), kept in metadata.document_title, and in metadata.title unless the
        uploader named the document (`uploader_title`): a run after an upgrade of the
        readers replaces the title an earlier run read."""
        values: dict[str, Any] = {
            "extracted_text": text,
            "page_count": page_count,
            "word_count": word_count,
            "mime_type": func.coalesce(Document.mime_type, mime_type),
            "updated_at": func.now(),
        }
        if language is not None:
            values["language"] = language
        statement = (
            update(Document)
            .where(Document.id == document_id, Document.status != DELETED)
            .values(**values)
        )
        if title:
            metadata = func.coalesce(Document.metadata_, literal({}, JSONB))
            read = metadata.op("||")(func.jsonb_build_object(DOCUMENT_TITLE, title))
            from_document = or_(
                not_(metadata.bool_op("?")("title")),
                metadata.op("->>", return_type=Text)("title")
                == metadata.op("->>", return_type=Text)(DOCUMENT_TITLE),
            )
            statement = statement.values(
                {
                    Document.metadata_: case(
                        (from_document, read.op("||")(func.jsonb_build_object("title", title))),
                        else_=read,
                    )
                }
            )
        async with self.engine.begin() as conn:
            await conn.execute(statement)

    @guarded(STORE)
    async def complete(
        self,
        *,
        task_id: UUID,
        document_id: UUID,
        extractions: Sequence[ExtractionRow],
        result: Mapping[str, Any],
    ) -> bool:
        """Replace the extractions and finish both rows; False (nothing written) if deleted."""
        now = datetime.now(UTC)
        async with self.engine.begin() as conn:
            if await _status(conn, document_id, lock=True) in (None, DELETED):
                return False
            await conn.execute(
                delete(KnowledgeExtraction).where(KnowledgeExtraction.document_id == document_id)
            )
            if extractions:
                await conn.execute(
                    insert(EXTRACTIONS),
                    [_extraction(document_id, row) for row in extractions],
                )
            await conn.execute(
                update(Document)
                .where(Document.id == document_id)
                .values(status="completed", processing_completed_at=now, updated_at=now)
            )
            await _finish_task(conn, task_id, status="completed", result=result, now=now)
        return True

    @guarded(STORE)
    async def fail(
        self,
        *,
        task_id: UUID,
        document_id: UUID | None,
        error: str,
        result: Mapping[str, Any],
    ) -> None:
        """Both rows failed with `error` (a deleted document keeps its status)."""
        now = datetime.now(UTC)
        async with self.engine.begin() as conn:
            await _finish_task(conn, task_id, status="failed", result=result, now=now, error=error)
            if document_id is not None:
                await conn.execute(
                    update(Document)
                    .where(Document.id == document_id, Document.status != DELETED)
                    .values(
                        status="failed",
                        processing_error=error,
                        processing_completed_at=now,
                        updated_at=now,
                    )
                )

    @guarded(STORE)
    async def wait_for_retry(self, task_id: UUID, result: Mapping[str, Any]) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(GenerationTask)
                .where(GenerationTask.id == task_id, GenerationTask.status == "processing")
                .values(
                    status="pending",
                    result=jsonb_merge(GenerationTask.result, result),
                    updated_at=func.now(),
                )
            )

    @guarded(STORE)
    async def remove_rows(self, document_id: UUID) -> tuple[int, list[UUID]] | None:
        """A deleted document's extractions and course links; None unless it is deleted."""
        async with self.engine.begin() as conn:
            if await _status(conn, document_id, lock=True) != DELETED:
                return None
            removed = await conn.execute(
                delete(KnowledgeExtraction).where(KnowledgeExtraction.document_id == document_id)
            )
            courses = await conn.scalars(
                delete(CourseDocument)
                .where(CourseDocument.document_id == document_id)
                .returning(CourseDocument.course_id)
            )
            return removed.rowcount or 0, sorted(set(courses))


async def _status(conn: AsyncConnection, document_id: UUID, *, lock: bool = False) -> str | None:
    statement = select(Document.status).where(Document.id == document_id)
    row = (await conn.execute(statement.with_for_update() if lock else statement)).first()
    return None if row is None else (row.status or "pending")


async def _finish_task(
    conn: AsyncConnection,
    task_id: UUID,
    *,
    status: str,
    result: Mapping[str, Any],
    now: datetime,
    error: str | None = None,
) -> None:
    await conn.execute(
        update(GenerationTask)
        .where(GenerationTask.id == task_id)
        .values(
            status=status,
            completed_at=now,
            error_message=error,
            result=jsonb_merge(GenerationTask.result, result),
            updated_at=now,
        )
    )


def _extraction(document_id: UUID, row: ExtractionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "document_id": document_id,
        "extraction_type": row.extraction_type,
        "content": row.content,
        "context": row.context,
        "page_number": row.page_number,
        "confidence_score": row.confidence_score,
        "neo4j_node_id": row.neo4j_node_id,
        "embeddings": list(row.embeddings) if row.embeddings is not None else None,
        "metadata": dict(row.metadata),
    }
