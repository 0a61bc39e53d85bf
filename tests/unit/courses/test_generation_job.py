"""The course_generation job's orchestration, with fakes of our stores' interfaces."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from datasources.chat import ChatError, ChatMessage
from jobs.tasks import course_generation
from jobs.tasks.lifecycle import run_task
from tests.course_data import statistics
from tests.unit.courses.fakes import (
    Calls,
    FakePlans,
    FakeVectors,
    generation_stores,
    settings,
    task_record,
    world_of,
)

COURSE = uuid.uuid4()


async def generate(world: Any, **parts: Any) -> tuple[Any, Calls, Any]:
    calls = Calls()
    payload = {"course_id": str(COURSE), "request": world.request.to_json()}
    task = task_record(uuid.uuid4(), payload, user=world.owner)
    stores = generation_stores(world, calls, task, **parts)
    outcome = await run_task(
        stores, settings(), task.id, attempt=1, work=course_generation.generate
    )
    return outcome, calls, stores


async def test_reads_plans_writes_once_then_stores_the_questions() -> None:
    world = world_of(statistics())
    outcome, calls, stores = await generate(world)
    assert outcome.status == "completed", outcome
    steps = [c for c in calls.names() if c != "progress"]
    assert steps == ["start", "documents", "graph", "extractions", "write", "questions", "complete"]
    stages = [c[1] for c in calls.log if c[0] == "progress"]
    assert stages == ["reading", "planning", "writing", "questions"]
    written = stores.plans.written[0]
    assert {p.course_id for p in written.placements} == {COURSE}
    assert written.columns["title"] == "Introductory Statistics; Probability notes"
    assert written.generation["request"] == world.request.to_json()
    assert written.generation["report"]["available_minutes"] == 4 * 3 * 60
    assert stores.vectors.stored and all(q.course_id == COURSE for q in stores.vectors.stored)
    assert outcome.result["concepts"] == len(written.placements)
    assert outcome.result["questions"] == len(stores.vectors.stored)


async def test_a_refused_plan_writes_nothing() -> None:
    everything = [c.id for c in statistics().concepts if c.mentions]
    world = world_of(statistics(), exclude_concept_ids=everything)
    plans, vectors = FakePlans(Calls()), FakeVectors(Calls())
    outcome, _, _ = await generate(world, plans=plans, vectors=vectors)
    assert outcome.status == "failed"
    assert (
        outcome.error
        == "NO_CONCEPTS: every concept of the documents is excluded (field excludeConceptIds)"
    )
    assert plans.written == [] and vectors.stored == []


async def test_unusable_documents_stop_the_job_before_the_graph_is_read() -> None:
    world = world_of(statistics())
    first = next(iter(world.documents))
    world.documents[first] = replace(world.documents[first], status="deleted")
    outcome, calls, _ = await generate(world)
    assert outcome.status == "failed" and "stats.pdf" in (outcome.error or "")
    assert outcome.error is not None and outcome.error.endswith("deleted")
    assert "graph" not in calls.names() and "write" not in calls.names()
    other = uuid.uuid4()
    world.documents[first] = replace(world.documents[first], status="completed", user_id=other)
    outcome, _, _ = await generate(world)
    assert outcome.error is not None and "no such document" in outcome.error


async def test_a_course_deleted_before_the_write_stores_no_questions() -> None:
    world = world_of(statistics())
    vectors = FakeVectors(Calls())
    outcome, _, _ = await generate(world, plans=FakePlans(Calls(), exists=False), vectors=vectors)
    assert outcome.error == "the course was deleted while it was being generated"
    assert vectors.stored == []


class BrokenChat:
    def __init__(self) -> None:
        self.asked = 0

    async def complete(self, messages: Sequence[ChatMessage], *, max_tokens: int) -> str:
        self.asked += 1
        raise ChatError("chat provider returned HTTP 503: busy")

    async def close(self) -> None:
        return None


async def test_a_failing_chat_model_never_fails_the_course() -> None:
    world = world_of(statistics())
    chat = BrokenChat()
    plans = FakePlans(Calls())
    outcome, _, _ = await generate(world, chat=chat, plans=plans)
    assert outcome.status == "completed" and chat.asked >= 1
    rewritten = plans.written[0].generation["rewritten"]
    assert rewritten["accepted"] == 0 and "HTTP 503" in rewritten["error"]
    assert plans.written[0].columns["description"].startswith("A 4-week course")
