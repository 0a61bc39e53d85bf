"""The GraphQL schema against the real stores: nested reads, batching, authorization."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import event

from datasources.stores import Stores
from resolvers.context import Principal
from resolvers.ids import to_global_id
from schema.root import build_schema
from tests.factories import World, context_for

SCHEMA = build_schema()

NESTED = """
query Nested($first: Int!) {
  courses(first: $first, orderBy: {field: TITLE, descending: false}) {
    edges { node {
      title author { username }
      concepts { week order concept {
        title
        prerequisites { depth mandatory concept { title } }
        sources { page document { filename owner { username } } }
      } }
    } }
  }
}
"""


async def run(stores: Stores, principal: Principal | None, query: str, **variables: Any) -> Any:
    return await SCHEMA.execute(
        query, variable_values=variables, context_value=context_for(stores, principal)
    )


@contextmanager
def count_round_trips(stores: Stores) -> Iterator[Counter[str]]:
    """Count statements sent to PostgreSQL and Neo4j by the real clients."""
    counts: Counter[str] = Counter()

    def on_sql(*_: Any) -> None:
        counts["postgres"] += 1

    driver = stores.graph.driver
    original = driver.execute_query

    async def counted(*args: Any, **kwargs: Any) -> Any:
        counts["neo4j"] += 1
        return await original(*args, **kwargs)

    event.listen(stores.engine.sync_engine, "before_cursor_execute", on_sql)
    driver.execute_query = counted  # type: ignore[method-assign]
    try:
        yield counts
    finally:
        event.remove(stores.engine.sync_engine, "before_cursor_execute", on_sql)
        driver.execute_query = original  # type: ignore[method-assign]


async def build_courses(world: World, owner: Principal, n: int) -> None:
    concepts = [await world.concept(f"Concept {i:02d}") for i in range(6)]
    for a, b in pairwise(concepts):
        await world.prerequisite(a, b)
    doc = await world.document(owner)
    for c in concepts:
        await world.source(c, doc)
    for i in range(n):
        course = await world.course(owner, title=f"Course {i:03d}", documents=[doc])
        await world.place(course, concepts[i % 3 : i % 3 + 3])


async def test_nested_query_round_trips_do_not_grow_with_list_size(world: World) -> None:
    owner = await world.user()
    await build_courses(world, owner, 50)

    with count_round_trips(world.stores) as small:
        few = await run(world.stores, owner, NESTED, first=5)
    with count_round_trips(world.stores) as large:
        many = await run(world.stores, owner, NESTED, first=50)

    assert few.errors is None and many.errors is None
    assert len(many.data["courses"]["edges"]) == 50
    first = many.data["courses"]["edges"][0]["node"]
    assert (
        first["author"]["username"]
        == (await world.stores.users.by_ids([owner.user_id]))[owner.user_id].username
    )
    assert [c["concept"]["title"] for c in first["concepts"]] == [
        "Concept 00",
        "Concept 01",
        "Concept 02",
    ]
    assert first["concepts"][1]["concept"]["prerequisites"][0]["concept"]["title"] == "Concept 00"
    assert first["concepts"][0]["concept"]["sources"][0]["document"]["filename"] == "notes.pdf"
    # One round trip per store per nesting level, whatever the number of courses.
    assert large == small
    assert large["neo4j"] <= 3  # concepts, prerequisites, sources
    assert large["postgres"] <= 4  # courses, users, documents, document owners


async def test_drafts_and_documents_are_private_to_their_owner(world: World) -> None:
    owner = await world.user()
    other = await world.user()
    doc = await world.document(owner)
    draft = await world.course(owner, title="Secret draft", documents=[doc])
    published = await world.course(owner, title="Open course", status="published", documents=[doc])
    query = """query($a: ID!, $b: ID!, $d: ID!) {
      a: course(id: $a) { title } b: course(id: $b) { title documents { document { id } } }
      d: document(id: $d) { filename } n: node(id: $a) { id }
    }"""
    ids = {
        "a": to_global_id("Course", draft),
        "b": to_global_id("Course", published),
        "d": to_global_id("Document", doc),
    }
    mine = await run(world.stores, owner, query, **ids)
    theirs = await run(world.stores, other, query, **ids)
    assert mine.errors is None and theirs.errors is None
    assert mine.data["a"]["title"] == "Secret draft"
    assert mine.data["d"]["filename"] == "notes.pdf"
    assert theirs.data["a"] is None and theirs.data["n"] is None and theirs.data["d"] is None
    assert theirs.data["b"] == {"title": "Open course", "documents": []}
    anonymous = await run(world.stores, None, query, **ids)
    assert anonymous.data is None or anonymous.data.get("a") is None
    assert anonymous.errors and anonymous.errors[0].extensions["code"] == "UNAUTHENTICATED"


async def test_course_reads_fill_and_use_the_redis_cache(world: World) -> None:
    owner = await world.user()
    course = await world.course(owner, title="Cached")
    # `outline` keeps the read on the resolvers (a compiled read asks PostgreSQL alone,
    # tests/integration/test_compiled_reads.py); the cache serves that path.
    query = "query($id: ID!) { course(id: $id) { title outline { summary } } }"
    gid = to_global_id("Course", course)
    assert (await run(world.stores, owner, query, id=gid)).data["course"]["title"] == "Cached"
    cached = await world.stores.redis.get_json_many([f"cache:courses:{course}"])
    assert cached[0]["title"] == "Cached"
    assert 0 < await world.stores.redis.cache.ttl(f"cache:courses:{course}") <= 3600
    # A cached private course is still hidden from someone else.
    stranger = await world.user()
    assert (await run(world.stores, stranger, query, id=gid)).data["course"] is None


async def test_learning_path_is_a_valid_topological_order(world: World) -> None:
    user = await world.user()
    a, b, c, d, target = [await world.concept(n) for n in ("A", "B", "C", "D", "Target")]
    for before, after in ((a, b), (b, target), (c, target), (a, c), (d, a)):
        await world.prerequisite(before, after)
    query = """query($to: ID!, $known: [ID!]) { learningPath(toConceptId: $to,
      fromConceptIds: $known) { target { title } steps { title } cyclesBroken { title } } }"""
    result = await run(world.stores, user, query, to=to_global_id("Concept", target), known=None)
    assert result.errors is None
    steps = [s["title"] for s in result.data["learningPath"]["steps"]]
    assert sorted(steps) == ["A", "B", "C", "D"]
    position = {t: i for i, t in enumerate(steps)}
    assert position["D"] < position["A"] < position["B"] and position["A"] < position["C"]
    known = await run(
        world.stores,
        user,
        query,
        to=to_global_id("Concept", target),
        known=[to_global_id("Concept", a)],
    )
    assert [s["title"] for s in known.data["learningPath"]["steps"]] == ["B", "C"]


async def test_learning_path_survives_a_cycle(world: World) -> None:
    user = await world.user()
    a, b, target = [await world.concept(n) for n in ("A", "B", "T")]
    await world.prerequisite(a, b)
    await world.prerequisite(b, target)
    await world.prerequisite(b, a, mandatory=False)  # optional back edge: a cycle
    query = """query($to: ID!) {
      learningPath(toConceptId: $to) { steps { title } cyclesBroken { title } } }"""
    result = await run(world.stores, user, query, to=to_global_id("Concept", target))
    assert result.errors is None
    assert [s["title"] for s in result.data["learningPath"]["steps"]] == ["A", "B"]
    assert [c["title"] for c in result.data["learningPath"]["cyclesBroken"][0]] == ["B", "A"]


async def test_similar_concepts_and_semantic_search_respect_ownership(world: World) -> None:
    owner = await world.user()
    other = await world.user()
    algebra = await world.concept("Linear algebra", description="vectors matrices linear maps")
    await world.concept("Matrix multiplication", description="matrices vectors products")
    await world.concept("Photosynthesis", description="plants light chlorophyll")
    doc = await world.document(owner)
    await world.chunks(
        doc,
        [
            "Matrices and vectors are the language of linear algebra.",
            "Plants turn light into sugar.",
        ],
    )
    query = (
        """query($id: ID!) { concept(id: $id) { similar(limit: 2) { score concept { title } } } }"""
    )
    result = await run(world.stores, owner, query, id=to_global_id("Concept", algebra))
    assert result.errors is None
    titles = [s["concept"]["title"] for s in result.data["concept"]["similar"]]
    assert titles[0] == "Matrix multiplication"
    search = """query($docs: [ID!]) { semanticSearch(query: "matrices vectors", kinds: [CHUNK],
      documentIds: $docs, limit: 5) {
        __typename ... on ChunkHit { highlight document { id } } } }"""
    mine = await run(world.stores, owner, search, docs=[to_global_id("Document", doc)])
    assert mine.errors is None
    assert mine.data["semanticSearch"][0]["highlight"].count("«") == 1
    theirs = await run(world.stores, other, search, docs=[to_global_id("Document", doc)])
    assert theirs.errors is None and theirs.data["semanticSearch"] == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('{ course(id: "not-an-id") { title } }', "BAD_USER_INPUT"),
        ("{ courses(first: 100000) { edges { cursor } } }", "BAD_USER_INPUT"),
        ('{ courses(first: 5, after: "garbage") { edges { cursor } } }', "BAD_USER_INPUT"),
        ('{ concepts(search: "a) OR (b:*") { edges { cursor } } }', None),
        ('{ concepts(search: "MATCH (n) DETACH DELETE n //") { edges { cursor } } }', None),
        ("{ documentProcessingStats { date } }", "FORBIDDEN"),
    ],
)
async def test_bad_arguments_get_clear_errors(world: World, query: str, code: str | None) -> None:
    user = await world.user()
    result = await run(world.stores, user, query)
    if code is None:
        assert result.errors is None  # injection text is searched literally, harmlessly
    else:
        assert result.errors and result.errors[0].extensions["code"] == code
