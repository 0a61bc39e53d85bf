"""Redis: the seed's cache keys, publishing, and a round-trip check.

Subscribing goes through the process's hub (hub.py); progress events: progress.py.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson
from redis.asyncio import Redis

from datasources.errors import guarded

STORE = "redis"
COURSE_CACHE_TTL = 3600  # seed: cache:courses:{course_id}, 1 hour
SEARCH_CACHE_TTL = 900  # seed: cache:search:{query_hash}, 15 minutes
DOCUMENT_CACHE_TTL = 6 * 3600  # seed: cache:documents:{document_id}:extracted, 6 hours
SERVER_TIME_CHANNEL = "pubsub:server_time"


def _json_default(value: Any) -> Any:
    """asyncpg's UUID subclass and Decimals, which orjson does not know, as strings."""
    if isinstance(value, UUID | Decimal):
        return str(value)
    raise TypeError(f"cannot cache {type(value).__name__}")


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_json_default)


def course_cache_key(course_id: UUID) -> str:
    return f"cache:courses:{course_id}"


def document_cache_key(document_id: UUID) -> str:
    return f"cache:documents:{document_id}:extracted"


def search_cache_key(parts: Sequence[Any]) -> str:
    digest = hashlib.sha256(orjson.dumps(list(parts), option=orjson.OPT_SORT_KEYS)).hexdigest()
    return f"cache:search:{digest}"


class RedisStore:
    """`client`: the main instance (pub/sub, never evicts); `cache`: where `cache:*` keys
    live, the LRU instance of REDIS_CACHE_URL when there is one (docs/operations.md)."""

    def __init__(self, client: Redis, *, timeout: float, cache: Redis | None = None) -> None:
        self.client = client
        self.cache = client if cache is None else cache
        self.timeout = timeout

    @guarded(STORE)
    async def ping(self) -> float:
        started = time.perf_counter()
        await self.client.ping()
        return time.perf_counter() - started

    @guarded(STORE)
    async def get_json_many(self, keys: Sequence[str]) -> list[Any | None]:
        """One MGET for many keys; missing or unreadable entries come back as None."""
        if not keys:
            return []
        raw = await self.cache.mget(keys)
        out: list[Any | None] = []
        for value in raw:
            try:
                out.append(orjson.loads(value) if value is not None else None)
            except orjson.JSONDecodeError:
                out.append(None)  # a corrupt entry is a miss, never an error
        return out

    @guarded(STORE)
    async def set_json_many(self, items: dict[str, Any], *, ttl: int) -> None:
        if not items:
            return
        async with self.cache.pipeline(transaction=False) as pipe:
            for key, value in items.items():
                pipe.set(key, dumps(value), ex=ttl)
            await pipe.execute()

    @guarded(STORE)
    async def delete(self, *keys: str) -> None:
        """Drop cache entries."""
        if keys:
            await self.cache.delete(*keys)

    @guarded(STORE)
    async def publish(self, channel: str, message: dict[str, Any]) -> int:
        return int(await self.client.publish(channel, dumps(message)))
