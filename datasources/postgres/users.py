"""User reads (never the password hash) and task/export/api-key reads by owner."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import ColumnElement, false, func, select, true, tuple_

from datasources.errors import guarded
from datasources.postgres.base import STORE, Page, PgBase, Viewer, one_of
from datasources.postgres.models import ApiKey, Export, GenerationTask, User
from datasources.postgres.records import (
    ApiKeyRecord,
    ExportRecord,
    GenerationTaskRecord,
    UserRecord,
    field_names,
)

USER_COLUMNS = [User.__table__.c[n] for n in field_names(UserRecord)]
TASK_COLUMNS = [GenerationTask.__table__.c[n] for n in field_names(GenerationTaskRecord)]
EXPORT_COLUMNS = [Export.__table__.c[n] for n in field_names(ExportRecord)]
API_KEY_COLUMNS = [ApiKey.__table__.c[n] for n in field_names(ApiKeyRecord)]


def _owned(column: ColumnElement[UUID], viewer: Viewer) -> ColumnElement[bool]:
    if viewer.is_admin:
        return true()
    if viewer.user_id is None:
        return false()
    return column == viewer.user_id


class UserReader(PgBase):
    @guarded(STORE)
    async def by_ids(self, ids: Sequence[UUID]) -> dict[UUID, UserRecord]:
        """Public profiles are visible to any caller; the schema hides private fields."""
        statement = select(*USER_COLUMNS).where(one_of(User.id, ids))
        return {r.id: r for r in await self._records(UserRecord, statement)}

    @guarded(STORE)
    async def by_email(self, email: str) -> UserRecord | None:
        """The account with this email, ignoring case (for `curriculum ingest --user`)."""
        if "\x00" in email:
            return None  # PostgreSQL refuses NUL; no account has it
        statement = select(*USER_COLUMNS).where(func.lower(User.email) == func.lower(email))
        rows = await self._records(UserRecord, statement.limit(2))
        exact = [r for r in rows if r.email == email]
        return rows[0] if len(rows) == 1 else (exact[0] if len(exact) == 1 else None)

    @guarded(STORE)
    async def tasks_by_ids(
        self, ids: Sequence[UUID], *, viewer: Viewer
    ) -> dict[UUID, GenerationTaskRecord]:
        statement = select(*TASK_COLUMNS).where(
            one_of(GenerationTask.id, ids), _owned(GenerationTask.user_id, viewer)
        )
        return {r.id: r for r in await self._records(GenerationTaskRecord, statement)}

    @guarded(STORE)
    async def tasks(
        self, *, viewer: Viewer, status: str | None, task_type: str | None, page: Page
    ) -> list[GenerationTaskRecord]:
        conditions = [_owned(GenerationTask.user_id, viewer)]
        if status:
            conditions.append(GenerationTask.status == status)
        if task_type:
            conditions.append(GenerationTask.task_type == task_type)
        if page.after is not None:
            key = tuple_(GenerationTask.created_at, GenerationTask.id)
            conditions.append(key < tuple_(*page.after))
        statement = (
            select(*TASK_COLUMNS)
            .where(*conditions)
            .order_by(GenerationTask.created_at.desc(), GenerationTask.id.desc())
            .limit(page.first + 1)
        )
        return await self._records(GenerationTaskRecord, statement)

    @guarded(STORE)
    async def exports_by_ids(
        self, ids: Sequence[UUID], *, viewer: Viewer
    ) -> dict[UUID, ExportRecord]:
        statement = select(*EXPORT_COLUMNS).where(
            one_of(Export.id, ids), _owned(Export.user_id, viewer)
        )
        return {r.id: r for r in await self._records(ExportRecord, statement)}

    @guarded(STORE)
    async def exports(
        self, *, viewer: Viewer, course_id: UUID | None, page: Page
    ) -> list[ExportRecord]:
        conditions = [_owned(Export.user_id, viewer)]
        if course_id:
            conditions.append(Export.course_id == course_id)
        if page.after is not None:
            conditions.append(tuple_(Export.created_at, Export.id) < tuple_(*page.after))
        statement = (
            select(*EXPORT_COLUMNS)
            .where(*conditions)
            .order_by(Export.created_at.desc(), Export.id.desc())
            .limit(page.first + 1)
        )
        return await self._records(ExportRecord, statement)

    @guarded(STORE)
    async def api_keys(self, *, viewer: Viewer) -> list[ApiKeyRecord]:
        statement = (
            select(*API_KEY_COLUMNS)
            .where(_owned(ApiKey.user_id, viewer))
            .order_by(ApiKey.created_at.desc())
        )
        return await self._records(ApiKeyRecord, statement)
