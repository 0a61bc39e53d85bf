"""The layout of exercises, worksheets and exam papers: a multiple-choice question's options.

A question's options restate the stem's words, each changing one detail ("A．计数甲地内
蒲公英的总数…", "B．计数所有样方内蒲公英总数…"), or list the names among which the
question asks for one: then each name is a cue of its own kind, "option"
(`concepts._cues`), as a bold term is ("A. absolute threshold B. difference threshold
C. transduction"; "A．戊烷 B．戊醇"); options that are statements or quantities offer none.
A short-answer question names the topic it asks about in a stem of its own ("简述X",
"谈谈你对X的看法", "何为X？"): that name is a cue of the kind "asked".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import rjieba
from lemminflect import getAllLemmas

from jobs.pipeline.clauses import zh_clause
from jobs.pipeline.lexicon import EN_DETERMINERS, EN_GENERIC, EN_STOP
from jobs.pipeline.model import Block
from jobs.pipeline.structure import bare_modifier, gerund

# an option's label: a capital letter and a full stop, an ideographic comma or a closing
# bracket ("A.", "B．", "C、", "D)"), at the start of a line or after the text of the option
# before it (Markdown joins a question's option lines into one paragraph)
OPTION_LABEL = re.compile(
    r"(?:^|(?<=[\s\u3000-\u9fff\uff00-\uffef.;；,，)）]))([A-H])\s*[.．、)）](?!\d)"
)
MIN_OPTIONS = 2  # "A．… B．…": at least two labels in their order
# a word processor's lettered list labels its options in small letters, one a block ("a.
# service mark", "b) trade dress"); only a block's opening label counts (a small letter
# and a full stop inside prose are an initial or a sub-part as often)
_SMALL_LABEL = re.compile(r"^\s*([a-h])\s*[.)](?!\d)\s+(?=\S)")


# a small letter labelling an option in a line of them or after a question's stem, at the
# start or after a space: "a) amplitude b) frequency", "… is called a) evaporation b) …"
_SMALL_INLINE = re.compile(r"(?:^|(?<=\s))([a-h])[.)]\s+(?=\S)")


def small_options(text: str) -> tuple[str, list[str]] | None:
    """The stem and the options a text lists after it in small letters, "a) evaporation
    b) condensation" (the stem empty in a line of options alone): two or more, in order
    from a; else None."""
    labels = list(_SMALL_INLINE.finditer(text))
    letters = [m.group(1) for m in labels]
    if len(labels) < MIN_OPTIONS or not in_order([letter.upper() for letter in letters]):
        return None
    ends = [m.start() for m in labels[1:]] + [len(text)]
    options = [text[m.end() : end].strip(OPTION_END) for m, end in zip(labels, ends, strict=True)]
    return text[: labels[0].start()], options


def _labels(text: str) -> list[str]:
    labels = [m.group(1) for m in OPTION_LABEL.finditer(text)]
    if labels:
        return labels
    # a line of options in small letters, as a word processor's paragraph under the stem
    # holds them ("a) amplitude   b) frequency   c) wavelength")
    inline = small_options(text)
    if inline is not None and not inline[0].strip():
        return [chr(ord("A") + n) for n in range(len(inline[1]))]
    small = _SMALL_LABEL.match(text)
    return [small.group(1).upper()] if small else []


def in_order(labels: list[str]) -> bool:
    """The labels run A, B, C, … without a gap, from A."""
    return bool(labels) and labels == [chr(ord("A") + n) for n in range(len(labels))]


def option_runs(blocks: Sequence[Block]) -> dict[int, int]:
    """The blocks that hold a question's options, each mapped to the first block of its
    question's options: one block that lists them all ("A．… B．… C．… D．…"), or a run
    of consecutive blocks each opening on the next label ("A. …", "B. …", one a line as a
    word processor's paragraphs give them; "A．… B．…" over "C．… D．…", two a line)."""
    runs: dict[int, int] = {}
    start, expected = -1, "A"
    for i, block in enumerate(blocks):
        labels = _labels(block.text)
        opens = bool(labels) and (
            OPTION_LABEL.match(block.text.lstrip()) is not None or _SMALL_LABEL.match(block.text)
        )
        if opens and labels[0] == "A" and len(labels) >= MIN_OPTIONS and in_order(labels):
            # the options in one block, or the first line of two ("A．… B．…" over "C．… D．…")
            runs[i] = i
            start, expected = i, chr(ord(labels[-1]) + 1)
        elif opens and labels[0] == expected and (expected == "A" or start >= 0):
            if expected == "A":
                start = i
            runs[i] = start
            expected = chr(ord(labels[-1]) + 1)
        else:
            start, expected = -1, "A"
    # a lone "A. …" block no other option follows is an item of a list, no option
    size = Counter(runs.values())
    return {i: s for i, s in runs.items() if size[s] > 1 or _many(blocks[i].text)}


# a question's stem: it asks ("Which statement … is most accurate?") or leaves a blank for
# the answer ("… is known as ________.")
_STEM_END = re.compile(r"(?:\?|_{3,}[.\s]*)$")
# an item's letter before its text: "b) ", "(c) ", "D. "
_ITEM_MARK = re.compile(r"^\s*\(?([A-Za-z])[.)]\s+(?=\S)")


def choices(blocks: Sequence[Block]) -> set[int]:
    """The blocks holding a multiple-choice question's choices: its options as labelled
    "A. … B. …" (`option_runs`), or the lettered items after a stem that asks or leaves
    a blank, counting from the first ("a."/"A.") on by one until the count breaks (the
    next question's "2." after "d."). A choice is a statement the pupil weighs, often
    false ("The majority of federal grants are block grants." offered under "Which
    statement … is most accurate?"): it defines nothing. Numbered items after a question
    are its answer's steps or parts as often, no choices."""
    found = set(option_runs(blocks)) | {i for i, b in enumerate(blocks) if _stem_with_options(b)}
    expected: str | None = None  # the mark the next choice would carry
    for index, block in enumerate(blocks):
        mark = _ITEM_MARK.match(block.text)
        label = mark.group(1) if mark else ""
        if expected is not None and label == expected:
            found.add(index)
            expected = chr(ord(label) + 1)
            continue
        expected = None
        if _STEM_END.search(block.text.rstrip()) and index + 1 < len(blocks):
            after = _ITEM_MARK.match(blocks[index + 1].text)
            # "What are the stages of mitosis?" over "1. Prophase: …": no choices
            if after and after.group(1) in ("a", "A"):
                expected = after.group(1)
    return found


# after a stem in the same block, three labels: "Plan A. … plan B." in prose is no question
MIN_JOINED_OPTIONS = 3


def _stem_with_options(block: Block) -> bool:
    """A question's stem and its options in one block, as Markdown joins a numbered
    question's lines: "A food web is A. a single path … B. many overlapping food chains …"
    read as a definition of food web, the stem and every option in it. (Its options are
    left out of `option_runs`: the names they offer are a quiz's instances as often as its
    terms, "Rabbit", "Grass", and the stem is no statement to read them by.)"""
    labels = list(OPTION_LABEL.finditer(block.text))
    return (
        len(labels) >= MIN_JOINED_OPTIONS
        and labels[0].start() > 0
        and bool(block.text[: labels[0].start()].strip())
        and in_order([m.group(1) for m in labels])
    )


def _many(text: str) -> bool:
    return len(_labels(text)) >= MIN_OPTIONS


# a name offered as an option: a few words of letters (no figures, no sentence) or a short
# run of Chinese; "all of the above", "both a and b", "red to orange to yellow" hold a
# function word and name nothing
_EN_OPTION = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*){0,3}")
_ZH_OPTION = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]{0,9}")
# "乙烯和乙醇", "蛋白质与核酸": an option pairing two names names each
_ZH_AND = re.compile(r"[和与及、]")
_ZH_NOUN_TAGS = ("n", "vn", "l", "j", "eng")
OPTION_END = " \t\n\u3000;；,，"
_EN_ARTICLE = re.compile(r"^(?:an?|the) (?=\S)", re.I)


