"""HTML with selectolax: headings, paragraphs, list items, tables, <pre>, MathML/TeX maths.

Navigation, headers/footers, asides, scripts and styles are dropped (page furniture).
Inline runs directly inside a <div> or <section> become paragraphs of their own.
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from datasources.files.detect import Detected
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers.blocks import join_lines, make_blocks, virtual_pages
from jobs.pipeline.readers.text import decoded_lines

_DROP = (
    "script",
    "style",
    "nav",
    "footer",
    "aside",
    "noscript",
    "template",
    "svg",
    "button",
    "form",
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = {"p", "dt", "dd", "figcaption", "caption", "summary", "address"}
_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "header",
    "details",
    "figure",
    "dl",
    "center",
}
_LISTS = {"ul", "ol", "menu"}
_EMPHASIS = "strong, b, em, i, dfn, u, mark"


def read(path: Path, detected: Detected) -> ReadDocument:
    source = "\n".join(decoded_lines(path, detected.encoding or "utf-8"))
    tree = HTMLParser(source)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    blocks = parse(tree)
    return ReadDocument(
        detected.kind, detected.mime_type, virtual_pages(blocks), False, title or None
    )


def parse(tree: HTMLParser) -> list[Block]:
    tree.strip_tags(list(_DROP))
    root = tree.body or tree.root
    blocks: list[Block] = []
    if root is not None:
        _walk(root, blocks)
    return blocks


def _walk(node: Node, blocks: list[Block]) -> None:
    inline: list[Node] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag in _HEADINGS:
            _flush(inline, blocks)
            blocks.extend(make_blocks("heading", _text(child), 1, level=_HEADINGS[tag]))
        elif tag in _PARAGRAPHS:
            _flush(inline, blocks)
            blocks.extend(make_blocks("paragraph", _text(child), 1, emphasis=_emphasis(child)))
        elif tag in _LISTS:
            _flush(inline, blocks)
            for item in child.iter():
                if item.tag == "li":
                    _list_item(item, blocks)
        elif tag == "pre":
            _flush(inline, blocks)
            blocks.extend(make_blocks("code", child.text(deep=True), 1))
        elif tag == "table":
            _flush(inline, blocks)
            blocks.extend(make_blocks("table", _table(child), 1))
        elif tag == "math" and child.attributes.get("display") == "block":
            _flush(inline, blocks)
            blocks.extend(make_blocks("formula", _math(child), 1))
        elif tag in _CONTAINERS or tag == "li":
            _flush(inline, blocks)
            _walk(child, blocks)
        elif tag == "br" or tag != "-comment":
            inline.append(child)
    _flush(inline, blocks)


def _list_item(item: Node, blocks: list[Block]) -> None:
    nested = [c for c in item.iter() if c.tag in _LISTS or c.tag in _CONTAINERS or c.tag == "p"]
    if not nested:
        blocks.extend(make_blocks("list_item", _text(item), 1, emphasis=_emphasis(item)))
        return
    own = [c for c in item.iter(include_text=True) if c not in nested]
    blocks.extend(make_blocks("list_item", _join(own), 1))
    for child in nested:
        if child.tag in _LISTS:
            for sub in child.iter():
                if sub.tag == "li":
                    _list_item(sub, blocks)
        else:
            _walk(child, blocks) if child.tag != "p" else blocks.extend(
                make_blocks("list_item", _text(child), 1, emphasis=_emphasis(child))
            )


def _flush(inline: list[Node], blocks: list[Block]) -> None:
    if inline:
        text = _join(inline)
        emphasis = [e for n in inline if n.tag != "-text" for e in _emphasis(n)]
        blocks.extend(make_blocks("paragraph", text, 1, emphasis=emphasis))
        inline.clear()


def _join(nodes: list[Node]) -> str:
    return join_lines("".join(_inline_text(n) for n in nodes).split("\n"))


def _inline_text(node: Node) -> str:
    if node.tag == "br":
        return "\n"
    if node.tag == "code":
        return f"`{node.text(deep=True)}`"
    if node.tag == "math":
        return _math(node)
    return node.text(deep=True)


def _text(node: Node) -> str:
    return _join(list(node.iter(include_text=True)))


def _emphasis(node: Node) -> list[str]:
    return [e.text(deep=True).strip() for e in node.css(_EMPHASIS)]


def _math(node: Node) -> str:
    annotation = node.css_first('annotation[encoding="application/x-tex"]')
    return (annotation or node).text(deep=True).strip()


def _table(node: Node) -> str:
    rows = []
    for row in node.css("tr"):
        cells = [" ".join(cell.text(deep=True).split()) for cell in row.css("th, td")]
        rows.append(" | ".join(cells))
    return "\n".join(rows)
