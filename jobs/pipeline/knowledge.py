"""The offline knowledge extractor: concepts, definitions, examples, formulas, relations and
prerequisites of one read document. `KnowledgeExtractor` is the seam for another provider
(an OpenAI-compatible chat model may implement it later); this one needs no network.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from datasources.concept_keys import concept_key
from jobs.pipeline.answer_keys import blanks_filled_by_key
from jobs.pipeline.concepts import Draft, find_concepts, glossary_sections, objectives_lead_ins
from jobs.pipeline.descriptions import description
from jobs.pipeline.examples import Owner, find_examples
from jobs.pipeline.formulas import find_formulas
from jobs.pipeline.keypoints import key_point_emphasis
from jobs.pipeline.lexicon import GLOSSARY_HEADINGS, OBJECTIVES_HEADING, apparatus
from jobs.pipeline.mentions import PROSE, mention_pattern
from jobs.pipeline.model import (
    Block,
    Concept,
    Difficulty,
    Extraction,
    Knowledge,
    Language,
    Prerequisite,
    ReadDocument,
)
from jobs.pipeline.normalise import clean_title, heading_title
from jobs.pipeline.prerequisites import infer
from jobs.pipeline.references import bibliography, credits, licence_notices
from jobs.pipeline.relations import relate
from jobs.pipeline.sections import Outline, outline, repeated_apparatus
from jobs.pipeline.structure import (
    HEADING_NUMBER,
    NUMBERED_LABEL,
    apparatus_as_topic,
    facet,
    lead_in_style,
)
from jobs.pipeline.textutil import has_han, sentences, spell_symbols
from jobs.pipeline.traditional import Restorer, converted, simplified_blocks
from jobs.pipeline.transcripts import speaker_labels, without_speakers
from jobs.pipeline.words import count_all, without_maths

DIFFICULTY_RULE = (
    "depth in this document's prerequisite graph: no prerequisite → beginner, "
    "1–2 levels → intermediate, 3 or more → advanced; in a graph deeper than 4 levels "
    "the levels are scaled by its depth ÷ 4"
)
# A chapter's graph is 3-4 levels deep; a long textbook chapter's reaches 6-12, where the
# fixed levels made most of an introductory chapter "advanced".
REFERENCE_DEPTH = 4
_STRUCTURAL = {"heading", "definition", "emphasis", "gloss"}
_NAMED = {*PROSE, "heading"}  # blocks whose "$\\ell_2$ norm" is spelled "L2 norm" (spell_symbols)


class KnowledgeExtractor(Protocol):
    def extract(self, document: ReadDocument, language: Language) -> Knowledge: ...


class OfflineExtractor:
    """Deterministic, offline: the default, and what the quality targets are measured on."""

    def extract(self, document: ReadDocument, language: Language) -> Knowledge:
        return extract_knowledge(document.blocks(), language, document.slides)


def extract_knowledge(blocks: Sequence[Block], language: Language, slides: int = 0) -> Knowledge:
    """`slides`: the document is a deck of that many slides (`ReadDocument.slides`)."""
    if language == "zh-CN":
        # the Chinese rules are spelled in Simplified characters (`traditional`): the
        # blocks are converted once, and that tells whether they were Traditional
        simple = simplified_blocks(blocks)
        if converted((b.text, s.text) for b, s in zip(blocks, simple, strict=True)):
            restorer = Restorer([b.text for b in blocks], [s.text for s in simple])
            return restorer.tree(_extract(simple, language, slides))
    return _extract(blocks, language, slides)


def _extract(blocks: Sequence[Block], language: Language, slides: int) -> Knowledge:
    chinese = language == "zh-CN"
    # other works' authors and venues, and the people a book credits, are not concepts
    cited = bibliography(blocks) | credits(blocks) | licence_notices(blocks)
    # who speaks in a dialogue is no topic where the speech names them either: an
    # interview's "（面试官此时心里想的是…）" beside its "面试官：…" turns
    speakers = {label.casefold() for label in speaker_labels(blocks)}
    blocks = [
        replace(b, text=spell_symbols(b.text)) if b.kind in _NAMED and "$" in b.text else b
        for i, b in enumerate(without_speakers(blocks))
        if i not in cited
    ]
    if chinese:  # a syllabus's "重点是A、B。": its points are stressed (`keypoints`)
        blocks = key_point_emphasis(blocks)
    # an exam's fill-in questions read as the statements its answer key completes
    blocks = blanks_filled_by_key(blocks)
    if not chinese:  # "**_As we now turn_** to look …" in most paragraphs: style, no stress
        styled = lead_in_style(blocks)
        blocks = [
            replace(b, emphasis=b.emphasis[1:]) if i in styled else b for i, b in enumerate(blocks)
        ]
    words = count_all(b.text for b in blocks if b.kind != "code")
    drafts, definitions = find_concepts(blocks, chinese, words, slides, prose_words(blocks))
    drafts = [d for d in drafts if d.key not in speakers]
    tree = outline(blocks)
    concept_of = _owner(drafts, blocks, tree)
    examples = find_examples(blocks, concept_of)
    formulas = find_formulas(blocks, _owner(drafts, blocks, tree, longest=True))
    prerequisites = infer(drafts, blocks, tree)
    depth = _depths(drafts, prerequisites)
    scale = max(1.0, max(depth.values(), default=0) / REFERENCE_DEPTH)
    top = max((d.score for d in drafts), default=1.0) or 1.0
    # a glossary section ("名词解释" opening a review outline) defines its terms ahead of the
    # sections that teach them: a reader meets each where it is taught, as with objectives
    preview = _objectives_blocks(blocks, tree) | glossary_sections(blocks)
    chapters = book_chapters(blocks)
    titled = chapter_titles(blocks)
    first_seen = sorted(
        drafts, key=lambda d: _reading_position(d, blocks, preview, chapters, titled)
    )
    order = {d.key: i for i, d in enumerate(first_seen)}
    concepts = [
        _concept(d, blocks, tree, language, depth[d.key] / scale, d.score / top, order[d.key])
        for d in first_seen
    ]
    chosen = {d.key for d in drafts}
    furniture = repeated_apparatus(blocks)
    extractions = [
        Extraction(
            "concept",
            c.title,
            _context(d, blocks),
            c.first_page,
            c.confidence,
            c.key,
            section=_section(d, blocks, tree, preview, furniture, chapters, titled),
        )
        for c, d in zip(concepts, first_seen, strict=True)
    ]
    for definition in definitions:
        key = next((d.key for d in drafts if d.definition is definition), None)
        if key is None:
            key = next(
                (d.key for d in drafts if mention_pattern(d.key).fullmatch(definition.term)), None
            )
        if key in chosen:
            block = blocks[definition.block]
            extractions.append(
                Extraction(
                    "definition",
                    # as the description reads it: whole, the list or formula it leads in to
                    # included ("What does X mean?" was answered by "X is:")
                    description(definition, key, blocks, chinese),
                    block.text[:600],
                    block.page,
                    definition.confidence,
                    key,
                )
            )
    extractions += examples + formulas
    return Knowledge(
        tuple(concepts), tuple(extractions), tuple(relate(drafts, examples)), tuple(prerequisites)
    )


def _objectives_blocks(blocks: Sequence[Block], tree: Outline) -> frozenset[int]:
    """The blocks under a chapter's objectives heading ("Chapter Objectives", "Learning
    Objectives", "学习目标"), and a list led in by "By the end of this section, you will be
    able to:": what the chapter will teach, before it teaches it."""
    headings = {
        i
        for i, b in enumerate(blocks)
        if b.kind == "heading" and OBJECTIVES_HEADING.search(HEADING_NUMBER.sub("", b.text))
    }
    under = {
        i
        for i in range(len(blocks))
        if headings.intersection((tree.section_of[i], *tree.ancestors(tree.section_of[i])))
    }
    for i, items in objectives_lead_ins(blocks).items():
        under.update((i, *items))
    return frozenset(under)


