"""What every store of the dev stack does: reuse or start, wait until answering, stop."""

from __future__ import annotations

import logging
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal
from urllib.parse import urlsplit

from gateway.stack import envfile, ports
from gateway.stack.envfile import mask_url
from gateway.stack.paths import StackPaths
from gateway.stack.process import (
    AuthFailed,
    Record,
    StackError,
    tail,
    terminate,
    wait_until,
)

log = logging.getLogger("gateway.stack")

StoreState = Literal["running", "stopped", "external"]


@dataclass(frozen=True)
class StoreStatus:
    name: str
    state: StoreState
    pid: int | None
    url: str | None  # masked
    check: str  # "ok" when the store answered its protocol check, else why not

    @property
    def answering(self) -> bool:
        return self.check == "ok"


def external_url(environ: Mapping[str, str], variable: str, schemes: tuple[str, ...]) -> str | None:
    """The URL in `variable` if set (validated), None if unset. Never echoes the value."""
    value = environ.get(variable)
    if value is None:
        return None
    if not value.strip():
        raise StackError(f"{variable} is set but empty; unset it to let the stack start one")
    parts = urlsplit(value.strip())
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise StackError(f"{variable} has an invalid port") from None
    if parts.scheme not in schemes or not parts.hostname:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise StackError(f"{variable} must be a URL starting with {allowed} and naming a host")
    return value.strip()


class Store(ABC):
    name: ClassVar[str]
    url_key: ClassVar[str]  # the env key shown as the store's URL
    default_ports: ClassVar[dict[str, int]]
    start_timeout: ClassVar[float]
    stop_grace: ClassVar[float] = 30.0

    def __init__(self, paths: StackPaths) -> None:
        self.paths = paths

    @property
    def log_path(self) -> Path:
        return self.paths.log(self.name)

    # -- per store -----------------------------------------------------------------------

    @abstractmethod
    def external(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        """The externally configured variables for this store, or None if it is ours to run."""

    def elsewhere(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        """`external`, except that our own env file's values name the store we run.

        A shell that ran `set -a; . .stack/stack.env` holds our URLs: read as external
        stores, `up` would start nothing and write an empty env file over the real one.
        """
        configured = self.external(environ)
        if configured is None or not self.paths.env_file.is_file():
            return configured
        if configured.items() <= envfile.read(self.paths.env_file).items():
            return None
        return configured

    @abstractmethod
    def env(self, record: Record) -> dict[str, str]:
        """The variables the app needs to reach our running instance."""

    @abstractmethod
    def check(self, env: Mapping[str, str]) -> str | None:
        """A real protocol round trip: None if it answered, else the reason.

        Raises AuthFailed when the store refuses the credentials.
        """

    @abstractmethod
    def launch(self, ports: Mapping[str, int]) -> int:
        """Start the server detached; return the pid of the process to record and stop."""

    def wanted(self, environ: Mapping[str, str]) -> bool:
        """Whether `up` should start (or wait for) this store at all; most always are."""
        return True

    def build(self) -> None:  # noqa: B027 - optional hook, most stores build nothing
        """Produce whatever is cached (jars, binaries); no-op when already there."""

    def running(self) -> Record | None:
        record = Record.load(self.paths.record(self.name))
        return record if record is not None and record.process() is not None else None

    def stop(self, record: Record) -> None:
        proc = record.process()
        if proc is not None:
            terminate(proc, grace=self.stop_grace)

    # -- shared flow ---------------------------------------------------------------------

    def check_ports(self, fixed: Mapping[ports.Slot, ports.Configured]) -> None:
        """Before anything starts: our configured ports are free, or we already run on them."""
        mine = ports.of_store(self.name, fixed)
        record = self.running()
        if record is None:
            ports.ensure_free(mine)
        else:
            ports.ensure_unmoved(record.ports, mine)

    def ensure(self, fixed: Mapping[ports.Slot, ports.Configured]) -> dict[str, str]:
        """Reuse our instance if it is up, else build and start one; wait until it answers.

        `fixed`: the ports the environment configures (`ports.configured`).
        """
        began = time.monotonic()
        record = self.running()
        started = record is None
        if record is not None:
            log.info("%s: already running (pid %s), checking it answers", self.name, record.pid)
        else:
            self.build()
            record = self._start(fixed)
        env = self.env(record)
        try:
            proc = record.process()
            if proc is None:  # died straight away (bad config, port stolen): don't wait
                raise StackError(f"{self.name} exited right after starting\n{tail(self.log_path)}")
            wait_until(
                lambda: self._check_starting(env),
                what=self.name,
                timeout=self.start_timeout,
                log=self.log_path,
                proc=proc,
            )
        except StackError:
            if started:  # don't leave a half-started server behind
                with suppress(StackError, OSError):
                    self.shutdown()
            raise
        elapsed = time.monotonic() - began
        log.info("%s: answering at %s (%.1fs)", self.name, mask_url(env[self.url_key]), elapsed)
        return env

    def _check_starting(self, env: Mapping[str, str]) -> str | None:
        # Our own credentials are right; a refusal only means it is not set up yet (Neo4j
        # answers Bolt a moment before the launcher has set the password).
        try:
            return self.check(env)
        except AuthFailed as exc:
            return str(exc)

    def probe(self, env: Mapping[str, str]) -> str:
        """The check as a status line: "ok" or why not."""
        try:
            return self.check(env) or "ok"
        except StackError as exc:
            return str(exc)

    def await_external(self, env: Mapping[str, str]) -> None:
        """Wait for an external store too: it may be starting alongside us (e.g. in CI)."""
        url = mask_url(env[self.url_key])
        log.info("%s: external, not started; waiting for %s", self.name, url)
        wait_until(
            lambda: self.check(env),
            what=f"{self.name} (external, {url})",
            timeout=self.start_timeout,
            log=None,
        )

    def _start(self, fixed: Mapping[ports.Slot, ports.Configured]) -> Record:
        previous = Record.load(self.paths.record(self.name))
        chosen = ports.choose(
            self.name, self.default_ports, previous.ports if previous else {}, fixed
        )
        log.info("%s: starting on %s", self.name, ", ".join(f"{k} {v}" for k, v in chosen.items()))
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        pid = self.launch(chosen)
        record = Record.of(pid, chosen)
        record.save(self.paths.record(self.name))
        return record

    def shutdown(self) -> bool:
        """Stop our instance if it runs; True if there was one."""
        record = self.running()
        if record is None:
            return False
        log.info("%s: stopping pid %s", self.name, record.pid)
        self.stop(record)
        return True

    def status(self, environ: Mapping[str, str] | None = None) -> StoreStatus:
        environ = os.environ if environ is None else environ
        try:
            external = self.elsewhere(environ)
        except StackError as exc:
            return StoreStatus(self.name, "external", None, None, str(exc))
        if external is not None:
            url = mask_url(external[self.url_key])
            return StoreStatus(self.name, "external", None, url, self.probe(external))
        record = self.running()
        if record is None:
            return StoreStatus(self.name, "stopped", None, None, "not running")
        env = self.env(record)
        url = mask_url(env[self.url_key])
        return StoreStatus(self.name, "running", record.pid, url, self.probe(env))
