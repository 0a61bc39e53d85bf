"""Observability against the real stores: one trace from an HTTP request to the job it
queued (in-memory span exporter), /metrics and who may read it, and no secret in any
log line or span of a login and an authenticated request."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import orjson
import pytest
from arq import Worker
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from pydantic import SecretStr

from datasources.redis import queue
from datasources.settings import Settings, for_jobs
from datasources.stores import Stores
from gateway.logs import configure_logging
from jobs.state import WorkerState
from jobs.worker import WorkerSettings
from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.e2e.test_authz_harness import LOGIN, PASSWORD, Client, register, serve
from tests.factories import World
from tests.integration.courses import EXPORT

pytestmark = pytest.mark.integration


async def run_queued_jobs(settings: Settings, stores: Stores) -> Worker:
    pool = await queue.open_queue(settings.redis.url)
    worker = Worker(
        functions=WorkerSettings.functions,
        redis_pool=pool,
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
        job_serializer=queue.serialize,
        job_deserializer=queue.deserialize,
        ctx={"state": WorkerState(for_jobs(settings), stores, AsyncExitStack())},
    )
    try:
        await worker.main()
    finally:
        await pool.aclose()
    return worker


def attributes_text(spans: tuple[ReadableSpan, ...]) -> str:
    return " ".join(f"{s.name} {dict(s.attributes or {})}" for s in spans)


@pytest.fixture
def logs(test_settings: Settings) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure_logging(test_settings.model_copy(update={"log_level": "DEBUG"}), stream=stream)
    try:
        yield stream
    finally:
        configure_logging(test_settings, stream=io.StringIO())
        logging.getLogger().setLevel(logging.WARNING)


async def test_a_request_and_the_job_it_queues_share_one_trace(
    world: World, test_settings: Settings, stores: Stores, logs: io.StringIO
) -> None:
    exporter = InMemorySpanExporter()
    async with (
        serve(test_settings, span_exporter=exporter) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        account = await register(http)
        course_id = await world.course(Principal(user_id=account.user_id, role="user"))
        client = Client(http, token=account.token)
        body = await client.gql(
            EXPORT, id=to_global_id("Course", course_id), format="MARKDOWN", options=None
        )
        started = body["data"]["exportCourse"]
        assert started["__typename"] == "ExportStarted", body
        # The payload in Redis carries the request's trace context next to the task id.
        pool = await queue.open_queue(test_settings.redis.url)
        try:
            (queued,) = await pool.queued_jobs()
        finally:
            await pool.aclose()
        assert set(queued.args[0]) == {"task_id", "trace"}
        worker = await run_queued_jobs(test_settings, stores)
        assert worker.jobs_complete == 1 and worker.jobs_failed == 0
        served.app.state.tracer.force_flush()
        spans = exporter.get_finished_spans()

    (job,) = [s for s in spans if s.name == "job export_course"]
    trace_id = job.context.trace_id
    in_trace = [s for s in spans if s.context.trace_id == trace_id]
    # The test's httpx client is instrumented too: its span is the root, and the
    # gateway's server span continues it (traceparent header), then the job continues that.
    (root,) = [s for s in in_trace if s.parent is None]
    assert root.kind == SpanKind.CLIENT
    (server,) = [s for s in in_trace if s.kind == SpanKind.SERVER and s.name == "POST /graphql"]
    assert server.parent is not None and server.parent.span_id == root.context.span_id
    names = {s.name for s in in_trace}
    # strawberry's operation span, the redis enqueue, our store spans in the job, asyncpg's
    assert "GraphQL operation" in names
    assert any(s.attributes and s.attributes.get("db.system") == "redis" for s in in_trace)
    assert any(n.startswith("postgres ") for n in names), names
    assert any(s.attributes and s.attributes.get("db.system") == "postgresql" for s in in_trace)
    # Each request is its own trace: the registration is not in the export's.
    assert len({s.context.trace_id for s in spans if s.name == "POST /graphql"}) >= 2
    # Log lines written inside the trace carry its id (the job's among them).
    traced = [line for line in _lines(logs) if line.get("trace_id") == format(trace_id, "032x")]
    assert traced, logs.getvalue()[-3000:]


async def test_no_secret_reaches_a_log_line_or_a_span(
    world: World, test_settings: Settings, logs: io.StringIO
) -> None:
    exporter = InMemorySpanExporter()
    async with (
        serve(test_settings, span_exporter=exporter) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        account = await register(http)
        logged_in = await Client(http).gql(LOGIN, login=account.username, password=PASSWORD)
        token = logged_in["data"]["login"]["token"]
        client = Client(http, token=token)
        await client.gql("query Me { me { id username } }")
        # A bad token and a failed login are logged too (at most as events).
        await Client(http, token=token + "x").post("query { me { id } }")
        await Client(http).gql(LOGIN, login=account.username, password=PASSWORD + "-wrong")
        # An inline password literal, not a variable.
        await Client(http).post(
            f'mutation {{ login(emailOrUsername: "{account.username}", password: "{PASSWORD}")'
            " { __typename } }"
        )
        served.app.state.tracer.force_flush()
        spans = exporter.get_finished_spans()
    text = logs.getvalue()
    assert text, "DEBUG logging produced no lines"
    for secret in (PASSWORD, token, account.token):
        assert secret not in text
        assert secret not in attributes_text(spans)


async def test_metrics_count_requests_errors_and_store_calls(test_settings: Settings) -> None:
    async with (
        serve(test_settings) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        client = Client(http)
        await client.gql("query Probe { __typename }")
        await client.post("query Probe { nope }")  # GRAPHQL_VALIDATION_FAILED
        await client.post("query Broken {")  # a syntax error
        await Client(http, token="not-a-session").post("query { __typename }")  # 401
        response = await http.get("/metrics")
        # Without METRICS_TOKEN only loopback clients are answered.
        transport = httpx.ASGITransport(app=served.app, client=("203.0.113.9", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as remote:
            refused = await remote.get("/metrics")
            assert refused.status_code == 403 and "METRICS_TOKEN" in refused.text
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    values = _samples(text)
    assert (
        values[
            'curriculum_requests_total{operation="Probe",operation_type="query",outcome="ok",'
            'transport="http"}'
        ]
        >= 1
    )
    assert (
        values[
            'curriculum_requests_total{operation="Probe",operation_type="query",outcome="errors",'
            'transport="http"}'
        ]
        >= 1
    )
    assert values['curriculum_errors_total{code="GRAPHQL_VALIDATION_FAILED"}'] >= 1
    assert values['curriculum_errors_total{code="UNAUTHENTICATED"}'] >= 1
    assert any(
        k.startswith('curriculum_store_call_seconds_count{operation="SessionStore')
        or (k.startswith("curriculum_store_call_seconds_count") and 'store="redis"' in k)
        for k in values
    )
    assert "curriculum_request_seconds_bucket" in text
    assert "curriculum_queue_depth 0.0" in text
    assert "curriculum_active_subscriptions" in text


def _samples(text: str) -> dict[str, float]:
    values: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


async def test_metrics_need_the_token_when_one_is_set(test_settings: Settings) -> None:
    settings = test_settings.model_copy(update={"metrics_token": SecretStr("scrape-me-0123")})
    async with (
        serve(settings) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        assert (await http.get("/metrics")).status_code == 403
        wrong = await http.get("/metrics", headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 403 and "METRICS_TOKEN" in wrong.text
        right = await http.get("/metrics", headers={"authorization": "Bearer scrape-me-0123"})
        assert right.status_code == 200 and "curriculum_requests_total" in right.text


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]
