"""Profile one benchmarked operation inside the gateway.

`python -m bench.profile b --repeat 5 [--http] [--html out.html]` opens the stores as
the app does and runs the operation as the seeded admin, either through the app's
own schema (`schema.execute`: execution only) or, with `--http`, through the whole
ASGI app in-process (middleware, authentication, rate limits, audit, the GraphQL
view; no sockets, no uvicorn), authenticated by bench.server's fixed-token
authenticator. It prints pyinstrument's call tree and self time per package
(pyinstrument is a dev tool: `pip install pyinstrument`). Raw-driver time for the
same data comes from `python -m bench.run`.
"""

from __future__ import annotations

import argparse
import os
import secrets
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import uvloop
from pyinstrument import Profiler

from bench import queries
from bench.picks import search_texts
from bench.server import FixedToken
from datasources.settings import Settings
from datasources.stores import open_stores
from gateway.app import create_app, schema_options
from gateway.seed.data import DEMO_TAG, SeedSpec, build_dataset
from gateway.seed.records import seed_id
from resolvers.context import Context, Limits, Principal
from schema.root import build_schema


def _operation(name: str) -> tuple[str, Any]:
    data = build_dataset(SeedSpec.for_scale(1))
    if name == "z":
        return queries.TYPENAME, lambda n: {}
    if name == "a":
        return queries.COURSE, lambda n: {"id": str(data.courses[n % 200].id)}
    if name == "b":
        return queries.COURSES, lambda n: {}
    if name == "c":
        texts = search_texts()
        return queries.SEARCH, lambda n: {"q": texts[n % len(texts)]}
    deep = [str(c.id) for c in data.concepts if c.index % 500 >= 480]
    return queries.PATH, lambda n: {"id": deep[n % len(deep)]}


def _package(path: str) -> str:
    """`neo4j`, `strawberry`, `graphql`, ... for libraries; `ours: resolvers` for the app."""
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    for ours in ("bench", "datasources", "gateway", "resolvers", "schema"):
        if f"/{ours}/" in path:
            return f"ours: {ours}"
    if "/asyncio/" in path:
        return "asyncio"
    return "stdlib/other"


def by_package(profiler: Profiler, *, by_function: bool = False) -> dict[str, float]:
    """Seconds of self time (time in a function itself, not its callees) per package."""
    totals: dict[str, float] = {}
    session = profiler.last_session
    root = session.root_frame() if session else None
    stack = [root] if root else []
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.total_self_time and frame.file_path and not frame.is_synthetic:
            key = _package(frame.file_path)
            if by_function:
                key = f"{key}: {frame.function} ({frame.file_path_short}:{frame.line_no})"
            totals[key] = totals.get(key, 0.0) + frame.total_self_time
    return totals


async def _http(
    args: argparse.Namespace, query: str, variables: Any
) -> tuple[Profiler, list[float]]:
    # As in bench.run: the limiter is asked on every request but never refuses.
    os.environ.setdefault("RATE_LIMIT_QUERIES_PER_MINUTE", str(10**9))
    token = secrets.token_urlsafe(32)
    admin = Principal(user_id=seed_id(DEMO_TAG, "user", "admin"), role="admin")
    app = create_app(Settings.load(), authenticator=FixedToken(token, admin))
    transport = httpx.ASGITransport(app=app)
    headers = {"authorization": f"Bearer {token}"}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench", headers=headers) as client,
    ):

        async def once(n: int) -> float:
            started = time.perf_counter()
            answer = await client.post("/graphql", json={"query": query, "variables": variables(n)})
            if answer.status_code != 200 or "errors" in answer.json():
                raise RuntimeError(answer.text[:300])
            return time.perf_counter() - started

        for n in range(args.warmup):
            await once(5_000 + n)
        profiler = Profiler(interval=0.001, async_mode="enabled")
        profiler.start()
        took = [await once(n) for n in range(args.repeat)]
        profiler.stop()
    return profiler, took


async def main(args: argparse.Namespace) -> None:
    settings = Settings.load()
    schema = build_schema(schema_options(settings))
    query, variables = _operation(args.operation)
    limits = Limits(
        max_page_size=settings.limits.max_page_size,
        store_timeout_seconds=settings.limits.store_timeout_seconds,
    )
    admin = Principal(user_id=seed_id(DEMO_TAG, "user", "admin"), role="admin")
    if args.http:
        profiler, took = await _http(args, query, variables)
        _print(args, profiler, took)
        return
    async with open_stores(settings, bootstrap=False) as stores:

        async def once(n: int) -> float:
            context = Context(stores=stores, limits=limits, principal=admin,
                              request_id=uuid.uuid4().hex)  # fmt: skip
            started = time.perf_counter()
            result = await schema.execute(query, variable_values=variables(n),
                                          context_value=context)  # fmt: skip
            if result.errors:
                raise RuntimeError(result.errors[0])
            return time.perf_counter() - started

        for n in range(args.warmup):
            await once(5_000 + n)
        profiler = Profiler(interval=0.001, async_mode="enabled")
        profiler.start()
        took = [await once(n) for n in range(args.repeat)]
        profiler.stop()
    _print(args, profiler, took)


def _print(args: argparse.Namespace, profiler: Profiler, took: list[float]) -> None:
    print(f"{args.operation}: {', '.join(f'{t * 1000:.0f} ms' for t in took)}")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print("self time by package (sampled on-CPU frames; waiting on stores excluded):")
    shares = by_package(profiler)
    total = sum(shares.values()) or 1.0
    for package, seconds in sorted(shares.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {package:<28} {seconds / args.repeat * 1000:8.1f} ms/op  {seconds / total:6.1%}")
    print("top functions by self time:")
    for name, seconds in sorted(
        by_package(profiler, by_function=True).items(), key=lambda kv: -kv[1]
    )[: args.top]:
        print(f"  {seconds / args.repeat * 1000:8.1f} ms/op  {seconds / total:6.1%}  {name}")
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("operation", choices=("z", "a", "b", "c", "d"))
    parser.add_argument("--http", action="store_true", help="through the whole ASGI app")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    uvloop.run(main(parser.parse_args()))
