"""Lecture slides exported as PDF (Beamer, PowerPoint, Keynote, Marp): how a deck differs
from a book's pages, read from the page geometry and the text each page holds.

A deck is landscape pages with little text on each. Two of its habits mislead rules made
for books: an overlay (Beamer's `\\pause`, a build in PowerPoint) prints the same slide
again with one more item, or with the same text (Beamer draws covered text invisibly), so
every term of the slide counts once per step; and a slide is a unit of its own, so a
bullet left without a full stop at the foot of one slide does not run on into the next.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from jobs.pipeline.lexicon import credits_heading
from jobs.pipeline.model import Block

# a deck's page is wider than high (4:3, 16:10, 16:9); a book's, a letter's, a handout's
# is portrait. A landscape page holding a table is no slide either: slides hold little text
_LANDSCAPE = 1.2
_SLIDE_WORDS = 150  # median words a page: Beamer slides hold 20-120, a book's page 300-600
_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_DIGITS = re.compile(r"\d+")


def _words(lines: Sequence[str]) -> int:
    text = " ".join(lines)
    han = len(_HAN.findall(text))
    return len(_WORD.findall(_HAN.sub(" ", text))) + han // 2


def slide_shaped(sizes: Sequence[tuple[float, float]]) -> bool:
    """Three pages or more, most of them landscape: a slide deck's shape, before its text
    tells (`is_slide_deck`). `sizes`: each page's (width, height)."""
    if len(sizes) < 3:
        return False
    landscape = sum(width >= _LANDSCAPE * height for width, height in sizes)
    return 3 * landscape >= 2 * len(sizes)


def is_slide_deck(sizes: Sequence[tuple[float, float]], pages: Sequence[Sequence[str]]) -> bool:
    """Most pages landscape and a page's text short: the PDF of a slide deck.
    `sizes`: each page's (width, height); `pages`: each page's lines of text."""
    if len(pages) != len(sizes) or not slide_shaped(sizes):
        return False
    return statistics.median(_words(lines) for lines in pages) <= _SLIDE_WORDS


Line = tuple[str, float]  # a line's text and its type size


def _shown_in(earlier: Sequence[Line], later: Sequence[Line]) -> bool:
    """Every line of `earlier` is on `later`, in the same order and size."""
    rest = iter(later)
    return all(any(line == other for other in rest) for line in earlier)


def overlay_steps(pages: Sequence[Sequence[Line]]) -> set[int]:
    """Indices of the pages that are an earlier step of the page after them: all their
    lines are on the next page, in order and in the same size (frame numbers aside:
    overlays share theirs; a section's title set large is no step of the next slide whose
    sidebar lists that section in small type). The last step shows the whole slide; the
    earlier ones only repeat it."""
    keyed = [[(_DIGITS.sub("#", text), size) for text, size in lines] for lines in pages]
    return {
        index
        for index in range(len(keyed) - 1)
        if keyed[index] and _shown_in(keyed[index], keyed[index + 1])
    }


_ENTRY_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVX]+)[.)]?\s+")
_TITLE_SLIDE_WORDS = 40
_SENTENCE_END = re.compile(r"[^.\s]{2}[.!?。！？]$")  # "… in the cell." (not "M. Lang", "§5.")


def without_outline(blocks: list[Block]) -> list[Block]:
    """The deck without its outline slides: a slide whose lines are the titles of the
    deck's later slides, numbered or not (Beamer's \\tableofcontents frame, "Outline",
    "内容提要"): half of them or more, two at least, and nothing else but its title. Read
    as text, its title was a concept and its entries ran into the first slide."""
    headings = {b.text.strip() for b in blocks if b.kind == "heading"}
    by_page: dict[int, list[Block]] = {}
    for block in blocks:
        by_page.setdefault(block.page, []).append(block)
    outline = set()
    for page, shown in by_page.items():
        entries = [b for b in shown if b.kind == "paragraph"]
        named = [b for b in entries if _ENTRY_NUMBER.sub("", b.text).strip() in headings]
        titles = [b for b in shown if b.kind == "heading"]
        if len(named) >= 2 and 2 * len(named) >= len(entries) and len(titles) <= 1:
            outline.add(page)
        elif len(titles) == 1 and _OUTLINE_TITLE.match(titles[0].text.strip()) and _listed(entries):
            outline.add(page)  # its entries the deck's sections, no slide's title
    return [b for b in blocks if b.page not in outline]


