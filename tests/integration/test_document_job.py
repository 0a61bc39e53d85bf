"""The document job against the real stores, with each vector backend.

A document goes through and every store holds its part; the same concept from two
documents is one node; running the job again changes nothing; deleting a document
removes what only it supported and keeps what another document shares; no mandatory
cycle is ever closed; a store that fails for a moment is retried.
"""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal

import pytest
from arq import Retry
from neo4j import AsyncGraphDatabase
from sqlalchemy import func, insert, select, update

from datasources.ids import concept_id_for
from datasources.neo4j.documents import DocumentGraphWriter
from datasources.neo4j.writes import ConceptInput
from datasources.postgres.models import (
    CourseDocument,
    Document,
    GenerationTask,
    KnowledgeExtraction,
)
from datasources.redis.store import document_cache_key
from datasources.settings import Settings
from datasources.stores import Stores
from jobs.tasks.cleanup import remove_document
from jobs.tasks.retries import BadJob
from tests.factories import World
from tests.integration.documents import DocumentWorld
from tests.unit.pipeline.samples import EN_CHAPTER, GREEK, ZH_CHAPTER

pytestmark = pytest.mark.integration

# A second chapter that shares concepts with EN_CHAPTER (written for these tests).
EN_SECOND = """# Matrices and Rank

## Gaussian Elimination

*Gaussian elimination* is a method that reduces a matrix to row echelon form by row
operations, and it solves a system of linear equations along the way.
Gaussian elimination needs only a linear equation at a time.

## Rank

The *rank* of a matrix is the number of nonzero rows left after Gaussian elimination.
For example, the identity matrix of size three has rank three.
The rank tells whether a system of linear equations has a solution.
"""


async def test_a_document_goes_through_and_every_store_holds_its_part(
    docs: DocumentWorld, stores: Stores
) -> None:
    document_id, task_id = await docs.upload(EN_CHAPTER.encode(), name="linear.md")
    assert await docs.process(task_id) == {"task_id": str(task_id), "status": "completed"}

    task = await docs.row(GenerationTask, task_id)
    document = await docs.row(Document, document_id)
    result = task.result
    assert (task.status, task.retry_count, task.error_message) == ("completed", 0, None)
    assert task.started_at <= task.completed_at
    assert result["stage"] == "completed" and result["progress"] == 100 and result["seconds"] > 0
    assert (document.status, document.language, document.page_count) == ("completed", "en", 1)
    assert document.word_count == result["words"] > 150
    assert "Gaussian elimination" in document.extracted_text
    assert document.processing_started_at <= document.processing_completed_at

    snap = await docs.snapshot(document_id)
    by_type: dict[str, int] = {}
    for row in snap["extractions"]:
        by_type[row[1]] = by_type.get(row[1], 0) + 1
    assert by_type == result["extractions"] and by_type["definition"] >= 4
    # each concept row names the section a reader meets it in (the planner's week titles)
    sections = {row[2]: row[8].get("section") for row in snap["extractions"] if row[1] == "concept"}
    assert sections["Gaussian elimination"] == [
        "Linear Equations",
        "Systems of Linear Equations",
        "Gaussian Elimination",
    ]
    assert sections["linear equation"] == sections["solution"] == ["Linear Equations"]
    concept_ids = {c["id"] for c in snap["concepts"]}
    assert len(concept_ids) == result["concepts"]["new"] + result["concepts"]["merged"]
    assert str(concept_id_for("gaussian elimination", "en")) in concept_ids
    for row in snap["extractions"]:
        assert row[6] in concept_ids and row[4] == 1 and Decimal(0) <= row[5] <= Decimal(1)
        assert row[7] is not None and len(row[7]) == 1536
    assert snap["node"] == [{"title": "Linear Equations", "type": None, "language": "en"}]
    assert document.metadata_["title"] == "Linear Equations"  # its own "#" title
    assert all(c["page"] == 1 and c["context"] for c in snap["concepts"])
    # the first-mention ranks the planner follows: 0..n-1, the title's topic first
    ranks = {c["title"].casefold(): c["order"] for c in snap["concepts"]}
    assert sorted(ranks.values()) == list(range(len(ranks)))
    assert ranks["linear equation"] < ranks["gaussian elimination"]
    prerequisites = [e for e in snap["edges"] if e["type"] == "PREREQUISITE"]
    assert len(prerequisites) == result["edges"]["prerequisite"] > 0
    assert all(e["props"]["document_ids"] == [str(document_id)] for e in prerequisites)
    assert len(snap["chunks"]) == result["chunks"] > 0
    assert {uuid.UUID(i) for i in concept_ids} == set(snap["concept_vectors"])
    assert snap["cache"]["page_count"] == 1 and "Gaussian" in snap["cache"]["text"]
    ttl = await stores.redis.cache.ttl(document_cache_key(document_id))
    assert 6 * 3600 - 60 < ttl <= 6 * 3600


