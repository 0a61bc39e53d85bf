"""Builds real data in every store for a test, and removes exactly what it built."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert

from datasources.neo4j.writes import ConceptInput
from datasources.postgres.models import Course, CourseDocument, Document, GenerationTask, User
from datasources.stores import Stores
from datasources.vectors import ChunkRecord, ConceptVectorRecord
from resolvers.context import Context, Limits, Principal


@dataclass
class World:
    stores: Stores
    users: list[UUID] = field(default_factory=list)
    concepts: list[UUID] = field(default_factory=list)
    courses: list[UUID] = field(default_factory=list)
    documents: list[UUID] = field(default_factory=list)

    async def user(self, *, role: str = "user", name: str | None = None) -> Principal:
        user_id = uuid.uuid4()
        name = name or f"u{user_id.hex[:12]}"
        async with self.stores.sessions() as session, session.begin():
            await session.execute(
                insert(User).values(
                    id=user_id,
                    email=f"{name}@example.test",
                    username=name,
                    password_hash="not-a-real-hash",
                    full_name=name.title(),
                    role=role,
                )
            )
        self.users.append(user_id)
        return Principal(user_id=user_id, role=role)

    async def document(self, owner: Principal, *, filename: str = "notes.pdf") -> UUID:
        doc_id = uuid.uuid4()
        async with self.stores.sessions() as session, session.begin():
            await session.execute(
                insert(Document).values(
                    id=doc_id,
                    user_id=owner.user_id,
                    filename=filename,
                    original_filename=filename,
                    file_path=f"/uploads/{doc_id}",
                    file_size=1234,
                    mime_type="application/pdf",
                    status="completed",
                    language="en",
                )
            )
        await self.stores.graph_writer.driver.execute_query(
            "MERGE (d:Document {id: $id}) SET d.title = $title", id=str(doc_id), title=filename
        )
        self.documents.append(doc_id)
        return doc_id

    async def course(
        self,
        owner: Principal,
        *,
        title: str = "Course",
        status: str = "draft",
        documents: list[UUID] | None = None,
    ) -> UUID:
        course_id = uuid.uuid4()
        async with self.stores.sessions() as session, session.begin():
            await session.execute(
                insert(Course).values(
                    id=course_id,
                    user_id=owner.user_id,
                    title=title,
                    status=status,
                    difficulty_level="beginner",
                    duration_weeks=4,
                    hours_per_week=3,
                    outline={
                        "summary": "s",
                        "weeks": [{"week": 1, "title": "Start", "topics": ["a"]}],
                    },
                )
            )
            for doc_id in documents or []:
                await session.execute(
                    insert(CourseDocument).values(
                        course_id=course_id,
                        document_id=doc_id,
                        relevance_score=0.5,
                        usage_type="primary",
                    )
                )
        await self.stores.graph_writer.upsert_course(
            course_id=course_id, title=title, difficulty="beginner", duration_hours=12
        )
        self.courses.append(course_id)
        return course_id

    async def concept(self, title: str, *, description: str | None = None) -> UUID:
        concept_id = uuid.uuid4()
        await self.stores.graph_writer.upsert_concepts(
            [
                ConceptInput(
                    id=concept_id,
                    title=title,
                    description=description,
                    difficulty="beginner",
                    category="test",
                    tags=("t",),
                )
            ]
        )
        vector = (await self.stores.embedder.embed([f"{title} {description or ''}"]))[0]
        await self.stores.vectors.upsert_concepts(
            [
                ConceptVectorRecord(
                    id=concept_id,
                    title=title,
                    description=description,
                    neo4j_node_id=str(concept_id),
                    category="test",
                    tags=["t"],
                    vector=vector,
                )
            ]
        )
        self.concepts.append(concept_id)
        return concept_id

    async def prerequisite(self, before: UUID, after: UUID, *, mandatory: bool = True) -> None:
        added = await self.stores.graph_writer.add_prerequisite(
            prerequisite_id=before, concept_id=after, mandatory=mandatory, weight=0.8
        )
        assert added

    async def place(self, course_id: UUID, concepts: list[UUID]) -> None:
        await self.stores.graph_writer.set_course_concepts(
            course_id=course_id,
            placements=[(c, 1 + i // 3, i % 3, 45) for i, c in enumerate(concepts)],
        )

    async def source(self, concept_id: UUID, document_id: UUID, *, page: int = 1) -> None:
        await self.stores.graph_writer.driver.execute_query(
            "MATCH (c:Concept {id: $c}), (d:Document {id: $d}) "
            "MERGE (c)-[r:EXTRACTED_FROM]->(d) SET r.page = $page, r.confidence = 0.9, "
            "r.context = 'defined on this page'",
            c=str(concept_id),
            d=str(document_id),
            page=page,
        )

    async def chunks(self, document_id: UUID, texts: list[str]) -> None:
        vectors = await self.stores.embedder.embed(texts)
        await self.stores.vectors.upsert_chunks(
            [
                ChunkRecord.create(
                    document_id=document_id, chunk_index=i, content=t, vector=v, page_number=i + 1
                )
                for i, (t, v) in enumerate(zip(texts, vectors, strict=True))
            ]
        )

    async def task(
        self,
        owner_id: UUID,
        *,
        task_type: str = "course_generation",
        status: str = "processing",
        payload: dict[str, Any] | None = None,
    ) -> UUID:
        """A generation_tasks row at stage "queued" (deleted with its owner)."""
        task_id = uuid.uuid4()
        async with self.stores.sessions() as session, session.begin():
            await session.execute(
                insert(GenerationTask).values(
                    id=task_id,
                    user_id=owner_id,
                    task_type=task_type,
                    status=status,
                    payload=payload or {},
                    result={"stage": "queued", "progress": 0},
                )
            )
        return task_id

    async def cleanup(self) -> None:
        ids = [str(i) for i in self.concepts + self.courses + self.documents]
        await self.stores.graph_writer.driver.execute_query(
            "UNWIND $ids AS id MATCH (n {id: id}) DETACH DELETE n", ids=ids
        )
        await self.stores.graph_writer.driver.execute_query(
            "MATCH (o:LearningObjective) WHERE NOT (o)<-[:ACHIEVES]-() DELETE o"
        )
        for doc_id in self.documents:
            await self.stores.vectors.delete_document(doc_id)
        if self.concepts:
            await self.stores.vectors.delete_concepts(self.concepts)
        async with self.stores.sessions() as session, session.begin():
            await session.execute(delete(User).where(User.id.in_(self.users)))


def context_for(
    stores: Stores, principal: Principal | None, *, compiled_reads: bool = True, **extra: Any
) -> Context:
    return Context(
        stores=stores,
        limits=Limits(max_page_size=100, store_timeout_seconds=5.0, compiled_reads=compiled_reads),
        principal=principal,
        request_id=uuid.uuid4().hex,
        **extra,
    )
