"""uploadDocument, deleteDocument and retryTask executed in-process against the real stores:
the rows, the file, the queued job; deduplication; every bad input changes nothing; a
queue that refuses is recorded and retryTask recovers; a delete hides the document from
reads and search at once and queues its cleanup."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from arq.constants import job_key_prefix
from redis.asyncio import Redis
from sqlalchemy import func, select
from starlette.datastructures import UploadFile

from datasources.postgres.models import Document, GenerationTask
from datasources.redis.queue import JobQueue, cleanup_job_id
from datasources.settings import Settings
from datasources.stores import Stores
from datasources.tasks import new_task
from datasources.uploads import DocumentUploads
from resolvers.context import Principal
from resolvers.ids import from_global_id, to_global_id
from schema.root import build_schema
from tests.factories import World, context_for
from tests.integration.documents import DocumentWorld
from tests.unit.pipeline.samples import EN_CHAPTER
from tests.upload_files import (
    BAD_NAMES,
    EPUB_MIME,
    LATEX_CHAPTER,
    LOOP_CHAPTER,
    NOTEBOOK_MIME,
    PPTX_MIME,
    apkg_bytes,
    bad_files,
    latex_project_bytes,
    notebook_bytes,
    pptx_bytes,
    scorm_bytes,
    written_by_pandoc,
    xlsx_bytes,
)

pytestmark = pytest.mark.integration
SCHEMA = build_schema()

UPLOAD = """mutation($file: Upload!, $language: String, $title: String) {
  uploadDocument(file: $file, language: $language, title: $title) {
    __typename
    ... on DocumentUploaded { created document { id title status originalFilename fileSize
      mimeType language metadata } task { id status taskType priority maxRetries errorMessage } }
    ... on InvalidInput { message field } } }"""
RETRY = """mutation($id: ID!) { retryTask(taskId: $id) { __typename
  ... on TaskRetried { task { id status errorMessage retryCount } }
  ... on NotFound { message } ... on InvalidInput { message field }
  ... on Conflict { message } } }"""
DELETE = """mutation($id: ID!) { deleteDocument(id: $id) { __typename
  ... on Deleted { id } ... on NotFound { message } } }"""
READ = """query($id: ID!) { document(id: $id) { id } node(id: $id) { id }
  documents(first: 50) { edges { node { id } } } }"""
SEARCH = """query($q: String!) { semanticSearch(query: $q, kinds: [CHUNK], limit: 50) {
  ... on ChunkHit { document { id } } } }"""


async def gql(stores: Stores, principal: Principal | None, query: str, **variables: Any) -> Any:
    result = await SCHEMA.execute(
        query, variable_values=variables, context_value=context_for(stores, principal)
    )
    assert result.errors is None, result.errors
    return result.data


def upload_file(data: bytes, name: str) -> UploadFile:
    return UploadFile(file=io.BytesIO(data), filename=name)


async def upload(
    stores: Stores, principal: Principal, data: bytes, name: str = "chapter.md", **args: Any
) -> dict[str, Any]:
    data_ = await gql(stores, principal, UPLOAD, file=upload_file(data, name), **args)
    return dict(data_["uploadDocument"])


def stored_files(root: Path) -> int:
    return sum(1 for p in root.rglob("*") if p.is_file() and ".incoming" not in p.parts)


async def counts(stores: Stores, root: Path) -> tuple[int, int, int]:
    """Documents rows, task rows, files in the store."""
    async with stores.sessions() as session:
        documents = await session.scalar(select(func.count()).select_from(Document))
        tasks = await session.scalar(select(func.count()).select_from(GenerationTask))
    files = await asyncio.to_thread(stored_files, root)
    return int(documents or 0), int(tasks or 0), files


async def queued(stores: Stores, job_id: str) -> bool:
    return bool(await stores.redis.client.exists(job_key_prefix + job_id))


@pytest.fixture
async def docs(
    world: World, test_settings: Settings, stores: Stores
) -> AsyncIterator[DocumentWorld]:
    built = DocumentWorld(world, test_settings, stores.vectors)
    try:
        yield built
    finally:
        await built.cleanup()


def uuid_of(global_id: str) -> UUID:
    return from_global_id(global_id)[1]


async def test_an_upload_stores_the_file_both_rows_and_queues_the_job(
    world: World, stores: Stores, test_settings: Settings
) -> None:
    owner = await world.user()
    data = EN_CHAPTER.encode()
    result = await upload(stores, owner, data, "Linear Equations.md", title="Chapter 1")
    assert result["__typename"] == "DocumentUploaded" and result["created"] is True
    document, task = result["document"], result["task"]
    sha = hashlib.sha256(data).hexdigest()
    assert document["status"] == "PENDING"
    assert document["originalFilename"] == "Linear Equations.md"
    assert document["fileSize"] == len(data) and document["mimeType"] == "text/markdown"
    assert document["language"] is None  # detected by the job
    assert document["metadata"]["sha256"] == sha and document["metadata"]["title"] == "Chapter 1"
    assert document["title"] == "Chapter 1"
    assert task["taskType"] == "DOCUMENT_PROCESSING" and task["status"] == "PENDING"
    assert task["priority"] == test_settings.upload.task_priority
    assert task["maxRetries"] == test_settings.upload.task_max_retries
    async with stores.sessions() as session:
        row = await session.get(Document, uuid_of(document["id"]))
        task_row = await session.get(GenerationTask, uuid_of(task["id"]))
    assert row is not None and task_row is not None
    assert row.file_path == sha and row.user_id == owner.user_id
    assert task_row.payload == {"document_id": str(row.id)}
    assert await stores.files.exists(sha)
    assert await queued(stores, str(task_row.id))  # job id = task id

    zh = await upload(stores, owner, "线性方程是一次方程。".encode(), "zh.txt", language="zh-TW")
    assert zh["document"]["language"] == "zh-CN"


async def test_the_same_bytes_by_the_same_user_are_the_same_document(
    world: World, stores: Stores, test_settings: Settings
) -> None:
    owner, other = await world.user(), await world.user()
    data = b"# Vectors\n\nA vector is a quantity with a magnitude and a direction.\n"
    first = await upload(stores, owner, data, "vectors.md")
    before = await counts(stores, test_settings.files.root)
    again = await upload(stores, owner, data, "renamed.md")
    assert again["created"] is False
    assert again["document"]["id"] == first["document"]["id"]
    assert again["task"]["id"] == first["task"]["id"]
    assert await counts(stores, test_settings.files.root) == before
    theirs = await upload(stores, other, data, "vectors.md")
    assert theirs["created"] is True and theirs["document"]["id"] != first["document"]["id"]


async def test_every_bad_input_is_refused_and_changes_nothing(
    world: World, stores: Stores, test_settings: Settings
) -> None:
    owner = await world.user()
    root = test_settings.files.root
    before = await counts(stores, root)
    queue_before = await stores.redis.client.zcard("arq:queue")
    for bad in bad_files():
        result = await upload(stores, owner, bad.data, bad.name)
        assert result == {
            "__typename": "InvalidInput",
            "message": result["message"],
            "field": "file",
        }
        assert bad.says in result["message"], (bad.case, result)
    for name, says in BAD_NAMES:
        result = await upload(stores, owner, EN_CHAPTER.encode(), name)
        assert result["__typename"] == "InvalidInput" and says in result["message"], name
    for not_a_file in ("text", 42, {"name": "a.md"}):  # JSON variables, not a file part
        result = (await gql(stores, owner, UPLOAD, file=not_a_file))["uploadDocument"]
        assert result["field"] == "file" and "multipart request" in result["message"]
    result = await upload(stores, owner, EN_CHAPTER.encode(), language="fr")
    assert result["field"] == "language" and "en or zh-CN" in result["message"]
    result = await upload(stores, owner, EN_CHAPTER.encode(), title="x" * 501)
    assert result["field"] == "title"

    small = dataclasses.replace(
        stores, uploads=_uploads(stores, test_settings, max_bytes=4096, queue=stores.queue)
    )
    result = await upload(small, owner, b"word " * 2000, "long.txt")
    assert result["field"] == "file"
    assert result["message"] == "the file is larger than the limit of 4,096 bytes"

    assert await counts(stores, root) == before
    assert await stores.redis.client.zcard("arq:queue") == queue_before


async def test_uploads_need_a_user_and_the_documents_write_permission(
    world: World, stores: Stores
) -> None:
    result = await SCHEMA.execute(
        UPLOAD,
        variable_values={"file": upload_file(b"text", "a.txt")},
        context_value=context_for(stores, None),
    )
    assert result.errors and result.errors[0].extensions["code"] == "UNAUTHENTICATED"
    owner = await world.user()
    key = dataclasses.replace(owner, permissions=frozenset({"documents:read"}))
    result = await SCHEMA.execute(
        UPLOAD,
        variable_values={"file": upload_file(b"text", "a.txt")},
        context_value=context_for(stores, key),
    )
    assert result.errors and result.errors[0].extensions["code"] == "FORBIDDEN"
    assert "documents:write" in result.errors[0].message


def _uploads(
    stores: Stores, settings: Settings, *, queue: JobQueue, max_bytes: int | None = None
) -> DocumentUploads:
    if max_bytes is not None:
        settings = settings.model_copy(
            update={"upload": settings.upload.model_copy(update={"max_bytes": max_bytes})}
        )
    return DocumentUploads(stores.sessions, stores.files, stores.tasks, queue, settings, timeout=5)


async def test_a_queue_that_refuses_is_recorded_and_retry_task_queues_again(
    world: World, stores: Stores, test_settings: Settings
) -> None:
    owner, stranger = await world.user(), await world.user()
    dead_redis = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=1)
    try:
        broken = dataclasses.replace(
            stores, uploads=_uploads(stores, test_settings, queue=JobQueue(dead_redis, timeout=2))
        )
        result = await upload(broken, owner, b"# Sets\n\nA set is a collection.\n", "sets.md")
    finally:
        await dead_redis.aclose()
    task = result["task"]
    assert result["created"] is True and task["status"] == "FAILED"
    assert "could not be queued" in task["errorMessage"] and "retryTask" in task["errorMessage"]
    assert not await queued(stores, str(uuid_of(task["id"])))

    assert (await gql(stores, stranger, RETRY, id=task["id"]))["retryTask"]["__typename"] == (
        "NotFound"
    )
    retried = (await gql(stores, owner, RETRY, id=task["id"]))["retryTask"]
    assert retried["__typename"] == "TaskRetried"
    assert retried["task"]["status"] == "PENDING" and retried["task"]["errorMessage"] is None
    assert await queued(stores, str(uuid_of(task["id"])))
    again = (await gql(stores, owner, RETRY, id=task["id"]))["retryTask"]
    assert again == {"__typename": "Conflict", "message": again["message"]}
    assert "already queued" in again["message"]

    # A pending task whose job was lost (Redis flushed) is queued again.
    await stores.redis.client.delete(job_key_prefix + str(uuid_of(task["id"])))
    await stores.redis.client.zrem("arq:queue", str(uuid_of(task["id"])))
    lost = (await gql(stores, owner, RETRY, id=task["id"]))["retryTask"]
    assert lost["__typename"] == "TaskRetried"
    assert await queued(stores, str(uuid_of(task["id"])))


async def test_retry_task_for_exports_and_generations_and_its_refusals(
    world: World, stores: Stores
) -> None:
    owner = await world.user()
    admin = await world.user(role="admin")
    ids = {}
    for task_type in ("export", "course_generation"):
        async with stores.sessions() as session, session.begin():
            ids[task_type] = await new_task(
                session, user_id=owner.user_id, task_type=task_type, payload={"course_id": "x"}
            )
        await stores.tasks.fail(ids[task_type], "a renderer crashed")
    for task_type, task_id in ids.items():
        global_id = to_global_id("GenerationTask", task_id)
        retried = (await gql(stores, admin, RETRY, id=global_id))["retryTask"]  # admins may
        assert retried["__typename"] == "TaskRetried", task_type
        assert retried["task"]["status"] == "PENDING" and retried["task"]["retryCount"] == 0
        assert await queued(stores, str(task_id))
        await stores.tasks.complete(task_id, {"done": True})
        finished = (await gql(stores, owner, RETRY, id=global_id))["retryTask"]
        assert finished["__typename"] == "InvalidInput"
        assert finished["message"] == "the task has completed: there is nothing to retry"


async def test_a_powerpoint_deck_is_uploaded_and_read_slide_by_slide(
    docs: DocumentWorld, stores: Stores
) -> None:
    """A .pptx was refused at upload ("save or export it as PDF or DOCX"); it is read now,
    each slide a page, so a concept's provenance is the slide it stands on."""
    owner = await docs.world.user()
    result = await upload(stores, owner, pptx_bytes(), "Heat Transfer.pptx")
    assert result["__typename"] == "DocumentUploaded" and result["created"] is True
    assert result["document"]["mimeType"] == PPTX_MIME
    document_id = uuid_of(result["document"]["id"])
    docs.documents.append(document_id)
    outcome = await docs.process(uuid_of(result["task"]["id"]))
    assert outcome["status"] == "completed"
    document = await docs.row(Document, document_id)
    assert (document.status, document.language, document.page_count) == ("completed", "en", 3)
    assert document.metadata_["title"] == "Heat Transfer"  # the title slide's
    snap = await docs.snapshot(document_id)
    pages = {c["title"].casefold(): c["page"] for c in snap["concepts"]}
    assert pages["conduction"] == 2 and pages["convection"] == 3


