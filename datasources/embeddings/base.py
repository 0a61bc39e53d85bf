"""The embedder interface and its errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from datasources.errors import UpstreamUnavailable

EMBEDDING_DIMENSIONS = 1536  # the seed's VECTOR(1536)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into fixed-length vectors; one vector per text, in input order."""

    dimensions: int

    async def embed(self, texts: Sequence[str]) -> list[list[float]]: ...

    async def close(self) -> None: ...


class EmbeddingError(RuntimeError):
    """The embedding provider answered, but not with usable vectors (4xx, bad shape)."""


class EmbeddingUnavailable(UpstreamUnavailable, EmbeddingError):
    """The embedding provider did not answer (refused, timed out, 429, 5xx)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("embeddings", detail)
