"""Key concepts of a document: layout cues first, defining sentences, then C-value terms.

A candidate is scored by its evidence (heading 1.0, definition up to 0.4, emphasis 0.35,
English gloss 0.15, named inside a heading 0.05; a chapter's own topic, named by a top-level
heading of several, 0.2 more) plus its C-value rank (up to 0.3). It is
kept when the evidence is strong enough for how often the body mentions it (see
`_admissible`), and the best `concept_budget(words)` are returned (one per marked term in
a handout that marks more than `DENSE_MARKS` per 100 words), plus (up to
`marked_allowance(words)`: half the budget again, more in a long chapter) the terms the
author marks twice, e.g. bold and glossed, or (English)
bold where the body first uses them (`_author_marks`),
plus the entries of a glossary (`_glossary_keys`).
Nothing here knows a subject: the same rules serve a Rust book and a calculus text.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Literal

import rjieba
from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

from datasources.concept_keys import concept_key, singular
from jobs.pipeline.clauses import zh_clause, zh_light_verb_name
from jobs.pipeline.definitions import (
    DEFINED_EMPHASIS,
    EMPHASIS,
    GLOSSARY,
    NAMED,
    TASK_LABELS,
    WEAK,
    ZH_KEYWORD_NAMED,
    Definition,
    code_at_work,
    en_answer_below,
    en_form_line,
    en_fragment_below,
    find_definitions,
    head_of_a_blank,
    headed_box_entry,
    headed_table_entry,
    imperative,
    labelled_below,
    lead_in_left_open,
    names_its_kind,
    qa_answer,
    states_a_clause,
    table_entries,
    zh_classical_name,
    zh_colon_entry,
    zh_entry_below,
    zh_entry_runs,
    zh_facet_points,
    zh_field_points,
    zh_form_line,
    zh_form_values,
    zh_kind_by_idiom,
    zh_named_after,
    zh_named_then_said,
    zh_spaced_entry,
    zh_statement_to_judge,
)
from jobs.pipeline.keypoints import key_point_terms
from jobs.pipeline.lexicon import (
    ALIAS_VERBS,
    EN_DETERMINERS,
    EN_GENERIC,
    EN_ORDINALS,
    EN_PREPOSITIONS,
    EN_STOP,
    GLOSSARY_HEADINGS,
    OBJECTIVE_VERBS,
    OBJECTIVES_LEAD_IN,
    ZH_BROAD,
    ZH_GENERIC,
    course_administration,
    course_matter,
    everyday,
    technicality,
    zh_count,
    zh_everyday,
    zh_word_of_its_own,
)
from jobs.pipeline.mentions import PROSE, MentionIndex, locate, mention_pattern
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import clean_title
from jobs.pipeline.outline import outline_topics
from jobs.pipeline.questions import (
    asked_topics,
    choices,
    option_names,
    option_runs,
    option_texts,
)
from jobs.pipeline.references import cited_names, without_citations, without_credits
from jobs.pipeline.sections import (
    MIN_REPEATS,
    answer_blanks,
    answer_forms,
    numbered_series,
    outline,
    repeated_apparatus,
    repeated_bracket_labels,
    repeated_labels,
    without_bracket_label,
)
from jobs.pipeline.structure import (
    HEADING_NUMBER,
    MAX_KEYWORD_CHARS,
    MAX_KEYWORD_WORDS,
    ZH_ACTION_COUNT,
    ZH_MEASURE_WORDS,
    Cue,
    acronym_pairs,
    apparatus_as_topic,
    bare_modifier,
    bilingual_headings,
    code_names,
    colon_head,
    defined_in_code,
    emphasis_name,
    emphasis_terms,
    english_name_pairs,
    environment_kinds,
    environment_names,
    expanded_code_names,
    formula_labels,
    gerund,
    gloss_terms,
    glossed_emphasis,
    heading_terms,
    interface_label,
    keyword_list,
    plain_code_names,
    run_in_heading,
    spelled_acronyms,
    sql_names,
    syntax_placeholders,
    table_topics,
    translated_entry,
    with_shared_head,
    zh_action_object,
    zh_cut_name,
    zh_headless,
    zh_theory_name,
)
from jobs.pipeline.terms import TermStats, c_values, collect, shared_head_items
from jobs.pipeline.textutil import PLACEHOLDER, has_han, opens_on_a_date, prose, sentences

MAX_STAT_SENTENCES = 20_000  # ~400k words: a 1,000-page book is sampled, a chapter never
MAX_GLOSSARY = 300  # a glossary's entries kept beyond the length budget
MAX_SCHEDULED = 80  # a syllabus's listed topics kept beyond it
MIN_GLOSSARY_DOCUMENT = 10  # entries that make a document a glossary (half its prose, too)
CODE_KINDS = frozenset({"code", "expanded"})  # cues of a name written as code
MIN_LISTED_MENTIONS = 2  # a list's kind named again elsewhere (`_listed_kinds`)
RARE_TECHNICALITY = 0.6  # Zipf 3.0: "volutin", "apical" (0.65); not "morphology" (0.44)
PREVIEW_USES = 3  # a term emphasised at one of its first three uses is being introduced
MIN_OBJECTIVE_WORDS = 4  # an objective is a sentence: "Explain what a loop does"
STORY_SUBSECTIONS = 2  # a story told within one section's one or two sub-sections
MIN_SECTIONS = 3  # a document of fewer top-level sections keeps its one-section terms


# "the term *smart cities*", "the word *habitus*": a word that says a name is being
# mentioned, right before the emphasised name. Where the reader keeps emphasis apart from
# the text (HTML, Word), the plain sentence reads "the term smart cities", and the name
# nested in the longer run was counted only inside "term smart cities", which became the
# concept. Markdown's "*" still in the text already parts them.
_MENTION_NOUN = r"\b(?:terms?|words?|phrases?|expressions?)\s+"


def _mentions_apart(body: list[tuple[int, str]], blocks: Sequence[Block]) -> list[tuple[int, str]]:
    """The body's sentences for the term statistics, a separator set between a mention
    word and the emphasised name it introduces (`_MENTION_NOUN`)."""
    out = []
    for index, sentence in body:
        for span in blocks[index].emphasis:
            name = span.strip()
            if name and name in sentence:
                pattern = rf"({_MENTION_NOUN})(?={re.escape(name)})"
                sentence = re.sub(pattern, rf"\1{PLACEHOLDER} ", sentence, flags=re.I)
        out.append((index, sentence))
    return out


@dataclass(slots=True)
class Draft:
    """A concept while it is being built (mutable); `model.Concept` is the frozen result."""

    key: str
    title: str
    score: float
    sources: set[str]
    definition: Definition | None
    cue_blocks: list[int]
    mentions: list[int] = field(default_factory=list)  # block indices, headings included
    introduced: bool = False  # emphasised where the body first uses it (see find_concepts)
    # its marks name no concept: a word the text uses to qualify the names of others
    # (`_modifier`), or that only parts of headings name (`_heading_part`)
    incidental: bool = False


# terms the running text marks (emphasis, a gloss, a definition) per 100 words past which
# a document is a handout or a review sheet: the tuning and held-out textbook chapters
# mark at most 1.04, the other blind sets 1.5, teachers' handouts 2.9-5.5
DENSE_MARKS = 2.0
# from this density on, a text's marked terms widen its budget in proportion, all of them
# at DENSE_MARKS (a step there cost a probability handout at 1.56 twenty defined terms)
MARKS_FROM = 1.0
# fewer words than this (a paragraph or two) show no density
MIN_DENSE_WORDS = 200


_BODY_MARKS = frozenset({"emphasis", "gloss", "definition"})
# the marks of a Chinese name the author both sets apart and translates
_ZH_NAMED_TWICE = frozenset({"emphasis", "gloss"})
_ZH_HAVE_OR_LACK = frozenset("有无")
# terms the running text marks per 100 words below which a text marks few of its terms (an
# essay-like book: the ethics chapters mark 0.10 and 0.20, forall x 0.37, the tuning chapters
# more); there a word counted often is as likely the author's everyday vocabulary
SPARSE_MARKS = 0.25


def _mostly_a_verb(entry: TermStats, chinese: bool) -> bool:
    """The text uses the word as a verb more often than as a name: Chinese verbs that open
    a clause are not in `count`, English verbs before their object are."""
    nouns = entry.count if chinese else entry.count - entry.clausal
    return entry.clausal > nouns


def _common_by_count_alone(draft: Draft) -> bool:
    """One word of ordinary English (Zipf 4.5 or more: `technicality` 0) that only its
    count offers, or its count and italics: no definition, no heading, no gloss. Where the
    author marks few terms the words an argument repeats ("claim", "basis", "rules",
    "attempt") fill the budget, and an everyday word set in italics is stress ("*necessary*",
    "*independent*", "*positive*"); one less common ("utility", "altruism") or a compound
    ("self-interest") stays."""
    return (
        draft.sources <= {"term", "emphasis"}
        and " " not in draft.key
        and "-" not in draft.key
        and technicality(draft.key) == 0
    )


_LATIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _zh_quoted_english(draft: Draft) -> bool:
    """In a Chinese text, English phrases that only their count offers: no gloss, no mark, no
    definition, no heading, no acronym ("given time period", "exposed population" from a
    slide's formulas written in English, "发病率 = New cases … / Population at risk …"). A
    Chinese text names its terms in Chinese and glosses the English; what it only repeats in
    English is quoted text, the words of a formula or an example."""
    return (
        draft.sources == {"term"}
        and _LATIN_WORDS.fullmatch(draft.title) is not None
        # a single word may be a tool's own name the text uses untranslated ("kiosk",
        # "campaign" in a crop model's Chinese guide)
        and len(draft.title.split()) >= 2
        and not any(word.isupper() for word in draft.title.split())
    )


def _stressed_adjective(draft: Draft) -> bool:
    """An everyday adjective alone (`_common_by_count_alone`'s words, one the lexicon knows
    only as an adjective, or as an adjective and a noun) that only bold or italics and its
    count offer: stress, in any text (a climate chapter that marks its terms densely made
    "**positive**", said of a feedback, a concept). Defined, glossed or heading a section
    it stays."""
    return (
        "emphasis" in draft.sources and _common_by_count_alone(draft) and bare_modifier(draft.key)
    )


def concept_budget(
    words: int,
    slides: int = 0,
    questions: int = 0,
    *,
    marked: int = 0,
    body_marked: int = 0,
    prose_words: int | None = None,
) -> int:
    """How many concepts a document of `words` words gets: 20 for a short text, up to 80.
    A deck of `slides` lecture slides gets one more for each slide: a slide names a term or
    two in a few bullets, where a book's page spends 300 words on one (a 22-slide deck of
    2,300 words had 32 places for the 52 terms it marks or repeats). A worksheet or an exam
    paper of `questions` multiple-choice questions that offer names as options gets two
    more for each: such a question tests a term or two and offers its neighbours in a few
    lines (a 1,000-word review worksheet of 18 such questions had 25 places). A document
    whose running text marks more than `DENSE_MARKS` terms per 100 words (`body_marked`)
    gets a place for each term it marks (`marked`: headings too): a teacher's handout names
    a term in every other line (a 1,100-word review sheet teaching 48 terms had 26 places).
    Between `MARKS_FROM` and `DENSE_MARKS` a text that is no deck gets that share of its
    marked terms beyond the length budget: half of them at 1.5. The density is counted in
    the `prose_words` when given (no formulas): a formula sheet's TeX ("\\frac", "\\vec")
    made a 电磁场 review that marks 2.4 terms per 100 words of its prose mark 1.0, and 10
    of its defined laws were cut."""
    budget = max(20, min(80, round(20 + max(words / 200, slides, 2 * questions))))
    if words >= MIN_DENSE_WORDS and marked > budget:
        density = body_marked * 100 / max(words if prose_words is None else prose_words, 1)
        if density > DENSE_MARKS:
            share = 1.0
        elif slides:  # a deck's budget counts its slides already
            share = 0.0
        else:
            share = max(0.0, density - MARKS_FROM) / (DENSE_MARKS - MARKS_FROM)
        budget = min(80, round(budget + share * (marked - budget)))
    return budget


def marked_allowance(words: int, slides: int = 0) -> int:
    """How many terms the author marks twice are kept beyond `concept_budget(words)`: half
    the budget again, and past the length where the budget stops growing (12,000 words)
    one per 350 words, up to the budget again. A 22,000-word anatomy chapter marks 58
    terms twice beyond its 80; capped at 40 it lost 18, key terms among them."""
    budget = concept_budget(words, slides)
    return max(budget // 2, min(budget, words // 350))


def find_concepts(
    blocks: Sequence[Block],
    chinese: bool,
    words: int,
    slides: int = 0,
    prose_words: int | None = None,
) -> tuple[list[Draft], list[Definition]]:
    # a list of advice's labels (English) or a procedure's steps (Chinese): no names
    advice = _zh_step_labels(blocks) if chinese else _advice_labels(blocks)
    # "**Revision:** …" after each worked sentence: a field of the examples, no name
    if not chinese:
        advice = {**_field_labels(blocks), **advice}
    labels = repeated_labels(blocks)  # "**Solution**" in each worked example: layout
    labels |= answer_blanks(blocks)  # a worksheet's "**Poem chosen:**", left for the student
    # a paper's "Keywords: …" line: its items are cues (`_cues`), its label and list no
    # sentence ("关键词：量子点，…" read as a definition of 关键词)
    labels |= {i for i, b in enumerate(blocks) if b.kind in PROSE and keyword_list(b.text)}
    # lecture notes' "Proof.", "Proposition 2.1.6": the kinds of its theorem environments,
    # which its prose cites ("by Proposition 2.1.6"), are its apparatus, no topic
    environments = environment_kinds(b.text for b in blocks if b.kind in PROSE)
    # lecture notes: definitions set as numbered environments ("Definition 2.1.3.")
    # a question's options, by block (`questions.option_runs`): names offered are cues, and
    # the questions offering them widen the budget
    options = option_runs(blocks)
    # a syllabus's outline: the topics its list items name (`outline.outline_topics`)
    outline = outline_topics(blocks)
    # the list items under an aspect's lead-in ("主要局限："): points, whose labels name no
    # term, for the cues and the definitions alike (`zh_facet_points`); and the items a
    # label the list repeats opens, a field each fills in ("临床症状：…", `zh_field_points`)
    points = (
        frozenset(zh_facet_points(blocks) | zh_field_points(blocks)) if chinese else frozenset()
    )
    cues = _cues(
        blocks,
        chinese,
        advice,
        labels,
        lecture="definition" in environments,
        options=options,
        outline=outline,
        points=points,
    )
    objectives = set() if chinese else _objective_items(blocks)
    previews = objectives | _after_objectives_lead_in(blocks)
    # "〔临证应用〕…" opening each formula's paragraph: the field's label is no term
    fields = repeated_bracket_labels(blocks) if chinese else frozenset()
    body = [
        (i, without_citations(_without_verb(s) if i in objectives and n == 0 else s))
        for i, b in enumerate(blocks)
        if b.kind in PROSE and not _run_in(b) and i not in labels
        for n, s in enumerate(sentences(without_credits(without_bracket_label(b.text, fields))))
    ]
    segmenter = _segmenter(cues, [text for _, text in body]) if chinese else None
    # a document that shows no emphasis at all (plain text) has lost its typography: there a
    # gloss, or a definition where the term is first used, is the author's remaining mark
    # of a term being introduced
    # (a passage set in italics as a quotation is no emphasis of a term: a deck whose one
    # styled run was a quoted paragraph lost "Technically, cookies are arbitrary pieces of
    # data …" as a plain text's definition)
    # (nor is a title of a work, set in italics as style guides ask: a film studies handout
    # whose only italics were "The Great Train Robbery" and "Intolerance" lost every plain
    # text's definition, "In motion picture terminology, a montage … is …" among them)
    # (nor are the points a syllabus's "重点是A、B。" lists, stressed by `keypoints` and not by
    # the author: plain notes with such a line lost every "X是一种…" definition)
    plain = not any(_authors_stress(b) for b in blocks)
    # plain text: a glossed term ("幂律（power rule）") stands where the emphasis was, and is
    # defined by the sentence that glosses it as an emphasised term would be
    marks = _gloss_marks(cues) if plain else {}
    definitions = [
        d
        for d in _definitions(body, blocks, chinese, points, plain, marks)
        if concept_key(d.term) != advice.get(d.block)  # "Get enough sleep: …" defines nothing
    ]
    # a glossary set as a table ("名词 | 解释", a worksheet's "Term | Definition"): tables
    # are no prose, so its rows are read here, each an entry of the glossary
    # (`definitions.table_entries`)
    definitions += [d for i, b in enumerate(blocks) for d in table_entries(b, i)]
    # …and a vocabulary organiser's table of boxes under the word's heading
    headed = (
        headed_table_entry(blocks[i - 1].text, b, i)
        for i, b in enumerate(blocks)
        if i and blocks[i - 1].kind == "heading"
    )
    boxed = (
        headed_box_entry(blocks[i - 1].text, b, blocks[i + 1], i + 1)
        for i, b in enumerate(blocks[:-1])
        if i and blocks[i - 1].kind == "heading"
    )
    organised = [d for d in (*headed, *boxed) if d is not None]
    definitions += organised
    # the organiser teaches its word whole, as a vocabulary table's term column does: a
    # gerund heading ("Weathering"), read as a heading's wording, was lost though defined
    cues += [Cue(d.term, "entry", d.block) for d in organised]
    if chinese:
        # the same table in a PDF, its rows flattened to "name gloss" lines
        spaced = (zh_spaced_entry(blocks[i], i) for i in sorted(glossary_sections(blocks)))
        definitions += [d for d in spaced if d is not None]
    if not chinese:
        definitions += _code_at_work(body, cues, definitions)
    # bounded work: term statistics of a very long document come from an even sample
    step = max(1, len(body) // MAX_STAT_SENTENCES)
    sample = body[::step] if chinese else _mentions_apart(body[::step], blocks)
    if chinese:  # a form's labels are no terms, its values may be (`zh_form_values`)
        sample = [(i, zh_form_values(s) if zh_form_line(s) else s) for i, s in sample]
    stats = collect(sample, segmenter)
    introduced = _introduced(definitions, stats, previews) if plain else set()
    if introduced:
        definitions = [
            _as_if_emphasised(d) if concept_key(d.term) in introduced else d for d in definitions
        ]
    cvalues = c_values(stats)
    top_cv = max(cvalues.values(), default=1.0) or 1.0
    top_count = max((e.count for e in stats.values()), default=1) or 1
    headings = _heading_residue(blocks, cues)
    top = min((b.level for b in blocks if b.kind == "heading"), default=0)
    # a document of several chapters: the topics its top-level headings name are theirs
    chapters = sum(1 for b in blocks if b.kind == "heading" and b.level == top) >= 2
    title_block = next((i for i, b in enumerate(blocks) if b.kind == "heading"), -1)
    # (English only: the rules that read them are English rules; a Chinese text without
    # emphasis, often Markdown with real headings, keeps its sections by its top level)
    guessed = _guessed_levels(blocks) if plain and not chinese else set()
    # the headings that name nothing the body does not use: a plain text's guessed ones; a
    # deck's type sizes make its headings, and each slide's first is its title
    lone = (
        (_under_titles(blocks) if slides else _at_levels(blocks, guessed))
        if plain and not chinese
        else set()
    )
    casing = None if chinese else _word_casing(blocks)
    # the body in one string, its blocks apart ("\x00" is no space: no name spans two
    # blocks): one regex pass over it instead of one per block
    body_texts = [
        without_credits(without_bracket_label(b.text, fields))
        for i, b in enumerate(blocks)
        if b.kind in PROSE and not _run_in(b) and i not in labels
    ]
    prose = "\n\x00\n".join(body_texts)
    # a key the term statistics missed is counted in the blocks that may name it, not in
    # the whole body once per key (`MentionIndex`: a whole textbook's thousands of keys)
    in_body = MentionIndex(body_texts)
    in_blocks = MentionIndex([b.text if b.kind in PROSE else "" for b in blocks])
    # (a Chinese text cites in the same styles: "（Deci & Ryan, 2000）", "和 Deci (1978)")
    cited = cited_names(b.text for b in blocks if b.kind in PROSE)
    formulas = set() if chinese else _chemical_formulas(prose)
    if not chinese:  # "What Factors Affect Demand?": a question's clause is no name
        cues = [c for c in cues if not _clause_in_heading(c, blocks, prose)]
        cues = _shared_modifier_readings(cues, blocks, prose)
    else:
        cues = _whole_heading_names(cues, prose)
        cues = _actions_on_their_topic(_glossed_names_whole(cues, blocks), blocks, prose)

    if not chinese:  # "The prisoners dilemma" over the body's "prisoner's dilemma"
        cues = _possessive_spelling(cues, stats)
    cues = _without_numbered_series(cues)
    by_key: dict[str, list[Cue]] = {}
    for cue in cues:
        by_key.setdefault(concept_key(cue.term), []).append(cue)
    best_definition: dict[str, Definition] = {}
    for found in definitions:
        key = concept_key(found.term)
        kept = best_definition.get(key)
        if (
            kept is None
            or found.confidence > kept.confidence
            # as sure as the one kept, a sentence opening "X is a/an/the …" says what kind
            # of thing X is before all else: "Nirvana is a state of ultimate peace …" over
            # "… followers eventually arrive at an enlightened salvation called nirvana"
            or (
                found.confidence == kept.confidence
                and names_its_kind(found)
                and not names_its_kind(kept)
            )
        ):
            best_definition[key] = found

    # plain text: a term its author set apart lost the mark that kept it from reading as
    # one example's vocabulary, so an example is a guessed sub-section, not a whole section
    section_of = _sections(blocks, finest=bool(guessed))
    nearest = _nearest_headings(blocks)
    finest = _sections(blocks, finest=True)
    tables = {n.casefold() for b in blocks if b.kind == "code" for n in sql_names(b.text)}
    users = _home_directory_users(blocks)
    schema = _example_schema(blocks)
    drafts: list[Draft] = []
    frequent = {k for k, v in cvalues.items() if v >= 3} | {
        k for k, e in stats.items() if e.words == 1 and e.count >= 5
    }
    longer = {} if chinese else _longer_capitalised(stats)
    heads = {} if chinese else _heads(stats)
    for key in sorted(set(by_key) | set(best_definition) | frequent):
        if key in environments:
            continue
        entry = stats.get(key)
        key_cues = by_key.get(key, [])
        kinds = {c.kind for c in key_cues}
        if plain and ("gloss" in kinds or key in introduced):
            kinds.add("emphasis")
        definition = best_definition.get(key)
        if not chinese and _heading_word(key, kinds, key_cues, definition, entry, top, blocks):
            # "Layers", "Basic Functions", "Protection": a sub-heading's common word the body
            # never defines nor sets apart is no topic of its own; its frequency still counts
            key_cues = [c for c in key_cues if c.kind != "heading"]
            kinds = {c.kind for c in key_cues}
        count = entry.count if entry else 0
        # a keyword's Chinese name, which rjieba may cut across ("`NOT NULL`是非空约束": 是非
        # + 空 + 约束), is counted as written; so is a glossary entry's term, which rjieba
        # may not read as a word at all (a slide's "相须：…", "相使：…": an adverb, a verb)
        named = definition is not None and (
            not chinese
            or ZH_KEYWORD_NAMED.match(definition.sentence) is not None
            or (definition.confidence >= GLOSSARY and zh_colon_entry(definition))
            # "递归是指函数直接或间接调用自身": a word the sentence says it defines (是指,
            # 定义为, 所谓, 我们称…为; above a plain naming's NAMED) though rjieba reads it
            # as one verb (递归, 渗透, 认知失调), which the statistics of nouns never count
            or (definition.confidence > NAMED and (_zh_one_verb(key) or _zh_verb_ended(key)))
            # "疏忽大意的过失是指…": a kind named by an idiom and 的, which the statistics of
            # noun phrases never count (`definitions.zh_kind_by_idiom`)
            or (definition.confidence > NAMED and zh_kind_by_idiom(key))
            # "“谈经”者，谓演说佛书", "谓之“平话”" (`definitions.zh_classical_name`)
            or zh_classical_name(definition)
        )
        if (entry is None and (key_cues or named)) or "expanded" in kinds:
            # a term the statistics do not see: marked up, or named in quotes with code in it
            # ("losing `this`"); a short command's name ("`cd` (change directory)"), which
            # the statistics' sample may miss, counted in the whole body
            count = max(count, sum(1 for _ in in_body.matches(key)))
        if (
            not chinese
            and kinds == {"heading"}
            and count == 0
            and definition is None
            and all(c.block != title_block and c.block in lone for c in key_cues)
        ):
            # plain text guesses its headings from lone title-like lines, all at one level:
            # a box's title ("Neurophysiologist", "Lipid Storage") or a sub-heading the body
            # never uses names nothing; the first line titles the document
            continue
        cv = math.log1p(cvalues.get(key, 0.0)) / math.log1p(top_cv)

        if entry is not None and entry.words == 1:  # a single word: its own frequency counts
            cv = max(cv, math.log1p(entry.count) / math.log1p(top_count))
        in_heading = "heading" not in kinds and _in_text(key, headings)
        sources = (
            set(kinds) | ({"definition"} if definition else set()) | ({"term"} if cv > 0 else set())
        )
        if in_heading:
            sources.add("heading_mention")
        named = kinds >= _ZH_NAMED_TWICE and zh_light_verb_name(key) if chinese else False
        # "**无为**：顺应自然而不妄为", "**有无相生**：…": a bold name opening its own glossary
        # entry on 有 or 无 is the entry's term, though it reads as a clause (无 negates, 有
        # is a verb). Not an action's name: "**添加边**：…" in a graph chapter's list of
        # operations stays out, as before (admitted, it cost the chapter key concepts)
        named = named or (
            chinese
            and key[:1] in _ZH_HAVE_OR_LACK
            and "emphasis" in kinds
            and definition is not None
            and definition.confidence >= GLOSSARY
            and zh_colon_entry(definition)
        )
        # "使用与满足理论" opens on a verb, yet a heading names it as a theory whole
        named = named or ("heading" in kinds and zh_theory_name(key))
        if chinese and ((zh_clause(key) and not named) or zh_headless(key)):
            # a statement or a step set in bold, not a name ("函数中", "看起来像"); a term
            # set in bold and glossed in English that only its opening light verb makes a
            # clause is one name: "**实现继承**（implementation inheritance）" opens on 实现
            # as "实现排序" does (a gloss alone may follow a clause: "子类不能重写
            # （override）"; a bold and glossed "语言有左值" is still a statement)
            continue
        if chinese and _zh_after_a_letter(key, prose):
            continue  # 型钙电流, only ever read in "L 型钙电流", "T 型钙电流"
        if _SCHEMA_KIND.sub("", key.replace(" ", "")) in tables:
            continue  # "product", "product 表": a table the example's SQL creates or reads
        if key in users:
            continue  # "nelle", "imhotep": the people of the example's home directories
        if (
            concept_key(_SCHEMA_PART.sub("", key)) in schema
            and "heading" not in kinds
            and (definition is None or definition.confidence <= EMPHASIS)
        ):
            continue  # "library", "author_birth": the example relation's name and columns
        if entry is not None and not kinds and not definition and _mostly_a_verb(entry, chinese):
            continue  # 假设 as "假设我们…", "load" as "load the data": a verb here, no name
        if chinese and key in ZH_BROAD and not _topic_of_document(key_cues, kinds, definition, top):
            continue  # 函数, 变量, 数据: used throughout, a concept where the text is about it
        aside = bool(slides) and _aside_in_headings(key_cues, blocks)
        if not _admissible(
            key,
            kinds,
            key_cues,
            definition,
            count,
            entry,
            cv,
            in_heading,
            chinese,
            words,
            slides,
            aside,
            _leads_marked(key_cues, blocks),
        ):
            continue
        if not chinese and not kinds and definition is None and _cut_name(entry, longer):
            continue  # "Ku Klux", only ever read inside "Ku Klux Klan"
        if not chinese and not kinds and definition is None and _coordinated_tail(entry, prose):
            continue  # "Indian War", only ever read inside "French and Indian War"
        if chinese and not kinds and definition is None and _zh_cut_across(key, prose, "left"):
            continue  # 角化, only ever read in 对角化: rjieba cut 对 + 角化 across 对角
        if chinese and not kinds and definition is None and _zh_cut_across(key, prose, "right"):
            continue  # 简单起, only ever read in 简单起见: cut across 起见
        if chinese and not kinds and definition is None and _zh_preposition_edge(key):
            continue  # 对小微企业: a phrase cut at its preposition
        if chinese and not kinds and definition is None and _zh_verb_object(key):
            continue  # 增加财政收入, 形成酸雨: what is to be done, as a paper's answers say it
        if chinese and not kinds and definition is None and _zh_reciprocal(key):
            continue  # 相匹配 ("与父类相匹配"): two things said to match, no name
        if not kinds and definition is None and _in_one_example(entry, section_of, blocks):
            continue  # "heads of lettuce", "cell phones": one section's worked example
        if not kinds and definition is None and _recapped(entry, nearest, blocks):
            continue  # "Gale-Shapley algorithm": the chapter before's, named in the recap
        if not kinds and definition is None and _only_in_examples(entry, nearest, blocks):
            continue  # 方块, 游戏: the Tetris game a principle's "使用示例" tells of
        # (a sampled document's statistics may miss a name's later uses: step 1 only)
        story = not (chinese or kinds or definition or in_heading) and step == 1
        if story and _story_name(entry, section_of, finest):
            continue  # a patient, a pet, a pair of twins: one story's people
        if not kinds and definition is None and (key in formulas or _counted_symbols(entry)):
            continue  # "HCl(aq)", "CH₄", "CH3 CH2": a substance's formula, no name
        if not kinds and definition is None and _indexed_variable(entry):
            continue  # "x0", "x0 处可导": a point of the maths and what holds there
        if not kinds and definition is None and _joined_identifier(entry):
            continue  # "TotalDebit", "EntryID": a spreadsheet's column or a program's name
        if not chinese and not kinds and definition is None and _practitioners(entry, stats):
            continue  # "researchers", "psychologists": the people who do what the text teaches
        if not chinese and definition is None and _points_at_itself(key, prose):
            continue  # "lesson": "In this lesson", "What this lesson will not teach you"
        if not kinds and definition is None and course_matter(entry.title if entry else key):
            continue  # "fellow students", "office hours", 习题课: a syllabus's people, calendar
        if not chinese and "heading" not in kinds and _name_in_passing(key_cues, entry, blocks):
            continue  # "*The Shawshank Redemption*", "Marilu **Henner**": named in one passage
        if (
            key in cited
            and "heading" not in kinds
            and (casing[key] >= 0 if casing is not None else key.isascii())
        ):
            continue  # "Richard **Atkinson** and Richard **Shiffrin** (1968)": people cited
        # weights follow how often each kind of evidence named a judged key concept on the
        # tuning chapters (heading 56 %, emphasis 20 %, definition 19 %, term 6-10 %, a word
        # inside a heading 8 %, a gloss alone 0 %; together they add up)
        score = (
            1.0 * ("heading" in kinds)
            + 0.35 * bool(kinds & {"emphasis", "entry"})
            + 0.15 * ("code" in kinds)
            # a code name with the words it abbreviates ("`pwd` (print working
            # directory)"): introduced, as a term set in bold is
            + 0.35 * ("expanded" in kinds)
            + 0.15 * ("gloss" in kinds)
            # a kind a division names ("又分闭证与脱证") is introduced as a glossed name is,
            # no more: weighed as a table's entry, "名义…、实际…和潜在国民生产总值" and a
            # division of 储蓄 and 消费 had outranked GDP, glossed and used 15 times
            + 0.15 * ("division" in kinds)
            # a name a question offers among its options, or asks about in a short-answer
            # stem ("谈谈你对资产证券化的看法")
            + 0.3 * bool(kinds & {"option", "asked"})
            + 0.05 * in_heading
            + 0.2 * (chapters and any(c.kind == "heading" and c.level == top for c in key_cues))
            + 0.45 * (definition.confidence if definition else 0.0)
            + 0.3 * cv
            - (
                0.3
                if not chinese and " " not in key and everyday(key) and not kinds & CODE_KINDS
                else 0.0
            )
            + (0.2 * technicality(key) if not chinese else 0.0)
        )
        title = _defined_number(_title(entry, key_cues, definition, in_body), definition)
        if (
            not chinese
            and _COMMON_POSSESSIVE.match(title)
            and not any(c.kind == "heading" and c.whole for c in key_cues)
        ):
            # "a person's genotype", "the neuron's outer surface": a noun's own thing; a
            # whole heading's name is a topic ("The Prisoner's Dilemma")
            continue
        emphasised = {
            c.block
            for c in key_cues
            if c.kind == "emphasis" and not _labels(blocks[c.block].text, c.term)
        }
        # an English term set in bold or italics where the body first uses it (or nearly:
        # `_introduced_at`), and used again in a later block: the textbook's mark of a term
        # introduced ("… a **gap junction** forms an intercellular passageway …"). Stress in
        # running prose ("**maximal throughput** with **acceptable latency**") is seldom
        # named twice; Chinese texts set claims in bold too often for the rule to hold
        # there. Plain text lost the bold: a term defined where the body first uses it
        # (`_introduced`) stands for it.
        # a list of objectives previews the terms a section will introduce ("Distinguish
        # between tight junctions, anchoring junctions, and gap junctions"): no use of them
        uses = (
            []
            if chinese or not (entry or emphasised)
            else [u for u in _uses(key, entry, in_blocks) if u not in previews]
        )
        drafts.append(
            Draft(
                key,
                title,
                score,
                sources,
                definition,
                [c.block for c in key_cues],
                introduced=_introduced_at(uses, emphasised)
                or (len(uses) > 1 and key in introduced),
                incidental=not chinese
                and definition is None
                and (
                    ("heading" not in kinds and _modifier(entry, heads))
                    or _heading_part(key_cues, kinds, entry)
                ),
            )
        )
    counts = {key: entry.count for key, entry in stats.items()}
    drafts = _merge_ics_plurals(_merge_inner_plurals(_merge_spacing_variants(drafts, counts)))
    drafts = _merge_titled_as_another(drafts)
    if chinese:
        drafts = _merge_reworded_names(drafts)
    if not chinese:
        drafts = _merge_stressed_modifiers(drafts, prose)
    drafts.sort(key=lambda d: (-d.score, d.key))
    pairs = _acronym_key_pairs(blocks) + _initialism_key_pairs(drafts)
    # the questions that offer names as their options (not those whose options are
    # statements: a paper of such questions names no more terms than its words do)
    questions = len({options[c.block] for c in cues if c.kind == "option" and c.block in options})
    marked_terms = sum(1 for d in drafts if _author_marks(d) >= 1)
    body_marked = sum(1 for d in drafts if d.sources & _BODY_MARKS)
    if not chinese and words >= MIN_DENSE_WORDS and body_marked * 100 < SPARSE_MARKS * words:
        drafts = [d for d in drafts if not _common_by_count_alone(d)]
    if not chinese:
        drafts = [d for d in drafts if not _stressed_adjective(d)]
    else:
        drafts = [d for d in drafts if not _zh_quoted_english(d)]
    drafts = _without_persons(drafts, (sentence for _, sentence in body))
    budget = concept_budget(
        words,
        slides,
        questions,
        marked=marked_terms,
        body_marked=body_marked,
        prose_words=prose_words,
    )
    head = _within_budget(drafts, budget, pairs)
    rest = drafts[len(head) :]
    # a term the author marks twice (set in bold *and* glossed, or emphasised where it is
    # defined) is one the author wants learned: the length budget does not cut it
    marked = [d for d in rest if _author_marks(d) >= 2][: marked_allowance(words, slides)]
    # a glossary lists what the author wants learned, however short each entry is
    listed = _glossary_keys(blocks, definitions)
    # and so does a list of bare names under its Key Terms heading (`en_listed_name`): a
    # summary sheet's 71 terms had 25 places, and the terms its summaries use were cut
    names = set() if chinese else _listed_name_blocks(blocks)
    taken = {d.key for d in marked}
    glossary = [
        d
        for d in rest
        if (d.key in listed or names.intersection(d.cue_blocks)) and d.key not in taken
    ]
    # a syllabus lists what it teaches, one topic an outline item or a schedule's row,
    # however few words its policies leave for the budget
    schedule = set(outline) | {i for i, b in enumerate(blocks) if b.kind == "table"}
    taken |= {d.key for d in glossary[:MAX_GLOSSARY]}
    scheduled = [
        d
        for d in rest
        if d.key not in taken and "heading" in d.sources and schedule.intersection(d.cue_blocks)
    ]
    chosen = head + marked + glossary[:MAX_GLOSSARY] + scheduled[:MAX_SCHEDULED]
    if casing is not None:  # once the concepts are chosen: it reads the whole body
        # a name spelled out for its acronym keeps its capitals: "Key Distribution Center"
        # for KDC (the body's lower-case "key" made it "key Distribution Center")
        spelled = {name for name, _ in pairs}
        for draft in chosen:
            if draft.key not in spelled and not _a_name_in_the_body(draft.title, prose):
                draft.title = _as_the_body_writes(draft.title, casing, prose)
    locate(chosen, blocks)
    _scheduled(chosen, blocks)
    chosen = _merge_acronyms(chosen, pairs)
    chosen = _merge_kinds(chosen, _method_of if chinese else _acronym_of_kind)
    chosen = _merge_aliases(chosen, blocks, chinese)
    if chinese:
        chosen = _merge_named_alternatives(chosen, blocks)
        chosen = _merge_heading_twins(chosen, blocks)
    if not chinese:
        chosen = _merge_subject_short_forms(chosen)
        chosen = _merge_headed_properties(chosen, blocks)
        chosen = _merge_abbreviated_genera(_merge_surnames(chosen, blocks))
        chosen = _merge_measures(_merge_unit_symbols(chosen, prose), prose)
    return [d for d in chosen if d.mentions], definitions


# a heading that ends on a number after a space: "Problem Statement 2", "Case Study 3"
_SERIES_NUMBER = re.compile(r"^(?P<stem>.*[^\W\d_])\s+\d{1,3}$")
# a Chinese label numbered without a space: "课程目标1", "教学内容2", "作业3" (a syllabus's
# tables label its rows so, "教学内容2：负荷计算与无功补偿": each label was a concept); a
# label of two characters at least: one before a number names a thing, "碳12", "碳14"
_ZH_SERIES_NUMBER = re.compile(r"^(?P<stem>.*[\u3400-\u9fff]{2})\s*\d{1,3}$")


# a home directory in a path: "/Users/nelle", "/home/imhotep/data", "C:\\Users\\larry"
_HOME_PATH = re.compile(r"(?:^|[\s`'\"(=:])(?:[A-Za-z]:)?[/\\](?:Users|home)[/\\](?P<user>[\w.-]+)")


def _home_directory_users(blocks: Sequence[Block]) -> frozenset[str]:
    """The user names of the home directories a document's examples show ("/Users/nelle",
    "/home/imhotep"): the people of a lesson's story, whom its text names too ("Nelle is
    the user in our examples", "the user *imhotep*'s files"), no concepts of it."""
    return frozenset(
        concept_key(found.group("user"))
        for block in blocks
        for found in _HOME_PATH.finditer(block.text)
    )


