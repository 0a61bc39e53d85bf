# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose
"""The chat rewrite's checks and fallbacks; the planner's input from store records."""

from __future__ import annotations

import asyncio
import json
import math
import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from datasources.chat import ChatError, ChatMessage
from datasources.neo4j.planning import GraphEdge, GraphMention
from jobs.courses.inputs import MAX_HEADING_CHARS, MAX_HEADINGS, planning_input, reading_units
from jobs.courses.rewrite import Item, acceptable, rewrite_plan
from jobs.planning import PlanningInput, plan_course
from tests.course_data import chinese, statistics
from tests.unit.courses.fakes import world_of

OBJECTIVE = Item("objective", "Explain Variance in your own words.", "Explain")
CHINESE = Item("objective", "用自己的话解释方差。", "解释")


@pytest.mark.parametrize(
    ("item", "new", "kept"),
    [
        (OBJECTIVE, "Explain variance clearly, in your own words.", True),
        (OBJECTIVE, "Describe variance in your own words.", False),  # verb changed
        (OBJECTIVE, "<b>Explain</b> Variance in your own words.", False),
        (OBJECTIVE, "Explain **Variance** in your own words.", False),
        (OBJECTIVE, "Explain [Variance](http://x) in your own words.", False),
        (OBJECTIVE, "Explain Variance\u202e in your own words.", False),
        (OBJECTIVE, "Explain Variance \x07 in your own words.", False),
        (OBJECTIVE, "Explain Variance \ud800 in your own words.", False),  # not Unicode
        (OBJECTIVE, "Explain.", False),  # far shorter than the original
        (OBJECTIVE, "Explain " + "very " * 100 + "much.", False),  # far longer
        (OBJECTIVE, "Explain 方差，用你自己的话说明它的含义。", False),  # another language
        (OBJECTIVE, 42, False),
        (CHINESE, "请用自己的话解释方差的含义。", True),
        (CHINESE, "Explain variance in your own words.", False),
        (Item("question", "What is Variance?"), "- What is Variance?", False),
        (Item("question", "What is Variance?"), "# What is Variance?", False),
        (Item("question", "What is Variance?"), "What does variance measure?", True),
    ],
)
def test_acceptable_rewrites(item: Item, new: Any, kept: bool) -> None:
    assert (acceptable(item, new) is not None) is kept


