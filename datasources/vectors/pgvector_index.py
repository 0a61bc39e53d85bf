"""The vector index in PostgreSQL with pgvector, over asyncpg."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar
from uuid import UUID

import asyncpg
from pgvector.asyncpg import register_vector

from datasources.errors import guard
from datasources.telemetry import store_call
from datasources.vectors import pgvector_rows as rows
from datasources.vectors import pgvector_sql as sql
from datasources.vectors.errors import VectorStoreUnavailable
from datasources.vectors.pgvector_bulk import BulkUpsert
from datasources.vectors.records import (
    ChunkRecord,
    ConceptVectorRecord,
    QARecord,
    VectorHit,
    VectorOwners,
    score_from_distance,
)
from datasources.vectors.validation import (
    MAX_LIMIT,
    check_course_qa,
    check_limit,
    check_offset,
    check_search,
    prepare,
    unique_ids,
)

T = TypeVar("T")
STORE = "pgvector"
_CALL = store_call(STORE, "query")


async def init_connection(conn: asyncpg.Connection) -> None:
    """Pool `init`: the pgvector codec (if the extension exists yet) and iterative scans."""
    schema = await conn.fetchval(
        "SELECT n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        "WHERE t.typname = 'vector' LIMIT 1"
    )
    if schema is not None:
        await register_vector(conn, schema=schema)
    # Without iterative scans an HNSW scan stops after ef_search (40) candidates, so a
    # filtered search or a LIMIT above 40 would silently return too few rows.
    await conn.execute("SET hnsw.iterative_scan = relaxed_order")


class PgVectorIndex:
    """Tables in their own schema (default `vectors`), HNSW cosine indexes."""

    name = STORE

    def __init__(
        self,
        *,
        pool: asyncpg.Pool,
        schema: str = sql.DEFAULT_SCHEMA,
        timeout_seconds: float = 5.0,
        owns_pool: bool = False,
    ) -> None:
        """`pool` must be created with `init=init_connection` (see `connect`)."""
        self._pool = pool
        self._s = sql.quote_schema(schema)
        self.schema = schema
        self.timeout = timeout_seconds
        self._owns_pool = owns_pool

    @classmethod
    async def connect(
        cls,
        *,
        dsn: str,
        schema: str = sql.DEFAULT_SCHEMA,
        timeout_seconds: float = 5.0,
        min_size: int = 0,
        max_size: int = 10,
    ) -> PgVectorIndex:
        """An index with its own pool; min_size=0 so start-up succeeds while the store is down."""
        pool = await asyncpg.create_pool(
            dsn=dsn,
            min_size=min_size,
            max_size=max_size,
            init=init_connection,
            timeout=timeout_seconds,
            command_timeout=timeout_seconds,
        )
        return cls(pool=pool, schema=schema, timeout_seconds=timeout_seconds, owns_pool=True)

    async def _guard(self, work: Awaitable[T]) -> T:
        return await guard(
            STORE, work, seconds=self.timeout, call=_CALL, unavailable=VectorStoreUnavailable
        )

    @asynccontextmanager
    async def _conn(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._pool.acquire() as conn:
            yield conn

    async def _fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        async def run() -> list[asyncpg.Record]:
            async with self._conn() as conn:
                return await conn.fetch(query, *args)

        return await self._guard(run())

    async def _execute(self, query: str, *args: Any) -> str:
        async def run() -> str:
            async with self._conn() as conn:
                return await conn.execute(query, *args)

        return await self._guard(run())

    async def _write_many(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        async def run() -> None:
            async with self._conn() as conn, conn.transaction():
                await conn.executemany(query, rows)

        if rows:
            await self._guard(run())

    async def bootstrap(self) -> None:
        """Extension, schema, tables and indexes; idempotent and safe to run concurrently."""

        async def run() -> None:
            async with self._conn() as conn, conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", sql.BOOTSTRAP_LOCK_KEY)
                await conn.execute(sql.ddl(self._s))

        await self._guard(run())
        # Connections opened before the extension existed have no vector codec yet.
        await self._pool.expire_connections()

    async def ping(self) -> float:
        started = time.perf_counter()
        await self._execute("SELECT 1")
        return time.perf_counter() - started

    async def upsert_chunks(self, records: Sequence[ChunkRecord]) -> None:
        values = [
            (
                r.id,
                r.document_id,
                r.content,
                r.page_number,
                r.chunk_index,
                json.dumps(dict(r.metadata), ensure_ascii=False, sort_keys=True),
                vector,
            )
            for r, vector in prepare(records)
        ]
        await self._write_many(sql.upsert_chunks(self._s), values)

    async def upsert_concepts(self, records: Sequence[ConceptVectorRecord]) -> None:
        values = [
            (r.id, r.title, r.description, r.neo4j_node_id, r.category, list(r.tags), vector)
            for r, vector in prepare(records)
        ]
        await self._write_many(sql.upsert_concepts(self._s), values)

    async def upsert_qa(self, records: Sequence[QARecord]) -> None:
        values = [
            (r.id, r.question, r.answer, r.course_id, r.difficulty, r.topic, vector)
            for r, vector in prepare(records)
        ]
        await self._write_many(sql.upsert_qa(self._s), values)

    async def replace_course_qa(self, course_id: UUID, records: Sequence[QARecord]) -> int:
        check_course_qa(course_id, records)
        values = [
            (r.id, r.question, r.answer, r.course_id, r.difficulty, r.topic, vector)
            for r, vector in prepare(records)
        ]
        keep = [v[0] for v in values]

        async def run() -> str:
            async with self._conn() as conn, conn.transaction():
                if values:
                    await conn.executemany(sql.upsert_qa(self._s), values)
                return await conn.execute(sql.delete_course_qa_except(self._s), course_id, keep)

        return int((await self._guard(run())).split()[-1])

    async def qa_for_courses(
        self, course_ids: Sequence[UUID], *, limit: int = MAX_LIMIT
    ) -> dict[UUID, list[QARecord]]:
        wanted = unique_ids(course_ids)
        check_limit(limit)
        result: dict[UUID, list[QARecord]] = {cid: [] for cid in wanted}
        if wanted:
            for row in await self._fetch(sql.qa_for_courses(self._s), wanted, limit):
                result[row["course_id"]].append(rows.qa(row))
        return result

    def bulk_upsert(
        self,
        *,
        timeout_seconds: float = 3600.0,
        rebuild_min_rows: int = 1000,
        maintenance_work_mem: str = "1GB",
    ) -> BulkUpsert:
        """Large loads (seeding, re-indexing) in one transaction; see pgvector_bulk."""
        return BulkUpsert(
            self._pool,
            self._s,
            timeout_seconds=timeout_seconds,
            rebuild_min_rows=rebuild_min_rows,
            maintenance_work_mem=maintenance_work_mem,
        )

    async def delete_document(self, document_id: UUID, *, from_index: int = 0) -> int:
        (document_id,) = unique_ids([document_id])
        check_offset(from_index)
        status = await self._execute(sql.delete_document(self._s), document_id, from_index)
        return int(status.split()[-1])

    async def delete_concepts(self, ids: Sequence[UUID]) -> int:
        wanted = unique_ids(ids)
        if not wanted:
            return 0
        status = await self._execute(sql.delete_concepts(self._s), wanted)
        return int(status.split()[-1])

    async def search(
        self,
        kinds: Sequence[str],
        vector: Sequence[float],
        *,
        limit: int = 10,
        document_ids: Sequence[UUID] | None = None,
    ) -> list[VectorHit]:
        checked = check_search(kinds, vector, limit, document_ids)
        if checked is None:
            return []
        chosen, query = checked
        args: list[Any] = [query, limit]
        if document_ids is not None:
            args.append(unique_ids(document_ids))
        statement = sql.search(self._s, chosen, by_document=document_ids is not None)
        return [rows.hit(row) for row in await self._fetch(statement, *args)]

    async def similar_concepts(
        self, concept_ids: Sequence[UUID], *, limit: int = 10
    ) -> dict[UUID, list[VectorHit]]:
        wanted = unique_ids(concept_ids)
        check_limit(limit)
        result: dict[UUID, list[VectorHit]] = {cid: [] for cid in wanted}
        if not wanted:
            return result
        for row in await self._fetch(sql.similar_concepts(self._s), wanted, limit):
            record = rows.concept(row)
            hit = VectorHit(
                kind="concept",
                id=record.id,
                score=score_from_distance(row["distance"]),
                record=record,
            )
            result[row["source_id"]].append(hit)
        return result

    async def chunks_for_documents(
        self, document_ids: Sequence[UUID], *, offset: int = 0, limit: int = 100
    ) -> dict[UUID, list[ChunkRecord]]:
        wanted = unique_ids(document_ids)
        check_offset(offset)
        check_limit(limit)
        result: dict[UUID, list[ChunkRecord]] = {did: [] for did in wanted}
        if not wanted:
            return result
        statement = sql.chunks_for_documents(self._s)
        for row in await self._fetch(statement, wanted, offset, limit):
            result[row["document_id"]].append(rows.chunk(row))
        return result

    async def count_chunks(self, document_ids: Sequence[UUID]) -> dict[UUID, int]:
        wanted = unique_ids(document_ids)
        counts = dict.fromkeys(wanted, 0)
        if wanted:
            for row in await self._fetch(sql.count_chunks(self._s), wanted):
                counts[row["document_id"]] = row["n"]
        return counts

    async def owners(self) -> VectorOwners:
        found: dict[str, set[UUID]] = {"chunk": set(), "concept": set(), "qa": set()}
        for row in await self._fetch(sql.owners(self._s)):
            found[row["kind"]].add(row["id"])
        return VectorOwners(
            documents=frozenset(found["chunk"]),
            concepts=frozenset(found["concept"]),
            courses=frozenset(found["qa"]),
        )

    async def close(self) -> None:
        if self._owns_pool:
            await self._pool.close()
