"""Course mutations: create, update, delete, publish, link documents, objectives."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import strawberry

from datasources.postgres.records import CourseRecord
from resolvers import course_mutations as resolvers
from resolvers.context import Info
from resolvers.ids import from_global_id, to_global_id
from resolvers.validation import clean_text
from schema.common import BloomLevel, Difficulty, UsageType
from schema.course import Course
from schema.objective import LearningObjective
from schema.problems import Conflict, Deleted, InvalidInput, NotFound, to_problem

CourseResult = Annotated[Course | NotFound | InvalidInput, strawberry.union("CourseResult")]
DeleteResult = Annotated[Deleted | NotFound, strawberry.union("DeleteResult")]
ObjectiveResult = Annotated[
    LearningObjective | NotFound | InvalidInput, strawberry.union("ObjectiveResult")
]


@strawberry.input
class CourseInput:
    title: str | None = None
    description: str | None = None
    target_audience: str | None = None
    difficulty: Difficulty | None = None
    duration_weeks: int | None = None
    hours_per_week: int | None = None
    language: str | None = None


def _values(data: CourseInput, *, creating: bool) -> dict[str, Any] | InvalidInput:
    values: dict[str, Any] = {}
    try:
        if creating or data.title is not None:
            values["title"] = clean_text(data.title, field="title", max_length=500, required=True)
        if data.description is not None:
            values["description"] = clean_text(
                data.description, field="description", max_length=20_000, multiline=True
            )
        if data.target_audience is not None:
            values["target_audience"] = clean_text(
                data.target_audience, field="targetAudience", max_length=100
            )
        if data.language is not None:
            values["language"] = clean_text(data.language, field="language", max_length=10)
    except Exception as exc:  # bad_input errors carry the field; return them typed
        field = getattr(exc, "extensions", {}).get("field")
        return InvalidInput(message=str(exc), field=field)
    if data.difficulty is not None:
        values["difficulty_level"] = data.difficulty.value
    for name, value, top in (
        ("duration_weeks", data.duration_weeks, 104),
        ("hours_per_week", data.hours_per_week, 80),
    ):
        if value is not None:
            if not 1 <= value <= top:
                return InvalidInput(message=f"`{name}` must be between 1 and {top}", field=name)
            values[name] = value
    return values


def _course_result(result: CourseRecord | resolvers.Problem) -> CourseResult:
    """A course, or the typed error a course mutation may return."""
    if isinstance(result, resolvers.Problem):
        return to_problem(result)  # type: ignore[return-value]
    return Course.from_record(result)


def _course_id(raw: strawberry.ID) -> Any:
    return from_global_id(raw, expect="Course")[1]


@strawberry.type
class CourseMutations:
    @strawberry.mutation
    async def create_course(self, info: Info, input: CourseInput) -> CourseResult:
        values = _values(input, creating=True)
        if isinstance(values, InvalidInput):
            return values
        return Course.from_record(await resolvers.create_course(info.context, values))

    @strawberry.mutation
    async def update_course(
        self, info: Info, id: strawberry.ID, input: CourseInput
    ) -> CourseResult:
        values = _values(input, creating=False)
        if isinstance(values, InvalidInput):
            return values
        result = await resolvers.update_course(info.context, _course_id(id), values)
        return _course_result(result)

    @strawberry.mutation
    async def publish_course(
        self, info: Info, id: strawberry.ID, publish: bool = True
    ) -> CourseResult:
        result = await resolvers.publish_course(info.context, _course_id(id), publish)
        return _course_result(result)

    @strawberry.mutation
    async def delete_course(self, info: Info, id: strawberry.ID) -> DeleteResult:
        result = await resolvers.delete_course(info.context, _course_id(id))
        if isinstance(result, resolvers.Problem):
            return NotFound(message=result.message)
        return Deleted(id=strawberry.ID(to_global_id("Course", result)))

    @strawberry.mutation
    async def link_document(
        self,
        info: Info,
        course_id: strawberry.ID,
        document_id: strawberry.ID,
        relevance_score: float | None = None,
        usage_type: UsageType | None = None,
    ) -> CourseResult:
        relevance = None
        if relevance_score is not None:
            try:
                relevance = Decimal(str(relevance_score)).quantize(Decimal("0.01"))
            except InvalidOperation:
                relevance = None
            if relevance is None or not Decimal(0) <= relevance <= Decimal(1):
                return InvalidInput(
                    message="`relevanceScore` must be between 0 and 1", field="relevanceScore"
                )
        result = await resolvers.link_document(
            info.context,
            _course_id(course_id),
            from_global_id(document_id, expect="Document")[1],
            relevance=relevance,
            usage_type=usage_type.value if usage_type else None,
        )
        return _course_result(result)

    @strawberry.mutation
    async def unlink_document(
        self, info: Info, course_id: strawberry.ID, document_id: strawberry.ID
    ) -> CourseResult:
        result = await resolvers.unlink_document(
            info.context, _course_id(course_id), from_global_id(document_id, expect="Document")[1]
        )
        return _course_result(result)

    @strawberry.mutation
    async def add_learning_objective(
        self,
        info: Info,
        course_id: strawberry.ID,
        description: str,
        bloom_level: BloomLevel,
        measurable: bool = True,
        priority: int = 1,
    ) -> ObjectiveResult:
        result = await resolvers.add_objective(
            info.context,
            _course_id(course_id),
            description=description,
            bloom_level=bloom_level.value,
            measurable=measurable,
            priority=priority,
        )
        if isinstance(result, resolvers.Problem):
            return to_problem(result)  # type: ignore[return-value]
        return LearningObjective.from_record(result)

    @strawberry.mutation
    async def remove_learning_objective(
        self, info: Info, course_id: strawberry.ID, objective_id: strawberry.ID
    ) -> DeleteResult:
        raw = from_global_id(objective_id, expect="LearningObjective")[1]
        if not await resolvers.remove_objective(info.context, _course_id(course_id), raw):
            return NotFound(message="no such objective on a course of yours")
        return Deleted(id=objective_id)


__all__ = ["Conflict", "CourseMutations"]
