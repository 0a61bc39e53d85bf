"""Rate limits on the real Redis: the sliding window, atomicity under concurrency, and
the HTTP/WebSocket answers (429, Retry-After, RATE_LIMITED) of the running app."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets
from redis.asyncio import Redis

from datasources.redis.ratelimit import Guard, Limit, RateLimiter, rate_limit_key
from datasources.settings import Settings
from tests.e2e.test_authz_harness import (
    LOGIN,
    Client,
    Served,
    create_key,
    direct_account,
    fast_settings,
    flush_redis,
    isolated,
    serve,
    ws_messages,
)

pytestmark = pytest.mark.integration

LIMITS = {
    "queries_per_minute": 5,
    "mutations_per_minute": 10,
    "subscriptions_per_minute": 2,
    "login_per_minute": 4,
    "login_per_account_per_minute": 2,
}


@pytest.fixture(scope="module")
async def settings(stack_settings: Settings) -> AsyncIterator[Settings]:
    async with isolated(stack_settings) as own:
        yield fast_settings(own, rate_limit=LIMITS)


@pytest.fixture
async def clean(settings: Settings) -> None:
    """Every test starts with no counters (Redis db 13 is the security tests' own)."""
    await flush_redis(settings)


@pytest.fixture
async def redis(settings: Settings, clean: None) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.redis.url)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture(scope="module")
async def served(settings: Settings) -> AsyncIterator[Served]:
    async with serve(settings) as app:
        yield app


@pytest.fixture
async def http(served: Served, clean: None) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


