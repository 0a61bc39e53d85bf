"""What metrics and logging add to one request, measured without stores or HTTP.

`python -m bench.observability` times, per call (CPU time, best of 7 runs of 200,000 calls), what
the gateway does for every request and every store call because of observability:

- request: `IN_FLIGHT` up and down, `observe_request` (counter + histogram with the
  operation's labels), the `graphql_errors` check — what AuditMiddleware and the view
  add to each HTTP request;
- store call: `guard` around an awaitable that is already done, against a bare
  `asyncio.timeout` around the same (what the guard cost before metrics);
- log line: one INFO record through the JSON formatter (not per request: requests
  do not log unless something goes wrong).
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from collections.abc import Callable
from pathlib import Path

from datasources.errors import guard
from datasources.settings import Settings
from gateway import metrics
from gateway.logs import configure_logging
from gateway.security.operation import Operation

CALLS = 200_000


def best(run: Callable[[], None], calls: int = CALLS) -> float:
    """CPU microseconds per call, best of 7 (CPU time: other processes on a shared
    machine do not count)."""
    times = []
    for _ in range(7):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times) / calls * 1e6


def request_side() -> None:
    state = {"operation": Operation("query", "CourseList", ("courses",))}
    for _ in range(CALLS):
        metrics.IN_FLIGHT.inc()
        metrics.IN_FLIGHT.dec()
        metrics.observe_request(state, "POST", "/graphql", 200, 0.0042)


async def guarded_calls(with_guard: bool) -> None:
    async def answer() -> int:
        return 1

    for _ in range(CALLS):
        if with_guard:
            await guard("redis", answer(), seconds=5)
        else:
            async with asyncio.timeout(5):
                await answer()


def main() -> None:
    request = best(request_side)
    bare = best(lambda: asyncio.run(guarded_calls(False)))
    measured = best(lambda: asyncio.run(guarded_calls(True)))
    configure_logging(Settings.load(Path("/nonexistent")), stream=io.StringIO())
    log = logging.getLogger("bench")
    logged = best(lambda: [log.info("answered %s", "x") for _ in range(20_000)], 20_000)
    print(f"per request (metrics):            {request:.2f} µs")
    print(f"per store call: bare timeout      {bare:.2f} µs")
    print(f"per store call: guard + metrics   {measured:.2f} µs  (+{measured - bare:.2f} µs)")
    print(f"per JSON log line                 {logged:.2f} µs")


if __name__ == "__main__":
    main()
