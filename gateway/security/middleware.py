"""Request-path security as two pure ASGI middlewares.

    AuditMiddleware → CORS → GuardMiddleware → routes

`AuditMiddleware` (outside CORS, so preflights are audited too) gives every request
its id (HTTP and WebSocket), times every HTTP request, adds the security headers and
the `x-request-id` header and queues one audit row when it ends. `GuardMiddleware`
(inside CORS, so its 401/413/429 answers carry CORS headers) enforces the body size
limit, authenticates, reads the GraphQL operation and charges the rate limits; what it
learns goes into `scope["state"]` for the audit row. A query of nothing but
`__typename` is answered there too, once admitted (its answer is known; no route or
executor is needed). WebSockets are handled in gateway/security/websocket.py.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any
from urllib.parse import parse_qsl, quote

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from datasources.errors import UpstreamUnavailable
from gateway import metrics, wire
from gateway.graphql_view import answered_unrun, send_typename
from gateway.logs import bind_request_id
from gateway.request_headers import header, optional_header, request_headers
from gateway.security.audit import AuditEntry
from gateway.security.authenticator import AuthenticationFailed, StoreAuthenticator
from gateway.security.limits import Verdict
from gateway.security.multipart import (
    PREFLIGHT_MESSAGE,
    BodyTooLarge,
    counted,
    declared_too_large,
    has_preflight_header,
    is_multipart,
    read_operations,
)
from gateway.security.operation import Operation, classify, refused_persisted, refused_text
from gateway.security.persisted import Refusal
from gateway.security.redact import redact
from gateway.security.responses import send_error, with_security_headers
from gateway.security.runtime import SecurityRuntime
from gateway.security.websocket import guard_websocket
from resolvers.context import Principal
from schema.errors import internal_message

GRAPHQL_PATH = "/graphql"
# Its own credential (METRICS_TOKEN, checked by the route), not a session's bearer token.
METRICS_PATH = "/metrics"
MAX_AUDITED_BODY = 64_000
GET_REFUSED = ("mutation", "subscription")  # GET is for queries: caches may replay it
# Every header StoreAuthenticator.claim reads a credential from (authenticator._credentials).
CREDENTIAL_HEADERS = frozenset({b"authorization", b"x-api-key", b"apikey", b"token"})
log = logging.getLogger("gateway.security")


def client_ip(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def route_action(method: str, path: str) -> str:
    """`GET /healthz`, `GET /static` — one action per route, not per file."""
    first = "/" + path.lstrip("/").split("/", 1)[0]
    return f"{method} {first}"


def _state(scope: Scope) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


def request_id_of(scope: Scope) -> str:
    """The id the client sent in `x-request-id` (the last one) when it is sane, else a
    new one."""
    sent = ""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            sent = value.decode("latin-1")
    return sent if sent.isalnum() and len(sent) <= 64 else secrets.token_hex(16)


class AuditMiddleware:
    def __init__(self, app: ASGIApp, *, runtime: SecurityRuntime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        _state(scope)["request_id"] = request_id
        bind_request_id(request_id)  # this request's task: every log line carries it
        if kind == "websocket":  # timed and audited per operation by the socket guard
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        metrics.IN_FLIGHT.inc()
        id_header = (b"x-request-id", request_id.encode())

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = with_security_headers(message.get("headers", []))
                headers.append(id_header)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            metrics.IN_FLIGHT.dec()
            seconds = time.perf_counter() - started
            metrics.observe_request(_state(scope), scope["method"], scope["path"], status, seconds)
            self._record(scope, status, int(seconds * 1000))

    def _record(self, scope: Scope, status: int, elapsed_ms: int) -> None:
        trail = self.runtime.audit
        if trail is None:
            return
        state = _state(scope)
        principal = state.get("principal")
        op: Operation | None = state.get("operation")
        metadata: dict[str, Any] = {"request_id": state.get("request_id")}
        for key in ("auth_error", "rate_limited", "body_bytes"):
            if state.get(key) is not None:
                metadata[key] = state[key]
        if principal is not None and principal.api_key_id is not None:
            metadata["api_key_id"] = str(principal.api_key_id)
        if op is not None:
            metadata["operation_type"] = op.kind
        # A route other than /graphql may name what it did (e.g. an export download).
        resource = op.resource if op else state.get("audit_resource")
        metadata.update(state.get("audit_metadata") or {})
        trail.record(
            AuditEntry(
                action=(
                    op.action
                    if op
                    else state.get("audit_action") or route_action(scope["method"], scope["path"])
                ),
                user_id=principal.user_id if principal else state.get("signed_in_user_id"),
                resource_type=resource[0] if resource else None,
                resource_id=resource[1] if resource else None,
                ip_address=client_ip(scope),
                user_agent=optional_header(scope, b"user-agent"),
                request_method=scope["method"],
                request_path=scope["path"],
                request_body=op.audit_body if op else state.get("audit_body"),
                response_status=status,
                response_time_ms=elapsed_ms,
                metadata=metadata,
                # classify() and _audited_body() redact what they keep
                body_redacted=True,
            )
        )


class GuardMiddleware:
    def __init__(self, app: ASGIApp, *, runtime: SecurityRuntime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await guard_websocket(self.app, self.runtime, scope, receive, send)
            return
        if scope["type"] != "http" or scope["path"] == METRICS_PATH:
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self._http(scope, receive, watched)
        except Exception as exc:
            # Whatever fails here or in the view: a JSON answer, never a driver's text.
            if started:
                raise
            if isinstance(exc, BodyTooLarge):  # an upload's stream, while the view read it
                _state(scope)["body_bytes"] = "over limit"
                await send_error(send, 413, _too_large(exc.limit), "PAYLOAD_TOO_LARGE")
                return
            if isinstance(exc, UpstreamUnavailable):
                await _unavailable(send, exc.store)
                return
            request_id = _state(scope).get("request_id")
            log.exception("unhandled error in request %s", request_id)
            await send_error(
                send,
                500,
                internal_message(request_id),
                "INTERNAL_SERVER_ERROR",
                requestId=request_id,
            )

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        runtime = self.runtime
        if not runtime.ready:
            await send_error(send, 503, "the gateway is starting", "SERVICE_UNAVAILABLE")
            return
        if scope["path"] == GRAPHQL_PATH and scope["method"] == "POST" and is_multipart(scope):
            await self._multipart(scope, receive, send)
            return
        state = _state(scope)
        limit = runtime.settings.limits.max_body_bytes
        body = await _read_body(scope, receive, limit)
        if body is None:
            state["body_bytes"] = "over limit"
            await send_error(send, 413, f"request body exceeds {limit} bytes", "PAYLOAD_TOO_LARGE")
            return
        op: Operation | None = None
        try:
            if scope["path"] == GRAPHQL_PATH:
                read = await self._operation(scope, body)
                if isinstance(read, Refusal):
                    state["operation"] = refused_persisted(read.code)
                    await send_error(send, read.status, read.message, read.code)
                    return
                op, body = read
        except wire.InvalidText as exc:
            # Refused once, here, before any resolver: no store ever sees such text.
            state["operation"] = refused_text(exc.where)
            await send_error(send, 400, exc.message, "BAD_USER_INPUT", field=exc.where)
            return
        except UpstreamUnavailable as exc:  # a persisted query could not be looked up
            await _unavailable(send, exc.store)
            return
        if op is not None and scope["method"] == "GET" and op.kind in GET_REFUSED:
            state["operation"] = op
            await send_error(
                send,
                405,
                f"a {op.kind} cannot be sent with GET (it could be cached or prefetched): use POST",
                "METHOD_NOT_ALLOWED",
                headers=[(b"allow", b"POST")],
            )
            return
        if op is not None:
            state["operation"] = op
        elif body:
            state["audit_body"] = _audited_body(scope, body)
        if not await self._admit(scope, op, send):
            return
        if op is not None and op.trivial and answered_unrun(scope):
            await send_typename(scope, send, runtime.settings.persisted.get_max_age_seconds)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _multipart(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An upload (gateway/security/multipart.py): CSRF header, size, then as JSON."""
        state = _state(scope)
        settings = self.runtime.settings
        if not has_preflight_header(scope):
            state["operation"] = Operation("invalid", "multipart without preflight header")
            await send_error(send, 400, PREFLIGHT_MESSAGE, "BAD_REQUEST")
            return
        limit = settings.upload.max_bytes + settings.limits.max_body_bytes
        if declared_too_large(scope, limit):
            state["body_bytes"] = "over limit"
            await send_error(send, 413, _too_large(limit), "PAYLOAD_TOO_LARGE")
            return
        receive = counted(receive, limit)
        try:
            raw, receive = await read_operations(scope, receive, settings.limits.max_body_bytes)
            op = self._multipart_operation(raw) if raw is not None else None
        except BodyTooLarge:
            state["body_bytes"] = "over limit"
            await send_error(send, 413, _too_large(limit), "PAYLOAD_TOO_LARGE")
            return
        except wire.InvalidText as exc:
            state["operation"] = refused_text(exc.where)
            await send_error(send, 400, exc.message, "BAD_USER_INPUT", field=exc.where)
            return
        # No readable `operations` part first: the view answers 400 saying what is wrong.
        op = op or Operation("invalid", "graphql multipart")
        state["operation"] = op
        if await self._admit(scope, op, send):
            await self.app(scope, receive, send)

    def _multipart_operation(self, raw: bytes) -> Operation:
        """An upload's `operations` part (persisted queries are not resolved here: the view
        checks the allow-list for multipart requests)."""
        try:
            parsed: Any = wire.decode(raw)
        except orjson.JSONDecodeError:
            return Operation("invalid", "graphql multipart", audit_body={"bytes": len(raw)})
        return classify(parsed, max_tokens=self.runtime.settings.limits.max_tokens)

    async def _admit(self, scope: Scope, op: Operation | None, send: Send) -> bool:
        """Authenticate and charge the rate limits; False when an answer was sent."""
        state = _state(scope)
        try:
            principal, verdict = await self._authorize(scope, op)
        except AuthenticationFailed as exc:
            state["auth_error"] = exc.message
            await send_error(
                send,
                401,
                exc.message,
                "UNAUTHENTICATED",
                headers=[(b"www-authenticate", b'Bearer error="invalid_token"')],
            )
            return False
        except UpstreamUnavailable as exc:
            await _unavailable(send, exc.store)
            return False
        state["principal"] = principal
        if verdict is not None:
            if verdict.unavailable:
                await _unavailable(send, verdict.unavailable)
                return False
            decision = verdict.decision
            if not decision.allowed:
                denied = decision.denied_by
                what = f"{denied.endpoint} ({denied.limit} per minute)" if denied else "requests"
                state["rate_limited"] = denied.endpoint if denied else True
                await send_error(
                    send,
                    429,
                    f"rate limit exceeded for {what}; retry in {decision.retry_after}s",
                    "RATE_LIMITED",
                    headers=[(b"retry-after", str(decision.retry_after).encode())],
                    retryAfter=decision.retry_after,
                )
                return False
        return True

    async def _authorize(
        self, scope: Scope, op: Operation | None
    ) -> tuple[Principal | None, Verdict | None]:
        """The caller and the rate limits' verdict (None: no limit applies).

        With the store authenticator one Redis round trip checks the credentials' state
        and charges the limits; a refused credential answers 401 before any 429.
        """
        runtime = self.runtime
        authenticator, policy = runtime.authenticator, runtime.policy
        assert authenticator is not None and policy is not None
        if isinstance(authenticator, StoreAuthenticator):
            # No header that can carry a credential: anonymous, without starlette's Headers.
            sent = not CREDENTIAL_HEADERS.isdisjoint(request_headers(scope))
            claim = await authenticator.claim(Headers(scope=scope)) if sent else None
            verdict = await policy.check(
                op,
                claim.principal if claim else None,
                client_ip(scope),
                claim.guards if claim else (),
            )
            if claim is None:
                return None, verdict
            return await authenticator.confirm(claim, verdict.guards), verdict
        principal = await authenticator.from_headers(Headers(scope=scope))
        if op is None:
            return principal, None
        return principal, await policy.check(op, principal, client_ip(scope))

    async def _operation(
        self, scope: Scope, body: bytes
    ) -> tuple[Operation | None, bytes] | Refusal:
        """What the request asks for (None: GraphiQL's page) and the body the view is to
        read: a persisted query's text filled in from its hash (GET: the query string).
        InvalidText when any of its text is not Unicode.

        Read with the view's own decoder (gateway/wire.py), so both see one request.
        """
        max_tokens = self.runtime.settings.limits.max_tokens
        persisted = self.runtime.persisted
        if scope["method"] == "GET":
            payload = _query_parameters(scope)
            if payload is None:
                return None, body
            resolved = await persisted.resolve(payload) if persisted else payload
            if isinstance(resolved, Refusal):
                return resolved
            if resolved is not payload:
                added = b"&query=" + quote(resolved["query"], safe="").encode("ascii")
                scope["query_string"] = scope.get("query_string", b"") + added
            return classify(resolved, max_tokens=max_tokens), body
        try:
            parsed: Any = wire.decode(body) if body else None
        except orjson.JSONDecodeError:
            return Operation("invalid", "graphql", audit_body={"bytes": len(body)}), body
        resolved = await persisted.resolve(parsed) if persisted else parsed
        if isinstance(resolved, Refusal):
            return resolved
        if resolved is not parsed:
            body = wire.encode(resolved)
        return classify(resolved, max_tokens=max_tokens), body


