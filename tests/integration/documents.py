"""Documents through the real job against the real stores, and what each store then holds.

`DocumentWorld.snapshot` reads back everything a document put in PostgreSQL, Neo4j, the
vector index and Redis, without timestamps, so two runs can be compared as they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import select, update

from bench.documents import add_document, add_task
from datasources.postgres.models import Document, KnowledgeExtraction
from datasources.redis.store import document_cache_key
from datasources.settings import Settings
from datasources.stores import Stores
from datasources.vectors import PgVectorIndex, VectorIndex, WeaviateVectorIndex
from jobs.tasks.cleanup import remove_document
from jobs.tasks.document_processing import run
from jobs.tasks.ports import DocumentPorts, ports_from
from tests.factories import World


@dataclass
class DocumentWorld:
    world: World
    settings: Settings
    vectors: VectorIndex
    documents: list[UUID] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ports: DocumentPorts = dataclasses.replace(
            ports_from(self.stores, timeout=60.0), vectors=self.vectors
        )
        self.owner: UUID | None = None

    @property
    def stores(self) -> Stores:
        return self.world.stores

    async def upload(
        self, data: bytes, *, name: str = "chapter.md", language: str | None = None
    ) -> tuple[UUID, UUID]:
        """A stored file, its pending documents row and a document_processing task."""
        if self.owner is None:
            self.owner = (await self.world.user()).user_id
        document_id, task_id = await add_document(
            self.stores, self.owner, data, name=name, language=language
        )
        self.documents.append(document_id)
        return document_id, task_id

    async def task(self, document_id: UUID) -> UUID:
        assert self.owner is not None
        return await add_task(self.stores, self.owner, document_id)

    async def process(self, task_id: UUID, *, attempt: int = 1) -> dict[str, Any]:
        return await run(self.ports, task_id, attempt=attempt, settings=self.settings)

    async def row(self, model: Any, row_id: UUID) -> Any:
        async with self.stores.sessions() as session:
            return await session.get(model, row_id, populate_existing=True)

    async def soft_delete(self, document_id: UUID) -> None:
        async with self.stores.sessions() as session, session.begin():
            await session.execute(
                update(Document).where(Document.id == document_id).values(status="deleted")
            )

    async def cleanup(self) -> None:
        for document_id in self.documents:
            concepts = await self.graph(
                "MATCH (c:Concept)-[:EXTRACTED_FROM]->(:Document {id: $d}) RETURN c.id AS id",
                d=str(document_id),
            )
            await self.soft_delete(document_id)
            await remove_document(self.ports, document_id)
            # Neo4j is one graph for the dev data and the tests: a concept the dev documents
            # also hold keeps its node, and the job rightly keeps its vector. The vector in
            # the tests' own namespace goes, so no later test sees it.
            await self.vectors.delete_concepts([UUID(row["id"]) for row in concepts])

    async def graph(self, statement: Any, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = await self.stores.graph.driver.execute_query(statement, params)
        return [dict(r) for r in records]

    async def concept_vectors(self, ids: Sequence[UUID]) -> dict[UUID, tuple[str, str | None]]:
        """ConceptEmbedding objects by id: (title, description)."""
        if isinstance(self.vectors, PgVectorIndex):
            rows = await self.vectors._fetch(
                f"SELECT id, title, description FROM {self.vectors._s}.concept_embeddings "  # noqa: S608 - quoted schema
                "WHERE id = ANY($1::uuid[])",
                list(ids),
            )
            return {r["id"]: (r["title"], r["description"]) for r in rows}
        assert isinstance(self.vectors, WeaviateVectorIndex)
        found = await self.vectors._collection("concept").query.fetch_objects_by_ids(list(ids))
        return {
            UUID(str(o.uuid)): (str(o.properties["title"]), o.properties.get("description"))  # type: ignore[misc]
            for o in found.objects
        }

    async def snapshot(self, document_id: UUID) -> dict[str, Any]:
        """Everything the document put in every store, without timestamps."""
        document = await self.row(Document, document_id)
        async with self.stores.sessions() as session:
            extractions = (
                await session.execute(
                    select(KnowledgeExtraction)
                    .where(KnowledgeExtraction.document_id == document_id)
                    .order_by(KnowledgeExtraction.id)
                )
            ).scalars()
            rows = [
                (
                    x.id,
                    x.extraction_type,
                    x.content,
                    x.context,
                    x.page_number,
                    x.confidence_score,
                    x.neo4j_node_id,
                    None if x.embeddings is None else [round(v, 6) for v in x.embeddings],
                    x.metadata_,
                )
                for x in extractions
            ]
        concepts = await self.graph(
            "MATCH (c:Concept)-[r:EXTRACTED_FROM]->(:Document {id: $d}) "
            "RETURN c.id AS id, c.title AS title, c.description AS description, "
            "c.difficulty AS difficulty, c.category AS category, c.tags AS tags, "
            "r.page AS page, r.confidence AS confidence, r.context AS context, "
            "r.order AS order ORDER BY id",
            d=str(document_id),
        )
        ids = [c["id"] for c in concepts]
        edges = await self.graph(
            "MATCH (a:Concept)-[r:PREREQUISITE|RELATES_TO]->(b:Concept) "
            "WHERE a.id IN $ids OR b.id IN $ids "
            "RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props "
            "ORDER BY type, a, b",
            ids=ids,
        )
        for edge in edges:
            edge["props"]["document_ids"] = sorted(edge["props"].get("document_ids") or [])
        node = await self.graph(
            "MATCH (d:Document {id: $d}) RETURN d.title AS title, d.type AS type, "
            "d.language AS language",
            d=str(document_id),
        )
        chunks = (await self.vectors.chunks_for_documents([document_id], limit=1000))[document_id]
        cached = (await self.stores.redis.get_json_many([document_cache_key(document_id)]))[0]
        return {
            "document": (
                document.status,
                document.page_count,
                document.word_count,
                document.language,
                document.extracted_text,
                document.processing_error,
            ),
            "extractions": rows,
            "node": node,
            "concepts": concepts,
            "edges": edges,
            "chunks": [
                (c.id, c.chunk_index, c.content, c.page_number, dict(c.metadata)) for c in chunks
            ],
            "concept_vectors": await self.concept_vectors([UUID(i) for i in ids]),
            "cache": cached,
        }
