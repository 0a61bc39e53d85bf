"""Log lines: one JSON object per line (LOG_FORMAT=json, the default) or text.

The standard library's logging stays the API (every module logs through it, and so do
uvicorn, arq and the drivers); structlog's ProcessorFormatter renders each record.
Every line carries the request id of the request it belongs to (set by the app's
RequestId middleware) and, while tracing is on, the trace and span ids. Secrets never
reach a line: values under sensitive names (password, token, authorization, ...), the
credential of an `Authorization: Bearer`/`Basic` header and signed-link query
parameters are replaced, whatever logger wrote them.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from contextvars import ContextVar
from typing import Any

import orjson
import structlog
from opentelemetry import trace

from datasources.settings import Settings
from datasources.telemetry import tracing_enabled
from gateway.security.redact import REDACTED, is_sensitive

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_SECRET_PATTERNS = (
    # Authorization: Bearer <token> / Basic <credentials>, in any text
    re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{4,}"),
    # password=..., "token": "...", api_key: ... (a sensitive name, then its value)
    re.compile(
        r"""(?ix)
        (["']?(?:password|passwd|new_?password|current_?password|token|access_?token|
        session_?token|secret|api[_-]?key|x-api-key|authorization|sig)["']?\s*[:=]\s*)
        ("[^"]*"|'[^']*'|[^\s,&;}]+)
        """
    ),
    # ?sig=... &token=... in URLs (signed download links)
    re.compile(r"(?i)([?&](?:sig|token|key|signature|password)=)[^&\s\"']+"),
)
# Uvicorn's loggers have their own handlers; ours take over so they are JSON too.
_UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


def bind_request_id(request_id: str | None) -> None:
    """The request id of everything logged from here in this task (and tasks it starts)."""
    _request_id.set(request_id)


def scrub(text: str) -> str:
    """`text` with every credential the patterns recognise replaced."""
    bearer, named, query = _SECRET_PATTERNS
    text = bearer.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    text = named.sub(lambda m: m.group(1) + REDACTED, text)
    return query.sub(lambda m: m.group(1) + REDACTED, text)


def _add_ids(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    request_id = _request_id.get()
    if request_id is not None:
        event["request_id"] = request_id
    if tracing_enabled():
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            event["trace_id"] = format(context.trace_id, "032x")
            event["span_id"] = format(context.span_id, "016x")
    return event


def _scrub_event(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key, value in event.items():
        if is_sensitive(key):
            event[key] = REDACTED
        elif isinstance(value, str):
            event[key] = scrub(value)
    return event


def _dumps(value: Any, **_: Any) -> str:
    return orjson.dumps(value, default=str).decode()


def formatter(log_format: str = "json") -> logging.Formatter:
    renderer: Any = (
        structlog.processors.JSONRenderer(serializer=_dumps)
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _add_ids,
        ],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _scrub_event,
            renderer,
        ],
    )


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """Ours, so configuring again replaces it and leaves other handlers (pytest's) alone."""


def configure_logging(settings: Settings, stream: Any = None) -> None:
    """Root logging for the process: our formatter at LOG_LEVEL, on stderr (or `stream`)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(handler)
    handler = _Handler(stream or sys.stderr)
    handler.setFormatter(formatter(settings.log_format))
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in _UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [h for h in logger.handlers if isinstance(h, _Handler)]
        logger.propagate = True
