"""Shared schema pieces: the Node interface, page info, enums."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=Enum)


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


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


def enum_or_none(enum: type[E], value: str | None) -> E | None:
    """Stored strings outside the enum read as null rather than failing the response."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        return None
