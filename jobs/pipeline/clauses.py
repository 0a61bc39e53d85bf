"""Whether a Chinese candidate reads as a clause rather than a name.

`zh_clause` holds for any candidate (headings too); `zh_opens_clause`, a phrase opening
with a preposition and holding a verb, only for emphasis (structure.acceptable): a
heading may read as a clause and still name its section's topic.

Chinese textbooks set whole statements in bold ("计数排序只适用于非负整数",
"复杂度的常数系数小") and title the steps of a walk-through with them ("数组的前 2 个元素已
排序"); the term finder sees a long emphasised phrase and would keep it. A name has no
adverb of degree or time, does not end on a preposition, holds no "2 个" count, and is
not a figure reference ("如图所示"). rjieba's part-of-speech tags tell these apart; no
list of subject words is involved.
"""

from __future__ import annotations

import re
from itertools import pairwise

import rjieba

# One-character adverbs make a predicate: 仅 只 均 已 都 也 就 还 (tag d). 不, 非 and 无 are
# left out: they also form names (不可变引用, 非稳定排序).
_NEGATIONS = {"不", "非", "无"}
# A negation and the one verb or adjective it negates, set in bold in a note's claim
# ("穷尽测试是**不可能**的", "基本路径**不唯一**"): a predicate, no name. A name negated
# goes on to a noun (不完全显性, 不可逆过程) or is one word to rjieba (不等式, 不动点, 不确
# 定性, 不饱和); the pair of words alone was taught as a concept. Not 未 ("not yet"): it
# names a state a thing is in, 未跟踪 and 未暂存 are a version-control book's file states.
_NEGATING = {("不", "d"), ("没", "d")}
_NEGATED_PREDICATE_TAGS = {"v", "a", "ad", "b", "d", "vd"}
# rjieba tags 很 and 较 "zg" along with nouns such as 度 (出度) and 簇 (字形簇): named here.
_DEGREE = {"很", "较", "更", "太", "极"}
# Words a phrase cut off before its object ends on; 对 and 和 are not (键值对, 加权和).
_DANGLING = {"为", "是", "于", "在", "与", "及", "把", "被", "对于", "通过", "作为"}
# Words that leave a phrase waiting for what they relate it to: a likeness ("与广度优先遍历
# 类似", similar to), having ("返回带有…的属性", returns one having), a starting point ("从
# 顶点出发", setting out from), an end ("所有顶点访问完毕", all visited), a feeling ("这会
# 令人感到", makes one feel), and a verb of giving ("将操作转发给 target", forwards to). The
# n-gram finder cut such phrases out of a chapter's prose and taught them (a graph chapter's
# "广度优先遍历类似", a proxy chapter's "操作转发给"); no name ends on one. So with a result
# ("想象成", imagine as) and a permission ("trait 允许", allows) before their objects.
_RELATION_ENDS = frozenset(
    {"类似", "一样", "带有", "具有", "含有", "出发", "完毕", "感到", "觉得", "给", "成", "允许"}
)
# (a verb of two characters or more and 给, or one of the short ones; 供给, 补给, 配给 and
# 自给 are nouns of their own: 货币供给)
_HAVING_OPENERS = frozenset({"拥有", "具有", "含有", "带有"})
_GIVING_TO = re.compile(r"^(?:[\u3400-\u9fff]{2,3}|[交传发送留借还递卖付])给$")
# "执行堆化操作", "实现排序", "作为基准数": a light verb (or 作为, "as") and its object
# describe doing something.
_LIGHT_VERBS = ("进行", "执行", "实现", "完成", "采用", "利用", "使用", "通过", "根据", "作为")
# "复杂度的常数系数小", "缓存使用效率高": a subject and its adjective. A name ends on a noun
# (大顶堆) or on 最小/极大 (全局最小), never on a bare adjective after four characters.
_PREDICATE_ADJECTIVE = re.compile(r"^.{4,}[^最极较更][小高低大快慢多少好差强弱]$")
# A copula or a modal inside makes a statement ("变量是数据的载体", "对象可以接收消息",
# "集合中不能有重复元素", "名字叫集合"); names hold them only inside a word (有向图, 性能).
# (会, "will", a word of its own after the subject: "方法会", "这会令人感到"; 学生会, 委员会,
# 运动会 are one word each; 想要, "wants to": "Jessica 想要"; 作为, "as", inside: "元素作为
# 基准")
_PREDICATE_WORDS = {
    "是", "有", "没有", "可以", "能", "能够", "不能", "不会", "属于", "叫", "叫做", "称为",
    "必须", "应该", "一定", "并", "会", "这会", "想要", "作为",
}  # fmt: skip
# A superlative ending the phrase states a ranking ("浦肯野细胞的动作电位时程最长", "传导速度
# 最快", "（最重要）"): the last word is 最 and an adjective, or 最 then one. 最大, 最小 and 最优
# name the maximum, minimum and optimum (全局最小, 局部最大, 全局最优); 最短路 is 最 and a noun.
_SUPERLATIVE_NAMES = {"最大", "最小", "最优"}
_FUNCTION_TAGS = {"c", "r", "p", "u"}
# Names of a science rjieba tags as function words: 几何 (geometry) a pronoun ("how much"
# in classical Chinese), 假说 (hypothesis) and 因果 (cause and effect) conjunctions, 自我
# (the self, the ego) and 他者 (the Other) pronouns
NAMES_TAGGED_FUNCTION = {"几何", "假说", "因果", "自我", "他者"}
# "一类", "一部分", "两个", "很多": a quantity, not a name; after a noun it makes a statement
# ("种类很多", "there are many kinds")
_QUANTITY = re.compile(
    r"^(?:[一两二三四五六七八九十几多若干某每各]|很)(?:类|种|个|些|部分|多|次|样|批|组|方面)$"
)
# "战国以后" (after the Warring States), "编译之后": a time, not a thing (运行时 is a name)
_TIME_AFTER = {"以后", "之后", "以前", "之前", "期间", "以来"}
_FIGURE = re.compile(r"所示$|^如[图表]|^表[^\w]*$")  # 图 alone may be the graph itself
_COUNT = re.compile(r"\d\s*[个位项次条种步轮]")
# "最大的大陆", "最长的河流", "世界上最高的山脉": a superlative and 的 rank one thing of a
# kind, a description, no name (a geography review's "最大的大陆" was a concept; "最短路",
# "最小生成树", 最 joined to its word, stay)
_RANKED = re.compile(r"^(?:世界上|世界|中国|我国)?最[\u3400-\u9fff]{1,3}的")
# Prose the n-gram finder repeats with no bold in sight: a degree adverb and its adjective
# ("学习率太小", "有点抽象"; rjieba reads 太小 as one noun), a purpose ("为了简单起见"),
# "more" ("更多信息"), a direction the verb took ("拆分开来"), "what … said" (所讲, 所说,
# 所述; "一章中所讲"). A name is none of them: 最小 and 极大 rank (全局最小), 所有权 and
# 研究所 hold 所 inside a word; 大于 and 小于 may name an operator.
_PROSE = re.compile(
    r".[很较更太][小高低大快慢多少好差强弱难易]$"
    r"|^(?:有点|有些|为了|更多|更少|很多|许多)"
    r"|起见$|(?:开来|起来|下来|出来|下去)$|所(?:讲|说|述|提到|介绍|谓)"
    # a connective ("也就是说", "一般来说") and a comparison ("优于数组", "高于平均")
    r"|(?:就是|来|而言|句话)说$|[优劣高低多少]于"
    # "这样一来", "如此一来" (that way): a connective opening the next clause
    r"|^(?:这样|那样|如此|这么|那么)一来$"
)
# a degree adverb of two characters before an adjective or a verb ("非常重要", "极其复杂";
# 非常量 is 非 and 常量)
# a question word opening the phrase asks something ("是否作成分": whether it is a part of
# the sentence, "如何选择主键", "能否省略"): a bold label of a list of facts, no name
_QUESTION_OPENERS = frozenset(
    ["是否", "能否", "可否", "有无", "如何", "怎样", "怎么", "为何", "为什么"]
)
# a measure word rjieba reads as a word of its own opening the phrase: the numeral before it
# was dropped, as speech drops 一 ("是条新闻", "这是个问题", "种方法"); the words it opens are
# one word to rjieba (条件, 个体, 种群, 份额). 块, 根, 只, 位 open names (块设备, 位运算).
_BARE_MEASURES = frozenset("个种条件颗棵份")
_DEGREE_OPENINGS = {"非常", "十分", "相当", "极其", "稍微", "特别"}
# Particles that only a predicate holds after a verb: 地 after a manner ("递归地调用自身"),
# the aspect markers 了, 着, 过 ("发生过什么"); in a name these characters sit inside a
# word (地址, 着色) or open it (过拟合: 过 is "over").
_PREDICATE_PARTICLES = {"uv", "ul", "uz", "ug"}
# A verb and 的 after a place word, an adverb or a preposition: a relative clause
# describing a thing ("项目过程中发生的事", "已提交的修改", "被调用的函数"). A verb opening
# the phrase before 的 may be a noun rjieba tags a verb: 会计的目标, 感知到的组织支持.
_CLAUSE_OPENERS = {"f", "d", "p"}
# A derivation's connectives: pointing at a formula ("代入上式可得", "将式", "令上式等于",
# "上述优化问题"), drawing a conclusion ("公式可知", "偏导可得", "可化为等式"), or stating
# that something holds ("强对偶性成立"). Derivation notes repeat them on every page; a name
# holds none of them (代入法 and 不可知论 do not end or open so). Nor does a name point at
# what follows or went before, wherever the pointer stands: an exam's "回答下列问题" and
# "按照上述步骤" were concepts of a review sheet's questions.
_DERIVATION = re.compile(
    r"[上下此该原本将]式|^令(?:[上下此该原]式|其|它)|(?<!于)等于|可[得知证]$|易[知得证]$"
    r"|可化为|^化为|成立$|^代入(?!法)|^(?:以上|以下|如下)|上述|下述|前述|下列|上列"
)


