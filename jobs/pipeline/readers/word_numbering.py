"""The numbers Word shows before its automatically numbered paragraphs. The number is no
part of the paragraph's text (python-docx reads the runs only): a quiz typed as a Word
numbered list read as questions without numbers, and its answer key ("1. B 2. C", "3.
osmosis") matched none of them. Counted as Word counts (ECMA-376 §17.9): the lists that
share an abstract definition share its counters, a list's `startOverride` restarts a level
the first time the list is met, and a level's count restarts below a higher level's item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from lxml import etree

# The number formats whose label is the count in digits ("3.", "(3)", "③", "３．"). A list
# counted in letters or Chinese numerals labels options or sections ("B.", "一、"), which no
# key answers by number; bullets and "none" show no number.
_DIGIT_FORMATS = frozenset(
    {
        "decimal",
        "decimalZero",
        "decimalFullWidth",
        "decimalFullWidth2",
        "decimalHalfWidth",
        "decimalEnclosedCircle",
        "decimalEnclosedCircleChinese",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
    }
)
# The letter formats, whose label is typed into the text as Word shows it ("b.", "(c)"):
# a Word quiz's options lettered by a sub-list read as bare words, and its key's "1. b"
# picked none of them, where the same quiz's PDF shows "b. herbivore"
_LETTER_FORMATS = {
    "lowerLetter": "abcdefghijklmnopqrstuvwxyz",
    "upperLetter": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}
_LEVELS = 9  # Word's list levels, ilvl 0..8
_CIRCLED = 20  # the circled numbers Unicode has in one run, ①..⑳
_STYLE_DEPTH = 8  # how far a style's base chain is followed for its numbering

_VALUE = qn("w:val")
_NUM_PR = f"{qn('w:pPr')}/{qn('w:numPr')}"


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    digits: bool  # labelled by its own count in digits, alone ("%2." not "%1.%2")
    letters: str  # the letters a lettered level counts in ("abc…"), else ""
    text: str  # the label's pattern, "%2." or "(%2)"
    circled: bool = False  # the count shown in a circle, "②"


@dataclass(frozen=True, slots=True)
class Shown:
    """What a list shows before a paragraph (Word's numbering here, PowerPoint's in
    `pptx_numbering`): the count of a level numbered in digits (`number`, 0 if none), or a
    lettered level's label as written ("b.", "(c)")."""

    number: int = 0
    label: str = ""


@dataclass(slots=True)
class ListNumbers:
    """Reads a document's numbering definitions once; `shown` is then called for every
    paragraph in reading order, as the counters advance with each numbered one."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstract id → levels
    lists: dict[str, str] = field(default_factory=dict)  # list (numId) → abstract id
    overrides: dict[tuple[str, int], int] = field(default_factory=dict)  # start overrides
    counts: dict[str, list[int]] = field(default_factory=dict)  # abstract id → per level
    started: set[tuple[str, int]] = field(default_factory=set)  # overrides applied

    @classmethod
    def of(cls, document: DocxDocument) -> ListNumbers:
        numbers = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, ValueError):
            return numbers  # no numbering part: no paragraph shows a number
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for level in abstract.iterchildren(qn("w:lvl")):
                ilvl = _int(level.get(qn("w:ilvl")))
                if ilvl is None:
                    continue
                text = _child_value(level, "w:lvlText") or ""
                alone = text.count("%") == 1 and f"%{ilvl + 1}" in text
                kind = _child_value(level, "w:numFmt") or ""
                levels[ilvl] = _Level(
                    start=_int(_child_value(level, "w:start")) or 0,
                    digits=kind in _DIGIT_FORMATS and alone,
                    letters=_LETTER_FORMATS.get(kind, "") if alone else "",
                    text=text,
                    circled=kind == "decimalEnclosedCircle",
                )
            numbers.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            numbers.lists[num_id] = _child_value(num, "w:abstractNumId") or ""
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")))
                start = _int(_child_value(override, "w:startOverride"))
                if ilvl is not None and start is not None:
                    numbers.overrides[(num_id, ilvl)] = start
        return numbers

    def _part_level(self, abstract: str, ilvl: int) -> bool:
        """A level counted in digits below another so counted: its items are the parts
        of the item above, no questions of their own."""
        levels = self.levels.get(abstract, {})
        return any(levels[i].digits for i in range(ilvl) if i in levels)

    def shown(self, paragraph: etree._Element, style: BaseStyle | None) -> Shown:
        """What is shown before `paragraph` (a `w:p`), counting it: its number in digits,
        or its label in letters; neither for a bullet, a compound "1.2", a Roman or a
        Chinese numeral (`_DIGIT_FORMATS`, `_LETTER_FORMATS`)."""
        num_id, ilvl = _numbering(paragraph, style)
        abstract = self.lists.get(num_id or "")
        if abstract is None or ilvl is None or not 0 <= ilvl < _LEVELS:
            return Shown()  # numId "0" (numbering removed) and unknown lists show nothing
        level = self.levels.get(abstract, {}).get(ilvl)
        start = level.start if level else 0
        counts = self.counts.setdefault(abstract, [-1] * _LEVELS)
        override = self.overrides.get((num_id or "", ilvl))
        if override is not None and (num_id, ilvl) not in self.started:
            self.started.add((num_id or "", ilvl))
            counts[ilvl] = override
        else:
            counts[ilvl] = start if counts[ilvl] < 0 else counts[ilvl] + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counts[deeper] = -1  # a sub-list under this item counts from its start again
        count = counts[ilvl]
        if level is None:
            return Shown()
        if level.digits and self._part_level(abstract, ilvl):
            # a question's parts, a level below its number ("1．" over "（1）"): typed as
            # shown, the part's label; counted as questions, "（1）" and "1．" were two
            # questions 1, and the key filled neither
            return Shown(label=_part_label(level, ilvl, count))
        if level.digits:
            return Shown(number=count)
        if level.letters and 1 <= count <= len(level.letters):
            return Shown(label=level.text.replace(f"%{ilvl + 1}", level.letters[count - 1]))
        return Shown()


def _part_label(level: _Level, ilvl: int, count: int) -> str:
    """A part's label as Word shows it, "（2）", "(2)", "②"; "" for a plain "2." or "2)"
    (typed, it would read as a question's number)."""
    if level.circled and 1 <= count <= _CIRCLED:
        return chr(0x2460 + count - 1)
    bracketed = "(" in level.text or "（" in level.text  # "2)" reads as a question's number
    return level.text.replace(f"%{ilvl + 1}", str(count)) if bracketed else ""


def _numbering(paragraph: etree._Element, style: BaseStyle | None) -> tuple[str | None, int | None]:
    """The paragraph's list and level: its own `w:numPr`, else its style's (a "List
    Number" style numbers its paragraphs), else a style's it is based on."""
    num_id: str | None = None
    ilvl: int | None = None
    elements = [paragraph]
    for _ in range(_STYLE_DEPTH):
        if style is None:
            break
        elements.append(style.element)
        style = getattr(style, "base_style", None)  # BaseStyle itself declares none
    for element in elements:
        properties = element.find(_NUM_PR)
        if properties is None:
            continue
        if num_id is None:
            num_id = _child_value(properties, "w:numId")
        if ilvl is None:
            ilvl = _int(_child_value(properties, "w:ilvl"))
    return num_id, (0 if ilvl is None and num_id is not None else ilvl)


def _child_value(element: etree._Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(_VALUE)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
