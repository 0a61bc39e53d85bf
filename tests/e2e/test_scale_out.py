"""Two gateway processes and two workers against one set of stores.

Sessions, rate limits and logouts live in Redis, so they hold across gateways: a
session made on A works on B, one principal's requests count against one limit on
both, a logout on A revokes the token on B. A job queued through A runs once on one of
the two workers, and a graphql-ws subscription on B sees its progress to the end.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from datasources.settings import Settings
from datasources.stores import Stores
from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.e2e.conftest import EDGE_ENV, ROOT, server_env, start_server, stop_server
from tests.e2e.js_client import JsClient
from tests.e2e.test_authz_harness import LOGIN, PASSWORD, Client, register
from tests.factories import World
from tests.integration.courses import EXPORT
from tests.processes import die_with_tests

pytestmark = pytest.mark.e2e
QUERIES_PER_MINUTE = 8
ME = "query Me { me { username } }"
PROGRESS = """subscription($t: ID!) {
  taskProgress(taskId: $t) { status stage percent } }"""


@pytest.fixture(scope="module")
def gateways(test_settings: Settings, test_database: str) -> Iterator[tuple[str, str]]:
    env = server_env(
        test_settings, **{**EDGE_ENV, "RATE_LIMIT_QUERIES_PER_MINUTE": str(QUERIES_PER_MINUTE)}
    )
    first, a = start_server(env)
    try:
        second, b = start_server(env)
        try:
            yield a, b
        finally:
            stop_server(second)
    finally:
        stop_server(first)


def start_worker(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = server_env(settings, LOG_LEVEL="INFO", WORKER_POLL_SECONDS="0.2")
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "worker"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_tests,
        )


async def ready(logs: list[Path], seconds: float = 120) -> None:
    """Until every worker has logged the end of its start-up (then it polls the queue)."""
    deadline = time.monotonic() + seconds
    while not all(log.exists() and b"worker ready" in log.read_bytes() for log in logs):
        assert time.monotonic() < deadline, [log.read_text()[-2000:] for log in logs]
        await asyncio.sleep(0.2)


async def test_a_session_made_on_one_gateway_works_on_the_other_until_logout(
    gateways: tuple[str, str],
) -> None:
    a, b = gateways
    async with (
        httpx.AsyncClient(base_url=a, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b, timeout=30) as on_b,
    ):
        account = await register(on_a)
        login = await Client(on_b).gql(LOGIN, login=account.username, password=PASSWORD)
        token = login["data"]["login"]["token"]  # a second session, made on B
        for http in (on_a, on_b):
            for used in (account.token, token):
                me = await Client(http, token=used).gql(ME)
                assert me["data"]["me"]["username"] == account.username
        assert (await Client(on_a, token=token).gql("mutation { logout }"))["data"]["logout"]
        refused = await Client(on_b, token=token).post(ME)
        assert refused.status_code == 401, refused.text
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        # The other session is untouched.
        assert (await Client(on_b, token=account.token).gql(ME))["data"]["me"]


async def test_one_principal_has_one_rate_limit_across_gateways(
    gateways: tuple[str, str],
) -> None:
    a, b = gateways
    async with (
        httpx.AsyncClient(base_url=a, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b, timeout=30) as on_b,
    ):
        account = await register(on_a)
        statuses = []
        for i in range(2 * QUERIES_PER_MINUTE):
            http = on_a if i % 2 == 0 else on_b
            statuses.append((await Client(http, token=account.token).post(ME)).status_code)
    assert statuses.count(200) == QUERIES_PER_MINUTE, statuses
    assert statuses[QUERIES_PER_MINUTE:] == [429] * QUERIES_PER_MINUTE


@pytest.mark.timeout(180)
async def test_a_job_queued_on_one_gateway_runs_once_and_the_other_streams_its_progress(
    gateways: tuple[str, str], test_settings: Settings, stores: Stores, tmp_path: Path
) -> None:
    a, b = gateways
    world = World(stores)
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers: list[subprocess.Popen[bytes]] = []
    try:
        workers = [start_worker(test_settings, log) for log in logs]
        await ready(logs)
        # Both workers held still while the job is queued and B subscribes, so B's
        # subscription is listening before any worker can run the job.
        for worker in workers:
            worker.send_signal(signal.SIGSTOP)
        async with httpx.AsyncClient(base_url=a, timeout=30) as on_a:
            account = await register(on_a)
            course_id = await world.course(Principal(user_id=account.user_id, role="user"))
            body = await Client(on_a, token=account.token).gql(
                EXPORT, id=to_global_id("Course", course_id), format="MARKDOWN", options=None
            )
        started = body["data"]["exportCourse"]
        assert started["__typename"] == "ExportStarted", body
        plan = {
            "connectionParams": {"Authorization": f"Bearer {account.token}"},
            "operations": [
                {"label": "p", "query": PROGRESS, "variables": {"t": started["task"]["id"]}}
            ],
        }
        async with JsClient(b.replace("http://", "ws://") + "/graphql", plan) as client:
            first = await client.until("next", "error")
            assert first["payload"]["data"]["taskProgress"]["status"] == "PENDING", first
            for worker in workers:
                worker.send_signal(signal.SIGCONT)
            events = await asyncio.wait_for(client.run(), 120)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGCONT)
            stop_server(worker)
        await world.cleanup()
    nexts = [e["payload"] for e in events if e["event"] == "next"]
    assert all(not p.get("errors") for p in nexts), nexts
    states = [p["data"]["taskProgress"] for p in nexts]
    assert states[-1]["status"] == "COMPLETED", events
    assert len(states) >= 3, states  # stored state, live progress, the end
    assert events[-2]["event"] == "complete"
    runs = [
        line["event"]
        for log in logs
        for raw in log.read_bytes().splitlines()
        if raw.startswith(b"{")
        for line in [orjson.loads(raw)]
        if "export_course ●" in line["event"]
    ]
    # The queue delivers a job at least once: two workers woken at the same instant may
    # both be handed it (seen once in four suite runs). The task's claim lets one run do
    # the work; any other delivery finds the task taken and does nothing.
    worked = [r for r in runs if "'status': 'skipped'" not in r]
    assert len(worked) == 1 and "'status': 'completed'" in worked[0], runs
    assert len(runs) <= len(workers), runs
