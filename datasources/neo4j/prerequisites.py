"""A document's PREREQUISITE candidates added without closing a cycle, in four round trips.

Inside the document's graph transaction (after the lock): which of the candidates' concepts
exist, which of them already reach which (any path, and mandatory-only paths, through any
node of the graph), and the edges already between them. Then, in memory, best candidate
first:

- a new edge is dropped when its target already reaches its source (it would close a
  cycle); otherwise it is added, mandatory or not as proposed;
- an existing edge a person made (no `document_ids`) is left as it is;
- an existing edge of the jobs gets this document added to its `document_ids`; it is
  mandatory when it was, or when proposed so and no mandatory path leads back (else it
  stays optional: "demoted"); its weight is the larger one — or, when this document
  alone supports it, exactly the proposed one, so re-processing reproduces it.

Every accepted edge extends the reachability the next candidates are checked against (new
paths only run between the candidates' concepts, so the closure over them is exact), and
all are written in one UNWIND. The graph therefore never holds a mandatory cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, LiteralString
from uuid import UUID

from datasources.neo4j.bulk import Prerequisite

EXISTING: LiteralString = "UNWIND $ids AS id MATCH (c:Concept {id: id}) RETURN c.id AS id"
# DISTINCT end points only: Neo4j expands these breadth-first with pruning.
REACH: LiteralString = (
    "UNWIND $ids AS id MATCH (u:Concept {id: id})-[:PREREQUISITE*1..]->(v:Concept) "
    "WHERE v.id IN $ids RETURN DISTINCT u.id AS a, v.id AS b"
)
MANDATORY_REACH: LiteralString = (
    "UNWIND $ids AS id MATCH (u:Concept {id: id})-[:PREREQUISITE*1.. {mandatory: true}]->"
    "(v:Concept) WHERE v.id IN $ids RETURN DISTINCT u.id AS a, v.id AS b"
)
EDGES_AMONG: LiteralString = (
    "UNWIND $ids AS id MATCH (a:Concept {id: id})-[e:PREREQUISITE]->(b:Concept) "
    "WHERE b.id IN $ids RETURN a.id AS a, b.id AS b, e.mandatory AS mandatory, "
    "e.weight AS weight, e.document_ids AS document_ids"
)
WRITE: LiteralString = (
    "UNWIND $rows AS row MATCH (a:Concept {id: row.a}) MATCH (b:Concept {id: row.b}) "
    "MERGE (a)-[e:PREREQUISITE]->(b) ON CREATE SET e.document_ids = [$document] "
    "SET e.mandatory = row.mandatory, e.weight = row.weight, "
    "e.document_ids = CASE WHEN $document IN e.document_ids THEN e.document_ids "
    "ELSE e.document_ids + $document END"
)


@dataclass(slots=True)
class Reach:
    """Which node reaches which, closed under the edges added so far."""

    after: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Reach:
        reach = cls()
        for a, b in pairs:
            reach.after.setdefault(a, set()).add(b)
        return reach

    def has(self, a: str, b: str) -> bool:
        return b in self.after.get(a, ())

    def add(self, a: str, b: str) -> None:
        targets = {b} | self.after.get(b, set())
        for source in [a, *(x for x, ys in self.after.items() if a in ys)]:
            self.after.setdefault(source, set()).update(targets - {source})


@dataclass(frozen=True, slots=True)
class Placed:
    written: int
    demoted: list[tuple[UUID, UUID]]
    dropped: list[tuple[UUID, UUID]]


async def place(tx: Any, document: str, candidates: Sequence[Prerequisite]) -> Placed:
    """Add `candidates` (best first) as PREREQUISITE edges supported by `document`."""
    involved = sorted({str(i) for p in candidates for i in (p.prerequisite_id, p.concept_id)})
    if not involved:
        return Placed(0, [], [])
    present = {r["id"] for r in await fetch(tx, EXISTING, ids=involved)}
    reach = Reach.of((r["a"], r["b"]) for r in await fetch(tx, REACH, ids=involved))
    strong = Reach.of((r["a"], r["b"]) for r in await fetch(tx, MANDATORY_REACH, ids=involved))
    edges = {(r["a"], r["b"]): dict(r) for r in await fetch(tx, EDGES_AMONG, ids=involved)}
    writes: dict[tuple[str, str], dict[str, Any]] = {}
    demoted: list[tuple[UUID, UUID]] = []
    dropped: list[tuple[UUID, UUID]] = []
    for candidate in candidates:
        a, b = str(candidate.prerequisite_id), str(candidate.concept_id)
        if a == b or a not in present or b not in present:
            continue  # an end deleted meanwhile (a cross-document link)
        edge, earlier = edges.get((a, b)), writes.get((a, b))
        may_be_mandatory = candidate.mandatory and not strong.has(b, a)
        if earlier is not None:  # proposed twice in this document: keep the stronger
            mandatory = earlier["mandatory"] or may_be_mandatory
            weight = max(earlier["weight"], candidate.weight)
        elif edge is None:
            if reach.has(b, a):
                dropped.append((candidate.prerequisite_id, candidate.concept_id))
                continue
            mandatory, weight = candidate.mandatory, candidate.weight
            reach.add(a, b)
        elif edge["document_ids"] is None:
            continue  # a person's edge: left exactly as they made it
        elif edge["document_ids"] == [document]:
            mandatory, weight = may_be_mandatory, candidate.weight
        else:
            mandatory = bool(edge["mandatory"]) or may_be_mandatory
            weight = max(candidate.weight, edge["weight"] or 0.0)
        if candidate.mandatory and not mandatory:
            demoted.append((candidate.prerequisite_id, candidate.concept_id))
        if mandatory:
            strong.add(a, b)
        writes[(a, b)] = {"a": a, "b": b, "mandatory": mandatory, "weight": weight}
    await tx.run(WRITE, document=document, rows=list(writes.values()))
    return Placed(len(writes), list(dict.fromkeys(demoted)), list(dict.fromkeys(dropped)))


async def fetch(tx: Any, statement: LiteralString, **params: Any) -> list[Any]:
    """All records of one statement in the transaction `tx`."""
    result = await tx.run(statement, **params)
    return [record async for record in result]
