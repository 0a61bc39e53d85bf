"""Request-path security as two pure ASGI middlewares.

    RequestId → AuditMiddleware → CORS → GuardMiddleware → routes

`AuditMiddleware` (outside CORS, so preflights are audited too) times every HTTP
request, adds the security headers and queues one audit row when it ends.
`GuardMiddleware` (inside CORS, so its 401/413/429 answers carry CORS headers)
enforces the body size limit, authenticates, reads the GraphQL operation and charges
the rate limits; what it learns goes into `scope["state"]` for the audit row.
WebSockets are handled in gateway/security/websocket.py.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from datasources.errors import UpstreamUnavailable
from gateway import metrics, wire
from gateway.security.audit import AuditEntry
from gateway.security.authenticator import AuthenticationFailed
from gateway.security.operation import Operation, classify, refused_text
from gateway.security.redact import redact
from gateway.security.responses import send_error, with_security_headers
from gateway.security.runtime import SecurityRuntime
from gateway.security.websocket import guard_websocket
from schema.errors import internal_message

GRAPHQL_PATH = "/graphql"
# Its own credential (METRICS_TOKEN, checked by the route), not a session's bearer token.
METRICS_PATH = "/metrics"
MAX_AUDITED_BODY = 64_000
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


class AuditMiddleware:
    def __init__(self, app: ASGIApp, *, runtime: SecurityRuntime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        metrics.IN_FLIGHT.inc()

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": with_security_headers(message.get("headers", []))}
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
        headers = Headers(scope=scope)
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
                user_agent=headers.get("user-agent"),
                request_method=scope["method"],
                request_path=scope["path"],
                request_body=op.audit_body if op else state.get("audit_body"),
                response_status=status,
                response_time_ms=elapsed_ms,
                metadata=metadata,
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
        state = _state(scope)
        limit = runtime.settings.limits.max_body_bytes
        body = await _read_body(scope, receive, limit)
        if body is None:
            state["body_bytes"] = "over limit"
            await send_error(send, 413, f"request body exceeds {limit} bytes", "PAYLOAD_TOO_LARGE")
            return
        try:
            op = self._operation(scope, body) if scope["path"] == GRAPHQL_PATH else None
        except wire.InvalidText as exc:
            # Refused once, here, before any resolver: no store ever sees such text.
            state["operation"] = refused_text(exc.where)
            await send_error(send, 400, exc.message, "BAD_USER_INPUT", field=exc.where)
            return
        if op is not None:
            state["operation"] = op
        elif body:
            state["audit_body"] = _audited_body(scope, body)
        try:
            assert runtime.authenticator is not None
            principal = await runtime.authenticator.from_headers(Headers(scope=scope))
        except AuthenticationFailed as exc:
            state["auth_error"] = exc.message
            await send_error(
                send,
                401,
                exc.message,
                "UNAUTHENTICATED",
                headers=[(b"www-authenticate", b'Bearer error="invalid_token"')],
            )
            return
        except UpstreamUnavailable as exc:
            await _unavailable(send, exc.store)
            return
        state["principal"] = principal
        if op is not None and runtime.policy is not None:
            verdict = await runtime.policy.check(op, principal, client_ip(scope))
            if verdict.unavailable:
                await _unavailable(send, verdict.unavailable)
                return
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
                return
        await self.app(scope, _replay(body, receive), send)

    def _operation(self, scope: Scope, body: bytes) -> Operation | None:
        """What the request asks for; InvalidText when any of its text is not Unicode.

        Read with the view's own decoder (gateway/wire.py), so both see one request.
        """
        max_tokens = self.runtime.settings.limits.max_tokens
        if scope["method"] == "GET":
            payload = _query_parameters(scope)
            return None if payload is None else classify(payload, max_tokens=max_tokens)
        try:
            parsed: Any = wire.decode(body) if body else None
        except orjson.JSONDecodeError:
            return Operation("invalid", "graphql", audit_body={"bytes": len(body)})
        return classify(parsed, max_tokens=max_tokens)


def _query_parameters(scope: Scope) -> dict[str, Any] | None:
    """A GET request's operation; None for GraphiQL's page. The last value of a repeated
    parameter counts, as in starlette's QueryParams, which the view reads."""
    raw = scope.get("query_string", b"").decode("latin-1")
    params = dict(parse_qsl(raw, keep_blank_values=True, errors="surrogateescape"))
    where = wire.find_invalid_text(params)
    if where is not None:
        raise wire.InvalidText(where, params)
    if "query" not in params:
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
    declared = Headers(scope=scope).get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    if scope["method"] in ("GET", "HEAD", "OPTIONS") and declared in (None, "0"):
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
    content_type = Headers(scope=scope).get("content-type", "")
    if "json" in content_type and len(body) <= MAX_AUDITED_BODY:
        try:
            return redact(orjson.loads(body))
        except orjson.JSONDecodeError:
            pass
    return {"contentType": content_type[:100], "bytes": len(body)}
