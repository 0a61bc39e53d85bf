"""`curriculum maintain` refuses an unknown task by name, before touching any store."""

from __future__ import annotations

import pytest

from gateway.cli import main


def test_an_unknown_task_lists_the_tasks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["maintain", "everything", "--dry-run"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown task 'everything'" in err
    for task in ("documents", "audit-logs", "tasks", "exports", "graph-orphans", "embeddings"):
        assert task in err
