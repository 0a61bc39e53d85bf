"""Contract tests for VectorIndex, run against real PostgreSQL+pgvector and real Weaviate.

Isolation: every test gets its own namespace — a PostgreSQL schema `vt_<hex>` or a
Weaviate collection prefix `Vt<hex>_` — bootstrapped at the start and dropped at the
end, so tests never see each other's rows and need no cleanup by hand.

Stores come from DATABASE_URL, WEAVIATE_URL, WEAVIATE_GRPC_URL, else `.stack/stack.env`.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import socket
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from uuid import UUID

import asyncpg
import pytest
from weaviate.client import WeaviateAsyncClient

from datasources.embeddings import HashingEmbedder
from datasources.vectors import (
    ChunkRecord,
    ConceptVectorRecord,
    PgVectorIndex,
    QARecord,
    VectorIndex,
    VectorStoreUnavailable,
    WeaviateVectorIndex,
    chunk_id,
    create_vector_index,
    init_connection,
)
from datasources.vectors.weaviate_client import make_client

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
    tag = uuid.uuid4().hex[:12]
    if request.param == "pgvector":
        pool = await stores.pool()
        pg = PgVectorIndex(pool=pool, schema=f"vt_{tag}", timeout_seconds=10.0)
        await pg.bootstrap()
        yield pg
        await pool.execute(f'DROP SCHEMA IF EXISTS "vt_{tag}" CASCADE')
    else:
        client = await stores.client()
        wv = WeaviateVectorIndex(client=client, prefix=f"Vt{tag}_", timeout_seconds=10.0)
        await wv.bootstrap()
        yield wv
        await client.collections.delete(list(wv.names.values()))


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


async def test_delete_concepts(index: VectorIndex) -> None:
    concepts = [
        ConceptVectorRecord(id=uuid.uuid4(), title=t, vector=await embed(t)) for t in TOPICS
    ]
    await index.upsert_concepts(concepts)
    assert await index.delete_concepts([concepts[0].id, concepts[1].id, uuid.uuid4()]) == 2
    assert await index.delete_concepts([]) == 0
    hits = await index.search(["concept"], await embed(TOPICS[0]), limit=10)
    assert {h.id for h in hits} == {c.id for c in concepts[2:]}


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
        )
        for call in calls:
            with pytest.raises(VectorStoreUnavailable) as caught:
                await call()
            assert caught.value.store == backend
    finally:
        await vi.close()
