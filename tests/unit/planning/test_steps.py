"""The planner's steps on their own: minutes, packing, cycle breaking, wording."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jobs.planning import ConceptInput, Extraction, PrerequisiteInput
from jobs.planning.graph import CourseGraph
from jobs.planning.ordering import order_concepts
from jobs.planning.packing import pack
from jobs.planning.sources import page_ranges
from jobs.planning.timing import concept_minutes
from jobs.planning.wording import join
from tests.unit.planning.graphs import statistics_input


def test_minutes_grow_with_difficulty_texts_and_volume() -> None:
    # A concept the documents define; one they only name is tested in test_timing_rules.
    defined = (Extraction("definition", "A is ...", "d", 1),)
    base = ConceptInput("a", "A", "en", "beginner", extractions=defined)
    assert concept_minutes(base, week_minutes=600) == 20 + 10
    harder = replace(base, difficulty="advanced")
    assert concept_minutes(harder, week_minutes=600) == 40 + 10
    texts = defined + tuple(Extraction("example", "e", "d", 1) for _ in range(10))
    assert concept_minutes(replace(base, extractions=texts), week_minutes=600) == 30 + 3 * 15
    assert concept_minutes(replace(base, text_volume=301), week_minutes=600) == 40
    assert concept_minutes(replace(base, text_volume=10**7), week_minutes=600) == 90
    assert concept_minutes(replace(harder, text_volume=10**7), week_minutes=60) == 60


def _pack(order, minutes, requires=None, advised=None, *, weeks, week_minutes):
    requires = requires or {}
    advised = advised or {}
    return pack(
        order,
        minutes,
        {c: requires.get(c, ()) for c in order},
        {c: advised.get(c, ()) for c in order},
        weeks=weeks,
        week_minutes=week_minutes,
    )


def test_packing_fills_gaps_from_the_next_concepts_without_breaking_prerequisites() -> None:
    minutes = {"a": 40, "b": 40, "c": 20, "d": 10, "e": 20}
    # b does not fit after a, c (ready) fills the gap; e fits by size but needs b.
    result = _pack("abcde", minutes, {"e": ("b",)}, weeks=2, week_minutes=60)
    assert result.weeks == (("a", "c"), ("b", "d"))
    assert result.left_out == (("e", "no_time"),)


def test_packing_leaves_out_the_rest_and_what_needs_it() -> None:
    minutes = {"a": 60, "b": 60, "c": 10, "d": 10}
    result = _pack("abcd", minutes, {"c": ("b",)}, {"d": ("b",)}, weeks=1, week_minutes=60)
    assert result.weeks == (("a",),)
    assert result.left_out == (("b", "no_time"), ("c", "prerequisite_left_out"), ("d", "no_time"))


def test_packing_uses_room_left_in_earlier_weeks() -> None:
    minutes = {"a": 40, "b": 60, "c": 60, "d": 20}
    # lookahead puts d into week 1 at once: a(40) + d(20)
    result = _pack("abcd", minutes, weeks=3, week_minutes=60)
    assert result.weeks == (("a", "d"), ("b",), ("c",))
    assert result.left_out == ()


def test_packing_never_puts_a_waiting_concept_before_those_ordered_ahead_of_it() -> None:
    # a leaves 20 minutes in week 1; b1..b8 fill weeks 2-9 and hide z from the lookahead.
    # z waits: the earliest week with room (week 1) put a last chapter's concept first.
    order = ["a", *(f"b{i}" for i in range(1, 9)), "z"]
    minutes = {"a": 40, **{f"b{i}": 60 for i in range(1, 9)}, "z": 20}
    result = _pack(order, minutes, weeks=9, week_minutes=60)
    assert result.weeks[0] == ("a",)
    assert result.left_out == (("z", "no_time"),)
    # with a week of room after the concepts ordered ahead of it, it goes there
    result = _pack(order, minutes, weeks=10, week_minutes=60)
    assert result.weeks[0] == ("a",) and result.weeks[9] == ("z",)


def test_cycles_are_broken_one_at_a_time_on_the_weakest_edge() -> None:
    data = statistics_input()
    extra = (
        # two cycles sharing s-var: mean→var→mean and var→sd→var
        PrerequisiteInput("s-var", "s-mean", True, 0.3),
        PrerequisiteInput("s-sd", "s-var", True, 0.5),
    )
    graph = CourseGraph.build(replace(data, prerequisites=(*data.prerequisites, *extra)))
    result = order_concepts(graph, ["s-mean", "s-var", "s-sd"])
    assert {(b.prerequisite, b.concept) for b in result.broken} == {
        ("s-var", "s-mean"),
        ("s-sd", "s-var"),
    }
    assert result.order == ("s-mean", "s-var", "s-sd")
    assert result.requires["s-sd"] == ("s-var",)


def test_a_long_cycle_reports_its_members() -> None:
    data = statistics_input()
    ring = [f"r{i}" for i in range(6)]
    concepts = tuple(ConceptInput(r, r.upper(), "en", "beginner") for r in ring)
    edges = tuple(
        PrerequisiteInput(a, b, True, 0.9 if a != "r3" else 0.4)
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
    )
    graph = CourseGraph.build(replace(data, concepts=concepts, prerequisites=edges, relations=()))
    result = order_concepts(graph, ring)
    [broken] = result.broken
    assert (broken.prerequisite, broken.concept) == ("r3", "r4")
    assert sorted(broken.cycle) == ring
    assert result.order == ("r4", "r5", "r0", "r1", "r2", "r3")


@pytest.mark.parametrize(
    ("pages", "ranges"),
    [([], ()), ([3], ((3, 3),)), ([5, 1, 2, 3, 9, 10, 2], ((1, 3), (5, 5), (9, 10)))],
)
def test_page_ranges(pages, ranges) -> None:
    assert page_ranges(pages) == ranges


def test_join_in_both_languages() -> None:
    assert join("en", ["A"]) == "A"
    assert join("en", ["A", "B", "C"]) == "A, B and C"
    assert join("en", list("ABCDEF")) == "A, B, C and 3 more"
    assert join("zh-CN", ["甲", "乙", "丙"]) == "甲、乙和丙"
    assert join("zh", list("甲乙丙丁戊")) == "甲、乙、丙等5项"


def test_a_later_documents_hint_does_not_reorder_an_earlier_one() -> None:
    """Documents come in the teacher's order: an optional prerequisite that only the second
    document introduces does not pull it ahead of what the first one teaches; a mandatory
    one still does."""
    data = statistics_input()
    chosen = ["s-types", "s-hist", "p-prob"]

    def order(mandatory: bool) -> tuple[str, ...]:
        hint = PrerequisiteInput("p-prob", "s-hist", mandatory, 0.5)
        graph = CourseGraph.build(replace(data, prerequisites=(*data.prerequisites, hint)))
        return order_concepts(graph, chosen).order

    assert order(mandatory=False) == ("s-types", "s-hist", "p-prob")
    assert order(mandatory=True) == ("s-types", "p-prob", "s-hist")


def test_a_later_sections_hint_does_not_hold_back_what_the_document_reads_first() -> None:
    """Within one document too: a physics book uses 质量 (mass) in chapter 1 and defines it
    with 惯性 in chapter 4; an optional "force before mass" read from chapter 4's sections
    must not hold mass, and what needs it, back until forces are taught. A mandatory edge
    still does."""
    data = statistics_input()
    chosen = ["s-types", "s-hist", "s-mean"]

    def order(mandatory: bool) -> tuple[str, ...]:
        hint = PrerequisiteInput("s-mean", "s-hist", mandatory, 0.5)
        graph = CourseGraph.build(replace(data, prerequisites=(*data.prerequisites, hint)))
        assert graph.reading["s-hist"] < graph.reading["s-mean"]  # one document, read first
        return order_concepts(graph, chosen).order

    assert order(mandatory=False).index("s-hist") < order(mandatory=False).index("s-mean")
    assert order(mandatory=True).index("s-mean") < order(mandatory=True).index("s-hist")


def test_a_prerequisite_pulled_ahead_is_taught_for_what_needs_it() -> None:
    """A mandatory prerequisite the second document reads is taught just before the first
    document's concept that needs it, and recorded as taught for it (through a chain of
    such pulls, for the concept read there); one read in its place is taught for itself."""
    data = statistics_input()
    chosen = ["s-types", "s-hist", "p-prob", "p-rv"]
    extra = (
        PrerequisiteInput("p-prob", "s-hist", True, 0.8),  # s-hist needs p-prob
        PrerequisiteInput("p-rv", "p-prob", True, 0.8),  # ... which needs p-rv
    )
    graph = CourseGraph.build(replace(data, prerequisites=(*data.prerequisites, *extra)))
    result = order_concepts(graph, chosen)
    assert result.order.index("p-prob") < result.order.index("s-hist")
    assert result.taught_for == {"p-prob": "s-hist", "p-rv": "s-hist"}
