"""What a root resolver hands the executor when one SQL statement may answer it.

The resolver checks its arguments and the caller's rights as before, then returns a
`CompiledRead` instead of records. The executor (schema/execution.py), which sees the
selection, asks `answer()`: the root field's finished result, read as JSON from
PostgreSQL, or None when the selection does not compile, and then the executor runs
`fallback` (the resolver's normal work) and completes its records as usual.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type
from graphql.execution.collect_fields import FieldDetailsList

from datasources.postgres.base import Page
from datasources.postgres.courses import CourseFilter
from datasources.postgres.documents import DocumentFilter
from datasources.postgres.json_reads import NodeEntity
from datasources.postgres.json_shapes import Shape
from resolvers import compiled as reads
from resolvers.context import Context
from resolvers.pagination import encode_cursor
from schema.compiled.selection import Collect, Unsupported, shape_for

_ENTITIES: dict[str, NodeEntity] = {"Course": "course", "Document": "document"}


@dataclass(frozen=True, slots=True)
class Objects:
    """Nodes by (type name, id), in order; `single`: the field returns one (or null)."""

    ids: tuple[tuple[str, UUID], ...]
    single: bool


@dataclass(frozen=True, slots=True)
class ListPage:
    """A page of `courses` (a CourseFilter) or `documents`, checked by the resolver."""

    where: CourseFilter | DocumentFilter
    order: str
    descending: bool
    page: Page


@dataclass(frozen=True, slots=True)
class CompiledRead:
    context: Context
    target: Objects | ListPage
    fallback: Callable[[], Awaitable[Any]]

    def answer(
        self,
        collect: Collect,
        schema: GraphQLSchema,
        return_type: Any,
        details: FieldDetailsList,
        *,
        reusable: bool = False,
    ) -> Awaitable[Any] | None:
        """`reusable`: the selection does not depend on the request's variables (no
        `@include`/`@skip` with a variable), so what it compiles to is remembered for
        the same field nodes (the parsed document is cached, its nodes are reused)."""
        ctx = self.context
        # A login's payload shows the signed-in user's private fields: not compiled.
        if not ctx.limits.compiled_reads or ctx.signed_in is not None:
            return None
        target = self.target
        if isinstance(target, Objects):
            types = tuple(sorted({t for t, _ in target.ids}))
            shapes = _PLANS.get(reusable, (return_type, types), details)
            if shapes is _UNKNOWN:
                try:
                    shapes = _object_shapes(collect, schema, target, details)
                except Unsupported:
                    shapes = None
                _PLANS.put(reusable, (return_type, types), details, shapes)
            return None if shapes is None else _objects(ctx, target, shapes)
        plan = _PLANS.get(reusable, return_type, details)
        if plan is _UNKNOWN:
            try:
                plan = _connection_plan(collect, get_named_type(return_type), details)
            except Unsupported:
                plan = None
            _PLANS.put(reusable, return_type, details, plan)
        return None if plan is None else _page(ctx, target, plan)


_UNKNOWN: Any = object()


class _Plans:
    """What a root field's selection compiled to (its shapes, or None: it does not
    compile), by (return type, what else it depends on) and the field nodes' identity.
    The nodes are kept in the entry and compared by identity, so a node's id reused
    after its document left the parser cache never finds another's plan."""

    MAX_ENTRIES = 1024

    def __init__(self) -> None:
        self._entries: dict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = {}

    def get(self, reusable: bool, key: Any, details: FieldDetailsList) -> Any:
        if not reusable:
            return _UNKNOWN
        nodes = tuple(d.node for d in details)
        entry = self._entries.get((key, *map(id, nodes)))
        if entry is None or any(a is not b for a, b in zip(entry[0], nodes, strict=True)):
            return _UNKNOWN
        return entry[1]

    def put(self, reusable: bool, key: Any, details: FieldDetailsList, plan: Any) -> None:
        if not reusable:
            return
        if len(self._entries) >= self.MAX_ENTRIES:
            self._entries.clear()
        nodes = tuple(d.node for d in details)
        self._entries[(key, *map(id, nodes))] = (nodes, plan)


_PLANS = _Plans()


def _object_shapes(
    collect: Collect, schema: GraphQLSchema, target: Objects, details: FieldDetailsList
) -> dict[str, Shape]:
    shapes: dict[str, Shape] = {}
    for type_name, _ in target.ids:
        if type_name not in shapes:
            object_type = schema.get_type(type_name)
            if type_name not in _ENTITIES or not isinstance(object_type, GraphQLObjectType):
                raise Unsupported(type_name)
            shapes[type_name] = shape_for(collect, object_type, details)
    return shapes


