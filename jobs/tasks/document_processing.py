"""arq entry point of `JobName.PROCESS_DOCUMENT`: one document_processing task.

The job's payload names the task (`{"task_id": ...}`); the task row names the document
(`payload.document_id`). Outcomes:

- bad job (malformed payload, unknown task, a task of another type): `BadJob`, arq
  records the failure, no row is touched;
- nothing to do (task already completed or failed): returns at once;
- bad task or document (no document_id, no such document, document deleted, file gone,
  a document the pipeline refuses or whose reader crashes): the task — and the document,
  unless it is deleted — fail once with a precise error; no retry can help;
- a store that did not answer: the task goes back to `pending` and arq runs the job again
  after a doubling delay (`Retry(defer=…)`, so the worker slot is free meanwhile and the
  delay survives a worker restart), until `max_retries` retries are spent;
- a bug: the task fails with the exception's type; the details go to the worker log.

Every run counts: retry_count = arq's try number - 1, so a worker killed mid-job and the
retried store failure are both retries, and a document that kills its worker every time
fails after max_retries.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from arq import Retry

from datasources.embeddings import EmbeddingError
from datasources.errors import UpstreamUnavailable
from datasources.files.document_errors import DocumentError
from datasources.postgres.records import GenerationTaskRecord
from datasources.redis.queue import TaskPayload
from datasources.settings import Settings
from jobs import child
from jobs.pipeline.chunking import DEFAULT_MAX_TOKENS
from jobs.state import job, lease
from jobs.tasks.cleanup import remove_document
from jobs.tasks.document_ingest import Analyser, DocumentDeleted, Options, TaskFailed, ingest
from jobs.tasks.ports import DocumentPorts, ports_for
from jobs.tasks.reporting import Reporter
from jobs.tasks.retries import BadJob, delay, read_payload

log = logging.getLogger("jobs.documents")
TASK_TYPE = "document_processing"
DEFAULT_MAX_RETRIES = 3
ERROR_CHARS = 4000


async def process_document(ctx: dict[str, Any], payload: Any) -> dict[str, Any]:
    current = job(ctx)
    task_id = read_payload(TaskPayload.from_json, payload, current.job_id).task_id
    async with lease(current):
        return await run(
            ports_for(current), task_id, attempt=current.attempt, settings=current.settings
        )


async def run(
    ports: DocumentPorts,
    task_id: UUID,
    *,
    attempt: int,
    settings: Settings,
    analyser: Analyser = child.stream,
) -> dict[str, Any]:
    """Try `attempt` (1, 2, ...) of task `task_id` (the job's work, without arq)."""
    current = Attempt(attempt, settings, analyser)
    try:
        task = await ports.rows.task(task_id)
    except UpstreamUnavailable as exc:
        raise Retry(defer=delay(settings, attempt)) from exc
    if task is None:
        raise BadJob(f"no task {task_id}")
    if task.task_type != TASK_TYPE:
        raise BadJob(f"task {task_id} is a {task.task_type} task, not {TASK_TYPE}")
    if task.status in ("completed", "failed"):
        log.info("task %s is already %s; nothing to do", task_id, task.status)
        return {"skipped": task.status}
    report = Reporter(ports, task)
    try:
        return await _attempt(current, ports, report, task)
    except UpstreamUnavailable as exc:
        return await _store_failed(current, ports, report, task, exc)


@dataclass(frozen=True, slots=True)
class Attempt:
    number: int
    settings: Settings
    analyser: Analyser


async def _attempt(
    current: Attempt, ports: DocumentPorts, report: Reporter, task: GenerationTaskRecord
) -> dict[str, Any]:
    document_id = _document_id(task)
    if document_id is None:
        return await _fail(ports, report, task, None, "the task names no valid document_id")
    document = await ports.rows.document(document_id)
    if document is None:
        return await _fail(ports, report, task, None, f"document {document_id} does not exist")
    if document.status == "deleted":
        return await _fail(ports, report, task, None, "the document was deleted")
    retries = current.number - 1
    allowed = _max_retries(task)
    if retries > allowed:
        last = (task.result or {}).get("last_error") or "the worker stopped during the job"
        message = f"gave up after {current.number - 1} tries: {last}"
        return await _fail(ports, report, task, document.id, message)
    started = f"try {current.number}"
    stage = {"stage": "started", "progress": 0, "message": started}
    claimed = await ports.rows.start(
        task_id=task.id, document_id=document.id, retry_count=retries, stage=stage
    )
    if claimed is None:
        return await _fail(ports, report, task, None, "the document was deleted")
    await report.publish("processing", "started", 0, started)
    try:
        async with asyncio.timeout(current.settings.worker.job_timeout_seconds):
            result = await ingest(
                ports, report, document, _options(current.settings), current.analyser
            )
    except DocumentDeleted as exc:
        await remove_document(ports, document.id)
        return await _fail(ports, report, task, None, str(exc))
    except (TaskFailed, child.ChildCrashed, child.ChildOutOfMemory) as exc:
        return await _fail(ports, report, task, document.id, str(exc))
    except DocumentError as exc:
        return await _fail(ports, report, task, document.id, f"{exc.reason}: {exc.message}")
    except EmbeddingError as exc:
        if isinstance(exc, UpstreamUnavailable):
            raise
        return await _fail(ports, report, task, document.id, f"the embedding provider: {exc}")
    except TimeoutError:
        limit = current.settings.worker.job_timeout_seconds
        message = f"processing took longer than WORKER_JOB_TIMEOUT_SECONDS ({limit} s)"
        return await _fail(ports, report, task, document.id, message)
    except (UpstreamUnavailable, Retry):
        raise
    except Exception as exc:  # a bug: the row says which kind, the log has the details
        log.exception("task %s: document %s failed", task.id, document.id)
        message = f"internal error ({type(exc).__name__}); the worker log has the details"
        if isinstance(exc, child.ChildFailed):
            message = "internal error in the reading process; the worker log has the details"
        return await _fail(ports, report, task, document.id, message)
    await report.publish("completed", "completed", 100, result.get("message"))
    return {"task_id": str(task.id), "status": "completed"}


async def _store_failed(
    current: Attempt,
    ports: DocumentPorts,
    report: Reporter,
    task: GenerationTaskRecord,
    exc: UpstreamUnavailable,
) -> dict[str, Any]:
    """A store did not answer: retry later, or give up when the retries are spent."""
    error = str(exc)
    seconds = delay(current.settings, current.number)
    if current.number > _max_retries(task):
        message = f"gave up after {current.number} tries: {error}"
        try:
            return await _fail(ports, report, task, _document_id(task), message)
        except UpstreamUnavailable:  # cannot even record it: arq's max_tries bounds this
            raise Retry(defer=seconds) from exc
    message = f"try {current.number} failed ({error}); retrying in {seconds:.0f} s"
    log.warning("task %s: %s", task.id, message)
    try:
        await ports.rows.wait_for_retry(
            task.id, {"stage": "retrying", "message": message, "last_error": error}
        )
        await report.publish("pending", "retrying", None, message)
    except UpstreamUnavailable:  # the store that failed may be PostgreSQL itself
        log.warning("task %s: retry not recorded (%s)", task.id, error)
    raise Retry(defer=seconds) from exc


async def _fail(
    ports: DocumentPorts,
    report: Reporter,
    task: GenerationTaskRecord,
    document_id: UUID | None,
    error: str,
) -> dict[str, Any]:
    error = error[:ERROR_CHARS]
    log.warning("task %s failed: %s", task.id, error)
    await ports.rows.fail(
        task_id=task.id,
        document_id=document_id,
        error=error,
        result={"stage": "failed", "progress": None},  # the row says what the event says
    )
    await report.publish("failed", "failed", None, error)
    return {"task_id": str(task.id), "status": "failed", "error": error}


def _max_retries(task: GenerationTaskRecord) -> int:
    return task.max_retries if task.max_retries is not None else DEFAULT_MAX_RETRIES


def _document_id(task: GenerationTaskRecord) -> UUID | None:
    raw = task.payload.get("document_id") if isinstance(task.payload, dict) else None
    try:
        return UUID(str(raw)) if raw else None
    except ValueError:
        return None


def _options(settings: Settings) -> Options:
    return Options(
        max_bytes=settings.files.max_bytes,
        max_chunk_tokens=DEFAULT_MAX_TOKENS,
        memory_bytes=settings.worker.analysis_memory_mb * 2**20,
    )
