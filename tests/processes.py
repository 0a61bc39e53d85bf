"""The environment a test gives a child process (`curriculum ...`, a worker, a server):
this process' environment with the test's stores, so the child reads and writes exactly
what the test does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from datasources.settings import Settings
from jobs.child import die_with_parent

ROOT = Path(__file__).resolve().parents[1]


def die_with_tests() -> None:
    """For `preexec_fn`: the child (a server, a worker) gets SIGTERM when the test process
    ends, even by SIGKILL or a timeout's kill. Without it a killed run left gateways and
    workers running, and the next run's tests met them on the same stores (two extra hub
    connections in `test_document_progress`)."""
    die_with_parent(signal.SIGTERM)


def same_database(cache_url: str | None, url: str) -> str:
    """`cache_url` with the database number of `url` (or `url` itself without a cache)."""
    if not cache_url:
        return url
    return urlunsplit(urlsplit(cache_url)._replace(path=urlsplit(url).path))


def store_env(settings: Settings, **extra: str) -> dict[str, str]:
    """This process' environment pointed at `settings`' stores, plus `extra`."""
    return {
        **os.environ,
        "CURRICULUM_ENV_FILE": str(ROOT / ".stack" / "stack.env"),
        "DATABASE_URL": settings.postgres.url,
        "REDIS_URL": settings.redis.url,
        # The cache instance's database of the same number: as isolated as REDIS_URL.
        "REDIS_CACHE_URL": same_database(settings.redis.cache_url, settings.redis.url),
        "VECTOR_NAMESPACE": settings.vector_namespace or "",
        **extra,
    }


def curriculum(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`curriculum ARGS...` as a user runs it, against `settings`' stores (`env` added)."""
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [str(Path(sys.executable).parent / "curriculum"), *args],
        cwd=ROOT,
        env=store_env(settings, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ended_pid() -> int:
    """The pid of a process that has ended, as a killed test run's is."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
