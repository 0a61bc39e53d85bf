"""The GraphiQL page in headless Chromium: sign-in panel, Explorer, graph view,
subscriptions, exports; with no request leaving the gateway (see conftest)."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright.async_api import Page, Route

from datasources.redis.progress import progress_channel
from resolvers.ids import from_global_id
from tests.e2e.browser.conftest import Watched, gql
from tests.e2e.browser.pages import (
    graph_node_count,
    open_graphiql,
    open_plugin,
    rendered_node_position,
    run,
    set_operation,
    sign_in,
    synthetic_concepts,
    wait_for_operation_name,
    wait_for_response,
)
from tests.e2e.test_authz_harness import PASSWORD, Account, Client, Served, own_task

pytestmark = pytest.mark.e2e

STORAGE_KEY = "curriculum-gateway.session"

CREATE_CONCEPT = """mutation($input: ConceptInput!) { createConcept(input: $input) {
  __typename ... on Concept { id } } }"""
ADD_PREREQUISITE = """mutation($c: ID!, $p: ID!, $m: Boolean!) {
  addPrerequisite(conceptId: $c, prerequisiteId: $p, mandatory: $m) { __typename } }"""
DELETE_CONCEPT = "mutation($id: ID!) { deleteConcept(id: $id) { __typename } }"
LEARNING_PATH = """query PathToTarget($id: ID!) {
  learningPath(toConceptId: $id) {
    target { __typename id title difficulty }
    steps { __typename id title difficulty
      prerequisites { mandatory weight depth concept { __typename id title difficulty } } }
    cyclesBroken { id }
  }
}"""


@pytest.fixture
async def chain(account: Account, http: httpx.AsyncClient) -> AsyncIterator[list[str]]:
    """Four concepts of our own, a -> b -> c -> d (b -> c optional), deleted afterwards."""
    client = Client(http, token=account.token)
    tag = uuid.uuid4().hex[:8]
    ids = []
    for name, difficulty in [
        ("a", "BEGINNER"),
        ("b", "BEGINNER"),
        ("c", "INTERMEDIATE"),
        ("d", "ADVANCED"),
    ]:
        data = await gql(
            client,
            CREATE_CONCEPT,
            input={"title": f"Browser {name} {tag}", "difficulty": difficulty},
        )
        assert data["createConcept"]["__typename"] == "Concept", data
        ids.append(data["createConcept"]["id"])
    try:
        for before, after, mandatory in [
            (ids[0], ids[1], True),
            (ids[1], ids[2], False),
            (ids[2], ids[3], True),
        ]:
            data = await gql(client, ADD_PREREQUISITE, c=after, p=before, m=mandatory)
            assert data["addPrerequisite"]["__typename"] == "Concept", data
        yield ids
    finally:
        for concept_id in ids:
            await gql(client, DELETE_CONCEPT, id=concept_id)


async def test_sign_in_and_out_through_the_panel(watched: Watched, account: Account) -> None:
    page = watched.page
    await open_graphiql(page, watched.origin)
    assert await page.inner_text("[data-testid=session-badge]") == "Not signed in"
    # A wrong password is refused with the server's message, and nothing is stored.
    await open_plugin(page, "Sign in")
    await page.fill("input[name=login]", account.username)
    await page.fill("input[name=password]", "not the password")
    await page.get_by_role("button", name="Sign in", exact=True).click()
    alert = page.get_by_role("alert")
    await alert.wait_for()
    assert await alert.inner_text() == "wrong email/username or password"
    assert await page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None

    await page.fill("input[name=password]", PASSWORD)
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await page.wait_for_selector("[data-testid=signed-in-user]")
    assert await page.inner_text("[data-testid=signed-in-user]") == account.username
    assert (
        await page.inner_text("[data-testid=session-badge]") == f"Signed in as {account.username}"
    )
    stored = json.loads(await page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')"))
    assert stored["user"]["username"] == account.username
    # Only the tab's own storage holds it: not localStorage, not a cookie.
    local = await page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert stored["token"] not in local
    assert await page.context.cookies() == []

    # The token goes with the editor's queries.
    await set_operation(page, "query Me { me { username } }", "Me")
    await run(page)
    result = await wait_for_response(page, account.username)
    assert result == {"data": {"me": {"username": account.username}}}

    await page.get_by_role("button", name="Sign out").click()
    await page.wait_for_selector("form.cg-signin")
    assert await page.evaluate(f"sessionStorage.getItem('{STORAGE_KEY}')") is None
    assert await page.inner_text("[data-testid=session-badge]") == "Not signed in"
    # The server ended the session too: the old token is refused.
    await set_operation(page, "query Me2 { me { username } }", "Me2")
    await page.evaluate(
        "(t) => document.querySelectorAll('.graphiql-editor-tool .CodeMirror')[1]"
        ".CodeMirror.setValue(JSON.stringify({Authorization: 'Bearer ' + t}))",
        stored["token"],
    )
    watched.allow_error("status of 401")  # the browser logs the refused request
    await run(page)
    refused = await wait_for_response(page, "UNAUTHENTICATED")
    assert refused["errors"][0]["message"] == "session expired or invalid"


async def test_a_query_built_with_the_explorer(watched: Watched, account: Account) -> None:
    page = watched.page
    await open_graphiql(page, watched.origin)
    await sign_in(page, account.username, PASSWORD)
    await set_operation(page, "", None)  # start from an empty editor
    await open_plugin(page, "GraphiQL Explorer")
    await page.click(".graphiql-explorer-me > [data-field-name=me]")
    await page.click(".graphiql-explorer-me [data-field-name=username]")
    query = await page.evaluate(
        "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
    )
    assert "me {" in query and "username" in query, query
    # Run once GraphiQL has parsed what the Explorer wrote (it names it MyQuery).
    await wait_for_operation_name(page)
    await run(page)
    result = await wait_for_response(page, account.username)
    assert result["data"]["me"]["username"] == account.username


async def _canvas_screenshot_is_a_drawing(page: Page) -> tuple[int, int]:
    """Distinct colours and non-white pixels in a screenshot of the graph canvas."""
    png = await page.locator("[data-testid=graph-canvas]").screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24) or []
    ink = sum(count for count, colour in colours if colour != (255, 255, 255))
    return len(colours), ink


async def test_graph_view_draws_a_learning_path_and_expands_on_click(
    watched: Watched, account: Account, chain: list[str], tmp_path: Path
) -> None:
    page = watched.page
    await open_graphiql(page, watched.origin)
    await sign_in(page, account.username, PASSWORD)
    await set_operation(page, LEARNING_PATH, "PathToTarget", {"id": chain[3]})
    await run(page)
    result = await wait_for_response(page, "steps")
    assert [s["id"] for s in result["data"]["learningPath"]["steps"]] == chain[:3]

    await open_plugin(page, "Graph view")
    await page.get_by_role("button", name="Full screen").click()
    await page.wait_for_function(
        "() => document.querySelector('[data-testid=graph-canvas]').dataset.nodeCount === '4'"
    )
    assert await graph_node_count(page) == 4
    assert await page.get_attribute("[data-testid=graph-canvas]", "data-edge-count") == "2"
    stats = await page.inner_text("[data-testid=graph-stats]")
    assert stats == "4 concepts · 0 documents · 2 edges"
    cy_data = await page.evaluate(
        """() => document.querySelector('[data-testid=graph-canvas]')._cyreg.cy.edges()
              .map((e) => [e.data('source'), e.data('target'), e.data('line')])"""
    )
    # Prerequisite edges point from what comes first; the optional one is dashed.
    assert sorted(cy_data) == sorted(
        [[chain[0], chain[1], "solid"], [chain[1], chain[2], "dashed"]]
    )
    colours, ink = await _canvas_screenshot_is_a_drawing(page)
    assert colours > 10 and ink > 500, (colours, ink)
    await page.screenshot(path=str(tmp_path / "learning-path.png"))

    # Clicking the last step loads its neighbourhood with a generated query: the
    # target d (its dependent) joins the picture.
    at = await rendered_node_position(page, chain[2])
    await page.mouse.click(at["x"], at["y"])
    await page.wait_for_function(
        "() => document.querySelector('[data-testid=graph-canvas]').dataset.nodeCount === '4'"
        " && document.querySelector('.cg-status').textContent.startsWith('Loaded')"
    )
    edges = await page.get_attribute("[data-testid=graph-canvas]", "data-edge-count")
    assert edges == "3", "c -> d arrived with the neighbourhood"
    assert "query ConceptNeighbourhood" in (await page.text_content(".cg-generated pre") or "")

    # Exports: a PNG image and an SVG with every node.
    async with page.expect_download() as png_download:
        await page.get_by_role("button", name="PNG").click()
    png_path = tmp_path / "graph.png"
    await (await png_download.value).save_as(png_path)
    assert Image.open(png_path).format == "PNG"
    async with page.expect_download() as svg_download:
        await page.get_by_role("button", name="SVG").click()
    svg_path = Path(await (await svg_download.value).path())
    svg = await asyncio.to_thread(svg_path.read_text, encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<circle ") == 4
    assert "stroke-dasharray" in svg


async def test_a_subscription_streams_into_the_result_pane(
    watched: Watched, account: Account, served: Served
) -> None:
    page = watched.page
    task = await own_task(
        served, account, status="processing", result={"stage": "queued", "progress": 0}
    )
    task_id = from_global_id(task)[1]
    await open_graphiql(page, watched.origin)
    await sign_in(page, account.username, PASSWORD)
    await set_operation(
        page,
        "subscription Watch($id: ID!) { taskProgress(taskId: $id) { status stage percent } }",
        "Watch",
        {"id": task},
    )
    await run(page)
    # Event 1: the stored state, over the socket authenticated by connection_init.
    first = await wait_for_response(page, "queued")
    assert first["data"]["taskProgress"] == {
        "status": "PROCESSING",
        "stage": "queued",
        "percent": 0.0,
    }
    # Event 2: live progress published by a worker.
    await served.app.state.stores.redis.publish(
        progress_channel("course_generation", task_id),
        {
            "task_id": str(task_id),
            "status": "processing",
            "stage": "outline",
            "percent": 40,
        },
    )
    second = await wait_for_response(page, "outline")
    assert second["data"]["taskProgress"] == {
        "status": "PROCESSING",
        "stage": "outline",
        "percent": 40.0,
    }


async def test_two_thousand_nodes_are_drawn(watched: Watched, tmp_path: Path) -> None:
    """The client's drawing of a large result; the answer is made in the browser (no
    store has 2,000 linked test concepts), everything else is the real page."""
    page = watched.page
    body = json.dumps(synthetic_concepts(2000))

    async def big_answer(route: Route) -> None:
        request = route.request
        if (
            request.method == "POST"
            and (request.post_data_json or {}).get("operationName") == "BigGraph"
        ):
            await route.fulfill(status=200, content_type="application/json", body=body)
        else:
            await route.fallback()

    await page.route("**/graphql", big_answer)
    await open_graphiql(page, watched.origin)
    await set_operation(
        page, "query BigGraph { concepts(first: 100) { nodes { id } } }", "BigGraph"
    )
    await open_plugin(page, "Graph view")
    await run(page)
    await page.wait_for_function(
        "() => document.querySelector('[data-testid=graph-canvas]').dataset.nodeCount === '2000'",
        timeout=60_000,
    )
    stats = await page.inner_text("[data-testid=graph-stats]")
    assert stats.startswith("2000 concepts")
    # The page still answers, and zooming works on the drawn graph.
    zoom = await page.evaluate(
        """() => { const cy = document.querySelector('[data-testid=graph-canvas]')._cyreg.cy;
                   cy.zoom(cy.zoom() * 2); return cy.zoom(); }"""
    )
    assert zoom > 0
    colours, ink = await _canvas_screenshot_is_a_drawing(page)
    assert ink > 1000, (colours, ink)
    await page.screenshot(path=str(tmp_path / "two-thousand.png"))
    # Force-directed layout is offered only for small graphs.
    assert await page.get_by_role("button", name="Force").is_disabled()


async def test_an_example_opens_in_a_new_tab_and_runs(watched: Watched, account: Account) -> None:
    page = watched.page
    await open_graphiql(page, watched.origin)
    await sign_in(page, account.username, PASSWORD)
    await open_plugin(page, "Examples")
    offered = await page.locator(".cg-examples button").all_inner_texts()
    # Examples for uploads and generation progress are generated from today's schema.
    assert offered == [
        "A course and its weekly plan",
        "A learning path to a concept",
        "Semantic search",
        "Watch a task's progress",
        "Upload a document and watch it being processed",
        "Watch a course being generated",
    ]
    await page.get_by_role("button", name="A course and its weekly plan").click()
    await page.wait_for_function(
        "() => document.querySelector('.graphiql-query-editor .CodeMirror')"
        ".CodeMirror.operationName === 'CourseWeeklyPlan'"
    )
    assert await page.locator(".graphiql-tab").count() == 2, "the example has a tab of its own"
    await run(page)
    result = await wait_for_response(page, "courses")
    assert result == {"data": {"courses": {"nodes": []}}}  # a new account has none
