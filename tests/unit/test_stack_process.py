"""Port choice and run records (no store is started)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from gateway.stack.process import Record, choose_ports, port_is_free


def _listening() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def test_busy_port_is_not_free() -> None:
    with _listening() as sock:
        assert not port_is_free(sock.getsockname()[1])


def test_choose_ports_keeps_free_preferences() -> None:
    [free] = choose_ports([[0]])  # an ephemeral port, released again
    assert choose_ports([[free]]) == [free]


def test_choose_ports_skips_busy_and_duplicate_ports() -> None:
    with _listening() as sock:
        busy = sock.getsockname()[1]
        [free] = choose_ports([[0]])
        first, second, third = choose_ports([[busy], [free], [free]])
    assert first not in (busy, free)
    assert second == free
    assert third not in (busy, free, first)


def test_choose_ports_falls_through_the_preference_list() -> None:
    with _listening() as sock:
        busy = sock.getsockname()[1]
        [free] = choose_ports([[0]])
        assert choose_ports([[busy, free]]) == [free]


def test_record_round_trip_and_liveness(tmp_path: Path) -> None:
    record = Record.of(os.getpid(), {"port": 55432})
    path = tmp_path / "run" / "postgres.json"
    record.save(path)
    loaded = Record.load(path)
    assert loaded == record
    assert loaded is not None and loaded.process() is not None


def test_record_of_a_reused_pid_is_not_alive() -> None:
    stale = Record(pid=os.getpid(), create_time=1.0, ports={})
    assert stale.process() is None


def test_unreadable_record_is_none(tmp_path: Path) -> None:
    assert Record.load(tmp_path / "missing.json") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert Record.load(tmp_path / "bad.json") is None
