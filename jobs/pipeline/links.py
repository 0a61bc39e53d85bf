"""Cross-document candidates: how a new document's concepts relate to ones already in the graph.

Pure: the caller passes the concepts it already has (key, title, language, description).
Same key and language = the same Concept node (nothing to add). Otherwise, per pair
(existing E, new N), in the same language:

- containment (0.9, mandatory): E's name is part of N's → E before N (and the reverse)
- definition (0.8, mandatory): E is named in N's defining sentence → E before N; N named
  in E's stored description → N before E; never an everyday English word ("mean",
  "value"), which a definition words with and does not rest on
- assumed (0.5): the new document uses E without defining it, in the same paragraphs as
  N at least twice, and N is introduced here (heading, definition) → E before N

RELATES_TO candidates follow `relations`: opposite names (mutable/immutable, 局部/全局) and
names sharing their head ("mutable reference" / "dangling reference").

A known concept named by one word ("body", "output", "函数") links only from a document of
the same subject: one that shares at least MIN_SHARED_CONCEPTS concepts with the new one
(`related_documents`). One word means different things in different subjects: a Python
lesson's "body" (of a function) and "output" became mandatory prerequisites of an anatomy
chapter's "rickets" and "cardiac output", and its courses listed them as what learners
must know first. A longer name is specific enough to link across subjects; a known
concept whose documents are not given is linked as before.

The graph writer must still refuse an edge that closes a cycle with edges already stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from jobs.pipeline.lexicon import everyday
from jobs.pipeline.mentions import PROSE, MentionIndex, mention_pattern
from jobs.pipeline.model import Analysis, Concept, Language, Prerequisite, Relation
from jobs.pipeline.normalise import contained
from jobs.pipeline.prerequisites import acyclic
from jobs.pipeline.relations import opposite, similar
from jobs.pipeline.textutil import has_han

MAX_PER_CONCEPT = 3
MIN_SHARED_BLOCKS = 2
MIN_SHARED_CONCEPTS = 2


@dataclass(frozen=True, slots=True)
class KnownConcept:
    key: str  # normalise.concept_key of its title
    title: str
    language: Language
    description: str | None = None
    documents: frozenset[str] = frozenset()  # where it was found; empty: not known


def related_documents(known: Sequence[KnownConcept], new: Sequence[Concept]) -> frozenset[str]:
    """The documents sharing at least MIN_SHARED_CONCEPTS concepts with the new one."""
    new_keys = {c.key for c in new}
    shared: Counter[str] = Counter()
    for concept in known:
        if concept.key in new_keys:
            shared.update(concept.documents)
    return frozenset(d for d, n in shared.items() if n >= MIN_SHARED_CONCEPTS)


def one_word(key: str) -> bool:
    """A name of one English word, or of at most two Chinese characters."""
    if has_han(key):
        return len(key) <= 2
    return " " not in key and "-" not in key


@dataclass(frozen=True, slots=True)
class CrossLinks:
    prerequisites: tuple[Prerequisite, ...]
    relations: tuple[Relation, ...]  # RELATES_TO: similar (shared head), opposite


def link_to_existing(
    analysis: Analysis,
    existing: Sequence[KnownConcept],
    related: frozenset[str] | None = None,
) -> CrossLinks:
    """PREREQUISITE and RELATES_TO candidates between `existing` concepts and the new ones;
    `related`: the documents of the new one's subject (`related_documents`), None when the
    existing concepts' documents are not known."""
    new = [c for c in analysis.knowledge.concepts]
    new_keys = {c.key for c in new}
    known = [e for e in existing if e.language == analysis.language and e.key not in new_keys]
    # Another subject's one-word concepts are kept out of the edges, not of the choice
    # among candidates: removing them there let other candidates of theirs in (the
    # stored graph's direction fell by 4 of 25 English held-out pairs in `make eval-job`).
    foreign = {
        e.key
        for e in known
        if related is not None and e.documents and one_word(e.key) and not e.documents & related
    }
    blocks = [b for page in analysis.pages for b in page.blocks]
    # each known concept of the library is searched for in the document: blocks by stem
    prose = MentionIndex([b.text if b.kind in PROSE else "" for b in blocks])
    definitions = {
        x.concept_key: x.content for x in analysis.knowledge.extractions if x.type == "definition"
    }
    mentions = {c.key: set(prose.holding(c.key)) for c in new}
    candidates: list[Prerequisite] = []
    for known_concept in known:
        used = set(prose.holding(known_concept.key))
        for concept in new:
            candidates.extend(
                _pair(
                    known_concept,
                    concept,
                    definitions.get(concept.key),
                    used,
                    mentions[concept.key],
                )
            )
    per_target: dict[str, int] = {}
    kept = []
    for edge in acyclic(candidates):
        if per_target.get(edge.target, 0) < MAX_PER_CONCEPT:
            per_target[edge.target] = per_target.get(edge.target, 0) + 1
            if edge.source not in foreign and edge.target not in foreign:
                kept.append(edge)
    relations = [
        Relation(
            k.key,
            c.key,
            "opposite" if opposite(k.key, c.key) else "similar",
            0.8 if opposite(k.key, c.key) else 0.5,
        )
        for k in known
        for c in new
        if k.key not in foreign and (opposite(k.key, c.key) or similar(k.key, c.key))
    ]
    return CrossLinks(tuple(kept), tuple(relations))


def _pair(
    known: KnownConcept,
    concept: Concept,
    definition: str | None,
    used: set[int],
    mentioned: set[int],
) -> list[Prerequisite]:
    if contained(known.key, concept.key):
        return [
            _edge(
                known.key,
                concept.key,
                True,
                0.9,
                f"containment: “{known.title}” is part of “{concept.title}”",
            )
        ]
    if contained(concept.key, known.key):
        return [
            _edge(
                concept.key,
                known.key,
                True,
                0.9,
                f"containment: “{concept.title}” is part of “{known.title}”",
            )
        ]
    if (
        definition
        and not _everyday_word(known.key)
        and mention_pattern(known.key).search(definition)
    ):
        return [
            _edge(
                known.key,
                concept.key,
                True,
                0.8,
                f"definition: “{known.title}” is used to define “{concept.title}”",
            )
        ]
    if (
        known.description
        and not _everyday_word(concept.key)
        and mention_pattern(concept.key).search(known.description)
    ):
        return [
            _edge(
                concept.key,
                known.key,
                True,
                0.8,
                f"definition: “{concept.title}” is used to define “{known.title}”",
            )
        ]
    introduced = {"heading", "definition", "gloss"} & set(concept.sources)
    shared = len(used & mentioned)
    if introduced and shared >= MIN_SHARED_BLOCKS:
        why = (
            f"assumed: the document uses “{known.title}” without defining it,"
            f" with “{concept.title}” in {shared} paragraphs"
        )
        return [_edge(known.key, concept.key, False, round(min(0.7, 0.3 + 0.05 * shared), 2), why)]
    return []


def _everyday_word(key: str) -> bool:
    """One word of everyday English ("mean", "get", "value", "data"): named in another
    document's definition, it is the definition's wording, not its prerequisite."""
    return one_word(key) and not has_han(key) and everyday(key)


def _edge(source: str, target: str, mandatory: bool, weight: float, why: str) -> Prerequisite:
    return Prerequisite(source, target, mandatory, weight, (why,))
