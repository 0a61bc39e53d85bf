"""Integration fixtures: a World per test, cleaned up afterwards."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from datasources.stores import Stores
from tests.factories import World


@pytest.fixture
async def world(stores: Stores, clean_redis: None) -> AsyncIterator[World]:
    built = World(stores)
    try:
        yield built
    finally:
        await built.cleanup()
