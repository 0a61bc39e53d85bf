"""`curriculum seed-demo`: a deterministic demo dataset in every store, safe to re-run.

Scale 1 is the benchmark dataset (BENCHMARKS.md): 200 courses, 5,000 concepts,
~23,000 prerequisite edges, 2,000 documents, 50,000 chunk vectors; scale n is n
times that; scale 0 is a tiny dataset for tests. PostgreSQL is written first (it is
the source of truth), then Neo4j and the vector index concurrently. Re-running
writes nothing new: ids are uuid5s of the dataset's tag and positions, writes are
upserts / MERGEs, and unchanged rows are left alone. Rows from a run at a larger
scale are not removed by a run at a smaller one.

New users get random passwords, printed once to the console and stored nowhere
but as argon2 hashes; users that already exist keep theirs.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from argon2 import PasswordHasher
from neo4j import AsyncDriver, AsyncGraphDatabase
from redis.asyncio import Redis

from datasources.embeddings import create_embedder
from datasources.neo4j.bootstrap import bootstrap_graph
from datasources.redis.store import course_cache_key
from datasources.settings import Settings
from datasources.stores import vector_index_for
from datasources.vectors import VectorIndex
from gateway.security.runtime import password_hasher
from gateway.seed.data import DEMO_TAG, Dataset, SeedSpec, build_dataset
from gateway.seed.graph import write_graph
from gateway.seed.postgres import existing_users, write_postgres
from gateway.seed.vectors import Embed, HashingPool, embedder_batches, write_vectors

Log = Callable[[str], None]
TINY_TAG = "tiny"


@dataclass(slots=True)
class Targets:
    """Where the dataset goes: one PostgreSQL DSN, a Neo4j driver, a vector index."""

    postgres_dsn: str
    graph: AsyncDriver
    graph_database: str
    vectors: VectorIndex
    embed: Embed
    redis: Redis | None = None
    hasher: PasswordHasher = field(default_factory=PasswordHasher)


@dataclass(slots=True)
class SeedReport:
    tag: str
    counts: dict[str, int]
    written: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)  # new users only


async def seed_demo(settings: Settings, *, scale: int) -> None:
    """Fill the configured stores with the demo dataset at `scale` (0 = tiny)."""
    spec = SeedSpec.for_scale(scale)
    # The tiny dataset has its own tag, so it never mixes with the benchmark one.
    tag = DEMO_TAG if scale > 0 else TINY_TAG
    print(f"seeding the {tag!r} dataset at scale {scale} ({settings.vector_backend} vectors)")
    async with open_targets(settings) as targets:
        report = await seed(targets, spec, tag=tag, log=print)
    if report.passwords:
        print("demo accounts created; passwords are shown once and stored nowhere:")
        for username, password in report.passwords.items():
            print(f"  {username}: {password}")
    else:
        print("demo accounts already existed; their passwords are unchanged")


@asynccontextmanager
async def open_targets(settings: Settings) -> AsyncIterator[Targets]:
    driver = AsyncGraphDatabase.driver(
        settings.neo4j.uri,
        auth=(settings.neo4j.user, settings.neo4j.password.get_secret_value()),
    )
    vectors = await vector_index_for(settings, timeout_seconds=120.0)
    redis = Redis.from_url(
        settings.redis.cache_url or settings.redis.url, socket_timeout=5, socket_connect_timeout=5
    )
    embedding = settings.embedding
    try:
        common = {
            "postgres_dsn": settings.postgres.asyncpg_dsn,
            "graph": driver,
            "graph_database": settings.neo4j.database,
            "vectors": vectors,
            "redis": redis,
            # The gateway's own argon2 parameters, so logins never need a rehash.
            "hasher": password_hasher(settings),
        }
        if embedding.provider == "hashing":
            with HashingPool() as pool:
                yield Targets(embed=pool, **common)
        else:
            embedder = create_embedder(
                provider=embedding.provider,
                url=embedding.url,
                model=embedding.model,
                api_key=embedding.api_key.get_secret_value() if embedding.api_key else None,
                timeout=embedding.timeout_seconds,
            )
            try:
                yield Targets(embed=embedder_batches(embedder), **common)
            finally:
                await embedder.close()
    finally:
        for close in (vectors.close, driver.close, redis.aclose):
            with suppress(Exception):
                await close()


async def seed(targets: Targets, spec: SeedSpec, *, tag: str, log: Log = print) -> SeedReport:
    """Generate the dataset for (spec, tag) and upsert it into every target."""
    started = time.perf_counter()
    data = build_dataset(spec, tag=tag)
    report = SeedReport(tag=tag, counts=data.counts())
    report.seconds["generate"] = _since(started)
    log(f"[seed] generated in {report.seconds['generate']:.1f} s: {_fmt(report.counts)}")
    await targets.vectors.bootstrap()
    await bootstrap_graph(targets.graph, database=targets.graph_database)

    t = time.perf_counter()
    report.written["postgres"], report.passwords = await _postgres(targets, data)
    report.seconds["postgres"] = _since(t)
    log(f"[seed] postgres in {report.seconds['postgres']:.1f} s, rows written: "
        f"{_fmt(report.written['postgres'])}")  # fmt: skip

    async def graph() -> None:
        t = time.perf_counter()
        report.written["neo4j"] = await write_graph(
            targets.graph,
            data,
            database=targets.graph_database,
            progress=lambda m: log(f"[seed] neo4j {m} ({_since(t):.1f} s)"),
        )
        report.seconds["neo4j"] = _since(t)

    async def vectors() -> None:
        t = time.perf_counter()
        report.written["vectors"] = await write_vectors(
            targets.vectors,
            data,
            embed=targets.embed,
            progress=lambda m: log(f"[seed] vectors {m} ({_since(t):.1f} s)"),
        )
        report.seconds["vectors"] = _since(t)

    await asyncio.gather(graph(), vectors())
    log(f"[seed] neo4j done in {report.seconds['neo4j']:.1f} s; vectors done in "
        f"{report.seconds['vectors']:.1f} s: {report.written['vectors']}")  # fmt: skip
    await _forget_cached(targets.redis, data, log)
    report.seconds["total"] = _since(started)
    log(f"[seed] total {report.seconds['total']:.1f} s")
    return report


async def _postgres(targets: Targets, data: Dataset) -> tuple[dict[str, int], dict[str, str]]:
    conn = await asyncpg.connect(targets.postgres_dsn)
    try:
        known = await existing_users(conn, [u.id for u in data.users])
        passwords = {u.username: secrets.token_urlsafe(12) for u in data.users if u.id not in known}
        hashes = {
            u.id: await asyncio.to_thread(targets.hasher.hash, passwords[u.username])
            for u in data.users
            if u.username in passwords
        }
        written = await write_postgres(conn, data, new_password_hashes=hashes)
    finally:
        await conn.close()
    return written, passwords


async def _forget_cached(redis: Redis | None, data: Dataset, log: Log) -> None:
    """Drop cached copies of the seeded courses and cached searches (best effort)."""
    if redis is None:
        return
    try:
        keys = [course_cache_key(c.id) for c in data.courses]
        keys += [key async for key in redis.scan_iter(match="cache:search:*", count=1000)]
        for i in range(0, len(keys), 1000):
            await redis.delete(*keys[i : i + 1000])
    except Exception as exc:  # the cache expires on its own; never fail the seed for it
        log(f"[seed] redis cache not cleared ({type(exc).__name__}); entries expire on their own")


def _since(t: float) -> float:
    return time.perf_counter() - t


def _fmt(counts: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in counts.items())
