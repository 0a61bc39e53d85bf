"""The demo seed is idempotent: the tiny dataset written twice leaves identical counts.

Isolation from the other tests sharing these stores:
- PostgreSQL: the session's `curriculum_test` database; the dataset's tag (`t<hex>`)
  is part of every id, username and concept title, so nothing collides; the users
  are deleted afterwards and everything else they own goes with them (ON DELETE
  CASCADE).
- Neo4j: nodes carry those tag-derived ids and are DETACH DELETEd by id afterwards.
- Vectors: pgvector in a schema of its own (`vt_seed_<hex>`), dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from neo4j import AsyncDriver, AsyncGraphDatabase

from datasources.embeddings import HashingEmbedder
from datasources.embeddings.hashing import hash_embed
from datasources.settings import Settings
from datasources.vectors import ChunkRecord, PgVectorIndex, init_connection
from gateway.seed import Targets, seed
from gateway.seed.data import SeedSpec, build_dataset
from gateway.seed.vectors import embedder_batches

pytestmark = pytest.mark.integration

SPEC = SeedSpec.for_scale(0)
EMBEDDER = HashingEmbedder()


@pytest.fixture
async def pg(test_settings: Settings, test_database: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(
        test_settings.postgres.asyncpg_dsn, min_size=1, max_size=4, init=init_connection
    )
    yield pool
    await pool.close()


@pytest.fixture
async def vectors(pg: asyncpg.Pool) -> AsyncIterator[PgVectorIndex]:
    schema = f"vt_seed_{uuid.uuid4().hex[:12]}"
    index = PgVectorIndex(pool=pg, schema=schema, timeout_seconds=60.0)
    await index.bootstrap()
    yield index
    await pg.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
async def graph(test_settings: Settings) -> AsyncIterator[AsyncDriver]:
    n = test_settings.neo4j
    driver = AsyncGraphDatabase.driver(n.uri, auth=(n.user, n.password.get_secret_value()))
    yield driver
    await driver.close()


async def _store_counts(
    pool: asyncpg.Pool, driver: AsyncDriver, database: str, index: PgVectorIndex, tag: str
) -> dict[str, int]:
    data = build_dataset(SPEC, tag=tag)
    users = [u.id for u in data.users]
    counts: dict[str, int] = {}
    for name, query in {
        "users": "SELECT count(*) FROM users WHERE id = ANY($1)",
        "documents": "SELECT count(*) FROM documents WHERE user_id = ANY($1)",
        "courses": "SELECT count(*) FROM courses WHERE user_id = ANY($1)",
        "course_documents": "SELECT count(*) FROM course_documents cd "
        "JOIN courses c ON c.id = cd.course_id WHERE c.user_id = ANY($1)",
        "knowledge_extractions": "SELECT count(*) FROM knowledge_extractions k "
        "JOIN documents d ON d.id = k.document_id WHERE d.user_id = ANY($1)",
    }.items():
        counts[name] = await pool.fetchval(query, users)
    ids = {
        "concepts": [str(c.id) for c in data.concepts],
        "courses": [str(c.id) for c in data.courses],
        "documents": [str(d.id) for d in data.documents],
    }
    graph_queries = {
        "concepts": "MATCH (n:Concept) WHERE n.id IN $concepts RETURN count(n) AS n",
        "graph_documents": "MATCH (n:Document) WHERE n.id IN $documents RETURN count(n) AS n",
        "graph_courses": "MATCH (n:Course) WHERE n.id IN $courses RETURN count(n) AS n",
        "prerequisites": "MATCH (a:Concept)-[r:PREREQUISITE]->() WHERE a.id IN $concepts "
        "RETURN count(r) AS n",
        "related": "MATCH (a:Concept)-[r:RELATES_TO]->() WHERE a.id IN $concepts "
        "RETURN count(r) AS n",
        "extracted_from": "MATCH (a:Concept)-[r:EXTRACTED_FROM]->() WHERE a.id IN $concepts "
        "RETURN count(r) AS n",
        "contains": "MATCH (a:Course)-[r:CONTAINS]->() WHERE a.id IN $courses RETURN count(r) AS n",
        "objectives": "MATCH (a:Course)-[:ACHIEVES]->(o:LearningObjective) "
        "WHERE a.id IN $courses RETURN count(DISTINCT o) AS n",
    }
    for name, query in graph_queries.items():
        records, _, _ = await driver.execute_query(query, ids, database_=database)
        counts[name] = records[0]["n"]
    for name, table in {
        "chunks": "document_chunks",
        "concept_vectors": "concept_embeddings",
        "qa": "question_answers",
    }.items():
        counts[name] = await pool.fetchval(f'SELECT count(*) FROM "{index.schema}".{table}')  # noqa: S608
    return counts


async def _cleanup(pool: asyncpg.Pool, driver: AsyncDriver, database: str, tag: str) -> None:
    data = build_dataset(SPEC, tag=tag)
    await pool.execute("DELETE FROM users WHERE id = ANY($1)", [u.id for u in data.users])
    ids = [str(c.id) for c in data.concepts] + [str(d.id) for d in data.documents]
    ids += [str(c.id) for c in data.courses]
    ids += [str(o.id) for c in data.courses for o in c.objectives]
    await driver.execute_query(
        "MATCH (n) WHERE n.id IN $ids DETACH DELETE n", ids=ids, database_=database
    )


async def test_tiny_seed_twice_leaves_the_same_counts(
    test_settings: Settings, pg: asyncpg.Pool, vectors: PgVectorIndex, graph: AsyncDriver
) -> None:
    tag = f"t{uuid.uuid4().hex[:10]}"
    database = test_settings.neo4j.database
    targets = Targets(
        postgres_dsn=test_settings.postgres.asyncpg_dsn,
        graph=graph,
        graph_database=database,
        vectors=vectors,
        embed=embedder_batches(EMBEDDER),
    )
    expected = build_dataset(SPEC, tag=tag).counts()
    try:
        first = await seed(targets, SPEC, tag=tag, log=lambda _: None)
        after_first = await _store_counts(pg, graph, database, vectors, tag)
        second = await seed(targets, SPEC, tag=tag, log=lambda _: None)
        after_second = await _store_counts(pg, graph, database, vectors, tag)
    finally:
        await _cleanup(pg, graph, database, tag)

    assert after_second == after_first
    for name in ("users", "documents", "courses", "course_documents", "knowledge_extractions"):
        assert after_first[name] == expected[name], name
    for name in ("concepts", "prerequisites", "related", "extracted_from", "contains"):
        assert after_first[name] == expected[name], name
    assert after_first["graph_documents"] == expected["documents"]
    assert after_first["graph_courses"] == expected["courses"]
    assert after_first["objectives"] == expected["objectives"]
    assert after_first["chunks"] == expected["chunks"]
    assert after_first["concept_vectors"] == expected["concepts"]
    assert after_first["qa"] == expected["qa"]
    # The second run found everything in place and rewrote nothing.
    assert set(first.passwords) == {u.username for u in build_dataset(SPEC, tag=tag).users}
    assert second.passwords == {}
    assert set(second.written["postgres"].values()) == {0}
    assert set(second.written["vectors"]["written"].values()) == {0}


async def test_tiny_dataset_is_acyclic_and_deterministic() -> None:
    a, b = build_dataset(SPEC, tag="tdet"), build_dataset(SPEC, tag="tdet")
    assert a.counts() == b.counts() and a.prerequisites == b.prerequisites
    assert [c.id for c in a.courses] == [c.id for c in b.courses]
    index = {c.id: c.index for c in a.concepts}
    assert all(index[e.source] < index[e.target] for e in a.prerequisites)
    assert len({c.id for c in a.concepts}) == len(a.concepts)


def _chunks(document_id: uuid.UUID, n: int, text: str = "bulk") -> list[ChunkRecord]:
    return [
        ChunkRecord.create(
            document_id=document_id,
            chunk_index=i,
            content=f"{text} chunk {i} about topic{i}",
            vector=hash_embed(f"{text} chunk {i} about topic{i}"),
        )
        for i in range(n)
    ]


async def _hnsw_definitions(pool: asyncpg.Pool, schema: str) -> list[Any]:
    rows = await pool.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 "
        "AND indexdef LIKE '%USING hnsw%' ORDER BY indexname",
        schema,
    )
    return [tuple(r) for r in rows]


async def test_bulk_upsert_rebuilds_the_index_and_keeps_upsert_semantics(
    pg: asyncpg.Pool, vectors: PgVectorIndex
) -> None:
    before = await _hnsw_definitions(pg, vectors.schema)
    doc = uuid.uuid4()
    first, second = _chunks(doc, 40), _chunks(doc, 40, text="newer")
    bulk = vectors.bulk_upsert(rebuild_min_rows=10)
    async with bulk:
        await bulk.add_chunks(first[:30])
        await bulk.add_chunks(first[20:] + second[:5])  # later duplicates win
    assert bulk.written == {"chunk": 40}
    assert bulk.rebuilt == ["document_chunks"]
    assert await _hnsw_definitions(pg, vectors.schema) == before  # same indexes again

    stored = (await vectors.chunks_for_documents([doc], limit=100))[doc]
    assert [c.content for c in stored] == [c.content for c in second[:5] + first[5:]]
    hits = await vectors.search(["chunk"], first[17].vector or [], limit=1)
    assert hits[0].id == first[17].id

    again = vectors.bulk_upsert(rebuild_min_rows=10)
    async with again:
        await again.add_chunks(second[:5] + first[5:])
    assert again.written == {"chunk": 0} and again.rebuilt == []

    small = vectors.bulk_upsert(rebuild_min_rows=10)
    async with small:
        await small.add_chunks(second[5:7])  # 2 of 40 rows change: no rebuild
    assert small.written == {"chunk": 2} and small.rebuilt == []


async def test_bulk_upsert_rolls_back_on_error(pg: asyncpg.Pool, vectors: PgVectorIndex) -> None:
    before = await _hnsw_definitions(pg, vectors.schema)
    with pytest.raises(RuntimeError):
        async with vectors.bulk_upsert(rebuild_min_rows=1) as bulk:
            await bulk.add_chunks(_chunks(uuid.uuid4(), 5))
            raise RuntimeError("boom")
    assert await pg.fetchval(f'SELECT count(*) FROM "{vectors.schema}".document_chunks') == 0  # noqa: S608
    assert await _hnsw_definitions(pg, vectors.schema) == before
