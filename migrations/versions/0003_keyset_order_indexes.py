"""Indexes for the keyset orders of `courses` and `documents` (issue 15).

`orderBy` on id, title (filename for documents), created and updated time, both
directions, pages by (key, id) > (cursor key, cursor id): a btree on (key, id) serves
that as an index range scan read forwards or backwards, where the seed's single-column
indexes (created_at DESC only) leave a sort of every visible row for each page. The
primary keys already serve the order by id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index name, table, key column): each index is (key, id).
INDEXES = [
    ("idx_courses_title_id", "courses", "title"),
    ("idx_courses_created_at_id", "courses", "created_at"),
    ("idx_courses_updated_at_id", "courses", "updated_at"),
    ("idx_documents_filename_id", "documents", "filename"),
    ("idx_documents_created_at_id", "documents", "created_at"),
    ("idx_documents_updated_at_id", "documents", "updated_at"),
]


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column, "id"])


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
