"""A glossary kept in a spreadsheet and saved as CSV (Excel's "CSV UTF-8", Google Sheets'
"Comma-separated values", LibreOffice's "Text CSV"): a header row naming a term column and
a definition column, then one term a row, maybe with a topic column and a column of notes.

Read as plain text, a 37-term contract-law sheet was one paragraph of quoted fields run
together: 7 concepts, three of them its topic column's values, none defined, and its
questions answered with raw rows. Each row is read as one glossary entry ("term:
definition", the term stressed, as a definition list gives), its notes after the
definition, and the rows are grouped under their topic (a heading each), as a teacher
filtering the sheet by topic sees them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence

from jobs.pipeline.model import Block
from jobs.pipeline.readers.blocks import MAX_TERM_CHARS, glossary_entry, make_blocks
from jobs.pipeline.readers.flashcards import MIN_CARDS
from jobs.pipeline.textutil import has_han

# what a sheet's header calls each column (compared case-folded, spaces and stops trimmed),
# in English and in Chinese: a 名词解释 sheet heads its columns 名词 | 名词解释 | 章节, and
# with English names only, a 22-row one was no glossary at all
_TERM_HEADERS = frozenset(
    {"term", "terms", "word", "vocabulary", "concept", "key term", "keyword", "front", "name"}
    | {"名词", "术语", "概念", "词条", "关键词", "名称", "词语", "专业术语", "术语名称"}
)
_DEFINITION_HEADERS = frozenset(
    {"definition", "definitions", "meaning", "description", "explanation", "gloss", "back"}
    | {"名词解释", "解释", "定义", "释义", "含义", "概念解释", "术语解释", "内涵"}
)
_TOPIC_HEADERS = frozenset(
    {"topic", "category", "section", "chapter", "unit", "module", "theme"}
    | {"章节", "章", "单元", "主题", "类别", "分类", "模块", "所属章节"}
)
# the header row may sit under a title row or two ("《人力资源管理》名词解释", merged
# across the columns, as a teacher heads a printed sheet)
HEADER_WITHIN_ROWS = 3
# a cell that is only a number is the row's number (序号, "No."), no note on its term
_ROW_NUMBER = re.compile(r"\d+(?:\.0)?")
# a cell ending on one of these ends a sentence already; Chinese cells end on 。 or ）
_STOPS = (".", "!", "?", ")", '"', "”", "。", "！", "？", "）", "」", "；")
# the separators a spreadsheet's CSV uses: a comma, a semicolon (where a comma is the
# decimal mark) or a tab
_DELIMITERS = (",", ";", "\t")


def sheet_blocks(lines: Sequence[str]) -> list[Block] | None:
    """The blocks of a glossary sheet saved as CSV (a heading a topic, one glossary entry a
    row), or None when `lines` are not one."""
    rows = _rows(lines)
    return None if rows is None else table_blocks(rows)


def table_blocks(table: Sequence[Sequence[str]]) -> list[Block] | None:
    """The blocks of a glossary sheet given as its rows of cells (a heading a topic, one
    glossary entry a row), or None when no row among the first is a glossary's header."""
    found = next(
        (
            (i, header, term, definition)
            for i, header in enumerate([_header(cell) for cell in row] for row in table)
            if i < HEADER_WITHIN_ROWS
            and (term := _column(header, _TERM_HEADERS)) is not None
            and (definition := _column(header, _DEFINITION_HEADERS)) is not None
        ),
        None,
    )
    if found is None:
        return None
    at, header, term, definition = found
    body = table[at + 1 :]
    topic = _column(header, _TOPIC_HEADERS)
    notes = [i for i in range(len(header)) if i not in (term, definition, topic)]
    grouped: dict[str, list[list[Block]]] = {}
    for row in body:
        cells = [" ".join(cell.split()) for cell in row] + [""] * len(header)
        name, meaning = cells[term], cells[definition]
        if not name or not meaning or len(name) > MAX_TERM_CHARS:
            continue
        extra = " ".join(
            _sentence(cells[i]) for i in notes if cells[i] and not _ROW_NUMBER.fullmatch(cells[i])
        )
        text = f"{_sentence(meaning)} {extra}".strip()
        group = cells[topic] if topic is not None else ""
        grouped.setdefault(group, []).append(glossary_entry([name], text))
    if sum(len(entries) for entries in grouped.values()) < MIN_CARDS:
        return None
    blocks: list[Block] = []
    for group, entries in grouped.items():
        if group and len(grouped) > 1:
            blocks.extend(make_blocks("heading", group, 1, level=2))
        for entry in entries:
            blocks.extend(entry)
    return blocks


def _rows(lines: Sequence[str]) -> list[list[str]] | None:
    """The rows, split by the first delimiter that gives the first row two columns or more
    (a title row above the header has its empty cells too), or None when none does."""
    text = [line.lstrip("\ufeff") if i == 0 else line for i, line in enumerate(lines)]
    filled = [line for line in text if line.strip()]
    if not filled:
        return None
    for delimiter in _DELIMITERS:
        if delimiter not in filled[0]:
            continue
        try:
            rows = [row for row in csv.reader(filled, delimiter=delimiter) if any(row)]
        except csv.Error:
            return None  # a quote left open, a NUL: not a sheet
        if rows and len(rows[0]) >= 2:
            return rows
    return None


def _header(cell: str) -> str:
    return " ".join(cell.split()).strip(" .:*").casefold()


def _column(header: Sequence[str], names: frozenset[str]) -> int | None:
    return next((i for i, cell in enumerate(header) if cell in names), None)


def _sentence(text: str) -> str:
    """A cell's text ending on a stop, so the next cell's is a sentence of its own (a
    Chinese one on 。: "重点." after a definition's 。 read as a fragment of it)."""
    if text.endswith(_STOPS):
        return text
    return f"{text}。" if has_han(text[-1]) else f"{text}."
