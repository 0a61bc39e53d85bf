"""Look-ahead prefetch (resolvers/prefetch.py): same answers, no per-object awaits."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest
from neo4j import AsyncGraphDatabase

from datasources.neo4j.graph import GraphReader
from datasources.stores import Stores
from resolvers import loaders, prefetch
from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.factories import World
from tests.integration.test_schema_reads import NESTED, build_courses, run

# Arguments, aliases, fragments and directives the walk has to read as graphql-core does.
SHAPES = """
fragment Named on Concept { title }
query Shapes($with: Boolean!) {
  courses(first: 10, orderBy: {field: TITLE, descending: false}) {
    nodes {
      title
      weeks { week concepts { concept { title } } }
      concepts { concept {
        ...Named
        one: prerequisites { concept { ...Named } }
        two: prerequisites(depth: 3, mandatoryOnly: true) { depth concept { title } }
        dependents { concept { title } }
        ... on Concept { related { concept { title } } }
        sources @skip(if: true) { page }
        courses @include(if: $with) { title }
        s2: sources @include(if: $with) { document { filename owner { username } } }
      } }
      documents { document {
        filename concepts { concept { title } } courses { course { title } }
      } }
    }
  }
}
"""


class LateCount:
    """Counts resolvers that had to wait for their loader (loaders._then_later)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original: Callable[..., Awaitable[Any]] = loaders._then_later

        def counted(*args: Any) -> Awaitable[Any]:
            self.calls += 1
            return original(*args)

        monkeypatch.setattr(loaders, "_then_later", counted)


async def answer_without_prefetch(
    monkeypatch: pytest.MonkeyPatch, stores: Stores, who: Principal, query: str, **variables: Any
) -> Any:
    with monkeypatch.context() as m:
        m.setattr(prefetch, "STEPS", {})
        return await run(stores, who, query, **variables)


