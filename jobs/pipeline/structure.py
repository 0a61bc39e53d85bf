"""Terms the layout points at: headings, emphasised spans, Chinese terms glossed in English.

A heading names its section's topic once the apparatus is peeled off ("What Is Ownership?"
→ "Ownership", "References and Borrowing" → "References", "Borrowing", "2.3 向量" → "向量").
Code in a heading counts only when it names a type or keyword (`Box<T>`, `match`), never a
call, path or snake_case identifier. A sub-section heading that names an aspect of its
parent's topic ("Advantages and Limitations", "Code Implementation", "复杂度分析") names no
concept; "Types of Binary Trees" and "Hash Table Implementation" name the topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

import rjieba
from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

from datasources.concept_keys import LATIN_AFTER_A, concept_key
from jobs.pipeline.clauses import zh_clause, zh_opens_clause
from jobs.pipeline.lexicon import (
    EN_DETERMINERS,
    EN_DOCUMENT_KIND,
    EN_GENERIC,
    EN_ORDINALS,
    EN_PREPOSITIONS,
    EN_SIDES,
    EN_STOP,
    ERA,
    FACET_AFTER,
    FACET_HEADINGS,
    FACET_OF,
    FURNITURE,
    FURNITURE_WORDS,
    MATH_OPERATORS,
    NUMBER_WORDS,
    OBJECTIVE_VERBS,
    REFERENCE_FACET,
    ZH_DOCUMENT_KIND,
    ZH_GENERIC,
    ZH_LABEL,
    ZH_RUN_IN_LABEL,
    ZH_STOP,
    _words,
    apparatus,
    cross_reference_words,
    everyday,
    numeral_one,
    word_twice,
    zh_emphasis_unwrapped,
    zh_everyday,
    zh_framed_title,
)
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import CONTINUED, clean_title
from jobs.pipeline.textutil import (
    NAME_DASHES,
    QUANTITY_SYMBOL,
    ZH_CLAUSE_BREAK,
    has_han,
    prose,
    regroup_zh,
    zh_width,
)

# A PDF's text layer may join "Chapter 11" into "Chapter11": the space is optional. A
# number before a dash is a name's ("0-1 背包", the 0-1 knapsack), not the heading's,
# and so is a number counted in a unit or a measure word standing alone ("1 位 ALU", "64 位
# ALU", "32 bit") or written against it ("16位加法器"): a computer-arithmetic deck's "1 位
# ALU" was titled "位 ALU" and gave the concept 位. After a space, a measure word going on
# into a word ("2 位置与位移") is the title after a section's number.
_ZH_COUNTERS = "[位个种次条维阶路倍元]"
# (a unit set lower case: a title's first word is capitalised, "3.2.2 Byte pair encoding"
# is section 3.2.2 and its title, and read as two bytes it named no topic; the pattern is
# used case-blind, so the unit's case is checked on its own)
_QUANTITY = (
    rf"\d+{_ZH_COUNTERS}"
    rf"|\d+(?:\.\d+)*\s*(?:{_ZH_COUNTERS}(?![\u3400-\u9fff])|字节|比特|(?-i:bits?|bytes?)\b)"
)
# A number written against one to three capitals and nothing more of a word is a name's,
# not the heading's: "3S" (RS, GIS and GNSS), "5G", "3D 打印" (a GIS chapter's "3S" made a
# module titled "S"); "1Introduction", a PDF's glued text, is still a number and a title.
# A full-width point ends the number as a point does ("1．知识目标" was titled "．知识目标")
# LibreTexts numbers every page "21.4: Title", a colon after the number: it goes with the
# number when a space follows (a module was titled ": The Adaptive Immune Response"), not in
# a ratio or a time ("1:1", "10:30"), where no space follows.
_SECTION_NUMBER = (
    rf"(?!{_QUANTITY})(?!\d+[A-Z]{{1,3}}(?![A-Za-z]))\d+(?:\.\d+)*(?:[.．]|:(?=\s))?"
    r"(?![-\u2013]\d)"
)
# A heading numbered twice: a Markdown editor's table of contents numbers every heading
# ("1.2. ", "1.3.2. "), and a Chinese revision note's own numbering follows it ("1.2. 一、
# 【增长与稳定】战略", "1.3.2. (1)成本领先战略"). Both go: the second left "一" and "二" as
# concepts and a module titled "一、【增长与稳定】战略".
_STACKED_NUMBER = (
    r"(?:\d+(?:\.\d+)*[.．]?\s*"
    r"(?=[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[\u2460-\u2473]))?"
)
HEADING_NUMBER = re.compile(
    r"^" + _STACKED_NUMBER + r"(?:" + _SECTION_NUMBER + r"|[IVX]+\.|"
    # Roman numerals as Unicode writes them, a Chinese revision sheet's parts: "Ⅰ. 地图…",
    # "Ⅱ、…" (not "Ⅱ型糖尿病": a type's numeral before its name is no separate mark)
    r"[\u2160-\u217f]{1,4}(?:[.、．]|\s)|"
    r"第\s*[一二三四五六七八九十百\d]+\s*(?:部分|单元|课时|次课|[章节篇部讲课周])"
    # a part's quiz or homework titled by its topic, as a MOOC site names each unit's
    # ("第四单元测验：线性系统的稳定性分析"): the kind of work goes with the number (left,
    # "测验" was a concept and "测验：线性系统的稳定性分析" a week's title)
    r"(?:(?:测验|小测|测试|作业|习题|练习)(?=\s*[:：]))?"
    # a file name's or a note's dash may touch both sides ("第四章-字符串", "第三章—图"):
    # after 第…章 it can only part the number from the title (left, "-字符串" was a concept)
    r"(?:\s*[:：、.．]|\s*[-\u2013\u2014\uff0d](?!\s*$))?|[一二三四五六七八九十]+[、.\s]"
    # a teacher's lower levels: "（一）", "(1)", "①", "1、"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|[\u2460-\u2473]|\d{1,2}[、．]"
    # a course's weeks and lectures: "Week 3: …", "Lecture 4 - …", "§1.2 …"; an old book
    # numbers its chapters in Roman capitals ("CHAPTER VIII. OF THE WAGES OF LABOUR" titled
    # a week "Chapter VIII. of the Wages of Labour")
    r"|(?:Chapter|Section|Part|Lesson|Unit|Week|Lecture|Module|Session|Stage)\s*"
    # …or lettered, as a worksheet's parts are: "Part A – Multiple Choice" (its weeks
    # and modules were titled so); a unit plan's stages too ("Stage 1 – Desired Results")
    r"(?:\d+(?:\.\d+)*|(?-i:[IVXL]{1,7})(?![A-Za-z])|(?-i:[A-H])(?![A-Za-z]))"
    r"(?:[:.]|\s+[-\u2013\u2014](?=\s))?|§\s*(?:\d+(?:\.\d+)*\.?)?"
    r"|(?:Appendix|附录)\s*[A-Z](?:\.\d+)*[:.：]?|[A-H]\.\d+(?:\.\d+)*\.?(?=\s)"
    # IEEE's subsections, "A. Algorithms" (a capital and a word in lower case after it:
    # "E. coli" is a genus)
    r"|(?-i:[A-H]\.(?=\s+[A-Z][a-z])))\s*",
    re.I,
)
# how many means a heading counts before them ("Three ways to …", "Some methods to …"); a
# kind of method ("Numerical methods to solve ODEs") is a topic of its own
_MEANS_COUNT = r"(?:some|other|several|many|different|common|two|three|four|five|six|\d+)\s+"
_TLDR = re.compile(r"\btl\s*;\s*dr\b", re.I)
_EN_LEAD = re.compile(
    r"^(?:what\s+(?:is|are)|how\s+(?:to|do|does|can)|why|when|understanding|introduction\s+to|"
    r"introducing|an?\s+introduction\s+to|defining|using|creating|the\s+basics\s+of|basics\s+of|"
    r"more\s+on|more\s+about|working\s+with|getting\s+started\s+with|"
    # "Ways to measure soil moisture": the means of a task (its verb goes, `_MEANS_BEFORE`)
    rf"(?:{_MEANS_COUNT})?(?:ways|methods|techniques|tips)\s+to"
    # a student's question asking for something on a topic ("Any recommendations on
    # learning operating systems", "Any comments on differences between web browsers"):
    # what is asked for is the asker's, the topic follows its preposition ("comments" and
    # "recommendations" were concepts of a lecture of answered questions), and so is
    # what the asker means to do with it ("learning Operating Systems related topics")
    r"|any\s+(?:more\s+|other\s+|good\s+)?(?:[a-z]+s|advice|help)(?:\s+(?:or|and)\s+[a-z]+s)?"
    r"\s+(?:on|about|for|regarding)(?:\s+(?:learning|using|choosing))?)\s+",
    re.I,
)
# "What is the difference between a regular language and a context-free language?",
# "Differences between mitosis and meiosis": the heading compares the names after it
# "Operating Systems related topics", "exam-related questions": the things asked about
# are what they relate to, the topic ("Systems related topics" was a concept)
_RELATED_KIND = re.compile(r"[\s-]related\s+(?:topics|issues|questions|subjects|matters)\b", re.I)
_CONTRAST_LEAD = re.compile(
    r"^(?:the\s+)?(?:(?:main|key)\s+)?(?:differences?|distinctions?|similarities)\s+between\s+",
    re.I,
)
# "The Categorical Imperative" is headed by its name as "Categorical Imperative" is: the
# article the heading opens on is no word cut off its topic (a name of several words: "The
# exit" heads a step of a walk-through, no topic)
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.I)
_ZH_MEANS = "借助|通过|利用|基于|采用|运用|依靠|依据|根据"  # by means of, based on
# "一些历史" (some history): a quantifier opens no name, as "Some" opens none in English;
# a question may stress what it asks ("到底何为定位", "究竟什么是熵": what on earth is X)
_ZH_LEAD = re.compile(
    r"^(?:(?:到底|究竟)?(?:什么是|何为)|认识|理解|了解|介绍|初识|关于|使用|定义|学习|一些|几个|若干"
    rf"|{_ZH_MEANS})"
)
# What a word opening on a lead ends on when the lead is part of it: 使用者, 学习率, 认识论,
# 定义域 are names, not "use the 者" (a Git server chapter's "使用者" section was the
# concept 者); a whole character on its own after the lead, "了解树", keeps its lead off
_ZH_BOUND_END = frozenset("者率性化论力域型度家员感法")


def _zh_without_lead(side: str) -> str:
    """The side without a lead verb or quantifier (`_ZH_LEAD`) when the lead ends where
    rjieba ends a word and does not leave a bound ending (`_ZH_BOUND_END`)."""
    lead = _ZH_LEAD.match(side)
    if lead is None:
        return side
    rest = side[lead.end() :]
    ends = set(accumulate(len(word) for word in rjieba.cut(side)))
    if lead.end() not in ends or rest.strip() in _ZH_BOUND_END:
        return side
    return rest


# a document's genre after its subject ("线性代数笔记", "数学分析讲义", "Python 教程"): the
# subject is the topic; so after a part graded by level ("排列与组合进阶篇", "Python 进阶",
# "动态规划提高篇": "组合进阶篇" was a concept)
# A summary said after its topic ("寻址模式总结", "排序算法小结") sums that topic up; the
# exercises set on a topic are headed so too ("分类数据练习", "二次函数专项练习", "细胞呼吸
# 练习题": "分类数据练习" stood beside 分类数据 as a concept of a pandas exercise sheet).
_ZH_TAIL = re.compile(
    r"(?:(?:到底|究竟)?是什么|简介|介绍|概述|入门|基础|初步|举例|(?:学习|读书|课堂)?笔记|讲义|教程|课件"
    r"|总结|小结"
    r"|(?:专项|综合|巩固|课后|随堂|同步)?(?:练习题?|习题|复习题?|自测题?)"
    r"|(?:基础|入门|进阶|提高|拓展|高级|初级|中级)篇|进阶)$"
)
# "X及其Y" (X and its Y): Y is X's own part or aspect ("绝对定位及其基本原理", "岩石及其
# 分类"); read as "X及X的Y", the topic is X. Unread, the whole heading was one name and a
# review outline's topic was lost.
# Both sides are names, no 的 inside: "河流作用的方式及其分别形成的地貌" joins two phrases
# of a question, and its reading gave a verb ("分别形成") as a topic.
_ZH_AND_ITS = re.compile(
    r"^(?P<pre>.*[，,、；;：:])?(?P<x>[^，,、；;：:的]+?)及其(?P<y>[^，,、；;：:的]+)$"
)


def _zh_and_its(side: str) -> str:
    """Only an aspect after 及其 is read so (`_zh_facet`, `_zh_aspect`, a facet heading):
    "离散型随机变量及其期望" names the expectation too, as it did read whole."""
    found = _ZH_AND_ITS.match(side.strip())
    if found is None:
        return side
    x, y = found.group("x"), found.group("y").strip()
    if not (_zh_facet(y) or _zh_aspect(y) or facet(y, 2) or apparatus(y)):
        return side
    return f"{found.group('pre') or ''}{x}及{x}的{y}"


# "借助入堆操作实现", "基于邻接矩阵的实现" (implemented by means of X): the heading is about X
_ZH_VIA = re.compile(rf"^(?:{_ZH_MEANS})(.+?)的?(?:简单|简易|基本|具体|完整)?来?实现$")
# "Walkthrough: Chapters 1–4", "Review: Weeks 2-3": a span of the book's parts after a
# title's colon says which parts it covers; a range names nothing ("Chapter 3" opening a
# heading goes as its number, `HEADING_NUMBER`)
_PART_SPAN = re.compile(
    r"(?:chapter|section|part|lesson|unit|week|lecture|module|session)s?\s*"
    r"\d+(?:\.\d+)*\s*[-\u2013\u2014]\s*\d+(?:\.\d+)*",
    re.I,
)
# "Method 1: …", "方法二：排序": which of several ways a section takes names nothing itself
_NUMBERED_WAY = re.compile(
    r"(?:method|approach|solution|option|case|step|version|way|attempt|scenario)\s*#?\d+[a-z]?"
    r"|(?:方法|解法|思路|方案|步骤|情况|情形|版本|做法)[一二三四五六七八九十\d]+",
    re.I,
)
# a Chinese numeral counting a heading's label ("句型一", "专题三")
_ZH_NUMERALS = frozenset("一二三四五六七八九十")
# "主语 + 系动词 + 表语", "HTML + CSS": a heading listing its parts with a spaced plus (C++
# has none around it)
_SPACED_PLUS = re.compile(r"\s+\+\s+")
# the verb of a heading that tells one thing's use as another ("陈述句作主语", "数组作为参数",
# rjieba's made-up "后作" of "介词后作宾语")
_ZH_SERVES_AS = frozenset(["作", "作为", "用作", "充当", "后作"])
# How a heading lists names ("Map and Set", "Scope, closure", "Getters/setters"; "I/O" is
# too short to split): each part is a name. _SPLIT_EN also cuts at words that join a name
# to what is said of it.
_COORDINATION_PATTERN = r",\s*(?:and\s+)?|\s+and\s+|(?<=[A-Za-z]{3})/(?=[A-Za-z]{3})"
_COORDINATION = re.compile(_COORDINATION_PATTERN, re.I)
# the marks after a label ("Example: …", "Case Study - …") or between sides
_LABEL_EN_PATTERN = r"\s*[:;]\s*|\s+[-–—]\s+"
LABEL_EN = re.compile(_LABEL_EN_PATTERN)
# "Valgrind: When You Can't Recompile", "Logging – if we cannot attach a debugger": a side
# after a label that is a clause about the reader, opening on a conjunction and a pronoun,
# says when the topic serves; it names nothing ("Recompile" was a concept)
_CLAUSE_SIDE = re.compile(
    rf"(?:{_LABEL_EN_PATTERN})(?:when|whenever|if|unless|while|where|why|how)\s+"
    r"(?:you|we|they|i|one)\b[^:;–—]*",
    re.I,
)
# "the tools you'd prioritize learning first", "the books we recommend": a clause whose
# subject is the reader or the writer says what they do with the name before it; it ends
# the name ("tools you'd prioritize learning first" was a concept)
# (after an auxiliary the pronoun is a question's subject: "When do I use Python")
_PERSONAL_CLAUSE = re.compile(
    r"(?<!\bdo)(?<!\bdoes)(?<!\bdid)(?<!\bcan)(?<!\bshould)(?<!\bwould)(?<!\bcould)"
    r"(?<!\bwill)(?<!\bshall)(?<!\bmay)(?<!\bmust)(?<!\bare)(?<!\bam)"
    r"\s+(?:you|we|i)(?:['’](?:d|ll|re|ve|m))?\s+[a-z].*$",
    re.I,
)
_SPLIT_EN = re.compile(
    _COORDINATION_PATTERN
    + r"|\s+(?:is|are|with|to|for|in|on|by|using|like|into|from|over|as|via|can|will|that)\s+"
    + r"|\s+(?:vs\.?|versus)\s+|"
    + _LABEL_EN_PATTERN,
    re.I,
)
_SPLIT_ZH = re.compile(r"[与和及、，,：:；是]|以及|还有")
# the conjunctions that may be a character of a word (和 of 求和, 与 of 参与), and how often
# jieba's dictionary must count a word for it to be one (与积 of 和事件与积事件: 7; 求和 281)
_ZH_WORD_SEPARATORS = frozenset("与和及")
ZH_WORD_COUNT = 50
MIN_ZH_DICTIONARY_NAME = 3
# "计算机操作系统 - 死锁": a series' name, then its chapter's
_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_CODE_IN_HEADING = re.compile(r"`([^`]{1,40})`")
_TYPE_LIKE = re.compile(r"^(?:[A-Z][A-Za-z0-9]*(?:<[A-Za-z, ]{1,20}>)?|[a-z]+(?: [a-z]+)?)$")
_GLOSS = re.compile(
    r"([\u3400-\u9fff][\u3400-\u9fffA-Za-z0-9\- ]{0,12})"
    # the name's symbol in brackets before its gloss: "主量子数（n）（Principal quantum
    # number）", "相对原子质量（Ar）（Relative atomic mass）"
    r"(?:\s*[（(][A-Za-z]{1,3}[）)])?"
    # a Chinese alias before the English: "八电子规则（八隅律，Octet rule）"
    r"\s*[（(]\s*(?:[\u3400-\u9fff]{2,12}\s*[，,]\s*)?"
    # words spaced with a no-break or an em space too, as text pasted from a word processor
    # or a page spaces them ("层次数据库（Hierarchical\u2003Database，HDB）" matched nothing)
    r"\*?([A-Za-z][A-Za-z0-9 \u00a0\u2002-\u200a\u202f\u3000,'’\-\u2013]{1,50}"
    r"(?:(?:或|、)[A-Za-z][A-Za-z0-9 \u00a0\u2002-\u200a\u202f\u3000'’\-]{1,30})?)"
    # the acronym after the English name, set off by a full-width comma as Chinese text
    # sets it: "层次数据库（Hierarchical Database，HDB）"
    r"(?:\s*，\s*([A-Z][A-Z0-9]{1,5}))?"
    # another name after it: "（Metathesis reaction，又名双置换反应）", "（Infrared
    # spectrum，IR spectrum）"
    r"(?:\s*，\s*(?:又名|又称|也称|简称|或)?\s*[^（）()，]{1,30})?"
    r"\*?\s*[）)]"
    # no prime, equals sign, power or division right after the bracket: there the brackets
    # hold maths, "此外有 (sin x)′=cos x" (有 was a concept glossed "sin x"), "(ln x)² = …",
    # or a quantity's unit inside a formula, "BMI = 体重（kg）/ 身高²（m²）" (体重 was a
    # concept defined by the whole formula)
    r"(?!\s*[′″'=＝^²³/÷×])"
)
# "a Domain Name System (DNS)", "a time-to-live (TTL)": the words before an acronym in
# brackets, of which `_long_form` keeps the ones the acronym abbreviates
# An acronym may open on a digit that stands for the name's number word: "third normal form
# (3NF)", "two-phase commit (2PC)" (`_numbered_long_form`).
_EN_GLOSS = re.compile(
    r"((?:[A-Za-z][\w'’-]*\s+){0,7}[A-Za-z][\w'’-]*)\s*\(([A-Z]{2,6}|[1-9][A-Z]{1,5})s?\)"
)
# what every _EN_GLOSS match ends on
_BRACKETED_ACRONYM = re.compile(r"\((?:[A-Z]{2,6}|[1-9][A-Z]{1,5})s?\)")
# "DDL（Data Definition Language，数据定义语言）", "DDL (Data Definition Language)": the
# acronym first, then the words it abbreviates and, in Chinese text, the Chinese name
_SPELLED_OUT = re.compile(
    r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]{1,5})\s*[（(]\s*"
    r"([A-Za-z][\w'’-]*(?:[ \u00a0]+[A-Za-z][\w'’-]*){1,6})"
    r"\s*(?:[，,]\s*([\u3400-\u9fff]{2,12}))?\s*[）)]"
)
_ZH_LOOSE = "就也都还才再又了是在把被将 "
MAX_EN_WORDS = 5
MAX_ZH_CHARS = 12


@dataclass(frozen=True, slots=True)
class Cue:
    """A term found by layout: `kind` is heading, emphasis or gloss (or a narrower kind:
    option, entry, code …); `block` its index."""

    term: str
    kind: str
    block: int
    level: int = 0
    whole: bool = False  # the entire heading names it (no other words were cut off)
    glossed: bool = False  # the heading gives its short form in brackets ("…（PK）")


# a chemical formula in mhchem's macro, as chemistry notes write their headings
_CHEMICAL = re.compile(r"\$?\s*\\ce\{([^{}$]{1,60})\}\s*\$?")
# a formula written inline ("$\mu$", "\(\sigma^2\)") and the Chinese word it opens
# ("$t$分布", up to 的 or a conjunction)
_INLINE_MATHS = re.compile(
    r"(?:\$[^$]{1,80}\$|\\\((?:(?!\\\)).){1,80}\\\))(?:(?![的与和及])[\u3400-\u9fff])*"
)
# a separator a formula left with nothing after it
_DANGLING_SEPARATOR = re.compile(r"\s*[，,、：:]\s*(?=的|$)")


# a heading's aside in brackets ("Hashing (Optional)") or punctuation standing for code
_ASIDE = re.compile(r"\s*[（(][^）)]{1,40}[）)]|\s*\[[^\w\]]{0,10}\]")


# "1.2.3 相对原子质量 - Relative Atomic Mass", "1.4.4 酸碱反应 Acid-Base Reaction": a Chinese
# title, then the same title in English (with a lower-case letter: "交集运算符 INTERSECT"
# names a keyword), and perhaps a part in brackets ("（上）")
_ENGLISH_TITLE = re.compile(
    r"(?<=[\u3400-\u9fff])(?P<sep>\s+[-\u2013\u2014]\s+|\s+)"
    r"(?P<en>(?=[^\u3400-\u9fff]*[a-z])[A-Za-z][A-Za-z0-9'’\-, ]*[A-Za-z0-9'’])"
    r"\s*(?P<part>[（(][^（）()]{1,10}[）)])?$"
)


def _without_english_title(text: str, bilingual: bool) -> str:
    """The Chinese title alone. A spaced dash before English says it is the title's
    translation; without the dash only a book that titles its sections in two languages
    (`bilingual_headings`) is read so ("初识 Python" names Python)."""
    match = _ENGLISH_TITLE.search(text)
    if match is None or not (bilingual or match.group("sep").strip()):
        return text
    return text[: match.start()] + (match.group("part") or "")


def zh_parts(text: str) -> list[str]:
    """A Chinese heading's parts, split at punctuation, 是 and the conjunctions 与, 和, 及,
    but not inside a word rjieba knows ("Einstein 求和约定" gave "Einstein 求" and 约定);
    a word it makes up across one ("和事件与积事件": 与积) is split as before."""
    if not _ZH_WORD_SEPARATORS & set(text):
        return _SPLIT_ZH.split(text)
    parts, current = [], ""
    words = rjieba.cut(text)
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in _ZH_WORD_SEPARATORS and (
            not current or not after or after in _ZH_WORD_SEPARATORS or _SPLIT_ZH.fullmatch(after)
        ):
            # a conjunction joins two things: one with nothing on a side is a word's
            # character ("子空间和与直和": 子空间和, 直和; "和事件与积事件": 和事件)
            current += word
            continue
        others = "".join(c for c in word if c not in _ZH_WORD_SEPARATORS)
        if (
            others
            and others != word
            and not _SPLIT_ZH.search(others)
            and (
                rjieba.suggest_freq(word) >= ZH_WORD_COUNT
                or (len(word) >= MIN_ZH_DICTIONARY_NAME and rjieba.has_word(word))
            )
        ):
            # 求和, 参与: a word with a conjunction's character in it; a longer one in the
            # dictionary is a name however rare (及物动词: 4), one made up across words is not
            current += word
            continue
        first, *rest = _SPLIT_ZH.split(word)
        current += first
        for piece in rest:
            parts.append(current)
            current = piece
    return [*parts, current]


def bilingual_headings(texts: Iterable[str]) -> bool:
    """Two headings or more give their English title after a spaced dash ("1.2.1 原子 -
    Atoms"): the book titles its sections in two languages, its other headings too."""
    dashed = (_ENGLISH_TITLE.search(t) for t in texts)
    return sum(1 for m in dashed if m is not None and m.group("sep").strip()) >= 2


# A heading that labels a task, its kind and perhaps its number, then its title after a
# colon, a dash or in brackets: "Exercise: Diffraction by a compact disk", "Problem 3 (A
# falling ball)", "Question 2.1 - …". The task applies what its section teaches to a case;
# its words named the case ("compact disk", "radar beam" were an astronomy chapter's
# concepts, and "Problem" one)
_TASK_HEADING = re.compile(
    # and a hands-on lesson's "Task - measure soil moisture" (its verb phrase was a concept)
    r"^(?:exercise|problem|question|activity|task)\s*(?:\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)?"
    r"\s*(?:[:.(\u2013\u2014]|-\s|$)",
    re.IGNORECASE,
)


# a numbered label before a colon: "Solution Strategy 3:", "Case 2:". A procedure's steps
# ("Step 1. Initialization", "Step 2: Enter Parameter Values") are tasks, left as they were
NUMBERED_LABEL = re.compile(
    r"^(?!Steps?\b)(?:[A-Z][\w'’-]*\s+){1,3}\d{1,3}[a-z]?\s*:\s+(?=[A-Za-z])"
)


# A heading on how two things stand to each other, "A与B的关系", "A和B的区别", names A and
# B: read as one phrase, "课程与教学的关系" gave the concept 关系 (relation) and a revision
# page's "图例和注记的区别" was a concept whole
_ZH_RELATION = re.compile(
    r"^([^与和及、，]{2,12}?)(?:与|和|及|同)([^与和及、，]{2,12}?)(?:之间)?的?"
    r"(?:关系|区别|联系|异同|比较|差异|区分|不同)$"
)


# A heading that names a thing, then the classic it comes from in book-title marks:
# "桂枝汤《伤寒论》", "银翘散《温病条辨》", as a formulary, a casebook or a reader of cited
# passages heads its entries. The name is the topic; the book is its source, as a
# footnote would give it (read as one phrase, "荆防败毒散《摄生众妙方》" was cut into 荆防
# and 众妙方, and "温病条辨" was a concept of a chapter on formulas). A name joined to the
# book ("鲁迅与《呐喊》", "读《论语》") is no such entry, and stays as it was
_ZH_CITED_SOURCE = re.compile(
    r"^([\u4e00-\u9fff]{2,12}?)(?<![与和及的、读评谈论析])\s*《([^《》]{1,20})》$"
)
# …the forms a prescription's name ends on (汤, decoction; 散, powder; 丸, pill …): a name so
# ending cites its book as a source. Any other name before a book is its author's ("李白
# 《将进酒》", "鲁迅《狂人日记》"), and the work is a topic too, as it was before the rule
_ZH_FORMULA_FORMS = ("汤", "散", "丸", "饮", "丹", "膏", "方", "剂")


# A blog post's title names its series, then 之, then its own topic: "机器学习之决策树",
# "Java设计模式之熔断器模式", "数据结构之红黑树详解" (CSDN's and 博客园's habit). Read as
# one phrase, rjieba's verb tag on 学习 cut "机器学习之决策树" to the concepts 机器 and
# 决策树, and "数据结构之红黑树" gave 黑树. Each side is a heading of its own. Not 之 as a
# word's part: 之间, 之一, 之后, 之处, 之类 and their kind, 三分之一, 总之, 反之, 久而久之;
# nor a one-character head after it ("数学之美", "编程之道": the beauty, the way, of a
# thing); nor a label before a colon ("不利之处：反向代理" is a label and its topic).
_ZH_SERIES_TITLE = re.compile(
    r"^([\u4e00-\u9fffA-Za-z0-9+#.]{2,16}?)(?<![总反换言加久而分])之"
    r"(?![间一中内外上下前后际所以乎处时类余至多久称说嫌最父母王])"
    r"([\u4e00-\u9fffA-Za-z][^之：:，,。；;！？]{1,30})$"
)


# A whether-question as a heading, "判定对象是否存活", "判断堆是否为空": the thing asked
# about, before 是否, is the topic, and what is asked of it is a predicate. Split at 是
# like a copula, it gave "否存活" and "否有必要执行" as concepts of a GC chapter; a verb of
# judging before it (判定, 判断, 检验 ...) is the question's own, no part of the name.
_ZH_WHETHER = re.compile(
    r"^(?:(?:如何|怎样|怎么)?(?:判定|判断|检验|检查|确定|验证)\s*)?(?P<x>.*?)\s*是否\S.*$"
)


def heading_terms(text: str, block: int, level: int, bilingual: bool = False) -> list[Cue]:
    """The topics a heading names (none for "Summary", "Exercises", "小结", ...); its
    English title, when it gives one after the Chinese, is no topic of its own."""
    text = _without_english_title(text, bilingual)
    # "【考点一】光合作用的过程", "考点1：光合作用": a handout's label goes, its topic stays
    text = ZH_LABEL.sub(" ", zh_emphasis_unwrapped(text, inside=False)).strip()
    text = ZH_DOCUMENT_KIND.sub("", text)  # "压强 导学案": the lesson's 压强
    text = EN_DOCUMENT_KIND.sub("", text)  # "Photosynthesis Quiz": the paper's photosynthesis
    titled = zh_framed_title(HEADING_NUMBER.sub("", text))
    if titled:
        # "《牛顿第一定律》说课稿": a lesson named as a text's title, its topic inside the
        # marks (read with them, the name was too long to be one and was cut at its
        # ordinal: 牛顿 and 定律)
        return heading_terms(titled, block, level, bilingual)
    number = HEADING_NUMBER.match(text)
    cut = number.end() if number else 0
    text = text[:cut] + ZH_RUN_IN_LABEL.sub("", text[cut:])
    # "$\ce{SO2}$ 二氧化硫": SO2 and 二氧化硫, not the macro's name "ce"
    text = _CHEMICAL.sub(r"\1、" if has_han(text) else r"\1", text)
    if has_han(text):
        # "均值$\mu$的置信区间": a formula a Chinese heading writes inline is a symbol beside
        # the name, no topic ("mu", "sigma", "neq" were concepts of a statistics chapter);
        # one that opens the word after it ("$t$分布", "$\chi^2$拟合优度检验") leaves no
        # topic of that word alone ("分布")
        text = _INLINE_MATHS.sub("", text)
        text = _DANGLING_SEPARATOR.sub("", text)  # "均值$\mu_1$，$\mu_2$的检验"
        # "分配比 k", "速率常数 k1": the symbol a PDF or a Word file sets as plain letters
        # after the name is no more a part of it ("分配比 k" was a concept and a module's
        # title beside the 分配比 its section defines)
        text = _ZH_SYMBOL_AFTER.sub("", text)
    if _TASK_HEADING.match(HEADING_NUMBER.sub("", text).strip()):
        return []  # "Exercise: Doppler shift of a radar beam": a task, no topic
    cited = _ZH_CITED_SOURCE.match(HEADING_NUMBER.sub("", text).strip())
    if cited:
        named = heading_terms(cited.group(1), block, level)  # "桂枝汤《伤寒论》": 桂枝汤
        if cited.group(1).endswith(_ZH_FORMULA_FORMS):
            return named
        return [*named, Cue(cited.group(2), "heading", block, level)]  # "李白《将进酒》"
    related = _ZH_RELATION.match(HEADING_NUMBER.sub("", text).strip())
    if related:
        # "课程与教学的关系", "图例和注记的区别": the two things compared are the topics
        return [c for part in related.groups() for c in heading_terms(part, block, level)]
    series = _ZH_SERIES_TITLE.match(HEADING_NUMBER.sub("", text).strip())
    if (
        series
        and has_han(series.group(1) + series.group(2))
        and not _ZH_REDUPLICATED.match(series.group(0))
    ):
        # "机器学习之决策树": the series and the post's topic, each a heading's name
        return [c for part in series.groups() for c in heading_terms(part, block, level)]
    cues = [Cue(c, "heading", block, level) for c in _code_terms(text)]
    bare = HEADING_NUMBER.sub("", text).strip()
    call = _CALL_HEADING.fullmatch(bare)
    if call:
        # "main()", "free()": a section on one function, named as code calls it; its name
        # may be an everyday word (main, free) that the heading rules reject as a name
        cues.append(Cue(call.group(1), "heading", block, level, True))
    called = _CALL_OF_A_KIND.fullmatch(bare)
    if called:
        # "xPortGetFreeHeapSize() API函数", "The malloc() function": an API reference's
        # section on one function; the kind word after it is no topic ("API 函数" was one,
        # the function's name was lost to the brackets)
        return [*cues, Cue(called.group(1), "heading", block, level, True)]
    if _SNAKE_NAME.fullmatch(bare):
        # "Heap_1", "configTOTAL_HEAP_SIZE": a section on one name written as code writes
        # it, joined by underscores; the word rules rejected it whole and found nothing else
        return [*cues, Cue(bare, "heading", block, level, True)]
    if facet(HEADING_NUMBER.sub("", clean_title(text)), level):
        return cues  # "式(3.5)的推导": checked before its brackets go ("式的推导")
    glossed = _ZH_GLOSSED_NAME.fullmatch(HEADING_NUMBER.sub("", clean_title(text)).strip())
    if glossed and not apparatus(glossed["name"]):
        # the author names it and gives its short form: one name, whatever rjieba cuts
        return [*cues, Cue(glossed["name"], "heading", block, level, True, glossed=True)]
    plain = _CODE_IN_HEADING.sub(
        lambda m: f"`{m.group(1)}`" if _TYPE_LIKE.match(m.group(1)) else "|", text
    )
    # an aside in brackets goes ("Hashing (Optional)"), and a bracket of punctuation
    # standing for code ("Computed names [...]")
    plain = CONTINUED.sub("", _ASIDE.sub("", plain))
    plain = HEADING_NUMBER.sub("", clean_title(plain))
    if apparatus(plain) or facet(plain, level):
        return cues
    last_side: set[str] | None = None  # the parts that may share a head
    if has_han(plain) and zh_theory_name(plain.strip()):
        # "沉默的螺旋理论", "使用与满足理论": offered whole, as cut at 的 or 与 below it
        # gave "螺旋理论" and "与满足理论"; the body decides (`concepts._whole_heading_names`)
        cues.append(Cue(plain.strip(), "heading", block, level, True))
    if has_han(plain):
        # "计算机操作系统 - 死锁", "起步 - 关于版本控制": each side of a spaced dash is a
        # heading of its own (read as one, 死锁 was lost to rjieba's verb tag)
        sides = [
            _ZH_TAIL.sub("", _zh_without_lead(_zh_means(_ZH_VIA.sub(r"\1", side.strip()))))
            for side in _SPACED_DASH.split(_ZH_WHETHER.sub(r"\g<x>", plain))
        ]
        plain = " - ".join(sides)
        parts = [
            q
            for side in sides
            for p in zh_parts(_plus_listed(_zh_and_its(side)))
            for q in _zh_as(p)
        ]
        # "决定和影响传导性的因素": a verb of bearing alone shares the next part's object
        parts = [
            p for i, p in enumerate(parts) if not (p.strip() in _ZH_BEARING and i + 1 < len(parts))
        ]
        last_side = set(zh_parts(sides[-1]))
    else:
        # "Solution Strategy 3: Periodic Dosing", "Case 2: Drug Interactions": a numbered
        # label of the document's own series goes, and the title after it is the whole
        # heading (as part of one it had to recur in the body, and never did)
        plain = NUMBERED_LABEL.sub("", plain)
        # "TL;DR – Not Gates Over Time": the label is one word, which its semicolon split
        # ("TL" was a deck's concept); as one it is apparatus ("tldr") like "Recap"
        plain = _TLDR.sub("TLDR", plain)
        plain = _CLAUSE_SIDE.sub("", plain)
        plain = _PERSONAL_CLAUSE.sub("", plain.rstrip("?"))
        plain = _EN_LEAD.sub("", _INFINITIVE.sub(_without_infinitive, plain.rstrip("?")))
        plain = _RELATED_KIND.sub("", _CONTRAST_LEAD.sub("", plain))
        parts = _SPLIT_EN.split(plain)
        # only the parts after the last label share the last part's head: a label before
        # a colon or a spaced dash modifies nothing ("Example - Pitch Estimation" gave
        # "Estimation", "Lab: Linear Regression" "Lab Regression")
        last_side = set(_SPLIT_EN.split(LABEL_EN.split(plain)[-1]))
    # only "and" and commas split it: each part is a name ("Map and Set", "Scope, closure")
    named = not has_han(plain) and len(parts) == len(_COORDINATION.split(plain))
    # "Sources and further reading": a generic part names nothing, nor lends its head
    parts = [
        p
        for p in parts
        if not apparatus(clean_title(p))
        and not _NUMBERED_WAY.fullmatch(clean_title(p).strip())
        and not _PART_SPAN.fullmatch(clean_title(p).strip())
        and not _zh_counted_label(clean_title(p).strip())
    ]
    if has_han(plain):
        # "交集运算符 INTERSECT", "集合运算 UNION ALL": a keyword in capitals after a Chinese
        # name is its apposition, a name of its own ("LIKE 谓词", a keyword before its
        # kind, stays one name)
        # and one standing alone as a part is one too ("EXCEPT 与 NOT 谓词")
        for i, part in enumerate(parts):
            keyword = _ZH_THEN_KEYWORD.match(part.strip())
            if keyword:
                cues.append(Cue(keyword.group(2), "heading", block, level))
                parts[i] = keyword.group(1)
            elif _KEYWORD.fullmatch(part.strip()) and len(part.strip()) >= 3:
                cues.append(Cue(part.strip(), "heading", block, level))
    if not has_han(plain) and len(parts) > 1 and " of " in parts[-1]:
        # "Structure and Composition of the Cell Membrane": a facet sharing the last part's
        # "of …" is no topic alone (its shared reading, "Structure of the Cell Membrane",
        # gives the cell membrane), after a modifier too ("Basic Structure and Function of
        # the Nervous System"); "Variables and Functions" keeps its functions
        parts = [p for p in parts[:-1] if not FACET_OF.match(f"{p.strip()} of x")] + parts[-1:]
    if not has_han(plain) and len(parts) > 1:
        # "Theorem for necessity of stability": the kind of result alone names no topic
        parts = [p for p in parts if not _RESULT_KIND.fullmatch(p.strip())]
    if not has_han(plain):
        parts = _aspects_of_one_topic(parts)
        # "Solve for the surface temperature": the task's verb alone names nothing, nor
        # lends itself to the object's head ("Solve surface temperature")
        parts = [p for p in parts if not _imperative(p.strip())]
    if not has_han(plain) and len(parts) > 1:
        # "The Liberal and Social Worldview": the article opens the whole coordination, not
        # its first part alone ("The Liberal" shared no head, and "liberal" was a concept)
        bare = _ARTICLE.sub("", parts[0].lstrip(), count=1)
        if last_side is not None and parts[0] in last_side:
            last_side = {*last_side, bare}
        parts[0] = bare
    if named and len(parts) > 1:
        # in a list of names each part's article adds no word: "the Mean" in "Skewness and
        # the Mean, Median, and Mode" is a whole name as "Median" is (the everyday word was
        # dropped as a leftover, and a statistics practice set lost its mean); a heading
        # that is only "The Point" stays no topic
        for i, part in enumerate(parts):
            bare = _ARTICLE.sub("", part.lstrip(), count=1)
            if bare != part.lstrip() and len(bare.split()) == 1:
                if last_side is not None and part in last_side:
                    last_side = {*last_side, bare}
                parts[i] = bare
    shared = shared_head([p for p in parts if last_side is None or p in last_side])
    if shared and not has_han(plain):
        # "Ionic and Molecular Compounds": "Ionic" only modifies the shared head;
        # "Selecting and Assigning Experimental Participants": both verbs take its object;
        # "Second, third, and Boyce-Codd normal forms": an ordinal counts the head's kinds
        # ("second" was a concept, the word a chapter writes for "the second FD")
        parts = [
            p
            for p in parts
            if not bare_modifier(p)
            and p.strip().lower() not in EN_ORDINALS
            and not _shared_action(p, parts[-1])
        ]
    # the head's own part is set against the others as they are against it
    contrasted = [*shared, parts[-1]] if shared and not has_han(plain) else []
    parts = parts + shared
    # "Definition of efficiency": the heading says the word is defined under it, so an
    # aspect's word ("efficiency", "structure") is the term here, no facet of a topic
    defines = len(parts) == 1 and _DEFINITION_OF.match(parts[0].strip()) is not None
    for part in parts:
        part = part.split("|")[0]
        pieces = [p for p in part.split("的") if p.strip()] if has_han(part) else [part]
        # "复杂一点的查询", "缓存命中时的延迟": what describes the noun after 的 is no topic
        pieces = [p for i, p in enumerate(pieces) if i == len(pieces) - 1 or not _zh_describes(p)]
        if has_han(part):
            pieces = _without_aspects([q for p in pieces for q in _zh_prepositional(p)])
        for term in [
            reading
            for piece in pieces
            for t in _contrasted(
                _candidates(_strip_loose(clean_title(piece)), named), piece, contrasted
            )
            for reading in _facet_readings(FACET_OF.sub("", t), level)
        ]:
            if not term.strip():
                continue  # nothing left: "基础" (basics) once its generic tail is cut off
            # the uncut facet reading ("Array Implementation") must be found in the body
            whole = (
                len(parts) == 1
                and (
                    term == clean_title(plain)
                    or (" " in term and term == _ARTICLE.sub("", clean_title(plain), count=1))
                )
                and not gerund(term.split()[0])
                and term.split()[0].lower() not in EN_GENERIC
                and not (level >= 2 and FACET_AFTER.search(term))
            )
            if (
                (acceptable(term, heading=True) or (len(parts) == 1 and _prepositional_name(term)))
                and (term.casefold() == "references" or not apparatus(term))
                # a Chinese aspect's word left alone once a chapter title's name is cut off
                # it ("计算机组成原理": 原理) is no topic: only a whole title stands as its own
                and (
                    defines
                    or not facet(term, level if whole or not has_han(term) else max(level, 2))
                )
            ):
                cues.append(Cue(term.replace("`", ""), "heading", block, level, whole))
    if has_han(plain):
        cues = [c for c in cues if not _verb_before_its_object(c.term, plain)]
    if has_han(plain) and ZH_CLAUSE_BREAK.search(text):
        cues = [c for c in cues if not _zh_task_verb(c.term)]
    return list({concept_key(c.term): c for c in cues}.values())


# what opens a part of a task said as a sentence: a verb ("编写算法", "求字符串", "统计"),
# a conjunction ("若", "并分析算法")
_ZH_TASK_OPENERS = {"v", "c"}


def _zh_task_verb(term: str) -> bool:
    """A Chinese exercise set heads each task with its sentence ("编写算法，从字符串 s 中删除
    …", "设…为串，请给出…的条件"): in a heading of clauses, a part that opens on a verb or
    a conjunction is what the student is told to do (编写算法, 求字符串, 统计, 存放, 设 were
    concepts of one set), not a topic; the nouns the task names stay (字符串, 特征向量), as
    English drops a task's imperative (`_imperative`)."""
    words = [(w, t) for w, t in rjieba.tag(term) if w.strip()]
    return bool(words) and words[0][1] in _ZH_TASK_OPENERS


def _contrasted(candidates: list[str], piece: str, contrasted: list[str]) -> list[str]:
    """A shared head's readings keep their modifiers, however ordinary the word: set against
    another modifier of the same head, each tells one kind from the other ("Free and bound
    variables": free variables, as bound ones; "free" cut off as a generic word had left
    only "variables"; "General and special relativity")."""
    whole = _strip_loose(clean_title(piece))
    if piece not in contrasted or whole in candidates:
        return candidates
    return [whole, *candidates]


# the kinds of a stated result, which a heading may open with before its subject
_RESULT_KIND = re.compile(r"(?:theorem|lemma|proposition|corollary|conjecture)s?", re.I)
_DEFINITION_OF = re.compile(r"definitions?\s+of\s+\S", re.I)

# the prepositions that join a noun to the phrase completing its name in a heading ("Games
# against the Field", "Tragedy of the Commons", "Return on Investment")
_NAME_PREPOSITIONS = frozenset(
    {"of", "against", "on", "for", "in", "between", "under", "over", "versus", "without"}
)
_PREPOSITION_PHRASE = re.compile(
    r"\s(" + "|".join(sorted(_NAME_PREPOSITIONS)) + r")\s+(?:(?:the|an?)\s+)?", re.I
)


def _prepositional_name(term: str) -> bool:
    """A heading's name that is a noun and a prepositional phrase with an article in it
    ("Games against the field", "Theory of the firm"): `acceptable` reads a function word
    inside a name as a clause's ("increase the reference count"), which a heading's noun
    phrase is not. The noun before the preposition must be a noun and not a gerund
    ("Working in the lab" is an activity); the rest must pass as "… of …" does."""
    found = list(_PREPOSITION_PHRASE.finditer(term))
    if len(found) != 1 or has_han(term):
        return False
    words = term[: found[0].start()].split()
    if not words or gerund(words[0]) or not _noun_capable(words[-1].lower()):
        return False
    return acceptable(_PREPOSITION_PHRASE.sub(" of ", term), heading=True)


def _plus_listed(side: str) -> str:
    """ "主语 + 系动词 + 表语" listed as "主语、系动词、表语": each side of a spaced plus is a
    name. A side of one character is a formula's shorthand ("It + 动 + that 从句": a verb),
    no list, and the heading is left whole."""
    pieces = _SPACED_PLUS.split(side)
    if len(pieces) < 2 or any(len(p.strip()) < 2 for p in pieces):
        return side
    return "、".join(pieces)


def _zh_counted_label(part: str) -> bool:
    """A noun counted by a Chinese numeral, "句型一", "专题三", "案例二": which of a series
    the section is (its topic follows the colon), no name. rjieba keeps a name that ends on
    a numeral one word ("星期一", "知行合一", "一对一"), so only a noun then a numeral is one."""
    tags = rjieba.tag(part)
    return (
        len(tags) == 2
        and tags[0][1].startswith("n")
        and len(tags[0][0]) >= 2
        and tags[1][1] == "m"
        and all(c in _ZH_NUMERALS for c in tags[1][0])
    )


def _zh_as(part: str) -> list[str]:
    """A heading part telling one thing's use as another, "陈述句作主语", "介词后作宾语",
    "数组作为参数", names the two things, each a topic the body teaches; the phrase whole
    is no name (a grammar deck had nine such: "陈述句作表语", "陈述句作同位语", …). The
    thing before 后 ("after") is the thing itself, and a preposition before it goes ("在及物
    动词后作宾语"); a part opening on the verb names what it serves as ("作为函数的参数")."""
    tagged = rjieba.tag(part)
    words = [w for w, _ in tagged]
    at = next((i for i, w in enumerate(words) if w in _ZH_SERVES_AS and i < len(words) - 1), -1)
    if at < 0:
        return [part]
    start = 1 if at > 1 and tagged[0][1] == "p" else 0
    before = "".join(words[start:at]).strip()
    if words[at] == "后作" or before.endswith("后"):
        before = before.removesuffix("后")
    return [p for p in (before, "".join(words[at + 1 :]).strip()) if p]


# what may follow a verb that ends its part: 的, 了, a conjunction or preposition ("的下载与
# 卸载"), punctuation; anything else is its object
_NO_OBJECT = {"uj", "ul", "c", "p", "x"}
# where or into what the action goes, after the verb ("推送到远程仓库", "上传至服务器"): no
# object, the action is the topic
_COMPLEMENTS = _words("到 在 向 给 至 往 于 入 回 出 进 成 为")


def _verb_before_its_object(term: str, heading: str) -> bool:
    """A common verb (`_action`) that a Chinese heading goes on from with its object:
    "获取 Git 仓库", "允许多个数据所有者", "读取 vector 的元素" are about the object after
    the verb, which the heading names too; the verb alone was a concept (获取, 允许, 读取,
    匹配 of a Rust book). A verb ending its heading ("表的删除") is left to the body
    (`concepts._actions_on_their_topic`); a rare one (遍历) is an operation taught by
    name, as there."""
    if not _action(term):
        return False
    at = heading.find(term)
    rest = heading[at + len(term) :].strip() if at >= 0 else ""
    if not rest:
        return False
    word, tag = rjieba.tag(rest)[0]
    return tag not in _NO_OBJECT and word not in _COMPLEMENTS


# The column of a syllabus's or a course plan's table that names what each row teaches
# (a Chinese schedule's chapters to read name each section's topic: "阅读章节 | §2.3 连续型
# 随机变量")
_TOPIC_COLUMN = re.compile(
    r"(?:(?:lecture|lesson|class|week(?:ly)?|course)\s+)?(?:topics?|subjects?|contents?|themes?)"
    r"|lecture|lesson|主题|内容|教学内容|课程内容|讲授内容|知识点|教学主题|(?:阅读|教学|授课|课程)?章节",
    re.I,
)
# what a schedule's line cites beside its topic: a date ("01/13", "Jan 15", "9 月 6 日"), a
# textbook's section ("§1.1", "2.2 ") or chapter ("第二、三章")
_SCHEDULE_DATE = re.compile(
    r"[(（]?\s*(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b)"
    r"\s*[)）]?\s*[:：\-\u2013\u2014]?\s*",
    re.IGNORECASE,
)
_SCHEDULE_REF = re.compile(
    r"§\s*\d+(?:\.\d+)*\s*|(?<![\w.])\d+\.\d+(?:\.\d+)*\s+"
    r"|第\s*[一二三四五六七八九十\d、，,]+\s*章(?=\S)"
)


def schedule_text(text: str) -> str:
    """A schedule's line without the dates and the textbook's numbers it cites."""
    return _SCHEDULE_REF.sub("", _SCHEDULE_DATE.sub("", text)).strip(" -\u2013\u2014:：")


# what opens a Chinese clause's predicate straight after its subject: a modal, an adverb
# or 是 (rjieba tags 可以 a conjunction); a verb is read from its tag
_ZH_PREDICATE_OPENERS = _words(
    "是 可以 可 能 能够 会 将 就 也 都 不 还 需要 必须 应该 应 被 只 只能 并 又 则"
)
_ZH_CLAUSES = re.compile(r"[。！？；，、,;:：!?\n]+")
MIN_SUBJECT_USES = 2


def apparatus_as_topic(blocks: Sequence[Block], index: int) -> str:
    """The word of an apparatus heading ("索引", "目录") that its own section's prose takes
    as its subject ("索引可以提高检索速度", "索引创建了一种有序的结构"): a database
    chapter's index or a file system's directory, no book's index or table of contents
    (whose body is entries, never sentences about it). Empty when the heading is no such
    word, or its section never makes it the subject of two clauses."""
    heading = blocks[index]
    plain = HEADING_NUMBER.sub("", clean_title(_ASIDE.sub("", heading.text))).strip()
    if not has_han(plain) or not apparatus(plain) or " " in plain:
        return ""
    uses = 0
    body = blocks[index + 1 :]
    if len(body) > 1 and body[0].kind == "heading" and body[1].kind != "heading":
        # plain text reads the section's first line ("- 索引的作用") as a heading of its
        # own, ranked by a guess: the prose after it is still the section's
        body = body[1:]
    for block in body:
        if block.kind == "heading" and block.level <= heading.level:
            break
        if block.kind not in ("paragraph", "list_item", "quote"):
            continue
        for clause in _ZH_CLAUSES.split(prose(block.text)):
            tagged = rjieba.tag(clause.strip(" -*>\t"))
            if (
                len(tagged) >= 2
                and tagged[0][0] == plain
                and (
                    tagged[1][0] in _ZH_PREDICATE_OPENERS
                    or tagged[1][1].startswith(("v", "d"))
                    # a verb rjieba tags a noun, read as one by its aspect: "记录了"
                    or (len(tagged) >= 3 and tagged[2][0] in ("了", "着", "过"))
                )
            ):
                uses += 1
    return plain if uses >= MIN_SUBJECT_USES else ""


_KEYWORD = re.compile(r"[A-Z][A-Z0-9_]+(?:\s+[A-Z][A-Z0-9_]+){0,2}")
_ZH_THEN_KEYWORD = re.compile(rf"^(.*[\u4e00-\u9fff])\s*({_KEYWORD.pattern})$")
_ZH_BY_MEANS = re.compile(rf"^(?:{_ZH_MEANS})(.+)$")


def _zh_means(heading: str) -> str:
    """ "通过括号优先处理" (handled first by means of brackets): a heading naming a means and
    then only what is done with it (verbs, adverbs) names the means, 括号; "通过梯度下降求解
    参数", whose rest holds a noun, is read as before."""
    match = _ZH_BY_MEANS.match(heading)
    if not match:
        return heading
    tagged = rjieba.tag(match.group(1))
    lead = 0
    while lead < len(tagged) and tagged[lead][1].startswith(("n", "eng")):
        lead += 1
    if 0 < lead < len(tagged) and all(tag.startswith(("v", "d")) for _, tag in tagged[lead:]):
        return "".join(word for word, _ in tagged[:lead])
    return heading


def _aspects_of_one_topic(parts: list[str]) -> list[str]:
    """ "Enzyme Structure and Function", "Matrix Operations and Properties": two aspects
    of the topic the first part opens with (its structure, its function), so the topic
    is that modifier, "Enzyme", not "Enzyme Structure" and "Function"."""
    first = parts[0].split() if len(parts) == 2 else []
    if len(first) < 2 or len(parts[1].split()) != 1:
        return parts
    *topic, aspect = first
    if all(FACET_OF.match(f"{word} of x") for word in (aspect, parts[1].strip())):
        return [" ".join(topic)]
    return parts


# a paper's or a thesis's own list of its key terms, after its abstract: "Keywords: a; b",
# "Index Terms—a, b" (IEEE), "Additional Key Words and Phrases:" (ACM), "关键词：甲，乙",
# "【关键词】"; the label may stand with a space alone ("Keywords Smart Watches; …")
_KEYWORDS_LABEL = re.compile(
    r"^[\s*_【\[]*(?:additional\s+)?(?:key\s*words(?:\s+and\s+phrases)?|index\s+terms"
    r"|关\s*键\s*[词字]|主题词)[\s*_】\]]*(?:[:：—–-]+|\s)[\s*_]*(.+)$",
    re.I | re.S,
)
_KEYWORD_SEPARATORS = re.compile(r"\s*[;；,，、]\s*")
_ZH_EXAMPLE_OPENERS = ("如", "例如", "比如", "包括", "即")
MAX_KEYWORD_WORDS = 6  # past this an item is a sentence ("Keywords are reserved words …")
MAX_KEYWORD_CHARS = 16


def keyword_list(text: str) -> list[str]:
    """The items of a keywords line, or none when `text` is no such line: every item is
    short (a sentence that opens on "Keywords" lists nothing) and, with no colon or dash
    after the label, there are two items or more, none opening on a small letter; no item
    opens on a function word (a name does not: "in one line", 如 if). The label is plural:
    a glossary's "**keyword:** …" defines one word."""
    match = _KEYWORDS_LABEL.match(text.strip())
    if match is None:
        return []
    items = [i.strip(" *_.。") for i in _KEYWORD_SEPARATORS.split(match.group(1).strip())]
    items = [i for i in items if i]
    marked = re.match(r"[^:：—–-]*[:：—–-]", text.strip()[: match.start(1)]) is not None
    if not items or (len(items) < 2 and not marked):
        return []
    if not marked and any(i[0].islower() for i in items):
        return []  # "Keywords are reserved words, such as if": a sentence, the label its subject
    if any(i.split()[0].casefold() in EN_STOP or i.startswith(_ZH_EXAMPLE_OPENERS) for i in items):
        return []  # "…, such as if", "What the book calls …", "如 if": a clause, no name
    for item in items:
        size = len(item.replace(" ", "")) if has_han(item) else len(item.split())
        if size > (MAX_KEYWORD_CHARS if has_han(item) else MAX_KEYWORD_WORDS):
            return []
    return items


def table_topics(text: str, block: int) -> list[Cue]:
    """A schedule's topic column ("Week | Topic | Reading"; 周次 | 教学内容): each cell names
    what a row teaches, as a sub-section heading would ("Lists and tuples" → Lists,
    tuples). Tables come from the readers as rows of " | "-joined cells."""
    rows = [row.split(" | ") for row in text.split("\n")]
    if len(rows) < 3:
        return []
    header = [clean_title(cell).strip("*_` ") for cell in rows[0]]
    column = next((i for i, cell in enumerate(header) if _TOPIC_COLUMN.fullmatch(cell)), None)
    if column is None:
        return _kind_column_names(header, rows[1:], block)
    if column and has_han(header[column]) and not _scheduled_rows(rows[1:]):
        # "项目 | 内容 | 影响": a Chinese table whose rows are named, not numbered or dated,
        # describes what its first column names; its 内容 cells are statements about
        # each ("割香港岛给英国", "开放广州、福州…为通商口岸"), no schedule's topics
        return []
    # each name a cell lists is a topic the author schedules, whether or not the body
    # (often a paragraph or two in a syllabus) names it again; a reading the cell does not
    # spell out ("Conditionals logic" from "Conditionals and boolean logic") is only offered
    cells = [
        schedule_text(row[column]) for row in rows[1:] if column < len(row) and row[column].strip()
    ]
    return [
        replace(cue, whole=cue.term.casefold() in cell.casefold())
        for cell in cells
        for cue in heading_terms(cell, block, 2)
    ]


# a schedule's row key before its topic: a number, a date, a week's or a lesson's ordinal
# ("1", "一", "第3周", "9 月 6 日", "Week 2")
_ROW_KEY = re.compile(r"(?:第\s*)?[一二三四五六七八九十百]{1,3}\s*(?:周|讲|课|次|章|节|单元)?")


def _scheduled_rows(rows: list[list[str]]) -> bool:
    """Whether most rows open on a number, a date or an ordinal, as a schedule's do."""
    keys = [row[0].strip("*_` ") for row in rows if row and row[0].strip()]
    keyed = sum(1 for k in keys if re.search(r"\d", k) or _ROW_KEY.fullmatch(k))
    return 2 * keyed >= len(keys)


# a column headed by the name or the kind of what the table describes, one a row: "运河名称
# | 地理位置 | 沟通海洋", "类型 | 海拔 | 地表特征", "气候类型 | 分布地区"
_KIND_COLUMN = re.compile(r"[\u3400-\u9fff]{0,4}(?:名称|类型|种类)")
# a cell that is one Chinese name (an element's one character is too short to tell)
_CELL_NAME = re.compile(r"[\u3400-\u9fff]{2,10}")
# a vocabulary table's column of the words it teaches: "Term | Definition | Example",
# "Key term | Meaning", "Vocabulary word | …"; a worksheet's definitions are often blanks
# for the student, so the column alone marks its names
EN_TERM_COLUMN = re.compile(
    r"(?:key\s+|vocabulary\s+)?(?:terms?|words?|concepts?|keywords?)|vocabulary", re.I
)
# A glossary set as a table: its header pairs a column of names with a column of what each
# means ("名词 | 解释", "关键名词 | 备注", "Term | Definition"). A review outline's 名词解释
# section is often such a table; its rows were read as no sentences at all (tables are no
# prose), so none of its terms was defined. The name column must say it lists terms:
# "名称 | 说明" or "Name | Description" is a table of settings or parts, what each is for.
# The Chinese term column's names are cues too (`_kind_column_names`: a Word review
# sheet's 线粒体 and 叶绿体, named only in its table, were lost). Here, not in
# `definitions`, because the PDF reader asks the same of a header it finds
# among loose lines (`readers.pdf._glossary_tables`), and readers import no later stage.
ZH_TERM_COLUMN = re.compile(r"(?:关键|主要|基本|重要|核心|常用|常见)?(?:名词|术语|概念|词语|词条)")
MEANING_COLUMN = re.compile(
    r"(?:名词)?(?:解释|定义|含义|释义|涵义)|说明|备注|注释|描述"
    r"|definitions?|meanings?|explanations?|descriptions?"
    r"|what (?:it|they) (?:does|do|is|are)|roles?|functions?",
    re.IGNORECASE,
)
# a column naming the parts of a model or a system ("Component | What it does"): a course on
# the model teaches each part by what its row says it does, as a glossary's entry would
_EN_PART_COLUMN = re.compile(r"components?|parts?|structures?|elements?", re.IGNORECASE)


def glossary_columns(header: Sequence[str]) -> tuple[int, int] | None:
    """The column of names and, after it, the column of what each means, of a glossary
    table's header cells ("Term | Definition", "名词 | 解释 | 举例"); None for any other
    table's. A cell's Markdown marks are no part of its name."""
    cells = [cell.strip("*_` ") for cell in header]
    if any(_term_column(cell) for cell in cells):
        return _paired_columns(cells, _term_column, MEANING_COLUMN)
    return _event_columns(cells) or _defined_kind_columns(cells)


def _term_column(cell: str) -> bool:
    return bool(
        ZH_TERM_COLUMN.fullmatch(cell)
        or EN_TERM_COLUMN.fullmatch(cell)
        or _EN_PART_COLUMN.fullmatch(cell)
    )


def _paired_columns(
    cells: Sequence[str], names: Callable[[str], object], meanings: re.Pattern[str]
) -> tuple[int, int] | None:
    """The first column `names` accepts and the first after it `meanings` matches."""
    name = next((i for i, cell in enumerate(cells) if names(cell)), None)
    if name is None:
        return None
    meaning = next((i for i in range(name + 1, len(cells)) if meanings.fullmatch(cells[i])), None)
    return None if meaning is None else (name, meaning)


# A history handout's timeline: "Year | Event | Why it mattered", "Date | Law | Effect": the
# events, people or documents it names, each taught by what it brought about (the Stamp Act
# and the Boston Tea Party, named only in such a table, were no concepts of a unit on the
# road to revolution). The column of names pairs only with a column of significance: "Event
# | Description" is a course's calendar as often.
# (and a Chinese one's: "时间 | 事件 | 意义", "条约 | 影响")
_EVENT_COLUMN = re.compile(
    r"(?:key\s+|major\s+|historical\s+)?(?:events?|people|persons?|figures?|battles?|laws?"
    r"|acts?|documents?|treaties|treaty)"
    r"|(?:重大|主要|重要|历史)?(?:事件|条约|战役|会议|人物|文献)(?:名称)?",
    re.IGNORECASE,
)
_SIGNIFICANCE_COLUMN = re.compile(
    r"(?:historical\s+)?(?:significance|importance|impact|effects?|results?|outcomes?"
    r"|consequences?)|why\s+(?:it|they|this)\s+(?:mattered|matters?|(?:is|was|are|were)\s+"
    r"(?:important|significant))"
    r"|(?:历史)?(?:意义|影响|作用|结果|后果)",
    re.IGNORECASE,
)


# "Device | Definition | Example", "Organelle | Definition", "修辞手法 | 定义 | 例句": a
# column headed by the word for "definition" defines what the first column names, whatever
# kind of thing its header calls them (a literary-devices sheet's simile, metaphor and
# five more were no concepts, its header "Device" no word for terms). Only the word itself:
# "Description", "Role", "Notes" beside a first column describe settings and parts as often.
# (a vocabulary organiser's "Definition" box is headed so too: `definitions.headed_table_entry`)
DEFINITION_HEADER = re.compile(r"definitions?|meanings?|定义|含义|释义|词义|解释", re.IGNORECASE)


def _defined_kind_columns(cells: Sequence[str]) -> tuple[int, int] | None:
    """The first column and the column headed "Definition" after it."""
    meaning = next((i for i in range(1, len(cells)) if DEFINITION_HEADER.fullmatch(cells[i])), None)
    return None if meaning is None or not cells[0] else (0, meaning)


def _event_columns(cells: Sequence[str]) -> tuple[int, int] | None:
    """A timeline's column of events and, after it, the column of their significance."""
    return _paired_columns(cells, _EVENT_COLUMN.fullmatch, _SIGNIFICANCE_COLUMN)


# a cell that is one English name: one to four words, no sentence's mark
_EN_CELL_NAME = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?: [A-Za-z][A-Za-z'’\-]*){0,3}")
# …and an event's, a law's or a treaty's, which may hold its year ("Proclamation of 1763")
_EN_EVENT_NAME = re.compile(r"[A-Z][A-Za-z'’\-]*(?: [A-Za-z0-9][A-Za-z0-9'’\-]*){0,5}")
_ZH_EVENT_NAME = re.compile(r"《?[\u3400-\u9fff][\u3400-\u9fff0-9·]{1,15}》?")


def _kind_column_names(header: list[str], rows: list[list[str]], block: int) -> list[Cue]:
    """The names a Chinese table's kind column lists ("苏伊士运河", "巴拿马运河" under
    运河名称; 山地, 高原, 丘陵 under 类型): each row describes the thing it names, as a bold
    entry "**山地**：…" would, so each is marked as emphasis is. An English vocabulary
    table's term column ("Term | Definition") lists the names it teaches."""
    columns = (
        (_KIND_COLUMN, _CELL_NAME, "emphasis"),
        # a vocabulary table lists the names a worksheet teaches, one word or several,
        # often nowhere else ("Fetch", "Gyre" were lost as emphasised single words the
        # body never names): a kind of its own, "entry"
        (EN_TERM_COLUMN, _EN_CELL_NAME, "entry"),
        # "线粒体", "叶绿体" in a 名词 | 解释 table's rows were lost: named once, in the table
        (ZH_TERM_COLUMN, _CELL_NAME, "entry"),
    )
    events = _event_columns(header)
    if events is not None:
        # a timeline's events, taught by their significance (`_event_columns`), may be
        # named in the table alone, as a vocabulary table's terms are
        cells = (row[events[0]].strip("*_` ") for row in rows if events[0] < len(row))
        return [
            Cue(cell, "entry", block)
            for cell in cells
            if _EN_EVENT_NAME.fullmatch(cell) or _ZH_EVENT_NAME.fullmatch(cell)
        ]
    for pattern, name, kind in columns:
        column = next((i for i, cell in enumerate(header) if pattern.fullmatch(cell)), None)
        if column is not None:
            if kind == "emphasis" and _measured_rows(rows, column):
                return []
            cells = (row[column].strip("*_` ") for row in rows if column < len(row))
            # a form's labels are no kinds: a 教案's cover table "课程名称 | 中医基础理论 |
            # 授课对象 | …" gave 授课题目 and 授课类型 as names under 课程名称
            return [
                Cue(cell_case(cell), kind, block)
                for cell in cells
                if name.fullmatch(cell) and not apparatus(cell)
            ]
    if _defined_kind_columns(header) is not None:
        # "Device | Definition": the first column's names, as a term column's
        cells = (row[0].strip("*_` ") for row in rows if row)
        return [
            Cue(cell_case(cell), "entry", block)
            for cell in cells
            if (_EN_CELL_NAME.fullmatch(cell) or _CELL_NAME.fullmatch(cell)) and not apparatus(cell)
        ]
    return []


# a measurement: a number with its sign, decimals, exponent or percent ("7.94", "-0.3",
# "1.2e-3", "45%"); a blank or a dash where none was taken. A sign alone is no number: an
# operators table's "15 | 一元加号 | `+`" lists a symbol (its names were lost)
_NUMBER_CELL = re.compile(r"[-+−]?\d[\d,.]*(?:[eE][-+−]?\d+)?\s*[%‰]?")
_NOT_TAKEN_CELL = re.compile(r"[-—–/]?")


def _measured_rows(rows: list[list[str]], column: int) -> bool:
    """Most rows give numbers in every cell beside the name: a data table's rows are the
    samples measured ("四川攀枝花龙洞 | 7.94 | 9.47", a worked case's monitoring sites), not
    things the text describes and teaches; 18 sites were concepts of an evaluation-models
    chapter and one sat in a module."""
    measured = 0
    for row in rows:
        cells = [c.strip("*_` ") for i, c in enumerate(row) if i != column]
        numbers = sum(1 for c in cells if _NUMBER_CELL.fullmatch(c))
        if numbers and numbers + sum(1 for c in cells if _NOT_TAKEN_CELL.fullmatch(c)) == len(
            cells
        ):
            measured += 1
    return 2 * measured >= len(rows)


def cell_case(cell: str) -> str:
    """A cell's first capital is the cell's, as a sentence's is: "Spring tide", "Fetch" are
    the common words spring tide, fetch; a name the dictionary does not know ("Coriolis
    effect") or one in capitals past its first letter ("DNA", "McArthur") keeps it. So
    does a name whose later words are capitalised too ("Proclamation Line", "Sons of
    Liberty"): a proper name, where lowering the first alone wrote "proclamation Line"."""
    first, *rest = cell.split(" ")
    if has_han(cell) or not first[1:].islower() or not first[:1].isupper():
        return cell
    if any(word[:1].isupper() for word in rest):
        return cell
    if not set(getAllLemmas(first.lower())) & {"NOUN", "ADJ", "VERB"}:
        return cell
    return first.lower() + cell[len(first) :]


_EXAMPLES_AFTER = re.compile(r"\s+examples$", re.IGNORECASE)


def _facet_readings(term: str, level: int) -> list[str]:
    """A sub-section's "Hash Table Implementation" is about the hash table. In the plural
    after one word, "Default Implementations" may instead name a kind of implementation
    (a facet of one topic is singular): both readings are offered, and the body decides
    (a heading's term must occur there). Examples of a topic of two words or more, at any
    level, are the topic's: a handout headed each pattern's sentences "Linking Verb
    Examples", "Transitive Verb Examples", and each was a concept beside the verb it shows
    ("Adversarial Examples", "Training Examples" keep their word: one word before)."""
    examples = _EXAMPLES_AFTER.sub("", term)
    if examples != term and len(examples.split()) >= 2:
        return [examples]
    if level < 2:
        return [term]
    cut = FACET_AFTER.sub("", term)
    if " " not in cut.strip() and term.casefold().endswith("implementations"):
        return [cut, term]
    return [cut]


def facet(term: str, level: int) -> bool:
    """A sub-section's heading that names an aspect of its parent's topic ("Advantages",
    "Code Implementation", "复杂度分析"); a chapter's own title (level 1) never is one."""
    plain = " ".join(term.casefold().split())
    return level >= 2 and (plain in FACET_HEADINGS or REFERENCE_FACET.fullmatch(plain) is not None)


# "Ways to Enhance Memory": "to", a word, then at least one more
_INFINITIVE = re.compile(r"\bto\s+([A-Za-z]+)(?=\s+\w)", re.I)


def _without_infinitive(match: re.Match[str]) -> str:
    """ "to Enhance" → "to": a word English knows only as a verb, in its bare form after
    "to", is an infinitive, what is done to the topic after it ("Ways to Enhance Memory"
    named "enhance memory"); "to Graph Theory" keeps its noun."""
    word = match.group(1).lower()
    if _MEANS_BEFORE.search(match.string, 0, match.start()):
        # "Ways to measure soil moisture", "How to test water hardness": after a noun of
        # means the word is a verb, a noun too or not ("measure soil moisture" was a
        # lesson's concept, over the soil moisture it measures)
        return "to"
    lemmas = getAllLemmas(word)
    return "to" if set(lemmas) == {"VERB"} and word in lemmas["VERB"] else match.group(0)


_MEANS_BEFORE = re.compile(
    rf"^\W*(?:{_MEANS_COUNT})?(?:ways|how|methods|techniques|tips)\s*$", re.I
)


def shared_head(parts: list[str]) -> list[str]:
    """Coordinated modifiers share the last part's head: "前序、中序、后序遍历" → 前序遍历,
    中序遍历; "Preorder, Inorder, and Postorder Traversal" → Preorder Traversal, Inorder
    Traversal; "Min and Max Heaps" → Min Heaps. Extra candidates only: a heading's term must
    still occur in the body, so a wrong reading ("Enums Matching") is never kept."""
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 2:
        return []
    *first, last = parts
    if has_han(last):
        width = len(first[0])
        if width > 3 or len(last) <= width or any(len(p) != width for p in first):
            return []
        return [p + last[width:] for p in first]
    head = last.split()[1:]
    if not head or any(len(p.split()) != 1 for p in first):
        return []
    return [f"{p} {' '.join(head)}" for p in first]


# adjective endings of words the lexicon does not know ("ionic", "covalent", "trigonal")
_ADJECTIVE_ENDING = re.compile(r"(?:ic|al|ous|ive|ent|ant)$", re.I)


def bare_modifier(part: str) -> bool:
    """One word the lexicon knows only as an adjective, or not at all but shaped like one."""
    words = part.split()
    if len(words) != 1:
        return False
    lemmas = getAllLemmas(words[0].lower())
    if lemmas:
        # an adjective the lexicon also lists as a noun of the same spelling ("an
        # independent", "a longitudinal") still modifies: "Independent and Dependent
        # Variables", "Longitudinal and Cross-Sectional Research"
        return "ADJ" in lemmas and set(lemmas) <= {"ADJ", "NOUN"}
    return _ADJECTIVE_ENDING.search(words[0]) is not None


def _shared_action(part: str, last: str) -> bool:
    """A lone gerund before a last part that opens with a verb's -ing form too: two actions
    on one object ("Selecting and Assigning Experimental Participants"), whose first word
    alone names nothing ("Selecting" was a concept)."""
    first = last.split()
    # the second action may also be a noun ("Identifying and labeling triads": lemminflect
    # knows "labeling" as a noun too, and "Identifying" was a concept)
    return (
        part is not last
        and gerund(part.strip())
        and len(first) >= 2
        and first[0].lower().endswith("ing")
        and "VERB" in getAllLemmas(first[0].lower())
    )


def gerund(word: str) -> bool:
    """A word that is only a verb's -ing form ("Storing", "Listing"; not "String")."""
    lowered = word.lower()
    return lowered.endswith("ing") and set(getAllLemmas(lowered)) == {"VERB"}


def _strip_loose(part: str) -> str:
    """The part without the function words at its ends (在, 把, 就, 是 …), each stripped
    only where rjieba reads it as a word of its own: "在数组" → 数组, but "就业" keeps its
    就 (a plain strip of the characters left 业 a concept of "就业的湖泊模型")."""
    part = part.strip(" ")
    if not has_han(part):
        return part
    words = rjieba.cut(part)
    while words and all(ch in _ZH_LOOSE for ch in words[0]):
        words.pop(0)  # 在, 把, "就是" (words of loose characters only), spaces
    while words and all(ch in _ZH_LOOSE for ch in words[-1]):
        words.pop()
    return "".join(words)


def _candidates(part: str, named: bool) -> list[str]:
    return _zh_heading_runs(part) if has_han(part) else _en_heading_parts(part, named)


# "Least Squares", "The Least Common Multiple", "least upper bound": a stop word ("at
# least") that opens a name before a noun; in a heading both readings, the body decides
# ("most" is left a stop word: "most students", "most algorithms")
_NAME_OPENING_STOPS = frozenset({"least"})


def _imperative(word: str) -> bool:
    """A verb of a task or an objective ("Calculate", "Derive", "Solve") that English knows
    only as a verb, written as a heading's first word is (an acronym in capitals, "SELECT",
    is a keyword, not a verb)."""
    lower = word.lower()
    if lower not in OBJECTIVE_VERBS or not (word[0].isupper() and word[1:].islower()):
        return False
    lemmas = getAllLemmas(lower)
    return set(lemmas) == {"VERB"} and lower in lemmas["VERB"]


def _en_heading_parts(part: str, named: bool) -> list[str]:
    """ "Creating a New Vector" → "Vector": leading articles and generic words go; a leading
    gerund gives both readings ("Dangling References" is a term, "Storing Lists" is not:
    the body decides, as a heading term must occur there). `named`: the part is a whole
    heading or one of a list of names ("Map and Set"), so one everyday word is its topic."""
    words = part.split()
    whole = len(words) == 1
    variants = []
    if len(words) > 1 and _imperative(words[0]):
        # "Calculate instantaneous radiative forcing", "Compute the mean free path": a task
        # heading; what it works on is the topic. Both readings, the body decides
        variants.append(" ".join(words))
        words.pop(0)
    while words:
        first = words[0].lower()
        if first.startswith("`"):
            break  # code named in a heading is a name ("`where` Clauses")
        if first in EN_STOP or first in EN_GENERIC:
            rest = words[1:]
            compact = not EN_STOP & {w.lower() for w in rest}
            if (first in EN_GENERIC and len(rest) >= 2 and compact) or (
                first in _NAME_OPENING_STOPS | EN_SIDES and rest and compact
            ):
                # "Complete Binary Tree", "Full Binary Tree": an ordinary adjective before a
                # compact noun phrase may name a kind of it; both readings, the body decides
                variants.append(" ".join(words))
            words.pop(0)
        elif gerund(first) and len(words) > 1:
            variants.append(" ".join(words))
            words.pop(0)
        else:
            break
    rest = " ".join(words)
    # a word in capitals in a heading that is not all capitals is a name its subject gives
    # a thing ("The HEAD": a tool's chapter lost its section's topic), no everyday word
    shouted = len(rest) > 1 and rest.isupper() and not part.isupper()
    if len(words) == 1 and everyday(rest.lower()) and not (named and whole) and not shouted:
        return variants  # "Point", "Data" left over from "… to Point to Data …"
    return [*variants, rest]


# What a Chinese heading says of its topic after 的 or 及其: its definition by some means,
# its meaning, what brings it about or bears on it ("行列式的逆序数定义", "行列式的几何意义",
# "静息电位的产生机制", "心肌细胞跨膜电位及其形成机制", "影响心肌收缩的因素"). The aspect is no
# topic; the topic before it is. 机制 after a noun is a name of its own ("注意力机制"): only
# alone or after a word saying how it arises is it an aspect.
_ZH_ASPECTS = ("定义", "意义", "因素")
_ZH_MECHANISM = re.compile(r"^(?:产生|形成|发生|发病|作用|调节|主要|基本)?机制$")


def _zh_aspect(piece: str) -> bool:
    bare = piece.replace(" ", "")
    return bare.endswith(_ZH_ASPECTS) or _ZH_MECHANISM.match(bare) is not None


# A moment in a thing's history told after 的: its rise, birth, founding, issue or fall
# ("共产主义运动的兴起", "欧盟的建立", "杜鲁门主义的出台", "《共产党宣言》的发表"). The
# event is no topic of its own; the thing is. A history review sheet underlines such
# answers whole, and its headings say them: "兴起" and "诞生" were concepts of a unit on
# the industrial revolution, "杜鲁门主义的出台" one of a modern-history outline. Only the
# bare event word: "电子计算机的广泛使用" says more than when the thing came about.
_ZH_EVENTS = frozenset(
    {"兴起", "崛起", "诞生", "产生", "出现", "形成", "建立", "成立", "确立", "出台"}
    | {"发表", "提出", "签订", "召开", "爆发", "衰落", "灭亡", "解体", "瓦解", "终结"}
)


def zh_event(piece: str) -> bool:
    return piece.replace(" ", "") in _ZH_EVENTS


# A part of a thing, a way or a course of it, told after 的 ("卡诺图的结构", "逻辑电路的描述
# 方法", "光合作用的过程"): said of any topic, it is no topic itself, alone or after a verb or
# an adjective saying which ("描述方法", "工作原理", "主要特点"). The two were concepts of a
# digital-logic handout. After a noun it is a name ("有限元方法", "存储结构"), kept.
_ZH_FACET_HEADS = frozenset(
    {"结构", "组成", "原理", "特点", "特征", "性质", "分类", "类型", "步骤", "方法"}
    | {"过程", "作用", "功能", "应用"}
)
_ZH_FACET_MODIFIERS = ("v", "vn", "a", "b")


def _zh_facet(piece: str) -> bool:
    words = [(w, p) for w, p in rjieba.tag(piece.replace(" ", "")) if w.strip()]
    return (
        bool(words)
        and words[-1][0] in _ZH_FACET_HEADS
        and all(p in _ZH_FACET_MODIFIERS for _, p in words[:-1])
    )


# A count of the topic's parts told after 的 ("分组的三大操作", "细胞的两种死亡方式", "光合
# 作用的四个阶段"): the parts the sections under it go on to name, never a name itself (a
# pandas chapter's "三大操作" was a concept and a module's topic beside 分组).
_ZH_COUNTED_PARTS = re.compile(
    r"^(?:[两二三四五六七八九十几多]|\d{1,2})\s*(?:大|种|个|类|项|条|点|步|层|方面|阶段|要素|部分)"
)


def _zh_counted(piece: str) -> bool:
    return _ZH_COUNTED_PARTS.match(piece.strip()) is not None


# the verbs by which a factor bears on its topic ("影响心肌收缩的因素": the topic is 心肌收缩)
_ZH_BEARING = ("影响", "决定")


def _without_aspects(pieces: list[str]) -> list[str]:
    kept: list[str] = []
    for i, piece in enumerate(pieces):
        topic, joined, after = piece.partition("及其")
        if joined and _zh_aspect(after):
            piece = topic
        if not (
            i > 0
            and (_zh_aspect(piece) or _zh_facet(piece) or zh_event(piece) or _zh_counted(piece))
        ):
            kept.append(piece)
        elif kept[-1].strip().startswith(_ZH_BEARING):
            kept[-1] = kept[-1].strip()[2:]
    return [k for k in kept if k.strip()]


# a question word: a heading part holding one asks ("如何创建快照", "进程与线程有什么区别")
_ZH_ASKS = re.compile(r"如何|怎样|怎么|什么|为何|哪些|哪个|哪种")


def _zh_describes(piece: str) -> bool:
    """A heading's words before 的 that describe the noun after it: an adjective, an adverb
    or a quantity alone ("简单", "复杂一点", "有趣"), a clause of time ("缓存命中时"), a
    place ("主机之间") or a purpose ("用于决策")."""
    piece = piece.strip()
    if piece.endswith(("时", "时候")) or piece.endswith(_ZH_PLACE_AFTER):
        return True  # "主机之间的通信方式": where the noun after 的 is, not a name
    if piece.startswith(("用于", "用来", "用以")):
        return True  # "用于决策的指令": what the noun after 的 serves, not a name
    tagged = [(w, p) for w, p in rjieba.tag(piece) if not w.isspace()]
    return bool(tagged) and all(p in _DESCRIBING_ONLY for _, p in tagged)


_DESCRIBING_ONLY = ("a", "ad", "an", "ag", "d", "dg", "m", "mq", "q", "z", "zg")


# the prepositions a heading's piece may open on or hold between two nouns: "对大立即数的
# 编址" (the addressing of large immediates), "计算机硬件对过程的支持" (the hardware's
# support for procedures); 对 alone only where it opens no word of its own (对象, 对称)
_ZH_PIECE_PREPOSITIONS = ("对于", "针对", "对")


def _zh_prepositional(piece: str) -> list[str]:
    """A heading's piece without the preposition it opens on ("对大立即数" → 大立即数), or the
    two nouns a preposition joins in it ("计算机硬件对过程" → 计算机硬件, 过程): the phrase
    names no topic, the nouns do (a 课件 on RISC-V instructions had 对大立即数 and
    计算机硬件对过程 as concepts)."""
    text = piece.strip()
    for word in _ZH_PIECE_PREPOSITIONS:
        rest = text[len(word) :]
        if (
            text.startswith(word)
            and len(_HAN_CHARS.findall(rest)) >= 2
            and not (len(word) == 1 and rjieba.has_word(text[:2]))
        ):
            return [rest]
    tagged = [(w, p) for w, p in rjieba.tag(text) if not w.isspace()]
    # (not where rjieba cut a word the preposition's character opens: "拉格朗日对偶函数" is
    # 拉格朗 + 日 + 对 + 偶函数 to it, and reads as 对偶 + 函数 as well)
    cut = [
        i
        for i, (w, p) in enumerate(tagged)
        if w in _ZH_PIECE_PREPOSITIONS
        and p == "p"
        and not (i + 1 < len(tagged) and _zh_recut(w, tagged[i + 1][0]))
    ]
    if len(cut) == 1 and 0 < cut[0] < len(tagged) - 1:
        before, after = tagged[: cut[0]], tagged[cut[0] + 1 :]
        return ["".join(w for w, _ in before), "".join(w for w, _ in after)]
    return [piece]


_HAN_CHARS = re.compile(r"[\u3400-\u9fff]")


def _zh_recut(preposition: str, word: str) -> bool:
    """The preposition's character and the word after it read as two other words: 对 +
    偶函数 as 对偶 + 函数 (a word of two characters or more left after the first)."""
    rest = word[1:]
    return rjieba.has_word(preposition + word[:1]) and len(rest) >= 2 and rjieba.has_word(rest)


# a place or a span a noun phrase ends on: "主机之间", "进程之中", "三层以上"
_ZH_PLACE_AFTER = ("之间", "之中", "之内", "之外", "之前", "之后", "之上", "之下")
_ZH_PLACE_AFTER += ("以上", "以下", "以内")


def zh_action_object(heading: str, term: str) -> str:
    """In a Chinese heading "X的<verb>" ("表的创建", "约束的设置", "记录的删除和更新"), the
    X that `term`, one of its verbs, acts on; "" when `term` is no such verb. Whether it is
    what is done to X or a topic of its own ("数据库的复制", replication) the body decides
    (`concepts._actions_on_their_topic`)."""
    # without an aside in brackets: "表的创建（CREATE TABLE 语句）"
    text = HEADING_NUMBER.sub("", clean_title(_ASIDE.sub("", heading)))
    if "的" not in text or not _action(term):
        return ""
    head, _, rest = text.partition("的")
    verbs = [p.strip() for p in zh_parts(rest) if p.strip()]
    if term not in verbs or _ZH_ASKS.search(text):
        return ""
    # every part after 的 an action ("的删除和更新"), else no such heading ("使用移动的变量与
    # 数据交互": 变量 is a noun there, whatever rjieba reads it as alone)
    if not all(_action(v) for v in verbs):
        return ""
    # X is a thing: "复杂一点的查询" (somewhat complex queries) describes the queries; a
    # measure word closes a name after a noun ("索引层": 索引 + 层, which rjieba tags as a
    # measure word), a count after a numeral ("三层的")
    tagged = rjieba.tag(head.strip()) if head.strip() else []
    if not tagged:
        return ""
    last = tagged[-1][1]
    counted = last != "q" or len(tagged) == 1 or tagged[-2][1] == "m"
    return "" if last in _DESCRIBING and counted else head.strip()


def _action(word: str) -> bool:
    tagged = rjieba.tag(word)
    return (
        len(tagged) == 1
        and tagged[0][1] in _VERBISH
        and rjieba.suggest_freq(word) >= ZH_ACTION_COUNT
    )


_VERBISH = ("v", "vn", "d")  # rjieba reads "更新" alone as an adverb
_DESCRIBING = ("a", "ad", "an", "d", "m", "mq", "q", "r", "uj", "p", "c")
# jieba's count of a verb common enough to be what is done to a thing ("创建" 2,018,
# "设置" 4,231, "删除" 359, "构建" 550); an operation a textbook teaches by name is rarer
# and stays its topic ("图的遍历": "遍历" 26, "推导" 126, "查找" 205)
ZH_ACTION_COUNT = 300


# A Chinese heading part up to this long may be one name rjieba cuts wrong
ZH_WHOLE_HEADING = 10

# A Chinese heading that is one name glossed in brackets by its letters, maybe after a
# short Chinese form: "药物代谢动力学（药动学，PK）", "最长公共子序列（LCS）". The author
# names the thing whole and abbreviates it, so it is one name however rjieba cuts it: its
# noun runs gave 药物 and 动力学, and a body that never repeats the heading (a mind map's
# outline, a slide) left the name lost.
_ZH_GLOSSED_NAME = re.compile(
    rf"(?P<name>[\u3400-\u9fff]{{3,{ZH_WHOLE_HEADING}}})\s*[（(]\s*"
    r"(?:[\u3400-\u9fff]{2,6}\s*[，,、；;]\s*)?[A-Za-z][A-Za-z0-9./+-]{0,15}\s*[）)]?"
)
_ALL_HAN = re.compile(r"[\u3400-\u9fff]+")


def _zh_heading_runs(part: str) -> list[str]:
    """A short Chinese heading part is one term; a longer one gives its noun runs, and up
    to ZH_WHOLE_HEADING characters itself too: rjieba cuts names it does not know
    ("拉格朗日对偶函数" → 拉格朗 + 日 + 对 + 偶函数, "类别不平衡问题" → 类别 + 不 + 平衡 + 问题).
    The body decides (`concepts._whole_heading_names`): written whole there, it is one name
    and its pieces are no topics of the heading."""
    if _ZH_ASKS.search(part):
        return _zh_asked_runs(part)
    width = len(part.replace(" ", ""))
    if width <= 6 or _ELIDED_CONSTRUCT.fullmatch(part.strip()):
        return [part]
    runs = _zh_noun_runs(part)
    hyphened = _ZH_HYPHENED.fullmatch(part.strip())
    whole = (
        _cut_inside(part, runs)
        or (
            # not the same word either side: "矩阵-矩阵乘法" names an operation's operands
            # (matrix-matrix multiplication), and the operation after the hyphen is the name
            hyphened is not None and not hyphened.group(2).startswith(hyphened.group(1))
        )
        or _ZH_REDUPLICATED.search(part) is not None
    )
    runs = [part, *runs] if whole and part not in runs else runs
    named = _NAME_THEN_ZH.fullmatch(part.strip())
    if named and not any(named.group(2) in run for run in runs):
        # "TCP 拥塞控制", "TCP 滑动窗口": a short Chinese name after a Latin one that
        # rjieba's runs cut (TCP and "TCP 滑动", never 拥塞控制) is whole, as it would be
        # alone; one they keep whole with its Latin name ("class 基本语法") stays so
        runs.append(named.group(2))
    return runs


# One word on both sides of 之, "否定之否定规律", "矛盾之矛盾": a set phrase (the negation
# of the negation) and the name it opens, never a blog series and its post (机器学习之决策树).
# Its runs drop the particle: 否定 and 否定规律 were a philosophy outline's concepts, the law
# itself lost; the whole is offered too, and the body decides as for other names
_ZH_REDUPLICATED = re.compile(r"([\u3400-\u9fff]{1,4})之\1")


# Two Chinese words a hyphen joins into one name, then its kind: "标记-整理算法",
# "生产者-消费者问题", "编码器-解码器结构". rjieba's runs stop at the hyphen, so the
# heading named 标记 and 整理算法 (a GC chapter's mark-compact algorithm, in its own
# heading, was lost); the whole is offered too, and the body decides as for other names
_ZH_HYPHENED = re.compile(r"([\u3400-\u9fff]{1,6})-([\u3400-\u9fff]{2,10})")
# a construct written with its body elided, then its kind: "for...in 循环", "try...catch
# 语句", "if…else 结构"; rjieba cut it at the dots ("for...in 循环" gave "in 循环")
_ELIDED_CONSTRUCT = re.compile(r"[A-Za-z]+(?:\.{2,3}|…)[A-Za-z]+\s*[\u3400-\u9fff]{1,6}")


# a Latin name (an acronym, a product) and a short Chinese name after it
_NAME_THEN_ZH = re.compile(r"([A-Za-z][A-Za-z0-9/.+#-]*)\s+([\u3400-\u9fff]{4,6})")


def _zh_asked_runs(part: str) -> list[str]:
    """A heading part that asks: what it asks about is named before the question word
    ("线程有什么区别" → 线程; 区别 is what is asked), or after it when it opens the part
    ("如何创建快照" → 快照, "为什么会存在视图" → 视图); the question is no name."""
    asks = _ZH_ASKS.search(part)
    start = asks.start() if asks else 0
    before = re.sub(r"(?:有|是|会|要|能|可以|该|为|和|与)+$", "", part[:start].strip())
    if before:  # one character ("表有什么区别" → 表) is a name only as acceptable() finds
        return _zh_heading_runs(before) if len(before) >= 2 else [before]
    return _zh_noun_runs(part)


# the kinds of a named idea a heading may end on: a theory, a hypothesis, an effect, a law
_ZH_THEORY_KIND = r"(?:理论|假说|学说|效应|定律|模型|模式|法则)"
_ZH_THEORY_NAME = re.compile(
    rf"(?P<a>[\u3400-\u9fff]{{2,8}})(?P<join>的|与)(?P<b>[\u3400-\u9fff]{{2,8}}?){_ZH_THEORY_KIND}"
)


def zh_theory_name(part: str) -> bool:
    """A theory named by a phrase: "沉默的螺旋理论" (an adjective, 的, its noun: the silent
    spiral; "就业的湖泊模型" is the lake model *of* employment, two topics), "使用与满足理论"
    (two verbs joined by 与: an activity, not two topics as "供给与需求模型" names two
    nouns). Cut at 的 or 与, its pieces ("螺旋理论", "满足理论") are no names."""
    found = _ZH_THEORY_NAME.fullmatch(part)
    if not found:
        return False
    first = rjieba.tag(found.group("a"))
    if found.group("join") == "的":
        return len(first) == 1 and first[0][1] in ("a", "b", "z")
    second = rjieba.tag(found.group("b"))
    return all(len(t) == 1 and t[0][1] == "v" for t in (first, second))


def zh_cut_name(term: str) -> bool:
    """A Chinese heading part offered whole because rjieba's noun runs cut it inside
    ("拉格朗日对偶函数" → 拉格朗, 偶函数) or drop the 之 of a set phrase ("否定之否定规律")."""
    return _cut_inside(term, _zh_noun_runs(term)) or _ZH_REDUPLICATED.search(term) is not None


def _cut_inside(part: str, runs: list[str]) -> bool:
    """The part, up to ZH_WHOLE_HEADING Han characters and shaped like a name, loses
    characters between or after its noun runs: 日对 in 拉格朗 + 日对 + 偶函数, 不平衡问题
    after 类别. A leading modifier alone lost (内部 before 可变性模式) leaves the head named."""
    if not 6 < len(part) <= ZH_WHOLE_HEADING or part in runs:
        return False
    if _opens_inside_a_word(part):
        return True
    if not _zh_name_shaped(part):
        return False
    covered = [False] * len(part)
    for run in runs:
        start = part.find(run)
        if start >= 0:
            covered[start : start + len(run)] = [True] * len(run)
    first = covered.index(True) if True in covered else len(part)
    return not all(covered[first:])


def _opens_inside_a_word(part: str) -> bool:
    """The part is words before one noun run that ends it, and rjieba began the run inside
    a word: on one character glued to the word before ("最小作用量原理" → 最小 + 作用 +
    量原理) or after a numeral of one ("最小二乘法原理" → 最小 + 二 + 乘法原理). Its run
    alone was the topic, 量原理 and 乘法原理; the body decides on the whole
    (`concepts._whole_heading_names`). A run that stops before the end ("使用栈实现队列")
    or a pronoun or question word leaves the part a heading's wording."""
    if not _ALL_HAN.fullmatch(part):
        return False
    tagged = regroup_zh(rjieba.tag(part))
    nouns = [_noun_tag(pos) for _, pos in tagged]
    if any(pos.startswith("r") for _, pos in tagged) or True not in nouns:
        return False
    first = nouns.index(True)
    if first == 0 or not all(nouns[first:]):
        return _numeral_opens_last_run(tagged, nouns)
    before, before_pos = tagged[first - 1]
    return len(tagged[first][0]) == 1 or (len(before) == 1 and before_pos == "m")


def _numeral_opens_last_run(tagged: list[tuple[str, str]], nouns: list[bool]) -> bool:
    """A modifier rjieba tags a noun may open the part ("普通最小二乘法" → 普通 + 最小 + 二
    + 乘法): the noun run that ends it, after a numeral of one character, began inside a
    word all the same (二乘法), and 乘法 alone was taken for the topic. A run a word of
    more characters opens ("使用栈实现队列": 实现 + 队列) is the heading's wording."""
    last = len(nouns)
    while last > 0 and nouns[last - 1]:
        last -= 1
    if last in (0, len(nouns)) or last < 2:
        return False
    before, before_pos = tagged[last - 1]
    return len(before) == 1 and before_pos == "m"


def _noun_tag(pos: str) -> bool:
    return pos.startswith(("n", "vn")) or pos in ("l", "j", "nz")


def _zh_name_shaped(part: str) -> bool:
    """Han characters only, no pronoun or question word and no verb of two characters
    before the last word: "如何设计大型系统" and "let else 简洁控制流" are a heading's
    wording, "拉格朗日对偶函数" may be a name."""
    if not _ALL_HAN.fullmatch(part):
        return False
    tagged = rjieba.tag(part)
    return not any(
        pos.startswith("r") or (pos in ("v", "vd") and len(word) >= 2 and i < len(tagged) - 1)
        for i, (word, pos) in enumerate(tagged)
    )


def _zh_noun_runs(part: str) -> list[str]:
    runs, current = [], ""
    tagged = regroup_zh(rjieba.tag(part))
    for position, (word, pos) in enumerate(tagged):
        if position == 0 and pos == "v" and len(word) >= 2:
            if position + 1 < len(tagged) and tagged[position + 1][1] == "k":
                current = word  # a suffix makes the verb a kind: 离散型随机变量, 可逆性
                continue
            runs.append(word)  # a heading that opens with an action names it ("遍历 …")
            continue
        if position == 0 and pos == "m" and word.startswith("第"):
            current = word  # an ordinal opens the name: 第二次机会算法, 第二类错误
            continue
        if (pos.startswith(("n", "vn")) or pos in ("eng", "l", "j", "nz") or word.isspace()) or (
            pos == "k" and current
        ):  # a suffix: 关系型数据库
            current += word
        else:
            runs.append(current.strip())
            current = ""
    runs.append(current.strip())
    # one everyday word left alone ("系统", "设计" in 学习如何设计大型系统) is the heading's
    # wording, not its topic, as "Point" is in English (see _en_heading_parts); an ordinal
    # no noun followed is none either
    return [r for r in runs if len(r) >= 2 and not zh_everyday(r) and not _ORDINAL.fullmatch(r)]


_ORDINAL = re.compile(r"第\s*[\d一二三四五六七八九十百]+\s*\w?")


# a heading that is a function's name and its empty call brackets, as code writes it
_CALL_HEADING = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\(\)")
# a call named with the kind of thing it is: "vPortDefineHeapRegions() API函数", "printf()
# 函数", "The malloc() function", "the ADD() macro"
_CALL_OF_A_KIND = re.compile(
    r"(?i:the\s+)?([A-Za-z_][A-Za-z0-9_]*)\(\)\s*"
    r"(?:(?:API\s*)?(?:函数|宏|方法|接口)|(?i:(?:API\s+)?(?:function|method|macro)))"
)
# one name whose words are joined by underscores, each a word or a number: "Heap_1",
# "heap_4", "configTOTAL_HEAP_SIZE", "__init__" (not "_" alone)
_SNAKE_NAME = re.compile(r"_*[A-Za-z][A-Za-z0-9]*(?:_+[A-Za-z0-9]+)+_*")


def _code_terms(text: str) -> list[str]:
    return [
        m
        for m in _CODE_IN_HEADING.findall(text)
        if _TYPE_LIKE.match(m) and m.lower() not in EN_STOP
    ]


_TRAILING_GLOSS = re.compile(r"\s*[（(][^（()）]{1,60}[）)]?\s*$")


# 得 closes a verb's complement ("变得", "做得好"), so a name never ends on it; but 习得
# (acquisition) and 学得 (learning) of second-language teaching, 心得 and 所得 are nouns
# with 得 as their own character. An English name in brackets right after the word, as the
# author glosses a term being introduced ("语言**习得**（language acquisition）"), says
# it is one: the two key concepts of a chapter on language acquisition were lost.
_ZH_GLOSSED_DE = r"[*_」』”]*\s*[（(]\s*[A-Za-z][A-Za-z\s\-]{2,40}[)）]"


def _zh_glossed_de(term: str, text: str) -> bool:
    """The Chinese `term` ends on 得 and `text` glosses it in English at once."""
    return (
        has_han(term)
        and term.endswith("得")
        and re.search(re.escape(term) + _ZH_GLOSSED_DE, text) is not None
    )


def zh_facet_label(term: str) -> bool:
    """A Chinese label naming an aspect of the section's topic, bare or qualified by an
    adjective, a distinguishing word or a time word: "原理", "主要特点", "独特优势" (a unique
    advantage), or said of its topic ("光合作用的实质"). The points a list makes about its
    topic, as a bullet's "优点：…" is, are no terms of their own (a noun before the aspect
    names one: 工作原理, 局部特征; "激素的概念：…" defines 激素, `_ZH_CONCEPT_OF`)."""
    if not has_han(term):
        return False
    if term in FACET_HEADINGS:
        return True
    topic, of, aspect = term.rpartition("的")
    if of and topic and not _ZH_CONCEPT_OF.match(term) and zh_facet_label(aspect):
        return True
    tags = rjieba.tag(term)
    return len(tags) == 2 and tags[0][1] in ("a", "b", "t") and tags[1][0] in FACET_HEADINGS


# a label and its colon opening a block: "优点：", "**原料**："
_ZH_LABEL_OPENING = re.compile(r"[^：:\n]{1,12}[*_]*\s*[：:]")


def emphasis_terms(
    spans: tuple[str, ...], block: int, text: str = "", properties: bool = False
) -> list[Cue]:
    """Emphasised spans of the block `text` that can be names; a lone verb ("*increase*")
    is stress, not a term, unless the text names it as a noun ("the **mean** (average)",
    "columns, called **groups**").
    A gloss inside the span is not part of the name: "*哈希表（hash table）*" names 哈希表,
    "*breadth-first search (BFS)*" names breadth-first search (a PDF's styled run may stop
    before the closing bracket). `properties`: the document states definitions as a
    lecture's numbered environments, whose emphasised predicates are the properties they
    define (`_defined_property`); elsewhere "is *convex* if" is stress as often."""
    spans = tuple(with_maths_letter(part, text) for span in spans for part in zh_listed(span))
    spans = with_shared_head(spans, text)
    # "…成立．定理 3.4.5: Sylvester 不等式": a theorem box's title run into the paragraph
    # before it (a PDF) names its result (`environment_names`); a header's label, nothing
    named = [
        Cue(n, "emphasis", block)
        for s in spans
        if not text.startswith(s)
        for n in environment_names(s)
    ]
    terms = [(_without_stating_verb(emphasis_name(s), s, text), s) for s in spans]
    return (
        named
        + [
            Cue(term, "emphasis", block)
            for term, span in terms
            # "*Summary*": a heading set in the body's size and italics names nothing either
            if (
                acceptable(
                    term,
                    emphasised=True,
                    glossed=_zh_glossed_de(term, text),
                    named=_zh_named_by_verb(term, text),
                )
                or _glossed_adjective(term, text)
                or _named_noun(term, text)
                or _abbreviated_name(term, text)
                or _topic_label(term, span, text)
                or (properties and _defined_property(term, text))
            )
            and not _instruction(span)
            # a file's or a site's name, which `_named_noun` would otherwise let through
            and not _FILE_OR_SITE.fullmatch(term)
            and not _in_an_address(span, text)
            and not environment_label(span)
            and not _run_in_title(span, text)
            and not _ZH_STATEMENT.search(span)
            # "- **优点**：…", "原料：二氧化碳和水": a list's point about its topic, no name
            and not (zh_facet_label(term) and _ZH_LABEL_OPENING.match(text[text.find(span) :]))
            and (
                not _stressed_verb(term, text)
                or _introduced_phrase([term.lower()])
                or _named_noun(term, text)
                or _topic_label(term, span, text)
                # a plural that reads as a verb's third person ("express **premises** of
                # the argument"); a base form stays stress ("the *slope* of a function")
                or (term.endswith("s") and _noun_of(term, text))
                or (properties and _defined_property(term, text))
            )
            # "*Summary*" set alone names the apparatus; "the **conclusion** of the argument"
            # names a term of the subject (logic's conclusion, a database's index)
            and (not apparatus(term) or _noun_of(term, text, determined=True))
            and not equation_operand(term, text, spans)
        ]
    )


# "$n$ 重伯努利试验", "$k$ 阶原点矩", "$n$ 维随机向量", "$n$ 元函数", "$n$ 次多项式": a
# Chinese name counted by a maths letter. A typeset PDF sets the letter in maths italics,
# outside the term's bold, so the marked span opens on the measure word (重伯努利试验)
ZH_MEASURE_WORDS = "阶维重元次"
_MEASURE_OPENED = re.compile(f"[{ZH_MEASURE_WORDS}]")
_LETTER_THEN_MEASURE = re.compile(rf"\$([A-Za-z])\$\s?(?=[{ZH_MEASURE_WORDS}])")


def with_maths_letter(span: str, text: str) -> str:
    """`span` with the maths letter the text sets just before it, when the span opens on a
    measure word ("n重伯努利试验", as the Markdown reader reads "**$n$重伯努利试验**");
    a span that holds the letter as maths ("$n$ 重伯努利试验") in the same form."""
    opening = _LETTER_THEN_MEASURE.match(span)  # a pattern's name, read with its maths
    if opening:
        return opening.group(1) + span[opening.end() :]
    if not _MEASURE_OPENED.match(span):
        return span
    # a letter alone, not the last operand of a sum ("$k$ + $l$ 阶混合矩" is no l阶混合矩)
    letter = re.search(rf"(?<![+\-−×*/=$\s])\s*\$([A-Za-z])\$\s?{re.escape(span)}", text)
    return letter.group(1) + span if letter else span


# "<u>免疫器官、免疫细胞、免疫活性物质</u>": the enumeration comma between names a span
# marks together (an answer sheet underlines the whole answer)
_ZH_ENUMERATION = re.compile(r"^[^，。；：！？,;:!?]+$")


# a name a conjunction joins to another: Han characters only ("细胞膜对 Na+ 和 K+ 的相对通透
# 性" is one phrase)
_ZH_NAME_PART = re.compile(r"[\u3400-\u9fff]{2,12}")


def zh_listed(span: str) -> list[str]:
    """A marked Chinese span listing names marks each of them: with 、, or two or three
    joined by 与, 和 or 及 ("阈上刺激和阈下刺激", a glossary's entry for both; as one name it
    was a concept of its own). Not where the conjunction is a character of a word
    rjieba knows (饱和溶液, 求和约定) or has nothing on one side (子空间和与直和), nor a
    statement (是)."""
    if not has_han(span) or not _ZH_ENUMERATION.match(span):
        return [span]
    if "、" in span:
        parts = [p.strip() for p in span.split("、")]
        return parts if all(0 < len(p) <= 12 for p in parts) else [span]
    if "是" in span or not _ZH_WORD_SEPARATORS & set(span):
        return [span]
    parts = [p.strip() for p in zh_parts(span)]
    if 1 < len(parts) <= 3 and all(
        _ZH_NAME_PART.fullmatch(p) and acceptable(p, emphasised=True) and _plain_name(p)
        for p in parts
    ):
        return parts
    return [span]


def _plain_name(part: str) -> bool:
    """No 的, no adverb, no closing adjective: "动作电位的时程和不应期都较短" is a
    statement about two things, no list of names."""
    words = rjieba.tag(part)
    return words[-1][1] != "a" and not any(pos in ("uj", "d") for _, pos in words)


# "A sequence is *bounded* if …", "It is called *linearly independent* if …": the property
# a definition's predicate sets apart, then the condition that defines it
_DEFINED_PROPERTY = r"\b(?:is|are|be|called)\s+{0}\s*,?\s+(?:if|iff|whenever)\b"


def _defined_property(term: str, text: str) -> bool:
    """An emphasised adjective (or adverb and adjective) that a sentence predicates and
    defines at once ("*bounded*", "*linearly independent*", "*finitely generated*"): the
    property is a concept of the text, where an adjective alone is stress."""
    if not re.fullmatch(r"[a-z][a-z\-]+(?: [a-z][a-z\-]+){0,2}", term):
        return False
    return re.search(_DEFINED_PROPERTY.format(re.escape(term)), text) is not None


# what glosses the word before it at once: ", or capable of …", ", meaning …", ": It is …"
_GLOSS_AFTER = r"(?<=[^\W\d_] ){}(?:\s*,\s*(?:or|meaning|that is|i\.e\.)\s|:\s+[A-Za-z])"


def _glossed_adjective(term: str, text: str) -> bool:
    """An adjective set apart inside its sentence and glossed at once: "A hypothesis is
    also **falsifiable**, or capable of being shown to be incorrect", "Scientific
    knowledge is **empirical**: It is grounded in …" — a term a glossary lists (a
    psychology chapter's "empirical" and "falsifiable" were no concepts), where an
    adjective alone is stress ("results are **reliable**"). A word of the sentence comes
    before it: a label opening its paragraph or item is read as a definition's term or
    not at all, as before."""
    if " " in term or not term.isalpha() or not term.islower() or not bare_modifier(term):
        return False
    return re.search(_GLOSS_AFTER.format(re.escape(term)), text) is not None


_RELATION = "[=≈∝≤≥]"
_WORD = re.compile(r"[a-z]{3}")


def equation_operand(term: str, text: str, spans: tuple[str, ...]) -> bool:
    """A variable of an equation written in prose: a science text sets it in italics as
    maths does ("given by *p* = *hρg*", "*PV* = constant", "*amount of A* = *amount of B*").
    It stands beside a relation and is a symbol (no three-letter run of lower-case letters)
    or faces another emphasised span across it. "**percent yield** = actual yield / …" is a
    term whose value the formula gives: it stays."""
    symbol = _WORD.search(term) is None
    others = [s.strip() for s in spans if s.strip() and s.strip() != term]
    for found in re.finditer(re.escape(term), text):
        after = text[found.end() :].lstrip()
        before = text[: found.start()].rstrip()
        if re.match(_RELATION, after) and (
            symbol or any(after[1:].lstrip().startswith(o) for o in others)
        ):
            return True
        if re.search(_RELATION + "$", before) and (
            symbol or any(before[:-1].rstrip().endswith(o) for o in others)
        ):
            return True
    return False


# "**电子在原子核的外部运动。**": a Chinese span closing on a full stop is a sentence set in
# bold, a claim; a name is never set with its sentence's stop
_ZH_STATEMENT = re.compile(r"[\u3400-\u9fff][^。！？]*[。！？]\s*$")


def _run_in_title(span: str, text: str) -> bool:
    """A box's label and title opening its paragraph, run into the text that follows
    without a stop (a PDF joined the title line to it): "**Field Notes: The Grange
    Movement** In 1867 farmers …"."""
    line = span.strip()
    return (
        ": " in line.rstrip(":")
        and len(line.split()) >= 3
        and text.lstrip().startswith(line)
        and re.match(r"\s+[A-Z]", text.lstrip()[len(line) :]) is not None
    )


# paragraph lead-ins as a document's style: this many paragraphs open on emphasis that
# runs on into their sentence, a quarter of the paragraphs or more, half of those openings
# clauses
LEAD_IN_PARAGRAPHS = 8
LEAD_IN_SHARE = 0.25
LEAD_IN_WORDS = 20  # a paragraph of prose, not a list's line


def _opening(block: Block) -> str | None:
    """The emphasis that opens a paragraph and goes on into more of it ("**_Opinion_** –
    this seems", "**_As we now turn_** to look"), not a label a colon or a stop ends."""
    if block.kind != "paragraph" or not block.emphasis:
        return None
    span, text = block.emphasis[0].strip(), block.text.lstrip()
    if not span or not text.startswith(span) or not re.match(r"\s*[^\s:.]", text[len(span) :]):
        return None
    return span


def _lead_in(block: Block) -> str | None:
    """An opening (`_opening`) of a paragraph of prose that runs on into its sentence in
    lower case ("**_As we now turn_** to look more carefully")."""
    span = _opening(block)
    if span is None or len(block.text.split()) < LEAD_IN_WORDS:
        return None
    return span if re.match(r"\s*[a-z]", block.text.lstrip()[len(span) :]) else None


def lead_in_style(blocks: Sequence[Block]) -> frozenset[int]:
    """The paragraphs whose opening emphasis is the document's typographic style, not a
    stressed term: a textbook that opens most paragraphs on its first words in bold italics
    ("**_As we now turn_** to look", "**_In my view_** not all", "**_The second reason_**
    for"), LaTeX or Word alike. Such a document opens `LEAD_IN_PARAGRAPHS` paragraphs or
    more so, a `LEAD_IN_SHARE` of its paragraphs, and half of those openings are clauses
    (two words or more with a function word); a book that opens paragraphs on the term it
    defines ("**Photosynthesis** is the process …") opens few of them on clauses. Then
    every paragraph's opening, noun or clause, however it goes on, is no emphasis: a
    bookdown ethics text gave the concepts "second argument", "possibility", "rational
    way", "Kant's claim"."""
    paragraphs = [
        b for b in blocks if b.kind == "paragraph" and len(b.text.split()) >= LEAD_IN_WORDS
    ]
    openers = {i: span for i, b in enumerate(blocks) if (span := _lead_in(b))}
    clauses = [
        span
        for span in openers.values()
        if len(span.split()) >= 2 and any(w.lower() in EN_STOP for w in span.split())
    ]
    if (
        len(openers) < LEAD_IN_PARAGRAPHS
        or len(openers) < LEAD_IN_SHARE * len(paragraphs)
        or 2 * len(clauses) < len(openers)
    ):
        return frozenset()
    return frozenset(i for i, b in enumerate(blocks) if _opening(b))


def run_in_heading(text: str, spans: tuple[str, ...]) -> bool:
    """A short paragraph set wholly in bold or italics, not ending as a sentence: a feature
    box's title or a run-in sub-heading ("**Americana: The Freedmen's Bureau**", "**The
    Changing Face of Legislatures**"), neither a term the author stresses nor body text
    for the term statistics. English only: a Chinese text sets whole claims in bold."""
    line = text.strip()
    words = len(line.split())
    return (
        bool(line)
        and not has_han(line)
        and any(span.strip() == line for span in spans)
        # a label and its title, or a title too long for a term ("**Key Terms**" heads a
        # list, a glossary's "**Ku Klux Klan**" line is a term)
        and (": " in line or words >= 4)
        and words <= 12
        and not line.endswith((".", "?", "!", ";", ","))
    )


# after an instruction's verb: an object or where it goes ("Test with …", "Make it fail");
# not "of", which joins a name ("*Test of significance*", "*Process of elimination*")
_INSTRUCTION_SECOND = (EN_DETERMINERS | EN_PREPOSITIONS | {"it", "them", "yourself"}) - {"of"}


def _instruction(span: str) -> bool:
    """An instruction set in emphasis, not a name: "*Test with simplified data.*", "*Check
    conservation laws.*", "**Compare to an oracle.**" — a capitalised verb in its bare form
    before a determiner or a preposition, or an objective verb opening a sentence of three
    words or more ("*Process scheduling.*" and "*Type I error.*" stay names)."""
    words = span.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    if first not in getAllLemmas(first).get("VERB", ()):
        return False
    if words[1].lower().strip(",;:") in _INSTRUCTION_SECOND:
        return True
    return span.rstrip().endswith((".", "!")) and len(words) >= 3 and first in OBJECTIVE_VERBS


# A lab's or a software tutorial's steps set what the reader clicks in bold: "click
# **New**", "the **Create storage account** blade", "单击**确定**按钮" — a control of the
# program's interface, no concept (a Word lab handout made "Basics", "Notifications",
# "Upload" concepts). The verb or noun must touch the span: "the **Upload** drop-down menu".
_INTERFACE_VERB = re.compile(
    r"(?:\b(?:(?:double|right|left)-?)?click(?:ing|s|ed)?(?:\s+(?:on|the))*"
    # "view **Notifications** to verify that …": what a step looks at is a pane too
    r"|\b(?:select|choose|press|tap|open|expand|uncheck|view)(?:\s+the)?"
    r"|(?:单击|双击|右击|点击|点选|选择|选中|勾选|按下|打开|展开)(?:“|\")?)\s*\+?\s*$",
    re.IGNORECASE,
)
_INTERFACE_NOUN = re.compile(
    r"^\s*(?:[”\"])?\s*(?:(?:drop-?down\s+)?(?:button|tab|blade|pane|panel|menu|page|dialog"
    r"|window|option|field|box|link|icon|tile|toolbar|checkbox|check\s+box|command)s?\b"
    r"|(?:按钮|菜单|选项卡|标签页|对话框|窗口|面板|图标|命令|复选框|选项))",
    re.IGNORECASE,
)


def _in_an_address(span: str, text: str) -> bool:
    """Every place the text sets the span is inside a web address or a file's name or
    path: a PDF's typewriter run broken at its dots marked "com" of
    "www.py4e.com/code3/romeo.txt" and "gmodel" of "gmodel.py" as emphasised, and a whole
    book's course taught "com"."""
    found = re.finditer(rf"(?<!\w){re.escape(span)}(?!\w)", text) if span.strip() else ()
    places = [m.start() for m in found]
    return bool(places) and all(
        text[max(0, at - 1) : at] in (".", "/", "@")
        or text[at + len(span) : at + len(span) + 1] in ("/", "@")
        or _BEFORE_FILE_EXTENSION.match(text, at + len(span)) is not None
        for at in places
    )


def interface_label(span: str, text: str) -> bool:
    """The span, where the text sets it, is what a step has the reader click or open."""
    start = text.find(span)
    while start >= 0:
        before, after = text[max(0, start - 40) : start], text[start + len(span) :]
        if _INTERFACE_VERB.search(before) or _INTERFACE_NOUN.match(after):
            return True
        start = text.find(span, start + 1)
    return False


# "**1.全期望公式**", "**2) Ownership**": a bold line numbered as a step or sub-heading
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}[.、)]|[(（]\d{1,2}[)）])\s*(?=[^\d\s])")
# "*Stage 1: Initiation.*", "**Step 2:**": a run-in label's counter, then what it names
_COUNTED_LABEL = re.compile(r"^[A-Za-z]+\s+(?:(?:\d{1,2}|[IVX]{1,4})\s*[:.]|[A-Z]\s*:)\s*")


