"""The caller's background work and keys: tasks, exports, API keys, processing stats."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from resolvers import users as user_resolvers
from resolvers.context import Info
from resolvers.ids import raw_id
from schema.common import PageInfo, TaskStatus, TaskType
from schema.task import (
    ApiKey,
    Export,
    ExportConnection,
    ExportEdge,
    GenerationTask,
    ProcessingStats,
    TaskConnection,
    TaskEdge,
)


@strawberry.type
class TaskQueries:
    @strawberry.field
    async def task(self, info: Info, id: strawberry.ID) -> GenerationTask | None:
        found = await user_resolvers.task(info.context, raw_id(id, "GenerationTask"))
        return GenerationTask.from_record(found) if found else None

    @strawberry.field
    async def tasks(
        self,
        info: Info,
        status: TaskStatus | None = None,
        task_type: TaskType | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> TaskConnection:
        rows, has_next, cursors = await user_resolvers.tasks(
            info.context,
            status=status.value if status else None,
            task_type=task_type.value if task_type else None,
            first=first,
            after=after,
        )
        return TaskConnection(
            edges=[
                TaskEdge(cursor=c, node=GenerationTask.from_record(r))
                for r, c in zip(rows, cursors, strict=True)
            ],
            page_info=PageInfo.of(has_next, cursors),
        )

    @strawberry.field
    async def exports(
        self,
        info: Info,
        course_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ExportConnection:
        rows, has_next, cursors = await user_resolvers.exports(
            info.context,
            course_id=raw_id(course_id, "Course") if course_id else None,
            first=first,
            after=after,
        )
        return ExportConnection(
            edges=[
                ExportEdge(cursor=c, node=Export.from_record(r))
                for r, c in zip(rows, cursors, strict=True)
            ],
            page_info=PageInfo.of(has_next, cursors),
        )

    @strawberry.field
    async def api_keys(self, info: Info) -> list[ApiKey]:
        return [ApiKey.from_record(r) for r in await user_resolvers.api_keys(info.context)]

    @strawberry.field(
        description=(
            "Administrators only: the seed's document_processing_stats_view, a row per day "
            "of upload. It counts every document uploaded that day, including those deleted "
            "since (soft delete keeps the row; their status is then `deleted`, so they are "
            "neither completed nor failed)."
        )
    )
    async def document_processing_stats(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[ProcessingStats]:
        rows = await user_resolvers.processing_stats(info.context, since=from_, until=to)
        return [ProcessingStats.from_record(r) for r in rows]