def _without_numbered_series(cues: list[Cue]) -> list[Cue]:
    """Headings that number the parts of one series ("Problem Statement 1", "Problem
    Statement 2"; "Case 1", "Case 2") are the document's apparatus, no topics: each was a
    concept of a notebook and titled a module. Only where two or more share the words
    before the number: a lone "Section 5" or "Python 3" is left to the other rules. A
    Chinese label numbered without a space ("教学内容1", "教学内容2") is one of a series
    wherever it is marked."""
    numbers: dict[str, set[str]] = defaultdict(set)
    for cue in cues:
        found = _series_number(cue)
        if found is not None:
            numbers[found.group("stem").casefold()].add(cue.term.casefold())
    series = {stem for stem, terms in numbers.items() if len(terms) >= 2}
    if not series:
        return cues
    return [
        c
        for c in cues
        if (found := _series_number(c)) is None or found.group("stem").casefold() not in series
    ]


def _series_number(cue: Cue) -> re.Match[str] | None:
    """The stem and number of a heading's numbered term, or of a Chinese numbered label
    whatever marks it (a table's "教学内容2：…" is a glossed label, no heading)."""
    if cue.kind == "heading" and (found := _SERIES_NUMBER.match(cue.term)):
        return found
    return _ZH_SERIES_NUMBER.match(cue.term)


def _possessive_spelling(cues: list[Cue], stats: dict[str, TermStats]) -> list[Cue]:
    """A heading term the body never writes, that the body writes with a possessive's
    apostrophe ("prisoners dilemma" for "prisoner's dilemma", "Newtons laws"): a heading made
    from a slug or typed without the apostrophe names the body's term, in the body's form."""
    return [
        replace(cue, term=spelt) if (spelt := _with_apostrophe(cue, stats)) else cue for cue in cues
    ]


def _with_apostrophe(cue: Cue, stats: dict[str, TermStats]) -> str | None:
    """The body's form of a heading term read with one word's possessive apostrophe."""
    if cue.kind != "heading" or concept_key(cue.term) in stats:
        return None
    words = cue.term.split()
    for i, word in enumerate(words):
        if len(word) < 4 or not word.lower().endswith("s"):
            continue
        for spelt in (f"{word[:-1]}'s", f"{word}'"):
            entry = stats.get(concept_key(" ".join([*words[:i], spelt, *words[i + 1 :]])))
            if entry is not None and entry.surfaces:
                return entry.surfaces.most_common(1)[0][0]
    return None


_OPENING_WORD = re.compile(r"^\s*([A-Za-z]+)\b")


MIN_ADVICE_ITEMS = 3  # a list of tips, not one labelled item
# a run-in label: the emphasised words that open an item, then a colon, a stop or a dash
_LABEL_END = re.compile(r"\s*[:.—–：]")
# plain text: "Use elaborative rehearsal: In a famous article, …"
_PLAIN_LABEL = re.compile(r"([A-Z][^:.!?\n]{0,60}?)\s*:\s+\S")
MAX_LABEL_WORDS = 6


def _label_runs(blocks: Sequence[Block]) -> list[list[tuple[int, str]]]:
    """The runs of adjacent items (or paragraphs) each opening with a run-in label, as
    (block, label) pairs, MIN_ADVICE_ITEMS long at least: a list, not one labelled item."""
    runs: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    for i, block in enumerate([*blocks, None]):
        label = _run_in_label(block) if block is not None else ""
        if label:
            run.append((i, label))
            continue
        if len(run) >= MIN_ADVICE_ITEMS:
            runs.append(run)
        run = []
    return runs


def _task_headings(blocks: Sequence[Block]) -> frozenset[int]:
    """Headings that name a worksheet's instructions ("Instructions:", "Directions") over
    what the student is told to do ("Re-type the lines …", "Describe how …"): the task, no
    topic (a rhyme exercise's "Instructions" was a concept and a module's name). A heading
    "Instructions" over prose about a processor's instructions stays its topic."""
    found = set()
    for i, block in enumerate(blocks[:-1]):
        text = block.text.strip(" :：").casefold()
        after = blocks[i + 1]
        if block.kind == "heading" and text in TASK_LABELS and imperative(after.text.lstrip()):
            found.add(i)
    return frozenset(found)


def _course_rules(blocks: Sequence[Block]) -> frozenset[int]:
    """The sub-headings of a syllabus's administration ("Course Expectations and
    Policies" over "Participation", "Late Work", "Electronics", "Accessibility", "AI Code
    Policy"): each names one of the course's rules, no topic it teaches (a poetry
    course's syllabus had "electronics" and "accessibility" as concepts). A chapter's
    "Monetary Policy" is no course's administration, and its sub-headings stay topics."""
    tree = outline(blocks)
    return frozenset(
        i
        for i, b in enumerate(blocks)
        if b.kind == "heading"
        and any(course_administration(blocks[h].text) for h in tree.ancestors(i))
    )


def _advice_labels(blocks: Sequence[Block]) -> dict[int, str]:
    """The run-in labels of a list of advice, by block: in a run of adjacent items (or
    paragraphs) each opening with an emphasised label, at least MIN_ADVICE_ITEMS and half
    of the labels open with a verb's bare form ("- **Use elaborative rehearsal**: …",
    "- **Apply the self-reference effect**: …", "- **Get enough sleep**: …"); those labels
    are instructions, no names. A glossary's labels ("- **Reflexes**: …") are nouns, and
    so is a verb-led label glossed by a noun phrase: "**Write permission**: the right to
    change a file", "**Execute permission**: the right to run it" (a manual's entries were
    taken for advice and lost, with their definitions)."""
    found: dict[int, str] = {}
    for run in _label_runs(blocks):
        verbs = [
            (at, lab)
            for at, lab in run
            if _instruction_label(lab) and not _glossed_as_a_thing(blocks[at].text, lab)
        ]
        if 2 * len(verbs) >= len(run):
            found.update((at, concept_key(lab)) for at, lab in verbs)
    return found


def _field_labels(blocks: Sequence[Block]) -> dict[int, str]:
    """The run-in labels of a document's worked examples, by block: an emphasised label
    (its colon inside the emphasis or after it) that opens MIN_REPEATS items or paragraphs
    or more, each with its own text ("**Problem:** …", "**Revision:** …" under each faulty
    sentence of a grammar handout), or one of a numbered series ("**Mixed Sentence 1:**",
    "**Mixed Sentence 2:**"). Each names a part or an item of the examples, no term, and
    its text defines nothing: "Revision" was a concept defined by one of its sentences, and
    each "mixed sentence n" by the faulty sentence it numbered. A glossary names each
    term once, by a name and not a number."""
    found: dict[int, str] = {}
    for i, block in enumerate(blocks):
        label = _opening_label(block)
        if label:
            found[i] = concept_key(label)
    counts = Counter(found.values())
    series = numbered_series(found.values())
    return {i: key for i, key in found.items() if counts[key] >= MIN_REPEATS or key in series}


def _opening_label(block: Block) -> str:
    """The emphasised words opening an item or paragraph as a label with a colon, the colon
    set in the emphasis or just after it, text following ("**Problem:** The verb …"); or ""."""
    if block.kind not in ("list_item", "paragraph") or not block.emphasis:
        return ""
    text = block.text.lstrip("-*•· \t")
    span = block.emphasis[0].strip()
    if not span or not text.startswith(span):
        return ""
    rest = text[len(span) :]
    if not span.endswith((":", "：")):
        colon = re.match(r"\s*[:：]", rest)
        if colon is None:
            return ""
        rest = rest[colon.end() :]
    label = emphasis_name(span.rstrip(":： "))
    return label if rest.strip() and len(label.split()) <= MAX_LABEL_WORDS else ""


# a gloss opening as a noun phrase: an article, then no verb's bare form ("the right to …",
# "a mark on …"); advice goes on with a verb or a clause ("Get enough sleep: sleep …")
_THING_GLOSS = re.compile(r"^(?:a|an|the)\s+\w", re.IGNORECASE)


def _glossed_as_a_thing(text: str, label: str) -> bool:
    """Words ending on a noun that is no verb ("Write permission", "Execute permission",
    "Product line depth", whose first words English knows as verbs too), then a gloss
    opening as a noun phrase: a thing named, as a glossary names it. (A compound of three
    nouns read as an instruction, and a marketing handout's "Product line depth: the
    number of …" and "Product mix width: the number of …" made its entries advice.)"""
    words = label.split()
    if len(words) < 2 or set(getAllLemmas(words[-1].lower())) != {"NOUN"}:
        return False
    at = text.find(label)
    gloss = text[at + len(label) :].lstrip(" \t*_:：–—-") if at >= 0 else ""
    return _THING_GLOSS.match(gloss) is not None


def _zh_step_labels(blocks: Sequence[Block]) -> dict[int, str]:
    """The run-in labels of a Chinese procedure's steps, by block: in a run of adjacent
    items (or paragraphs) each opening with an emphasised label, at least
    MIN_ADVICE_ITEMS, every label a verb of doing and what it is done to ("1. **选择参考
    节点**：…", "2. **标注节点电压**：…", "3. **求解方程组**：…"). Those labels are steps, no
    names; what each acts on is a name the step stresses (`zh_step_object`). One verb-led
    label among nouns ("**选择排序**" in a list of sorts) is a name: every label must be a
    step."""
    return {
        at: concept_key(lab)
        for run in _label_runs(blocks)
        if all(zh_step_object(lab) for _, lab in run)
        for at, lab in run
    }


# the fewest characters of a step's object: "求解方程组" acts on 方程组; "计算x" on no name
MIN_ZH_STEP_OBJECT = 2


def zh_step_object(label: str) -> str:
    """What a step's label acts on: the label without its opening verb (two characters
    rjieba tags "v", "选择参考节点" → 参考节点), or "" when the label opens on no verb."""
    if not label or not all(has_han(c) for c in label):
        return ""
    tags = rjieba.tag(label)
    verb, tag = tags[0]
    rest = label[len(verb) :]
    return rest if tag == "v" and len(verb) == 2 and len(rest) >= MIN_ZH_STEP_OBJECT else ""


def _run_in_label(block: Block) -> str:
    """The emphasised words opening a list item or paragraph as its label, or ""; without
    emphasis (plain text lost it), the few capitalised words before its colon."""
    if block.kind not in ("list_item", "paragraph"):
        return ""
    text = block.text.lstrip("-*•· \t")
    if not block.emphasis:
        plain = _PLAIN_LABEL.match(text)
        return plain.group(1) if plain and len(plain.group(1).split()) <= MAX_LABEL_WORDS else ""
    label = block.emphasis[0].strip()
    if not label or not text.startswith(label):
        return ""
    return emphasis_name(label) if _LABEL_END.match(text[len(label) :]) else ""


def _instruction_label(label: str) -> bool:
    """A label that reads as an instruction: a capitalised verb's bare form that is no
    noun ("Apply …", "Get enough sleep", "Rehearse, rehearse"), or one that is a noun
    too, then an object or a manner, three words or more or a second word that is no noun
    ("Use elaborative rehearsal", "Study efficiently"). A glossary's "Root node", "Leaf
    node", "Edge" open with words English also knows as verbs and name things."""
    words = label.split()
    first = words[0].lower().rstrip(",;")
    lemmas = getAllLemmas(first)
    if not words[0][:1].isupper() or first not in lemmas.get("VERB", ()):
        return False
    if "NOUN" not in lemmas:
        return True
    return len(words) >= 3 or (len(words) == 2 and "NOUN" not in getAllLemmas(words[1].lower()))


