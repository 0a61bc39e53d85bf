"""The servers and workers a test starts end with the test process, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.unit.jobs.test_child import alive

ROOT = Path(__file__).resolve().parents[2]

# A stand-in for pytest: starts a long-running child as the e2e fixtures do, prints its
# pid, then waits to be killed.
RUNNER = """
import subprocess, sys, time
from tests.processes import die_with_tests

child = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(120)"], preexec_fn=die_with_tests
)
print(child.pid, flush=True)
time.sleep(120)
"""


def test_a_server_started_by_a_test_ends_when_the_test_process_is_killed(
    tmp_path: Path,
) -> None:
    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    runner = subprocess.Popen(  # noqa: S603 - our own script
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert runner.stdout is not None
        pid = int(runner.stdout.readline())
        assert alive(pid)
        runner.send_signal(signal.SIGKILL)  # as a killed pytest run: no finaliser runs
        runner.wait(10)
        deadline = time.monotonic() + 10
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(pid)
    finally:
        if runner.poll() is None:
            runner.kill()
