"""`make bench-upload`: uploads through the running gateway — throughput and the gateway's
memory while a large file streams in.

The gateway runs in its own process (`bench.server --auth fixed`, UPLOAD_MAX_BYTES
raised to 100 MiB) on the dev stack's stores. Each upload is one GraphQL multipart
request (operations, map, file) sent by httpx with a streamed body (no Content-Length:
chunked), of distinct bytes so nothing is deduplicated: text files of 1, 10 and 50 MB
(one of them a single 50 MB line) and a 50 MB over-limit file with a 10 MiB limit
(refused mid-stream). Per upload: the wall time until the answer, MB/s, and the
gateway's peak resident memory above its resting size, sampled every 20 ms. The
uploaded documents and their tasks are removed afterwards (the jobs are not run: no
worker is started, and their queued jobs are deleted).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import psutil
from sqlalchemy import delete, select

from bench.documents import system_user
from datasources.postgres.models import Document, GenerationTask
from datasources.settings import Settings
from datasources.stores import open_stores

EMAIL = "bench-upload@curriculum.local"
TOKEN = "bench-upload-token"  # noqa: S105 - the bench server's fixed stand-in token
MB = 1_000_000
QUERY = (
    "mutation($file: Upload!) { uploadDocument(file: $file) { __typename "
    "... on DocumentUploaded { document { id fileSize } } ... on InvalidInput { message } } }"
)
BOUNDARY = "bench-upload-boundary"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server(owner: uuid.UUID, port: int, max_bytes: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BENCH_TOKEN": TOKEN,
        "BENCH_ADMIN_ID": str(owner),
        "UPLOAD_MAX_BYTES": str(max_bytes),
        "FILE_STORE_MAX_BYTES": str(max(max_bytes, 100 * 1024 * 1024)),
        "RATE_LIMIT_MUTATIONS_PER_MINUTE": "100000",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.server", "--port", str(port), "--auth", "fixed"],
        env=env,
        stderr=subprocess.DEVNULL,
    )


async def _body(size: int, *, one_line: bool, seed: str) -> AsyncIterator[bytes]:
    operations = json.dumps({"query": QUERY, "variables": {"file": None}})
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        f'{operations}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        f'{{"0": ["variables.file"]}}\r\n--{BOUNDARY}\r\n'
        'Content-Disposition: form-data; name="0"; filename="bench.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    line = f"{seed} the heap stores data whose size is unknown at compile time".encode()
    piece = (line + (b" " if one_line else b"\n")) * (64 * 1024 // (len(line) + 1))
    sent = 0
    while sent < size:
        chunk = piece[: size - sent]
        sent += len(chunk)
        yield chunk
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


async def _upload(url: str, pid: int, size: int, *, one_line: bool) -> dict[str, Any]:
    process = psutil.Process(pid)
    resting = process.memory_info().rss
    peak = resting
    done = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            await asyncio.sleep(0.02)

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=600) as http:
        try:
            response = await http.post(
                url + "/graphql",
                content=_body(size, one_line=one_line, seed=uuid.uuid4().hex),
                headers={
                    "authorization": f"Bearer {TOKEN}",
                    "apollo-require-preflight": "true",
                    "content-type": f"multipart/form-data; boundary={BOUNDARY}",
                },
            )
            status, answer = response.status_code, response.text[:160]
        except httpx.RemoteProtocolError:
            status, answer = 0, "connection closed by the server"
    seconds = time.perf_counter() - started
    done.set()
    await sampler
    return {
        "megabytes": size / MB,
        "one_line": one_line,
        "status": status,
        "answer": answer,
        "seconds": round(seconds, 2),
        "mb_per_s": round(size / MB / seconds, 1),
        "peak_rss_above_rest_mb": round((peak - resting) / MB, 1),
        "rest_rss_mb": round(resting / MB, 1),
    }


async def _ready(url: str) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(300):
            try:
                if (await http.get(url + "/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the bench gateway did not start")


async def _run(max_bytes: int, cases: list[tuple[int, bool]]) -> list[dict[str, Any]]:
    settings = Settings.load()
    async with open_stores(settings, bootstrap=False) as stores:
        owner = await system_user(stores, email=EMAIL, username="bench-upload")
    port = _free_port()
    server = _server(owner, port, max_bytes)
    url = f"http://127.0.0.1:{port}"
    results = []
    try:
        await _ready(url)
        await asyncio.sleep(1.0)  # let start-up allocations settle before "resting"
        for size, one_line in cases:
            results.append(await _upload(url, server.pid, size, one_line=one_line))
    finally:
        server.terminate()
        server.wait(timeout=30)
        await _forget(settings, owner)
    return results


async def _forget(settings: Settings, owner: uuid.UUID) -> None:
    """The bench's documents, tasks, queued jobs and files, gone."""
    async with open_stores(settings, bootstrap=False) as stores:
        async with stores.sessions() as session, session.begin():
            tasks = list(
                (
                    await session.execute(
                        select(GenerationTask.id).where(GenerationTask.user_id == owner)
                    )
                ).scalars()
            )
            keys = list(
                (
                    await session.execute(
                        select(Document.file_path).where(Document.user_id == owner)
                    )
                ).scalars()
            )
            await session.execute(delete(GenerationTask).where(GenerationTask.user_id == owner))
            await session.execute(delete(Document).where(Document.user_id == owner))
        for task_id in tasks:
            await stores.redis.client.delete(f"arq:job:{task_id}")
            await stores.redis.client.zrem("arq:queue", str(task_id))
        await stores.exports.release_files(keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, default=Path(".cache/bench-upload.json"))
    args = parser.parse_args()
    accepted = asyncio.run(
        _run(
            100 * 1024 * 1024,
            [(1 * MB, False), (10 * MB, False), (50 * MB, False), (50 * MB, True)],
        )
    )
    refused = asyncio.run(_run(10 * 1024 * 1024, [(50 * MB, False)]))
    results = accepted + refused
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    print(f"{'MB':>5} {'line':>5} {'status':>6} {'s':>6} {'MB/s':>6} {'peak RSS +MB':>12}  answer")
    for r in results:
        print(
            f"{r['megabytes']:>5.0f} {'one' if r['one_line'] else 'many':>5} {r['status']:>6} "
            f"{r['seconds']:>6} {r['mb_per_s']:>6} {r['peak_rss_above_rest_mb']:>12}  "
            f"{r['answer'][:70]}"
        )


if __name__ == "__main__":
    main()
