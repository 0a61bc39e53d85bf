"""Run tests/e2e/js/ws_client.mjs (the graphql-ws JavaScript client in Node) from a test.

Node and the npm project are required, never skipped: without them the test fails and
says what to install. The script prints one JSON event per line; `JsClient` hands them
out as they arrive, so a test can react (publish progress) between two events.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

JS_DIR = Path(__file__).resolve().parent / "js"
SCRIPT = JS_DIR / "ws_client.mjs"
EVENT_TIMEOUT = 15.0


APQ_SCRIPT = JS_DIR / "apq_client.mjs"


def node_executable(package: str = "graphql-ws") -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is not installed: the JavaScript client tests need Node.js >= 20 and npm "
            "(Debian: apt-get install nodejs npm), then `make setup`"
        )
    if not (JS_DIR / "node_modules" / package / "package.json").is_file():
        pytest.fail(
            f"{package} is not installed in {JS_DIR}: run `make setup` "
            "(it runs `npm ci` there; needs npm)"
        )
    return node


class JsClient:
    """`async with JsClient(url, plan) as client:` then `await client.next_event()`."""

    def __init__(
        self, ws_url: str, plan: dict[str, Any], *, script: Path = SCRIPT, package: str = ""
    ) -> None:
        self.ws_url = ws_url
        self.plan = plan
        self.script = script
        self.package = package or "graphql-ws"
        self.events: list[dict[str, Any]] = []
        self._process: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> JsClient:
        self._process = await asyncio.create_subprocess_exec(
            node_executable(self.package),
            str(self.script),
            self.ws_url,
            json.dumps(self.plan),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()

    async def next_event(self, *, within: float = EVENT_TIMEOUT) -> dict[str, Any]:
        process = self._process
        assert process is not None and process.stdout is not None
        try:
            line = await asyncio.wait_for(process.stdout.readline(), within)
        except TimeoutError:
            pytest.fail(f"no event from the JS client in {within}s; so far {self.events}")
        if not line:
            stderr = await process.stderr.read() if process.stderr else b""
            code = await process.wait()
            pytest.fail(
                f"the JS client ended (exit {code}) after {self.events}:\n{stderr.decode()[-2000:]}"
            )
        event: dict[str, Any] = json.loads(line)
        self.events.append(event)
        return event

    async def until(self, *kinds: str, within: float = EVENT_TIMEOUT) -> dict[str, Any]:
        """Events up to and including the first whose `event` is one of `kinds`, each
        within `within` seconds."""
        while True:
            event = await self.next_event(within=within)
            if event["event"] in kinds:
                return event

    async def run(self) -> list[dict[str, Any]]:
        """Every event of the plan, once it is done (the exit code checked)."""
        await self.until("done")
        process = self._process
        assert process is not None
        assert await asyncio.wait_for(process.wait(), EVENT_TIMEOUT) == 0
        return self.events


async def run_plan(ws_url: str, plan: dict[str, Any]) -> list[dict[str, Any]]:
    async with JsClient(ws_url, plan) as client:
        return await client.run()


async def run_apollo(http_url: str, plan: dict[str, Any]) -> list[dict[str, Any]]:
    """tests/e2e/js/apq_client.mjs: Apollo Client with its persisted-queries link."""
    async with JsClient(http_url, plan, script=APQ_SCRIPT, package="@apollo/client") as client:
        return await client.run()


def of(events: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    return [e for e in events if e.get("label") == label]
