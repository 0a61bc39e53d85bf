"""One task run, the same for the worker and the CLI: claim the row, do the work,
record the outcome.

- The row is claimed for this attempt (pending|processing → processing); a task that
  is gone or already over is skipped.
- `JobFailed` is a failure retrying cannot fix (bad input, a deleted course): the task
  fails at once with its message.
- A store that did not answer (UpstreamUnavailable, a driver's connection error), a
  graph that changed under the job (GraphChanged) or another job's write still under
  way (TryAgain) is transient: the task goes back to
  pending and the caller runs it again after `delay` seconds (doubling from
  WORKER_RETRY_BACKOFF_SECONDS, at most WORKER_RETRY_BACKOFF_MAX_SECONDS), until
  `max_retries` retries are spent; then it fails with the store's error.
- Anything else is a bug: the task fails with the exception's type only (the details
  are in the log, never in a row a client reads).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from uuid import UUID

from datasources.errors import UpstreamUnavailable, is_connection_error
from datasources.neo4j.course_plan import GraphChanged
from datasources.postgres.records import GenerationTaskRecord
from datasources.settings import Settings
from datasources.stores import Stores

log = logging.getLogger("jobs")


class JobFailed(Exception):
    """A failure retrying cannot fix; the message is what the task's owner reads."""

    def __init__(self, message: str, *, stage: str | None = None) -> None:
        super().__init__(message)
        self.stage = stage


class TryAgain(Exception):
    """Another job's write is under way (a course being regenerated while it is exported):
    retried like a store that did not answer; the message says what is awaited."""


DEFAULT_RETRIES = 3  # a task row without max_retries


def retries_of(task: GenerationTaskRecord) -> int:
    return task.max_retries if task.max_retries is not None else DEFAULT_RETRIES


@dataclass(frozen=True, slots=True)
class TaskRun:
    """What a job's work receives: the stores, the settings and its claimed task."""

    stores: Stores
    settings: Settings
    task: GenerationTaskRecord

    @property
    def last_attempt(self) -> bool:
        """This run is the task's last try: a transient error now fails the task."""
        return (self.task.retry_count or 0) >= retries_of(self.task)

    async def progress(self, stage: str, percent: float, message: str | None = None) -> None:
        await self.stores.tasks.progress(
            self.task.id, stage=stage, percent=percent, message=message
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Literal["completed", "failed", "retry", "skipped"]
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    delay: float = 0.0


Work = Callable[[TaskRun], Awaitable[dict[str, Any]]]
OnFailed = Callable[[TaskRun, str], Awaitable[None]]


# transient errors of our own: their messages are written for the task's owner
_OWN_TRANSIENT = (UpstreamUnavailable, GraphChanged, TryAgain)


def transient(exc: BaseException) -> bool:
    return isinstance(exc, _OWN_TRANSIENT) or is_connection_error(exc)


def describe(exc: BaseException) -> str:
    """A transient error in words a task's owner can act on (no driver internals)."""
    if isinstance(exc, _OWN_TRANSIENT):
        return str(exc)
    return f"a store did not answer ({type(exc).__name__})"


def retry_delay(settings: Settings, attempt: int) -> float:
    worker = settings.worker
    return min(worker.retry_backoff_max_seconds, worker.retry_backoff_seconds * 2 ** (attempt - 1))


async def run_task(
    stores: Stores,
    settings: Settings,
    task_id: UUID,
    *,
    attempt: int,
    work: Work,
    on_failed: OnFailed | None = None,
) -> Outcome:
    """Run attempt `attempt` (1, 2, ...) of the task; the Outcome says what happened."""
    task = await stores.tasks.start(task_id, attempt=attempt)
    if task is None:
        log.info("task %s is gone or already finished; nothing to do", task_id)
        return Outcome("skipped")
    run = TaskRun(stores=stores, settings=settings, task=task)
    try:
        result = await work(run)
    except JobFailed as exc:
        return await _failed(run, str(exc), exc.stage, on_failed)
    except Exception as exc:
        if not transient(exc):
            log.exception("task %s (%s) failed", task_id, task.task_type)
            message = f"internal error ({type(exc).__name__}); the worker log has the details"
            return await _failed(run, message, None, on_failed)
        retries = retries_of(task)
        if attempt > retries:
            message = f"gave up after {attempt} attempts: {describe(exc)}"
            return await _failed(run, message, None, on_failed)
        delay = retry_delay(settings, attempt)
        log.warning("task %s attempt %d: %s; retrying in %gs", task_id, attempt, exc, delay)
        await stores.tasks.retrying(task_id, error=describe(exc), attempt=attempt, delay=delay)
        return Outcome("retry", error=describe(exc), delay=delay)
    await stores.tasks.complete(task_id, result)
    return Outcome("completed", result=result)


async def _failed(
    run: TaskRun, message: str, stage: str | None, on_failed: OnFailed | None
) -> Outcome:
    try:
        if on_failed is not None:
            await on_failed(run, message)
        await run.stores.tasks.fail(run.task.id, message, stage=stage)
    except Exception:  # the store that failed the job may fail this too: say so, go on
        log.exception("task %s: could not record its failure (%s)", run.task.id, message)
    return Outcome("failed", error=message)
