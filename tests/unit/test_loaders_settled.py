"""loaders.settled: a finished future's value at once, otherwise an awaitable."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from resolvers.loaders import settled


async def test_a_finished_future_gives_the_value_at_once() -> None:
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    done.set_result(20)
    assert settled(done, lambda v: v + 1) == 21


async def test_a_pending_future_gives_an_awaitable_of_the_same_value() -> None:
    pending: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    later = settled(pending, lambda v: v + 1)
    assert inspect.isawaitable(later)
    pending.set_result(20)
    assert await later == 21


async def test_a_failed_future_raises_its_error_as_await_would() -> None:
    failed: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    failed.set_exception(LookupError("store said no"))
    with pytest.raises(LookupError, match="store said no"):
        settled(failed, lambda v: v)


async def test_a_coroutine_is_awaited_first() -> None:
    async def value() -> int:
        return 20

    assert await settled(value(), lambda v: v + 1) == 21
