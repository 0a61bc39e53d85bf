"""The WAL archive's pruning after a base backup (gateway/backup/base_backup.py), on
synthetic archives with PostgreSQL's own pg_archivecleanup (it reads only the names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway import cli
from gateway.backup.base_backup import base_backup, first_segment, prune, take
from gateway.backup.manifest import BackupError

LABEL = """START WAL LOCATION: 0/A5000028 (file 0000000100000000000000A5)
CHECKPOINT LOCATION: 0/A5000080
BACKUP METHOD: streamed
BACKUP FROM: primary
START TIME: 2026-12-02 20:29:11 UTC
LABEL: pg_basebackup base backup
START TIMELINE: 1
"""


def _archive(path: Path, *names: str) -> Path:
    path.mkdir()
    for name in names:
        (path / name).write_bytes(b"")
    return path


def _segment(n: int) -> str:
    return f"00000001{n:016X}"


def test_the_first_segment_comes_from_the_backup_label() -> None:
    assert first_segment(LABEL) == "0000000100000000000000A5"


@pytest.mark.parametrize("label", ["", "START WAL LOCATION: 0/A5000028\n", "garbage (file XYZ)"])
def test_a_label_without_its_start_segment_is_refused(label: str) -> None:
    with pytest.raises(BackupError, match="START WAL LOCATION"):
        first_segment(label)


def test_prune_removes_only_what_precedes_the_base_backup(tmp_path: Path) -> None:
    older_backup = f"{_segment(2)}.00000028.backup"
    current_backup = f"{_segment(4)}.00000028.backup"
    names = [_segment(n) for n in range(1, 7)] + [older_backup, current_backup, "00000002.history"]
    archive = _archive(tmp_path / "archive", *names)

    would = prune(archive, _segment(4), dry_run=True)
    assert would == sorted([_segment(1), _segment(2), _segment(3), older_backup])
    assert sorted(p.name for p in archive.iterdir()) == sorted(names)  # nothing removed

    removed = prune(archive, _segment(4))
    assert removed == would
    kept = sorted(p.name for p in archive.iterdir())
    assert kept == sorted(
        [_segment(4), _segment(5), _segment(6), current_backup, "00000002.history"]
    )
    assert prune(archive, _segment(4)) == []  # again: nothing left to remove


def test_prune_refuses_a_folder_that_is_not_a_wal_archive(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive", _segment(1), _segment(2), "notes.txt")
    with pytest.raises(BackupError, match=r"not WAL archive files \(notes\.txt\)"):
        prune(archive, _segment(2))
    assert sorted(p.name for p in archive.iterdir()) == sorted(
        [_segment(1), _segment(2), "notes.txt"]
    )
    with pytest.raises(BackupError, match="is not a directory"):
        prune(tmp_path / "missing", _segment(2))
    with pytest.raises(BackupError, match="is not a directory"):
        prune(archive / "notes.txt", _segment(2))


def test_prune_refuses_a_segment_name_it_cannot_read(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive", _segment(1))
    with pytest.raises(BackupError, match="pg_archivecleanup failed"):
        prune(archive, "not-a-segment")
    assert [p.name for p in archive.iterdir()] == [_segment(1)]


def test_a_base_backup_goes_only_into_a_new_or_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "kept").write_text("mine")
    with pytest.raises(BackupError, match="not an empty directory"):
        take("postgresql://nobody@127.0.0.1:1/none", tmp_path / "dest")
    (tmp_path / "file").write_text("mine")
    with pytest.raises(BackupError, match="not an empty directory"):
        take("postgresql://nobody@127.0.0.1:1/none", tmp_path / "file")
    assert (tmp_path / "dest" / "kept").read_text() == "mine"


def test_a_wrong_archive_is_refused_before_any_backup_is_taken(tmp_path: Path) -> None:
    not_archive = _archive(tmp_path / "archive", "postgresql.conf")
    with pytest.raises(BackupError, match="not WAL archive files"):
        # An unreachable server: the archive's check comes first, or this would say so.
        base_backup(
            "postgresql://nobody@127.0.0.1:1/none", tmp_path / "dest", not_archive, dry_run=False
        )
    assert not (tmp_path / "dest").exists()


def test_the_command_says_what_was_wrong_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["base-backup", str(tmp_path / "dest"), "--prune-archive", str(tmp_path / "nope")])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("curriculum base-backup: the WAL archive")
    assert "is not a directory" in err
    assert not (tmp_path / "dest").exists()
