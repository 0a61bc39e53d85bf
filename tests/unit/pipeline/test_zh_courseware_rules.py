"""A Chinese teacher's handouts and decks (a grammar course's slides, a programming handout in
Word): their headings count patterns, tell one thing's use as another and list parts with a
plus; their exercises are 训练; their chapters title what they teach. Examples in our own
words."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.clauses import zh_clause
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.normalise import heading_title
from jobs.pipeline.structure import heading_terms, zh_parts
from tests.unit.pipeline.written import concepts_of, written


def _terms(heading: str) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, 2)]


@pytest.mark.parametrize(
    ("heading", "label", "topics"),
    [
        ("模式二：定语 + 名词", "模式二", ["定语", "名词"]),
        ("专题三：溶液的配制", "专题三", ["溶液"]),
    ],
)
def test_a_noun_counted_by_a_numeral_is_a_label_not_a_topic(
    heading: str, label: str, topics: list[str]
) -> None:
    terms = _terms(heading)
    assert label not in terms
    assert all(t in terms for t in topics)


def test_a_name_ending_on_a_numeral_in_the_dictionary_stays() -> None:
    assert "知行合一" in _terms("知行合一")


def test_parts_listed_with_a_spaced_plus_are_each_a_topic() -> None:
    # read as one run, 系 went to the verb before it and 过去分词 was lost
    assert _terms("句式：主语 + 系动词 + 补语") == ["句式", "主语", "系动词", "补语"]
    assert "过去分词" in _terms("搭配：助动词 + 过去分词")
    # a one-character side is a formula's shorthand, no list; C++ has no spaces
    assert "动" not in _terms("There + 动 + 名词")
    assert "C++" in _terms("C++ 入门")


@pytest.mark.parametrize(
    ("heading", "things"),
    [
        ("名词作定语", ["名词", "定语"]),
        ("在形容词后作状语", ["形容词", "状语"]),
        ("指针作为参数", ["指针", "参数"]),
    ],
)
def test_a_heading_telling_ones_use_as_another_names_both(heading: str, things: list[str]) -> None:
    terms = _terms(heading)
    assert all(t in terms for t in things)
    assert not any("作" in t for t in terms)


def test_words_with_zuo_in_them_are_not_cut() -> None:
    assert "作用域" in _terms("作用域")
    assert "作业调度" in _terms("作业调度")


def test_a_rare_dictionary_word_opening_on_a_conjunction_is_not_split() -> None:
    # 及物动词 opens on 及 ("and"); rjieba's dictionary holds it, rarely counted
    assert zh_parts("及物动词与宾语") == ["及物动词", "宾语"]


@pytest.mark.parametrize("heading", ["综合训练", "思维训练 3", "专项训练", "课后训练"])
def test_a_handouts_training_is_its_exercises(heading: str) -> None:
    assert apparatus(heading)


@pytest.mark.parametrize("heading", ["课堂练习", "随堂练习", "课堂小结", "随堂测验 2"])
def test_a_decks_class_hour_exercise_and_wrap_up_are_apparatus(heading: str) -> None:
    assert apparatus(heading)


@pytest.mark.parametrize("heading", ["课前测验", "课前练习", "课前思考题"])
def test_what_a_lesson_sets_before_class_is_apparatus(heading: str) -> None:
    assert apparatus(heading)


@pytest.mark.parametrize("heading", ["先决条件", "前置知识", "预备知识", "本章范围"])
def test_a_chapters_prerequisites_and_scope_are_apparatus(heading: str) -> None:
    assert apparatus(heading)


@pytest.mark.parametrize(
    "heading", ["小结与习题", "引言和背景", "本章小结及习题", "Summary and Exercises"]
)
def test_apparatus_names_joined_in_one_heading_are_apparatus(heading: str) -> None:
    # such a heading names no section a week or a module could be named after
    assert apparatus(heading)


@pytest.mark.parametrize("heading", ["供给与需求", "引言与光合作用", "Introduction and Notation"])
def test_a_heading_joining_a_topic_is_no_apparatus(heading: str) -> None:
    assert not apparatus(heading)


def test_an_opening_of_introduction_and_scope_names_no_topic() -> None:
    # a translated manual opens each chapter so; a range that is a topic keeps its noun
    assert _terms("引言与范围") == []
    assert "取值范围" in _terms("函数的取值范围")


@pytest.mark.parametrize("label", ["解答思路", "解题步骤", "证明思路", "求解步骤"])
def test_a_worked_solutions_scaffolding_is_apparatus(label: str) -> None:
    assert apparatus(label)


@pytest.mark.parametrize("label", ["解题一般思路", "求解的常用方法", "解答基本步骤", "解题技巧"])
def test_a_qualified_solution_scaffolding_is_apparatus(label: str) -> None:
    # review notes close a chapter with how its problems are solved, not with a topic
    assert apparatus(label)


def test_a_proof_method_stays_a_topic() -> None:
    assert not apparatus("证明方法")


@pytest.mark.parametrize(
    "heading",
    ["面试题", "高频面试题 2", "面试题解析", "面试官心理分析", "面试技巧", "常见面试问题"],
)
def test_an_interview_guides_parts_are_apparatus(heading: str) -> None:
    # a 面经 sets out every topic as the questions asked, what the asker is after, the
    # questions worked through and tips: the same parts under each topic, none a topic
    assert apparatus(heading)


def test_an_interview_guides_bold_tip_defines_nothing() -> None:
    tip = "面试技巧：回答时先讲业务场景，再讲这个场景是如何解决的。"
    assert not list(find_definitions(tip, 0, True, emphasis=("面试技巧",)))
    # a term so labelled still is one
    entry = "缓存穿透：是指查询一个一定不存在的数据，请求每次都落到数据库上。"
    assert [d.term for d in find_definitions(entry, 0, True, emphasis=("缓存穿透",))] == [
        "缓存穿透"
    ]


def test_an_interview_taught_as_a_topic_is_no_apparatus() -> None:
    # a psychology or an HR course teaches the interview itself
    assert not apparatus("结构化面试")
    assert not apparatus("面试官效应")


def test_a_class_hour_topic_and_a_proof_are_no_apparatus() -> None:
    # only the exercise and wrap-up of the class hour go; what is taught in it stays
    assert not apparatus("课堂教学")
    assert not apparatus("证明")


@pytest.mark.parametrize("term", ["是否可数", "能否省略", "如何判断主语"])
def test_a_question_word_opens_a_question_not_a_name(term: str) -> None:
    assert zh_clause(term)


def _sections(knowledge: object) -> dict[str, tuple[str, ...]]:
    return {
        e.concept_key: e.section
        for e in knowledge.extractions  # type: ignore[attr-defined]
        if e.type == "concept"
    }


def test_a_concept_is_met_in_the_later_chapter_it_titles(tmp_path: Path) -> None:
    # the chapter on loops uses a list in passing; the next chapter, titled 列表, teaches it
    path = tmp_path / "handout.md"
    path.write_text(
        "# 循环\n\n## 循环语句\n\n循环语句重复执行一段代码。循环语句可以遍历一个列表中的元素。"
        "循环语句还可以嵌套，嵌套的循环语句逐层执行。\n\n"
        "# 列表\n\n## 列表的创建\n\n**列表**是按顺序存放的一组值。列表用方括号创建。"
        "列表中的值叫作元素，列表的元素可以修改。\n\n## 列表切片\n\n列表切片取出列表的一段。\n",
        encoding="utf-8",
    )
    knowledge = analyse_file(path, language="zh-CN").knowledge
    sections = _sections(knowledge)
    assert sections["列表"][0] == "列表"
    order = {c.key: c.order for c in knowledge.concepts}
    assert order["循环语句"] < order["列表"]


@pytest.mark.parametrize("term", ["条消息", "个例子", "种说法"])
def test_a_measure_word_without_its_numeral_opens_no_name(term: str) -> None:
    # "这是条消息", "举个例子": speech drops the 一 before the measure word
    assert zh_clause(term)


@pytest.mark.parametrize("term", ["条件概率", "个体差异", "种群密度", "块设备"])
def test_words_opening_on_a_measure_words_character_stay(term: str) -> None:
    assert not zh_clause(term)


@pytest.mark.parametrize(("heading", "name"), [("main()", "main"), ("3.2 free()", "free")])
def test_a_heading_written_as_a_call_names_the_function(heading: str, name: str) -> None:
    # main and free are everyday words to the heading rules; the brackets make them code
    assert name in _terms(heading)


@pytest.mark.parametrize(
    ("heading", "name", "kind"),
    [
        ("read_buffer() 函数", "read_buffer", "函数"),
        ("4.1 sendFrame() API 函数", "sendFrame", "API 函数"),
        ("The open_file() function", "open_file", "function"),
        ("the SWAP() macro", "SWAP", "macro"),
    ],
)
def test_a_call_heading_with_its_kind_names_the_function_not_the_kind(
    heading: str, name: str, kind: str
) -> None:
    # an API reference's section on one function says what kind of thing it is after it
    terms = _terms(heading)
    assert terms == [name]
    assert kind not in terms


@pytest.mark.parametrize("heading", ["Queue_2", "MAX_RETRY_COUNT", "3.4 pool_alloc"])
def test_a_heading_that_is_one_underscored_name_names_it(heading: str) -> None:
    # a section on one scheme, setting or routine, titled as the code spells it
    assert _terms(heading) == [heading.split()[-1]]


def test_an_underscored_name_inside_a_longer_heading_is_left_to_the_word_rules() -> None:
    # only a heading that is the name alone is read whole
    assert "Queue_2 的优点" not in _terms("Queue_2 的优点")


@pytest.mark.parametrize(
    ("heading", "topics", "phrase"),
    [
        ("对浮点数的舍入", ["浮点数"], "对浮点数"),
        ("针对小样本的检验", ["小样本"], "针对小样本"),
        ("操作系统对进程的调度", ["操作系统", "进程"], "操作系统对进程"),
    ],
)
def test_a_preposition_in_a_heading_leaves_its_nouns_as_topics(
    heading: str, topics: list[str], phrase: str
) -> None:
    terms = _terms(heading)
    assert all(t in terms for t in topics)
    assert phrase not in terms


def test_a_word_opening_on_dui_keeps_it() -> None:
    # 对称, 对数: 对 is the word's own first character, no preposition
    assert "对称矩阵" in _terms("对称矩阵的性质")
    assert "对数函数" in _terms("对数函数的图像")


def test_what_a_noun_is_used_for_is_no_topic_of_a_heading() -> None:
    terms = _terms("用于排序的比较器")
    assert "比较器" in terms
    assert not any(t.startswith("用于") for t in terms)


def test_a_summary_after_its_topic_leaves_the_topic() -> None:
    assert _terms("散列函数总结") == ["散列函数"]
    assert "插值方法" in _terms("插值方法小结")


def test_an_aspect_word_cut_off_a_chapter_title_is_no_topic() -> None:
    # rjieba reads 组成 as a verb in "计算机组成原理", leaving 原理 alone; a title that is
    # only the aspect's word stays the chapter's topic
    assert "原理" not in [c.term for c in heading_terms("计算机组成原理", 0, 1)]
    assert [c.term for c in heading_terms("原理", 0, 1)] == ["原理"]
    assert [c.term for c in heading_terms("编译原理", 0, 1)] == ["编译原理"]


def test_a_preposition_character_opening_a_word_rjieba_cut_splits_nothing() -> None:
    # rjieba cuts "拉格朗日对偶函数" at 对 (its 对偶 is a word): no preposition joins two
    # nouns, and the heading is still offered whole
    assert "拉格朗日对偶函数" in _terms("拉格朗日对偶函数")


def test_a_textbooks_introductory_chapter_names_no_concept() -> None:
    # "第一章 概论", "导论": the chapter that introduces the subject, as 绪论 and 概述 do
    for heading in ("概论", "导论"):
        assert apparatus(heading), heading
    assert not [c.term for c in heading_terms("第一章 概论", 0, 1)]
    # a subject named with it is a course's name, no introduction alone
    assert not apparatus("计算机科学概论") and not apparatus("马克思主义哲学导论")


def test_a_dash_touching_a_chapter_number_parts_it_from_the_title() -> None:
    # a note saved under its file name writes "第五章-队列": the dash is no part of the
    # topic, whichever dash it is and whether or not spaces stand around it
    for heading in ("第五章-队列", "第5章—队列", "第五章－队列", "第五章 - 队列"):
        assert [c.term for c in heading_terms(heading, 0, 1)] == ["队列"], heading


@pytest.mark.parametrize(
    "heading",
    ["中华人民共和国国家标准", "中华人民共和国交通运输行业标准", "江苏省地方标准", "团体标准",
     "目 次", "规范性引用文件", "术语和定义", "英文对应词索引"],
)  # fmt: skip
def test_a_standards_series_line_and_fixed_parts_are_apparatus(heading: str) -> None:
    # a national standard's cover names its series above the title, and GB/T 1.1 fixes
    # its parts: neither a topic of the standard
    assert apparatus(heading)


@pytest.mark.parametrize("heading", ["国家标准化体系", "行业标准的制定", "标准"])
def test_a_topic_about_standards_is_no_apparatus(heading: str) -> None:
    assert not apparatus(heading)


def test_a_slides_points_about_its_process_are_no_concepts(tmp_path: Path) -> None:
    """A 课件 lists what it teaches of a process as labels ("原料：…", "产物：…", "X的实质：…")
    with no bold; each label was a concept defined by its answer. Bold labels of a topic's
    advantages ("- **优点**：…") were concepts too."""
    text = (
        "# 蒸腾作用\n\n"
        "蒸腾作用：水分以水蒸气的状态从植物体内散失到大气中的过程。\n\n"
        "- 场所：叶片的气孔\n- 意义：促进根对水分的吸收和运输\n"
        "- 蒸腾作用的实质：水分从液态变为气态散失\n\n"
        "## 气孔\n\n"
        "- **优点**：调节灵活，开闭迅速。\n- **缺点**：干旱时容易失水过多。\n\n"
        "气孔是植物蒸腾失水的门户。气孔由保卫细胞围成。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, "课件.md", language="zh-CN")}
    assert {"蒸腾作用", "气孔"} <= titles
    assert not titles & {"场所", "意义", "蒸腾作用的实质", "优点", "缺点"}, titles


def test_a_study_guides_own_name_and_stages_are_no_concepts(tmp_path: Path) -> None:
    """A 导学案 is titled by its lesson and what it is ("浮力 导学案"); the lesson's name
    alone is the topic (the title was the concept and both weeks' name, 浮力 itself lost),
    and its stages (小组讨论, 当堂检测, 探究一) are no concepts."""
    text = (
        "# 第九课 浮力 导学案\n\n【学习目标】\n\n1．理解浮力的概念。\n\n【自主学习】\n\n"
        "1．浸在液体中的物体受到液体向上托的力叫做浮力。浮力的方向总是竖直向上。\n\n"
        "2．浮力的大小等于物体排开的液体所受的重力。\n\n"
        "小组讨论：把木块按入水中，松手后木块为什么会上浮？浮力与什么有关？\n\n"
        "## 探究一\n\n用弹簧测力计测量石块在水中受到的浮力，比较浮力的大小。\n\n"
        "## 当堂检测\n\n一个物体受到的浮力是多少？浮力的方向如何？\n"
    )
    analysis = analyse_file(written(tmp_path, "浮力.md", text), language="zh-CN")
    titles = {c.title for c in analysis.knowledge.concepts}
    assert "浮力" in titles
    assert not titles & {"浮力 导学案", "小组讨论", "探究一", "当堂检测"}, titles
    assert heading_title("第九课 浮力 导学案") == "第九课 浮力"
    assert apparatus("导学案") and not apparatus("教学设计") and not apparatus("自主学习")


def test_a_factors_effect_and_a_quantitys_unit_define_nothing(tmp_path: Path) -> None:
    """Under "影响化学反应速率的因素" a 课件 lists "温度：升高温度，反应速率加快": what
    changing the factor brings about, no meaning (温度 was defined so); "单位：mol/(L·s)"
    gave 单位 as a concept; a "定义：" bullet under "X的概念" defines X."""
    text = (
        "# 化学反应速率\n\n## 一、化学反应速率的概念\n\n"
        "- 定义：单位时间内反应物浓度的减少或生成物浓度的增加\n- 单位：mol/(L·s)\n\n"
        "## 二、影响化学反应速率的因素\n\n"
        "- 温度：升高温度，反应速率加快\n- 压强：增大压强，气体反应的速率加快\n\n"
        "化学反应速率受温度和压强影响。温度越高，化学反应速率越快。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "课件.md", "zh-CN")}
    assert described["化学反应速率"] == "化学反应速率：单位时间内反应物浓度的减少或生成物浓度的增加"
    assert not described.get("温度") and not described.get("压强"), described
    assert "单位" not in described


def test_a_lesson_titled_in_book_title_marks_names_its_topic_whole() -> None:
    """A 说课稿 or 教学设计 titles its lesson as a text: "《阿基米德原理》说课稿". Read with
    the marks the name was too long to be one and was cut into its pieces; inside them it
    is the topic, whole, as a literature lesson's work is ("《荷塘月色》")."""
    assert [c.term for c in heading_terms("《阿基米德原理》说课稿", 0, 1)] == ["阿基米德原理"]
    assert [(c.term, c.whole) for c in heading_terms("《荷塘月色》", 0, 1)] == [("荷塘月色", True)]


@pytest.mark.parametrize(
    "heading",
    ["说教材", "说学情", "说教法和学法", "说教学过程", "说板书设计", "说教学重难点", "学法"],
)
def test_the_parts_of_a_lesson_talk_are_apparatus(heading: str) -> None:
    """A 说课稿 heads each part by what the teacher speaks about ("说教材", "说学情"):
    the same parts in every lesson, no topic of it."""
    assert apparatus(heading)
    assert heading_terms(f"三、{heading}", 0, 2) == []


def test_an_objectives_verb_of_knowing_is_no_part_of_the_name_it_defines() -> None:
    """ "了解浮力是液体对物体向上的托力" (know that buoyancy is …) in a lesson's 教学目标
    defines 浮力; the pupil's verb is no part of the name."""
    found = list(
        find_definitions(
            "了解浮力是液体对浸在其中的物体向上的托力。", 0, True, (), True, (), False, False
        )
    )
    assert [d.term for d in found] == ["浮力"]


def test_a_sentence_that_only_names_what_the_one_before_said_defines_it_with_it(
    tmp_path: Path,
) -> None:
    """ "……。这就是阿基米德原理。" and "……。这种现象叫做漫反射。": the naming sentence
    says nothing of what it names; the sentence before is the definition's substance
    (after its lead-in's colon)."""
    text = (
        "# 浮力与反射\n\n## 阿基米德原理\n\n"
        "大量实验表明：浸在液体中的物体受到的浮力，大小等于它排开的液体所受的重力。"
        "这就是阿基米德原理。阿基米德原理也适用于气体。\n\n"
        "## 漫反射\n\n平行光照到粗糙的表面上，反射光射向各个方向。这种反射叫做漫反射。"
        "漫反射使我们能从各个方向看到物体。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "讲义.md", "zh-CN")}
    assert described["阿基米德原理"] == (
        "浸在液体中的物体受到的浮力，大小等于它排开的液体所受的重力。这就是阿基米德原理。"
    )
    assert described["漫反射"] == "平行光照到粗糙的表面上，反射光射向各个方向。这种反射叫做漫反射。"


def test_a_counted_study_point_label_before_a_space_is_no_part_of_its_topic() -> None:
    """A 知识清单 heads its points "知识点一 牛顿第二定律", "考点2 浮力": the label, then
    a space, then the topic, whole (read as one phrase it was cut at its ordinal)."""
    assert [(c.term, c.whole) for c in heading_terms("知识点一 牛顿第二定律", 0, 2)] == [
        ("牛顿第二定律", True)
    ]
    assert [c.term for c in heading_terms("考点2 浮力", 0, 2)] == ["浮力"]


def test_a_textbooks_doubled_verb_prompt_before_each_exercise_is_no_concept(
    tmp_path: Path,
) -> None:
    """ "做一做", "想一想" set alone before each exercise ask the learner to act; a prompt
    repeated through a chapter counts often, and still names nothing taught."""
    text = (
        "# 电路\n\n## 串联电路\n\n串联电路中电流处处相等。串联电路的总电阻等于各电阻之和。\n\n"
        "做一做\n\n请测量两个灯泡串联时的电流。\n\n并联电路中各支路电压相等。\n\n"
        "做一做\n\n请测量并联电路的总电流。\n\n想一想\n\n为什么家庭电路用并联？\n\n"
        "做一做\n\n请画出串联电路的电路图。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, "讲义.md", "zh-CN")}
    assert "串联电路" in titles
    assert not titles & {"做一做", "想一想"}
    assert apparatus("议一议")
    assert not apparatus("统一")


def test_a_heading_counting_its_topics_parts_names_the_topic_alone() -> None:
    """ "X的三大Y": the parts the sections below go on to name, counted; X is the topic."""
    for heading, topic in (
        ("哈希表的三大操作", "哈希表"),
        ("蒸腾作用的两种途径", "蒸腾作用"),
        ("软件测试的4个阶段", "软件测试"),
    ):
        assert _terms(heading) == [topic], heading


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("三角函数练习", "三角函数"),
        ("有机化合物专项练习", "有机化合物"),
        ("电磁感应习题", "电磁感应"),
    ],
)
def test_a_heading_of_exercises_on_a_topic_names_the_topic(heading: str, topic: str) -> None:
    """ "X练习", "X专项练习", "X习题": exercises set on X, whose topic is X, never a name
    of its own beside X."""
    assert _terms(heading) == [topic]


@pytest.mark.parametrize(
    ("heading", "topic"),
    [("DataFrame的构造", "DataFrame"), ("随机数组的生成", "随机数组"), ("复数的运算", "复数")],
)
def test_how_a_thing_is_made_or_operated_on_is_said_of_the_thing(heading: str, topic: str) -> None:
    """ "X的构造", "X的生成", "X的运算": how X is made or what is done with it, said of
    X; the bare 构造, 生成 or 运算 is no topic (代码生成, 运算符 stay names)."""
    assert _terms(heading) == [topic]
    assert _terms("代码生成") == ["代码生成"]
