"""A statement compiled once: positions, fixed values and the values given per execution."""

from uuid import UUID

import pytest
from sqlalchemy import Integer, Uuid, any_, bindparam, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect

from datasources.postgres.models import Course
from datasources.postgres.prepared import Prepared

DIALECT = asyncpg_dialect()


def test_given_values_fill_their_positions_and_the_rest_is_fixed() -> None:
    table = Course.__table__
    ids = bindparam("ids", type_=ARRAY(Uuid()))
    statement = (
        select(table.c.id, literal("a constant"))
        .where(table.c.id == any_(ids), table.c.status == "published")
        .limit(bindparam("first", type_=Integer()))
    )
    prepared = Prepared.of(statement, DIALECT, frozenset({"ids", "first", "not_used"}))
    assert prepared.sql.count("$") == len(prepared.names) == 4
    one, two = UUID(int=1), UUID(int=2)
    arguments = prepared.arguments({"ids": [one, two], "first": 21})
    by_name = dict(zip(prepared.names, arguments, strict=True))
    assert by_name["ids"] == [one, two]
    assert by_name["first"] == 21
    assert sorted(a for a in arguments if isinstance(a, str)) == ["a constant", "published"]
    # Another execution: only the given values change.
    again = dict(zip(prepared.names, prepared.arguments({"ids": [], "first": 1}), strict=True))
    assert again["ids"] == [] and again["first"] == 1
    assert [v for k, v in again.items() if k not in ("ids", "first")] == [
        v for k, v in by_name.items() if k not in ("ids", "first")
    ]


def test_a_value_expanded_per_execution_is_refused() -> None:
    table = Course.__table__
    statement = select(table.c.id).where(table.c.id.in_([UUID(int=1)]))
    with pytest.raises(ValueError, match="not fully compiled"):
        Prepared.of(statement, DIALECT, frozenset())
