"""generateCourse, regenerateCourse and exportCourse: each starts a background task."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from resolvers import exports as export_resolvers
from resolvers import generation as resolvers
from resolvers.context import Info
from resolvers.course_mutations import Problem
from resolvers.ids import from_global_id
from schema.common import Difficulty, ExportFormat
from schema.course import Course
from schema.problems import Conflict, InvalidInput, NotFound, to_problem
from schema.task import Export, GenerationTask


@strawberry.type(description="The course (a draft until the job writes it) and its task.")
class CourseGenerationStarted:
    course: Course
    task: GenerationTask


@strawberry.type(description="The export (pending until the job stores the file) and its task.")
class ExportStarted:
    export: Export
    task: GenerationTask


GenerateCourseResult = Annotated[
    CourseGenerationStarted | NotFound | InvalidInput | Conflict,
    strawberry.union("GenerateCourseResult"),
]
ExportCourseResult = Annotated[
    ExportStarted | NotFound | InvalidInput, strawberry.union("ExportCourseResult")
]


@strawberry.input
class GenerateCourseInput:
    document_ids: list[strawberry.ID]
    duration_weeks: int
    hours_per_week: int
    title: str | None = None
    target_audience: str | None = None
    difficulty_level: Difficulty | None = None
    language: str | None = None
    focus_concept_ids: list[strawberry.ID] | None = None
    exclude_concept_ids: list[strawberry.ID] | None = None


def _ids(raw: list[strawberry.ID] | None, kind: str, field: str) -> list[UUID] | InvalidInput:
    try:
        return [from_global_id(i, expect=kind)[1] for i in raw or []]
    except GraphQLError as exc:
        return InvalidInput(message=f"`{field}`: {exc.message}", field=field)


def _input(data: GenerateCourseInput) -> resolvers.GenerationInput | InvalidInput:
    documents = _ids(data.document_ids, "Document", "documentIds")
    focus = _ids(data.focus_concept_ids, "Concept", "focusConceptIds")
    exclude = _ids(data.exclude_concept_ids, "Concept", "excludeConceptIds")
    for parsed in (documents, focus, exclude):
        if isinstance(parsed, InvalidInput):
            return parsed
    assert isinstance(documents, list) and isinstance(focus, list) and isinstance(exclude, list)
    return resolvers.GenerationInput(
        document_ids=documents,
        duration_weeks=data.duration_weeks,
        hours_per_week=data.hours_per_week,
        title=data.title,
        target_audience=data.target_audience,
        difficulty_level=data.difficulty_level.value if data.difficulty_level else None,
        language=data.language,
        focus_concept_ids=focus,
        exclude_concept_ids=exclude,
    )


def _started(result: resolvers.Started | Problem) -> GenerateCourseResult:
    if isinstance(result, Problem):
        return to_problem(result)  # type: ignore[return-value]
    return CourseGenerationStarted(
        course=Course.from_record(result.course), task=GenerationTask.from_record(result.task)
    )


@strawberry.type
class GenerationMutations:
    @strawberry.mutation(
        description="Plan a course from your processed documents: a draft course now, "
        "filled in by a background job (follow it with courseGeneration)."
    )
    async def generate_course(self, info: Info, input: GenerateCourseInput) -> GenerateCourseResult:
        data = _input(input)
        if isinstance(data, InvalidInput):
            return data
        return _started(await resolvers.generate_course(info.context, data))

    @strawberry.mutation(
        description="Plan the course again in place (same id); its content changes only "
        "when the new plan is written, all at once."
    )
    async def regenerate_course(
        self, info: Info, course_id: strawberry.ID, input: GenerateCourseInput
    ) -> GenerateCourseResult:
        data = _input(input)
        if isinstance(data, InvalidInput):
            return data
        parsed = _ids([course_id], "Course", "courseId")
        if isinstance(parsed, InvalidInput):
            return parsed
        return _started(await resolvers.regenerate_course(info.context, parsed[0], data))

    @strawberry.mutation(
        description="Render the course to a file in the background (follow the task with "
        "taskProgress); `options`: {includeDiagram: Boolean, includeQuestions: Boolean, "
        "includeAnswers: Boolean}, each true unless set false (the prerequisite map, the "
        "self-assessment questions under each week, their answer key at the end)."
    )
    async def export_course(
        self,
        info: Info,
        course_id: strawberry.ID,
        format: ExportFormat,
        options: JSON | None = None,
    ) -> ExportCourseResult:
        parsed = _ids([course_id], "Course", "courseId")
        if isinstance(parsed, InvalidInput):
            return parsed
        result = await export_resolvers.export_course(
            info.context, parsed[0], format.value, options
        )
        if isinstance(result, Problem):
            return to_problem(result)  # type: ignore[return-value]
        return ExportStarted(
            export=Export.from_record(result.export), task=GenerationTask.from_record(result.task)
        )
