# ruff: noqa: RUF001, RUF002, RUF003 - full-width punctuation on purpose
"""Step 5, sources: pages per concept, resources with page ranges, course_documents rows.

Only pages that exist are cited: a page outside 1..page_count is reported, not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import accumulate
from pathlib import PurePath

import rjieba

from jobs.planning.headings import notes_subject
from jobs.planning.inputs import ConceptInput, DocumentInput
from jobs.planning.result import CourseDocument, PageRef, Resource

# A chapter's number at the start of its title: "Chapter 4:", "Lesson 2 -", "第2章",
# "3.1". A bare number counts only with at most two digits and a break after it, so
# "2024 Election" and "3D Printing" keep theirs. A file name joins its words with
# underscores ("第3章_体液调节", "Chapter_4_Ownership"): they go with the number, or the
# course of an untitled file was titled "_体液调节". A section's dotted number may be
# joined so too ("3.3-二元随机变量练习题", "2.1_导数"), and a dotted number comes off
# whole or not at all: cut back to its first part, "3.3-…" gave the course "3-…".
CHAPTER_NUMBER = re.compile(
    r"^(?:(?:chapter|section|part|lesson|unit|module|week)[\s_]*(?:\d+(?:\.\d+)*|[IVX]+\b)"
    r"|第\s*[一二三四五六七八九十百\d]+\s*(?:部分|[章节篇部讲课])"
    r"|\d{1,2}(?:\.\d+)+(?=[-_])"
    r"|\d{1,2}(?:\.\d+)*+(?=[.:\uff1a\u3001\s]))[\s_.:\uff1a\u3001\-\u2013\u2014]*",
    re.I,
)

# What separates a title's parts: "Linear Algebra: Vectors", "原子 - Atoms（上）".
TITLE_SEPARATORS = ":：-–—(（[【,，;；、|/"
# A trailing bracket that tells a document's parts apart: "（上）", "(Part 2)", "(continued)".
PART_MARK = re.compile(r"\s*[(（\[【][^()（）\[\]【】]{1,20}[)）\]】]\s*$")
# Document titles named in a course's title; past this, the first ones and "…".
MAX_TITLES_NAMED = 4
MIN_ZH_OPENING = 3

# A document whose relevance reaches this share of the primary one's is a reference.
REFERENCE_SHARE = 0.5


def document_title(document: DocumentInput) -> str:
    return document.title.strip() or PurePath(document.filename).stem or document.filename


# What joins a file name's words: "probability-notes", "lecture_3".
FILE_NAME_JOINS = re.compile(r"[-_\s]+")


def document_name(document: DocumentInput) -> str:
    """The document's title, or, when it has none, its file name read as words
    ("probability-notes.pdf" -> "Probability notes"): a course title that names its
    documents ("Introductory Statistics; probability-notes") read as a file listing."""
    if document.title.strip():
        return document.title.strip()
    stem = FILE_NAME_JOINS.sub(" ", document_title(document)).strip()
    if not stem:
        return document_title(document)
    return stem[0].upper() + stem[1:] if stem[0].islower() else stem


def unnumbered(title: str) -> str:
    """A chapter's title without its number ("Chapter 4: Ownership" -> "Ownership",
    "第2章 模型评估与选择" -> "模型评估与选择"): a course made of it is no chapter. A title
    that is nothing but the number stays whole."""
    rest = CHAPTER_NUMBER.sub("", title.strip(), count=1).strip()
    return rest or title


def course_title(titles: Sequence[str], *, chinese: bool) -> str:
    """The title of a course made of documents with these titles (chapter numbers and
    a notes label after the subject removed, `headings.notes_subject`: a course on
    "医学遗传学笔记" is on 医学遗传学): the part they all open with ("Linear Algebra:
    Vectors" and "Linear Algebra: Matrices" give "Linear Algebra"), else the titles
    themselves, each once (a document's parts, "原子（上）" and "原子（下）", are one
    subject), joined as a week's sections are ("; " / "、"; MAX_TITLES_NAMED at most).
    "Thermochemistry and related readings", the primary document's title for four
    chapters of chemistry, named one of them."""
    names = [notes_subject(unnumbered(t)) for t in titles]
    if len(names) == 1:
        return names[0]
    shared = _shared_opening(names, chinese=chinese)
    if shared:
        return shared
    subjects = list(dict.fromkeys(PART_MARK.sub("", n).strip() or n for n in names))
    if len(subjects) > MAX_TITLES_NAMED:
        subjects = [*subjects[: MAX_TITLES_NAMED - 1], "…"]
    if chinese:
        return "、".join(subjects).replace("、…", "等")
    return "; ".join(subjects)


def _shared_opening(names: Sequence[str], *, chinese: bool) -> str | None:
    """The longest opening every name has that ends where each name ends or a separator
    follows it (never inside a word), without the separators; in Chinese, which writes no
    separator, also one that ends between two words of each name and holds at least
    MIN_ZH_OPENING characters ("线性代数讲义", "线性代数习题集": 线性代数; not 线性 of
    "线性模型", "线性回归"). None when there is none."""
    first = names[0]
    length = min(len(n) for n in names)
    length = next((i for i in range(length) if any(n[i] != first[i] for n in names)), length)
    words = [_word_ends(n) for n in names] if chinese else []
    for end in range(length, 0, -1):
        if all(not n[end:].strip() or n[end:].lstrip()[0] in TITLE_SEPARATORS for n in names) or (
            end >= MIN_ZH_OPENING and words and all(end in w for w in words)
        ):
            opening = first[:end].strip().rstrip(TITLE_SEPARATORS).strip()
            return opening if any(ch.isalnum() for ch in opening) else None
    return None


def _word_ends(text: str) -> set[int]:
    """Where jieba ends a word in `text`."""
    ends = accumulate(len(word) for word in rjieba.cut(text))
    return set(ends)


class Pages:
    """Which pages of the chosen documents a concept is found on, valid ones only."""

    def __init__(self, documents: Sequence[DocumentInput]) -> None:
        self.documents = list(documents)
        self._limit = {d.id: d.page_count for d in documents}
        self.order = {d.id: i for i, d in enumerate(documents)}
        self.out_of_range: dict[str, set[int]] = {}

    def valid(self, document_id: str, page: int | None) -> bool:
        if page is None or document_id not in self._limit:
            return False
        limit = self._limit[document_id]
        if page < 1 or (limit is not None and page > limit):
            self.out_of_range.setdefault(document_id, set()).add(page)
            return False
        return True

    def of(self, concept: ConceptInput) -> tuple[PageRef, ...]:
        found: dict[str, set[int]] = {}
        cited = [(m.document_id, m.page) for m in concept.mentions]
        cited += [(e.document_id, e.page) for e in concept.extractions]
        for document_id, page in cited:
            if self.valid(document_id, page):
                found.setdefault(document_id, set()).add(page)  # type: ignore[arg-type]
        return tuple(
            PageRef(d.id, tuple(sorted(found[d.id]))) for d in self.documents if d.id in found
        )

    def report(self) -> tuple[PageRef, ...]:
        return tuple(
            PageRef(d.id, tuple(sorted(self.out_of_range[d.id])))
            for d in self.documents
            if d.id in self.out_of_range
        )


def page_ranges(pages: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """[1, 2, 3, 7, 9, 10] -> ((1, 3), (7, 7), (9, 10))."""
    out: list[list[int]] = []
    for page in sorted(set(pages)):
        if out and page == out[-1][1] + 1:
            out[-1][1] = page
        else:
            out.append([page, page])
    return tuple((a, b) for a, b in out)


def resources(
    documents: Sequence[DocumentInput], refs: Iterable[tuple[PageRef, ...]]
) -> list[Resource]:
    pages: dict[str, set[int]] = {d.id: set() for d in documents}
    for concept_refs in refs:
        for ref in concept_refs:
            pages[ref.document_id].update(ref.pages)
    return [
        Resource(
            title=document_title(d),
            type="document",
            url=None,
            document_id=d.id,
            pages=tuple(sorted(pages[d.id])),
            page_ranges=page_ranges(pages[d.id]),
        )
        for d in documents
    ]


def course_documents(
    documents: Sequence[DocumentInput], placed: Iterable[ConceptInput]
) -> list[CourseDocument]:
    """Relevance = confidence-weighted mentions of the taught concepts, relative to the best."""
    weight = {d.id: 0.0 for d in documents}
    for concept in placed:
        for mention in concept.mentions:
            if mention.document_id in weight:
                weight[mention.document_id] += mention.confidence
    top = max(weight.values(), default=0.0)
    primary = max(documents, key=lambda d: weight[d.id]).id if documents else None
    out = []
    for d in documents:
        share = weight[d.id] / top if top else 0.0
        if d.id == primary:
            usage = "primary"
        elif share >= REFERENCE_SHARE:
            usage = "reference"
        else:
            usage = "supplementary"
        out.append(CourseDocument(d.id, f"{share:.2f}", usage))
    return out
