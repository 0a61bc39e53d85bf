"""Course reads: by id through the Redis cache, lists, and every edge off a course."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Awaitable, Sequence
from datetime import datetime
from functools import partial
from typing import Any
from uuid import UUID

from datasources.errors import UpstreamUnavailable
from datasources.neo4j.records import CourseConceptEdge, CourseObjectiveEdge
from datasources.postgres.base import SYSTEM_VIEWER, Page, Viewer
from datasources.postgres.courses import CourseFilter, CourseOrder
from datasources.postgres.records import CourseDocumentRecord, CourseRecord, DocumentRecord
from datasources.redis.store import COURSE_CACHE_TTL, course_cache_key
from datasources.vectors import QARecord
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.documents import document
from resolvers.loaders import join, load, unique
from resolvers.pagination import TIME_ORDERS, encode_cursor, page

_TIME_FIELDS = ("published_at", "created_at", "updated_at")


def course_to_cache(record: CourseRecord) -> dict[str, Any]:
    # Shallow: the dict is serialized at once, so asdict's deep copy of the JSON
    # columns (outline, resources, ...) was pure cost.
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def course_from_cache(data: dict[str, Any]) -> CourseRecord:
    data = dict(data)
    data["id"] = UUID(data["id"])
    data["user_id"] = UUID(data["user_id"])
    for name in _TIME_FIELDS:
        if data.get(name):
            data[name] = datetime.fromisoformat(data[name])
    return CourseRecord(**data)


def may_read_course(record: CourseRecord, viewer: Viewer) -> bool:
    """The same rule as the SQL filter, applied to cached rows."""
    return (
        viewer.is_admin
        or (viewer.user_id is not None and record.user_id == viewer.user_id)
        or (viewer.user_id is not None and record.status == "published")
    )


async def _fetch_courses(ctx: Context, ids: Sequence[UUID]) -> dict[UUID, CourseRecord]:
    """Redis first (one MGET), PostgreSQL for the misses (one SELECT), then fill Redis."""
    principal = ctx.principal
    if principal is not None and not principal.allows("courses:read"):
        return {}  # a key without the scope sees no course, even nested
    ids = unique(ids)
    found: dict[UUID, CourseRecord] = {}
    redis = ctx.stores.redis
    try:
        cached = await redis.get_json_many([course_cache_key(i) for i in ids])
    except UpstreamUnavailable:
        cached = [None] * len(ids)  # the cache is an optimisation, never a dependency
    for course_id, data in zip(ids, cached, strict=True):
        if data is not None:
            # An entry from an older layout is treated as a miss.
            with contextlib.suppress(KeyError, TypeError, ValueError):
                found[course_id] = course_from_cache(data)
    missing = [i for i in ids if i not in found]
    if missing:
        # Read every missing row regardless of viewer so the cache holds complete data;
        # visibility is enforced below for every row, cached or not.
        fresh = await ctx.stores.courses.by_ids(missing, viewer=SYSTEM_VIEWER)
        found.update(fresh)
        with contextlib.suppress(UpstreamUnavailable):
            await redis.set_json_many(
                {course_cache_key(k): course_to_cache(v) for k, v in fresh.items()},
                ttl=COURSE_CACHE_TTL,
            )
    viewer = ctx.viewer
    return {k: v for k, v in found.items() if may_read_course(v, viewer)}


def course(ctx: Context, course_id: UUID) -> Awaitable[CourseRecord | None]:
    return load(ctx, "course", lambda ids: _fetch_courses(ctx, ids), course_id)


def course_window(ctx: Context, *, order: CourseOrder, first: int, after: str | None) -> Page:
    """The checked page of a `courses` read: the caller's scope, `first`, the cursor."""
    require_principal(ctx, "courses:read")
    return page(
        first, after, max_page_size=ctx.limits.max_page_size, sort_is_time=order in TIME_ORDERS
    )


async def courses(
    ctx: Context, *, where: CourseFilter, order: CourseOrder, descending: bool, window: Page
) -> tuple[list[CourseRecord], bool, list[str]]:
    rows = await ctx.stores.courses.page(
        viewer=ctx.viewer, where=where, order=order, descending=descending, page=window
    )
    first = window.first
    has_next = len(rows) > first
    rows = rows[:first]
    cursors = [encode_cursor(getattr(r, order), r.id) for r in rows]
    return rows, has_next, cursors


def course_concepts(ctx: Context, course_id: UUID) -> Awaitable[list[CourseConceptEdge]]:
    return load(ctx, "course.concepts", ctx.stores.graph.course_concepts, course_id, default=list)


def course_objectives(ctx: Context, course_id: UUID) -> Awaitable[list[CourseObjectiveEdge]]:
    return load(
        ctx, "course.objectives", ctx.stores.graph.course_objectives, course_id, default=list
    )


def course_questions(ctx: Context, course_id: UUID) -> Awaitable[list[QARecord]]:
    """The course's QuestionAnswer set from the vector index, one call for all courses."""
    return load(ctx, "course.questions", ctx.stores.vectors.qa_for_courses, course_id, default=list)


def in_course_order(course: CourseRecord, questions: list[QARecord]) -> list[QARecord]:
    """Questions in the order their concepts are taught (the outline's topics), then by
    question; a topic the outline does not name goes last."""
    weeks = course.outline.get("weeks") if isinstance(course.outline, dict) else None
    position: dict[str, int] = {}
    for week in weeks if isinstance(weeks, list) else []:
        topics = week.get("topics") if isinstance(week, dict) else None
        for topic in topics if isinstance(topics, list) else []:
            if isinstance(topic, str):
                position.setdefault(topic, len(position))
    last = len(position)
    return sorted(
        questions, key=lambda q: (position.get(q.topic or "", last), q.question, str(q.id))
    )


def document_count(ctx: Context, course_id: UUID) -> Awaitable[int]:
    return load(
        ctx, "course.documentCount", ctx.stores.courses.document_counts, course_id, default=int
    )


def course_documents(
    ctx: Context, course_id: UUID
) -> Awaitable[list[tuple[CourseDocumentRecord, DocumentRecord]]]:
    """Linked documents the viewer may read, with the link's relevance and usage."""
    return load(ctx, "course.documents", partial(_course_documents, ctx), course_id, default=list)


async def _course_documents(
    ctx: Context, course_ids: Sequence[UUID]
) -> dict[UUID, list[tuple[CourseDocumentRecord, DocumentRecord]]]:
    links = await ctx.stores.courses.links_for_courses(course_ids)
    return await join(links, lambda link: link.document_id, partial(document, ctx))


async def published_courses(
    ctx: Context, *, first: int, after: str | None
) -> tuple[list[CourseRecord], bool, list[str]]:
    """The seed's active_courses_view, newest publication first."""
    require_principal(ctx, "courses:read")
    window = page(first, after, max_page_size=ctx.limits.max_page_size, sort_is_time=True)
    rows = await ctx.stores.courses.published(page=window)
    records = [r for r, _, _, _ in rows[:first]]
    return records, len(rows) > first, [encode_cursor(r.published_at, r.id) for r in records]
