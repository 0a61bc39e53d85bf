"""OpenTelemetry traces: on when OTEL_EXPORTER_OTLP_ENDPOINT is set, absent otherwise.

`configure_tracing` (the app, and `curriculum worker` through the CLI) builds a
TracerProvider that exports over OTLP/HTTP, instruments asyncpg, redis and httpx,
and switches on the spans around every store call (datasources/telemetry.py, which
also puts the trace context into job payloads). The app then adds the ASGI
middleware and strawberry's OpenTelemetry extension. Nothing secret goes into a span:
URL query strings (signed download links carry a token) are replaced, the GraphQL
query text is not recorded and sensitive arguments are redacted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from typing import Any

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace import SpanKind
from starlette.types import ASGIApp, Scope
from strawberry.extensions import LifecycleStep
from strawberry.extensions.tracing import OpenTelemetryExtension

from datasources.settings import Settings
from datasources.telemetry import disable_tracing, enable_tracing
from gateway.security.redact import redact

_instrumented: list[Any] = []


def configure_tracing(
    settings: Settings, *, service: str, exporter: SpanExporter | None = None
) -> TracerProvider | None:
    """A provider exporting to OTLP (or to `exporter`, for tests); None when tracing is off."""
    if exporter is None:
        if not settings.otlp_endpoint:
            return None
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=settings.otlp_endpoint.rstrip("/") + "/v1/traces")
    name = os.environ.get("OTEL_SERVICE_NAME") or service
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    _instrument(provider)
    enable_tracing(provider)
    return provider


def shutdown_tracing(provider: TracerProvider | None) -> None:
    """Flush what is buffered and stop tracing (instrumentations are undone too)."""
    if provider is None:
        return
    disable_tracing()
    while _instrumented:
        _instrumented.pop().uninstrument()
    provider.shutdown()


def _instrument(provider: TracerProvider) -> None:
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor

    for instrumentor in (AsyncPGInstrumentor(), RedisInstrumentor(), HTTPXClientInstrumentor()):
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=provider)
            _instrumented.append(instrumentor)


def _no_query_string(span: Any, scope: Scope) -> None:
    """Query strings can carry secrets (a download link's token): never in a span."""
    if span is None or not span.is_recording() or not scope.get("query_string"):
        return
    path = scope.get("path", "")
    for key in ("http.target", "url.query", "http.url", "url.full"):
        span.set_attribute(key, "[REDACTED]" if key == "url.query" else path)


def traced_app(app: ASGIApp, provider: TracerProvider) -> ASGIApp:
    """The ASGI server span around `app` (one per request or socket; health checks and
    scrapes left out, and no span per WebSocket frame)."""
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return OpenTelemetryMiddleware(  # type: ignore[no-any-return]
        app,
        excluded_urls="healthz,readyz,metrics",
        tracer_provider=provider,
        server_request_hook=_no_query_string,
        exclude_spans=["receive", "send"],
    )


def _redacted_arguments(arguments: dict[str, Any], _info: Any) -> dict[str, Any]:
    redacted: dict[str, Any] = redact(arguments)
    return redacted


class GraphQLSpans(OpenTelemetryExtension):
    """strawberry's extension (an operation span, parse, validation and one span per
    resolver), without the query text (literals may be passwords) and with sensitive
    arguments redacted."""

    def on_operation(self) -> Generator[None, None, None]:
        name = self.execution_context.operation_name
        span = self._tracer.start_span(f"GraphQL {name or 'operation'}", kind=SpanKind.SERVER)
        span.set_attribute("component", "graphql")
        self._span_holder[LifecycleStep.OPERATION] = span
        yield
        if not name and self.execution_context.operation_name:
            span.update_name(f"GraphQL {self.execution_context.operation_name}")
        span.end()


def graphql_extension(provider: TracerProvider) -> Callable[[], GraphQLSpans]:
    def build() -> GraphQLSpans:
        return GraphQLSpans(arg_filter=_redacted_arguments, tracer_provider=provider)

    return build
