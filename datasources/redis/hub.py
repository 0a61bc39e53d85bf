"""One Redis pub/sub connection per process, fanned out in memory to every subscriber.

A GraphQL subscription never opens a Redis connection of its own: it registers with
the process's `PubSubHub`, which SUBSCRIBEs to a channel once, when its first
subscriber arrives, and UNSUBSCRIBEs when the last one leaves. One reader task reads
the connection and puts each decoded message (decoded once, shared read-only) into
every subscriber's queue.

- Bounded queues: each subscriber holds at most `queue_size` messages. When a slow
  subscriber's queue is full, its queued messages are dropped and it receives `MISSED`
  instead: it has lost events and must re-read the stored state (the task row is the
  truth). Others are never held up by it: putting into a queue never waits.
- Idle connections: the reader waits with `get_message(timeout=...)`, which returns
  None when nothing came, and sends a PING after `ping_seconds` of silence; no reply
  within `ping_seconds` more counts as a dead connection. No socket timeout applies
  to the wait, so a quiet channel is never an error.
- Reconnecting: when the connection fails, every subscriber receives `MISSED` (events
  published while it was down are lost), and the reader reconnects with a capped
  backoff and SUBSCRIBEs to every channel that still has subscribers.
- `subscribe` returns once Redis acknowledged the channel's subscription, so whatever
  the caller reads afterwards cannot predate an event it will miss.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Final

import orjson
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from datasources.errors import UpstreamUnavailable

log = logging.getLogger("datasources.redis.hub")
STORE = "redis"
CLIENT_NAME = "curriculum-subscriptions"


class _Missed:
    """Events were lost (queue overflow or a reconnect): re-read the stored state."""

    def __repr__(self) -> str:
        return "MISSED"


MISSED: Final = _Missed()
Message = dict[str, Any]


@dataclass(frozen=True, slots=True)
class HubSettings:
    queue_size: int = 256  # messages one subscriber may have waiting
    poll_seconds: float = 1.0  # one get_message wait
    ping_seconds: float = 10.0  # silence before a PING; as long again for its reply
    subscribe_timeout: float = 5.0  # Redis must acknowledge a SUBSCRIBE within this
    reconnect_max_seconds: float = 5.0  # backoff cap (0.1 s, doubled per failure)


@dataclass(eq=False)
class Subscriber:
    """One consumer's bounded queue of messages (or MISSED)."""

    channel: str
    size: int
    _items: deque[Message | _Missed] = field(default_factory=deque)
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    overflows: int = 0

    def offer(self, item: Message | _Missed) -> None:
        """Never waits: a full queue is replaced by one MISSED."""
        if isinstance(item, _Missed) or len(self._items) >= self.size:
            if not isinstance(item, _Missed):
                self.overflows += 1
            self._items.clear()
            item = MISSED
        self._items.append(item)
        self._ready.set()

    async def get(self) -> Message | _Missed:
        while not self._items:
            self._ready.clear()
            await self._ready.wait()
        return self._items.popleft()

    def __aiter__(self) -> AsyncIterator[Message | _Missed]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Message | _Missed]:
        while True:
            yield await self.get()


