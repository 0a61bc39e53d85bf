"""documentProcessing and what the job leaves readable: Document.task,
Document.extractions, Concept.definitions / examples / formulas — each for those who
may read the document only. The job runs for real (tests/integration/documents.py);
the schema runs in this process (the e2e tier drives it over WebSockets)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import update

from datasources.postgres.models import GenerationTask
from datasources.redis.hub import MISSED
from datasources.stores import Stores
from resolvers.context import Principal
from resolvers.ids import to_global_id
from schema.root import build_schema
from tests.factories import context_for
from tests.integration.documents import DocumentWorld
from tests.unit.pipeline.samples import EN_CHAPTER

pytestmark = pytest.mark.integration
SCHEMA = build_schema()
WATCH = """subscription($id: ID!) { documentProcessing(documentId: $id) {
  documentId taskId status stage percent message at } }"""
READ = """query($id: ID!) { document(id: $id) {
  task { id status stage progress retryCount }
  definitions: extractions(type: DEFINITION, first: 50) { extractionType content pageNumber }
  firstTwo: extractions(first: 2) { id }
  nextTwo: extractions(first: 2, offset: 1) { id }
  concepts { concept { id title
    definitions { content context pageNumber confidence document { id } }
    examples(first: 2) { content pageNumber document { id } }
    formulas { content pageNumber } } } } }"""
CONCEPT = """query($id: ID!) { concept(id: $id) { title definitions { content } examples {
  content } formulas { content } } }"""


@pytest.fixture
def docs(stack_docs: DocumentWorld) -> DocumentWorld:
    """A real worker process opens the stack's own vector index, not a fresh namespace."""
    return stack_docs


async def _owner(docs: DocumentWorld) -> Principal:
    owner = await docs.world.user()
    docs.owner = owner.user_id
    return owner


async def _collect(stream: Any) -> list[dict[str, Any]]:
    events = []
    async for result in stream:
        assert result.errors is None, result.errors
        events.append(result.data["documentProcessing"])
    return events


async def _subscribe(stores: Stores, who: Principal | None, document_id: uuid.UUID) -> Any:
    return await SCHEMA.subscribe(
        WATCH,
        variable_values={"id": to_global_id("Document", document_id)},
        context_value=context_for(stores, who),
    )


async def test_the_state_first_then_every_stage_in_order_then_done(docs: DocumentWorld) -> None:
    owner = await _owner(docs)
    document_id, task_id = await docs.upload(EN_CHAPTER.encode())
    stream = await _subscribe(docs.stores, owner, document_id)
    watching = asyncio.create_task(_collect(stream))
    await asyncio.sleep(0.3)  # subscribed and the stored state read
    await docs.process(task_id)
    events = await asyncio.wait_for(watching, 30)
    stages = [e["stage"] for e in events]
    assert stages == [
        "queued", "started", "reading", "text", "chunks", "knowledge", "graph",
        "concept_vectors", "completed",
    ]  # fmt: skip
    assert [e["status"] for e in events] == ["PENDING"] + ["PROCESSING"] * 7 + ["COMPLETED"]
    percents = [e["percent"] for e in events]
    assert percents == sorted(percents) and percents[-1] == 100.0
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert {e["taskId"] for e in events} == {to_global_id("GenerationTask", task_id)}
    assert {e["documentId"] for e in events} == {to_global_id("Document", document_id)}

    # After the end: the final state at once, and the stream ends.
    late = await asyncio.wait_for(_collect(await _subscribe(docs.stores, owner, document_id)), 5)
    assert (
        len(late) == 1
        and late[0]["status"] == "COMPLETED"
        and late[0] == events[-1] | {"at": late[0]["at"]}
    )


async def test_only_the_owner_or_an_admin_may_follow_a_document(docs: DocumentWorld) -> None:
    owner = await _owner(docs)
    other = await docs.world.user()
    admin = await docs.world.user(role="admin")
    document_id, task_id = await docs.upload(EN_CHAPTER.encode())
    answers = {}
    for name, who, gid in (
        ("other", other, document_id),
        ("anonymous", None, document_id),
        ("missing", owner, uuid.uuid4()),
    ):
        results = [r async for r in await _subscribe(docs.stores, who, gid)]
        assert len(results) == 1 and results[0].data is None, results
        error = results[0].errors[0]
        answers[name] = (error.message, error.extensions["code"])
    # Someone else's document looks exactly like one that does not exist.
    assert answers["other"] == answers["missing"] == ("no such document", "NOT_FOUND")
    assert answers["anonymous"][1] == "UNAUTHENTICATED"
    await docs.process(task_id)
    seen = await asyncio.wait_for(_collect(await _subscribe(docs.stores, admin, document_id)), 5)
    assert [e["status"] for e in seen] == ["COMPLETED"]


async def test_a_bad_document_id_is_refused(docs: DocumentWorld) -> None:
    owner = await _owner(docs)
    for bad in ("nope", to_global_id("Course", uuid.uuid4()), ""):
        stream = await SCHEMA.subscribe(
            WATCH, variable_values={"id": bad}, context_value=context_for(docs.stores, owner)
        )
        results = [r async for r in stream]
        assert results[0].errors and results[0].data is None, bad


