"""GraphiQL explorer served from local assets (no CDN): the page and the static mount.

The assets are one JavaScript bundle and one stylesheet (React 18, GraphiQL 3, the
Explorer plugin, cytoscape and our plugins from `web/src/`), built by esbuild into
`gateway/static/graphiql/` by `web/build.sh` (`make setup`); they are not committed.
Without them the page answers 503 and says how to build them.

The page carries no inline script: the bundle reads its settings from `data-*`
attributes, so the Content-Security-Policy allows scripts from 'self' only. GraphiQL
and cytoscape set inline styles (CodeMirror, Radix), hence `style-src
'unsafe-inline'`; fonts and icons are `data:` URLs.

Wiring, in `create_app()`:

    routes = [
        Route("/graphiql", graphiql_page, methods=["GET"]),
        static_files_mount(),
        ...
    ]
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

STATIC_DIR = Path(__file__).resolve().parent / "static"
GRAPHIQL_DIR = STATIC_DIR / "graphiql"
STATIC_URL = "/static"
GRAPHQL_PATH = "/graphql"

# web/build.mjs bundles everything (React, GraphiQL, plugins, our code) into one file.
SCRIPTS = ("graphiql-app.js",)
STYLES = ("graphiql-app.css",)
REQUIRED_ASSETS = SCRIPTS + STYLES

DEFAULT_QUERY = """\
# Curriculum Gateway. On the left:
#   Sign in     act as your account
#   Explorer    tick fields to build a query
#   Graph view  concepts of a result as a graph
#   Examples    saved operations
# Run with Ctrl+Enter.

query WhoAmI {
  me { username email role }
}
"""

_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
{styles}
<style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
<div id="graphiql" data-endpoint="{endpoint}" data-subscriptions="ws"
     data-default-query="{default_query}">Loading GraphiQL…</div>
{scripts}
</body>
</html>
"""

_NOT_BUILT = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GraphiQL assets not built</title></head>
<body>
<h1>GraphiQL assets are not built</h1>
<p>The explorer is served from local files in <code>gateway/static/graphiql/</code>,
which are generated, not committed. Missing: {missing}.</p>
<p>Run <code>make setup</code> (or <code>web/build.sh</code>; needs Node.js and npm)
and reload this page. The GraphQL endpoint itself, <code>{endpoint}</code>, works
without them.</p>
</body>
</html>
"""

# Hosts we are willing to echo into the CSP header (no spaces, quotes or ';').
_SAFE_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


def missing_assets(directory: Path | None = None) -> list[str]:
    """Names of the required asset files absent from `directory` (default: ours)."""
    folder = GRAPHIQL_DIR if directory is None else directory
    return [name for name in REQUIRED_ASSETS if not (folder / name).is_file()]


def content_security_policy(host: str | None) -> str:
    """CSP of the page: everything from 'self'; WebSockets to the same host.

    Browsers differ on whether 'self' covers ws:/wss:, so the same host is named
    explicitly for both schemes (wss: when TLS ends at a proxy in front of us).
    """
    connect = "'self'"
    if host and _SAFE_HOST.match(host):
        connect += f" ws://{host} wss://{host}"
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


def security_headers(host: str | None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(host),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
    }


def render_page(
    *,
    endpoint: str = GRAPHQL_PATH,
    static_url: str = STATIC_URL,
    title: str = "Curriculum Gateway — GraphiQL",
    default_query: str = DEFAULT_QUERY,
) -> str:
    base = static_url.rstrip("/") + "/graphiql/"
    esc = html.escape
    styles = "\n".join(f'<link rel="stylesheet" href="{esc(base + name)}">' for name in STYLES)
    scripts = "\n".join(f'<script src="{esc(base + name)}"></script>' for name in SCRIPTS)
    return _PAGE.format(
        title=esc(title),
        styles=styles,
        scripts=scripts,
        endpoint=esc(endpoint),
        default_query=esc(default_query),
    )


async def graphiql_page(request: Request) -> Response:
    """GET /graphiql: the explorer, or a 503 page saying how to build its assets."""
    headers = security_headers(request.headers.get("host"))
    missing = missing_assets()
    if missing:
        body = _NOT_BUILT.format(
            missing=", ".join(html.escape(m) for m in missing), endpoint=GRAPHQL_PATH
        )
        return HTMLResponse(body, status_code=503, headers=headers)
    return HTMLResponse(render_page(), headers=headers)


class _StaticWithHeaders:
    """StaticFiles plus `nosniff` and revalidation (ETag) on every response.

    The file names carry no content hash, so caches must revalidate after an upgrade.
    """

    def __init__(self, app: StaticFiles) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"cache-control", b"no-cache"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def static_files_mount(path: str = STATIC_URL, directory: Path | None = None) -> Mount:
    """Serve `gateway/static` at `/static` (check_dir off: it may not be built yet)."""
    folder = STATIC_DIR if directory is None else directory
    return Mount(
        path,
        app=_StaticWithHeaders(StaticFiles(directory=folder, check_dir=False)),
        name="static",
    )
