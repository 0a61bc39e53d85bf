"""A Chinese name whose kind, stage or count a Latin letter or a number gives ("A 型血",
"2 期复极化") is not cut at the letter; text written for the test."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.concepts import _zh_after_a_letter

_TEXT = """# 血型与复极化

## 血型

A 型血（type A）的红细胞膜上有 A 抗原。B 型血（type B）的红细胞膜上有 B 抗原。
输血前必须鉴定血型。A 型血的人可以接受 O 型血。B 型血的人也可以接受 O 型血。

## 复极化

心肌细胞的 2 期复极化较慢，形成平台。2 期复极化之后是 3 期复极化，3 期复极化较快。
复极化结束后，膜电位回到静息水平。心肌细胞的 2 期复极化与钙离子内流有关。
"""


def test_a_name_cut_at_its_letter_is_no_concept(tmp_path: Path) -> None:
    path = tmp_path / "血型.md"
    path.write_text(_TEXT, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert not {"型血", "期复极化"} & titles
    assert "复极化" in titles


def test_only_a_term_always_after_a_letter_is_cut() -> None:
    prose = "A 型血和 B 型血不同。O型血是万能供血者。"
    assert _zh_after_a_letter("型血", prose)
    assert not _zh_after_a_letter("型血", prose + "这种型血很少见。")
    assert not _zh_after_a_letter("期望", "随机变量的期望是均值。")
