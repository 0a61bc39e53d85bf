"""Cross-store drift, planted on purpose in every kind, found and fixed (both backends).

Neo4j is shared with the dev data, so the repairs here are restricted to what this test
planted (`Drift.only`); finding runs over everything, as the command does.
"""

from __future__ import annotations

import dataclasses
import uuid
from uuid import UUID

import pytest
from sqlalchemy import select, update

from datasources.postgres.models import Document, GenerationTask
from datasources.stores import Stores
from datasources.vectors import ChunkRecord, ConceptVectorRecord, QARecord, VectorIndex
from jobs import reconcile
from tests.integration.documents import DocumentWorld
from tests.unit.pipeline.samples import EN_CHAPTER

pytestmark = pytest.mark.integration

OTHER_CHAPTER = """# Probability

## Random Variables

A *random variable* assigns a number to every outcome of an experiment.
The *expected value* of a random variable is the average of its values weighted by
their probabilities, and the *variance* measures how far the values spread from it.
"""


async def _vector(stores: Stores, text: str) -> list[float]:
    return list((await stores.embedder.embed([text]))[0])


async def _plant(
    docs: DocumentWorld, stores: Stores, vectors: VectorIndex
) -> tuple[dict[str, UUID], set[UUID]]:
    """One id per kind of drift, each made the way it happens (a store write lost); and
    the concepts that lose their only source with the lost node."""
    world = docs.world
    owner = await world.user()
    ids = {kind: uuid.uuid4() for kind in reconcile.KINDS}
    # A processed document whose graph node was lost, and one whose chunks were lost.
    lost_node, task = await docs.upload(EN_CHAPTER.encode(), name="lost-node.md")
    await docs.process(task)
    lost_chunks, task = await docs.upload(OTHER_CHAPTER.encode(), name="lost-chunks.md")
    await docs.process(task)
    ids["document_without_node"], ids["document_without_vectors"] = lost_node, lost_chunks
    only_there = await docs.graph(
        "MATCH (c:Concept)-[:EXTRACTED_FROM]->(d:Document {id: $id}) "
        "WHERE NOT EXISTS { (c)-[:EXTRACTED_FROM]->(o:Document) WHERE o <> d } "
        "RETURN c.id AS id",
        id=str(lost_node),
    )
    await docs.graph("MATCH (d:Document {id: $id}) DETACH DELETE d", id=str(lost_node))
    await vectors.delete_document(lost_chunks)
    # A document deleted in PostgreSQL whose cleanup never ran.
    deleted = await world.document(owner, filename="deleted.pdf")
    ids["deleted_document_searchable"] = deleted
    vector = await _vector(stores, "a chunk of a deleted document")
    await vectors.upsert_chunks(
        [ChunkRecord.create(document_id=deleted, chunk_index=0, content="gone", vector=vector)]
    )
    async with stores.sessions() as session, session.begin():
        await session.execute(
            update(Document).where(Document.id == deleted).values(status="deleted")
        )
    # Nodes and vectors whose rows never existed (or were removed by hand).
    await docs.graph("CREATE (:Document {id: $id})", id=str(ids["node_without_document"]))
    world.documents.append(ids["node_without_document"])
    await vectors.upsert_chunks(
        [
            ChunkRecord.create(
                document_id=ids["chunks_without_document"],
                chunk_index=0,
                content="orphan chunk",
                vector=vector,
            )
        ]
    )
    await docs.graph(
        "CREATE (c:Course {id: $c})-[:ACHIEVES {priority: 1}]->(:LearningObjective {id: $o}), "
        "(:LearningObjective {id: $lonely})",
        c=str(ids["course_node_without_row"]),
        o=str(uuid.uuid4()),
        lonely=str(ids["objective_without_course"]),
    )
    world.courses.append(ids["course_node_without_row"])
    # An extracted concept whose sources are gone, with its vector.
    await docs.graph(
        "CREATE (:Concept {id: $id, title: 'Sourceless'})", id=str(ids["concept_without_source"])
    )
    world.concepts.append(ids["concept_without_source"])
    records = [
        ConceptVectorRecord.create(
            concept_id=ids[kind],
            title=kind,
            description=None,
            category=None,
            tags=(),
            vector=vector,
        )
        for kind in ("concept_without_source", "concept_vector_without_node")
    ]
    await vectors.upsert_concepts(records)
    # A curated concept (never "without a source") whose vector was lost: the world
    # writes its vector to the default index, not to this backend's fresh one.
    ids["concept_without_vector"] = await world.concept("Curated without a vector")
    await vectors.upsert_qa(
        [
            QARecord(
                id=uuid.uuid4(),
                question="q?",
                answer="a",
                course_id=ids["qa_without_course"],
                vector=vector,
            )
        ]
    )
    return ids, {UUID(row["id"]) for row in only_there}


