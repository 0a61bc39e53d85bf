"""An offline embedder: signed feature hashing of words and CJK character n-grams.

No model, no network, deterministic across processes and machines (blake2b, not
Python's per-process randomised `hash()`), so vectors written by one worker are
comparable with queries embedded by any gateway instance.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache

from datasources.embeddings.base import EMBEDDING_DIMENSIONS

# Scripts written without spaces between words: Han, kana, Hangul syllables.
_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B-H
)
# Either a run of CJK characters, or a run of word characters that are not CJK.
_TOKEN = re.compile(f"([{_CJK}]+)|([^\\W{_CJK}]+)")
# Bump when the feature set changes: old and new vectors must not be compared.
_PERSON = b"cg-hash-embed-v1"
# Large texts are hashed off the event loop so a gateway stays responsive.
_THREAD_THRESHOLD_CHARS = 20_000


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII, compatibility ideographs → unified) and casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


def features(text: str) -> Iterator[str]:
    """Words for spaced scripts; character unigrams and bigrams for CJK runs."""
    for match in _TOKEN.finditer(normalise(text)):
        cjk, word = match.groups()
        if word:
            yield "w:" + word
            continue
        # Chinese has no spaces: unigrams give recall, bigrams approximate words.
        for i, char in enumerate(cjk):
            yield "u:" + char
            if i + 1 < len(cjk):
                yield "b:" + cjk[i : i + 2]


@lru_cache(maxsize=65_536)
def _bucket(feature: str, dimensions: int) -> tuple[int, float]:
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8, person=_PERSON).digest()
    index = int.from_bytes(digest[:6], "big") % dimensions
    # A separate bit for the sign makes collisions cancel out on average instead of adding up.
    sign = 1.0 if digest[7] & 1 else -1.0
    return index, sign


def hash_embed(text: str, dimensions: int = EMBEDDING_DIMENSIONS) -> list[float]:
    """One L2-normalised vector; the zero vector for text without any token."""
    vector = [0.0] * dimensions
    for feature, count in Counter(features(text)).items():
        index, sign = _bucket(feature, dimensions)
        # Sublinear TF: a word said ten times is not ten times as telling.
        vector[index] += sign * (1.0 + math.log(count))
    norm = math.sqrt(math.fsum(v * v for v in vector))
    if norm == 0.0:
        return vector
    return [v / norm for v in vector]


class HashingEmbedder:
    """The default embedder: works offline, needs no model download."""

    def __init__(self, *, dimensions: int = EMBEDDING_DIMENSIONS) -> None:
        if dimensions <= 0:
            raise ValueError("dimensions must be positive")
        self.dimensions = dimensions

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed each text; large batches run in a worker thread."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one string")
        if sum(len(t) for t in texts) > _THREAD_THRESHOLD_CHARS:
            return await asyncio.to_thread(self._embed_all, list(texts))
        return self._embed_all(texts)

    def _embed_all(self, texts: Sequence[str]) -> list[list[float]]:
        return [hash_embed(text, self.dimensions) for text in texts]

    async def close(self) -> None:
        """Nothing to release; present so every embedder can be closed the same way."""
