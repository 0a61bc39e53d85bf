"""The fault drill (`make drill`): pause each store under load, kill workers mid-job.

Against the dev stack (`curriculum stack up`, migrated, `seed-demo --scale 0`) it starts
one gateway (`curriculum serve`) and two workers (`curriculum worker`, each with its
metrics port), registers a user and runs a steady mixed load: four clients in a closed
loop over four queries, each served by different stores:

    postgres   courses(first: 10) { title author }              PostgreSQL
    graph      course(id) { title concepts { concept { title prerequisites } } }
                                                                 PostgreSQL + Neo4j
    vectors    semanticSearch(query, limit: 5)                  the vector index
    mixed      courses(first: 5) { concepts { concept { sources { document } } } }
                                                                 PostgreSQL + Neo4j

Every answer is compared with the one the same query got before the drill (the
baseline). Then, one store at a time, every process of the store is stopped with
SIGSTOP for PAUSE_SECONDS and continued with SIGCONT. For each pause it reports:

- failed fields by store: GraphQL errors by `extensions.store`, and whole requests
  refused (HTTP status and code);
- lost data: answers that differ from the baseline where no error says why (a field
  that is null, shorter or different without an error on its path): silent loss;
- recovery: seconds from SIGCONT until every query answers the baseline again.

Then ten times: a document job (a 40-page PDF) is queued, the worker running it
(found by its `curriculum_jobs_running` gauge) is killed with SIGKILL mid-job and a
new worker is started in its place, as an orchestrator would. Every job must end
`completed` exactly once (lost: never completed; duplicated: completed twice, or
stores holding more than one run's chunks).

`python -m bench.drill [--pause 10] [--kills 10] [--json FILE]` prints a Markdown report.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import orjson
import psutil

from bench.documents import add_document
from bench.pipeline import english_pdf
from datasources.postgres.models import GenerationTask
from datasources.redis import queue
from datasources.settings import Settings
from datasources.stores import Stores, open_stores
from gateway.stack.paths import StackPaths
from gateway.stack.process import Record

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / ".stack" / "drill"
CLIENTS = 4
RECOVERED_AFTER = 3  # consecutive baseline answers per query that count as recovered
QUERIES: dict[str, str] = {
    "postgres": "query Pg { courses(first: 10) { edges { node { id title author { username } } } } }",  # noqa: E501
    "graph": (
        "query Graph($id: ID!) { course(id: $id) { title concepts { concept { title "
        "prerequisites { concept { title } } } } } }"
    ),
    "vectors": (
        "query Vectors { semanticSearch(query: \"graph theory\", limit: 5) { __typename "
        "... on ChunkHit { id score } ... on ConceptHit { id score } "
        "... on QuestionAnswerHit { id score } } }"
    ),
    "mixed": (
        "query Mixed { courses(first: 5) { edges { node { title concepts { concept { title "
        "sources { document { filename } } } } } } } }"
    ),
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "LOG_LEVEL": "INFO",
        "APP_ENV": "development",
        # Short enough to see a take-over, long enough that a worker on a loaded machine
        # renews its claim in time (a lapsed claim lets a second run start).
        "WORKER_LEASE_SECONDS": "10",
        "WORKER_POLL_SECONDS": "0.2",
        "WORKER_RETRY_BACKOFF_SECONDS": "1",
        **{
            f"RATE_LIMIT_{name}_PER_MINUTE": "1000000"
            for name in ("QUERIES", "MUTATIONS", "SUBSCRIPTIONS", "LOGIN", "LOGIN_PER_ACCOUNT")
        },
        **extra,
    }


def spawn(name: str, *command: str, **extra: str) -> subprocess.Popen[bytes]:
    LOGS.mkdir(parents=True, exist_ok=True)
    with (LOGS / f"{name}.log").open("ab") as out:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "gateway.cli", *command],
            cwd=ROOT,
            env=env(**extra),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def store_processes(store: str) -> list[psutil.Process]:
    """The store's recorded process and all its children (PostgreSQL's backends)."""
    record = Record.load(StackPaths.from_env().record(store))
    process = record.process() if record else None
    if process is None:
        raise SystemExit(f"drill: the stack's {store} is not running (curriculum stack up)")
    return [process, *process.children(recursive=True)]


@contextmanager
def paused(store: str) -> Iterator[None]:
    processes = store_processes(store)
    for p in processes:
        p.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        for p in processes:
            with suppress(psutil.NoSuchProcess):
                p.send_signal(signal.SIGCONT)


@dataclass
class Answer:
    query: str
    at: float
    seconds: float
    status: int
    body: dict[str, Any] | None


@dataclass
class Load:
    url: str
    token: str
    variables: dict[str, dict[str, Any]]
    baseline: dict[str, Any] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    running: bool = True

    async def ask(self, http: httpx.AsyncClient, name: str) -> Answer:
        query = QUERIES[name]
        started = time.monotonic()
        try:
            response = await http.post(
                "/graphql",
                json={"query": query, "variables": self.variables.get(name, {})},
                headers={"authorization": f"Bearer {self.token}"},
            )
            body = response.json()
            status = response.status_code
        except (httpx.HTTPError, ValueError):
            body, status = None, 0
        return Answer(name, started, time.monotonic() - started, status, body)

    async def client(self, index: int) -> None:
        names = list(QUERIES)
        async with httpx.AsyncClient(base_url=self.url, timeout=60) as http:
            i = index
            while self.running:
                self.answers.append(await self.ask(http, names[i % len(names)]))
                i += 1


def error_stores(body: dict[str, Any] | None) -> list[str]:
    errors = (body or {}).get("errors") or []
    return [
        str((e.get("extensions") or {}).get("store") or (e.get("extensions") or {}).get("code"))
        for e in errors
    ]


def lost_data(answer: Answer, baseline: Any) -> bool:
    """The answer differs from the baseline somewhere no error path covers."""
    body = answer.body or {}
    if answer.status != 200 or "data" not in body:
        return False  # refused as a whole: counted as a failed request, not silent loss
    covered = [tuple(e.get("path") or ()) for e in body.get("errors") or []]
    return _differs(body.get("data"), baseline.get("data"), (), covered)


def _differs(value: Any, expected: Any, path: tuple[Any, ...], covered: list[tuple]) -> bool:
    if any(path[: len(c)] == c for c in covered if c):
        return False
    if isinstance(expected, dict) and isinstance(value, dict):
        return any(_differs(value.get(k), v, (*path, k), covered) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(value, list):
        if len(value) != len(expected):
            return True
        return any(
            _differs(v, e, (*path, i), covered)
            for i, (v, e) in enumerate(zip(value, expected, strict=True))
        )
    return bool(value != expected)


def is_baseline(answer: Answer, baseline: dict[str, Any]) -> bool:
    return answer.status == 200 and answer.body == baseline[answer.query]


@dataclass
class PauseReport:
    store: str
    requests: int
    failed_by_store: dict[str, int]
    refused: dict[str, int]
    lost: int
    other_store_failures: int
    slowest_seconds: float
    recovery_seconds: float | None
    lost_examples: list[dict[str, Any]] = field(default_factory=list)


def pause_report(load: Load, store: str, start: float, end: float) -> PauseReport:
    during = [a for a in load.answers if start <= a.at < end]
    failed: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    lost: list[Answer] = []
    for answer in during:
        if answer.status != 200:
            code = error_stores(answer.body) or ["no answer"]
            refused[f"{answer.status} {code[0]}"] += 1
            continue
        failed.update(error_stores(answer.body))
        if lost_data(answer, load.baseline[answer.query]):
            lost.append(answer)
    names = {"pgvector": "postgres"}  # pgvector lives in the PostgreSQL server
    others = sum(n for s, n in failed.items() if names.get(s, s) != store)
    return PauseReport(
        store=store,
        requests=len(during),
        failed_by_store=dict(failed),
        refused=dict(refused),
        lost=len(lost),
        other_store_failures=others,
        slowest_seconds=max((a.seconds for a in during), default=0.0),
        recovery_seconds=recovery(load, end),
        lost_examples=[
            {"query": a.query, "body": a.body, "baseline": load.baseline[a.query]} for a in lost[:2]
        ],
    )


def recovery(load: Load, resumed: float) -> float | None:
    """Seconds from SIGCONT until each query gave RECOVERED_AFTER baseline answers in a row
    (the recovery time is when the first of those was sent)."""
    times = []
    for name in load.baseline:
        after = [a for a in load.answers if a.query == name and a.at >= resumed]
        streak = 0
        for i, answer in enumerate(after):
            streak = streak + 1 if is_baseline(answer, load.baseline) else 0
            if streak == RECOVERED_AFTER:
                times.append(after[i - RECOVERED_AFTER + 1].at - resumed)
                break
        else:
            return None
    return max(times)


async def wait_recovered(load: Load, since: float, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while recovery(load, since) is None and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.5)


async def answers(url: str, *, seconds: float, status: int | None = None) -> bool:
    """Whether `url` answers (with `status`, when given) within `seconds`."""
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=2) as http:
        while time.monotonic() < deadline:
            with suppress(httpx.HTTPError):
                code = (await http.get(url)).status_code
                if status is None or code == status:
                    return True
            await asyncio.sleep(0.2)
    return False


async def ready(url: str, seconds: float = 120) -> None:
    if not await answers(f"{url}/readyz", seconds=seconds, status=200):
        raise SystemExit(f"drill: the gateway at {url} is not ready (.stack/drill/gateway.log)")


async def register(url: str) -> str:
    name = f"drill{uuid.uuid4().hex[:10]}"
    mutation = (
        "mutation($i: RegisterInput!) { register(input: $i) { __typename "
        "... on AuthPayload { token } } }"
    )
    variables = {
        "i": {"email": f"{name}@example.org", "username": name, "password": "drill-" + name}
    }
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        body = (
            await http.post("/graphql", json={"query": mutation, "variables": variables})
        ).json()
    return str(body["data"]["register"]["token"])


async def running_job(ports: dict[str, int]) -> str | None:
    """The worker (by name) whose metrics say a document job is running."""
    async with httpx.AsyncClient(timeout=5) as http:
        for name, port in ports.items():
            try:
                text = (await http.get(f"http://127.0.0.1:{port}/")).text
            except httpx.HTTPError:
                continue
            if 'curriculum_jobs_running{job="process_document"} 1.0' in text:
                return name
    return None


async def all_answering(ports: dict[str, int], *, within: float = 180.0) -> bool:
    """Whether every worker's metrics server answers (it starts with the worker) within
    `within` s: a kill must leave a running worker to take the job over, not only the
    replacement of the previous kill, still starting."""
    deadline = time.monotonic() + within
    for port in ports.values():
        left = max(0.0, deadline - time.monotonic())
        if not await answers(f"http://127.0.0.1:{port}/", seconds=left):
            return False
    return True


@dataclass
class KillReport:
    kills: int = 0
    completed: int = 0
    lost: int = 0
    duplicated: int = 0
    run_twice: int = 0  # completed more than once (the workers' logs)
    retries: list[int] = field(default_factory=list)
    takeover_seconds: list[float] = field(default_factory=list)
    task_ids: list[str] = field(default_factory=list)


async def task_row(stores: Stores, task_id: UUID) -> GenerationTask:
    async with stores.sessions() as session:
        row = await session.get(GenerationTask, task_id)
        assert row is not None
        await session.refresh(row)
        return row


async def kill_drill(
    stores: Stores, settings: Settings, workers: dict[str, subprocess.Popen[bytes]],
    ports: dict[str, int], owner: UUID, kills: int,
) -> KillReport:  # fmt: skip
    report = KillReport()
    pdf = english_pdf(40).read_bytes()
    pool = await queue.open_queue(settings.redis.url)
    try:
        for n in range(kills):
            if not await all_answering(ports):
                print(f"drill: a worker did not start before kill {n}", file=sys.stderr)
            document_id, task_id = await add_document(
                stores, owner, pdf, name=f"drill-{n}.pdf", language=None
            )
            await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
            report.task_ids.append(str(task_id))
            victim = None
            deadline = time.monotonic() + 120
            while victim is None and time.monotonic() < deadline:
                victim = await running_job(ports)
                await asyncio.sleep(0.1)
            if victim is None:
                print(f"drill: job {n} never ran", file=sys.stderr)
                report.lost += 1
                continue
            await asyncio.sleep(random.uniform(0.5, 3.0))  # noqa: S311 - when to kill
            workers[victim].send_signal(signal.SIGKILL)
            workers[victim].wait()
            killed = time.monotonic()
            report.kills += 1
            workers[victim] = spawn(victim, "worker", WORKER_METRICS_PORT=str(ports[victim]))
            taken = None
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                row = await task_row(stores, task_id)
                if taken is None and (row.retry_count or 0) >= 1:
                    taken = time.monotonic() - killed
                if row.status in ("completed", "failed"):
                    break
                await asyncio.sleep(0.3)
            if row.status != "completed":
                report.lost += 1
                continue
            report.completed += 1
            report.retries.append(row.retry_count or 0)
            if taken is not None:
                report.takeover_seconds.append(taken)
            chunks = (await stores.vectors.count_chunks([document_id]))[document_id]
            if chunks != (row.result or {}).get("chunks"):
                report.duplicated += 1
    finally:
        await pool.aclose()
    return report


def completions(job_ids: set[str]) -> Counter[str]:
    """How often each job ended `completed` in the workers' logs (arq's ● line)."""
    seen: Counter[str] = Counter()
    for log in LOGS.glob("worker-*.log"):
        for raw in log.read_bytes().splitlines():
            if raw.startswith(b"{") and "●" in (event := orjson.loads(raw).get("event", "")):
                for job_id in job_ids:
                    if f"{job_id}:process_document" in event:
                        seen[job_id] += 1
    return seen


async def drill(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.load()
    stores_to_pause = args.stores or ["postgres", "neo4j", "redis"]
    if settings.vector_backend == "weaviate" and not args.stores:
        stores_to_pause.append("weaviate")
    for name in stores_to_pause:
        store_processes(name)  # fail early when the stack is not up
    for log in LOGS.glob("*.log"):
        log.unlink()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    gateway = spawn("gateway", "serve", "--port", str(port))
    ports = {f"worker-{i}": free_port() for i in (1, 2)}
    workers = {n: spawn(n, "worker", WORKER_METRICS_PORT=str(p)) for n, p in ports.items()}
    try:
        await ready(url)
        token = await register(url)
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            first = await http.post(
                "/graphql", json={"query": QUERIES["postgres"]},
                headers={"authorization": f"Bearer {token}"},
            )  # fmt: skip
        course = first.json()["data"]["courses"]["edges"][0]["node"]["id"]
        load = Load(url, token, {"graph": {"id": course}})
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            for name in QUERIES:
                answer = await load.ask(http, name)
                assert answer.status == 200 and not (answer.body or {}).get("errors"), answer
                load.baseline[name] = answer.body
        clients = [asyncio.create_task(load.client(i)) for i in range(CLIENTS)]
        await asyncio.sleep(args.settle)
        pauses = []
        for store in stores_to_pause:
            print(f"drill: pausing {store} for {args.pause:g} s", file=sys.stderr)
            start = time.monotonic()
            with paused(store):
                await asyncio.sleep(args.pause)
            resumed = time.monotonic()
            await wait_recovered(load, resumed)
            pauses.append(pause_report(load, store, start, resumed))
            await asyncio.sleep(args.settle)
        async with open_stores(settings, bootstrap=False) as stores:
            print(f"drill: killing a worker mid-job {args.kills} times", file=sys.stderr)
            owner = await _any_user(stores)
            kills = await kill_drill(stores, settings, workers, ports, owner, args.kills)
        load.running = False
        await asyncio.gather(*clients)
    finally:
        for process in [gateway, *workers.values()]:
            stop(process)
    runs = completions(set(kills.task_ids))
    kills.run_twice = sum(1 for n in runs.values() if n > 1)
    return {
        "pause_seconds": args.pause,
        "requests": len(load.answers),
        "pauses": [p.__dict__ for p in pauses],
        "kills": kills.__dict__,
    }


async def _any_user(stores: Stores) -> UUID:
    from sqlalchemy import text

    async with stores.engine.connect() as conn:
        found = (
            await conn.execute(text("SELECT id FROM users ORDER BY created_at LIMIT 1"))
        ).scalar()
    assert found is not None, "no user: run `curriculum seed-demo --scale 0` first"
    return UUID(str(found))


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Stores paused {result['pause_seconds']:g} s each under {CLIENTS} closed-loop clients "
        f"({result['requests']} requests in all).",
        "",
        "| paused | requests during | failed fields by store | refused requests | lost data | "
        "other stores' fields failed | slowest answer | recovered after SIGCONT |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in result["pauses"]:
        failed = ", ".join(f"{k} {v}" for k, v in sorted(p["failed_by_store"].items())) or "none"
        refused = ", ".join(f"{k} x{v}" for k, v in sorted(p["refused"].items())) or "none"
        recovered = f"{p['recovery_seconds']:.2f} s" if p["recovery_seconds"] is not None else "no"
        lines.append(
            f"| {p['store']} | {p['requests']} | {failed} | {refused} | {p['lost']} | "
            f"{p['other_store_failures']} | {p['slowest_seconds']:.2f} s | {recovered} |"
        )
    k = result["kills"]
    takeover = k["takeover_seconds"]
    lines += [
        "",
        f"Worker killed (SIGKILL) mid-job {k['kills']} times: {k['completed']} jobs completed, "
        f"{k['lost']} lost, {k['duplicated']} with more chunks than one run wrote, "
        f"{k['run_twice']} completed twice; retries per job {k['retries']}; "
        + (
            f"taken over {min(takeover):.1f} to {max(takeover):.1f} s after the kill."
            if takeover
            else "no take-over measured."
        ),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pause", type=float, default=10.0)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--stores", nargs="*", help="pause only these (default: every store)")
    args = parser.parse_args()
    result = asyncio.run(drill(args))
    if args.json:
        args.json.write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    print(markdown(result))


if __name__ == "__main__":
    main()
