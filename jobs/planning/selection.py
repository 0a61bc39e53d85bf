"""Step 1: which concepts the course teaches, within the time budget.

Focus concepts come first with every mandatory prerequisite they need (from any
document), then each document's best concept, then each document's own concepts by
score within its share of the time (several documents), then the documents' concepts
by score, each with the mandatory prerequisites the documents hold, while the minutes
last.
A prerequisite no chosen document mentions is never taught for an ordinary concept:
it becomes a course prerequisite (planner.py), and it does not count towards a
concept's centrality either. Nothing is dropped
silently: every concept the documents hold and the course does not teach is
listed with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jobs.pipeline.knowledge import is_book
from jobs.planning.graph import CourseGraph
from jobs.planning.inputs import DIFFICULTIES, ConceptInput, CourseRequest
from jobs.planning.result import AddedPrerequisite, LeftOut

# A concept harder than the requested level still counts, but less.
ABOVE_LEVEL_FACTOR = 0.6
WEIGHTS = {"confidence": 0.5, "coverage": 0.25, "centrality": 0.25}
# The part of the time left after the focus concepts that is shared out among the
# documents (see _shares); the rest goes to the best concepts of all.
QUOTA_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class Selection:
    chosen: frozenset[str]
    # the focus concepts and the prerequisites they brought: never refused by a later round
    focused: frozenset[str]
    left_out: tuple[LeftOut, ...]
    prerequisites_added: tuple[AddedPrerequisite, ...]


@dataclass(frozen=True, slots=True)
class Candidates:
    """What the documents offer a course: their concepts the teacher did not exclude, best
    first, and each one's part (`course_parts`). The same in every planning round."""

    ranked: list[str]
    parts: dict[str, tuple[int, str]]


def candidates(
    graph: CourseGraph, request: CourseRequest, scores: Mapping[str, float]
) -> Candidates:
    """The concepts the documents mention, without the excluded ones, by score."""
    excluded = set(request.exclude_concept_ids)
    ranked = sorted(
        (c for c in graph.concepts if graph.mentioned(c) and c not in excluded),
        key=lambda c: (-scores[c], graph.reading[c], c),
    )
    return Candidates(ranked, course_parts(graph, ranked))


def select(
    graph: CourseGraph,
    request: CourseRequest,
    minutes: dict[str, int],
    offered: Candidates,
    *,
    budget: int,
    refused: Mapping[str, str] | None = None,
) -> Selection:
    """`offered`: `candidates(graph, request, scores)`. `refused`: concepts an earlier
    packing could not place, with its reason; they and everything that mandatorily needs
    them are left out this time."""
    excluded = set(request.exclude_concept_ids)
    refused = refused or {}
    chosen: list[str] = []
    taken: set[str] = set()
    used = 0
    left_out: list[LeftOut] = []
    added: list[AddedPrerequisite] = []
    decided: set[str] = set()

    for focus in dict.fromkeys(request.focus_concept_ids):
        closure = [c for c in graph.mandatory_closure([focus], stop=excluded) if c not in taken]
        cost = sum(minutes[c] for c in closure)
        blocked = _blocked(focus, closure, refused)
        if blocked or used + cost > budget:
            left_out.append(_left(graph, focus, blocked or "no_time", minutes))
            decided.add(focus)
            continue
        used += cost
        taken.update(closure)
        chosen.extend(closure)
        added.extend(
            AddedPrerequisite(c, graph.concepts[c].title, focus) for c in closure if c != focus
        )

    focused = frozenset(chosen)
    ranked, parts = offered.ranked, offered.parts
    # Prerequisites outside the documents are not pulled in for ordinary concepts:
    # they become course prerequisites that learners bring.
    outside = excluded | {c for c in graph.concepts if not graph.mentioned(c)}
    # Nor is the documents' vocabulary: a word they use in other concepts' definitions
    # but never define nor mark is what they expect a reader to know already.
    outside |= graph.vocabulary

    def take(concept: str, room: int, *, final: bool) -> int:
        """Minutes spent teaching `concept` (with its missing prerequisites) within
        `room`; 0 when it is taken already or does not fit. `final`: a concept that
        does not fit is left out for good (else a later pass may take it)."""
        nonlocal used
        if concept in taken or concept in decided:
            return 0
        affordable = _affordable_closure(graph, concept, (taken, outside), minutes, room)
        blocked = _blocked(concept, affordable or [], refused)
        if blocked or (affordable is None and final):
            left_out.append(_left(graph, concept, blocked or "no_time", minutes))
            decided.add(concept)
            return 0
        if affordable is None:
            return 0
        cost = sum(minutes[c] for c in affordable)
        used += cost
        taken.update(affordable)
        chosen.extend(affordable)
        return cost

    for concept in [*_best_per_document(graph, ranked), *_best_per_chapter(parts, ranked)]:
        take(concept, budget - used, final=True)
    for part, quota in _shares(parts, minutes, budget - used).items():
        spent = 0
        for concept in ranked:
            if parts[concept] == part:
                spent += take(concept, min(quota - spent, budget - used), final=False)
    for concept in ranked:
        take(concept, budget - used, final=True)

    left_out.extend(
        _left(graph, c, "excluded", minutes) for c in sorted(excluded) if graph.mentioned(c)
    )
    return Selection(frozenset(chosen), focused, tuple(left_out), tuple(added))


