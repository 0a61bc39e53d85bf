"""The course writer: PostgreSQL commits only after Neo4j succeeded; editors are checked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import UUID

import pytest
from neo4j import AsyncGraphDatabase
from sqlalchemy import select

from datasources.courses import CourseWriter, Refused
from datasources.errors import UpstreamUnavailable
from datasources.neo4j.writes import GraphWriter
from datasources.postgres.base import Viewer
from datasources.postgres.models import Course
from datasources.stores import Stores
from tests.factories import World

pytestmark = pytest.mark.integration


@pytest.fixture
async def dead_graph_writer(stores: Stores) -> AsyncIterator[CourseWriter]:
    """A writer whose Neo4j refuses every connection; PostgreSQL and Redis are real."""
    dead = AsyncGraphDatabase.driver(
        "bolt://127.0.0.1:9", auth=("neo4j", "x"), connection_timeout=0.5
    )
    try:
        graph = GraphWriter(dead, database="neo4j", timeout=1.0)
        yield CourseWriter(stores.sessions, graph, stores.redis, stores.exports, stores.vectors)
    finally:
        await dead.close()


async def _title(stores: Stores, course_id: UUID) -> str | None:
    async with stores.sessions() as session:
        return (await session.execute(select(Course.title).where(Course.id == course_id))).scalar()


async def _count_titled(stores: Stores, title: str) -> int:
    async with stores.sessions() as session:
        rows = await session.execute(select(Course.id).where(Course.title == title))
        return len(rows.all())


async def test_a_failed_graph_write_leaves_postgres_untouched(
    world: World, stores: Stores, dead_graph_writer: CourseWriter
) -> None:
    owner = await world.user()
    with pytest.raises(UpstreamUnavailable):
        await dead_graph_writer.create(
            owner_id=owner.user_id, values={"title": "Never half-written"}
        )
    assert await _count_titled(stores, "Never half-written") == 0

    course = await world.course(owner, title="Before")
    editor = Viewer(owner.user_id)
    with pytest.raises(UpstreamUnavailable):
        await dead_graph_writer.update(course, {"title": "After"}, editor=editor)
    assert await _title(stores, course) == "Before"
    with pytest.raises(UpstreamUnavailable):
        await dead_graph_writer.delete(course, editor=editor)
    assert await _title(stores, course) == "Before"


async def test_only_the_owner_or_an_admin_may_change_a_course(world: World, stores: Stores) -> None:
    owner, other, admin = await world.user(), await world.user(), await world.user(role="admin")
    course = await world.course(owner, title="Mine")
    writer = stores.course_writer
    refused = await writer.update(course, {"title": "Theirs"}, editor=Viewer(other.user_id))
    assert refused is Refused.COURSE
    assert await writer.editable(course, editor=Viewer(other.user_id)) is None
    assert await writer.editable(course, editor=Viewer(None)) is None
    changed = await writer.update(
        course, {"duration_weeks": 3, "hours_per_week": 5}, editor=Viewer(admin.user_id, True)
    )
    assert not isinstance(changed, Refused) and changed.title == "Mine"
    rows, _, _ = await stores.graph_writer.driver.execute_query(
        "MATCH (c:Course {id: $id}) RETURN c.duration_hours AS hours", id=str(course)
    )
    assert rows[0]["hours"] == 15

    document = await world.document(other)
    linked = await writer.link_document(
        course, document, relevance=None, usage_type=None, editor=Viewer(owner.user_id)
    )
    assert linked is Refused.DOCUMENT


async def test_unknown_columns_are_refused_before_anything_is_written(
    world: World, stores: Stores
) -> None:
    owner = await world.user()
    with pytest.raises(ValueError, match="user_id"):
        await stores.course_writer.create(
            owner_id=owner.user_id, values={"title": "x", "user_id": owner.user_id}
        )
    assert await _count_titled(stores, "x") == 0
