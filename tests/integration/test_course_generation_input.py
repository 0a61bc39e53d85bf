"""generateCourse / regenerateCourse with bad input: typed errors, and nothing stored."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select, update

from datasources.postgres.models import Course, Document, GenerationTask
from datasources.stores import Stores
from resolvers.ids import to_global_id
from tests.course_data import statistics
from tests.integration.courses import GENERATE, REGENERATE, Courses, gql, raw

pytestmark = pytest.mark.integration


async def counts(stores: Stores) -> tuple[int, int]:
    async with stores.sessions() as session:
        courses = (await session.execute(select(func.count()).select_from(Course))).scalar()
        tasks = (await session.execute(select(func.count()).select_from(GenerationTask))).scalar()
    return int(courses or 0), int(tasks or 0)


def concept(loaded: Any, title: str) -> str:
    return to_global_id("Concept", loaded.titles[title])


@pytest.mark.parametrize(
    ("change", "kind", "field", "says"),
    [
        ({"durationWeeks": 0}, "InvalidInput", "durationWeeks", "between 1 and 104"),
        ({"durationWeeks": 105}, "InvalidInput", "durationWeeks", "between 1 and 104"),
        ({"hoursPerWeek": 0}, "InvalidInput", "hoursPerWeek", "between 1 and 80"),
        ({"hoursPerWeek": -3}, "InvalidInput", "hoursPerWeek", "between 1 and 80"),
        ({"documentIds": []}, "InvalidInput", "documentIds", "at least one document"),
        ({"documentIds": ["not an id"]}, "InvalidInput", "documentIds", "not a valid id"),
        ({"title": "x" * 501}, "InvalidInput", "title", "limited to 500"),
        ({"title": "Evil \u202etxt"}, "InvalidInput", "title", "bidirectional"),
        ({"targetAudience": "a\x00b"}, "InvalidInput", "targetAudience", "control character"),
        ({"language": "en_US!"}, "InvalidInput", "language", "language tag"),
        ({"language": "english please"}, "InvalidInput", "language", "limited to 10"),
        (
            {"focusConceptIds": ["Q29uY2VwdDpub3BlOg"]},
            "InvalidInput",
            "focusConceptIds",
            "valid id",
        ),
    ],
)
async def test_bad_values_are_typed_errors(
    courses: Courses, change: dict[str, Any], kind: str, field: str, says: str
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    before = await counts(courses.stores)
    data = await gql(courses.stores, owner, GENERATE, input=courses.request(loaded, **change))
    result = data["generateCourse"]
    assert result["__typename"] == kind, result
    assert result.get("field") == field and says in result["message"], result
    assert await counts(courses.stores) == before


async def test_documents_must_be_the_callers_processed_and_not_deleted(courses: Courses) -> None:
    owner, other = await courses.world.user(), await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    stores = courses.stores
    before = await counts(stores)

    async def generate(who: Any, **change: Any) -> dict[str, Any]:
        data = await gql(stores, who, GENERATE, input=courses.request(loaded, **change))
        return data["generateCourse"]  # type: ignore[no-any-return]

    # Another user's documents (or ids that name nothing) are not found: same answer.
    theirs = await generate(other)
    assert theirs["__typename"] == "NotFound"
    assert theirs["message"].endswith("not yours: documentIds[0], documentIds[1]")
    nowhere = await generate(owner, documentIds=[to_global_id("Document", uuid.uuid4())])
    assert nowhere["__typename"] == "NotFound"
    twice = [to_global_id("Document", loaded.documents["stats"])] * 2
    assert (await generate(owner, documentIds=twice))["field"] == "documentIds"

    stats = loaded.documents["stats"]
    for status, says in (
        ("processing", "still being processed"),
        ("pending", "still being processed"),
        ("failed", "processing failed"),
    ):
        await set_status(stores, stats, status)
        result = await generate(owner)
        assert result["__typename"] == "InvalidInput", result
        assert result["field"] == "documentIds" and says in result["message"]
        assert "stats.pdf" in result["message"] and str(stats) in result["message"]
    await set_status(stores, stats, "deleted")
    assert (await generate(owner))["__typename"] == "NotFound"
    await set_status(stores, stats, "completed")
    assert await counts(stores) == before

    # An administrator may use anyone's documents.
    admin = await courses.world.user(role="admin")
    course_id, _ = await courses.generate(admin, loaded)
    assert course_id


async def set_status(stores: Stores, document_id: uuid.UUID, status: str) -> None:
    async with stores.sessions() as session, session.begin():
        await session.execute(
            update(Document).where(Document.id == document_id).values(status=status)
        )


async def test_documents_without_concepts_and_unknown_concepts_are_refused(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    empty = await courses.world.document(owner, filename="blank.pdf")  # no concepts
    stores = courses.stores
    before = await counts(stores)
    ids = [to_global_id("Document", d) for d in [*loaded.document_ids(), empty]]
    data = await gql(stores, owner, GENERATE, input=courses.request(loaded, documentIds=ids))
    result = data["generateCourse"]
    assert result["__typename"] == "InvalidInput" and result["field"] == "documentIds"
    assert "no concepts" in result["message"] and "blank.pdf" in result["message"]

    ghost = to_global_id("Concept", uuid.uuid4())
    for field in ("focusConceptIds", "excludeConceptIds"):
        data = await gql(stores, owner, GENERATE, input=courses.request(loaded, **{field: [ghost]}))
        assert data["generateCourse"]["field"] == field
        assert "no such concepts" in data["generateCourse"]["message"]
    both = [concept(loaded, "Mean")]
    request = courses.request(loaded, focusConceptIds=both, excludeConceptIds=both)
    data = await gql(stores, owner, GENERATE, input=request)
    assert data["generateCourse"]["field"] == "excludeConceptIds"
    assert await counts(stores) == before


async def test_more_concepts_than_time_plans_what_fits_and_lists_the_rest(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded, durationWeeks=1, hoursPerWeek=1)
    assert (await courses.run_generation(task_id)).status == "completed"
    async with courses.stores.sessions() as session:
        row = await session.get(Course, course_id)
    assert row is not None
    report = (row.metadata_ or {})["generation"]["report"]
    taught = [c for w in row.outline["weeks"] for m in w["modules"] for c in m["concepts"]]
    assert taught and sum(c["minutes"] for c in taught) <= 60
    assert report["left_out_count"] > 0
    assert {e["reason"] for e in report["left_out"]} <= {"no_time", "prerequisite_left_out"}
    assert len(taught) + report["left_out_count"] == 9  # every concept: taught or listed


async def test_regenerating_while_a_generation_runs_is_a_conflict(courses: Courses) -> None:
    owner, other = await courses.world.user(), await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    stores = courses.stores
    course = to_global_id("Course", course_id)
    data = await gql(stores, owner, REGENERATE, id=course, input=courses.request(loaded))
    busy = data["regenerateCourse"]
    assert busy["__typename"] == "Conflict" and str(task_id) in busy["message"]
    # Another user may not regenerate it at all; bad budgets are refused first.
    data = await gql(stores, other, REGENERATE, id=course, input=courses.request(loaded))
    assert data["regenerateCourse"]["__typename"] == "NotFound"
    data = await gql(stores, owner, REGENERATE, id=course,
                     input=courses.request(loaded, hoursPerWeek=0))  # fmt: skip
    assert data["regenerateCourse"]["field"] == "hoursPerWeek"

    assert (await courses.run_generation(task_id)).status == "completed"
    data = await gql(stores, owner, REGENERATE, id=course, input=courses.request(loaded))
    assert data["regenerateCourse"]["__typename"] == "CourseGenerationStarted"
    assert raw(data["regenerateCourse"]["course"]["id"]) == course_id
