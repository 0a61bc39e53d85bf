"""`python -m bench.run`: the gateway against the raw drivers, on the seeded demo dataset.

Starts the gateway (bench/server.py) in a subprocess on a free loopback port, signs
in, then for each operation and each concurrency level: checks that the gateway and
the raw drivers (bench/raw.py) return the same data, runs the gateway under load
(aiohttp by default, bench/client.py; N keep-alive connections, closed loop, bounded
by count and time), then the raw-driver fetch under the same load, and reports
p50/p99/requests per second, the ratio of the p50s, the server's CPU per request and
its memory (RSS). At concurrency 1 the two sides run in turn, request by request
(bench.load.run_paired), for twice the time of one run, so a busy moment of the
machine falls on both.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson
import psutil
import uvloop
from redis.asyncio import Redis

from bench import queries, raw
from bench.client import CLIENTS, PostClient, open_client
from bench.load import Stats, run_load, run_paired
from bench.picks import Picks, pick
from datasources.settings import Settings
from gateway.app import GC_THRESHOLD
from gateway.security.runtime import password_hasher
from gateway.seed.data import DEMO_TAG
from gateway.seed.records import seed_id

ROOT = Path(__file__).resolve().parent.parent
BENCH_USER = uuid.uuid5(uuid.NAMESPACE_URL, "curriculum-gateway/bench/admin")
LOGIN = "mutation($u: String!, $p: String!) { login(emailOrUsername: $u, password: $p) {" \
        " __typename ... on AuthPayload { token } } }"  # fmt: skip


@dataclass(slots=True)
class Row:
    scenario: str
    concurrency: int
    gateway: Stats
    raw: Stats
    server_cpu_ms: float  # server CPU per gateway request
    raw_cpu_ms: float  # this process's CPU per raw fetch (drivers' decoding included)
    rss_after_mb: float
    same_data: bool
    response_kb: float


@dataclass(slots=True)
class Server:
    process: subprocess.Popen[bytes]
    url: str
    ps: psutil.Process
    rss: dict[str, float] = field(default_factory=dict)
    peak_rss: float = 0.0

    def rss_mb(self) -> float:
        value = self.ps.memory_info().rss / 2**20
        self.peak_rss = max(self.peak_rss, value)
        return value

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return times.user + times.system


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def serve(auth: str, env: dict[str, str]) -> AsyncIterator[Server]:
    port = _free_port()
    # Started once, before any load: blocking for the fork is harmless here.
    process = subprocess.Popen(  # noqa: S603, ASYNC220 - our own module, fixed arguments
        [sys.executable, "-m", "bench.server", "--port", str(port), "--auth", auth],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    server = Server(process, f"http://127.0.0.1:{port}", psutil.Process(process.pid))
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            for _ in range(600):
                if process.poll() is not None:
                    raise RuntimeError(f"the gateway exited with {process.returncode}")
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("the gateway did not start within 60 s")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


async def _bench_user(settings: Settings, password: str | None) -> None:
    """Create (or refresh) the bench's admin account, or delete it when `password` is None."""
    conn = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    try:
        if password is None:
            await conn.execute("DELETE FROM users WHERE id = $1", BENCH_USER)
            return
        digest = await asyncio.to_thread(password_hasher(settings).hash, password)
        await conn.execute(
            "INSERT INTO users (id, email, username, password_hash, full_name, role, "
            "is_active, is_verified) VALUES ($1, 'bench_admin@example.com', 'bench_admin', "
            "$2, 'Benchmark', 'admin', true, true) ON CONFLICT (id) DO UPDATE SET "
            "password_hash = EXCLUDED.password_hash, role = 'admin', is_active = true",
            BENCH_USER,
            digest,
        )
    finally:
        await conn.close()


async def _login(server: Server, password: str) -> str:
    async with httpx.AsyncClient(base_url=server.url) as client:
        answer = await client.post(
            "/graphql",
            json={"query": LOGIN, "variables": {"u": "bench_admin", "p": password}},
        )
    result = answer.json()["data"]["login"]
    if result["__typename"] != "AuthPayload":
        raise RuntimeError(f"login failed: {result['__typename']}")
    return str(result["token"])


Fetch = Callable[[int], Awaitable[dict[str, Any]]]


