"""The hub's fan-out and its bounded queues, without Redis (the integration tier has it:
tests/integration/test_pubsub_hub.py)."""

from __future__ import annotations

import asyncio
import contextlib

import orjson
from redis.asyncio import Redis

from datasources.redis.hub import MISSED, HubSettings, PubSubHub, Subscriber


def _message(channel: str, n: int) -> dict[str, object]:
    return {"type": "message", "channel": channel.encode(), "data": orjson.dumps({"n": n})}


def _hub(queue_size: int = 4) -> PubSubHub:
    # Never connected: these tests call the reader's dispatch directly.
    return PubSubHub(Redis(), HubSettings(queue_size=queue_size))


def _drain(subscriber: Subscriber) -> list[object]:
    out = []
    while subscriber._items:
        out.append(subscriber._items.popleft())
    return out


def test_a_message_reaches_every_subscriber_of_its_channel_only() -> None:
    hub = _hub()
    a, b = Subscriber("c1", 4), Subscriber("c1", 4)
    other = Subscriber("c2", 4)
    hub._subscribers = {"c1": {a, b}, "c2": {other}}
    hub._dispatch(_message("c1", 1))
    hub._dispatch(_message("c1", 2))
    assert _drain(a) == _drain(b) == [{"n": 1}, {"n": 2}]
    assert _drain(other) == []


def test_a_full_queue_becomes_one_missed_and_the_others_lose_nothing() -> None:
    hub = _hub(queue_size=3)
    slow, fast = Subscriber("c", 3), Subscriber("c", 3)
    hub._subscribers = {"c": {slow, fast}}
    received = []
    for n in range(7):
        hub._dispatch(_message("c", n))
        received.extend(_drain(fast))
    assert received == [{"n": n} for n in range(7)]
    # 0,1,2 filled it; 3 overflowed (MISSED replaces all); 4,5 queued; 6 overflowed.
    assert _drain(slow) == [MISSED]
    assert slow.overflows == 2


def test_after_missed_the_queue_fills_again() -> None:
    subscriber = Subscriber("c", 2)
    for n in range(3):
        subscriber.offer({"n": n})
    subscriber.offer({"n": 3})
    assert _drain(subscriber) == [MISSED, {"n": 3}]


def test_garbage_and_other_message_types_are_ignored() -> None:
    hub = _hub()
    subscriber = Subscriber("c", 4)
    hub._subscribers = {"c": {subscriber}}
    hub._dispatch({"type": "message", "channel": b"c", "data": b"not json"})
    hub._dispatch({"type": "message", "channel": b"c", "data": b"[1, 2]"})
    hub._dispatch({"type": "pong", "channel": None, "data": b""})
    hub._dispatch({"type": "unsubscribe", "channel": b"c", "data": 0})
    assert _drain(subscriber) == []


def test_the_subscribe_confirmation_releases_the_waiting_subscriber() -> None:
    hub = _hub()
    hub._acked = {"c": asyncio.Event()}
    hub._dispatch({"type": "subscribe", "channel": b"c", "data": 1})
    assert hub._acked["c"].is_set()


async def test_get_waits_for_the_next_item() -> None:
    subscriber = Subscriber("c", 4)
    waiting = asyncio.create_task(subscriber.get())
    await asyncio.sleep(0)
    assert not waiting.done()
    subscriber.offer({"n": 1})
    assert await asyncio.wait_for(waiting, 1) == {"n": 1}


async def test_a_cancel_as_redis_acknowledges_still_cancels() -> None:
    """A client leaving (its subscription task cancelled) just as Redis acknowledges the
    SUBSCRIBE: Python 3.11's `asyncio.wait_for` returned the acknowledgement and dropped
    the cancel, and the subscription then waited for events forever; the socket's
    handler, and so a server's shutdown, waited on it (seen once in CI)."""
    hub = _hub()
    acked = hub._acked["c1"] = asyncio.Event()
    waiting = asyncio.create_task(hub._await_ack("c1"))
    await asyncio.sleep(0)  # waits for the acknowledgement
    acked.set()  # the acknowledgement and the cancel in the same turn of the loop
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting
    assert waiting.cancelled()
