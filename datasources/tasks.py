"""Background task rows (generation_tasks) through their life, with live progress.

One row per job run request: `new_task` adds it inside the caller's transaction (next
to the course or export row it works on), the job moves it pending → processing →
completed | failed, and every change is also published on the task's progress channel
(datasources/redis/progress.py), so `taskProgress` and `courseGeneration` see the
stored state first and then the same changes live. `result` holds `progress`, `stage`
and `message` while the job runs, and the job's summary at the end.

A progress event that cannot be published (Redis down) is logged, never fatal: the row
is the truth, and a subscriber that reconnects reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from datasources.errors import UpstreamUnavailable, guard
from datasources.postgres.base import STORE as POSTGRES
from datasources.postgres.base import Viewer
from datasources.postgres.models import Document, GenerationTask, task_subject
from datasources.postgres.records import GenerationTaskRecord, field_names
from datasources.redis.progress import TERMINAL, event_from_task, publish_progress
from datasources.redis.store import RedisStore

log = logging.getLogger("datasources.tasks")
TASK_COLUMNS = [GenerationTask.__table__.c[n] for n in field_names(GenerationTaskRecord)]
ERROR_CHARS = 4000  # error_message is TEXT; a bounded message stays readable
ACTIVE = ("pending", "processing")


async def new_task(
    session: AsyncSession,
    *,
    user_id: UUID,
    task_type: str,
    payload: Mapping[str, Any],
    priority: int = 0,
    max_retries: int = 3,
) -> UUID:
    """Add a pending task row in the caller's transaction; returns its id (= the job id)."""
    task_id = uuid4()
    session.add(
        GenerationTask(
            id=task_id,
            user_id=user_id,
            task_type=task_type,
            status="pending",
            priority=priority,
            max_retries=max_retries,
            payload=dict(payload),
            result={"stage": "queued", "progress": 0},
        )
    )
    await session.flush()
    return task_id


