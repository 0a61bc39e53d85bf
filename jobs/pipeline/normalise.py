"""Titles and containment of concept names (the key itself is datasources.concept_keys).

`clean_title` makes a display title, `heading_title` a section's; `contained` says whether
one name is a piece of another ("reference" in "mutable references", 线性方程 in 线性方程组),
plural or not.
"""

from __future__ import annotations

import unicodedata

import rjieba

from datasources.concept_keys import singular
from jobs.pipeline.lexicon import zh_word_of_its_own


def clean_title(text: str) -> str:
    """A display title: single spaces, no surrounding punctuation or quotes."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return text.strip(" .,:;!?'\"“”‘’()（）*_，。：；、")


def heading_title(text: str) -> str:
    """A heading as a week's or module's title: single spaces, no code marks ("Using
    `Box<T>`" is "Using Box<T>"), "--" as a dash, no trailing colon or full stop, and
    quotes kept unless they wrap it whole ("class" 语法 stays; a parenthesis too:
    栈(Stack)与堆(Heap))."""
    text = " ".join(unicodedata.normalize("NFKC", text).replace("`", "").split())
    text = text.replace("--", "–").rstrip(" .:;,")
    pairs = {'"': '"', "“": "”", "'": "'", "‘": "’", "«": "»"}
    while len(text) > 1 and pairs.get(text[0]) == text[-1] and text.count(text[-1]) <= 2:
        text = text[1:-1].strip()
    return text


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
