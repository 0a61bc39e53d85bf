"""A concept's description: the whole definition a reader needs, on text written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import Definition
from jobs.pipeline.descriptions import description, without_restated_label
from jobs.pipeline.model import Block


def _descriptions(tmp_path: Path, text: str, language: str) -> dict[str, str]:
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    concepts = analyse_file(path, language=language).knowledge.concepts  # type: ignore[arg-type]
    return {c.key: c.description or "" for c in concepts}


def test_a_definition_leading_in_to_a_formula_takes_it_and_its_closing_sentence(
    tmp_path: Path,
) -> None:
    """ "**凸函数**：设f定义在凸集D上，如果对任意x,y均有" then the formula, then "则称f为凸函数":
    the description stopped on "均有", before what it defines."""
    zh = (
        "# 函数\n\n**单调函数**：设$f$定义在区间$I$上，如果对任意的$x<y$，均有\n\n"
        "$$f(x)\\leqslant f(y)$$\n\n则称$f$为$I$上的单调函数。单调函数很常见。\n\n"
        "单调函数可以用来比较大小，单调函数的反函数也是单调函数。\n"
    )
    description = _descriptions(tmp_path, zh, "zh-CN")["单调函数"]
    assert "$$f(x)\\leqslant f(y)$$" in description
    assert description.endswith("则称$f$为$I$上的单调函数。")
    en = (
        "# Functions\n\n**Monotone function**: a function $f$ on an interval $I$ such that\n\n"
        "$$f(x)\\leq f(y) \\text{ whenever } x<y$$\n\n"
        "for all points of $I$. A monotone function is easy to invert.\n\n"
        "Every monotone function has limits on both sides.\n"
    )
    description = _descriptions(tmp_path, en, "en")["monotone function"]
    assert "$$f(x)\\leq f(y)" in description and description.endswith("for all points of $I$.")


def test_a_definition_ending_on_defined_as_takes_its_formula(tmp_path: Path) -> None:
    """ "上述优化问题的拉格朗日函数定义为" stopped before the function it defines."""
    zh = (
        "# 范数\n\n## 欧氏范数\n\n向量$x$的**欧氏范数**定义为\n\n$$\\|x\\|=\\sqrt{x^Tx}$$\n\n"
        "其中$x$是列向量。欧氏范数非负，欧氏范数满足三角不等式。\n"
    )
    assert _descriptions(tmp_path, zh, "zh-CN")["欧氏范数"].endswith("$$\\|x\\|=\\sqrt{x^Tx}$$")
    # "… is called the L1 norm and expressed as" stopped before it, too
    en = (
        "# Norms\n\nFormally, this is called the **taxicab norm** and expressed as\n\n"
        "$$\\|x\\|_1 = \\sum_i |x_i|$$\n\nThe taxicab norm sums absolute values; "
        "the taxicab norm is cheap.\n"
    )
    assert _descriptions(tmp_path, en, "en")["taxicab norm"].endswith("\\sum_i |x_i|$$")


def test_a_definition_ending_on_to_be_or_states_that_takes_its_formula(tmp_path: Path) -> None:
    """ "Thus we define the standard deviation to be", "The chain rule states that": the
    answers stopped there, before the formula they lead to."""
    en = (
        "# Spread\n\nThus we define the **standard deviation** to be\n\n"
        "$$\\sigma_X = \\sqrt{\\mathrm{Var}(X)}.$$\n\n"
        "The standard deviation has the units of $X$; the standard deviation is common.\n\n"
        "## Rules\n\nThe **product rule** states that\n\n$$(fg)' = f'g + fg'.$$\n\n"
        "The product rule is used often; the product rule has a twin.\n"
    )
    found = _descriptions(tmp_path, en, "en")
    assert found["standard deviation"].endswith("to be $$\\sigma_X = \\sqrt{\\mathrm{Var}(X)}.$$")
    assert found["product rule"] == "The product rule states that $$(fg)' = f'g + fg'.$$"


def test_a_definition_ending_on_for_example_takes_the_formula_or_list_it_leads_to(
    tmp_path: Path,
) -> None:
    """ "… are the two simplest states, for example" stopped before the example it gives."""
    en = (
        "# States\n\nThe **basis states** of a spin are its two simplest states, for example\n\n"
        "$$|\\uparrow\\rangle$$\n\nBasis states are orthogonal; basis states span the space.\n"
    )
    assert _descriptions(tmp_path, en, "en")["basis state"].endswith(
        "for example $$|\\uparrow\\rangle$$"
    )
    listed = (
        "# Fruit\n\nA **citrus fruit** is a juicy fruit with a thick rind, such as\n\n"
        "- oranges;\n- lemons.\n\nCitrus fruit is sour; citrus fruit keeps well.\n"
    )
    assert _descriptions(tmp_path, listed, "en")["citrus fruit"].endswith(
        "such as oranges; lemons."
    )


def test_a_definition_that_is_whole_takes_no_formula_after_it(tmp_path: Path) -> None:
    zh = (
        "# 函数\n\n**单调函数**是随自变量增大而不减小的函数。\n\n$$f(x)\\leqslant f(y)$$\n\n"
        "则单调函数可以比较大小。\n"
    )
    assert (
        _descriptions(tmp_path, zh, "zh-CN")["单调函数"] == "单调函数是随自变量增大而不减小的函数。"
    )


def test_a_name_and_its_symbol_before_a_colon_is_a_glossary_entry(tmp_path: Path) -> None:
    """ "查准率$P$：被学习器预测为**正例**的样例中…": no bold label, yet the name, its symbol
    and the colon make a glossary entry; the sentence went to the bold 正例 instead."""
    zh = (
        "# 评估\n\n命中率$H$：被模型判为**阳性**的样本中真正是阳性的比例。\n\n"
        "漏检率$M$：所有**阳性**样本中被模型判为阴性的比例。\n\n"
        "命中率越高越好，漏检率越低越好，阳性样本是关注的对象。\n"
    )
    descriptions = _descriptions(tmp_path, zh, "zh-CN")
    assert descriptions["命中率"].startswith("命中率$H$：被模型判为阳性")
    assert descriptions["漏检率"].startswith("漏检率$M$：所有阳性样本")
    en = (
        "# Evaluation\n\nHit rate $H$: the share of *positive* predictions that are right.\n\n"
        "Miss rate $M$: the share of *positive* cases the model calls negative.\n\n"
        "A high hit rate and a low miss rate are both wanted. The hit rate is easy to read.\n"
    )
    descriptions = _descriptions(tmp_path, en, "en")
    assert descriptions["hit rate"].startswith("Hit rate $H$: the share")
    assert descriptions["miss rate"].startswith("Miss rate $M$: the share")


def test_a_name_and_its_symbol_typed_bare_before_a_colon_is_a_glossary_entry(
    tmp_path: Path,
) -> None:
    """A PDF or a Word file sets the symbol as plain letters, its subscript run on: "保留时间
    tR：组分从进样到…" defined nothing. A quantity's symbol still makes the entry; a capital
    alone or with digits is a label or a variety ("方案 A：", "步骤 S1："), no symbol, and a
    lowercase word is code ("列表 list")."""
    zh = (
        "# 沉降\n\n沉降时间 tS：颗粒从液面落到容器底部所需的时间。\n\n"
        "沉降速率 vT：单位时间内颗粒下落的距离。\n\n"
        "方案 A：先过滤再离心，颗粒沉降更快。\n\n"
        "沉降记录 log：每次实验记下的颗粒数目。\n\n"
        "沉降时间越短越好，沉降速率与颗粒大小有关，方案的选择看颗粒。\n"
    )
    # typed notes with no emphasis, and a handout that sets other words in bold
    for text in (zh, zh.replace("颗粒大小", "**颗粒大小**")):
        descriptions = _descriptions(tmp_path, text, "zh-CN")
        assert descriptions["沉降时间"].startswith("沉降时间 tS：颗粒从液面落到")
        assert descriptions["沉降速率"].startswith("沉降速率 vT：单位时间内")
        assert "沉降时间 ts" not in descriptions  # the symbol is no part of the name
        assert not (descriptions.get("方案") or "").startswith("方案 A")
        assert not (descriptions.get("沉降记录") or "").startswith("沉降记录 log")


def _keys(tmp_path: Path, text: str, language: str) -> set[str]:
    return set(_descriptions(tmp_path, text, language))


def test_a_name_given_another_name_is_one_concept(tmp_path: Path) -> None:
    """ "“闭式解”或称为“解析解”" gave two concepts, 解析解 described by "推导之前先…"."""
    zh = (
        "# 分布\n\n先说明一下“正态分布”或称为“高斯分布”。正态分布是指钟形的概率分布。\n\n"
        "正态分布很常见，高斯分布的均值决定位置，高斯分布的方差决定宽度。\n\n"
        "## 抽样\n\n从正态分布抽样，高斯分布的样本围绕均值。\n"
    )
    keys = _keys(tmp_path, zh, "zh-CN")
    assert "正态分布" in keys and "高斯分布" not in keys
    en = (
        "# Tables\n\nA **lookup table**, also called a dispatch table, maps keys to values. "
        "A lookup table is fast.\n\nEach dispatch table holds pairs. The lookup table grows "
        "as keys are added, and a dispatch table may shrink.\n"
    )
    keys = _keys(tmp_path, en, "en")
    assert "lookup table" in keys and "dispatch table" not in keys


def test_names_offered_as_alternatives_after_a_naming_verb_are_one_concept(
    tmp_path: Path,
) -> None:
    """A number theory text's "称为模 m 的 **同余类** 或 **剩余类**" and "称…为 **既约剩余系**、
    **缩剩余系** 或 **简化剩余系**" stood as five concepts, each with a share of the mentions."""
    zh = (
        "# 图\n\n## 连通\n\n若图中任意两个顶点之间都有路径，则称该图为 **连通图** 或 **联通图**。"
        "连通图的边数至少为顶点数减一，连通图删去一条桥后不再连通。\n\n"
        "## 树\n\n无环的连通图称为 **无根树**、**自由树** 或 **无向树**。"
        "无根树有 n-1 条边，自由树任取一点即可成为有根树，无向树没有环。\n\n"
        "## 遍历\n\n遍历连通图可以用 **深度优先搜索** 或 **广度优先搜索**，"
        "深度优先搜索使用栈，广度优先搜索使用队列，两者都访问每个顶点一次。\n"
    )
    keys = _keys(tmp_path, zh, "zh-CN")
    assert "连通图" in keys and "联通图" not in keys
    assert "无根树" in keys and not keys & {"自由树", "无向树"}
    # two methods a sentence offers, with no naming verb before them, stay two
    assert {"深度优先搜索", "广度优先搜索"} <= keys


