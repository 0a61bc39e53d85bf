"""What a GraphQL request asks for, read before it runs: for rate limits and the audit.

The query is parsed once here (with the same token limit as the schema, and cached),
so the middleware knows the operation type, its root fields, how many login attempts
it carries and for which accounts, which object it is about, and a copy of it with
every secret literal blanked out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from uuid import UUID

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    ListValueNode,
    Node,
    ObjectFieldNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    parse,
)

from gateway.security.redact import REDACTED, is_sensitive, redact, storable
from resolvers.ids import from_global_id

# Root fields that check a password: each one counts as a login attempt.
PASSWORD_FIELDS = frozenset({"login", "register", "changePassword"})
LOGIN_ACCOUNT_ARGUMENT = "emailOrUsername"
MAX_QUERY_IN_AUDIT = 20_000


@dataclass(frozen=True, slots=True)
class Operation:
    kind: str  # query | mutation | subscription | invalid
    action: str  # the operation name, else its root fields
    root_fields: tuple[str, ...] = ()
    password_attempts: int = 0
    login_accounts: tuple[str, ...] = ()
    resource: tuple[str | None, UUID] | None = None
    audit_body: dict[str, Any] = field(default_factory=dict)
    # Nothing but `__typename` on the query root (no variables, aliases or directives):
    # the view answers it without running the executor.
    trivial: bool = False

    @property
    def cost(self) -> int:
        """Mutations are charged per root field (aliases cannot multiply them for free)."""
        return max(1, len(self.root_fields)) if self.kind == "mutation" else 1


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the query text alone says (cached per text and operation name)."""

    kind: str
    action: str | None  # the operation's own name, when it has one
    fields: tuple[FieldNode, ...]
    audited_query: str
    trivial: bool


@lru_cache(maxsize=1024)
def _shape(query: str, name: str | None, max_tokens: int) -> _Shape | None:
    """None when the text does not parse; kind "invalid" when no operation is selected."""
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return None
    audited = storable(_redacted_query(query, document)[:MAX_QUERY_IN_AUDIT])
    operation = _select(document, name)
    if operation is None:
        return _Shape("invalid", None, (), audited, trivial=False)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return _Shape(
        kind=operation.operation.value,
        action=operation.name.value if operation.name else None,
        fields=tuple(_root_fields(operation.selection_set, fragments, set())),
        audited_query=audited,
        trivial=_only_typename(operation),
    )


def _only_typename(operation: OperationDefinitionNode) -> bool:
    """A query of nothing but unaliased `__typename`s: its answer is known unrun."""
    selections = operation.selection_set.selections
    return (
        operation.operation.value == "query"
        and not operation.variable_definitions
        and not operation.directives
        and all(
            isinstance(s, FieldNode)
            and s.name.value == "__typename"
            and s.alias is None
            and not s.arguments
            and not s.directives
            for s in selections
        )
    )


def classify(payload: Any, *, max_tokens: int) -> Operation:
    """Read one GraphQL request body ({query, variables, operationName})."""
    if not isinstance(payload, Mapping):
        return Operation("invalid", "graphql", audit_body={"body": redact(payload)})
    query = payload.get("query")
    raw_variables = payload.get("variables")
    name = payload.get("operationName")
    name = name if isinstance(name, str) else None
    extensions = payload.get("extensions")
    plain = (raw_variables is None or isinstance(raw_variables, Mapping)) and (
        extensions is None or isinstance(extensions, Mapping)
    )
    if isinstance(query, str) and not raw_variables and plain:
        return _without_variables(query, name, max_tokens)
    variables = raw_variables if isinstance(raw_variables, Mapping) else {}
    return _operation(query, name, variables, plain, max_tokens)


@lru_cache(maxsize=1024)
def _without_variables(query: str, name: str | None, max_tokens: int) -> Operation:
    """A request without variables is read from its text alone, and an SPA sends the same
    few texts again and again: read once (the Operation is frozen, its audit body never
    changed once made; the texts are the ones `_shape` keeps anyway)."""
    return _operation(query, name, {}, True, max_tokens)


