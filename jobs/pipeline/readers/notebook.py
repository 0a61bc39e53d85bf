"""Jupyter notebooks: the cells a teacher wrote, read as the Markdown they are.

`datasources.files.notebooks` loads and checks the JSON and keeps Markdown and code cells
(outputs and raw cells are no teaching text). Here the cells are joined in order into one
Markdown source, each code cell fenced and labelled with the kernel's language, and read
by the Markdown reader: a notebook's headings, emphasis, lists, tables and `$` maths are
Markdown's. Pages are virtual, as for Markdown. The notebook's own "title" metadata, when
it has one, names it as a front matter title would.
"""

from __future__ import annotations

import re
from pathlib import Path

from datasources.files.detect import Detected
from datasources.files.document_errors import UnsupportedDocument
from datasources.files.notebooks import Cell, load_notebook
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import markdown
from jobs.pipeline.readers.blocks import line_pieces

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"^ {0,3}(`{3,})", re.MULTILINE)
# A Markdown link or image, [text](target) or ![alt](target), an HTML link (often around
# a badge: "Open in Colab"), and an HTML comment or any other tag
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<a\b[^>]*>.*?</a\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->|</?[a-zA-Z][^>]*>", re.DOTALL)
# What a navigation bar puts between its links: bars, arrows, dots, dashes, HTML's
# &lt; &gt; and emphasis marks; any word left over makes the cell prose
_BAR = re.compile(r"(?:[\s|<>·•/\\\-–—*_«»‹›←→]|&lt;|&gt;|&nbsp;)*")


def read(path: Path, detected: Detected) -> ReadDocument:
    notebook = load_notebook(path, detected.encoding or "utf-8")
    if not any(cell.source.strip() for cell in notebook.cells):
        # not "a scanned document needs OCR", which the analysis would say of no text
        raise UnsupportedDocument(
            "no_text", "the notebook has no Markdown or code cell with text in it"
        )
    cells = [cell for cell in notebook.cells if not _navigation(cell)]
    source = "\n\n".join(_markdown(cell, notebook.language) for cell in cells)
    lines = (piece for line in source.split("\n") for piece in line_pieces(line))
    return markdown.from_source("\n".join(lines), detected, declared=notebook.title)


def _markdown(cell: Cell, language: str) -> str:
    text = cell.source.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if cell.kind == "code":
        # a fence longer than any the code holds, so the code cannot close it
        longest = max((len(m.group(1)) for m in _BACKTICKS.finditer(text)), default=2)
        fence = "`" * max(3, longest + 1)
        return f"{fence}{language}\n{text}\n{fence}"
    return text + _unclosed_fence(text)


def _navigation(cell: Cell) -> bool:
    """A Markdown cell of links and nothing else: the bar a course's notebooks carry at top
    and bottom ("< Previous | Contents | Next >", nbpages' and many books' NAVIGATION
    cell) or a list of sibling notebooks. Its link texts are the titles of other
    notebooks, and read as text they became this notebook's concepts and first module."""
    if cell.kind != "markdown":
        return False
    text = _COMMENT.sub(" ", _LINK.sub(" [link] ", cell.source))
    links = text.count("[link]")
    return links >= 2 and _BAR.fullmatch(text.replace("[link]", " ")) is not None


def _unclosed_fence(text: str) -> str:
    """The line that closes a fence the cell left open: in Jupyter a cell ends its own
    code block, and joined it would swallow every cell after it."""
    open_fence: str | None = None
    for line in text.split("\n"):
        found = _FENCE.match(line)
        if found is None:
            continue
        marker = found.group(1)
        if open_fence is None:
            open_fence = marker
        elif (
            marker[0] == open_fence[0]
            and len(marker) >= len(open_fence)
            and not line.strip()[len(marker) :].strip()  # a closing fence has no label
        ):
            open_fence = None
    return f"\n{open_fence}" if open_fence else ""