def option_texts(text: str) -> list[str]:
    """The options a block lists, without their labels ("A. absolute threshold B. …")."""
    found = list(OPTION_LABEL.finditer(text))
    inline = small_options(text) if not found else None
    if inline is not None and not inline[0].strip():
        return inline[1]
    small = _SMALL_LABEL.match(text)
    if not found and small:
        return [text[small.end() :].strip(OPTION_END)]
    return [
        text[m.end() : found[n + 1].start() if n + 1 < len(found) else len(text)].strip(OPTION_END)
        for n, m in enumerate(found)
    ]


def option_names(texts: Sequence[str], chinese: bool) -> list[str]:
    """The names a question offers as its options ("absolute threshold", "transduction";
    戊烷, 戊醇): each option that is a short name and no statement, when most of the
    question's options are (a question whose options are statements or quantities
    offers no names; one that qualifies, "sour" beside "umami", is neither)."""
    names = [_names(t, chinese) for t in texts]
    values = sum(not chinese and _a_value(t) for t in texts)  # "sweet", "sour": no statements
    if 2 * sum(bool(n) for n in names) <= len(texts) - values:
        return []
    return [name for found in names for name in found]


def _names(option: str, chinese: bool) -> list[str]:
    if chinese:
        parts = _ZH_AND.split(option)
        if all(_ZH_OPTION.fullmatch(p) and _zh_noun(p) for p in parts):
            return parts
        return []
    if option.endswith(".") or not _EN_OPTION.fullmatch(option):
        return []  # "Mitochondria make ATP.": a statement
    # "a generic term", "an arbitrary mark", "the nucleus": the article sets the option
    # in the stem's sentence ("… is never registrable?"), the name is what follows it
    option = _EN_ARTICLE.sub("", option)
    words = option.lower().split()
    if any(w in EN_STOP or w in EN_DETERMINERS for w in words) or _a_value(option):
        return []  # "all of the above", "both a and b"; "sour", "low-frequency": no names
    return [option]


