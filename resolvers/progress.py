"""Live progress: the current state from PostgreSQL, then Redis events, until done.

`taskProgress`, `courseGeneration` and `documentProcessing` are one stream (`follow`):
subscribe to the channel through the process's hub first (Redis acknowledged it),
then read the stored state and yield it, then yield the channel's events until a
terminal status. Reading after subscribing leaves no gap for an event to fall into;
an event no newer than the last one yielded (the state just read, published again)
is skipped, so each change arrives once and in order. When the hub reports missed
events (a slow consumer's queue overflowed, or Redis reconnected), the state is read
again. A client that connects late or reconnects loses nothing: the first event is
always the stored state, and a finished task's stream is that state alone.
This side only reads; the event format and channels are datasources/redis/progress.py's.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from graphql import GraphQLError

from datasources.postgres.records import DocumentRecord, GenerationTaskRecord
from datasources.redis.hub import MISSED
from datasources.redis.progress import (
    TERMINAL,
    ProgressEvent,
    decode_any,
    event_from_task,
    progress_channel,
    task_channel,
)
from datasources.redis.store import SERVER_TIME_CHANNEL
from resolvers.accounts import credentials_hold
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.credentials import Reason, Revoked
from resolvers.errors import not_found

T = TypeVar("T")
ReadState = Callable[[], Awaitable[ProgressEvent | None]]


async def follow(
    ctx: Context,
    channel: str,
    read_state: ReadState,
    *,
    task_id: UUID | None = None,
    missing: Callable[[], Exception] | None = None,
) -> AsyncIterator[ProgressEvent]:
    """The stored state, then newer events from `channel`, until a terminal status.

    `task_id`: only that task's events (a channel may carry several tasks'). When the
    first read finds nothing (gone, or never visible to the caller), `missing` is
    raised, or the stream ends empty when there is none."""
    async with ctx.stores.hub.subscribe(channel) as messages:
        last = await read_state()
        if last is None:
            if missing is not None:
                raise missing()
            return  # gone (deleted, or no longer visible) since the caller's check
        yield last
        while last.status not in TERMINAL:
            item = await messages.get()
            event = await read_state() if item is MISSED else _decoded(item)  # type: ignore[arg-type]
            if event is None or (task_id is not None and event.task_id != task_id):
                continue
            if event.at < last.at or _same_step(event, last):
                continue
            last = event
            yield event


class _LastDecoded:
    """The hub hands one message object to every subscriber of its channel, one after
    another: the last message and its event, so each is decoded once, not once per
    subscriber (and the subscribers share one event object, whose answer
    schema/shared_events.py then computes once)."""

    message: object = None
    event: ProgressEvent | None = None


def _decoded(message: Mapping[str, Any]) -> ProgressEvent | None:
    memo = _LastDecoded
    if message is not memo.message:
        memo.message, memo.event = message, decode_any(message)
    return memo.event


def _same_step(a: ProgressEvent, b: ProgressEvent) -> bool:
    """The same change seen twice: the row read, then its event (whose `at` may be the
    publisher's clock rather than the row's)."""
    return (a.task_id, a.status, a.stage, a.percent, a.message) == (
        b.task_id,
        b.status,
        b.stage,
        b.percent,
        b.message,
    )


async def task_progress(ctx: Context, task_id: UUID) -> AsyncIterator[ProgressEvent]:
    require_principal(ctx, "tasks:read")
    task = await _task(ctx, task_id)
    if task is None:
        raise not_found("no such task")

    async def read_state() -> ProgressEvent | None:
        fresh = await _task(ctx, task_id)
        return event_from_task(fresh) if fresh is not None else None

    channel = task_channel(task.task_type, task.id, task.payload)
    async for event in follow(ctx, channel, read_state, task_id=task_id):
        yield event


async def _task(ctx: Context, task_id: UUID) -> GenerationTaskRecord | None:
    # Straight from the store, never a request loader: a loader would answer again
    # with the state it read first.
    return (await ctx.stores.users.tasks_by_ids([task_id], viewer=ctx.viewer)).get(task_id)


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


async def document_processing(ctx: Context, document_id: UUID) -> AsyncIterator[ProgressEvent]:
    """The document's processing (its newest document_processing task) for those who
    may read the document: any task's events on `pubsub:document_processing:{id}`."""
    require_principal(ctx, "documents:read")

    async def read_state() -> ProgressEvent | None:
        viewer = ctx.viewer
        found = await ctx.stores.documents.by_ids([document_id], viewer=viewer)
        row = found.get(document_id)
        if row is None:
            return None
        tasks = await ctx.stores.tasks.latest_for_documents([document_id], viewer=viewer)
        task = tasks.get(document_id)
        return event_from_task(task) if task is not None else document_state(row)

    # Whether the caller may read the document is the first read's answer (the viewer
    # is in it): no read of its own before, one PostgreSQL round trip less per start.
    channel = progress_channel("document_processing", document_id)
    missing = partial(not_found, "no such document")
    async for event in follow(ctx, channel, read_state, missing=missing):
        yield event


