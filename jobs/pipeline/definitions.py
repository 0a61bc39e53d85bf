"""Defining sentences in English and Chinese, and the term each one defines.

Patterns (confidence in brackets): "X is defined as / is called / is known as" (0.9),
"… is called / known as / referred to as / denoted X" (0.85), "we call … X" (0.8),
"extensions known as X", "(called the X)" (0.75),
"X refers to / means / denotes", "X is the term used to refer to" (0.75),
"the law of X states that" (0.85), "this relationship, the X, is" and "Xs—things
that …", "Xs, those containing …" (0.75), "X is a/an/the …" (0.55, kept only for terms the
layout also points at; 0.8 where X itself is emphasised, and "Xs are <plural genus> …" then
too); an emphasised term opening its sentence before a colon, a
glossary entry (0.75); an appositive after an emphasised term, "**X**, the …", "**X**,
organelles that …", "**X**, or Y" (0.72); 我们称…为X (0.9), X是指/指的是 (0.85), X(被)定义为 (0.85),
所谓X(就)是, X，指… (0.85), 称为/称作/叫做/叫作X, a lecture's 这叫X and X，就是… (0.8),
X（gloss）是… (0.55); in plain text (no emphasis anywhere) also X是一种…,
X是…的场所/过程/总称, X用来衡量/描述… (0.55).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import rjieba
from lemminflect import getAllLemmas

from datasources.concept_keys import LATIN_AFTER_A, concept_key
from jobs.pipeline.keypoints import key_points_sentence
from jobs.pipeline.lexicon import (
    ALIAS_VERBS,
    EN_GENERIC,
    EN_ORDINALS,
    EN_PREPOSITION_NOUNS,
    EN_PREPOSITIONS,
    EN_STATED_HEADS,
    EN_STATING_VERBS,
    EN_STOP,
    ZH_WHAT_IS,
    apparatus,
    technicality,
    third_person_verb,
    zh_emphasis_unwrapped,
)
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import clean_title
from jobs.pipeline.questions import asked_topics
from jobs.pipeline.structure import (
    DEFINITION_HEADER,
    HEADING_NUMBER,
    acceptable,
    bare_modifier,
    cell_case,
    emphasis_name,
    equation_operand,
    glossary_columns,
    lab_part,
    translated_entry,
    with_maths_letter,
    zh_facet_label,
    zh_listed,
)
from jobs.pipeline.textutil import (
    ASIDE_DASH,
    GREEK_PREFIX,
    ION,
    NUMBERED_ARTEFACT,
    PLACEHOLDER,
    QUANTITY_SYMBOL,
    WRITE_IN,
    has_han,
    opens_on_a_date,
    prose,
)

WEAK = 0.55
GLOSSARY = 0.75
PLAIN_NAMED = 0.75  # plain text's `_BARE_NAMING`, as strong as "extensions known as X"
NAMED = 0.8  # "is called X", "known as X", "we call … X": the sentence names the term outright


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    sentence: str
    block: int
    confidence: float


_LATIN = rf"(?:{'|'.join(LATIN_AFTER_A)})\b"  # "A priori knowledge": that "a" is no article
_ART = rf"(?:(?:an?(?!\s+{_LATIN})|the)\s+)?"
# a named body opening the sentence, then "defines" or "describes … as": "The United
# Nations describes migration as …", "The World Health Organization defines health as
# …" give the word's standard definition as a textbook quotes it; only "we define" was
# read so, and the term went undefined. A name of two capitalised words or more (case
# kept under re.I), so "The model describes the population as …" defines nothing.
_AUTHORITY_DEFINES = (
    r"^(?-i:(?:The\s+)?[A-Z][a-z]+(?:\s+(?:of\s+|for\s+)?[A-Z][a-z]+)+)\s+"
    r"(?:defines|describes(?=[^.;:]{0,80}?\bas\b))"
)
_STOP_WORDS = "|".join(sorted((re.escape(w) for w in EN_STOP), key=len, reverse=True))

# what a tutorial has the reader make and name: "a new project called loops", "a file
# named hello.c", "a directory called src"; the name is the reader's, no term of the text
_READERS_ARTIFACT = (
    r"(?:project|file|directory|folder|crate|repository|repo|workspace|package|app|script"
    r"|notebook)s?"
)
# an en dash joins the two names of an eponym ("the Steinhart–Hart equation", "the
# Michaelis–Menten model"): a letter, the dash, a capital; cut there, "Steinhart" was the
# term a lesson defined. A spaced dash (" – ") stays a break between clauses.
_EN_NAME_CHAR = r"(?:[\w'’\- ]|(?<=[A-Za-z])–(?-i:(?=[A-Z])))"
_EN_TERM = rf"(?P<t>{GREEK_PREFIX}[A-Za-z]{_EN_NAME_CHAR}{{1,60}}?)"
# the name's abbreviation in brackets before its verb: "A pushdown automaton (PDA) is a
# finite-state machine …", "Messenger RNA (mRNA) is …" (two capitals at least: "(often)"
# is an aside, no abbreviation)
# Or the word's origin there, an aside the definition reads past: "a montage (from the
# French for "putting together") is a film editing technique", "Photosynthesis (from the
# Greek for light) is …" (a capital, the language, after "from" or before "for"); the
# aside stopped "X is a …" from matching, and the term kept no definition.
_ORIGIN = r"\(\s*(?:from\s+(?:the\s+)?[A-Z][a-z]+|[A-Z][a-z]+\s+for)\b[^()]{0,80}\)"
_ABBREVIATED = rf"(?-i:\s*(?:\((?=[^)]*[A-Z][^)]*[A-Z])[A-Za-z0-9\-]{{2,10}}\)|{_ORIGIN}))?"
# how hard, easy or tiresome a thing is to do: a verdict, no kind it belongs to
_VERDICT = (
    r"(?:tricky|difficult|hard|easy|simple|tough|slow|tiring|tedious|messy|thorny|daunting"
    r"|time-consuming|labou?r-intensive|risky|costly|expensive)"
)
# a plural noun: "scholars", "historians" (not "class", "process")
_PLURAL_WORD = r"[a-z][\w'’\-]*[a-z](?<!ss)s"
# "the term(s) X": a term named as a term ("If you've heard the terms shallow copy and
# deep copy"), except in an example that shows a word of its data: "For example, the term
# “aaron” has a … probability of being generated from topic 1" made "aaron" a concept of a
# topic-modelling chapter (`_by_pattern`); an example that says what the term refers to
# still names it
_THE_TERM = re.compile(r"\b[Tt]he\s+terms?\s+[\"“‘]?(?P<t>[A-Za-z][\w'’\- ]{1,40})")
# A sentence opening "The term X" names X only where it goes on to say what X stands for
# or quotes it ("The term backpropagation through time refers to …", "The term “closure”
# is used for …"); "The term paper is due on Friday" names no paper. (The capital was left
# out, so no sentence opening so named its term: "term backpropagation" was a concept.)
# ("The term structure of interest rates …", "The term frequency of a word …": "term" and
# the noun after it are one name, `_TERM_COMPOUND`)
_OPENING_THE_TERM = re.compile(r"^The\s+terms?\s")
_TERM_COMPOUND = re.compile(
    r"^The\s+term\s+(?:structure|frequency|frequencies|limits?|papers?|life|deposits?|loans?"
    r"|insurance|premiums?|rewriting|logic|sheets?|dates?|time|break|project)\b"
)
# "means" after the name a sentence's "the term" gives: the verb saying what it stands for
# ("the term means of production" keeps its noun: "of" follows)
_THE_TERM_MEANS = re.compile(r"(?<=\w)\s+means\b(?!\s+of\b)")
_THE_TERM_SAYS = re.compile(
    r"^The\s+terms?\s+(?:[\"“‘]|[^.;:]{1,60}?\b(?:refers?\s+to|means|denotes|describes|stands?"
    r"\s+for|is\s+short\s+for|comes?\s+from|(?:is|are|was|were)\s+(?:used|coined|applied)\b))"
)
_EN_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            rf"^{_ART}{_EN_TERM},?\s+(?:is|are)\s+(?:defined\s+as|defined\s+to\s+be)\b", re.I
        ),
        0.9,
    ),
    (
        re.compile(
            # "is called X", "it's known as X", ", also known as X", "what became known as
            # X", "something known as X" ("instead of being called X" is no naming)
            r"(?:(?:\b(?:is|are|be|been|became|become|becomes)|(?<=\w)['’](?:s|re))\s+"
            r"(?:often\s+|also\s+|sometimes\s+|commonly\s+)?|(?:also|commonly|otherwise)\s+"
            r"|\bsomething\s+)"
            r"(?:called|termed|known\s+as|referred\s+to\s+as|denoted(?:\s+by|\s+as)?|named)\s+"
            # "should only be called using `new`", "is called twice": a program's call
            r"(?!(?:using|via|through|once|twice|again|directly|repeatedly|recursively)\b)"
            rf"{_ART}[\"“‘]?(?P<t>[*_]?{GREEK_PREFIX}[A-Za-z]{_EN_NAME_CHAR}{{1,60}}(?:`\w{{1,30}}`)?)",
            re.I,
        ),
        0.85,
    ),
    (
        # "By symbolic reference, we mean that …": what a name stands for, said at the
        # sentence's head (a tool's chapter defined its "symbolic reference" so, and it
        # was no concept); "By the end of the week, we mean to …" is an intention
        re.compile(
            rf"^By\s+{_ART}(?P<t>[A-Za-z][\w'’\- ]{{1,50}}?),?\s+(?:we|I)\s+mean\s+(?!to\s)"
        ),
        0.8,
    ),
    (
        # "a dangling pointer—a pointer that references …": a dash and the genus restate it
        re.compile(
            r"\b(?:an?|the)\s+(?P<t>[A-Za-z][\w'’\- ]{1,40}?)\s*[—–]\s*(?:an?|the)\s+[a-z]+"
            r"(?:\s+[a-z]+)?\s+(?:that|which|where|whose|in\s+which|of)\b"
        ),
        0.75,
    ),
    (
        # "they developed a cognitive map: a mental picture of the layout …": a colon and
        # the genus restate a name of at most four words, as a dash does ("a cons list
        # contains two elements: the value of …" says what it holds, no name's genus; nor
        # does a clause whose subject the genus is: "form a cycle: the products of one are
        # the reactants of the other" says how, and "cycle" was a unit plan's concept)
        re.compile(
            r"\b(?:an?|the)\s+(?P<t>(?:[A-Za-z][\w'’\-]*\s+){0,3}[A-Za-z][\w'’\-]*)"
            r"\s*:\s+(?:an?|the)\s+[a-z]+"
            r"(?:\s+[a-z]+)?\s+(?:that|which|where|whose|in\s+which"
            r"|of(?!\s+(?:[\w'’\-]+\s+){0,2}(?:is|are|was|were)\b))\b"
        ),
        0.75,
    ),
    (
        # "Retroactive interference happens when information learned …", "Non-response
        # bias arises when …": the condition that makes the thing is what it is (a name of
        # two words or more: "The problem occurs when …" is a remark)
        re.compile(
            rf"^{_ART}(?!(?:an?|the)\s)(?P<t>[A-Za-z][\w'’\-]*\s[\w'’\- ]{{1,50}}?)"
            r"\s+(?:occurs|happens|arises)\s+when\b",
            re.I,
        ),
        0.75,
    ),
    (
        # …and one word after the indefinite article, which says a kind is meant: "A
        # shortage occurs when quantity demanded exceeds quantity supplied" (an economics
        # handout's shortage and surplus were left undefined); "The problem occurs when …"
        # speaks of one thing, and stays a remark, as does a mishap's ("An error occurs
        # when the file is missing")
        re.compile(
            r"^(?:An?)\s+(?!(?:error|problem|issue|warning|mistake)\s)"
            r"(?P<t>[a-z][\w'’\-]{2,40})\s+(?:occurs|arises)\s+when\b"
        ),
        0.75,
    ),
    (
        # "examples of isomers—compounds with the same formula": a plural and, after the
        # dash, the plural genus that restates it
        re.compile(
            r"\b(?P<t>[a-z][\w'’\-]{2,40}s)\s*[—–]\s*[a-z]+s\s+(?:that|which|with|whose|of|"
            r"containing|consisting|in\s+which)\b"
        ),
        0.75,
    ),
    (
        # "The law of multiple proportions states that …": a law, principle or theory is
        # defined by what it states, and so is an equation or an identity ("The continuity
        # equation states that, for steady flow, …" was no definition, and "continuity
        # equation states" a concept)
        re.compile(
            rf"^{_ART}(?P<t>(?:[A-Za-z][\w'’\-]*\s+){{0,5}}?(?:{'|'.join(sorted(EN_STATED_HEADS))})"
            r"(?:\s+of\s+[\w'’\- ]{1,40}?)?)"
            rf"\s+(?:{'|'.join(sorted(EN_STATING_VERBS))})\s+that\b",
            re.I,
        ),
        0.85,
    ),
    (
        # "… formulated Graham’s law of effusion: The rate of effusion of a gas is …": a
        # law or a principle, then a colon and the sentence that states it (a capital, then
        # a lower-case word: no formula, no list); its name opens on a possessive or on
        # words that are no stop word ("summarized by Dalton’s law …" names Dalton’s law)
        re.compile(
            rf"\b(?P<t>(?:[A-Z][\w\-]*['’]s\s+|(?!(?:{_STOP_WORDS})\b)[a-z][\w\-]*\s+)"
            rf"(?:(?!(?:{_STOP_WORDS})\b)[a-z][\w\-]*\s+){{0,2}}?"
            r"(?:law|principle|theorem|postulate|rule)(?:\s+of\s+[a-z][\w'’\- ]{1,40}?)?)"
            r":\s+(?:[A-Z][a-z]*)\s+[a-z]+\s+[a-z]"
        ),
        0.85,
    ),
    (
        # "The modern statement of this relationship, the periodic law, is …": an
        # appositive names what the sentence pointed at
        re.compile(
            r"\b(?:this|these|that|such)\s+[a-z]+,\s+(?:the|an?)\s+"
            r"(?P<t>[A-Za-z][\w'’\- ]{1,40}?),\s+(?:is|are|was|were|states?|says?)\b"
        ),
        0.75,
    ),
    (
        # "binary compounds, those containing only two elements": the plural, then what
        # sets its members apart
        re.compile(
            rf"\b(?P<t>(?:(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*\s+){{0,2}}[a-z][\w'’\-]{{2,40}}s),"
            r"\s+those\s+(?:containing|with|that|which|having|consisting|made|formed|in\s+which)\b"
        ),
        0.75,
    ),
    (
        # "If you've heard the terms shallow copy and deep copy": a term named as a term
        _THE_TERM,
        0.8,
    ),
    (
        # "the orphan rule, so named because …": the name is explained, so it is introduced
        re.compile(r"\b(?:the|an?)\s+(?P<t>[A-Za-z][\w'’\- ]{1,40}?),?\s+so\s+(?:named|called)\b"),
        0.85,
    ),
    (
        # "a property called coherence", "a technique known as open addressing", "a type of
        # dendritic cell called the Langerhans cell", "a crescent-shaped region called the
        # lunula", "a special region referred to as the axon hillock": an article, up to
        # three words (no adverb nor pronoun: "a very simple project called …" makes up an
        # example's name), a noun, then the naming verb. A thing the reader makes and names
        # is no term ("let's make a new project called loops", "a file called hello.c":
        # `_READERS_ARTIFACT`)
        re.compile(
            rf"\b(?:an?|the)\s+(?:(?:of|(?!(?:{_STOP_WORDS})\s)[a-z][\w'’\-]*)\s+){{0,3}}?"
            rf"(?!(?:{_STOP_WORDS})\s)(?![a-z]+ly\s)(?!{_READERS_ARTIFACT}\s)"
            r"[a-z][\w'’\-]*[a-z]\s+"
            r"(?:called|termed|known\s+as|referred\s+to\s+as)\s+"
            rf"{_ART}[\"“‘]?(?P<t>[A-Za-z][\w'’\- ]{{1,60}}(?:/[\w'’\- ]{{1,30}})?)"
        ),
        0.8,
    ),
    (
        # "branching extensions known as dendrites", "(called the phenotype)": a plural noun
        # or a parenthesis names what the sentence just described
        re.compile(
            rf"(?:\b[a-z]{{3,}}s\s+|\(\s*)(?:also\s+)?(?:called|termed|known\s+as)\s+{_ART}"
            rf"(?!(?:{_STOP_WORDS})\b|[a-z]+ly\b)[\"“‘]?(?P<t>[A-Za-z][\w'’\- ]{{1,60}})"
        ),
        0.75,
    ),
    (
        # "outcomes of interest, called events", "White Southerners who supported it, known
        # as scalawags,": an appositive names what precedes it (", called by the runtime",
        # ", called recursively" name nothing)
        re.compile(
            rf",\s+(?:also\s+)?(?:called|known\s+as)\s+{_ART}(?!(?:{_STOP_WORDS})\b|[a-z]+ly\b)"
            r"[\"“‘]?(?P<t>[A-Za-z][\w'’\- ]{1,60})",
            re.I,
        ),
        0.8,
    ),
    (
        re.compile(
            # ("we refer to" names only with its "as": "We refer to matrices by their rows
            # and columns" defined "matrices" in a population-ecology primer)
            r"(?:\bwe\s+(?:call|define|refer\s+to(?=[^.;:]{0,80}?\bas\b)|term)"
            rf"|{_AUTHORITY_DEFINES})\s+"
            r"(?P<d>(?:this|these|that|those|such)\s+)?"
            rf"(?:it\s+|them\s+)?(?:as\s+)?{_ART}[\"“‘]?(?P<t>[*_]?[A-Za-z][\w'’\- ]{{1,60}})",
            re.I,
        ),
        0.8,
    ),
    (
        re.compile(
            # ("High accuracy on the training set means nothing.": a claim of worth)
            rf"^{_ART}{_EN_TERM}\s+(?:refers\s+to|means(?!\s+(?:nothing|little|much|something"
            r"|anything|everything|a\s+lot)\b)|denotes|is\s+the\s+name\s+for)\b",
            re.I,
        ),
        0.75,
    ),
    (
        # "Hot spots is the term typically used within criminology to refer to small areas
        # with …", "Albedo is a word used to describe …": the sentence says what the name
        # refers to, as "X refers to" does (read as the weak "X is a …", it lost to a
        # sentence that only mentioned the term)
        re.compile(
            rf"^{_ART}{_EN_TERM}\s+(?:is|are)\s+(?:the|an?)\s+(?:term|word|name|label)\s+"
            r"(?:[a-z]+ly\s+)?used\b[^.;:]{0,80}?\bto\s+(?:refer\s+to|describe|denote|mean|name)\b",
            re.I,
        ),
        0.75,
    ),
    (
        # "Monomorphization is the process of …": a genus noun naming what kind of thing
        re.compile(
            rf"^{_ART}{_EN_TERM}{_ABBREVIATED},?\s+(?:is|are)\s+(?:the|an?)\s+"
            r"(?:process|technique|method|"
            r"procedure|practice|act|property|principle|rule|mechanism)\s+(?:of|by|that|for|in)\b",
            re.I,
        ),
        0.75,
    ),
    (
        # "Pharmacokinetics is a branch of pharmacology that …", "Phonetics is the
        # scientific study of speech sounds": a field of knowledge said to be one, as a
        # course's opening defines its subject (read as the weak "X is a …", once in a
        # notebook, its subject was no concept)
        re.compile(
            rf"^{_ART}{_EN_TERM}{_ABBREVIATED},?\s+(?:is|are)\s+(?:the|an?)\s+(?:[a-z]+\s+)?"
            r"(?:branch|study|science|discipline)\s+of\b",
            re.I,
        ),
        0.75,
    ),
    (
        # "The Senate was the governing council of …": a history's institutions, offices and
        # events are defined in the past tense, what they were (read only as "is", a book's
        # highlights on a past republic had no concept at all)
        re.compile(
            rf"^{_ART}{_EN_TERM}{_ABBREVIATED},?\s+(?:is|are|was|were)\s+(?:an?|the|a\s+set\s+of|one\s+of)"
            # "The paper is a little fuzzy", "is a bit more …": a degree, no genus ("is a
            # lot faster" is one too, but d2l's Newton's method has no other definition
            # than such a comparison, and its course lost the concept: left)
            r"\s+(?!(?:little|tad)\b|bit\s+(?:more|less|too)\b)"
            # "North Korea is an example of a modern state that …": what the name stands for
            # in the text, not what it is (the country's description was the example)
            r"(?!(?:examples?|instances?)\s+of\b)"
            # "Grading essays is a slow and tiring business": a verdict on doing it, how
            # hard or easy, says nothing of what it is (a methods chapter's "Evaluating
            # literature is a tricky and time-consuming business" was its definition)
            rf"(?!{_VERDICT}(?:\s+and\s+{_VERDICT})?\s+(?:business|matter|task|affair|job|undertaking)\b)"
            r"\w+",
            re.I,
        ),
        WEAK,
    ),
]
# "`NOT NULL`是非空约束，即…": a keyword in capitals that is a thing the text names in
# Chinese (not "是很常用的…", "是一种…", "是计算余数（求余）的函数"; not a lower-case
# variable: "`x`是变量")
ZH_KEYWORD_NAMED = re.compile(
    r"^\s*(?:`[A-Z][A-Z0-9_ ]*[A-Z0-9_]`|[A-Z][A-Z0-9_]+(?: [A-Z][A-Z0-9_]+){0,3})\s*"
    r"(?:就|即|则)?是\s*(?!一|很|最|更|不|没|非常|十分|特别|比较|相当)"
    r"(?P<t>(?:(?!的)[\u4e00-\u9fff]){2,10})(?=\s*(?:[，,。；;：:（(]|$))"
    # "MOD 是计算余数（求余）的函数": what the name modifies is the thing
    r"(?!\s*(?:[（(][^）)]{0,20}[）)])?\s*的)"
)
_ZH_TERM = r"(?P<t>[^，。；：、！？,.;:\s][^，。；：、！？,.;:]{0,19}?)"
# The name opens the sentence (after a setting: "在量子力学中，"), then 是 or a colon, and
# the sentence ends on "…的" and a noun that ends as the name ends: its genus, of which the
# name is a kind (化合反应 … 的反应, 最简式 … 的化学式). No 的 inside the name ("上面的例子
# 是一个很好的例子", "元组的哈希值是…的哈希值" name no kind), no comma inside the
# description ("现在，分支名是“master”，这是默认的分支名").
_ZH_GENUS = re.compile(
    r"^(?:[^，。；：]{0,15}[，,])?\s*"
    r"(?P<t>(?:(?!的)[\u4e00-\u9fffA-Za-z0-9\-]){1,12}?(?P<g>[\u4e00-\u9fff]{1,4}))"
    r"(?:（[^）]{1,40}）)?\s*(?:是|：|:)\s*(?:一种|一类|一个|一组)?"
    r"[^，,。；！？]{2,80}的[\u4e00-\u9fff]{0,6}(?P=g)\s*[。；]?$"
)
# the kinds a textbook's genus-less definition ends on: a place (场所), a process, a
# collective name (总称, 统称), a phenomenon, a method, a discipline, an ability, a unit
# ("细胞是生物体结构和功能的基本单位", "原子是化学变化中的最小微粒")
_ZH_ANY_KIND = r"(?:场所|过程|总称|统称|现象|方法|学科|科学|能力|单位|微粒|粒子)"
# words that point at a place in the document, an example or code near it: "上面的代码"
_ZH_POINTER = (
    r"(?:上面|下面|上述|下述|前面|后面|以上|以下|上例|下例|本例|这里|这段|这个|这些|那个|该)"
)
# the classical (文言) verbs that give a thing its name: "谓之", "是为", "执此业者曰"
_ZH_CLASSICAL_NAMING = r"(?:谓之|是为|名曰|号曰|者曰)"


def zh_classical_name(definition: Definition) -> bool:
    """The definition names its term in quotes the classical way ("谓之“平话”", "“谈经”者，
    谓…"): the author sets the word apart as a name, though rjieba cuts it (谈 + 经) or
    reads it as a verb (说话). A modern "称为“属于”" is no such mark: it quotes a symbol's
    reading as readily as a name."""
    quoted = re.escape(f"“{definition.term}”")
    return (
        re.search(
            rf"{_ZH_CLASSICAL_NAMING}\s*{quoted}|{quoted}者\s*[，,]\s*谓", definition.sentence
        )
        is not None
    )


# "人力资本，指劳动者的教育水平…", "寡头，是指…": a list's or a glossary's entry, its name, a
# comma and (是)指 (means); 指 alone, not the words it opens (指出, 指向, 指数 …); a name,
# not a demonstrative, a phrase that links sentences ("换句话说，指…") or a preposition's
# phrase ("在这种情况下，是指…": `_zh_names_nothing`)
# The words that hedge what a name means, between the comma and 是指 ("自动伸缩，通常是指
# …", "X，一般指…"): no name themselves. Read as one, "通常" was a concept defined by the
# 自动伸缩 card of a deck, and 自动伸缩 went undefined.
_ZH_HEDGES = ("通常", "一般", "往往", "主要", "常常", "大多", "多半")
_ZH_ENTRY_MEANS = re.compile(
    r"^(?![这那此该其它他她换也即还])"
    r"(?P<t>[^，。；：、！？,.;:\s的][^，。；：、！？,.;:的]{0,11}?)\s*[，,]\s*"
    rf"(?:{'|'.join(_ZH_HEDGES)})?(?:是|即)?"
    r"指(?![的向出导挥定责示望引着数标南令针甲纹头点明控派使正称代])"
)
_ZH_NAME_MEANS = re.compile(
    rf"^(?!{_ZH_POINTER}|[这那此该其它他她我你换也即还])"
    r"(?P<t>[^，。；：、！？,.;:\s的][^，。；：、！？,.;:的]{1,11}?)\s*"
    r"(?:通常|一般|主要|泛|特|专|仅)?(?<![手食拇屈所直意])"
    r"指(?![的向出导挥定责示望引着数标南令针甲纹头点明控派使正称代])"
)
# "数据并行，就是将数据切分…": the name opening its sentence, a comma and 就是 (that is),
# as a lecture defines without 所谓 before it (a distributed-training chapter's key term
# had no definition); not "就是说" (that is to say), nor a phrase that restates or sums up
# before it ("简单来说，就是…", "换句话说，就是…": 说 ends them)
_ZH_NAME_IS_JUST = re.compile(
    rf"^(?!{_ZH_POINTER}|[这那此该其它他她我你换也即还总简])"
    r"(?P<t>[^，。；：、！？,.;:\s的][^，。；：、！？,.;:的]{1,11}?)(?<![说讲言看之])\s*[，,]\s*"
    r"就是(?!说)"
)
# the word classes a name does not open on: a preposition, a pronoun, a conjunction, an
# adverb, a locality word, a numeral
_ZH_NOT_OPENING_A_NAME = frozenset({"p", "r", "c", "d", "f", "m"})


# the word classes of a word holding 是 that is a name's part: a noun, an idiom (实事求是)
_ZH_NAME_CLASSES = frozenset({"n", "nz", "i", "l"})


def _zh_names_nothing(term: str) -> bool:
    """The words before the comma open on a word no name opens on (`_ZH_NOT_OPENING_A_NAME`):
    "在这种情况下", "因此"; or they hold the copula 是 (alone or cut into a verb: 感是), a
    clause that says what something is ("胜任感是第二种基本需要，指…" named a concept
    胜任感是第二种基本需要)."""
    tagged = [(w, t) for w, t in rjieba.tag(term) if not w.isspace()]
    return (
        not tagged
        or tagged[0][1] in _ZH_NOT_OPENING_A_NAME
        or any("是" in word and tag not in _ZH_NAME_CLASSES for word, tag in tagged)
    )


# "一组整数的最大公约数，是指…": a comma sets off a name with its modifier (…的) first;
# without 的, the words before the comma are no name ("换句话说，指的是…"); nor are they
# when a preposition opens them, a setting ("在云计算的背景下，是指…": "背景下" was a
# concept a deck's 虚拟化 card defined)
_ZH_MODIFIED_MEANS = re.compile(
    r"(?P<t>[^，。；：、！？,.;:\s][^，。；：、！？,.;:]{0,19}?的[^，。；：、！？,.;:的]{2,12})"
    r"\s*[，,]\s*(?:是指(?!向)|指的是)"
)


# 作为 ("as") between a name and the role it is taken in: "X作为Y的Z"
_ZH_AS_WHAT = re.compile(r"\s*作为")


def _zh_setting(words: str) -> bool:
    """The words open on a preposition: a setting ("在…的背景下"), no name."""
    tagged = [tag for word, tag in rjieba.tag(words) if not word.isspace()]
    return bool(tagged) and tagged[0] == "p"


# "AUC则指的是…", "X就是指…": an adverb between the name and 是指 ("then", "just"); not
# 是 before the verb 指向 ("分支，其实本质上仅仅是指向提交对象的指针": "points to"), nor
# before a word 指 opens ("平方根是指数为 ½ 的幂运算": is the power whose exponent …)
_ZH_TERM_MEANS = re.compile(
    rf"{_ZH_TERM}(?:（[^）]{{1,40}}）)?\s*(?:则|就|也|即)?"
    r"(?:是指(?![向数标针令南定挥导引示纹])|指的是)"
)


def _zh_no_name_means(raw: str) -> bool:
    """The words before 是指 / 指的是 name nothing: a clause's adverb alone after a comma
    ("…，实际上指的是首部的长度" made 实际上 a concept) or a conjunction opening them
    ("…，而不是指具体的传输媒体", what a term does NOT mean, made 而不 one). An adverb
    ending a compound stays (合同故意: 故意 "deliberately")."""
    tagged = [tag for word, tag in rjieba.tag(raw) if not word.isspace()]
    return not tagged or tagged[0] == "c" or all(tag == "d" for tag in tagged)


_ZH_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            # "我们称…为X", and a sentence opening on 称 ("称细胞内遗传信息的传递方向为中心法则")
            # (not the words 称 opens: 称重, 称量, 称呼, 称赞 …)
            r"(?:我们|^)(?:把|将)?称(?![重量呼赞号谓职霸心道得])(?:之|其|它|这样的|这种|这个|这些)?[^。；，]{0,20}?为\s*[“\"*「]*(?P<t>[^，。；、：（(”」*]{1,15})"
        ),
        0.9,
    ),
    (
        re.compile(
            # a clause after a condition that names what meets it, pointing back at it:
            # "若关系同时具备自反性、对称性和传递性，则称这种关系为等价关系", "…，称其为X" (the
            # definition went to the condition's first stressed property, 自反性). Only
            # with the pointing word: "…有m条边，称{u, v}是重数为m的边" names no 边
            r"[，,]\s*(?:则|那么|就|便)?(?:可)?称(?:之|其|它|这样的|这种|这类|这个|这些|该|此)"
            r"[^。；，,]{0,8}?为\s*[“\"*「]*(?P<t>[^，。；、：（(”」*]{1,15})"
        ),
        0.9,
    ),
    # "细胞膜，又称质膜，是包围细胞质的薄膜": the name, its other name set off by 又称 (也叫,
    # 又名: "火星坐标系，也叫国测局坐标系，是…"), then what it is
    (
        re.compile(
            rf"^{_ZH_TERM}\s*[，,]?\s*(?:又称|又叫|又名|也称|也叫|也叫做|亦称|俗称|别称)"
            r"[^，。；]{1,15}[，,]\s*(?:就)?是"
        ),
        0.85,
    ),
    (_ZH_TERM_MEANS, 0.85),
    (_ZH_MODIFIED_MEANS, 0.85),
    (_ZH_ENTRY_MEANS, 0.85),  # as 是指 says it
    # "可用性指服务一直可用…", "一致性通常指…": the name opening its sentence and 指 (means)
    # right after it, with no 是 or comma between, as notes write it; 指 alone (not 指出,
    # 指向, 指数 …) and no finger (手指, 食指) or 所指 ending the name
    (_ZH_NAME_MEANS, 0.85),
    (_ZH_NAME_IS_JUST, 0.8),  # weaker than 是指: 就是 also restates
    # "此数值被定义为阿伏伽德罗常数": what a demonstrative points back to is given its name
    (
        re.compile(
            r"(?:^|[，,])\s*(?:此|这|该|这个|这一|这种)[^，。；]{0,10}?(?:被)?定义为\s*[“\"*「]*"
            r"(?P<t>[^，。；、：（(”」*]{1,15})"
        ),
        0.85,
    ),
    (re.compile(rf"{_ZH_TERM}(?:（[^）]{{1,40}}）)?\s*(?:被)?定义为"), 0.85),
    # "市场细分的定义是：按需求的差异…", "定位最新的定义是…": the sentence names what it
    # defines and says so ("X的定义：…" as an entry is `_zh_list_entry`'s); a question ("路径
    # 的定义是顶点序列还是边序列？") defines nothing
    (
        re.compile(
            r"^(?P<t>[^，。；：、！？?的\s`*]{2,15}?)\s*"
            r"(?:最新|通常|一般|严格|简单|经典|标准|正式|广义|狭义)?的(?:定义|含义)是"
            r"(?![^。]*[?？][\s*_]*$)"
        ),
        0.85,
    ),
    (
        re.compile(
            r"所谓(?:的)?\s*[“\"*「]*(?P<t>[^，。；：、”」*]{1,15}?)[”」*]*[，,]?\s*(?:就|即)?是"
        ),
        0.85,
    ),
    (
        re.compile(
            # "…的原子组成的物质互称同位素": things named together (互称, 合称)
            # "…的方剂，就叫解表剂", "…统称为化石燃料": a textbook's naming after the
            # description (the 就叫 of a TCM chapter's definitions read as no definition)
            r"(?:被称为|被称作|称为|称作|叫做|叫作|就叫(?![做作])|统称为|统称|总称为|简称|互称|合称"
            # a lecture names as it speaks: "这叫“无损压缩”", "最简单的方法叫 游程编码",
            # "…，叫“感知编码”" (bare 叫 only after 这/那, 方法/方式, or a comma before a
            # quoted name: 叫 alone is also to call or shout; "这叫什么" asks)
            r"|(?<=[这那])叫(?![做作醒声喊好什啥])|(?<=方法|方式)叫(?![做作什啥])"
            r"|(?<=[，,])叫(?=\s*[“\"「]))"
            r"\s*[“\"*「]*"
            # an English name is read whole ("被称为 blanket implementations")
            r"(?P<t>[A-Za-z][A-Za-z0-9'’\- ]{0,40}[A-Za-z0-9](?=\s*(?:[，。；、：！？（(]|$))"
            # a quoted word that 的 follows only modifies the name: "这可被称为「监控器」的
            # 轻度使用" names a light use of the monitor, and defined the monitor by it
            r"|[^，。；、：（(”」*]{1,15}(?![^，。；、：（(”」*]*[”」*]+的))"
        ),
        0.8,
    ),
    # "…偏移的共价键是极性共价键，…": a description of a kind, then the name of that kind
    # closing its clause (the genus first, the name after; "…的原因是缺乏数据" names none;
    # "上面的代码是合法代码" points at an example, it describes no kind)
    (
        re.compile(
            rf"(?:^|[，,；])(?!\s*{_ZH_POINTER}的)[^，。；]{{2,60}}的(?P<g>[\u4e00-\u9fff]{{1,4}})是\s*"
            r"(?P<t>(?:(?![的而或和与不是])[\u4e00-\u9fff]){1,8}(?P=g))(?:（[^）]{1,40}）)?"
            r"(?=\s*(?:[，。；]|$))"
        ),
        0.8,
    ),
    # "化合反应是两种或两种以上物质生成一种物质的反应。", "物理变化：没有新物质产生的变化":
    # a definition by genus, the name a kind of what the sentence ends on (反应, 变化, 式)
    # (as strong as a glossary entry: "根节点（root node）：位于树顶层的节点。" is both)
    (_ZH_GENUS, GLOSSARY),
    # "`NOT NULL`是非空约束，即…": a keyword in capitals, then the Chinese name of what it
    # is; the name is the term (the keyword is code, named already)
    (ZH_KEYWORD_NAMED, NAMED),
    # classical (文言) naming, as histories of literature and old medical or philosophical
    # texts write it: "谓之“平话”", "是为“话本”", "执此业者曰“说话人”"; the name is quoted
    # (an unquoted word after 曰 is speech or a list: "帝曰，“卿近前来。”", "曰小说，曰合生")
    (re.compile(_ZH_CLASSICAL_NAMING + r"\s*[“「](?P<t>[^，。；、：“”「」]{1,10})[”」]"), NAMED),
    # "说话者，谓口说古今惊听之事", "“讲史书”者，谓讲说…": classical "X者，谓…" says what X
    # means (谓之 after it names something else, above)
    (
        re.compile(
            r"(?:^|[，,；;]\s*)[“「]?(?P<t>[^，。；、：“”「」\s]{1,8}?)[”」]?者\s*[，,]\s*谓(?!之)"
        ),
        0.85,  # as strong as 是指: the classical way to say what a word means
    ),
    (re.compile(rf"^{_ZH_TERM}(?:（[^）]{{1,40}}）)\s*是"), WEAK),
]
# Plain text only (no emphasis survives): a sentence opening on an indefinite noun phrase
# and "is" ("A data race is similar to …"), "X是一种…". Weak alone; where the term is
# first mentioned (concepts._introduced) it stands in for the lost emphasis. A hedge after
# the verb estimates, no definition says "perhaps": "A common rule of thumb is perhaps three
# months' pay" (its "common rule of thumb" was a concept, defined so).
_EN_PLAIN = re.compile(
    rf"^(?:an?\s+(?!{_LATIN})|(?=a\s+{_LATIN})){_EN_TERM}\s+(?:is|are)\s+"
    r"(?!(?:not|perhaps|probably|possibly|maybe|arguably)\b)",
    re.I,
)
_ZH_PLAIN = re.compile(
    # (not "上面的代码是…的方法": the example above, no name)
    rf"^(?!{_ZH_POINTER}){_ZH_TERM}(?:(?:是|指)(?:一种|一个|一类|一组|指)"
    # "线粒体是细胞进行有氧呼吸的主要场所", "X是…的总称": a description ending on a word
    # of kind that fits any subject (a place, a process, a collective name, a method), no
    # genus that the name ends as (`_ZH_GENUS`); a discipline's textbook definition runs
    # its means and method before the kind in clauses of their own ("会计学是以货币为主要
    # 计量单位，反映和监督经济活动的一门学科"): up to two such, the kind still ending it
    rf"|是(?!{_ZH_POINTER})(?:[^，,。；！？]{{2,30}}[，,]){{0,2}}[^，,。；！？]{{2,40}}"
    rf"的(?:一门|一种|一个)?(?:主要|重要|基本|最小)?{_ZH_ANY_KIND}\s*[。；]?$"
    # "时间复杂度用来描述…的趋势", "标准差用于衡量…": a measure defined by what it measures
    r"|(?:用来|用于|可以用来)(?:描述|衡量|度量|刻画|表示|表征|反映))"
)
# a passive right after "A X is": what is done to the thing ("is shown in Figure", "is
# weighed"), not what it is (after an adverb it describes it: "A leakage channel is randomly
# gated, meaning …", "An apocrine sweat gland is usually associated with hair follicles")
_PASSIVE = re.compile(
    r"(?:[a-z]{2,}(?<!e)ed|shown|given|found|made|done|seen|taken|written|held"
    r"|kept|built|brought|sent|drawn|thrown|chosen|driven|grown|hidden|split|cut|laid|put"
    r"|set)\b",
    re.I,
)
# Plain text only: "what Hobbes called the state of nature", "which he calls the harm
# principle", "what scholars call neoliberalism": a writer's or a school's name for a thing,
# its subject a person, a name or a plural noun (not "which in turn calls the …", a
# program's call). With emphasis kept, the bold says which of these names the text teaches
# ("what Hobbes called a Leviathan" is no bold term there, and would take a key term's place).
_WRITERS_NAME = re.compile(
    r"\b(?:what|which)\s+(?:he|she|they|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
    rf"|(?:some\s+|many\s+|most\s+)?(?!(?:{_STOP_WORDS})\s){_PLURAL_WORD})\s+"
    rf"(?:often\s+|later\s+)?call(?:s|ed)?\s+{_ART}[\"“‘]?"
    r"(?P<t>[A-Za-z][\w'’\- ]{1,60})"
)
_EN_CUT = re.compile(
    r"\s+(?:" + "|".join(sorted(EN_STOP - {"of"}, key=len, reverse=True)) + r")\b.*$", re.I
)
# the same cut, where a verb found the name's end: a preposition may belong to the name
_EN_CUT_CLAUSE = re.compile(
    r"\s+(?:"
    + "|".join(sorted(EN_STOP - {"of"} - EN_PREPOSITIONS, key=len, reverse=True))
    + r")\b.*$",
    re.I,
)
_ZH_CUT = re.compile(r"(?:的|了|等|，|。|\s).*$")


# "That is, we want sound arguments.": the discourse marker ("i.e.") holds no copula; a
# sentence stressing a term after it restates a point, defining nothing
_DISCOURSE_THAT_IS = re.compile(r"\bthat\s+is(?:\s+to\s+say)?\s*,", re.I)
_EN_DEFINING_VERB = re.compile(
    r"\b(?:is|are|was|were|refers?|means?|denotes?|defines?|called|known|termed|describes?"
    r"|states|says|holds|asserts|predicts)\b",
    re.I,
)
# 是 of a conjunction or an adverb is no copula: "但是" (but), "于是" (so), "还是" (or,
# still), "只是" (only), "总是" (always), "不是" (is not): "确实不能**证实**物质…，但是…"
# defined the stressed verb 证实 ("主要是", "而是" stay: "…不涉及维度，而是分量的大小")
# (指 a verb of its own, not the first character of 指令 "instruction", 指针 "pointer", 指数
# "exponent", 指出 "point out", 指定 "specify": "`yield*` 指令将执行 **委托** 给另一个
# generator" defined 委托 by 指令. Guarding 是否, 名称, 对称 and 即使 as well moved two
# key concepts between the Chinese chapter and book courses, the floors' net nothing)
_ZH_DEFINING_VERB = re.compile(
    r"(?<![但可于还只总不凡倒])是|称|叫|指(?![令针标数南出明示引导定])|定义|即|表示|意味着"
)
EMPHASIS = 0.7
DEFINED_EMPHASIS = 0.8  # an emphasised term opening "X is a/an/the …"
# "We'll first define what we mean by *string*", "接下来我们将介绍*哈希表*": the sentence
# announces what comes next; the definition is a later sentence. So does "In the next
# sections we will show how … the *channel state* is updated" (a Lightning chapter's
# question "What does “channel state” mean?" was answered by it).
_EN_ANNOUNCES = re.compile(
    r"\b(?:will|['’]ll|shall|let['’]s|let\s+us|going\s+to|first)\s+(?:\w+\s+)?"
    r"(?:define|explain|discuss|describe|introduce|look\s+at|talk\s+about|cover|see"
    r"|show|examine|explore|review|study|present|demonstrate|investigate)\b"
    r"|\bwhat\s+we\s+mean\s+by\b",
    re.I,
)
_ZH_ANNOUNCES = re.compile(
    r"(?:将|会|接下来|下面|下一节|下一章|本节|本章)[^。]{0,6}(?:介绍|讨论|讲解|学习|定义)"
)
# "In Listing 8-20, … whose names are *Blue* and *Yellow*", "如图 3 所示": a sentence about
# a numbered figure or listing describes that artefact, not a term.
_ARTEFACT = re.compile(rf"{NUMBERED_ARTEFACT}|\bexample\s+\d+(?:[.-]\d+)*\b", re.I)
_LIST_MARK = re.compile(r"^[-*•·\s]+")
APPOSITIVE = 0.72  # "**endocytosis**, the uptake of matter …": below a copula's 0.8, and not
# GLOSSARY's 0.75, which marks a glossary's entries (concepts._glossary_keys)
# what the genus of an appositive or of "Xs are …" runs on into: a relative clause, a
# participle or "of" ("the uptake of matter", "organelles used for", "ions that"), or the
# parties a relation's genus names ("*bhakti*, a direct personal relationship between a
# follower and the deity": an appositive genus that ran on into "between" defined nothing)
_GENUS_THEN = (
    r"(?:of|that|which|whose|where|who|with|for|between|among|(?:in|by|through|from)\s+which|"
    r"used|made|formed|found|composed|consisting|containing|responsible|involved|required|produced|"
    r"synthesized|synthesised|other\s+than)\b"
)
_GENUS_WORD = rf"(?!(?:{_STOP_WORDS})\b)(?![a-z]+(?:ly|ing)\b)[a-z][\w'’\-]*"
_PLURAL_NOUN = rf"(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*[a-z](?<!ss)(?<!us)(?<!is)(?<!as)s"
_APPOSITIVE_GENUS = re.compile(
    r",\s+(?:"
    # ", the uptake of matter …", ", a meshwork of filaments", ", an internal network that";
    # after "or" as well, the genus restating the name as the synonym does below: "your
    # *net worth*, or the total measure of your wealth"
    rf"(?:or\s+)?(?:an?|the)\s+(?:{_GENUS_WORD}\s+){{0,3}}{_GENUS_THEN}"
    # ", membrane-bound organelles that contain …": a bare plural genus
    rf"|(?:{_GENUS_WORD}\s+){{0,2}}{_PLURAL_NOUN}\s+{_GENUS_THEN}"
    # ", or shriveling, of the cell", ", or nuclear division": a synonym glosses it
    rf"|or\s+(?P<syn>(?!(?:{_STOP_WORDS})\b)(?:[a-z][\w'’\-]*\s+){{0,2}}[a-z][\w'’\-]*)"
    r"(?:\s*[,;.(]|\s+of\b|$)"
    r")"
)
# "**Xenobiotics** are compounds synthesized by …", "**Cofactors** are inorganic ions that
# …": a plural genus needs no article
_BARE_PLURAL_GENUS = re.compile(
    (
        rf"^{_EN_TERM}\s+are\s+(?:{_GENUS_WORD}\s+){{0,2}}{_PLURAL_NOUN}"
        rf"(?:\s+{_GENUS_THEN}|\s*[.;]|\s+[a-z]+ed\b)"
    ),
    re.I,
)
# a clause opening on a preposition or conjunction ("In an **isotonic medium**, the
# solute …", "During **interphase**, the cell …"): the comma after the term ends that
# clause, and the noun phrase after it is the next clause's subject
OPENING_CLAUSE = EN_PREPOSITIONS | {
    "after", "although", "as", "because", "before", "if", "once", "since", "though", "unless",
    "until", "when", "whenever", "where", "whereas", "while", "unlike", "like", "despite",
    "upon", "throughout", "beyond", "besides", "near",
}  # fmt: skip
# "For example, …", "An example of … is …", "e.g.": an example uses a term, it does not
# define it
# a discourse connective that opens a sentence, set off by its comma: it links the sentence to
# the one before and says nothing of what the rest defines
_CONNECTIVE = re.compile(
    r"^\s*(?:in\s+contrast|by\s+contrast|in\s+comparison|on\s+the\s+other\s+hand|however|"
    r"finally|alternatively|similarly|likewise|conversely|instead|moreover|furthermore|"
    r"in\s+addition|additionally|in\s+other\s+words|in\s+turn|in\s+general|generally|"
    r"typically|usually|often|sometimes|thus|therefore|hence|consequently|as\s+a\s+result|"
    r"for\s+(?:example|instance)|first|second|third|next|then|here|today|now|also"
    # a hedge on how exactly the definition speaks: "Technically, cookies are arbitrary
    # pieces of data …" (a deck's one definition of its topic was lost), "Formally, …"
    r"|technically|strictly(?:\s+speaking)?|formally|informally|intuitively|essentially"
    r"|basically|(?:roughly|loosely|broadly)\s+speaking|put\s+simply|simply\s+put|in\s+short"
    # the field whose vocabulary the word belongs to: "In motion picture terminology, a
    # montage … is a film editing technique", "In legal parlance, …"
    r"|in\s+(?:[a-z][\w-]*\s+){1,3}(?:terminology|parlance|jargon|usage)),\s+",
    re.I,
)
# A lecture's transcript says its definitions as speech: "And a principal in Kerberos is
# actually just a string, right?" read as a question (its tag), opening on "And" and
# hedged after its verb, so no pattern saw the statement "a principal … is a string". In
# plain text (a transcript keeps no typography), the opener, the hedge and the tag go.
_SPOKEN_OPENER = re.compile(
    r"^\s*(?:(?:and|so|but)\s+(?:(?:so|then|now)\s+)?|(?:well|ok|okay|all\s+right|right|yeah|yes)"
    r"\s*,\s+(?:(?:and|so)\s+)?)(?=\w+\s+\w)",
    re.I,
)
_SPOKEN_HEDGE = re.compile(
    r"\b(is|are)\s+(?:(?:actually|basically|really|essentially|literally|just|simply)\s+){1,2}"
    r"(?=(?:an?|the)\s)",
    re.I,
)
_TAG_QUESTION = re.compile(
    r",\s*(?:right|okay|ok|yeah|you\s+know|isn['’]t\s+it|aren['’]t\s+they|don['’]t\s+you\s+think)"
    r"\s*\?\s*$",
    re.I,
)


def spoken_statement(sentence: str) -> str:
    """The statement a spoken sentence makes, without its opener ("And", "So", "Well,"), a
    hedge after its verb ("is actually just a") or a tag question (", right?")."""
    sentence = _TAG_QUESTION.sub(".", sentence)
    sentence = _SPOKEN_OPENER.sub("", sentence, count=1)
    return _SPOKEN_HEDGE.sub(r"\1 ", sentence)


# A figure's legend told in the text, "The dashed line is the 1:1 line", "The red curve is
# the fitted model": a mark drawn in the figure, named by how it is drawn, is no concept
_FIGURE_MARK = re.compile(
    r"(?:the\s+)?(?:(?:thin|thick|solid|dashed|dotted|broken|grey|gray|black|red|blue|green|"
    r"orange|purple|shaded|open|filled|horizontal|vertical|diagonal)\s+){1,2}"
    # "The shaded portions are the first output element …": a figure's cells told so too
    r"(?:lines?|curves?|arrows?|bars?|dots?|points?|circles?|areas?|regions?|portions?|parts?"
    r"|boxes|box|squares?|rectangles?)",
    re.I,
)
# "As an example, the term “Raisin Bran” is merely descriptive …", "Adobe, for example,
# asked authors to stop using the term “photoshopped”": the marker opening the sentence,
# or set off by commas after its subject, says the same as "For example, …"
_EXAMPLE = re.compile(
    r"^\W*(?:for\s+(?:example|instance)|as\s+an\s+example|e\.g\.)"
    r"|^[^,;:]{1,40},\s*for\s+(?:example|instance),|\bexamples?\s+of\b",
    re.I,
)
# a colon after the term, or a dash set between spaces, as notes type a gloss in a list
# ("**Climate** -- temperature and moisture", "**Loss** – erosion and dissolution"): a
# soil lesson's factors and processes, glossed so, had no definitions
_GLOSSARY_COLON = re.compile(r"^[\s)）*_`\]]*(?:[:：]|\s(?:--|–|—)\s+(?=\S))")
# "**Minimum Inhibitory Concentration (MIC)** The minimum concentration of …": a term set
# in bold and run in before its gloss, no colon between, the gloss a capitalised noun
# phrase opening on its article; the words up to its first relative, preposition or comma
# are its head, which a clause ("**Note** The program stops …") fills with a verb
_RUN_IN_GLOSS = re.compile(
    r"^[\s)）*_`\]]*(?:[—–]\s*)?(?:The|A|An)\s+(?P<head>[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,3}?)"
    r"(?=\s+(?:that|which|who|whose|of|in|for|to|by|with|from|on|at|used)\b)"
)
_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "can", "will", "must"})
_WORD = re.compile(r"[^\W_]")  # a letter, a digit or a Han character


# inline code and maths, which say no words (not `textutil.prose`, which takes a path's
# shape for code too: "Object.freeze(obj): 禁止添加/删除/更改属性。" lost its gloss)
_CODE_OR_MATHS = re.compile(r"`[^`]*`|\$[^$]*\$")


def _labelled(sentence: str, term: str) -> bool:
    """The sentence opens on `term` and a colon: the term labels it."""
    opening = _LIST_MARK.sub("", sentence)
    return opening.startswith(term) and opening[len(term) :].lstrip(" *_`").startswith((":", "："))


# What a definition's text never opens with: an example's lead ("如", "例如", "比如"), or
# the term again as the subject of a claim. Under "影响农业生产的因素" a revision sheet's
# bold labels read "**海拔：**海拔高，空气稀薄…" and "**土壤：**如河流冲积平原，土壤肥沃…":
# how the factor works, said of the term, or an instance of it; each was the definition of
# 海拔 and 土壤. The term again with a copula ("纬度：纬度是…", "X：X指…") still defines.
_ZH_EXAMPLE_LEAD = ("如", "例如", "比如", "譬如", "诸如")
_ZH_COPULA = ("是", "指", "即", "就是", "又称", "也称", "也叫", "称为", "表示")


# the fewest Chinese characters a glossary's or a handout's entry says its term means in
MIN_ZH_ENTRY_CHARS = 4
# A list's entry glossed by the equation that defines its symbol ("极差：$R=x_{(n)}-x_{(1)}$",
# "变异系数：$CV=\\frac{s}{\\bar{x}}$"): a maths handout defines its statistics so, in no
# words, and of a list of five sample statistics only the one with a remark after its
# formula was defined. The symbol stands alone left of one "="; a condition ("红失谐：
# $\\Delta>0$") or a computed value ("结果：$x=2$", no symbol's definition: a number on the
# right alone) defines nothing.
_DEFINING_FORMULA = re.compile(
    r"^\s*\$\s*[^$=<>≤≥]{1,24}?\s*=(?!=)\s*(?![-+]?\d+(?:\.\d+)?\s*\$)[^$]*[A-Za-z\\][^$]*\$"
)
_HAN = re.compile(r"[\u3400-\u9fff]")


_EN_EXAMPLE_LEAD = re.compile(r"(?:for\s+(?:example|instance)\b|e\.\s?g\.|such\s+as\b)", re.I)


# a clause opening on a verb of change: "升高温度", "增大反应物浓度"
_ZH_CHANGED = re.compile(r"(?:增大|减小|升高|降低|增加|减少|提高|加快|减慢|改变|加大|缩小|扩大)")


def _zh_remark(term: str, rest: str) -> bool:
    """`rest`, the text after a Chinese label `term` and its colon, makes a remark about
    the term (opens on it again without a copula, or its first clause changes it) or
    gives an example of it."""
    if not has_han(term) or not rest:
        return False
    if rest.startswith(_ZH_EXAMPLE_LEAD) and not rest.startswith("如果"):
        return True
    first = re.split(r"[，,；;。]", rest, maxsplit=1)[0]
    if _ZH_CHANGED.match(first) and term in first:
        # "温度：升高温度，反应速率加快" under "影响反应速率的因素": what changing the term
        # brings about, no meaning (温度 and 浓度 were defined so)
        return True
    after = rest[len(term) :].lstrip()
    return (
        rest.startswith(term)
        and not after.startswith(_ZH_COPULA)
        and not _ZH_SET_OFF_COPULA.match(after)
    )


# The name, a comma, then what it is, maybe after a hedge or a setting set off by a comma of
# its own: "自动伸缩，通常是指…", "垂直伸缩，也称为“向上伸缩”，是…", "虚拟化，在云计算的背景
# 下，是指…". A deck's card or a glossary's entry that repeats its name so is a definition,
# no remark: read as one, three cards of a 云原生 deck went undefined and 垂直伸缩 took
# the sentence of another card that named it in passing.
_ZH_SET_OFF_COPULA = re.compile(
    r"[，,]\s*(?:[^，。；：]{1,30}[，,]\s*)?"
    rf"(?:{'|'.join(_ZH_HEDGES)}|也|又|亦)?(?:{'|'.join(_ZH_COPULA)})"
)


def _glossary_entry(sentence: str, block: int, emphasis: tuple[str, ...]) -> Definition | None:
    """ "**Root node**: the node at the top …", "<u>根节点（root node）</u>：位于顶层的节点":
    an emphasised term that opens its sentence and is followed by a colon is a glossary
    entry, the textbook's own definition list."""
    opening = _LIST_MARK.sub("", sentence)
    for span in emphasis:
        if not opening.startswith(span):
            continue
        # the colon after the term, or set in bold with it ("**problem solving:** The …"),
        # or none before a gloss that opens as a noun phrase (`_RUN_IN_GLOSS`)
        rest = opening[len(span) :]
        if not (
            _GLOSSARY_COLON.match(rest)
            or span.rstrip().endswith((":", "："))
            or _run_in_gloss(rest)
        ):
            continue
        if not _WORD.search(_CODE_OR_MATHS.sub("", opening[len(span) :]).lstrip(" \t)）*_`]:：")):
            # "**练习题：**" alone: a label leading in to what follows, no entry; nor does
            # one before inline code alone say what it is ("结果为：`{total}')`"), nor one
            # before its symbol or a formula alone ("**反演中心**：$(i)$", "**旋转轴**：
            # $1\ (C_1)$，$2\ (C_2)$…": a crystallography chapter's list of notations
            # gave those as the definitions, and their questions answered with a symbol)
            continue
        term = emphasis_name(span)
        if len(zh_listed(term)) > 1:
            continue  # "阈上刺激和阈下刺激：…": an entry for two names, each emphasised
        if zh_facet_label(term):
            continue  # "**原理**：…", "**独特优势**：…": a point made about the topic
        if apparatus(term):
            # "**Next lecture:** the Deutsch–Jozsa algorithm", "**Reading:** chapter 2":
            # the course's own label before what it points to, no name defined
            continue
        rest = opening[len(span) :].lstrip(" \t)）*_`]:：")
        if _zh_remark(term, rest):
            continue  # "**海拔：**海拔高，空气稀薄…", "**土壤：**如河流冲积平原…"
        if members_only(term, rest):
            continue  # "**Monosaccharides**: glucose, fructose and galactose"
        if spelled_out_only(term, rest):
            continue  # "**DLMO**: dim light melatonin onset", a list of abbreviations
        if _no_meaning_here(rest):
            continue  # "**归并排序**：本节开头已介绍，不再赘述。": said elsewhere, not here
        if term.casefold() in TASK_LABELS and (has_han(term) or imperative(rest, any_case=True)):
            # "Directions: Read the passage below …": a worksheet's instruction; after such
            # a label, a quiz's "Instructions: circle the best answer." is one as well
            continue
        if lab_part(term, rest):
            continue  # "Purpose: To measure the density of water …": this lab's part
        if opens_on_a_date(rest):
            continue  # "Draft Due: Friday, 3/14": a deadline's label and its date
        if _another_subject(term, opening[len(span) :]) or _advice(rest) or _activity(term):
            # "**Open files**: `lsof` lists the files …", "**Plugins**: Take your time and
            # explore …": a list of tools or tips under labels; what follows says what the
            # command in code does, or tells the reader what to do, not what the label is
            continue
        if _EN_EXAMPLE_LEAD.match(rest):
            # "**Trees**: For example, binary search trees, AVL trees, …" (as 例如 after a
            # Chinese label, `_zh_remark`): instances, not what the name means
            continue
        if (
            has_han(rest)
            and len(_HAN.findall(rest)) < MIN_ZH_ENTRY_CHARS
            and not _WORD_CLASS_GLOSS.search(rest)
        ):
            # "**洋：**北冰洋", "**基督教：**教堂": a name given as an answer, no meaning;
            # a handout's numbered entry asks as many characters (`_zh_list_entry`); a
            # word list's sense with its word class is the English word's meaning
            # ("athlete: 运动员（n.）", `readers.blocks._word_list_entry`)
            continue
        # the colon, not the word class, says it is a name: "Aliasing:" as a heading's
        # "Iterating" is (an adjective, "Fast:", is a bullet's claim still); set apart,
        # a noun and its prepositional complement names one too ("**Diameter at breast
        # height (DBH)**: …", a forestry deck's card, had its concept and no definition)
        if term and acceptable(term, heading=True, emphasised=True):
            return Definition(term, sentence, block, GLOSSARY)
    return None


# the labels a worksheet or an exam sets before what the pupil is to do ("Directions: Read
# the passage below and answer …" was a concept defined by its instruction); in English
# only before an instruction ("Instructions: the commands a processor executes" defines)
_LEAD_LABEL = re.compile(
    r"^(?:note|tip|remember|recall|reminder|important|background|key\s+idea|key\s+point)"
    r"\s*:\s*(?=(?-i:[A-Z]))|^(?:注|注意|提示|背景|小贴士)\s*[:：]\s*(?=[\u3400-\u9fff])"
    # a numbered definition's label, as notes quoting two textbooks set them ("定义一：数据结构
    # 是…", "定义2：…"): the sentence after it defines its own subject (read with the label,
    # the glossed name inside it, 抽象数据类型, took the sentence defining 数据结构)
    r"|^定义\s*[一二三四五六七八九十\d]{1,3}(?:\.\d{1,3})*\s*[:：]\s*(?=[\u3400-\u9fff])",
    re.I,
)
TASK_LABELS = frozenset(
    {"directions", "instructions", "your task", "说明", "要求", "作答要求", "答题要求"}
)


def imperative(text: str, any_case: bool = False) -> bool:
    """`text` opens with a capitalised verb's bare form: "Read the passage", "Answer",
    "Re-type the lines" (a prefixed verb, read by its last part). `any_case` takes a
    lower-case one too, where what comes before already says an instruction follows."""
    first = re.match(
        r"[A-Za-z][a-z]+(?:-[a-z]+)*" if any_case else r"[A-Z][a-z]+(?:-[a-z]+)*", text
    )
    verb = first.group().lower().rsplit("-", 1)[-1] if first else ""
    return bool(verb) and verb in getAllLemmas(verb).get("VERB", ())


# a gloss that opens, after its colon or dash, on inline code naming something (a command,
# a key): "`htop` is an improved `top`", "`Ctrl+O` moves you back"; a symbol alone ("`|`")
# may be how the label is written
_CODE_OPENS_GLOSS = re.compile(
    r"^[\s)）*_\]]*(?:[:：]|\s(?:--|–|—))\s*[*_]*`(?P<code>[^`]*[A-Za-z][^`]*)`"
)
_READER = re.compile(r"\byou(?:r|rs|rself)?\b", re.I)


def _another_subject(term: str, after: str) -> bool:
    """The gloss after `term`'s colon opens on inline code that is not the term itself:
    its subject is that command or key, which the term only files under a heading. A
    Chinese term's code is its English name ("**缓存**：`cache`，…")."""
    found = None if has_han(term) else _CODE_OPENS_GLOSS.match(after)
    if found is None:
        return False
    code = found.group("code").strip().casefold()
    return code not in term.casefold() and term.casefold() not in code


# the fewest words of a label that names a task by its verb and object
_ACTIVITY_WORDS = 3


def _activity(term: str) -> bool:
    """The label names a task, an -ing form that is only a verb and its object in three
    words or more ("Explaining cryptic error messages", "Traversing abstraction
    boundaries"): what follows says how or why it is done, no meaning. An -ing form that
    is a noun too opens a name ("Learning rate schedule", "Building information model")."""
    words = term.split()
    lemmas = getAllLemmas(words[0].lower()) if words else {}
    return (
        len(words) >= _ACTIVITY_WORDS
        and words[0].lower().endswith("ing")
        and "VERB" in lemmas
        and "NOUN" not in lemmas
    )


# a bracketed aside in which the writer speaks or the reader is addressed
_PERSONAL_ASIDE = re.compile(r"\([^()]*\b(?:I|you|your|we|our|my)\b[^()]*\)")


def _verb_in_an_aside(sentence: str, verb: re.Pattern[str]) -> bool:
    """The sentence's defining verb is only in a bracketed aside the writer addresses to
    the reader: "**Poetry Anthology** (I will print this, but you must check it to see
    what is due)" notes what to do with an item of a list, and defined nothing."""
    bare = _PERSONAL_ASIDE.sub(" ", sentence)
    return bare != sentence and not verb.search(_DISCOURSE_THAT_IS.sub(" ", bare))


def _advice(rest: str) -> bool:
    """The gloss is an instruction to the reader, a verb's bare form with "you" or "your"
    in its first sentence ("Take your time and explore …")."""
    first = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
    return imperative(rest) and _READER.search(first) is not None


# a bilingual word list's sense closed by its word class in brackets: "运动员（n.）"
_WORD_CLASS_GLOSS = re.compile(r"[\u3400-\u9fff]（(?:[a-z]{1,6}\.)）")


# a gloss that only sends the reader to where the term was explained: "本节开头已介绍，不再
# 赘述", "前文已讲过", "详见第 3 章", "see above", "covered in the previous section"
_POINTS_ELSEWHERE = re.compile(
    r"(?:[^，。；,.;]{0,8}?已(?:经)?(?:介绍|讲过|讲解|讨论|说明|提到)|不再赘述|(?:详)?见(?:上文|前文|第)"
    r"|(?:see|cf\.)\s+(?:above|below|earlier|chapter|section)\b"
    r"|(?:as\s+)?(?:covered|discussed|described|introduced|explained)\s+(?:earlier|above|before"
    r"|previously|in\s+(?:the\s+)?(?:previous|last|earlier)\b))",
    re.I,
)
# a gloss that says what the text will do about the term, no meaning of it: "我们将主要讨论
# Transformer 架构" (a chapter's opening bullets, its plan), "本节将介绍…", "we will discuss …"
_ANNOUNCES_PLAN = re.compile(
    r"(?:我们|本章|本节|本讲|下面|接下来|这里)[^，。；,]{0,4}?(?:将|会|要|来)[^，。；,]{0,6}?"
    r"(?:讨论|介绍|讲解|学习|探讨|研究|分析|关注)"
    r"|(?:we|this\s+(?:chapter|section|lecture))\s+(?:will|shall)\s+(?:\w+\s+)?"
    r"(?:discuss|introduce|cover|look\s+at|focus|explore|study|examine)\b",
    re.IGNORECASE,
)


# what may stand around a bracketed aside in a gloss of nothing else: marks and punctuation
_ASIDE_SURROUND = " \t*_`。；;.，,、"


def _no_meaning_here(gloss: str) -> bool:
    """The gloss points to where the term was explained (`_POINTS_ELSEWHERE`), opens on
    what the text will do about it (`_ANNOUNCES_PLAN`), or is a bracketed aside alone
    ("斯涅耳定律：（证明见作业）", "公式：（略）", "Proof: (see the exercises)": the
    note a lecture's board leaves where the matter was, a link or a figure taken out):
    none says what it means."""
    if _POINTS_ELSEWHERE.match(gloss) or _ANNOUNCES_PLAN.match(gloss):
        return True
    aside = gloss.strip(_ASIDE_SURROUND)
    return aside[:1] in "（(" and not _ZH_BRACKETED.sub("", aside).strip(_ASIDE_SURROUND)


def _run_in_gloss(rest: str) -> bool:
    found = _RUN_IN_GLOSS.match(rest)
    return found is not None and not any(
        word in _FINITE or third_person_verb(word) for word in found.group("head").split()
    )


# "查准率$P$：被学习器预测为正例的样例中…", "Precision $P$: the share of …": a name and its
# symbol opening a sentence before a colon, with the definition after it, is a glossary
# entry written without emphasis; so is one whose symbol a PDF, a Word file or typed notes
# set as plain letters, "保留时间 tR：组分从进样到…所需的时间" (a chromatography chapter's
# PDF lost its retention and dead times)
_ZH_SYMBOL_ENTRY = re.compile(
    r"^(?P<t>[\u3400-\u9fffA-Za-z0-9\-]{2,12}?)\s*"
    r"(?:\$[^$]{1,15}\$|(?<=[\u3400-\u9fff])\s*" + QUANTITY_SYMBOL + r")\s*[:：]\s*(?=\S)"
)
_EN_SYMBOL_ENTRY = re.compile(r"^(?P<t>[A-Z][A-Za-z'’\- ]{1,40}?)\s*\$[^$]{1,15}\$\s*:\s+(?=\S)")


def _symbol_entry(sentence: str, block: int, chinese: bool) -> Definition | None:
    match = (_ZH_SYMBOL_ENTRY if chinese else _EN_SYMBOL_ENTRY).match(_LIST_MARK.sub("", sentence))
    if match is None:
        return None
    term = match.group("t").strip()
    if not (acceptable(term, heading=True) and _nominal(term, chinese)):
        return None
    if not chinese and term.split()[0].lower() in EN_STOP:
        return None  # "Then $x$: …", "The $n$: …"
    return Definition(term, sentence, block, GLOSSARY)


# A teacher's handout writes its glossary with an equals sign, "Morpheme = a collection of
# sounds that has a meaning", "Base/Free = a morpheme that can stand alone": a short name,
# then words that say what it is. The name is the entry's term (each of two names a slash
# joins); an equation ("Profit = revenue - cost", "v = d/t") has operators or symbols on
# its right, not a phrase of words, and is left to the formula rules.
_EN_EQUALS_ENTRY = re.compile(
    r"^(?P<t>[A-Za-z][A-Za-z'’\- ]{1,40}?(?:/[A-Za-z][A-Za-z'’\- ]{1,40}?)?)\s+=\s+"
    r"(?P<rest>[A-Za-z].*)$",
    re.S,
)
_JOINED_NAME = re.compile(r"[a-z][A-Z]")  # "UnitCost": words joined into one identifier
_EQUATION_SIGN = re.compile(r"[+×*^=<>≤≥±−÷$\\]|\s[-/]\s")


def _equals_entry(sentence: str, block: int, chinese: bool) -> list[Definition]:
    """ "Morpheme = a collection of sounds that has a meaning": a handout's entry."""
    match = None if chinese else _EN_EQUALS_ENTRY.match(_LIST_MARK.sub("", sentence))
    if match is None:
        return []
    rest = match.group("rest")
    if _EQUATION_SIGN.search(rest) or len(re.findall(r"[A-Za-z]{2,}", rest)) < 3:
        return []
    if _JOINED_NAME.search(match.group("t")) or _JOINED_NAME.search(rest):
        return []  # "LineCost = UnitCost times Quantity": a sheet's or a program's formula
    entries = []
    for name in match.group("t").split("/"):
        term = name.strip()
        if term.split()[0].lower() in EN_STOP:
            continue  # "The total = …": a sentence's subject, no name
        if acceptable(term, heading=True) and _nominal(term, False):
            entries.append(Definition(term, sentence, block, GLOSSARY))
    return entries


# A Chinese teacher's handout lists what it teaches as numbered "name：what it is" items,
# "(2)胸腺：胸腺是T细胞分化、发育、成熟的场所。", "③ 脑干：调节呼吸运动的中枢": the
# enumerator says the lines are entries and the name before the colon the item (weak: an
# entry may name a factor, "（1）纬度：纬度低，…"); and it heads a definition "X的概念：…"
# or "X的定义：…", numbered or not, which defines X as a glossary entry does
ZH_ENUMERATOR = r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[\u2460-\u2473]|\d{1,2}[.、．)])"
# (its gloss in brackets may stand between: "接口隔离原则（Interface Segregation
# Principle，ISP）：尽量缩小接口范围…")
# A handout's list sets the gloss off with a dash as often as with a colon ("计曲线——每隔
# 若干条加粗的一条", "等高距 h——…"), the symbol the name is written with standing between:
# the dashed entries of a review outline defined nothing. A name may open on a Western
# scientist's or a model's name set off by a space before its Chinese head ("Purcell 效应：
# …", "Jaynes-Cummings 模型：…"), as Chinese science notes write it: such entries of a
# quantum-optics glossary defined nothing.
_ZH_NAME_BEFORE_COLON = (
    r"(?P<t>(?:[A-Z][A-Za-z]{1,15}(?:-[A-Z][A-Za-z]{1,15})?\s(?=[\u3400-\u9fff]))?"
    r"[\u3400-\u9fffA-Za-z0-9+]{2,12}?)(?:\s+[A-Za-z]{1,2}(?=\s*—))?\s*"
    r"(?:[（(][^（）()]{1,60}[）)])?\s*(?:[:：]|—{1,2})\s*"
    r"(?P<rest>.*)$"
)
_ZH_LIST_ENTRY = re.compile(rf"^[-*•·◦▪\s]*{ZH_ENUMERATOR}\s*{_ZH_NAME_BEFORE_COLON}", re.S)
_ZH_CONCEPT_OF = re.compile(r"^(?P<t>.+?)的(?:概念|定义|含义)$")
# a 名词解释 list names a work, a decree or a programme by its title in book-title marks
# ("4. 《天朝田亩制度》：太平天国颁布的…"): the marks set the name off, no part of it (with
# them the entry defined nothing, and the work was missing from a history review's concepts)
_ZH_TITLED_NAME = re.compile(
    rf"^([-*•·◦▪\s]*(?:{ZH_ENUMERATOR}\s*)?)《([^《》\s]{{2,12}})》(?=\s*[:：])"
)


