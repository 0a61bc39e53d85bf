"""What a person does on the GraphiQL page, as Playwright steps (shared by the tests
and the graph-view measurement)."""

from __future__ import annotations

import json
import random
from typing import Any

from playwright.async_api import Page

# GraphiQL 3 keeps each CodeMirror 5 instance on its wrapper element.
_EDITOR = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"
_VARIABLES = "document.querySelector('.graphiql-editor-tool .CodeMirror').CodeMirror"
_RESPONSE = "document.querySelector('.result-window .CodeMirror').CodeMirror"


async def open_graphiql(page: Page, origin: str) -> None:
    await page.goto(f"{origin}/graphiql")
    await page.wait_for_selector(".graphiql-container .graphiql-query-editor .CodeMirror")


async def open_plugin(page: Page, title: str) -> None:
    await page.get_by_role("button", name=f"Show {title}").click()


async def sign_in(page: Page, login: str, password: str) -> None:
    await open_plugin(page, "Sign in")
    await page.fill("input[name=login]", login)
    await page.fill("input[name=password]", password)
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await page.wait_for_selector("[data-testid=signed-in-user]")


async def set_operation(
    page: Page, query: str, operation_name: str | None, variables: dict[str, Any] | None = None
) -> None:
    """Put an operation in the editor (as a paste would) and wait until GraphiQL has
    parsed it, so Run sends the right operation name (None: an empty editor)."""
    await page.evaluate(f"(q) => {_EDITOR}.setValue(q)", query)
    await page.evaluate(f"(v) => {_VARIABLES}.setValue(v)", json.dumps(variables or {}))
    await page.wait_for_function(f"(name) => {_EDITOR}.operationName === name", arg=operation_name)


async def wait_for_operation_name(page: Page) -> None:
    """Wait until GraphiQL has parsed the editor's operation (it debounces edits)."""
    await page.wait_for_function(f"() => {_EDITOR}.operationName")


async def run(page: Page) -> None:
    await page.click(".graphiql-execute-button")


async def response_text(page: Page) -> str:
    text: str = await page.evaluate(f"() => {_RESPONSE}.getValue()")
    return text


async def wait_for_response(page: Page, needle: str) -> dict[str, Any]:
    """Wait until the result pane shows `needle`; return the result as JSON."""
    await page.wait_for_function(f"(needle) => {_RESPONSE}.getValue().includes(needle)", arg=needle)
    parsed: dict[str, Any] = json.loads(await response_text(page))
    return parsed


async def graph_node_count(page: Page) -> int:
    return int(await page.get_attribute("[data-testid=graph-canvas]", "data-node-count") or 0)


async def rendered_node_position(page: Page, node_id: str) -> dict[str, float]:
    """Where cytoscape drew a node, in page coordinates (to click it like a person)."""
    position: dict[str, float] = await page.evaluate(
        """(id) => {
            const box = document.querySelector('[data-testid=graph-canvas]');
            const node = box._cyreg.cy.getElementById(id);
            const at = node.renderedPosition();
            const rect = box.getBoundingClientRect();
            return { x: rect.left + at.x, y: rect.top + at.y };
        }""",
        node_id,
    )
    return position


def synthetic_concepts(count: int, seed: int = 7) -> dict[str, Any]:
    """A `concepts` result of `count` concepts, each with up to three prerequisites
    among the earlier ones (a DAG like a real curriculum's)."""
    rng = random.Random(seed)
    difficulties = ["BEGINNER", "INTERMEDIATE", "ADVANCED"]
    concepts = []
    for i in range(count):
        prerequisites = [
            {
                "mandatory": rng.random() > 0.3,
                "weight": 1.0,
                "depth": 1,
                "concept": {"__typename": "Concept", "id": f"c{j}", "title": f"Concept {j}"},
            }
            for j in sorted(rng.sample(range(i), min(i, rng.randint(0, 3))))
        ]
        concepts.append(
            {
                "__typename": "Concept",
                "id": f"c{i}",
                "title": f"Concept {i}",
                "difficulty": difficulties[i % 3],
                "prerequisites": prerequisites,
            }
        )
    return {"data": {"concepts": {"nodes": concepts}}}
