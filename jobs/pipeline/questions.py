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
from dataclasses import replace

import rjieba
from lemminflect import getAllLemmas

from jobs.pipeline.clauses import zh_clause
from jobs.pipeline.lexicon import (
    ANSWER_KEY_LABEL,
    EN_DETERMINERS,
    EN_GENERIC,
    EN_STOP,
    ZH_WHAT_IS,
)
from jobs.pipeline.model import Block
from jobs.pipeline.structure import bare_modifier, gerund
from jobs.pipeline.textutil import HAN, WRITE_IN

# an option's label: a capital letter and a full stop, an ideographic comma or a closing
# bracket ("A.", "B．", "C、", "D)"), at the start of a line or after the text of the option
# before it (Markdown joins a question's option lines into one paragraph)
_LABEL = re.compile(
    r"(?:^|(?<=[\s\u3000-\u9fff\uff00-\uffef.;；,，)）]))([A-H])\s*[.．、)）](?!\d)"
)
MIN_OPTIONS = 2  # "A．… B．…": at least two labels in their order
# a word processor's lettered list labels its options in small letters, one a block ("a.
# service mark", "b) trade dress"); only a block's opening label counts (a small letter
# and a full stop inside prose are an initial or a sub-part as often)
_SMALL_LABEL = re.compile(r"^\s*([a-h])\s*[.)](?!\d)\s+(?=\S)")


def _labels(text: str) -> list[str]:
    labels = [m.group(1) for m in _LABEL.finditer(text)]
    small = _SMALL_LABEL.match(text)
    return labels or ([small.group(1).upper()] if small else [])


def _in_order(labels: list[str]) -> bool:
    """The labels run A, B, C, … without a gap, from A."""
    return bool(labels) and labels == [chr(ord("A") + n) for n in range(len(labels))]