def _zh_title_unmarked(text: str) -> str:
    """The entry's text with the book-title marks around its name taken off."""
    return _ZH_TITLED_NAME.sub(r"\1\2", text)


# code or emphasis marks opening an entry before its Chinese name
_MARKED_OPENING = re.compile(r"^[`*_]+(?=[\u3400-\u9fff【])")
# an entry's text that opens on a label restating the name, then what it means: "部门法
# （生产法、增加值法）：生产法或部门法概念：指按…" (a revision note's entry for each
# method, its lines "…概念：", "…注意事项：" run together)
_ZH_RESTATED = re.compile(r"^[*_`\s]*(?P<label>[^：:。；]{1,24}?)的?(?:概念|定义|含义)\s*[:：]")


def _zh_list_entry(
    sentence: str, block: int, item: bool = False, listed: bool = False
) -> Definition | None:
    """ "(2)胸腺：胸腺是…的场所。", "抗体的概念：机体产生的…蛋白质": a handout's entry.
    `item`: the sentence opens a bulleted list's item, an entry as a numbered one is (a
    slide's "资产配置：…", one bullet for each term it names); `listed`: the item is one of
    a run of such entries (`zh_entry_runs`)."""
    sentence_named = _zh_title_unmarked(sentence)
    opening = _LIST_MARK.sub("", sentence_named)
    # "`【收入法】或所得法：`…", "`产品【支出法】（…）：`…": a revision note highlights an
    # entry's name and colon in backticks, its key word in 【】: no part of the name
    opening = zh_emphasis_unwrapped(_MARKED_OPENING.sub("", opening))
    numbered = _ZH_LIST_ENTRY.match(sentence_named)
    match = numbered or re.match(rf"^{_ZH_NAME_BEFORE_COLON}", opening, re.S)
    if match is None or (
        len(_HAN.findall(match.group("rest"))) < MIN_ZH_ENTRY_CHARS
        and not _DEFINING_FORMULA.match(match.group("rest"))
    ):
        return None
    if members_only(match.group("t"), match.group("rest")):
        return None  # "角度测量——水平角、竖直角": its kinds listed, no meaning
    if _no_meaning_here(match.group("rest").lstrip(" *_`")):
        return None  # "归并排序：本节开头已介绍，不再赘述。": said elsewhere, not here
    if apparatus(match.group("t")):
        # "1. 知识目标：理解…", "学时：2": the document's own label before what it says of
        # the lesson, as a bold label is in `_glossary_entry` (a 教案's three aims by kind
        # were concepts, each "defined" by its aim, and questions asked what they are)
        return None
    # a run of entries is the slide's own glossary, each as strong as a glossary's entry
    term, confidence = match.group("t"), GLOSSARY if listed else WEAK
    concept_of = _ZH_CONCEPT_OF.match(term)
    restated = _ZH_RESTATED.match(match.group("rest"))
    if concept_of:
        term, confidence = concept_of.group("t"), GLOSSARY
    elif restated and term in restated.group("label") and acceptable(term, heading=True):
        # "部门法（…）：部门法概念：指…"; "收入法或所得法：…" names 收入法, 所得法 its alias
        return Definition(_zh_first_alternative(term), sentence, block, GLOSSARY)
    elif (numbered is None and not item) or zh_facet_label(term):
        # a bullet's or a numbered point's "优点：…", "4. 独特优势：…" is a claim about the
        # topic, no entry
        return None
    elif _zh_remark(term, match.group("rest").lstrip(" *_`")):
        return None  # "（1）纬度：纬度低，…", "- 土壤：如河流冲积平原…": a factor at work
    # the colon names the term whatever rjieba tags it (归经, 相使, 升降浮沉: verbs or
    # adverbs to it) when the gloss opens on the verb that defines ("归经：指药物对…") or the
    # item is one of a list of such entries, a slide's terms glossed one a bullet
    named = listed or _ZH_GLOSS_OPENING.match(match.group("rest")) is not None
    if not (acceptable(term, heading=True) and (named or _nominal(term, True))):
        return None
    return Definition(term, sentence, block, confidence)


