"""Whole answers as JSON from one statement (json_shapes.py): objects by id and pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import ColumnElement, FromClause, select, union_all

from datasources.errors import guarded
from datasources.postgres import courses, documents
from datasources.postgres.base import STORE, Page, PgBase, one_of
from datasources.postgres.json_shapes import (
    TABLES,
    Access,
    Shape,
    may_read_course,
    may_read_document,
    root_object,
)

NodeEntity = Literal["course", "document"]


def _visible(entity: NodeEntity, access: Access, table: FromClause) -> ColumnElement[bool]:
    return (may_read_course if entity == "course" else may_read_document)(access.kind, table)


class JsonReader(PgBase):
    @guarded(STORE)
    async def objects(
        self, wanted: Sequence[tuple[NodeEntity, Sequence[UUID], Shape]], access: Access
    ) -> dict[UUID, Any]:
        """Each readable row's JSON by id, for (entity, ids, shape) requests; one statement
        (UNION ALL when there are several entities). Rows the caller may not read are
        absent, like missing ones."""
        parts = []
        for entity, ids, shape in wanted:
            table = TABLES[entity]
            parts.append(
                select(table.c.id, root_object(shape, access.kind)).where(
                    one_of(table.c.id, ids), _visible(entity, access, table)
                )
            )
        if not parts:
            return {}
        statement: Any = parts[0] if len(parts) == 1 else union_all(*parts)
        rows = await self._rows(statement, access.parameters())
        return {row[0]: row[1] for row in rows}

    @guarded(STORE)
    async def page(
        self,
        where: courses.CourseFilter | documents.DocumentFilter,
        *,
        order: str,
        descending: bool,
        page: Page,
        shapes: Sequence[Shape],
        access: Access,
    ) -> list[Any]:
        """(sort value, id, JSON per shape) of one page of courses (a CourseFilter) or
        documents, one row more to tell whether there is a next page; the row readers'
        own filters, visibility and order (`page_statement`)."""
        build: Any = (
            courses.page_statement
            if isinstance(where, courses.CourseFilter)
            else documents.page_statement
        )
        table = TABLES["course" if isinstance(where, courses.CourseFilter) else "document"]
        kind = access.kind
        columns = [table.c[order], table.c.id, *(root_object(s, kind) for s in shapes)]
        statement = build(
            columns,
            viewer=access.viewer,
            where=where,
            order=order,
            descending=descending,
            page=page,
        )
        return await self._rows(statement, access.parameters())
