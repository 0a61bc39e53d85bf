"""Text that is not Unicode, sent to the course operations and the download route."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from tests.e2e.conftest import EdgeApp, edge_account
from tests.e2e.test_bad_input import SURROGATE, assert_refused, course_count

pytestmark = pytest.mark.e2e

QUERIES = {
    "generateCourse.title": (
        'mutation($v: String) { generateCourse(input: {documentIds: ["x"], durationWeeks: 1,'
        " hoursPerWeek: 1, title: $v}) { __typename } }"
    ),
    "generateCourse.language": (
        'mutation($v: String) { generateCourse(input: {documentIds: ["x"], durationWeeks: 1,'
        " hoursPerWeek: 1, language: $v}) { __typename } }"
    ),
    "exportCourse.options": (
        'mutation($v: String) { exportCourse(courseId: "x", format: PDF,'
        " options: {includeDiagram: $v}) { __typename } }"
    ),
}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
async def test_bad_text_never_reaches_the_course_resolvers(edge_app: EdgeApp, query: str) -> None:
    token = (await edge_account(edge_app)).token
    before = await course_count(edge_app)
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.post(
            "/graphql",
            content=json.dumps({"query": query, "variables": {"v": SURROGATE}}),
            headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
        )
    assert_refused(response, "variables.v")
    assert await course_count(edge_app) == before


@pytest.mark.parametrize(
    "query",
    [
        "u=%ff&expires=1&sig=abc",
        "u=%ed%a0%80&expires=%ed%a0%80&sig=%ed%a0%80",
        f"u={uuid.uuid4()}&expires=99999999999&sig=" + "%ff" * 43,
        "expires=1",
        "",
    ],
)
async def test_a_download_link_with_bad_bytes_is_refused_plainly(
    edge_app: EdgeApp, query: str
) -> None:
    async with httpx.AsyncClient(base_url=edge_app.url, timeout=30) as http:
        response = await http.get(f"/exports/{uuid.uuid4()}/download?{query}")
        odd_path = await http.get("/exports/%ed%a0%80/download?expires=1")
    for answer in (response, odd_path):
        assert answer.status_code == 403, answer.text
        assert answer.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
