"""Users, their tasks, exports and API keys — each filtered to what the caller owns."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from functools import partial
from uuid import UUID

from datasources.postgres.records import (
    ApiKeyRecord,
    ExportRecord,
    GenerationTaskRecord,
    ProcessingStatsRecord,
    UserRecord,
)
from resolvers.auth import require_admin, require_principal
from resolvers.context import Context
from resolvers.loaders import load
from resolvers.pagination import encode_cursor, page


def user(ctx: Context, user_id: UUID) -> Awaitable[UserRecord | None]:
    return load(ctx, "user", ctx.stores.users.by_ids, user_id)


async def me(ctx: Context) -> UserRecord | None:
    if ctx.principal is None:
        return None
    return await user(ctx, ctx.principal.user_id)


def task(ctx: Context, task_id: UUID) -> Awaitable[GenerationTaskRecord | None]:
    require_principal(ctx, "tasks:read")
    fetch = partial(ctx.stores.users.tasks_by_ids, viewer=ctx.viewer)
    return load(ctx, "task", fetch, task_id)


async def tasks(
    ctx: Context, *, status: str | None, task_type: str | None, first: int, after: str | None
) -> tuple[list[GenerationTaskRecord], bool, list[str]]:
    require_principal(ctx, "tasks:read")
    window = page(first, after, max_page_size=ctx.limits.max_page_size, sort_is_time=True)
    rows = await ctx.stores.users.tasks(
        viewer=ctx.viewer, status=status, task_type=task_type, page=window
    )
    has_next = len(rows) > first
    rows = rows[:first]
    return rows, has_next, [encode_cursor(r.created_at, r.id) for r in rows]


def export(ctx: Context, export_id: UUID) -> Awaitable[ExportRecord | None]:
    require_principal(ctx, "exports:read")
    fetch = partial(ctx.stores.users.exports_by_ids, viewer=ctx.viewer)
    return load(ctx, "export", fetch, export_id)


async def exports(
    ctx: Context, *, course_id: UUID | None, first: int, after: str | None
) -> tuple[list[ExportRecord], bool, list[str]]:
    require_principal(ctx, "exports:read")
    window = page(first, after, max_page_size=ctx.limits.max_page_size, sort_is_time=True)
    rows = await ctx.stores.users.exports(viewer=ctx.viewer, course_id=course_id, page=window)
    has_next = len(rows) > first
    rows = rows[:first]
    return rows, has_next, [encode_cursor(r.created_at, r.id) for r in rows]


async def api_keys(ctx: Context) -> list[ApiKeyRecord]:
    require_principal(ctx)
    return await ctx.stores.users.api_keys(viewer=ctx.viewer)


async def processing_stats(
    ctx: Context, *, since: date | None, until: date | None
) -> list[ProcessingStatsRecord]:
    require_admin(ctx)
    return await ctx.stores.documents.processing_stats(since=since, until=until)
