"""A small closed-loop load generator: N workers, each waiting for its answer before the next.

Bounded by a request count and by time, whichever comes first. Latency is measured
around one call (for HTTP: request sent to body read), on a monotonic clock.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Call = Callable[[int], Awaitable[object]]


@dataclass(slots=True)
class Stats:
    concurrency: int
    latencies: list[float] = field(default_factory=list)  # seconds, successes only
    errors: int = 0
    elapsed: float = 0.0
    first_error: str | None = None

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def rps(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0


async def _timed(call: Call, n: int, stats: Stats) -> float | None:
    """One measured call: its latency in seconds, or None when it failed (counted)."""
    started = time.perf_counter()
    try:
        await call(n)
    except Exception as exc:
        stats.errors += 1
        stats.first_error = stats.first_error or f"{type(exc).__name__}: {exc}"[:300]
        return None
    took = time.perf_counter() - started
    stats.latencies.append(took)
    return took


async def run_load(
    call: Call, *, concurrency: int, max_requests: int, max_seconds: float, warmup: int = 0
) -> Stats:
    """Warm up with `warmup` sequential calls, then measure `concurrency` closed loops."""
    for i in range(warmup):
        await call(-1 - i)
    stats = Stats(concurrency=concurrency)
    issued = 0
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        nonlocal issued
        while issued < max_requests and time.perf_counter() < deadline:
            n = issued
            issued += 1
            await _timed(call, n, stats)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    stats.elapsed = time.perf_counter() - started
    return stats


@dataclass(slots=True)
class Paired:
    """Two sides measured request by request in turn (see run_paired)."""

    first: Stats
    second: Stats
    second_cpu: float = 0.0  # this process's CPU seconds spent in the second side's calls


async def run_paired(
    first: Call, second: Call, *, max_pairs: int, max_seconds: float, warmup: int = 0
) -> Paired:
    """One closed loop that alternates the two sides, request n of each in turn.

    Both sides then meet the same machine state: a busy moment on a shared machine
    slows both, not only the one that happened to be running, which is what made the
    ratio of two separate runs drift. The order alternates within pairs (first, second;
    then second, first), so neither side always follows the other. `elapsed` of each
    side is its own busy time, so `rps` is that side's rate at concurrency 1.
    """
    for i in range(warmup):
        await first(-1 - i)
        await second(-1 - i)
    paired = Paired(Stats(concurrency=1), Stats(concurrency=1))
    deadline = time.perf_counter() + max_seconds
    n = 0
    while n < max_pairs and time.perf_counter() < deadline:
        order = ((first, paired.first), (second, paired.second))
        for call, stats in order if n % 2 == 0 else order[::-1]:
            cpu = time.process_time()
            took = await _timed(call, n, stats)
            if took is None:
                continue
            stats.elapsed += took
            if stats is paired.second:
                paired.second_cpu += time.process_time() - cpu
        n += 1
    return paired
