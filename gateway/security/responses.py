"""Errors the security middleware answers by itself, shaped like GraphQL errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.types import Send

from gateway import wire
from gateway.metrics import ERRORS

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
# For API responses (JSON): nothing in them may load or frame anything.
JSON_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")


def error_body(message: str, code: str, **extensions: Any) -> bytes:
    ERRORS.labels(code).inc()
    return wire.encode(
        {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}
    )


async def send_error(
    send: Send,
    status: int,
    message: str,
    code: str,
    *,
    headers: Iterable[tuple[bytes, bytes]] = (),
    **extensions: Any,
) -> None:
    body = error_body(message, code, **extensions)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Add the headers every response carries, unless the route already set them."""
    present = {name.lower(): value for name, value in headers}
    if present.get(b"content-type", b"").startswith(b"application/"):
        added = (*SECURITY_HEADERS, JSON_CSP)
    else:
        added = SECURITY_HEADERS
    return [*headers, *(h for h in added if h[0] not in present)]
