"""Persisted queries and GET (docs/persisted-queries.md): Apollo's APQ protocol with the
real Apollo Client in Node, every bad input of the protocol, GET for queries only, the
HTTP cache headers, and the allow-list mode with its manifest and command."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from datasources.redis.persisted import persisted_query_key
from datasources.settings import Settings
from gateway.persisted_command import CommandError, register
from gateway.security.persisted import ManifestError, load_manifest
from tests.e2e.conftest import EdgeApp, edge_account
from tests.e2e.js_client import run_apollo
from tests.e2e.test_authz_harness import (
    Account,
    Served,
    direct_account,
    fast_settings,
    isolated,
    serve,
)

pytestmark = pytest.mark.e2e

ME = "query Me { me { username } }"
COURSES = "query Courses($n: Int!) { courses(first: $n) { nodes { title } } }"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def persisted(query: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(query)}}


def http_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["event"] == "http"]


def result(events: list[dict[str, Any]], label: str) -> dict[str, Any]:
    found = [e for e in events if e.get("label") == label and e["event"] in ("result", "failed")]
    assert len(found) == 1, events
    return found[0]


# -- Apollo Client in Node ---------------------------------------------------------------


async def test_apollo_registers_a_query_then_sends_only_its_hash(edge_app: EdgeApp) -> None:
    user = await edge_account(edge_app)
    # A query text no earlier run registered: the first client must register it.
    query = f"query Me{uuid.uuid4().hex[:8]} {{ me {{ username }} }}"
    plan = {
        "useGET": False,
        "headers": {"authorization": f"Bearer {user.token}"},
        "operations": [{"label": "me", "query": query}],
    }
    events = await run_apollo(edge_app.url + "/graphql", plan)
    first, second = http_events(events)
    sent = second["query"]  # as Apollo printed it
    assert sent.startswith(query.split("{")[0]) and "username" in sent
    assert (first["hash"], first["hasQuery"]) == (sha(sent), False)
    assert first["body"]["errors"][0]["message"] == "PersistedQueryNotFound"
    assert first["body"]["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert (second["hash"], second["status"]) == (sha(sent), 200)
    assert result(events, "me")["data"]["me"]["username"] == user.username
    stored = await edge_app.stores.redis.client.get(persisted_query_key(sha(sent)))
    assert stored == sent.encode()

    # A new client (a fresh page load): the hash alone now runs, here over GET.
    events = await run_apollo(edge_app.url + "/graphql", {**plan, "useGET": True})
    (only,) = http_events(events)
    assert (only["method"], only["hasQuery"], only["status"]) == ("GET", False, 200)
    assert only["cacheControl"] == "private, no-store"  # a signed-in caller's answer
    assert result(events, "me")["data"]["me"]["username"] == user.username


async def test_apollo_sends_queries_by_get_and_mutations_by_post(edge_app: EdgeApp) -> None:
    user = await edge_account(edge_app)
    title = f"APQ course {uuid.uuid4().hex[:6]}"
    plan = {
        "useGET": True,
        "headers": {"authorization": f"Bearer {user.token}"},
        "operations": [
            {
                "label": "create",
                "mutation": True,
                "query": "mutation Make($t: String) { createCourse(input: {title: $t}) {"
                " __typename ... on Course { title } } }",
                "variables": {"t": title},
            },
            {"label": "list", "query": COURSES, "variables": {"n": 100}},
        ],
    }
    events = await run_apollo(edge_app.url + "/graphql", plan)
    methods = {e["method"] for e in http_events(events) if "createCourse" not in str(e)}
    made = result(events, "create")["data"]["createCourse"]
    assert made == {"__typename": "Course", "title": title}
    assert [e["method"] for e in http_events(events)][:2] == ["POST", "POST"]
    assert "GET" in methods
    titles = [c["title"] for c in result(events, "list")["data"]["courses"]["nodes"]]
    assert title in titles


# -- the protocol by hand: bad input, GET, caching ------------------------------------


@pytest.fixture(scope="module")
async def served(stack_settings: Settings) -> AsyncIterator[Served]:
    async with isolated(stack_settings) as base, serve(fast_settings(base)) as served:
        yield served


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
async def account(served: Served) -> Account:
    return await direct_account(served)


async def test_an_unknown_hash_is_not_found_and_a_wrong_hash_is_refused(
    http: httpx.AsyncClient,
) -> None:
    query = f"{{ __typename }} # {uuid.uuid4()}"
    missing = await http.post("/graphql", json={"extensions": persisted(query)})
    assert missing.status_code == 200
    assert missing.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert missing.headers["cache-control"] == "no-store"

    wrong = {"persistedQuery": {"version": 1, "sha256Hash": sha("{ me { id } }")}}
    refused = await http.post("/graphql", json={"query": query, "extensions": wrong})
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    assert "not the SHA-256 of the query" in error["message"]
    still = await http.post("/graphql", json={"extensions": wrong})
    assert still.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"

    registered = await http.post("/graphql", json={"query": query, "extensions": persisted(query)})
    assert registered.json() == {"data": {"__typename": "Query"}}
    by_hash = await http.post("/graphql", json={"extensions": persisted(query)})
    assert by_hash.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    ("extension", "says"),
    [
        ("not an object", "must be an object"),
        ({"version": 2, "sha256Hash": "a" * 64}, "version must be 1"),
        ({"sha256Hash": "a" * 64}, "version must be 1"),
        ({"version": 1}, "64 lower-case hexadecimal digits"),
        ({"version": 1, "sha256Hash": "A" * 64}, "64 lower-case hexadecimal digits"),
        ({"version": 1, "sha256Hash": "a" * 63}, "64 lower-case hexadecimal digits"),
        ({"version": 1, "sha256Hash": 12}, "64 lower-case hexadecimal digits"),
        ({"version": 1, "sha256Hash": "' OR 1=1 --" + "a" * 53}, "hexadecimal digits"),
    ],
)
async def test_malformed_persisted_query_extensions_are_refused_clearly(
    http: httpx.AsyncClient, extension: Any, says: str
) -> None:
    answer = await http.post("/graphql", json={"extensions": {"persistedQuery": extension}})
    assert answer.status_code == 400
    error = answer.json()["errors"][0]
    assert says in error["message"]
    assert error["extensions"]["code"] == "BAD_REQUEST"


async def test_a_query_that_is_not_text_is_refused(http: httpx.AsyncClient) -> None:
    body = {"query": ["{ __typename }"], "extensions": persisted("{ __typename }")}
    answer = await http.post("/graphql", json=body)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["message"] == "`query` must be a string"


async def test_get_runs_queries_and_refuses_mutations(
    http: httpx.AsyncClient, account: Account
) -> None:
    auth = {"authorization": f"Bearer {account.token}"}
    query = "query($n: Int!) { courses(first: $n) { nodes { id } } }"
    params = {"query": query, "variables": json.dumps({"n": 3})}
    ok = await http.get("/graphql", params=params, headers=auth)
    assert ok.status_code == 200 and ok.json()["data"]["courses"]["nodes"] == []
    assert ok.headers["cache-control"] == "private, no-store"

    mutation = 'mutation { createCourse(input: {title: "by GET"}) { __typename } }'
    refused = await http.get("/graphql", params={"query": mutation}, headers=auth)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "POST"
    assert refused.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    everything = {"query": "{ courses(first: 100) { nodes { title } } }"}
    mine = await http.post("/graphql", json=everything, headers=auth)
    assert "by GET" not in json.dumps(mine.json())

    # A registered mutation is refused by its hash over GET as well.
    await http.post("/graphql", json={"query": mutation, "extensions": persisted(mutation)},
                    headers=auth)  # fmt: skip
    by_hash = await http.get(
        "/graphql", params={"extensions": json.dumps(persisted(mutation))}, headers=auth
    )
    assert by_hash.status_code == 405


async def test_anonymous_get_answers_may_be_cached_and_errors_never(
    served: Served, http: httpx.AsyncClient
) -> None:
    max_age = served.app.state.settings.persisted.get_max_age_seconds
    typename = await http.get("/graphql", params={"query": "{ __typename }"})
    assert typename.json() == {"data": {"__typename": "Query"}}
    assert typename.headers["cache-control"] == f"public, max-age={max_age}"
    assert "Authorization" in typename.headers["vary"]
    # Through the executor (an alias is not the `{ __typename }` shortcut):
    aliased = await http.get("/graphql", params={"query": "{ a: __typename }"})
    assert aliased.json() == {"data": {"a": "Query"}}
    assert aliased.headers["cache-control"] == f"public, max-age={max_age}"
    failed = await http.get("/graphql", params={"query": "{ noSuchField }"})
    assert failed.json()["errors"]
    assert failed.headers["cache-control"] == "private, no-store"


# -- allow-list mode -----------------------------------------------------------------------


async def test_the_allow_list_runs_registered_operations_only(
    stack_settings: Settings, tmp_path: Path
) -> None:
    registered = tmp_path / "me.graphql"
    registered.write_text(ME, encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    assert "1 operation(s) added" in register(manifest, [registered])
    assert "0 operation(s) added" in register(manifest, [registered])  # idempotent
    assert load_manifest(manifest) == {sha(ME): ME}

    async with isolated(stack_settings) as base:
        settings = fast_settings(base)
        persisted_settings = settings.persisted.model_copy(
            update={"mode": "allowlist", "manifest": manifest}
        )
        settings = settings.model_copy(update={"persisted": persisted_settings})
        async with serve(settings) as served:
            user = await direct_account(served)
            auth = {"authorization": f"Bearer {user.token}"}
            async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
                by_hash = await http.post("/graphql", json={"extensions": persisted(ME)},
                                          headers=auth)  # fmt: skip
                assert by_hash.json() == {"data": {"me": {"username": user.username}}}
                full = await http.post("/graphql", json={"query": ME}, headers=auth)
                assert full.json() == by_hash.json()
                for body in (
                    {"query": "{ me { id } }"},
                    {"query": "{ me { id } }", "extensions": persisted("{ me { id } }")},
                    {"extensions": persisted("{ me { id } }")},
                ):
                    refused = await http.post("/graphql", json=body, headers=auth)
                    assert refused.status_code == 400, body
                    code = refused.json()["errors"][0]["extensions"]["code"]
                    assert code == "PERSISTED_QUERY_NOT_IN_LIST"
                by_get = await http.get("/graphql", params={"query": "{ __typename }"})
                assert by_get.status_code == 400


def test_register_refuses_documents_that_do_not_validate(tmp_path: Path) -> None:
    bad = tmp_path / "bad.graphql"
    bad.write_text("{ me { noSuchField } }", encoding="utf-8")
    with pytest.raises(CommandError, match="noSuchField"):
        register(tmp_path / "m.json", [bad])
    broken = tmp_path / "broken.graphql"
    broken.write_text("{ me { ", encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken\.graphql"):
        register(tmp_path / "m.json", [broken])
    assert not (tmp_path / "m.json").exists()  # nothing written


def test_a_tampered_manifest_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    entry = {"id": sha(ME), "body": ME.replace("username", "email")}
    document = {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [entry]}
    manifest.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"not the SHA-256 of its body"):
        load_manifest(manifest)
    manifest.write_text("{", encoding="utf-8")
    with pytest.raises(ManifestError, match="not JSON"):
        load_manifest(manifest)
    with pytest.raises(ManifestError, match="no such file"):
        load_manifest(tmp_path / "missing.json")


# -- the `{ __typename }` shortcut answers as the executor does ----------------------------


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
async def test_the_typename_shortcut_answers_like_the_executor(
    http: httpx.AsyncClient, account: Account, accept: str
) -> None:
    for headers in ({}, {"authorization": f"Bearer {account.token}"}):
        headers = {**headers, "accept": accept}
        short = await http.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
        full = await http.post(
            "/graphql", json={"query": "{ __typename a: __typename }"}, headers=headers
        )
        assert short.status_code == full.status_code == 200
        assert short.json() == {"data": {"__typename": "Query"}}
        assert full.json() == {"data": {"__typename": "Query", "a": "Query"}}
        assert short.headers["content-type"] == full.headers["content-type"]
        assert "cache-control" not in short.headers  # POST answers are not for caches
