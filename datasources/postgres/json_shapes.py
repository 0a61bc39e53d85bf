"""Answers built as JSON inside PostgreSQL: a shape (which keys, from which columns and
edges) becomes one expression of `json_build_object` / `json_agg` over correlated
subqueries, as PostGraphile does.

The schema layer describes what a GraphQL selection asks for as a `Shape`; this module
turns it into SQL. Every value is rendered here exactly as the gateway's scalars write
it (global ids, ISO times, decimals as strings, enum names), so the decoded JSON is the
answer itself. Response keys, enum names and type names travel as bound parameters;
column and table names come only from the models (`table.c[name]` refuses others).
Authorization is in the statement: the same predicates as the row readers
(`course_visible`, `document_visible`), and users' private columns only for the user
themself or an admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import (
    JSON,
    ColumnElement,
    FromClause,
    Text,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    false,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql.util import ClauseAdapter

from datasources.postgres.base import Viewer
from datasources.postgres.courses import course_visible, link_order
from datasources.postgres.documents import document_visible
from datasources.postgres.models import Course, CourseDocument, Document, User

Entity = Literal["course", "document", "user", "link"]
Format = Literal["value", "time", "decimal", "global_id", "enum", "document_title"]
EdgeName = Literal[
    "course.author",  # -> user, to one
    "course.documents",  # -> links whose document the caller may read, to many
    "course.documentCount",  # -> count of linked documents (no shape)
    "document.owner",  # -> user, to one
    "document.courses",  # -> links whose course the caller may read, to many
    "link.document",  # a link's document (already joined)
    "link.course",  # a link's course (already joined)
]

TABLES: dict[Entity, Any] = {
    "course": Course.__table__,
    "document": Document.__table__,
    "user": User.__table__,
    "link": CourseDocument.__table__,
}
# Columns a shape may read: everything a record exposes, never a secret or a file key.
READABLE: dict[Entity, frozenset[str]] = {
    "course": frozenset(
        {
            "id",
            "title",
            "description",
            "target_audience",
            "difficulty_level",
            "duration_weeks",
            "hours_per_week",
            "language",
            "status",
            "metadata",
            "published_at",
            "created_at",
            "updated_at",
        }
    ),
    "document": frozenset(
        {
            "id",
            "filename",
            "original_filename",
            "file_size",
            "mime_type",
            "status",
            "language",
            "page_count",
            "word_count",
            "processing_started_at",
            "processing_completed_at",
            "processing_error",
            "metadata",
            "created_at",
            "updated_at",
        }
    ),
    "user": frozenset(
        {
            "id",
            "username",
            "full_name",
            "email",
            "role",
            "is_active",
            "is_verified",
            "last_login",
            "created_at",
        }
    ),
    "link": frozenset({"relevance_score", "usage_type"}),
}
_EDGE_TARGET: dict[EdgeName, Entity | None] = {
    "course.author": "user",
    "course.documents": "link",
    "course.documentCount": None,
    "document.owner": "user",
    "document.courses": "link",
    "link.document": "document",
    "link.course": "course",
}
_EDGE_SOURCE: dict[EdgeName, Entity] = {
    "course.author": "course",
    "course.documents": "course",
    "course.documentCount": "course",
    "document.owner": "document",
    "document.courses": "document",
    "link.document": "link",
    "link.course": "link",
}
# json_build_object takes at most 100 arguments: 50 keys.
MAX_KEYS = 50


@dataclass(frozen=True, slots=True)
class Scalar:
    """One column, written as the GraphQL scalar writes it."""

    column: str
    format: Format = "value"
    type_name: str = ""  # global_id: the node type
    enum: tuple[tuple[str, str], ...] = ()  # enum: (stored value, GraphQL name); others null
    private: bool = False  # null unless the row is the viewer's own user, or an admin asks


@dataclass(frozen=True, slots=True)
class Constant:
    """A fixed string, such as __typename."""

    value: str


@dataclass(frozen=True, slots=True)
class Edge:
    name: EdgeName
    shape: Shape | None = None


@dataclass(frozen=True, slots=True)
class Shape:
    entity: Entity
    fields: tuple[tuple[str, Scalar | Constant | Edge], ...]

    def __post_init__(self) -> None:
        # Refused here, not in SQL: a shape is built from code's whitelists only.
        if len(self.fields) > MAX_KEYS:
            raise ValueError(f"at most {MAX_KEYS} keys per object")
        for _, item in self.fields:
            if isinstance(item, Scalar) and item.column not in READABLE[self.entity]:
                raise ValueError(f"{self.entity}.{item.column} is not readable")
            if isinstance(item, Edge):
                if _EDGE_SOURCE[item.name] != self.entity:
                    raise ValueError(f"{item.name} does not start at {self.entity}")
                target = _EDGE_TARGET[item.name]
                if (item.shape is None) != (target is None) or (
                    item.shape is not None and item.shape.entity != target
                ):
                    raise ValueError(f"{item.name} needs a {target} shape")


@dataclass(frozen=True, slots=True)
class Access:
    """Who asks, and which kinds of rows their credentials cover at all (an API key's
    scopes: without `courses:read` no course shows, even nested)."""

    viewer: Viewer
    courses: bool = True
    documents: bool = True

    @property
    def kind(self) -> AccessKind:
        """What the statement's structure depends on; the viewer's id is a parameter."""
        viewer = self.viewer
        return AccessKind(viewer.is_admin, viewer.user_id is not None, self.courses, self.documents)

    def parameters(self) -> dict[str, Any]:
        """The values of a statement built by `root_object` for this caller."""
        return {VIEWER_ID.key: self.viewer.user_id} if self.viewer.user_id is not None else {}


@dataclass(frozen=True, slots=True)
class AccessKind:
    is_admin: bool
    signed_in: bool
    courses: bool
    documents: bool

    @property
    def viewer(self) -> Viewer:
        # A stand-in whose id is never read: VIEWER_ID takes its place in the SQL.
        return Viewer(_ANYONE if self.signed_in else None, is_admin=self.is_admin)


# The viewer's id in a JSON expression: one bound parameter, given at execution, so one
# expression (built once per shape and kind of access, `root_object`) serves everyone.
VIEWER_ID = bindparam("json_viewer_id", type_=Uuid())
_ANYONE = UUID(int=0)


def may_read_course(access: AccessKind, table: FromClause) -> ColumnElement[bool]:
    if not access.courses:
        return false()
    return _on(course_visible(access.viewer, user=VIEWER_ID), Course.__table__, table)


def may_read_document(access: AccessKind, table: FromClause) -> ColumnElement[bool]:
    if not access.documents:
        return false()
    return _on(document_visible(access.viewer, user=VIEWER_ID), Document.__table__, table)


def _on(condition: ColumnElement[bool], base: Any, alias: FromClause) -> ColumnElement[bool]:
    """A predicate written against the model's table, moved onto an alias of it."""
    return ClauseAdapter(alias).traverse(condition) if alias is not base else condition


