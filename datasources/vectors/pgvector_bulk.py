"""Large loads into the pgvector tables: COPY into staging, one upsert per table.

Inserting row by row into an HNSW index costs ~6-9 ms per 1,536-dim row; building
the index once over the loaded table costs ~2-3 ms per row. So when a load adds or
changes at least half of a table's rows (a fresh seed, a re-index), the table's HNSW
indexes are dropped before the upsert and recreated from their saved definitions
after it. Everything happens in one transaction: other sessions see the old rows
with their index or the new rows with theirs, never a table without an index — but
they wait for the lock while it runs, so this is for seeding and maintenance, not
for the request path. Upserts have the semantics of `upsert_*` (same validation,
same columns updated, last duplicate wins); unchanged rows are not rewritten.
Statistics are refreshed (ANALYZE) at the end.
"""

# ruff: noqa: S608 - identifiers are the checked schema and fixed table/column names

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import asyncpg

from datasources.errors import is_connection_error
from datasources.vectors.errors import VectorStoreUnavailable
from datasources.vectors.records import ChunkRecord, ConceptVectorRecord, Kind, QARecord
from datasources.vectors.validation import prepare

STORE = "pgvector"
_MEMORY = re.compile(r"^[1-9][0-9]{0,5}(kB|MB|GB)$")
_TABLES: dict[Kind, str] = {
    "chunk": "document_chunks",
    "concept": "concept_embeddings",
    "qa": "question_answers",
}
_COLUMNS: dict[Kind, tuple[str, ...]] = {
    "chunk": ("id", "document_id", "content", "page_number", "chunk_index", "metadata",
              "embedding"),
    "concept": ("id", "title", "description", "neo4j_node_id", "category", "tags", "embedding"),
    "qa": ("id", "question", "answer", "course_id", "difficulty", "topic", "embedding"),
}  # fmt: skip
# What an upsert overwrites on conflict, as in pgvector_sql.upsert_*.
_UPDATED: dict[Kind, tuple[str, ...]] = {
    "chunk": ("content", "page_number", "metadata", "embedding"),
    "concept": _COLUMNS["concept"][1:],
    "qa": _COLUMNS["qa"][1:],
}


