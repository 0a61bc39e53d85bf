"""What a job gets from the worker: typed state instead of arq's ctx dict, and its lease.

`job(ctx)` is the first line of every task entry point. The lease keeps arq's
in-progress key (`arq:in-progress:<job id>`, which stops a second worker from starting
the same job) alive in short steps while the job runs, instead of arq's default of the
whole job timeout: a worker killed with SIGKILL loses the claim within `lease_seconds`,
and the job then runs again on the next worker that polls (the restarted one, or any
other). The job's writes are idempotent, so the second run repairs the first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

from arq import ArqRedis
from arq.constants import in_progress_key_prefix
from redis.exceptions import RedisError

from datasources.settings import Settings
from datasources.stores import Stores

log = logging.getLogger("jobs")


@dataclass(frozen=True, slots=True)
class WorkerState:
    settings: Settings
    stores: Stores
    exit_stack: AsyncExitStack


def state(ctx: dict[str, Any]) -> WorkerState:
    return ctx["state"]  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Job:
    """One run of one job: the worker's state, arq's job id and this try's number (1, 2…)."""

    worker: WorkerState
    job_id: str
    attempt: int
    queue: ArqRedis

    @property
    def settings(self) -> Settings:
        return self.worker.settings

    @property
    def stores(self) -> Stores:
        return self.worker.stores


def job(ctx: dict[str, Any]) -> Job:
    return Job(
        worker=state(ctx),
        job_id=str(ctx["job_id"]),
        attempt=int(ctx["job_try"]),
        queue=ctx["redis"],
    )


@contextlib.asynccontextmanager
async def lease(current: Job) -> AsyncIterator[None]:
    """Hold the job's in-progress key in steps of `WORKER_LEASE_SECONDS` while it runs."""
    seconds = current.settings.worker.lease_seconds
    key = in_progress_key_prefix + current.job_id

    async def renew() -> None:
        while True:
            try:
                await current.queue.pexpire(key, seconds * 1000)
            except (RedisError, OSError) as exc:  # the next renewal may get through
                log.warning("job %s: lease not renewed: %s", current.job_id, exc)
            await asyncio.sleep(seconds / 3)

    renewing = asyncio.create_task(renew())
    try:
        yield
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
