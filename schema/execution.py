"""graphql-core execution with two fast paths, each falling back to graphql-core.

graphql-core runs its general machinery for every field of an answer: a resolve-info
tuple, a path, the resolver call through strawberry's wrapper, awaitable checks, type
dispatch. In a big nested answer that is most of the gateway's time (BENCHMARKS.md).

1. A settled subtree. Root fields that prefetch (resolvers/prefetch.py) return a value
   whose whole subtree is already in the request's loaders. `complete_value` of a root
   field first tries to complete that subtree in one tight recursive pass. The pass
   only takes the plain road: objects of the declared type, scalars the type accepts,
   resolvers that return values. At the first thing it does not handle (an awaitable,
   an error, a null in a non-null field, an interface or union, @defer) it gives up
   the whole subtree, discarding what it built, and graphql-core completes the field
   from the start, reporting errors and nulls itself. Resolvers are side-effect free
   reads (their loaders cache), so a second run costs no extra round trip.
   The pass decides how to complete each (type, selection) once per request (a
   completer: non-null, list, leaf or object), not once per value, and builds
   graphql-core's Path only for a field whose resolver it calls; elsewhere a path is
   a plain (prev, key, typename) tuple, which most values never need.
   A node object (a type implementing Node) is completed once per selection: the
   request builds one object per node (schema/common.node_for), and a node reached
   again with the same field nodes gets the result built the first time. The answer
   is the same either way; in a big nested answer most nodes are repeats. (So a
   resolver on a Node type must not depend on where the node sits, its info.path;
   none of the gateway's does.)
2. Plain scalar fields. Elsewhere, a scalar read by strawberry's bare getattr is read
   and serialized directly; everything else goes through graphql-core unchanged.

Subscription events are answered once for every subscriber that asked the same
(schema/shared_events.py): `build_per_event_executor` hands back the known answer.

tests/unit/test_execution.py runs the same queries through both executors and requires
identical answers, errors and key order.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    VariableNode,
    get_argument_values,
    get_named_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.arguments import convert_arguments

from schema.compiled.read import CompiledRead
from schema.shared_events import ANSWERS, Answered

_MISSING = object()
_LEAF_TYPES = (GraphQLScalarType, GraphQLEnumType)
_SEQUENCES = (list, tuple)

# Completes one value of a settled subtree: (value, path) -> its result.
_Complete = Callable[[Any, Any], Any]


class _NotSettled(Exception):
    """The subtree needs graphql-core: an awaitable, an error, or a case not handled."""


@dataclass(frozen=True, slots=True)
class _Field:
    """How to complete one response key of a selection, worked out once per request."""

    key: str
    details: FieldDetailsList
    definition: GraphQLField | None  # None: __typename
    attribute: str | None  # set when strawberry resolves it with a bare getattr
    nodes: list[FieldNode]
    leaf: Callable[[Any], Any] | None  # the scalar's coerce_output_value
    non_null: bool


# id(operation node) -> (the node, kept alive so its id is not reused; the answer)
_FIXED: dict[int, tuple[OperationDefinitionNode, bool]] = {}


def _fixed_selection(operation: OperationDefinitionNode, fragments: dict[str, Any]) -> bool:
    """No directive in the operation's selections (or its fragments) takes a variable:
    which fields are selected is the same for every request of this document."""
    known = _FIXED.get(id(operation))
    if known is not None and known[0] is operation:
        return known[1]
    fixed = _without_variable_directives(operation.selection_set, fragments, set())
    if len(_FIXED) >= 1024:
        _FIXED.clear()
    _FIXED[id(operation)] = (operation, fixed)
    return fixed


def _without_variable_directives(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, Any],
    seen: set[str],
) -> bool:
    for selection in selection_set.selections if selection_set else ():
        for directive in selection.directives or ():
            if any(isinstance(a.value, VariableNode) for a in directive.arguments or ()):
                return False
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if name in seen or fragment is None:
                continue
            seen.add(name)
            # graphql-core's FragmentDetails (its definition), or the definition itself
            definition: FragmentDefinitionNode = getattr(fragment, "definition", fragment)
            nested = definition.selection_set
        else:
            nested = selection.selection_set  # type: ignore[attr-defined]
        if not _without_variable_directives(nested, fragments, seen):
            return False
    return True


class GatewayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # id(grouped field set) -> (the set, kept alive so its id is not reused; plan).
        # graphql-core memoizes grouped field sets per request, so ids are stable.
        self._plans: dict[int, tuple[GroupedFieldSet, list[_Field]]] = {}
        self._arguments: dict[int, tuple[FieldDetailsList, dict[str, Any]]] = {}
        # id(details) -> (details, how to call its resolver directly, or None).
        self._direct: dict[int, Any] = {}
        self._info_class: Any = None
        # (id(node object), id(details)) -> (the object, kept alive so its id is not
        # reused; its completed result). Only objects of Node types, which repeat.
        self._completed: dict[tuple[int, int], tuple[Any, dict[str, Any]]] = {}
        self._is_node: dict[GraphQLObjectType, bool] = {}
        self._object_plans: dict[
            tuple[GraphQLObjectType, int],
            tuple[FieldDetailsList, list[tuple[_Field, _Complete | None]]],
        ] = {}
        # (id(type), id(details)) -> (the type, the details, kept alive; its completer).
        self._completers: dict[tuple[int, int], tuple[Any, FieldDetailsList, _Complete]] = {}
        # Extensions with a `resolve` hook wrap every resolver; then only graphql-core
        # calls resolvers (strawberry always passes a manager, often an empty one).
        manager = self.middleware_manager
        self._has_middleware = manager is not None and bool(manager.middlewares)
        self._shared: Hashable | None = None  # a per-event executor's shared question

    # 0. subscription events answered once for all subscribers (schema/shared_events.py)

    def build_per_event_executor(self, payload: Any) -> Any:
        # An extension with a `resolve` hook (it wraps every resolver) sees each execution.
        key = None
        if not self._has_middleware:
            key = ANSWERS.key(payload, self.schema, self.operation, self.variable_values)
            answer = ANSWERS.get(key) if key is not None else None
            if answer is not None:
                return Answered(answer)
        executor = super().build_per_event_executor(payload)
        executor._shared = key
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        result = super().execute_operation(serially)
        key = self._shared
        if key is not None and not self.is_awaitable(result) and not result.errors:
            ANSWERS.put(key, self.schema, self.operation, result)
        return result

    # 1. settled subtrees

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        if type(result) is CompiledRead:
            return self._compiled(
                return_type, field_details_list, info, path, result, position_context
            )
        if path.prev is None and not self._has_middleware:
            try:
                return self._settled(return_type, field_details_list, path, result)
            except _NotSettled:
                pass
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _compiled(
        self,
        return_type: GraphQLOutputType,
        details: FieldDetailsList,
        info: Any,
        path: Path,
        read: CompiledRead,
        position_context: Any,
    ) -> Any:
        """A root field one SQL statement may answer (schema/compiled): its JSON is the
        completed result. Extensions that wrap every resolver would miss the nested
        ones, so with them (and for selections that do not compile) the resolver's
        normal work runs and is completed as usual."""
        if not self._has_middleware:
            answer = read.answer(
                self.collect_subfields,
                self.schema,
                return_type,
                details,
                reusable=_fixed_selection(self.operation, self.fragments),
            )
            if answer is not None:
                return answer
        return self._completed_later(
            return_type, details, info, path, read.fallback(), position_context
        )

    async def _completed_later(
        self,
        return_type: GraphQLOutputType,
        details: FieldDetailsList,
        info: Any,
        path: Path,
        pending: Any,
        position_context: Any,
    ) -> Any:
        value = await pending
        completed = self.complete_value(return_type, details, info, path, value, position_context)
        if self.is_awaitable(completed):
            completed = await completed
        return completed

    def _settled(
        self, return_type: GraphQLOutputType, details: FieldDetailsList, path: Any, value: Any
    ) -> Any:
        return self._completer(return_type, details)(value, path)

    def _completer(self, return_type: GraphQLOutputType, details: FieldDetailsList) -> _Complete:
        """How to complete a value of `return_type` for `details`, worked out once.

        The type dispatch (non-null, list, leaf, object) happens here, not per value.
        """
        key = (id(return_type), id(details))
        cached = self._completers.get(key)
        if cached is None:
            # The type and details are kept with it so that their ids are not reused.
            cached = (return_type, details, self._build_completer(return_type, details))
            self._completers[key] = cached
        return cached[2]

    def _build_completer(
        self, return_type: GraphQLOutputType, details: FieldDetailsList
    ) -> _Complete:
        non_null = isinstance(return_type, GraphQLNonNull)
        named: Any = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        if isinstance(named, GraphQLList):
            item = self._completer(named.of_type, details)

            def complete_list(value: Any, path: Any) -> Any:
                if value is None:
                    return _null(non_null)
                if not isinstance(value, _SEQUENCES):
                    raise _NotSettled
                # A path is a plain (prev, key, typename) tuple until a resolver needs
                # a real one (_as_path): most items never call a resolver.
                return [item(v, (path, i, None)) for i, v in enumerate(value)]

            return complete_list
        if isinstance(named, _LEAF_TYPES):
            coerce = named.coerce_output_value

            def complete_leaf(value: Any, path: Any) -> Any:
                if value is None:
                    return _null(non_null)
                return _coerced(coerce, value)

            return complete_leaf
        if isinstance(named, GraphQLObjectType):
            settle_object = self._settled_object

            def complete_object(value: Any, path: Any) -> Any:
                if value is None:
                    return _null(non_null)
                return settle_object(named, details, path, value)

            return complete_object

        def complete_abstract(value: Any, path: Any) -> Any:
            if value is None and not non_null:
                return None
            raise _NotSettled  # interfaces and unions: graphql-core resolves the type

        return complete_abstract

    def _settled_object(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, path: Any, value: Any
    ) -> dict[str, Any]:
        is_node = self._is_node.get(object_type)
        if is_node is None:
            is_node = any(i.name == "Node" for i in object_type.interfaces)
            self._is_node[object_type] = is_node
        if is_node:
            # Checked before is_type_of: a completed object passed it for these details,
            # whose field has one declared type.
            done = self._completed.get((id(value), id(details)))
            if done is not None and done[0] is value:
                return done[1]
        # strawberry's is_type_of (isinstance and type casts) does not read the info.
        is_type_of: Any = object_type.is_type_of
        if is_type_of is not None and is_type_of(value, None) is not True:
            raise _NotSettled
        cached = self._object_plans.get((object_type, id(details)))
        plan = cached[1] if cached is not None else self._object_plan(object_type, details)
        type_name = object_type.name
        out: dict[str, Any] = {}
        for field, complete in plan:
            if complete is None:
                out[field.key] = type_name  # __typename
                continue
            if field.attribute is not None:
                result = getattr(value, field.attribute, _MISSING)
                if result is _MISSING:
                    raise _NotSettled
                leaf = field.leaf
                if leaf is not None:
                    if result is None:
                        if field.non_null:
                            raise _NotSettled
                        out[field.key] = None
                        continue
                    out[field.key] = _coerced(leaf, result)
                    continue
                out[field.key] = complete(result, (path, field.key, type_name))
                continue
            field_path = Path(_as_path(path), field.key, type_name)
            info = self.build_resolve_info(
                field.definition,  # type: ignore[arg-type]
                field.nodes,
                object_type,
                field_path,
            )
            try:
                result = self._resolve(field, value, info)
            except Exception:
                raise _NotSettled from None
            if self.is_awaitable(result):
                if inspect.iscoroutine(result):
                    result.close()  # never started: nothing to clean up
                raise _NotSettled
            out[field.key] = complete(result, field_path)
        if is_node:
            # The details list is kept alive by _object_plans, so its id stays unique too.
            self._completed[(id(value), id(details))] = (value, out)
        return out

    def _object_plan(
        self, object_type: GraphQLObjectType, details: FieldDetailsList
    ) -> list[tuple[_Field, _Complete | None]]:
        collected = self.collect_subfields(object_type, details)
        if collected.new_defer_usages:
            raise _NotSettled
        plan = [
            (f, None if f.definition is None else self._completer(f.definition.type, f.details))
            for f in self._plan(object_type, collected.grouped_field_set)
        ]
        # The details list is kept with its plan so that its id is not reused.
        self._object_plans[(object_type, id(details))] = (details, plan)
        return plan

    def _plan(self, parent_type: GraphQLObjectType, fields: GroupedFieldSet) -> list[_Field]:
        cached = self._plans.get(id(fields))
        if cached is None:
            cached = (fields, [_field(parent_type, k, d) for k, d in fields.items()])
            self._plans[id(fields)] = cached
        return cached[1]

    def _resolve(self, field: _Field, value: Any, info: Any) -> Any:
        """Call the field's resolver: straight to the Python function when strawberry's
        wrapper would only convert the same scalar arguments and build the Info again
        (no field extensions, no exception handlers), else through that wrapper."""
        direct = self._direct.get(id(field.details), _MISSING)
        if direct is _MISSING:
            direct = self._direct_call(field)
            # The details list is kept with it so that its id is not reused.
            self._direct[id(field.details)] = (field.details, direct)
        else:
            direct = direct[1]
        if direct is None:
            return field.definition.resolve(value, info, **self._args(field))  # type: ignore[union-attr, misc]
        function, strawberry_field, kwargs, info_name = direct
        if info_name is not None:
            kwargs = {
                **kwargs,
                info_name: self._info_class(_raw_info=info, _field=strawberry_field),
            }
        return function(value, **kwargs)

    def _direct_call(self, field: _Field) -> tuple[Any, Any, dict[str, Any], str | None] | None:
        definition = field.definition
        strawberry_schema = getattr(self.schema, "_strawberry_schema", None)
        strawberry_field = (
            definition.extensions.get("strawberry-definition") if definition else None
        )
        resolver = getattr(strawberry_field, "base_resolver", None)
        if (
            definition is None
            or strawberry_schema is None
            or resolver is None
            or strawberry_field.extensions
            or resolver.self_parameter is None
            or resolver.parent_parameter is not None
            or resolver.root_parameter is not None
            or resolver.is_async
            or strawberry_schema.schema_converter._get_field_exception_handlers(strawberry_field)
            or not all(
                isinstance(get_named_type(a.type), GraphQLScalarType | GraphQLEnumType)
                for a in definition.args.values()
            )
        ):
            return None
        kwargs = convert_arguments(
            self._args(field),
            strawberry_field.arguments,
            scalar_registry=strawberry_schema.schema_converter.scalar_registry,
            config=strawberry_schema.config,
        )
        self._info_class = strawberry_schema.config.info_class
        info_name = resolver.info_parameter.name if resolver.info_parameter else None
        return resolver.wrapped_func, strawberry_field, kwargs, info_name

    def _args(self, field: _Field) -> dict[str, Any]:
        if field.definition is None or not field.definition.args:
            return {}
        cached = self._arguments.get(id(field.details))
        if cached is None:
            first = field.details[0]
            values = get_argument_values(
                field.definition,
                first.node,
                self.variable_values,
                first.fragment_variable_values,
                self.hide_suggestions,
            )
            cached = (field.details, values)
            self._arguments[id(field.details)] = cached
        return cached[1]

    # 2. plain scalar fields anywhere else

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        plan = self._plan(parent_type, grouped_field_set)
        fast: dict[str, Any] = {}
        slow: GroupedFieldSet = {}
        for field in plan:
            if field.leaf is not None and field.attribute is not None:
                value = getattr(source_value, field.attribute, _MISSING)
                if value is None and not field.non_null:
                    fast[field.key] = None
                    continue
                if value is not None and value is not _MISSING:
                    try:
                        fast[field.key] = _coerced(field.leaf, value)
                        continue
                    except _NotSettled:
                        pass  # graphql-core reports it
            slow[field.key] = field.details
        if not fast:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        if not slow:
            return fast
        rest = super().execute_fields(parent_type, source_value, path, slow, position_context)
        if self.is_awaitable(rest):
            return _merged_later(fast, rest, plan)
        return _in_order(fast, rest, plan)  # type: ignore[arg-type]


def _field(parent_type: GraphQLObjectType, key: str, details: FieldDetailsList) -> _Field:
    node = details[0].node
    nodes = [d.node for d in details]
    definition = parent_type.fields.get(node.name.value)
    if definition is None:
        if node.name.value != "__typename":
            definition = _UNSUPPORTED  # other meta fields: graphql-core only
        return _Field(key, details, definition, None, nodes, None, non_null=False)
    resolve = definition.resolve
    attribute = None
    # strawberry marks the resolver of a field that has none of its own (a getattr).
    if resolve is not None and getattr(resolve, "_is_default", False) and not definition.args:
        strawberry_field = definition.extensions.get("strawberry-definition")
        attribute = getattr(strawberry_field, "python_name", None)
    return_type = definition.type
    non_null = isinstance(return_type, GraphQLNonNull)
    named = return_type.of_type if non_null else return_type
    leaf = (
        named.coerce_output_value
        if isinstance(named, GraphQLScalarType | GraphQLEnumType)
        else None
    )
    return _Field(key, details, definition, attribute, nodes, leaf, non_null)


def _null(non_null: bool) -> None:
    """A null value: fine for a nullable field; graphql-core reports a non-null one."""
    if non_null:
        raise _NotSettled
    return None


def _as_path(path: Any) -> Path | None:
    """graphql-core's Path for a (prev, key, typename) chain the settled pass built."""
    if path is None or type(path) is Path:
        return path
    prev, key, typename = path
    return Path(_as_path(prev), key, typename)


def _unsupported(*_args: Any, **_kwargs: Any) -> Any:
    raise _NotSettled


# A stand-in definition for meta fields other than __typename (__schema, __type):
# its resolver gives up, so graphql-core answers them.
_UNSUPPORTED = GraphQLField(GraphQLScalarType("Unsupported"), resolve=_unsupported)


def _coerced(coerce: Callable[[Any], Any], value: Any) -> Any:
    try:
        out = coerce(value)
    except Exception:
        raise _NotSettled from None
    if out is None or out is Undefined:
        raise _NotSettled
    return out


def _in_order(fast: dict[str, Any], rest: dict[str, Any], plan: list[_Field]) -> dict[str, Any]:
    """Both halves in the selection's order, which is graphql-core's result order."""
    out: dict[str, Any] = {}
    for field in plan:
        if field.key in fast:
            out[field.key] = fast[field.key]
        elif field.key in rest:
            out[field.key] = rest[field.key]
    return out


async def _merged_later(fast: dict[str, Any], rest: Any, plan: list[_Field]) -> dict[str, Any]:
    return _in_order(fast, await rest, plan)
