"""Whole answers as JSON from one statement (json_shapes.py): objects by id and pages.

Each statement is compiled once per structure (which shapes, which kind of access,
which filters are set, ...) with every request's values as named parameters, and run
on the driver's connection (prepared.py): SQLAlchemy's per-execution work cost more
CPU than the rest of the read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Dialect,
    FromClause,
    Integer,
    Uuid,
    any_,
    bindparam,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.visitors import replacement_traverse

from datasources.errors import guarded
from datasources.postgres import courses, documents
from datasources.postgres import prepared as driver
from datasources.postgres.base import STORE, Page, PgBase
from datasources.postgres.json_shapes import (
    TABLES,
    VIEWER_ID,
    Access,
    AccessKind,
    Shape,
    may_read_course,
    may_read_document,
    root_object,
)
from datasources.postgres.prepared import Prepared

NodeEntity = Literal["course", "document"]


def _visible(entity: NodeEntity, kind: AccessKind, table: FromClause) -> ColumnElement[bool]:
    return (may_read_course if entity == "course" else may_read_document)(kind, table)


class JsonReader(PgBase):
    @guarded(STORE)
    async def objects(
        self, wanted: Sequence[tuple[NodeEntity, Sequence[UUID], Shape]], access: Access
    ) -> dict[UUID, Any]:
        """Each readable row's JSON by id, for (entity, ids, shape) requests; one statement
        (UNION ALL when there are several entities). Rows the caller may not read are
        absent, like missing ones."""
        if not wanted:
            return {}
        kind = access.kind
        structure = tuple((entity, shape, len(ids) == 1) for entity, ids, shape in wanted)
        prepared = _objects_statement(self.engine.dialect, structure, kind)
        values = access.parameters()
        for n, (_, ids, _) in enumerate(wanted):
            values[f"json_ids_{n}"] = ids[0] if len(ids) == 1 else list(ids)
        async with self._reads.connect() as conn:
            rows = await driver.fetch(conn, prepared, values)
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
        kind = access.kind
        is_course = isinstance(where, courses.CourseFilter)
        given = _filter_values(where)
        structure = _PageStructure(
            "course" if is_course else "document",
            order,
            descending,
            tuple(shapes),
            kind,
            tuple(sorted(given)),
            page.after is not None,
        )
        prepared = _page_statement(self.engine.dialect, structure)
        values = {**access.parameters(), **given, "json_page_first": page.first}
        if page.after is not None:
            values["json_after_sort"], values["json_after_id"] = page.after
        async with self._reads.connect() as conn:
            return await driver.fetch(conn, prepared, values)


def _filter_values(where: courses.CourseFilter | documents.DocumentFilter) -> dict[str, Any]:
    """The filters that are set, by parameter name (`text` as its LIKE pattern)."""
    values = {f"json_f_{f.name}": getattr(where, f.name) for f in fields(where)}
    if values.get("json_f_text"):
        values["json_f_text"] = courses.like_pattern(values["json_f_text"])
    return {name: value for name, value in values.items() if value}


@lru_cache(maxsize=1024)
def _objects_statement(
    dialect: Dialect, structure: tuple[tuple[NodeEntity, Shape, bool], ...], kind: AccessKind
) -> Prepared:
    """Rows of each (entity, shape, one id) whose id is `json_ids_<n>` (one id) or in it
    (an array), and that the caller may read: (id, JSON); one statement (UNION ALL when
    there are several entities).

    One id is compared with `=`, not `= ANY(array)`: PostgreSQL estimates an array
    parameter at 10 elements, so the generic plan of a prepared `= ANY($1)` looks ten
    times dearer than the custom plan for one id and the statement was planned again at
    every execution (~0.2 ms of PostgreSQL's CPU, four times the execution itself);
    with `= $1` both plans cost the same and the cached generic plan is used. The
    viewer's id is hidden from the planner for the same reason (`_viewer_hidden`),
    when every entity has one id (several are planned at each execution anyway)."""
    parts = []
    given = set(_viewer(kind))
    for n, (entity, shape, one) in enumerate(structure):
        table = TABLES[entity]
        name = f"json_ids_{n}"
        given.add(name)
        matches = (
            table.c.id == bindparam(name, type_=Uuid())
            if one
            else table.c.id == any_(bindparam(name, type_=ARRAY(Uuid())))
        )
        parts.append(
            select(table.c.id, root_object(shape, kind)).where(
                matches, _visible(entity, kind, table)
            )
        )
    statement: Any = parts[0] if len(parts) == 1 else union_all(*parts)
    if all(one for _, _, one in structure):
        statement = _viewer_hidden(statement)
    return Prepared.of(statement, dialect, frozenset(given))


def _viewer_hidden(statement: Any) -> Any:
    """`statement` with the viewer's id as `(SELECT $n)`, an InitPlan whose value the
    planner does not see. Compared directly, a custom plan knows how few rows the viewer
    owns and always looks cheaper than the generic plan, so a signed-in user's statement
    for one course was planned again at every execution (~0.15 ms of PostgreSQL's CPU,
    four times the execution). Hidden, both plans cost the same and the generic one is
    kept; an InitPlan's value still serves as an index condition. For single objects
    only: on a page of 50 courses, hiding it gave a plan slower than planning each time
    with it (0.8 against 0.43 ms)."""
    hidden = select(VIEWER_ID).scalar_subquery()

    def replace(element: Any) -> Any:
        # By name: predicates moved onto an alias (json_shapes._on) carry copies of it.
        viewer = isinstance(element, BindParameter) and element.key == VIEWER_ID.key
        return hidden if viewer else None

    return replacement_traverse(statement, {}, replace)


@dataclass(frozen=True, slots=True)
class _PageStructure:
    entity: NodeEntity
    order: str
    descending: bool
    shapes: tuple[Shape, ...]
    kind: AccessKind
    filters: tuple[str, ...]  # parameter names of the filters that are set
    after: bool


@lru_cache(maxsize=1024)
def _page_statement(dialect: Dialect, structure: _PageStructure) -> Prepared:
    """(sort value, id, JSON per shape) of a page: the row readers' `page_statement` with
    every value a parameter (the filters, `json_page_first`, `json_after_sort/_id`)."""
    is_course = structure.entity == "course"
    build: Any = courses.page_statement if is_course else documents.page_statement
    table = TABLES[structure.entity]
    kind = structure.kind
    sort = table.c[structure.order]
    filters: dict[str, Any] = {name: bindparam(name) for name in structure.filters}
    where = (courses.CourseFilter if is_course else documents.DocumentFilter)(
        **{name.removeprefix("json_f_"): param for name, param in filters.items()}
    )
    after: Any = (
        (bindparam("json_after_sort", type_=sort.type), bindparam("json_after_id", type_=Uuid()))
        if structure.after
        else None
    )
    first: Any = bindparam("json_page_first", type_=Integer())
    columns = [sort, table.c.id, *(root_object(s, kind) for s in structure.shapes)]
    statement = build(
        columns,
        viewer=kind.viewer,
        user=VIEWER_ID,
        where=where,
        order=structure.order,
        descending=structure.descending,
        page=Page(first, after),
    )
    given = {*_viewer(kind), *filters, first.key}
    if after is not None:
        given |= {"json_after_sort", "json_after_id"}
    return Prepared.of(statement, dialect, frozenset(given))


def _viewer(kind: AccessKind) -> tuple[str, ...]:
    return (VIEWER_ID.key,) if kind.signed_in else ()
