"""Chinese list entries and glosses as notes write them: an entry that names its term, a
comma and 指 (means) with no 是 ("有丝分裂，指…"), and a glossed name in a paragraph that
sets a shorter name inside it in italics elsewhere ("*细胞周期（cell cycle）*" and, later,
"动物细胞周期（…）"). Text written for the test."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import find_definitions
from tests.unit.pipeline.written import concepts_of


def defined(sentence: str) -> list[tuple[str, float]]:
    return [(d.term, d.confidence) for d in find_definitions(sentence, 0, True)]


def test_an_entry_with_its_name_a_comma_and_zhi_defines_the_name() -> None:
    assert defined("有丝分裂，指一个细胞分成两个相同子细胞的过程。") == [("有丝分裂", 0.85)]


def test_zhi_opening_a_word_or_after_a_linking_phrase_defines_nothing() -> None:
    assert defined("老师，指出了学生的错误。") == []
    assert defined("血糖，指数上升很快。") == []
    assert defined("换句话说，指的是同一个过程。") == []
    assert defined("这里，指细胞核内的物质。") == []
    assert defined("在这种情况下，是指另一种细胞。") == []
    # a name may open on a character a preposition is written with
    assert defined("对称分裂，是指产生两个相同子细胞的分裂。") == [("对称分裂", 0.85)]


_LIST = """# 细胞的增殖

细胞通过分裂增加数量。细胞的分裂方式有三种：

- 有丝分裂，指一个细胞分成两个遗传物质相同的子细胞。
- 减数分裂，指生殖细胞形成时染色体数目减半的分裂。
- 无丝分裂，指细胞核直接拉长缢裂的分裂方式。

细胞分裂受到严格调控。
"""


def test_a_clause_with_shi_before_the_comma_and_zhi_names_no_concept() -> None:
    found = defined("胜任感是第二种基本需要，指能有效完成任务的感受。")
    assert all("是" not in term for term, _ in found)


def test_each_entry_of_a_list_naming_its_term_with_zhi_is_a_concept(tmp_path: Path) -> None:
    path = tmp_path / "细胞.md"
    path.write_text(_LIST, encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    described = {c.title: c.description or "" for c in concepts}
    # rjieba reads 减数分裂 as one verb: named so, it is a concept all the same
    for name in ("有丝分裂", "减数分裂"):
        assert described.get(name, "").startswith(name + "，指")
    assert not any(title.startswith("指") for title in described)


_GLOSSED = (
    "# 细胞周期\n\n"
    "*细胞周期（cell cycle）* 是细胞从一次分裂结束到下一次分裂结束的过程，其中，"
    "***动物细胞周期（animal cell cycle）在末期形成缢痕，"
    "植物细胞周期（plant cell cycle）在末期形成细胞板。**\n\n"
    "细胞周期的长短因细胞种类而不同。\n"
)


def test_a_glossed_name_keeps_its_first_words_where_a_shorter_name_is_emphasised_elsewhere(
    tmp_path: Path,
) -> None:
    path = tmp_path / "周期.md"
    path.write_text(_GLOSSED, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"动物细胞周期", "植物细胞周期"} <= titles


def test_an_entry_with_its_name_a_comma_and_shi_zhi_defines_the_name() -> None:
    assert defined("原核生物，是指没有成形细胞核的单细胞生物。") == [("原核生物", 0.85)]
    assert defined("换句话说，是指同一个过程。") == []


_ALIAS = """# 细胞器

- 线粒体，也叫*粒线体（mitochondrion）*，是细胞进行有氧呼吸的主要场所。线粒体有双层膜。
- 核糖体，又名核糖核蛋白体，是合成蛋白质的场所。核糖体没有膜。

