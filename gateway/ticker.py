"""Publishes the server time to Redis once a second for the `serverTime` subscription.

Every gateway instance runs this loop, but only the holder of a short Redis lease
publishes, so N instances still produce one tick per second.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import UTC, datetime

from datasources.background import in_background
from datasources.errors import UpstreamUnavailable
from datasources.redis.store import SERVER_TIME_CHANNEL, RedisStore

LEASE_KEY = "lease:server_time"
log = logging.getLogger("gateway.ticker")


async def run_ticker(redis: RedisStore, *, interval: float = 1.0) -> None:
    me = uuid.uuid4().hex
    while True:
        try:
            holder = await redis.client.set(LEASE_KEY, me, nx=True, ex=3)
            if holder or (await redis.client.get(LEASE_KEY)) == me.encode():
                await redis.client.expire(LEASE_KEY, 3)
                await redis.publish(SERVER_TIME_CHANNEL, {"at": datetime.now(UTC).isoformat()})
        except (UpstreamUnavailable, OSError, Exception) as exc:  # keep ticking after outages
            log.debug("server time tick skipped: %s", type(exc).__name__)
        await asyncio.sleep(interval)


@contextlib.asynccontextmanager
async def ticker(redis: RedisStore):  # type: ignore[no-untyped-def]
    async with in_background(lambda: run_ticker(redis), name="server-time-ticker"):
        yield
