"""Course: PostgreSQL columns, typed JSON, and graph edges (concepts, weeks, objectives)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from datasources.neo4j.records import CourseConceptEdge, CourseObjectiveEdge
from datasources.postgres.records import CourseDocumentRecord, CourseRecord, DocumentRecord
from datasources.vectors import QARecord
from resolvers import courses as resolvers
from resolvers import users as user_resolvers
from resolvers.context import Context, Info
from resolvers.errors import bad_input
from resolvers.ids import to_global_id
from resolvers.loaders import settled
from schema.common import (
    CourseStatus,
    Difficulty,
    Node,
    PageInfo,
    UsageType,
    enum_or_none,
    node_for,
)
from schema.document import Document
from schema.objective import LearningObjective
from schema.outline import (
    Assessment,
    CourseOutline,
    ObjectiveItem,
    Resource,
    parse_assessments,
    parse_objectives,
    parse_resources,
    parse_strings,
)
from schema.user import User

if TYPE_CHECKING:
    from schema.concept import Concept

MAX_QUESTIONS = 500


@strawberry.type
class CourseConcept:
    """A concept placed in the course: (:Course)-[:CONTAINS {week, order, ...}]->(:Concept)."""

    concept: Annotated[Concept, strawberry.lazy("schema.concept")]
    week: int | None
    order: int | None
    duration_minutes: int | None


@strawberry.type
class CourseWeek:
    week: int | None
    concepts: list[CourseConcept]

    @strawberry.field
    def duration_minutes(self) -> int:
        return sum(c.duration_minutes or 0 for c in self.concepts)


@strawberry.type
class CourseDocument:
    document: Document
    relevance_score: Decimal | None
    usage_type: UsageType | None


@strawberry.type(description="A self-assessment question made from the course's sources.")
class QuestionAnswer:
    id: strawberry.ID
    question: str
    answer: str
    difficulty: Difficulty | None
    topic: str | None

    @classmethod
    def from_record(cls, r: QARecord) -> QuestionAnswer:
        return cls(
            id=strawberry.ID(to_global_id("QuestionAnswer", r.id)),
            question=r.question,
            answer=r.answer,
            difficulty=enum_or_none(Difficulty, r.difficulty),
            topic=r.topic,
        )


@strawberry.type
class CourseObjective:
    objective: LearningObjective
    priority: int | None


@strawberry.type
class Course(Node):
    record: strawberry.Private[CourseRecord]
    id: strawberry.ID
    title: str
    description: str | None
    target_audience: str | None
    difficulty_level: Difficulty | None
    duration_weeks: int | None
    hours_per_week: int | None
    language: str | None
    status: CourseStatus | None
    metadata: JSON | None
    published_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_record(cls, r: CourseRecord) -> Course:
        return cls(
            record=r,
            id=strawberry.ID(to_global_id("Course", r.id)),
            title=r.title,
            description=r.description,
            target_audience=r.target_audience,
            difficulty_level=enum_or_none(Difficulty, r.difficulty_level),
            duration_weeks=r.duration_weeks,
            hours_per_week=r.hours_per_week,
            language=r.language,
            status=enum_or_none(CourseStatus, r.status),
            metadata=r.metadata,
            published_at=r.published_at,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )

    @strawberry.field
    def outline(self) -> CourseOutline:
        return CourseOutline.parse(self.record.outline)

    @strawberry.field(name="objectives", description="Objectives as written in the outline.")
    def outline_objectives(self) -> list[ObjectiveItem]:
        return parse_objectives(self.record.learning_objectives)

    @strawberry.field
    def prerequisites(self) -> list[str]:
        return parse_strings(self.record.prerequisites)

    @strawberry.field
    def assessment_methods(self) -> list[Assessment]:
        return parse_assessments(self.record.assessment_methods)

    @strawberry.field
    def resources(self) -> list[Resource]:
        return parse_resources(self.record.resources)

    @strawberry.field
    def author(self, info: Info) -> User | None:
        ctx = info.context
        return settled(user_resolvers.user(ctx, self.record.user_id), partial(User.of, ctx))

    @strawberry.field
    def documents(self, info: Info) -> list[CourseDocument] | None:
        return settled(
            resolvers.course_documents(info.context, self.record.id),
            partial(_documents, info.context),
        )

    @strawberry.field(description="Concepts in week, then order, from the graph.")
    def concepts(self, info: Info) -> list[CourseConcept] | None:
        return settled(
            resolvers.course_concepts(info.context, self.record.id),
            partial(_placed, info.context),
        )

    @strawberry.field(description="The course's concepts grouped by week.")
    def weeks(self, info: Info) -> list[CourseWeek] | None:
        return settled(
            resolvers.course_concepts(info.context, self.record.id),
            lambda edges: [
                CourseWeek(week=week, concepts=list(group))
                for week, group in groupby(_placed(info.context, edges), key=lambda c: c.week)
            ],
        )

    @strawberry.field(description="(:Course)-[:ACHIEVES]->(:LearningObjective) by priority.")
    def learning_objectives(self, info: Info) -> list[CourseObjective] | None:
        return settled(resolvers.course_objectives(info.context, self.record.id), _objectives)

    @strawberry.field(
        description="QuestionAnswer pairs from the vector index, in teaching order "
        "(`first`: 1..500)."
    )
    def questions(self, info: Info, first: int = 50) -> list[QuestionAnswer] | None:
        if not 1 <= first <= MAX_QUESTIONS:
            raise bad_input(f"`first` must be between 1 and {MAX_QUESTIONS}", field="first")
        record = self.record
        return settled(
            resolvers.course_questions(info.context, record.id),
            lambda found: [
                QuestionAnswer.from_record(q)
                for q in resolvers.in_course_order(record, found)[:first]
            ],
        )

    @strawberry.field
    async def document_count(self, info: Info) -> int | None:
        return await resolvers.document_count(info.context, self.record.id)


def _documents(
    ctx: Context, rows: list[tuple[CourseDocumentRecord, DocumentRecord]]
) -> list[CourseDocument]:
    return [
        CourseDocument(
            document=node_for(ctx, Document, doc),
            relevance_score=link.relevance_score,
            usage_type=enum_or_none(UsageType, link.usage_type),
        )
        for link, doc in rows
    ]


def _placed(ctx: Context, edges: list[CourseConceptEdge]) -> list[CourseConcept]:
    from schema.concept import Concept

    return [
        CourseConcept(
            concept=node_for(ctx, Concept, e.concept),
            week=e.week,
            order=e.order,
            duration_minutes=e.duration_minutes,
        )
        for e in edges
    ]


def _objectives(edges: list[CourseObjectiveEdge]) -> list[CourseObjective]:
    return [
        CourseObjective(objective=LearningObjective.from_record(e.objective), priority=e.priority)
        for e in edges
    ]


@strawberry.type
class CourseEdge:
    cursor: str
    node: Course


@strawberry.type
class CourseConnection:
    edges: list[CourseEdge]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[Course]:
        return [e.node for e in self.edges]