class TaskStore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], redis: RedisStore, *, timeout: float
    ) -> None:
        self.sessions = sessions
        self.redis = redis
        self.timeout = timeout

    async def _set(
        self, task_id: UUID, where: Any, values: dict[str, Any]
    ) -> GenerationTaskRecord | None:
        statement = (
            update(GenerationTask)
            .where(GenerationTask.id == task_id, where)
            .values(updated_at=datetime.now(UTC), **values)
            .returning(*TASK_COLUMNS)
        )

        async def run() -> GenerationTaskRecord | None:
            async with self.sessions() as session, session.begin():
                row = (await session.execute(statement)).first()
            return GenerationTaskRecord(*row) if row is not None else None

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def _publish(self, task: GenerationTaskRecord) -> None:
        event = event_from_task(task)
        try:
            await publish_progress(
                self.redis, task_type=task.task_type, payload=task.payload, event=event
            )
        except UpstreamUnavailable as exc:
            log.warning("progress of task %s not published: %s", task.id, exc)

    async def get(self, task_id: UUID) -> GenerationTaskRecord | None:
        async def run() -> GenerationTaskRecord | None:
            async with self.sessions() as session:
                row = (
                    await session.execute(select(*TASK_COLUMNS).where(GenerationTask.id == task_id))
                ).first()
            return GenerationTaskRecord(*row) if row is not None else None

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def start(self, task_id: UUID, *, attempt: int) -> GenerationTaskRecord | None:
        """Claim the task for attempt `attempt` (1, 2, ...); None when it is gone or over."""
        task = await self._set(
            task_id,
            GenerationTask.status.in_(ACTIVE),
            {
                "status": "processing",
                "started_at": datetime.now(UTC),
                "retry_count": attempt - 1,
                "error_message": None,
                "result": {"stage": "started", "progress": 0},
            },
        )
        if task is not None:
            await self._publish(task)
        return task

    async def progress(
        self, task_id: UUID, *, stage: str, percent: float, message: str | None = None
    ) -> None:
        result = {"stage": stage, "progress": round(percent, 1), "message": message}
        task = await self._set(task_id, GenerationTask.status == "processing", {"result": result})
        if task is not None:
            await self._publish(task)

    async def retrying(self, task_id: UUID, *, error: str, attempt: int, delay: float) -> None:
        """Back to pending: attempt `attempt` failed on a store and runs again in `delay` s."""
        message = f"attempt {attempt} failed ({error}); retrying in {delay:g} s"
        task = await self._set(
            task_id,
            GenerationTask.status.in_(ACTIVE),
            {
                "status": "pending",
                "retry_count": attempt,
                "result": {"stage": "retrying", "progress": 0, "message": message[:ERROR_CHARS]},
            },
        )
        if task is not None:
            await self._publish(task)

    async def complete(self, task_id: UUID, result: Mapping[str, Any]) -> None:
        summary = {**result, "stage": "done", "progress": 100}
        task = await self._set(
            task_id,
            GenerationTask.status.in_(ACTIVE),
            {"status": "completed", "completed_at": datetime.now(UTC), "result": summary},
        )
        if task is not None:
            await self._publish(task)

    async def fail(self, task_id: UUID, error: str, *, stage: str | None = None) -> None:
        task = await self._set(
            task_id,
            GenerationTask.status.in_(ACTIVE),
            {
                "status": "failed",
                "completed_at": datetime.now(UTC),
                "error_message": error[:ERROR_CHARS],
                "result": {"stage": stage or "failed", "progress": None},
            },
        )
        if task is not None:
            await self._publish(task)

    async def reopen(self, task_id: UUID) -> GenerationTaskRecord | None:
        """A failed task back to pending for a new job (`retryTask`); None when it is not
        failed. A document_processing task's document goes back to pending with it
        (never a deleted one: the job would refuse it anyway)."""
        values = {
            "status": "pending",
            "error_message": None,
            "started_at": None,
            "completed_at": None,
            "retry_count": 0,
            "result": {"stage": "queued", "progress": 0},
            "updated_at": datetime.now(UTC),
        }

        async def run() -> GenerationTaskRecord | None:
            async with self.sessions() as session, session.begin():
                row = (
                    await session.execute(
                        update(GenerationTask)
                        .where(GenerationTask.id == task_id, GenerationTask.status == "failed")
                        .values(**values)
                        .returning(*TASK_COLUMNS)
                    )
                ).first()
                if row is None:
                    return None
                task = GenerationTaskRecord(*row)
                document_id = (task.payload or {}).get("document_id")
                if task.task_type == "document_processing" and isinstance(document_id, str):
                    await session.execute(
                        update(Document)
                        .where(
                            Document.id == UUID(document_id),
                            Document.status.is_distinct_from("deleted"),
                        )
                        .values(status="pending", processing_error=None, updated_at=func.now())
                    )
            return task

        task = await guard(POSTGRES, run(), seconds=self.timeout)
        if task is not None:
            await self._publish(task)
        return task

    async def latest_for_course(
        self, course_id: UUID, *, task_type: str, viewer: Viewer
    ) -> GenerationTaskRecord | None:
        """The newest task of `task_type` on the course that `viewer` may read."""
        conditions = [
            GenerationTask.task_type == task_type,
            task_subject("course_id") == str(course_id),
        ]
        if not viewer.is_admin:
            conditions.append(GenerationTask.user_id == viewer.user_id)
        statement = (
            select(*TASK_COLUMNS)
            .where(*conditions)
            .order_by(GenerationTask.created_at.desc(), GenerationTask.id.desc())
            .limit(1)
        )

        async def run() -> GenerationTaskRecord | None:
            async with self.sessions() as session:
                row = (await session.execute(statement)).first()
            return GenerationTaskRecord(*row) if row is not None else None

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def latest_for_documents(
        self, document_ids: Sequence[UUID], *, viewer: Viewer
    ) -> dict[UUID, GenerationTaskRecord]:
        """Each document's newest document_processing task that `viewer` may read."""
        subject = task_subject("document_id")
        conditions = [
            GenerationTask.task_type == "document_processing",
            subject.in_([str(d) for d in document_ids]),
        ]
        if not viewer.is_admin:
            conditions.append(GenerationTask.user_id == viewer.user_id)
        statement = (
            select(subject.label("subject"), *TASK_COLUMNS)
            .where(*conditions)
            .order_by(subject, GenerationTask.created_at.desc(), GenerationTask.id.desc())
            .ext(distinct_on(subject))
        )

        async def run() -> dict[UUID, GenerationTaskRecord]:
            if not document_ids:
                return {}
            async with self.sessions() as session:
                rows = (await session.execute(statement)).all()
            return {UUID(row[0]): GenerationTaskRecord(*row[1:]) for row in rows}

        return await guard(POSTGRES, run(), seconds=self.timeout)


@dataclass(frozen=True, slots=True)
class Busy:
    """Another task of the same subject (a course's generation, a document's
    processing) is queued or running."""

    task_id: UUID


def running(task: GenerationTaskRecord | None, *, stale_after: timedelta) -> bool:
    """Whether `task` is still queued or running (a row untouched for `stale_after` is
    taken as abandoned: its worker died and arq gave up)."""
    if task is None or task.status in TERMINAL:
        return False
    touched = task.updated_at or task.created_at
    return touched is None or datetime.now(UTC) - touched < stale_after