# a gloss that only lists names ("水平角、竖直角", "蔗糖、麦芽糖和乳糖等") and what is
# bracketed after it; a name holds no 的 or 之, and two joined by 与 alone may be a
# relation's parts ("位移与时间之比", "质量与体积比"). A name may be Latin letters, alone
# or before Chinese ("拉普拉斯、梯度与Sobel", "Sobel算子"): a deck's summary slide lists
# its methods so, and "锐化：拉普拉斯、梯度与Sobel" was the answer to "什么是锐化？"
_ZH_LISTED_NAME = (
    r"(?:[A-Za-z][A-Za-z-]{0,15}(?:(?![的之])[\u3400-\u9fff]){0,6}"
    r"|(?:(?![的之])[\u3400-\u9fff]){1,8})"
)
_ZH_NAMES_ONLY = re.compile(
    rf"{_ZH_LISTED_NAME}(?:\s*、\s*{_ZH_LISTED_NAME})+(?:\s*(?:和|及|与|以及)\s*{_ZH_LISTED_NAME})?等?"
)
_ZH_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
# an English gloss that only lists names: "glucose, fructose and galactose"
_EN_LISTED = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
# a list of two names may gloss by its parts ("Vector: magnitude and direction"); three
# are members
MIN_EN_MEMBERS = 3
MAX_EN_MEMBER_WORDS = 3  # "a fruity breath odor"
_EN_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)


# A name that names a set of parts ("临床研究的原则", "Risk factors"), or counts them as
# many as the gloss lists ("四诊：望诊、闻诊、问诊、切诊", "Three Ps: …"; not "二糖", a
# disaccharide, before three sugars): the parts are what it means.
_ZH_COUNT = re.compile(r"^(?P<n>[一二两三四五六七八九十]|\d{1,2})(?![\d个])")
_ZH_NUMERALS = "一二三四五六七八九十"
_ZH_SET_OF_PARTS = (
    "原则",
    "因素",
    "要素",
    "类型",
    "种类",
    "分类",
    "组成",
    "成分",
    "特点",
    "特征",
    "方法",
    "步骤",
    "环节",
    "阶段",
    "形式",
    "途径",
    "条件",
    "指标",
    "禁忌",
    "资源",
    "部分",
    "结构",
)
_EN_SET_OF_PARTS = frozenset(
    {
        "principles",
        "factors",
        "types",
        "kinds",
        "components",
        "parts",
        "stages",
        "steps",
        "features",
        "elements",
        "methods",
        "categories",
        "classes",
        "signs",
        "symptoms",
    }
)
_EN_COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_EN_COUNTS = {word: n for n, word in enumerate(_EN_COUNT_WORDS, start=1)}


def _names_its_parts(term: str, listed: int) -> bool:
    words = term.lower().split()
    if term.endswith(_ZH_SET_OF_PARTS) or (words and words[-1] in _EN_SET_OF_PARTS):
        return True
    count = _ZH_COUNT.match(term)
    if count is not None:
        n = count.group("n")
        return (int(n) if n.isdigit() else _ZH_NUMERALS.find(n.replace("两", "二")) + 1) == listed
    return bool(words) and _EN_COUNTS.get(words[0]) == listed


def members_only(term: str, gloss: str) -> bool:
    """The gloss after an entry's colon or dash only lists names, the term's kinds or members
    ("单糖：葡萄糖、果糖、半乳糖", "Monosaccharides: glucose, fructose and galactose"): it says
    what belongs to the term, not what it means (a nutrition deck's "What is 单糖?" was
    answered by its members). Not for a name of its parts (`_names_its_parts`)."""
    gloss = _ZH_BRACKETED.sub("", gloss).strip(" \t*_`。；;.")
    if has_han(gloss):
        listed = _ZH_NAMES_ONLY.fullmatch(gloss) is not None
        names = re.split(r"\s*(?:、|和|及|与|以及)\s*", gloss.removesuffix("等"))
    else:
        names = [_EN_ARTICLE.sub("", name) for name in _EN_LISTED.split(gloss)]
        listed = len(names) >= MIN_EN_MEMBERS and all(
            0 < len(words := name.split()) <= MAX_EN_MEMBER_WORDS
            and all(word.isalpha() and word.lower() not in EN_STOP for word in words)
            for name in names
        )
    return listed and not _names_its_parts(term, len(names))


# An abbreviation and its letters' words, nothing more: a paper's list of abbreviations
# ("DLMO: dim light melatonin onset", "EEG: electroencephalogram") says what the letters
# stand for, not what the name means. Read as a definition, it took the place of a review's
# own sentence about the term ("The dim light melatonin onset (DLMO) is the most reliable
# marker of circadian phase"), and a question asked what "DLMO" means to be answered so.
_SPELLED_ACRONYM = re.compile(r"[A-Z][A-Za-z]?[A-Z0-9]{1,5}s?")
_SPELLED_WORDS = 6
_NAME_SMALL_WORDS = frozenset(["of", "and", "for", "the", "in", "on", "to"])


