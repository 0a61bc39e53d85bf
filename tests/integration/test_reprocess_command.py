"""`curriculum reprocess (DOCUMENT_ID... | --user EMAIL | --all) [--wait]`: the code of
reprocessDocument from the shell, for an operator after an upgrade."""

from __future__ import annotations

import asyncio
import io
import subprocess
from uuid import UUID, uuid4

import pytest
from rich.console import Console
from sqlalchemy import select

from datasources.postgres.models import GenerationTask
from datasources.settings import Settings
from datasources.stores import Stores
from gateway.ingest_command import CommandError
from gateway.reprocess_command import reprocess, summary
from resolvers.ids import to_global_id
from tests.integration.documents import DocumentWorld
from tests.integration.test_ingest_command import email_of, quiet
from tests.processes import curriculum
from tests.unit.pipeline.samples import EN_CHAPTER, ZH_CHAPTER

pytestmark = pytest.mark.integration


def command(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return curriculum(settings, "reprocess", *args, COLUMNS="200")


async def tasks_of(stores: Stores, document_id: UUID) -> list[GenerationTask]:
    async with stores.sessions() as session:
        found = await session.scalars(
            select(GenerationTask)
            .where(GenerationTask.payload["document_id"].astext == str(document_id))
            .order_by(GenerationTask.created_at)
        )
        return list(found.all())


async def test_named_documents_are_processed_again_and_followed(
    stack_docs: DocumentWorld, stores: Stores, test_settings: Settings
) -> None:
    docs = stack_docs
    first, task = await docs.upload(EN_CHAPTER.encode(), name="linear.md")
    await docs.process(task)
    second, _ = await docs.upload(ZH_CHAPTER.encode(), name="zh.md")  # still pending
    gone, _ = await docs.upload(b"# Sets\n\nA set is a collection of things.\n", name="s.md")
    await docs.soft_delete(gone)
    running = asyncio.create_task(
        reprocess(
            test_settings,
            # a UUID, the same as a global id (counted once), a busy one, a deleted one
            [str(first), to_global_id("Document", first), str(second), str(gone)],
            email=None,
            every=False,
            wait=True,
            console=quiet(),
        )
    )
    while len(made := await tasks_of(stores, first)) < 2:  # noqa: ASYNC110 - a row
        await asyncio.sleep(0.1)
    assert made[-1].payload == {"document_id": str(first), "reprocess": True}
    assert made[-1].user_id == docs.owner  # the owner's task, though an operator asked
    await docs.process(made[-1].id)  # the job's code, as a worker would run it
    rows = await asyncio.wait_for(running, 60)

    assert [(r.document_id, r.outcome) for r in rows] == [
        (first, "completed"),
        (second, "busy"),
        (gone, "not found"),
    ]
    assert rows[1].task_id == (await tasks_of(stores, second))[0].id
    assert len(await tasks_of(stores, gone)) == 1  # nothing new for a deleted document
    table = io.StringIO()
    Console(file=table, width=240).print(summary(rows))
    assert "already queued or being processed" in table.getvalue()


async def test_every_document_of_a_user_and_every_live_document(
    stack_docs: DocumentWorld, stores: Stores, test_settings: Settings
) -> None:
    docs = stack_docs
    done, task = await docs.upload(EN_CHAPTER.encode(), name="linear.md")
    await docs.process(task)
    gone, _ = await docs.upload(b"# Sets\n\nA set is a collection of things.\n", name="s.md")
    await docs.soft_delete(gone)
    other = await docs.world.user()
    email = await email_of(stores, docs.owner)

    rows = await reprocess(test_settings, [], email=email, every=False, wait=False, console=quiet())
    assert [(r.document_id, r.outcome) for r in rows] == [(done, "queued")]
    everyone = await stores.uploads.live_documents()
    assert done in everyone and gone not in everyone
    assert await stores.uploads.live_documents(other.user_id) == []


async def test_what_the_operator_got_wrong_is_said_and_nothing_is_queued(
    stack_docs: DocumentWorld, stores: Stores, test_settings: Settings
) -> None:
    docs = stack_docs
    document, _ = await docs.upload(EN_CHAPTER.encode(), name="linear.md")
    for ids, email, every in (([], None, False), ([str(document)], None, True)):
        with pytest.raises(CommandError, match="name the documents"):
            await reprocess(
                test_settings, ids, email=email, every=every, wait=False, console=quiet()
            )
    course = to_global_id("Course", uuid4())
    with pytest.raises(CommandError) as error:
        await reprocess(
            test_settings,
            [str(document), "not-an-id", course],
            email=None,
            every=False,
            wait=False,
            console=quiet(),
        )
    assert str(error.value) == f"not-an-id: not a document id; {course}: not a document id"
    with pytest.raises(CommandError, match=r"no user has the email 'nobody@example\.test'"):
        await reprocess(
            test_settings,
            [],
            email="nobody@example.test",
            every=False,
            wait=False,
            console=quiet(),
        )
    assert len(await tasks_of(stores, document)) == 1  # only its upload's

    result = await asyncio.to_thread(command, test_settings, "not-an-id")
    assert result.returncode == 1
    assert result.stderr.strip() == "curriculum reprocess: not-an-id: not a document id"
