"""The prerequisite diagram: a small layered layout over the course order.

A concept's layer is one below its deepest prerequisite in the course; layers are
drawn top to bottom, at most PER_ROW boxes a row, each box under the middle of its
prerequisites. Only concepts with a prerequisite link inside the course are drawn,
and only the links no longer path already implies (the transitive reduction). Past
MAX_NODES boxes a drawing would be unreadable: the concept tables still name each
concept's prerequisites. The HTML template turns the
layout into inline SVG (so WeasyPrint draws it in the PDF); Markdown gets Mermaid.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from jobs.rendering.course import Concept

NODE_W, NODE_H = 160, 40
GAP_X, GAP_Y = 20, 44
PER_ROW = 5
MARGIN = 8
# Label width in half-width units: a CJK character is two; about 24 fit in a box.
LABEL_UNITS = 24
MAX_NODES = 120


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    title: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class Edge:
    path: str
    advised: bool


@dataclass(frozen=True, slots=True)
class Diagram:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    # (prerequisite index, concept index, advised) for Mermaid; indexes into nodes
    links: tuple[tuple[int, int, bool], ...]


def _units(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def short(label: str, units: int = LABEL_UNITS) -> str:
    used = 0
    for i, char in enumerate(label):
        used += _units(char)
        if used > units:
            return label[: max(0, i - 1)] + "…"
    return label


def layout(concepts: Sequence[Concept]) -> Diagram | None:
    """None when no concept builds on another one in the course, or too many do."""
    links = _direct_links(concepts)
    linked = {a for a, _, _ in links} | {b for _, b, _ in links}
    if not links or len(linked) > MAX_NODES:
        return None
    drawn = [c for c in concepts if c.id in linked]
    layer: dict[str, int] = {}
    for concept in drawn:  # course order puts prerequisites first
        before = [layer[p] for p in (*concept.requires, *concept.advised) if p in layer]
        layer[concept.id] = 1 + max(before, default=-1)
    width = 2 * MARGIN + PER_ROW * NODE_W + (PER_ROW - 1) * GAP_X
    nodes: list[Node] = []
    centre: dict[str, float] = {}
    row_count = 0
    for depth in sorted(set(layer.values())):
        members = [c for c in drawn if layer[c.id] == depth]
        # Under the middle of their prerequisites (fewer crossings), else in course order.
        members.sort(key=lambda c: _mean([centre[p] for p in (*c.requires, *c.advised)
                                          if p in centre]))  # fmt: skip
        for start in range(0, len(members), PER_ROW):
            row = members[start : start + PER_ROW]
            used = len(row) * NODE_W + (len(row) - 1) * GAP_X
            left = (width - used) // 2
            y = MARGIN + row_count * (NODE_H + GAP_Y)
            for k, concept in enumerate(row):
                x = left + k * (NODE_W + GAP_X)
                nodes.append(Node(concept.id, short(concept.title), concept.title, x, y))
                centre[concept.id] = x + NODE_W / 2
            row_count += 1
    index = {n.id: i for i, n in enumerate(nodes)}
    edges = []
    for a, b, advised in links:
        tail, head = nodes[index[a]], nodes[index[b]]
        x1, y1 = tail.x + NODE_W // 2, tail.y + NODE_H
        x2, y2 = head.x + NODE_W // 2, head.y - 4  # the arrow head ends on the box
        bend = GAP_Y // 2
        path = f"M {x1} {y1} C {x1} {y1 + bend}, {x2} {y2 - bend}, {x2} {y2}"
        edges.append(Edge(path, advised))
    height = 2 * MARGIN + row_count * NODE_H + (row_count - 1) * GAP_Y
    return Diagram(
        width,
        height,
        tuple(nodes),
        tuple(edges),
        tuple((index[a], index[b], advised) for a, b, advised in links),
    )


def _direct_links(concepts: Sequence[Concept]) -> list[tuple[str, str, bool]]:
    """(prerequisite, concept, advised) links not implied by a longer path."""
    ancestors: dict[str, set[str]] = {}
    links = []
    for concept in concepts:  # course order: prerequisites first
        before = [p for p in (*concept.requires, *concept.advised) if p in ancestors]
        implied = set().union(*(ancestors[p] for p in before))
        links += [(p, concept.id, p in concept.advised) for p in before if p not in implied]
        ancestors[concept.id] = implied | set(before)
    return links


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def mermaid_label(text: str) -> str:
    """A Mermaid node label inside double quotes: entity codes for what would end it."""
    for raw, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(raw, code)
    return " ".join(text.split())
