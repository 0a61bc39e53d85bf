"""generateCourse / regenerateCourse: check the request, store it, queue the job.

Everything a caller can get wrong is answered here, as a typed Problem, before any row
is written: budget bounds, the documents (theirs, not deleted, processed, with
concepts), the focus and excluded concepts. The job checks the documents again when it
runs (they may change in between) and fails its task with the reason if it must.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from graphql import GraphQLError

from datasources.course_plans import GenerationRequest
from datasources.errors import UpstreamUnavailable
from datasources.postgres.base import SYSTEM_VIEWER
from datasources.postgres.records import CourseRecord, DocumentRecord, GenerationTaskRecord
from datasources.tasks import Busy
from resolvers.auth import require_principal
from resolvers.context import Context, Principal
from resolvers.course_mutations import NOT_FOUND, Problem
from resolvers.validation import clean_text

TASK_TYPE = "course_generation"
MAX_WEEKS, MAX_HOURS = 104, 80  # the planner's bounds (jobs/planning/validation.py)
MAX_DOCUMENTS = 100
MAX_CONCEPT_IDS = 500
DIFFICULTIES = ("beginner", "intermediate", "advanced")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}")
# A task not touched for this long is abandoned (its worker died past arq's retries):
# it no longer blocks a new generation of its course.
STALE_AFTER = timedelta(minutes=20)


@dataclass(frozen=True, slots=True)
class GenerationInput:
    document_ids: Sequence[UUID]
    duration_weeks: int
    hours_per_week: int
    title: str | None = None
    target_audience: str | None = None
    difficulty_level: str | None = None
    language: str | None = None
    focus_concept_ids: Sequence[UUID] = ()
    exclude_concept_ids: Sequence[UUID] = ()


@dataclass(frozen=True, slots=True)
class Started:
    course: CourseRecord
    task: GenerationTaskRecord


def _invalid(message: str, field: str) -> Problem:
    return Problem("invalid", message, field)


def _named(documents: Sequence[DocumentRecord]) -> str:
    return ", ".join(f"{d.original_filename} ({d.id})" for d in documents)


def _shape(data: GenerationInput) -> GenerationRequest | Problem:
    """Everything that needs no store: bounds, lengths, duplicates, formats."""
    for field, value, top in (
        ("durationWeeks", data.duration_weeks, MAX_WEEKS),
        ("hoursPerWeek", data.hours_per_week, MAX_HOURS),
    ):
        if not 1 <= value <= top:
            return _invalid(f"`{field}` must be between 1 and {top}", field)
    if not data.document_ids:
        return _invalid("choose at least one document", "documentIds")
    if len(data.document_ids) > MAX_DOCUMENTS:
        return _invalid(
            f"a course is planned from at most {MAX_DOCUMENTS} documents", "documentIds"
        )
    if len(set(data.document_ids)) != len(data.document_ids):
        return _invalid("a document is listed twice", "documentIds")
    for field, ids in (
        ("focusConceptIds", data.focus_concept_ids),
        ("excludeConceptIds", data.exclude_concept_ids),
    ):
        if len(ids) > MAX_CONCEPT_IDS:
            return _invalid(f"`{field}` takes at most {MAX_CONCEPT_IDS} concepts", field)
    both = set(data.focus_concept_ids) & set(data.exclude_concept_ids)
    if both:
        return _invalid(
            f"a concept cannot be both a focus and excluded: {', '.join(map(str, sorted(both)))}",
            "excludeConceptIds",
        )
    if data.difficulty_level is not None and data.difficulty_level not in DIFFICULTIES:
        return _invalid(
            f"`difficultyLevel` must be one of {', '.join(DIFFICULTIES)}", "difficultyLevel"
        )
    try:
        title = clean_text(data.title, field="title", max_length=500)
        audience = clean_text(data.target_audience, field="targetAudience", max_length=100)
        language = clean_text(data.language, field="language", max_length=10)
    except GraphQLError as exc:
        return _invalid(exc.message, str((exc.extensions or {}).get("field")))
    if language is not None and not LANGUAGE.fullmatch(language):
        return _invalid("`language` must be a language tag such as en or zh-CN", "language")
    return GenerationRequest(
        document_ids=tuple(str(d) for d in data.document_ids),
        duration_weeks=data.duration_weeks,
        hours_per_week=data.hours_per_week,
        title=title or None,
        target_audience=audience or None,
        difficulty_level=data.difficulty_level,
        language=language,
        focus_concept_ids=tuple(str(c) for c in dict.fromkeys(data.focus_concept_ids)),
        exclude_concept_ids=tuple(str(c) for c in dict.fromkeys(data.exclude_concept_ids)),
    )


async def _stored(
    ctx: Context, principal: Principal, data: GenerationInput
) -> list[DocumentRecord] | Problem:
    """The request's documents, when they and its concepts are usable as they are now."""
    stores = ctx.stores
    found = await stores.documents.by_ids(data.document_ids, viewer=SYSTEM_VIEWER)
    # By position, never by id or name: the answer must not tell another user's
    # document from one that does not exist (tests/e2e/test_authz_matrix.py).
    missing = [
        f"documentIds[{i}]"
        for i, d in enumerate(data.document_ids)
        if d not in found
        or (found[d].user_id != principal.user_id and not principal.is_admin)
        or found[d].status == "deleted"
    ]
    if missing:
        return Problem(
            "not_found",
            f"no such document, or it is not yours: {', '.join(missing)}",
            "documentIds",
        )
    chosen = [found[d] for d in data.document_ids]
    waiting = [d for d in chosen if d.status in ("pending", "processing")]
    if waiting:
        return _invalid(f"documents still being processed: {_named(waiting)}", "documentIds")
    broken = [d for d in chosen if d.status != "completed"]
    if broken:
        return _invalid(
            f"documents whose processing failed: {_named(broken)}; upload them again",
            "documentIds",
        )
    counts = await stores.planning.concept_counts(data.document_ids)
    empty = [d for d in chosen if not counts.get(d.id)]
    if empty:
        return _invalid(f"documents with no concepts to teach: {_named(empty)}", "documentIds")
    wanted = [*data.focus_concept_ids, *data.exclude_concept_ids]
    known = await stores.planning.existing_concepts(wanted) if wanted else set()
    for field, ids in (
        ("focusConceptIds", data.focus_concept_ids),
        ("excludeConceptIds", data.exclude_concept_ids),
    ):
        unknown = [str(c) for c in ids if c not in known]
        if unknown:
            return _invalid(f"no such concepts: {', '.join(unknown[:10])}", field)
    return chosen


