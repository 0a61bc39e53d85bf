"""JSON on the wire: one decoder for every request, one encoder that cannot fail.

Decoding: orjson, for the guard (rate limits, audit), the GraphQL view (HTTP bodies,
GET variables, multipart operations) and WebSocket messages alike, so what one of them
reads as an operation the others read identically. orjson refuses what is not JSON
(NaN, Infinity) and text that is not Unicode (a lone surrogate escape such as
`"\\ud800"`, or bytes that are not UTF-8); when the reason is such text, `InvalidText`
names where it was, for a BAD_USER_INPUT answer.

Encoding: orjson; what it refuses (a lone surrogate in a message, an integer beyond
64 bits, an unknown type, nesting deeper than it allows) goes through a slow path that
always produces valid JSON, so a response is never a 500 with a plain-text body.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator
from typing import Any

import orjson

log = logging.getLogger("gateway.wire")

# Deeper values are cut off on the slow path (orjson's own limit is 254 levels).
MAX_ENCODE_DEPTH = 200
ENCODE_FAILED = (
    b'{"errors":[{"message":"the response could not be encoded",'
    b'"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}'
)


class InvalidText(ValueError):
    """A request string (or key) that is not valid Unicode, at `where` (a JSON path)."""

    def __init__(self, where: str, document: object) -> None:
        super().__init__(f"`{where}` is not valid Unicode text (a lone surrogate or bad UTF-8)")
        self.where = where
        self.document = document  # what a lenient decoder read; never pass it on

    @property
    def message(self) -> str:
        return str(self)


def is_text(value: str) -> bool:
    """True when `value` is valid Unicode, i.e. encodable as UTF-8 (no lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(value: str, limit: int = 60) -> str:
    """`value` safe to echo in a message: invalid characters as `\\udxxx` escapes."""
    shown = value[:limit].encode("utf-8", "backslashreplace").decode("utf-8")
    return shown + ("…" if len(value) > limit else "")


def find_invalid_text(value: object, where: str = "") -> str | None:
    """The JSON path of the first string or key in `value` that is not valid Unicode."""
    for path, text in _strings(value, where):
        if not is_text(text):
            return path or "(the request)"
    return None


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    # Iterative: a hostile document may be nested deeper than Python's recursion limit.
    stack: list[tuple[object, str]] = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                name = f"{path}.{printable(str(key))}" if path else printable(str(key))
                if isinstance(key, str):
                    yield name, key
                stack.append((child, name))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in reversed(list(enumerate(item))))


def decode(data: str | bytes) -> Any:
    """Parse a request's JSON; InvalidText when the reason it is refused is bad text."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as refused:
        document = _lenient(data)
        where = find_invalid_text(document) if document is not _UNREADABLE else None
        if where is None:
            raise
        raise InvalidText(where, document) from refused


_UNREADABLE = object()


def _lenient(data: str | bytes) -> object:
    """What Python's json makes of `data`, bad text kept (to find it); only for diagnosis."""
    text = data.decode("utf-8", "surrogateescape") if isinstance(data, bytes) else data
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _UNREADABLE


def encode(data: object) -> bytes:
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        pass
    log.warning("response refused by orjson; encoding it on the slow path")
    try:
        return json.dumps(
            _encodable(data, 0), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")
    except (ValueError, TypeError, RecursionError):
        log.exception("response could not be encoded")
        return ENCODE_FAILED


def encode_text(data: object) -> str:
    """`encode` as str, for WebSocket text frames."""
    return encode(data).decode("utf-8")


def _encodable(value: object, depth: int) -> object:
    """A copy json can write as valid UTF-8 JSON: bad text replaced, NaN as null."""
    if depth > MAX_ENCODE_DEPTH:
        return None
    if isinstance(value, str):
        return value if is_text(value) else _replace_bad_text(value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {_key(k): _encodable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encodable(v, depth + 1) for v in value]
    try:  # what orjson knows natively (UUID, datetime, dataclasses, enums...)
        return orjson.loads(orjson.dumps(value))
    except orjson.JSONEncodeError:
        return _replace_bad_text(str(value))


def _key(key: object) -> str:
    text = key if isinstance(key, str) else str(key)
    return text if is_text(text) else _replace_bad_text(text)


def _replace_bad_text(value: str) -> str:
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
