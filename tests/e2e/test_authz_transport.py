"""Transport safety and hostile input over HTTP: CORS allow-list, body size limit,
security headers, and injection / unicode payloads in every text argument."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from datasources.settings import Settings
from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.e2e.test_authz_harness import (
    Account,
    Client,
    Served,
    create_key,
    direct_account,
    fast_settings,
    isolated,
    serve,
)
from tests.factories import World

pytestmark = pytest.mark.e2e

ALLOWED = "https://app.example.org"
BODY_LIMIT = 64 * 1024


@dataclass
class Scene:
    served: Served
    world: World
    user: Account
    course: uuid.UUID  # a sentinel nothing may touch
    concept: uuid.UUID  # another one, in the graph
    scratch: uuid.UUID  # a course the tests may legitimately edit


@pytest.fixture(scope="module")
async def scene(stack_settings: Settings) -> AsyncIterator[Scene]:
    async with isolated(stack_settings) as base:
        settings = fast_settings(base, limits={"max_body_bytes": BODY_LIMIT})
        settings = settings.model_copy(update={"cors_origins": [ALLOWED]})
        async with serve(settings) as served:
            world = World(served.app.state.stores)
            user = await direct_account(served)
            world.users.append(user.user_id)
            course = await world.course(Principal(user.user_id, "user"), title="Sentinel course")
            concept = await world.concept(f"Sentinel concept {uuid.uuid4().hex[:8]}")
            scratch = await world.course(Principal(user.user_id, "user"), title="Scratch")
            try:
                yield Scene(served, world, user, course, concept, scratch)
            finally:
                await world.cleanup()


@pytest.fixture
async def http(scene: Scene) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=scene.served.url, timeout=30) as client:
        yield client


# -- CORS, body size, headers -------------------------------------------------------


async def test_cors_allows_only_the_configured_origins(http: httpx.AsyncClient) -> None:
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
    }
    ok = await http.options("/graphql", headers={"origin": ALLOWED, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    evil = await http.options("/graphql", headers={"origin": "https://evil.example", **preflight})
    assert evil.status_code == 400
    assert "access-control-allow-origin" not in evil.headers
    simple = await http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in simple.headers


async def test_every_answer_varies_on_origin_once(http: httpx.AsyncClient) -> None:
    """Without Origin (servers, curl) starlette's CORS is skipped, but the answer still
    says it varies on Origin, so a shared cache keeps browsers' answers apart."""
    typename = "/graphql?query=%7B__typename%7D"
    for headers in ({}, {"origin": ALLOWED}, {"origin": "https://evil.example"}):
        for answer in (
            await http.post("/graphql", json={"query": "{ __typename }"}, headers=headers),
            await http.get(typename, headers=headers),  # its own Vary, merged into one
            await http.get("/healthz", headers=headers),
        ):
            varies = [
                v.strip().lower() for v in ", ".join(answer.headers.get_list("vary")).split(",")
            ]
            assert varies.count("origin") == 1, (headers, answer.url, varies)
            assert len(answer.headers.get_list("vary")) == 1
            allowed = answer.headers.get("access-control-allow-origin")
            assert allowed == (ALLOWED if headers.get("origin") == ALLOWED else None)
    cached = await http.get(typename)
    assert "accept" in cached.headers["vary"].lower()  # the GET cache's own Vary is kept


async def test_refusals_carry_cors_headers_so_browsers_can_read_them(
    http: httpx.AsyncClient,
) -> None:
    refused = await http.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={"origin": ALLOWED, "authorization": "Bearer " + "Z" * 43},
    )
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == ALLOWED


