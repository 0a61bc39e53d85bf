"""bench.load.run_paired: the two sides of a benchmark measured request by request in turn."""

from __future__ import annotations

import asyncio

from bench.load import run_paired


async def test_the_sides_alternate_and_each_is_timed_on_its_own() -> None:
    calls: list[tuple[str, int]] = []

    async def gateway(n: int) -> None:
        calls.append(("gateway", n))
        await asyncio.sleep(0.002)

    async def raw(n: int) -> None:
        calls.append(("raw", n))

    paired = await run_paired(gateway, raw, max_pairs=4, max_seconds=10, warmup=1)
    assert calls == [
        ("gateway", -1), ("raw", -1),  # warm-up
        ("gateway", 0), ("raw", 0),
        ("raw", 1), ("gateway", 1),  # the order alternates within pairs
        ("gateway", 2), ("raw", 2),
        ("raw", 3), ("gateway", 3),
    ]  # fmt: skip
    assert (paired.first.count, paired.second.count) == (4, 4)
    # Each side's busy time is its own: the gateway's sleeps are not the raw side's.
    assert paired.first.elapsed >= 4 * 0.002
    assert paired.second.elapsed < paired.first.elapsed
    assert paired.first.p50 > paired.second.p50


async def test_a_failing_call_is_counted_not_timed() -> None:
    async def fine(n: int) -> None:
        return None

    async def broken(n: int) -> None:
        raise RuntimeError(f"store down at {n}")

    paired = await run_paired(fine, broken, max_pairs=3, max_seconds=10)
    assert paired.first.count == 3
    assert (paired.second.count, paired.second.errors) == (0, 3)
    assert paired.second.first_error == "RuntimeError: store down at 0"
