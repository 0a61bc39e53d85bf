"""The stages of processing one document, in order; every write is idempotent.

read (child process) → text, page and word counts to PostgreSQL, the extracted content
to the Redis cache → chunks embedded, upserted by deterministic id, the document's
chunks past the new count deleted → knowledge → the graph in one Neo4j transaction →
ConceptEmbedding vectors → extractions replaced and the document completed in one
PostgreSQL transaction. A run killed anywhere is repaired by running it again.

Concepts that only this document supported and no longer names lose their vectors
*before* the graph transaction deletes them: if the job dies in between, the next run
finds them again (their EXTRACTED_FROM edges are still there); if a concept gained
another source meanwhile and survives, its vector is written again.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from datasources.concept_keys import concept_key
from datasources.errors import UpstreamUnavailable
from datasources.files import MissingFile
from datasources.neo4j.bulk import DocumentNode
from datasources.postgres.document_jobs import uploader_title
from datasources.postgres.records import DocumentRecord
from datasources.redis.store import DOCUMENT_CACHE_TTL, course_cache_key, document_cache_key
from jobs import child
from jobs.ingest import plan
from jobs.ingest.analysis import Chunked, Extracted, Step, TextRead, analyse_steps
from jobs.ingest.analysis import pipeline_language as as_pipeline_language
from jobs.pipeline.filenames import safe_filename
from jobs.pipeline.links import KnownConcept as Known
from jobs.tasks.ports import DocumentPorts
from jobs.tasks.reporting import Reporter

log = logging.getLogger("jobs.documents")
EMBED_BATCH = 128
UPSERT_BATCH = 256
KNOWN_LIMIT = 20_000  # concepts of other documents considered for cross-document links
CACHE_MAX_CHARS = 8_000_000  # larger extracted texts are not cached (PostgreSQL has them)
DOCUMENT_TYPES = frozenset({"textbook", "paper", "slides"})

Analyser = Callable[..., AbstractAsyncContextManager[AsyncIterator[Step]]]


class TaskFailed(Exception):
    """A failure retrying cannot fix; the message is what the document's owner reads."""


class DocumentDeleted(TaskFailed):
    """The document was deleted while it was processed."""


@dataclass(frozen=True, slots=True)
class Options:
    max_bytes: int
    max_chunk_tokens: int
    memory_bytes: int  # 0: no limit


async def embed_all(ports: DocumentPorts, texts: Sequence[str]) -> list[list[float]]:
    vectors: list[list[float]] = []
    for start in range(0, len(texts), EMBED_BATCH):
        vectors.extend(await ports.embedder.embed(texts[start : start + EMBED_BATCH]))
    return vectors


@contextlib.asynccontextmanager
async def local_copy(ports: DocumentPorts, document: DocumentRecord) -> AsyncIterator[Path]:
    """The stored file in a private temporary folder, under the document's safe name."""
    with tempfile.TemporaryDirectory(prefix="document-") as folder:
        path = Path(folder) / (safe_filename(document.filename) or "document")
        try:
            with path.open("wb") as handle:
                async for piece in ports.files.read(document.file_path):
                    handle.write(piece)
        except (MissingFile, ValueError):
            raise TaskFailed(
                "the uploaded file is missing from the file store; upload it again"
            ) from None
        yield path


