"""Learning objectives: graph nodes a caller sees only through a course they may read.

The visibility rule lives here once: an objective is readable when at least one course
that ACHIEVES it is readable (a draft's objectives are as private as the draft).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from uuid import UUID

from datasources.neo4j.records import ObjectiveRecord
from datasources.postgres.records import CourseRecord
from resolvers.context import Context
from resolvers.courses import course
from resolvers.loaders import load


def objective_course_ids(ctx: Context, objective_id: UUID) -> Awaitable[list[UUID]]:
    """Every course achieving the objective, readable or not (filter with `course`)."""
    return load(
        ctx, "objective.courses", ctx.stores.graph.objective_courses, objective_id, default=list
    )


async def objective_courses(ctx: Context, objective_id: UUID) -> list[CourseRecord]:
    """The courses achieving the objective that the caller may read."""
    ids = await objective_course_ids(ctx, objective_id)
    found = await asyncio.gather(*(course(ctx, i) for i in ids))
    return [c for c in found if c is not None]


async def objective(ctx: Context, objective_id: UUID) -> ObjectiveRecord | None:
    """The objective when the caller may read one of its courses, else None."""
    found = (await ctx.stores.graph.objectives_by_ids([objective_id])).get(objective_id)
    if found is None:
        return None
    return found if await objective_courses(ctx, objective_id) else None
