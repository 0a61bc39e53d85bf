"""The document jobs through arq: in-process with JSON payloads, and a real `curriculum
worker` process killed with SIGKILL in the middle of a 300-page PDF, then restarted.

After the kill no process of the old worker is left, the restarted worker takes the job
over within its lease (not arq's default of the whole job timeout), and every store then
holds exactly what a clean run of the same document writes.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any
from uuid import UUID

import psutil
import pytest
from arq import Worker
from arq.constants import in_progress_key_prefix

from bench.pipeline import english_pdf
from datasources.postgres.models import Document, GenerationTask
from datasources.redis import queue
from datasources.settings import Settings
from datasources.stores import Stores
from jobs.state import WorkerState
from jobs.worker import WorkerSettings
from tests.integration.documents import DocumentWorld
from tests.processes import die_with_tests, store_env
from tests.unit.pipeline.samples import EN_CHAPTER

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 5


@pytest.fixture
def docs(stack_docs: DocumentWorld) -> DocumentWorld:
    """A real worker process opens the stack's own vector index, not a fresh namespace."""
    return stack_docs


async def test_both_jobs_run_through_arq_with_json_payloads(
    docs: DocumentWorld, test_settings: Settings, stores: Stores
) -> None:
    document_id, task_id = await docs.upload(EN_CHAPTER.encode())
    pool = await queue.open_queue(test_settings.redis.url)
    leases: list[int] = []

    async def watch() -> None:  # the in-progress key is renewed in lease-sized steps
        while True:
            ttl = await pool.pttl(in_progress_key_prefix + str(task_id))
            if ttl > 0:
                leases.append(ttl)
            await asyncio.sleep(0.05)

    settings = test_settings.model_copy(
        update={"worker": test_settings.worker.model_copy(update={"lease_seconds": 7})}
    )
    worker = Worker(
        functions=WorkerSettings.functions,
        redis_pool=pool,
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
        job_serializer=queue.serialize,
        job_deserializer=queue.deserialize,
        ctx={"state": WorkerState(settings, stores, AsyncExitStack())},
    )
    watcher = asyncio.create_task(watch())
    try:
        assert await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
        await worker.main()
        assert (await docs.row(GenerationTask, task_id)).status == "completed"
        assert leases and max(leases) <= 7000  # arq alone would hold it job_timeout + 10 s
        # keep_result=0: the same task can be queued again at once (retryTask).
        assert await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
        await pool.delete(*(await pool.keys("arq:*")))

        await docs.soft_delete(document_id)
        assert await queue.enqueue_cleanup(pool, document_id=document_id)
        assert not await queue.enqueue_cleanup(pool, document_id=document_id)  # once
        await worker.main()
        assert (await docs.vectors.count_chunks([document_id]))[document_id] == 0
        assert await docs.graph("MATCH (d:Document {id: $d}) RETURN d", d=str(document_id)) == []
        assert worker.jobs_complete == 2 and worker.jobs_failed == 0
    finally:
        watcher.cancel()
        await pool.aclose()


def _worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    defaults = {
        "APP_ENV": "development",
        "FILE_STORE_ROOT": str(settings.files.root.absolute()),
        "WORKER_LEASE_SECONDS": str(LEASE_SECONDS),
        "WORKER_POLL_SECONDS": "0.2",
        "LOG_LEVEL": "WARNING",
    }
    return store_env(settings, **(defaults | extra))


def _start(settings: Settings, log: Path, **extra: str) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "worker"],
            cwd=ROOT,
            env=_worker_env(settings, **extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_tests,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _wait_for(
    docs: DocumentWorld, task_id: UUID, done: Any, *, seconds: float
) -> GenerationTask:
    deadline = time.monotonic() + seconds
    while True:
        task = await docs.row(GenerationTask, task_id)
        if done(task):
            return task
        if time.monotonic() > deadline:
            raise AssertionError(f"task {task_id} is still {task.status} {task.result}")
        await asyncio.sleep(0.05)


def _alive(pids: Iterator[int]) -> list[int]:
    return [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]


STAGES = ["text", "chunks", "knowledge", "graph", "concept_vectors"]


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kill_at", ["text", "knowledge"])
async def test_a_worker_killed_mid_job_is_repaired_by_the_restarted_one(
    docs: DocumentWorld, test_settings: Settings, tmp_path: Path, kill_at: str
) -> None:
    pdf = english_pdf(300)
    document_id, task_id = await docs.upload(pdf.read_bytes(), name="textbook.pdf")
    log = tmp_path / "worker.log"
    first = _start(test_settings, log)
    try:
        pool = await queue.open_queue(test_settings.redis.url)
        try:
            await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
        finally:
            await pool.aclose()
        # Mid-job: `text` (stored, chunks being written), `knowledge` (graph not written).
        mid = set(STAGES[STAGES.index(kill_at) :])
        task = await _wait_for(
            docs,
            task_id,
            lambda t: (t.result or {}).get("stage") in mid or t.status == "completed",
            seconds=180,
        )
        stage = (task.result or {})["stage"]
        assert task.status == "processing", "the job finished before it could be killed"
        family = [c.pid for c in psutil.Process(first.pid).children(recursive=True)]
        assert family, "the worker reads documents in child processes"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        killed_at = time.monotonic()
        for _ in range(100):  # the forkserver and the reader die with the worker
            if not _alive(iter(family)):
                break
            await asyncio.sleep(0.1)
        assert _alive(iter(family)) == []
        assert (await docs.row(Document, document_id)).status == "processing"

        second = _start(test_settings, log)
        try:
            resumed = await _wait_for(
                docs, task_id, lambda t: (t.retry_count or 0) >= 1, seconds=120
            )
            taken_over = time.monotonic() - killed_at
            # Without the lease arq would wait job_timeout + 10 s (1,870 s by default).
            assert taken_over < 60, f"taken over after {taken_over:.0f} s"
            print(f"killed at stage {stage!r}; taken over {taken_over:.1f} s later")
            task = await _wait_for(
                docs, task_id, lambda t: t.status in ("completed", "failed"), seconds=300
            )
        finally:
            _stop(second)
    finally:
        _stop(first)
    assert task.status == "completed", log.read_text()[-3000:]
    assert (resumed.retry_count, task.retry_count) == (1, 1)
    after_kill = await docs.snapshot(document_id)
    result = task.result or {}
    assert len(after_kill["chunks"]) == result["chunks"]
    assert len(after_kill["extractions"]) == sum(result["extractions"].values())

    # A clean run of the same document, for comparison: every store holds the same.
    await docs.process(await docs.task(document_id))
    assert await docs.snapshot(document_id) == after_kill, f"killed at stage {stage}"