def test_a_name_often_called_another_is_one_concept_with_its_own_description(
    tmp_path: Path,
) -> None:
    """ "多重集的排列数常被称作多重组合数" kept both; merged, the first name kept the
    sentence that defines it, not the one that only gives it another name."""
    zh = (
        "# 计数\n\n把 n 个格子依次涂成两种颜色的方法总数就是 **染色方案数**。"
        "染色方案数常被称作 **涂色数**。\n\n"
        "染色方案数随 n 翻倍，涂色数可以递推，染色方案数也可以用乘法原理求。\n"
    )
    descriptions = _descriptions(tmp_path, zh, "zh-CN")
    assert "涂色数" not in descriptions
    assert descriptions["染色方案数"].startswith("把 n 个格子依次涂成两种颜色")


def test_two_glossed_names_offered_by_or_are_one_concept(tmp_path: Path) -> None:
    """ "**真值表** (truth table)，或**功能表** (function table) 是…": each name carries its own
    English gloss; the second is the first's other name, not a concept beside it."""
    zh = (
        "# 逻辑\n\n**真值表** (truth table)，或**功能表** (function table) 是列出输入与输出"
        "对应关系的表格。真值表有 $2^n$ 行。\n\n## 用法\n\n由真值表写出表达式，"
        "功能表与真值表内容相同，真值表便于检查，功能表也便于检查。\n"
    )
    keys = _keys(tmp_path, zh, "zh-CN")
    assert "真值表" in keys and "功能表" not in keys


