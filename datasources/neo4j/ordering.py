"""Topological ordering of concepts by PREREQUISITE edges, safe on cycles."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Ordering(Generic[K]):
    """`order` lists every node once, each after its prerequisites where possible.

    `broken` names the edges (before, after) that had to be ignored because they
    closed a cycle; empty when the graph is acyclic.
    """

    order: list[K]
    broken: list[tuple[K, K]] = field(default_factory=list)


def topological_order(
    nodes: Iterable[K],
    edges: Sequence[tuple[K, K, bool]],
    *,
    sort_key: Callable[[K], object],
) -> Ordering[K]:
    """Kahn's algorithm; ties broken by `sort_key` so the result is deterministic.

    `edges` are (before, after, mandatory). On a cycle, optional edges into the
    remaining nodes are dropped first; if that is not enough, the remaining node with
    the fewest unmet prerequisites is released and its incoming edges reported.
    """
    pending: dict[K, dict[K, bool]] = {n: {} for n in nodes}
    outgoing: dict[K, list[K]] = {n: [] for n in pending}
    for before, after, mandatory in edges:
        if before == after or before not in pending or after not in pending:
            continue
        pending[after][before] = pending[after].get(before, False) or mandatory
        outgoing[before].append(after)

    ready = [(sort_key(n), i, n) for i, n in enumerate(pending) if not pending[n]]
    heapq.heapify(ready)
    counter = len(pending)
    order: list[K] = []
    broken: list[tuple[K, K]] = []
    done: set[K] = set()

    def release(node: K) -> None:
        nonlocal counter
        done.add(node)
        order.append(node)
        for nxt in outgoing[node]:
            waits = pending[nxt]
            if node in waits:
                del waits[node]
                if not waits and nxt not in done:
                    counter += 1
                    heapq.heappush(ready, (sort_key(nxt), counter, nxt))

    while len(done) < len(pending):
        while ready:
            _, _, node = heapq.heappop(ready)
            if node not in done:
                release(node)
        if len(done) == len(pending):
            break
        # A cycle remains: release the least-blocked node, preferring optional waits.
        stuck = [n for n in pending if n not in done]
        victim = min(
            stuck,
            key=lambda n: (sum(pending[n].values()), len(pending[n]), sort_key(n)),
        )
        broken.extend((before, victim) for before in sorted(pending[victim], key=sort_key))
        pending[victim].clear()
        release(victim)
    return Ordering(order=order, broken=broken)