class PubSubHub:
    """`async with hub.subscribe(channel) as messages: async for m in messages: ...`"""

    def __init__(self, client: Redis, settings: HubSettings | None = None) -> None:
        self.client = client  # a client of its own: no socket timeout, no health checks
        self.settings = settings or HubSettings()
        self._subscribers: dict[str, set[Subscriber]] = {}
        self._acked: dict[str, asyncio.Event] = {}
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()
        self.reconnects = 0

    @classmethod
    def from_url(
        cls, url: str, *, connect_timeout: float, settings: HubSettings | None = None
    ) -> PubSubHub:
        client = Redis.from_url(
            url,
            socket_timeout=None,  # the reader waits with get_message(timeout=...)
            socket_connect_timeout=connect_timeout,
            health_check_interval=0,  # our own PING: redis-py's would read our replies
            max_connections=1,
            client_name=CLIENT_NAME,  # so CLIENT LIST shows which connections are hubs
        )
        return cls(client, settings)

    @property
    def channels(self) -> int:
        return len(self._subscribers)

    @property
    def subscribers(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscriber]:
        """A subscriber of `channel`, once Redis has acknowledged the subscription."""
        self._start()
        subscriber = Subscriber(channel, self.settings.queue_size)
        others = self._subscribers.setdefault(channel, set())
        first = not others
        others.add(subscriber)
        try:
            if first:
                self._acked[channel] = asyncio.Event()
                await self._send("SUBSCRIBE", channel)
            await self._await_ack(channel)
            yield subscriber
        finally:
            others.discard(subscriber)
            if not others and self._subscribers.get(channel) is others:
                del self._subscribers[channel]
                self._acked.pop(channel, None)
                with contextlib.suppress(RedisError, OSError):
                    await self._send("UNSUBSCRIBE", channel)

    async def close(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
        await self._drop_connection()
        await self.client.aclose()

    def _start(self) -> None:
        if self._reader is None or self._reader.done():
            self._reader = asyncio.create_task(self._run(), name="redis-pubsub-hub")

    async def _send(self, command: str, channel: str) -> None:
        """Sent now when connected; otherwise the reconnect subscribes to every channel."""
        pubsub = self._pubsub
        if pubsub is None or not self._connected.is_set():
            return
        try:
            if command == "SUBSCRIBE":
                await pubsub.subscribe(channel)
            else:
                await pubsub.unsubscribe(channel)
        except (RedisError, OSError) as exc:
            log.warning("redis pub/sub %s failed: %s", command, exc)  # the reader reconnects

    async def _await_ack(self, channel: str) -> None:
        acked = self._acked.get(channel)
        if acked is None:
            return
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for drops a cancel that
        # arrives with the acknowledgement, and the cancelled subscription then waits
        # for events forever (and a server's shutdown with it)
        try:
            async with asyncio.timeout(self.settings.subscribe_timeout):
                await acked.wait()
        except TimeoutError:
            log.warning("redis did not acknowledge SUBSCRIBE %s in time", channel)
            raise UpstreamUnavailable(STORE, "the subscription was not acknowledged") from None

    async def _run(self) -> None:
        delay = 0.1
        while True:
            try:
                await self._connect()
                delay = 0.1
                await self._read()
            except (RedisError, OSError, TimeoutError) as exc:
                log.warning("redis pub/sub connection lost (%s); reconnecting", exc)
            await self._drop_connection()
            self.reconnects += 1
            for subscribers in self._subscribers.values():
                for subscriber in subscribers:
                    subscriber.offer(MISSED)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.settings.reconnect_max_seconds)

    async def _connect(self) -> None:
        pubsub = self.client.pubsub()
        self._pubsub = pubsub
        await pubsub.connect()
        for acked in self._acked.values():
            acked.clear()
        self._connected.set()
        if self._subscribers:
            await pubsub.subscribe(*self._subscribers)

    async def _drop_connection(self) -> None:
        self._connected.clear()
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await pubsub.aclose()

    async def _read(self) -> None:
        pubsub = self._pubsub
        assert pubsub is not None
        loop = asyncio.get_running_loop()
        heard = pinged = loop.time()
        ping = self.settings.ping_seconds
        while True:
            message = await pubsub.get_message(timeout=self.settings.poll_seconds)
            now = loop.time()
            if message is None:
                if pinged > heard and now - pinged > ping:
                    raise TimeoutError(f"no answer to PING in {ping:g} s")
                if now - heard > ping and pinged <= heard:
                    await pubsub.ping()
                    pinged = now
                continue
            heard = now
            self._dispatch(message)

    def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        channel = _text(message.get("channel"))
        if kind == "subscribe":
            acked = self._acked.get(channel)
            if acked is not None:
                acked.set()
            return
        if kind != "message":
            return  # unsubscribe confirmations, pongs
        subscribers = self._subscribers.get(channel)
        if not subscribers:
            return
        try:
            decoded = orjson.loads(message["data"])
        except orjson.JSONDecodeError:
            return  # someone published garbage; nobody can use it
        if not isinstance(decoded, dict):
            return
        for subscriber in tuple(subscribers):
            subscriber.offer(decoded)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
