"""Metrics and trace spans at the datasource boundary, and trace context for job payloads.

Every store call goes through `datasources.errors.guard` (or a vector index's own
guard), which times it here: `curriculum_store_call_seconds{store, operation}` and
`curriculum_store_call_failures_total{store, operation, reason}`. The dataloaders
report their batch sizes here too (resolvers sit above this package).

Tracing is off until `enable_tracing()` (the gateway and the worker call it when
OTEL_EXPORTER_OTLP_ENDPOINT is set, tests with an in-memory exporter): while off, no
span object is made and job payloads carry no trace context, so it costs one
attribute read per store call.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from prometheus_client import Counter, Histogram

# Seconds: a cached Redis read (~0.2 ms) up to a job's bulk graph write (minutes).
LATENCY_BUCKETS = (
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    120.0,
)  # fmt: skip
STORE_SECONDS = Histogram(
    "curriculum_store_call_seconds",
    "Time of one call to a store, by store and datasource method",
    ["store", "operation"],
    buckets=LATENCY_BUCKETS,
)
STORE_FAILURES = Counter(
    "curriculum_store_call_failures_total",
    "Store calls that failed: unavailable (down, refused), timeout, or error (anything else)",
    ["store", "operation", "reason"],
)
LOADER_BATCH = Histogram(
    "curriculum_dataloader_batch_size",
    "Keys in one dataloader batch (one store round trip), by the batch function",
    ["loader"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000),
)
TRACE_KEY = "trace"  # the optional key of a job payload holding W3C trace context


class _Tracing:
    enabled = False
    tracer: trace.Tracer = trace.get_tracer("curriculum")


def enable_tracing(provider: trace.TracerProvider | None = None) -> None:
    """Spans from here on, through `provider` (default: the global one)."""
    _Tracing.tracer = (provider or trace.get_tracer_provider()).get_tracer("curriculum")
    _Tracing.enabled = True


def disable_tracing() -> None:
    _Tracing.enabled = False


def tracing_enabled() -> bool:
    return _Tracing.enabled


def span(name: str, **attributes: Any) -> AbstractContextManager[Any]:
    """A span named `name` under the current one, or nothing while tracing is off."""
    if not _Tracing.enabled:
        return nullcontext()
    return _Tracing.tracer.start_as_current_span(name, attributes=attributes)


class StoreCall:
    """The metric children of one (store, operation), looked up once, not per call."""

    __slots__ = ("operation", "seconds", "store")

    def __init__(self, store: str, operation: str) -> None:
        self.store = store
        self.operation = operation
        self.seconds = STORE_SECONDS.labels(store, operation)

    def failed(self, reason: str) -> None:
        STORE_FAILURES.labels(self.store, self.operation, reason).inc()

    def span(self) -> AbstractContextManager[Any]:
        if not _Tracing.enabled:
            return nullcontext()
        return _Tracing.tracer.start_as_current_span(
            f"{self.store} {self.operation}",
            kind=trace.SpanKind.CLIENT,
            attributes={"db.system": self.store, "db.operation": self.operation},
        )


_CALLS: dict[tuple[str, str], StoreCall] = {}


def store_call(store: str, operation: str = "call") -> StoreCall:
    found = _CALLS.get((store, operation))
    if found is None:
        found = _CALLS[(store, operation)] = StoreCall(store, operation)
    return found


_BATCHES: dict[str, Any] = {}


def loader_batch(loader: str, size: int) -> None:
    child = _BATCHES.get(loader)
    if child is None:
        child = _BATCHES[loader] = LOADER_BATCH.labels(loader)
    child.observe(size)


def with_trace_context(payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` plus the current trace context under `trace`, when tracing is on.

    Old workers ignore the extra key (payloads are read by name), and payloads
    without it still run: a job is traced as its own trace then.
    """
    if not _Tracing.enabled:
        return payload
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return {**payload, TRACE_KEY: carrier} if carrier else payload


@contextmanager
def continued_trace(payload: Any, name: str, **attributes: Any) -> Iterator[None]:
    """Run a job under a span that continues the trace its payload carries (if any)."""
    if not _Tracing.enabled:
        yield
        return
    carrier = payload.get(TRACE_KEY) if isinstance(payload, Mapping) else None
    parent = propagate.extract(carrier) if isinstance(carrier, Mapping) else None
    token = otel_context.attach(parent) if parent is not None else None
    try:
        with _Tracing.tracer.start_as_current_span(
            name, kind=trace.SpanKind.CONSUMER, attributes=attributes
        ):
            yield
    finally:
        if token is not None:
            otel_context.detach(token)
