"""The arq job queue: every job's name and payload, and the one way to enqueue a task.

Both sides import this module: the API (and CLI) enqueue through `enqueue`, the worker
(jobs/worker.py) registers its functions under these names, so no job name is ever a
bare string. Payloads are JSON (never pickle: a payload must not be able to run code). With tracing
on, a payload also carries the enqueuing request's trace context under `trace`
(datasources/telemetry.py); readers take their keys by name, so old and new payloads
run on old and new workers alike.

A background task is a `generation_tasks` row; its job carries only the row's id and
the job id *is* that id, so arq refuses a second job for a task already queued or
running, and a job finds everything else (its payload, retries) in the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

import orjson
from arq import ArqRedis, create_pool
from arq.connections import RedisSettings
from arq.constants import default_queue_name
from redis.asyncio import Redis

from datasources.errors import guarded
from datasources.telemetry import with_trace_context


class JobName(StrEnum):
    # Housekeeping, run by the worker's cron schedule.
    MAINTAIN_AUDIT_PARTITIONS = "maintain_audit_partitions"
    RETENTION = "retention"  # one cron job per task of jobs/maintenance.py: retention:<task>
    RECONCILE = "reconcile"
    # One per generation_tasks.task_type; their entry points go under jobs/tasks/.
    PROCESS_DOCUMENT = "process_document"
    GENERATE_COURSE = "generate_course"
    EXPORT_COURSE = "export_course"
    # After a soft delete (deleteDocument): no generation_tasks row, payload DocumentPayload.
    CLEAN_UP_DOCUMENT = "clean_up_document"


TASK_JOBS: Mapping[str, JobName] = {
    "document_processing": JobName.PROCESS_DOCUMENT,
    "course_generation": JobName.GENERATE_COURSE,
    "export": JobName.EXPORT_COURSE,
}


@dataclass(frozen=True, slots=True)
class TaskPayload:
    """What a task job receives: the id of the generation_tasks row to run."""

    task_id: UUID

    def to_json(self) -> dict[str, Any]:
        return {"task_id": str(self.task_id)}

    @classmethod
    def from_json(cls, raw: Any) -> TaskPayload:
        """The payload a job was given; ValueError names what is wrong with it."""
        if not isinstance(raw, Mapping) or not isinstance(raw.get("task_id"), str):
            raise ValueError("a task job's payload is {'task_id': '<uuid>'}")
        return cls(task_id=UUID(raw["task_id"]))


@dataclass(frozen=True, slots=True)
class DocumentPayload:
    """What the cleanup job receives: the id of the (soft-deleted) document."""

    document_id: UUID

    def to_json(self) -> dict[str, Any]:
        return {"document_id": str(self.document_id)}

    @classmethod
    def from_json(cls, raw: Any) -> DocumentPayload:
        """The payload a job was given; ValueError names what is wrong with it."""
        if not isinstance(raw, Mapping) or not isinstance(raw.get("document_id"), str):
            raise ValueError("a document job's payload is {'document_id': '<uuid>'}")
        return cls(document_id=UUID(raw["document_id"]))


def serialize(value: Any) -> bytes:
    return orjson.dumps(value)


def deserialize(raw: bytes) -> Any:
    return orjson.loads(raw)


def redis_settings(url: str) -> RedisSettings:
    return RedisSettings.from_dsn(url)


async def open_queue(url: str) -> ArqRedis:
    """A connection that enqueues with the worker's serializer; close with `aclose()`."""
    return await create_pool(
        redis_settings(url), job_serializer=serialize, job_deserializer=deserialize
    )


async def enqueue(queue: ArqRedis, *, task_type: str, task_id: UUID) -> bool:
    """Queue the job that runs task `task_id`; False when that task is already queued."""
    job = TASK_JOBS.get(task_type)
    if job is None:
        raise ValueError(f"no job runs tasks of type {task_type!r}")
    queued = await queue.enqueue_job(
        job.value, with_trace_context(TaskPayload(task_id).to_json()), _job_id=str(task_id)
    )
    return queued is not None


class JobQueue:
    """`enqueue` for the API, over its own Redis connection pool (no second connection)."""

    def __init__(self, client: Redis, *, timeout: float) -> None:
        self._queue = ArqRedis(
            client.connection_pool, job_serializer=serialize, job_deserializer=deserialize
        )
        self.timeout = timeout

    @guarded("redis")
    async def enqueue(self, *, task_type: str, task_id: UUID) -> bool:
        return await enqueue(self._queue, task_type=task_type, task_id=task_id)

    @guarded("redis")
    async def enqueue_cleanup(self, *, document_id: UUID) -> bool:
        return await enqueue_cleanup(self._queue, document_id=document_id)

    @guarded("redis")
    async def depth(self) -> int:
        """Jobs waiting (queued or deferred for a retry), not those running."""
        return int(await self._queue.zcard(default_queue_name))


def cleanup_job_id(document_id: UUID) -> str:
    return f"{JobName.CLEAN_UP_DOCUMENT.value}:{document_id}"


async def enqueue_cleanup(queue: ArqRedis, *, document_id: UUID) -> bool:
    """Queue the cleanup of a soft-deleted document; False when it is already queued."""
    queued = await queue.enqueue_job(
        JobName.CLEAN_UP_DOCUMENT.value,
        with_trace_context(DocumentPayload(document_id).to_json()),
        _job_id=cleanup_job_id(document_id),
    )
    return queued is not None
