"""Contract tests for VectorIndex, run against real PostgreSQL+pgvector and real Weaviate.

Isolation: every test gets its own namespace — a PostgreSQL schema `vt_<hex>` or a
Weaviate collection prefix `Vt<hex>_` — bootstrapped at the start and dropped at the
end, so tests never see each other's rows and need no cleanup by hand.

Stores come from DATABASE_URL, WEAVIATE_URL, WEAVIATE_GRPC_URL, else `.stack/stack.env`.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from uuid import UUID

import asyncpg
import httpx
import pytest
from weaviate.client import WeaviateAsyncClient
from weaviate.exceptions import UnexpectedStatusCodeError, WeaviateQueryError

from datasources.embeddings import HashingEmbedder
from datasources.ids import chunk_id
from datasources.vectors import (
    ChunkRecord,
    ConceptVectorRecord,
    PgVectorIndex,
    QARecord,
    VectorIndex,
    VectorStoreUnavailable,
    WeaviateVectorIndex,
    create_vector_index,
    init_connection,
    weaviate_index,
)
from datasources.vectors.weaviate_client import make_client
from gateway.stack.paths import StackPaths
from gateway.stack.process import HOST, choose_ports, port_answers
from gateway.stack.weaviate import VERSION as WEAVIATE_VERSION
from gateway.stack.weaviate import server_env as weaviate_server_env
from tests.processes import die_with_tests

pytestmark = pytest.mark.integration

STACK_ENV = Path(__file__).resolve().parents[2] / ".stack" / "stack.env"
EMBEDDER = HashingEmbedder()
DIM = EMBEDDER.dimensions


def _store_url(name: str) -> str | None:
    if os.environ.get(name):
        return os.environ[name]
    if STACK_ENV.is_file():
        for line in STACK_ENV.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key.strip() == name and not line.lstrip().startswith("#"):
                return value.strip().strip("'\"")
    return None


def _require(name: str) -> str:
    url = _store_url(name)
    if not url:
        pytest.fail(f"{name} is not set and {STACK_ENV} does not define it (run the dev stack)")
    return url


def _asyncpg_dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


class Stores:
    """Session-wide connections, opened only for the backends that tests ask for."""

    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None
        self._client: WeaviateAsyncClient | None = None

    async def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            dsn = _asyncpg_dsn(_require("DATABASE_URL"))
            self._pool = await asyncpg.create_pool(
                dsn=dsn, min_size=0, max_size=4, init=init_connection
            )
        return self._pool

    async def client(self) -> WeaviateAsyncClient:
        if self._client is None:
            client = make_client(
                http_url=_require("WEAVIATE_URL"),
                grpc_url=_require("WEAVIATE_GRPC_URL"),
                api_key=os.environ.get("WEAVIATE_API_KEY") or None,
                timeout=10.0,
            )
            await client.connect()
            self._client = client
        return self._client

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
        if self._client is not None:
            await self._client.close()


@pytest.fixture(scope="session")
async def stores() -> AsyncIterator[Stores]:
    opened = Stores()
    yield opened
    await opened.close()


@pytest.fixture(params=["pgvector", "weaviate"])
async def index(request: pytest.FixtureRequest, stores: Stores) -> AsyncIterator[VectorIndex]:
    """A fresh index; "weaviate-grpc" (see BOTH_WEAVIATE_PATHS) is Weaviate with the
    batched reads forced onto the gRPC path, and fails the test if it sends GraphQL."""
    tag = uuid.uuid4().hex[:12]
    if request.param == "pgvector":
        pool = await stores.pool()
        pg = PgVectorIndex(pool=pool, schema=f"vt_{tag}", timeout_seconds=10.0)
        await pg.bootstrap()
        yield pg
        await pool.execute(f'DROP SCHEMA IF EXISTS "vt_{tag}" CASCADE')
    else:
        client = await stores.client()
        grpc_only = request.param == "weaviate-grpc"
        wv = WeaviateVectorIndex(
            client=client, prefix=f"Vt{tag}_", timeout_seconds=10.0, use_graphql=not grpc_only
        )
        if grpc_only:

            async def no_graphql(query: str) -> tuple[dict[str, object], list[dict[str, object]]]:
                raise AssertionError("an index made with use_graphql=False sent GraphQL")

            wv._graphql_get = no_graphql  # type: ignore[method-assign]
        await wv.bootstrap()
        yield wv
        await client.collections.delete(list(wv.names.values()))


# The contract tests of the two batched reads run on both Weaviate paths: GraphQL (the
# default) and the per-id gRPC path it falls back to when the server has no GraphQL.
BOTH_WEAVIATE_PATHS = pytest.mark.parametrize(
    "index", ["pgvector", "weaviate", "weaviate-grpc"], indirect=True
)


async def embed(text: str) -> list[float]:
    return (await EMBEDDER.embed([text]))[0]


async def chunks(document_id: UUID, texts: Sequence[str], **meta: object) -> list[ChunkRecord]:
    vectors = await EMBEDDER.embed(texts)
    return [
        ChunkRecord.create(
            document_id=document_id,
            chunk_index=i,
            content=text,
            vector=vector,
            page_number=i // 2 + 1,
            metadata={"i": i, **meta},
        )
        for i, (text, vector) in enumerate(zip(texts, vectors, strict=True))
    ]


TOPICS = [
    "Photosynthesis converts light energy into chemical energy in plants.",
    "The French Revolution began in 1789 and transformed European politics.",
    "A binary search tree keeps keys in sorted order for fast lookup.",
    "Supply and demand determine prices in a competitive market.",
    "Newton's second law states that force equals mass times acceleration.",
]


async def test_bootstrap_is_idempotent_and_ping_answers(index: VectorIndex) -> None:
    await index.bootstrap()
    await asyncio.gather(index.bootstrap(), index.bootstrap())
    seconds = await index.ping()
    assert 0 < seconds < 5


@pytest.mark.parametrize("backend", ["pgvector", "weaviate"])
async def test_concurrent_first_bootstraps_do_not_conflict(stores: Stores, backend: str) -> None:
    tag = uuid.uuid4().hex[:12]
    if backend == "pgvector":
        pool = await stores.pool()
        twins: list[VectorIndex] = [PgVectorIndex(pool=pool, schema=f"vt_{tag}") for _ in "ab"]
    else:
        client = await stores.client()
        twins = [WeaviateVectorIndex(client=client, prefix=f"Vt{tag}_") for _ in "ab"]
    try:
        await asyncio.gather(*(twin.bootstrap() for twin in twins))
        nobody = uuid.uuid4()
        assert await twins[0].count_chunks([nobody]) == {nobody: 0}
    finally:
        if backend == "pgvector":
            await pool.execute(f'DROP SCHEMA IF EXISTS "vt_{tag}" CASCADE')
        else:
            await client.collections.delete(list(twins[1].names.values()))  # type: ignore[attr-defined]


async def test_default_namespace_bootstraps_twice() -> None:
    for backend in ("pgvector", "weaviate"):
        vi = await create_vector_index(
            backend,
            database_url=_require("DATABASE_URL"),
            weaviate_url=_require("WEAVIATE_URL"),
            weaviate_grpc_url=_require("WEAVIATE_GRPC_URL"),
            timeout_seconds=10.0,
        )
        try:
            await vi.bootstrap()
            await vi.bootstrap()
        finally:
            await vi.close()


async def test_search_returns_nearest_first_with_scores_in_unit_range(index: VectorIndex) -> None:
    doc = uuid.uuid4()
    await index.upsert_chunks(await chunks(doc, TOPICS))
    hits = await index.search(["chunk"], await embed(TOPICS[2]), limit=5)
    assert [h.kind for h in hits] == ["chunk"] * 5
    assert hits[0].record.content == TOPICS[2]  # type: ignore[union-attr]
    assert hits[0].id == chunk_id(doc, 2)
    assert hits[0].score == pytest.approx(1.0, abs=1e-4)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    # A paraphrase still finds its passage first.
    hits = await index.search(["chunk"], await embed("force equals mass times acceleration"))
    assert hits[0].id == chunk_id(doc, 4)
    assert hits[0].score < 1.0


async def test_search_filters_by_document_ids(index: VectorIndex) -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await index.upsert_chunks(await chunks(a, TOPICS[:3]))
    await index.upsert_chunks(await chunks(b, TOPICS[:3]))
    await index.upsert_chunks(await chunks(c, TOPICS[:3]))
    query = await embed(TOPICS[0])
    hits = await index.search(["chunk"], query, limit=10, document_ids=[b, c])
    assert len(hits) == 6
    assert {h.record.document_id for h in hits} == {b, c}  # type: ignore[union-attr]
    assert await index.search(["chunk"], query, limit=10, document_ids=[]) == []
    assert await index.search(["chunk"], query, limit=10, document_ids=[uuid.uuid4()]) == []


async def test_search_merges_kinds_by_score(index: VectorIndex) -> None:
    doc, course = uuid.uuid4(), uuid.uuid4()
    await index.upsert_chunks(await chunks(doc, TOPICS))
    concept = ConceptVectorRecord(
        id=uuid.uuid4(),
        title="Photosynthesis",
        description="How plants turn light into chemical energy",
        neo4j_node_id="c-1",
        category="biology",
        tags=("plants", "energy"),
        vector=await embed("Photosynthesis: how plants turn light into chemical energy"),
    )
    qa = QARecord(
        id=uuid.uuid4(),
        question="What does photosynthesis convert light energy into?",
        answer="Chemical energy.",
        course_id=course,
        difficulty="easy",
        topic="biology",
        vector=await embed("What does photosynthesis convert light energy into? Chemical energy"),
    )
    await index.upsert_concepts([concept])
    await index.upsert_qa([qa])
    hits = await index.search(["chunk", "concept", "qa"], await embed(TOPICS[0]), limit=4)
    assert len(hits) == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.kind for h in hits} == {"chunk", "concept", "qa"}
    by_kind = {h.kind: h for h in hits}
    assert by_kind["concept"].record == ConceptVectorRecord(
        id=concept.id,
        title=concept.title,
        description=concept.description,
        neo4j_node_id="c-1",
        category="biology",
        tags=("plants", "energy"),
    )
    assert by_kind["qa"].record == QARecord(
        id=qa.id,
        question=qa.question,
        answer=qa.answer,
        course_id=course,
        difficulty="easy",
        topic="biology",
    )
    only_qa = await index.search(["qa"], await embed(TOPICS[0]), limit=10)
    assert [h.id for h in only_qa] == [qa.id]


async def test_upserting_twice_leaves_the_same_data(index: VectorIndex) -> None:
    doc = uuid.uuid4()
    records = await chunks(doc, TOPICS)
    await index.upsert_chunks(records)
    first = await index.chunks_for_documents([doc], limit=100)
    await index.upsert_chunks(records)
    assert await index.count_chunks([doc]) == {doc: len(TOPICS)}
    assert await index.chunks_for_documents([doc], limit=100) == first
    # Re-processing with new text for one chunk replaces it in place.
    changed = await chunks(doc, ["Rewritten first passage about chloroplasts."])
    await index.upsert_chunks(changed)
    assert await index.count_chunks([doc]) == {doc: len(TOPICS)}
    again = await index.chunks_for_documents([doc], limit=1)
    assert again[doc][0].content == "Rewritten first passage about chloroplasts."
    concept = ConceptVectorRecord(id=uuid.uuid4(), title="Entropy", vector=await embed("entropy"))
    await index.upsert_concepts([concept, concept])
    await index.upsert_concepts([concept])
    hits = await index.search(["concept"], await embed("entropy"), limit=10)
    assert [h.id for h in hits] == [concept.id]


async def test_delete_document_removes_only_its_chunks(index: VectorIndex) -> None:
    keep, drop = uuid.uuid4(), uuid.uuid4()
    await index.upsert_chunks(await chunks(keep, TOPICS[:2]))
    await index.upsert_chunks(await chunks(drop, TOPICS))
    assert await index.delete_document(drop) == len(TOPICS)
    assert await index.count_chunks([keep, drop]) == {keep: 2, drop: 0}
    hits = await index.search(["chunk"], await embed(TOPICS[0]), limit=10)
    assert {h.record.document_id for h in hits} == {keep}  # type: ignore[union-attr]
    assert await index.delete_document(drop) == 0


async def test_delete_document_from_an_index_keeps_the_chunks_before_it(
    index: VectorIndex,
) -> None:
    document, other = uuid.uuid4(), uuid.uuid4()
    await index.upsert_chunks(await chunks(document, TOPICS))
    await index.upsert_chunks(await chunks(other, TOPICS))
    assert await index.delete_document(document, from_index=2) == len(TOPICS) - 2
    assert await index.count_chunks([document, other]) == {document: 2, other: len(TOPICS)}
    kept = (await index.chunks_for_documents([document]))[document]
    assert [c.chunk_index for c in kept] == [0, 1]
    assert await index.delete_document(document, from_index=2) == 0
    with pytest.raises(ValueError, match="offset must be a non-negative integer"):
        await index.delete_document(document, from_index=-1)


async def test_delete_concepts(index: VectorIndex) -> None:
    concepts = [
        ConceptVectorRecord(id=uuid.uuid4(), title=t, vector=await embed(t)) for t in TOPICS
    ]
    await index.upsert_concepts(concepts)
    assert await index.delete_concepts([concepts[0].id, concepts[1].id, uuid.uuid4()]) == 2
    assert await index.delete_concepts([]) == 0
    hits = await index.search(["concept"], await embed(TOPICS[0]), limit=10)
    assert {h.id for h in hits} == {c.id for c in concepts[2:]}


@BOTH_WEAVIATE_PATHS
async def test_similar_concepts_is_batched_and_excludes_self(index: VectorIndex) -> None:
    rng = random.Random(7)
    words = ["cell", "energy", "market", "price", "force", "mass", "tree", "key", "war", "king"]
    titles = [" ".join(rng.sample(words, 4)) + f" {i}" for i in range(40)]
    concepts = [
        ConceptVectorRecord(id=uuid.uuid4(), title=t, category="test", vector=v)
        for t, v in zip(titles, await EMBEDDER.embed(titles), strict=True)
    ]
    await index.upsert_concepts(concepts)
    asked = [c.id for c in concepts[:30]]
    unknown = uuid.uuid4()
    result = await index.similar_concepts([*asked, unknown, asked[0]], limit=5)
    assert set(result) == {*asked, unknown}
    assert result[unknown] == []
    for cid in asked:
        hits = result[cid]
        assert len(hits) == 5
        assert cid not in {h.id for h in hits}
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(0.0 <= h.score <= 1.0 and h.kind == "concept" for h in hits)
    # The nearest neighbour of a concept is its closest by cosine, computed here directly.
    by_id = {c.id: c for c in concepts}
    source = by_id[asked[3]]
    expected = max(
        (c for c in concepts if c.id != source.id),
        key=lambda c: _cosine(source.vector, c.vector),  # type: ignore[arg-type]
    )
    assert result[asked[3]][0].score == pytest.approx(
        _cosine(source.vector, expected.vector),  # type: ignore[arg-type]
        abs=1e-4,
    )
    assert await index.similar_concepts([], limit=5) == {}


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


@BOTH_WEAVIATE_PATHS
async def test_chunks_for_documents_orders_and_windows_per_document(index: VectorIndex) -> None:
    a, b, empty = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    records_a = await chunks(a, [f"passage {i} of the first document" for i in range(7)])
    random.Random(1).shuffle(records_a)  # insertion order must not matter
    await index.upsert_chunks(records_a)
    await index.upsert_chunks(await chunks(b, TOPICS[:3], lang="en"))
    window = await index.chunks_for_documents([a, b, empty], offset=2, limit=3)
    assert list(window) == [a, b, empty]
    assert [c.chunk_index for c in window[a]] == [2, 3, 4]
    assert [c.chunk_index for c in window[b]] == [2]
    assert window[empty] == []
    first = window[b][0]
    assert first == ChunkRecord(
        id=chunk_id(b, 2),
        document_id=b,
        content=TOPICS[2],
        page_number=2,
        chunk_index=2,
        metadata={"i": 2, "lang": "en"},
    )
    whole = await index.chunks_for_documents([a], offset=0, limit=1000)
    assert [c.chunk_index for c in whole[a]] == list(range(7))
    assert (await index.chunks_for_documents([a], offset=7, limit=5))[a] == []
    assert await index.count_chunks([a, b, empty]) == {a: 7, b: 3, empty: 0}


async def test_bad_vectors_and_limits_are_rejected_and_change_nothing(index: VectorIndex) -> None:
    doc = uuid.uuid4()
    good = await chunks(doc, TOPICS[:2])
    await index.upsert_chunks(good)
    before = await index.chunks_for_documents([doc])
    more = await chunks(doc, TOPICS)

    def with_bad(vector: list[float], content: str = "x") -> list[ChunkRecord]:
        bad = ChunkRecord.create(document_id=doc, chunk_index=9, content=content, vector=vector)
        return [*more[2:4], bad]

    stray_id = ChunkRecord(
        id=uuid.uuid4(), document_id=doc, content="x", page_number=1, chunk_index=9,
        vector=more[0].vector,
    )  # fmt: skip
    bad_batches = [
        with_bad([0.1] * (DIM - 1)),
        with_bad([math.nan] * DIM),
        with_bad([0.0] * DIM, content=""),
        [*more[2:4], stray_id],
    ]
    for batch in bad_batches:
        with pytest.raises(ValueError):
            await index.upsert_chunks(batch)
    with pytest.raises(ValueError, match="1536"):
        await index.upsert_chunks(bad_batches[0])
    with pytest.raises(ValueError, match="1536"):
        await index.upsert_concepts(
            [ConceptVectorRecord(id=uuid.uuid4(), title="t", vector=[1.0] * 3)]
        )
    with pytest.raises(ValueError, match="1536"):
        await index.upsert_qa([QARecord(id=uuid.uuid4(), question="q", answer="a", vector=None)])
    query = await embed("photosynthesis")
    with pytest.raises(ValueError, match="1536"):
        await index.search(["chunk"], query[:100])
    for limit in (0, -1, 1001):
        with pytest.raises(ValueError):
            await index.search(["chunk"], query, limit=limit)
        with pytest.raises(ValueError):
            await index.similar_concepts([uuid.uuid4()], limit=limit)
        with pytest.raises(ValueError):
            await index.chunks_for_documents([doc], limit=limit)
    with pytest.raises(ValueError):
        await index.chunks_for_documents([doc], offset=-1)
    with pytest.raises(ValueError):
        await index.search(["nope"], query)
    with pytest.raises(ValueError):
        await index.search(["concept"], query, document_ids=[doc])
    assert await index.chunks_for_documents([doc]) == before
    assert await index.count_chunks([doc]) == {doc: 2}
    assert await index.search(["concept", "qa"], query) == []
    # An empty query (the zero vector) is similar to nothing.
    assert await index.search(["chunk"], [0.0] * DIM) == []


async def test_chinese_text_round_trips(index: VectorIndex) -> None:
    doc = uuid.uuid4()
    texts = [
        "机器学习是人工智能的一个分支，研究计算机如何从数据中学习。",  # noqa: RUF001
        "光合作用是植物利用光能把二氧化碳和水转化为有机物的过程。",
        "牛顿第二定律指出，物体的加速度与所受合力成正比。",  # noqa: RUF001
    ]
    await index.upsert_chunks(await chunks(doc, texts, 标题="第一章", lang="zh"))
    hits = await index.search(["chunk"], await embed("植物的光合作用过程"), limit=3)
    top = hits[0].record
    assert isinstance(top, ChunkRecord)
    assert top.content == texts[1]
    assert top.metadata == {"i": 1, "标题": "第一章", "lang": "zh"}
    concept = ConceptVectorRecord(
        id=uuid.uuid4(),
        title="机器学习",
        description="让计算机从数据中学习的方法",
        tags=("人工智能", "数据"),
        vector=await embed("机器学习 让计算机从数据中学习的方法"),
    )
    await index.upsert_concepts([concept])
    [hit] = await index.search(["concept"], await embed("计算机如何从数据中学习"), limit=1)
    assert hit.record == ConceptVectorRecord(
        id=concept.id, title="机器学习", description=concept.description, tags=("人工智能", "数据")
    )


async def concept_records(titles: Sequence[str]) -> list[ConceptVectorRecord]:
    vectors = await EMBEDDER.embed(titles)
    return [
        ConceptVectorRecord(id=uuid.uuid4(), title=t, description=f"about {t}", vector=v)
        for t, v in zip(titles, vectors, strict=True)
    ]


def _titles(n: int, seed: int) -> list[str]:
    """Titles of 4..9 words drawn with repeats from 16, so that cosines rarely tie."""
    rng = random.Random(seed)
    words = "cell energy market price force mass tree key war king light plant river law vote map"
    return [" ".join(rng.choices(words.split(), k=rng.randint(4, 9))) for _ in range(n)]


@BOTH_WEAVIATE_PATHS
async def test_similar_concepts_mixes_existing_and_missing_ids(index: VectorIndex) -> None:
    concepts = await concept_records(_titles(12, seed=11))
    await index.upsert_concepts(concepts)
    known = [c.id for c in concepts[:4]]
    for source in concepts[:4]:  # no ties among the top 4, so the order is defined
        top = sorted(
            (_cosine(source.vector, c.vector) for c in concepts if c is not source),  # type: ignore[arg-type]
            reverse=True,
        )[:4]
        assert all(a - b > 1e-4 for a, b in itertools.pairwise(top))
    missing = [uuid.uuid4() for _ in range(4)]
    asked = [missing[0], known[0], missing[1], known[1], known[2], missing[2], known[3]]
    result = await index.similar_concepts(asked, limit=3)
    assert list(result) == asked
    for cid in missing[:3]:
        assert result[cid] == []
    for cid in known:
        assert len(result[cid]) == 3
        assert cid not in {h.id for h in result[cid]}
        # Asked alone or among missing ids, a concept gets the same neighbours.
        assert (await index.similar_concepts([cid], limit=3))[cid] == result[cid]
    assert await index.similar_concepts(missing, limit=3) == {cid: [] for cid in missing}


@BOTH_WEAVIATE_PATHS
async def test_batched_reads_reject_bad_input_with_the_same_errors(
    index: VectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _spy_graphql(index, monkeypatch) if isinstance(index, WeaviateVectorIndex) else []
    good = uuid.uuid4()
    for ids in ([good, str(uuid.uuid4())], [good, 7]):
        with pytest.raises(TypeError, match="expected UUID, got"):
            await index.similar_concepts(ids, limit=5)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="expected UUID, got"):
            await index.chunks_for_documents(ids)  # type: ignore[arg-type]
    for limit in (0, -1, 1001, True, 2.5, "5"):
        with pytest.raises(ValueError, match=r"limit must be an integer in 1\.\.1000"):
            await index.similar_concepts([good], limit=limit)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"limit must be an integer in 1\.\.1000"):
            await index.chunks_for_documents([good], limit=limit)  # type: ignore[arg-type]
    for offset in (-1, True, 1.5):
        with pytest.raises(ValueError, match="offset must be a non-negative integer"):
            await index.chunks_for_documents([good], offset=offset)  # type: ignore[arg-type]
    assert sent == []  # refused before anything was sent


async def test_chunks_for_documents_windows_match_across_backends(stores: Stores) -> None:
    tag = uuid.uuid4().hex[:12]
    pool = await stores.pool()
    client = await stores.client()
    pg = PgVectorIndex(pool=pool, schema=f"vt_{tag}", timeout_seconds=10.0)
    wv = WeaviateVectorIndex(client=client, prefix=f"Vt{tag}_", timeout_seconds=10.0)
    try:
        await asyncio.gather(pg.bootstrap(), wv.bootstrap())
        docs = [uuid.uuid4() for _ in range(5)]
        records: list[ChunkRecord] = []
        for n, doc in zip((1, 5, 12, 3, 0), docs, strict=True):
            records += await chunks(doc, [f"part {i} of {doc}: {TOPICS[i % 5]}" for i in range(n)])
        random.Random(5).shuffle(records)
        concepts = await concept_records(_titles(20, seed=3))
        for vi in (pg, wv):
            await vi.upsert_chunks(records)
            await vi.upsert_concepts(concepts)
        asked = [docs[2], uuid.uuid4(), *docs]
        for offset, limit in (
            (0, 100),
            (0, 1),
            (1, 3),
            (4, 4),
            (2, 10),
            (11, 5),
            (12, 1),
            (50, 10),
        ):
            expected = await pg.chunks_for_documents(asked, offset=offset, limit=limit)
            assert await wv.chunks_for_documents(asked, offset=offset, limit=limit) == expected
            assert sum(map(len, expected.values())) == sum(
                max(0, min(limit, n - offset)) for n in (12, 0, 1, 5, 3, 0)
            )
        ids = [c.id for c in concepts[:8]]
        from_pg = await pg.similar_concepts(ids, limit=4)
        from_wv = await wv.similar_concepts(ids, limit=4)
        for cid in ids:
            assert [h.score for h in from_wv[cid]] == pytest.approx(
                [h.score for h in from_pg[cid]], abs=1e-5
            )
    finally:
        await pool.execute(f'DROP SCHEMA IF EXISTS "vt_{tag}" CASCADE')
        await client.collections.delete(list(wv.names.values()))


@pytest.fixture
async def weaviate(stores: Stores) -> AsyncIterator[WeaviateVectorIndex]:
    client = await stores.client()
    wv = WeaviateVectorIndex(
        client=client, prefix=f"Vt{uuid.uuid4().hex[:12]}_", timeout_seconds=10.0
    )
    await wv.bootstrap()
    yield wv
    await client.collections.delete(list(wv.names.values()))


def _spy_graphql(index: WeaviateVectorIndex, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every GraphQL document the index sends: a spy on our own method, which
    still sends the request to the real server."""
    sent: list[str] = []
    send = index._graphql_get

    async def spy(query: str) -> tuple[dict[str, object], list[dict[str, object]]]:
        sent.append(query)
        return await send(query)

    monkeypatch.setattr(index, "_graphql_get", spy)
    return sent


