"""Statements compiled once to the driver's SQL, run on the pooled asyncpg connection.

Executing a SQLAlchemy statement costs CPU before and after the round trip: the
statement is built, its cache key is generated (a walk of the whole expression, which
for a compiled JSON read is hundreds of nodes), the compiled form is looked up, and
the result goes through SQLAlchemy's row machinery. For one course read as JSON that
was ~1 ms of the gateway's CPU against ~0.1 ms for asyncpg alone (BENCHMARKS.md).

A `Prepared` is a statement whose structure is known by a key of the caller's and
whose every varying value is a named bind parameter (`bindparam("name")`, no value):
it is compiled once, and a request only supplies those values. Everything else the
statement carries (constants, response keys) is fixed at compile time.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ClauseElement

from datasources.errors import is_connection_error

_GIVEN = object()  # a position whose value is given at execution


@dataclass(frozen=True, slots=True)
class Prepared:
    sql: str
    names: tuple[str, ...]  # the bind parameter of each position ($1, $2, ...)
    fixed: tuple[Any, ...]  # each position's value, processed; _GIVEN for named ones
    processors: tuple[Callable[[Any], Any] | None, ...]

    @classmethod
    def of(cls, statement: ClauseElement, dialect: Dialect, given: frozenset[str]) -> Prepared:
        """Compile `statement`; `given`: the names of the values each execution supplies
        (a name the statement does not use is ignored: an admin's statement has no
        viewer id, for instance)."""
        compiled: Any = statement.compile(dialect=dialect)  # the dialect's SQLCompiler
        sql = compiled.string
        if "POSTCOMPILE" in sql or compiled.positiontup is None:
            # An expanding parameter (IN) is rendered per execution: not for this path.
            raise ValueError("the statement is not fully compiled")
        names = tuple(compiled.positiontup)
        values = compiled.construct_params({name: None for name in given})
        processors: Mapping[str, Any] = compiled._bind_processors
        fixed: list[Any] = []
        process: list[Callable[[Any], Any] | None] = []
        for name in names:
            processor = processors.get(name)
            if name in given:
                fixed.append(_GIVEN)
                process.append(processor)
            else:
                value = values[name]
                fixed.append(processor(value) if processor else value)
                process.append(None)
        return cls(sql, names, tuple(fixed), tuple(process))

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        out = []
        for name, fixed, processor in zip(self.names, self.fixed, self.processors, strict=True):
            if fixed is _GIVEN:
                value = values[name]
                out.append(processor(value) if processor else value)
            else:
                out.append(fixed)
        return out


@asynccontextmanager
async def driver_connection(conn: AsyncConnection) -> AsyncIterator[Any]:
    """The asyncpg connection under SQLAlchemy's checkout (one pool for the whole gateway).
    SQLAlchemy does not see the driver fail: a connection that broke, or whose statement
    was cancelled mid-flight (the store deadline), is invalidated here, not put back in
    the pool as if it were fine."""
    raw: Any = await conn.get_raw_connection()
    try:
        yield raw.driver_connection
    except (Exception, asyncio.CancelledError) as exc:
        if isinstance(exc, asyncio.CancelledError) or is_connection_error(exc):
            await asyncio.shield(conn.invalidate())
        raise


async def fetch(conn: AsyncConnection, prepared: Prepared, values: Mapping[str, Any]) -> list[Any]:
    """The rows of `prepared` on the driver's connection; JSON columns decoded by the
    engine's codec (orjson)."""
    async with driver_connection(conn) as driver:
        rows: list[Any] = await driver.fetch(prepared.sql, *prepared.arguments(values))
    return rows
