"""Shared plumbing for the PostgreSQL readers and writers."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, any_, bindparam, select, text, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.elements import BindParameter

from datasources.errors import guarded
from datasources.postgres.records import to_records

STORE = "postgres"
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking; every read filters by it (authorization in the data path)."""

    user_id: UUID | None
    is_admin: bool = False


# Reads and writes on every owner's rows: jobs, operators' commands, checks that the
# caller's own authorization was already made.
SYSTEM_VIEWER = Viewer(None, is_admin=True)


@dataclass(frozen=True, slots=True)
class Page:
    """Keyset pagination: rows after (sort value, id), `first` of them (+1 to see more)."""

    first: int
    after: tuple[Any, UUID] | None = None


def one_of(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column = ANY($1)` with the values as one array parameter.

    `IN (...)` renders a placeholder per value, so every list length is a new statement
    to prepare; with 2,000 ids it took 60-85 ms against 13 ms for this (BENCHMARKS.md).
    """
    return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))


def is_set(value: Any) -> bool:
    """A filter's value is given: a truthy value, or a bind parameter standing for one
    (a statement compiled once for many values, json_reads.py)."""
    return isinstance(value, BindParameter) or bool(value)


def paged(
    columns: Sequence[Any],
    conditions: list[Any],
    sort: Any,
    row_id: Any,
    *,
    descending: bool,
    page: Page,
) -> Select[Any]:
    """`columns` of the rows meeting `conditions`, one keyset page in (sort, id) order
    (id alone when it is the sort), one row more to tell whether another page follows."""
    after = page.after
    if after is not None:
        value, after_id = after
        if sort is row_id:
            conditions = [*conditions, row_id < after_id if descending else row_id > after_id]
        else:
            key, bound = tuple_(sort, row_id), tuple_(value, after_id)
            conditions = [*conditions, key < bound if descending else key > bound]
    keys = [row_id] if sort is row_id else [sort, row_id]
    return (
        select(*columns)
        .where(and_(*conditions))
        .order_by(*(k.desc() if descending else k.asc() for k in keys))
        .limit(page.first + 1)
    )


class PgBase:
    def __init__(self, engine: AsyncEngine, *, timeout: float) -> None:
        self.engine = engine
        self.timeout = timeout
        # Single-statement reads need no transaction: in autocommit the asyncpg adapter
        # sends neither BEGIN before nor ROLLBACK after, one round trip instead of three.
        # Same pool; writes keep using `engine.begin()`.
        self._reads = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def _rows(
        self, statement: Select[Any], parameters: dict[str, Any] | None = None
    ) -> list[Any]:
        async with self._reads.connect() as conn:
            result = await conn.execute(statement, parameters)
            return list(result.all())

    async def _records(self, record_type: type[R], statement: Select[Any]) -> list[R]:
        rows = await self._rows(statement)
        return to_records(record_type, rows[0]._fields if rows else (), rows)


class PostgresHealth(PgBase):
    @guarded(STORE)
    async def ping(self) -> float:
        started = time.perf_counter()
        async with self._reads.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return time.perf_counter() - started
