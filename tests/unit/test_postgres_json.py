"""datasources.postgres.engine.json_loads: how JSON columns become Python values."""

from __future__ import annotations

import pytest

from datasources.postgres.engine import json_loads


def test_objects_arrays_and_text_read_as_the_standard_library_reads_them() -> None:
    text = '{"pages": 12, "tags": ["maths", "\u00e9t\u00e9"], "score": 0.5, "none": null}'
    assert json_loads(text) == {"pages": 12, "tags": ["maths", "été"], "score": 0.5, "none": None}
    assert json_loads(text.encode()) == json_loads(text)


def test_a_lone_surrogate_escape_falls_back_to_the_standard_library() -> None:
    assert json_loads('{"note": "\\ud800"}') == {"note": "\ud800"}


def test_an_integer_beyond_64_bits_reads_as_a_float() -> None:
    assert json_loads('{"big": 123456789012345678901234567890}') == {"big": 1.2345678901234568e29}


def test_invalid_json_still_fails() -> None:
    with pytest.raises(ValueError):
        json_loads('{"unclosed": ')
