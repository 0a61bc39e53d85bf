"""The planned course: one typed value that maps 1:1 onto the stored columns and graph.

docs/courses.md documents the JSON shapes. Everything is a frozen dataclass of
strings, ints, floats, bools and tuples, so `to_json` is byte-identical for equal
plans.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import orjson


@dataclass(frozen=True, slots=True)
class PageRef:
    document_id: str
    pages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Objective:
    """A LearningObjective node; `week` is None for a course-level objective."""

    id: str
    description: str
    bloom_level: str
    verb: str
    measurable: bool
    concept_ids: tuple[str, ...]
    week: int | None
    priority: int


@dataclass(frozen=True, slots=True)
class ConceptSlot:
    concept_id: str
    title: str
    order: int
    minutes: int
    difficulty: str
    bloom_level: str
    pages: tuple[PageRef, ...]
    requires: tuple[str, ...]  # mandatory prerequisites taught earlier in the course
    advised: tuple[str, ...]  # optional prerequisites taught earlier in the course
    objective_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Module:
    title: str
    minutes: int
    concepts: tuple[ConceptSlot, ...]


@dataclass(frozen=True, slots=True)
class Week:
    week: int
    title: str
    minutes: int
    modules: tuple[Module, ...]
    objectives: tuple[Objective, ...]

    @property
    def slots(self) -> list[ConceptSlot]:
        return [c for m in self.modules for c in m.concepts]


@dataclass(frozen=True, slots=True)
class Assessment:
    id: str
    type: str  # quiz, exercise, project
    title: str
    description: str
    week: int
    weight: float
    objective_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Resource:
    title: str
    type: str
    url: str | None
    document_id: str
    pages: tuple[int, ...]
    page_ranges: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class CoursePrerequisite:
    """A mandatory prerequisite the course does not teach: learners must bring it."""

    concept_id: str
    title: str
    required_by: tuple[str, ...]
    reason: str  # excluded, not_in_documents, left_out


@dataclass(frozen=True, slots=True)
class CourseDocument:
    document_id: str
    relevance_score: str  # DECIMAL(3,2) as text, "0.00".."1.00"
    usage_type: str  # primary, reference, supplementary


@dataclass(frozen=True, slots=True)
class Placement:
    """(:Course)-[:CONTAINS {week, order, duration_minutes}]->(:Concept); order is per week."""

    concept_id: str
    week: int
    order: int
    duration_minutes: int


@dataclass(frozen=True, slots=True)
class Question:
    """A QuestionAnswer object for self-assessment."""

    id: str
    question: str
    answer: str
    difficulty: str
    topic: str
    concept_id: str
    week: int
    document_id: str | None
    page: int | None


@dataclass(frozen=True, slots=True)
class BrokenEdge:
    prerequisite: str
    concept: str
    mandatory: bool
    weight: float
    cycle: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LeftOut:
    concept_id: str
    title: str
    reason: str  # excluded, no_time, prerequisite_left_out, course_name
    minutes: int


@dataclass(frozen=True, slots=True)
class AddedPrerequisite:
    concept_id: str
    title: str
    for_concept: str


@dataclass(frozen=True, slots=True)
class Report:
    broken_cycles: tuple[BrokenEdge, ...]
    left_out: tuple[LeftOut, ...]
    prerequisites_added: tuple[AddedPrerequisite, ...]
    pages_out_of_range: tuple[PageRef, ...]
    planned_minutes: int
    available_minutes: int
    # the documents' vocabulary that taught concepts need and the course assumes without
    # listing it as a prerequisite: everyday words, adjectives, those past the cap
    # (jobs/planning/prerequisites.py)
    vocabulary_assumed: tuple[CoursePrerequisite, ...] = ()


@dataclass(frozen=True, slots=True)
class CoursePlan:
    title: str
    description: str
    language: str
    target_audience: str | None
    difficulty_level: str
    duration_weeks: int
    hours_per_week: int
    weeks: tuple[Week, ...]
    learning_objectives: tuple[Objective, ...]
    prerequisites: tuple[CoursePrerequisite, ...]
    assessment_methods: tuple[Assessment, ...]
    resources: tuple[Resource, ...]
    course_documents: tuple[CourseDocument, ...]
    questions: tuple[Question, ...]
    report: Report

    @property
    def placements(self) -> list[Placement]:
        return [
            Placement(s.concept_id, w.week, s.order, s.minutes) for w in self.weeks for s in w.slots
        ]

    @property
    def objectives(self) -> list[Objective]:
        """Every LearningObjective node once: the course's, then each week's (ACHIEVES
        priority); a week's objective that is a course objective has its id
        (`objectives.as_course_objectives`) and is named with the course's."""
        first: dict[str, Objective] = {}
        for objective in (
            *self.learning_objectives,
            *(o for w in self.weeks for o in w.objectives),
        ):
            first.setdefault(objective.id, objective)
        return list(first.values())

    def outline(self) -> dict[str, Any]:
        """courses.outline: the old {summary, weeks[week, title, topics, concept_ids, hours]}
        keys, plus minutes, modules and objectives per week."""
        return {
            "summary": self.description,
            "total_minutes": sum(w.minutes for w in self.weeks),
            "weeks": [
                {
                    "week": w.week,
                    "title": w.title,
                    "topics": [s.title for s in w.slots],
                    "concept_ids": [s.concept_id for s in w.slots],
                    "hours": round(w.minutes / 60, 2),
                    "minutes": w.minutes,
                    "modules": [plain(m) for m in w.modules],
                    "objectives": [plain(o) for o in w.objectives],
                }
                for w in self.weeks
            ],
        }

    def columns(self) -> dict[str, Any]:
        """The courses row (without id, user_id, status and timestamps)."""
        return {
            "title": self.title,
            "description": self.description,
            "target_audience": self.target_audience,
            "difficulty_level": self.difficulty_level,
            "duration_weeks": self.duration_weeks,
            "hours_per_week": self.hours_per_week,
            "language": self.language,
            "outline": self.outline(),
            "learning_objectives": [plain(o) for o in self.learning_objectives],
            "prerequisites": [plain(p) for p in self.prerequisites],
            "assessment_methods": [plain(a) for a in self.assessment_methods],
            "resources": [plain(r) for r in self.resources],
        }

    def to_json(self) -> bytes:
        """The whole plan; the same input always gives the same bytes."""
        return orjson.dumps(plain(self), option=orjson.OPT_SORT_KEYS)


def plain(value: Any) -> Any:
    """dataclasses.asdict, with tuples as lists so the JSON round-trips unchanged."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value
