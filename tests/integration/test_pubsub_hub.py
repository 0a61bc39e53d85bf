"""The subscription hub against the real Redis: one connection for every subscriber,
fan-out, a slow subscriber told it missed events, quiet channels, and reconnecting
after Redis drops the connection."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import Redis

from datasources.redis.hub import MISSED, HubSettings, PubSubHub, Subscriber
from datasources.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
async def redis(test_settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(test_settings.redis.url)
    try:
        yield client
    finally:
        await client.aclose()


def _hub(settings: Settings, **options: Any) -> PubSubHub:
    return PubSubHub.from_url(
        settings.redis.url, connect_timeout=5, settings=HubSettings(**options)
    )


async def _hub_connections(redis: Redis, hub: PubSubHub) -> list[dict[str, Any]]:
    """The server's view of the hub's connection(s): those named by its client id."""
    name = hub.client.connection_pool.connection_kwargs["client_name"]
    return [c for c in await redis.client_list() if c.get("name") == name]


def _named(settings: Settings, **options: Any) -> PubSubHub:
    hub = _hub(settings, **options)
    hub.client.connection_pool.connection_kwargs["client_name"] = f"hub-{uuid.uuid4().hex[:8]}"
    return hub


async def _next(subscriber: Subscriber) -> Any:
    return await asyncio.wait_for(subscriber.get(), 5)


async def test_many_subscribers_share_one_connection_and_each_gets_every_message(
    test_settings: Settings, redis: Redis
) -> None:
    hub = _named(test_settings)
    channels = [f"test:hub:{uuid.uuid4()}" for _ in range(3)]
    try:
        async with (
            hub.subscribe(channels[0]) as a,
            hub.subscribe(channels[0]) as b,
            hub.subscribe(channels[1]) as c,
            hub.subscribe(channels[2]) as d,
        ):
            connections = await _hub_connections(redis, hub)
            assert len(connections) == 1, connections
            assert connections[0]["sub"] == "3"  # one SUBSCRIBE per channel, not per subscriber
            assert await redis.publish(channels[0], b'{"n": 1}') == 1
            await redis.publish(channels[1], b'{"n": 2}')
            assert await _next(a) == {"n": 1} and await _next(b) == {"n": 1}
            assert await _next(c) == {"n": 2}
            assert not d._items
        assert hub.channels == 0
        await asyncio.sleep(0.2)  # the UNSUBSCRIBEs reach Redis
        assert await redis.publish(channels[0], b"{}") == 0
    finally:
        await hub.close()


async def test_a_slow_subscriber_gets_missed_and_does_not_hold_up_the_others(
    test_settings: Settings, redis: Redis
) -> None:
    hub = _hub(test_settings, queue_size=10)
    channel = f"test:hub:{uuid.uuid4()}"
    try:
        async with hub.subscribe(channel) as slow, hub.subscribe(channel) as fast:
            received: list[Any] = []

            async def read() -> None:
                while len(received) < 100:
                    received.append(await fast.get())

            reader = asyncio.create_task(read())
            for n in range(100):
                await redis.publish(channel, f'{{"n": {n}}}')
            await asyncio.wait_for(reader, 10)
            assert received == [{"n": n} for n in range(100)]
            first = await _next(slow)
            assert first is MISSED
            assert slow.overflows > 0
            assert len(slow._items) <= 10
    finally:
        await hub.close()


async def test_a_quiet_channel_outlives_the_socket_timeout(
    test_settings: Settings, redis: Redis
) -> None:
    """What broke before the hub: an idle subscription read timed out after the
    client's socket_timeout. The hub's reader waits in short polls and PINGs."""
    hub = _hub(test_settings, poll_seconds=0.2, ping_seconds=0.5)
    channel = f"test:hub:{uuid.uuid4()}"
    try:
        async with hub.subscribe(channel) as subscriber:
            await asyncio.sleep(3)  # several polls and PINGs with nothing published
            await redis.publish(channel, b'{"late": true}')
            assert await _next(subscriber) == {"late": True}
            assert hub.reconnects == 0
    finally:
        await hub.close()


async def test_it_reconnects_when_redis_drops_the_connection(
    test_settings: Settings, redis: Redis
) -> None:
    hub = _named(test_settings)
    channel = f"test:hub:{uuid.uuid4()}"
    try:
        async with hub.subscribe(channel) as subscriber:
            (connection,) = await _hub_connections(redis, hub)
            await redis.client_kill_filter(_id=connection["id"])
            assert await _next(subscriber) is MISSED  # events may have been lost meanwhile
            for _ in range(50):  # resubscribed after the backoff
                if await redis.publish(channel, b'{"after": 1}') == 1:
                    break
                await asyncio.sleep(0.1)
            assert await _next(subscriber) == {"after": 1}
            assert hub.reconnects == 1
            assert len(await _hub_connections(redis, hub)) == 1
    finally:
        await hub.close()


async def test_subscribing_while_redis_is_unreachable_fails_clearly() -> None:
    hub = PubSubHub.from_url(
        "redis://127.0.0.1:1/0", connect_timeout=0.5, settings=HubSettings(subscribe_timeout=1)
    )
    try:
        with pytest.raises(Exception, match="redis is unavailable"):
            async with hub.subscribe("test:hub:nowhere"):
                pass
        assert hub.channels == 0
    finally:
        await hub.close()
