"""An embedder over any OpenAI-compatible `POST {base_url}/embeddings` endpoint."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import httpx

from datasources.embeddings.base import EMBEDDING_DIMENSIONS, EmbeddingError, EmbeddingUnavailable
from datasources.provider_errors import error_snippet


class OpenAIEmbedder:
    """Batches texts into requests; checks every answer's shape and dimension."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 10.0,
        dimensions: int = EMBEDDING_DIMENSIONS,
        batch_size: int = 128,
        send_dimensions: bool = False,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        if batch_size <= 0:
            raise ValueError("batch_size must be positive")
        self.dimensions = dimensions
        self._url = base_url.rstrip("/") + "/embeddings"
        self._model = model
        self._batch_size = batch_size
        # Only models that can shorten their output accept `dimensions`; others reject it.
        self._send_dimensions = send_dimensions
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout)
        self._timeout = timeout

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed in order; blank texts get the zero vector without a request."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one string")
        vectors: list[list[float]] = [[0.0] * self.dimensions for _ in texts]
        # OpenAI rejects empty strings, so blanks never leave the process.
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        for start in range(0, len(wanted), self._batch_size):
            batch = wanted[start : start + self._batch_size]
            embedded = await self._request([texts[i] for i in batch])
            for i, vector in zip(batch, embedded, strict=True):
                vectors[i] = vector
        return vectors

    async def _request(self, texts: list[str]) -> list[list[float]]:
        payload: dict[str, Any] = {"model": self._model, "input": texts, "encoding_format": "float"}
        if self._send_dimensions:
            payload["dimensions"] = self.dimensions
        try:
            response = await self._client.post(
                self._url, json=payload, headers=self._headers, timeout=self._timeout
            )
        except httpx.TimeoutException:
            raise EmbeddingUnavailable(f"no answer within {self._timeout:g}s") from None
        except httpx.TransportError as exc:
            raise EmbeddingUnavailable(type(exc).__name__) from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise EmbeddingUnavailable(f"HTTP {response.status_code}: {error_snippet(response)}")
        if not response.is_success:
            said = error_snippet(response)
            raise EmbeddingError(f"embedding provider returned HTTP {response.status_code}: {said}")
        return self._parse(response, expected=len(texts))

    def _parse(self, response: httpx.Response, *, expected: int) -> list[list[float]]:
        try:
            data = response.json()["data"]
            # The API allows any order; `index` says which input each vector belongs to.
            ordered = sorted(data, key=lambda item: int(item["index"]))
            vectors = [[float(x) for x in item["embedding"]] for item in ordered]
            indexes = [int(item["index"]) for item in ordered]
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbeddingError(f"malformed embeddings response: {exc!r}") from None
        if indexes != list(range(expected)):
            raise EmbeddingError(f"expected {expected} embeddings, got indexes {indexes[:10]}")
        for vector in vectors:
            if len(vector) != self.dimensions:
                raise EmbeddingError(
                    f"model {self._model!r} returned {len(vector)} dimensions, "
                    f"expected {self.dimensions}"
                )
            if not all(math.isfinite(x) for x in vector):
                raise EmbeddingError("embedding contains NaN or infinity")
        return vectors

    async def close(self) -> None:
        """Close the HTTP client if this embedder created it."""
        if self._owns_client:
            await self._client.aclose()
