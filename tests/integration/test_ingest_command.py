"""`curriculum ingest PATH... --user EMAIL [--language] [--wait]`: the upload code of
uploadDocument, from the shell, with a progress bar per file and a summary table."""

from __future__ import annotations

import asyncio
import io
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID

import pytest
from rich.console import Console
from sqlalchemy import select

from datasources.postgres.models import Document, GenerationTask, User
from datasources.settings import Settings
from datasources.stores import Stores
from gateway.ingest_command import CommandError, ingest, summary
from tests.factories import World
from tests.integration.documents import DocumentWorld
from tests.processes import curriculum
from tests.unit.pipeline.samples import EN_CHAPTER
from tests.upload_files import docx_bytes

pytestmark = pytest.mark.integration


def command(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return curriculum(settings, "ingest", *args, COLUMNS="200")


@pytest.fixture
async def docs(
    world: World, test_settings: Settings, stores: Stores
) -> AsyncIterator[DocumentWorld]:
    built = DocumentWorld(world, test_settings, stores.vectors)
    try:
        yield built
    finally:
        await built.cleanup()


async def email_of(stores: Stores, user_id: object) -> str:
    async with stores.sessions() as session:
        return str(await session.scalar(select(User.email).where(User.id == user_id)))


def quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


async def test_files_are_uploaded_as_the_mutation_does_and_reported(
    docs: DocumentWorld, stores: Stores, test_settings: Settings, tmp_path: Path
) -> None:
    owner = await docs.world.user()
    email = await email_of(stores, owner.user_id)
    chapter = tmp_path / "linear.md"
    chapter.write_text(EN_CHAPTER, encoding="utf-8")
    word = tmp_path / "linear.docx"
    word.write_bytes(docx_bytes())
    renamed = tmp_path / "really-a-docx.pdf"
    renamed.write_bytes(docx_bytes())

    rows = await ingest(
        test_settings,
        [str(chapter), str(word), str(renamed)],
        email=email.upper(),  # emails match ignoring case
        language="en",
        wait=False,
        console=quiet(),
    )
    assert [r.outcome for r in rows] == ["new", "new", "refused"]
    assert rows[2].detail == "the name says .pdf but the content is docx"
    docs.documents.extend(r.document_id for r in rows if r.document_id)
    async with stores.sessions() as session:
        stored = (
            (await session.execute(select(Document).where(Document.user_id == owner.user_id)))
            .scalars()
            .all()
        )
        tasks = (
            (
                await session.execute(
                    select(GenerationTask).where(GenerationTask.user_id == owner.user_id)
                )
            )
            .scalars()
            .all()
        )
    assert sorted(d.original_filename for d in stored) == ["linear.docx", "linear.md"]
    assert all(d.language == "en" and d.status == "pending" for d in stored)
    assert len(tasks) == 2

    again = await ingest(
        test_settings, [str(chapter)], email=email, language=None, wait=False, console=quiet()
    )
    assert again[0].outcome == "existing" and again[0].document_id == rows[0].document_id
    assert "curriculum reprocess" in again[0].detail  # how to process it again
    table = quiet()
    table.print(summary(rows + again))
    printed = table.file.getvalue()  # type: ignore[attr-defined]
    assert "linear.md" in printed and "refused" in printed and "existing" in printed


async def test_wait_follows_each_task_to_its_end(
    docs: DocumentWorld, stores: Stores, test_settings: Settings, tmp_path: Path
) -> None:
    owner = await docs.world.user()
    email = await email_of(stores, owner.user_id)
    chapter = tmp_path / "linear.md"
    chapter.write_text(EN_CHAPTER, encoding="utf-8")
    running = asyncio.create_task(
        ingest(
            test_settings, [str(chapter)], email=email, language=None, wait=True, console=quiet()
        )
    )

    async def pending_task() -> GenerationTask | None:
        async with stores.sessions() as session:
            return (
                await session.execute(
                    select(GenerationTask).where(GenerationTask.user_id == owner.user_id)
                )
            ).scalar_one_or_none()

    while (task := await pending_task()) is None:  # noqa: ASYNC110 - a row, not an event
        await asyncio.sleep(0.1)
    docs.documents.append(UUID(task.payload["document_id"]))
    await docs.process(task.id)  # the job's code, as a worker would run it
    rows = await asyncio.wait_for(running, 60)
    assert rows[0].outcome == "completed" and rows[0].ok


async def test_missing_files_and_unknown_users_are_said_before_anything_is_stored(
    world: World, stores: Stores, test_settings: Settings, tmp_path: Path
) -> None:
    owner = await world.user()
    email = await email_of(stores, owner.user_id)
    chapter = tmp_path / "chapter.md"
    chapter.write_text(EN_CHAPTER, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        await ingest(
            test_settings,
            [str(chapter), str(tmp_path / "gone.md"), str(tmp_path)],
            email=email,
            language=None,
            wait=False,
            console=quiet(),
        )
    assert str(error.value) == f"{tmp_path / 'gone.md'}: no such file; {tmp_path}: not a file"
    with pytest.raises(CommandError, match=r"no user has the email 'nobody@example\.test'"):
        await ingest(
            test_settings,
            [str(chapter)],
            email="nobody@example.test",
            language=None,
            wait=False,
            console=quiet(),
        )
    with pytest.raises(CommandError, match="en or zh-CN"):
        await ingest(
            test_settings, [str(chapter)], email=email, language="fr", wait=False, console=quiet()
        )
    async with stores.sessions() as session:
        assert (
            await session.execute(select(Document).where(Document.user_id == owner.user_id))
        ).first() is None

    # From the shell: the same message and exit status 1.
    result = await asyncio.to_thread(
        command, test_settings, str(tmp_path / "gone.md"), "--user", email
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"curriculum ingest: {tmp_path / 'gone.md'}: no such file"