async def _documents_and_concepts(
    index: VectorIndex, n: int
) -> tuple[list[UUID], list[ConceptVectorRecord]]:
    docs = [uuid.uuid4() for _ in range(n)]
    records: list[ChunkRecord] = []
    for i, doc in enumerate(docs):
        records += await chunks(doc, [f"document {i} passage {j}" for j in range(i % 4)])
    await index.upsert_chunks(records)
    concepts = await concept_records(_titles(n + 10, seed=n))
    await index.upsert_concepts(concepts)
    return docs, concepts


async def test_weaviate_batched_reads_send_one_graphql_request(
    weaviate: WeaviateVectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, concepts = await _documents_and_concepts(weaviate, 50)
    ids = [c.id for c in concepts[:50]]
    sent = _spy_graphql(weaviate, monkeypatch)

    one = await weaviate.similar_concepts(ids[:1], limit=5)
    assert len(sent) == 1
    assert len(one[ids[0]]) == 5
    many = await weaviate.similar_concepts([*ids, uuid.uuid4()], limit=5)
    assert len(sent) == 2
    assert sent[-1].count("nearObject") == 51
    assert many[ids[0]] == one[ids[0]]
    assert all(len(many[cid]) == 5 for cid in ids)

    page = await weaviate.chunks_for_documents(docs[3:4], offset=1, limit=2)
    assert len(sent) == 3
    assert [c.chunk_index for c in page[docs[3]]] == [1, 2]
    pages = await weaviate.chunks_for_documents(docs, offset=1, limit=2)
    assert len(sent) == 4
    assert pages[docs[3]] == page[docs[3]]
    assert [len(pages[d]) for d in docs] == [max(0, min(2, i % 4 - 1)) for i in range(50)]

    assert await weaviate.similar_concepts([], limit=5) == {}
    assert await weaviate.chunks_for_documents([]) == {}
    assert len(sent) == 4


async def test_weaviate_splits_only_past_its_request_caps(
    weaviate: WeaviateVectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, concepts = await _documents_and_concepts(weaviate, 50)
    ids = [c.id for c in concepts[:50]]
    whole_similar = await weaviate.similar_concepts(ids, limit=9)
    whole_chunks = await weaviate.chunks_for_documents(docs, offset=0, limit=25)
    sent = _spy_graphql(weaviate, monkeypatch)

    monkeypatch.setattr(weaviate_index, "MAX_ALIASES", 20)
    assert await weaviate.similar_concepts(ids, limit=9) == whole_similar
    assert len(sent) == 3  # 20 + 20 + 10
    monkeypatch.setattr(weaviate_index, "MAX_ROWS", 100)
    assert await weaviate.similar_concepts(ids, limit=9) == whole_similar
    assert len(sent) == 3 + 5  # 10 objects per search (limit + 1): 10 searches a request
    assert await weaviate.chunks_for_documents(docs, offset=0, limit=25) == whole_chunks
    assert len(sent) == 3 + 5 + 13  # 25 chunks per document: 4 documents a request


async def test_weaviate_graphql_errors_raise(
    weaviate: WeaviateVectorIndex, stores: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = uuid.uuid4()
    await weaviate.upsert_chunks(await chunks(doc, TOPICS[:2]))
    sent = _spy_graphql(weaviate, monkeypatch)
    # offset + limit above QUERY_MAXIMUM_RESULTS: Weaviate fails that alias.
    with pytest.raises(WeaviateQueryError, match="query maximum results exceeded"):
        await weaviate.chunks_for_documents([uuid.uuid4(), doc], offset=10_000, limit=5)
    # Collections that do not exist fail the whole document, not to an empty answer.
    absent = WeaviateVectorIndex(client=await stores.client(), prefix="VtAbsent_")
    absent_sent = _spy_graphql(absent, monkeypatch)
    with pytest.raises(WeaviateQueryError, match="VtAbsent_ConceptEmbedding"):
        await absent.similar_concepts([uuid.uuid4()], limit=3)
    with pytest.raises(WeaviateQueryError, match="VtAbsent_DocumentChunk"):
        await absent.chunks_for_documents([doc])
    # None of these is "GraphQL is disabled": both indexes still send GraphQL.
    assert len(absent_sent) == 2
    with pytest.raises(WeaviateQueryError, match="VtAbsent_DocumentChunk"):
        await absent.chunks_for_documents([doc])
    assert len(absent_sent) == 3
    assert [c.chunk_index for c in (await weaviate.chunks_for_documents([doc]))[doc]] == [0, 1]
    assert len(sent) == 2


# Exactly what Weaviate 1.35.2 answers to POST /v1/graphql when started with
# DISABLE_GRAPHQL=true, as graphql_raw_query raises it
# (test_a_weaviate_without_graphql_is_served_over_grpc checks it against a real server).
GRAPHQL_DISABLED_BODY = {"error": [{"message": "graphql api is disabled"}]}


def _status_error(status: int, body: object) -> UnexpectedStatusCodeError:
    request = httpx.Request("POST", "http://127.0.0.1:8080/v1/graphql")
    response = httpx.Response(status, json=body, request=request)
    return UnexpectedStatusCodeError("Raw GQL query failed", response)


def _failing_graphql(
    index: WeaviateVectorIndex, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> list[str]:
    """Make the index's own `_graphql_get` raise `error`; returns the queries it got."""
    sent: list[str] = []

    async def fail(query: str) -> tuple[dict[str, object], list[dict[str, object]]]:
        sent.append(query)
        await asyncio.sleep(0)
        raise error

    monkeypatch.setattr(index, "_graphql_get", fail)
    return sent


def _fallback_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == weaviate_index.__name__ and r.levelno == logging.WARNING
    ]


async def test_weaviate_graphql_and_grpc_paths_give_identical_answers(
    weaviate: WeaviateVectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, concepts = await _documents_and_concepts(weaviate, 30)
    prefix = weaviate.names["chunk"].removesuffix("DocumentChunk")
    grpc = WeaviateVectorIndex(client=weaviate._client, prefix=prefix, use_graphql=False)
    sent = _failing_graphql(grpc, monkeypatch, AssertionError("GraphQL sent"))
    ids = [uuid.uuid4(), *(c.id for c in concepts), uuid.uuid4()]
    for limit in (1, 5, 39, 1000):
        expected = await weaviate.similar_concepts(ids, limit=limit)
        assert await grpc.similar_concepts(ids, limit=limit) == expected
        assert sum(map(len, expected.values())) == 40 * min(limit, 39)
    asked = [uuid.uuid4(), *docs]
    for offset, limit in ((0, 100), (0, 1), (1, 2), (2, 5), (3, 1), (4, 10)):
        expected_chunks = await weaviate.chunks_for_documents(asked, offset=offset, limit=limit)
        assert await grpc.chunks_for_documents(asked, offset=offset, limit=limit) == (
            expected_chunks
        )
    # More ids than one gRPC fetch may return (QUERY_MAXIMUM_RESULTS, 10,000 by default).
    known = concepts[0].id
    many = await grpc.similar_concepts([*(uuid.uuid4() for _ in range(10_001)), known], limit=3)
    assert len(many) == 10_002
    assert many[known] == (await weaviate.similar_concepts([known], limit=3))[known]
    assert sum(map(len, many.values())) == 3
    assert sent == []
    assert weaviate._graphql  # the default path was really GraphQL


async def test_weaviate_falls_back_to_grpc_for_good_when_graphql_is_disabled(
    weaviate: WeaviateVectorIndex,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    docs, concepts = await _documents_and_concepts(weaviate, 30)
    ids = [*(c.id for c in concepts[:30]), uuid.uuid4()]
    similar = await weaviate.similar_concepts(ids, limit=5)
    pages = await weaviate.chunks_for_documents(docs, offset=1, limit=2)
    sent = _failing_graphql(weaviate, monkeypatch, _status_error(422, GRAPHQL_DISABLED_BODY))
    caplog.set_level(logging.WARNING, logger=weaviate_index.__name__)

    assert await weaviate.similar_concepts(ids, limit=5) == similar  # answered over gRPC
    assert len(sent) == 1
    assert not weaviate._graphql
    assert await weaviate.chunks_for_documents(docs, offset=1, limit=2) == pages
    assert await weaviate.similar_concepts(ids, limit=5) == similar
    assert len(sent) == 1  # later calls skip GraphQL
    [warning] = _fallback_warnings(caplog)
    assert "HTTP 422 (graphql api is disabled)" in warning
    assert "one query per id" in warning
    assert weaviate.names["concept"] in warning

    # A call split into several requests that all fail at once: one answer, one warning.
    prefix = weaviate.names["chunk"].removesuffix("DocumentChunk")
    split = WeaviateVectorIndex(client=weaviate._client, prefix=prefix)
    split_sent = _failing_graphql(split, monkeypatch, _status_error(422, GRAPHQL_DISABLED_BODY))
    monkeypatch.setattr(weaviate_index, "MAX_ALIASES", 10)
    assert await split.chunks_for_documents(docs, offset=1, limit=2) == pages
    assert 1 <= len(split_sent) <= 3  # 3 requests of 10 documents, sent concurrently
    assert await split.similar_concepts(ids, limit=5) == similar
    assert len(split_sent) <= 3
    assert len(_fallback_warnings(caplog)) == 2  # one per index


@pytest.mark.parametrize(
    ("status", "body"),
    [
        # GraphQL on, but no collection at all on the server
        (
            422,
            {
                "error": [
                    {
                        "message": "no graphql provider present, this is most likely because "
                        "no schema is present. Import a schema first!"
                    }
                ]
            },
        ),
        (422, {"error": [{"message": "query cannot be empty"}]}),
        (403, {"error": [{"message": "forbidden"}]}),
    ],
)
async def test_weaviate_other_graphql_refusals_raise_and_keep_graphql(
    weaviate: WeaviateVectorIndex,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    status: int,
    body: object,
) -> None:
    caplog.set_level(logging.WARNING, logger=weaviate_index.__name__)
    sent = _failing_graphql(weaviate, monkeypatch, _status_error(status, body))
    for _ in range(2):
        with pytest.raises(UnexpectedStatusCodeError) as caught:
            await weaviate.similar_concepts([uuid.uuid4()], limit=3)
        assert caught.value.status_code == status
        with pytest.raises(UnexpectedStatusCodeError):
            await weaviate.chunks_for_documents([uuid.uuid4()])
    assert len(sent) == 4
    assert weaviate._graphql
    assert _fallback_warnings(caplog) == []


@pytest.fixture
async def weaviate_without_graphql() -> AsyncIterator[tuple[str, str]]:
    """A scratch Weaviate, the dev stack's binary started with DISABLE_GRAPHQL=true on free
    loopback ports and a temporary data directory; stopped and deleted afterwards.

    It starts in a few seconds. Like the dev stack's, it also listens for gRPC and its
    cluster data port on all interfaces (hard-coded upstream).
    """
    binary = StackPaths.from_env().cache / "weaviate" / WEAVIATE_VERSION / "weaviate-server"
    if not binary.is_file():
        pytest.skip(f"no Weaviate binary at {binary} (built by `curriculum stack up`)")
    names = ("http", "grpc", "gossip", "data", "raft", "raft_rpc")
    ports = dict(zip(names, choose_ports([()] * len(names)), strict=True))
    data = Path(tempfile.mkdtemp(prefix="vt-weaviate-no-graphql-"))
    # Only what a static Go binary needs from our environment: none of our secrets.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "TMPDIR") if k in os.environ}
    env |= weaviate_server_env(ports, data, data / "backups") | {
        "DISABLE_GRAPHQL": "true",
        "LOG_LEVEL": "warning",
    }
    http_url = f"http://{HOST}:{ports['http']}"
    try:
        with (data / "server.log").open("wb") as log:
            server = await asyncio.create_subprocess_exec(
                *(str(binary), "--host", HOST, "--port", str(ports["http"]), "--scheme", "http"),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=data,
                start_new_session=True,
                preexec_fn=die_with_tests,
            )
        try:
            async with httpx.AsyncClient(timeout=1.0) as http:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        ready = await http.get(f"{http_url}/v1/.well-known/ready")
                        if ready.status_code == 200 and port_answers(ports["grpc"]):
                            break
                    except httpx.HTTPError:
                        pass
                    if server.returncode is not None or time.monotonic() > deadline:
                        tail = (data / "server.log").read_text(errors="replace")[-2000:]
                        pytest.fail(f"scratch Weaviate did not start:\n{tail}")
                    await asyncio.sleep(0.2)
            yield http_url, f"http://{HOST}:{ports['grpc']}"
        finally:
            if server.returncode is None:
                server.terminate()
            try:
                await asyncio.wait_for(server.wait(), 30)
            except TimeoutError:
                server.kill()
                await server.wait()
    finally:
        shutil.rmtree(data, ignore_errors=True)


async def test_a_weaviate_without_graphql_is_served_over_grpc(
    weaviate_without_graphql: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    http_url, grpc_url = weaviate_without_graphql
    wv = WeaviateVectorIndex.from_urls(
        http_url=http_url, grpc_url=grpc_url, prefix="VtNoGraphql_", timeout_seconds=20.0
    )
    try:
        await wv.bootstrap()
        # What the server answers is what the fallback looks for (and what the tests fake).
        with pytest.raises(UnexpectedStatusCodeError) as caught:
            await wv._graphql_get("{ Get { VtNoGraphql_DocumentChunk { content } } }")
        assert (caught.value.status_code, caught.value.error) == (422, GRAPHQL_DISABLED_BODY)
        assert weaviate_index.graphql_disabled(caught.value)

        docs, concepts = await _documents_and_concepts(wv, 8)
        sent = _spy_graphql(wv, monkeypatch)
        caplog.set_level(logging.WARNING, logger=weaviate_index.__name__)
        missing = uuid.uuid4()
        similar = await wv.similar_concepts([*(c.id for c in concepts), missing], limit=3)
        assert len(sent) == 1
        assert similar[missing] == []
        for source in concepts:
            hits = similar[source.id]
            assert len(hits) == 3 and source.id not in {h.id for h in hits}
            best = max(_cosine(source.vector, c.vector) for c in concepts if c is not source)  # type: ignore[arg-type]
            assert hits[0].score == pytest.approx(best, abs=1e-4)
        pages = await wv.chunks_for_documents(docs, offset=1, limit=2)
        assert [[c.chunk_index for c in pages[d]] for d in docs] == [
            list(range(1, min(3, i % 4))) for i in range(8)
        ]
        assert len(sent) == 1
        [warning] = _fallback_warnings(caplog)
        assert "HTTP 422 (graphql api is disabled)" in warning
    finally:
        await wv.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("backend", ["pgvector", "weaviate"])
async def test_a_store_that_is_down_raises_vector_store_unavailable(backend: str) -> None:
    port = _closed_port()
    vi = await create_vector_index(
        backend,  # type: ignore[arg-type]
        database_url=f"postgresql://postgres@127.0.0.1:{port}/none",
        weaviate_url=f"http://127.0.0.1:{port}",
        weaviate_grpc_url=f"http://127.0.0.1:{_closed_port()}",
        timeout_seconds=2.0,
    )
    try:
        query = await embed("anything")
        calls = (
            lambda: vi.ping(),
            lambda: vi.search(["chunk"], query),
            lambda: vi.count_chunks([uuid.uuid4()]),
            lambda: vi.similar_concepts([uuid.uuid4()]),
            lambda: vi.chunks_for_documents([uuid.uuid4()]),
        )
        for call in calls:
            with pytest.raises(VectorStoreUnavailable) as caught:
                await call()
            assert caught.value.store == backend
    finally:
        await vi.close()


async def _qa(course: UUID | None, topic: str, question: str) -> QARecord:
    return QARecord(
        id=uuid.uuid4(),
        question=question,
        answer=f"Answer to {question}",
        course_id=course,
        difficulty="beginner",
        topic=topic,
        vector=await embed(question),
    )


async def test_a_course_qa_set_is_replaced_and_read_back_per_course(index: VectorIndex) -> None:
    course, other = uuid.uuid4(), uuid.uuid4()
    first = [await _qa(course, t, f"What is {t}?") for t in ("Vectors", "Angles", "矩阵")]
    theirs = [await _qa(other, "Vectors", "What is a vector?")]
    await index.replace_course_qa(course, first)
    await index.replace_course_qa(other, theirs)
    found = await index.qa_for_courses([course, other, uuid.uuid4()])
    assert [q.topic for q in found[course]] == sorted(q.topic or "" for q in first)
    assert {q.id for q in found[course]} == {q.id for q in first}
    assert all(q.vector is None for q in found[course])  # reads never ship the vectors
    assert [q.id for q in found[other]] == [theirs[0].id]
    assert list(found.values())[2] == []

    # The same set again changes nothing; a smaller one drops the rest of THIS course.
    assert await index.replace_course_qa(course, first) == 0
    assert await index.replace_course_qa(course, first[:1]) == 2
    found = await index.qa_for_courses([course, other])
    assert [q.id for q in found[course]] == [first[0].id]
    assert [q.id for q in found[other]] == [theirs[0].id]
    # Empty: the course has no questions any more (as when it is deleted).
    assert await index.replace_course_qa(course, []) == 1
    assert (await index.qa_for_courses([course]))[course] == []
    limited = await index.qa_for_courses([other], limit=1)
    assert len(limited[other]) == 1


async def test_a_course_qa_set_refuses_records_of_another_course(index: VectorIndex) -> None:
    course = uuid.uuid4()
    stray = await _qa(uuid.uuid4(), "Vectors", "What is a vector?")
    with pytest.raises(ValueError, match="do not belong to course"):
        await index.replace_course_qa(course, [stray])
    orphan = await _qa(None, "Vectors", "What is a vector?")
    with pytest.raises(ValueError, match="do not belong to course"):
        await index.replace_course_qa(course, [orphan])
    assert (await index.qa_for_courses([course]))[course] == []
