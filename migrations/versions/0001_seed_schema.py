"""The PostgreSQL schema of SEED-SCHEMA.md: 9 tables, their indexes, 2 views.

Constraint names are spelled out as PostgreSQL would name them for the seed's SQL
(users_pkey, users_email_key, documents_user_id_fkey, ...), so the result is the
same database the seed's own CREATE statements would build. This file is frozen:
it does not import the models, which describe the latest schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from pgvector.sqlalchemy import Vector
from sqlalchemy.dialects import postgresql as pg

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMPTZ = pg.TIMESTAMP(timezone=True)
NOW = sa.text("CURRENT_TIMESTAMP")


def _id() -> sa.Column:
    return sa.Column(
        "id", pg.UUID(as_uuid=True), nullable=False, server_default=sa.text("gen_random_uuid()")
    )


def _ref(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, pg.UUID(as_uuid=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"{table}_{column}_fkey", ondelete=ondelete
    )


def _ts(name: str, *, default: bool = False) -> sa.Column:
    return sa.Column(name, TIMESTAMPTZ, server_default=NOW if default else None)


def _json(name: str, default: str | None = None, *, nullable: bool = True) -> sa.Column:
    server_default = None if default is None else sa.text(f"'{default}'::jsonb")
    return sa.Column(name, pg.JSONB(), nullable=nullable, server_default=server_default)


def _str(name: str, length: int, *, default: str | None = None, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable, server_default=default)


def _int(name: str, default: int | None = None) -> sa.Column:
    return sa.Column(
        name, sa.Integer(), server_default=None if default is None else sa.text(str(default))
    )


def _bool(name: str, default: bool) -> sa.Column:
    return sa.Column(name, sa.Boolean(), server_default=sa.text("true" if default else "false"))


def _text(name: str, *, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _indexes(table: str, *specs: tuple[str, list[str]], **kw: object) -> None:
    for name, columns in specs:
        op.create_index(name, table, [sa.text(c) if " " in c else c for c in columns], **kw)


def _create_tables() -> None:
    op.create_table(
        "users",
        _id(),
        _str("email", 255, nullable=False),
        _str("username", 100, nullable=False),
        _str("password_hash", 255, nullable=False),
        _str("full_name", 255),
        _str("role", 50, default="user"),
        _bool("is_active", True),
        _bool("is_verified", False),
        _ts("last_login"),
        _ts("created_at", default=True),
        _ts("updated_at", default=True),
        _json("metadata", "{}"),
        sa.PrimaryKeyConstraint("id", name="users_pkey"),
        sa.UniqueConstraint("email", name="users_email_key"),
        sa.UniqueConstraint("username", name="users_username_key"),
    )
    op.create_table(
        "documents",
        _id(),
        _ref("user_id"),
        _str("filename", 500, nullable=False),
        _str("original_filename", 500, nullable=False),
        _text("file_path", nullable=False),
        sa.Column("file_size", sa.BigInteger(), nullable=False),
        _str("mime_type", 100),
        _str("status", 50, default="pending"),
        _str("language", 10, default="zh-CN"),
        _int("page_count"),
        _int("word_count"),
        _ts("processing_started_at"),
        _ts("processing_completed_at"),
        _text("processing_error"),
        _text("extracted_text"),
        _json("metadata", "{}"),
        _ts("created_at", default=True),
        _ts("updated_at", default=True),
        sa.PrimaryKeyConstraint("id", name="documents_pkey"),
        _fk("documents", "user_id", "users"),
    )
    op.create_table(
        "courses",
        _id(),
        _ref("user_id"),
        _str("title", 500, nullable=False),
        _text("description"),
        _str("target_audience", 100),
        _str("difficulty_level", 50),
        _int("duration_weeks"),
        _int("hours_per_week"),
        _str("language", 10, default="zh-CN"),
        _str("status", 50, default="draft"),
        _json("outline", "{}", nullable=False),
        _json("learning_objectives", "[]"),
        _json("prerequisites", "[]"),
        _json("assessment_methods", "[]"),
        _json("resources", "[]"),
        _json("metadata", "{}"),
        _ts("published_at"),
        _ts("created_at", default=True),
        _ts("updated_at", default=True),
        sa.PrimaryKeyConstraint("id", name="courses_pkey"),
        _fk("courses", "user_id", "users"),
    )
    op.create_table(
        "course_documents",
        _id(),
        _ref("course_id"),
        _ref("document_id"),
        sa.Column("relevance_score", sa.Numeric(3, 2)),
        _str("usage_type", 50),  # 'primary', 'reference', 'supplementary'
        _ts("created_at", default=True),
        sa.PrimaryKeyConstraint("id", name="course_documents_pkey"),
        _fk("course_documents", "course_id", "courses"),
        _fk("course_documents", "document_id", "documents"),
        sa.UniqueConstraint(
            "course_id", "document_id", name="course_documents_course_id_document_id_key"
        ),
    )
    op.create_table(
        "knowledge_extractions",
        _id(),
        _ref("document_id"),
        _str("extraction_type", 50),  # 'concept', 'definition', 'example', 'formula'
        _text("content", nullable=False),
        _text("context"),
        _int("page_number"),
        sa.Column("confidence_score", sa.Numeric(3, 2)),
        _str("neo4j_node_id", 100),
        sa.Column("embeddings", Vector(1536)),
        _json("metadata", "{}"),
        _ts("created_at", default=True),
        sa.PrimaryKeyConstraint("id", name="knowledge_extractions_pkey"),
        _fk("knowledge_extractions", "document_id", "documents"),
    )
    op.create_table(
        "generation_tasks",
        _id(),
        _ref("user_id"),
        _str("task_type", 50, nullable=False),
        _str("status", 50, default="pending"),
        _int("priority", 0),
        _json("payload", "{}", nullable=False),
        _json("result"),
        _text("error_message"),
        _int("retry_count", 0),
        _int("max_retries", 3),
        _ts("started_at"),
        _ts("completed_at"),
        _ts("created_at", default=True),
        _ts("updated_at", default=True),
        sa.PrimaryKeyConstraint("id", name="generation_tasks_pkey"),
        _fk("generation_tasks", "user_id", "users"),
    )
    op.create_table(
        "exports",
        _id(),
        _ref("course_id"),
        _ref("user_id"),
        _str("format", 20, nullable=False),
        _str("status", 50, default="pending"),
        _text("file_path"),
        sa.Column("file_size", sa.BigInteger()),
        _text("download_url"),
        _ts("expires_at"),
        _json("options", "{}"),
        _text("error_message"),
        _ts("created_at", default=True),
        _ts("completed_at"),
        sa.PrimaryKeyConstraint("id", name="exports_pkey"),
        _fk("exports", "course_id", "courses"),
        _fk("exports", "user_id", "users"),
    )
    op.create_table(
        "api_keys",
        _id(),
        _ref("user_id"),
        _str("key_hash", 255, nullable=False),
        _str("name", 100),
        _json("permissions", "[]"),
        _int("rate_limit", 100),
        _ts("last_used_at"),
        _ts("expires_at"),
        _bool("is_active", True),
        _ts("created_at", default=True),
        _ts("updated_at", default=True),
        sa.PrimaryKeyConstraint("id", name="api_keys_pkey"),
        _fk("api_keys", "user_id", "users"),
        sa.UniqueConstraint("key_hash", name="api_keys_key_hash_key"),
    )
    op.create_table(
        "audit_logs",
        # BIGSERIAL: BIGINT with the owned sequence audit_logs_id_seq.
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        _ref("user_id", nullable=True),
        _str("action", 100, nullable=False),
        _str("resource_type", 50),
        sa.Column("resource_id", pg.UUID(as_uuid=True)),
        sa.Column("ip_address", pg.INET()),
        _text("user_agent"),
        _str("request_method", 10),
        _text("request_path"),
        _json("request_body"),
        _int("response_status"),
        _int("response_time_ms"),
        _json("metadata", "{}"),
        _ts("created_at", default=True),
        sa.PrimaryKeyConstraint("id", name="audit_logs_pkey"),
        _fk("audit_logs", "user_id", "users", ondelete="SET NULL"),
    )


def _create_indexes() -> None:
    _indexes(
        "users",
        ("idx_users_email", ["email"]),
        ("idx_users_username", ["username"]),
        ("idx_users_role", ["role"]),
        ("idx_users_created_at", ["created_at DESC"]),
    )
    _indexes(
        "documents",
        ("idx_documents_user_id", ["user_id"]),
        ("idx_documents_status", ["status"]),
        ("idx_documents_created_at", ["created_at DESC"]),
    )
    _indexes("documents", ("idx_documents_metadata", ["metadata"]), postgresql_using="gin")
    _indexes(
        "courses",
        ("idx_courses_user_id", ["user_id"]),
        ("idx_courses_status", ["status"]),
        ("idx_courses_difficulty_level", ["difficulty_level"]),
        ("idx_courses_created_at", ["created_at DESC"]),
    )
    _indexes("courses", ("idx_courses_outline", ["outline"]), postgresql_using="gin")
    _indexes(
        "course_documents",
        ("idx_course_documents_course_id", ["course_id"]),
        ("idx_course_documents_document_id", ["document_id"]),
    )
    _indexes(
        "knowledge_extractions",
        ("idx_knowledge_extractions_document_id", ["document_id"]),
        ("idx_knowledge_extractions_type", ["extraction_type"]),
        ("idx_knowledge_extractions_neo4j_node_id", ["neo4j_node_id"]),
    )
    # The seed's ivfflat index, verbatim: clearer than dialect keyword arguments.
    op.execute(
        "CREATE INDEX idx_knowledge_extractions_embeddings ON knowledge_extractions"
        " USING ivfflat (embeddings vector_cosine_ops) WITH (lists = 100)"
    )
    _indexes(
        "generation_tasks",
        ("idx_generation_tasks_user_id", ["user_id"]),
        ("idx_generation_tasks_status", ["status"]),
        ("idx_generation_tasks_task_type", ["task_type"]),
        ("idx_generation_tasks_created_at", ["created_at DESC"]),
    )
    _indexes(
        "exports",
        ("idx_exports_course_id", ["course_id"]),
        ("idx_exports_user_id", ["user_id"]),
        ("idx_exports_status", ["status"]),
        ("idx_exports_expires_at", ["expires_at"]),
    )
    _indexes(
        "api_keys",
        ("idx_api_keys_key_hash", ["key_hash"]),
        ("idx_api_keys_user_id", ["user_id"]),
        ("idx_api_keys_expires_at", ["expires_at"]),
    )
    _indexes(
        "audit_logs",
        ("idx_audit_logs_user_id", ["user_id"]),
        ("idx_audit_logs_action", ["action"]),
        ("idx_audit_logs_resource", ["resource_type", "resource_id"]),
        ("idx_audit_logs_created_at", ["created_at DESC"]),
    )


# The seed's views, verbatim.
ACTIVE_COURSES_VIEW = """
CREATE VIEW active_courses_view AS
SELECT
    c.*,
    u.username,
    u.full_name as author_name,
    COUNT(DISTINCT cd.document_id) as document_count
