"""Operations of compiled reads answered without strawberry's execution (schema/fast_reads.py,
gateway/fast_path.py) against the normal pipeline, byte for byte, over the view's HTTP.

The view is called as an ASGI app with what the guard middleware leaves in the request's
state (the caller, the operation it read), once with the fast path and once without
(strawberry's view, graphql-core's execution, the compiled reads as before). Status,
headers and body must be identical for every query of the compiled reads' corpus, every
caller, and the extra cases here: null answers, aliases, `__typename`, fragments,
variables, nested connections, errors and limits (which fall back).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import orjson
import pytest

from datasources.errors import UpstreamUnavailable
from datasources.stores import Stores
from gateway.security.authenticator import AnonymousOnly
from gateway.security.operation import classify
from gateway.security.view import SecureGraphQL
from resolvers.context import Limits, Principal
from resolvers.ids import to_global_id
from schema import fast_reads
from schema.fast_reads import FastReads
from schema.root import SchemaOptions, build_schema
from tests.factories import World
from tests.integration.test_compiled_reads import CORPUS, REQUEST_ID, build, used, variants

OPTIONS = SchemaOptions(max_cost=20_000, max_depth=10)
SCHEMA = build_schema(OPTIONS)
ISSUE = "title status author { username } documents { document { filename } }"

# (query, variables beyond the corpus', whether the fast path must answer it)
EXTRA: list[tuple[str, dict[str, Any], bool]] = [
    (f"query($c: ID!) {{ course(id: $c) {{ {ISSUE} }} }}", {}, True),
    ("query($missing: ID!) { course(id: $missing) { title } }", {}, True),
    ("query($nodoc: ID!) { document(id: $nodoc) { filename } }", {}, True),
    (
        "query($c: ID!) { c: course(id: $c) { t: title __typename a: author { u: username } } }",
        {},
        True,
    ),
    ("query Named($c: ID!) { __typename course(id: $c) { id } }", {}, True),
    (
        "query A($c: ID!) { course(id: $c) { title } } query B { courses(first: 1) { nodes"
        " { id } } }",
        {"operationName": "B"},
        True,
    ),
    (
        "{ courses(first: 2) { edges { node { title documents { document { filename"
        " courses { course { title author { username } } } } } } } } }",
        {},
        True,
    ),
    ("query($n: Int!) { documents(first: $n) { nodes { filename } } }", {"n": 2}, True),
    ('{ course(id: "Q291cnNlOjA") { title } }', {}, False),  # not a uuid: an error
    ("query($n: Int!) { courses(first: $n) { nodes { title } } }", {"n": "x"}, False),
    ("query($c: ID!) { course(id: $c) { title } }", {"c": None}, False),
    ("query($c: ID!) { course(id: $c) @skip(if: false) { title } }", {}, True),
    (
        "query($c: ID!, $yes: Boolean!) { course(id: $c) @include(if: $yes) { title } }",
        {},
        False,
    ),
    ("query($c: ID!) { course(id: $c) { title } me { id } }", {}, False),
    ("{ __schema { queryType { name } } }", {}, False),
    (
        "{ courses(first: 100) { nodes { documents { document { courses { course { title"
        " } } } } } } }",
        {},
        False,
    ),  # over the cost limit
    (
        "{ courses { nodes { documents { document { courses { course { documents { document"
        " { courses { course { documents { document { filename } } } } } } } } } } } } }",
        {},
        False,
    ),  # too deep
    ("{ courses { nodes { title } } ", {}, False),  # does not parse
    ("query($c: ID!) { course(id: $c) { title nope } }", {}, False),  # invalid
    ("mutation { __typename }", {}, False),
]


def view(stores: Stores, *, fast: bool) -> SecureGraphQL:
    graphql = SecureGraphQL(
        SCHEMA,
        stores=stores,
        limits=Limits(max_page_size=100, store_timeout_seconds=5.0),
        authenticator=AnonymousOnly(),
        accounts=None,
        allowed_origins=[],
    )
    if not fast:
        graphql.fast_reads = None
    return graphql


async def call(
    app: SecureGraphQL, principal: Principal | None, payload: dict[str, Any], accept: str = ""
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    body = orjson.dumps(payload)
    headers = [(b"content-type", b"application/json")]
    if accept:
        headers.append((b"accept", accept.encode()))
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
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        # What GuardMiddleware leaves for the view.
        "state": {
            "principal": principal,
            "operation": classify(payload, max_tokens=OPTIONS.max_tokens),
            "request_id": "r" * 32,
        },
    }
    sent = False

    async def receive() -> MutableMapping[str, Any]:
        nonlocal sent
        assert not sent, "the body was read twice"
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    messages: list[dict[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        messages.append(dict(message))

    await app(scope, receive, send)
    start = messages[0]
    headers_out = sorted(h for h in start["headers"] if h[0] != b"content-length")
    out = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], headers_out, REQUEST_ID.sub(b"<request>", out)


@contextmanager
def fast_answers() -> Iterator[list[bool]]:
    """Whether each request was answered by the fast path."""
    seen: list[bool] = []
    data = FastReads.data

    async def counted(self: FastReads, *args: Any) -> Any:
        out = await data(self, *args)
        seen.append(out is not None)
        return out

    FastReads.data = counted  # type: ignore[method-assign, assignment]
    try:
        yield seen
    finally:
        FastReads.data = data  # type: ignore[method-assign]


async def test_every_corpus_query_answers_the_same_through_the_fast_path(world: World) -> None:
    data = await build(world)
    fast, normal = view(world.stores, fast=True), view(world.stores, fast=False)
    compared = answered = 0
    for query, must_compile in CORPUS:
        for variables in variants(query, used(query, data.variables)):
            for name, principal in data.callers().items():
                payload = {"query": query, "variables": variables}
                expected = await call(normal, principal, payload)
                with fast_answers() as seen:
                    got = await call(fast, principal, payload)
                assert got == expected, (name, query, variables)
                compared += 1
                answered += any(seen)
                # A directive taking a variable is left to the normal path.
                if must_compile and name == "admin" and "(if: $" not in query:
                    assert seen == [True], query
    assert compared > 400 and answered > 200


@pytest.mark.parametrize("accept", ["", "application/graphql-response+json"])
async def test_extra_cases_answer_the_same(world: World, accept: str) -> None:
    data = await build(world)
    fast, normal = view(world.stores, fast=True), view(world.stores, fast=False)
    variables = {
        **data.variables,
        "missing": to_global_id("Course", uuid.uuid4()),
        "nodoc": to_global_id("Document", uuid.uuid4()),
    }
    for query, extra, must_answer in EXTRA:
        payload: dict[str, Any] = {
            "query": query,
            "variables": {**used(query, variables), **extra},
        }
        if "operationName" in extra:
            payload["operationName"] = extra["operationName"]
            del payload["variables"]["operationName"]
        for caller, principal in data.callers().items():
            expected = await call(normal, principal, payload, accept)
            with fast_answers() as seen:
                got = await call(fast, principal, payload, accept)
            assert got == expected, (caller, query)
            if caller == "admin":
                assert any(seen) is must_answer, query


async def test_a_resolver_error_falls_back_to_the_normal_answer(world: World) -> None:
    """A request the fast path starts but cannot finish (here: a bad id's error) is
    answered by the normal pipeline, with its error, and the body is read once."""
    data = await build(world)
    fast = view(world.stores, fast=True)
    payload = {"query": "query($c: ID!) { course(id: $c) { title } }", "variables": {"c": "bad"}}
    with fast_answers() as seen:
        status, _, body = await call(fast, data.admin, payload)
    assert seen == [False]
    assert status == 200
    assert orjson.loads(body)["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_limits_still_apply(world: World) -> None:
    """Depth, cost and token limits answer as before: such requests are not fast-pathed."""
    data = await build(world)
    fast = view(world.stores, fast=True)
    costly = next(q for q, _, _ in EXTRA if "first: 100" in q)
    deep = max((q for q, _, _ in EXTRA), key=lambda q: q.count("{"))
    huge = "{ courses { nodes { " + " ".join(["title"] * OPTIONS.max_tokens) + " } } }"
    for query, says in (
        (costly, "QUERY_TOO_COSTLY"),
        (deep, "exceeds maximum operation depth"),
        (huge, "Document contains more than"),
    ):
        with fast_answers() as seen:
            status, _, body = await call(fast, data.admin, {"query": query})
        assert not any(seen)
        assert status == 200 and says in body.decode(), body


async def test_a_selection_that_does_not_compile_is_declined_once(world: World) -> None:
    """A cross-store selection (Neo4j) is tried once; later requests of the same text go
    straight to strawberry, without running the root resolver twice."""
    data = await build(world)
    fast, normal = view(world.stores, fast=True), view(world.stores, fast=False)
    query = "query($c: ID!) { course(id: $c) { title concepts { concept { title } } } }"
    payload = {"query": query, "variables": used(query, data.variables)}
    expected = await call(normal, data.admin, payload)
    for tried in ([False], []):
        with fast_answers() as seen:
            assert await call(fast, data.admin, payload) == expected
        assert seen == tried


async def test_a_failing_store_sends_requests_the_normal_way_for_a_while(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A statement that fails on its store (here made to) is answered by the normal path;
    for STORE_TROUBLE_SECONDS later requests go there straight away instead of waiting
    out the store's deadline twice, then the fast path answers again."""
    data = await build(world)
    fast = view(world.stores, fast=True)
    query = "query($c: ID!) { course(id: $c) { title } }"
    payload = {"query": query, "variables": used(query, data.variables)}
    settled = fast_reads._settled
    statements: list[int] = []

    async def failing(pending: Any) -> dict[str, Any]:
        statements.append(1)
        fast_reads._discard(pending)
        raise UpstreamUnavailable("postgres", "paused")

    monkeypatch.setattr(fast_reads, "_settled", failing)
    monkeypatch.setattr(fast_reads, "STORE_TROUBLE_SECONDS", 3.0)
    expected = await call(view(world.stores, fast=False), data.admin, payload)
    with fast_answers() as seen:
        assert await call(fast, data.admin, payload) == expected
        assert await call(fast, data.admin, payload) == expected
    assert seen == [False, False] and statements == [1]  # the second one was not tried

    monkeypatch.setattr(fast_reads, "_settled", settled)
    await asyncio.sleep(3.1)  # the while is over
    with fast_answers() as seen:
        assert await call(fast, data.admin, payload) == expected
    assert seen == [True]
