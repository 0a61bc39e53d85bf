"""The FileStore interface: content-addressed, immutable files (uploads and exports).

A file's key is the SHA-256 of its bytes, in lowercase hex: the same bytes always get
the same key, a stored file never changes, and a key cannot name anything but a file
in the store (no path, no `..`). Exports are stored the same way: a rendered file is
immutable too, and the `exports` row keeps its key, size and download name. Because
equal files share one key, delete a key only when no row refers to it any more.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

KEY = re.compile(r"[0-9a-f]{64}")
CHUNK_SIZE = 64 * 1024


class FileStoreError(Exception):
    """A file store refused or failed an operation; the message says which and why."""


class InvalidKey(FileStoreError, ValueError):
    """Not a key this store issues (a lowercase SHA-256 hex digest)."""


class FileTooLarge(FileStoreError):
    """The stream was longer than the limit; nothing was stored."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"the file is larger than the limit of {max_bytes:,} bytes")
        self.max_bytes = max_bytes


class MissingFile(FileStoreError, LookupError):
    """No file is stored under this key."""


def check_key(key: str) -> str:
    """`key` when it is a lowercase SHA-256 hex digest, else InvalidKey."""
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise InvalidKey("a file key is the 64-character lowercase hex SHA-256 of the file")
    return key


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str  # the SHA-256 of the bytes, lowercase hex
    size: int  # bytes


@runtime_checkable
class FileStore(Protocol):
    async def put(self, chunks: AsyncIterable[bytes], *, max_bytes: int) -> StoredFile:
        """Store a stream, hashing it as it is written; FileTooLarge past `max_bytes`."""
        ...

    def read(self, key: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """The file's bytes in chunks; MissingFile when there is none."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def size(self, key: str) -> int:
        """Bytes stored under `key`; MissingFile when there is none."""
        ...

    async def delete(self, key: str) -> bool:
        """Remove the file; False when there was none."""
        ...
