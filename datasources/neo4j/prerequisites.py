"""A document's PREREQUISITE candidates added without closing a cycle.

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

The reach is one walk of the edges below all the candidates' concepts, a breadth-first
level per round trip (single-hop matches only), closed in memory (`Reach.among`). Every
path between two of them lies below the first, so it is exact. It replaced a
variable-length match from each concept (`*1..` with `v.id IN $ids`): its work was their
number times the edges below them, and for a short list Neo4j's planner may seek both
ends and enumerate every path between them (VarLengthExpand(Into)): on a 5,500-concept
graph one concept's match ran into the 5-minute transaction timeout (BENCHMARKS.md
"Reach").

Every accepted edge extends the reachability the next candidates are checked against (new
paths only run between the candidates' concepts, so the closure over them is exact), and
all are written in one UNWIND. The graph therefore never holds a mandatory cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from typing import Any, LiteralString
from uuid import UUID

from datasources.neo4j.bulk import Prerequisite

EXISTING: LiteralString = "UNWIND $ids AS id MATCH (c:Concept {id: id}) RETURN c.id AS id"
# One level of the walk: the edges leaving a set of concepts, collected per concept so a
# level is a few records, not one per edge.
BELOW: LiteralString = (
    "UNWIND $ids AS id MATCH (:Concept {id: id})-[e:PREREQUISITE]->(b:Concept) "
    "RETURN id AS a, collect(b.id) AS below, collect(coalesce(e.mandatory, false)) AS mandatory"
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
    def among(cls, ids: Sequence[str], edges: Iterable[tuple[str, str]]) -> Reach:
        """Which of `ids` reach which along `edges`, which hold every edge below them."""
        below: dict[str, list[str]] = {}
        for a, b in edges:
            below.setdefault(a, []).append(b)
        bit = {node: 1 << i for i, node in enumerate(ids)}
        # mask[n]: the bits of the ids below n. Children first, one pass settles a DAG
        # (a second finds nothing to change); a cycle (people may add optional edges
        # closing one) takes more passes of the same monotone rule, which always ends.
        try:
            order = list(TopologicalSorter(below).static_order())
        except CycleError:
            order = list(reversed(below))
        mask: dict[str, int] = {}
        changed = True
        while changed:
            changed = False
            for node in order:
                reached = 0
                for child in below.get(node, ()):
                    reached |= mask.get(child, 0) | bit.get(child, 0)
                if reached != mask.get(node, 0):
                    mask[node], changed = reached, True
        reach = cls()
        for node in ids:
            reached = mask.get(node, 0)
            if reached:
                reach.after[node] = {other for other in ids if reached & bit[other]}
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
    reach, strong = await reaches(tx, involved)
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


async def reaches(tx: Any, ids: Sequence[str]) -> tuple[Reach, Reach]:
    """Which of `ids` reach which through the graph: along any edges, and along mandatory
    ones. One breadth-first walk from all of them, a round trip per level."""
    seen, frontier = set(ids), sorted(ids)
    edges: list[tuple[str, str, bool]] = []
    while frontier:
        level = await fetch(tx, BELOW, ids=frontier)
        for r in level:
            edges += [(r["a"], b, m) for b, m in zip(r["below"], r["mandatory"], strict=True)]
        frontier = sorted({b for r in level for b in r["below"]} - seen)
        seen.update(frontier)
    every = Reach.among(ids, ((a, b) for a, b, _ in edges))
    mandatory = Reach.among(ids, ((a, b) for a, b, m in edges if m))
    return every, mandatory


async def fetch(tx: Any, statement: LiteralString, **params: Any) -> list[Any]:
    """All records of one statement in the transaction `tx`."""
    result = await tx.run(statement, **params)
    return [record async for record in result]