# "The **law of horizons states** that …": a law's or a principle's bold may run on over the
# verb that states it; the verb and the "that" after the span say it is the law's name
_STATING_VERB = re.compile(
    r"\s+(?:states|says|holds|asserts|posits|stipulates|maintains|predicts)$", re.IGNORECASE
)


def _without_stating_verb(term: str, span: str, text: str) -> str:
    """`term` without a verb of stating the bold took in, when the sentence goes on with
    "that" after the span; "a **force that holds**" (no "that" after) keeps its words."""
    verb = _STATING_VERB.search(term)
    if verb is None or not re.search(re.escape(span) + r"\W{0,3}\s*that\b", text):
        return term
    return term[: verb.start()]


# "*Definition of BCNF*" set as a definition list's term: the term defined is BCNF, as
# a heading "Definition of efficiency" names efficiency (`heading_terms`)
_DEFINITION_LABEL = re.compile(r"^definitions?\s+of\s+(?:(?:an?|the)\s+)?(?=\S)", re.I)


# Kinds of one thing set against each other by their emphasised modifiers, side by side:
# "the *edge* dislocation and the *screw* dislocation", "*positive* feedback or *negative*
# feedback". The stress falls on what tells the kinds apart; the name is the modifier with
# the noun both share (alone, "edge" and "screw" were concepts and the two dislocations
# were not). Only where the two are joined by "and", "or" or a comma: a modifier stressed
# once and another one later ("*prior* beliefs" … "*posterior* beliefs") are concepts of
# their own.
_COORDINATED = r"\s*(?:,\s*|\s+)(?:(?:and|or)\s+)?(?:(?:the|an?)\s+)?"


