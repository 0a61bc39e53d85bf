"""The vector index in Weaviate, over the v4 async client (REST, gRPC, and GraphQL for
the two batched reads while the server has it)."""

from __future__ import annotations

import asyncio
import json
import logging
import struct
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from weaviate.classes.aggregate import GroupByAggregate
from weaviate.classes.data import DataObject
from weaviate.classes.query import Filter, MetadataQuery, Sort
from weaviate.client import WeaviateAsyncClient
from weaviate.collections.collection.async_ import CollectionAsync
from weaviate.exceptions import UnexpectedStatusCodeError, WeaviateQueryError

from datasources.errors import guard
from datasources.telemetry import store_call
from datasources.vectors import weaviate_schema as ws
from datasources.vectors.errors import VectorStoreUnavailable
from datasources.vectors.records import (
    ChunkRecord,
    ConceptVectorRecord,
    Kind,
    QARecord,
    Record,
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
from datasources.vectors.weaviate_client import is_unavailable, make_client

T = TypeVar("T")
STORE = "weaviate"
_CALL = store_call(STORE, "query")
OWNERS_SCAN_SECONDS = 600.0  # owners(): a full scan, for maintenance jobs only
log = logging.getLogger(__name__)
_WRITE_BATCH = 500  # ~3 MB of float32 vectors per gRPC message, far under the 100 MB cap
_MAX_DELETE_ROUNDS = 1000  # delete_many removes at most QUERY_MAXIMUM_RESULTS per call


# Split of the batched reads (see docs/vectors.md, "Round trips"): one GraphQL request
# holds at most MAX_ALIASES aliased sub-queries, and at most MAX_ROWS objects asked for
# in total (aliases x per-alias limit), which bounds the size of one JSON answer.
MAX_ALIASES = 500
MAX_ROWS = 50_000

# The batched reads put their values into the GraphQL text as literals. Weaviate 1.35
# takes variables only for string arguments (and a filter value only under a generated
# scalar type, TextGetObjects<Collection>); it fails Int variables for limit/offset
# ("interface {} is int64, not int") and list variables for ContainsAny, and the
# client's graphql_raw_query sends no variables. This is safe because the text is built
# only from checked values, so nothing a caller passes can change its structure:
# collection names from `self.names` (validated prefix + fixed names), property names
# from ws.PROPERTIES, ints through int(), and UUIDs re-parsed by UUID() and written as
# JSON strings (hex digits and dashes only).


# What Weaviate answers to POST /v1/graphql when started with DISABLE_GRAPHQL=true
# (seen on 1.35.2): HTTP 422 with {"error": [{"message": "graphql api is disabled"}]}.
GRAPHQL_DISABLED_STATUS = 422
GRAPHQL_DISABLED_MESSAGE = "graphql api is disabled"


def _error_message(exc: UnexpectedStatusCodeError) -> str:
    """The messages of a Weaviate error body ({"error": [{"message": ...}]} or
    {"message": ...}), joined; "" if there are none."""
    body = exc.error
    if not isinstance(body, dict):
        return ""
    items = body.get("error")
    if not isinstance(items, list):
        items = [body]
    return "; ".join(str(i["message"]) for i in items if isinstance(i, dict) and "message" in i)


def graphql_disabled(exc: BaseException) -> bool:
    """Whether `exc` (raised by graphql_raw_query) means this server has no GraphQL API.

    Two answers qualify: HTTP 422 "graphql api is disabled", which Weaviate gives when run
    with DISABLE_GRAPHQL; and HTTP 404, which its router gives for a path it does not
    serve (not seen yet for /v1/graphql: it is the expected answer once a release removes
    the endpoint). GraphQL errors in the query itself come back as 200 with `errors`, a
    missing schema or missing permissions as another 422 message or 403: not these.
    """
    if not isinstance(exc, UnexpectedStatusCodeError):
        return False
    if exc.status_code == 404:
        return True
    return (
        exc.status_code == GRAPHQL_DISABLED_STATUS
        and GRAPHQL_DISABLED_MESSAGE in _error_message(exc).lower()
    )


def _uuid_literal(value: UUID) -> str:
    return json.dumps(str(UUID(str(value))))


def _selection(kind: Kind) -> str:
    return " ".join(p.name for p in ws.PROPERTIES[kind])


def _batches(ids: Sequence[UUID], rows_per_id: int) -> list[Sequence[UUID]]:
    """`ids` in as few requests as MAX_ALIASES and MAX_ROWS allow."""
    size = max(1, min(MAX_ALIASES, MAX_ROWS // rows_per_id))
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _float32(value: float) -> float:
    """Weaviate computes distances in float32; gRPC hands them over as float32, GraphQL
    as the shortest decimal that reads back as that float32. Read back the same float."""
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def _hits(kind: Kind, objects: Sequence[dict[str, Any]]) -> list[VectorHit]:
    """GraphQL search results as hits, in Weaviate's order, scored as ws.hits does."""
    hits = []
    for o in objects:
        uid = UUID(o["_additional"]["id"])
        distance = _float32(o["_additional"].get("distance") or 0.0)
        hits.append(
            VectorHit(
                kind=kind,
                id=uid,
                score=score_from_distance(distance),
                record=ws.record_from(kind, uid, o),
            )
        )
    return hits


class WeaviateVectorIndex:
    """Collections DocumentChunk, ConceptEmbedding, QuestionAnswer (optionally prefixed).

    The two batched reads (similar_concepts, chunks_for_documents) have a GraphQL and a
    gRPC implementation; see _batched_read for why and how one is chosen.
    """

    name = STORE

    def __init__(
        self,
        *,
        client: WeaviateAsyncClient,
        prefix: str = "",
        timeout_seconds: float = 5.0,
        owns_client: bool = False,
        max_concurrency: int = 16,
        use_graphql: bool = True,
    ) -> None:
        """`client` may still be unconnected: it connects on first use, so the gateway
        starts (and serves other stores) while Weaviate is down.

        `use_graphql=False` sends the batched reads over gRPC from the start, one query per
        id, as happens by itself once the server answers that GraphQL is disabled.
        """
        self._client = client
        self.names = ws.collection_names(prefix)
        self.timeout = timeout_seconds
        self._owns_client = owns_client
        self._connect_lock = asyncio.Lock()
        # Concurrent requests of one call (per-kind searches, split GraphQL batches); bound it.
        self._fan_out = asyncio.Semaphore(max_concurrency)
        # The batched reads go over GraphQL while this is True; see _batched_read.
        self._graphql = use_graphql

    @classmethod
    def from_urls(
        cls,
        *,
        http_url: str,
        grpc_url: str,
        api_key: str | None = None,
        prefix: str = "",
        timeout_seconds: float = 5.0,
        use_graphql: bool = True,
    ) -> WeaviateVectorIndex:
        """An index with its own (not yet connected) client."""
        client = make_client(
            http_url=http_url, grpc_url=grpc_url, api_key=api_key, timeout=timeout_seconds
        )
        return cls(
            client=client,
            prefix=prefix,
            timeout_seconds=timeout_seconds,
            owns_client=True,
            use_graphql=use_graphql,
        )

    def _collection(self, kind: Kind) -> CollectionAsync:
        return self._client.collections.use(self.names[kind])

    async def _guard(self, work: Callable[[], Awaitable[T]], *, seconds: float | None = None) -> T:
        async def connected() -> T:
            if not self._client.is_connected():
                async with self._connect_lock:
                    if not self._client.is_connected():
                        await self._client.connect()
            return await work()

        return await guard(
            STORE,
            connected(),
            seconds=seconds or self.timeout,
            call=_CALL,
            unavailable=VectorStoreUnavailable,
            is_down=is_unavailable,
        )

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

    async def replace_course_qa(self, course_id: UUID, records: Sequence[QARecord]) -> int:
        """Upsert first, then delete the course's others: a reader never sees the course
        without questions (Weaviate has no transactions; a failure in between leaves
        extra old pairs, which the next run deletes)."""
        check_course_qa(course_id, records)
        await self._upsert("qa", records)
        keep = unique_ids(r.id for r in records)
        where = Filter.by_property("courseId").equal(str(course_id))
        if keep:
            where = where & Filter.by_id().contains_none(keep)
        return await self._delete_where("qa", where)

    async def qa_for_courses(
        self, course_ids: Sequence[UUID], *, limit: int = MAX_LIMIT
    ) -> dict[UUID, list[QARecord]]:
        """One sorted fetch per course, sent concurrently (like _chunks_grpc)."""
        wanted = unique_ids(course_ids)
        check_limit(limit)
        collection = self._collection("qa")

        async def fetch(cid: UUID) -> tuple[UUID, list[QARecord]]:
            async with self._fan_out:
                page = await collection.query.fetch_objects(
                    filters=Filter.by_property("courseId").equal(str(cid)),
                    sort=Sort.by_property("topic", ascending=True),
                    limit=limit,
                )
            found = [ws.qa_from(o.uuid, o.properties) for o in page.objects]
            return cid, sorted(found, key=lambda r: (r.topic or "", str(r.id)))

        async def run() -> dict[UUID, list[QARecord]]:
            return dict(await asyncio.gather(*(fetch(c) for c in wanted)))

        return await self._guard(run) if wanted else {}

    async def delete_document(self, document_id: UUID, *, from_index: int = 0) -> int:
        (document_id,) = unique_ids([document_id])
        check_offset(from_index)
        where = Filter.by_property("documentId").equal(str(document_id))
        if from_index:
            where = where & Filter.by_property("chunkIndex").greater_or_equal(from_index)
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

    async def _graphql_get(self, query: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """POST one GraphQL document to /v1/graphql; its `Get` answers by alias, and errors.

        Every request of the batched reads goes through here (the tests count calls).
        """
        answer = await self._client.graphql_raw_query(query)
        errors: Any = answer.errors or []  # typed as a dict by the client; it is a list
        return dict(answer.get or {}), list(errors)

    async def _get_aliased(self, parts: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        """One request with one aliased `Get` sub-query per entry of `parts` (alias -> query).

        Returns each alias's answer (None if it failed) and each failed alias's message.
        Weaviate answers the other aliases when one fails; an error that names none of
        ours (a syntax error, an unknown collection) fails the whole call.
        """
        body = " ".join(f"{alias}: {query}" for alias, query in parts.items())
        async with self._fan_out:
            data, errors = await self._graphql_get(f"{{ Get {{ {body} }} }}")
        failed: dict[str, str] = {}
        for error in errors:
            message = str(error.get("message") or error)
            path = error.get("path") or []
            if len(path) != 2 or path[0] != "Get" or path[1] not in parts:
                raise WeaviateQueryError(message, "GraphQL")
            failed[path[1]] = message
        return {alias: data.get(alias) for alias in parts}, failed

    def _stop_graphql(self, exc: UnexpectedStatusCodeError) -> None:
        """Use gRPC for the batched reads from now on; warn once per index."""
        if self._graphql:
            self._graphql = False
            log.warning(
                "Weaviate answered HTTP %d (%s) to a GraphQL request: similar_concepts and "
                "chunks_for_documents of the index on collections %s now use gRPC, one "
                "query per id, for the life of this index",
                exc.status_code,
                _error_message(exc) or "no message",
                ", ".join(self.names.values()),
            )

    async def _batched_read(
        self, via_graphql: Callable[[], Awaitable[T]], via_grpc: Callable[[], Awaitable[T]]
    ) -> T:
        """Run one of the batched reads over GraphQL if this index still uses it, else gRPC.

        Why two implementations: gRPC `Search` takes one query for one collection, so over
        gRPC these reads cost one query per id; GraphQL takes many aliased queries in one
        request, one round trip per call (docs/vectors.md, "Round trips"). But Weaviate
        has deprecated GraphQL, and a server can run without it (DISABLE_GRAPHQL; Weaviate
        Cloud from May 1, 2027). When the server answers that GraphQL is disabled
        (graphql_disabled), this index switches to gRPC for good and answers the same call
        over gRPC, within the same deadline. Any other error raises as it is.
        """

        async def run() -> T:
            if self._graphql:
                try:
                    return await via_graphql()
                except UnexpectedStatusCodeError as exc:
                    if not graphql_disabled(exc):
                        raise
                    self._stop_graphql(exc)
            return await via_grpc()

        return await self._guard(run)

    async def similar_concepts(
        self, concept_ids: Sequence[UUID], *, limit: int = 10
    ) -> dict[UUID, list[VectorHit]]:
        """Per concept, its `limit` nearest other concepts; [] for an id not stored.

        One GraphQL request (_similar_graphql), or, once GraphQL is off, one gRPC query
        per concept (_similar_grpc); see _batched_read.
        """
        wanted = unique_ids(concept_ids)
        check_limit(limit)
        result: dict[UUID, list[VectorHit]] = {cid: [] for cid in wanted}
        if not wanted:
            return result
        result.update(
            await self._batched_read(
                lambda: self._similar_graphql(wanted, limit),
                lambda: self._similar_grpc(wanted, limit),
            )
        )
        return result

    async def _similar_graphql(
        self, wanted: Sequence[UUID], limit: int
    ) -> dict[UUID, list[VectorHit]]:
        """One GraphQL request: an aliased `nearObject` search per concept, and one alias
        listing which of the ids exist.

        Each search asks for `limit + 1` and drops the concept itself. An unknown id has no
        vector: Weaviate fails that alias ("vector not found") and still answers the others.
        Such a failure gives [] only if the existence alias confirms the id is absent; any
        other error raises WeaviateQueryError. More ids than MAX_ALIASES, or than
        MAX_ROWS // (limit + 1), are split into as few requests as that allows, sent
        concurrently.
        """
        name = self.names["concept"]
        fields = _selection("concept")
        # One extra instead of a not-equal filter: cheaper, and self is dropped below.
        near_limit = int(limit) + 1

        def parts(batch: Sequence[UUID]) -> dict[str, str]:
            queries = {
                f"c{i}": f"{name}(nearObject: {{id: {_uuid_literal(cid)}}}, limit: {near_limit})"
                f" {{ {fields} _additional {{ id distance }} }}"
                for i, cid in enumerate(batch)
            }
            # Last, so that (with aliases resolved in order) a concept deleted meanwhile
            # is also missing here, and its failed search is not taken for a real error.
            ids = ", ".join(_uuid_literal(cid) for cid in batch)
            queries["found"] = (
                f'{name}(where: {{path: ["id"], operator: ContainsAny, valueText: [{ids}]}},'
                f" limit: {len(batch)}) {{ _additional {{ id }} }}"
            )
            return queries

        async def one(batch: Sequence[UUID]) -> list[tuple[UUID, list[VectorHit]]]:
            answers, failed = await self._get_aliased(parts(batch))
            if "found" in failed:
                raise WeaviateQueryError(failed["found"], "GraphQL")
            present = {UUID(o["_additional"]["id"]) for o in answers["found"] or []}
            pairs = []
            for i, cid in enumerate(batch):
                if cid not in present:
                    continue  # no stored vector: [] as set by the caller
                if f"c{i}" in failed:
                    raise WeaviateQueryError(f"nearObject {cid}: {failed[f'c{i}']}", "GraphQL")
                hits = _hits("concept", answers[f"c{i}"] or [])
                pairs.append((cid, [h for h in hits if h.id != cid][:limit]))
            return pairs

        batches = await asyncio.gather(*(one(b) for b in _batches(wanted, near_limit)))
        return {cid: hits for pairs in batches for cid, hits in pairs}

    async def _similar_grpc(
        self, wanted: Sequence[UUID], limit: int
    ) -> dict[UUID, list[VectorHit]]:
        """Level 1: the source vectors, fetched by id. Level 2: the per-id near_vector
        searches, concurrently; Weaviate's gRPC API has no multi-search request. An
        unknown id has no vector, so it gets no search ([] as set by the caller).

        Level 1 is one query per MAX_ALIASES ids, sent concurrently: one fetch is capped
        by the server's QUERY_MAXIMUM_RESULTS (10,000 by default).
        """
        collection = self._collection("concept")

        async def fetch(batch: Sequence[UUID]) -> list[Any]:
            async with self._fan_out:
                found = await collection.query.fetch_objects(
                    filters=Filter.by_id().contains_any(batch),
                    limit=len(batch),
                    include_vector=True,
                    return_properties=[],
                )
            return list(found.objects)

        sources = await asyncio.gather(*(fetch(b) for b in _batches(wanted, 1)))
        vectors = {UUID(str(o.uuid)): ws.default_vector(o.vector) for b in sources for o in b}

        async def neighbours(cid: UUID, vector: list[float]) -> tuple[UUID, list[VectorHit]]:
            # One extra instead of a not-equal filter: cheaper, and self is dropped below.
            hits = await self._near("concept", vector, limit + 1)
            return cid, [h for h in hits if h.id != cid][:limit]

        return dict(await asyncio.gather(*(neighbours(c, v) for c, v in vectors.items())))

    async def chunks_for_documents(
        self, document_ids: Sequence[UUID], *, offset: int = 0, limit: int = 100
    ) -> dict[UUID, list[ChunkRecord]]:
        """Per document, its chunks by chunkIndex from `offset`, at most `limit`.

        One GraphQL request (_chunks_graphql), or, once GraphQL is off, one gRPC query
        per document (_chunks_grpc); see _batched_read. `offset + limit` above the
        server's QUERY_MAXIMUM_RESULTS (10,000 by default) fails with WeaviateQueryError.
        """
        wanted = unique_ids(document_ids)
        check_offset(offset)
        check_limit(limit)
        if not wanted:
            return {}
        return await self._batched_read(
            lambda: self._chunks_graphql(wanted, offset, limit),
            lambda: self._chunks_grpc(wanted, offset, limit),
        )

    async def _chunks_graphql(
        self, wanted: Sequence[UUID], offset: int, limit: int
    ) -> dict[UUID, list[ChunkRecord]]:
        """One GraphQL request: an aliased, sorted, windowed `Get` per document.

        More ids than MAX_ALIASES, or than MAX_ROWS // limit, are split into as few
        requests as that allows, sent concurrently.
        """
        name = self.names["chunk"]
        fields = _selection("chunk")
        window = (
            f'sort: [{{path: ["chunkIndex"], order: asc}}], offset: {int(offset)},'
            f" limit: {int(limit)}"
        )

        def parts(batch: Sequence[UUID]) -> dict[str, str]:
            return {
                f"d{i}": f'{name}(where: {{path: ["documentId"], operator: Equal,'
                f" valueText: {_uuid_literal(did)}}}, {window})"
                f" {{ {fields} _additional {{ id }} }}"
                for i, did in enumerate(batch)
            }

        async def one(batch: Sequence[UUID]) -> list[tuple[UUID, list[ChunkRecord]]]:
            answers, failed = await self._get_aliased(parts(batch))
            for i, did in enumerate(batch):
                if f"d{i}" in failed:
                    raise WeaviateQueryError(f"chunks of {did}: {failed[f'd{i}']}", "GraphQL")
            return [
                (did, [ws.chunk_from(o["_additional"]["id"], o) for o in answers[f"d{i}"] or []])
                for i, did in enumerate(batch)
            ]

        batches = await asyncio.gather(*(one(b) for b in _batches(wanted, int(limit))))
        return {did: chunks for pairs in batches for did, chunks in pairs}

    async def _chunks_grpc(
        self, wanted: Sequence[UUID], offset: int, limit: int
    ) -> dict[UUID, list[ChunkRecord]]:
        """One sorted, windowed fetch per document, all sent concurrently."""
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

        return dict(await asyncio.gather(*(window(d) for d in wanted)))

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

    async def owners(self) -> VectorOwners:
        """Walks every collection with the cursor API (ids and one property, no vectors)."""

        async def scan(kind: Kind, prop: str | None) -> frozenset[UUID]:
            found: set[UUID] = set()
            objects = self._collection(kind).iterator(return_properties=[prop] if prop else [])
            async for obj in objects:
                if prop is None:
                    found.add(UUID(str(obj.uuid)))
                elif obj.properties.get(prop):
                    found.add(UUID(str(obj.properties[prop])))
            return frozenset(found)

        async def run() -> VectorOwners:
            return VectorOwners(
                documents=await scan("chunk", "documentId"),
                concepts=await scan("concept", None),
                courses=await scan("qa", "courseId"),
            )

        # A scan is not one round trip: it gets the long maintenance bound, not a request's.
        return await self._guard(run, seconds=max(self.timeout, OWNERS_SCAN_SECONDS))

    async def close(self) -> None:
        if self._owns_client:
            await self._client.close()
