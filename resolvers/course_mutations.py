"""Course edits that keep PostgreSQL and Neo4j consistent.

Pattern: open the PostgreSQL transaction, make the change, write Neo4j, and commit
PostgreSQL only if Neo4j succeeded; if Neo4j fails the transaction rolls back, so no
edit is ever half-written. The course cache entry is dropped after every change.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert

from datasources.errors import UpstreamUnavailable
from datasources.postgres.models import Course, CourseDocument, Document
from datasources.postgres.records import CourseRecord, field_names
from datasources.redis.store import course_cache_key
from resolvers.auth import require_principal
from resolvers.context import Context, Principal


@dataclass(frozen=True, slots=True)
class Problem:
    """An expected failure, returned as a typed error rather than raised."""

    kind: str  # not_found | invalid | conflict
    message: str
    field: str | None = None


NOT_FOUND = Problem("not_found", "no such course, or you may not change it")


def _record(row: Course) -> CourseRecord:
    values = {
        name: getattr(row, "metadata_" if name == "metadata" else name)
        for name in field_names(CourseRecord)
    }
    return CourseRecord(**values)


async def _forget(ctx: Context, course_id: UUID) -> None:
    # A stale entry expires within the TTL; the write itself already succeeded.
    with contextlib.suppress(UpstreamUnavailable):
        await ctx.stores.redis.delete(course_cache_key(course_id))


def _may_change(row: Course | None, principal: Principal) -> bool:
    return row is not None and (principal.is_admin or row.user_id == principal.user_id)


async def create_course(ctx: Context, values: dict[str, Any]) -> CourseRecord:
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session, session.begin():
        row = Course(id=uuid4(), user_id=principal.user_id, **values)
        session.add(row)
        await session.flush()
        await session.refresh(row)
        hours = (row.duration_weeks or 0) * (row.hours_per_week or 0) or None
        await ctx.stores.graph_writer.upsert_course(
            course_id=row.id,
            title=row.title,
            difficulty=row.difficulty_level,
            duration_hours=hours,
        )
    return _record(row)


async def update_course(
    ctx: Context, course_id: UUID, values: dict[str, Any]
) -> CourseRecord | Problem:
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session, session.begin():
        row = await session.get(Course, course_id, with_for_update=True)
        if not _may_change(row, principal):
            return NOT_FOUND
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = datetime.now(UTC)
        await session.flush()
        hours = (row.duration_weeks or 0) * (row.hours_per_week or 0) or None
        await ctx.stores.graph_writer.upsert_course(
            course_id=row.id,
            title=row.title,
            difficulty=row.difficulty_level,
            duration_hours=hours,
        )
    await _forget(ctx, course_id)
    return _record(row)


async def publish_course(ctx: Context, course_id: UUID, publish: bool) -> CourseRecord | Problem:
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session, session.begin():
        row = await session.get(Course, course_id, with_for_update=True)
        if not _may_change(row, principal):
            return NOT_FOUND
        assert row is not None
        now = datetime.now(UTC)
        row.status = "published" if publish else "draft"
        row.published_at = now if publish else None
        row.updated_at = now
    await _forget(ctx, course_id)
    return _record(row)


async def delete_course(ctx: Context, course_id: UUID) -> UUID | Problem:
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session, session.begin():
        row = await session.get(Course, course_id, with_for_update=True)
        if not _may_change(row, principal):
            return NOT_FOUND
        await session.delete(row)
        await session.flush()
        await ctx.stores.graph_writer.delete_course(course_id)
    await _forget(ctx, course_id)
    return course_id


async def link_document(
    ctx: Context,
    course_id: UUID,
    document_id: UUID,
    *,
    relevance: Decimal | None,
    usage_type: str | None,
) -> CourseRecord | Problem:
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session, session.begin():
        course = await session.get(Course, course_id, with_for_update=True)
        if not _may_change(course, principal):
            return NOT_FOUND
        document = await session.get(Document, document_id)
        if document is None or not (principal.is_admin or document.user_id == principal.user_id):
            return Problem("not_found", "no such document, or it is not yours", "documentId")
        await session.execute(
            insert(CourseDocument)
            .values(
                course_id=course_id,
                document_id=document_id,
                relevance_score=relevance,
                usage_type=usage_type,
            )
            .on_conflict_do_update(
                index_elements=["course_id", "document_id"],
                set_={"relevance_score": relevance, "usage_type": usage_type},
            )
        )
        assert course is not None
    await _forget(ctx, course_id)
    return _record(course)


async def unlink_document(
    ctx: Context, course_id: UUID, document_id: UUID
) -> CourseRecord | Problem:
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session, session.begin():
        course = await session.get(Course, course_id)
        if not _may_change(course, principal):
            return NOT_FOUND
        await session.execute(
            delete(CourseDocument).where(
                CourseDocument.course_id == course_id, CourseDocument.document_id == document_id
            )
        )
        assert course is not None
    await _forget(ctx, course_id)
    return _record(course)


async def owned_course(ctx: Context, course_id: UUID) -> CourseRecord | None:
    """The course when the caller may change it (for graph-only edits such as objectives)."""
    principal = require_principal(ctx, "courses:write")
    async with ctx.stores.sessions() as session:
        row = (await session.execute(select(Course).where(Course.id == course_id))).scalar()
        return _record(row) if row is not None and _may_change(row, principal) else None
