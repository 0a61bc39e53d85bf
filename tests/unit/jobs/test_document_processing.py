"""The document job's orchestration over fakes of its ports, with the real pipeline in-process.

Checks what each store is asked to hold, the progress a subscriber sees, and what every
kind of failure does: a bad document fails once, a store that fails retries, a bad job
changes nothing.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from arq import Retry

from datasources.embeddings.text import concept_text
from datasources.ids import chunk_id, concept_id_for, extraction_id
from datasources.redis.store import DOCUMENT_CACHE_TTL, document_cache_key
from datasources.settings import Settings
from jobs.tasks.document_processing import run
from jobs.tasks.retries import BadJob
from tests.unit.jobs.fakes import World, in_process, task_record
from tests.unit.pipeline.samples import EN_CHAPTER, ZH_CHAPTER


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path / "files")


@pytest.fixture
def settings() -> Settings:
    return Settings.load(Path("/nonexistent.env"))


async def process(world: World, task_id: uuid.UUID, settings: Settings, attempt: int = 1) -> Any:
    return await run(world.ports, task_id, attempt=attempt, settings=settings, analyser=in_process)


def events(world: World) -> list[dict[str, Any]]:
    return [message for _, message in world.cache.published]


async def test_a_document_goes_through_and_each_store_gets_its_part(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode(), name="linear.md")
    outcome = await process(world, task_id, settings)
    assert outcome == {"task_id": str(task_id), "status": "completed"}

    task, document = world.rows.tasks[task_id], world.rows.documents[document_id]
    assert (task.status, document.status) == ("completed", "completed")
    assert document.language == "en"  # none was given: detected
    assert document.page_count == 1 and document.word_count and document.word_count > 150
    assert "Gaussian elimination" in world.rows.texts[document_id]
    result = task.result or {}
    assert result["stage"] == "completed" and result["progress"] == 100
    assert result["extractions"] == {"concept": 7, "definition": 5, "example": 2, "formula": 1}
    assert result["concepts"] == {"new": 7, "merged": 0, "removed": 0}
    assert result["chunks"] == len(world.vectors.chunks) > 0
    assert set(result["timings"]) >= {"read", "chunks", "knowledge", "graph"}

    # Chunks under their deterministic ids, with pages and heading paths.
    for chunk in world.vectors.chunks.values():
        assert chunk.id == chunk_id(document_id, chunk.chunk_index)
        assert chunk.page_number == 1 and chunk.metadata["heading_path"]
    # The graph: concepts by key + language, sources, prerequisites strongest first.
    graph = world.graph.written[document_id]
    gauss = concept_id_for("gaussian elimination", "en")
    assert gauss in {c.id for c in graph.concepts}
    assert {s.concept_id for s in graph.sources} == {c.id for c in graph.concepts}
    weights = [(not p.mandatory, -p.weight) for p in graph.prerequisites]
    assert weights == sorted(weights)
    # Concept vectors are embedded from the stored title and description.
    vector = world.vectors.concepts[gauss]
    stored = next(c for c in graph.concepts if c.id == gauss)
    expected = await world.ports.embedder.embed([concept_text(stored.title, stored.description)])
    assert list(vector.vector or []) == expected[0]
    # Extraction rows: deterministic ids, concept node ids, vectors.
    rows = world.rows.extractions[document_id]
    assert [r.id for r in rows] == [extraction_id(document_id, i) for i in range(len(rows))]
    definition = next(r for r in rows if r.extraction_type == "definition")
    assert definition.neo4j_node_id and definition.embeddings and definition.page_number == 1
    assert all(0 <= r.confidence_score <= 1 for r in rows)
    # The extracted content is cached for six hours.
    key = document_cache_key(document_id)
    assert (
        world.cache.values[key]["page_count"] == 1 and world.cache.ttls[key] == DOCUMENT_CACHE_TTL
    )


async def test_progress_is_stored_then_published_in_order_up_to_the_end(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    await process(world, task_id, settings)
    channels = {channel for channel, _ in world.cache.published}
    assert channels == {f"pubsub:document_processing:{document_id}"}
    seen = events(world)
    stages = [e["stage"] for e in seen]
    assert stages == [
        "started",
        "reading",
        "text",
        "chunks",
        "knowledge",
        "graph",
        "concept_vectors",
        "completed",
    ]
    percents = [e["percent"] for e in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    assert {e["status"] for e in seen[:-1]} == {"processing"} and seen[-1]["status"] == "completed"
    assert all(e["task_id"] == str(task_id) and e["at"] for e in seen)


async def test_a_given_language_is_kept_and_used(world: World, settings: Settings) -> None:
    document_id, task_id = await world.upload(ZH_CHAPTER.encode(), language="zh-CN")
    await process(world, task_id, settings)
    assert world.rows.documents[document_id].language == "zh-CN"
    graph = world.graph.written[document_id]
    assert concept_id_for("线性方程组", "zh-CN") in {c.id for c in graph.concepts}


async def test_the_same_run_twice_writes_the_same_rows_and_vectors(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    await process(world, task_id, settings)
    first = (dict(world.vectors.chunks), dict(world.vectors.concepts), world.rows.extractions)
    first_rows = list(world.rows.extractions[document_id])
    again = uuid.uuid4()
    world.rows.tasks[again] = task_record(again, uuid.uuid4(), {"document_id": str(document_id)})
    await process(world, again, settings)
    assert world.vectors.chunks == first[0] and world.vectors.concepts == first[1]
    assert world.rows.extractions[document_id] == first_rows


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.md", "empty"),
        (b"\x00\x01\x02\xff" * 500, "garbage.txt", "binary"),
        (b"%PDF-1.7\n garbage that is not a PDF", "broken.pdf", "corrupt_pdf"),
        (EN_CHAPTER.encode(), "chapter.pdf", "extension_mismatch"),
    ],
)
async def test_a_bad_document_fails_once_with_its_reason_and_writes_nothing(
    world: World, settings: Settings, data: bytes, name: str, reason: str
) -> None:
    document_id, task_id = await world.upload(data, name=name)
    outcome = await process(world, task_id, settings)
    assert outcome["status"] == "failed" and outcome["error"].startswith(f"{reason}: ")
    task, document = world.rows.tasks[task_id], world.rows.documents[document_id]
    assert task.status == "failed" and task.error_message == outcome["error"]
    assert document.status == "failed" and document.processing_error == outcome["error"]
    assert not world.vectors.chunks and not world.graph.written and not world.rows.extractions
    assert events(world)[-1]["status"] == "failed"


async def test_a_text_without_concepts_completes_with_empty_knowledge(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(b"Hello there.\n\nThanks, and see you soon.\n")
    await process(world, task_id, settings)
    assert world.rows.tasks[task_id].status == "completed"
    assert world.rows.extractions[document_id] == []
    assert world.graph.written[document_id].concepts == []


async def test_a_store_that_fails_is_retried_with_backoff_then_given_up(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    world.graph.fail_replace = 10
    delays = []
    for attempt in (1, 2, 3):
        with pytest.raises(Retry) as retry:
            await process(world, task_id, settings, attempt=attempt)
        delays.append(retry.value.defer_score)
        task = world.rows.tasks[task_id]
        assert task.status == "pending" and task.retry_count == attempt - 1
        assert (task.result or {})["stage"] == "retrying"
        assert "neo4j is unavailable" in (task.result or {})["last_error"]
    base = settings.worker.retry_backoff_seconds * 1000
    assert delays == [base, 2 * base, 4 * base]
    outcome = await process(world, task_id, settings, attempt=4)  # max_retries = 3
    assert outcome["status"] == "failed"
    assert outcome["error"] == "gave up after 4 tries: neo4j is unavailable: ServiceUnavailable"
    assert world.rows.documents[document_id].status == "failed"


async def test_a_store_that_comes_back_lets_the_retry_complete(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    world.graph.fail_replace = 1
    with pytest.raises(Retry):
        await process(world, task_id, settings, attempt=1)
    await process(world, task_id, settings, attempt=2)
    task = world.rows.tasks[task_id]
    assert task.status == "completed" and task.retry_count == 1
    assert world.rows.documents[document_id].status == "completed"


async def test_postgres_down_at_the_start_is_a_retry_too(world: World, settings: Settings) -> None:
    _, task_id = await world.upload(EN_CHAPTER.encode())
    world.rows.fail_on = {"task"}
    with pytest.raises(Retry):
        await process(world, task_id, settings)


async def test_a_worker_that_died_too_often_fails_the_task(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    outcome = await process(world, task_id, settings, attempt=5)  # 4 earlier tries died
    assert outcome["error"] == "gave up after 4 tries: the worker stopped during the job"
    assert world.rows.documents[document_id].status == "failed"
    assert not world.vectors.chunks


async def test_bad_jobs_change_nothing(world: World, settings: Settings) -> None:
    _, task_id = await world.upload(EN_CHAPTER.encode())
    before = (dict(world.rows.tasks), dict(world.rows.documents))
    with pytest.raises(BadJob, match="no task"):
        await process(world, uuid.uuid4(), settings)
    other = uuid.uuid4()
    world.rows.tasks[other] = task_record(
        other, uuid.uuid4(), {"course_id": str(uuid.uuid4())}, task_type="course_generation"
    )
    with pytest.raises(BadJob, match="is a course_generation task"):
        await process(world, other, settings)
    assert world.rows.tasks[task_id] == before[0][task_id]
    assert world.rows.documents == before[1] and not world.cache.published


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({}, "the task names no valid document_id"),
        ({"document_id": "not-a-uuid"}, "the task names no valid document_id"),
        ({"document_id": str(uuid.UUID(int=7))}, f"document {uuid.UUID(int=7)} does not exist"),
    ],
)
async def test_a_task_without_its_document_fails_and_touches_no_document(
    world: World, settings: Settings, payload: dict[str, Any], error: str
) -> None:
    document_id, _ = await world.upload(EN_CHAPTER.encode())
    task_id = uuid.uuid4()
    world.rows.tasks[task_id] = task_record(task_id, uuid.uuid4(), payload)
    before = world.rows.documents[document_id]
    outcome = await process(world, task_id, settings)
    assert outcome["error"] == error and world.rows.tasks[task_id].error_message == error
    assert world.rows.documents[document_id] == before


async def test_a_deleted_document_is_not_processed(world: World, settings: Settings) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    world.rows._document(document_id, status="deleted")
    outcome = await process(world, task_id, settings)
    assert outcome["error"] == "the document was deleted"
    assert world.rows.documents[document_id].status == "deleted"
    assert not world.vectors.chunks and not world.graph.written


async def test_a_file_missing_from_the_file_store_fails_clearly(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    await world.files.delete(world.rows.documents[document_id].file_path)
    outcome = await process(world, task_id, settings)
    assert outcome["error"] == "the uploaded file is missing from the file store; upload it again"
    assert world.rows.documents[document_id].status == "failed"
    assert not world.vectors.chunks


async def test_a_document_deleted_while_processed_is_cleaned_up(
    world: World, settings: Settings
) -> None:
    document_id, task_id = await world.upload(EN_CHAPTER.encode())
    original = world.rows.complete

    async def delete_first(**kwargs: Any) -> bool:
        world.rows._document(document_id, status="deleted")  # deleteDocument won the race
        return await original(**kwargs)

    world.rows.complete = delete_first  # type: ignore[method-assign]
    outcome = await process(world, task_id, settings)
    assert outcome["error"] == "the document was deleted while it was being processed"
    assert world.graph.removed_documents == [document_id]
    assert not world.vectors.chunks and not world.vectors.concepts
    assert world.rows.documents[document_id].status == "deleted"


async def test_a_completed_task_is_not_run_again(world: World, settings: Settings) -> None:
    _, task_id = await world.upload(EN_CHAPTER.encode())
    await process(world, task_id, settings)
    world.cache.published.clear()
    assert await process(world, task_id, settings) == {"skipped": "completed"}
    assert not world.cache.published
