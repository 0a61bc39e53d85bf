"""schema.common.node_for: one schema object per node per request."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from datasources.neo4j.records import ConceptRecord
from resolvers.context import Context, Limits
from schema.common import node_for
from schema.concept import Concept


def _context() -> Context:
    stores: Any = None  # node_for never touches a store
    return Context(stores=stores, limits=Limits(50, 5.0), principal=None, request_id="r")


def _concept(**changes: Any) -> ConceptRecord:
    record = ConceptRecord(
        id=uuid4(),
        title="Limits",
        description=None,
        difficulty="beginner",
        category="calculus",
        tags=("maths",),
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        updated_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    return dataclasses.replace(record, **changes)


def test_the_same_node_read_twice_is_one_object() -> None:
    ctx = _context()
    record = _concept()
    first = node_for(ctx, Concept, record)
    # Another row of another statement: an equal record, a different Python object.
    again = node_for(ctx, Concept, dataclasses.replace(record))
    assert again is first
    assert first.title == "Limits" and first.record is record


def test_a_node_changed_during_the_request_gets_a_new_object() -> None:
    ctx = _context()
    record = _concept()
    before = node_for(ctx, Concept, record)
    after = node_for(ctx, Concept, dataclasses.replace(record, title="Limits, revised"))
    assert after is not before
    assert (before.title, after.title) == ("Limits", "Limits, revised")


def test_requests_never_share_objects() -> None:
    record = _concept()
    assert node_for(_context(), Concept, record) is not node_for(_context(), Concept, record)
