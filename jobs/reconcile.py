"""Cross-store repair: find where Neo4j and the vector index disagree with PostgreSQL
(the source of truth), and fix it (`curriculum reconcile [--fix]`, a daily cron job).

`find` scans all four stores' ids into memory (fine to a few hundred thousand rows;
past that it wants paging) and returns the ids per kind of drift; `fix` repairs exactly
the ids it is given, each repair re-checking its condition, so a second run changes
nothing. The kinds, and how each is fixed:

Kinds (what is found → how it is fixed):

- document_without_node: a completed document without its Document node → processed
  again as `reprocessDocument` does (a new document_processing task, unless one is
  pending or running);
- document_without_vectors: a completed document with words but no chunks → likewise;
- deleted_document_searchable: a deleted document that still has a node or chunks,
- node_without_document: a Document node without a row,
- chunks_without_document: chunks without a document row → the cleanup job's
  removal (jobs/tasks/cleanup.py: node, sole-source concepts, chunks, cache);
- course_node_without_row: a Course node without a row → deleted, with the objectives
  only it achieved;
- objective_without_course: a LearningObjective no course achieves → deleted;
- concept_without_source: an extracted (not curated) concept with no source
  document → deleted with its vector;
- concept_vector_without_node: a ConceptEmbedding without its Concept → deleted;
- concept_without_vector: a Concept without its ConceptEmbedding → embedded again;
- qa_without_course: QuestionAnswer vectors of a course without a row → deleted.

Retention uses the same finders: orphaned graph nodes weekly, unused embeddings monthly.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import text

from datasources.neo4j.upkeep import GraphUpkeep
from datasources.postgres.base import SYSTEM_VIEWER
from datasources.stores import Stores
from jobs.tasks.cleanup import remove_document
from jobs.tasks.document_ingest import restore_vectors
from jobs.tasks.ports import ports_from

log = logging.getLogger("jobs.reconcile")
# A scan or a repair batch is not a request: it gets this bound per store call.
STORE_SECONDS = 300.0

REPROCESS = ("document_without_node", "document_without_vectors")
REMOVE_DOCUMENT = (
    "deleted_document_searchable",
    "node_without_document",
    "chunks_without_document",
)
GRAPH_ORPHANS = (
    "node_without_document",
    "course_node_without_row",
    "objective_without_course",
    "concept_without_source",
)
UNUSED_EMBEDDINGS = ("chunks_without_document", "concept_vector_without_node", "qa_without_course")
KINDS = (
    *REPROCESS,
    "deleted_document_searchable",
    "node_without_document",
    "chunks_without_document",
    "course_node_without_row",
    "objective_without_course",
    "concept_without_source",
    "concept_vector_without_node",
    "concept_without_vector",
    "qa_without_course",
)


@dataclass(frozen=True)
class Drift:
    """Ids per kind of drift (every kind present, maybe empty)."""

    found: Mapping[str, frozenset[UUID]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.found.get(kind, ())) for kind in KINDS if kind in self.found}

    def only(self, ids: Collection[UUID]) -> Drift:
        """The same drift restricted to `ids` (to repair some of it, e.g. in a test)."""
        wanted = set(ids)
        return Drift({kind: frozenset(found & wanted) for kind, found in self.found.items()})

    def ids(self, *kinds: str) -> set[UUID]:
        return {i for kind in kinds for i in self.found.get(kind, ())}


@dataclass(frozen=True)
class Rows:
    """What PostgreSQL says exists."""

    documents: Mapping[UUID, str]  # id -> status
    with_words: frozenset[UUID]  # completed documents with words (so with chunks)
    courses: frozenset[UUID]


def upkeep(stores: Stores) -> GraphUpkeep:
    return GraphUpkeep(stores.graph.driver, database=stores.graph.database, timeout=STORE_SECONDS)


async def read_rows(stores: Stores) -> Rows:
    async with stores.engine.connect() as conn:
        documents = {
            row.id: row.status
            for row in await conn.execute(text("SELECT id, status FROM documents"))
        }
        with_words = frozenset(
            row.id
            for row in await conn.execute(
                text(
                    "SELECT id FROM documents WHERE status = 'completed' "
                    "AND coalesce(word_count, 0) > 0"
                )
            )
        )
        courses = frozenset(row.id for row in await conn.execute(text("SELECT id FROM courses")))
    return Rows(documents=documents, with_words=with_words, courses=courses)


async def find(stores: Stores, kinds: Collection[str] = KINDS) -> Drift:
    """Every kind of drift in `kinds`, by id (nothing is changed)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of drift: {', '.join(sorted(unknown))}")
    graph = upkeep(stores)
    rows = await read_rows(stores)
    owners = await stores.vectors.owners()
    doc_nodes = await graph.ids("Document")
    concepts = await graph.ids("Concept")
    deleted = {i for i, status in rows.documents.items() if status == "deleted"}
    completed = {i for i, status in rows.documents.items() if status == "completed"}
    found: dict[str, frozenset[UUID]] = {
        "document_without_node": frozenset(completed - doc_nodes),
        "document_without_vectors": frozenset(rows.with_words - owners.documents),
        "deleted_document_searchable": frozenset(deleted & (doc_nodes | owners.documents)),
        "node_without_document": frozenset(doc_nodes - rows.documents.keys()),
        "chunks_without_document": frozenset(owners.documents - rows.documents.keys()),
        "concept_vector_without_node": frozenset(owners.concepts - concepts),
        "concept_without_vector": frozenset(concepts - owners.concepts),
        "qa_without_course": frozenset(owners.courses - rows.courses),
    }
    if "course_node_without_row" in kinds:
        found["course_node_without_row"] = frozenset(await graph.ids("Course") - rows.courses)
    if "objective_without_course" in kinds:
        found["objective_without_course"] = frozenset(await graph.objectives_without_course())
    if "concept_without_source" in kinds:
        found["concept_without_source"] = frozenset(await graph.concepts_without_source())
    return Drift({kind: ids for kind, ids in found.items() if kind in kinds})


