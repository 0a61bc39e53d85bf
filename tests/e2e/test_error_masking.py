"""No store error text reaches a response, in any mode (development, test, production).

The running app (in-process, so a test can make one of its datasource calls fail) is
given real driver errors: a SQL error from PostgreSQL through SQLAlchemy/asyncpg, a
Cypher syntax error from Neo4j, a Redis error; and a failure inside the security
middleware. Each answer is JSON with a generic message, the request id and
INTERNAL_SERVER_ERROR, over HTTP and on a socket; the detail is in the server's log.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy import text

from datasources.neo4j.graph import GraphReader
from datasources.postgres.courses import CourseReader
from datasources.postgres.json_reads import JsonReader
from datasources.postgres.users import UserReader
from datasources.redis.hub import PubSubHub
from datasources.settings import Settings
from gateway.security.limits import RatePolicy
from resolvers.ids import to_global_id
from tests.e2e.leaks import leaks
from tests.e2e.test_authz_harness import (
    Account,
    Served,
    direct_account,
    fast_settings,
    isolated,
    serve,
    ws_messages,
)
from tests.factories import World

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=["development", "test", "production"])
async def served(request: pytest.FixtureRequest, stack_settings: Settings) -> AsyncIterator[Served]:
    async with isolated(stack_settings) as base:
        settings = fast_settings(base).model_copy(update={"app_env": request.param})
        async with serve(settings) as app:
            yield app


@pytest.fixture
async def user(served: Served) -> Account:
    return await direct_account(served)


def assert_masked(error: dict[str, Any], request_id: str | None = None) -> None:
    extensions = error["extensions"]
    assert extensions["code"] == "INTERNAL_SERVER_ERROR", error
    assert error["message"] == f"internal server error (request {extensions['requestId']})"
    if request_id is not None:
        assert extensions["requestId"] == request_id
    assert not leaks(json.dumps(error)), error


async def post(served: Served, account: Account | None, query: str, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {account.token}"} if account else {}
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
        return await http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )


def failing_sql(served: Served) -> Any:
    engine = served.app.state.stores.engine

    async def fail(*args: Any, **kwargs: Any) -> Any:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1/0 AS secret_column FROM users"))

    return fail


async def test_a_sql_error_is_masked_and_logged(
    served: Served, user: Account, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Both readers of a page: the resolvers' and the compiled one (docs/compiled-reads.md).
    monkeypatch.setattr(CourseReader, "page", failing_sql(served))
    monkeypatch.setattr(JsonReader, "page", failing_sql(served))
    with caplog.at_level(logging.ERROR, logger="gateway.errors"):
        response = await post(served, user, "{ courses { edges { cursor } } }")
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    assert_masked(body["errors"][0], response.headers["x-request-id"])
    assert body["errors"][0]["path"] == ["courses"]
    assert "division by zero" in caplog.text and response.headers["x-request-id"] in caplog.text


async def test_a_cypher_error_is_masked(
    served: Served, user: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver = served.app.state.stores.graph_writer.driver

    async def fail(*args: Any, **kwargs: Any) -> Any:
        await driver.execute_query("MATCH (n:Secret RETURN n")

    monkeypatch.setattr(GraphReader, "search_concepts", fail)
    response = await post(
        served, user, "query($s: String) { concepts(search: $s) { edges { cursor } } }", s="x"
    )
    assert_masked(response.json()["errors"][0], response.headers["x-request-id"])


async def ws_session(served: Served, account: Account) -> Any:
    ws = await websockets.connect(served.ws_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init", "payload": {"token": account.token}}))
    assert (await ws_messages(ws, {"connection_ack"}))[-1]["type"] == "connection_ack"
    return ws


async def subscribe(ws: Any, query: str, **variables: Any) -> list[dict[str, Any]]:
    payload = {"query": query, "variables": variables}
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    return await ws_messages(ws, {"complete", "error"})


async def test_store_errors_in_subscriptions_are_masked(
    served: Served, user: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = await World(served.app.state.stores).task(user.user_id)
    monkeypatch.setattr(UserReader, "tasks_by_ids", failing_sql(served))
    client = served.app.state.stores.redis.client

    @asynccontextmanager
    async def failing_subscribe(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        await client.execute_command("NOPE", "secret")
        yield None

    monkeypatch.setattr(PubSubHub, "subscribe", failing_subscribe)
    ws = await ws_session(served, user)
    try:
        progress = await subscribe(
            ws, "subscription($t: ID!) { taskProgress(taskId: $t) { status } }",
            t=to_global_id("GenerationTask", task),
        )  # fmt: skip
        ticks = await subscribe(ws, "subscription { serverTime }")
    finally:
        await ws.close()
    for messages in (progress, ticks):
        errors = [e for m in messages for e in m.get("payload", {}).get("errors", [])]
        assert errors, messages
        for error in errors:
            assert_masked(error)


async def test_a_failure_in_the_security_middleware_is_a_json_500(
    served: Served, user: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("redis said: SELECT secret_column FROM users")

    monkeypatch.setattr(RatePolicy, "check", fail)
    response = await post(served, user, "{ me { id } }")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert_masked(response.json()["errors"][0], response.headers["x-request-id"])
    ws = await ws_session(served, user)
    await ws.send(
        json.dumps({"id": "1", "type": "subscribe", "payload": {"query": "{ me { id } }"}})
    )
    with pytest.raises(websockets.ConnectionClosed):
        await ws_messages(ws, {"next", "error", "complete"})
    assert ws.close_code == 1011 and ws.close_reason == "internal server error"
