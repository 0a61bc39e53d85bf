"""The relational scale of issue 15 on top of `curriculum seed-demo --scale 1`.

The peer comparison (bench/peers.py) runs on 200 users, 2,000 documents, 500 courses
and 5,000 course_documents, the dataset of /work/shared/PERFORMANCE.md; the demo seed
at scale 1 has 2,000 documents but 8 users, 200 courses and ~1,960 links. This adds
PostgreSQL rows only (users that cannot sign in, courses without a graph, links to the
seeded documents) up to those counts, with ids derived from fixed names, so a second
run adds nothing. The graph and vector benchmarks never read these rows.
"""

from __future__ import annotations

import secrets

import asyncpg
from argon2 import PasswordHasher

TARGETS = {"users": 200, "documents": 2000, "courses": 500, "course_documents": 5000}

_COUNTS = """
SELECT (SELECT count(*) FROM users) AS users,
       (SELECT count(*) FROM documents WHERE status IS DISTINCT FROM 'deleted') AS documents,
       (SELECT count(*) FROM courses) AS courses,
       (SELECT count(*) FROM course_documents) AS course_documents
"""

_USERS = """
INSERT INTO users (id, email, username, password_hash, full_name, role, is_active, created_at)
SELECT md5('peers:user:' || n)::uuid, 'peers_user_' || n || '@example.com', 'peers_user_' || n,
       $2, 'Peer user ' || n, 'user', true, timestamptz '2026-01-01' + n * interval '1 minute'
FROM generate_series(1, $1::int) AS n
ON CONFLICT DO NOTHING
"""

_COURSES = """
WITH owners AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS n
                FROM users)
INSERT INTO courses (id, user_id, title, description, language, status, outline,
                     published_at, created_at, updated_at)
SELECT md5('peers:course:' || g)::uuid, owners.id, 'Peer course ' || g,
       'A course of the peer benchmark', 'en',
       (ARRAY['published', 'draft', 'archived'])[g % 3 + 1], '{}'::jsonb,
       CASE WHEN g % 3 = 0 THEN timestamptz '2026-02-01' + g * interval '1 hour' END,
       timestamptz '2026-02-01' + g * interval '1 hour',
       timestamptz '2026-02-01' + g * interval '1 hour'
FROM generate_series(1, $1::int) AS g
JOIN owners ON owners.i = g % owners.n
ON CONFLICT DO NOTHING
"""

_LINKS = """
WITH c AS (SELECT id, row_number() OVER (ORDER BY id) AS i FROM courses
           WHERE title LIKE 'Peer course %'),
     d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS j, count(*) OVER () AS n
           FROM documents WHERE status IS DISTINCT FROM 'deleted'),
     pairs AS (SELECT c.id AS course_id, c.i, k FROM c CROSS JOIN generate_series(1, 40) AS k)
INSERT INTO course_documents (id, course_id, document_id, relevance_score, usage_type)
SELECT md5('peers:link:' || pairs.course_id || ':' || pairs.k)::uuid, pairs.course_id, d.id,
       round((0.3 + (pairs.k % 7) / 10.0)::numeric, 2),
       (ARRAY['primary', 'reference', 'supplementary'])[pairs.k % 3 + 1]
FROM pairs JOIN d ON d.j = (pairs.i * 37 + pairs.k * 101) % d.n
ORDER BY pairs.k, pairs.i
LIMIT $1
ON CONFLICT DO NOTHING
"""


async def counts(conn: asyncpg.Connection) -> dict[str, int]:
    row = await conn.fetchrow(_COUNTS)
    return {name: int(row[name]) for name in TARGETS}


async def top_up(dsn: str) -> dict[str, int]:
    """Add rows up to TARGETS; returns the counts after. Documents are only checked."""
    conn = await asyncpg.connect(dsn)
    try:
        found = await counts(conn)
        if found["documents"] < TARGETS["documents"]:
            raise RuntimeError(
                f"{found['documents']} documents: run `curriculum seed-demo --scale 1` first"
            )
        async with conn.transaction():
            missing = TARGETS["users"] - found["users"]
            if missing > 0:
                # A random password nobody is told: these accounts never sign in.
                unknown = PasswordHasher().hash(secrets.token_urlsafe(32))
                await conn.execute(_USERS, missing, unknown)
            missing = TARGETS["courses"] - found["courses"]
            if missing > 0:
                await conn.execute(_COURSES, missing)
            found = await counts(conn)
            missing = TARGETS["course_documents"] - found["course_documents"]
            if missing > 0:
                await conn.execute(_LINKS, missing)
        return await counts(conn)
    finally:
        await conn.close()
