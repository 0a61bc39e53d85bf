"""Whole operations answered by compiled reads, without graphql-core's execution.

An operation whose root fields are all compiled relational reads (schema/compiled:
`course`, `document`, `node`, `nodes`, `courses`, `documents`, plus `__typename`) ends
up, on the normal path, as the statements' JSON put under the root keys: graphql-core's
execution and strawberry's request machinery around it (seven extensions' hooks, the
execution context, the result objects) only carry it there. Here a plan is made once
per (query text, operation name) and each request runs just what decides the answer:

- the same parse (token limit) and validation rules as the schema's extensions, once
  per plan (a document with any error has no plan: the normal path reports it);
- the cost limit, with the request's variables (schema/limits.py, the same cache);
- graphql-core's own variable and argument coercion;
- the root resolvers themselves (their argument and rights checks), which return a
  `CompiledRead`, and its `answer` (authorization is in the SQL).

Anything it cannot prove it answers identically returns None and the caller runs the
normal pipeline from the start: a directive other than `@include`/`@skip` with literal
arguments, `@defer`, a root field that is not a compiled read, a selection that does
not compile, a resolver or statement error, a cost over the limit, bad variables,
mutations, subscriptions, introspection, schema extensions beyond the gateway's own
(tracing). Resolvers are side-effect free reads, so running one again costs only time —
except while a store fails: then the fallback waits out the store's deadline a second
time, so after a store error the process sends every request the normal way for
STORE_TROUBLE_SECONDS.
tests/integration/test_fast_reads.py compares both paths byte for byte over HTTP.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    parse,
    specified_rules,
    validate,
)
from graphql.execution.collect_fields import (
    FieldDetailsList,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.pyutils import Path
from strawberry.types.arguments import convert_arguments

from datasources.errors import UpstreamUnavailable
from resolvers.context import Context
from schema.compiled.read import CompiledRead
from schema.limits import _costs

# Root fields whose resolvers hand back a CompiledRead (schema/queries).
COMPILED_ROOTS = frozenset({"course", "document", "node", "nodes", "courses", "documents"})
# Without credentials `node`/`nodes` read through the resolvers at once (schema/queries/
# nodes.py), so the fast path would only do that work twice.
NEEDS_PRINCIPAL = frozenset({"node", "nodes"})
CONDITIONS = frozenset({"include", "skip"})
MAX_COERCION_ERRORS = 50  # graphql-core's default, as the normal path uses


@dataclass(frozen=True, slots=True)
class FastOptions:
    """What the schema's extensions enforce before execution (schema/root.py)."""

    max_tokens: int
    max_cost: int
    max_page_size: int
    rules: tuple[Any, ...]  # the validation rules besides graphql-core's specified ones


@dataclass(frozen=True, slots=True)
class _Root:
    key: str
    name: str
    details: FieldDetailsList
    definition: GraphQLField | None  # None: __typename
    function: Any  # the resolver's own function
    strawberry_field: Any
    info_name: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    key: tuple[str, str | None]  # (query text, operation name)
    document: DocumentNode  # kept alive: compiled reads remember plans by its nodes
    operation: OperationDefinitionNode
    operation_name: str | None
    fragments: dict[str, FragmentDetails]
    roots: tuple[_Root, ...]


# How long requests skip the fast path after a statement failed on its store.
STORE_TROUBLE_SECONDS = 5.0


