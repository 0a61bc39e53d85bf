"""Every edge the prefetch walk can reach has a step (or a stated reason not to).

An edge missing from resolvers/prefetch.py's STEPS still answers, but its loaders are
no longer warmed, and neither is anything below it: the query silently gets slow. The
rule checked here: starting from every type a root field hands to `prefetch(...)`, and
following the edges that have steps, every field that leads to a loader must have a
step or be in NOT_WALKED. A field leads to a loader when its resolver takes `info`
(the request context, hence the loaders), or when anything below it does (a plain
attribute holding objects, like `CourseEdge.node`, is how the walk gets deeper).
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from functools import cache
from pathlib import Path

from graphql import (
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
)

from resolvers.prefetch import NOT_WALKED, STEPS
from schema.root import build_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = build_schema()
GRAPHQL = SCHEMA._schema


def _prefetch_roots() -> set[str]:
    """Type names passed to `prefetch(info, "<Type>", ...)` anywhere in schema/."""
    roots: set[str] = set()
    for path in (ROOT / "schema").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "prefetch"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                roots.add(node.args[1].value)
    return roots


def _objects(named: GraphQLNamedType) -> list[GraphQLObjectType]:
    if isinstance(named, GraphQLObjectType):
        return [named]
    if isinstance(named, GraphQLInterfaceType):
        return list(GRAPHQL.get_possible_types(named))
    if isinstance(named, GraphQLUnionType):
        return list(named.types)
    return []


@cache
def _takes_info(type_name: str, field_name: str) -> bool:
    definition = SCHEMA.get_type_by_name(type_name)
    for field in getattr(definition, "fields", ()):
        if SCHEMA.config.name_converter.get_graphql_name(field) == field_name:
            resolver = field.base_resolver
            return resolver is not None and resolver.info_parameter is not None
    return False


def _edges(type_name: str) -> Iterator[tuple[str, list[GraphQLObjectType]]]:
    gql_type = GRAPHQL.get_type(type_name)
    assert isinstance(gql_type, GraphQLObjectType), type_name
    for name, field in gql_type.fields.items():
        targets = _objects(get_named_type(field.type))
        if targets:
            yield name, targets


@cache
def _loader_below(type_name: str) -> bool:
    """Does any field of `type_name`, or of a type below it, take `info`?"""
    seen: set[str] = set()
    pending = [type_name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        gql_type = GRAPHQL.get_type(current)
        assert isinstance(gql_type, GraphQLObjectType)
        if any(_takes_info(current, name) for name in gql_type.fields):
            return True
        pending.extend(t.name for _, targets in _edges(current) for t in targets)
    return False


def _unwalked_edges(
    steps: Collection[tuple[str, str]], not_walked: Collection[tuple[str, str]]
) -> tuple[set[str], list[tuple[str, str]]]:
    walked: set[str] = set()
    pending = sorted(_prefetch_roots())
    missing = []
    while pending:
        type_name = pending.pop()
        if type_name in walked:
            continue
        walked.add(type_name)
        for name, targets in _edges(type_name):
            key = (type_name, name)
            if key in steps:
                pending.extend(t.name for t in targets)
            elif key not in not_walked and (
                _takes_info(type_name, name) or any(_loader_below(t.name) for t in targets)
            ):
                missing.append(key)
    return walked, missing


def test_the_roots_are_found() -> None:
    assert {"Course", "CourseConnection", "Document", "Concept", "LearningPath"} <= (
        _prefetch_roots()
    )


def test_every_reachable_edge_to_a_loader_has_a_step() -> None:
    walked, missing = _unwalked_edges(STEPS, NOT_WALKED)
    assert {"Course", "Concept", "Document", "User", "LearningObjective"} <= walked
    assert missing == [], (
        f"edges the prefetch walk stops at: {missing}; add a step to resolvers/prefetch.py "
        "STEPS, or the edge and the reason to NOT_WALKED"
    )


def test_steps_and_exceptions_name_fields_that_exist() -> None:
    for type_name, field_name in [*STEPS, *NOT_WALKED]:
        gql_type = GRAPHQL.get_type(type_name)
        assert isinstance(gql_type, GraphQLObjectType), type_name
        assert field_name in gql_type.fields, (type_name, field_name)
    assert not set(STEPS) & set(NOT_WALKED)


def test_the_rule_sees_a_missing_step() -> None:
    for dropped in (("Concept", "sources"), ("CourseConcept", "concept")):
        _, missing = _unwalked_edges(set(STEPS) - {dropped}, NOT_WALKED)
        assert missing == [dropped]