async def test_bodies_over_the_limit_get_413(http: httpx.AsyncClient) -> None:
    big = {"query": "{ __typename }", "variables": {"pad": "x" * BODY_LIMIT}}
    declared = await http.post("/graphql", json=big)
    assert declared.status_code == 413
    assert declared.json() == {
        "errors": [
            {
                "message": f"request body exceeds {BODY_LIMIT} bytes",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"query": "{ __typename }", "variables": {"pad": "'
        for _ in range(BODY_LIMIT // 1024 + 1):
            yield b"y" * 1024
        yield b'"}}'

    streamed = await http.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    just_under = await http.post("/graphql", json={"query": "{ __typename }", "variables": {}})
    assert just_under.status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/healthz", {}),
        ("POST", "/graphql", {"json": {"query": "{ __typename }"}}),
        ("POST", "/graphql", {"json": {"query": "{ me { id } }"}, "headers": {"x-api-key": "no"}}),
        ("GET", "/static/graphiql/graphiql-app.css", {}),
        ("GET", "/nope", {}),
    ],
)
async def test_every_response_carries_the_security_headers(
    http: httpx.AsyncClient, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    response = await http.request(method, path, **kwargs)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


async def test_graphiql_keeps_its_own_content_security_policy(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphiql")
    policies = page.headers.get_list("content-security-policy")
    assert len(policies) == 1 and "script-src 'self'" in policies[0]


# -- hostile text in every text argument ----------------------------------------------

SQL = "'); DROP TABLE users; -- \" OR 1=1 --"
CYPHER = "x'}) MATCH (n) DETACH DELETE n WITH 1 AS x MATCH (m {id: 'y"
LUCENE = 'title:(*) AND "unbalanced OR ~~ ^ [ {'
HOSTILE = [SQL, CYPHER, LUCENE]
UNSTORABLE = ["nul\x00byte", "rtl \u202eevil", "x" * 30_000]


@dataclass(frozen=True)
class Arg:
    name: str
    query: str  # $v is the hostile value
    stores: bool = False  # a valid value is kept as given (checked by reading it back)


ARGS = [
    Arg("createCourse.title", 'mutation($v: String!) { createCourse(input: {title: $v}) '
        "{ __typename ... on Course { id title } ... on InvalidInput { field } } }", stores=True),
    Arg("createCourse.description", 'mutation($v: String!) { createCourse(input: '
        '{title: "t", description: $v}) { __typename ... on Course { id description } '
        "... on InvalidInput { field } } }", stores=True),
    Arg("updateCourse.targetAudience", "mutation($v: String!, $c: ID!) { updateCourse(id: $c, "
        "input: {targetAudience: $v}) { __typename ... on InvalidInput { field } } }"),
    Arg("updateCourse.language", "mutation($v: String!, $c: ID!) { updateCourse(id: $c, "
        "input: {language: $v}) { __typename ... on InvalidInput { field } } }"),
    Arg("addLearningObjective.description", "mutation($v: String!, $c: ID!) { "
        "addLearningObjective(courseId: $c, description: $v, bloomLevel: APPLY) "
        "{ __typename ... on InvalidInput { field } } }"),
    Arg("createConcept.title", 'mutation($v: String!) { createConcept(input: {title: $v}) '
        "{ __typename ... on Concept { id title } } }", stores=True),
    Arg("createConcept.category", 'mutation($v: String!) { createConcept(input: '
        '{title: "Cat test", category: $v}) { __typename ... on Concept { id } } }'),
    Arg("createConcept.tags", 'mutation($v: String!) { createConcept(input: '
        '{title: "Tag test", tags: [$v]}) { __typename ... on Concept { id } } }'),
    Arg("addRelation.type", "mutation($v: String!, $x: ID!) { addRelation(conceptId: $x, "
        "relatedId: $x, type: $v) { __typename } }"),
    Arg("courses.filter.text", "query($v: String!) { courses(filter: {text: $v}) "
        "{ edges { cursor } } }"),
    Arg("documents.filter.language", "query($v: String!) { documents(filter: {language: $v}) "
        "{ edges { cursor } } }"),
    Arg("concepts.search", "query($v: String!) { concepts(search: $v) { edges { cursor } } }"),
    Arg("concepts.category", "query($v: String!) { concepts(category: $v) "
        "{ edges { cursor } } }"),
    Arg("semanticSearch.query", "query($v: String!) { semanticSearch(query: $v) "
        "{ __typename } }"),
    Arg("login", 'mutation($v: String!) { login(emailOrUsername: $v, password: $v) '
        "{ __typename } }"),
    Arg("createApiKey.name", 'mutation($v: String!) { createApiKey(name: $v, '
        'permissions: ["courses:read"]) { __typename ... on InvalidInput { field } } }'),
    Arg("createApiKey.permissions", 'mutation($v: String!) { createApiKey(name: "k", '
        "permissions: [$v]) { __typename ... on InvalidInput { field } } }"),
]  # fmt: skip


async def fingerprint(scene: Scene) -> dict[str, Any]:
    """Row counts, the sentinels, and the graph around them."""
    stores = scene.served.app.state.stores
    async with stores.engine.connect() as conn:
        counts = {
            table: (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()  # noqa: S608
            for table in ("users", "documents", "course_documents", "generation_tasks", "exports")
        }
        sentinel = (
            await conn.execute(
                text("SELECT title, updated_at FROM courses WHERE id = :id"), {"id": scene.course}
            )
        ).one()
    graph, _, _ = await stores.graph.driver.execute_query(
        "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, n.title AS title ORDER BY id",
        ids=[str(scene.course), str(scene.concept)],
    )
    return {"counts": counts, "sentinel": tuple(sentinel), "graph": [dict(r) for r in graph]}


def _codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


@pytest.mark.parametrize(
    "value", HOSTILE + UNSTORABLE, ids=["sql", "cypher", "lucene", "nul", "rtl", "huge"]
)
@pytest.mark.parametrize("arg", ARGS, ids=[a.name for a in ARGS])
async def test_hostile_text_is_refused_clearly_or_kept_verbatim(
    scene: Scene, http: httpx.AsyncClient, arg: Arg, value: str
) -> None:
    client = Client(http, token=scene.user.token)
    before = await fingerprint(scene)
    variables: dict[str, Any] = {"v": value}
    if "$c" in arg.query:
        variables["c"] = to_global_id("Course", scene.scratch)
    if "$x" in arg.query:
        variables["x"] = to_global_id("Concept", scene.concept)
    body = await client.gql(arg.query, **variables)
    assert "INTERNAL_SERVER_ERROR" not in _codes(body), body
    assert "UPSTREAM_UNAVAILABLE" not in _codes(body), body
    result = next(iter((body.get("data") or {}).values()), None)
    kind = result.get("__typename") if isinstance(result, dict) else None
    accepted = kind in ("Course", "Concept", "LearningObjective", "CreatedApiKey")
    if value in UNSTORABLE and arg.query.startswith("mutation"):
        # Never stored; refused with a typed error or BAD_USER_INPUT naming the problem.
        assert not accepted, f"{arg.name} accepted {value[:20]!r}: {body}"
        assert kind in ("InvalidInput", "InvalidCredentials") or _codes(body) == [
            "BAD_USER_INPUT"
        ], body
    if accepted and arg.stores:
        assert result.get("title", result.get("description")) == value
    if accepted and kind in ("Course", "Concept") and arg.name.startswith("create"):
        await _forget(client, result)
    after = await fingerprint(scene)
    assert after == before, f"{arg.name} with {value[:20]!r} changed more than it should"


def _login_refused(result: Any) -> bool:
    return isinstance(result, dict) and result.get("__typename") == "InvalidCredentials"


async def _forget(client: Client, result: dict[str, Any]) -> None:
    """Delete what a hostile-but-valid value legitimately created, so counts compare."""
    kind = result["__typename"]
    mutation = f"mutation($id: ID!) {{ delete{kind}(id: $id) {{ __typename }} }}"
    deleted = await client.gql(mutation, id=result["id"])
    assert deleted["data"][f"delete{kind}"]["__typename"] == "Deleted", deleted


# -- how soon account changes apply (docs/security.md) ------------------------------


async def test_a_revoked_key_is_refused_on_its_next_request(
    scene: Scene, http: httpx.AsyncClient
) -> None:
    owner = await direct_account(scene.served)
    scene.world.users.append(owner.user_id)
    key, key_id = await create_key(Client(http, token=owner.token), ["courses:read"])
    as_key = Client(http, key=key)
    for _ in range(2):  # the second request answers from the gateway's copy of the state
        assert (await as_key.gql("{ __typename }"))["data"] == {"__typename": "Query"}
    revoke = "mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }"
    done = await Client(http, token=owner.token).gql(revoke, id=key_id)
    assert done["data"]["revokeApiKey"]["__typename"] == "ApiKey"
    refused = await as_key.post("{ __typename }")
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["message"] == "API key revoked"


async def test_a_deactivation_made_in_sql_applies_within_the_state_cache_time(
    scene: Scene, http: httpx.AsyncClient
) -> None:
    account = await direct_account(scene.served)
    scene.world.users.append(account.user_id)
    me = Client(http, token=account.token)
    assert (await me.gql("{ me { id } }"))["data"]["me"]["id"] == account.global_id
    async with scene.served.app.state.stores.engine.begin() as conn:
        await conn.execute(
            text("UPDATE users SET is_active = false WHERE id = :id"), {"id": account.user_id}
        )
    bound = scene.served.app.state.settings.auth.state_cache_seconds
    started = time.monotonic()
    while (answer := await me.post("{ me { id } }")).status_code == 200:
        assert time.monotonic() - started < bound + 1.0, "still signed in past the bound"
        await asyncio.sleep(0.1)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["message"] == "account disabled"
