"""The local FileStore on a real folder: content addresses, atomic writes, limits, bad keys."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from datasources.files import (
    FileStore,
    FileStoreError,
    FileTooLarge,
    InvalidKey,
    LocalFileStore,
    MissingFile,
)
from datasources.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[2]


async def _stream(*chunks: bytes, pause: float = 0.0) -> AsyncIterator[bytes]:
    for chunk in chunks:
        if pause:
            await asyncio.sleep(pause)
        yield chunk


async def _read(store: LocalFileStore, key: str, chunk_size: int = 64 * 1024) -> bytes:
    return b"".join([c async for c in store.read(key, chunk_size=chunk_size)])


def _stored(root: Path) -> list[Path]:
    """Every file in the store outside the temporary folder."""
    return sorted(p for p in root.rglob("*") if p.is_file() and ".incoming" not in p.parts)


def _incoming(root: Path) -> list[Path]:
    folder = root / ".incoming"
    return sorted(folder.iterdir()) if folder.is_dir() else []


async def test_a_file_is_stored_under_its_sha256_and_streams_back(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    assert isinstance(store, FileStore)
    data = os.urandom(200_000)
    stored = await store.put(_stream(data[:70_000], data[70_000:]), max_bytes=200_000)

    digest = hashlib.sha256(data).hexdigest()
    assert (stored.key, stored.size) == (digest, 200_000)
    assert _stored(tmp_path) == [tmp_path / digest[:2] / digest[2:4] / digest]
    assert _incoming(tmp_path) == []
    chunks = [c async for c in store.read(digest, chunk_size=65_536)]
    assert [len(c) for c in chunks] == [65_536, 65_536, 65_536, 3_392]
    assert b"".join(chunks) == data
    assert await store.exists(digest) and await store.size(digest) == 200_000
    assert await store.delete(digest) is True
    assert not await store.exists(digest) and await store.delete(digest) is False
    with pytest.raises(MissingFile):
        await store.size(digest)
    with pytest.raises(MissingFile):
        await _read(store, digest)


async def test_the_same_bytes_are_stored_once_and_empty_files_are_files(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path / "nested" / "root")  # created on first write
    one = await store.put(_stream(b"hello ", b"world"), max_bytes=100)
    two = await store.put(_stream(b"hello world"), max_bytes=100)
    other = await store.put(_stream(b"hello world!"), max_bytes=100)
    empty = await store.put(_stream(), max_bytes=0)
    assert one == two and one.key != other.key
    assert empty.key == hashlib.sha256(b"").hexdigest() and empty.size == 0
    assert await _read(store, empty.key) == b""
    assert len(_stored(store.root)) == 3


async def test_concurrent_writers_of_the_same_content_end_with_one_whole_file(
    tmp_path: Path,
) -> None:
    # Two store objects on one folder stand for two processes (gateway and worker).
    stores = [LocalFileStore(tmp_path), LocalFileStore(tmp_path)]
    parts = [os.urandom(50_000) for _ in range(4)]
    results = await asyncio.gather(
        *(stores[i % 2].put(_stream(*parts, pause=0.001), max_bytes=10**6) for i in range(12))
    )
    assert len({r.key for r in results}) == 1
    assert _stored(tmp_path) == [stores[0].path_for(results[0].key)]
    assert await _read(stores[1], results[0].key) == b"".join(parts)
    assert _incoming(tmp_path) == []


async def test_a_stream_over_the_limit_stores_nothing(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)
    exact = await store.put(_stream(b"x" * 10), max_bytes=10)
    assert exact.size == 10
    with pytest.raises(FileTooLarge, match="limit of 10 bytes"):
        await store.put(_stream(b"y" * 6, b"y" * 5), max_bytes=10)
    assert _stored(tmp_path) == [store.path_for(exact.key)]
    assert _incoming(tmp_path) == []
    with pytest.raises(ValueError, match="max_bytes"):
        await store.put(_stream(b""), max_bytes=-1)


async def test_a_failed_or_cancelled_write_leaves_nothing(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path)

    async def broken() -> AsyncIterator[bytes]:
        yield b"half a file"
        raise ConnectionResetError("the client went away")

    with pytest.raises(ConnectionResetError):
        await store.put(broken(), max_bytes=100)
    with pytest.raises(TypeError, match="from bytes, not str"):
        await store.put(_stream(b"ok", "text"), max_bytes=100)  # type: ignore[arg-type]

    async def endless() -> AsyncIterator[bytes]:
        while True:
            yield b"z" * 1024
            await asyncio.sleep(0.001)

    writing = asyncio.create_task(store.put(endless(), max_bytes=10**9))
    await asyncio.sleep(0.05)
    writing.cancel()
    with pytest.raises(asyncio.CancelledError):
        await writing
    assert _stored(tmp_path) == [] and _incoming(tmp_path) == []


WRITER = """
import asyncio, sys
from pathlib import Path
from datasources.files import LocalFileStore

