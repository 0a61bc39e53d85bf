"""What course generation reads from the graph: the documents' concepts, the mandatory
prerequisites they need (transitively), and the edges among all of them.

A handful of statements whatever the graph's size: one for the mentions, one per level
of the mandatory-prerequisite closure (a breadth-first walk from the documents' and
focus concepts: each level is one UNWIND over the new frontier, so dense graphs never
enumerate paths), one for the concept nodes and one per edge type. Every value is a
parameter. Ids stay strings here: the job hands them to the planner as they are.

The walk brings in a concept the chosen documents do not name only on evidence that
speaks for them: an edge a person made (no `document_ids`), an edge a chosen document
supports (its own text, or its links to concepts already stored), or an edge into a
concept the chosen documents do not name (a focus concept from elsewhere: the graph's
other evidence is all there is). Concepts are shared by title, so another document's
edge into "variables" or "function" (a psychology chapter's "reinforcement", an NLP
chapter's "word senses") would otherwise make them prerequisites of a Python course.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString
from uuid import UUID

from datasources.errors import guarded
from datasources.neo4j.graph import GraphReader

STORE = "neo4j"
MAX_LEVELS = 64  # a mandatory chain longer than this is not a curriculum

# Each statement answers ONE record holding a list of lists: the driver decodes a list
# far faster than as many records (20,000 edges: 0.26 s against 1.8 s on the dev stack).
MENTIONS: LiteralString = (
    "UNWIND $documents AS document "
    "MATCH (c:Concept)-[r:EXTRACTED_FROM]->(:Document {id: document}) "
    "RETURN collect([c.id, document, r.page, r.confidence, r.order]) AS rows"
)
# $frontier: [{id, named}], `named` when a chosen document names the concept
REQUIRED_BY: LiteralString = (
    "UNWIND $frontier AS f MATCH (p:Concept)-[r:PREREQUISITE]->(:Concept {id: f.id}) "
    "WHERE r.mandatory = true AND (NOT f.named OR r.document_ids IS NULL "
    "OR any(d IN r.document_ids WHERE d IN $documents)) "
    "RETURN collect(DISTINCT p.id) AS rows"
)
CONCEPTS: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Concept {id: id}) "
    "RETURN collect([c.id, c.title, c.description, c.difficulty, c.language]) AS rows"
)
PREREQUISITES: LiteralString = (
    "UNWIND $ids AS id MATCH (a:Concept {id: id})-[r:PREREQUISITE]->(b:Concept) "
    "WHERE b.id IN $ids RETURN collect([a.id, b.id, r.mandatory, r.weight]) AS rows"
)
RELATIONS: LiteralString = (
    "UNWIND $ids AS id MATCH (a:Concept {id: id})-[r:RELATES_TO]->(b:Concept) "
    "WHERE b.id IN $ids RETURN collect([a.id, b.id, r.type, r.strength]) AS rows"
)
CONCEPT_COUNTS: LiteralString = (
    "UNWIND $documents AS document "
    "OPTIONAL MATCH (c:Concept)-[:EXTRACTED_FROM]->(:Document {id: document}) "
    "RETURN document, count(c) AS n"
)
EXISTING: LiteralString = "UNWIND $ids AS id MATCH (c:Concept {id: id}) RETURN c.id AS id"


@dataclass(frozen=True, slots=True)
class GraphConcept:
    id: str
    title: str
    description: str | None
    difficulty: str | None
    language: str | None


@dataclass(frozen=True, slots=True)
class GraphMention:
    """(concept)-[:EXTRACTED_FROM {page, confidence, order}]->(document)."""

    concept_id: str
    document_id: str
    page: int | None
    confidence: float | None
    order: int | None  # rank of the first mention in the document, when the job stored it


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """PREREQUISITE (mandatory, weight) or RELATES_TO (type, strength), source → target."""

    source: str
    target: str
    mandatory: bool | None = None
    weight: float | None = None
    type: str | None = None
    strength: float | None = None


@dataclass(frozen=True, slots=True)
class PlanningGraph:
    concepts: dict[str, GraphConcept] = field(default_factory=dict)
    mentions: list[GraphMention] = field(default_factory=list)
    prerequisites: list[GraphEdge] = field(default_factory=list)
    relations: list[GraphEdge] = field(default_factory=list)
    statements: int = 0  # round trips it took (the tests and the benchmark report it)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class PlanningReader(GraphReader):
    """GraphReader's connection and read path, with course generation's statements."""

    @guarded(STORE)
    async def concept_counts(self, document_ids: Sequence[UUID]) -> dict[UUID, int]:
        """How many concepts each document has (0 for one the graph does not know)."""
        rows = await self._read(CONCEPT_COUNTS, documents=[str(d) for d in document_ids])
        return {UUID(row["document"]): int(row["n"]) for row in rows}

    @guarded(STORE)
    async def existing_concepts(self, ids: Sequence[UUID]) -> set[UUID]:
        rows = await self._read(EXISTING, ids=[str(i) for i in ids])
        return {UUID(row["id"]) for row in rows}

    async def read(self, document_ids: Sequence[str], focus_ids: Sequence[str]) -> PlanningGraph:
        """Everything the planner needs from the graph for these documents and focus."""
        # Each statement runs under its own deadline (guarded): the walk may take many.
        mentions = await self._mentions(list(document_ids))
        statements = 1
        named = {m.concept_id for m in mentions}
        known = dict.fromkeys([*named, *focus_ids])
        frontier = list(known)
        for _ in range(MAX_LEVELS):
            if not frontier:
                break
            found = await self._required_by(frontier, named, list(document_ids))
            statements += 1
            frontier = [i for i in found if i not in known]
            known.update(dict.fromkeys(frontier))
        ids = list(known)
        concepts = await self._concepts(ids)
        prerequisites = await self._prerequisites(ids)
        relations = await self._relations(ids)
        return PlanningGraph(
            concepts=concepts,
            mentions=mentions,
            prerequisites=prerequisites,
            relations=relations,
            statements=statements + 3,
        )

    async def _rows(self, query: LiteralString, **params: Any) -> list[Any]:
        records = await self._read(query, **params)
        return list(records[0]["rows"]) if records else []

    @guarded(STORE)
    async def _mentions(self, document_ids: list[str]) -> list[GraphMention]:
        return [
            GraphMention(str(c), str(d), _int(page), _number(confidence), _int(order))
            for c, d, page, confidence, order in await self._rows(MENTIONS, documents=document_ids)
        ]

    @guarded(STORE)
    async def _required_by(
        self, frontier: list[str], named: set[str], documents: list[str]
    ) -> list[str]:
        """The mandatory prerequisites of `frontier` on evidence that speaks for them
        (the module's docstring)."""
        rows = await self._rows(
            REQUIRED_BY,
            frontier=[{"id": i, "named": i in named} for i in frontier],
            documents=documents,
        )
        return [str(i) for i in rows]

    @guarded(STORE)
    async def _concepts(self, ids: list[str]) -> dict[str, GraphConcept]:
        return {
            str(cid): GraphConcept(
                id=str(cid),
                title=_text(title) or "",
                description=_text(description),
                difficulty=_text(difficulty),
                language=_text(language),
            )
            for cid, title, description, difficulty, language in await self._rows(CONCEPTS, ids=ids)
        }

    @guarded(STORE)
    async def _prerequisites(self, ids: list[str]) -> list[GraphEdge]:
        return [
            GraphEdge(str(a), str(b), mandatory=mandatory is True, weight=_number(weight))
            for a, b, mandatory, weight in await self._rows(PREREQUISITES, ids=ids)
        ]

    @guarded(STORE)
    async def _relations(self, ids: list[str]) -> list[GraphEdge]:
        return [
            GraphEdge(str(a), str(b), type=_text(kind), strength=_number(strength))
            for a, b, kind, strength in await self._rows(RELATIONS, ids=ids)
        ]
