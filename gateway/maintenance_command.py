"""`curriculum maintain TASK [--dry-run]` and `curriculum reconcile [--fix]`: the worker's
cron jobs (jobs/maintenance.py, jobs/reconcile.py) run once from the command line.

Both print one JSON object: what was (or would be) removed or repaired, by kind.
"""

from __future__ import annotations

from typing import Any

from datasources.settings import Settings, for_jobs
from datasources.stores import open_stores
from jobs import maintenance, reconcile


async def maintain(settings: Settings, task: str, *, dry_run: bool) -> dict[str, Any]:
    """ValueError (before any store is opened) when `task` is not one of TASKS."""
    if task not in maintenance.TASKS:
        raise ValueError(
            f"unknown task {task!r}; one of: "
            + ", ".join(f"{t.name} ({t.when})" for t in maintenance.TASKS.values())
        )
    # The worker's store timeouts (WORKER_STORE_TIMEOUT_SECONDS): these scan whole stores.
    async with open_stores(for_jobs(settings), bootstrap=False) as stores:
        counts = await maintenance.run_task(stores, task, dry_run=dry_run)
    key = "would_remove" if dry_run else "removed"
    return {"task": task, "dry_run": dry_run, key: counts}


async def reconcile_stores(settings: Settings, *, fix: bool) -> dict[str, Any]:
    # The worker's store timeouts (WORKER_STORE_TIMEOUT_SECONDS): these scan whole stores.
    async with open_stores(for_jobs(settings), bootstrap=False) as stores:
        drift = await reconcile.find(stores)
        report: dict[str, Any] = {"found": drift.counts()}
        if fix:
            report["fixed"] = await reconcile.fix(stores, drift)
    return report
