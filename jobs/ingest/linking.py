"""Which stored concepts could link to a new document: a cheap superset, before the
pipeline's `links.link_to_existing`, whose cost grows with known concepts times blocks
(about 20 ms per known concept on a 300-page book: a graph of 2,500 concepts in the
document's language would add close to a minute to every upload).

A known concept E can only produce a candidate (links.py) when
- E is mentioned in the document (used without definition, named in a definition), or
  is part of a new concept's name: then each of E's words starts a word of the
  document (English; the first four letters, which plural forms keep: matrix /
  matrices) and each pair of E's Chinese characters occurs in the document;
- a new concept's name is part of E's, or a new concept is named in E's description;
- E's name is the opposite of a new one's or shares its head (RELATES_TO candidates,
  `relations.opposite` / `similar`, which look at names only).
Everything else is dropped here without changing the result: the unit tests check
`link_to_existing` gives the same candidates with and without this filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from jobs.pipeline.links import KnownConcept
from jobs.pipeline.mentions import mention_pattern
from jobs.pipeline.model import Concept
from jobs.pipeline.normalise import contained
from jobs.pipeline.relations import opposite, similar

PREFIX = 4
_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")


class DocumentWords:
    """The document's words (English prefixes) and Chinese character pairs, once."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.prefixes: set[str] = set()
        self.pairs: set[str] = set()
        for text in texts:
            folded = text.casefold()
            for word in _WORD.findall(folded):
                if not _HAN.search(word):
                    for size in range(1, min(len(word), PREFIX) + 1):
                        self.prefixes.add(word[:size])
            dense = _SPACE.sub("", folded)
            self.pairs.update(dense[i : i + 2] for i in range(len(dense) - 1))
            self.pairs.update(ch for ch in dense if _HAN.match(ch))

    def may_mention(self, key: str) -> bool:
        folded = key.casefold()
        latin = [w for w in _WORD.findall(_HAN.sub(" ", folded))]
        if not all(w[:PREFIX] in self.prefixes for w in latin):
            return False
        dense = _SPACE.sub("", folded)
        if not _HAN.search(dense):
            return True
        if len(dense) == 1:
            return dense in self.pairs
        return all(dense[i : i + 2] in self.pairs for i in range(len(dense) - 1))


def candidates(
    known: Sequence[KnownConcept], new: Sequence[Concept], words: DocumentWords
) -> list[KnownConcept]:
    """The known concepts that could link to the new ones (see the module's docstring)."""
    kept = []
    for concept in known:
        if (
            words.may_mention(concept.key)
            or any(
                contained(n.key, concept.key)
                or opposite(concept.key, n.key)
                or similar(concept.key, n.key)
                for n in new
            )
            or (
                concept.description is not None
                and any(mention_pattern(n.key).search(concept.description) for n in new)
            )
        ):
            kept.append(concept)
    return kept
