"""The ORM models against a real, migrated PostgreSQL: server defaults, constraints.

One scratch database per module (on the server named by DATABASE_URL, else the dev
stack's .stack/stack.env), migrated with `alembic upgrade head`.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal
from ipaddress import IPv4Address, IPv6Interface
from pathlib import Path
from typing import TypeVar

import asyncpg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from datasources.postgres.engine import (
    STACK_ENV_FILE,
    async_url,
    create_engine,
    create_sessionmaker,
    database_url,
)
from datasources.postgres.models import (
    ApiKey,
    AuditLog,
    Course,
    CourseDocument,
    Document,
    Export,
    GenerationTask,
    KnowledgeExtraction,
    User,
)

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def _dsn(url: str, database: str) -> str:
    parts = make_url(async_url(url)).set(drivername="postgresql", database=database)
    return parts.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
async def engine() -> AsyncIterator[AsyncEngine]:
    """An engine on a fresh scratch database at `alembic upgrade head`; dropped afterwards."""
    server = database_url(REPO / STACK_ENV_FILE)
    if not server:
        pytest.fail("no PostgreSQL: set DATABASE_URL or run `python -m gateway.stack up`")
    name = f"model_test_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(_dsn(server, make_url(async_url(server)).database or "postgres"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    eng: AsyncEngine | None = None
    try:
        config = Config(str(REPO / "alembic.ini"))
        url = async_url(_dsn(server, name))
        config.attributes.update(database_url=url, configure_logging=False)
        await asyncio.to_thread(command.upgrade, config, "head")  # env.py runs its own loop
        eng = create_engine(url, pool_size=2)
        yield eng
    finally:
        if eng is not None:
            await eng.dispose()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose commits are savepoints inside one transaction rolled back at the end."""
    async with engine.connect() as connection:
        outer = await connection.begin()
        maker = async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        async with maker() as s:
            yield s
        await outer.rollback()


def _user(tag: str | None = None) -> User:
    tag = tag or uuid.uuid4().hex[:12]
    return User(email=f"{tag}@example.org", username=tag, password_hash="argon2$x")


def _document(user: User, **values: object) -> Document:
    return Document(
        user_id=user.id,
        filename="a.pdf",
        original_filename="A.pdf",
        file_path="/files/a.pdf",
        file_size=1024,
        **values,
    )


async def _saved(session: AsyncSession, row: T) -> T:
    """Insert, commit, and read back what the server stored (defaults included)."""
    session.add(row)
    await session.commit()
    await session.refresh(row)
    return row


def _is_recent(value: datetime | None) -> bool:
    return value is not None and value.tzinfo is not None


async def test_user_gets_the_seed_defaults(session: AsyncSession) -> None:
    user = await _saved(session, _user())
    assert isinstance(user.id, uuid.UUID)
    assert (user.role, user.is_active, user.is_verified) == ("user", True, False)
    assert user.metadata_ == {}
    assert user.full_name is None and user.last_login is None
    assert _is_recent(user.created_at) and _is_recent(user.updated_at)


async def test_documents_courses_and_links(session: AsyncSession) -> None:
    user = await _saved(session, _user())
    document = await _saved(session, _document(user, metadata_={"pages": [1, 2]}))
    assert (document.status, document.language) == ("pending", "zh-CN")
    assert document.metadata_ == {"pages": [1, 2]}
    assert _is_recent(document.created_at)

    course = await _saved(session, Course(user_id=user.id, title="线性代数"))
    assert (course.language, course.status, course.outline) == ("zh-CN", "draft", {})
    assert course.learning_objectives == course.prerequisites == []
    assert course.assessment_methods == course.resources == []
    assert course.metadata_ == {}

    link = await _saved(
        session,
        CourseDocument(
            course_id=course.id, document_id=document.id, relevance_score=Decimal("0.85")
        ),
    )
    assert link.relevance_score == Decimal("0.85")
    assert _is_recent(link.created_at)


async def test_knowledge_extraction_with_embedding(session: AsyncSession) -> None:
    user = await _saved(session, _user())
    document = await _saved(session, _document(user))
    vector = [0.0] * 1536
    vector[7] = 0.5
    extraction = await _saved(
        session,
        KnowledgeExtraction(
            document_id=document.id,
            extraction_type="concept",
            content="矩阵",
            confidence_score=Decimal("0.9"),
            embeddings=vector,
        ),
    )
    assert extraction.embeddings == vector
    assert extraction.confidence_score == Decimal("0.90")
    assert extraction.metadata_ == {}
    nearest = await session.scalar(
        select(KnowledgeExtraction.id).order_by(
            KnowledgeExtraction.embeddings.cosine_distance(vector)
        )
    )
    assert nearest == extraction.id


async def test_tasks_exports_and_api_keys(session: AsyncSession) -> None:
    user = await _saved(session, _user())
    task = await _saved(session, GenerationTask(user_id=user.id, task_type="export"))
    assert (task.status, task.priority, task.retry_count, task.max_retries) == (
        "pending",
        0,
        0,
        3,
    )
    assert task.payload == {} and task.result is None

    course = await _saved(session, Course(user_id=user.id, title="c"))
    export = await _saved(session, Export(course_id=course.id, user_id=user.id, format="pdf"))
    assert (export.status, export.options) == ("pending", {})

    key = await _saved(session, ApiKey(user_id=user.id, key_hash=secrets.token_hex(32)))
    assert (key.permissions, key.rate_limit, key.is_active) == ([], 100, True)


