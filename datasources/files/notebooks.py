"""Jupyter notebooks (.ipynb): the JSON checked once, for the upload and for the reader.

A notebook is JSON (nbformat 4, and 3 before 2015): cells of Markdown, code and raw text,
code cells with their outputs. Only what a teacher wrote is kept: Markdown and code
cells' sources, in order, and the kernel's language (code fences are labelled with it).
Outputs (tables of data, plots as base64 pictures, tracebacks) are results, not teaching
text, and raw cells are input for nbconvert; both are left out. Anything that is not the
shape nbformat documents is refused as `corrupt_notebook`, naming the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import orjson

from datasources.files.document_errors import CorruptDocument, UnsupportedDocument

CellKind = Literal["markdown", "code"]
# v3's heading cells become Markdown headings; other cell types are not teaching text
_KEPT = ("markdown", "code", "heading")
_LANGUAGE = re.compile(r"[A-Za-z][A-Za-z0-9+#_-]{0,19}")


@dataclass(frozen=True, slots=True)
class Cell:
    kind: CellKind
    source: str


@dataclass(frozen=True, slots=True)
class Notebook:
    cells: tuple[Cell, ...]
    language: str  # the kernel's ("python", "r", "julia"), "" when it names none
    title: str | None  # the notebook metadata's "title", when it has one


def load_notebook(path: Path, encoding: str = "utf-8") -> Notebook:
    """The notebook at `path`; CorruptDocument naming what is wrong when it is not one."""
    try:
        text = path.read_bytes().decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:  # the encoding was found from the file's head
        raise CorruptDocument(
            "corrupt_notebook", f"the notebook is not {encoding} text throughout ({error.reason})"
        ) from error
    try:
        document = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise CorruptDocument(
            "corrupt_notebook", f"the notebook is not valid JSON ({error})"
        ) from error
    if not isinstance(document, dict):
        raise CorruptDocument("corrupt_notebook", "the notebook is not a JSON object")
    version = document.get("nbformat")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CorruptDocument("corrupt_notebook", 'the notebook has no "nbformat" version')
    if version < 3:
        raise UnsupportedDocument(
            "unsupported_type",
            f"a notebook in nbformat {version}, older than the 3 and 4 we read; open and"
            " save it in Jupyter, which upgrades it",
        )
    metadata = document.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    raw_cells = _raw_cells(document, version)
    cells = tuple(cell for i, item in enumerate(raw_cells) if (cell := _cell(item, i + 1)))
    title = metadata.get("title")
    return Notebook(
        cells,
        _language(metadata),
        title.strip() or None if isinstance(title, str) else None,
    )


def _raw_cells(document: dict[str, Any], version: int) -> list[Any]:
    if version == 3:
        sheets = document.get("worksheets")
        if not isinstance(sheets, list) or not all(
            isinstance(s, dict) and isinstance(s.get("cells", []), list) for s in sheets
        ):
            raise CorruptDocument(
                "corrupt_notebook", 'the notebook (nbformat 3) has no list of "worksheets"'
            )
        return [cell for sheet in sheets for cell in sheet.get("cells", [])]
    cells = document.get("cells")
    if not isinstance(cells, list):
        raise CorruptDocument("corrupt_notebook", 'the notebook has no list of "cells"')
    return cells


def _cell(item: Any, number: int) -> Cell | None:
    if not isinstance(item, dict) or not isinstance(item.get("cell_type"), str):
        raise CorruptDocument("corrupt_notebook", f"cell {number} has no cell_type")
    kind = item["cell_type"]
    if kind not in _KEPT:
        return None
    # nbformat 3 kept a code cell's source in "input"
    source = _text(item.get("input", item.get("source")) if kind == "code" else item.get("source"))
    if source is None:
        raise CorruptDocument("corrupt_notebook", f"cell {number}'s source is not text")
    if kind == "heading":
        level = item.get("level")
        level = level if isinstance(level, int) and 1 <= level <= 6 else 1
        return Cell("markdown", "#" * level + " " + " ".join(source.split()))
    return Cell("code" if kind == "code" else "markdown", source)


def _text(source: Any) -> str | None:
    """A cell's source: one string, or the list of lines nbformat writes."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return None


def _language(metadata: dict[str, Any]) -> str:
    for holder, key in (("language_info", "name"), ("kernelspec", "language")):
        value = metadata.get(holder)
        name = value.get(key) if isinstance(value, dict) else None
        if isinstance(name, str) and _LANGUAGE.fullmatch(name):
            return name.lower()
    return ""