def from_ip(served: Served, ip: str) -> httpx.AsyncClient:
    """The same running app, reached as if from another client address."""
    transport = httpx.ASGITransport(app=served.app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://gateway")


# -- the limiter itself ---------------------------------------------------------------


async def test_concurrent_hits_never_exceed_the_limit(redis: Redis) -> None:
    limiter = RateLimiter(redis, timeout=5)
    subject = uuid.uuid4().hex
    started = time.perf_counter()
    decisions = await asyncio.gather(
        *(limiter.hit([Limit(subject, "query", 25)]) for _ in range(200))
    )
    elapsed = time.perf_counter() - started
    assert sum(d.allowed for d in decisions) == 25
    denied = [d for d in decisions if not d.allowed]
    assert all(1 <= d.retry_after <= 120 for d in denied)
    print(f"200 concurrent hits decided in {elapsed * 1000:.1f} ms")


async def test_guards_are_read_in_the_same_round_trip(redis: Redis) -> None:
    """A missing session (E) charges nothing; a touch (T) sets last_accessed; G reads."""
    limiter = RateLimiter(redis, timeout=5)
    subject, session, state = uuid.uuid4().hex, f"s:{uuid.uuid4().hex}", f"g:{uuid.uuid4().hex}"
    limit = [Limit(subject, "query", 2)]
    missing = await limiter.hit_guarded(limit, [Guard(session, "E"), Guard(state, "G")])
    assert missing.decision is None and missing.values == (None, None)
    await redis.hset(session, mapping={"user_id": "u", "last_accessed": "then"})  # type: ignore[misc]
    await redis.set(state, "admin:1", ex=60)
    touched = await limiter.hit_guarded(limit, [Guard(session, "T", "now"), Guard(state, "G")])
    assert touched.values == (b"1", b"admin:1")
    assert touched.decision is not None and touched.decision.allowed
    assert await redis.hget(session, "last_accessed") == b"now"  # type: ignore[misc]
    await limiter.hit_guarded(limit, [Guard(session, "E")])
    over = await limiter.hit_guarded(limit, [Guard(session, "E")])
    assert over.decision is not None and not over.decision.allowed  # charged twice before
    await redis.delete(session, state)


async def test_the_window_slides(redis: Redis) -> None:
    limiter = RateLimiter(redis, timeout=5, window_seconds=2)
    subject = uuid.uuid4().hex
    base = (time.time() // 2) * 2 + 2  # the start of a window, in the near future
    limit = Limit(subject, "query", 10)
    assert all([(await limiter.hit([limit], now=base + 0.5)).allowed for _ in range(10)])
    denied = await limiter.hit([limit], now=base + 1.9)
    assert not denied.allowed and denied.retry_after >= 1
    # Halfway into the next window, 3/4 of the old window still counts: 7.5 of 10 used.
    later = [await limiter.hit([limit], now=base + 2.5) for _ in range(3)]
    assert [d.allowed for d in later] == [True, True, False]
    # Once the old window has slid out entirely, the full budget is back.
    fresh = [await limiter.hit([limit], now=base + 4.0) for _ in range(11)]
    assert sum(d.allowed for d in fresh) == 10 - 2  # the 2 allowed at +2.5 still count


async def test_retry_after_is_enough(redis: Redis) -> None:
    limiter = RateLimiter(redis, timeout=5, window_seconds=2)
    limit = Limit(uuid.uuid4().hex, "query", 4)
    now = (time.time() // 2) * 2 + 2.3
    for _ in range(4):
        assert (await limiter.hit([limit], now=now)).allowed
    denied = await limiter.hit([limit], now=now + 0.1)
    assert not denied.allowed
    assert (await limiter.hit([limit], now=now + 0.1 + denied.retry_after)).allowed


async def test_several_limits_are_charged_all_or_nothing(redis: Redis) -> None:
    limiter = RateLimiter(redis, timeout=5)
    ip, account = Limit("ip:198.51.100.7", "login", 10), Limit(uuid.uuid4().hex, "login", 1)
    assert (await limiter.hit([ip, account])).allowed
    refused = await limiter.hit([ip, account])
    assert not refused.allowed and refused.denied_by == account
    # The refused attempt did not use up the IP's budget: 9 more fit.
    other = Limit(uuid.uuid4().hex, "login", 100)
    assert sum([(await limiter.hit([ip, other])).allowed for _ in range(10)]) == 9


async def test_keys_follow_the_seed_pattern(redis: Redis) -> None:
    limiter = RateLimiter(redis, timeout=5)
    subject = str(uuid.uuid4())
    now = time.time()
    await limiter.hit([Limit(subject, "mutation", 5, cost=2)], now=now)
    window = int(now // 60 * 60)
    key = rate_limit_key(subject, "mutation", window)
    assert key == f"rate_limit:{subject}:mutation:{window}"
    stored = await redis.hgetall(key)
    assert stored[b"count"] == b"2" and int(stored[b"reset_at"]) == window + 60
    assert 0 < await redis.pttl(key) <= 120_000


# -- the running app ---------------------------------------------------------------------


def assert_limited(response: httpx.Response, endpoint: str) -> None:
    assert response.status_code == 429, response.text
    retry = int(response.headers["retry-after"])
    assert 1 <= retry <= 120
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": retry}
    assert endpoint in error["message"]


async def test_anonymous_queries_are_limited_per_client_ip(
    served: Served, http: httpx.AsyncClient
) -> None:
    for _ in range(5):
        assert (await http.post("/graphql", json={"query": "{ __typename }"})).status_code == 200
    assert_limited(await http.post("/graphql", json={"query": "{ __typename }"}), "query (5 per")
    async with from_ip(served, "203.0.113.9") as elsewhere:
        ok = await elsewhere.post("/graphql", json={"query": "{ __typename }"})
        assert ok.status_code == 200


async def test_signed_in_users_have_their_own_budget(
    served: Served, http: httpx.AsyncClient
) -> None:
    alice, bob = await direct_account(served), await direct_account(served)
    as_alice, as_bob = Client(http, token=alice.token), Client(http, token=bob.token)
    assert [(await as_alice.post("{ me { id } }")).status_code for _ in range(6)] == [200] * 5 + [
        429
    ]
    assert (await as_bob.post("{ me { id } }")).status_code == 200


async def test_concurrent_mutations_are_admitted_exactly_up_to_the_limit(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await direct_account(served)
    client = Client(http, token=account.token)
    responses = await asyncio.gather(*(client.post("mutation { __typename }") for _ in range(30)))
    assert Counter(r.status_code for r in responses) == {200: 10, 429: 20}


async def test_aliases_do_not_multiply_mutations_for_free(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await direct_account(served)
    aliases = " ".join(f"a{i}: logout" for i in range(11))
    response = await Client(http, token=account.token).post(f"mutation {{ {aliases} }}")
    assert_limited(response, "mutation (10 per")
    # Nothing ran: the session is still there.
    assert (await Client(http, token=account.token).post("{ me { id } }")).status_code == 200


async def test_login_attempts_are_limited_per_account_and_per_ip(
    served: Served, http: httpx.AsyncClient
) -> None:
    target, other = await direct_account(served), await direct_account(served)
    anonymous = Client(http)
    for _ in range(2):
        tried = await anonymous.post(LOGIN, login=target.username, password="wrong password")
        assert tried.status_code == 200
    assert_limited(
        await anonymous.post(LOGIN, login=target.email.upper(), password="x" * 10),
        "login_account (2 per",
    )
    # Another account from the same IP: the IP still has 2 of its 4 attempts.
    for _ in range(2):
        assert (await anonymous.post(LOGIN, login=other.username, password="x")).status_code == 200
    assert_limited(await anonymous.post(LOGIN, login="someone-else", password="x"), "login (4 per")
    # The account is protected from any address, the IP limit is per address.
    async with from_ip(served, "198.51.100.20") as elsewhere:
        blocked = await Client(elsewhere).post(LOGIN, login=target.username, password="x")
        assert_limited(blocked, "login_account (2 per")
        free = await Client(elsewhere).post(LOGIN, login=unique_login(), password="x")
        assert free.status_code == 200


def unique_login() -> str:
    return f"nobody{uuid.uuid4().hex[:8]}"


async def test_aliased_login_attempts_each_count(served: Served, http: httpx.AsyncClient) -> None:
    aliases = " ".join(
        f'a{i}: login(emailOrUsername: "{unique_login()}", password: "guess{i}") {{ __typename }}'
        for i in range(5)
    )
    assert_limited(await Client(http).post(f"mutation {{ {aliases} }}"), "login (4 per")


async def test_an_api_key_is_held_to_its_own_rate_limit(
    served: Served, http: httpx.AsyncClient
) -> None:
    owner = await direct_account(served)
    key, _ = await create_key(Client(http, token=owner.token), ["courses:read"], rateLimit=2)
    as_key = Client(http, key=key)
    codes = [(await as_key.post("{ me { id } }")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert_limited(await as_key.post("{ me { id } }"), "api_key (2 per")


async def test_subscriptions_over_websocket_are_limited_per_operation(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await direct_account(served)
    async with websockets.connect(
        served.ws_url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
    ) as ws:
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {account.token}"}}
        await ws.send(json.dumps(init))
        assert (await ws_messages(ws, {"connection_ack"}))[-1]["type"] == "connection_ack"
        for op_id in ("1", "2", "3"):
            await ws.send(
                json.dumps(
                    {
                        "id": op_id,
                        "type": "subscribe",
                        "payload": {"query": "subscription { serverTime }"},
                    }
                )
            )
        seen = await ws_messages(ws, {"error"})
        error = seen[-1]
        assert error["id"] == "3"
        assert error["payload"][0]["extensions"]["code"] == "RATE_LIMITED"
        # The admitted subscriptions keep running on the same socket.
        ticks = await ws_messages(ws, {"next"})
        assert ticks[-1]["id"] in {"1", "2"}


async def test_without_redis_queries_pass_and_logins_fail_closed(settings: Settings) -> None:
    down = settings.model_copy(
        update={"redis": settings.redis.model_copy(update={"url": "redis://127.0.0.1:9/0"})}
    )
    async with serve(down) as app, httpx.AsyncClient(base_url=app.url, timeout=30) as http:
        for _ in range(8):  # more than the query limit: no limiter, no limit
            assert (
                await http.post("/graphql", json={"query": "{ __typename }"})
            ).status_code == 200
        login = await Client(http).post(LOGIN, login="anyone", password="anything")
        assert login.status_code == 503
        assert login.json()["errors"][0]["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
        assert login.headers["retry-after"] == "5"
        # A session cannot be checked without Redis; an API key (in PostgreSQL) can.
        session = await Client(http, token="S" * 43).post("{ me { id } }")
        assert session.status_code == 503
        assert session.json()["errors"][0]["extensions"]["store"] == "redis"
        services = app.security.accounts
        assert services is not None
        user = await services.accounts.register(
            email=f"{unique_login()}@example.org",
            username=unique_login(),
            password="a long enough passphrase",
            full_name=None,
        )
        assert not isinstance(user, str)
        _, key = await services.accounts.create_api_key(
            user_id=user.id, name="k", permissions=["courses:read"], expires_at=None, rate_limit=5
        )
        me = await Client(http, key=key).post("{ me { id } }")
        assert me.status_code == 200 and me.json()["data"]["me"]["id"]