def _gateway_call(client: PostClient, query: str, variables: Callable[[int], Any]) -> Fetch:
    async def call(n: int) -> dict[str, Any]:
        body = orjson.dumps({"query": query, "variables": variables(n)})
        status, content = await client.post("/graphql", body)
        if status != 200 or b'"errors":' in content:
            errors = orjson.loads(content).get("errors") if content[:1] == b"{" else None
            raise RuntimeError(f"HTTP {status}: {str(errors or content)[:300]}")
        return {"size": len(content), "content": content}

    return call


async def _scenario(
    key: str,
    name: str,
    gateway: Fetch,
    fetch_raw: Callable[[int], Awaitable[Any]],
    summarise: tuple[Callable[[Any], Any], Callable[[Any], Any]],
    server: Server,
    args: argparse.Namespace,
    before: Callable[[], Awaitable[None]],
) -> list[Row]:
    await before()
    answer = await gateway(10**6)
    got = summarise[0](orjson.loads(answer["content"])["data"])
    expected = summarise[1](await fetch_raw(10**6))
    same = got == expected
    if not same:
        print(f"  !! {name}: the gateway and the raw drivers disagree", file=sys.stderr)
        print(f"     gateway: {str(got)[:400]}", file=sys.stderr)
        print(f"     raw:     {str(expected)[:400]}", file=sys.stderr)
    rows = []
    for c in _levels(args, key):
        await before()
        if c == 1:
            size_kb = answer["size"] / 1024
            rows.append(
                await _paired_row(name, gateway, fetch_raw, server, args, key, same, size_kb)
            )
            _print_row(rows[-1])
            continue
        cpu = server.cpu_seconds()
        gw = await run_load(
            gateway, concurrency=c, max_requests=args.requests, max_seconds=_seconds(args, key),
            warmup=_warmup(args, key),
        )  # fmt: skip
        cpu_ms = (server.cpu_seconds() - cpu) * 1000 / max(1, gw.count + _warmup(args, key))
        rss = server.rss_mb()

        async def fetch(n: int) -> None:
            await fetch_raw(n)

        mine = psutil.Process()
        own = sum(mine.cpu_times()[:2])
        rw = await run_load(
            fetch, concurrency=c, max_requests=args.requests, max_seconds=_seconds(args, key),
            warmup=_warmup(args, key),
        )  # fmt: skip
        raw_cpu = (sum(mine.cpu_times()[:2]) - own) * 1000 / max(1, rw.count + _warmup(args, key))
        rows.append(Row(name, c, gw, rw, cpu_ms, raw_cpu, rss, same, answer["size"] / 1024))
        _print_row(rows[-1])
    return rows


async def _paired_row(
    name: str,
    gateway: Fetch,
    fetch_raw: Callable[[int], Awaitable[Any]],
    server: Server,
    args: argparse.Namespace,
    key: str,
    same: bool,
    response_kb: float,
) -> Row:
    """Concurrency 1: gateway and raw requests in turn (bench.load.run_paired)."""

    async def fetch(n: int) -> None:
        await fetch_raw(n)

    cpu = server.cpu_seconds()
    pair = await run_paired(
        gateway, fetch, max_pairs=args.requests, max_seconds=2 * _seconds(args, key),
        warmup=_warmup(args, key),
    )  # fmt: skip
    served = max(1, pair.first.count + _warmup(args, key))
    cpu_ms = (server.cpu_seconds() - cpu) * 1000 / served
    raw_cpu = pair.second_cpu * 1000 / max(1, pair.second.count)
    rss = server.rss_mb()
    return Row(name, 1, pair.first, pair.second, cpu_ms, raw_cpu, rss, same, response_kb)


def _print_row(r: Row) -> None:
    ratio = r.gateway.p50 / r.raw.p50 if r.raw.p50 else float("nan")
    print(
        f"  {r.scenario} c={r.concurrency}: gateway p50 {r.gateway.p50:.2f} ms p99 "
        f"{r.gateway.p99:.2f} ms {r.gateway.rps:.1f} req/s ({r.gateway.count} ok, "
        f"{r.gateway.errors} errors) | raw p50 {r.raw.p50:.2f} ms p99 {r.raw.p99:.2f} ms "
        f"{r.raw.rps:.1f} req/s | ratio {ratio:.2f} | CPU/req server {r.server_cpu_ms:.1f} ms, "
        f"raw {r.raw_cpu_ms:.1f} ms "
        f"| RSS {r.rss_after_mb:.0f} MB | same data: {r.same_data}"
    )
    for stats, side in ((r.gateway, "gateway"), (r.raw, "raw")):
        if stats.first_error:
            print(f"     first {side} error: {stats.first_error}", file=sys.stderr)


