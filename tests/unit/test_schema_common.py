"""schema.common.enum_or_none: stored strings to enum members, anything else to null."""

from __future__ import annotations

from schema.common import CourseStatus, Difficulty, enum_or_none


def test_a_stored_value_reads_as_its_member() -> None:
    assert enum_or_none(CourseStatus, "published") is CourseStatus.PUBLISHED
    assert enum_or_none(Difficulty, "advanced") is Difficulty.ADVANCED


def test_values_outside_the_enum_read_as_null() -> None:
    for stored in (None, "PUBLISHED", "unknown", "", 3, ["draft"], {"draft": 1}):
        assert enum_or_none(CourseStatus, stored) is None  # type: ignore[arg-type]


def test_each_enum_answers_with_its_own_members() -> None:
    # "draft" is a CourseStatus value only; the per-enum tables must not mix.
    assert enum_or_none(CourseStatus, "draft") is CourseStatus.DRAFT
    assert enum_or_none(Difficulty, "draft") is None
