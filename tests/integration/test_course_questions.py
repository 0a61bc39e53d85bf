"""QuestionAnswer objects of a generated course, in both vector backends: written by the
job, served as Course.questions and through semanticSearch to those who may read it."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest

from datasources.settings import Settings
from datasources.stores import Stores, vector_index_for
from datasources.vectors import WeaviateVectorIndex
from resolvers.ids import to_global_id
from tests.course_data import statistics
from tests.factories import context_for
from tests.integration.courses import SCHEMA, Courses, gql

pytestmark = pytest.mark.integration

QUESTIONS = """query($id: ID!, $first: Int!) { course(id: $id) {
  outline { weeks { topics } }
  questions(first: $first) { id question answer difficulty topic } } }"""
SEARCH = """query($q: String!) { semanticSearch(query: $q, kinds: [QA], limit: 50) {
  __typename ... on QuestionAnswerHit { id answer highlight course { id title } } } }"""
PUBLISH = """mutation($id: ID!) { publishCourse(id: $id) { __typename } }"""


@pytest.fixture(params=["pgvector", "weaviate"])
async def backend(
    request: pytest.FixtureRequest, courses: Courses, test_settings: Settings
) -> AsyncIterator[Stores]:
    """The test stores with the vector index of one backend (the course world's, too)."""
    stores = courses.world.stores
    if request.param == "pgvector":
        yield stores
        return
    settings = test_settings.model_copy(
        update={"vector_backend": "weaviate", "vector_namespace": "CourseQa"}
    )
    index = await vector_index_for(settings, timeout_seconds=10.0)
    await index.bootstrap()
    courses.world.stores = dataclasses.replace(stores, vectors=index, vector_store_name="weaviate")
    try:
        yield courses.world.stores
    finally:
        courses.world.stores = stores
        assert isinstance(index, WeaviateVectorIndex)
        await index._client.collections.delete(list(index.names.values()))
        await index.close()


async def test_questions_are_stored_served_and_searchable_by_readers_only(
    courses: Courses, backend: Stores
) -> None:
    world = courses.world
    owner, other = await world.user(), await world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    assert (await courses.run_generation(task_id, stores=backend)).status == "completed"
    course = to_global_id("Course", course_id)

    data = await gql(backend, owner, QUESTIONS, id=course, first=100)
    questions = data["course"]["questions"]
    assert len(questions) >= 9  # a definition question for each of the nine taught concepts
    topics = [t for w in data["course"]["outline"]["weeks"] for t in w["topics"]]
    order = [topics.index(q["topic"]) for q in questions]
    assert order == sorted(order), "questions come in the order their concepts are taught"
    variance = next(q for q in questions if q["question"] == "What does “Variance” mean?")
    assert variance["answer"] == "The variance is the average squared distance from the mean."
    assert variance["difficulty"] == "INTERMEDIATE"
    assert (
        len((await gql(backend, owner, QUESTIONS, id=course, first=2))["course"]["questions"]) == 2
    )

    async def hits_for(who: Any) -> list[dict[str, Any]]:
        found = (await gql(backend, who, SEARCH, q="What is Variance?"))["semanticSearch"]
        return [h for h in found if h["course"]["id"] == course]

    mine = await hits_for(owner)
    assert mine and mine[0]["answer"] == variance["answer"]
    assert all(h["__typename"] == "QuestionAnswerHit" for h in mine)
    assert await hits_for(other) == []  # a draft course's questions are its owner's
    assert (await gql(backend, owner, PUBLISH, id=course))["publishCourse"][
        "__typename"
    ] == "Course"
    await backend.redis.delete(*[k async for k in backend.redis.cache.scan_iter("cache:*")])
    assert await hits_for(other)  # published: anyone signed in may read it


async def test_questions_out_of_range_are_refused(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, _ = await courses.generate(owner, loaded)
    for first in (0, 501):
        result = await SCHEMA.execute(
            QUESTIONS,
            variable_values={"id": to_global_id("Course", course_id), "first": first},
            context_value=context_for(courses.stores, owner),
        )
        assert result.errors and (result.errors[0].extensions or {}).get("code") == "BAD_USER_INPUT"
        assert "between 1 and 500" in result.errors[0].message
