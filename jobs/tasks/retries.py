"""What the document jobs share about failing: a wrong job, and the retry delay."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from datasources.settings import Settings

T = TypeVar("T")


class BadJob(ValueError):
    """The job itself is wrong (payload, task id, task type): nothing is changed."""


def read_payload(parse: Callable[[Any], T], payload: Any, job_id: str) -> T:
    """The job's payload, or BadJob saying what is wrong with it."""
    try:
        return parse(payload)
    except ValueError as exc:
        raise BadJob(f"job {job_id}: {exc}") from None


def delay(settings: Settings, attempt: int) -> float:
    """Seconds before try `attempt` + 1: doubling from WORKER_RETRY_BACKOFF_SECONDS, capped."""
    worker = settings.worker
    return float(
        min(worker.retry_backoff_max_seconds, worker.retry_backoff_seconds * 2 ** (attempt - 1))
    )
