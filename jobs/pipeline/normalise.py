"""Titles and containment of concept names (the key itself is datasources.concept_keys).

`clean_title` makes a display title, `heading_title` a section's; `contained` says whether
one name is a piece of another ("reference" in "mutable references", 线性方程 in 线性方程组),
plural or not.
"""

from __future__ import annotations

import re
import unicodedata

import rjieba
from lemminflect import getAllLemmas

from datasources.concept_keys import singular
from jobs.pipeline.lexicon import (
    ZH_DOCUMENT_KIND,
    zh_emphasis_unwrapped,
    zh_framed_title,
    zh_word_of_its_own,
)


def clean_title(text: str) -> str:
    """A display title: single spaces, no surrounding punctuation or quotes; Chinese
    corner quotes too when they wrap it whole ("「沉默期」", as translations and Zhihu
    quote a term, was a concept beside 沉默期; "「监控器」使用" keeps its own)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    text = text.strip(" .,:;!?'\"“”‘’()（）*_，。：；、")
    while _CORNER_QUOTED.fullmatch(text):
        text = text[1:-1].strip(" .,:;!?'\"“”‘’()（）*_，。：；、")
    return text


_CORNER_QUOTED = re.compile(r"「[^「」]+」|『[^『』]+』")


# a slide that goes on from the one before repeats its title with a mark: "Word meanings
# cont.", "Evaluation continued", "(cont.)", "（续）": the same topic and the same section,
# not a new one ("word meanings cont" was a concept, "Word meanings cont" a module)
CONTINUED = re.compile(
    r"(?i),?\s+(?:cont(?:'d|\.|inued)?|ctd\.?)\s*[.:]?\s*$"
    r"|\s*[(（]\s*(?:cont(?:'d|\.|inued)?|ctd\.?|续)\s*[)）]\s*$"
)


# a heading's closing bracket that points into another book: "(#4 on p. 24)", "(p. 12)",
# "(pp. 30-31)", "(see page 7)": where the class reads the exercises, no part of the title
# ("Transitive Verb Examples (#5 on p. 25)" was a module's title)
PAGE_REFERENCE = re.compile(
    r"\s*[(（][^()（）]{0,30}\b(?:pp?|pg|pages?)\.?\s*\d+(?:\s*[-–]\s*\d+)?\s*[)）]\s*$",
    re.IGNORECASE,
)


# a revision note's mark of the exam years that asked the section, closing its heading:
# "决策过程（2019年真题）", "管理者的技能要求（2012年真题、2023年真题）", "（2020考研真题）".
# It tells the pupil what was examined, no part of the title (a module was titled
# "【产品生命周期】对战略选择的影响（2022年真题）").
EXAM_YEARS = re.compile(
    r"\s*[(（][^()（）]{0,40}?(?:19|20)\d{2}[^()（）]{0,40}?(?:真题|考题|试题)[^()（）]{0,20}[)）]\s*$"
)


def heading_title(text: str) -> str:
    """A heading as a week's or module's title: single spaces, no code marks ("Using
    `Box<T>`" is "Using Box<T>"), "--" as a dash, no trailing colon or full stop, quotes
    kept unless they wrap it whole ("class" 语法 stays; a parenthesis too:
    栈(Stack)与堆(Heap)), and a heading set in capitals in title case (`_title_case`)."""
    # NFC, not NFKC: a Chinese heading keeps its full-width "？" and "："
    text = " ".join(unicodedata.normalize("NFC", text).replace("`", "").split())
    text = zh_emphasis_unwrapped(text)  # "国民收入的【核算】": a stressed word, not a label
    text = ZH_DOCUMENT_KIND.sub("", text)  # "压强 导学案": the lesson, not the 学案
    framed = zh_framed_title(text)
    if framed:  # "九年级化学第五单元《化学方程式》单元测试卷": the unit, not its frame
        text = f"《{framed}》"
    text = (
        CONTINUED.sub("", PAGE_REFERENCE.sub("", EXAM_YEARS.sub("", text)))
        .replace("--", "–")
        .rstrip(" .:;,：；，。")
    )
    pairs = {'"': '"', "“": "”", "'": "'", "‘": "’", "«": "»"}
    while len(text) > 1 and pairs.get(text[0]) == text[-1] and text.count(text[-1]) <= 2:
        text = text[1:-1].strip()
    return _title_case(text)


# words a title leaves in lower case, unless they open it or follow its colon
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "nor", "of", "on"}
    | {"or", "per", "the", "to", "via", "vs", "with"}
)
_CAPITALS_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
ACRONYM_MAX_LETTERS = 4


def _title_case(text: str) -> str:
    """A heading set in capitals, in title case: "GIANTS OF WEALTH: CARNEGIE, ROCKEFELLER,
    AND MORGAN" reads "Giants of Wealth: Carnegie, Rockefeller, and Morgan". Only a heading
    whose letters are all Latin capitals (a house style, not emphasis) changes; a short
    word no dictionary knows is an acronym and stays (DNA, HTTP, USA), as does a short
    word standing alone."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or not all(c.isascii() and c.isupper() for c in letters):
        return text
    if _CAPITALS_WORD.fullmatch(text) and len(text) <= ACRONYM_MAX_LETTERS:
        # a heading of one short word in capitals is an acronym that happens to spell a
        # word (FUSE, RAID, SOAP): a house style of capitals sets titles of several words
        # ("FUSE", a lecture's section on filesystems in user space, was a module "Fuse")
        return text

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        lower = found.lower()
        opens = match.start() == 0 or text[: match.start()].rstrip().endswith((":", "—", "–"))
        if (
            not getAllLemmas(lower)
            and len(found) <= ACRONYM_MAX_LETTERS
            and lower not in _MINOR_WORDS
        ):
            return found
        if lower in _MINOR_WORDS and not opens:
            return lower
        return lower[0].upper() + lower[1:]

    return _CAPITALS_WORD.sub(word, text)


def contained(part: str, whole: str) -> bool:
    """`part` names a piece of `whole`: word by word, plural or not ("reference" in "mutable
    references"); character by character in Chinese (线性方程 in 线性方程组), but one
    character only at a word's edge and not inside a common word (not 类 in 列表类型)."""
    if len(part) >= len(whole):
        return False
    if part.isascii() and whole.isascii():
        return f" {_singulars(part)} " in f" {_singulars(whole)} "
    part, whole = part.replace(" ", ""), whole.replace(" ", "")
    if part not in whole:
        return False
    if len(part) == 1 and not part.isascii():
        # 类 names a class, yet 列表类型 is a type of list and 浮点数 no kind of 点: one
        # character is a part only as a word's edge (堆 in 大顶堆, 堆顶, 建堆操作, 子类),
        # and not of a common word of its own (类型, 图像)
        at_edge = any(part in (word[0], word[-1]) for word in rjieba.cut(whole))
        return at_edge and not any(
            part in word and len(word) > 1 and zh_word_of_its_own(word)
            for word in rjieba.cut_for_search(whole)
        )
    return True


def _singulars(key: str) -> str:
    return " ".join(singular(w) for w in key.split(" "))
