"""GraphiQL page and static assets, on a tiny app that mounts only them.

The asset tests need `web/build.sh` (run by `make setup`) to have generated
gateway/static/graphiql/. Without it they skip locally and fail under CI (CI=true),
so a CI that forgot to build the assets does not pass silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Mapping
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from gateway import graphiql

ASSETS_BUILT = not graphiql.missing_assets()


@pytest.fixture
def built_assets() -> None:
    """`make setup` builds the assets; without them these tests fail with that hint."""
    assert ASSETS_BUILT, "GraphiQL assets not built; run `make setup` (web/build.sh)"


needs_assets = pytest.mark.usefixtures("built_assets")


def make_app() -> Starlette:
    return Starlette(
        routes=[Route("/graphiql", graphiql.graphiql_page), graphiql.static_files_mount()]
    )


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    # httpx's ASGI transport rather than starlette's TestClient, which warns (an
    # error under our filterwarnings) unless the separate httpx2 package is present.
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


class _Refs(HTMLParser):
    """Collects every src/href and whether any <script> is inline."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.inline_scripts = 0
        self._in_script_without_src = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href"):
            if values.get(name):
                self.refs.append(values[name] or "")
        self._in_script_without_src = tag == "script" and not values.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script_without_src = False


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_page_refers_only_to_local_static_assets() -> None:
    page = graphiql.render_page()
    assert not re.search(r"(?i)\b(https?:)?//[a-z0-9]", page), "page must not load remote URLs"
    parser = _Refs()
    parser.feed(page)
    assert parser.inline_scripts == 0, "the bootstrap must be a static file, not inline"
    local = [ref for ref in parser.refs if ref != "data:,"]
    assert local, "no assets referenced"
    assert all(ref.startswith("/static/graphiql/") for ref in local), local
    assert {ref.rsplit("/", 1)[1] for ref in local} == set(graphiql.REQUIRED_ASSETS)
    scripts = [ref.rsplit("/", 1)[1] for ref in local if ref.endswith(".js")]
    assert scripts == ["graphiql-app.js"]
    assert 'data-endpoint="/graphql"' in page
    assert 'data-subscriptions="ws"' in page


def test_page_escapes_its_settings() -> None:
    page = graphiql.render_page(endpoint='/gql"><script>x()</script>', title="<b>")
    assert "<script>x()" not in page
    assert "<title>&lt;b&gt;</title>" in page


def test_security_policy_has_no_unsafe_scripts() -> None:
    csp = parse_csp(graphiql.content_security_policy("gateway.example:8000"))
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert "'self'" in csp["style-src"]
    assert csp["connect-src"] == [
        "'self'",
        "ws://gateway.example:8000",
        "wss://gateway.example:8000",
    ]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["font-src"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    "host", ["evil.example; script-src *", "a b", "x'y", "", "h\u00e9llo", "[::1]:99999999"]
)
def test_unsafe_host_header_is_not_echoed_into_the_policy(host: str) -> None:
    csp = graphiql.content_security_policy(host)
    assert parse_csp(csp)["connect-src"] == ["'self'"]
    assert parse_csp(csp)["script-src"] == ["'self'"]


def test_ipv6_host_is_allowed() -> None:
    csp = parse_csp(graphiql.content_security_policy("[::1]:8000"))
    assert "ws://[::1]:8000" in csp["connect-src"]


def _assert_security_headers(headers: Mapping[str, str]) -> None:
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert parse_csp(headers["content-security-policy"])["script-src"] == ["'self'"]


async def test_missing_assets_give_a_clear_503(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(graphiql, "GRAPHIQL_DIR", tmp_path / "graphiql")
    response = await client.get("/graphiql")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "make setup" in response.text
    assert "graphiql-app.js" in response.text
    _assert_security_headers(response.headers)


@needs_assets
async def test_page_is_served_with_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphiql", headers={"host": "localhost:8000"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    _assert_security_headers(response.headers)
    csp = parse_csp(response.headers["content-security-policy"])
    assert "ws://localhost:8000" in csp["connect-src"]
    assert response.text == graphiql.render_page()


@needs_assets
@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("graphiql-app.js", "javascript"),
        ("graphiql-app.css", "text/css"),
        ("manifest.json", "application/json"),
        ("THIRD_PARTY_LICENSES.txt", "text/plain"),
    ],
)
async def test_assets_are_served_with_the_right_content_type(
    client: httpx.AsyncClient, name: str, content_type: str
) -> None:
    assert (graphiql.GRAPHIQL_DIR / name).is_file()
    response = await client.get(f"/static/graphiql/{name}")
    assert response.status_code == 200
    assert content_type in response.headers["content-type"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers.get("etag")
    assert len(response.content) == (graphiql.GRAPHIQL_DIR / name).stat().st_size


@needs_assets
def test_bundle_holds_what_the_page_needs() -> None:
    directory = graphiql.GRAPHIQL_DIR
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    # Pinned in web/package.json: GraphiQL 3 with React 18 (no Monaco, no workers).
    assert manifest["packages"]["react"] == "18.3.1"
    assert manifest["packages"]["graphiql"].startswith("3.")
    for name in ("@graphiql/plugin-explorer", "graphql-ws", "cytoscape"):
        assert name in manifest["packages"]
    bundle = (directory / "graphiql-app.js").read_text(encoding="utf-8")
    assert "graphql-transport-ws" in bundle  # the graphql-ws client for subscriptions
    assert "new Function(" not in bundle  # the CSP has no 'unsafe-eval'
    assert not re.search(r"(?i)\b(https?:)?//(cdn|unpkg|fonts\.)", bundle)
    for name, facts in manifest["files"].items():
        assert (directory / name).stat().st_size == facts["bytes"], name
    licences = (directory / "THIRD_PARTY_LICENSES.txt").read_text(encoding="utf-8")
    assert "cytoscape@" in licences and "graphiql@" in licences


async def test_unknown_static_file_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/static/graphiql/nope.js")).status_code == 404
    assert (await client.get("/static/../graphiql.py")).status_code == 404