def with_shared_head(spans: tuple[str, ...], text: str) -> tuple[str, ...]:
    """`spans` with the noun that follows two one-word spans alike, coordinated in `text`,
    added to each of them; the noun is no stop word and, unless the first span follows an
    article ("*arrays* store and *lists* store" may be verbs), no verb either."""
    words = [s for s in dict.fromkeys(spans) if s.isascii() and s.isalpha()]
    joined: dict[str, str] = {}
    for first in words:
        for second in words:
            if first == second:
                continue
            found = re.search(
                rf"(?<![\w-])(\b(?:the|an?)\s+)?{re.escape(first)}\s+(?P<head>[a-z]{{3,}})"
                rf"{_COORDINATED}{re.escape(second)}\s+(?P=head)\b",
                text,
            )
            if found is None or found.group("head") in EN_STOP:
                continue
            lemmas = getAllLemmas(found.group("head"))
            if "NOUN" in lemmas and ("VERB" not in lemmas or found.group(1)):
                joined[first] = joined[second] = found.group("head")
    return tuple(f"{s} {joined[s]}" if s in joined else s for s in spans)


def emphasis_name(span: str) -> str:
    # "**【定义】**", "**重点：**" go; a stressed word inside the name is the name's own,
    # as in a heading ("【外部增长】战略" is 外部增长战略, `zh_emphasis_unwrapped`)
    span = ZH_RUN_IN_LABEL.sub("", ZH_LABEL.sub("", zh_emphasis_unwrapped(span, inside=False)))
    span = _DEFINITION_LABEL.sub("", span)
    name = clean_title(_COUNTED_LABEL.sub("", _LIST_NUMBER.sub("", _TRAILING_GLOSS.sub("", span))))
    # a box's bold title naming an aspect of its topic, as a heading may (`_zh_aspect`):
    # "**素数的另一种定义**" is 素数's, not a concept beside it
    topic, of, aspect = name.rpartition("的")
    if of and topic.strip() and has_han(aspect) and (_zh_aspect(aspect) or zh_event(aspect)):
        return topic.strip()
    return name


