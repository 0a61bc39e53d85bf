"""Weaviate collections (the seed's classes) and conversions between objects and records."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from weaviate.classes.config import (
    Configure,
    DataType,
    Property,
    Tokenization,
    VectorDistances,
)
from weaviate.collections.classes.config_vectors import VectorConfigCreate

from datasources.vectors.records import (
    ChunkRecord,
    ConceptVectorRecord,
    Kind,
    QARecord,
    Record,
    VectorHit,
    score_from_distance,
)

BASE_NAMES: dict[Kind, str] = {
    "chunk": "DocumentChunk",
    "concept": "ConceptEmbedding",
    "qa": "QuestionAnswer",
}
_PREFIX = re.compile(r"^([A-Z][A-Za-z0-9_]*)?$")


def collection_names(prefix: str) -> dict[Kind, str]:
    """Collection per kind; a prefix (tests, tenants of one server) keeps sets apart."""
    if not _PREFIX.match(prefix):
        raise ValueError("collection prefix must be empty or start with A-Z, then [A-Za-z0-9_]")
    return {kind: prefix + name for kind, name in BASE_NAMES.items()}


def _exact(name: str) -> Property:
    """A string matched whole (ids, categories): the seed's deprecated `string` type."""
    return Property(
        name=name,
        data_type=DataType.TEXT,
        tokenization=Tokenization.FIELD,
        index_searchable=False,
    )


def _array_exact(name: str) -> Property:
    return Property(
        name=name,
        data_type=DataType.TEXT_ARRAY,
        tokenization=Tokenization.FIELD,
        index_searchable=False,
    )


PROPERTIES: dict[Kind, list[Property]] = {
    "chunk": [
        Property(name="content", data_type=DataType.TEXT),
        _exact("documentId"),
        Property(name="pageNumber", data_type=DataType.INT),
        Property(name="chunkIndex", data_type=DataType.INT),
        # JSON text, not `object`: an object property needs every nested key declared up
        # front, and chunk metadata is open-ended (see docs/vectors.md).
        Property(
            name="metadata",
            data_type=DataType.TEXT,
            index_filterable=False,
            index_searchable=False,
        ),
    ],
    "concept": [
        Property(name="title", data_type=DataType.TEXT),
        Property(name="description", data_type=DataType.TEXT),
        _exact("neo4jNodeId"),
        _exact("category"),
        _array_exact("tags"),
    ],
    "qa": [
        Property(name="question", data_type=DataType.TEXT),
        Property(name="answer", data_type=DataType.TEXT),
        _exact("courseId"),
        _exact("difficulty"),
        _exact("topic"),
    ],
}


def vector_config() -> VectorConfigCreate:
    """Self-provided vectors (no vectorizer module runs here), HNSW, cosine distance."""
    return Configure.Vectors.self_provided(
        vector_index_config=Configure.VectorIndex.hnsw(distance_metric=VectorDistances.COSINE)
    )


def _drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    # Weaviate has no null: an absent property reads back as missing, i.e. None.
    return {k: v for k, v in values.items() if v is not None}


def to_properties(record: Record) -> dict[str, Any]:
    if isinstance(record, ChunkRecord):
        return _drop_none(
            {
                "content": record.content,
                "documentId": str(record.document_id),
                "pageNumber": record.page_number,
                "chunkIndex": record.chunk_index,
                "metadata": json.dumps(dict(record.metadata), ensure_ascii=False, sort_keys=True),
            }
        )
    if isinstance(record, ConceptVectorRecord):
        return _drop_none(
            {
                "title": record.title,
                "description": record.description,
                "neo4jNodeId": record.neo4j_node_id,
                "category": record.category,
                "tags": list(record.tags),
            }
        )
    return _drop_none(
        {
            "question": record.question,
            "answer": record.answer,
            "courseId": str(record.course_id) if record.course_id else None,
            "difficulty": record.difficulty,
            "topic": record.topic,
        }
    )


def chunk_from(uuid: UUID, props: Mapping[str, Any]) -> ChunkRecord:
    return ChunkRecord(
        id=UUID(str(uuid)),
        document_id=UUID(props["documentId"]),
        content=props.get("content") or "",
        page_number=props.get("pageNumber"),
        chunk_index=int(props["chunkIndex"]),
        metadata=json.loads(props.get("metadata") or "{}"),
    )


def concept_from(uuid: UUID, props: Mapping[str, Any]) -> ConceptVectorRecord:
    return ConceptVectorRecord(
        id=UUID(str(uuid)),
        title=props.get("title") or "",
        description=props.get("description"),
        neo4j_node_id=props.get("neo4jNodeId"),
        category=props.get("category"),
        tags=tuple(props.get("tags") or ()),
    )


def qa_from(uuid: UUID, props: Mapping[str, Any]) -> QARecord:
    course = props.get("courseId")
    return QARecord(
        id=UUID(str(uuid)),
        question=props.get("question") or "",
        answer=props.get("answer") or "",
        course_id=UUID(course) if course else None,
        difficulty=props.get("difficulty"),
        topic=props.get("topic"),
    )


def record_from(kind: Kind, uuid: UUID, props: Mapping[str, Any]) -> Record:
    if kind == "chunk":
        return chunk_from(uuid, props)
    if kind == "concept":
        return concept_from(uuid, props)
    return qa_from(uuid, props)


def hits(kind: Kind, objects: Sequence[Any]) -> list[VectorHit]:
    """Search results (with `distance` metadata) as hits, in the order Weaviate ranked them."""
    return [
        VectorHit(
            kind=kind,
            id=UUID(str(o.uuid)),
            score=score_from_distance(o.metadata.distance or 0.0),
            record=record_from(kind, o.uuid, o.properties),
        )
        for o in objects
    ]


def default_vector(vector: Any) -> list[float]:
    """The unnamed vector, which the v4 client reports as {'default': [...]}."""
    if isinstance(vector, dict):
        vector = vector["default"]
    return [float(x) for x in vector]