def _objective_items(blocks: Sequence[Block]) -> set[int]:
    """List items that state a learning objective: in a run of adjacent list items, those
    of MIN_OBJECTIVE_WORDS words or more that open with an objective verb, where at least
    two do ("- Explain what a `for` loop does." "- Trace changes to a loop variable as
    the loop runs."). A list of topics ("- Trace tables", "- Model selection") is no
    list of sentences. A PDF or a text file keeps no list: there each item is a paragraph
    of one sentence."""
    found: set[int] = set()
    run: list[int] = []
    for i, block in enumerate([*blocks, None]):
        if block is not None and block.kind == "list_item":
            if _opens_with_objective_verb(block.text):
                run.append(i)
            continue  # "- Correctly write `for` loops …": an item of the same list
        if (
            block is not None
            and block.kind == "paragraph"
            and _opens_with_objective_verb(block.text)
            and len(list(islice(sentences(block.text), 2))) == 1
        ):
            run.append(i)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def _after_objectives_lead_in(blocks: Sequence[Block]) -> set[int]:
    """What "By the end of this section, you will be able to:" leads in to: its list, or
    the one paragraph a PDF makes of that list when it keeps no bullets ("Explain the
    structure of … Distinguish between tight junctions, …")."""
    found: set[int] = set()
    for i, items in objectives_lead_ins(blocks).items():
        found.update(items)
        following = i + 1
        if (
            not items
            and following < len(blocks)
            and blocks[following].kind == "paragraph"
            and _opens_with_objective_verb(blocks[following].text)
        ):
            found.add(following)
    return found


def objectives_lead_ins(blocks: Sequence[Block]) -> dict[int, list[int]]:
    """Each paragraph "By the end of this section, you will be able to:" and the list items
    right after it."""
    found: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.kind == "paragraph" and OBJECTIVES_LEAD_IN.search(block.text):
            following = i + 1
            while following < len(blocks) and blocks[following].kind == "list_item":
                following += 1
            found[i] = list(range(i + 1, following))
    return found


def _opens_with_objective_verb(text: str) -> bool:
    opening = _OPENING_WORD.match(text)
    return (
        opening is not None
        and opening.group(1)[0].isupper()
        and opening.group(1).lower() in OBJECTIVE_VERBS
        and len(text.split()) >= MIN_OBJECTIVE_WORDS
    )


def _without_verb(sentence: str) -> str:
    """An objective's sentence without its opening verb, which begins no term ("Trace
    changes to a loop variable" gave the concept "Trace changes")."""
    opening = _OPENING_WORD.match(sentence)
    return sentence[opening.end() :] if opening else sentence


def _whole_heading_names(cues: list[Cue], prose: str) -> list[Cue]:
    """A long Chinese heading part the body writes whole ("拉格朗日对偶函数", "类别不平衡问题")
    is one name: the pieces rjieba cut it into (拉格朗, 偶函数; 类别) are no topics of that
    heading (`structure._zh_heading_runs`); so is a theory named by a phrase ("沉默的螺旋理论",
    `structure.zh_theory_name`), whose pieces cut at 的 or 与 were "螺旋理论", "与满足理论"."""
    wholes: dict[int, list[str]] = {}
    for cue in cues:
        named = zh_cut_name(cue.term) or zh_theory_name(cue.term)
        if cue.kind == "heading" and named and cue.term in prose:
            wholes.setdefault(cue.block, []).append(cue.term)
    return [
        c
        for c in cues
        if not (
            c.kind == "heading"
            and any(c.term != w and c.term in w for w in wholes.get(c.block, ()))
        )
    ]


def _glossed_names_whole(cues: list[Cue], blocks: Sequence[Block]) -> list[Cue]:
    """A name one heading gives with its short form ("药物代谢动力学（药动学，PK）",
    `structure._ZH_GLOSSED_NAME`) is one name in every heading that writes it: the pieces
    rjieba cuts it into there are no topics of that heading (a title "药理学总论：药物代谢
    动力学" gave 药物 and 动力学, the top concepts of a mind map with no prose)."""
    glossed = {c.term for c in cues if c.glossed}
    if not glossed:
        return cues
    out = []
    for cue in cues:
        if cue.kind == "heading" and not cue.glossed and has_han(cue.term):
            heading = blocks[cue.block].text
            if any(cue.term != name and cue.term in name and name in heading for name in glossed):
                continue
        out.append(cue)
    return out


# an English heading "M X and Y" whose last part is one word: Y may share M, the first
# part's modifier
_SHARED_MODIFIER = re.compile(r"(?P<modifier>.*\S)\s+\S+\s+(?:and|&)\s+(?P<last>[A-Za-z-]+)")


def _shared_modifier_readings(cues: list[Cue], blocks: Sequence[Block], prose: str) -> list[Cue]:
    """A heading "Antigen Processing and Presentation" or "Clonal Selection and Expansion"
    shares its modifier to the left, as "Ionic and Molecular Compounds" shares its head to
    the right: its last word alone ("presentation", "expansion") is no topic, the shared
    reading ("antigen presentation") is, when the body writes it so. Without the body's
    word the reading is a guess ("Binary Search and Recursion" is no binary recursion), and
    the word stays as it was."""
    out = []
    for cue in cues:
        found = None
        if cue.kind == "heading" and " " not in cue.term.strip():
            heading = HEADING_NUMBER.sub("", clean_title(blocks[cue.block].text)).strip()
            found = _SHARED_MODIFIER.fullmatch(heading)
        reading = f"{found['modifier']} {found['last']}" if found else ""
        if (
            found
            and found["last"].casefold() == cue.term.strip().casefold()
            and re.search(rf"(?<!\w){re.escape(reading)}(?!\w)", prose, re.I)
        ):
            cue = replace(cue, term=reading, whole=False)
        out.append(cue)
    return out


# between a verb and its object: a count or a demonstrative ("一个", "该"), no copula
_OBJECT_GAP = r"[^是为，。；：！？,.;:!?\n\x00]{0,4}?"


def _actions_on_their_topic(cues: list[Cue], blocks: Sequence[Block], prose: str) -> list[Cue]:
    """A heading "X的<verb>" ("表的创建", "数据类型的指定", "表的删除和更新") whose body
    writes the verb before X as its object ("创建表", "指定一个数据类型"; not across a
    copula, "复制是把数据库…" defines 复制) is about doing that to X: the verb is no
    topic. A verb the body never so writes names a topic of its own ("数据库的复制" over
    "主从复制是…", replication); so does a rare one (`structure.ZH_ACTION_COUNT`). Done to
    a generic X ("问题的提出", "内容的安排"; `lexicon.ZH_GENERIC`, not any everyday word:
    "光的折射" teaches refraction), it is the heading's wording, no topic; so is an everyday
    verb done to any X ("中华民国的建立", "抗日战争的胜利", "社会生活的变化": `lexicon.
    zh_everyday`, as common as 设计; 折射, 分化, 签订 are rarer)."""
    return [
        c
        for c in cues
        if not (
            c.kind == "heading"
            and (topic := zh_action_object(blocks[c.block].text, c.term))
            and (
                topic in ZH_GENERIC
                or zh_everyday(c.term)
                or re.search(re.escape(c.term) + _OBJECT_GAP + re.escape(topic), prose)
            )
        )
    ]


def _sections(blocks: Sequence[Block], finest: bool = False) -> list[int]:
    """Each block's top-level section, numbered from 1 (0 before the first): sections open
    at the headings of the highest level that occurs more than once (a chapter's title
    above its sections opens none); `finest`: at every heading but the title."""
    levels = Counter(b.level for b in blocks if b.kind == "heading")
    repeated = [level for level, n in levels.items() if n > 1]
    top = (max if finest else min)(repeated, default=None)
    section, numbers = 0, []
    for block in blocks:
        if top is not None and block.kind == "heading" and block.level <= top:
            section += 1
        numbers.append(section)
    return numbers


# an agent noun's suffix and the endings of what its bearer does or studies: a researcher
# does research, a psychologist studies psychology, an economist economics, a socialist
# holds to socialism
_AGENT_BASES = (("ist", ("y", "ics", "ism")), ("er", ("", "e")))
MIN_BASE_USES = 3


def _practitioners(entry: TermStats | None, stats: dict[str, TermStats]) -> bool:
    """One word the text writes mostly in the plural, an agent noun whose base the text
    uses as a term too: "researchers" beside "research", "psychologists" beside
    "psychology". The people who do what the text teaches recur in every paragraph of a
    social-science chapter ("researchers" 30 times) and name no concept of it; a thing so
    named ("compilers", "pointers") has no such base in the text."""
    if entry is None or entry.words != 1 or not entry.title.lower().endswith("s"):
        return False
    key = entry.key
    for suffix, endings in _AGENT_BASES:
        stem = key[: -len(suffix)]
        if not key.endswith(suffix) or len(stem) < 4:
            continue
        for ending in endings:
            base = stats.get(stem + ending)
            if base is not None and base.count >= MIN_BASE_USES:
                return True
    return False


def _heads(stats: dict[str, TermStats]) -> dict[str, tuple[int, int]]:
    """Each word's (longer terms it opens, longer terms it ends) among the candidates; a
    term ends a longer one only where the longer one stands on its own ("immediate
    positive" is only ever read inside "immediate positive reinforcement")."""
    opens: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for key, entry in stats.items():
        if entry.words > 1:
            words = key.split(" ")
            opens[words[0]] += 1
            ends[words[-1]] += entry.alone > 0
    return {w: (opens[w], ends[w]) for w in opens}


MIN_HEAD_USES = 3  # uses, and longer terms opened per one ended, of a word never alone


def _modifier(entry: TermStats | None, heads: dict[str, tuple[int, int]]) -> bool:
    """One word shaped like an adjective (`bare_modifier`) that the text uses mostly
    before another ("apical surface", "apical cell", "positive reinforcement", "positive
    punishment"), that opens longer terms and ends none: it qualifies the names of other
    concepts and names none itself. Set in bold where the text first uses it, it is a
    term of the text, but taught on its own it made objectives such as "Explain apical
    in your own words"."""
    if entry is None or entry.words != 1 or 2 * entry.alone >= entry.count:
        return False
    opens, ends = heads.get(entry.key, (0, 0))
    if entry.alone == 0 and entry.count >= MIN_HEAD_USES and opens >= MIN_HEAD_USES * (ends + 1):
        # never written on its own, and the first word of many longer terms for any it
        # ends: "the *relative* numbers", "relative quantities", "relative amounts" (one
        # stray candidate ended on it, "synthesis relative"), a chemistry course's
        # "Explain relative in your own words"
        return True
    # a noun in the same place is a noun modifier ("committer name", "trustee model"):
    # it names a thing of its own
    if not bare_modifier(entry.key):
        return False
    return opens > 0 and ends == 0


def _heading_part(cues: list[Cue], kinds: set[str], entry: TermStats | None) -> bool:
    """One word that only parts of headings name ("Cell" of "Cell to Cell Junctions",
    "Response" of "Nervous Tissue Mediates Perception and Response"), never a heading of
    its own nor set apart in the body, an everyday word (Zipf 4 or more, as
    `_heading_word`) that the body uses mostly inside longer terms ("epithelial cells",
    "goblet cells"): the headings' wording, not a topic."""
    if entry is None or entry.words != 1 or kinds - {"heading"} or 2 * entry.alone >= entry.count:
        return False
    if zipf_frequency(entry.key, "en") < HEADING_WORD_ZIPF:
        return False  # a rarer word ("repository", "node") a heading part names is a topic
    return bool(cues) and all(c.kind == "heading" and not c.whole for c in cues)


# element symbols run together ("HCl", "NaOH", "CH"), as the text writes them with a
# subscript or a state after them ("CH₄", "HCl(aq)")
_FORMULA = re.compile(
    r"(?<![\w₀₁₂₃₄₅₆₇₈₉])((?:[A-Z][a-z]?){2,})(?=[₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]|\((?:aq|g|s|l)\))"
)


def _chemical_formulas(prose: str) -> set[str]:
    """A chemistry text writes its substances' formulas in every equation, often enough to
    read as frequent terms: the keys it writes in element symbols with a subscript or a
    state after them ("CH₄", "HCl(aq)") are formulas ("IoT", "LaTeX" never take one)."""
    return {m.group(1).casefold() for m in _FORMULA.finditer(prose)}


# element symbols with their counts written as plain digits, as a Chinese paper or a PDF
# that lost the subscripts writes them: "CH3", "CO2", "C4H9Cl"
_COUNTED_SYMBOLS = re.compile(r"(?:[A-Z][a-z]?\d*)+")


# a capital inside one word after a lower-case letter: "TotalDebit", "EntryID", "rowCount"
_JOINED_WORDS = re.compile(r"^[A-Za-z]*[a-z][A-Z][A-Za-z]*$")


def _joined_identifier(entry: TermStats | None) -> bool:
    """One word joining words with no space, each opening in a capital, that only its
    count offers: a spreadsheet's column ("TotalDebit = SUM of Debit") or a program's
    name, always written so. A product's name the text teaches ("JavaScript") is in a
    heading, bold or a definition, and is kept by them."""
    return (
        entry is not None
        and entry.words == 1
        and all(_JOINED_WORDS.match(surface) for surface in entry.surfaces)
    )


# a variable with its index written as plain digits, as a Word or PDF text loses the
# subscript: "x0", "t1"
_INDEXED_VARIABLE = re.compile(r"[a-z]\d+")


def _indexed_variable(entry: TermStats | None) -> bool:
    """The term opens on one lower-case letter and its index ("x0", "x0 处", "x0 处可导"):
    a maths text's point or instant and what holds there ("在点 x0 处可导"), which its count
    alone offered as a concept. A name a teacher gives writes more than one letter before
    its digits ("mp3") or a capital ("L2 正则化", "T2 加权像")."""
    if entry is None:
        return False
    words = entry.surfaces.most_common(1)[0][0].split()
    return bool(_INDEXED_VARIABLE.fullmatch(words[0]))


def _counted_symbols(entry: TermStats | None) -> bool:
    """Every word of the term is element symbols and counts, at least one count among them
    ("CH3 CH2 CH2", "CO2"; not "DNA", "ATP", "IPv6"): a formula's pieces, which a Chinese
    chemistry paper's answer key repeats in every step ("CH3 CH2" was a concept)."""
    if entry is None:
        return False
    words = entry.surfaces.most_common(1)[0][0].split()
    return all(_COUNTED_SYMBOLS.fullmatch(w) for w in words) and any(
        c.isdigit() for c in "".join(words)
    )


def _in_one_example(
    entry: TermStats | None, section_of: list[int], blocks: Sequence[Block]
) -> bool:
    """Used in one top-level section of a document that has several, mostly in blocks
    with a number of their own: a term only the frequency statistics found there is a
    worked example's vocabulary ("a sample of 20 heads of lettuce"), not a topic."""
    if entry is None or not section_of or section_of[-1] < MIN_SECTIONS:
        return False
    # (a reference list never gets here: knowledge.extract_knowledge drops its blocks)
    if len({section_of[i] for i in entry.blocks}) > 1:
        return False
    # a citation's year is no example's data ("(Cattell, 1963)")
    numbered = [
        _NUMBER.search(_LABEL.sub(" ", without_citations(prose(blocks[i].text))))
        for i in entry.blocks
    ]
    return 2 * sum(bool(n) for n in numbered) >= len(entry.blocks)


# a lecture's opening look back at the one before: "Recap", "Previously", "Last time"
_RECAP_HEADING = re.compile(
    r"(?:recap(?:itulation)?|previously|last (?:time|lecture|week))\b", re.I
)


def _recapped(entry: TermStats | None, nearest: list[int], blocks: Sequence[Block]) -> bool:
    """A term only counted, used only under a recap of the lecture before (the previous
    chapter's algorithm, named where the recap lists it): what was taught before, no concept
    of this document (it may be a prerequisite, which the planner brings from its own)."""
    if entry is None or not entry.blocks:
        return False
    return all(
        nearest[i] >= 0
        and _RECAP_HEADING.match(HEADING_NUMBER.sub("", blocks[nearest[i]].text).strip())
        is not None
        for i in entry.blocks
    )


# a sub-section that shows the topic at work: "使用示例", "示例", "举例", "案例分析",
# "Example", "Usage examples", "Worked example"
_EXAMPLE_HEADING = re.compile(
    r"(?:(?:使用|应用|代码|典型)?(?:示例|例子|实例|举例|案例)(?:分析|说明)?"
    r"|(?:(?:worked|usage|an?)\s+)?examples?(?:\s+of\s+use)?)$",
    re.I,
)


def _only_in_examples(entry: TermStats | None, nearest: list[int], blocks: Sequence[Block]) -> bool:
    """A term only counted, every use of it under a heading that titles an example, in a
    document that has other sections too: the example's things (a design-principles note's
    Tetris game, its hard disks and departments), not what the document teaches."""
    if entry is None or not entry.blocks:
        return False

    def example(heading: int) -> bool:
        title = HEADING_NUMBER.sub("", blocks[heading].text).strip(" :：")
        return heading >= 0 and _EXAMPLE_HEADING.match(title) is not None

    headings = {h for h in nearest if h >= 0}
    if all(example(h) for h in headings):
        return False  # a document of examples: they are what it teaches
    return all(nearest[i] >= 0 and example(nearest[i]) for i in entry.blocks)


def _story_name(entry: TermStats | None, section_of: list[int], finest: list[int]) -> bool:
    """One capitalised word, never written in lower case, that only the frequency
    statistics found, used in one top-level section of a document that has several and in
    at most `STORY_SUBSECTIONS` of its sub-sections: a person or a pet of one story or
    worked example (a patient, "Tiger" the cat, a pair of twins), not a topic of the
    text. A name the text teaches comes back in other sections (a language, a tool, a
    thinker discussed in several sub-sections), or is marked, defined or a heading."""
    if entry is None or entry.words != 1 or not section_of or section_of[-1] < MIN_SECTIONS:
        return False
    if not all(s[:1].isupper() and not s.isupper() for s in entry.surfaces):
        return False  # a common word at sentence starts, or an acronym ("IACUC")
    return (
        len({section_of[i] for i in entry.blocks}) == 1
        and len({finest[i] for i in entry.blocks}) <= STORY_SUBSECTIONS
    )


_NUMBER = re.compile(r"(?<![\w.-])\d[\d,.]*(?![\w-])")  # a number of its own, not UTF-8
# a number in brackets labels something, it is no example's data: an equation's
# "式(4.6)", "Eq. (3.5)", a list's "(2)", "（1）"
_LABEL = re.compile(r"[（(]\s*\d{1,3}(?:[.．\-–]\d{1,3})*\s*[)）]")


def _introduced_at(uses: list[int], emphasised: set[int]) -> bool:
    """Emphasised at one of the first `PREVIEW_USES` blocks that use the term, and used
    again after it. A chapter's overview often names a term before the paragraph that
    introduces it in bold ("It contains the medulla, pons, and cerebellum. The **medulla**
    …"; "… the thalamus, hypothalamus, …" sections before "The **hypothalamus** regulates
    …")."""
    first = next((i for i, block in enumerate(uses[:PREVIEW_USES]) if block in emphasised), None)
    return first is not None and first < len(uses) - 1


def _scheduled(drafts: list[Draft], blocks: Sequence[Block]) -> None:
    """A topic a schedule's table lists is mentioned there (tables are not mention sites
    otherwise: a table of costs names many concepts in passing)."""
    tables = {i for i, b in enumerate(blocks) if b.kind == "table"}
    for draft in drafts:
        listed = tables.intersection(draft.cue_blocks)
        if listed:
            draft.mentions = sorted(set(draft.mentions) | listed)


def _acronym_key_pairs(blocks: Sequence[Block]) -> list[tuple[str, str]]:
    """(name's key, acronym's key) for each name the text abbreviates in brackets, in
    reading order: "Domain Name System (DNS)"."""
    pairs: list[tuple[str, str]] = []
    for block in blocks:
        # brackets, or "简称" after a name set off by commas ("写回策略，…，简称 WBP，")
        marked = ("(", "（", "简称", "缩写")
        if block.kind not in (*PROSE, "heading") or not any(m in block.text for m in marked):
            continue
        for name, acronym in acronym_pairs(block.text):
            pairs.append((concept_key(name), concept_key(acronym)))
            # the acronym's plural, which no lexicon singularises: "FDs" is the functional
            # dependencies, a normalization chapter's twin of "functional dependency (FD)"
            pairs.append((concept_key(name), concept_key(acronym + "s")))
        # a Chinese name's English gloss, found a name of its own ("Open-Closed Principle"
        # stood beside 开闭原则): one concept, as a name and its acronym are
        pairs.extend((concept_key(a), concept_key(b)) for a, b in english_name_pairs(block.text))
    for block in blocks:
        # a bilingual word list's "truth table：真值表": its entry's English label is a name
        # too (the label rules read it), the Chinese name's twin
        entry = translated_entry(block.text) if "：" in block.text or ":" in block.text else None
        if entry:
            pairs.append((concept_key(entry[0]), concept_key(entry[1])))
    for block in blocks:  # "KDC-- Key Distribution Center", "TGS for Ticket Granting Service"
        if block.kind in PROSE:
            pairs.extend((concept_key(a), concept_key(b)) for a, b in spelled_acronyms(block.text))
    return pairs


# words an initialism skips: "Bureau of Labor Statistics" is BLS
_INITIALISM_SKIPS = frozenset(["of", "and", "the", "for", "in", "on", "to", "a", "an"])
_INITIALISM = re.compile(r"[A-Z]{2,6}")  # "OLR", "ECS"; not "CO2", a formula


def _initials(title: str) -> set[str]:
    """The initialisms a name of several words gives: its words' first letters, with and
    without the small words ("Outgoing Longwave Radiation" → "olr"; hyphens part words)."""
    words = [w for w in re.split(r"[\s\-–]+", title.casefold()) if w]
    if len(words) < 2:
        return set()
    return {
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w not in _INITIALISM_SKIPS),
    }


def _initialism_key_pairs(drafts: list[Draft]) -> list[tuple[str, str]]:
    """(name's key, acronym's key) for an acronym whose letters are the initials of one
    other candidate's words: "OLR" beside "Outgoing Longwave Radiation", "ECS" beside
    "Equilibrium Climate Sensitivity". A text that spells a name out in a heading or in
    bold and abbreviates it elsewhere, never in brackets after it ("denoted ECS", a table's
    column), otherwise keeps both as concepts, each with half the mentions. Only when a
    single candidate's initials fit: two names that abbreviate alike leave the acronym
    alone."""
    by_initials: dict[str, list[str]] = {}
    for draft in drafts:
        for initials in _initials(draft.title):
            by_initials.setdefault(initials, []).append(draft.key)
    pairs: list[tuple[str, str]] = []
    for draft in drafts:
        if not _INITIALISM.fullmatch(draft.title):
            continue
        names = set(by_initials.get(draft.title.casefold(), ()))
        if len(names) == 1:
            pairs.append((names.pop(), draft.key))
    return pairs


def _within_budget(drafts: list[Draft], budget: int, pairs: list[tuple[str, str]]) -> list[Draft]:
    """The best drafts, `budget` concepts' worth: a name and its acronym (one concept once
    `_merge_acronyms` joins them) take one place, not two that push out the next term."""
    partners: dict[str, set[str]] = {}
    for name, acronym in pairs:
        if name != acronym:
            partners.setdefault(name, set()).add(acronym)
            partners.setdefault(acronym, set()).add(name)
    head: list[Draft] = []
    keys: set[str] = set()
    places = 0
    for draft in drafts:
        if places >= budget:
            break
        head.append(draft)
        if keys.isdisjoint(partners.get(draft.key, ())):
            places += 1
        keys.add(draft.key)
    return head


# the words by which a text names the property a thing or a quality gives its name to
_PROPERTY_WORDS = frozenset({"property", "axiom"})


def _merge_headed_properties(drafts: list[Draft], blocks: Sequence[Block]) -> list[Draft]:
    """ "### Definition of symmetry" and, below it, "… the **symmetry property** …": a
    section headed by a name that defines the property named after it is one concept,
    kept under the heading's name. Only when every use of "X property" lies in a
    section that X heads: a heap and the heap property met in several sections stay two."""
    heading_of = _nearest_headings(blocks)
    by_key = {d.key: d for d in drafts}
    merged: list[Draft] = []
    for draft in drafts:
        *named, last = draft.key.split()
        owner = by_key.get(" ".join(named)) if named and last in _PROPERTY_WORDS else None
        headed = {b for b in owner.cue_blocks if blocks[b].kind == "heading"} if owner else set()
        if owner is None or not headed or not draft.mentions:
            merged.append(draft)
            continue
        if all(heading_of[b] in headed for b in draft.mentions):
            _absorb(owner, draft)
        else:
            merged.append(draft)
    return merged


def _nearest_headings(blocks: Sequence[Block]) -> list[int]:
    """Each block's nearest heading at or before it (-1 before the first)."""
    nearest, current = [], -1
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            current = index
        nearest.append(current)
    return nearest


