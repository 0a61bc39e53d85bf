"""Opaque keyset cursors and `first` validation shared by every list field."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson

from datasources.postgres.base import Page
from resolvers.errors import bad_input

# Sort keys whose cursor value is a time (the others are text: a title, a filename, an id).
TIME_ORDERS = frozenset({"created_at", "updated_at"})


def encode_cursor(sort_value: Any, row_id: UUID) -> str:
    if isinstance(sort_value, datetime):
        value = sort_value.isoformat()
    elif isinstance(sort_value, UUID):
        value = str(sort_value)  # asyncpg's UUID subclass is not one orjson writes
    else:
        value = sort_value
    raw = orjson.dumps([value, str(row_id)])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, sort_is_time: bool) -> tuple[Any, UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, raw_id = orjson.loads(base64.urlsafe_b64decode(padded.encode()))
        row_id = UUID(raw_id)
        if sort_is_time:
            value = datetime.fromisoformat(value)
        elif not isinstance(value, str | int | float):
            raise ValueError("bad sort value")
        return value, row_id
    except (ValueError, TypeError, orjson.JSONDecodeError, UnicodeError):
        raise bad_input("`after` is not a cursor this server issued", field="after") from None


def page(first: int, after: str | None, *, max_page_size: int, sort_is_time: bool) -> Page:
    if first < 1 or first > max_page_size:
        raise bad_input(f"`first` must be between 1 and {max_page_size}", field="first")
    decoded = decode_cursor(after, sort_is_time=sort_is_time) if after else None
    return Page(first=first, after=decoded)