class BulkUpsert:
    """`async with index.bulk_upsert() as bulk: await bulk.add_chunks(...)`; applied on exit."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        schema: str,
        *,
        timeout_seconds: float,
        rebuild_min_rows: int,
        maintenance_work_mem: str,
    ) -> None:
        if not _MEMORY.match(maintenance_work_mem):
            raise ValueError("maintenance_work_mem must look like '512MB' or '1GB'")
        self._pool = pool
        self._s = schema  # already quoted
        self._timeout = timeout_seconds
        self._min_rows = rebuild_min_rows
        self._work_mem = maintenance_work_mem
        self._conn: Any = None
        self._tx: Any = None
        self._staged: dict[Kind, set[Any]] = {}
        self.written: dict[Kind, int] = {}
        self.rebuilt: list[str] = []

    async def __aenter__(self) -> BulkUpsert:
        try:
            self._conn = await self._pool.acquire(timeout=self._timeout)
            self._tx = self._conn.transaction()
            await self._tx.start()
        except Exception as exc:
            await self._release()
            _raise_unavailable(exc)
            raise
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if exc is None:
                await self._apply()
                await self._tx.commit()
            else:
                await self._tx.rollback()
        except Exception as error:
            if exc is None and not self._conn.is_closed():
                await self._tx.rollback()
            _raise_unavailable(error)
            raise
        finally:
            await self._release()

    async def add_chunks(self, records: Sequence[ChunkRecord]) -> None:
        rows = [
            (r.id, r.document_id, r.content, r.page_number, r.chunk_index,
             json.dumps(dict(r.metadata), ensure_ascii=False, sort_keys=True), vector)
            for r, vector in prepare(records)
        ]  # fmt: skip
        await self._stage("chunk", rows)

    async def add_concepts(self, records: Sequence[ConceptVectorRecord]) -> None:
        rows = [
            (r.id, r.title, r.description, r.neo4j_node_id, r.category, list(r.tags), vector)
            for r, vector in prepare(records)
        ]
        await self._stage("concept", rows)

    async def add_qa(self, records: Sequence[QARecord]) -> None:
        rows = [
            (r.id, r.question, r.answer, r.course_id, r.difficulty, r.topic, vector)
            for r, vector in prepare(records)
        ]
        await self._stage("qa", rows)

    async def _stage(self, kind: Kind, rows: list[tuple[Any, ...]]) -> None:
        if self._conn is None:
            raise RuntimeError("use `async with index.bulk_upsert() as bulk`")
        staging = f"_bulk_{_TABLES[kind]}"
        seen = self._staged.get(kind)
        if seen is None:
            await self._conn.execute(
                f"CREATE TEMP TABLE {staging} (LIKE {self._s}.{_TABLES[kind]}) ON COMMIT DROP",
                timeout=self._timeout,
            )
            seen = self._staged[kind] = set()
        again = [row[0] for row in rows if row[0] in seen]
        if again:  # the last write of an id wins, as with upsert_*
            await self._conn.execute(
                f"DELETE FROM {staging} WHERE id = ANY($1::uuid[])", again, timeout=self._timeout
            )
        await self._conn.copy_records_to_table(
            staging, records=rows, columns=list(_COLUMNS[kind]), timeout=self._timeout
        )
        seen.update(row[0] for row in rows)

    async def _apply(self) -> None:
        conn, t = self._conn, self._timeout
        for kind in self._staged:
            table, staging = f"{self._s}.{_TABLES[kind]}", f"_bulk_{_TABLES[kind]}"
            old = ", ".join(f"t.{c}" for c in _UPDATED[kind])
            new = ", ".join(f"s.{c}" for c in _UPDATED[kind])
            counts = await conn.fetchrow(
                f"SELECT count(*) FILTER (WHERE t.id IS NULL) AS new, "
                f"count(*) FILTER (WHERE t.id IS NULL OR ({old}) IS DISTINCT FROM ({new})) "
                f"AS changed FROM {staging} s LEFT JOIN {table} t ON t.id = s.id",
                timeout=t,
            )
            if counts["changed"] == 0:
                self.written[kind] = 0
                continue
            total = await conn.fetchval(f"SELECT count(*) FROM {table}", timeout=t)
            rows_after = total + counts["new"]
            rebuild = counts["changed"] >= self._min_rows and 2 * counts["changed"] >= rows_after
            definitions: list[str] = []
            if rebuild:
                definitions = await self._drop_hnsw(_TABLES[kind])
            cols = ", ".join(_COLUMNS[kind])
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in _UPDATED[kind])
            excluded = ", ".join(f"EXCLUDED.{c}" for c in _UPDATED[kind])
            status = await conn.execute(
                f"INSERT INTO {table} AS t ({cols}) SELECT {cols} FROM {staging} "
                f"ON CONFLICT (id) DO UPDATE SET {sets} "
                f"WHERE ({old}) IS DISTINCT FROM ({excluded})",
                timeout=t,
            )
            self.written[kind] = int(status.split()[-1])
            if definitions:
                await conn.execute(f"SET LOCAL maintenance_work_mem = '{self._work_mem}'")
                for definition in definitions:
                    await conn.execute(definition, timeout=t)
                self.rebuilt.append(_TABLES[kind])
            await conn.execute(f"ANALYZE {table}", timeout=t)

    async def _drop_hnsw(self, table: str) -> list[str]:
        """Drop the table's HNSW indexes; returns their definitions to recreate them."""
        schema = self._s.strip('"')
        rows = await self._conn.fetch(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = $1 AND tablename = $2 AND indexdef LIKE '%USING hnsw%'",
            schema,
            table,
        )
        for row in rows:
            await self._conn.execute(f'DROP INDEX {self._s}."{row["indexname"]}"')
        return [row["indexdef"] for row in rows]

    async def _release(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await self._pool.release(conn)


def _raise_unavailable(exc: Exception) -> None:
    """A store that stopped answering is VectorStoreUnavailable; other errors pass through."""
    if is_connection_error(exc) or isinstance(exc, TimeoutError):
        raise VectorStoreUnavailable(STORE, type(exc).__name__) from exc
