"""Mutations against the real stores: consistency, typed errors, cache invalidation."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncGraphDatabase
from sqlalchemy import func, select

from datasources.ids import concept_id_for
from datasources.neo4j.graph import GraphReader
from datasources.neo4j.writes import GraphWriter
from datasources.postgres.models import Course
from datasources.stores import Stores
from resolvers.context import Principal
from resolvers.ids import from_global_id, to_global_id
from schema.root import build_schema
from tests.factories import World, context_for

SCHEMA = build_schema()


async def run(stores: Stores, principal: Principal | None, query: str, **variables: Any) -> Any:
    return await SCHEMA.execute(
        query, variable_values=variables, context_value=context_for(stores, principal)
    )


CREATE = """mutation($input: CourseInput!) { createCourse(input: $input) {
  __typename ... on Course { id title status } ... on InvalidInput { message field } } }"""


async def _course_count(stores: Stores) -> int:
    async with stores.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(Course))).scalar())


async def test_create_course_writes_postgres_and_neo4j(world: World) -> None:
    owner = await world.user()
    result = await run(
        world.stores, owner, CREATE, input={"title": "Graphs 101", "difficulty": "BEGINNER"}
    )
    assert result.errors is None
    created = result.data["createCourse"]
    assert created["__typename"] == "Course" and created["status"] == "DRAFT"
    course_id = from_global_id(created["id"])[1]
    world.courses.append(course_id)
    records, _, _ = await world.stores.graph.driver.execute_query(
        "MATCH (c:Course {id: $id}) RETURN c.title AS title", id=str(course_id)
    )
    assert records[0]["title"] == "Graphs 101"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": "Nul\x00byte"}, "title"),
        ({"title": "Evil \u202etxt.exe"}, "title"),
        ({"title": "ok", "durationWeeks": 0}, "duration_weeks"),
        ({"title": "ok", "hoursPerWeek": 1000}, "hours_per_week"),
    ],
)
async def test_bad_course_input_is_a_typed_error_and_stores_nothing(
    world: World, values: dict[str, Any], field: str
) -> None:
    owner = await world.user()
    before = await _course_count(world.stores)
    result = await run(world.stores, owner, CREATE, input=values)
    assert result.errors is None
    assert result.data["createCourse"]["__typename"] == "InvalidInput"
    assert result.data["createCourse"]["field"] == field
    assert await _course_count(world.stores) == before


async def test_combining_marks_and_cjk_titles_are_kept(world: World) -> None:
    owner = await world.user()
    title = "Cafe\u0301 與 微積分"
    result = await run(world.stores, owner, CREATE, input={"title": title})
    created = result.data["createCourse"]
    world.courses.append(from_global_id(created["id"])[1])
    assert created["title"] == "Café 與 微積分"  # NFC-normalised


async def test_update_invalidates_the_course_cache_and_others_cannot_edit(world: World) -> None:
    owner = await world.user()
    other = await world.user()
    course = await world.course(owner, title="Before")
    gid = to_global_id("Course", course)
    read = "query($id: ID!) { course(id: $id) { title } }"
    assert (await run(world.stores, owner, read, id=gid)).data["course"]["title"] == "Before"
    update = """mutation($id: ID!, $t: String!) { updateCourse(id: $id, input: {title: $t}) {
      __typename ... on Course { title } ... on NotFound { message } } }"""
    denied = await run(world.stores, other, update, id=gid, t="Hijacked")
    assert denied.data["updateCourse"]["__typename"] == "NotFound"
    done = await run(world.stores, owner, update, id=gid, t="After")
    assert done.data["updateCourse"] == {"__typename": "Course", "title": "After"}
    assert (await run(world.stores, owner, read, id=gid)).data["course"]["title"] == "After"
    missing = await run(
        world.stores, other, update, id=to_global_id("Course", world.users[0]), t="x"
    )
    # "not yours" and "does not exist" read the same.
    assert missing.data["updateCourse"] == denied.data["updateCourse"]


async def test_publish_makes_a_course_visible_to_others(world: World) -> None:
    owner = await world.user()
    other = await world.user()
    course = await world.course(owner, title="Soon public")
    gid = to_global_id("Course", course)
    read = "query($id: ID!) { course(id: $id) { title status } }"
    assert (await run(world.stores, other, read, id=gid)).data["course"] is None
    publish = "mutation($id: ID!) { publishCourse(id: $id) { __typename } }"
    assert (await run(world.stores, owner, publish, id=gid)).data["publishCourse"] == {
        "__typename": "Course"
    }
    seen = await run(world.stores, other, read, id=gid)
    assert seen.data["course"] == {"title": "Soon public", "status": "PUBLISHED"}


async def test_prerequisite_edges_reject_self_loops_and_mandatory_cycles(world: World) -> None:
    user = await world.user()
    a, b, c = [await world.concept(n) for n in ("A", "B", "C")]
    add = """mutation($c: ID!, $p: ID!, $m: Boolean!) {
      addPrerequisite(conceptId: $c, prerequisiteId: $p, mandatory: $m) {
        __typename ... on Conflict { message } ... on InvalidInput { message } } }"""
    g = {k: to_global_id("Concept", v) for k, v in {"a": a, "b": b, "c": c}.items()}
    assert (await run(world.stores, user, add, c=g["b"], p=g["a"], m=True)).data["addPrerequisite"][
        "__typename"
    ] == "Concept"
    assert (await run(world.stores, user, add, c=g["c"], p=g["b"], m=True)).data["addPrerequisite"][
        "__typename"
    ] == "Concept"
    cycle = await run(world.stores, user, add, c=g["a"], p=g["c"], m=True)
    assert cycle.data["addPrerequisite"]["__typename"] == "Conflict"
    assert "cycle" in cycle.data["addPrerequisite"]["message"]
    optional = await run(world.stores, user, add, c=g["a"], p=g["c"], m=False)
    assert optional.data["addPrerequisite"]["__typename"] == "Concept"
    loop = await run(world.stores, user, add, c=g["a"], p=g["a"], m=True)
    assert loop.data["addPrerequisite"]["__typename"] == "InvalidInput"


async def test_create_concept_is_deterministic_and_embedded(world: World) -> None:
    user = await world.user()
    create = """mutation($t: String!) {
      createConcept(input: {title: $t, description: "rates of change", tags: ["calc", "calc"]}) {
        __typename ... on Concept { id tags } ... on Conflict { message } } }"""
    first = await run(world.stores, user, create, t="Derivative")
    assert first.errors is None
    concept = first.data["createConcept"]
    world.concepts.append(from_global_id(concept["id"])[1])
    assert concept["tags"] == ["calc"]
    again = await run(world.stores, user, create, t="  derivative ")
    assert again.data["createConcept"]["__typename"] == "Conflict"
    # The document job's key: a plural, an article or another case is the same concept.
    assert from_global_id(concept["id"])[1] == concept_id_for("derivative", "en")
    plural = await run(world.stores, user, create, t="The Derivatives")
    assert plural.data["createConcept"]["__typename"] == "Conflict"
    similar = await world.stores.vectors.similar_concepts(
        [from_global_id(concept["id"])[1]], limit=1
    )
    assert isinstance(similar, dict)


async def test_a_neo4j_outage_fails_only_graph_fields(world: World, stores: Stores) -> None:
    owner = await world.user()
    course = await world.course(owner, title="Partial")
    dead = AsyncGraphDatabase.driver(
        "bolt://127.0.0.1:9",
        auth=("neo4j", "x"),
        connection_timeout=0.5,
        notifications_min_severity="OFF",
    )
    broken = stores.__class__(
        **{
            **{f: getattr(stores, f) for f in stores.__dataclass_fields__},
            "graph": GraphReader(dead, database="neo4j", timeout=1.0),
            "graph_writer": GraphWriter(dead, database="neo4j", timeout=1.0),
        }
    )
    try:
        result = await run(
            broken,
            owner,
            """query($id: ID!) { course(id: $id) {
          title author { username } concepts { week } } }""",
            id=to_global_id("Course", course),
        )
    finally:
        await dead.close()
    assert result.data["course"]["title"] == "Partial"
    assert result.data["course"]["author"] is not None
    assert result.data["course"]["concepts"] is None
    (error,) = result.errors
    assert error.extensions == {"code": "UPSTREAM_UNAVAILABLE", "store": "neo4j"}
    assert error.path == ["course", "concepts"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ " + " ".join(f"a{i}: me {{ id }}" for i in range(40)) + " }", None),
        ("{ me { id } " + "__typename " * 5000 + "}", None),
    ],
)
async def test_alias_and_token_limits(world: World, query: str, code: str | None) -> None:
    user = await world.user()
    result = await run(world.stores, user, query)
    assert result.errors
    assert (
        "alias" in result.errors[0].message.lower() or "token" in result.errors[0].message.lower()
    )


async def test_depth_and_cost_limits_and_introspection_switch(world: World) -> None:
    user = await world.user()
    deep = (
        "{ concepts(first: 1) { edges { node { "
        + "prerequisites { concept { " * 8
        + "id"
        + " } }" * 8
        + " } } } }"
    )
    result = await run(world.stores, user, deep)
    assert result.errors and "depth" in result.errors[0].message
    costly = (
        "{ courses(first: 100) { edges { node { concepts { concept { prerequisites(depth: 3) {"
        " concept { sources { document { chunks(first: 200) { content } } } } } } } } } } }"
    )
    result = await run(world.stores, user, costly)
    assert result.errors and result.errors[0].extensions["code"] == "QUERY_TOO_COSTLY"
    from schema.root import SchemaOptions

    closed = build_schema(SchemaOptions(introspection=False))
    result = await closed.execute(
        "{ __schema { types { name } } }", context_value=context_for(world.stores, user)
    )
    assert result.errors and "introspection" in result.errors[0].message.lower()
