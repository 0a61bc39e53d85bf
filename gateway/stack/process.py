"""Process plumbing shared by the stores: run records, ports, detached spawn, stop, waiting."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import ExitStack, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

HOST = "127.0.0.1"
_log = logging.getLogger("gateway.stack")


class StackError(RuntimeError):
    """A store could not be configured, built, started or stopped; the message says why."""


class AuthFailed(StackError):
    """The store answered but refused the credentials: waiting longer will not help.

    (Retrying would only trip Neo4j's failed-login lockout for everyone using the user.)
    """


@dataclass(frozen=True)
class Record:
    """What `up` remembers about a process it started, so `down` stops exactly that one."""

    pid: int
    create_time: float
    ports: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, pid: int, ports: Mapping[str, int]) -> Record:
        return cls(pid=pid, create_time=psutil.Process(pid).create_time(), ports=dict(ports))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self)), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Record | None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(int(raw["pid"]), float(raw["create_time"]), dict(raw.get("ports", {})))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def process(self) -> psutil.Process | None:
        """The live process, or None if it exited (or its pid now belongs to someone else)."""
        try:
            proc = psutil.Process(self.pid)
            if proc.status() == psutil.STATUS_ZOMBIE:
                return None
            # create_time guards against pid reuse after a reboot. It is computed from the
            # boot time, which moves when a machine is paused and resumed: a process that
            # still listens on a port we recorded is ours all the same (otherwise `up`
            # would start a second server on other ports over the same data).
            if abs(proc.create_time() - self.create_time) <= 1.0 or self._listens(proc):
                return proc
            return None
        except psutil.Error:
            return None

    def _listens(self, proc: psutil.Process) -> bool:
        ours = set(self.ports.values())
        if not ours:
            return False
        with suppress(psutil.Error, OSError):
            for conn in proc.net_connections(kind="inet"):
                if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port in ours:
                    return True
        return False


def port_is_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Same option the servers use, so a socket in TIME_WAIT does not count as busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def choose_ports(preferred: Sequence[Sequence[int]], avoid: Collection[int] = ()) -> list[int]:
    """For each slot, the first free port among its preferences, else a free ephemeral one.

    Ports handed out are held open until all are chosen, so two slots never get the same one;
    ports in `avoid` are never handed out.
    """
    chosen: list[int] = []
    with ExitStack() as held:
        for options in preferred:
            taken = {*chosen, *avoid}
            pick = next((p for p in options if p and p not in taken and port_is_free(p)), None)
            while pick is None or pick in taken:
                sock = held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
                sock.bind((HOST, 0))
                pick = int(sock.getsockname()[1])
            chosen.append(pick)
    return chosen


def port_holder(port: int) -> str:
    """ " by pid N (name)" for the process listening on `port`, when we may see it; else ""."""
    with suppress(psutil.Error, OSError):
        for conn in psutil.net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
                if conn.pid is None:
                    return ""
                return f" by pid {conn.pid} ({psutil.Process(conn.pid).name()})"
    return ""


def port_answers(port: int, host: str = HOST, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def open_log(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)


def spawn(
    cmd: Sequence[str], *, log: Path, env: Mapping[str, str], cwd: Path
) -> subprocess.Popen[bytes]:
    """Start a server detached from our session: it outlives `stack up` and ignores its ^C."""
    fd = open_log(log)
    try:
        return subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            list(cmd),
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=subprocess.STDOUT,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
        )
    finally:
        os.close(fd)


def run_logged(
    cmd: Sequence[str],
    *,
    log: Path,
    what: str,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    heartbeat: float = 30.0,
) -> None:
    """Run a build step to completion with its output in `log`; raise with the tail on failure.

    Says every `heartbeat` seconds that it is still at it, so a long first build never
    looks hung.
    """
    fd = open_log(log)
    began = time.monotonic()
    try:
        os.write(fd, f"\n$ {' '.join(cmd)}\n".encode())
        proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            list(cmd),
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=subprocess.STDOUT,
            env=None if env is None else dict(env),
            cwd=cwd,
        )
    except FileNotFoundError:
        raise StackError(f"{what}: `{cmd[0]}` is not installed") from None
    finally:
        os.close(fd)
    while True:
        elapsed = time.monotonic() - began
        try:
            returncode = proc.wait(timeout=max(0.0, min(heartbeat, timeout - elapsed)))
            break
        except subprocess.TimeoutExpired:
            elapsed = time.monotonic() - began
            if elapsed >= timeout:
                proc.kill()
                proc.wait()
                raise StackError(f"{what} took longer than {timeout:.0f}s\n{tail(log)}") from None
            _log.info("%s: still running (%.0f s so far; output in %s)", what, elapsed, log)
    if returncode != 0:
        raise StackError(f"{what} failed (exit {returncode})\n{tail(log)}")


def tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no log at {path})"
    body = "\n".join(text.splitlines()[-lines:])
    return f"--- last lines of {path} ---\n{body}"


def wait_until(
    check: Callable[[], str | None],
    *,
    what: str,
    timeout: float,
    log: Path | None,
    proc: subprocess.Popen[bytes] | psutil.Process | None = None,
    interval: float = 0.5,
) -> None:
    """Poll `check` (None = answering, else why not) until it answers; fail fast if `proc` died."""
    deadline = time.monotonic() + timeout
    while True:
        reason = check() or ""
        if not reason:
            return
        context = "" if log is None else f"\n{tail(log)}"
        if proc is not None and not _alive(proc):
            raise StackError(f"{what} exited during start-up ({reason}){context}")
        if time.monotonic() >= deadline:
            raise StackError(f"{what} did not answer within {timeout:.0f}s ({reason}){context}")
        time.sleep(interval)


def _alive(proc: subprocess.Popen[bytes] | psutil.Process) -> bool:
    if isinstance(proc, subprocess.Popen):
        return proc.poll() is None
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def terminate(proc: psutil.Process, *, grace: float) -> None:
    """SIGTERM, give it `grace` seconds to shut down cleanly, then SIGKILL."""
    try:
        proc.terminate()
        proc.wait(grace)
    except psutil.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    except psutil.NoSuchProcess:
        return
