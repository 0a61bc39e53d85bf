"""Upload checks on real bytes: what a file is (by content), the name and language rules,
the streamed spool with its limit, and the multipart head the guard reads."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from datasources.files.detect import inspect
from datasources.files.document_errors import DocumentError
from datasources.uploads import UploadRefused, spooled, upload_filename, upload_language
from gateway.security.multipart import first_part
from tests.upload_files import BAD_NAMES, Bad, Good, bad_files, good_files


@pytest.mark.parametrize("good", good_files(), ids=lambda g: g.name)
def test_every_kind_is_recognised_by_its_content(good: Good, tmp_path: Path) -> None:
    path = tmp_path / "upload"  # no extension on disk: the content decides
    path.write_bytes(good.data)
    assert inspect(path, filename=good.name).mime_type == good.mime_type


def test_the_extension_only_tells_markdown_from_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(b"Ownership\n\nA value has one owner.\n")
    assert inspect(path, filename="notes.md").kind == "markdown"
    assert inspect(path, filename="notes.txt").kind == "text"
    # A PDF named .txt is not taken for text, nor text named .pdf for a PDF.
    path.write_bytes(good_files()[4].data)
    with pytest.raises(DocumentError) as error:
        inspect(path, filename="notes.txt")
    assert error.value.message == "the name says .txt but the content is pdf"


@pytest.mark.parametrize("bad", bad_files(), ids=lambda b: b.case)
def test_each_bad_file_is_refused_with_its_reason(bad: Bad, tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(bad.data)
    with pytest.raises(DocumentError) as error:
        inspect(path, filename=bad.name)
    assert error.value.reason == bad.reason
    assert bad.says in error.value.message


def test_one_50_mb_line_is_detected_from_its_head(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    with path.open("w", encoding="utf-8") as handle:
        piece = "the heap stores data whose size is unknown at compile time " * 1000
        for _ in range(50 * 1024 * 1024 // len(piece) + 1):
            handle.write(piece)
    assert path.stat().st_size > 50 * 1024 * 1024
    assert inspect(path, filename="line.txt", max_bytes=60 * 1024 * 1024).kind == "text"


@pytest.mark.parametrize(("name", "says"), BAD_NAMES)
def test_names_with_separators_or_controls_are_refused(name: str, says: str) -> None:
    with pytest.raises(UploadRefused) as error:
        upload_filename(name)
    assert says in error.value.message
    assert error.value.field == "file"


def test_a_good_name_is_kept_as_the_user_wrote_it() -> None:
    assert upload_filename(" 线性方程 Chapter 1.pdf ") == "线性方程 Chapter 1.pdf"
    assert upload_filename("cafe\u0301.md") == "café.md"  # NFC


def test_languages() -> None:
    assert upload_language(None) is None
    assert upload_language("") is None
    assert upload_language("en-GB") == "en"
    assert upload_language("zh-TW") == "zh-CN"
    with pytest.raises(UploadRefused) as error:
        upload_language("fr")
    assert error.value.field == "language"
    assert "en or zh-CN" in error.value.message


async def _stream(pieces: list[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


async def test_the_spool_hashes_counts_and_stops_at_the_limit() -> None:
    pieces = [b"a" * 1000, b"b" * 1000]
    async with spooled(_stream(pieces), max_bytes=2000) as spool:
        assert spool.size == 2000
        assert spool.sha256 == hashlib.sha256(b"".join(pieces)).hexdigest()
        assert spool.path.read_bytes() == b"".join(pieces)
        folder = spool.path.parent
    assert not folder.exists()  # removed with what was in it

    consumed = []

    async def endless() -> AsyncIterator[bytes]:
        while True:
            consumed.append(1)
            yield b"x" * 1000

    with pytest.raises(UploadRefused) as error:
        async with spooled(endless(), max_bytes=5000):
            pass
    assert error.value.reason == "too_large"
    assert "larger than the limit of 5,000 bytes" in error.value.message
    assert len(consumed) == 6  # stopped at the first chunk past the limit

    with pytest.raises(UploadRefused) as error:
        async with spooled(_stream([]), max_bytes=10):
            pass
    assert error.value.reason == "empty"


def test_the_guard_reads_the_operations_part_first() -> None:
    body = (
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="operations"\r\n\r\n'
        b'{"query": "mutation { x }"}\r\n'
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="map"\r\n\r\n{}\r\n--XyZ--\r\n'
    )
    assert first_part(body, b"XyZ") == ("operations", b'{"query": "mutation { x }"}')
    assert first_part(body[:40], b"XyZ") is None  # not all there yet