def _zh_named_by_verb(term: str, text: str) -> bool:
    """The sentence gives the emphasised Chinese span as a name, right after a naming verb
    ("…的径向距离称为**齿顶高**"): a name, though it ends on an adjective (`acceptable`)."""
    if not has_han(term):
        return False
    naming = "|".join(_ZH_NAMING)
    return re.search(rf"(?:{naming})[\s*_“「『\"]*{re.escape(term)}", text) is not None


def _named_noun(term: str, text: str) -> bool:
    """One lower-case word the sentence names its subject by ("β0 is the **intercept**."):
    a noun, though no dictionary knows it as one, and no verb set in italics for stress."""
    return (
        term.isalpha()
        and term.islower()
        and re.search(_NAMED_BY_COPULA.format(re.escape(term)), text) is not None
    )


# A phrase set apart and abbreviated at once by its initials, "its **early start** (ES)",
# "the **late start** (LS = LF - duration)": the author names it, whatever its words are
# elsewhere. A scheduling page's "early start" and "late start" were no names for their
# generic head ("start"), while "early finish" (EF) beside them was one.
def _abbreviated_name(term: str, text: str) -> bool:
    words = term.split()
    if not 2 <= len(words) <= 4 or not all(w.isalpha() and w.islower() for w in words):
        return False
    initials = "".join(w[0] for w in words).upper()
    # the acronym alone in the brackets, or opening a formula: "(LS = LF - duration)"
    after = re.search(re.escape(term) + r"[*_`]*\s*\((?P<a>[A-Z]{2,5})(?:\)|\s*[=,;:])", text)
    return after is not None and after.group("a") == initials


