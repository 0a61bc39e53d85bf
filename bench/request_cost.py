"""CPU per request of the whole ASGI app, in process, for the issue 15 query kinds.

`python -m bench.request_cost [--requests 400] [--profile cprofile|pyinstrument]` builds the
app as `curriculum serve` does (real authenticator: a session from `login`, the rate
limiter asked on every request, the audit trail on), then calls it directly as an ASGI
app (no sockets, no HTTP parser, no client library in the measured time) for
`{ __typename }` (anonymous and with the session), one course by id and 50 courses,
the same operations as `bench.peers`. It prints the process CPU time per request for
each; with `--profile` the top functions of one kind (`--kind`). `--fast-reads off`
turns off the operations answered without strawberry's execution (schema/fast_reads.py);
`--fast-reads both` alternates off and on in rounds of `--requests`, in one process.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import secrets
import time
from collections.abc import Callable
from typing import Any

import orjson
import uvloop

from bench.peers import GW_COURSE, GW_DOCUMENT, _sample
from bench.run import LOGIN, _bench_user
from datasources.settings import Settings
from gateway.app import create_app
from resolvers.ids import to_global_id

Body = Callable[[int], dict[str, Any]]


async def _call(app: Any, body: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *headers,
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent = False
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(chunks)


def kinds(courses: list[str]) -> dict[str, tuple[Body, bool]]:
    """name -> (request n -> body, authenticated)."""
    by_id = f"query($id: ID!) {{ course(id: $id) {{ {GW_COURSE} }} }}"
    listed = f"{{ courses(first: 50) {{ nodes {{ {GW_COURSE} }} }} }}"
    documents = f"{{ documents(first: 100) {{ nodes {{ {GW_DOCUMENT} }} }} }}"
    return {
        "typename-anonymous": (lambda n: {"query": "{ __typename }"}, False),
        "typename-session": (lambda n: {"query": "{ __typename }"}, True),
        # Not the `{ __typename }` shortcut: strawberry's whole request for no work.
        "aliased-typename": (lambda n: {"query": "{ t: __typename }"}, True),
        "course-by-id": (
            lambda n: {
                "query": by_id,
                "variables": {"id": to_global_id("Course", courses[n % len(courses)])},  # type: ignore[arg-type]
            },
            True,
        ),
        "courses-50": (lambda n: {"query": listed}, True),
        "documents-100": (lambda n: {"query": documents}, True),
    }


class _Profiler:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        if kind == "cprofile":
            self.cprofile = cProfile.Profile()
        else:
            from pyinstrument import Profiler  # a dev tool, imported only when asked for

            self.pyinstrument = Profiler(interval=0.0005, async_mode="enabled")

    def start(self) -> None:
        (self.cprofile.enable if self.kind == "cprofile" else self.pyinstrument.start)()

    def stop(self) -> None:
        (self.cprofile.disable if self.kind == "cprofile" else self.pyinstrument.stop)()

    def report(self, args: argparse.Namespace) -> None:
        if self.kind == "cprofile":
            stats = pstats.Stats(self.cprofile).sort_stats(args.sort)
            if args.callees:
                stats.print_callees(args.callees)
            else:
                stats.print_stats(args.top)
        else:
            print(self.pyinstrument.output_text(unicode=True, color=False, show_all=False))


def _profiler(kind: str | None) -> _Profiler | None:
    return _Profiler(kind) if kind else None


async def _measure(
    app: Any,
    args: argparse.Namespace,
    name: str,
    mode: str,
    make: Body,
    headers: list[tuple[bytes, bytes]],
) -> None:
    for n in range(10):  # the other mode's first requests (plans, prepared statements)
        await _call(app, orjson.dumps(make(n)), headers)
    profiler = _profiler(args.profile)
    started = time.process_time()
    wall = time.perf_counter()
    if profiler:
        profiler.start()
    for n in range(args.requests):
        await _call(app, orjson.dumps(make(n)), headers)
        # Let the background tasks run between requests, as a server's loop does: a
        # request that never waits on I/O (`{ __typename }`) starved them, so the
        # anonymous rate limit's batched counts were never sent and each request past
        # the batch asked Redis itself, which no served request does.
        await asyncio.sleep(0)
    if profiler:
        profiler.stop()
    cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    print(
        f"{name:<20} fast reads {mode:<3} {cpu / args.requests * 1000:7.3f} ms CPU/req"
        f"  {wall / args.requests * 1000:7.3f} ms wall/req",
        flush=True,
    )
    if profiler:
        profiler.report(args)


async def main(args: argparse.Namespace) -> None:
    os.environ.setdefault("RATE_LIMIT_QUERIES_PER_MINUTE", str(10**9))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    settings = Settings.load()
    password = secrets.token_urlsafe(24)
    await _bench_user(settings, password)
    app = create_app(settings)
    try:
        async with app.router.lifespan_context(app):
            login = {"query": LOGIN, "variables": {"u": "bench_admin", "p": password}}
            answer = orjson.loads(await _call(app, orjson.dumps(login), []))
            token = answer["data"]["login"]["token"]
            auth = [(b"authorization", f"Bearer {token}".encode())]
            courses, _ = await _sample(settings)
            view = app.routes[0].endpoint.app  # type: ignore[attr-defined]
            fast_reads = view.fast_reads
            modes = {"on": ["on"], "off": ["off"], "both": ["off", "on"] * args.rounds}
            for name, (make, authenticated) in kinds(courses).items():
                if args.kind and name not in args.kind:
                    continue
                headers = auth if authenticated else []
                for n in range(args.warmup):
                    out = orjson.loads(await _call(app, orjson.dumps(make(n)), headers))
                    if "errors" in out:
                        raise RuntimeError(f"{name}: {out['errors']}")
                for mode in modes[args.fast_reads]:
                    view.fast_reads = fast_reads if mode == "on" else None
                    await _measure(app, args, name, mode, make, headers)
    finally:
        await _bench_user(settings, None)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.request_cost", description=__doc__)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--kind", nargs="*", help="only these kinds")
    parser.add_argument("--profile", choices=("cprofile", "pyinstrument"))
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--callees", help="cprofile: what this function calls, instead")
    parser.add_argument("--fast-reads", choices=("on", "off", "both"), default="on")
    parser.add_argument("--rounds", type=int, default=3, help="with --fast-reads both")
    uvloop.run(main(parser.parse_args()))