async def test_the_uploaders_title_is_kept_over_the_documents_own(docs: DocumentWorld) -> None:
    document_id, task_id = await docs.upload(EN_SECOND.encode(), name="rank.md")
    async with docs.stores.sessions() as session, session.begin():
        await session.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(metadata_=Document.metadata_.op("||")({"title": "Week 3 reading"}))
        )
    assert (await docs.process(task_id))["status"] == "completed"
    document = await docs.row(Document, document_id)
    assert document.metadata_["title"] == "Week 3 reading" and "sha256" in document.metadata_
    snap = await docs.snapshot(document_id)
    assert snap["node"][0]["title"] == "Week 3 reading"
    assert document.metadata_["document_title"] == "Matrices and Rank"
    await docs.process(await docs.task(document_id))  # processed again: still the uploader's
    assert (await docs.row(Document, document_id)).metadata_["title"] == "Week 3 reading"
    assert (await docs.snapshot(document_id))["node"][0]["title"] == "Week 3 reading"


async def test_a_title_an_earlier_run_read_is_replaced_when_processed_again(
    docs: DocumentWorld,
) -> None:
    document_id, task_id = await docs.upload(EN_SECOND.encode(), name="rank.md")
    await docs.process(task_id)
    # What an older reader made of the document's title, in both stores.
    older = {"title": "Matrices and", "document_title": "Matrices and"}
    async with docs.stores.sessions() as session, session.begin():
        await session.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(metadata_=Document.metadata_.op("||")(older))
        )
    await docs.graph("MATCH (d:Document {id: $d}) SET d.title = 'Matrices and'", d=str(document_id))
    await docs.process(await docs.task(document_id))
    metadata = (await docs.row(Document, document_id)).metadata_
    assert metadata["title"] == metadata["document_title"] == "Matrices and Rank"
    assert (await docs.snapshot(document_id))["node"][0]["title"] == "Matrices and Rank"


async def test_a_chinese_document_is_detected_and_segmented(docs: DocumentWorld) -> None:
    document_id, task_id = await docs.upload(ZH_CHAPTER.encode(), name="线性方程.md")
    await docs.process(task_id)
    document = await docs.row(Document, document_id)
    assert (document.status, document.language) == ("completed", "zh-CN")
    snap = await docs.snapshot(document_id)
    assert str(concept_id_for("线性方程组", "zh-CN")) in {c["id"] for c in snap["concepts"]}


async def test_the_same_concept_from_two_documents_is_one_node(docs: DocumentWorld) -> None:
    first, task = await docs.upload(EN_CHAPTER.encode(), name="one.md")
    await docs.process(task)
    second, task = await docs.upload(EN_SECOND.encode(), name="two.md")
    await docs.process(task)
    result = (await docs.row(GenerationTask, task)).result
    assert result["concepts"]["merged"] >= 2
    gauss = str(concept_id_for("gaussian elimination", "en"))
    nodes = await docs.graph(
        "MATCH (c:Concept {id: $id})-[:EXTRACTED_FROM]->(d:Document) RETURN d.id AS d", id=gauss
    )
    assert sorted(n["d"] for n in nodes) == sorted([str(first), str(second)])
    count = await docs.graph("MATCH (c:Concept {id: $id}) RETURN count(c) AS n", id=gauss)
    assert count == [{"n": 1}]


