"""Concept nodes and their graph edges, vector neighbours and sources."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

from datasources.neo4j.records import ConceptRecord, PrerequisiteEdge, RelatedEdge, SourceEdge
from datasources.postgres.records import (
    CourseRecord,
    DocumentRecord,
    KnowledgeExtractionRecord,
)
from resolvers import concepts as resolvers
from resolvers.context import Context, Info
from resolvers.ids import to_global_id
from resolvers.loaders import settled
from schema.common import Difficulty, Node, enum_or_none, node_for
from schema.document import Document

if TYPE_CHECKING:
    from schema.course import Course


@strawberry.type
class ConceptPrerequisite:
    """An edge of (:Concept)-[:PREREQUISITE]->(:Concept) seen from one end."""

    concept: Annotated[Concept, strawberry.lazy("schema.concept")]
    mandatory: bool
    weight: float
    depth: int


@strawberry.type
class RelatedConcept:
    concept: Annotated[Concept, strawberry.lazy("schema.concept")]
    type: str | None
    strength: float | None


@strawberry.type
class ConceptSource:
    document: Document
    page: int | None
    confidence: float | None
    context: str | None


@strawberry.type
class ConceptExtraction:
    """A definition, example or formula of a concept, where a document states it."""

    id: strawberry.ID
    content: str
    context: str | None
    page_number: int | None
    confidence: float | None
    document: Document


@strawberry.type
class SimilarConcept:
    concept: Annotated[Concept, strawberry.lazy("schema.concept")]
    score: float


_EXTRACTIONS = (
    "{kind} of this concept found in documents you may read, surest first, with "
    f"their page, context and confidence (`first`: 1..{resolvers.MAX_CONCEPT_EXTRACTIONS})."
)


def _extractions(
    info: Info, concept_id: UUID, kind: str, first: int
) -> list[ConceptExtraction] | Awaitable[list[ConceptExtraction]]:
    ctx = info.context
    found = resolvers.concept_extractions(ctx, concept_id, kind, first=first)
    return settled(found, partial(_concept_extractions, ctx))  # type: ignore[no-any-return]


def _concept_extractions(
    ctx: Context, rows: list[tuple[KnowledgeExtractionRecord, DocumentRecord]]
) -> list[ConceptExtraction]:
    return [
        ConceptExtraction(
            id=strawberry.ID(to_global_id("KnowledgeExtraction", x.id)),
            content=x.content,
            context=x.context,
            page_number=x.page_number,
            confidence=float(x.confidence_score) if x.confidence_score is not None else None,
            document=node_for(ctx, Document, doc),
        )
        for x, doc in rows
    ]


def _edges(ctx: Context, edges: list[PrerequisiteEdge]) -> list[ConceptPrerequisite]:
    return [
        ConceptPrerequisite(
            concept=node_for(ctx, Concept, e.prerequisite),
            mandatory=e.mandatory,
            weight=e.weight,
            depth=e.depth,
        )
        for e in edges
    ]


@strawberry.type
class Concept(Node):
    record: strawberry.Private[ConceptRecord]
    id: strawberry.ID
    title: str
    description: str | None
    difficulty: Difficulty | None
    category: str | None
    tags: list[str]
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_record(cls, r: ConceptRecord) -> Concept:
        return cls(
            record=r,
            id=strawberry.ID(to_global_id("Concept", r.id)),
            title=r.title,
            description=r.description,
            difficulty=enum_or_none(Difficulty, r.difficulty),
            category=r.category,
            tags=list(r.tags),
            created_at=r.created_at,
            updated_at=r.updated_at,
        )

    @strawberry.field(description="Concepts to learn first, up to `depth` hops back.")
    def prerequisites(
        self, info: Info, depth: int = 1, mandatory_only: bool = False
    ) -> list[ConceptPrerequisite] | None:
        edges = resolvers.prerequisites(
            info.context,
            self.record.id,
            depth=depth,
            mandatory_only=mandatory_only,
            reverse=False,
        )
        return settled(edges, partial(_edges, info.context))

    @strawberry.field(description="Concepts that need this one, up to `depth` hops on.")
    def dependents(
        self, info: Info, depth: int = 1, mandatory_only: bool = False
    ) -> list[ConceptPrerequisite] | None:
        edges = resolvers.prerequisites(
            info.context,
            self.record.id,
            depth=depth,
            mandatory_only=mandatory_only,
            reverse=True,
        )
        return settled(edges, partial(_edges, info.context))

    @strawberry.field
    def related(self, info: Info, type: str | None = None) -> list[RelatedConcept] | None:
        return settled(
            resolvers.related(info.context, self.record.id, type),
            partial(_related, info.context),
        )

    @strawberry.field(description="Documents this concept was extracted from (yours only).")
    def sources(self, info: Info) -> list[ConceptSource] | None:
        return settled(
            resolvers.sources(info.context, self.record.id), partial(_sources, info.context)
        )

    @strawberry.field(description=_EXTRACTIONS.format(kind="Definitions"))
    def definitions(self, info: Info, first: int = 20) -> list[ConceptExtraction] | None:
        return _extractions(info, self.record.id, "definition", first)

    @strawberry.field(description=_EXTRACTIONS.format(kind="Examples"))
    def examples(self, info: Info, first: int = 20) -> list[ConceptExtraction] | None:
        return _extractions(info, self.record.id, "example", first)

    @strawberry.field(description=_EXTRACTIONS.format(kind="Formulas"))
    def formulas(self, info: Info, first: int = 20) -> list[ConceptExtraction] | None:
        return _extractions(info, self.record.id, "formula", first)

    @strawberry.field
    def courses(
        self, info: Info
    ) -> list[Annotated[Course, strawberry.lazy("schema.course")]] | None:
        return settled(
            resolvers.concept_courses(info.context, self.record.id),
            partial(_courses, info.context),
        )

    @strawberry.field(description="Nearest concepts by embedding (ConceptEmbedding).")
    async def similar(self, info: Info, limit: int = 5) -> list[SimilarConcept] | None:
        rows = await resolvers.similar(info.context, self.record.id, limit)
        return [
            SimilarConcept(concept=node_for(info.context, Concept, c), score=h.score)
            for h, c in rows
        ]


def _related(ctx: Context, edges: list[RelatedEdge]) -> list[RelatedConcept]:
    return [
        RelatedConcept(concept=node_for(ctx, Concept, e.concept), type=e.type, strength=e.strength)
        for e in edges
    ]


def _sources(ctx: Context, rows: list[tuple[SourceEdge, DocumentRecord]]) -> list[ConceptSource]:
    return [
        ConceptSource(
            document=node_for(ctx, Document, doc),
            page=e.page,
            confidence=e.confidence,
            context=e.context,
        )
        for e, doc in rows
    ]


def _courses(ctx: Context, rows: list[CourseRecord]) -> list[Course]:
    from schema.course import Course

    return [node_for(ctx, Course, c) for c in rows]


@strawberry.type
class ConceptEdge:
    cursor: str
    node: Concept
    score: float | None


@strawberry.type
class ConceptConnection:
    edges: list[ConceptEdge]
    has_next_page: bool

    @strawberry.field
    def nodes(self) -> list[Concept]:
        return [e.node for e in self.edges]


@strawberry.type
class LearningPath:
    target: Concept
    steps: list[Concept]
    cycles_broken: list[list[Concept]] = strawberry.field(
        description="Prerequisite edges [before, after] ignored because they closed a cycle."
    )