# A run-in label set apart by its stop opening a paragraph that goes on about it: "**Erosion.**
# Erosion carries the soil away …", "*Grazing.* When cattle graze, the 'grazing' …". The
# label is the paragraph's topic, a noun, though a lone "-ing" word set in bold reads as
# a verb stressed: a chapter on consonance lost "masking", its paragraph so labelled.
MAX_TOPIC_LABEL_WORDS = 3


def _topic_label(term: str, span: str, text: str) -> bool:
    """`span` opens `text` as a short label its stop ends, and the text after it names
    `term` again."""
    words = term.split()
    body = text.lstrip()
    if not 1 <= len(words) <= MAX_TOPIC_LABEL_WORDS or not body.startswith(span.strip()):
        return False
    rest = body[len(span.strip()) :]
    stop = (
        re.match(r"[*_]*\.\s+", rest) if not span.strip().endswith(".") else re.match(r"\s+", rest)
    )
    if stop is None:
        return False
    return re.search(rf"\b{re.escape(term)}\b", rest[stop.end() :], re.I) is not None


# Lecture notes typeset with amsthm (or a theorem box) open each stated result, definition
# and exercise with its kind and number, then perhaps its name in brackets or after a
# colon: "Theorem 2.1.10 (Monotone convergence theorem).", "Exercise 2.1.12: Prove …",
# "定义 3.1.1: 线性空间". The kind and the number name nothing.
_ENV_KINDS = (
    r"(?:theorem|lemma|proposition|corollary|definition|axiom|principle|law|conjecture"
    r"|example|exercise|problem|question|remark|claim|fact|notation|note|hint|proof|solution)"
)
_ZH_ENV_KINDS = "(?:定义|定理|引理|推论|命题|公理|性质|例|习题|注)"
_ENV_NUMBER = r"(?:\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?|[IVX]{1,4})"
_ENV_HEADER = re.compile(
    rf"^(?P<kind>{_ENV_KINDS})(?:\s+{_ENV_NUMBER})?\s*(?:\((?P<note>[^()]{{1,80}})\))?"
    rf"\s*(?:[.:—–]|$)|^(?P<zh>{_ZH_ENV_KINDS})\s*(?:{_ENV_NUMBER}\s*(?:[:：.]\s*(?P<title>.{{1,40}}))?$|[.．:：])",
    re.IGNORECASE,
)
# the kinds whose name is a concept: a definition names its term, a theorem the result
# taught by that name; an example's or an exercise's note is a topic or a difficulty
_NAMING_KINDS = frozenset(
    [
        "theorem",
        "lemma",
        "proposition",
        "corollary",
        "definition",
        "axiom",
        "principle",
        "law",
        "conjecture",
    ]
)
_ZH_NAMING_KINDS = frozenset(["定义", "定理", "引理", "推论", "命题", "公理", "性质"])
# "Definition 3.1: Vector space" set as a box's title, the whole line
_ENV_TITLE = re.compile(
    rf"^(?P<kind>{_ENV_KINDS})\s+{_ENV_NUMBER}\s*:\s*(?P<title>[^.:;!?]{{1,60}})$", re.I
)


def environment_label(span: str) -> bool:
    """The span opens with a theorem environment's kind and number ("Theorem 2.1.10",
    "Exercise 2.1.12: Prove Proposition 2.1.13", "Proof."): its label, no name."""
    match = _ENV_HEADER.match(span.strip())
    if match is None:
        return False
    rest = span.strip()[match.end() :]
    numbered = re.search(r"\d|\b[IVX]{1,4}\b", match.group(0)) is not None
    return numbered or match.group(0).rstrip().endswith((".", ":")) or not rest


ENVIRONMENT_HEADERS = 2  # paragraphs opening with one kind's header: a document's own apparatus


