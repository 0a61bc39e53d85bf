"""Generators the child-process tests run in a real child (importable by reference)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

from datasources.files.document_errors import CorruptDocument


def count(n: int) -> Iterator[int]:
    yield from range(n)


def refuse() -> Iterator[int]:
    yield 1
    raise CorruptDocument("encrypted", "the PDF is password-protected")


def crash() -> Iterator[int]:
    yield os.getpid()
    os.kill(os.getpid(), signal.SIGSEGV)
    yield 0


def hog() -> Iterator[int]:
    yield len(bytearray(2 * 1024**3))  # 2 GB: over the test's limit


def bug() -> Iterator[int]:
    raise KeyError("a bug")
    yield 0


def sleep() -> Iterator[int]:
    yield os.getpid()
    time.sleep(120)
    yield 0
