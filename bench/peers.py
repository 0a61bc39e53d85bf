"""`make bench-peers`: the gateway against PostGraphile 4 on the same database.

Starts the gateway (`curriculum serve --workers N`, the production path: sessions,
API keys, rate limits and the audit trail on; the bench's admin account with its rate
limits lifted) and PostGraphile 4.14 (npm, installed into .cache/peers from
bench/peers/package-lock.json) on the same PostgreSQL, on the issue 15 dataset
(bench/peers_data.py). For each operation it first checks that both answer the same
rows, leaf by leaf, then runs alternating rounds (gateway, PostGraphile; then the other
way round) of `--seconds` each at `--concurrency`, and reports the medians over the
rounds: requests per second and each server's CPU per request (psutil, user + system
of the server's processes over the round). `--write` puts the table into BENCHMARKS.md.

PostGraphile runs as the database owner, without row-level security: it checks no
authorization at all, where the gateway checks every object. Its "Bearer" rows send a
JWT it verifies (`--jwt-secret`); it has no API keys, so its "API key" row sends the
same JWT.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson
import psutil
import uvloop

from bench import peers_data
from bench.client import AiohttpClient
from bench.load import run_load
from bench.run import BENCH_USER, _bench_user
from datasources.settings import Settings
from resolvers.ids import from_global_id, to_global_id

ROOT = Path(__file__).resolve().parent.parent
PEERS_DIR = ROOT / ".cache" / "peers"
POSTGRAPHILE = PEERS_DIR / "node_modules" / "postgraphile" / "cli.js"
MARK_BEGIN = "<!-- bench-peers: begin -->"
MARK_END = "<!-- bench-peers: end -->"
SECTION = "# Performance against PostGraphile (issue 15)"

LOGIN = (
    "mutation($u: String!, $p: String!) { login(emailOrUsername: $u, password: $p) {"
    " __typename ... on AuthPayload { token } } }"
)
CREATE_KEY = (
    'mutation { createApiKey(name: "bench-peers", permissions: ["courses:read",'
    ' "documents:read"]) { __typename ... on CreatedApiKey { key apiKey { id } } } }'
)

GW_COURSE = "id title status author { username } documents { document { filename } }"
PG_COURSE = (
    "id title status userByUserId { username }"
    " courseDocumentsByCourseId { nodes { documentByDocumentId { filename } } }"
)
GW_DOCUMENT = "id filename owner { username }"
PG_DOCUMENT = "id filename userByUserId { username }"


# -- what each side answers, reduced to comparable rows -----------------------------


def _uuid(value: str) -> str:
    try:
        return str(from_global_id(value)[1])
    except Exception:
        return value


def gw_course(c: dict[str, Any]) -> tuple[Any, ...]:
    files = sorted(d["document"]["filename"] for d in c["documents"] or [])
    author = (c.get("author") or {}).get("username")
    return (_uuid(c["id"]), c["title"], (c["status"] or "").lower(), author, tuple(files))


def pg_course(c: dict[str, Any]) -> tuple[Any, ...]:
    links = c["courseDocumentsByCourseId"]["nodes"]
    files = sorted(link["documentByDocumentId"]["filename"] for link in links)
    author = (c.get("userByUserId") or {}).get("username")
    return (c["id"], c["title"], (c["status"] or "").lower(), author, tuple(files))


def gw_document(d: dict[str, Any]) -> tuple[Any, ...]:
    return (_uuid(d["id"]), d["filename"], (d.get("owner") or {}).get("username"))


def pg_document(d: dict[str, Any]) -> tuple[Any, ...]:
    return (d["id"], d["filename"], (d.get("userByUserId") or {}).get("username"))


# -- the operations --------------------------------------------------------------------


@dataclass(slots=True)
class Operation:
    name: str
    auth: str  # anonymous | bearer | key
    gateway: Callable[[int], dict[str, Any]]  # request n -> body
    peer: Callable[[int], dict[str, Any]]
    gw_rows: Callable[[dict[str, Any]], list[Any]]
    pg_rows: Callable[[dict[str, Any]], list[Any]]
    concurrency: int = 8


def operations(courses: list[str], documents: list[str], concurrency: int) -> list[Operation]:
    """`courses` / `documents`: uuids the admin may read, in a fixed order."""

    def rotate(items: list[str], n: int, size: int) -> list[str]:
        start = (n * size) % len(items)
        return (items + items)[start : start + size]

    def typename(_n: int) -> dict[str, Any]:
        return {"query": "{ __typename }"}

    def typename_rows(answer: dict[str, Any]) -> list[Any]:
        return [answer["data"]["__typename"]]

    def gw_by_id(n: int) -> dict[str, Any]:
        course_id = to_global_id("Course", courses[n % len(courses)])  # type: ignore[arg-type]
        return {"query": f"query($id: ID!) {{ course(id: $id) {{ {GW_COURSE} }} }}",
                "variables": {"id": course_id}}  # fmt: skip

    def pg_by_id(n: int) -> dict[str, Any]:
        return {"query": f"query($id: UUID!) {{ courseById(id: $id) {{ {PG_COURSE} }} }}",
                "variables": {"id": courses[n % len(courses)]}}  # fmt: skip

    def gw_nodes(kind: str, items: list[str], size: int, fields: str) -> Callable[[int], Any]:
        query = f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {kind} {{ {fields} }} }} }}"

        def body(n: int) -> dict[str, Any]:
            ids = [to_global_id(kind, i) for i in rotate(items, n, size)]  # type: ignore[arg-type]
            return {"query": query, "variables": {"ids": ids}}

        return body

    def pg_aliases(field_name: str, items: list[str], size: int, fields: str) -> Any:
        # PostGraphile 4 has no plural `nodes(ids:)`: the same rows by primary key, aliased.
        head = ", ".join(f"$i{k}: UUID!" for k in range(size))
        parts = " ".join(f"r{k}: {field_name}(id: $i{k}) {{ {fields} }}" for k in range(size))
        query = f"query({head}) {{ {parts} }}"

        def body(n: int) -> dict[str, Any]:
            ids = rotate(items, n, size)
            return {"query": query, "variables": {f"i{k}": v for k, v in enumerate(ids)}}

        return body

    def aliased_rows(convert: Callable[[dict[str, Any]], Any]) -> Callable[[Any], list[Any]]:
        def rows(answer: dict[str, Any]) -> list[Any]:
            data = answer["data"]
            return [convert(data[f"r{k}"]) for k in range(len(data))]

        return rows

    def node_rows(convert: Callable[[dict[str, Any]], Any]) -> Callable[[Any], list[Any]]:
        return lambda answer: [convert(x) for x in answer["data"]["nodes"]]

    def listed(query: str) -> Callable[[int], dict[str, Any]]:
        return lambda _n: {"query": query}

    c = concurrency
    return [
        Operation("`{ __typename }`, anonymous", "anonymous", typename, typename,
                  typename_rows, typename_rows, c),
        Operation("`{ __typename }`, Bearer token", "bearer", typename, typename,
                  typename_rows, typename_rows, c),
        Operation("`{ __typename }`, API key", "key", typename, typename,
                  typename_rows, typename_rows, c),
        Operation("one course by id: title, status, author username, documents' filenames",
                  "bearer", gw_by_id, pg_by_id,
                  lambda a: [gw_course(a["data"]["course"])],
                  lambda a: [pg_course(a["data"]["courseById"])], c),
        Operation("the same, concurrency 1", "bearer", gw_by_id, pg_by_id,
                  lambda a: [gw_course(a["data"]["course"])],
                  lambda a: [pg_course(a["data"]["courseById"])], 1),
        Operation("50 courses with the same fields, by `nodes(ids:)`", "bearer",
                  gw_nodes("Course", courses, 50, GW_COURSE),
                  pg_aliases("courseById", courses, 50, PG_COURSE),
                  node_rows(gw_course), aliased_rows(pg_course), c),
        Operation("50 courses through `courses(first: 50)`", "bearer",
                  listed(f"{{ courses(first: 50) {{ nodes {{ {GW_COURSE} }} }} }}"),
                  listed("{ allCourses(first: 50, orderBy: [CREATED_AT_DESC, ID_DESC])"
                         f" {{ nodes {{ {PG_COURSE} }} }} }}"),
                  lambda a: [gw_course(x) for x in a["data"]["courses"]["nodes"]],
                  lambda a: [pg_course(x) for x in a["data"]["allCourses"]["nodes"]], c),
        Operation("100 documents with their owner's username, by `nodes(ids:)`", "bearer",
                  gw_nodes("Document", documents, 100, GW_DOCUMENT),
                  pg_aliases("documentById", documents, 100, PG_DOCUMENT),
                  node_rows(gw_document), aliased_rows(pg_document), c),
        Operation("100 documents through `documents(first: 100)`", "bearer",
                  listed(f"{{ documents(first: 100) {{ nodes {{ {GW_DOCUMENT} }} }} }}"),
                  listed("{ allDocuments(first: 100, orderBy: [CREATED_AT_DESC, ID_DESC])"
                         f" {{ nodes {{ {PG_DOCUMENT} }} }} }}"),
                  lambda a: [gw_document(x) for x in a["data"]["documents"]["nodes"]],
                  lambda a: [pg_document(x) for x in a["data"]["allDocuments"]["nodes"]], c),
    ]  # fmt: skip


# -- the two servers -----------------------------------------------------------------


@dataclass(slots=True)
class Server:
    name: str
    process: subprocess.Popen[bytes]
    url: str
    ps: psutil.Process

    def cpu_seconds(self) -> float:
        """User + system time of the server and its worker processes."""
        total = 0.0
        for p in [self.ps, *self.ps.children(recursive=True)]:
            try:
                t = p.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += t.user + t.system
        return total


def postgres_cpu_seconds() -> float:
    """User + system time of the dev stack's PostgreSQL (the postmaster and its backends;
    NaN when it is not the stack's own): the work each side leaves to the database."""
    # The stack beside its env file (a worktree shares the main checkout's stack).
    env_file = Path(os.environ.get("CURRICULUM_ENV_FILE") or ROOT / ".stack" / "stack.env")
    pid_file = env_file.parent / "postgres" / "data" / "postmaster.pid"
    try:
        root = psutil.Process(int(pid_file.read_text().split()[0]))
        processes = [root, *root.children()]
    except (OSError, ValueError, IndexError, psutil.Error):
        return float("nan")
    total = 0.0
    for p in processes:
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
        if p is root:  # backends that ended: the postmaster reaped them, their time is its
            total += t.children_user + t.children_system
    return total


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def started(name: str, command: list[str], env: dict[str, str], port: int,
                  cwd: Path = ROOT) -> AsyncIterator[Server]:  # fmt: skip
    process = subprocess.Popen(  # noqa: S603, ASYNC220 - fixed arguments, started once
        command, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL
    )
    server = Server(name, process, f"http://127.0.0.1:{port}", psutil.Process(process.pid))
    try:
        async with httpx.AsyncClient(base_url=server.url) as client:
            for _ in range(1200):
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}")
                try:
                    answer = await client.post("/graphql", json={"query": "{ __typename }"})
                    if answer.status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError(f"{name} did not start within 120 s")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def gateway_command(port: int, workers: int) -> list[str]:
    curriculum = [sys.executable, "-m", "gateway.cli"]
    return [*curriculum, "serve", "--port", str(port), "--workers", str(workers)]