def spelled_out_only(term: str, gloss: str) -> bool:
    """`term` is an abbreviation and `gloss` only the words its letters stand for: a few
    words without a verb or a clause, the first opening on the abbreviation's first letter
    (the words' initials need not spell it: "EEG" is one word's parts)."""
    if not _SPELLED_ACRONYM.fullmatch(term):
        return False
    words = gloss.strip(" \t*_`.;").split()
    return (
        0 < len(words) <= _SPELLED_WORDS
        and all(re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", word) for word in words)
        and words[0][0].casefold() == term[0].casefold()
        # a name's small words only ("Bureau of Labor Statistics"); "is", "which" make a clause
        and not any(word.casefold() in EN_STOP - _NAME_SMALL_WORDS for word in words)
    )


_ZH_GLOSS_OPENING = re.compile(r"^[*_`\s]*(?:是指|系指|即指|指的是|指)")
# a run of bulleted entries: this many items in a row, most of them "name：gloss"
MIN_ZH_ENTRY_RUN = 3


def zh_facet_points(blocks: Sequence[Block]) -> set[int]:
    """The list items under a lead-in that names an aspect of the topic ("主要局限：",
    "优点：" alone on a line, `structure.zh_facet_label`): each item is a point about the topic, and
    the label before its colon ("1. 恢复难题：…", "2. 过度加锁：…") names the point, no term
    (a handout's advantages and limitations of the tree protocol were three concepts)."""
    points: set[int] = set()
    lead = False
    for index, block in enumerate(blocks):
        if block.kind == "list_item":
            if lead:
                points.add(index)
            continue
        text = block.text.strip()
        label = _ZH_BRACKETED.sub("", text[:-1]).strip(" *_")
        lead = (
            block.kind == "paragraph"
            and text.endswith(("：", ":"))
            and (
                zh_facet_label(label)
                or _ZH_STEPS_LEAD.match(label) is not None
                or _zh_counted_facets(label)
            )
        )
    return points


# A sentence counting the topic's merits or shortcomings before it lists them: "这种方法有
# 两个不足：", "该协议有以下优点：". It leads in as a bare "缺点：" does; its items' labels
# ("效率问题：…", "空间问题：…") name the points, and were two concepts of a GC chapter.
_ZH_COUNTED_FACETS = re.compile(
    r"有(?:[一二两三四五六七八九十几\d]{1,2}(?:个|点|大|种)|以下|如下)(?P<facet>[\u3400-\u9fff]{2,4})$"
)
# shortcomings said without an aspect's word of FACET_HEADINGS
_ZH_SHORTCOMINGS = frozenset(["不足", "弊端", "不足之处"])


def _zh_counted_facets(label: str) -> bool:
    counted = _ZH_COUNTED_FACETS.search(label)
    if counted is None:
        return False
    facet = counted.group("facet")
    return facet in _ZH_SHORTCOMINGS or zh_facet_label(facet)


# A lead-in that says the list below gives the steps of a solution or a proof ("解答思路：",
# "证明步骤：", "证明思路（反证法）："): each item is a step, and the words before its colon
# ("证明必要性：…", "条件推理：若…") name what the step does, no term (a 统计学习方法
# notebook's proof steps were three concepts, each "defined" by its step)
_ZH_STEPS_LEAD = re.compile(r"^[\u3400-\u9fff]{0,4}(?:思路|步骤)(?:如下)?$")


# how many list items a label opens, each with its own value, to be a field of the list
MIN_ZH_FIELD_REPEATS = 3


def zh_field_points(blocks: Sequence[Block]) -> set[int]:
    """The list items that open on a label the list repeats, each time with another value:
    "临床症状：骨发育障碍", "临床症状：肌变性，萎缩…" under each disease a genetics outline
    lists, or "致病基因：…", "遗传特征：…". The label is a field each item fills in, no term:
    a term is defined once, and read as entries 临床症状 was a concept whose definition was
    one disease's symptom. At least `MIN_ZH_FIELD_REPEATS` items with different values
    said in words (a karyotype's "核型：46, XX, del(5p15)" under two syndromes is a field
    too, but 核型 was defined once among them: it stays an entry). A Word or 飞书 document
    writes the same fields as paragraphs opening on a bold label ("治则：…", "处方：…",
    "方义：…" under each syndrome of an acupuncture chapter): read as entries, 治则 was a
    concept defined by one syndrome's principle, and these fields are no items."""
    values: dict[str, set[str]] = {}
    items: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        if block.kind not in ("list_item", "paragraph"):
            continue
        match = re.match(rf"^{_ZH_NAME_BEFORE_COLON}", _LIST_MARK.sub("", block.text), re.S)
        if match is None or not has_han(match.group("t")):
            continue
        items.setdefault(match.group("t"), []).append(index)
        if len(_HAN.findall(match.group("rest"))) >= MIN_ZH_ENTRY_CHARS:
            values.setdefault(match.group("t"), set()).add(match.group("rest").strip())
    return {
        index
        for label, found in values.items()
        if len(found) >= MIN_ZH_FIELD_REPEATS
        for index in items[label]
    }


def zh_entry_runs(blocks: Sequence[Block]) -> set[int]:
    """The list items that stand in a run of "name：gloss" entries, a definition list set
    as bullets (a slide's "相须：…", "相使：…", "相畏：…"): at least `MIN_ZH_ENTRY_RUN`
    items in a row, at least two in three of them named before a colon.

    A review sheet's glossary groups its entries under a label item ("纯态与混态", then
    "纯态：…", "混态：…"), nests some sub-entries glossed by a formula alone ("红失谐：∆ > 0")
    and loses the nesting when saved to Word: the label is neither entry nor not (it heads
    the entries below it), and a name glossed by a formula is named as an entry is, though it
    defines nothing in words. Counted against the run, they left a quantum-optics sheet of
    twenty glossed terms with no run, and half its terms undefined."""
    runs: list[list[int]] = []
    for index, block in enumerate(blocks):
        if block.kind != "list_item":
            continue
        if runs and runs[-1][-1] == index - 1 and blocks[index - 1].level == block.level:
            runs[-1].append(index)
        else:
            runs.append([index])
    listed: set[int] = set()
    for run in runs:
        entries = [i for i in run if _zh_entry_shape(blocks[i].text)]
        named = [i for i in run if _zh_named_item(blocks[i].text)]
        counted = [
            i
            for i in run
            if not (i + 1 in run and _zh_group_label(blocks[i].text, blocks[i + 1].text))
        ]
        if len(entries) >= MIN_ZH_ENTRY_RUN and 3 * len(named) >= 2 * len(counted):
            listed.update(entries)
    return listed


def _zh_named_item(text: str) -> bool:
    """The item opens on a name before a colon and goes on, in words or in symbols."""
    match = re.match(
        rf"^{_ZH_NAME_BEFORE_COLON}", _LIST_MARK.sub("", _zh_title_unmarked(text)), re.S
    )
    return match is not None and bool(match.group("rest").strip())


MAX_ZH_GROUP_LABEL = 30  # "光场分布函数与光子计数分布函数": a label names, it says nothing


def _zh_group_label(text: str, following: str) -> bool:
    """An item with no colon that names the entry after it ("纯态与混态" before "纯态：…")."""
    if len(text) > MAX_ZH_GROUP_LABEL or re.search(r"[:：。；]", text):
        return False
    match = re.match(rf"^{_ZH_NAME_BEFORE_COLON}", _LIST_MARK.sub("", following), re.S)
    return match is not None and match.group("t") in text


def zh_colon_entry(found: Definition) -> bool:
    """The definition is an entry that opens on its term before a colon ("相须：…"), one
    name (an entry for two, "阈上刺激和阈下刺激：…", names each of them)."""
    opening = _LIST_MARK.sub("", _zh_title_unmarked(found.sentence))
    return (
        re.match(rf"^{re.escape(found.term)}\s*[:：]", opening) is not None
        and len(zh_listed(found.term)) <= 1
    )


def _zh_entry_shape(text: str) -> bool:
    match = re.match(
        rf"^{_ZH_NAME_BEFORE_COLON}", _LIST_MARK.sub("", _zh_title_unmarked(text)), re.S
    )
    return match is not None and len(_HAN.findall(match.group("rest"))) >= MIN_ZH_ENTRY_CHARS


# A handout names a term on a line of its own, stressed (bold, an asterisk's mark, a heading:
# "*心理授权"), and the next paragraph, its subject left out, says what it means ("是指员工认
# 为…", "指员工在…", "主要是指…"): the line is that sentence's subject. Read alone, the
# sentence named nothing and the entry's term was one bold line among many.
_ZH_UNSAID_SUBJECT_ADVERBS = {"主要", "通常", "一般", "也", "即", "就"}


# The first sentence under a heading that names the term, opening on that name and 是, and
# ending on a noun after 的 with no comma in between: "定时事件是在特定日期发生的管理操作。"
# under the heading 定时事件 says what it is by its genus, though the genus (管理操作)
# ends unlike the name (`_ZH_GENUS` asks it to). At least four characters before 的
# describe; fewer point at the document ("…是本章的重点").
_ZH_HEADED_GENUS = re.compile(
    r"^\s*是\s*(?:一种|一类|一个|一组)?(?P<d>[^，,。；：:！？]{4,60})的[\u4e00-\u9fff]{1,6}\s*[。；]?$"
)


# A review note sets "倒格子的定义" on a bold line of its own and the definition below it,
# its name left out: the line announces what the next says. Read alone, the label was the
# name's "definition" (倒格子 is emphasised, 定义 a defining word) and the sentence under it,
# the real one, defined nothing.
_ZH_ANNOUNCING = re.compile(
    r"^\s*(?P<t>[^，。；：:！？\s]{2,12}?)的(?:定义|概念|含义)\s*[:：]?\s*$"
)


def _zh_announced(line: str) -> str:
    """The name a line that only announces its definition ("X的定义") names, "" else."""
    match = _ZH_ANNOUNCING.match(line.strip("*_` "))
    if match is None or not has_han(match["t"]) or not acceptable(match["t"], heading=True):
        return ""
    return match["t"]


def zh_entry_below(name_line: str, sentence: str, block: int) -> Definition | None:
    """The definition a sentence opening on 指 (means) gives the name on the line above, or
    one that opens on that name and says what it is by its genus (`_ZH_HEADED_GENUS`), or
    any statement under a line that announces the name's definition (`_zh_announced`)."""
    announced = _zh_announced(name_line)
    if announced and has_han(sentence) and not _QUESTION.search(sentence):
        return Definition(announced, sentence, block, GLOSSARY)
    term = emphasis_name(name_line)
    if (
        term
        and len(term) <= 12
        and has_han(term)
        and sentence.startswith(term)
        and _ZH_HEADED_GENUS.match(sentence[len(term) :])
        and not re.match(_ZH_POINTER, _ZH_HEADED_GENUS.match(sentence[len(term) :])["d"])
        and acceptable(term, heading=True)
    ):
        return Definition(term, sentence, block, GLOSSARY)
    words = rjieba.cut(sentence[:12])
    while words and words[0] in _ZH_UNSAID_SUBJECT_ADVERBS:
        words = words[1:]
    if words[:1] == ["是"]:
        words = words[1:]
    if (
        words[:1] != ["指"]
        or not term
        or not re.search(r"[\u3400-\u9fff]", term)
        or len(term) > 12
        # no test of the word class: what 指 defines is a name, though rjieba tags a
        # nominalised verb ("心理授权", "情绪失调") a verb
        or not acceptable(term, heading=True)
    ):
        return None
    return Definition(term, term + sentence, block, GLOSSARY)


# A chapter written as questions: "What is a context-free language?" heads the answer,
# "A language generated by a context-free grammar." The answer opens on its genus and
# leaves the name out, which the heading asked; read alone it defined nothing.
_EN_ASKED = re.compile(
    r"^(?:what\s+(?:is|are)|what['’]s)\s+(?:meant\s+by\s+(?:the\s+(?:term|word)\s+)?)?"
    r"(?:(?:an?|the)\s+)?(?P<t>[^?]{2,60}?)\s*\?$",
    re.I,
)
_EN_GENUS_OPENING = re.compile(r"^(?:an?|the)\s+[a-z]", re.I)
_MAX_ASKED_WORDS = 4


# A speaker (a lecture's captions, a teacher's talk written down) brings a name in at the
# end of one sentence and says what it is in the next, which opens on it: "剩下的核心就是
# 白矮星。白矮星是由电子简并压力支撑的致密恒星残骸。" The second says "X是…的<noun>" with no
# kind word a definition alone needs (`_ZH_PLAIN`); after the sentence that ended on the
# name it is the name's definition, as a heading above it would make it (`zh_entry_below`).
_ZH_SAID_NEXT = re.compile(
    rf"^(?P<t>[\u4e00-\u9fff]{{2,10}})是(?!指|一|很|最|更|不|没|非常|十分|特别|比较|相当|{_ZH_POINTER})"
    r"[^，,。；！？?!]{2,60}的[\u4e00-\u9fff]{2,8}\s*[。；]?$"
)


def zh_named_then_said(previous: str, sentence: str, block: int) -> Definition | None:
    """The definition a sentence gives of the name the sentence before it ended on (see
    above); None else."""
    match = _ZH_SAID_NEXT.match(sentence.strip())
    if match is None:
        return None
    term = match.group("t")
    if not previous.rstrip(" 。！!").endswith(term) or not acceptable(term):
        return None
    return Definition(term, sentence, block, WEAK)


# A statement, then a sentence that only names it: "一切物体在没有受到力的作用时，总保持
# 静止状态或匀速直线运动状态。这就是牛顿第一定律。", "墨水在水中慢慢散开。这种现象叫做
# 扩散。" The naming sentence says nothing of what it names ("这种现象叫做扩散。" was the
# definition a student read, and "这就是X" defined nothing at all); the sentence before
# it says it all, so the two together are the definition.
_ZH_NAMES_THE_BEFORE = re.compile(
    r"^(?:这|此)(?:个|一|种|类|条|些)?(?:[\u3400-\u9fff]{1,3}?)?\s*"
    r"(?:就是|便是|就叫做?|叫做|叫作|称为|称作|被称为)\s*"
    r"[“\"*]*(?P<t>[\u3400-\u9fffA-Za-z0-9]{2,12}?)[”\"*]*\s*[。！!]?$"
)
# the statement: long enough to say something, and no question
MIN_ZH_STATEMENT_CHARS = 8


def zh_named_after(previous: str, sentence: str, block: int) -> Definition | None:
    """The definition of the name a sentence gives what the sentence before it said
    (`_ZH_NAMES_THE_BEFORE`): both sentences, as strong as a naming verb's (`NAMED`); None
    else."""
    match = _ZH_NAMES_THE_BEFORE.match(sentence.strip())
    previous = previous.strip()
    if (
        match is None
        or len(_HAN.findall(previous)) < MIN_ZH_STATEMENT_CHARS
        or previous.endswith(("？", "?", "：", ":"))
        or not acceptable(match.group("t"))
    ):
        return None
    # "牛顿……概括出：一切物体……": the statement is what follows its lead-in's colon
    statement = re.split(r"[：:]", previous)[-1].strip()
    if len(_HAN.findall(statement)) < MIN_ZH_STATEMENT_CHARS:
        statement = previous
    return Definition(match.group("t"), f"{statement}{sentence.strip()}", block, NAMED)


# A slide's or a handout's bullet labelled as the definition ("Definition: a naturally
# occurring, inorganic solid …", "定义：矿物表面反射光线的能力") under a heading naming the
# term, or asking it ("What is a mineral?", "什么是矿物？"): the label says what the rest is,
# and the heading names what it defines (neither defined anything: the bullet opens on no
# name, the heading holds no gloss)
_DEFINITION_LABEL = re.compile(
    r"^(?:definition|def\.|meaning|定义|概念|含义)\s*[:：]\s*(?P<gloss>\S.*)$", re.I | re.S
)


_ZH_CONCEPT_HEADING = re.compile(r"(?<=[\u3400-\u9fff])的(?:概念|定义|含义)$")


def labelled_below(name_line: str, sentence: str, block: int) -> Definition | None:
    """The definition a bullet labelled "Definition:" / "定义：" gives the term of the
    heading above it (`_DEFINITION_LABEL`)."""
    labelled = _DEFINITION_LABEL.match(sentence.strip())
    if labelled is None:
        return None
    term = _heading_name(name_line)
    return _entry(term, labelled.group("gloss"), block) if _short_name(term) else None


def _heading_name(line: str) -> str:
    """The name a heading gives what is defined under it: the heading itself, or what it
    asks ("What is a mineral?"), or what it gives the concept of ("化学反应速率的概念")."""
    line = _ZH_CONCEPT_HEADING.sub("", HEADING_NUMBER.sub("", line).strip())
    asked = _EN_ASKED.match(line) or ZH_WHAT_IS.match(line)
    return (
        next(t for t in asked.groups() if t) if asked else emphasis_name(clean_title(line))
    ).strip()


def _entry(term: str, gloss: str, block: int) -> Definition:
    """`term` defined by `gloss` as a glossary's entry is, "term：gloss" or "Term: gloss"."""
    said = f"{term}：{gloss}" if has_han(term) else f"{term[:1].upper()}{term[1:]}: {gloss}"
    return Definition(term, said, block, GLOSSARY)


# A vocabulary organiser (the Frayer model) gives each word a heading and a table of boxes
# under it, "Definition | Characteristics" above, "Examples | Non-examples" below: the
# box under "Definition" defines the heading's word. No cell names the word, so the table
# was no glossary (`glossary_columns`), and a sheet of four such words defined none
# (the box's header: `structure.DEFINITION_HEADER`, as a "Device | Definition" table's).
# …and the same boxes in a PDF, whose reader gives the header's labels as one line
# ("Definition Characteristics") and each box below as a paragraph: the first box after the
# labels is the definition
_BOX_LABELS = re.compile(
    r"(?:definitions?|meaning)(?:\s+(?:characteristics|facts|examples|non-?examples|"
    r"pictures?|illustrations?|sentences?|synonyms?|antonyms?|notes?))+",
    re.IGNORECASE,
)


def headed_box_entry(heading: str, labels: Block, box: Block, index: int) -> Definition | None:
    """The definition the paragraph `box` gives the heading's word, under a line of a
    vocabulary organiser's box labels opening on "Definition" (`_BOX_LABELS`)."""
    if labels.kind != "paragraph" or box.kind != "paragraph":
        return None
    if not _BOX_LABELS.fullmatch(labels.text.strip(" *_")):
        return None
    return _organised_entry(heading, box.text.strip(), index)


def headed_table_entry(heading: str, block: Block, index: int) -> Definition | None:
    """The definition the box under a "Definition" header cell gives the word of the
    heading above the table (`DEFINITION_HEADER`); None for any other table."""
    if block.kind != "table":
        return None
    rows = [row.split(" | ") for row in block.text.split("\n")]
    header = [clean_title(cell).strip(" *_`") for cell in rows[0]]
    column = next((i for i, cell in enumerate(header) if DEFINITION_HEADER.fullmatch(cell)), None)
    if column is None or glossary_columns(header) is not None or len(rows) < 2:
        return None
    return _organised_entry(
        heading, rows[1][column].strip() if len(rows[1]) > column else "", index
    )


def _organised_entry(heading: str, gloss: str, index: int) -> Definition | None:
    """The heading's word defined by an organiser's box, when the box says enough (four
    Chinese characters, three English words) and the heading names one word."""
    wordy = (
        len(_HAN.findall(gloss)) >= MIN_ZH_ENTRY_CHARS
        if has_han(gloss)
        else len(gloss.split()) >= MIN_MEANING_WORDS
    )
    term = _heading_name(heading)
    return _entry(term, gloss, index) if wordy and _short_name(term) else None


def _short_name(term: str) -> bool:
    """`term`, read off a heading or a question, is a name: twelve characters or four
    words at most, no question, no apparatus (`labelled_below`, `qa_answer`)."""
    if not term or _QUESTION.search(term) or apparatus(term):
        return False
    short = len(term) <= 12 if has_han(term) else len(term.split()) <= _MAX_ASKED_WORDS
    return short and acceptable(term, heading=True)


# A study guide's question and answer, each labelled: "Q: What is osmosis?" then "A:
# Osmosis is the diffusion of water …", "问：什么是渗透作用？" then "答：…", in one
# paragraph or two. The answer's label kept it from reading as a definition, and the
# question named the term only inside a question: a guide of such pairs gave one concept.
_Q_LABEL = re.compile(r"^(?:Q\d*|Question(?:\s*\d+)?|问(?:题)?)\s*[:：.．]\s*", re.I)
_A_LABEL = re.compile(r"^(?:A\d*|Ans(?:wer)?(?:\s*\d+)?|答(?:案)?)\s*[:：.．]\s*", re.I)


def qa_answer(question: str, sentence: str, block: int) -> Definition | None:
    """The definition a labelled answer gives the term its labelled question asks about
    ("What is X?" as `questions.asked_topics` reads it, "什么是X？", "X是什么？"); an
    unlabelled question before a sentence is prose asking, and its answer may come later
    or never."""
    question, sentence = question.strip(), sentence.strip()
    answer = _A_LABEL.match(sentence)
    if answer is None or not _Q_LABEL.match(question):
        return None
    asked_line = _Q_LABEL.sub("", question).strip(" *_")
    if has_han(asked_line):
        found = ZH_WHAT_IS.match(asked_line)
        term = next(t for t in found.groups() if t).strip() if found else ""
    else:
        # the name its cue has: no reading question's "What is the main idea?"
        topics = asked_topics(question)
        term = topics[0] if len(topics) == 1 else ""
    gloss = sentence[answer.end() :].strip()
    if not gloss or not _short_name(term):
        return None
    return Definition(term, gloss, block, GLOSSARY)


def en_answer_below(question: str, sentence: str, block: int) -> Definition | None:
    """The definition the first sentence under a heading "What is X?" gives X, when it
    opens on an article as a genus does ("A language generated by …", "An automaton
    with …"); a sentence opening otherwise answers something else first."""
    asked = _EN_ASKED.match(question.strip())
    if asked is None or not _EN_GENUS_OPENING.match(sentence.strip()):
        return None
    term = asked.group("t").strip()
    if len(term.split()) > _MAX_ASKED_WORDS or not acceptable(term, heading=True):
        return None
    return Definition(term, sentence, block, GLOSSARY)


# a genus and the relative clause that narrows it, with no verb of its own: "A large,
# random number that we place in a browser cookie …" (a slide's first bullet under its
# title "Session Identifier"); a few modifiers at most before the relative word
_EN_GENUS_FRAGMENT = re.compile(
    r"^(?:an?|the)\s+(?:[\w-]+,?\s+){0,4}?(?:that|which|whose|where|in\s+which|used\s+to)\s", re.I
)
# a verb that would make the fragment a sentence ("A browser that holds cookies is …")
_EN_FINITE_BE = re.compile(r"\b(?:is|are|was|were|has|have|does|do)\b", re.I)


def en_fragment_below(name: str, sentence: str, block: int) -> Definition | None:
    """The definition the first sentence under a heading that only names gives that name,
    when the sentence is no sentence but a genus narrowed by a relative clause, as a
    slide's first bullet or a glossary's entry under its term states one ("Session
    Identifier" / "A large, random number that we place in a browser cookie …")."""
    name = name.strip()
    if (
        not name
        or len(name.split()) > _MAX_ASKED_WORDS
        or _QUESTION.search(name)
        or not acceptable(name, heading=True)
        or not _EN_GENUS_FRAGMENT.match(sentence.strip())
        or _EN_FINITE_BE.search(sentence)
    ):
        return None
    return Definition(name, sentence, block, EMPHASIS)


_ZH_ALIAS_NAMING = re.compile(r"(?:又|也|或|亦)(?:称|叫)")


# A question-and-answer section's labels ("A：状态是对世界的完整描述…", "Question: What will
# we see …"): no part of the sentence a concept's description quotes
_QA_LABEL = re.compile(r"^(?:Question|Answer)\s*:\s*")
# a sentence that ends on a question mark (inside quotes, brackets or emphasis too)
_QUESTION = re.compile(r"[?？][\s\"”’')）\]*_]*$")
_ZH_QA_LABEL = re.compile(r"^(?:[QA]|问|答|问题|答案|Question|Answer)\s*[:：]\s*")
# a gloss opened full-width and closed half-width, or the other way: "投资学（Investments)
# 是研究…的科学" (the patterns read a gloss in one kind of brackets, and defined nothing)
_ZH_HALF_CLOSED = re.compile(r"（([^（）()]{1,40})\)|\(([^（）()]{1,40})）")
# …and an English gloss wholly in half-width brackets after a Chinese name, as Markdown
# written on an English keyboard spaces it: "地理坐标系统 (Geographic Coordinate System，
# GCS) 是…的定位参照系统" (a GIS chapter's coordinate systems were defined in plain text,
# not once its page had any emphasis); the gloss opens on a Latin letter, so "公式 (1)"
# and a formula's "f(x)" are left as they are
_ZH_HALF_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\s*\(([A-Za-z][^（）()]{0,39})\)\s*")


def _zh_full_brackets(text: str) -> str:
    """A gloss in half-width or mixed brackets set in full-width ones (`_ZH_HALF_CLOSED`,
    `_ZH_HALF_GLOSS`)."""
    text = _ZH_HALF_CLOSED.sub(lambda m: f"（{m.group(1) or m.group(2)}）", text)
    return _ZH_HALF_GLOSS.sub(lambda m: f"（{m.group(1)}）", text)


# "Two cell types lie among them. The first is a Merkel cell, … The second is a melanocyte,
# …": an ordinal (or "the former", "the latter") standing for an item of an enumeration is
# the subject of "is a/an …", not a name the sentence defines ("The second is the SI unit
# of time" still is one: "the" names what it is)
_PLACE_IN_A_LIST = re.compile(
    r"^\s*the\s+(?:first|second|third|fourth|fifth|sixth|last|next|final|former|latter|other)"
    r"\s+(?:one\s+)?(?:is|are)\s+an?\s",
    re.I,
)


# a sentence about a word, not the thing it names: its language or its origin ("the term
# “heart” is an English word", "is derived from the Latin", "traced back to the Greek")
_ABOUT_THE_WORD = re.compile(
    r"\b(?:is|was)\s+an?\s+(?:English|Greek|Latin|French|German|Arabic)\s+(?:word|term|name)\b"
    r"|\b(?:derived|derives|comes|came|stems|borrowed)\s+from\s+(?:the\s+|an?\s+)?"
    r"(?:ancient\s+)?(?:Greek|Latin|French|German|Arabic)\b"
    r"|\btraced\s+back\s+to\s+(?:the\s+)?(?:ancient\s+)?(?:Greek|Latin)\b"
    # or its length: "The term ‘mean’ is a shortened form of ‘arithmetic mean’" says which
    # longer name it stands for, not what the thing is (it was the handout's definition of
    # "mean" over the glossary's "a number that measures the central tendency")
    r"|\b(?:is|was)\s+an?\s+(?:shortened|short|clipped)\s+form\s+of\b"
)
# and a sentence on a proper name's meaning or source ("The name Zigbee refers to the
# waggle dance of bees", "The name Linux comes from …"): what the name alludes to is no
# definition of the thing (the lesson's "name Zigbee" was a concept defined so)
_NAME_ORIGIN = re.compile(
    r"^\W*(?:the\s+)?name\s+[\"“‘]?(?-i:[A-Z])[\w'’\-]*[\"”’]?\s+"
    r"(?:refers\s+to|comes\s+from|derives\s+from|is\s+(?:derived|taken)\s+from)\b",
    re.I,
)
# and a sentence on the letter a text writes for a thing ("The letter used to represent the
# sample mean is an x with a bar over it", "The Greek letter μ represents the population
# mean", "The letter n is the number of values"): notation, not what the thing is ("letter
# n" was a statistics chapter's concept, the notation its sample mean's definition)
_NOTATION = re.compile(
    r"^\W*(?:the\s+)?(?:Greek\s+|capital\s+|lower-?case\s+)?(?:letter|symbol)s?\s+"
    # one letter (a subscript or a prime after it) or a sign out of ASCII: "n", "x₁", "μ"
    r"(?:(?:[A-Za-z][_\d′']?\w?|[^\x00-\x7f]{1,3})\s+(?:\([^()]{1,40}\)\s+)?(?:is|are|represents?|denotes?|stands?\s+for)\b"
    r"|(?:used\s+)?to\s+(?:represent|denote)\b|for\s+(?:the|an?)\b)",
    re.I,
)
# …unless it also names the thing: "…; in this case, a septum refers to a wall"
_NAMING = re.compile(r"\b(?:refers?|referred)\s+to\b|\bcalled\b|\bknown\s+as\b|\bdefined\s+as\b")


# a worksheet's blank for the answer: a rule of underscores, or empty brackets
_BLANK = rf"(?:{WRITE_IN.pattern}|[(（]\s*[)）])"


# a sentence that stops at its verb or preposition, no full stop: the lead-in to a display
# formula ("The risk-neutral probability of an up move is" then "q = …")
_LEAD_IN_END = re.compile(r"\b(?:is|are|equals?|becomes|by|as|to|of)\s*$")


def lead_in_left_open(sentence: str, block: int, blocks: Sequence[Block]) -> bool:
    """The sentence ends its block on a lead-in and no formula or list follows to finish
    it (`descriptions.completed` joins those): a PDF sets the formula on lines of its own
    that read as paragraphs ("q =", "e"), and the sentence alone says nothing. A naming
    verb still names the term ("is called the L2 norm and expressed as")."""
    after = blocks[block + 1].kind if block + 1 < len(blocks) else None
    return (
        _LEAD_IN_END.search(sentence) is not None
        and blocks[block].text.rstrip().endswith(sentence.rstrip()[-12:])
        and after not in ("formula", "list_item")
        and _NAMING.search(sentence) is None
    )


def head_of_a_blank(term: str, sentence: str) -> bool:
    """The term is the head noun in front of a blank ("is known as the principle of
    ________", "the law of ________"): it names nothing without its complement, which the
    pupil writes in (a worksheet gave the concept "principle"). Or the sentence's naming
    verb is followed by a blank ("… is called a ________ wave", "is known as ______."):
    the name is the answer the pupil writes, so the sentence defines no term it spells
    out (a study guide's "wave" was described by such a question). Or a blank follows the
    term in what the sentence says of it ("DICEE is a model for ______ that focuses on …"):
    part of its meaning is the pupil's answer, and a review sheet's question stem was the
    answer a student read for "What does DICEE mean?"."""
    blank = rf"\b{re.escape(term)}\s+(?:of|for)\s+(?:the\s+)?{_BLANK}"
    named = sentence.casefold().find(term.casefold())
    return (
        re.search(blank, sentence) is not None
        or _NAMES_A_BLANK.search(sentence) is not None
        or (named >= 0 and _HAS_BLANK.search(sentence, named + len(term)) is not None)
    )


def _zh_without_blank_clauses(sentence: str) -> str:
    """A Chinese sentence without its clauses that hold a worksheet's blank: an exam's
    fill-in sentence names one term and leaves the next for the pupil ("……的现象称为屈服，
    此时的应力称为______。"). The clause with the blank defines what the pupil writes in,
    so it is no part of the other term's definition (the answer a student read ended in
    "称为______"); a sentence of blanks only defines nothing (empty). Nor does one whose
    blanks took all it said of the term, its naming clause left alone ("……碱基对的______，
    而引起的______的改变，叫做基因突变。" left "叫做基因突变。", the answer a student read)."""
    if not _HAS_BLANK.search(sentence):
        return sentence
    clauses = _ZH_AFTER_CLAUSE.split(sentence)
    kept = "".join(c for c in clauses if not _HAS_BLANK.search(c)).rstrip("，；,; ")
    if not kept.strip("。.！!？? ") or _ZH_ONLY_NAMING.match(kept):
        return ""
    return kept if kept.endswith(("。", ".")) else kept + "。"


_HAS_BLANK = re.compile(_BLANK)
# a clause that only names: the naming verb opens it, what it names was said before
_ZH_ONLY_NAMING = re.compile(
    r"\s*(?:这种[^，。；]{0,6}?|这|此)?(?:被)?(?:称为|称作|叫做|叫作|称之为|统称为)"
)
# a clause ends at a comma or semicolon (kept with it)
_ZH_AFTER_CLAUSE = re.compile(r"(?<=[，；])")

# An exam's true-or-false item: a statement, then empty brackets for the pupil's "√" or "×"
# ("……是一个有量纲的量。（  ）"). It may be false, so it defines nothing.
_ZH_TO_JUDGE = re.compile(r"[。.！!]\s*[（(]\s*[）)]\s*$")


# A multiple-choice question's stem, the choice left to the pupil at its end ("下列关于索引的
# 说法中，正确的是（ ）。", "…不能正确执行的是："): the clauses before it set up the choice
# ("在某表中给某字段添加索引的语句中") and say nothing of a term (the answer to 什么是语句？)
_ZH_CHOICE_STEM = re.compile(r"的是\s*(?:[（(][\s\u3000_]*[）)]|[:：])\s*[。.？?]?\s*$")


def zh_statement_to_judge(text: str) -> bool:
    """`text`, a block, is a true-or-false item: its statement is the pupil's to judge,
    or a question its kind labels (`_ZH_QUESTION_KIND`), or a choice's stem (`_ZH_CHOICE_STEM`)."""
    return (
        _ZH_TO_JUDGE.search(text) is not None
        or _ZH_QUESTION_KIND.match(text) is not None
        or _ZH_CHOICE_STEM.search(text) is not None
    )


# An exam's or a quiz export's question, its kind in brackets before the stem ("1. (单选题)
# 空气质量指数（AQI）为160时，级别为（ ）。", "【多选题】…"): what it says sets up the
# question, so it defines nothing (the clause left beside the blank was an answer)
_ZH_QUESTION_KIND = re.compile(
    r"^\s*(?:\d{1,3}\s*[.．、]\s*)?[(（【\[]\s*"
    r"(?:单选|多选|单项选择|多项选择|不定项选择|选择|判断|填空|简答|计算|论述|问答)题"
)


# A form's line of fields, an exam paper's header: two or more "label：value" pairs set
# apart by wide spaces ("考试时间：120分钟　　考试方式：闭卷　　满分：100分"). Its labels
# name the paper's facts, not the course's terms ("考试时间" was a concept, defined so).
# A value may be a date and its clock time, one space apart ("导出时间：2026-11-30 14:22", as
# a learning platform stamps its exports): the time's colon is no field's. A web page
# sets its fields apart with no-break spaces ("&nbsp;", a MOOC quiz's "截止时间：… &nbsp;
# 本次得分为：18/20分"): they are wide spaces too, else "截止时间" was a concept so defined.
_ZH_FORM_FIELD = (
    r"[^\s：:，。]{2,8}[：:][ \t　]*[^\s：:，。]{0,16}(?:[ \t]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_ZH_FORM_LINE = re.compile(
    rf"^\s*{_ZH_FORM_FIELD}(?:(?:[ \t\xa0]*\xa0[ \t\xa0]*|[ \t]{{2,}}|　+){_ZH_FORM_FIELD})+\s*$"
)


def zh_form_line(text: str) -> bool:
    """`text`, a block, is a line of a form's fields (an exam paper's header)."""
    return _ZH_FORM_LINE.match(text) is not None


# …and an English handout's or plan's header: three or more "Label: value" fields on one
# line ("Subject: Biology Grade: 10 Duration: 3 weeks Teacher: …"), each label a capital's
# word or two and each value four words at most, no sentence (`_EN_SENTENCE_END`);
# "subject" was a unit plan's concept, defined by the line
_EN_FORM_FIELD = r"[A-Z][A-Za-z'’]*(?:\s[A-Za-z][A-Za-z'’]*)?:\s*[^:\s]+(?:\s[^:\s]+){0,3}?"
_EN_FORM_LINE = re.compile(rf"^\s*{_EN_FORM_FIELD}(?:\s+{_EN_FORM_FIELD}){{2,}}\s*$")


def en_form_line(text: str) -> bool:
    """`text`, a block, is a line of a form's fields (`_EN_FORM_LINE`)."""
    text = text.replace("*", "")
    return _EN_FORM_LINE.match(text) is not None and not _EN_SENTENCE_END.search(text)


# a lower-case word and a full stop end a sentence, no field's value ("Ms.", "Sept." do not)
_EN_SENTENCE_END = re.compile(r"(?<![A-Za-z])[a-z]{2,}\.(?:\s|$)")


# a field's label: the line's start, or two spaces or an ideographic one, before "label："
_ZH_FORM_LABEL = re.compile(r"(?:^|(?<=[ \t]{2})|(?<=[　\xa0]))\s*[^\s：:，。]{2,8}[：:]")


def zh_form_values(text: str) -> str:
    """A form line's values without their labels, one clause each: a quiz export repeats
    "难易程度: 易    知识点: 逆温" under every question, so its labels counted as the
    document's most used term (难易程度 was a concept named 20 times), while the values
    name the course's terms (知识点's)."""
    return "。".join(v.strip() for v in _ZH_FORM_LABEL.split(text) if v.strip())


# a naming verb, then a blank within a few words: "called a ______ wave", "known as ____"
_NAMES_A_BLANK = re.compile(
    rf"\b(?:called|termed|named|known\s+as|referred\s+to\s+as)\s+(?:[\w-]+\s+){{0,3}}?{_BLANK}",
    re.I,
)


# "`ls` prints the names of the files …", "`wc` counts lines, words and characters": a
# piece of code opening the sentence and what it does, as a manual's first line says it.
# Not a verb that only relates ("has", "is", "uses"). concepts.py keeps it only for a name
# the text already names as code, and only where nothing else defines it.
_CODE_AT_WORK = re.compile(
    r"^`(?P<t>[A-Za-z][\w\-]*)`\s+"
    r"(?!(?:has|does|is|was|goes|gets|needs|uses|looks|seems|means|takes|lets|stands)\b)"
    r"[a-z]{3,}s\s+\S"
)


def code_at_work(sentence: str, block: int) -> Definition | None:
    """The sentence, its closing colon (a listing of the command at work follows) a stop."""
    match = _CODE_AT_WORK.match(sentence)
    if match is None:
        return None
    said = sentence.rstrip()
    said = said[:-1] + "." if said.endswith(":") else said
    return Definition(match.group("t"), said, block, WEAK)


def find_definitions(
    sentence: str,
    block: int,
    chinese: bool,
    emphasis: tuple[str, ...] = (),
    plain: bool = False,
    block_emphasis: tuple[str, ...] | None = None,
    item: bool = False,
    listed: bool = False,
) -> Iterator[Definition]:
    """The definition a sentence gives, if any. `emphasis`: the block's italic/bold spans
    this sentence may define; `block_emphasis`: all of them (default `emphasis`); `item`:
    the sentence opens a bulleted list's item; `listed`: one of a run of "name：gloss" items.

    Textbooks set a term in italics or bold where they define it, so an emphasised term in
    a sentence with a defining verb counts as defined there (0.7) when no pattern matches.
    An emphasised term that opens "X is a/an/the …" is defined there twice over (0.8), even
    when the block used the word before ("… form the glycocalyx. The **glycocalyx** is …").
    """
    if plain and not chinese:
        # "In contrast, substantive representation is the phenomenon in which …": a
        # connective ties the sentence to the one before, the rest defines as it would alone
        # (where the emphasis is kept, the emphasised-term rule reads such a sentence)
        sentence = _CONNECTIVE.sub("", sentence, count=1)
        sentence = spoken_statement(sentence)
    # a callout's or a handout part's label before a sentence of its own ("Note: Density
    # is the mass …", "Background: …", "注：…"): the label kept the sentence from defining
    sentence = _LEAD_LABEL.sub("", sentence, count=1)
    if _QUESTION.search(sentence):
        return  # "What was the meaning of the term “nursing fathers”?": a question asks
    if translated_entry(_LIST_MARK.sub("", sentence)):
        # "spanning tree：生成树", "write-back（写回）": a bilingual word list's entry gives
        # the English word's Chinese name (`structure.translated_entry`), not what it is
        # (a glossary's answers read "symmetric closure：对称闭包", 对称 taken for 称)
        return
    if chinese and _zh_announced(sentence):
        return  # "倒格子的定义" alone: a label over the definition (`zh_entry_below`)
    if not chinese and _ABOUT_THE_WORD.search(sentence) and not _NAMING.search(sentence):
        return  # "Although the term “heart” is an English word, …": the word's origin
    if not chinese and (_NAME_ORIGIN.match(sentence) or _NOTATION.match(sentence)):
        return
    sentence = (_ZH_QA_LABEL if chinese else _QA_LABEL).sub("", sentence, count=1)
    if chinese:
        sentence = _zh_without_blank_clauses(sentence)
        if not sentence:
            return
        sentence = _zh_full_brackets(sentence)
        # the emphasis as the sentence now reads: a card's front "持续交付 (CD)" opening
        # "持续交付（CD）: …" was no longer the entry's label, and defined nothing
        emphasis = tuple(_zh_full_brackets(span) for span in emphasis)
    whole_block = emphasis if block_emphasis is None else block_emphasis
    patterned = [
        _emphasised_name(d, whole_block)
        for d in (
            list(_by_pattern(sentence, block, chinese))
            or (_zh_past_inline_maths(sentence, block) if chinese else [])
        )
        if chinese or not _FIGURE_MARK.fullmatch(d.term)
    ]
    if chinese:
        patterned = [_chinese_name_of_gloss(d, sentence) for d in patterned]
    if not chinese:
        patterned = [_without_operand(d) for d in patterned]
    if not chinese:
        patterned = [_alias_of_emphasised(d, sentence, whole_block) for d in patterned]
        patterned = [_name_before_bracketed_alias(d, sentence) for d in patterned]
    if plain and not chinese:
        patterned.extend(_aliased_subject(sentence, block))
    if patterned and not chinese:
        patterned = _with_stressed_subject(patterned, sentence, block, whole_block)
    found = patterned[0] if patterned else None
    yield from patterned[1:]  # further names the same pattern gives in the sentence
    if found is None and plain:
        found = _plain_opening(sentence, block, chinese)
    if found is None and not plain and not chinese:
        # where emphasis is kept, a connective before "a **budget** is a …" ("Technically,
        # …") hid the opening that defines twice over: the emphasised-term rule gave it no
        # more than "The term **budget** is unpleasant to some …", read first and kept
        bare = _CONNECTIVE.sub("", sentence, count=1)
        opened = _plain_opening(bare, block, chinese) if bare != sentence else None
        if opened is not None and _opens_emphasised(opened, whole_block):
            found = replace(opened, sentence=sentence)
    if found is None and plain and not chinese:
        found = _plain_naming(sentence, block)
    if found is None and not chinese:
        found = _bare_plural_genus(sentence, block, whole_block, plain)
    if (
        found is not None
        and found.confidence == WEAK
        and not chinese
        and _PLACE_IN_A_LIST.match(sentence)
        and not _opens_emphasised(found, whole_block)
    ):
        found = None  # "The second is a melanocyte, …": a place in an enumeration, no name
    if found is not None and found.confidence == WEAK and _opens_emphasised(found, whole_block):
        # "A **lysosome** is an organelle that …": the typography and the wording each say
        # the term is introduced here, two marks where the emphasis alone gives one
        found = replace(found, confidence=DEFINED_EMPHASIS)
    entry = _glossary_entry(sentence, block, emphasis) or _symbol_entry(sentence, block, chinese)
    equals = [] if entry is not None else _equals_entry(sentence, block, chinese)
    if equals:
        entry = equals[0]
        yield from equals[1:]  # "Base/Free = …": the other name the entry gives
    handout = _zh_list_entry(sentence, block, item, listed) if chinese else None
    if handout is not None and (entry is None or entry.term == handout.term):
        if handout.confidence >= GLOSSARY:
            entry = entry or handout
        elif found is None:
            found = handout
    if entry is not None and (found is None or found.confidence < GLOSSARY):
        found = entry
    elif (
        entry is not None
        and found is not None
        and entry.term != found.term
        and chinese
        and (_ZH_ALIAS_NAMING.search(sentence) or _labelled(sentence, entry.term))
    ):
        # "**经验误差**：学习器在训练集上的误差，又称为“训练误差”。": the entry defines its
        # label; the other name the sentence gives it ("又称为") is defined too. So does an
        # entry whose gloss names another thing ("X：…的过程，其产物称为Y。"): the stronger
        # "称为" had taken the sentence for Y alone, and X, the label, went undefined
        yield found
        found = replace(entry, confidence=max(entry.confidence, found.confidence))
    if (
        (found is None or found.confidence < EMPHASIS)
        and not _describes_other(sentence, chinese)
        and not (chinese and key_points_sentence(sentence))
    ):
        verb = _ZH_DEFINING_VERB if chinese else _EN_DEFINING_VERB
        for span in _named_first(emphasis, sentence, chinese):
            term = emphasis_name(span)
            if chinese and zh_facet_label(term) and _labelled(sentence, term):
                break  # "**独特优势**：MRI…是…": a point about the topic, no name defined
            if _labelled(sentence, term) and (
                apparatus(term) or _another_subject(term, _LIST_MARK.sub("", sentence)[len(term) :])
            ):
                # "**面试技巧**：你需要…": the write-up's own part, no name defined; "**General
                # monitoring**: `htop` is …": the command is what the sentence says "is"
                break
            if not chinese and _states_a_condition(term, sentence):
                # "_ay_ is added, so _first_ becomes _irst-fay_": the verb is the first
                # name's, and says its state; it defines no name after it either
                break
            if (
                term
                and term in sentence
                and (not chinese or _zh_whole_word(term, sentence))
                # the verb outside the name: "To calculate the *mean weight*, add …" holds
                # "mean" only as the name's own word (it was the name's definition)
                and verb.search(
                    sentence
                    if chinese
                    else _DISCOURSE_THAT_IS.sub(" ", sentence.replace(term, "…"))
                )
                and (not chinese or _zh_verb_defines(term, sentence))
                and (chinese or not _EXAMPLE.search(sentence) or _says_what(term, sentence))
                and (
                    (
                        acceptable(term, emphasised=" " in term)
                        and (
                            _nominal(term, chinese)
                            or (chinese and _zh_copula_subject(term, sentence))
                        )
                    )
                    # a property the sentence defines: "is *integrally closed* if"
                    or (
                        not chinese
                        and _PROPERTY.fullmatch(term) is not None
                        and _predicated(term, sentence)
                    )
                )
                and (chinese or not _in_parentheses(term, sentence))
                and (chinese or not _verb_in_an_aside(sentence, verb))
                and (chinese or not equation_operand(term, sentence, whole_block))
                and (chinese or not _contrasted_modifier(term, sentence, whole_block))
                and (chinese or not _stressed_action(term, sentence))
                and (chinese or not _predicate_adjective(term, sentence))
                and (chinese or not _said_of_a_pronoun(term, sentence))
                and (chinese or not _one_of_several(term, sentence))
                and (chinese or not _in_subordinate_opening(term, sentence))
                and (chinese or not _placed_or_purposed(term, sentence))
                and (chinese or not _kind_named_by(term, sentence))
                and (chinese or not _genus_of_instances(term, sentence))
                and (chinese or not _symbol_legend(term, sentence))
                and (chinese or not _listed_after_colon(term, sentence, whole_block))
                and not _defines_nothing(term, sentence, chinese)
            ):
                # stated as a definition states it: as sure as "X is a …" opened by X
                sure = DEFINED_EMPHASIS if _predicated(term, sentence) else EMPHASIS
                found = Definition(with_maths_letter(term, sentence), sentence, block, sure)
                break
    for appositive in [] if chinese else _appositives(sentence, block, emphasis):
        # "… discovered **lysosomes**, membrane-bound organelles that …": each emphasised
        # name an appositive restates is defined, beside what the sentence defines else
        if found is not None and concept_key(found.term) == concept_key(appositive.term):
            if appositive.confidence > found.confidence:
                found = appositive
        elif appositive.term not in {d.term for d in patterned}:
            yield appositive
    if (
        found is not None
        and chinese
        and found.confidence < NAMED
        and _in_zh_subordinate_opening(found.term, sentence)
    ):
        found = None
    if found is not None:
        yield found
        if not chinese:
            yield from _contrasted(found, sentence, block, emphasis)


# a Chinese sentence's opening frame: "值得注意的是，", "需要说明的是，" (what is worth noting
# is …): its 是 introduces the rest of the sentence, no term
_ZH_FRAME = re.compile(r"^[^，,。；;：:]{1,12}的是[，,]")
# what joins a list's last item to the rest: "符号、指数和**尾数**"
_ZH_LAST_JOINED = ("和", "与", "及")


_ZH_CONDITION = re.compile(r"^\s*(?:如果|假如|假设|倘若|若|只要|一旦)")


def _zh_whole_word(term: str, sentence: str) -> bool:
    """Somewhere in the sentence the term is not inside a longer word (rjieba's): "它是一种
    带有偏置项的线性变换" holds 线性 only inside 线性变换, and a stressed 线性 elsewhere in
    the paragraph was defined by it. A term rjieba cuts across words stays ("即非凸的")."""
    words: list[tuple[int, int]] = []
    for word in rjieba.cut(sentence):
        start = words[-1][1] if words else 0
        if word == f"{term}是":
            # rjieba joins a one-character name to the copula after it ("栈是一种…" is 栈是
            # + 一种 …): the name is whole there, the subject of 是
            words += [(start, start + len(term)), (start + len(term), start + len(word))]
            continue
        words.append((start, start + len(word)))
    at = sentence.find(term)
    while at >= 0:
        end = at + len(term)
        if not any(s <= at and end <= e and e - s > len(term) for s, e in words):
            return True
        at = sentence.find(term, at + 1)
    return False


def _zh_verb_defines(term: str, sentence: str) -> bool:
    """Whether the defining verb of a Chinese sentence may define its emphasised term.
    Not when every such verb before the term is the sentence's opening frame ("值得注意的
    是，**戴维南定理**对非线性元件不成立"), nor when the term stands listed after "、" or
    the 和 before the last item of a list of three ("即分为阈值、**权重**和**偏置**三部
    分"), and no verb follows it (a digital-logic handout's 德摩根定理 and a deck's 指数 and
    尾数 were so "defined")."""
    at = sentence.find(term)
    before = sentence[:at]
    after = _ZH_DEFINING_VERB.search(sentence, at + len(term))
    if after is not None:
        # a copula after an object of a verb of having, in the object's clause, is the
        # clause subject's ("蓝细菌细胞内含有**藻蓝素**和叶绿素，是…自养生物": the 是 is the
        # bacterium's; a 知识清单 sets its answers in bold); "即" after the object glosses
        # it ("都有一个 **命名空间**，即…的逻辑集合")
        return (
            after.group(0) != "是"
            or _ZH_HAVING.search(re.split(r"[，,；;：:]", before)[-1]) is None
        )
    if _zh_object_after_copula(before):
        return False
    if _ZH_COPULA_LISTS.search(before):
        # "…由小到大依次是：细胞→…→**种群**→…" lists the subject's parts after the copula
        # and its colon: it names none of them
        return False
    if _ZH_CAUSE_COPULA.search(before):
        # "冬季南北气温差异的主要原因是**纬度位置**": the copula says what brings the
        # subject about, as "is due to" does; it says not what the term is
        return False
    # a verb in a condition's clause is the condition's: "如果检验的判定是拒绝H0，那么处理
    # **有显著效应**" (if the test's decision is to reject H0, the treatment has a
    # significant effect) defines nothing; after a condition, the verb before the term must
    # stand in the term's own clause
    *earlier, clause = re.split(r"[，,；;]", before)
    if any(_ZH_CONDITION.search(c) for c in earlier) and not _ZH_DEFINING_VERB.search(clause):
        return False
    # a clause turning to something else ("…的对象是不可改变的，然而 Git 提供了一种方式来用其
    # 他对象 **假装** 替换…": however, …) leaves the verbs before it to their own statement
    if earlier and _ZH_TURN.match(clause.lstrip()) and not _ZH_DEFINING_VERB.search(clause):
        return False
    frame = _ZH_FRAME.match(before)
    framed = frame is not None and _ZH_DEFINING_VERB.search(before, frame.end()) is None
    joined = before.rstrip(' *“"「')
    # the last of three or more: "、" before ("定义集合和映射" may still define the two)
    listed = joined.endswith("、") or (joined.endswith(_ZH_LAST_JOINED) and "、" in joined)
    return not (framed or listed)


# verbs of having and containing: what follows one in its clause is its object, unless a
# 的 makes the verb a modifier's ("具有细胞结构的**生物**是…": the subject, described);
# 所有 (all) and 只有 (only) have nothing
_ZH_HAVING = re.compile(r"(?:含有|具有|拥有|包括|包含|含|(?<![所只])有)[^，,；;：:的]*$")
# A copula, then a verb whose object the term is ("所以一般都是**采用**基本路径测试来…",
# "常用的做法是使用**梯度下降**"): the sentence says what is done with the term, and the
# emphasised-term rule took it for the term's definition, over the "X方法就是…" that
# followed. Naming verbs (称为, 叫做) before a term do define it, and a copula straight
# before the term ("核心是**递归**") still may.
_ZH_LAST_COPULA = re.compile(r"是([^是，,；;：:]{1,8})$")
_ZH_ACTION_TAGS = frozenset({"v", "vd"})


def _zh_object_after_copula(before: str) -> bool:
    """The text before an emphasised term ends on 是 and a verb that takes the term."""
    copula = _ZH_LAST_COPULA.search(before.rstrip(' *“"「'))
    if copula is None:
        return False
    verb = copula.group(1)
    if _ZH_DEFINING_VERB.search(verb):
        return False  # "是被称为**反证法**的证明": the verb names the term
    tags = [tag for word, tag in rjieba.tag(verb) if word.strip()]
    return bool(tags) and tags[-1] in _ZH_ACTION_TAGS


# the last copula before a term opening a list ("依次是：…"), no other defining verb after it
_ZH_COPULA_LISTS = re.compile(r"是\s*[：:][^是称叫指即]*$")


# a copula after the noun for what brings about, or follows from, the clause's subject:
# "…的主要原因是", "…的结果是", "…的前提条件之一是", "…的根本动力在于"
_ZH_CAUSE_COPULA = re.compile(
    r"(?:原因|因素|条件|结果|目的|依据|前提|动力|根源|标志)(?:之一)?(?:是|为|在于)\s*[*“\"「]*$"
)


# a clause opened by a conjunction of contrast or addition
_ZH_TURN = re.compile(r"(?:然而|但是|但|不过|可是|而且|并且|此外|同时)")


# a Chinese sentence opened by a subordinating conjunction: its first clause gives a reason,
# a condition or a concession ("由于0x10本身是**整数类型**，…" says why, it defines nothing)
_ZH_SUBORDINATE = re.compile(r"^(?:由于|因为|如果|假如|倘若|若(?!干)|虽然|尽管|即使|既然|一旦)")
_ZH_CLAUSE_END = re.compile(r"[，,；;：:]")
# An opening clause may say when instead, by the circumstance it sets ("…的情况下充入介质，",
# "…的条件下，"): a problem-solving note's "**电路断开**或者…的情况下充入介质，电量不变，
# …的改变是外力做功引起的" stated facts under that condition, and its later 是 defined the
# bold condition. A clause with 是 before it may define its subject ("X是…的情况下…").
_ZH_CIRCUMSTANCE = re.compile(r"^[^是]*?的(?:情况|情形|条件|前提)下")


def _in_zh_subordinate_opening(term: str, sentence: str) -> bool:
    """The term stands in the first clause of a sentence that a subordinating conjunction
    opens, or that ends on the circumstance it sets (`_ZH_CIRCUMSTANCE`). What the sentence
    names outright (称…为, 叫做) is not asked about: only the readings of 是 and of
    emphasis, which such a clause uses to state a fact."""
    text = sentence.lstrip()
    end = _ZH_CLAUSE_END.search(text)
    if not _ZH_SUBORDINATE.match(text) and not (
        end and _ZH_CIRCUMSTANCE.match(text[: end.start()])
    ):
        return False
    position = text.find(term)
    return 0 <= position < (end.start() if end else len(text))


# the naming phrase right before the name a sentence gives: "are said to be **X**"
_NAMED_AFTER = r"\b(?:called|known as|termed|said to be|referred to as|named)\s+(?:(?:an?|the)\s+)?"
# "We say $R$ is *integrally closed* if …", "A ring is a *Dedekind domain* if …": the
# sentence predicates the emphasised term of its subject and says when it holds, the form a
# mathematical definition takes
_PREDICATED = r"\b(?:is|are|be|called)\s+(?:(?:an?|the)\s+)?{0}\s*,?\s+(?:if|iff|whenever)\b"
# a property's name: an adjective, or an adverb and an adjective ("linearly independent")
_PROPERTY = re.compile(r"[a-z][a-z\-]+(?: [a-z][a-z\-]+){0,2}")


def _predicated(term: str, sentence: str) -> bool:
    return re.search(_PREDICATED.format(re.escape(term)), sentence) is not None


# an adjective after the copula describes the subject: "The intrinsic permeability is
# *independent* of the fluid …" stresses what the permeability is, and names no term
# ("independent" was a groundwater lecture's concept, that sentence its definition)
_AFTER_COPULA = (
    r"\b(?:is|are|was|were|be|remains?)\s+(?:(?:not|also|always|often|usually)\s+)?{0}\b"
    r"(?!\s*,?\s+(?:if|iff|when|whenever)\b)"
    # nor one the sentence goes on to explain: "Some properties are *intrinsic*: the ones
    # that …", "they are *contingent*, or merely possible" (a philosophy chapter's terms)
    r"(?!\s*[:(—–]|\s*,\s*(?:or|i\.e\.|that\s+is|meaning)\b)"
)


# what the copula after the term says is no definition: denied, "the term *clonal
# selection* is not a complete description of the theory" (an immunology page's answer to
# "What does “clonal selection” mean?", where its glossary defines it), "*病毒*不是细胞"
# ("not only … but", "不是…而是" aside); or only a rank in a list the text counts through
# or a comparison,
# "**归属感**是第三。" (a 公众号 article's answer to "什么是归属感？"); or only that it exists
_EN_SAYS_NOT_WHAT = (
    r"{0}\W{{0,2}}\s+(?:(?:is|are|was|were)\s+not\b(?!\s+(?:only|just|merely|simply)\b)"
    r"|(?:isn['’]t|aren['’]t)\b"
    r"|(?:is|are|was|were)\s+(?:the\s+)?(?:first|second|third|fourth|fifth|last|next)"
    r"(?:\s+one)?\W*$"
    # or only how it compares, a superlative and no noun: "The mean is the largest." (a
    # practice set's answer comparing three measures was its answer to "What does “mean”
    # mean?"); "… is the largest planet" still names a kind
    r"|(?:is|are|was|were)\s+the\s+(?:[a-z]{{2,}}est|(?:most|least)\s+[a-z]+)\W*$)"
    # or only that some exist: "There are several *empirical methods*." (a groundwater
    # page's answer to "What does “empirical methods” mean?"), "… for estimating it.",
    # "There are two basic types of dislocations, the edge dislocation and the screw
    # dislocation." (a crystal-defects handout's answer for "edge dislocation"); one that
    # names a thing it introduces still does ("There is a tree called a heap")
    r"|^there\s+(?:are|is|exists?)\b"
    r"(?!.*\b(?:called|known\s+as|termed|named|referred\s+to\s+as|defined\s+as)\b)"
    r".*(?<![\w-])[*_“\"']*{0}"
    # or what it is worth: "High accuracy on the training set means nothing."
    r"|^(?:the\s+|an?\s+)?[*_“\"']*{0}[^.;:]{{0,60}}?\s+means\s+(?:nothing|little|much"
    r"|something|anything|everything|a\s+lot)\b"
    # or which of the kinds just counted it is, and no more: "The first kind is *data
    # properties*." (after "There are two kinds of object properties.")
    r"|^(?:the\s+)?(?:first|second|third|fourth|fifth|last|next|other)\s+(?:kind|type|sort"
    r"|form|category|class|group|one)s?\s+(?:is|are)\s+(?:the\s+|an?\s+)?[*_“\"']*{0}[*_”\"']*\W*$"
)
_ZH_SAYS_NOT_WHAT = (
    r"{0}\W{{0,2}}(?:(?:并|也|就|则)?(?:不是|并非|不等于|不同于)(?![^，。；]{{0,12}}而是)"
    r"|(?:是|为)第[一二三四五六七八九十\d]+(?:个|种|点|条|位|类|项)?\W*$)"
    # or that something is NOT so named: "我们刻意不把结构体和枚举称为“对象”", "这种结构
    # 不叫做队列" (the Rust book's answer to "什么是对象？" was the sentence refusing it)
    r"|(?:不|没有|并未|从未|未)(?:[把将][^，。；]{{1,30}}?)?(?:被)?(?:称为|称作|叫做|叫作|称之为)"
    r"\s*[“\"「*]*{0}"
)


def _defines_nothing(term: str, sentence: str, chinese: bool) -> bool:
    """The sentence names `term` and says nothing of what it is (`_says_not_what`, or, in
    English, `_modifies_a_noun`): the emphasis rule and every pattern ask it alike."""
    return (
        _says_not_what(term, sentence, chinese)
        or _readers_artifact(term, sentence, chinese)
        or (
            not chinese
            and (
                _modifies_a_noun(term, sentence)
                or _states_a_condition(term, sentence)
                or _verb_of_a_clause(term, sentence)
                or _object_of_a_preposition(term, sentence)
            )
        )
        or (chinese and _zh_governed_after_copula(term, sentence))
        or (chinese and _zh_modifies_after_copula(term, sentence))
    )


# the prepositions that bring a noun into a Chinese predicate as its means, its source, its
# agent or the object put before the verb: "是以 X 取代 Y 的过程", "是由 X 提出的", "是把 X
# 转化为 Y"; each a word of its own to rjieba (所以, 可以 and 以及 are not 以)
_ZH_GOVERNING = frozenset(["以", "用", "由", "把", "将", "被", "从", "通过", "利用", "借助"])


def _zh_governed_after_copula(term: str, sentence: str) -> bool:
    """The term stands after the sentence's 是 in a phrase a preposition opens: "第一次工业革
    命是以“**工厂**”取代“工场”…的过程" says what the revolution was (a world-history
    review sheet's answer to "什么是工厂？"); the term is the means, not what is defined,
    as `_object_of_a_preposition` reads "is characterized by the **X**"."""
    at = sentence.find(term)
    verb = _ZH_DEFINING_VERB.search(sentence)
    if at < 0 or verb is None or verb.end() > at or not _zh_named_subject(sentence, verb):
        return False
    # the phrase the preposition opens runs on to its verb: "以“工厂”取代“**工场**”" holds
    # both names; a comma ends it, and a name given after it ("被称为**X**") is named
    clause = re.split(r"[，,；;]", sentence[verb.end() : at])[-1]
    if _ZH_DEFINING_VERB.search(clause):
        return False
    return any(word in _ZH_GOVERNING for word in rjieba.cut(clause))


def _zh_named_subject(sentence: str, verb: re.Match[str]) -> bool:
    """Before `verb` stands a name the sentence defines, a phrase ending on a noun and no
    pronoun: "这是通过**哈希函数**实现的" goes on from the sentence before, and the term is
    the one name it gives (a hashing chapter's only description of its hash function);
    "要么是由…**数组**构成的部门" lists one of two cases, its 是 no copula of a subject."""
    subject = re.split(r"[，,；;：:]", sentence[: verb.start()])[-1].strip(' *_“"「『')
    tagged = [(w, t) for w, t in rjieba.tag(subject) if w.strip()] if subject else []
    return bool(tagged) and tagged[0][1] != "r" and tagged[-1][1].startswith(("n", "vn"))


# what may stand between a name and the 的 it modifies a noun with: its English gloss in
# brackets, the emphasis marks around it
_ZH_TO_MODIFIER = re.compile(
    r"^[*_“”\"」』]*\s*(?:[（(][^（）()]{1,30}[)）])?\s*的(?=[\u4e00-\u9fff])"
)


def _zh_modifies_after_copula(term: str, sentence: str) -> bool:
    """The term opens the predicate after a named subject's 是 and modifies its noun:
    "数据结构是抽象数据类型（ADT）的物理实现" says what a data structure is, through the
    abstract data type; glossed, that name took the sentence as its own definition (and
    the data structure's). As `_modifies_a_noun` reads "a *foreign key* constraint"."""
    verb = re.search(r"(?<![但可于还只总不凡倒])是", sentence)
    at = sentence.find(term)
    if verb is None or at < verb.end() or not _zh_named_subject(sentence, verb):
        return False
    rest = sentence[at + len(term) :]
    before = sentence[verb.end() : at].strip(' *_“"「『')
    if before:
        # the term is the short form in brackets after the name ("是抽象数据类型（ADT）的…":
        # set as maths, the short form was stressed and took the sentence for its name)
        closed = re.match(r"[\s*_]*[)）]", rest)
        if not _ZH_NAME_THEN_BRACKET.fullmatch(before) or closed is None:
            return False  # "是一种**线性表**", "是由**X**…": other words come first
        rest = rest[closed.end() :]
    return _ZH_TO_MODIFIER.match(rest) is not None


_ZH_NAME_THEN_BRACKET = re.compile(r"[^，,；;。的（()]{1,20}[（(]")


# what a tutorial has the reader make, in Chinese: "新建一个叫做 loops 的项目"
_ZH_READERS_ARTIFACT = r"(?:新的?)?(?:项目|工程|文件夹|文件|目录|仓库|工作区|包|脚本|笔记本)"


def _readers_artifact(term: str, sentence: str, chinese: bool) -> bool:
    """The sentence names what a tutorial has the reader make: "generate a new project
    called _variables_", "新建一个叫做 loops 的项目". Set in italics or not, that name is
    the reader's (the chapter's "variable" was defined by it), and where the naming verb is
    the sentence's only defining verb it defines nothing else either ("在 *projects* 目录生成
    一个叫做 *variables* 的新项目" made "projects" a concept)."""
    if chinese:
        naming = r"(?:叫做|叫作|名为|称为)[\s`*_“\"]*(?P<n>[^，。；`*_”\"]+?)[`*_”\"]*\s*的"
        artifact = re.search(naming + _ZH_READERS_ARTIFACT, sentence)
        verbs = _ZH_DEFINING_VERB.findall(sentence)
    else:
        naming = r"\s+(?:called|named)[\s`*_“\"]+(?P<n>[\w.\-]+)"
        artifact = re.search(rf"\b{_READERS_ARTIFACT}{naming}", sentence, re.I)
        verbs = _EN_DEFINING_VERB.findall(sentence)
    if artifact is None:
        return False
    return artifact.group("n").strip() == term or len(verbs) == 1


# A formula's legend: "where $r^*$ is the *neutral real interest rate*, $\pi^*$ the
# inflation target …". The sentence says what the symbol stands for, named by the term;
# it says nothing of what the term is. The emphasis rule read the legend (and the display
# equation before it) as the term's definition, and a Taylor-rule lecture's question
# "What does neutral real interest rate mean?" was answered by the equation.
_SYMBOL_NAMED = re.compile(
    r"\b(?:where|in\s+which)\b[^.;]*"
    r"\$[^$]{1,40}\$\s*(?:,\s*)?(?:is|are|denotes|represents|stands\s+for|means)"
    r"\s+(?:(?:the|an?)\s+)?[*_]*$"
)
# …and a legend written as a series of its own, no "where" before it: "$E$ is Young's
# modulus, $\nu$ is Poisson's ratio, and $T_e$ is the *effective elastic thickness*": a
# symbol named before, the term then named as the next symbol's quantity (a lab sheet's
# legend under its equation answered "What does effective elastic thickness mean?")
_SYMBOL_SERIES = re.compile(
    r"\$[^$]{1,40}\$\s*(?:is|are|denotes|represents|stands\s+for)\s+[^.;]*(?:,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:\$[^$]{1,40}\$|[A-Za-z]\w{0,3})\s*(?:is|are|denotes|represents|stands\s+for)"
    r"\s+(?:(?:the|an?)\s+)?[*_]*$"
)


def _symbol_legend(term: str, sentence: str) -> bool:
    """The term follows a maths symbol and "is (the)", "denotes", "stands for" in a clause
    opened by "where" or "in which": it names what the symbol is, a legend of a formula, no
    definition of the term. A sentence of its own naming a symbol ("In the sample, $u$ is
    the *seepage speed*") still names the quantity, as it did."""
    at = sentence.casefold().find(term.casefold())
    return at > 0 and any(
        legend.search(sentence[:at]) for legend in (_SYMBOL_NAMED, _SYMBOL_SERIES)
    )


# a personal pronoun as the sentence's subject, its verb next: the sentence goes on about
# a thing named before it, and a name after the verb is part of what is said of that thing
_PRONOUN_SUBJECT = re.compile(
    r"^[\W_]*(?:It|They|He|She|This|That|These|Those)\s+"
    r"(?:is|are|was|were|has|have|had|can|could|will|would"
    r"|may|might|must|should|also|often|usually|always)\b(?!,)"
)
_TERMED = re.compile(r"\btermed\b|\bnamed\b", re.I)


def _kind_named_by(term: str, sentence: str) -> bool:
    """The emphasised noun opens the subject "X by Y" before its verb: "recall that
    knowledge by acquaintance is direct …" says what the kind is, not what X is (as the
    patterns' subject cut at "by" defines nothing, `_read`)."""
    found = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", sentence, re.I)
    return bool(found and _BY_PHRASE_THEN_VERB.match(sentence, found.end()))


# the nouns that make the subject some of the kind named after "of": "forms of", "a type
# of", "varieties of"
_INSTANCES_OF = re.compile(
    r"\b(?:forms?|types?|kinds?|sorts?|varieties|variety|classes|class|members?|instances?)"
    r"\s+of\s+(?:(?:the|a|an)\s+)?[*_“\"']*$",
    re.I,
)


def _genus_of_instances(term: str, sentence: str) -> bool:
    """The emphasised name is what the subject is some of: "Rain, snow and hail are forms
    of **precipitation**", "A lysosome is a type of **organelle**" name its instances or
    one kind, and say not what the name is (a quiz's written-in answer, stressed, was
    defined so)."""
    at = sentence.find(term)
    return at > 0 and _INSTANCES_OF.search(sentence[:at]) is not None


# a "by" phrase of up to three words, then the verb the subject it ends takes
_BY_PHRASE_THEN_VERB = re.compile(r"\s+by\s+(?:[\w'’\-]+\s+){1,3}?(?:is|are|was|were)\b", re.I)


# an English sentence opened by a subordinating conjunction, up to the comma closing its
# clause (as `_ZH_SUBORDINATE` for Chinese)
_EN_SUBORDINATE = re.compile(
    r"^\W*(?:while|when|whenever|although|though|because|since|after|before|once|until"
    r"|unless|whereas)\b(?P<clause>[^,;:]*),",
    re.I,
)


def _in_subordinate_opening(term: str, sentence: str) -> bool:
    """The stressed name stands in the clause a subordinating conjunction opens the
    sentence with, and that clause has no defining verb of its own: the sentence's verb is
    its main clause's, said of another subject ("While *Hinduism* remained the official
    religion …, Buddhist universities … were among the first …", "When the *Mauryan
    Empire* collapsed …, India entered …" answered "What does X mean?")."""
    opening = _EN_SUBORDINATE.match(sentence)
    if opening is None:
        return False
    clause = opening.group("clause")
    named = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", clause) is not None
    return named and _EN_DEFINING_VERB.search(clause) is None


# where the stressed name stands, not what it is: the object of a place after the copula,
# "The results are in the *relative frequency table* shown below.", or the subject of a
# purpose, "One of the requirements for the *sample mean* to be a good estimate … is …"
# (each was a statistics chapter's answer to "What does X mean?")
_PLACED_OR_PURPOSED = (
    r"\b(?:is|are|was|were)\s+(?:(?:shown|given|listed|set\s+out)\s+)?(?:in|on|at|inside"
    r"|within|under)\s+(?:the|an?|this|that)\s+[*_]*{0}(?![\w-])",
    r"\bfor\s+(?:the|an?)\s+[*_]*{0}[*_]*\s+to\s+[a-z]",
    # (and the rest of that purpose: "… to be a good estimate of the *population mean*")
    r"\bfor\s+(?:the|an?)\s+[^.;,]*?\bto\s+[a-z][^.;,]*?(?<![\w-])[*_]*{0}(?![\w-])",
)


def _placed_or_purposed(term: str, sentence: str) -> bool:
    name = re.escape(term)
    return any(re.search(way.format(name), sentence, re.I) for way in _PLACED_OR_PURPOSED)


def _one_of_several(term: str, sentence: str) -> bool:
    """The stressed name is one the sentence counts among others, and what it says is said
    of them all, no definition of this one: an instance a "such as" or "including" list
    gives after the sentence's verb ("… were associated with traditions such as *yoga* and
    …") or a series it lists ("… a culture linked by *Hinduism*, *Buddhism*, … and …"),
    one of a pair "both X and Y" opening the sentence ("Both *Buddhism* and *Hinduism*
    were diverse"), or
    the standard a comparison closes on ("Few areas are as important … as *India*."). An
    index's terms, marked in every sentence that names them, made each of those sentences
    a definition. A verb after the name is its own ("Metals such as *iron* are …")."""
    name = rf"(?:(?:the|an?)\s+)?{re.escape(term)}(?![\w-])"
    listed = re.search(rf"\b(?:such\s+as|including)\s+[^.;:!?]*?(?<![\w-]){name}", sentence, re.I)
    if listed and _EN_DEFINING_VERB.search(sentence, listed.end()) is None:
        return not re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", sentence[: listed.start()])
    # a member of a series "A, B, C and D" the sentence's verb stands before
    # (the next item a name, no clause: "X, which is …, …" glosses X)
    series = re.search(
        rf"(?:,\s+(?:(?:and|or)\s+)?(?<![\w-]){name}"
        rf"|(?<![\w-]){name},\s+(?!(?:which|who|whose|that|where)\b)[^,.;:]+,)",
        sentence,
    )
    if (
        series
        and _EN_DEFINING_VERB.search(series.group(0)) is None
        and _EN_DEFINING_VERB.search(sentence, series.end()) is None
    ):
        verb = _EN_DEFINING_VERB.search(sentence)
        return verb is not None and verb.start() < series.start()
    # the pair is the sentence's subject: "… at the root of both X and Y" says what X is
    paired = rf"^\W*both\s+(?:{name}\s+and\b|[\w'’\- ]{{1,40}}?\s+and\s+{name})"
    compared = rf"\b(?:as\s+[\w'’\- ,]{{1,80}}?\s+as|than)\s+{name}[\W_]*$"
    return re.search(paired, sentence, re.I) is not None or (
        re.search(compared, sentence, re.I) is not None
        and not sentence.lstrip("*_ ").startswith(term)
    )


def _said_of_a_pronoun(term: str, sentence: str) -> bool:
    """ "It is the first step of most **sorting algorithms**.": "It" is what the sentence
    describes (a thing the text named before), not the stressed name after the verb, which
    the emphasis rule gave that sentence as its definition. A naming verb still names the
    term ("It is called **osmosis**."), and a pattern still reads what the sentence says
    of it ("It is easy to build a rain shadow—a region that …": its appositive). A
    demonstrative points back the same way: "This is **bucket sort**." names the steps the
    sentence before gave, and is no definition alone ("That is, a **cogent argument** is
    …" restates: its own subject and verb follow). A gloss right after the term says what
    the term is, whatever the subject: "This is opposed to dynamic dispatch, which is when
    …", "… the `join` function is fair, meaning it checks each future equally often"."""
    at = sentence.casefold().find(term.casefold())
    glossed = at >= 0 and _GLOSS_AFTER.match(sentence, at + len(term)) is not None
    return (
        _PRONOUN_SUBJECT.match(sentence) is not None
        and not sentence.lstrip("*_ ").startswith(term)
        and _NAMING.search(sentence) is None
        and _TERMED.search(sentence) is None
        and not glossed
    )


# a term's own gloss after it: ", which is when …", ", meaning …", ", i.e. …"
_GLOSS_AFTER = re.compile(
    r"[*_”\"’']*\s*,\s+(?:which\s+(?:is|are|means?)\b|meaning\b|i\.\s?e\.|that\s+is,)", re.I
)


# what brings the subject about or marks it, then maybe an article, and the marks opening
# an emphasised name: "is characterized by the", "is a result of", "is due to" (not "a
# layer of *glycoproteins*", "examples of isomers—compounds …": those name the term's
# kind; nor "is summarized by Dalton's law …: …", which states the law)
_AFTER_A_PREPOSITION = re.compile(
    r"\b(?:(?:characteri[sz]ed|caused|marked|triggered|accompanied|followed|preceded)\s+by"
    r"|result\s+of|results?\s+from|due\s+to|because\s+of)\s+"
    r"(?:(?:the|a|an|its|their|this|these|those)\s+)?[*_“\"']*$",
    re.I,
)


def _object_of_a_preposition(term: str, sentence: str) -> bool:
    """The term stands after the sentence's defining verb as what brings its subject about
    ("It is characterized by the **destruction of pancreatic beta-cells**" answered "What
    does X mean?" in a nursing note; "is a result of the X", "is due to the X"): the
    sentence says what its subject is by the term, not what the term is; a name the verb
    gives ("is known as", "called") is no such object. (A term joined after another, "a
    result of … or **decreased insulin production**", is not reached: left.)"""
    at = sentence.find(term)
    verb = _EN_DEFINING_VERB.search(sentence)
    if at < 0 or verb is None or verb.start() > at:
        return False
    between = sentence[verb.start() : at]
    if _NAMING.search(between) or re.search(r"\b(?:as|termed|named)\b", between, re.I):
        return False
    if _AFTER_A_PREPOSITION.search(sentence[:at]) is not None:
        return True
    # a passive's agent ending the sentence: "is chosen by the **minimum ratio test**."
    # (a quiz bank's stem with its answer put in: the term does the choosing); not one a
    # colon goes on to state ("is summarized by Dalton's law …: The total pressure …")
    rest = sentence[at + len(term) :].strip(" .!*_\"'”’")
    before = sentence[:at]
    return not rest and any(end.search(before) for end in (_AFTER_AN_AGENT, _AFTER_A_PLACE))


# (not an agent that identifies or defines what the sentence opens on: "A relation's
# attributes and domains are defined by its schema.", "Every node … is identified by a
# node public key." say what the schema and the key are for, and answered well)
_AFTER_AN_AGENT = re.compile(
    r"\b(?!(?:defined|identified|determined|specified|described|denoted|represented"
    r"|characteri[sz]ed|given)\b)"
    rf"(?:{_PASSIVE.pattern})\s+by\s+(?:(?:the|a|an|its|their|this|these|those)\s+)?"
    r"[*_“\"']*$",
    re.I,
)

# a passive's place or source, or the state the subject is in, ending the sentence:
# "Oceanic crust is created at **mid-ocean ridges**.", "Ridges are in **isostatic
# equilibrium**." say where the subject forms or how it stands, nothing of the name that
# closes them (a lecture's slides gave each as the name's definition)
_AFTER_A_PLACE = re.compile(
    rf"\b(?:is|are|was|were)\s+(?:(?:{_PASSIVE.pattern})\s+(?:at|in|on|from|within|under)|in)"
    r"\s+(?:(?:the|a|an)\s+)?[*_“\"']*$",
    re.I,
)


# a word opening a clause of its own, whose verb is not the term's
_SUBORDINATOR = re.compile(
    r"\b(?:if|once|when|whenever|unless|because|since|after|before|while|until|although)\b"
    r"(?P<clause>[^,;:)]*)$",
    re.I,
)


def _verb_of_a_clause(term: str, sentence: str) -> bool:
    """Each defining verb of the sentence comes after the term inside a clause of its own
    ("**Polyphagia** (if insulin is absent)", "**KCl** on slow IV once urine output is
    adequate": both answered "What does X mean?"); a clause closed by a comma before the
    verb leaves it the term's ("*Osmosis*, which occurs when water moves, is …")."""
    at = sentence.find(term)
    verbs = list(_EN_DEFINING_VERB.finditer(sentence))
    if at < 0 or not verbs or verbs[0].start() < at + len(term):
        return False
    clause = _SUBORDINATOR.search(sentence[at + len(term) : verbs[-1].start()])
    if clause is None:
        return False
    # the term's own words before the clause: a few, with no comma, say nothing of it
    # ("on slow IV"); "Weak references don't express an ownership relationship, and
    # their count doesn't affect when …" does, with a verb of its own
    before = sentence[at + len(term) : at + len(term) + clause.start()]
    if _CONDITION_VERB.fullmatch(before) and clause.group(0).lower().startswith("when"):
        # "Sampling bias occurs when some members … are selected": the condition is what
        # the name is (the pattern above), its clause's own "are" no verb taking it away
        return False
    if "," in before or len(re.findall(r"[A-Za-z]+", before)) > MAX_WORDS_BEFORE_A_CLAUSE:
        return False
    return all(
        _SUBORDINATOR.search(sentence[at + len(term) : verb.start()]) is not None for verb in verbs
    )


MAX_WORDS_BEFORE_A_CLAUSE = 4
# the verb that ties a name to the condition that makes it: "… occurs / happens / arises
# when …" (`_CONDITION` in the patterns above)
_CONDITION_VERB = re.compile(r"\s*(?:occurs|happens|arises)\s*", re.I)


# the term, then "is"/"are" and a word saying its state, and nothing more of it: "**Serum
# Glucose** is elevated, up to 600 mg/dL", "Ketonuria is present."
_IN_A_STATE = (
    # (the term may open a list of such names: "**BUN**, **Creatinine**, and **Hematocrit**
    # are **elevated**")
    r"(?<![^\W_]|-){0}[*_”\"’']*"
    r"(?P<list>(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)[*_]*"
    r"(?!(?:and|or|is|are|was|were)\b)[A-Za-z][\w\-]*"
    r"(?:\s[A-Za-z][\w\-]*)?[*_]*){{0,6}})"
    r"\s+(?:is|are|was|were)\s+"
    r"(?:(?:not|also|often|usually|always|extremely|markedly|slightly|typically|very)\s+)*"
    r"[*_]*(?P<state>[a-z]+)[*_]*(?=\s*(?:[,.;!)]|$)"
    # (not "and": "a cogent argument is strong and has true premises" defines it)
    r"|\s+(?:due\s+to|because|after|before|during|until|when|if|in|on|at|by|with)\b)"
)
# participles that say what the term is ("is defined by", "is given by $…$")
_DEFINING_PARTICIPLES = frozenset(
    {
        "defined",
        "called",
        "known",
        "termed",
        "named",
        "described",
        "given",
        "characterized",
        "characterised",
        "represented",
        "denoted",
        "expressed",
        "measured",
        "composed",
        "made",
    }
)


def _states_a_condition(term: str, sentence: str) -> bool:
    """The sentence says what state the term is in, an adjective or a participle after
    "is" with nothing of what it is ("Serum Glucose is elevated, up to 600 mg/dL" answered
    "What does serum glucose mean?" in a nursing note's findings)."""
    found = re.search(_IN_A_STATE.format(re.escape(term)), sentence, re.I)
    if found is None:
        return False
    listed = re.findall(r"[A-Za-z][\w\-]*", found.group("list"))
    if any(word.lower() in EN_STOP - {"and", "or"} for word in listed):
        # "… is dereferencing, which is accomplished with …": a clause about the term
        return False
    lemmas = getAllLemmas(found.group("state"))
    if "NOUN" in lemmas and "ADJ" not in lemmas:
        return False  # "*Habits* are patterns.": a noun, the genus
    state = found.group("state").lower()
    return (
        ("ADJ" in lemmas or "VERB" in lemmas)
        and state not in EN_STOP
        and state not in _DEFINING_PARTICIPLES
    )


def _says_not_what(term: str, sentence: str, chinese: bool) -> bool:
    pattern = (_ZH_SAYS_NOT_WHAT if chinese else _EN_SAYS_NOT_WHAT).format(re.escape(term))
    return re.search(pattern, sentence.strip(), 0 if chinese else re.I) is not None


def _modifies_a_noun(term: str, sentence: str) -> bool:
    """In the sentence the term modifies the noun after it, a word only a noun ("the
    solution is a *foreign key* constraint", "has to be used in *travel time*
    computation"): the sentence is about that longer name, and says nothing of the term
    (both were a course's answers to "What does X mean?"). One word does so when the
    lexicon knows it as a noun only ("all *integer* solutions are eventually generated"
    answered "What does integer mean?"): an adjective set apart before a noun is often the
    term the sentence introduces ("what gives *posterior* beliefs")."""
    at = sentence.casefold().find(term.casefold())
    if at < 0:
        return False
    if " " not in term.strip() and set(getAllLemmas(term.strip().lower())) != {"NOUN"}:
        return False
    after = _NEXT_WORD.match(sentence, at + len(term))
    if after is None:
        return False
    word = after.group(1)
    lemmas = getAllLemmas(word)
    # (the lexicon lists function words as nouns too: "that", "which")
    return set(lemmas) == {"NOUN"} and word not in EN_GENERIC and word not in EN_STOP


_NEXT_WORD = re.compile(r"(?:s|es)?[*_”\"’']*\s+([a-z][a-z-]*[a-z])\b")


def _predicate_adjective(term: str, sentence: str) -> bool:
    """`term` is one adjective (`bare_modifier`) the sentence says of its subject after
    "is", and not a property it defines by a condition ("is *positive* when it amplifies
    …", `_predicated`'s "is *integrally closed* if …")."""
    return (
        bare_modifier(term)
        and re.search(_AFTER_COPULA.format(re.escape(term)), sentence) is not None
        and not _predicated(term, sentence)
    )


def _contrasted_modifier(term: str, sentence: str, emphasis: tuple[str, ...]) -> bool:
    """Two adjectives set in italics or bold before the same noun contrast two kinds of it:
    stress, not names. "Our *current* clients … were swayed by errors, while *potential*
    clients responded to the firm's reputation" made "potential" a defined concept (the
    sentence's "were" its defining verb). One alone keeps its reading ("to produce
    *posterior* beliefs" beside "the *prior* $P(H)$"), and so does a word the lexicon
    knows as a noun only."""
    if not bare_modifier(term):
        return False
    nouns = _nouns_after(term, sentence)
    return bool(nouns) and any(
        nouns & _nouns_after(other, sentence)
        for other in emphasis
        if other != term and bare_modifier(other)
    )


def _listed_after_colon(term: str, sentence: str, emphasis: tuple[str, ...]) -> bool:
    """The term is one of two or more emphasised names listed after a colon, and the
    sentence's verbs stand before it: "the LSTM's three gates are replaced by two: the
    *reset gate* and the *update gate*" introduces the names, and their definitions come
    later (the reset gate's answer was that sentence)."""
    colon = sentence.find(": ")
    if colon < 0 or sentence.find(term, colon) < 0:
        return False
    after = sentence[colon + 1 :]
    listed = [span for span in emphasis if span != term and span in after]
    return bool(listed) and _EN_DEFINING_VERB.search(after) is None


def _nouns_after(word: str, sentence: str) -> set[str]:
    """The nouns `word` stands right before in the sentence: words the lexicon knows as
    nouns (a noun that is a verb too, "tool", "number", is the noun after an adjective:
    "a *static* tool …, … a *dynamic* tool" contrasts two kinds of tool, and "static" was
    a concept defined by it)."""
    found = set()
    for match in re.finditer(rf"(?<![\w-]){re.escape(word)}\s+([A-Za-z][\w-]*)", sentence):
        lemmas = set(getAllLemmas(match.group(1).lower()))
        if "NOUN" in lemmas and "AUX" not in lemmas and match.group(1) not in EN_STOP:
            found.add(match.group(1).lower())
    return found


def _named_first(emphasis: tuple[str, ...], sentence: str, chinese: bool) -> list[str]:
    """The emphasised spans the sentence may define: the one it names, where it names one
    ("… of *moderate* mutual solubility are said to be **partially miscible**"), the others
    in such a sentence being stress (a chemistry chapter's "moderate" took the definition
    and was taught); else all."""
    if chinese or len(emphasis) < 2:
        return list(emphasis)
    named = [
        span
        for span in emphasis
        if (name := emphasis_name(span))
        and (
            re.search(rf"{_NAMED_AFTER}{re.escape(name)}(?!\w)", sentence, re.I)
            or _predicated(name, sentence)
        )
    ]
    return named or list(emphasis)


# ", sometimes also called", " (also known as the": an alias follows the name before it
_ALIAS = (
    r",?\s+(?:\(\s*)?(?:(?:sometimes|often|commonly|now)\s+)?also\s+"
    rf"{ALIAS_VERBS}\s+(?:(?:the|an?)\s+)?[\"“‘]?"
)


# an English name and, in brackets right after it, its Chinese name: "deadlock（死锁）"
_ZH_NAME_AFTER = re.compile(r"\s*[（(]\s*([\u3400-\u9fff]{2,8})\s*[）)]")


def _chinese_name_of_gloss(found: Definition, sentence: str) -> Definition:
    """A Chinese sentence that defines an English name glossed in Chinese ("…称为 deadlock
    （死锁）", "tree protocol（树协议）是…") defines the Chinese name: the one the text goes
    on using (死锁 came out as "deadlock", a Chinese course's concept in English, and the
    text's many 死锁 were folded into it)."""
    if has_han(found.term):
        return found
    at = sentence.find(found.term)
    chinese = _ZH_NAME_AFTER.match(sentence, at + len(found.term)) if at >= 0 else None
    return replace(found, term=chinese.group(1)) if chinese else found


# "… have a baud rate (also known as symbol rate), which is …": the name an article opens,
# then its alias in brackets; the definition that follows is the name's. The name may open
# the sentence itself and the bracket give its abbreviation first: "Principal coordinates
# analysis (PCoA, also known as …) attempts to …" (the alias was the concept, and the
# analysis the lesson teaches under its own heading had none)
_BRACKETED_ALIAS = (
    r"(?:\b(?:an?|the)\s+|^[\W_]*)"
    r"(?P<name>[A-Za-z][\w'’\-]*(?:\s+[A-Za-z][\w'’\-]*){{0,3}})\s*\(\s*"
    r"(?-i:[A-Z][A-Za-z0-9\-]{{1,9}}\s*[,;]\s*)?"
    r"(?:(?:sometimes|often|commonly|also)\s+){{0,2}}{verbs}\s+(?:(?:the|an?)\s+)?{alias}\s*\)"
)


def _name_before_bracketed_alias(found: Definition, sentence: str) -> Definition:
    """A name given only in brackets as another's alias is not the term defined: the name
    before the bracket is (a lesson's "baud rate (also known as Symbol rate), which is the
    speed …" defined "Symbol rate", and the baud rate it teaches was no concept)."""
    pattern = _BRACKETED_ALIAS.format(verbs=ALIAS_VERBS, alias=re.escape(found.term))
    before = re.search(pattern, sentence, re.I)
    if before is None or not acceptable(before.group("name")):
        return found
    return replace(found, term=before.group("name"))


def _alias_of_emphasised(found: Definition, sentence: str, emphasis: tuple[str, ...]) -> Definition:
    """ "In contrast, **nonprofessional legislatures**, sometimes also called citizen
    legislatures, are …", "His **Connecticut Compromise**, also known as the Great
    Compromise, …": the emphasised name is the term the sentence defines; the plain name
    after "also called" is its alias (it took the definition, and the bold name had none)."""
    if any(emphasis_name(span) == found.term for span in emphasis):
        return found
    for span in emphasis:
        term = emphasis_name(span)
        if (
            term
            and acceptable(term, emphasised=" " in term)
            and re.search(
                rf"(?<![\w-]){re.escape(span)}{_ALIAS}{re.escape(found.term)}", sentence, re.I
            )
        ):
            return replace(found, term=term)
    return found


def _says_what(term: str, sentence: str) -> bool:
    """In an example, the term is what the sentence says something is ("For example, a
    goblet cell is a mucous-secreting …"), restates or opens on ("For instance, identical
    twins share …"), not a name the example uses ("An example of a
    … pathogen is Vibrio cholerae", "For example, protozoans of the genus Paramecium …")."""
    said = rf"{re.escape(term)}s?(?:\s*\([^)]{{0,40}}\))?\s+(?:is|are)\s+(?:an?|the)\b"
    # or restates it ("… the *distribution* of $X$, i.e., the function that …"), or the
    # example opens on it: "For instance, identical twins share …"
    opens = rf"^\W*(?:for\s+(?:example|instance)|e\.g\.),?\s+(?:(?:an?|the)\s+)?{re.escape(term)}\b"
    restated = rf"{re.escape(term)}\b[^.;]{{0,30}}?,?\s+(?:i\.e\.|that\s+is),"
    return any(re.search(pattern, sentence, re.I) for pattern in (said, restated, opens))


def _contrasted(
    found: Definition, sentence: str, block: int, emphasis: tuple[str, ...]
) -> Iterator[Definition]:
    """ "… are **phototrophs**, whereas **chemotrophs** obtain energy …": the name that opens
    the clause a definition is contrasted with is defined by the same sentence (at most
    as surely as emphasis alone defines, EMPHASIS); not in an example."""
    if _EXAMPLE.search(sentence):
        return
    for span in emphasis:
        term = emphasis_name(span)
        if not term or concept_key(term) == concept_key(found.term):
            continue
        contrast = rf",\s+(?:whereas|while)\s+(?:(?:the|an?)\s+)?{re.escape(span)}\s+[a-z]"
        if re.search(contrast, sentence) and acceptable(term, emphasised=" " in term):
            yield replace(found, term=term, confidence=min(found.confidence, EMPHASIS))


def _appositives(sentence: str, block: int, emphasis: tuple[str, ...]) -> list[Definition]:
    """ "**endocytosis**, the uptake of matter …", "**lysosomes**, membrane-bound organelles
    that …", "**crenation**, or shriveling, of the cell": a noun phrase set off by a comma
    after an emphasised name restates what the name means. Not where the name closes an
    opening clause ("In an **isotonic medium**, the solute …"), stands in a list
    ("**A**, **B**, and **C**"), in parentheses, or in an example."""
    if _EXAMPLE.search(sentence) or _describes_other(sentence, False):
        return []
    found = []
    for span in emphasis:
        term = emphasis_name(span)
        if not term or not acceptable(term, emphasised=" " in term):
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(span)}(?=,)", sentence):
            before, after = sentence[: match.start()], sentence[match.end() :]
            # "barley, or the oats …": another emphasised name after "or" and its article
            # is a list's next item, no genus
            following = re.sub(r"^or\s+(?:an?|the)\s+", "", after[1:].lstrip())
            listed = re.search(r"(?:,|\b(?:or|both|either|between))\s*$", before) or any(
                other != span and following.startswith(other) for other in emphasis
            )
            genus = _APPOSITIVE_GENUS.match(after)
            if (
                genus
                and not listed
                and not _opening_clause(before)
                and before.count("(") <= before.count(")")
            ):
                found.append(Definition(term, sentence, block, APPOSITIVE))
                synonym = genus.group("syn")
                if synonym and any(emphasis_name(other) == synonym for other in emphasis):
                    # "… called **oxidation-reduction reactions**, or **redox reactions**":
                    # the emphasised synonym is defined with it
                    found.append(Definition(synonym, sentence, block, APPOSITIVE))
                break
    return found