def _reading_position(
    draft: Draft,
    blocks: Sequence[Block],
    preview: frozenset[int] = frozenset(),
    chapters: tuple[int, ...] | None = None,
    titled: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[int, int]:
    """Where a reader meets the concept first: its first mention's block, past the
    chapter's objectives (`_objectives_blocks`) and a glossary (`glossary_sections`) when it
    is mentioned again later. A topic a
    schedule lists (tables are mention sites only then: `concepts._scheduled`) is where
    its row is, by its place in the table's text: a syllabus teaches in the schedule's
    order, whatever its description paragraph named first."""
    # a glossary's table (`glossary_sections`) previews its terms as its list would
    scheduled = [m for m in draft.mentions if blocks[m].kind == "table" and m not in preview]
    if not scheduled:
        taught = [
            m
            for m in draft.mentions
            if m not in preview and not _promised_only(draft.key, blocks[m].text)
        ]
        first = min(taught or draft.mentions)
        if chapters is not None:
            first = _in_home_chapter(draft, taught or draft.mentions, chapters, first)
        home, chapter = (titled or {}).get(draft.key, (-1, -1))
        marks = [*draft.cue_blocks, *([draft.definition.block] if draft.definition else [])]
        if chapter > first and min(marks, default=home) >= chapter:
            # used in passing in an earlier chapter, which never marks it, and taught under
            # its own heading in a later one (`chapter_titles`): met there
            first = home
    else:
        first = scheduled[0]
    # concepts a block names together are met in the block's order ("encoding, storage,
    # and retrieval")
    found = mention_pattern(draft.key).search(blocks[first].text)
    return first, found.start() if found else 0


# a whole book's chapters average this many words of prose or more, or the whole has this
# many; a chapter's sections are shorter (the evaluation and blind chapters, 22,000 words
# of prose at most, have top sections of 3,600 at most; a Chinese tutorial book's 17
# chapters average 3,800 but hold 65,000 words together). Four chapters cut from an ethics
# book average 5,000: at 8,000 they were one document, taught by score, and a course of
# eight weeks spent six on the first chapter
BOOK_CHAPTER_WORDS = 4_500
# a document of this many top-level headings has chapters (`chapter_titles`)
MIN_TITLED_CHAPTERS = 2
BOOK_WORDS = 40_000
MIN_BOOK_CHAPTERS = 3


def prose_words(blocks: Sequence[Block]) -> int:
    """The words of the prose, no code and no formulas: how densely a text marks its terms
    is counted in them (`concepts.concept_budget`), as a formula's TeX ("\\frac", "\\vec",
    "displaystyle") is no text a term could be marked in."""
    return count_all(without_maths(b.text) for b in blocks if b.kind not in ("code", "formula"))


def is_book(words: int, chapters: int) -> bool:
    """`chapters` parts holding `words` words of prose make a whole book: three or more,
    of `BOOK_CHAPTER_WORDS` on average or `BOOK_WORDS` in all."""
    return chapters >= MIN_BOOK_CHAPTERS and words >= min(BOOK_CHAPTER_WORDS * chapters, BOOK_WORDS)


def book_chapters(blocks: Sequence[Block]) -> tuple[int, ...] | None:
    """The chapter of each block (its chapter heading's index, -1 before the first) when
    the document is a whole book: its shallowest heading level set three times or more
    opens parts of `BOOK_CHAPTER_WORDS` words on average, or `BOOK_WORDS` in all; None
    for anything shorter."""
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    level = next(
        (
            n
            for n in levels
            if sum(1 for b in blocks if b.kind == "heading" and b.level == n) >= MIN_BOOK_CHAPTERS
        ),
        None,
    )
    if level is None:
        return None
    heads = sum(1 for b in blocks if b.kind == "heading" and b.level == level)
    words = count_all(b.text for b in blocks if b.kind in PROSE)
    if not is_book(words, heads):
        return None
    chapters, current = [], -1
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.level <= level:
            current = index
        chapters.append(current)
    return tuple(chapters)


def chapter_titles(blocks: Sequence[Block]) -> dict[str, tuple[int, int]]:
    """The concepts the headings of a document of two chapters or more (top-level headings)
    name whole (their keys), each with its first such heading and the heading of that
    heading's chapter: a handout's chapter "数组", with its sections "数组长度" and "多维数组",
    teaches arrays, which the chapter on functions before it used in passing (an example's
    `static` array). A whole book's chapters are found by `_in_home_chapter` too."""
    headings = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading"]
    top = min((b.level for _, b in headings), default=0)
    if sum(1 for _, b in headings if b.level == top) < MIN_TITLED_CHAPTERS:
        return {}
    titled: dict[str, tuple[int, int]] = {}
    chapter = -1
    for index, block in headings:
        if block.level == top:
            chapter = index
        key = concept_key(heading_title(HEADING_NUMBER.sub("", block.text)))
        titled.setdefault(key, (index, chapter))
    return titled


def _in_home_chapter(
    draft: Draft, mentions: Sequence[int], chapters: tuple[int, ...], first: int
) -> int:
    """A whole book's first chapter surveys what the later ones teach ("psychologists
    study memory, emotion, schizophrenia"): a concept is met in the chapter where the
    author first marks it (sets it apart, defines it or names a heading after it), at its
    first mention there; a concept never marked stays at its first mention."""
    marks = [*draft.cue_blocks, *([draft.definition.block] if draft.definition else [])]
    if not marks:
        return first
    home = chapters[min(marks)]
    if home == chapters[first]:
        return first
    return min((m for m in mentions if chapters[m] == home), default=min(marks))


# "后续章节将介绍电离，电解质", "… will be discussed in a later chapter": a sentence that
# promises a topic for later is no place where the reader meets it
_PROMISE = re.compile(
    r"(?:后续|后面|以后|之后|稍后|随后|下一)的?(?:章节|章|节|小节|部分)"
    r"|将在[^。；]{0,20}(?:介绍|讨论|讲解)"
    r"|\b(?:will|shall)\s+be\s+(?:discussed|covered|introduced|explained|described|treated"
    r"|examined)\b[^.]{0,40}\b(?:later|chapters?|sections?|below)\b"
    r"|\b(?:later|next|following)\s+(?:chapters?|sections?)\b",
    re.I,
)


def _promised_only(key: str, text: str) -> bool:
    """Every sentence of the block that names the concept promises it for later."""
    pattern = mention_pattern(key)
    named = [s for s in sentences(text) if pattern.search(s)]
    return bool(named) and all(_PROMISE.search(s) for s in named)


# a heading that is only a lecture's label for what follows, perhaps numbered ("Example",
# "Example 2", "Remark"): no topic, its concepts belong to the section above (a game
# theory chapter's course had two weeks named "Example")
_LABEL_HEADING = re.compile(
    r"(?:examples?|remarks?|worked example|illustration)(?:\s+\d{1,3}(?:\.\d{1,3})*)?", re.I
)
# a worksheet's lettered part before its name: "Part A: Vocabulary", "Section B. Short
# Answer" (only after such a word: "Vitamin A: Sources" names the vitamin)
_LETTERED_PART = re.compile(r"^(?:Part|Section|Activity|Exercise|Task)\s+[A-Z]\s*[:.]\s+(?=\w)")
# "Definition of a characteristic function game": the section of the term it defines
_DEFINITION_HEADING = re.compile(r"definitions?\s+of\s+(?:(?:the|an?)\s+)?(?=\w)", re.I)
# "What is a context-free language?": a chapter written as questions heads each answer so;
# the section teaches what it asks about (not "What is the difference between …", whose
# module keeps its question)
_ASKED_HEADING = re.compile(
    r"what\s+(?:is|are)\s+(?!(?:the\s+)?(?:differences?|distinctions?)\b)(?:(?:the|an?)\s+)?(?=\w)",
    re.I,
)
# A question's stem set as its heading, as a review site heads each question: a clause
# left open on a colon for the options below ("1. Adverse selection in insurance markets
# occurs when:"). It names no topic: its concepts belong to the section above (a quiz's
# weeks and modules were named by its stems). A lead-in of fewer words ("Examples:",
# "Key idea:") is left to the other rules.
_STEM_HEADING = re.compile(r"\S+(?:\s+\S+){3,}\s*[:\uff1a]\s*$")


def _section(
    draft: Draft,
    blocks: Sequence[Block],
    tree: Outline,
    preview: frozenset[int],
    furniture: frozenset[int],
    chapters: tuple[int, ...] | None = None,
    titled: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[str, ...]:
    """The headings of the section where a reader meets the concept first: where the
    planner, which reads `Concept.order`, places it (its own heading or its definition
    further on would name a section the course put elsewhere). Numbers go
    ("2.1", "Chapter 3:"): a course orders its weeks its own way. An apparatus heading
    ("Key Concepts and Summary", "Introduction") goes too: it names no topic, and what it
    sums up or opens belongs to the section above it, as does a sub-section's aspect of
    its parent's topic ("Notation", "Proof of Correctness", "复杂度分析": a module so named
    says nothing of what it teaches) and the book's own repeated furniture
    (`sections.repeated_apparatus`: "Multiple Choice")."""
    block = _reading_position(draft, blocks, preview, chapters, titled)[0]
    headings: list[str] = []
    for index in tree.headings(block):
        raw = HEADING_NUMBER.sub("", blocks[index].text)
        if _STEM_HEADING.match(raw):
            continue
        heading = heading_title(raw)
        # "Solution Strategy 2: Time-Dependent Input": the series' label goes as a number
        # does, the module is named after what it teaches
        heading = NUMBERED_LABEL.sub("", heading)
        heading = _LETTERED_PART.sub("", heading)  # "Part A: Vocabulary": the sheet's order
        # "Definition of a payoff vector" heads the payoff vector's section: a week or a
        # module is named after what it teaches ("Payoff vector")
        defined = _DEFINITION_HEADING.match(heading)
        asked = _ASKED_HEADING.match(heading) if heading.endswith("?") else None
        if defined or asked:
            rest = heading[(defined or asked).end() :].rstrip("? ")
            heading = rest[:1].upper() + rest[1:]
        aside = (
            index in furniture
            or (apparatus(heading) and not apparatus_as_topic(blocks, index))
            or facet(heading, blocks[index].level)
            or _LABEL_HEADING.fullmatch(heading) is not None
            # a worksheet's "Vocabulary", a chapter's "Terminology": the list of the names
            # the document teaches, whose section names no topic ("Key Terms" is apparatus)
            or heading.casefold() in GLOSSARY_HEADINGS
        )
        # a chapter whose first section repeats its title is one section
        if heading and not aside and heading not in headings[-1:]:
            headings.append(heading)
    return tuple(headings)


def _concept(
    draft: Draft,
    blocks: Sequence[Block],
    tree: Outline,
    language: Language,
    depth: float,
    salience: float,
    order: int,
) -> Concept:
    pages = sorted({blocks[i].page for i in draft.mentions})
    # a modifier's mark-up ("**apical**"), a heading's word ("Cell" of "Cell to Cell
    # Junctions") makes it a term, not a concept to be taught: the planner counts it
    # among the documents' vocabulary (`CourseGraph.vocabulary`, jobs/planning/graph.py)
    structural = set() if draft.incidental else draft.sources & _STRUCTURAL
    confidence = min(
        0.99,
        0.35
        + 0.15 * len(structural)
        + (0.2 * draft.definition.confidence if draft.definition else 0.0),
    )
    first = min(draft.mentions)
    path = [clean_title(h) for h in tree.path(first, blocks)]
    return Concept(
        title=clean_title(draft.title),
        key=draft.key,
        language=language,
        first_page=blocks[first].page,
        pages=tuple(pages),
        salience=round(salience, 2),
        confidence=round(confidence, 2),
        description=description(draft.definition, draft.key, blocks, language == "zh-CN")
        if draft.definition
        else None,
        difficulty=_difficulty(depth),
        difficulty_rule=DIFFICULTY_RULE,
        category=path[0] if path else None,
        tags=tuple(path[1:3]),
        sources=tuple(sorted(draft.sources)),
        mentions=len(draft.mentions),
        order=order,
    )


def _difficulty(depth: float) -> Difficulty:
    """`depth`: levels of prerequisites above the concept, scaled (DIFFICULTY_RULE)."""
    return "beginner" if depth < 1 else "intermediate" if depth < 3 else "advanced"


def _depths(drafts: Sequence[Draft], edges: Sequence[Prerequisite]) -> dict[str, int]:
    """Longest chain of prerequisites above each concept (the graph is acyclic)."""
    parents: dict[str, list[str]] = {}
    for edge in edges:
        parents.setdefault(edge.target, []).append(edge.source)
    memo: dict[str, int] = {}

    def depth(key: str) -> int:
        if key not in memo:
            memo[key] = 0
            memo[key] = max((depth(p) + 1 for p in parents.get(key, ())), default=0)
        return memo[key]

    return {d.key: depth(d.key) for d in drafts}


def _context(draft: Draft, blocks: Sequence[Block]) -> str:
    if draft.definition is not None:
        return draft.definition.sentence
    for index in draft.mentions:
        if blocks[index].kind != "heading":
            return blocks[index].text[:400]
    return blocks[min(draft.mentions)].text[:400]


def _owner(
    drafts: Sequence[Draft], blocks: Sequence[Block], tree: Outline, longest: bool = False
) -> Owner:
    """A function naming the concept a text belongs to: the first it names, else its section's.
    `longest` (a formula's owner): of two Chinese names starting at one place the longer,
    which holds the other: "…子加法器的传播信号" names 加法器, not 加法 (a deck's carry
    equations were "加法的公式"). Only there and only in Chinese: for examples, and in
    English, the shorter's first place kept more key concepts placed in eval.course."""
    patterns = [(d.key, mention_pattern(d.key)) for d in drafts]
    by_heading = {
        d.cue_blocks[0]: d.key
        for d in drafts
        if d.cue_blocks and blocks[d.cue_blocks[0]].kind == "heading"
    }

    def concept_of(text: str, block: int, *, by_section: bool = True) -> str | None:
        best: tuple[int, int, str] | None = None
        for key, pattern in patterns:
            match = pattern.search(text)
            if match is None:
                continue
            length = -len(match.group(0)) if longest and has_han(match.group(0)) else 0
            if best is None or (match.start(), length) < best[:2]:
                best = (match.start(), length, key)
        if best is not None:
            return best[2]
        if not by_section:
            return None
        heading = tree.section_of[block]
        for h in [heading, *tree.ancestors(heading)] if heading >= 0 else []:
            if h in by_heading:
                return by_heading[h]
        return None

    return concept_of
