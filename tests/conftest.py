"""Shared fixtures for the integration and e2e tiers: real stores, isolated per run.

The tests use the dev stack's servers (`curriculum stack up`, env in .stack/stack.env)
but never the dev data: PostgreSQL gets a fresh database `curriculum_test` migrated to
head, Redis uses database 15 of both instances (flushed before every test), the vector
index uses its own namespace, and Neo4j data is created with fresh UUIDs and deleted by
id afterwards.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from redis.asyncio import Redis

from datasources.errors import UpstreamUnavailable
from datasources.settings import Settings, SettingsError
from datasources.stores import Stores, open_stores
from tests.graph_leftovers import drop_leftover_databases, forget_graph

ROOT = Path(__file__).resolve().parent.parent
TEST_DATABASE = "curriculum_test"
TEST_REDIS_DB = 15


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=path))


def _load_stack_settings() -> Settings:
    try:
        settings = Settings.load(ROOT / ".stack" / "stack.env")
    except SettingsError as exc:
        pytest.fail(f"configuration is invalid: {exc}")
    if not (ROOT / ".stack" / "stack.env").is_file() and "DATABASE_URL" not in os.environ:
        pytest.fail("no stores configured: run `make test` (it starts the dev stack first)")
    return settings


@pytest.fixture(scope="session")
def stack_settings() -> Settings:
    return _load_stack_settings()


@pytest.fixture(scope="session")
def test_settings(stack_settings: Settings) -> Settings:
    """The stack's servers with test-only databases/namespaces."""
    namespace = "Test" if stack_settings.vector_backend == "weaviate" else "vectors_test"
    return stack_settings.model_copy(
        update={
            "postgres": stack_settings.postgres.model_copy(
                update={"url": _with_path(stack_settings.postgres.url, f"/{TEST_DATABASE}")}
            ),
            "redis": stack_settings.redis.model_copy(
                update={
                    "url": _with_path(stack_settings.redis.url, f"/{TEST_REDIS_DB}"),
                    "cache_url": stack_settings.redis.cache_url
                    and _with_path(stack_settings.redis.cache_url, f"/{TEST_REDIS_DB}"),
                }
            ),
            "vector_namespace": namespace,
            "app_env": "test",
        }
    )


def _migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        command.upgrade(config, "head")
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous


@pytest.fixture(scope="session")
async def test_database(stack_settings: Settings, test_settings: Settings) -> AsyncIterator[str]:
    """A fresh `curriculum_test` database at the latest migration, once per run; at the end
    the graph its rows stand for goes, then the database (tests/graph_leftovers.py: the
    servers the e2e tests start leave theirs). A killed run never reached that end: its
    graph goes first, and so do the isolated databases killed runs left, each with its
    graph. After a finished run there is no database, and nothing is removed twice."""
    await forget_graph(test_settings)
    await drop_leftover_databases(stack_settings)
    admin = await asyncpg.connect(stack_settings.postgres.asyncpg_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEST_DATABASE}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{TEST_DATABASE}"')
    finally:
        await admin.close()
    await asyncio.to_thread(_migrate, test_settings.postgres.url)
    yield test_settings.postgres.url
    try:
        await forget_graph(test_settings)
    except UpstreamUnavailable:
        return  # the database stays, and the next run's start removes its graph
    admin = await asyncpg.connect(stack_settings.postgres.asyncpg_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TEST_DATABASE}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
async def stores(test_settings: Settings, test_database: str) -> AsyncIterator[Stores]:
    async with open_stores(test_settings) as opened:
        yield opened


@pytest.fixture
async def clean_redis(test_settings: Settings) -> AsyncIterator[None]:
    """Test Redis databases (main and cache) emptied before each test that asks for it."""
    urls = {test_settings.redis.url, test_settings.redis.cache_url or test_settings.redis.url}
    for url in urls:
        client = Redis.from_url(url)
        try:
            await client.flushdb()
        finally:
            await client.aclose()
    yield
