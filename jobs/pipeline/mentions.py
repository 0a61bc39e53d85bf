"""Where concepts are mentioned: one pattern per concept key (case-insensitive, plural-
tolerant, code quotes ignored) and the blocks that mention each concept on its own."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Protocol

from jobs.pipeline.model import Block
from jobs.pipeline.normalise import contained
from jobs.pipeline.textutil import has_han

PROSE = ("paragraph", "list_item", "quote")


class Located(Protocol):
    key: str
    mentions: list[int]


def locate(drafts: Sequence[Located], blocks: Sequence[Block]) -> None:
    """Blocks that mention each concept on its own: "积分" inside "微积分", or "gradient"
    inside "gradient descent", is a mention of the longer concept only. A substring probe
    skips the regular expression for blocks that cannot match (most of them)."""
    plans = []
    for draft in drafts:
        longer = [
            (_probe(k), mention_pattern(k))
            for k in (d.key for d in drafts)
            if k != draft.key and _within(draft.key, k)
        ]
        plans.append((draft, _probe(draft.key), mention_pattern(draft.key), longer))
    for index, block in enumerate(blocks):
        if block.kind not in PROSE and block.kind != "heading":
            continue
        text = block.text
        lowered = text.lower()
        for draft, probe, pattern, longer in plans:
            if probe not in lowered or not pattern.search(text):
                continue
            masked = text
            for other_probe, other in longer:
                if other_probe in lowered:
                    masked = other.sub("\u2063", masked)
            if masked is text or pattern.search(masked):
                draft.mentions.append(index)


def _within(key: str, longer: str) -> bool:
    """`key`'s text is part of `longer`'s, so a mention of `longer` is none of `key`: also
    a character inside a word, 类 in 列表类型 (which `contained` does not call a part)."""
    if key.isascii() and longer.isascii():
        return contained(key, longer)
    return len(key) < len(longer) and key.replace(" ", "") in longer.replace(" ", "")


def _probe(key: str) -> str:
    """A lower-case piece every mention of `key` contains (the start of its first word)."""
    first = key.split(" ")[0]
    if _LETTER_OPENED.match(first) and len(first) > 2:
        first = first[1:].lstrip("-")  # the letter may be maths: "$n$步", "$k$-means"
    if has_han(first):
        return first[:2]
    if first.endswith(("ex", "ix")):  # "index" is written "indices": "inde" is no probe
        return first[: min(4, len(first) - 2)]
    return first.split("'")[0][:4] or first[:1]  # "o'neill": the text may curl its quote


# characters re's IGNORECASE matches to an ASCII letter though str.lower() does not lower
# them to it ("İ" lowers to two characters; "ı" and "ſ" stay): a text holding one is
# always searched (no other code point does: tests/unit/pipeline/test_whole_books.py)
ODD_CASES = frozenset("\u0130\u0131\u017f")


def mention_stem(key: str) -> str | None:
    """Lower-case letters every mention of `key` holds, as `mention_pattern` reads them:
    its first word less the two letters a plural may change ("nucle" for "nucleus" and
    "nuclei"); None when that word is more than ASCII letters and digits (a Han key's
    characters may be spaced apart, an apostrophe curled): then any text may mention it."""
    first = re.split(r"[ \-]", key, maxsplit=1)[0]
    if not (first.isascii() and first.isalnum()):
        return None
    return first[: max(1, len(first) - 2)].lower()


class MentionIndex:
    """Many keys' mentions in the same texts: a whole textbook's thousands of candidate
    terms each searched its whole body (one regex pass per key over a million characters,
    seconds on a 600-page book, growing with length times terms). A key's pattern runs only
    on the texts that hold its `mention_stem`, found with str.find in the texts lowered and
    joined; the matches are those of a search of every text, in the same order."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        lowered = [t.lower() for t in self.texts]
        self._joined = "\x00".join(lowered)
        self._starts = list(accumulate((len(t) + 1 for t in lowered), initial=0))
        self._odd = {i for i, t in enumerate(self.texts) if not ODD_CASES.isdisjoint(t)}

    def candidates(self, key: str) -> list[int]:
        """The texts that may mention `key`, in order."""
        stem = mention_stem(key)
        if stem is None:
            return list(range(len(self.texts)))
        found = set(self._odd)
        at = self._joined.find(stem)
        while at >= 0:
            index = bisect_right(self._starts, at) - 1
            found.add(index)
            at = self._joined.find(stem, self._starts[index + 1])  # on to the next text
        return sorted(found)

    def matches(self, key: str) -> Iterator[re.Match[str]]:
        """`mention_pattern(key)`'s matches in each text, texts in order."""
        pattern = mention_pattern(key)
        for index in self.candidates(key):
            yield from pattern.finditer(self.texts[index])

    def holding(self, key: str) -> list[int]:
        """The texts that mention `key`, in order."""
        pattern = mention_pattern(key)
        return [i for i in self.candidates(key) if pattern.search(self.texts[i])]


