"""Chunks for the vector index: by structure, within a token budget, with page numbers.

Blocks are gathered under their heading path until the budget would be exceeded; a heading
always starts a new chunk. A block longer than the budget is cut at sentence ends; a single
sentence longer than the budget is split by semantic-text-splitter (tiktoken's cl100k
vocabulary is compiled into its wheel, so it works offline) at words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from semantic_text_splitter import TextSplitter

from jobs.pipeline.model import Block, Chunk
from jobs.pipeline.textutil import sentences

DEFAULT_MAX_TOKENS = 512
_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")
_TOKEN = re.compile(r"[A-Za-z]{1,8}|\d+|[^\sA-Za-z\d]")


def estimate_tokens(text: str) -> int:
    """cl100k tokens, estimated in one pass: a CJK character 1, an English word 1 per 8
    letters, a number or symbol 1. The splitter enforces the real budget."""
    return len(_TOKEN.findall(text))


@cache
def _splitter(max_tokens: int) -> TextSplitter:
    return TextSplitter.from_tiktoken_model("gpt-4", max_tokens)


def chunk_blocks(blocks: Sequence[Block], max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Chunk]:
    """Chunks in reading order; `heading_path` is the chain of headings above each chunk."""
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    parts: list[Block] = []
    tokens = 0

    def flush() -> None:
        nonlocal tokens
        if parts:
            text = "\n\n".join(b.text for b in parts)
            _emit(chunks, text, parts[0].page, parts[-1].page, tuple(t for _, t in path), tokens)
            parts.clear()
            tokens = 0

    for block in blocks:
        if block.kind == "heading":
            flush()
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.text))
            continue
        size = estimate_tokens(block.text)
        if size > max_tokens:
            flush()
            for piece in _pieces(block.text, max_tokens):
                _emit(
                    chunks,
                    piece,
                    block.page,
                    block.page,
                    tuple(t for _, t in path),
                    estimate_tokens(piece),
                )
            continue
        if tokens + size > max_tokens:
            flush()
        parts.append(block)
        tokens += size
    flush()
    return chunks


def _pieces(text: str, max_tokens: int) -> list[str]:
    """A long block in sentence-aligned pieces within the budget (cheap), with the splitter
    only for a single sentence that is itself over the budget."""
    pieces: list[str] = []
    current: list[str] = []
    tokens = 0
    for sentence in sentences(text):
        size = estimate_tokens(sentence)
        if current and tokens + size > max_tokens:
            pieces.append(_join(current))
            current, tokens = [], 0
        if size > max_tokens:
            pieces.extend(_splitter(max_tokens).chunks(sentence))
            continue
        current.append(sentence)
        tokens += size
    if current:
        pieces.append(_join(current))
    return pieces


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        out += part if _CJK.match(out[-1]) or _CJK.match(part[0]) else " " + part
    return out


def _emit(
    chunks: list[Chunk], text: str, page: int, page_end: int, path: tuple[str, ...], tokens: int
) -> None:
    chunks.append(Chunk(text, len(chunks), page, page_end, tokens, path))
