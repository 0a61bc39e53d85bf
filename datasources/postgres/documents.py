"""Document reads: by id, filtered lists, knowledge extractions, processing stats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import (
    Column,
    ColumnElement,
    Date,
    Float,
    Integer,
    MetaData,
    Select,
    Table,
    and_,
    false,
    func,
    select,
    true,
)

from datasources.errors import guarded
from datasources.postgres.base import STORE, Page, PgBase, Viewer, is_set, one_of, paged
from datasources.postgres.models import Document, KnowledgeExtraction
from datasources.postgres.records import (
    DocumentRecord,
    KnowledgeExtractionRecord,
    ProcessingStatsRecord,
    field_names,
)

DOCUMENT_COLUMNS = [Document.__table__.c[n] for n in field_names(DocumentRecord)]
EXTRACTION_COLUMNS = [
    KnowledgeExtraction.__table__.c[n] for n in field_names(KnowledgeExtractionRecord)
]
STATS_VIEW = Table(
    "document_processing_stats_view",
    MetaData(),
    Column("date", Date),
    Column("total_documents", Integer),
    Column("completed", Integer),
    Column("failed", Integer),
    Column("avg_processing_time", Float),
)


DocumentOrder = Literal["created_at", "updated_at", "filename", "id"]


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    status: str | None = None
    language: str | None = None
    owner_id: UUID | None = None


def document_visible(
    viewer: Viewer, *, user: Any = None, include_deleted: bool = False
) -> ColumnElement[bool]:
    """Documents are private to their owner (and admins); a deleted one is no one's.
    `user`: as in course_visible.

    Every read goes through this, so `deleteDocument` hides a document from queries,
    nested edges (Course.documents, Concept.sources) and semantic search (whose hits are
    kept only when their document loads) at once, before the cleanup job runs. Only jobs
    ask for `include_deleted`, to say precisely why a document cannot be used.
    """
    live = true() if include_deleted else Document.status.is_distinct_from("deleted")
    if viewer.is_admin:
        return live
    if viewer.user_id is None:
        return false()
    return and_(Document.user_id == (viewer.user_id if user is None else user), live)


def page_statement(
    columns: Sequence[Any],
    *,
    viewer: Viewer,
    where: DocumentFilter,
    order: DocumentOrder,
    descending: bool,
    page: Page,
    user: Any = None,
) -> Select[Any]:
    """`columns` of the documents `viewer` may read that match `where`, one page in order.
    `user` as in document_visible; values may be bind parameters (courses.page_statement)."""
    table = Document.__table__
    sort = table.c[order]
    conditions = [document_visible(viewer, user=user)]
    if is_set(where.status):
        conditions.append(Document.status == where.status)
    if is_set(where.language):
        conditions.append(Document.language == where.language)
    if is_set(where.owner_id):
        conditions.append(Document.user_id == where.owner_id)
    return paged(columns, conditions, sort, table.c.id, descending=descending, page=page)


class DocumentReader(PgBase):
    @guarded(STORE)
    async def by_ids(
        self, ids: Sequence[UUID], *, viewer: Viewer, include_deleted: bool = False
    ) -> dict[UUID, DocumentRecord]:
        statement = select(*DOCUMENT_COLUMNS).where(
            one_of(Document.id, ids), document_visible(viewer, include_deleted=include_deleted)
        )
        return {r.id: r for r in await self._records(DocumentRecord, statement)}

    @guarded(STORE)
    async def page(
        self,
        *,
        viewer: Viewer,
        where: DocumentFilter,
        page: Page,
        order: DocumentOrder = "created_at",
        descending: bool = True,
    ) -> list[DocumentRecord]:
        statement = page_statement(
            DOCUMENT_COLUMNS,
            viewer=viewer,
            where=where,
            order=order,
            descending=descending,
            page=page,
        )
        return await self._records(DocumentRecord, statement)

    @guarded(STORE)
    async def extractions(
        self,
        document_ids: Sequence[UUID],
        *,
        extraction_type: str | None,
        limit: int | None = None,
        offset: int = 0,
    ) -> dict[UUID, list[KnowledgeExtractionRecord]]:
        """Each document's extractions by page; `limit`/`offset` apply per document."""
        conditions = [one_of(KnowledgeExtraction.document_id, document_ids)]
        if extraction_type:
            conditions.append(KnowledgeExtraction.extraction_type == extraction_type)
        order = (
            KnowledgeExtraction.page_number.nulls_last(),
            KnowledgeExtraction.created_at,
            KnowledgeExtraction.id,
        )
        statement = _window(conditions, "document_id", order, limit=limit, offset=offset)
        out: dict[UUID, list[KnowledgeExtractionRecord]] = defaultdict(list)
        for record in await self._records(KnowledgeExtractionRecord, statement):
            out[record.document_id].append(record)
        return out

    @guarded(STORE)
    async def concept_extractions(
        self, concept_ids: Sequence[str], *, extraction_type: str, viewer: Viewer, limit: int
    ) -> dict[str, list[KnowledgeExtractionRecord]]:
        """Up to `limit` extractions of `extraction_type` per concept node id (the surest
        first), only from documents `viewer` may read."""
        conditions = [
            one_of(KnowledgeExtraction.neo4j_node_id, concept_ids),
            KnowledgeExtraction.extraction_type == extraction_type,
            KnowledgeExtraction.document_id.in_(
                select(Document.id).where(document_visible(viewer))
            ),
        ]
        order = (
            KnowledgeExtraction.confidence_score.desc().nulls_last(),
            KnowledgeExtraction.page_number.nulls_last(),
            KnowledgeExtraction.id,
        )
        statement = _window(conditions, "neo4j_node_id", order, limit=limit)
        out: dict[str, list[KnowledgeExtractionRecord]] = defaultdict(list)
        for record in await self._records(KnowledgeExtractionRecord, statement):
            out[str(record.neo4j_node_id)].append(record)
        return out

    @guarded(STORE)
    async def processing_stats(
        self, *, since: date | None, until: date | None
    ) -> list[ProcessingStatsRecord]:
        """Rows of the seed's document_processing_stats_view (callers check admin)."""
        conditions = []
        if since:
            conditions.append(STATS_VIEW.c.date >= since)
        if until:
            conditions.append(STATS_VIEW.c.date <= until)
        statement = select(STATS_VIEW).where(*conditions).order_by(STATS_VIEW.c.date)
        return await self._records(ProcessingStatsRecord, statement)


def _window(
    conditions: Sequence[ColumnElement[bool]],
    partition: str,
    order: Sequence[ColumnElement[Any]],
    *,
    limit: int | None,
    offset: int = 0,
) -> Select[Any]:
    """Extraction rows matching `conditions`, ordered by `order` within each `partition`
    value, rows offset+1 .. offset+limit of each (all of them when `limit` is None)."""
    column = KnowledgeExtraction.__table__.c[partition]
    if limit is None and offset == 0:
        return select(*EXTRACTION_COLUMNS).where(*conditions).order_by(column, *order)
    rank = func.row_number().over(partition_by=column, order_by=list(order)).label("rank")
    ranked = select(*EXTRACTION_COLUMNS, rank).where(*conditions).subquery()
    window = [ranked.c["rank"] > offset]
    if limit is not None:
        window.append(ranked.c["rank"] <= offset + limit)
    columns = [ranked.c[c.name] for c in EXTRACTION_COLUMNS]
    return select(*columns).where(*window).order_by(ranked.c[partition], ranked.c["rank"])
