"""A Chinese syllabus's key points ("重点是…。难点是…。"), on sentences written for the
test: each point is stressed as a bold term would be, cut to its name, and the sentence
that lists them defines none of them."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.keypoints import key_point_emphasis, key_point_terms, key_points_sentence
from jobs.pipeline.model import Block


def test_the_points_are_cut_to_their_names() -> None:
    text = "重点是有效应力原理、土的固结度的计算以及地基承载力的确定。难点是确定先期固结压力。"
    assert key_point_terms(text) == ["有效应力原理", "土的固结度", "地基承载力", "先期固结压力"]


def test_a_lesson_plans_labelled_focus_counts_and_other_prose_does_not() -> None:
    assert key_point_terms("教学重点：渗透系数；达西定律") == ["渗透系数", "达西定律"]
    assert key_point_terms("重点是土压力，难点是挡土墙的设计") == ["土压力", "挡土墙"]
    # 重点 inside a sentence is no list of points
    assert key_point_terms("本章的讨论重点放在黏性土上，砂土从略。") == []
    assert key_point_terms("土的三相组成决定了它的工程性质。") == []


def test_points_are_stressed_in_prose_blocks_only() -> None:
    blocks = [
        Block("heading", "重点是土的压缩性", 1, level=2),
        Block("paragraph", "重点是压缩系数和压缩模量。", 1, emphasis=("压缩系数",)),
    ]
    heading, paragraph = key_point_emphasis(blocks)
    assert heading.emphasis == ()
    assert paragraph.emphasis == ("压缩系数", "压缩模量")


def test_a_key_points_sentence_defines_none_of_its_points() -> None:
    sentence = "重点是土的抗剪强度。"
    assert key_points_sentence(sentence)
    # stressed, with 是 after it: read as "X是…" it would define what shear strength is
    assert list(find_definitions(sentence, 0, True, emphasis=("土的抗剪强度",))) == []


def test_key_points_leave_plain_notes_plain(tmp_path: Path) -> None:
    """Notes with no emphasis keep the plain text's definitions ("X是一种…") when a line
    lists the chapter's key points: those points are stressed by the reader, not by the
    author, and had turned every such definition off."""
    path = tmp_path / "notes.txt"
    path.write_text(
        "第一章 岩石\n\n本章重点是岩石密度、岩石硬度。\n\n"
        "岩石孔隙率是一种描述岩石中孔隙所占比例的指标。岩石孔隙率与岩石密度有关。\n\n"
        "岩石孔隙率越大，岩石越轻。岩石硬度影响岩石孔隙率。\n",
        encoding="utf-8",
    )
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    described = {c.key: c.description or "" for c in concepts}
    assert described.get("岩石孔隙率", "").startswith("岩石孔隙率是一种")


def test_a_key_point_done_with_a_name_or_stating_a_claim_stresses_only_names() -> None:
    """A lesson's 难点 may be a task done with a named thing ("用浮力解释现象": explaining
    things by buoyancy) or a statement to grasp ("理解压强不是压力"): the task's thing is
    the name; a statement names nothing ("浮力解释现象" was a 说课稿's concept)."""
    assert key_point_terms("教学难点：用浮力解释现象；理解压强不是压力。") == ["浮力"]
    assert key_point_terms("重点是利用欧姆定律计算电阻。") == ["欧姆定律"]
