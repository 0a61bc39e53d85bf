"""The GraphiQL page's own JavaScript tests (web/tests, node:test), run from pytest so
`make test` covers them. They need Node.js, as `make setup` does."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "web"


def test_web_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None or not (WEB / "node_modules" / "graphql").is_dir():
        message = "needs Node.js and `make setup` (web/node_modules)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(  # noqa: S603 - our own test files
        [node, "--test", "tests/"],
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout
