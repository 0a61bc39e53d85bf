"""documentProcessing over graphql-transport-ws with the graphql-ws JavaScript client,
against two gateway processes and two `curriculum worker` processes sharing the stores.

The document is stored with the same service functions the document job's own tests
use (bench/documents.py: the file in the FileStore, the `documents` row, the task
row), then queued; whichever worker takes the job, both gateways' subscribers see its
events: each gateway holds one Redis subscription and fans it out in memory.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from arq.constants import default_queue_name, health_check_key_suffix
from redis.asyncio import Redis

from bench.documents import add_document, forget
from datasources.redis.hub import CLIENT_NAME
from jobs.tasks.ports import ports_from
from resolvers.ids import to_global_id
from tests.e2e.conftest import (
    EDGE_ENV,
    EDGE_REDIS_DB,
    EdgeApp,
    edge_account,
    server_env,
    start_server,
    stop_server,
)
from tests.e2e.js_client import JsClient, of, run_plan
from tests.processes import die_with_tests
from tests.unit.pipeline.samples import EN_CHAPTER

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
WATCH = """subscription($id: ID!) { documentProcessing(documentId: $id) {
  documentId taskId status stage percent message at } }"""
STAGES = [
    "queued", "started", "reading", "text", "chunks", "knowledge", "graph",
    "concept_vectors", "completed",
]  # fmt: skip


@pytest.fixture
def second_gateway(edge_app: EdgeApp) -> Iterator[str]:
    """Another gateway process on the same stores: its ws URL."""
    process, url = start_server(server_env(edge_app.settings, **EDGE_ENV))
    try:
        yield url.replace("http://", "ws://") + "/graphql"
    finally:
        stop_server(process)


@pytest.fixture
def workers(edge_app: EdgeApp, tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Two `curriculum worker` processes (logs in the test's tmp folder)."""
    env = server_env(edge_app.settings, **EDGE_ENV, WORKER_HEALTH_CHECK_SECONDS="1")
    started = []
    for n in range(2):
        log = (tmp_path / f"worker-{n}.log").open("wb")
        started.append(
            subprocess.Popen(  # noqa: S603 - our own command
                [str(Path(sys.executable).parent / "curriculum"), "worker"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_tests,
            )
        )
        log.close()
    try:
        yield started
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
async def owner(edge_app: EdgeApp) -> AsyncIterator[Any]:
    account = await edge_account(edge_app)
    try:
        yield account
    finally:
        ports = ports_from(edge_app.stores, timeout=60.0)
        await forget(edge_app.stores, ports, account.user_id)


async def _workers_ready(edge_app: EdgeApp, workers: list[subprocess.Popen[bytes]]) -> None:
    """A worker started (arq's health key written); the other takes jobs once it is up."""
    client = Redis.from_url(edge_app.settings.redis.url)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            assert all(w.poll() is None for w in workers), "a worker exited at start"
            if await client.exists(default_queue_name + health_check_key_suffix):
                return
            await asyncio.sleep(0.5)
    finally:
        await client.aclose()
    pytest.fail("no worker reported healthy within 120 s")


def _progress(events: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    return [
        e["payload"]["data"]["documentProcessing"]
        for e in of(events, label)
        if e["event"] == "next"
    ]


def _plan(token: str, document_id: UUID, label: str) -> dict[str, Any]:
    return {
        "connectionParams": {"Authorization": f"Bearer {token}"},
        "operations": [
            {
                "label": label,
                "query": WATCH,
                "variables": {"id": to_global_id("Document", document_id)},
            }
        ],
    }


@pytest.mark.timeout(300)  # two workers to start and stop, one document to process
async def test_two_gateways_see_a_workers_progress_in_order_then_the_end(
    edge_app: EdgeApp, second_gateway: str, workers: list[subprocess.Popen[bytes]], owner: Any
) -> None:
    stores = edge_app.stores
    document_id, task_id = await add_document(
        stores, owner.user_id, EN_CHAPTER.encode(), name="chapter.md"
    )
    await _workers_ready(edge_app, workers)
    async with (
        JsClient(edge_app.ws_url, _plan(owner.token, document_id, "a")) as on_a,
        JsClient(second_gateway, _plan(owner.token, document_id, "b")) as on_b,
    ):
        first_a = await on_a.until("next", "error", "complete")
        first_b = await on_b.until("next", "error", "complete")
        for first in (first_a, first_b):
            assert first["event"] == "next", first
            state = first["payload"]["data"]["documentProcessing"]
            assert state["stage"] == "queued" and state["status"] == "PENDING", state
        # Each gateway holds one hub connection, whatever its number of subscribers.
        client = Redis.from_url(edge_app.settings.redis.url)
        try:
            db = str(EDGE_REDIS_DB)
            hubs = [
                c
                for c in await client.client_list()
                if c.get("name") == CLIENT_NAME and c.get("db") == db
            ]
        finally:
            await client.aclose()
        assert len(hubs) == 2, hubs
        assert await stores.queue.enqueue(task_type="document_processing", task_id=task_id)
        seen_a, seen_b = await asyncio.gather(on_a.run(), on_b.run())

    for events, label in ((seen_a, "a"), (seen_b, "b")):
        steps = _progress(events, label)
        assert [s["stage"] for s in steps] == STAGES, steps
        assert steps[-1]["status"] == "COMPLETED" and steps[-1]["percent"] == 100.0
        percents = [s["percent"] for s in steps]
        assert percents == sorted(percents)
        assert [s["at"] for s in steps] == sorted(s["at"] for s in steps)
        assert {s["taskId"] for s in steps} == {to_global_id("GenerationTask", task_id)}
        assert of(events, label)[-1]["event"] == "complete"
        assert not [e for e in events if e["event"] in ("binary-frame", "error")]
    assert _progress(seen_a, "a")[1:] == _progress(seen_b, "b")[1:]

    # Later, on either gateway: the final state at once, then complete. It is the
    # stored row's, so its `at` is the row's time rather than the event's.
    final = _progress(seen_a, "a")[-1]
    for url in (edge_app.ws_url, second_gateway):
        late = await run_plan(url, _plan(owner.token, document_id, "late"))
        steps = _progress(late, "late")
        assert len(steps) == 1 and steps[0] | {"at": final["at"]} == final, steps
        assert of(late, "late")[-1]["event"] == "complete"


async def test_someone_elses_document_is_an_error_like_a_missing_one(
    edge_app: EdgeApp, owner: Any
) -> None:
    document_id, _ = await add_document(
        edge_app.stores, owner.user_id, EN_CHAPTER.encode(), name="chapter.md"
    )
    other = await edge_account(edge_app)
    theirs = await run_plan(edge_app.ws_url, _plan(other.token, document_id, "x"))
    missing = await run_plan(edge_app.ws_url, _plan(other.token, UUID(int=7), "x"))
    assert of(theirs, "x") == of(missing, "x")
    # An error the resolver raises arrives as a `next` with errors, then `complete`.
    assert [e["event"] for e in of(theirs, "x")] == ["next", "complete"], theirs
    payload = of(theirs, "x")[0]["payload"]
    assert payload["data"] is None
    assert payload["errors"] == [
        {"message": "no such document", "extensions": {"code": "NOT_FOUND"}}
    ]
    anonymous = await run_plan(
        edge_app.ws_url, {**_plan(other.token, document_id, "x"), "connectionParams": None}
    )
    (refused, *_) = [e for e in of(anonymous, "x") if e["event"] == "next"]
    assert refused["payload"]["data"] is None
    assert refused["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
