"""Metrics at the store boundary and per job, trace context through a job payload, and
log lines (JSON with request and trace ids, no secrets) — without the stores."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from arq import Retry
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client import REGISTRY

from datasources import telemetry
from datasources.errors import UpstreamUnavailable, guard, guarded
from datasources.settings import Settings
from gateway.logs import bind_request_id, configure_logging, scrub
from jobs.metrics import measured

EMPTY = Path("/nonexistent/env")


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    telemetry.enable_tracing(provider)
    try:
        yield exporter
    finally:
        telemetry.disable_tracing()
        provider.shutdown()


class Reader:
    timeout = 0.2

    @guarded("neo4j")
    async def concepts(self, fail: BaseException | None = None, wait: float = 0) -> int:
        await asyncio.sleep(wait)
        if fail is not None:
            raise fail
        return 3


async def test_every_guarded_call_is_timed_and_failures_are_counted_by_reason() -> None:
    labels = {"store": "neo4j", "operation": "Reader.concepts"}
    calls = sample("curriculum_store_call_seconds_count", **labels)
    reader = Reader()
    assert await reader.concepts() == 3
    with pytest.raises(UpstreamUnavailable):
        await reader.concepts(wait=1)  # past the 0.2 s deadline
    with pytest.raises(UpstreamUnavailable):
        await reader.concepts(fail=ConnectionRefusedError())
    with pytest.raises(ValueError, match="bad cypher"):
        await reader.concepts(fail=ValueError("bad cypher"))
    assert sample("curriculum_store_call_seconds_count", **labels) == calls + 4
    for reason in ("timeout", "unavailable", "error"):
        assert sample("curriculum_store_call_failures_total", **labels, reason=reason) >= 1


async def test_store_calls_are_spans_only_while_tracing_is_on(
    spans: InMemorySpanExporter,
) -> None:
    async def answer() -> int:
        return 1

    await guard("redis", answer(), seconds=1)
    await Reader().concepts()
    names = [s.name for s in spans.get_finished_spans()]
    assert names == ["redis call", "neo4j Reader.concepts"]
    telemetry.disable_tracing()
    await Reader().concepts()
    assert len(spans.get_finished_spans()) == 2


def test_payloads_carry_trace_context_only_while_tracing_is_on(
    spans: InMemorySpanExporter,
) -> None:
    tracer = telemetry._Tracing.tracer
    with tracer.start_as_current_span("request") as request:
        payload = telemetry.with_trace_context({"task_id": "t"})
    assert payload["task_id"] == "t" and "traceparent" in payload["trace"]
    with telemetry.continued_trace(orjson.loads(orjson.dumps(payload)), "job x"):
        pass
    job = next(s for s in spans.get_finished_spans() if s.name == "job x")
    assert job.context.trace_id == request.get_span_context().trace_id
    assert job.parent is not None and job.parent.span_id == request.get_span_context().span_id
    telemetry.disable_tracing()
    assert telemetry.with_trace_context({"task_id": "t"}) == {"task_id": "t"}


async def test_a_job_without_trace_context_runs_as_before(spans: InMemorySpanExporter) -> None:
    async def work(ctx: dict[str, Any], payload: Any) -> dict[str, str]:
        return {"status": "completed"}

    job = measured(work, "process_document")
    before = sample("curriculum_jobs_total", job="process_document", outcome="completed")
    assert await job({"job_id": "j"}, {"task_id": "t"}) == {"status": "completed"}
    assert sample("curriculum_jobs_total", job="process_document", outcome="completed") == (
        before + 1
    )
    (span,) = spans.get_finished_spans()
    assert span.name == "job process_document" and span.parent is None


@pytest.mark.parametrize(
    ("raised", "outcome"),
    [(Retry(defer=1), "retry"), (asyncio.CancelledError(), "cancelled"), (KeyError(), "error")],
)
async def test_job_outcomes_are_counted(raised: BaseException, outcome: str) -> None:
    async def work(ctx: dict[str, Any], payload: Any) -> None:
        raise raised

    job = measured(work, "export_course")
    before = sample("curriculum_jobs_total", job="export_course", outcome=outcome)
    with pytest.raises(type(raised)):
        await job({"job_id": "j"}, {"task_id": "t"})
    assert sample("curriculum_jobs_total", job="export_course", outcome=outcome) == before + 1
    assert sample("curriculum_jobs_running", job="export_course") == 0


def test_dataloader_batches_are_measured() -> None:
    before = sample("curriculum_dataloader_batch_size_sum", loader="course.concepts")
    telemetry.loader_batch("course.concepts", 17)
    assert sample("curriculum_dataloader_batch_size_sum", loader="course.concepts") == before + 17


@pytest.fixture
def log_lines(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    stream = io.StringIO()
    configure_logging(Settings.load(EMPTY), stream=stream)
    try:
        yield stream
    finally:
        configure_logging(Settings.load(EMPTY), stream=io.StringIO())


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in stream.getvalue().splitlines()]


def test_log_lines_are_json_with_the_request_and_trace_ids(
    log_lines: io.StringIO, spans: InMemorySpanExporter
) -> None:
    bind_request_id("abc123")
    with telemetry._Tracing.tracer.start_as_current_span("request") as span:
        logging.getLogger("gateway.test").info("answered %s fields", 12)
    bind_request_id(None)
    logging.getLogger("gateway.test").warning("outside a request")
    first, second = lines(log_lines)
    assert first["event"] == "answered 12 fields" and first["level"] == "info"
    assert first["logger"] == "gateway.test" and first["request_id"] == "abc123"
    assert first["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert "request_id" not in second and "trace_id" not in second


def test_secrets_never_reach_a_log_line(log_lines: io.StringIO) -> None:
    log = logging.getLogger("anything")
    log.info("headers: Authorization: Bearer sess-SECRET-token-1")
    log.info("login with password=hunter2-SECRET and token='tok-SECRET'")
    log.info('{"password": "pw-SECRET", "apiKey": "key-SECRET"}')
    log.info("GET /exports/1/download?u=2&expires=3&sig=sig-SECRET")
    log.info("extra fields", extra={"password": "extra-SECRET"})
    try:
        raise ValueError("bad Bearer exc-SECRET-token")
    except ValueError:
        log.exception("failed")
    text = log_lines.getvalue()
    assert len(lines(log_lines)) == 6
    assert "SECRET" not in text, text
    assert text.count("[REDACTED]") >= 7


def test_scrub_keeps_ordinary_text() -> None:
    text = "course 42 has 7 concepts; tokens per chunk 512"
    assert scrub(text) == text
