"""Candidate terms and their statistics: n-grams of content words ranked by C-value.

English: runs of words between function words, punctuation, code and maths; a term may
hold "of" inside ("law of large numbers") and must end in a word that can be a noun
(lemminflect's lexicon; unknown words such as "Hessian" count as nouns), in a gerund after
a modifier ("open addressing"), or, right after a determiner, in a verb's bare form ("a
commit", "the merge commit": the lexicon knows them only as verbs). Chinese: rjieba words
(with part-of-speech tags) in runs between function words and punctuation; 对 after a noun
with no object after it is "pair" (键值对).
C-value (Frantzi et al. 2000) rewards frequent terms and discounts a term by the longer
terms it is nested in, so "matrix" nested only in "matrix multiplication" is not double
counted.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import rjieba
from lemminflect import getAllLemmas, getInflection

from datasources.concept_keys import LATIN_AFTER_A, concept_key
from jobs.pipeline.clauses import NAMES_TAGGED_FUNCTION
from jobs.pipeline.lexicon import (
    EN_CLASSIFIER_NOUNS,
    EN_DETERMINERS,
    EN_GENERIC,
    EN_GENERIC_HEADS,
    EN_GENERIC_OPENERS,
    EN_MEASURE_NOUNS,
    EN_PREPOSITION_NOUNS,
    EN_PREPOSITIONS,
    EN_SIDES,
    EN_STOP,
    ERA,
    FURNITURE,
    FURNITURE_WORDS,
    MATH_OPERATORS,
    ZH_STOP,
    ZH_UNCOUNTED,
    cross_reference_words,
    numeral_one,
    word_twice,
)
from jobs.pipeline.textutil import (
    FILE_CAPTION,
    GREEK_PREFIX,
    HAN,
    ION,
    NAME_DASHES,
    NAME_JOINS,
    PLACEHOLDER,
    prose,
    regroup_zh,
)

MAX_WORDS = 4
# before "of", the noun of a complex preposition or one that sorts into kinds heads no name
_HEADS_NO_OF = EN_PREPOSITION_NOUNS | EN_CLASSIFIER_NOUNS
DETERMINED = "\u2062"  # first item of a run of words that follows a determiner
VERBAL = "\u2064"  # first item of a run whose first word is a verb after its subject
# first item of a one-word run that is a verb before its object ("Load the data")
OBJECTED = "\u2065"
CLAUSAL = "clausal"  # a Chinese phrase's tag: a verbal noun used as a clause's verb
CODE_WORD = "\u2061"  # marks a code keyword that names a construct: "a `for` loop"
# "a `for` loop", "the `return` statement", "an `if` statement": a one-word code span
# before one of these heads is the name's first word, not code that cuts the sentence (and
# "for", "if" are stop words in prose). Not before "block" or "expression": "`match`
# expression" and "`impl` block" beside "match" and "impl" crowd a course's later chapters
_CODE_HEAD = re.compile(r"`([a-z]{2,12})`(?=\s+(?i:loop|statement|clause)s?\b)")
# the same keywords without backticks (plain text, or a writer who left them out): "a for
# loop", "an if statement", "the else clause"; only where the stop word cannot be prose
_KEYWORD_HEAD = re.compile(
    rf"(?<!{CODE_WORD})\b(?:(?:for|while)(?=\s+loops?\b)"
    r"|(?:if|elif|else)(?=\s+(?:statement|clause|block)s?\b)"
    r"|(?:try|except|finally)(?=\s+(?:block|clause)s?\b))"
)
# Latin letters with their accents ("Schrödinger", "Dharmakīrti", "naïve"): an accent
# does not cut a word in two
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
# an en dash between a word and a capitalised one, with no space, joins a pair of names
# as a hyphen joins a compound: "Kröger–Vink notation", "Michaelis–Menten kinetics",
# "Navier–Stokes equations" name one thing, and cut at the dash the name lost its first
# half ("Vink notation"); a spaced dash, a range of numbers or an em dash still cut
_NAME_PAIR_DASH = "\u2013(?=[A-Z\u00c0-\u00d6\u00d8-\u00de])"
# A compound that opens with a number ("2-of-2", "3-by-3", "10-fold") is one token: read
# from its first letter, "a 2-of-2 multisig address" named the concepts "of-2 multisig" and
# "of-2 multisig address"
_NUMBERED_COMPOUND = rf"[0-9]+(?:-[{_LATIN}0-9]+)*-[{_LATIN}][{_LATIN}0-9]*(?:-[{_LATIN}0-9]+)*"
# ... and a count of a count ("2-of-2", "1-to-1", "3-by-3": how many of how many) modifies
# the noun after it, the first word of its term ("2-of-2 multisig"); a measure ("10-fold",
# "3-year") stays out of terms, as a bare number does
_COUNT_OF_COUNT = re.compile(r"[0-9]+-[a-z]{2,3}-[0-9]+")
# ... and so does a number before capitals, a compound's or a drug's name ("5-HT", the
# serotonin of "5-HT receptor"; "5-FU"): the token the compound rule above made of it had
# dropped it from the term, which became "receptor"
_NUMBERED_NAME = re.compile(r"[0-9]+-[A-Z][A-Z0-9]*")
# ... and an ion, an element's symbol and its charge (`textutil.ION`: "K+", "Ca2+"): the
# sign was a mark that broke the run, so "leak K+ channels" named "leak K" and
# "voltage-gated Na+ channels" "voltage-gated Na", twins of the names a key-term list gave
_EN_TOKEN = re.compile(
    rf"{CODE_WORD}[a-z]+|{ION}|{GREEK_PREFIX}[{_LATIN}][{_LATIN}0-9]*"
    rf"(?:['’-][{_LATIN}0-9]+|{_NAME_PAIR_DASH}[{_LATIN}0-9]+)*['’]?"
    rf"|{_NUMBERED_COMPOUND}|{PLACEHOLDER}|[^\s{_LATIN}]"
)
# an ordinal word, "第一" … "第十", which opens or sits inside a name before a noun
_ZH_ORDINAL_WORD = re.compile(r"第[一二三四五六七八九十]")
_ZH_NAME_NOUNS = frozenset({"n", "nr", "ns", "nt", "nz", "vn", "l", "j"})
_ZH_NOUNISH = {
    "n",
    "nr",
    "ns",
    "nt",
    "nz",
    "nrt",
    "nrfg",
    "vn",
    "l",
    "j",
    "eng",
    "an",
    "ng",
    "i",
    "b",
    "a",
    "v",
    "vd",
    "g",
    "x",
}
_ZH_BREAK_POS = {
    "r",
    "p",
    "c",
    "u",
    "uj",
    "ul",
    "uz",
    "ug",
    "uv",
    "ud",
    "d",
    "m",
    "q",
    "y",
    "e",
    "o",
    "t",
    "f",
    "zg",
    "mq",
    "df",
    "k",
    "h",
}
# 最近 and 最远 are "nearest" and "farthest" before a noun, and rjieba tags them locality
# words (f) as for "recently": read so, they cut the name they open, and "最近发展区是指…"
# (the zone of proximal development) gave the concept 发展区; 最近邻 lost its 最近. Before
# a verb ("最近发布的版本", recently released) or alone they stay a time's word.
_ZH_NEAREST = frozenset(["最近", "最远"])
_ZH_NAME_POS = frozenset(["n", "nz", "ng", "vn", "b", "nr", "nrt"])


def _zh_name_follows(tagged: Sequence[tuple[str, str]], position: int) -> bool:
    """The word after `position` is a noun's (or a noun modifier's): a name goes on."""
    return position + 1 < len(tagged) and tagged[position + 1][1] in _ZH_NAME_POS


# Verbs that make a clause of the words around them, never part of a name: "物品放入背包"
# (put the item into the knapsack), "存在负环" (there is a negative cycle), "求出最大公约数",
# "不妨设"; so do verbs that govern an object or a source ("智能体采取动作", "看到状态",
# "样本来自缓冲区") and the complements that finish a verb ("加起来", "估出来", "传下去").
# A closed list: other verbs head names (排序算法, 插入排序, 计算图, 折扣因子, 隐藏单元) or
# end them (状态转移, 梯度下降, 经验回放, 垃圾收集), and 可 is also inside them (可 微分
# 函数, as rjieba cuts "可微分函数")
_ZH_CLAUSE_VERBS = frozenset(
    [
        "存在",
        "求",
        "求出",
        "出",
        "放入",
        "放到",
        "放进",
        "不会",
        "不能",
        "不妨",
        "设",
        "记",
        "令",
        "找到",
        "找出",
        "满足",
        "含有",
        "具有",
        "给定",
        "给出",
        "得出",
        "算出",
        "引起",
        "导致",
        "换成",
        "改成",
        "变成",
        "愿意",
        "采取",
        "看到",
        "来自",
        "起来",
        "出来",
        "下去",
        "下来",
        # naming and judging: "则称向量组是线性相关的", "判断矩阵是否可逆" (a maths book's
        # 称向量, 判断向量 and 是否线性无关 were concepts)
        "称",
        "判断",
        "是否",
        # what a statement implies or shows: "佩龙-弗罗贝尼乌斯定理意味着存在…" (the
        # theorem means that …) gave the concept 佩龙-弗罗贝尼乌斯定理意味着
        "意味着",
        "表明",
        # making and equalling: "使供给等于需求" (make supply equal demand) gave 使供给
        "使",
        "使得",
        "等于",
        # an exam's procedures and reactions: "乙烷…发生取代反应" (undergoes substitution),
        # "加入酶→加入底物" (add the enzyme, then the substrate), "反应放出气体", "设立
        # 监察办公室" (set up an office): 加入酶, 发生加成反应 were concepts of exam papers
        "发生",
        "加入",
        "放出",
        "设立",
        # what a thing is for: "时间复杂度用来描述…" (is used to describe) gave the concept
        # 复杂度用来
        "用来",
        "用以",
        # using a means: "利用梯度下降更新参数", "采用链表存储" (利用率, one word, stays)
        "利用",
        "借助",
        "采用",
        "运用",
        # holding and regarding: "该理论认为…" (the theory holds that), "把受众看作…"
        # (regard the audience as): 理论认为, 受众看作 were concepts of a textbook chapter
        "认为",
        "看作",
        "看成",
        "视为",
        "当作",
        # pointing the reader elsewhere: "（参见 Krashen, 1980）", "详见第四章": "参见
        # Krashen" was a concept of a translated chapter citing its author
        "参见",
        "详见",
        # what a thing serves or aims at: "数学建模有助于培养…" (helps to foster) gave the
        # concept 数学建模有助于; rjieba tags 致力于 a noun
        "有助于",
        "有利于",
        "有益于",
        "便于",
        "旨在",
        "致力于",
        # the form a formula takes: "模型形如 y = …" (is of the form)
        "形如",
    ]
)
# the words that say "with" or "by means of" before the noun a verb is done with: "栈可以用
# 数组实现" (a stack can be implemented with an array) …
# the words before 指 in "是指", "即指", "乃指", "系指" (means, refers to), and the comma or
# the colon of a list's entry ("人力资本，指…", "四气：指药物具有的…")
# Words rjieba glues onto a request or a negation, which open or hold a clause and never a
# name: "请以" (please, by …), "中不应" (… should not …), and "同一个" (the same one): a
# problem statement's "请以列表形式返回这些组合，列表中不应包含重复组合" gave the concepts
# 请以列表形式, 列表中不应包含 (hello-algo's subset-sum page)
# (请求, a request, is a noun; 不可 makes names' adjectives: 不可变, 不可反驳模式)
_ZH_CLAUSE_WORD = re.compile(r"^请(?!求)|不(?:应|该|能|会|要|得|必|需)|^同一[个种条位次]$")
_ZH_COPULAS = frozenset(["是", "即", "乃", "系", "专", "泛", "特", "，", ",", "：", ":"])
# who is taught, and what a lesson does to them: "培养学生", "帮助读者理解" (only these
# verbs: after 知道 or 问, "不知道学生想什么", 学生 is the subject of what follows)
_ZH_LEARNERS = frozenset(
    ["学生", "学生们", "学习者", "学员", "幼儿", "儿童", "孩子", "孩子们", "同学", "同学们", "读者"]
)
_ZH_TEACHING = frozenset(
    [
        "培养",
        "引导",
        "帮助",
        "激发",
        "鼓励",
        "启发",
        "教育",
        "指导",
        "要求",
        "促进",
        "锻炼",
        "训练",
        "教会",
        "吸引",
        "激励",
        "组织",
        "带领",
        "指引",
    ]
)
_ZH_INSTRUMENTS = frozenset(["用", "使用", "利用", "通过", "借助", "采用", "运用", "以"])
# … and the verbs done with it, which end the noun's name there (数组实现, 矩阵表示 were
# concepts of a data structures text); other verbs after a means may end a name: "利用梯度
# 下降更新参数" keeps 梯度下降
_ZH_DONE_WITH = frozenset(
    [
        "实现",
        "表示",
        "存储",
        "计算",
        "求解",
        "求得",
        "完成",
        "构造",
        "构建",
        "描述",
        "处理",
        "编写",
        "解决",
        "代替",
        "替代",
        "模拟",
        "表达",
        "刻画",
        "估计",
        "拟合",
        "证明",
        "推导",
        # what a lesson's aims have pupils do with a law or an idea: "用惯性解释现象",
        # "利用欧姆定律分析电路" (惯性解释 was a 说课稿's concept)
        "解释",
        "说明",
        "分析",
        "判断",
    ]
)
# An answer key's verdict on an option or a statement: "B错误", "④正确" (B is wrong):
# after an option's letter it is no name ("B 错误" was a concept of an exam paper), while
# 语法错误 and 错误处理 stay names
_ZH_VERDICTS = frozenset(["正确", "错误", "不正确", "错", "对"])
# The same verdict in English inside Chinese text: a question bank's true-or-false items
# keyed "TRUE" / "FALSE" under each statement (a PTA 判断题 set exported to Markdown) made
# TRUE and FALSE its only concepts; a truth value names no topic of the text
_LATIN_VERDICTS = frozenset(["true", "false"])
# A thing's start or end ends no name: "游戏结束" (the game is over), "从状态开始" (start from
# a state); as one of rjieba's words they may open one (开始符号)
_ZH_PHASE_VERBS = frozenset(["开始", "结束"])
# "there is": after a verbal noun it makes a clause of it ("假设有一个策略")
_ZH_EXISTENTIAL = frozenset(["有", "存在"])
_ZH_WORD = re.compile(
    rf"^(?:[\u3400-\u9fff]+(?:[{NAME_JOINS}][\u3400-\u9fff]+)*"
    rf"|[A-Za-z][A-Za-z0-9]*(?:[{NAME_DASHES}][A-Za-z0-9]+)*)$"
)


@dataclass(slots=True)
class TermStats:
    """Counts of one candidate (by key) over the document."""

    key: str
    words: int  # length in words/tokens
    count: int = 0
    alone: int = (
        0  # occurrences not glued to another content word ("gradient" in "gradient descent" is not)
    )
    blocks: list[int] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    # Chinese: uses as the verb that opens a clause ("假设我们…"), not counted; English:
    # uses as a verb right before its object ("load the data"), counted
    clausal: int = 0

    def add(self, surface: str, block: int, alone: bool) -> None:
        self.count += 1
        self.alone += alone
        self.surfaces[surface] += 1
        if not self.blocks or self.blocks[-1] != block:
            self.blocks.append(block)

    @property
    def title(self) -> str:
        return self.surfaces.most_common(1)[0][0]


def collect(
    sentences: Iterable[tuple[int, str]], segmenter: rjieba.Jieba | None = None
) -> dict[str, TermStats]:
    """All candidate n-grams of the (block index, sentence) pairs, by concept key.

    `segmenter` is given for Chinese (a per-document rjieba instance that knows the
    document's own heading and glossed terms); None means English.
    """
    stats: dict[str, TermStats] = {}
    clausal: Counter[str] = Counter()
    chinese = segmenter is not None
    for block, sentence in sentences:
        if FILE_CAPTION.match(sentence.strip()):
            continue  # a listing's file name: its label names nothing the text teaches
        if not chinese:
            sentence = _code_keywords(sentence)
        text = prose(sentence) if chinese else _en_words(prose(sentence))
        phrases = (
            [p for cell in zh_cells(text) for p in _zh_phrases(cell, segmenter)]
            if segmenter is not None
            else _en_phrases(text)
        )
        for phrase in phrases:
            if phrase[0][1:] == (CLAUSAL,):
                clausal[concept_key(phrase[0][0])] += 1
                continue
            if phrase[0] == OBJECTED:
                clausal[concept_key(phrase[1])] += 1
                phrase = [VERBAL, phrase[1]]
            for surface, size, alone in _ngrams(phrase, chinese):
                key = concept_key(surface)
                if not key or FURNITURE.match(key) or key in FURNITURE_WORDS:
                    continue
                if ERA.fullmatch(surface):
                    continue  # "BCE" of "1800 BCE": a date's era, no name
                if key in MATH_OPERATORS:
                    continue  # "lim" of "lim (sin h)/h = 1": a formula's operator, no name
                entry = stats.get(key)
                if entry is None:
                    entry = stats[key] = TermStats(key, size)
                entry.add(surface, block, alone)
    for key, uses in clausal.items():
        if key in stats:
            stats[key].clausal = uses
    return stats


# A row of a table set as text (a PDF's or a pasted table's header, "概念 单元素类型 数组类型
# pandas数据类型"): three or more cells apart by spaces, two of them Chinese, no sentence
# punctuation. Each cell is a name of its own; read as one run of words, the header row
# repeated on every page gave "概念单元素", "元素类型数组" and "类型 pandas 数据类型" as
# concepts of a pandas chapter (its n-grams across the cells counted once per page).
_ROW_CELL_BREAK = re.compile(r"\s+")
_SENTENCE_MARKS = re.compile(r"[。，,：:；;！？!?()（）]")
MIN_ROW_CELLS = 3
MAX_CELL_CHARS = 12


def zh_cells(text: str) -> list[str]:
    """The cells of a Chinese table row set as text, or the text whole when it is no row."""
    cells = [c for c in _ROW_CELL_BREAK.split(text.strip()) if c]
    if (
        len(cells) < MIN_ROW_CELLS
        or _SENTENCE_MARKS.search(text)
        or any(len(c) > MAX_CELL_CHARS for c in cells)
        or sum(bool(HAN.search(c)) for c in cells) < 2
    ):
        return [text]
    return cells


# A name with a dot inside it, written without backticks: a file ("Cargo.toml", "main.rs"),
# a module path ("os.path"). It breaks a run of words as code does; read as words, its
# extension opened a name of the text's ("toml file" from "their Cargo.toml files", a
# concept of a Rust chapter)
_DOTTED_NAME = re.compile(r"\b[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+\b")


# An ordinal's ending after the maths or code that numbers it: "the $k$th digit", "the
# $i$-th element" (read as a word, "th digit" was a concept of a radix-sort chapter)
_ORDINAL_ENDING = re.compile(rf"{PLACEHOLDER}-?(?:th|st|nd|rd)\b")


def _en_words(text: str) -> str:
    """An English sentence's prose with dotted names (`_DOTTED_NAME`) and the ordinal
    endings of numbered maths (`_ORDINAL_ENDING`) breaking its runs of words."""
    return _ORDINAL_ENDING.sub(PLACEHOLDER, _DOTTED_NAME.sub(PLACEHOLDER, text))


def _code_keywords(sentence: str) -> str:
    """ "a `for` loop" → "a " + CODE_WORD + "for loop": the marked keyword opens a name."""
    if "`" in sentence:
        sentence = _CODE_HEAD.sub(CODE_WORD + r"\1", sentence)
    return _KEYWORD_HEAD.sub(CODE_WORD + r"\g<0>", sentence)


def c_values(stats: dict[str, TermStats]) -> dict[str, float]:
    """C-value of every candidate: log2(1 + words) * (count - mean count of its containers)."""
    containers: dict[str, list[int]] = {}
    for entry in stats.values():
        if entry.words < 2:
            continue
        parts = entry.key.split(" ") if " " in entry.key else list(entry.key)
        for sub in _sub_keys(entry.key, parts):
            if sub in stats:
                containers.setdefault(sub, []).append(entry.count)
    values = {}
    for key, entry in stats.items():
        nested = containers.get(key)
        frequency = entry.count - (sum(nested) / len(nested) if nested else 0.0)
        values[key] = math.log2(1 + entry.words) * max(frequency, 0.0)
    return values


def _sub_keys(key: str, parts: list[str]) -> set[str]:
    if " " in key:
        return {
            " ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
        } - {key}
    return set()


# After one of these a word that can be a verb is the verb ("we study income", "you can
# use hash tables"): it is a term alone ("you can push", "we drop"), never the first word
# of a longer one. ("to" is no such word: "a pointer to stack frames")
_SUBJECTS_AND_MODALS = frozenset(
    {
        "we", "you", "they", "i", "he", "she", "can", "could", "will", "would", "shall",
        "should", "may", "might", "must", "cannot", "does", "do", "did",
    }
)  # fmt: skip


# "a priori knowledge": the "a" of a Latin phrase is part of the name, no article
_LATIN_AFTER_A = [[word] for word in LATIN_AFTER_A]


def _en_phrases(text: str) -> list[list[str]]:
    """Runs of content words. A run that follows a determiner starts with DETERMINED, one
    whose first word is a verb after its subject or a modal with VERBAL."""
    phrases: list[list[str]] = []
    current: list[str] = []
    determined = False
    tokens = _EN_TOKEN.findall(text)
    verb_next = False
    relative = False
    previous = ""  # the stop word or mark before the current run
    prior = ""  # and the one before it ("such" of "such as")
    for position, token in enumerate(tokens):
        # the stop words spell "doesn't"; the term keeps the text's "Kepler’s" (its key
        # is straight: datasources/concept_keys)
        lower = token.lower().replace("’", "'")
        latin = lower == "a" and tokens[position + 1 : position + 2] in _LATIN_AFTER_A
        if (
            latin
            or (token[0] == CODE_WORD and len(token) > 1)
            or (current and numeral_one(current[-1], token))
            or (not current and _COUNT_OF_COUNT.fullmatch(token) is not None)
            or _NUMBERED_NAME.fullmatch(token) is not None
            or (
                token[0].isalpha()
                and (lower not in EN_STOP or lower == "of")
                and not _contraction(lower)
            )
        ):
            if not current and determined:
                current.append(DETERMINED)
            elif not current and verb_next and "VERB" in getAllLemmas(lower):
                current.append(VERBAL)
            current.append(token)
            continue
        if _measured(current, token):
            current = current[:-2]  # "a vector of length $N$": the vector
        if _name_and_verb(current, lower, tokens[position + 1 : position + 2]):
            current = current[:-1]  # "Git stores the content": the name, not its verb
        opening = previous if prior != "such" else ""  # "such as memory leaks": a noun
        if _noun_and_motion(current, lower, opening):
            current = current[:-1]  # "liquid water changes into vapor": water, not "changes"
        if _verb_and_object(current, lower, previous):
            # "Load the data", "you can sort the list": a verb here; still counted (a
            # name used as a verb too, "Rust can drop the value", stays), but marked
            current = [OBJECTED, current[-1]]
        if current:
            phrases.extend(_relative_clause(current) if relative else [current])
        current = []
        determined = lower in EN_DETERMINERS
        verb_next = lower in _SUBJECTS_AND_MODALS
        prior, previous = previous, lower
        relative = lower in _RELATIVES
    if current:
        phrases.extend(_relative_clause(current) if relative else [current])
    return phrases


# What opens a verb's object: an article, a demonstrative, a possessive ("Load the data",
# "Git stores the content", "… its objects"); not "that" nor "which", which open a clause
# after a noun ("functions that return", "Python lists that grow")
_OBJECT_OPENERS = EN_DETERMINERS - {"that"}
# before the word these make it a noun, an adverbial's ("after lunch the plot …", "under
# load the server …"); "to" is left out: "to load the data" is an infinitive
_BEFORE_A_NOUN = (
    EN_PREPOSITIONS | frozenset({"after", "before", "behind", "beyond", "near", "since", "upon"})
) - {"to"}


def _verb_and_object(run: list[str], stop: str, previous: str) -> bool:
    """A run of one word, no determiner before it and no preposition but "to", that is a
    verb's bare form and stands right before an article or a possessive: the verb and
    its object ("Load the data now", "to load the output", "you can plot the values").
    A noun is seldom followed by "the" with nothing between; after a preposition the word
    is a noun ("in practice the method …"), and after a determiner too ("the file the
    user opened")."""
    after_subject = len(run) == 2 and run[0] == VERBAL  # "you can plot"
    bare = len(run) == 1 and previous not in _BEFORE_A_NOUN
    if not (after_subject or bare):
        return False
    word = run[-1]
    return stop in _OBJECT_OPENERS and word[0] != CODE_WORD and _bare_verb_form(word)


_RELATIVES = frozenset({"that", "which"})


def _name_and_verb(run: list[str], stop: str, after: list[str]) -> bool:
    """A run of a capitalised name and a verb's third-person form, stopped by its object's
    determiner or by "and" and a second verb: "Git stores the content", "all that Git
    stores and manipulates" name no "Git stores" (a tool's chapter made it a concept). A
    common noun's plural stays ("the data structures the program uses"), as does a name's
    plural noun before anything else ("Python lists and tuples"). A thinker's name and a
    verb's past form before its object is the same clause told as history: "Locke saw the
    natural laws as …" names no "Locke saw" (a political-theory chapter made it one)."""
    words = [w for w in run if w not in (DETERMINED, VERBAL)]
    if len(words) != 2 or not words[0][:1].isupper():
        return False
    if _past_form(words[1]):
        return stop in _OBJECT_OPENERS
    if not _verb_form(words[1]):
        return False
    if stop == "and":
        return bool(after) and _third_person_only(after[0])
    return stop in _OBJECT_OPENERS


# the prepositions of a motion or a change, after its verb: "water changes into vapor",
# "energy flows through the food web", "heat moves toward the colder body"
_MOTION_AFTER = frozenset({"into", "onto", "through", "across", "toward", "towards"})


# the conjunctions that open a clause, its subject and verb right after: "as price rises,
# quantity demanded falls" (a law's statement gave the concept "price rises")
_SUBORDINATORS = frozenset({"as", "when", "if", "while", "because", "since", "once", "until"})


def _noun_and_motion(run: list[str], stop: str, previous: str = "") -> bool:
    """A run of a singular noun and a word that is a verb's third-person form (a plural
    noun's too: changes, flows, moves, rises), stopped by a preposition of motion or
    opened by a subordinating conjunction: the subject and its verb ("Evaporation is the
    process by which liquid water changes into water vapor" gave the concept "liquid water
    changes"). A plural before it is a noun's modifier of the same shape ("the cells
    moves" is no English), so only a singular noun, no adjective or participle before it."""
    words = [w for w in run if w not in (DETERMINED, VERBAL)]
    return (
        (stop in _MOTION_AFTER or previous in _SUBORDINATORS)
        and len(words) >= 2
        and _verb_form(words[-1])
        and not _plural_noun(words[-2])
        and not words[-2].endswith(("s", "ing", "ed"))
        and words[-2][1:].islower()  # "Energy flows through …" opens its sentence
        # the subject is a noun, no modifier: "the matching lines into a vector" is a
        # plural noun under its modifier
        and set(getAllLemmas(words[-2].lower())) & {"NOUN", "ADJ"} == {"NOUN"}
    )


@lru_cache(maxsize=65536)
def _verb_form(word: str) -> bool:
    """A verb's third-person form, a plural noun's too or not ("stores", "copies")."""
    if not word.islower() or not word.endswith("s"):
        return False
    return any(word in getInflection(v, "VBZ") for v in getAllLemmas(word).get("VERB", ()))


@lru_cache(maxsize=65536)
def _past_form(word: str) -> bool:
    """A verb's simple past ("saw", "argued"), lower case as a verb is in the sentence."""
    if not word.islower():
        return False
    return any(word in getInflection(v, "VBD") for v in getAllLemmas(word).get("VERB", ()))


def _third_person_only(word: str) -> bool:
    """A verb's third-person form that is no plural noun ("manipulates", not "tuples")."""
    return _verb_form(word) and not _plural_noun(word)


def _measured(phrase: list[str], after: str) -> bool:
    """The run ends on "of" and a measure right before a value, a formula's or a number:
    "an array of size 10", "a filter of order $N$" (`lexicon.EN_MEASURE_NOUNS`)."""
    return (
        len(phrase) >= 3
        and phrase[-2].lower() == "of"
        and phrase[-1].lower() in EN_MEASURE_NOUNS
        and (after == PLACEHOLDER or after.isdigit())
    )


def _relative_clause(phrase: list[str]) -> list[list[str]]:
    """After "that" or "which" a plural noun and a verb's bare form are a clause, its
    subject and its verb: "the problems that cities face" names no "cities face"."""
    words = phrase[1:] if phrase[0] == DETERMINED else phrase
    if len(words) < 2 or not _plural_noun(words[0]) or not _bare_verb_form(words[1]):
        return [phrase]
    return [words[:1], [VERBAL, *words[1:]]]


@lru_cache(maxsize=65536)
def _plural_noun(word: str) -> bool:
    lower = word.lower()
    nouns = getAllLemmas(lower).get("NOUN", ())
    return lower.endswith("s") and bool(nouns) and lower not in nouns


@lru_cache(maxsize=65536)
def _bare_verb_form(word: str) -> bool:
    lower = word.lower()
    return lower in getAllLemmas(lower).get("VERB", ())


def _ngrams(phrase: list, chinese: bool) -> Iterable[tuple[str, int, bool]]:
    if chinese:
        yield from _zh_ngrams(phrase)  # type: ignore[arg-type]
        return
    nominal = bool(phrase) and phrase[0] == DETERMINED
    verbal = bool(phrase) and phrase[0] == VERBAL
    if nominal or verbal:
        phrase = phrase[1:]
    lowered = [w.lstrip(CODE_WORD).lower() for w in phrase]
    doubled = (
        {w for w in lowered if w.isalpha() and lowered.count(w) > 1}
        if word_twice(list(phrase), lowered)
        else set()
    )
    for i in range(len(phrase)):
        # right after a determiner a bare verb is a noun's modifier or head: "a commit
        # object", "the merge commit", "a three-way merge"
        opens_noun_phrase = nominal and i == 0
        code = phrase[i][0] == CODE_WORD  # "for" of "for loop": it opens the name only
        # "the return value", "a call stack": after a determiner a generic noun opens a
        # name before a noun ("the same result holds": "result" opens no phrase of its own)
        generic = opens_noun_phrase and phrase[i].lower() in EN_GENERIC_OPENERS
        if not (
            code
            or generic
            or _en_can_start(phrase[i])
            or (opens_noun_phrase and _bare_verb(phrase[i]))
        ):
            continue
        longest = 1 if verbal and i == 0 else MAX_WORDS  # "study" in "we study income"
        if phrase[i + 1 : i + 2] == ["of"] and phrase[i].lower() in _HEADS_NO_OF:
            longest = 1  # "the assumption of X": a complex preposition's noun heads no name
        for j in range(i + 1, min(i + longest, len(phrase)) + 1):
            last = phrase[j - 1]
            ends = last[0] != CODE_WORD and (
                _en_can_end(last)
                or (opens_noun_phrase and _bare_verb(last))
                or (j - i >= 2 and gerund(last))
                # "function call", "base case": a generic noun after a noun modifier
                or (
                    j - i >= 2
                    and last.lower() in EN_GENERIC_HEADS
                    and _noun_modifier(phrase[j - 2])
                )
            )
            # "the service firm’s early years": a possessive names the owner of what
            # follows, no name without it ("service firm’s" was a concept; an eponym
            # alone, "Alzheimer’s", stays)
            if ends and _possessive(last) and (j - i >= 2 or last[:1].islower()):
                ends = False
            if ends and all(_en_can_inside(w) for w in phrase[i + 1 : j - 1]):
                words = [w.lstrip(CODE_WORD) for w in phrase[i:j]]
                if cross_reference_words([w.lower() for w in words]):
                    continue  # "section of Chapter": a place in the book, no topic
                if word_twice(words, [w.lower() for w in words]) or any(
                    w.lower() in doubled for w in words[:-1]
                ):
                    # a diagram's labels run on ("Solenoid Valve Needle Valve Accumulator"):
                    # the noun they repeat closes each label, no name reads across it
                    continue
                # "loop" in "a `for` loop" stays a term alone, as it was beside the code
                alone = (
                    i == 0 or phrase[i - 1].lower() == "of" or phrase[i - 1][0] == CODE_WORD
                ) and (j == len(phrase) or phrase[j].lower() == "of")
                yield " ".join(words), j - i, alone


def _possessive(word: str) -> bool:
    return word.lower().replace("’", "'").endswith("'s")


def _contraction(lower: str) -> bool:
    return lower.endswith(("'s", "'ll", "'re", "'ve", "'t", "'d", "'m")) and lower.split("'")[
        0
    ] in EN_STOP | {"let", "here", "there", "that", "what", "who"}


@lru_cache(maxsize=65536)
def _en_can_start(word: str) -> bool:
    lower = word.lower()
    if lower in EN_SIDES:
        return True  # "left ventricle"; alone it ends no term (`_en_can_end`)
    if lower == "of" or lower in EN_GENERIC or len(word) < 2 or lower.endswith("ly"):
        return False
    if lower.endswith(("ing", "ed")):  # participles modify nouns: "dangling reference"
        return not _only(lower, {"ADV", "AUX"})
    return not _only(lower, {"VERB", "ADV", "AUX"})


@lru_cache(maxsize=65536)
def _en_can_end(word: str) -> bool:
    lower = word.lower()
    if lower == "of" or lower in EN_GENERIC or len(word) < 2:
        return False
    lemmas = getAllLemmas(lower)
    return not lemmas or "NOUN" in lemmas or "PROPN" in lemmas


@lru_cache(maxsize=65536)
def _noun_modifier(word: str) -> bool:
    """A singular noun before the head ("function" of "function call", "base" of "base
    case"); not a determiner, an adjective ("recursive case", "worst case"), a generic word
    ("special case"), a word the lexicon does not know, or a plural or a name, the verb's
    subject ("functions call helpers", "Python calls it")."""
    lower = word.lower()
    if lower in EN_GENERIC or lower in EN_DETERMINERS or len(lower) < 2 or not word[0].islower():
        return False  # also a name, the verb's subject ("Python calls it"), and code
    last = lower.rsplit("-", 1)[-1]  # "one-dimensional case": an adjective
    lemmas = getAllLemmas(last)  # unknown words too: "univariate case", "Python calls"
    return "NOUN" in lemmas and last in lemmas["NOUN"]


@lru_cache(maxsize=65536)
def gerund(word: str) -> bool:
    """An -ing form of a verb: after a modifier it names a process ("open addressing",
    "linear probing", "pattern matching")."""
    lower = word.lower()
    return (
        lower.endswith("ing")
        and lower not in EN_GENERIC
        and "VERB" in getAllLemmas(lower)
        and getAllLemmas(lower)["VERB"][0] != lower
    )


@lru_cache(maxsize=65536)
def _bare_verb(word: str) -> bool:
    """A verb's bare form the lexicon knows only as a verb ("commit", "merge", "borrow")."""
    lower = word.lower()
    if lower in EN_GENERIC or len(lower) < 3:
        return False
    lemmas = getAllLemmas(lower)
    return set(lemmas) == {"VERB"} and lemmas["VERB"][0] == lower


@lru_cache(maxsize=65536)
def _en_can_inside(word: str) -> bool:
    return not _only(word.lower(), {"VERB", "ADV", "AUX"})


def _only(word: str, kinds: set[str]) -> bool:
    lemmas = getAllLemmas(word)
    return bool(lemmas) and set(lemmas) <= kinds


def _zh_phrases(text: str, segmenter: rjieba.Jieba) -> list[list[tuple[str, str]]]:
    phrases: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    tagged = regroup_zh(segmenter.tag(text))
    means = False  # the run of words follows 用, 通过, …: it names what something is done with
    taught = -1  # the position of a learner a verb before it acts on
    for position, (word, pos) in enumerate(tagged):
        if word.isspace():
            continue  # "字符串 slice": a space between scripts does not end a term
        if position == taught:
            continue
        if word in _ZH_TEACHING and _following(tagged, position)[0] in _ZH_LEARNERS:
            # "培养学生的创新能力", "引导学生思考": what the teaching does to the learners
            # (a lesson's aims say so line after line), no name; "培养学生" and "有助于培养
            # 学生" were concepts of a textbook's introduction
            if current:
                phrases.append(current)
            current = []
            taught = next(i for i in range(position + 1, len(tagged)) if not tagged[i][0].isspace())
            continue
        if _ZH_ORDINAL_WORD.fullmatch(word) and _following(tagged, position)[1] in _ZH_NAME_NOUNS:
            # an ordinal inside a name, before its noun: "牛顿第一定律", "热力学第二定律",
            # "第一宇宙速度" (tagged a numeral, it ended the run: a physics sheet's law,
            # defined by "这个规律叫做牛顿第一定律", was no concept, and 定律 was one)
            current.append((word, "n"))
            continue
        if word in NAMES_TAGGED_FUNCTION:
            # rjieba tags 自我 (the self) a pronoun, 几何 and 假说 function words: read as
            # such they cut the name they open, and "自我决定理论" was the concept "决定理论"
            pos = "n"
        elif word in _ZH_NEAREST and _zh_name_follows(tagged, position):
            pos = "a"  # "nearest", not "recently": 最近邻, 最近公共祖先, 最近发展区
        if current and means and word in _ZH_DONE_WITH:
            phrases.append(current)  # "用数组实现": the array, then the verb done with it
            current = []
            means = False
            continue
        if word == "指" and (current or (position and tagged[position - 1][0] in _ZH_COPULAS)):
            # "从众是指个体在…", "人力资本，指…": 是指 (means) cut as 是 + the noun 指, which
            # ran into the next word ("指个体" was a concept); and a name then 指 alone
            # ("一致性指 `…`", "可用性指…"), the verb glued to the name ("一致性指" was one);
            # a finger (手指, 食指) is one word of its own
            if current:
                phrases.append(current)
            current = []
            continue
        if _zh_frame_word(tagged, position):
            # "以某企业为例说明…", "与传统企业相比较…": the frames of an example and of a
            # comparison, cut by rjieba as 为 + 例, 相 + 比较, are no part of the noun before
            # or after them ("例说明组织" and "传统企业相" were concepts of an exam paper)
            if current:
                phrases.append(current)
            current = []
            continue
        if word == "对" and current and not _zh_object_follows(tagged, position):
            current.append((word, "n"))  # "键值对": a pair, not the preposition "对…"
            continue
        if (
            word in ZH_STOP
            or word in _ZH_CLAUSE_VERBS
            or _ZH_CLAUSE_WORD.search(word) is not None
            or (word == "有" and _zh_word_follows(tagged, position))
            or word.lower() in EN_STOP
            or word.lower() in _LATIN_VERDICTS
            or pos in _ZH_BREAK_POS
            or not _ZH_WORD.match(word)
            or pos not in _ZH_NOUNISH
            or _zh_symbol(tagged, position)
            or _zh_option_label(tagged, position)
        ):
            if current:
                phrases.append(current)
            current = []
            means = word in _ZH_INSTRUMENTS
            continue
        if not current and _zh_after_subject(tagged, position):
            # "我们首先绘制失业率", "当我们研究收入时": after a subject or a modal the word is
            # the verb, though rjieba tags 绘制 a noun; counted as a clause's verb
            phrases.append([(word, CLAUSAL)])
            continue
        if not current and pos == "vn" and _zh_clause_follows(tagged, position):
            # "假设我们…", "假设在状态 s": a verb that opens a clause, no name; counted as
            # such (TermStats.clausal), so a word used mostly so is no term at all
            phrases.append([(word, CLAUSAL)])
            continue
        if current and _opens_name(tagged, position):
            phrases.append(current)  # "服从 t 分布": the letter starts a new name
            current = []
        if current and _zh_perfective_follows(tagged, position):
            # "传播效果研究经历了从…到…": a word with 了 and more of the clause after it is
            # the predicate's verb, however rjieba tags it (经历 as a noun); "传播效果研究经历"
            # was a concept
            phrases.append(current)
            current = []
            continue
        if current and pos == "v" and len(word) == 1 and _zh_pronoun_follows(tagged, position):
            # "人们想什么", "学生做什么": a one-character verb and its pronoun object end the
            # noun before them ("人们想" was a concept); rjieba tags a name's last character
            # a verb too (外显率, 坐标系, X 锁), where no pronoun follows
            phrases.append(current)
            current = []
            continue
        if current and pos == "v" and _zh_count_follows(tagged, position):
            # "m 个元素组成一个集合": a verb before a count is the predicate of the noun
            # before it, no part of its name ("元素组成" was a concept)
            phrases.append(current)
            current = []
            continue
        current.append((word, pos))
    if current:
        phrases.append(current)
    return phrases


def _zh_perfective_follows(tagged: list[tuple[str, str]], position: int) -> bool:
    """The aspect particle 了 follows the word at `position`, and a word of the clause
    follows 了 ("经历了从", "提出了一种"): the word is a verb. A 了 closing its sentence
    may follow a noun ("这就是递归了。")."""
    rest = [(w, p) for w, p in tagged[position + 1 : position + 4] if not w.isspace()]
    return len(rest) >= 2 and rest[0][0] == "了" and rest[1][1] != "x"


def _zh_frame_word(tagged: list[tuple[str, str]], position: int) -> bool:
    """例 after 为 ("以…为例"), 相 before 比 ("与…相比", "相比较")."""
    word = tagged[position][0]
    if word == "例":
        return position > 0 and tagged[position - 1][0] == "为"
    return word == "相" and _following(tagged, position)[0].startswith("比")


def _following(tagged: list[tuple[str, str]], position: int) -> tuple[str, str]:
    """The word after `position` and its tag, spaces skipped (("", "") at the end)."""
    return next(((w, p) for w, p in tagged[position + 1 :] if not w.isspace()), ("", ""))


def _zh_pronoun_follows(tagged: list[tuple[str, str]], position: int) -> bool:
    """A pronoun follows the word at `position` ("想什么", "看它")."""
    return _following(tagged, position)[1] == "r"


def _zh_count_follows(tagged: list[tuple[str, str]], position: int) -> bool:
    """A numeral or a count opens the words after the verb at `position` ("组成一个集合",
    "形成 3 个区间"): what follows is its object."""
    for word, pos in tagged[position + 1 :]:
        if word.isspace():
            continue
        return pos == "m"
    return False


# what follows a multiple-choice option's letter as its label ("B．光合作用", "C、…", "D)")
_OPTION_LABEL_MARKS = frozenset([".", "．", "、", ")", "）"])


def _zh_option_label(tagged: list[tuple[str, str]], position: int) -> bool:
    """A choice's label, its letter and mark: no part of the option before it. Options set
    apart by a full-width space ("A．呼吸作用　B．光合作用") read "呼吸作用 B" as one name,
    a letter after it as in "维生素 C"; a paper without its key gave 光合作用 B, 蒸腾作用 D.
    The label stands apart from the word before it: "维生素C、维生素D" names vitamins."""
    before = tagged[position - 1][0] if position else " "
    return (
        _option_letter(tagged[position][0])
        and _following(tagged, position)[0] in _OPTION_LABEL_MARKS
        and (before.isspace() or not _ZH_WORD.match(before))
    )


def _zh_symbol(tagged: list[tuple[str, str]], position: int) -> bool:
    """A formula's letters in Chinese prose: a lower-case Latin word of one to three
    letters ("状态 h t", "权重向量 w", "sgn", "max"), or a short one with a capital inside
    ("wT", "wTx": w transposed). One letter before Chinese words may open a name ("t 分布",
    "k 近邻")."""
    word = tagged[position][0]
    if not (word.isascii() and word.isalpha()):
        return False
    if len(word) <= 4 and re.search(r"[a-z][A-Z]", word):
        return True
    return word.islower() and len(word) <= 3 and not _opens_name(tagged, position)


def _opens_name(tagged: list[tuple[str, str]], position: int) -> bool:
    word = tagged[position][0]
    if len(word) != 1 or not word.isascii() or not word.isalpha():
        return False
    return bool(HAN.match(_following(tagged, position)[0]))


def _zh_word_follows(tagged: list[tuple[str, str]], position: int) -> bool:
    """有 before a word of two or more characters is "has" ("有随机性", "有条件地"); before
    one character it makes an adjective (有界函数, 有偏估计)."""
    following = _following(tagged, position)[0]
    return len(following) >= 2 and bool(HAN.match(following))


# Subjects and modals: the word after them (adverbs between) is a verb
_ZH_SUBJECTS = frozenset(["我", "我们", "你", "你们", "他们", "她们", "它们", "咱们"])
_ZH_MODALS = frozenset(["可以", "能", "能够", "应该", "应当", "必须", "会"])
# the one-character modals rjieba cuts off the verb they open: "可简写" (may be abbreviated),
# "应放在" (should be placed, a quiz's "…的语句应放在try块中": 应放在 was a concept), "须满足"
_ZH_MODAL_CHARACTERS = frozenset(["可", "应", "须"])
# what a name is said to have after it, never part of it: its definition or its meaning
_ZH_DEFINITION_WORDS = frozenset(["定义", "含义", "释义"])


def _zh_after_subject(tagged: list[tuple[str, str]], position: int) -> bool:
    """The word stands after a subject pronoun or a modal, adverbs between ("我们首先
    绘制", "可以绘制", "你能计算"): the predicate's verb, not a name's first word."""
    for word, pos in reversed(tagged[:position]):
        if word.isspace() or (pos == "d" and word not in _ZH_MODALS):
            continue
        return word in _ZH_SUBJECTS or word in _ZH_MODALS
    return False


def _zh_clause_follows(tagged: list[tuple[str, str]], position: int) -> bool:
    """A verbal noun before a pronoun or a preposition is the verb of a clause ("假设我们
    采样", "假设在第四个状态", "考虑它"), not the noun (假设检验, 零假设 keep it); so is one
    before a noun that a negation or a modal makes the subject of its own clause ("假设原命题
    不成立", "假设感知机模型可以表示异或": a proof's 假设原命题 was a concept)."""
    nouns = 0
    for word, pos in tagged[position + 1 :]:
        if word.isspace():
            continue
        if nouns == 0 and (pos in ("r", "p") or word in _ZH_EXISTENTIAL):
            return True
        if pos.startswith("n"):
            nouns += 1
            continue
        return nouns > 0 and (word in _ZH_CLAUSE_OPENERS or word in _ZH_MODALS)
    return False


# a negation or a modal after a noun: the noun is the subject of a clause
_ZH_CLAUSE_OPENERS = frozenset(["不", "没有", "可", "不能", "无法"])


def _zh_object_follows(tagged: list[tuple[str, str]], position: int) -> bool:
    """The preposition 对 takes an object ("对数组排序"); after a noun and before a verb,
    a particle or punctuation it is the noun "pair" ("插入键值对。", "键值对被覆盖")."""
    for word, pos in tagged[position + 1 :]:
        if word.isspace():
            continue
        return pos[:1] in ("n", "r", "m") or pos in ("eng", "vn", "a")
    return False


def _zh_ngrams(phrase: list[tuple[str, str]]) -> Iterable[tuple[str, int, bool]]:
    for i in range(len(phrase)):
        if phrase[i][1] in ("v", "vd", "a") and i + 1 < len(phrase) and len(phrase) > 1:
            first_verb = True
        else:
            first_verb = False
        for j in range(i + 1, min(i + 3, len(phrase)) + 1):
            words = phrase[i:j]
            last_word, last_pos = words[-1]
            if last_pos in ("a", "b", "x") or (
                j - i == 1 and (last_word in ZH_UNCOUNTED or last_pos in ("v", "a"))
            ):
                continue
            if first_verb and j - i > 1 and words[0][0] in ZH_UNCOUNTED:
                continue
            if j - i > 1 and last_word in _ZH_PHASE_VERBS:
                continue  # "游戏结束", "状态开始": a noun and its start or end make a statement
            if words[0][0] in _ZH_MODAL_CHARACTERS and last_pos == "v":
                continue  # "可简写" (may be abbreviated): a modal before its verb
            if j - i > 1 and last_word in _ZH_DEFINITION_WORDS:
                continue  # "凸壳定义" (the convex hull's definition): the name is 凸壳
            if j - i > 1 and any(
                w in _ZH_MODALS or w in _ZH_MODAL_CHARACTERS for w, _ in words[1:]
            ):
                # "超平面可将…分隔开", "该方法能…": the modal opens the predicate of the name
                # before it, no part of it ("超平面可" was a concept of a perceptron notebook,
                # "语句应放在" of a quiz's "…的语句应放在try块中")
                continue
            if j - i == 2 and _option_letter(words[0][0]) and last_word in _ZH_VERDICTS:
                continue  # "B错误": the answer key's verdict on option B
            if j - i == 2 and _variable_count(words[0][0], last_word):
                continue  # "k 阶" of "k 阶中心矩": the order a letter counts, no name
            surface = _join_zh([w for w, _ in words])
            if j - i > 1 and surface in ZH_UNCOUNTED:
                continue  # "译者注", rjieba's 译者 + 注: an uncounted word cut in two
            yield surface, j - i, i == 0 and j == len(phrase)


# what a letter standing for a number counts before a name: its order, dimension, number of
# unknowns or degree ("k 阶矩", "n 维向量", "n 元函数", "m 次多项式"); alone the pair names
# nothing ("k 阶" was a concept of a statistics handout's moments), the name after it does
_ZH_COUNTED = frozenset(["阶", "维", "元", "次", "重", "倍", "位", "项", "个"])


def _variable_count(first: str, last: str) -> bool:
    """A one-letter variable and what it counts: "k 阶", "n 维"."""
    return len(first) == 1 and first.isascii() and first.isalpha() and last in _ZH_COUNTED


def _option_letter(word: str) -> bool:
    """One capital Latin letter: a multiple-choice option's label ("A．…", "故B错误")."""
    return len(word) == 1 and "A" <= word <= "Z"


def _join_zh(words: list[str]) -> str:
    out = ""
    for word in words:
        if out and (out[-1].isascii() or word[0].isascii()):
            out += " "
        out += word
    return out


# "tight junctions, anchoring junctions, and gap junctions": names joined by commas, "and"
# or "or" (the Oxford comma either way)
_LIST_RUN = re.compile(r"[A-Za-z][A-Za-z-]*(?:(?:,\s+|\s+)[A-Za-z][A-Za-z-]*)*")
_LIST_SEPARATOR = re.compile(r"(,\s+(?:and|or)\s+|\s+(?:and|or)\s+|,\s+)")
MAX_LISTED_MODIFIERS = 3


def shared_head_items(text: str) -> list[str]:
    """The items of a coordination whose names all end in the same noun ("tight junctions,
    anchoring junctions, and gap junctions"; "episodic memory and semantic memory"): a
    writer who repeats the head names kinds of one thing, the terms a textbook sets in
    bold. The first item starts where its modifiers do ("are tight junctions"), and keeps
    no more modifiers than the longest other item ("form ammonium ions and hydroxide
    ions")."""
    found: list[str] = []
    for run in _LIST_RUN.finditer(text):
        pieces = _LIST_SEPARATOR.split(run.group(0))
        parts = [p.split() for p in pieces[::2]]
        # a coordination joins its last item with "and" or "or": two clauses set apart by
        # a comma alone ("as price rises, quantity supplied rises") name no kinds of "rises"
        joined = [bool(re.search(r"\b(?:and|or)\b", s)) for s in pieces[1::2]]
        start = 0
        while start < len(parts):
            head = parts[start][-1].lower()
            end = start
            while end + 1 < len(parts) and _ends_in(parts[end + 1], head):
                # the last item runs on into the sentence: "… and directed graphs based on …"
                parts[end + 1] = _up_to(parts[end + 1], head)
                end += 1
            coordinated = any(joined[start:end])
            if end > start and coordinated and head not in EN_STOP and _en_can_end(head):
                found.extend(_listed(parts[start : end + 1]))
            start = end + 1
    return found


def _ends_in(item: list[str], head: str) -> bool:
    return head in (w.lower() for w in item[: MAX_LISTED_MODIFIERS + 1])


def _up_to(item: list[str], head: str) -> list[str]:
    return item[: [w.lower() for w in item].index(head) + 1]


def _listed(items: list[list[str]]) -> list[str]:
    """The names of one coordination's items, or none when an item after the first is
    anything but modifiers and the head."""
    later = items[1:]
    if any(not 2 <= len(i) <= MAX_LISTED_MODIFIERS + 1 for i in later) or not all(
        _listed_modifier(w) for i in later for w in i[:-1]
    ):
        return []
    longest = max(len(i) - 1 for i in later)
    first: list[str] = []
    for word in reversed(items[0][:-1]):
        if len(first) == longest or not _listed_modifier(word):
            break
        first.insert(0, word)
    if not first:
        return []
    return [" ".join([*first, items[0][-1]]), *(" ".join(i) for i in later)]


def _listed_modifier(word: str) -> bool:
    lower = word.lower()
    return lower not in EN_STOP and lower not in EN_DETERMINERS and _en_can_start(word)
