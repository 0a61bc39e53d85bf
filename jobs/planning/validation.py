"""Refuse planning input that cannot make a course, with the field to blame."""

from __future__ import annotations

import math
from collections import Counter

from jobs.planning.errors import (
    ConflictingSelection,
    InputTooLarge,
    InvalidBudget,
    PlanningError,
    UnknownIds,
)
from jobs.planning.inputs import DIFFICULTIES, PlanningInput

# The same bounds as the course mutations (schema/mutations/courses.py).
MAX_WEEKS = 104
MAX_HOURS_PER_WEEK = 80
# Ten times the benchmark's 5,000 concepts / 20,000 edges: past this the job would
# hold minutes of CPU and the answer could not be read by a teacher anyway.
MAX_CONCEPTS = 50_000
MAX_EDGES = 200_000


def validate(data: PlanningInput) -> None:
    """Raise the PlanningError that says what is wrong; return when the input is usable."""
    request = data.request
    if not 1 <= request.duration_weeks <= MAX_WEEKS:
        raise InvalidBudget(
            f"durationWeeks must be between 1 and {MAX_WEEKS}", field="durationWeeks"
        )
    if not 1 <= request.hours_per_week <= MAX_HOURS_PER_WEEK:
        raise InvalidBudget(
            f"hoursPerWeek must be between 1 and {MAX_HOURS_PER_WEEK}", field="hoursPerWeek"
        )
    if len(data.concepts) > MAX_CONCEPTS:
        raise InputTooLarge(
            f"{len(data.concepts)} concepts is more than the {MAX_CONCEPTS} a course can be "
            "planned from: choose fewer documents"
        )
    edges = len(data.prerequisites) + len(data.relations)
    if edges > MAX_EDGES:
        raise InputTooLarge(
            f"{edges} edges is more than the {MAX_EDGES} a course can be planned from: "
            "choose fewer documents"
        )
    if request.difficulty_level is not None and request.difficulty_level not in DIFFICULTIES:
        raise PlanningError(
            f"difficultyLevel must be one of {', '.join(DIFFICULTIES)}", field="difficultyLevel"
        )
    _check_documents(data)
    _check_concepts(data)
    _check_selection(data)
    _check_edges(data)


def _check_documents(data: PlanningInput) -> None:
    requested = data.request.document_ids
    if not requested:
        raise PlanningError("choose at least one document", field="documentIds")
    repeated = [d for d, n in Counter(requested).items() if n > 1]
    if repeated:
        raise PlanningError(f"document listed twice: {repeated[0]}", field="documentIds")
    known = {d.id for d in data.documents}
    missing = set(requested) - known
    if missing:
        raise UnknownIds("documents", missing, field="documentIds")


def _check_concepts(data: PlanningInput) -> None:
    repeated = [c for c, n in Counter(c.id for c in data.concepts).items() if n > 1]
    if repeated:
        raise PlanningError(f"concept given twice: {repeated[0]}")
    for concept in data.concepts:
        if concept.difficulty not in DIFFICULTIES:
            raise PlanningError(f"concept {concept.id} has difficulty {concept.difficulty!r}")
        if concept.text_volume < 0:
            raise PlanningError(f"concept {concept.id} has a negative text volume")
        for mention in concept.mentions:
            if not _unit(mention.confidence):
                raise PlanningError(f"concept {concept.id} has a confidence outside 0..1")


def _check_selection(data: PlanningInput) -> None:
    request = data.request
    known = {c.id for c in data.concepts}
    both = set(request.focus_concept_ids) & set(request.exclude_concept_ids)
    if both:
        raise ConflictingSelection(
            f"concept both in focus and excluded: {', '.join(sorted(both))}",
            field="excludeConceptIds",
        )
    for name, ids in (
        ("focusConceptIds", request.focus_concept_ids),
        ("excludeConceptIds", request.exclude_concept_ids),
    ):
        unknown = set(ids) - known
        if unknown:
            raise UnknownIds("concepts", unknown, field=name)


def _check_edges(data: PlanningInput) -> None:
    known = {c.id for c in data.concepts}
    ends = {e.prerequisite for e in data.prerequisites} | {e.concept for e in data.prerequisites}
    ends |= {e.source for e in data.relations} | {e.target for e in data.relations}
    if ends - known:
        raise UnknownIds("concepts at the end of an edge", ends - known)
    for edge in data.prerequisites:
        if not _unit(edge.weight):
            raise PlanningError(f"prerequisite weight outside 0..1 on {edge.prerequisite}")
    for relation in data.relations:
        if not _unit(relation.strength):
            raise PlanningError(f"relation strength outside 0..1 on {relation.source}")


def _unit(value: float) -> bool:
    return math.isfinite(value) and 0.0 <= value <= 1.0
