"""Checks on free text from clients: length, control characters, bidi overrides."""

from __future__ import annotations

import unicodedata

from resolvers.errors import bad_input

# Bidirectional overrides/isolates can make text display differently from what it is
# (the "Trojan Source" trick); no legitimate title or name needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(
    value: str | None,
    *,
    field: str,
    max_length: int,
    required: bool = False,
    multiline: bool = False,
) -> str | None:
    """NFC-normalised, trimmed text, or BAD_USER_INPUT naming `field` and the problem."""
    if value is None:
        if required:
            raise bad_input(f"`{field}` is required", field=field)
        return None
    if not value.isascii() and any(unicodedata.category(ch) == "Cs" for ch in value):
        # A lone surrogate (from "\ud800" in a variable or an in-process call) is no
        # text PostgreSQL or any client can store: refused, not a driver's error.
        raise bad_input(f"`{field}` is not valid Unicode text (a lone surrogate)", field=field)
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise bad_input(f"`{field}` must not be empty", field=field)
    if len(text) > max_length:
        raise bad_input(f"`{field}` is limited to {max_length} characters", field=field)
    allowed = {"\n", "\t", "\r"} if multiline else set()
    for ch in text:
        if ch in BIDI_CONTROLS:
            raise bad_input(f"`{field}` contains a bidirectional control character", field=field)
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            raise bad_input(
                f"`{field}` contains a control character (U+{ord(ch):04X})", field=field
            )
    return text


def clean_tags(values: list[str] | None, *, field: str = "tags") -> tuple[str, ...]:
    if not values:
        return ()
    if len(values) > 50:
        raise bad_input(f"`{field}` takes at most 50 entries", field=field)
    cleaned = [clean_text(v, field=field, max_length=100, required=True) for v in values]
    return tuple(dict.fromkeys(t for t in cleaned if t))


def check_unit_interval(value: float, *, field: str) -> float:
    if not 0.0 <= value <= 1.0 or value != value:  # value != value rejects NaN
        raise bad_input(f"`{field}` must be between 0 and 1", field=field)
    return value
