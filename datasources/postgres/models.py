"""The PostgreSQL tables of SEED-SCHEMA.md as SQLAlchemy 2 declarative models.

The seed is the contract: names, types, nullability, server defaults, constraints and
index names here match it exactly (tests/integration/test_migrations.py compares the
migrated database with one built from the seed's own SQL). Columns the seed does not
mark NOT NULL stay `| None`, even those with a server default.

One deliberate difference: audit_logs is range-partitioned by month (migration 0002),
so its primary key is (id, created_at) — a partitioned table's primary key must
include the partition key. The two views live in migration 0001 only.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from ipaddress import IPv4Address, IPv4Interface, IPv6Address, IPv6Interface
from typing import Any

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    literal,
    text,
)
from sqlalchemy.dialects.postgresql import INET, JSONB, TIMESTAMP, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from datasources.embeddings.base import EMBEDDING_DIMENSIONS

# PostgreSQL's own default constraint names, so the migrated database is
# indistinguishable from one built by running the seed's SQL.
NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
}

TIMESTAMPTZ = TIMESTAMP(timezone=True)
Json = dict[str, Any]
JsonList = list[Any]
# asyncpg returns an address for a host and an interface for a value with a netmask.
IPAddress = IPv4Address | IPv6Address | IPv4Interface | IPv6Interface


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Server defaults are spelled as PostgreSQL stores them (pg_get_expr), which keeps
# alembic's server-default comparison exact.
def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )


def _owner(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Any:
    return mapped_column(
        UUID(as_uuid=True), ForeignKey(target, ondelete=ondelete), nullable=nullable
    )


def _now(*, primary_key: bool = False) -> Any:
    return mapped_column(
        TIMESTAMPTZ, primary_key=primary_key, server_default=text("CURRENT_TIMESTAMP")
    )


def _json(default: str | None = None, *, name: str | None = None, nullable: bool = True) -> Any:
    server_default = None if default is None else text(f"'{default}'::jsonb")
    if name is None:
        return mapped_column(JSONB, nullable=nullable, server_default=server_default)
    return mapped_column(name, JSONB, nullable=nullable, server_default=server_default)


def _varchar(length: int, default: str) -> Any:
    return mapped_column(String(length), server_default=text(f"'{default}'::character varying"))


def _int(default: int) -> Any:
    return mapped_column(Integer, server_default=text(str(default)))


def _bool(default: bool) -> Any:
    return mapped_column(Boolean, server_default=text("true" if default else "false"))


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("email"), UniqueConstraint("username"))

    id: Mapped[uuid.UUID] = _uuid_pk()
    email: Mapped[str] = mapped_column(String(255))
    username: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str | None] = _varchar(50, "user")
    is_active: Mapped[bool | None] = _bool(True)
    is_verified: Mapped[bool | None] = _bool(False)
    last_login: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    created_at: Mapped[datetime | None] = _now()
    updated_at: Mapped[datetime | None] = _now()
    metadata_: Mapped[Json | None] = _json("{}", name="metadata")


Index("idx_users_email", User.email)
Index("idx_users_username", User.username)
Index("idx_users_role", User.role)
Index("idx_users_created_at", User.created_at.desc())


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = _owner("users.id")
    filename: Mapped[str] = mapped_column(String(500))
    original_filename: Mapped[str] = mapped_column(String(500))
    file_path: Mapped[str] = mapped_column(Text)
    file_size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str | None] = _varchar(50, "pending")
    language: Mapped[str | None] = _varchar(10, "zh-CN")
    page_count: Mapped[int | None] = mapped_column(Integer)
    word_count: Mapped[int | None] = mapped_column(Integer)
    processing_started_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    processing_completed_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    processing_error: Mapped[str | None] = mapped_column(Text)
    extracted_text: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[Json | None] = _json("{}", name="metadata")
    created_at: Mapped[datetime | None] = _now()
    updated_at: Mapped[datetime | None] = _now()


Index("idx_documents_user_id", Document.user_id)
Index("idx_documents_status", Document.status)
Index("idx_documents_created_at", Document.created_at.desc())
Index("idx_documents_metadata", Document.metadata_, postgresql_using="gin")
# Migration 0003: the keyset orders of `documents` (key, id).
Index("idx_documents_filename_id", Document.filename, Document.id)
Index("idx_documents_created_at_id", Document.created_at, Document.id)
Index("idx_documents_updated_at_id", Document.updated_at, Document.id)


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = _owner("users.id")
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    target_audience: Mapped[str | None] = mapped_column(String(100))
    difficulty_level: Mapped[str | None] = mapped_column(String(50))
    duration_weeks: Mapped[int | None] = mapped_column(Integer)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = _varchar(10, "zh-CN")
    status: Mapped[str | None] = _varchar(50, "draft")
    outline: Mapped[Json] = _json("{}", nullable=False)
    learning_objectives: Mapped[JsonList | None] = _json("[]")
    prerequisites: Mapped[JsonList | None] = _json("[]")
    assessment_methods: Mapped[JsonList | None] = _json("[]")
    resources: Mapped[JsonList | None] = _json("[]")
    metadata_: Mapped[Json | None] = _json("{}", name="metadata")
    published_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    created_at: Mapped[datetime | None] = _now()
    updated_at: Mapped[datetime | None] = _now()


Index("idx_courses_user_id", Course.user_id)
Index("idx_courses_status", Course.status)
Index("idx_courses_difficulty_level", Course.difficulty_level)
Index("idx_courses_created_at", Course.created_at.desc())
Index("idx_courses_outline", Course.outline, postgresql_using="gin")
# Migration 0003: the keyset orders of `courses` (key, id).
Index("idx_courses_title_id", Course.title, Course.id)
Index("idx_courses_created_at_id", Course.created_at, Course.id)
Index("idx_courses_updated_at_id", Course.updated_at, Course.id)


class CourseDocument(Base):
    __tablename__ = "course_documents"
    __table_args__ = (UniqueConstraint("course_id", "document_id"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    course_id: Mapped[uuid.UUID] = _owner("courses.id")
    document_id: Mapped[uuid.UUID] = _owner("documents.id")
    relevance_score: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    usage_type: Mapped[str | None] = mapped_column(String(50))  # primary|reference|supplementary
    created_at: Mapped[datetime | None] = _now()


Index("idx_course_documents_course_id", CourseDocument.course_id)
Index("idx_course_documents_document_id", CourseDocument.document_id)


class KnowledgeExtraction(Base):
    __tablename__ = "knowledge_extractions"

    id: Mapped[uuid.UUID] = _uuid_pk()
    document_id: Mapped[uuid.UUID] = _owner("documents.id")
    extraction_type: Mapped[str | None] = mapped_column(String(50))  # concept|definition|...
    content: Mapped[str] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    page_number: Mapped[int | None] = mapped_column(Integer)
    confidence_score: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    neo4j_node_id: Mapped[str | None] = mapped_column(String(100))
    embeddings: Mapped[list[float] | None] = mapped_column(Vector(EMBEDDING_DIMENSIONS))
    metadata_: Mapped[Json | None] = _json("{}", name="metadata")
    created_at: Mapped[datetime | None] = _now()


Index("idx_knowledge_extractions_document_id", KnowledgeExtraction.document_id)
Index("idx_knowledge_extractions_type", KnowledgeExtraction.extraction_type)
Index("idx_knowledge_extractions_neo4j_node_id", KnowledgeExtraction.neo4j_node_id)
Index(
    "idx_knowledge_extractions_embeddings",
    KnowledgeExtraction.embeddings,
    postgresql_using="ivfflat",
    postgresql_ops={"embeddings": "vector_cosine_ops"},
    postgresql_with={"lists": 100},
)


class GenerationTask(Base):
    __tablename__ = "generation_tasks"

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = _owner("users.id")
    task_type: Mapped[str] = mapped_column(String(50))  # see DESIGN.md job kinds
    status: Mapped[str | None] = _varchar(50, "pending")
    priority: Mapped[int | None] = _int(0)
    payload: Mapped[Json] = _json("{}", nullable=False)
    result: Mapped[Json | None] = _json()
    error_message: Mapped[str | None] = mapped_column(Text)
    retry_count: Mapped[int | None] = _int(0)
    max_retries: Mapped[int | None] = _int(3)
    started_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    completed_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    created_at: Mapped[datetime | None] = _now()
    updated_at: Mapped[datetime | None] = _now()


Index("idx_generation_tasks_user_id", GenerationTask.user_id)
Index("idx_generation_tasks_status", GenerationTask.status)
Index("idx_generation_tasks_task_type", GenerationTask.task_type)
Index("idx_generation_tasks_created_at", GenerationTask.created_at.desc())


def task_subject(key: str) -> ColumnElement[str]:
    """`payload ->> 'key'` with the key written into the SQL: PostgreSQL matches an
    expression index only against the same expression, and `payload ->> $1` (what
    `payload[key].astext` sends) is not `payload ->> 'document_id'` to the planner."""
    return GenerationTask.payload.op("->>", return_type=Text)(literal(key, literal_execute=True))


# Migration 0004: a document's / a course's newest task, found by its payload.
Index(
    "idx_generation_tasks_document_id",
    task_subject("document_id"),
    GenerationTask.created_at.desc(),
)
Index("idx_generation_tasks_course_id", task_subject("course_id"), GenerationTask.created_at.desc())


class Export(Base):
    __tablename__ = "exports"

    id: Mapped[uuid.UUID] = _uuid_pk()
    course_id: Mapped[uuid.UUID] = _owner("courses.id")
    user_id: Mapped[uuid.UUID] = _owner("users.id")
    format: Mapped[str] = mapped_column(String(20))  # pdf|docx|html|markdown
    status: Mapped[str | None] = _varchar(50, "pending")
    file_path: Mapped[str | None] = mapped_column(Text)
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    download_url: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    options: Mapped[Json | None] = _json("{}")
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None] = _now()
    completed_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)


Index("idx_exports_course_id", Export.course_id)
Index("idx_exports_user_id", Export.user_id)
Index("idx_exports_status", Export.status)
Index("idx_exports_expires_at", Export.expires_at)


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (UniqueConstraint("key_hash"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = _owner("users.id")
    key_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(100))
    permissions: Mapped[JsonList | None] = _json("[]")
    rate_limit: Mapped[int | None] = _int(100)
    last_used_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    expires_at: Mapped[datetime | None] = mapped_column(TIMESTAMPTZ)
    is_active: Mapped[bool | None] = _bool(True)
    created_at: Mapped[datetime | None] = _now()
    updated_at: Mapped[datetime | None] = _now()


Index("idx_api_keys_key_hash", ApiKey.key_hash)
Index("idx_api_keys_user_id", ApiKey.user_id)
Index("idx_api_keys_expires_at", ApiKey.expires_at)


class AuditLog(Base):
    """Partitioned by month of created_at (UTC); see migration 0002 and docs/database.md."""

    __tablename__ = "audit_logs"
    __table_args__ = {"postgresql_partition_by": "RANGE (created_at)"}

    # BIGSERIAL: the sequence audit_logs_id_seq survives the partitioning swap.
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    user_id: Mapped[uuid.UUID | None] = _owner("users.id", nullable=True, ondelete="SET NULL")
    action: Mapped[str] = mapped_column(String(100))
    resource_type: Mapped[str | None] = mapped_column(String(50))
    resource_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    ip_address: Mapped[IPAddress | None] = mapped_column(INET)
    user_agent: Mapped[str | None] = mapped_column(Text)
    request_method: Mapped[str | None] = mapped_column(String(10))
    request_path: Mapped[str | None] = mapped_column(Text)
    request_body: Mapped[Json | None] = _json()
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_time_ms: Mapped[int | None] = mapped_column(Integer)
    metadata_: Mapped[Json | None] = _json("{}", name="metadata")
    # Part of the primary key (hence NOT NULL) because it is the partition key.
    created_at: Mapped[datetime] = _now(primary_key=True)


Index("idx_audit_logs_user_id", AuditLog.user_id)
Index("idx_audit_logs_action", AuditLog.action)
Index("idx_audit_logs_resource", AuditLog.resource_type, AuditLog.resource_id)
Index("idx_audit_logs_created_at", AuditLog.created_at.desc())