def test_another_name_is_the_whole_name_after_its_connector(tmp_path: Path) -> None:
    # the other name runs on past a shorter concept that opens it: 河流 is no alias of
    # DEM, and DEM does not take its mentions
    zh = (
        "# 地形\n\n## 河流\n\n河流塑造山谷，河流搬运泥沙，河流汇入湖泊，河流也会改道。\n\n"
        "## 数字高程模型 DEM\n\n研究地形可以使用 DEM 来计算坡度。DEM 很常见。"
        "加入水系的 DEM 也叫做河流约束高程模型 HDEM。\n"
    )
    keys = _keys(tmp_path, zh, "zh-CN")
    assert {"河流", "dem"} <= keys


def test_a_name_defined_apart_stays_a_concept(tmp_path: Path) -> None:
    """ "信息增益也称为“互信息”" then "互信息定义为…": the text teaches both names."""
    zh = (
        "# 熵\n\n**条件熵**也称为“相对熵”。条件熵很常用。\n\n"
        "## 相对熵\n\n**相对熵**定义为两个分布差异的度量。\n\n"
        "条件熵和相对熵都用于编码，条件熵越大越不确定，相对熵不对称，相对熵非负。\n"
    )
    assert {"条件熵", "相对熵"} <= _keys(tmp_path, zh, "zh-CN")


def test_a_glossary_entry_giving_another_name_still_defines_its_label(tmp_path: Path) -> None:
    """ "**经验误差**：学习器在训练集上的误差，又称为“训练误差”。" described 训练误差 only."""
    zh = (
        "# 误差\n\n**留出误差**：模型在留出集上的误差，又称为“保留误差”。\n\n"
        "留出误差越小越好，留出误差依赖划分，保留误差也依赖划分。\n"
    )
    descriptions = _descriptions(tmp_path, zh, "zh-CN")
    assert descriptions["留出误差"].startswith("留出误差：模型在留出集上的误差")


def test_a_sentence_naming_what_the_one_before_described_takes_that_sentence(
    tmp_path: Path,
) -> None:
    """ "This is called X." says nothing alone: the description opens with the sentence
    before it, which says what "this" is."""
    en = (
        "# Engines\n\nWhen the fuel burns, the piston is pushed down the cylinder. "
        "This is called the **power stroke**.\n\n"
        "Air is squeezed before the spark. This step is known as **compression**.\n\n"
        "The power stroke turns the crankshaft. Compression heats the air.\n"
    )
    found = _descriptions(tmp_path, en, "en")
    assert found["power stroke"] == (
        "When the fuel burns, the piston is pushed down the cylinder. "
        "This is called the power stroke."
    )
    assert found["compression"].startswith("Air is squeezed before the spark. This step")
    example = (
        "# Roads\n\nFrost can break a road surface. One example of this is called a "
        "**pothole**.\n\nEvery pothole grows in winter.\n"
    )
    assert _descriptions(tmp_path, example, "en")["pothole"] == (
        "Frost can break a road surface. One example of this is called a pothole."
    )
    zh = (
        "# 发动机\n\n燃料燃烧时，活塞被推向气缸底部。这称为**做功冲程**。\n\n"
        "做功冲程带动曲轴转动，做功冲程之后是排气。\n"
    )
    assert _descriptions(tmp_path, zh, "zh-CN")["做功冲程"] == (
        "燃料燃烧时，活塞被推向气缸底部。这称为做功冲程。"
    )
    # a sentence that names its own subject stays alone
    plain = (
        "# Engines\n\nEngines are loud. A **spark plug** is a device that lights the fuel.\n\n"
        "Every spark plug wears out.\n"
    )
    assert _descriptions(tmp_path, plain, "en")["spark plug"] == (
        "A spark plug is a device that lights the fuel."
    )


