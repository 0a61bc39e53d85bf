"""Concept entry points: one by id, full-text search, a learning path."""

from __future__ import annotations

from uuid import UUID

import strawberry

from resolvers import concepts as concept_resolvers
from resolvers.auth import require_principal
from resolvers.context import Info
from resolvers.errors import bad_input
from resolvers.ids import raw_id
from resolvers.pagination import decode_cursor, encode_cursor
from resolvers.prefetch import prefetch
from schema.common import Difficulty, node_for
from schema.concept import Concept, ConceptConnection, ConceptEdge, LearningPath


def _make_offset_cursor(offset: int) -> str:
    return encode_cursor(offset, UUID(int=0))


def _offset_cursor(after: str | None) -> int:
    if not after:
        return 0
    value, _ = decode_cursor(after, sort_is_time=False)
    if not isinstance(value, int) or value < 0 or value > 10_000:
        raise bad_input("`after` is not a cursor this server issued", field="after")
    return value


@strawberry.type
class ConceptQueries:
    @strawberry.field
    async def concept(self, info: Info, id: strawberry.ID) -> Concept | None:
        require_principal(info.context, "concepts:read")
        found = await concept_resolvers.concept(info.context, raw_id(id, "Concept"))
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
            to_concept_id=raw_id(to_concept_id, "Concept"),
            from_concept_ids=[raw_id(i, "Concept") for i in from_concept_ids or []],
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
