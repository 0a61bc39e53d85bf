"""Turns request credentials into a Principal (or None for anonymous callers)."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from strawberry.exceptions import ConnectionRejectionError

from datasources.errors import UpstreamUnavailable
from datasources.postgres.accounts import API_KEY_PREFIX, AccountStore, ApiKeyAuth, api_key_digest
from datasources.redis.ratelimit import Guard
from datasources.redis.sessions import (
    SessionStore,
    key_state_key,
    session_key,
    user_state_key,
    well_formed_token,
)
from gateway.security.key_usage import KeyUsage
from resolvers.context import Principal

API_KEY_PATTERN = re.compile(re.escape(API_KEY_PREFIX) + r"[A-Za-z0-9_-]{43}")
# Sessions and keys a process remembers the fixed facts of (a session's user, a key's
# id, user, scopes and limit); past this many it starts again from an empty table.
MAX_REMEMBERED = 10_000


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


@dataclass(frozen=True, slots=True)
class Claim:
    """Credentials tied to their user (and key) by what never changes about them.

    What can change (the session still exists, the user's role and is_active, the key's
    is_active) is read by `guards` in the rate limit's round trip, then `confirm`ed.
    `principal` has the role "user" until confirmed.
    """

    principal: Principal
    guards: tuple[Guard, ...]
    key: ApiKeyAuth | None = None


class StoreAuthenticator:
    """Sessions from Redis, API keys from PostgreSQL; the user's state re-read each time.

    On HTTP the guard middleware uses `claim` and `confirm`: one Redis round trip checks
    the session, reads the account's state and charges the rate limits together. The
    state is a copy in Redis (AUTH_STATE_CACHE_SECONDS) that PostgreSQL refills on a miss
    and that role, activity and key changes made through the API delete at once.
    """

    def __init__(
        self, *, accounts: AccountStore, sessions: SessionStore, usage: KeyUsage | None = None
    ) -> None:
        self.accounts = accounts
        self.sessions = sessions
        self.usage = usage
        self._session_users: dict[str, UUID] = {}
        self._touched: dict[str, float] = {}  # session id -> when this process touched it
        self._keys: dict[str, ApiKeyAuth] = {}  # key digest -> the key's fixed fields

    async def claim(self, headers: Mapping[str, str]) -> Claim | None:
        """The request's credentials, before their state is read; None when anonymous."""
        authorization, key = _credentials(headers)
        if authorization is not None and key is not None:
            raise AuthenticationFailed("send a bearer token or an API key, not both")
        if authorization is not None:
            return await self._session_claim(_bearer(authorization))
        if key is not None:
            return await self._key_claim(key.strip())
        return None

    async def _session_claim(self, token: str) -> Claim:
        if not well_formed_token(token):
            raise AuthenticationFailed("malformed bearer token")
        session_id = self.sessions.session_id(token)
        user_id = self._session_users.get(session_id)
        now = time.monotonic()
        guard = Guard(session_key(session_id), "E")
        if user_id is None:
            session = await self.sessions.get(session_id)  # refreshes last_accessed
            if session is None:
                raise AuthenticationFailed("session expired or invalid")
            user_id = session.user_id
            _remember(self._session_users, session_id, user_id)
            _remember(self._touched, session_id, now)
        elif now - self._touched.get(session_id, 0.0) >= self.sessions.touch_every:
            guard = Guard(session_key(session_id), "T", datetime.now(UTC).isoformat())
            _remember(self._touched, session_id, now)
        principal = Principal(user_id=user_id, role="user", session_id=session_id)
        return Claim(principal, (guard, Guard(user_state_key(user_id), "G")))

    async def _key_claim(self, key: str) -> Claim:
        if not API_KEY_PATTERN.fullmatch(key):
            raise AuthenticationFailed("malformed API key")
        digest = api_key_digest(self.accounts.secret, key)
        found = self._keys.get(digest)
        if found is None:
            found = await self.accounts.api_key_auth(key)
            if found is None:
                raise AuthenticationFailed("invalid API key")
            _remember(self._keys, digest, found)
        principal = Principal(
            user_id=found.user_id,
            role="user",
            api_key_id=found.key_id,
            permissions=found.permissions,
            rate_limit=found.rate_limit,
        )
        guards = (
            Guard(key_state_key(found.key_id), "G"),
            Guard(user_state_key(found.user_id), "G"),
        )
        return Claim(principal, guards, key=found)

    async def confirm(self, claim: Claim, values: tuple[bytes | None, ...] | None) -> Principal:
        """The principal, once the guards' values (None: Redis was not reached) hold."""
        principal = claim.principal
        if claim.key is None:
            if values is None:
                raise UpstreamUnavailable("redis")
            if values[0] is None:
                self._session_users.pop(principal.session_id or "", None)
                raise AuthenticationFailed("session expired or invalid")
            role, active = await self._user_state(principal.user_id, values[1])
            if not active:
                raise AuthenticationFailed("account disabled")
            return replace(principal, role=role)
        key = claim.key
        key_active, role, user_active = await self._key_state(key, values)
        if not key_active:
            raise AuthenticationFailed("API key revoked")
        if key.expires_at is not None and key.expires_at <= datetime.now(UTC):
            raise AuthenticationFailed("API key expired")
        if not user_active:
            raise AuthenticationFailed("account disabled")
        if self.usage is not None:
            self.usage.touch(key.key_id)
        return replace(principal, role=role)

    async def _user_state(self, user_id: UUID, cached: bytes | None) -> tuple[str, bool]:
        if cached is not None:
            role, _, active = cached.decode().rpartition(":")
            return role, active == "1"
        state = await self.accounts.auth_state(user_id)
        if state is None:
            return "user", False
        await self._keep(user_state_key(user_id), f"{state.role}:{int(state.is_active)}")
        return state.role, state.is_active

    async def _key_state(
        self, key: ApiKeyAuth, values: tuple[bytes | None, ...] | None
    ) -> tuple[bool, str, bool]:
        """(key active, user's role, user active): from the copies, else PostgreSQL."""
        if values is not None and values[0] is not None and values[1] is not None:
            role, active = await self._user_state(key.user_id, values[1])
            return values[0] == b"1", role, active
        found = await self.accounts.api_key_state(key.key_id)
        if found is None:
            return False, "user", False
        if values is not None:  # Redis answers: keep copies for the next requests
            await self._keep(key_state_key(key.key_id), str(int(found.is_active)))
            await self._keep(
                user_state_key(key.user_id), f"{found.user_role}:{int(found.user_active)}"
            )
        return found.is_active, found.user_role, found.user_active

    async def _keep(self, key: str, value: str) -> None:
        with contextlib.suppress(UpstreamUnavailable):  # a copy is only a shortcut
            await self.sessions.remember_state(key, value)

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
            return await self.from_token(_bearer(authorization))
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


def _bearer(authorization: str) -> str:
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("the Authorization header must be 'Bearer <token>'")
    return token.strip()


def _remember(table: dict[str, Any], key: str, value: Any) -> None:
    if len(table) >= MAX_REMEMBERED:
        table.clear()
    table[key] = value
