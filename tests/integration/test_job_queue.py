"""The job queue against the real Redis: job id = task id, JSON payloads, a real worker."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from arq import Worker, func

from datasources.redis import queue
from datasources.redis.queue import JobName, TaskPayload
from datasources.settings import Settings

pytestmark = pytest.mark.integration


async def test_a_task_is_queued_once_and_its_job_gets_the_task_id(
    test_settings: Settings, clean_redis: None
) -> None:
    pool = await queue.open_queue(test_settings.redis.url)
    ran: list[TaskPayload] = []

    async def process_document(ctx: dict[Any, Any], *args: Any, **kwargs: Any) -> None:
        ran.append(TaskPayload.from_json(args[0]))

    try:
        task_id = uuid.uuid4()
        assert await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
        # Same task again while it is queued: arq refuses a second job with that id.
        assert not await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
        jobs = await pool.queued_jobs()
        assert [(j.job_id, j.function, list(j.args)) for j in jobs] == [
            (str(task_id), "process_document", [{"task_id": str(task_id)}])
        ]
        with pytest.raises(ValueError, match="no job runs tasks of type"):
            await queue.enqueue(pool, task_type="shell", task_id=task_id)

        worker = Worker(
            functions=[func(process_document, name=JobName.PROCESS_DOCUMENT.value)],
            redis_pool=pool,
            burst=True,
            poll_delay=0.05,
            handle_signals=False,
            job_serializer=queue.serialize,
            job_deserializer=queue.deserialize,
        )
        assert await worker.run_check() == 1
        assert ran == [TaskPayload(task_id)]
    finally:
        await pool.aclose()
