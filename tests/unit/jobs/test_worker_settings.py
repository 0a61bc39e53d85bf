"""The worker's settings: bad values are named at start-up, good ones reach arq; the lease."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from datasources.settings import Settings, SettingsError, for_jobs
from jobs.state import Job, WorkerState, job, lease
from jobs.worker import TIMEOUT_MARGIN_SECONDS, worker_options

EMPTY = Path("/nonexistent/env")
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WORKER_MAX_JOBS", "0", "WORKER_MAX_JOBS: Input should be greater than or equal to 1"),
        ("WORKER_JOB_TIMEOUT_SECONDS", "soon", "WORKER_JOB_TIMEOUT_SECONDS: Input should be"),
        ("WORKER_LEASE_SECONDS", "1", "WORKER_LEASE_SECONDS: Input should be greater than"),
        ("WORKER_ANALYSIS_MEMORY_MB", "-5", "WORKER_ANALYSIS_MEMORY_MB: Input should be"),
        ("WORKER_RETRY_BACKOFF_MAX_SECONDS", "1", "must not be below WORKER_RETRY_BACKOFF"),
        ("WORKER_SHUTDOWN_GRACE_SECONDS", "-1", "WORKER_SHUTDOWN_GRACE_SECONDS: Input should"),
        ("WORKER_METRICS_PORT", "70000", "WORKER_METRICS_PORT: Input should be less than"),
        ("WORKER_METRICS_PORT", "http", "WORKER_METRICS_PORT: Input should be a valid integer"),
    ],
)
def test_a_bad_worker_value_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=message):
        Settings.load(EMPTY)


def test_curriculum_worker_refuses_to_start_with_a_bad_value() -> None:
    started = subprocess.run(
        [sys.executable, "-m", "gateway.cli", "worker"],
        cwd=ROOT,
        env={"WORKER_MAX_JOBS": "lots", "CURRICULUM_ENV_FILE": str(EMPTY), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 2
    assert "WORKER_MAX_JOBS: Input should be a valid integer" in started.stderr


def test_the_settings_reach_arq(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKER_JOB_TIMEOUT_SECONDS", "600")
    monkeypatch.setenv("WORKER_MAX_JOBS", "3")
    monkeypatch.setenv("WORKER_STORE_TIMEOUT_SECONDS", "45")
    monkeypatch.setenv("WORKER_SHUTDOWN_GRACE_SECONDS", "7")
    settings = for_jobs(Settings.load(EMPTY))
    assert worker_options(settings) == {
        "job_timeout": 600 + TIMEOUT_MARGIN_SECONDS,
        "max_jobs": 3,
        "max_tries": 20,
        "health_check_interval": 30,
        "poll_delay": 0.5,
        "job_completion_wait": 7,
    }
    assert settings.limits.store_timeout_seconds == 45  # every store call of the worker


class FakeQueue:
    def __init__(self) -> None:
        self.expiries: list[tuple[str, int]] = []

    async def pexpire(self, key: str, milliseconds: int) -> bool:
        self.expiries.append((key, milliseconds))
        return True


async def test_the_lease_is_renewed_while_the_job_runs_and_stops_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKER_LEASE_SECONDS", "6")
    settings = Settings.load(EMPTY)
    queue = FakeQueue()
    ctx: dict[str, Any] = {
        "state": WorkerState(settings, None, AsyncExitStack()),  # type: ignore[arg-type]
        "job_id": "task-1",
        "job_try": 2,
        "redis": queue,
    }
    current: Job = job(ctx)
    assert (current.job_id, current.attempt) == ("task-1", 2)
    async with lease(current):
        await asyncio.sleep(4.5)  # renewed at 0, 2 and 4 s (a third of the lease)
    renewed = len(queue.expiries)
    await asyncio.sleep(2.5)
    assert renewed == 3 and len(queue.expiries) == renewed
    assert set(queue.expiries) == {("arq:in-progress:task-1", 6000)}
