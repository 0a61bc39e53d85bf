"""Documents in and out: an upload becomes a stored file, its rows and a queued job; a
delete hides the document and queues its cleanup.

One code path for `uploadDocument` and `curriculum ingest`:

1. the name is checked (`upload_filename`: refused, never silently rewritten, when it
   holds a path separator or a control character);
2. the bytes are streamed into a private temporary file, hashed and counted as they
   come; past the limit (the smaller of UPLOAD_MAX_BYTES and FILE_STORE_MAX_BYTES) the
   upload stops at once and nothing is kept;
3. the content is recognised (datasources/files/detect.inspect), never the name alone
   (first, so the same bytes under a name that contradicts them are refused every time);
4. the same bytes already uploaded by the same user (and not deleted): that document and
   its task are the answer, nothing new is written or queued;
5. the file goes to the FileStore under its SHA-256; one transaction adds the documents
   row (`pending`) and its `document_processing` task (an advisory lock on the owner and
   hash makes two concurrent uploads of the same bytes one document);
6. the job is queued (job id = task id). When Redis refuses, the task is `failed` with
   that reason and `retryTask` queues it again.

`reprocess` runs the job again on a stored document (after an upgrade of the reading
and extraction rules, or to retry a document whose processing completed badly): a new
`document_processing` task under the document's row lock, refused while another one is
queued or running. The job replaces what the document contributed, as a retry does
(jobs/tasks/document_ingest.py): readers see the old knowledge until the new is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import tempfile
import unicodedata
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from uuid import UUID, uuid4

from sqlalchemy import Row, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from datasources.errors import UpstreamUnavailable, guard
from datasources.files import CHUNK_SIZE, FileStore
from datasources.files.detect import Detected, inspect
from datasources.files.document_errors import DocumentError
from datasources.postgres.base import STORE as POSTGRES
from datasources.postgres.base import Viewer
from datasources.postgres.document_jobs import jsonb_merge
from datasources.postgres.documents import DOCUMENT_COLUMNS
from datasources.postgres.models import Document, GenerationTask, task_subject
from datasources.postgres.records import DocumentRecord, GenerationTaskRecord
from datasources.redis.queue import JobQueue
from datasources.settings import Settings
from datasources.tasks import TASK_COLUMNS, Busy, TaskStore, new_task, running

log = logging.getLogger("datasources.uploads")
TASK_TYPE = "document_processing"
STALE_MARGIN = timedelta(minutes=5)
MAX_NAME_CHARS = 255  # documents.original_filename is VARCHAR(500); file systems allow 255
# The pipeline reads English and Chinese; another tag would be silently re-detected.
LANGUAGES = {"en": "en", "zh": "zh-CN"}
_SEPARATORS = re.compile(r"[\\/]")


class UploadRefused(ValueError):
    """An upload the caller must change; `reason` is stable, `field` names the argument."""

    def __init__(self, reason: str, message: str, *, field: str = "file") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.field = field


@dataclass(frozen=True, slots=True)
class Uploaded:
    document: DocumentRecord
    task: GenerationTaskRecord | None  # None only for a document older than its tasks
    created: bool  # False: these bytes were already this user's document
    queued: bool  # False: the job could not be queued (the task says why)


def upload_filename(name: str) -> str:
    """The name as stored: NFC, trimmed; refused with a reason when it is not one name.

    The rule: a path separator (`/` or `\\`) or a control character (U+0000-U+001F,
    U+007F-U+009F, bidi and other format controls) anywhere refuses the name, as do `.`
    and `..`, an empty name, and more than 255 characters. Clients send the file's own
    name, never a path (browsers and `curriculum ingest` do).
    """
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise UploadRefused("bad_filename", "the file has no name", field="file")
    if _SEPARATORS.search(cleaned):
        raise UploadRefused(
            "bad_filename",
            "the file name contains a path separator (/ or \\); send the file's name only",
        )
    bad = next((ch for ch in cleaned if unicodedata.category(ch) in ("Cc", "Cf")), None)
    if bad is not None:
        raise UploadRefused(
            "bad_filename", f"the file name contains a control character (U+{ord(bad):04X})"
        )
    if cleaned in (".", ".."):
        raise UploadRefused("bad_filename", f"{cleaned!r} is not a file name")
    if len(cleaned) > MAX_NAME_CHARS:
        raise UploadRefused(
            "bad_filename", f"the file name is longer than {MAX_NAME_CHARS} characters"
        )
    return cleaned


def upload_language(tag: str | None) -> str | None:
    """`en` or `zh-CN` (any en-*/zh-* tag maps to them); None: the job detects it."""
    if tag is None or not tag.strip():
        return None
    primary = tag.strip().split("-", 1)[0].casefold()
    if primary not in LANGUAGES or len(tag) > 10:
        raise UploadRefused(
            "bad_language",
            "`language` must be en or zh-CN (or left out: the language is then detected)",
            field="language",
        )
    return LANGUAGES[primary]


@dataclass(frozen=True, slots=True)
class Spooled:
    path: Path
    sha256: str
    size: int


def _write(handle: IO[bytes], chunk: bytes) -> None:
    handle.write(chunk)


@contextlib.asynccontextmanager
async def spooled(chunks: AsyncIterable[bytes], *, max_bytes: int) -> AsyncIterator[Spooled]:
    """The stream in a private temporary file, hashed; UploadRefused past `max_bytes`."""
    with tempfile.TemporaryDirectory(prefix="upload-") as folder:
        path = Path(folder) / "upload"
        hasher = hashlib.sha256()
        size = 0
        with path.open("wb") as handle:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRefused(
                        "too_large", f"the file is larger than the limit of {max_bytes:,} bytes"
                    )
                hasher.update(chunk)
                await asyncio.to_thread(_write, handle, chunk)
        if size == 0:
            raise UploadRefused("empty", "the file is empty (0 bytes)")
        yield Spooled(path, hasher.hexdigest(), size)


def _pieces(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk


async def file_chunks(path: Path) -> AsyncIterator[bytes]:
    """A local file in FileStore-sized chunks, read in a thread."""
    pieces = _pieces(path)
    while chunk := await asyncio.to_thread(next, pieces, b""):
        yield chunk


class DocumentUploads:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        files: FileStore,
        tasks: TaskStore,
        queue: JobQueue,
        settings: Settings,
        *,
        timeout: float,
    ) -> None:
        self.sessions = sessions
        self.files = files
        self.tasks = tasks
        self.queue = queue
        self.upload_settings = settings.upload
        self.max_bytes = min(settings.upload.max_bytes, settings.files.max_bytes)
        self.timeout = timeout
        # A processing task untouched for longer than a job may run is abandoned (its
        # worker died): it no longer blocks processing the document again.
        self.stale_after = timedelta(seconds=settings.worker.job_timeout_seconds) + STALE_MARGIN

    async def upload(
        self,
        chunks: AsyncIterable[bytes],
        *,
        owner_id: UUID,
        filename: str,
        language: str | None = None,
        title: str | None = None,
    ) -> Uploaded:
        """Store and queue one document (module docstring); UploadRefused says what is wrong."""
        name = upload_filename(filename)
        tag = upload_language(language)
        async with spooled(chunks, max_bytes=self.max_bytes) as spool:
            try:
                detected = await asyncio.to_thread(
                    inspect, spool.path, filename=name, max_bytes=self.max_bytes
                )
            except DocumentError as exc:
                raise UploadRefused(exc.reason, exc.message) from None
            existing = await self._existing(owner_id, spool.sha256)
            if existing is not None:
                return existing
            stored = await self.files.put(file_chunks(spool.path), max_bytes=self.max_bytes)
        assert stored.key == spool.sha256  # the store hashes what it writes, too
        created = await self._create(owner_id, name, tag, title, detected, stored.key, stored.size)
        if isinstance(created, Uploaded):
            return created  # the same bytes won a race with this upload
        document, task_id = created
        queued = await self._queue(task_id) is None
        task = await self.tasks.get(task_id)
        return Uploaded(document=document, task=task, created=True, queued=queued)

    async def reprocess(
        self, document_id: UUID, *, viewer: Viewer
    ) -> tuple[DocumentRecord, UUID] | Busy | None:
        """A new processing task for a live document `viewer` may change, not yet queued
        (`queue_reprocessing` does), owned by the document's owner whoever asks (their apps
        follow it; an admin reads any task);
        None when there is no such document, Busy while its newest processing task is
        queued or running."""
        conditions = [Document.id == document_id, Document.status.is_distinct_from("deleted")]
        if not viewer.is_admin:
            conditions.append(Document.user_id == viewer.user_id)

        async def run() -> tuple[DocumentRecord, UUID] | Busy | None:
            async with self.sessions() as session, session.begin():
                row = await _locked(session, conditions)
                if row is None:
                    return None
                # Under the document's row lock: two requests cannot both pass this.
                latest = await _latest_task(session, document_id)
                if latest is not None and running(latest, stale_after=self.stale_after):
                    return Busy(latest.id)
                document = DocumentRecord(*row)
                task_id = await new_task(
                    session,
                    user_id=document.user_id,
                    task_type=TASK_TYPE,
                    payload={"document_id": str(document_id), "reprocess": True},
                    priority=self.upload_settings.task_priority,
                    max_retries=self.upload_settings.task_max_retries,
                )
                return document, task_id

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def live_documents(self, owner_id: UUID | None = None) -> list[UUID]:
        """Every document not deleted (of `owner_id` when given), oldest first."""
        statement = select(Document.id).where(Document.status.is_distinct_from("deleted"))
        if owner_id is not None:
            statement = statement.where(Document.user_id == owner_id)
        statement = statement.order_by(Document.created_at, Document.id)

        async def run() -> list[UUID]:
            async with self.sessions() as session:
                return list((await session.scalars(statement)).all())

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def queue_reprocessing(self, task_id: UUID) -> GenerationTaskRecord | None:
        """Queue a task `reprocess` made; when Redis refuses, the task fails saying so
        (a later reprocess or retryTask queues it again) and UpstreamUnavailable rises."""
        refused = await self._queue(task_id)
        if refused is not None:
            raise refused
        return await self.tasks.get(task_id)

    async def _queue(self, task_id: UUID) -> UpstreamUnavailable | None:
        """Queue the task's job; when Redis refuses, the task fails saying so and the
        refusal is returned."""
        try:
            await self.queue.enqueue(task_type=TASK_TYPE, task_id=task_id)
        except UpstreamUnavailable as exc:
            log.warning("task %s not queued: %s", task_id, exc)
            await self.tasks.fail(
                task_id,
                f"the job could not be queued ({exc}); retryTask queues it again",
                stage="queued",
            )
            return exc
        return None

    async def _existing(self, owner_id: UUID, sha256: str) -> Uploaded | None:
        async def run() -> Uploaded | None:
            async with self.sessions() as session:
                return await _same_bytes(session, owner_id, sha256)

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def _create(
        self,
        owner_id: UUID,
        name: str,
        language: str | None,
        title: str | None,
        detected: Detected,
        key: str,
        size: int,
    ) -> tuple[DocumentRecord, UUID] | Uploaded:
        metadata: dict[str, Any] = {"sha256": key, "kind": detected.kind}
        if detected.encoding:
            metadata["encoding"] = detected.encoding
        if title:
            metadata["title"] = title

        async def run() -> tuple[DocumentRecord, UUID] | Uploaded:
            async with self.sessions() as session, session.begin():
                # Two uploads of the same bytes by one user: the second waits, then finds
                # the first's row (hashtextextended: a 64-bit key for the pair).
                await session.execute(
                    text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
                    {"k": f"upload:{owner_id}:{key}"},
                )
                found = await _same_bytes(session, owner_id, key)
                if found is not None:
                    return found
                document_id = uuid4()
                # Core, not the ORM: a None language must stay NULL (the job detects
                # it), where the ORM would put the column's default (zh-CN) instead.
                await session.execute(
                    insert(Document).values(
                        id=document_id,
                        user_id=owner_id,
                        filename=name,
                        original_filename=name,
                        file_path=key,
                        file_size=size,
                        mime_type=detected.mime_type,
                        status="pending",
                        language=language,
                        metadata_=metadata,
                    )
                )
                task_id = await new_task(
                    session,
                    user_id=owner_id,
                    task_type=TASK_TYPE,
                    payload={"document_id": str(document_id)},
                    priority=self.upload_settings.task_priority,
                    max_retries=self.upload_settings.task_max_retries,
                )
                row = await session.execute(
                    select(*DOCUMENT_COLUMNS).where(Document.id == document_id)
                )
                return DocumentRecord(*row.one()), task_id

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def soft_delete(self, document_id: UUID, *, viewer: Viewer) -> DocumentRecord | None:
        """Mark the document deleted (every read hides it at once); None when `viewer` may
        not delete it or there is none. Deleting it again returns it again (the caller
        re-queues the cleanup, which a failed enqueue may have missed)."""
        conditions = [Document.id == document_id]
        if not viewer.is_admin:
            conditions.append(Document.user_id == viewer.user_id)
        stamp = {
            "deleted_at": datetime.now(UTC).isoformat(),
            "deleted_by": str(viewer.user_id) if viewer.user_id else None,
        }

        async def run() -> DocumentRecord | None:
            async with self.sessions() as session, session.begin():
                row = await _locked(session, conditions)
                if row is None:
                    return None
                if row.status == "deleted":
                    return DocumentRecord(*row)
                updated = await session.execute(
                    update(Document)
                    .where(Document.id == document_id)
                    .values(
                        status="deleted",
                        metadata_=jsonb_merge(Document.metadata_, stamp),
                        updated_at=func.now(),
                    )
                    .returning(*DOCUMENT_COLUMNS)
                )
                return DocumentRecord(*updated.one())

        return await guard(POSTGRES, run(), seconds=self.timeout)


async def _locked(session: AsyncSession, conditions: list[Any]) -> Row[Any] | None:
    """The document row matching `conditions`, locked until the transaction ends."""
    found = await session.execute(select(*DOCUMENT_COLUMNS).where(*conditions).with_for_update())
    return found.first()


async def _same_bytes(session: AsyncSession, owner_id: UUID, sha256: str) -> Uploaded | None:
    """The owner's live document with these bytes, with its newest processing task."""
    row = (
        await session.execute(
            select(*DOCUMENT_COLUMNS)
            .where(
                Document.user_id == owner_id,
                Document.file_path == sha256,
                Document.status.is_distinct_from("deleted"),
            )
            .order_by(Document.created_at, Document.id)
            .limit(1)
        )
    ).first()
    if row is None:
        return None
    document = DocumentRecord(*row)
    task = await _latest_task(session, document.id)
    return Uploaded(document=document, task=task, created=False, queued=True)


async def _latest_task(session: AsyncSession, document_id: UUID) -> GenerationTaskRecord | None:
    """The document's newest processing task, whoever asked for it."""
    task_row = (
        await session.execute(
            select(*TASK_COLUMNS)
            .where(
                GenerationTask.task_type == TASK_TYPE,
                task_subject("document_id") == str(document_id),
            )
            .order_by(GenerationTask.created_at.desc(), GenerationTask.id.desc())
            .limit(1)
        )
    ).first()
    return GenerationTaskRecord(*task_row) if task_row is not None else None