def _merge_acronyms(drafts: list[Draft], pairs: list[tuple[str, str]]) -> list[Draft]:
    """ "Domain Name System (DNS)": the name and its acronym are one concept, under the name
    (the acronym's mentions, cues and evidence join it). Without this a graph holds "DNS"
    and "domain name system" side by side, each with half the mentions. `pairs`: the
    keys `_acronym_key_pairs` read. The acronym's level or value ("the MIC level", "an
    LDL value"), undefined, is the quantity the acronym already names: one concept too (a
    notebook had "minimum inhibitory concentration (MIC)" and "MIC level" as twins)."""
    by_key = {d.key: d for d in drafts}
    merged: set[str] = set()
    for name, acronym in pairs:
        full = by_key.get(name)
        measured = [by_key.get(f"{acronym} {measure}") for measure in _ACRONYM_MEASURES]
        for short in [by_key.get(acronym)] + [d for d in measured if d and not d.definition]:
            if full is None or short is None or full is short or short.key in merged:
                continue
            _absorb_name(full, short)
            merged.add(short.key)
    return [d for d in drafts if d.key not in merged]


_ACRONYM_MEASURES = ("level", "value")

# an acronym, then the kind of thing it names: "NAND gate" beside "NAND", "NMOS transistor"
# beside "NMOS", "TCP protocol" beside "TCP" (a lecture deck had both of two such pairs);
# only kinds that add nothing to the acronym, not "CPU time" or "DNA polymerase"
_ACRONYM_THEN_KIND = re.compile(
    r"(?P<acronym>[A-Z][A-Z0-9]{1,5})\s+(?:gates?|transistors?|protocols?|algorithms?|"
    r"languages?|formats?|commands?|ciphers?)"
)


def _merge_kinds(drafts: list[Draft], bare_name: Callable[[str], str | None]) -> list[Draft]:
    """A name alone and the name with a kind after it that adds nothing (`bare_name` gives
    the name a title holds so, or None), both concepts: one, under the one the text
    defines, else the best-scored (the other's mentions and evidence join it)."""
    by_key = {d.key: d for d in drafts}
    merged: set[str] = set()
    for draft in drafts:
        name = bare_name(draft.title)
        bare = by_key.get(concept_key(name)) if name else None
        if bare is None or bare is draft or {bare.key, draft.key} & merged:
            continue
        kept, other = sorted(
            (bare, draft), key=lambda d: (d.definition is not None, d.score), reverse=True
        )
        _absorb_name(kept, other)
        merged.add(other.key)
    return [d for d in drafts if d.key not in merged]


def _acronym_of_kind(title: str) -> str | None:
    named = _ACRONYM_THEN_KIND.fullmatch(title)
    return named.group("acronym") if named else None


# "主成分分析法" beside "主成分分析", "最小二乘法" beside "最小二乘": 法 after a name that
# ends on a verb is the method of doing it, the same topic (a modelling chapter had both
# of two such pairs). Not after a noun, where 法 may be a law: 知识产权法, 劳动合同法. A
# name of two characters is too short to tell (刑法, 语法, 二分法 beside a verb).
_METHOD = "法"
MIN_METHOD_NAME = 3
_VERB_TAGS = frozenset({"v", "vn"})


def _method_of(title: str) -> str | None:
    name = title[: -len(_METHOD)]
    if not title.endswith(_METHOD) or len(name) < MIN_METHOD_NAME or not has_han(name):
        return None
    tagged = rjieba.tag(name)
    return name if tagged and tagged[-1][1] in _VERB_TAGS else None


# "“闭式解”或称为“解析解”", "信息增益（又称互信息）", "a hash table, also called a hash map":
# the name after the connector is another name of the one right before it. Not 简称:
# "拉格朗日对偶问题（简称对偶问题）" gives the short name the text then works with, a name a
# reader looks up on its own.
# "常被称作" / "常称为" (is often called) gives another name as well: "多重集的排列数常被称作
# 多重组合数" (the two stood as twins)
_ZH_ALIAS = re.compile(
    # the comma a list's entry sets before it: "垄断，也叫托拉斯（trust），是指…"
    r"[”\"」*]*\s*[，,]?\s*[（(]?\s*"
    r"(?:(?:或|又|也|亦)(?:称为|称作|称|叫做|叫)|常被?(?:称为|称作|叫做)|又名|别称|别名)"
    r"(?:为)?\s*[“\"「*]*"
)
_ZH_ALIAS_LEAD = (
    "或称",
    "又称",
    "也称",
    "亦称",
    "也叫",
    "又叫",
    "常被称",
    "常称",
    "常被叫",
    "又名",
    "别称",
    "别名",
)
_EN_ALIAS = re.compile(
    rf"[\"”*_]*\s*(?:\(\s*|,\s*)?(?:or\s+)?(?:also|otherwise|sometimes)\s+{ALIAS_VERBS}"
    r"\s+(?:(?:the|an?)\s+)?[\"“*_]*",
    re.I,
)
_ALIAS_REACH = 20  # characters of a name before or after the connector
# An English name of two or three long words runs past that ("statistical mechanics,
# also called statistical thermodynamics": 21 and 26 characters; the two stood as twins):
# where neither name is whole within _ALIAS_REACH, they are looked for this far, for a
# first name that opens its sentence and a second the text marks nowhere else (a second
# name set apart elsewhere, "An AVL tree, also known as a balanced binary search tree",
# where the text underlines the broader class red-black trees belong to too, is a concept
# of its own)
_LONG_ALIAS_REACH = 40
# the sentence's subject given another name: "The basic reproduction ratio is also
# sometimes referred to as the basic reproductive number" (one adverb or two; the two
# names stood as twins). The subject may be a longer name than an appositive's.
_EN_SUBJECT_ALIAS = re.compile(
    rf"\s+(?:is|are)\s+(?:(?:also|otherwise|sometimes|often|commonly)\s+){{1,2}}{ALIAS_VERBS}"
    r"\s+(?:(?:the|an?)\s+)?[\"“*_]*",
    re.I,
)
_SUBJECT_REACH = 40
# A glossary's entry ("term: definition", `blocks.glossary_entry`) whose definition opens on
# another name of its term: "also known as Y, …" or its short form, "or IQR, is the range
# …" (the term is the name taught; the short form stood as a twin without a definition),
# or "another word for Y" (Y is, and the entry only points to it)
_EN_ENTRY_ALIAS = re.compile(
    rf"^(?P<term>[^:]{{2,60}}):\s+(?:(?P<also>also\s+{ALIAS_VERBS}"
    r"|or(?=\s+(?-i:[A-Z][A-Z0-9]{1,6})s?\b))|(?:another|other)\s+"
    r"(?:word|name|term)\s+for|same\s+as|(?:a\s+)?synonym\s+(?:of|for))"
    r"\s+(?:(?:the|an?)\s+)?[\"“*_`]*",
    re.I,
)
_ENTRY_ALIAS_REACH = 60


def _merge_aliases(drafts: list[Draft], blocks: Sequence[Block], chinese: bool) -> list[Draft]:
    """A name the text gives another name for, "“闭式解”或称为“解析解”", "X, also called Y":
    one concept under the first name, as `_merge_acronyms` merges an acronym into its full
    name (the two keys stood side by side, each with half the mentions, 解析解's
    description "推导之前先重点说明一下…" quoting the other's). Not when the text defines
    the other name in a sentence of its own elsewhere ("互信息定义为…"): it teaches both."""
    by_key = {d.key: d for d in drafts}
    merged: set[str] = set()
    connector = _ZH_ALIAS if chinese else _EN_ALIAS
    for index, block in enumerate(blocks):
        if block.kind not in PROSE:
            continue
        text = block.text
        if chinese and not any(lead in text for lead in _ZH_ALIAS_LEAD):
            continue
        found = [(m, _ALIAS_REACH) for m in connector.finditer(text)]
        if not chinese:
            found += [(m, _SUBJECT_REACH) for m in _EN_SUBJECT_ALIAS.finditer(text)]
        for match, reach in found:
            if chinese and not any(lead in match.group(0) for lead in _ZH_ALIAS_LEAD):
                continue  # "称为" alone names what precedes it (a definition), not an alias
            start = match.start()
            if not chinese:  # past the name's symbol: "hydraulic head \((h)\) or also called"
                trailing = _TRAILING_SYMBOL.search(text[max(0, start - _ALIAS_REACH) : start])
                start -= len(trailing.group(0)) if trailing else 0
            before = text[max(0, start - reach) : start]
            after = text[match.end() : match.end() + reach]
            first = _named_at(before, by_key, chinese, end=True)
            other = _named_at(after, by_key, chinese, end=False)
            if not chinese and reach == _ALIAS_REACH and (first is None or other is None):
                first, other = _long_alias(text, start, match, by_key, index)
            if first is None or other is None or first is other:
                continue
            if reach == _SUBJECT_REACH and not _opens_its_sentence(text[: match.start()], first):
                # "Note that in some books, a perfect tree is often referred to as a full
                # tree": a name used elsewhere, not the subject's second name
                continue
            if first.key in merged or other.key in merged:
                continue
            if other.definition is not None and other.definition.block != index:
                continue  # "互信息定义为…" elsewhere: the text teaches the other name too
            kept = first.definition
            _absorb_name(first, other)
            if (
                (kept is not None or reach == _SUBJECT_REACH)
                and other.definition is not None
                and match.group(0).strip(' “”"「」*（(') in other.definition.sentence
            ):
                # ("X is also called Y" says nothing of what X is: no definition of X)
                # "多重集的排列数常被称作多重组合数" only names: the first keeps its own
                first.definition = kept
            merged.add(other.key)
    if chinese:
        merged |= _merge_glossed_alternatives(by_key, blocks, merged)
    else:
        merged |= _merge_entry_aliases(by_key, blocks, merged)
        merged |= _merge_symbol_named_chains(by_key, blocks, merged)
    return [d for d in drafts if d.key not in merged]


def _merge_heading_twins(drafts: list[Draft], blocks: Sequence[Block]) -> list[Draft]:
    """A Chinese text's English headings over Chinese prose ("## Equivalence Classes", then
    "…被称为**等价类(equivalence class)**"): the heading's English name is the gloss the
    body gives a Chinese name, one concept under the Chinese name (a discrete-maths chapter
    kept "equivalence class", "partition", "closure", "path" beside 等价类, 分区, 闭包,
    路径). Only a name the headings alone give, nowhere stressed or glossed in the body:
    `english_name_pairs` leaves glosses in small letters for names the body uses itself."""
    by_key = {d.key: d for d in drafts}
    twins = [
        d
        for d in drafts
        if "heading" in d.sources
        and not d.sources & (_BODY_MARKS - {"definition"})
        and not has_han(d.title)
    ]
    prose = "\n".join(b.text for b in blocks if b.kind in PROSE and has_han(b.text))
    merged: set[str] = set()
    for english in twins:
        if f"`{english.title}`" in prose:
            # "使用 `loop` 重复执行代码" under "…多种**循环**（*loops*）": the keyword the
            # body writes as code, a name of its own, no gloss of the Chinese one
            continue
        chinese = None
        for found in _glossed_by(english.title).finditer(prose):
            run = found.group("run")
            # the longest name the run ends on that starts it or follows a particle:
            # "…称为a的等价类" ends on 等价类; "n元关系" is not 关系 (元 is part of the name)
            chinese = next(
                (
                    by_key[key]
                    for i in range(len(run))
                    if (i == 0 or run[i - 1] in _ZH_BEFORE_A_NAME)
                    and (key := concept_key(run[i:])) in by_key
                ),
                None,
            )
            if chinese is not None:
                break
        if chinese is None or chinese.key in merged:
            continue
        # its evidence joins the Chinese name; the heading's definition ("Equivalence
        # Classes: …", the section's first sentence) does not: the Chinese name's stands
        _absorb(chinese, english)
        merged.add(english.key)
    return [d for d in drafts if d.key not in merged]


# the characters a Chinese name follows inside a run of Chinese: "a的等价类", "称之为闭包"
_ZH_BEFORE_A_NAME = frozenset("的为是之即")


def _glossed_by(english: str) -> re.Pattern[str]:
    """A run of Chinese, perhaps stressed, then `english` (perhaps plural) in brackets, alone
    or one of names between slashes ("有向图(directed graph/digraph)")."""
    words = r"\s+".join(re.escape(w) for w in english.split())
    return re.compile(
        rf"(?P<run>[\u3400-\u9fff]{{1,12}})[*_]*\s*[（(]\s*[*_]*(?:[^（）()/]{{1,40}}/\s*)?"
        rf"{words}(?:e?s)?(?:\s*/[^（）()/]{{1,40}})?[*_]*\s*[）)]",
        re.IGNORECASE,
    )


def _long_alias(
    text: str, start: int, match: re.Match[str], by_key: dict[str, Draft], index: int
) -> tuple[Draft | None, Draft | None]:
    """Two English names too long for _ALIAS_REACH on either side of "also called"
    (`_LONG_ALIAS_REACH`); (None, None) unless the first opens its sentence and the second
    is marked (emphasised, a heading, a gloss) in this block alone, if at all."""
    before = text[max(0, start - _LONG_ALIAS_REACH) : start]
    after = text[match.end() : match.end() + _LONG_ALIAS_REACH]
    first = _named_at(before, by_key, False, end=True)
    other = _named_at(after, by_key, False, end=False)
    if first is None or other is None or not _opens_its_sentence(text[:start], first):
        return None, None
    return (first, other) if set(other.cue_blocks) <= {index} else (None, None)


def _opens_its_sentence(before: str, draft: Draft) -> bool:
    """The text before a verb is its sentence's subject and names `draft`, nothing else
    (an article aside): "The basic reproduction ratio" before "is also called …"."""
    clause = re.split(r"[.!?;:]\s+", before)[-1].strip()
    return concept_key(re.sub(r"^(?:the|an?)\s+", "", clause, flags=re.I)) == draft.key


# A naming verb and a list of stressed names that closes its clause: "称为模 m 的 **同余类**
# 或 **剩余类**", "则称…为 **既约剩余系**、**缩剩余系** 或 **简化剩余系**". The names are
# one thing's names (the alternatives of one naming), not kinds listed side by side.
_ZH_NAMING_VERB = re.compile(r"(?:称(?:之|其)?(?:为|作)|叫做|叫作|记为|(?<=[^。；．]{2})为)")
_ZH_ALTERNATIVE = re.compile(r"\s*(?:或者|或|、)\s*")
_ZH_BEFORE_NAMES = 14  # characters between the verb and the first name ("模 m 的 ")


def _merge_named_alternatives(drafts: list[Draft], blocks: Sequence[Block]) -> list[Draft]:
    """Two or three stressed names joined by 或 or 、 right after a naming ("…称为 X 或 Y．"):
    one concept under the first name, the others its aliases (`_absorb_name`). A number
    theory text stood with 同余类 and 剩余类, 既约剩余系, 缩剩余系 and 简化剩余系 side by
    side, each with a share of the mentions. Only names the block stresses, only where the
    sentence names ("称" before the verb), and only a list that ends its clause: "加法或乘法"
    in prose, or stressed kinds a sentence lists without naming, stay apart."""
    by_key = {d.key: d for d in drafts}
    into: dict[str, Draft] = {}
    for block in blocks:
        if block.kind not in PROSE or not block.emphasis or "称" not in block.text:
            continue
        for names in _named_lists(block):
            found = [by_key.get(concept_key(name)) for name in names]
            if any(draft is None for draft in found):
                continue
            first = into.get(found[0].key, found[0])  # type: ignore[union-attr]
            for other in found[1:]:
                if other is None or other is first or other.key in into:
                    continue
                if other.definition is not None and other.definition.block != blocks.index(block):
                    continue  # the text defines the other name elsewhere: it teaches both
                _absorb_name(first, other)
                into[other.key] = first
    return [d for d in drafts if d.key not in into]


def _named_lists(block: Block) -> list[list[str]]:
    """The lists of stressed names that close a naming clause of `block` (see
    `_merge_named_alternatives`), each name as stressed."""
    stressed = sorted(
        {part.strip() for span in block.emphasis for part in _ZH_ALTERNATIVE.split(span)},
        key=len,
        reverse=True,
    )
    stressed = [name for name in stressed if len(name) >= 2]
    lists: list[list[str]] = []
    for clause in _naming_clauses(block.text):
        verbs = list(_ZH_NAMING_VERB.finditer(clause))
        if not verbs:
            continue
        rest = clause[verbs[-1].end() :].rstrip()
        names: list[str] = []
        for piece in _ZH_ALTERNATIVE.split(rest):
            piece = piece.strip()
            name = (
                next((n for n in stressed if piece.endswith(n)), None)
                if not names
                else (piece if piece in stressed else None)
            )
            if name is None:
                names = []
                break
            if not names and len(piece) - len(name) > _ZH_BEFORE_NAMES:
                break
            names.append(name)
        if len(names) >= 2:
            lists.append(names)
    return lists


def _naming_clauses(text: str) -> Iterator[str]:
    """The clauses of `text` at or after a 称 or 叫 in their sentence ("则称这 t 个整数 a1,
    …, at 为模 m 的 …": the naming clause follows the commas of a formula)."""
    for sentence in re.split(r"[。；;．]", text):
        naming = False
        for clause in re.split(r"[，,：:]", sentence):
            naming = naming or "称" in clause or "叫" in clause
            if naming:
                yield clause


# "**真值表** (truth table)，或**功能表** (function table) 是…": two names, each with its English
# gloss, offered as alternatives by "，或": one thing named twice
_ZH_GLOSSED_OR = re.compile(
    r"\s*[（(][A-Za-z][^（）()]{0,60}[)）]\s*[，,]\s*或\s*[“\"「*]*"
    r"(?P<other>[^\s，,。；;：:（()）“”\"「」*]{1,16})[”\"」*]*\s*[（(][A-Za-z]"
)


def _merge_glossed_alternatives(
    by_key: dict[str, Draft], blocks: Sequence[Block], merged: set[str]
) -> set[str]:
    """A Chinese text's "X (gloss)，或 Y (gloss)": Y is another name of X, merged into it (a
    digital-logic handout kept 卡诺图 and K-图 side by side). `_ZH_ALIAS` wants 称 or 叫
    after 或; here the second gloss says the words after 或 are a name. The keys merged."""
    absorbed: set[str] = set()
    for block in blocks:
        if block.kind not in PROSE or "或" not in block.text:
            continue
        for match in _ZH_GLOSSED_OR.finditer(block.text):
            before = block.text[max(0, match.start() - _ALIAS_REACH) : match.start()]
            first = _named_at(before, by_key, True, end=True)
            other = by_key.get(concept_key(match.group("other")))
            if first is None or other is None or first is other:
                continue
            if {first.key, other.key} & (merged | absorbed):
                continue
            _absorb_name(first, other)
            absorbed.add(other.key)
    return absorbed


def _merge_entry_aliases(
    by_key: dict[str, Draft], blocks: Sequence[Block], merged: set[str]
) -> set[str]:
    """A glossary's entry that gives its term another name, "stochastic dynamics: Also
    known as Gillespie dynamics, this …", "community: Another word for modularity.": one
    concept under the name the glossary teaches (a network-epidemics glossary stood with
    both of two such pairs, the first's definition given to the alias). `_EN_ALIAS` finds
    none: the name before it ends on the entry's colon. The keys it merged away."""
    absorbed: set[str] = set()
    for block in blocks:
        match = _EN_ENTRY_ALIAS.match(block.text) if block.kind in PROSE else None
        if match is None:
            continue
        term = by_key.get(concept_key(match.group("term")))
        after = block.text[match.end() : match.end() + _ENTRY_ALIAS_REACH]
        named = _named_at(after, by_key, False, end=False)
        if term is None or named is None or term is named:
            continue
        first, other = (term, named) if match.group("also") else (named, term)
        if {first.key, other.key} & (merged | absorbed):
            continue
        _absorb_name(first, other)
        absorbed.add(other.key)
    return absorbed


# Names joined by a bare "or" that one symbol in inline maths stands for: "the average
# interstitial velocity or actual velocity or seepage velocity \((v_s)\)", "Darcy velocity
# \(v\) is the apparent velocity or fictitious velocity or Darcy flux". One quantity under
# several names (a groundwater lecture stood with six velocities that were two); a comma
# list ("A, B, or C") and names no symbol glosses ("density or viscosity") are
# alternatives, not names.
_CHAIN_SYMBOL = re.compile(
    r"\s*(?:\\\(\s*\(?\s*(?:\\[A-Za-z]+|[^()\\]){1,12}?\s*\)?\s*\\\)"
    r"|\$\(?(?:\\[A-Za-z]+|[^$()\\]){1,12}\)?\$)"
)
# the same symbol closing the text before an alias: "hydraulic head \((h)\) or also called …"
_TRAILING_SYMBOL = re.compile(rf"(?:{_CHAIN_SYMBOL.pattern})\s*$")
_CHAIN_BREAK = re.compile(r"[,;:.!?()\[\]]")
_CHAIN_OR = re.compile(r"\s+or\s+")
_CHAIN_PART = re.compile(r"(?:(?:the|an?)\s+)?([A-Za-z][\w’'-]*(?:\s+[A-Za-z][\w’'-]*){0,3})")
_SYMBOL_IS = re.compile(r"\s+(?:is|are)\s+(?:(?:the|an?)\s+)?")
_CHAIN_REACH = 120  # characters either side of the symbol


def _merge_symbol_named_chains(
    by_key: dict[str, Draft], blocks: Sequence[Block], merged: set[str]
) -> set[str]:
    """Two or more concepts joined by a bare "or" right before one inline symbol
    (`_CHAIN_SYMBOL`), or after "<symbol> is" (with the name before the symbol): one
    concept, under the name the text defines, else the best-scored, the others its
    aliases. Not a name the text defines in a block of its own (it teaches that name
    too). The keys it merged away."""
    absorbed: set[str] = set()
    for index, block in enumerate(blocks):
        text = block.text
        if block.kind not in PROSE or " or " not in text:
            continue
        for symbol in _CHAIN_SYMBOL.finditer(text):
            reach = text[max(0, symbol.start() - _CHAIN_REACH) : symbol.start()]
            before = _CHAIN_BREAK.split(reach)[-1]
            names = _or_chain(before.strip(), by_key, opens=False)
            said = _SYMBOL_IS.match(text, symbol.end())
            if said is not None:
                after = _CHAIN_BREAK.split(text[said.end() : said.end() + _CHAIN_REACH])[0]
                named = _or_chain(after.strip(), by_key, opens=True)
                if len(named) > 1:
                    subject = _named_at(before.rstrip(), by_key, False, end=True)
                    names = ([subject] if subject else []) + named
            unique = {d.key: d for d in names if d.key not in merged | absorbed}
            if len(unique) < 2:
                continue
            kept = max(unique.values(), key=lambda d: (d.definition is not None, d.score))
            for other in unique.values():
                if other is kept or (
                    other.definition is not None and other.definition.block != index
                ):
                    continue
                _absorb_name(kept, other)
                absorbed.add(other.key)
    return absorbed


def _or_chain(clause: str, by_key: dict[str, Draft], *, opens: bool) -> list[Draft]:
    """The concepts of "A or B or C" (`clause` split at each bare "or"): each part a name
    of a few words (`_CHAIN_PART`), but the one at the clause's open end, which may run
    on (its name is at the "or"). None unless the clause has an "or"."""
    parts = _CHAIN_OR.split(clause)
    if len(parts) < 2:
        return []
    loose = len(parts) - 1 if opens else 0
    names: list[Draft] = []
    for position, part in enumerate(parts):
        if position == loose:
            draft = _named_at(part, by_key, False, end=not opens) if part else None
        else:
            whole = _CHAIN_PART.fullmatch(part)
            if whole is None:
                return []
            draft = by_key.get(concept_key(whole.group(1)))
        if draft is not None:
            names.append(draft)
    return names


def _named_at(text: str, by_key: dict[str, Draft], chinese: bool, *, end: bool) -> Draft | None:
    """The longest concept whose name ends `text` (`end`) or opens it."""
    for size in range(len(text), 0, -1):
        piece = text[len(text) - size :] if end else text[:size]
        if not (piece[-1] if end else piece[0]).isalnum():
            continue  # "…上的误差，又称为": a comma ends the clause, not the name
        beside = text[-size - 1 : -size] if end else text[size : size + 1]
        if not chinese and beside.isalnum():
            continue  # an English name is whole words
        if chinese and not end and has_han(beside):
            # "NAT 也叫做网络地址与端口转换 NAPT": the other name runs on past 网络, a
            # concept of its own, which the first had absorbed (46 mentions, all 网络's)
            continue
        draft = by_key.get(concept_key(piece))
        if draft is not None:
            return draft
    return None


# a space between a Han character and a Latin letter or digit: "Q 函数" beside "Q函数"
_SPACE_BESIDE_HAN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=\w)|(?<=\w)\s+(?=[\u3400-\u9fff])")


# British spellings and their American forms: "vapour" → "vapor", "normalise(d)" →
# "normalize(d)", "analyse" → "analyze". Two or more letters before "our" ("four", "hour",
# "your" untouched); a word changed that is no spelling variant ("contour") merges nothing,
# as only two candidates of one document that both read alike are joined
_BRITISH = (
    (re.compile(r"(?<=[a-z]{2})our(?=(?:s|ed|ing|ite|ites|able)?\b)"), "or"),
    (re.compile(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|ation|ations)\b)"), "iz"),
    (re.compile(r"(?<=[a-z]{2})ys(?=(?:e|es|ed|ing)\b)"), "yz"),
)


