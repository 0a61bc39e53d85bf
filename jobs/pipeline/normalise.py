"""Titles and containment of concept names (the key itself is datasources.concept_keys).

`clean_title` makes a display title; `contained` says whether one name is a piece of another
("reference" in "mutable references", 线性方程 in 线性方程组), plural or not.
"""

from __future__ import annotations

import unicodedata

from datasources.concept_keys import singular


def clean_title(text: str) -> str:
    """A display title: single spaces, no surrounding punctuation or quotes."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return text.strip(" .,:;!?'\"“”‘’()（）*_，。：；、")


def contained(part: str, whole: str) -> bool:
    """`part` names a piece of `whole`: word by word, plural or not ("reference" in "mutable
    references"); character by character in Chinese (线性方程 in 线性方程组)."""
    if len(part) >= len(whole):
        return False
    if part.isascii() and whole.isascii():
        return f" {_singulars(part)} " in f" {_singulars(whole)} "
    return part.replace(" ", "") in whole.replace(" ", "")


def _singulars(key: str) -> str:
    return " ".join(singular(w) for w in key.split(" "))
