"""Reads from the knowledge graph, batched: one Cypher statement per call, `UNWIND $ids`."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, LiteralString, cast
from uuid import UUID

from neo4j import AsyncDriver, RoutingControl

from datasources.errors import guarded
from datasources.neo4j.records import (
    ConceptRecord,
    CourseConceptEdge,
    CourseObjectiveEdge,
    ExtractedConcept,
    ObjectiveRecord,
    PrerequisiteEdge,
    RelatedEdge,
    RowDecoder,
    SourceEdge,
    concept_from_map,
    concept_map,
    objective_from_node,
)

STORE = "neo4j"
MAX_DEPTH = 10

# The statements, as constants so bench/raw.py runs exactly these. Concepts come back
# as maps (`concept_map`), never as nodes: see records.concept_map for why.
CONCEPTS_BY_IDS = cast(
    LiteralString, f"UNWIND $ids AS id MATCH (c:Concept {{id: id}}) RETURN {concept_map('c')} AS c"
)
COURSE_CONCEPTS = cast(
    LiteralString,
    "UNWIND $ids AS id MATCH (:Course {id: id})-[r:CONTAINS]->(c:Concept) "
    f"RETURN id, {concept_map('c')} AS c, r.week AS week, r.order AS ord, "
    "r.duration_minutes AS minutes ORDER BY id, week, ord, c.title",
)
SOURCES = (
    "UNWIND $ids AS id MATCH (:Concept {id: id})-[r:EXTRACTED_FROM]->(d:Document) "
    "RETURN id, d.id AS document_id, r.page AS page, r.confidence AS confidence, "
    "r.context AS context ORDER BY id, confidence DESC, page"
)
ANCESTRY = cast(
    LiteralString,
    "MATCH (t:Concept {id: $id}) "
    "OPTIONAL MATCH (p:Concept)-[:PREREQUISITE*1..]->(t) "
    "WITH t, collect(DISTINCT p) AS ps "
    "WITH t, ps + [t] AS nodes "
    "UNWIND nodes AS a "
    "OPTIONAL MATCH (a)-[r:PREREQUISITE]->(b) WHERE b IN nodes "
    f"RETURN {concept_map('a')} AS a, collect([b.id, r.mandatory]) AS outs",
)


def prerequisites_query(depth: int, *, reverse: bool) -> LiteralString:
    """Prerequisites of `$ids` up to `depth` hops (with `reverse`, their dependents).

    One record: `edges`, [asked id, other id, depth, mandatory, weight] in order, and
    `concepts`, each other concept's map once. A record per edge, each with the
    concept's map, cost the driver 13-15 ms of CPU for a course's ~170 edges; this
    shape ~3 ms (BENCHMARKS.md, issue 15): shared prerequisites repeat, and every
    record has a fixed cost in the driver.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}")
    # The hop bound cannot be a parameter in Cypher; it is an int checked above.
    pattern = (
        f"(c:Concept {{id: id}})-[rs:PREREQUISITE*1..{int(depth)}]->(p:Concept)"
        if reverse
        else f"(p:Concept)-[rs:PREREQUISITE*1..{int(depth)}]->(c:Concept {{id: id}})"
    )
    return cast(
        LiteralString,
        "UNWIND $ids AS id MATCH " + pattern + " "
        "WHERE p.id <> id AND (NOT $mandatory_only OR all(r IN rs WHERE r.mandatory)) "
        "WITH id, p, rs ORDER BY size(rs) "
        "WITH id, p, head(collect(rs)) AS rs "
        "WITH id, p, size(rs) AS depth, all(r IN rs WHERE r.mandatory) AS mandatory, "
        "reduce(w = 1.0, r IN rs | w * coalesce(r.weight, 1.0)) AS weight "
        "ORDER BY id, depth, weight DESC, p.title "
        "WITH collect([id, p.id, depth, mandatory, weight]) AS edges, collect(DISTINCT p) AS ps "
        f"RETURN edges, [p IN ps | {concept_map('p')}] AS concepts",
    )


def _ids(values: Sequence[UUID]) -> list[str]:
    return [str(v) for v in values]


def escape_lucene(text: str) -> str:
    """Escape Lucene query syntax so user text is searched literally, never parsed."""
    special = set('+-&|!(){}[]^"~*?:\\/')
    return "".join("\\" + ch if ch in special else ch for ch in text)


