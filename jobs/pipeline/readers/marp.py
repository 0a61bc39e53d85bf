"""A Marp slide deck's Markdown source (`marp: true` in its front matter; Marp for VS Code
and marp-cli build slides from it): one slide between two `---` rulers, its directives
(`<!-- _class: lead -->`) and speaker notes in HTML comments. A Slidev deck's source
(`slides.md`) is read the same way: its headmatter has no `marp` key but keys only Slidev
reads (`transition`, `drawings`, `mdc`, …); a slide may open with its own front matter
(`layout: two-cols` between two rulers), and `::right::` marks a layout's slot.

Read as a page, the deck was one run of Markdown cut into virtual pages of about 3,000
characters: a concept's page was no slide a teacher could find, the deck's size counted
no slides, and the title slide's subtitle and speaker ("PHYS 101 – Lecture 3", "Dr. …")
stood as text of the first section. Here each slide is a page, as a deck exported to
PDF or PowerPoint is, and the deck rules of `readers.slides` apply. Notes and directives
are left out, as the HTML reader leaves out a reveal.js deck's notes; so are a Slidev
slide's front matter and slot marks (read as a page, "layout: default" over its ruler was
a setext heading, a module's title).
"""

from __future__ import annotations

import re

# the front matter that opens the file, and its `marp: true` key
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_MARP_KEY = re.compile(r"^marp[ \t]*:[ \t]*true[ \t]*$", re.M | re.I)
# headmatter keys of Slidev's deck configuration that no site generator's page uses
# (`theme`, `layout`, `class`, `title` are every generator's too)
_SLIDEV_KEY = re.compile(
    r"^(?:transition|drawings|mdc|highlighter|colorSchema|routerMode|aspectRatio|canvasWidth"
    r"|lineNumbers|monaco|remoteAssets|themeConfig|selectable|seoMeta|exportFilename)[ \t]*:",
    re.M,
)
# a YAML line of a slide's own front matter: a key and its value, or a nested line
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*)$")
# a Slidev layout's slot: "::right::", "::default::"
_SLOT = re.compile(r"^[ \t]*::[A-Za-z][\w-]*::[ \t]*$")
# a slide's end: a `---` ruler alone on its line (after a blank line: "text\n---" is a
# setext heading in Markdown, and Marp reads it as one)
_RULER = re.compile(r"^ {0,3}---[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def deck_slides(source: str) -> list[str] | None:
    """The Markdown of each slide of a Marp or Slidev deck, in order (the front matter
    taken off); None when `source` is no such deck."""
    matter = _FRONT_MATTER.match(source)
    if matter is None:
        return None
    slidev = _SLIDEV_KEY.search(matter.group(1)) is not None
    if not slidev and _MARP_KEY.search(matter.group(1)) is None:
        return None
    slides: list[list[str]] = [[]]
    fence: str | None = None
    for line in source[matter.end() :].split("\n"):
        opener = _FENCE.match(line)
        if opener is not None and (fence is None or opener.group(1).startswith(fence)):
            fence = None if fence is not None else opener.group(1)[:3]
        if fence is None and _RULER.match(line) and slidev and _slide_front_matter(slides[-1]):
            slides[-1] = []  # the slide's own settings: no text
        elif fence is None and _RULER.match(line) and _after_blank(slides[-1]):
            slides.append([])
        elif not (slidev and fence is None and _SLOT.match(line)):
            slides[-1].append(line)
    return [text for lines in slides if (text := "\n".join(lines)).strip()]


def _slide_front_matter(lines: list[str]) -> bool:
    """A new slide's lines so far are YAML keys right after its ruler: its front matter,
    which the `---` now read closes ("---\nlayout: center\n---")."""
    return bool(lines) and bool(lines[0].strip()) and all(_YAML_LINE.match(x) for x in lines)


def _after_blank(lines: list[str]) -> bool:
    return not lines or not lines[-1].strip()
