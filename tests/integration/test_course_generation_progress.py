"""courseGeneration: the latest generation's stored state, then the job's events, then done."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.course_data import statistics
from tests.factories import context_for
from tests.integration.courses import SCHEMA, Courses

pytestmark = pytest.mark.integration
WATCH = """subscription($id: ID!) { courseGeneration(courseId: $id) {
  taskId status stage percent message } }"""


async def watch(courses: Courses, who: Principal, course_id: Any) -> Any:
    return await SCHEMA.subscribe(
        WATCH,
        variable_values={"id": to_global_id("Course", course_id)},
        context_value=context_for(courses.stores, who),
    )


async def collect(stream: Any) -> list[dict[str, Any]]:
    events = []
    async for result in stream:
        assert result.errors is None, result.errors
        events.append(result.data["courseGeneration"])
    return events


async def test_the_stored_state_then_every_stage_then_the_end(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    collector = asyncio.create_task(collect(await watch(courses, owner, course_id)))
    await asyncio.sleep(0.3)  # subscribed, and the stored state read
    assert (await courses.run_generation(task_id)).status == "completed"
    events = await asyncio.wait_for(collector, timeout=10)  # it completes by itself
    assert {e["taskId"] for e in events} == {to_global_id("GenerationTask", task_id)}
    stages = [e["stage"] for e in events]
    assert stages[0] == "queued" and events[0]["status"] == "PENDING"
    assert stages[1:] == ["started", "reading", "planning", "writing", "questions", "done"]
    percents = [e["percent"] for e in events[1:]]
    assert percents == sorted(percents) and percents[-1] == 100.0
    assert events[-1]["status"] == "COMPLETED"

    # Late: the stored (terminal) state alone, and the stream ends.
    late = await asyncio.wait_for(collect(await watch(courses, owner, course_id)), timeout=10)
    assert [(e["status"], e["stage"]) for e in late] == [("COMPLETED", "done")]


async def test_a_failed_generation_ends_the_stream_with_its_error(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    every = [to_global_id("Concept", c) for t, c in loaded.titles.items() if t != "Set theory"]
    course_id, task_id = await courses.generate(owner, loaded, excludeConceptIds=every)
    collector = asyncio.create_task(collect(await watch(courses, owner, course_id)))
    await asyncio.sleep(0.3)
    await courses.run_generation(task_id)
    events = await asyncio.wait_for(collector, timeout=10)
    assert events[-1]["status"] == "FAILED"
    assert events[-1]["message"].startswith("NO_CONCEPTS: every concept")


async def test_only_those_who_may_change_the_course_can_watch_it(courses: Courses) -> None:
    owner, other = await courses.world.user(), await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, _ = await courses.generate(owner, loaded)
    stream = await watch(courses, other, course_id)
    first = await anext(aiter(stream))  # type: ignore[arg-type]
    assert first.errors and (first.errors[0].extensions or {}).get("code") == "NOT_FOUND"
    plain = await courses.world.course(owner)  # never generated
    stream = await watch(courses, owner, plain)
    first = await anext(aiter(stream))  # type: ignore[arg-type]
    assert first.errors and "never been generated" in first.errors[0].message
    admin = await courses.world.user(role="admin")
    stream = await watch(courses, admin, course_id)
    first = await anext(aiter(stream))  # type: ignore[arg-type]
    assert first.errors is None and first.data["courseGeneration"]["stage"] == "queued"
    await stream.aclose()
