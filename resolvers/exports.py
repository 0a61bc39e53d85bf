"""exportCourse and Export.downloadUrl.

Anyone who may read a course may export it; the export (its row, task and file) is
the exporter's. The download link is a signed, expiring URL (datasources/downloads.py)
that only the export's owner is given.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from uuid import UUID

from datasources.errors import UpstreamUnavailable
from datasources.exports import ExportOptions, InvalidOptions
from datasources.files.exports import export_format
from datasources.postgres.records import ExportRecord, GenerationTaskRecord
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.course_mutations import Problem

TASK_TYPE = "export"


@dataclass(frozen=True, slots=True)
class StartedExport:
    export: ExportRecord
    task: GenerationTaskRecord


async def export_course(
    ctx: Context, course_id: UUID, fmt: str, options: object
) -> StartedExport | Problem:
    principal = require_principal(ctx, "exports:create")
    try:
        chosen = export_format(fmt)
    except ValueError as exc:
        return Problem("invalid", str(exc), "format")
    try:
        parsed = ExportOptions.parse(options)
    except InvalidOptions as exc:
        return Problem("invalid", str(exc), exc.field)
    stores = ctx.stores
    started = await stores.exports.start(
        course_id=course_id,
        requester=ctx.viewer,
        owner_id=principal.user_id,
        fmt=chosen,
        options=parsed.to_json(),
    )
    if started is None:
        return Problem("not_found", "no such course, or you may not read it", "courseId")
    try:
        await stores.queue.enqueue(task_type=TASK_TYPE, task_id=started.task_id)
    except UpstreamUnavailable as exc:
        message = f"the job could not be queued: {exc}"
        await stores.tasks.fail(started.task_id, message)
        await stores.exports.fail(started.export.id, message)
        raise
    task = await stores.tasks.get(started.task_id)
    assert task is not None
    return StartedExport(export=started.export, task=task)


def _origin(request: object) -> str:
    """The gateway's own origin, as the client reached it (http for a WebSocket too)."""
    base = str(getattr(request, "base_url", "") or "").rstrip("/")
    for socket, web in (("ws://", "http://"), ("wss://", "https://")):
        if base.startswith(socket):
            return web + base[len(socket) :]
    return base


def download_url(ctx: Context, export: ExportRecord) -> str | None:
    """A signed link for the export's owner while the file is there; None otherwise."""
    principal = ctx.principal
    if principal is None or principal.user_id != export.user_id:
        return None
    if export.status != "completed" or not export.file_path or export.expires_at is None:
        return None
    now = time.time()
    not_after = export.expires_at.timestamp()
    if not_after <= now:
        return None
    path = ctx.stores.downloads.path(
        export_id=export.id, user_id=export.user_id, now=now, not_after=not_after
    )
    return _origin(ctx.request) + path
