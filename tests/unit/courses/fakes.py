"""Fakes of OUR interfaces (the Stores bundle's parts the jobs use), recording calls."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from datasources.course_plans import GenerationRequest, PlanWrite
from datasources.embeddings import HashingEmbedder
from datasources.neo4j.planning import GraphConcept, GraphEdge, GraphMention, PlanningGraph
from datasources.postgres.records import (
    CourseRecord,
    DocumentRecord,
    GenerationTaskRecord,
    KnowledgeExtractionRecord,
    UserRecord,
)
from datasources.settings import Settings
from datasources.stores import Stores
from datasources.vectors import QARecord
from jobs.planning import PlanningInput

NOW = datetime(2030, 1, 1, tzinfo=UTC)


def settings(**worker: Any) -> Settings:
    loaded = Settings.load(Path("/nonexistent.env"))
    return loaded.model_copy(update={"worker": loaded.worker.model_copy(update=worker)})


def task_record(
    task_id: UUID, payload: dict[str, Any], *, user: UUID, retries: int = 3
) -> GenerationTaskRecord:
    return GenerationTaskRecord(
        id=task_id, user_id=user, task_type="course_generation", status="processing",
        priority=0, payload=payload, result=None, error_message=None, retry_count=0,
        max_retries=retries, started_at=NOW, completed_at=None, created_at=NOW, updated_at=NOW,
    )  # fmt: skip


@dataclass
class Calls:
    log: list[tuple[Any, ...]] = field(default_factory=list)

    def names(self) -> list[str]:
        return [str(c[0]) for c in self.log]


@dataclass
class FakeTasks:
    calls: Calls
    task: GenerationTaskRecord | None
    fail_raises: bool = False

    async def start(self, task_id: UUID, *, attempt: int) -> GenerationTaskRecord | None:
        self.calls.log.append(("start", attempt))
        return self.task

    async def progress(
        self, task_id: UUID, *, stage: str, percent: float, message: str | None = None
    ) -> None:
        self.calls.log.append(("progress", stage))

    async def retrying(self, task_id: UUID, *, error: str, attempt: int, delay: float) -> None:
        self.calls.log.append(("retrying", error, attempt, delay))

    async def complete(self, task_id: UUID, result: dict[str, Any]) -> None:
        self.calls.log.append(("complete", result))

    async def fail(self, task_id: UUID, error: str, *, stage: str | None = None) -> None:
        self.calls.log.append(("fail", error, stage))
        if self.fail_raises:
            raise OSError("PostgreSQL went away too")


def stores_with(**parts: Any) -> Stores:
    """A Stores whose named parts are fakes; touching any other part fails the test."""

    @dataclass
    class Partial:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"the job used stores.{name}, which this test did not expect")

    partial = Partial()
    for name, value in parts.items():
        object.__setattr__(partial, name, value)
    return cast(Stores, partial)


# --- a small planning world with UUID ids, as the readers return it ---------------


def _uuid(text: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fake/{text}"))


@dataclass
class World:
    owner: UUID
    request: GenerationRequest
    documents: dict[UUID, DocumentRecord]
    graph: PlanningGraph
    extractions: dict[UUID, list[KnowledgeExtractionRecord]]


def world_of(data: PlanningInput, **request: Any) -> World:
    owner = uuid.uuid4()
    documents = {
        UUID(_uuid(d.id)): DocumentRecord(
            id=UUID(_uuid(d.id)),
            user_id=owner,
            filename=d.filename,
            original_filename=d.filename,
            file_path="0" * 64,
            file_size=1,
            mime_type="application/pdf",
            status="completed",
            language=d.language,
            page_count=d.page_count,
            word_count=d.word_count,
            processing_started_at=None,
            processing_completed_at=None,
            processing_error=None,
            metadata={"title": d.title},
            created_at=NOW,
            updated_at=NOW,
        )
        for d in data.documents
    }
    graph = PlanningGraph(
        concepts={
            _uuid(c.id): GraphConcept(_uuid(c.id), c.title, c.description, c.difficulty, None)
            for c in data.concepts
        },
        mentions=[
            GraphMention(_uuid(c.id), _uuid(m.document_id), m.page, m.confidence, None)
            for c in data.concepts
            for m in c.mentions
        ],
        prerequisites=[
            GraphEdge(
                _uuid(e.prerequisite), _uuid(e.concept), mandatory=e.mandatory, weight=e.weight
            )
            for e in data.prerequisites
        ],
        relations=[
            GraphEdge(_uuid(e.source), _uuid(e.target), type=e.type, strength=e.strength)
            for e in data.relations
        ],
    )
    extractions: dict[UUID, list[KnowledgeExtractionRecord]] = {}
    for c in data.concepts:
        for e in c.extractions:
            extractions.setdefault(UUID(_uuid(e.document_id)), []).append(
                KnowledgeExtractionRecord(
                    id=uuid.uuid4(),
                    document_id=UUID(_uuid(e.document_id)),
                    extraction_type=e.kind,
                    content=e.text,
                    context=None,
                    page_number=e.page,
                    confidence_score=None,
                    neo4j_node_id=_uuid(c.id),
                    metadata={},
                    created_at=NOW,
                )
            )
    for c in data.concepts:
        for m in c.mentions:
            if m.section:  # the concept row the document job stores (jobs/ingest/plan.py)
                extractions.setdefault(UUID(_uuid(m.document_id)), []).append(
                    KnowledgeExtractionRecord(
                        id=uuid.uuid4(),
                        document_id=UUID(_uuid(m.document_id)),
                        extraction_type="concept",
                        content=c.title,
                        context=None,
                        page_number=m.page,
                        confidence_score=None,
                        neo4j_node_id=_uuid(c.id),
                        metadata={"section": list(m.section)},
                        created_at=NOW,
                    )
                )
    return World(
        owner=owner,
        request=GenerationRequest(
            document_ids=tuple(str(d) for d in documents),
            duration_weeks=request.pop("duration_weeks", 4),
            hours_per_week=request.pop("hours_per_week", 3),
            focus_concept_ids=tuple(_uuid(i) for i in request.pop("focus_concept_ids", ())),
            exclude_concept_ids=tuple(_uuid(i) for i in request.pop("exclude_concept_ids", ())),
            **request,
        ),
        documents=documents,
        graph=graph,
        extractions=extractions,
    )


@dataclass
class FakeDocuments:
    world: World
    calls: Calls

    async def by_ids(
        self, ids: list[UUID], *, viewer: Any, include_deleted: bool = False
    ) -> dict[UUID, DocumentRecord]:
        self.calls.log.append(("documents",))
        return {i: self.world.documents[i] for i in ids if i in self.world.documents}

    async def extractions(self, ids: list[UUID], *, extraction_type: str | None) -> Any:
        self.calls.log.append(("extractions",))
        return self.world.extractions


@dataclass
class FakeUsers:
    world: World

    async def by_ids(self, ids: list[UUID]) -> dict[UUID, UserRecord]:
        return {
            self.world.owner: UserRecord(
                id=self.world.owner,
                email="t@example.test",
                username="t",
                full_name=None,
                role="user",
                is_active=True,
                is_verified=True,
                last_login=None,
                created_at=NOW,
                updated_at=NOW,
                metadata={},
            )
        }


@dataclass
class FakePlanning:
    world: World
    calls: Calls

    async def read(self, documents: Any, focus: Any) -> PlanningGraph:
        self.calls.log.append(("graph",))
        return self.world.graph


@dataclass
class FakePlans:
    calls: Calls
    exists: bool = True
    written: list[PlanWrite] = field(default_factory=list)

    async def write(self, course_id: UUID, plan: PlanWrite) -> CourseRecord | None:
        self.calls.log.append(("write",))
        self.written.append(plan)
        return cast(CourseRecord, object()) if self.exists else None


@dataclass
class FakeVectors:
    calls: Calls
    stored: list[QARecord] = field(default_factory=list)

    async def replace_course_qa(self, course_id: UUID, records: list[QARecord]) -> int:
        self.calls.log.append(("questions",))
        self.stored = list(records)
        return 0


def generation_stores(
    world: World, calls: Calls, task: GenerationTaskRecord, **extra: Any
) -> Stores:
    parts: dict[str, Any] = {
        "tasks": FakeTasks(calls, task),
        "documents": FakeDocuments(world, calls),
        "users": FakeUsers(world),
        "planning": FakePlanning(world, calls),
        "plans": FakePlans(calls),
        "vectors": FakeVectors(calls),
        "embedder": HashingEmbedder(),
        "chat": None,
    }
    parts.update(extra)
    return stores_with(**parts)
