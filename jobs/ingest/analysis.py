"""The pure steps of one document, as a generator the job runs in a child process.

Each result is yielded as soon as it exists, so the job stores the text while the
chunks are cut and embeds the chunks while the knowledge is extracted:

1. `TextRead`: detect → read pages → language (unless given) → word count;
2. `Chunked`: chunks by structure within the token budget;
3. `Extracted`: concepts, definitions, examples, formulas, relations, prerequisites,
   and the cross-document prerequisite candidates against `known` concepts.

Everything here is jobs/pipeline; this module only strings it together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from datasources.files.detect import detect
from jobs.ingest.linking import DocumentWords, candidates
from jobs.pipeline.analyse import document_language, document_text, require_text
from jobs.pipeline.chunking import chunk_blocks
from jobs.pipeline.knowledge import OfflineExtractor
from jobs.pipeline.links import CrossLinks, KnownConcept, link_to_existing, related_documents
from jobs.pipeline.model import (
    Analysis,
    Chunk,
    Kind,
    Knowledge,
    Language,
)
from jobs.pipeline.readers import read
from jobs.pipeline.words import count_all

# Modules the forkserver imports before forking readers (jobs/child.py).
PRELOAD = ("jobs.ingest.analysis", "jobs.ingest.warm")


@dataclass(frozen=True, slots=True)
class TextRead:
    kind: Kind
    mime_type: str
    title: str | None
    language: Language
    page_count: int
    word_count: int
    text: str


@dataclass(frozen=True, slots=True)
class Chunked:
    chunks: tuple[Chunk, ...]


@dataclass(frozen=True, slots=True)
class Extracted:
    knowledge: Knowledge
    links: CrossLinks  # cross-document PREREQUISITE and RELATES_TO candidates, by key


Step = TextRead | Chunked | Extracted


def pipeline_language(tag: str | None) -> Language | None:
    """The pipeline's language for a stored tag: zh-* → zh-CN, en-* → en, else detect."""
    lowered = (tag or "").casefold()
    if lowered.startswith("zh"):
        return "zh-CN"
    if lowered.startswith("en"):
        return "en"
    return None


def analyse_steps(
    path: Path,
    *,
    filename: str | None,
    language: Language | None,
    max_bytes: int,
    max_chunk_tokens: int,
    known: Sequence[KnownConcept],
) -> Iterator[Step]:
    detected = detect(path, filename=filename, max_bytes=max_bytes)
    document = read(path, detected)
    blocks = document.blocks()
    require_text(blocks)
    language = document_language(blocks, language)
    yield TextRead(
        kind=document.kind,
        mime_type=document.mime_type,
        title=document.title,
        language=language,
        page_count=len(document.pages),
        word_count=count_all(b.text for b in blocks),
        text=document_text(document),
    )
    yield Chunked(tuple(chunk_blocks(blocks, max_chunk_tokens)))
    knowledge = OfflineExtractor().extract(document, language)
    whole = Analysis(
        mime_type=document.mime_type,
        kind=document.kind,
        language=language,
        page_count=len(document.pages),
        word_count=0,  # not read by link_to_existing
        extracted_text="",
        pages=document.pages,
        chunks=(),
        knowledge=knowledge,
    )
    same = [k for k in known if k.language == language]
    relevant = candidates(same, knowledge.concepts, DocumentWords(b.text for b in blocks))
    related = related_documents(same, knowledge.concepts)
    yield Extracted(knowledge, link_to_existing(whole, relevant, related))
