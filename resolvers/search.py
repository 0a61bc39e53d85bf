"""Semantic search over the vector index, optionally fused with concept full-text.

Results are cached in Redis under the seed's `cache:search:{query_hash}` (15 min),
keyed by everything that changes the answer; hits are filtered per caller after the
cache, so one user's cached results never reveal another's documents.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from datasources.errors import UpstreamUnavailable
from datasources.neo4j.records import ConceptRecord
from datasources.postgres.records import CourseRecord, DocumentRecord
from datasources.redis.store import SEARCH_CACHE_TTL, search_cache_key
from datasources.vectors import KINDS
from resolvers.auth import require_principal
from resolvers.concepts import concept
from resolvers.context import Context
from resolvers.courses import course
from resolvers.documents import document
from resolvers.errors import bad_input

RRF_K = 60  # reciprocal-rank fusion constant (the usual choice)
MAX_QUERY_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # chunk | concept | qa
    id: UUID
    score: float
    text: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class VisibleHit:
    hit: Hit
    document: DocumentRecord | None = None
    concept: ConceptRecord | None = None
    course: CourseRecord | None = None


def _validate(query: str, kinds: Sequence[str], limit: int) -> None:
    if not query.strip():
        raise bad_input("`query` must not be empty", field="query")
    if len(query) > MAX_QUERY_CHARS:
        raise bad_input(f"`query` is limited to {MAX_QUERY_CHARS} characters", field="query")
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        raise bad_input(f"`kinds` must be some of {', '.join(KINDS)}", field="kinds")
    if not 1 <= limit <= 100:
        raise bad_input("`limit` must be between 1 and 100", field="limit")


async def _vector_hits(
    ctx: Context, query: str, kinds: Sequence[str], limit: int, document_ids: Sequence[UUID] | None
) -> list[Hit]:
    vector = (await ctx.stores.embedder.embed([query]))[0]
    found = await ctx.stores.vectors.search(kinds, vector, limit=limit, document_ids=document_ids)
    hits = []
    for h in found:
        r = h.record
        text = (
            getattr(r, "content", None) or getattr(r, "title", None) or getattr(r, "question", "")
        )
        record = {
            "document_id": str(getattr(r, "document_id", "") or ""),
            "course_id": str(getattr(r, "course_id", "") or ""),
            "page_number": getattr(r, "page_number", None),
            "chunk_index": getattr(r, "chunk_index", None),
            "answer": getattr(r, "answer", None),
        }
        hits.append(Hit(kind=h.kind, id=h.id, score=h.score, text=text or "", record=record))
    return hits


async def _fulltext_hits(ctx: Context, query: str, limit: int) -> list[Hit]:
    rows = await ctx.stores.graph.search_concepts(
        text=query, difficulty=None, category=None, skip=0, limit=limit
    )
    return [
        Hit(kind="concept", id=c.id, score=float(score or 0.0), text=c.title, record={})
        for c, score in rows
    ]


def _fuse(rankings: Sequence[list[Hit]], limit: int) -> list[Hit]:
    """Reciprocal-rank fusion: robust to the two rankers' incomparable scores."""
    scores: dict[tuple[str, UUID], float] = {}
    first_seen: dict[tuple[str, UUID], Hit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking):
            key = (hit.kind, hit.id)
            scores[key] = scores.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
            first_seen.setdefault(key, hit)
    best = sorted(scores, key=lambda k: scores[k], reverse=True)[:limit]
    return [
        Hit(
            kind=k[0],
            id=k[1],
            score=scores[k],
            text=first_seen[k].text,
            record=first_seen[k].record,
        )
        for k in best
    ]


async def semantic_search(
    ctx: Context,
    *,
    query: str,
    kinds: Sequence[str],
    limit: int,
    document_ids: Sequence[UUID] | None,
    hybrid: bool,
) -> list[VisibleHit]:
    require_principal(ctx, "search:read")
    _validate(query, kinds, limit)
    key = search_cache_key(
        [query, sorted(kinds), limit, sorted(map(str, document_ids or [])), hybrid]
    )
    hits: list[Hit] | None = None
    try:
        cached = (await ctx.stores.redis.get_json_many([key]))[0]
        if cached is not None:
            hits = [
                Hit(
                    kind=h["kind"],
                    id=UUID(h["id"]),
                    score=h["score"],
                    text=h["text"],
                    record=h["record"],
                )
                for h in cached
            ]
    except (UpstreamUnavailable, KeyError, TypeError, ValueError):
        hits = None
    if hits is None:
        hits = await _vector_hits(ctx, query, kinds, limit, document_ids)
        if hybrid and "concept" in kinds:
            hits = _fuse([hits, await _fulltext_hits(ctx, query, limit)], limit)
        try:
            payload = [
                {
                    "kind": h.kind,
                    "id": str(h.id),
                    "score": h.score,
                    "text": h.text,
                    "record": h.record,
                }
                for h in hits
            ]
            await ctx.stores.redis.set_json_many({key: payload}, ttl=SEARCH_CACHE_TTL)
        except UpstreamUnavailable:
            pass
    return await _visible(ctx, hits)


async def _visible(ctx: Context, hits: list[Hit]) -> list[VisibleHit]:
    """Keep only hits whose document / course the caller may read."""

    async def check(hit: Hit) -> VisibleHit | None:
        if hit.kind == "chunk":
            doc = await document(ctx, UUID(hit.record["document_id"]))
            return VisibleHit(hit, document=doc) if doc else None
        if hit.kind == "qa":
            raw = hit.record.get("course_id")
            found = await course(ctx, UUID(raw)) if raw else None
            return VisibleHit(hit, course=found) if found else None
        found_concept = await concept(ctx, hit.id)
        return VisibleHit(hit, concept=found_concept) if found_concept else None

    checked = await asyncio.gather(*(check(h) for h in hits))
    return [v for v in checked if v is not None]
