"""A Chinese heading's aspect of its topic (its definition, meaning, mechanism, factors) is no
topic; examples in our own words."""

from __future__ import annotations

import pytest

from jobs.pipeline.structure import emphasis_name, heading_terms, zh_headless, zh_parts


def _terms(heading: str) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, 2)]


@pytest.mark.parametrize(
    ("heading", "topic", "aspect"),
    [
        ("向量积的几何意义", "向量积", "几何意义"),
        ("导数的极限定义", "导数", "极限定义"),
        ("血压的形成机制", "血压", "机制"),
        ("胃酸分泌及其调节机制", "胃酸分泌", "机制"),
        ("影响酶活性的因素", "酶活性", "因素"),
        ("决定和影响血压的因素", "血压", "决定"),
    ],
)
def test_the_aspect_goes_and_its_topic_stays(heading: str, topic: str, aspect: str) -> None:
    terms = _terms(heading)
    assert topic in terms
    assert not any(aspect in t for t in terms)
    assert not any(t.startswith(("影响", "决定")) for t in terms)


def test_a_mechanism_named_by_a_noun_stays() -> None:
    assert "注意力机制" in _terms("翻译模型的注意力机制")


@pytest.mark.parametrize(
    ("heading", "topic", "facet"),
    [
        ("晶体管的结构", "晶体管", "结构"),
        ("状态机的描述方法", "状态机", "描述方法"),
        ("电磁铁的工作原理", "电磁铁", "工作原理"),
        ("哈希表的主要特点", "哈希表", "主要特点"),
    ],
)
def test_a_generic_part_or_way_after_de_is_no_topic(heading: str, topic: str, facet: str) -> None:
    """结构, 方法, 原理 after 的, bare or after a verb or an adjective, would fit any topic."""
    terms = _terms(heading)
    assert topic in terms
    assert facet not in terms


def test_a_part_or_way_named_by_a_noun_after_de_stays() -> None:
    assert "存储结构" in _terms("线性表的存储结构")
    assert "有限元方法" in _terms("弹性力学的有限元方法")


@pytest.mark.parametrize(
    ("heading", "parts"),
    [
        ("矩阵的直和", ["矩阵的直和"]),  # 和 ending the heading joins nothing: 直和, a word
        ("理想的和与直和", ["理想的和", "直和"]),  # before another conjunction, too
        ("和函数与积函数", ["和函数", "积函数"]),  # and opening it
        ("数组与链表", ["数组", "链表"]),  # a conjunction between two names still splits
    ],
)
def test_a_conjunction_with_nothing_on_one_side_is_part_of_a_word(
    heading: str, parts: list[str]
) -> None:
    assert zh_parts(heading) == parts


@pytest.mark.parametrize(
    ("heading", "level", "topics"),
    [
        ("复变函数讲义", 1, ["复变函数"]),  # the document's genre after its subject
        ("群论学习笔记", 1, ["群论"]),
        ("C 语言教程", 1, ["C 语言"]),
        ("7 笔记", 1, []),  # a chapter of jottings names its genre, no topic
        ("随想", 2, []),
        ("笔记本电脑的散热", 2, ["笔记本电脑", "散热"]),  # inside a word it stays
    ],
)
def test_a_genre_word_names_no_topic(heading: str, level: int, topics: list[str]) -> None:
    assert [c.term for c in heading_terms(heading, 0, level)] == topics


@pytest.mark.parametrize(
    "phrase",
    [
        "引起肌肉疲劳的主要原因",
        "主要机制",
        "血红蛋白的作用",
        "主要原因",
        # a qualifier that sorts cases or ways names none ("特殊情况" was a concept)
        "特殊情况",
        "一般情况",
        "不同方法",
    ],
)
def test_a_generic_noun_after_de_or_main_names_nothing(phrase: str) -> None:
    assert zh_headless(phrase)


@pytest.mark.parametrize(
    "name",
    [
        "主要组织相容性复合体",
        "注意力机制",
        "作用机制",
        "影响因素",
        "特殊函数",
        # 像, 为 and 中 ending a word of their own, no "looks like", "is" or "in": an image,
        # a behaviour, a hit
        "X线图像",
        "用户画像",
        "消费行为",
        "缓存命中",
    ],
)
def test_names_ending_otherwise_stay(name: str) -> None:
    assert not zh_headless(name)


@pytest.mark.parametrize(
    ("heading", "topics"),
    [
        ("图论入门篇", ["图论"]),  # a part graded by level: its subject is the topic
        ("概率论基础篇", ["概率论"]),
        ("Python 进阶", ["Python"]),
        ("树与图进阶篇", ["树", "图"]),  # "图进阶篇" was a concept beside 树
    ],
)
def test_a_level_after_a_subject_names_no_topic(heading: str, topics: list[str]) -> None:
    assert sorted(c.term for c in heading_terms(heading, 0, 2)) == sorted(topics)


@pytest.mark.parametrize(
    ("span", "name"),
    [
        ("极限的等价定义", "极限"),  # a box's bold title on another definition of its topic
        ("矩阵乘法的几何意义", "矩阵乘法"),
        ("函数的单调性", "函数的单调性"),  # no aspect: the name stays whole
    ],
)
def test_a_bold_title_on_an_aspect_of_its_topic_names_the_topic(span: str, name: str) -> None:
    assert emphasis_name(span) == name


def test_a_topic_and_its_own_aspect_joined_by_jiqi_name_the_topic() -> None:
    # "及其" (and its) before an aspect (分类, 组成, 基本原理): the aspect is no second topic
    assert _terms("3. 等高线及其分类") == ["等高线"]
    assert _terms("岩石圈及其组成") == ["岩石圈"]
    # the earlier names of a list stand apart, the last one keeps its aspect's reading
    assert _terms("队列，堆栈及其实现") == ["队列", "堆栈"]
    # phrases on either side are a question's wording, left as they were read before
    assert "分别形成" not in _terms("洋流的成因及其分别形成的气候类型")
