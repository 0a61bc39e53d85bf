"""Concept reads: graph edges, vector neighbours and learning paths.

Concepts are shared knowledge, readable by any authenticated caller; what they point
to (documents, courses) is filtered by the caller's rights through those loaders.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from functools import partial
from uuid import UUID

from datasources.neo4j.graph import MAX_DEPTH
from datasources.neo4j.ordering import topological_order
from datasources.neo4j.records import (
    ConceptRecord,
    PrerequisiteEdge,
    RelatedEdge,
    SourceEdge,
)
from datasources.postgres.records import (
    CourseRecord,
    DocumentRecord,
    KnowledgeExtractionRecord,
)
from datasources.vectors import MAX_LIMIT, VectorHit
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.courses import course
from resolvers.documents import document
from resolvers.errors import bad_input
from resolvers.loaders import join, load


def concept(ctx: Context, concept_id: UUID) -> Awaitable[ConceptRecord | None]:
    return load(ctx, "concept", ctx.stores.graph.concepts_by_ids, concept_id)


async def concepts(
    ctx: Context,
    *,
    search: str | None,
    difficulty: str | None,
    category: str | None,
    first: int,
    offset: int,
) -> tuple[list[tuple[ConceptRecord, float | None]], bool]:
    require_principal(ctx, "concepts:read")
    if not 1 <= first <= ctx.limits.max_page_size:
        raise bad_input(f"`first` must be between 1 and {ctx.limits.max_page_size}", field="first")
    if search is not None and len(search) > 500:
        raise bad_input("`search` is limited to 500 characters", field="search")
    rows = await ctx.stores.graph.search_concepts(
        text=search, difficulty=difficulty, category=category, skip=offset, limit=first + 1
    )
    return rows[:first], len(rows) > first


def prerequisites(
    ctx: Context, concept_id: UUID, *, depth: int, mandatory_only: bool, reverse: bool
) -> Awaitable[list[PrerequisiteEdge]]:
    if not 1 <= depth <= MAX_DEPTH:
        raise bad_input(f"`depth` must be between 1 and {MAX_DEPTH}", field="depth")
    fetch = partial(
        ctx.stores.graph.prerequisites, depth=depth, mandatory_only=mandatory_only, reverse=reverse
    )
    key = ("concept.prerequisites", depth, mandatory_only, reverse)
    return load(ctx, key, fetch, concept_id, default=list)


def related(
    ctx: Context, concept_id: UUID, relation_type: str | None
) -> Awaitable[list[RelatedEdge]]:
    fetch = partial(ctx.stores.graph.related, relation_type=relation_type)
    return load(ctx, ("concept.related", relation_type), fetch, concept_id, default=list)


def sources(ctx: Context, concept_id: UUID) -> Awaitable[list[tuple[SourceEdge, DocumentRecord]]]:
    """The documents a concept was extracted from that the caller may read."""
    return load(ctx, "concept.sources", partial(_sources, ctx), concept_id, default=list)


async def _sources(
    ctx: Context, concept_ids: Sequence[UUID]
) -> dict[UUID, list[tuple[SourceEdge, DocumentRecord]]]:
    # Edges for every concept, then every document in one batch of the document loader
    # (which applies the caller's rights).
    edges = await ctx.stores.graph.sources(concept_ids)
    return await join(edges, lambda e: e.document_id, partial(document, ctx))


MAX_CONCEPT_EXTRACTIONS = 100


def concept_extractions(
    ctx: Context, concept_id: UUID, extraction_type: str, *, first: int
) -> Awaitable[list[tuple[KnowledgeExtractionRecord, DocumentRecord]]]:
    """The concept's definitions, examples or formulas (`extraction_type`), surest
    first, from the documents the caller may read, each with its document."""
    if not 1 <= first <= MAX_CONCEPT_EXTRACTIONS:
        raise bad_input(f"`first` must be between 1 and {MAX_CONCEPT_EXTRACTIONS}", field="first")
    fetch = partial(_concept_extractions, ctx, extraction_type, first)
    key = ("concept.extractions", extraction_type, first)
    return load(ctx, key, fetch, concept_id, default=list)


async def _concept_extractions(
    ctx: Context, extraction_type: str, first: int, concept_ids: Sequence[UUID]
) -> dict[UUID, list[tuple[KnowledgeExtractionRecord, DocumentRecord]]]:
    principal = ctx.principal
    if principal is not None and not principal.allows("documents:read"):
        return {}  # extractions are document content
    found = await ctx.stores.documents.concept_extractions(
        [str(c) for c in concept_ids],
        extraction_type=extraction_type,
        viewer=ctx.viewer,
        limit=first,
    )
    rows = {UUID(node): found[node] for node in found}
    return await join(rows, lambda r: r.document_id, partial(document, ctx))


def concept_courses(ctx: Context, concept_id: UUID) -> Awaitable[list[CourseRecord]]:
    """The courses containing a concept that the caller may read."""
    return load(ctx, "concept.courses", partial(_concept_courses, ctx), concept_id, default=list)


async def _concept_courses(
    ctx: Context, concept_ids: Sequence[UUID]
) -> dict[UUID, list[CourseRecord]]:
    ids = await ctx.stores.graph.concept_courses(concept_ids)
    found = await join(ids, lambda course_id: course_id, partial(course, ctx))
    return {concept_id: [c for _, c in pairs] for concept_id, pairs in found.items()}


async def similar(
    ctx: Context, concept_id: UUID, limit: int
) -> list[tuple[VectorHit, ConceptRecord]]:
    if not 1 <= limit <= min(MAX_LIMIT, 100):
        raise bad_input("`limit` must be between 1 and 100", field="limit")
    fetch = partial(ctx.stores.vectors.similar_concepts, limit=limit)
    hits: list[VectorHit] = await load(
        ctx, ("concept.similar", limit), fetch, concept_id, default=list
    )
    found = await asyncio.gather(*(concept(ctx, h.id) for h in hits))
    return [(h, c) for h, c in zip(hits, found, strict=True) if c is not None]


@dataclass(frozen=True, slots=True)
class LearningPath:
    target: ConceptRecord
    steps: list[ConceptRecord]
    cycles_broken: list[tuple[ConceptRecord, ConceptRecord]]


async def learning_path(
    ctx: Context, *, to_concept_id: UUID, from_concept_ids: Sequence[UUID]
) -> LearningPath | None:
    """Every concept to learn before the target, in a valid (cycle-safe) order.

    Concepts in `from_concept_ids` count as known, and so do their own prerequisites.
    """
    require_principal(ctx, "concepts:read")
    if len(from_concept_ids) > 500:
        raise bad_input("at most 500 known concepts", field="fromConceptIds")
    nodes, edges = await ctx.stores.graph.ancestry(to_concept_id)
    target = nodes.get(to_concept_id)
    if target is None:
        return None
    known = set(from_concept_ids) & nodes.keys()
    # Whatever a known concept depends on is known too.
    frontier = list(known)
    before: dict[UUID, list[UUID]] = {}
    for a, b, _ in edges:
        before.setdefault(b, []).append(a)
    while frontier:
        for p in before.get(frontier.pop(), []):
            if p not in known:
                known.add(p)
                frontier.append(p)
    remaining = [n for n in nodes if n not in known]
    ordering = topological_order(
        remaining, edges, sort_key=lambda n: (nodes[n].title.casefold(), str(n))
    )
    steps = [nodes[n] for n in ordering.order if n != to_concept_id]
    broken = [(nodes[a], nodes[b]) for a, b in ordering.broken]
    return LearningPath(target=target, steps=steps, cycles_broken=broken)
