"""The export job: render a course to a file in the FileStore and record it.

Payload `{"export_id", "course_id"}`. The course is read once, in one statement, and
the file is rendered from that row only: a course regenerated while its export runs
gives a file of the version the export read (never a mix), and the task's result
names that version (`course_updated_at`). Its self-assessment questions live in the
vector index, written by the generation job after the row: they are read only once
that job is over (until then the export is retried, `TryAgain`, and its last try
renders the file without them), and the row is read again after them; if it changed
meanwhile (a regeneration began), the file keeps the version it read without its
questions. The result says why none are shown (`questions_left_out`): questions and
row are never of two versions. The exports row is completed only
after the file is stored; if the course (and so the row) was deleted meanwhile, the
file is released again and the task fails saying so.
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
from datasources.tasks import ACTIVE
from jobs.rendering import ExportCourse, render
from jobs.rendering.course import Question, with_questions
from jobs.tasks.lifecycle import JobFailed, TaskRun, TryAgain

# WeasyPrint (pango, fontconfig) is not documented as thread-safe: one render at a time
# per worker process; other jobs keep running on the event loop meanwhile.
_RENDERING = threading.Lock()


def _exported(course: CourseRecord, questions: list[Question]) -> ExportCourse:
    columns = {f.name: getattr(course, f.name) for f in dataclasses.fields(course)}
    return with_questions(ExportCourse.from_columns(columns), questions)


def _render(course: ExportCourse, fmt: ExportFormat, options: ExportOptions) -> bytes:
    with _RENDERING:
        return render(
            course,
            fmt,
            diagram=options.include_diagram,
            questions=options.include_questions,
            answers=options.include_answers,
        )


async def _questions(run: TaskRun, course: CourseRecord) -> tuple[list[Question], str | None]:
    """The course's questions, of the version `course` is, and why none are when a set
    exists but cannot be shown. Only a generated course has questions. They are read once
    the generation job that wrote the row is over (it stores them after the row: until
    then the export is retried), then the row is read again: a regeneration that began
    meanwhile may have replaced them, and the file keeps the version it read, without
    them. A generation that failed after writing its row left no whole set either."""
    generation = (course.metadata or {}).get("generation")
    if not isinstance(generation, dict):
        return [], None  # made by hand: no questions were ever generated
    task_id = generation.get("task_id")
    try:
        task = await run.stores.tasks.get(UUID(task_id)) if isinstance(task_id, str) else None
    except ValueError:
        task = None  # a hand-edited task id: no job to wait for
    if task is not None and task.status in ACTIVE:
        if not run.last_attempt:
            raise TryAgain("the course is being generated; its questions are not all stored yet")
        # the teacher gets the file all the same; the next export will have them
        return [], "the course was still being generated; export it again for its questions"
    if task is not None and task.status == "failed":
        return [], "the generation that wrote this version failed before storing its questions"
    found = await run.stores.vectors.qa_for_courses([course.id])
    again = await run.stores.exports.course_row(course.id)
    if again is None:
        raise JobFailed("the course was deleted before it could be exported", stage="reading")
    if again.updated_at != course.updated_at:
        return [], "the course was regenerated while its questions were read; export it again"
    records = found.get(course.id, [])
    return [Question(r.question, r.answer, r.topic, r.difficulty) for r in records], None


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

    questions, left_out = await _questions(run, course) if options.include_questions else ([], None)
    exported = _exported(course, questions)

    await run.progress("rendering", 30, f"rendering {fmt.upper()}")
    data = await asyncio.to_thread(_render, exported, fmt, options)

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
        "questions": len(exported.questions),
        "questions_left_out": left_out,
        "expires_at": expires_at.isoformat(),
    }


async def export_failed(run: TaskRun, message: str) -> None:
    """Mark the exports row failed too (the row the client lists)."""
    try:
        export_id = export_id_of(run)
    except JobFailed:
        return
    await run.stores.exports.fail(export_id, message)
