"""arq WorkerSettings: the background worker (`curriculum worker`, docs/worker.md).

Jobs unpack arq's ctx into typed state on their first line (jobs/state.py); the stores
are opened once in on_startup and closed in on_shutdown, like the app's lifespan. Every
job is registered under its name from datasources/redis/queue.py, the names `enqueue`
uses. `worker_options` turns the WORKER_* settings into arq's Worker arguments.

Task jobs keep no arq result (`keep_result=0`): the task row is the result, and a task
whose job finished can be queued again at once under the same job id (retryTask).
"""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from typing import Any

from arq import Retry, cron, func
from arq.connections import RedisSettings
from arq.constants import default_queue_name, health_check_key_suffix
from arq.cron import CronJob

from datasources.redis import queue
from datasources.redis.queue import JobName, TaskPayload
from datasources.settings import Settings, for_jobs
from datasources.stores import open_stores
from jobs import child, maintenance, reconcile
from jobs.ingest.analysis import PRELOAD
from jobs.metrics import measured
from jobs.state import WorkerState, job, lease, state
from jobs.tasks import course_generation
from jobs.tasks import export as export_job
from jobs.tasks.cleanup import clean_up_document
from jobs.tasks.document_processing import process_document
from jobs.tasks.lifecycle import OnFailed, Outcome, Work, run_task

log = logging.getLogger("jobs")
# arq's own timeout sits this far past WORKER_JOB_TIMEOUT_SECONDS: the job stops itself
# first and records why; arq's cancellation is the backstop.
TIMEOUT_MARGIN_SECONDS = 60
RESULT_SECONDS = 86_400  # seed: task results are kept 24 hours
# Maintenance scans whole stores: bounded by this, not by the task jobs' timeout.
MAINTENANCE_TIMEOUT_SECONDS = 3600


async def startup(ctx: dict[str, Any]) -> None:
    settings = for_jobs(Settings.load())
    child.start(PRELOAD)  # on the main thread (jobs/child.py); ~3 s, once
    exit_stack = AsyncExitStack()
    # The app bootstraps the graph and vector schemas; the worker only uses them.
    stores = await exit_stack.enter_async_context(open_stores(settings, bootstrap=False))
    ctx["state"] = WorkerState(settings=settings, stores=stores, exit_stack=exit_stack)
    log.info("worker ready: stores open, document reader started")


async def shutdown(ctx: dict[str, Any]) -> None:
    await state(ctx).exit_stack.aclose()


async def maintain_audit_partitions(ctx: dict[str, Any]) -> None:
    await maintenance.ensure_partitions(state(ctx).stores.engine, months_ahead=3)


def retention_cron(task: maintenance.Task) -> CronJob:
    """The cron job of one retention task; its result (what it removed) is kept 24 h."""

    async def retain(ctx: dict[str, Any]) -> dict[str, int]:
        removed = await task.run(state(ctx).stores, dry_run=False)
        log.info("retention %s removed %s", task.name, removed)
        return removed

    name = f"{JobName.RETENTION.value}:{task.name}"
    retain.__qualname__ = retain.__name__ = name.replace(":", "_").replace("-", "_")
    return cron(
        measured(retain, name),
        name=f"cron:{name}",
        keep_result=RESULT_SECONDS,
        timeout=MAINTENANCE_TIMEOUT_SECONDS,
        **task.schedule,
    )


async def reconcile_stores(ctx: dict[str, Any]) -> dict[str, Any]:
    """Daily: find cross-store drift and fix it (jobs/reconcile.py)."""
    stores = state(ctx).stores
    drift = await reconcile.find(stores)
    fixed = await reconcile.fix(stores, drift)
    log.info("reconcile found %s, fixed %s", drift.counts(), fixed)
    return {"found": drift.counts(), "fixed": fixed}


async def _run(ctx: dict[str, Any], payload: Any, work: Work, on_failed: OnFailed | None) -> Any:
    """A course or export task job: our lifecycle decides about retries (the task row's
    max_retries); arq only re-queues the job when told to, after the delay."""
    current = job(ctx)
    task_id = TaskPayload.from_json(payload).task_id
    async with lease(current):
        outcome: Outcome = await run_task(
            current.stores,
            current.settings,
            task_id,
            attempt=current.attempt,
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


async def healthy(settings: Settings) -> str | None:
    """The newest worker's health line (jobs done, failed, ...), None when none is fresh."""
    pool = await queue.open_queue(settings.redis.url)
    try:
        raw = await pool.get(default_queue_name + health_check_key_suffix)
    finally:
        await pool.aclose()
    return raw.decode() if raw else None


def worker_options(settings: Settings) -> dict[str, Any]:
    """arq Worker arguments from the (validated) WORKER_* settings."""
    worker = settings.worker
    return {
        "job_timeout": worker.job_timeout_seconds + TIMEOUT_MARGIN_SECONDS,
        "max_jobs": worker.max_jobs,
        "max_tries": worker.max_tries,
        "health_check_interval": worker.health_check_seconds,
        "poll_delay": worker.poll_seconds,
        # SIGTERM: no new jobs; running ones get this long, then are cancelled and queued
        # again (arq's retry of a cancelled job), so none is lost or left half-claimed.
        "job_completion_wait": worker.shutdown_grace_seconds,
    }


def _job(function: Any, name: JobName, **options: Any) -> Any:
    """arq's registration of `function` as job `name`, counted and traced (jobs/metrics.py)."""
    return func(measured(function, name.value), name=name.value, **options)


def _cron(function: Any, name: JobName, **schedule: Any) -> Any:
    return cron(measured(function, name.value), name=f"cron:{name.value}", **schedule)


class WorkerSettings:
    functions = [
        _job(maintain_audit_partitions, JobName.MAINTAIN_AUDIT_PARTITIONS),
        _job(process_document, JobName.PROCESS_DOCUMENT, keep_result=0),
        _job(clean_up_document, JobName.CLEAN_UP_DOCUMENT, keep_result=0),
        _job(generate_course, JobName.GENERATE_COURSE, keep_result=0),
        _job(export_course, JobName.EXPORT_COURSE, keep_result=0),
    ]
    cron_jobs = [
        _cron(
            maintain_audit_partitions,
            JobName.MAINTAIN_AUDIT_PARTITIONS,
            hour={3},
            minute={0},
            run_at_startup=True,
        ),
        _cron(
            reconcile_stores,
            JobName.RECONCILE,
            hour={2},
            minute={30},
            keep_result=RESULT_SECONDS,
            timeout=MAINTENANCE_TIMEOUT_SECONDS,
        ),
        *(retention_cron(task) for task in maintenance.TASKS.values()),
    ]
    on_startup = startup
    on_shutdown = shutdown
    # JSON, not arq's default pickle: a job payload must never be able to run code.
    job_serializer = staticmethod(queue.serialize)
    job_deserializer = staticmethod(queue.deserialize)
    max_tries = 3
