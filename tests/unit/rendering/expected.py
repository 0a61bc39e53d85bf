"""What an export of a planned course must contain, as text."""

from __future__ import annotations

from jobs.planning import CoursePlan
from jobs.rendering.labels import Labels
from tests.readers import squash

__all__ = ["expected_texts", "missing", "squash"]


def expected_texts(plan: CoursePlan) -> list[str]:
    t = Labels(plan.language)
    texts = [plan.title, plan.description]
    texts += [o.description for o in plan.objectives]
    texts += [p.title for p in plan.prerequisites]
    for week in plan.weeks:
        texts.append(t("week_n", n=week.week) + t("colon") + week.title)
        texts += [m.title for m in week.modules]
        texts += [s.title for s in week.slots]
    texts += [a.title for a in plan.assessment_methods]
    texts += [a.description for a in plan.assessment_methods]
    for resource in plan.resources:
        texts.append(resource.title)
        if resource.page_ranges:
            texts.append(t.pages(resource.page_ranges))
    return texts


def missing(plan: CoursePlan, text: str) -> list[str]:
    flat = squash(text)
    return [s for s in expected_texts(plan) if squash(s) not in flat]