def _opening_clause(before: str) -> bool:
    """The words before a name open an adverbial clause ("In an", "During", "When cells
    enter", "Using"), which the comma after the name closes."""
    pieces = re.split(r"[,;:()]", before)
    words = pieces[-1].split()
    if not words:
        return False
    first = words[0].lower()
    # a participle or "to" opens a clause only at the sentence's start: ", causing
    # **crenation**, or …" has the participle after the main clause
    return first in OPENING_CLAUSE or (
        len(pieces) == 1 and (first.endswith("ing") or first == "to")
    )


def _bare_plural_genus(
    sentence: str, block: int, emphasis: tuple[str, ...], plain: bool = False
) -> Definition | None:
    """ "**Xenobiotics** are compounds synthesized by …": an emphasised plural opening "are"
    and a plural genus without an article (DEFINED_EMPHASIS, as "X is a …" is). In plain
    text, which lost the emphasis, the wording alone is a weak reading, as "X is a …" is."""
    if _EXAMPLE.search(sentence) or _describes_other(sentence, False):
        return None
    match = _BARE_PLURAL_GENUS.match(sentence)
    found = match and _read(match, sentence, block, DEFINED_EMPHASIS, False)
    if found and _opens_emphasised(found, emphasis):
        return found
    return replace(found, confidence=WEAK) if found and plain and not emphasis else None


