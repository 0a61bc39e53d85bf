"""`make eval-course`'s harness on a chapter of our own (the corpus is not needed):
the in-memory graph stores a chapter as the job does, and the scores count what
BENCHMARKS.md says they count."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from eval.course import Course, _measurable, _violations, planning, score_course
from eval.course_graph import StoredGraph
from eval.judged import Chapter
from jobs.pipeline.analyse import analyse_file
from jobs.planning import plan_course

TEXT = """# Limits

A **limit** is the value that a function approaches as its input approaches some point.
For example, the limit of 1/x as x grows is 0.

# Derivatives

The **derivative** of a function is the limit of its difference quotient.
Computing a derivative requires the limit. For example, the derivative of x² is 2x.

$$f'(x) = \\lim_{h \\to 0} (f(x+h) - f(x)) / h$$

# The chain rule

The **chain rule** is the rule for the derivative of a composite function.
Using the chain rule requires the derivative of each part.
"""
JUDGED = Chapter(
    "calc",
    held_out=False,
    concepts={
        "limit": {"en": ["limit"]},
        "derivative": {"en": ["derivative", "derivatives"]},
        "chain_rule": {"en": ["chain rule"]},
        "integral": {"en": ["integral"]},  # not in the text: judged, never found
    },
    pairs=[("limit", "derivative"), ("derivative", "chain_rule")],
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> StoredGraph:
    path: Path = tmp_path_factory.mktemp("eval") / "calc.md"
    path.write_text(TEXT, encoding="utf-8")
    stored = StoredGraph()
    stored.add("calc", analyse_file(path, language="en"), title="Calculus")
    return stored


def test_a_course_of_the_chapter_is_scored_on_the_judged_set(graph: StoredGraph) -> None:
    course = Course("calc", ("calc",), weeks=2, hours=3)
    data = planning(graph, course, "en")
    assert {c.title for c in data.concepts} >= {"limit", "derivative", "chain rule"}
    plan = plan_course(data)
    score = score_course(data, plan, course, "en", judged=lambda _: JUDGED)["calc"]
    assert (score.judged, score.found, score.included) == (4, 3, 3)
    assert score.weight_found == 2 + 3 + 2  # 1 + the judged pairs each is part of
    assert (score.pairs, score.right) == (2, 2)
    assert score.violations == 0 and score.over == 0 and score.weeks == 2
    assert score.objectives == score.objectives_ok > 0
    assert score.pages == score.pages_ok > 0


def test_violations_count_a_concept_before_its_mandatory_prerequisite(
    graph: StoredGraph,
) -> None:
    course = Course("calc", ("calc",), weeks=2, hours=3)
    data = planning(graph, course, "en")
    plan = plan_course(data)
    order = [s.concept_id for w in plan.weeks for s in w.slots]
    mandatory = sum(1 for e in data.prerequisites if e.mandatory)
    assert mandatory and _violations(data, plan, {c: i for i, c in enumerate(order)}) == 0
    backwards = {c: -i for i, c in enumerate(order)}
    assert _violations(data, plan, backwards) == mandatory
    # a prerequisite neither taught nor a course prerequisite is a violation too
    edge = next(e for e in data.prerequisites if e.mandatory)
    untaught = {c: i for i, c in enumerate(order) if c != edge.prerequisite}
    assert _violations(data, replace(plan, prerequisites=()), untaught) >= 1


def test_the_stored_graph_drops_an_edge_that_would_close_a_cycle() -> None:
    stored = StoredGraph()
    stored._place("a", "b", True, 0.9)
    stored._place("b", "c", True, 0.9)
    stored._place("c", "a", True, 0.9)  # would close a → b → c → a: dropped
    stored._place("a", "b", False, 0.95)  # again, weaker: stays mandatory, weight grows
    assert set(stored.prerequisites) == {("a", "b"), ("b", "c")}
    assert stored.prerequisites["a", "b"].mandatory
    assert stored.prerequisites["a", "b"].weight == 0.95


def test_objectives_need_a_measurable_verb_of_their_level_in_the_course_language() -> None:
    assert _measurable("apply", "Apply", "Apply the chain rule to problems.", "en")
    assert not _measurable("apply", "Define", "Define the chain rule.", "en")
    assert not _measurable("apply", "Apply", "You will apply the chain rule.", "en")
    assert _measurable("understand", "解释", "用自己的话解释导数。", "zh-CN")
    assert not _measurable("understand", "Explain", "Explain the derivative.", "zh-CN")
    assert not _measurable("recall", "Define", "Define the derivative.", "en")
