"""Document reads and the edges off a document (extractions, chunks, concepts, links)."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from functools import partial
from uuid import UUID

from datasources.neo4j.records import ExtractedConcept
from datasources.postgres.base import Page
from datasources.postgres.documents import DocumentFilter, DocumentOrder
from datasources.postgres.records import (
    CourseDocumentRecord,
    CourseRecord,
    DocumentRecord,
    KnowledgeExtractionRecord,
)
from datasources.vectors import ChunkRecord
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.loaders import join, load
from resolvers.pagination import TIME_ORDERS, encode_cursor, page


def document(ctx: Context, document_id: UUID) -> Awaitable[DocumentRecord | None]:
    """A document the caller may read; none at all, even nested, for a key without
    `documents:read`."""
    principal = ctx.principal
    if principal is not None and not principal.allows("documents:read"):
        return load(ctx, "document", _nothing, document_id)
    fetch = partial(ctx.stores.documents.by_ids, viewer=ctx.viewer)
    return load(ctx, "document", fetch, document_id)


async def _nothing(ids: Sequence[UUID]) -> dict[UUID, DocumentRecord]:
    return {}


def document_window(ctx: Context, *, order: DocumentOrder, first: int, after: str | None) -> Page:
    """The checked page of a `documents` read: the caller's scope, `first`, the cursor."""
    require_principal(ctx, "documents:read")
    return page(
        first, after, max_page_size=ctx.limits.max_page_size, sort_is_time=order in TIME_ORDERS
    )


async def documents(
    ctx: Context, *, where: DocumentFilter, order: DocumentOrder, descending: bool, window: Page
) -> tuple[list[DocumentRecord], bool, list[str]]:
    rows = await ctx.stores.documents.page(
        viewer=ctx.viewer, where=where, order=order, descending=descending, page=window
    )
    first = window.first
    has_next = len(rows) > first
    rows = rows[:first]
    return rows, has_next, [encode_cursor(getattr(r, order), r.id) for r in rows]


def extractions(
    ctx: Context, document_id: UUID, extraction_type: str | None
) -> Awaitable[list[KnowledgeExtractionRecord]]:
    fetch = partial(ctx.stores.documents.extractions, extraction_type=extraction_type)
    return load(ctx, ("document.extractions", extraction_type), fetch, document_id, default=list)


def document_concepts(ctx: Context, document_id: UUID) -> Awaitable[list[ExtractedConcept]]:
    return load(
        ctx, "document.concepts", ctx.stores.graph.document_concepts, document_id, default=list
    )


def document_courses(
    ctx: Context, document_id: UUID
) -> Awaitable[list[tuple[CourseDocumentRecord, CourseRecord]]]:
    """The courses a document is linked to that the caller may read, with the link."""
    return load(ctx, "document.courses", partial(_document_courses, ctx), document_id, default=list)


async def _document_courses(
    ctx: Context, document_ids: Sequence[UUID]
) -> dict[UUID, list[tuple[CourseDocumentRecord, CourseRecord]]]:
    from resolvers.courses import course  # resolvers.courses imports this module

    links = await ctx.stores.courses.links_for_documents(document_ids)
    return await join(links, lambda link: link.course_id, partial(course, ctx))


def chunks(
    ctx: Context, document_id: UUID, *, offset: int, limit: int
) -> Awaitable[list[ChunkRecord]]:
    """Chunks from the vector index, ordered by chunkIndex; one query for all documents."""
    fetch = partial(ctx.stores.vectors.chunks_for_documents, offset=offset, limit=limit)
    return load(ctx, ("document.chunks", offset, limit), fetch, document_id, default=list)
