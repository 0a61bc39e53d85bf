"""Integration fixtures: a World per test, cleaned up afterwards."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from datasources.settings import Settings
from datasources.stores import Stores, vector_index_for
from datasources.vectors import PgVectorIndex, VectorIndex, WeaviateVectorIndex
from tests.factories import World
from tests.integration.courses import Courses
from tests.integration.documents import DocumentWorld


@pytest.fixture
async def world(stores: Stores, clean_redis: None) -> AsyncIterator[World]:
    built = World(stores)
    try:
        yield built
    finally:
        await built.cleanup()


@pytest.fixture(params=["pgvector", "weaviate"])
async def vectors(
    request: pytest.FixtureRequest, test_settings: Settings
) -> AsyncIterator[VectorIndex]:
    """A fresh vector namespace of each backend, dropped afterwards."""
    tag = uuid.uuid4().hex[:10]
    namespace = f"dj_{tag}" if request.param == "pgvector" else f"Dj{tag}"
    settings = test_settings.model_copy(
        update={"vector_backend": request.param, "vector_namespace": namespace}
    )
    index = await vector_index_for(settings, timeout_seconds=30.0)
    await index.bootstrap()
    try:
        yield index
    finally:
        if isinstance(index, PgVectorIndex):
            await index._execute(f'DROP SCHEMA IF EXISTS "{namespace}" CASCADE')
        elif isinstance(index, WeaviateVectorIndex):
            await index._client.collections.delete(list(index.names.values()))
        await index.close()


@pytest.fixture
async def docs(
    world: World, test_settings: Settings, vectors: VectorIndex
) -> AsyncIterator[DocumentWorld]:
    """Documents on each vector backend in a fresh namespace, removed afterwards."""
    built = DocumentWorld(world, test_settings, vectors)
    try:
        yield built
    finally:
        await built.cleanup()


@pytest.fixture
async def courses(world: World, test_settings: Settings) -> AsyncIterator[Courses]:
    """Course graphs loaded into the stores, removed afterwards; jobs retry at once (the
    backoff is the unit tests' to measure)."""
    settings = test_settings.model_copy(
        update={"worker": test_settings.worker.model_copy(update={"retry_backoff_seconds": 0.0})}
    )
    built = Courses(world, settings)
    try:
        yield built
    finally:
        await built.cleanup()


@pytest.fixture
async def stack_docs(
    world: World, test_settings: Settings, stores: Stores
) -> AsyncIterator[DocumentWorld]:
    """Documents through the stores' own vector index (the one a worker process opens),
    removed afterwards. Files with a real worker override `docs` with this."""
    built = DocumentWorld(world, test_settings, stores.vectors)
    try:
        yield built
    finally:
        await built.cleanup()
