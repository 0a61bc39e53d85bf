"""JSON shapes (compiled relational reads): only whitelisted columns, values as
parameters, and the selection compiler's refusals. SQL text only; no database."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from datasources.postgres.base import Viewer
from datasources.postgres.json_reads import _objects_statement, _page_statement, _PageStructure
from datasources.postgres.json_shapes import (
    MAX_KEYS,
    TABLES,
    Access,
    Constant,
    Edge,
    Scalar,
    Shape,
    root_object,
)
from schema.compiled.selection import COURSE, DOCUMENT, TYPES, USER
from schema.root import build_schema

USER_SHAPE = Shape("user", (("email", USER["email"]),))  # type: ignore[arg-type]
LINK_SHAPE = Shape(
    "link",
    (("document", Edge("link.document", Shape("document", (("f", DOCUMENT["filename"]),)))),),  # type: ignore[arg-type]
)


def sql(shape: Shape, access: Access) -> str:
    table = TABLES[shape.entity]
    statement = select(root_object(shape, access.kind)).select_from(table)
    return str(statement.compile(dialect=postgresql.asyncpg.dialect()))


REFUSED = [
    ("user", "password_hash"),
    ("document", "file_path"),
    ("document", "extracted_text"),
    ("course", "outline"),
    ("link", "course_id"),
]


@pytest.mark.parametrize(("entity", "column"), REFUSED)
def test_secrets_and_unlisted_columns_are_refused(entity: str, column: str) -> None:
    with pytest.raises(ValueError, match="not readable"):
        Shape(entity, (("x", Scalar(column)),))  # type: ignore[arg-type]


def test_edges_must_start_and_end_where_they_belong() -> None:
    with pytest.raises(ValueError, match="does not start"):
        Shape("document", (("a", Edge("course.author", USER_SHAPE)),))
    with pytest.raises(ValueError, match="needs a user shape"):
        Shape("course", (("a", Edge("course.author", Shape("course", ()))),))


def test_one_object_takes_at_most_fifty_keys() -> None:
    fields = tuple((f"k{i}", Constant("x")) for i in range(MAX_KEYS + 1))
    with pytest.raises(ValueError, match="at most"):
        Shape("course", fields)


def test_response_keys_and_the_viewer_are_parameters_never_sql_text() -> None:
    alias = "evil_alias_x"
    shape = Shape(
        "course",
        (
            (alias, COURSE["title"]),  # type: ignore[arg-type]
            ("author", Edge("course.author", USER_SHAPE)),
        ),
    )
    viewer = uuid.uuid4()
    text = sql(shape, Access(Viewer(viewer)))
    assert alias not in text and str(viewer) not in text
    assert "$1" in text


def test_private_user_fields_depend_on_the_caller() -> None:
    # An admin reads them; a signed-in user only on their own row; anonymous never.
    assert "CASE" not in sql(USER_SHAPE, Access(Viewer(uuid.uuid4(), is_admin=True)))
    assert "CASE WHEN (users.id = " in sql(USER_SHAPE, Access(Viewer(uuid.uuid4())))
    assert "users.email" not in sql(USER_SHAPE, Access(Viewer(None)))


def test_expressions_are_built_once_per_shape_and_kind_of_access() -> None:
    shape = Shape("document", (("f", DOCUMENT["filename"]),))  # type: ignore[arg-type]
    one, two = Access(Viewer(uuid.uuid4())), Access(Viewer(uuid.uuid4()))
    assert root_object(shape, one.kind) is root_object(shape, two.kind)
    assert root_object(shape, one.kind) is not root_object(shape, Access(Viewer(None)).kind)


def test_every_compiled_field_exists_in_the_schema_with_its_type() -> None:
    """The compiler's tables name real fields: a renamed field would make it refuse
    (fall back) rather than answer wrongly, but it should not silently stop compiling."""
    schema = build_schema()._schema
    for type_name, (_, fields) in TYPES.items():
        graphql_type = schema.get_type(type_name)
        assert graphql_type is not None, type_name
        for name, item in fields.items():
            assert name in graphql_type.fields, f"{type_name}.{name}"  # type: ignore[attr-defined]
            if isinstance(item, Scalar) and item.format == "global_id":
                assert item.type_name == type_name


def test_one_id_is_compared_with_equals_and_several_with_any() -> None:
    """PostgreSQL estimates an array parameter at 10 elements: with `= ANY($n)` the
    generic plan of one course by id looked dearer than the custom one, so the prepared
    statement was planned again at every execution. One id gets `= $n` (its own
    statement); several keep the array."""
    shape = Shape("course", (("t", COURSE["title"]),))  # type: ignore[arg-type]
    kind = Access(Viewer(uuid.uuid4(), is_admin=True)).kind
    dialect = postgresql.asyncpg.dialect()
    one = _objects_statement(dialect, (("course", shape, True),), kind)
    assert "courses.id = $" in one.sql and "ANY" not in one.sql
    several = _objects_statement(dialect, (("course", shape, False),), kind)
    assert "courses.id = ANY ($" in several.sql
    wanted = uuid.uuid4()
    assert wanted in one.arguments({"json_ids_0": wanted})
    assert [wanted] in several.arguments({"json_ids_0": [wanted]})


def test_the_viewer_is_hidden_from_the_planner_for_one_object_only() -> None:
    """`(SELECT $n)` in the statement of one object by id (so its generic plan is kept),
    the plain parameter for several ids and on pages (planned at each execution anyway,
    where the viewer's id found better plans)."""
    shape = Shape(
        "course",
        (
            ("t", COURSE["title"]),  # type: ignore[arg-type]
            ("documents", Edge("course.documents", LINK_SHAPE)),
        ),
    )
    kind = Access(Viewer(uuid.uuid4())).kind
    dialect = postgresql.asyncpg.dialect()
    one = _objects_statement(dialect, (("course", shape, True),), kind).sql
    assert one.count("user_id = (SELECT $") == 2  # the course and its documents
    assert re.search(r"user_id = \$\d", one) is None
    several = _objects_statement(dialect, (("course", shape, False),), kind).sql
    assert "(SELECT $" not in several and re.search(r"user_id = \$\d", several)
    page = _page_statement(
        dialect, _PageStructure("course", "created_at", True, (shape,), kind, (), False)
    ).sql
    assert "(SELECT $" not in page and re.search(r"user_id = \$\d", page)
