"""Redis: every key of the main instance's database as DUMP payload + expiry time.

DUMP/RESTORE works over the network (no access to the server's files needed) and is
Redis' own RDB serialisation of each value. Each key's expiry is kept as an absolute
time, so a restored session still ends when it would have (RESTORE ... ABSTTL); a key
that expired in between is not brought back. The cache instance is not backed up:
every entry there is recomputed on a miss.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

import orjson
from redis.asyncio import Redis

FILE = "redis.jsonl"
BATCH = 500


async def save(url: str, target: Path) -> dict[str, Any]:
    client = Redis.from_url(url)
    count = 0
    try:
        info = await client.info("server")
        with (target / FILE).open("wb") as out:
            batch: list[bytes] = []

            async def flush() -> int:
                async with client.pipeline(transaction=False) as pipe:
                    for key in batch:
                        pipe.dump(key)
                        pipe.pttl(key)
                    answers = await pipe.execute()
                now = int(time.time() * 1000)
                written = 0
                for key, payload, pttl in zip(batch, answers[::2], answers[1::2], strict=True):
                    if payload is None:  # expired or deleted since SCAN saw it
                        continue
                    expires = 0 if pttl < 0 else now + pttl
                    row = {
                        "key": base64.b64encode(key).decode(),
                        "expires_at_ms": expires,
                        "dump": base64.b64encode(payload).decode(),
                    }
                    out.write(orjson.dumps(row) + b"\n")
                    written += 1
                batch.clear()
                return written

            async for key in client.scan_iter(count=BATCH):
                batch.append(key)
                if len(batch) >= BATCH:
                    count += await flush()
            count += await flush()
    finally:
        await client.aclose()
    return {"file": FILE, "version": info.get("redis_version"), "counts": {"keys": count}}


async def is_empty(url: str) -> bool:
    client = Redis.from_url(url)
    try:
        return int(await client.dbsize()) == 0
    finally:
        await client.aclose()


async def load(url: str, source: Path, *, force: bool) -> tuple[int, int]:
    """Restore every key; returns (restored, expired): keys whose expiry passed between
    the backup and now are left out, as the source would have dropped them too."""
    client = Redis.from_url(url)
    restored = expired = 0
    try:
        if force:
            await client.flushdb()
        now = int(time.time() * 1000)
        with (source / FILE).open("rb") as rows:
            async with client.pipeline(transaction=False) as pipe:
                for line in rows:
                    row = orjson.loads(line)
                    expires = int(row["expires_at_ms"])
                    if expires and expires <= now:
                        expired += 1
                        continue
                    pipe.restore(
                        base64.b64decode(row["key"]),
                        expires,
                        base64.b64decode(row["dump"]),
                        replace=True,
                        absttl=bool(expires),
                    )
                    restored += 1
                    if len(pipe) >= BATCH:
                        await pipe.execute()
                await pipe.execute()
    finally:
        await client.aclose()
    return restored, expired


async def count(url: str) -> int:
    client = Redis.from_url(url)
    try:
        return int(await client.dbsize())
    finally:
        await client.aclose()
