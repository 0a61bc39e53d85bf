"""Text → vector: the Embedder interface, the offline default and an HTTP provider."""

from datasources.embeddings.base import (
    EMBEDDING_DIMENSIONS,
    Embedder,
    EmbeddingError,
    EmbeddingUnavailable,
)
from datasources.embeddings.factory import create_embedder
from datasources.embeddings.hashing import HashingEmbedder
from datasources.embeddings.openai_compatible import OpenAIEmbedder

__all__ = [
    "EMBEDDING_DIMENSIONS",
    "Embedder",
    "EmbeddingError",
    "EmbeddingUnavailable",
    "HashingEmbedder",
    "OpenAIEmbedder",
    "create_embedder",
]
