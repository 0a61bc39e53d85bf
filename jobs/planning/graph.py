"""Indexes over the planning input: who needs whom, who relates to whom, where it is read."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from datasources.concept_keys import concept_key
from jobs.planning.inputs import ConceptInput, Mention, PlanningInput, PrerequisiteInput

# Concepts that no chosen document mentions sort after every mentioned one.
UNMENTIONED = (1 << 30, 1 << 30)
# A mention this much less sure than the concept's surest one (0.5 for a term a chapter
# names in passing, 0.94 where another chapter heads and defines it) is no place to teach
# it: `CourseGraph.teaching`.
PASSING_MARGIN = 0.25
# The extractor's confidence in a concept that no heading, emphasis, gloss or definition
# marks, a term only its frequency found (jobs/pipeline/knowledge.py, `_concept`).
UNMARKED_CONFIDENCE = 0.35
# A phrase that is the heading of the cover (the first page's only heading) of this many
# of the course's documents, and of half of them at least, names the course or the series
# (`CourseGraph.course_names`).
MIN_COVERS = 3


@dataclass(slots=True)
class CourseGraph:
    concepts: dict[str, ConceptInput]
    # concept -> its prerequisite edges / prerequisite -> edges of its dependents
    incoming: dict[str, list[PrerequisiteInput]]
    outgoing: dict[str, list[PrerequisiteInput]]
    related: dict[str, dict[str, float]]
    # (document order, first-mention order) of the earliest mention in a chosen document
    # (selection: the document whose share a concept is taught from)
    reading: dict[str, tuple[int, int]]
    # chosen documents' ids and their position in the request
    document_order: dict[str, int]
    # (document id, *headings) of the section where the concept is taught (`teaching`);
    # () for an unmentioned concept (jobs/planning/headings.py)
    section: dict[str, tuple[str, ...]]
    # The concepts the chosen documents use but never define nor mark (no definition, no
    # heading, emphasis or gloss in any of them). Other concepts' definitions use them
    # ("a process by which an organism learns"), so they came in as mandatory
    # prerequisites and a psychology course taught "scientists", "abilities" and
    # "organism" in its first weeks: they are taught on their own score only, never
    # pulled in for another concept (jobs/planning/selection.py).
    vocabulary: frozenset[str]
    # Where the documents treat the concept, the position the order teaches it at: its
    # earliest mention marked nearly as surely as its surest (PASSING_MARGIN). A
    # psychology course's learning chapter names "cognition" in passing (0.5) and its
    # fourth chapter heads and defines it (0.94): taught at its first mention, it pulled
    # "thinking" and "language" (which it needs) and "memory" (which they need) from
    # chapters 2 and 4 into weeks 1 and 2 (jobs/planning/ordering.py).
    teaching: dict[str, tuple[int, int]]
    # chosen documents' reading units (DocumentInput.word_count), None when unknown
    words: dict[str, int | None]
    # What the covers of many of the chosen documents are headed with (MIN_COVERS, and
    # half of them): the course's or the series' name, not a topic of any one of them.
    # Six SUSTech decks each open on a title slide "Advanced Programming", which became a
    # concept and week 1's module "Advanced Programming: Advanced Programming". Such a
    # concept counts as unmentioned by the chosen documents and has no edges, so it is
    # neither taught nor a course prerequisite (`report.left_out`, reason `course_name`);
    # a focus concept never is one.
    course_names: frozenset[str] = frozenset()

    @classmethod
    def build(cls, data: PlanningInput) -> CourseGraph:
        by_id = {d.id: d for d in data.documents}
        document_order = {d: (by_id[d].order, i) for i, d in enumerate(data.request.document_ids)}
        rank = {d: i for i, d in enumerate(sorted(document_order, key=document_order.__getitem__))}
        names = _course_names(data.concepts, rank, set(data.request.focus_concept_ids))
        concepts = {c.id: _unmentioned(c, rank) if c.id in names else c for c in data.concepts}
        incoming: dict[str, list[PrerequisiteInput]] = {c: [] for c in concepts}
        outgoing: dict[str, list[PrerequisiteInput]] = {c: [] for c in concepts}
        for edge in data.prerequisites:
            if edge.prerequisite in names or edge.concept in names:
                continue
            incoming[edge.concept].append(edge)
            outgoing[edge.prerequisite].append(edge)
        related: dict[str, dict[str, float]] = {c: {} for c in concepts}
        for rel in data.relations:
            if rel.source == rel.target or rel.source in names or rel.target in names:
                continue
            for a, b in ((rel.source, rel.target), (rel.target, rel.source)):
                related[a][b] = max(related[a].get(b, 0.0), rel.strength)
        first = {c.id: _home(c, rank, 1.0) for c in concepts.values()}
        home = {c.id: _home(c, rank, PASSING_MARGIN) for c in concepts.values()}
        reading = {
            c: (rank[m.document_id], m.order) if m else UNMENTIONED for c, m in first.items()
        }
        section = {c: (m.document_id, *m.section) if m else () for c, m in home.items()}
        teaching = {
            c: (rank[m.document_id], m.order) if m else UNMENTIONED for c, m in home.items()
        }
        vocabulary = frozenset(
            c.id
            for c in concepts.values()
            if first[c.id] is not None
            and not c.count("definition")
            and all(
                m.confidence <= UNMARKED_CONFIDENCE for m in c.mentions if m.document_id in rank
            )
        )
        words = {d: by_id[d].word_count for d in rank}
        return cls(
            concepts,
            incoming,
            outgoing,
            related,
            reading,
            rank,
            section,
            vocabulary,
            teaching,
            words,
            names,
        )

    def mentioned(self, concept_id: str) -> bool:
        return self.reading[concept_id] != UNMENTIONED

    def mandatory_prerequisites(self, concept_id: str) -> list[str]:
        return [e.prerequisite for e in self.incoming[concept_id] if e.mandatory]

    def mandatory_closure(self, start: Iterable[str], *, stop: set[str]) -> list[str]:
        """Every concept reachable backwards over mandatory edges, not entering `stop`.

        Deterministic: breadth first, prerequisites visited in id order.
        """
        seen: set[str] = set()
        out: list[str] = []
        queue = deque(s for s in start if s not in stop)
        while queue:
            current = queue.popleft()
            if current in seen:
                continue
            seen.add(current)
            out.append(current)
            queue.extend(p for p in sorted(self.mandatory_prerequisites(current)) if p not in stop)
        return out


def _course_names(
    concepts: Iterable[ConceptInput], rank: Mapping[str, int], focus: set[str]
) -> frozenset[str]:
    """The concepts that head the covers of MIN_COVERS of the chosen documents, and of half
    of them at least (`CourseGraph.course_names`): on the first page, under no heading but
    the one that names them."""
    if len(rank) < MIN_COVERS:
        return frozenset()
    out = set()
    for concept in concepts:
        key = concept_key(concept.title)
        covers = {
            m.document_id
            for m in concept.mentions
            if m.document_id in rank
            and m.page == 1
            and len(m.section) == 1
            and concept_key(m.section[0]) == key
        }
        if len(covers) >= MIN_COVERS and 2 * len(covers) >= len(rank) and concept.id not in focus:
            out.add(concept.id)
    return frozenset(out)


def _unmentioned(concept: ConceptInput, rank: Mapping[str, int]) -> ConceptInput:
    """The concept as the chosen documents had never named it."""
    return replace(
        concept, mentions=tuple(m for m in concept.mentions if m.document_id not in rank)
    )


def _home(concept: ConceptInput, rank: dict[str, int], margin: float) -> Mention | None:
    """The concept's first mention in the chosen documents (request order, then reading
    order) among those marked at most `margin` below its surest one."""
    mentions = [m for m in concept.mentions if m.document_id in rank]
    if not mentions:
        return None
    best = max(m.confidence for m in mentions)
    return min(
        (m for m in mentions if m.confidence >= best - margin),
        key=lambda m: (rank[m.document_id], m.order),
    )