# a hyphen between two words of a name, which another line of the text leaves out
# ("context-free language" beside "context free language"): one name
_JOINING_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def _american(key: str) -> str:
    """`key` in American spelling (`_BRITISH`), its hyphens between words as spaces: the
    key two spellings of a name share."""
    if not key.isascii():
        return key
    for british, american in _BRITISH:
        key = british.sub(american, key)
    return _JOINING_HYPHEN.sub(" ", key)


def _merge_spacing_variants(
    drafts: list[Draft], counts: Mapping[str, int] | None = None
) -> list[Draft]:
    """ "Q 函数" and "Q函数", "softmax 回归" and "softmax回归" in one document: one concept,
    under the spelling with a definition, else the best-scored (a Chinese book spaces
    Latin letters from Han characters in one paragraph and not in the next; the spaced
    key held the other's mentions, and Q函数, set in bold and defined, was dropped for a
    term-only "Q 函数"). So are a British and an American spelling of one name, "water
    vapour" beside "water vapor" (a caption quoted from another source), and a name
    written with and without its hyphen ("context-free language", "semi-conductor"), under the
    spelling the text writes more often (`counts`): mentions are found by the kept
    spelling, and the glossed British one, written once, kept one of eight."""
    keys = {d.key for d in drafts}
    variants: dict[str, list[Draft]] = {}
    for draft in drafts:
        # a hyphen another line closes up: "semi-conductor" beside "semiconductor" (a
        # slide deck's title slide and its notes), "e-mail" beside "email"
        closed = _JOINING_HYPHEN.sub("", draft.key)
        key = closed if closed != draft.key and closed in keys else draft.key
        variants.setdefault(_american(_SPACE_BESIDE_HAN.sub("", key)), []).append(draft)
    merged: list[Draft] = []
    for group in variants.values():
        kept = max(group, key=lambda d: (d.definition is not None, d.score, -len(d.key), d.key))
        if counts and len({_SPACE_BESIDE_HAN.sub("", d.key) for d in group}) > 1:
            kept = max(group, key=lambda d: (counts.get(d.key, 0), d is kept))
        for other in group:
            if other is not kept:
                _absorb_spelling(kept, other)
        merged.append(kept)
    return merged


# a Latin-script name, then the kind of thing it names: "AdaBoost 算法" beside "AdaBoost",
# "HTTP 协议" beside "HTTP" (keys are case-folded)
_LATIN_NAME_AND_KIND = re.compile(
    r"([a-z][a-z0-9+#.\-]*(?: [a-z0-9+#.\-]+)*)\s*(?:算法|协议|语言|模型|命令|函数|格式|框架)"
)
MIN_LATIN_NAME = 2  # "Q 函数" is no "Q"
# "议程设置理论" beside "议程设置", "沉默的螺旋理论" beside "沉默的螺旋", "知沟理论" beside
# "知沟": a theory named after the effect it describes is one topic with that effect. Only
# a name of four characters or more, or a rare word (`_ZH_THEORY_MIN`): "控制理论" is no
# "控制", "学习理论" no "学习"; "图论" and "集合论" (论, not 理论) keep their own topics
_ZH_THEORY_OF = re.compile(r"(.{2,}?)(?:的)?理论")
_ZH_THEORY_MIN = 4
_ZH_VERB_TAGS = ("v", "vn")


def _reworded_key(key: str) -> str:
    """The key two wordings of one Chinese name share: a Latin-script name without the
    kind word after it ("adaboost 算法" → "adaboost"); a theory's name without 理论
    (`_ZH_THEORY_OF`); two words of two characters or more, one a verb, in one order
    ("重载运算符" and "运算符重载" → one key). Else `key`."""
    named = _LATIN_NAME_AND_KIND.fullmatch(key)
    if named and len(named.group(1)) >= MIN_LATIN_NAME:
        return named.group(1)
    if " " in key or not has_han(key):
        return key
    theory = _ZH_THEORY_OF.fullmatch(key)
    effect = theory.group(1) if theory else ""
    if has_han(effect) and (len(effect) >= _ZH_THEORY_MIN or not zh_word_of_its_own(effect)):
        return _reworded_key(effect)
    words = rjieba.tag(key)
    if (
        len(words) == 2
        and all(len(word) >= 2 and has_han(word) for word, _ in words)
        and any(tag in _ZH_VERB_TAGS for _, tag in words)
    ):
        return "".join(sorted(word for word, _ in words))
    return key


def _merge_subject_short_forms(drafts: list[Draft]) -> list[Draft]:
    """ "The second law" beside "the second law of thermodynamics" where thermodynamics is a
    concept of the document too: once the subject is set, a text names its parts without
    it, and the notes kept "second law" and "zeroth law" as twins of the full names. One
    concept under the full name, the short one's evidence joining it. Only a short form
    of two words or more: "sequence" beside "sequence of vertices" is a word of its own;
    and only a full name the text marks or defines: a phrase the term counts alone cut
    ("cross-classification model of household", from "… of household characteristics")
    took a transport lesson's "cross-classification model" in."""
    by_key = {d.key: d for d in drafts}
    merged: set[str] = set()
    for draft in drafts:
        head, of, subject = draft.key.partition(" of ")
        short = by_key.get(head) if of and subject in by_key else None
        if short is None or len(head.split()) < 2 or {short.key, draft.key} & merged:
            continue
        if not draft.sources - {"term"}:
            continue
        _absorb(draft, short)
        draft.definition = draft.definition or short.definition
        merged.add(short.key)
    return [d for d in drafts if d.key not in merged]


def _merge_reworded_names(drafts: list[Draft]) -> list[Draft]:
    """One Chinese name written two ways in one document (`_reworded_key`): an action and
    its object in either order, "运算符重载" (the section's heading, glossed "operator
    overloading") and "重载运算符" (the body's "overloaded operators"), or a Latin-script
    name with and without its kind, "AdaBoost" and "AdaBoost 算法" (a heading "AdaBoost
    算法的解释" under the section "AdaBoost"). A course listed both, a week apart. One
    concept, under the wording with a definition, else the best-scored; the other's
    evidence joins it."""
    groups: dict[str, list[Draft]] = {}
    for draft in drafts:
        groups.setdefault(_reworded_key(draft.key), []).append(draft)
    merged: list[Draft] = []
    for group in groups.values():
        kept = max(group, key=lambda d: (d.definition is not None, d.score, -len(d.key), d.key))
        for other in group:
            if other is not kept:
                _absorb_spelling(kept, other)
        merged.append(kept)
    return merged


# A person of the text's story: a workflow chapter's "Jessica pushes her work to the server"
# (40 mentions: a concept of a Git chapter, in both languages) or a case study's manager. A
# capitalised word that only its count offers, which the sentences naming it go on calling
# "she" or "he" (她, 他) in a share of them, is someone, no concept; a tool or a law is "it".
_PERSONAL_PRONOUN = re.compile(r"\b(?:she|he|her|his|him|hers)\b|[她他]", re.I)
_GIVEN_NAME = re.compile(r"[A-Z][a-z]{2,}")
MIN_PERSON_SENTENCES = 3
PERSON_SHARE = 0.25


def _without_persons(drafts: list[Draft], said: Iterable[str]) -> list[Draft]:
    """`drafts` without the persons of the text's story (above); `said`: the body's
    sentences, as `find_concepts` split them once."""
    candidates = {
        d.title for d in drafts if d.sources == {"term"} and _GIVEN_NAME.fullmatch(d.title)
    }
    if not candidates:
        return drafts
    names = re.compile(rf"\b(?:{'|'.join(sorted(candidates))})\b")
    named: Counter[str] = Counter()
    called: Counter[str] = Counter()
    for sentence in said:
        first: dict[str, int] = {}  # each name's first use in the sentence: where it ends
        for found in names.finditer(sentence):
            first.setdefault(found.group(0), found.end())
        for name, end in first.items():
            named[name] += 1
            called[name] += _PERSONAL_PRONOUN.search(sentence, end) is not None
    persons = {
        name
        for name in candidates
        if called[name] >= MIN_PERSON_SENTENCES and called[name] >= PERSON_SHARE * named[name]
    }
    return [d for d in drafts if d.title not in persons] if persons else drafts


def _merge_stressed_modifiers(drafts: list[Draft], prose: str) -> list[Draft]:
    """ "Four types: **clastic**, **chemical** … **Chemical** sedimentary rocks are …": a
    text may set only the adjective of a kind's name in bold, where its sections head the
    whole name ("Chemical Sedimentary Rocks"). The adjective alone, no heading of its own,
    that the text writes before the name's next word in half its uses or more, is that
    name again: its marks and its definition join the headed name's."""
    merged: list[Draft] = []
    for draft in drafts:
        full = _named_kind(draft, drafts, prose)
        if full is None:
            merged.append(draft)
            continue
        _absorb_spelling(full, draft)
    return merged


def _named_kind(draft: Draft, drafts: list[Draft], prose: str) -> Draft | None:
    """The headed name `draft`, one stressed adjective, stands for in `prose`, if any."""
    if (
        " " in draft.key
        or "heading" in draft.sources
        or "emphasis" not in draft.sources
        or not bare_modifier(draft.key)
    ):
        return None
    longer = [d for d in drafts if d.key.startswith(draft.key + " ") and "heading" in d.sources]
    if len(longer) != 1:
        return None  # "chemical weathering" and "chemical bonds": the adjective is shared
    following = longer[0].key.split()[1]
    alone = len(re.findall(rf"\b{re.escape(draft.key)}\b", prose, re.I))
    before = len(re.findall(rf"\b{re.escape(draft.key)}\s+{re.escape(following)}", prose, re.I))
    return longer[0] if alone and 2 * before >= alone else None


def _merge_inner_plurals(drafts: list[Draft]) -> list[Draft]:
    """ "feme covert" and "femes covert": a name whose first word takes the plural (a
    Latin or French order, noun before adjective: "notaries public") is one concept
    with its singular, kept under the singular; so is a Latin name whose words take "-i"
    for "-us" ("cantus firmi", `_latin_singular`)."""
    by_key = {d.key: d for d in drafts}
    merged: list[Draft] = []
    for draft in drafts:
        first, _, rest = draft.key.partition(" ")
        singulars = [first[:-3] + "y", first[:-2], first[:-1]] if first.endswith("s") else []
        singular = next(
            (by_key[f"{s} {rest}"] for s in singulars if rest and f"{s} {rest}" in by_key),
            None,
        ) or by_key.get(_latin_singular(draft.key))
        if singular is None or singular is draft or not draft.key.isascii():
            merged.append(draft)
            continue
        _absorb_spelling(singular, draft)
    return merged


def _merge_ics_plurals(drafts: list[Draft]) -> list[Draft]:
    """ "Antibiotics" and "antibiotic": keys keep a final "-ics" whole (physics, ethics are
    no plurals), so a plural of an "-ic" noun stayed a concept beside its singular. Where
    the lexicon reads the word only as that singular's plural (antibiotics, metrics, not
    physics nor statistics) and the singular is a concept too, they are one, kept under
    the singular."""
    by_key = {d.key: d for d in drafts}
    merged: list[Draft] = []
    for draft in drafts:
        head, _, last = draft.key.rpartition(" ")
        single = by_key.get(f"{head} {last[:-1]}".strip()) if last.endswith("ics") else None
        if single is None or getAllLemmas(last).get("NOUN", ()) != (last[:-1],):
            merged.append(draft)
            continue
        _absorb_spelling(single, draft)
    return merged


def _merge_titled_as_another(drafts: list[Draft]) -> list[Draft]:
    """A concept whose title, the form the text writes most, is another concept's key is
    that concept: keys keep "savings" whole (no plural of a verb's "saving"), yet a heading's
    "Saving" counted the body's "savings" as its own and was titled so, and a course taught
    "savings" twice. Kept under the key the title names, which takes the other's evidence."""
    by_key = {d.key: d for d in drafts}
    merged: list[Draft] = []
    for draft in drafts:
        named = by_key.get(draft.title.lower()) if draft.key.isascii() else None
        if named is None or named is draft or named.title.lower() != named.key:
            merged.append(draft)
            continue
        _absorb_spelling(named, draft)
    return merged


_LATIN_PLURAL = re.compile(r"(?<=[a-z]{3})i\b")


def _latin_singular(key: str) -> str:
    """A Latin name's singular where its words end "-i" for "-us" ("cantus firmi" →
    "cantus firmus", "horti sicci" → "hortus siccus"), which the lexicon does not know;
    the document decides: the two are one concept only when it names both."""
    if " " not in key or not key.isascii() or not _LATIN_PLURAL.search(key):
        return ""
    return _LATIN_PLURAL.sub("us", key)


def _absorb_spelling(kept: Draft, other: Draft) -> None:
    """`other` is `kept` spelled otherwise (spaced, a plural inside): its evidence joins
    `kept`'s, and `kept` takes its definition and introduction where it has none."""
    _absorb(kept, other)
    kept.definition = kept.definition or other.definition
    kept.introduced = kept.introduced or other.introduced


def _absorb_name(full: Draft, other: Draft) -> None:
    """`other` is another name of `full` (its acronym, an alias): its evidence joins
    `full`'s, and the surer definition of the two is `full`'s."""
    _absorb(full, other)
    if full.definition is None or (
        other.definition is not None and other.definition.confidence > full.definition.confidence
    ):
        full.definition = other.definition


def _absorb(full: Draft, short: Draft) -> None:
    """`short` is another name of `full` (an acronym, a surname, an abbreviated genus, a
    spelling spaced otherwise): its mentions, cues, evidence and score become the full
    name's."""
    full.mentions = sorted(set(full.mentions) | set(short.mentions))
    full.cue_blocks = sorted(set(full.cue_blocks) | set(short.cue_blocks))
    full.sources |= short.sources
    full.score = max(full.score, short.score)


# a word written as a unit: after a count ("0.25 mol", "10⁻³ mol", "2 moles") or another
# unit ("g/mol", "J/mol⋅K"), or before its power or the unit it divides ("mol⁻¹", "mol/L")
_AS_UNIT_BEFORE = r"(?:(?<![\w.,])[\d⁰¹²³⁴⁵⁶⁷⁸⁹][\d.,⁰¹²³⁴⁵⁶⁷⁸⁹]*\s*|[/·⋅]\s*)"
_AS_UNIT_AFTER = r"(?=\s*[⁻^/·⋅]|-1\b|−1)"
MAX_SYMBOL = 4  # "mol", "cal", "atm": a unit's symbol is its name cut short
MIN_SYMBOL_COUNTS = 2


def _counts(word: str, prose: str, *, plural: bool = False) -> tuple[int, int]:
    """How often `word` (whole, in its case; `plural`: with "s" or "es") is written as a
    unit in `prose`, and how often it stands at all."""
    form = re.escape(word) + ("(?:e?s)?" if plural else "")
    uses = len(re.findall(rf"(?<![\w\\]){form}(?!\w)", prose))
    units = len(
        re.findall(rf"{_AS_UNIT_BEFORE}{form}(?!\w)|(?<![\w\\]){form}{_AS_UNIT_AFTER}", prose)
    )
    return units, uses


def _merge_unit_symbols(drafts: list[Draft], prose: str) -> list[Draft]:
    """ "0.25 mol of helium and 2 moles of neon": a short word the text writes as a unit
    (`_counts`) as it writes a concept's name, whose name it opens, is that unit's symbol
    ("mol" of "mole", "cal" of "calorie"); one concept under the name. A chemistry course
    listed "mol" and "moles" as two prerequisites of one module. The symbol must count
    things mostly (half its uses at least, twice), the name at least once and more often
    than any other concept's name it opens ("molecules")."""
    singles = [d for d in drafts if d.key.isascii() and d.key.isalpha()]
    merged: set[str] = set()
    for short in singles:
        if len(short.key) > MAX_SYMBOL or short.definition is not None:
            continue
        counted, uses = _counts(short.title, prose)
        if counted < MIN_SYMBOL_COUNTS or 2 * counted < uses:
            continue
        # the names it opens that count things too ("2 moles"; "molecules" seldom do)
        names = sorted(
            (-_counts(d.key, prose, plural=True)[0], d.key, d)
            for d in singles
            if d is not short and d.key.startswith(short.key) and d.key not in merged
        )
        if not names or names[0][0] == 0 or (len(names) > 1 and names[1][0] == names[0][0]):
            continue  # no name that counts, or two that count as often: no telling
        full = names[0][2]
        _absorb_name(full, short)
        merged.add(short.key)
    return [d for d in drafts if d.key not in merged]


# a measure of a thing: "the number of moles", "the amount of heat"
_MEASURE = re.compile(r"(?:numbers?|amounts?|quantit(?:y|ies)) of (.+)", re.I)


def _merge_measures(drafts: list[Draft], prose: str) -> list[Draft]:
    """ "number of moles", "amount of heat", "moles of gas": how much of a concept there
    is, or a concept counted in a unit the text counts with (`_counts`), is that concept;
    one, under its name (a chemistry course taught "heat" and "amount of heat", and listed
    "moles" and "number of moles" as two prerequisites). A measure the text defines is a
    concept of its own."""
    by_key = {d.key: d for d in drafts}
    merged: set[str] = set()
    for draft in drafts:
        if draft.definition is not None or draft.key in merged:
            continue
        found = _MEASURE.fullmatch(draft.title)
        target = by_key.get(concept_key(found.group(1))) if found else None
        unit, of, _ = draft.title.partition(" of ")
        if target is None and of and " " not in unit:
            # "moles of gas": so many of the unit, a word the text writes as a unit
            named = by_key.get(concept_key(unit))
            if named is not None and _counts(named.key, prose, plural=True)[0] >= MIN_SYMBOL_COUNTS:
                target = named
        if target is None or target is draft or target.key in merged:
            continue
        _absorb_name(target, draft)
        merged.add(draft.key)
    return [d for d in drafts if d.key not in merged]


_NAME_BEFORE = re.compile(r"\b([A-Z]\.|[A-Z][a-z]+)\s+$")  # "J. P. ", "Andrew "
_PERSON_PART = re.compile(r"(?:[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)")


def _merge_surnames(drafts: list[Draft], blocks: Sequence[Block]) -> list[Draft]:
    """ "Thomas Edison" and then "Edison": one person, under the full name. A history
    chapter gave Edison and Thomas Edison, Carnegie and Andrew Carnegie, Morgan and J.
    Pierpont Morgan side by side. The surname alone must not be used before a full name
    (any: "J. P. Morgan" introduces J. Pierpont Morgan too); "Git" before "Pro Git" is
    another thing."""
    full_names: dict[str, list[Draft]] = {}
    for draft in drafts:
        parts = draft.title.split(" ")
        if 2 <= len(parts) <= 4 and all(_PERSON_PART.fullmatch(p) for p in parts):
            full_names.setdefault(parts[-1], []).append(draft)
    merged: set[str] = set()
    for short in drafts:
        people = full_names.get(short.title, [])
        if len(people) != 1 or not short.mentions or not people[0].mentions:
            continue  # no full name, or two people of that name
        full = people[0]
        first_named, first_alone = _first_uses(short.title, blocks)
        if first_alone < first_named:
            continue
        _absorb(full, short)
        merged.add(short.key)
    return [d for d in drafts if d.key not in merged]


_ABBREVIATED_GENUS = re.compile(r"([A-Z])\. ([a-z]+)")  # "E. coli", "N. meningitidis"


def _merge_abbreviated_genera(drafts: list[Draft]) -> list[Draft]:
    """ "N. meningitidis" after "Neisseria meningitidis": one species, under its full name
    (biology texts abbreviate the genus once it is named). Not when two genera of that
    initial have the species' name."""
    merged: set[str] = set()
    for short in drafts:
        found = _ABBREVIATED_GENUS.fullmatch(short.title)
        if found is None:
            continue
        initial, species = found.groups()
        full = [
            d
            for d in drafts
            if d is not short and re.fullmatch(rf"{initial}[a-z]+ {species}", d.title)
        ]
        if len(full) != 1:
            continue
        _absorb(full[0], short)
        full[0].definition = full[0].definition or short.definition
        merged.add(short.key)
    return [d for d in drafts if d.key not in merged]


def _first_uses(surname: str, blocks: Sequence[Block]) -> tuple[int, int]:
    """The first block that writes `surname` after a given name or initials ("Andrew
    Carnegie", "J. P. Morgan"), and the first that writes it alone (len(blocks): none)."""
    pattern = re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)")
    named = alone = len(blocks)
    for index, block in enumerate(blocks):
        for match in pattern.finditer(block.text):
            before = _NAME_BEFORE.search(block.text, max(0, match.start() - 40), match.start())
            if before is not None and before.group(1).lower() not in EN_STOP:
                named = min(named, index)
            else:
                alone = min(alone, index)
        if named < len(blocks) and alone < len(blocks):
            break
    return named, alone


def _glossary_keys(blocks: Sequence[Block], definitions: Sequence[Definition]) -> set[str]:
    """Terms of a glossary's entries ("**problem solving:** The process of …"): those under
    a Glossary / Key Terms / 术语表 heading, or all of them in a document that is mostly
    such entries (a course's glossary)."""
    entries = [d for d in definitions if d.confidence == GLOSSARY]
    # a glossary table's rows are its entries wherever it stands (`table_entries`)
    tabled = {concept_key(d.term) for d in entries if blocks[d.block].kind == "table"}
    # a bilingual word list's lines ("truth table：真值表") are entries that define nothing:
    # their Chinese names, as many as the entries, were cut by the length budget
    words = {
        i: concept_key(entry[0])
        for i, b in enumerate(blocks)
        if b.kind in PROSE and (entry := translated_entry(b.text))
    }
    prose = sum(1 for b in blocks if b.kind in PROSE)
    listed = {d.block for d in entries} | set(words)
    if len(entries) + len(words) >= MIN_GLOSSARY_DOCUMENT and 2 * len(listed) >= prose:
        return {concept_key(d.term) for d in entries} | set(words.values())
    inside = glossary_sections(blocks)
    defined = {concept_key(d.term) for d in entries if d.block in inside}
    return tabled | defined | {key for i, key in words.items() if i in inside}


# what sets apart the names of a bare list: wide spaces (the ideographic one), 、 or ；
_ZH_LIST_SEPARATORS = re.compile(r"[\u3000；;、]+|\s{2,}")
MIN_LISTED_TERMS = 3


def zh_listed_terms(text: str) -> list[str]:
    """The names of a Chinese glossary's bare list, as a textbook sets its 关键术语 after the
    summary ("传播效果　魔弹论　有限效果论"): three or more short names apart by wide spaces,
    、 or ；, and no sentence (no 。, comma or colon). Read as a keywords line is: each is
    a topic the author lists, though the body may never set it apart."""
    if not has_han(text) or re.search(r"[。，,：:！？!?]", text):
        return []
    items = [i.strip(" *_") for i in _ZH_LIST_SEPARATORS.split(text.strip())]
    items = [i for i in items if i]
    if len(items) < MIN_LISTED_TERMS or any(len(i) > MAX_KEYWORD_CHARS for i in items):
        return []
    return items


# A sentence dividing a thing into the kinds it names: "根据临床症状表现，又分闭证与脱证",
# "根据成立条件可分为大顶堆和小顶堆". The kinds are what the text goes on to describe, often
# under numbered items of their own ("1﹒闭证：多因…所致。症见…"), which say what causes
# and shows each, no "X是…" a definition pattern reads: an acupuncture chapter lost both
_ZH_DIVIDED = re.compile(
    r"(?:分为|分成|分作|又分|可分)(?!为)(?P<kinds>[\u4e00-\u9fff、和与及或]{5,30})(?=[。；;，,：:]|$)"
)
# the count and the measure word a division may end on: "分为两类", "分成A和B两种"
_ZH_KINDS_COUNT = re.compile(r"(?:[两二三四五六七八九几]|\d)(?:类|种|型|个|大类|部分|方面)$")
MIN_DIVIDED_KINDS = 2


def zh_divided_kinds(text: str) -> list[str]:
    """The kinds a Chinese sentence divides a thing into, each a name of two to eight Han
    characters; none when any part is longer (a clause, no list of names) or fewer than
    `MIN_DIVIDED_KINDS` are named ("分为两步" names no kind)."""
    found = []
    for match in _ZH_DIVIDED.finditer(text):
        listed = _ZH_KINDS_COUNT.sub("", match.group("kinds"))
        kinds = [k for k in re.split(r"[、和与及或]", listed) if k]
        if len(kinds) >= MIN_DIVIDED_KINDS and all(
            2 <= len(k) <= 8 and "的" not in k for k in kinds
        ):  # "分为对边的操作和对顶点的操作": operations described, no kinds named
            found.extend(kinds)
    return found


# what a bare name has none of: a sentence's stop, a colon, a question or an exclamation
_NOT_A_NAME = re.compile(r"[.:;!?。：；！？]")


def en_listed_name(text: str) -> bool:
    """An English glossary's entry that is a bare name on a line of its own, as a chapter
    lists its key terms after the summary ("Synaptic cleft", "Excitatory Post-Synaptic
    Potential (EPSP)"): each is a topic the author lists, as a keywords line's are, though
    the summary may never use it. A colon makes it an entry that says what the term means
    ("**X:** …"), read as a definition; a stop or too many words, a sentence."""
    name = text.strip().lstrip("-*•· \t").strip(" *_")
    words = name.split()
    return (
        bool(words)
        and not _NOT_A_NAME.search(name)
        and len(words) <= MAX_KEYWORD_WORDS
        and words[0].casefold() not in EN_STOP
    )


