"""Course planning: pure functions from the knowledge graph to a CoursePlan (docs/courses.md)."""

from jobs.planning.errors import (
    ConflictingSelection,
    InputTooLarge,
    InvalidBudget,
    NoConcepts,
    PlanningError,
    UnknownIds,
)
from jobs.planning.inputs import (
    ConceptInput,
    CourseRequest,
    DocumentInput,
    Extraction,
    Mention,
    PlanningInput,
    PrerequisiteInput,
    RelationInput,
)
from jobs.planning.planner import plan_course
from jobs.planning.result import CoursePlan

__all__ = [
    "ConceptInput",
    "ConflictingSelection",
    "CoursePlan",
    "CourseRequest",
    "DocumentInput",
    "Extraction",
    "InputTooLarge",
    "InvalidBudget",
    "Mention",
    "NoConcepts",
    "PlanningError",
    "PlanningInput",
    "PrerequisiteInput",
    "RelationInput",
    "UnknownIds",
    "plan_course",
]
