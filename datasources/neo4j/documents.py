"""A document's share of the knowledge graph, replaced or removed in one transaction.

What a document contributes: its Document node, the Concept nodes it names (MERGEd by
their deterministic id, so two documents share a node), one EXTRACTED_FROM edge per
concept, and the RELATES_TO / PREREQUISITE edges its evidence supports. Those edges
carry `document_ids`, the documents whose evidence introduced them: re-processing or
deleting a document takes it off its edges and removes the edges no document supports
any more. An edge without `document_ids` was made by a person (API) or the seed; a job
never changes or removes it.

Concepts merge conservatively: title, difficulty, category and tags are set when the
node is created (and fill gaps later); a description is replaced only by a longer one.
A concept that loses its last EXTRACTED_FROM edge because of this document is deleted
with its edges (its CONTAINS placements too).

PREREQUISITE candidates are added best first, each only if it closes no cycle with the
edges already in the graph (any path back from its target to its source:
datasources/neo4j/prerequisites.py): the graph as a whole never holds a mandatory cycle,
whatever the order documents arrive in. Every
transaction that adds such edges (these, and GraphWriter.add_prerequisite) first writes
the one `(:GraphLock {name: "prerequisites"})` node, so they run one at a time and each
check sees every edge committed before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from neo4j import AsyncDriver

from datasources.errors import guarded
from datasources.neo4j import document_queries as q
from datasources.neo4j.bulk import (
    ConceptNode,
    DocumentNode,
    Prerequisite,
    Relation,
    concept_row,
)
from datasources.neo4j.prerequisites import fetch, place
from datasources.neo4j.records import ConceptRecord, RowDecoder, SourceEdge

STORE = "neo4j"


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """Everything one document puts in the graph; `prerequisites` best first."""

    document: DocumentNode
    concepts: Sequence[ConceptNode]
    sources: Sequence[SourceEdge]
    relations: Sequence[Relation]
    prerequisites: Sequence[Prerequisite]


@dataclass(slots=True)
class GraphOutcome:
    concepts: list[ConceptRecord] = field(default_factory=list)  # as stored, after merging
    new: int = 0  # concept nodes this write created
    merged: int = 0  # concept nodes that existed already (another document, an earlier run)
    removed: list[UUID] = field(default_factory=list)  # concepts left with no source, deleted
    sources: int = 0
    relations: int = 0
    prerequisites: int = 0  # PREREQUISITE edges this document now supports
    demoted: list[tuple[UUID, UUID]] = field(default_factory=list)  # kept, but not mandatory
    dropped: list[tuple[UUID, UUID]] = field(default_factory=list)  # would have closed a cycle
    courses: list[UUID] = field(default_factory=list)  # courses that lost a concept


@dataclass(frozen=True, slots=True)
class KnownConcept:
    """A concept another document contributed, in that document's language."""

    id: UUID
    title: str
    description: str | None
    language: str
    documents: tuple[str, ...] = ()  # the other documents it was extracted from


