"""The vector index: one interface, PostgreSQL+pgvector and Weaviate backends."""

from datasources.vectors.base import VectorIndex
from datasources.vectors.errors import VectorStoreUnavailable
from datasources.vectors.factory import create_vector_index
from datasources.vectors.pgvector_index import PgVectorIndex, init_connection
from datasources.vectors.records import (
    KINDS,
    ChunkRecord,
    ConceptVectorRecord,
    Kind,
    QARecord,
    VectorHit,
    VectorOwners,
)
from datasources.vectors.validation import MAX_LIMIT
from datasources.vectors.weaviate_index import WeaviateVectorIndex

__all__ = [
    "KINDS",
    "MAX_LIMIT",
    "ChunkRecord",
    "ConceptVectorRecord",
    "Kind",
    "PgVectorIndex",
    "QARecord",
    "VectorHit",
    "VectorIndex",
    "VectorOwners",
    "VectorStoreUnavailable",
    "WeaviateVectorIndex",
    "create_vector_index",
    "init_connection",
]
