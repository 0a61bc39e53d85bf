"""Housekeeping the seed's retention rules ask for, as plain async functions.

Each takes an AsyncEngine so tests and the worker call the same code.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

TASK_RETENTION_DAYS = 30  # seed: generation tasks, 30 days
EXPORT_RETENTION_DAYS = 7  # seed: exports, 7 days after expiration


async def ensure_partitions(engine: AsyncEngine, *, months_ahead: int = 3) -> None:
    """Create the coming months' audit_logs partitions before rows need them."""
    async with engine.begin() as conn:
        await conn.execute(
            text("SELECT ensure_audit_log_partitions(:months)"), {"months": months_ahead}
        )


async def purge_expired(
    engine: AsyncEngine, *, released: list[str] | None = None
) -> dict[str, int]:
    """Delete finished tasks past retention and exports past their expiry + grace; the
    purged exports' file keys are appended to `released` (the caller deletes the files
    no other row uses: ExportStore.release_files)."""
    async with engine.begin() as conn:
        tasks = await conn.execute(
            text(
                "DELETE FROM generation_tasks WHERE status IN ('completed', 'failed') "
                "AND created_at < now() - make_interval(days => :days)"
            ),
            {"days": TASK_RETENTION_DAYS},
        )
        exports = await conn.execute(
            text(
                "DELETE FROM exports WHERE expires_at IS NOT NULL "
                "AND expires_at < now() - make_interval(days => :days) RETURNING file_path"
            ),
            {"days": EXPORT_RETENTION_DAYS},
        )
        purged = list(exports)
    if released is not None:
        released.extend(key for (key,) in purged if key)
    return {"generation_tasks": tasks.rowcount or 0, "exports": len(purged)}
