"""Rows from the pgvector statements, turned into records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from datasources.vectors.records import (
    ChunkRecord,
    ConceptVectorRecord,
    QARecord,
    Record,
    VectorHit,
    score_from_distance,
)


def chunk(row: Mapping[str, Any]) -> ChunkRecord:
    metadata = row["metadata"]  # jsonb: text from asyncpg, already decoded inside to_jsonb
    return ChunkRecord(
        id=row["id"],
        document_id=row["document_id"],
        content=row["content"],
        page_number=row["page_number"],
        chunk_index=row["chunk_index"],
        metadata=json.loads(metadata) if isinstance(metadata, str) else metadata,
    )


def concept(row: Mapping[str, Any]) -> ConceptVectorRecord:
    return ConceptVectorRecord(
        id=row["id"],
        title=row["title"],
        description=row["description"],
        neo4j_node_id=row["neo4j_node_id"],
        category=row["category"],
        tags=tuple(row["tags"]),
    )


def hit(row: Mapping[str, Any]) -> VectorHit:
    """A search row: `kind`, `distance`, and the record's columns as jsonb text."""
    data = json.loads(row["row"])
    record = _from_json(row["kind"], data)
    return VectorHit(
        kind=row["kind"], id=record.id, score=score_from_distance(row["distance"]), record=record
    )


def _from_json(kind: str, data: dict[str, Any]) -> Record:
    # jsonb turns uuids into strings and leaves metadata already decoded.
    if kind == "chunk":
        return chunk({**data, "id": UUID(data["id"]), "document_id": UUID(data["document_id"])})
    if kind == "concept":
        return concept({**data, "id": UUID(data["id"])})
    course = data["course_id"]
    return qa({**data, "id": UUID(data["id"]), "course_id": UUID(course) if course else None})


def qa(row: Mapping[str, Any]) -> QARecord:
    return QARecord(
        id=row["id"],
        question=row["question"],
        answer=row["answer"],
        course_id=row["course_id"],
        difficulty=row["difficulty"],
        topic=row["topic"],
    )
