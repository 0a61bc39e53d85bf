"""Live task progress: the current state from PostgreSQL, then Redis events, until done.

A client that connects late or reconnects loses nothing: the first event is always
the stored state, and the stream ends on a terminal status. This side only reads;
the event format and channels are datasources/redis/progress.py's.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from graphql import GraphQLError

from datasources.redis.progress import (
    TERMINAL,
    ProgressEvent,
    decode,
    event_from_task,
    task_channel,
)
from datasources.redis.store import SERVER_TIME_CHANNEL
from resolvers.accounts import still_authorized
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.errors import not_found

T = TypeVar("T")


async def task_progress(ctx: Context, task_id: UUID) -> AsyncIterator[ProgressEvent]:
    require_principal(ctx, "tasks:read")
    found = await ctx.stores.users.tasks_by_ids([task_id], viewer=ctx.viewer)
    task = found.get(task_id)
    if task is None:
        return
    channel = task_channel(task.task_type, task.id, task.payload)
    # Subscribed before re-reading the state, so no event falls between the two.
    async with ctx.stores.redis.subscription(channel) as messages:
        fresh = (await ctx.stores.users.tasks_by_ids([task_id], viewer=ctx.viewer)).get(task_id)
        current = event_from_task(fresh or task)
        yield current
        if current.status in TERMINAL:
            return
        async for message in messages:
            event = decode(task_id, message)
            if event is not None:
                yield event
                if event.status in TERMINAL:
                    return


async def course_generation(ctx: Context, course_id: UUID) -> AsyncIterator[ProgressEvent]:
    """The course's latest generation that the caller may follow, as taskProgress follows
    it (same channel `pubsub:course_generation:{course_id}`, same stream): for those who
    may change the course."""
    require_principal(ctx, "tasks:read")
    if await ctx.stores.course_writer.editable(course_id, editor=ctx.viewer) is None:
        raise not_found("no such course, or you may not change it")
    task = await ctx.stores.tasks.latest_for_course(
        course_id, task_type="course_generation", viewer=ctx.viewer
    )
    if task is None:
        raise not_found("this course has never been generated (generateCourse)")
    async for event in task_progress(ctx, task.id):
        yield event


async def server_time(ctx: Context) -> AsyncIterator[datetime]:
    """Ticks published through Redis once a second by whichever instance holds the lease."""
    async for message in ctx.stores.redis.listen(SERVER_TIME_CHANNEL):
        with contextlib.suppress(KeyError, TypeError, ValueError):
            yield datetime.fromisoformat(message["at"])


def _revoked() -> GraphQLError:
    return GraphQLError(
        "your session or API key is no longer valid", extensions={"code": "UNAUTHENTICATED"}
    )


async def while_authorized(ctx: Context, stream: AsyncIterator[T]) -> AsyncIterator[T]:
    """Pass `stream` through while the caller's credentials hold.

    Checked when the subscription starts and every `recheck_seconds` after (also
    while no event arrives); a revoked session, key or account ends the stream with
    UNAUTHENTICATED.
    """
    if ctx.principal is None or ctx.accounts is None:
        async for item in stream:
            yield item
        return
    interval = ctx.accounts.recheck_seconds
    try:
        if not await still_authorized(ctx):
            raise _revoked()
        checked = time.monotonic()
        while True:
            pending = asyncio.ensure_future(anext(stream))  # type: ignore[arg-type]
            try:
                while True:
                    wait = max(0.0, interval - (time.monotonic() - checked))
                    done, _ = await asyncio.wait({pending}, timeout=wait)
                    if done:
                        break
                    checked = time.monotonic()
                    if not await still_authorized(ctx):
                        raise _revoked()
            finally:
                if not pending.done():
                    pending.cancel()
                    with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                        await pending
            try:
                item = pending.result()
            except StopAsyncIteration:
                return
            yield item
            if time.monotonic() - checked >= interval:
                checked = time.monotonic()
                if not await still_authorized(ctx):
                    raise _revoked()
    finally:
        aclose = getattr(stream, "aclose", None)
        if aclose is not None:
            await aclose()
