"""HTTP side of the operations answered without strawberry's view (schema/fast_reads.py).

By the time the view is called, the middlewares have done everything a request gets
(body limit, authentication, rate limits; the audit row is written when the response
ends), so this sits where strawberry's request handling would start. Only a POST with
a JSON body, a query operation (the guard's reading), no `extensions` (persisted
queries) and no streaming `Accept` is tried; anything the fast path declines goes to
strawberry unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.types import Scope, Send

from gateway import wire
from gateway.request_headers import header

if TYPE_CHECKING:
    from gateway.graphql_view import GatewayGraphQL

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
STREAMING_MEDIA_TYPES = ("text/event-stream", "multipart/mixed")


def candidate(scope: Scope) -> bool:
    """A JSON POST of a query (as the guard read it) that wants one JSON answer."""
    if scope["method"] != "POST":
        return False
    op = scope.get("state", {}).get("operation")
    if op is None or op.kind != "query":
        return False
    accept = header(scope, b"accept")
    if any(t in accept for t in STREAMING_MEDIA_TYPES):
        return False
    return "application/json" in header(scope, b"content-type")


async def answer(view: GatewayGraphQL, request: Request, send: Send) -> bool:
    """True when the answer was sent. The body stays cached on `request` (starlette
    keeps it), so strawberry reads the same bytes when the fast path declines."""
    fast = view.fast_reads
    assert fast is not None
    try:
        payload: Any = wire.decode(await request.body())
    except (orjson.JSONDecodeError, wire.InvalidText):
        return False
    if not isinstance(payload, dict) or payload.get("extensions") is not None:
        return False
    query, name, variables = (
        payload.get("query"),
        payload.get("operationName"),
        payload.get("variables"),
    )
    if (
        not isinstance(query, str)
        or not (name is None or isinstance(name, str))
        or not (variables is None or isinstance(variables, dict))
    ):
        return False
    plan = fast.plan(query, name)
    if plan is None:
        return False
    # The same context strawberry's view would build (principal from the guard).
    context = await view.get_context(request, await view.get_sub_response(request))
    data = await fast.data(plan, variables, context)
    if data is None:
        return False
    await send_json(request.scope, send, view.encode_json({"data": data}))
    return True


async def send_json(
    scope: Scope, send: Send, body: bytes, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """A 200 JSON answer with the media type strawberry's view would give it."""
    accept = header(scope, b"accept")
    media = (
        GRAPHQL_RESPONSE_JSON.encode() + b"; charset=utf-8"
        if GRAPHQL_RESPONSE_JSON in accept
        else b"application/json"
    )
    start = [(b"content-type", media), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": 200, "headers": start})
    await send({"type": "http.response.body", "body": body})
