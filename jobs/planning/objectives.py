"""Step 4: learning objectives per week and for the course, with Bloom levels.

A concept's level follows what the documents give for it: definitions only →
remember (beginner) or understand; examples or formulas → apply; an advanced
concept → analyse, or evaluate when there are examples or formulas to judge by.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from jobs.planning.ids import plan_id
from jobs.planning.inputs import ConceptInput
from jobs.planning.result import Objective
from jobs.planning.wording import join, objective_wording

BLOOM_ORDER = ("remember", "understand", "apply", "analyze", "evaluate", "create")
VARIANT_ORDER = ("", "formula")
# Concepts named in one objective; more make a sentence nobody can assess at once.
PER_OBJECTIVE = 3
# Concepts named per level in the course-level objectives.
COURSE_PER_LEVEL = 3

Group = tuple[str, str]


def concept_level(concept: ConceptInput) -> Group:
    """(bloom level, wording variant) for one concept."""
    examples = bool(concept.named("example"))
    formulas = bool(concept.named("formula"))
    if concept.difficulty == "advanced":
        return ("evaluate" if examples or formulas else "analyze", "")
    if formulas and not examples:
        return ("apply", "formula")
    if examples or formulas:
        return ("apply", "")
    if concept.difficulty == "beginner" and concept.count("definition"):
        return ("remember", "")
    return ("understand", "")


def _groups(concepts: Sequence[ConceptInput]) -> list[tuple[Group, list[ConceptInput]]]:
    by_group: dict[Group, list[ConceptInput]] = {}
    for concept in concepts:
        by_group.setdefault(concept_level(concept), []).append(concept)
    return sorted(
        by_group.items(),
        key=lambda item: (BLOOM_ORDER.index(item[0][0]), VARIANT_ORDER.index(item[0][1])),
    )


def _objective(
    course_id: str,
    key: str,
    group: Group,
    concepts: Sequence[ConceptInput],
    *,
    language: str,
    week: int | None,
    priority: int,
) -> Objective:
    wording = objective_wording(language, *group)
    return Objective(
        id=plan_id(course_id, "objective", key),
        description=wording.template.format(x=join(language, [c.title for c in concepts])),
        bloom_level=group[0],
        verb=wording.verb,
        measurable=True,
        concept_ids=tuple(c.id for c in concepts),
        week=week,
        priority=priority,
    )


def week_objectives(
    course_id: str, week: int, concepts: Sequence[ConceptInput], *, language: str, first: int
) -> list[Objective]:
    """One objective per level and up to PER_OBJECTIVE concepts; priorities from `first`."""
    out: list[Objective] = []
    for group, members in _groups(concepts):
        for start in range(0, len(members), PER_OBJECTIVE):
            chunk = members[start : start + PER_OBJECTIVE]
            key = f"week/{week}/{len(out) + 1}"
            out.append(
                _objective(
                    course_id,
                    key,
                    group,
                    chunk,
                    language=language,
                    week=week,
                    priority=first + len(out),
                )
            )
    return out


def course_objectives(
    course_id: str,
    concepts: Sequence[ConceptInput],
    scores: Mapping[str, float],
    *,
    language: str,
) -> list[Objective]:
    """One objective per level present, naming its highest-scoring concepts."""
    out: list[Objective] = []
    for group, members in _groups(concepts):
        position = {c.id: i for i, c in enumerate(members)}
        best = sorted(members, key=lambda c: (-scores[c.id], position[c.id]))[:COURSE_PER_LEVEL]
        best.sort(key=lambda c: position[c.id])
        key = f"course/{len(out) + 1}"
        out.append(
            _objective(
                course_id, key, group, best, language=language, week=None, priority=len(out) + 1
            )
        )
    return out


def as_course_objectives(
    objectives: Sequence[Objective], course: Sequence[Objective]
) -> list[Objective]:
    """A week's objective that says what a course objective says (the same level and
    concepts; every objective of a one-week course) is that objective: it takes its id, so
    the course names it once (one LearningObjective node, one ACHIEVES edge) and the week
    still lists it."""
    ids = {(o.bloom_level, o.concept_ids, o.description): o.id for o in course}
    return [
        dataclasses.replace(o, id=ids.get((o.bloom_level, o.concept_ids, o.description), o.id))
        for o in objectives
    ]