线粒体和核糖体都存在于细胞质中。
"""


def test_a_list_entry_giving_its_name_another_name_after_a_comma_is_one_concept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "细胞器.md"
    path.write_text(_ALIAS, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "线粒体" in titles
    assert "粒线体" not in titles


def test_a_bold_name_opening_its_own_entry_is_a_concept_though_it_reads_as_a_clause(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# 佛学概论复习\n\n## 基本概念\n\n"
        "- **有为**：由因缘和合而生、有生有灭的一切事物。\n"
        "- **缘起**：一切事物都依赖条件而生起，条件离散则消灭。\n"
        "- **涅槃**：熄灭一切烦恼、超越生死的境界。\n\n"
        "修行的人**看起来像**在逃避，其实是在观照。\n",
        encoding="utf-8",
    )
    found = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"有为", "缘起", "涅槃"} <= found
    assert "看起来像" not in found  # a bold clause in a sentence is still no name


def test_a_lesson_plans_labelled_aims_define_no_term_and_the_lesson_keeps_its_own(
    tmp_path: Path,
) -> None:
    """A 教案 numbers its aims by kind, each a label and a colon like a glossary's entry:
    the label is the plan's own part, what follows it what the lesson aims at."""
    path = tmp_path / "教案.md"
    path.write_text(
        "# 第三讲 节点分析\n\n## 一、教学目标\n\n"
        "1. 知识目标：理解节点分析的思路，掌握列写节点方程的步骤。\n"
        "2. 能力目标：能够对含受控源的电路列方程并求出各支路电流。\n"
        "3. 素质目标：养成检查量纲和符号的工程习惯。\n\n"
        "## 二、教学重点\n\n"
        "1. 节点电压：电路中任一节点与参考节点之间的电压。\n"
        "2. 参考节点：电位规定为零、其余节点电压都相对于它计算的节点。\n",
        encoding="utf-8",
    )
    concepts = {c.title: c for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert not {"知识目标", "能力目标", "素质目标"} & set(concepts), sorted(concepts)
    # the entries that name the lesson's own terms stay definitions
    assert concepts["参考节点"].description.startswith("参考节点：电位规定为零")
    assert defined("2. 能力目标：能够对含受控源的电路列方程并求出各支路电流。") == []


def test_a_bilingual_word_list_names_its_chinese_words_and_defines_none(tmp_path: Path) -> None:
    # a course's vocabulary sheet lists the textbook's English words and, after a colon,
    # the Chinese name the class uses: the Chinese is the concept, the line no definition
    lines = [
        "adjacency list：邻接表",
        "minimum cut：最小割",
        "Kirchhoff's law：基尔霍夫定律",
        "strongly connected component：强连通分量",
        "vertex cover：点覆盖(覆盖所有边)",
        "topological order：拓扑序",
    ]
    path = tmp_path / "词汇表.md"
    path.write_text("# 第七章 词汇\n\n" + "".join(f"+ {x}\n" for x in lines), encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    titles = {c.title for c in concepts}
    assert {"邻接表", "最小割", "基尔霍夫定律", "强连通分量", "点覆盖", "拓扑序"} <= titles
    assert not {"adjacency list", "minimum cut", "strongly connected component"} & titles
    assert not [c.title for c in concepts if c.description]
    assert [d.term for d in find_definitions("spanning forest：生成森林", 0, True)] == []


def test_a_capitalised_label_before_a_colon_is_no_word_list_entry() -> None:
    # one capitalised word before a colon labels a caption or a heading's subtitle
    from jobs.pipeline.structure import translated_entry

    assert translated_entry("Figure: 合并之后的历史") is None
    assert translated_entry("Closure：捕获环境的匿名函数") is None
    assert translated_entry("closure：闭包") == ("闭包", "closure")
    # a parameter's line says what it is, a phrase: no Chinese name of the word
    assert translated_entry("value：要编码的值。") is None


def test_a_long_bilingual_word_list_keeps_its_entries_past_the_length_budget(
    tmp_path: Path,
) -> None:
    # a word list is a glossary: each line names what the class is to learn, however
    # few words the list has for the length budget (its first entry was cut)
    pairs = [
        ("adjacency list", "邻接表"),
        ("minimum cut", "最小割"),
        ("maximum flow", "最大流"),
        ("augmenting path", "增广路径"),
        ("residual network", "残量网络"),
        ("vertex cover", "点覆盖"),
        ("edge cover", "边覆盖"),
        ("independent set", "独立集"),
        ("clique number", "团数"),
        ("chromatic index", "边色数"),
        ("planar embedding", "平面嵌入"),
        ("dual graph", "对偶图"),
        ("line graph", "线图"),
        ("tournament", "竞赛图"),
        ("spanning forest", "生成森林"),
        ("cut space", "割空间"),
        ("cycle space", "圈空间"),
        ("girth", "围长"),
        ("diameter", "直径"),
        ("eccentricity", "离心率"),
        ("center of a graph", "图的中心"),
        ("bridge", "桥"),
        ("block", "块"),
        ("articulation point", "关节点"),
        ("Eulerian trail", "欧拉迹"),
        ("Hamiltonian cycle", "哈密顿圈"),
        ("perfect matching", "完美匹配"),
        ("stable marriage", "稳定婚姻"),
        ("network flow", "网络流"),
        ("source vertex", "源点"),
        ("sink vertex", "汇点"),
        ("capacity function", "容量函数"),
        ("flow conservation", "流量守恒"),
        ("weighted degree", "加权度"),
        ("shortest path tree", "最短路径树"),
        ("topological order", "拓扑序"),
        ("strong component", "强分支"),
        ("condensation graph", "缩点图"),
        ("reachability", "可达性"),
        ("transitive reduction", "传递约简"),
    ]
    path = tmp_path / "词汇表.md"
    lines = "".join(f"+ {english}：{chinese}\n" for english, chinese in pairs)
    path.write_text("# 第七章 图论词汇\n\n" + lines, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"邻接表", "对偶图", "最小割", "传递约简"} <= titles


def test_a_plain_name_line_over_a_list_labelled_with_its_meaning_is_defined(
    tmp_path: Path,
) -> None:
    # a course note names a method on a plain line and opens the list under it on "含义："
    text = (
        "# 第五章 检验方法\n\n抽样检验是常用的方法。\n\n"
        "抽样检验\n  - 含义：指从一批产品中随机抽取少量样品进行检验的方法\n"
        "  - 两种方案\n\n"
        "下面三种情况\n  - 产品数量很多时使用\n  - 破坏性检验时使用\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "随机抽取少量样品" in (concepts["抽样检验"].description or "")
    # a plain line over an unlabelled list is a lead-in: nothing is defined by it
    assert "下面三种情况" not in concepts
