"""At shutdown each store client gets a bounded time to close (datasources/stores.py)."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from datasources.stores import _closed


class Stuck:
    """A client whose close never returns (a store that stopped answering)."""

    async def close(self) -> None:
        await asyncio.Event().wait()


class Failing:
    async def close(self) -> None:
        raise ConnectionResetError("peer gone")


async def test_a_close_that_never_returns_is_left_behind(caplog: pytest.LogCaptureFixture) -> None:
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="datasources.stores"):
        await _closed(Stuck().close, 0.2)
    assert time.monotonic() - started < 5
    assert "closing Stuck took over 0.2 s" in caplog.text


async def test_a_close_that_fails_is_logged_and_the_rest_go_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="datasources.stores"):
        await _closed(Failing().close, 1.0)
    assert "closing Failing failed: ConnectionResetError" in caplog.text
