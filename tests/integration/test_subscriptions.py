"""taskProgress: stored state first, then live Redis events, ending on a terminal state."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

from datasources.redis.progress import ProgressEvent, progress_channel, publish_progress
from resolvers.ids import to_global_id
from schema.root import build_schema
from tests.factories import World, context_for

SCHEMA = build_schema()
QUERY = """subscription($id: ID!) { taskProgress(taskId: $id) { status stage percent message } }"""


async def _task(
    world: World, owner_id: uuid.UUID, *, status: str, document_id: uuid.UUID
) -> uuid.UUID:
    return await world.task(
        owner_id,
        task_type="document_processing",
        status=status,
        payload={"document_id": str(document_id)},
    )


async def _collect(stream: Any, count: int) -> list[Any]:
    events = []
    async for result in stream:
        assert result.errors is None, result.errors
        events.append(result.data["taskProgress"])
        if len(events) == count:
            break
    return events


async def test_progress_streams_state_then_events_until_done(world: World) -> None:
    owner = await world.user()
    document = await world.document(owner)
    task_id = await _task(world, owner.user_id, status="processing", document_id=document)
    stream = await SCHEMA.subscribe(
        QUERY,
        variable_values={"id": to_global_id("GenerationTask", task_id)},
        context_value=context_for(world.stores, owner),
    )
    collector = asyncio.create_task(_collect(stream, 3))
    await asyncio.sleep(0.3)  # let it read the stored state and subscribe
    channel = progress_channel("document_processing", document)
    now = datetime.now(UTC).isoformat()
    await world.stores.redis.publish(
        channel, {"task_id": str(uuid.uuid4()), "status": "failed", "at": now}
    )
    await world.stores.redis.publish(
        channel,
        {
            "task_id": str(task_id),
            "status": "processing",
            "stage": "embedding",
            "percent": 40,
            "at": now,
        },
    )
    await world.stores.redis.publish(
        channel,
        {
            "task_id": str(task_id),
            "status": "completed",
            "stage": "done",
            "percent": 100,
            "at": now,
        },
    )
    events = await asyncio.wait_for(collector, timeout=10)
    assert [e["status"] for e in events] == ["PROCESSING", "PROCESSING", "COMPLETED"]
    assert events[0]["stage"] == "queued"
    assert events[1] == {
        "status": "PROCESSING",
        "stage": "embedding",
        "percent": 40.0,
        "message": None,
    }


async def test_finished_task_yields_its_state_and_ends(world: World) -> None:
    owner = await world.user()
    document = await world.document(owner)
    task_id = await _task(world, owner.user_id, status="completed", document_id=document)
    stream = await SCHEMA.subscribe(
        QUERY,
        variable_values={"id": to_global_id("GenerationTask", task_id)},
        context_value=context_for(world.stores, owner),
    )
    events = [r.data["taskProgress"] async for r in stream]
    assert events == [{"status": "COMPLETED", "stage": "queued", "percent": 100.0, "message": None}]


async def test_someone_elses_task_yields_nothing(world: World) -> None:
    owner = await world.user()
    other = await world.user()
    document = await world.document(owner)
    task_id = await _task(world, owner.user_id, status="processing", document_id=document)
    stream = await SCHEMA.subscribe(
        QUERY,
        variable_values={"id": to_global_id("GenerationTask", task_id)},
        context_value=context_for(world.stores, other),
    )
    events = [r async for r in stream]
    assert all(r.data is None or r.data.get("taskProgress") is None for r in events)


async def test_what_a_job_publishes_reaches_the_subscriber(world: World) -> None:
    owner = await world.user()
    document = await world.document(owner)
    task_id = await _task(world, owner.user_id, status="processing", document_id=document)
    stream = await SCHEMA.subscribe(
        QUERY,
        variable_values={"id": to_global_id("GenerationTask", task_id)},
        context_value=context_for(world.stores, owner),
    )
    collector = asyncio.create_task(_collect(stream, 3))
    await asyncio.sleep(0.3)  # let it read the stored state and subscribe
    payload = {"document_id": str(document)}
    for status, stage, percent in (("processing", "chunking", 20.0), ("completed", "done", 100.0)):
        received = await publish_progress(
            world.stores.redis,
            task_type="document_processing",
            payload=payload,
            event=ProgressEvent(task_id, status, stage, percent, None, datetime.now(UTC)),
        )
        assert received == 1
    events = await asyncio.wait_for(collector, timeout=10)
    assert events[1:] == [
        {"status": "PROCESSING", "stage": "chunking", "percent": 20.0, "message": None},
        {"status": "COMPLETED", "stage": "done", "percent": 100.0, "message": None},
    ]
