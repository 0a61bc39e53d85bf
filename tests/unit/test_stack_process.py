"""Port choice and run records (no store is started)."""

from __future__ import annotations

import logging
import os
import socket
import time
from pathlib import Path

import psutil
import pytest

from gateway.stack.process import (
    Record,
    StackError,
    choose_ports,
    port_holder,
    port_is_free,
    run_logged,
    spawn,
    wait_until,
)


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


def test_record_survives_a_moved_boot_clock_while_its_process_holds_a_recorded_port() -> None:
    # After a pause and resume the boot time (and so every create_time) may move: the
    # process still listening on the port `up` recorded is the one `up` started.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        [other] = choose_ports([[0]])
        assert Record(pid=os.getpid(), create_time=1.0, ports={"port": port}).process()
        assert Record(pid=os.getpid(), create_time=1.0, ports={"port": other}).process() is None


def test_unreadable_record_is_none(tmp_path: Path) -> None:
    assert Record.load(tmp_path / "missing.json") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert Record.load(tmp_path / "bad.json") is None


def test_wait_until_fails_fast_with_the_log_tail_when_the_server_dies(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "fake.log"
    proc = spawn(["sh", "-c", "echo 'FATAL: bad config'; exit 3"], log=log, env={}, cwd=tmp_path)
    began = time.monotonic()
    with pytest.raises(StackError, match="fake exited during start-up") as caught:
        wait_until(lambda: "refused", what="fake", timeout=30, log=log, proc=proc)
    assert time.monotonic() - began < 10
    assert "FATAL: bad config" in str(caught.value)
    assert proc.returncode == 3


def test_wait_until_times_out_with_the_last_reason(tmp_path: Path) -> None:
    log = tmp_path / "fake.log"
    log.write_text("still starting\n")
    with pytest.raises(StackError, match=r"did not answer within 0s \(refused\)") as caught:
        wait_until(lambda: "refused", what="fake", timeout=0, log=log, interval=0)
    assert "still starting" in str(caught.value)


def test_wait_until_returns_once_answering(tmp_path: Path) -> None:
    answers = iter(["refused", "refused", None])
    wait_until(lambda: next(answers), what="fake", timeout=5, log=tmp_path / "x", interval=0)


def test_run_logged_says_it_is_still_running_during_a_long_step(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = tmp_path / "build.log"
    with caplog.at_level(logging.INFO, logger="gateway.stack"):
        run_logged(
            ["sh", "-c", "echo building; sleep 0.7"],
            log=log,
            what="fake build",
            timeout=30,
            heartbeat=0.2,
        )
    beats = [r.getMessage() for r in caplog.records if "still running" in r.getMessage()]
    assert len(beats) >= 2
    assert beats[0].startswith("fake build: still running (")
    assert str(log) in beats[0]
    assert "building" in log.read_text()


def test_run_logged_fails_with_the_log_tail(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    with pytest.raises(StackError, match=r"fake build failed \(exit 4\)") as caught:
        run_logged(["sh", "-c", "echo broken; exit 4"], log=log, what="fake build", timeout=30)
    assert "broken" in str(caught.value)


def test_run_logged_stops_a_step_that_takes_too_long(tmp_path: Path) -> None:
    began = time.monotonic()
    with pytest.raises(StackError, match="took longer than 0s"):
        run_logged(["sleep", "30"], log=tmp_path / "b.log", what="slow", timeout=0.3)
    assert time.monotonic() - began < 10


def test_run_logged_names_a_missing_tool(tmp_path: Path) -> None:
    with pytest.raises(StackError, match="`no-such-tool-here` is not installed"):
        run_logged(["no-such-tool-here"], log=tmp_path / "b.log", what="x", timeout=5)


def test_choose_ports_never_hands_out_an_avoided_port() -> None:
    [free] = choose_ports([[0]])
    [other] = choose_ports([[free]], avoid={free})
    assert other != free


def test_port_holder_names_our_own_listening_process() -> None:
    with _listening() as sock:
        holder = port_holder(sock.getsockname()[1])
    # Linux shows a user the pids of its own sockets, root everyone's.
    assert holder == f" by pid {os.getpid()} ({psutil.Process().name()})"
