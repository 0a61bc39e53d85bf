"""`curriculum reprocess (DOCUMENT_ID... | --user EMAIL | --all) [--wait]`.

After an upgrade of the reading and extraction rules, the documents already stored are
processed again from their stored files. No second implementation: each document gets
a new task through datasources/uploads.py exactly as `reprocessDocument` does (the row
lock, the refusal while a run is queued or running, the queued job), acting for the
operator on any owner's document; the task is the owner's, as it always is.
With `--wait`, each task is followed until it ends, one after the other (a worker runs
them in the order they were queued). The exit status is 1 when any document was not
found, was busy, could not be queued or failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from graphql import GraphQLError
from rich.console import Console
from rich.table import Table

from datasources.errors import UpstreamUnavailable
from datasources.postgres.base import SYSTEM_VIEWER
from datasources.settings import Settings
from datasources.stores import Stores, open_stores
from datasources.tasks import Busy
from gateway.ingest_command import CommandError, follow, owner_of, progress_bars
from resolvers.ids import from_global_id


@dataclass
class Row:
    document_id: UUID
    task_id: UUID | None = None
    outcome: str = ""  # queued | not found | busy | not queued | completed | failed
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome in ("queued", "completed")


def document_ids(raw: Sequence[str]) -> list[UUID]:
    """Each argument as a document id (a UUID or a Document's global id), in order and
    once; CommandError naming every one that is neither."""
    ids: list[UUID] = []
    problems = []
    for item in raw:
        try:
            found = UUID(item)
        except ValueError:
            try:
                found = from_global_id(item, expect="Document")[1]
            except GraphQLError:
                problems.append(f"{item}: not a document id")
                continue
        if found not in ids:
            ids.append(found)
    if problems:
        raise CommandError("; ".join(problems))
    return ids


async def reprocess(
    settings: Settings,
    raw_ids: Sequence[str],
    *,
    email: str | None,
    every: bool,
    wait: bool,
    console: Console,
) -> list[Row]:
    if sum((bool(raw_ids), email is not None, every)) != 1:
        raise CommandError("name the documents: DOCUMENT_ID..., --user EMAIL or --all")
    chosen = document_ids(raw_ids)
    async with open_stores(settings, bootstrap=False) as stores:
        if email is not None:
            chosen = await stores.uploads.live_documents(await owner_of(stores, email))
        elif every:
            chosen = await stores.uploads.live_documents()
        rows = [await _start(stores, Row(document_id)) for document_id in chosen]
        if wait:
            await _follow_all(stores, rows, console)
        return rows


async def _start(stores: Stores, row: Row) -> Row:
    uploads = stores.uploads
    try:
        made = await uploads.reprocess(row.document_id, viewer=SYSTEM_VIEWER)
    except UpstreamUnavailable as exc:
        row.outcome, row.detail = "not queued", str(exc)
        return row
    if made is None:
        row.outcome, row.detail = "not found", "no such document, or it is deleted"
    elif isinstance(made, Busy):
        row.task_id = made.task_id
        row.outcome, row.detail = "busy", "already queued or being processed"
    else:
        row.task_id = made[1]
        try:
            await uploads.queue_reprocessing(row.task_id)
            row.outcome = "queued"
        except UpstreamUnavailable as exc:
            row.outcome, row.detail = "not queued", f"{exc}; retryTask queues it again"
    return row


async def _follow_all(stores: Stores, rows: Sequence[Row], console: Console) -> None:
    with progress_bars(console) as progress:
        for row in rows:
            if row.outcome != "queued" or row.task_id is None:
                continue
            name = str(row.document_id)
            bar = progress.add_task(f"{name} · queued", total=100, name=name)
            row.outcome = await follow(stores, row.task_id, progress, bar)
            if row.outcome == "failed":
                task = await stores.tasks.get(row.task_id)
                row.detail = (task.error_message or "") if task else "the task is gone"


def summary(rows: Sequence[Row]) -> Table:
    table = Table(title="curriculum reprocess")
    for column in ("document", "result", "task", "detail"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row.document_id), row.outcome, str(row.task_id or ""), row.detail)
    return table
