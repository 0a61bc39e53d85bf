"""Turns request credentials into a Principal (or None for anonymous callers)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from resolvers.context import Principal


class Authenticator(Protocol):
    async def from_headers(self, headers: Mapping[str, str]) -> Principal | None:
        """`Authorization: Bearer <token>` or `X-API-Key: <key>`; None when absent."""

    async def from_connection_params(self, params: Mapping[str, Any] | None) -> Principal | None:
        """The WebSocket `connection_init` payload (GraphiQL sends its headers there)."""


class AnonymousOnly:
    """Until accounts exist every caller is anonymous."""

    async def from_headers(self, headers: Mapping[str, str]) -> Principal | None:
        return None

    async def from_connection_params(self, params: Mapping[str, Any] | None) -> Principal | None:
        return None
