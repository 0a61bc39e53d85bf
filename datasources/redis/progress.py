"""Task progress events: their format, their channels, and publishing them.

Jobs publish (`publish_progress`), the `taskProgress` subscription reads
(resolvers/progress.py); both use this module, so the two sides cannot drift.

- Channel: the seed's `pubsub:{task_type}:{subject}`, where the subject is the
  payload's `document_id` (document_processing), else its `course_id`
  (course_generation, export), else the task's own id.
- Message: a JSON object `{task_id, status, stage, percent, message, at}`, `at` an
  ISO 8601 time; a message for another task on the same channel is ignored.
- Stored state: a task row's `result` may carry `progress`, `stage` and `message`;
  `event_from_task` reads them, so a subscriber that connects late starts there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from datasources.postgres.records import GenerationTaskRecord

TASK_TYPES = frozenset({"document_processing", "course_generation", "export"})
TERMINAL = frozenset({"completed", "failed"})


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    task_id: UUID | None  # None only for a document that never had a processing task
    status: str  # pending | processing | completed | failed
    stage: str | None
    percent: float | None
    message: str | None
    at: datetime


def progress_channel(task_type: str, subject_id: UUID) -> str:
    """The seed's channels: pubsub:document_processing:{id}, pubsub:course_generation:{id}."""
    if task_type not in TASK_TYPES:
        raise ValueError(f"unknown task type {task_type!r}")
    return f"pubsub:{task_type}:{subject_id}"


def task_channel(task_type: str, task_id: UUID, payload: Mapping[str, Any] | None) -> str:
    """The channel a task's progress goes to: named after its document or course."""
    return progress_channel(task_type, _subject(task_id, payload))


def _subject(task_id: UUID, payload: Mapping[str, Any] | None) -> UUID:
    for key in ("document_id", "course_id"):
        raw = payload.get(key) if isinstance(payload, Mapping) else None
        if raw:
            with contextlib.suppress(ValueError):
                return UUID(str(raw))
    return task_id


def encode(event: ProgressEvent) -> dict[str, Any]:
    """The message published for `event` (JSON-ready)."""
    return {
        "task_id": str(event.task_id),
        "status": event.status,
        "stage": event.stage,
        "percent": event.percent,
        "message": event.message,
        "at": event.at.isoformat(),
    }


def decode(task_id: UUID, message: Mapping[str, Any]) -> ProgressEvent | None:
    """The event in `message` when it is about `task_id` and well formed, else None."""
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


def decode_any(message: Mapping[str, Any]) -> ProgressEvent | None:
    """The event in `message`, whichever task it is about (a document's channel)."""
    try:
        task_id = UUID(str(message.get("task_id")))
    except ValueError:
        return None
    return decode(task_id, message)


def event_from_task(task: GenerationTaskRecord) -> ProgressEvent:
    """A task row's stored state as an event (the first one a subscriber sees)."""
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


class Publisher(Protocol):
    """What publishing needs (RedisStore; a fake in unit tests)."""

    def publish(self, channel: str, message: dict[str, Any]) -> Awaitable[int]: ...


async def publish_progress(
    redis: Publisher,
    *,
    task_type: str,
    payload: Mapping[str, Any] | None,
    event: ProgressEvent,
) -> int:
    """Publish `event` on its task's channel; returns how many subscribers received it."""
    if event.task_id is None:
        raise ValueError("only a task's events are published")
    channel = task_channel(task_type, event.task_id, payload)
    return await redis.publish(channel, encode(event))
