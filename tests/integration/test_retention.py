"""The retention jobs against the real stores: a dry run removes nothing, a run removes
exactly what is past retention (with everything it added elsewhere), a second run
removes nothing more."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import insert, select, text

from datasources.postgres.models import AuditLog, Document, KnowledgeExtraction
from datasources.stores import Stores
from datasources.vectors import ChunkRecord, ConceptVectorRecord, QARecord, VectorIndex
from jobs import maintenance
from tests.factories import World

pytestmark = pytest.mark.integration


async def _file(stores: Stores, data: bytes) -> str:
    async def one() -> AsyncIterator[bytes]:
        yield data

    return (await stores.files.put(one(), max_bytes=len(data))).key


async def _deleted_document(
    world: World, owner: UUID, *, deleted_at: datetime | None, updated_at: datetime | None = None
) -> tuple[UUID, str, UUID]:
    """A soft-deleted document with a file, an extraction, a node, a concept only it
    supports (with its vector) and chunks; returns (document, file key, concept)."""
    stores = world.stores
    document_id = uuid.uuid4()
    key = await _file(stores, f"retention test {document_id}".encode())
    metadata = {"sha256": key, "deleted_by": str(owner)}
    if deleted_at is not None:
        metadata["deleted_at"] = deleted_at.isoformat()
    async with stores.sessions() as session, session.begin():
        await session.execute(
            insert(Document).values(
                id=document_id,
                user_id=owner,
                filename="old.md",
                original_filename="old.md",
                file_path=key,
                file_size=10,
                status="deleted",
                metadata_=metadata,
                updated_at=updated_at or datetime.now(UTC),
            )
        )
        await session.execute(
            insert(KnowledgeExtraction).values(
                document_id=document_id, extraction_type="concept", content="x"
            )
        )
    concept_id = uuid.uuid4()
    await stores.graph.driver.execute_query(
        "CREATE (c:Concept {id: $c, title: 'Only here'})-[:EXTRACTED_FROM]->(:Document {id: $d})",
        c=str(concept_id),
        d=str(document_id),
    )
    world.documents.append(document_id)
    world.concepts.append(concept_id)
    vector = (await stores.embedder.embed(["only here"]))[0]
    await stores.vectors.upsert_concepts(
        [
            ConceptVectorRecord.create(
                concept_id=concept_id,
                title="Only here",
                description=None,
                category=None,
                tags=(),
                vector=vector,
            )
        ]
    )
    await world.chunks(document_id, ["one chunk", "another chunk"])
    return document_id, key, concept_id


async def _left(stores: Stores, document_id: UUID, key: str, concept: UUID) -> dict[str, object]:
    async with stores.sessions() as session:
        row = await session.get(Document, document_id, populate_existing=True)
        extractions = (
            await session.execute(
                select(KnowledgeExtraction.id).where(KnowledgeExtraction.document_id == document_id)
            )
        ).all()
    nodes, _, _ = await stores.graph.driver.execute_query(
        "MATCH (n) WHERE n.id IN $ids RETURN count(n) AS n", ids=[str(document_id), str(concept)]
    )
    owners = await stores.vectors.owners()
    return {
        "row": row is not None,
        "extractions": len(extractions),
        "nodes": nodes[0]["n"],
        "chunks": document_id in owners.documents,
        "concept_vector": concept in owners.concepts,
        "file": await stores.files.exists(key),
    }


KEPT = {
    "row": True,
    "extractions": 1,
    "nodes": 2,
    "chunks": True,
    "concept_vector": True,
    "file": True,
}
GONE = {
    "row": False,
    "extractions": 0,
    "nodes": 0,
    "chunks": False,
    "concept_vector": False,
    "file": False,
}


async def test_documents_go_a_year_after_deletion_with_all_they_added(world: World) -> None:
    stores = world.stores
    owner = (await world.user()).user_id
    now = datetime.now(UTC)
    old = await _deleted_document(world, owner, deleted_at=now - timedelta(days=400))
    # No readable deletion time: the row's updated_at decides.
    undated = await _deleted_document(
        world, owner, deleted_at=None, updated_at=now - timedelta(days=500)
    )
    recent = await _deleted_document(world, owner, deleted_at=now - timedelta(days=30))

    would = await maintenance.purge_documents(stores, dry_run=True)
    assert would["documents"] == 2
    for document in (old, undated, recent):
        assert await _left(stores, *document) == KEPT

    removed = await maintenance.purge_documents(stores, dry_run=False)
    assert removed == {"documents": 2, "chunks": 4, "extractions": 2, "files": 2}
    assert await _left(stores, *old) == GONE
    assert await _left(stores, *undated) == GONE
    assert await _left(stores, *recent) == KEPT
    assert await maintenance.purge_documents(stores, dry_run=False) == {
        "documents": 0,
        "chunks": 0,
        "extractions": 0,
        "files": 0,
    }


async def _partitions(stores: Stores) -> set[str]:
    async with stores.engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = 'audit_logs'::regclass"
            )
        )
        return {name for (name,) in rows}


async def test_audit_logs_drop_whole_months_older_than_two_years(world: World) -> None:
    stores = world.stores
    now = datetime.now(UTC)
    async with stores.engine.begin() as conn:
        await conn.execute(text("SELECT ensure_audit_log_partitions(1, 40)"))
    times = {
        "ancient": now - timedelta(days=3 * 365),
        "last_year": now - timedelta(days=365),
    }
    async with stores.sessions() as session, session.begin():
        for name, when in times.items():
            await session.execute(
                insert(AuditLog).values(action=f"retention-{name}", created_at=when)
            )
    ancient = f"audit_logs_y{times['ancient']:%Y}m{times['ancient']:%m}"
    last_year = f"audit_logs_y{times['last_year']:%Y}m{times['last_year']:%m}"
    assert {ancient, last_year} <= await _partitions(stores)

    would = await maintenance.purge_audit_logs(stores, dry_run=True)
    assert would["partitions"] >= 1 and would["rows"] >= 1
    assert ancient in await _partitions(stores)

    removed = await maintenance.purge_audit_logs(stores, dry_run=False)
    assert removed == would
    left = await _partitions(stores)
    assert ancient not in left and last_year in left
    async with stores.sessions() as session:
        actions = set(
            (
                await session.execute(
                    select(AuditLog.action).where(AuditLog.action.like("retention-%"))
                )
            ).scalars()
        )
    assert actions == {"retention-last_year"}
    assert await maintenance.purge_audit_logs(stores, dry_run=False) == {
        "partitions": 0,
        "rows": 0,
    }


def test_the_audit_cutoff_is_the_month_two_years_back() -> None:
    cutoff = maintenance._cutoff(datetime(2026, 1, 15, tzinfo=UTC))
    assert cutoff == datetime(2024, 1, 1, tzinfo=UTC)
    # December 2023 ended on the cutoff: dropped; January 2024 is kept.
    assert maintenance._month_end("audit_logs_y2023m12") == cutoff
    assert maintenance._month_end("audit_logs_y2024m01") == datetime(2024, 2, 1, tzinfo=UTC)
    assert maintenance._month_end("audit_logs_default") is None


async def test_unused_embeddings_go_monthly_on_either_backend(
    world: World, vectors: VectorIndex
) -> None:
    stores = dataclasses.replace(world.stores, vectors=vectors)
    owner = await world.user()
    kept_document = await world.document(owner)
    kept_course = await world.course(owner)
    kept_concept = await world.concept("Kept")
    vector = (await stores.embedder.embed(["an embedding"]))[0]
    gone_document, gone_concept, gone_course = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await vectors.upsert_chunks(
        [
            ChunkRecord.create(document_id=d, chunk_index=0, content="c", vector=vector)
            for d in (kept_document, gone_document)
        ]
    )
    await vectors.upsert_concepts(
        [
            ConceptVectorRecord.create(
                concept_id=c, title="t", description=None, category=None, tags=(), vector=vector
            )
            for c in (kept_concept, gone_concept)
        ]
    )
    await vectors.upsert_qa(
        [
            QARecord(id=uuid.uuid4(), question="q", answer="a", course_id=c, vector=vector)
            for c in (kept_course, gone_course)
        ]
    )
    would = await maintenance.purge_unused_embeddings(stores, dry_run=True)
    assert would == {
        "chunks_without_document": 1,
        "concept_vector_without_node": 1,
        "qa_without_course": 1,
    }
    removed = await maintenance.purge_unused_embeddings(stores, dry_run=False)
    assert removed["documents_removed"] == 1
    assert removed["concept_vectors_deleted"] == removed["qa_vectors_deleted"] == 1
    owners = await vectors.owners()
    assert owners.documents == {kept_document}
    assert owners.concepts == {kept_concept}
    assert owners.courses == {kept_course}
    assert await maintenance.purge_unused_embeddings(stores, dry_run=True) == {
        "chunks_without_document": 0,
        "concept_vector_without_node": 0,
        "qa_without_course": 0,
    }


async def test_graph_orphans_are_reported_by_a_dry_run_and_nothing_moves(world: World) -> None:
    """The weekly run's finders (repairs are the reconcile test's); a dry run over the
    whole graph must change nothing."""
    lonely = uuid.uuid4()
    await world.stores.graph.driver.execute_query(
        "CREATE (:LearningObjective {id: $id})", id=str(lonely)
    )
    would = await maintenance.purge_graph_orphans(world.stores, dry_run=True)
    assert would["objective_without_course"] >= 1
    assert set(would) == {
        "node_without_document",
        "course_node_without_row",
        "objective_without_course",
        "concept_without_source",
    }
    rows, _, _ = await world.stores.graph.driver.execute_query(
        "MATCH (o:LearningObjective {id: $id}) DETACH DELETE o RETURN count(*) AS n",
        id=str(lonely),
    )
    assert rows[0]["n"] == 1  # still there after the dry run


async def test_an_unknown_task_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown maintenance task 'purge-everything'"):
        await maintenance.run_task(None, "purge-everything", dry_run=True)  # type: ignore[arg-type]