def _ends_on_noun(text: str) -> bool:
    """`text`'s last character closes a noun of two characters, not an adjective: 偏差,
    误差, 方差, 残差 end on 差 ("poor") as "网络质量差" does. "政策执行偏差" and "随机测量
    误差" read as a subject and its adjective and were no concepts. Both readings agree:
    the phrase's last word is a noun holding it, and its last two characters alone one
    noun ("效率高" is one word to rjieba, "率高" no noun)."""
    tags = rjieba.tag(text)
    last, tag = tags[-1]
    end = rjieba.tag(text[-2:])
    return len(last) >= 2 and tag.startswith("n") and len(end) == 1 and end[0][1].startswith("n")


def zh_light_verb_name(term: str) -> bool:
    """`term` reads as a clause only by its opening light verb (`_LIGHT_VERBS`): the rest
    is no clause. "实现继承" opens on 实现 as "实现排序" does; where the author names it as
    one thing (set in bold and glossed in English, "implementation inheritance") it is a
    name. "语言有左值" is a clause whatever marks it."""
    tags = rjieba.tag(term.replace(" ", ""))
    if len(tags) < 2 or tags[0][0] not in _LIGHT_VERBS:
        return False
    return not zh_clause("".join(word for word, _ in tags[1:]))


def zh_clause(term: str) -> bool:
    text = term.replace(" ", "")
    if _FIGURE.search(text) or _COUNT.search(term):
        return True
    if _PREDICATE_ADJECTIVE.match(text) and not _ends_on_noun(text):
        return True
    if _QUANTITY.match(text) or _DERIVATION.search(text) or _RANKED.match(text):
        return True
    if _PROSE.search(text):
        return True
    tags = rjieba.tag(text)
    if any(
        a.startswith("v") and b_tag in _PREDICATE_PARTICLES for (_, a), (_, b_tag) in pairwise(tags)
    ) or any(
        before in _CLAUSE_OPENERS and verb.startswith("v") and word == "的"
        for (_, before), (_, verb), (word, _) in zip(tags, tags[1:], tags[2:], strict=False)
    ):
        return True
    if len(tags) >= 2 and tags[0][0] in _DEGREE_OPENINGS and tags[1][1][:1] in ("a", "v"):
        return True
    if len(tags) == 2 and tags[0] in _NEGATING and tags[1][1] in _NEGATED_PREDICATE_TAGS:
        return True  # "**不可能**", "**不唯一**": a claim's stress (`_NEGATING`)
    if len(tags) >= 2 and tags[0][0] in _BARE_MEASURES:
        return True  # "是条新闻", "有个问题": a count without its numeral, 一 dropped
    if len(tags) >= 2 and tags[0][1] == "k":
        return True  # "式命名法" from "驼峰式命名法": a suffix cut from the word it ends

    if _ends_on_superlative(tags):
        return True
    if len(tags) < 2:
        # a conjunction, pronoun or preposition set in bold ("**要么** …，**要么** …", 其余)
        # is the sentence's stress, never a name
        # (or a relation without its object: a heading's "带有 "get" 捕捉器的默认值" left
        # "带有" before its quoted code)
        return (
            bool(tags) and tags[0][1] in _FUNCTION_TAGS and text not in NAMES_TAGGED_FUNCTION
        ) or text in _RELATION_ENDS
    opening = tags[0][0]
    # "不能编译", "可以修改", "如示例": a modal of two characters or 如 ("as") opening the
    # phrase makes a predicate (one character may open a name: 有向无环图, 并查集); so does a
    # light verb, and 将, which brings the object before its verb ("将存储器与中央处理器分开");
    # and the copula: an answer sheet underlines a predicate whole, "内环境的作用：<u>是细胞
    # 生存的直接环境</u>" (是 alone opens no name; 是非, 是否 are words of their own);
    # and 像 ("like", "像内建对象那样"; 像素 is a word of its own), and a verb of having
    # before what is had ("拥有所有权", "具有…的")
    if (
        (opening in _PREDICATE_WORDS and len(opening) >= 2)
        or opening in _LIGHT_VERBS
        or opening in _QUESTION_OPENERS
        or opening in _HAVING_OPENERS
        or opening in ("如", "将", "是", "像")
    ):
        return True
    if any(word in _PREDICATE_WORDS for word, _ in tags[1:-1]) or (
        tags[-1][0] in _PREDICATE_WORDS and not _names_an_energy(tags)
    ):
        return True
    if tags[-1][0] in _DANGLING or tags[-1][0] in _RELATION_ENDS:
        return True  # "时间复杂度为": cut off before its object
    if len(tags[-1][0]) >= 2 and _GIVING_TO.match(tags[-1][0]):
        return True  # "转发给", "发送给": a verb of giving, its receiver cut off
    if _QUANTITY.match(tags[-1][0]) or tags[-1][0] in _TIME_AFTER:
        return True
    # "也就是中国哲学的精神" (two adverbs), "势力进一步向中原发展" (an adverb, then a
    # preposition), "能自动排气的玻璃瓶" (能, "can", alone: 能量 and 能级 are words of their own)
    if opening == "能" or any(a == "d" and b in ("d", "p") for (_, a), (_, b) in pairwise(tags)):
        return True
    # A one-character adverb after the first word belongs to a predicate (计数排序只适用
    # 于…, 元素均已排序, 概率很低); one that opens the phrase modifies the name (快速排序,
    # 已提交), and a longer one inside can be part of it (小批量随机梯度下降).
    return any(
        ((tag == "d" and len(word) == 1 and word not in _NEGATIONS) or word in _DEGREE)
        and not _name_cut_short(tags, i)
        for i, (word, tag) in enumerate(tags[1:], 1)
    )


