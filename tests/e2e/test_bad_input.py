"""Text that is not Unicode is refused once, at the edge, before any resolver runs:
HTTP POST (JSON escapes and raw bytes), GET, and WebSocket `subscribe` payloads.

These are the fuzz findings of issue 10: a lone surrogate (`"\\ud800"`) in a string
variable reached asyncpg (whose error, with the SQL, came back to the caller), the
date parser (whose message the encoder then failed on: a plain-text 500), Neo4j and
the embedder. Also here: `login` shows the user who signed in their own private fields.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import websockets
from sqlalchemy import text

from tests.e2e.conftest import EdgeApp, edge_account
from tests.e2e.test_authz_harness import PASSWORD

pytestmark = pytest.mark.e2e

SURROGATE = "\ud800"
# The fields the fuzz run found, each with the lone surrogate in variable $v.
FINDINGS = {
    "courses.filter.text": "query($v: String) { courses(filter: {text: $v}) { edges { cursor } } }",
    "documents.filter.language": (
        "query($v: String) { documents(filter: {language: $v}) { edges { cursor } } }"
    ),
    "createCourse.input.title": (
        "mutation($v: String) { createCourse(input: {title: $v}) { __typename } }"
    ),
    "login.emailOrUsername": (
        'mutation($v: String!) { login(emailOrUsername: $v, password: "x") { __typename } }'
    ),
    "documentProcessingStats.from": (
        "query($v: Date) { documentProcessingStats(from: $v) { __typename } }"
    ),
    "documentProcessingStats.to": (
        "query($v: Date) { documentProcessingStats(to: $v) { __typename } }"
    ),
    "concepts.search": "query($v: String) { concepts(search: $v) { edges { cursor } } }",
    "semanticSearch.query": "query($v: String!) { semanticSearch(query: $v) { __typename } }",
}
# A harmless query that reads a string variable.
TYPE_QUERY = "query($v: String!) { __type(name: $v) { name } }"


async def course_count(app: EdgeApp) -> int:
    async with app.stores.engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM courses"))).scalar_one())


def assert_refused(response: httpx.Response, field: str) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body == {
        "errors": [
            {
                "message": f"`{field}` is not valid Unicode text (a lone surrogate or bad UTF-8)",
                "extensions": {"code": "BAD_USER_INPUT", "field": field},
            }
        ]
    }


@pytest.mark.parametrize("query", FINDINGS.values(), ids=FINDINGS.keys())
async def test_the_fuzz_findings_are_refused_before_any_resolver(
    edge_app: EdgeApp, query: str
) -> None:
    token = (await edge_account(edge_app, admin=True)).token
    before = await course_count(edge_app)
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        # json.dumps escapes the surrogate: the body carries the six bytes `\ud800`.
        body = json.dumps({"query": query, "variables": {"v": SURROGATE}})
        assert "\\ud800" in body
        response = await http.post(
            "/graphql",
            content=body,
            headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
        )
    assert_refused(response, "variables.v")
    assert await course_count(edge_app) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"query": "{ me { id } }", "variables": {"v": "\xed\xa0\x80"}}', "variables.v"),
        (b'{"query": "{ me { id } }", "variables": {"v": "caf\xe9"}}', "variables.v"),
        (b'{"query": "{ concepts(search: \\"\\ud800\\") { edges { cursor } } }"}', "query"),
        (b'{"query": "{ me { id } }", "operationName": "\\udfff"}', "operationName"),
        (b'{"query": "{ me { id } }", "variables": {"\\ud800": 1}}', "variables.\\ud800"),
        (b'{"query": "{ me { id } }", "extensions": {"e": ["\\udc00"]}}', "extensions.e[0]"),
    ],
    ids=["utf8-surrogate", "latin1-byte", "in-query", "operation-name", "key", "extensions"],
)
async def test_every_place_in_a_post_body_is_checked(
    edge_app: EdgeApp, body: bytes, field: str
) -> None:
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
    assert_refused(response, field)


async def test_a_graphql_escape_of_a_surrogate_is_a_syntax_error(edge_app: EdgeApp) -> None:
    """`"\\ud800"` written in GraphQL (not JSON) is refused by the parser, with its place."""
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.post(
            "/graphql", json={"query": '{ concepts(search: "\\ud800") { edges { cursor } } }'}
        )
    body = response.json()
    assert "Invalid Unicode escape sequence" in body["errors"][0]["message"]
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 21}]


@pytest.mark.parametrize(
    ("query_string", "field"),
    [
        ("query=" + quote("query($v: String) { concepts(search: $v) { edges { cursor } } }")
         + "&variables=" + quote('{"v": "\\ud800"}'), "variables.v"),
        ("query=" + quote('{ concepts(search: "') + "%ED%A0%80" + quote('") { __typename } }'),
         "query"),
        ("query=%7B__typename%7D&operationName=%FF", "operationName"),
    ],
    ids=["variables", "query", "operation-name"],
)  # fmt: skip
async def test_get_query_strings_are_checked(
    edge_app: EdgeApp, query_string: str, field: str
) -> None:
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.get(f"/graphql?{query_string}")
    assert_refused(response, field)


async def test_what_is_not_json_to_the_rate_limiter_is_not_json_to_the_view(
    edge_app: EdgeApp,
) -> None:
    """A login with NaN beside it: the guard could not read it (so charged no login
    attempt) while the view's json.loads did, and signed in. One decoder now: refused."""
    name = (await edge_account(edge_app)).username
    query = (
        "mutation($l: String!, $p: String!) { login(emailOrUsername: $l, password: $p) {"
        " __typename } }"
    )
    valid = {"query": query, "variables": {"l": name, "p": PASSWORD}, "extensions": {"x": 0}}
    body = json.dumps(valid).replace('{"x": 0}', '{"x": NaN}')  # Python's json reads it
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_valid_request_beside_them_still_works(edge_app: EdgeApp) -> None:
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        ok = await http.post("/graphql", json={"query": TYPE_QUERY, "variables": {"v": "😀"}})
        pair = await http.post(
            "/graphql",
            content=b'{"query": "query($v: String!) { __type(name: $v) { name } }",'
            b' "variables": {"v": "\\ud83d\\ude00"}}',
            headers={"content-type": "application/json"},
        )
    assert ok.json() == {"data": {"__type": None}}
    assert pair.json() == {"data": {"__type": None}}


