"""Redis from the OS package (`redis-server`), with a generated config and password.

Two instances (docs/operations.md#redis-eviction): the main one holds sessions, rate
limits, the job queue and pub/sub and never evicts (`noeviction`: a full Redis refuses
writes instead of silently dropping a session or a queued job); the cache instance
(REDIS_CACHE_URL) holds only `cache:*` keys, evicts with the seed's `allkeys-lru` and
keeps nothing on disk (every entry can be recomputed).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from redis import Redis
from redis.exceptions import AuthenticationError, RedisError

from gateway.stack.base import Store, external_url
from gateway.stack.paths import password
from gateway.stack.process import HOST, AuthFailed, Record, StackError, spawn

SAVE_RULES = "900 1 300 10 60 10000"  # the seed deployment's snapshot rules
CACHE_MAXMEMORY = "128mb"  # the dev cache's size; past it the least recently used key goes


def _quote(value: str) -> str:
    # redis.conf accepts "double quoted" strings with backslash escapes; paths may hold spaces.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _durability(cache: bool) -> list[str]:
    if cache:
        # A cache: bounded, least recently used keys evicted, nothing persisted.
        return [
            f"maxmemory {CACHE_MAXMEMORY}",
            "maxmemory-policy allkeys-lru",
            "appendonly no",
            'save ""',
        ]
    # Same durability as the deployment: AOF every second plus RDB snapshots; and
    # never evict (sessions and queued jobs must not vanish under memory pressure).
    return [
        "maxmemory-policy noeviction",
        "appendonly yes",
        "appendfsync everysec",
        f"save {SAVE_RULES}",
    ]


def render_config(
    *,
    port: int,
    secret: str,
    data_dir: Path,
    pidfile: Path,
    logfile: Path,
    cache: bool = False,
) -> str:
    """redis.conf for a loopback-only, password-protected dev server: the main one
    (AOF-durable, noeviction) or, with `cache`, the LRU cache."""
    return "\n".join(
        [
            f"bind {HOST}",
            "protected-mode yes",
            f"port {port}",
            # We manage the process ourselves (pid, SIGTERM), so no self-daemonizing.
            "daemonize no",
            "supervised no",
            f"pidfile {_quote(str(pidfile))}",
            f"logfile {_quote(str(logfile))}",
            f"dir {_quote(str(data_dir))}",
            *_durability(cache),
            f"requirepass {_quote(secret)}",
            "",
        ]
    )


class RedisStore(Store):
    name = "redis"
    url_key = "REDIS_URL"
    default_ports = {"port": 56379}
    start_timeout = 30.0
    cache = False

    def external(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        url = external_url(environ, self.url_key, ("redis", "rediss"))
        return None if url is None else {self.url_key: url}

    def env(self, record: Record) -> dict[str, str]:
        secret = password(self.paths, self.name)
        return {self.url_key: f"redis://:{secret}@{HOST}:{record.ports['port']}/0"}

    def check(self, env: Mapping[str, str]) -> str | None:
        try:
            client = Redis.from_url(env[self.url_key], socket_connect_timeout=2, socket_timeout=2)
            try:
                return None if client.ping() else "PING did not return PONG"
            finally:
                client.close()
        except AuthenticationError as exc:
            raise AuthFailed(f"{type(exc).__name__}: {exc}") from None
        except (RedisError, OSError) as exc:
            return f"{type(exc).__name__}: {exc}"

    def launch(self, ports: Mapping[str, int]) -> int:
        binary = shutil.which("redis-server")
        if binary is None:
            raise StackError(
                "redis-server is not installed (`make run` installs it: scripts/bootstrap.sh), "
                "or set REDIS_URL to use an external Redis"
            )
        data = self.paths.data(self.name)
        data.mkdir(parents=True, exist_ok=True)
        conf = data / "redis.conf"
        text = render_config(
            port=ports["port"],
            secret=password(self.paths, self.name),
            data_dir=data,
            pidfile=data / "redis.pid",
            logfile=self.log_path,
            cache=self.cache,
        )
        fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds the password
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        proc = spawn([binary, str(conf)], log=self.log_path, env=os.environ, cwd=data)
        return proc.pid


class RedisCacheStore(RedisStore):
    """The LRU cache instance (REDIS_CACHE_URL): cache keys only, evicted under pressure."""

    name = "redis_cache"
    url_key = "REDIS_CACHE_URL"
    default_ports = {"port": 56380}
    cache = True

    def wanted(self, environ: Mapping[str, str]) -> bool:
        # With an external main Redis and no REDIS_CACHE_URL the app caches in the main
        # one (the setting is optional): a local cache beside a remote Redis is not ours
        # to add.
        return self.url_key in environ or "REDIS_URL" not in environ