async def test_a_jupyter_notebook_is_read_from_its_cells_not_its_json(
    docs: DocumentWorld, stores: Stores
) -> None:
    """A .ipynb was read as the JSON text it is saved as: its keys ("markdown",
    "metadata") were concepts. Its Markdown and code cells are read now."""
    document, titles = await _read_after_upload(
        docs, stores, "Heat Transfer.ipynb", notebook_bytes(), NOTEBOOK_MIME
    )
    assert (document.status, document.language) == ("completed", "en")
    assert document.metadata_["title"] == "Heat Transfer"
    assert '"cell_type"' not in (document.extracted_text or "")
    assert {"conduction", "convection"} <= titles
    assert not titles & {"markdown", "metadata", "stdout"}


async def _read_after_upload(
    docs: DocumentWorld, stores: Stores, name: str, data: bytes, mime: str
) -> tuple[Document, set[str]]:
    """Upload `data` as `name`, expect `mime`, run its document job to completion: the
    document's row and its concepts' titles, lower case."""
    owner = await docs.world.user()
    result = await upload(stores, owner, data, name)
    assert result["__typename"] == "DocumentUploaded" and result["created"] is True
    assert result["document"]["mimeType"] == mime
    document_id = uuid_of(result["document"]["id"])
    docs.documents.append(document_id)
    outcome = await docs.process(uuid_of(result["task"]["id"]))
    assert outcome["status"] == "completed"
    document = await docs.row(Document, document_id)
    concepts = (await docs.snapshot(document_id))["concepts"]
    return document, {c["title"].casefold() for c in concepts}


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("Heat Transfer.epub", written_by_pandoc("epub"), EPUB_MIME),
        ("heat.tex", LATEX_CHAPTER.encode(), "application/x-tex"),
    ],
)
async def test_an_epub_and_a_latex_file_are_read_through_pandoc(
    docs: DocumentWorld, stores: Stores, name: str, data: bytes, mime: str
) -> None:
    """An EPUB was refused ("save or export it as PDF or DOCX") and a LaTeX file read as
    plain text, its commands and all; both are read as what they typeset now."""
    document, titles = await _read_after_upload(docs, stores, name, data, mime)
    assert document.metadata_["title"] == "Heat Transfer"
    assert "\\section" not in (document.extracted_text or "")
    assert {"conduction", "convection"} <= titles


