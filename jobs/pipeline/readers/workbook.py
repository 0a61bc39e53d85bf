"""An Excel workbook (.xlsx) kept as a glossary: a 名词解释 or key-terms sheet, a term
column and a definition column, maybe a topic (章节) column and notes, often under a
title row merged across the columns.

pandoc's xlsx reader gives each sheet as a table; each sheet's rows are read by the
glossary sheet's rules (`glossary_sheet.table_blocks`, as its CSV is), one glossary entry
a row under its topic. A workbook none of whose sheets is a glossary is refused, as
before, saying what to upload instead: its rows are no prose any rule reads. Refused
outright, a teacher's 22-term 人力资源管理 workbook gave nothing; saved as CSV, it lost
its title and its other sheets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypandoc

from datasources.files.detect import Detected
from datasources.files.document_errors import UnsupportedDocument
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers import glossary_sheet, pandoc
from jobs.pipeline.readers.blocks import virtual_pages

NO_GLOSSARY = (
    "an Excel workbook (.xlsx) with no glossary sheet (a Term or 名词 column and a Definition"
    " or 名词解释 column); save or export it as PDF or DOCX and upload that"
)
# the name a spreadsheet gives a sheet nobody named, no title for the document
_DEFAULT_SHEET = re.compile(r"(?i)(?:sheet|工作表)\s*\d*")


def read(path: Path, detected: Detected) -> ReadDocument:
    command = [
        pypandoc.get_pandoc_path(),
        *("+RTS", f"-M{pandoc.MAX_HEAP}", "-RTS"),
        "--sandbox",
        *("--from", "xlsx", "--to", "json"),
        str(path),
    ]
    tree = json.loads(pandoc.convert(command, None, "Excel workbook"))
    blocks: list[Block] = []
    title: str | None = None
    for name, rows in _sheets(tree.get("blocks", [])):
        entries = glossary_sheet.table_blocks(rows)
        if not entries:
            continue  # a sheet of notes, marks or a timetable: no glossary
        blocks += entries
        filled = [cell for cell in rows[0] if cell] if rows else []
        if title is None and len(filled) == 1:
            title = filled[0]  # the title row merged over the header
        elif title is None and name and not _DEFAULT_SHEET.fullmatch(name):
            title = name
    if not blocks:
        raise UnsupportedDocument("unsupported_type", NO_GLOSSARY)
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False, title)


def _sheets(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, list[list[str]]]]:
    """Each sheet's name (the heading pandoc sets before its table) and its rows of cells."""
    name = ""
    for block in blocks:
        if block.get("t") == "Header":
            name = _text(block["c"][2])
        elif block.get("t") == "Table":
            _attr, _caption, _columns, head, bodies, foot = block["c"]
            rows = list(head[1])
            for body in bodies:
                rows += body[2] + body[3]
            rows += foot[1]
            yield name, [[_text(cell[4]) for cell in row[1]] for row in rows]


def _text(node: Any) -> str:
    """The words of a piece of pandoc's tree, its marks (bold, links) dropped."""
    words: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            kind = item.get("t")
            if kind == "Str":
                words.append(item["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                words.append(" ")
            elif "c" in item:
                walk(item["c"])
        elif isinstance(item, list):
            for child in item:
                walk(child)

    walk(node)
    return " ".join("".join(words).split())