async def fix(stores: Stores, drift: Drift) -> dict[str, int]:
    """Repair every id in `drift`; returns how many were repaired per kind of repair."""
    ports = ports_from(stores, timeout=STORE_SECONDS)
    graph = upkeep(stores)
    done: dict[str, int] = {}
    # Documents first: their removal also takes the concepts only they supported.
    removals = drift.ids(*REMOVE_DOCUMENT)
    for document_id in sorted(removals):
        await remove_document(ports, document_id)
    done["documents_removed"] = len(removals)
    courses = sorted(drift.ids("course_node_without_row"))
    done["course_nodes_deleted"] = len(await graph.delete_courses(courses))
    objectives = sorted(drift.ids("objective_without_course"))
    done["objectives_deleted"] = len(await graph.delete_objectives_without_course(objectives))
    sourceless = sorted(drift.ids("concept_without_source"))
    # Vector first: a run killed in between finds the node again next time.
    await stores.vectors.delete_concepts(sourceless)
    done["concepts_deleted"] = len(await graph.delete_concepts_without_source(sourceless))
    done["concept_vectors_deleted"] = await stores.vectors.delete_concepts(
        sorted(drift.ids("concept_vector_without_node"))
    )
    # Only concepts that still exist (restore_vectors embeds what the graph returns).
    missing = drift.ids("concept_without_vector") - set(sourceless)
    await restore_vectors(ports, missing)
    done["concept_vectors_written"] = len(missing)
    qa = 0
    for course_id in sorted(drift.ids("qa_without_course")):
        qa += await stores.vectors.replace_course_qa(course_id, [])
    done["qa_vectors_deleted"] = qa
    done["documents_requeued"] = await _reprocess(stores, drift.ids(*REPROCESS))
    log.info("reconcile fixed %s", done)
    return done


async def _reprocess(stores: Stores, document_ids: Collection[UUID]) -> int:
    """A document_processing task per document that has none pending or running, made
    and queued as reprocessDocument does (the task is the document's owner's)."""
    queued = 0
    for document_id in sorted(document_ids):
        made = await stores.uploads.reprocess(document_id, viewer=SYSTEM_VIEWER)
        if isinstance(made, tuple):
            await stores.uploads.queue_reprocessing(made[1])
            queued += 1
    return queued
