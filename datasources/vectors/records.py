"""Plain records the vector index reads and writes (ids: datasources/ids.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeAlias
from uuid import UUID

from datasources.ids import chunk_id

Kind: TypeAlias = Literal["chunk", "concept", "qa"]
KINDS: tuple[Kind, ...] = ("chunk", "concept", "qa")


@dataclass(frozen=True, slots=True)
class ChunkRecord:
    """A passage of a document. `vector` is None on reads (not fetched, to keep them small)."""

    id: UUID
    document_id: UUID
    content: str
    page_number: int | None
    chunk_index: int
    metadata: Mapping[str, Any] = field(default_factory=dict)
    vector: Sequence[float] | None = None

    @classmethod
    def create(
        cls,
        *,
        document_id: UUID,
        chunk_index: int,
        content: str,
        vector: Sequence[float],
        page_number: int | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> ChunkRecord:
        """A chunk with its deterministic id."""
        return cls(
            id=chunk_id(document_id, chunk_index),
            document_id=document_id,
            content=content,
            page_number=page_number,
            chunk_index=chunk_index,
            metadata=dict(metadata or {}),
            vector=vector,
        )


class ConceptLike(Protocol):
    """What a concept's vector record is made from (a graph ConceptRecord, for one)."""

    @property
    def id(self) -> UUID: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str | None: ...
    @property
    def category(self) -> str | None: ...
    @property
    def tags(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class ConceptVectorRecord:
    """A concept's embedding; `id` is the concept id (PostgreSQL / Neo4j)."""

    id: UUID
    title: str
    description: str | None = None
    neo4j_node_id: str | None = None
    category: str | None = None
    tags: Sequence[str] = ()
    vector: Sequence[float] | None = None

    @classmethod
    def create(
        cls,
        *,
        concept_id: UUID,
        title: str,
        description: str | None,
        category: str | None,
        tags: Sequence[str],
        vector: Sequence[float],
    ) -> ConceptVectorRecord:
        """A concept's embedding under the concept's own id, pointing at its graph node."""
        return cls(
            id=concept_id,
            title=title,
            description=description,
            neo4j_node_id=str(concept_id),
            category=category,
            tags=list(tags),
            vector=vector,
        )

    @classmethod
    def of(cls, concept: ConceptLike, vector: Sequence[float]) -> ConceptVectorRecord:
        """`create` from a concept record (graph read or write result)."""
        return cls.create(
            concept_id=concept.id,
            title=concept.title,
            description=concept.description,
            category=concept.category,
            tags=concept.tags,
            vector=vector,
        )


@dataclass(frozen=True, slots=True)
class QARecord:
    """A question with its answer, optionally tied to a course."""

    id: UUID
    question: str
    answer: str
    course_id: UUID | None = None
    difficulty: str | None = None
    topic: str | None = None
    vector: Sequence[float] | None = None


Record: TypeAlias = ChunkRecord | ConceptVectorRecord | QARecord


@dataclass(frozen=True, slots=True)
class VectorHit:
    """One search result; `score` is cosine similarity clamped to [0, 1], higher is closer."""

    kind: Kind
    id: UUID
    score: float
    record: Record


def score_from_distance(distance: float) -> float:
    """1 - cosine distance, clamped: opposite directions count as unrelated, not negative."""
    return min(1.0, max(0.0, 1.0 - float(distance)))


@dataclass(frozen=True, slots=True)
class VectorOwners:
    """Whose vectors an index holds: what reconcile and retention compare to the rows."""

    documents: frozenset[UUID]  # document_id of every DocumentChunk
    concepts: frozenset[UUID]  # id of every ConceptEmbedding (= the concept's id)
    courses: frozenset[UUID]  # course_id of every QuestionAnswer that has one
