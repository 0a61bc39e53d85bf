"""Uploads through the running app, sent as the GraphQL multipart request spec says
(`operations`, `map`, then the file part) from Node's fetch + FormData and from httpx:
the CSRF header, the size limits at the edge, deduplication, every bad input, and the
whole loop with a real `curriculum worker` — a Markdown chapter uploaded, its task
watched with the graphql-ws client from before the worker starts to the end, its
concepts queried, processed again
(reprocessDocument) to the same concepts, then deleted and cleaned up."""

from __future__ import annotations

import asyncio
import json
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from resolvers.ids import from_global_id
from tests.e2e.conftest import (
    EDGE_ENV,
    EdgeApp,
    edge_account,
    server_env,
    start_server,
    stop_server,
)
from tests.e2e.js_client import JS_DIR, JsClient, node_executable, of
from tests.e2e.test_authz_harness import Account, Client
from tests.e2e.test_course_pipeline import wait_for, worker  # noqa: F401 - a fixture
from tests.upload_files import LOOP_CHAPTER, bad_files

pytestmark = pytest.mark.e2e

UPLOAD = """mutation($file: Upload!, $language: String, $title: String) {
  uploadDocument(file: $file, language: $language, title: $title) { __typename
    ... on DocumentUploaded { created document { id status originalFilename fileSize
      mimeType } task { id status } }
    ... on InvalidInput { message field } } }"""
PREFLIGHT = {"Apollo-Require-Preflight": "true"}
SMALL_LIMIT = 1024 * 1024  # UPLOAD_MAX_BYTES of the app the size tests use


def multipart(data: bytes, name: str, **variables: Any) -> dict[str, Any]:
    """httpx arguments for one spec request: `data` fields go first, then the file."""
    operations = {"query": UPLOAD, "variables": {**variables, "file": None}}
    return {
        "data": {
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        "files": {"0": (name, data, "application/octet-stream")},
    }


BOUNDARY = "----upload-test-boundary"


def multipart_head(filename: bytes) -> bytes:
    """A spec request written out byte by byte, up to the file's bytes (the file name
    exactly as given); `MULTIPART_TAIL` ends it."""
    operations = json.dumps({"query": UPLOAD, "variables": {"file": None}})
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
            f"{operations}\r\n--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="map"\r\n\r\n{"0": ["variables.file"]}'
            f"\r\n--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="0"; filename="'
        ).encode()
        + filename
        + b'"\r\nContent-Type: text/plain\r\n\r\n'
    )


MULTIPART_TAIL = f"\r\n--{BOUNDARY}--\r\n".encode()


def raw_multipart(filename: bytes, data: bytes) -> bytes:
    return multipart_head(filename) + data + MULTIPART_TAIL


async def post_upload(
    url: str, account: Account | None, data: bytes, name: str, **variables: Any
) -> httpx.Response:
    headers = dict(PREFLIGHT)
    if account is not None:
        headers["authorization"] = f"Bearer {account.token}"
    async with httpx.AsyncClient(base_url=url, timeout=120) as http:
        return await http.post("/graphql", headers=headers, **multipart(data, name, **variables))