# "The term **anabolism** refers to", "called the enzyme’s **active site**": the word
# "term" or a possessive before an emphasised name is no part of it
_NAME_PREFIX = re.compile(
    r"^(?:(?:the\s+)?(?:terms?|words?|phrases?|expressions?)\s+|.*?\w['’]s\s+)", re.I
)


# "The transpose of M is the same matrix, …", "the inverse of A is …": what the sentence
# defines is the operation; the one-letter operand it is shown on is no part of its name
# ("transpose of M" was a concept beside "transpose")
_OF_OPERAND = re.compile(r"^(?P<name>\S.*?)\s+of\s+[A-Za-z](?:_?\d)?$")


def _without_operand(found: Definition) -> Definition:
    match = _OF_OPERAND.match(found.term)
    if match is None or match.group("name").lower() in EN_STOP:
        return found
    return replace(found, term=match.group("name"))


def _emphasised_name(found: Definition, emphasis: tuple[str, ...]) -> Definition:
    """The emphasised name inside a pattern's term whose first words are "term" or a
    possessive ("term anabolism", "enzyme’s active site"); an emphasised whole
    ("**Newton’s laws**") stays whole."""
    prefix = _NAME_PREFIX.match(found.term)
    if prefix is None or not emphasis:
        return found
    rest = found.term[prefix.end() :]
    keys = {concept_key(emphasis_name(span) or "") for span in emphasis}
    if rest and concept_key(rest) in keys and concept_key(found.term) not in keys:
        return replace(found, term=rest)
    return found


