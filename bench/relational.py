"""Relational reads with and without compiled SQL: `python -m bench.relational`.

The relational queries of issue 15 (one course by id with its author and documents,
50 courses by `nodes(ids:)` and by `courses(first: 50)`, 100 documents with their
owners both ways) against two gateways on the same data at once: one with
GRAPHQL_COMPILED_READS on (one SQL statement per root field builds the JSON), one with
it off (the resolvers and loaders). Both are `bench.server` processes signed in with the
fixed admin token, rate limits lifted. Each query is first sent to both and the answers
must be byte for byte the same; then rounds of `--seconds` alternate between the two
(order swapped every round) and the medians over rounds are reported: requests per
second, p50, and the server process's CPU per request.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
from dataclasses import dataclass
from typing import Any

import asyncpg
import orjson
import uvloop

from bench.client import open_client
from bench.load import run_load
from bench.run import Server, serve
from datasources.settings import Settings
from gateway.seed.data import DEMO_TAG
from gateway.seed.records import seed_id

COURSE_FIELDS = "title status author { username } documents { document { filename } }"
QUERIES: dict[str, str] = {
    "course(id)": f"query($id: ID!) {{ course(id: $id) {{ {COURSE_FIELDS} }} }}",
    "50 courses, nodes(ids:)": (
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on Course {{ {COURSE_FIELDS} }} }} }}"
    ),
    "courses(first: 50)": f"{{ courses(first: 50) {{ nodes {{ {COURSE_FIELDS} }} }} }}",
    "100 documents, nodes(ids:)": (
        "query($docs: [ID!]!) { nodes(ids: $docs) { ... on Document"
        " { filename owner { username } } } }"
    ),
    "documents(first: 100)": "{ documents(first: 100) { nodes { filename owner { username } } } }",
}
# (query, concurrency) as in the table.
RUNS = [
    ("course(id)", 8),
    ("course(id)", 1),
    ("50 courses, nodes(ids:)", 8),
    ("courses(first: 50)", 8),
    ("100 documents, nodes(ids:)", 8),
    ("documents(first: 100)", 8),
]


@dataclass
class Round:
    rps: float
    p50_ms: float
    cpu_ms: float
    errors: int


def _gid(type_name: str, raw: Any) -> str:
    import base64

    return base64.urlsafe_b64encode(f"{type_name}:{raw}".encode()).decode().rstrip("=")


async def _variables(settings: Settings) -> dict[str, Any]:
    conn = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    try:
        courses = await conn.fetch(
            "SELECT c.id FROM courses c JOIN course_documents l ON l.course_id = c.id"
            " GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 50"
        )
        documents = await conn.fetch("SELECT id FROM documents ORDER BY id LIMIT 100")
    finally:
        await conn.close()
    return {
        "id": _gid("Course", courses[0]["id"]),
        "ids": [_gid("Course", r["id"]) for r in courses],
        "docs": [_gid("Document", r["id"]) for r in documents],
    }


def _body(name: str, variables: dict[str, Any]) -> bytes:
    query = QUERIES[name]
    used = {k: v for k, v in variables.items() if f"${k}" in query}
    return orjson.dumps({"query": query, "variables": used})


async def _round(
    server: Server, token: str, body: bytes, concurrency: int, seconds: float
) -> Round:
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    client = open_client("aiohttp", server.url, headers, connections=concurrency)

    async def call(_: int) -> None:
        status, answer = await client.post("/graphql", body)
        if status != 200 or b'"errors"' in answer:
            raise RuntimeError(f"{status}: {answer[:200]!r}")

    try:
        before = server.cpu_seconds()
        stats = await run_load(
            call, concurrency=concurrency, max_requests=100_000, max_seconds=seconds, warmup=10
        )
        cpu = server.cpu_seconds() - before
    finally:
        await client.close()
    done = max(stats.count, 1)
    return Round(stats.rps, stats.p50, cpu / (done + 10) * 1000, stats.errors)


async def _answer(server: Server, token: str, body: bytes) -> bytes:
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    client = open_client("aiohttp", server.url, headers, connections=1)
    try:
        status, answer = await client.post("/graphql", body)
    finally:
        await client.close()
    if status != 200 or b'"errors"' in answer:
        raise RuntimeError(f"{status}: {answer[:300]!r}")
    return answer


async def main(args: argparse.Namespace) -> int:
    settings = Settings.load()
    variables = await _variables(settings)
    token = secrets.token_urlsafe(32)
    env = {
        "RATE_LIMIT_QUERIES_PER_MINUTE": str(10**9),
        "BENCH_TOKEN": token,
        "BENCH_ADMIN_ID": str(seed_id(DEMO_TAG, "user", "admin")),
    }
    lines = [
        "| query | conc. | compiled req/s | resolvers req/s | ratio | compiled p50 ms"
        " | resolvers p50 ms | compiled CPU ms/req | resolvers CPU ms/req | answer KB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    async with (
        serve("fixed", {**env, "GRAPHQL_COMPILED_READS": "true"}) as compiled,
        serve("fixed", {**env, "GRAPHQL_COMPILED_READS": "false"}) as normal,
    ):
        for name, concurrency in RUNS:
            if args.only and args.only not in name:
                continue
            body = _body(name, variables)
            fast, slow = await _answer(compiled, token, body), await _answer(normal, token, body)
            if fast != slow:
                raise RuntimeError(f"{name}: the two gateways answered differently")
            rounds: dict[str, list[Round]] = {"compiled": [], "normal": []}
            for i in range(args.rounds):
                order = [("compiled", compiled), ("normal", normal)]
                for side, server in order if i % 2 == 0 else order[::-1]:
                    rounds[side].append(
                        await _round(server, token, body, concurrency, args.seconds)
                    )
            c, n = _median(rounds["compiled"]), _median(rounds["normal"])
            line = (
                f"| {name} | {concurrency} | {c.rps:.1f} | {n.rps:.1f} | {c.rps / n.rps:.2f}"
                f" | {c.p50_ms:.1f} | {n.p50_ms:.1f} | {c.cpu_ms:.2f} | {n.cpu_ms:.2f}"
                f" | {len(fast) / 1024:.0f} |"
            )
            errors = sum(r.errors for side in rounds.values() for r in side)
            print(line + (f" ({errors} errors)" if errors else ""), flush=True)
            lines.append(line)
    print("\n".join(lines))
    return 0


def _median(rounds: list[Round]) -> Round:
    return Round(
        statistics.median(r.rps for r in rounds),
        statistics.median(r.p50_ms for r in rounds),
        statistics.median(r.cpu_ms for r in rounds),
        sum(r.errors for r in rounds),
    )


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.relational", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per side (default 3)")
    parser.add_argument("--seconds", type=float, default=5.0, help="per round (default 5)")
    parser.add_argument("--only", help="run only the queries whose name contains this")
    return parser.parse_args(argv)


if __name__ == "__main__":
    raise SystemExit(uvloop.run(main(parse())))
