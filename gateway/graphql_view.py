"""The strawberry ASGI view: builds the typed Context per request and per socket."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from gateway.graphiql import graphiql_page
from gateway.security.authenticator import Authenticator
from resolvers.context import Context, Limits, Stores

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


class GatewayGraphQL(GraphQL[Context, None]):
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
        )
        self.stores = stores
        self.limits = limits
        self.authenticator = authenticator

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
        context.principal = await self.authenticator.from_connection_params(
            context.connection_params
        )
        return await super().on_ws_connect(context)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        """GraphQL-over-HTTP: answer `application/graphql-response+json` when asked.

        With that media type, a request that never reached execution (parse,
        validation or variable errors) gets status 400 and no `data` key, as the
        spec says; plain `application/json` clients keep the classic 200.
        """
        processed = await super().process_result(request, result)
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

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)
