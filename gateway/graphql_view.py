"""The strawberry ASGI view: builds the typed Context per request and per socket.

JSON in and out goes through gateway/wire.py; every answer is JSON, also the
request errors strawberry would send as plain text.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from datasources.stores import Stores
from gateway import fast_path, metrics, wire
from gateway.fast_path import GRAPHQL_RESPONSE_JSON, STREAMING_MEDIA_TYPES
from gateway.graphiql import graphiql_page
from gateway.request_headers import header
from gateway.security.authenticator import Authenticator
from gateway.security.persisted import NOT_IN_LIST, PersistedQueries
from gateway.security.responses import error_body
from resolvers.context import Context, Limits
from schema.fast_reads import FastReads

CACHE_VARY = b"Accept, Authorization, X-API-Key"


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws messages as text frames.

    strawberry sends bytes frames when `encode_json` returns bytes (ours does, for
    HTTP); the protocol's messages are JSON text, and browser and Node clients
    (graphql-ws, so Apollo, urql, Relay, GraphiQL) parse only text frames.
    """

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(wire.encode_text(message))
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class GatewayGraphQL(GraphQL[Context, None]):
    websocket_adapter_class = TextFrames  # type: ignore[assignment]

    def __init__(
        self,
        schema: Any,
        *,
        stores: Stores,
        limits: Limits,
        authenticator: Authenticator,
        allowed_origins: list[str],
    ) -> None:
        super().__init__(
            schema,
            # GraphiQL from local assets, when a browser GETs /graphql (never a CDN).
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            keep_alive=True,
            keep_alive_interval=15,
            allowed_origins=allowed_origins,
            # The GraphQL multipart request spec (uploadDocument). The guard in front
            # (gateway/security/multipart.py) refuses such requests without a
            # preflight header (CSRF) and past the upload size limit.
            multipart_uploads_enabled=True,
        )
        self.stores = stores
        self.limits = limits
        self.authenticator = authenticator
        self.persisted: PersistedQueries | None = None
        self.get_max_age = 0
        # Operations of compiled reads only, answered without strawberry's execution.
        options = getattr(schema, "fast_options", None)
        self.fast_reads = (
            FastReads(schema, options) if options is not None and limits.compiled_reads else None
        )

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        state = request.scope.get("state", {})
        request_id = state.get("request_id") or uuid.uuid4().hex
        if isinstance(request, WebSocket):
            principal = None  # set from connection_init in on_ws_connect
        elif "principal" in state:
            principal = state["principal"]  # the auth middleware already looked
        else:
            principal = await self.authenticator.from_headers(request.headers)
        if isinstance(request, Request):
            # process_result() needs the sub-response to set status and media type.
            request.scope.setdefault("state", {})["sub_response"] = response
        return Context(
            stores=self.stores,
            limits=self.limits,
            principal=principal,
            request_id=request_id,
            request=request,
            response=response,
        )

    async def on_ws_connect(self, context: Context) -> Any:
        state = getattr(context.request, "scope", {}).get("state", {})
        if "principal" in state:
            # The socket guard (gateway/security/websocket.py) authenticated this very
            # connection_init; asking the stores again cost every socket two more reads.
            context.principal = state["principal"]
        else:
            context.principal = await self.authenticator.from_connection_params(
                context.connection_params
            )
        return await super().on_ws_connect(context)

    async def parse_http_body(self, request: Any) -> Any:
        """A multipart upload's query must be registered too in allow-list mode (JSON and
        GET requests were checked by the guard before they got here)."""
        data = await super().parse_http_body(request)
        persisted = self.persisted
        if persisted is not None and not persisted.admits(getattr(data, "query", None)):
            raise HTTPException(400, NOT_IN_LIST.message)
        return data

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        """GraphQL-over-HTTP: answer `application/graphql-response+json` when asked.

        With that media type, a request that never reached execution (parse,
        validation or variable errors) gets status 400 and no `data` key, as the
        spec says; plain `application/json` clients keep the classic 200.
        """
        processed = await super().process_result(request, result)
        if request.method == "GET":
            _cache_headers(request, not result.errors, self.get_max_age)
        if result.errors:
            request.scope.setdefault("state", {})["graphql_errors"] = True
            metrics.count_errors(result.errors)
        if GRAPHQL_RESPONSE_JSON in request.headers.get("accept", ""):
            sub_response = request.scope.get("state", {}).get("sub_response")
            if sub_response is not None:
                sub_response.graphql_media_type = GRAPHQL_RESPONSE_JSON
                if isinstance(result, PreExecutionError):
                    sub_response.status_code = 400
                    processed.pop("data", None)
        return processed

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        media_type = getattr(sub_response, "graphql_media_type", None)
        if media_type:
            response.headers["content-type"] = f"{media_type}; charset=utf-8"
        return response

    async def render_graphql_ide(self, request: Request) -> Response:
        return await graphiql_page(request)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        if (
            self.fast_reads is not None
            and fast_path.candidate(scope)
            and await fast_path.answer(self, request, send)
        ):
            return
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = _error(exc.status_code, exc.reason, HTTPStatus(exc.status_code).name)
        except wire.InvalidText as exc:  # in a body the guard does not read (multipart)
            response = _error(400, exc.message, "BAD_USER_INPUT", field=exc.where)
        await response(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        return wire.encode(data)

    def decode_json(self, data: str | bytes) -> object:
        return wire.decode(data)


def _cache_headers(request: Request, ok: bool, max_age: int) -> None:
    """GET answers: an anonymous caller's successful answer may be kept by shared caches
    for max_age seconds (it holds only what anyone may read); a signed-in caller's, or
    any answer with errors, never."""
    sub_response = request.scope.get("state", {}).get("sub_response")
    if sub_response is None:
        return
    sub_response.headers["cache-control"] = _cache_control(request.scope, ok, max_age)
    sub_response.headers["vary"] = CACHE_VARY.decode()


def _cache_control(scope: Scope, ok: bool, max_age: int) -> str:
    anonymous = scope.get("state", {}).get("principal") is None
    if anonymous and ok and max_age > 0:
        return f"public, max-age={max_age}"
    return "no-cache" if anonymous and ok else "private, no-store"


TYPENAME_BODY = b'{"data":{"__typename":"Query"}}'


def answered_unrun(scope: Scope) -> bool:
    """A `{ __typename }` query (the guard found it `trivial`, authenticated and charged
    it): its answer is known, so the guard sends it (`send_typename`) without the route,
    this view or strawberry's parse-validate-execute. Only for the plain JSON transports;
    anything else goes the usual way."""
    op = scope.get("state", {}).get("operation")
    if op is None or not op.trivial:
        return False
    accept = header(scope, b"accept")
    if any(t in accept for t in STREAMING_MEDIA_TYPES):
        return False
    if scope["method"] == "GET":
        return True
    return scope["method"] == "POST" and "application/json" in header(scope, b"content-type")


async def send_typename(scope: Scope, send: Send, max_age: int) -> None:
    headers = []
    if scope["method"] == "GET":
        control = _cache_control(scope, True, max_age)
        headers = [(b"cache-control", control.encode()), (b"vary", CACHE_VARY)]
    await fast_path.send_json(scope, send, TYPENAME_BODY, headers)


def _error(status: int, message: str, code: str, **extensions: Any) -> Response:
    return Response(
        error_body(message, code, **extensions),
        status_code=status,
        media_type="application/json",
    )
