"""A GraphQL selection over relational types as a JSON shape (json_shapes.Shape).

Only what lives in PostgreSQL and is written by plain column reads compiles: the
fields in the tables below. Anything else (a graph or vector edge, a field with
arguments, typed JSON the schema parses, @defer) raises `Unsupported`, and the root
field is answered by the normal executor instead. Fragments, aliases, @include/@skip
and variables are graphql-core's own field collection (the executor's
`collect_subfields`), so they mean exactly what they mean elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from graphql import GraphQLObjectType, get_named_type
from graphql.execution.collect_fields import CollectedFields, FieldDetailsList

from datasources.postgres.json_shapes import Constant, Edge, EdgeName, Entity, Scalar, Shape
from schema.common import CourseStatus, Difficulty, DocumentStatus, UsageType

Collect = Callable[[GraphQLObjectType, FieldDetailsList], CollectedFields]
# An edge field: the edge and the GraphQL type it leads to (None: a plain count).
EdgeSpec = tuple[EdgeName, str | None]


class Unsupported(Exception):
    """The selection needs the normal executor."""


def _enum(enum: type[Enum]) -> tuple[tuple[str, str], ...]:
    return tuple((member.value, member.name) for member in enum)


def _id(type_name: str) -> Scalar:
    return Scalar("id", "global_id", type_name=type_name)


COURSE: dict[str, Scalar | EdgeSpec] = {
    "id": _id("Course"),
    "title": Scalar("title"),
    "description": Scalar("description"),
    "targetAudience": Scalar("target_audience"),
    "difficultyLevel": Scalar("difficulty_level", "enum", enum=_enum(Difficulty)),
    "durationWeeks": Scalar("duration_weeks"),
    "hoursPerWeek": Scalar("hours_per_week"),
    "language": Scalar("language"),
    "status": Scalar("status", "enum", enum=_enum(CourseStatus)),
    "metadata": Scalar("metadata"),
    "publishedAt": Scalar("published_at", "time"),
    "createdAt": Scalar("created_at", "time"),
    "updatedAt": Scalar("updated_at", "time"),
    "author": ("course.author", "User"),
    "documents": ("course.documents", "CourseDocument"),
    "documentCount": ("course.documentCount", None),
}
DOCUMENT: dict[str, Scalar | EdgeSpec] = {
    "id": _id("Document"),
    "filename": Scalar("filename"),
    "title": Scalar("metadata", "document_title"),
    "originalFilename": Scalar("original_filename"),
    # BIGINT in the table; uploads are far below GraphQL's 32-bit Int.
    "fileSize": Scalar("file_size"),
    "mimeType": Scalar("mime_type"),
    "status": Scalar("status", "enum", enum=_enum(DocumentStatus)),
    "language": Scalar("language"),
    "pageCount": Scalar("page_count"),
    "wordCount": Scalar("word_count"),
    "processingStartedAt": Scalar("processing_started_at", "time"),
    "processingCompletedAt": Scalar("processing_completed_at", "time"),
    "processingError": Scalar("processing_error"),
    "metadata": Scalar("metadata"),
    "createdAt": Scalar("created_at", "time"),
    "updatedAt": Scalar("updated_at", "time"),
    "owner": ("document.owner", "User"),
    "courses": ("document.courses", "DocumentCourse"),
}
USER: dict[str, Scalar | EdgeSpec] = {
    "id": _id("User"),
    "username": Scalar("username"),
    "fullName": Scalar("full_name"),
    # schema/user.py: only for the user themself and admins, null otherwise.
    "email": Scalar("email", private=True),
    "role": Scalar("role", private=True),
    "isActive": Scalar("is_active", private=True),
    "isVerified": Scalar("is_verified", private=True),
    "lastLogin": Scalar("last_login", "time", private=True),
    "createdAt": Scalar("created_at", "time", private=True),
}
_LINK = {
    "relevanceScore": Scalar("relevance_score", "decimal"),
    "usageType": Scalar("usage_type", "enum", enum=_enum(UsageType)),
}
TYPES: dict[str, tuple[Entity, dict[str, Scalar | EdgeSpec]]] = {
    "Course": ("course", COURSE),
    "Document": ("document", DOCUMENT),
    "User": ("user", USER),
    "CourseDocument": ("link", {**_LINK, "document": ("link.document", "Document")}),
    "DocumentCourse": ("link", {**_LINK, "course": ("link.course", "Course")}),
}


def shape_for(collect: Collect, object_type: GraphQLObjectType, details: FieldDetailsList) -> Shape:
    """The shape of `details`' selection on an object of `object_type`."""
    known = TYPES.get(object_type.name)
    if known is None:
        raise Unsupported(object_type.name)
    entity, spec = known
    collected = collect(object_type, details)
    if collected.new_defer_usages:
        raise Unsupported("@defer")
    fields: list[tuple[str, Scalar | Constant | Edge]] = []
    for key, field_details in collected.grouped_field_set.items():
        name = field_details[0].node.name.value
        if name == "__typename":
            fields.append((key, Constant(object_type.name)))
            continue
        item = spec.get(name)
        if item is None or any(d.node.arguments for d in field_details):
            raise Unsupported(f"{object_type.name}.{name}")
        if isinstance(item, Scalar):
            fields.append((key, item))
            continue
        edge, target = item
        if target is None:
            fields.append((key, Edge(edge)))
            continue
        target_type: Any = get_named_type(object_type.fields[name].type)
        if not isinstance(target_type, GraphQLObjectType) or target_type.name != target:
            raise Unsupported(f"{object_type.name}.{name}")
        fields.append((key, Edge(edge, shape_for(collect, target_type, field_details))))
    try:
        return Shape(entity, tuple(fields))
    except ValueError as exc:  # more keys than one json_build_object takes
        raise Unsupported(str(exc)) from None