class FastReads:
    MAX_PLANS = 512

    def __init__(self, strawberry_schema: Any, options: FastOptions) -> None:
        self.strawberry_schema = strawberry_schema
        self.schema: GraphQLSchema = strawberry_schema._schema
        self.options = options
        self._rules = (*specified_rules, *options.rules)
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()
        self._trouble_until = 0.0  # time.monotonic() until which the fast path stands aside
        config = strawberry_schema.config
        self._info_class = config.info_class
        self._convert = partial(
            convert_arguments,
            scalar_registry=strawberry_schema.schema_converter.scalar_registry,
            config=config,
        )

    def plan(self, query: str, operation_name: str | None) -> Plan | None:
        """The operation's plan, or None when the normal path must answer it (cached)."""
        key = (query, operation_name)
        plans = self._plans
        if key in plans:
            plans.move_to_end(key)
            return plans[key]
        try:
            plan = self._compile(query, operation_name)
        except GraphQLError:
            plan = None
        plans[key] = plan
        if len(plans) > self.MAX_PLANS:
            plans.popitem(last=False)
        return plan

    def _compile(self, query: str, operation_name: str | None) -> Plan | None:
        document = parse(query, max_tokens=self.options.max_tokens)
        if validate(self.schema, document, self._rules):
            return None
        operation = _operation(document, operation_name)
        if operation is None or operation.operation != OperationType.QUERY:
            return None
        fragments: dict[str, FragmentDetails] = {}
        for definition in document.definitions:
            if isinstance(definition, FragmentDefinitionNode):
                if definition.variable_definitions:
                    return None  # fragment arguments (experimental): not here
                fragments[definition.name.value] = FragmentDetails(definition, None)
        if operation.directives or not _plain(operation.selection_set, fragments, set()):
            return None
        query_type = self.schema.query_type
        assert query_type is not None
        # No directive takes a variable: the root fields are the same for every request.
        collected = collect_fields(
            self.schema, fragments, VariableValues({}, {}), query_type, operation
        )
        if collected.new_defer_usages or collected.forbidden_directive_instances:
            return None
        roots = []
        for response_key, details in collected.grouped_field_set.items():
            root = _root(query_type, response_key, details)
            if root is None:
                return None
            roots.append(root)
        return Plan(
            (query, operation_name), document, operation, operation_name, fragments, tuple(roots)
        )

    async def data(
        self, plan: Plan, raw_variables: Mapping[str, Any] | None, context: Context
    ) -> dict[str, Any] | None:
        """The operation's `data`, or None: the normal path must answer this request."""
        if self._trouble_until and time.monotonic() < self._trouble_until:
            return None
        inputs = dict(raw_variables or {})
        options = self.options
        cost = _costs.cost(
            self.schema, plan.document, plan.operation_name, inputs, options.max_page_size
        )
        if cost > options.max_cost:
            return None
        variables = get_variable_values(
            self.schema,
            plan.operation.variable_definitions or (),
            inputs,
            max_errors=MAX_COERCION_ERRORS,
        )
        if not isinstance(variables, VariableValues):
            return None
        if context.principal is None and any(r.name in NEEDS_PRINCIPAL for r in plan.roots):
            return None
        collect = partial(collect_subfields, self.schema, plan.fragments, variables, plan.operation)
        pending: list[tuple[str, Any]] = []
        try:
            for root in plan.roots:
                if root.definition is None:
                    pending.append((root.key, "Query"))
                    continue
                read = await self._resolve(plan, root, variables, context)
                answer = (
                    read.answer(
                        collect, self.schema, root.definition.type, root.details, reusable=True
                    )
                    if type(read) is CompiledRead
                    else None
                )
                if answer is None:
                    _discard(pending)
                    self._declined(plan, root, context)
                    return None
                pending.append((root.key, answer))
            return await _settled(pending)
        except UpstreamUnavailable:
            _discard(pending)  # closing a statement that already ran does nothing
            self._trouble_until = time.monotonic() + STORE_TROUBLE_SECONDS
            return None
        except Exception:  # any error: the normal path reports it
            _discard(pending)
            return None

    def _declined(self, plan: Plan, root: _Root, context: Context) -> None:
        """A selection of one type that does not compile never will (a Neo4j edge, say):
        the plan is dropped, so its requests go straight to strawberry, not through
        the resolver twice. `node`/`nodes` compile or not by the ids' types."""
        if root.name not in NEEDS_PRINCIPAL and context.signed_in is None:
            self._plans[plan.key] = None

    async def _resolve(
        self, plan: Plan, root: _Root, variables: VariableValues, context: Context
    ) -> Any:
        definition = root.definition
        assert definition is not None
        nodes = [d.node for d in root.details]
        kwargs = self._convert(
            get_argument_values(definition, nodes[0], variables),
            root.strawberry_field.arguments,
        )
        if root.info_name is not None:
            raw = GraphQLResolveInfo(
                root.name,
                nodes,
                definition.type,
                self.schema.query_type,  # type: ignore[arg-type]
                Path(None, root.key, "Query"),
                self.schema,
                plan.fragments,  # type: ignore[arg-type]
                None,
                plan.operation,
                variables,
                context,
                asyncio.iscoroutine,  # type: ignore[arg-type]
                None,  # type: ignore[arg-type]
                None,  # type: ignore[arg-type]
            )
            kwargs[root.info_name] = self._info_class(_raw_info=raw, _field=root.strawberry_field)
        return await root.function(None, **kwargs)


def _discard(pending: Sequence[tuple[str, Any]]) -> None:
    """Close the statements' coroutines never started (a later root field declined)."""
    for _, value in pending:
        if asyncio.iscoroutine(value):
            value.close()


async def _settled(pending: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """The root keys in order with their answers; statements run concurrently, as
    graphql-core runs a query's root fields."""
    waits = [value for _, value in pending if not isinstance(value, str)]
    if len(waits) == 1:
        done = [await waits[0]]
    else:
        # Every statement settles before an error is raised: none is left running.
        done = list(await asyncio.gather(*waits, return_exceptions=True))
        failed = next((d for d in done if isinstance(d, BaseException)), None)
        if failed is not None:
            raise failed
    out: dict[str, Any] = {}
    for key, value in pending:
        out[key] = value if isinstance(value, str) else done.pop(0)
    return out


def _root(query_type: GraphQLObjectType, key: str, details: FieldDetailsList) -> _Root | None:
    name = details[0].node.name.value
    if name == "__typename":
        return _Root(key, name, details, None, None, None, None)
    definition = query_type.fields.get(name)
    if name not in COMPILED_ROOTS or definition is None:
        return None
    strawberry_field = definition.extensions.get("strawberry-definition")
    resolver = getattr(strawberry_field, "base_resolver", None)
    # Only a bare async resolver: field extensions or permissions would wrap it.
    if (
        resolver is None
        or strawberry_field.extensions
        or not resolver.is_async
        or resolver.self_parameter is None
        or resolver.parent_parameter is not None
        or resolver.root_parameter is not None
    ):
        return None
    info = resolver.info_parameter
    return _Root(
        key,
        name,
        details,
        definition,
        resolver.wrapped_func,
        strawberry_field,
        info.name if info else None,
    )


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    """The operation graphql-core would run (None where it would report an error)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def _plain(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDetails],
    seen: set[str],
) -> bool:
    """Only `@include`/`@skip` with literal arguments anywhere in the selection."""
    for selection in selection_set.selections if selection_set else ():
        for directive in selection.directives or ():
            if directive.name.value not in CONDITIONS or any(
                isinstance(a.value, VariableNode) for a in directive.arguments or ()
            ):
                return False
        nested: SelectionSetNode | None
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                continue
            seen.add(name)
            nested = fragments[name].definition.selection_set
        else:  # a field or an inline fragment
            nested = getattr(selection, "selection_set", None)
        if not _plain(nested, fragments, seen):
            return False
    return True