class GraphReader:
    """Typed, batched reads; each method is one round trip to Neo4j."""

    def __init__(self, driver: AsyncDriver, *, database: str, timeout: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    async def _read(self, query: LiteralString, **params: Any) -> list[Any]:
        records, _, _ = await self.driver.execute_query(
            query, params, database_=self.database, routing_=RoutingControl.READ
        )
        return records

    @guarded(STORE)
    async def ping(self) -> float:
        started = time.perf_counter()
        await self._read("RETURN 1")
        return time.perf_counter() - started

    @guarded(STORE)
    async def concepts_by_ids(self, ids: Sequence[UUID]) -> dict[UUID, ConceptRecord]:
        rows = await self._read(CONCEPTS_BY_IDS, ids=_ids(ids))
        found = (concept_from_map(row["c"]) for row in rows)
        return {c.id: c for c in found}

    @guarded(STORE)
    async def objectives_by_ids(self, ids: Sequence[UUID]) -> dict[UUID, ObjectiveRecord]:
        rows = await self._read(
            "UNWIND $ids AS id MATCH (o:LearningObjective {id: id}) RETURN o", ids=_ids(ids)
        )
        found = (objective_from_node(row["o"]) for row in rows)
        return {o.id: o for o in found}

    @guarded(STORE)
    async def course_concepts(
        self, course_ids: Sequence[UUID]
    ) -> dict[UUID, list[CourseConceptEdge]]:
        rows = await self._read(COURSE_CONCEPTS, ids=_ids(course_ids))
        decode = RowDecoder()
        out: dict[UUID, list[CourseConceptEdge]] = defaultdict(list)
        # Unpacked in RETURN order: one pass over the record instead of a key search
        # per column (neo4j's Record looks keys up in a list).
        for course, concept, week, order, minutes in (row.values() for row in rows):
            course_id = decode.uuid(course)
            out[course_id].append(
                CourseConceptEdge(
                    course_id=course_id,
                    concept=decode.concept(concept),
                    week=week,
                    order=order,
                    duration_minutes=minutes,
                )
            )
        return out

    @guarded(STORE)
    async def prerequisites(
        self, concept_ids: Sequence[UUID], *, depth: int, mandatory_only: bool, reverse: bool
    ) -> dict[UUID, list[PrerequisiteEdge]]:
        """Prerequisites of each concept (or, with `reverse`, the concepts that need it)."""
        query = prerequisites_query(depth, reverse=reverse)
        rows = await self._read(query, ids=_ids(concept_ids), mandatory_only=mandatory_only)
        edges, concepts = rows[0].values() if rows else ([], [])
        decode = RowDecoder()
        by_id = {m["id"]: decode.concept(m) for m in concepts}
        out: dict[UUID, list[PrerequisiteEdge]] = defaultdict(list)
        for concept, other, depth, mandatory, weight in edges:
            concept_id = decode.uuid(concept)
            out[concept_id].append(
                PrerequisiteEdge(
                    concept_id=concept_id,
                    prerequisite=by_id[other],
                    mandatory=bool(mandatory),
                    weight=float(weight),
                    depth=int(depth),
                )
            )
        return out

    @guarded(STORE)
    async def related(
        self, concept_ids: Sequence[UUID], *, relation_type: str | None
    ) -> dict[UUID, list[RelatedEdge]]:
        """RELATES_TO in either direction (the relation is symmetric for readers)."""
        rows = await self._read(
            "UNWIND $ids AS id MATCH (:Concept {id: id})-[r:RELATES_TO]-(o:Concept) "
            "WHERE $type IS NULL OR r.type = $type "
            f"RETURN id, {concept_map('o')} AS o, r.type AS type, r.strength AS strength "
            "ORDER BY id, strength DESC, o.title",
            ids=_ids(concept_ids),
            type=relation_type,
        )
        decode = RowDecoder()
        out: dict[UUID, list[RelatedEdge]] = defaultdict(list)
        for concept, other, relation, strength in (row.values() for row in rows):
            concept_id = decode.uuid(concept)
            out[concept_id].append(
                RelatedEdge(
                    concept_id=concept_id,
                    concept=decode.concept(other),
                    type=relation,
                    strength=strength,
                )
            )
        return out

    @guarded(STORE)
    async def sources(self, concept_ids: Sequence[UUID]) -> dict[UUID, list[SourceEdge]]:
        rows = await self._read(SOURCES, ids=_ids(concept_ids))
        decode = RowDecoder()
        out: dict[UUID, list[SourceEdge]] = defaultdict(list)
        for concept, document, page, confidence, context in (row.values() for row in rows):
            concept_id = decode.uuid(concept)
            out[concept_id].append(
                SourceEdge(
                    concept_id=concept_id,
                    document_id=decode.uuid(document),
                    page=page,
                    confidence=confidence,
                    context=context,
                )
            )
        return out

    @guarded(STORE)
    async def document_concepts(
        self, document_ids: Sequence[UUID]
    ) -> dict[UUID, list[ExtractedConcept]]:
        rows = await self._read(
            "UNWIND $ids AS document_id "
            "MATCH (c:Concept)-[r:EXTRACTED_FROM]->(:Document {id: document_id}) "
            f"RETURN {concept_map('c')} AS c, document_id, r.page AS page, "
            "r.confidence AS confidence, r.context AS context "
            "ORDER BY document_id, page, c.title",
            ids=_ids(document_ids),
        )
        decode = RowDecoder()
        out: dict[UUID, list[ExtractedConcept]] = defaultdict(list)
        for concept, document, page, confidence, context in (row.values() for row in rows):
            document_id = decode.uuid(document)
            out[document_id].append(
                ExtractedConcept(
                    document_id=document_id,
                    concept=decode.concept(concept),
                    page=page,
                    confidence=confidence,
                    context=context,
                )
            )
        return out

    @guarded(STORE)
    async def concept_courses(self, concept_ids: Sequence[UUID]) -> dict[UUID, list[UUID]]:
        rows = await self._read(
            "UNWIND $ids AS id MATCH (co:Course)-[:CONTAINS]->(:Concept {id: id}) "
            "RETURN id, collect(DISTINCT co.id) AS courses",
            ids=_ids(concept_ids),
        )
        return {UUID(row["id"]): [UUID(c) for c in row["courses"]] for row in rows}

    @guarded(STORE)
    async def course_objectives(
        self, course_ids: Sequence[UUID]
    ) -> dict[UUID, list[CourseObjectiveEdge]]:
        rows = await self._read(
            "UNWIND $ids AS id MATCH (:Course {id: id})-[r:ACHIEVES]->(o:LearningObjective) "
            "RETURN id, o, r.priority AS priority ORDER BY id, priority, o.description",
            ids=_ids(course_ids),
        )
        out: dict[UUID, list[CourseObjectiveEdge]] = defaultdict(list)
        for row in rows:
            course_id = UUID(row["id"])
            out[course_id].append(
                CourseObjectiveEdge(
                    course_id=course_id,
                    objective=objective_from_node(row["o"]),
                    priority=row["priority"],
                )
            )
        return out

    @guarded(STORE)
    async def objective_courses(self, objective_ids: Sequence[UUID]) -> dict[UUID, list[UUID]]:
        rows = await self._read(
            "UNWIND $ids AS id MATCH (co:Course)-[:ACHIEVES]->(:LearningObjective {id: id}) "
            "RETURN id, collect(DISTINCT co.id) AS courses",
            ids=_ids(objective_ids),
        )
        return {UUID(row["id"]): [UUID(c) for c in row["courses"]] for row in rows}

    @guarded(STORE)
    async def search_concepts(
        self,
        *,
        text: str | None,
        difficulty: str | None,
        category: str | None,
        skip: int,
        limit: int,
    ) -> list[tuple[ConceptRecord, float | None]]:
        """Full-text search over `conceptSearch` (or a filtered listing without text)."""
        if text and text.strip():
            rows = await self._read(
                "CALL db.index.fulltext.queryNodes('conceptSearch', $q) YIELD node, score "
                "WHERE ($difficulty IS NULL OR node.difficulty = $difficulty) "
                "AND ($category IS NULL OR node.category = $category) "
                f"RETURN {concept_map('node')} AS c, score "
                "ORDER BY score DESC, node.title, node.id SKIP $skip LIMIT $limit",
                q=escape_lucene(text.strip()),
                difficulty=difficulty,
                category=category,
                skip=skip,
                limit=limit,
            )
        else:
            rows = await self._read(
                "MATCH (c:Concept) WHERE ($difficulty IS NULL OR c.difficulty = $difficulty) "
                "AND ($category IS NULL OR c.category = $category) "
                f"RETURN {concept_map('c')} AS c, null AS score "
                "ORDER BY c.title, c.id SKIP $skip LIMIT $limit",
                difficulty=difficulty,
                category=category,
                skip=skip,
                limit=limit,
            )
        return [(concept_from_map(row["c"]), row["score"]) for row in rows]

    @guarded(STORE)
    async def ancestry(
        self, concept_id: UUID
    ) -> tuple[dict[UUID, ConceptRecord], list[tuple[UUID, UUID, bool]]]:
        """Every concept that (transitively) precedes `concept_id`, and the edges among them.

        One statement: the DISTINCT end-node expansion lets Neo4j prune instead of
        enumerating paths, so dense graphs do not explode.
        """
        rows = await self._read(ANCESTRY, id=str(concept_id))
        concepts: dict[UUID, ConceptRecord] = {}
        edges: list[tuple[UUID, UUID, bool]] = []
        for row in rows:
            a = concept_from_map(row["a"])
            concepts[a.id] = a
            for b_id, mandatory in row["outs"]:
                if b_id is not None:
                    edges.append((a.id, UUID(b_id), bool(mandatory)))
        return concepts, edges