async def test_audit_log_ids_from_the_sequence_and_partitioned_storage(
    session: AsyncSession,
) -> None:
    user = await _saved(session, _user())
    first = await _saved(
        session, AuditLog(user_id=user.id, action="login", ip_address=IPv4Address("10.1.2.3"))
    )
    second = await _saved(
        session,
        AuditLog(action="query", ip_address=IPv6Interface("2001:db8::/64"), request_body={"q": 1}),
    )
    assert second.id > first.id
    assert _is_recent(first.created_at) and first.metadata_ == {}
    assert (first.ip_address, second.ip_address) == (
        IPv4Address("10.1.2.3"),
        IPv6Interface("2001:db8::/64"),
    )
    # Read back through the composite primary key (id, created_at).
    assert await session.get(AuditLog, (first.id, first.created_at)) is first


async def test_cascades_and_set_null(session: AsyncSession) -> None:
    user = await _saved(session, _user())
    document = await _saved(session, _document(user))
    log = await _saved(session, AuditLog(user_id=user.id, action="upload"))
    await session.execute(delete(User).where(User.id == user.id))
    await session.commit()
    assert await session.scalar(select(Document).where(Document.id == document.id)) is None
    await session.refresh(log)
    assert log.user_id is None


# Bad input: rejected by PostgreSQL itself, and the unit of work leaves nothing behind.


async def _count(
    maker: async_sessionmaker[AsyncSession], model: type, *where: ColumnElement[bool]
) -> int:
    async with maker() as s:
        count = await s.scalar(select(func.count()).select_from(model).where(*where))
        return int(count or 0)


@pytest.fixture
def maker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """The application's own session factory: real commits and rollbacks."""
    return create_sessionmaker(engine)


async def test_duplicate_email_is_rejected_and_rolled_back(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    tag = uuid.uuid4().hex[:12]
    async with maker() as s:
        first = _user(tag)
        s.add(first)
        await s.commit()
    async with maker() as s:
        other = _user()
        s.add(other)
        await s.flush()
        s.add(
            Document(
                user_id=other.id, filename="x", original_filename="x", file_path="/x", file_size=1
            )
        )
        s.add(User(email=f"{tag}@example.org", username=f"{tag}-2", password_hash="h"))
        with pytest.raises(IntegrityError, match="users_email_key") as error:
            await s.commit()
        assert error.value.orig.sqlstate == "23505"  # type: ignore[union-attr]
        await s.rollback()
    assert await _count(maker, User, User.email == f"{tag}@example.org") == 1
    assert await _count(maker, User, User.id == other.id) == 0
    assert await _count(maker, Document, Document.user_id == other.id) == 0


async def test_null_in_a_not_null_column_is_rejected(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    async with maker() as s:
        user = _user()
        s.add(user)
        await s.commit()
    async with maker() as s:
        s.add(Course(user_id=user.id, title="kept only if all succeed"))
        s.add(
            Document(
                user_id=user.id, filename=None, original_filename="x", file_path="/x", file_size=1
            )
        )
        with pytest.raises(IntegrityError, match='"filename"') as error:
            await s.commit()
        assert error.value.orig.sqlstate == "23502"  # type: ignore[union-attr]
        await s.rollback()
    assert await _count(maker, Course, Course.user_id == user.id) == 0
    assert await _count(maker, User, User.id == user.id) == 1


async def test_foreign_key_to_a_missing_user_is_rejected(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    ghost = uuid.uuid4()
    async with maker() as s:
        s.add(GenerationTask(user_id=ghost, task_type="export"))
        with pytest.raises(IntegrityError, match="generation_tasks_user_id_fkey") as error:
            await s.commit()
        assert error.value.orig.sqlstate == "23503"  # type: ignore[union-attr]
        await s.rollback()
    assert await _count(maker, GenerationTask, GenerationTask.user_id == ghost) == 0


async def test_decimal_3_2_overflow_is_rejected(maker: async_sessionmaker[AsyncSession]) -> None:
    # PostgreSQL reports numeric overflow as a data exception (SQLSTATE 22003), not an
    # integrity violation, and SQLAlchemy's asyncpg dialect raises it as a plain DBAPIError.
    async with maker() as s:
        user = _user()
        s.add(user)
        await s.flush()
        document = _document(user)
        course = Course(user_id=user.id, title="c")
        s.add_all([document, course])
        await s.flush()
        s.add(
            CourseDocument(
                course_id=course.id, document_id=document.id, relevance_score=Decimal("10.00")
            )
        )
        with pytest.raises(DBAPIError, match="numeric field overflow") as error:
            await s.commit()
        assert not isinstance(error.value, IntegrityError)
        assert error.value.orig.sqlstate == "22003"  # type: ignore[union-attr]
        await s.rollback()
    assert await _count(maker, User, User.id == user.id) == 0
    assert await _count(maker, Course, Course.id == course.id) == 0
