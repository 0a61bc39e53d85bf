"""One rate limit per subject counted in process and shared through Redis in batches.

The gateway uses it for anonymous queries (per client IP, gateway/security/limits.py):
a Redis round trip per `{ __typename }` cost more CPU than the rest of the request.
Each subject's state is the window's shared count as Redis last answered (`current`,
`previous`) plus the hits admitted here since then (`pending`, and `sending` while a
flush is on its way). A request is admitted here, with no round trip, only when

- the state was synced less than FRESH_SECONDS ago, in the current window,
- the estimate (`previous x weight + current + pending + sending + cost`) is within the
  limit, exactly as the Redis script computes it, and
- the hits not yet in Redis stay within the budget `B = min(batch, limit // 10)`.

Anything else goes to Redis at once (`RateLimiter.sync`: this process's pending hits and
the request's check in one atomic call), so every refusal, its Retry-After, and every
decision at the edge of the limit is made by Redis as before. A background task sends
the pending hits every `flush_seconds`, or as soon as half a budget waits.

Bound (docs/security.md): one process alone admits exactly the limit. P processes
sharing Redis admit at most `limit + (P - 1) x B` per window and subject: each process
holds at most B hits the others cannot see, and admits on its own only while its last
reading of Redis plus its own unsent hits leave room.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from datasources.background import in_background
from datasources.errors import UpstreamUnavailable
from datasources.redis.ratelimit import Decision, Limit, RateLimiter, Sync, Synced

log = logging.getLogger("datasources.ratelimit")
# A state read longer ago than this is read again before anything is admitted on it.
FRESH_SECONDS = 1.0
# B is at most this fraction of the limit: the overshoot per other process is ≤ 10 %.
SHARE_DIVISOR = 10
MAX_SUBJECTS = 10_000
LOG_EVERY_SECONDS = 30.0
RETRY_SECONDS = 1.0


@dataclass(slots=True)
class _State:
    limit: Limit  # the last request's limit (its subject and endpoint never change)
    window: int  # epoch milliseconds: the window the counts belong to
    current: int = 0  # Redis's count of the window at the last sync (ours included)
    previous: int = 0  # and of the window before it
    pending: int = 0  # admitted here, not yet sent
    sending: int = 0  # in a sync that has not answered yet
    synced_at: float = -math.inf  # monotonic time the last sync was sent


def budget(limit: int, batch: int) -> int:
    """How many hits one process may hold back from Redis for a limit."""
    return max(0, min(batch, limit // SHARE_DIVISOR))


class LocalLimits:
    def __init__(
        self,
        limiter: RateLimiter,
        *,
        batch: int,
        flush_seconds: float,
        max_subjects: int = MAX_SUBJECTS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.limiter = limiter
        self.batch = batch
        self.flush_seconds = flush_seconds
        self.max_subjects = max_subjects
        self.clock = clock
        self.asked = 0  # requests that went to Redis (tests and benchmarks read these)
        self.local = 0  # requests decided here
        self._states: dict[tuple[str, str], _State] = {}
        self._leftovers: list[Sync] = []  # pending hits of a window that has ended
        self._due = asyncio.Event()  # a flush is due now (half a budget waits)
        self._waiting = asyncio.Event()  # something waits to be sent
        self._last_error_log = 0.0

    async def hit(self, limit: Limit) -> Decision:
        """Admit and count, here when the state allows it, else through Redis."""
        window_ms = self.limiter.window_seconds * 1000
        now_ms = int(self.clock() * 1000)
        start = now_ms - now_ms % window_ms
        key = (limit.subject, limit.endpoint)
        state = self._states.get(key)
        if state is not None and state.window == start:
            room = budget(limit.limit, self.batch)
            unsent = state.pending + state.sending
            if unsent + limit.cost <= room and time.monotonic() - state.synced_at < FRESH_SECONDS:
                weight = (window_ms - (now_ms - start)) / window_ms
                estimate = state.previous * weight + state.current + unsent
                if estimate + limit.cost <= limit.limit:
                    state.pending += limit.cost
                    self.local += 1
                    self._waiting.set()
                    if 2 * (unsent + limit.cost) >= room:
                        self._due.set()
                    return Decision(
                        allowed=True, remaining=math.floor(limit.limit - estimate - limit.cost)
                    )
        return await self._ask(key, limit, state, start, now_ms)

    async def _ask(
        self, key: tuple[str, str], limit: Limit, state: _State | None, start: int, now_ms: int
    ) -> Decision:
        """The request decided by Redis, with this subject's pending hits sent first."""
        self.asked += 1
        entries: list[Sync] = []
        carried = 0  # hits of the window before, ours, that Redis may not have yet
        if state is not None and state.window != start:
            carried = state.current + state.pending + state.sending
            if state.pending:
                entries.append(Sync(state.limit, state.window, state.pending))
            state = None
            del self._states[key]
        if state is None and len(self._states) < self.max_subjects:
            state = self._states[key] = _State(limit, start)
        pending = 0
        if state is not None:
            state.limit = limit
            pending, state.pending = state.pending, 0
            state.sending += pending
        entries.append(Sync(limit, start, pending, check=True))
        sent_at = time.monotonic()
        try:
            found = (await self.limiter.sync(entries, now=now_ms / 1000))[-1]
        except UpstreamUnavailable:
            if state is not None:  # sent again with the next sync
                state.sending -= pending
                state.pending += pending
            self._leftovers.extend(e for e in entries[:-1])
            self._waiting.set()  # the background sync retries them
            raise
        if state is not None:
            state.sending -= pending
            self._learn(state, found, sent_at, carried)
        assert found.decision is not None
        decision = found.decision
        if decision.allowed:
            weight = (now_ms - start) / (self.limiter.window_seconds * 1000)
            estimate = found.previous * (1 - weight) + found.current
            decision = Decision(allowed=True, remaining=max(0, math.floor(limit.limit - estimate)))
        return decision

    @staticmethod
    def _learn(state: _State, found: Synced, sent_at: float, carried: int = 0) -> None:
        # Counts only grow within a window: an answer overtaken by a newer one is ignored.
        state.current = max(state.current, found.current)
        state.previous = max(state.previous, found.previous, carried)
        state.synced_at = max(state.synced_at, sent_at)

    async def flush(self) -> None:
        """Send every pending hit (one round trip for all subjects)."""
        self._due.clear()
        self._waiting.clear()
        leftovers, self._leftovers = self._leftovers, []
        batch = [(s, s.pending) for s in self._states.values() if s.pending]
        if not batch and not leftovers:
            return
        entries = leftovers + [Sync(s.limit, s.window, n) for s, n in batch]
        for state, n in batch:
            state.pending -= n
            state.sending += n
        sent_at = time.monotonic()
        try:
            found = await self.limiter.sync(entries, now=self.clock())
        except UpstreamUnavailable as exc:
            for state, n in batch:
                state.sending -= n
                state.pending += n
            self._leftovers = leftovers + self._leftovers
            self._waiting.set()
            now = time.monotonic()
            if now - self._last_error_log > LOG_EVERY_SECONDS:
                self._last_error_log = now
                log.warning("anonymous rate-limit counts wait (%s down)", exc.store)
            raise
        for (state, n), synced in zip(batch, found[len(leftovers) :], strict=True):
            state.sending -= n
            key = (state.limit.subject, state.limit.endpoint)
            if self._states.get(key) is state:
                self._learn(state, synced, sent_at)

    def prune(self) -> None:
        """Forget subjects with nothing unsent whose counts are stale anyway."""
        stale = time.monotonic() - FRESH_SECONDS
        for key in [k for k, s in self._states.items() if s.synced_at < stale]:
            state = self._states[key]
            if not state.pending and not state.sending:
                del self._states[key]

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[LocalLimits]:
        async with in_background(self._run, name="rate-limit-sync", then=self._last_flush):
            yield self

    async def _last_flush(self) -> None:
        with contextlib.suppress(UpstreamUnavailable):  # counts of a stopping process
            await self.flush()

    async def _run(self) -> None:
        last_prune = time.monotonic()
        while True:
            await self._waiting.wait()
            with contextlib.suppress(TimeoutError):  # wait for a batch, at most this long
                async with asyncio.timeout(self.flush_seconds):
                    await self._due.wait()
            try:
                await self.flush()
            except UpstreamUnavailable:  # the hits wait and go with a later sync
                await asyncio.sleep(RETRY_SECONDS)
            except Exception:
                log.exception("anonymous rate-limit counts could not be sent")
                await asyncio.sleep(RETRY_SECONDS)
            if time.monotonic() - last_prune > FRESH_SECONDS:
                last_prune = time.monotonic()
                self.prune()
