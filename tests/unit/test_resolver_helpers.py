"""Pure helpers used by every resolver: ids, cursors, text checks, highlights, outlines."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from graphql import GraphQLError

from resolvers.ids import from_global_id, to_global_id
from resolvers.pagination import decode_cursor, encode_cursor, page
from resolvers.validation import check_unit_interval, clean_tags, clean_text
from schema.outline import CourseOutline, parse_assessments, parse_objectives, parse_resources
from schema.search import _highlight


def test_global_ids_round_trip_and_reject_garbage() -> None:
    raw = uuid.uuid4()
    assert from_global_id(to_global_id("Course", raw)) == ("Course", raw)
    assert from_global_id(str(raw), expect="Course") == ("Course", raw)
    for bad in ("", "nope", to_global_id("Secret", raw), "Q291cnNlOjEyMw"):
        with pytest.raises(GraphQLError) as raised:
            from_global_id(bad)
        assert raised.value.extensions["code"] == "BAD_USER_INPUT"
    with pytest.raises(GraphQLError):
        from_global_id(to_global_id("Document", raw), expect="Course")


def test_cursors_round_trip_and_tampering_is_rejected() -> None:
    raw = uuid.uuid4()
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert decode_cursor(encode_cursor(when, raw), sort_is_time=True) == (when, raw)
    assert decode_cursor(encode_cursor("Algebra", raw), sort_is_time=False) == ("Algebra", raw)
    for bad in ("garbage", encode_cursor("not a time", raw), "eyJhIjoxfQ"):
        with pytest.raises(GraphQLError):
            decode_cursor(bad, sort_is_time=True)
    with pytest.raises(GraphQLError, match="between 1 and 100"):
        page(0, None, max_page_size=100, sort_is_time=True)
    with pytest.raises(GraphQLError):
        page(101, None, max_page_size=100, sort_is_time=True)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("a\x00b", "control character"),
        ("a\x1bb", "control character"),
        ("ev\u202eexe", "bidirectional"),
        ("x" * 11, "limited to 10"),
        ("   ", "must not be empty"),
        ("a\ud800", "lone surrogate"),
        ("\udfff", "lone surrogate"),
    ],
)
def test_clean_text_rejects_with_a_reason(value: str, problem: str) -> None:
    with pytest.raises(GraphQLError, match=problem):
        clean_text(value, field="title", max_length=10, required=True)


def test_clean_text_normalises_and_keeps_scripts() -> None:
    assert clean_text("  Cafe\u0301 微积分 ", field="t", max_length=50) == "Café 微积分"
    assert clean_text("line\nbreak", field="t", max_length=50, multiline=True) == "line\nbreak"
    assert clean_tags(["a", "a", "b"]) == ("a", "b")
    with pytest.raises(GraphQLError):
        check_unit_interval(float("nan"), field="weight")
    with pytest.raises(GraphQLError):
        check_unit_interval(1.5, field="weight")


def test_highlight_marks_the_first_match() -> None:
    assert _highlight("Linear algebra uses matrices", "matrices") == (
        "Linear algebra uses «matrices»"
    )
    assert _highlight("no match here", "zzz") == "no match here"


def test_outline_json_is_read_leniently() -> None:
    outline = CourseOutline.parse(
        {"summary": "s", "weeks": [{"week": 2, "topics": ["a", 3], "hours": 4}, "junk"]}
    )
    assert outline.summary == "s"
    assert [(w.week, w.topics, w.hours) for w in outline.weeks] == [(2, ["a"], 4.0)]
    assert CourseOutline.parse("not an object").weeks == []
    week = CourseOutline.parse(
        {"weeks": [{"topics": "not a list", "modules": [
            {"title": "Isotopes", "minutes": 30, "concepts": [
                {"title": "isotope", "concept_id": "c1"}, {"title": 3}, "junk"]},
            "junk", {"title": 5, "minutes": "x", "concepts": "junk"}]}]}
    ).weeks[0]  # fmt: skip
    assert week.topics == [] and [(m.title, m.minutes, m.topics, m.concept_ids)
                                  for m in week.modules] == [
        ("Isotopes", 30, ["isotope"], ["c1"]), (None, None, [], [])]  # fmt: skip
    objectives = parse_objectives(
        ["Explain X", {"description": "Apply Y", "bloom_level": "apply"}, 7]
    )
    assert [o.description for o in objectives] == ["Explain X", "Apply Y"]
    assert parse_assessments([{"type": "quiz", "weight": 0.2}, None])[0].weight == 0.2
    assert parse_resources([{"title": "Book", "pages": [1, "x", 3]}])[0].pages == [1, 3]
