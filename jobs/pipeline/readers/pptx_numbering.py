"""The numbers and letters PowerPoint shows before its automatically numbered paragraphs
(`a:buAutoNum`), which the paragraph's text does not hold: a quiz deck's options lettered
so read as bare words, and its key slide's "1. B" picked none of them. Counted as
PowerPoint counts within a text box: a run of paragraphs at one level with the same
scheme counts on from its `startAt`; a paragraph at that level without it starts the count
again; paragraphs at deeper levels leave it alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pptx.oxml.ns import qn
from pptx.text.text import _Paragraph

from jobs.pipeline.readers.word_numbering import Shown

_AUTO_NUMBER = qn("a:buAutoNum")
# a scheme's count ("arabic", "alphaLc", "alphaUc") and its label's marks ("Period",
# "ParenR", "ParenBoth", "Plain"); Roman and East Asian schemes label sections, no key's
# answers, and show nothing here
_SCHEME = re.compile(r"^(arabic|alphaLc|alphaUc)(Period|ParenR|ParenBoth|Plain)$")
_MARKS = {"Period": "{}.", "ParenR": "{})", "ParenBoth": "({})", "Plain": "{}"}
_LETTERS = 26
_MAX_START = 32767  # PowerPoint's own bound on startAt


def shown_numbers(paragraphs: Sequence[_Paragraph]) -> list[Shown]:
    """What PowerPoint shows before each of a text box's paragraphs."""
    counts: dict[int, tuple[str, int]] = {}  # level → (scheme, count so far)
    shown: list[Shown] = []
    for paragraph in paragraphs:
        level = paragraph.level
        for deeper in [lv for lv in counts if lv > level]:
            del counts[deeper]  # a shallower paragraph ends the sub-lists under it
        properties = paragraph._p.pPr
        auto = None if properties is None else properties.find(_AUTO_NUMBER)
        scheme = "" if auto is None else auto.get("type", "")
        if auto is None or not scheme:
            counts.pop(level, None)
            shown.append(Shown())
            continue
        previous = counts.get(level)
        count = (
            previous[1] + 1 if previous and previous[0] == scheme else _start(auto.get("startAt"))
        )
        # counted in digits below a level so counted: a question's parts ("1." over "(1)")
        part = any(lv < level and s.startswith("arabic") for lv, (s, _) in counts.items())
        counts[level] = (scheme, count)
        shown.append(_label(scheme, count, part))
    return shown


def _start(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) <= _MAX_START else 1


def _label(scheme: str, count: int, part: bool = False) -> Shown:
    """What a scheme shows at `count`; a part's number (`part`) is typed as its label when
    bracketed, "(2)", and shows nothing else (a question's number it is not: see
    `word_numbering.ListNumbers._part_level`)."""
    parts = _SCHEME.match(scheme)
    if parts is None:
        return Shown()
    kind, marks = parts.groups()
    if kind == "arabic" and part:
        return Shown(label=f"({count})") if marks == "ParenBoth" else Shown()
    if kind == "arabic":
        return Shown(number=count)
    if count > _LETTERS:
        return Shown()
    letter = chr((ord("a") if kind == "alphaLc" else ord("A")) + count - 1)
    return Shown(label=_MARKS[marks].format(letter))
