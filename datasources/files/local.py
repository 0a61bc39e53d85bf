"""The FileStore on a local folder (FILE_STORE_ROOT): `<root>/ab/cd/<sha256>`.

A write streams into a temporary file under `<root>/.incoming/`, hashing and counting
as it goes, then flushes and fsyncs it and renames it to its content address. The
rename is atomic (same file system), so a reader sees a whole file or none: a writer
that dies mid-stream leaves only its temporary file, never a partial one under a key
(`sweep_incoming` removes those). The temporary file cannot sit in its final folder
because that folder depends on the hash, known only after the last byte. Two writers
of the same bytes both end with the same file. Blocking calls run in threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import IO, Any

from datasources.files.base import (
    CHUNK_SIZE,
    FileStoreError,
    FileTooLarge,
    MissingFile,
    StoredFile,
    check_key,
)

INCOMING = ".incoming"


def _append(handle: IO[bytes], hasher: Any, chunk: bytes) -> None:
    hasher.update(chunk)
    handle.write(chunk)


def _seal(handle: IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalFileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        self.incoming = self.root / INCOMING

    def path_for(self, key: str) -> Path:
        """Where the file with `key` lives; InvalidKey for anything but a digest."""
        check_key(key)
        return self.root / key[:2] / key[2:4] / key

    def _make_dirs(self, path: Path) -> None:
        """Create `path` and its missing parents below the root, each one made durable."""
        missing = []
        current = path
        while not current.is_dir():
            missing.append(current)
            if current == current.parent:
                break
            current = current.parent
        for folder in reversed(missing):
            try:
                folder.mkdir(exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                raise FileStoreError(f"{folder} exists and is not a folder") from None
            _fsync_dir(folder.parent)

    def _publish(self, temporary: Path, key: str, size: int) -> None:
        final = self.path_for(key)
        self._make_dirs(final.parent)
        with contextlib.suppress(FileNotFoundError):
            if final.stat().st_size == size:
                temporary.unlink()  # the same bytes are already stored
                return
        os.replace(temporary, final)
        _fsync_dir(final.parent)

    async def put(self, chunks: AsyncIterable[bytes], *, max_bytes: int) -> StoredFile:
        if max_bytes < 0:
            raise ValueError("max_bytes must not be negative")
        await asyncio.to_thread(self._make_dirs, self.incoming)
        fd, name = await asyncio.to_thread(tempfile.mkstemp, dir=self.incoming, prefix="put-")
        temporary = Path(name)
        handle = os.fdopen(fd, "wb")
        hasher = hashlib.sha256()
        size = 0
        try:
            async for chunk in chunks:
                if not isinstance(chunk, bytes | bytearray | memoryview):
                    raise TypeError(f"a file is written from bytes, not {type(chunk).__name__}")
                size += len(chunk)
                if size > max_bytes:
                    raise FileTooLarge(max_bytes)
                await asyncio.to_thread(_append, handle, hasher, bytes(chunk))
            await asyncio.to_thread(_seal, handle)
            key = hasher.hexdigest()
            await asyncio.to_thread(self._publish, temporary, key, size)
        except BaseException:  # also a cancelled write: leave nothing behind
            handle.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)  # no await here: the write may be being cancelled
            raise
        return StoredFile(key=key, size=size)

    async def read(self, key: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        path = self.path_for(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise MissingFile(f"no file is stored under {key}") from None
        try:
            while chunk := await asyncio.to_thread(handle.read, chunk_size):
                yield chunk
        finally:
            handle.close()

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path_for(key).is_file)

    async def size(self, key: str) -> int:
        try:
            return (await asyncio.to_thread(self.path_for(key).stat)).st_size
        except FileNotFoundError:
            raise MissingFile(f"no file is stored under {key}") from None

    async def delete(self, key: str) -> bool:
        path = self.path_for(key)
        try:
            await asyncio.to_thread(path.unlink)
        except FileNotFoundError:
            return False
        return True

    async def sweep_incoming(self, *, older_than_seconds: float) -> int:
        """Remove temporary files that writers which died left behind; returns how many."""

        def sweep() -> int:
            if not self.incoming.is_dir():
                return 0
            cutoff = time.time() - older_than_seconds
            removed = 0
            for entry in self.incoming.iterdir():
                with contextlib.suppress(FileNotFoundError):
                    if entry.is_file() and entry.stat().st_mtime < cutoff:
                        entry.unlink()
                        removed += 1
            return removed

        return await asyncio.to_thread(sweep)
