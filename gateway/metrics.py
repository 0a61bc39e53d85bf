"""Prometheus metrics of the gateway and the `/metrics` route (docs/operations.md).

Requests are counted where they are already timed (AuditMiddleware for HTTP, the
socket guard for WebSocket operations), so a request pays a few dictionary look-ups
and one histogram observation (BENCHMARKS.md: the cost per request). Store calls,
dataloader batches (datasources/telemetry.py) and jobs (jobs/metrics.py) have theirs
in the same registry.

`/metrics` answers a request that carries `Authorization: Bearer <METRICS_TOKEN>`,
or, when METRICS_TOKEN is unset, only clients on the loopback interface.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response

from datasources.errors import UpstreamUnavailable
from datasources.telemetry import LATENCY_BUCKETS
from gateway import wire

# Operation names come from clients: the first this many get their own series, the
# rest are counted as "other" (each name is a time series in Prometheus).
MAX_OPERATION_NAMES = 200
OTHER = "other"

REQUESTS = Counter(
    "curriculum_requests_total",
    "Requests (HTTP) and WebSocket operations by operation and outcome: ok, errors "
    "(an answer with GraphQL errors), rejected (4xx), failed (5xx)",
    ["transport", "operation_type", "operation", "outcome"],
)
REQUEST_SECONDS = Histogram(
    "curriculum_request_seconds",
    "Time from a request's first byte to its last (a WebSocket operation: subscribe to end)",
    ["transport", "operation_type", "operation"],
    buckets=LATENCY_BUCKETS,
)
ERRORS = Counter(
    "curriculum_errors_total",
    "Errors sent to clients, by extensions.code (GraphQL errors and refused requests)",
    ["code"],
)
IN_FLIGHT = Gauge("curriculum_requests_in_flight", "HTTP requests being answered")
ACTIVE_SUBSCRIPTIONS = Gauge(
    "curriculum_active_subscriptions", "Subscriptions running on this gateway's sockets"
)
QUEUE_DEPTH = Gauge(
    "curriculum_queue_depth", "Jobs waiting in the arq queue (read from Redis at scrape time)"
)


class _Names:
    """Operation names seen so far, capped at MAX_OPERATION_NAMES."""

    seen: set[str] = set()

    @classmethod
    def label(cls, name: str) -> str:
        if name in cls.seen:
            return name
        if len(cls.seen) >= MAX_OPERATION_NAMES:
            return OTHER
        cls.seen.add(name)
        return name


def _outcome(status: int, had_errors: bool) -> str:
    if status >= 500:
        return "failed"
    if status >= 400:
        return "rejected"
    return "errors" if had_errors else "ok"


_Series = tuple[Any, Any]  # (the request counter's child, the latency histogram's child)
# Children by (transport, kind, name, outcome): `labels()` costs more than the update.
_series: dict[tuple[str, str, str, str], _Series] = {}


def _children(transport: str, kind: str, name: str, outcome: str) -> _Series:
    key = (transport, kind, name, outcome)
    found = _series.get(key)
    if found is None:
        found = _series[key] = (
            REQUESTS.labels(transport, kind, name, outcome),
            REQUEST_SECONDS.labels(transport, kind, name),
        )
    return found


def observe_request(
    state: dict[str, Any], method: str, path: str, status: int, seconds: float
) -> None:
    """One HTTP request, from what the guard and the view left in `scope["state"]`."""
    op = state.get("operation")
    if op is not None:
        kind, name = op.kind, _Names.label(op.action)
    else:
        kind, name = "route", f"{method} /{path.lstrip('/').split('/', 1)[0]}"
    count, latency = _children("http", kind, name, _outcome(status, "graphql_errors" in state))
    count.inc()
    latency.observe(seconds)


def observe_operation(kind: str, action: str, status: int, seconds: float, errors: bool) -> None:
    """One WebSocket operation, when it ends (status as the audit row has it)."""
    count, latency = _children("ws", kind, _Names.label(action), _outcome(status, errors))
    count.inc()
    latency.observe(seconds)


def count_errors(errors: Iterable[Any]) -> None:
    """GraphQL errors of a result (GraphQLError objects or their JSON form)."""
    for error in errors:
        extensions = (
            error.get("extensions")
            if isinstance(error, dict)
            else getattr(error, "extensions", None)
        )
        code = extensions.get("code") if isinstance(extensions, dict) else None
        ERRORS.labels(code if isinstance(code, str) else "UNKNOWN").inc()


def count_error(code: str) -> None:
    ERRORS.labels(code).inc()


def registry() -> CollectorRegistry:
    """The process's registry, or all processes' under uvicorn --workers when
    PROMETHEUS_MULTIPROC_DIR is set (prometheus_client's multiprocess mode)."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        combined = CollectorRegistry()
        MultiProcessCollector(combined)
        return combined
    return REGISTRY


def _allowed(request: Request, token: str | None) -> bool:
    if token:
        sent = request.headers.get("authorization", "")
        return hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def metrics(request: Request) -> Response:
    token = request.app.state.settings.metrics_token
    if not _allowed(request, token.get_secret_value() if token else None):
        count_error("FORBIDDEN")
        error = {"message": "metrics need the METRICS_TOKEN bearer token"}
        body = wire.encode({"errors": [{**error, "extensions": {"code": "FORBIDDEN"}}]})
        return Response(body, status_code=403, media_type="application/json")
    # Redis down: the gauge keeps its last value; the store's failure is counted already.
    with suppress(UpstreamUnavailable):
        QUEUE_DEPTH.set(await request.app.state.stores.queue.depth())
    return Response(generate_latest(registry()), media_type=CONTENT_TYPE_LATEST)
