"""Fuzz every root field of the running app's schema with edge values.

The schema is read by introspection, so a new query, mutation or subscription is
covered without touching this file. For each field, deterministic requests
(tests/e2e/fuzz.py, seeded by SEED) go out anonymously, as a signed-in user and as an
admin (throwaway accounts in the edge app's own database); subscriptions over a
WebSocket. A run fails on any 5xx, any answer that is not JSON (a socket message that
is not a text frame, or a socket the server drops), any driver, SQL or Cypher text in
an error (tests/e2e/leaks.py), and any INTERNAL_SERVER_ERROR: a masked internal error
is still a bug the fuzz has found.

What the mutations create (concepts, courses and their objectives in Neo4j) is
deleted afterwards; PostgreSQL is the edge app's own database, dropped at the end.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
import pytest
import websockets
from graphql import GraphQLSchema, build_client_schema, get_introspection_query

from resolvers.context import Principal
from resolvers.ids import from_global_id, to_global_id
from tests.e2e.conftest import EdgeApp, edge_account
from tests.e2e.fuzz import Case, cases, root_fields
from tests.e2e.leaks import leaks
from tests.e2e.test_authz_harness import LOGIN, PASSWORD, Account, Client
from tests.factories import World

pytestmark = pytest.mark.e2e

SEED = 20_251_202
RANDOM_CASES = 4  # per field, besides the valid one, the sweeps and bad text per place
CREATED = frozenset({"Concept", "Course", "LearningObjective"})
MAX_REPORTED = 25
HTTP_TIMEOUT = 20.0


@dataclass
class Caller:
    name: str
    account: Account | None

    def headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.account.token}"} if self.account else {}


@dataclass
class Fuzz:
    app: EdgeApp
    schema: GraphQLSchema
    callers: list[Caller]
    world: World
    known_ids: dict[str, list[str]]
    findings: list[str] = field(default_factory=list)
    requests: int = 0
    executed: set[str] = field(default_factory=set)  # fields whose resolvers ran

    def judge(self, case: Case, caller: Caller, where: str, answer: str) -> None:
        self.findings.append(
            f"{case.field} as {caller.name} ({where}): {answer[:300]}\n"
            f"    variables: {json.dumps(case.variables)[:300]}"
        )

    def check_body(self, case: Case, caller: Caller, raw: bytes | str) -> dict[str, Any] | None:
        try:
            body = orjson.loads(raw)  # strict: valid UTF-8 JSON
        except orjson.JSONDecodeError:
            self.judge(case, caller, "body", f"not JSON: {raw[:200]!r}")
            return None
        if not isinstance(body, dict):
            self.judge(case, caller, "body", f"not an object: {raw[:200]!r}")
            return None
        for error in _errors_of(body):
            if not isinstance(error, dict):
                self.judge(case, caller, "error", f"not an object: {error!r}")
                continue
            text = json.dumps(error, ensure_ascii=False)
            found = leaks(text)
            if found:
                self.judge(case, caller, "leak", f"{found} in {text}")
            elif (error.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR":
                self.judge(case, caller, "internal error", text)
        payload = body.get("payload") if "payload" in body else body
        if isinstance(payload, dict) and (
            payload.get("data") is not None or any(e.get("path") for e in _errors_of(body))
        ):
            self.executed.add(case.field)
        return body

    def remember_created(self, data: Any) -> None:
        """Ids of the graph nodes a mutation created, to delete them afterwards."""
        if isinstance(data, dict):
            if data.get("__typename") in CREATED and isinstance(data.get("id"), str):
                kind, raw = from_global_id(data["id"])
                if kind == "Concept":
                    self.world.concepts.append(raw)
                elif kind == "Course":
                    self.world.courses.append(raw)
            for value in data.values():
                self.remember_created(value)
        elif isinstance(data, list):
            for value in data:
                self.remember_created(value)


def _errors_of(body: dict[str, Any]) -> list[Any]:
    """An HTTP body's errors, or a socket message's (`error`: the payload; `next`: its errors)."""
    payload = body.get("payload")
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        return list(payload.get("errors") or [])
    return list(body.get("errors") or [])


async def _signed_in_again(app: EdgeApp, account: Account) -> Account:
    """A fresh session after a fuzzed `logout` ended the account's session."""
    async with httpx.AsyncClient(base_url=app.url, timeout=30) as http:
        body = await Client(http).gql(LOGIN, login=account.username, password=PASSWORD)
    account.token = body["data"]["login"]["token"]
    return account


