"""Export rows (the seed's `exports`) and the files they point at.

`start` adds the exports row and its `export` task in one transaction; the job reads
the course once (`course_row`: one SELECT, so it renders one version of the course),
stores the file in the FileStore and records it (`complete`). Files are content-
addressed and may be shared (the same bytes exported twice, or uploaded as a
document), so `release_files` deletes a key only when no exports or documents row
refers to it any more. Deleting a course removes its exports rows (ON DELETE CASCADE);
datasources/courses.py then releases their files.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import orjson
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from datasources.errors import guard
from datasources.files import FileStore, FileStoreError
from datasources.postgres.base import STORE as POSTGRES
from datasources.postgres.base import Viewer
from datasources.postgres.courses import COURSE_COLUMNS, course_visible
from datasources.postgres.models import Course, Document, Export
from datasources.postgres.records import CourseRecord, ExportRecord, field_names
from datasources.tasks import new_task

log = logging.getLogger("datasources.exports")
EXPORT_COLUMNS = [Export.__table__.c[n] for n in field_names(ExportRecord)]
OPTIONS_MAX_BYTES = 1024  # exports.options: a few flags, never a document


class InvalidOptions(ValueError):
    """Export options that are not an object of known flags; `field` names the culprit."""

    def __init__(self, message: str, *, field: str = "options") -> None:
        super().__init__(message)
        self.field = field


# each option's JSON name and its field: all flags, all on by default
_FLAGS = {
    "includeDiagram": "include_diagram",
    "includeQuestions": "include_questions",
    "includeAnswers": "include_answers",
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What `exportCourse(options: ...)` may ask for (stored in exports.options):
    the prerequisite diagram, the self-assessment questions, their answer key."""

    include_diagram: bool = True
    include_questions: bool = True
    include_answers: bool = True

    def to_json(self) -> dict[str, Any]:
        """includeDiagram always (as rows stored before the other flags have it), the
        others when they are turned off."""
        out: dict[str, Any] = {"includeDiagram": self.include_diagram}
        out.update({k: False for k, f in _FLAGS.items() if not getattr(self, f)})
        return out

    @classmethod
    def parse(cls, raw: Any) -> ExportOptions:
        """Options from a client (or a stored row); InvalidOptions says what is wrong."""
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise InvalidOptions('`options` must be an object such as {"includeDiagram": false}')
        try:
            size = len(orjson.dumps(raw, default=str))
        except orjson.JSONEncodeError:  # nested deeper than JSON encoders go
            size = OPTIONS_MAX_BYTES + 1
        if size > OPTIONS_MAX_BYTES:
            raise InvalidOptions(f"`options` is limited to {OPTIONS_MAX_BYTES} bytes of JSON")
        unknown = sorted(str(k) for k in raw if k not in _FLAGS)
        if unknown:
            raise InvalidOptions(
                f"unknown export option {unknown[0][:40]!r}: the options are " + ", ".join(_FLAGS),
                field=f"options.{unknown[0][:40]}",
            )
        flags: dict[str, bool] = {}
        for name, field in _FLAGS.items():
            value = raw.get(name, True)
            if not isinstance(value, bool):
                raise InvalidOptions(f"`{name}` must be true or false", field=f"options.{name}")
            flags[field] = value
        return cls(**flags)


@dataclass(frozen=True, slots=True)
class StartedExport:
    export: ExportRecord
    task_id: UUID


class ExportStore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], files: FileStore, *, timeout: float
    ) -> None:
        self.sessions = sessions
        self.files = files
        self.timeout = timeout

    async def _one(self, statement: Any) -> Any:
        async def run() -> Any:
            async with self.sessions() as session:
                return (await session.execute(statement)).first()

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def start(
        self,
        *,
        course_id: UUID,
        requester: Viewer,
        owner_id: UUID,
        fmt: str,
        options: Mapping[str, Any],
    ) -> StartedExport | None:
        """The exports row and its pending task, or None when `requester` may not read the
        course. The course row is share-locked so a concurrent delete waits or wins."""
        async with self.sessions() as session, session.begin():
            found = await session.execute(
                select(Course.id)
                .where(Course.id == course_id, course_visible(requester))
                .with_for_update(read=True)
            )
            if found.first() is None:
                return None
            export_id = uuid4()
            session.add(
                Export(
                    id=export_id,
                    course_id=course_id,
                    user_id=owner_id,
                    format=fmt,
                    status="pending",
                    options=dict(options),
                )
            )
            await session.flush()
            task_id = await new_task(
                session,
                user_id=owner_id,
                task_type="export",
                payload={"export_id": str(export_id), "course_id": str(course_id)},
            )
            row = await session.execute(select(*EXPORT_COLUMNS).where(Export.id == export_id))
            export = ExportRecord(*row.one())
        return StartedExport(export=export, task_id=task_id)

    async def get(self, export_id: UUID) -> ExportRecord | None:
        row = await self._one(select(*EXPORT_COLUMNS).where(Export.id == export_id))
        return ExportRecord(*row) if row is not None else None

    async def for_download(self, export_id: UUID) -> tuple[ExportRecord, str] | None:
        """The export with its course's current title (for the download's file name)."""
        row = await self._one(
            select(*EXPORT_COLUMNS, Course.title)
            .join(Course, Course.id == Export.course_id)
            .where(Export.id == export_id)
        )
        return (ExportRecord(*row[:-1]), row[-1]) if row is not None else None

    async def course_row(self, course_id: UUID) -> CourseRecord | None:
        """The course as stored now, in one statement (what an export renders)."""
        row = await self._one(select(*COURSE_COLUMNS).where(Course.id == course_id))
        return CourseRecord(*row) if row is not None else None

    async def _set(self, export_id: UUID, values: dict[str, Any]) -> bool:
        async def run() -> bool:
            async with self.sessions() as session, session.begin():
                result = await session.execute(
                    update(Export).where(Export.id == export_id).values(**values)
                )
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return await guard(POSTGRES, run(), seconds=self.timeout)

    async def processing(self, export_id: UUID) -> bool:
        return await self._set(export_id, {"status": "processing", "error_message": None})

    async def complete(self, export_id: UUID, *, key: str, size: int, expires_at: datetime) -> bool:
        """Record the stored file; False when the row is gone (its course was deleted)."""
        return await self._set(
            export_id,
            {
                "status": "completed",
                "file_path": key,
                "file_size": size,
                "completed_at": datetime.now(UTC),
                "expires_at": expires_at,
                "error_message": None,
            },
        )

    async def fail(self, export_id: UUID, error: str) -> None:
        await self._set(export_id, {"status": "failed", "error_message": error[:4000]})

    async def release_files(self, keys: Iterable[str | None]) -> int:
        """Delete the files no exports or documents row refers to; returns how many."""
        wanted = sorted({k for k in keys if k})
        if not wanted:
            return 0

        async def used() -> set[str]:
            async with self.sessions() as session:
                exports = await session.execute(
                    select(Export.file_path).where(Export.file_path.in_(wanted))
                )
                documents = await session.execute(
                    select(Document.file_path).where(Document.file_path.in_(wanted))
                )
            return {k for (k,) in exports if k} | {k for (k,) in documents if k}

        still_used = await guard(POSTGRES, used(), seconds=self.timeout)
        removed = 0
        for key in wanted:
            if key in still_used:
                continue
            with contextlib.suppress(FileStoreError, ValueError):
                removed += await self.files.delete(key)
        if removed:
            log.info("released %d export files", removed)
        return removed
