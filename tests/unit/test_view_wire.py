"""The GraphQL view on its own (no guard in front): every answer is JSON, and a body
the guard does not read (GraphQL multipart, once uploads are enabled) is refused with
BAD_USER_INPUT naming where its text is not Unicode, before anything runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.graphql_view import GatewayGraphQL
from gateway.security.authenticator import AnonymousOnly
from resolvers.context import Limits
from schema.root import build_schema

SCHEMA = build_schema()


@pytest.fixture
async def view_client() -> AsyncIterator[httpx.AsyncClient]:
    view = GatewayGraphQL(
        SCHEMA,
        stores=None,  # type: ignore[arg-type]  # nothing here reaches a store
        limits=Limits(max_page_size=100, store_timeout_seconds=5.0),
        authenticator=AnonymousOnly(),
        allowed_origins=[],
    )
    view.multipart_uploads_enabled = True
    transport = httpx.ASGITransport(app=view)
    async with httpx.AsyncClient(transport=transport, base_url="http://view") as client:
        yield client


def _multipart(operations: str) -> dict[str, Any]:
    return {
        "data": {"operations": operations, "map": '{"0": ["variables.file"]}'},
        "files": {"0": ("notes.txt", b"hello", "text/plain")},
    }


async def test_multipart_operations_with_bad_text_are_refused(
    view_client: httpx.AsyncClient,
) -> None:
    operations = '{"query": "query($v: String) { __typename }", "variables": {"v": "\\ud800"}}'
    response = await view_client.post("/", **_multipart(operations))
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "`variables.v` is not valid Unicode text"
                " (a lone surrogate or bad UTF-8)",
                "extensions": {"code": "BAD_USER_INPUT", "field": "variables.v"},
            }
        ]
    }


async def test_a_clean_multipart_request_runs(view_client: httpx.AsyncClient) -> None:
    operations = '{"query": "{ __typename }", "variables": {"file": null}}'
    response = await view_client.post("/", **_multipart(operations))
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400,
         "BAD_REQUEST"),
        ({"content": b"NaN", "headers": {"content-type": "application/json"}}, 400,
         "BAD_REQUEST"),
        ({"content": b"{}", "headers": {"content-type": "text/plain"}}, 400, "BAD_REQUEST"),
        ({"params": {"query": "mutation { logout }"}, "method": "GET"}, 400,
         "BAD_REQUEST"),
    ],
    ids=["malformed", "nan", "content-type", "mutation-over-get"],
)  # fmt: skip
async def test_request_errors_are_json_not_plain_text(
    view_client: httpx.AsyncClient, kwargs: dict[str, Any], status: int, code: str
) -> None:
    method = kwargs.pop("method", "POST")
    response = await view_client.request(method, "/", **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == code
    assert error["message"]
