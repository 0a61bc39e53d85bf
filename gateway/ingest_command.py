"""`curriculum ingest PATH... --user EMAIL [--language en|zh-CN] [--wait]`.

No second implementation: each file goes through datasources/uploads.py exactly as
`uploadDocument` does (same checks, limits, deduplication, rows and job), on behalf of
the user the email names. A progress bar per file (rich) shows the bytes read and,
with `--wait`, the task's stage and percent until it ends (read from the task row, so
any worker may run it); a summary table follows. A missing file or an unknown user is
said before anything is uploaded; a file the upload refuses is reported in the table
and the others go on. The exit status is 1 when any file was refused or failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from datasources.errors import UpstreamUnavailable
from datasources.files import CHUNK_SIZE
from datasources.postgres.records import GenerationTaskRecord
from datasources.settings import Settings
from datasources.stores import Stores, open_stores
from datasources.uploads import UploadRefused, upload_language

POLL_SECONDS = 0.5
TERMINAL = ("completed", "failed")


class CommandError(Exception):
    """What the user got wrong, in words; the command prints it and exits 1."""


@dataclass
class Row:
    path: Path
    document_id: UUID | None = None
    task_id: UUID | None = None
    outcome: str = ""  # new | existing | refused | not queued | completed | failed
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome in ("new", "existing", "completed")


def checked_paths(raw: Sequence[str]) -> list[Path]:
    """Every PATH as a readable file; CommandError naming each one that is not."""
    paths, problems = [], []
    for item in raw:
        path = Path(item).expanduser()
        if not path.exists():
            problems.append(f"{item}: no such file")
        elif not path.is_file():
            problems.append(f"{item}: not a file")
        else:
            paths.append(path)
    if problems:
        raise CommandError("; ".join(problems))
    return paths


async def _read(path: Path, advance: Callable[[int], None]) -> AsyncIterator[bytes]:
    with path.open("rb") as handle:
        while chunk := await asyncio.to_thread(handle.read, CHUNK_SIZE):
            advance(len(chunk))
            yield chunk


async def owner_of(stores: Stores, email: str) -> UUID:
    user = await stores.users.by_email(email)
    if user is None:
        raise CommandError(f"no user has the email {email!r}")
    if user.is_active is False:
        raise CommandError(f"the account {email!r} is deactivated")
    return user.id


def progress_bars(console: Console) -> Progress:
    """One bar per file or document: its name and stage, percent, time."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=console,
    )


async def follow(stores: Stores, task_id: UUID, progress: Progress, bar: TaskID) -> str:
    """Poll the task row until it ends; its final status."""
    while True:
        task: GenerationTaskRecord | None = await stores.tasks.get(task_id)
        if task is None:
            return "failed"
        result = task.result if isinstance(task.result, dict) else {}
        percent = result.get("progress")
        stage = result.get("stage") or task.status
        progress.update(
            bar,
            completed=float(percent) if isinstance(percent, int | float) else None,
            total=100,
            description=f"{progress.tasks[bar].fields['name']} · {stage}",
        )
        if task.status in TERMINAL:
            return task.status or "failed"
        await asyncio.sleep(POLL_SECONDS)


async def ingest(
    settings: Settings,
    raw_paths: Sequence[str],
    *,
    email: str,
    language: str | None,
    wait: bool,
    console: Console,
) -> list[Row]:
    paths = checked_paths(raw_paths)
    try:
        upload_language(language)
    except UploadRefused as exc:
        raise CommandError(exc.message) from None
    async with open_stores(settings, bootstrap=False) as stores:
        owner = await owner_of(stores, email)
        rows = [Row(path) for path in paths]
        with progress_bars(console) as progress:
            for row in rows:
                name = row.path.name
                bar = progress.add_task(name, total=row.path.stat().st_size or 1, name=name)
                await _upload(stores, row, owner, language, progress, bar)
                if wait and row.task_id is not None and row.outcome in ("new", "existing"):
                    progress.reset(bar, total=100, description=f"{name} · queued")
                    row.outcome = await follow(stores, row.task_id, progress, bar)
                    if row.outcome == "failed":
                        task = await stores.tasks.get(row.task_id)
                        row.detail = (task.error_message or "") if task else "the task is gone"
        return rows


async def _upload(
    stores: Stores,
    row: Row,
    owner: UUID,
    language: str | None,
    progress: Progress,
    bar: TaskID,
) -> None:
    def advance(size: int) -> None:
        progress.advance(bar, size)

    try:
        uploaded = await stores.uploads.upload(
            _read(row.path, advance), owner_id=owner, filename=row.path.name, language=language
        )
    except UploadRefused as exc:
        row.outcome, row.detail = "refused", exc.message
        progress.update(bar, description=f"{row.path.name} · refused")
        return
    except UpstreamUnavailable as exc:
        row.outcome, row.detail = "refused", str(exc)
        return
    row.document_id = uploaded.document.id
    row.task_id = uploaded.task.id if uploaded.task else None
    if not uploaded.queued:
        row.outcome = "not queued"
        row.detail = (uploaded.task.error_message or "") if uploaded.task else ""
    else:
        row.outcome = "new" if uploaded.created else "existing"
        row.detail = (
            "already uploaded: the existing document (`curriculum reprocess` processes it again)"
            if not uploaded.created
            else ""
        )
    progress.update(bar, description=f"{row.path.name} · {row.outcome}")


def summary(rows: Sequence[Row]) -> Table:
    table = Table(title="curriculum ingest")
    for column in ("file", "result", "document", "task", "detail"):
        table.add_column(column, overflow="fold")
    paths: dict[str, set[str]] = {}
    for row in rows:
        paths.setdefault(Path(row.path).name, set()).add(str(row.path))
    for row in rows:
        name = Path(row.path).name
        table.add_row(
            # The file's name; its whole path only when two different files share a name.
            name if len(paths[name]) == 1 else str(row.path),
            row.outcome,
            str(row.document_id or ""),
            str(row.task_id or ""),
            row.detail,
        )
    return table
