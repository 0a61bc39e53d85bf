"""Which rate limits a request is charged against, and what happens when Redis is down."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass

from datasources.errors import UpstreamUnavailable
from datasources.redis.ratelimit import Decision, Limit, RateLimiter
from gateway.security.operation import Operation
from gateway.settings import RateLimitSettings
from resolvers.context import Principal

log = logging.getLogger("gateway.ratelimit")
LOG_EVERY_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: Decision
    unavailable: bool = False  # the limiter could not be asked and this class fails closed


def account_subject(account: str) -> str:
    """Login attempts per account, keyed without writing the email into Redis."""
    return "account:" + hashlib.sha256(account.encode("utf-8")).hexdigest()[:32]


class RatePolicy:
    """Per principal (user id; client IP when anonymous) and operation class.

    An API key is also held to its own `rate_limit`. Password checks (login, register,
    changePassword) are limited per client IP and per account on top of that.
    """

    def __init__(self, limiter: RateLimiter, settings: RateLimitSettings) -> None:
        self.limiter = limiter
        self.settings = settings
        self._last_outage_log = 0.0

    def limits_for(self, op: Operation, principal: Principal | None, ip: str) -> list[Limit]:
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
            accounts = Counter(op.login_accounts)
            if principal is not None and "changePassword" in op.root_fields:
                accounts[str(principal.user_id)] += op.root_fields.count("changePassword")
            limits.extend(
                Limit(account_subject(a), "login", s.login_per_account_per_minute, n)
                for a, n in sorted(accounts.items())
            )
        return limits

    async def check(self, op: Operation, principal: Principal | None, ip: str) -> Verdict:
        if not self.settings.enabled:
            return Verdict(Decision(allowed=True))
        try:
            return Verdict(await self.limiter.hit(self.limits_for(op, principal, ip)))
        except UpstreamUnavailable:
            now = time.monotonic()
            if now - self._last_outage_log > LOG_EVERY_SECONDS:
                self._last_outage_log = now
                log.warning("rate limiter unavailable (Redis down): queries pass unlimited")
            if op.password_attempts:
                # Password guessing stays limited; sign-in needs Redis for the session anyway.
                return Verdict(Decision(allowed=False, retry_after=5), unavailable=True)
            return Verdict(Decision(allowed=True))
