"""Step 5, assessments: a quiz and exercises each week, a final project, tied to objectives.

Quizzes check the remember/understand objectives (all of the week's when these name
less than QUIZ_SHARE of its concepts), exercises the apply-and-above ones, the project
the course's highest-level objectives. Weights add up to exactly 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jobs.planning.ids import plan_id
from jobs.planning.result import Assessment, Objective, Week
from jobs.planning.wording import join, phrase

RECALL = frozenset({"remember", "understand"})
SHARES = {"quiz": 0.3, "exercise": 0.3, "project": 0.4}
SHARES_WITHOUT_EXERCISES = {"quiz": 0.5, "exercise": 0.0, "project": 0.5}
# A week's quiz on its recall objectives only when these name at least this share of
# the week's concepts: a chemistry week of seven concepts, one of them to recall, had
# "Week 1 quiz: Short questions on relative." (a weight of 7.5 % on one word).
QUIZ_SHARE = 0.5


def assessments(
    course_id: str,
    weeks: Sequence[Week],
    course_objectives: Sequence[Objective],
    titles: Mapping[str, str],
    *,
    language: str,
) -> list[Assessment]:
    planned: list[tuple[str, int, list[Objective]]] = []
    for week in weeks:
        if not week.objectives:
            continue
        recall = [o for o in week.objectives if o.bloom_level in RECALL]
        practice = [o for o in week.objectives if o.bloom_level not in RECALL]
        planned.append(
            ("quiz", week.week, recall if _enough(recall, week) else list(week.objectives))
        )
        if practice:
            planned.append(("exercise", week.week, practice))
    if not planned:
        return []
    higher = [o for o in course_objectives if o.bloom_level not in RECALL]
    planned.append(("project", weeks[-1].week, higher or list(course_objectives)))

    counts = {kind: sum(1 for k, _, _ in planned if k == kind) for kind in SHARES}
    shares = SHARES if counts["exercise"] else SHARES_WITHOUT_EXERCISES
    out: list[Assessment] = []
    for index, (kind, number, objectives) in enumerate(planned):
        if kind == "project":
            weight = round(1.0 - sum(a.weight for a in out), 4)
        else:
            weight = round(shares[kind] / counts[kind], 4)
        concepts = list(dict.fromkeys(c for o in objectives for c in o.concept_ids))
        out.append(
            Assessment(
                id=plan_id(course_id, "assessment", index + 1),
                type=kind,
                title=phrase(language, f"{kind}_title", week=number),
                description=phrase(language, kind, x=join(language, [titles[c] for c in concepts])),
                week=number,
                weight=weight,
                objective_ids=tuple(o.id for o in objectives),
            )
        )
    return out


def _enough(recall: Sequence[Objective], week: Week) -> bool:
    """The recall objectives name QUIZ_SHARE of the week's concepts (none: never)."""
    named = {c for o in recall for c in o.concept_ids}
    return bool(named) and len(named) >= QUIZ_SHARE * len(week.slots)
