"""Embed the demo dataset and write it to the configured vector index.

The offline hashing embedder is pure Python, so texts are embedded in a process pool
(one worker per core) and the next batch is embedded while the current one is being
written. pgvector gets a bulk upsert (COPY, HNSW built once); other backends get
their ordinary `upsert_*` in batches.
"""

from __future__ import annotations

import asyncio
import os
from array import array
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from datasources.embeddings import Embedder
from datasources.embeddings.hashing import hash_embed
from datasources.embeddings.text import concept_text, qa_text
from datasources.vectors import (
    ChunkRecord,
    ConceptVectorRecord,
    PgVectorIndex,
    QARecord,
    VectorIndex,
)
from gateway.seed.data import Dataset

BATCH = 2_500
Embed = Callable[[list[str]], Awaitable[list[list[float]]]]
T = TypeVar("T")


def _hash_batch(texts: list[str]) -> list[bytes]:
    """Runs in a worker process: float32 bytes are 4x smaller to send back than pickled floats."""
    return [array("f", hash_embed(text)).tobytes() for text in texts]


class HashingPool:
    """HashingEmbedder's function (`hash_embed`) over a process pool; use as a context manager."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> HashingPool:
        self._pool = ProcessPoolExecutor(self.workers)
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    async def __call__(self, texts: list[str]) -> list[list[float]]:
        loop = asyncio.get_running_loop()
        size = -(-len(texts) // self.workers)
        parts = [texts[i : i + size] for i in range(0, len(texts), size)]
        done = await asyncio.gather(
            *(loop.run_in_executor(self._pool, _hash_batch, part) for part in parts)
        )
        out = []
        for part in done:
            for raw in part:
                values = array("f")
                values.frombytes(raw)
                out.append(values.tolist())
        return out


def embedder_batches(embedder: Embedder, size: int = 256) -> Embed:
    """Any other embedder (e.g. an HTTP provider), in requests of `size` texts."""

    async def embed(texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), size):
            out.extend(await embedder.embed(texts[i : i + size]))
        return out

    return embed


async def _pipelined(
    items: Sequence[T],
    text: Callable[[T], str],
    embed: Embed,
    write: Callable[[Sequence[T], list[list[float]]], Awaitable[None]],
) -> None:
    """Embed batch n+1 while batch n is written."""
    batches = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
    pending: asyncio.Future[list[list[float]]] | None = None
    if batches:
        pending = asyncio.ensure_future(embed([text(x) for x in batches[0]]))
    for n, batch in enumerate(batches):
        assert pending is not None
        vectors = await pending
        if n + 1 < len(batches):
            pending = asyncio.ensure_future(embed([text(x) for x in batches[n + 1]]))
        await write(batch, vectors)


async def write_vectors(
    index: VectorIndex,
    data: Dataset,
    *,
    embed: Embed,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Concept embeddings, question-answer pairs and document chunks; returns what happened."""
    qa = [(c, q) for c in data.courses for q in c.questions]

    async def run(sink: Any) -> None:
        async def concepts(batch: Sequence[Any], vectors: list[list[float]]) -> None:
            await sink.concepts(
                [ConceptVectorRecord.of(c, v) for c, v in zip(batch, vectors, strict=True)]
            )

        async def questions(batch: Sequence[Any], vectors: list[list[float]]) -> None:
            await sink.qa(
                [
                    QARecord(
                        id=q.id,
                        question=q.question,
                        answer=q.answer,
                        course_id=c.id,
                        difficulty=c.difficulty_level,
                        topic=q.topic,
                        vector=v,
                    )
                    for (c, q), v in zip(batch, vectors, strict=True)
                ]
            )

        written = 0

        async def chunks(batch: Sequence[Any], vectors: list[list[float]]) -> None:
            nonlocal written
            await sink.chunks(
                [
                    ChunkRecord.create(
                        document_id=ch.document_id,
                        chunk_index=ch.chunk_index,
                        content=ch.content,
                        page_number=ch.page_number,
                        metadata={"language": ch.language, "seed": data.tag},
                        vector=v,
                    )
                    for ch, v in zip(batch, vectors, strict=True)
                ]
            )
            written += len(batch)
            progress(f"chunks embedded and staged: {written:,}/{len(data.chunks):,}")

        await _pipelined(
            data.concepts, lambda c: concept_text(c.title, c.description), embed, concepts
        )
        progress(f"concepts embedded and staged: {len(data.concepts):,}")
        await _pipelined(qa, lambda cq: qa_text(cq[1].question, cq[1].answer), embed, questions)
        await _pipelined(data.chunks, lambda ch: ch.content, embed, chunks)

    if isinstance(index, PgVectorIndex):
        bulk = index.bulk_upsert()
        async with bulk:
            await run(_BulkSink(bulk))
            progress("applying the upsert (and rebuilding HNSW indexes if most rows changed)")
        return {"written": dict(bulk.written), "rebuilt_indexes": list(bulk.rebuilt)}
    await run(_UpsertSink(index))
    # Plain upserts cannot tell what changed: this counts what was sent.
    return {"upserted": {"concept": len(data.concepts), "qa": len(qa), "chunk": len(data.chunks)}}


class _BulkSink:
    def __init__(self, bulk: Any) -> None:
        self.concepts = bulk.add_concepts
        self.qa = bulk.add_qa
        self.chunks = bulk.add_chunks


class _UpsertSink:
    def __init__(self, index: VectorIndex) -> None:
        self.concepts = index.upsert_concepts
        self.qa = index.upsert_qa
        self.chunks = index.upsert_chunks
