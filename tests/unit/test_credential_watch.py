"""resolvers.credentials: one check per caller per interval, shared by its subscriptions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import GraphQLError

from datasources.errors import UpstreamUnavailable
from resolvers.credentials import REVOKED, CredentialWatch, Revoked
from resolvers.progress import while_authorized


class Credentials:
    """A fake store answer: valid until revoked; counts the checks that reach it."""

    def __init__(self, delay: float = 0.0) -> None:
        self.valid = True
        self.failing = False
        self.calls = 0
        self.delay = delay

    async def check(self) -> bool:
        self.calls += 1
        await asyncio.sleep(self.delay)
        if self.failing:
            raise UpstreamUnavailable("redis", "timed out")
        return self.valid


async def test_holders_of_one_caller_share_one_check_per_interval() -> None:
    watch = CredentialWatch(interval=0.2)
    creds = Credentials(delay=0.01)
    entered = asyncio.Event()
    holders = 0

    async def hold() -> None:
        nonlocal holders
        async with watch.hold("session-1", creds.check):
            holders += 1
            if holders == 50:
                entered.set()
            await asyncio.sleep(0.5)

    tasks = [asyncio.create_task(hold()) for _ in range(50)]
    await asyncio.wait_for(entered.wait(), 5)
    assert creds.calls == 1  # fifty admissions started together: one check
    await asyncio.gather(*tasks)
    # ~0.5 s of holding at 0.2 s: the admission and two or three ticks, not 50 of each.
    assert 2 <= creds.calls <= 4
    assert watch.callers == 0  # the last holder gone, the caller is forgotten


async def test_a_fresh_verdict_admits_without_a_check_and_a_stale_one_checks() -> None:
    watch = CredentialWatch(interval=0.3)
    creds = Credentials()
    async with watch.hold("k", creds.check), watch.hold("k", creds.check):
        assert creds.calls == 1
    async with watch.hold("k", creds.check):
        assert creds.calls == 2  # nobody held it: forgotten, checked again


async def test_each_caller_is_checked_on_its_own() -> None:
    watch = CredentialWatch(interval=10)
    a, b = Credentials(), Credentials()
    b.valid = False
    async with watch.hold("a", a.check):
        with pytest.raises(Revoked):
            async with watch.hold("b", b.check):
                pass
    assert (a.calls, b.calls) == (1, 1)


async def test_a_revocation_ends_every_holder_within_the_interval() -> None:
    watch = CredentialWatch(interval=0.2)
    creds = Credentials()
    reasons: list[object] = []
    ready = asyncio.Event()
    held = 0

    async def hold() -> None:
        nonlocal held
        async with watch.hold("s", creds.check) as guard:
            held += 1
            if held == 10:
                ready.set()
            for _ in range(200):  # polled: a guard has no event of its own to wait on
                if guard.reason is not None:
                    break
                await asyncio.sleep(0.01)
            reasons.append(guard.reason)

    tasks = [asyncio.create_task(hold()) for _ in range(10)]
    await ready.wait()
    creds.valid = False
    revoked_at = asyncio.get_running_loop().time()
    await asyncio.wait_for(asyncio.gather(*tasks), 2)
    assert asyncio.get_running_loop().time() - revoked_at < 0.2 + 0.1
    assert reasons == [REVOKED] * 10
    assert watch.callers == 0
    with pytest.raises(Revoked):  # a new subscription of that caller checks afresh
        async with watch.hold("s", creds.check):
            pass


async def test_a_failed_check_ends_the_holders_with_its_error() -> None:
    watch = CredentialWatch(interval=0.1)
    creds = Credentials()
    async with watch.hold("s", creds.check) as guard:
        creds.failing = True
        for _ in range(50):
            if guard.reason is not None:
                break
            await asyncio.sleep(0.02)
        assert isinstance(guard.reason, UpstreamUnavailable)


async def test_a_check_that_fails_once_is_tried_again_and_ends_nothing() -> None:
    watch = CredentialWatch(interval=0.2)
    creds = Credentials()
    async with watch.hold("s", creds.check) as guard:
        creds.failing = True
        await asyncio.sleep(0.25)  # the first tick fails
        creds.failing = False
        await asyncio.sleep(0.3)  # a retry answers within two intervals
        assert guard.reason is None
        assert creds.calls >= 3


async def test_a_failed_admission_fails_only_that_subscription() -> None:
    watch = CredentialWatch(interval=10)
    creds = Credentials()
    creds.failing = True
    with pytest.raises(UpstreamUnavailable):
        async with watch.hold("s", creds.check):
            pass
    assert watch.callers == 0


# -- while_authorized over the watch -------------------------------------------------


class _Accounts:
    def __init__(self, watch: CredentialWatch) -> None:
        self.watch = watch
        self.recheck_seconds = watch.interval


class _Principal:
    user_id = "u"
    session_id = "s"
    api_key_id = None


class _Ctx:
    def __init__(self, watch: CredentialWatch) -> None:
        self.principal = _Principal()
        self.accounts = _Accounts(watch)


def _watched(monkeypatch: pytest.MonkeyPatch, interval: float) -> tuple[Credentials, Any]:
    """Fake credentials behind a context whose caller has a session."""
    creds = Credentials()
    monkeypatch.setattr("resolvers.progress.credentials_hold", lambda _s, _p: creds.check())
    return creds, _Ctx(CredentialWatch(interval=interval))


async def _quiet(closed: list[bool]) -> AsyncIterator[int]:
    """One item, then nothing for a long while (a task that makes no progress)."""
    try:
        yield 1
        await asyncio.sleep(3600)
        yield 2
    finally:
        closed.append(True)


async def test_a_quiet_stream_is_ended_at_once_with_unauthenticated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    creds, ctx = _watched(monkeypatch, 0.1)
    closed: list[bool] = []
    stream = while_authorized(ctx, _quiet(closed))
    assert await anext(stream) == 1
    creds.valid = False
    with pytest.raises(GraphQLError) as ended:
        await asyncio.wait_for(anext(stream), 1)
    assert ended.value.extensions == {"code": "UNAUTHENTICATED"}
    assert closed == [True]  # the inner stream was closed (its hub subscription with it)
    assert not asyncio.current_task().cancelling()  # type: ignore[union-attr]


async def test_a_cancellation_from_elsewhere_still_cancels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, ctx = _watched(monkeypatch, 10)
    closed: list[bool] = []

    async def consume() -> None:
        async for _ in while_authorized(ctx, _quiet(closed)):
            pass

    task = asyncio.create_task(consume())
    await asyncio.sleep(0.05)
    task.cancel()  # the client went away: strawberry cancels the operation's task
    with pytest.raises(asyncio.CancelledError):
        await task
    assert closed == [True]
    assert ctx.accounts.watch.callers == 0
