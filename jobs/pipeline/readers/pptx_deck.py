"""A PowerPoint deck's slides made into blocks, with what the deck as a whole shows to be
no content left out, as the PDF reader leaves it out of a deck's pages (`slides`): text
repeated on many slides (a running title, a footer typed in a text box), an overlay's
earlier steps (a build made by copying a slide and adding an item), an outline slide, a
credits slide among the first or last ones, and the rest of a short title slide with its
notes (py4e's are a note to other teachers about logos). `pptx.read` reads the slides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from datasources.files.detect import Detected
from datasources.files.document_errors import UnsupportedDocument
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers.blocks import make_blocks, real_pages
from jobs.pipeline.readers.slides import (
    overlay_steps,
    title_slide,
    without_credits,
    without_outline,
)

_DIGITS = re.compile(r"\d+")
# text on this share of the shown slides (three at least) is the deck's furniture, as
# `pdf._FURNITURE_SHARE` judges a PDF's running lines
_FURNITURE_SHARE = 0.3
_TITLE_LEVEL = 1  # every slide's title: one title level a deck


@dataclass(slots=True)
class SlideText:
    """What one slide holds, as `pptx.read` read it; its page is its `number`."""

    number: int
    title: str = ""
    body: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    pictures: int = 0
    # the texts of its shapes in the slide's outer band, top or foot, where a footer goes
    banded: set[str] = field(default_factory=set)


def deck_document(
    slides: list[SlideText], detected: Detected, declared: str | None
) -> ReadDocument:
    """The deck read (PowerPoint's or Impress'): a page per slide, `declared` its title in
    the file's properties; a deck with no text is refused saying what it holds."""
    blocks = deck_blocks(slides)
    if not blocks:
        _no_text(slides)
    first = blocks[0]
    return ReadDocument(
        detected.kind,
        detected.mime_type,
        real_pages(blocks),
        True,
        declared,
        slides=len({b.page for b in blocks}),
        shown_title=first.text if first.kind == "heading" else None,
    )


def deck_blocks(slides: list[SlideText]) -> list[Block]:
    """The deck's blocks: each slide's title, body, then notes, without what is no content."""
    shown = _without_steps(slides)
    _without_furniture(shown)
    content = [b for s in shown for b in _content(s)]
    kept = title_slide(without_credits(without_outline(content)))
    # a slide the deck rules took out takes its notes with it; so does a title slide (its
    # title alone, or reduced to it): py4e's are a note to other teachers about its logos
    dropped = {b.page for b in content} - {b.page for b in kept}
    if [b.kind for b in kept if b.page == 1] == ["heading"]:
        dropped.add(1)
    notes = {s.number: s.notes for s in shown if s.notes and s.number not in dropped}
    return _with_notes(kept, notes)


def _no_text(slides: list[SlideText]) -> None:
    """UnsupportedDocument("no_text") saying what the deck (PowerPoint's or Impress') holds
    instead of text."""
    if not slides:
        raise UnsupportedDocument("no_text", "the presentation has no slides")
    slides_hold = "its slide holds" if len(slides) == 1 else f"its {len(slides)} slides hold"
    if any(s.pictures for s in slides):
        raise UnsupportedDocument(
            "no_text",
            f"{slides_hold} pictures but no text (text inside a picture needs OCR first; or"
            " type it on the slides or in the speaker notes)",
        )
    raise UnsupportedDocument("no_text", f"{slides_hold} no text")


def furniture_key(text: str) -> str:
    """What two slides' texts are compared by: digits aside ("3 / 20" repeats too)."""
    return _DIGITS.sub("#", text)


def _lines(slide: SlideText) -> list[tuple[str, float]]:
    """What the slide shows, line by line, for `slides.overlay_steps` (no sizes here): a
    listing that grows by a line from one step to the next is a step too."""
    texts = [slide.title, *(b.text for b in slide.body)]
    return [(line, 0.0) for text in texts for line in text.split("\n") if line.strip()]


def _without_steps(slides: list[SlideText]) -> list[SlideText]:
    """The slides with an overlay's earlier steps emptied: a build made by copying a slide
    and adding to it shows the same text again, and every term of it counted once a step.
    A step's notes stay when the next slide's differ."""
    steps = overlay_steps([_lines(s) for s in slides])
    for index in steps:
        step, later = slides[index], slides[index + 1]
        later_notes = {b.text for b in later.notes}
        step.title, step.body = "", []
        step.notes = [b for b in step.notes if b.text not in later_notes]
    return slides


def _without_furniture(slides: list[SlideText]) -> None:
    """Text that repeats on many slides, digits aside ("3 / 20" repeats too): in a slide's
    outer band, a footer typed in a text box, it is dropped everywhere; elsewhere it is
    read once, where it first stands: a running title typed as each slide's title names
    the deck, and a listing shown again on each step of a walkthrough (py4e's "class
    PartyAnimal:" on three slides of ten) teaches once and was dropped whole."""
    shown = [s for s in slides if s.title or s.body]
    threshold = max(3, int(len(shown) * _FURNITURE_SHARE))
    counts: Counter[str] = Counter()
    for slide in shown:
        counts.update(
            {furniture_key(b.text) for b in slide.body} | ({furniture_key(slide.title)} - {""})
        )
    repeated = {text for text, count in counts.items() if count >= threshold}
    # titles alike but for a number that differs on each slide ("Question 1", "Question 2",
    # …) are a series of items, no running title: a quiz deck kept its first question's
    # title alone, and its key's "3." answered no question
    titled: dict[str, list[str]] = {}
    for slide in shown:
        if slide.title:
            titled.setdefault(furniture_key(slide.title), []).append(slide.title)
    series = {
        key for key, titles in titled.items() if "#" in key and len(set(titles)) == len(titles) > 1
    }
    seen: set[str] = set()
    for slide in shown:
        body = []
        for block in slide.body:
            key = furniture_key(block.text)
            if key not in repeated or (key not in slide.banded and key not in seen):
                body.append(block)
            seen.add(key)
        slide.body = body
        key = furniture_key(slide.title)
        if key in repeated and key not in series:
            if key in seen:
                slide.title = ""
            seen.add(key)


def _content(slide: SlideText) -> Iterator[Block]:
    if slide.title:
        yield from make_blocks("heading", slide.title, slide.number, level=_TITLE_LEVEL)
    yield from slide.body


def _with_notes(blocks: list[Block], notes: dict[int, list[Block]]) -> list[Block]:
    """`blocks` with each slide's notes after its content (a slide of notes alone too)."""
    by_page: dict[int, list[Block]] = {}
    for block in blocks:
        by_page.setdefault(block.page, []).append(block)
    return [
        b
        for page in sorted(by_page.keys() | notes.keys())
        for b in [*by_page.get(page, ()), *notes.get(page, ())]
    ]
