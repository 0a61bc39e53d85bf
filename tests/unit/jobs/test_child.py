"""Reading in a child process: results stream back, every way a child can fail is told
apart, and no child outlives what it was doing (cancellation, its parent's SIGKILL)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from datasources.files.document_errors import CorruptDocument
from jobs import child
from tests.unit.jobs import child_functions as f

ROOT = Path(__file__).resolve().parents[3]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead too
        return stat.read().split()[2] != "Z"


async def test_items_arrive_in_order() -> None:
    async with child.stream(f.count, 5) as items:
        assert [i async for i in items] == [0, 1, 2, 3, 4]


async def test_a_document_error_keeps_its_type_reason_and_message() -> None:
    got = []
    with pytest.raises(CorruptDocument) as error:
        async with child.stream(f.refuse) as items:
            async for i in items:
                got.append(i)
    assert got == [1]
    assert (error.value.reason, error.value.message) == (
        "encrypted",
        "the PDF is password-protected",
    )


async def test_a_crash_is_reported_with_its_signal() -> None:
    with pytest.raises(child.ChildCrashed, match="died of SIGSEGV"):
        async with child.stream(f.crash) as items:
            [i async for i in items]


async def test_memory_over_the_limit_is_its_own_error() -> None:
    with pytest.raises(child.ChildOutOfMemory, match="more than 512 MB"):
        async with child.stream(f.hog, memory_bytes=512 * 2**20) as items:
            [i async for i in items]


async def test_a_bug_in_the_child_is_reported_with_its_traceback() -> None:
    with pytest.raises(child.ChildFailed, match="KeyError: 'a bug'"):
        async with child.stream(f.bug) as items:
            [i async for i in items]


async def test_cancelling_the_job_kills_the_child() -> None:
    started: asyncio.Queue[int] = asyncio.Queue()

    async def consume() -> None:
        async with child.stream(f.sleep) as items:
            async for pid in items:
                await started.put(pid)

    task = asyncio.create_task(consume())
    pid = await asyncio.wait_for(started.get(), 30)
    assert alive(pid)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not alive(pid)


PARENT = """
import asyncio, sys
from jobs import child
from tests.unit.jobs import child_functions as f

async def main():
    child.start([])  # as the worker does at start-up
    async with child.stream(f.sleep) as items:
        async for pid in items:
            print(pid, flush=True)

if __name__ == "__main__":
    asyncio.run(main())
"""


def assert_child_dies_with_parent(script: Path) -> None:
    """Runs `script`, which prints a child's pid; SIGKILLs it (no finaliser runs) and
    waits for the child to end."""
    parent = subprocess.Popen(  # noqa: S603 - our own script
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert alive(pid)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(pid)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_a_child_dies_with_its_parent_killed_by_sigkill(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    assert_child_dies_with_parent(script)
