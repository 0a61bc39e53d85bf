"""Job names and payloads: one list, used by the worker; payloads checked on arrival."""

from __future__ import annotations

import uuid

import pytest

from datasources.redis.queue import (
    TASK_JOBS,
    DocumentPayload,
    JobName,
    TaskPayload,
    cleanup_job_id,
    deserialize,
    serialize,
)
from jobs import maintenance
from jobs.worker import WorkerSettings


def test_the_worker_registers_its_jobs_under_the_queues_names() -> None:
    names = {f.name for f in WorkerSettings.functions}
    assert names <= {j.value for j in JobName}
    assert JobName.MAINTAIN_AUDIT_PARTITIONS in names
    assert {
        JobName.PROCESS_DOCUMENT,
        JobName.CLEAN_UP_DOCUMENT,
        JobName.GENERATE_COURSE,
        JobName.EXPORT_COURSE,
    } <= names
    assert {c.name for c in WorkerSettings.cron_jobs} == {
        f"cron:{JobName.MAINTAIN_AUDIT_PARTITIONS}",
        f"cron:{JobName.RECONCILE}",
        *(f"cron:{JobName.RETENTION}:{task}" for task in maintenance.TASKS),
    }
    assert {c.name: c.keep_result_s for c in WorkerSettings.cron_jobs}[
        f"cron:{JobName.RETENTION}:documents"
    ] == 86_400
    assert set(TASK_JOBS) == {"document_processing", "course_generation", "export"}


def test_document_payloads_are_json_and_checked() -> None:
    document = uuid.uuid4()
    raw = deserialize(serialize(DocumentPayload(document).to_json()))
    assert DocumentPayload.from_json(raw) == DocumentPayload(document)
    assert cleanup_job_id(document) == f"clean_up_document:{document}"
    bad_payloads: list[object] = [None, {"task_id": str(document)}, {"document_id": "x"}]
    for bad in bad_payloads:
        with pytest.raises(ValueError):
            DocumentPayload.from_json(bad)


def test_payloads_are_json_and_checked() -> None:
    task = uuid.uuid4()
    raw = deserialize(serialize(TaskPayload(task).to_json()))
    assert TaskPayload.from_json(raw) == TaskPayload(task)
    bad_payloads: list[object] = [None, [], {}, {"task_id": 7}, {"task_id": "not-a-uuid"}]
    for bad in bad_payloads:
        with pytest.raises(ValueError):
            TaskPayload.from_json(bad)
