"""Run a generator in a child process and receive its items as they come.

Why a process for reading documents: pdfium is not thread-safe; the pure pipeline is CPU
work that would block the worker's event loop (arq's health check, the job's lease
renewal, other jobs); a hostile file that crashes a C library or eats memory must take
down only its own process, with an error that says so; and a job that times out or is
cancelled must stop its CPU work at once (the child is killed, a thread could not be).

Children come from a `forkserver` that has the pipeline imported already (`preload`),
so each one starts in milliseconds, not the seconds a fresh interpreter needs. The
forkserver dies with the worker and a child with the forkserver (PR_SET_PDEATHSIG, see
jobs/child_server.py): a worker killed with SIGKILL leaves no process behind. The kernel
sends that signal when the *thread* that started the process ends, so the forkserver is
only ever started from the worker's main thread (`start`, and `stream`'s process start,
which takes milliseconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from typing import Any

from datasources.files.document_errors import CorruptDocument, DocumentError, UnsupportedDocument

_PR_SET_PDEATHSIG = 1
_CONTEXT = multiprocessing.get_context("forkserver")


class ChildFailed(RuntimeError):
    """The child raised something other than a DocumentError (a bug, not the document)."""


class ChildCrashed(RuntimeError):
    """The child process died without answering (a crash in a C library, a kill)."""


class ChildOutOfMemory(RuntimeError):
    """The child needed more memory than its limit."""


def start(preload: Sequence[str]) -> None:
    """Start the forkserver now (not at the first document), importing `preload` once.
    Call it from the main thread.

    `__main__` is preloaded too, so a child does not import the main module again.
    OpenBLAS (numpy, under lemminflect) would start a thread pool in the server; the
    server forks, so it runs single-threaded.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _CONTEXT.set_forkserver_preload(["__main__", "jobs.child_server", *preload])
    forkserver.ensure_running()
    first = _CONTEXT.Process(target=_nothing, daemon=True)  # returns once the preload is done
    first.start()
    first.join()


def _nothing() -> None:
    """A child that does nothing: starting one waits for the forkserver to be ready."""


def die_with_parent(sig: signal.Signals = signal.SIGKILL) -> None:
    """`sig` to this process when its parent ends, even by SIGKILL (Linux prctl): SIGKILL
    for a forkserver's child, SIGTERM for a process that should end in order (a worker, a
    server a test started)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)


def _main(
    conn: Connection,
    function: Callable[..., Iterator[Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    memory_bytes: int,
) -> None:
    die_with_parent()
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        for item in function(*args, **kwargs):
            conn.send(("item", item))
        conn.send(("done", None))
    except DocumentError as error:
        # Sent as plain values: DocumentError's constructor does not round-trip a pickle.
        kind = "corrupt" if isinstance(error, CorruptDocument) else "unsupported"
        conn.send(("document", (kind, error.reason, error.message)))
    except MemoryError:
        conn.send(("memory", None))
    except BaseException as error:  # reported to the parent, which decides
        conn.send(("error", f"{type(error).__name__}: {error}\n{traceback.format_exc()}"))
    finally:
        conn.close()


def _receive(conn: Connection) -> tuple[str, Any]:
    try:
        message: tuple[str, Any] = conn.recv()
    except (EOFError, OSError):
        return ("eof", None)
    return message


def _raise(kind: str, payload: Any, memory_bytes: int) -> None:
    if kind == "document":
        family, reason, message = payload
        cls = CorruptDocument if family == "corrupt" else UnsupportedDocument
        raise cls(reason, message)
    if kind == "memory":
        raise ChildOutOfMemory(
            f"reading the document needed more than {memory_bytes // 2**20} MB of memory"
        )
    raise ChildFailed(payload)


@contextlib.asynccontextmanager
async def stream(
    function: Callable[..., Iterator[Any]],
    *args: Any,
    memory_bytes: int = 0,
    **kwargs: Any,
) -> AsyncIterator[AsyncIterator[Any]]:
    """`async with stream(f, ...) as items: async for item in items` — f runs in a child.

    Leaving the block (normally, on an error, or cancelled) kills the child if it still
    runs. Errors: the DocumentError the child raised, ChildOutOfMemory, ChildCrashed,
    ChildFailed.
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(
        target=_main, args=(sender, function, args, kwargs, memory_bytes), daemon=True
    )
    process.start()  # on this (main) thread: see the module's docstring
    sender.close()

    async def items() -> AsyncIterator[Any]:
        while True:
            kind, payload = await asyncio.to_thread(_receive, receiver)
            if kind == "item":
                yield payload
            elif kind == "done":
                return
            elif kind == "eof":
                await asyncio.to_thread(process.join, 5)
                raise ChildCrashed(_death(process.exitcode))
            else:
                _raise(kind, payload, memory_bytes)

    try:
        yield items()
    finally:
        if process.is_alive():
            process.kill()
        # The receiving thread returns once the child is gone (its end of the pipe closes).
        await asyncio.shield(asyncio.to_thread(process.join))
        receiver.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        hint = " (killed: out of memory?)" if name == "SIGKILL" else ""
        return f"the process reading the document died of {name}{hint}"
    return f"the process reading the document exited with status {exitcode} without answering"