# "**Entrainment** is the synchronisation of the clock to an external time cue, called a
# *zeitgeber*": the naming in the predicate names a phrase of it; the sentence still says
# what its stressed subject is. Only the naming was read, so a sleep review's zeitgeber had
# the sentence and entrainment, stressed and opening it, had none.
def _with_stressed_subject(
    patterned: list[Definition], sentence: str, block: int, emphasis: tuple[str, ...]
) -> list[Definition]:
    """`patterned` with the sentence's subject defined first, when it is emphasised whole
    and opens "X is a/an/the …" and no pattern named it."""
    named = {concept_key(d.term) for d in patterned}
    for span in emphasis:
        term = emphasis_name(span)
        subject = Definition(term, sentence, block, DEFINED_EMPHASIS) if term else None
        if subject is not None and concept_key(term) not in named and names_its_kind(subject):
            return [subject, *patterned]
    return patterned


def _opens_emphasised(found: Definition, emphasis: tuple[str, ...]) -> bool:
    """The weak pattern's term ("X is a/an/the …" opens the sentence) is emphasised whole."""
    key = concept_key(found.term)
    return any(concept_key(emphasis_name(span) or "") == key for span in emphasis)


def names_its_kind(found: Definition) -> bool:
    """The sentence opens on the term itself, then "is/are a/an/the" or a bare plural genus:
    "A first-degree burn is a superficial burn …", "Adipocytes are cells that …" say what
    kind of thing the term is (not "A typical heart is approximately …", nor "The
    composition of the sweat determines whether … is a …")."""
    opening = (
        rf"^\s*(?:(?:an?|the)\s+)?{re.escape(found.term)}(?:e?s)?,?\s+(?:is|are)\s+(?:an?|the)\s"
    )
    return (
        re.match(opening, found.sentence, re.I) is not None
        or _BARE_PLURAL_GENUS.match(found.sentence) is not None
    )


def _plain_opening(sentence: str, block: int, chinese: bool) -> Definition | None:
    match = (_ZH_PLAIN if chinese else _EN_PLAIN).match(sentence)
    if match is None or _describes_other(sentence, chinese):
        return None
    if not chinese and _PASSIVE.match(sentence, match.end()):
        return None  # "A sample of food is weighed, …": what is done to it, no definition
    term = _zh_term(match.group("t")) if chinese else _en_term(match.group("t"))
    if not term or not acceptable(term) or not _nominal(term, chinese):
        return None
    if not chinese and _an_example(term):
        return None
    return Definition(term, sentence, block, WEAK)


# Plain text only: "The middle and thickest layer is the myocardium, made …", "At the end
# of the axon is the axon terminal, where …", "Located between the two atria is the
# interatrial septum.": a description, then "is the" and the name it describes, a few
# words ending the sentence or before a relative or participle clause ("is the rise in
# polarization" ends on no name); nor does a subject that is an example ("Another example
# that is employed in many films is the sports montage": one kind of montage, no meaning)
# a subject that counts the points of an account ("The first problem is the author
# information.", "The last of our common collections is the hash map."): the name after
# "is the" is the point made, not defined there
_COUNTING_SUBJECT = rf"(?:the\s+)?(?:{'|'.join(sorted(EN_ORDINALS))}|last|next|final)\b"
_INVERTED = re.compile(
    r"^(?!(?:it|this|that|these|those|there|here|he|she|they|what|which|who)\b)"
    rf"(?!{_COUNTING_SUBJECT})"
    r"(?![^,;:]{0,120}?\b(?:examples?|instances?)\b)"
    r"[A-Z][^,;:]{8,120}?\s(?:is|are)\s+the\s+"
    rf"(?P<t>(?:(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*\s+){{0,3}}(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*)"
    r"(?:,\s+(?:which|where|who|whose|a|an|so|made|located|found)\b|\s*\.$)",
    re.I,
)


# Plain text only: "One of the basic principles … is majority rule, or the idea that …",
# "The majority party, or the political party that holds …", "a set of parliamentary
# procedures, or rules that govern …": a noun phrase after an article, "is", "of" or the
# sentence's start, then ", or" and a genus restating it
_OR_GLOSS = re.compile(
    r"(?:^|\b(?:is|are|of|the|an?)\s+)"
    rf"(?P<t>(?:(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*\s+){{0,2}}(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*)"
    r",\s+or\s+(?:the\s+(?:[a-z]+\s+)?[a-z]+|[a-z]+s)\s+(?:that|which|by\s+which|in\s+which)\b",
    re.I,
)


# Plain text only: "… and an inner visceral pericardium, or epicardium, which is fused …",
# "At the base of the aorta is the aortic semilunar valve, or the aortic valve, which …": a
# noun phrase after an article, then ", or" and another name of a few words for it set off
# by commas before a relative clause: the other name the text goes on to use ("of blood,
# or severe stress, which": after "of" two things, not two names)
_OR_ALIAS = re.compile(
    r"\b(?:the|an?)\s+"
    rf"(?:(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*\s+){{0,3}}(?P<head>[a-z][\w'’\-]*),\s+or\s+"
    rf"(?:the\s+)?(?P<t>(?:(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*\s+){{0,2}}"
    rf"(?!(?:{_STOP_WORDS})\b)[a-z][\w'’\-]*),\s+(?:which|that|who|where|whose)\b",
    re.I,
)


def _or_alias(sentence: str, block: int) -> Definition | None:
    """The other name `_OR_ALIAS` reads, weakly; a plural of the same word ("the axon
    segment, or segments, that …") is no other name."""
    match = _OR_ALIAS.search(sentence)
    if match is None or concept_key(match.group("t")) == concept_key(match.group("head")):
        return None
    return _read(match, sentence, block, WEAK, False)


# Plain text only: "dense connective tissue called the cardiac skeleton", "ridges of muscle
# called the pectinate muscles", "a condition called ischemia": a noun without an article
# before it (a mass noun, or the last of "… of muscle"), then the naming verb; Markdown
# sets such a name in bold, which plain text lost
_BARE_NAMING = re.compile(
    r"\b(?P<noun>[a-z][\w'’\-]*[a-z])\s+(?:called|termed|known\s+as)\s+(?:the\s+|an?\s+)?"
    rf"(?!(?:{_STOP_WORDS})\b|[a-z]+ly\b)[\"“‘]?(?P<t>[a-z][\w'’\- ]{{1,60}})"
)


# Plain text only: "Adipose tissue consists mostly of fat storage cells", "Collagen fiber is
# made from …", "A primary union describes the healing of …": a sentence opening on a name
# of up to four words, no function word among them, says what the thing is made of or what
# the name stands for; Markdown sets the name in bold there. Not "The wall of the heart is
# composed of …" (a part of something named before), nor "The next section describes …"
_NAME_WORD = rf"(?!(?:{_STOP_WORDS}|next|following|previous|preceding|present)\b)[A-Za-z][\w'’\-]*"
_PLAIN_MAKEUP = re.compile(
    rf"^(?:(?:an?|the)\s+)?(?P<t>(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD})\s+"
    r"(?:(?:mostly|largely|mainly|primarily|chiefly)\s+)?"
    r"(?:consists?\s+(?:\w+ly\s+)?of|(?:is|are)\s+(?:\w+ly\s+|also\s+)?"
    r"(?:composed|made\s+up|made|formed)\s+(?:of|from)|describes?\s+(?:the|an?|how)\b)",
    re.I,
)

# Plain text only: "Deception involves purposely misleading …", "Elastic cartilage contains
# elastic fibers …": what a thing holds or involves says what it is only when the name is a
# technical one; "Symptoms include …", "The primary factors include …" name nothing
_PLAIN_HOLDS = re.compile(
    rf"^(?:(?:an?|the)\s+)?(?P<t>(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD})\s+"
    r"(?:involves?|includes?|contains?)\b",
    re.I,
)
MIN_HOLDS_TECHNICALITY = 0.3  # "interval" 0.29, "symptoms" 0.01; "deception" 0.34


def _plain_holds(sentence: str, block: int) -> Definition | None:
    """A weak definition of the technical name `_PLAIN_HOLDS` reads (`technicality`)."""
    match = _PLAIN_HOLDS.match(sentence)
    found = _read(match, sentence, block, WEAK, False) if match else None
    if found is None or technicality(found.term.lower()) < MIN_HOLDS_TECHNICALITY:
        return None
    return found


# Plain text only: "Bedsores, also called decubitus ulcers, are caused by …", "The larger
# anterior interventricular artery, also known as the left anterior descending artery, is
# …": the sentence's subject, given another name in passing, is what the rest describes
# (Markdown sets it in bold, and `_alias_of_emphasised` reads it there)
_ALIASED_SUBJECT = re.compile(
    rf"^(?:(?:an?|the)\s+)?(?P<t>(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}),\s+"
    rf"(?:(?:sometimes|often|commonly|now)\s+)?also\s+{ALIAS_VERBS}\s+[^,]{{1,60}},\s+"
    r"(?:is|are|was|were)\b",
    re.I,
)


def _aliased_subject(sentence: str, block: int) -> list[Definition]:
    """The subject `_ALIASED_SUBJECT` reads, weakly defined by the rest of its sentence."""
    match = _ALIASED_SUBJECT.match(sentence)
    found = _read(match, sentence, block, WEAK, False) if match else None
    return [found] if found is not None else []


# Plain text only: "… secure the general will—that is, the true good of …", "… upend the
# social relations of production—that is, social norms such as …": a name after an article,
# then a dash and "that is," restating it
_THAT_IS = re.compile(
    rf"\b(?:the|an?)\s+(?P<t>{_NAME_WORD}(?:\s+(?:of\s+)?{_NAME_WORD}){{0,3}})\s*[—–]\s*"
    r"that\s+is,\s",
    re.I,
)


def _bare_naming(sentence: str, block: int) -> Definition | None:
    """The name `_BARE_NAMING` reads, where the word before the naming verb is a noun
    ("Jefferson later called the plan …", "became known as" are no such noun)."""
    match = _BARE_NAMING.search(sentence)
    if match is None or match.group("noun") in EN_STOP or not _a_noun(match.group("noun")):
        return None
    if _after_an_article(sentence[: match.start("noun")]):
        return None  # "a very simple layout called …": the article patterns read it
    return _read(match, sentence, block, PLAIN_NAMED, False)


def _after_an_article(before: str) -> bool:
    """An article among the three words before the noun, since the last "of" or mark."""
    words = re.findall(r"[\w'’\-]+|[,;:()]", before)[-3:]
    cut = max((i for i, w in enumerate(words) if w in ("of", ",", ";", ":", "(", ")")), default=-1)
    return any(w.lower() in ("a", "an", "the") for w in words[cut + 1 :])


def _a_noun(word: str) -> bool:
    """lemminflect knows the word as a noun, and not as an adverb ("later", "popularly")."""
    lemmas = getAllLemmas(word)
    return "NOUN" in lemmas and "ADV" not in lemmas


def _plain_naming(sentence: str, block: int) -> Definition | None:
    """What a plain text's sentence names without the lost bold: a writer's name for a thing
    (`_WRITERS_NAME`, NAMED), or weakly a name after its description ("… is the myocardium,
    made …", `_INVERTED`), before a restating genus ("… is majority rule, or the idea that
    …", `_OR_GLOSS`) or after an article's noun phrase and ", or" (`_OR_ALIAS`)."""
    alias = _or_alias(sentence, block)
    if alias is not None and not _WRITERS_NAME.search(sentence):
        return alias
    bare = _bare_naming(sentence, block)
    if bare is not None:
        return bare
    for pattern, confidence in (
        (_WRITERS_NAME, NAMED),
        (_INVERTED, WEAK),
        (_OR_GLOSS, WEAK),
        (_PLAIN_MAKEUP, WEAK),
        (_THAT_IS, WEAK),
    ):
        match = pattern.search(sentence)
        found = _read(match, sentence, block, confidence, False) if match else None
        if found is not None:
            return found
    return _plain_holds(sentence, block)


def _in_parentheses(term: str, sentence: str) -> bool:
    """ "… grapheme clusters (the closest thing to what we would call *letters*)": an aside
    compares, it does not define. (Chinese parentheses hold glosses: not checked there.)"""
    before = sentence[: sentence.find(term)]
    return before.count("(") > before.count(")")


def _describes_other(sentence: str, chinese: bool) -> bool:
    """The sentence announces a definition to come, or describes a numbered artefact:
    its emphasis is not the term being defined there."""
    announces = _ZH_ANNOUNCES if chinese else _EN_ANNOUNCES
    return bool(announces.search(sentence) or _ARTEFACT.search(sentence))


_ZH_NOT_NOMINAL = {"v", "vd", "d", "r", "c", "p", "m", "q", "a", "ad", "u", "uj", "f", "t"}


# what follows a verb's infinitive and no noun: its object's article or a preposition
_AFTER_A_VERB = frozenset(
    {"a", "an", "the", "this", "that", "its", "their", "another", "against", "upon", "toward"}
)


def _stressed_action(term: str, sentence: str) -> bool:
    """ "… assigned to *play* against …": one word set in italics
    after "to", a verb's bare form, and before an article or a preposition, is a stressed
    action, not a term defined ("play" was a game theory chapter's concept); "converted to
    *glucose* in the liver" names a thing (no verb). So is a verb's bare form before its
    object's article ("statements *affect* a new value": a Python lesson's concept)."""
    if " " in term:
        return False
    verbs = getAllLemmas(term.lower()).get("VERB", ())
    if term.lower() not in verbs:
        return False
    match = re.search(rf"\bto\s+{re.escape(term)}\s+(\w+)", sentence)
    if match is not None:
        after = match.group(1).lower()
        return after in EN_PREPOSITIONS or after in _AFTER_A_VERB
    # "… internal statements *affect* a new value to it": a verb's bare form with its
    # object's article right after it, and no determiner before it (a noun has one: "the
    # *mean* a sample gives" is rare, "the *affect*" a psychology text's noun)
    acting = re.search(
        rf"(?:^|(?<!\bthe)(?<!\ban)(?<!\ba)(?<!\bits)(?<!\btheir))\s{re.escape(term)}\s+(?:a|an|the)\s",
        sentence,
    )
    return acting is not None


def _nominal(term: str, chinese: bool) -> bool:
    """A name, not a stressed verb or adverb ("*指向*", "*自动*", "*一部分*")."""
    if not chinese:
        return True
    tags = rjieba.tag(term.replace(" ", ""))
    # rjieba tags the one-character heads of compound names as verbs (哈希表, 线段树,
    # 最小生成树: 表/树 "v"); after another word such a character is the name's head noun.
    head_noun = len(tags) >= 2 and len(tags[-1][0]) == 1 and tags[-1][1] == "v"
    # a noun and the two-character verb done to it is the activity's name (资产配置 "asset
    # allocation", 证券选择, 内存管理), though rjieba tags its last word a verb
    done_to = (
        len(tags) == 2
        and tags[0][1].startswith("n")
        and len(tags[0][0]) >= 2
        and tags[1][1] == "v"
        and len(tags[1][0]) == 2
    )
    return (
        (head_noun or done_to or tags[-1][1] not in _ZH_NOT_NOMINAL)
        and tags[0][1] not in {"r", "c", "p", "m", "d", "q"}
        and not (len(tags) == 1 and tags[0][1] in _ZH_NOT_NOMINAL)
    )


# "**敏捷开发**是一种…", "**故事点**是估算…的单位": a stressed name of two words or more
# that opens its sentence as the subject of 是 is a noun phrase there, whatever rjieba tags
# its parts (敏捷 a + 开发 v, 故事 n + 点 m, 每日 r + 站会 v). Read by the tags alone
# (`_nominal`), such a name was a stressed adverb or verb, and a note's bold terms, each
# opening its own definition, were defined nowhere. Not a run of verbs ("**不能修改**是…"),
# nor one opened by a conjunction, a preposition or an adverb ("**非常重要**"), nor a
# phrase ending on 的 ("**最重要的**是…"), nor before 是否.
_ZH_COPULA_SUBJECT = (
    r"[\s*“\"「]*{0}[”\"」*]*\s*(?:（[^）]{{1,40}}）)?\s*(?:就|即|则)?是(?!否|不是)"
)


