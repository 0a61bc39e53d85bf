"""Every key our code writes to Redis expires (the seed's TTLs), so nothing piles up
in the instance that never evicts; the only exceptions are arq's own queue keys."""

from __future__ import annotations

import uuid

import pytest
from arq.constants import default_queue_name

from datasources.redis.queue import enqueue, open_queue
from datasources.redis.ratelimit import Limit, RateLimiter
from datasources.redis.sessions import SessionStore
from datasources.redis.store import COURSE_CACHE_TTL, course_cache_key
from datasources.settings import Settings
from datasources.stores import Stores

pytestmark = pytest.mark.integration
# arq's sorted set of queued job ids: it must never expire (it is the queue).
WITHOUT_TTL = {default_queue_name}


async def test_every_writer_sets_a_ttl(
    stores: Stores, test_settings: Settings, clean_redis: None
) -> None:
    main, cache = stores.redis.client, stores.redis.cache
    sessions = SessionStore(main, secret=b"s" * 32, timeout=5.0)
    await sessions.create(uuid.uuid4())
    await RateLimiter(main, timeout=5.0).hit([Limit("ip:127.0.0.1", "query", 100)])
    await stores.redis.set_json_many(
        {course_cache_key(uuid.uuid4()): {"a": 1}}, ttl=COURSE_CACHE_TTL
    )
    queue = await open_queue(test_settings.redis.url)
    try:
        assert await enqueue(queue, task_type="export", task_id=uuid.uuid4())
    finally:
        await queue.aclose()

    seen = {}
    for client in {id(main): main, id(cache): cache}.values():
        async for key in client.scan_iter():
            seen[key.decode()] = await client.ttl(key)
    assert any(k.startswith("session:") for k in seen)
    assert any(k.startswith("user_sessions:") for k in seen)
    assert any(k.startswith("rate_limit:") for k in seen)
    assert any(k.startswith("cache:courses:") for k in seen)
    assert any(k.startswith("arq:job:") for k in seen)
    forever = {k for k, ttl in seen.items() if ttl < 0} - WITHOUT_TTL
    assert forever == set(), forever
    # Sessions last the seed's 24 h, a cached course an hour.
    assert max(t for k, t in seen.items() if k.startswith("session:")) <= 86_400
    assert max(t for k, t in seen.items() if k.startswith("cache:courses:")) <= 3600
