"""Document reads and the edges off a document (extractions, chunks, concepts, links)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import Any
from uuid import UUID

from datasources.neo4j.records import ExtractedConcept
from datasources.postgres.base import Page
from datasources.postgres.documents import DocumentFilter, DocumentOrder
from datasources.postgres.records import (
    CourseDocumentRecord,
    CourseRecord,
    DocumentRecord,
    GenerationTaskRecord,
    KnowledgeExtractionRecord,
)
from datasources.vectors import ChunkRecord
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.errors import bad_input
from resolvers.loaders import join, load
from resolvers.pagination import TIME_ORDERS, encode_cursor, page


def document(ctx: Context, document_id: UUID) -> Awaitable[DocumentRecord | None]:
    """A document the caller may read; none at all, even nested, for a key without
    `documents:read`."""
    fetch = partial(ctx.stores.documents.by_ids, viewer=ctx.viewer)
    return _permitted_load(ctx, "documents:read", "document", fetch, document_id)


def _permitted_load(
    ctx: Context,
    permission: str,
    key: str,
    fetch: Callable[[Sequence[UUID]], Awaitable[dict[UUID, Any]]],
    item: UUID,
) -> Awaitable[Any]:
    """`load`, or nothing found for a key without `permission` (nested fields too)."""
    principal = ctx.principal
    if principal is not None and not principal.allows(permission):
        return load(ctx, key, _nothing, item)
    return load(ctx, key, fetch, item)


async def _nothing(ids: Sequence[UUID]) -> dict[UUID, Any]:
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


MAX_EXTRACTIONS_PAGE = 500


def extractions(
    ctx: Context,
    document_id: UUID,
    extraction_type: str | None,
    *,
    first: int | None = None,
    offset: int = 0,
) -> Awaitable[list[KnowledgeExtractionRecord]]:
    """A document's extractions by page (all of them when `first` is None); one query
    for every document of the request that asks the same question."""
    if first is not None and not 1 <= first <= MAX_EXTRACTIONS_PAGE:
        raise bad_input(f"`first` must be between 1 and {MAX_EXTRACTIONS_PAGE}", field="first")
    if offset < 0:
        raise bad_input("`offset` must be 0 or more", field="offset")
    fetch = partial(
        ctx.stores.documents.extractions,
        extraction_type=extraction_type,
        limit=first,
        offset=offset,
    )
    key = ("document.extractions", extraction_type, first, offset)
    return load(ctx, key, fetch, document_id, default=list)


def document_task(ctx: Context, document_id: UUID) -> Awaitable[GenerationTaskRecord | None]:
    """The document's newest document_processing task; none for a key without
    `tasks:read`."""
    fetch = partial(ctx.stores.tasks.latest_for_documents, viewer=ctx.viewer)
    return _permitted_load(ctx, "tasks:read", "document.task", fetch, document_id)


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
