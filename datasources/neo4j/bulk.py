"""Bulk graph writes: UNWIND batches of typed rows, for the seed and the background jobs.

Nodes MERGE on their id and relationships on their (start, end) pair, and every value
travels as a parameter, so writing the same rows twice leaves the graph as writing them
once. A relationship whose end node does not exist is skipped (MATCH, not MERGE, on
the ends): a job writes nodes first. No cycle check runs here: rows come from a
pipeline that already made its mandatory PREREQUISITE edges acyclic (GraphWriter's
single-edge write is the checked one). Property names follow SEED-SCHEMA.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString, TypeVar
from uuid import UUID

from neo4j import AsyncDriver

from datasources.errors import guard
from datasources.neo4j.records import SourceEdge

STORE = "neo4j"
BATCH = 5_000
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ConceptNode:
    id: UUID
    title: str
    description: str | None
    difficulty: str | None
    category: str | None
    tags: Sequence[str]
    created_at: datetime | None = None  # None: now, when the node is created
    updated_at: datetime | None = None  # None: now


@dataclass(frozen=True, slots=True)
class DocumentNode:
    id: UUID  # the PostgreSQL documents.id
    title: str
    type: str | None  # textbook | paper | slides
    language: str | None
    created_at: datetime | None = None  # None: now, when the node is created


@dataclass(frozen=True, slots=True)
class CourseNode:
    id: UUID  # the PostgreSQL courses.id
    title: str
    difficulty: str | None
    duration_hours: int | None
    created_at: datetime | None = None  # None: now, when the node is created


@dataclass(frozen=True, slots=True)
class ObjectiveNode:
    id: UUID
    description: str
    bloom_level: str | None
    measurable: bool


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """(prerequisite)-[:PREREQUISITE {mandatory, weight}]->(concept)."""

    prerequisite_id: UUID
    concept_id: UUID
    mandatory: bool
    weight: float


@dataclass(frozen=True, slots=True)
class Relation:
    """(source)-[:RELATES_TO {type, strength}]->(target)."""

    source_id: UUID
    target_id: UUID
    type: str | None
    strength: float | None


@dataclass(frozen=True, slots=True)
class Contains:
    """(course)-[:CONTAINS {week, order, duration_minutes}]->(concept)."""

    course_id: UUID
    concept_id: UUID
    week: int | None
    order: int | None
    duration_minutes: int | None


@dataclass(frozen=True, slots=True)
class Achieves:
    """(course)-[:ACHIEVES {priority}]->(objective)."""

    course_id: UUID
    objective_id: UUID
    priority: int | None


def _edge(start: LiteralString, end: LiteralString, kind: LiteralString) -> LiteralString:
    return (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.a}}) MATCH (b:{end} {{id: row.b}}) "
        f"MERGE (a)-[r:{kind}]->(b) SET r += row.props"
    )


CONCEPTS: LiteralString = (
    "UNWIND $rows AS row MERGE (n:Concept {id: row.id}) "
    "ON CREATE SET n.created_at = coalesce(row.created_at, datetime()) "
    "SET n.title = row.title, n.description = row.description, "
    "n.difficulty = row.difficulty, n.category = row.category, n.tags = row.tags, "
    "n.updated_at = coalesce(row.updated_at, datetime())"
)
DOCUMENTS: LiteralString = (
    "UNWIND $rows AS row MERGE (n:Document {id: row.id}) "
    "ON CREATE SET n.created_at = coalesce(row.created_at, datetime()) "
    "SET n.title = row.title, n.type = row.type, n.language = row.language"
)
COURSES: LiteralString = (
    "UNWIND $rows AS row MERGE (n:Course {id: row.id}) "
    "ON CREATE SET n.created_at = coalesce(row.created_at, datetime()) "
    "SET n.title = row.title, n.difficulty = row.difficulty, "
    "n.duration_hours = row.duration_hours"
)
OBJECTIVES: LiteralString = (
    "UNWIND $rows AS row MERGE (n:LearningObjective {id: row.id}) "
    "SET n.description = row.description, n.bloom_level = row.bloom_level, "
    "n.measurable = row.measurable"
)
PREREQUISITES = _edge("Concept", "Concept", "PREREQUISITE")
RELATIONS = _edge("Concept", "Concept", "RELATES_TO")
EXTRACTIONS = _edge("Concept", "Document", "EXTRACTED_FROM")
PLACEMENTS = _edge("Course", "Concept", "CONTAINS")
ACHIEVEMENTS = _edge("Course", "LearningObjective", "ACHIEVES")


def concept_row(c: ConceptNode) -> dict[str, Any]:
    """A Concept node's properties as statement parameters (ids as strings)."""
    return {
        "id": str(c.id),
        "title": c.title,
        "description": c.description,
        "difficulty": c.difficulty,
        "category": c.category,
        "tags": list(c.tags),
    }


