"""A background loop that lives as long as a block (and, if asked, one last flush)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

log = logging.getLogger("datasources.background")
STOP_SECONDS = 10.0  # for the loop to end and for its last flush, each
# A stopping loop is cancelled again this often: a store client can turn one cancel into
# its own error (redis-py, or asyncio.timeout expiring at the same moment), which a loop
# that keeps going after store errors then takes for an outage and sleeps on.
RECANCEL_SECONDS = 0.25


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
        # bounded, both: a loop that swallowed the cancel, or a last flush to a store that
        # no longer answers, must not hold the process's exit
        deadline = asyncio.get_running_loop().time() + STOP_SECONDS
        while True:
            left = deadline - asyncio.get_running_loop().time()
            done, _ = await asyncio.wait({task}, timeout=max(0.0, min(RECANCEL_SECONDS, left)))
            if done or left <= RECANCEL_SECONDS:
                break
            task.cancel()
        if not done:
            log.error("background task %s did not stop within %g s", name, STOP_SECONDS)
        elif not task.cancelled():
            await task  # it ended on its own: its error, if any, is the block's
        if then is not None:
            try:
                async with asyncio.timeout(STOP_SECONDS):
                    await then()
            except TimeoutError:
                log.error("the last flush of %s took over %g s", name, STOP_SECONDS)
