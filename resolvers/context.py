"""The typed per-request context every resolver receives (built by gateway/)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias
from uuid import UUID

from strawberry.types import Info as StrawberryInfo

from datasources.postgres.accounts import AccountStore
from datasources.postgres.base import Viewer
from datasources.redis.sessions import SessionStore
from datasources.stores import Stores
from resolvers.credentials import CredentialWatch


@dataclass(frozen=True, slots=True)
class Limits:
    max_page_size: int
    store_timeout_seconds: float
    # Relational root fields answered by one SQL statement building the JSON
    # (schema/compiled); off, every field goes through the resolvers.
    compiled_reads: bool = True


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller: a session's user, or an API key acting for its user.

    `permissions` is None for a session (the user's full rights) or the key's scopes.
    `session_id` names the session (to log out / re-check it); `rate_limit` is the
    key's own per-minute limit.
    """

    user_id: UUID
    role: str
    api_key_id: UUID | None = None
    permissions: frozenset[str] | None = None
    session_id: str | None = None
    rate_limit: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def allows(self, permission: str) -> bool:
        return self.permissions is None or permission in self.permissions


@dataclass(frozen=True, slots=True)
class AccountServices:
    """Account and session stores, given to the context by the gateway."""

    accounts: AccountStore
    sessions: SessionStore
    # How often a long-lived subscription re-checks that its credentials still hold.
    recheck_seconds: float = 5.0
    # The process's shared re-checks: one per caller per interval, not per subscription.
    watch: CredentialWatch = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "watch", CredentialWatch(self.recheck_seconds))


@dataclass(slots=True)
class Context:
    stores: Stores
    limits: Limits
    principal: Principal | None
    request_id: str
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None
    # Per-request dataloaders, created on first use (resolvers/loaders.py).
    loaders: dict[Any, Any] = field(default_factory=dict)
    # The request's schema object for each node it reached: (type, id) -> (record,
    # object). schema/common.node_for keeps it; see there for why.
    nodes: dict[tuple[type, UUID], tuple[Any, Any]] = field(default_factory=dict)
    accounts: AccountServices | None = None
    # The account this request signed in (login, register): the request itself is
    # still anonymous, but that user sees their own private fields in the payload.
    signed_in: UUID | None = None

    def for_operation(self) -> Context:
        """This context with empty request caches (loaders, node objects): what each
        operation on a WebSocket runs with (schema/root.PerOperationCaches)."""
        return replace(self, loaders={}, nodes={})

    @property
    def viewer(self) -> Viewer:
        if self.principal is None:
            return Viewer(user_id=None)
        return Viewer(user_id=self.principal.user_id, is_admin=self.principal.is_admin)


Info: TypeAlias = StrawberryInfo[Context, None]