# an outline slide's own title; its entries may name the deck's sections, which Beamer
# sets on no slide ("1 投资和投资学的关系": read as text, 投资 opened the course's modules)
_OUTLINE_TITLE = re.compile(
    r"(?i)^(?:目录|提纲|大纲|内容提要|主要内容|本(?:章|节|讲|课)内容|outline|contents"
    r"|table of contents|agenda)$"
)
_ENTRY_CHARS = 40


def _listed(entries: list[Block]) -> bool:
    """Two lines or more, each numbered, short and ending no sentence: a list of titles."""
    return len(entries) >= 2 and all(
        _ENTRY_NUMBER.match(b.text)
        and len(b.text) <= _ENTRY_CHARS
        and not _SENTENCE_END.search(b.text)
        for b in entries
    )


def title_slide(blocks: list[Block]) -> list[Block]:
    """The deck with its title slide reduced to its title: page 1, under 40 words and no
    sentence, names the talk, then its speaker, institute and date (a book's title page
    keeps them as text: `pdf._title_page`)."""
    first = [b for b in blocks if b.page == 1]
    headings = [b for b in first if b.kind == "heading"]
    lines = [b.text for b in first if b.kind != "heading"]
    if (
        not headings
        or _words([b.text for b in first]) >= _TITLE_SLIDE_WORDS
        or any(_SENTENCE_END.search(line) for line in lines)
    ):
        return blocks
    title = min(headings, key=lambda b: b.level or 6)
    return [b for b in blocks if b.page != title.page or b is title]


# where a deck sets its credits: among its first slides or its last ones (every py4e deck
# and PowerPoint deck of the blind sets closes on them, one or two slides from its end)
_CREDITS_FIRST = 2
_CREDITS_LAST = 3


def without_credits(blocks: list[Block]) -> list[Block]:
    """The deck without its credits slide: a slide among its first or last ones whose first
    line names the deck's credits (`lexicon.credits_heading`), set as its title or not. Its
    copyright notice and its contributors ("Initial Development: Charles Severance, …") are
    no text the deck teaches: "initial Development" was a concept of every deck that closed
    on one, and a course set it as an objective. A slide titled "Copyright" in the middle of
    a law lecture is its topic."""
    first: dict[int, Block] = {}
    for block in blocks:
        first.setdefault(block.page, block)
    pages = sorted(first)
    edges = set(pages[:_CREDITS_FIRST] + pages[-_CREDITS_LAST:])
    credits = {page for page in edges if credits_heading(first[page].text, at_deck_edge=True)}
    return [b for b in blocks if b.page not in credits]


# Beamer numbers the pages of a frame that may break (`allowframebreaks`) by appending a
# Roman numeral to its title, "I" on the first page even when it does not break: "债券市场
# I", "债券市场 II". The numeral is no part of the topic ("意义 I", "II" were concepts and
# module titles); a numeral that names something ("World War I", "Type II") stays
_BREAK_NUMBER = re.compile(r"^(.*\S)\s+(I|II|III|IV|V|VI|VII|VIII|IX|X)$")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_NUMBERED_FRAMES = 3  # slides titled "… I" at least: the deck numbers its frames so


def without_break_numbers(blocks: list[Block]) -> list[Block]:
    """The deck with its frame-break numerals taken off its slide titles. A title's "I"
    goes when the next slide goes on as "… II", or when three slides or more, a third of
    the deck's titles at least, end on " I" (frames that may break, all of them numbered);
    "… II" and later go when the slide before had the same title with the numeral before."""
    titles: dict[int, Block] = {}
    for block in blocks:
        if block.kind == "heading":
            titles.setdefault(block.page, block)
    pages = sorted(titles)
    parts = {p: _BREAK_NUMBER.match(titles[p].text) for p in pages}
    firsts = sum(1 for m in parts.values() if m and m.group(2) == "I")
    every_frame = firsts >= _NUMBERED_FRAMES and 3 * firsts >= len(pages)
    stripped: dict[int, str] = {}
    for position, page in enumerate(pages):
        found = parts[page]
        if not found:
            continue
        stem, numeral = found.groups()
        rank = _ROMAN.index(numeral)
        before = parts[pages[position - 1]] if position else None
        after = parts[pages[position + 1]] if position + 1 < len(pages) else None
        if rank == 0:
            goes_on = bool(after and after.groups() == (stem, "II"))
            keep = not (every_frame or goes_on)
        else:
            keep = not (before and before.groups() == (stem, _ROMAN[rank - 1]))
        if not keep:
            stripped[page] = stem
    return [
        Block(b.kind, stripped[b.page], b.page, b.level, b.emphasis)
        if b.kind == "heading" and b.page in stripped and b is titles[b.page]
        else b
        for b in blocks
    ]