def _listed_name_blocks(blocks: Sequence[Block]) -> set[int]:
    """The blocks of a glossary section that are bare names (`en_listed_name`)."""
    inside = glossary_sections(blocks)
    return {i for i in inside if blocks[i].kind in PROSE and en_listed_name(blocks[i].text)}


# a line that opens a list of the terms to learn, set as a paragraph, not a heading: "Key
# terms:", "Define each of these terms in your own words:", "Vocabulary to know:"
_TERMS_LEAD_IN = re.compile(
    r"^(?:[\w’'-]+\s+){0,8}?(?:terms|vocabulary|glossary)(?:\s+[\w’'-]+){0,6}\s*[:：]$",
    re.IGNORECASE,
)


def glossary_sections(blocks: Sequence[Block]) -> set[int]:
    """The blocks under a Glossary / Key Terms / 名词解释 heading, until the next heading
    of its level or above; and the list after a lead-in naming its items as the terms to
    learn ("Define each of these terms in your own words:"), as a review sheet sets its
    terms under each section's summary. (The knowledge step reads a concept's place past
    them: a review outline opening on its 名词解释 teaches each term in the section further
    on.)"""
    inside: set[int] = set()
    level: int | None = None  # the glossary heading's, while its section lasts
    listing = False  # after a lead-in, while its list lasts
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            listing = False
            if level is not None and block.level <= level:
                level = None
            title = clean_title(HEADING_NUMBER.sub("", block.text)).casefold()
            if title in GLOSSARY_HEADINGS:
                level = block.level
        elif level is not None or (listing and block.kind == "list_item"):
            inside.add(index)
        else:
            listing = block.kind == "paragraph" and bool(
                _TERMS_LEAD_IN.match(block.text.strip(" *_"))
            )
    return inside


def _author_marks(draft: Draft) -> int:
    """How many independent layout or wording cues point at the term. A definition read
    from the emphasis itself ("**X**：…", or an emphasised term in a sentence with "is") is
    the same mark as the emphasis: "- **空间效率高**：…" is a bullet's bold claim, marked once.
    Emphasis where the body introduces the term (`Draft.introduced`) is a second mark."""
    definition = draft.definition
    own = definition is not None and (
        definition.confidence > GLOSSARY
        or (definition.confidence >= EMPHASIS and "emphasis" not in draft.sources)
    )
    return len(draft.sources & {"heading", "emphasis", "gloss"}) + (own or draft.introduced)


def _labels(text: str, term: str) -> bool:
    """The emphasised term labels its block ("- **Fast lookups**: …", "**要点**：…"): a
    bullet's claim or a definition list's head, not a term introduced in running prose."""
    opening = text.lstrip("-*•·>#0123456789.)（( \t")
    return opening.startswith(term) and opening[len(term) :].lstrip(" *_`)）").startswith(
        (":", "：")
    )


def _dated_label(text: str, term: str) -> bool:
    """The emphasised term labels a date ("**Due:** 11/5", "**Part One Due:** Tuesday,
    10/1"): a handout's deadline or a session's day, no term (a rhyme exercise's
    "part one due" was a concept)."""
    if not _labels(text, term):
        return False
    opening = text.lstrip("-*•·>#0123456789.)（( \t")
    value = opening[len(term) :].lstrip(" *_`)）:：")
    return opens_on_a_date(value)


def _course_label(text: str, term: str) -> bool:
    """The emphasised term labels one of the course's people or its apparatus before what
    it is ("**Professor:** Ben …", "**Instructor:** …", "**Office Hours:** …"): a
    syllabus's header, no term (a literature syllabus's "Professor" was a concept), its
    lines often one paragraph broken by hand ("Yale University", "Professor: …", "Email: …")."""
    return course_matter(term) and (
        any(_labels(line, term) for line in text.splitlines())
        # a reader that joins the lines leaves the label and its colon mid-paragraph
        or re.search(rf"(?:^|\s){re.escape(term)}[*_]*\s*[:：]", text) is not None
    )


def _introduced(
    definitions: list[Definition], stats: dict[str, TermStats], previews: set[int]
) -> set[str]:
    """Keys of terms defined in one of the first `PREVIEW_USES` blocks that use them: in
    plain text, where the emphasis that marked the term's introduction is lost. A list of
    objectives (`previews`) names the terms a section will introduce: no use of them, as
    for emphasis (`_introduced_at`)."""
    keys = set()
    for definition in definitions:
        key = concept_key(definition.term)
        entry = stats.get(key)
        if entry is None:
            continue
        uses = sorted(set(entry.blocks) - previews)
        if definition.block in uses[:PREVIEW_USES]:
            keys.add(key)
    return keys


def _as_if_emphasised(definition: Definition) -> Definition:
    """A plain text's definition where the term is introduced, read as Markdown reads it
    with the term in bold: the sentence opening "X is a/an/the …" (`names_its_kind`) defines
    it twice over (`DEFINED_EMPHASIS`, as "A **first-degree burn** is a …" does); a weaker
    cue counts as an emphasised term's (`EMPHASIS`). "A typical heart is approximately …",
    "The composition of the sweat determines …" stay weak."""
    if definition.confidence == WEAK and names_its_kind(definition):
        return replace(definition, confidence=DEFINED_EMPHASIS)
    if definition.confidence < EMPHASIS:
        return replace(definition, confidence=EMPHASIS)
    return definition


# an emphasis run of more words than a name has, holding a sentence's end inside it: the
# face of a quoted passage, no term it stresses
_PASSAGE_WORDS = 12
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")


def _term_spans(block: Block) -> tuple[str, ...]:
    """The block's emphasis runs that may mark a term: a whole sentence or passage set in
    italics or bold (a quotation, a slide's cited paragraph) marks none; modifiers set
    side by side take the noun they share, as names do (`with_shared_head`)."""
    spans = tuple(
        e
        for e in block.emphasis
        if not (len(e.split()) > _PASSAGE_WORDS and _SENTENCE_INSIDE.search(e.strip()))
    )
    return with_shared_head(spans, block.text)


def _authors_stress(block: Block) -> list[str]:
    """The block's stressed terms that the author stressed as terms: not a work's title
    set in italics, nor a key point `keypoints` stressed, nor an answer an answer key
    wrote in (`Block.written_in`)."""
    spans = [e for e in _term_spans(block) if not _names_a_work(e, block.text)]
    points = key_point_terms(block.text) if spans else []
    return [e for e in spans if e not in points and e not in block.written_in]


# A work's title inside a sentence: capitalised (or opening on a year, "2001: A Space
# Odyssey") after a lower-case word, a digit or a comma ("films such as The Birth of a
# Nation and Intolerance", "His film, The Great Train Robbery"), every long word of it
# capitalised. A term emphasised mid-sentence is written in lower case ("a *montage*").
_WORK_WORD = re.compile(r"[A-Za-z][\w'’\-]*")


def _names_a_work(span: str, text: str) -> bool:
    """`span`, emphasised in `text`, reads as the title of a work, not a term."""
    if not span[:1].isupper() and not span[:1].isdigit():
        return False
    if any(w[0].islower() and len(w) > 3 for w in _WORK_WORD.findall(span)):
        return False
    return re.search(rf"(?:[a-z0-9’'],?|,)\s+{re.escape(span)}", text) is not None


def _gloss_marks(cues: list[Cue]) -> dict[int, tuple[str, ...]]:
    """Terms a plain text marks without emphasis (glossed, or opening a definition list's
    entry), by block: they stand where the emphasis was."""
    marks: dict[int, tuple[str, ...]] = {}
    for cue in cues:
        if cue.kind in ("gloss", "emphasis"):
            marks[cue.block] = (*marks.get(cue.block, ()), cue.term)
    return marks


def _definitions(
    body: list[tuple[int, str]],
    blocks: Sequence[Block],
    chinese: bool,
    points: frozenset[int],
    plain: bool = False,
    marks: dict[int, tuple[str, ...]] | None = None,
) -> list[Definition]:
    """Defining sentences; an emphasised term counts as defined only in the first sentence of
    its block that contains it (later sentences use the term, they do not define it).
    `points`: `zh_facet_points`. `marks`: terms to treat as emphasised, by block (a plain
    text's glossed terms)."""
    found: list[Definition] = []
    used: set[tuple[int, str]] = set()
    imagined: set[int] = set()  # blocks that set up a thought experiment
    opened: set[int] = set()  # blocks whose first sentence was read
    runs = zh_entry_runs(blocks) if chinese else set()
    nearest = _nearest_headings(blocks)
    # a true-or-false item's statement may be false, as may a multiple-choice question's
    # choice (`questions.choices`); a form's fields are no statements
    unstated = {
        i
        for i, b in enumerate(blocks)
        if (
            zh_statement_to_judge(b.text) or zh_form_line(b.text)
            if chinese
            else en_form_line(b.text)
        )
    } | (set() if chinese else choices(blocks))
    previous = ""  # the sentence before, in the same block (`zh_named_then_said`)
    for index, sentence in body:
        if index in unstated:
            continue
        first = index not in opened
        above = _name_line(blocks, index) if first else ""
        opened.add(index)
        item = first and blocks[index].kind == "list_item"
        below = zh_entry_below if chinese else en_answer_below
        entry = (
            (labelled_below(above, sentence, index) or below(above, sentence, index))
            if above
            else labelled_below(_lone_name(blocks, index), sentence, index)
            if first
            else None
        )
        if entry is None and above and not chinese:
            entry = en_fragment_below(above, sentence, index)
        if entry is not None:
            found.append(entry)
        spans = _term_spans(blocks[index]) or (marks or {}).get(index, ())
        fresh = tuple(e for e in spans if (index, e) not in used and e in sentence)
        used.update((index, e) for e in fresh)
        if not chinese and _THOUGHT_EXPERIMENT.match(sentence):
            imagined.add(index)
        defined = [
            d
            for d in find_definitions(
                sentence, index, chinese, fresh, plain, spans, item, item and index in runs
            )
            # "Imagine a road called “Broad Street” in a town called “Anyville.” … the next
            # town over, called “Hometown.”": the names an example makes up are no terms
            if (index not in imagined or not _capitalised(d.term))
            # "is known as the principle of ________": a worksheet's blank, its head noun
            and (chinese or not head_of_a_blank(d.term, sentence))
            # "… of an up move is" over a formula the PDF left in pieces: it says nothing
            and (chinese or not lead_in_left_open(sentence, index, blocks))
            # "主要局限：" then "1. 恢复难题：…": the point's label, no term
            and not (first and index in points and _labels(sentence, d.term))
        ]
        # plain text only: where the author has emphasis, the kinds defined are set in it
        # (on Markdown chapters the rule cost key concepts their course places)
        kind_opens = first and plain and not chinese and blocks[index].kind == "paragraph"
        if not defined and kind_opens:
            heading = blocks[nearest[index]].text if nearest[index] >= 0 else ""
            kind = _kind_of_the_section(sentence, index, heading)
            defined = [kind] if kind is not None else []
        if not defined and chinese and not first:
            # "…就是白矮星。白矮星是…的致密恒星残骸。": the name brought in, then said
            said = zh_named_then_said(previous, sentence, index)
            defined = [said] if said is not None else []
        if chinese and not first and (named := zh_named_after(previous, sentence, index)):
            # "……状态。这就是牛顿第一定律。": the statement before is what the name names
            defined = [named, *(d for d in defined if d.term != named.term)]
        if previous and (answered := qa_answer(previous, sentence, index)) is not None:
            # "Q: What is osmosis?" then "A: Osmosis is …": the answer defines what is asked
            defined = [answered, *defined]
        previous = sentence
        found.extend(defined)
    return found


# a paragraph opening on a modifier or two and a plural noun, then "are": "Palatal consonants
# are made using …"
_KIND_SUBJECT = re.compile(
    r"^(?P<t>(?P<m>[A-Z][\w'’\-]*(?:\s+[a-z][\w'’\-]*)?)\s+(?P<h>[a-z]+s))\s+are\s"
)


def _kind_of_the_section(sentence: str, index: int, heading: str) -> Definition | None:
    """A plain text's paragraph that opens by naming a kind of its section's topic describes
    that kind: under "Dorsal consonants", "Palatal consonants are made using the tongue
    body …", "Velar consonants are made …" each say what one kind is, in a handout's prose
    with no bold and no "is a" (they were no concepts, while the section's topic was). The
    subject is modifiers before the plural the heading ends on; a determiner ("These
    consonants", "Most consonants") points back at the topic and names no kind."""
    match = _KIND_SUBJECT.match(sentence)
    words = heading.split()
    if match is None or not words or concept_key(words[-1]) != concept_key(match.group("h")):
        return None
    modifiers = match.group("m").lower().split()
    if any(m in EN_STOP or m.isdigit() for m in modifiers):
        return None
    if concept_key(match.group("t")) == concept_key(heading):
        return None  # the section's own topic: its heading names it already
    return Definition(match.group("t"), sentence, index, WEAK)


def _name_line(blocks: Sequence[Block], index: int) -> str:
    """The block before index when it is a line that only names, stressed: a heading, or a
    paragraph set wholly in bold or marked as a term ("*心理授权"); "" else."""
    if index == 0:
        return ""
    above = blocks[index - 1]
    if above.kind == "heading" or (
        above.kind in ("paragraph", "list_item") and above.text in above.emphasis
    ):
        return above.text
    return ""


# A course note's plain line naming a method and the list under it opening on its meaning,
# labelled ("静态分析" then "- 含义：指不实际运行程序…", "Inspection" then "- Definition: …"):
# unstressed, the line was no heading for `labelled_below`, and the label kept the item
# from defining anything. Only a labelled gloss reads so: a plain line before any other
# text (a list's lead-in, a caption) names nothing.
_SENTENCE_MARK = re.compile(r"[，,。.；;：:！!？?、]")


def _lone_name(blocks: Sequence[Block], index: int) -> str:
    """The block before `index` when it is a paragraph of one short line with no sentence
    mark in it, and `index` opens a list under it; "" else."""
    if index == 0 or blocks[index].kind != "list_item":
        return ""
    above = blocks[index - 1]
    text = above.text.strip()
    if above.kind != "paragraph" or "\n" in text or _SENTENCE_MARK.search(text):
        return ""
    return text


# a sentence that sets up a thought experiment: what it names is made up for the example
_THOUGHT_EXPERIMENT = re.compile(
    r"\s*(?:imagine|suppose|pretend|picture|let['’]s say|say that)\b", re.I
)


def _heading_residue(blocks: Sequence[Block], cues: list[Cue]) -> str:
    """Heading text with each heading's own topics cut out: "dot" inside "Dot Products" is
    part of the topic "dot product", not a topic of its own."""
    topics: dict[int, list[str]] = {}
    for cue in cues:
        if cue.kind == "heading":
            topics.setdefault(cue.block, []).append(concept_key(cue.term))
    residues = []
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            text = concept_key(block.text)
            for topic in sorted(topics.get(index, []), key=len, reverse=True):
                text = mention_pattern(topic).sub(" \u2063 ", text)
            residues.append(text)
    return " \u2063 ".join(residues)


# a list's or a question's labels, "b)", "(c)", "iv.", which a PDF sets upright in a slanted
# passage
_ITEM_LABEL = re.compile(r"(?<!\w)(?:\(?[a-hA-H]\)|[a-hA-H]\.|\(?[ivx]{1,4}[.)])(?!\w)")


def _styled_throughout(block: Block) -> bool:
    """Every word of the paragraph, its labels (two or more) aside, is in its emphasis runs:
    the face of a whole passage (a book's exercises set in slanted type, "b) Main Memory
    c) Secondary Memory d) Input Devices e) Output Devices"), which stresses no term."""
    if len(block.emphasis) < 2 or len(_ITEM_LABEL.findall(block.text)) < 2:
        return False  # "**Polymorphism**, **Inheritance**": names a list sets in bold
    rest = _ITEM_LABEL.sub(" ", block.text)
    for span in sorted(block.emphasis, key=len, reverse=True):
        rest = rest.replace(span, " ")
    return not any(ch.isalpha() for ch in rest)


def _run_in(block: Block) -> bool:
    """A paragraph or quote that is a box's title or a run-in sub-heading (not a list's item)."""
    return block.kind != "list_item" and run_in_heading(block.text, block.emphasis)


# The words a document names itself by ("In this lesson", "the next chapter"). Alone as a
# concept such a word is the text pointing at itself: a lesson's heading "What this lesson
# will not teach you" made "lesson" its best-scored concept. ("module", "unit", "section"
# and "part" name things of their own in programming, physics and geometry.)
_SELF_NAMES = frozenset({"lesson", "chapter", "lecture", "episode", "tutorial", "workshop"})
_POINTING = re.compile(
    r"\b(?:this|these|next|previous|preceding|following|earlier|later|last|coming"
    r"|upcoming|our|today's|today’s)\s+$",
    re.I,
)


def _points_at_itself(key: str, prose: str) -> bool:
    """`key` is one of the words a document names itself by, and at least half of its uses
    point at this document or its neighbours ("this lesson", "the previous chapter")."""
    if key not in _SELF_NAMES:
        return False
    uses = [m.start() for m in re.finditer(rf"\b{key}s?\b", prose, re.I)]
    pointing = sum(1 for at in uses if _POINTING.search(prose[max(0, at - 24) : at]))
    return bool(uses) and 2 * pointing >= len(uses)


def _code_at_work(
    body: Sequence[tuple[int, str]], cues: Sequence[Cue], definitions: Sequence[Definition]
) -> list[Definition]:
    """For each name the text names as code and defines nowhere, the first sentence that
    opens on it and says what it does ("`pwd` prints the path of the current directory"):
    a shell lesson's commands were named, run and explained that way, never defined."""
    named = {concept_key(c.term) for c in cues if c.kind in CODE_KINDS}
    defined = {concept_key(d.term) for d in definitions}
    found: dict[str, Definition] = {}
    for block, sentence in body:
        at_work = code_at_work(sentence, block)
        if at_work is None:
            continue
        key = concept_key(at_work.term)
        if key in named and key not in defined:
            found.setdefault(key, at_work)
    return list(found.values())


def _cues(
    blocks: Sequence[Block],
    chinese: bool,
    advice: dict[int, str],
    labels: frozenset[int],
    *,
    lecture: bool = False,
    options: dict[int, int],
    outline: dict[int, str],
    points: frozenset[int] = frozenset(),
) -> list[Cue]:
    """`lecture`: the document sets its definitions as numbered environments. `options`:
    the blocks holding a question's options (`questions.option_runs`); `points`: the list
    items under an aspect's lead-in, whose labels name no term (`zh_facet_points`)."""
    cues: list[Cue] = []
    own_code = {n for b in blocks if b.kind == "code" for n in defined_in_code(b.text)}
    named_code: list[Cue] = []
    # plain text: no emphasis and no backticks anywhere, so code is named without marks
    unmarked = not any(b.emphasis or "`" in b.text for b in blocks if b.kind in PROSE)
    # "Your Analysis:" over a worksheet's blanks: the student's form, no topic; a
    # syllabus's "Attendance", "Electronics" under its policies: rules, no topics
    furniture = repeated_apparatus(blocks) | answer_forms(blocks) | _course_rules(blocks)
    furniture |= _task_headings(blocks)  # "Instructions:" over "Re-type the lines …"
    placeholders = {p for b in blocks if b.kind in PROSE for p in syntax_placeholders(b.text)}
    # a control a step clicks is one wherever the text names it: "such as **Basics** and
    # **Advanced**" a line before "On the **Basics** tab, …" (`structure.interface_label`)
    controls = {
        span
        for b in blocks
        if b.kind in PROSE
        for span in b.emphasis
        if interface_label(span, b.text)
    }
    bilingual = bilingual_headings(b.text for b in blocks if b.kind == "heading")
    listed = _listed_kinds(blocks) if unmarked and not chinese else {}
    glossary = glossary_sections(blocks)
    for index, block in enumerate(blocks):
        keywords = keyword_list(block.text) if block.kind in PROSE else []
        if not keywords and index in glossary and block.kind in PROSE:
            if chinese:
                keywords = zh_listed_terms(block.text)
            elif en_listed_name(block.text):
                # "Key Terms" over "Synaptic cleft", "Connexon", one a line: the name the
                # list sets apart, as a heading would (a summary sheet's terms were lost)
                cues.extend(heading_terms(block.text, index, block.level))
                continue
        if keywords:
            # "Keywords: graph algorithm; cache optimisation", "关键词：量子点，瞬态吸收": the
            # paper names its key topics as a heading would; the label is no term. A thesis
            # gives its abstract and keywords in both languages: the other language's list
            # only translates this one ("Smart Watches" beside 智能手表)
            if any(has_han(k) for k in keywords) == chinese:
                cues.extend(Cue(k, "heading", index, block.level, True) for k in keywords)
            continue
        # "Theorem 2.1.10 (Monotone convergence theorem).", "定义 3.1.1: 线性空间": a theorem
        # environment's header names the term defined or the result, as emphasis would
        if block.kind in PROSE:
            cues.extend(Cue(name, "emphasis", index) for name in environment_names(block.text))
        if block.kind == "heading":
            if index not in furniture:
                cues.extend(heading_terms(block.text, index, block.level, bilingual))
                # "索引" over prose about a database's index: a topic, no book's index
                topic = apparatus_as_topic(blocks, index)
                if topic:
                    cues.append(Cue(topic, "heading", index, block.level, True))
        elif block.kind == "table":
            cues.extend(table_topics(block.text, index))
        elif block.kind == "formula" or block.text.lstrip().startswith(("$$", "\\[", "\\begin{")):
            cues.extend(formula_labels(block.text, index))  # a PDF or HTML keeps maths as text
        elif block.kind in PROSE and (_run_in(block) or index in labels):
            # "**Nutshell History: Social Safety Net**": a feature box's title, no term (its
            # names count where the body uses them; as headings they crowd out terms)
            continue
        elif block.kind in PROSE:
            emphasis = () if _styled_throughout(block) else block.emphasis
            emphasised = emphasis_terms(emphasis, index, block.text, lecture)
            # "当参数 **保留小数的位数** 为变量时": a syntax line's placeholder, no name
            emphasised = [c for c in emphasised if c.term not in placeholders | controls]
            # "- **Use elaborative rehearsal**: …" in a list of such tips: an instruction
            emphasised = [c for c in emphasised if concept_key(c.term) != advice.get(index)]
            # "**Part One Due:** Tuesday, 10/1": a deadline's label, given its date, no term
            emphasised = [c for c in emphasised if not _dated_label(block.text, c.term)]
            # "**Professor:** …", "**Textbook:** …": the course's people or apparatus, given
            emphasised = [c for c in emphasised if not _course_label(block.text, c.term)]
            if index in points:
                # "**治则：**疏通经络…" under each syndrome: a field's label set in bold, as a
                # Word or 飞书 document sets it, names no term, as it does unmarked
                emphasised = [c for c in emphasised if not _labels(block.text, c.term)]
            if chinese and index in advice:
                # "**选择参考节点**：…" as a procedure's step: it stresses 参考节点
                emphasised.append(Cue(zh_step_object(advice[index]), "emphasis", index))
            cues.extend(emphasised)
            if chinese:
                # "又分闭证与脱证": the kinds a division names, each one the text goes on to
                # describe (used again after the division), as a table of terms names
                # them; rjieba tags a name it does not know (闭证) as a verb, which the
                # rule for stressed verbs would drop
                cues.extend(
                    Cue(k, "division", index)
                    for k in zh_divided_kinds(block.text)
                    if sum(b.text.count(k) for b in blocks[index:]) >= 2
                )
            # "4．谈谈你对资产证券化的看法", "Q: What is osmosis?": the topic a question asks
            cues.extend(Cue(n, "asked", index) for n in asked_topics(block.text))
            if index in options:  # "A. absolute threshold B. transduction": names offered
                names = option_names(_question_options(blocks, options, index), chinese)
                cues.extend(Cue(n, "option", index) for n in names if n in block.text)
            named = plain_code_names if unmarked else code_names
            named_code.extend(c for c in named(block.text, index) if c.term not in own_code)
            if not unmarked:  # introduced with its expansion: named once is enough
                cues.extend(expanded_code_names(block.text, index))
            if not chinese:  # "KDC-- Key Distribution Center": spelled out, no brackets
                cues.extend(Cue(name, "gloss", index) for name, _ in spelled_acronyms(block.text))
            # a form's fields ("考试时间：120分钟　　满分：100分") have labels, no terms
            if unmarked and index not in points and not (chinese and zh_form_line(block.text)):
                heads = colon_head(block.text, index)
                cues.extend(c for c in heads if concept_key(c.term) != advice.get(index))
                if not chinese:
                    cues.extend(Cue(t, "emphasis", index) for t in listed.get(index, ()))
            if chinese or "(" in block.text:
                glossed = []
                # an author-year citation in brackets glosses nothing: "…过渡形式相类似
                # (Schumann, 1979)" made the clause before it a term (a translated chapter's
                # "更是如此" and "过渡形式相类似")
                for gloss in gloss_terms(without_citations(block.text), index):
                    # "点积表示*加权平均*（weighted average）": emphasis marks where it starts
                    # and "**$n$步时序差分**（n-step TD）": the maths letter the run before
                    # the bracket cannot hold (a Chinese term opens on a Han character)
                    inner = next(
                        (
                            e.term
                            for e in emphasised
                            if (
                                gloss.term.endswith(e.term)
                                and _run_before_no_name(gloss.term, e.term)
                            )
                            or (
                                e.term.endswith(gloss.term)
                                and _MATHS_LETTERS.fullmatch(e.term[: -len(gloss.term)])
                            )
                        ),
                        None,
                    )
                    glossed.append(Cue(inner, "gloss", index) if inner else gloss)
                # "*似然*（likelihood）", where the run before the bracket gives no term
                seen = {c.term for c in glossed}
                extra = glossed_emphasis(emphasised, block.text, index)
                glossed.extend(c for c in extra if c.term not in seen)
                cues.extend(glossed)
    # a syllabus's outline lists its topics, one an item, as a schedule's table does
    for index, topic in outline.items():
        cues.extend(
            replace(cue, whole=cue.term.casefold() in topic.casefold())
            for cue in heading_terms(topic, index, 2)
        )
    # named as code once may be a passing mention; twice, the text is talking about it, and
    # so it is when a heading names it too ("apply方法" over "`apply` 方法常用于…": a pandas
    # tutorial's section on `apply` named it as code once)
    times = Counter(concept_key(c.term) for c in named_code)
    # (a heading names code as code: in backticks, or in Latin letters among Chinese; an
    # English heading's words are words: "Creating a New Hash Map" names no `new`)
    headed = {
        concept_key(word)
        for b in blocks
        if b.kind == "heading"
        for word in re.findall(_LATIN_NAME if has_han(b.text) else _BACKTICKED_NAME, b.text)
    }
    times.update(k for k in set(times) & headed)
    # "6. apply方法" heads the section on the code the body names "`apply` 方法": the
    # heading's name is the code's (as a heading cue "apply方法" it was a second name that
    # the body never writes, and the code's own cue ranked below the budget)
    code_keys = set(times)
    cues = [_code_heading(c, code_keys) for c in cues]
    cues = _headings_named_whole(cues, blocks)
    if chinese:
        written = written_text(blocks)
        cues = _zh_word_pieces(cues, blocks, written)
        cues = _glossed_after_a_verb(cues, written)
    return cues + [c for c in named_code if times[concept_key(c.term)] >= 2]


_LATIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BACKTICKED_NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*)`")
# a heading naming code by its kind, as Chinese prose does: "apply方法", "merge函数"
_HEADED_CODE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:函数|方法|命令|关键字|运算符|语句)")


def _code_heading(cue: Cue, code_keys: set[str]) -> Cue:
    named = _HEADED_CODE.fullmatch(cue.term) if cue.kind == "heading" else None
    if named and concept_key(named.group(1)) in code_keys:
        return replace(cue, term=named.group(1))
    return cue


def _question_options(blocks: Sequence[Block], options: dict[int, int], index: int) -> list[str]:
    """All the options of the question whose options `index` holds (one block, or a run)."""
    first = options[index]
    return [t for i, s in options.items() if s == first for t in option_texts(blocks[i].text)]


# the word classes of a noun a marked span may run into: "<u>树突状</u>细胞" (细胞, n)
_ZH_NOUN_TAGS = frozenset({"n", "nz", "ng", "nrt"})


_MATHS_LETTERS = re.compile(r"[A-Za-z0-9]{1,3}")


def _run_before_no_name(run: str, emphasised: str) -> bool:
    """The words of the glossed `run` before its `emphasised` end are no part of its name
    ("点积表示" before *加权平均*: a clause, ending on a common verb), so the emphasis names
    the glossed term. A noun there opens the name itself: "消费者价格指数（CPI）", where the
    block sets 价格指数 in italics elsewhere, stays 消费者价格指数."""
    before = run[: len(run) - len(emphasised)]
    if not before:
        return True
    word, tag = rjieba.tag(before)[-1]
    if tag.startswith("n") or tag in _ZH_NAME_PART_TAGS:
        return False
    # a rare word read as a verb is a technical one (减数分裂细胞周期), a common one the
    # clause's verb (表示)
    return not (tag.startswith("v") and not zh_word_of_its_own(word))


# word classes rjieba gives the first words of names beside nouns: verbal nouns (冒泡), idioms
# and set phrases (有丝分裂 is an idiom to it), abbreviations, distinguishing words (大型)
_ZH_NAME_PART_TAGS = frozenset({"vn", "i", "l", "j", "b", "eng"})


def written_text(blocks: Sequence[Block]) -> str:
    """The document's prose and headings, a block a line: where a Chinese name is looked
    for as the text writes it (`_zh_word_pieces`, `_glossed_after_a_verb`)."""
    return "\n".join(b.text for b in blocks if b.kind in PROSE or b.kind == "heading")


def _glossed_after_a_verb(cues: list[Cue], text: str) -> list[Cue]:
    """A gloss read back from its bracket takes in the verb before the name when the name
    is too short to say all of the English (`structure._trailing_term` cuts a verb only
    before two characters a gloss word): "采用交叉熵（cross entropy）", "构建决策树（decision
    tree）", "会出现时间戳（Date times）的概念" named 采用交叉熵, 构建决策树, 出现时间戳. Where
    the text writes the name without the verb elsewhere and the pair only there, the verb
    is the sentence's and goes. A name of three characters or more only: a two-character
    head is used alone everywhere (矩阵), and 对称矩阵 is one name; a name the text repeats
    with its verb (训练数据集) keeps it. `text`: `written_text`."""
    return [
        replace(c, term=_without_leading_verb(c.term, text)) if c.kind == "gloss" else c
        for c in cues
    ]


def _without_leading_verb(term: str, text: str) -> str:
    verb, tag = (rjieba.tag(term, False) or [("", "")])[0]
    rest = term[len(verb) :]
    if tag != "v" or len(verb) < 2 or len(rest) < 3 or not has_han(rest):
        return term
    once = text.count(term) <= 1
    return rest if once and text.count(rest) > text.count(term) else term


def _zh_word_pieces(cues: list[Cue], blocks: Sequence[Block], text: str) -> list[Cue]:
    """An answer sheet underlines the blank's answer, often the first part of a word the
    sentence finishes: "如巨噬细胞和<u>树突状</u>细胞", "借助于<u>淋巴</u>循环",
    "<u>辅助性T</u>细胞".
    A marked Chinese span that the text never writes as a word of its own, only inside a
    longer word or before the noun it modifies, is a piece of a name, not one (a biology
    review sheet's 树突状, 淋巴, 杀菌 were concepts); one the text uses alone ("<u>抗体</u>、…",
    "抗体能与…") stays. `text`: `written_text`."""
    pieces: dict[str, bool] = {}

    def piece(term: str) -> bool:
        if term not in pieces:
            pieces[term] = _only_inside_words(term, text)
        return pieces[term]

    # a name a table's kind column lists (`table_topics`) is a cell's whole text, no piece;
    # where it is marked, only ever a piece is one too: "体液中的<u>杀菌</u>物质" marks no
    # 杀菌, though "溶菌酶杀菌" writes it alone elsewhere
    return [
        c
        for c in cues
        if c.kind != "emphasis"
        or blocks[c.block].kind == "table"
        or not (piece(c.term) or _only_inside_words(c.term, blocks[c.block].text))
    ]


def _only_inside_words(term: str, text: str) -> bool:
    """A Chinese `term` the text writes, every time inside a longer word. A span the text
    never writes as such (its maths rendered: "**$n$步时序差分**" marks n步时序差分) cannot
    be judged a piece, and is none."""
    found = list(re.finditer(re.escape(term), text))
    return (
        has_han(term)
        and bool(found)
        and all(_inside_a_word(text, m.start(), m.end()) for m in found)
    )


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """The span text[start:end] is part of a longer word: rjieba's word crosses one of its
    ends, or the word after it is a noun it modifies."""
    left = max(0, start - 6)
    context = text[left : end + 8]
    begin, stop = start - left, end - left
    for _, a, b in rjieba.tokenize(context):
        if (a < begin < b) or (a < stop < b):
            return True
    after = rjieba.tag(context[stop:])
    return bool(after) and after[0][1] in _ZH_NOUN_TAGS and has_han(after[0][0])


def _listed_kinds(blocks: Sequence[Block]) -> dict[int, list[str]]:
    """Plain text, by block: the kinds of one thing a list names with its head repeated
    ("tight junctions, anchoring junctions, and gap junctions"), where a textbook sets them
    in bold, when the text names each again elsewhere; a kind named once is in passing
    ("AVL trees and red-black trees" in a chapter on graphs)."""
    prose = "\n\x00\n".join(b.text for b in blocks if b.kind in PROSE)
    found: dict[int, list[str]] = defaultdict(list)
    for index, block in enumerate(blocks):
        if block.kind in PROSE:
            for term in shared_head_items(block.text):
                if _count_plain(concept_key(term), prose) >= MIN_LISTED_MENTIONS:
                    found[index].append(term)
    return found


def _headings_named_whole(cues: list[Cue], blocks: Sequence[Block]) -> list[Cue]:
    """A heading the body sets in bold or italics as one name is that name, not the parts
    its "and" would split it into: "Critical Race and Gender Theory" over "Advocates of
    **critical race and gender theory** …" names one theory, no "critical race" and
    "gender theory"."""
    emphasised = {concept_key(c.term) for c in cues if c.kind == "emphasis"}
    whole: dict[int, str] = {}
    for index, block in enumerate(blocks):
        if block.kind == "heading" and " and " in block.text:
            title = clean_title(HEADING_NUMBER.sub("", block.text))
            if concept_key(title) in emphasised:
                whole[index] = title
    if not whole:
        return cues
    kept = [c for c in cues if not (c.kind == "heading" and c.block in whole)]
    named = [Cue(t, "heading", i, blocks[i].level, True) for i, t in whole.items()]
    return kept + named


def _guessed_levels(blocks: Sequence[Block]) -> set[int]:
    """Levels of a plain text's headings that may be guessed from lone title-like lines:
    its one level, or below a title and its sections (the text reader reads a title, the
    headings after its section breaks and the rest: `readers.text._sectioned`)."""
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    return set(levels) if len(levels) == 1 else set(levels[2:])


def _at_levels(blocks: Sequence[Block], levels: set[int]) -> set[int]:
    """The indices of the headings at `levels`."""
    return {i for i, b in enumerate(blocks) if b.kind == "heading" and b.level in levels}


def _under_titles(blocks: Sequence[Block]) -> set[int]:
    """The indices of a slide deck's headings below a slide's title, its first heading:
    a diagram's labels, a program's output or a callout set large ("Joseph", "Blastoff!",
    "csev zhen"). Read as a plain text's guessed levels (all of one level, or all below
    the first two), a deck whose titles share one size lost every title its bullets do
    not repeat ("Tale of Two Loops", "Built-in Functions and Lists"), and one whose
    titles come in several sizes the titles set smaller."""
    found: set[int] = set()
    titled: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        if block.page in titled:
            found.add(index)
        titled.add(block.page)
    return found


def _topic_of_document(
    cues: list[Cue], kinds: set[str], definition: Definition | None, top: int
) -> bool:
    """A broad word (ZH_BROAD) is what the document is about: its top heading names it
    ("函数和模块", a chapter headed "图"), or the text defines or glosses it; a section
    heading ("所有权与函数") or bold elsewhere only uses it."""
    return any(c.kind == "heading" and c.level == top for c in cues) or _defined(kinds, definition)


# a word this common in ordinary English ("layers", "function", "protection", "input"; Zipf
# 4.0 and above) heads a sub-section as a plain word, not as a term the section teaches
HEADING_WORD_ZIPF = 4.0


def _heading_word(
    key: str,
    kinds: set[str],
    cues: list[Cue],
    definition: Definition | None,
    entry: TermStats | None,
    top: int,
    blocks: Sequence[Block],
) -> bool:
    """A common English word that only a sub-heading names, in the plural ("Layers", "Basic
    Functions", "Diseases, Disorders, and Injuries of …"), and that the body uses often but
    never defines nor emphasises: the heading's wording, not a topic. The document's top
    heading names what it is about, and a heading of what is done to it names what it is
    done to ("Storing Keys with Associated Values", "Listing Your Tags")."""
    if kinds != {"heading"} or " " in key or (definition and definition.confidence > WEAK):
        return False
    if any(c.level <= top for c in cues):
        return False
    if any(_action_heading(blocks[c.block].text) for c in cues):
        return False
    if any(_introduces(c.term, blocks[c.block].text) for c in cues):
        return False
    plural = all(c.term.isalpha() and concept_key(c.term) != c.term.casefold() for c in cues)
    return (
        plural
        and entry is not None
        and entry.count >= 5
        and zipf_frequency(key, "en") >= HEADING_WORD_ZIPF
    )


# a heading that introduces its topic: "A brief primer on matrices", "Introduction to
# Graphs", "Overview of Enzymes" (a demography chapter's "matrix", used 111 times, was
# taken for the wording of its heading)
_INTRODUCTION_OF = re.compile(
    r"\b(?:primer|introduction|intro|overview|review|basics|fundamentals|essentials|notes"
    r"|refresher|guide|tutorial)\s+(?:on|to|of)\s+(?P<topic>.+)$",
    re.IGNORECASE,
)


def _introduces(term: str, heading: str) -> bool:
    found = _INTRODUCTION_OF.search(heading)
    return found is not None and term.casefold() in found.group("topic").casefold()


def _action_heading(text: str) -> bool:
    """ "Storing Keys …", "4.2 Creating Tags": a heading that opens on a gerund."""
    words = re.findall(r"[A-Za-z]+", HEADING_NUMBER.sub("", text))
    return bool(words) and gerund(words[0])


def _defined(kinds: set[str], definition: Definition | None) -> bool:
    """The text says what the term means: a confident definition, or an English gloss."""
    return (definition is not None and definition.confidence >= 0.7) or "gloss" in kinds


def _segmenter(cues: list[Cue], texts: Sequence[str] = ()) -> rjieba.Jieba:
    """A per-document rjieba that keeps the document's own terms whole (线性方程组, 字面值),
    and the transliterated names it writes (`_transliterations`: 拉格朗日, 切比雪夫)."""
    segmenter = rjieba.Jieba()
    for cue in cues:
        term = cue.term.replace(" ", "")
        if has_han(term) and 2 <= len(term) <= 12:
            segmenter.add_word(term, None, "nz")
    for name in _transliterations(texts):
        segmenter.add_word(name, None, "nr")
    return segmenter


_NOT_A_NAMES_PART = {"u", "uj", "ul", "uz", "ud", "ug", "uv", "p", "c", "r", "d", "x", "zg"}
MAX_TRANSLITERATION_SENTENCES = 3000


def _transliterations(texts: Sequence[str]) -> set[str]:
    """A foreign name rjieba cuts short, seen whole in the document: a person's name it
    knows in part (拉格朗(nr) 日, 切 比雪夫(nr)) always followed, or always preceded, by the
    same one character, at least twice. rjieba left 拉格朗 a concept of its own and read
    拉格朗日乘子 as 拉格朗 + 日 + 乘子."""
    seen: Counter[str] = Counter()
    beside: dict[tuple[str, int], Counter[str]] = {}
    step = max(1, len(texts) // MAX_TRANSLITERATION_SENTENCES)
    for text in texts[::step]:
        if not has_han(text):
            continue
        tokens = rjieba.tag(text)
        for i, (word, tag) in enumerate(tokens):
            if not (tag == "nr" and len(word) >= 3 and has_han(word)):
                continue
            seen[word] += 1
            for side, j in ((1, i + 1), (0, i - 1)):
                if 0 <= j < len(tokens):
                    other, other_tag = tokens[j]
                    if len(other) == 1 and has_han(other) and other_tag not in _NOT_A_NAMES_PART:
                        beside.setdefault((word, side), Counter())[other] += 1
    names = set()
    for (word, side), counter in beside.items():
        other, times = counter.most_common(1)[0]
        if times >= 2 and times == seen[word]:
            names.add(word + other if side else other + word)
    return names


def _rare_and_marked(kinds: set[str], entry: TermStats, chinese: bool) -> bool:
    """An emphasised lower-case word far from everyday English ("**magnetosomes**",
    "**xenobiotics**", "**peritrichous**"): a term, even where the phrases around it read
    as longer ones ("magnetosomes help bacteria", "bacteria use magnetosomes"). Not a
    surname ("Newton" in "Newton's law") nor a word of common use ("hypothesis")."""
    return (
        not chinese
        and "emphasis" in kinds
        and entry.title.islower()
        and technicality(entry.key) >= RARE_TECHNICALITY
    )


def _capitalised(title: str) -> bool:
    return all(w[:1].isupper() for w in title.split())


def _longer_capitalised(stats: dict[str, TermStats]) -> dict[str, int]:
    """For each key, the most uses of a capitalised name one word longer that opens with it
    ("ku klux" → the count of "Ku Klux Klan"): built once, read by `_cut_name`."""
    longer: dict[str, int] = {}
    for key, entry in stats.items():
        if " " in key and _capitalised(entry.title):
            prefix = key.rsplit(" ", 1)[0]
            longer[prefix] = max(longer.get(prefix, 0), entry.count)
    return longer


def _cut_name(entry: TermStats | None, longer: dict[str, int]) -> bool:
    """A capitalised name never used on its own, always followed by one more capitalised
    word wherever it stands: the longer name cut short ("Ku Klux" of "Ku Klux Klan")."""
    if entry is None or entry.words < 2 or entry.alone or not _capitalised(entry.title):
        return False
    return longer.get(entry.key, 0) >= entry.count


# a capitalised word and "and" just before a span: the span may be the second half of a
# name joined by "and" ("French and Indian War", "Health and Human Services")
_CAPITALISED_AND_BEFORE = re.compile(r"\b[A-Z][\w’'-]* and $")


def _coordinated_tail(entry: TermStats | None, prose: str) -> bool:
    """A capitalised name of two words or more read only after a capitalised word and
    "and": the tail of one name joined by "and", cut at it as `_cut_name`'s are cut at
    their end ("Indian War" of "French and Indian War" named a war nobody fought). A name
    also read on its own elsewhere ("Human Services" in a later sentence) stays."""
    if entry is None or entry.words < 2 or not _capitalised(entry.title):
        return False
    starts = [
        m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(entry.title)}(?![\w-])", prose)
    ]
    return bool(starts) and all(
        _CAPITALISED_AND_BEFORE.search(prose, max(0, at - 40), at) for at in starts
    )


# jieba's count under which a noun is a specific thing, no general head: 财政收入 4, 酸雨
# 110; a compound naming a kind ends on a general noun (时间 33,288, 反应 7,652, 算法 456)
ZH_SPECIFIC_OBJECT = 200


def _zh_verb_object(key: str) -> bool:
    """A common verb and then its object, a specific noun: "增加财政收入", "形成酸雨",
    "减少煤燃烧", a phrase telling what is done (an exam paper's answers and explanations
    repeat it), no name. A compound naming a kind of thing ends on its head, a general
    noun ("运行时间", "分解反应"), and a verb rjieba reads as a noun or a verbal noun opens
    a name ("生产要素", "检测产物" stay)."""
    tags = rjieba.tag(key)
    if len(tags) < 2 or not all(has_han(c) for c in key):
        return False
    verb, tag = tags[0]
    rest = key[len(verb) :]
    return (
        tag == "v"
        and len(verb) == 2
        and zh_count(verb) >= ZH_ACTION_COUNT
        and len(rest) >= 2
        and tags[1][1].startswith("n")
        and zh_count(rest) < ZH_SPECIFIC_OBJECT
    )


def _zh_reciprocal(key: str) -> bool:
    """相 ("each other") before a two-character verb: 相匹配, 相结合, 相适应, a predicate
    saying two things match or join ("与父类相匹配"), no name. 相 before a noun opens one
    (相对论, 相干性, 相位差)."""
    if len(key) != 3 or key[0] != "相":
        return False
    tags = rjieba.tag(key[1:])
    return len(tags) == 1 and tags[0][1] == "v"


# the prepositions that open a phrase before its object ("对小微企业", "把…", "被…")
_ZH_PREPOSITIONS = frozenset("对把被从向给跟与在将比")
MIN_ZH_OBJECT = 3  # "与门" (an AND gate) is a name; "对小微企业" a preposition's phrase
# prepositions that open no name before a two-character word: 从 does ("从节点", a
# replica), and 在 is in words rjieba may cut so ("在线 学习")
_ZH_BEFORE_A_WORD = frozenset("对与向把被给跟将")


def _zh_preposition_edge(key: str) -> bool:
    """The term statistics cut a phrase at a preposition: "对小微企业" (its object, rjieba
    making one unknown word of 对小微). A name opens on no preposition before a whole object.
    One ending on 对 may be a pair ("键值对", "电子对"), which rjieba tags as the preposition."""
    tags = rjieba.tag(key)
    if len(tags) < 2 or not all(has_han(c) for c in key):
        return False
    first, tag = tags[0]
    if tag == "p" and first in _ZH_BEFORE_A_WORD and len(tags) == 2 and len(tags[1][0]) == 2:
        return True  # "对物品", "与用户": the preposition and one whole word, its object
    return (tag == "p" and len(key) - len(first) >= MIN_ZH_OBJECT) or (
        key[0] in _ZH_PREPOSITIONS and len(first) >= MIN_ZH_OBJECT and zh_count(first) == 0
    )


# a kind, a stage or a count a letter or a number gives ("L 型钙通道", "0 期去极化", "n 阶矩阵")
_ZH_LETTERED = ("型", "期", *ZH_MEASURE_WORDS)
_LETTER_JUST_BEFORE = re.compile(r"[A-Za-z0-9][ \u00a0]?$")


def _zh_after_a_letter(key: str, prose: str) -> bool:
    """A Chinese term opening on 型, 期, 阶, … that the text writes only after a Latin letter
    or a number is that name cut off ("T 型钙电流（ICa-T）" glossed 型钙电流; "0 期去极化" gave
    期去极化): the lettered name is found whole where it is found at all."""
    if not key.startswith(_ZH_LETTERED):
        return False
    uses = list(re.finditer(re.escape(key), prose))
    return bool(uses) and all(
        _LETTER_JUST_BEFORE.search(prose[max(0, m.start() - 2) : m.start()]) for m in uses
    )


def _zh_cut_across(key: str, prose: str, side: Literal["left", "right"]) -> bool:
    """A Chinese term that rjieba cut across a word on its `side`: every use stands next to
    the same character, which makes a word with the term's nearest one, and none with the
    character beyond it. Left: 对 + 角 of "对角" in "方阵的对角化", read 对 + 角化 (一个数组
    stands: 个 belongs to 一个). Right: 简单起 + 见 of "为了简单起见", read 简单 + 起 + 见
    (数组的 stands: 的 stands alone)."""
    if len(key) < 2 or not all(has_han(c) for c in key):
        return False
    uses = list(re.finditer(re.escape(key), prose))
    if side == "left":
        besides = [prose[max(0, m.start() - 2) : m.start()] for m in uses]
        nexts = {beside[-1:] for beside in besides}
    else:
        besides = [prose[m.end() : m.end() + 2] for m in uses]
        nexts = {beside[:1] for beside in besides}
    if not besides or len(nexts) != 1:
        return False
    joined = next(iter(nexts))
    word = joined + key[0] if side == "left" else key[-1] + joined
    if not has_han(joined) or zh_count(word) == 0:
        return False
    return all(len(beside) < 2 or zh_count(beside) == 0 for beside in besides)


# a one-word label before a spaced dash or a colon that the title goes on after
_LABEL_OPENING = re.compile(r"^(?P<label>[\w'’-]+)\s*(?:\s[-\u2013\u2014]|:)\s+\S")


def _aside_in_headings(cues: list[Cue], blocks: Sequence[Block]) -> bool:
    """Every heading cue of the term is a part of its title that is not the title's topic:
    a part after the one the title opens on ("Rescue" of "Web Cookies to the Rescue"), or
    a one-word label before a dash ("Default" of "Default – Store Sessions …")."""
    headings = [c for c in cues if c.kind == "heading" and not c.whole]
    if not headings or len(headings) != len([c for c in cues if c.kind == "heading"]):
        return False
    for cue in headings:
        title = HEADING_NUMBER.sub("", blocks[cue.block].text).strip()
        label = _LABEL_OPENING.match(title)
        if title.casefold().startswith(cue.term.casefold()) and not (
            label and label.group("label").casefold() == cue.term.casefold()
        ):
            return False
    return True


def _marked_single_word(cues: list[Cue]) -> bool:
    """The author sets the word in bold or italics, at its first use ("**Indigenism**
    stresses …") or where a section introduces it after passing mentions ("Adherents of
    **socialism** promote …"): a term, though other sentences read it inside longer
    phrases ("Indigenism contends", "repudiate socialism")."""
    return any(c.kind == "emphasis" for c in cues)


# A school or a theory is named by its head (经验主义课程论, 学科中心主义课程论, 社会建构理论,
# 认知发展学说): such a heading is a name however long, where a long heading of other
# words is more often a sentence's topic than a name. An education chapter's four schools
# of curriculum theory, 7 to 9 characters each and never repeated in the body, were lost.
_ZH_DOCTRINE = re.compile(r"^[\u4e00-\u9fff]{2,}(?:论|主义|理论|学说)$")
MAX_ZH_DOCTRINE = 10


def _zh_doctrine(key: str) -> bool:
    """`key` is a Chinese name of a doctrine or a theory, by its head, short enough to be
    one name (`_ZH_DOCTRINE`)."""
    return len(key) <= MAX_ZH_DOCTRINE and _ZH_DOCTRINE.match(key) is not None


# the letters OCR reads for others on a worn or blurred page: "m" as "rn", "h" as "li" or
# "b", "d" as "cl", "w" as "vv"
_OCR_CONFUSIONS = (("rn", "m"), ("li", "h"), ("tb", "th"), ("cl", "d"), ("vv", "w"))


def _ocr_slip(word: str) -> bool:
    """A word no English text writes that is a common word once one of OCR's confusions
    is undone ("rnust" for must, "tbe" for the): a scanned book's misreading, which a term
    count takes for a rare word of its own (a chapter's concept "rnust")."""
    if zipf_frequency(word, "en") >= 1.0:
        return False  # "cornea", "barn", "climate": a word as it is
    return any(
        zipf_frequency(word.replace(wrong, right), "en") >= 4.0
        for wrong, right in _OCR_CONFUSIONS
        if wrong in word
    )


def _admissible(
    key: str,
    kinds: set[str],
    cues: list[Cue],
    definition: Definition | None,
    count: int,
    entry: TermStats | None,
    cv: float,
    in_heading: bool,
    chinese: bool,
    words: int,
    slides: int = 0,
    aside: bool = False,
    leads: bool = False,
) -> bool:
    """`aside`: each heading naming the key names it after the heading's topic or as a
    label before a dash (`_aside_in_headings`); `leads`: emphasised, it opens a paragraph
    or an item (`_leads_marked`)."""
    often = 2 if words < 4000 else 3  # how often a term must recur to count as a term
    short = len(key.replace(" ", "")) <= 1 if chinese else len(key) < 3
    defined = _defined(kinds, definition)
    if (
        entry is not None
        and entry.words == 1
        and not defined
        # named alone: a heading, a question's option, a vocabulary table's term, a kind a
        # division names ("又分闭证与脱证", though "闭证乃因…" runs on in rjieba's phrases)
        and not kinds & {"heading", "option", "asked", "entry", "division"}
        and entry.count >= 3
        and entry.alone < 0.35 * entry.count
        and not _rare_and_marked(kinds, entry, chinese)
        and not _marked_single_word(cues)
    ):
        return False  # mostly a part of longer terms ("descent", "negative"): not a concept alone
    if not chinese and not kinds and definition is None and any(map(_ocr_slip, key.split())):
        return False  # "rnust": a scan's OCR read "must" wrongly, no term of the text
    if not chinese and not kinds and definition is None and _POSSESSIVE_START.match(key):
        # "Rust's standard library": a possessive opens a name ("Kepler's first law") only
        # where the author marks or defines it
        return False
    if (
        not chinese
        and not kinds & (CODE_KINDS | {"heading"})
        and entry is not None
        and _LETTERS.fullmatch(entry.title)
    ):
        return False  # "tdf", "np", "kth", "dvdt": a formula's letters read as a word
    if chinese and not (kinds - {"emphasis"}) and definition is None and _zh_verb(key):
        return False  # an emphasised verb or adverb (*增加*) is stress, not a term
    if "heading" in kinds and kinds & {"entry", "division"}:
        # a vocabulary table's term that a heading also names is taught by the table
        # (below), though the body never writes it: a history handout's "Daughters of
        # Liberty", a row and half of the heading "The Stamp Act and the Sons and Daughters
        # of Liberty", was lost as a heading's topic the body did not name
        return True
    if "heading" in kinds:
        # a heading's topic must also occur in the body, unless it is a whole short heading
        # or a slide's title: a slide of code or a diagram under "Summing in a Loop"
        # names its topic nowhere else. A Chinese text's English heading is measured in
        # words as English is: its body names the topic in Chinese ("Set Associative
        # Caches" over 组相联, three words, not 22 characters)
        whole = any(c.whole for c in cues)
        counted_in_characters = chinese and has_han(key)
        first, last = key.split()[0], key.split()[-1]
        if (
            not chinese
            and key.count(" ") >= 2
            and first in EN_GENERIC
            and not (first in EN_ORDINALS and last not in EN_GENERIC)
        ):
            # "complete binary tree" is a kind the text keeps naming; "common hash table
            # operations" a heading's wording it repeats once or twice. An ordinal before
            # a noun of its own names a thing: a database chapter's subsection "Third
            # normal form", named twice in its body, was lost
            return count >= 3
        if slides > 0 and aside and not count and not chinese and " " not in key:
            # one word a split slide title leaves after its topic, or as a label before
            # it, and the deck writes nowhere else: the idiom's noun of "Web Cookies to the
            # Rescue", the label of "Default – Store Sessions in the Database" ("Rescue",
            # "Default" were concepts). The word a title opens on is its topic though no
            # bullet repeats it ("Rounding in a Table" over a slide of code)
            return False
        return (
            count >= 1
            or slides > 0
            or (
                whole
                and (
                    # a long name its heading abbreviates in brackets is one name too
                    (len(key) <= 6 or _zh_doctrine(key) or any(c.glossed for c in cues))
                    if counted_in_characters
                    else key.count(" ") <= 2
                )
                and not short
            )
        )
    if kinds & CODE_KINDS:
        # named as a kind of code at least twice (see _cues), or given with what it stands
        # for (`expanded_code_names`); either used again: "`pu` (proposed updates)" named
        # once is one example's branch
        return count >= 2
    if short:
        return bool(kinds) and count >= 3
    if kinds & {"option", "asked"}:
        return count >= 1  # a name a question offers among its options, or asks about
    if kinds & {"entry", "division"}:
        # a vocabulary table's term: the worksheet teaches it, though its definition and
        # any other mention may be blanks for the student to fill; a kind a division names
        # and the text uses again (`zh_divided_kinds`)
        return True
    if definition is not None and definition.confidence > WEAK:
        return count >= 1
    several_words = " " in key or (chinese and len(key) >= 3)
    if kinds & {"gloss", "emphasis"}:
        # an emphasised phrase of several words is a term being introduced; one word may be
        # stress, in prose: a slide's bullets have none to stress ("β0 is the *intercept*.").
        # A word rare in ordinary English opening its paragraph or item in bold is no
        # stress but the item's subject ("- **Herbivory** by parrotfish keeps …": a reef
        # lesson's one bold word for grazing was lost); stress falls on everyday words
        # ("*not*", "**always**") and inside a sentence ("we can *marginalize* …")
        rare = leads and key.isalpha() and technicality(key) >= MARKED_WORD_TECHNICALITY
        return count >= 2 or definition is not None or several_words or slides > 0 or rare
    if definition is not None:  # a weak "X is a …" alone needs frequency, or several words
        return (count >= 3 and cv > 0.3) or (several_words and count >= 1)
    multiword = entry is not None and entry.words >= 2
    if chinese:
        multiword = multiword or len(key) >= 3
    if not multiword:  # a single word on frequency alone: frequent, and not an everyday word
        if not chinese and count >= 3 and technicality(key) >= 0.5:
            return True  # rare in ordinary English, recurring here: a technical term ("Hessian")
        common = (_zh_verb(key) or zh_everyday(key)) if chinese else everyday(key)
        return count >= 5 and cv > 0.5 and not common
    return (in_heading and count >= 2) or (count >= often and cv > 0.35)


def _leads_marked(cues: Sequence[Cue], blocks: Sequence[Block]) -> bool:
    """The term, emphasised, opens the paragraph or the list item it is emphasised in."""
    return any(
        c.kind == "emphasis"
        and blocks[c.block].kind in ("paragraph", "list_item")
        and blocks[c.block].text.casefold().startswith(c.term.casefold())
        for c in cues
    )


# how rare in ordinary English (`lexicon.technicality`) a lone emphasised word must be to
# be a term at its one use: "herbivory" 1.0, "mutualism" 0.98; "always", "must", "not" 0
MARKED_WORD_TECHNICALITY = 0.6


# a cell of a table's header row that reads as a column's identifier: "author_birth", "year"
_COLUMN_NAME = re.compile(r"[a-z][a-z0-9_]*")
# what a relation or a column is called by its kind after its name: "the library relation"
_SCHEMA_PART = re.compile(r"\s+(?:relation|table|column|attribute|field)s?$")
# a table's caption as pandoc writes it below the table (": library") or a bare name
_CAPTION = re.compile(r":?\s*([a-z][a-z0-9_]*)")


def _example_schema(blocks: Sequence[Block]) -> set[str]:
    """The keys of the example data a database text shows as tables: each table whose
    header row is of lower-case identifiers, one of them (or the table's caption) written
    as code is (an underscore or a digit: "author_birth", "library2"), gives its columns,
    its caption and the values in its cells. A normalization chapter set its relations and
    their attributes in bold ("the **library** relation", "{**author**, **title**}"):
    "library", "author", "year", "genre" and a row's "Alice Munro" were concepts. A table of
    "time | distance" is a measurement's, and keeps its words."""
    names: set[str] = set()
    for index, block in enumerate(blocks):
        if block.kind != "table":
            continue
        rows = [[c.strip() for c in line.split("|")] for line in block.text.splitlines()]
        if len(rows[0]) < 2 or not all(_COLUMN_NAME.fullmatch(c) for c in rows[0]):
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        caption = _CAPTION.fullmatch(after.text.strip()) if after is not None else None
        captioned = [caption.group(1)] if caption else []
        if any(re.search(r"[_\d]", c) for c in rows[0] + captioned):
            names.update(concept_key(c) for row in rows for c in row + captioned if c)
    return names


_VERBISH = {"v", "vd", "a", "ad", "d", "an"}
# what a table or a view is called by its kind after its name: "product 表", "orders table"
_SCHEMA_KIND = re.compile(r"(?:表|视图|table|view)$")
# one lower-case word without a vowel: a formula's letters ("dvdt", "tdf", "np > 5"),
# the text's own maths flattened into prose
_LETTERS = re.compile(r"[b-df-hj-np-tv-xz]{1,5}")
_POSSESSIVE_START = re.compile(r"^[^ ]+'s? ")
# a possessive alone ("Plato's", cited in passing), or a common noun's ("person's
# genotype"); a name's opens a law or a place: "Kepler's first law", "Broca's area"
_COMMON_POSSESSIVE = re.compile(r"^(?:[^ ]+['’]s?$|[a-z][^ ]*['’]s? )")


def _zh_one_verb(key: str) -> bool:
    """One Chinese word, of any length, that rjieba reads as a verb: "递归", "认知失调"."""
    tagged = rjieba.tag(key)
    return len(tagged) == 1 and tagged[0][1] in _VERBISH and all(has_han(c) for c in key)


def _zh_verb_ended(key: str) -> bool:
    """Two Chinese words, the second one rjieba reads as a verb, an adjective or an adverb:
    "犯罪故意" (犯罪 + 故意, "deliberately"), "间接故意". Named by 是指, such a compound is
    a term of the subject as much as one verb is (`_zh_one_verb`), and the statistics of
    noun phrases never count it: a criminal-law text's kinds of intent, each defined by
    是指, were no concepts. Not three words: "首端操作其实指的是…" ends on the sentence's
    adverb ("in fact"), no part of a name."""
    tagged = rjieba.tag(key)
    return len(tagged) == 2 and tagged[-1][1] in _VERBISH and all(has_han(c) for c in key)


def _zh_verb(key: str) -> bool:
    """A word of two characters at most that rjieba reads as one verb (`_zh_one_verb`)."""
    return len(key) <= 2 and _zh_one_verb(key)


def _title(
    entry: TermStats | None,
    cues: list[Cue],
    definition: Definition | None,
    body: MentionIndex,
) -> str:
    """The form the body uses most (a heading's Title Case is not how a term is written);
    a piece of code as the code writes it ("the `print` function" and "… that prints" are
    the concept print, not "prints")."""
    code = next((c.term for c in cues if c.kind in ("code", "expanded")), None)
    if code is not None:
        return code
    surfaces = Counter(entry.surfaces) if entry is not None else Counter()
    if not surfaces:
        key = concept_key(cues[0].term if cues else definition.term if definition else "")
        surfaces.update(
            m.group(0).replace("`", "").replace("$", "").strip() for m in body.matches(key)
        )
    if not surfaces:
        title = cues[0].term if cues else definition.term if definition else ""
    else:
        best = surfaces.most_common(1)[0][0]
        title = best if not best[:1].isupper() or best.isupper() else _lower_first(surfaces)
    return title