async def test_a_failed_document_ends_with_its_error(docs: DocumentWorld) -> None:
    owner = await _owner(docs)
    document_id, task_id = await docs.upload(b"", name="empty.txt")
    stream = await _subscribe(docs.stores, owner, document_id)
    watching = asyncio.create_task(_collect(stream))
    await asyncio.sleep(0.3)
    await docs.process(task_id)
    events = await asyncio.wait_for(watching, 30)
    assert events[0]["stage"] == "queued" and events[-1]["status"] == "FAILED"
    assert events[-1]["message"], events[-1]


async def test_the_fields_the_job_fills_for_the_owner_and_nobody_else(
    docs: DocumentWorld,
) -> None:
    owner = await _owner(docs)
    other = await docs.world.user()
    document_id, task_id = await docs.upload(EN_CHAPTER.encode())
    await docs.process(task_id)
    gid = to_global_id("Document", document_id)
    result = await SCHEMA.execute(
        READ, variable_values={"id": gid}, context_value=context_for(docs.stores, owner)
    )
    assert result.errors is None, result.errors
    document = result.data["document"]
    assert document["task"]["id"] == to_global_id("GenerationTask", task_id)
    assert document["task"]["status"] == "COMPLETED" and document["task"]["progress"] == 100.0
    definitions = document["definitions"]
    assert definitions and {d["extractionType"] for d in definitions} == {"DEFINITION"}
    assert any(d["content"].startswith("A linear equation is") for d in definitions)
    assert len(document["firstTwo"]) == 2 and document["nextTwo"][0] == document["firstTwo"][1]

    by_title = {c["concept"]["title"].casefold(): c["concept"] for c in document["concepts"]}
    linear = by_title["linear equation"]
    assert linear["definitions"], linear
    first = linear["definitions"][0]
    assert "every variable appears only to the first power" in first["content"]
    assert first["pageNumber"] == 1 and 0 < first["confidence"] <= 1
    assert first["context"] and first["document"]["id"] == gid
    assert len(linear["examples"]) <= 2
    formulas = [f for c in by_title.values() for f in c["formulas"]]
    assert any("ax + by = c" in f["content"] for f in formulas), formulas

    # Another user: no document; the shared concept shows none of its evidence.
    hidden = await SCHEMA.execute(
        READ, variable_values={"id": gid}, context_value=context_for(docs.stores, other)
    )
    assert hidden.errors is None and hidden.data["document"] is None
    concept = await SCHEMA.execute(
        CONCEPT, variable_values={"id": linear["id"]}, context_value=context_for(docs.stores, other)
    )
    assert concept.errors is None, concept.errors
    assert concept.data["concept"] == {
        "title": linear["title"], "definitions": [], "examples": [], "formulas": [],
    }  # fmt: skip


async def test_a_key_without_tasks_read_sees_no_task(docs: DocumentWorld) -> None:
    owner = await _owner(docs)
    document_id, _ = await docs.upload(EN_CHAPTER.encode())
    key = Principal(user_id=owner.user_id, role="user", permissions=frozenset({"documents:read"}))
    result = await SCHEMA.execute(
        "query($id: ID!) { document(id: $id) { task { id } } }",
        variable_values={"id": to_global_id("Document", document_id)},
        context_value=context_for(docs.stores, key),
    )
    assert result.errors is None and result.data["document"] == {"task": None}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("document(id: $d) { extractions(first: 0) { id } }", "`first` must be between 1 and 500"),
        ("document(id: $d) { extractions(first: 501) { id } }", "between 1 and 500"),
        ("document(id: $d) { extractions(offset: -1) { id } }", "`offset` must be 0 or more"),
        ("concept(id: $c) { definitions(first: 0) { content } }", "between 1 and 100"),
        ("concept(id: $c) { examples(first: -3) { content } }", "between 1 and 100"),
        ("concept(id: $c) { formulas(first: 101) { content } }", "between 1 and 100"),
    ],
)
async def test_bad_page_sizes_are_refused(docs: DocumentWorld, query: str, message: str) -> None:
    owner = await _owner(docs)
    document_id, _ = await docs.upload(EN_CHAPTER.encode())
    concept_id = await docs.world.concept("Bad page sizes")
    name, gid = ("d", to_global_id("Document", document_id))
    if "$c" in query:
        name, gid = ("c", to_global_id("Concept", concept_id))
    result = await SCHEMA.execute(
        f"query(${name}: ID!) {{ {query} }}",
        variable_values={name: gid},
        context_value=context_for(docs.stores, owner),
    )
    assert result.errors and message in result.errors[0].message, result.errors


async def test_a_missed_event_is_made_up_by_reading_the_state_again(
    docs: DocumentWorld,
) -> None:
    """A subscriber whose queue overflowed (MISSED) reads the row again: it still ends."""
    owner = await _owner(docs)
    document_id, task_id = await docs.upload(EN_CHAPTER.encode())
    stream = await _subscribe(docs.stores, owner, document_id)
    first = await anext(stream)
    assert first.data["documentProcessing"]["stage"] == "queued"
    async with docs.stores.sessions() as session, session.begin():
        await session.execute(
            update(GenerationTask)
            .where(GenerationTask.id == task_id)
            .values(status="completed", result={"stage": "done", "progress": 100})
        )
    channel = f"pubsub:document_processing:{document_id}"
    (subscriber,) = docs.stores.hub._subscribers[channel]
    subscriber.offer(MISSED)  # what the hub hands out on overflow or a reconnect
    rest = [r.data["documentProcessing"] async for r in stream]
    assert [e["status"] for e in rest] == ["COMPLETED"]