def markdown(rows: list[Row]) -> str:
    lines = [
        "| operation | conc. | gateway p50 ms | gateway p99 ms | gateway req/s | raw p50 ms "
        "| raw p99 ms | raw req/s | p50 ratio | CPU ms/req gateway | CPU ms/req raw "
        "| response KB | same data |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.scenario} | {r.concurrency} | {r.gateway.p50:.2f} | {r.gateway.p99:.2f} "
            f"| {r.gateway.rps:.1f} | {r.raw.p50:.2f} | {r.raw.p99:.2f} | {r.raw.rps:.1f} "
            f"| {r.gateway.p50 / r.raw.p50:.2f} | {r.server_cpu_ms:.1f} | {r.raw_cpu_ms:.1f} "
            f"| {r.response_kb:.0f} "
            f"| {'yes' if r.same_data else 'NO'} |"
        )
    return "\n".join(lines)


async def main(args: argparse.Namespace) -> int:
    settings = Settings.load()
    picks: Picks = await pick(settings, scale=args.scale)
    # The raw side runs in this process with the gateway's collector settings
    # (gateway/app.py), so neither side gains from tuning the garbage collector.
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    password = secrets.token_urlsafe(24)  # this run's only; never printed or stored
    token = secrets.token_urlsafe(32)
    env = {
        # Far above the load, so the limiter is asked on every request but never refuses.
        "RATE_LIMIT_QUERIES_PER_MINUTE": str(10**9),
        # (b) needs seconds of Neo4j decoding in one store call (BENCHMARKS.md); the
        # default 5 s budget fails it as soon as the machine is busy.
        "GRAPHQL_STORE_TIMEOUT_SECONDS": str(args.store_timeout),
        "BENCH_TOKEN": token,
        "BENCH_ADMIN_ID": str(seed_id(DEMO_TAG, "user", "admin")),
    }
    if args.auth == "session":
        await _bench_user(settings, password)
    raw_side = await raw.Raw.connect(
        settings, size=max(max(_levels(args, s)) for s in args.scenarios)
    )
    redis = Redis.from_url(settings.redis.url)
    rows: list[Row] = []
    try:
        async with serve(args.auth, env) as server:
            server.rss["start"] = server.rss_mb()
            if args.auth == "session":
                token = await _login(server, password)
            most = max(max(_levels(args, s)) for s in args.scenarios)
            headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
            client = open_client(args.client, server.url, headers, connections=most)
            try:
                rows = await _run_all(args, client, raw_side, picks, server, redis)
            finally:
                await client.close()
            server.rss["end"] = server.rss_mb()
            print(
                f"server RSS: {server.rss['start']:.0f} MB after start-up, "
                f"{server.rss['end']:.0f} MB at the end, peak seen {server.peak_rss:.0f} MB"
            )
            _report(args, rows, server, picks)
    finally:
        await raw_side.close()
        await redis.aclose()
        if args.auth == "session":
            await _bench_user(settings, None)
    return 0 if rows and all(r.same_data and not r.gateway.errors for r in rows) else 1


