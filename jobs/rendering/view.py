"""What every export format shows around the course: labels, lookups, the diagram."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jobs.rendering.course import Assessment, ExportCourse
from jobs.rendering.diagram import NODE_H, NODE_W, Diagram, layout
from jobs.rendering.labels import Labels


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
    node_w: int = NODE_W
    node_h: int = NODE_H

    def as_context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def view_of(course: ExportCourse, *, diagram: bool = True) -> View:
    """What the templates show; `diagram=False` leaves out the prerequisite map."""
    labels = Labels(course.language)
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
    )
