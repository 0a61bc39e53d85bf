"""Relay global ids: base64url of "Type:uuid"; bad ids get one clear error."""

from __future__ import annotations

import base64
from functools import lru_cache
from uuid import UUID

from resolvers.errors import bad_input

NODE_TYPES = frozenset(
    {
        "User",
        "Document",
        "Course",
        "Concept",
        "LearningObjective",
        "KnowledgeExtraction",
        "GenerationTask",
        "Export",
        "ApiKey",
        "DocumentChunk",
        "QuestionAnswer",
    }
)


@lru_cache(maxsize=65_536)
def to_global_id(type_name: str, raw_id: UUID) -> str:
    # Cached: a nested answer encodes the same few thousand ids over and over, and an id
    # never changes (formatting a UUID and base64 cost ~3 µs; a cache hit ~0.1 µs).
    return base64.urlsafe_b64encode(f"{type_name}:{raw_id}".encode()).decode().rstrip("=")


def from_global_id(global_id: str, *, expect: str | None = None) -> tuple[str, UUID]:
    """Decode a global id; a raw UUID is accepted too when `expect` names the type."""
    if expect is not None:
        try:
            return expect, UUID(global_id)
        except ValueError:
            pass
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, raw = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        parsed = UUID(raw)
    except (ValueError, UnicodeError):
        raise bad_input(f"{global_id[:80]!r} is not a valid id", field="id") from None
    if type_name not in NODE_TYPES or (expect is not None and type_name != expect):
        wanted = expect or "a known type"
        raise bad_input(f"id does not name {wanted}", field="id")
    return type_name, parsed


def raw_id(global_id: str, type_name: str) -> UUID:
    """The UUID in a global id (or a raw UUID) that must name a `type_name`."""
    return from_global_id(global_id, expect=type_name)[1]
