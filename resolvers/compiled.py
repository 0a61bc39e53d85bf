"""Compiled relational reads: whole answers built as JSON by PostgreSQL in one statement
per root field (datasources/postgres/json_shapes.py), with the caller's rights in it.

The schema layer decides whether a selection can be read this way (schema/compiled);
these functions run the statement with the same authorization the row resolvers apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from datasources.postgres.base import Page
from datasources.postgres.courses import CourseFilter
from datasources.postgres.documents import DocumentFilter
from datasources.postgres.json_reads import NodeEntity
from datasources.postgres.json_shapes import Access, Shape
from resolvers.context import Context


def access(ctx: Context) -> Access:
    """The viewer and the kinds of rows their credentials cover (an API key's scopes),
    as resolvers/courses.py and resolvers/documents.py apply them."""
    principal = ctx.principal
    return Access(
        viewer=ctx.viewer,
        courses=principal is None or principal.allows("courses:read"),
        documents=principal is None or principal.allows("documents:read"),
    )


async def objects(
    ctx: Context, wanted: Sequence[tuple[NodeEntity, Sequence[UUID], Shape]]
) -> dict[UUID, Any]:
    return await ctx.stores.json_reads.objects(wanted, access(ctx))


async def page(
    ctx: Context,
    where: CourseFilter | DocumentFilter,
    *,
    order: str,
    descending: bool,
    window: Page,
    shapes: Sequence[Shape],
) -> list[Any]:
    """One page of courses (a CourseFilter) or documents, with a JSON column per shape."""
    return await ctx.stores.json_reads.page(
        where, order=order, descending=descending, page=window, shapes=shapes, access=access(ctx)
    )
