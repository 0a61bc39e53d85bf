"""Rows of the demo dataset, shaped for the writers (PostgreSQL COPY, Cypher UNWIND)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

SEED_NAMESPACE = UUID("3b8c1f0e-5a7d-5e21-9c4b-7d2e6f10a9c3")  # fixed: ids must not move
EPOCH = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # every timestamp is an offset from this


def seed_id(tag: str, *parts: object) -> UUID:
    return uuid.uuid5(SEED_NAMESPACE, ":".join([tag, *map(str, parts)]))


def seeded_rng(tag: str, part: str) -> random.Random:
    """One generator per part, so changing one part does not reshuffle the others."""
    # Demo data, not secrets; str seeds are hashed with SHA-512, so this is stable.
    return random.Random(f"{tag}:{part}")  # noqa: S311


@dataclass(frozen=True, slots=True)
class UserRow:
    id: UUID
    username: str
    email: str
    full_name: str
    role: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ConceptRow:
    id: UUID
    index: int
    title: str
    description: str
    difficulty: str
    category: str
    tags: tuple[str, ...]
    language: str
    term: str
    created_at: datetime


@dataclass(slots=True)
class DocumentRow:
    id: UUID
    index: int
    user_id: UUID
    filename: str
    mime_type: str
    graph_type: str
    status: str
    language: str
    page_count: int
    word_count: int
    file_size: int
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    error: str | None
    subject: str
    concepts: list[ConceptRow] = field(default_factory=list)  # filled by EXTRACTED_FROM


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """(source)-[:TYPE props]->(target), both ends by id."""

    source: UUID
    target: UUID
    props: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SourceRow:
    concept: ConceptRow
    document: DocumentRow
    page: int
    confidence: float
    context: str


@dataclass(frozen=True, slots=True)
class Extraction:
    id: UUID
    document_id: UUID
    extraction_type: str
    content: str
    context: str | None
    page_number: int
    confidence: Decimal
    neo4j_node_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ChunkText:
    document_id: UUID
    chunk_index: int
    page_number: int
    content: str
    language: str


@dataclass(frozen=True, slots=True)
class Placement:
    """(:Course)-[:CONTAINS {week, order, duration_minutes}]->(:Concept)."""

    concept: ConceptRow
    week: int
    order: int
    duration_minutes: int


@dataclass(frozen=True, slots=True)
class Objective:
    id: UUID
    description: str
    bloom_level: str
    measurable: bool
    priority: int


@dataclass(frozen=True, slots=True)
class Question:
    id: UUID
    question: str
    answer: str
    topic: str


@dataclass(frozen=True, slots=True)
class CourseLink:
    document_id: UUID
    relevance_score: Decimal
    usage_type: str


@dataclass(frozen=True, slots=True)
class CourseRow:
    id: UUID
    user_id: UUID
    title: str
    description: str
    target_audience: str
    difficulty_level: str
    duration_weeks: int
    hours_per_week: int
    language: str
    status: str
    outline: dict[str, Any]
    learning_objectives: list[dict[str, Any]]
    prerequisites: list[str]
    assessment_methods: list[dict[str, Any]]
    resources: list[dict[str, Any]]
    metadata: dict[str, Any]
    published_at: datetime | None
    created_at: datetime
    placements: list[Placement]
    objectives: list[Objective]
    documents: list[CourseLink]
    questions: list[Question]
