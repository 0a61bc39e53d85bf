"""Accounts and API keys: the only code that sees password hashes and key hashes.

Passwords are hashed with argon2id (argon2-cffi) in a worker thread, so the event
loop keeps serving while a hash is computed. Emails and usernames are unique
case-insensitively: the seed's UNIQUE constraints are case-sensitive, so a
registration takes transaction-scoped advisory locks on the lower-cased values and
looks for a case-insensitive match before inserting.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID, uuid4

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, bindparam, func, insert, select, text, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from datasources.errors import guarded
from datasources.postgres.base import STORE, PgBase, Viewer
from datasources.postgres.models import ApiKey, User
from datasources.postgres.records import ApiKeyRecord, UserRecord, to_record
from datasources.postgres.users import API_KEY_COLUMNS, USER_COLUMNS
from datasources.redis.sessions import keyed_digest

API_KEY_PREFIX = "cgk_"
MAX_IDENTIFIER = 320  # longer than any email or username we accept
Taken = Literal["email", "username"]


# Read on every authenticated request, so built once: constructing the statement each
# time cost about as much CPU as SQLAlchemy's execution of it (~0.25 ms here).
_AUTH_STATE = select(User.role, User.is_active).where(User.id == bindparam("user_id"))


@dataclass(frozen=True, slots=True)
class AuthState:
    """What every authenticated request re-reads: is the user still allowed in, as what."""

    user_id: UUID
    role: str
    is_active: bool


@dataclass(frozen=True, slots=True)
class ApiKeyAuth:
    key_id: UUID
    user_id: UUID
    permissions: frozenset[str]
    rate_limit: int | None
    expires_at: datetime | None
    is_active: bool
    user_role: str
    user_active: bool


def api_key_digest(secret: bytes, key: str) -> str:
    return keyed_digest(secret, key)


def _lock_key(kind: str, value: str) -> ColumnElement[Any]:
    return func.hashtextextended(func.concat(kind, ":", func.lower(value)), 0)


def _owned(viewer: Viewer) -> ColumnElement[bool]:
    if viewer.is_admin:
        return true()
    return ApiKey.user_id == viewer.user_id


class AccountStore(PgBase):
    def __init__(
        self, engine: AsyncEngine, *, timeout: float, secret: bytes, hasher: PasswordHasher
    ) -> None:
        super().__init__(engine, timeout=timeout)
        self.secret = secret
        self.hasher = hasher
        self._dummy_hash: str | None = None

    # -- passwords ---------------------------------------------------------------

    async def hash_password(self, password: str) -> str:
        return await asyncio.to_thread(self.hasher.hash, password)

    async def _verify(self, stored: str | None, password: str) -> bool:
        """Constant work whether or not there is a stored hash (unknown users too)."""
        if stored is None:
            if self._dummy_hash is None:
                self._dummy_hash = await self.hash_password(secrets.token_hex(16))
            stored = self._dummy_hash  # a hash of a random secret: never matches
        try:
            return await asyncio.to_thread(self.hasher.verify, stored, password)
        except (VerificationError, InvalidHashError):
            return False

    # -- users -------------------------------------------------------------------

    @guarded(STORE)
    async def register(
        self, *, email: str, username: str, password: str, full_name: str | None
    ) -> UserRecord | Taken:
        password_hash = await self.hash_password(password)
        try:
            async with self.engine.begin() as conn:
                # Email lock before username lock in every transaction: no deadlock.
                await conn.execute(select(func.pg_advisory_xact_lock(_lock_key("email", email))))
                await conn.execute(
                    select(func.pg_advisory_xact_lock(_lock_key("username", username)))
                )
                taken = await self._taken(conn, email=email, username=username)
                if taken:
                    return taken
                row = (
                    await conn.execute(
                        insert(User)
                        .values(
                            id=uuid4(),
                            email=email,
                            username=username,
                            password_hash=password_hash,
                            full_name=full_name,
                            role="user",
                        )
                        .returning(*USER_COLUMNS)
                    )
                ).one()
                return to_record(UserRecord, row)
        except IntegrityError as exc:  # a writer that bypassed the locks
            return "username" if "username" in str(exc.orig) else "email"

    async def _taken(self, conn: AsyncConnection, *, email: str, username: str) -> Taken | None:
        email_hit = func.lower(User.email) == func.lower(email)
        rows = (
            await conn.execute(
                select(email_hit.label("email_hit")).where(
                    email_hit | (func.lower(User.username) == func.lower(username))
                )
            )
        ).all()
        if any(r.email_hit for r in rows):
            return "email"
        return "username" if rows else None

    async def _find(self, identifier: str) -> Any:
        """The one account an email or username names, ignoring case (None if not one)."""
        if "\x00" in identifier or len(identifier) > MAX_IDENTIFIER:
            return None  # no account has such a name (and PostgreSQL refuses NUL)
        column = User.email if "@" in identifier else User.username
        async with self._reads.connect() as conn:
            rows = (
                await conn.execute(
                    select(User.id, User.password_hash, User.is_active, column)
                    .where(func.lower(column) == func.lower(identifier))
                    .limit(2)
                )
            ).all()
        # Legacy rows differing only in case: only an exact match is unambiguous.
        if len(rows) > 1:
            rows = [r for r in rows if r[3] == identifier]
        return rows[0] if len(rows) == 1 else None

    @guarded(STORE)
    async def account_id(self, identifier: str) -> UUID | None:
        """Whose account a login names (for per-account limits); never reveals it further."""
        row = await self._find(identifier)
        return row.id if row is not None else None

    @guarded(STORE)
    async def verify_login(self, identifier: str, password: str) -> UserRecord | None:
        """The user when `identifier` (email or username) and `password` match an active
        account; None otherwise, after the same amount of hashing work either way."""
        row = await self._find(identifier)
        ok = await self._verify(row.password_hash if row else None, password)
        if row is None or not ok or row.is_active is False:
            return None
        values: dict[str, Any] = {"last_login": datetime.now(UTC)}
        if self._needs_rehash(row.password_hash):
            values["password_hash"] = await self.hash_password(password)
        async with self.engine.begin() as conn:
            updated = (
                await conn.execute(
                    update(User)
                    .where(User.id == row.id, User.is_active.is_not(False))
                    .values(**values)
                    .returning(*USER_COLUMNS)
                )
            ).one_or_none()
        return to_record(UserRecord, updated) if updated else None

    def _needs_rehash(self, stored: str) -> bool:
        try:
            return self.hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    @guarded(STORE)
    async def change_password(self, user_id: UUID, *, current: str, new: str) -> bool:
        async with self._reads.connect() as conn:
            stored = (
                await conn.execute(select(User.password_hash).where(User.id == user_id))
            ).scalar_one_or_none()
        if stored is None or not await self._verify(stored, current):
            return False
        new_hash = await self.hash_password(new)
        async with self.engine.begin() as conn:
            # Compare-and-set: a concurrent change with the old password loses.
            result = await conn.execute(
                update(User)
                .where(User.id == user_id, User.password_hash == stored)
                .values(password_hash=new_hash, updated_at=datetime.now(UTC))
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    @guarded(STORE)
    async def auth_state(self, user_id: UUID) -> AuthState | None:
        async with self._reads.connect() as conn:
            row = (await conn.execute(_AUTH_STATE, {"user_id": user_id})).one_or_none()
        if row is None:
            return None
        return AuthState(
            user_id=user_id, role=row.role or "user", is_active=row.is_active is not False
        )

    @guarded(STORE)
    async def update_user(self, user_id: UUID, values: Mapping[str, Any]) -> UserRecord | None:
        """Set role / is_active (admin actions); None when there is no such user."""
        async with self.engine.begin() as conn:
            row = (
                await conn.execute(
                    update(User)
                    .where(User.id == user_id)
                    .values(**values, updated_at=datetime.now(UTC))
                    .returning(*USER_COLUMNS)
                )
            ).one_or_none()
        return to_record(UserRecord, row) if row else None

    # -- API keys ----------------------------------------------------------------

    @guarded(STORE)
    async def create_api_key(
        self,
        *,
        user_id: UUID,
        name: str,
        permissions: Sequence[str],
        expires_at: datetime | None,
        rate_limit: int,
    ) -> tuple[ApiKeyRecord, str]:
        """The new key's record and the key itself (returned once, stored only hashed)."""
        key = API_KEY_PREFIX + secrets.token_urlsafe(32)
        async with self.engine.begin() as conn:
            row = (
                await conn.execute(
                    insert(ApiKey)
                    .values(
                        id=uuid4(),
                        user_id=user_id,
                        key_hash=api_key_digest(self.secret, key),
                        name=name,
                        permissions=list(permissions),
                        rate_limit=rate_limit,
                        expires_at=expires_at,
                        is_active=True,
                    )
                    .returning(*API_KEY_COLUMNS)
                )
            ).one()
        return to_record(ApiKeyRecord, row), key

    @guarded(STORE)
    async def api_key_auth(self, key: str) -> ApiKeyAuth | None:
        """The key presented by a client, found by its keyed hash, with its user's state."""
        return await self._key_auth(ApiKey.key_hash == api_key_digest(self.secret, key))

    @guarded(STORE)
    async def api_key_state(self, key_id: UUID) -> ApiKeyAuth | None:
        return await self._key_auth(ApiKey.id == key_id)

    async def _key_auth(self, where: ColumnElement[bool]) -> ApiKeyAuth | None:
        statement = (
            select(
                ApiKey.id,
                ApiKey.user_id,
                ApiKey.permissions,
                ApiKey.rate_limit,
                ApiKey.expires_at,
                ApiKey.is_active,
                User.role,
                User.is_active.label("user_active"),
            )
            .join(User, User.id == ApiKey.user_id)
            .where(where)
        )
        async with self._reads.connect() as conn:
            row = (await conn.execute(statement)).one_or_none()
        if row is None:
            return None
        permissions = row.permissions if isinstance(row.permissions, list) else []
        return ApiKeyAuth(
            key_id=row.id,
            user_id=row.user_id,
            permissions=frozenset(str(p) for p in permissions),
            rate_limit=row.rate_limit,
            expires_at=row.expires_at,
            is_active=row.is_active is not False,
            user_role=row.role or "user",
            user_active=row.user_active is not False,
        )

    @guarded(STORE)
    async def revoke_api_key(self, key_id: UUID, *, viewer: Viewer) -> ApiKeyRecord | None:
        """Deactivate a key the viewer owns (admins: any); None when missing or not theirs."""
        if viewer.user_id is None:
            return None
        async with self.engine.begin() as conn:
            row = (
                await conn.execute(
                    update(ApiKey)
                    .where(ApiKey.id == key_id, _owned(viewer))
                    .values(is_active=False, updated_at=datetime.now(UTC))
                    .returning(*API_KEY_COLUMNS)
                )
            ).one_or_none()
        return to_record(ApiKeyRecord, row) if row else None

    @guarded(STORE)
    async def touch_api_keys(self, used: Mapping[UUID, datetime]) -> int:
        """One UPDATE for every key used since the last flush; never moves time back."""
        if not used:
            return 0
        ids = list(used)
        async with self.engine.begin() as conn:
            result = await conn.execute(_TOUCH_KEYS, {"ids": ids, "stamps": [used[i] for i in ids]})
        return int(result.rowcount)  # type: ignore[attr-defined]


_TOUCH_KEYS = text(
    "UPDATE api_keys SET last_used_at = used.at"
    " FROM unnest(CAST(:ids AS uuid[]), CAST(:stamps AS timestamptz[])) AS used(id, at)"
    " WHERE api_keys.id = used.id"
    " AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < used.at)"
)
