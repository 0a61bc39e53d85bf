"""Writes to the knowledge graph. Every write is idempotent (MERGE on ids)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString
from uuid import UUID

from neo4j import AsyncDriver

from datasources.errors import guarded
from datasources.neo4j.document_queries import LOCK
from datasources.neo4j.records import ConceptRecord, concept_from_node

STORE = "neo4j"


@dataclass(frozen=True, slots=True)
class ConceptInput:
    id: UUID
    title: str
    description: str | None
    difficulty: str | None
    category: str | None
    tags: tuple[str, ...]


class GraphCycleError(ValueError):
    """Adding the edge would make a concept (transitively) its own mandatory prerequisite."""


class GraphWriter:
    def __init__(self, driver: AsyncDriver, *, database: str, timeout: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def _write(self, query: LiteralString, **params: Any) -> list[Any]:
        records, _, _ = await self.driver.execute_query(query, params, database_=self.database)
        return records

    @guarded(STORE)
    async def upsert_concepts(self, concepts: Sequence[ConceptInput]) -> list[ConceptRecord]:
        rows = await self._write(
            "UNWIND $rows AS row MERGE (c:Concept {id: row.id}) "
            # curated: made by a person, so it needs no source document (upkeep.py).
            "ON CREATE SET c.created_at = datetime(), c.curated = true "
            "SET c.title = row.title, c.description = row.description, "
            "c.difficulty = row.difficulty, c.category = row.category, c.tags = row.tags, "
            "c.updated_at = datetime() RETURN c",
            rows=[
                {
                    "id": str(c.id),
                    "title": c.title,
                    "description": c.description,
                    "difficulty": c.difficulty,
                    "category": c.category,
                    "tags": list(c.tags),
                }
                for c in concepts
            ],
        )
        return [concept_from_node(row["c"]) for row in rows]

    @guarded(STORE)
    async def delete_concept(self, concept_id: UUID) -> bool:
        rows = await self._write(
            "MATCH (c:Concept {id: $id}) DETACH DELETE c RETURN count(*) AS n",
            id=str(concept_id),
        )
        return bool(rows and rows[0]["n"])

    @guarded(STORE)
    async def add_prerequisite(
        self, *, prerequisite_id: UUID, concept_id: UUID, mandatory: bool, weight: float
    ) -> bool:
        """(prerequisite)-[:PREREQUISITE]->(concept). False when either node is missing.

        The cycle check and the write run in one transaction, so two concurrent edits
        cannot together close a mandatory cycle that neither would alone.
        """
        async with self.driver.session(database=self.database) as session:
            return await session.execute_write(
                _add_prerequisite_tx,
                str(prerequisite_id),
                str(concept_id),
                mandatory,
                weight,
            )

    @guarded(STORE)
    async def remove_prerequisite(self, *, prerequisite_id: UUID, concept_id: UUID) -> bool:
        rows = await self._write(
            "MATCH (:Concept {id: $p})-[r:PREREQUISITE]->(:Concept {id: $c}) "
            "DELETE r RETURN count(*) AS n",
            p=str(prerequisite_id),
            c=str(concept_id),
        )
        return bool(rows and rows[0]["n"])

    @guarded(STORE)
    async def add_related(
        self, *, source_id: UUID, target_id: UUID, relation_type: str, strength: float
    ) -> bool:
        rows = await self._write(
            "MATCH (a:Concept {id: $a}), (b:Concept {id: $b}) "
            "MERGE (a)-[r:RELATES_TO]->(b) SET r.type = $type, r.strength = $strength "
            "RETURN count(r) AS n",
            a=str(source_id),
            b=str(target_id),
            type=relation_type,
            strength=strength,
        )
        return bool(rows and rows[0]["n"])

    @guarded(STORE)
    async def remove_related(self, *, source_id: UUID, target_id: UUID) -> bool:
        rows = await self._write(
            "MATCH (:Concept {id: $a})-[r:RELATES_TO]-(:Concept {id: $b}) "
            "DELETE r RETURN count(*) AS n",
            a=str(source_id),
            b=str(target_id),
        )
        return bool(rows and rows[0]["n"])

    @guarded(STORE)
    async def upsert_course(
        self, *, course_id: UUID, title: str, difficulty: str | None, duration_hours: int | None
    ) -> None:
        await self._write(
            "MERGE (c:Course {id: $id}) ON CREATE SET c.created_at = datetime() "
            "SET c.title = $title, c.difficulty = $difficulty, c.duration_hours = $hours",
            id=str(course_id),
            title=title,
            difficulty=difficulty,
            hours=duration_hours,
        )

    @guarded(STORE)
    async def delete_course(self, course_id: UUID) -> None:
        """The course node and objectives no other course achieves."""
        await self._write(
            "MATCH (c:Course {id: $id}) "
            "OPTIONAL MATCH (c)-[:ACHIEVES]->(o:LearningObjective) "
            "WHERE NOT EXISTS { MATCH (other:Course)-[:ACHIEVES]->(o) WHERE other <> c } "
            "DETACH DELETE c, o",
            id=str(course_id),
        )

    @guarded(STORE)
    async def set_course_concepts(
        self, *, course_id: UUID, placements: Sequence[tuple[UUID, int, int, int]]
    ) -> None:
        """Replace CONTAINS edges with (concept, week, order, duration_minutes) rows."""
        await self._write(
            "MATCH (c:Course {id: $id}) OPTIONAL MATCH (c)-[old:CONTAINS]->() DELETE old "
            "WITH DISTINCT c UNWIND $rows AS row MATCH (k:Concept {id: row.concept}) "
            "MERGE (c)-[r:CONTAINS]->(k) "
            "SET r.week = row.week, r.order = row.order, r.duration_minutes = row.minutes",
            id=str(course_id),
            rows=[
                {"concept": str(k), "week": w, "order": o, "minutes": m}
                for k, w, o, m in placements
            ],
        )

    @guarded(STORE)
    async def add_objective(
        self,
        *,
        course_id: UUID,
        objective_id: UUID,
        description: str,
        bloom_level: str,
        measurable: bool,
        priority: int,
    ) -> bool:
        rows = await self._write(
            "MATCH (c:Course {id: $course}) "
            "MERGE (o:LearningObjective {id: $id}) "
            "SET o.description = $description, o.bloom_level = $bloom, o.measurable = $measurable "
            "MERGE (c)-[r:ACHIEVES]->(o) SET r.priority = $priority RETURN count(r) AS n",
            course=str(course_id),
            id=str(objective_id),
            description=description,
            bloom=bloom_level,
            measurable=measurable,
            priority=priority,
        )
        return bool(rows and rows[0]["n"])

    @guarded(STORE)
    async def remove_objective(self, *, course_id: UUID, objective_id: UUID) -> bool:
        rows = await self._write(
            "MATCH (c:Course {id: $course})-[r:ACHIEVES]->(o:LearningObjective {id: $id}) "
            "DELETE r WITH o, count(*) AS n "
            "CALL (o) { WITH o WHERE NOT EXISTS { MATCH (:Course)-[:ACHIEVES]->(o) } "
            "DELETE o } RETURN n",
            course=str(course_id),
            id=str(objective_id),
        )
        return bool(rows and rows[0]["n"])


async def _add_prerequisite_tx(
    tx: Any, prerequisite: str, concept: str, mandatory: bool, weight: float
) -> bool:
    if prerequisite == concept:
        raise GraphCycleError("a concept cannot be its own prerequisite")
    # One edge-adding transaction at a time (jobs too): the check below then sees every
    # edge committed before it (datasources/neo4j/documents.py).
    await tx.run(LOCK)
    if mandatory:
        result = await tx.run(
            # shortestPath evaluates the all() predicate during the search, so this
            # stops at the first mandatory path instead of enumerating every path.
            "MATCH (c:Concept {id: $c}), (p:Concept {id: $p}) "
            "OPTIONAL MATCH path = shortestPath((c)-[:PREREQUISITE*1..]->(p)) "
            "WHERE all(r IN relationships(path) WHERE r.mandatory) "
            "RETURN path IS NOT NULL AS cycle",
            c=concept,
            p=prerequisite,
        )
        record = await result.single()
        if record is not None and record["cycle"]:
            raise GraphCycleError(
                "this mandatory prerequisite would create a cycle: the concept is already "
                "a (mandatory, transitive) prerequisite of its prerequisite"
            )
    result = await tx.run(
        "MATCH (p:Concept {id: $p}), (c:Concept {id: $c}) "
        "MERGE (p)-[r:PREREQUISITE]->(c) SET r.mandatory = $mandatory, r.weight = $weight "
        "RETURN count(r) AS n",
        p=prerequisite,
        c=concept,
        mandatory=mandatory,
        weight=weight,
    )
    record = await result.single()
    return bool(record and record["n"])
