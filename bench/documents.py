"""Documents for the job's benchmark, evaluation and tests: rows written directly, as the
upload mutation would, and removed again with everything the job added."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from uuid import UUID

from sqlalchemy import delete, insert, select, update

from datasources.postgres.models import Document, GenerationTask, User
from datasources.stores import Stores
from jobs.tasks.cleanup import remove_document
from jobs.tasks.ports import DocumentPorts


async def system_user(stores: Stores, *, email: str, username: str) -> UUID:
    """The id of a user that owns tool-made documents (no password: it cannot sign in)."""
    async with stores.sessions() as session, session.begin():
        found = await session.scalar(select(User.id).where(User.email == email))
        if found is None:
            found = uuid.uuid4()
            await session.execute(
                insert(User).values(
                    id=found,
                    email=email,
                    username=username,
                    password_hash="!",  # noqa: S106 - not a hash: this account cannot sign in
                )
            )
        return found


async def add_document(
    stores: Stores,
    owner: UUID,
    data: bytes,
    *,
    name: str,
    language: str | None = None,
    max_retries: int = 3,
) -> tuple[UUID, UUID]:
    """The file in the FileStore, its pending `documents` row and a processing task."""

    async def one() -> AsyncIterator[bytes]:
        yield data

    stored = await stores.files.put(one(), max_bytes=max(len(data), 1))
    document_id = uuid.uuid4()
    async with stores.sessions() as session, session.begin():
        await session.execute(
            insert(Document).values(
                id=document_id,
                user_id=owner,
                filename=name,
                original_filename=name,
                file_path=stored.key,
                file_size=stored.size,
                status="pending",
                language=language,
                metadata_={"sha256": stored.key},
            )
        )
    return document_id, await add_task(stores, owner, document_id, max_retries=max_retries)


async def add_task(stores: Stores, owner: UUID, document_id: UUID, *, max_retries: int = 3) -> UUID:
    task_id = uuid.uuid4()
    async with stores.sessions() as session, session.begin():
        await session.execute(
            insert(GenerationTask).values(
                id=task_id,
                user_id=owner,
                task_type="document_processing",
                status="pending",
                payload={"document_id": str(document_id)},
                result={"stage": "queued", "progress": 0},
                max_retries=max_retries,
            )
        )
    return task_id


async def forget(stores: Stores, ports: DocumentPorts, owner: UUID) -> None:
    """Every document of `owner`, and all it added to the stores, removed; its tasks too."""
    async with stores.sessions() as session, session.begin():
        ids = list(
            (await session.execute(select(Document.id).where(Document.user_id == owner))).scalars()
        )
        await session.execute(
            update(Document).where(Document.user_id == owner).values(status="deleted")
        )
    for document_id in ids:
        await remove_document(ports, document_id)
    async with stores.sessions() as session, session.begin():
        await session.execute(delete(Document).where(Document.user_id == owner))
        await session.execute(delete(GenerationTask).where(GenerationTask.user_id == owner))
