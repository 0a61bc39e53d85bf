"""Helpers for the course generation and export tests (real stores, the job in process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from bench.course_store import LoadedGraph, load_graph, remove
from datasources.settings import Settings
from datasources.stores import Stores
from jobs.planning import PlanningInput
from jobs.tasks import course_generation
from jobs.tasks import export as export_job
from jobs.tasks.lifecycle import Outcome, run_task
from resolvers.context import Principal
from resolvers.ids import from_global_id, to_global_id
from schema.root import build_schema
from tests.factories import World, context_for

SCHEMA = build_schema()

GENERATE = """mutation($input: GenerateCourseInput!) { generateCourse(input: $input) {
  __typename
  ... on CourseGenerationStarted { course { id title status } task { id status taskType } }
  ... on InvalidInput { message field } ... on NotFound { message }
  ... on Conflict { message } } }"""
REGENERATE = """mutation($id: ID!, $input: GenerateCourseInput!) {
  regenerateCourse(courseId: $id, input: $input) { __typename
  ... on CourseGenerationStarted { course { id } task { id } }
  ... on InvalidInput { message field } ... on NotFound { message }
  ... on Conflict { message } } }"""
EXPORT = """mutation($id: ID!, $format: ExportFormat!, $options: JSON) {
  exportCourse(courseId: $id, format: $format, options: $options) { __typename
  ... on ExportStarted { export { id status format } task { id taskType } }
  ... on InvalidInput { message field } ... on NotFound { message } } }"""


async def gql(stores: Stores, principal: Principal | None, query: str, **variables: Any) -> Any:
    result = await SCHEMA.execute(
        query, variable_values=variables, context_value=context_for(stores, principal)
    )
    assert result.errors is None, result.errors
    return result.data


def raw(global_id: str) -> UUID:
    return from_global_id(global_id)[1]


@dataclass
class Courses:
    """A world with course graphs loaded; removes what it loaded afterwards."""

    world: World
    settings: Settings
    graphs: list[LoadedGraph] = field(default_factory=list)
    courses: list[UUID] = field(default_factory=list)

    @property
    def stores(self) -> Stores:
        return self.world.stores

    async def load(
        self, data: PlanningInput, owner: Principal, status: dict[str, str] | None = None
    ) -> LoadedGraph:
        loaded = await load_graph(self.stores, data, owner_id=owner.user_id, status=status)
        self.graphs.append(loaded)
        return loaded

    def request(self, loaded: LoadedGraph, **extra: Any) -> dict[str, Any]:
        return {
            "documentIds": [to_global_id("Document", d) for d in loaded.document_ids()],
            "durationWeeks": 4,
            "hoursPerWeek": 3,
            **extra,
        }

    async def generate(
        self, owner: Principal, loaded: LoadedGraph, **extra: Any
    ) -> tuple[UUID, UUID]:
        """generateCourse, checked to be accepted; (course id, task id)."""
        data = await gql(self.stores, owner, GENERATE, input=self.request(loaded, **extra))
        started = data["generateCourse"]
        assert started["__typename"] == "CourseGenerationStarted", started
        course = raw(started["course"]["id"])
        self.courses.append(course)
        return course, raw(started["task"]["id"])

    async def run_generation(
        self, task_id: UUID, *, attempt: int = 1, stores: Stores | None = None
    ) -> Outcome:
        return await run_task(
            stores or self.stores,
            self.settings,
            task_id,
            attempt=attempt,
            work=course_generation.generate,
        )

    async def run_export(self, task_id: UUID, *, stores: Stores | None = None) -> Outcome:
        return await run_task(
            stores or self.stores,
            self.settings,
            task_id,
            attempt=1,
            work=export_job.export,
            on_failed=export_job.export_failed,
        )

    async def cleanup(self) -> None:
        for loaded in self.graphs:
            await remove(self.stores, loaded, self.courses)
        self.courses.clear()
