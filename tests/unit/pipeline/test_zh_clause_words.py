"""Chinese words that read as a name's last word but are the clause's verb: a word before
了 and more of its clause ("研究经历了从…"), a one-character verb after its subject
("学生想什么"), a verb of holding or regarding ("该学派认为", "把学习看作"), 指 after 是; a
word rjieba reads as one verb, defined by 是指 ("认知失调是指…"); and a theory's
name beside the effect it is named after ("认知失调理论", "认知失调"), one concept. Each on
sentences written for the test."""

from __future__ import annotations

from pathlib import Path

import rjieba

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.clauses import zh_clause
from jobs.pipeline.concepts import _reworded_key
from jobs.pipeline.terms import collect
from tests.unit.pipeline.written import concepts_of


def keys(sentence: str) -> set[str]:
    return set(collect([(0, sentence)], rjieba.Jieba()))


def test_a_word_before_le_and_the_rest_of_its_clause_is_the_verb() -> None:
    found = keys("行为主义心理学经历了从兴起到衰落的过程。")
    assert "行为主义心理学" in found
    assert not any(k.endswith("经历") for k in found)


def test_le_closing_a_sentence_does_not_make_the_noun_before_it_a_verb() -> None:
    found = keys("这就是条件反射了。")
    assert "条件反射" in found


def test_a_subject_and_its_one_character_verb_are_no_name() -> None:
    found = keys("教师往往不知道学生想什么，也不问学生怎样看。")
    assert "学生想" not in found
    assert "学生" in found


def test_a_request_and_a_negation_glued_to_a_word_are_no_name() -> None:
    """A problem statement's "请以列表形式返回…，列表中不应包含重复组合" gave 请以列表形式
    and 列表中不应包含 (rjieba glues 请以 and 中不应 into verbs)."""
    found = keys(
        "请以列表形式返回这些组合，列表中不应包含重复组合，结果列表中的元素都是同一个子集。"
    )
    assert not any(k.startswith(("请", "同一")) or "不应" in k for k in found), found
    assert "结果列表" in found
    # a request as a noun stays
    assert "合并请求" in keys("每个合并请求只合并一个分支。")


def test_a_cross_reference_verb_opens_no_name() -> None:
    found = keys("工作记忆的容量有限（参见 Baddeley 的综述），细节详见第三章附录。")
    assert not any(k.startswith(("参见", "详见")) for k in found)
    assert "工作记忆" in found


def test_verbs_of_holding_and_regarding_end_a_name() -> None:
    found = keys("该学派认为，学习是刺激与反应的联结。有人把学习动机看作一种需要。")
    assert not {"学派认为", "学习动机看作"} & found
    assert "学习动机" in found


_THEORY = """# 社会心理学

## 认知失调理论

认知失调理论由费斯廷格提出。认知失调是指个体同时持有两种相互矛盾的认知时产生的不适感。
为了减少认知失调，人们会改变态度或行为。认知失调越强，改变态度的动机越强。

## 从众

从众是指个体在群体压力下改变自己的行为或信念。从众行为在群体中很常见。
阿希的实验研究了从众。群体规模影响从众的程度。
"""


