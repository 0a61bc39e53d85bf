"""A Chinese statement or walk-through step set in bold is not a concept name."""

from __future__ import annotations

import pytest

from jobs.pipeline.clauses import zh_clause


@pytest.mark.parametrize(
    "statement",
    [
        "计数排序只适用于非负整数",  # an adverb (只) inside: a predicate
        "数据元素均已排序",
        "出现最坏情况的概率很低",
        "数组的前 3 个元素已排序",  # a count with its classifier: a step
        "时间复杂度为",  # cut off before its object
        "如图所示",  # a figure reference
        "算法的常数系数小",  # a subject and its adjective
        "内存使用效率高",
        "执行堆化操作",  # a light verb and its object: doing something
        "实现排序",
        "元素作为",  # cut off before its object
        "变量是数据的载体",  # a copula or a modal inside: a claim set in bold
        "对象可以接收消息",
        "集合中不能有重复元素",
        "变量有不同的类型",
        "名字叫集合",
        "将存储器与中央处理器分开",  # 将 brings the object before its verb
        "不能编译",  # a modal of two characters or 如 opening the phrase: a predicate
        "可以修改",
        "如示例",
        "要么",  # a conjunction, pronoun or preposition alone: stress in a sentence
        "其余",
        "以及",
        # school notes in chemistry, biology and history (blind looks)
        "一类",  # a quantity, and a noun with one: "种类很多" (there are many kinds)
        "一部分",
        "种类很多",
        "战国以后",  # a time, not a thing
        "也就是中国哲学的精神",  # two adverbs in a row
        "四夷势力进一步向中原发展",  # an adverb, then a preposition
        "能自动排气的玻璃瓶",  # 能 ("can") alone opening the phrase
    ],
)
def test_statements_are_clauses(statement: str) -> None:
    assert zh_clause(statement)


@pytest.mark.parametrize(
    "name",
    [
        "快速排序",  # an opening adverb modifies the name
        "已暂存",
        "小批量随机梯度下降",
        "非稳定排序",  # negations form names
        "不可变引用",
        "键值对",  # 对 here is a noun
        "加权和",
        "出度",
        "字形簇",
        "全局最小",
        "大顶堆",
        "平衡二叉搜索树",
        "借用检查器",
        "利用率",
        "有向无环图",  # 有, 能, 并 inside a word
        "性能分析",
        "并查集",
        "有限状态机",
        "有向图",
        "能量函数",
        "二分查找",
        "几何",  # rjieba tags it a pronoun ("how much")
        "假说",  # a conjunction to rjieba, a hypothesis to a biology textbook
        "因果",
        "自我",  # a pronoun to rjieba, the ego to a psychology textbook
        "他者",
        "运行时",
        "能量守恒",
        "一维数组",
        "两数之和",
        "随机梯度下降",
    ],
)
def test_names_are_not(name: str) -> None:
    assert not zh_clause(name)


def test_a_derivations_connectives_make_clauses_not_names() -> None:
    # derivation notes repeat them on every page; read as names they were concepts of
    # their own ("代入上式可得", "令上式等于", "偏导可得", "强对偶性成立")
    for phrase in (
        "代入上式可得",  # pointing at a formula
        "将式",
        "令上式等于",
        "上述优化问题",
        "公式可知",  # drawing a conclusion
        "偏导可得",
        "可化为等式",
        "化为等式",
        "等于零向量",
        "强对偶性成立",  # stating that something holds
        "代入",
    ):
        assert zh_clause(phrase), phrase
    for name in ("代入法", "不可知论", "大于等于", "等式", "不等式", "令牌", "最小二乘法"):
        assert not zh_clause(name), name


def test_a_phrase_pointing_at_the_following_or_the_above_is_no_name() -> None:
    # an exam's instruction ("请解释下列现象") or a pointer back ("按照上述步骤"), wherever
    # the pointing word stands: no name holds one
    for phrase in ("解释下列现象", "下列说法", "按照上述步骤", "比较前述两种方法", "上列各项"):
        assert zh_clause(phrase), phrase
    for name in ("列表", "下标", "上界", "序列"):
        assert not zh_clause(name), name


@pytest.mark.parametrize(
    "prose",
    [
        "学习率太小",  # a degree adverb and its adjective (rjieba reads 太小 as one noun)
        "有点抽象",
        "非常重要",
        "为了简单起见",  # a purpose
        "简单起见",
        "更多信息",  # "more"
        "拆分开来",  # the direction a verb took
        "一章中所讲",  # "what … said"
        "中所讲",
        "递归地调用自身",  # 地 after a manner
        "记录实际发生过什么",  # an aspect marker: 过, 了
        "发生了变化",
        "项目过程中发生的事",  # a verb and 的 after a place word, an adverb or a preposition:
        "已提交的修改",  # a relative clause describing a thing
        "被调用的函数",
        "也就是说",  # a connective
        "一般来说",
        "优于数组",  # a comparison
    ],
)
def test_repeated_prose_is_no_name(prose: str) -> None:
    """Phrases the n-gram finder repeats from running prose, with no bold in sight; a
    textbook's concept list held "有点抽象" (a bit abstract) and "学习率太小"."""
    assert zh_clause(prose)


@pytest.mark.parametrize(
    "name",
    [
        "非常量引用",
        "所有权",
        "研究所",
        "地址",
        "目的地",
        "着色",
        "过拟合",  # 过 opening the name is "over", no aspect marker
        "会计的目标",  # a noun rjieba tags a verb, before 的 (a Word file's gold terms)
        "感知到的组织支持",
        "过采样",
        "比较排序",
        "生成树",
        "全局最小",
        "极大值",
        "大于等于",
    ],
)
def test_names_holding_those_characters_inside_a_word_stay(name: str) -> None:
    assert not zh_clause(name)


@pytest.mark.parametrize(
    "ranking",
    [
        "这种纤维的传导速度最快",  # a subject and its superlative: a ranking, not a name
        "该期持续时间最长",
        "交感神经的作用最强",
        "最重要",  # "（最重要）" after a factor in a list
        "考试中不会出现此题型",  # 不会, a modal of two characters, as 不能
    ],
)
def test_a_superlative_or_not_will_makes_a_statement(ranking: str) -> None:
    assert zh_clause(ranking)


@pytest.mark.parametrize(
    "name", ["全局最小", "局部最大", "全局最优", "最短路", "最长公共子序列", "最速下降法", "最大值"]
)
def test_the_maximum_minimum_and_optimum_stay_names(name: str) -> None:
    assert not zh_clause(name)
