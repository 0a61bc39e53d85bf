"""Courses to export: planned from the test graphs, stored and read back as JSON."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from jobs.planning import CoursePlan, plan_course
from jobs.rendering.course import ExportCourse
from tests.unit.planning.graphs import linear_algebra_input, statistics_input


def stored(plan: CoursePlan) -> dict[str, Any]:
    """The row as PostgreSQL gives it back: JSONB columns through JSON."""
    return orjson.loads(orjson.dumps(plan.columns()))  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def en_plan() -> CoursePlan:
    return plan_course(statistics_input(duration_weeks=12, hours_per_week=3))


@pytest.fixture(scope="session")
def zh_plan() -> CoursePlan:
    return plan_course(linear_algebra_input(duration_weeks=12, hours_per_week=3))


@pytest.fixture(scope="session", params=["en", "zh"])
def plan(request: pytest.FixtureRequest, en_plan: CoursePlan, zh_plan: CoursePlan) -> CoursePlan:
    return en_plan if request.param == "en" else zh_plan


@pytest.fixture(scope="session")
def course(plan: CoursePlan) -> ExportCourse:
    return ExportCourse.from_columns(stored(plan))
