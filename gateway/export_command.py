"""`curriculum export COURSE_ID --format pdf -o FILE`: the export job, run here.

No second implementation: the command adds the exports row and its task as
exportCourse does (on behalf of the course's owner, so the export is listed with
theirs), runs the same job code in this process (jobs/tasks/export.py, with the same
retries), then copies the stored file to FILE. Everything the user can get wrong is
checked before any row is written: the course id, the format, the output path.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from pathlib import Path
from uuid import UUID

from datasources.exports import ExportOptions
from datasources.files.exports import ExportFormat
from datasources.postgres.base import SYSTEM_VIEWER
from datasources.settings import Settings, for_jobs
from datasources.stores import Stores, open_stores
from jobs.tasks import export as export_job
from jobs.tasks.lifecycle import run_task


class CommandError(Exception):
    """What the user got wrong, in words; the command prints it and exits 1."""


def course_id_of(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise CommandError(f"{raw!r} is not a course id (a UUID)") from None


def checked_output(raw: str) -> Path:
    """FILE when a file can be written there: its folder exists and takes a new file."""
    path = Path(raw).expanduser()
    if path.is_dir():
        raise CommandError(f"cannot write {path}: it is a folder; name a file")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".export-check-"):
            pass
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


async def _save(stores: Stores, key: str, path: Path) -> int:
    """Stream the stored file into `path` (a temporary file renamed into place)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".export-")
    size = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            async for chunk in stores.files.read(key):
                await asyncio.to_thread(handle.write, chunk)
                size += len(chunk)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return size


async def export_course(
    settings: Settings,
    course_id: UUID,
    fmt: ExportFormat,
    output: Path,
    *,
    options: ExportOptions = ExportOptions(),  # frozen: safe to share as a default
) -> str:
    """Export the course into `output`; returns what to tell the user."""
    settings = for_jobs(settings)
    async with open_stores(settings, bootstrap=False) as stores:
        course = await stores.exports.course_row(course_id)
        if course is None:
            raise CommandError(f"no course {course_id}")
        started = await stores.exports.start(
            course_id=course_id,
            requester=SYSTEM_VIEWER,
            owner_id=course.user_id,
            fmt=fmt,
            options=options.to_json(),
        )
        if started is None:
            raise CommandError(f"no course {course_id}")  # deleted a moment ago
        attempt = 1
        while True:
            outcome = await run_task(
                stores,
                settings,
                started.task_id,
                attempt=attempt,
                work=export_job.export,
                on_failed=export_job.export_failed,
            )
            if outcome.status != "retry":
                break
            await asyncio.sleep(outcome.delay)
            attempt += 1
        if outcome.status != "completed":
            raise CommandError(f"the export failed: {outcome.error}")
        export = await stores.exports.get(started.export.id)
        assert export is not None and export.file_path
        size = await _save(stores, export.file_path, output)
    return (
        f"wrote {output} ({size:,} bytes, {fmt}) from course {course.title!r}; export {export.id}"
    )
