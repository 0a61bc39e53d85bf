"""Which rate limits a request is charged against, and what happens when Redis is down."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from uuid import UUID

from datasources.errors import UpstreamUnavailable
from datasources.redis.local_limits import LocalLimits
from datasources.redis.ratelimit import Decision, Guard, Limit, RateLimiter
from datasources.settings import RateLimitSettings
from gateway.security.operation import Operation
from resolvers.context import Principal

log = logging.getLogger("gateway.ratelimit")
LOG_EVERY_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: Decision
    unavailable: str | None = None  # the store that could not be asked (fails closed)
    guards: tuple[bytes | None, ...] | None = None  # the guards' values; None: not read


def account_subject(account: str) -> str:
    """Attempts on a name no account has, keyed without writing the name into Redis."""
    return "account:" + hashlib.sha256(account.encode("utf-8")).hexdigest()[:32]


AccountLookup = Callable[[str], Awaitable[UUID | None]]


class RatePolicy:
    """Per principal (user id; client IP when anonymous) and operation class.

    An API key is also held to its own `rate_limit`. Password checks (login, register,
    changePassword) are limited per client IP and per account on top of that.
    Anonymous queries are counted by `local` when given (batched, see its module);
    everything else is decided by Redis on each request.
    """

    def __init__(
        self,
        limiter: RateLimiter,
        settings: RateLimitSettings,
        *,
        account_lookup: AccountLookup | None = None,
        local: LocalLimits | None = None,
    ) -> None:
        self.limiter = limiter
        self.settings = settings
        self.account_lookup = account_lookup
        self.local = local
        self._last_outage_log = 0.0

    async def _accounts(self, op: Operation, principal: Principal | None) -> Counter[str]:
        """Login attempts per account: the same account by email or by username is one."""
        subjects: Counter[str] = Counter()
        for name in op.login_accounts:
            found = await self.account_lookup(name) if self.account_lookup else None
            subjects[str(found) if found else account_subject(name)] += 1
        if principal is not None and "changePassword" in op.root_fields:
            subjects[str(principal.user_id)] += op.root_fields.count("changePassword")
        return subjects

    def limits_for(
        self,
        op: Operation,
        principal: Principal | None,
        ip: str,
        accounts: Counter[str] | None = None,
    ) -> list[Limit]:
        s = self.settings
        subject = str(principal.user_id) if principal else f"ip:{ip}"
        per_class = {
            "mutation": s.mutations_per_minute,
            "subscription": s.subscriptions_per_minute,
        }
        endpoint = op.kind if op.kind in per_class else "query"
        limits = [Limit(subject, endpoint, per_class.get(endpoint, s.queries_per_minute), op.cost)]
        if principal is not None and principal.api_key_id is not None and principal.rate_limit:
            limits.append(
                Limit(str(principal.api_key_id), "api_key", principal.rate_limit, op.cost)
            )
        if op.password_attempts:
            limits.append(Limit(f"ip:{ip}", "login", s.login_per_minute, op.password_attempts))
            limits.extend(
                Limit(subject, "login_account", s.login_per_account_per_minute, n)
                for subject, n in sorted((accounts or Counter()).items())
            )
        return limits

    async def check(
        self,
        op: Operation | None,
        principal: Principal | None,
        ip: str,
        guards: tuple[Guard, ...] = (),
    ) -> Verdict:
        """Charge the request's limits; `guards` (the caller's credentials, see
        StoreAuthenticator.claim) are read in the same round trip. No operation (a
        route other than /graphql) is charged nothing."""
        charged = op is not None and self.settings.enabled
        if not charged and not guards:
            return Verdict(Decision(allowed=True))
        try:
            limits: list[Limit] = []
            if op is not None and charged:
                accounts = await self._accounts(op, principal) if op.password_attempts else None
                limits = self.limits_for(op, principal, ip, accounts)
            if not guards:
                if self.local is not None and _anonymous_query(principal, limits):
                    return Verdict(await self.local.hit(limits[0]))
                return Verdict(await self.limiter.hit(limits))
            found = await self.limiter.hit_guarded(limits, guards)
            return Verdict(found.decision or Decision(allowed=True), guards=found.values)
        except UpstreamUnavailable as exc:
            now = time.monotonic()
            if now - self._last_outage_log > LOG_EVERY_SECONDS:
                self._last_outage_log = now
                log.warning("rate limits not checked (%s down): requests pass", exc.store)
            if op is not None and op.password_attempts:
                # Password guessing stays limited; sign-in needs Redis for the session anyway.
                return Verdict(Decision(allowed=False, retry_after=5), unavailable=exc.store)
            return Verdict(Decision(allowed=True))


def _anonymous_query(principal: Principal | None, limits: list[Limit]) -> bool:
    """A query (or an unreadable request, charged as one) with no credentials: its one
    limit is the client IP's. Mutations, logins and every signed-in caller stay exact."""
    return principal is None and len(limits) == 1 and limits[0].endpoint == "query"
