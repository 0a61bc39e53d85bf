"""Background tasks, exports, API keys (never the key or its hash) and stats."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from datasources.postgres.records import (
    ApiKeyRecord,
    ExportRecord,
    GenerationTaskRecord,
    ProcessingStatsRecord,
)
from resolvers import exports
from resolvers.context import Info
from resolvers.ids import to_global_id
from schema.common import ExportFormat, Node, PageInfo, TaskStatus, TaskType, enum_or_none


@strawberry.type
class GenerationTask(Node):
    id: strawberry.ID
    task_type: TaskType | None
    status: TaskStatus | None
    priority: int | None
    progress: float | None = strawberry.field(description="0..100, from the task's result.")
    stage: str | None
    payload: JSON
    result: JSON | None
    error_message: str | None
    retry_count: int | None
    max_retries: int | None
    started_at: datetime | None
    completed_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_record(cls, r: GenerationTaskRecord) -> GenerationTask:
        result = r.result or {}
        raw_progress = result.get("progress") if isinstance(result, dict) else None
        progress = float(raw_progress) if isinstance(raw_progress, int | float) else None
        if r.status == "completed":
            progress = 100.0
        return cls(
            id=strawberry.ID(to_global_id("GenerationTask", r.id)),
            task_type=enum_or_none(TaskType, r.task_type),
            status=enum_or_none(TaskStatus, r.status),
            priority=r.priority,
            progress=progress,
            stage=result.get("stage") if isinstance(result, dict) else None,
            payload=r.payload,
            result=r.result,
            error_message=r.error_message,
            retry_count=r.retry_count,
            max_retries=r.max_retries,
            started_at=r.started_at,
            completed_at=r.completed_at,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )


@strawberry.type
class Export(Node):
    record: strawberry.Private[ExportRecord]
    id: strawberry.ID
    course_id: strawberry.ID
    format: ExportFormat | None
    status: TaskStatus | None
    file_size: int | None
    expires_at: datetime | None
    options: JSON | None
    error_message: str | None
    created_at: datetime | None
    completed_at: datetime | None

    @classmethod
    def from_record(cls, r: ExportRecord) -> Export:
        return cls(
            record=r,
            id=strawberry.ID(to_global_id("Export", r.id)),
            course_id=strawberry.ID(to_global_id("Course", r.course_id)),
            format=enum_or_none(ExportFormat, r.format),
            status=enum_or_none(TaskStatus, r.status),
            file_size=r.file_size,
            expires_at=r.expires_at,
            options=r.options,
            error_message=r.error_message,
            created_at=r.created_at,
            completed_at=r.completed_at,
        )

    @strawberry.field(
        description="A signed link to the file, for the export's owner only, while it is "
        "completed and not expired. It expires (EXPORT_LINK_TTL_SECONDS, at most until "
        "`expiresAt`): ask for it again for a fresh one."
    )
    def download_url(self, info: Info) -> str | None:
        return exports.download_url(info.context, self.record)


@strawberry.type
class ApiKey(Node):
    id: strawberry.ID
    name: str | None
    permissions: list[str]
    rate_limit: int | None
    last_used_at: datetime | None
    expires_at: datetime | None
    is_active: bool | None
    created_at: datetime | None

    @classmethod
    def from_record(cls, r: ApiKeyRecord) -> ApiKey:
        return cls(
            id=strawberry.ID(to_global_id("ApiKey", r.id)),
            name=r.name,
            permissions=list(r.permissions or []),
            rate_limit=r.rate_limit,
            last_used_at=r.last_used_at,
            expires_at=r.expires_at,
            is_active=r.is_active,
            created_at=r.created_at,
        )


@strawberry.type
class ProcessingStats:
    date: date
    total_documents: int
    completed: int
    failed: int
    avg_processing_seconds: float | None

    @classmethod
    def from_record(cls, r: ProcessingStatsRecord) -> ProcessingStats:
        return cls(
            date=r.date,
            total_documents=r.total_documents,
            completed=r.completed,
            failed=r.failed,
            avg_processing_seconds=r.avg_processing_time,
        )


@strawberry.type
class TaskEdge:
    cursor: str
    node: GenerationTask


@strawberry.type
class TaskConnection:
    edges: list[TaskEdge]
    page_info: PageInfo


@strawberry.type
class ExportEdge:
    cursor: str
    node: Export


@strawberry.type
class ExportConnection:
    edges: list[ExportEdge]
    page_info: PageInfo
