"""What every export format shows around the course: labels, lookups, the diagram."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jobs.planning.questions import KINDS
from jobs.planning.wording import phrase, traditional_wording
from jobs.rendering.course import Assessment, ExportCourse, Question
from jobs.rendering.diagram import NODE_H, NODE_W, Diagram, layout
from jobs.rendering.labels import Labels


@dataclass(frozen=True, slots=True)
class Asked:
    """A question as an export numbers it: the answer key refers to the same number."""

    number: int
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class View:
    course: ExportCourse
    t: Labels
    sep: str
    names: Callable[[Iterable[str]], str]
    assessments_by_week: dict[int, list[Assessment]]
    total_minutes: int | None
    percent: Callable[[float | None], str]
    diagram: Diagram | None
    show_map: bool  # the prerequisite diagram (or DOCX's table of it) is wanted
    questions_by_week: dict[int, list[Asked]]  # empty when questions are not wanted
    show_answers: bool  # the answer key after the assessments
    node_w: int = NODE_W
    node_h: int = NODE_H

    def as_context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def view_of(
    course: ExportCourse, *, diagram: bool = True, questions: bool = True, answers: bool = True
) -> View:
    """What the templates show; `diagram=False` leaves out the prerequisite map,
    `questions=False` the self-assessment questions, `answers=False` their answer key."""
    # a Chinese course on documents in Traditional characters: its labels so too
    labels = Labels(traditional_wording(course.language, [c.title for c in course.concepts]))
    titles = {c.id: c.title for c in course.concepts}
    sep = "、" if labels.zh else ", "
    by_week: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in course.assessments:
        if assessment.week is not None:
            by_week[assessment.week].append(assessment)
    minutes = [w.minutes for w in course.weeks if w.minutes is not None]
    return View(
        course=course,
        t=labels,
        sep=sep,
        names=lambda ids: sep.join(titles.get(i, i) for i in ids),
        assessments_by_week=dict(by_week),
        total_minutes=sum(minutes) if minutes else None,
        percent=lambda w: "" if w is None else f"{w * 100:g}%",
        diagram=layout(course.concepts) if diagram else None,
        show_map=diagram,
        questions_by_week=_questions_by_week(course) if questions else {},
        show_answers=questions and answers and bool(course.questions),
    )


def _questions_by_week(course: ExportCourse) -> dict[int, list[Asked]]:
    """Each question in the week that teaches its concept, in teaching order, and per
    concept in the planner's order (definition, example, formula); numbered through the
    course."""
    place: dict[str, tuple[int, int]] = {}
    for week in course.weeks:
        for concept in week.concepts:
            place.setdefault(concept.title, (week.week, len(place)))

    def order(q: Question) -> tuple[int, int, int, str]:
        week, position = place[q.topic or ""]
        asked = [phrase(course.language, f"question_{kind}", title=q.topic) for kind in KINDS]
        kind = asked.index(q.question) if q.question in asked else len(asked)
        return (week, position, kind, q.question)

    by_week: dict[int, list[Asked]] = defaultdict(list)
    placed = sorted((q for q in course.questions if (q.topic or "") in place), key=order)
    for number, q in enumerate(placed, start=1):
        by_week[place[q.topic or ""][0]].append(Asked(number, q.question, q.answer))
    return dict(by_week)
