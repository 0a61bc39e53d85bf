"""`semanticSearch`: chunks, concepts and question-answer pairs by meaning."""

from __future__ import annotations

from enum import Enum

import strawberry

from resolvers import search as search_resolvers
from resolvers.context import Info
from resolvers.ids import raw_id
from schema.search import SearchHit, to_search_hit


@strawberry.enum
class SearchKind(Enum):
    CHUNK = "chunk"
    CONCEPT = "concept"
    QA = "qa"


@strawberry.type
class SearchQueries:
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
            document_ids=[raw_id(i, "Document") for i in document_ids] if document_ids else None,
            hybrid=hybrid,
        )
        return [to_search_hit(h, query) for h in hits]
