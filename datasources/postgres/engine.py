"""Async engine and session factory for PostgreSQL (asyncpg). Nothing connects on import."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

ASYNC_SCHEME = "postgresql+asyncpg"
STACK_ENV_FILE = Path(".stack/stack.env")


def async_url(url: str) -> str:
    """The same URL with SQLAlchemy's asyncpg dialect (postgresql:// and postgres:// too)."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("postgresql", "postgres", ASYNC_SCHEME):
        raise ValueError("DATABASE_URL must start with postgresql:// or postgresql+asyncpg://")
    return f"{ASYNC_SCHEME}://{rest}"


def database_url(env_file: Path = STACK_ENV_FILE) -> str | None:
    """DATABASE_URL from the environment, else from the dev stack's KEY=VALUE env file."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    if not env_file.is_file():
        return None
    for line in env_file.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key.strip() == "DATABASE_URL" and not key.lstrip().startswith("#"):
            return value.strip().strip("'\"") or None
    return None


def json_loads(text: str | bytes) -> Any:
    """JSON and JSONB columns as Python values, with orjson: several times faster than the
    standard library on the documents' and courses' metadata. Integers beyond 64 bits
    come back as floats, as a JavaScript client would read them anyway (and the response
    encoder, orjson too, cannot write them as integers). Text orjson refuses but the
    standard library reads (a lone surrogate escape, which a `json` column may hold)
    falls back to the standard library."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def create_engine(url: str, *, pool_size: int) -> AsyncEngine:
    """An engine with its own pool of `pool_size` asyncpg connections (opened lazily)."""
    return _create_async_engine(
        async_url(url),
        pool_size=pool_size,
        max_overflow=0,  # a hard cap: the pool size is what the database was sized for
        # The reset-on-return ROLLBACK stays on. With asyncpg it costs nothing when the
        # unit of work already committed or rolled back (the adapter skips the round trip
        # when no transaction is open), so disabling it gains no time; it only guards
        # against a connection going back to the pool mid-transaction. The measured win
        # in PERFORMANCE.md is asyncpg's own pool reset (RESET ALL, UNLISTEN, ...), which
        # SQLAlchemy's pool does not run.
        pool_reset_on_return="rollback",
        json_deserializer=json_loads,
        connect_args={"server_settings": {"application_name": "curriculum-gateway"}},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded attributes after commit (records outlive the session)."""
    return async_sessionmaker(engine, expire_on_commit=False)
