"""When generation fails: the task says why, the course keeps what it had, retries."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any
from uuid import UUID

import pytest
from arq import Worker
from neo4j import AsyncGraphDatabase
from sqlalchemy import select, update

from datasources.course_plans import CoursePlanWriter
from datasources.courses import CourseWriter
from datasources.neo4j.writes import GraphWriter
from datasources.postgres.base import Viewer
from datasources.postgres.models import Course, CourseDocument, Document, GenerationTask
from datasources.redis import queue
from datasources.stores import Stores
from jobs.worker import WorkerSettings, WorkerState
from resolvers.ids import to_global_id
from tests.course_data import statistics
from tests.integration.courses import REGENERATE, Courses, gql, raw

pytestmark = pytest.mark.integration
COLUMNS = ("title", "description", "outline", "learning_objectives", "prerequisites",
           "assessment_methods", "resources", "metadata_", "updated_at")  # fmt: skip


async def snapshot(stores: Stores, course_id: UUID) -> dict[str, Any]:
    async with stores.sessions() as session:
        row = await session.get(Course, course_id)
        assert row is not None
        links = await session.execute(
            select(CourseDocument.document_id, CourseDocument.relevance_score).where(
                CourseDocument.course_id == course_id
            )
        )
        values = {c: getattr(row, c) for c in COLUMNS}
        values["links"] = sorted(links.all())
    contains, _, _ = await stores.graph_writer.driver.execute_query(
        "MATCH (:Course {id: $id})-[r:CONTAINS]->(k) RETURN k.id AS k, r.week AS w ORDER BY k",
        id=str(course_id),
    )
    values["contains"] = [tuple(r) for r in contains]
    values["questions"] = [
        q.id for q in (await stores.vectors.qa_for_courses([course_id]))[course_id]
    ]
    return values


async def task(stores: Stores, task_id: UUID) -> GenerationTask:
    async with stores.sessions() as session:
        row = await session.get(GenerationTask, task_id)
        assert row is not None
        return row


@pytest.fixture
async def dead_graph(stores: Stores) -> AsyncIterator[Stores]:
    """The same stores, except that the course write reaches a Neo4j that refuses."""
    dead = AsyncGraphDatabase.driver(
        "bolt://127.0.0.1:9",
        auth=("neo4j", "x"),
        connection_timeout=0.5,
        max_transaction_retry_time=0.5,  # open_stores bounds it by the store timeout too
    )
    writer = CourseWriter(
        stores.sessions,
        GraphWriter(dead, database="neo4j", timeout=1.0),
        stores.redis,
        stores.exports,
        stores.vectors,
    )
    try:
        yield dataclasses.replace(stores, plans=CoursePlanWriter(writer))
    finally:
        await dead.close()


async def regenerate(
    courses: Courses, owner: Any, course_id: UUID, loaded: Any, **change: Any
) -> UUID:
    data = await gql(courses.stores, owner, REGENERATE, id=to_global_id("Course", course_id),
                     input=courses.request(loaded, **change))  # fmt: skip
    assert data["regenerateCourse"]["__typename"] == "CourseGenerationStarted", data
    return raw(data["regenerateCourse"]["task"]["id"])


async def test_a_store_failure_while_writing_retries_then_fails_and_keeps_the_course(
    courses: Courses, dead_graph: Stores
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, first = await courses.generate(owner, loaded)
    assert (await courses.run_generation(first)).status == "completed"
    before = await snapshot(courses.stores, course_id)

    task_id = await regenerate(courses, owner, course_id, loaded, durationWeeks=2)
    outcome = await courses.run_generation(task_id, stores=dead_graph)
    assert outcome.status == "retry" and "neo4j is unavailable" in (outcome.error or "")
    row = await task(courses.stores, task_id)
    assert row.status == "pending" and row.retry_count == 1
    assert row.result is not None and "retrying" in row.result["message"]
    assert await snapshot(courses.stores, course_id) == before  # PostgreSQL rolled back

    # The last allowed attempt fails the task with the store's error, nothing else.
    outcome = await courses.run_generation(task_id, attempt=4, stores=dead_graph)
    assert outcome.status == "failed"
    row = await task(courses.stores, task_id)
    assert row.status == "failed" and row.completed_at is not None
    assert row.error_message is not None
    assert row.error_message.startswith("gave up after 4 attempts: neo4j is unavailable")
    assert await snapshot(courses.stores, course_id) == before

    # A finished task is not run again (a stale job retry finds nothing to do).
    assert (await courses.run_generation(task_id)).status == "skipped"


async def test_documents_that_changed_after_the_request_fail_the_task_precisely(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    before = await snapshot(courses.stores, course_id)
    async with courses.stores.sessions() as session, session.begin():
        await session.execute(
            update(Document).where(Document.id == loaded.documents["prob"]).values(status="deleted")
        )
    outcome = await courses.run_generation(task_id)
    assert outcome.status == "failed"
    row = await task(courses.stores, task_id)
    expected = f"documents not usable: probability-notes.pdf ({loaded.documents['prob']}): deleted"
    assert row.error_message == expected
    assert row.result is not None and row.result["stage"] == "reading"
    assert await snapshot(courses.stores, course_id) == before  # still the empty draft


async def test_a_plan_the_planner_refuses_fails_with_its_code(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    every = [
        to_global_id("Concept", cid)
        for title, cid in loaded.titles.items()
        if title != "Set theory"
    ]
    _, task_id = await courses.generate(owner, loaded, excludeConceptIds=every)
    assert (await courses.run_generation(task_id)).status == "failed"
    row = await task(courses.stores, task_id)
    assert row.error_message == (
        "NO_CONCEPTS: every concept of the documents is excluded (field excludeConceptIds)"
    )
    assert row.result is not None and row.result["stage"] == "planning"


async def test_a_course_deleted_while_generating_fails_the_task(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    await courses.stores.course_writer.delete(course_id, editor=Viewer(owner.user_id))
    assert (await courses.run_generation(task_id)).status == "failed"
    row = await task(courses.stores, task_id)
    assert row.error_message == "the course was deleted while it was being generated"
    rows, _, _ = await courses.stores.graph_writer.driver.execute_query(
        "MATCH (c:Course {id: $id}) RETURN c", id=str(course_id)
    )
    assert rows == []  # the job did not bring the node back


async def test_the_worker_runs_a_queued_generation(courses: Courses, test_settings: Any) -> None:
    """generateCourse queues the job on Redis; arq's Worker (in process) runs it."""
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    pool = await queue.open_queue(test_settings.redis.url)
    exit_stack = AsyncExitStack()

    async def startup(ctx: dict[str, Any]) -> None:
        ctx["state"] = WorkerState(
            settings=courses.settings, stores=courses.stores, exit_stack=exit_stack
        )

    worker = Worker(
        functions=WorkerSettings.functions,
        redis_pool=pool,
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
        on_startup=startup,
        job_serializer=queue.serialize,
        job_deserializer=queue.deserialize,
    )
    try:
        assert [j.job_id for j in await pool.queued_jobs()] == [str(task_id)]
        assert await worker.run_check() == 1
    finally:
        await pool.aclose()
    row = await task(courses.stores, task_id)
    assert row.status == "completed", row.error_message
    assert (await snapshot(courses.stores, course_id))["contains"]
