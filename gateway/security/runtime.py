"""Everything request-path security needs, opened in the app's lifespan.

The middleware exists from `create_app()` on, but the stores only once the lifespan
opened them; the middleware reads this holder at request time.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from argon2 import PasswordHasher, Type

from datasources.postgres.accounts import AccountStore
from datasources.redis.local_limits import LocalLimits
from datasources.redis.persisted import PersistedQueryStore
from datasources.redis.ratelimit import RateLimiter
from datasources.redis.sessions import SessionStore
from datasources.settings import Settings
from datasources.stores import Stores
from gateway.security.audit import AuditTrail
from gateway.security.authenticator import Authenticator, StoreAuthenticator
from gateway.security.key_usage import KeyUsage
from gateway.security.limits import RatePolicy
from gateway.security.persisted import PersistedQueries, load_manifest
from resolvers.context import AccountServices


def password_hasher(settings: Settings) -> PasswordHasher:
    auth = settings.auth
    return PasswordHasher(
        time_cost=auth.argon2_time_cost,
        memory_cost=auth.argon2_memory_kib,
        parallelism=auth.argon2_parallelism,
        type=Type.ID,
    )


def persisted_queries(settings: Settings, stores: Stores) -> PersistedQueries | None:
    """The persisted-query rules of PERSISTED_QUERIES; a bad manifest stops start-up."""
    p = settings.persisted
    if p.mode == "off":
        return PersistedQueries("off", None, {})
    if p.mode == "allowlist":
        return PersistedQueries("allowlist", None, load_manifest(p.manifest))
    store = PersistedQueryStore(
        stores.redis.client, timeout=settings.limits.store_timeout_seconds, ttl=p.ttl_seconds
    )
    return PersistedQueries("apq", store, {})


class SecurityRuntime:
    def __init__(self, settings: Settings, *, authenticator: Authenticator | None = None) -> None:
        self.settings = settings
        self._injected = authenticator
        self.authenticator: Authenticator | None = None
        self.accounts: AccountServices | None = None
        self.policy: RatePolicy | None = None
        self.audit: AuditTrail | None = None
        self.key_usage: KeyUsage | None = None
        self.persisted: PersistedQueries | None = None

    @property
    def ready(self) -> bool:
        return self.authenticator is not None and self.policy is not None

    @contextlib.asynccontextmanager
    async def open(self, stores: Stores) -> AsyncIterator[SecurityRuntime]:
        s = self.settings
        secret = s.secret_key.get_secret_value().encode("utf-8")
        timeout = s.limits.store_timeout_seconds
        accounts = AccountStore(
            stores.engine, timeout=timeout, secret=secret, hasher=password_hasher(s)
        )
        sessions = SessionStore(
            stores.redis.client,
            secret=secret,
            timeout=timeout,
            ttl=s.auth.session_ttl_seconds,
            state_ttl=s.auth.state_cache_seconds,
        )
        usage = KeyUsage(accounts, interval=s.auth.key_usage_flush_seconds)
        trail = (
            AuditTrail(
                stores.engine,
                flush_seconds=s.audit.flush_seconds,
                batch_size=s.audit.batch_size,
                queue_size=s.audit.queue_size,
                partitions_ahead=s.audit.partitions_ahead,
            )
            if s.audit.enabled
            else None
        )
        async with contextlib.AsyncExitStack() as stack:
            if trail is not None:
                await stack.enter_async_context(trail.running())
            await stack.enter_async_context(usage.running())
            self.key_usage = usage
            self.persisted = persisted_queries(s, stores)
            self.audit = trail
            self.accounts = AccountServices(
                accounts=accounts, sessions=sessions, recheck_seconds=s.auth.recheck_seconds
            )
            self.authenticator = self._injected or StoreAuthenticator(
                accounts=accounts, sessions=sessions, usage=usage
            )
            limiter = RateLimiter(stores.redis.client, timeout=timeout)
            local = LocalLimits(
                limiter,
                batch=s.rate_limit.anonymous_batch,
                flush_seconds=s.rate_limit.anonymous_sync_seconds,
            )
            await stack.enter_async_context(local.running())
            self.policy = RatePolicy(
                limiter, s.rate_limit, account_lookup=accounts.account_id, local=local
            )
            try:
                yield self
            finally:
                self.authenticator = None
                self.policy = None
                self.persisted = None