def test_a_sentence_pointing_back_by_we_call_these_or_such_a_way_takes_the_one_before(
    tmp_path: Path,
) -> None:
    """ "In botany we call these shoots runners.", "This kind of root is what we call a
    taproot.", "Stems grown in such a way are usually called cuttings.": each names what the
    sentence before it said, and said nothing alone."""
    runners = "Some plants send long shoots along the ground that root at each node. " + (
        "In botany we call these shoots **runners**."
    )
    taproot = "A carrot keeps one thick root that grows straight down. " + (
        "This kind of root is what we call a **taproot**."
    )
    cuttings = "A gardener cuts a piece of stem and sets it in wet sand until it roots. " + (
        "Stems grown in such a way are usually called **cuttings**."
    )
    later = "Runners spread fast. A taproot stores food. Cuttings root in weeks."
    en = "\n\n".join(["# Plants", runners, taproot, cuttings, later])
    found = _descriptions(tmp_path, en, "en")
    assert found["runner"].startswith("Some plants send long shoots")
    assert found["taproot"].startswith("A carrot keeps one thick root")
    assert found["cutting"].startswith("A gardener cuts a piece of stem")


def test_a_paragraph_naming_the_code_or_formula_above_it_takes_them(tmp_path: Path) -> None:
    """ "This is called a refspec." opening its paragraph under the command it names said
    nothing alone: the description opens with the command and the sentence leading in to it;
    "这也称为…" under a formula likewise."""
    en = (
        "# Copying\n\nTo copy the folder under a new name, run:\n\n"
        "```\ncp -r photos photos-2024\n```\n\n"
        "This is called a **deep copy**. A deep copy takes time.\n\n"
        "Every deep copy doubles the space used.\n"
    )
    assert _descriptions(tmp_path, en, "en")["deep copy"] == (
        "To copy the folder under a new name, run:\ncp -r photos photos-2024\n"
        "This is called a deep copy."
    )
    zh = (
        "# 求和\n\n把每一项都加起来：\n\n$$S = \\sum_i a_i$$\n\n"
        "这也称为**累加**。累加很常见。\n\n累加的结果是一个数。\n"
    )
    assert _descriptions(tmp_path, zh, "zh-CN")["累加"] == (
        "把每一项都加起来：\n$$S = \\sum_i a_i$$\n这也称为累加。"
    )


def test_a_paragraph_opening_on_its_called_takes_the_last_sentence_above_it(
    tmp_path: Path,
) -> None:
    """ "It's called “arrow functions”, because it looks like this:" opened its paragraph
    under the one describing the syntax: the contraction names by pointing as "It is" does."""
    en = (
        "# Sorting\n\nThere is a way to sort a list by swapping neighbours again and again.\n\n"
        "It's called **bubble sort**, because big values rise like bubbles.\n\n"
        "Bubble sort is slow on long lists.\n"
    )
    assert _descriptions(tmp_path, en, "en")["bubble sort"] == (
        "There is a way to sort a list by swapping neighbours again and again.\n"
        "It's called bubble sort, because big values rise like bubbles."
    )


def test_a_sentence_about_the_words_origin_describes_no_concept(tmp_path: Path) -> None:
    """ "Although the term “lung” is an English word, …, traced back to the Latin …" tells
    where the word comes from, not what the thing is: it was an anatomy chapter's
    description of its organ. A sentence that also names the thing still describes it."""
    text = (
        "# Breathing\n\nAlthough the term “lung” is an English word, much of its vocabulary"
        " can be traced back to the Latin term “pulmo.”\n\n"
        "The **lung** is the organ that exchanges gases between air and blood. Each lung "
        "sits in the chest, and the lung expands as we breathe in.\n\n"
        "The word alveolus is derived from the Latin for “small cavity;” an **alveolus** "
        "refers to a tiny air sac at the end of an airway. Every alveolus is thin.\n"
    )
    found = _descriptions(tmp_path, text, "en")
    assert found["lung"].startswith("The lung is the organ")
    assert "refers to a tiny air sac" in found["alveolus"]


