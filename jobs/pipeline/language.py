"""Document language: lingua restricted to the two languages we support (fast, small).

Tags are BCP-47 as stored in `documents.language`: "en" and "zh-CN". Each sampled block is
detected on its own and weighted by its length, so a Chinese textbook full of English code
and terms is still Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from jobs.pipeline.model import Block, Language

SAMPLE_BLOCKS = 200
_TAGS: dict[LinguaLanguage, Language] = {
    LinguaLanguage.ENGLISH: "en",
    LinguaLanguage.CHINESE: "zh-CN",
}


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_TAGS).build()


def detect_language(blocks: Sequence[Block], default: Language = "en") -> Language:
    """The language most of the prose is in (code blocks and tables are ignored)."""
    prose = [
        b for b in blocks if b.kind in ("paragraph", "list_item", "heading") and b.text.strip()
    ]
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
