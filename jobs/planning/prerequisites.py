"""The course's prerequisites: what learners must bring, as a teacher would list it.

Mandatory prerequisites of taught concepts that the course does not teach. A concept
excluded by the teacher or known only from other documents of the library is always
listed. The documents' vocabulary (`CourseGraph.vocabulary`: words they use but never
define nor mark) is listed only when it names real prior knowledge: not an everyday word
("behavior", "majority", 曲线, 消费者: every reader knows them, and a psychology course
listed "positive" and "negative"), not an adjective ("apical"), and at most
MAX_VOCABULARY of them, those the course leans on most (one the teacher excluded is
always listed). The list is ordered by how many taught concepts need each, then by
reading order.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from datasources.concept_keys import concept_key, singular
from jobs.pipeline.lexicon import zh_count
from jobs.pipeline.structure import bare_modifier
from jobs.pipeline.textutil import has_han
from jobs.planning.graph import CourseGraph
from jobs.planning.inputs import ConceptInput
from jobs.planning.result import CoursePrerequisite
from jobs.planning.wording import is_chinese

# At most this many vocabulary words as prerequisites: a list of 28 ("effort", "seats",
# "leader", ...) for a history and politics course was no list a teacher would write.
MAX_VOCABULARY = 8
# An English word or phrase at least this common (wordfreq's Zipf scale: 10 per million
# words) is everyday language ("abilities" 4.2, "brain" 4.9); the terms a course assumes
# sit below ("organism" 3.6, "legislators" 3.7, "Declaration of Independence" 4.0-).
FAMILIAR_ZIPF = 4.0
# jieba's dictionary count for the same share of ordinary Chinese (about 60 million words:
# 600 ≈ 10 per million): 曲线 971, 消费者 3,141, 方程 1,151; 特征值 45, 矩阵 257.
FAMILIAR_ZH_COUNT = 600
# A familiar word that this many taught concepts' titles end with is listed all the same
# (`genus`).
MIN_KINDS = 2


def course_prerequisites(
    graph: CourseGraph, placed: list[str], excluded: set[str]
) -> tuple[list[CoursePrerequisite], list[CoursePrerequisite]]:
    """Mandatory prerequisites of taught concepts that the course does not teach: those
    listed for learners, and the vocabulary assumed without being listed (the report's
    `vocabulary_assumed`: nothing a taught concept needs goes unaccounted for)."""
    inside = set(placed)
    needed: dict[str, list[str]] = {}
    for concept in placed:
        for prerequisite in sorted(graph.mandatory_prerequisites(concept)):
            if prerequisite not in inside:
                needed.setdefault(prerequisite, []).append(concept)
    ranked = sorted(
        needed,
        key=lambda p: (-len(needed[p]), graph.reading[p], graph.concepts[p].title, p),
    )
    # what the teacher excluded is listed whatever it is: they chose to leave it out
    words = {p for p in ranked if p in graph.vocabulary and p not in excluded}
    taught = [graph.concepts[c].title for c in placed]
    worth = [
        p
        for p in ranked
        if p in words
        and (prior_knowledge(graph.concepts[p]) or genus(graph.concepts[p], taught))
        and not heading_topic(graph, p)
    ]
    listed = set(worth[:MAX_VOCABULARY]) | {p for p in ranked if p not in words}
    every = [
        CoursePrerequisite(
            p, graph.concepts[p].title, tuple(needed[p]), _reason(graph, p, excluded)
        )
        for p in ranked
    ]
    return (
        [p for p in every if p.concept_id in listed],
        [p for p in every if p.concept_id not in listed],
    )


def prior_knowledge(concept: ConceptInput) -> bool:
    """A term worth naming as what learners bring: neither an everyday word nor an
    adjective (a word that only modifies names no topic)."""
    title = concept.title.strip()
    if is_chinese(concept.language) and has_han(title):
        return zh_count(title) < FAMILIAR_ZH_COUNT
    # An English word in a Chinese course is judged as English: jieba's dictionary knows no
    # English, so every one of them looked rare ("Height", a data set's column, and "value"
    # were listed for a pandas course)
    if concept.language.lower().startswith("en") or is_chinese(concept.language):
        return zipf_frequency(title, "en") < FAMILIAR_ZIPF and not bare_modifier(title)
    return True


def heading_topic(graph: CourseGraph, concept_id: str) -> bool:
    """A word the heading of its own section names as its topic (the head of the heading
    or of one of its coordinated parts: "Errors and Exceptions", not "Derivatives of
    Functions"): the documents teach it there, under that heading, though they never
    define nor mark it (a Python lesson's "Errors and Exceptions" uses "error" throughout,
    and its course listed "error" among what learners must know before it starts)."""
    concept = graph.concepts[concept_id]
    chinese = is_chinese(concept.language)
    name = concept.title if chinese else concept_key(concept.title)
    return any(
        _heads(part, name, chinese)
        for heading in graph.section[concept_id][1:]
        for part in {heading, *_COORDINATED.split(heading)}  # "求和公式" is one name
    )


# the parts of a heading that names two topics: "Errors and Exceptions", "栈与队列"
_COORDINATED = re.compile(r"\s*(?:,|;|:|&|\band\b|\bor\b|、|与|和|及)\s*", re.IGNORECASE)


def _heads(part: str, name: str, chinese: bool) -> bool:
    if chinese:
        return part.strip().endswith(name)
    head = part.casefold().split(" of ")[0]
    words = " ".join(singular(w) for w in re.findall(r"[\w'-]+", head))
    return f" {words}".endswith(f" {name}")


def genus(concept: ConceptInput, taught: list[str]) -> bool:
    """A word the titles of at least MIN_KINDS taught concepts end with (in English, its
    last word, singular or plural): the course teaches kinds of it, so it is the subject's
    term, however common the word ("glial cell", "basal cell" and "Schwann cell" of an
    anatomy course need "cells", which everyday English uses as much as "behavior")."""
    word = concept.title.strip()
    if is_chinese(concept.language):
        kinds = [t for t in taught if len(t) > len(word) and t.endswith(word)]
    else:
        kinds = [t for t in taught if len(t.split()) > 1 and _same_noun(t.split()[-1], word)]
    return len(kinds) >= MIN_KINDS


def _same_noun(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or {a, b} & {b + "s", a + "s", b + "es", a + "es"} != set()


def _reason(graph: CourseGraph, prerequisite: str, excluded: set[str]) -> str:
    if prerequisite in excluded:
        return "excluded"
    if not graph.mentioned(prerequisite):
        return "not_in_documents"
    return "left_out"