async def ingest(
    ports: DocumentPorts,
    report: Reporter,
    document: DocumentRecord,
    options: Options,
    analyser: Analyser = child.stream,
) -> dict[str, Any]:
    """Process `document`; its summary for the task's result. Raises TaskFailed,
    DocumentError, child.* errors, UpstreamUnavailable."""
    clock = Clock()
    given = as_pipeline_language(document.language)
    others = await ports.graph.known_concepts(exclude_document=document.id, limit=KNOWN_LIMIT)
    known = [
        Known(concept_key(k.title), k.title, lang, k.description, frozenset(k.documents))
        for k in others
        if (lang := as_pipeline_language(k.language)) is not None
    ]
    await report.stage("reading", 5, "reading the file")
    text: TextRead | None = None
    extracted: Extracted | None = None
    chunks = 0
    async with (
        local_copy(ports, document) as path,
        analyser(
            analyse_steps,
            path,
            filename=document.original_filename,
            language=given,
            max_bytes=options.max_bytes,
            max_chunk_tokens=options.max_chunk_tokens,
            known=known,
            memory_bytes=options.memory_bytes,
        ) as steps,
    ):
        async for step in steps:
            if isinstance(step, TextRead):
                text = step
                await _store_text(ports, document, step, detected=given is None)
                clock.lap("read")
                await report.stage("text", 20, _text_message(step))
            elif isinstance(step, Chunked):
                chunks = await _store_chunks(ports, document.id, step)
                clock.lap("chunks")
                await report.stage("chunks", 40, f"{chunks} chunks embedded and indexed")
            else:
                extracted = step
                clock.lap("knowledge")
    if text is None or extracted is None:
        raise RuntimeError("the reading process ended without all its results")
    knowledge = extracted.knowledge
    counts = _counts(knowledge)
    await report.stage("knowledge", 55, _knowledge_message(counts))
    ids = plan.concept_ids(knowledge, text.language)
    known_ids = {
        concept_key(k.title): k.id
        for k in others
        if as_pipeline_language(k.language) == text.language
    }
    graph = plan.document_graph(_node(document, text), knowledge, ids, extracted.links, known_ids)
    doomed = await ports.graph.sole_source_concepts(document.id, keep=list(ids.values()))
    await ports.vectors.delete_concepts(doomed)
    outcome = await ports.graph.replace(graph)
    await restore_vectors(ports, set(doomed) - set(outcome.removed))
    clock.lap("graph")
    await report.stage(
        "graph",
        75,
        f"{outcome.new} new concepts, {outcome.merged} merged, "
        f"{outcome.prerequisites} prerequisite edges",
    )
    vectors = await embed_all(ports, plan.concept_texts(outcome.concepts))
    for start in range(0, len(vectors), UPSERT_BATCH):
        batch = outcome.concepts[start : start + UPSERT_BATCH]
        await ports.vectors.upsert_concepts(
            plan.concept_vectors(batch, vectors[start : start + UPSERT_BATCH])
        )
    clock.lap("concept_vectors")
    await report.stage("concept_vectors", 85, f"{len(vectors)} concept vectors written")
    rows = plan.extraction_rows(
        document.id,
        knowledge,
        ids,
        {c.id: v for c, v in zip(outcome.concepts, vectors, strict=True)},
        await embed_all(ports, plan.extraction_texts(knowledge)),
    )
    clock.lap("extractions")
    links = {(p.source, p.target) for p in extracted.links.prerequisites}
    titles = {**{v: k for k, v in known_ids.items()}, **{v: k for k, v in ids.items()}}
    summary: dict[str, Any] = {
        "pages": text.page_count,
        "words": text.word_count,
        "language": text.language,
        "kind": text.kind,
        "chunks": chunks,
        "extractions": counts,
        "concepts": {
            "new": outcome.new,
            "merged": outcome.merged,
            "removed": len(outcome.removed),
        },
        "edges": {
            "extracted_from": outcome.sources,
            "relates_to": outcome.relations,
            "prerequisite": outcome.prerequisites,
            "prerequisite_cross_document_candidates": len(links),
            "prerequisite_demoted": len(outcome.demoted),
            "prerequisite_dropped_cycle": len(outcome.dropped),
        },
        "dropped": [
            {"from": titles.get(a, str(a)), "to": titles.get(b, str(b))}
            for a, b in outcome.dropped[:20]
        ],
        "cached": len(text.text) <= CACHE_MAX_CHARS,
    }
    summary = {**summary, "timings": clock.timings, "seconds": clock.total()}
    result = {**summary, "stage": "completed", "progress": 100, "message": _done(summary)}
    if not await ports.rows.complete(
        task_id=report.task.id, document_id=document.id, extractions=rows, result=result
    ):
        raise DocumentDeleted("the document was deleted while it was being processed")
    await forget_courses(ports, outcome.courses)
    return result


