"""Indexes for finding a document's or a course's tasks by their payload.

`Document.task`, `documentProcessing` and the upload's "same bytes again" check look
up the newest document_processing task whose `payload->>'document_id'` is one of a
few ids; `courseGeneration` and course planning do the same with `course_id`. The
seed indexes only `task_type` and `created_at`, which leaves a scan of every task of
that type. An expression btree on (payload key, created_at DESC) answers "newest task
of this document" by an index range scan.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index name, payload key): each index is ((payload ->> key), created_at DESC).
INDEXES = [
    ("idx_generation_tasks_document_id", "document_id"),
    ("idx_generation_tasks_course_id", "course_id"),
]


def upgrade() -> None:
    for name, key in INDEXES:
        # The key is a constant of this file, never input.
        op.execute(
            f"CREATE INDEX {name} ON generation_tasks ((payload ->> '{key}'), created_at DESC)"
        )


def downgrade() -> None:
    for name, _ in reversed(INDEXES):
        op.drop_index(name, table_name="generation_tasks")