class Scripted:
    """A ChatModel (our interface) that answers from a script."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.messages: list[Sequence[ChatMessage]] = []

    async def complete(self, messages: Sequence[ChatMessage], *, max_tokens: int) -> str:
        self.messages.append(messages)
        if isinstance(self.answer, Exception):
            raise self.answer
        if self.answer == "slow":
            await asyncio.sleep(5)
        texts = json.loads(messages[1]["content"])["texts"]
        return str(self.answer(texts))

    async def close(self) -> None:
        return None


async def test_a_plan_is_rewritten_where_the_model_did_well_and_kept_elsewhere() -> None:
    plan = plan_course(statistics())

    def answer(texts: list[dict[str, str]]) -> str:
        out = [t["text"] + " (reviewed)" if t["kind"] != "question" else "```" for t in texts]
        return "```json\n" + json.dumps({"texts": out}) + "\n```"

    rewritten, report = await rewrite_plan(plan, Scripted(answer), deadline_seconds=5)
    assert rewritten.description == plan.description + " (reviewed)"
    assert all(o.description.endswith("(reviewed)") for o in rewritten.objectives)
    assert [o.id for o in rewritten.objectives] == [o.id for o in plan.objectives]
    assert rewritten.questions == plan.questions  # every question's answer was refused
    assert report.asked == 1 + len(plan.objectives) + len(plan.questions)
    assert report.accepted == 1 + len(plan.objectives) and report.error is None
    outline = rewritten.outline()
    assert outline["summary"] == rewritten.description
    assert outline["weeks"][0]["objectives"][0]["description"].endswith("(reviewed)")


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (ChatError("no answer within 1s"), "no answer within 1s"),
        (lambda texts: "not json at all", "the reply is not JSON"),
        (lambda texts: json.dumps({"texts": ["one"]}), "expected"),
        (lambda texts: json.dumps(["a", "b"]), "expected"),
        ("slow", "timed out"),
    ],
)
async def test_any_failure_keeps_the_planners_text(answer: Any, error: str) -> None:
    plan = plan_course(chinese())
    rewritten, report = await rewrite_plan(plan, Scripted(answer), deadline_seconds=0.5)
    assert rewritten == plan
    assert report.accepted == 0 and error in (report.error or "")


def test_store_records_become_the_planners_input() -> None:
    world = world_of(statistics(), title="Stats", focus_concept_ids=["zscore"])
    data = planning_input(
        uuid.uuid4(), world.request, list(world.documents.values()), world.graph,
        world.extractions,
    )  # fmt: skip
    by_title = {c.title: c for c in data.concepts}
    assert data.request.title == "Stats" and len(data.request.focus_concept_ids) == 1
    assert [d.filename for d in data.documents] == ["stats.pdf", "probability-notes.pdf"]
    assert by_title["Variance"].difficulty == "intermediate"
    assert {e.kind for e in by_title["Variance"].extractions} == {
        "definition",
        "example",
        "formula",
    }
    assert by_title["Variance"].text_volume > 10
    assert by_title["Set theory"].mentions == () and by_title["Set theory"].language == "en"
    orders = sorted((m.order, c.title) for c in data.concepts for m in c.mentions
                    if m.document_id == data.documents[0].id)  # fmt: skip
    assert [t for _, t in orders][:3] == ["Variable", "Mean", "Variance"]  # by page
    assert plan_course(data).placements


def test_a_documents_length_reaches_the_planner() -> None:
    """documents.word_count tells the planner a whole book (shared out by chapter)."""
    data = statistics()
    books = tuple(replace(d, word_count=120_000 + i) for i, d in enumerate(data.documents))
    world = world_of(replace(data, documents=books))
    read = planning_input(
        uuid.uuid4(), world.request, list(world.documents.values()), world.graph,
        world.extractions,
    )  # fmt: skip
    assert [d.word_count for d in read.documents] == [120_000, 120_001]


def test_stored_values_are_read_leniently() -> None:
    world = world_of(statistics())
    concept = next(iter(world.graph.concepts))
    document = next(iter(world.documents))
    world.graph.mentions.append(GraphMention(concept, str(document), -3, math.nan, None))
    world.graph.prerequisites.append(GraphEdge(concept, concept, mandatory=None, weight=7.0))
    world.graph.relations.append(GraphEdge(concept, "not-in-the-graph", type=None, strength=None))
    data = planning_input(
        uuid.uuid4(), world.request, list(world.documents.values()), world.graph,
        world.extractions,
    )  # fmt: skip
    odd = [m for c in data.concepts for m in c.mentions if m.page is None]
    assert odd and odd[0].confidence == 0.5
    loop = [e for e in data.prerequisites if e.prerequisite == e.concept]
    assert loop[0].weight == 1.0 and loop[0].mandatory is False
    assert all(r.target != "not-in-the-graph" for r in data.relations)


def _with_sections(data: PlanningInput) -> PlanningInput:
    """statistics() with each concept in a section of its first document."""
    concepts = []
    for i, c in enumerate(data.concepts):
        mentions = tuple(
            replace(m, section=("Chapter", f"Section {i % 3}")) if j == 0 else m
            for j, m in enumerate(c.mentions)
        )
        concepts.append(replace(c, mentions=mentions))
    return replace(data, concepts=tuple(concepts))


def test_the_section_of_each_concept_is_read_from_its_concept_row() -> None:
    data = _with_sections(statistics())
    world = world_of(data)
    read = planning_input(
        uuid.uuid4(), world.request, list(world.documents.values()), world.graph,
        world.extractions,
    )  # fmt: skip
    wanted = {c.title: [m.section for m in c.mentions] for c in data.concepts}
    assert {c.title: [m.section for m in c.mentions] for c in read.concepts} == wanted
    assert any(s for sections in wanted.values() for s in sections)


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        (["Atoms", "Isotopes"], ("Atoms", "Isotopes")),
        (["  Atoms \n and   Ions "], ("Atoms and Ions",)),
        (["x" * 5000], ("x" * MAX_HEADING_CHARS,)),
        ([f"h{i}" for i in range(20)], tuple(f"h{i}" for i in range(MAX_HEADINGS))),
        ("Atoms", ()),  # not a list
        ([1, 2], ()),
        (["Atoms", None], ()),
        (["Atoms", "   "], ()),  # a blank heading
        ({"a": 1}, ()),
        (None, ()),
        ([], ()),
    ],
)
def test_stored_sections_are_read_leniently(stored: Any, read: tuple[str, ...]) -> None:
    world = world_of(_with_sections(statistics()))
    for rows in world.extractions.values():
        for i, row in enumerate(rows):
            if row.extraction_type == "concept":
                rows[i] = replace(row, metadata={"section": stored})
    data = planning_input(
        uuid.uuid4(), world.request, list(world.documents.values()), world.graph,
        world.extractions,
    )  # fmt: skip
    sections = {m.section for c in data.concepts for m in c.mentions}
    assert sections <= {read, ()} and read in sections
    assert plan_course(data).weeks


@pytest.mark.parametrize("metadata", [["section"], "section", 7, None])
def test_metadata_that_is_no_object_gives_no_section(metadata: Any) -> None:
    world = world_of(_with_sections(statistics()))
    for rows in world.extractions.values():
        for i, row in enumerate(rows):
            if row.extraction_type == "concept":
                rows[i] = replace(row, metadata=metadata)
    data = planning_input(
        uuid.uuid4(), world.request, list(world.documents.values()), world.graph,
        world.extractions,
    )  # fmt: skip
    assert {m.section for c in data.concepts for m in c.mentions} == {()}
    assert plan_course(data).weeks


def test_reading_units_count_words_and_chinese_characters() -> None:
    assert reading_units("The mean of 3 values") == 5
    assert reading_units("平均数是数值之和") == 8
    assert reading_units("z-score 标准分") == 5
