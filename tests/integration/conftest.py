"""Integration fixtures: a World per test, cleaned up afterwards."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from datasources.settings import Settings
from datasources.stores import Stores
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
async def docs(
    world: World, test_settings: Settings, stores: Stores
) -> AsyncIterator[DocumentWorld]:
    """Documents through the real job on the session's stores, removed afterwards."""
    built = DocumentWorld(world, test_settings, stores.vectors)
    try:
        yield built
    finally:
        await built.cleanup()
