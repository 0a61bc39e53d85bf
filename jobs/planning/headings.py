"""Weeks and modules named after the documents' own sections.

Every concept carries the headings of the section where it is first met
(`CourseGraph.section`: the document's id, then its headings outermost first). A week is
named after the deepest section that holds most of its minutes ("Week 2: Atomic Structure
and Symbolism"); when that section is the whole course's (a one-chapter course under its
chapter title), after the sections below it that take a real share of the week ("Chemical
Formulas; The Periodic Table"), or by the first and the last of many small ones
(`wording` "span_title"). Its modules are the runs of concepts that share a section one
level below the week's (`section_modules`). Without headings (plain text with none,
or documents stored before the sections were) a week keeps the title of its largest
module and modules follow the prerequisite links (jobs/planning/outline.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from types import MappingProxyType

from jobs.pipeline.lexicon import FURNITURE
from jobs.pipeline.readers.blocks import heading_shaped
from jobs.pipeline.structure import HEADING_NUMBER
from jobs.pipeline.textutil import ZH_CLAUSE_BREAK, has_han
from jobs.planning.wording import is_chinese, phrase, reading_units

Section = tuple[str, ...]  # (document id, heading, subheading, …)

# A week's section holds at least this share of its minutes; a section listed in the
# week's title at least SHARE_LISTED, at most MAX_LISTED of them.
SHARE_HELD = 0.6
SHARE_LISTED = 0.2
MAX_LISTED = 3
# Sections listed in a week's title hold at least this share of its minutes together (a
# chapter's week mostly about its opening is the chapter's).
SHARE_COVERED = 0.5
# Below this share of minutes under any heading, the week's concepts are named, not its
# sections.
SHARE_SECTIONED = 0.5
# A week that goes through this many sections, none of which it lists, is named by the
# first and the last of them.
MIN_SPANNED = 3
# A section that ends such a span is named as a heading is (`blocks.heading_shaped`: no
# sentence's end, no lead-in's colon; a question is a title, "Why Program?") in at most
# this many words, or Chinese characters (`wording.reading_units`): a deck's slide title
# may be a sentence ("Suppose we have four source files as follows"), which the span
# would set as one end of the week's title.
MAX_SPAN_END_WORDS = 6
MAX_SPAN_END_CHARS = 12
_QUESTION_MARKS = "?\uff1f "  # and the full-width one
# A module longer than this (two hours: a long session) is split into its own sections
# where it has two or more (`_split_long`).
MAX_MODULE_MINUTES = 120


# A notes label, after a course's code or alone, opening a document's title: "PHYS 2210
# Lecture Notes: Thermodynamics", "BIO 110 - Lecture 7: Photosynthesis", "Class notes -
# Supply and demand". The course is all of the document; a week or a module named after it
# is its subject (the first week of lecture notes typed in Google Docs was "PHYS 2210
# Lecture Notes: Thermodynamics", and so was its first module). A code alone stays: "IEEE
# 754 - floating point" names a standard.
_COURSE_CODE = r"[A-Z]{2,5}\s?\d{3,4}[A-Z]?"
_NOTES_LABEL = r"(?i:(?:lecture|class|course|study|revision)\s+notes?|notes|handout|lecture\s+\d+)"
_LABEL_END = r"\s*[:|\-\u2013\u2014]\s+"
_COURSE_LABEL = re.compile(
    rf"^(?:{_COURSE_CODE}\s*[\-\u2013\u2014]?\s*)?{_NOTES_LABEL}{_LABEL_END}"
)


# The same label after the subject, as a file of notes is titled: "Thermodynamics Lecture
# Notes", "Genetics Study Guide", 医学遗传学笔记, 高等数学复习提纲, 宏观经济学知识点总结.
# A week of medical genetics notes was "医学遗传学笔记". The subject before a Chinese label
# ("Python 笔记": Python) holds at least MIN_ZH_SUBJECT characters, a letter among them,
# and is no part of a whole ("本章", "第一节"): "本章总结" is a summary section, not a
# subject's notes. "Release Notes", "Field Notes" name what they are.
_EN_NOTES_SUFFIX = re.compile(
    r"\s*[\-\u2013\u2014:]?\s*(?i:(?:lecture|class|course|study|revision)\s+notes"
    r"|study\s+guide|revision\s+guide|handout|lecture\s+slides)$"
)
_ZH_NOTES_SUFFIX = re.compile(
    r"(?:课堂|学习|复习|读书|听课|课程|教学|考研|期末)?"
    r"(?:笔记|讲义|课件|教案|复习提纲|提纲|知识点(?:总结|整理|汇总|归纳)?|(?:总结|复习)笔记)$"
)
_ZH_PART_OF_A_WHOLE = re.compile(r"(?:本|第.{1,4})[章节篇讲课部]$|^本")
MIN_ZH_SUBJECT = 2


# The author's note in brackets (full-width or not) after a heading on how much the
# section counts: 离散傅里叶 + "(非重点)", 采样定理 + "(选学)", "Hashing (Optional)". A week
# was titled with the note in it (傅里叶变换、离散傅里叶 + the note); it is for the student
# reading the notes, no part of the topic.
_WEIGHT_ASIDE = re.compile(
    r"\s*[\uff08(]\s*(?:非重点|选学|选讲|选读|选做|不考|不作要求|自学|了解|了解即可|(?i:optional))"
    r"\s*[\uff09)]\s*$"
)


def shown_name(name: str) -> str:
    """A section's name as a week or a module shows it: without a course code or a notes
    label before its subject (`_COURSE_LABEL`), or a notes label after it
    (`_EN_NOTES_SUFFIX`, `_ZH_NOTES_SUFFIX`), or the author's note on its weight
    (`_WEIGHT_ASIDE`); a name that is nothing else stays whole."""
    rest = _WEIGHT_ASIDE.sub("", name, count=1).strip() or name
    rest = _COURSE_LABEL.sub("", rest, count=1).strip()
    rest = notes_subject(rest)
    return rest or name


def notes_subject(name: str) -> str:
    """The subject of a name that ends on a notes label ("Genetics Study Guide" ->
    "Genetics", 医学遗传学笔记 -> 医学遗传学); any other name as it is."""
    english = _EN_NOTES_SUFFIX.sub("", name, count=1).strip()
    if english != name:
        return english
    chinese = _ZH_NOTES_SUFFIX.sub("", name, count=1).strip()
    # a colon or a dash before the label, or a file name's underscore ("遗传规律_讲义")
    subject = chinese.rstrip("\uff1a:-\u2013\u2014_ ")
    if chinese == name or len(subject) < MIN_ZH_SUBJECT or not any(c.isalpha() for c in subject):
        return name
    return name if _ZH_PART_OF_A_WHOLE.search(subject) else subject


def shared_section(sections: Sequence[Section]) -> Section:
    """The longest section every concept of the course is in (() when none)."""
    if not sections:
        return ()
    first = sections[0]
    length = len(first)
    for other in sections[1:]:
        length = min(length, len(other))
        length = next((i for i in range(length) if other[i] != first[i]), length)
    return first[:length]


def week_section(
    concept_ids: Sequence[str], section: Mapping[str, Section], minutes: Mapping[str, int]
) -> Section | None:
    """The deepest section holding SHARE_HELD of the week's minutes, or None when too little
    of the week is under any heading."""
    placed = _placed(concept_ids, section, minutes)
    total = sum(minutes[c] for c in concept_ids)
    if not placed or sum(m for _, m in placed) < SHARE_SECTIONED * total:
        return None
    return _held((), placed)


def week_title(
    concept_ids: Sequence[str],
    section: Mapping[str, Section],
    minutes: Mapping[str, int],
    course: Section,
    language: str,
    earlier: Collection[str] = (),
) -> str | None:
    """The week's title from its sections (module docstring), None without them. The
    sections below the week's are listed when the week's own section is the course's, or
    an earlier week (`earlier`: their titles) was named after it; they must hold
    SHARE_COVERED of the week, else the week is its own section's, "(continued)" after a
    week of that title."""
    focus = week_section(concept_ids, section, minutes)
    if focus is None:
        return None
    own = _section_title(focus[-1]) if len(focus) > 1 else None
    continued = phrase(language, "continued_title", title=own) if own else None
    repeated = own in earlier or continued in earlier
    if own is not None and course[: len(focus)] != focus and not repeated:
        return own
    placed = _placed(concept_ids, section, minutes)
    listed = _listed(focus, placed, language)
    if listed or own is None:
        return listed or _spanned(focus, placed, language)
    return continued if repeated else own


def _listed(focus: Section, placed: Sequence[tuple[Section, int]], language: str) -> str | None:
    """The sections below `focus` holding SHARE_LISTED of the week's minutes each, joined;
    None when there are none, or when together they hold less than SHARE_COVERED."""
    held = sum(m for _, m in placed)
    below = _below(focus, placed)
    listed = sorted(
        (name for name, share in below.items() if share >= SHARE_LISTED * held),
        key=lambda name: -below[name],
    )[:MAX_LISTED]
    if sum(below[name] for name in listed) < SHARE_COVERED * held:
        return None
    names = [_name((*focus, name), placed) for name in below if name in listed]
    shown = list(dict.fromkeys(name for name in names if name))  # two documents, one heading
    return ("、" if is_chinese(language) else "; ").join(shown) if shown else None


def _spanned(focus: Section, placed: Sequence[tuple[Section, int]], language: str) -> str | None:
    """The first and the last of the sections below `focus` the week goes through, as a
    syllabus writes a range (from "Iteration" to "Regular expressions"), when there are
    MIN_SPANNED or more: a 4-week course over a whole book went through seven chapters in
    its third week, none holding a fifth of it, and the week was named after its largest
    module alone ("Lists"). None for fewer (the largest module then names the week). The
    ends are the first and the last that are named as a title (`_title_named`), the nearest
    inside the week when a section at its edge is named by a sentence; None when fewer
    than two are."""
    names = [_name((*focus, name), placed) for name in _below(focus, placed)]
    shown = list(dict.fromkeys(name for name in names if name))
    if len(shown) < MIN_SPANNED:
        return None
    ends = [name for name in shown if _title_named(name)]
    if len(ends) < 2:
        return None
    return phrase(language, "span_title", first=ends[0], last=ends[-1])


def _title_named(name: str) -> bool:
    """A section's name short enough and shaped to end a span: a heading's shape
    (`blocks.heading_shaped`; a question's mark aside) in at most MAX_SPAN_END_WORDS
    words ("Fixed width integer types (since C++11)" is 6), or MAX_SPAN_END_CHARS reading
    units for a Chinese name (its characters, and a word of Latin letters as one:
    "预设presupposition" is 3)."""
    if not heading_shaped(name.rstrip(_QUESTION_MARKS)):
        return False
    if has_han(name):
        return reading_units(name) <= MAX_SPAN_END_CHARS
    return len(name.split()) <= MAX_SPAN_END_WORDS  # as `heading_shaped` counts them


def section_modules(
    concept_ids: Sequence[str],
    section: Mapping[str, Section],
    minutes: Mapping[str, int],
    course: Section,
    needs: Callable[[str, str], bool],
    taught_for: Mapping[str, str] = MappingProxyType({}),
) -> list[tuple[str | None, list[str]]]:
    """The week's modules as (heading, concepts): its concepts grouped by the sections one
    level below the week's own, or, where these are too few to group by, one level higher
    up to the level that tells the course's sections (or documents) apart. A week whose
    concepts share one section's run at every level is that section split as a long module
    is (`_split_long`). Empty when neither gives two modules. `needs(a, b)`: concept a is
    to be taught after b; `taught_for[a]`: the concept a is taught ahead of its own section
    for (`Ordering.taught_for`)."""
    focus = week_section(concept_ids, section, minutes)
    if focus is None:
        return []
    week = set(concept_ids)
    serves = {c: section[t] for c, t in taught_for.items() if c in week}
    for level in range(len(focus), len(course) - 1, -1):
        # Rejoined before gathering too: a concept taught ahead for another section
        # must not anchor its own section's module, which the later runs of that
        # section would join, splitting the section it is taught for in two.
        runs = _rejoined(_runs(concept_ids, section, focus[:level]), serves, focus[:level])
        runs = _rejoined(_gathered(runs, needs), serves, focus[:level])
        if len(runs) >= 2:
            runs = _split_long(runs, section, minutes, needs, serves)
            return _named(runs, section, minutes)
    if len(focus) > 1:
        # one section's run at every level, too long for one module: its sections, as a
        # long module's are (left to the prerequisite links, a lab's week of one chapter
        # was nine modules each named after its one concept, "lstart: lstart")
        runs = _split_long([(focus, list(concept_ids))], section, minutes, needs, serves)
        if len(runs) >= 2:
            return _named(runs, section, minutes)
    return []


def _split_long(
    runs: list[tuple[Section | None, list[str]]],
    section: Mapping[str, Section],
    minutes: Mapping[str, int],
    needs: Callable[[str, str], bool],
    serves: Mapping[str, Section],
) -> list[tuple[Section | None, list[str]]]:
    """Each run longer than MAX_MODULE_MINUTES as the runs of its sections one level
    below its own (grouped as the week's are), again while they are too long. A week of
    two chapters grouped by document had one module of 225 minutes, "The Tissue Level of
    Organization", of three sections (epithelial, connective and nervous tissue)."""
    out: list[tuple[Section | None, list[str]]] = []
    for key, group in runs:
        parts = _parts(key, group, section, needs, serves)
        if len(parts) >= 2 and sum(minutes[c] for c in group) > MAX_MODULE_MINUTES:
            out.extend(_split_long(parts, section, minutes, needs, serves))
        else:
            out.append((key, group))
    return out


def _parts(
    key: Section | None,
    group: list[str],
    section: Mapping[str, Section],
    needs: Callable[[str, str], bool],
    serves: Mapping[str, Section],
) -> list[tuple[Section | None, list[str]]]:
    """The run's concepts grouped by the first level below `key` that tells two sections
    apart (a document's concepts all in its chapter: the chapter's sections)."""
    while key is not None:
        parts = _rejoined(_runs(group, section, key), serves, key)
        parts = _rejoined(_gathered(parts, needs), serves, key)
        deeper = len(parts) == 1 and parts[0][0] is not None and len(parts[0][0]) > len(key)
        if not deeper:
            return parts
        key = parts[0][0]
    return []


def _gathered(
    runs: list[tuple[Section | None, list[str]]], needs: Callable[[str, str], bool]
) -> list[tuple[Section | None, list[str]]]:
    """A run of a section met earlier in the week joins that section's run, when nothing
    it is moved ahead of is taught for it ("The Periodic Table", "Chemical Formulas",
    "The Periodic Table" is two modules, not three)."""
    out: list[tuple[Section | None, list[str]]] = []
    for key, concepts in runs:
        same = [i for i, (k, _) in enumerate(out) if key is not None and k == key]
        if same:
            passed = [c for _, group in out[same[-1] + 1 :] for c in group]
            if not any(needs(c, p) for c in concepts for p in passed):
                out[same[-1]][1].extend(concepts)
                continue
        out.append((key, list(concepts)))
    return out


def _rejoined(
    runs: list[tuple[Section | None, list[str]]],
    serves: Mapping[str, Section],
    focus: Section,
) -> list[tuple[Section | None, list[str]]]:
    """Runs between two runs of one section, each of their concepts taught ahead of its
    own section for a concept of that one (`serves`: the section of the concept each is
    taught for), are part of that section's module: a lecture's "curve", read in the next
    lecture but taught just before this one's "Lorenz curve", splits no section in two
    around a module of the next lecture (the course read as going back and forth:
    "Inequality", "Supply and Demand", "Inequality"). So is a run just before a section's
    first, all of it taught ahead for that section: a Python lesson's "function", read in
    the next lesson but taught before "built-in functions", was a module of its own named
    after the next lesson, and the week named that lesson twice."""

    def serving(group: list[str], key: Section | None) -> bool:
        return all(c in serves and _key(serves[c], focus) == key for c in group)

    out: list[tuple[Section | None, list[str]]] = []
    for key, concepts in runs:
        same = [i for i, (k, _) in enumerate(out) if key is not None and k == key]
        if same:
            between = [c for _, group in out[same[-1] + 1 :] for c in group]
            if serving(between, key):
                del out[same[-1] + 1 :]
                out[-1][1].extend([*between, *concepts])
                continue
        # the runs just before, each taught ahead for this section, however many (a pandas
        # course's 聚合 and 设置, read in chapters 5 and 3, taught before chapter 2's
        # 聚合函数, were two modules named after those chapters' sections in week 3)
        ahead: list[str] = []
        while key is not None and out and out[-1][0] != key and serving(out[-1][1], key):
            ahead = [*out.pop()[1], *ahead]
        out.append((key, [*ahead, *concepts]))
    return out


def _key(path: Section, focus: Section) -> Section | None:
    """The run a concept of section `path` belongs to, one level below `focus`."""
    level = len(focus)
    below = len(path) > level and path[:level] == focus
    return path[: level + 1] if below else _apart(path, focus)


def _runs(
    concept_ids: Sequence[str], section: Mapping[str, Section], focus: Section
) -> list[tuple[Section | None, list[str]]]:
    """The week's concepts as runs that share a section one level below `focus`, in the
    week's order. A concept outside `focus` (another document's or chapter's) runs with
    its own section where the two part (`_apart`). Concepts in no section below `focus`
    that open the week, or follow another document's or chapter's run, are a run of
    `focus` itself (what a chapter's opening introduces; a SQL course's first chapter
    opening after the set-operations chapter's "集合" was filed under that chapter's
    section); further on, such a concept joins the run before it. Empty when no concept
    is in a section below `focus`."""
    level = len(focus)
    runs: list[tuple[Section | None, list[str]]] = []
    for concept in concept_ids:
        key = _key(section[concept], focus)
        last = runs[-1][0] if runs else None
        inside = last is not None and last[:level] == focus
        if runs and (key == last or (key is None and inside)):
            runs[-1][1].append(concept)
        else:
            runs.append((key or focus or None, [concept]))
    return runs if any(key is not None and len(key) > level for key, _ in runs) else []


def _apart(path: Section, focus: Section) -> Section | None:
    """`path` down to its first heading (or document) that is not `focus`'s: the knapsack
    page's section in a week of the shortest-path page is its own module, not part of
    the shortest-path section before it. None when `path` is `focus` or holds it."""
    for depth, (mine, theirs) in enumerate(zip(path, focus, strict=False)):
        if mine != theirs:
            return path[: depth + 1]
    return None


def _placed(
    concept_ids: Sequence[str], section: Mapping[str, Section], minutes: Mapping[str, int]
) -> list[tuple[Section, int]]:
    """(section, minutes) of the concepts under at least one heading."""
    return [(section[c], minutes[c]) for c in concept_ids if len(section[c]) > 1]


def _held(prefix: Section, placed: Sequence[tuple[Section, int]]) -> Section:
    """The deepest section below `prefix` holding SHARE_HELD of the minutes under it."""
    inside = sum(m for path, m in placed if path[: len(prefix)] == prefix)
    while True:
        below = _below(prefix, placed)
        if not below:
            return prefix
        name, share = max(below.items(), key=lambda item: item[1])
        if share < SHARE_HELD * inside:
            return prefix
        prefix = (*prefix, name)


def _named(
    runs: list[tuple[Section | None, list[str]]],
    section: Mapping[str, Section],
    minutes: Mapping[str, int],
) -> list[tuple[str | None, list[str]]]:
    """Each run with its name (`_name`), from its own concepts' sections: a document's run
    is named after the heading holding most of *its* part of the week. From the whole
    week's, a chapter file's opening (its title's concept, under no section) took the name
    of the section after it, and the week listed two modules of one name."""
    return [
        (_name(key, _placed(group, section, minutes)) if key else None, group)
        for key, group in runs
    ]


def _name(key: Section, placed: Sequence[tuple[Section, int]]) -> str | None:
    """A section's heading; a document's, the heading holding most of its part of the week
    (None when it has none)."""
    if len(key) > 1:
        return _section_title(key[-1])
    held = _held(key, placed)
    return _section_title(held[-1]) if len(held) > 1 else None


def _section_title(heading: str) -> str | None:
    """The heading as a week or a module shows it (`shown_name`); None for a question
    longer than a span's end (`_title_named`): a lecture of answered student questions
    heads each answer with the student's words ("What's the easiest and best profiling
    tools to use to improve performance of my code?" was a module's title, two such
    questions a week's). The week or the module is then named as one without a heading
    is, after its concepts; a short question ("Why Program?") is a title still, and so is
    a question set in title case, as a book heads a section (`_title_cased`)."""
    name = shown_name(heading)
    asked = name.rstrip().endswith(("?", "\uff1f"))
    if asked and not _title_named(name) and not _title_cased(name):
        return None
    if _zh_task_sentence(name) or _counted_label(name):
        return None
    return name


# a task's label and its number, nothing after: "题目1", "例题 3", "Exercise 4." (a
# division of the book counted alone, "Chapter 3", "第三章", is left to name its part)
_TASK_AND_NUMBER = re.compile(
    r"(?:[\u4e00-\u9fff]{0,3}题[型目]?|(?:exercise|problem|question|example|task)\s*)"
    r"\s*(?:\d+|[一二三四五六七八九十]+)\s*[.:\uff1a、]?",
    re.IGNORECASE,
)


def _counted_label(name: str) -> bool:
    """An exercise set's task counted by its label alone (`FURNITURE`: "题目1", "例题3",
    "Exercise 4"): a bold "**题目1**" over each task of a worksheet, made a heading, titled
    a week and a module though it names no topic. The week or the module is named after
    its concepts, as one under a student's question is; a label with a topic after its
    number ("例题3 二分法", "Exercise 4: Bisection") stays a title."""
    return FURNITURE.match(name) is not None and _TASK_AND_NUMBER.fullmatch(name) is not None


def _zh_task_sentence(name: str) -> bool:
    """A Chinese exercise set heads each task with the task itself, numbered ("4.1.2 设…为
    串" and a clause asking for the conditions; "编写算法" and a clause on deleting from a
    string): a sentence of clauses, longer than a title ends a span (`_title_named`), is no
    title of a week or a module (each was one, the week titled by two joined); they are
    named after their concepts, as a student's long question is. The sentence opens as a
    task does (`_ZH_TASK_OPENING`): a textbook's section titled by a sentence of its own
    (a Rust book's "向线程发出信号" and a clause on stopping to take jobs) keeps its title
    (named after a concept, it was "主线程会", a stray term)."""
    bare = HEADING_NUMBER.sub("", name).strip()
    return (
        has_han(name)
        and bool(ZH_CLAUSE_BREAK.search(name))
        and not _title_named(name)
        and _ZH_TASK_OPENING.match(bare) is not None
    )


# how an exercise's task opens: the givens ("设…", "已知…", "若…") or what to do ("编写",
# "设计", "试…", "求…", "写出", "证明", "判断", "简述", "分析", "计算", "比较", "给出")
_ZH_TASK_OPENING = re.compile(
    r"(?:设|已知|若|假设|假定|编写|编程|设计|试|求|写出|画出|证明|判断|简述|分析|计算|比较|给出|请)"
)


def _title_cased(name: str) -> bool:
    """Most words after the first open on a capital, as a book sets a section asked as a
    question ("Which Item Should Go into the Knapsack First?", a textbook's section, is its
    author's title; a student's question is written as a sentence)."""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", name)[1:]
    return len(words) >= 2 and 2 * sum(w[0].isupper() for w in words) > len(words)


def _below(focus: Section, placed: Sequence[tuple[Section, int]]) -> dict[str, int]:
    """Minutes in each section directly below `focus`, in order of first appearance."""
    level = len(focus)
    out: dict[str, int] = defaultdict(int)
    for path, minutes in placed:
        if len(path) > level and path[:level] == focus:
            out[path[level]] += minutes
    return dict(out)