class DocumentGraphWriter:
    def __init__(self, driver: AsyncDriver, *, database: str, timeout: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    @guarded(STORE)
    async def known_concepts(self, *, exclude_document: UUID, limit: int) -> list[KnownConcept]:
        """Concepts other documents contributed (for cross-document links), with languages."""
        records, _, _ = await self.driver.execute_query(
            q.KNOWN_CONCEPTS, document=str(exclude_document), limit=limit, database_=self.database
        )
        return [
            KnownConcept(
                UUID(r["id"]), r["title"], r["description"], r["language"], tuple(r["documents"])
            )
            for r in records
        ]

    @guarded(STORE)
    async def sole_source_concepts(self, document_id: UUID, *, keep: Sequence[UUID]) -> list[UUID]:
        """Concepts only this document supports, except `keep`: the ones a write would delete."""
        records, _, _ = await self.driver.execute_query(
            q.SOLE_SOURCE,
            document=str(document_id),
            keep=[str(k) for k in keep],
            database_=self.database,
        )
        return [UUID(r["id"]) for r in records]

    @guarded(STORE)
    async def concepts(self, ids: Sequence[UUID]) -> list[ConceptRecord]:
        records, _, _ = await self.driver.execute_query(
            q.CONCEPTS, ids=[str(i) for i in ids], database_=self.database
        )
        decode = RowDecoder()
        return [decode.concept(r["c"]) for r in records]

    @guarded(STORE)
    async def replace(self, graph: DocumentGraph) -> GraphOutcome:
        async with self.driver.session(database=self.database) as session:
            return await session.execute_write(_replace, graph)

    @guarded(STORE)
    async def remove(self, document_id: UUID) -> GraphOutcome:
        async with self.driver.session(database=self.database) as session:
            return await session.execute_write(_remove, str(document_id))


async def _replace(tx: Any, graph: DocumentGraph) -> GraphOutcome:
    doc = str(graph.document.id)
    ids = [str(c.id) for c in graph.concepts]
    out = GraphOutcome()
    await tx.run(q.LOCK)
    d = graph.document
    await tx.run(q.DOCUMENT, id=doc, title=d.title, type=d.type, language=d.language)
    previous = {r["id"] for r in await fetch(tx, q.SOURCED_FROM, document=doc)}
    existing = {r["id"] for r in await fetch(tx, q.EXISTING, ids=ids)}
    out.new, out.merged = len(set(ids) - existing), len(set(ids) & existing)
    await tx.run(q.MERGE_CONCEPTS, rows=[concept_row(c) for c in graph.concepts])
    await tx.run(q.DROP_STALE_SOURCES, document=doc, keep=ids)
    out.sources = len(await fetch(tx, q.MERGE_SOURCES, document=doc, rows=_source_rows(graph)))
    relations = _unique_pairs(graph.relations)
    prerequisites = {(str(p.prerequisite_id), str(p.concept_id)) for p in graph.prerequisites}
    await tx.run(
        q.FORGET_EDGES,
        document=doc,
        concepts=sorted(previous | set(ids)),
        relates=[list(k) for k in relations],
        prerequisites=[list(k) for k in prerequisites],
    )
    gone = sorted(previous - set(ids))
    out.courses = sorted({UUID(r["id"]) for r in await fetch(tx, q.COURSES_LOSING, ids=gone)})
    out.removed = [UUID(r["id"]) for r in await fetch(tx, q.DELETE_SOURCELESS, ids=gone)]
    out.relations = len(
        await fetch(tx, q.MERGE_RELATIONS, document=doc, rows=list(relations.values()))
    )
    placed = await place(tx, doc, graph.prerequisites)
    out.prerequisites, out.demoted, out.dropped = placed.written, placed.demoted, placed.dropped
    decode = RowDecoder()
    out.concepts = [decode.concept(r["c"]) for r in await fetch(tx, q.CONCEPTS, ids=ids)]
    return out


async def _remove(tx: Any, doc: str) -> GraphOutcome:
    out = GraphOutcome()
    await tx.run(q.LOCK)
    previous = sorted(r["id"] for r in await fetch(tx, q.SOURCED_FROM, document=doc))
    await tx.run(q.FORGET_EDGES, document=doc, concepts=previous, relates=[], prerequisites=[])
    await tx.run(q.DROP_STALE_SOURCES, document=doc, keep=[])
    out.courses = sorted({UUID(r["id"]) for r in await fetch(tx, q.COURSES_LOSING, ids=previous)})
    out.removed = [UUID(r["id"]) for r in await fetch(tx, q.DELETE_SOURCELESS, ids=previous)]
    await tx.run(q.DELETE_DOCUMENT, document=doc)
    return out


def _source_rows(graph: DocumentGraph) -> list[dict[str, Any]]:
    return [
        {
            "id": str(s.concept_id),
            "page": s.page,
            "confidence": s.confidence,
            "context": s.context,
            "order": s.order,
        }
        for s in graph.sources
    ]


def _unique_pairs(relations: Sequence[Relation]) -> dict[tuple[str, str], dict[str, Any]]:
    """One RELATES_TO per unordered pair (readers treat the edge as symmetric)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in relations:
        a, b = str(r.source_id), str(r.target_id)
        key = (a, b) if a < b else (b, a)
        if a != b and key not in out:
            out[key] = {"a": a, "b": b, "type": r.type, "strength": r.strength}
    return out
