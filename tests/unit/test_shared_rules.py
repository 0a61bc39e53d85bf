"""Rules the API, the jobs and the seed share: ids, embedding texts, course hours."""

from __future__ import annotations

from uuid import UUID

from datasources.courses import course_hours
from datasources.embeddings.text import concept_text, qa_text
from datasources.ids import chunk_id, concept_id_for
from datasources.vectors import ConceptVectorRecord


def test_concept_ids_ignore_case_and_spacing_but_not_language() -> None:
    one = concept_id_for("Graph  Databases", "en")
    assert one == concept_id_for(" graph databases ", "EN")
    assert one != concept_id_for("Graph Databases", "zh-CN")
    assert one != concept_id_for("Graph Database", "en")
    assert one.version == 5


def test_ids_stay_what_stored_data_already_uses() -> None:
    # Pinned: a changed namespace or normalisation would orphan every stored node/vector.
    assert concept_id_for("Graph Databases", "en") == UUID("2d411a26-4775-580c-9eb2-19ca4bdca1ce")
    assert chunk_id(UUID(int=1), 0) == UUID("8c4bfcd5-a156-5a7a-806d-26a3ea52bcd9")
    assert chunk_id(UUID(int=1), 0) != chunk_id(UUID(int=1), 1)


def test_concept_text_is_title_then_description_when_there_is_one() -> None:
    assert concept_text("Sets", "A collection.") == "Sets\nA collection."
    assert concept_text("Sets", None) == "Sets"
    assert concept_text("Sets", "") == "Sets"
    assert qa_text("Why?", "Because.") == "Why?\nBecause."


def test_a_concept_vector_has_the_concept_id_and_points_at_its_node() -> None:
    concept = concept_id_for("Sets", "en")
    record = ConceptVectorRecord.create(
        concept_id=concept, title="Sets", description=None, category="math",
        tags=("a", "b"), vector=[0.0],
    )  # fmt: skip
    assert record.id == concept
    assert record.neo4j_node_id == str(concept)
    assert list(record.tags) == ["a", "b"]


def test_course_hours_need_both_weeks_and_hours() -> None:
    assert course_hours(4, 3) == 12
    assert course_hours(None, 3) is None
    assert course_hours(4, None) is None
    assert course_hours(0, 3) is None
