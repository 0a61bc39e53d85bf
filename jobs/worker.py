"""arq WorkerSettings: the background worker (`curriculum worker`).

Jobs unpack arq's ctx into typed state on their first line; the stores are opened
once in on_startup and closed in on_shutdown, like the app's lifespan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import orjson
from arq import cron
from arq.connections import RedisSettings
from sqlalchemy.ext.asyncio import AsyncEngine

from datasources.postgres.engine import create_engine
from datasources.settings import Settings
from jobs import maintenance

log = logging.getLogger("jobs")


@dataclass(frozen=True, slots=True)
class WorkerState:
    settings: Settings
    engine: AsyncEngine


def state(ctx: dict[str, Any]) -> WorkerState:
    return ctx["state"]  # type: ignore[no-any-return]


async def startup(ctx: dict[str, Any]) -> None:
    settings = Settings.load()
    engine = create_engine(settings.postgres.url, pool_size=4)
    ctx["state"] = WorkerState(settings=settings, engine=engine)


async def shutdown(ctx: dict[str, Any]) -> None:
    await state(ctx).engine.dispose()


async def maintain_audit_partitions(ctx: dict[str, Any]) -> None:
    await maintenance.ensure_partitions(state(ctx).engine, months_ahead=3)


async def purge_expired_rows(ctx: dict[str, Any]) -> dict[str, int]:
    removed = await maintenance.purge_expired(state(ctx).engine)
    log.info("retention purge removed %s", removed)
    return removed


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis.url)


class WorkerSettings:
    functions = [maintain_audit_partitions, purge_expired_rows]
    cron_jobs = [
        cron(maintain_audit_partitions, hour={3}, minute={0}, run_at_startup=True),
        cron(purge_expired_rows, hour={4}, minute={0}),
    ]
    on_startup = startup
    on_shutdown = shutdown
    # JSON, not arq's default pickle: a job payload must never be able to run code.
    job_serializer = staticmethod(orjson.dumps)
    job_deserializer = staticmethod(orjson.loads)
    max_tries = 3