@pytest.mark.timeout(600)  # four documents go through the real pipeline
async def test_every_kind_of_drift_is_found_and_fixed_once(
    docs: DocumentWorld, vectors: VectorIndex
) -> None:
    stores = dataclasses.replace(docs.stores, vectors=vectors)
    ids, orphaned = await _plant(docs, stores, vectors)
    drift = await reconcile.find(stores)
    for kind, planted in ids.items():
        assert planted in drift.found[kind], kind
    # The concepts only the lost-node document supported became sourceless with it.
    assert orphaned and orphaned <= drift.found["concept_without_source"]
    ours = set(ids.values()) | orphaned
    # A curated concept is never "without a source".
    assert ids["concept_without_vector"] not in drift.found["concept_without_source"]

    mine = drift.only(ours)
    fixed = await reconcile.fix(stores, mine)
    assert fixed["documents_removed"] == 3
    assert fixed["course_nodes_deleted"] == 1
    assert fixed["objectives_deleted"] == 1
    assert fixed["concepts_deleted"] >= 1
    assert fixed["concept_vectors_deleted"] == 1
    assert fixed["concept_vectors_written"] >= 1
    assert fixed["qa_vectors_deleted"] == 1
    assert fixed["documents_requeued"] == 2
    # Again before the worker ran: the repairs find nothing left to do, and the two
    # documents already have a pending task each, so none is queued twice.
    again = await reconcile.fix(stores, mine)
    assert again["documents_requeued"] == 0
    assert again["course_nodes_deleted"] == again["objectives_deleted"] == 0
    assert again["concepts_deleted"] == again["qa_vectors_deleted"] == 0
    async with stores.sessions() as session:
        tasks = (
            await session.execute(
                select(GenerationTask.id, GenerationTask.payload).where(
                    GenerationTask.status == "pending"
                )
            )
        ).all()
    # the shared test database may hold other tests' pending tasks (a course to plan has no
    # document_id): only the two documents planted here count
    planted = {str(ids["document_without_node"]), str(ids["document_without_vectors"])}
    requeued = {UUID(p["document_id"]): t for t, p in tasks if p.get("document_id") in planted}
    assert len(requeued) == 2
    for task_id in requeued.values():  # what the worker does with the queued jobs
        assert (await docs.process(task_id))["status"] == "completed"

    after = await reconcile.find(stores)
    assert not after.ids() & ours, {k: v & ours for k, v in after.found.items() if v & ours}
    chunks = await vectors.count_chunks([ids["document_without_vectors"]])
    assert chunks[ids["document_without_vectors"]] > 0
    node = await docs.graph(
        "MATCH (d:Document {id: $id}) RETURN count(d) AS n", id=str(ids["document_without_node"])
    )
    assert node == [{"n": 1}]
    owners = await vectors.owners()
    assert ids["concept_without_vector"] in owners.concepts
    assert ids["deleted_document_searchable"] not in owners.documents


async def test_unknown_kinds_are_refused(stores: Stores) -> None:
    with pytest.raises(ValueError, match="unknown kinds of drift: nonsense"):
        await reconcile.find(stores, ["nonsense"])
