"""A query cost limit: every field costs 1, list fields multiply what is below them.

The multiplier of a list field is its `first`/`limit` argument when given as a
literal, the page-size cap when given as a variable (validation runs before
variables are known, and results are cached per document), and a fixed estimate
for lists without such an argument.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    is_list_type,
)

UNBOUNDED_LIST_ESTIMATE = 10
PAGE_ARGUMENTS = ("first", "limit")


def cost_rule(*, max_cost: int, max_page_size: int) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            schema = self.context.schema
            root = {
                "query": schema.query_type,
                "mutation": schema.mutation_type,
                "subscription": schema.subscription_type,
            }[node.operation.value]
            cost = _selection_cost(self.context, root, node.selection_set, max_page_size, set())
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        f"query cost {cost} exceeds the limit of {max_cost}; "
                        "ask for fewer items (`first`) or fewer nested lists",
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": max_cost},
                    )
                )

    return CostLimit


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList) or is_list_type(type_)


def _multiplier(node: FieldNode, returns_list: bool, max_page_size: int) -> int:
    for argument in node.arguments or ():
        if argument.name.value in PAGE_ARGUMENTS:
            if isinstance(argument.value, IntValueNode):
                return max(1, int(argument.value.value))
            if isinstance(argument.value, VariableNode):
                return max_page_size
    return UNBOUNDED_LIST_ESTIMATE if returns_list else 1


def _selection_cost(
    context: ValidationContext,
    parent: Any,
    selection_set: SelectionSetNode | None,
    max_page_size: int,
    seen_fragments: set[str],
) -> int:
    if selection_set is None or parent is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            fields = getattr(parent, "fields", {})
            field_def = fields.get(selection.name.value)
            if field_def is None:
                total += 1
                continue
            child_type = get_named_type(field_def.type)
            child = _selection_cost(
                context, child_type, selection.selection_set, max_page_size, seen_fragments
            )
            total += (1 + child) * _multiplier(selection, _is_list(field_def.type), max_page_size)
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            target = context.schema.get_type(condition.name.value) if condition else parent
            total += _selection_cost(
                context, target, selection.selection_set, max_page_size, seen_fragments
            )
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = context.get_fragment(name)
            if fragment is None or name in seen_fragments:
                continue  # cycles are reported by the standard rules
            target = context.schema.get_type(fragment.type_condition.name.value)
            total += _selection_cost(
                context, target, fragment.selection_set, max_page_size, seen_fragments | {name}
            )
    return total
