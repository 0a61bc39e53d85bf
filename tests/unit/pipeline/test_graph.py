"""Prerequisite graphs are acyclic and explained; cross-document links to known concepts."""

from __future__ import annotations

import random
from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.links import KnownConcept, link_to_existing, related_documents
from jobs.pipeline.model import Prerequisite
from jobs.pipeline.prerequisites import acyclic

LATER_CHAPTER = """# 高斯消元法的应用

## 增广矩阵

*增广矩阵*（augmented matrix）是指在系数矩阵右边添上常数列得到的矩阵。
用高斯消元法求解线性方程组时，我们对增广矩阵做初等行变换。
增广矩阵的每一行对应线性方程组中的一个线性方程。
高斯消元法和增广矩阵一起给出线性方程组的解。
"""


def _reaches(edges: list[Prerequisite], start: str, goal: str) -> bool:
    successors: dict[str, set[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, set()).add(edge.target)
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in successors.get(node, set()) - seen:
            seen.add(nxt)
            stack.append(nxt)
    return False


def test_acyclic_drops_the_weaker_edge_of_a_cycle() -> None:
    edges = [
        Prerequisite("a", "b", True, 0.9, ("containment",)),
        Prerequisite("b", "c", False, 0.5, ("order",)),
        Prerequisite("c", "a", False, 0.4, ("order",)),
    ]
    kept = acyclic(edges)
    assert [(e.source, e.target) for e in kept] == [("a", "b"), ("b", "c")]


def test_acyclic_on_random_graphs_never_keeps_a_cycle() -> None:
    rng = random.Random(11)
    for _ in range(50):
        nodes = [f"n{i}" for i in range(12)]
        edges = [
            Prerequisite(a, b, rng.random() < 0.4, round(rng.random(), 2), ("test",))
            for a in nodes
            for b in nodes
            if a != b and rng.random() < 0.2
        ]
        kept = acyclic(edges, max_incoming=100)
        assert not any(_reaches(kept, e.target, e.source) for e in kept)
        # mandatory edges go in first, so no optional edge ever displaces one
        mandatory_only = acyclic([e for e in edges if e.mandatory], max_incoming=100)
        assert set(mandatory_only) <= set(kept)


def test_every_edge_is_explained(zh_markdown: Path) -> None:
    analysis = analyse_file(zh_markdown)
    edges = list(analysis.knowledge.prerequisites)
    assert edges
    for edge in edges:
        assert len(edge.evidence) >= 2 and 0 < edge.weight <= 1
        assert all(":" in reason for reason in edge.evidence)
    assert not any(_reaches(edges, e.target, e.source) for e in edges)


def test_links_to_concepts_already_in_the_graph(zh_markdown: Path, tmp_path: Path) -> None:
    first = analyse_file(zh_markdown)
    known = [
        KnownConcept(c.key, c.title, c.language, c.description) for c in first.knowledge.concepts
    ]
    later = tmp_path / "later.md"
    later.write_text(LATER_CHAPTER, encoding="utf-8")
    second = analyse_file(later)
    found = link_to_existing(second, known)
    links = {(e.source, e.target): e for e in found.prerequisites}
    # the new document's defining sentence uses 系数矩阵, known from the first document
    edge = links[("系数矩阵", "增广矩阵")]
    assert edge.mandatory and edge.evidence[0].startswith("definition")
    assert all(e.source != e.target for e in links.values())
    assert not any(_reaches(list(links.values()), b, a) for a, b in links)
    # 系数矩阵 (known) and 增广矩阵 (new) share their head 矩阵
    assert any(
        r.type == "similar" and (r.source, r.target) == ("系数矩阵", "增广矩阵")
        for r in found.relations
    )


def test_links_ignore_other_languages_and_the_same_concept(zh_markdown: Path) -> None:
    analysis = analyse_file(zh_markdown)
    same = [KnownConcept(c.key, c.title, c.language) for c in analysis.knowledge.concepts]
    english = [KnownConcept("system of linear equations", "system of linear equations", "en")]
    links = link_to_existing(analysis, same + english)
    assert links.prerequisites == () and links.relations == ()


CHAPTER = """# Recursion

Recursion is a way of solving a problem in which a function calls itself on a smaller
piece of the same problem. Every use of recursion needs a way to stop and a way to
make progress.

## Base case

A base case is the input for which a recursive function returns an answer without
calling itself. Without a base case, recursion never ends. The base case of a
factorial is zero.

## Recursive step

A recursive step is the part of a recursive function that calls the function again on a
smaller input, so that recursion reaches the base case. The recursive step of a
factorial multiplies n by the factorial of n - 1.
"""


def test_a_chapter_title_comes_before_what_its_sections_introduce(tmp_path: Path) -> None:
    # the title's concept is what each section builds on, as any other heading's is
    path = tmp_path / "recursion.md"
    path.write_text(CHAPTER, encoding="utf-8")
    edges = analyse_file(path, language="en").knowledge.prerequisites
    found = {(e.source, e.target): e for e in edges}
    for section in ("base case", "recursive step"):
        edge = found[("recursion", section)]
        assert any(reason.startswith("heading: ") for reason in edge.evidence), edge
    assert ("base case", "recursion") not in found


SKIN = """# The Skin

## Layers of the Skin

The **epidermis** is the outer layer of the skin. It protects the body from water loss.

The **dermis** is the layer of the skin below the epidermis. It holds the body's sweat
glands and hair follicles.

**Rickets** is a disease of the bones that affects the body when it lacks vitamin D.

## Blood Flow

**Cardiac output** is the volume of blood the heart pumps in a minute. The output of the
heart rises with exercise.
"""


def test_a_one_word_concept_of_another_subject_is_no_prerequisite(tmp_path: Path) -> None:
    """A Python lesson's "body" and "output" say nothing of an anatomy chapter's rickets or
    cardiac output: a one-word known concept links only from a document that shares
    concepts with the new one; longer names, and concepts of unknown documents, link as
    before."""
    path = tmp_path / "skin.md"
    path.write_text(SKIN, encoding="utf-8")
    analysis = analyse_file(path)
    keys = {c.key for c in analysis.knowledge.concepts}
    assert {"rickets", "cardiac output", "epidermis", "dermis"} <= keys

    def known(key: str, *documents: str) -> KnownConcept:
        return KnownConcept(key, key, "en", None, frozenset(documents))

    python = [known("body", "lesson"), known("output", "lesson"), known("loop", "lesson")]
    anatomy = [known("bones", "book"), known("epidermis", "book"), known("dermis", "book")]
    blood = [known("blood cell", "lesson")]  # a longer name: specific in any subject

    def sources(existing: list[KnownConcept]) -> set[tuple[str, str]]:
        related = related_documents(existing, analysis.knowledge.concepts)
        found = link_to_existing(analysis, existing, related)
        return {(e.source, e.target) for e in found.prerequisites}

    assert related_documents(python + anatomy, analysis.knowledge.concepts) == {"book"}
    linked = sources(python + blood)
    assert not {e for e in linked if e[0] in {"body", "output"}}
    # a one-word concept from a document of the same subject (it shares the epidermis and
    # the dermis) is linked; an everyday word ("body") that a definition only words with
    # is no prerequisite, whoever knows it (test_an_everyday_word_in_a_definition_…)
    assert ("bones", "rickets") in sources(anatomy)
    assert ("body", "rickets") not in sources([*anatomy, known("body", "book")])
    # without the documents, as before
    bare = [KnownConcept(k.key, k.title, "en") for k in python]
    assert ("output", "cardiac output") in {
        (e.source, e.target) for e in link_to_existing(analysis, bare).prerequisites
    }
    assert ("output", "cardiac output") in {
        (e.source, e.target) for e in link_to_existing(analysis, python).prerequisites
    }


INDIRECTION = """# Smart pointers

**Indirection** means that a value is stored elsewhere and reached through a pointer.
Indirection lets a recursive type have a known size, and indirection is how a box works.
A box gives indirection and heap allocation, and nothing more.
"""


def test_an_everyday_word_in_a_definition_is_its_wording_not_a_prerequisite(
    tmp_path: Path,
) -> None:
    """ "means" and "value" in the defining sentence of "indirection" made another chapter's
    "mean" and "value" prerequisites a course listed; "pointer", a technical word, stays."""
    path = tmp_path / "pointers.md"
    path.write_text(INDIRECTION, encoding="utf-8")
    analysis = analyse_file(path)
    assert "indirection" in {c.key for c in analysis.knowledge.concepts}
    known = [KnownConcept(k, k, "en") for k in ("mean", "value", "pointer")]
    edges = {(e.source, e.target) for e in link_to_existing(analysis, known).prerequisites}
    assert ("pointer", "indirection") in edges
    assert not {("mean", "indirection"), ("value", "indirection")} & edges
    # the other way round: a new everyday word named in a known concept's description
    described = [KnownConcept("hash map", "hash map", "en", "A hash map stores a value by key.")]
    with_value = tmp_path / "values.md"
    with_value.write_text(
        "# Values\n\nA **value** is what an expression gives. Every value has a type, and a "
        "value can be stored.\n",
        encoding="utf-8",
    )
    found = link_to_existing(analyse_file(with_value), described).prerequisites
    assert ("value", "hash map") not in {(e.source, e.target) for e in found}
