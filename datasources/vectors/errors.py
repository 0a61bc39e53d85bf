"""The one exception a vector store that is down raises."""

from __future__ import annotations

from datasources.errors import UpstreamUnavailable


class VectorStoreUnavailable(UpstreamUnavailable):
    """The vector store (`pgvector` or `weaviate`) did not answer or timed out."""