def _draft_values(request: GenerationRequest, first: DocumentRecord) -> dict[str, object]:
    """The draft's columns until the job writes the plan (the title it will refine)."""
    stem = first.original_filename.rsplit(".", 1)[0].strip() or "Course"
    return {
        "title": request.title or stem[:500],
        "target_audience": request.target_audience,
        "difficulty_level": request.difficulty_level,
        "duration_weeks": request.duration_weeks,
        "hours_per_week": request.hours_per_week,
        "language": request.language or first.language,
    }


async def _queue(ctx: Context, course: CourseRecord, task_id: UUID, *, new: bool) -> Started:
    """Queue the job; when Redis refuses, the task fails (and a new course is removed)
    and the caller gets UPSTREAM_UNAVAILABLE: nothing waits for a job that never comes."""
    stores = ctx.stores
    try:
        await stores.queue.enqueue(task_type=TASK_TYPE, task_id=task_id)
    except UpstreamUnavailable as exc:
        await stores.tasks.fail(task_id, f"the job could not be queued: {exc}")
        if new:
            await stores.plans.discard(course.id)
        raise
    task = await stores.tasks.get(task_id)
    assert task is not None  # committed above, and only its owner deletes it
    return Started(course=course, task=task)


async def generate_course(ctx: Context, data: GenerationInput) -> Started | Problem:
    principal = require_principal(ctx, "courses:write")
    request = _shape(data)
    if isinstance(request, Problem):
        return request
    documents = await _stored(ctx, principal, data)
    if isinstance(documents, Problem):
        return documents
    course, task_id = await ctx.stores.plans.create(
        owner_id=principal.user_id, values=_draft_values(request, documents[0]), request=request
    )
    return await _queue(ctx, course, task_id, new=True)


async def regenerate_course(
    ctx: Context, course_id: UUID, data: GenerationInput
) -> Started | Problem:
    principal = require_principal(ctx, "courses:write")
    if await ctx.stores.course_writer.editable(course_id, editor=ctx.viewer) is None:
        return NOT_FOUND  # before anything else: the course is the first thing named
    request = _shape(data)
    if isinstance(request, Problem):
        return request
    documents = await _stored(ctx, principal, data)
    if isinstance(documents, Problem):
        return documents
    result = await ctx.stores.plans.regenerate(
        course_id,
        editor=ctx.viewer,
        requester=principal.user_id,
        request=request,
        stale_after=STALE_AFTER,
    )
    if isinstance(result, Busy):
        return Problem(
            "conflict",
            f"this course is already being generated (task {result.task_id}); "
            "wait for it to finish (courseGeneration) before regenerating",
        )
    if not isinstance(result, tuple):
        return NOT_FOUND
    course, task_id = result
    return await _queue(ctx, course, task_id, new=False)
