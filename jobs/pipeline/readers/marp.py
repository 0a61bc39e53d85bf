"""A Marp slide deck's Markdown source (`marp: true` in its front matter; Marp for VS Code
and marp-cli build slides from it): one slide between two `---` rulers, its directives
(`<!-- _class: lead -->`) and speaker notes in HTML comments.

Read as a page, the deck was one run of Markdown cut into virtual pages of about 3,000
characters: a concept's page was no slide a teacher could find, the deck's size counted
no slides, and the title slide's subtitle and speaker ("PHYS 101 – Lecture 3", "Dr. …")
stood as text of the first section. Here each slide is a page, as a deck exported to
PDF or PowerPoint is, and the deck rules of `readers.slides` apply. Notes and directives
are left out, as the HTML reader leaves out a reveal.js deck's notes.
"""

from __future__ import annotations

import re

# the front matter that opens the file, and its `marp: true` key
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_MARP_KEY = re.compile(r"^marp[ \t]*:[ \t]*true[ \t]*$", re.M | re.I)
# a slide's end: a `---` ruler alone on its line (after a blank line: "text\n---" is a
# setext heading in Markdown, and Marp reads it as one)
_RULER = re.compile(r"^ {0,3}---[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def deck_slides(source: str) -> list[str] | None:
    """The Markdown of each slide of a Marp deck, in order (the front matter taken off);
    None when `source` is no Marp deck."""
    matter = _FRONT_MATTER.match(source)
    if matter is None or _MARP_KEY.search(matter.group(1)) is None:
        return None
    slides: list[list[str]] = [[]]
    fence: str | None = None
    for line in source[matter.end() :].split("\n"):
        opener = _FENCE.match(line)
        if opener is not None and (fence is None or opener.group(1).startswith(fence)):
            fence = None if fence is not None else opener.group(1)[:3]
        if fence is None and _RULER.match(line) and _after_blank(slides[-1]):
            slides.append([])
        else:
            slides[-1].append(line)
    return [text for lines in slides if (text := "\n".join(lines)).strip()]


def _after_blank(lines: list[str]) -> bool:
    return not lines or not lines[-1].strip()
