"""Many concurrent subscribers on ONE gateway process: `make bench-subscribers`.

One gateway process (bench/server.py: uvicorn, uvloop, httptools, the app's own
session authentication) and `--clients` client processes that together open
`--subscribers` WebSockets (graphql-transport-ws), one `documentProcessing`
subscription each, all on the same document. Once every subscriber holds the stored
state (its first message), this process publishes `--events` progress events on the
document's channel, `--interval` seconds apart, then the completing event, exactly as
the worker publishes them (datasources/redis/progress.py). Each event carries its
publish time in `at`; each client notes, per message, its arrival time minus `at`
(one clock: the same machine). Reported: delivered / expected messages, p50 / p99 /
max delivery latency, the gateway's RSS before, with all subscribers, and at its
peak, its CPU time, and the number of Redis pub/sub connections it holds (the hub:
one per process, whatever the number of subscribers).

The client processes run on the same two cores as the gateway: their work (parsing
10,000 frames per event) takes CPU from the server, so the latencies are an upper
bound of the gateway's own.

    python -m bench.subscribers --subscribers 10000 --clients 4 --events 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import psutil
from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection, connect

from bench.documents import add_document, forget
from bench.run import BENCH_USER, Server, _bench_user, _login, serve
from datasources.redis.hub import CLIENT_NAME
from datasources.redis.progress import ProgressEvent, publish_progress
from datasources.settings import Settings
from datasources.stores import open_stores
from jobs.tasks.ports import ports_from
from resolvers.ids import to_global_id

ROOT = Path(__file__).resolve().parent.parent
WATCH = "subscription($id: ID!) { documentProcessing(documentId: $id) { status stage at } }"
UNLIMITED = {
    f"RATE_LIMIT_{name}": str(10**9)
    for name in ("QUERIES_PER_MINUTE", "MUTATIONS_PER_MINUTE", "SUBSCRIPTIONS_PER_MINUTE")
}


# -- one client process: `python -m bench.subscribers --client ...` ----------------


async def _subscriber(
    url: str, token: str, document: str, ready: asyncio.Event, latencies: list[float]
) -> str:
    """One socket, one subscription; its outcome once the server completes it."""
    async with connect(url, subprotocols=["graphql-transport-ws"], max_queue=None) as ws:  # type: ignore[list-item]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        if json.loads(await ws.recv())["type"] != "connection_ack":
            return "refused"
        payload = {"query": WATCH, "variables": {"id": document}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        return await _read(ws, ready, latencies)


async def _read(ws: ClientConnection, ready: asyncio.Event, latencies: list[float]) -> str:
    first = True
    async for raw in ws:
        message = json.loads(raw)
        kind = message["type"]
        if kind == "ping":
            await ws.send('{"type":"pong"}')
        elif kind == "next":
            data = (message["payload"].get("data") or {}).get("documentProcessing")
            if data is None:
                _report_error(message)
                return "error"
            if first:
                first = False
                ready.set()  # the stored state: subscribed
                continue
            at = datetime.fromisoformat(data["at"]).timestamp()
            latencies.append(time.time() - at)
        elif kind == "complete":
            return "complete"
        elif kind == "error":
            _report_error(message)
            return "error"
    return "closed"


_reported: list[str] = []


def _report_error(message: dict[str, Any]) -> None:
    """The first few distinct errors on stderr: a failed run says why."""
    text = json.dumps(message.get("payload"))[:300]
    if text not in _reported and len(_reported) < 5:
        _reported.append(text)
        print(f"subscriber error: {text}", file=sys.stderr, flush=True)


async def client_main(url: str, token: str, document: str, count: int, ramp: int) -> None:
    print("started", flush=True)  # imports done: the ramp is timed from here
    latencies: list[float] = []
    readies = [asyncio.Event() for _ in range(count)]
    gate = asyncio.Semaphore(ramp)  # connections being opened at once

    async def one(n: int) -> str:
        async with gate:
            task = asyncio.create_task(_subscriber(url, token, document, readies[n], latencies))
            waiter = asyncio.create_task(readies[n].wait())
            await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        readies[n].set()  # subscribed, or failed: either way no longer opening
        try:
            return await task
        except Exception as exc:  # a refused or dropped connection is counted, not fatal
            return type(exc).__name__
        finally:
            waiter.cancel()

    runs = [asyncio.create_task(one(n)) for n in range(count)]

    async def announce() -> None:
        for event in readies:
            await event.wait()
        print("ready", flush=True)

    announcer = asyncio.create_task(announce())
    outcomes = await asyncio.gather(*runs)
    announcer.cancel()
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    print(json.dumps({"outcomes": counts, "latencies": latencies}), flush=True)


# -- the runner ---------------------------------------------------------------------


async def _start_clients(
    args: argparse.Namespace, ws_url: str, token: str, document: str
) -> list[asyncio.subprocess.Process]:
    share, extra = divmod(args.subscribers, args.clients)
    processes = []
    for n in range(args.clients):
        count = share + (1 if n < extra else 0)
        processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.subscribers",
                "--client",
                ws_url,
                token,
                document,
                str(count),
                str(args.ramp),
                cwd=ROOT,
                stdout=asyncio.subprocess.PIPE,
            )
        )
    return processes


async def _hub_connections(redis: Redis) -> int:
    """Pub/sub connections of subscription hubs on the bench's Redis database."""
    db = str(redis.connection_pool.connection_kwargs.get("db", 0))
    return sum(
        1 for c in await redis.client_list() if c.get("name") == CLIENT_NAME and c.get("db") == db
    )


