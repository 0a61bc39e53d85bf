"""The audit trail: one audit_logs row per request, written in batches off the request path.

`record()` only appends to an in-memory queue; a background task writes whatever
has queued every `flush_seconds` (or as soon as a batch is full) with one COPY
(asyncpg's binary `copy_records_to_table`: 10-15 µs of the gateway's CPU per row
with the rows' encoding, where SQLAlchemy's multi-row INSERT took 24-38 µs, its JSON
columns encoded by the standard library). Stopping drains the queue, so a clean
shutdown loses nothing. If PostgreSQL is down, rows wait (up to the queue size) and
are retried with back-off; when the queue is full new rows are dropped and counted,
never blocking a request.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

import orjson
from asyncpg import IntegrityConstraintViolationError
from sqlalchemy import Table, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from datasources.errors import is_connection_error
from datasources.postgres.models import AuditLog, User
from datasources.postgres.prepared import driver_connection
from gateway import wire
from gateway.security.redact import redact, storable

log = logging.getLogger("gateway.audit")
SHUTDOWN_DRAIN_SECONDS = 10.0  # at shutdown, for the rows still queued
AUDIT_TABLE: Table = AuditLog.__table__  # type: ignore[assignment]
# Every column but the id (its sequence fills it), in the order COPY is given values.
AUDIT_COLUMNS = tuple(c.name for c in AUDIT_TABLE.columns if c.name != "id")
JSON_COLUMNS = frozenset({"request_body", "metadata"})
PARTITION_CHECK_SECONDS = 6 * 3600
MAX_BODY_BYTES = 64_000  # larger request bodies are summarised, not stored


def _text(value: str | None, limit: int) -> str | None:
    return None if value is None else storable(value)[:limit]


def _body(value: Any, redacted: bool) -> Any:
    if value is None:
        return None
    body = value if redacted else redact(value)
    size = len(orjson.dumps(body))
    if size <= MAX_BODY_BYTES:
        return body
    summary: dict[str, Any] = {"truncated": True, "bytes": size}
    if isinstance(body, dict):
        summary["operationName"] = body.get("operationName")
        query = body.get("query")
        if isinstance(query, str):
            summary["query"] = query[:4000]
    return summary


@lru_cache(maxsize=4096)  # a client's address repeats on each of its requests
def _inet(value: str | None) -> bytes | None:
    """The address packed (4 or 16 bytes): asyncpg's inet codec parses text again on
    every row but reads packed bytes directly, and their length says v4 or v6."""
    if not value:
        return None
    try:
        return ipaddress.ip_address(value).packed
    except ValueError:
        return None


@dataclass(slots=True)
class AuditEntry:
    action: str
    user_id: UUID | None = None
    resource_type: str | None = None
    resource_id: UUID | None = None
    ip_address: str | None = None
    user_agent: str | None = None
    request_method: str | None = None
    request_path: str | None = None
    request_body: Any = None
    response_status: int | None = None
    response_time_ms: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # The body went through redact() already (the guard's reading of a request): the
    # same pass again would change nothing.
    body_redacted: bool = False

    def row(self) -> dict[str, Any]:
        """Column values, cut to the seed's lengths and made storable."""
        metadata = dict(self.metadata)
        ip = _inet(self.ip_address)
        if self.ip_address and ip is None:
            metadata["client"] = self.ip_address[:100]
        return {
            "user_id": self.user_id,
            "action": _text(self.action, 100) or "unknown",
            "resource_type": _text(self.resource_type, 50),
            "resource_id": self.resource_id,
            "ip_address": ip,
            "user_agent": _text(self.user_agent, 1000),
            "request_method": _text(self.request_method, 10),
            "request_path": _text(self.request_path, 2000),
            "request_body": _body(self.request_body, self.body_redacted),
            "response_status": self.response_status,
            "response_time_ms": self.response_time_ms,
            "metadata": redact(metadata),
            "created_at": self.created_at,
        }


