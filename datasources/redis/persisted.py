"""Queries registered through Apollo's automatic persisted queries, in Redis.

`persisted_query:{sha256}` holds the query text for `ttl` seconds (refreshed on every
registration). The key is the text's own SHA-256, checked before anything is stored, so
a key can only ever hold the one text that hashes to it.
"""

from __future__ import annotations

from redis.asyncio import Redis

from datasources.errors import guarded

STORE = "redis"
KEY_PREFIX = "persisted_query:"


def persisted_query_key(sha256: str) -> str:
    return KEY_PREFIX + sha256


class PersistedQueryStore:
    def __init__(self, client: Redis, *, timeout: float, ttl: int) -> None:
        self.client = client
        self.timeout = timeout
        self.ttl = ttl

    @guarded(STORE)
    async def get(self, sha256: str) -> str | None:
        raw = await self.client.get(persisted_query_key(sha256))
        return raw.decode("utf-8") if isinstance(raw, bytes) else None

    @guarded(STORE)
    async def put(self, sha256: str, query: str) -> None:
        await self.client.set(persisted_query_key(sha256), query.encode("utf-8"), ex=self.ttl)

    @guarded(STORE)
    async def all(self) -> dict[str, str]:
        """Every registered query by hash (for `curriculum persisted-queries export`)."""
        found: dict[str, str] = {}
        async for key in self.client.scan_iter(match=KEY_PREFIX + "*", count=500):
            raw = await self.client.get(key)
            if isinstance(raw, bytes):
                found[key.decode()[len(KEY_PREFIX) :]] = raw.decode("utf-8")
        return found
