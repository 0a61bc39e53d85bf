"""A background loop's stop and its last flush are bounded (datasources/background.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import pytest

from datasources import background
from datasources.background import in_background


async def test_a_loop_that_swallows_its_cancel_does_not_hold_the_exit(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(background, "STOP_SECONDS", 0.2)
    flushed: list[bool] = []

    released = asyncio.Event()

    async def stubborn() -> None:
        while not released.is_set():
            try:
                await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                continue  # a loop that catches too much

    async def never() -> None:
        await asyncio.Event().wait()

    async def flush() -> None:
        flushed.append(True)

    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="datasources.background"):
        async with in_background(stubborn, name="stubborn", then=flush):
            await asyncio.sleep(0.05)  # the loop runs
        async with in_background(stubborn, name="slow-flush", then=never):
            await asyncio.sleep(0.05)
    released.set()  # the stubborn loops end now, not with the test's event loop
    await asyncio.sleep(0.05)
    assert time.monotonic() - started < 5
    assert flushed == [True]  # the last flush still runs
    assert "background task stubborn did not stop within 0.2 s" in caplog.text
    assert "the last flush of slow-flush took over 0.2 s" in caplog.text


async def test_a_cancel_a_store_client_swallowed_is_sent_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The server-time ticker once kept ticking past SIGTERM: the cancel reached it inside
    a Redis call that turned it into an error, which the loop took for an outage. The
    loop is cancelled again until it stops, well within STOP_SECONDS."""
    swallowed: list[bool] = []

    async def store_call() -> None:
        try:
            await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            if not swallowed:
                swallowed.append(True)
                raise ConnectionError("connection closed by the cancel") from None
            raise

    async def ticking() -> None:
        while True:
            with contextlib.suppress(ConnectionError):  # an outage: keep ticking
                await store_call()
            await asyncio.sleep(0.05)

    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="datasources.background"):
        async with in_background(ticking, name="ticking"):
            await asyncio.sleep(0.01)  # inside its first store call
    assert swallowed == [True]
    assert time.monotonic() - started < 1
    assert "did not stop" not in caplog.text


async def test_a_loop_that_failed_on_its_own_raises_at_the_end() -> None:
    async def broken() -> None:
        raise ValueError("bad state")

    with pytest.raises(ValueError, match="bad state"):
        async with in_background(broken, name="broken"):
            await asyncio.sleep(0.05)
