"""Topological ordering of prerequisites: valid orders, determinism, cycles."""

from datasources.neo4j.ordering import topological_order


def _position(order: list[str]) -> dict[str, int]:
    return {n: i for i, n in enumerate(order)}


def test_every_prerequisite_comes_first() -> None:
    edges = [("a", "c", True), ("b", "c", True), ("c", "d", True), ("a", "b", False)]
    result = topological_order("dcba", edges, sort_key=str)
    pos = _position(result.order)
    assert sorted(result.order) == ["a", "b", "c", "d"]
    for before, after, _ in edges:
        assert pos[before] < pos[after]
    assert result.broken == []


def test_ties_are_broken_by_sort_key() -> None:
    result = topological_order(["z", "y", "x"], [], sort_key=str)
    assert result.order == ["x", "y", "z"]


def test_cycle_prefers_dropping_optional_edge() -> None:
    # a -> b (mandatory), b -> a (optional): keep the mandatory direction.
    result = topological_order(["a", "b"], [("a", "b", True), ("b", "a", False)], sort_key=str)
    assert result.order == ["a", "b"]
    assert result.broken == [("b", "a")]


def test_mandatory_cycle_still_terminates_with_every_node_once() -> None:
    edges = [("a", "b", True), ("b", "c", True), ("c", "a", True), ("c", "d", True)]
    result = topological_order(["a", "b", "c", "d"], edges, sort_key=str)
    assert sorted(result.order) == ["a", "b", "c", "d"]
    assert len(result.broken) == 1
    pos = _position(result.order)
    assert pos["c"] < pos["d"]


def test_self_loops_and_unknown_nodes_are_ignored() -> None:
    result = topological_order(["a"], [("a", "a", True), ("x", "a", True)], sort_key=str)
    assert result.order == ["a"]
    assert result.broken == []
