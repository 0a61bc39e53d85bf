"""An Excel workbook (.xlsx) or a LibreOffice / WPS spreadsheet (.ods) kept as a glossary:
a 名词解释 or key-terms sheet, a term column and a definition column, maybe a topic (章节)
column and notes, often under a title row merged across the columns.

pandoc's xlsx reader gives each sheet as a table; pandoc reads no .ods, whose sheets are
read from its content.xml with lxml (`_ods_sheets`), as the Impress reader reads a deck
(a cell's comment, an `office:annotation`, is no text of it). Either way each sheet's rows
are read by the glossary sheet's rules (`glossary_sheet.table_blocks`, as its CSV is),
one glossary entry a row under its topic. A workbook none of whose sheets is a glossary
is refused, as before, saying what to upload instead: its rows are no prose any rule
reads. Refused outright, a teacher's 22-term 人力资源管理 workbook gave nothing; saved as
CSV, it lost its title and its other sheets; a 17-term 会计学基础 .ods, refused as "not a
kind of document we read", gave nothing either.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypandoc
from lxml import etree

from datasources.files.detect import Detected, check_office_archive
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers import glossary_sheet, pandoc, quiz_sheet, xmlfile
from jobs.pipeline.readers.blocks import plain_title, virtual_pages

NO_GLOSSARY = (
    " with no glossary sheet (a Term or 名词 column and a Definition or 名词解释 column)"
    " and no quiz sheet (a Question column, Answer columns and a Correct answer column);"
    " save or export it as PDF or DOCX and upload that"
)
_WHAT = {"xlsx": "an Excel workbook (.xlsx)", "ods": "an OpenDocument spreadsheet (.ods)"}
# the name a spreadsheet gives a sheet nobody named, no title for the document
_DEFAULT_SHEET = re.compile(r"(?i)(?:sheet|工作表)\s*\d*")
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_CELLS = {f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"}
_PARAGRAPH = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"


def read(path: Path, detected: Detected) -> ReadDocument:
    sheets = _ods_sheets(path) if detected.kind == "ods" else _xlsx_sheets(path)
    blocks: list[Block] = []
    title: str | None = None
    for name, rows in sheets:
        # a glossary sheet, or a quiz's (a Kahoot or Quizizz template: `readers/quiz_sheet`)
        entries = glossary_sheet.table_blocks(rows) or quiz_sheet.table_blocks(rows)
        if not entries:
            continue  # a sheet of notes, marks or a timetable: no glossary, no quiz
        blocks += entries
        filled = [cell for cell in rows[0] if cell] if rows else []
        if title is None and len(filled) == 1 and plain_title(filled[0]):
            # the title row merged over the header; not a template's instructions merged
            # there ("说明：1. 题型请填写单选题…；2. …。"), which are sentences, no title
            title = filled[0]
        elif title is None and name and not _DEFAULT_SHEET.fullmatch(name):
            title = name
    if not blocks:
        raise UnsupportedDocument("unsupported_type", _WHAT[detected.kind] + NO_GLOSSARY)
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False, title)


def _xlsx_sheets(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    command = [
        pypandoc.get_pandoc_path(),
        *("+RTS", f"-M{pandoc.MAX_HEAP}", "-RTS"),
        "--sandbox",
        *("--from", "xlsx", "--to", "json"),
        str(path),
    ]
    tree = json.loads(pandoc.convert(command, None, "Excel workbook"))
    return _sheets(tree.get("blocks", []))


# A sheet as LibreOffice writes it repeats a run of like cells or rows by a count
# (`number-columns-repeated`, `number-rows-repeated`): a sheet's empty tail is one cell
# repeated 1,020 times and one row 1,048,000 times, so only cells with text are repeated,
# and only up to the widest and longest sheet a glossary is (a bound, not a guess).
_MAX_COLUMNS = 64
_MAX_ROWS = 20_000


def _ods_sheets(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    """Each sheet's name and its rows of cells (a merged cell's covered cells empty, a row's
    empty tail dropped), from the spreadsheet's content.xml."""
    check_office_archive(path, "ods")
    try:
        with zipfile.ZipFile(path) as archive:
            content = archive.read("content.xml")
    except (KeyError, zipfile.BadZipFile) as error:
        raise CorruptDocument("corrupt_ods", f"the spreadsheet has no content ({error})") from error
    root = xmlfile.parse_root(content, f"{{{_OFFICE}}}document-content", "the spreadsheet")
    for sheet in root.iter(f"{{{_TABLE}}}table"):
        rows: list[list[str]] = []
        for row in sheet.iter(f"{{{_TABLE}}}table-row"):
            cells = _ods_cells(row)
            if not cells:
                continue  # an empty row: the sheet's tail or a gap between its parts
            rows += [cells] * min(_repeat(row, "rows"), _MAX_ROWS - len(rows))
            if len(rows) >= _MAX_ROWS:
                break
        yield sheet.get(f"{{{_TABLE}}}name", ""), rows


def _ods_cells(row: etree._Element) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        paragraphs = (" ".join("".join(p.itertext()).split()) for p in cell.findall(_PARAGRAPH))
        text = " ".join(p for p in paragraphs if p)
        count = min(_repeat(cell, "columns"), _MAX_COLUMNS - len(cells)) if text else 1
        cells += [text] * count
        if len(cells) >= _MAX_COLUMNS:
            break
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _repeat(element: etree._Element, what: str) -> int:
    count = element.get(f"{{{_TABLE}}}number-{what}-repeated", "1")
    return int(count) if count.isdigit() and int(count) > 0 else 1


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
