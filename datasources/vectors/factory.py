"""Build the configured vector index (VECTOR_BACKEND)."""

from __future__ import annotations

from typing import Literal

import asyncpg

from datasources.vectors.base import VectorIndex
from datasources.vectors.pgvector_index import PgVectorIndex
from datasources.vectors.pgvector_sql import DEFAULT_SCHEMA
from datasources.vectors.weaviate_index import WeaviateVectorIndex


async def create_vector_index(
    backend: Literal["pgvector", "weaviate"],
    *,
    database_url: str | None = None,
    pool: asyncpg.Pool | None = None,
    weaviate_url: str | None = None,
    weaviate_grpc_url: str | None = None,
    weaviate_api_key: str | None = None,
    weaviate_use_graphql: bool = True,
    timeout_seconds: float = 5.0,
    namespace: str | None = None,
) -> VectorIndex:
    """Connects nothing yet: the first call does, so start-up survives a store that is down.

    pgvector takes a `pool` made with `init=init_connection`, or a `database_url` (a
    `postgresql://` or `postgresql+asyncpg://` URL) for a pool of its own. `namespace` is
    the PostgreSQL schema (default `vectors`) or the Weaviate collection-name prefix
    (default none). `weaviate_use_graphql` is WeaviateVectorIndex's `use_graphql`.
    """
    if backend == "pgvector":
        schema = namespace or DEFAULT_SCHEMA
        if pool is not None:
            return PgVectorIndex(pool=pool, schema=schema, timeout_seconds=timeout_seconds)
        if not database_url:
            raise ValueError("pgvector needs database_url or pool")
        dsn = "postgresql://" + database_url.split("://", 1)[1]  # drop a +asyncpg suffix
        return await PgVectorIndex.connect(dsn=dsn, schema=schema, timeout_seconds=timeout_seconds)
    if backend == "weaviate":
        if not weaviate_url or not weaviate_grpc_url:
            raise ValueError("weaviate needs weaviate_url and weaviate_grpc_url")
        return WeaviateVectorIndex.from_urls(
            http_url=weaviate_url,
            grpc_url=weaviate_grpc_url,
            api_key=weaviate_api_key,
            prefix=namespace or "",
            timeout_seconds=timeout_seconds,
            use_graphql=weaviate_use_graphql,
        )
    raise ValueError(f"unknown vector backend {backend!r}; expected 'pgvector' or 'weaviate'")
