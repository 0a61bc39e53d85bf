"""The query cost model: lists multiply their subtree by `first`, from literals or variables."""

from graphql import parse

from schema.limits import UNBOUNDED_LIST_ESTIMATE, operation_cost
from schema.root import build_schema

SCHEMA = build_schema()._schema


def cost(query: str, **variables: object) -> int:
    return operation_cost(SCHEMA, parse(query).definitions, None, variables, 100)


def test_scalars_cost_one_each() -> None:
    assert cost("{ me { id username } }") == 3


def test_first_multiplies_from_literal_and_variable() -> None:
    literal = cost("{ courses(first: 10) { edges { cursor } } }")
    variable = cost("query($n: Int!) { courses(first: $n) { edges { cursor } } }", n=10)
    assert literal == variable
    assert cost("{ courses(first: 20) { edges { cursor } } }") > literal


def test_unbounded_lists_use_the_estimate_and_above_cap_is_priced_at_cap() -> None:
    inner = cost('{ course(id: "x") { concepts { week } } }')
    # course: 1 + concepts; concepts: (1 + week) times the estimate
    assert inner == 1 + (1 + 1) * UNBOUNDED_LIST_ESTIMATE
    assert cost("{ courses(first: 100000) { edges { cursor } } }") == cost(
        "{ courses(first: 100) { edges { cursor } } }"
    )


def test_fragments_are_counted_and_cycles_do_not_loop() -> None:
    with_fragment = cost("{ me { ...F } } fragment F on User { id username }")
    assert with_fragment == cost("{ me { id username } }")
    assert cost("{ me { ...A } } fragment A on User { ...A id }") >= 1


def test_the_cache_answers_as_the_walk_does_for_each_value_of_first() -> None:
    from schema.limits import _CostCache

    text = "query($n: Int, $m: Int) { courses(first: $n) { edges { cursor } } me { id } }"
    cache = _CostCache()
    document = parse(text)
    for n in (10, 20, 10, None, 100000, 20):
        variables = {"n": n, "m": 3} if n is not None else {}
        expected = operation_cost(SCHEMA, document.definitions, None, variables, 100)
        assert cache.cost(SCHEMA, document, None, variables, 100) == expected
    # Another document with the same text is another entry, never a stale one.
    other = parse(text)
    assert cache.cost(SCHEMA, other, None, {"n": 5}, 100) == operation_cost(
        SCHEMA, other.definitions, None, {"n": 5}, 100
    )
