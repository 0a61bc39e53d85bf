"""Anonymous limits counted in process and shared through Redis in batches, on the real
Redis: one process admits exactly the limit, two processes (two limiters, each with its
own connection) at most one budget more, refusals still come from Redis, the counts
reach Redis, and the running app answers 429 at the limit."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from redis.asyncio import Redis

from datasources.errors import UpstreamUnavailable
from datasources.redis.local_limits import LocalLimits, budget
from datasources.redis.ratelimit import Limit, RateLimiter, rate_limit_key
from datasources.settings import Settings
from gateway.security.limits import RatePolicy
from gateway.security.operation import Operation
from tests.e2e.test_authz_harness import fast_settings, flush_redis, isolated, serve

pytestmark = pytest.mark.integration
QUERIES_PER_MINUTE = 50  # a budget of 5 per process
# The limiters' clock in the tests that read counts back: the middle of a window, so no
# window ends halfway through a test.
NOW = (time.time() // 60) * 60 + 30.0


@pytest.fixture(scope="module")
async def settings(stack_settings: Settings) -> AsyncIterator[Settings]:
    async with isolated(stack_settings) as own:
        yield fast_settings(own, rate_limit={"queries_per_minute": QUERIES_PER_MINUTE})


@pytest.fixture
async def connect(settings: Settings) -> AsyncIterator[Callable[[], Redis]]:
    """A new Redis client per call: one per simulated process."""
    await flush_redis(settings)
    clients: list[Redis] = []

    def open_client() -> Redis:
        clients.append(Redis.from_url(settings.redis.url))
        return clients[-1]

    try:
        yield open_client
    finally:
        for client in clients:
            await client.aclose()


def local(client: Redis, *, batch: int = 64, window: int = 60, clock=lambda: NOW) -> LocalLimits:  # type: ignore[no-untyped-def]
    limiter = RateLimiter(client, timeout=5, window_seconds=window)
    return LocalLimits(limiter, batch=batch, flush_seconds=0.02, clock=clock)


async def stored(client: Redis, limit: Limit, window_start_s: int) -> int:
    key = rate_limit_key(limit.subject, limit.endpoint, window_start_s)
    count = await client.hget(key, "count")  # type: ignore[misc]
    return int(count or 0)


def window_of(now: float, seconds: int = 60) -> int:
    return int(now // seconds * seconds)


async def test_one_process_admits_exactly_the_limit_and_redis_counts_every_hit(
    connect: Callable[[], Redis],
) -> None:
    client = connect()
    limits = local(client)
    limit = Limit(f"ip:{uuid.uuid4().hex}", "query", 200)
    async with limits.running():
        decisions = [await limits.hit(limit) for _ in range(150)]
        decisions += await asyncio.gather(*(limits.hit(limit) for _ in range(150)))
        allowed = sum(d.allowed for d in decisions)
    assert allowed == 200
    assert limits.local > 100  # most were decided without a round trip
    refused = [d for d in decisions if not d.allowed]
    assert all(d.denied_by == limit and 1 <= d.retry_after <= 120 for d in refused)
    assert await stored(client, limit, window_of(NOW)) == 200


async def test_two_processes_admit_at_most_one_budget_over_the_limit(
    connect: Callable[[], Redis],
) -> None:
    """Each process holds back at most B hits the other cannot see: the bound is
    limit + (P - 1) x B, here limit + B, and never less than the limit."""
    limit = Limit(f"ip:{uuid.uuid4().hex}", "query", 400)
    b = budget(limit.limit, 64)
    assert b == 40
    for trial in range(3):
        first, second = local(connect()), local(connect())
        subject = Limit(f"{limit.subject}:{trial}", limit.endpoint, limit.limit)
        rng = random.Random(trial)

        async def traffic(limits: LocalLimits, n: int, subject: Limit, rng: random.Random) -> int:
            admitted = 0
            for _ in range(n):
                admitted += (await limits.hit(subject)).allowed
                if rng.random() < 0.2:
                    await asyncio.sleep(rng.random() / 200)  # let syncs and the other run
            return admitted

        async with first.running(), second.running():
            counts = await asyncio.gather(
                traffic(first, 500, subject, rng), traffic(second, 500, subject, rng)
            )
        total = sum(counts)
        assert limit.limit <= total <= limit.limit + b, (trial, counts)
        # What was admitted is what Redis counted (the stop flushed the rest).
        assert await stored(connect(), subject, window_of(NOW)) == total
        assert first.local + second.local > 0


async def test_hits_reach_redis_within_the_sync_interval(connect: Callable[[], Redis]) -> None:
    client = connect()
    limits = local(client)
    other = local(connect())
    limit = Limit(f"ip:{uuid.uuid4().hex}", "query", 100)
    async with limits.running():
        for _ in range(12):
            assert (await limits.hit(limit)).allowed
        await asyncio.sleep(0.2)
        assert await stored(client, limit, window_of(NOW)) == 12
        # A second process starts from what Redis holds: 88 left, then Redis refuses.
        assert sum([(await other.hit(limit)).allowed for _ in range(95)]) == 88


async def test_a_new_window_carries_the_last_one_as_previous(connect: Callable[[], Redis]) -> None:
    """Counts of the window that ended reach its own key; the new window weighs them."""
    client = connect()
    now = [float((time.time() // 2) * 2 + 2.1)]  # early in a 2 s window
    limits = local(client, window=2, clock=lambda: now[0])
    limit = Limit(f"ip:{uuid.uuid4().hex}", "query", 100)
    first = int(now[0] // 2 * 2)
    assert sum([(await limits.hit(limit)).allowed for _ in range(100)]) == 100
    assert not (await limits.hit(limit)).allowed
    now[0] += 2.0  # the same point of the next window: 95 % of the last one still counts
    assert sum([(await limits.hit(limit)).allowed for _ in range(20)]) == 5
    await limits.flush()
    assert await stored(client, limit, first) == 100
    assert await stored(client, limit, first + 2) == 5


async def test_without_redis_the_request_goes_to_the_policy_which_lets_queries_pass(
    settings: Settings,
) -> None:
    client = Redis.from_url("redis://127.0.0.1:9/0")
    try:
        limits = local(client)
        with pytest.raises(UpstreamUnavailable):
            await limits.hit(Limit("ip:192.0.2.1", "query", 100))
        policy = RatePolicy(limits.limiter, settings.rate_limit, local=limits)
        verdict = await policy.check(Operation("query", "query me"), None, "192.0.2.1")
        assert verdict.decision.allowed
    finally:
        await client.aclose()


async def test_the_app_counts_anonymous_queries_in_process_and_stops_at_the_limit(
    settings: Settings, connect: Callable[[], Redis]
) -> None:
    async with serve(settings) as app:
        transport = httpx.ASGITransport(app=app.app, client=("198.51.100.40", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            codes = [
                (await http.post("/graphql", json={"query": "{ __typename }"})).status_code
                for _ in range(QUERIES_PER_MINUTE + 5)
            ]
            refused = await http.post("/graphql", json={"query": "{ __typename }"})
        policy = app.security.policy
        assert policy is not None and policy.local is not None
        assert policy.local.local > 0
        async with httpx.AsyncClient(base_url=app.url) as elsewhere:  # 127.0.0.1
            assert (await elsewhere.post("/graphql", json={"query": "{ __typename }"})).is_success
    assert codes == [200] * QUERIES_PER_MINUTE + [429] * 5
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    limit = Limit("ip:198.51.100.40", "query", QUERIES_PER_MINUTE)
    assert await stored(connect(), limit, window_of(time.time())) == QUERIES_PER_MINUTE


async def test_a_request_with_any_credential_header_is_not_anonymous(settings: Settings) -> None:
    """The guard skips reading credentials only when no header that can carry one is
    there: each of them, even malformed, is still checked (401), never anonymous."""
    async with serve(settings) as app, httpx.AsyncClient(base_url=app.url) as http:
        for name in ("authorization", "x-api-key", "apikey", "token", "Authorization"):
            sent = await http.post(
                "/graphql", json={"query": "{ __typename }"}, headers={name: "not-a-credential"}
            )
            assert sent.status_code == 401, (name, sent.text)
            assert sent.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        anonymous = await http.post("/graphql", json={"query": "{ __typename }"})
        assert anonymous.json() == {"data": {"__typename": "Query"}}


async def test_hits_wait_while_redis_is_down_and_are_sent_when_it_answers(
    connect: Callable[[], Redis],
) -> None:
    client = connect()
    limits = local(client)
    limit = Limit(f"ip:{uuid.uuid4().hex}", "query", 100)
    assert all([(await limits.hit(limit)).allowed for _ in range(6)])  # 1 asked, 5 held
    reachable = limits.limiter
    dead = Redis.from_url("redis://127.0.0.1:9/0")
    try:
        limits.limiter = RateLimiter(dead, timeout=1)  # the same process, Redis gone
        with pytest.raises(UpstreamUnavailable):
            await limits.flush()
    finally:
        await dead.aclose()
    assert await stored(client, limit, window_of(NOW)) == 1
    limits.limiter = reachable  # Redis answers again: the held hits are sent
    await limits.flush()
    assert await stored(client, limit, window_of(NOW)) == 6
