"""The vector index in Weaviate, over the v4 async client (REST + gRPC)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from weaviate.classes.aggregate import GroupByAggregate
from weaviate.classes.data import DataObject
from weaviate.classes.query import Filter, MetadataQuery, Sort
from weaviate.client import WeaviateAsyncClient
from weaviate.collections.collection.async_ import CollectionAsync
from weaviate.exceptions import UnexpectedStatusCodeError

from datasources.vectors import weaviate_schema as ws
from datasources.vectors.errors import VectorStoreUnavailable
from datasources.vectors.records import (
    ChunkRecord,
    ConceptVectorRecord,
    Kind,
    QARecord,
    Record,
    VectorHit,
)
from datasources.vectors.validation import (
    check_limit,
    check_offset,
    check_search,
    prepare,
    unique_ids,
)
from datasources.vectors.weaviate_client import is_unavailable, make_client

T = TypeVar("T")
STORE = "weaviate"
_WRITE_BATCH = 500  # ~3 MB of float32 vectors per gRPC message, far under the 100 MB cap
_MAX_DELETE_ROUNDS = 1000  # delete_many removes at most QUERY_MAXIMUM_RESULTS per call


class WeaviateVectorIndex:
    """Collections DocumentChunk, ConceptEmbedding, QuestionAnswer (optionally prefixed)."""

    name = STORE

    def __init__(
        self,
        *,
        client: WeaviateAsyncClient,
        prefix: str = "",
        timeout_seconds: float = 5.0,
        owns_client: bool = False,
        max_concurrency: int = 16,
    ) -> None:
        """`client` may still be unconnected: it connects on first use, so the gateway
        starts (and serves other stores) while Weaviate is down."""
        self._client = client
        self.names = ws.collection_names(prefix)
        self.timeout = timeout_seconds
        self._owns_client = owns_client
        self._connect_lock = asyncio.Lock()
        # Per-id fan-out (see similar_concepts) shares one HTTP/2 channel; bound it.
        self._fan_out = asyncio.Semaphore(max_concurrency)

    @classmethod
    def from_urls(
        cls,
        *,
        http_url: str,
        grpc_url: str,
        api_key: str | None = None,
        prefix: str = "",
        timeout_seconds: float = 5.0,
    ) -> WeaviateVectorIndex:
        """An index with its own (not yet connected) client."""
        client = make_client(
            http_url=http_url, grpc_url=grpc_url, api_key=api_key, timeout=timeout_seconds
        )
        return cls(client=client, prefix=prefix, timeout_seconds=timeout_seconds, owns_client=True)

    def _collection(self, kind: Kind) -> CollectionAsync:
        return self._client.collections.use(self.names[kind])

    async def _guard(self, work: Callable[[], Awaitable[T]]) -> T:
        try:
            async with asyncio.timeout(self.timeout):
                if not self._client.is_connected():
                    async with self._connect_lock:
                        if not self._client.is_connected():
                            await self._client.connect()
                return await work()
        except TimeoutError:
            raise VectorStoreUnavailable(STORE, f"no answer within {self.timeout:g}s") from None
        except Exception as exc:
            if is_unavailable(exc):
                raise VectorStoreUnavailable(STORE, type(exc).__name__) from exc
            raise

    async def bootstrap(self) -> None:
        """Create missing collections; a concurrent creator winning the race is fine."""

        async def run() -> None:
            for kind, name in self.names.items():
                if await self._client.collections.exists(name):
                    continue
                try:
                    await self._client.collections.create(
                        name, properties=ws.PROPERTIES[kind], vector_config=ws.vector_config()
                    )
                except UnexpectedStatusCodeError as exc:
                    if "already exists" not in str(exc):
                        raise

        await self._guard(run)

    async def ping(self) -> float:
        started = time.perf_counter()

        async def run() -> None:
            if not await self._client.is_ready():
                raise VectorStoreUnavailable(STORE, "not ready")

        await self._guard(run)
        return time.perf_counter() - started

    async def _upsert(self, kind: Kind, records: Sequence[Record]) -> None:
        # Batch import with an existing uuid replaces the object: an idempotent upsert.
        objects = [
            DataObject(properties=ws.to_properties(r), uuid=r.id, vector=vector)
            for r, vector in prepare(records)
        ]
        collection = self._collection(kind)

        async def run() -> None:
            for start in range(0, len(objects), _WRITE_BATCH):
                result = await collection.data.insert_many(objects[start : start + _WRITE_BATCH])
                if result.errors:
                    first = next(iter(result.errors.values())).message
                    raise RuntimeError(f"{len(result.errors)} {kind} objects not written: {first}")

        if objects:
            await self._guard(run)

    async def upsert_chunks(self, records: Sequence[ChunkRecord]) -> None:
        await self._upsert("chunk", records)

    async def upsert_concepts(self, records: Sequence[ConceptVectorRecord]) -> None:
        await self._upsert("concept", records)

    async def upsert_qa(self, records: Sequence[QARecord]) -> None:
        await self._upsert("qa", records)

    async def _delete_where(self, kind: Kind, where: Any) -> int:
        collection = self._collection(kind)

        async def run() -> int:
            deleted = 0
            for _ in range(_MAX_DELETE_ROUNDS):
                result = await collection.data.delete_many(where=where)
                deleted += result.successful
                if result.matches == 0 or result.successful == 0:
                    break
            return deleted

        return await self._guard(run)

    async def delete_document(self, document_id: UUID) -> int:
        (document_id,) = unique_ids([document_id])
        where = Filter.by_property("documentId").equal(str(document_id))
        return await self._delete_where("chunk", where)

    async def delete_concepts(self, ids: Sequence[UUID]) -> int:
        wanted = unique_ids(ids)
        if not wanted:
            return 0
        return await self._delete_where("concept", Filter.by_id().contains_any(wanted))

    async def _near(
        self, kind: Kind, vector: list[float], limit: int, where: Any = None
    ) -> list[VectorHit]:
        async with self._fan_out:
            result = await self._collection(kind).query.near_vector(
                vector, limit=limit, filters=where, return_metadata=MetadataQuery(distance=True)
            )
        return ws.hits(kind, result.objects)

    async def search(
        self,
        kinds: Sequence[str],
        vector: Sequence[float],
        *,
        limit: int = 10,
        document_ids: Sequence[UUID] | None = None,
    ) -> list[VectorHit]:
        """One near_vector per kind, sent concurrently (gRPC Search takes one collection)."""
        checked = check_search(kinds, vector, limit, document_ids)
        if checked is None:
            return []
        chosen, query = checked
        where = None
        if document_ids is not None:
            docs = [str(d) for d in unique_ids(document_ids)]
            where = Filter.by_property("documentId").contains_any(docs)

        scoped = {kind: where if kind == "chunk" else None for kind in chosen}

        async def run() -> list[list[VectorHit]]:
            return await asyncio.gather(
                *(self._near(k, query, limit, w) for k, w in scoped.items())
            )

        hits = [hit for per_kind in await self._guard(run) for hit in per_kind]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:limit]

    async def similar_concepts(
        self, concept_ids: Sequence[UUID], *, limit: int = 10
    ) -> dict[UUID, list[VectorHit]]:
        """Level 1: every source vector in one query. Level 2: the per-id near_vector
        searches, concurrently; Weaviate's gRPC API has no multi-search request."""
        wanted = unique_ids(concept_ids)
        check_limit(limit)
        result: dict[UUID, list[VectorHit]] = {cid: [] for cid in wanted}
        if not wanted:
            return result
        collection = self._collection("concept")

        async def run() -> list[tuple[UUID, list[VectorHit]]]:
            sources = await collection.query.fetch_objects(
                filters=Filter.by_id().contains_any(wanted),
                limit=len(wanted),
                include_vector=True,
                return_properties=[],
            )
            vectors = {UUID(str(o.uuid)): ws.default_vector(o.vector) for o in sources.objects}

            async def neighbours(cid: UUID, vector: list[float]) -> tuple[UUID, list[VectorHit]]:
                # One extra instead of a not-equal filter: cheaper, and self is dropped below.
                hits = await self._near("concept", vector, limit + 1)
                return cid, [h for h in hits if h.id != cid][:limit]

            return await asyncio.gather(*(neighbours(c, v) for c, v in vectors.items()))

        result.update(await self._guard(run))
        return result

    async def chunks_for_documents(
        self, document_ids: Sequence[UUID], *, offset: int = 0, limit: int = 100
    ) -> dict[UUID, list[ChunkRecord]]:
        """One sorted, windowed fetch per document, all sent concurrently."""
        wanted = unique_ids(document_ids)
        check_offset(offset)
        check_limit(limit)
        if not wanted:
            return {}
        collection = self._collection("chunk")

        async def window(did: UUID) -> tuple[UUID, list[ChunkRecord]]:
            async with self._fan_out:
                page = await collection.query.fetch_objects(
                    filters=Filter.by_property("documentId").equal(str(did)),
                    sort=Sort.by_property("chunkIndex", ascending=True),
                    offset=offset,
                    limit=limit,
                )
            return did, [ws.chunk_from(o.uuid, o.properties) for o in page.objects]

        async def run() -> list[tuple[UUID, list[ChunkRecord]]]:
            return await asyncio.gather(*(window(d) for d in wanted))

        return dict(await self._guard(run))

    async def count_chunks(self, document_ids: Sequence[UUID]) -> dict[UUID, int]:
        """One aggregate grouped by documentId."""
        wanted = unique_ids(document_ids)
        counts = dict.fromkeys(wanted, 0)
        if not wanted:
            return counts
        collection = self._collection("chunk")

        async def run() -> Any:
            return await collection.aggregate.over_all(
                filters=Filter.by_property("documentId").contains_any([str(d) for d in wanted]),
                group_by=GroupByAggregate(prop="documentId", limit=len(wanted)),
                total_count=True,
            )

        for group in (await self._guard(run)).groups:
            counts[UUID(str(group.grouped_by.value))] = group.total_count or 0
        return counts

    async def close(self) -> None:
        if self._owns_client:
            await self._client.close()
