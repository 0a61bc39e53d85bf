"""Bad planning input: a typed error naming the field, or a defined, reported outcome."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from bench.course_graphs import synthetic_input
from jobs.planning import (
    ConceptInput,
    ConflictingSelection,
    Extraction,
    InputTooLarge,
    InvalidBudget,
    Mention,
    NoConcepts,
    PlanningError,
    PrerequisiteInput,
    RelationInput,
    UnknownIds,
    plan_course,
)
from jobs.planning.validation import MAX_CONCEPTS, MAX_EDGES
from tests.unit.planning.checks import assert_sound, positions
from tests.unit.planning.graphs import STATS, statistics_input


@pytest.mark.parametrize(
    ("request_change", "field"),
    [
        ({"duration_weeks": 0}, "durationWeeks"),
        ({"duration_weeks": -3}, "durationWeeks"),
        ({"duration_weeks": 105}, "durationWeeks"),
        ({"hours_per_week": 0}, "hoursPerWeek"),
        ({"hours_per_week": 81}, "hoursPerWeek"),
    ],
)
def test_budget_out_of_range(request_change, field) -> None:
    with pytest.raises(InvalidBudget) as caught:
        plan_course(statistics_input(**request_change))
    assert caught.value.field == field
    assert caught.value.code == "INVALID_BUDGET"


def test_more_concepts_than_time_leaves_them_out_with_reasons() -> None:
    data = statistics_input(duration_weeks=1, hours_per_week=1)
    plan = plan_course(data)
    assert_sound(plan, data)
    assert 1 <= len(plan.placements) < len(data.concepts)
    assert {x.reason for x in plan.report.left_out} <= {"no_time", "prerequisite_left_out"}
    assert len(plan.placements) + len(plan.report.left_out) == len(data.concepts)
    assert plan.report.planned_minutes <= plan.report.available_minutes == 60


def test_a_budget_that_holds_nothing_is_an_error() -> None:
    # taught (three definitions, three examples) and long: even at the briskest pace
    # (MIN_PACE) the two, each the other's mandatory prerequisite, need more than the hour
    defined = tuple(Extraction("definition", f"A is {i}.", STATS, 1) for i in range(3))
    defined += tuple(Extraction("example", f"A as in {i}.", STATS, 1) for i in range(3))
    a = ConceptInput("a", "A", "en", "advanced", mentions=(Mention(STATS, 1, 0.9, 0),),
                     extractions=defined, text_volume=5000)  # fmt: skip
    b = replace(a, id="b", title="B")
    data = replace(
        statistics_input(duration_weeks=1, hours_per_week=1),
        concepts=(a, b),
        prerequisites=(
            PrerequisiteInput("a", "b", True, 0.9),
            PrerequisiteInput("b", "a", True, 0.8),
        ),
        relations=(),
    )
    with pytest.raises(InvalidBudget, match="hold no concept"):
        plan_course(data)


def test_documents_without_concepts() -> None:
    data = statistics_input()
    unmentioned = tuple(replace(c, mentions=()) for c in data.concepts)
    with pytest.raises(NoConcepts) as caught:
        plan_course(replace(data, concepts=unmentioned))
    assert caught.value.field == "documentIds"
    with pytest.raises(NoConcepts):
        plan_course(replace(data, concepts=(), prerequisites=(), relations=()))


def test_every_concept_excluded() -> None:
    data = statistics_input()
    with pytest.raises(NoConcepts) as caught:
        plan_course(statistics_input(exclude_concept_ids=tuple(c.id for c in data.concepts)))
    assert caught.value.field == "excludeConceptIds"


def test_focus_and_exclude_overlap() -> None:
    with pytest.raises(ConflictingSelection) as caught:
        plan_course(statistics_input(focus_concept_ids=("s-sd",), exclude_concept_ids=("s-sd",)))
    assert caught.value.field == "excludeConceptIds"
    assert "s-sd" in str(caught.value)


def test_excluded_concept_a_focus_needs_becomes_a_course_prerequisite() -> None:
    data = statistics_input(focus_concept_ids=("s-sd",), exclude_concept_ids=("s-var",))
    plan = plan_course(data)
    assert_sound(plan, data)
    where = positions(plan)
    assert "s-sd" in where and "s-var" not in where
    needed = {p.concept_id: p for p in plan.prerequisites}
    assert needed["s-var"].reason == "excluded"
    assert needed["s-var"].required_by == ("s-sd",)
    assert ("s-var", "excluded") in {(x.concept_id, x.reason) for x in plan.report.left_out}


def test_focus_brings_its_prerequisites_even_from_outside_the_documents() -> None:
    data = statistics_input(duration_weeks=4, hours_per_week=3, focus_concept_ids=("p-clt",))
    outside = ConceptInput("x-algebra", "Algebra", "en", "beginner")
    data = replace(
        data,
        concepts=(*data.concepts, outside),
        prerequisites=(*data.prerequisites, PrerequisiteInput("x-algebra", "p-rv", True, 0.9)),
    )
    plan = plan_course(data)
    assert_sound(plan, data)
    where = positions(plan)
    assert {"p-clt", "p-normal", "p-rv", "p-prob", "s-sampling", "x-algebra"} <= set(where)
    added = {(a.concept_id, a.for_concept) for a in plan.report.prerequisites_added}
    assert ("x-algebra", "p-clt") in added and ("p-prob", "p-clt") in added
    # an ordinary concept's prerequisite outside the documents is a course prerequisite
    roomy = replace(data.request, focus_concept_ids=(), duration_weeks=20, hours_per_week=10)
    ordinary = plan_course(replace(data, request=roomy))
    assert "p-rv" in positions(ordinary) and "x-algebra" not in positions(ordinary)
    [needed] = ordinary.prerequisites
    assert (needed.concept_id, needed.title, needed.reason) == (
        "x-algebra",
        "Algebra",
        "not_in_documents",
    )
    assert needed.required_by == ("p-rv",)


def test_focus_that_does_not_fit_is_reported() -> None:
    plan = plan_course(
        statistics_input(duration_weeks=1, hours_per_week=1, focus_concept_ids=("p-clt",))
    )
    assert ("p-clt", "no_time") in {(x.concept_id, x.reason) for x in plan.report.left_out}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"focus_concept_ids": ("nope",)}, "focusConceptIds"),
        ({"exclude_concept_ids": ("nope", "nada")}, "excludeConceptIds"),
        ({"document_ids": (STATS, "doc-missing")}, "documentIds"),
    ],
)
def test_unknown_ids(change, field) -> None:
    with pytest.raises(UnknownIds) as caught:
        plan_course(statistics_input(**change))
    assert caught.value.field == field
    assert "nope" in str(caught.value) or "doc-missing" in str(caught.value)


def test_edges_to_unknown_concepts() -> None:
    data = statistics_input()
    for bad in (
        {"prerequisites": (PrerequisiteInput("ghost", "s-mean", True, 0.5),)},
        {"relations": (RelationInput("s-mean", "ghost", "similar", 0.5),)},
    ):
        with pytest.raises(UnknownIds, match="ghost"):
            plan_course(replace(data, **bad))


@pytest.mark.parametrize(
    "change",
    [
        {"document_ids": ()},
        {"document_ids": (STATS, STATS)},
        {"difficulty_level": "expert"},
    ],
)
def test_bad_request_values(change) -> None:
    with pytest.raises(PlanningError):
        plan_course(statistics_input(**change))


def test_bad_graph_values() -> None:
    data = statistics_input()
    first = data.concepts[0]
    for concepts in (
        (*data.concepts, first),
        (replace(first, difficulty="easy"), *data.concepts[1:]),
        (replace(first, text_volume=-1), *data.concepts[1:]),
        (replace(first, mentions=(Mention(STATS, 1, 1.5, 0),)), *data.concepts[1:]),
    ):
        with pytest.raises(PlanningError):
            plan_course(replace(data, concepts=concepts))
    for weight in (math.nan, -0.1, 2.0):
        edge = PrerequisiteInput("s-mean", "s-var", True, weight)
        with pytest.raises(PlanningError, match="weight"):
            plan_course(replace(data, prerequisites=(edge,)))


def test_a_cycle_of_mandatory_edges_is_broken_on_its_weakest_edge() -> None:
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    cycle = (
        PrerequisiteInput("s-sd", "s-mean", True, 0.2),  # closes mean → var → sd → mean
        PrerequisiteInput("s-median", "s-median", True, 1.0),  # a self-loop is one too
    )
    data = replace(data, prerequisites=(*data.prerequisites, *cycle))
    plan = plan_course(data)
    assert_sound(plan, data)
    loop, broken = plan.report.broken_cycles
    assert (loop.prerequisite, loop.concept, loop.cycle) == ("s-median", "s-median", ("s-median",))
    assert (broken.prerequisite, broken.concept, broken.mandatory) == ("s-sd", "s-mean", True)
    assert set(broken.cycle) == {"s-mean", "s-var", "s-sd"}
    where = positions(plan)
    assert where["s-mean"] < where["s-var"] < where["s-sd"]


def test_an_optional_edge_is_broken_before_a_stronger_mandatory_one() -> None:
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    edges = (
        # forward in reading order, closing a cycle with a weak mandatory edge back
        PrerequisiteInput("s-hist", "s-mean", False, 0.99),
        PrerequisiteInput("s-mean", "s-hist", True, 0.1),
        PrerequisiteInput("s-sd", "s-var", True, 0.1),
        # an optional edge back against the reading order is left out before any cycle
        PrerequisiteInput("s-var", "s-mean", False, 0.99),
    )
    plan = plan_course(replace(data, prerequisites=(*data.prerequisites, *edges)))
    assert_sound(plan, replace(data, prerequisites=(*data.prerequisites, *edges)))
    broken = {(b.prerequisite, b.concept) for b in plan.report.broken_cycles}
    assert ("s-hist", "s-mean") in broken  # optional, though heavier
    assert ("s-mean", "s-hist") not in broken
    assert ("s-sd", "s-var") in broken or ("s-var", "s-sd") in broken
    assert ("s-var", "s-mean") not in broken
    where = positions(plan)
    assert where["s-mean"] < where["s-hist"] and where["s-mean"] < where["s-var"]


def test_huge_input_is_refused_and_a_large_one_planned() -> None:
    data = statistics_input()
    too_many = tuple(replace(data.concepts[0], id=f"c{i}") for i in range(MAX_CONCEPTS + 1))
    with pytest.raises(InputTooLarge):
        plan_course(replace(data, concepts=too_many, prerequisites=(), relations=()))
    edges = (PrerequisiteInput("s-mean", "s-var", True, 0.5),) * (MAX_EDGES + 1)
    with pytest.raises(InputTooLarge):
        plan_course(replace(data, prerequisites=edges))
    large = synthetic_input(50, backward_share=0.02)
    plan = plan_course(large)
    assert_sound(plan, large)
    assert len(large.concepts) == 5_000 and len(large.prerequisites) == 20_000
