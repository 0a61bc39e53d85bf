"""The pipeline's typed output: frozen dataclasses, JSON-serialisable with `to_json`.

Every reader returns a `ReadDocument` (pages of blocks), so nothing after a reader knows
the file format. `analyse` returns one `Analysis` that the job stores as it is.
Languages are BCP-47 tags, the values of `documents.language`: "en" or "zh-CN".
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from datasources.files.detect import Kind

Language = Literal["en", "zh-CN"]
LANGUAGES: tuple[Language, ...] = typing.get_args(Language)
BlockKind = Literal["heading", "paragraph", "list_item", "table", "code", "formula", "quote"]
ExtractionType = Literal["concept", "definition", "example", "formula"]
Difficulty = Literal["beginner", "intermediate", "advanced"]
RelationType = Literal["similar", "opposite", "example"]


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of text. `level` is 1..6 for headings, 0 otherwise.

    `emphasis` lists the bold/italic spans inside the block (readers that know them):
    textbooks mark the term being defined that way.

    `number` is a list item's number as its document shows it when the number is no part
    of the text (a Markdown ordered list's "3.", Word's automatic numbering), 0 otherwise:
    a quiz's answer key names its questions by those numbers.

    `written_in` lists the names a quiz's answer key wrote into the block's blanks
    (`answer_keys`), also in `emphasis`: the answer is the term the question teaches, but
    the author stressed nothing (a plain document stays plain).
    """

    kind: BlockKind
    text: str
    page: int
    level: int = 0
    emphasis: tuple[str, ...] = ()
    number: int = 0
    written_in: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """What a reader returns. `paged` is False when pages are virtual (see readers)."""

    kind: Kind
    mime_type: str
    pages: tuple[Page, ...]
    paged: bool
    title: str | None = None
    # a PDF of lecture slides: how many slides it shows (overlay steps aside), else 0
    slides: int = 0
    # the title the first page shows by its type (Word's Title style, the first page's
    # largest text), which `readers.read` weighs against the declared `title`
    shown_title: str | None = None

    def blocks(self) -> list[Block]:
        return [block for page in self.pages for block in page.blocks]


@dataclass(frozen=True, slots=True)
class Chunk:
    text: str
    chunk_index: int
    page_number: int
    page_end: int
    token_count: int  # estimated, see chunking.estimate_tokens
    heading_path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept as a teacher would name it; `key` + `language` identify it across documents."""

    title: str
    key: str  # concept_keys.concept_key(title): feed it to datasources.ids.concept_id_for
    language: Language
    first_page: int
    pages: tuple[int, ...]
    salience: float  # 0..1
    confidence: float  # 0..1
    description: str | None
    difficulty: Difficulty
    difficulty_rule: str
    category: str | None
    tags: tuple[str, ...]
    sources: tuple[str, ...]  # which signals found it: heading, emphasis, definition, term
    mentions: int
    order: int  # rank of first mention in the document (0 = first)


@dataclass(frozen=True, slots=True)
class Extraction:
    """One row of knowledge_extractions; `concept_key` is the concept it belongs to.

    `section` (concept rows only): the headings, outermost first, of the section where a
    reader first meets the concept, numbers and the book's apparatus ("Summary") left out;
    the course planner names weeks and modules after them.
    """

    type: ExtractionType
    content: str
    context: str
    page_number: int
    confidence: float
    concept_key: str | None
    section: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """RELATES_TO between two concepts (by key)."""

    source: str
    target: str
    type: RelationType
    strength: float


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """PREREQUISITE: `source` must be learned before `target`. `evidence` says why."""

    source: str
    target: str
    mandatory: bool
    weight: float
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Knowledge:
    concepts: tuple[Concept, ...]
    extractions: tuple[Extraction, ...]
    relations: tuple[Relation, ...]
    prerequisites: tuple[Prerequisite, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    mime_type: str
    kind: Kind
    language: Language
    page_count: int
    word_count: int
    extracted_text: str
    pages: tuple[Page, ...]
    chunks: tuple[Chunk, ...]
    knowledge: Knowledge
    timings: dict[str, float] = field(default_factory=dict)


def to_json(value: Any) -> Any:
    """Plain dicts/lists/str/numbers for a dataclass tree (tuples become lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value
