"""Secrets out of what we log: redaction by key name, and text PostgreSQL can store."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

REDACTED = "[REDACTED]"
# Compared after lower-casing and dropping '_' and '-': apiKey, api_key, X-API-Key, ...
SENSITIVE_NAMES = frozenset(
    {
        "password",
        "newpassword",
        "currentpassword",
        "oldpassword",
        "passwordhash",
        "token",
        "accesstoken",
        "refreshtoken",
        "sessiontoken",
        "key",
        "apikey",
        "xapikey",
        "keyhash",
        "secret",
        "clientsecret",
        "authorization",
        "cookie",
    }
)
MAX_DEPTH = 32


@lru_cache(maxsize=4096)  # the same few names (variables, metadata keys) on every request
def is_sensitive(name: str) -> bool:
    return name.lower().replace("_", "").replace("-", "") in SENSITIVE_NAMES


def storable(text: str) -> str:
    """Without NUL (PostgreSQL text/jsonb refuse it) and lone surrogates (not UTF-8)."""
    if text.isascii() and "\x00" not in text:  # most text: nothing to check further
        return text
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def redact(value: Any, *, depth: int = 0) -> Any:
    """A copy with every value under a sensitive key replaced, and strings made storable."""
    if depth > MAX_DEPTH:
        return "[too deep]"
    if isinstance(value, dict):
        return {
            storable(str(k)): REDACTED if is_sensitive(str(k)) else redact(v, depth=depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v, depth=depth + 1) for v in value]
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return storable(str(value))