# A computing lesson and an anatomy chapter (written for these tests): one word, two
# subjects. Words no other test's documents use, so the graph's other contents (the
# whole suite shares it) cannot make either document related to the other.
LESSON = """# Disk Drives

## Inside a Drive

A **spindle** is the motor shaft that turns the platters of a disk drive.
A **platter** is a round plate that stores the data as magnetic patterns.
The **actuator arm** moves the read head across a platter while the spindle turns.

## Speed

The spindle turns thousands of times a minute, and each platter turns with it.
"""
ANATOMY = """# Muscle Sensation

## Stretch Receptors

A **muscle spindle** is a sensory receptor within a skeletal muscle that senses how far
the muscle is stretched.
The **Golgi tendon organ** is a receptor in a tendon that senses the tension of the muscle.

## Reflexes

The **stretch reflex** is the contraction of a muscle after its muscle spindle senses a
stretch. Each muscle spindle sends signals to the spinal cord.
"""


async def test_a_one_word_concept_of_another_subject_is_no_prerequisite(
    docs: DocumentWorld, stores: Stores
) -> None:
    """The lesson's "spindle" (of a disk drive) is no prerequisite of the anatomy
    chapter's muscle spindle (links.related_documents): the graph knows where each
    concept came from, and the two documents share no concept."""
    lesson, task = await docs.upload(LESSON.encode(), name="drive.md")
    await docs.process(task)
    anatomy, task = await docs.upload(ANATOMY.encode(), name="muscle.md")
    graph = DocumentGraphWriter(stores.graph.driver, database=stores.graph.database, timeout=30)
    known = await graph.known_concepts(exclude_document=anatomy, limit=20_000)
    assert str(lesson) in {d for k in known if k.title == "spindle" for d in k.documents}
    await docs.process(task)
    titles = await docs.graph(
        "MATCH (c:Concept)-[:EXTRACTED_FROM]->(:Document {id: $d}) RETURN c.title AS t",
        d=str(anatomy),
    )
    assert {"muscle spindle", "stretch reflex"} <= {t["t"].casefold() for t in titles}
    edges = await docs.graph(
        "MATCH (:Concept {id: $id})-[:PREREQUISITE]->(b:Concept)-[:EXTRACTED_FROM]->"
        "(:Document {id: $d}) RETURN b.title AS b",
        id=str(concept_id_for("spindle", "en")),
        d=str(anatomy),
    )
    assert edges == []


async def test_reprocessing_gives_identical_contents(docs: DocumentWorld) -> None:
    document_id, task = await docs.upload(EN_CHAPTER.encode())
    await docs.process(task)
    before = await docs.snapshot(document_id)
    await docs.process(await docs.task(document_id))
    assert await docs.snapshot(document_id) == before
    async with docs.stores.sessions() as session:
        rows = await session.scalar(
            select(func.count())
            .select_from(KnowledgeExtraction)
            .where(KnowledgeExtraction.document_id == document_id)
        )
    assert rows == len(before["extractions"])


async def test_deleting_a_document_keeps_what_another_document_shares(
    docs: DocumentWorld, world: World
) -> None:
    first, task = await docs.upload(EN_CHAPTER.encode(), name="one.md")
    await docs.process(task)
    second, task = await docs.upload(EN_SECOND.encode(), name="two.md")
    await docs.process(task)
    only_first = str(concept_id_for("inconsistent system", "en"))
    shared = str(concept_id_for("gaussian elimination", "en"))
    owner = await world.user()
    course = await world.course(owner, documents=[first])
    await world.place(course, [uuid.UUID(only_first), uuid.UUID(shared)])
    second_before = await docs.snapshot(second)

    await docs.soft_delete(first)
    removed = await remove_document(docs.ports, first)
    assert removed["concepts_removed"] > 0 and removed["chunks_removed"] > 0
    assert removed["extractions_removed"] > 0 and removed["course_links_removed"] == 1

    gone = await docs.graph("MATCH (c:Concept {id: $id}) RETURN c.id AS id", id=only_first)
    assert gone == []
    assert uuid.UUID(only_first) not in await docs.concept_vectors([uuid.UUID(only_first)])
    kept = await docs.graph(
        "MATCH (c:Concept {id: $id})-[:EXTRACTED_FROM]->(d:Document) RETURN d.id AS d", id=shared
    )
    assert kept == [{"d": str(second)}]
    assert uuid.UUID(shared) in await docs.concept_vectors([uuid.UUID(shared)])
    placed = await docs.graph(
        "MATCH (:Course {id: $c})-[:CONTAINS]->(k:Concept) RETURN k.id AS id", c=str(course)
    )
    assert placed == [{"id": shared}]
    assert await docs.graph("MATCH (d:Document {id: $d}) RETURN d", d=str(first)) == []
    assert (await docs.vectors.count_chunks([first]))[first] == 0
    async with docs.stores.sessions() as session:
        links = await session.scalar(
            select(func.count())
            .select_from(CourseDocument)
            .where(CourseDocument.document_id == first)
        )
        rows = await session.scalar(
            select(func.count())
            .select_from(KnowledgeExtraction)
            .where(KnowledgeExtraction.document_id == first)
        )
    assert (links, rows) == (0, 0)
    assert (await docs.row(Document, first)).status == "deleted"  # kept a year, soft-deleted

    second_after = await docs.snapshot(second)
    for key in ("document", "extractions", "concepts", "chunks", "concept_vectors", "cache"):
        assert second_after[key] == second_before[key]
    # The first document is off every edge; the edges only it supported are gone.
    assert all(e["props"]["document_ids"] in ([], [str(second)]) for e in second_after["edges"])
    again = await remove_document(docs.ports, first)  # idempotent
    assert (again["concepts_removed"], again["chunks_removed"], again["extractions_removed"]) == (
        0,
        0,
        0,
    )


