"""Hand edits of the knowledge graph: concepts and their PREREQUISITE / RELATES_TO edges.

Concepts are shared knowledge (no owner in the seed), so editing needs the
`concepts:write` permission; a session user has it, an API key only when granted.
A concept's embedding (ConceptEmbedding) is written after the graph, and a failed
vector write is undone in the graph so the two never disagree.
"""

from __future__ import annotations

from uuid import UUID

from datasources.embeddings.text import concept_text
from datasources.errors import UpstreamUnavailable
from datasources.neo4j.records import ConceptRecord
from datasources.neo4j.writes import ConceptInput, GraphCycleError
from datasources.vectors import ConceptVectorRecord
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.course_mutations import Problem


async def _embed(ctx: Context, concept: ConceptRecord) -> None:
    text = concept_text(concept.title, concept.description)
    vector = (await ctx.stores.embedder.embed([text]))[0]
    if not any(vector):
        return  # nothing embeddable (e.g. punctuation only); no vector to keep
    await ctx.stores.vectors.upsert_concepts([ConceptVectorRecord.of(concept, vector)])


async def save_concept(
    ctx: Context, data: ConceptInput, *, creating: bool
) -> ConceptRecord | Problem:
    require_principal(ctx, "concepts:write")
    graph = ctx.stores.graph
    previous = (await graph.concepts_by_ids([data.id])).get(data.id)
    if creating and previous is not None:
        return Problem("conflict", f"a concept titled {data.title!r} already exists")
    if not creating and previous is None:
        return Problem("not_found", "no such concept")
    saved = (await ctx.stores.graph_writer.upsert_concepts([data]))[0]
    try:
        await _embed(ctx, saved)
    except UpstreamUnavailable:
        # Undo the graph write so graph and vector index agree, then report the outage.
        if previous is None:
            await ctx.stores.graph_writer.delete_concept(data.id)
        else:
            await ctx.stores.graph_writer.upsert_concepts(
                [
                    ConceptInput(
                        id=previous.id,
                        title=previous.title,
                        description=previous.description,
                        difficulty=previous.difficulty,
                        category=previous.category,
                        tags=previous.tags,
                    )
                ]
            )
        raise
    return saved


async def delete_concept(ctx: Context, concept_id: UUID) -> UUID | Problem:
    require_principal(ctx, "concepts:write")
    # Vector first: if the graph delete then fails, a later save re-creates the vector.
    await ctx.stores.vectors.delete_concepts([concept_id])
    if not await ctx.stores.graph_writer.delete_concept(concept_id):
        return Problem("not_found", "no such concept")
    return concept_id


async def add_prerequisite(
    ctx: Context, *, prerequisite_id: UUID, concept_id: UUID, mandatory: bool, weight: float
) -> bool | Problem:
    require_principal(ctx, "concepts:write")
    if prerequisite_id == concept_id:
        return Problem("invalid", "a concept cannot be its own prerequisite", "prerequisiteId")
    try:
        added = await ctx.stores.graph_writer.add_prerequisite(
            prerequisite_id=prerequisite_id,
            concept_id=concept_id,
            mandatory=mandatory,
            weight=weight,
        )
    except GraphCycleError as exc:
        return Problem("conflict", str(exc))
    return added or Problem("not_found", "one of the two concepts does not exist")


async def add_relation(
    ctx: Context, *, source_id: UUID, target_id: UUID, relation_type: str, strength: float
) -> bool | Problem:
    require_principal(ctx, "concepts:write")
    if source_id == target_id:
        return Problem("invalid", "a concept cannot relate to itself", "targetId")
    added = await ctx.stores.graph_writer.add_related(
        source_id=source_id, target_id=target_id, relation_type=relation_type, strength=strength
    )
    return added or Problem("not_found", "one of the two concepts does not exist")


async def remove_prerequisite(
    ctx: Context, *, prerequisite_id: UUID, concept_id: UUID
) -> bool | Problem:
    require_principal(ctx, "concepts:write")
    removed = await ctx.stores.graph_writer.remove_prerequisite(
        prerequisite_id=prerequisite_id, concept_id=concept_id
    )
    return removed or Problem("not_found", "no such prerequisite edge")


async def remove_relation(ctx: Context, *, source_id: UUID, target_id: UUID) -> bool | Problem:
    require_principal(ctx, "concepts:write")
    removed = await ctx.stores.graph_writer.remove_related(source_id=source_id, target_id=target_id)
    return removed or Problem("not_found", "no such relation")


async def concept_after_edit(ctx: Context, concept_id: UUID) -> ConceptRecord | None:
    """The concept as stored now: read afresh, past the request's loader (which may hold
    it as it was before the edit)."""
    return (await ctx.stores.graph.concepts_by_ids([concept_id])).get(concept_id)