async def _objects(world: World, caller: Caller) -> dict[str, list[str]]:
    """Objects of the signed-in user for the requests to name (ids of real objects let
    edge values reach the writes, not stop at NotFound). No user ids: a fuzzed
    setUserActive must not lock the fuzzing accounts out."""
    assert caller.account is not None
    owner = Principal(caller.account.user_id, "user")
    document = await world.document(owner)
    courses = [await world.course(owner, documents=[document]) for _ in range(2)]
    concepts = [await world.concept(f"Fuzz concept {uuid.uuid4().hex[:8]}") for _ in range(2)]
    task = await world.task(caller.account.user_id)
    return {
        "Course": [to_global_id("Course", c) for c in courses],
        "Concept": [to_global_id("Concept", c) for c in concepts],
        "Document": [to_global_id("Document", document)],
        "GenerationTask": [to_global_id("GenerationTask", task)],
    }


@pytest.fixture(scope="module")
async def fuzz(edge_app: EdgeApp) -> AsyncIterator[Fuzz]:
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=60) as http:
        response = await http.post("/graphql", json={"query": get_introspection_query()})
    schema = build_client_schema(response.json()["data"])
    callers = [
        Caller("anonymous", None),
        Caller("user", await edge_account(edge_app)),
        Caller("admin", await edge_account(edge_app, admin=True)),
    ]
    world = World(edge_app.stores)
    state = Fuzz(edge_app, schema, callers, world, await _objects(world, callers[1]))
    try:
        yield state
    finally:
        await state.world.cleanup()


def _fields(fuzz: Fuzz, kind: str) -> list[str]:
    return [name for k, name, _ in root_fields(fuzz.schema) if k == kind]


def _cases(fuzz: Fuzz, kind: str, name: str) -> list[Case]:
    return cases(
        fuzz.schema, kind, name, seed=SEED, random_cases=RANDOM_CASES, known_ids=fuzz.known_ids
    )


async def _http_case(fuzz: Fuzz, http: httpx.AsyncClient, case: Case, caller: Caller) -> None:
    payload = json.dumps({"query": case.query, "variables": case.variables})  # escapes \ud800
    fuzz.requests += 1
    try:
        response = await http.post(
            "/graphql",
            content=payload,
            headers={"content-type": "application/json", **caller.headers()},
        )
    except httpx.TimeoutException:
        fuzz.judge(case, caller, "HTTP", f"no answer within {HTTP_TIMEOUT} s")
        pytest.fail(_report(fuzz))  # a server that hangs answers nothing after: stop here
    except httpx.TransportError as exc:
        fuzz.judge(case, caller, "HTTP", f"the connection broke: {exc!r}")
        return
    if response.status_code >= 500:
        fuzz.judge(case, caller, f"HTTP {response.status_code}", response.text)
        return
    if response.status_code == 401 and caller.account is not None:
        await _signed_in_again(fuzz.app, caller.account)  # a fuzzed logout ended it
        return
    body = fuzz.check_body(case, caller, response.content)
    if body is not None and case.field.startswith("mutation"):
        fuzz.remember_created(body.get("data"))


async def _run_http(fuzz: Fuzz, kind: str) -> None:
    async with httpx.AsyncClient(base_url=fuzz.app.url, timeout=HTTP_TIMEOUT) as http:
        for name in _fields(fuzz, kind):
            for case in _cases(fuzz, kind, name):
                for caller in fuzz.callers:
                    await _http_case(fuzz, http, case, caller)
                if name == "logout":
                    for caller in fuzz.callers:
                        if caller.account is not None:
                            await _signed_in_again(fuzz.app, caller.account)


