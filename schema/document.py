"""Document and what hangs off it: chunks, extractions, concepts, courses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from datasources.neo4j.records import ExtractedConcept
from datasources.postgres.records import (
    CourseDocumentRecord,
    CourseRecord,
    DocumentRecord,
    GenerationTaskRecord,
    KnowledgeExtractionRecord,
)
from datasources.vectors import ChunkRecord
from resolvers import documents as resolvers
from resolvers import users as user_resolvers
from resolvers.context import Context, Info
from resolvers.errors import bad_input
from resolvers.ids import to_global_id
from resolvers.loaders import settled
from schema.common import (
    DocumentStatus,
    ExtractionType,
    Node,
    PageInfo,
    UsageType,
    enum_or_none,
    node_for,
)
from schema.task import GenerationTask
from schema.user import User

if TYPE_CHECKING:
    from schema.concept import Concept
    from schema.course import Course

MAX_CHUNKS_PAGE = 200


@strawberry.type
class DocumentChunk:
    id: strawberry.ID
    content: str
    page_number: int | None
    chunk_index: int
    metadata: JSON | None

    @classmethod
    def from_record(cls, r: ChunkRecord) -> DocumentChunk:
        return cls(
            id=strawberry.ID(to_global_id("DocumentChunk", r.id)),
            content=r.content,
            page_number=r.page_number,
            chunk_index=r.chunk_index,
            metadata=dict(r.metadata) if r.metadata else None,
        )


@strawberry.type
class KnowledgeExtraction(Node):
    id: strawberry.ID
    extraction_type: ExtractionType | None
    content: str
    context: str | None
    page_number: int | None
    confidence_score: Decimal | None
    neo4j_node_id: str | None
    metadata: JSON | None
    created_at: datetime | None

    @classmethod
    def from_record(cls, r: KnowledgeExtractionRecord) -> KnowledgeExtraction:
        return cls(
            id=strawberry.ID(to_global_id("KnowledgeExtraction", r.id)),
            extraction_type=enum_or_none(ExtractionType, r.extraction_type),
            content=r.content,
            context=r.context,
            page_number=r.page_number,
            confidence_score=r.confidence_score,
            neo4j_node_id=r.neo4j_node_id,
            metadata=r.metadata,
            created_at=r.created_at,
        )


@strawberry.type
class DocumentConcept:
    """A concept found in this document, with where and how sure."""

    concept: Annotated[Concept, strawberry.lazy("schema.concept")]
    page: int | None
    confidence: float | None
    context: str | None


@strawberry.type
class DocumentCourse:
    course: Annotated[Course, strawberry.lazy("schema.course")]
    relevance_score: Decimal | None
    usage_type: UsageType | None


@strawberry.type
class Document(Node):
    record: strawberry.Private[DocumentRecord]
    id: strawberry.ID
    title: str = strawberry.field(
        description="The title its uploader gave it, else the one the document gives itself "
        "(a Markdown `#` title, a PDF's or DOCX's title), else its original file name."
    )
    filename: str
    original_filename: str
    file_size: int
    mime_type: str | None
    status: DocumentStatus | None
    language: str | None
    page_count: int | None
    word_count: int | None
    processing_started_at: datetime | None
    processing_completed_at: datetime | None
    processing_error: str | None
    metadata: JSON | None
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_record(cls, r: DocumentRecord) -> Document:
        return cls(
            record=r,
            id=strawberry.ID(to_global_id("Document", r.id)),
            title=r.title,
            filename=r.filename,
            original_filename=r.original_filename,
            file_size=r.file_size,
            mime_type=r.mime_type,
            status=enum_or_none(DocumentStatus, r.status),
            language=r.language,
            page_count=r.page_count,
            word_count=r.word_count,
            processing_started_at=r.processing_started_at,
            processing_completed_at=r.processing_completed_at,
            processing_error=r.processing_error,
            metadata=r.metadata,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )

    @strawberry.field
    def owner(self, info: Info) -> User | None:
        ctx = info.context
        return settled(user_resolvers.user(ctx, self.record.user_id), partial(User.of, ctx))

    @strawberry.field(description="Text chunks from the vector index, by chunkIndex.")
    async def chunks(
        self, info: Info, first: int = 50, offset: int = 0
    ) -> list[DocumentChunk] | None:
        if not 1 <= first <= MAX_CHUNKS_PAGE or offset < 0:
            raise bad_input(f"`first` must be 1..{MAX_CHUNKS_PAGE} and `offset` ≥ 0")
        found = await resolvers.chunks(info.context, self.record.id, offset=offset, limit=first)
        return [DocumentChunk.from_record(c) for c in found]

    @strawberry.field(
        description="What the document job extracted (of one type, or all), by page: "
        f"`first` (1..{resolvers.MAX_EXTRACTIONS_PAGE}) rows after `offset`."
    )
    def extractions(
        self,
        info: Info,
        type: ExtractionType | None = None,
        first: int = 100,
        offset: int = 0,
    ) -> list[KnowledgeExtraction] | None:
        kind = type.value if type else None
        found = resolvers.extractions(
            info.context, self.record.id, kind, first=first, offset=offset
        )
        return settled(found, _extractions)

    @strawberry.field(
        description="The document's processing task (the newest, when it was processed "
        "again); null without the tasks:read permission or when it never had one."
    )
    def task(self, info: Info) -> GenerationTask | None:
        return settled(resolvers.document_task(info.context, self.record.id), _task)

    @strawberry.field
    def concepts(self, info: Info) -> list[DocumentConcept] | None:
        return settled(
            resolvers.document_concepts(info.context, self.record.id),
            partial(_concepts, info.context),
        )

    @strawberry.field
    def courses(self, info: Info) -> list[DocumentCourse] | None:
        return settled(
            resolvers.document_courses(info.context, self.record.id),
            partial(_courses, info.context),
        )


def _extractions(rows: list[KnowledgeExtractionRecord]) -> list[KnowledgeExtraction]:
    return [KnowledgeExtraction.from_record(r) for r in rows]


def _task(record: GenerationTaskRecord | None) -> GenerationTask | None:
    return GenerationTask.from_record(record) if record is not None else None


def _concepts(ctx: Context, edges: list[ExtractedConcept]) -> list[DocumentConcept]:
    from schema.concept import Concept

    return [
        DocumentConcept(
            concept=node_for(ctx, Concept, e.concept),
            page=e.page,
            confidence=e.confidence,
            context=e.context,
        )
        for e in edges
    ]


def _courses(
    ctx: Context, rows: list[tuple[CourseDocumentRecord, CourseRecord]]
) -> list[DocumentCourse]:
    from schema.course import Course

    return [
        DocumentCourse(
            course=node_for(ctx, Course, c),
            relevance_score=link.relevance_score,
            usage_type=enum_or_none(UsageType, link.usage_type),
        )
        for link, c in rows
    ]


@strawberry.type
class DocumentEdge:
    cursor: str
    node: Document


@strawberry.type
class DocumentConnection:
    edges: list[DocumentEdge]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[Document]:
        return [e.node for e in self.edges]
