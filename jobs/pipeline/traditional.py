"""Traditional Chinese (繁體) documents read with the Chinese rules, which are written in
Simplified characters.

Every Chinese rule (lexicon apparatus words such as 习题 and 参考文献, the 是/指/称为/被定义为
definition patterns, rjieba's dictionary) spells its words in Simplified characters, so a
teacher's handout from Taiwan or Hong Kong matched almost none of them: its 課前測驗 and
回顧與自學 became concepts and "方差被定義為…" defined nothing. Rather than spell every rule
twice, the blocks are converted to Simplified with OpenCC (character for character, so
every offset stays where it was), the knowledge is extracted from them, and every text it
returns is put back in the document's own characters: a span found in the converted text
is replaced by the original span at the same offsets, any other text character by
character as the document itself writes it (发 back to 發 or 髮, whichever it uses).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import Any, TypeVar

import opencc

from jobs.pipeline.model import Block

T = TypeVar("T")

# A Simplified text has next to no character OpenCC changes (a stray 著 or 乾); a
# Traditional one has one in four or five. One in twenty is far from both.
TRADITIONAL_SHARE = 0.05
MIN_TRADITIONAL = 10


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` in Simplified characters, of the same length: OpenCC's phrase table picks the
    character from its word (頭髮 → 头发, 著作 stays), and where a phrase would change the
    length each character is converted alone."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else t for t, c in zip(text, map(_char, text), strict=True))


def _char(character: str) -> str:
    return _converter().convert(character)


def _han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff" or "\u3400" <= character <= "\u4dbf"


def is_traditional(texts: Iterable[str], least: int = MIN_TRADITIONAL) -> bool:
    """True when the texts are written in Traditional characters: at least `least` of
    their characters, and `TRADITIONAL_SHARE` of the Chinese ones, are Traditional."""
    return converted(((text, to_simplified(text)) for text in texts), least)


def converted(pairs: Iterable[tuple[str, str]], least: int = MIN_TRADITIONAL) -> bool:
    """`is_traditional` for texts already converted: (original, `to_simplified`) pairs."""
    han = changed = 0
    for text, simple_text in pairs:
        for original, simple in zip(text, simple_text, strict=True):
            if _han(original):
                han += 1
                changed += original != simple
    return changed >= least and changed >= TRADITIONAL_SHARE * han


class Restorer:
    """Puts texts the rules produced from the converted blocks back in the document's
    characters. `simples`: the originals already converted (`to_simplified`), if they are."""

    def __init__(self, originals: Sequence[str], simples: Sequence[str] | None = None) -> None:
        self._original = "\n".join(originals)
        self._simple = to_simplified(self._original) if simples is None else "\n".join(simples)
        seen: dict[str, Counter[str]] = {}
        for original, simple in zip(self._original, self._simple, strict=True):
            if original != simple:
                seen.setdefault(simple, Counter())[original] += 1
        self._chars = {simple: counts.most_common(1)[0][0] for simple, counts in seen.items()}

    def text(self, text: str) -> str:
        if not text or all(c not in self._chars for c in text):
            return text
        at = self._simple.find(text)
        if at >= 0:
            return self._original[at : at + len(text)]
        return "".join(self._chars.get(c, c) for c in text)

    def tree(self, value: T) -> T:
        """`value` (a dataclass tree of the pipeline's model) with every text restored."""
        return _map_texts(value, self.text)


def _map_texts(value: Any, text: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, tuple):
        return tuple(_map_texts(v, text) for v in value)
    if isinstance(value, list):
        return [_map_texts(v, text) for v in value]
    if isinstance(value, dict):
        return {_map_texts(k, text): _map_texts(v, text) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_texts(getattr(value, f.name), text) for f in dataclasses.fields(value)
        }
        return replace(value, **changes)
    return value


def simplified_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with their text and emphasis in Simplified characters."""
    return [
        replace(b, text=to_simplified(b.text), emphasis=tuple(map(to_simplified, b.emphasis)))
        for b in blocks
    ]