async def test_no_mandatory_cycle_is_ever_closed(docs: DocumentWorld, stores: Stores) -> None:
    # A person says Gaussian elimination comes before systems of linear equations; the
    # chapter's evidence says the opposite (mandatory): the stored edge wins.
    system = concept_id_for("system of linear equations", "en")
    gauss = concept_id_for("gaussian elimination", "en")
    await stores.graph_writer.upsert_concepts(
        [
            ConceptInput(id=i, title=t, description=None, difficulty=None, category=None, tags=())
            for i, t in ((system, "system of linear equations"), (gauss, "Gaussian elimination"))
        ]
    )
    assert await stores.graph_writer.add_prerequisite(
        prerequisite_id=gauss, concept_id=system, mandatory=True, weight=0.9
    )
    _, task = await docs.upload(EN_CHAPTER.encode())
    await docs.process(task)
    result = (await docs.row(GenerationTask, task)).result
    assert result["edges"]["prerequisite_dropped_cycle"] >= 1
    assert {"from": "system of linear equations", "to": "gaussian elimination"} in result["dropped"]
    cycles = await docs.graph(
        "MATCH (c:Concept) WHERE c.id IN $ids "
        "MATCH p = (c)-[:PREREQUISITE*1..8]->(c) "
        "WHERE all(r IN relationships(p) WHERE r.mandatory) "
        "RETURN count(p) AS n",
        ids=[str(system), str(gauss)],
    )
    assert cycles == [{"n": 0}]
    manual = await docs.graph(
        "MATCH (:Concept {id: $a})-[r:PREREQUISITE]->(:Concept {id: $b}) RETURN properties(r) AS p",
        a=str(gauss),
        b=str(system),
    )
    assert manual == [{"p": {"mandatory": True, "weight": 0.9}}]  # a person's edge: untouched


async def test_a_cycle_through_another_documents_concepts_is_never_closed(
    docs: DocumentWorld, stores: Stores
) -> None:
    # Mandatory edges a person made run Gaussian elimination → pivot (a concept the
    # chapter never names) → system of linear equations; the chapter's mandatory evidence
    # for system → Gaussian elimination would close that cycle through the pivot.
    system = concept_id_for("system of linear equations", "en")
    gauss = concept_id_for("gaussian elimination", "en")
    pivot = concept_id_for("pivot selection strategy", "en")
    await stores.graph_writer.upsert_concepts(
        [
            ConceptInput(id=i, title=t, description=None, difficulty=None, category=None, tags=())
            for i, t in (
                (system, "system of linear equations"),
                (gauss, "Gaussian elimination"),
                (pivot, "pivot selection strategy"),
            )
        ]
    )
    try:
        for a, b in ((gauss, pivot), (pivot, system)):
            assert await stores.graph_writer.add_prerequisite(
                prerequisite_id=a, concept_id=b, mandatory=True, weight=0.9
            )
        _, task = await docs.upload(EN_CHAPTER.encode())
        await docs.process(task)
        result = (await docs.row(GenerationTask, task)).result
        dropped = {"from": "system of linear equations", "to": "gaussian elimination"}
        assert dropped in result["dropped"]
        cycles = await docs.graph(
            "MATCH (c:Concept {id: $gauss}) MATCH p = (c)-[:PREREQUISITE*1..8]->(c) "
            "WHERE all(r IN relationships(p) WHERE r.mandatory) RETURN count(p) AS n",
            gauss=str(gauss),
        )
        assert cycles == [{"n": 0}]
    finally:
        # the pivot belongs to no document: removing the chapter leaves it (a person's
        # concept), so the test removes it as a person would
        await stores.graph_writer.delete_concept(pivot)


