"""gateway/wire.py: the request decoder (refuses text that is not Unicode, says where)
and the response encoder (valid JSON whatever it is given)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest

from gateway import wire


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"query": "{ a }", "variables": {"v": "\\ud800"}}', "variables.v"),
        (b'{"query": "{ a }", "variables": {"v": "ok \\udfff"}}', "variables.v"),
        (b'{"query": "{ a(x: \\"\\ud800\\") }"}', "query"),
        (b'{"variables": {"f": {"text": ["a", "\\ud83d"]}}}', "variables.f.text[1]"),
        (b'{"operationName": "\\udc00"}', "operationName"),
        (b'{"variables": {"\\ud800": 1}}', "variables.\\ud800"),
        # raw bytes: a UTF-8-encoded surrogate, and bytes that are not UTF-8 at all
        (b'{"variables": {"v": "\xed\xa0\x80"}}', "variables.v"),
        (b'{"variables": {"v": "caf\xe9"}}', "variables.v"),
    ],
)
def test_decode_names_where_text_is_not_unicode(body: bytes, where: str) -> None:
    with pytest.raises(wire.InvalidText) as raised:
        wire.decode(body)
    assert raised.value.where == where
    assert f"`{where}`" in raised.value.message
    assert wire.is_text(raised.value.message)


def test_decode_reads_str_and_bytes_alike() -> None:
    assert wire.decode('{"a": "é", "b": [1, 2.5, null]}') == {"a": "é", "b": [1, 2.5, None]}
    assert wire.decode('{"a": "😀"}'.encode()) == {"a": "😀"}
    assert wire.decode(b'"\\ud83d\\ude00"') == "😀"  # a surrogate *pair* is fine
    with pytest.raises(wire.InvalidText):
        wire.decode('{"a": "\\ud800"}')


@pytest.mark.parametrize("body", [b"NaN", b'{"a": Infinity}', b"{", b"", b'{"a": 1e400}', b"\xff"])
def test_decode_refuses_what_is_not_json_as_json_errors(body: bytes) -> None:
    with pytest.raises(json.JSONDecodeError) as raised:
        wire.decode(body)
    assert not isinstance(raised.value, wire.InvalidText)


def test_decode_survives_hostile_nesting() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(json.JSONDecodeError):
        wire.decode(deep)
    deep_bad = b'{"a":' * 5000 + b'"\\ud800"' + b"}" * 5000
    with pytest.raises(json.JSONDecodeError):  # too deep even to say where: plain refusal
        wire.decode(deep_bad)


def test_find_invalid_text_walks_keys_lists_and_deep_values() -> None:
    assert wire.find_invalid_text({"a": [{"b": "ok"}, {"c": "\udfff"}]}) == "a[1].c"
    assert wire.find_invalid_text({"a": 1, "b": None, "c": 2.5}) is None
    deep: Any = "\ud800"
    for _ in range(5000):
        deep = [deep]
    assert wire.find_invalid_text(deep) == "[0]" * 5000


def test_encode_is_orjson_on_the_fast_path() -> None:
    data = {"data": {"a": [1, "é", None, True, 2.5]}}
    assert wire.encode(data) == orjson.dumps(data)


@dataclass
class Thing:
    name: str


class Opaque:
    def __str__(self) -> str:
        return "opaque \ud800"


@pytest.mark.parametrize(
    "value",
    [
        "\ud800",
        "lone \udfff in text",
        {"\ud800": 1},
        2**70,
        -(2**64),
        float("nan"),
        float("inf"),
        {1: "int key"},
        Opaque(),
        Thing("\ud800"),
        [uuid.uuid4(), datetime.now(UTC), "\udc80"],
    ],
)
def test_encode_always_produces_valid_json(value: Any) -> None:
    body = wire.encode({"errors": [{"message": value}], "data": {"x": value}})
    parsed = orjson.loads(body)  # strict: valid UTF-8 JSON
    assert set(parsed) == {"errors", "data"}


def test_encode_keeps_what_it_can_and_replaces_only_bad_text() -> None:
    parsed = orjson.loads(wire.encode({"message": "bad \ud800 text", "n": 2**70}))
    assert parsed["message"].startswith("bad ") and parsed["message"].endswith(" text")
    assert "\ufffd" in parsed["message"]
    assert json.loads(wire.encode({"n": 2**70}))["n"] == 2**70


def test_encode_cuts_off_nesting_deeper_than_it_allows() -> None:
    deep: Any = "\ud800"
    for _ in range(1000):
        deep = [deep]
    parsed = orjson.loads(wire.encode({"data": deep}))
    assert isinstance(parsed["data"], list)


def test_encode_text_is_str_for_websocket_text_frames() -> None:
    assert wire.encode_text({"type": "next", "payload": {"m": "\ud800"}}).startswith('{"type"')
