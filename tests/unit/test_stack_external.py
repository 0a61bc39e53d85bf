"""External stores: which variables make a store external, and clear errors when malformed."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from gateway.stack import envfile, manager
from gateway.stack.base import Store
from gateway.stack.neo4j import Neo4jStore
from gateway.stack.paths import StackPaths
from gateway.stack.postgres import PostgresStore
from gateway.stack.process import AuthFailed, StackError
from gateway.stack.redis import RedisCacheStore, RedisStore
from gateway.stack.weaviate import WeaviateStore

EXTERNAL = {
    "DATABASE_URL": "postgresql+asyncpg://app:secret@db.internal:5432/curriculum_db",
    "REDIS_URL": "redis://:secret@cache.internal:6379/0",
    "NEO4J_URI": "neo4j://graph.internal:7687",
    "NEO4J_PASSWORD": "secret-pw",
    "WEAVIATE_URL": "http://vectors.internal:8080",
    "WEAVIATE_GRPC_URL": "http://vectors.internal:50051",
}


@pytest.fixture
def paths(tmp_path: Path) -> StackPaths:
    return StackPaths(state=tmp_path / "state", cache=tmp_path / "cache")


def test_unset_variables_mean_the_stack_runs_the_store(paths: StackPaths) -> None:
    for store in manager.stores(paths):
        assert store.external({}) is None


def test_set_variables_make_stores_external(paths: StackPaths) -> None:
    assert PostgresStore(paths).external(EXTERNAL) == {"DATABASE_URL": EXTERNAL["DATABASE_URL"]}
    assert RedisStore(paths).external(EXTERNAL) == {"REDIS_URL": EXTERNAL["REDIS_URL"]}
    assert Neo4jStore(paths).external(EXTERNAL) == {
        "NEO4J_URI": EXTERNAL["NEO4J_URI"],
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": "secret-pw",
    }
    assert WeaviateStore(paths).external(EXTERNAL) == {
        "WEAVIATE_URL": EXTERNAL["WEAVIATE_URL"],
        "WEAVIATE_GRPC_URL": EXTERNAL["WEAVIATE_GRPC_URL"],
    }


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DATABASE_URL", "mysql://u:secret@h/db", "DATABASE_URL must be a URL starting with"),
        ("DATABASE_URL", "postgresql:///curriculum_db", "naming a host"),
        ("DATABASE_URL", "postgresql://u:secret@h:notaport/db", "DATABASE_URL has an invalid port"),
        ("DATABASE_URL", "  ", "DATABASE_URL is set but empty"),
        ("REDIS_URL", "127.0.0.1:6379", "REDIS_URL must be a URL starting with redis://"),
        ("NEO4J_URI", "http://h:7474", "NEO4J_URI must be a URL starting with bolt://"),
    ],
)
def test_malformed_external_urls_are_clear_errors(
    paths: StackPaths, variable: str, value: str, message: str
) -> None:
    with pytest.raises(StackError, match=message) as caught:
        for store in manager.stores(paths):
            store.external({variable: value})
    assert "secret" not in str(caught.value)  # never echo credentials


def test_neo4j_password_without_uri_is_refused(paths: StackPaths) -> None:
    with pytest.raises(StackError, match="NEO4J_PASSWORD set without NEO4J_URI"):
        Neo4jStore(paths).external({"NEO4J_PASSWORD": "x"})


def test_weaviate_needs_both_urls(paths: StackPaths) -> None:
    with pytest.raises(StackError, match="both WEAVIATE_URL and WEAVIATE_GRPC_URL"):
        WeaviateStore(paths).external({"WEAVIATE_URL": "http://h:8080"})


def test_vector_backend_weaviate_implies_weaviate() -> None:
    assert manager.wants_weaviate(False, {"VECTOR_BACKEND": "weaviate"})
    assert manager.wants_weaviate(True, {})
    assert not manager.wants_weaviate(False, {"VECTOR_BACKEND": "pgvector"})


def _stores_answer(monkeypatch: pytest.MonkeyPatch, reason: str | None) -> list[str]:
    """Replace every store's protocol check; returns the URLs it was asked about."""
    asked: list[str] = []

    def check(self: Store, env: Mapping[str, str]) -> str | None:
        asked.append(env[self.url_key])
        return reason

    for store_type in manager.STORE_TYPES:
        monkeypatch.setattr(store_type, "check", check)
        monkeypatch.setattr(store_type, "start_timeout", 0.0)
    return asked


