"""The heading tree of a document: which section each block is in, and its ancestors."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jobs.pipeline.mentions import PROSE
from jobs.pipeline.model import Block

MIN_REPEATS = 3


@dataclass(frozen=True, slots=True)
class Outline:
    section_of: tuple[int, ...]  # block index -> index of its heading block (-1: before any)
    parents: dict[int, int]  # heading block -> enclosing heading block (-1: none)

    def ancestors(self, heading: int) -> list[int]:
        chain = []
        while heading in self.parents and self.parents[heading] >= 0:
            heading = self.parents[heading]
            chain.append(heading)
        return chain

    def headings(self, block: int) -> list[int]:
        """The heading blocks whose sections hold `block`, outermost first."""
        heading = self.section_of[block]
        if heading < 0:
            return []
        return [*reversed(self.ancestors(heading)), heading]

    def path(self, block: int, blocks: Sequence[Block]) -> tuple[str, ...]:
        return tuple(blocks[h].text for h in self.headings(block))


def outline(blocks: Sequence[Block]) -> Outline:
    section_of: list[int] = []
    parents: dict[int, int] = {}
    stack: list[int] = []  # open heading blocks
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            while stack and blocks[stack[-1]].level >= block.level:
                stack.pop()
            parents[index] = stack[-1] if stack else -1
            stack.append(index)
        section_of.append(stack[-1] if stack else -1)
    return Outline(tuple(section_of), parents)


def repeated_apparatus(blocks: Sequence[Block]) -> frozenset[int]:
    """Headings (block indices) a document repeats word for word at one level three times
    or more and never says in its prose: the book's own furniture after every section
    ("Multiple Choice", "Fill in the Blank", "Critical Thinking", "Clinical Focus"), no
    topic. A topic met in several sections ("Ribosomes" for two kinds of cell) is named
    in the text around it. A heading repeated with no other between is one section
    continued, counted once: a deck's slide that runs over repeats its title ("<th>，<td>"
    on ten slides in a row, never written so in the prose, was a web lesson's furniture)."""

    def label(block: Block) -> tuple[int, str]:
        return block.level, " ".join(block.text.casefold().split())

    headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    counts = Counter(
        label(blocks[i])
        for n, i in enumerate(headings)
        if n == 0 or label(blocks[headings[n - 1]]) != label(blocks[i])
    )
    repeated = {key for key, n in counts.items() if n >= MIN_REPEATS and key[1]}
    if not repeated:
        return frozenset()
    prose = " ".join(" ".join(b.text.casefold().split()) for b in blocks if b.kind in PROSE)
    unsaid = {key for key in repeated if key[1] not in prose}
    return frozenset(i for i in headings if label(blocks[i]) in unsaid)


# a paragraph that opens on a Chinese label in brackets, its text run in after it:
# "〔组成〕桂枝…", "【临床表现】…", "[注意]…"
_BRACKET_LABEL = re.compile(r"^\s*[〔【\[]\s*([\u3400-\u9fff]{2,8})\s*[〕】\]]")


def repeated_bracket_labels(blocks: Sequence[Block]) -> frozenset[str]:
    """The bracketed labels that open `MIN_REPEATS` paragraphs or more, each with its own
    text after it: the parts every entry of a formulary or a casebook fills in ("〔组成〕",
    "〔煎服法〕", "〔临证应用〕", "〔方论选录〕" under each formula). A label the entries
    repeat is a field of theirs, no term (counted with the prose, 临证应用 and 方论选录
    were concepts of a chapter on formulas); a glossary's "【名词】…" names each term once."""
    counts = Counter(
        m.group(1)
        for b in blocks
        if b.kind in PROSE and (m := _BRACKET_LABEL.match(b.text)) and b.text[m.end() :].strip()
    )
    return frozenset(label for label, n in counts.items() if n >= MIN_REPEATS)


