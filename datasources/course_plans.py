"""Course generation's writes, on the course writer's pattern (datasources/courses.py):
PostgreSQL commits only after Neo4j succeeded, and the course's cache entry is dropped.

- `create`: a draft course, its graph node and its `course_generation` task, one unit.
- `regenerate`: a new task for an existing course (its owner or an admin), refused
  while another generation of it is queued or running; the course is not touched.
- `write`: a planned course in one unit: the columns, `metadata.generation`, the
  course_documents set, and (datasources/neo4j/course_plan.py) the Course node,
  CONTAINS and the planner's objectives, all replaced. The course row is locked for
  the write, so two writes of the same course never interleave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert

from datasources.courses import CourseWriter, Refused, course_hours, course_record, writable
from datasources.neo4j.bulk import Achieves, Contains, CourseNode, ObjectiveNode
from datasources.neo4j.course_plan import CourseGraph, write_course_graph
from datasources.postgres.base import SYSTEM_VIEWER, Viewer
from datasources.postgres.models import Course, CourseDocument, GenerationTask, task_subject
from datasources.postgres.records import CourseRecord, GenerationTaskRecord
from datasources.tasks import TASK_COLUMNS, Busy, new_task, running

TASK_TYPE = "course_generation"


@dataclass(frozen=True, slots=True)
class GenerationRequest:
    """The generateCourse input as the task payload keeps it (`payload["request"]`):
    the API writes it, the job reads it back. Ids are the raw UUIDs as strings."""

    document_ids: tuple[str, ...]
    duration_weeks: int
    hours_per_week: int
    title: str | None = None
    target_audience: str | None = None
    difficulty_level: str | None = None
    language: str | None = None
    focus_concept_ids: tuple[str, ...] = ()
    exclude_concept_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "document_ids": list(self.document_ids),
            "duration_weeks": self.duration_weeks,
            "hours_per_week": self.hours_per_week,
            "title": self.title,
            "target_audience": self.target_audience,
            "difficulty_level": self.difficulty_level,
            "language": self.language,
            "focus_concept_ids": list(self.focus_concept_ids),
            "exclude_concept_ids": list(self.exclude_concept_ids),
        }

    @classmethod
    def from_json(cls, raw: Any) -> GenerationRequest:
        """ValueError when the payload is not one `to_json` wrote."""
        if not isinstance(raw, Mapping):
            raise ValueError("the task payload has no generation request")
        try:
            return cls(
                document_ids=tuple(str(i) for i in raw["document_ids"]),
                duration_weeks=int(raw["duration_weeks"]),
                hours_per_week=int(raw["hours_per_week"]),
                title=raw.get("title"),
                target_audience=raw.get("target_audience"),
                difficulty_level=raw.get("difficulty_level"),
                language=raw.get("language"),
                focus_concept_ids=tuple(str(i) for i in raw.get("focus_concept_ids") or ()),
                exclude_concept_ids=tuple(str(i) for i in raw.get("exclude_concept_ids") or ()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"the task's generation request is malformed ({exc!r})") from None


@dataclass(frozen=True, slots=True)
class CourseLink:
    document_id: UUID
    relevance_score: Decimal
    usage_type: str


@dataclass(frozen=True, slots=True)
class PlanWrite:
    """What a planned course stores, as plain values (the job builds it from the plan)."""

    columns: Mapping[str, Any]  # the writable courses columns
    generation: Mapping[str, Any]  # stored as metadata["generation"]
    links: Sequence[CourseLink]
    placements: Sequence[Contains]
    objectives: Sequence[ObjectiveNode]
    achievements: Sequence[Achieves]


def planner_objective_ids(row: Course) -> set[UUID]:
    """The objectives a stored plan made (course-level and per week), by id."""
    items = list(row.learning_objectives or [])
    weeks = row.outline.get("weeks") if isinstance(row.outline, dict) else None
    for week in weeks if isinstance(weeks, list) else []:
        if isinstance(week, dict) and isinstance(week.get("objectives"), list):
            items.extend(week["objectives"])
    ids = set()
    for item in items:
        try:
            ids.add(UUID(str(item["id"])))
        except (KeyError, TypeError, ValueError):
            continue
    return ids


class CoursePlanWriter:
    def __init__(self, courses: CourseWriter) -> None:
        self.courses = courses

    async def create(
        self, *, owner_id: UUID, values: Mapping[str, Any], request: GenerationRequest
    ) -> tuple[CourseRecord, UUID]:
        """A draft course and its pending generation task; returns both ids' rows."""
        async with self.courses.sessions() as session, session.begin():
            row = Course(id=uuid4(), user_id=owner_id, status="draft", **writable(values))
            session.add(row)
            await session.flush()
            await session.refresh(row)
            task_id = await new_task(
                session,
                user_id=owner_id,
                task_type=TASK_TYPE,
                payload={"course_id": str(row.id), "request": request.to_json()},
            )
            await self.courses.node(row)
        return course_record(row), task_id

    async def regenerate(
        self,
        course_id: UUID,
        *,
        editor: Viewer,
        requester: UUID,
        request: GenerationRequest,
        stale_after: timedelta,
    ) -> tuple[CourseRecord, UUID] | Refused | Busy:
        async with self.courses.sessions() as session, session.begin():
            row = await self.courses.locked(session, course_id, editor)
            if row is None:
                return Refused.COURSE
            # Under the course's row lock: two regenerations cannot both pass this.
            latest = (
                await session.execute(
                    select(*TASK_COLUMNS)
                    .where(
                        GenerationTask.task_type == TASK_TYPE,
                        task_subject("course_id") == str(course_id),
                    )
                    .order_by(GenerationTask.created_at.desc())
                    .limit(1)
                )
            ).first()
            previous = GenerationTaskRecord(*latest) if latest is not None else None
            if previous is not None and running(previous, stale_after=stale_after):
                return Busy(previous.id)
            task_id = await new_task(
                session,
                user_id=requester,  # the task (and its progress) is the requester's
                task_type=TASK_TYPE,
                payload={"course_id": str(course_id), "request": request.to_json()},
            )
        return course_record(row), task_id

    async def discard(self, course_id: UUID) -> None:
        """Remove a course whose first generation could not even be queued."""
        await self.courses.delete(course_id, editor=SYSTEM_VIEWER)

    async def write(self, course_id: UUID, plan: PlanWrite) -> CourseRecord | None:
        """The planned course, all or nothing; None when the course was deleted meanwhile."""
        courses = self.courses
        async with courses.sessions() as session, session.begin():
            row = await session.get(Course, course_id, with_for_update=True)
            if row is None:
                return None
            kept = {o.id for o in plan.objectives}
            dropped = sorted(planner_objective_ids(row) - kept, key=str)
            for key, value in writable(plan.columns).items():
                setattr(row, key, value)
            row.metadata_ = {**(row.metadata_ or {}), "generation": dict(plan.generation)}
            row.updated_at = datetime.now(UTC)
            await session.execute(
                delete(CourseDocument).where(CourseDocument.course_id == course_id)
            )
            if plan.links:
                await session.execute(
                    insert(CourseDocument),
                    [
                        {
                            "course_id": course_id,
                            "document_id": link.document_id,
                            "relevance_score": link.relevance_score,
                            "usage_type": link.usage_type,
                        }
                        for link in plan.links
                    ],
                )
            await session.flush()
            await session.refresh(row)
            graph = courses.graph
            await write_course_graph(
                graph.driver,
                database=graph.database,
                seconds=graph.timeout,  # a job's stores: WORKER_STORE_TIMEOUT_SECONDS
                plan=CourseGraph(
                    course=CourseNode(
                        id=course_id,
                        title=row.title,
                        difficulty=row.difficulty_level,
                        duration_hours=course_hours(row.duration_weeks, row.hours_per_week),
                    ),
                    placements=plan.placements,
                    objectives=plan.objectives,
                    achievements=plan.achievements,
                    dropped_objectives=dropped,
                ),
            )
        await courses.forget(course_id)
        return course_record(row)