async def stream():
    yield b"a" * 100_000
    print("written", flush=True)
    await asyncio.sleep(60)
    yield b"never"

asyncio.run(LocalFileStore(Path(sys.argv[1])).put(stream(), max_bytes=10**6))
"""


async def test_a_writer_killed_mid_write_leaves_no_visible_file(tmp_path: Path) -> None:
    writer = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WRITER, str(tmp_path), cwd=ROOT, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert writer.stdout is not None
        assert await asyncio.wait_for(writer.stdout.readline(), 30) == b"written\n"
        writer.send_signal(signal.SIGKILL)
        assert await asyncio.wait_for(writer.wait(), 10) == -signal.SIGKILL
    finally:
        if writer.returncode is None:
            writer.kill()
            await writer.wait()
    store = LocalFileStore(tmp_path)
    assert _stored(tmp_path) == []
    assert not await store.exists(hashlib.sha256(b"a" * 100_000).hexdigest())
    assert len(_incoming(tmp_path)) == 1  # its temporary file, under no key
    assert await store.sweep_incoming(older_than_seconds=3600) == 0  # too recent
    assert await store.sweep_incoming(older_than_seconds=0) == 1
    assert _incoming(tmp_path) == []


BAD_KEYS = [
    "",
    "../../etc/passwd",
    "/etc/passwd",
    "A" * 64,  # keys are lowercase
    "a" * 63,
    "a" * 65,
    "a" * 62 + "/b",
    "g" * 64,
    "a" * 63 + "\x00",
    "ab/cd/" + "a" * 64,
]


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_only_digests_are_keys(tmp_path: Path, key: str) -> None:
    store = LocalFileStore(tmp_path)
    with pytest.raises(InvalidKey, match="64-character lowercase hex"):
        store.path_for(key)
    for call in (store.exists(key), store.size(key), store.delete(key), _read(store, key)):
        with pytest.raises(InvalidKey):
            await call
    with pytest.raises(InvalidKey):
        store.path_for(None)  # type: ignore[arg-type]


async def test_a_root_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "files"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(FileStoreError, match="is not a folder"):
        await LocalFileStore(blocker).put(_stream(b"x"), max_bytes=10)
    assert blocker.read_bytes() == b"not a folder"


def test_the_root_setting_is_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / "none.env"
    monkeypatch.setenv("FILE_STORE_ROOT", "/srv/curriculum/files")
    monkeypatch.setenv("FILE_STORE_MAX_BYTES", "1000")
    files = Settings.load(env_file).files
    assert (files.root, files.max_bytes) == (Path("/srv/curriculum/files"), 1000)
    for bad, message in (("/", "root"), ("  ", "must name a folder"), ("", "must name a folder")):
        monkeypatch.setenv("FILE_STORE_ROOT", bad)
        with pytest.raises(SettingsError, match=f"FILE_STORE_ROOT: .*{message}"):
            Settings.load(env_file)
    monkeypatch.delenv("FILE_STORE_ROOT")
    assert Settings.load(env_file).files.root == Path(".stack/files")
    monkeypatch.setenv("FILE_STORE_MAX_BYTES", "0")
    with pytest.raises(SettingsError, match="FILE_STORE_MAX_BYTES"):
        Settings.load(env_file)