def _name_cut_short(tags: list[tuple[str, str]], i: int) -> bool:
    """The one character at tags[i] is the last syllable of a transliterated person's name
    that rjieba cut short, not an adverb: it follows the name's head (tagged nr, nrt) and a
    noun follows it, the law or effect named after the person ("布儒斯特定律" read as
    布儒斯 + 特 "especially" + 定律: a polarization chapter's heading was lost as a clause).
    A subject's adverb before its verb ("张三才来") is still a clause."""
    return (
        len(tags[i][0]) == 1
        and tags[i - 1][1].startswith("nr")
        and i + 1 < len(tags)
        and tags[i + 1][1].startswith("n")
    )


def _names_an_energy(tags: list[tuple[str, str]]) -> bool:
    """能 ending the phrase after one word that names what it belongs to is the noun
    "energy" (热力学能, 表面能, 光能, 自由能, 内聚能), rjieba's modal "can" cut from its
    word: a physics lecture's bold 热力学能 was read as "thermodynamics can" and lost. A
    modal whose verb was cut off follows a pronoun or a determiner ("它能", "该方法能"),
    and running text never yields one (`terms` drops a phrase that ends on a modal)."""
    return (
        tags[-1][0] == "能"
        and len(tags) == 2
        and tags[0][1][:1] in ("n", "a", "v")
        and tags[0][0] not in _PREDICATE_WORDS
    )


def _ends_on_superlative(tags: list[tuple[str, str]]) -> bool:
    last, tag = tags[-1]
    if len(last) == 2 and last[0] == "最" and tag[:1] in ("a", "d"):
        return last not in _SUPERLATIVE_NAMES
    return len(tags) >= 2 and tags[-2][0] == "最" and tag[:1] == "a"


def zh_opens_clause(bare: str) -> bool:
    """ "**在该位置插入节点**：…" (at that position insert the node): a bold step, not a
    name; a name never is a preposition or conjunction followed by a verb. (A heading may read as a
    clause, "在堆上分配内存"; its topic is what the section is about.)"""
    if len(bare) <= 2:
        return False
    tags = rjieba.tag(bare)
    # the verb is what makes it a clause: "根节点", "从节点" open with a word rjieba may read
    # as a preposition, yet name things
    return tags[0][1] in ("p", "c") and any(pos == "v" for _, pos in tags[1:])
