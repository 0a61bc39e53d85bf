"""Chinese terms a translation or a Zhihu article introduces in corner quotes or with an
English gloss, and headings that ask whether something holds; examples in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.normalise import clean_title
from jobs.pipeline.structure import emphasis_terms, gloss_terms, heading_terms
from jobs.pipeline.textutil import sentences


def _heading(text: str) -> list[str]:
    return [c.term for c in heading_terms(text, 0, 3)]


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("检查链表是否有环", "链表"),
        ("判断二叉树是否平衡", "二叉树"),
        ("3.2 判定方程组是否有解", "方程组"),
    ],
)
def test_a_whether_heading_names_what_it_asks_about(heading: str, topic: str) -> None:
    terms = _heading(heading)
    assert topic in terms
    # the predicate after 是否 is no name, nor a piece cut at its 是
    assert not any(t.startswith("否") or "是否" in t for t in terms)


def test_a_whether_heading_opening_on_its_question_names_nothing() -> None:
    assert _heading("是否需要加锁") == []


@pytest.mark.parametrize(
    ("title", "clean"),
    [("「心流」", "心流"), ("『熵增』", "熵增"), ("“「负强化」”", "负强化")],
)
def test_corner_quotes_around_a_whole_title_go(title: str, clean: str) -> None:
    assert clean_title(title) == clean


@pytest.mark.parametrize("title", ["「突触」可塑性", "「甲」与「乙」"])
def test_corner_quotes_inside_a_title_stay_balanced(title: str) -> None:
    assert clean_title(title) == title


def test_a_word_ending_on_de_is_a_term_when_glossed_in_english() -> None:
    text = "儿童对母语的**习得**（acquisition）大多发生在无意之间。"
    assert [c.term for c in emphasis_terms(("习得",), 0, text)] == ["习得"]


def test_a_stressed_verb_with_de_and_no_gloss_stays_stress() -> None:
    text = "练习之后，动作**变得**流畅。"
    assert emphasis_terms(("变得",), 0, text) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("运动员常说的「心流」（flow）是一种全神贯注的状态。", "心流"),
        ("这就是所谓“晕轮效应”（halo effect）的由来。", "晕轮效应"),
    ],
)
def test_a_quoted_name_before_its_english_gloss_is_a_term(text: str, term: str) -> None:
    assert term in [c.term for c in gloss_terms(text, 0)]


def test_a_quoted_phrase_before_a_citation_is_no_term() -> None:
    text = "学生们会“读得更细”(Smith，1990)，并且记得更久。"
    assert gloss_terms(text, 0) == []


@pytest.mark.parametrize(
    ("heading", "whole"),
    [("读者-写者问题", "读者-写者问题"), ("4.3 主-从复制架构（高可用）", "主-从复制架构")],
)
def test_a_name_joined_by_a_hyphen_is_offered_whole(heading: str, whole: str) -> None:
    assert whole in _heading(heading)


def test_the_same_word_either_side_of_a_hyphen_leaves_the_operation() -> None:
    terms = _heading("矩阵-矩阵乘法")
    assert "矩阵乘法" in terms
    assert "矩阵-矩阵乘法" not in terms


def test_a_clause_before_an_author_year_citation_is_no_term(tmp_path: Path) -> None:
    path = tmp_path / "译文.md"
    path.write_text(
        "# 记忆的巩固\n\n"
        "睡眠有助于**记忆巩固**（memory consolidation）。"
        "年纪越小的学习者越明显 (Walker and Stickgold, 2004)。"
        "记忆巩固需要时间，记忆巩固也需要重复。\n",
        encoding="utf-8",
    )
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "记忆巩固" in titles
    assert not any("明显" in t for t in titles)


def test_a_bracket_closing_after_a_chinese_full_stop_ends_that_sentence() -> None:
    text = "两组结果一致。（细节见附录。）接下来讨论误差。"
    assert list(sentences(text)) == ["两组结果一致。", "（细节见附录。）", "接下来讨论误差。"]


def test_a_closing_corner_quote_stays_with_the_question_it_ends() -> None:
    text = "老师问：「你听懂了吗？」学生点头。"
    assert next(iter(sentences(text))) == "老师问：「你听懂了吗？」"
