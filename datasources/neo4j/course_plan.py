"""A generated course's graph, written in ONE Neo4j transaction.

The Course node; its CONTAINS edges replaced by the plan's; its planner objectives
replaced: the ACHIEVES edges of the previous plan's objectives that the new plan does
not keep are removed (and such an objective node too, unless another course still
achieves it), then the new objectives are MERGEd with their ACHIEVES {priority}.
Objectives a teacher added by hand (addLearningObjective) are not the planner's and
stay. Every value is a parameter; running the same plan twice changes nothing.

A concept deleted between the job's read and this write would silently lose its
CONTAINS edge; the write counts the edges it made and raises GraphChanged instead,
which rolls the transaction back (the job reads the graph again and retries).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString
from uuid import UUID

from neo4j import AsyncDriver

from datasources.errors import guard
from datasources.neo4j.bulk import Achieves, Contains, CourseNode, ObjectiveNode

STORE = "neo4j"

COURSE: LiteralString = (
    "MERGE (c:Course {id: $id}) ON CREATE SET c.created_at = datetime() "
    "SET c.title = $title, c.difficulty = $difficulty, c.duration_hours = $hours"
)
DROP_CONTAINS: LiteralString = "MATCH (:Course {id: $id})-[r:CONTAINS]->() DELETE r"
CONTAINS: LiteralString = (
    "MATCH (c:Course {id: $id}) UNWIND $rows AS row MATCH (k:Concept {id: row.concept}) "
    "MERGE (c)-[r:CONTAINS]->(k) "
    "SET r.week = row.week, r.order = row.order, r.duration_minutes = row.minutes "
    "RETURN count(r) AS n"
)
DROP_OBJECTIVES: LiteralString = (
    "MATCH (c:Course {id: $id})-[r:ACHIEVES]->(o:LearningObjective) WHERE o.id IN $drop "
    "DELETE r WITH DISTINCT o "
    "WHERE NOT EXISTS { MATCH (:Course)-[:ACHIEVES]->(o) } DELETE o"
)
OBJECTIVES: LiteralString = (
    "MATCH (c:Course {id: $id}) UNWIND $rows AS row "
    "MERGE (o:LearningObjective {id: row.id}) "
    "SET o.description = row.description, o.bloom_level = row.bloom_level, "
    "o.measurable = row.measurable "
    "MERGE (c)-[r:ACHIEVES]->(o) SET r.priority = row.priority"
)


class GraphChanged(Exception):
    """The graph changed under the job (a planned concept is gone): read it again."""


@dataclass(frozen=True, slots=True)
class CourseGraph:
    course: CourseNode
    placements: Sequence[Contains]
    objectives: Sequence[ObjectiveNode]
    achievements: Sequence[Achieves]
    dropped_objectives: Sequence[UUID]  # the previous plan's objectives not kept


async def _write(tx: Any, plan: CourseGraph) -> None:
    course_id = str(plan.course.id)
    await tx.run(
        COURSE,
        id=course_id,
        title=plan.course.title,
        difficulty=plan.course.difficulty,
        hours=plan.course.duration_hours,
    )
    await tx.run(DROP_CONTAINS, id=course_id)
    rows = [
        {
            "concept": str(p.concept_id),
            "week": p.week,
            "order": p.order,
            "minutes": p.duration_minutes,
        }
        for p in plan.placements
    ]
    record = await (await tx.run(CONTAINS, id=course_id, rows=rows)).single()
    made = int(record["n"]) if record is not None else 0
    if made != len(rows):
        raise GraphChanged(
            f"{len(rows) - made} of the course's {len(rows)} concepts are no longer in the graph"
        )
    await tx.run(DROP_OBJECTIVES, id=course_id, drop=[str(o) for o in plan.dropped_objectives])
    priority = {a.objective_id: a.priority for a in plan.achievements}
    await tx.run(
        OBJECTIVES,
        id=course_id,
        rows=[
            {
                "id": str(o.id),
                "description": o.description,
                "bloom_level": o.bloom_level,
                "measurable": o.measurable,
                "priority": priority.get(o.id),
            }
            for o in plan.objectives
        ],
    )


async def write_course_graph(
    driver: AsyncDriver, *, database: str, seconds: float, plan: CourseGraph
) -> None:
    """All of it or nothing (one managed write transaction, retried by the driver on
    transient cluster errors)."""

    async def run() -> None:
        async with driver.session(database=database) as session:
            await session.execute_write(_write, plan)

    await guard(STORE, run(), seconds=seconds)
