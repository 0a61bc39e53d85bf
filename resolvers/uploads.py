"""uploadDocument, deleteDocument, reprocessDocument and retryTask: who may, and their
expected failures.

The work itself is datasources/uploads.py's (the same code `curriculum ingest` runs);
the task's life is datasources/tasks.py's.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol, runtime_checkable
from uuid import UUID

from graphql import GraphQLError

from datasources.errors import UpstreamUnavailable
from datasources.files import CHUNK_SIZE
from datasources.postgres.base import SYSTEM_VIEWER
from datasources.postgres.records import DocumentRecord, GenerationTaskRecord
from datasources.redis.queue import TASK_JOBS
from datasources.tasks import Busy
from datasources.uploads import Uploaded, UploadRefused
from resolvers.auth import require_principal
from resolvers.context import Context
from resolvers.course_mutations import DOCUMENT_NOT_FOUND, Problem
from resolvers.errors import forbidden
from resolvers.validation import clean_text

TASK_NOT_FOUND = Problem("not_found", "no such task, or it is not yours", "taskId")
# What a task's retry asks of an API key: the permission that started it.
TASK_PERMISSIONS = {
    "document_processing": "documents:write",
    "course_generation": "courses:write",
    "export": "exports:create",
}


@runtime_checkable
class UploadedFile(Protocol):
    """What strawberry's `Upload` is on ASGI (starlette's UploadFile)."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


async def _chunks(upload: UploadedFile) -> AsyncIterator[bytes]:
    while chunk := await upload.read(CHUNK_SIZE):
        yield chunk


async def upload_document(
    ctx: Context, upload: object, *, language: str | None, title: str | None
) -> Uploaded | Problem:
    principal = require_principal(ctx, "documents:write")
    if not isinstance(upload, UploadedFile):
        # The Upload scalar takes any value in JSON variables; only a multipart file
        # part is a file.
        return Problem(
            "invalid",
            "`file` must be a file part of a multipart request (the GraphQL multipart "
            "request spec), not a value in the variables",
            "file",
        )
    try:
        cleaned = clean_text(title, field="title", max_length=500)
    except GraphQLError as exc:
        return Problem("invalid", exc.message, "title")
    try:
        return await ctx.stores.uploads.upload(
            _chunks(upload),
            owner_id=principal.user_id,
            filename=upload.filename or "",
            language=language,
            title=cleaned or None,
        )
    except UploadRefused as exc:
        return Problem("invalid", exc.message, exc.field)


async def delete_document(ctx: Context, document_id: UUID) -> UUID | Problem:
    """Soft delete (hidden at once), then queue the cleanup; deleting a deleted document
    of yours queues its cleanup again (when Redis refused it the first time)."""
    require_principal(ctx, "documents:write")
    stores = ctx.stores
    document = await stores.uploads.soft_delete(document_id, viewer=ctx.viewer)
    if document is None:
        return DOCUMENT_NOT_FOUND
    await stores.queue.enqueue_cleanup(document_id=document.id)
    return document.id


async def reprocess_document(
    ctx: Context, document_id: UUID
) -> tuple[DocumentRecord, GenerationTaskRecord] | Problem:
    """Process a document of yours again with a new task; the stored file is read anew."""
    require_principal(ctx, "documents:write")
    uploads = ctx.stores.uploads
    made = await uploads.reprocess(document_id, viewer=ctx.viewer)
    if made is None:
        return DOCUMENT_NOT_FOUND
    if isinstance(made, Busy):
        return Problem(
            "conflict",
            f"this document is already being processed (task {made.task_id}); wait for it "
            "to finish (taskProgress) before processing it again",
        )
    document, task_id = made
    task = await uploads.queue_reprocessing(task_id)
    if task is None:  # only its owner's account deletion removes a task
        return DOCUMENT_NOT_FOUND
    return document, task


async def retry_task(ctx: Context, task_id: UUID) -> GenerationTaskRecord | Problem:
    """Queue a failed task (or a pending one whose job is missing) again. An API key
    needs `tasks:read` (checked first: a key without it learns nothing about the task)
    and the permission that started the task."""
    principal = require_principal(ctx, "tasks:read")
    stores = ctx.stores
    task = await stores.tasks.get(task_id)
    if task is None or (task.user_id != principal.user_id and not principal.is_admin):
        return TASK_NOT_FOUND
    permission = TASK_PERMISSIONS.get(task.task_type)
    if permission is None or task.task_type not in TASK_JOBS:
        return Problem("invalid", f"{task.task_type} tasks cannot be retried", "taskId")
    if not principal.allows(permission):
        raise forbidden(f"this API key lacks the '{permission}' permission")
    if task.status == "completed":
        return Problem("invalid", "the task has completed: there is nothing to retry", "taskId")
    if task.status == "processing":
        return Problem("conflict", "the task is running now; wait for it to end")
    if task.status == "failed" and await _document_gone(ctx, task):
        return Problem(
            "invalid", "the task's document was deleted; upload the file again", "taskId"
        )
    if task.status == "failed":
        reopened = await stores.tasks.reopen(task_id)
        if reopened is None:  # it changed since it was read
            return Problem("conflict", "the task changed meanwhile; read it and try again")
    try:
        queued = await stores.queue.enqueue(task_type=task.task_type, task_id=task_id)
    except UpstreamUnavailable:
        if task.status == "failed":
            await stores.tasks.fail(task_id, "the job could not be queued again; retry later")
        raise
    if not queued and task.status != "failed":
        return Problem("conflict", "the task is already queued; it runs when a worker is free")
    current = await stores.tasks.get(task_id)
    return current if current is not None else TASK_NOT_FOUND


async def _document_gone(ctx: Context, task: GenerationTaskRecord) -> bool:
    """A document_processing task whose document is deleted (or missing) cannot run."""
    if task.task_type != "document_processing":
        return False
    try:
        document_id = UUID(str((task.payload or {}).get("document_id")))
    except ValueError:
        return True
    found = await ctx.stores.documents.by_ids([document_id], viewer=SYSTEM_VIEWER)
    return document_id not in found  # every read leaves deleted documents out