async def test_a_store_failing_for_a_moment_is_retried(
    docs: DocumentWorld, test_settings: Settings
) -> None:
    document_id, task = await docs.upload(EN_CHAPTER.encode())
    dead = AsyncGraphDatabase.driver("bolt://127.0.0.1:9", auth=("neo4j", "x"))
    try:
        healthy = docs.ports
        docs.ports = dataclasses.replace(
            healthy, graph=DocumentGraphWriter(dead, database="neo4j", timeout=5.0)
        )
        with pytest.raises(Retry):
            await docs.process(task, attempt=1)
        row = await docs.row(GenerationTask, task)
        assert row.status == "pending" and row.result["stage"] == "retrying"
        assert "neo4j is unavailable" in row.result["last_error"]
        docs.ports = healthy
        await docs.process(task, attempt=2)
    finally:
        await dead.close()
    row = await docs.row(GenerationTask, task)
    assert (row.status, row.retry_count) == ("completed", 1)
    assert (await docs.row(Document, document_id)).status == "completed"


async def test_a_deleted_document_or_a_missing_file_changes_nothing_else(
    docs: DocumentWorld,
) -> None:
    deleted, task = await docs.upload(EN_CHAPTER.encode())
    await docs.soft_delete(deleted)
    outcome = await docs.process(task)
    assert outcome["error"] == "the document was deleted"
    assert (await docs.row(Document, deleted)).status == "deleted"
    assert (await docs.vectors.count_chunks([deleted]))[deleted] == 0

    missing, task = await docs.upload(b"# Unique\n\nA *unique text* is one that nobody stored.\n")
    document = await docs.row(Document, missing)
    await docs.stores.files.delete(document.file_path)
    outcome = await docs.process(task)
    assert "missing from the file store" in outcome["error"]
    assert (await docs.row(Document, missing)).processing_error == outcome["error"]
    assert await docs.graph("MATCH (d:Document {id: $d}) RETURN d", d=str(missing)) == []


async def test_a_task_row_for_another_document_type_is_refused(docs: DocumentWorld) -> None:
    await docs.upload(EN_CHAPTER.encode())
    async with docs.stores.sessions() as session, session.begin():
        other = uuid.uuid4()
        await session.execute(
            insert(GenerationTask).values(
                id=other,
                user_id=docs.owner,
                task_type="export",
                payload={"export_id": str(uuid.uuid4())},
            )
        )
    with pytest.raises(BadJob, match="is a export task"):
        await docs.process(other)
    assert (await docs.row(GenerationTask, other)).status == "pending"


async def test_a_document_in_another_language_fails_by_name_and_stores_nothing(
    docs: DocumentWorld,
) -> None:
    greek = f"# Notes\n\n{GREEK}"
    refused, task = await docs.upload(greek.encode(), name="metavlites.md")
    outcome = await docs.process(task)
    document = await docs.row(Document, refused)
    assert document.status == "failed"
    assert "the text is in Greek" in (document.processing_error or "")
    assert (await docs.row(GenerationTask, task)).status == "failed"
    assert await docs.graph("MATCH (d:Document {id: $d}) RETURN d", d=str(refused)) == []
    assert (await docs.vectors.count_chunks([refused]))[refused] == 0
    assert outcome["error"] == document.processing_error
    # the uploader's own setting reads it anyway, with English rules
    read, task = await docs.upload(greek.encode(), name="again.md", language="en")
    await docs.process(task)
    assert (await docs.row(Document, read)).status == "completed"
