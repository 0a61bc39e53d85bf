"""The Query root: entry points only; types build themselves from resolver records."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from enum import Enum
from typing import Annotated, Any
from uuid import UUID

import strawberry

from datasources.postgres.courses import CourseFilter
from datasources.postgres.documents import DocumentFilter
from resolvers import concepts as concept_resolvers
from resolvers import courses as course_resolvers
from resolvers import documents as document_resolvers
from resolvers import objectives as objective_resolvers
from resolvers import search as search_resolvers
from resolvers import users as user_resolvers
from resolvers.auth import require_principal
from resolvers.context import Info
from resolvers.errors import bad_input
from resolvers.ids import from_global_id
from resolvers.pagination import encode_cursor
from resolvers.prefetch import prefetch
from resolvers.validation import clean_text
from schema.common import (
    CourseStatus,
    Difficulty,
    DocumentStatus,
    Node,
    PageInfo,
    TaskStatus,
    TaskType,
    node_for,
)
from schema.concept import Concept, ConceptConnection, ConceptEdge, LearningPath
from schema.course import Course, CourseConnection, CourseEdge
from schema.document import Document, DocumentConnection, DocumentEdge, KnowledgeExtraction
from schema.objective import LearningObjective
from schema.search import SearchHit, to_search_hit
from schema.task import (
    ApiKey,
    Export,
    ExportConnection,
    ExportEdge,
    GenerationTask,
    ProcessingStats,
    TaskConnection,
    TaskEdge,
)
from schema.user import User

MAX_NODES = 100


@strawberry.enum
class CourseOrderField(Enum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    TITLE = "title"


@strawberry.input
class CourseOrder:
    field: CourseOrderField = CourseOrderField.CREATED_AT
    descending: bool = True


@strawberry.input
class CourseFilterInput:
    status: CourseStatus | None = None
    difficulty: Difficulty | None = None
    author_id: strawberry.ID | None = None
    text: str | None = None


@strawberry.input
class DocumentFilterInput:
    status: DocumentStatus | None = None
    language: str | None = None


@strawberry.enum
class SearchKind(Enum):
    CHUNK = "chunk"
    CONCEPT = "concept"
    QA = "qa"


def _uuid(global_id: str, type_name: str) -> UUID:
    return from_global_id(global_id, expect=type_name)[1]


# What an API key needs to read a node of each type (a session may read them all).
NODE_PERMISSIONS = {
    "Course": "courses:read",
    "LearningObjective": "courses:read",
    "Document": "documents:read",
    "Concept": "concepts:read",
    "GenerationTask": "tasks:read",
    "Export": "exports:read",
}


# Node types whose edges the prefetch walk knows: loaded, then walked like a root field.
_WALKED_NODES: dict[str, tuple[Callable[[Any, UUID], Awaitable[Any]], type]] = {
    "Course": (course_resolvers.course, Course),
    "Document": (document_resolvers.document, Document),
    "Concept": (concept_resolvers.concept, Concept),
}


async def _node(info: Info, global_id: str) -> Node | None:
    """Resolve any global id; objects the caller may not read are null, like missing ones."""
    ctx = info.context
    require_principal(ctx)
    type_name, raw = from_global_id(global_id)
    require_principal(ctx, NODE_PERMISSIONS.get(type_name))
    if type_name in _WALKED_NODES:
        load_node, node_type = _WALKED_NODES[type_name]
        found: Any = await load_node(ctx, raw)
        if found is None:
            return None
        await prefetch(info, type_name, [found])
        return node_type.from_record(found)  # type: ignore[attr-defined, no-any-return]
    if type_name == "User":
        found = await user_resolvers.user(ctx, raw)
        return User.from_record(found) if found else None
    if type_name == "GenerationTask":
        found = await user_resolvers.task(ctx, raw)
        return GenerationTask.from_record(found) if found else None
    if type_name == "Export":
        found = await user_resolvers.export(ctx, raw)
        return Export.from_record(found) if found else None
    if type_name == "LearningObjective":
        found = await objective_resolvers.objective(ctx, raw)
        return LearningObjective.from_record(found) if found else None
    return None


@strawberry.type
class Query:
    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @strawberry.field
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise bad_input(f"at most {MAX_NODES} ids", field="ids")
        return list(await asyncio.gather(*(_node(info, i) for i in ids)))

    @strawberry.field
    async def me(self, info: Info) -> User | None:
        found = await user_resolvers.me(info.context)
        return User.from_record(found) if found else None

    @strawberry.field
    async def course(self, info: Info, id: strawberry.ID) -> Course | None:
        require_principal(info.context, "courses:read")
        found = await course_resolvers.course(info.context, _uuid(id, "Course"))
        if found is None:
            return None
        await prefetch(info, "Course", [found])
        return Course.from_record(found)

    @strawberry.field
    async def courses(
        self,
        info: Info,
        filter: CourseFilterInput | None = None,
        order_by: CourseOrder | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> CourseConnection:
        f = filter or CourseFilterInput()
        order = order_by or CourseOrder()
        # NUL or bidi controls would reach PostgreSQL (which refuses NUL): a clear error.
        text = clean_text(f.text, field="filter.text", max_length=200)
        where = CourseFilter(
            status=f.status.value if f.status else None,
            difficulty_level=f.difficulty.value if f.difficulty else None,
            author_id=_uuid(f.author_id, "User") if f.author_id else None,
            text=text,
        )
        rows, has_next, cursors = await course_resolvers.courses(
            info.context,
            where=where,
            order=order.field.value,
            descending=order.descending,
            first=first,
            after=after,
        )
        await prefetch(info, "CourseConnection", [rows])
        edges = [
            CourseEdge(cursor=c, node=Course.from_record(r))
            for r, c in zip(rows, cursors, strict=True)
        ]
        return CourseConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=has_next, end_cursor=cursors[-1] if cursors else None),
        )

    @strawberry.field(description="Published courses (the seed's active_courses_view).")
    async def published_courses(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> CourseConnection:
        rows, has_next, cursors = await course_resolvers.published_courses(
            info.context, first=first, after=after
        )
        await prefetch(info, "CourseConnection", [rows])
        edges = [
            CourseEdge(cursor=c, node=Course.from_record(r))
            for r, c in zip(rows, cursors, strict=True)
        ]
        return CourseConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=has_next, end_cursor=cursors[-1] if cursors else None),
        )

    @strawberry.field
    async def document(self, info: Info, id: strawberry.ID) -> Document | None:
        require_principal(info.context, "documents:read")
        found = await document_resolvers.document(info.context, _uuid(id, "Document"))
        if found is None:
            return None
        await prefetch(info, "Document", [found])
        return Document.from_record(found)

    @strawberry.field
    async def documents(
        self,
        info: Info,
        filter: DocumentFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> DocumentConnection:
        f = filter or DocumentFilterInput()
        language = clean_text(f.language, field="filter.language", max_length=10)
        where = DocumentFilter(status=f.status.value if f.status else None, language=language)
        rows, has_next, cursors = await document_resolvers.documents(
            info.context, where=where, first=first, after=after
        )
        await prefetch(info, "DocumentConnection", [rows])
        return DocumentConnection(
            edges=[
                DocumentEdge(cursor=c, node=Document.from_record(r))
                for r, c in zip(rows, cursors, strict=True)
            ],
            page_info=PageInfo(has_next_page=has_next, end_cursor=cursors[-1] if cursors else None),
        )

    @strawberry.field
    async def knowledge_extractions(
        self, info: Info, document_id: strawberry.ID
    ) -> list[KnowledgeExtraction]:
        require_principal(info.context, "documents:read")
        doc_id = _uuid(document_id, "Document")
        if await document_resolvers.document(info.context, doc_id) is None:
            return []
        rows = await document_resolvers.extractions(info.context, doc_id, None)
        return [KnowledgeExtraction.from_record(r) for r in rows]

    @strawberry.field
    async def concept(self, info: Info, id: strawberry.ID) -> Concept | None:
        require_principal(info.context, "concepts:read")
        found = await concept_resolvers.concept(info.context, _uuid(id, "Concept"))
        if found is None:
            return None
        await prefetch(info, "Concept", [found])
        return Concept.from_record(found)

    @strawberry.field(description="Full-text search (Neo4j index conceptSearch) and filters.")
    async def concepts(
        self,
        info: Info,
        search: str | None = None,
        difficulty: Difficulty | None = None,
        category: str | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ConceptConnection:
        offset = _offset_cursor(after)
        rows, has_next = await concept_resolvers.concepts(
            info.context,
            search=search,
            difficulty=difficulty.value if difficulty else None,
            category=category,
            first=first,
            offset=offset,
        )
        await prefetch(info, "ConceptConnection", [[c for c, _ in rows]])
        return ConceptConnection(
            edges=[
                ConceptEdge(
                    cursor=_make_offset_cursor(offset + i + 1), node=Concept.from_record(c), score=s
                )
                for i, (c, s) in enumerate(rows)
            ],
            has_next_page=has_next,
        )

    @strawberry.field(description="What to learn, in order, before `toConceptId`.")
    async def learning_path(
        self,
        info: Info,
        to_concept_id: strawberry.ID,
        from_concept_ids: list[strawberry.ID] | None = None,
    ) -> LearningPath | None:
        path = await concept_resolvers.learning_path(
            info.context,
            to_concept_id=_uuid(to_concept_id, "Concept"),
            from_concept_ids=[_uuid(i, "Concept") for i in from_concept_ids or []],
        )
        if path is None:
            return None
        await prefetch(info, "LearningPath", [path])
        ctx = info.context
        return LearningPath(
            target=node_for(ctx, Concept, path.target),
            steps=[node_for(ctx, Concept, c) for c in path.steps],
            cycles_broken=[
                [node_for(ctx, Concept, a), node_for(ctx, Concept, b)]
                for a, b in path.cycles_broken
            ],
        )

    @strawberry.field
    async def semantic_search(
        self,
        info: Info,
        query: str,
        kinds: list[SearchKind] | None = None,
        limit: int = 10,
        document_ids: list[strawberry.ID] | None = None,
        hybrid: bool = False,
    ) -> list[SearchHit]:
        chosen = [k.value for k in kinds] if kinds else ["chunk", "concept", "qa"]
        if document_ids:
            chosen = [k for k in chosen if k == "chunk"] or ["chunk"]
        hits = await search_resolvers.semantic_search(
            info.context,
            query=query,
            kinds=chosen,
            limit=limit,
            document_ids=[_uuid(i, "Document") for i in document_ids] if document_ids else None,
            hybrid=hybrid,
        )
        return [to_search_hit(h, query) for h in hits]

    @strawberry.field
    async def task(self, info: Info, id: strawberry.ID) -> GenerationTask | None:
        found = await user_resolvers.task(info.context, _uuid(id, "GenerationTask"))
        return GenerationTask.from_record(found) if found else None

    @strawberry.field
    async def tasks(
        self,
        info: Info,
        status: TaskStatus | None = None,
        task_type: TaskType | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> TaskConnection:
        rows, has_next, cursors = await user_resolvers.tasks(
            info.context,
            status=status.value if status else None,
            task_type=task_type.value if task_type else None,
            first=first,
            after=after,
        )
        return TaskConnection(
            edges=[
                TaskEdge(cursor=c, node=GenerationTask.from_record(r))
                for r, c in zip(rows, cursors, strict=True)
            ],
            page_info=PageInfo(has_next_page=has_next, end_cursor=cursors[-1] if cursors else None),
        )

    @strawberry.field
    async def exports(
        self,
        info: Info,
        course_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ExportConnection:
        rows, has_next, cursors = await user_resolvers.exports(
            info.context,
            course_id=_uuid(course_id, "Course") if course_id else None,
            first=first,
            after=after,
        )
        return ExportConnection(
            edges=[
                ExportEdge(cursor=c, node=Export.from_record(r))
                for r, c in zip(rows, cursors, strict=True)
            ],
            page_info=PageInfo(has_next_page=has_next, end_cursor=cursors[-1] if cursors else None),
        )

    @strawberry.field
    async def api_keys(self, info: Info) -> list[ApiKey]:
        return [ApiKey.from_record(r) for r in await user_resolvers.api_keys(info.context)]

    @strawberry.field(description="Administrators only: the seed's document_processing_stats_view.")
    async def document_processing_stats(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[ProcessingStats]:
        rows = await user_resolvers.processing_stats(info.context, since=from_, until=to)
        return [ProcessingStats.from_record(r) for r in rows]


def _make_offset_cursor(offset: int) -> str:
    return encode_cursor(offset, UUID(int=0))


def _offset_cursor(after: str | None) -> int:
    if not after:
        return 0
    from resolvers.pagination import decode_cursor

    value, _ = decode_cursor(after, sort_is_time=False)
    if not isinstance(value, int) or value < 0 or value > 10_000:
        raise bad_input("`after` is not a cursor this server issued", field="after")
    return value