def _a_value(option: str) -> bool:
    """One word that qualifies rather than names: an adjective ("sweet", "sour"), a
    compound opening on one ("low-frequency", "high-amplitude") or a verb's -ing form
    ("accommodating"): the values a question asks to choose among, no concepts."""
    if " " in option:
        return False
    first = option.lower().split("-")[0]
    return bare_modifier(option) or "ADJ" in getAllLemmas(first) or gerund(option)


def _zh_noun(text: str) -> bool:
    """Nouns only, as rjieba tags them: 戊烷, 乙酸乙酯; not 大力发展实体经济 (a verb)."""
    return not zh_clause(text) and all(pos.startswith(_ZH_NOUN_TAGS) for _, pos in rjieba.tag(text))


# A Chinese short-answer or essay question (简答题, 论述题) asks about its topic in one of a
# few stems, the question's whole text after its number: "简述X的…", "论述X", "谈谈你对X的
# 看法", "何为X？", "什么是X？", "如何用X分析…". A review set of such questions names each
# topic once, and a bank-management review's 资产证券化 and 杜邦分析法 were no concepts.
# (Plain 说明 and 解释 stay out: they open prose as often as questions.)
_ZH_QUESTION_NUMBER = re.compile(
    r"^\s*(?:[(（]?\d{1,2}[)）.．、，]?|[一二三四五六七八九十]+[、．.]"
    # …or a study guide's question label: "问：什么是扩散？", "Q1：…"
    r"|(?:问(?:题)?|Q\d*)\s*[:：])\s*"
)
_ZH_ASKED = re.compile(
    r"^(?:(?:简述|试述|论述|阐述|概述|试论|简析|试析|简要(?:说明|描述|分析|论述))(?P<a>[^，。；？?]+?)"
    # "简述X及其Y" asks about X and its aspect Y (其: "its"), not about a second topic
    r"(?:及其[^，。；？?]{1,8}|的[^，。；？?]{1,12})?"
    r"|谈谈你?对(?P<b>[^，。；？?]+?)的(?:看法|认识|理解)"
    r"|(?:何为|什么是)(?P<c>[^，。；？?]+?)"
    # "X的主要观点是什么？", "X的特征有哪些？": asked for one side of X, X the topic
    r"|(?P<e>[^，。；？?的]+?)的(?:主要|基本|核心)?(?:观点|内容|含义|内涵|特点|特征|作用|意义)"
    r"(?:是什么|有哪些)"
    r"|如何(?:用|运用|利用)(?P<d>[^，。；？?]+)(?:分析|计算|评价|衡量|解释)[^，。；？?]*"
    # a note in brackets ("（列出式子即可）"), and a second question after the first
    r")(?:[(（][^()（）]*[)）])?(?:[。？?].*)?$"
)


def asked_topics(text: str) -> list[str]:
    """The names a short-answer question asks about, when its whole text is such a stem
    ("4．谈谈你对资产证券化的看法" asks about 资产证券化); each of a pair joined by 和, 与
    or 及 on its own ("金融抑制和金融深化"); none when the part asked about is no run of
    nouns (a clause, a figure)."""
    english = _EN_ASKED.match(text)
    if english:
        topic = english.group("t").strip()
        words = topic.lower().split()
        # "What is your answer?", "What is this called?": no name asked for; nor in a
        # reading question about the text, "What is the theme of the story?", "What is the
        # author's purpose?", "What is the main idea?" (a generic head)
        named = (
            len(words) <= MAX_EN_ASKED_WORDS
            and not {words[0], words[-1]} & EN_STOP
            and not set(words) & EN_DETERMINERS
            and not re.search(r"['’]s\b", topic)
            and words[-1] not in EN_GENERIC
        )
        return [topic] if named else []
    asked = _ZH_ASKED.match(_ZH_QUESTION_NUMBER.sub("", text.strip(), count=1))
    if asked is None:
        return []
    topic = next(t for t in asked.groups() if t is not None)
    parts = _ZH_AND.split(topic)
    if all(_ZH_OPTION.fullmatch(p) and len(p) >= 2 and _zh_noun(p) for p in parts):
        return parts
    if asked.group("c") and len(rjieba.cut(topic)) == 1 and _ZH_OPTION.fullmatch(topic):
        # "什么是扩散？": a word rjieba knows as a verb (扩散, 渗透) asked for as a thing
        return [topic]
    return []


# A study guide's labelled question in English: "Q: What is osmosis?", "Question 3: What
# are enzymes?" (unlabelled, a question in prose may only lead in to its paragraph)
_EN_ASKED = re.compile(
    r"^\s*(?:Q\d*|Question\s*\d*)\s*[:.]\s*[*_]*What\s+(?:is|are)\s+"
    # "What is meant by (the term) X?" asks what X is, as "What is X?" does
    r"(?:meant\s+by\s+(?:the\s+(?:term|word)\s+)?)?(?:an?\s+|the\s+)?"
    r"(?P<t>[A-Za-z][A-Za-z'’\- ]{1,50}?)\s*\?",
    re.I,
)
MAX_EN_ASKED_WORDS = 4
