"""A background loop that lives as long as a block (and, if asked, one last flush)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any


@contextlib.asynccontextmanager
async def in_background(
    run: Callable[[], Coroutine[Any, Any, None]],
    *,
    name: str,
    then: Callable[[], Coroutine[Any, Any, Any]] | None = None,
) -> AsyncIterator[None]:
    """`run()` as a task while the block runs; then the task is stopped and `then()`
    runs once, so what a flushing loop had not sent yet is not lost at shutdown."""
    task = asyncio.create_task(run(), name=name)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        if then is not None:
            await then()
