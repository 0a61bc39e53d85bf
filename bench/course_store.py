"""Write a planner-shaped knowledge graph into the real stores, as document processing
would have left it: `documents` rows, Document and Concept nodes, EXTRACTED_FROM,
PREREQUISITE and RELATES_TO edges, and `knowledge_extractions` rows.

For the generation benchmark (bench/generation.py) and the course tests, which build
their graphs as a PlanningInput (bench/course_graphs.py, tests/course_data.py) and
load them here with fresh UUIDs; `remove` deletes exactly what was loaded.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import delete, insert

from datasources.neo4j.bulk import (
    BulkGraphWriter,
    ConceptNode,
    DocumentNode,
    Prerequisite,
    Relation,
)
from datasources.neo4j.records import SourceEdge
from datasources.postgres.models import Document, KnowledgeExtraction
from datasources.stores import Stores
from jobs.planning import PlanningInput

MIME = {"pdf": "application/pdf", "md": "text/markdown", "docx": "application/octet-stream"}


@dataclass
class LoadedGraph:
    """The UUIDs the stores gave the input's string ids."""

    documents: dict[str, UUID] = field(default_factory=dict)
    concepts: dict[str, UUID] = field(default_factory=dict)
    titles: dict[str, UUID] = field(default_factory=dict)  # concept title -> id

    def document_ids(self) -> list[UUID]:
        return list(self.documents.values())


def _writer(stores: Stores) -> BulkGraphWriter:
    graph = stores.graph_writer
    return BulkGraphWriter(graph.driver, database=graph.database, timeout=120.0)


async def load_graph(
    stores: Stores,
    data: PlanningInput,
    *,
    owner_id: UUID,
    status: Mapping[str, str] | None = None,
) -> LoadedGraph:
    """Every document, concept, edge and extraction of `data`, owned by `owner_id`.
    `status` sets a document's status (default completed)."""
    loaded = LoadedGraph(
        documents={d.id: uuid.uuid4() for d in data.documents},
        concepts={c.id: uuid.uuid4() for c in data.concepts},
    )
    loaded.titles = {c.title: loaded.concepts[c.id] for c in data.concepts}
    rows = []
    for d in data.documents:
        doc_id = loaded.documents[d.id]
        rows.append(
            {
                "id": doc_id,
                "user_id": owner_id,
                "filename": d.filename,
                "original_filename": d.filename,
                "file_path": hashlib.sha256(doc_id.bytes).hexdigest(),
                "file_size": 1000,
                "mime_type": MIME.get(d.filename.rsplit(".", 1)[-1], "text/plain"),
                "status": (status or {}).get(d.id, "completed"),
                "language": d.language,
                "page_count": d.page_count,
                "metadata_": {"title": d.title} if d.title else {},
            }
        )
    extractions = [
        {
            "document_id": loaded.documents[e.document_id],
            "extraction_type": e.kind,
            "content": e.text,
            "context": None,
            "page_number": e.page,
            "confidence_score": 0.9,
            "neo4j_node_id": str(loaded.concepts[c.id]),
            "metadata_": {},
        }
        for c in data.concepts
        for e in c.extractions
    ]
    # the concept rows that carry each concept's section, as the document job writes them
    extractions += [
        {
            "document_id": loaded.documents[m.document_id],
            "extraction_type": "concept",
            "content": c.title,
            "context": None,
            "page_number": m.page,
            "confidence_score": 0.9,
            "neo4j_node_id": str(loaded.concepts[c.id]),
            "metadata_": {"section": list(m.section)},
        }
        for c in data.concepts
        for m in c.mentions
        if m.section
    ]
    async with stores.sessions() as session, session.begin():
        await session.execute(insert(Document), rows)
        if extractions:
            await session.execute(insert(KnowledgeExtraction), extractions)
    writer = _writer(stores)
    await writer.documents(
        [
            DocumentNode(loaded.documents[d.id], d.title or d.filename, "textbook", d.language)
            for d in data.documents
        ]
    )
    await writer.concepts(
        [
            ConceptNode(
                id=loaded.concepts[c.id],
                title=c.title,
                description=c.description or None,
                difficulty=c.difficulty,
                category="bench",
                tags=(),
            )
            for c in data.concepts
        ]
    )
    await writer.extractions(
        [
            SourceEdge(
                concept_id=loaded.concepts[c.id],
                document_id=loaded.documents[m.document_id],
                page=m.page,
                confidence=m.confidence,
                context=f"{c.title} is introduced here",
            )
            for c in data.concepts
            for m in c.mentions
        ]
    )
    await writer.prerequisites(
        [
            Prerequisite(
                loaded.concepts[e.prerequisite], loaded.concepts[e.concept], e.mandatory, e.weight
            )
            for e in data.prerequisites
        ]
    )
    await writer.relations(
        [
            Relation(loaded.concepts[e.source], loaded.concepts[e.target], e.type, e.strength)
            for e in data.relations
        ]
    )
    return loaded


async def remove(stores: Stores, loaded: LoadedGraph, course_ids: list[UUID] | None = None) -> None:
    """The loaded graph, the courses made from it (rows, nodes, objectives, questions)."""
    driver = stores.graph_writer.driver
    database = stores.graph_writer.database
    courses = [str(c) for c in course_ids or []]
    await driver.execute_query(
        "UNWIND $ids AS id MATCH (c:Course {id: id}) "
        "OPTIONAL MATCH (c)-[:ACHIEVES]->(o:LearningObjective) DETACH DELETE c, o",
        ids=courses,
        database_=database,
    )
    for label, ids in (("Concept", loaded.concepts), ("Document", loaded.documents)):
        values = [str(i) for i in ids.values()]
        for start in range(0, len(values), 5000):
            await driver.execute_query(
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n",  # type: ignore[arg-type]
                ids=values[start : start + 5000],
                database_=database,
            )
    for course in course_ids or []:
        await stores.vectors.replace_course_qa(course, [])
    async with stores.sessions() as session, session.begin():
        await session.execute(delete(Document).where(Document.id.in_(loaded.document_ids())))