def _zh_copula_subject(term: str, sentence: str) -> bool:
    tags = rjieba.tag(term.replace(" ", ""))
    opens = re.match(_ZH_COPULA_SUBJECT.format(re.escape(term)), sentence)
    if opens is not None and len(tags) == 1 and _ZH_KIND_OF.match(sentence, opens.end()):
        # "**堆**是一种完全二叉树": one word rjieba reads as a verb (堆 "to pile", 栈),
        # said to be a kind of something, is the name of that kind
        return tags[0][1] not in {"c", "p", "d", "u", "uj", "r", "m"}
    return (
        len(tags) >= 2
        and tags[0][1] not in {"c", "p", "d", "u", "uj"}
        and tags[-1][1] not in {"u", "uj", "ul"}
        and any(tag != "v" for _, tag in tags)
        and opens is not None
    )


_ZH_KIND_OF = re.compile(r"\s*(?:一种|一类|一个|一门|一组|一套)")


_EN_CUES = (
    " is ", " are ", " was ", " were ", "call", "refer", "mean", "denot", "known", "term",
    "defin", "named", " describes ",
    " states ", " says ", " holds ", " asserts ", " predicts ", "—", "–", " those ",
    " when ", ": ",
)  # fmt: skip
_ZH_CUES = ("称", "指", "定义", "所谓", "叫", "是", "：", "谓", "曰")


# "means" after an article (and an adjective) is the noun, no verb of "X means …":
# "Eisenstein regarded montage as a dialectical means of creating meaning" defined
# "Eisenstein regarded montage"
# (an article inside the sentence: the name's own opens it, "A montage means …")
_NOUN_MEANS = re.compile(r"\s(?:an?|the|this|that|one|any)\s+(?:[\w'’\-]+\s+)?means$", re.I)


# inline maths holding a star: "$x^{*}$", "$a^*$"
_STARRED_MATHS = re.compile(r"\$[^$\n]{0,40}\*[^$\n]{0,40}\$")


def _zh_past_inline_maths(sentence: str, block: int) -> list[Definition]:
    """What a Chinese naming pattern finds once the sentence's inline maths and code stand
    as one separator each (`prose`): "…的差值$e$，称为近似值$x^{*}$的绝对误差" names 绝对误差,
    but the owner's starred symbol (an approximation's x*, an optimum's) held a "*", the
    bold mark a name stops at, and the name went undefined. The sentence is kept whole; a
    name that would hold the maths is none. Only then: a sentence with inline code keeps
    its code ("`find` 的返回值被定义为…" says what one function returns, no general term)."""
    if "`" in sentence or not _STARRED_MATHS.search(sentence):
        return []
    masked = prose(sentence)
    return [
        replace(d, sentence=sentence)
        for d in _by_pattern(masked, block, True)
        if PLACEHOLDER not in d.term
    ]


def _by_pattern(sentence: str, block: int, chinese: bool) -> Iterator[Definition]:
    lowered = sentence.lower()
    if not any(cue in lowered for cue in (_ZH_CUES if chinese else _EN_CUES)):
        return  # cheap test first: most sentences define nothing
    patterns = _ZH_PATTERNS if chinese else _EN_PATTERNS
    for pattern, confidence in patterns:
        if pattern is _THE_TERM and _EXAMPLE.search(sentence) and not _NAMING.search(sentence):
            continue
        if (
            pattern is _THE_TERM
            and _OPENING_THE_TERM.match(sentence)
            and (not _THE_TERM_SAYS.match(sentence) or _TERM_COMPOUND.match(sentence))
        ):
            continue
        found = [
            d
            for m in pattern.finditer(sentence)
            if not _NOUN_MEANS.search(m.group())
            and (d := _read(m, sentence, block, confidence, chinese))
            # "However, the term clonal selection is not a complete description …"
            and not _defines_nothing(d.term, sentence, chinese)
        ]
        if found:
            # the strongest pattern that matches wins; each of its names is defined ("… are
            # called input lifetimes, and … are called output lifetimes")
            yield from found
            return


# what may follow a defined name inside its sentence's subject: a synonym ("Infinite
# elasticity or perfect elasticity refers to …") or a prepositional modifier ("Gradient
# descent in one dimension is an excellent example …"); the name is the words before it
_NAME_THEN = EN_PREPOSITIONS | {"or"}


def _modifies_the_name(name: str, rest: str) -> bool:
    """What follows the name inside the subject is a synonym or a prepositional phrase:
    "… or perfect elasticity", "… in one dimension", "balance factor of a node"."""
    words = name.split()
    return rest.split()[0].lower() in _NAME_THEN or (bool(words) and words[-1].lower() == "of")


# the passive naming verbs an aside in brackets opens on ("(被称为边)", "（称为根）")
_NAMED_IN_PASSING = re.compile(r"(?:被称为|被称作|称为|称作|叫做|叫作)")


def _inside_brackets(sentence: str, at: int) -> bool:
    """`at` lies inside a bracket the sentence opened before it and has not closed."""
    before = sentence[:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _closes_an_aside(sentence: str, start: int, end: int) -> bool:
    """The dash after the name closes an aside a dash opened before it: "studies the sounds
    of speech, or—in the case of sign languages—the equivalent aspects of sign". What
    follows the second dash goes on with the main clause; it restates nothing the aside
    named (the aside's last noun was defined by the sentence about phonetics)."""
    after = sentence[end:].lstrip()
    if not after.startswith(("—", "–")):
        return False
    return len(ASIDE_DASH.findall(sentence[:start])) % 2 == 1


# a name's last word that is an element's symbol, and the ion it opens in the sentence
_SYMBOL_AT_END = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]?[0-9]?$")
_ION_AND_NAME = re.compile(rf"{ION}[\w'’\- ]{{0,40}}")


def _with_ion_charge(raw: str, sentence: str, end: int) -> str:
    """`raw`, the name a pattern read up to `end`, with the charge of the ion it stops on
    and the words after it: the patterns' names hold no "+", so "special ion channels
    called leak K+ channels" defined "leak K" (`textutil.ION`)."""
    symbol = _SYMBOL_AT_END.search(raw)
    if symbol is None:
        return raw
    found = _ION_AND_NAME.match(sentence, end - len(symbol.group(0)))
    return raw + sentence[end : found.end()] if found else raw


# a clause giving a reason or a concession, which no name holds
_REASON_CLAUSE = re.compile(r"\s+(?:because|since|although|though|whereas|unless)\b", re.I)
# the endings of an adjective that English also uses as a noun ("temporal", "potential")
_ADJECTIVE_ENDING = re.compile(r"(?:al|ive|ic|ous|ar)$")


def _describing(word: str) -> bool:
    """`word` is an adjective, no noun a demonstrative stands before: "spatial", "selective",
    or one English uses as a noun too but no verb, with an adjective's ending ("temporal");
    "this action", "this process", "this signal" name the thing. Read as a noun, the
    adjective of "we call this spatial summation" was cut from the name ("summation")."""
    lemmas = getAllLemmas(word.lower())
    if "ADJ" not in lemmas:
        return False
    return "NOUN" not in lemmas or (
        "VERB" not in lemmas and _ADJECTIVE_ENDING.search(word.lower()) is not None
    )


def _read(
    match: re.Match[str], sentence: str, block: int, confidence: float, chinese: bool
) -> Definition | None:
    """The definition one match of a pattern gives, if its name is acceptable."""
    pattern = match.re
    raw = match.group("t")
    if not chinese:
        raw = _with_ion_charge(raw, sentence, match.end("t"))
    if not chinese and _closes_an_aside(sentence, match.start("t"), match.end("t")):
        return None
    if (
        chinese
        and _inside_brackets(sentence, match.start())
        and _NAMED_IN_PASSING.match(match.group())
    ):
        # "有向图：由顶点的集合以及有序对(被称为边)的集合构成": a naming in brackets names a
        # part in passing; the sentence defines its subject (边 took 有向图's definition)
        return None
    cut = _EN_CUT.search(raw) if not chinese and pattern.pattern.startswith("^") else None
    if cut and not _modifies_the_name(raw[: cut.start()], cut.group(0)):
        # the subject before "is a …" holds a clause ("Economists believe there are a …",
        # "A tree where each node …"): no name is being defined
        return None
    if cut and cut.group(0).split()[0].lower() == "by":
        # "Proof by contradiction is a method …", "knowledge by acquaintance is …": a "by"
        # phrase after the noun names a kind of it (a method, a way of knowing), and the
        # sentence says what that kind is, not the bare noun ("knowledge" was defined as
        # "knowledge by acquaintance is a possible candidate for the foundation of beliefs")
        return None
    # the pattern's window may end inside a word: the name must stop before it ("… a
    # square matr" is no name; "a double free error and is one of the … we me" is cut
    # at "and is" below)
    cut_word = (
        raw.split()[-1]
        if not chinese and raw.split() and re.match(r"[A-Za-z0-9]", sentence[match.end("t") :])
        else None
    )
    if not chinese and (reason := _REASON_CLAUSE.search(raw)):
        # "We call this temporal summation because it adds up EPSPs from the same partner
        # …": the name ends before the clause giving the reason, wherever the window ends
        # (read on, its last article named "same par", cut off by the window, and no term)
        raw, cut_word = raw[: reason.start()], None
    quoted = sentence[match.start("t") - 1 : match.start("t")] in ('"', "“", "‘")
    later = (
        _LATER_QUOTED_NAME.search(sentence, match.start("t") + 1)
        if "d" in pattern.groupindex and not _DEFINE_FIRST.match(match.group(0))
        else None
    )
    if later:
        # "We call the Data bit - the “Model”", "we call the “making the next HTML” bit the
        # “View”": the thing first, in words or a quoted description a noun follows, then
        # its name in quotes; the name is the quoted one after its article
        raw, quoted = later.group("t"), True
    if quoted:
        pass  # a quoted name is the name, whole: "we call this a “three-way merge”"
    elif (
        "d" in pattern.groupindex
        and match.group("d")
        and not sentence[match.end("d") : match.start("t")].strip()
        and len(raw.split()) > 1
        and not _describing(raw.split()[0])
    ):
        # "we call this action borrowing": the name follows the noun ("we call this the law
        # of …": with an article after it, "this" stands alone and the name is all there;
        # "we call this spatial summation": an adjective after it opens the name)
        raw = raw.split(None, 1)[1]
    elif (
        "d" in pattern.groupindex
        and match.group("d")
        and _CALLS_CODE.match(match.group(0))
        and raw.strip().lower() in _CALLABLES
    ):
        # "when we call this function, …": a program's call of the function just shown,
        # no name given (it defined "function" in the unsafe Rust chapter); "we call this
        # function a closure" names what follows
        return None
    if "d" in pattern.groupindex and _REFER_TO_FIRST.match(match.group(0)) and _AS.search(raw):
        # "We refer to the number of rows and columns traversed per slide as stride": the
        # name is what comes after "as" (read as call's last noun, it was "number of rows")
        raw = _AS.split(raw)[-1]
        raw = raw[_name_article(raw) or 0 :]
    if (
        "d" in pattern.groupindex
        and not chinese
        and not quoted
        and not _DEFINE_FIRST.match(match.group(0))
        and _CLAUSE_THEN_NAME.search(raw)
        and re.match(r"\s*(?:[.,;:)]|$)", sentence[match.end("t") :])
    ):
        # "We call the libraries that your code needs dependencies", "we call the process
        # by which plants make food photosynthesis": a relative clause describes the thing,
        # and the name, bare, closes the sentence (its first noun was "the name")
        raw = raw.split()[-1]
    verb_ends_name = False
    if not chinese and not quoted:
        before = raw
        raw = _before_a_verb(raw)
        verb_ends_name = raw != before
    if "d" in pattern.groupindex and _DEFINE_FIRST.match(match.group(0)):
        # "We define the variance of a random variable as …": define names what comes
        # first (call, term and refer to name what comes last); a thing it belongs to
        # ("of a random variable") is no part of the name, "rate of change" stays whole
        raw = _BELONGS_TO.split(_AS.split(raw, maxsplit=1)[0], maxsplit=1)[0]
    elif "d" in pattern.groupindex and (opening := _name_article(raw)) is not None:
        # "we call a system with … an inconsistent system"
        raw = raw[opening:]
    if chinese:
        raw = _zh_first_alternative(raw)
        if "的" in raw and _ZH_ATTRIBUTIVE_NAMING.search(sentence[: match.start("t")]):
            # "一个叫做执行上下文堆栈的特殊数据结构": a thing of that name, the name before
            # 的 and its kind after it (read as "称为…的X", the kind was the name)
            raw = raw.split("的", 1)[0]
        elif "的" in raw and "`" in raw.rsplit("的", 1)[0]:
            # "`contains` 的签名被定义为获取一个字符串 slice": a property of the code named
            # before 的, that one function's signature, not what a signature is
            return None
    if pattern is _ZH_ENTRY_MEANS and _zh_names_nothing(raw):
        return None
    if pattern is _ZH_TERM_MEANS and _zh_no_name_means(raw):
        return None
    if pattern is _ZH_MODIFIED_MEANS and _zh_setting(raw):
        return None
    if pattern is _ZH_MODIFIED_MEANS and _ZH_AS_WHAT.search(raw):
        # "组过滤作为行过滤的推广，指的是…": the name comes before 作为 ("X, as the
        # generalisation of Y, means …"); the noun after 的 says what X is taken as (推广
        # was defined by the sentence on 组过滤)
        raw = _ZH_AS_WHAT.split(raw, maxsplit=1)[0]
        if not raw.strip():
            return None
    if chinese and raw.strip() in _ZH_HEDGES:
        return None  # "…，通常是指": the hedge after the comma is no name (`_ZH_HEDGES`)
    # "称…为 $n$ 重伯努利试验": the maths letter counting a Chinese name is part of it
    if chinese:
        term = with_maths_letter(_zh_term(raw), sentence)
    elif pattern is _THE_TERM and (named := _THE_TERM_MEANS.split(raw, maxsplit=1)[0]) != raw:
        # "the term states means governments at the subnational level": "means" is a noun
        # too ("a means"), so no verb ended the name; after "the term X" it is the verb
        term = _en_term(named)
    elif pattern is _THE_TERM and verb_ends_name and len(raw.split()) <= 4:
        # "The term backpropagation through time refers to …": the verb ends the name, so
        # a preposition inside it is the name's ("… through time"), no clause's start
        term = _en_term(raw, cut=_EN_CUT_CLAUSE)
    else:
        term = _en_term(raw)
    if not chinese and _an_example(term):
        return None
    if cut_word is not None and term.endswith(cut_word):
        return None
    # a name of several words the sentence gives outright ("is called the quantity
    # demanded") is set apart as emphasis sets a term apart: a participle may end it (a
    # lone gerund stays a verb here: "is called pushing onto the stack")
    # (a Chinese name the sentence gives outright is a name even where it ends on an
    # adjective: "…的径向距离称为齿顶高", no claim of height)
    named = confidence >= NAMED
    if term and acceptable(term, emphasised=named and " " in term, named=named and chinese):
        return Definition(term, sentence, block, confidence)
    return None


# a classifier, then the naming verb: "一个叫做", "一种称为", "某个名为" open a clause naming
# the thing the noun after 的 stands for
_ZH_ATTRIBUTIVE_NAMING = re.compile(
    r"(?:一个|一种|一类|一门|一套|一组|某个|某种)\s*(?:被)?(?:叫做|叫作|称为|称作|名为)\s*[“\"*「]*$"
)


def _zh_first_alternative(raw: str) -> str:
    """The first of two names a sentence gives with 或 between ("叫做权值或权值向量", "称为
    特征空间或输入空间"): each names the thing, and the two read as one name were none (a
    perceptron's 权值 went undefined). 或 inside a word stays (异或门, 或非门)."""
    words = rjieba.cut(raw)
    if "或" not in words[1:-1]:
        return raw
    return "".join(words[: words.index("或")])


# a name in quotes after its article, no noun after it ("the “View” or …", "the “Model”.");
# a quoted phrase a noun follows ("the “making the next HTML” bit") describes a thing
_LATER_QUOTED_NAME = re.compile(
    r"\b(?:the|an?)\s+[\"“‘](?P<t>[A-Za-z][\w'’\- ]{0,40}?)[\"”’](?!\s*(?!or\b|and\b)[A-Za-z])",
    re.I,
)


def _name_article(raw: str) -> int | None:
    """Where the name after "we call …" begins: after the last article that no preposition
    stands before. "We call this point the center of the circle" names the center: "of the
    circle" says whose; "… with the same number of rows … a square matrix" names the
    square matrix."""
    opening = last = None
    for article in re.finditer(r"(?:^|(\S+)\s)(?:an?|the)\s", raw, re.I):
        last = article.end()
        if article.group(1) is None or article.group(1).lower() not in EN_PREPOSITIONS:
            opening = article.end()
    # only articles after prepositions ("software objects of the tensor class"): the last,
    # as before
    return opening if opening is not None else last


# what a program calls: "we call this function" runs it
_CALLS_CODE = re.compile(r"\bwe\s+call\b", re.I)
_CALLABLES = frozenset(
    {"function", "method", "macro", "closure", "constructor", "procedure", "routine",
     "subroutine", "api", "endpoint", "command", "callback", "hook", "script", "program"}
)  # fmt: skip


# "we define X as …" (or a named body's "defines / describes X as …") with X named
# outright (not "this", "it", "them" or "as …" first)
_DEFINE_FIRST = re.compile(
    rf"(?:\bwe\s+define|{_AUTHORITY_DEFINES})\s+(?!(?:this|these|that|those|such|it|them|as)\b)",
    re.I,
)
_AS = re.compile(r"\s+as\s+", re.I)
_REFER_TO_FIRST = re.compile(r"\bwe\s+refer\s+to\b", re.I)
# a relative clause after the thing's noun, two words at least, then one word more
_CLAUSE_THEN_NAME = re.compile(
    r"^\S+(?:\s+\S+)?\s+(?:(?:by|in|of|for|to|with|through)\s+)?(?:that|which|who|whom|whose)"
    r"(?:\s+\S+){2,}\s+\S+\s*$",
    re.I,
)
_BELONGS_TO = re.compile(r"\s+of\s+(?:an?|the|this|these|its|their|each|every|any)\s", re.I)


# "A good home example of a grating is a compact disk", "A familiar illustration of torque is
# a wrench": the subject names an example of something, and the sentence gives one; it
# defines no "good home example" nor "familiar illustration of torque"
_EXAMPLE_HEADS = frozenset({"example", "examples", "illustration", "illustrations"})


def _an_example(term: str) -> bool:
    """The name's head, before any "of", is an example's ("good home example")."""
    head = re.split(r"\s+of\s+", term, maxsplit=1, flags=re.I)[0].split()
    return bool(head) and head[-1].lower() in _EXAMPLE_HEADS


def _before_a_verb(raw: str) -> str:
    """An unquoted name stops before a word that can only be a verb's third-person form:
    "When the term legislature comes up, …" names legislature ("comes" is no plural noun;
    "the term data structures" keeps "structures", the plural of a noun), or before a word
    that can only be a verb after a plural noun ("glands known as serous glands develop
    from …" names serous glands; "merge" after "three-way" stays a name's)."""
    words = raw.split()
    for at, word in enumerate(words[1:], 1):
        # after a noun, its subject ("legislature comes"); not a title's "Is" ("Resource
        # Acquisition Is Initialization") nor a clause's verb after "and", "it", "What";
        # a plural's verb has no "-s": "known as serous glands develop from …"
        if (third_person_verb(word) and _subject_noun(words[at - 1])) or (
            _plural_verb(word) and _plural_subject(words[at - 1])
        ):
            return " ".join(words[:at])
    return raw


def _plural_verb(word: str) -> bool:
    """A word English knows only as a verb ("develop", "secrete"; not "form", "line")."""
    lemmas = getAllLemmas(word) if word.islower() and word.isalpha() else {}
    return set(lemmas) == {"VERB"}


def _plural_subject(word: str) -> bool:
    """A plural noun ("glands"), which a verb's bare form may follow as its subject."""
    nouns = getAllLemmas(word).get("NOUN", ()) if word.islower() and word.endswith("s") else ()
    return any(n != word for n in nouns)


def states_a_clause(title: str) -> bool:
    """A title that is a sentence: a noun, then a word that can only be a verb's
    third-person form ("Nervous Tissue Mediates Perception and Response", "Form Follows
    Function"); not a name's "Is" or "Has" ("Resource Acquisition Is Initialization")."""
    words = [w.lower() for w in title.split()]
    return any(
        word not in _AUXILIARIES and third_person_verb(word) and _subject_noun(words[at - 1])
        for at, word in enumerate(words[1:], 1)
    )


_AUXILIARIES = frozenset({"is", "has", "does", "was"})


def _subject_noun(word: str) -> bool:
    return word.islower() and word not in EN_STOP and "NOUN" in getAllLemmas(word)


# "also known as Design By Contract": a small word capitalised between capitalised words is
# part of a name written in title case
_TITLE_CASE_NAME = re.compile(r"^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){2,4}(?=\s+[a-z]|$)")


# a word in single quotes inside a name: "called the 'Ctrl' key" named "Ctrl' key" (the
# quote opening the name was cut with its article, the closing one stayed)
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘]([A-Za-z][\w\-]*)['’](?!\w)")


def _en_term(raw: str, cut: re.Pattern[str] | None = None) -> str:
    raw = _SINGLE_QUOTED.sub(r"\1", raw.replace("*", "").replace("_", " ")).strip()
    title = _TITLE_CASE_NAME.match(raw)
    if title and title.group(0).split()[-1].lower() not in EN_STOP:
        return clean_title(title.group(0))
    # "called the parent node of these two nodes": the cut at "these" leaves "… of" hanging
    raw = (cut or _EN_CUT).sub("", raw)
    words = raw.split()
    if len(words) == 2 and words[1].lower() == "of" and words[0].lower() in EN_PREPOSITION_NOUNS:
        # "paid on the basis of other people's money—the interest …": the cut left a
        # complex preposition's noun, no name ("basis" was a concept, defined so)
        return ""
    raw = re.sub(r"\s+of$", "", raw, flags=re.I)
    words = raw.split()
    if len(words) > 2 and words[0].lower() in EN_GENERIC and words[1].lower() == "of":
        words = words[2:]  # "the idea of majority rule—the basic principle …" names the rule
    return clean_title(" ".join(words[:5])) if len(words) <= 6 else ""


def _zh_term(raw: str) -> str:
    raw = re.sub(r"[*“”\"「」`]", "", raw).strip()
    raw = re.sub(r"（[^）]*）", "", raw)
    if "的" in raw and not zh_kind_by_idiom(raw):
        raw = raw.rsplit("的", 1)[-1]
    raw = re.sub(r"^(?:这个|那个|这些|那些|这|那|此|该|一个|一种|我们|它|其)+", "", raw)
    # a conjunction opens the clause, not the name: "因为 `y` 被定义为与 `x` 相同类型"
    # (because y is defined as …) named "因为 y"
    raw = _ZH_OPENING_CONJUNCTION.sub("", raw)
    if _ZH_TEACHING_VERB.match(raw) and rjieba.cut(raw)[0] in _ZH_TEACHING_VERBS:
        raw = raw[2:]  # the verb a word of its own, not a word's start ("介绍性")
    return clean_title(raw)


def zh_kind_by_idiom(raw: str) -> bool:
    """ "疏忽大意的过失", "过于自信的过失": a set phrase of four characters (an idiom rjieba
    knows whole) and 的 before a short noun name one kind of the noun, and the textbook
    defines each kind so. Cut at 的 as a possessor is ("一组整数的最大公约数"), each kind was
    its genus alone (过失), two definitions for one name and neither kind a concept."""
    before, _, after = raw.rpartition("的")
    tagged = rjieba.tag(before)
    return (
        len(before) == 4
        and len(tagged) == 1
        and tagged[0][1] in ("i", "l")
        and 1 <= len(after) <= 4
        and all(has_han(c) for c in after)
    )


_ZH_OPENING_CONJUNCTION = re.compile(
    r"^(?:因为|由于|所以|因此|如果|假如|但是|然而|并且|而且|既然|即使|虽然|尽管|于是)\s*"
)
# a lesson design's teacher's column says what the teacher does to a term before giving
# it: "引出法线矩阵：…的转置矩阵", "讲解冯氏光照模型：…" name the term, not the act (a 教学
# 设计 had 引出法线矩阵 as a concept beside 法线矩阵); the name after the verb must be whole
# …and a lesson's objective says what the pupil is to know of it: "知道惯性是物体的一种属性"
# (know that inertia is a property of bodies) named 知道惯性 in a 说课稿's 教学目标
_ZH_TEACHING_VERBS = (
    *("引出", "讲解", "讲授", "介绍", "强调", "演示", "回顾", "复习"),
    *("知道", "了解", "理解", "掌握", "认识", "明确", "学会", "懂得"),
)
_ZH_TEACHING_VERB = re.compile(rf"^(?:{'|'.join(_ZH_TEACHING_VERBS)})(?=[\u3400-\u9fff]{{2}})")


# an English meaning cell this short explains nothing ("Yes", "see above"); a worksheet's
# filled-in row does ("The highest point of a wave.")
MIN_MEANING_WORDS = 3


def table_entries(block: Block, index: int) -> list[Definition]:
    """The entries of a glossary table: a column of names and, after it, a column of what
    each means (`structure.glossary_columns`); each row's name is defined by its meaning as
    a glossary's entry is (`GLOSSARY`), the rows left blank for a pupil to fill skipped. The
    sentence is written "name：gloss", as the entry would be in a definition list, an English
    cell's first capital the cell's ("Humus" is humus: `structure.cell_case`). Tables come from the
    readers as rows of " | "-joined cells."""
    if block.kind != "table":
        return []
    rows = [row.split(" | ") for row in block.text.split("\n")]
    columns = glossary_columns([clean_title(cell) for cell in rows[0]])
    if columns is None:
        return []
    name, meaning = columns
    found = []
    for row in rows[1:]:
        if len(row) <= meaning:
            continue
        term = emphasis_name(row[name].strip(" *_`"))
        gloss = row[meaning].strip()
        if not term or not _WORD.search(gloss) or not acceptable(term, heading=True):
            continue
        if has_han(gloss) and len(_HAN.findall(gloss)) < MIN_ZH_ENTRY_CHARS:
            continue  # "| 见上", "| 同前": a pointer elsewhere, no meaning given
        if has_han(term + gloss):
            found.append(Definition(term, f"{term}：{gloss}", index, GLOSSARY))
        elif len(gloss.split()) >= MIN_MEANING_WORDS:
            term = cell_case(term)
            found.append(
                Definition(term, f"{term[:1].upper()}{term[1:]}: {gloss}", index, GLOSSARY)
            )
    return found


# a glossary table a PDF lost its ruling of: each row is a line "name gloss", the cells
# set apart by the layout's space alone ("滑坡 斜坡上…的现象" under 名词解释). Chinese
# prose puts no space between words, so a space after a short name opening the line is
# the column's edge.
# a longer gloss than a colon's entry asks (`MIN_ZH_ENTRY_CHARS`): with no colon, a name the
# cell broke over two lines ("资源环境 / 承载能力") reads as a short name and a short gloss
MIN_ZH_SPACED_GLOSS = 6
_ZH_SPACED_ENTRY = re.compile(r"^(?P<t>[\u3400-\u9fff]{2,10})[ \t\u3000]+(?P<rest>\S.*)$", re.S)


def zh_spaced_entry(block: Block, index: int) -> Definition | None:
    """A paragraph under a glossary heading that is one row of a flattened two-column
    table: a Chinese name, a space, and the gloss (`_ZH_SPACED_ENTRY`). The caller knows
    the heading; the entry is as strong as a glossary's (`GLOSSARY`)."""
    if block.kind != "paragraph":
        return None
    match = _ZH_SPACED_ENTRY.match(block.text.strip())
    if match is None or len(_HAN.findall(match.group("rest"))) < MIN_ZH_SPACED_GLOSS:
        return None
    term, rest = match.group("t"), match.group("rest")
    if _zh_remark(term, rest) or not acceptable(term, heading=True):
        return None
    return Definition(term, f"{term}：{rest}", index, GLOSSARY)