def environment_kinds(texts: Iterable[str]) -> set[str]:
    """The keys of the theorem environments ("proof", "proposition") whose numbered or
    run-in headers open `ENVIRONMENT_HEADERS` paragraphs or more of a document."""
    counts: dict[str, int] = {}
    for text in texts:
        match = _ENV_HEADER.match(text.strip())
        if match and match.group("kind") and environment_label(match.group(0)):
            kind = match.group("kind").lower()
            counts[kind] = counts.get(kind, 0) + 1
    return {
        key
        for kind, n in counts.items()
        if n >= ENVIRONMENT_HEADERS
        for key in (kind, concept_key(kind + "s"))
    }


def environment_name(text: str) -> str:
    """The name a theorem environment's header gives its definition or result: "Theorem
    2.1.10 (Monotone convergence theorem). A monotone …" → Monotone convergence theorem,
    "定义 3.1.1: 线性空间" → 线性空间; "" for an example's, an exercise's or a proof's, and
    for a note that states a result ("Eigenvalues need not exist")."""
    text = text.strip()
    match = _ENV_HEADER.match(text)
    if match and match.group("zh"):
        name = match.group("title") if match.group("zh") in _ZH_NAMING_KINDS else None
    elif match and match.group("kind").lower() in _NAMING_KINDS:
        name = match.group("note")
        title = _ENV_TITLE.match(text)
        if name is None and title:
            name = title.group("title")
    else:
        name = None
    if not name:
        return ""
    name = clean_title(name.strip())
    if has_han(name):
        return name if acceptable(name, emphasised=True) and not zh_clause(name) else ""
    return name if acceptable(name, emphasised=True) and not _states_result(name) else ""


def environment_names(text: str) -> list[str]:
    """`environment_name`, a Chinese title naming two terms read as both: "定义 2.1.2: 期望和
    方差" → 期望, 方差; "零空间和左零空间" → 零空间, 左零空间."""
    name = environment_name(text)
    if not has_han(name):
        return [name] if name else []
    parts = [p.strip() for p in re.split("[和与及、]", name)]
    if len(parts) > 1 and all(len(p) >= 2 and acceptable(p, emphasised=True) for p in parts):
        return parts
    return [name]


def _states_result(name: str) -> bool:
    """A bracketed note that is a sentence: a word English knows only as a verb after its
    first ("Eigenvalues need not exist", "Abelian groups are modules")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", name)]
    return any(
        w in ("is", "are", "has", "have", "can", "must", "need", "not", "always", "never")
        or ("VERB" in getAllLemmas(w) and not {"NOUN", "ADJ"} & set(getAllLemmas(w)))
        for w in words[1:]
    )


def _stressed_verb(term: str, text: str) -> bool:
    if " " in term or not term.isascii():
        return False
    lemmas = getAllLemmas(term.lower())
    if _CAPITALS.fullmatch(term) and "NOUN" not in lemmas:
        return False  # no verb is set in capitals: "**REINFORCE**" names an algorithm
    # "the **mean** (average)", "columns, called **groups**", "**metals** (elements that
    # are shiny …)": a noun the text names as it glosses it, no stress ("Gage (age 25)",
    # a table's "**SUM**": capitals name a person or label a row)
    return "VERB" in lemmas and not (
        "NOUN" in lemmas
        and term[0].islower()
        and re.search(_NAMED_NOUN.format(re.escape(term)), text)
    )


# a word in capitals, "REINFORCE", "SARSA": a name, though English knows it as a verb
_CAPITALS = re.compile(r"[A-Z]{2,}")

_DETERMINERS = r"(?:the|an?|this|that|these|those|its|their|each|every)"


def _noun_of(term: str, text: str, determined: bool = False) -> bool:
    """The emphasised word stands as the head of a noun phrase with "of": "express
    **premises** of the argument", "the **conclusion** of the argument". No verb takes
    "of" and a determiner after it as its object ("rise of their own accord" aside).
    `determined`: a determiner before it too (a heading word named so is the subject's
    term, not the book's apparatus)."""
    if " " in term or not term.isascii():
        return False
    word = re.escape(term)
    before = rf"\b{_DETERMINERS}\s+" if determined else r"\b"
    pattern = rf"{before}{word}\s+of\s+{_DETERMINERS}\b(?!\s+own\b)"  # "of their own accord"
    return re.search(pattern, text, re.IGNORECASE) is not None


def glossed_emphasis(cues: list[Cue], text: str, block: int) -> list[Cue]:
    """Gloss cues for the emphasised Chinese terms of the block `text` that it glosses in
    English, "*似然*（likelihood）", or that rename a glossed term, "**总收益（total
    payoff）**，也就是**回报**": a name, even where rjieba reads a verb or an adverb (回报,
    似然), which an emphasised word alone would be stress."""
    found = []
    for cue in cues:
        if cue.kind != "emphasis" or not has_han(cue.term):
            continue
        term = re.escape(cue.term)
        glossed = rf"{term}\s*{_EN_BRACKET}"
        renamed = rf"{_EN_BRACKET}\s*[，,]?\s*{_RENAMING}\s*{term}"
        if re.search(f"{glossed}|{renamed}", text):
            found.append(Cue(cue.term, "gloss", block))
    return found


_EN_BRACKET = r"[（(]\s*[A-Za-z][A-Za-z0-9 ,'’\-]{1,50}[）)]"
_RENAMING = "(?:也就是|也即|即|又称|也称|或称|亦称|简称)"


_NAMED_NOUN = (
    r"\b(?:called|termed|known\s+as|named)\s+(?:(?:the|an?)\s+)?{0}\b"
    r"|\b{0}\s*\("
    r"|\b(?:the|an?)\s+{0}\s*,\s*(?:also|or|i\.e\.|that\s+is)\b"
)
# "β0 is the **intercept**.": a sentence that names what its subject is, ending on the
# word (a slide's bullet; lemminflect knows "intercept" only as a verb)
_NAMED_BY_COPULA = r"\b(?:is|are)\s+(?:the|an?)\s+{0}\s*[.;]?\s*$"


def gloss_terms(text: str, block: int) -> list[Cue]:
    """ "梯度（gradient）": the Chinese term before an English gloss; "(LIFO)" acronyms."""
    return [Cue(term, "gloss", block) for term in dict.fromkeys(t for t, _ in _glosses(text))]


def acronym_pairs(text: str) -> list[tuple[str, str]]:
    """(name, acronym) for each name the text abbreviates in brackets: "Domain Name System
    (DNS)", "内容分发网络（CDN）". The two are one concept."""
    return [(term, gloss) for term, gloss in _glosses(text) if _ACRONYM.fullmatch(gloss)]


_ACRONYM = re.compile(r"(?:[A-Z]|[1-9](?=[A-Z]))[A-Z0-9]{1,5}")


# Spoken and informal prose spells an acronym out without brackets: a lecture's transcript
# has "it's typically called KDC-- Key Distribution Center" and "TGS for Ticket Granting
# Service", a handout "the KDC, or Key Distribution Center". The brackets rule
# (`acronym_pairs`) saw neither, and the transcript kept the acronyms alone, its names
# never a concept. The acronym, a dash, comma, colon, "for", "stands for", "short for" or
# "or", then capitalised words whose initials spell the acronym exactly (small words such
# as "of" skipped); or the words first and the acronym after.
_SPELLED_CAPITAL = r"[A-Z][a-z][\w'’-]*"
_SMALL_WORDS = frozenset(["of", "and", "the", "for", "in", "on", "to", "a", "an"])
_SPELLED_SMALL = rf"(?:{'|'.join(_SMALL_WORDS)})"
_SPELLED_NAME = rf"{_SPELLED_CAPITAL}(?:\s+(?:{_SPELLED_SMALL}\s+)?{_SPELLED_CAPITAL}){{1,5}}"
_SPELLED_LINK = (
    r"(?:\s*(?:--|—|–)\s*|\s+-\s+|,\s+(?:or\s+)?|:\s+"
    r"|\s+(?:for|stands\s+for|short\s+for|or)\s+)(?:the\s+)?"
)
_SPELLED_AFTER = re.compile(rf"\b([A-Z]{{2,6}}){_SPELLED_LINK}({_SPELLED_NAME})")
_SPELLED_BEFORE = re.compile(rf"\b({_SPELLED_NAME}){_SPELLED_LINK}([A-Z]{{2,6}})\b")


def spelled_acronyms(text: str) -> list[tuple[str, str]]:
    """(name, acronym) for each acronym the text spells out beside it without brackets:
    "KDC-- Key Distribution Center", "TGS for Ticket Granting Service". Only when the
    name's initials are the acronym's letters, in order."""
    pairs: list[tuple[str, str]] = []
    for pattern, after in ((_SPELLED_AFTER, True), (_SPELLED_BEFORE, False)):
        for match in pattern.finditer(text):
            acronym, name = match.group(1 if after else 2), match.group(2 if after else 1)
            words = name.split()
            # the fewest words next to the acronym whose initials spell it: a capitalised
            # word that runs on ("… Key Distribution Center Today") is no part of the name
            for count in range(2, len(words) + 1):
                part = words[:count] if after else words[-count:]
                if part[0] in _SMALL_WORDS or part[-1] in _SMALL_WORDS:
                    continue
                if "".join(w[0] for w in part if w not in _SMALL_WORDS) == acronym:
                    if (" ".join(part), acronym) not in pairs:
                        pairs.append((" ".join(part), acronym))
                    break
    return pairs


def english_name_pairs(text: str) -> list[tuple[str, str]]:
    """(Chinese name, English name) for each Chinese name the text glosses with an English
    name, each word capitalised: "单一职责原则（Single Responsibility Principle，SRP）",
    "负债（Debt）" (where an English heading, "Deficits and debt", gave "Debt" beside 负债).
    The two are one concept, under the Chinese name the text goes on using. A gloss in
    small letters ("梯度下降（gradient descent）") is left: the capitalised one is what the
    name rules read as a concept of its own, and merging the others moved a held-out
    book's course off one of its key concepts."""
    return [
        (term, gloss)
        for term, gloss in _glosses(text)
        if has_han(term)
        and not has_han(gloss)
        and all(word[:1].isupper() for word in gloss.split())
        # one word only as an everyday word is written, a capital and small letters: a
        # name's own spelling, "ItemCF", "UserCF", is a concept of its own (基于物品的协同过滤
        # （ItemCF） had merged ItemCF into 协同过滤)
        and (len(gloss.split()) >= 2 or _CAPITALISED_WORD.fullmatch(gloss) is not None)
    ]


_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")


def translated_entry(text: str) -> tuple[str, str] | None:
    """(Chinese name, English name) of a vocabulary entry alone on its line, English first
    and its Chinese name in brackets or after a colon: "write-back（写回）", "truth table：
    真值表". The two are one concept, under the Chinese name."""
    entry = _TRANSLATED_ENTRY.fullmatch(text.strip())
    if entry is None or (entry.group(3) and _CAPITALISED_LABEL.fullmatch(entry.group(1))):
        return None
    return entry.group(2) or entry.group(3), entry.group(1)


# one capitalised word before a colon: a label ("Figure", "Trait", "Note"), no entry
_CAPITALISED_LABEL = re.compile(r"[A-Z][\w'’\-]*")


def _glosses(text: str) -> Iterator[tuple[str, str]]:
    entry = translated_entry(text)
    if entry:
        # "write-back（写回）" alone on its line: a vocabulary entry, English first and
        # its Chinese name in brackets; the Chinese is the name the text goes on using
        yield entry
        return
    for match in _ZH_NAME_OF_ENGLISH.finditer(text) if has_han(text) else ():
        # "还可能发生 starvation（饥饿现象）", "Growing Phase（增长阶段）：…": in a Chinese
        # sentence, an English name and then its Chinese name in brackets, as the line
        # entry above; the Chinese is the name (a handout's 死锁, written after
        # "deadlock（死锁）" and then twenty times, was counted nowhere: rjieba reads 死锁
        # as a verb, and only a cue's words are added to the segmenter)
        english = match.group(1)
        if " " not in english and english[:1].isupper() and not english.isupper():
            # "Python（蟒蛇）", "Hessian（二阶导数矩阵）": a proper name and what it means or
            # says, no name of the text's own
            continue
        if acceptable(match.group(2)) and _bracketed_zh_name(match.group(2)):
            yield match.group(2), english
    named = _COMMA_GLOSS.match(text)
    if named:
        # "开闭原则，The Open-Closed Principle，简称 OCP，是指…": the English name and its
        # acronym set off by commas after the Chinese name that opens the sentence
        yield named.group(1), named.group(2)
        yield named.group(1), named.group(3)
    # "「教师语」（Teacher-talk）", "“中介语”（interlanguage talk）": a name quoted as it is
    # introduced, then glossed; the closing quote goes, so the gloss follows the name (the
    # opening one stays, where the run of the name starts)
    quoted: set[int] = set()  # where a quoted name ends, its closing quote taken off
    pieces, last, length = [], 0, 0
    for found in _QUOTED_BEFORE_GLOSS.finditer(text):
        pieces.append(text[last : found.end(1)])
        length += found.end(1) - last
        quoted.add(length)
        last = found.end()
    text = "".join(pieces) + text[last:]
    for match in _GLOSS.finditer(text):
        if text[max(match.start(1) - 1, 0) : match.start(1)] in _INTERPUNCTS:
            # "蒂姆·伯纳斯-李（Tim Berners-Lee）": Chinese writes a foreign person's name
            # with the interpunct between its parts; the run is the name's last part
            continue
        gloss = " ".join(match.group(2).split())
        if _SYMBOL_TUPLE.fullmatch(gloss):
            # "当(u, v)表示有向边", "二分为(V1, V2)": the brackets hold a pair of variables
            # (a maths text's ordered pair, its parts' names), no English name of the word
            # before them (当 and 分为 were concepts glossed "u, v")
            continue
        acronym = match.group(3)
        spelled = _ASCII_COMMA_ACRONYM.fullmatch(gloss)
        if acronym is None and spelled and _long_form(spelled.group(1), spelled.group(2)):
            # "算术逻辑单元 (Arithmetic Logic Unit, ALU)": the acronym after a half-width
            # comma, the English spelling it out before it (read as one gloss, ALU stood
            # beside 算术逻辑单元 as a concept of its own)
            gloss, acronym = spelled.groups()
        # an acronym's letters are words its one token does not count ("内容分发网络（CDN）")
        run = match.group(1).strip()
        term = _trailing_term(run, len(gloss.split()), _ACRONYM.fullmatch(gloss) is None)
        term = _with_glossed_prefix(run, term, gloss)
        if term != run and run.endswith(term) and _entry_name(text, match, run, term):
            term = run
        if match.end(1) in quoted and text[max(match.start(1) - 1, 0) : match.start(1)] in "「『“":
            term = run  # quoted whole as it is introduced: "“晕轮效应”（halo effect）"
        if term == run:
            term = _with_greek_letter(text[: match.start(1)], term)
        # "通常采用LRU（Least Recently Used）": the brackets spell out the acronym the run
        # ends on, which is the name; the Chinese before it is the sentence's
        tail = _TAIL_ACRONYM.search(term)
        if tail and has_han(term) and _long_form(gloss, tail.group()):
            term = tail.group()
        if term and acceptable(term):
            yield term, gloss
            if acronym:
                yield term, acronym
    # the acronym in brackets first: _EN_GLOSS tries eight words back from every word of a
    # paragraph, most of which have none (a whole textbook spent seconds there)
    for match in _EN_GLOSS.finditer(text) if _BRACKETED_ACRONYM.search(text) else ():
        # "with a garbage collector (GC)" → "garbage collector"
        term = _long_form(match.group(1), match.group(2))
        # "eXtensible": the capital its acronym reads, no code identifier's camelCase
        if term and acceptable(_INNER_CAPITAL.sub(lambda m: m.group(0).capitalize(), term)):
            yield term, match.group(2)
    for match in _SPELLED_OUT.finditer(text):
        acronym, spelled, chinese = match.groups()
        name = clean_title(" ".join(spelled.split()))
        # every word of the brackets abbreviated, or they say something else ("(see …)")
        if (
            _long_form(spelled, acronym) == name
            and _capitals_fit(name, acronym)
            and acceptable(chinese or name)
        ):
            yield chinese or name, acronym


# (English words only in the brackets: "“探索更深”(Stevick，1976)" quotes a phrase and cites
# its author, no name and its gloss)
_QUOTED_BEFORE_GLOSS = re.compile(
    r"(?<=[「『“])([\u3400-\u9fff][\u3400-\u9fffA-Za-z0-9\- ]{0,11})[」』”]"
    r"(?=\s*[（(]\s*[A-Za-z][A-Za-z \-'’]*[)）])"
)
_COMMA_GLOSS = re.compile(
    r"\s*([\u3400-\u9fff]{2,12})\s*[，,]\s*(?:The\s+)?([A-Z][A-Za-z'’\-]*(?:\s+[A-Za-z][A-Za-z'’\-]*){1,6})"
    r"\s*[，,]\s*(?:简称|缩写为?)\s*([A-Z][A-Z0-9]{1,5})(?![A-Za-z0-9])"
)
_INNER_CAPITAL = re.compile(r"\b[a-z][A-Z][a-z]+\b")
_ASCII_COMMA_ACRONYM = re.compile(r"(.+?)\s*,\s*([A-Z][A-Z0-9]{1,5})")
# a line that is only an English name and its Chinese name in brackets ("write-back（写回）")
_TRANSLATED_ENTRY = re.compile(
    r"([A-Za-z][A-Za-z0-9\-'’]*(?: [A-Za-z][A-Za-z0-9\-'’]*){0,3})"
    r"\s*(?:[（(]\s*([\u3400-\u9fff]{2,8})\s*[）)]"
    # …or after a colon, as a bilingual word list sets it: "truth table：真值表", "spanning
    # tree: 生成树" (a discrete-maths glossary of 300 such lines gave English titles alone,
    # and only the few whose Chinese ran to four characters), an aside on the Chinese name
    # perhaps after it ("isolated vertex：孤立顶点(度为0)"); not one capitalised word, a
    # label before its caption or subtitle ("Figure: 项目分叉历史", "Trait：定义共同行为")
    # (not a word class, "glacier: 冰川（n.）": an English word list's sense, the English
    # word the one to learn)
    # (nor a phrase saying what the word is, "value：要编码的值。" under a function's
    # parameters: a name holds no 的)
    r"|\s*[：:]\s*((?:(?!的)[\u3400-\u9fff]){2,8})(?:\s*[（(](?![a-z]{1,6}\.[）)])[^（）()]{1,12}[）)])?[。.]?)"
)
# an English name of one to four words and right after it, in brackets, a Chinese name and
# nothing else: "deadlock（死锁）", "Growing Phase（增长阶段）" (not "exclusive mode（排他锁，
# X 锁）", a gloss that says more; not a letter or two, "T1（事务）" is a symbol)
_ZH_NAME_OF_ENGLISH = re.compile(
    r"(?<![A-Za-z0-9_\-])([A-Za-z][A-Za-z\-]{2,}(?: [A-Za-z][A-Za-z\-]*){0,3})"
    r"\s*[（(]\s*([\u3400-\u9fff]{2,8})\s*[）)]"
)


def _bracketed_zh_name(words: str) -> bool:
    """Brackets after an English word that hold a name: one word (死锁, 锁表), or words
    ending on a noun or a suffix (饥饿现象, 增长阶段, 抢占式); not a remark ending on a
    verb or an adverb ("`PartialOrd` trait（来允许比较）", what the trait is for), one
    whose verb takes an object after a word before it ("来支持排序"), or one opening on a
    count or a pronoun ("一门系统语言"; a numeral alone opens a name: 两阶段锁协议)."""
    tags = rjieba.tag(words)
    if len(tags) == 1:
        return True
    first, opening = tags[0]
    if opening[:1] in ("r", "p", "c", "d", "u") or (opening == "m" and len(first) >= 2):
        return False  # "（一门系统语言）", "（这种方法）": a description, opening on a count
    governed = (
        len(tags) >= 3
        and tags[-1][1] != "k"  # a suffix makes the words a kind: 非抢占式
        and any(pos == "v" and len(word) >= 2 for word, pos in tags[1:-1])
    )
    return not governed and (tags[-1][1][:1] in ("n", "k") or tags[-1][1] == "vn")


# the dots Chinese sets between the parts of a transliterated name (U+00B7, U+2027, U+30FB)
_INTERPUNCTS = frozenset("·‧・")
# two or more one-letter symbols, each perhaps numbered, between commas: "u, v", "V1,V2"
_SYMBOL_TUPLE = re.compile(r"[A-Za-z][0-9]?'?(?:\s*,\s*[A-Za-z][0-9]?'?)+")
# an acronym closing a run of Chinese ("采用LRU"), no longer word's last letters
_TAIL_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]{1,5}$")


def _word_start(text: str, position: int) -> bool:
    """The letter opens a word, or is the capital a word sets inside it for its acronym
    ("eXtensible Markup Language (XML)": the X is the second letter of "eXtensible")."""
    return not text[position - 1].isalnum() or (
        text[position].isupper() and text[position - 1].islower()
    )


# the number words a digit opening an acronym stands for
_NUMBER_WORDS = {
    "1": "one|first|single",
    "2": "two|second|double",
    "3": "three|third|triple",
    "4": "four|fourth",
    "5": "five|fifth",
    "6": "six|sixth",
    "7": "seven|seventh",
    "8": "eight|eighth",
    "9": "nine|ninth",
}


def _numbered_long_form(before: str, acronym: str) -> str:
    """The name a digit-led acronym abbreviates: its digit the number word the name opens
    on, each letter after it a word's first ("fourth normal form" + 4NF, "two-factor
    authentication" + 2FA); "" otherwise. A database chapter's "third normal form (3NF)"
    had no acronym, and the stressed "3NF" stood beside the name as a concept of its own."""
    number = re.compile(rf"\b(?:{_NUMBER_WORDS[acronym[0]]})[\s-]+", re.IGNORECASE)
    starts = list(number.finditer(before))
    if not starts:
        return ""
    last = starts[-1]
    words = [w for w in re.split(r"[\s\-–]+", before[last.end() :]) if w]
    if "".join(w[0] for w in words).casefold() != acronym[1:].casefold():
        return ""
    if len(words) + 1 > MAX_EN_WORDS:
        return ""
    return clean_title(before[last.start() :])


def _capitals_fit(name: str, acronym: str) -> bool:
    """A name in capitals ("Magnetic Resonance Imaging", "HyperText Transfer Protocol")
    shows the letters it abbreviates as capitals: the acronym's letters are among them, in
    order. "MRI（MR Conditional）" (the label an MRI scan gives an implant) found M and R
    there and the I inside "Conditional": a name of its own, no spelling of MRI. A name in
    small letters ("deoxyribonucleic acid" for DNA) takes its letters anywhere."""
    words = [w for w in name.split() if w.casefold() not in EN_STOP]
    if not all(w[0].isupper() for w in words):
        return True
    capitals = iter(c for c in name if c.isupper() or c.isdigit())
    return all(letter in capitals for letter in acronym.upper())


def _long_form(before: str, acronym: str) -> str:
    """The words of `before` that `acronym` abbreviates, by Schwartz and Hearst's rule (2003,
    "A simple algorithm for identifying abbreviation definitions in biomedical text"): from
    the right, each letter of the acronym is found in turn, the first at the start of a word.
    "with a Domain Name System" + DNS → "Domain Name System"; "" when the letters are not
    there in order ("a new process (PID)")."""
    if acronym[0].isdigit():
        return _numbered_long_form(before, acronym)
    position = len(before) - 1
    for index in range(len(acronym) - 1, -1, -1):
        letter = acronym[index].lower()
        while position >= 0 and (
            before[position].lower() != letter
            or (index == 0 and position > 0 and not _word_start(before, position))
        ):
            position -= 1
        if position < 0:
            return ""
        position -= 1
    start = position + 1
    while start > 0 and before[start - 1].isalnum():
        start -= 1  # "eXtensible": the word the capital stands in
    words = before[start:].split()
    if (len(words) < 2 and "-" not in words[0]) or len(words) > MAX_EN_WORDS:
        return ""  # one word is no expansion ("Kubernetes (K8S)"); six are a sentence
    return clean_title(" ".join(words))


_ZH_FUNCTION_POS = {
    "m",
    "q",
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
    "y",
    "e",
    "o",
    "f",
    "t",
    "x",
    "mq",
}


# Where a run before a gloss stops being the term: these words, when rjieba reads them as
# words of their own (称/叫 only as verbs, 称为 and 叫做: a lone 称 is also inside names,
# 对称矩阵). A word that holds one of them is no cut: 或 of 或者, 在 of 在线, 和 of 总和.
# (and 名叫, 名为 "is named": "某种蓄电池名叫永久（Die Hard）" glosses 永久, not the thing and
# the verb before it, 蓄电池名叫永久; 命名为, 取名为 end on 名为)
_ZH_NAMING = ("称为", "称作", "叫做", "叫作", "名叫", "名为")
_ZH_GLOSS_CUTS = frozenset([*_ZH_NAMING, *"的是为了和与或在把被将即：:，,"])
_ZH_ALIAS_MARK = re.compile(r"(?:又|也|亦|或|简|统|俗)(?:称(?:之为|作|为)?|名|叫(?:做|作)?)")
# the words that open a predicate before its object: "以谷歌（Google）为例", "Var 是指
# 方差（variance）"; rjieba may join them to the name that follows (以谷歌)
_ZH_LEADING = frozenset(["以", "从", "向", "于", "由", "对", "把", "被", "在", "用", "指"])


# Bound prefixes of technical Chinese and the English prefixes that gloss them: rjieba reads
# 过 before a verb as the aspect particle, 自 and 准 as prepositions or adverbs, so the name
# was cut after them ("出现过拟合（overfitting）" named 拟合, "自注意力（self-attention）"
# 注意力, "半监督学习（semi-supervised learning）" 监督学习), or a verb before them stayed
# ("求出逆矩阵（inverse matrix）", "调整超参数（hyperparameter）")
_ZH_BOUND_PREFIXES = {
    "过": ("over", "super", "per"),
    "欠": ("under",),
    "超": ("super", "hyper", "ultra"),
    "逆": ("inverse", "reverse"),
    "伪": ("pseudo",),
    "非": ("non",),
    "反": ("anti", "counter"),
    "亚": ("sub", "meta"),
    "半": ("semi", "half"),
    "准": ("quasi",),
    "预": ("pre",),
    "自": ("self", "auto"),
}


