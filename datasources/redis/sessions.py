"""Login sessions in Redis, exactly as the seed: `session:{session_id}`, a hash, 24 h TTL.

The client holds a random 256-bit token; Redis is keyed on its HMAC-SHA256 under the
server secret (the session id), so a copy of Redis never yields a usable token.
`user_sessions:{user_id}` (a set of session ids) is our addition: it lets a password
change or a deactivation end every session of a user at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import orjson
from redis.asyncio import Redis

from datasources.errors import guarded

STORE = "redis"
SESSION_TTL = 86_400  # seed: 24 hours
TOUCH_EVERY = 60  # seconds; last_accessed is refreshed at most this often
# How long a copy of an account's (or key's) state may answer for PostgreSQL. Changes
# made through the gateway delete the copy at once; this bounds any other writer.
STATE_TTL = 5
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def session_key(session_id: str) -> str:
    return f"session:{session_id}"


def user_sessions_key(user_id: UUID) -> str:
    return f"user_sessions:{user_id}"


def user_state_key(user_id: UUID) -> str:
    """A copy of the user's role and is_active (`role:1`), kept STATE_TTL seconds."""
    return f"auth_state:user:{user_id}"


def key_state_key(key_id: UUID) -> str:
    """A copy of an API key's is_active (`1` / `0`), kept STATE_TTL seconds."""
    return f"auth_state:api_key:{key_id}"


def keyed_digest(secret: bytes, value: str) -> str:
    """HMAC-SHA256 of `value` under the server secret, hex (session ids, API key hashes)."""
    return hmac.new(secret, value.encode("utf-8"), hashlib.sha256).hexdigest()


def well_formed_token(token: str) -> bool:
    return TOKEN_PATTERN.fullmatch(token) is not None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    session_id: str
    user_id: UUID
    created_at: datetime
    last_accessed: datetime
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NewSession:
    token: str  # shown to the client once, never stored
    record: SessionRecord
    expires_at: datetime


def _decode(session_id: str, raw: dict[bytes, bytes]) -> SessionRecord | None:
    try:
        data = orjson.loads(raw.get(b"data", b"{}"))
        return SessionRecord(
            session_id=session_id,
            user_id=UUID(raw[b"user_id"].decode()),
            created_at=datetime.fromisoformat(raw[b"created_at"].decode()),
            last_accessed=datetime.fromisoformat(raw[b"last_accessed"].decode()),
            data=data if isinstance(data, dict) else {},
        )
    except (KeyError, ValueError, orjson.JSONDecodeError):
        return None  # a damaged entry is no session


class SessionStore:
    def __init__(
        self,
        client: Redis,
        *,
        secret: bytes,
        timeout: float,
        ttl: int = SESSION_TTL,
        touch_every: int = TOUCH_EVERY,
        state_ttl: float = STATE_TTL,
    ) -> None:
        self.client = client
        self.secret = secret
        self.timeout = timeout
        self.ttl = ttl
        self.touch_every = touch_every
        self.state_ttl = state_ttl

    def session_id(self, token: str) -> str:
        return keyed_digest(self.secret, token)

    @guarded(STORE)
    async def create(self, user_id: UUID, data: dict[str, Any] | None = None) -> NewSession:
        token = secrets.token_urlsafe(32)
        session_id = self.session_id(token)
        now = datetime.now(UTC)
        stamp = now.isoformat()
        index = user_sessions_key(user_id)
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(
                session_key(session_id),
                mapping={
                    "user_id": str(user_id),
                    "created_at": stamp,
                    "last_accessed": stamp,
                    "data": orjson.dumps(data or {}),
                },
            )
            pipe.expire(session_key(session_id), self.ttl)
            pipe.sadd(index, session_id)
            pipe.expire(index, self.ttl)
            await pipe.execute()
        await self._prune(user_id)
        record = SessionRecord(session_id, user_id, now, now, dict(data or {}))
        return NewSession(
            token=token,
            record=record,
            expires_at=datetime.fromtimestamp(now.timestamp() + self.ttl, UTC),
        )

    @guarded(STORE)
    async def get(self, session_id: str) -> SessionRecord | None:
        """The live session, refreshing last_accessed (not the TTL: sessions end after 24 h)."""
        raw = await self.client.hgetall(session_key(session_id))  # type: ignore[misc]
        if not raw:
            return None
        record = _decode(session_id, raw)
        if record is None:
            return None
        now = datetime.now(UTC)
        if (now - record.last_accessed).total_seconds() >= self.touch_every:
            # HSET on an existing key keeps its TTL; a racing expiry leaves a TTL-less
            # husk with only last_accessed, which _decode rejects — so guard with EXISTS.
            await self.client.eval(_TOUCH, 1, session_key(session_id), now.isoformat())  # type: ignore[misc]
        return record

    @guarded(STORE)
    async def exists(self, session_id: str) -> bool:
        return bool(await self.client.exists(session_key(session_id)))

    @guarded(STORE)
    async def revoke(self, session_id: str, *, user_id: UUID) -> bool:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(session_key(session_id))
            pipe.srem(user_sessions_key(user_id), session_id)
            deleted, _ = await pipe.execute()
        return bool(deleted)

    @guarded(STORE)
    async def revoke_all(self, user_id: UUID, *, keep: str | None = None) -> int:
        """End every session of the user except `keep`; returns how many ended."""
        index = user_sessions_key(user_id)
        members = [m.decode() for m in await self.client.smembers(index)]  # type: ignore[misc]
        doomed = [m for m in members if m != keep]
        if not doomed:
            return 0
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(*(session_key(m) for m in doomed))
            pipe.srem(index, *doomed)
            deleted, _ = await pipe.execute()
        return int(deleted)

    @guarded(STORE)
    async def remember_state(self, key: str, value: str) -> None:
        """Keep a copy of a user's or key's state (user_state_key, key_state_key)."""
        await self.client.set(key, value, px=int(self.state_ttl * 1000))

    @guarded(STORE)
    async def forget_state(self, *keys: str) -> None:
        """Drop copies after a change, so the next request reads PostgreSQL."""
        await self.client.delete(*keys)

    async def _prune(self, user_id: UUID) -> None:
        """Drop ids of sessions that expired on their own from the user's index."""
        index = user_sessions_key(user_id)
        members = [m.decode() for m in await self.client.smembers(index)]  # type: ignore[misc]
        if len(members) < 16:
            return
        async with self.client.pipeline(transaction=False) as pipe:
            for m in members:
                pipe.exists(session_key(m))
            alive = await pipe.execute()
        gone = [m for m, ok in zip(members, alive, strict=True) if not ok]
        if gone:
            await self.client.srem(index, *gone)  # type: ignore[misc]


_TOUCH = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'last_accessed', ARGV[1])
end
return 0
"""
