"""Step 2: teaching order. Prerequisites first, related concepts together, else reading order.

An optional edge whose prerequisite is first read after its dependent (a later document
in the request's order, or further on in the same one) is left out
(`against_reading_order`). Cycles are broken on
their weakest edge (optional before mandatory, then lowest weight) and every broken
edge is reported. The ordering is then Kahn's algorithm:
among the concepts whose prerequisites are all placed, take the one most strongly
RELATES_TO-linked to the concept just placed when the document reads it next or
next but one (RELATED_WINDOW); otherwise the one whose reading position is earliest,
where a prerequisite counts as being read where its earliest dependent is (so it
comes just before it is needed). A related concept from further on waits: pulled
forward, it jumped the concepts read between (a "matrix-vector product" taught
before the "dot product" it builds on).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from itertools import pairwise

from jobs.planning.graph import CourseGraph
from jobs.planning.inputs import PrerequisiteInput
from jobs.planning.result import BrokenEdge

Pair = tuple[str, str]
# A related concept may jump ahead of at most this many reading positions of the same
# document (a related concept further on waits for its place in the reading order).
RELATED_WINDOW = 1


@dataclass(frozen=True, slots=True)
class Ordering:
    order: tuple[str, ...]
    # kept edges among the ordered concepts: concept -> prerequisites (mandatory, optional)
    requires: dict[str, tuple[str, ...]]
    advised: dict[str, tuple[str, ...]]
    broken: tuple[BrokenEdge, ...]
    # concept -> the concept it is taught for, ahead of its own reading position: a
    # prerequisite read later (further on, or in a later document) comes just before the
    # earliest concept that needs it, in that concept's part of the course
    taught_for: dict[str, str] = field(default_factory=dict)


def order_concepts(graph: CourseGraph, chosen: Collection[str]) -> Ordering:
    nodes = sorted(chosen)
    edges = _strongest_edges(graph, set(nodes))
    for pair in [p for p, e in edges.items() if against_reading_order(graph, e)]:
        del edges[pair]
    broken = _self_loops(graph, nodes) + _break_cycles(nodes, edges)
    for edge in broken:
        edges.pop((edge.prerequisite, edge.concept), None)
    # Where the mandatory edges alone put each concept: a hint whose prerequisite is read
    # after that is against the reading order too (see _pulled_hints).
    pulled, _ = _needed_at(nodes, *_links(nodes, edges, mandatory_only=True), graph)
    for pair in _pulled_hints(graph, edges, pulled):
        del edges[pair]
    successors, predecessors = _links(nodes, edges, mandatory_only=False)
    key, taught_for = _needed_at(nodes, successors, predecessors, graph)
    order = _kahn(successors, predecessors, graph, key)
    requires = {n: tuple(p for p in predecessors[n] if edges[p, n].mandatory) for n in nodes}
    advised = {n: tuple(p for p in predecessors[n] if not edges[p, n].mandatory) for n in nodes}
    return Ordering(tuple(order), requires, advised, tuple(broken), taught_for)


def against_reading_order(graph: CourseGraph, edge: PrerequisiteInput) -> bool:
    """An optional prerequisite first read after its dependent: in a later document (the
    teacher put the documents in that order, and a hint, "分支结构" before the "Python"
    that lesson 1 already taught, learned from lesson 2's sections, must not pull a later
    lesson's topic to the front), or further on in the same one (a physics book uses 质量
    in chapter 1 and defines it with 惯性 in chapter 4: "力 before 质量", read from chapter
    4's sections, held 质量 and 质点, which needs it, back until after forces)."""
    if edge.mandatory:
        return False
    return graph.teaching[edge.prerequisite] > graph.teaching[edge.concept]


def _links(
    nodes: list[str], edges: dict[Pair, PrerequisiteInput], *, mandatory_only: bool
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(successors, predecessors) of each node over `edges` (only the mandatory ones)."""
    successors: dict[str, list[str]] = {n: [] for n in nodes}
    predecessors: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in sorted(edges):
        if edges[a, b].mandatory or not mandatory_only:
            successors[a].append(b)
            predecessors[b].append(a)
    return successors, predecessors


def _pulled_hints(
    graph: CourseGraph,
    edges: dict[Pair, PrerequisiteInput],
    pulled: dict[str, tuple[int, int, str]],
) -> list[Pair]:
    """Optional edges whose prerequisite is read after the place where the mandatory
    edges put its dependent. A concept pulled ahead for an earlier chapter (an anatomy
    course's "membrane", of the heart chapter, taught for the tissue chapter's "tissue
    membrane") brought its hints along, and what they need: "action potential" hinted
    at "membrane", and with it "axon", "neurons" and "nervous system" of the third
    chapter came into week 1."""
    return [
        pair
        for pair, edge in edges.items()
        if not edge.mandatory and graph.teaching[edge.prerequisite] > pulled[edge.concept][:2]
    ]


def _strength(edge: PrerequisiteInput) -> tuple[bool, float, str, str]:
    return (edge.mandatory, edge.weight, edge.prerequisite, edge.concept)


def _strongest_edges(graph: CourseGraph, chosen: set[str]) -> dict[Pair, PrerequisiteInput]:
    """One edge per ordered pair (the strongest of duplicates), without self-loops."""
    out: dict[Pair, PrerequisiteInput] = {}
    for concept in chosen:
        for edge in graph.incoming[concept]:
            pair = (edge.prerequisite, edge.concept)
            if edge.prerequisite not in chosen or edge.prerequisite == edge.concept:
                continue
            if pair not in out or _strength(edge) > _strength(out[pair]):
                out[pair] = edge
    return out


def _self_loops(graph: CourseGraph, nodes: list[str]) -> list[BrokenEdge]:
    """A concept listed as its own prerequisite: the shortest cycle, reported like others."""
    loops = {
        (e.prerequisite, e.concept): e
        for n in nodes
        for e in graph.incoming[n]
        if e.prerequisite == e.concept
    }
    return [
        BrokenEdge(e.prerequisite, e.concept, e.mandatory, e.weight, (e.concept,))
        for _, e in sorted(loops.items())
    ]


def _break_cycles(nodes: list[str], edges: dict[Pair, PrerequisiteInput]) -> list[BrokenEdge]:
    """Depth-first search; each back edge closes a cycle (the path on the stack plus the
    edge), and the weakest edge of that cycle is removed.

    A removed tree edge unwinds the stack to its start; the unwound nodes are searched
    again later. A finished node reaches only finished nodes, none of them on a cycle,
    so every cycle is found. Deterministic: roots and successors in id order.
    """
    successors: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in sorted(edges):
        successors[a].append(b)
    removed: set[Pair] = set()
    broken: list[BrokenEdge] = []
    finished: set[str] = set()
    for root in nodes:
        if root in finished:
            continue
        stack = [root]
        depth = {root: 0}  # node -> index on the stack (the nodes being searched)
        cursor = {root: 0}
        while stack:
            u = stack[-1]
            if cursor[u] == len(successors[u]):
                finished.add(u)
                del depth[stack.pop()]
                continue
            v = successors[u][cursor[u]]
            cursor[u] += 1
            if (u, v) in removed or v in finished:
                continue
            if v not in depth:
                depth[v] = len(stack)
                cursor[v] = 0
                stack.append(v)
                continue
            cycle = [*stack[depth[v] :], v]
            weakest = min(pairwise(cycle), key=lambda p: _strength(edges[p]))
            removed.add(weakest)
            edge = edges[weakest]
            broken.append(
                BrokenEdge(edge.prerequisite, edge.concept, edge.mandatory, edge.weight,
                           tuple(cycle[:-1]))
            )  # fmt: skip
            for node in stack[depth[weakest[0]] + 1 :]:
                del depth[node]
            del stack[depth[weakest[0]] + 1 :]
    return broken


def _needed_at(
    nodes: list[str],
    successors: dict[str, list[str]],
    predecessors: dict[str, list[str]],
    graph: CourseGraph,
) -> tuple[dict[str, tuple[int, int, str]], dict[str, str]]:
    """A concept's reading position, or its earliest dependent's if that comes sooner;
    and for each concept so pulled ahead, the concept whose position it took (through a
    chain of such pulls, the one read there)."""
    key = {n: (*graph.teaching[n], n) for n in nodes}
    taught_for: dict[str, str] = {}
    sorter = TopologicalSorter({n: predecessors[n] for n in nodes})
    for node in reversed(list(sorter.static_order())):
        for dependent in successors[node]:
            needed = (*key[dependent][:2], node)
            if needed < key[node]:
                key[node] = needed
                taught_for[node] = taught_for.get(dependent, dependent)
    return key, taught_for


def _kahn(
    successors: dict[str, list[str]],
    predecessors: dict[str, list[str]],
    graph: CourseGraph,
    key: dict[str, tuple[int, int, str]],
) -> list[str]:
    waiting = {n: len(p) for n, p in predecessors.items()}
    ready = {n for n, count in waiting.items() if count == 0}
    heap = sorted(key[n] for n in ready)
    order: list[str] = []
    last: str | None = None
    while ready:
        while heap[0][2] not in ready:
            heapq.heappop(heap)
        nxt = _related_ready(graph, last, ready, key, earliest=heap[0])
        if nxt is None:
            nxt = heapq.heappop(heap)[2]
        ready.discard(nxt)
        order.append(nxt)
        last = nxt
        for dependent in successors[nxt]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                ready.add(dependent)
                heapq.heappush(heap, key[dependent])
    return order


def _related_ready(
    graph: CourseGraph,
    last: str | None,
    ready: set[str],
    key: dict[str, tuple[int, int, str]],
    *,
    earliest: tuple[int, int, str],
) -> str | None:
    """The ready concept most strongly related to `last`, when the documents read it
    soon after the earliest ready one (RELATED_WINDOW): keeping related concepts
    together must not pull a later section's concept ahead of what comes between."""
    if last is None:
        return None
    linked = [
        (-s, key[o])
        for o, s in graph.related[last].items()
        if o in ready and _soon(key[o], earliest)
    ]
    return min(linked)[1][2] if linked else None


def _soon(candidate: tuple[int, int, str], earliest: tuple[int, int, str]) -> bool:
    return candidate[0] == earliest[0] and candidate[1] - earliest[1] <= RELATED_WINDOW
