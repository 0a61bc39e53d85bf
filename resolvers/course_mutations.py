"""Course edits: who may make them, and their expected failures as `Problem`s.

The write itself, PostgreSQL and Neo4j in one unit, is datasources/courses.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from graphql import GraphQLError

from datasources.courses import Refused
from datasources.neo4j.records import ObjectiveRecord
from datasources.postgres.records import CourseRecord
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.validation import clean_text


@dataclass(frozen=True, slots=True)
class Problem:
    """An expected failure, returned as a typed error rather than raised."""

    kind: str  # not_found | invalid | conflict
    message: str
    field: str | None = None


NOT_FOUND = Problem("not_found", "no such course, or you may not change it")
DOCUMENT_NOT_FOUND = Problem("not_found", "no such document, or it is not yours", "documentId")


def _result(result: CourseRecord | Refused) -> CourseRecord | Problem:
    if result is Refused.DOCUMENT:
        return DOCUMENT_NOT_FOUND
    return NOT_FOUND if isinstance(result, Refused) else result


async def create_course(ctx: Context, values: dict[str, Any]) -> CourseRecord:
    principal = require_principal(ctx, "courses:write")
    return await ctx.stores.course_writer.create(owner_id=principal.user_id, values=values)


async def update_course(
    ctx: Context, course_id: UUID, values: dict[str, Any]
) -> CourseRecord | Problem:
    require_principal(ctx, "courses:write")
    return _result(await ctx.stores.course_writer.update(course_id, values, editor=ctx.viewer))


async def publish_course(ctx: Context, course_id: UUID, publish: bool) -> CourseRecord | Problem:
    require_principal(ctx, "courses:write")
    writer = ctx.stores.course_writer
    return _result(await writer.publish(course_id, publish=publish, editor=ctx.viewer))


async def delete_course(ctx: Context, course_id: UUID) -> UUID | Problem:
    require_principal(ctx, "courses:write")
    result = await ctx.stores.course_writer.delete(course_id, editor=ctx.viewer)
    return NOT_FOUND if isinstance(result, Refused) else result


async def link_document(
    ctx: Context,
    course_id: UUID,
    document_id: UUID,
    *,
    relevance: Decimal | None,
    usage_type: str | None,
) -> CourseRecord | Problem:
    require_principal(ctx, "courses:write")
    result = await ctx.stores.course_writer.link_document(
        course_id, document_id, relevance=relevance, usage_type=usage_type, editor=ctx.viewer
    )
    return _result(result)


async def unlink_document(
    ctx: Context, course_id: UUID, document_id: UUID
) -> CourseRecord | Problem:
    require_principal(ctx, "courses:write")
    writer = ctx.stores.course_writer
    return _result(await writer.unlink_document(course_id, document_id, editor=ctx.viewer))


async def owned_course(ctx: Context, course_id: UUID) -> CourseRecord | None:
    """The course when the caller may change it (for graph-only edits such as objectives)."""
    require_principal(ctx, "courses:write")
    return await ctx.stores.course_writer.editable(course_id, editor=ctx.viewer)


async def add_objective(
    ctx: Context,
    course_id: UUID,
    *,
    description: str,
    bloom_level: str,
    measurable: bool,
    priority: int,
) -> ObjectiveRecord | Problem:
    """A new LearningObjective the course ACHIEVES (a graph-only edit)."""
    course = await owned_course(ctx, course_id)
    if course is None:
        return NOT_FOUND
    try:
        text = clean_text(description, field="description", max_length=2000, required=True)
    except GraphQLError as exc:
        return Problem("invalid", str(exc), "description")
    if not 1 <= priority <= 1000:
        return Problem("invalid", "`priority` must be between 1 and 1000", "priority")
    objective_id = uuid4()
    await ctx.stores.graph_writer.add_objective(
        course_id=course.id,
        objective_id=objective_id,
        description=text or "",
        bloom_level=bloom_level,
        measurable=measurable,
        priority=priority,
    )
    found = await ctx.stores.graph.objectives_by_ids([objective_id])
    return found[objective_id]


async def remove_objective(ctx: Context, course_id: UUID, objective_id: UUID) -> bool:
    """False when the course is not the caller's or does not achieve the objective."""
    course = await owned_course(ctx, course_id)
    return course is not None and await ctx.stores.graph_writer.remove_objective(
        course_id=course.id, objective_id=objective_id
    )
