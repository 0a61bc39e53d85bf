"""Document language: lingua restricted to the two languages we support (fast, small).

Tags are BCP-47 as stored in `documents.language`: "en" and "zh-CN". Each sampled block is
detected on its own and weighted by its length, so a Chinese textbook full of English code
and terms is still Chinese.

A document written in another language is refused (`foreign_language`): read with English
rules, a Greek translation of a Python book gave 160 "concepts" such as "Κεφάλαιο 10"
(Chapter 10) and "Λεπτομέρειες πνευματικών δικαιωμάτων" (copyright details). A second,
wider detector (low-accuracy mode: ~25 MB, ~0.1 ms a block) says which language it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from jobs.pipeline.model import Block, Language

SAMPLE_BLOCKS = 200
_PROSE = ("paragraph", "list_item", "heading")
_TAGS: dict[LinguaLanguage, Language] = {
    LinguaLanguage.ENGLISH: "en",
    LinguaLanguage.CHINESE: "zh-CN",
}
# A block this long says which language it is in ("x = 3 if y > 2" reads as Vietnamese)
MIN_FOREIGN_SAMPLE = 40
# Refused when another language holds this share of the sampled prose and ours less than
# FOREIGN_OURS_AT_MOST: a bilingual word list or an English book quoting French is read.
FOREIGN_SHARE = 0.6
FOREIGN_OURS_AT_MOST = 0.25
# English prose is a quarter function words; a block with fewer than this share of them is
# asked of the wide detector (which alone calls "A vector is an ordered list of numbers."
# Swedish)
ENGLISH_FUNCTION_SHARE = 0.08
_ENGLISH_FUNCTION_WORDS = frozenset((
    "the", "of", "and", "to", "a", "an", "in", "is", "are", "was", "were", "be", "been", "it",
    "its", "that", "this", "these", "those", "for", "on", "with", "as", "by", "at", "from",
    "or", "not", "can", "which", "we", "you", "they", "if", "has", "have", "how", "what",
    "when", "each",
))  # fmt: skip
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Japanese writes kana between its kanji (a Chinese text none): "変数は値を指す名前です"
_KANA = re.compile(r"[\u3040-\u30ff]")
JAPANESE_KANA_SHARE = 0.2


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_TAGS).build()


@cache
def _wide_detector() -> LanguageDetector:
    # models load on first use, per script (the readers' forkserver loads the Latin ones
    # before forking: jobs/ingest/warm.py)
    return LanguageDetectorBuilder.from_all_spoken_languages().with_low_accuracy_mode().build()


def _ours(text: str) -> bool:
    """Chinese characters outnumber Latin words, or the words are English by their
    function words."""
    words = _LATIN_WORD.findall(text)
    han = len(_HAN.findall(text))
    if han and han >= len(words):
        return len(_KANA.findall(text)) < JAPANESE_KANA_SHARE * han
    if not words:  # Greek, Cyrillic, Arabic, Hangul...
        return False
    function = sum(w.casefold() in _ENGLISH_FUNCTION_WORDS for w in words)
    return function >= ENGLISH_FUNCTION_SHARE * len(words)


def foreign_language(blocks: Sequence[Block]) -> str | None:
    """The name of the language most of the prose is in when it is neither English nor
    Chinese (then the document cannot be read well), else None. A block is foreign when
    it is neither Chinese nor English by `_ours` and the wide detector names another
    language."""
    prose = [b.text[:1000] for b in blocks if b.kind in _PROSE]
    prose = [t for t in prose if len(t.strip()) >= MIN_FOREIGN_SAMPLE]
    step = max(1, len(prose) // SAMPLE_BLOCKS)
    ours = 0.0
    foreign: dict[LinguaLanguage, float] = {}
    for text in prose[::step]:
        found = None if _ours(text) else _wide_detector().detect_language_of(text)
        if found is None or found in _TAGS:
            ours += len(text)
        else:
            foreign[found] = foreign.get(found, 0.0) + len(text)
    total = ours + sum(foreign.values())
    if not foreign or ours > FOREIGN_OURS_AT_MOST * total:
        return None
    top = max(foreign, key=lambda language: foreign[language])
    return top.name.capitalize() if foreign[top] >= FOREIGN_SHARE * total else None


def detect_language(blocks: Sequence[Block], default: Language = "en") -> Language:
    """The language most of the prose is in (code blocks and tables are ignored)."""
    prose = [b for b in blocks if b.kind in _PROSE and b.text.strip()]
    step = max(1, len(prose) // SAMPLE_BLOCKS)
    weights: dict[Language, float] = {}
    detector = _detector()
    for block in prose[::step]:
        text = block.text[:1000]
        found = detector.detect_language_of(text)
        if found is not None:
            tag = _TAGS[found]
            weights[tag] = weights.get(tag, 0.0) + _weight(text, tag)
    return max(weights, key=lambda tag: weights[tag]) if weights else default


def _weight(text: str, tag: Language) -> float:
    # a Chinese character carries about as much as an English word of ~2 characters
    return len(text) * (2.0 if tag == "zh-CN" else 1.0)


def language_of(text: str, default: Language = "en") -> Language:
    """The language of one short text (a title, a heading)."""
    found = _detector().detect_language_of(text)
    return _TAGS[found] if found is not None else default
