"""The in-memory reachability the prerequisite placement checks cycles against."""

from __future__ import annotations

import random

from datasources.neo4j.prerequisites import Reach


def test_adding_an_edge_joins_everything_before_it_to_everything_after_it() -> None:
    reach = Reach.among("abcd", [("a", "b"), ("c", "d")])
    assert reach.has("a", "b") and not reach.has("a", "d")
    reach.add("b", "c")  # a → b → c → d
    assert all(reach.has(x, y) for x, y in [("a", "c"), ("a", "d"), ("b", "d"), ("b", "c")])
    assert not reach.has("d", "a") and not reach.has("c", "b")


def test_a_node_never_reaches_itself_through_an_accepted_edge() -> None:
    reach = Reach.among("xyz", [("x", "y")])
    reach.add("y", "z")
    assert not any(reach.has(n, n) for n in "xyz")
    assert reach.has("x", "z") and not reach.has("z", "x")


def test_the_reach_among_some_concepts_runs_through_any_other_concept() -> None:
    # a → x → y → d and b → x: x and y belong to other documents.
    edges = [("a", "x"), ("x", "y"), ("y", "d"), ("b", "x"), ("d", "z")]
    reach = Reach.among(["a", "b", "d"], edges)
    assert reach.has("a", "d") and reach.has("b", "d")
    assert not reach.has("d", "a") and not reach.has("a", "b")
    assert reach.after == {"a": {"d"}, "b": {"d"}}  # only the ids asked about


def test_a_cycle_outside_the_concepts_ends_and_a_cycle_through_one_reaches_itself() -> None:
    # x ⇄ y is a cycle people may close with optional edges; a → x, y → b.
    reach = Reach.among(["a", "b"], [("a", "x"), ("x", "y"), ("y", "x"), ("y", "b")])
    assert reach.after == {"a": {"b"}}
    looped = Reach.among(["a", "b"], [("a", "b"), ("b", "x"), ("x", "a")])
    assert looped.after == {"a": {"a", "b"}, "b": {"a", "b"}}


def test_the_reach_equals_a_walk_from_each_concept_on_random_graphs() -> None:
    rng = random.Random(5)
    for _ in range(200):
        nodes = [f"n{i}" for i in range(rng.randint(2, 25))]
        edges = [
            (rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 3 * len(nodes)))
        ]
        ids = rng.sample(nodes, rng.randint(1, len(nodes)))
        below: dict[str, set[str]] = {}
        for a, b in edges:
            below.setdefault(a, set()).add(b)
        expected = {}
        for start in ids:
            seen, todo = set(), list(below.get(start, ()))
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(below.get(node, ()))
            if seen & set(ids):
                expected[start] = seen & set(ids)
        assert Reach.among(ids, edges).after == expected