def test_a_sentence_saying_a_name_is_short_for_a_longer_one_describes_no_concept(
    tmp_path: Path,
) -> None:
    # "The term ‘X’ is a shortened form of ‘Y’" says which longer name a word stands for,
    # not what the thing is: it was a handout's description of a term its glossary defined
    lines = [
        "# Spread",
        "## Key terms",
        "**Range**",
        ":   the difference between the largest and the smallest value of a data set",
        "**Deviation**",
        ":   how far one value lies from the mean of its data set",
        "## Review",
        "The term ‘range’ is a shortened form of ‘statistical range.’ The range is quick to find.",
    ]
    found = _descriptions(tmp_path, "\n\n".join(lines) + "\n", "en")
    assert found["range"].startswith("Range: the difference between")


def _definitions(tmp_path: Path, text: str, language: str) -> dict[str, list[str]]:
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    knowledge = analyse_file(path, language=language).knowledge  # type: ignore[arg-type]
    found: dict[str, list[str]] = {}
    for x in knowledge.extractions:
        if x.type == "definition" and x.concept_key:
            found.setdefault(x.concept_key, []).append(x.content)
    return found


def test_a_definition_leading_in_to_a_list_takes_the_whole_list(tmp_path: Path) -> None:
    """ "A company department is:" and its two items: the answer to "What does X mean?"
    stopped on the colon. The items join by semicolons; a question keeps its mark."""
    en = (
        "# Queues\n\nA **queue** is a collection with two operations:\n\n"
        "- enqueue adds an item at the back;\n- dequeue removes the item at the front.\n\n"
        "Every queue keeps its order, and a queue can grow without a limit.\n"
    )
    whole = (
        "A queue is a collection with two operations: enqueue adds an item at the back; "
        "dequeue removes the item at the front."
    )
    assert _descriptions(tmp_path, en, "en")["queue"] == whole
    assert _definitions(tmp_path, en, "en")["queue"] == [whole]
    zh = (
        "# 队列\n\n**队列**是一种有两种操作的集合：\n\n- 入队，把元素放到队尾；\n"
        "- 出队，取出队首的元素。\n\n队列保持元素的先后次序，队列的长度可以增长。\n"
    )
    assert _descriptions(tmp_path, zh, "zh-CN")["队列"] == (
        "队列是一种有两种操作的集合：入队，把元素放到队尾；出队，取出队首的元素。"
    )
    asked = (
        "# Ethics\n\n**Metaethics** is the study of questions such as:\n\n"
        "- Is goodness a fact?\n- Can moral claims be true?\n\n"
        "Metaethics comes before applied ethics.\n"
    )
    assert _descriptions(tmp_path, asked, "en")["metaethics"].endswith(
        "such as: Is goodness a fact? Can moral claims be true?"
    )


def test_a_definition_keeps_to_its_sentence_before_a_long_list(tmp_path: Path) -> None:
    """Half a list of "nine stages" would mislead: past eight items (or 500 characters)
    the sentence stays alone."""
    items = "".join(f"- stage {n} of the cycle\n" for n in range(1, 10))
    en = (
        f"# Cycles\n\nThe **cell cycle** is a series of nine stages:\n\n{items}\n"
        "Each cell cycle ends in division, and the cell cycle repeats.\n"
    )
    assert _descriptions(tmp_path, en, "en")["cell cycle"] == (
        "The cell cycle is a series of nine stages:"
    )
    # nor when an item leads in to a formula of its own: the list goes on past it
    stated = (
        "# Norms\n\nA **norm** is a function that satisfies the following properties:\n\n"
        "- scaling a vector scales its norm:\n\n$$f(ax) = |a| f(x)$$\n\n"
        "- the triangle inequality holds.\n\nEvery norm is non-negative, and a norm of "
        "zero means the zero vector.\n"
    )
    assert _descriptions(tmp_path, stated, "en")["norm"] == (
        "A norm is a function that satisfies the following properties:"
    )


def test_a_definition_ending_on_a_colon_takes_the_sentence_after_it(tmp_path: Path) -> None:
    """ "We define the Equilibrium Climate Sensitivity:" and then, as a paragraph of its
    own, what it is; not a label or caption ("Filename: …") nor a paragraph that leads in
    to something of its own."""
    en = (
        "# Decay\n\nWe define the **half-life** (written $t_{1/2}$):\n\n"
        "*The time it takes for half of a sample to decay.*\n\n"
        "Each half-life is fixed for an isotope, and the half-life can be measured.\n"
    )
    assert _descriptions(tmp_path, en, "en")["half-life"] == (
        "We define the half-life (written $t_{1/2}$): "
        "The time it takes for half of a sample to decay."
    )
    caption = (
        "# Borrowing\n\nWe can fix the code by letting it change what it borrows, "
        "which is a **mutable borrow**:\n\nFile: src/lib.rs\n\n"
        "A mutable borrow is exclusive. Each mutable borrow ends with its scope.\n"
    )
    assert _descriptions(tmp_path, caption, "en")["mutable borrow"].endswith(
        "which is a mutable borrow:"
    )
    zh = (
        "# 衰变\n\n我们这样定义**半衰期**：\n\n一半的原子核发生衰变所需的时间。\n\n"
        "半衰期对每种同位素是固定的，半衰期可以测量。\n"
    )
    assert _descriptions(tmp_path, zh, "zh-CN")["半衰期"] == (
        "我们这样定义半衰期：一半的原子核发生衰变所需的时间。"
    )


