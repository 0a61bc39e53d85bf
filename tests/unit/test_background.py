"""A background loop's stop and its last flush are bounded (datasources/background.py)."""

from __future__ import annotations

import asyncio
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


async def test_a_loop_that_failed_on_its_own_raises_at_the_end() -> None:
    async def broken() -> None:
        raise ValueError("bad state")

    with pytest.raises(ValueError, match="bad state"):
        async with in_background(broken, name="broken"):
            await asyncio.sleep(0.05)
