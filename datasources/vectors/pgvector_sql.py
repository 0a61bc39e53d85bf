"""SQL for the pgvector backend. Identifiers come from a checked schema name; values are
always bind parameters."""

# ruff: noqa: S608 - only identifiers (quote_schema-checked, or fixed table names) are
# interpolated below; every value is a $n parameter.

from __future__ import annotations

import re

from datasources.embeddings.base import EMBEDDING_DIMENSIONS
from datasources.vectors.records import Kind

DEFAULT_SCHEMA = "vectors"  # kept out of `public` so alembic's autogenerate ignores it
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Serialises concurrent bootstraps (gateway and workers starting together): CREATE
# EXTENSION / SCHEMA IF NOT EXISTS still race on the catalogs' unique indexes.
BOOTSTRAP_LOCK_KEY = 0x6367_7665_6374  # "cgvect"


def quote_schema(schema: str) -> str:
    if not _SCHEMA_NAME.match(schema):
        raise ValueError(f"schema name {schema!r} must match {_SCHEMA_NAME.pattern}")
    return f'"{schema}"'


def ddl(s: str) -> str:
    """Idempotent DDL for schema `s` (already quoted)."""
    dim = EMBEDDING_DIMENSIONS
    return f"""
CREATE EXTENSION IF NOT EXISTS vector;
CREATE SCHEMA IF NOT EXISTS {s};
CREATE TABLE IF NOT EXISTS {s}.document_chunks (
    id uuid PRIMARY KEY,
    document_id uuid NOT NULL,
    content text NOT NULL,
    page_number integer,
    chunk_index integer NOT NULL CHECK (chunk_index >= 0),
    metadata jsonb NOT NULL DEFAULT '{{}}'::jsonb,
    embedding vector({dim}) NOT NULL,
    -- also the btree for "chunks of these documents in order"
    CONSTRAINT document_chunks_position UNIQUE (document_id, chunk_index)
);
CREATE INDEX IF NOT EXISTS document_chunks_embedding_hnsw
    ON {s}.document_chunks USING hnsw (embedding vector_cosine_ops);
CREATE TABLE IF NOT EXISTS {s}.concept_embeddings (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    description text,
    neo4j_node_id text,
    category text,
    tags text[] NOT NULL DEFAULT '{{}}',
    embedding vector({dim}) NOT NULL
);
CREATE INDEX IF NOT EXISTS concept_embeddings_embedding_hnsw
    ON {s}.concept_embeddings USING hnsw (embedding vector_cosine_ops);
CREATE TABLE IF NOT EXISTS {s}.question_answers (
    id uuid PRIMARY KEY,
    question text NOT NULL,
    answer text NOT NULL,
    course_id uuid,
    difficulty text,
    topic text,
    embedding vector({dim}) NOT NULL
);
CREATE INDEX IF NOT EXISTS question_answers_course_id
    ON {s}.question_answers (course_id);
CREATE INDEX IF NOT EXISTS question_answers_embedding_hnsw
    ON {s}.question_answers USING hnsw (embedding vector_cosine_ops);
"""


def upsert_chunks(s: str) -> str:
    return f"""
INSERT INTO {s}.document_chunks
    (id, document_id, content, page_number, chunk_index, metadata, embedding)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
ON CONFLICT (id) DO UPDATE SET
    content = EXCLUDED.content, page_number = EXCLUDED.page_number,
    metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding"""


def upsert_concepts(s: str) -> str:
    return f"""
INSERT INTO {s}.concept_embeddings
    (id, title, description, neo4j_node_id, category, tags, embedding)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id) DO UPDATE SET
    title = EXCLUDED.title, description = EXCLUDED.description,
    neo4j_node_id = EXCLUDED.neo4j_node_id, category = EXCLUDED.category,
    tags = EXCLUDED.tags, embedding = EXCLUDED.embedding"""


def upsert_qa(s: str) -> str:
    return f"""
INSERT INTO {s}.question_answers
    (id, question, answer, course_id, difficulty, topic, embedding)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id) DO UPDATE SET
    question = EXCLUDED.question, answer = EXCLUDED.answer, course_id = EXCLUDED.course_id,
    difficulty = EXCLUDED.difficulty, topic = EXCLUDED.topic, embedding = EXCLUDED.embedding"""


_TABLES: dict[Kind, str] = {
    "chunk": "document_chunks",
    "concept": "concept_embeddings",
    "qa": "question_answers",
}
# Everything but the embedding: 1,536 floats per hit are not worth shipping back.
_COLUMNS: dict[Kind, str] = {
    "chunk": "t.id, t.document_id, t.content, t.page_number, t.chunk_index, t.metadata",
    "concept": "t.id, t.title, t.description, t.neo4j_node_id, t.category, t.tags",
    "qa": "t.id, t.question, t.answer, t.course_id, t.difficulty, t.topic",
}


