"""Env file rendering, masking, passwords and paths of the dev stack."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from gateway.stack import envfile
from gateway.stack.base import StoreStatus
from gateway.stack.cli import format_status
from gateway.stack.paths import StackPaths, password

ENV = {
    "DATABASE_URL": "postgresql://postgres:pw1@127.0.0.1:55432/curriculum_db",
    "REDIS_URL": "redis://:pw2@127.0.0.1:56379/0",
    "NEO4J_URI": "bolt://127.0.0.1:57687",
    "NEO4J_USER": "neo4j",
    "NEO4J_PASSWORD": "pw3",
}


def test_env_file_round_trips_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "stack.env"
    path.write_text("old")
    path.chmod(0o644)
    envfile.write(path, ENV)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert envfile.read(path) == ENV
    assert list(envfile.read(path)) == list(ENV)  # order kept


def test_env_file_is_plain_key_value_lines() -> None:
    text = envfile.render({"REDIS_URL": "redis://:p@127.0.0.1:1/0"})
    assert "REDIS_URL=redis://:p@127.0.0.1:1/0" in text.splitlines()


@pytest.mark.parametrize("value", ["", "has space", "quote'd", "hash#tag", "new\nline"])
def test_env_file_refuses_values_a_parser_would_mangle(value: str) -> None:
    with pytest.raises(ValueError, match="X_URL"):
        envfile.render({"X_URL": value})


def test_masking_hides_passwords_only() -> None:
    shown = envfile.masked(ENV)
    assert shown["DATABASE_URL"] == "postgresql://postgres:***@127.0.0.1:55432/curriculum_db"
    assert shown["REDIS_URL"] == "redis://:***@127.0.0.1:56379/0"
    assert shown["NEO4J_URI"] == ENV["NEO4J_URI"]
    assert shown["NEO4J_PASSWORD"] == "***"
    assert not any(secret in str(shown) for secret in ("pw1", "pw2", "pw3"))


def test_mask_url_without_password_or_with_ipv6() -> None:
    assert envfile.mask_url("http://127.0.0.1:58080") == "http://127.0.0.1:58080"
    assert envfile.mask_url("redis://u:p@[::1]:6379/0") == "redis://u:***@[::1]:6379/0"


def test_password_is_generated_once_and_private(tmp_path: Path) -> None:
    paths = StackPaths(state=tmp_path / "state", cache=tmp_path / "cache")
    first = password(paths, "redis")
    assert len(first) >= 24 and first.replace("-", "").replace("_", "").isalnum()
    assert password(paths, "redis") == first
    assert password(paths, "postgres") != first
    assert stat.S_IMODE(paths.secret("redis").stat().st_mode) == 0o600


def test_paths_follow_stack_dir_and_cache_dir(tmp_path: Path) -> None:
    paths = StackPaths.from_env({"STACK_DIR": str(tmp_path / "s"), "STACK_CACHE_DIR": "/c"})
    assert paths.state == tmp_path / "s"
    assert paths.cache == Path("/c")
    assert paths.env_file == tmp_path / "s" / "stack.env"
    default = StackPaths.from_env({})
    assert default.state.name == ".stack" and default.cache.name == ".cache"


def test_status_table_shows_failures_and_masked_urls() -> None:
    rows = [
        StoreStatus("postgres", "running", 12, "postgresql://postgres:***@h:1/db", "ok"),
        StoreStatus("redis", "external", None, "redis://h:2/0", "ConnectionError: refused"),
        StoreStatus("weaviate", "stopped", None, None, "not running"),
    ]
    table = format_status(rows)
    assert "postgres    running" in table and "***" in table
    assert "-> ConnectionError: refused" in table
    assert "not running" not in table  # stopped is not a failure
