"""Plain records the graph datasource returns (no driver types leak out)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID


@dataclass(frozen=True, slots=True)
class ConceptRecord:
    id: UUID
    title: str
    description: str | None
    difficulty: str | None
    category: str | None
    tags: tuple[str, ...]
    created_at: datetime | None
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class CourseConceptEdge:
    """(:Course)-[:CONTAINS {week, order, duration_minutes}]->(:Concept)."""

    course_id: UUID
    concept: ConceptRecord
    week: int | None
    order: int | None
    duration_minutes: int | None


@dataclass(frozen=True, slots=True)
class PrerequisiteEdge:
    """`prerequisite` must be learnt before `concept_id`.

    Stored as (prerequisite)-[:PREREQUISITE]->(concept): edges point in learning order.
    For depth > 1, `depth` is the shortest distance, `mandatory` is true when every
    hop on that path is mandatory and `weight` is the product of the hops' weights.
    """

    concept_id: UUID
    prerequisite: ConceptRecord
    mandatory: bool
    weight: float
    depth: int


@dataclass(frozen=True, slots=True)
class RelatedEdge:
    concept_id: UUID
    concept: ConceptRecord
    type: str | None
    strength: float | None


@dataclass(frozen=True, slots=True)
class SourceEdge:
    """(:Concept)-[:EXTRACTED_FROM {page, confidence, context, order}]->(:Document), by
    concept. `order`: the rank of the concept's first mention in the document (0 = first),
    which the course planner follows where the graph says nothing; None when not known."""

    concept_id: UUID
    document_id: UUID
    page: int | None
    confidence: float | None
    context: str | None
    order: int | None = None


@dataclass(frozen=True, slots=True)
class ExtractedConcept:
    """The same edge seen from the document: the concept found there."""

    document_id: UUID
    concept: ConceptRecord
    page: int | None
    confidence: float | None
    context: str | None


@dataclass(frozen=True, slots=True)
class ObjectiveRecord:
    id: UUID
    description: str
    bloom_level: str | None
    measurable: bool


@dataclass(frozen=True, slots=True)
class CourseObjectiveEdge:
    course_id: UUID
    objective: ObjectiveRecord
    priority: int | None


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def _datetime(value: Any) -> datetime | None:
    # neo4j.time.DateTime has to_native(); plain datetimes pass through.
    if value is None:
        return None
    return value.to_native() if hasattr(value, "to_native") else value


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def concept_map(var: str) -> str:
    """Cypher projecting the Concept `var` to the map `concept_from_map` reads.

    A map with dates as epoch milliseconds decodes about twice as fast in the Python
    driver as the node itself, whose temporal values it rebuilds in pure Python
    (BENCHMARKS.md). `var` is always a literal variable name from this package.
    """

    def millis(prop: str) -> str:
        value = f"{var}.{prop}"
        return f"CASE WHEN {value} IS :: ZONED DATETIME THEN {value}.epochMillis END"

    return (
        f"{var} {{.id, .title, .description, .difficulty, .category, .tags, "
        f"created_at: {millis('created_at')}, updated_at: {millis('updated_at')}}}"
    )


def _from_millis(value: int | None) -> datetime | None:
    return None if value is None else _EPOCH + timedelta(milliseconds=value)


def concept_from_map(m: dict[str, Any]) -> ConceptRecord:
    """Build a ConceptRecord from the map `concept_map` projects."""
    return ConceptRecord(
        id=UUID(m["id"]),
        title=m["title"] or "",
        description=m["description"],
        difficulty=m["difficulty"],
        category=m["category"],
        tags=tuple(m["tags"] or ()),
        created_at=_from_millis(m["created_at"]),
        updated_at=_from_millis(m["updated_at"]),
    )


def concept_from_node(node: Any) -> ConceptRecord:
    """Build a ConceptRecord from a neo4j Node (writes return the node they wrote)."""
    return ConceptRecord(
        id=_uuid(node["id"]),
        title=node.get("title") or "",
        description=node.get("description"),
        difficulty=node.get("difficulty"),
        category=node.get("category"),
        tags=tuple(node.get("tags") or ()),
        created_at=_datetime(node.get("created_at")),
        updated_at=_datetime(node.get("updated_at")),
    )


def objective_from_node(node: Any) -> ObjectiveRecord:
    return ObjectiveRecord(
        id=_uuid(node["id"]),
        description=node.get("description") or "",
        bloom_level=node.get("bloom_level"),
        measurable=bool(node.get("measurable", False)),
    )


class RowDecoder:
    """Decodes the rows of one statement, each distinct value once.

    A batched statement returns the same values in many rows: rows come grouped by the
    id they were asked for, and a prerequisite shared by many concepts comes back once
    per concept. Each id string is parsed to a UUID once and each concept map built
    once (the same ConceptRecord object for every row that carries it); a repeat costs
    a dict lookup. Within one statement a node's properties cannot differ.
    """

    __slots__ = ("_concepts", "_ids")

    def __init__(self) -> None:
        self._ids: dict[str, UUID] = {}
        self._concepts: dict[str, ConceptRecord] = {}

    def uuid(self, value: str) -> UUID:
        found = self._ids.get(value)
        if found is None:
            found = self._ids[value] = UUID(value)
        return found

    def concept(self, m: dict[str, Any]) -> ConceptRecord:
        found = self._concepts.get(m["id"])
        if found is None:
            found = self._concepts[m["id"]] = concept_from_map(m)
        return found
