"""Rules met on Chinese tutorials and maths books (a database course, a maths-for-ML
translation), each on text written for the test: exercise apparatus, "如何…" headings,
a heading's "X的<verb>", glosses that carry their acronym."""

from __future__ import annotations

from jobs.pipeline.structure import acronym_pairs, emphasis_terms, gloss_terms, heading_terms


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


def glossed(text: str) -> list[str]:
    return [c.term for c in gloss_terms(text, 0)]


def test_a_gloss_that_gives_the_english_name_and_its_acronym_glosses_the_term() -> None:
    # a list of kinds, each glossed with its English name and acronym, the comma full-width
    text = "- 分布式文件系统（Distributed File System，DFS）\n- 对象存储（Object Storage，OS）"
    assert glossed(text) == ["分布式文件系统", "对象存储"]
    assert ("分布式文件系统", "DFS") in acronym_pairs(text)
    # an ASCII comma as before, and a plain gloss
    assert glossed("卷积网络（Convolutional Network, CNN）") == ["卷积网络"]
    assert glossed("梯度（gradient）") == ["梯度"]


def test_a_chinese_heading_that_asks_how_or_what_names_its_nouns() -> None:
    # "how to …" asks; the noun it asks about is the topic, not the whole question
    assert terms("如何创建快照") == ["快照"]
    assert terms("怎样计算梯度") == ["梯度"]
    assert terms("进程与线程有什么区别") == ["进程", "线程"]
    assert terms("为什么会存在快照") == ["快照"]
    # a short name with no question word stays whole
    assert terms("自编码器") == ["自编码器"]
    assert terms("计算图") == ["计算图"]