def test_a_lead_in_before_another_terms_entry_does_not_take_that_entry(tmp_path: Path) -> None:
    # "… a set of claims we will call rationalism:" then "**Materials rationalism:** …":
    # the entry after it defines another term, no part of this one's description
    text = (
        "# Schools\n\nOpposed to the first view is a family of views we call *gradualism*:\n\n"
        "**Strict gradualism:** Strict gradualism is the view that every change is slow.\n\n"
        "**Loose gradualism:** Loose gradualism is the view that most changes are slow.\n\n"
        "Gradualism was popular among geologists, and gradualism still has defenders.\n"
    )
    assert _descriptions(tmp_path, text, "en")["gradualism"] == (
        "Opposed to the first view is a family of views we call gradualism:"
    )


def test_a_sentence_naming_the_formula_above_it_opens_with_that_formula(
    tmp_path: Path,
) -> None:
    """ "where" $$g = …$$ "is called the system gain – …": alone the sentence has no
    subject; it opens with the formula it names."""
    en = (
        "# Feedback\n\nThe response with feedback is larger, where\n\n$$G = \\frac{1}{1-k}$$\n\n"
        "is called the **loop gain**, the ratio of the response with feedback to the "
        "response without it.\n\nA loop gain above one amplifies, and the loop gain can be "
        "measured.\n"
    )
    whole = (
        "$$G = \\frac{1}{1-k}$$ is called the loop gain, the ratio of the response with "
        "feedback to the response without it."
    )
    assert _descriptions(tmp_path, en, "en")["loop gain"] == whole
    assert _definitions(tmp_path, en, "en")["loop gain"] == [whole]


def test_a_definition_ends_before_a_clause_pointing_at_the_listing_below(
    tmp_path: Path,
) -> None:
    """ "A string slice is a reference to part of a String, and it looks like this:" then
    code: the answer to "What does X mean?" ended on a colon with nothing after it."""
    en = (
        "# Ranges\n\nA **range view** is a reference to part of a list, and it looks like "
        "this:\n\n```python\nview = items[2:5]\n```\n\n"
        "A range view never copies, and each range view keeps the list alive.\n"
    )
    assert _descriptions(tmp_path, en, "en")["range view"] == (
        "A range view is a reference to part of a list."
    )
    assert _definitions(tmp_path, en, "en")["range view"] == [
        "A range view is a reference to part of a list."
    ]
    zh = (
        "# 区间视图\n\n**区间视图**是列表中一段元素的引用，它看起来像这样：\n\n"
        "```python\nview = items[2:5]\n```\n\n区间视图不会复制元素，区间视图让列表一直有效。\n"
    )
    assert _descriptions(tmp_path, zh, "zh-CN")["区间视图"] == "区间视图是列表中一段元素的引用。"
    # a colon leading in to what the sentence itself lacks stays ("nine stages:")
    steps = (
        "# Cycles\n\nThe **wash cycle** is a series of steps:\n\n```text\nfill, wash, rinse\n"
        "```\n\nEach wash cycle ends in a spin, and the wash cycle repeats.\n"
    )
    assert _descriptions(tmp_path, steps, "en")["wash cycle"] == (
        "The wash cycle is a series of steps:"
    )


@pytest.mark.parametrize(
    ("zh", "term", "opening"),
    [
        # a slide's "例：" sets off its example; the term the example names is described
        # without it
        (
            "# 栈\n\n## 栈帧\n\n"
            "例：调用函数时，系统为它分配一块内存，称为栈帧，存放局部变量和返回地址。\n\n"
            "栈帧随函数返回而释放。每次调用都会建立新的栈帧。\n",
            "栈帧",
            "调用函数时",
        ),
        # a question bank sets "答案解析:" before the explanation that defines the term:
        # the label is the bank's, the sentence after it the answer
        (
            "# 气象\n\n1. 下列说法正确的是（ ）。\n\n"
            "答案解析: 露点是指空气在水汽含量不变时冷却到饱和的温度。\n\n"
            "露点越高，空气越潮湿。测量露点可以判断结露的可能。\n",
            "露点",
            "露点是指",
        ),
    ],
)
def test_a_box_or_answer_label_is_no_part_of_a_chinese_description(
    tmp_path: Path, zh: str, term: str, opening: str
) -> None:
    assert _descriptions(tmp_path, zh, "zh-CN")[term].startswith(opening)


def test_a_description_read_from_a_caption_or_a_bullet_drops_the_label_and_the_glyph(
    tmp_path: Path,
) -> None:
    en = (
        "# Cells\n\nFigure: Young red cells, called reticulocytes, leave the marrow within "
        "a day.\n\nReticulocytes mature in the blood. Reticulocytes are counted in anaemia.\n"
    )
    description = _descriptions(tmp_path, en, "en")["reticulocyte"]
    assert description.startswith("Young red cells, called reticulocytes")
    zh = (
        "# 测量方法\n\n• **行为观察法**——即研究者在自然情境中记录被试行为的方法。\n\n"
        "行为观察法简单易行。行为观察法常用于儿童研究。\n"
    )
    description = _descriptions(tmp_path, zh, "zh-CN")["行为观察法"]
    assert description.startswith("行为观察法——即")


