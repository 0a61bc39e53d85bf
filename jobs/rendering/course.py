"""The course an export shows, read from the stored courses row.

Read leniently, like schema/outline.py: planned courses carry modules, minutes,
pages and objectives per week; older or hand-made ones only week titles and topics,
and render with what they have. An entry of the wrong shape is skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jobs.planning.sources import page_ranges


@dataclass(frozen=True, slots=True)
class Objective:
    description: str
    bloom_level: str | None


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    title: str
    minutes: int | None
    bloom_level: str | None
    pages: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]  # (document title, ranges)
    requires: tuple[str, ...]
    advised: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Module:
    title: str
    minutes: int | None
    concepts: tuple[Concept, ...]


@dataclass(frozen=True, slots=True)
class Week:
    week: int
    title: str
    minutes: int | None
    modules: tuple[Module, ...]
    objectives: tuple[Objective, ...]

    @property
    def concepts(self) -> list[Concept]:
        return [c for m in self.modules for c in m.concepts]


@dataclass(frozen=True, slots=True)
class Assessment:
    type: str
    title: str
    description: str
    week: int | None
    weight: float | None


@dataclass(frozen=True, slots=True)
class Resource:
    title: str
    url: str | None
    ranges: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Question:
    """A self-assessment question of the course (its QuestionAnswer set); `topic` is the
    title of the concept it asks about."""

    question: str
    answer: str
    topic: str | None = None
    difficulty: str | None = None


@dataclass(frozen=True, slots=True)
class ExportCourse:
    title: str
    description: str
    language: str
    target_audience: str | None
    difficulty_level: str | None
    duration_weeks: int | None
    hours_per_week: int | None
    weeks: tuple[Week, ...]
    objectives: tuple[Objective, ...]
    prerequisites: tuple[str, ...]
    assessments: tuple[Assessment, ...]
    resources: tuple[Resource, ...]
    questions: tuple[Question, ...] = ()  # read apart from the row: `with_questions`

    @property
    def concepts(self) -> list[Concept]:
        return [c for w in self.weeks for c in w.concepts]

    @classmethod
    def from_columns(cls, row: Mapping[str, Any]) -> ExportCourse:
        """From a courses row (or CoursePlan.columns()): the JSONB columns as decoded JSON."""
        resources = [r for r in _dicts(row.get("resources")) if _str(r.get("title"))]
        titles = {_str(r.get("document_id")): _str(r.get("title")) for r in resources}
        return cls(
            title=_str(row.get("title")) or "",
            description=_str(row.get("description")) or "",
            language=_str(row.get("language")) or "en",
            target_audience=_str(row.get("target_audience")),
            difficulty_level=_str(row.get("difficulty_level")),
            duration_weeks=_int(row.get("duration_weeks")),
            hours_per_week=_int(row.get("hours_per_week")),
            weeks=tuple(_weeks(row.get("outline"), titles)),
            objectives=tuple(_objectives(row.get("learning_objectives"))),
            prerequisites=tuple(_prerequisites(row.get("prerequisites"))),
            assessments=tuple(_assessments(row.get("assessment_methods"))),
            resources=tuple(
                Resource(
                    title=_str(r.get("title")) or "",
                    url=_web_url(r.get("url")),
                    ranges=page_ranges(p for p in _list(r.get("pages")) if _int(p)),
                )
                for r in resources
            ),
        )


def with_questions(course: ExportCourse, questions: Iterable[Question]) -> ExportCourse:
    """The course with its questions: those about a concept the outline teaches (a
    question of another version of the course, or about a concept taken out by hand, has
    no week to go to), blank ones left out."""
    taught = {c.title for c in course.concepts}
    kept = tuple(
        q for q in questions if q.topic in taught and q.question.strip() and q.answer.strip()
    )
    return dataclasses.replace(course, questions=kept)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _web_url(value: Any) -> str | None:
    """Only http(s) links are exported: a stored javascript: or data: URL is dropped."""
    text = _str(value)
    return text if text and text.lower().startswith(("https://", "http://")) else None


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in _list(value) if isinstance(v, str))


def _objectives(value: Any) -> list[Objective]:
    out = []
    for item in _list(value):
        if isinstance(item, str):
            out.append(Objective(item, None))
        elif isinstance(item, dict) and _str(item.get("description")):
            out.append(Objective(item["description"], _str(item.get("bloom_level"))))
    return out


def _prerequisites(value: Any) -> list[str]:
    return [
        v if isinstance(v, str) else v["title"]
        for v in _list(value)
        if isinstance(v, str) or (isinstance(v, dict) and _str(v.get("title")))
    ]


def _assessments(value: Any) -> list[Assessment]:
    return [
        Assessment(
            type=_str(a.get("type")) or "",
            title=_str(a.get("title")) or "",
            description=_str(a.get("description")) or "",
            week=_int(a.get("week")),
            weight=_num(a.get("weight")),
        )
        for a in _dicts(value)
    ]


def _concept(item: dict[str, Any], titles: Mapping[str | None, str | None]) -> Concept | None:
    title = _str(item.get("title"))
    if not title:
        return None
    pages = tuple(
        (titles.get(_str(p.get("document_id"))) or "", page_ranges(_ints(p.get("pages"))))
        for p in _dicts(item.get("pages"))
    )
    return Concept(
        id=_str(item.get("concept_id")) or title,
        title=title,
        minutes=_int(item.get("minutes")),
        bloom_level=_str(item.get("bloom_level")),
        pages=tuple(p for p in pages if p[1]),
        requires=_strings(item.get("requires")),
        advised=_strings(item.get("advised")),
    )


def _ints(value: Any) -> list[int]:
    return [v for v in _list(value) if _int(v) is not None and v > 0]


def _weeks(outline: Any, titles: Mapping[str | None, str | None]) -> list[Week]:
    weeks = _dicts(outline.get("weeks")) if isinstance(outline, dict) else []
    out = []
    for index, w in enumerate(weeks):
        modules = []
        for m in _dicts(w.get("modules")):
            concepts = tuple(
                c for c in (_concept(i, titles) for i in _dicts(m.get("concepts"))) if c
            )
            modules.append(Module(_str(m.get("title")) or "", _int(m.get("minutes")), concepts))
        if not modules and _strings(w.get("topics")):
            # an outline from before modules: the topics are the week's concepts
            ids = _strings(w.get("concept_ids"))
            topics = _strings(w.get("topics"))
            concepts = tuple(
                Concept(ids[i] if i < len(ids) else t, t, None, None, (), (), ())
                for i, t in enumerate(topics)
            )
            modules.append(Module(_str(w.get("title")) or "", None, concepts))
        minutes = _int(w.get("minutes"))
        hours = _num(w.get("hours"))
        if minutes is None and hours is not None:
            minutes = round(hours * 60)
        out.append(
            Week(
                week=_int(w.get("week")) or index + 1,
                title=_str(w.get("title")) or "",
                minutes=minutes,
                modules=tuple(modules),
                objectives=tuple(_objectives(w.get("objectives"))),
            )
        )
    return out