async def ws_session(app: EdgeApp, token: str) -> Any:
    ws = await websockets.connect(app.ws_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init", "payload": {"token": token}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def test_a_subscribe_with_bad_text_gets_an_error_and_the_socket_stays(
    edge_app: EdgeApp,
) -> None:
    ws = await ws_session(edge_app, (await edge_account(edge_app)).token)
    try:
        await ws.send(
            json.dumps(
                {
                    "id": "bad",
                    "type": "subscribe",
                    "payload": {
                        "query": FINDINGS["concepts.search"],
                        "variables": {"v": SURROGATE},
                    },
                }
            )
        )
        frame = await ws.recv()
        assert isinstance(frame, str)  # a text frame
        assert json.loads(frame) == {
            "id": "bad",
            "type": "error",
            "payload": [
                {
                    "message": "`payload.variables.v` is not valid Unicode text"
                    " (a lone surrogate or bad UTF-8)",
                    "extensions": {"code": "BAD_USER_INPUT", "field": "payload.variables.v"},
                }
            ],
        }
        await ws.send(
            json.dumps(
                {"id": "ok", "type": "subscribe", "payload": {"query": "{ me { username } }"}}
            )
        )
        answer = json.loads(await ws.recv())
        assert answer["id"] == "ok" and answer["type"] == "next"
    finally:
        await ws.close()


@pytest.mark.parametrize(
    "message",
    [
        '{"type": "connection_init", "payload": {"token": "\\ud800"}}',
        '{"id": "\\ud800", "type": "subscribe", "payload": {"query": "{ me { id } }"}}',
    ],
    ids=["connection-init", "subscribe-id"],
)
async def test_other_messages_with_bad_text_close_the_socket_with_4400(
    edge_app: EdgeApp, message: str
) -> None:
    async with websockets.connect(edge_app.ws_url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        if "subscribe" in message:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(message)
        with pytest.raises(websockets.ConnectionClosed):
            await ws.recv()
    assert ws.close_code == 4400
    assert ws.close_reason is not None and "not valid Unicode" in ws.close_reason


async def test_login_shows_the_user_their_own_private_fields(edge_app: EdgeApp) -> None:
    name = (await edge_account(edge_app)).username
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.post(
            "/graphql",
            json={
                "query": "mutation($l: String!, $p: String!) { login(emailOrUsername: $l,"
                " password: $p) { ... on AuthPayload { user { username email role isActive } } } }",
                "variables": {"l": name, "p": PASSWORD},
            },
        )
        user = response.json()["data"]["login"]["user"]
        assert user == {
            "username": name,
            "email": f"{name}@example.org",
            "role": "user",
            "isActive": True,
        }
        # The rest of the request is still anonymous: a sign-in elevates nothing else.
        other = (await edge_account(edge_app)).username
        mixed = await http.post(
            "/graphql",
            json={
                "query": "mutation($l: String!, $p: String!) { login(emailOrUsername: $l,"
                ' password: $p) { __typename } createApiKey(name: "k",'
                ' permissions: ["courses:read"]) { __typename } }',
                "variables": {"l": other, "p": PASSWORD},
            },
        )
    body = mixed.json()
    assert body["errors"][0]["path"] == ["createApiKey"]
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
