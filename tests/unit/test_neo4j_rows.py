"""datasources.neo4j.records: decoding the maps and rows batched statements return."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from datasources.neo4j.records import RowDecoder, concept_from_map, concept_map


def _map(concept_id: str, title: str = "Limits") -> dict[str, object]:
    return {
        "id": concept_id,
        "title": title,
        "description": None,
        "difficulty": "beginner",
        "category": None,
        "tags": ["maths"],
        "created_at": 1_767_225_600_000,  # 2026-01-01T00:00:00Z in epoch milliseconds
        "updated_at": None,
    }


def test_a_concept_map_becomes_a_record_with_dates() -> None:
    concept_id = str(uuid4())
    record = concept_from_map(_map(concept_id))
    assert record.id == UUID(concept_id)
    assert record.tags == ("maths",)
    assert record.created_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert record.updated_at is None


def test_the_projection_reads_every_field_the_record_needs() -> None:
    projection = concept_map("p")
    for name in _map("x"):
        assert name in projection


def test_a_statement_decodes_each_repeated_value_once() -> None:
    decode = RowDecoder()
    shared, other = str(uuid4()), str(uuid4())
    first = decode.concept(_map(shared))
    # The same prerequisite in a later row: a new map from the driver, the same record.
    assert decode.concept(_map(shared)) is first
    assert decode.concept(_map(other)) is not first
    assert decode.uuid(shared) is decode.uuid(shared)
    assert decode.uuid(shared) == UUID(shared)


def test_decoders_of_two_statements_share_nothing() -> None:
    concept_id = str(uuid4())
    assert RowDecoder().concept(_map(concept_id)) is not RowDecoder().concept(_map(concept_id))
