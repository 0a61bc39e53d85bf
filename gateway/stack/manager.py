"""`up`, `down` and `status` over all stores."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from gateway.stack import envfile, ports
from gateway.stack.base import Store, StoreStatus, log
from gateway.stack.neo4j import Neo4jStore
from gateway.stack.paths import StackPaths
from gateway.stack.postgres import PostgresStore
from gateway.stack.process import StackError
from gateway.stack.redis import RedisCacheStore, RedisStore
from gateway.stack.weaviate import WeaviateStore

# Order of the env file and of status output. Neo4j first: its JVM is the slowest start.
STORE_TYPES: tuple[type[Store], ...] = (
    Neo4jStore,
    PostgresStore,
    RedisStore,
    RedisCacheStore,
    WeaviateStore,
)


def stores(paths: StackPaths) -> list[Store]:
    return [store_type(paths) for store_type in STORE_TYPES]


@contextmanager
def _locked(paths: StackPaths) -> Iterator[None]:
    """One `up`/`down` at a time per state dir (make targets may run them concurrently)."""
    paths.ensure()
    with paths.lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def wants_weaviate(with_weaviate: bool, environ: Mapping[str, str]) -> bool:
    return with_weaviate or environ.get("VECTOR_BACKEND", "").strip().lower() == "weaviate"


def up(
    *,
    with_weaviate: bool = False,
    environ: Mapping[str, str] | None = None,
    paths: StackPaths | None = None,
) -> dict[str, str]:
    """Start (or reuse) every store not configured externally; write and return the env.

    External stores (URL variable set to something other than our env file's value) are
    not started, only waited for, and are not written to the env file: they are already
    in the environment.
    """
    environ = os.environ if environ is None else environ
    paths = StackPaths.from_env(environ) if paths is None else paths
    with _locked(paths):
        everything = stores(paths)
        # Validate every external URL before starting anything: fail in a second, not a minute.
        external = {store.name: store.elsewhere(environ) for store in everything}
        wanted = [
            store
            for store in everything
            if store.wanted(environ)
            and (
                not isinstance(store, WeaviateStore)
                or wants_weaviate(with_weaviate, environ)
                # Started by an earlier `up --with-weaviate`: keep it in the env file.
                or (external[store.name] is None and store.running() is not None)
            )
        ]
        ours = [store for store in wanted if external[store.name] is None]
        fixed = ports.configured(environ)
        errors: list[str] = []
        for store in ours:  # a configured port that is taken fails before anything starts
            try:
                store.check_ports(fixed)
            except StackError as exc:
                errors.append(f"{store.name}: {exc}")
        if errors:
            raise StackError("\n".join(errors))
        results: dict[str, dict[str, str]] = {}
        with ThreadPoolExecutor(max_workers=len(wanted) or 1) as pool:
            futures = {s.name: pool.submit(_available, s, external[s.name], fixed) for s in wanted}
            for name, future in futures.items():
                try:
                    results[name] = future.result()
                except StackError as exc:
                    errors.append(f"{name}: {exc}")
                except Exception as exc:  # one store's bug must not hide the others' state
                    errors.append(f"{name}: unexpected {type(exc).__name__}: {exc}")
        env: dict[str, str] = {}
        for store in ours:  # fixed order, whatever finished first; external ones not written
            env |= results.get(store.name, {})
        envfile.write(paths.env_file, env)
        if errors:
            raise StackError("\n\n".join(errors))
        return env


def _available(
    store: Store,
    external: Mapping[str, str] | None,
    fixed: Mapping[ports.Slot, ports.Configured],
) -> dict[str, str]:
    """Ours: start or reuse it and return its env. External: wait until it answers."""
    if external is None:
        return store.ensure(fixed)
    store.await_external(external)
    return {}


def down(*, environ: Mapping[str, str] | None = None, paths: StackPaths | None = None) -> None:
    """Stop the processes `up` started (external stores are never touched)."""
    environ = os.environ if environ is None else environ
    paths = StackPaths.from_env(environ) if paths is None else paths
    with _locked(paths):
        errors: list[str] = []
        # Reverse order; each stop waits for its own process, so run them side by side.
        with ThreadPoolExecutor(max_workers=len(STORE_TYPES)) as pool:
            futures = {s.name: pool.submit(s.shutdown) for s in reversed(stores(paths))}
            for name, future in futures.items():
                try:
                    if not future.result():
                        log.info("%s: not running", name)
                except (StackError, OSError) as exc:
                    errors.append(f"{name}: {exc}")
        # The env file stays: passwords and ports are reused by the next `up`.
        if errors:
            raise StackError("\n\n".join(errors))


def status(
    *, environ: Mapping[str, str] | None = None, paths: StackPaths | None = None
) -> list[StoreStatus]:
    environ = os.environ if environ is None else environ
    paths = StackPaths.from_env(environ) if paths is None else paths
    everything = stores(paths)
    with ThreadPoolExecutor(max_workers=len(everything)) as pool:
        return list(pool.map(lambda store: store.status(environ), everything))
