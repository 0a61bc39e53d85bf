"""Subscriptions and operations with the real `graphql-ws` JavaScript client (what Apollo
Client, urql, Relay and GraphiQL use) in Node, against the app under uvicorn.

Python `websockets` accepts binary frames, so the Python socket tests could not see
that the server sent its protocol messages as bytes; graphql-ws parses text frames
only, and the script reports any binary frame it receives.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from datasources.redis.progress import progress_channel
from resolvers.ids import to_global_id
from tests.e2e.conftest import EdgeApp, edge_account
from tests.e2e.js_client import JsClient, of, run_plan
from tests.factories import World

pytestmark = pytest.mark.e2e

PROGRESS = """subscription($t: ID!) {
  taskProgress(taskId: $t) { taskId status stage percent message } }"""
TIME = "subscription { serverTime }"


async def publish(app: EdgeApp, task_id: uuid.UUID, **event: Any) -> None:
    """A progress event on the task's channel, as the course generation job sends it."""
    message = {"task_id": str(task_id), "at": datetime.now(UTC).isoformat(), **event}
    await app.stores.redis.publish(progress_channel("course_generation", task_id), message)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_text_frames_only(events: list[dict[str, Any]]) -> None:
    assert not [e for e in events if e["event"] == "binary-frame"], events


async def test_queries_and_a_mutation_share_one_socket_like_apollo(edge_app: EdgeApp) -> None:
    """connection_ack after auth in connection_init; a query, a mutation and a query that
    sees its effect, over the same socket (Apollo's GraphQLWsLink sends them so)."""
    user = await edge_account(edge_app)
    title = f"JS course {uuid.uuid4().hex[:6]}"
    events = await run_plan(
        edge_app.ws_url,
        {
            "connectionParams": bearer(user.token),
            "operations": [
                {"label": "me", "query": "{ me { username role } }"},
                {
                    "label": "create",
                    "query": "mutation($t: String) { createCourse(input: {title: $t}) {"
                    " __typename ... on Course { id title } } }",
                    "variables": {"t": title},
                },
                {
                    "label": "list",
                    "query": "{ courses(first: 5) { edges { node { title } } } }",
                },
            ],
        },
    )
    assert_text_frames_only(events)
    assert [e["event"] for e in events if e["event"] == "connected"] == ["connected"]
    me = of(events, "me")
    assert me[0]["payload"] == {"data": {"me": {"username": user.username, "role": "user"}}}
    assert me[-1]["event"] == "complete"
    created = of(events, "create")[0]["payload"]["data"]["createCourse"]
    assert created["__typename"] == "Course" and created["title"] == title
    listed = of(events, "list")[0]["payload"]["data"]["courses"]["edges"]
    assert title in [edge["node"]["title"] for edge in listed]


async def test_task_progress_events_arrive_in_order_then_complete(edge_app: EdgeApp) -> None:
    user = await edge_account(edge_app)
    task_id = await World(edge_app.stores).task(user.user_id)
    plan = {
        "connectionParams": bearer(user.token),
        "operations": [
            {
                "label": "progress",
                "query": PROGRESS,
                "variables": {"t": to_global_id("GenerationTask", task_id)},
            },
            {"label": "time", "query": TIME, "take": 2},
        ],
    }
    async with JsClient(edge_app.ws_url, plan) as client:
        first = await client.until("next", "error", "complete")
        # The stored state first; only then is the subscription listening on Redis.
        assert first["event"] == "next", client.events
        assert first["payload"]["data"]["taskProgress"]["status"] == "PROCESSING"
        await publish(edge_app, task_id, status="processing", stage="planning", percent=10)
        await publish(edge_app, task_id, status="processing", stage="writing", percent=55)
        await publish(edge_app, task_id, status="completed", stage="done", percent=100)
        await publish(edge_app, task_id, status="processing", stage="late", percent=1)
        events = await client.run()
    assert_text_frames_only(events)
    progress = of(events, "progress")
    states = [e["payload"]["data"]["taskProgress"] for e in progress if e["event"] == "next"]
    seen = [(state["stage"], state["percent"]) for state in states]
    assert seen == [("queued", 0.0), ("planning", 10.0), ("writing", 55.0), ("done", 100.0)]
    assert progress[-1]["event"] == "complete"
    assert progress[-2]["payload"]["data"]["taskProgress"]["status"] == "COMPLETED"
    ticks = [e["payload"]["data"]["serverTime"] for e in of(events, "time") if e["event"] == "next"]
    assert len(ticks) == 2 and ticks[0] < ticks[1]
    assert of(events, "time")[-1]["event"] == "stopped"
    assert [e for e in events if e["event"] == "connected"] == [events[0]]


async def test_a_bad_token_closes_with_4401_and_the_reason(edge_app: EdgeApp) -> None:
    events = await run_plan(
        edge_app.ws_url,
        {
            "connectionParams": {"Authorization": "Bearer " + "A" * 43},
            "operations": [{"label": "time", "query": TIME}],
        },
    )
    assert not [e for e in events if e["event"] in ("connected", "next")], events
    error = of(events, "time")[0]
    assert error["close"] == {"code": 4401, "reason": "session expired or invalid"}, events
    closed = [e for e in events if e["event"] == "closed"]
    assert closed and closed[0]["code"] == 4401


async def test_someone_elses_task_looks_like_no_task(edge_app: EdgeApp) -> None:
    owner, other = await edge_account(edge_app), await edge_account(edge_app)
    task_id = await World(edge_app.stores).task(owner.user_id)
    operations = [
        {"label": label, "query": PROGRESS, "variables": {"t": to_global_id("GenerationTask", t)}}
        for label, t in (("theirs", task_id), ("missing", uuid.uuid4()))
    ]
    events = await run_plan(
        edge_app.ws_url, {"connectionParams": bearer(other.token), "operations": operations}
    )
    theirs, missing = of(events, "theirs"), of(events, "missing")
    assert [{**e, "label": None} for e in theirs] == [{**e, "label": None} for e in missing]
    assert not [e for e in theirs if e["event"] == "next" and e["payload"].get("data")], theirs
    # The task runs on (nothing processes it): the owner's stream stays open, so the
    # client stops after the stored state.
    own = await run_plan(
        edge_app.ws_url,
        {"connectionParams": bearer(owner.token), "operations": [{**operations[0], "take": 1}]},
    )
    assert of(own, "theirs")[0]["payload"]["data"]["taskProgress"]["status"] == "PROCESSING"


async def test_errors_arrive_as_error_messages_and_the_socket_stays(edge_app: EdgeApp) -> None:
    """A validation error and text that is not Unicode: `error` messages for their ids;
    the next operation still runs on the same socket."""
    user = await edge_account(edge_app)
    events = await run_plan(
        edge_app.ws_url,
        {
            "connectionParams": bearer(user.token),
            "operations": [
                {"label": "invalid", "query": "subscription { nope }"},
                {"label": "surrogate", "query": PROGRESS, "variables": {"t": "\ud800"}},
                {"label": "time", "query": TIME, "take": 1},
            ],
        },
    )
    assert_text_frames_only(events)
    invalid = of(events, "invalid")
    assert len(invalid) == 1 and invalid[0]["event"] == "error", invalid
    assert "nope" in invalid[0]["errors"][0]["message"]
    assert invalid[0]["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    surrogate = of(events, "surrogate")
    assert len(surrogate) == 1 and surrogate[0]["event"] == "error", surrogate
    assert surrogate[0]["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "payload.variables.t",
    }
    assert of(events, "time")[-1]["event"] == "stopped"
    assert len([e for e in events if e["event"] == "connected"]) == 1
