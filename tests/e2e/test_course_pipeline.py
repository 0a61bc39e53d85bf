"""From a knowledge graph to a downloaded file, through the running app and a real worker.

generateCourse over HTTP → the JavaScript graphql-ws client watches courseGeneration
while a `curriculum worker` process runs the job → exportCourse (PDF and DOCX),
followed with taskProgress → Export.downloadUrl fetched like a browser would (no
Authorization header) → the files' text read back holds the course, Chinese included.
Then the link rules: altered → 403, expired → 410, another user's session → 403, a
deleted course → 404; every download attempt leaves an audit row.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from sqlalchemy import text

from bench.course_store import load_graph, remove
from datasources.downloads import download_path
from datasources.postgres.models import Course
from resolvers.ids import from_global_id, to_global_id
from tests.course_data import chinese
from tests.e2e.conftest import EDGE_ENV, EdgeApp, edge_account, server_env
from tests.e2e.js_client import JsClient, of
from tests.e2e.test_authz_harness import Client
from tests.processes import die_with_tests
from tests.readers import docx_text, missing_texts, pdf_text

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
WORKER_START_SECONDS = 90

GENERATE = """mutation($input: GenerateCourseInput!) { generateCourse(input: $input) {
  __typename ... on CourseGenerationStarted { course { id } task { id } } } }"""
WATCH = """subscription($id: ID!) { courseGeneration(courseId: $id) {
  status stage percent message } }"""
EXPORT = """mutation($id: ID!, $format: ExportFormat!) {
  exportCourse(courseId: $id, format: $format) {
    __typename ... on ExportStarted { export { id } task { id } } } }"""
PROGRESS = """subscription($t: ID!) { taskProgress(taskId: $t) { status stage percent } }"""
LINKS = """query($id: ID!) { exports(courseId: $id) { edges { node {
  id format status fileSize downloadUrl } } } }"""
DELETE = """mutation($id: ID!) { deleteCourse(id: $id) { __typename } }"""


@pytest.fixture
async def worker(
    edge_app: EdgeApp, tmp_path: Path
) -> AsyncIterator[Callable[[], subprocess.Popen[bytes]]]:
    """Starts `curriculum worker` against the edge app's stores when the test says so
    (its log in the test's tmp folder); stopped at the end."""
    env = server_env(edge_app.settings, **EDGE_ENV, WORKER_RETRY_BACKOFF_SECONDS="0.1")
    started: list[subprocess.Popen[bytes]] = []
    log = (tmp_path / "worker.log").open("wb")

    def start() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [str(Path(sys.executable).parent / "curriculum"), "worker"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_tests,
        )
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


async def wait_for(check: Any, *, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = await check()
        if found:
            return found
        await asyncio.sleep(0.2)
    pytest.fail(f"nothing after {seconds}s")


async def test_a_course_from_the_graph_to_a_downloaded_pdf_and_docx(
    edge_app: EdgeApp, worker: Any
) -> None:
    user = await edge_account(edge_app)
    stores = edge_app.stores
    loaded = await load_graph(stores, chinese(), owner_id=user.user_id)
    course_id: uuid.UUID | None = None
    try:
        async with httpx.AsyncClient(base_url=edge_app.url, timeout=60) as http:
            client = Client(http, token=user.token)
            documents = [to_global_id("Document", d) for d in loaded.document_ids()]
            body = await client.gql(
                GENERATE, input={"documentIds": documents, "durationWeeks": 3, "hoursPerWeek": 2}
            )
            started = body["data"]["generateCourse"]
            assert started["__typename"] == "CourseGenerationStarted", body
            course = started["course"]["id"]
            course_id = from_global_id(course)[1]

            # The JavaScript client: the stored state first, then the job's stages.
            plan = {
                "connectionParams": {"Authorization": f"Bearer {user.token}"},
                "operations": [{"label": "watch", "query": WATCH, "variables": {"id": course}}],
            }
            async with JsClient(edge_app.ws_url, plan) as js:
                first = await js.until("next", "error", "complete")
                assert first["event"] == "next", js.events
                assert first["payload"]["data"]["courseGeneration"]["stage"] == "queued"
                worker()  # only now: every stage is seen live
                # A worker starts in 5-15 s, more on a busy machine; then the usual pace.
                await js.until("next", "error", "complete", within=WORKER_START_SECONDS)
                events = await js.run()
            watched = [e["payload"]["data"]["courseGeneration"] for e in of(events, "watch")
                       if e["event"] == "next"]  # fmt: skip
            assert [w["stage"] for w in watched] == [
                "queued", "started", "reading", "planning", "writing", "questions", "done",
            ]  # fmt: skip
            assert watched[-1]["status"] == "COMPLETED" and watched[-1]["percent"] == 100.0
            assert of(events, "watch")[-1]["event"] == "complete"
            assert not [e for e in events if e["event"] == "binary-frame"]

            # Exports, followed with taskProgress (the stored state, then to the end).
            for fmt in ("PDF", "DOCX"):
                body = await client.gql(EXPORT, id=course, format=fmt)
                task = body["data"]["exportCourse"]["task"]["id"]
                plan = {
                    "connectionParams": {"Authorization": f"Bearer {user.token}"},
                    "operations": [{"label": "p", "query": PROGRESS, "variables": {"t": task}}],
                }
                async with JsClient(edge_app.ws_url, plan) as progress:
                    done = await progress.run()
                states = [e["payload"]["data"]["taskProgress"] for e in of(done, "p")
                          if e["event"] == "next"]  # fmt: skip
                assert states[-1]["status"] == "COMPLETED", states

            links = (await client.gql(LINKS, id=course))["data"]["exports"]["edges"]
            by_format = {e["node"]["format"]: e["node"] for e in links}
            assert set(by_format) == {"PDF", "DOCX"}
            async with stores.sessions() as session:
                row = await session.get(Course, course_id)
            assert row is not None and row.title == "统计学基础"

            for fmt, read in (("PDF", pdf_text), ("DOCX", docx_text)):
                url = by_format[fmt]["downloadUrl"]
                assert url.startswith(edge_app.url + "/exports/")
                # Like a browser: the link alone, no Authorization header.
                async with httpx.AsyncClient(timeout=60) as browser:
                    response = await browser.get(url)
                assert response.status_code == 200, response.text
                assert response.headers["content-type"].startswith(
                    "application/pdf" if fmt == "PDF" else "application/vnd.openxmlformats"
                )
                name = "统计学基础." + fmt.lower()
                disposition = response.headers["content-disposition"]
                assert disposition.startswith("attachment; ")
                assert f"filename*=UTF-8''{quote(name)}" in disposition
                assert int(response.headers["content-length"]) == by_format[fmt]["fileSize"]
                assert missing_texts(row, read(response.content)) == [], fmt
            await check_link_rules(edge_app, client, by_format["PDF"], course)
    finally:
        await remove(stores, loaded, [course_id] if course_id else [])


async def check_link_rules(
    edge_app: EdgeApp, owner: Client, export: dict[str, Any], course: str
) -> None:
    url = export["downloadUrl"]
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    export_id = uuid.UUID(parts.path.split("/")[2])
    user_id = uuid.UUID(query["u"])
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:

        async def get(path: str, **headers: str) -> httpx.Response:
            return await http.get(path, headers=headers)

        tampered = (
            parts.path
            + "?"
            + parts.query.replace(query["expires"], str(int(query["expires"]) + 3600))
        )
        response = await get(tampered)
        assert (
            response.status_code == 403 and "not valid" in response.json()["errors"][0]["message"]
        )
        response = await get(parts.path + f"?u={user_id}&expires={query['expires']}")
        assert response.status_code == 403  # no signature at all
        secret = server_env(edge_app.settings)["SECRET_KEY"]
        expired = download_path(
            secret, export_id=export_id, user_id=user_id, expires=int(time.time()) - 5
        )
        response = await get(expired)
        assert response.status_code == 410 and "expired" in response.json()["errors"][0]["message"]
        other = await edge_account(edge_app)
        response = await get(parts.path + "?" + parts.query, authorization=f"Bearer {other.token}")
        assert response.status_code == 403 and "another user" in response.text
        response = await get(parts.path + "?" + parts.query, authorization=f"Bearer {owner.token}")
        assert response.status_code == 200  # the owner's own session is fine too

        deleted = await owner.gql(DELETE, id=course)
        assert deleted["data"]["deleteCourse"]["__typename"] == "Deleted"
        response = await get(parts.path + "?" + parts.query)
        assert response.status_code == 404 and "no longer exists" in response.text

    async def audited() -> list[int]:
        async with edge_app.stores.engine.connect() as conn:
            rows = await conn.execute(
                text(
                    "SELECT response_status FROM audit_logs WHERE action = 'export.download' "
                    "AND resource_id = :id ORDER BY created_at"
                ),
                {"id": export_id},
            )
            return [r[0] for r in rows]

    statuses = await wait_for(lambda: _enough(audited, 7))
    assert statuses == [200, 403, 403, 410, 403, 200, 404], statuses


async def _enough(read: Any, count: int) -> list[int] | None:
    found: list[int] = await read()
    return found if len(found) >= count else None