def test_a_theory_and_the_effect_it_is_named_after_are_one_concept(tmp_path: Path) -> None:
    path = tmp_path / "社会心理学.md"
    path.write_text(_THEORY, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert len({"认知失调理论", "认知失调"} & titles) == 1
    assert "从众" in titles


def test_zhi_after_shi_is_the_verb_means_and_opens_no_name() -> None:
    found = keys("社会惰化是指个体在群体中工作时付出的努力少于单独工作时。")
    assert not any(k.startswith("指") for k in found)
    assert "个体" in found


def test_a_long_word_read_as_a_verb_is_a_concept_where_a_sentence_says_what_it_means(
    tmp_path: Path,
) -> None:
    path = tmp_path / "社会心理学.md"
    path.write_text(_THEORY, encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    described = {c.title: c.description for c in concepts}
    # rjieba reads 认知失调 as one verb; 是指 says what it means
    assert (described.get("认知失调") or "").startswith("认知失调是指")
    assert "指个体" not in described


def test_a_short_rare_effect_and_its_theory_are_one_concept_a_common_word_and_its_theory_two() -> (
    None
):
    # 归因 (attribution) is a rare word: 归因理论 is the theory of it
    assert _reworded_key("归因理论") == _reworded_key("归因")
    # 控制 (control) is an everyday word: control theory is a field of its own
    assert _reworded_key("控制理论") != _reworded_key("控制")
    assert _reworded_key("学习理论") != _reworded_key("学习")


def test_a_name_whose_last_character_rjieba_reads_as_a_verb_stays_whole() -> None:
    # rjieba tags 率 and 系 as verbs here; no pronoun follows them
    assert "外显率" in keys("外显率：携带致病基因的个体中发病者所占的百分比。")
    assert "x 锁" in keys("事务读数据项之前先加 X 锁。")


def test_zhi_after_an_entry_colon_or_comma_opens_no_name() -> None:
    found = keys("四气：指药物具有的寒、热、温、凉四种药性。") | keys("人力资本，指劳动者的知识。")
    assert not any(k.startswith("指") for k in found)
    assert "药物" in found


def test_a_name_opened_by_a_word_rjieba_tags_a_pronoun_keeps_that_word() -> None:
    # rjieba tags 自我 (the self) a pronoun and 他者 too: they open a theory's name, which
    # lost them ("决定理论" for 自我决定理论)
    found = keys("根据自我决定理论，人有三种基本心理需要。他者理论讨论身份的形成。")
    assert "自我决定理论" in found and "他者理论" in found
    # a real pronoun still ends the phrase before it
    assert not any(k.startswith("我们") for k in keys("我们学习概率分布。"))


_BARE_ZHI = """# 材料学

## 熔点

熔点指 `melting point`，即晶体开始熔化时的温度。熔点越高，材料越耐热。

## 强度

强度通常指材料在外力作用下抵抗破坏的能力。强度不足时构件会断裂。

## 手指

手指弯曲时肌腱滑动。手指的关节有三个。
"""


def test_nearest_before_a_noun_opens_a_name_and_recently_before_a_verb_does_not() -> None:
    # rjieba tags 最近 (nearest) a locality word, as for "recently": it cut the names it
    # opens (邻插值 left of 最近邻插值)
    found = keys(
        "最近邻插值把像素取为最近的样本值。最近公共祖先可以用倍增求出。最近发布的版本修复了缺陷。"
    )
    assert "最近邻插值" in found and "最近公共祖先" in found
    assert not any(key.startswith("最近发布") for key in found)


def test_a_name_then_zhi_with_nothing_between_says_what_it_means(tmp_path: Path) -> None:
    # notes write "X指…" (and "X通常指…") as often as "X是指…"
    path = tmp_path / "材料学.md"
    path.write_text(_BARE_ZHI, encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    described = {c.title: c.description for c in concepts}
    assert (described.get("熔点") or "").startswith("熔点指")
    assert (described.get("强度") or "").startswith("强度通常指")
    # a finger is no name and 指, and its sentence says nothing it means
    assert not (described.get("手指") or "")
    # the name cut before a code span is no concept with 指 glued on
    assert "熔点指" not in described


def test_a_name_then_zhi_alone_ends_the_name_there() -> None:
    found = keys("熔点指 melting point，即晶体开始熔化时的温度。")
    assert "熔点" in found
    assert not any(k.startswith("熔点指") or k.startswith("指") for k in found)
    assert "手指" in keys("手指弯曲时肌腱滑动。")


def test_a_hedge_between_the_comma_and_shizhi_is_no_name() -> None:
    # "usually means" / "generally means" after a name and its comma: the name is defined,
    # the adverb is no concept
    from jobs.pipeline.definitions import find_definitions

    for sentence, name in (
        ("弹性扩容，通常是指系统按负载自动增加机器的能力。", "弹性扩容"),
        ("灰度发布，一般指先让少数用户使用新版本的做法。", "灰度发布"),
    ):
        terms = [d.term for d in find_definitions(sentence, 0, True)]
        assert name in terms
        assert not any(t in ("通常", "一般") for t in terms)


def test_a_relation_or_a_giving_without_its_object_ends_no_name() -> None:
    # "similar to", "having", "setting out from", "finished", "that way": the phrase the
    # n-gram finder cut waits for its other half
    assert zh_clause("快速排序类似")
    assert zh_clause("返回带有")
    assert zh_clause("节点出发")
    assert zh_clause("结点访问完毕")
    assert zh_clause("请求转发给")
    assert zh_clause("任务交给")
    assert zh_clause("如此一来")
    assert zh_clause("带有")  # a heading's verb left before its quoted code
    # "will" after its subject, or "this will": a statement, however it was cut
    assert zh_clause("方法会") and zh_clause("这会令人")
    assert not zh_clause("学生会") and not zh_clause("董事会")
    assert zh_clause("Anna 想要")


def test_likeness_and_having_open_no_name() -> None:
    assert zh_clause("像内建") and zh_clause("拥有所有权") and zh_clause("具有")
    # words of their own that open with the same characters
    assert not zh_clause("像素着色器") and not zh_clause("拥有者")


def test_a_result_a_permission_as_and_a_cut_suffix_make_no_name() -> None:
    assert zh_clause("想象成") and zh_clause("模块允许") and zh_clause("元素作为基准")
    assert zh_clause("式命名法")  # the n-gram cut "驼峰式命名法" after its first word
    assert not zh_clause("驼峰式命名法") and not zh_clause("合成") and not zh_clause("组成")
    # names that end on a word of giving or that hold one of these words stay names
    assert not zh_clause("货币供给")
    assert not zh_clause("总供给")
    assert not zh_clause("出发点")
    assert not zh_clause("快速排序")


def test_a_phrase_ending_on_a_relation_is_no_concept_of_a_chapter(tmp_path: Path) -> None:
    text = (
        "# 排序\n\n归并排序采用分治策略。与归并排序类似，快速排序也采用分治策略。"
        "与归并排序类似，堆排序也是一种比较排序。归并排序需要额外空间。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "归并排序" in titles
    assert not any(t.endswith("类似") for t in titles)


def test_a_name_ending_on_a_noun_of_poor_or_big_is_no_predicate() -> None:
    # 偏差, 误差, 残差 close on 差 ("poor") as a subject and its adjective do: the noun
    # holding it makes a name, the adjective standing alone a statement
    assert not zh_clause("回归分析残差")
    assert not zh_clause("仪器读数误差")
    assert zh_clause("这台仪器精度差")
    assert zh_clause("缓存使用效率高")


def test_a_kind_of_energy_ending_on_neng_is_a_name_and_a_cut_modal_is_not(tmp_path: Path) -> None:
    # rjieba cuts 能 ("energy") from the word naming whose energy it is and tags it the
    # modal "can"; after a pronoun or a determiner it is that modal, its verb cut off
    assert not zh_clause("表面能")
    assert not zh_clause("光能")
    assert zh_clause("它能")
    assert zh_clause("该模型能")
    text = (
        "# 界面现象\n\n**表面能**是形成单位面积新表面时外界所做的功。液体的表面能越大，越难铺展。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "表面能" in titles


def test_a_transliterated_name_cut_before_its_last_syllable_is_still_a_name() -> None:
    # rjieba cuts 布儒斯 + 特 ("especially") + 定律: the law is named after a person
    assert not zh_clause("布儒斯特定律")
    assert not zh_clause("布儒斯特效应")
    # an adverb between a subject and its verb still makes a clause
    assert zh_clause("李四才来")
    assert zh_clause("他们特来参观")


def test_a_verb_opening_a_list_of_parts_ends_the_name_before_it() -> None:
    """ "X包括：a、b", "X包含Y": the verb of inclusion opens the list of what X holds;
    X and each item are names, never one run with the verb."""
    found = keys("消化系统包括消化道和消化腺。常见的遗传病包含：白化病、色盲。")
    assert {"消化系统", "消化道", "消化腺"} <= found
    assert not any("包括" in k or "包含" in k for k in found)


def test_a_negation_and_the_one_word_it_negates_is_a_predicate() -> None:
    # a note stresses its claims in bold: "是**不可能**的", "路径**不唯一**"
    for predicate in ("不可能", "不唯一", "不正确", "不稳定"):
        assert zh_clause(predicate), predicate
    # a negated name goes on to a noun, or is one word of its own; "not yet" names a state
    for name in ("不完全显性", "不可逆过程", "不等式", "不动点", "不确定性", "不饱和", "未跟踪"):
        assert not zh_clause(name), name