def _operation(
    query: Any, name: str | None, variables: Mapping[str, Any], plain: bool, max_tokens: int
) -> Operation:
    body: dict[str, Any] = {"operationName": storable(name) if name else None}
    if variables:
        body["variables"] = redact(dict(variables))
    if not isinstance(query, str):
        return Operation("invalid", "graphql", audit_body=body)
    shape = _shape(query, name, max_tokens)
    if shape is None:
        body["query"] = storable(query[:MAX_QUERY_IN_AUDIT])
        return Operation("invalid", "graphql", audit_body=body)
    body["query"] = shape.audited_query
    if shape.kind == "invalid":
        return Operation("invalid", "graphql", audit_body=body)
    fields = shape.fields
    names = tuple(f.name.value for f in fields)
    kind = shape.kind
    action = name or shape.action or _joined(kind, names)
    accounts = tuple(
        account
        for f in fields
        if f.name.value == "login"
        for account in [_argument(f, LOGIN_ACCOUNT_ARGUMENT, variables)]
        if isinstance(account, str)
    )
    return Operation(
        kind=kind,
        action=storable(action)[:100],
        root_fields=names,
        password_attempts=sum(1 for n in names if n in PASSWORD_FIELDS)
        if kind == "mutation"
        else 0,
        login_accounts=tuple(normalize_account(a) for a in accounts),
        resource=_resource(list(fields), variables),
        audit_body=body,
        trivial=shape.trivial and plain,
    )


def refused_text(where: str) -> Operation:
    """A request refused unread: its text at `where` is not Unicode (gateway/wire.py)."""
    return Operation("invalid", "graphql", audit_body={"refused": "invalid text", "field": where})


def refused_persisted(code: str) -> Operation:
    """A request refused by the persisted-query rules (gateway/security/persisted.py)."""
    return Operation("invalid", "graphql", audit_body={"refused": code})


def normalize_account(identifier: str) -> str:
    return unicodedata.normalize("NFC", identifier).strip().casefold()[:320]


def _joined(kind: str, names: tuple[str, ...]) -> str:
    return f"{kind} {','.join(names)}" if names else kind


def _select(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def _root_fields(
    selections: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: set[str],
) -> Iterator[FieldNode]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            if not selection.name.value.startswith("__"):
                yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            spread = selection.name.value
            if spread in fragments and spread not in seen:
                seen.add(spread)
                yield from _root_fields(fragments[spread].selection_set, fragments, seen)


def _argument(node: FieldNode, name: str, variables: Mapping[str, Any]) -> Any:
    for argument in node.arguments or ():
        if argument.name.value == name:
            value = argument.value
            if isinstance(value, VariableNode):
                return variables.get(value.name.value)
            if isinstance(value, StringValueNode):
                return value.value
    return None


def _resource(
    fields: list[FieldNode], variables: Mapping[str, Any]
) -> tuple[str | None, UUID] | None:
    """The object the operation is about: an `id` (else a `...Id`) argument of a root field."""
    candidates: list[Any] = []
    for f in fields:
        names = [a.name.value for a in f.arguments or ()]
        ordered = [n for n in names if n == "id"] + [n for n in names if n.endswith("Id")]
        candidates.extend(_argument(f, n, variables) for n in ordered)
    candidates.append(variables.get("id"))
    candidates.extend(v for k, v in variables.items() if k.endswith("Id"))
    for value in candidates:
        if isinstance(value, str) and len(value) <= 200:
            try:
                return None, UUID(value)
            except ValueError:
                pass
            try:
                return from_global_id(value)
            except GraphQLError:
                continue
    return None


def _redacted_query(query: str, document: DocumentNode) -> str:
    """The query text with every string literal under a sensitive name replaced."""
    spans = sorted(_secret_spans(document))
    if not spans:
        return query
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(query[last:start])
        out.append(f'"{REDACTED}"')
        last = end
    out.append(query[last:])
    return "".join(out)


def _secret_spans(node: Any, secret: bool = False) -> Iterator[tuple[int, int]]:
    if isinstance(node, StringValueNode):
        if secret and node.loc is not None:
            yield node.loc.start, node.loc.end
        return
    if isinstance(node, ArgumentNode | ObjectFieldNode):
        yield from _secret_spans(node.value, secret or is_sensitive(node.name.value))
        return
    if isinstance(node, ListValueNode | ObjectValueNode):
        children = node.values if isinstance(node, ListValueNode) else node.fields
        for child in children:
            yield from _secret_spans(child, secret)
        return
    if isinstance(node, Node):
        for key in node.keys:
            if key == "loc":
                continue
            value = getattr(node, key, None)
            if isinstance(value, Node):
                yield from _secret_spans(value, secret)
            elif isinstance(value, tuple | list):
                for item in value:
                    yield from _secret_spans(item, secret)
