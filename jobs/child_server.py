"""Imported by the reading processes' forkserver only (jobs/child.py preloads it): the
forkserver gets SIGKILL when the worker that started it dies, even by SIGKILL, and its
children (each set the same for their own parent) die with it. Without this the
forkserver would outlive the worker for as long as a child runs: every child holds the
forkserver's liveness pipe open.
"""

from __future__ import annotations

from jobs.child import die_with_parent

die_with_parent()
