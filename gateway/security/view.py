"""The GraphQL view with accounts: account services in the context, the socket's
principal taken from the guard (which authenticated `connection_init` already)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from gateway.graphql_view import GatewayGraphQL
from resolvers.context import AccountServices, Context


class SecureGraphQL(GatewayGraphQL):
    def __init__(self, schema: Any, *, accounts: AccountServices | None, **kwargs: Any) -> None:
        super().__init__(schema, **kwargs)
        self.accounts = accounts

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        context = await super().get_context(request, response)
        context.accounts = self.accounts
        return context

    async def on_ws_connect(self, context: Context) -> Any:
        state = context.request.scope.get("state", {}) if context.request else {}
        if "principal" not in state:
            return await super().on_ws_connect(context)
        context.principal = state["principal"]
        return await GraphQL.on_ws_connect(self, context)
