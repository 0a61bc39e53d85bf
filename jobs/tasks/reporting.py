"""A running task's progress: stored in its row first, then published.

The row is the truth (`result.stage`, `result.progress`, `result.message`), so a client
that subscribes late starts at the right place; the published event is the same state,
live. A publish that fails (Redis down) is logged, never fatal; a row update that fails
is a store failure like any other (the job retries).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from datasources.errors import UpstreamUnavailable
from datasources.postgres.records import GenerationTaskRecord
from datasources.redis.progress import ProgressEvent, publish_progress
from jobs.tasks.ports import DocumentPorts

log = logging.getLogger("jobs.progress")


class Reporter:
    def __init__(self, ports: DocumentPorts, task: GenerationTaskRecord) -> None:
        self.ports = ports
        self.task = task

    async def stage(self, stage: str, percent: float, message: str) -> None:
        values = {"stage": stage, "progress": round(percent, 1), "message": message}
        await self.ports.rows.progress(self.task.id, values)
        await self.publish("processing", stage, percent, message)

    async def publish(
        self, status: str, stage: str | None, percent: float | None, message: str | None
    ) -> None:
        event = ProgressEvent(
            task_id=self.task.id,
            status=status,
            stage=stage,
            percent=percent,
            message=message,
            at=datetime.now(UTC),
        )
        try:
            await publish_progress(
                self.ports.redis,
                task_type=self.task.task_type,
                payload=self.task.payload,
                event=event,
            )
        except UpstreamUnavailable as exc:
            log.warning("progress of task %s not published: %s", self.task.id, exc)
