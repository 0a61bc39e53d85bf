"""Course generation against the real stores: generateCourse, the job, what it wrote."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from datasources.postgres.models import Course, CourseDocument, GenerationTask
from datasources.stores import Stores
from jobs.planning import PlanningInput
from resolvers.ids import to_global_id
from tests.course_data import chinese, statistics
from tests.integration.courses import REGENERATE, Courses, gql, raw

pytestmark = pytest.mark.integration
BLOOM = {"remember", "understand", "apply", "analyze", "evaluate"}
VERBS = {"Define", "Explain", "Apply", "Compute", "Analyse", "Evaluate"}
VERBS_ZH = {"说出", "解释", "运用", "计算", "分析", "评价"}


async def course_row(stores: Stores, course_id: UUID) -> Course:
    async with stores.sessions() as session:
        row = await session.get(Course, course_id)
        assert row is not None
        return row


async def task_row(stores: Stores, task_id: UUID) -> GenerationTask:
    async with stores.sessions() as session:
        row = await session.get(GenerationTask, task_id)
        assert row is not None
        return row


async def graph_of(stores: Stores, course_id: UUID) -> dict[str, Any]:
    driver = stores.graph_writer.driver
    contains, _, _ = await driver.execute_query(
        "MATCH (:Course {id: $id})-[r:CONTAINS]->(k:Concept) "
        "RETURN k.id AS id, r.week AS week, r.order AS ord, r.duration_minutes AS minutes "
        "ORDER BY week, ord",
        id=str(course_id),
    )
    achieves, _, _ = await driver.execute_query(
        "MATCH (:Course {id: $id})-[r:ACHIEVES]->(o:LearningObjective) "
        "RETURN o.id AS id, o.bloom_level AS bloom, r.priority AS priority ORDER BY priority",
        id=str(course_id),
    )
    return {
        "contains": [dict(r) for r in contains],
        "achieves": [dict(r) for r in achieves],
    }


async def mandatory_edges(stores: Stores, ids: list[str]) -> list[tuple[str, str]]:
    rows, _, _ = await stores.graph_writer.driver.execute_query(
        "UNWIND $ids AS id MATCH (a:Concept {id: id})-[r:PREREQUISITE {mandatory: true}]->(b) "
        "RETURN a.id AS a, b.id AS b",
        ids=ids,
    )
    return [(r["a"], r["b"]) for r in rows]


async def test_a_generated_course_is_ordered_scheduled_and_stored_everywhere(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded, hoursPerWeek=2)
    draft = await course_row(courses.stores, course_id)
    assert draft.status == "draft" and draft.outline == {}

    outcome = await courses.run_generation(task_id)
    assert outcome.status == "completed", outcome
    stores = courses.stores
    row = await course_row(stores, course_id)
    assert row.title == "Introductory Statistics; Probability notes"
    assert row.duration_weeks == 4 and row.hours_per_week == 2

    # No concept before one of its mandatory prerequisites; weeks within their hours.
    placed = [c for w in row.outline["weeks"] for m in w["modules"] for c in m["concepts"]]
    position = {c["concept_id"]: i for i, c in enumerate(placed)}
    edges = await mandatory_edges(stores, list(position))
    assert edges, "the statistics graph has mandatory edges among taught concepts"
    for before, after in edges:
        if after in position and before in position:
            assert position[before] < position[after], (before, after)
    for week in row.outline["weeks"]:
        assert week["minutes"] <= 2 * 60
        assert week["minutes"] == sum(c["minutes"] for m in week["modules"] for c in m["concepts"])

    # Objectives with Bloom levels and measurable verbs, per week and for the course.
    objectives = list(row.learning_objectives or [])
    objectives += [o for w in row.outline["weeks"] for o in w["objectives"]]
    assert objectives
    for objective in objectives:
        assert objective["bloom_level"] in BLOOM
        assert objective["verb"] in VERBS and objective["description"].startswith(objective["verb"])

    # Course prerequisites: Set theory is in no document; resources cite real pages.
    needed = {p["title"]: p["reason"] for p in row.prerequisites or []}
    assert needed.get("Set theory") == "not_in_documents"
    pages = {d.filename: d.page_count for d in statistics().documents}
    for resource in row.resources or []:
        assert resource["pages"] and all(1 <= p <= 20 for p in resource["pages"])
    assert {r["title"] for r in row.resources or []} == {
        "Introductory Statistics",
        "probability-notes",
    }
    assert pages  # the page counts the ranges were checked against

    # The graph: CONTAINS for every placed concept, ACHIEVES for every objective.
    graph = await graph_of(stores, course_id)
    assert [c["id"] for c in graph["contains"]] == [c["concept_id"] for c in placed]
    assert {o["id"] for o in graph["achieves"]} == {o["id"] for o in objectives}
    assert all(o["bloom"] in BLOOM for o in graph["achieves"])

    # course_documents with relevance and usage; the report in metadata; the task's summary.
    async with stores.sessions() as session:
        links = (
            (
                await session.execute(
                    select(CourseDocument).where(CourseDocument.course_id == course_id)
                )
            )
            .scalars()
            .all()
        )
    usage = {link.document_id: link.usage_type for link in links}
    assert usage[loaded.documents["stats"]] == "primary"
    assert set(usage) == set(loaded.document_ids())
    assert all(0 <= float(link.relevance_score or 0) <= 1 for link in links)
    generation = (row.metadata_ or {})["generation"]
    assert generation["task_id"] == str(task_id)
    assert generation["report"]["available_minutes"] == 4 * 2 * 60
    task = await task_row(stores, task_id)
    assert task.status == "completed" and task.completed_at is not None
    assert task.result is not None and task.result["concepts"] == len(placed)
    assert task.result["progress"] == 100

    # QuestionAnswer objects in the vector index, tied to the course.
    questions = (await stores.vectors.qa_for_courses([course_id]))[course_id]
    assert len(questions) == task.result["questions"] > 0
    assert {q.topic for q in questions} <= {c["title"] for c in placed}
    assert all(q.course_id == course_id and q.answer for q in questions)


async def test_a_chinese_course_is_written_in_chinese(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(chinese(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    assert (await courses.run_generation(task_id)).status == "completed"
    row = await course_row(courses.stores, course_id)
    assert row.language == "zh-CN" and row.title == "统计学基础"
    objectives = [o for w in row.outline["weeks"] for o in w["objectives"]]
    assert objectives and all(o["verb"] in VERBS_ZH for o in objectives)
    assert all(o["verb"] in o["description"] for o in objectives)
    questions = (await courses.stores.vectors.qa_for_courses([course_id]))[course_id]
    assert any(q.question.startswith("什么是") for q in questions)


def _in_sections(data: PlanningInput) -> PlanningInput:
    """statistics() with the headings a document job stores for each concept."""
    sections = {
        "variable": ("Describing Data",),
        "mean": ("Describing Data", "Center"),
        "variance": ("Describing Data", "Spread"),
        "sd": ("Describing Data", "Spread"),
        "normal": ("Distributions",),
        "zscore": ("Distributions", "Standard Scores"),
        "test": ("Inference",),
        "probability": ("Chance",),
        "random": ("Chance", "Random Variables"),
    }
    return replace(
        data,
        concepts=tuple(
            replace(c, mentions=tuple(replace(m, section=sections[c.id]) for m in c.mentions))
            if c.id in sections
            else c
            for c in data.concepts
        ),
    )


async def test_weeks_and_modules_are_named_after_the_documents_sections(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(_in_sections(statistics()), owner)
    course_id, task_id = await courses.generate(owner, loaded, hoursPerWeek=2)
    assert (await courses.run_generation(task_id)).status == "completed"
    row = await course_row(courses.stores, course_id)
    headings = {"Describing Data", "Center", "Spread", "Distributions", "Standard Scores",
                "Inference", "Chance", "Random Variables"}  # fmt: skip
    weeks = row.outline["weeks"]
    titles = [w["title"] for w in weeks]
    assert all(set(t.removesuffix(" (continued)").split("; ")) <= headings for t in titles), titles
    modules = [m["title"] for w in weeks for m in w["modules"]]
    assert modules and set(modules) <= headings | {"Set theory"}, modules
    assert "Describing Data" in titles[0] or "Center" in titles[0] or "Chance" in titles[0]
    # what a single-page app reads
    query = """query($id: ID!) { course(id: $id) { ... on Course { outline { weeks {
        title modules { title minutes topics } } } } } }"""
    data = await gql(courses.stores, owner, query, id=to_global_id("Course", course_id))
    assert data["course"]["outline"]["weeks"] == [
        {
            "title": w["title"],
            "modules": [
                {
                    "title": m["title"],
                    "minutes": m["minutes"],
                    "topics": [c["title"] for c in m["concepts"]],
                }
                for m in w["modules"]
            ],
        }
        for w in weeks
    ]


async def test_running_the_job_twice_gives_the_same_course(courses: Courses) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    assert (await courses.run_generation(task_id)).status == "completed"
    stores = courses.stores
    first = await course_row(stores, course_id)
    first_graph = await graph_of(stores, course_id)
    first_questions = (await stores.vectors.qa_for_courses([course_id]))[course_id]

    data = await gql(stores, owner, REGENERATE, id=to_global_id("Course", course_id),
                     input=courses.request(loaded))  # fmt: skip
    started = data["regenerateCourse"]
    assert started["__typename"] == "CourseGenerationStarted", started
    assert started["course"]["id"] == to_global_id("Course", course_id)
    second_task = started["task"]["id"]
    assert (await courses.run_generation(raw(second_task))).status == "completed"
    second = await course_row(stores, course_id)
    for column in ("title", "description", "outline", "learning_objectives", "prerequisites",
                   "assessment_methods", "resources"):  # fmt: skip
        assert getattr(second, column) == getattr(first, column), column
    assert await graph_of(stores, course_id) == first_graph
    again = (await stores.vectors.qa_for_courses([course_id]))[course_id]
    assert [(q.id, q.question, q.answer) for q in again] == [
        (q.id, q.question, q.answer) for q in first_questions
    ]
    rows, _, _ = await stores.graph_writer.driver.execute_query(
        "MATCH (o:LearningObjective) WHERE o.id IN $ids RETURN count(o) AS n",
        ids=[o["id"] for o in first_graph["achieves"]],
    )
    assert rows[0]["n"] == len(first_graph["achieves"])  # no duplicates, none lost


async def test_only_evidence_for_the_chosen_documents_brings_prerequisites_in(
    courses: Courses,
) -> None:
    """Concepts are shared by title: another document's edge into "Mean" (an NLP chapter's
    "Word senses") is no prerequisite of this course; the chosen document's own edge is,
    and so is an edge a person made (`Set theory`, no `document_ids`)."""
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    mean = str(loaded.titles["Mean"])
    foreign, own = str(uuid4()), str(uuid4())
    driver = courses.stores.graph_writer.driver
    await driver.execute_query(
        "UNWIND $edges AS e MERGE (p:Concept {id: e.id}) SET p.title = e.title, "
        "p.language = 'en' WITH p, e MATCH (c:Concept {id: $mean}) "
        "CREATE (p)-[:PREREQUISITE {mandatory: true, weight: 0.9, document_ids: e.docs}]->(c)",
        mean=mean,
        edges=[
            {"id": foreign, "title": "Word senses", "docs": [str(uuid4())]},
            {"id": own, "title": "Summation", "docs": [str(loaded.documents["stats"])]},
        ],
    )
    try:
        course_id, task_id = await courses.generate(owner, loaded, hoursPerWeek=2)
        assert (await courses.run_generation(task_id)).status == "completed"
        row = await course_row(courses.stores, course_id)
        needed = {p["title"] for p in row.prerequisites or []}
        placed = {c["title"] for w in row.outline["weeks"] for m in w["modules"]
                  for c in m["concepts"]}  # fmt: skip
        assert "Word senses" not in needed | placed
        assert "Summation" in needed | placed and "Set theory" in needed | placed
    finally:
        await driver.execute_query(
            "MATCH (p:Concept) WHERE p.id IN $ids DETACH DELETE p", ids=[foreign, own]
        )