def _with_greek_letter(before: str, term: str) -> str:
    """The name with the Greek letter right before it (`before`: the text up to the name):
    "α粒子（alpha particle）", "γ射线", "β受体阻滞剂", "σ 键". The run a gloss is read back
    from opens on a Han character, so the name was read without its letter (粒子, 射线,
    受体阻滞剂)."""
    letter = before.rstrip()[-1:]
    if letter and _GREEK_LETTER.fullmatch(letter) and has_han(term):
        return letter + term
    return term


_GREEK_LETTER = re.compile(r"[\u0391-\u03a9\u03b1-\u03c9]")


def _with_glossed_prefix(run: str, term: str, gloss: str) -> str:
    """The name opens on the bound prefix its English gloss opens on (`_ZH_BOUND_PREFIXES`),
    when the prefix stands right before the name read or inside it."""
    opening = gloss.casefold()
    for prefix, english in _ZH_BOUND_PREFIXES.items():
        at = run.rfind(prefix)
        if at < 0 or not opening.startswith(english):
            continue
        named = run[at:]
        if len(named) > 1 and (named == prefix + term or term.endswith(named)):
            return named
    return term


def _trailing_term(run: str, gloss_words: int = 1, worded: bool = False) -> str:
    """The term at the end of a Chinese run: "最小化一个损失函数" → "损失函数". The run is
    cut at rjieba's words, not characters: "回合（episode）或者试验（trial）" gives 试验,
    "在线学习" keeps 在线, "编码器-解码器结构" is whole. A leading verb is cut only when
    what follows is long enough to say all of the English gloss (about two characters a
    word): "对称矩阵 (symmetric matrix)" keeps 对称, which rjieba tags as a verb. A leading
    preposition or 指 goes even inside one of rjieba's words: "以谷歌" → 谷歌, "是指步长"
    → 步长, while 以太网 stays whole."""
    if not has_han(run):
        return run
    # "（最外层电子）又称作价电子", "里德伯公式又名巴耳末公式": the name after an alias marker;
    # rjieba may join the marker to the name (作价 "to price", 又称盐), so it is found by
    # its characters
    markers = list(_ZH_ALIAS_MARK.finditer(run))
    if markers and markers[-1].end() < len(run):
        run = run[markers[-1].end() :]
    start = 0
    # the cut is found among the words of rjieba's dictionary: its guesses at unknown words
    # may take in a function word (为 + 泛 in "为泛型"); the rest is read afresh (均方误差
    # after 的, where the whole run gives 的 + 均 + 方 + 误差)
    end = 0
    named = False  # the run is cut after 称为, 叫做: what follows is the name as written
    for word in _dash_joined(rjieba.tag(run, False)):
        end += len(word[0])
        if word[0] in _ZH_GLOSS_CUTS or word[0].endswith(_ZH_NAMING):
            start = end  # 被称作, 也称为 are one word to rjieba
            named = word[0].endswith(_ZH_NAMING)
    tagged = _dash_joined(rjieba.tag(run[start:]))
    kept: list[tuple[str, str]] = []
    # three of rjieba's words at most, or as many as the English gloss has past three:
    # "全球导航卫星系统 (Global Navigation Satellite System)" is four words each side (cut
    # at three, a GIS chapter's GNSS was "导航卫星系统")
    most = max(3, gloss_words) if worded else 3
    for word, pos in reversed(tagged):
        if len(kept) == most or (word in ZH_STOP and not _bound_stop_word(word, pos, kept)):
            break
        # a numeral-like modifier (二次释放 "double free", 多元函数 "multivariate function")
        # belongs to the term while the gloss has words the run has not yet covered
        # ("称为八电子规则": after a naming verb a one-character numeral opens the name)
        modifier = (
            pos == "m" and has_han(word) and (named or (len(kept) < gloss_words and len(word) >= 2))
        )
        # rjieba tags some one-character modifiers as prepositions (根 in 根节点, "root
        # node"); the common prepositions are stop words, checked above
        bound = pos == "p" and len(word) == 1 and len(kept) < gloss_words
        # an adverb-like modifier rjieba tags "d" (相对 in 相对原子质量, "relative atomic
        # mass") likewise, while the gloss is not yet covered
        graded = pos == "d" and len(word) == 2 and len(kept) < gloss_words
        # a time word likewise (未来 in 未来值, "future value"; 当前 in 当前状态): cut
        # there, the name was its last character, 值
        timed = pos == "t" and has_han(word) and len(kept) < gloss_words
        if pos in _ZH_FUNCTION_POS and not (modifier or bound or graded or timed):
            break
        if kept and kept[-1][1] == "t" and pos.startswith("v"):
            break  # the time word opens the name: "牺牲当前消费" names 当前消费
        # a verb between nouns, the gloss (in words: `worded`) said already by the words
        # after it, is the clause's predicate: "原子失去或得到电子形成离子（ion）" names 离子
        covered = sum(len(w) for w, _ in kept) >= 2 * gloss_words
        # (before a verbal noun only a common verb is the predicate: "进行预测（prediction）"
        # names 预测, "通过反向传播（backpropagation）" 反向传播, not 传播)
        acting = kept and (kept[-1][1] != "vn" or _action(word))
        if (
            worded
            and pos == "v"
            and len(word) >= 2
            and kept
            and kept[-1][1] != "v"
            and covered
            and acting
        ):
            break
        kept.append((word, pos))
    kept.reverse()
    while (
        len(kept) > 1
        and kept[0][1] == "v"
        and sum(len(w) for w, _ in kept[1:]) >= 2 * gloss_words
        # one character before another verb is a compound's bound first part (复 of
        # 复分解反应, "metathesis reaction"), no verb taking the name as its object
        and not (len(kept[0][0]) == 1 and kept[1][1].startswith("v"))
        # nor is a rare verb before a verbal noun (反向 of 反向传播); a common one is
        # ("进行预测": 预测)
        and not (len(kept) == 2 and kept[1][1] == "vn" and not _action(kept[0][0]))
    ):
        kept.pop(0)  # "希望智能体" → "智能体", "最小化损失函数" → "损失函数"
    term = "".join(w for w, _ in kept).strip()
    # rjieba's guesses at unknown words may take in a preposition (以谷歌 is one word to
    # it); its dictionary alone keeps the words it knows (以太网, 对数, 指数)
    first = rjieba.tag(term, False)[:1]
    if first and first[0][0] in _ZH_LEADING and len(term) >= 3 and has_han(term[1]):
        term = term[1:]
    return term


# what may open a line before the name of an entry: a bullet, a dash or an enumerator
_ENTRY_OPENING = re.compile(r"[\s\-*•·◦▪–]*(?:[(（]?\d{1,2}[.、．)）]|[\u2460-\u2473])?\s*")
# the most characters an entry's name runs to, read whole
MAX_ZH_ENTRY_NAME = 10


def _entry_name(text: str, match: re.Match[str], run: str, term: str) -> bool:
    """The run before the gloss is the whole of an entry's name: it opens the line (after a
    bullet or a number) and the gloss is followed by a colon or nothing, as a glossary or a
    slide writes its terms ("相对危险度 (RR): 暴露组发病率与…", "常染色体显性遗传病
    (Autosomal dominant)"). No clause stands before such a name, so none of it is cut: read
    back word by word, the run lost its modifier (相对 and 常 are adverbs to rjieba) and
    the concepts were 危险度 and 染色体显性遗传病."""
    after = text[match.end() :].lstrip(" \t*_）)")
    return (
        _ENTRY_OPENING.fullmatch(text[: match.start(1)]) is not None
        and (not after or after[0] in ":：")
        and len(run) <= MAX_ZH_ENTRY_NAME
        and all("\u3400" <= c <= "\u9fff" for c in run)
        # a phrase of the topic's is no name: "投资的不确定性（Uncertainty）：…" names 不确定性
        and not any(word in ZH_STOP for word in rjieba.cut(run))
        # nor a verb and its object: "牺牲当前消费（reduced current consumption）" names
        # 当前消费; what was cut is only a modifier
        and not any(pos.startswith("v") for _, pos in rjieba.tag(run[: len(run) - len(term)]))
    )


def _bound_stop_word(word: str, pos: str, kept: list[tuple[str, str]]) -> bool:
    """A one-character stop word rjieba reads as a noun before a lone character is a
    piece of the name with it, not a clause's word: 时 of "动作电位时程（APD）" (cut there,
    the name was 程). "学习时的步长" is still cut at 时: 的 stops the name first."""
    return len(word) == 1 and pos == "n" and len(kept) == 1 and len(kept[0][0]) == 1


def _dash_joined(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """rjieba's words with a hyphenated Chinese name made one: 演员 + - + 评论员 → 演员-评论员."""
    joined: list[tuple[str, str]] = []
    for word, pos in tagged:
        if (
            len(joined) >= 2
            and joined[-1][0] in NAME_DASHES
            and has_han(joined[-2][0][-1:])
            and has_han(word[:1])
        ):
            dash = joined.pop()[0]
            joined[-1] = (joined[-1][0] + dash + word, "n")
            continue
        joined.append((word, pos))
    return joined


# "the `drop` function", "the `impl Trait` syntax", "`entry` 方法", "a method called `entry`":
# prose that names a piece of code by what it is names a concept of the language or tool
_CODE_NAME = r"`((?:[A-Za-z][A-Za-z0-9]*)(?: [A-Za-z][A-Za-z0-9]*)?)`"
_CODE_KIND = (
    r"function|method|keyword|type|trait|macro|syntax|API|command|operator|attribute|enum|"
    r"struct|module|variant|expression|statement|class|interface|library|package|flag|option"
)
# what a code name abbreviates, in brackets right after it: "`cd` (change directory)",
# "`pwd` (which stands for 'print working directory')"
_CODE_EXPANSION = (
    r"\s*\((?:which\s+stands\s+for|stands\s+for|short\s+for|for)?\s*[\"'‘“]?"
    r"([A-Za-z][A-Za-z\- ]{2,50}?)[\"'’”]?\)"
)
_NAMED_CODE = re.compile(
    rf"{_CODE_NAME}(?:{_CODE_EXPANSION})?\s*(?:(?:{_CODE_KIND})s?\b|函数|方法|关键字|类型|宏|语法|命令|运算符|"
    r"特征|枚举|结构体|模块|成员|表达式|语句|类|接口|选项)"
    rf"|(?:\b(?:called|named)|称为|叫做|名为)\s*{_CODE_NAME}"
)
# identifiers a chapter's own code defines ("fn longest", "struct Point", "def area") are
# the example's names, not the subject's
_DEFINED_IN_CODE = re.compile(
    r"\b(?:fn|def|func|function|struct|class|trait|enum|interface|type|let|var|const|mod)"
    r"\s+(?:mut\s+)?([A-Za-z_][A-Za-z0-9_]*)"
)


def code_names(text: str, block: int) -> list[Cue]:
    """Code spans the prose names as a function, method, keyword, type, command, ..."""
    cues = []
    for match in _NAMED_CODE.finditer(text):
        name = match.group(1) or match.group(3)
        if not re.search(r"[a-z][A-Z]", name) and name.lower() not in EN_STOP:
            cues.append(Cue(name, "code", block))
    return cues


_EXPANDED_CODE = re.compile(
    rf"{_CODE_NAME}(?:{_CODE_EXPANSION}"
    r"|\s+stands\s+for\s+[\"'‘“]([A-Za-z][A-Za-z\- ]{2,50}?)[\"'’”])"
)


def expanded_code_names(text: str, block: int) -> list[Cue]:
    """Code names given with the words their letters abbreviate, by the rule acronyms are
    read with (`_long_form`): "`pwd` (which stands for 'print working directory')", "the
    `cd` (change directory) command". A shell lesson introduces each command so, once, and
    then runs it in listings: named once, its commands were no concepts, and the course
    listed `ls` and `pwd` among what its students must already know. "`wc` stands for
    'word count'" says the same."""
    return [
        Cue(m.group(1), "expanded", block)
        for m in _EXPANDED_CODE.finditer(text)
        if _abbreviates(m.group(1), (m.group(2) or m.group(3)).strip())
    ]


def _abbreviates(name: str, words: str) -> bool:
    """`name` is short for `words`: "wc" for "word count" (acronyms' rule), or one word's
    letters in order from its first, "rm" for "remove", "cat" for "concatenate"."""
    if " " in name or len(name) < 2:
        return False
    if " " in words:
        return bool(_long_form(words, name))
    letters = iter(words.casefold()[1:])
    return (
        len(words) > len(name)
        and words[0].casefold() == name[0].casefold()
        and all(ch in letters for ch in name.casefold()[1:])
    )


# The same naming in plain text, where no backticks survive: the name must look like code by
# itself — snake_case, a macro's "!", a path's "::", or a lower-case word that is not an
# English word (wordfreq), optionally before a capitalised one ("the impl Trait syntax")
_BARE_NAME = (
    r"((?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9_]*!|\w+(?:::\w+)+|[a-z]{2,})(?: [A-Z][a-z]+)?)"
)
_PLAIN_NAMED_CODE = re.compile(
    rf"\b(?:the|a|an)\s+{_BARE_NAME}\s+(?:{_CODE_KIND})s?\b"
    rf"|(?<![\w.]){_BARE_NAME}\s*(?:函数|方法|关键字|类型|宏|语法|命令|运算符|枚举|结构体|模块|表达式|语句)"
)
CODE_WORD_ZIPF = 2.6  # rarer than this in English: "impl", "println"; "format", "drop" are words


def plain_code_names(text: str, block: int) -> list[Cue]:
    """Code the prose names by its kind in a document without code marks (plain text)."""
    cues = []
    for match in _PLAIN_NAMED_CODE.finditer(text):
        name = match.group(1) or match.group(2)
        head = name.split()[0]
        if head.isalpha() and zipf_frequency(head, "en") >= CODE_WORD_ZIPF:
            continue  # an English word: "the largest function", "the standard library"
        cues.append(Cue(name, "code", block))
    return cues


# "Root node: the node at the top …", "根节点：位于顶层的节点": a definition list, whose
# terms Markdown would set in bold (see definitions._glossary_entry); plain text keeps the colon.
# Not a web address's scheme and its "://": a case study's paragraph opening on the link
# to read ("https://www.….edu/…/ Many signs point to …", a worksheet as PDF) made "https"
# a concept, its address the definition.
_COLON_HEAD = re.compile(
    r"^(?:[-*•·]\s+|\d{1,2}[.)]\s+)?"
    r"([A-Za-z][A-Za-z0-9'’\- ]{1,40}?|[\u3400-\u9fff][\u3400-\u9fffA-Za-z0-9 ]{1,11})"
    r"\s*[:：](?!//)\s*\S"
)

_PATH = re.compile(r"[^\s\u3400-\u9fff，。；：、]*[/\\_.:]\w[^\s\u3400-\u9fff，。；：、]*")
_PROPERTY_OF = re.compile(
    r"^[Tt]he\s+([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)\s+of\s+(?:an?|the)\s+.+$"
)


MAX_TITLE_WORDS = 12

# the class a teacher's note addresses: "Ask students: …", "Remind the class: …"
_CLASS_ADDRESSED = re.compile(
    r"(?:the\s+)?(?:students?|pupils?|learners?|class|group|audience|everyone|them)$",
    re.IGNORECASE,
)


def _to_the_class(term: str) -> bool:
    """A deck's speaker note or a lesson plan's step telling the teacher what to do with the
    class ("Ask students:", "Have pupils:"): a verb English knows only as one (or as "have")
    and the class it addresses, no concept ("Merge sort:" addresses nobody)."""
    verb, _, rest = term.partition(" ")
    lemmas = getAllLemmas(verb.lower())
    return (
        bool(lemmas)
        and set(lemmas) <= {"VERB", "AUX"}
        and verb.lower() in lemmas.get("VERB", ())
        and _CLASS_ADDRESSED.fullmatch(rest.strip()) is not None
    )


def _titled(rest: str) -> bool:
    """What follows a label's colon is a title, no definition: a short line in title case
    that ends on no stop, "Everyday Connection: Can You Remember Everything You Ever Did
    or Said?" (a feature box's label and title, as plain text keeps them; the label was a
    concept)."""
    words = rest.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS or rest.rstrip().endswith((".", ";", ",")):
        return False
    content = [w for w in words if w.lower() not in EN_STOP]
    return bool(content) and all(w[:1].isupper() or not w[:1].isalpha() for w in content)


_ZH_CONCEPT_OF = re.compile(r"^(.+?)的(?:概念|定义|含义)$")


_ZH_SYMBOL_AFTER = re.compile(r"(?<=[\u3400-\u9fff])\s*" + QUANTITY_SYMBOL + r"$")


# A lab handout's parts, each a label before what this lab's part says ("Purpose: To
# measure …", "Hypothesis: If a liquid is denser, then …"): no term, unless the gloss says
# what the word means, as a noun phrase opening on its article ("Hypothesis: a testable
# prediction …", a scientific-method lesson's glossary)
_LAB_PARTS = _words(
    """purpose aim aims objective hypothesis prediction materials equipment procedure method
    methods conclusion conclusions background results observations analysis data"""
)
_GLOSS_OPENS_ON_ARTICLE = re.compile(r"^(?:an?|the)\s+[a-z]", re.I)


def lab_part(term: str, gloss: str) -> bool:
    """`term` labels a part of a lab handout before what this lab's part says."""
    return term.casefold() in _LAB_PARTS and not _GLOSS_OPENS_ON_ARTICLE.match(gloss.strip())


def colon_head(text: str, block: int) -> list[Cue]:
    """The term a definition-list entry opens with, in a document without emphasis."""
    match = _COLON_HEAD.match(text)
    if match is None:
        return []
    term = match.group(1).strip()
    # "The degree of a node: the number of its children": the property is the term
    term = _PROPERTY_OF.sub(r"\1", term)
    # "激素的概念：由内分泌腺…": the concept of X, X is the term (a PDF's "激素的概念")
    term = _ZH_CONCEPT_OF.sub(r"\1", term)
    # "保留时间 tR：…": the quantity's symbol, typed bare, is no part of its name (the
    # concept was "保留时间 tr", beside the 保留时间 the text goes on to use)
    term = _ZH_SYMBOL_AFTER.sub("", term)
    lowered = term.casefold()
    # paths, file names: code (maths first, whose "\\subset" is no path; a path is no Han)
    rest = _PATH.sub(" ", prose(text[match.end(1) + 1 :]))
    prose_follows = (
        len(re.findall(r"[\u3400-\u9fff]", rest)) >= 4
        or len(re.findall(r"\b[A-Za-z]{2,}\b", rest)) >= 3
    )
    if (
        not prose_follows  # "Filename: src/main.rs", "Yellow: 50": a label and a value
        or _titled(text[match.end(1) + 1 :])
        or FURNITURE.match(term)
        or lowered in FURNITURE_WORDS
        or apparatus(term)
        or _to_the_class(term)
        or not acceptable(term)
        # "原料：二氧化碳和水", "光合作用的实质：…": a point a slide makes about its topic
        or zh_facet_label(term)
        or lab_part(term, text[match.end(1) + 1 :])
        or (has_han(term) and not _zh_name(term.replace(" ", "")))
        or (not has_han(term) and (len(term.split()) > 4 or not _noun_capable(lowered.split()[-1])))
    ):
        return []
    return [Cue(term, "emphasis", block)]


def _zh_name(term: str) -> bool:
    """A short Chinese noun phrase ("根节点"), not a remark or a claim before a colon
    ("请注意", "这里有一个编程小习题", "可变引用有一个很大的限制")."""
    if len(term) > 8 or zh_clause(term) or zh_opens_clause(term):
        return False
    tags = rjieba.tag(term)
    if tags[0][1] in ("r", "c", "d", "m"):
        return False
    last = tags[-1][1]
    # a verb after a noun or an adjective names an operation (懒删除 "lazy deletion",
    # 线性探测, 节点插入); a dictionary "idiom" of three or more characters is a compound
    # rjieba knows whole (堆排序 "heap sort")
    operation = (
        last == "v"
        and len(tags) >= 2
        and len(tags[-1][0]) == 2
        and (tags[-2][1][:1] == "n" or tags[-2][1] in ("a", "b"))
    )
    return (
        last[:1] == "n"
        or last in ("vn", "eng", "l", "j")
        or operation
        or (last == "i" and len(tags) == 1 and len(term) >= 3)
    )


# SQL names its example's tables and views where it creates them (CREATE TABLE product,
# CREATE VIEW productsum, CREATE INDEX …) and where a statement reads or writes them
# (FROM, JOIN, INTO, UPDATE, ALTER/DROP TABLE): the example's schema, no subject's term
_SQL_STATEMENT = re.compile(
    r"\bselect\b[\s\S]*?\bfrom\b|\bcreate\s+(?:or\s+replace\s+)?(?:table|view)\b"
    r"|\binsert\s+into\b|\bupdate\s+\S+\s+set\b",
    re.IGNORECASE,
)
_SQL_NAMED = re.compile(
    r"\b(?:create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?(?:unique\s+)?"
    r"(?:table|view|index|database|schema|function|procedure|trigger|sequence)"
    r"(?:\s+if\s+not\s+exists)?"
    r"|from|join|into|update|(?:alter|drop|truncate)\s+(?:table|view))"
    r"\s+[`\"\[]?([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)


def defined_in_code(code: str) -> set[str]:
    names = {m.group(1) for m in _DEFINED_IN_CODE.finditer(code)}
    return names | sql_names(code)


def sql_names(code: str) -> set[str]:
    """The tables and views a block of SQL creates or reads ("product", "productsum");
    a name in capitals is the language's own (FROM CURRENT_TIMESTAMP, FROM DUAL)."""
    if not _SQL_STATEMENT.search(code):
        return set()
    return {
        m.group(1)
        for m in _SQL_NAMED.finditer(code)
        if not m.group(1).isupper() and m.group(1).casefold() not in _SQL_WORDS
    }


_SQL_WORDS = frozenset(["select", "where", "values", "set", "lateral", "unnest", "only"])


# a syntax line's call: a function in capitals or in code and its arguments
_CALL_SYNTAX = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*[（(]([^()（）]{1,120})[)）]")


def syntax_placeholders(text: str) -> set[str]:
    """The Chinese placeholders of a syntax line the text gives ("ROUND( 对象数值，保留小数的
    位数 )"): what each argument stands for, no name. Set in bold where the prose speaks of
    the argument ("当参数 **保留小数的位数** 为变量时") it is still no concept."""
    found: set[str] = set()
    for match in _CALL_SYNTAX.finditer(text.replace("`", "")):
        name = match.group(1)
        if not (name.isupper() or f"`{name}" in text):
            continue
        for argument in re.split(r"[，,]", match.group(2)):
            argument = argument.strip()
            if re.fullmatch(r"[\u4e00-\u9fff]{2,}", argument):
                found.add(argument)
    return found


_FORMULA_LABEL = re.compile(r"\\(?:text|textrm|mathrm|textit|textbf|operatorname)\{([^{}]{3,60})\}")


def formula_labels(latex: str, block: int) -> list[Cue]:
    """Names written inside a display formula (\\textrm{Sum rule}, \\text{链式法则}): a
    textbook labels the rules it states there. Single symbols and words are not names,
    nor is an operand of the formula (`_operand`: "\\frac{\\text{amount of B}}{…}")."""
    cues = []
    inside = _in_arguments(latex)
    for match in _FORMULA_LABEL.finditer(latex):
        label = clean_title(match.group(1))
        if (
            (" " in label or (has_han(label) and len(label) >= 3))
            and acceptable(label)
            and not inside[match.start()]
            and not _operand(latex, match.start(), match.end())
        ):
            cues.append(Cue(label, "emphasis", block))
    return cues


# a group that is an argument of these holds an operand: a fraction's terms, a cancelled
# unit, a root, a script ("}" before "{": a fraction's second argument)
_ARGUMENT_OF = re.compile(r"(?:\\(?:d|t)?frac|\\cancel|\\sqrt(?:\[[^\]]*\])?|[\^_}])\s*$")
_MATH_SPACE = re.compile(r"(?:\s|\\[ ,;:!])+")
# an operator or a relation beside the text: a term of a sum, a product or an equation
_OPERATOR = (
    r"(?:[=+\-−×·/<>≈()\^_]|\\(?:times|cdot|div|approx|propto|equiv|leq?|geq?|neq|to"
    r"|rightarrow|longrightarrow|rightleftharpoons|left|right)\b)"
)


def _in_arguments(latex: str) -> list[bool]:
    """For each position of `latex`, whether it lies inside an argument of a fraction, a
    cancel, a root or a script (one pass: a worked example's formula is long)."""
    opened: list[bool] = []
    inside = [False] * (len(latex) + 1)
    for i, char in enumerate(latex):
        inside[i] = any(opened)
        if char == "{" and (i == 0 or latex[i - 1] != "\\"):
            opened.append(_ARGUMENT_OF.search(latex[max(0, i - 16) : i]) is not None)
        elif char == "}" and (i == 0 or latex[i - 1] != "\\") and opened:
            opened.pop()
    return inside


def _operand(latex: str, start: int, end: int) -> bool:
    """A worked example writes its quantities and units as text inside the maths
    ("\\text{rate of diffusion} = \\frac{\\text{amount of gas …}}{\\text{unit of time}}",
    "0.429\\ \\cancel{\\text{mol Al}}"): the text at `start:end` is one of the formula's
    operands beside an operator or a relation (`_in_arguments` finds those inside a
    fraction, a cancel, a root or a script). A label stands apart ("&& \\textrm{Sum rule}")."""
    before = _MATH_SPACE.sub(" ", latex[max(0, start - 40) : start]).rstrip()
    after = _MATH_SPACE.sub(" ", latex[end : end + 40]).lstrip()
    return bool(re.search(_OPERATOR + "$", before) or re.match(_OPERATOR, after))


_ACRONYM_PAIR = re.compile(r"\b[A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6})+\b")
# What a Chinese name never ends on: a place word ("函数中", in the function) or a
# relating verb ("函数具有", "看起来像": has, looks like); a closed class of grammar
# ... and where a span ends on a place or a span ("行列索引之间", stressed in a pandas
# tutorial: between the row and column indexes), it places things and names none
_ZH_NO_HEAD = ("中", "里", "内", "具有", "有", "像", "是", "为", "在", *_ZH_PLACE_AFTER)


def _headed_word(words: list[str]) -> bool:
    """The ending is the last character of a word the dictionary holds: 图像, 画像, 行为,
    命中 end on 像, 为 and 中 as a name's head ("T1加权图像" had read as "… looks like");
    rjieba's guess "库中" (of "标准库中") is no such word, and a place word is no head
    ("人体内": 人 + 体内, inside the body, stood beside 人体)."""
    if not words or len(words[-1]) < 2 or words[-1] in _ZH_NO_HEAD:
        return False
    return rjieba.has_word(words[-1]) and rjieba.tag(words[-1])[0][1] != "s"


# "many times", "several ways": a count of things, not a name ("multiple inheritance" is)
_POINTING = frozenset({"following", "preceding", "aforementioned", "foregoing"})
_QUANTIFIERS = {
    "many", "several", "few", "various", "numerous", "most",
    # "millions of gallons", "thousands of users": an amount in an example
    "dozens", "hundreds", "thousands", "millions", "billions", "trillions",
}  # fmt: skip
# "the second part", "the first step": an ordinal before a generic word counts parts of the
# text ("first law", "second messenger" are names: their heads are no generic words)
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "next", "final"})
# the places of a command's output, a table or a record an ordinal counts ("The third column
# is …", "The first field is …": a tool's chapter defined both); "column vector", "first
# normal form" are names
_LISTING_PLACES = frozenset(
    {"column", "columns", "row", "rows", "field", "fields", "line", "lines", "entry", "entries"}
    | {"cell", "cells"}
)
# …and the parts of an account or a procedure it counts ("The second difference is the
# API.", "The next variable is the workflow …", "the first element 3 in the preorder
# traversal"): a point made in turn, no topic; "second derivative", "first law" are names
_COUNTED_PARTS = frozenset(
    {"difference", "differences", "variable", "variables", "element", "elements"}
    | {"problem", "problems", "round", "rounds", "step", "steps", "point", "points"}
    | {"option", "options", "question", "questions", "issue", "issues", "item", "items"}
    | {"argument", "arguments", "parameter", "parameters"}
)
_EXPRESSION = re.compile(r"\s[-+*×÷<>]\s|,\s|^\w,|,\w$")