def search(s: str, kinds: list[Kind], *, by_document: bool) -> str:
    """One statement over all kinds: $1 query vector, $2 limit, $3 document ids.

    Each arm is an HNSW scan with its own LIMIT; rows travel as jsonb so the arms share
    one shape. With `hnsw.iterative_scan = relaxed_order` (set per connection) an arm may
    come back slightly out of order, so the outer ORDER BY restores exact order.
    """
    arms = []
    for kind in kinds:
        where = "WHERE t.document_id = ANY($3::uuid[])" if kind == "chunk" and by_document else ""
        arms.append(
            f"""(SELECT '{kind}' AS kind, a.distance, to_jsonb(a) - 'distance' AS row
    FROM (SELECT {_COLUMNS[kind]}, t.embedding <=> $1 AS distance
          FROM {s}.{_TABLES[kind]} t {where}
          ORDER BY t.embedding <=> $1 LIMIT $2) a)"""
        )
    union = "\nUNION ALL\n".join(arms)
    return f"SELECT kind, distance, row FROM ({union}) hits ORDER BY distance LIMIT $2"


def similar_concepts(s: str) -> str:
    """$1 concept ids, $2 limit: each id's nearest other concepts, one statement."""
    return f"""
SELECT want.id AS source_id, n.id, n.title, n.description, n.neo4j_node_id, n.category,
       n.tags, n.distance
FROM unnest($1::uuid[]) AS want(id)
JOIN {s}.concept_embeddings q ON q.id = want.id
CROSS JOIN LATERAL (
    SELECT c.id, c.title, c.description, c.neo4j_node_id, c.category, c.tags,
           c.embedding <=> q.embedding AS distance
    FROM {s}.concept_embeddings c
    WHERE c.id <> q.id
    ORDER BY c.embedding <=> q.embedding
    LIMIT $2
) n
ORDER BY want.id, n.distance"""


def chunks_for_documents(s: str) -> str:
    """$1 document ids, $2 offset, $3 limit: a per-document window, one statement.

    A LATERAL range scan on (document_id, chunk_index) reads only offset+limit rows per
    document; a row_number() window would read every chunk of every document first.
    """
    return f"""
SELECT c.id, c.document_id, c.content, c.page_number, c.chunk_index, c.metadata
FROM unnest($1::uuid[]) AS want(id)
CROSS JOIN LATERAL (
    SELECT t.id, t.document_id, t.content, t.page_number, t.chunk_index, t.metadata
    FROM {s}.document_chunks t
    WHERE t.document_id = want.id
    ORDER BY t.chunk_index
    OFFSET $2 LIMIT $3
) c
ORDER BY c.document_id, c.chunk_index"""


def count_chunks(s: str) -> str:
    return f"""
SELECT document_id, count(*) AS n FROM {s}.document_chunks
WHERE document_id = ANY($1::uuid[]) GROUP BY document_id"""


def delete_document(s: str) -> str:
    return f"DELETE FROM {s}.document_chunks WHERE document_id = $1 AND chunk_index >= $2"


def delete_concepts(s: str) -> str:
    return f"DELETE FROM {s}.concept_embeddings WHERE id = ANY($1::uuid[])"


def qa_for_courses(s: str) -> str:
    """$1 course ids, $2 limit: each course's QA pairs by topic, one statement."""
    return f"""
SELECT q.id, q.question, q.answer, q.course_id, q.difficulty, q.topic
FROM unnest($1::uuid[]) AS want(id)
CROSS JOIN LATERAL (
    SELECT t.id, t.question, t.answer, t.course_id, t.difficulty, t.topic
    FROM {s}.question_answers t
    WHERE t.course_id = want.id
    ORDER BY t.topic, t.id
    LIMIT $2
) q
ORDER BY q.course_id, q.topic, q.id"""


def delete_course_qa_except(s: str) -> str:
    """$1 course id, $2 the ids to keep."""
    return f"DELETE FROM {s}.question_answers WHERE course_id = $1 AND NOT (id = ANY($2::uuid[]))"


def owners(s: str) -> str:
    return f"""
SELECT 'chunk' AS kind, document_id AS id FROM (
    SELECT DISTINCT document_id FROM {s}.document_chunks) d
UNION ALL SELECT 'concept', id FROM {s}.concept_embeddings
UNION ALL SELECT 'qa', course_id FROM (
    SELECT DISTINCT course_id FROM {s}.question_answers WHERE course_id IS NOT NULL) q"""
