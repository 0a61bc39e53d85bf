"""Retention and partition housekeeping against the real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text

from datasources.postgres.models import Course, Export, GenerationTask
from jobs import maintenance
from tests.factories import World


async def test_partitions_are_created_ahead_and_idempotently(world: World) -> None:
    engine = world.stores.engine
    await maintenance.ensure_partitions(engine, months_ahead=6)
    async with engine.connect() as conn:
        first = (
            await conn.execute(
                text("SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass")
            )
        ).scalar()
    await maintenance.ensure_partitions(engine, months_ahead=6)
    async with engine.connect() as conn:
        again = (
            await conn.execute(
                text("SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass")
            )
        ).scalar()
    assert first == again and first >= 7


async def test_purge_removes_only_rows_past_retention(world: World) -> None:
    owner = await world.user()
    course = await world.course(owner)
    old = datetime.now(UTC) - timedelta(days=45)
    ids = {name: uuid.uuid4() for name in ("old_done", "old_pending", "new_done")}
    async with world.stores.sessions() as session, session.begin():
        for name, created, status in (
            ("old_done", old, "completed"),
            ("old_pending", old, "pending"),
            ("new_done", datetime.now(UTC), "completed"),
        ):
            await session.execute(
                insert(GenerationTask).values(
                    id=ids[name],
                    user_id=owner.user_id,
                    task_type="export",
                    status=status,
                    created_at=created,
                )
            )
        await session.execute(
            insert(Export).values(
                course_id=course, user_id=owner.user_id, format="pdf", expires_at=old
            )
        )
        await session.execute(
            insert(Export).values(
                course_id=course,
                user_id=owner.user_id,
                format="pdf",
                expires_at=datetime.now(UTC) + timedelta(days=1),
            )
        )
    would = await maintenance.purge_tasks(world.stores, dry_run=True)
    would |= await maintenance.purge_exports(world.stores, dry_run=True)
    assert would["generation_tasks"] >= 1 and would["exports"] >= 1
    async with world.stores.sessions() as session:
        assert (
            len(
                (
                    await session.execute(
                        select(GenerationTask.id).where(GenerationTask.user_id == owner.user_id)
                    )
                ).all()
            )
            == 3
        )  # the dry run removed nothing
    removed = await maintenance.purge_tasks(world.stores, dry_run=False)
    removed |= await maintenance.purge_exports(world.stores, dry_run=False)
    assert removed["generation_tasks"] >= 1 and removed["exports"] >= 1
    again = await maintenance.purge_tasks(world.stores, dry_run=False)
    again |= await maintenance.purge_exports(world.stores, dry_run=False)
    assert again == {"generation_tasks": 0, "exports": 0, "files": 0}
    async with world.stores.sessions() as session:
        left = set(
            (
                await session.execute(
                    select(GenerationTask.id).where(GenerationTask.user_id == owner.user_id)
                )
            ).scalars()
        )
        exports = (
            await session.execute(
                select(func.count()).select_from(Export).where(Export.user_id == owner.user_id)
            )
        ).scalar()
        assert (await session.get(Course, course)) is not None
    assert left == {ids["old_pending"], ids["new_done"]}
    assert exports == 1
