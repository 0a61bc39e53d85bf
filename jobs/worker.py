"""arq WorkerSettings: the background worker (`curriculum worker`).

Jobs unpack arq's ctx into typed state on their first line; the stores are opened
once in on_startup and closed in on_shutdown, like the app's lifespan. Every job is
registered under its name from datasources/redis/queue.py, the names `enqueue` uses.
"""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

from arq import Retry, cron, func
from arq.connections import RedisSettings

from datasources.redis import queue
from datasources.redis.queue import JobName, TaskPayload
from datasources.settings import Settings, for_jobs
from datasources.stores import Stores, open_stores
from jobs import maintenance
from jobs.tasks import course_generation
from jobs.tasks import export as export_job
from jobs.tasks.lifecycle import OnFailed, Outcome, Work, run_task

log = logging.getLogger("jobs")
TASK_MAX_TRIES = 20
TASK_TIMEOUT_SECONDS = 900  # a 5,000-concept course or a 100-page PDF, with room


@dataclass(frozen=True, slots=True)
class WorkerState:
    settings: Settings
    stores: Stores
    exit_stack: AsyncExitStack


def state(ctx: dict[str, Any]) -> WorkerState:
    return ctx["state"]  # type: ignore[no-any-return]


async def startup(ctx: dict[str, Any]) -> None:
    settings = for_jobs(Settings.load())
    exit_stack = AsyncExitStack()
    # The app bootstraps the graph and vector schemas; the worker only uses them.
    stores = await exit_stack.enter_async_context(open_stores(settings, bootstrap=False))
    ctx["state"] = WorkerState(settings=settings, stores=stores, exit_stack=exit_stack)


async def shutdown(ctx: dict[str, Any]) -> None:
    await state(ctx).exit_stack.aclose()


async def maintain_audit_partitions(ctx: dict[str, Any]) -> None:
    await maintenance.ensure_partitions(state(ctx).stores.engine, months_ahead=3)


async def purge_expired_rows(ctx: dict[str, Any]) -> dict[str, int]:
    stores = state(ctx).stores
    keys: list[str] = []
    removed = await maintenance.purge_expired(stores.engine, released=keys)
    removed["files"] = await stores.exports.release_files(keys)
    log.info("retention purge removed %s", removed)
    return removed


async def _run(ctx: dict[str, Any], payload: Any, work: Work, on_failed: OnFailed | None) -> Any:
    """A task job: our lifecycle decides about retries (the task row's max_retries);
    arq only re-queues the job when told to, after the delay."""
    worker = state(ctx)
    task_id = TaskPayload.from_json(payload).task_id
    outcome: Outcome = await run_task(
        worker.stores,
        worker.settings,
        task_id,
        attempt=int(ctx.get("job_try", 1)),
        work=work,
        on_failed=on_failed,
    )
    if outcome.status == "retry":
        raise Retry(defer=outcome.delay)
    return {"status": outcome.status, "error": outcome.error}


async def generate_course(ctx: dict[str, Any], payload: Any) -> Any:
    return await _run(ctx, payload, course_generation.generate, None)


async def export_course(ctx: dict[str, Any], payload: Any) -> Any:
    return await _run(ctx, payload, export_job.export, export_job.export_failed)


def redis_settings(settings: Settings) -> RedisSettings:
    return queue.redis_settings(settings.redis.url)


class WorkerSettings:
    functions = [
        func(maintain_audit_partitions, name=JobName.MAINTAIN_AUDIT_PARTITIONS.value),
        func(purge_expired_rows, name=JobName.PURGE_EXPIRED_ROWS.value),
        # arq's own limit is only a backstop: run_task counts against the task's
        # max_retries and fails the task itself before arq would drop the job silently.
        func(
            generate_course,
            name=JobName.GENERATE_COURSE.value,
            max_tries=TASK_MAX_TRIES,
            timeout=TASK_TIMEOUT_SECONDS,
        ),
        func(
            export_course,
            name=JobName.EXPORT_COURSE.value,
            max_tries=TASK_MAX_TRIES,
            timeout=TASK_TIMEOUT_SECONDS,
        ),
    ]
    cron_jobs = [
        cron(
            maintain_audit_partitions,
            name=f"cron:{JobName.MAINTAIN_AUDIT_PARTITIONS.value}",
            hour={3},
            minute={0},
            run_at_startup=True,
        ),
        cron(
            purge_expired_rows,
            name=f"cron:{JobName.PURGE_EXPIRED_ROWS.value}",
            hour={4},
            minute={0},
        ),
    ]
    on_startup = startup
    on_shutdown = shutdown
    # JSON, not arq's default pickle: a job payload must never be able to run code.
    job_serializer = staticmethod(queue.serialize)
    job_deserializer = staticmethod(queue.deserialize)
    max_tries = 3