_PATTERNS: dict[str, re.Pattern[str]] = {}
_LETTER_OPENED = re.compile(r"[a-z](?=[-\u3400-\u9fff])")  # "n步时序差分", "k-means"
_APOSTROPHES = "['\u2019\u02bc]"  # ' ’ ʼ
_WORD_NOT_HAN = r"[^\W\u3400-\u9fff\uf900-\ufaff]"  # a letter, digit or "_" of a word
_ACRONYM_KEY = re.compile(r"[a-z]{2,5}[0-9]?|[a-z][0-9]")  # auc, roc, kkt, f1


# a singular's ending -> its Latin or Greek plural ending
_CLASSICAL = {"us": "i", "um": "a", "on": "a", "is": "es", "ma": "mata", "a": "ae"}


def _plural_tolerant(word: str) -> str:
    """A word of a key as a pattern: any English word may be plural ("systems of linear
    equations"), a hyphen may be doubled or a space ("matrix--vector")."""
    if not (word.isascii() and word.replace("-", "").isalpha()):
        return re.escape(word)
    hyphen = r"(?:-{1,2}|\s)"
    # "matrix" → "matrices", and "-ex" too ("vertex" → "vertices", "index" → "indices"):
    # concept_key gives these singulars, so a "Miller indices" entry, keyed "miller
    # index", found no mention of itself and was dropped from a handout's glossary
    if word.endswith(("ix", "ex")):
        return f"(?:{word}|{word[:-2]}ices|{word}es)".replace("-", hyphen)
    if word.endswith("x"):
        return f"(?:{word}|{word}es)".replace("-", hyphen)
    ending = next((e for e in _CLASSICAL if word.endswith(e)), None)
    if len(word) < 5 or word.endswith(("tion", "sion")):
        ending = None  # "bus", "function": English plurals only
    if ending is not None:  # concept_key's singular of "nuclei", "criteria", "vertebrae"
        stem = word[: -len(ending)]
        return f"(?:{stem}(?:{ending}|{_CLASSICAL[ending]})|{word}(?:s|es)?)".replace("-", hyphen)
    stem = word[:-1] + "(?:y|ies)" if word.endswith("y") else word
    return (stem + "(?:s|es)?").replace("-", hyphen)


def mention_pattern(key: str) -> re.Pattern[str]:
    """Where a concept is mentioned: case-insensitive, plural-tolerant, code quotes ignored."""
    pattern = _PATTERNS.get(key)
    if pattern is None:
        parts = [_plural_tolerant(p) for p in key.split(" ")]
        body = r"[\s`\-]*".join(parts) if len(parts) > 1 else parts[0]
        # a key's apostrophe is "'" (datasources/concept_keys); texts set in typography,
        # as textbooks and word processors are, write "Kepler’s first law"
        body = body.replace("'", _APOSTROPHES)
        if has_han(key):
            body = (
                r"\s*".join(re.escape(ch) for ch in key.replace(" ", ""))
                if key.isascii() is False and " " not in key
                else body
            )
        if _LETTER_OPENED.match(key) and body.startswith(key[0]):
            # the letter may be written as maths: "$n$步时序差分", "$k$-means"
            body = rf"\$?{key[0]}\$?{body[1:]}"
        if has_han(key):
            pattern = re.compile(body, re.IGNORECASE)
        else:
            text = rf"(?<![\w]){body}(?![\w])"
            if _ACRONYM_KEY.fullmatch(key):
                # an acronym in capitals touches Han characters in Chinese prose: "此即为AUC。",
                # "AUC则指的是…" (a lower-case word there is part of a code name or a formula)
                capitals = re.escape(key.upper())
                # the lookarounds inside the case-sensitive group: the class matches the same
                # characters either way (Han has no case), but under IGNORECASE re expands its
                # 27,000 Han code points for case variants: 25 ms a key, a book's thousands
                # of short words took seconds
                text += rf"|(?-i:(?<!{_WORD_NOT_HAN}){capitals}(?!{_WORD_NOT_HAN}))"
            elif key[:1].isalpha() and body.startswith(key[0]):
                # so does a name written with its capital: "理解Activity和Lifecycle", "安装
                # Android Studio" (a Chinese syllabus's every English topic was unmentioned);
                # the lookarounds case-sensitive for the reason above
                capital = re.escape(key[0].upper())
                text += rf"|(?-i:(?<!{_WORD_NOT_HAN}){capital}){body[1:]}(?-i:(?!{_WORD_NOT_HAN}))"
            pattern = re.compile(text, re.IGNORECASE)
        _PATTERNS[key] = pattern
    return pattern