def _report(fuzz: Fuzz) -> str:
    shown = "\n".join(fuzz.findings[:MAX_REPORTED])
    more = len(fuzz.findings) - MAX_REPORTED
    return f"{len(fuzz.findings)} findings in {fuzz.requests} requests:\n{shown}" + (
        f"\n... and {more} more" if more > 0 else ""
    )


def _assert_clean(fuzz: Fuzz, kind: str) -> None:
    assert not fuzz.findings, _report(fuzz)
    fields = {f"{kind} {name}" for name in _fields(fuzz, kind)}
    assert fields, f"the schema has no {kind} fields"
    # The fuzz is only worth something if its requests get past coercion.
    assert fields <= fuzz.executed, f"never executed: {sorted(fields - fuzz.executed)}"


async def test_every_query_field(fuzz: Fuzz) -> None:
    fuzz.findings.clear()
    await _run_http(fuzz, "query")
    _assert_clean(fuzz, "query")


async def test_every_mutation_field(fuzz: Fuzz) -> None:
    fuzz.findings.clear()
    await _run_http(fuzz, "mutation")
    _assert_clean(fuzz, "mutation")


async def _ws_case(fuzz: Fuzz, ws: Any, case: Case, caller: Caller, op_id: str) -> bool:
    """One subscribe; False when the server closed the socket (a finding)."""
    payload = {"query": case.query, "variables": case.variables}
    await ws.send(json.dumps({"id": op_id, "type": "subscribe", "payload": payload}))
    fuzz.requests += 1
    binary = False
    try:
        async with asyncio.timeout(10):
            while True:
                frame = await ws.recv()
                if not isinstance(frame, str) and not binary:  # clients parse text only
                    binary = True
                    fuzz.judge(case, caller, "socket", f"a binary frame: {frame[:200]!r}")
                message = fuzz.check_body(case, caller, frame)
                if message is None or message.get("id") != op_id:
                    continue
                if message["type"] == "next":  # one event is enough; stop the stream
                    await ws.send(json.dumps({"id": op_id, "type": "complete"}))
                    return True
                if message["type"] in ("error", "complete"):
                    return True
    except websockets.ConnectionClosed as closed:
        fuzz.judge(case, caller, "socket", f"closed {closed.rcvd}")
        return False
    except TimeoutError:
        fuzz.judge(case, caller, "socket", "no answer within 10 s")
        pytest.fail(_report(fuzz))


async def _connect(fuzz: Fuzz, caller: Caller) -> Any:
    ws = await websockets.connect(fuzz.app.ws_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    params = {"Authorization": f"Bearer {caller.account.token}"} if caller.account else {}
    await ws.send(json.dumps({"type": "connection_init", "payload": params}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _generated_course(fuzz: Fuzz) -> str:
    """A course of the signed-in user with a finished generation, made after the mutation
    fuzz (which may have deleted the others), so courseGeneration reaches its stream."""
    account = fuzz.callers[1].account
    assert account is not None
    owner = Principal(account.user_id, "user")
    course = await fuzz.world.course(owner, documents=[await fuzz.world.document(owner)])
    await fuzz.world.task(account.user_id, status="completed", payload={"course_id": str(course)})
    return to_global_id("Course", course)


async def test_every_subscription_field(fuzz: Fuzz) -> None:
    fuzz.findings.clear()
    fuzz.known_ids["Course"] = [await _generated_course(fuzz)]
    for caller in fuzz.callers:
        ws = await _connect(fuzz, caller)
        try:
            for name in _fields(fuzz, "subscription"):
                for i, case in enumerate(_cases(fuzz, "subscription", name)):
                    if not await _ws_case(fuzz, ws, case, caller, f"{name}-{i}"):
                        ws = await _connect(fuzz, caller)
        finally:
            await ws.close()
    _assert_clean(fuzz, "subscription")
