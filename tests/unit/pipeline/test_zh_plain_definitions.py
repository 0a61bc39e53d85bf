"""Chinese definitions as a plain textbook writes them, nothing set in bold, each on text
written for the test: a term rjieba reads as a verb named by 是指, a description ending on a
kind that fits any subject (场所, 过程, 总称), a measure by what it measures (用来衡量), and
the words that only look like a naming (是 before the verb 指向, a conjunction before the
subject)."""

from __future__ import annotations

from pathlib import Path

import rjieba

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import WEAK, find_definitions
from jobs.pipeline.terms import collect


def defined(sentence: str, plain: bool = False) -> list[tuple[str, float]]:
    return [(d.term, d.confidence) for d in find_definitions(sentence, 0, True, plain=plain)]


def descriptions_of(tmp_path: Path, text: str, name: str = "讲义.md") -> dict[str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    return {c.title: c.description or "" for c in concepts}


def titles_of(tmp_path: Path, text: str) -> set[str]:
    return set(descriptions_of(tmp_path, text))


def test_a_word_rjieba_reads_as_a_verb_is_a_concept_where_a_sentence_says_what_it_means(
    tmp_path: Path,
) -> None:
    text = (
        "# 函数进阶\n\n"
        "迭代是指重复执行一组语句直到满足条件为止。循环语句可以实现它。\n\n"
        "蒸发是指液体在任何温度下在表面发生的汽化现象。\n\n"
        "函数可以有默认参数，参数的顺序很重要。\n"
    )
    titles = titles_of(tmp_path, text)
    assert {"迭代", "蒸发"} <= titles
    # a verb the text only uses is still no concept
    assert "实现" not in titles


def test_a_description_ending_on_a_kind_any_subject_fits_defines_in_plain_text() -> None:
    assert defined("高尔基体是细胞内加工和包装蛋白质的主要场所。", plain=True) == [
        ("高尔基体", WEAK)
    ]
    assert defined("蒸腾作用是水分从植物体表以水蒸气状态散失到大气中的过程。", plain=True) == [
        ("蒸腾作用", WEAK)
    ]
    assert defined("无机盐是细胞中各种矿物质离子的总称。", plain=True) == [("无机盐", WEAK)]
    # a measure, by what it measures
    assert defined("方差用来衡量一组数据偏离平均数的程度。", plain=True) == [("方差", WEAK)]
    assert defined("该参数用来表示迭代次数。", plain=True) == []
    # where the author's emphasis survives, the bold says which sentence introduces a term
    assert defined("高尔基体是细胞内加工和包装蛋白质的主要场所。") == []
    # the example above, a clause after the kind, a pointer: no name defined
    assert defined("上面的程序是求最大值的方法。", plain=True) == []
    assert defined("这是最常用的方法。", plain=True) == []
    assert defined("核糖体是合成蛋白质的场所，它附着在内质网上。", plain=True) == []


def test_a_description_ending_on_a_unit_or_the_smallest_particle_defines_in_plain_text() -> None:
    # "X是…的基本单位", "X是…中的最小微粒": a biology or chemistry text's first definition
    assert defined("神经元是神经系统结构和功能的基本单位。", plain=True) == [("神经元", WEAK)]
    assert defined("分子是保持物质化学性质的最小微粒。", plain=True) == [("分子", WEAK)]
    # a unit named after its quantity stays the kind the sentence ends on, as 场所 does
    assert defined("这个数值是计算时所用的单位。", plain=True) == []


def test_shi_before_the_verb_zhixiang_defines_nothing() -> None:
    # "is pointing to", not 是指 "means"
    assert defined("标签其实只是指向某次提交的一个引用。") == []
    assert defined("回调函数是指作为参数传给另一个函数的函数。") == [("回调函数", 0.85)]


def test_shi_before_a_word_zhi_opens_defines_nothing() -> None:
    # "is the power whose exponent is ½" (指数), not 是指 "means"
    assert defined("立方根是指数为三分之一的幂。") == []
    assert defined("这个变量是指针，保存地址。") == []


def test_a_thing_called_so_and_so_names_the_word_before_de() -> None:
    # "一个叫做Y的Z": a Z called Y; the name is Y, its kind Z
    assert [t for t, _ in defined("数据被保存在一个叫做缓冲区的特殊内存里。")] == ["缓冲区"]
    assert [t for t, _ in defined("学生们使用一种称为思维导图的笔记方法。")] == ["思维导图"]
    # without the classifier the name comes after 的, as before
    assert [t for t, _ in defined("这种方法被称为快速的排序。")] == ["排序"]


def test_a_stressed_word_inside_a_longer_word_is_not_defined_there() -> None:
    # the paragraph stresses 线性 elsewhere; this sentence holds it only inside 线性变换
    inside = "我们描述了仿射变换，它是一种带有偏置项的线性变换。"
    assert "线性" not in [d.term for d in find_definitions(inside, 0, True, ("线性",))]
    alone = "线性是指输出与输入成正比。"
    assert [d.term for d in find_definitions(alone, 0, True, ("线性",))] == ["线性"]


def test_a_property_of_named_code_defines_no_general_term() -> None:
    # "`contains` 的签名被定义为…": that function's signature, not what a signature is
    assert defined("因为 `find` 的返回值被定义为一个可选的下标。") == []
    assert [t for t, _ in defined("函数的返回值被定义为调用结束时交回的值。")] == ["返回值"]


def test_a_conjunction_before_the_subject_is_no_part_of_the_name() -> None:
    assert defined("由于动能定义为物体因运动而具有的能量，所以它与速度有关。") == [("动能", 0.85)]
    # "because b is defined as the same type as a": no name left once the conjunction goes
    assert defined("因为 `b` 被定义为与 `a` 相同的类型，所以会报错。") == []
    # 假设 opens a name as often as a clause (假设检验)
    assert defined("假设检验是指根据样本判断总体假设是否成立的方法。") == [("假设检验", 0.85)]


def test_a_bold_condition_opening_a_circumstance_clause_is_not_defined() -> None:
    # "with the supply cut or never connected, …": a fact under a condition, whose later
    # 是 says what causes the change, not what the condition is
    sentence = "电源断开或者根本没有接电源的情况下拔出铁芯，磁场能的改变是外力做功引起的。"
    assert list(find_definitions(sentence, 0, True, emphasis=("电源断开",))) == []
    # a bold name defined by its copula keeps its definition
    named = "自感是线圈自身电流变化在线圈中产生感应电动势的现象。"
    assert [d.term for d in find_definitions(named, 0, True, emphasis=("自感",))] == ["自感"]


def test_yonglai_ends_a_run_of_words_as_a_clause_verb_does() -> None:
    sentence = "空间复杂度用来衡量算法占用的存储空间，空间复杂度越低越好。"
    keys = set(collect([(0, sentence)], rjieba.Jieba()))
    assert "复杂度用来" not in keys
    assert "空间复杂度" in keys


def test_the_verb_done_with_a_means_ends_the_means_name() -> None:
    def keys(sentence: str) -> set[str]:
        return set(collect([(0, sentence)], rjieba.Jieba()))

    # "a queue can be implemented with a linked list": the list, then what is done with it
    assert "链表实现" not in keys("队列也可以用链表实现。")
    assert "链表" in keys("队列也可以用链表实现。")
    assert "向量表示" not in keys("我们通过向量表示每个单词。")
    # a name that ends on a verb keeps it after a means too
    assert "梯度下降" in keys("模型利用梯度下降更新权重。")
    # without a means before it the noun and the verb may still make a name
    assert "内存管理" in keys("内存管理是操作系统的职责。")


def test_classical_naming_verbs_name_the_quoted_word_after_them() -> None:
    # 谓之, 是为, 者曰 before a quoted word: a literary history's or an old medical text's
    # way of giving a thing its name (sentences written for the test)
    assert defined("以韵语叙事而可以弹唱者，谓之“弹词”。") == [("弹词", 0.8)]
    assert defined("医家据脉象与症状断定病机，是为“辨证”。") == [("辨证", 0.8)]
    assert defined("城中以讲故事为生，专营此业者曰“书会先生”。") == [("书会先生", 0.8)]
    # speech after 曰, and a list of kinds each opened by 曰, name nothing
    assert defined("王曰，“善。”") == []
    assert defined("其类有三，曰诗，曰词，曰曲。") == []


def test_classical_zhe_wei_says_what_the_word_before_it_means() -> None:
    assert defined("说书者，谓以口讲述长篇故事之艺。") == [("说书", 0.85)]
    assert defined("“变文”者，谓寺院中讲唱佛经故事之文。") == [("变文", 0.85)]
    # 谓之 after 者 names the word after it, not the one before
    assert defined("凡以白话写成者，谓之“语体”。") == [("语体", 0.8)]


def test_a_quoted_classical_name_is_a_concept_though_rjieba_cuts_it(tmp_path: Path) -> None:
    text = (
        "# 第三讲 唐代俗讲\n\n"
        "寺院有讲经之会。“俗讲”者，谓僧人对俗众讲说经义之事。"
        "说书者，谓以口讲述长篇故事之艺。其底本多已散佚。\n\n"
        "讲说之时又杂以歌唱，听者甚众，俗讲之风遂盛于晚唐。\n"
    )
    titles = titles_of(tmp_path, text)
    assert {"俗讲", "说书"} <= titles


def test_two_names_given_with_huo_define_the_first() -> None:
    # "叫做A或B": either name is the thing's; read as one name the two defined nothing
    assert [t for t, _ in defined("把这个向量叫做法向量或法线向量。")] == ["法向量"]
    # 或 inside a word is no choice between names
    assert [t for t, _ in defined("这种门电路称为异或门。")] == ["异或门"]


def test_a_quoted_word_that_de_follows_after_chengwei_is_not_the_name_defined() -> None:
    # "称为「X」的Y" names a Y of X: the quoted word only modifies the name, and is not
    # defined by the sentence; quoted alone, it is
    assert not any(t == "惯性" for t, _ in defined("这种偏差可称为「惯性」的残余作用。"))
    assert ("惯性", 0.8) in defined("物体保持原有运动状态的性质被称为「惯性」。")


def test_a_compound_ending_on_a_word_read_as_an_adverb_or_verb_is_a_concept_named_by_shi_zhi(
    tmp_path: Path,
) -> None:
    # 故意 alone reads "deliberately", 过失 and 冗余 a verb and an adjective: the noun
    # statistics never count such compounds, though 是指 says each is the term defined
    text = (
        "# 侵权责任\n\n"
        "医疗过失是指医务人员在诊疗活动中未尽到应有注意义务的心理状态。\n\n"
        "合同故意是指当事人明知违约会损害对方利益仍然追求这种结果的心理状态。\n\n"
        "数据冗余是指同一数据在多个地方重复存储的现象。\n"
    )
    found = titles_of(tmp_path, text)
    assert {"医疗过失", "合同故意", "数据冗余"} <= found


def test_a_kind_named_by_an_idiom_and_de_keeps_its_whole_name(tmp_path: Path) -> None:
    # "潜移默化的影响" names a kind of influence; a possessor before 的 still goes
    assert defined("潜移默化的影响是指人在不知不觉中受到的感染。") == [("潜移默化的影响", 0.85)]
    assert defined("一组整数的最大公约数是指能整除它们的最大正整数。") == [("最大公约数", 0.85)]
    text = (
        "# 学习理论\n\n"
        "潜移默化的影响是指人在不知不觉中受到的感染。\n\n"
        "循序渐进的教学是指按照知识的内在顺序逐步推进的教学。\n"
    )
    assert {"潜移默化的影响", "循序渐进的教学"} <= titles_of(tmp_path, text)


def test_a_discipline_defined_in_clauses_before_its_kind_defines_in_plain_text() -> None:
    # its means and method each in a clause, then "…的一门学科" / "…的方法" ending it
    assert defined(
        "统计学是以概率论为基础，收集、整理和分析数据，从而推断总体特征的一门学科。",
        plain=True,
    ) == [("统计学", WEAK)]
    assert defined(
        "插值法是借助已知的离散数据点，构造一个连续函数来估计未知点取值的方法。", plain=True
    ) == [("插值法", WEAK)]
    # a clause after the kind still leaves the sentence saying more than what it is
    assert defined("统计学是研究数据的学科，它起源于国情调查。", plain=True) == []


def test_a_name_brought_in_then_said_in_the_next_sentence_is_defined_there(
    tmp_path: Path,
) -> None:
    # a talk ends one sentence on a new name and opens the next on it, "X是…的<noun>":
    # with no kind word, that sentence alone defines nothing; after the name, it does
    said = descriptions_of(
        tmp_path,
        "潮水退去以后，礁石间会留下潮池。潮池是低潮时海水滞留在岩石凹处的小型水体。"
        "潮池里的生物要耐受温度的变化。\n\n"
        "海葵是一种常见的动物。珊瑚是许多人喜欢的礁石。\n",
        "讲稿.txt",
    )
    assert said.get("潮池", "").startswith("潮池是低潮时海水滞留")
    # the name not brought in just before: no definition from this rule
    assert not said.get("珊瑚")


def test_a_name_modifying_the_predicate_after_is_is_not_what_is_defined() -> None:
    # "A 是 **B** 的 C" says what A is by way of B: the stressed or glossed B after 是,
    # with 的 after it, is no term the sentence defines, with its English gloss or not
    for sentence, stressed in (
        ("栈是**线性表**的一种特殊形式。", "线性表"),
        ("散列函数是**散列表**（hash table）的核心部件。", "散列表"),
        # the short form in the name's brackets, stressed as maths sets it, modifies too
        ("散列函数是散列表（**HT**）的核心部件。", "HT"),
    ):
        assert [d.term for d in find_definitions(sentence, 0, True, (stressed,))] == [], sentence
    # the same name opening the sentence is defined by it
    opening = "**散列表**（hash table）是根据关键字直接访问的数据结构。"
    assert [d.term for d in find_definitions(opening, 0, True, ("散列表",))] == ["散列表"]


def test_a_name_taken_as_another_things_kind_is_what_means_defines() -> None:
    """ "甲作为乙的丙，指的是…": the sentence says what 甲 means, 作为 naming the role it
    plays; the noun after 的 (丙) is no name the sentence defines."""
    sentence = "加权平均作为算术平均的扩展，指的是每个数值先乘以各自的权重再求和并除以权重之和。"
    terms = [term for term, _ in defined(sentence)]
    assert "加权平均" in terms
    assert "扩展" not in terms


def test_an_adverb_or_a_conjunction_before_zhi_de_shi_names_nothing() -> None:
    # "…，其实指的是…": the clause's adverb alone after the comma is no name
    assert "其实" not in [t for t, _ in defined("端口号是一个数字，其实指的是进程的地址。")]
    assert defined("这里的长度，通常不用字节计算，实际上指的是分组个数。") == []
    # "而不是指": what the term does not mean, opened by a conjunction
    assert defined("带宽表示最高数据率，而不是指信号的频率范围。") == []
    # a name still defines so ("路由器是指…")
    assert defined("路由器是指转发分组的专用计算机。") == [("路由器", 0.85)]


def test_a_clause_after_a_condition_names_what_meets_it(tmp_path: Path) -> None:
    # "若…，则称这种X为Y": the condition lists stressed properties, the clause after the
    # comma names what has them; the definition is the named term's, not the first property's
    condition = "若一个二元运算同时满足**结合律**和**交换律**"
    named = "则称这种运算为**可换半群运算**。可换半群运算在计数问题中很常见。"
    described = descriptions_of(tmp_path, f"# 代数结构\n\n{condition}，{named}\n")
    assert described.get("可换半群运算", "").startswith("若一个二元运算同时满足")
    assert not described.get("结合律")


def test_a_naming_in_brackets_names_a_part_in_passing() -> None:
    # an entry's sentence may name one of its parts in brackets; it still defines the entry
    entry = "树：由若干结点(其中唯一的一个被称为根（root）)以及连接结点的边组成的连通无环图。"
    found = find_definitions(entry, 0, True, emphasis=("树",))
    assert [d.term for d in found] == ["树"]
    # outside brackets the naming defines what it names
    assert [t for t, _ in defined("没有父结点的那个结点被称为根。")] == ["根"]


def test_a_bold_term_after_a_copula_and_its_verb_is_that_verbs_object() -> None:
    # "是采用X来…" says what is done with X; it defines X no more than "用X" does
    def stressed(sentence: str, term: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, (term,), False, (term,))]

    assert stressed("因此实际中通常是采用快速排序来处理大量数据", "快速排序") == []
    assert stressed("常用的做法是使用梯度下降", "梯度下降") == []
    # a copula straight before the term, or a naming verb, still names it
    assert stressed("这种把问题分成小问题的方法就是分治法", "分治法") == ["分治法"]
    assert stressed("绿色植物制造有机物的过程称为光合作用", "光合作用") == ["光合作用"]
