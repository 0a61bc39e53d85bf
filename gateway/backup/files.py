"""The FileStore's files (`<root>/ab/cd/<sha256>`), copied as they are.

A file's name is its SHA-256, so the copy is checked by hashing it: on backup (a file
changed on disk is refused) and again before restore.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from datasources.files.base import KEY
from gateway.backup.manifest import BackupError, sha256_of


def _stored(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.glob("??/??/*")
        if path.is_file() and KEY.fullmatch(path.name) and path.parent.parent.name == path.name[:2]
    )


def save(root: Path, target: Path) -> dict[str, Any]:
    count = size = 0
    for path in _stored(root):
        if sha256_of(path) != path.name:
            raise BackupError(f"stored file {path} does not match its name (SHA-256): damaged")
        copy = target / path.relative_to(root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        count += 1
        size += path.stat().st_size
    return {"dir": target.name, "count": count, "bytes": size}


def verify(copy: Path, expected_count: int) -> None:
    stored = _stored(copy)
    bad = [p.name for p in stored if sha256_of(p) != p.name]
    if bad:
        raise BackupError(f"{len(bad)} backed-up files do not match their SHA-256: {bad[:3]}")
    if len(stored) != expected_count:
        raise BackupError(f"{copy} holds {len(stored)} files, the manifest says {expected_count}")


def is_empty(root: Path) -> bool:
    return not _stored(root)


def load(copy: Path, root: Path) -> int:
    count = 0
    for path in _stored(copy):
        target = root / path.relative_to(copy)
        if target.is_file() and sha256_of(target) == target.name:
            continue  # the same bytes are already there
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".restoring")
        shutil.copy2(path, partial)
        partial.replace(target)  # atomic: a reader never sees half a file
        count += 1
    return count


def count(root: Path) -> int:
    return len(_stored(root))
