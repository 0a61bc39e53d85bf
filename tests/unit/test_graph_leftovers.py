"""Which isolated test databases a killed run left (tests/graph_leftovers.py)."""

from __future__ import annotations

import os

from tests.graph_leftovers import isolated_name, leftover
from tests.processes import ended_pid


def test_a_database_of_a_process_that_ended_is_left_over() -> None:
    assert leftover(f"sec_test_{ended_pid()}_0a1b2c3d")


def test_a_database_of_a_running_process_is_not() -> None:
    assert not leftover(isolated_name("0a1b2c3d"))
    assert not leftover(f"sec_test_{os.getppid()}_0a1b2c3d")


def test_names_before_the_pid_are_left_over_and_other_databases_never() -> None:
    assert leftover("sec_test_8223893a")
    assert not leftover("curriculum_test")
    assert not leftover("curriculum_db")
    assert not leftover('sec_test_1_x"; DROP DATABASE curriculum_db; --')
