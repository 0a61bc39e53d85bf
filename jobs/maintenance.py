"""The seed's retention rules as idempotent jobs (arq cron, `curriculum maintain TASK`).

Every task takes the Stores and `dry_run`, and returns counts by what it removed (with
`dry_run`: what it would remove; nothing changes). Running one twice removes nothing
the second time. Schedules are in TASKS; docs/operations.md has the table.

- documents: soft-deleted more than a year ago (metadata.deleted_at, else updated_at):
  everything the document added goes through the cleanup job's removal, then the row
  (its extractions and course links cascade), then its file unless another row uses it;
- audit-logs: whole monthly partitions that ended more than two years ago are dropped
  (and older rows that fell into the default partition are deleted);
- tasks: finished generation tasks older than 30 days;
- exports: exports more than 7 days past their expiry, with their files;
- graph-orphans (weekly) and embeddings (monthly): the graph-side and vector-side kinds
  of jobs/reconcile.py.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from datasources.stores import Stores
from jobs import reconcile
from jobs.tasks.cleanup import remove_document
from jobs.tasks.ports import ports_from

DOCUMENT_RETENTION_DAYS = 365  # seed: documents, 1 year after deletion
AUDIT_RETENTION_MONTHS = 24  # seed: audit logs, 2 years
TASK_RETENTION_DAYS = 30  # seed: generation tasks, 30 days
EXPORT_RETENTION_DAYS = 7  # seed: exports, 7 days after expiration
PARTITION = re.compile(r"audit_logs_y(\d{4})m(\d{2})")

Counts = dict[str, int]


async def ensure_partitions(engine: AsyncEngine, *, months_ahead: int = 3) -> None:
    """Create the coming months' audit_logs partitions before rows need them."""
    async with engine.begin() as conn:
        await conn.execute(
            text("SELECT ensure_audit_log_partitions(:months)"), {"months": months_ahead}
        )


# A deletion time that does not parse (hand-edited metadata) falls back to updated_at.
_EXPIRED_DOCUMENTS = text(
    "SELECT id FROM documents WHERE status = 'deleted' AND "
    "(CASE WHEN metadata->>'deleted_at' ~ '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}' "
    "THEN (metadata->>'deleted_at')::timestamptz ELSE updated_at END) "
    "< now() - make_interval(days => :days) ORDER BY id"
)


async def purge_documents(stores: Stores, *, dry_run: bool) -> Counts:
    async with stores.engine.connect() as conn:
        found = await conn.execute(_EXPIRED_DOCUMENTS, {"days": DOCUMENT_RETENTION_DAYS})
        doomed = [row.id for row in found]
    counts = {"documents": len(doomed), "chunks": 0, "extractions": 0, "files": 0}
    if dry_run:
        return counts
    ports = ports_from(stores, timeout=reconcile.STORE_SECONDS)
    keys: list[str] = []
    for document_id in doomed:
        summary = await remove_document(ports, document_id)
        counts["chunks"] += summary["chunks_removed"]
        counts["extractions"] += summary["extractions_removed"]
        async with stores.engine.begin() as conn:
            gone = await conn.execute(
                text(
                    "DELETE FROM documents WHERE id = :id AND status = 'deleted' "
                    "RETURNING file_path"
                ),
                {"id": document_id},
            )
            keys.extend(key for (key,) in gone if key)
    counts["files"] = await stores.exports.release_files(keys)
    return counts


def _month_end(name: str) -> datetime | None:
    match = PARTITION.fullmatch(name)
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    return datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)