async def restore_vectors(ports: DocumentPorts, concept_ids: set[UUID]) -> None:
    """Write again the vectors of concepts that survived a deletion we prepared for."""
    if not concept_ids:
        return
    concepts = await ports.graph.concepts(sorted(concept_ids))
    vectors = await embed_all(ports, plan.concept_texts(concepts))
    await ports.vectors.upsert_concepts(plan.concept_vectors(concepts, vectors))


async def forget_courses(ports: DocumentPorts, course_ids: Sequence[UUID]) -> None:
    """Drop cached courses that lost a concept (a stale entry would expire within the hour)."""
    if course_ids:
        with contextlib.suppress(UpstreamUnavailable):
            await ports.redis.delete(*(course_cache_key(c) for c in course_ids))


# a title read from the content (a Markdown "#" line, a PDF's metadata) can be a sentence
TITLE_MAX_CHARS = 200


async def _store_text(
    ports: DocumentPorts, document: DocumentRecord, text: TextRead, *, detected: bool
) -> None:
    await ports.rows.store_text(
        document.id,
        text=plan.clean(text.text),
        page_count=text.page_count,
        word_count=text.word_count,
        language=text.language if detected else None,
        mime_type=text.mime_type,
        title=(text.title or "").strip()[:TITLE_MAX_CHARS] or None,
    )
    if len(text.text) > CACHE_MAX_CHARS:
        return
    content = {
        "document_id": str(document.id),
        "title": text.title,
        "kind": text.kind,
        "mime_type": text.mime_type,
        "language": text.language,
        "page_count": text.page_count,
        "word_count": text.word_count,
        "text": text.text,
    }
    try:  # a cache: the job goes on without it
        await ports.redis.set_json_many(
            {document_cache_key(document.id): content}, ttl=DOCUMENT_CACHE_TTL
        )
    except UpstreamUnavailable as exc:
        log.warning("extracted text of %s not cached: %s", document.id, exc)


async def _store_chunks(ports: DocumentPorts, document_id: UUID, step: Chunked) -> int:
    vectors = await embed_all(ports, [plan.clean(c.text) for c in step.chunks])
    records = plan.chunk_records(document_id, step.chunks, vectors)
    for start in range(0, len(records), UPSERT_BATCH):
        await ports.vectors.upsert_chunks(records[start : start + UPSERT_BATCH])
    # Indexes past the last chunk belonged to a longer earlier version of this document.
    await ports.vectors.delete_document(document_id, from_index=len(step.chunks))
    return len(records)


def _node(document: DocumentRecord, text: TextRead) -> DocumentNode:
    metadata = document.metadata or {}
    kind = metadata.get("type")
    return DocumentNode(
        id=document.id,
        # this run's reading of the title, unless the uploader named the document
        title=uploader_title(metadata) or text.title or document.original_filename,
        type=kind if kind in DOCUMENT_TYPES else None,
        language=document.language if document.language else text.language,
    )


def _counts(knowledge: Any) -> dict[str, int]:
    counts = dict.fromkeys(("concept", "definition", "example", "formula"), 0)
    for x in knowledge.extractions:
        counts[x.type] = counts.get(x.type, 0) + 1
    return counts


def _done(summary: dict[str, Any]) -> str:
    concepts = summary["concepts"]
    return (
        f"{summary['pages']} pages, {summary['chunks']} chunks, "
        f"{concepts['new'] + concepts['merged']} concepts, "
        f"{summary['edges']['prerequisite']} prerequisite edges in {summary['seconds']:.1f} s"
    )


def _text_message(text: TextRead) -> str:
    return f"{text.page_count} pages, {text.word_count} words, language {text.language}"


def _knowledge_message(counts: dict[str, int]) -> str:
    return (
        f"{counts['concept']} concepts, {counts['definition']} definitions, "
        f"{counts['example']} examples, {counts['formula']} formulas"
    )


class Clock:
    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self.last, 3)
        self.last = now

    def total(self) -> float:
        return round(time.perf_counter() - self.started, 3)
