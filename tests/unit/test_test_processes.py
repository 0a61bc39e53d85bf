"""The servers and workers a test starts end with the test process, however it ends."""

from __future__ import annotations

from pathlib import Path

from tests.unit.jobs.test_child import assert_child_dies_with_parent

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
    assert_child_dies_with_parent(script)