def _evernote_export() -> bytes:
    """The heat-transfer chapter as one Evernote note exported (.enex): its ENML page in
    CDATA under the note's title, with a check box and metadata around it."""
    import pypandoc

    page = pypandoc.convert_text(LOOP_CHAPTER, "html", "markdown")
    note = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE en-note SYSTEM '
        '"http://xml.evernote.com/pub/enml2.dtd"><en-note><div><en-todo checked="false"/>'
        f"revise</div>{page}</en-note>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<en-export application="Evernote" '
        f'version="10"><note><title>Heat Transfer</title><content><![CDATA[{note}]]>'
        "</content><created>20260101T000000Z</created></note></en-export>"
    ).encode()


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("heat-review.xml", written_by_pandoc("jats"), "application/jats+xml"),
        ("heat.textile", written_by_pandoc("textile"), "text/x-textile"),
        ("heat.enex", _evernote_export(), "application/enex+xml"),
        (
            "heat.apkg",
            apkg_bytes(
                [
                    "Conduction\x1fThe transfer of heat through a material at rest.",
                    "Convection\x1fThe transfer of heat by the movement of a fluid.",
                    "Radiation\x1fThe transfer of heat by electromagnetic waves.",
                ]
            ),
            "application/x-apkg",
        ),
        ("heat-project.zip", latex_project_bytes(), "application/zip"),
        ("heat-module.zip", scorm_bytes(), "application/zip"),
        (
            "heat-glossary.xlsx",
            xlsx_bytes(
                {
                    "Glossary": [
                        ["Term", "Definition"],
                        ["Conduction", "The transfer of heat through a material at rest."],
                        ["Convection", "The transfer of heat by the movement of a fluid."],
                        ["Radiation", "The transfer of heat by electromagnetic waves."],
                        ["Insulator", "A material that conducts heat poorly."],
                        ["Heat flux", "The rate of heat flow through a unit area."],
                    ]
                }
            ),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
async def test_an_article_a_wiki_page_a_notes_export_and_a_glossary_workbook_are_read(
    docs: DocumentWorld, stores: Stores, name: str, data: bytes, mime: str
) -> None:
    """Formats the blind rounds added, through the real upload and document job: a JATS
    article, a Redmine page in Textile, an Evernote export, an Excel glossary, an Anki deck
    package, a zipped LaTeX project and a SCORM package, each known by its content and read
    as the text it shows (their markup was the concepts before; the workbook, the deck, the
    project and the package were refused)."""
    _, titles = await _read_after_upload(docs, stores, name, data, mime)
    assert {"conduction", "convection"} <= titles
    assert not titles & {"en-note", "en-todo", "article-meta", "front", "cdata"}


async def test_a_deck_of_pictures_is_taken_then_fails_by_name_and_stores_nothing(
    docs: DocumentWorld, stores: Stores
) -> None:
    owner = await docs.world.user()
    result = await upload(stores, owner, pptx_bytes(text=False), "photos.pptx")
    assert result["__typename"] == "DocumentUploaded"
    document_id = uuid_of(result["document"]["id"])
    docs.documents.append(document_id)
    outcome = await docs.process(uuid_of(result["task"]["id"]))
    document = await docs.row(Document, document_id)
    assert document.status == "failed"
    assert "its 3 slides hold pictures but no text" in (document.processing_error or "")
    assert outcome["error"] == document.processing_error
    assert await docs.graph("MATCH (d:Document {id: $d}) RETURN d", d=str(document_id)) == []
    assert (await docs.vectors.count_chunks([document_id]))[document_id] == 0


async def test_delete_hides_the_document_at_once_and_queues_its_cleanup(
    docs: DocumentWorld, stores: Stores
) -> None:
    owner, stranger = await docs.world.user(), await docs.world.user()
    result = await upload(stores, owner, EN_CHAPTER.encode(), "linear.md")
    global_id = result["document"]["id"]
    document_id = uuid_of(global_id)
    docs.documents.append(document_id)
    await docs.process(uuid_of(result["task"]["id"]))
    seen = await gql(stores, owner, READ, id=global_id)
    assert seen["document"] == {"id": global_id} and seen["node"] == {"id": global_id}
    hits = (await gql(stores, owner, SEARCH, q="linear equation variables"))["semanticSearch"]
    assert {"document": {"id": global_id}} in hits

    refused = (await gql(stores, stranger, DELETE, id=global_id))["deleteDocument"]
    assert refused["__typename"] == "NotFound"
    deleted = (await gql(stores, owner, DELETE, id=global_id))["deleteDocument"]
    assert deleted == {"__typename": "Deleted", "id": global_id}

    after = await gql(stores, owner, READ, id=global_id)
    assert after["document"] is None and after["node"] is None
    assert global_id not in [e["node"]["id"] for e in after["documents"]["edges"]]
    hits = (await gql(stores, owner, SEARCH, q="linear equation variables"))["semanticSearch"]
    assert {"document": {"id": global_id}} not in hits  # its chunks are still indexed
    async with stores.sessions() as session:
        row = await session.get(Document, document_id)
    assert row is not None and row.status == "deleted"
    assert row.metadata_["deleted_by"] == str(owner.user_id) and row.metadata_["deleted_at"]
    assert await queued(stores, cleanup_job_id(document_id))

    # Its task, were it failed, could not be retried: the document is gone.
    task_id = uuid_of(result["task"]["id"])
    async with stores.sessions() as session, session.begin():
        row_task = await session.get(GenerationTask, task_id)
        assert row_task is not None
        row_task.status = "failed"
    retried = (await gql(stores, owner, RETRY, id=result["task"]["id"]))["retryTask"]
    assert retried == {
        "__typename": "InvalidInput",
        "message": "the task's document was deleted; upload the file again",
        "field": "taskId",
    }
    # Deleting it again is allowed (it re-queues a cleanup Redis may have refused).
    again = (await gql(stores, owner, DELETE, id=global_id))["deleteDocument"]
    assert again["__typename"] == "Deleted"
    # The same bytes uploaded after the delete make a new document.
    fresh = await upload(stores, owner, EN_CHAPTER.encode(), "linear.md")
    assert fresh["created"] is True and fresh["document"]["id"] != global_id
    docs.documents.append(uuid_of(fresh["document"]["id"]))