def test_up_with_everything_external_starts_nothing_but_waits_for_them(
    paths: StackPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _stores_answer(monkeypatch, None)
    env = manager.up(with_weaviate=True, environ=EXTERNAL, paths=paths)
    assert env == {}
    assert envfile.read(paths.env_file) == {}
    assert not list((paths.state / "run").iterdir())
    assert sorted(asked) == sorted(
        EXTERNAL[k] for k in ("DATABASE_URL", "REDIS_URL", "NEO4J_URI", "WEAVIATE_URL")
    )


def test_up_fails_when_an_external_store_does_not_answer(
    paths: StackPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stores_answer(monkeypatch, "connection refused")
    with pytest.raises(StackError, match=r"redis \(external, redis://:\*\*\*@cache") as caught:
        manager.up(environ=EXTERNAL, paths=paths)
    assert "connection refused" in str(caught.value)
    assert "secret" not in str(caught.value)


def test_up_validates_before_starting_anything(paths: StackPaths) -> None:
    with pytest.raises(StackError, match="REDIS_URL"):
        manager.up(environ={"REDIS_URL": "localhost:6379"}, paths=paths)
    assert not (paths.state / "run").exists() or not list((paths.state / "run").iterdir())
    assert not paths.env_file.exists()


def test_status_reports_a_malformed_external_store(paths: StackPaths) -> None:
    rows = {row.name: row for row in manager.status(environ={"REDIS_URL": "nope"}, paths=paths)}
    assert rows["redis"].state == "external" and not rows["redis"].answering
    assert "REDIS_URL" in rows["redis"].check
    assert rows["postgres"].state == "stopped"


def test_refused_credentials_fail_at_once_instead_of_waiting(
    paths: StackPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Store, env: Mapping[str, str]) -> str | None:
        raise AuthFailed("password authentication failed")

    for store_type in manager.STORE_TYPES:
        monkeypatch.setattr(store_type, "check", refuse)  # start_timeout stays minutes
    began = time.monotonic()
    with pytest.raises(StackError, match="password authentication failed"):
        manager.up(environ=EXTERNAL, paths=paths)
    assert time.monotonic() - began < 5
    rows = {r.name: r for r in manager.status(environ=EXTERNAL, paths=paths)}
    assert rows["postgres"].check == "password authentication failed"


def test_an_external_redis_without_a_cache_url_starts_no_cache(
    paths: StackPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REDIS_CACHE_URL is optional: with the main Redis external the app caches there."""
    _stores_answer(monkeypatch, None)
    manager.up(with_weaviate=True, environ=EXTERNAL, paths=paths)
    assert not (paths.state / "redis_cache").exists()
    cache = RedisCacheStore(paths)
    assert not cache.wanted(EXTERNAL)
    assert cache.wanted({})  # a stack of our own: both Redis instances
    assert cache.wanted(EXTERNAL | {"REDIS_CACHE_URL": "redis://cache.internal:6379/0"})


def test_our_own_env_file_in_the_environment_names_our_stores(
    paths: StackPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`set -a; . .stack/stack.env`, then `make seed` (which runs `stack up`): the stores
    stay ours and the env file keeps their URLs instead of being written empty."""
    written = EXTERNAL | {"NEO4J_USER": "neo4j"}  # stands for what an earlier `up` wrote
    envfile.write(paths.env_file, written)
    for store in manager.stores(paths):
        assert store.elsewhere(written) is None
        assert store.status(written).state == "stopped"
    for store_type in manager.STORE_TYPES:  # "start" each: its env is the written one
        monkeypatch.setattr(store_type, "ensure", lambda self, fixed: self.external(written))
    assert manager.up(with_weaviate=True, environ=written, paths=paths) == written
    assert envfile.read(paths.env_file) == written

    elsewhere = written | {"REDIS_URL": "redis://:other@cache.internal:6379/0"}
    assert RedisStore(paths).elsewhere(elsewhere) == {"REDIS_URL": elsewhere["REDIS_URL"]}
    assert PostgresStore(paths).elsewhere(elsewhere) is None
