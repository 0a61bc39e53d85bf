"""Shared schema pieces: the Node interface, page info, enums."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

import strawberry

from resolvers.context import Context

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


def node_for(ctx: Context, cls: type[T], record: Any) -> T:
    """The request's one `cls` object for the node `record` describes.

    In a nested answer the same node is reached over and over: a prerequisite shared by
    many concepts, the document behind many sources, the owner of many documents. Built
    once, it is also completed once: schema/execution.py reuses the finished result for
    a node object it has already completed with the same selection. A record that no
    longer equals the one seen (the node changed during the request, as in a mutation)
    gets a new object.
    """
    key = (cls, record.id)
    seen = ctx.nodes.get(key)
    if seen is not None and (seen[0] is record or seen[0] == record):
        return seen[1]  # type: ignore[no-any-return]
    built: T = cls.from_record(record)  # type: ignore[attr-defined]
    ctx.nodes[key] = (record, built)
    return built


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None

    @classmethod
    def of(cls, has_next_page: bool, cursors: list[str]) -> PageInfo:
        """The page info of a page whose edges have `cursors`."""
        return cls(has_next_page=has_next_page, end_cursor=cursors[-1] if cursors else None)


@strawberry.enum
class DocumentStatus(Enum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


@strawberry.enum
class CourseStatus(Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


@strawberry.enum
class TaskStatus(Enum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


@strawberry.enum
class TaskType(Enum):
    DOCUMENT_PROCESSING = "document_processing"
    COURSE_GENERATION = "course_generation"
    EXPORT = "export"


@strawberry.enum
class Difficulty(Enum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


@strawberry.enum
class BloomLevel(Enum):
    REMEMBER = "remember"
    UNDERSTAND = "understand"
    APPLY = "apply"
    ANALYZE = "analyze"
    EVALUATE = "evaluate"
    CREATE = "create"


@strawberry.enum
class ExportFormat(Enum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MARKDOWN = "markdown"


@strawberry.enum
class ExtractionType(Enum):
    CONCEPT = "concept"
    DEFINITION = "definition"
    EXAMPLE = "example"
    FORMULA = "formula"


@strawberry.enum
class UsageType(Enum):
    PRIMARY = "primary"
    REFERENCE = "reference"
    SUPPLEMENTARY = "supplementary"


_MEMBERS: dict[type[Enum], dict[Any, Any]] = {}


def enum_or_none(enum: type[E], value: str | None) -> E | None:
    """Stored strings outside the enum read as null rather than failing the response."""
    if value is None:
        return None
    # A dict per enum: `enum(value)` goes through EnumMeta.__call__, ~1 µs a value.
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {m.value: m for m in enum}
    try:
        return members.get(value)  # type: ignore[return-value]
    except TypeError:  # an unhashable stored value is outside the enum too
        return None
