"""Build the configured embedder."""

from __future__ import annotations

from datasources.embeddings.base import EMBEDDING_DIMENSIONS, Embedder
from datasources.embeddings.hashing import HashingEmbedder
from datasources.embeddings.openai_compatible import OpenAIEmbedder


def create_embedder(
    *,
    provider: str,
    url: str,
    model: str,
    api_key: str | None,
    timeout: float,
    dimensions: int = EMBEDDING_DIMENSIONS,
) -> Embedder:
    """`hashing` (offline default) or `openai` (any OpenAI-compatible endpoint)."""
    if provider == "hashing":
        return HashingEmbedder(dimensions=dimensions)
    if provider == "openai":
        return OpenAIEmbedder(
            base_url=url, model=model, api_key=api_key, timeout=timeout, dimensions=dimensions
        )
    raise ValueError(f"unknown embedding provider {provider!r}; expected 'hashing' or 'openai'")
