"""reprocessDocument against the real stores: who may, one run at a time, the queued job,
and a run that replaces what the document contributed (what only the old run found goes)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis.asyncio import Redis
from sqlalchemy import update

from datasources.postgres.models import Document, GenerationTask
from datasources.redis.queue import JobQueue
from datasources.settings import Settings
from datasources.stores import Stores
from datasources.uploads import DocumentUploads
from resolvers.ids import to_global_id
from tests.factories import context_for
from tests.integration.documents import DocumentWorld
from tests.integration.test_uploads import SCHEMA, gql, queued, upload, uuid_of
from tests.unit.pipeline.samples import EN_CHAPTER

pytestmark = pytest.mark.integration

REPROCESS = """mutation($id: ID!) { reprocessDocument(id: $id) { __typename
  ... on DocumentReprocessing { document { id status } task { id status taskType } }
  ... on NotFound { message } ... on Conflict { message } } }"""
STALE_CONCEPT = """MATCH (d:Document {id: $d})
CREATE (:Concept {id: $c, title: 'an artefact of an older rule', language: 'en'})
  -[:EXTRACTED_FROM]->(d)"""


async def processed(docs: DocumentWorld, stores: Stores) -> tuple[Any, str]:
    """An owner and the global id of their uploaded, processed chapter."""
    owner = await docs.world.user()
    result = await upload(stores, owner, EN_CHAPTER.encode(), "linear.md")
    docs.documents.append(uuid_of(result["document"]["id"]))
    assert (await docs.process(uuid_of(result["task"]["id"])))["status"] == "completed"
    return owner, result["document"]["id"]


async def reprocess(stores: Stores, principal: Any, global_id: str) -> dict[str, Any]:
    return dict((await gql(stores, principal, REPROCESS, id=global_id))["reprocessDocument"])


async def test_a_run_again_replaces_what_only_the_old_run_found(
    docs: DocumentWorld, stores: Stores
) -> None:
    owner, global_id = await processed(docs, stores)
    document_id = uuid_of(global_id)
    before = await docs.snapshot(document_id)
    stale = str(uuid.uuid4())
    await docs.graph(STALE_CONCEPT, d=str(document_id), c=stale)
    assert len((await docs.snapshot(document_id))["concepts"]) == len(before["concepts"]) + 1

    started = await reprocess(stores, owner, global_id)
    assert started["__typename"] == "DocumentReprocessing"
    assert started["document"] == {"id": global_id, "status": "COMPLETED"}  # until it runs
    task = started["task"]
    assert task["status"] == "PENDING" and task["taskType"] == "DOCUMENT_PROCESSING"
    task_id = uuid_of(task["id"])
    assert await queued(stores, str(task_id))  # job id = task id
    assert (await docs.row(GenerationTask, task_id)).payload == {
        "document_id": str(document_id),
        "reprocess": True,
    }

    assert (await docs.process(task_id))["status"] == "completed"
    assert await docs.graph("MATCH (c:Concept {id: $c}) RETURN c.id AS id", c=stale) == []
    assert await docs.snapshot(document_id) == before
    assert (await docs.row(Document, document_id)).status == "completed"


async def test_one_run_at_a_time_and_only_for_whoever_may_change_it(
    stack_docs: DocumentWorld, stores: Stores
) -> None:
    docs = stack_docs
    owner, global_id = await processed(docs, stores)
    stranger = await docs.world.user()
    admin = await docs.world.user(role="admin")
    assert (await reprocess(stores, stranger, global_id))["__typename"] == "NotFound"
    for principal, code in (
        (None, "UNAUTHENTICATED"),
        (dataclasses.replace(owner, permissions=frozenset({"documents:read"})), "FORBIDDEN"),
    ):
        result = await SCHEMA.execute(
            REPROCESS,
            variable_values={"id": global_id},
            context_value=context_for(stores, principal),
        )
        assert result.errors and result.errors[0].extensions["code"] == code
    wrong_kind = await SCHEMA.execute(
        REPROCESS,
        variable_values={"id": to_global_id("Course", uuid.uuid4())},
        context_value=context_for(stores, owner),
    )
    assert wrong_kind.errors and "Document" in wrong_kind.errors[0].message

    first = await reprocess(stores, owner, global_id)
    assert first["__typename"] == "DocumentReprocessing"
    task_id = first["task"]["id"]
    for principal in (owner, admin):  # queued: nobody starts a second run
        busy = await reprocess(stores, principal, global_id)
        assert busy["__typename"] == "Conflict"
        assert "already being processed" in busy["message"]
        assert str(uuid_of(task_id)) in busy["message"]

    # A task untouched for longer than a job may run was abandoned: it blocks nothing.
    long_ago = datetime.now(UTC) - timedelta(days=2)
    async with stores.sessions() as session, session.begin():
        await session.execute(
            update(GenerationTask)
            .where(GenerationTask.id == uuid_of(task_id))
            .values(updated_at=long_ago, created_at=long_ago)
        )
    by_admin = await reprocess(stores, admin, global_id)  # admins may, for any owner
    assert by_admin["__typename"] == "DocumentReprocessing"
    assert by_admin["task"]["id"] != task_id
    row = await docs.row(GenerationTask, uuid_of(by_admin["task"]["id"]))
    assert row.user_id == owner.user_id  # the owner's apps follow it (admins read any task)

    async with stores.sessions() as session, session.begin():
        await session.execute(
            update(Document).where(Document.id == uuid_of(global_id)).values(status="deleted")
        )
    assert (await reprocess(stores, owner, global_id))["__typename"] == "NotFound"


async def test_a_queue_that_refuses_fails_the_new_task_and_says_so(
    stack_docs: DocumentWorld, stores: Stores, test_settings: Settings
) -> None:
    docs = stack_docs
    owner, global_id = await processed(docs, stores)
    dead_redis = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=1)
    uploads = DocumentUploads(
        stores.sessions,
        stores.files,
        stores.tasks,
        JobQueue(dead_redis, timeout=2),
        test_settings,
        timeout=5,
    )
    try:
        result = await SCHEMA.execute(
            REPROCESS,
            variable_values={"id": global_id},
            context_value=context_for(dataclasses.replace(stores, uploads=uploads), owner),
        )
    finally:
        await dead_redis.aclose()
    assert result.errors and result.errors[0].extensions["code"] == "UPSTREAM_UNAVAILABLE"
    # The failed task blocks nothing: the next request queues a new run.
    again = await reprocess(stores, owner, global_id)
    assert again["__typename"] == "DocumentReprocessing"
    assert await queued(stores, str(uuid_of(again["task"]["id"])))
