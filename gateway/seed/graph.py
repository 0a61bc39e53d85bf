"""Write the demo dataset to Neo4j through the bulk graph writer (datasources/neo4j/bulk.py):
UNWIND batches, MERGE on ids and on (start, end) pairs, so a second run changes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from neo4j import AsyncDriver

from datasources.courses import course_hours
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
from gateway.seed.data import Dataset

BATCH_SECONDS = 600.0  # one 5,000-row batch on a busy machine; the seed has no deadline


def graph_rows(data: Dataset) -> dict[str, Sequence[Any]]:
    """Typed rows per node label and relationship type, nodes first."""
    courses = data.courses
    return {
        "Concept": [
            ConceptNode(
                id=c.id,
                title=c.title,
                description=c.description,
                difficulty=c.difficulty,
                category=c.category,
                tags=c.tags,
                created_at=c.created_at,
                updated_at=c.created_at,
            )
            for c in data.concepts
        ],
        "Document": [
            DocumentNode(
                id=d.id,
                title=d.filename.rsplit(".", 1)[0].replace("-", " "),
                type=d.graph_type,
                language=d.language,
                created_at=d.created_at,
            )
            for d in data.documents
        ],
        "Course": [
            CourseNode(
                id=c.id,
                title=c.title,
                difficulty=c.difficulty_level,
                duration_hours=course_hours(c.duration_weeks, c.hours_per_week),
                created_at=c.created_at,
            )
            for c in courses
        ],
        "LearningObjective": [
            ObjectiveNode(o.id, o.description, o.bloom_level, o.measurable)
            for c in courses
            for o in c.objectives
        ],
        "PREREQUISITE": [
            Prerequisite(e.source, e.target, e.props["mandatory"], e.props["weight"])
            for e in data.prerequisites
        ],
        "RELATES_TO": [
            Relation(e.source, e.target, e.props["type"], e.props["strength"]) for e in data.related
        ],
        "EXTRACTED_FROM": [
            SourceEdge(s.concept.id, s.document.id, s.page, s.confidence, s.context)
            for s in data.sources
        ],
        "CONTAINS": [
            Contains(c.id, p.concept.id, p.week, p.order, p.duration_minutes)
            for c in courses
            for p in c.placements
        ],
        "ACHIEVES": [Achieves(c.id, o.id, o.priority) for c in courses for o in c.objectives],
    }


def _writers(bulk: BulkGraphWriter) -> dict[str, Callable[[Any], Awaitable[int]]]:
    return {
        "Concept": bulk.concepts,
        "Document": bulk.documents,
        "Course": bulk.courses,
        "LearningObjective": bulk.objectives,
        "PREREQUISITE": bulk.prerequisites,
        "RELATES_TO": bulk.relations,
        "EXTRACTED_FROM": bulk.extractions,
        "CONTAINS": bulk.placements,
        "ACHIEVES": bulk.achievements,
    }


async def write_graph(
    driver: AsyncDriver,
    data: Dataset,
    *,
    database: str,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, int]:
    """MERGE every node and relationship; returns rows sent per kind."""
    writers = _writers(BulkGraphWriter(driver, database=database, timeout=BATCH_SECONDS))
    sent: dict[str, int] = {}
    for kind, rows in graph_rows(data).items():
        sent[kind] = await writers[kind](rows)
        progress(f"{kind}: {len(rows):,}")
    return sent
