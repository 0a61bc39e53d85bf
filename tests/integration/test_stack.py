"""The running dev stack (`curriculum stack up`): every store it started runs and answers.

Reads the env file of the running stack (STACK_DIR, default .stack/stack.env) and talks to
the real servers; nothing is mocked. Stores configured externally (their URL variable set
in the environment) are only expected to answer.
"""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import time

import asyncpg
import httpx
import pytest
from neo4j import GraphDatabase
from redis import Redis
from redis.exceptions import AuthenticationError

from gateway.stack import envfile, manager, status
from gateway.stack.paths import StackPaths

pytestmark = pytest.mark.integration

PATHS = StackPaths.from_env()
KEYS = {
    "postgres": ("DATABASE_URL",),
    "redis": ("REDIS_URL",),
    "redis_cache": ("REDIS_CACHE_URL",),
    "neo4j": ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"),
    "weaviate": ("WEAVIATE_URL", "WEAVIATE_GRPC_URL", "WEAVIATE_BACKUP_PATH"),
}


@pytest.fixture(scope="module")
def stack_env() -> dict[str, str]:
    if not PATHS.env_file.is_file():
        pytest.fail(f"no {PATHS.env_file}: run `curriculum stack up` first")
    return envfile.read(PATHS.env_file)


def started(stack_env: dict[str, str]) -> list[str]:
    return [name for name, keys in KEYS.items() if keys[0] in stack_env]


def test_env_file_is_private_and_has_only_known_keys(stack_env: dict[str, str]) -> None:
    assert stat.S_IMODE(PATHS.env_file.stat().st_mode) == 0o600
    allowed = {key for keys in KEYS.values() for key in keys}
    assert set(stack_env) <= allowed
    for name in started(stack_env):
        assert set(KEYS[name]) <= set(stack_env), f"{name}: incomplete keys"


def test_status_reports_each_started_store_running_and_answering(
    stack_env: dict[str, str],
) -> None:
    rows = {row.name: row for row in status()}
    for name in started(stack_env):
        row = rows[name]
        # a shell that sourced our env file holds our own stores' values: still ours
        configured = {k: os.environ[k] for k in KEYS[name] if k in os.environ}
        ours = configured.items() <= stack_env.items()
        expected = "external" if KEYS[name][0] in os.environ and not ours else "running"
        assert row.state == expected, f"{name}: {row}"
        assert row.answering, f"{name}: {row.check}"
        if expected == "running":
            assert row.pid and row.url and "***" not in stack_env[KEYS[name][0]]


def test_second_up_reuses_the_running_stores(stack_env: dict[str, str]) -> None:
    began = time.monotonic()
    env = manager.up(with_weaviate="WEAVIATE_URL" in stack_env)
    assert time.monotonic() - began < 20
    assert env == stack_env
    assert envfile.read(PATHS.env_file) == stack_env


async def test_postgres_is_18_with_pgvector_available(stack_env: dict[str, str]) -> None:
    if "DATABASE_URL" not in stack_env:
        pytest.skip("PostgreSQL is external")
    conn = await asyncpg.connect(stack_env["DATABASE_URL"])
    try:
        assert conn.get_server_version().major >= 18
        assert await conn.fetchval("SELECT current_database()") == "curriculum_db"
        assert (
            await conn.fetchval(
                "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                "WHERE datname = current_database()"
            )
            == "UTF8"
        )
        assert (
            await conn.fetchval(
                "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'"
            )
            == 1
        )
    finally:
        await conn.close()


def test_redis_is_durable_and_needs_the_password(stack_env: dict[str, str]) -> None:
    if "REDIS_URL" not in stack_env:
        pytest.skip("Redis is external")
    with Redis.from_url(stack_env["REDIS_URL"], decode_responses=True) as client:
        assert client.ping()
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("save") == {"save": "900 1 300 10 60 10000"}
        # Sessions and the job queue are never evicted (docs/operations.md).
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    anonymous = stack_env["REDIS_URL"].split("@", 1)[1]
    with Redis.from_url(f"redis://{anonymous}") as client, pytest.raises(AuthenticationError):
        client.ping()


def test_the_cache_redis_evicts_lru_and_keeps_nothing_on_disk(stack_env: dict[str, str]) -> None:
    if "REDIS_CACHE_URL" not in stack_env:
        pytest.skip("the cache Redis is external or not configured")
    with Redis.from_url(stack_env["REDIS_CACHE_URL"], decode_responses=True) as client:
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
        assert int(client.config_get("maxmemory")["maxmemory"]) > 0
        assert client.config_get("appendonly") == {"appendonly": "no"}
        assert client.config_get("save") == {"save": ""}


async def test_postgres_archives_wal(stack_env: dict[str, str]) -> None:
    if "DATABASE_URL" not in stack_env:
        pytest.skip("PostgreSQL is external")
    conn = await asyncpg.connect(stack_env["DATABASE_URL"])
    try:
        assert await conn.fetchval("SHOW archive_mode") == "on"
        segment = await conn.fetchval("SELECT pg_walfile_name(pg_switch_wal())")
        deadline = time.monotonic() + 60
        while (
            await conn.fetchval("SELECT last_archived_wal FROM pg_stat_archiver") or ""
        ) < segment:
            assert time.monotonic() < deadline, "the WAL segment was not archived"
            await asyncio.sleep(0.5)
    finally:
        await conn.close()
    assert (PATHS.state / "wal-archive" / segment).is_file()


def test_neo4j_is_526_community(stack_env: dict[str, str]) -> None:
    if "NEO4J_URI" not in stack_env:
        pytest.skip("Neo4j is external")
    auth = (stack_env["NEO4J_USER"], stack_env["NEO4J_PASSWORD"])
    with GraphDatabase.driver(stack_env["NEO4J_URI"], auth=auth) as driver, driver.session() as s:
        row = s.run("CALL dbms.components() YIELD versions, edition").single()
    assert row is not None
    assert row["versions"][0].startswith("5.26") and row["edition"] == "community"


def test_weaviate_answers_http_and_grpc(stack_env: dict[str, str]) -> None:
    if "WEAVIATE_URL" not in stack_env:
        pytest.skip("Weaviate was not started (`stack up --with-weaviate`)")
    meta = httpx.get(f"{stack_env['WEAVIATE_URL']}/v1/meta", timeout=5).json()
    assert meta["version"] == "1.35.2"
    assert _grpc_answers(stack_env["WEAVIATE_GRPC_URL"])


def _grpc_answers(url: str) -> bool:
    """Send an HTTP/2 connection preface: a gRPC server answers with a SETTINGS frame."""
    parsed = httpx.URL(url)
    preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
    empty_settings = b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
    with socket.create_connection((parsed.host, parsed.port or 80), timeout=5) as sock:
        sock.sendall(preface + empty_settings)
        header = sock.recv(9)
    return len(header) == 9 and header[3] == 0x04