async def _objects(ctx: Context, target: Objects, shapes: dict[str, Shape]) -> Any:
    wanted = [
        (
            _ENTITIES[type_name],
            list(dict.fromkeys(i for t, i in target.ids if t == type_name)),
            shape,
        )
        for type_name, shape in shapes.items()
    ]
    found = await reads.objects(ctx, wanted)
    values = [found.get(i) for _, i in target.ids]
    return values[0] if target.single else values


# A connection's selection: response keys of the connection, its edges and page info.
@dataclass(frozen=True, slots=True)
class _Connection:
    keys: tuple[tuple[str, str, Any], ...]  # (key, kind, payload); kinds below
    shapes: tuple[Shape, ...]


def _connection_plan(collect: Collect, connection: Any, details: FieldDetailsList) -> _Connection:
    """`edges { cursor node }`, `nodes`, `pageInfo { hasNextPage endCursor }`, and
    __typename at each level; each distinct node selection becomes one JSON column."""
    shapes: list[Shape] = []

    def node_column(object_type: Any, field_details: FieldDetailsList) -> int:
        shapes.append(shape_for(collect, object_type, field_details))
        return len(shapes) - 1

    keys: list[tuple[str, str, Any]] = []
    for key, name, field_details, field_type in _fields(collect, connection, details):
        if name == "__typename":
            keys.append((key, "constant", connection.name))
        elif name == "nodes":
            keys.append((key, "nodes", node_column(field_type, field_details)))
        elif name == "edges":
            edge_keys: list[tuple[str, str, Any]] = []
            for k, n, d, t in _fields(collect, field_type, field_details):
                if n == "__typename":
                    edge_keys.append((k, "constant", field_type.name))
                elif n == "cursor":
                    edge_keys.append((k, "cursor", None))
                elif n == "node":
                    edge_keys.append((k, "node", node_column(t, d)))
                else:
                    raise Unsupported(n)
            keys.append((key, "edges", tuple(edge_keys)))
        elif name == "pageInfo":
            info_keys = []
            for k, n, _, _ in _fields(collect, field_type, field_details):
                if n not in ("__typename", "hasNextPage", "endCursor"):
                    raise Unsupported(n)
                info_keys.append((k, n, field_type.name))
            keys.append((key, "pageInfo", tuple(info_keys)))
        else:
            raise Unsupported(name)
    return _Connection(tuple(keys), tuple(shapes))


def _fields(
    collect: Collect, object_type: Any, details: FieldDetailsList
) -> list[tuple[str, str, FieldDetailsList, Any]]:
    """(response key, field name, details, named type) of a selection on `object_type`."""
    if not isinstance(object_type, GraphQLObjectType):
        raise Unsupported(str(object_type))
    collected = collect(object_type, details)
    if collected.new_defer_usages:
        raise Unsupported("@defer")
    out = []
    for key, field_details in collected.grouped_field_set.items():
        node = field_details[0].node
        name = node.name.value
        if node.arguments:
            raise Unsupported(name)
        field = object_type.fields.get(name)
        out.append((key, name, field_details, get_named_type(field.type) if field else None))
    return out


async def _page(ctx: Context, target: ListPage, plan: _Connection) -> Any:
    rows = await reads.page(
        ctx,
        target.where,
        order=target.order,
        descending=target.descending,
        window=target.page,
        shapes=plan.shapes,
    )
    first = target.page.first
    return _connection(plan, rows[:first], has_next=len(rows) > first)


def _connection(plan: _Connection, rows: Sequence[Any], *, has_next: bool) -> dict[str, Any]:
    """The connection's result from (sort value, id, JSON per shape) rows, cursors made
    by the same function as the normal path's (only where the selection shows them)."""
    out: dict[str, Any] = {}
    for key, kind, payload in plan.keys:
        if kind == "constant":
            out[key] = payload
        elif kind == "nodes":
            out[key] = [row[2 + payload] for row in rows]
        elif kind == "edges":
            out[key] = [_edge(payload, row) for row in rows]
        else:
            info: dict[str, Any] = {}
            for k, name, type_name in payload:
                if name == "hasNextPage":
                    info[k] = has_next
                elif name == "endCursor":
                    info[k] = encode_cursor(rows[-1][0], rows[-1][1]) if rows else None
                else:
                    info[k] = type_name
            out[key] = info
    return out


def _edge(keys: tuple[tuple[str, str, Any], ...], row: Any) -> dict[str, Any]:
    edge: dict[str, Any] = {}
    for key, kind, payload in keys:
        if kind == "constant":
            edge[key] = payload
        elif kind == "cursor":
            edge[key] = encode_cursor(row[0], row[1])
        else:
            edge[key] = row[2 + payload]
    return edge


def compiled(
    ctx: Context,
    target: Objects | ListPage,
    fallback: Callable[[], Awaitable[Any]],
) -> Any:
    """What a root resolver returns for the executor to answer (typed Any: the field's
    declared type is what the executor completes either way)."""
    return CompiledRead(ctx, target, fallback)