def _defined_number(title: str, definition: Definition | None) -> str:
    """The title in the singular where the counts chose the plural and the definition
    names the singular: "A **theory** is …" titles the concept "theory", though the text
    writes "theories" more often (a course taught "theories" and "prototypes"). Only the
    last word changes, in the title's case ("glial cells" over "A glial cell is …")."""
    if definition is None or " of " in title:
        return title
    words, named = title.split(" "), definition.term.split(" ")
    last, defined = words[-1], named[-1]
    if len(words) != len(named) or last.lower() == defined.lower():
        return title
    if not last.isalpha() or singular(last.lower()) != defined.lower():
        return title
    return " ".join([*words[:-1], last[0] + defined[1:].lower()])


def _a_name_in_the_body(title: str, prose: str) -> bool:
    """The body writes the title capitalised as it stands inside its sentences more often
    than not: a name ("Knights of Labor", "Standard Oil", "Declaration of Independence"),
    whose words the body writes in lower case elsewhere ("labor", "oil")."""
    words = title.split(" ")
    # "the Compromise of 1877": a name may be capitalised on its first word alone
    if len(words) < 2 or not any(w[:1].isupper() for w in words):
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(title)}(?!\w)", re.IGNORECASE)
    as_written = otherwise = 0
    for match in pattern.finditer(prose):
        start = match.start()
        if _INSIDE_SENTENCE.fullmatch(prose, max(0, start - 2), start):
            if _CAPITALISED_BEFORE.search(prose, max(0, start - 40), start):
                continue  # "The Case of Genie" as a paragraph's title: its capitals say nothing
            if match.group(0) == title:
                as_written += 1
            else:
                otherwise += 1
    return as_written > otherwise


# a word inside a sentence (after a lower-case word or a comma): its case there is its own
_BEFORE_MID_SENTENCE = r"[a-z0-9,;:)] "  # the two characters before a word mid-sentence
_MID_SENTENCE_WORD = re.compile(rf"(?<={_BEFORE_MID_SENTENCE})[A-Za-z][a-z]+(?:-[a-z]+)*\b")


# words a name or a title of a work keeps in lower case ("Atkins v. Virginia", "Nodes of Ranvier")
_NAME_LINKS = frozenset(
    {"a", "an", "and", "de", "del", "der", "for", "in", "of", "on", "the", "to", "v", "vs"}
    | {"van", "von"}
)
_INSIDE_SENTENCE = re.compile(_BEFORE_MID_SENTENCE)
# a capitalised word opening the sentence right before the match ("The Case of Genie")
_CAPITALISED_BEFORE = re.compile(r"(?:^|\n|[.!?]\s)[A-Z][\w'’]*\s$")
_ACRONYM_AFTER = re.compile(r"[*_]*\s*[(（][A-Z][A-Za-z0-9]*[A-Z][)）]")


def _name_in_passing(cues: list[Cue], entry: TermStats | None, blocks: Sequence[Block]) -> bool:
    """A proper name emphasised once, in one passage only: a work's title set in italics (*The
    Shawshank Redemption*, *Harvard Educational Review*), a person or a character (Marilu
    **Henner**). Each emphasis writes every word capitalised inside its sentence; a
    textbook writes its terms in lower case there, and a named concept it teaches (Nodes
    of Ranvier, Broca's area) comes back in other passages."""
    spots = {c.block for c in cues} | set(entry.blocks if entry is not None else ())
    if len(spots) != 1 or not cues:
        return False
    # named once: a passage about a name ("a secret organization known as the **Molly
    # Maguires** … the names of the Molly Maguires …") names it again
    return all(
        blocks[c.block].text.count(c.term) == 1
        and _capitalised_inside(blocks[c.block].text, c.term)
        and not _named_by_its_sentence(blocks[c.block].text, c.term)
        for c in cues
    )


# "an oath, called the **Ironclad Oath**", "what became known as the **Compromise of 1877**"
_NAMING_BEFORE = re.compile(
    r"\b(?:called|termed|dubbed|named|known\s+as)\s+(?:the\s+|an?\s+)?[\"“‘]?$", re.IGNORECASE
)
# "**Connecticut Compromise**, also known as …", "the **Electoral College**, the mechanism
# for choosing …": an alias or an appositive that says what the name is
_NAMING_AFTER = re.compile(
    r"[\"”’]?,?\s+(?:\(\s*)?(?:(?:also|sometimes|often|commonly|better)\s+)*"
    rf"{ALIAS_VERBS}\b"
    r"|[\"”’]?,\s+(?:the|an?)\s+(?:[a-z]+\s+){1,2}(?:that|which|who|whose|of|for|to|in\s+which)\b"
)


def _named_by_its_sentence(text: str, term: str) -> bool:
    """The sentence introduces the name: a naming verb before it ("called the **Ironclad
    Oath**"), an alias or an appositive after it ("**Connecticut Compromise**, also known
    as the Great Compromise"). A history chapter sets its events and institutions in bold
    so, once; a name in passing (Marilu **Henner**, *The Shawshank Redemption*) is not
    introduced."""
    at = text.find(term)
    if at < 0:
        return False
    return bool(
        _NAMING_BEFORE.search(text, max(0, at - 40), at)
        or _NAMING_AFTER.match(text, at + len(term))
    )


def _capitalised_inside(text: str, term: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", term) if w.lower() not in _NAME_LINKS]
    if not words or not all(w[0].isupper() for w in words):
        return False
    at = text.find(term)
    if at <= 0 or _INSIDE_SENTENCE.fullmatch(text, max(0, at - 2), at) is None:
        return False
    if any(name == term for name, _ in spelled_acronyms(text)):
        return False  # "TGS for Ticket Granting Service": spelled out for its acronym
    # "GNU Privacy Guard (GPG)": a name given an acronym is a term being introduced, but
    # not in a sentence that lists three or more so ("certifications include Certified
    # Rhythm Technician (CRT), Registered Cardiac Sonographer (RCS), …"): names in passing
    if not _ACRONYM_AFTER.match(text, at + len(term)):
        return True
    return any(
        term in sentence and len(acronym_pairs(sentence)) >= LISTED_ACRONYMS
        for sentence in sentences(text)
    )


LISTED_ACRONYMS = 3


def _a_title_line(text: str) -> bool:
    """A paragraph set as a title ("The Case of Genie", "**Solving Puzzles**"): its
    capitals are the title's, not how the body writes the words."""
    words = text.split()
    return (
        len(words) <= 8
        and not text.rstrip().endswith((".", "?", "!", ":", ";", ","))
        and all(w[0].isupper() for w in words if len(w) > 3)
    )


def _word_casing(blocks: Sequence[Block]) -> Counter[str]:
    """How often each word is written capitalised (+1) or lower-case (-1) inside sentences."""
    casing: Counter[str] = Counter()
    for block in blocks:
        if block.kind in PROSE and not _a_title_line(block.text):
            for word in _MID_SENTENCE_WORD.findall(block.text):
                casing[word.lower()] += 1 if word[0].isupper() else -1
    return casing


def _as_the_body_writes(title: str, casing: Counter[str], prose: str = "") -> str:
    """A title left in a heading's or a sentence start's capitals takes, word by word, the
    case the body writes it in mid-sentence: "Smoke Testing" → smoke testing, "Git
    Branches" → Git branches (the body writes "Git"). Acronyms stay; and the whole title
    stays when one of its capitalised words is never used inside a sentence (half a
    title lowered, "Increased space Usage", reads worse than none)."""
    if title.isupper() and " " in title:
        return _out_of_capitals(title, casing, prose)
    if not title[:1].isupper() or title.isupper():
        return title
    words = title.split(" ")
    capitalised = [
        i for i, w in enumerate(words) if len(w) > 1 and w[0].isupper() and w[1:].islower()
    ]
    # a word the body writes only at the start of its sentences takes a common noun's or
    # adjective's lower case when the dictionary has it as one ("Necrosis, or accidental
    # cell death, causes …"): a name the dictionary does not know, and a word never
    # written in a sentence (a heading's, a piece of code's), say nothing and stay
    lower = {
        i: casing[words[i].lower()] < 0
        or (
            casing[words[i].lower()] == 0
            and _common_word(words[i].lower())
            and _opens_a_sentence(words[i], prose)
        )
        for i in capitalised
    }
    if any(casing[words[i].lower()] == 0 and not lower[i] for i in capitalised):
        return title
    for index in capitalised:
        # a word written capitalised once in a sentence, after a word lowered: once is a
        # label's title case ("- **Increased Space Usage**: …"), and half a title lowered,
        # "increased space Usage", read worse than either
        if casing[words[index].lower()] == 1 and any(lower[j] for j in capitalised if j < index):
            lower[index] = True
    for index in capitalised:
        if lower[index]:
            words[index] = words[index].lower()
    return " ".join(words)


def _opens_a_sentence(word: str, prose: str) -> bool:
    return re.search(rf"(?:^|[.!?:]\s+|\n)[\"“‘(]?{re.escape(word)}\b", prose) is not None


def _common_word(word: str) -> bool:
    """lemminflect knows the word as a common noun or an adjective ("necrosis", "sensory";
    not "Anyville", "Linux"), or as a verb's inflected form: a participle opening a name
    ("Delayed sleep–wake phase disorder", set in bold at a list item's start, kept its
    capital beside "advanced sleep–wake phase disorder"); no proper name is one."""
    lemmas = getAllLemmas(word)
    return bool(set(lemmas) & {"NOUN", "ADJ"}) or any(v != word for v in lemmas.get("VERB", ()))


def _out_of_capitals(title: str, casing: Counter[str], prose: str) -> str:
    """A heading set in capitals ("BLACK POLITICAL ACHIEVEMENTS", a history book's section
    style) says nothing of its words' case: each takes the body's ("Black political
    achievements"), an acronym the body writes in capitals keeps them ("NAACP"), any
    other word is lower case."""
    words = []
    for word in title.split(" "):
        letters = re.sub(r"[^A-Za-z]", "", word)
        if casing[letters.lower()] > 0:
            words.append(word[:1] + word[1:].lower())
        elif len(letters) >= 2 and re.search(rf"(?<![\w-]){re.escape(letters)}(?![\w-])", prose):
            words.append(word)
        else:
            words.append(word.lower())
    return " ".join(words)


def _lower_first(surfaces: Counter[str]) -> str:
    lowered = [s for s in surfaces if not s[:1].isupper()]
    return max(lowered, key=lambda s: surfaces[s]) if lowered else surfaces.most_common(1)[0][0]


# what comes before a noun phrase and never before a verb: an article, a determiner or a
# preposition ("the hash table", "with learning disabilities"; "to" opens infinitives,
# "this" and "these" stand alone as subjects: "this affects supply")
_NAME_OPENERS = (
    (EN_DETERMINERS - {"this", "that", "these", "those"})
    | (EN_PREPOSITIONS - {"to"})
    | {"any", "some", "no"}
)
_BEFORE_A_NAME = re.compile(rf"\b(?:{'|'.join(sorted(_NAME_OPENERS))})\s+[*_]*$", re.IGNORECASE)


# a heading that asks ("…?"), tells how or why ("How Production Costs Affect Supply") or
# holds a relative clause ("Other Factors That Affect Supply")
_CLAUSE_HEADING = re.compile(
    r"\?\s*$|^\W*(?:\d[\d.]*\s+)?(?:how|why|what|when|where|which|who)\s|\s(?:that|which|who)\s",
    re.IGNORECASE,
)


def _clause_in_heading(cue: Cue, blocks: Sequence[Block], prose: str) -> bool:
    """A heading that asks, tells how or holds a relative clause holds a clause ("How Does
    Income Affect Demand?", "Why Measure Intelligence?", "Other Factors That Affect
    Supply"), or states one ("Nervous Tissue Mediates Perception and Response",
    `definitions.states_a_clause`): several of its words are a name only where the body
    writes them as one, after an article or a preposition ("What Are Learning
    Disabilities?" … "children with learning disabilities"). Its single words stay
    candidates."""
    if cue.kind != "heading" or " " not in cue.term:
        return False
    heading = blocks[cue.block].text
    if not _CLAUSE_HEADING.search(heading) and not states_a_clause(heading):
        return False
    for match in mention_pattern(concept_key(cue.term)).finditer(prose):
        if _BEFORE_A_NAME.search(prose, max(0, match.start() - 30), match.start()):
            return False
    return True


def _uses(key: str, entry: TermStats | None, blocks: MentionIndex) -> list[int]:
    """The prose blocks that name `key`, in order: from the term statistics, or searched
    for an emphasised term they do not read ("quantity demanded", "shift in demand":
    `acceptable(..., emphasised=True)`). `blocks`: every block's text, "" for no prose."""
    if entry is not None:
        return sorted(set(entry.blocks))
    return blocks.holding(key)


def _count_plain(key: str, prose: str) -> int:
    return len(mention_pattern(key).findall(prose))


def _in_text(key: str, text: str) -> bool:
    """`key` is mentioned in `text`, a casefolded text (the heading residue)."""
    # the regex is case-insensitive and slow on a long text; a mention holds the first
    # word's stem as it is (any plural changes two letters at most: "nucleus" -> "nuclei")
    first = re.split(r"[ \-]", key, maxsplit=1)[0]
    if first[: max(1, len(first) - 2)] not in text:
        return False
    return mention_pattern(key).search(text) is not None