def test_a_slide_bullet_cut_short_takes_the_whole_sentence_its_notes_give() -> None:
    # a notes page: the slide shows a sentence's first words, the notes under it say it whole
    from jobs.pipeline.definitions import Definition
    from jobs.pipeline.descriptions import whole_sentence
    from jobs.pipeline.model import Block

    blocks = [
        Block("heading", "Tides", 4, level=1),
        Block("list_item", "• A spring tide is a tide with an unusually wide range that", 4),
        Block("list_item", "Neap tides come a week later", 4),
        Block(
            "paragraph",
            "Tides follow the moon. A spring tide is a tide with an unusually wide range that "
            "comes when the sun and the moon line up. It returns twice a month.",
            4,
        ),
    ]
    cut = Definition("spring tide", blocks[1].text, 1, 0.8)
    assert whole_sentence(cut, blocks).sentence == (
        "A spring tide is a tide with an unusually wide range that comes when the sun and "
        "the moon line up."
    )
    # a bullet that closes its sentence, or one no paragraph goes on with, stays as written
    closed = Definition("neap tide", "A neap tide is a tide of narrow range.", 2, 0.8)
    assert whole_sentence(closed, blocks) == closed
    alone = Definition("neap tide", "Neap tides come a week later", 2, 0.8)
    assert whole_sentence(alone, blocks) == alone


def test_a_glossary_label_before_a_gloss_that_restates_its_term_goes() -> None:
    assert without_restated_label("沉积岩: 沉积岩是指由沉积物固结而成的岩石。", "沉积岩") == (
        "沉积岩是指由沉积物固结而成的岩石。"
    )
    assert without_restated_label("沉积岩：沉积岩（sedimentary rock）是…", "沉积岩") == (
        "沉积岩（sedimentary rock）是…"
    )
    assert without_restated_label("erosion: Erosion is the wearing away of land.", "erosion") == (
        "Erosion is the wearing away of land."
    )
    # a gloss without the term, or opening on a longer name, keeps its label
    for text, term in (
        ("沉积岩: 由沉积物固结而成的岩石。", "沉积岩"),
        ("岩石: 岩石圈是地球的外壳。", "岩石"),
        ("Rock: Rocky shores are …", "Rock"),
        ("Magma: Molten rock below the surface.", "Magma"),
    ):
        assert without_restated_label(text, term) == text


def test_a_glossary_label_before_its_term_as_a_verbs_subject_goes() -> None:
    # "X: X要求…", "X: X应当…": the gloss opens on the term as the subject of its verb, no
    # copula, and the answer gave the term twice
    assert without_restated_label("谨慎性: 谨慎性要求不高估资产。", "谨慎性") == (
        "谨慎性要求不高估资产。"
    )
    assert without_restated_label("折旧：折旧通常按月计提。", "折旧") == "折旧通常按月计提。"
    # a longer name the term opens, or an adjective said of it, keeps the label
    for text, term in (
        ("资产: 资产负债表反映财务状况。", "资产"),
        ("海拔：海拔高，空气稀薄。", "海拔"),
    ):
        assert without_restated_label(text, term) == text


def test_a_chinese_clause_read_up_to_its_semicolon_ends_as_a_sentence() -> None:
    sentence = "电阻两端电压与电流之比称为电阻值，用R表示；其倒数称为电导，用G表示。"
    clause = Definition("电阻值", sentence.split("；")[0] + "；", 0, 0.8)
    block = Block("paragraph", sentence, 1)
    assert description(clause, "电阻值", [block], True) == (
        "电阻两端电压与电流之比称为电阻值，用R表示。"
    )


