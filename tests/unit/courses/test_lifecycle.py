"""run_task: the outcome of every kind of failure, with fakes of our task store."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest

from datasources.errors import UpstreamUnavailable
from datasources.neo4j.course_plan import GraphChanged
from jobs.tasks.lifecycle import JobFailed, TaskRun, TryAgain, run_task
from tests.unit.courses.fakes import Calls, FakeTasks, settings, stores_with, task_record

TASK = uuid.uuid4()


async def run(work: Any, *, attempt: int = 1, retries: int = 3, on_failed: Any = None,
              task: bool = True, fail_raises: bool = False) -> tuple[Any, Calls]:  # fmt: skip
    calls = Calls()
    record = task_record(TASK, {}, user=uuid.uuid4(), retries=retries) if task else None
    stores = stores_with(tasks=FakeTasks(calls, record, fail_raises=fail_raises))
    outcome = await run_task(
        stores, settings(retry_backoff_seconds=2.0), TASK, attempt=attempt, work=work,
        on_failed=on_failed,
    )  # fmt: skip
    return outcome, calls


async def test_work_that_ends_completes_the_task_with_its_result() -> None:
    async def work(run: TaskRun) -> dict[str, Any]:
        await run.progress("middle", 50)
        return {"answer": 42}

    outcome, calls = await run(work)
    assert outcome.status == "completed" and outcome.result == {"answer": 42}
    assert calls.log == [("start", 1), ("progress", "middle"), ("complete", {"answer": 42})]


async def test_a_job_failure_fails_at_once_with_its_message_and_stage() -> None:
    noted: list[str] = []

    async def work(run: TaskRun) -> dict[str, Any]:
        raise JobFailed("the documents are gone", stage="reading")

    async def on_failed(run: TaskRun, message: str) -> None:
        noted.append(message)

    outcome, calls = await run(work, on_failed=on_failed)
    assert outcome.status == "failed" and outcome.error == "the documents are gone"
    assert calls.log[-1] == ("fail", "the documents are gone", "reading")
    assert noted == ["the documents are gone"]


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            UpstreamUnavailable("neo4j", "ServiceUnavailable"),
            "neo4j is unavailable: ServiceUnavailable",
        ),
        (
            GraphChanged("2 of the course's 9 concepts are no longer in the graph"),
            "no longer in the graph",
        ),
        (ConnectionResetError(), "a store did not answer (ConnectionResetError)"),
        (
            TryAgain("the course is being generated; its questions are not all stored yet"),
            "the course is being generated",
        ),
    ],
)
async def test_store_errors_are_retried_with_a_doubling_pause_then_fail(
    error: Exception, said: str
) -> None:
    async def work(run: TaskRun) -> dict[str, Any]:
        raise error

    delays = []
    for attempt in (1, 2, 3):
        outcome, calls = await run(work, attempt=attempt)
        assert outcome.status == "retry" and said in (outcome.error or "")
        assert calls.log[-1][0] == "retrying" and calls.log[-1][2] == attempt
        delays.append(outcome.delay)
    assert delays == [2.0, 4.0, 8.0]
    outcome, calls = await run(work, attempt=4)  # max_retries (3) retries spent
    assert outcome.status == "failed"
    assert outcome.error is not None and outcome.error.startswith("gave up after 4 attempts: ")
    assert said in outcome.error and calls.log[-1][0] == "fail"
    outcome, _ = await run(work, attempt=1, retries=0)
    assert outcome.status == "failed"


async def test_a_bug_fails_the_task_without_its_details() -> None:
    async def work(run: TaskRun) -> dict[str, Any]:
        raise KeyError("secret internals: SELECT * FROM users")

    outcome, calls = await run(work)
    assert outcome.status == "failed"
    assert outcome.error == "internal error (KeyError); the worker log has the details"
    assert "SELECT" not in str(calls.log)


async def test_a_missing_or_finished_task_is_skipped_and_a_failed_failure_is_survived() -> None:
    async def work(run: TaskRun) -> dict[str, Any]:
        raise AssertionError("must not run")

    outcome, calls = await run(work, task=False)
    assert outcome.status == "skipped" and calls.log == [("start", 1)]

    async def failing(run: TaskRun) -> dict[str, Any]:
        raise JobFailed("bad input")

    outcome, calls = await run(failing, fail_raises=True)
    assert outcome.status == "failed" and calls.log[-1][0] == "fail"


def test_a_run_knows_its_last_try() -> None:
    """The export renders without questions on its last try rather than fail: the try
    whose transient error run_task would turn into a failure."""
    record = task_record(TASK, {}, user=uuid.uuid4(), retries=3)
    runs = [
        TaskRun(stores_with(), settings(), dataclasses.replace(record, retry_count=n))
        for n in (0, 2, 3)
    ]
    assert [r.last_attempt for r in runs] == [False, False, True]
    unset = dataclasses.replace(record, max_retries=None, retry_count=3)
    assert TaskRun(stores_with(), settings(), unset).last_attempt  # the default, 3
