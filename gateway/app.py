"""create_app(): starlette + strawberry, all connections opened in the lifespan."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from datasources.settings import Settings
from datasources.stores import open_stores
from gateway.downloads import download_export
from gateway.graphiql import graphiql_page, static_files_mount
from gateway.health import healthz, readyz
from gateway.metrics import metrics
from gateway.security.authenticator import Authenticator
from gateway.security.cors import BrowserCORS
from gateway.security.middleware import AuditMiddleware, GuardMiddleware
from gateway.security.runtime import SecurityRuntime
from gateway.security.view import SecureGraphQL
from gateway.ticker import ticker
from gateway.tracing import configure_tracing, graphql_extension, shutdown_tracing, traced_app
from resolvers.context import Limits
from schema.root import SchemaOptions, build_schema

log = logging.getLogger("gateway")
# gen0 threshold 50,000 allocations instead of 700, and older generations collected
# 20 times less often. A nested query builds tens of thousands of objects that all live
# until the response is sent; with the defaults the collector scanned them again and
# again (bench/: ~1.6 s of a ~5 s `courses(first: 50)`; ~0.1 s with (10,000, 10, 10)
# and gc.freeze(); ~0.07 s with these). Acyclic garbage is freed by reference counting
# whatever the thresholds; only cycles wait longer.
GC_THRESHOLD = (50_000, 20, 20)


@contextmanager
def _settled_gc() -> Iterator[None]:
    """Move what start-up built out of the collector's way (PERFORMANCE.md), until shutdown."""
    previous = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def schema_options(settings: Settings, tracer: TracerProvider | None = None) -> SchemaOptions:
    limits = settings.limits
    return SchemaOptions(
        extensions=(graphql_extension(tracer),) if tracer else (),
        max_depth=limits.max_depth,
        max_aliases=limits.max_aliases,
        max_tokens=limits.max_tokens,
        max_cost=limits.max_cost,
        max_page_size=limits.max_page_size,
        introspection=limits.introspection,
    )


def create_app(
    settings: Settings | None = None,
    *,
    authenticator: Authenticator | None = None,
    span_exporter: SpanExporter | None = None,
) -> Starlette:
    """The app; `span_exporter` (tests) traces to it instead of OTEL_EXPORTER_OTLP_ENDPOINT."""
    settings = settings or Settings.load()
    tracer = configure_tracing(settings, service="curriculum-gateway", exporter=span_exporter)
    schema = build_schema(schema_options(settings, tracer))
    limits = Limits(
        max_page_size=settings.limits.max_page_size,
        store_timeout_seconds=settings.limits.store_timeout_seconds,
        compiled_reads=settings.limits.compiled_reads,
    )

    security = SecurityRuntime(settings, authenticator=authenticator)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with open_stores(settings) as stores, security.open(stores):
            app.state.stores = stores
            assert security.authenticator is not None
            view = SecureGraphQL(
                schema,
                stores=stores,
                limits=limits,
                authenticator=security.authenticator,
                accounts=security.accounts,
                allowed_origins=settings.cors_origins,
            )
            view.persisted = security.persisted
            view.get_max_age = settings.persisted.get_max_age_seconds
            graphql_endpoint.app = view
            try:
                async with ticker(stores.redis):
                    with _settled_gc():
                        log.info("gateway ready on %s:%s", settings.host, settings.port)
                        yield
                        log.info("gateway stopping")
            finally:
                shutdown_tracing(tracer)

    graphql_endpoint = _Deferred()
    app = Starlette(
        routes=[
            # First: nearly every request is one, and starlette tries routes in order.
            Route("/graphql", graphql_endpoint, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql_endpoint),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics, methods=["GET"]),
            Route("/graphiql", graphiql_page),
            Route("/exports/{export_id}/download", download_export, methods=["GET"]),
            static_files_mount(),
        ],
        middleware=[
            # Outermost when tracing is on: the request's root span around all the rest.
            *([Middleware(_Traced, provider=tracer)] if tracer is not None else []),
            # Outermost of ours: the request id, timing, security headers, the audit row.
            Middleware(AuditMiddleware, runtime=security),
            Middleware(
                BrowserCORS,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "x-api-key", "x-request-id"],
            ),
            Middleware(GuardMiddleware, runtime=security),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.schema = schema
    app.state.security = security
    app.state.tracer = tracer
    return app


class _Traced:
    def __init__(self, app: ASGIApp, provider: TracerProvider) -> None:
        self.app = traced_app(app, provider)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


class _Deferred:
    """The GraphQL view exists only once the lifespan opened the stores."""

    app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is None:
            raise RuntimeError("the app's lifespan has not started")
        await self.app(scope, receive, send)