@lru_cache(maxsize=1024)
def root_object(shape: Shape, access: AccessKind) -> ColumnElement[Any]:
    """`json_object` of a row of the shape's own table (not an alias), built once per
    shape and kind of access: building the expression costs milliseconds, a request's
    whole budget; SQLAlchemy then finds its compiled SQL in the engine's cache."""
    return json_object(shape, TABLES[shape.entity], access)


def json_object(shape: Shape, table: FromClause, access: AccessKind) -> ColumnElement[Any]:
    """`json_build_object(key, value, ...)` for one row of `table` (the shape's entity)."""
    arguments: list[Any] = []
    for key, item in shape.fields:
        arguments.append(_text(key))
        arguments.append(_value(item, table, access))
    return func.json_build_object(*arguments, type_=JSON)


def _text(value: str) -> ColumnElement[str]:
    # A parameter of json_build_object's "any" needs a type.
    return cast(literal(value), Text)


def _value(item: Scalar | Constant | Edge, table: FromClause, access: AccessKind) -> Any:
    if isinstance(item, Constant):
        return _text(item.value)
    if isinstance(item, Scalar):
        return _scalar(item, table, access)
    return _edge(item, table, access)


def _scalar(item: Scalar, table: FromClause, access: AccessKind) -> Any:
    column = table.c[item.column]
    value: Any = column
    if item.format == "time":
        # datetime.isoformat() of asyncpg's UTC datetimes: microseconds only when not 0.
        utc = func.timezone(_text("UTC"), column)
        fraction = case(
            (func.to_char(utc, _text("US")) == _text("000000"), _text("")),
            else_=func.to_char(utc, _text(".US")),
        )
        value = func.to_char(utc, _text('YYYY-MM-DD"T"HH24:MI:SS')).op("||")(fraction)
        value = value.op("||")(_text("+00:00"))
    elif item.format == "decimal":
        value = cast(column, Text)  # str(Decimal) of numeric(3,2): the same digits
    elif item.format == "global_id":
        raw = func.convert_to(_text(f"{item.type_name}:").op("||")(cast(column, Text)), "UTF8")
        value = func.rtrim(
            func.translate(func.encode(raw, _text("base64")), _text("+/"), _text("-_")),
            _text("="),
        )
    elif item.format == "document_title":
        value = document_title(table)
    elif item.format == "enum":
        value = case(
            *[(column == _text(stored), _text(name)) for stored, name in item.enum],
            else_=null(),
        )
    if item.private:
        if access.is_admin:
            return value
        if not access.signed_in:
            return null()
        return case((table.c.id == VIEWER_ID, value), else_=null())
    return value