def test_a_term_sheets_answers_name_the_term_once(tmp_path: Path) -> None:
    path = tmp_path / "岩石.csv"
    rows = ["名词,名词解释"] + [
        f"{name},{name}是指{gloss}。"
        for name, gloss in (
            ("岩浆岩", "由岩浆冷却凝固形成的岩石"),
            ("沉积岩", "由沉积物经压实和胶结形成的岩石"),
            ("变质岩", "原有岩石在高温高压下变质形成的岩石"),
            ("风化作用", "岩石在地表因温度变化和生物作用而破碎的过程"),
            ("侵蚀作用", "流水和风等外力把地表物质剥离带走的过程"),
        )
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    concepts = {c.title: c for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    for name in ("岩浆岩", "沉积岩", "变质岩"):
        assert (concepts[name].description or "").startswith(f"{name}是指"), name


def test_a_chinese_lead_in_ending_on_the_term_before_its_gloss_goes() -> None:
    # "…引入了X：X是…": the clause brings the term in, the gloss after the colon says what
    # it is; the answer is the gloss. A lead-in whose gloss names another thing stays.
    assert without_restated_label("为此我们定义熵：熵是系统无序程度的量度。", "熵") == (
        "熵是系统无序程度的量度。"
    )
    kept = "接下来讨论岩石：岩石圈是地球的坚硬外壳。"
    assert without_restated_label(kept, "岩石") == kept


def test_a_numbered_entrys_number_is_no_part_of_a_chinese_description() -> None:
    # an outline's numbered point: its number is no part of the answer; a number before a
    # decimal point is a quantity and stays
    for numbered, term, expected in (
        ("（二）蒸腾：水分以气体状态从植物体表面散失的过程称为蒸腾。", "蒸腾", "蒸腾："),
        ("3、共振：驱动力频率等于固有频率时振幅最大的现象。", "共振", "共振："),
        ("②熔点：晶体开始熔化时的温度叫做熔点。", "熔点", "熔点："),
        ("1.5倍标准差以外的观测值称为离群值。", "离群值", "1.5倍"),
    ):
        definition = Definition(term, numbered, 0, 0.55)
        block = Block("paragraph", numbered, 1)
        assert description(definition, term, [block], True).startswith(expected), numbered


def test_a_glossary_label_before_a_sentence_that_names_its_term_later_goes() -> None:
    # "X: If …, we call it X": the gloss opens on a clause of its own (a conjunction or a
    # preposition) and names the term in its main clause; it is a whole sentence and the
    # label before it only gave the term twice in the answer
    assert (
        without_restated_label(
            "torque: When a force turns a body about an axis, we call its turning effect torque.",
            "torque",
        )
        == "When a force turns a body about an axis, we call its turning effect torque."
    )
    assert (
        without_restated_label("Beam: In most bridges, long beams carry the deck.", "beam")
        == "In most bridges, long beams carry the deck."
    )
    # a noun phrase that names the term later, or a clause that never names it, keeps it
    for text, term in (
        ("Root node: The top node; every tree has one root node.", "root node"),
        ("Keel: In boats, the lowest structural member.", "keel"),
    ):
        assert without_restated_label(text, term) == text


def test_of_two_equally_sure_definitions_the_one_saying_what_kind_of_thing_describes(
    tmp_path: Path,
) -> None:
    # a sentence ending "… called *X*." and the next opening "X is a …": both as sure,
    # the first in reading order was kept, though it says little of what X is
    text = (
        "# Meditation\n\n"
        "After years of practice in the hills, a monk may reach a calm absorption called "
        "*samadhi*. Samadhi is a state of complete stillness in which the self is forgotten. "
        "Teachers describe the path to it in stages.\n\n"
        "Breathing exercises prepare the mind. Breathing exercises slow the heart, and the "
        "posture keeps the spine straight during breathing exercises.\n"
    )
    assert _descriptions(tmp_path, text, "en")["samadhi"] == (
        "Samadhi is a state of complete stillness in which the self is forgotten."
    )


def test_a_chinese_description_keeps_no_space_before_a_full_width_mark(tmp_path: Path) -> None:
    # a list's bold labels padded before their colons, as an editor aligns them
    lines = ["-   **端口号**   ：用来区分同一主机上的不同进程 ，取值在零到六万多之间。"]
    lines.append("-   **校验和**   ：用来检查报文在传输中是否出错。")
    found = _descriptions(tmp_path, "# 报文\n\n" + "\n".join(lines) + "\n", "zh-CN")
    for name in ("端口号", "校验和"):
        assert found[name].startswith(f"{name}：")
    assert "进程，取值" in found["端口号"]


def test_a_verdict_on_how_hard_a_task_is_defines_nothing(tmp_path: Path) -> None:
    """ "Marking essays is a slow and tiring business.": how hard doing it is, no kind it
    belongs to; "Marking is a process by which …" stays its definition."""
    verdict = (
        "# Marking\n\nMarking essays is a slow and tiring business, especially in June.\n\n"
        "Teachers share the marking of essays, and marking essays fairly takes practice.\n"
    )
    assert _descriptions(tmp_path, verdict, "en").get("marking essay", "") == ""
    kind = (
        "# Marking\n\nMarking essays is a process by which a teacher grades each essay "
        "against a rubric.\n\nTeachers share the marking of essays, and marking essays "
        "fairly takes practice.\n"
    )
    assert _descriptions(tmp_path, kind, "en")["marking essay"].startswith(
        "Marking essays is a process"
    )


def test_a_sentence_giving_only_another_name_runs_on_to_the_subjectless_gloss(
    tmp_path: Path,
) -> None:
    """A review sheet's "X：又称Y。就是…的一种方法。": the answer was the other name alone."""
    sheet = "# 复习\n\n- **光合作用**：又称碳同化。就是绿色植物利用光能合成有机物的过程。\n"
    # a next sentence with a subject of its own is not the gloss
    sheet += "- **蒸腾作用**：也叫蒸腾。植物体内的水分以水蒸气状态散失，这是另一回事。\n"
    photosynthesis, transpiration = (
        _descriptions(tmp_path, sheet, "zh-CN").get(key, "") for key in ("光合作用", "蒸腾作用")
    )
    assert "又称碳同化" in photosynthesis and photosynthesis.endswith("合成有机物的过程。")
    assert "植物体内" not in transpiration
