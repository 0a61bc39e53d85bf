"""WebSocket subscriptions and credentials: connection_init auth (bearer, token, GraphiQL
headers, API key), clear close codes, and subscriptions ended by a revocation."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy import text, update
from websockets.exceptions import ConnectionClosed

from datasources.postgres.models import ApiKey
from datasources.settings import Settings
from resolvers.ids import from_global_id
from tests.e2e.test_authz_harness import (
    Client,
    Served,
    create_key,
    direct_account,
    fast_settings,
    isolated,
    own_task,
    serve,
    ws_messages,
)

pytestmark = pytest.mark.e2e

TIME = "subscription { serverTime }"
PROGRESS = "subscription($t: ID!) { taskProgress(taskId: $t) { status } }"


@pytest.fixture(scope="module")
async def served(stack_settings: Settings) -> AsyncIterator[Served]:
    async with isolated(stack_settings) as settings, serve(fast_settings(settings)) as app:
        yield app


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


async def connect(served: Served, payload: dict[str, Any] | None) -> Any:
    ws = await websockets.connect(served.ws_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    return ws


async def subscribe(ws: Any, query: str, op_id: str = "1", **variables: Any) -> None:
    await ws.send(
        json.dumps(
            {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
        )
    )


@pytest.mark.parametrize(
    "shape",
    ["authorization", "lowercase", "token", "graphiql-headers", "api-key"],
)
async def test_connection_init_carries_credentials(
    served: Served, http: httpx.AsyncClient, shape: str
) -> None:
    account = await direct_account(served)
    bearer = f"Bearer {account.token}"
    if shape == "api-key":
        key, _ = await create_key(Client(http, token=account.token), ["tasks:read"])
        payload: dict[str, Any] = {"X-API-Key": key}
    else:
        payload = {
            "authorization": {"Authorization": bearer},
            "lowercase": {"authorization": bearer},
            "token": {"token": account.token},
            "graphiql-headers": {"headers": {"Authorization": bearer}},
        }[shape]
    task = await own_task(served, account)
    ws = await connect(served, payload)
    try:
        assert (await ws_messages(ws, {"connection_ack"}))[-1]["type"] == "connection_ack"
        await subscribe(ws, PROGRESS, t=task)
        seen = await ws_messages(ws, {"complete"})
        assert seen[0]["payload"]["data"]["taskProgress"]["status"] == "COMPLETED"
    finally:
        await ws.close()


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"Authorization": "Bearer " + "A" * 43}, "session expired or invalid"),
        ({"Authorization": "Bearer nope"}, "malformed bearer token"),
        ({"Authorization": "Token abc"}, "the Authorization header must be 'Bearer <token>'"),
        ({"token": 12345}, "Authorization must be a string"),
        ({"X-API-Key": "cgk_" + "B" * 43}, "invalid API key"),
        ({"X-API-Key": "'; DROP TABLE api_keys; --"}, "malformed API key"),
    ],
)
async def test_bad_credentials_close_the_socket_with_4401(
    served: Served, payload: dict[str, Any], reason: str
) -> None:
    ws = await connect(served, payload)
    with pytest.raises(ConnectionClosed) as closed:
        await ws_messages(ws, {"connection_ack"})
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, reason)


async def test_an_expired_key_closes_the_socket(served: Served, http: httpx.AsyncClient) -> None:
    account = await direct_account(served)
    key, key_gid = await create_key(Client(http, token=account.token), ["tasks:read"])
    async with served.app.state.stores.engine.begin() as conn:
        await conn.execute(
            update(ApiKey)
            .where(ApiKey.id == from_global_id(key_gid)[1])
            .values(expires_at=text("now() - interval '1 second'"))
        )
    ws = await connect(served, {"X-API-Key": key})
    with pytest.raises(ConnectionClosed) as closed:
        await ws_messages(ws, {"connection_ack"})
    assert closed.value.rcvd is not None and closed.value.rcvd.reason == "API key expired"


async def _ended_by_revocation(ws: Any) -> dict[str, Any]:
    """Ticks until the subscription ends; the last `next` must carry UNAUTHENTICATED."""
    seen = await ws_messages(ws, {"complete"}, within=10)
    errors = [m for m in seen if m["type"] == "next" and m["payload"].get("errors")]
    assert errors, seen
    error: dict[str, Any] = errors[-1]["payload"]["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    return error


async def test_logging_out_ends_a_running_subscription(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await direct_account(served)
    ws = await connect(served, {"Authorization": f"Bearer {account.token}"})
    try:
        await ws_messages(ws, {"connection_ack"})
        await subscribe(ws, TIME)
        assert (await ws_messages(ws, {"next"}))[-1]["payload"]["data"]["serverTime"]
        logged_out = await Client(http, token=account.token).gql("mutation { logout }")
        assert logged_out["data"]["logout"] is True
        error = await _ended_by_revocation(ws)
        assert "no longer valid" in error["message"]
    finally:
        await ws.close()


async def test_a_revoked_key_ends_its_subscription(served: Served, http: httpx.AsyncClient) -> None:
    account = await direct_account(served)
    session = Client(http, token=account.token)
    key, key_gid = await create_key(session, ["tasks:read"])
    ws = await connect(served, {"X-API-Key": key})
    try:
        await ws_messages(ws, {"connection_ack"})
        await subscribe(ws, TIME)
        await ws_messages(ws, {"next"})
        revoke = "mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }"
        assert (await session.gql(revoke, id=key_gid))["data"]["revokeApiKey"]
        await _ended_by_revocation(ws)
    finally:
        await ws.close()


async def test_a_deactivated_account_ends_its_subscriptions(served: Served) -> None:
    account = await direct_account(served)
    ws = await connect(served, {"token": account.token})
    try:
        await ws_messages(ws, {"connection_ack"})
        await subscribe(ws, TIME)
        await ws_messages(ws, {"next"})
        async with served.app.state.stores.engine.begin() as conn:
            await conn.execute(
                text("UPDATE users SET is_active = false WHERE id = :id"),
                {"id": account.user_id},
            )
        await _ended_by_revocation(ws)
    finally:
        await ws.close()


async def test_one_logout_ends_every_subscription_of_the_session(
    served: Served, http: httpx.AsyncClient
) -> None:
    """Three sockets of one session with two subscriptions each: their credentials are
    re-checked once per interval for all six (resolvers/credentials.py), and one
    logout ends all six with UNAUTHENTICATED."""
    account = await direct_account(served)
    services = served.security.accounts
    assert services is not None
    sockets = [await connect(served, {"Authorization": f"Bearer {account.token}"}) for _ in "abc"]
    try:
        for ws in sockets:
            await ws_messages(ws, {"connection_ack"})
            await subscribe(ws, TIME, "1")
            await subscribe(ws, TIME, "2")
        for ws in sockets:
            await _ticked(ws, {"1", "2"})
        checks = services.watch.checks
        await asyncio.sleep(1.2)  # four intervals of 0.3 s
        # Once per interval for the session (about 4), not per subscription (about 24).
        assert services.watch.checks - checks <= 6
        logged_out = await Client(http, token=account.token).gql("mutation { logout }")
        assert logged_out["data"]["logout"] is True
        for ws in sockets:
            ended = await _ends(ws, {"1", "2"})
            assert ended == {"1": "UNAUTHENTICATED", "2": "UNAUTHENTICATED"}
    finally:
        for ws in sockets:
            await ws.close()


async def _ticked(ws: Any, ids: set[str]) -> None:
    """Until each subscription in `ids` has sent a `next`."""
    waiting = set(ids)
    async with asyncio.timeout(10):
        while waiting:
            message = json.loads(await ws.recv())
            if message["type"] == "next":
                waiting.discard(message["id"])


async def _ends(ws: Any, ids: set[str]) -> dict[str, str]:
    """Until each subscription in `ids` completes: the code of the error it ended with."""
    codes: dict[str, str] = {}
    done: set[str] = set()
    async with asyncio.timeout(10):
        while done != ids:
            message = json.loads(await ws.recv())
            if message["type"] == "next" and message["payload"].get("errors"):
                codes[message["id"]] = message["payload"]["errors"][0]["extensions"]["code"]
            elif message["type"] == "complete":
                done.add(message["id"])
    return codes


async def test_each_subscription_start_rechecks_the_session(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await direct_account(served)
    task = await own_task(served, account)
    ws = await connect(served, {"Authorization": f"Bearer {account.token}"})
    try:
        await ws_messages(ws, {"connection_ack"})
        await Client(http, token=account.token).gql("mutation { logout }")
        await subscribe(ws, PROGRESS, t=task)
        seen = await ws_messages(ws, {"complete"})
        assert seen[0]["payload"]["data"] is None
        assert seen[0]["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    finally:
        await ws.close()


async def test_anonymous_subscriptions_still_work(served: Served) -> None:
    ws = await connect(served, None)
    try:
        await ws_messages(ws, {"connection_ack"})
        await subscribe(ws, TIME)
        assert (await ws_messages(ws, {"next"}))[-1]["payload"]["data"]["serverTime"]
    finally:
        await ws.close()


async def test_subscriptions_and_sockets_are_audited(served: Served) -> None:
    account = await direct_account(served)
    task = await own_task(served, account)
    ws = await connect(served, {"Authorization": f"Bearer {account.token}"})
    await ws_messages(ws, {"connection_ack"})
    await subscribe(ws, PROGRESS, op_id="audited", t=task)
    await ws_messages(ws, {"complete"})
    await ws.close()
    await asyncio.sleep(0.2)  # the server notices the close
    await served.audit_drained()
    async with served.app.state.stores.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT action, resource_type, request_method, response_status, metadata"
                    " FROM audit_logs WHERE user_id = :u ORDER BY id"
                ),
                {"u": account.user_id},
            )
        ).all()
    by_action = {r.action: r for r in rows}
    subscription = by_action["subscription taskProgress"]
    assert (subscription.resource_type, subscription.request_method) == ("GenerationTask", "WS")
    assert subscription.response_status == 200 and subscription.metadata["events"] == 1
    assert by_action["WEBSOCKET /graphql"].response_status == 101


CONCEPT_TITLE = "query($id: ID!) { concept(id: $id) { title } }"
RENAME = """mutation($id: ID!, $title: String!) {
  updateConcept(id: $id, input: {title: $title}) { __typename ... on Concept { title } }
}"""


async def test_each_operation_on_a_socket_reads_fresh_data(
    served: Served, http: httpx.AsyncClient
) -> None:
    """strawberry gives every operation on a socket the connection's one context; the
    request caches (loaders, node objects) must still be per operation, or a query after
    a change on the same socket answers from what an earlier operation read."""
    account = await direct_account(served)
    client = Client(http, token=account.token)
    created = await client.gql(
        'mutation { createConcept(input: {title: "Before"}) { ... on Concept { id } } }'
    )
    concept_id = created["data"]["createConcept"]["id"]
    ws = await connect(served, {"authorization": f"Bearer {account.token}"})
    try:
        await ws_messages(ws, {"connection_ack"})
        titles = []
        for op_id, (query, variables) in enumerate(
            [
                (CONCEPT_TITLE, {"id": concept_id}),
                (RENAME, {"id": concept_id, "title": "After"}),
                (CONCEPT_TITLE, {"id": concept_id}),
            ]
        ):
            await subscribe(ws, query, str(op_id), **variables)
            seen = await ws_messages(ws, {"complete", "error"})
            data = seen[0]["payload"]["data"]
            titles.append((data.get("concept") or data.get("updateConcept"))["title"])
        assert titles == ["Before", "After", "After"]
    finally:
        await ws.close()
        await client.gql(
            "mutation($id: ID!) { deleteConcept(id: $id) { __typename } }", id=concept_id
        )
