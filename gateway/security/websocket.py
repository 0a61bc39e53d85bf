"""WebSocket (graphql-transport-ws) security: auth at connection_init, limits and audit
per operation, by watching the protocol's messages on their way in and out.

- `connection_init`: its payload is authenticated (`{"Authorization": "Bearer …"}`,
  GraphiQL's headers object, or `{"token": …}`); bad credentials close the socket
  with 4401 and the reason, before the app sees the message.
- `subscribe`: charged to the rate limits like an HTTP operation; over the limit the
  client gets an `error` message for that id (RATE_LIMITED) and the app never runs it.
- text that is not Unicode (a lone surrogate escape) in a `subscribe`: an `error`
  message for that id (BAD_USER_INPUT, naming where); in any other message, or with
  no usable id, close 4400. The app never sees such a message.
- what goes out is text frames, and close reasons are valid UTF-8 within 123 bytes.
- one audit row per operation when it ends (by the server, the client or a
  disconnect) and one for the connection itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from datasources.errors import UpstreamUnavailable
from gateway import metrics, wire
from gateway.request_headers import optional_header
from gateway.security.audit import AuditEntry
from gateway.security.authenticator import AuthenticationFailed
from gateway.security.operation import Operation, classify, refused_persisted, refused_text
from gateway.security.persisted import NOT_IN_LIST
from gateway.security.runtime import SecurityRuntime
from resolvers.context import Principal

GRAPHQL_PATH = "/graphql"
MAX_CLOSE_REASON_BYTES = 123  # RFC 6455: a close frame's payload is at most 125 bytes
log = logging.getLogger("gateway.security")


def close_reason(reason: str) -> str:
    """`reason` as a close frame can carry it: valid UTF-8, at most 123 bytes."""
    data = reason.encode("utf-8", "replace")[:MAX_CLOSE_REASON_BYTES]
    return data.decode("utf-8", "ignore")  # a character cut in half is dropped


@dataclass
class _Running:
    op: Operation
    started: float
    events: int = 0
    errors: bool = False


@dataclass
class _Socket:
    runtime: SecurityRuntime
    scope: Scope
    send: Send
    principal: Principal | None = None
    closed: bool = False
    accepted: bool = False
    close_code: int | None = None
    running: dict[str, _Running] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def ip(self) -> str:
        client = self.scope.get("client")
        return str(client[0]) if client else "unknown"

    async def out(self, message: Message) -> None:
        if message["type"] == "websocket.close":
            message = {**message, "reason": close_reason(message.get("reason") or "")}
        async with self.lock:
            await self.send(message)

    async def send_json(self, data: dict[str, Any]) -> None:
        await self.out({"type": "websocket.send", "text": wire.encode_text(data)})

    async def close(self, code: int, reason: str) -> None:
        if not self.closed:
            self.closed = True
            self.close_code = code
            await self.out({"type": "websocket.close", "code": code, "reason": reason})

    def audit(self, op: Operation | None, status: int, started: float, **meta: Any) -> None:
        trail = self.runtime.audit
        if trail is None:
            return
        state = self.scope.get("state", {})
        resource = op.resource if op else None
        metadata: dict[str, Any] = {"request_id": state.get("request_id"), "transport": "ws"}
        if op is not None:
            metadata["operation_type"] = op.kind
        if self.principal is not None and self.principal.api_key_id is not None:
            metadata["api_key_id"] = str(self.principal.api_key_id)
        metadata.update(meta)
        trail.record(
            AuditEntry(
                action=op.action if op else f"WEBSOCKET {self.scope['path']}",
                user_id=self.principal.user_id if self.principal else None,
                resource_type=resource[0] if resource else None,
                resource_id=resource[1] if resource else None,
                ip_address=self.ip,
                user_agent=optional_header(self.scope, b"user-agent"),
                request_method="WS",
                request_path=self.scope["path"],
                request_body=op.audit_body if op else None,
                response_status=status,
                response_time_ms=int((time.perf_counter() - started) * 1000),
                metadata=metadata,
                body_redacted=True,  # classify() redacts what it keeps
            )
        )

    def finish(self, op_id: str, status: int, ended_by: str) -> None:
        running = self.running.pop(op_id, None)
        if running is not None:
            op = running.op
            if op.kind == "subscription":
                metrics.ACTIVE_SUBSCRIPTIONS.dec()
            seconds = time.perf_counter() - running.started
            metrics.observe_operation(op.kind, op.action, status, seconds, running.errors)
            self.audit(op, status, running.started, events=running.events, ended_by=ended_by)


def _decode(message: Message) -> dict[str, Any] | None:
    """The message as a dict, None when it is not JSON; InvalidText for bad text."""
    raw = message.get("text")
    if raw is None:
        raw = message.get("bytes")
    if raw is None:
        return None
    try:
        data = wire.decode(raw)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


async def guard_websocket(
    app: ASGIApp, runtime: SecurityRuntime, scope: Scope, receive: Receive, send: Send
) -> None:
    if scope["path"] != GRAPHQL_PATH or not runtime.ready:
        await app(scope, receive, send)
        return
    started = time.perf_counter()
    socket = _Socket(runtime=runtime, scope=scope, send=send)
    state: dict[str, Any] = scope.setdefault("state", {})

    async def inbound() -> Message:
        while True:
            message = await receive()
            if message["type"] != "websocket.receive" or socket.closed:
                return message
            try:
                passed = await _inspect(socket, state, message)
            except Exception:
                log.exception("socket guard failed (request %s)", state.get("request_id"))
                await socket.close(1011, "internal server error")
                passed = False
            if passed:
                return message
            if socket.closed:
                return {"type": "websocket.disconnect", "code": socket.close_code}

    async def outbound(message: Message) -> None:
        if socket.closed:
            return  # we closed the socket; the app's late messages go nowhere
        if message["type"] == "websocket.accept":
            socket.accepted = True
        elif message["type"] == "websocket.send":
            data = _decode(message)  # ours, from wire.encode: always valid JSON
            op_id = str(data.get("id")) if data else ""
            if data and op_id in socket.running:
                running = socket.running[op_id]
                if data.get("type") == "next":
                    running.events += 1
                    errors = (data.get("payload") or {}).get("errors")
                    if errors:
                        running.errors = True
                        metrics.count_errors(errors)
                elif data.get("type") == "complete":
                    socket.finish(op_id, 200, "server")
                elif data.get("type") == "error":
                    running.errors = True
                    metrics.count_errors(data.get("payload") or [])
                    socket.finish(op_id, 400, "server")
        elif message["type"] == "websocket.close":
            socket.closed = True
        await socket.out(message)

    try:
        await app(scope, inbound, outbound)
    finally:
        for op_id in list(socket.running):
            socket.finish(op_id, 499, "disconnect")
        code = socket.close_code
        socket.audit(None, 101 if socket.accepted else 403, started, close_code=code)


async def _authenticate(socket: _Socket, state: dict[str, Any], payload: Any) -> bool:
    authenticator = socket.runtime.authenticator
    assert authenticator is not None
    try:
        socket.principal = await authenticator.from_connection_params(
            payload if isinstance(payload, dict) else None
        )
    except AuthenticationFailed as exc:
        state["auth_error"] = exc.message
        await socket.close(4401, exc.message)
        return False
    except UpstreamUnavailable as exc:
        await socket.close(1011, f"{exc.store} is unavailable")
        return False
    state["principal"] = socket.principal
    return True


async def _inspect(socket: _Socket, state: dict[str, Any], message: Message) -> bool:
    """True when `message` goes on to the app; False when answered here (or closed)."""
    try:
        data = _decode(message)
    except wire.InvalidText as exc:
        await _refuse_text(socket, exc)
        return False
    kind = data.get("type") if data else None
    if kind == "connection_init" and data is not None:
        return await _authenticate(socket, state, data.get("payload"))
    if kind == "subscribe" and data is not None:
        return await _admit(socket, data)
    if kind == "complete" and data is not None:
        socket.finish(str(data.get("id")), 200, "client")
    return True


async def _refuse_text(socket: _Socket, exc: wire.InvalidText) -> None:
    """Answer a message with text that is not Unicode: an error for its id, or close."""
    doc = exc.document if isinstance(exc.document, dict) else {}
    op_id = doc.get("id")
    if doc.get("type") == "subscribe" and isinstance(op_id, str) and wire.is_text(op_id):
        extensions = {"code": "BAD_USER_INPUT", "field": exc.where}
        error = {"message": exc.message, "extensions": extensions}
        await socket.send_json({"id": op_id, "type": "error", "payload": [error]})
        metrics.count_error("BAD_USER_INPUT")
        socket.audit(refused_text(exc.where), 400, time.perf_counter())
        return
    await socket.close(4400, exc.message)


async def _admit(socket: _Socket, data: dict[str, Any]) -> bool:
    """Charge the rate limits for a subscribe message; False when it must not run."""
    op_id = str(data.get("id"))
    max_tokens = socket.runtime.settings.limits.max_tokens
    payload = data.get("payload")
    op = classify(payload, max_tokens=max_tokens)
    started = time.perf_counter()
    persisted = socket.runtime.persisted
    if persisted is not None and not persisted.admits(_query_of(payload)):
        error = {"message": NOT_IN_LIST.message, "extensions": {"code": NOT_IN_LIST.code}}
        await socket.send_json({"id": op_id, "type": "error", "payload": [error]})
        socket.audit(refused_persisted(NOT_IN_LIST.code), NOT_IN_LIST.status, started)
        return False
    policy = socket.runtime.policy
    if policy is not None:
        verdict = await policy.check(op, socket.principal, socket.ip)
        decision = verdict.decision
        if not decision.allowed:
            code = "UPSTREAM_UNAVAILABLE" if verdict.unavailable else "RATE_LIMITED"
            message = (
                f"{verdict.unavailable} is unavailable"
                if verdict.unavailable
                else "rate limit exceeded"
            )
            error = {
                "message": f"{message}; retry in {decision.retry_after}s",
                "extensions": {"code": code, "retryAfter": decision.retry_after},
            }
            await socket.send_json({"id": op_id, "type": "error", "payload": [error]})
            metrics.count_error(code)
            socket.audit(op, 503 if verdict.unavailable else 429, started, rate_limited=True)
            return False
    replaced = socket.running.get(op_id)  # a reused id: graphql-ws closes the socket (4409)
    if replaced is not None and replaced.op.kind == "subscription":
        metrics.ACTIVE_SUBSCRIPTIONS.dec()
    socket.running[op_id] = _Running(op=op, started=started)
    if op.kind == "subscription":
        metrics.ACTIVE_SUBSCRIPTIONS.inc()
    return True


def _query_of(payload: Any) -> Any:
    return payload.get("query") if isinstance(payload, dict) else None
