"""A test database's graph leaves with it (tests/graph_leftovers.py), on the real stores.

The databases here hold only the two tables `forget_graph` reads (ids of documents and
courses): what the rows stand for in Neo4j is what is checked.
"""

from __future__ import annotations

import secrets
import uuid
from uuid import UUID

import asyncpg
import pytest

from datasources.settings import Settings
from datasources.stores import Stores
from tests.graph_leftovers import (
    ISOLATED_PREFIX,
    drop_leftover_databases,
    forget_graph,
    isolated_name,
    with_database,
)
from tests.processes import ended_pid

pytestmark = pytest.mark.integration


async def _database(stack: Settings, name: str, document: UUID, course: UUID) -> Settings:
    admin = await asyncpg.connect(stack.postgres.asyncpg_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    settings = with_database(stack, name)
    rows = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    try:
        await rows.execute("CREATE TABLE documents (id uuid); CREATE TABLE courses (id uuid)")
        await rows.execute("INSERT INTO documents VALUES ($1)", document)
        await rows.execute("INSERT INTO courses VALUES ($1)", course)
    finally:
        await rows.close()
    return settings


async def _graph(stores: Stores, query: str, **params: str) -> list[dict[str, str]]:
    async with stores.graph.driver.session(database=stores.graph.database) as session:
        result = await session.run(query, **params)
        return [dict(r) async for r in result]


async def _plant(stores: Stores, document: UUID, course: UUID, concept: UUID) -> None:
    await _graph(
        stores,
        "CREATE (:Concept {id: $k, title: 'Leftover'})-[:EXTRACTED_FROM]->(:Document {id: $d}), "
        "(:Course {id: $c})",
        k=str(concept),
        d=str(document),
        c=str(course),
    )


async def _present(stores: Stores, *ids: UUID) -> set[str]:
    found = await _graph(
        stores,
        "MATCH (n) WHERE (n:Document OR n:Course OR n:Concept) AND n.id IN $ids RETURN n.id AS id",
        ids=[str(i) for i in ids],
    )
    return {r["id"] for r in found}


async def _exists(stack: Settings, name: str) -> bool:
    admin = await asyncpg.connect(stack.postgres.asyncpg_dsn)
    try:
        return bool(await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await admin.close()


async def test_a_killed_runs_database_goes_with_its_graph_and_a_live_one_stays(
    stack_settings: Settings, stores: Stores
) -> None:
    dead = f"{ISOLATED_PREFIX}{ended_pid()}_{secrets.token_hex(4)}"
    live = isolated_name(secrets.token_hex(4))
    ids = {name: (uuid.uuid4(), uuid.uuid4(), uuid.uuid4()) for name in (dead, live)}
    for name, (document, course, concept) in ids.items():
        await _database(stack_settings, name, document, course)
        await _plant(stores, document, course, concept)
    try:
        dropped = await drop_leftover_databases(stack_settings)
        assert dead in dropped and live not in dropped
        assert not await _exists(stack_settings, dead)
        assert await _present(stores, *ids[dead]) == set()
        # another run's database (this process is alive) and its graph are left alone
        assert await _exists(stack_settings, live)
        assert await _present(stores, *ids[live]) == {str(i) for i in ids[live]}
        # its own run removes them: the document, the concept it alone supported, the course
        counts = await forget_graph(with_database(stack_settings, live))
        assert counts == {"documents": 1, "courses": 1}
        assert await _present(stores, *ids[live]) == set()
    finally:
        admin = await asyncpg.connect(stack_settings.postgres.asyncpg_dsn)
        try:
            for name in ids:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
        await _graph(
            stores,
            "MATCH (n) WHERE n.id IN $ids DETACH DELETE n",
            ids=[str(i) for v in ids.values() for i in v],
        )


async def test_a_database_that_is_gone_holds_no_graph(stack_settings: Settings) -> None:
    missing = with_database(stack_settings, f"{ISOLATED_PREFIX}0_{secrets.token_hex(4)}")
    assert await forget_graph(missing) == {"documents": 0, "courses": 0}