class AuditTrail:
    def __init__(
        self,
        engine: AsyncEngine,
        *,
        flush_seconds: float = 1.0,
        batch_size: int = 500,
        queue_size: int = 10_000,
        partitions_ahead: int = 3,
    ) -> None:
        self.engine = engine
        self.flush_seconds = flush_seconds
        self.batch_size = batch_size
        self.queue_size = queue_size
        self.partitions_ahead = partitions_ahead
        self.written = 0
        self.dropped = 0
        self._queue: deque[dict[str, Any]] = deque()
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._stopping = False
        self._last_partition_check = 0.0

    @property
    def queued(self) -> int:
        return len(self._queue)

    def record(self, entry: AuditEntry) -> None:
        """Queue a row; never waits. A full queue drops the row (and says so)."""
        if len(self._queue) >= self.queue_size:
            self.dropped += 1
            if self.dropped == 1 or self.dropped % 1000 == 0:
                log.error("audit queue full: %d rows dropped so far", self.dropped)
            return
        try:
            self._queue.append(entry.row())
        except Exception:  # a row we cannot even build must not fail the request
            self.dropped += 1
            log.exception("audit row for %r could not be built", entry.action)
            return
        self._idle.clear()
        if len(self._queue) >= self.batch_size:
            self._wake.set()

    async def drained(self) -> None:
        """Wait until every row recorded so far has been written (or given up on)."""
        self._wake.set()
        await self._idle.wait()

    async def ensure_partitions(self) -> None:
        try:
            async with self.engine.begin() as conn:
                await conn.execute(
                    text("SELECT ensure_audit_log_partitions(:ahead)"),
                    {"ahead": self.partitions_ahead},
                )
            self._last_partition_check = time.monotonic()
        except Exception as exc:  # rows still land in audit_logs_default
            log.warning("could not create audit_logs partitions: %s", type(exc).__name__)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[AuditTrail]:
        await self.ensure_partitions()
        task = asyncio.create_task(self._run(), name="audit-flush")
        try:
            yield self
        finally:
            self._stopping = True
            self._wake.set()
            try:
                # the last rows get a bounded time: a PostgreSQL that hangs (or a pool
                # whose connections are all held) must not hold the process at SIGTERM
                async with asyncio.timeout(SHUTDOWN_DRAIN_SECONDS):
                    await task
            except TimeoutError:
                log.error("audit: writing the last rows took over %g s", SHUTDOWN_DRAIN_SECONDS)
            if self._queue:
                log.error("audit: %d rows could not be written at shutdown", len(self._queue))

    async def _run(self) -> None:
        backoff = 0.0
        while True:
            if not self._stopping:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max(self.flush_seconds, backoff)):
                        await self._wake.wait()
            self._wake.clear()
            if time.monotonic() - self._last_partition_check > PARTITION_CHECK_SECONDS:
                await self.ensure_partitions()
            try:
                await self._flush()
                backoff = 0.0
            except _StoreDown:
                if self._stopping:
                    self._idle.set()
                    return  # tried once more at shutdown; the rows are reported lost
                backoff = min(30.0, max(1.0, backoff * 2))
            if self._stopping and not self._queue:
                self._idle.set()
                return

    async def _flush(self) -> None:
        """Write the rows queued when the flush began. Rows that arrive meanwhile wait for
        the next one (the timer or a full batch): looping until the queue was empty wrote
        a handful of rows per INSERT under steady load (each costing a transaction),
        not a second's worth."""
        pending = len(self._queue)
        while pending > 0:
            size = min(self.batch_size, pending)
            batch = [self._queue.popleft() for _ in range(size)]
            pending -= size
            try:
                await self._write(batch)
            except (_StoreDown, asyncio.CancelledError):  # cancelled: shutdown's bound
                self._queue.extendleft(reversed(batch))
                raise
        if not self._queue:
            self._idle.set()

    async def _write(self, rows: list[dict[str, Any]]) -> None:
        try:
            await self._insert(rows)
        except IntegrityConstraintViolationError:
            # A user deleted since the request: keep the row, without the reference.
            rows = await self._forget_deleted_users(rows)
            await self._insert_each(rows)
        except Exception as exc:
            if is_connection_error(exc) or isinstance(exc, OSError):
                log.warning("audit rows wait: PostgreSQL unavailable (%s)", type(exc).__name__)
                raise _StoreDown from exc
            log.warning("audit batch refused (%s); writing row by row", type(exc).__name__)
            await self._insert_each(rows)

    async def _insert(self, rows: list[dict[str, Any]]) -> None:
        records = [_copy_record(row) for row in rows]
        async with self.engine.connect() as conn, driver_connection(conn) as driver:
            await driver.copy_records_to_table(
                AUDIT_TABLE.name, records=records, columns=AUDIT_COLUMNS
            )
        self.written += len(rows)

    async def _insert_each(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            try:
                await self._insert([row])
            except Exception as exc:
                if is_connection_error(exc):
                    raise _StoreDown from exc
                self.dropped += 1
                log.error("audit row for %r dropped: %s", row.get("action"), exc)

    async def _forget_deleted_users(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = {r["user_id"] for r in rows if r["user_id"] is not None}
        async with self.engine.connect() as conn:
            found = await conn.execute(select(User.id).where(User.id.in_(ids)))
            alive = {r[0] for r in found}
        fixed = []
        for row in rows:
            if row["user_id"] is not None and row["user_id"] not in alive:
                meta = dict(row["metadata"] or {})
                meta["deleted_user_id"] = str(row["user_id"])
                row = {**row, "user_id": None, "metadata": meta}
            fixed.append(row)
        return fixed


def _copy_record(row: dict[str, Any]) -> tuple[Any, ...]:
    """A row's values in AUDIT_COLUMNS order; JSON columns as text, as asyncpg takes jsonb."""
    return tuple(
        (None if row[name] is None else wire.encode_text(row[name]))
        if name in JSON_COLUMNS
        else row[name]
        for name in AUDIT_COLUMNS
    )


class _StoreDown(Exception):
    """PostgreSQL did not answer; the batch goes back to the queue."""
