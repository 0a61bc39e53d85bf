"""Write the demo dataset to Neo4j: UNWIND batches, MERGE on ids (nodes) and on the
(start, end) pair (relationships), so a second run changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, LiteralString

from neo4j import AsyncDriver

from gateway.seed.data import Dataset

BATCH = 5_000

_NODES: dict[str, LiteralString] = {
    "Concept": "UNWIND $rows AS row MERGE (n:Concept {id: row.id}) SET n += row",
    "Document": "UNWIND $rows AS row MERGE (n:Document {id: row.id}) SET n += row",
    "Course": "UNWIND $rows AS row MERGE (n:Course {id: row.id}) SET n += row",
    "LearningObjective": (
        "UNWIND $rows AS row MERGE (n:LearningObjective {id: row.id}) SET n += row"
    ),
}
_EDGES: dict[str, LiteralString] = {
    "PREREQUISITE": (
        "UNWIND $rows AS row MATCH (a:Concept {id: row.a}) MATCH (b:Concept {id: row.b}) "
        "MERGE (a)-[r:PREREQUISITE]->(b) SET r += row.props"
    ),
    "RELATES_TO": (
        "UNWIND $rows AS row MATCH (a:Concept {id: row.a}) MATCH (b:Concept {id: row.b}) "
        "MERGE (a)-[r:RELATES_TO]->(b) SET r += row.props"
    ),
    "EXTRACTED_FROM": (
        "UNWIND $rows AS row MATCH (a:Concept {id: row.a}) MATCH (b:Document {id: row.b}) "
        "MERGE (a)-[r:EXTRACTED_FROM]->(b) SET r += row.props"
    ),
    "CONTAINS": (
        "UNWIND $rows AS row MATCH (a:Course {id: row.a}) MATCH (b:Concept {id: row.b}) "
        "MERGE (a)-[r:CONTAINS]->(b) SET r += row.props"
    ),
    "ACHIEVES": (
        "UNWIND $rows AS row MATCH (a:Course {id: row.a}) MATCH (b:LearningObjective {id: row.b}) "
        "MERGE (a)-[r:ACHIEVES]->(b) SET r += row.props"
    ),
}


def graph_rows(data: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Parameter rows per node label and relationship type, nodes first."""
    courses = data.courses
    return {
        "Concept": [c.graph() for c in data.concepts],
        "Document": [d.graph() for d in data.documents],
        "Course": [c.graph() for c in courses],
        "LearningObjective": [
            {
                "id": str(o.id),
                "description": o.description,
                "bloom_level": o.bloom_level,
                "measurable": o.measurable,
            }
            for c in courses
            for o in c.objectives
        ],
        "PREREQUISITE": [e.graph() for e in data.prerequisites],
        "RELATES_TO": [e.graph() for e in data.related],
        "EXTRACTED_FROM": [s.graph() for s in data.sources],
        "CONTAINS": [
            {
                "a": str(c.id),
                "b": str(p.concept.id),
                "props": {"week": p.week, "order": p.order, "duration_minutes": p.duration_minutes},
            }
            for c in courses
            for p in c.placements
        ],
        "ACHIEVES": [
            {"a": str(c.id), "b": str(o.id), "props": {"priority": o.priority}}
            for c in courses
            for o in c.objectives
        ],
    }


async def write_graph(
    driver: AsyncDriver,
    data: Dataset,
    *,
    database: str,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, int]:
    """MERGE every node and relationship, BATCH rows per statement; returns rows sent per kind."""
    sent: dict[str, int] = {}
    for kind, rows in graph_rows(data).items():
        statement = _NODES.get(kind) or _EDGES[kind]
        for batch in _batches(rows):
            await driver.execute_query(statement, rows=batch, database_=database)
        sent[kind] = len(rows)
        progress(f"{kind}: {len(rows):,}")
    return sent


def _batches(rows: Sequence[dict[str, Any]]) -> list[Sequence[dict[str, Any]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]
