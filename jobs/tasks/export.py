"""The export job: render a course to a file in the FileStore and record it.

Payload `{"export_id", "course_id"}`. The course is read once, in one statement, and
the file is rendered from that row only: a course regenerated while its export runs
gives a file of the version the export read (never a mix), and the task's result
names that version (`course_updated_at`). The exports row is completed only after
the file is stored; if the course (and so the row) was deleted meanwhile, the file
is released again and the task fails saying so.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from datasources.exports import ExportOptions, InvalidOptions
from datasources.files import FileTooLarge
from datasources.files.exports import ExportFormat, export_filename, export_format
from datasources.postgres.records import CourseRecord
from jobs.rendering import ExportCourse, render
from jobs.tasks.lifecycle import JobFailed, TaskRun

# WeasyPrint (pango, fontconfig) is not documented as thread-safe: one render at a time
# per worker process; other jobs keep running on the event loop meanwhile.
_RENDERING = threading.Lock()


def _render(course: CourseRecord, fmt: ExportFormat, options: ExportOptions) -> bytes:
    columns = {f.name: getattr(course, f.name) for f in dataclasses.fields(course)}
    with _RENDERING:
        return render(ExportCourse.from_columns(columns), fmt, diagram=options.include_diagram)


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


def export_id_of(run: TaskRun) -> UUID:
    try:
        return UUID(str(run.task.payload["export_id"]))
    except (KeyError, ValueError):
        raise JobFailed("malformed task payload: no export_id") from None


async def export(run: TaskRun) -> dict[str, Any]:
    stores, settings = run.stores, run.settings
    export_id = export_id_of(run)
    row = await stores.exports.get(export_id)
    if row is None or not await stores.exports.processing(export_id):
        raise JobFailed("the export is gone: its course was deleted", stage="reading")
    try:
        fmt = export_format(row.format)
        options = ExportOptions.parse(row.options)
    except (ValueError, InvalidOptions) as exc:
        raise JobFailed(str(exc), stage="reading") from None

    await run.progress("reading", 10, "reading the course")
    course = await stores.exports.course_row(row.course_id)
    if course is None:
        raise JobFailed("the course was deleted before it could be exported", stage="reading")

    await run.progress("rendering", 30, f"rendering {fmt.upper()}")
    data = await asyncio.to_thread(_render, course, fmt, options)

    await run.progress("storing", 80, f"storing {len(data):,} bytes")
    try:
        stored = await stores.files.put(_chunks(data), max_bytes=settings.files.max_bytes)
    except FileTooLarge as exc:
        raise JobFailed(f"the {fmt} file is too large to keep: {exc}", stage="storing") from None
    expires_at = datetime.now(UTC) + timedelta(days=settings.exports.ttl_days)
    if not await stores.exports.complete(
        export_id, key=stored.key, size=stored.size, expires_at=expires_at
    ):
        await stores.exports.release_files([stored.key])
        raise JobFailed("the course was deleted while it was being exported", stage="storing")
    return {
        "export_id": str(export_id),
        "course_id": str(row.course_id),
        "format": fmt,
        "file_size": stored.size,
        "filename": export_filename(course.title, fmt),
        "course_updated_at": course.updated_at.isoformat() if course.updated_at else None,
        "expires_at": expires_at.isoformat(),
    }


async def export_failed(run: TaskRun, message: str) -> None:
    """Mark the exports row failed too (the row the client lists)."""
    try:
        export_id = export_id_of(run)
    except JobFailed:
        return
    await run.stores.exports.fail(export_id, message)
