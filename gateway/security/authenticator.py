"""Turns request credentials into a Principal (or None for anonymous callers)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from strawberry.exceptions import ConnectionRejectionError

from datasources.postgres.accounts import API_KEY_PREFIX, AccountStore
from datasources.redis.sessions import SessionStore, well_formed_token
from gateway.security.key_usage import KeyUsage
from resolvers.context import Principal

API_KEY_PATTERN = re.compile(re.escape(API_KEY_PREFIX) + r"[A-Za-z0-9_-]{43}")


class Authenticator(Protocol):
    async def from_headers(self, headers: Mapping[str, str]) -> Principal | None:
        """`Authorization: Bearer <token>` or `X-API-Key: <key>`; None when absent."""

    async def from_connection_params(self, params: Mapping[str, Any] | None) -> Principal | None:
        """The WebSocket `connection_init` payload (GraphiQL sends its headers there)."""


class AnonymousOnly:
    """Every caller is anonymous (for tests of the schema without accounts)."""

    async def from_headers(self, headers: Mapping[str, str]) -> Principal | None:
        return None

    async def from_connection_params(self, params: Mapping[str, Any] | None) -> Principal | None:
        return None


class AuthenticationFailed(ConnectionRejectionError):
    """Credentials were sent but do not hold: HTTP 401, or the socket is closed (4401)."""

    def __init__(self, message: str) -> None:
        super().__init__({"message": message, "code": "UNAUTHENTICATED"})
        self.message = message

    def __str__(self) -> str:
        return self.message


def _credentials(values: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(Authorization value, API key) from headers or a connection_init payload."""
    lowered = {str(k).lower(): v for k, v in values.items()}
    authorization = lowered.get("authorization")
    key = lowered.get("x-api-key", lowered.get("apikey"))
    if "token" in lowered and authorization is None:
        token = lowered["token"]
        authorization = f"Bearer {token}" if isinstance(token, str) else token
    for name, value in (("Authorization", authorization), ("API key", key)):
        if value is not None and not isinstance(value, str):
            raise AuthenticationFailed(f"{name} must be a string")
    return authorization, key


class StoreAuthenticator:
    """Sessions from Redis, API keys from PostgreSQL; the user's state re-read each time."""

    def __init__(
        self, *, accounts: AccountStore, sessions: SessionStore, usage: KeyUsage | None = None
    ) -> None:
        self.accounts = accounts
        self.sessions = sessions
        self.usage = usage

    async def from_headers(self, headers: Mapping[str, str]) -> Principal | None:
        return await self._from(*_credentials(headers))

    async def from_connection_params(self, params: Mapping[str, Any] | None) -> Principal | None:
        if not params:
            return None
        nested = params.get("headers")
        source = nested if isinstance(nested, Mapping) else params
        return await self._from(*_credentials(source))

    async def _from(self, authorization: str | None, key: str | None) -> Principal | None:
        if authorization is not None and key is not None:
            raise AuthenticationFailed("send a bearer token or an API key, not both")
        if authorization is not None:
            scheme, _, token = authorization.strip().partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise AuthenticationFailed("the Authorization header must be 'Bearer <token>'")
            return await self.from_token(token.strip())
        if key is not None:
            return await self.from_api_key(key.strip())
        return None

    async def from_token(self, token: str) -> Principal:
        if not well_formed_token(token):
            raise AuthenticationFailed("malformed bearer token")
        session_id = self.sessions.session_id(token)
        session = await self.sessions.get(session_id)
        if session is None:
            raise AuthenticationFailed("session expired or invalid")
        state = await self.accounts.auth_state(session.user_id)
        if state is None or not state.is_active:
            raise AuthenticationFailed("account disabled")
        return Principal(user_id=state.user_id, role=state.role, session_id=session_id)

    async def from_api_key(self, key: str) -> Principal:
        if not API_KEY_PATTERN.fullmatch(key):
            raise AuthenticationFailed("malformed API key")
        found = await self.accounts.api_key_auth(key)
        if found is None:
            raise AuthenticationFailed("invalid API key")
        if not found.is_active:
            raise AuthenticationFailed("API key revoked")
        if found.expires_at is not None and found.expires_at <= datetime.now(UTC):
            raise AuthenticationFailed("API key expired")
        if not found.user_active:
            raise AuthenticationFailed("account disabled")
        if self.usage is not None:
            self.usage.touch(found.key_id)
        return Principal(
            user_id=found.user_id,
            role=found.user_role,
            api_key_id=found.key_id,
            permissions=found.permissions,
            rate_limit=found.rate_limit,
        )
