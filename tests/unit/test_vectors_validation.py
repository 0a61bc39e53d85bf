"""Pure parts of the vector index: ids, input checks, scores, SQL identifiers."""

from __future__ import annotations

import math
import uuid

import pytest

from datasources.errors import UpstreamUnavailable
from datasources.ids import chunk_id
from datasources.vectors import (
    MAX_LIMIT,
    ChunkRecord,
    ConceptVectorRecord,
    QARecord,
    VectorIndex,
    VectorStoreUnavailable,
)
from datasources.vectors import pgvector_sql as sql
from datasources.vectors.records import score_from_distance
from datasources.vectors.validation import (
    check_kinds,
    check_limit,
    check_offset,
    check_vector,
    prepare,
    unique_ids,
)

DOC = uuid.UUID("0b5c6a52-4d1e-4f5e-9a5b-7f3f2a9d1c11")
V = [0.0] * 1535 + [1.0]


def test_chunk_ids_are_deterministic_and_fixed_forever() -> None:
    assert chunk_id(DOC, 3) == chunk_id(DOC, 3)
    assert chunk_id(DOC, 3) != chunk_id(DOC, 4)
    assert chunk_id(DOC, 3).version == 5
    # Changing the namespace would orphan every stored chunk; pin one value.
    assert str(chunk_id(DOC, 0)) == str(
        uuid.uuid5(uuid.UUID("6f1d8a3e-3c0b-5c8e-9d43-2b7f0a9c4e11"), f"{DOC}:0")
    )
    record = ChunkRecord.create(document_id=DOC, chunk_index=3, content="c", vector=V)
    assert record.id == chunk_id(DOC, 3)


def test_records_are_frozen_with_slots() -> None:
    record = ConceptVectorRecord(id=uuid.uuid4(), title="t")
    with pytest.raises(AttributeError):
        record.title = "u"  # type: ignore[misc]
    assert not hasattr(record, "__dict__")


@pytest.mark.parametrize(
    ("vector", "message"),
    [
        ([0.5] * 1535, "1535 dimensions; expected 1536"),
        ([0.5] * 1537, "expected 1536"),
        ([], "expected 1536"),
        (None, "1536 floats"),
        ("not a vector", "1536 floats"),
        ([math.nan] + [0.0] * 1535, "NaN"),
        ([math.inf] + [0.0] * 1535, "NaN or infinity"),
    ],
)
def test_check_vector_rejects(vector: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_vector(vector)  # type: ignore[arg-type]


def test_check_vector_accepts_tuples_and_ints() -> None:
    assert check_vector(tuple([1] * 1536)) == [1.0] * 1536


@pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1, 1.5, True, "10"])
def test_check_limit_rejects(limit: object) -> None:
    with pytest.raises(ValueError, match=r"1\.\.1000"):
        check_limit(limit)  # type: ignore[arg-type]


def test_check_limit_and_offset_accept_bounds() -> None:
    assert check_limit(1) == 1 and check_limit(1000) == 1000
    assert check_offset(0) == 0
    with pytest.raises(ValueError):
        check_offset(-1)


def test_check_kinds() -> None:
    assert check_kinds(["qa", "chunk", "qa"], None) == ["chunk", "qa"]
    assert check_kinds(["chunk"], [DOC]) == ["chunk"]
    with pytest.raises(ValueError):
        check_kinds([], None)
    with pytest.raises(ValueError):
        check_kinds(["chunks"], None)
    with pytest.raises(ValueError, match="document_ids filters chunks only"):
        check_kinds(["chunk", "concept"], [DOC])
    with pytest.raises(TypeError):
        check_kinds("chunk", None)


def test_unique_ids_keeps_first_order_and_checks_type() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    assert unique_ids([b, a, b]) == [b, a]
    with pytest.raises(TypeError):
        unique_ids([str(a)])  # type: ignore[list-item]


def test_prepare_validates_the_whole_batch_and_last_duplicate_wins() -> None:
    first = ChunkRecord.create(document_id=DOC, chunk_index=0, content="old", vector=V)
    second = ChunkRecord.create(document_id=DOC, chunk_index=0, content="new", vector=V)
    [(record, vector)] = prepare([first, second])
    assert record.content == "new" and vector == V
    zero = QARecord(id=uuid.uuid4(), question="q", answer="a", vector=[0.0] * 1536)
    mixed: list[ChunkRecord | QARecord] = [first, zero]
    with pytest.raises(ValueError, match="all zeros"):
        prepare(mixed)
    stray = ChunkRecord(
        id=uuid.uuid4(), document_id=DOC, content="x", page_number=None, chunk_index=1, vector=V
    )
    with pytest.raises(ValueError, match="not chunk_id"):
        prepare([stray])


@pytest.mark.parametrize(
    ("distance", "score"), [(0.0, 1.0), (0.25, 0.75), (1.0, 0.0), (1.7, 0.0), (-1e-7, 1.0)]
)
def test_score_is_one_minus_cosine_distance_clamped(distance: float, score: float) -> None:
    assert score_from_distance(distance) == pytest.approx(score)


def test_unavailable_is_the_shared_upstream_error() -> None:
    error = VectorStoreUnavailable("pgvector", "ConnectionRefusedError")
    assert isinstance(error, UpstreamUnavailable)
    assert error.store == "pgvector"
    assert str(error) == "pgvector is unavailable: ConnectionRefusedError"


@pytest.mark.parametrize("name", ['vectors"; DROP TABLE x; --', "Vectors", "1abc", "", "a" * 64])
def test_schema_names_are_checked_before_reaching_sql(name: str) -> None:
    with pytest.raises(ValueError):
        sql.quote_schema(name)


def test_sql_uses_parameters_for_values() -> None:
    s = sql.quote_schema("vectors")
    statement = sql.search(s, ["chunk", "concept"], by_document=True)
    assert "$1" in statement and "$2" in statement and "$3" in statement
    assert "UNION ALL" in statement
    assert "$3" not in sql.search(s, ["chunk"], by_document=False)
    assert "unnest($1::uuid[])" in sql.similar_concepts(s)
    assert "LATERAL" in sql.chunks_for_documents(s)
    assert 'CREATE SCHEMA IF NOT EXISTS "vectors"' in sql.ddl(s)
    assert "vector_cosine_ops" in sql.ddl(s)


def test_backends_satisfy_the_protocol_structurally() -> None:
    from datasources.vectors import PgVectorIndex, WeaviateVectorIndex

    for cls in (PgVectorIndex, WeaviateVectorIndex):
        missing = [
            name
            for name in ("bootstrap", "ping", "upsert_chunks", "upsert_concepts", "upsert_qa",
                         "delete_document", "delete_concepts", "search", "similar_concepts",
                         "chunks_for_documents", "count_chunks", "close")
            if not callable(getattr(cls, name, None))
        ]  # fmt: skip
        assert missing == [], cls
    assert VectorIndex is not None