def document_title(table: FromClause) -> ColumnElement[str]:
    """`DocumentRecord.title` in SQL: metadata.title when it is a JSON string with more
    than spaces in it (btrim trims spaces, as `str.strip(" ")`), else original_filename."""
    title = table.c.metadata.op("->>", return_type=Text)(_text("title"))
    is_text = func.jsonb_typeof(table.c.metadata.op("->")(_text("title"))) == _text("string")
    return case(
        (is_text & (func.btrim(title) != _text("")), title),
        else_=table.c.original_filename,
    )


def _edge(item: Edge, table: FromClause, access: AccessKind) -> Any:
    name = item.name
    if name in ("link.document", "link.course"):
        raise ValueError(f"{name} is read through its link's join")  # see _links
    if name == "course.documentCount":
        links = CourseDocument.__table__.alias()
        return (
            select(func.count(func.distinct(links.c.document_id)))
            .where(links.c.course_id == table.c.id)
            .scalar_subquery()
        )
    assert item.shape is not None  # checked by Shape
    if name in ("course.author", "document.owner"):
        users = User.__table__.alias()
        return (
            select(json_object(item.shape, users, access))
            .where(users.c.id == table.c.user_id)
            .scalar_subquery()
        )
    return _links(item.shape, table, access, from_course=name == "course.documents")


def _links(shape: Shape, table: FromClause, access: AccessKind, *, from_course: bool) -> Any:
    """A course's links to the documents the caller may read, or a document's to the
    courses: in the order the row readers give them, hidden ends dropped with their link."""
    links = CourseDocument.__table__.alias()
    if from_course:
        far = Document.__table__.alias()
        joined = links.join(
            far, and_(far.c.id == links.c.document_id, may_read_document(access, far))
        )
        parent = links.c.course_id
    else:
        far = Course.__table__.alias()
        joined = links.join(far, and_(far.c.id == links.c.course_id, may_read_course(access, far)))
        parent = links.c.document_id
    arguments: list[Any] = []
    for key, item in shape.fields:
        arguments.append(_text(key))
        if isinstance(item, Edge):
            if item.name not in ("link.document", "link.course") or item.shape is None:
                raise ValueError(f"{item.name} is not an edge of a link")
            arguments.append(json_object(item.shape, far, access))
        else:
            arguments.append(_value(item, links, access))
    element = func.json_build_object(*arguments, type_=JSON)
    ordered = aggregate_order_by(element, *link_order(links))
    return (
        select(func.coalesce(func.json_agg(ordered, type_=JSON), cast(_text("[]"), JSON)))
        .select_from(joined)
        .where(parent == table.c.id)
        .scalar_subquery()
    )
