"""PREREQUISITE edges inside one document, from signals a person can check.

For two concepts A and B, each signal votes "A before B" with a weight:

- containment (0.9): A's name is part of B's ("reference" → "mutable reference",
  线性方程 → 线性方程组)
- definition (0.8): A is named in the sentence that defines B (or the 160 characters after it)
- heading (0.6): B heads a subsection of the section whose heading names A (a concept merely
  used inside A's section is often one A is explained with, so it does not vote)
- spread (0.4): B's sections mention A much more often than A's sections mention B
  (reference distance, Liang et al. 2015, with sections as pages)
- order (0.3): A is first mentioned before B

An edge needs two agreeing signals and a net vote of at least `MIN_NET`; with neither
containment, definition nor heading among them (order and spread only), the two concepts
must also be named together in at least `MIN_SHARED` paragraphs. It is mandatory when
containment or definition is among its signals. Edges are added strongest first and one that
would close a cycle is skipped, so the result is acyclic (mandatory or not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jobs.pipeline.concepts import Draft
from jobs.pipeline.mentions import mention_pattern
from jobs.pipeline.model import Block, Prerequisite
from jobs.pipeline.normalise import contained
from jobs.pipeline.sections import Outline

WEIGHTS = {
    "containment": 0.9,
    "definition": 0.8,
    "heading": 0.6,
    "spread": 0.4,
    "order": 0.3,
}
MIN_NET = 0.6
STRUCTURAL = {"containment", "definition", "heading"}
DEFINITION_TAIL = 160  # characters after the defining sentence that still explain it
MIN_SHARED = 2  # paragraphs naming both
MAX_INCOMING = 6
SPREAD_GAP = 0.25


@dataclass(frozen=True, slots=True)
class _Vote:
    signal: str
    source: str
    target: str
    why: str


def infer(drafts: Sequence[Draft], blocks: Sequence[Block], outline: Outline) -> list[Prerequisite]:
    votes = _votes(drafts, blocks, outline)
    by_pair: dict[tuple[str, str], list[_Vote]] = {}
    for vote in votes:
        by_pair.setdefault((vote.source, vote.target), []).append(vote)
    mentions = {d.key: set(d.mentions) for d in drafts}
    candidates: list[Prerequisite] = []
    for (source, target), support in by_pair.items():
        against = by_pair.get((target, source), [])
        net = sum(WEIGHTS[v.signal] for v in support) - sum(WEIGHTS[v.signal] for v in against)
        signals = {v.signal for v in support}
        if len(signals) < 2 or net < MIN_NET:
            continue
        if not signals & STRUCTURAL and len(mentions[source] & mentions[target]) < MIN_SHARED:
            continue  # order and spread alone need the two to be discussed together
        mandatory = bool(signals & {"containment", "definition"}) and net >= 0.9
        weight = round(min(1.0, 0.2 + net / 2.5), 2)
        evidence = tuple(f"{v.signal}: {v.why}" for v in support)
        candidates.append(Prerequisite(source, target, mandatory, weight, evidence))
    return acyclic(candidates)


def acyclic(
    candidates: Sequence[Prerequisite], max_incoming: int = MAX_INCOMING
) -> list[Prerequisite]:
    """Strongest first (mandatory before optional); skip an edge that would close a cycle."""
    ordered = sorted(candidates, key=lambda e: (not e.mandatory, -e.weight, e.source, e.target))
    successors: dict[str, set[str]] = {}
    incoming: dict[str, int] = {}
    kept: list[Prerequisite] = []
    for edge in ordered:
        if incoming.get(edge.target, 0) >= max_incoming or _reaches(
            successors, edge.target, edge.source
        ):
            continue
        successors.setdefault(edge.source, set()).add(edge.target)
        incoming[edge.target] = incoming.get(edge.target, 0) + 1
        kept.append(edge)
    return kept


def _reaches(successors: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in successors.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _votes(drafts: Sequence[Draft], blocks: Sequence[Block], outline: Outline) -> list[_Vote]:
    votes: list[_Vote] = []
    first = {d.key: _introduced(d, blocks) for d in drafts}
    sections = {d.key: {outline.section_of[b] for b in d.mentions} for d in drafts}
    home = {d.key: _home(d, outline) for d in drafts}
    for a in drafts:
        # A chapter's title heading votes too ("Smart Pointers" before Box<T>, 梯度下降 before
        # 学习率): without it a chapter's topic came before none of what its sections teach.
        heading = _own_heading(a, blocks)
        for b in drafts:
            if a.key != b.key:
                votes.extend(_pair_votes(a, b, heading, blocks, outline, first, sections, home))
    return votes


def _pair_votes(
    a: Draft,
    b: Draft,
    heading: int | None,
    blocks: Sequence[Block],
    outline: Outline,
    first: dict[str, int],
    sections: dict[str, set[int]],
    home: dict[str, int],
) -> list[_Vote]:
    votes: list[_Vote] = []
    if contained(a.key, b.key):
        votes.append(_Vote("containment", a.key, b.key, f"“{a.title}” is part of “{b.title}”"))
    if b.definition is not None and _defines_with(a, b, blocks):
        page = blocks[b.definition.block].page
        why = f"“{a.title}” is used to define “{b.title}” (p. {page})"
        votes.append(_Vote("definition", a.key, b.key, why))
    b_heading = _own_heading(b, blocks) is not None
    if (
        b_heading
        and heading is not None
        and home[b.key] != heading
        and heading in _chain(home[b.key], outline)
    ):
        why = f"“{b.title}” is introduced under “{blocks[heading].text}”"
        votes.append(_Vote("heading", a.key, b.key, why))
    shared = sections[a.key] & sections[b.key]
    if not shared:
        return votes
    a_given_b = len(shared) / len(sections[b.key])
    b_given_a = len(shared) / len(sections[a.key])
    if a_given_b - b_given_a >= SPREAD_GAP:
        why = (
            f"sections on “{b.title}” mention “{a.title}” ({a_given_b:.0%})"
            f" more than the reverse ({b_given_a:.0%})"
        )
        votes.append(_Vote("spread", a.key, b.key, why))
    if first[a.key] < first[b.key]:
        pa, pb = blocks[first[a.key]].page, blocks[first[b.key]].page
        why = f"“{a.title}” first appears before “{b.title}” (p. {pa} vs p. {pb})"
        votes.append(_Vote("order", a.key, b.key, why))
    return votes


def _own_heading(draft: Draft, blocks: Sequence[Block]) -> int | None:
    """The heading block that names the concept, if it has one."""
    for block in draft.cue_blocks:
        if blocks[block].kind == "heading":
            return block
    return None


def _introduced(draft: Draft, blocks: Sequence[Block]) -> int:
    """Where a concept is introduced: its definition or its own heading, else its first mention
    (a chapter's opening often names what comes later without introducing it)."""
    marks = [b for b in draft.cue_blocks if blocks[b].kind == "heading"]
    if draft.definition is not None:
        marks.append(draft.definition.block)
    return min(marks) if marks else min(draft.mentions)


def _home(draft: Draft, outline: Outline) -> int:
    """The heading a concept is introduced under: its own, its definition's, its first mention's."""
    if draft.cue_blocks:
        return (
            draft.cue_blocks[0]
            if draft.cue_blocks[0] in outline.parents
            else outline.section_of[draft.cue_blocks[0]]
        )
    if draft.definition is not None:
        return outline.section_of[draft.definition.block]
    return outline.section_of[min(draft.mentions)]


def _chain(heading: int, outline: Outline) -> list[int]:
    return [heading, *outline.ancestors(heading)] if heading >= 0 else []


def _defines_with(a: Draft, b: Draft, blocks: Sequence[Block]) -> bool:
    """A is named where B is defined: the defining sentence and the sentence after it."""
    assert b.definition is not None
    if contained(a.key, b.key) or contained(b.key, a.key):
        return False  # the defined term's own words do not count
    sentence = b.definition.sentence
    text = blocks[b.definition.block].text
    start = text.find(sentence)
    window = text[start : start + len(sentence) + DEFINITION_TAIL] if start >= 0 else sentence
    own = mention_pattern(b.key)
    return mention_pattern(a.key).search(own.sub(" ", window)) is not None
