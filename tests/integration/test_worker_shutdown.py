"""SIGTERM to a real `curriculum worker` process in the middle of a document job.

With time to spare (WORKER_SHUTDOWN_GRACE_SECONDS) the worker takes no new job,
finishes the running one and exits 0. With too little, it cancels the job and puts it
back in the queue (the in-progress claim released at once, not after the lease), exits
0, and the next worker runs it to the same end: nothing is lost, nothing is left
claimed. Its metrics server (WORKER_METRICS_PORT) counts what happened.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import time
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from arq.constants import default_queue_name, in_progress_key_prefix

from bench.pipeline import english_pdf
from datasources.postgres.models import GenerationTask
from datasources.redis import queue
from datasources.settings import Settings
from tests.integration.documents import DocumentWorld
from tests.integration.test_document_worker import _start, _stop, _wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def docs(stack_docs: DocumentWorld) -> DocumentWorld:
    """A real worker process opens the stack's own vector index, not a fresh namespace."""
    return stack_docs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _enqueue(settings: Settings, task_id: UUID) -> None:
    pool = await queue.open_queue(settings.redis.url)
    try:
        assert await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
    finally:
        await pool.aclose()


async def _running(docs: DocumentWorld, task_id: UUID) -> GenerationTask:
    task = await _wait_for(docs, task_id, lambda t: t.status != "pending", seconds=120)
    assert task.status == "processing", f"the job ended before SIGTERM: {task.status}"
    return task


async def _exit_code(process: object, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while (code := process.poll()) is None:  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"the worker still runs {seconds:.0f} s after SIGTERM"
        await asyncio.sleep(0.1)
    return int(code)


@pytest.mark.timeout(400)
async def test_sigterm_lets_the_running_job_finish(
    docs: DocumentWorld, test_settings: Settings, tmp_path: Path
) -> None:
    _, task_id = await docs.upload(english_pdf(40).read_bytes(), name="book.pdf")
    port = _free_port()
    log = tmp_path / "worker.log"
    worker = _start(
        test_settings,
        log,
        WORKER_SHUTDOWN_GRACE_SECONDS="240",
        WORKER_METRICS_PORT=str(port),
        LOG_LEVEL="INFO",
    )
    try:
        await _enqueue(test_settings, task_id)
        await _running(docs, task_id)
        worker.send_signal(signal.SIGTERM)
        assert await _exit_code(worker, 240) == 0, log.read_text()[-3000:]
    finally:
        _stop(worker)
    task = await docs.row(GenerationTask, task_id)
    assert (task.status, task.retry_count) == ("completed", 0), log.read_text()[-3000:]
    assert "wait complete" in log.read_text()  # arq waited for the job, then stopped


@pytest.mark.timeout(400)
async def test_sigterm_past_the_grace_requeues_the_job_for_the_next_worker(
    docs: DocumentWorld, test_settings: Settings, tmp_path: Path
) -> None:
    document_id, task_id = await docs.upload(english_pdf(300).read_bytes(), name="book.pdf")
    port = _free_port()
    log = tmp_path / "worker.log"
    first = _start(
        test_settings, log, WORKER_SHUTDOWN_GRACE_SECONDS="1", WORKER_METRICS_PORT=str(port)
    )
    try:
        await _enqueue(test_settings, task_id)
        await _running(docs, task_id)
        async with httpx.AsyncClient() as http:
            scraped = (await http.get(f"http://127.0.0.1:{port}/")).text
        assert 'curriculum_jobs_running{job="process_document"} 1.0' in scraped
        first.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        assert await _exit_code(first, 60) == 0, log.read_text()[-3000:]
        print(f"worker stopped {time.monotonic() - stopped:.1f} s after SIGTERM")
    finally:
        _stop(first)
    pool = await queue.open_queue(test_settings.redis.url)
    try:
        # Back in the queue, and nobody's claim on it: the next worker starts it at once.
        assert await pool.zscore(default_queue_name, str(task_id)) is not None
        assert not await pool.exists(in_progress_key_prefix + str(task_id))
    finally:
        await pool.aclose()
    assert (await docs.row(GenerationTask, task_id)).status == "processing"

    second = _start(test_settings, log)
    try:
        task = await _wait_for(
            docs, task_id, lambda t: t.status in ("completed", "failed"), seconds=300
        )
    finally:
        _stop(second)
    assert (task.status, task.retry_count) == ("completed", 1), log.read_text()[-3000:]
    chunks = (await docs.vectors.count_chunks([document_id]))[document_id]
    assert chunks == (task.result or {})["chunks"]
