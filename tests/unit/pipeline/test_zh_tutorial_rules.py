"""Rules met on Chinese tutorials and maths books (a database course, a maths-for-ML
translation), each on text written for the test: exercise apparatus, "如何…" headings,
a heading's "X的<verb>", glosses that carry their acronym."""

from __future__ import annotations

from jobs.pipeline.structure import emphasis_terms, heading_terms


def terms(heading: str, level: int = 2) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, level)]


def test_a_chinese_books_exercise_apparatus_names_nothing() -> None:
    # the kinds of exercise a chapter ends on, and the labels of their answers
    for heading in ("练习题", "填空题", "判断题", "选择题", "简答题", "思考题", "参考答案"):
        assert terms(heading) == [] and terms(heading, 1) == [], heading
        assert emphasis_terms((heading,), 0) == [], heading
    # a heading whose bracket asks for screenshots is still the exercises
    assert terms("练习题（请写出程序并附上运行结果）") == []
    # a topic ending on 题 stays a topic
    assert terms("背包问题") == ["背包问题"]
