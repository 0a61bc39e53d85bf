"""Word counts: English by word characters; Chinese by rjieba's segmentation.

rjieba (Rust port of jieba, same dictionary and segmentation, ~45× faster) cuts Chinese
runs into words; runs of Latin letters or digits count as one word each, punctuation none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import rjieba

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def count_words(text: str) -> int:
    """Words in `text`, Chinese segmented by rjieba, other scripts by word characters."""
    if not _HAN.search(text):
        return len(_LATIN_WORD.findall(text))
    chinese = sum(len(rjieba.cut(run)) for run in _HAN_RUN.findall(text))
    return chinese + len(_LATIN_WORD.findall(_HAN_RUN.sub(" ", text)))


def count_all(texts: Iterable[str]) -> int:
    return sum(count_words(text) for text in texts)