def document_state(row: DocumentRecord) -> ProgressEvent:
    """A document with no processing task (made before tasks existed): its row's status."""
    status = row.status or "pending"
    message = row.processing_error
    if status == "deleted":
        status, message = "failed", "the document was deleted"
    return ProgressEvent(
        task_id=None,
        status=status,
        stage=None,
        percent=100.0 if status == "completed" else None,
        message=message,
        at=row.updated_at or datetime.now(UTC),
    )


async def server_time(ctx: Context) -> AsyncIterator[datetime]:
    """Ticks published through Redis once a second by whichever instance holds the lease
    (missed ticks are simply skipped)."""
    async with ctx.stores.hub.subscribe(SERVER_TIME_CHANNEL) as messages:
        async for message in messages:
            if message is MISSED:
                continue
            with contextlib.suppress(KeyError, TypeError, ValueError):
                yield datetime.fromisoformat(message["at"])  # type: ignore[index]


def _revoked() -> GraphQLError:
    return GraphQLError(
        "your session or API key is no longer valid", extensions={"code": "UNAUTHENTICATED"}
    )


async def while_authorized(ctx: Context, stream: AsyncIterator[T]) -> AsyncIterator[T]:
    """Pass `stream` through while the caller's credentials hold.

    Checked when the subscription starts and every `recheck_seconds` after (also
    while no event arrives), once per caller in the process for all of its
    subscriptions (resolvers/credentials.py); a revoked session, key or account ends
    the stream with UNAUTHENTICATED, a failed check with the store's error.

    Nothing per event but two attribute writes: while the stream waits for its next
    item, an ending cancels this task (caught here, turned into the error); while
    the item is out being sent, the guard's reason is read before the next wait.
    """
    principal, services = ctx.principal, ctx.accounts
    if principal is None or services is None:
        async for item in stream:
            yield item
        return
    key = (principal.user_id, principal.session_id, principal.api_key_id)
    try:
        async with services.watch.hold(key, lambda: credentials_hold(services, principal)) as guard:
            while True:
                if guard.reason is not None:
                    raise _ended(guard.reason)
                # The task of this step: whoever iterates us now (not always the first).
                guard.task = task = asyncio.current_task()
                guard.waiting = True
                try:
                    item = await anext(stream)  # type: ignore[call-overload]
                except StopAsyncIteration:
                    return
                except asyncio.CancelledError:
                    # Ours only when the guard ended and no one else cancelled too.
                    if guard.reason is None or task is None or task.uncancel() > 0:
                        raise
                    raise _ended(guard.reason) from None
                finally:
                    guard.waiting = False
                yield item
    except Revoked:
        raise _revoked() from None
    finally:
        aclose = getattr(stream, "aclose", None)
        if aclose is not None:
            await aclose()


def _ended(reason: Reason) -> BaseException:
    return reason if isinstance(reason, BaseException) else _revoked()
