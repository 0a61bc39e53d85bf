"""Subscriptions over graphql-transport-ws; events arrive through Redis pub/sub."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry

from datasources.redis.progress import ProgressEvent
from resolvers import progress
from resolvers.context import Info
from resolvers.ids import from_global_id, to_global_id
from schema.common import TaskStatus, enum_or_none
from schema.shared_events import SharedAnswer


# Both progress types hold plain values only: an event's answer is computed once per
# (event, operation, variables) and shared by every subscriber (schema/shared_events.py).
# A field with a resolver that reads the context or viewer must not be added to them.
@strawberry.type
class TaskProgress(SharedAnswer):
    task_id: strawberry.ID
    status: TaskStatus | None
    stage: str | None
    percent: float | None
    message: str | None
    at: datetime

    @classmethod
    def of(cls, event: ProgressEvent) -> TaskProgress:
        return cls(
            task_id=strawberry.ID(to_global_id("GenerationTask", event.task_id)),
            status=enum_or_none(TaskStatus, event.status),
            stage=event.stage,
            percent=event.percent,
            message=event.message,
            at=event.at,
        )


@strawberry.type
class DocumentProgress(SharedAnswer):
    """A step of a document's processing: `status` is its task's (the task goes back
    to PENDING while a store failure waits for a retry)."""

    document_id: strawberry.ID
    task_id: strawberry.ID | None = strawberry.field(
        description="Null only for a document processed before tasks were recorded."
    )
    status: TaskStatus | None
    stage: str | None
    percent: float | None
    message: str | None
    at: datetime

    @classmethod
    def of(cls, document_id: UUID, event: ProgressEvent) -> DocumentProgress:
        # The subscribers of one document are handed one event object after another
        # (resolvers/progress.py): they get one DocumentProgress too.
        last = _LAST_DOCUMENT_STEP
        if last and last[0] == document_id and last[1] is event:
            return last[2]
        step = cls._of(document_id, event)
        _LAST_DOCUMENT_STEP[:] = [document_id, event, step]
        return step

    @classmethod
    def _of(cls, document_id: UUID, event: ProgressEvent) -> DocumentProgress:
        task = event.task_id
        return cls(
            document_id=strawberry.ID(to_global_id("Document", document_id)),
            task_id=strawberry.ID(to_global_id("GenerationTask", task)) if task else None,
            status=enum_or_none(TaskStatus, event.status),
            stage=event.stage,
            percent=event.percent,
            message=event.message,
            at=event.at,
        )


# [document id, event, its DocumentProgress]: the last one made.
_LAST_DOCUMENT_STEP: list[Any] = []


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The server's clock, once a second, via Redis.")
    async def server_time(self, info: Info) -> AsyncGenerator[datetime, None]:
        ctx = info.context
        async for tick in progress.while_authorized(ctx, progress.server_time(ctx)):
            yield tick

    @strawberry.subscription(
        description="The task's stored state first, then live progress until it ends."
    )
    async def task_progress(
        self, info: Info, task_id: strawberry.ID
    ) -> AsyncGenerator[TaskProgress, None]:
        _, raw = from_global_id(task_id, expect="GenerationTask")
        ctx = info.context
        async for event in progress.while_authorized(ctx, progress.task_progress(ctx, raw)):
            yield TaskProgress.of(event)

    @strawberry.subscription(
        description="The course's latest generation (generateCourse / regenerateCourse): "
        "its stored state first, then live progress until it ends."
    )
    async def course_generation(
        self, info: Info, course_id: strawberry.ID
    ) -> AsyncGenerator[TaskProgress, None]:
        _, raw = from_global_id(course_id, expect="Course")
        ctx = info.context
        async for event in progress.while_authorized(ctx, progress.course_generation(ctx, raw)):
            yield TaskProgress.of(event)

    @strawberry.subscription(
        description="A document's processing, for those who may read the document: its "
        "stored state first, then each stage (`stage`, `percent`, `message`, `at`) until "
        "it completes or fails. After the end, the final state at once."
    )
    async def document_processing(
        self, info: Info, document_id: strawberry.ID
    ) -> AsyncGenerator[DocumentProgress, None]:
        _, raw = from_global_id(document_id, expect="Document")
        ctx = info.context
        stream = progress.document_processing(ctx, raw)
        async for event in progress.while_authorized(ctx, stream):
            yield DocumentProgress.of(raw, event)
