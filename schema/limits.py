"""A query cost limit: every field costs 1, list fields multiply what is below them.

The multiplier of a list field is its `first`/`limit` argument (from a literal or
from the request's variables), and a fixed estimate for lists without one. It runs
just before execution, when the variables are known, so `first: $n` is priced at n.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

UNBOUNDED_LIST_ESTIMATE = 5
PAGE_ARGUMENTS = ("first", "limit")


class CostLimit(SchemaExtension):
    def __init__(self, *, max_cost: int, max_page_size: int) -> None:
        self.max_cost = max_cost
        self.max_page_size = max_page_size

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None:
            cost = _costs.cost(
                ctx.schema._schema,
                document,
                ctx.operation_name,
                ctx.variables or {},
                self.max_page_size,
            )
            if cost > self.max_cost:
                raise GraphQLError(
                    f"query cost {cost} exceeds the limit of {self.max_cost}; "
                    "ask for fewer items (`first`) or fewer nested lists",
                    extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": self.max_cost},
                )
        yield


class _CostCache:
    """Costs per parsed document (strawberry's ParserCache hands the same document object
    to every request with the same text): the walk runs once per document and operation,
    and again only for other values of the variables it read (`first: $n`)."""

    MAX_ENTRIES = 1024

    def __init__(self) -> None:
        # (id(document), operation, id(schema), max_page_size) -> (document kept alive
        # so its id is not reused, the variables the walk read, cost by their values)
        self._entries: dict[tuple[int, str | None, int, int], _Costs] = {}

    def cost(
        self,
        schema: GraphQLSchema,
        document: Any,
        operation_name: str | None,
        variables: dict[str, Any],
        max_page_size: int,
    ) -> int:
        key = (id(document), operation_name, id(schema), max_page_size)
        entry = self._entries.get(key)
        if entry is not None and entry.document is document:
            values = tuple(variables.get(name, _UNSET) for name in entry.read)
            if all(isinstance(v, int) or v is _UNSET for v in values):
                known = entry.costs.get(values)
                if known is None:
                    known = operation_cost(
                        schema, document.definitions, operation_name, variables, max_page_size
                    )
                    if len(entry.costs) < 64:
                        entry.costs[values] = known
                return known
        read: set[str] = set()
        cost = operation_cost(
            schema, document.definitions, operation_name, variables, max_page_size, read
        )
        if len(self._entries) >= self.MAX_ENTRIES:
            self._entries.clear()
        names = tuple(sorted(read))
        values = tuple(variables.get(name, _UNSET) for name in names)
        costs = {values: cost} if all(isinstance(v, int) or v is _UNSET for v in values) else {}
        self._entries[key] = _Costs(document, names, costs)
        return cost


@dataclass(slots=True)
class _Costs:
    document: Any
    read: tuple[str, ...]
    costs: dict[tuple[Any, ...], int]


_UNSET = object()
_costs = _CostCache()


def operation_cost(
    schema: GraphQLSchema,
    definitions: Any,
    operation_name: str | None,
    variables: dict[str, Any],
    max_page_size: int,
    read: set[str] | None = None,
) -> int:
    """`read`, when given, receives the names of the variables the cost depends on."""
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if not chosen:
        return 0
    operation = chosen[0]
    root = {
        "query": schema.query_type,
        "mutation": schema.mutation_type,
        "subscription": schema.subscription_type,
    }[operation.operation.value]
    walker = _Walker(schema, fragments, variables, max_page_size)
    cost = walker.cost(root, operation.selection_set, frozenset())
    if read is not None:
        read.update(walker.read)
    return cost


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        max_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.max_page_size = max_page_size
        self.read: set[str] = set()

    def multiplier(self, node: FieldNode, returns_list: bool) -> int:
        for argument in node.arguments or ():
            if argument.name.value in PAGE_ARGUMENTS:
                value: Any = None
                if isinstance(argument.value, IntValueNode):
                    value = int(argument.value.value)
                elif isinstance(argument.value, VariableNode):
                    self.read.add(argument.value.name.value)
                    value = self.variables.get(argument.value.name.value, self.max_page_size)
                if isinstance(value, int):
                    # Above the cap the resolver rejects `first` with a precise error.
                    return max(1, min(value, self.max_page_size))
        return UNBOUNDED_LIST_ESTIMATE if returns_list else 1

    def cost(
        self, parent: Any, selection_set: SelectionSetNode | None, seen: frozenset[str]
    ) -> int:
        if selection_set is None or parent is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                field_def = getattr(parent, "fields", {}).get(selection.name.value)
                if field_def is None:
                    total += 1
                    continue
                child = self.cost(get_named_type(field_def.type), selection.selection_set, seen)
                total += (1 + child) * self.multiplier(selection, _is_list(field_def.type))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.cost(target, selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue  # unknown or cyclic spreads are rejected by validation
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.cost(target, fragment.selection_set, seen | {name})
        return total
