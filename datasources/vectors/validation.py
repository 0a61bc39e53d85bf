"""Input checks shared by both backends, run before anything is sent."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TypeVar
from uuid import UUID

from datasources.embeddings.base import EMBEDDING_DIMENSIONS
from datasources.ids import chunk_id
from datasources.vectors.records import (
    KINDS,
    ChunkRecord,
    ConceptVectorRecord,
    Kind,
    QARecord,
)

MAX_LIMIT = 1000
R = TypeVar("R", bound=ChunkRecord | ConceptVectorRecord | QARecord)


def check_vector(vector: Sequence[float] | None, *, what: str = "vector") -> list[float]:
    """A finite vector of EMBEDDING_DIMENSIONS floats, as a list."""
    if vector is None or isinstance(vector, str | bytes):
        raise ValueError(f"{what} must be a sequence of {EMBEDDING_DIMENSIONS} floats")
    values = [float(x) for x in vector]
    if len(values) != EMBEDDING_DIMENSIONS:
        raise ValueError(f"{what} has {len(values)} dimensions; expected {EMBEDDING_DIMENSIONS}")
    if not all(math.isfinite(x) for x in values):
        raise ValueError(f"{what} contains NaN or infinity")
    return values


def is_zero(vector: Sequence[float]) -> bool:
    return not any(vector)


def check_stored_vector(vector: Sequence[float] | None, *, what: str) -> list[float]:
    """As check_vector, and not all zeros: cosine distance to a zero vector is undefined."""
    values = check_vector(vector, what=what)
    if is_zero(values):
        raise ValueError(f"{what} is all zeros (empty text?); it cannot be compared by cosine")
    return values


def check_limit(limit: int, *, name: str = "limit") -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 < limit <= MAX_LIMIT:
        raise ValueError(f"{name} must be an integer in 1..{MAX_LIMIT}, got {limit!r}")
    return limit


def check_offset(offset: int) -> int:
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, got {offset!r}")
    return offset


def check_kinds(kinds: Sequence[str], document_ids: Sequence[UUID] | None) -> list[Kind]:
    """Known kinds, each once; `document_ids` only scopes chunks, so it needs kinds == chunk."""
    if isinstance(kinds, str):
        raise TypeError("kinds must be a sequence of kinds, not one string")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"kinds must be a non-empty subset of {list(KINDS)}, got {list(kinds)}")
    chosen = [k for k in KINDS if k in kinds]
    if document_ids is not None and chosen != ["chunk"]:
        # Concepts and QA pairs belong to no document; silently ignoring the filter for
        # them would return results outside the scope the caller asked for.
        raise ValueError("document_ids filters chunks only; use kinds=['chunk'] with it")
    return chosen


def check_search(
    kinds: Sequence[str],
    vector: Sequence[float],
    limit: int,
    document_ids: Sequence[UUID] | None,
) -> tuple[list[Kind], list[float]] | None:
    """Validate a search for either backend; None when nothing can match.

    Nothing is similar to an empty (zero) query, and nothing lies within no documents.
    """
    chosen = check_kinds(kinds, document_ids)
    query = check_vector(vector, what="query vector")
    check_limit(limit)
    if is_zero(query) or (document_ids is not None and not document_ids):
        return None
    return chosen, query


def unique_ids(ids: Iterable[UUID]) -> list[UUID]:
    """Each id once, in first-seen order, checked to be UUIDs."""
    seen: dict[UUID, None] = {}
    for value in ids:
        if not isinstance(value, UUID):
            raise TypeError(f"expected UUID, got {type(value).__name__}")
        seen.setdefault(value, None)
    return list(seen)


def prepare(records: Sequence[R]) -> list[tuple[R, list[float]]]:
    """Validate a whole batch before writing any of it; the last of duplicate ids wins."""
    by_id: dict[UUID, tuple[R, list[float]]] = {}
    for record in records:
        what = f"{type(record).__name__} {record.id} vector"
        vector = check_stored_vector(record.vector, what=what)
        if isinstance(record, ChunkRecord):
            expected = chunk_id(record.document_id, record.chunk_index)
            if record.id != expected:
                raise ValueError(
                    f"chunk id {record.id} is not chunk_id(document_id, chunk_index) = {expected}"
                )
            if record.chunk_index < 0:
                raise ValueError("chunk_index must be non-negative")
        by_id[record.id] = (record, vector)
    return list(by_id.values())


def check_course_qa(course_id: UUID, records: Sequence[QARecord]) -> None:
    """A course's QA set: every record is tied to that course."""
    (course_id,) = unique_ids([course_id])
    strays = [r.id for r in records if r.course_id != course_id]
    if strays:
        raise ValueError(f"QA records {strays[:3]} do not belong to course {course_id}")
