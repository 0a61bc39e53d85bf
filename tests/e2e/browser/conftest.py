"""Browser tests of the GraphiQL page: Debian's Chromium driven by Playwright for Python.

No browser is downloaded: Playwright launches the system `chromium` (or
$CHROMIUM_PATH). Every request the page makes to anything but the gateway under test
is aborted and recorded, and a test fails if there was one, or a console error, or a
Content-Security-Policy violation.

The gateway is the real app (uvicorn, in-process) on the dev stack's servers with a
database of its own, as in the security e2e tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, Request, Route, async_playwright

from datasources.settings import Settings
from gateway import graphiql
from tests.e2e.test_authz_harness import (
    Account,
    Client,
    Served,
    fast_settings,
    isolated,
    register,
    serve,
)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""


def _require_browser() -> None:
    """Missing Chromium or assets skip locally, but fail under CI (CI=true)."""
    problems = []
    if not CHROMIUM:
        problems.append("no Chromium: `apt-get install chromium` (or set CHROMIUM_PATH)")
    if graphiql.missing_assets():
        problems.append("GraphiQL assets not built: `make setup` (web/build.sh)")
    if problems:
        message = "; ".join(problems)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="package")
async def served(stack_settings: Settings) -> AsyncIterator[Served]:
    _require_browser()
    async with isolated(stack_settings) as settings, serve(fast_settings(settings)) as app:
        yield app


@pytest.fixture(scope="package")
async def browser() -> AsyncIterator[Browser]:
    _require_browser()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            # No sandbox: the tests run as root in CI containers, where Chromium's
            # sandbox cannot start. The page is our own, from 127.0.0.1.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class Watched:
    """A page with everything it did wrong collected."""

    page: Page
    origin: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def allow_error(self, text: str) -> None:
        """A console error the test provokes on purpose (e.g. the browser logs a 401)."""
        self.allowed.append(text)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(text in e for text in self.allowed)]

    async def csp_violations(self) -> list[str]:
        found: list[str] = await self.page.evaluate("window.__cspViolations || []")
        return found


# Recorded before any page script runs (an init script is not subject to the CSP).
_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
async def watched(browser: Browser, served: Served) -> AsyncIterator[Watched]:
    context = await browser.new_context(
        viewport={"width": 1500, "height": 950}, accept_downloads=True
    )
    page = await context.new_page()
    page.set_default_timeout(20_000)
    watch = Watched(page=page, origin=served.url)
    ws_origin = served.url.replace("http://", "ws://")

    async def only_the_gateway(route: Route, request: Request) -> None:
        if request.url.startswith((served.url + "/", ws_origin + "/")):
            await route.continue_()
        else:
            watch.blocked.append(request.url)
            await route.abort()

    await context.route("**/*", only_the_gateway)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(f"page error: {e}"))
    await page.add_init_script(_WATCH_CSP)
    try:
        yield watch
        assert watch.blocked == [], (
            f"the page asked for something not on the gateway: {watch.blocked}"
        )
        assert await watch.csp_violations() == []
        assert watch.unexpected_errors() == []
    finally:
        await context.close()


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


@pytest.fixture
async def account(http: httpx.AsyncClient) -> Account:
    return await register(http)


async def gql(client: Client, query: str, **variables: Any) -> dict[str, Any]:
    body = await client.gql(query, **variables)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data
