"""`curriculum serve` refuses a taken port at once, naming it and how it was set."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from gateway import cli


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def _serve(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", *argv])
    return int(exited.value.code or 0)


def test_a_taken_port_from_port_is_named_with_the_variable(
    busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PORT", str(busy_port))
    assert _serve(["--check"]) == 2
    err = capsys.readouterr().err
    assert f"port {busy_port} on 127.0.0.1 (PORT) is in use" in err
    assert f"PORT={busy_port + 1} make run" in err


def test_a_taken_default_port_says_port_sets_it(
    busy_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PORT", raising=False)
    settings = cli.Settings.load()
    monkeypatch.setattr(cli, "_settings", lambda: settings.model_copy(update={"port": busy_port}))
    assert _serve(["--check"]) == 2
    assert "(default; PORT sets it) is in use" in capsys.readouterr().err


def test_a_taken_port_from_the_flag_names_the_flag(
    busy_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _serve(["--check", "--port", str(busy_port)]) == 2
    assert f"port {busy_port} on 127.0.0.1 (--port) is in use" in capsys.readouterr().err


def test_a_free_port_passes_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        free = int(sock.getsockname()[1])
    monkeypatch.setenv("PORT", str(free))
    assert _serve(["--check"]) == 0


def test_workers_default_to_the_cores_in_production_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 6)
    production = cli.Settings.model_construct(app_env="production")
    development = cli.Settings.model_construct(app_env="development")
    assert cli.default_workers(production) == 6
    assert cli.default_workers(development) == 1


@pytest.mark.parametrize(("value", "says"), [("0", "between 1 and 64"), ("two", "whole number")])
def test_a_bad_worker_count_is_refused_clearly(
    value: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _serve(["--workers", value, "--check"]) == 2
    assert says in capsys.readouterr().err


def test_the_flags_reach_the_app_so_it_names_the_address_it_serves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`serve --port 8011` logged "gateway ready on 127.0.0.1:8000": the app factory reads
    its settings from the environment, which knew nothing of the flags."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        free = int(sock.getsockname()[1])
    monkeypatch.setenv("PORT", "8000")  # restored afterwards, whatever serve sets
    monkeypatch.setenv("HOST", "127.0.0.1")
    seen: list[tuple[str, int]] = []

    def fake_serve(*_: object) -> None:
        settings = cli.Settings.load()
        seen.append((settings.host, settings.port))

    monkeypatch.setattr(cli, "_serve", fake_serve)
    assert _serve(["--port", str(free)]) == 0
    assert seen == [("127.0.0.1", free)]
