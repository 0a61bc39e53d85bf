"""The running app over HTTP and WebSocket: health, GraphiQL, GraphQL, subscriptions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import httpx
import websockets

ROOT = Path(__file__).resolve().parents[2]


def test_health_and_readiness(server_url: str) -> None:
    assert httpx.get(f"{server_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server_url}/readyz")
    assert ready.status_code == 200
    stores = ready.json()["stores"]
    assert set(stores) == {"postgres", "neo4j", "redis", "pgvector"}
    assert all(s["status"] == "up" for s in stores.values())
    assert "x-request-id" in ready.headers


def test_graphiql_is_served_from_local_assets(server_url: str) -> None:
    page = httpx.get(f"{server_url}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "/static/graphiql/" in page.text
    assert "https://" not in page.text and "http://" not in page.text.replace(server_url, "")
    assert "default-src" in page.headers["content-security-policy"]
    for asset in ("graphiql-app.js", "graphiql-app.css"):
        assert httpx.get(f"{server_url}/static/graphiql/{asset}").status_code == 200


def test_anonymous_query_gets_a_clear_error(server_url: str) -> None:
    response = httpx.post(
        f"{server_url}/graphql", json={"query": "{ me { id } courses { edges { cursor } } }"}
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_validation_errors_are_precise(server_url: str) -> None:
    response = httpx.post(f"{server_url}/graphql", json={"query": "{ course { nope } }"})
    messages = [e["message"] for e in response.json()["errors"]]
    assert any("course(id:)" in m and "required" in m for m in messages)
    assert any("nope" in m for m in messages)


async def test_server_time_subscription_over_graphql_transport_ws(server_url: str) -> None:
    url = server_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": "subscription { serverTime }"},
                }
            )
        )
        ticks = []
        while len(ticks) < 2:
            message = json.loads(await ws.recv())
            if message["type"] == "next":
                ticks.append(message["payload"]["data"]["serverTime"])
        await ws.send(json.dumps({"id": "1", "type": "complete"}))
    assert ticks[0] < ticks[1]


def test_graphql_over_http_audits_have_no_errors(server_url: str) -> None:
    script = ROOT / "tests" / "e2e" / "graphql_http_audit.mjs"
    done = subprocess.run(  # noqa: S603
        ["node", str(script), f"{server_url}/graphql"],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) > 40
    errors = [r for r in results if r["status"] == "error"]
    assert errors == [], errors


def test_a_store_that_is_down_fails_readiness_and_only_its_fields(test_settings: Any) -> None:
    """A second app whose Neo4j is unreachable: 503 on /readyz, partial data on /graphql."""
    from tests.e2e.conftest import server_env, start_server, stop_server

    env = server_env(
        test_settings, NEO4J_URI="bolt://127.0.0.1:9", GRAPHQL_STORE_TIMEOUT_SECONDS="1"
    )
    process, url = start_server(env)
    try:
        ready = httpx.get(f"{url}/readyz", timeout=10)
        assert ready.status_code == 503
        assert ready.json()["stores"]["neo4j"]["status"] == "down"
        assert ready.json()["stores"]["postgres"]["status"] == "up"
        response = httpx.post(
            f"{url}/graphql",
            json={"query": "{ __typename me { id } }"},
            timeout=10,
        )
        assert response.status_code == 200
        assert response.json()["data"] == {"__typename": "Query", "me": None}
    finally:
        stop_server(process)
