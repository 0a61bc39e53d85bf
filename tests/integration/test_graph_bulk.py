"""Bulk graph writes: idempotent MERGEs, values as parameters, missing ends skipped."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from datasources.neo4j.bulk import (
    Achieves,
    BulkGraphWriter,
    ConceptNode,
    Contains,
    CourseNode,
    DocumentNode,
    ObjectiveNode,
    Prerequisite,
    Relation,
)
from datasources.neo4j.records import SourceEdge
from datasources.stores import Stores

pytestmark = pytest.mark.integration
HOSTILE = "x'}) DETACH DELETE n //"  # would break a string-built statement
CONCEPT = "MATCH (c:Concept {id: $id}) RETURN properties(c) AS c"


@pytest.fixture
async def ids(stores: Stores) -> AsyncIterator[list[uuid.UUID]]:
    made: list[uuid.UUID] = []
    yield made
    await stores.graph_writer.driver.execute_query(
        "UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n", ids=[str(i) for i in made]
    )


async def _query(stores: Stores, statement: str, **params: Any) -> list[Any]:
    records, _, _ = await stores.graph_writer.driver.execute_query(statement, params)
    return [r.data() for r in records]


async def _write_all(bulk: BulkGraphWriter, n: dict[str, uuid.UUID]) -> list[int]:
    at = datetime(2025, 1, 6, tzinfo=UTC)
    return [
        await bulk.concepts(
            [
                ConceptNode(n["a"], "Sets", HOSTILE, "beginner", "math", ("t",), at, at),
                ConceptNode(n["b"], "Functions", None, None, None, ()),
            ]
        ),
        await bulk.documents([DocumentNode(n["d"], "Notes", "textbook", "en", at)]),
        await bulk.courses([CourseNode(n["c"], "Algebra", "beginner", 12)]),
        await bulk.objectives([ObjectiveNode(n["o"], "Define a set", "remember", True)]),
        await bulk.prerequisites(
            [Prerequisite(n["a"], n["b"], True, 0.8), Prerequisite(n["a"], n["missing"], True, 1)]
        ),
        await bulk.relations([Relation(n["a"], n["b"], "similar", 0.5)]),
        await bulk.extractions([SourceEdge(n["a"], n["d"], 3, 0.9, HOSTILE)]),
        await bulk.placements([Contains(n["c"], n["a"], 1, 0, 45)]),
        await bulk.achievements([Achieves(n["c"], n["o"], 2)]),
    ]


async def test_writing_twice_leaves_the_graph_as_writing_once(
    stores: Stores, ids: list[uuid.UUID]
) -> None:
    n = {k: uuid.uuid4() for k in ("a", "b", "d", "c", "o", "missing")}
    ids.extend(n.values())
    # batch=1: every row is its own statement, so batching is exercised too.
    bulk = BulkGraphWriter(stores.graph_writer.driver, database="neo4j", timeout=30, batch=1)
    assert await _write_all(bulk, n) == [2, 1, 1, 1, 2, 1, 1, 1, 1]
    count = (
        "MATCH (x) WHERE x.id IN $ids OPTIONAL MATCH (x)-[r]->() "
        "RETURN count(DISTINCT x) AS nodes, count(r) AS edges"
    )
    first = await _query(stores, count, ids=[str(i) for i in n.values()])
    await _write_all(bulk, n)
    assert await _query(stores, count, ids=[str(i) for i in n.values()]) == first
    # 5 nodes, one edge of each of the 5 types: the one to a missing concept was skipped.
    assert first == [{"nodes": 5, "edges": 5}]

    concept = await _query(stores, CONCEPT, id=str(n["a"]))
    assert concept[0]["c"]["description"] == HOSTILE
    assert concept[0]["c"]["tags"] == ["t"]
    bare = await _query(stores, CONCEPT, id=str(n["b"]))
    assert bare[0]["c"]["created_at"] is not None and "description" not in bare[0]["c"]
    edge = await _query(
        stores,
        "MATCH (:Concept {id: $a})-[r:EXTRACTED_FROM]->(:Document {id: $d}) "
        "RETURN properties(r) AS r",
        a=str(n["a"]),
        d=str(n["d"]),
    )
    assert edge == [{"r": {"page": 3, "confidence": 0.9, "context": HOSTILE}}]
    contains = await _query(
        stores, "MATCH (:Course {id: $c})-[r:CONTAINS]->() RETURN properties(r) AS r", c=str(n["c"])
    )
    assert contains == [{"r": {"week": 1, "order": 0, "duration_minutes": 45}}]
