"""Course reads: by id, filtered lists with keyset pagination, the published view."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    false,
    func,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.sql.elements import BindParameter

from datasources.errors import guarded
from datasources.postgres.base import STORE, Page, PgBase, Viewer, is_set, one_of, paged
from datasources.postgres.models import Course, CourseDocument
from datasources.postgres.records import (
    CourseDocumentRecord,
    CourseRecord,
    field_names,
)

COURSE_COLUMNS = [Course.__table__.c[name] for name in field_names(CourseRecord)]
LINK_COLUMNS = [CourseDocument.__table__.c[name] for name in field_names(CourseDocumentRecord)]
# The seed's view: every course column plus the author's names and a document count.
ACTIVE_COURSES_VIEW = Table(
    "active_courses_view",
    MetaData(),
    *[Column(c.name, c.type) for c in COURSE_COLUMNS],
    Column("username", String),
    Column("author_name", String),
    Column("document_count", Integer),
)
CourseOrder = Literal["created_at", "title", "updated_at", "id"]


@dataclass(frozen=True, slots=True)
class CourseFilter:
    status: str | None = None
    difficulty_level: str | None = None
    author_id: UUID | None = None
    text: str | None = None


def course_visible(viewer: Viewer, *, user: Any = None) -> ColumnElement[bool]:
    """Owners and admins see every course of theirs; others only published ones.

    `user`: the viewer's id as an SQL expression (the bound parameter of a statement
    built once for many viewers); viewer.user_id otherwise."""
    if viewer.is_admin:
        return true()
    if viewer.user_id is None:
        return false()
    owner = viewer.user_id if user is None else user
    return or_(Course.user_id == owner, Course.status == "published")


def link_order(links: Any) -> list[Any]:
    """The order of a course's or a document's links: most relevant first, then by the
    link's id so that ties come out the same on every read (and in compiled answers)."""
    return [links.c.relevance_score.desc().nulls_last(), links.c.id]


def like_pattern(text: str) -> str:
    """`text` anywhere, its LIKE wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def page_statement(
    columns: Sequence[Any],
    *,
    viewer: Viewer,
    where: CourseFilter,
    order: CourseOrder,
    descending: bool,
    page: Page,
    user: Any = None,
) -> Select[Any]:
    """`columns` of the courses `viewer` may read that match `where`, one page in order.

    `user` as in course_visible. Values of `where` and `page` may be bind parameters (a
    statement compiled once, json_reads.py); `text` then holds `like_pattern(text)`."""
    table = Course.__table__
    sort = table.c[order]
    conditions = [course_visible(viewer, user=user)]
    if is_set(where.status):
        conditions.append(Course.status == where.status)
    if is_set(where.difficulty_level):
        conditions.append(Course.difficulty_level == where.difficulty_level)
    if is_set(where.author_id):
        conditions.append(Course.user_id == where.author_id)
    if is_set(where.text):
        text: Any = where.text
        pattern = text if isinstance(text, BindParameter) else like_pattern(text)
        conditions.append(or_(Course.title.ilike(pattern), Course.description.ilike(pattern)))
    return paged(columns, conditions, sort, table.c.id, descending=descending, page=page)


class CourseReader(PgBase):
    @guarded(STORE)
    async def by_ids(self, ids: Sequence[UUID], *, viewer: Viewer) -> dict[UUID, CourseRecord]:
        statement = select(*COURSE_COLUMNS).where(one_of(Course.id, ids), course_visible(viewer))
        return {r.id: r for r in await self._records(CourseRecord, statement)}

    @guarded(STORE)
    async def page(
        self,
        *,
        viewer: Viewer,
        where: CourseFilter,
        order: CourseOrder,
        descending: bool,
        page: Page,
    ) -> list[CourseRecord]:
        statement = page_statement(
            COURSE_COLUMNS,
            viewer=viewer,
            where=where,
            order=order,
            descending=descending,
            page=page,
        )
        return await self._records(CourseRecord, statement)

    @guarded(STORE)
    async def published(self, *, page: Page) -> list[tuple[CourseRecord, str, str | None, int]]:
        """Rows of the seed's active_courses_view: course, author username/name, doc count."""
        view = ACTIVE_COURSES_VIEW
        conditions = []
        if page.after is not None:
            conditions.append(tuple_(view.c.published_at, view.c.id) < tuple_(*page.after))
        statement = (
            select(view)
            .where(*conditions)
            .order_by(view.c.published_at.desc().nulls_last(), view.c.id.desc())
            .limit(page.first + 1)
        )
        out = []
        for row in await self._rows(statement):
            data = dict(row._mapping)
            username = data.pop("username")
            author_name = data.pop("author_name")
            count = int(data.pop("document_count"))
            out.append((CourseRecord(**data), username, author_name, count))
        return out

    @guarded(STORE)
    async def links_for_courses(
        self, course_ids: Sequence[UUID]
    ) -> dict[UUID, list[CourseDocumentRecord]]:
        statement = (
            select(*LINK_COLUMNS)
            .where(one_of(CourseDocument.course_id, course_ids))
            .order_by(CourseDocument.course_id, *link_order(CourseDocument.__table__))
        )
        out: dict[UUID, list[CourseDocumentRecord]] = defaultdict(list)
        for link in await self._records(CourseDocumentRecord, statement):
            out[link.course_id].append(link)
        return out

    @guarded(STORE)
    async def links_for_documents(
        self, document_ids: Sequence[UUID]
    ) -> dict[UUID, list[CourseDocumentRecord]]:
        statement = (
            select(*LINK_COLUMNS)
            .where(one_of(CourseDocument.document_id, document_ids))
            .order_by(CourseDocument.document_id, *link_order(CourseDocument.__table__))
        )
        out: dict[UUID, list[CourseDocumentRecord]] = defaultdict(list)
        for link in await self._records(CourseDocumentRecord, statement):
            out[link.document_id].append(link)
        return out

    @guarded(STORE)
    async def document_counts(self, course_ids: Sequence[UUID]) -> dict[UUID, int]:
        statement = (
            select(CourseDocument.course_id, func.count(func.distinct(CourseDocument.document_id)))
            .where(one_of(CourseDocument.course_id, course_ids))
            .group_by(CourseDocument.course_id)
        )
        return {row[0]: int(row[1]) for row in await self._rows(statement)}
