"""Where the dev stack keeps its state (data, logs, pids, passwords) and its build cache.

State is per checkout and disposable: `rm -rf .stack` resets every store. The cache holds
things that are slow to produce (Neo4j jars + launcher classes, the Weaviate binary) and
survives a state reset, so a second `up` never rebuilds.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_FILE_NAME = "stack.env"


def _repo_root() -> Path:
    # gateway/stack/paths.py -> the checkout (editable install); fall back to the working
    # directory when the package was installed elsewhere.
    candidate = Path(__file__).resolve().parents[2]
    return candidate if (candidate / "pyproject.toml").is_file() else Path.cwd()


@dataclass(frozen=True)
class StackPaths:
    state: Path
    cache: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> StackPaths:
        env = os.environ if environ is None else environ
        root = _repo_root()
        state = Path(env.get("STACK_DIR") or root / ".stack")
        cache = Path(env.get("STACK_CACHE_DIR") or root / ".cache")
        return cls(state=state.expanduser().resolve(), cache=cache.expanduser().resolve())

    @property
    def env_file(self) -> Path:
        return self.state / ENV_FILE_NAME

    @property
    def lock_file(self) -> Path:
        return self.state / ".lock"

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    def log(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def data(self, store: str) -> Path:
        return self.state / store

    def record(self, store: str) -> Path:
        return self.state / "run" / f"{store}.json"

    def secret(self, store: str) -> Path:
        return self.state / "secrets" / f"{store}.password"

    def ensure(self) -> None:
        for directory in (self.state, self.cache, self.logs, self.state / "run"):
            directory.mkdir(parents=True, exist_ok=True)
        # Logs must be reachable by the unprivileged PostgreSQL user when we run as root.
        self.logs.chmod(0o755)
        (self.state / "secrets").mkdir(mode=0o700, exist_ok=True)
        (self.state / "secrets").chmod(0o700)


def password(paths: StackPaths, store: str) -> str:
    """The store's password, generated once and kept (0600) so restarts keep their URLs."""
    path = paths.secret(store)
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # URL-safe alphabet: the password goes into URLs and env files without escaping.
    value = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value
