"""Properties every plan must have, shared by the planning tests."""

from __future__ import annotations

import re

from jobs.planning import CoursePlan, PlanningInput
from jobs.planning.graph import CourseGraph
from jobs.planning.objectives import BLOOM_ORDER
from jobs.planning.ordering import against_reading_order

CJK = re.compile(r"[\u4e00-\u9fff]")


def positions(plan: CoursePlan) -> dict[str, tuple[int, int]]:
    return {p.concept_id: (p.week, p.order) for p in plan.placements}


def assert_sound(plan: CoursePlan, data: PlanningInput) -> None:
    where = positions(plan)
    # No concept before a kept prerequisite; mandatory ones are never broken silently. An
    # optional one read after its dependent is left out by rule (ordering.py), not kept,
    # and so is one read after the place a mandatory edge pulled its dependent to (not
    # in the slot's `advised`).
    broken = {(b.prerequisite, b.concept) for b in plan.report.broken_cycles}
    graph = CourseGraph.build(data)
    advised = {s.concept_id: s.advised for w in plan.weeks for s in w.slots}
    for edge in data.prerequisites:
        pair = (edge.prerequisite, edge.concept)
        if edge.concept in where and edge.prerequisite in where and pair not in broken:
            if against_reading_order(graph, edge):
                continue
            if not edge.mandatory and edge.prerequisite not in advised[edge.concept]:
                continue
            assert where[edge.prerequisite] < where[edge.concept], pair
    # Every week within its hours, numbered 1..n, orders 1..k within a week.
    assert len(plan.weeks) == data.request.duration_weeks
    for number, week in enumerate(plan.weeks, start=1):
        assert week.week == number
        assert week.minutes == sum(s.minutes for s in week.slots)
        assert week.minutes <= data.request.hours_per_week * 60
        assert [s.order for s in week.slots] == list(range(1, len(week.slots) + 1))
    # Objectives: a Bloom level, a measurable verb at the start (en) or inside (zh).
    for objective in plan.objectives:
        assert objective.bloom_level in BLOOM_ORDER
        assert objective.measurable
        assert objective.verb in objective.description
        if plan.language.startswith("zh"):
            assert CJK.search(objective.description)
        else:
            assert objective.description.startswith(objective.verb)
    every_objective = {o.id for o in plan.objectives}
    for slot in (s for w in plan.weeks for s in w.slots):
        assert slot.objective_ids and set(slot.objective_ids) <= every_objective
    # Assessments tied to existing objectives; weights add up to 1.
    for assessment in plan.assessment_methods:
        assert assessment.objective_ids and set(assessment.objective_ids) <= every_objective
    if plan.assessment_methods:
        assert abs(sum(a.weight for a in plan.assessment_methods) - 1.0) < 1e-9
    # Resources point to real pages.
    pages = {d.id: d.page_count for d in data.documents}
    for resource in plan.resources:
        limit = pages[resource.document_id] or 10**9
        assert all(1 <= p <= limit for p in resource.pages)
    # Nothing dropped silently: each concept of the documents is taught or left out.
    chosen = set(data.request.document_ids)
    mentioned = {c.id for c in data.concepts if any(m.document_id in chosen for m in c.mentions)}
    left = [x.concept_id for x in plan.report.left_out]
    assert len(left) == len(set(left))
    assert not set(left) & set(where)
    assert mentioned <= set(where) | set(left)
    assert len(plan.placements) == len(where)
    # A taught concept's mandatory prerequisite is taught, listed, or assumed vocabulary
    # (or the course's name, which heads most documents' covers: graph.course_names).
    brought = {p.concept_id for p in (*plan.prerequisites, *plan.report.vocabulary_assumed)}
    brought |= {x.concept_id for x in plan.report.left_out if x.reason == "course_name"}
    for edge in data.prerequisites:
        if edge.mandatory and edge.concept in where and edge.prerequisite not in where:
            assert edge.prerequisite in brought, (edge.prerequisite, edge.concept)
