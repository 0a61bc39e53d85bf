"""Course writes that span PostgreSQL and Neo4j, each one unit (the API's and the jobs').

Pattern: open the PostgreSQL transaction, make the change, write Neo4j, and commit
PostgreSQL only if Neo4j succeeded; if Neo4j fails the transaction rolls back, so no
edit is ever half-written. The course's cache entry is dropped after every change.

Who may change a course is decided by the caller and passed as `editor`: its owner
or an administrator. The check runs here, on the row locked for the change, so it
cannot race with a concurrent transfer or delete.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from datasources.errors import UpstreamUnavailable
from datasources.exports import ExportStore
from datasources.neo4j.writes import GraphWriter
from datasources.postgres.base import Viewer
from datasources.postgres.models import Course, CourseDocument, Document, Export
from datasources.postgres.records import CourseRecord, field_names
from datasources.redis.store import RedisStore, course_cache_key
from datasources.vectors import VectorIndex

# Columns a course write may set; id, owner and timestamps are the writer's own.
WRITABLE = frozenset(
    {
        "title",
        "description",
        "target_audience",
        "difficulty_level",
        "duration_weeks",
        "hours_per_week",
        "language",
        "outline",
        "learning_objectives",
        "prerequisites",
        "assessment_methods",
        "resources",
    }
)


class Refused(Enum):
    """Why a change was not made: nothing says whether the object exists."""

    COURSE = "course"  # no such course, or the editor may not change it
    DOCUMENT = "document"  # no such document, or it is not the editor's


def course_hours(duration_weeks: int | None, hours_per_week: int | None) -> int | None:
    """The graph's Course.duration_hours: weeks x hours a week, None when either is unset."""
    return (duration_weeks or 0) * (hours_per_week or 0) or None


def course_record(row: Course) -> CourseRecord:
    values = {
        name: getattr(row, "metadata_" if name == "metadata" else name)
        for name in field_names(CourseRecord)
    }
    return CourseRecord(**values)


def may_change(owner_id: UUID, editor: Viewer) -> bool:
    return editor.is_admin or (editor.user_id is not None and owner_id == editor.user_id)


def writable(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - WRITABLE
    if unknown:
        raise ValueError(f"not writable course columns: {', '.join(sorted(unknown))}")
    return dict(values)


class CourseWriter:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        graph: GraphWriter,
        redis: RedisStore,
        exports: ExportStore,
        vectors: VectorIndex,
    ) -> None:
        self.sessions = sessions
        self.graph = graph
        self.redis = redis
        self.exports = exports
        self.vectors = vectors

    async def node(self, row: Course) -> None:
        await self.graph.upsert_course(
            course_id=row.id,
            title=row.title,
            difficulty=row.difficulty_level,
            duration_hours=course_hours(row.duration_weeks, row.hours_per_week),
        )

    async def forget(self, course_id: UUID) -> None:
        # A stale entry expires within the TTL; the write itself already succeeded.
        with contextlib.suppress(UpstreamUnavailable):
            await self.redis.delete(course_cache_key(course_id))

    async def locked(self, session: AsyncSession, course_id: UUID, editor: Viewer) -> Course | None:
        row = await session.get(Course, course_id, with_for_update=True)
        return row if row is not None and may_change(row.user_id, editor) else None

    async def create(self, *, owner_id: UUID, values: Mapping[str, Any]) -> CourseRecord:
        """A new course owned by `owner_id`, with its graph node."""
        async with self.sessions() as session, session.begin():
            row = Course(id=uuid4(), user_id=owner_id, **writable(values))
            session.add(row)
            await session.flush()
            await session.refresh(row)
            await self.node(row)
        return course_record(row)

    async def update(
        self, course_id: UUID, values: Mapping[str, Any], *, editor: Viewer
    ) -> CourseRecord | Refused:
        changes = writable(values)
        async with self.sessions() as session, session.begin():
            row = await self.locked(session, course_id, editor)
            if row is None:
                return Refused.COURSE
            for key, value in changes.items():
                setattr(row, key, value)
            row.updated_at = datetime.now(UTC)
            await session.flush()
            await self.node(row)
        await self.forget(course_id)
        return course_record(row)

    async def publish(
        self, course_id: UUID, *, publish: bool, editor: Viewer
    ) -> CourseRecord | Refused:
        async with self.sessions() as session, session.begin():
            row = await self.locked(session, course_id, editor)
            if row is None:
                return Refused.COURSE
            now = datetime.now(UTC)
            row.status = "published" if publish else "draft"
            row.published_at = now if publish else None
            row.updated_at = now
        await self.forget(course_id)
        return course_record(row)

    async def delete(self, course_id: UUID, *, editor: Viewer) -> UUID | Refused:
        """The row, its graph node and the objectives only it achieved; its exports rows go
        with it (ON DELETE CASCADE), and their files once no other row uses them."""
        async with self.sessions() as session, session.begin():
            row = await self.locked(session, course_id, editor)
            if row is None:
                return Refused.COURSE
            files = await session.execute(
                select(Export.file_path).where(Export.course_id == course_id)
            )
            keys = [key for (key,) in files]
            await session.delete(row)
            await session.flush()
            await self.graph.delete_course(course_id)
        await self.forget(course_id)
        # After the commit: a failure here leaves a file without a row (purged later),
        # never a row without its file.
        with contextlib.suppress(UpstreamUnavailable):
            await self.exports.release_files(keys)
        with contextlib.suppress(UpstreamUnavailable):
            await self.vectors.replace_course_qa(course_id, [])  # its QuestionAnswer set
        return course_id

    async def link_document(
        self,
        course_id: UUID,
        document_id: UUID,
        *,
        relevance: Decimal | None,
        usage_type: str | None,
        editor: Viewer,
    ) -> CourseRecord | Refused:
        """Link (or re-link with new values) one of the editor's documents."""
        async with self.sessions() as session, session.begin():
            course = await self.locked(session, course_id, editor)
            if course is None:
                return Refused.COURSE
            document = await session.get(Document, document_id)
            if document is None or not may_change(document.user_id, editor):
                return Refused.DOCUMENT
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
        await self.forget(course_id)
        return course_record(course)

    async def unlink_document(
        self, course_id: UUID, document_id: UUID, *, editor: Viewer
    ) -> CourseRecord | Refused:
        async with self.sessions() as session, session.begin():
            course = await session.get(Course, course_id)
            if course is None or not may_change(course.user_id, editor):
                return Refused.COURSE
            await session.execute(
                delete(CourseDocument).where(
                    CourseDocument.course_id == course_id, CourseDocument.document_id == document_id
                )
            )
        await self.forget(course_id)
        return course_record(course)

    async def editable(self, course_id: UUID, *, editor: Viewer) -> CourseRecord | None:
        """The course when `editor` may change it (for graph-only edits such as objectives)."""
        async with self.sessions() as session:
            row = (await session.execute(select(Course).where(Course.id == course_id))).scalar()
            return (
                course_record(row) if row is not None and may_change(row.user_id, editor) else None
            )
