"""starlette's CORS middleware, for the requests CORS is about.

A browser sends `Origin` on every cross-origin request (and on every POST); a request
without it (a server, curl, a load test) gets no CORS header from starlette either,
only `Vary: Origin`. starlette still read the headers and wrapped `send` for each such
request (about 20 µs of a `{ __typename }` costing 300); here it passes through with
the same `Vary: Origin`, so a shared cache never hands one origin's answer to another.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import Message, Receive, Scope, Send

from gateway.request_headers import request_headers


def vary_origin(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The headers with `Origin` added to one `vary` header, as starlette writes it."""
    varies = [value for name, value in headers if name.lower() == b"vary"]
    if not varies:
        return [*headers, (b"vary", b"Origin")]
    kept = [(name, value) for name, value in headers if name.lower() != b"vary"]
    return [*kept, (b"vary", b", ".join([*varies, b"Origin"]))]


class BrowserCORS(CORSMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or b"origin" in request_headers(scope):
            await super().__call__(scope, receive, send)
            return

        async def varied(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": vary_origin(list(message.get("headers", [])))}
            await send(message)

        await self.app(scope, receive, varied)