async def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.load()
    password = secrets.token_urlsafe(24)  # this run's only; never printed or stored
    await _bench_user(settings, password)
    redis = Redis.from_url(settings.redis.url)
    env = {**UNLIMITED, "LOG_LEVEL": "WARNING", "AUTH_RECHECK_SECONDS": str(args.recheck_seconds)}
    async with open_stores(settings, bootstrap=False) as stores:
        document_id, task_id = await add_document(
            stores, BENCH_USER, b"subscriber benchmark", name="bench-subscribers.txt"
        )
        try:
            async with serve("session", env) as server:
                return await _measure(args, server, redis, stores, document_id, task_id, password)
        finally:
            await forget(stores, ports_from(stores, timeout=60.0), BENCH_USER)
            await _bench_user(settings, None)
            await redis.aclose()


async def _measure(
    args: argparse.Namespace,
    server: Server,
    redis: Redis,
    stores: Any,
    document_id: UUID,
    task_id: UUID,
    password: str,
) -> dict[str, Any]:
    rss_start = server.rss_mb()
    token = await _login(server, password)
    cpu_start = server.ps.cpu_times()  # the ramp's CPU: idle while the clients import
    load_start = psutil.getloadavg()
    ws_url = server.url.replace("http://", "ws://") + "/graphql"
    clients = await _start_clients(args, ws_url, token, to_global_id("Document", document_id))
    started = None
    for expected in (b"started", b"ready"):
        for process in clients:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), args.ramp_timeout)
            if line.strip() != expected:
                raise RuntimeError(f"a client process said {line!r}, not {expected!r}")
            started = started or time.monotonic()
    assert started is not None
    ramp_seconds = time.monotonic() - started
    rss_subscribed = server.rss_mb()
    hubs = await _hub_connections(redis)
    print(
        f"{args.subscribers} subscribers in {ramp_seconds:.1f} s; gateway RSS "
        f"{rss_start:.0f} -> {rss_subscribed:.0f} MB; hub connections: {hubs}",
        flush=True,
    )
    ramp_cpu = server.cpu_seconds() - cpu_start.user - cpu_start.system
    cpu_before = server.ps.cpu_times()
    payload = {"document_id": str(document_id)}
    receivers = []
    for n in range(args.events + 1):
        last = n == args.events
        event = ProgressEvent(
            task_id=task_id,
            status="completed" if last else "processing",
            stage="completed" if last else f"step-{n + 1}",
            percent=100.0 if last else round(100 * (n + 1) / (args.events + 1), 1),
            message=None,
            at=datetime.now(UTC),
        )
        receivers.append(
            await publish_progress(
                stores.redis, task_type="document_processing", payload=payload, event=event
            )
        )
        for _ in range(int(args.interval / 0.1)):
            server.rss_mb()  # samples the peak
            await asyncio.sleep(0.1)
    results = []
    for process in clients:
        assert process.stdout is not None
        out = await asyncio.wait_for(process.stdout.read(), 600)
        await process.wait()
        results.append(json.loads(out.decode().strip().splitlines()[-1]))
    cpu_after = server.ps.cpu_times()
    cpu_user, cpu_system = cpu_after.user - cpu_before.user, cpu_after.system - cpu_before.system
    cpu = cpu_user + cpu_system
    latencies = sorted(x for r in results for x in r["latencies"])
    outcomes: dict[str, int] = {}
    for r in results:
        for k, v in r["outcomes"].items():
            outcomes[k] = outcomes.get(k, 0) + v
    expected = args.subscribers * (args.events + 1)
    report = {
        "subscribers": args.subscribers,
        "client_processes": args.clients,
        "events": args.events + 1,
        "interval_seconds": args.interval,
        "auth_recheck_seconds": args.recheck_seconds,
        "ramp_seconds": round(ramp_seconds, 1),
        "redis_receivers_per_publish": sorted(set(receivers)),
        "hub_connections": hubs,
        "delivered": len(latencies),
        "expected": expected,
        "outcomes": outcomes,
        "latency_ms": _percentiles(latencies),
        "gateway_rss_mb": {
            "start": round(rss_start, 1),
            "subscribed": round(rss_subscribed, 1),
            "peak": round(server.peak_rss, 1),
        },
        "gateway_cpu_seconds_ramp": round(ramp_cpu, 1),
        "gateway_cpu_ms_per_subscription": round(1000 * ramp_cpu / args.subscribers, 2),
        "gateway_cpu_seconds_while_publishing": round(cpu, 1),
        "gateway_cpu_user_system_seconds": [round(cpu_user, 1), round(cpu_system, 1)],
        "gateway_cpu_ms_per_delivered": round(1000 * cpu / max(1, len(latencies)), 3),
        "load_average_start_end": [round(load_start[0], 2), round(psutil.getloadavg()[0], 2)],
        "cpus": psutil.cpu_count(),
    }
    print(json.dumps(report, indent=2), flush=True)
    return report


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": round(cuts[49] * 1000, 1),
        "p90": round(cuts[89] * 1000, 1),
        "p99": round(cuts[98] * 1000, 1),
        "max": round(values[-1] * 1000, 1),
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument("--events", type=int, default=20, help="events before the last")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between events")
    # More at once only queues work in the gateway beyond its 5 s store timeouts on
    # two shared cores (subscriptions then fail with UPSTREAM_UNAVAILABLE).
    parser.add_argument("--ramp", type=int, default=10, help="sockets opening at once, each client")
    parser.add_argument("--ramp-timeout", type=float, default=600.0)
    parser.add_argument(
        "--recheck-seconds",
        type=float,
        default=5.0,
        help="AUTH_RECHECK_SECONDS of the gateway: each subscription re-checks its session",
    )
    parser.add_argument("--out", type=Path, help="write the report as JSON here")
    return parser.parse_args(argv)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        url, token, document, count, ramp = sys.argv[2:7]
        asyncio.run(client_main(url, token, document, int(count), int(ramp)))
        return 0
    args = parse()
    report = asyncio.run(run(args))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2))
    complete = report["outcomes"].get("complete", 0) == args.subscribers
    return 0 if complete and report["delivered"] == report["expected"] else 1


if __name__ == "__main__":
    sys.exit(main())