async def _run_all(
    args: argparse.Namespace,
    client: PostClient,
    side: raw.Raw,
    picks: Picks,
    server: Server,
    redis: Redis,
) -> list[Row]:
    async def nothing() -> None:
        return None

    async def forget_searches() -> None:
        """The gateway caches searches for 15 min; each measured query must be new to it."""
        keys = [k async for k in redis.scan_iter(match="cache:search:*", count=1000)]
        for i in range(0, len(keys), 1000):
            await redis.delete(*keys[i : i + 1000])

    def course(n: int) -> str:
        return picks.courses[n % len(picks.courses)]

    def concept(n: int) -> str:
        return picks.deep_concepts[n % len(picks.deep_concepts)]

    def text(n: int) -> str:
        return picks.queries[n % len(picks.queries)]

    scenarios = {
        "a": ("(a) course(id) nested", queries.COURSE, lambda n: {"id": course(n)},
              lambda n: side.course(course(n)), queries.summary_course, raw.summary_course,
              nothing),
        "b": ("(b) courses(first: 50) nested", queries.COURSES, lambda n: {},
              lambda n: side.courses(), queries.summary_courses, raw.summary_courses, nothing),
        "c": ("(c) semanticSearch(limit: 10)", queries.SEARCH, lambda n: {"q": text(n)},
              lambda n: side.search(text(n)), queries.summary_search, raw.summary_search,
              forget_searches),
        "d": ("(d) learningPath(deep concept)", queries.PATH, lambda n: {"id": concept(n)},
              lambda n: side.path(concept(n)), queries.summary_path, raw.summary_path, nothing),
        "z": ("(z) { __typename }: fixed cost", queries.TYPENAME, lambda n: {},
              lambda n: side.ping(), queries.summary_typename, raw.summary_ping, nothing),
    }  # fmt: skip
    rows: list[Row] = []
    for key in args.scenarios:
        name, query, variables, fetch_raw, mine, theirs, before = scenarios[key]
        print(f"{name} …", flush=True)
        gateway = _gateway_call(client, query, variables)
        rows += await _scenario(key, name, gateway, fetch_raw, (mine, theirs), server, args, before)
    return rows


def _report(args: argparse.Namespace, rows: list[Row], server: Server, picks: Picks) -> None:
    table = markdown(rows)
    print(f"\nload client: {args.client}\n" + table)
    if args.out:
        result = {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
            },
            "args": {k: v for k, v in vars(args).items() if k != "out"},
            "dataset": picks.sizes,
            "server_rss_mb": {**server.rss, "peak_seen": server.peak_rss},
            "rows": [
                {
                    "operation": r.scenario,
                    "concurrency": r.concurrency,
                    "gateway": _stats(r.gateway),
                    "raw": _stats(r.raw),
                    "p50_ratio": r.gateway.p50 / r.raw.p50,
                    "server_cpu_ms_per_request": r.server_cpu_ms,
                    "raw_cpu_ms_per_request": r.raw_cpu_ms,
                    "response_kb": r.response_kb,
                    "rss_after_mb": r.rss_after_mb,
                    "same_data": r.same_data,
                }
                for r in rows
            ],
            "markdown": table,
        }
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {args.out}")


def _stats(s: Stats) -> dict[str, float]:
    return {
        "p50_ms": s.p50, "p99_ms": s.p99, "mean_ms": s.mean, "rps": s.rps,
        "count": s.count, "errors": s.errors, "seconds": s.elapsed,
    }  # fmt: skip


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--scenarios", default="zabcd", help="any of z, a, b, c, d (default zabcd)")
    parser.add_argument("--concurrency", help="comma-separated levels (default 1,8; for (b) 1,2)")
    parser.add_argument(
        "--seconds", type=float, help="per run (default 10; for (b), ~5 s a request, 30)"
    )
    parser.add_argument("--requests", type=int, default=5000, help="per run (default 5000)")
    parser.add_argument("--warmup", type=int, help="requests before each run (20; for (b) 2)")
    parser.add_argument("--auth", choices=("session", "fixed"), default="session")
    parser.add_argument(
        "--client", choices=sorted(CLIENTS), default="aiohttp", help="the load client (aiohttp)"
    )
    parser.add_argument("--scale", type=int, default=1, help="the seeded scale (default 1)")
    parser.add_argument(
        "--store-timeout", type=float, default=30.0, help="the gateway's per-store-call budget"
    )
    parser.add_argument("--out", help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    args.scenarios = [s for s in args.scenarios if s in "zabcd"]
    return args


def _levels(args: argparse.Namespace, scenario: str) -> list[int]:
    if args.concurrency:
        return [int(c) for c in str(args.concurrency).split(",")]
    # (b) takes seconds a request; eight at once only measure queueing on two cores.
    return [1, 2] if scenario == "b" else [1, 8]


def _warmup(args: argparse.Namespace, scenario: str) -> int:
    return int(args.warmup if args.warmup is not None else (2 if scenario == "b" else 20))


def _seconds(args: argparse.Namespace, scenario: str) -> float:
    return float(args.seconds or (30.0 if scenario == "b" else 10.0))


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse())))
