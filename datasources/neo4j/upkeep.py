"""Graph queries of the maintenance jobs (reconcile, retention): whole-graph id scans and
the guarded deletes that repair drift.

Every delete re-checks its condition in the same statement, so a node that gained a
source or a course since the scan is left alone, and a second run deletes nothing.
Concepts a person created through the API (`createConcept`) carry `curated: true` and
are never "without a source": only extracted concepts must have one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, LiteralString
from uuid import UUID

from neo4j import AsyncDriver

from datasources.errors import guarded

STORE = "neo4j"
Label = Literal["Concept", "Course", "Document", "LearningObjective"]

_IDS: dict[Label, LiteralString] = {
    "Concept": "MATCH (n:Concept) RETURN n.id AS id",
    "Course": "MATCH (n:Course) RETURN n.id AS id",
    "Document": "MATCH (n:Document) RETURN n.id AS id",
    "LearningObjective": "MATCH (n:LearningObjective) RETURN n.id AS id",
}
_SOURCELESS: LiteralString = (
    "(c:Concept) WHERE NOT EXISTS { (c)-[:EXTRACTED_FROM]->(:Document) } "
    "AND coalesce(c.curated, false) = false"
)
CONCEPTS_WITHOUT_SOURCE: LiteralString = "MATCH " + _SOURCELESS + " RETURN c.id AS id"
DELETE_CONCEPTS_WITHOUT_SOURCE: LiteralString = (
    "UNWIND $ids AS id MATCH " + _SOURCELESS + " AND c.id = id DETACH DELETE c RETURN id"
)
OBJECTIVES_WITHOUT_COURSE: LiteralString = (
    "MATCH (o:LearningObjective) WHERE NOT EXISTS { (:Course)-[:ACHIEVES]->(o) } RETURN o.id AS id"
)
DELETE_OBJECTIVES_WITHOUT_COURSE: LiteralString = (
    "UNWIND $ids AS id MATCH (o:LearningObjective {id: id}) "
    "WHERE NOT EXISTS { (:Course)-[:ACHIEVES]->(o) } DETACH DELETE o RETURN id"
)
# The course's own objectives go with it when no other course achieves them.
DELETE_COURSES: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Course {id: id}) "
    "OPTIONAL MATCH (c)-[:ACHIEVES]->(o:LearningObjective) "
    "WHERE NOT EXISTS { (other:Course)-[:ACHIEVES]->(o) WHERE other <> c } "
    "DETACH DELETE o WITH DISTINCT c, id DETACH DELETE c RETURN id"
)


def _ids(rows: Sequence[object]) -> list[UUID]:
    out = []
    for row in rows:
        raw = row["id"]  # type: ignore[index]
        try:
            out.append(UUID(str(raw)))
        except ValueError:
            continue  # not one of ours (no UUID id): never touched
    return out


class GraphUpkeep:
    def __init__(self, driver: AsyncDriver, *, database: str, timeout: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def _run(self, query: LiteralString, **params: object) -> list[UUID]:
        records, _, _ = await self.driver.execute_query(query, params, database_=self.database)
        return _ids(records)

    @guarded(STORE)
    async def ids(self, label: Label) -> set[UUID]:
        return set(await self._run(_IDS[label]))

    @guarded(STORE)
    async def concepts_without_source(self) -> list[UUID]:
        return await self._run(CONCEPTS_WITHOUT_SOURCE)

    @guarded(STORE)
    async def objectives_without_course(self) -> list[UUID]:
        return await self._run(OBJECTIVES_WITHOUT_COURSE)

    @guarded(STORE)
    async def delete_concepts_without_source(self, ids: Sequence[UUID]) -> list[UUID]:
        return await self._run(DELETE_CONCEPTS_WITHOUT_SOURCE, ids=[str(i) for i in ids])

    @guarded(STORE)
    async def delete_objectives_without_course(self, ids: Sequence[UUID]) -> list[UUID]:
        return await self._run(DELETE_OBJECTIVES_WITHOUT_COURSE, ids=[str(i) for i in ids])

    @guarded(STORE)
    async def delete_courses(self, ids: Sequence[UUID]) -> list[UUID]:
        return await self._run(DELETE_COURSES, ids=[str(i) for i in ids])
