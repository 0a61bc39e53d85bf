"""How the graph view copes with a large result, in headless Chromium.

    .venv/bin/curriculum serve --port 8741 &
    .venv/bin/python -m tests.e2e.browser.measure_graph_view http://127.0.0.1:8741 --nodes 2000

The answer of a `BigGraph` query is made in the browser (synthetic concepts with up to
three prerequisites each); the page, its bundle and every other request are the real
gateway's. Prints, as JSON:

- `run_to_drawn_ms`: from clicking Run until the graph holds every node;
- `graph_draw_ms`: the graph view's own work (our User Timing measure: extract,
  layout, cytoscape elements and style);
- `long_tasks_ms`: every main-thread task over 50 ms meanwhile (PerformanceObserver),
  i.e. the times the page could not answer input;
- `zoom_frames`: frame intervals while cytoscape animates a zoom for one second,
  full screen (1500 x 950).

A measurement, not a test: the tests never assert timings.
"""

from __future__ import annotations

import argparse
import json
import time

from playwright.sync_api import Route, sync_playwright

from tests.e2e.browser.conftest import CHROMIUM
from tests.e2e.browser.pages import synthetic_concepts

_OBSERVE = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
}).observe({ type: 'longtask', buffered: true });
"""

_ZOOM_FRAMES = """() => new Promise((done) => {
  const cy = document.querySelector('[data-testid=graph-canvas]')._cyreg.cy;
  const frames = [];
  let last = performance.now();
  const started = last;
  function tick(now) {
    frames.push(now - last);
    last = now;
    if (now - started < 1000) requestAnimationFrame(tick);
    else {
      frames.sort((a, b) => a - b);
      done({ count: frames.length, p50_ms: Math.round(frames[frames.length >> 1]),
             p95_ms: Math.round(frames[Math.floor(frames.length * 0.95)]),
             max_ms: Math.round(frames[frames.length - 1]) });
    }
  }
  cy.animate({ zoom: cy.zoom() * 4, duration: 1000 });
  requestAnimationFrame(tick);
})"""


def measure(origin: str, nodes: int) -> dict[str, object]:
    body = json.dumps(synthetic_concepts(nodes))

    def big_answer(route: Route) -> None:
        payload = route.request.post_data_json or {}
        if route.request.method == "POST" and payload.get("operationName") == "BigGraph":
            route.fulfill(status=200, content_type="application/json", body=body)
        else:
            route.fallback()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.add_init_script(_OBSERVE)
        page.route("**/graphql", big_answer)
        page.goto(f"{origin}/graphiql")
        page.wait_for_selector(".graphiql-query-editor .CodeMirror")
        page.evaluate(
            "() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"
            ".setValue('query BigGraph { concepts { nodes { id } } }')"
        )
        page.wait_for_function(
            "() => document.querySelector('.graphiql-query-editor .CodeMirror')"
            ".CodeMirror.operationName === 'BigGraph'"
        )
        page.get_by_role("button", name="Show Graph view").click()
        page.evaluate("() => { window.__longTasks.length = 0; }")
        started = time.perf_counter()
        page.click(".graphiql-execute-button")
        page.wait_for_function(
            f"() => document.querySelector('[data-testid=graph-canvas]')"
            f".dataset.nodeCount === '{nodes}'",
            timeout=120_000,
        )
        drawn_ms = (time.perf_counter() - started) * 1000
        page.wait_for_timeout(500)  # let the first frames paint
        draw = page.evaluate(
            "() => performance.getEntriesByName('cg-graph-draw').map((e) => e.duration)"
        )
        long_tasks = page.evaluate("() => window.__longTasks.slice()")
        page.get_by_role("button", name="Full screen").click()
        page.wait_for_timeout(500)
        frames = page.evaluate(_ZOOM_FRAMES)
        edges = page.get_attribute("[data-testid=graph-canvas]", "data-edge-count")
        browser.close()
    return {
        "nodes": nodes,
        "edges": int(edges or 0),
        "run_to_drawn_ms": round(drawn_ms),
        "graph_draw_ms": [round(d) for d in draw],
        "long_tasks_ms": long_tasks,
        "zoom_frames": frames,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("origin", help="the gateway, e.g. http://127.0.0.1:8741")
    parser.add_argument("--nodes", type=int, default=2000)
    args = parser.parse_args()
    print(json.dumps(measure(args.origin.rstrip("/"), args.nodes), indent=2))


if __name__ == "__main__":
    main()