def _best_per_document(graph: CourseGraph, ranked: list[str]) -> list[str]:
    """Each chosen document's best concept, in document order: a course of several
    documents teaches something from each (the teacher chose them, and each resource
    must cite pages that are taught) before the best of all take the rest."""
    best: dict[str, str] = {}
    for concept in ranked:
        for mention in graph.concepts[concept].mentions:
            if mention.document_id in graph.document_order:
                best.setdefault(mention.document_id, concept)
        if len(best) == len(graph.document_order):
            break
    return [best[d] for d in sorted(best, key=graph.document_order.__getitem__)]


def _best_per_chapter(parts: Mapping[str, tuple[int, str]], ranked: list[str]) -> list[str]:
    """Each chapter's best concept, in reading order (`course_parts`), after each
    document's: a short chapter's share can be smaller than its best concept, and
    a six-week course of a whole book skipped "Sensation and Perception" between two
    chapters it taught."""
    best: dict[tuple[int, str], str] = {}
    for concept in ranked:
        if parts[concept][1]:
            best.setdefault(parts[concept], concept)
    return [best[p] for p in dict.fromkeys(parts.values()) if p in best]


def course_parts(graph: CourseGraph, ranked: list[str]) -> dict[str, tuple[int, str]]:
    """Each concept's part of the chosen documents, in reading order: its document (by
    position; where it is first met) and, in a whole book (`_book`), its chapter: the
    outermost heading of the section that treats it (`CourseGraph.section`) below the
    headings all the document's concepts share (a book's title over every chapter).
    A whole textbook is one document; shared out by document only, its course was the
    best concepts of all, which the early chapters hold (the ones later chapters build
    on score highest), and its last chapters got no week."""
    ids = {rank: document for document, rank in graph.document_order.items()}
    paths: dict[str, tuple[str, ...]] = {}
    for concept in ranked:
        document = graph.reading[concept][0]
        section = graph.section[concept]
        paths[concept] = section[1:] if section and section[0] == ids[document] else ()
    chapter: dict[str, str] = {}
    for document in ids:
        mine = [c for c in ranked if graph.reading[c][0] == document]
        depth = _shared_depth([paths[c] for c in mine if paths[c]])
        heads = {c: paths[c][depth] if len(paths[c]) > depth else "" for c in mine}
        if not _book(graph.words[ids[document]], len(set(heads.values()) - {""})):
            heads = dict.fromkeys(mine, "")
        chapter.update(heads)
    return {c: (graph.reading[c][0], chapter[c]) for c in sorted(ranked, key=graph.reading.get)}


def _book(words: int | None, chapters: int) -> bool:
    """A whole book by extraction's measure (`knowledge.is_book`, as `book_chapters`
    judges it). A chapter's sections are no chapters: shared out by section, a two-week
    course of one chapter taught each section's best where the chapter's key concepts had
    been (eval.course)."""
    return words is not None and is_book(words, chapters)


def _shared_depth(paths: list[tuple[str, ...]]) -> int:
    """How many outermost headings every path starts with while some path goes deeper
    (a book's title; what is met under the title alone is before its first chapter)."""
    depth = 0
    while (
        paths
        and all(len(p) > depth and p[depth] == paths[0][depth] for p in paths)
        and any(len(p) > depth + 1 for p in paths)
    ):
        depth += 1
    return depth


