"""The cross-document prefilter drops only known concepts that cannot link: the pipeline's
`link_to_existing` gives the same candidates with and without it."""

from __future__ import annotations

from pathlib import Path

from datasources.concept_keys import concept_key
from jobs.ingest.linking import DocumentWords, candidates
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.links import KnownConcept, link_to_existing
from jobs.pipeline.model import Analysis
from tests.unit.pipeline.samples import EN_CHAPTER, ZH_CHAPTER


def analysed(tmp_path: Path, text: str, name: str) -> Analysis:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return analyse_file(path, filename=name)


def known(title: str, language: str = "en", description: str | None = None) -> KnownConcept:
    return KnownConcept(concept_key(title), title, language, description)  # type: ignore[arg-type]


def words(analysis: Analysis) -> DocumentWords:
    return DocumentWords(b.text for page in analysis.pages for b in page.blocks)


def test_english_the_same_links_with_fewer_known_concepts(tmp_path: Path) -> None:
    analysis = analysed(tmp_path, EN_CHAPTER, "linear.md")
    stored = [
        known("equation"),  # mentioned, part of new names
        known("variable"),  # used without being defined
        known("matrices"),  # mentioned in a plural form ("matrix")
        known("linear equations over finite fields"),  # contains a new concept
        known("row echelon form", description="What Gaussian elimination produces."),
        known("consistent system"),  # opposite of "inconsistent system"
        known("homogeneous system"),  # shares its head with "inconsistent system"
        known("determinant", description="A number computed from a coefficient matrix."),
        known("photosynthesis"),  # unrelated: dropped
        known("binary tree", description="A tree whose nodes have two children."),  # dropped
    ]
    kept = candidates(stored, analysis.knowledge.concepts, words(analysis))
    assert link_to_existing(analysis, kept) == link_to_existing(analysis, stored)
    assert {k.title for k in stored} - {k.title for k in kept} == {"photosynthesis", "binary tree"}
    assert link_to_existing(analysis, kept).prerequisites  # the test links something


def test_chinese_the_same_links_with_fewer_known_concepts(tmp_path: Path) -> None:
    analysis = analysed(tmp_path, ZH_CHAPTER, "线性方程.md")
    stored = [
        known("方程", "zh-CN"),
        known("未知数", "zh-CN"),
        known("非线性方程组", "zh-CN"),
        known("增广矩阵", "zh-CN", "在系数矩阵右边加上一列常数得到的矩阵。"),
        known("光合作用", "zh-CN"),  # unrelated: dropped
    ]
    kept = candidates(stored, analysis.knowledge.concepts, words(analysis))
    assert link_to_existing(analysis, kept) == link_to_existing(analysis, stored)
    assert [k.title for k in stored if k not in kept] == ["光合作用"]


def test_a_mention_needs_every_word_and_character_pair() -> None:
    seen = DocumentWords(["Matrices and vectors; 线性方程组 appear here."])
    assert seen.may_mention("matrix") and seen.may_mention("vector")
    assert seen.may_mention("线性方程") and seen.may_mention("方")
    assert not seen.may_mention("matrix rank") and not seen.may_mention("线性代数")
