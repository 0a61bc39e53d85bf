"""A reveal.js deck's Markdown slides: `<section data-markdown>` holding its Markdown in a
`<script type="text/template">` (or a `<textarea data-template>`) for reveal.js's Markdown
plugin to render in the browser. reveal-md's published decks are all such sections, one
per slide; hand-written decks mix them with HTML slides.

The HTML reader drops every <script> (page furniture), so a published reveal-md deck on
glaciers kept its page title and not one word of its slides. Here each template becomes
the HTML the plugin would make of it, in its place, before the page is read:

- the Markdown is set back to its first line's indentation and `<\\/script>` unescaped,
  as the plugin does (indented in the page, it would read as a code block);
- it is split into slides at the section's `data-separator` and
  `data-separator-vertical` (by default a line "---" between blank lines), each a
  `<section>` of its own;
- a slide's speaker notes, from its `data-separator-notes` (by default a line opening
  "Note:" or "Notes:") to its end, are left out, as the reader leaves out a deck's
  `<aside class="notes">`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser as HTMLParser

# the plugin's defaults (reveal.js plugin/markdown): a slide ends at "---" alone between
# two line breaks; notes open at "note:" or "notes:" (any case) at a line's start
_SEPARATOR = r"^\r?\n---\r?\n$"
_NOTES = r"^\s*notes?:"
_LEADING = re.compile(r"^\n*([ \t]*)")


def render_markdown_slides(tree: HTMLParser) -> None:
    """Replace each Markdown slide template of `tree` by the slides' HTML, in place."""
    for section in tree.css("section[data-markdown]"):
        template = section.css_first("[data-template], script")
        if template is None:
            continue  # Markdown typed into the section itself is read as its text
        attributes = section.attributes
        slides = _slides(
            _dedented(template.text(deep=True)),
            [attributes.get("data-separator") or _SEPARATOR]
            + [vertical for vertical in [attributes.get("data-separator-vertical")] if vertical],
            attributes.get("data-separator-notes") or _NOTES,
        )
        html = "".join(f"<section>{_renderer().render(slide)}</section>" for slide in slides)
        fragment = HTMLParser(f"<div>{html}</div>").css_first("div")
        if fragment is not None:
            template.replace_with(fragment)


def _dedented(markdown: str) -> str:
    """The template's Markdown without the indentation of its first line (as the plugin
    takes it out), its escaped closing tags restored."""
    markdown = markdown.replace("<\\/script>", "</script>")
    indent = _LEADING.match(markdown)
    prefix = indent.group(1) if indent else ""
    if not prefix:
        return markdown
    return re.sub(rf"^{re.escape(prefix)}", "", markdown, flags=re.MULTILINE)


def _slides(markdown: str, separators: list[str], notes: str) -> list[str]:
    """The slides of one template, each without its speaker notes."""
    pieces = [markdown]
    for separator in separators:
        pattern = _pattern(separator, re.MULTILINE)
        if pattern is not None:
            pieces = [part for piece in pieces for part in _split(piece, pattern)]
    notes_pattern = _pattern(notes, re.MULTILINE | re.IGNORECASE) or _pattern(
        _NOTES, re.MULTILINE | re.IGNORECASE
    )
    slides = []
    for piece in pieces:
        found = notes_pattern.search(piece) if notes_pattern is not None else None
        slide = piece[: found.start()] if found is not None else piece
        if slide.strip():
            slides.append(slide)
    return slides


def _split(text: str, pattern: re.Pattern[str]) -> list[str]:
    """`text` cut at each match of `pattern` (its groups, if any, kept out)."""
    parts, start = [], 0
    for found in pattern.finditer(text):
        if found.end() > found.start():
            parts.append(text[start : found.start()])
            start = found.end()
    return [*parts, text[start:]]


def _pattern(source: str, flags: int) -> re.Pattern[str] | None:
    """The page's separator as a Python pattern; None for one Python cannot read."""
    try:
        return re.compile(source, flags)
    except re.error:
        return None


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    # CommonMark with tables and raw HTML, as the plugin's marked renders (a slide's
    # "<br>", its images and its `<!-- .element: … -->` comments pass through)
    return MarkdownIt("commonmark").enable("table")
