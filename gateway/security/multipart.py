"""GraphQL multipart requests (file uploads) at the edge, before anything parses them.

- **CSRF.** A multipart/form-data POST is a "simple" request a hostile page can make a
  browser send cross-site, with the victim's cookies, without a CORS preflight. Such a
  request must carry one of `PREFLIGHT_HEADERS` (any value): a browser adds a custom
  header only after a preflight our CORS policy answers, so a cross-site form cannot.
  Apollo Client sends `Apollo-Require-Preflight`; the others are what Apollo's own
  servers accept. Without one: 400 saying which header to send.
- **Size.** The body may be the upload limit plus GRAPHQL_MAX_BODY_BYTES for its other
  parts (operations, map). A Content-Length above that is refused with 413 before a
  byte is read; without one (chunked) the bytes are counted as they stream and the
  request stops with 413 at the first byte past it. The body is never held whole: the
  multipart parser (starlette, python-multipart) spools the file part to disk.
- **The operation.** The spec puts the `operations` part first, so it is read from the
  head of the stream (at most GRAPHQL_MAX_BODY_BYTES) for rate limits and the audit,
  and the head is replayed to the view.
"""

from __future__ import annotations

import re

from python_multipart.multipart import parse_options_header
from starlette.types import Message, Receive, Scope

from gateway.request_headers import header, request_headers

PREFLIGHT_HEADERS = (b"apollo-require-preflight", b"x-apollo-operation-name", b"graphql-preflight")
PREFLIGHT_MESSAGE = (
    "multipart requests (file uploads) must carry the header Apollo-Require-Preflight "
    "(or X-Apollo-Operation-Name, or GraphQL-Preflight), with any value: it protects "
    "against cross-site request forgery (docs/security.md)"
)
_NAME = re.compile(rb'name="([^"]*)"', re.IGNORECASE)


class BodyTooLarge(Exception):
    """The streamed body went past the limit; the guard answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body exceeds {limit} bytes")
        self.limit = limit


def is_multipart(scope: Scope) -> bool:
    content_type = header(scope, b"content-type")
    return content_type.split(";", 1)[0].strip().lower() == "multipart/form-data"


def has_preflight_header(scope: Scope) -> bool:
    return any(header(scope, name).strip() for name in PREFLIGHT_HEADERS)


def declared_too_large(scope: Scope, limit: int) -> bool:
    declared = request_headers(scope).get(b"content-length")
    return declared is not None and declared.isdigit() and int(declared) > limit


def counted(receive: Receive, limit: int) -> Receive:
    """`receive` that raises BodyTooLarge once more than `limit` body bytes came in."""
    size = 0

    async def counting() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                raise BodyTooLarge(limit)
        return message

    return counting


def _boundary(scope: Scope) -> bytes | None:
    _, options = parse_options_header(header(scope, b"content-type"))
    boundary = options.get(b"boundary")
    return boundary or None


def first_part(head: bytes, boundary: bytes) -> tuple[str | None, bytes] | None:
    """(name, content) of the first part in `head`, or None when it is not all there."""
    delimiter = b"--" + boundary
    start = head.find(delimiter)
    if start < 0:
        return None
    headers_start = head.find(b"\r\n", start)
    headers_end = head.find(b"\r\n\r\n", headers_start)
    if headers_start < 0 or headers_end < 0:
        return None
    end = head.find(b"\r\n" + delimiter, headers_end + 4)
    if end < 0:
        return None
    name = _NAME.search(head[headers_start:headers_end])
    return (name.group(1).decode("utf-8", "replace") if name else None), head[headers_end + 4 : end]


async def read_operations(
    scope: Scope, receive: Receive, max_head: int
) -> tuple[bytes | None, Receive]:
    """The `operations` part (None when the head does not start with it) and a receive
    that replays what was read, then goes on with the stream."""
    boundary = _boundary(scope)
    buffered: list[Message] = []
    head = b""
    found: tuple[str | None, bytes] | None = None
    while boundary is not None and len(head) <= max_head:
        message = await receive()
        buffered.append(message)
        if message["type"] != "http.request":
            break
        head += message.get("body", b"")
        found = first_part(head, boundary)
        if found is not None or not message.get("more_body", False):
            break

    async def replay() -> Message:
        if buffered:
            return buffered.pop(0)
        return await receive()

    if found is None or found[0] != "operations":
        return None, replay
    return found[1], replay