async def node_upload(
    url: str, account: Account, path: Path, name: str, *, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    plan = {
        "query": UPLOAD,
        "variables": {},
        "filePath": str(path),
        "fileName": name,
        "headers": {"authorization": f"Bearer {account.token}", **(headers or {})},
    }
    process = await asyncio.create_subprocess_exec(
        node_executable(),
        str(JS_DIR / "upload_client.mjs"),
        url + "/graphql",
        json.dumps(plan),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    return dict(json.loads(out))


async def owned(app: EdgeApp, account: Account) -> tuple[int, int]:
    """The account's documents and tasks rows."""
    async with app.stores.engine.connect() as conn:
        documents = await conn.scalar(
            text("SELECT count(*) FROM documents WHERE user_id = :u"), {"u": account.user_id}
        )
        tasks = await conn.scalar(
            text("SELECT count(*) FROM generation_tasks WHERE user_id = :u"),
            {"u": account.user_id},
        )
    return int(documents or 0), int(tasks or 0)


@pytest.fixture(scope="module")
def small_app(edge_app: EdgeApp) -> Iterator[str]:
    """The app with UPLOAD_MAX_BYTES = 1 MiB, on the edge app's stores."""
    env = server_env(edge_app.settings, **EDGE_ENV, UPLOAD_MAX_BYTES=str(SMALL_LIMIT))
    process, url = start_server(env)
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture
async def chapter_file() -> AsyncIterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "heat.md"
        path.write_text(LOOP_CHAPTER, encoding="utf-8")
        yield path


async def test_node_fetch_and_httpx_upload_as_the_spec_says_and_dedupe(
    edge_app: EdgeApp, chapter_file: Path
) -> None:
    user = await edge_account(edge_app)
    sent = await node_upload(
        edge_app.url, user, chapter_file, "Heat Transfer.md", headers=PREFLIGHT
    )
    assert sent["status"] == 200, sent
    first = sent["body"]["data"]["uploadDocument"]
    assert first["__typename"] == "DocumentUploaded" and first["created"] is True, sent
    document = first["document"]
    assert document["originalFilename"] == "Heat Transfer.md"
    assert document["mimeType"] == "text/markdown" and document["status"] == "PENDING"
    assert document["fileSize"] == len(LOOP_CHAPTER.encode())
    assert first["task"]["status"] == "PENDING"
    counted = await owned(edge_app, user)
    assert counted == (1, 1)

    # The same bytes again, from httpx, under another name: the same document, nothing new.
    response = await post_upload(edge_app.url, user, LOOP_CHAPTER.encode(), "copy.md")
    again = response.json()["data"]["uploadDocument"]
    assert again["created"] is False
    assert again["document"]["id"] == document["id"] and again["task"]["id"] == first["task"]["id"]
    assert await owned(edge_app, user) == counted

    # Through the same spec, a Chinese text file from httpx, its language given.
    response = await post_upload(
        edge_app.url,
        user,
        "热传导是热量在物体内部的传递。".encode("gb18030"),
        "热.txt",
        language="zh-CN",
    )
    chinese = response.json()["data"]["uploadDocument"]
    assert chinese["created"] is True and chinese["document"]["originalFilename"] == "热.txt"


async def test_a_multipart_request_without_a_preflight_header_is_refused(
    edge_app: EdgeApp, chapter_file: Path
) -> None:
    user = await edge_account(edge_app)
    sent = await node_upload(edge_app.url, user, chapter_file, "heat.md")  # no header
    assert sent["status"] == 400
    error = sent["body"]["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "Apollo-Require-Preflight" in error["message"] and "forgery" in error["message"]
    async with httpx.AsyncClient(base_url=edge_app.url) as http:
        plain_form = await http.post(
            "/graphql",
            headers={"authorization": f"Bearer {user.token}"},
            **multipart(b"# Notes\n", "notes.md"),
        )
        assert plain_form.status_code == 400
        # An empty header value does not count either.
        empty = await http.post(
            "/graphql",
            headers={"authorization": f"Bearer {user.token}", "Apollo-Require-Preflight": ""},
            **multipart(b"# Notes\n", "notes.md"),
        )
        assert empty.status_code == 400
    assert await owned(edge_app, user) == (0, 0)


async def test_uploads_need_a_signed_in_user(edge_app: EdgeApp) -> None:
    response = await post_upload(edge_app.url, None, b"# Notes\n\nText.\n", "notes.md")
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_every_bad_file_is_refused_over_http_and_changes_nothing(
    edge_app: EdgeApp,
) -> None:
    user = await edge_account(edge_app)
    for bad in bad_files():
        response = await post_upload(edge_app.url, user, bad.data, bad.name)
        result = response.json()["data"]["uploadDocument"]
        assert result["__typename"] == "InvalidInput" and result["field"] == "file", bad.case
        assert bad.says in result["message"], (bad.case, result)
    response = await post_upload(edge_app.url, user, b"# Notes\n\nText.\n", "../../etc/passwd.md")
    result = response.json()["data"]["uploadDocument"]
    assert result["__typename"] == "InvalidInput" and "path separator" in result["message"]
    # httpx (like browsers) escapes control characters in a file name (a%01b.md); a
    # hand-made request carries the raw bytes, and is refused.
    async with httpx.AsyncClient(base_url=edge_app.url) as http:
        for raw_name, says in ((b"a\x01b.md", "U+0001"), (b"dir\\notes.md", "path separator")):
            response = await http.post(
                "/graphql",
                headers={
                    "authorization": f"Bearer {user.token}",
                    "content-type": f"multipart/form-data; boundary={BOUNDARY}",
                    **PREFLIGHT,
                },
                content=raw_multipart(raw_name, b"# Notes\n\nText.\n"),
            )
            result = response.json()["data"]["uploadDocument"]
            assert result["__typename"] == "InvalidInput" and says in result["message"], result
    assert await owned(edge_app, user) == (0, 0)


async def test_size_limits_at_the_edge_and_in_the_upload(edge_app: EdgeApp, small_app: str) -> None:
    user = await edge_account(edge_app)
    # Just over UPLOAD_MAX_BYTES, within the body allowance: the upload says so.
    response = await post_upload(small_app, user, b"word " * (SMALL_LIMIT // 5 + 100), "big.txt")
    result = response.json()["data"]["uploadDocument"]
    assert result["field"] == "file"
    assert result["message"] == f"the file is larger than the limit of {SMALL_LIMIT:,} bytes"

    async with httpx.AsyncClient(base_url=small_app, timeout=120) as http:
        headers = {"authorization": f"Bearer {user.token}", **PREFLIGHT}
        # A declared Content-Length past the allowance: 413 before a byte is read.
        declared = await http.post(
            "/graphql",
            headers=headers,
            **multipart(b"x" * (SMALL_LIMIT + 1_100_000), "declared.txt"),
        )
        assert declared.status_code == 413
        assert declared.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

        # One 50 MB line, streamed without a Content-Length: stopped once past the limit.
        async def body() -> AsyncIterator[bytes]:
            yield multipart_head(b"line.txt")
            piece = b"the heap stores data whose size is unknown at compile time " * 1000
            for _ in range(50 * 1024 * 1024 // len(piece)):
                yield piece
            yield MULTIPART_TAIL

        try:
            streamed = await http.post(
                "/graphql",
                headers={**headers, "content-type": f"multipart/form-data; boundary={BOUNDARY}"},
                content=body(),
            )
        except httpx.RemoteProtocolError:
            streamed = None  # the server may close while the client still sends
        if streamed is not None:
            assert streamed.status_code == 413, streamed.text
            assert streamed.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
        # The gateway still answers, and nothing was stored.
        assert (await Client(http, token=user.token).gql("{ me { id } }"))["data"]["me"]
    assert await owned(edge_app, user) == (0, 0)


CONCEPTS = """query($id: ID!) { document(id: $id) { status pageCount wordCount language
  concepts { concept { title } } } }"""
TASK = "query($id: ID!) { task(id: $id) { status stage progress } }"
WATCH = "subscription($t: ID!) { taskProgress(taskId: $t) { status stage percent } }"
DELETE = "mutation($id: ID!) { deleteDocument(id: $id) { __typename ... on Deleted { id } } }"
REPROCESS = """mutation($id: ID!) { reprocessDocument(id: $id) { __typename
  ... on DocumentReprocessing { task { id status } } ... on Conflict { message } } }"""


async def test_the_whole_loop_with_a_real_worker(
    edge_app: EdgeApp,
    worker: Any,  # noqa: F811 - the fixture
    chapter_file: Path,
) -> None:
    user = await edge_account(edge_app)
    sent = await node_upload(edge_app.url, user, chapter_file, "heat.md", headers=PREFLIGHT)
    uploaded = sent["body"]["data"]["uploadDocument"]
    document_id, task_id = uploaded["document"]["id"], uploaded["task"]["id"]
    # Watched with the graphql-ws client from before any worker runs, the subscription
    # quiet for longer than a store call's timeout (5 s), and followed over HTTP
    # (`task(id)`) too once the worker starts, until it ends.
    plan = {
        "connectionParams": {"Authorization": f"Bearer {user.token}"},
        "operations": [{"label": "watch", "query": WATCH, "variables": {"t": task_id}}],
    }
    stages: list[str] = []
    async with JsClient(edge_app.ws_url, plan) as watch:
        first = await watch.until("next")  # after "connected"
        assert first["payload"]["data"]["taskProgress"]["status"] == "PENDING", first
        await asyncio.sleep(7)
        worker()
        async with httpx.AsyncClient(base_url=edge_app.url, timeout=60) as http:
            client = Client(http, token=user.token)

            async def ended() -> bool:
                body = await client.gql(TASK, id=task_id)
                task = body["data"]["task"]
                assert task is not None, body
                if not stages or stages[-1] != task["stage"]:
                    stages.append(task["stage"])
                return task["status"] in ("COMPLETED", "FAILED")

            await wait_for(ended, seconds=180)
        await watch.until("complete", within=60)
        events = of(watch.events, "watch")
    # Polling sees some of the stages, in the job's order, and the end; the watch saw
    # the stored state, the job's progress, then the end.
    order = ["queued", "started", "reading", "text", "chunks", "knowledge", "graph",
             "concept_vectors", "completed"]  # fmt: skip
    assert stages[-1] == "completed", stages
    assert [order.index(stage) for stage in stages] == sorted(map(order.index, stages)), stages
    assert [e["event"] for e in events][-1] == "complete" and len(events) > 3, events
    watched = [e["payload"]["data"]["taskProgress"] for e in events if e["event"] == "next"]
    assert watched[-1] == {"status": "COMPLETED", "stage": "completed", "percent": 100}
    assert [order.index(w["stage"]) for w in watched] == sorted(
        order.index(w["stage"]) for w in watched
    ), watched

    async with httpx.AsyncClient(base_url=edge_app.url, timeout=60) as http:
        client = Client(http, token=user.token)
        found = (await client.gql(CONCEPTS, id=document_id))["data"]["document"]
        assert found["status"] == "COMPLETED" and found["language"] == "en"
        titles = {c["concept"]["title"].casefold() for c in found["concepts"]}
        assert {"conduction", "convection", "thermal conductivity"} <= titles, titles

        # Processed again (as after an upgrade): one run at a time, the same knowledge.
        again = (await client.gql(REPROCESS, id=document_id))["data"]["reprocessDocument"]
        assert again["__typename"] == "DocumentReprocessing", again
        busy = (await client.gql(REPROCESS, id=document_id))["data"]["reprocessDocument"]
        assert busy["__typename"] == "Conflict" and again["task"]["id"] != task_id

        async def reprocessed() -> bool:
            body = await client.gql(TASK, id=again["task"]["id"])
            return body["data"]["task"]["status"] in ("COMPLETED", "FAILED")

        await wait_for(reprocessed, seconds=180)
        found = (await client.gql(CONCEPTS, id=document_id))["data"]["document"]
        assert found["status"] == "COMPLETED"
        assert {c["concept"]["title"].casefold() for c in found["concepts"]} == titles

        deleted = (await client.gql(DELETE, id=document_id))["data"]["deleteDocument"]
        assert deleted == {"__typename": "Deleted", "id": document_id}
        assert (await client.gql(CONCEPTS, id=document_id))["data"]["document"] is None

    # The worker's cleanup job removes what only this document added.
    raw_id = str(from_global_id(document_id)[1])

    async def node_gone() -> bool:
        records, _, _ = await edge_app.stores.graph.driver.execute_query(
            "MATCH (d:Document {id: $id}) RETURN count(d) AS n", id=raw_id
        )
        return records[0]["n"] == 0

    await wait_for(node_gone, seconds=60)
