"""Search hits: a union over chunk, concept and question-answer results."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.ids import to_global_id
from resolvers.search import VisibleHit
from schema.concept import Concept
from schema.course import Course
from schema.document import Document


@strawberry.type
class ChunkHit:
    id: strawberry.ID
    score: float
    highlight: str
    page_number: int | None
    chunk_index: int | None
    document: Document


@strawberry.type
class ConceptHit:
    id: strawberry.ID
    score: float
    highlight: str
    concept: Concept


@strawberry.type
class QuestionAnswerHit:
    id: strawberry.ID
    score: float
    highlight: str
    answer: str | None
    course: Course


SearchHit = Annotated[ChunkHit | ConceptHit | QuestionAnswerHit, strawberry.union("SearchHit")]

HIGHLIGHT_CHARS = 280


def _highlight(text: str, query: str) -> str:
    """The part of `text` around the first query word it contains, marked with «»."""
    lowered = text.casefold()
    for word in sorted(query.casefold().split(), key=len, reverse=True):
        at = lowered.find(word)
        if at >= 0 and word:
            start = max(0, at - HIGHLIGHT_CHARS // 2)
            end = min(len(text), start + HIGHLIGHT_CHARS)
            snippet = (
                text[start:at] + "«" + text[at : at + len(word)] + "»" + text[at + len(word) : end]
            )
            return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
    return text[:HIGHLIGHT_CHARS] + ("…" if len(text) > HIGHLIGHT_CHARS else "")


def to_search_hit(v: VisibleHit, query: str) -> ChunkHit | ConceptHit | QuestionAnswerHit:
    h = v.hit
    text = _highlight(h.text, query)
    if v.document is not None:
        return ChunkHit(
            id=strawberry.ID(to_global_id("DocumentChunk", h.id)),
            score=h.score,
            highlight=text,
            page_number=h.record.get("page_number"),
            chunk_index=h.record.get("chunk_index"),
            document=Document.from_record(v.document),
        )
    if v.course is not None:
        return QuestionAnswerHit(
            id=strawberry.ID(to_global_id("QuestionAnswer", h.id)),
            score=h.score,
            highlight=text,
            answer=h.record.get("answer"),
            course=Course.from_record(v.course),
        )
    assert v.concept is not None
    return ConceptHit(
        id=strawberry.ID(to_global_id("Concept", h.id)),
        score=h.score,
        highlight=text,
        concept=Concept.from_record(v.concept),
    )