def _query_parameters(scope: Scope) -> dict[str, Any] | None:
    """A GET request's operation; None for GraphiQL's page. The last value of a repeated
    parameter counts, as in starlette's QueryParams, which the view reads."""
    raw = scope.get("query_string", b"").decode("latin-1")
    params = dict(parse_qsl(raw, keep_blank_values=True, errors="surrogateescape"))
    where = wire.find_invalid_text(params)
    if where is not None:
        raise wire.InvalidText(where, params)
    if "query" not in params and "extensions" not in params:
        return None
    payload: dict[str, Any] = dict(params)
    for name in ("variables", "extensions"):
        try:
            payload[name] = wire.decode(params[name]) if params.get(name) else None
        except wire.InvalidText as exc:
            raise wire.InvalidText(f"{name}.{exc.where}", exc.document) from None
        except orjson.JSONDecodeError:
            payload[name] = None
    return payload


async def _unavailable(send: Send, store: str) -> None:
    await send_error(
        send,
        503,
        f"{store} is unavailable",
        "UPSTREAM_UNAVAILABLE",
        headers=[(b"retry-after", b"5")],
        store=store,
    )


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it is known to exceed `limit` bytes."""
    if declared_too_large(scope, limit):
        return None
    declared = request_headers(scope).get(b"content-length")
    if scope["method"] in ("GET", "HEAD", "OPTIONS") and declared in (None, b"0"):
        return b""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _audited_body(scope: Scope, body: bytes) -> Any:
    content_type = header(scope, b"content-type")
    if "json" in content_type and len(body) <= MAX_AUDITED_BODY:
        try:
            return redact(orjson.loads(body))
        except orjson.JSONDecodeError:
            pass
    return {"contentType": content_type[:100], "bytes": len(body)}


def _too_large(limit: int) -> str:
    return (
        f"request body exceeds {limit} bytes (UPLOAD_MAX_BYTES for the file plus "
        "GRAPHQL_MAX_BODY_BYTES for the other parts)"
    )
