"""Relay's `node` and `nodes`: any object by its global id, with the caller's rights."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any
from uuid import UUID

import strawberry
from graphql import GraphQLError

from resolvers import concepts as concept_resolvers
from resolvers import courses as course_resolvers
from resolvers import documents as document_resolvers
from resolvers import objectives as objective_resolvers
from resolvers import users as user_resolvers
from resolvers.auth import require_principal
from resolvers.context import Context, Info
from resolvers.errors import bad_input
from resolvers.ids import from_global_id
from resolvers.prefetch import prefetch
from schema.common import Node
from schema.compiled.read import Objects, compiled
from schema.concept import Concept
from schema.course import Course
from schema.document import Document
from schema.objective import LearningObjective
from schema.task import Export, GenerationTask
from schema.user import User

MAX_NODES = 100

# What an API key needs to read a node of each type (a session may read them all).
NODE_PERMISSIONS = {
    "Course": "courses:read",
    "LearningObjective": "courses:read",
    "Document": "documents:read",
    "Concept": "concepts:read",
    "GenerationTask": "tasks:read",
    "Export": "exports:read",
}


# Node types a compiled read answers (schema/compiled) when the selection allows.
COMPILED_NODES = frozenset({"Course", "Document"})

# Node types whose edges the prefetch walk knows: loaded, then walked like a root field.
_WALKED_NODES: dict[str, tuple[Callable[[Any, UUID], Awaitable[Any]], type]] = {
    "Course": (course_resolvers.course, Course),
    "Document": (document_resolvers.document, Document),
    "Concept": (concept_resolvers.concept, Concept),
}


async def _node(info: Info, global_id: str) -> Node | None:
    """Resolve any global id; objects the caller may not read are null, like missing ones."""
    ctx = info.context
    require_principal(ctx)
    type_name, raw = from_global_id(global_id)
    require_principal(ctx, NODE_PERMISSIONS.get(type_name))
    if type_name in _WALKED_NODES:
        load_node, node_type = _WALKED_NODES[type_name]
        found: Any = await load_node(ctx, raw)
        if found is None:
            return None
        await prefetch(info, type_name, [found])
        return node_type.from_record(found)  # type: ignore[attr-defined, no-any-return]
    if type_name == "User":
        found = await user_resolvers.user(ctx, raw)
        return User.from_record(found) if found else None
    if type_name == "GenerationTask":
        found = await user_resolvers.task(ctx, raw)
        return GenerationTask.from_record(found) if found else None
    if type_name == "Export":
        found = await user_resolvers.export(ctx, raw)
        return Export.from_record(found) if found else None
    if type_name == "LearningObjective":
        found = await objective_resolvers.objective(ctx, raw)
        return LearningObjective.from_record(found) if found else None
    return None


def _compilable(ctx: Context, ids: list[strawberry.ID]) -> tuple[tuple[str, UUID], ...] | None:
    """(type, id) of each id when all are courses or documents the caller's credentials
    cover; else None, and the resolvers answer (and report bad ids) as before."""
    principal = ctx.principal
    if principal is None:
        return None
    out = []
    for global_id in ids:
        try:
            type_name, raw = from_global_id(global_id)
        except GraphQLError:
            return None
        if type_name not in COMPILED_NODES or not principal.allows(NODE_PERMISSIONS[type_name]):
            return None
        out.append((type_name, raw))
    return tuple(out)


@strawberry.type
class NodeQueries:
    @strawberry.field
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = _compilable(info.context, [id])
        if found is None:
            return await _node(info, id)
        return compiled(info.context, Objects(found, single=True), partial(_node, info, id))

    @strawberry.field
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise bad_input(f"at most {MAX_NODES} ids", field="ids")

        async def each() -> list[Node | None]:
            return list(await asyncio.gather(*(_node(info, i) for i in ids)))

        found = _compilable(info.context, ids)
        if found is None:
            return await each()
        return compiled(info.context, Objects(found, single=False), each)
