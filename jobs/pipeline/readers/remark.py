"""A remark.js deck (R's xaringan writes these): Markdown the HTML page carries in a
`<textarea id="source">` for the browser to turn into slides.

Read as HTML, that Markdown was one run of text: a xaringan deck on graphic design gave
the concepts "class", "box-inv-1", "img src" and "span style", its course's weeks were
named for them, and not one slide title was a heading. Here the deck becomes the Markdown
it is, with remark's own markup taken out:

- `---` ends a slide and `--` only reveals the rest of one (no text either way);
- a slide's properties at its top (`class: center middle`, `name: outline`, `layout:
  true`, `background-image: …`) are settings, and a `layout: true` slide is a template
  repeated under the slides after it (its `{{content}}` marks where), as an `exclude:
  true` slide is one not shown: neither is read;
- `???` starts the speaker's notes, to the slide's end: left out, as the HTML reader
  leaves out a reveal.js deck's `<aside class="notes">`;
- a class applied to text, `.box-inv-3.large[…]` or `.pull-left[` over several lines
  `]`, keeps its text and loses the class and brackets; one standing on its own lines is
  a block of its own (remark renders it as a `<div>`).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

# a slide's end ("---") or an incremental step ("--"), each alone on its line
_SLIDE_END = "---"
_STEP = "--"
_NOTES = "???"
_PROPERTY = re.compile(
    r"^(name|class|layout|template|count|exclude|background-[\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*$"
)
# ".box-inv-3.large[", ".center[": one class or more, then the bracket it applies to
_CLASSED = re.compile(r"\.[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\[")


def deck_source(tree: HTMLParser) -> str | None:
    """The Markdown of the remark.js deck `tree` is, remark's markup taken out; None for a
    page that is no such deck."""
    source = tree.css_first("textarea#source")
    text = source.text(deep=True) if source is not None else ""
    return markdown(text) if text.strip() else None


def markdown(source: str) -> str:
    """remark's slide Markdown as plain Markdown: the slides shown, one after another."""
    slides: list[list[str]] = [[]]
    for line in source.split("\n"):
        mark = line.strip()
        if mark == _SLIDE_END:
            slides.append([])
        elif mark != _STEP:
            slides[-1].append(line)
    shown = [text for lines in slides if (text := _slide(lines)) is not None]
    return "\n\n".join(shown)


def _slide(lines: list[str]) -> str | None:
    """One slide's Markdown, without its properties, notes and classes; None for a
    template or an excluded slide."""
    start = 0
    properties: dict[str, str] = {}
    while start < len(lines):
        found = _PROPERTY.match(lines[start].strip())
        if found is None and lines[start].strip():
            break
        if found is not None:
            properties[found.group(1)] = found.group(2).lower()
        start += 1
    if properties.get("layout") == "true" or properties.get("exclude") == "true":
        return None
    body = lines[start:]
    notes = next((n for n, line in enumerate(body) if line.strip() == _NOTES), len(body))
    return _without_classes("\n".join(body[:notes]))


def _without_classes(text: str) -> str:
    """`text` without remark's `.class[…]` around its runs: the brackets matched one by
    one, so a link's "[text](url)" inside keeps its own."""
    out: list[str] = []
    opened: list[bool] = []  # per open bracket: one a class applied
    index = 0
    while index < len(text):
        found = _CLASSED.match(text, index)
        before = text[index - 1] if index else "\n"
        if found is not None and not (before.isalnum() or before in "_])"):
            opened.append(True)
            if before == "\n":  # a block of its own: a paragraph apart from the one above
                out.append("\n")
            index = found.end()
            continue
        char = text[index]
        index += 1
        if char == "[":
            opened.append(False)
        elif char == "]" and opened and opened.pop():
            if text[index : index + 1] in ("\n", ""):
                out.append("\n")  # and apart from the one below
            continue
        out.append(char)
    return "".join(out)