# "形成平台期的主要原因", "（主要机制）": a generic noun after 的, or after 主要 or 基本 alone,
# describes what it is of, and names nothing (电位的变化 is the change; 主要组织相容性复合体
# ends on no generic word)
_ZH_GENERIC_HEADS = ZH_GENERIC | {"机制", "因素"}
# …and a qualifier that sorts cases or ways without naming one: "特殊情况" (a special
# case, a counting text's concept), "一般情况", "具体步骤", "常见问题", "不同方法"
_ZH_RANKING = (
    "主要",
    "基本",
    "根本",
    "直接",
    "重要",
    "特殊",
    "一般",
    "具体",
    "常见",
    "不同",
    "其他",
    "特定",
)


# "效率高", "速度快", "成本低": a noun and the one-character adjective said of it, a point
# claimed (a hashing section's bullet labels "效率高：…" beside 单向性, 抗碰撞性); "以最差输入
# 数据为准" (take … as the measure): a rule of method, no name. (长 and 差 end names as
# nouns: 董事长, 秘书长, 温度差, 电位差.)
_ZH_CLAIM_ADJECTIVES = frozenset("高低快慢大小多少强弱好短")
_ZH_TAKEN_AS = re.compile(r"^以.{1,12}为(?:准|例|主|基础|中心|核心|依据)$")


def _zh_claim(bare: str) -> bool:
    if _ZH_TAKEN_AS.match(bare):
        return True
    if len(bare) < 3 or bare[-1] not in _ZH_CLAIM_ADJECTIVES:
        return False
    tags = rjieba.tag(bare[:-1])
    return bool(tags) and all(tag.startswith("n") or tag == "vn" for _, tag in tags)


def zh_headless(term: str) -> bool:
    bare = term.replace(" ", "")
    words = rjieba.cut(bare) if len(bare) >= 3 and has_han(bare) else []
    if len(bare) >= 3 and bare.endswith(_ZH_NO_HEAD) and not _headed_word(words):
        return True
    if len(words) < 2 or words[-1] not in _ZH_GENERIC_HEADS:
        return False
    before = words[:-1]
    if before[-1] in _ZH_RANKING:
        before = before[:-1]
    return not before or before[-1] == "的"


# "两个数", "多个数", "一种方法", "两组数据": a number of things, no name. Not 次, 元, 阶, 分,
# which open names (二次函数, 四元数, 一阶导数, 二分查找); a fixed phrase is one word to
# rjieba (三个臭皮匠, 四件套) and stays.
# "某一行的某一列", "该方法": a span opening on an indefinite or a demonstrative points at
# one thing in the text, no name; so does the possessive 其 ("其分布", "其本质": its
# distribution), though not the words it opens (其他, 其余, 其中, 其实)
_ZH_POINTING = re.compile(r"^(?:某|这|那|该|此|其(?![他它余中实次]))")
_ZH_COUNTED = re.compile(r"[一二两三四五六七八九十百千几多每各]+[个种条件只台棵组块颗根份名]")


# …and a count of the parts a thing divides into closing the span: "消费与储蓄两部分",
# "分为三类" (a revision note's highlighted "储蓄两部分" was a concept)
_ZH_PARTS_COUNTED = re.compile(r"[一二两三四五六七八九十几多]+(?:部分|方面|大类|类|种)$")


def zh_counted(term: str) -> bool:
    found = _ZH_COUNTED.match(term)
    if found is not None and found.group(0)[0] in "每各":
        # "各个部门", "每个学生": a distributive counts what follows, even where rjieba
        # knows the phrase whole (各个部门 is one of its idioms, and was a concept)
        return True
    if _ZH_PARTS_COUNTED.search(term):
        return True
    return found is not None and rjieba.tag(term)[0][0] == found.group(0)


_SYMBOLS_ONLY = re.compile(r"\S(?:\s+\S)+")
_CITATION = re.compile(r"\bet\s+al\b\.?$", re.I)
# a variable with its index, set in italics as text sets maths: "relations *R1* and *R2*"
_INDEXED_LETTER = re.compile(r"[A-Z][1-9]")
# a variable's ordinal: "the *i*-th row", "the *n*-th term" (set in italics, then "-th")
_SYMBOL_ORDINAL = re.compile(r"[a-zA-Z][-‐‑]th")
# "275 pounds", "a standard deviation of 55 pounds": a word problem's given data, set in
# bold; a name ends on its number ("Web 2.0", "Windows 10")
_MEASURE = re.compile(r"(?<![\w.\-/])\d+(?:[.,]\d+)*\s+[A-Za-z]")
# "products.txt", "geoload.py", "content.sqlite", "live.com": a lab's data or program
# file, or a web site, no concept (package.json, Node.js and ASP.NET stay: configuration
# and names, not data, programs or sites)
_FILE_EXTENSION = (
    r"\.(?:txt|csv|tsv|dat|data|log|jpe?g|png|gif|pdf|docx?|xlsx?|pptx?|zip|py|ipynb|sqlite3?"
    r"|db|sql|com|org|net|edu|gov|io|cn)(?![\w-]|\.\w)"
)
# … or a host under a country's second-level domain ("uct.ac.za", "cam.ac.uk", "pku.edu.cn")
_FILE_OR_SITE = re.compile(
    rf"[\w-]+(?:\.[\w-]+)*{_FILE_EXTENSION}"
    r"|(?:[a-z0-9-]+\.)+(?:ac|co|com|edu|gov|net|org)\.[a-z]{2}"
)
_BEFORE_FILE_EXTENSION = re.compile(_FILE_EXTENSION)
# a network's or a figure's identifiers, no concepts: an IP address or prefix ("network
# 10.1.0.0/16"), a number written in a base ("01010011b", "0x1F", a MAC address's "3A:59"),
# a link between labelled nodes ("R1-R3", "RA-R3", "E->B->A"; a label is one or two
# capitals and a number: two bare capitals, "C-F", may be a chemical bond) or one cut at
# its dash ("B-")
_IDENTIFIER = re.compile(
    r".*(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w.]).*"
    r"|[01]{4,}[bB]|0[xX][0-9A-Fa-f]+|(?=[^:]*\d)[0-9A-F]{1,2}(?::[0-9A-F]{1,2})+"
    r"|[A-Z]{1,2}\d{0,3}(?:\s*(?:->|→)\s*[A-Z]{1,2}\d{0,3})+"
    r"|[A-Z]{1,2}\d{1,3}(?:\s*[-–]\s*[A-Z]{1,2}\d{0,3})+"
    r"|[A-Z]{1,2}(?:\s*[-–]\s*[A-Z]{1,2}\d{1,3})+|[A-Z]{1,2}\d{0,3}\s*[-–]"
)
# a command line: a word, then an option ("netstat -rnc", "ls --all"), or a placeholder
# cut open ("vdump <LAN name"); a type's "Box<T>" is closed
_COMMAND_LINE = re.compile(r"\S\s+--?[A-Za-z]|<[^>]*$")
# "**Replication: Select Locally redundant storage**": a form's field and what to set it to
_FIELD_AND_VALUE = re.compile(r"\S:\s+\S")


# a code identifier's camelCase ("getValue", "myList"): a word that opens in lower case
# has a capital later; a heading's "NoSQL Databases" or "JavaScript Basics" opens in a
# capital, a product's name (an outline's "Introduction to NoSQL Databases" gave nothing)
_CAMEL_CASE = re.compile(r"(?<![`\w])[a-z]\w*?[a-z][A-Z]")
_ANY_CAMEL_CASE = re.compile(r"(?<!`)[a-z][A-Z]")


_ZH_REFLEXIVES = ("本身", "自身")


def _zh_adverbial_end(bare: str) -> bool:
    """`bare` ends on the particle 地 that makes an adverb ("逐渐地", "显著地"), no name.
    After a noun, 地 is the word's own "land", "ground" (盆地, 湿地, 山地, 阶地, 耕地): every
    such landform or land use was refused as a name, and a geography outline lost them."""
    if not bare.endswith("地"):
        return False
    words = [(w, tag) for w, tag in rjieba.tag(bare) if w.strip()]
    if len(words) < 2 or words[-1][0] != "地":
        return False  # one word ending in 地, "盆地", "陆地"
    return not words[-2][1].startswith("n")


# a day of the week alone dates a class or a deadline and names nothing taught (months are
# words too: a march is a musical form, "May" a modal)
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def acceptable(
    term: str,
    *,
    heading: bool = False,
    emphasised: bool = False,
    glossed: bool = False,
    named: bool = False,
) -> bool:
    """Short, not a sentence, not furniture, not made of function words only. `emphasised`:
    the author set the span apart, so a noun phrase built with a participle or a preposition
    (`_introduced_phrase`) is a name too. `glossed`: an English name in brackets follows
    the Chinese, which makes it a noun even where it ends on 得 (`_ZH_GLOSSED_DE`).
    `named`: a definition gives the span as a name ("…的径向距离称为齿顶高"), so a noun and
    an adjective after it are a name (齿顶高, 全齿高), no claim (`_zh_claim`)."""
    bare_term = _ACRONYM_PAIR.sub("", term)  # "TCP/IP", "I/O" are names; other slashes are not
    if not term or FURNITURE.match(term) or any(ch in bare_term for ch in '=(){}[];"“”|\\/#@$~'):
        return False
    if not any(ch.isalpha() for ch in term):
        return False  # "10 20 30", "−20 −10": a figure's axis, not a name
    if (
        _SYMBOLS_ONLY.fullmatch(term)
        or _SYMBOL_ORDINAL.fullmatch(term)
        or _CITATION.search(term)
        or _MEASURE.search(term)
        or _FILE_OR_SITE.fullmatch(term)
        or _IDENTIFIER.fullmatch(term)
        or _COMMAND_LINE.search(term)
        or (emphasised and not heading and _FIELD_AND_VALUE.search(term))
        or (emphasised and not heading and _INDEXED_LETTER.fullmatch(term))
    ):
        return False  # "x n", "f p", "i-th": a formula's letters; "Deisenroth et al": a citation
    if has_han(term):
        bare = term.replace(" ", "")
        return (
            1 <= zh_width(bare) <= MAX_ZH_CHARS
            and bare not in ZH_STOP
            and bare not in ZH_GENERIC
            and not bare.endswith(("的", "了") if glossed else ("的", "了", "得"))
            and not _zh_adverbial_end(bare)
            # a reflexive closes no name: "（1）改革本身的因素" (factors of the reform
            # itself) named 改革本身; the thing is 改革
            and not bare.endswith(_ZH_REFLEXIVES)
            # "图例和注记的区别" set in bold over a box: how two things differ, no name
            and _ZH_RELATION.match(bare) is None
            # a span cut inside a sentence ("…$nσ$的分布函数"): no name opens on 的
            and not bare.startswith("的")
            and not zh_headless(bare)
            and not zh_counted(bare)
            and not _ZH_POINTING.match(bare)
            and (heading or not zh_opens_clause(bare))
            and (named or not _zh_claim(bare))
        )
    words = term.split()
    if not 1 <= len(words) <= MAX_EN_WORDS or len(term) < 2:
        return False
    if _EXPRESSION.search(term):
        return False  # "a, b", "n + b": a list or a formula's letters, not a name (C++ is)
    # the stop words spell "doesn't"; a text set in typography writes "doesn’t"
    lowered = [
        w.lower().strip("`").replace("’", "'") if not w.startswith("`") else w for w in words
    ]
    # "Type I error", "World War I": that "I" is a numeral, no pronoun (EN_STOP lists "i")
    numerals = {i for i in range(1, len(words)) if numeral_one(words[i - 1], words[i])}
    head = lowered[-2] if len(words) - 1 in numerals else lowered[-1]
    if all(part in NUMBER_WORDS for w in lowered for part in w.split("-")):
        return False  # "Seventy-five", "Forty percent": a quantity in an example
    if len(words) == 1 and lowered[0].removesuffix("'s") in _WEEKDAYS:
        return False  # "== For Thursday ==": a date for the homework, no topic
    if ERA.fullmatch(term):
        return False  # "BCE", "third century BCE": a date's era, no topic
    if len(words) == 1 and lowered[0] in MATH_OPERATORS:
        return False  # "lim", "sin": a formula's operator read out of it, no topic
    if (
        (
            lowered[0] in EN_STOP - {"a", "an", "the"} - _NAME_OPENING_STOPS
            and not (emphasised and _particle_compound(lowered))
        )
        or (lowered[0] in _NAME_OPENING_STOPS and len(words) == 1)
        or (len(words) > 1 and lowered[0] in _QUANTIFIERS)
        or lowered[0] in _POINTING  # "the following excerpt": the text points at itself
        or (head in EN_STOP and not (emphasised and len(words) > 1 and head in _NOUN_MODALS))
    ):
        return False
    if _ranked_part(lowered):
        return False  # "greatest benefit of naturalistic observation": a claim about it
    if cross_reference_words(lowered):
        return False  # "section of Chapter": a cross-reference's words, no topic
    if word_twice(words, lowered):
        return False  # "solenoid valve needle valve", "air air": labels or subscripts run on
    if emphasised and _introduced_phrase(lowered) and "_" not in term:
        return concept_key(term) not in EN_GENERIC
    if lowered[-1] in EN_GENERIC and (
        lowered[0] in _ORDINALS or not (_compound_noun(lowered) or _named_bit(lowered))
    ):
        return False
    if len(lowered) == 2 and lowered[0] in _ORDINALS and lowered[1] in _LISTING_PLACES:
        return False  # "the third column is the size": a place in a listing, no topic
    if (
        len(lowered) in (2, 3)
        and lowered[0] in _ORDINALS
        and lowered[1] in _COUNTED_PARTS
        and (len(lowered) == 2 or lowered[2].isdigit())
    ):
        return False  # "The second difference is the API.": a point made in turn
    if (
        "_" in term
        or "::" in term
        or re.search(_CAMEL_CASE if heading else _ANY_CAMEL_CASE, term.replace("`", " `"))
    ):
        return False  # snake_case, paths, camelCase: code identifiers
    if (
        len(words) == 1
        and not _noun_capable(lowered[0])
        and not (heading and lowered[0].endswith("ing"))
        and not _CAPITALS.fullmatch(words[0])  # "REINFORCE" names an algorithm
    ):
        return False  # "maximize", "quickly": not a name of anything (a heading's "Iterating" is)
    if len(words) > 1 and (not (_head_noun(head) or _named_plural(words)) or _adverb(lowered[0])):
        return False  # "previously unseen", "is convex": a phrase, not a name
    # "Design By Contract" in a sentence is a name (a heading capitalises every word)
    title_case = not heading and all(w[0].isupper() for w in words)
    # "maximum a posteriori estimate": the "a" of a Latin phrase is part of the name, no
    # article opening a clause (as the phrases are read: `terms`); the name was dropped
    latin = {
        i for i in range(1, len(words) - 1) if lowered[i] == "a" and lowered[i + 1] in LATIN_AFTER_A
    }
    inside = [w for i, w in enumerate(lowered[1:-1], 1) if i not in numerals | latin]
    # "**Click and Explore**", a box's label in title case, stays no name
    if (
        emphasised
        and not all(w[0].isupper() for w in words if w != "and")
        and _coordinated_name(lowered)
    ):
        inside = [w for w in inside if w != "and"]
    # set apart by the author, one quantity "per" another names a unit or a rate ("pounds
    # per square inch", "parts per million") as "of" joins a name
    joins = {"of", "per"} if emphasised else {"of"}
    if not title_case and any(w in EN_STOP and w not in joins for w in inside):
        return False  # "increase the reference count": a clause, not a name
    return concept_key(term) not in EN_GENERIC and concept_key(term) not in FURNITURE_WORDS


_SUPERLATIVE_WORDS = frozenset({"best", "worst"})


def _superlative(word: str) -> bool:
    """ "greatest", "highest", "best": an adjective's superlative ("interest", "honest" are not)."""
    if word in _SUPERLATIVE_WORDS:
        return True
    adjectives = getAllLemmas(word).get("ADJ", ()) if word.endswith("est") else ()
    return any(a != word for a in adjectives)


def _ranked_part(lowered: list[str]) -> bool:
    """A superlative, one noun and "of": "greatest benefit of naturalistic observation",
    "highest form of flattery", "most important part of the test". The subject of a claim
    ("The greatest strength of experiments is …") ranks one aspect of a thing and names no
    concept of its own; a name built on a superlative has no "of" after its noun ("greatest
    common divisor", "least squares")."""
    at = 1 if lowered[0] in {"most", "least"} else 0
    return (
        len(lowered) >= at + 4
        and (at == 1 or _superlative(lowered[0]))
        and lowered[at + 2] == "of"
        and "NOUN" in getAllLemmas(lowered[at + 1])
    )


# a modal that is also a noun heads a name the author sets apart: "the **general will**"
_NOUN_MODALS = frozenset({"will"})
# adverbs of direction that open a compound noun ("back radiation", "down payment", "up
# quark", "out group"): EN_STOP lists them for "go back", "set up"
_PARTICLES = frozenset({"back", "down", "up", "out", "off"})


def _particle_compound(lowered: list[str]) -> bool:
    """A set-apart name opening on a direction adverb, its other words no stop words:
    "**back radiation**" was no term, as "back" opened it."""
    return (
        len(lowered) > 1 and lowered[0] in _PARTICLES and not any(w in EN_STOP for w in lowered[1:])
    )


def _coordinated_name(lowered: list[str]) -> bool:
    """An emphasised span joined by one "and" between content words, set apart as one name:
    "**checks and balances**", "**critical race and gender theory**" (running text would
    read two names)."""
    inside = lowered[1:-1]
    if inside.count("and") != 1:
        return False
    # "race and gender", "checks and balances": a noun before "and" ("religious and moral",
    # two adjectives, names nothing); a word that may be an adjective too is a noun when a
    # word only a noun follows "and" ("trial and error")
    at = lowered.index("and")
    lemmas = getAllLemmas(lowered[at - 1])
    after = getAllLemmas(lowered[at + 1])
    return (
        "NOUN" in lemmas
        and ("ADJ" not in lemmas or set(after) == {"NOUN"})
        and all(w == "and" or w not in EN_STOP for w in inside)
    )


def _introduced_phrase(lowered: list[str]) -> bool:
    """A name a textbook sets in bold that the rules for running text would read as a clause:
    a noun and a participle after it ("quantity demanded", "quantity supplied"), a noun and
    its prepositional complement ("shift in demand", "law of the excluded middle"), or a
    gerund alone ("forgetting", "chunking"). Emphasis alone admits these: in running text
    "memory allocated" or "increase in size" are no names."""
    if len(lowered) == 1:
        return gerund(lowered[0]) and len(lowered[0]) >= 7
    head = lowered[0]
    # a word the lexicon does not know is a noun of the field's before a preposition:
    # "backpropagation through time" is a name, as "shift in demand" is
    if head in EN_GENERIC or not _noun_capable(head) or apparatus(head):
        return False  # "**Introduction to Elasticity**": a heading set in bold
    if len(lowered) == 2:
        lemmas = getAllLemmas(lowered[1])
        return (
            # a noun the lexicon knows: "struct named" (a word of code, then the participle
            # that names an example's value) is no name
            "NOUN" in getAllLemmas(head)
            and lowered[1].endswith(("ed", "en"))
            and "VERB" in lemmas
            and lowered[1] not in lemmas["VERB"]
            and "NOUN" not in lemmas
            and "ADJ" not in lemmas
        )
    if lowered[1] not in EN_PREPOSITIONS:  # "appeal to ignorance", "knowledge by acquaintance"
        return False
    rest = lowered[2:]
    if rest[0] in {"the", "a", "an"}:
        rest = rest[1:]
    return (
        bool(rest)
        and not EN_STOP & set(rest)
        and _head_noun(rest[-1])
        and not any(_adverb(w) for w in rest)
    )


def _compound_noun(lowered: list[str]) -> bool:
    """Two nouns, the first no generic word: "base case", "test case", "function call",
    "sign bit" name things, though "case", "call" and "bit" alone are ordinary prose."""
    return (
        len(lowered) >= 2
        and lowered[-2] not in EN_GENERIC
        and lowered[-2] not in EN_STOP
        and "NOUN" in getAllLemmas(lowered[-2])  # a known noun: not "1st case", "foo call"
        and _noun_capable(lowered[-1])
    )


# "bit" alone is prose ("a bit more"), and so after a word of degree or size ("a little
# bit", "a tiny bit"); after any other modifier it is a binary digit with a name of its own:
# "sticky bit", "carry bit", "least significant bit" (a file-permissions chapter lost its
# sticky bit, "sticky" being no noun for `_compound_noun`)
_BIT_OF_PROSE = frozenset({"little", "tiny", "wee", "small", "big", "bit", "whole", "good"})


def _named_bit(lowered: list[str]) -> bool:
    """A modified "bit" that names a binary digit: "sticky bit", "least significant bit"."""
    return (
        len(lowered) >= 2
        and lowered[-1] == "bit"
        and lowered[-2] not in _BIT_OF_PROSE
        and lowered[-2] not in EN_STOP
        and lowered[-2] not in _ORDINALS
        and lowered[-2] not in _QUANTIFIERS
    )


def _adverb(word: str) -> bool:
    lemmas = set(getAllLemmas(word))
    return bool(lemmas) and lemmas <= {"ADV"}  # "borrow checker" opens with a verb and is a name


def _head_noun(word: str) -> bool:
    """The last word of a name: a noun, a gerund, or a verb's bare form after a modifier — the
    lexicon knows "merge", "commit", "borrow" only as verbs, yet "three-way merge",
    "merge commit" and "mutable borrow" are names ("unseen", "convex" still are not)."""
    if _noun_capable(word):
        return True
    lemmas = getAllLemmas(word)
    if word.endswith("ing") and "VERB" in lemmas:
        return True  # a gerund after a modifier names a process: "open addressing"
    return set(lemmas) == {"VERB"} and lemmas["VERB"][0] == word


def _named_plural(words: list[str]) -> bool:
    """A proper name in title case whose last word is the plural of a word the lexicon
    knows only as a verb: "Coercive Acts", "Suffolk Resolves" name laws and resolutions
    (the lexicon has no noun "act"), where lower case ("the court acts") is a clause."""
    last = words[-1]
    if not last[:1].isupper() or not last.endswith("s"):
        return False
    if not all(w[:1].isupper() for w in words if w.lower() not in _SMALL_WORDS):
        return False
    stem = last[:-1].lower()
    return getAllLemmas(stem).get("VERB", ())[:1] == (stem,) and not _noun_capable(stem)


def _noun_capable(word: str) -> bool:
    lemmas = getAllLemmas(word.strip("'’"))
    return not lemmas or bool({"NOUN", "PROPN"} & set(lemmas))
