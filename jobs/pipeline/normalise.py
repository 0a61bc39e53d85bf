"""Concept identity: the normalised key two documents must agree on, and a clean title.

`concept_key` = NFKC, casefold, backticks and generic parameters (`Box<T>` → `box`) removed,
whitespace collapsed, the English head noun (the last word, or the word before "of")
reduced to its singular (lemminflect), no space
between two Chinese characters. The concept's id is uuid5 over this key and the language
(`datasources.ids.concept_id_for(key, language)`), so "Mutable references" in one document
and "mutable reference" in another are one Concept node.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lemminflect import getAllLemmas

_GENERIC_PARAMS = re.compile(r"<[^<>]{1,20}>")
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NOT_SINGULARISED = ("ss", "us", "is", "as", "ics")


@lru_cache(maxsize=262144)
def concept_key(title: str) -> str:
    text = (
        unicodedata.normalize("NFKC", title).replace("`", "").replace("’", "'").replace("--", "-")
    )
    text = _GENERIC_PARAMS.sub("", text)
    text = _LEADING_ARTICLE.sub("", " ".join(text.split()))
    text = _SPACE_BETWEEN_HAN.sub("", text).casefold().strip(" .,:;!?'\"")
    words = text.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1  # "systems of equations"
    if words and words[head].isascii() and words[head].isalpha():
        words[head] = singular(words[head])
    return " ".join(words)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The singular of an English noun ("matrices" → "matrix"); other words unchanged."""
    if len(word) < 4 or word.endswith(_NOT_SINGULARISED) or not word.endswith("s"):
        return word
    lemmas = getAllLemmas(word)
    if "NOUN" in lemmas:
        return lemmas["NOUN"][0]
    if not lemmas and not word.endswith(("es", "os")):
        return word[:-1]  # a word the lexicon lacks, plural by its look: "structs", "enums"
    return word


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
