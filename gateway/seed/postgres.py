"""Write the demo dataset to PostgreSQL: COPY into staging tables, then one upsert per table.

Everything runs in one transaction on one asyncpg connection. Rows that already hold
the same values are left alone (`WHERE ... IS DISTINCT FROM`), so a second run
writes nothing and leaves no dead tuples. Password hashes are only set for users
that do not exist yet.
"""

# ruff: noqa: S608 - table and column names come from the constants below, never from input

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from uuid import UUID

import asyncpg

from gateway.seed.data import Dataset
from gateway.seed.records import seed_id

TABLES = ("users", "documents", "courses", "course_documents", "knowledge_extractions")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


async def upsert(
    conn: asyncpg.Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    conflict: Sequence[str] = ("id",),
    keep: Sequence[str] = (),
) -> int:
    """COPY `rows` into a staging copy of `table`, then insert-or-update; returns rows written.

    `keep` columns are written on insert but never overwritten on conflict.
    """
    staging = f"_seed_{table}"
    await conn.execute(
        f'CREATE TEMP TABLE "{staging}" (LIKE "{table}" INCLUDING DEFAULTS) ON COMMIT DROP'
    )
    await conn.copy_records_to_table(staging, records=rows, columns=list(columns))
    cols = ", ".join(columns)
    updated = [c for c in columns if c not in (*conflict, "id", *keep)]
    assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in updated)
    old = ", ".join(f"t.{c}" for c in updated)
    new = ", ".join(f"EXCLUDED.{c}" for c in updated)
    status = await conn.execute(
        f'INSERT INTO "{table}" AS t ({cols}) SELECT {cols} FROM "{staging}" '
        f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {assignments} "
        f"WHERE ({old}) IS DISTINCT FROM ({new})"
    )
    return int(status.split()[-1])


async def write_postgres(
    conn: asyncpg.Connection, data: Dataset, *, new_password_hashes: dict[UUID, str]
) -> dict[str, int]:
    """Upsert every table of the dataset; returns rows written (inserted or changed) per table."""
    written: dict[str, int] = {}
    async with conn.transaction():
        written["users"] = await upsert(
            conn,
            "users",
            (
                "id", "email", "username", "password_hash", "full_name", "role", "is_active",
                "is_verified", "created_at", "updated_at", "metadata",
            ),
            [
                (
                    u.id, u.email, u.username,
                    # Existing users keep their hash (`keep` below): this placeholder is
                    # only ever staged, never stored.
                    new_password_hashes.get(u.id, "!unchanged"),
                    u.full_name, u.role, True, True, u.created_at, u.created_at,
                    _json({"seed": data.tag}),
                )
                for u in data.users
            ],
            keep=("password_hash",),
        )  # fmt: skip
        written["documents"] = await upsert(
            conn,
            "documents",
            (
                "id", "user_id", "filename", "original_filename", "file_path", "file_size",
                "mime_type", "status", "language", "page_count", "word_count",
                "processing_started_at", "processing_completed_at", "processing_error",
                "extracted_text", "metadata", "created_at", "updated_at",
            ),
            [
                (
                    d.id, d.user_id, d.filename, d.filename, f"demo/{d.subject}/{d.filename}",
                    d.file_size, d.mime_type, d.status, d.language, d.page_count, d.word_count,
                    d.started_at, d.completed_at, d.error, None,
                    _json({"seed": data.tag, "subject": d.subject, "type": d.graph_type}),
                    d.created_at, d.completed_at or d.created_at,
                )
                for d in data.documents
            ],
        )  # fmt: skip
        written["courses"] = await upsert(
            conn,
            "courses",
            (
                "id", "user_id", "title", "description", "target_audience", "difficulty_level",
                "duration_weeks", "hours_per_week", "language", "status", "outline",
                "learning_objectives", "prerequisites", "assessment_methods", "resources",
                "metadata", "published_at", "created_at", "updated_at",
            ),
            [
                (
                    c.id, c.user_id, c.title, c.description, c.target_audience,
                    c.difficulty_level, c.duration_weeks, c.hours_per_week, c.language, c.status,
                    _json(c.outline), _json(c.learning_objectives), _json(c.prerequisites),
                    _json(c.assessment_methods), _json(c.resources), _json(c.metadata),
                    c.published_at, c.created_at, c.published_at or c.created_at,
                )
                for c in data.courses
            ],
        )  # fmt: skip
        written["course_documents"] = await upsert(
            conn,
            "course_documents",
            ("id", "course_id", "document_id", "relevance_score", "usage_type", "created_at"),
            [
                (
                    seed_id(data.tag, "course_document", c.id, link.document_id),
                    c.id, link.document_id, link.relevance_score, link.usage_type, c.created_at,
                )
                for c in data.courses
                for link in c.documents
            ],
            # The pair is the identity: a link the app made first keeps its own id.
            conflict=("course_id", "document_id"),
        )  # fmt: skip
        written["knowledge_extractions"] = await upsert(
            conn,
            "knowledge_extractions",
            (
                "id", "document_id", "extraction_type", "content", "context", "page_number",
                "confidence_score", "neo4j_node_id", "metadata", "created_at",
            ),
            [
                (
                    e.id, e.document_id, e.extraction_type, e.content, e.context, e.page_number,
                    e.confidence, e.neo4j_node_id, _json({"seed": data.tag}), e.created_at,
                )
                for e in data.extractions
            ],
        )  # fmt: skip
    # Fresh statistics: the planner otherwise keeps estimating these tables as empty.
    for table in TABLES:
        await conn.execute(f'ANALYZE "{table}"')
    return written


async def existing_users(conn: asyncpg.Connection, ids: Sequence[UUID]) -> set[UUID]:
    rows = await conn.fetch("SELECT id FROM users WHERE id = ANY($1::uuid[])", list(ids))
    return {r["id"] for r in rows}