def option_runs(blocks: Sequence[Block]) -> dict[int, int]:
    """The blocks that hold a question's options, each mapped to the first block of its
    question's options: one block that lists them all ("A．… B．… C．… D．…"), or a run
    of consecutive blocks each opening on the next label ("A. …", "B. …", one a line as a
    word processor's paragraphs give them)."""
    runs: dict[int, int] = {}
    start, expected = -1, "A"
    for i, block in enumerate(blocks):
        labels = _labels(block.text)
        opens = bool(labels) and (
            _LABEL.match(block.text.lstrip()) is not None or _SMALL_LABEL.match(block.text)
        )
        if opens and labels[0] == "A" and len(labels) >= MIN_OPTIONS and _in_order(labels):
            runs[i] = i  # the options in one block
            start, expected = -1, "A"
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
    labels = list(_LABEL.finditer(block.text))
    return (
        len(labels) >= MIN_JOINED_OPTIONS
        and labels[0].start() > 0
        and bool(block.text[: labels[0].start()].strip())
        and _in_order([m.group(1) for m in labels])
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
_OPTION_END = " \t\n\u3000;；,，"
_EN_ARTICLE = re.compile(r"^(?:an?|the) (?=\S)", re.I)


def option_texts(text: str) -> list[str]:
    """The options a block lists, without their labels ("A. absolute threshold B. …")."""
    found = list(_LABEL.finditer(text))
    small = _SMALL_LABEL.match(text)
    if not found and small:
        return [text[small.end() :].strip(_OPTION_END)]
    return [
        text[m.end() : found[n + 1].start() if n + 1 < len(found) else len(text)].strip(_OPTION_END)
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
    r"^\s*(?:Q\d*|Question\s*\d*)\s*[:.]\s*[*_]*What\s+(?:is|are)\s+(?:an?\s+|the\s+)?"
    r"(?P<t>[A-Za-z][A-Za-z'’\- ]{1,50}?)\s*\?",
    re.I,
)
MAX_EN_ASKED_WORDS = 4


# the mark after a question's or an answer's number: "4．", "12.", "3、", "5)", "6:"
_MARK = r"[.．、)）:：]"
# a typed question number opening a block, or a list's shown number typed in for reading
# (`_number_typed`): an answer key names its questions by them. A worksheet may label it
# ("Q3.", "Question 3:", "第3题：")
_NUMBER = re.compile(
    rf"^\s*(?:(?:Q|Question|Problem)\s*|第\s*)?(\d{{1,3}})(?:\s*题)?\s*{_MARK}(?!\d)\s*"
)
# a later question's number inside the same block, after a space ("… the cell. 2. The …")
_INLINE_NUMBER = re.compile(rf"(?<=\s)(\d{{1,3}})\s*{_MARK}(?!\d)\s*")
# each numbered answer in a key's line, up to the next number set apart by a space; the
# first may follow the part's numeral ("二、9. 生产者　10. 气孔")
_KEY_ITEM = re.compile(
    rf"(?:^|(?<=[\s\u3000、：:]))(\d{{1,3}})\s*{_MARK}(?!\d)\s*(.+?)"
    rf"(?=[\s\u3000]+\d{{1,3}}\s*{_MARK}(?!\d)|\s*$)"
)
# a key's letter after its number and a dash, "1-c, 2-a, 3-b", as English worksheets write
_DASHED_LETTER = re.compile(r"(?:^|(?<=[\s,;，；]))(\d{1,3})\s*[-–]\s*([A-Ha-h])(?![\w-])")
# what may follow an answer before the next: "1. c, 2. a"
_ANSWER_END = " ,;，；"
# a key's run of letters over a range of questions, "1-5 BCADB", "6～10：CDABA", as Chinese
# and English papers answer their multiple choice
_LETTER_RUN = re.compile(
    r"(?:^|(?<=[\s\u3000、：:]))(\d{1,3})\s*[-–—~～至]\s*(\d{1,3})\s*[:：.．]?\s*([A-H]{2,})(?![A-Za-z])"
)


def _key_items(text: str) -> list[tuple[str, str]]:
    """A key line's numbered answers, (number, answer), a run of letters over a range
    (`_LETTER_RUN`) read as one answer a number when the counts agree, and a letter after
    a dash (`_DASHED_LETTER`) as after a full stop."""

    def spread(run: re.Match[str]) -> str:
        first, last, letters = int(run[1]), int(run[2]), run[3]
        if last - first + 1 != len(letters):
            return " "  # answers none, nor runs on into the answer before it
        return " ".join(f"{first + i}. {letter}" for i, letter in enumerate(letters))

    text = _DASHED_LETTER.sub(r"\1. \2", _LETTER_RUN.sub(spread, text))
    return [(number, answer.rstrip(_ANSWER_END)) for number, answer in _KEY_ITEM.findall(text)]


# the fewest numbered answers that make a line the key's, whatever its reader took it for
MIN_KEY_ITEMS = 2
# one answer per blank, in order, set apart by semicolons ("化学方程式；客观事实；质量守恒定律")
_ANSWER_SEPARATOR = re.compile(r"\s*[；;]\s*")
# …or as a list is ("二氧化碳、水", "二氧化碳，水", "carbon dioxide, water"), read so only when
# the count matches the blanks (an answer may hold a comma)
_LIST_SEPARATOR = re.compile(r"\s*[、，,]\s*|\s{2,}|\u3000+")


# A teacher's copy of a fill-in sheet (教师版) writes each answer in the brackets the
# pupil's copy leaves empty: "……的性质叫做（惯性）". After a naming verb the brackets hold the
# name itself, which the definition rules read as an aside (惯性 was no concept at all).
_ZH_NAMED_IN_BRACKETS = re.compile(
    r"(叫做|叫作|称为|称作|称之为)\s*（\s*([\u4e00-\u9fff]{2,12})\s*）"
)


def _questions_in(text: str) -> list[tuple[int, int, int]]:
    """The numbered questions a block holds, each its number and where its text begins
    and ends: the block's own opening number, and any later ones in order after a space."""
    opening = _NUMBER.match(text)
    if opening is None:
        return []
    marks = [(int(opening.group(1)), 0)]
    for m in _INLINE_NUMBER.finditer(text, opening.end()):
        if int(m.group(1)) == marks[-1][0] + 1:
            marks.append((int(m.group(1)), m.start()))
    ends = [start for _, start in marks[1:]] + [len(text)]
    return [(n, start, end) for (n, start), end in zip(marks, ends, strict=True)]


def blanks_filled_by_key(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with each fill-in question's blanks filled from the document's answer key:
    "用化学式来表示化学反应的式子，叫做________。" and the key's "5．化学方程式" read as the
    statement the pupil completes ("…的式子，叫做化学方程式。"). Read with its blank, the
    sentence defined nothing, and "参加化学反应的各物质的________总和，…这个规律叫做质量守恒
    定律" lost its subject. A question is filled only when its number is met once before the
    key and the key gives as many answers as it has blanks (a key's letters answer choices,
    no blanks). A list item's shown number (`Block.number`: Word's automatic numbering, a
    Markdown ordered list) counts as typed."""
    typed = [_number_typed(b) for b in blocks]
    filled, spent = _filled_by_key(typed)
    return [
        b if after == shown else after if shown is b else _number_untyped(after)
        for i, (b, shown, after) in enumerate(zip(blocks, typed, filled, strict=True))
        if i not in spent
    ]


def _number_typed(block: Block) -> Block:
    """The list item with its shown number typed before its text ("3. …")."""
    if not block.number or _NUMBER.match(block.text):
        return block
    return replace(block, text=f"{block.number}. {block.text}")


def _number_untyped(block: Block) -> Block:
    """A block `_number_typed` typed, filled, without the number typed for reading."""
    return replace(block, text=_NUMBER.sub("", block.text, count=1))


def _filled_by_key(blocks: Sequence[Block]) -> tuple[list[Block], set[int]]:
    """The blocks filled, and the blocks read into them that go: a matching exercise's
    descriptions when every one of them went to its name, a key's block whose every
    answer went to its question. Read again there, their phrases counted twice (a
    cell-transport sheet's "area of high concentration" was a concept)."""
    blocks = [
        replace(b, text=_ZH_NAMED_IN_BRACKETS.sub(r"\1\2", b.text))
        if "（" in b.text and b.kind in ("paragraph", "list_item")
        else b
        for b in blocks
    ]
    blocks = _inline_answers_filled(blocks)
    start = next((i for i, b in enumerate(blocks) if _opens_key(b.text)), None)
    if start is None:
        return list(blocks), set()
    key_level = blocks[start].level if blocks[start].kind == "heading" else 0
    answers: dict[int, str] = {}
    holders: dict[int, set[int]] = {}  # a key's block → the numbers it answers
    for i in range(start, len(blocks)):
        block = blocks[i]
        if (
            i > start
            and block.kind == "heading"
            and (not key_level or block.level <= key_level)
            # a plain text's reader takes a short line of answers for a heading ("1.
            # controls 2. lipid; bilayer" under "Answer Key", or "1.DNA" right under
            # "参考答案"); a heading names one thing
            and len(_key_items(block.text)) < (1 if i == start + 1 else MIN_KEY_ITEMS)
        ):
            break
        text = ANSWER_KEY_LABEL.sub("", block.text) if i == start else block.text
        for label, reply in _key_items(text.strip()):
            answers.setdefault(int(label), reply.strip())
            holders.setdefault(i, set()).add(int(label))
    # each question's place: its block and where its text runs in it (a plain text's
    # reader joins a sheet's numbered lines into one paragraph, "1. … 2. … 3. …")
    numbered: dict[int, list[tuple[int, int, int]]] = {}
    for i, block in enumerate(blocks[:start]):
        if block.kind not in ("paragraph", "list_item"):
            continue
        for number, begin, end in _questions_in(block.text):
            numbered.setdefault(number, []).append((i, begin, end))
    # each run of option blocks by the block it starts at, the one after its question's
    options: dict[int, list[str]] = {}
    for i, first in sorted(option_runs(blocks).items()):
        options.setdefault(first, []).append(blocks[i].text)
    descriptions, listed_in = _lettered_descriptions(blocks[:start])
    given: set[str] = set()
    written: set[int] = set()  # the questions a key's written answer now follows
    filled = list(blocks)
    for number, places in sorted(numbered.items(), key=lambda item: -item[1][0][1]):
        answer = answers.get(number)
        if answer is None or len(places) != 1:
            continue
        index, begin, end = places[0]
        text = filled[index].text
        matched = _matched(text[begin:end], answer, descriptions)
        if matched is not None and begin == 0 and end == len(text):
            name, description = matched
            given.add(description)
            filled[index] = replace(
                filled[index],
                text=f"{name}: {description}",
                emphasis=(name, *filled[index].emphasis),
            )
            continue
        following = options.get(index + 1, [])
        question = _chosen(text[begin:end], answer, following) or _filled(text[begin:end], answer)
        if question is None and (question := _answered(text[begin:end], answer)) is not None:
            written.add(number)
        if question is not None:
            filled[index] = replace(
                filled[index], text=(text[:begin] + question + text[end:]).rstrip()
            )
    spent = listed_in if given and given == set(descriptions.values()) else set()
    # a key's block whose every answer now follows its question: read again there, its
    # phrases counted twice ("diffusion of water" was a concept of a review sheet)
    spent |= {i for i, numbers in holders.items() if i != start and numbers <= written}
    return filled, spent


# the most words of an option that fills a stem's blank as a name ("decomposer", "food web")
MAX_CHOSEN_WORDS = 5
# the most characters of such a name, and of a Chinese one ("光合作用", "叶绿体"), whose
# words no space sets apart
MAX_CHOSEN_CHARS = 40
MAX_CHOSEN_HAN = 12
# A multiple-choice stem's empty brackets, where a Chinese paper (and some English ones)
# puts the answer's letter: "…的过程叫做（　　）". An empty pair of round brackets in
# English needs a space inside, "f()" being a call.
_CHOICE_BLANK = re.compile(r"（[\s\u3000]*）|\([\s\u3000]+\)")
# the most words of an option that completes a stem ending on "is" as what its subject is
MAX_CHOSEN_DEFINIENS_WORDS = 25
# A stem that stops where its answer goes, no blank typed: a name-sized option ends its
# sentence ("… dead plants and animals is called a" and "decomposer", "The temperature at
# which a solid melts is its" and "melting point"); after a short subject and "is" or
# "means" a longer option may be what the subject is ("A food web is" and "many
# overlapping food chains in an ecosystem"). A stem that asks ("Which … is", "下列…的是")
# or bids ("Name the process …") picks one and states nothing.
_OPEN_END = re.compile(r"[A-Za-z\u4e00-\u9fff]\s*$")
_DEFINING_END = re.compile(
    r"^\s*(?:(?:a|an|the)\s+)?(?P<subject>[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,4})\s+"
    r"(?:is|are|means|refers\s+to|is\s+defined\s+as)\s*$"
    r"|^\s*(?P<zh>[\u4e00-\u9fff]{2,12}?)(?:是指|指的是|是)\s*$",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^\s*(?:which|what|who|whom|whose|where|when|why|how|name|identify|choose|select|give"
    r"|list|state|explain|describe|define|find|pick|circle)\b|\b(?:which|what)\s+of\b"
    r"|下列|以下|哪|什么|选出|选择",
    re.IGNORECASE,
)


def _chosen(question: str, answer: str, following: Sequence[str]) -> str | None:
    """A multiple-choice stem completed by the option the key's letter picks ("… is called
    a ________. A. producer … C. decomposer" and "1. C" read as "… is called a
    decomposer."), its options left off; the options are the question's own, after its
    stem, or `following`, the option blocks after it. The stem has one blank, or ends
    where its answer goes (`_OPEN_END`, `_DEFINING_END`). None unless the letter names a
    short option, or the stem a short subject the option says what it is."""
    letter = answer.strip().rstrip(".．").upper()
    if not re.fullmatch(r"[A-H]", letter):
        return None
    first = _LABEL.search(question)
    stem = question[: first.start()] if first else question
    # the option blocks one a label each: "a. producer" read alone, as a small letter
    # opens an option only at a block's start
    options = (
        option_texts(question[first.start() :])
        if first
        else [option for block in following for option in option_texts(block)]
    )
    small = _small_options(question) if first is None else None
    if small is not None:
        # "… is called a) evaporation b) condensation": Markdown joins an item's option
        # lines typed under it into its text
        stem, options = small
        first = _SMALL_INLINE.search(question)
    at = ord(letter) - ord("A")
    if at >= len(options):
        return None
    option = options[at].strip().rstrip(".。")
    if not option or re.search(r"[.;:?!。；：？！]", option):
        return None
    tail = " " if first else ""
    blank = WRITE_IN if WRITE_IN.search(stem) else _CHOICE_BLANK
    blanks = len(blank.findall(stem))
    stem = stem.rstrip()
    body = _NUMBER.sub("", stem, count=1)
    if blank is _CHOICE_BLANK and _ASKING.search(body):
        return None  # "下列属于生产者的是（　）" picks one, it states nothing
    ending = "。" if re.search(r"[\u4e00-\u9fff]$", stem) else "."
    if blanks == 1 and _name_sized(option):
        filled = blank.sub(option, stem)
        if blank is _CHOICE_BLANK and stem.endswith(("）", ")")):
            # the brackets end the stem where a written-in blank has its full stop after
            # it: the statement ends there
            filled += "。" if HAN.search(option) else "."
        return filled + tail
    if blanks:
        return None
    if not _OPEN_END.search(stem) or _ASKING.search(body):
        return None
    space = "" if ending == "。" else " "
    if _name_sized(option):
        return stem + space + option + ending + tail
    defining = _DEFINING_END.match(body)
    if (
        defining
        and not (defining.group("zh") or "").endswith("的")
        and len(option.split()) <= MAX_CHOSEN_DEFINIENS_WORDS
    ):
        return stem + space + option + ending + tail
    return None


# A matching exercise's item: a name and the line where the pupil writes a description's
# letter, "1. ____ osmosis" or "osmosis ______"
_MATCH_ITEM = re.compile(
    r"^\s*(?:(?:_{3,}|＿{2,})\s*(?P<a>[^_＿]+?)|(?P<b>[^_＿\d][^_＿]*?)\s*(?:_{3,}|＿{2,}))\s*$"
)
# the lettered descriptions a matching exercise lists, in order from "a.", in one block or
# one a block
_LETTERED = re.compile(r"(?:^|(?<=\s))([a-hA-H])\s*[.)．）](?!\w\.)\s+")
MIN_DESCRIPTIONS = 3


def _lettered_descriptions(blocks: Sequence[Block]) -> tuple[dict[str, str], set[int]]:
    """The last list of lettered descriptions before the key, letter (a capital) → text,
    and the blocks it is in: "a. movement of particles … b. a process that …", or a block
    each ("a. …", "b. …"). Three or more, lettered in order from a; a question's own
    options (in the block of its stem) are none."""
    found: tuple[dict[str, str], set[int]] = ({}, set())
    run: dict[str, str] = {}
    at: set[int] = set()
    for index, block in enumerate([*blocks, Block("paragraph", "", 0)]):  # the last closes
        labels = list(_LETTERED.finditer(block.text))
        letters = [m.group(1).upper() for m in labels]
        opening = bool(labels) and labels[0].start() == 0 and not _NUMBER.match(block.text)
        if not (opening and letters == [chr(ord("A") + len(run) + n) for n in range(len(letters))]):
            if len(run) >= MIN_DESCRIPTIONS:
                found = (run, at)
            run, at = {}, set()
            if not (opening and _in_order(letters)):
                continue  # no list opens here either
        ends = [m.start() for m in labels[1:]] + [len(block.text)]
        for m, end in zip(labels, ends, strict=True):
            run[m.group(1).upper()] = block.text[m.end() : end].strip(" ;；,，")
        at.add(index)
    return found


def _matched(item: str, answer: str, descriptions: dict[str, str]) -> tuple[str, str] | None:
    """A matching item's name and the description its key letter picks ("1. ____ osmosis"
    and "1. c" with "c. the diffusion of water across a membrane"), or None."""
    match = _MATCH_ITEM.match(_NUMBER.sub("", item, count=1))
    letter = answer.strip().rstrip(".．").upper()
    if match is None or not re.fullmatch(r"[A-H]", letter) or letter not in descriptions:
        return None
    name = (match["a"] or match["b"] or "").strip()
    description = descriptions[letter].rstrip(".。")
    if not name or not _name_sized(name) or not description:
        return None
    return name, description


# a small letter labelling an option inside a question's text, after a space: "a) ", "b. "
_SMALL_INLINE = re.compile(r"(?<=\s)([a-h])[.)]\s+(?=\S)")


def _small_options(question: str) -> tuple[str, list[str]] | None:
    """The stem and the options a question's text lists after it in small letters, "a)
    evaporation b) condensation": two or more, in order from a; else None."""
    labels = list(_SMALL_INLINE.finditer(question))
    letters = [m.group(1) for m in labels]
    if len(labels) < MIN_OPTIONS or letters != [chr(ord("a") + n) for n in range(len(letters))]:
        return None
    ends = [m.start() for m in labels[1:]] + [len(question)]
    options = [
        question[m.end() : end].strip(_OPTION_END) for m, end in zip(labels, ends, strict=True)
    ]
    return question[: labels[0].start()], options


def _answered(question: str, answer: str) -> str | None:
    """A short-answer question asking what a name is ("6. What is osmosis?", "6．什么是渗透
    作用？"), labelled with the key's answer as a study guide labels its pairs ("Q: What is
    osmosis? A: The movement of water …", read by `definitions.qa_answer`): the key's
    answer is the name's definition. None for any other question, and for a letter."""
    number = _NUMBER.match(question)
    asked = question[number.end() :] if number else question
    reply = answer.strip()
    if not reply or re.fullmatch(r"[A-Ha-h]", reply.rstrip(".．")) or WRITE_IN.search(asked):
        return None
    chinese = HAN.search(asked) is not None
    labelled = f"问：{asked.strip()}" if chinese else f"Q: {asked.strip()}"
    if not (ZH_WHAT_IS.match(asked.strip()) if chinese else len(asked_topics(labelled)) == 1):
        return None
    # the question's own number goes: the label takes its place, as a guide numbers none
    return f"{labelled} {'答：' if chinese else 'A: '}{reply}"


def _name_sized(option: str) -> bool:
    most = MAX_CHOSEN_HAN if HAN.search(option) else MAX_CHOSEN_CHARS
    return len(option.split()) <= MAX_CHOSEN_WORDS and len(option) <= most


def _filled(question: str, answer: str) -> str | None:
    """`question` with its write-in blanks filled by `answer`'s parts, one a blank in order
    (`_ANSWER_SEPARATOR`, else `_LIST_SEPARATOR` when its count is the blanks'); None when
    the counts differ."""
    blanks = len(WRITE_IN.findall(question))
    reply = answer.strip().rstrip("。.")
    parts = _ANSWER_SEPARATOR.split(reply)
    if len(parts) != blanks and blanks > 1:
        parts = _LIST_SEPARATOR.split(reply)
    if blanks != len(parts) or not all(parts):
        return None
    if any(re.fullmatch(r"[A-Ha-h]", part) for part in parts):
        return None  # a choice's letter (`_chosen`), no word to write in, in either case
    pieces = WRITE_IN.split(question)
    return pieces[0] + "".join(a + p for a, p in zip(parts, pieces[1:], strict=True))


def _opens_key(text: str) -> bool:
    """The block opens an answer key: its label alone, or the label and numbered answers
    ("参考答案：1．C　2．C"); a question's own answer after the label ("答案：惯性") is none."""
    label = ANSWER_KEY_LABEL.match(text)
    if label is None:
        return False
    rest = text[label.end() :].strip()
    return not rest or rest[0].isdigit()


# a question's own answer on the line after it: "【答案】惯性", "答案：惯性", "Answer: osmosis"
_INLINE_ANSWER = re.compile(
    r"^\s*(?:[【\[](?:参考)?答案[】\]]\s*[:：]?|(?:参考)?答案\s*[:：]|(?:answer|ans)\s*[:：])"
    r"\s*(?P<a>\S.*)$",
    re.IGNORECASE,
)


def _inline_answers_filled(blocks: list[Block]) -> list[Block]:
    """The blocks with each fill-in question whose answer follows it on its own line
    ("1．……的性质叫做______。" then "【答案】惯性", as a 知识清单 or a worksheet with its
    answers writes them) filled with that answer."""
    filled = list(blocks)
    for i, block in enumerate(blocks[:-1]):
        answer = _INLINE_ANSWER.match(blocks[i + 1].text)
        if answer is None or block.kind not in ("paragraph", "list_item"):
            continue
        if _key_items(answer["a"]):
            continue  # "参考答案：1-5 BCADB": the paper's key after its last question
        question = _filled(block.text, answer["a"])
        if question is not None:
            filled[i] = replace(block, text=question)
    return filled