FROM courses c
JOIN users u ON c.user_id = u.id
LEFT JOIN course_documents cd ON c.id = cd.course_id
WHERE c.status = 'published'
GROUP BY c.id, u.username, u.full_name
"""

DOCUMENT_PROCESSING_STATS_VIEW = """
CREATE VIEW document_processing_stats_view AS
SELECT
    DATE(created_at) as date,
    COUNT(*) as total_documents,
    COUNT(CASE WHEN status = 'completed' THEN 1 END) as completed,
    COUNT(CASE WHEN status = 'failed' THEN 1 END) as failed,
    AVG(EXTRACT(EPOCH FROM (processing_completed_at - processing_started_at))) as avg_processing_time
FROM documents
GROUP BY DATE(created_at)
"""

TABLES = (
    "audit_logs",
    "api_keys",
    "exports",
    "generation_tasks",
    "knowledge_extractions",
    "course_documents",
    "courses",
    "documents",
    "users",
)


def upgrade() -> None:
    # gen_random_uuid() is built in since PostgreSQL 13: no pgcrypto needed.
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    _create_tables()
    _create_indexes()
    op.execute(ACTIVE_COURSES_VIEW)
    op.execute(DOCUMENT_PROCESSING_STATS_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS document_processing_stats_view")
    op.execute("DROP VIEW IF EXISTS active_courses_view")
    for table in TABLES:  # dependents first; their indexes go with them
        op.drop_table(table)
    # Other code (the pgvector-backed vector index in schema `vectors`) may use the
    # extension too; keep it then rather than fail or cascade into its tables.
    op.execute(
        """
        DO $$
        BEGIN
            DROP EXTENSION IF EXISTS vector;
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE NOTICE 'extension vector kept: other objects still use it';
        END
        $$
        """
    )
