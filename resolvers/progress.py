"""Live task progress: the current state from PostgreSQL, then Redis events, until done.

A client that connects late or reconnects loses nothing: the first event is always
the stored state, and the stream ends on a terminal status.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from graphql import GraphQLError

from datasources.postgres.records import GenerationTaskRecord
from datasources.redis.store import SERVER_TIME_CHANNEL, progress_channel
from resolvers.accounts import still_authorized
from resolvers.auth import require_principal
from resolvers.context import Context

TERMINAL = frozenset({"completed", "failed"})
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    task_id: UUID
    status: str
    stage: str | None
    percent: float | None
    message: str | None
    at: datetime


def _from_task(task: GenerationTaskRecord) -> ProgressEvent:
    result = task.result if isinstance(task.result, dict) else {}
    percent = 100.0 if task.status == "completed" else result.get("progress")
    return ProgressEvent(
        task_id=task.id,
        status=task.status or "pending",
        stage=result.get("stage"),
        percent=float(percent) if isinstance(percent, int | float) else None,
        message=task.error_message or result.get("message"),
        at=task.updated_at or datetime.now(UTC),
    )


def _from_message(task_id: UUID, message: dict[str, Any]) -> ProgressEvent | None:
    if str(message.get("task_id")) != str(task_id):
        return None
    try:
        at = datetime.fromisoformat(message["at"]) if message.get("at") else datetime.now(UTC)
        percent = message.get("percent")
        return ProgressEvent(
            task_id=task_id,
            status=str(message.get("status") or "processing"),
            stage=message.get("stage"),
            percent=float(percent) if isinstance(percent, int | float) else None,
            message=message.get("message"),
            at=at,
        )
    except (TypeError, ValueError):
        return None


def _subject(task: GenerationTaskRecord) -> UUID:
    """The id the seed's channel is named after (document or course), else the task."""
    for key in ("document_id", "course_id"):
        raw = task.payload.get(key) if isinstance(task.payload, dict) else None
        if raw:
            with contextlib.suppress(ValueError):
                return UUID(str(raw))
    return task.id


async def task_progress(ctx: Context, task_id: UUID) -> AsyncIterator[ProgressEvent]:
    require_principal(ctx, "tasks:read")
    found = await ctx.stores.users.tasks_by_ids([task_id], viewer=ctx.viewer)
    task = found.get(task_id)
    if task is None:
        return
    channel = progress_channel(task.task_type, _subject(task))
    # Subscribed before re-reading the state, so no event falls between the two.
    async with ctx.stores.redis.subscription(channel) as messages:
        fresh = (await ctx.stores.users.tasks_by_ids([task_id], viewer=ctx.viewer)).get(task_id)
        current = _from_task(fresh or task)
        yield current
        if current.status in TERMINAL:
            return
        async for message in messages:
            event = _from_message(task_id, message)
            if event is not None:
                yield event
                if event.status in TERMINAL:
                    return


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