def _created(row: Any) -> dict[str, Any]:
    return {"id": str(row.id), "created_at": row.created_at}


class BulkGraphWriter:
    """Each method writes its rows in batches of `batch` and returns how many it sent."""

    def __init__(
        self, driver: AsyncDriver, *, database: str, timeout: float, batch: int = BATCH
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout  # per batch
        self.batch = batch

    async def _run(
        self, statement: LiteralString, rows: Sequence[R], row: Callable[[R], dict[str, Any]]
    ) -> int:
        for start in range(0, len(rows), self.batch):
            params = [row(r) for r in rows[start : start + self.batch]]
            await guard(
                STORE,
                self.driver.execute_query(statement, rows=params, database_=self.database),
                seconds=self.timeout,
            )
        return len(rows)

    async def concepts(self, rows: Sequence[ConceptNode]) -> int:
        return await self._run(
            CONCEPTS,
            rows,
            lambda c: {**concept_row(c), **_created(c), "updated_at": c.updated_at},
        )

    async def documents(self, rows: Sequence[DocumentNode]) -> int:
        return await self._run(
            DOCUMENTS,
            rows,
            lambda d: {**_created(d), "title": d.title, "type": d.type, "language": d.language},
        )

    async def courses(self, rows: Sequence[CourseNode]) -> int:
        return await self._run(
            COURSES,
            rows,
            lambda c: {
                **_created(c),
                "title": c.title,
                "difficulty": c.difficulty,
                "duration_hours": c.duration_hours,
            },
        )

    async def objectives(self, rows: Sequence[ObjectiveNode]) -> int:
        return await self._run(
            OBJECTIVES,
            rows,
            lambda o: {
                "id": str(o.id),
                "description": o.description,
                "bloom_level": o.bloom_level,
                "measurable": o.measurable,
            },
        )

    async def prerequisites(self, rows: Sequence[Prerequisite]) -> int:
        return await self._run(
            PREREQUISITES,
            rows,
            lambda e: {
                "a": str(e.prerequisite_id),
                "b": str(e.concept_id),
                "props": {"mandatory": e.mandatory, "weight": e.weight},
            },
        )

    async def relations(self, rows: Sequence[Relation]) -> int:
        return await self._run(
            RELATIONS,
            rows,
            lambda e: {
                "a": str(e.source_id),
                "b": str(e.target_id),
                "props": {"type": e.type, "strength": e.strength},
            },
        )

    async def extractions(self, rows: Sequence[SourceEdge]) -> int:
        """(concept)-[:EXTRACTED_FROM]->(document), the edge the readers return too."""
        return await self._run(
            EXTRACTIONS,
            rows,
            lambda e: {
                "a": str(e.concept_id),
                "b": str(e.document_id),
                "props": {"page": e.page, "confidence": e.confidence, "context": e.context},
            },
        )

    async def placements(self, rows: Sequence[Contains]) -> int:
        return await self._run(
            PLACEMENTS,
            rows,
            lambda e: {
                "a": str(e.course_id),
                "b": str(e.concept_id),
                "props": {
                    "week": e.week,
                    "order": e.order,
                    "duration_minutes": e.duration_minutes,
                },
            },
        )

    async def achievements(self, rows: Sequence[Achieves]) -> int:
        return await self._run(
            ACHIEVEMENTS,
            rows,
            lambda e: {
                "a": str(e.course_id),
                "b": str(e.objective_id),
                "props": {"priority": e.priority},
            },
        )