def _shares(
    parts: Mapping[str, tuple[int, str]], minutes: dict[str, int], room: int
) -> dict[tuple[int, str], int]:
    """Each part's share of `room` (`course_parts`: a chosen document, or a chapter of a
    book), in proportion to the minutes of the concepts first met in it. Taken by score
    over all documents, the concepts every chapter repeats (a first chapter's "state",
    "action", "policy") filled a course of five chapters before the later chapters' own
    concepts (Q-learning, Sarsa) were reached; a share teaches each part's best first.
    One part: no shares, the order by score is the same."""
    holds: dict[tuple[int, str], int] = {}
    for concept, part in parts.items():
        holds[part] = holds.get(part, 0) + minutes[concept]
    if len(holds) < 2:
        return {}
    total = sum(holds.values()) or 1
    return {p: room * QUOTA_SHARE * m // total for p, m in holds.items()}


def _blocked(concept: str, closure: list[str], refused: Mapping[str, str]) -> str | None:
    """The reason `concept` cannot be taught when it or a prerequisite was refused."""
    if concept in refused:
        return refused[concept]
    return "prerequisite_left_out" if any(c in refused for c in closure) else None


def _affordable_closure(
    graph: CourseGraph,
    start: str,
    stop: tuple[set[str], set[str]],
    minutes: dict[str, int],
    room: int,
) -> list[str] | None:
    """The concept and its missing mandatory prerequisites, or None once they exceed `room`.

    Stops early: once the budget is nearly spent most concepts fail after a few steps.
    """
    seen = {start}
    stack = [start]
    cost = 0
    while stack:
        current = stack.pop()
        cost += minutes[current]
        if cost > room:
            return None
        for p in graph.mandatory_prerequisites(current):
            if p not in seen and p not in stop[0] and p not in stop[1]:
                seen.add(p)
                stack.append(p)
    return sorted(seen)


def _left(graph: CourseGraph, concept: str, reason: str, minutes: dict[str, int]) -> LeftOut:
    return LeftOut(concept, graph.concepts[concept].title, reason, minutes[concept])


def score_concepts(graph: CourseGraph, request: CourseRequest) -> dict[str, float]:
    """0.5 confidence + 0.25 coverage + 0.25 centrality, each in 0..1 (WEIGHTS); centrality
    is the square root of the concept's share of the largest, so one hub (a chapter title
    before each of its sections) does not flatten every other concept's."""
    documents = max(1, len(graph.document_order))
    # Centrality counts only edges between the documents' own concepts: prerequisites
    # reached through other documents (a generic "value" that half the graph needs)
    # are not taught here and must not set the scale for the concepts that are.
    inside = {c for c in graph.concepts if graph.mentioned(c)}
    # The documents' vocabulary (`CourseGraph.vocabulary`) needs no place of its own: its
    # edges say that other concepts' definitions use the word, not that the text builds
    # on it ("behavior" before 59 concepts of a psychology chapter).
    words = graph.vocabulary
    centrality = {
        c: sum(1 for e in graph.outgoing[c] if e.concept in inside)
        + 0.5 * sum(1 for o in graph.related[c] if o in inside)
        if c in inside and c not in words
        else 0.0
        for c in graph.concepts
    }
    top = max(centrality.values(), default=0.0) or 1.0
    limit = DIFFICULTIES.index(request.difficulty_level) if request.difficulty_level else 2
    out: dict[str, float] = {}
    for concept in graph.concepts.values():
        mentions = [m for m in concept.mentions if m.document_id in graph.document_order]
        confidence = max((m.confidence for m in mentions), default=0.0)
        spread = len({m.document_id for m in mentions}) / documents
        coverage = 0.5 * spread + 0.5 * min(1.0, len(concept.extractions) / 3)
        score = (
            WEIGHTS["confidence"] * confidence
            + WEIGHTS["coverage"] * coverage
            + WEIGHTS["centrality"] * (centrality[concept.id] / top) ** 0.5
        )
        if _level(concept) > limit:
            score *= ABOVE_LEVEL_FACTOR
        out[concept.id] = round(score, 6)
    return out


def _level(concept: ConceptInput) -> int:
    return DIFFICULTIES.index(concept.difficulty)
