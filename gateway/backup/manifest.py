"""manifest.json: what a backup holds, and the checksums a restore verifies first."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

FORMAT = "curriculum-backup/1"
NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; the message says what is wrong and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def checksums(root: Path, *, skip: tuple[str, ...] = ("files",)) -> dict[str, str]:
    """SHA-256 of every file under `root` but the manifest and the FileStore copy (whose
    names are their checksums already), by path relative to `root`."""
    out = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and relative != NAME and relative.split("/", 1)[0] not in skip:
            out[relative] = sha256_of(path)
    return out


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def stores(self) -> dict[str, Any]:
        return self.data["stores"]  # type: ignore[no-any-return]

    def write(self, root: Path) -> None:
        (root / NAME).write_bytes(orjson.dumps(self.data, option=orjson.OPT_INDENT_2))

    @classmethod
    def read(cls, root: Path) -> Manifest:
        path = root / NAME
        if not path.is_file():
            raise BackupError(f"{root} holds no {NAME}: not a backup folder")
        try:
            data = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError as exc:
            raise BackupError(f"{path} is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(f"{path} is not a {FORMAT} manifest")
        return cls(data)

    def verify(self, root: Path) -> None:
        """Every listed file present with its checksum, nothing else unlisted; else
        BackupError naming each bad file (before anything is restored)."""
        expected: dict[str, str] = self.data.get("checksums", {})
        actual = checksums(root)
        problems = [f"{name}: missing" for name in sorted(expected.keys() - actual.keys())]
        problems += [
            f"{name}: checksum differs (damaged or changed)"
            for name in sorted(expected.keys() & actual.keys())
            if expected[name] != actual[name]
        ]
        problems += [
            f"{name}: not in the manifest" for name in sorted(actual.keys() - expected.keys())
        ]
        if problems:
            raise BackupError(f"{root} failed verification: " + "; ".join(problems))
