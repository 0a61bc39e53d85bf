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
from collections.abc import Sequence

from jobs.pipeline.model import Block
from jobs.pipeline.readers.blocks import MAX_TERM_CHARS, glossary_entry, make_blocks
from jobs.pipeline.readers.flashcards import MIN_CARDS

# what a sheet's header calls each column (compared case-folded, spaces and stops trimmed)
_TERM_HEADERS = frozenset(
    {"term", "terms", "word", "vocabulary", "concept", "key term", "keyword", "front", "name"}
)
_DEFINITION_HEADERS = frozenset(
    {"definition", "definitions", "meaning", "description", "explanation", "gloss", "back"}
)
_TOPIC_HEADERS = frozenset({"topic", "category", "section", "chapter", "unit", "module", "theme"})
# the separators a spreadsheet's CSV uses: a comma, a semicolon (where a comma is the
# decimal mark) or a tab
_DELIMITERS = (",", ";", "\t")


def sheet_blocks(lines: Sequence[str]) -> list[Block] | None:
    """The blocks of a glossary sheet saved as CSV (a heading a topic, one glossary entry a
    row), or None when `lines` are not one."""
    rows = _rows(lines)
    if rows is None:
        return None
    header, body = rows
    term, definition = _column(header, _TERM_HEADERS), _column(header, _DEFINITION_HEADERS)
    if term is None or definition is None:
        return None
    topic = _column(header, _TOPIC_HEADERS)
    notes = [i for i in range(len(header)) if i not in (term, definition, topic)]
    grouped: dict[str, list[list[Block]]] = {}
    for row in body:
        cells = [" ".join(cell.split()) for cell in row] + [""] * len(header)
        name, meaning = cells[term], cells[definition]
        if not name or not meaning or len(name) > MAX_TERM_CHARS:
            continue
        extra = " ".join(_sentence(cells[i]) for i in notes if cells[i])
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


def _rows(lines: Sequence[str]) -> tuple[list[str], list[list[str]]] | None:
    """The header row and the rows after it, split by the first delimiter that gives the
    header two columns or more, or None when no line is such a header."""
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
            return [_header(cell) for cell in rows[0]], rows[1:]
    return None


def _header(cell: str) -> str:
    return " ".join(cell.split()).strip(" .:*").casefold()


def _column(header: Sequence[str], names: frozenset[str]) -> int | None:
    return next((i for i, cell in enumerate(header) if cell in names), None)


def _sentence(text: str) -> str:
    """A cell's text ending on a stop, so the next cell's is a sentence of its own."""
    return text if text.endswith((".", "!", "?", ")", '"', "”")) else f"{text}."
