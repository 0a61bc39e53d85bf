"""OPML: an outliner's export (幕布, WorkFlowy, Dynalist, OmniOutliner, Logseq), read as
the outline it is.

Every bullet is an `<outline text="…">`, nested as the outline is, with its note in
`_note`. A bullet with bullets under it whose text is a name, not a sentence, heads a
section (its depth in the outline is its level); any other bullet is a list item, and a
note is the paragraph under its bullet. The bold a 幕布 user sets lives in `_mubu_text`,
the bullet as URL-encoded HTML (`<span class="bold">仁</span>`); WorkFlowy and Dynalist
write `<b>` into `text` itself: both read as Markdown's `**`. The result goes through the
Markdown reader. Read as a web page (libmagic calls it HTML), an outline of a few
thousand characters had 7 words: every word sits in an attribute.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from datasources.files.detect import Detected
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import markdown, xmlfile

MAX_LEVEL = 6
# a sentence, not a name: it ends as one, or says something after its label's colon
_SENTENCE = re.compile(r"[。！？；.!?;]\s*$|[：:]\s*\S")
_BOLD = re.compile(r"<(?:b|strong)>|<span[^>]*\bclass=[\"'][^\"']*\bbold\b[^\"']*[\"'][^>]*>", re.I)


def read(path: Path, detected: Detected) -> ReadDocument:
    """The outline at `path` as a document; a file that is no well-formed OPML is corrupt."""
    root = xmlfile.parse_root(path.read_bytes(), "opml", "the OPML outline")
    title = _text(root.findtext("head/title") or "")
    body = root.find("body")
    lines = list(_outline_lines(body, 1, in_list=0)) if body is not None else []
    return markdown.from_source("\n".join(lines) + "\n", detected, declared=title or None)


def _outline_lines(parent: etree._Element, level: int, in_list: int) -> Iterator[str]:
    """Markdown for the bullets under `parent`: `level` is the heading level a section
    among them takes; `in_list` > 0 when they are items under an item (indented)."""
    for node in parent.iterfind("outline"):
        text = _bullet(node)
        note = _note(node)
        children = node.findall("outline")
        if not text and not note:
            yield from _outline_lines(node, level, in_list)
            continue
        if children and not in_list and level <= MAX_LEVEL and not _SENTENCE.search(text):
            yield f"\n{'#' * level} {text}\n"
            if note:
                yield f"{note}\n"
            yield from _outline_lines(node, level + 1, 0)
            continue
        indent = "  " * in_list
        if not in_list:
            yield ""  # a list opens after a blank line
        yield f"{indent}- {text or note}"
        if text and note:
            # its own paragraph in the item: a line under it would join the bullet's
            # text ("王弼" and "贵无论：…" read as one name, "王弼贵无论")
            yield f"\n{indent}  {note}\n"
        yield from _outline_lines(node, level, in_list + 1)
        if not in_list:
            yield ""


def _bullet(node: etree._Element) -> str:
    """The bullet's text with its bold as `**`: 幕布's `_mubu_text` when there is one."""
    mubu = node.get("_mubu_text")
    return _text(unquote(mubu) if mubu else node.get("text", ""))


def _note(node: etree._Element) -> str:
    mubu = node.get("_mubu_note")
    return _text(unquote(mubu) if mubu else node.get("_note", ""))


def _text(markup: str) -> str:
    """An attribute's HTML as one line of Markdown: bold kept, other tags dropped."""
    plain = html.unescape(_close_bold_spans(markup))
    return " ".join(plain.split()).replace("****", "")


def _close_bold_spans(markup: str) -> str:
    """A bold span closes with `</span>` as every span does: only its own close is `**`."""
    out: list[str] = []
    open_spans: list[bool] = []
    for piece in re.split(r"(<[^>]+>)", markup):
        if piece.lower() in ("<b>", "<strong>") or (
            piece.lower().startswith("<span") and _BOLD.fullmatch(piece)
        ):
            open_spans.append(True)
            out.append("**")
        elif piece.lower().startswith("<span"):
            open_spans.append(False)
        elif piece.lower() in ("</b>", "</strong>", "</span>"):
            if open_spans and open_spans.pop():
                out.append("**")
        elif not piece.startswith("<"):
            out.append(piece)
    return "".join(out)
