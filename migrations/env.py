"""Alembic environment: async (asyncpg) engine, `public` schema only.

Autogenerate compares only the tables of `public` that the models describe: the
vector index keeps its own tables in the `vectors` schema (created by other code),
the two views are plain SQL in migration 0001, and the monthly partitions of
audit_logs are created at run time by ensure_audit_log_partitions().
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig
from pathlib import Path
from typing import Any

from alembic import context
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from datasources.postgres.engine import STACK_ENV_FILE, async_url, database_url
from datasources.postgres.models import Base

config = context.config
if config.config_file_name and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = Base.metadata

SCHEMA = "public"
VIEWS = frozenset({"active_courses_view", "document_processing_stats_view"})
_PARTITIONS = text(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relispartition AND n.nspname = :schema"
)


def _find_url() -> str | None:
    """Set by the caller (tests, CLI) > DATABASE_URL > the dev stack's env file."""
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if url:
        return str(url)
    ini = config.config_file_name
    root = Path(ini).resolve().parent if ini else Path()
    return database_url(root / STACK_ENV_FILE)


def _url() -> str:
    url = _find_url()
    if not url:
        raise RuntimeError(
            "no database: set DATABASE_URL or start the dev stack (python -m gateway.stack up)"
        )
    return async_url(url)


def _filters(partitions: frozenset[str]) -> dict[str, Any]:
    def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
        if type_ == "schema":
            return name in (None, SCHEMA)
        if type_ == "table":
            return name not in VIEWS and name not in partitions
        return True

    def include_object(obj: Any, name: str | None, type_: str, reflected: bool, other: Any) -> bool:
        if type_ == "table":
            return obj.schema in (None, SCHEMA) and name not in VIEWS and name not in partitions
        return True

    return {"include_name": include_name, "include_object": include_object}


def _configure(connection: Connection) -> None:
    partitions = frozenset(connection.execute(_PARTITIONS, {"schema": SCHEMA}).scalars())
    connection.commit()  # end the autobegun transaction so alembic's own one commits
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=True,
        **_filters(partitions),
    )


def _run(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


def run_migrations_offline() -> None:
    """`alembic upgrade head --sql`: emit the SQL instead of running it."""
    url = _find_url()  # no database needed to print SQL
    context.configure(
        url=async_url(url) if url else None,
        dialect_name=None if url else "postgresql",
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # a caller's sync connection (e.g. inside run_sync)
        _run(connection)
    else:
        asyncio.run(_run_online())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
