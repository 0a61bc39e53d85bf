"""The in-memory reachability the prerequisite placement checks cycles against."""

from __future__ import annotations

from datasources.neo4j.prerequisites import Reach


def test_adding_an_edge_joins_everything_before_it_to_everything_after_it() -> None:
    reach = Reach.of([("a", "b"), ("c", "d")])
    assert reach.has("a", "b") and not reach.has("a", "d")
    reach.add("b", "c")  # a → b → c → d
    assert all(reach.has(x, y) for x, y in [("a", "c"), ("a", "d"), ("b", "d"), ("b", "c")])
    assert not reach.has("d", "a") and not reach.has("c", "b")


def test_a_node_never_reaches_itself_through_an_accepted_edge() -> None:
    reach = Reach.of([("x", "y")])
    reach.add("y", "z")
    assert not any(reach.has(n, n) for n in "xyz")
    assert reach.has("x", "z") and not reach.has("z", "x")