def _cutoff(now: datetime) -> datetime:
    """The start of the month AUDIT_RETENTION_MONTHS before `now`'s month."""
    months = now.year * 12 + now.month - 1 - AUDIT_RETENTION_MONTHS
    return datetime(months // 12, months % 12 + 1, 1, tzinfo=UTC)


async def purge_audit_logs(stores: Stores, *, dry_run: bool, now: datetime | None = None) -> Counts:
    """Whole partitions whose month ended before the cutoff; a month's partition goes
    only once all of it is older than two years (nothing younger is ever removed)."""
    cutoff = _cutoff(now or datetime.now(UTC))
    async with stores.engine.begin() as conn:
        names = [
            row.name
            for row in await conn.execute(
                text(
                    "SELECT c.relname AS name FROM pg_inherits i "
                    "JOIN pg_class c ON c.oid = i.inhrelid "
                    "WHERE i.inhparent = 'audit_logs'::regclass ORDER BY 1"
                )
            )
        ]
        expired = [n for n in names if (end := _month_end(n)) is not None and end <= cutoff]
        rows = 0
        for name in expired:
            # The name matched PARTITION (letters and digits only): safe to quote as is.
            rows += (
                await conn.execute(text(f'SELECT count(*) FROM "{name}"'))  # noqa: S608
            ).scalar_one()
        stray = (
            (
                await conn.execute(
                    text("SELECT count(*) FROM audit_logs_default WHERE created_at < :cutoff"),
                    {"cutoff": cutoff},
                )
            ).scalar_one()
            if "audit_logs_default" in names
            else 0
        )
        if not dry_run:
            for name in expired:
                await conn.execute(text(f'DROP TABLE "{name}"'))
            if stray:
                await conn.execute(
                    text("DELETE FROM audit_logs_default WHERE created_at < :cutoff"),
                    {"cutoff": cutoff},
                )
    return {"partitions": len(expired), "rows": rows + stray}


_OLD_TASKS = (
    "FROM generation_tasks WHERE status IN ('completed', 'failed') "
    "AND created_at < now() - make_interval(days => :days)"
)
_OLD_EXPORTS = (
    "FROM exports WHERE expires_at IS NOT NULL "
    "AND expires_at < now() - make_interval(days => :days)"
)
COUNT_OLD_TASKS = text("SELECT count(*) " + _OLD_TASKS)
DELETE_OLD_TASKS = text("DELETE " + _OLD_TASKS)
OLD_EXPORT_FILES = text("SELECT file_path " + _OLD_EXPORTS)
DELETE_OLD_EXPORTS = text("DELETE " + _OLD_EXPORTS + " RETURNING file_path")


async def purge_tasks(stores: Stores, *, dry_run: bool) -> Counts:
    params = {"days": TASK_RETENTION_DAYS}
    async with stores.engine.begin() as conn:
        if dry_run:
            return {"generation_tasks": (await conn.execute(COUNT_OLD_TASKS, params)).scalar_one()}
        done = await conn.execute(DELETE_OLD_TASKS, params)
    return {"generation_tasks": done.rowcount or 0}


async def purge_exports(stores: Stores, *, dry_run: bool) -> Counts:
    """Export rows past expiry + grace, then their files no other row refers to."""
    params = {"days": EXPORT_RETENTION_DAYS}
    statement = OLD_EXPORT_FILES if dry_run else DELETE_OLD_EXPORTS
    async with stores.engine.begin() as conn:
        keys = [key for (key,) in await conn.execute(statement, params)]
    if dry_run:
        return {"exports": len(keys), "files": len({k for k in keys if k})}
    return {"exports": len(keys), "files": await stores.exports.release_files(keys)}


async def _reconciled(stores: Stores, kinds: tuple[str, ...], dry_run: bool) -> Counts:
    drift = await reconcile.find(stores, kinds)
    if dry_run:
        return drift.counts()
    return await reconcile.fix(stores, drift)


async def purge_graph_orphans(stores: Stores, *, dry_run: bool) -> Counts:
    return await _reconciled(stores, reconcile.GRAPH_ORPHANS, dry_run)


async def purge_unused_embeddings(stores: Stores, *, dry_run: bool) -> Counts:
    return await _reconciled(stores, reconcile.UNUSED_EMBEDDINGS, dry_run)


Run = Callable[..., Awaitable[Counts]]


@dataclass(frozen=True)
class Task:
    name: str
    run: Run
    when: str  # for people: docs and --help
    schedule: dict[str, Any] = field(default_factory=dict)  # arq cron() fields


TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task("documents", purge_documents, "daily 04:10", {"hour": {4}, "minute": {10}}),
        Task("audit-logs", purge_audit_logs, "daily 03:05", {"hour": {3}, "minute": {5}}),
        Task("tasks", purge_tasks, "daily 04:00", {"hour": {4}, "minute": {0}}),
        Task("exports", purge_exports, "daily 04:05", {"hour": {4}, "minute": {5}}),
        Task(
            "graph-orphans",
            purge_graph_orphans,
            "weekly, Sunday 05:00",
            {"weekday": {6}, "hour": {5}, "minute": {0}},
        ),
        Task(
            "embeddings",
            purge_unused_embeddings,
            "monthly, the 1st at 05:30",
            {"day": {1}, "hour": {5}, "minute": {30}},
        ),
    )
}


async def run_task(stores: Stores, name: str, *, dry_run: bool) -> Counts:
    task = TASKS.get(name)
    if task is None:
        raise ValueError(f"unknown maintenance task {name!r}; one of: {', '.join(TASKS)}")
    return await task.run(stores, dry_run=dry_run)