def postgraphile_command(settings: Settings, port: int, jwt_secret: str) -> list[str]:
    node = shutil.which("node")
    if node is None or not POSTGRAPHILE.is_file():
        raise SystemExit(
            "PostGraphile is not installed: `make bench-peers` installs it into .cache/peers "
            "(needs node >= 20 and npm)"
        )
    dsn = settings.postgres.asyncpg_dsn
    return [node, str(POSTGRAPHILE), "--connection", dsn, "--schema", "public",
            "--host", "127.0.0.1", "--port", str(port), "--disable-query-log",
            "--jwt-secret", jwt_secret]  # fmt: skip


def jwt(secret: str) -> str:
    """An HS256 token PostGraphile verifies (audience `postgraphile`, an hour long)."""

    def part(value: dict[str, Any]) -> bytes:
        return base64.urlsafe_b64encode(orjson.dumps(value)).rstrip(b"=")

    claims = {"aud": "postgraphile", "exp": int(time.time()) + 3600, "sub": "bench"}
    signing = part({"alg": "HS256", "typ": "JWT"}) + b"." + part(claims)
    signature = hmac.new(secret.encode(), signing, hashlib.sha256).digest()
    return (signing + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()


# -- measuring -----------------------------------------------------------------------


@dataclass(slots=True)
class Round:
    rps: float
    cpu_ms: float
    errors: int
    db_ms: float = float("nan")  # PostgreSQL's CPU per request (all its processes)


@dataclass(slots=True)
class Result:
    operation: Operation
    same_rows: bool
    rows: int
    gateway: list[Round] = field(default_factory=list)
    peer: list[Round] = field(default_factory=list)

    def median(self, side: str, attr: str) -> float:
        rounds = self.gateway if side == "gateway" else self.peer
        return statistics.median(getattr(r, attr) for r in rounds) if rounds else float("nan")


class Side:
    def __init__(self, server: Server, headers: dict[str, dict[str, str]], conns: int) -> None:
        self.server = server
        self.clients = {
            auth: AiohttpClient(server.url, {"content-type": "application/json", **h},
                                connections=conns)
            for auth, h in headers.items()
        }  # fmt: skip

    async def ask(self, auth: str, body: dict[str, Any]) -> dict[str, Any]:
        status, raw = await self.clients[auth].post("/graphql", orjson.dumps(body))
        answer = orjson.loads(raw)
        if status != 200 or answer.get("errors"):
            raise RuntimeError(f"{self.server.name}: HTTP {status}: {raw[:300]!r}")
        return answer  # type: ignore[no-any-return]

    async def round(self, op: Operation, make: Callable[[int], Any], seconds: float) -> Round:
        async def call(n: int) -> None:
            await self.ask(op.auth, make(n))

        before, db_before = self.server.cpu_seconds(), postgres_cpu_seconds()
        stats = await run_load(call, concurrency=op.concurrency, max_requests=10**9,
                               max_seconds=seconds)  # fmt: skip
        used = self.server.cpu_seconds() - before
        db_used = postgres_cpu_seconds() - db_before
        done = max(stats.count, 1)
        if stats.errors:
            print(f"  {self.server.name}: {stats.errors} errors, first: {stats.first_error}")
        return Round(stats.rps, used / done * 1000, stats.errors, db_used / done * 1000)

    async def close(self) -> None:
        for client in self.clients.values():
            await client.close()


def differences(a: list[Any], b: list[Any]) -> Iterator[str]:
    if len(a) != len(b):
        yield f"{len(a)} rows against {len(b)}"
    for n, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            yield f"row {n}: {x!r} against {y!r}"


async def measure(op: Operation, gw: Side, pg: Side, rounds: int, seconds: float) -> Result:
    checked = 0
    for n in range(3):  # three different requests of the operation, leaf by leaf
        mine = op.gw_rows(await gw.ask(op.auth, op.gateway(n)))
        theirs = op.pg_rows(await pg.ask(op.auth, op.peer(n)))
        problems = list(differences(mine, theirs))
        if problems:
            print(f"  NOT THE SAME ROWS ({op.name}): " + "; ".join(problems[:3]))
            return Result(op, False, len(mine))
        checked = len(mine)
    result = Result(op, True, checked)
    for _ in range(20):  # warm-up: caches, JIT, pools
        await gw.ask(op.auth, op.gateway(0))
        await pg.ask(op.auth, op.peer(0))
    for r in range(rounds):
        sides = [(gw, op.gateway, result.gateway), (pg, op.peer, result.peer)]
        for side, make, into in sides if r % 2 == 0 else sides[::-1]:
            into.append(await side.round(op, make, seconds))
    return result


def table(results: list[Result]) -> str:
    lines = [
        "| query | conc. | gateway req/s | PostGraphile req/s | ratio | gateway CPU ms/req"
        " | PostGraphile CPU ms/req | PostgreSQL CPU ms/req, gateway / PostGraphile | same rows |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        g, p = r.median("gateway", "rps"), r.median("peer", "rps")
        ratio = g / p if p else float("nan")
        lines.append(
            f"| {r.operation.name} | {r.operation.concurrency} | {g:,.0f} | {p:,.0f} |"
            f" {ratio:.2f} | {r.median('gateway', 'cpu_ms'):.2f} |"
            f" {r.median('peer', 'cpu_ms'):.2f} | {r.median('gateway', 'db_ms'):.2f} /"
            f" {r.median('peer', 'db_ms'):.2f} | {'yes' if r.same_rows else 'NO'} ({r.rows}) |"
        )
    return "\n".join(lines)


# -- the run -------------------------------------------------------------------------


async def _sample(settings: Settings) -> tuple[list[str], list[str]]:
    conn = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    try:
        courses = await conn.fetch("SELECT id FROM courses ORDER BY id LIMIT 200")
        documents = await conn.fetch(
            "SELECT id FROM documents WHERE status IS DISTINCT FROM 'deleted' ORDER BY id LIMIT 400"
        )
    finally:
        await conn.close()
    return [str(r["id"]) for r in courses], [str(r["id"]) for r in documents]


async def _credentials(url: str, password: str, settings: Settings) -> tuple[str, str]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        login = await client.post("/graphql", json={"query": LOGIN,
                                  "variables": {"u": "bench_admin", "p": password}})  # fmt: skip
        token = login.json()["data"]["login"]["token"]
        made = await client.post("/graphql", json={"query": CREATE_KEY},
                                 headers={"authorization": f"Bearer {token}"})  # fmt: skip
        created = made.json()["data"]["createApiKey"]
    if created["__typename"] != "CreatedApiKey":
        raise RuntimeError(f"createApiKey: {created}")
    conn = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    try:  # the bench's own key: its per-minute limit lifted like the account's
        await conn.execute("UPDATE api_keys SET rate_limit = $1 WHERE user_id = $2",
                           10**9, BENCH_USER)  # fmt: skip
    finally:
        await conn.close()
    return token, created["key"]


async def main(args: argparse.Namespace) -> int:
    settings = Settings.load()
    counts = await peers_data.top_up(settings.postgres.asyncpg_dsn)
    print("dataset:", ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    password = secrets.token_urlsafe(24)
    await _bench_user(settings, password)
    jwt_secret = secrets.token_urlsafe(32)
    gw_port, pg_port = _free_port(), _free_port()
    env = {
        "APP_ENV": "development",
        "LOG_LEVEL": "WARNING",
        "RATE_LIMIT_QUERIES_PER_MINUTE": str(10**9),
        "GRAPHQL_STORE_TIMEOUT_SECONDS": "30",
    }
    courses, documents = await _sample(settings)
    results: list[Result] = []
    try:
        async with (
            started("gateway", gateway_command(gw_port, args.workers), env, gw_port,
                    args.gateway_tree) as gateway,
            started("PostGraphile", postgraphile_command(settings, pg_port, jwt_secret),
                    {"NODE_ENV": "production"}, pg_port) as peer,
        ):  # fmt: skip
            token, key = await _credentials(gateway.url, password, settings)
            bearer = {"authorization": f"Bearer {jwt(jwt_secret)}"}
            conns = max(args.concurrency, 1)
            gw = Side(gateway, {"anonymous": {}, "bearer": {"authorization": f"Bearer {token}"},
                                "key": {"x-api-key": key}}, conns)  # fmt: skip
            pg = Side(peer, {"anonymous": {}, "bearer": bearer, "key": bearer}, conns)
            try:
                for op in operations(courses, documents, args.concurrency):
                    if args.only and not any(word in op.name for word in args.only):
                        continue
                    print(f"{op.name} (c={op.concurrency})", flush=True)
                    results.append(await measure(op, gw, pg, args.rounds, args.seconds))
                    print(table(results[-1:]).splitlines()[-1], flush=True)
            finally:
                await gw.close()
                await pg.close()
    finally:
        await _bench_user(settings, None)
    report = table(results)
    print(report)
    if args.write:
        write(report, counts, args)
    return 0 if all(r.same_rows for r in results) else 1


def write(report: str, counts: dict[str, int], args: argparse.Namespace) -> None:
    """Replace the generated table in BENCHMARKS.md (between the markers)."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    dataset = ", ".join(f"{v:,} {k}" for k, v in counts.items())
    block = (
        f"{MARK_BEGIN}\n"
        f"Last `make bench-peers` run: {stamp}; gateway `--workers {args.workers}`"
        f" from {_tree(args.gateway_tree)};"
        f" {args.rounds} alternating rounds of {args.seconds:g} s per side, medians;"
        f" {dataset}.\n\n{report}\n{MARK_END}"
    )
    if MARK_BEGIN in text and MARK_END in text:
        head, rest = text.split(MARK_BEGIN, 1)
        text = head + block + rest.split(MARK_END, 1)[1]
    elif SECTION in text:
        text = text.replace(SECTION, f"{SECTION}\n\n{block}", 1)
    else:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{block}\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote the table into {path}")


def _tree(path: Path) -> str:
    commit = subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "-C", str(path), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"`{commit}`" if commit else str(path)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=4, help="rounds per side (median)")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    parser.add_argument(
        "--gateway-tree",
        type=Path,
        default=ROOT,
        help="serve the gateway from another checkout (e.g. main's, for a before/after)",
    )
    parser.add_argument("--only", nargs="*", help="operations whose name has one of these words")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse())))