def without_bracket_label(text: str, labels: frozenset[str]) -> str:
    """The paragraph without its opening bracketed label, when that label is one of the
    entries' repeated fields (`repeated_bracket_labels`)."""
    found = _BRACKET_LABEL.match(text) if labels else None
    return text[found.end() :] if found and found.group(1) in labels else text


def repeated_labels(blocks: Sequence[Block]) -> frozenset[int]:
    """Paragraphs set wholly in bold or italics that a document repeats word for word three
    times or more: the run-in labels its worked examples repeat ("**Solution**", "**Check
    Your Learning**", "*Answer:*"), layout like a repeated heading, no term and no body
    text. A glossary's bold term lines name each term once."""

    def label(block: Block) -> str:
        return " ".join(block.text.casefold().rstrip(":").split())

    whole = [
        i
        for i, b in enumerate(blocks)
        if b.kind in PROSE and b.text.strip() and b.text.strip() in (s.strip() for s in b.emphasis)
    ]
    counts = Counter(label(blocks[i]) for i in whole)
    # a numbered series of such lines, "**Argument 1**", "**Argument 2**": each names an
    # item of the series, not a term ("argument 1", "argument 2" were concepts)
    series = numbered_series(label(blocks[i]) for i in whole)
    return frozenset(
        i for i in whole if counts[label(blocks[i])] >= MIN_REPEATS or label(blocks[i]) in series
    )


# a label and the number it counts its item by: "premise 2", "argument 1"
_NUMBERED = re.compile(r"(?P<stem>\D*?\S)\s+(?P<n>\d{1,3}[a-z]?)")


def numbered_series(labels: Iterable[str]) -> frozenset[str]:
    """The labels among `labels` that number the items of a series: one stem counted by two
    numbers or more ("argument 1", "argument 2"). Each names an item, no term."""
    found = [(text, m) for text in labels if (m := _NUMBERED.fullmatch(text))]
    numbers: dict[str, set[str]] = {}
    for _, m in found:
        numbers.setdefault(m.group("stem"), set()).add(m.group("n"))
    return frozenset(text for text, m in found if len(numbers[m.group("stem")]) >= 2)


# the most words of a blank's label: "Discussion of favorite rhymes:", "Your chosen word:"
MAX_BLANK_WORDS = 6


def answer_blanks(blocks: Sequence[Block]) -> frozenset[int]:
    """Paragraphs that are only a short label and its colon ("**Poem chosen:**",
    "**Context:**", "**Step 1:**"), with nothing under them before the next such label, a
    heading or the document's end: the blanks a worksheet leaves for the student to fill
    in, no term and no text (a rhyme exercise's "poem chosen", "first rhyme set",
    "discussion of favorite rhymes" were its concepts). A label that leads into a list or
    a paragraph ("**Examples:**" over its items) introduces them, and stays."""
    found: set[int] = set()
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.kind not in PROSE or not _bare_label(block.text):
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if after is None or after.kind == "heading" or index + 1 in found:
            found.add(index)
    return frozenset(found)


def _bare_label(text: str) -> bool:
    label = text.strip().lstrip("-*•· \t")
    if not label.endswith((":", "：")):
        return False
    words = label.rstrip(":： ").split()
    return 0 < len(words) <= MAX_BLANK_WORDS and not any(c in label for c in ".?!。？！")


def answer_forms(blocks: Sequence[Block]) -> frozenset[int]:
    """Headings whose sections hold nothing but a worksheet's blanks (`answer_blanks`):
    "Your Analysis:" over "**Poem chosen:**", "**First rhyme set:**", … is the form the
    student fills in, no topic ("rhyming poem" and "lines" were concepts of "Your Rhyming
    Poem:" and "Your Lines:"), and it names no module either."""
    blanks = answer_blanks(blocks)
    found: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        end = next(
            (j for j in range(index + 1, len(blocks)) if blocks[j].kind == "heading"),
            len(blocks),
        )
        body = range(index + 1, end)
        if body and all(j in blanks for j in body):
            found.add(index)
    return frozenset(found)
