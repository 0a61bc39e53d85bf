"""The whole pure pipeline for one file: detect → read → language → words → chunks → knowledge.

No store is touched: the job (jobs/tasks) stores what this returns. Errors are
`UnsupportedDocument` / `CorruptDocument` with a `reason`; a document with text but no
concepts succeeds with empty knowledge.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from datasources.files.detect import DEFAULT_MAX_BYTES, detect
from datasources.files.document_errors import UnsupportedDocument
from jobs.pipeline.chunking import DEFAULT_MAX_TOKENS, chunk_blocks
from jobs.pipeline.knowledge import KnowledgeExtractor, OfflineExtractor
from jobs.pipeline.language import detect_language, foreign_language
from jobs.pipeline.model import LANGUAGES, Analysis, Block, Language, ReadDocument
from jobs.pipeline.readers import read
from jobs.pipeline.words import count_all


def analyse_file(
    path: Path,
    *,
    filename: str | None = None,
    language: Language | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chunk_tokens: int = DEFAULT_MAX_TOKENS,
    extractor: KnowledgeExtractor | None = None,
) -> Analysis:
    """Analyse the file at `path`; `language` None means detect it."""
    started = time.perf_counter()
    detected = detect(path, filename=filename, max_bytes=max_bytes)
    document = read(path, detected)
    timings = {"read": time.perf_counter() - started}
    return analyse_document(
        document,
        language=language,
        max_chunk_tokens=max_chunk_tokens,
        extractor=extractor,
        timings=timings,
    )


def analyse_document(
    document: ReadDocument,
    *,
    language: Language | None = None,
    max_chunk_tokens: int = DEFAULT_MAX_TOKENS,
    extractor: KnowledgeExtractor | None = None,
    timings: dict[str, float] | None = None,
) -> Analysis:
    timings = dict(timings or {})
    blocks = document.blocks()
    require_text(blocks)
    clock = time.perf_counter()
    language = document_language(blocks, language)
    word_count = count_all(b.text for b in blocks)
    timings["language_words"] = time.perf_counter() - clock
    clock = time.perf_counter()
    chunks = chunk_blocks(blocks, max_chunk_tokens)
    timings["chunks"] = time.perf_counter() - clock
    clock = time.perf_counter()
    knowledge = (extractor or OfflineExtractor()).extract(document, language)
    timings["knowledge"] = time.perf_counter() - clock
    return Analysis(
        mime_type=document.mime_type,
        kind=document.kind,
        language=language,
        page_count=len(document.pages),
        word_count=word_count,
        extracted_text=document_text(document),
        pages=document.pages,
        chunks=tuple(chunks),
        knowledge=knowledge,
        timings={k: round(v, 4) for k, v in timings.items()},
    )


def require_text(blocks: Sequence[Block]) -> None:
    """UnsupportedDocument("no_text") when no block has any text (a scan without OCR)."""
    if not any(b.text.strip() for b in blocks):
        raise UnsupportedDocument(
            "no_text", "no text could be extracted (a scanned document needs OCR first)"
        )


def document_language(blocks: Sequence[Block], language: Language | None) -> Language:
    """`language` when the caller says it, else the detected one; UnsupportedDocument
    ("language") when the text is in a language the pipeline does not read. A language
    the pipeline does not know is a caller's mistake, refused here: "zh" (not "zh-CN")
    was read with the English rules, no error, and a blind round measured the wrong
    path."""
    if language is not None:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        return language
    foreign = foreign_language(blocks)
    if foreign is not None:
        raise UnsupportedDocument(
            "language",
            f"the text is in {foreign}; documents in English or Chinese can be read "
            "(upload it with its language set to en or zh-CN to read it anyway)",
        )
    return detect_language(blocks)


def document_text(document: ReadDocument) -> str:
    """`documents.extracted_text`: blocks joined by blank lines, pages in order."""
    return "\n\n".join("\n\n".join(b.text for b in page.blocks) for page in document.pages)