async def test_prefetched_edges_resolve_without_waiting(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await world.user()
    await build_courses(world, owner, 12)
    late = LateCount(monkeypatch)

    warm = await run(world.stores, owner, NESTED, first=12)
    assert warm.errors is None
    assert late.calls == 0  # every edge found its loader settled

    cold = await answer_without_prefetch(monkeypatch, world.stores, owner, NESTED, first=12)
    assert cold.errors is None
    assert late.calls > 0  # without the walk, edges wait (the spy does see them)
    assert warm.data == cold.data
    assert len(warm.data["courses"]["edges"]) == 12


async def test_arguments_aliases_fragments_and_directives(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await world.user()
    await build_courses(world, owner, 4)
    late = LateCount(monkeypatch)

    for flag in (True, False):
        warm = await run(world.stores, owner, SHAPES, **{"with": flag})
        assert warm.errors is None
        calls = late.calls
        cold = await answer_without_prefetch(
            monkeypatch, world.stores, owner, SHAPES, **{"with": flag}
        )
        assert warm.data == cold.data
        assert calls == 0, "a registered edge waited for its loader"
        late.calls = 0
    course = warm.data["courses"]["nodes"][0]
    second = course["concepts"][1]["concept"]
    assert [p["concept"]["title"] for p in second["one"]] == ["Concept 00"]
    assert "sources" not in second and "courses" not in second and "s2" not in second


async def test_bad_arguments_below_a_prefetched_field_fail_only_that_field(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await world.user()
    await build_courses(world, owner, 2)
    query = """{ courses(first: 2) { nodes { title concepts { concept {
      title prerequisites(depth: 99) { concept { title } } } } } } }"""

    warm = await run(world.stores, owner, query)
    cold = await answer_without_prefetch(monkeypatch, world.stores, owner, query)

    assert warm.errors and "`depth` must be between 1 and 10" in warm.errors[0].message
    assert [e.path for e in warm.errors] == [e.path for e in cold.errors or []]
    assert warm.data == cold.data
    placed = warm.data["courses"]["nodes"][0]["concepts"][0]
    assert placed["concept"]["title"] and placed["concept"]["prerequisites"] is None


async def test_prefetch_keeps_each_callers_rights(world: World) -> None:
    owner = await world.user()
    other = await world.user()
    concept = await world.concept("Shared idea")
    private_doc = await world.document(owner, filename="private.pdf")
    await world.source(concept, private_doc)
    course = await world.course(owner, title="Open", status="published")
    await world.place(course, [concept])
    query = """query($id: ID!) { course(id: $id) { concepts { concept {
      sources { document { filename } } } } } }"""
    gid = to_global_id("Course", course)

    mine = await run(world.stores, owner, query, id=gid)
    theirs = await run(world.stores, other, query, id=gid)

    assert mine.errors is None and theirs.errors is None
    assert mine.data["course"]["concepts"][0]["concept"]["sources"] == [
        {"document": {"filename": "private.pdf"}}
    ]
    assert theirs.data["course"]["concepts"][0]["concept"]["sources"] == []


async def test_a_store_that_fails_is_asked_once_per_request(world: World, stores: Stores) -> None:
    owner = await world.user()
    await build_courses(world, owner, 3)
    dead = AsyncGraphDatabase.driver(
        "bolt://127.0.0.1:9", auth=("neo4j", "x"), connection_timeout=0.5
    )
    calls = 0
    original = dead.execute_query

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return await original(*args, **kwargs)

    dead.execute_query = counted  # type: ignore[method-assign]
    broken = replace(stores, graph=GraphReader(dead, database="neo4j", timeout=1.0))
    try:
        result = await run(broken, owner, NESTED, first=3)
    finally:
        await dead.close()

    # Walk, settled pass and graphql-core all asked for the courses' concepts; the
    # failed batch was remembered, so Neo4j was called once, not once per attempt.
    assert calls == 1
    assert [e.extensions for e in result.errors or []] == [
        {"code": "UPSTREAM_UNAVAILABLE", "store": "neo4j"}
    ] * 3
    assert all(edge["node"]["concepts"] is None for edge in result.data["courses"]["edges"])


async def test_node_is_walked_like_a_root_field(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await world.user()
    await build_courses(world, owner, 1)
    course = world.courses[-1]
    query = """query($id: ID!) { node(id: $id) { id ... on Course { title concepts { concept {
      title prerequisites { concept { title } } sources { document { filename } } } } } } }"""
    late = LateCount(monkeypatch)

    warm = await run(world.stores, owner, query, id=to_global_id("Course", course))
    calls = late.calls
    cold = await answer_without_prefetch(
        monkeypatch, world.stores, owner, query, id=to_global_id("Course", course)
    )

    assert warm.errors is None and warm.data == cold.data
    assert warm.data["node"]["concepts"][1]["concept"]["prerequisites"]
    assert calls == 0


# Edges whose steps came with the check that every reachable edge has one
# (tests/unit/test_prefetch_steps.py): weeks, similar, an objective's courses.
LATER_STEPS = """
query { courses(first: 4, orderBy: {field: TITLE, descending: false}) { nodes {
  weeks { week concepts { concept { title prerequisites { concept { title } } } } }
  learningObjectives { objective { description courses { title author { username } } } }
  concepts { concept { similar(limit: 2) { concept { dependents { concept { title } } } } } }
} } }
"""


async def test_weeks_similar_and_objective_courses_are_walked(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await world.user()
    await build_courses(world, owner, 4)
    for course in world.courses:
        await world.stores.graph_writer.add_objective(
            course_id=course, objective_id=uuid.uuid4(), description="Explain it",
            bloom_level="understand", measurable=True, priority=1,
        )  # fmt: skip
    late = LateCount(monkeypatch)

    warm = await run(world.stores, owner, LATER_STEPS)
    assert warm.errors is None
    assert late.calls == 0, "an edge below weeks, similar or an objective waited"
    cold = await answer_without_prefetch(monkeypatch, world.stores, owner, LATER_STEPS)
    assert late.calls > 0
    assert warm.data == cold.data
    course = warm.data["courses"]["nodes"][0]
    assert course["weeks"][0]["concepts"][1]["concept"]["prerequisites"]
    assert course["learningObjectives"][0]["objective"]["courses"][0]["title"] == "Course 000"
    assert any(c["concept"]["similar"] for c in course["concepts"])
