"""Credentials re-checked once per caller per interval in a process, for all of its
subscriptions at once.

A subscription runs only while its caller's credentials hold (resolvers/progress.py,
`while_authorized`). Checked per subscription, 10,000 subscriptions of one session
made 10,000 Redis + PostgreSQL reads per interval, and in a busy process those reads
timed out and ended streams (BENCHMARKS.md, "Subscribers on one gateway"). Here a
caller (its session or API key, and user: `Principal` identity) is one entry while
any of its subscriptions runs in the process:

- One ticker task per entry checks again `interval` seconds after the last check
  started, and ends every holder when the credentials no longer hold. A check that
  fails (the store did not answer) is tried again, and the holders end with its
  error only when the last verdict is two intervals old (fail closed, one interval
  later than a revocation: one timeout no longer ends thousands of streams at once).
- A new subscription is admitted on the entry's last verdict while that verdict is
  younger than `interval`: the ticker's next check starts within `interval` of it, so
  a revocation still ends every stream within `interval` (plus the check's own time).
  Otherwise it checks now; subscriptions starting together share that one check.
- A holder learns through `Guard.end`; see `while_authorized` for how its stream ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from typing import Final


class _Revoked:
    def __repr__(self) -> str:
        return "REVOKED"


REVOKED: Final = _Revoked()
Reason = _Revoked | BaseException
RETRIES = 4  # failed checks are tried again this many times per interval


class Revoked(Exception):
    """The caller's credentials no longer hold."""


Check = Callable[[], Awaitable[bool]]


class Guard:
    """One subscription's hold on its caller's entry.

    `reason` is set once when the subscription must end: REVOKED, or the check's error.
    While `waiting` (the subscription's task awaits its next event), ending it also
    cancels `task`, so a quiet stream ends at once rather than at its next event.
    """

    __slots__ = ("reason", "task", "waiting")

    def __init__(self) -> None:
        self.reason: Reason | None = None
        self.task: asyncio.Task[object] | None = None
        self.waiting = False

    def end(self, reason: Reason) -> None:
        if self.reason is not None:
            return
        self.reason = reason
        if self.waiting and self.task is not None:
            self.task.cancel()


class _Entry:
    __slots__ = ("check", "checked", "guards", "inflight", "ticker", "verdict")

    def __init__(self, check: Check) -> None:
        self.check = check  # the first holder's; every holder has the same credentials
        self.guards: set[Guard] = set()
        self.verdict = False
        self.checked = float("-inf")  # monotonic start of the check that gave `verdict`
        self.inflight: asyncio.Future[bool] | None = None
        self.ticker: asyncio.Task[None] | None = None


class CredentialWatch:
    """`async with watch.hold(key, check) as guard:` while a subscription runs."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._entries: dict[Hashable, _Entry] = {}
        self.checks = 0  # store checks made (tests and the benchmark read it)

    @property
    def callers(self) -> int:
        return len(self._entries)

    @contextlib.asynccontextmanager
    async def hold(self, key: Hashable, check: Check) -> AsyncIterator[Guard]:
        """A guard once the caller is admitted; raises the check's error, or
        `Revoked` when the credentials do not hold."""
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = _Entry(check)
        guard = Guard()
        entry.guards.add(guard)
        try:
            fresh = entry.verdict and time.monotonic() - entry.checked < self.interval
            if not fresh and not await self._check(entry):
                self._end(key, entry, REVOKED)
            reason = guard.reason
            if reason is not None:
                raise reason if isinstance(reason, BaseException) else Revoked()
            if entry.ticker is None:
                entry.ticker = asyncio.create_task(self._tick(key, entry), name="credential-watch")
            yield guard
        finally:
            entry.guards.discard(guard)
            if not entry.guards and self._entries.get(key) is entry:
                self._drop(key, entry)

    async def _check(self, entry: _Entry) -> bool:
        """The entry's check, shared with whoever else asks while it runs."""
        if entry.inflight is None:
            entry.inflight = asyncio.ensure_future(self._run_check(entry))
        # Shielded: one waiter leaving (its client went away) must not cancel the others'.
        return await asyncio.shield(entry.inflight)

    async def _run_check(self, entry: _Entry) -> bool:
        started = time.monotonic()
        self.checks += 1
        try:
            verdict = await entry.check()
        finally:
            entry.inflight = None
        entry.verdict, entry.checked = verdict, started
        return verdict

    async def _tick(self, key: Hashable, entry: _Entry) -> None:
        while True:
            await asyncio.sleep(max(0.0, entry.checked + self.interval - time.monotonic()))
            try:
                holds = await self._check(entry)
            except Exception as exc:
                # One failed check (mostly a store timeout in a busy process) would
                # end every subscription of the caller at once: it is tried again
                # until the last verdict is two intervals old, and only then do the
                # holders end, with the error (fail closed).
                if time.monotonic() - entry.checked >= 2 * self.interval:
                    self._end(key, entry, exc)
                    return
                await asyncio.sleep(self.interval / RETRIES)
                continue
            if not holds:
                self._end(key, entry, REVOKED)
                return

    def _end(self, key: Hashable, entry: _Entry, reason: Reason) -> None:
        for guard in tuple(entry.guards):
            guard.end(reason)
        if self._entries.get(key) is entry:
            self._drop(key, entry)

    def _drop(self, key: Hashable, entry: _Entry) -> None:
        """Forget the entry: the next subscription of this caller checks afresh."""
        del self._entries[key]
        ticker, entry.ticker = entry.ticker, None
        if ticker is not None and ticker is not asyncio.current_task():
            ticker.cancel()
