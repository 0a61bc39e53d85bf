"""Course entry points: one by id, a filtered page, the published ones."""

from __future__ import annotations

from enum import Enum
from functools import partial
from typing import cast
from uuid import UUID

import strawberry

from datasources.postgres.courses import CourseFilter
from datasources.postgres.courses import CourseOrder as OrderKey
from datasources.postgres.records import CourseRecord
from resolvers import courses as course_resolvers
from resolvers.auth import require_principal
from resolvers.context import Info
from resolvers.ids import raw_id
from resolvers.prefetch import prefetch
from resolvers.validation import clean_text
from schema.common import CourseStatus, Difficulty, PageInfo
from schema.compiled.read import ListPage, Objects, compiled
from schema.course import Course, CourseConnection, CourseEdge


@strawberry.enum
class CourseOrderField(Enum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    TITLE = "title"
    ID = "id"


@strawberry.input
class CourseOrder:
    field: CourseOrderField = CourseOrderField.CREATED_AT
    descending: bool = True


@strawberry.input
class CourseFilterInput:
    status: CourseStatus | None = None
    difficulty: Difficulty | None = None
    author_id: strawberry.ID | None = None
    text: str | None = None


async def _connection(
    info: Info, rows: list[CourseRecord], has_next: bool, cursors: list[str]
) -> CourseConnection:
    await prefetch(info, "CourseConnection", [rows])
    return CourseConnection(
        edges=[
            CourseEdge(cursor=c, node=Course.from_record(r))
            for r, c in zip(rows, cursors, strict=True)
        ],
        page_info=PageInfo.of(has_next, cursors),
    )


async def _course(info: Info, course_id: UUID) -> Course | None:
    found = await course_resolvers.course(info.context, course_id)
    if found is None:
        return None
    await prefetch(info, "Course", [found])
    return Course.from_record(found)


@strawberry.type
class CourseQueries:
    @strawberry.field
    async def course(self, info: Info, id: strawberry.ID) -> Course | None:
        require_principal(info.context, "courses:read")
        course_id = raw_id(id, "Course")
        return compiled(
            info.context,
            Objects((("Course", course_id),), single=True),
            partial(_course, info, course_id),
        )

    @strawberry.field
    async def courses(
        self,
        info: Info,
        filter: CourseFilterInput | None = None,
        order_by: CourseOrder | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> CourseConnection:
        ctx = info.context
        f = filter or CourseFilterInput()
        order = order_by or CourseOrder()
        # NUL or bidi controls would reach PostgreSQL (which refuses NUL): a clear error.
        text = clean_text(f.text, field="filter.text", max_length=200)
        where = CourseFilter(
            status=f.status.value if f.status else None,
            difficulty_level=f.difficulty.value if f.difficulty else None,
            author_id=raw_id(f.author_id, "User") if f.author_id else None,
            text=text,
        )
        field = cast(OrderKey, order.field.value)  # the enum's values are the keys
        window = course_resolvers.course_window(ctx, order=field, first=first, after=after)

        async def rows() -> CourseConnection:
            found, has_next, cursors = await course_resolvers.courses(
                ctx, where=where, order=field, descending=order.descending, window=window
            )
            return await _connection(info, found, has_next, cursors)

        return compiled(ctx, ListPage(where, field, order.descending, window), rows)

    @strawberry.field(description="Published courses (the seed's active_courses_view).")
    async def published_courses(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> CourseConnection:
        rows, has_next, cursors = await course_resolvers.published_courses(
            info.context, first=first, after=after
        )
        return await _connection(info, rows, has_next, cursors)
