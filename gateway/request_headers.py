"""A request's headers, read once: the ASGI header list as a dict, kept in the scope.

starlette's `Headers(scope=scope).get(name)` walks the whole list on each call and,
for a name that is absent, raises and catches a KeyError inside. The request path of
one `{ __typename }` asked eight times (CORS, the body size, multipart or not, the
media types, the audit row's user agent), about 10 µs of a request costing 300.
"""

from __future__ import annotations

from starlette.types import Scope

# Under the scope, where every layer that sees the request finds it (ASGI allows
# extension keys; ours are prefixed to stay out of others' way).
SCOPE_KEY = "gateway.headers"


def request_headers(scope: Scope) -> dict[bytes, bytes]:
    """Lower-case raw names (as ASGI servers give them) to the first value sent, as
    starlette's `Headers.get` answers."""
    found: dict[bytes, bytes] | None = scope.get(SCOPE_KEY)
    if found is None:
        found = {}
        for name, value in scope.get("headers", ()):
            found.setdefault(name, value)
        scope[SCOPE_KEY] = found
    return found


def optional_header(scope: Scope, name: bytes) -> str | None:
    """One header's text (latin-1, as starlette decodes it), None when it was not sent."""
    value = request_headers(scope).get(name)
    return None if value is None else value.decode("latin-1")


def header(scope: Scope, name: bytes) -> str:
    """One header's text, "" when it was not sent."""
    return optional_header(scope, name) or ""
