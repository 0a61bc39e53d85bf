"""Concepts, definitions, examples, formulas and relations on text written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.examples import find_examples
from jobs.pipeline.formulas import find_formulas
from jobs.pipeline.model import Analysis, Block, to_json
from tests.unit.pipeline.samples import MIXED
from tests.unit.pipeline.written import concepts_of


@pytest.fixture
def en(en_markdown: Path) -> Analysis:
    return analyse_file(en_markdown)


@pytest.fixture
def zh(zh_markdown: Path) -> Analysis:
    return analyse_file(zh_markdown)


def _keys(analysis: Analysis) -> set[str]:
    return {c.key for c in analysis.knowledge.concepts}


def _of_type(analysis: Analysis, kind: str) -> list:  # type: ignore[type-arg]
    return [x for x in analysis.knowledge.extractions if x.type == kind]


def test_english_concepts_are_the_ones_a_teacher_names(en: Analysis) -> None:
    assert {
        "linear equation",
        "system of linear equations",
        "gaussian elimination",
        "coefficient matrix",
    } <= _keys(en)
    assert en.language == "en"


def test_no_junk_concepts(en: Analysis, zh: Analysis) -> None:
    titles = [c.title.lower() for c in en.knowledge.concepts + zh.knowledge.concepts]
    assert not any(t.startswith(("figure", "图")) for t in titles)  # "Figure 3 shows …"
    assert not any("_" in t or "(" in t for t in titles)  # code identifiers
    assert "summary" not in titles and "小结" not in titles  # apparatus headings


def test_chinese_concepts(zh: Analysis) -> None:
    assert {"线性方程", "线性方程组", "高斯消元法", "系数矩阵", "矛盾方程组"} <= _keys(zh)
    assert zh.language == "zh-CN"
    assert all(c.language == "zh-CN" for c in zh.knowledge.concepts)


def test_definitions_name_the_defined_term(en: Analysis, zh: Analysis) -> None:
    english = {x.concept_key: x.content for x in _of_type(en, "definition")}
    assert english["linear equation"].startswith("A linear equation is an equation")
    assert (
        english["inconsistent system"]
        == "We call a system with no solution an inconsistent system."
    )
    chinese = {x.concept_key: x.content for x in _of_type(zh, "definition")}
    assert chinese["矛盾方程组"] == "我们称没有解的线性方程组为矛盾方程组。"  # 我们称…为…
    assert chinese["高斯消元法"].startswith("高斯消元法（Gaussian elimination）是指")  # …是指…
    assert chinese["线性方程组"].startswith("由几个线性方程组成的整体称为线性方程组")  # 称为
    assert all(0 < x.confidence <= 1 and x.page_number == 1 for x in _of_type(zh, "definition"))


def test_concept_descriptions_come_from_definitions(zh: Analysis) -> None:
    concept = next(c for c in zh.knowledge.concepts if c.key == "矛盾方程组")
    assert concept.description == "我们称没有解的线性方程组为矛盾方程组。"
    assert "definition" in concept.sources and 0 < concept.salience <= 1


def test_examples(en: Analysis, zh: Analysis) -> None:
    english = [x.content for x in _of_type(en, "example")]
    assert "For example, 2x + 3y = 6 is a linear equation in two variables." in english
    assert any(x.startswith("For instance, subtracting twice") for x in english)
    chinese = {x.content: x.concept_key for x in _of_type(zh, "example")}
    assert chinese["例如，2x + 3y = 6 是一个含有两个未知数的线性方程。"] == "线性方程"
    assert any(c.startswith("比如") for c in chinese)


def test_formulas_keep_latex_and_their_concept(en: Analysis, zh: Analysis) -> None:
    for analysis in (en, zh):
        formula = next(x for x in _of_type(analysis, "formula") if x.content.startswith("$$"))
        assert formula.content == "$$ax + by = c$$"
        assert formula.concept_key is not None
        # the sentence before it says what a solution is, not that it gives this formula
        assert formula.confidence == 0.45


def test_a_formula_is_sure_when_the_words_before_it_name_what_it_gives() -> None:
    """Only a formula whose concept the words right before it name as what it gives keeps
    its confidence; one given the concept a paragraph named first, or one that a verb
    gives to another concept, is halved (a course then asks no "formula for" it)."""
    names = ("distribution", "entropy", "log-likelihood", "卷积", "函数", "分")

    def earliest(said: str, block: int, by_section: bool = True) -> str | None:
        found = [(said.find(n), n) for n in names if n in said]
        return min(found)[1] if found else None

    blocks = [
        Block("paragraph", "We now consider the log-likelihood, which is", 1),
        Block("formula", "$$\\log P(X \\mid \\theta)$$", 1),
        Block("paragraph", "For a distribution $P$ its entropy, $H[P]$, is defined as:", 1),
        Block("formula", "$$H[P] = -\\sum_j P(j) \\log P(j)$$", 1),
        Block("paragraph", "在数学中，两个函数之间的“卷积”被定义为", 1),
        Block("formula", "$$(f * g)(x) = \\int f(z) g(x - z) dz$$", 1),
        Block("paragraph", "我们比较分之前和分之后的操作总数，其左边和右边分别为两者之和：", 1),
        Block("formula", "$$n^2 > \\frac{n^2}{2} + 2n$$", 1),
    ]
    found = [(x.concept_key, x.confidence) for x in find_formulas(blocks, earliest)]
    assert found == [
        ("log-likelihood", 0.9),
        ("distribution", 0.45),  # "is defined as" gives the entropy, named nearer
        ("函数", 0.45),  # 被定义为 gives 卷积, named last before it
        ("分", 0.45),  # the 为 inside the sentence gives nothing after its colon
    ]


def test_prerequisites_point_the_right_way(en: Analysis, zh: Analysis) -> None:
    english = {(p.source, p.target): p for p in en.knowledge.prerequisites}
    edge = english[("linear equation", "system of linear equations")]
    assert edge.mandatory and any(e.startswith("containment") for e in edge.evidence)
    chinese = {(p.source, p.target): p for p in zh.knowledge.prerequisites}
    assert chinese[("线性方程", "线性方程组")].mandatory  # containment: 线性方程 → 线性方程组
    assert (
        "线性方程组",
        "高斯消元法",
    ) in chinese  # used in its definition, and its heading is above
    assert not any((b, a) in chinese for a, b in chinese)


def test_difficulty_follows_depth(zh: Analysis) -> None:
    difficulty = {c.key: c.difficulty for c in zh.knowledge.concepts}
    assert difficulty["线性方程"] == "beginner"
    assert difficulty["高斯消元法"] in ("intermediate", "advanced")
    assert all(c.difficulty_rule for c in zh.knowledge.concepts)


def test_relations_similar(zh: Analysis) -> None:
    assert any(
        r.type == "similar" and {r.source, r.target} == {"线性方程组", "矛盾方程组"}
        for r in zh.knowledge.relations
    )


def test_mixed_chinese_and_english(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_text(MIXED, encoding="utf-8")
    analysis = analyse_file(path)
    assert analysis.language == "zh-CN"
    assert {"所有权", "借用"} <= _keys(analysis)
    definition = next(x for x in _of_type(analysis, "definition") if x.concept_key == "借用")
    assert definition.content == "借用（borrowing）是指创建一个引用而不取得所有权。"


def test_analysis_is_json_serialisable(en: Analysis) -> None:
    data = json.loads(json.dumps(to_json(en), ensure_ascii=False))
    assert data["language"] == "en" and data["page_count"] == 1
    assert data["knowledge"]["concepts"][0]["key"]
    assert data["chunks"][0]["heading_path"][0] == "Linear Equations"
    assert data["word_count"] == en.word_count > 150


def test_an_example_that_only_leads_in_takes_the_block_after_it() -> None:

    blocks = [
        Block("heading", "Dictionaries", 1, level=1),
        Block("paragraph", "A dictionary maps keys to values. For example:", 1),
        Block("code", ">>> eng2sp = {'one': 'uno'}", 1),
        Block("paragraph", "You can make one with", 2),
        Block("code", "d = dict()", 2),
        # a short sentence that only names what the code after it shows leads in too
        Block("paragraph", "Lists hold records. For example, a list of tuples.", 2),
        Block("code", "portfolio = [('GOOG', 100, 490.1)]", 2),
        Block("paragraph", "For example, a histogram counts the letters of a word.", 2),
        Block("code", "h = histogram('brontosaurus')", 2),
        Block("paragraph", "例如，元组的列表。", 2),
        Block("code", "t = [(1, 2)]", 2),
        Block("paragraph", "For example, a histogram counts letters.", 2),
        Block("paragraph", "例如：", 3),
        Block("heading", "Lookups", 3, level=2),
    ]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: None)]
    assert found == [
        "For example:\n>>> eng2sp = {'one': 'uno'}",
        "For example, a list of tuples.\nportfolio = [('GOOG', 100, 490.1)]",
        # a sentence that says something itself stays the example alone
        "For example, a histogram counts the letters of a word.",
        "例如，元组的列表。\nt = [(1, 2)]",
        "For example, a histogram counts letters.",
    ]  # "例如：" with only a heading after it shows nothing


def test_a_bullet_giving_its_example_after_the_label_holds_it_whole() -> None:
    """A slide's bullets have no full stops: "Example: quartz" is the example, and the
    bullet after it is the slide's next point, not more of it."""
    blocks = [
        Block("heading", "Minerals", 1, level=1),
        Block("list_item", "Example: quartz", 1),
        Block("list_item", "Minerals have a crystal structure", 1),
        Block("list_item", "例：石英", 1),
        Block("list_item", "矿物具有晶体结构", 1),
        # a label with nothing after it, or ending on its colon, still leads in
        Block("list_item", "Example:", 1),
        Block("list_item", "Feldspar, the commonest mineral", 1),
    ]
    assert _examples(blocks) == [
        "Example: quartz",
        "例：石英",
        "Example:\nFeldspar, the commonest mineral",
    ]


def test_a_listings_file_name_goes_with_its_code_and_shows_nothing_alone() -> None:
    """A book's listings are captioned "Filename: src/main.rs"; where the build puts the
    code and the upload holds none, "For example: Filename: src/main.rs" answered "How is
    `loop` used?"."""
    blocks = [
        Block("heading", "Loops", 1, level=1),
        Block("paragraph", "For example, try running the following code:", 1),
        Block("paragraph", "Filename: src/main.rs", 1),
        Block("heading", "Conditions", 2, level=1),
        Block("paragraph", "例如：", 2),
        Block("paragraph", "文件名：src/lib.rs", 2),
        Block("code", "fn main() { loop {} }", 2),
    ]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "x")]
    assert found == ["例如：\n文件名：src/lib.rs\nfn main() { loop {} }"]


def test_a_line_without_its_full_stop_does_not_take_in_the_next_entry() -> None:
    """A key-terms sheet writes its entries without full stops; one with "such as" inside
    is no lead-in to the entry after it, which belongs to another term."""
    said = [
        "tariff: a tax on goods such as grain and steel brought in",
        "quota: a cap on how much of a good may come in",
        "Ports such as Rotterdam use:",
        "cranes, tugs and bonded warehouses",
    ]
    blocks = [Block("paragraph", text, 1) for text in said]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "t")]
    # a colon still leads in to what follows it
    assert found == [said[0], f"{said[2]}\n{said[3]}"]


def test_an_example_pointing_to_a_numbered_listing_is_no_example() -> None:
    """ "For example, Listing 9-6 shows a function that …", "例如，示例 13-3 展示了…":
    the listing is not in the answer; an example that says what it shows stays."""
    said = [
        "For example, Listing 4-2 shows a parser that reads one line.",
        "For example, consider the `Parser` type that we wrote in Chapter 3, Listing 3-7.",
        "For example, let's start from the code in Figure 2.1 with its two loops.",
        "例如，示例 6-3 展示了一个读取配置文件的函数。",
        "For example, the parser in Listing 4-2 stops at the first blank line.",
        "例如，空行会让解析器停下。",
    ]
    blocks = [Block("heading", "Parsing", 1, level=1)]
    blocks += [Block("paragraph", text, 1) for text in said]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "p")]
    assert found == said[4:]


def test_a_formula_belongs_to_the_longer_of_two_names_said_at_one_place(tmp_path: Path) -> None:
    """ "两个乘法器的延迟如下：" says 乘法器, which holds 乘法: read first-come, the formula was
    乘法's (a deck's carry equations were asked as "加法的公式")."""
    text = (
        "# 电路\n\n## 乘法\n\n**乘法**是重复的加法。乘法很常用，乘法的结果称为积。\n\n"
        "## 乘法器\n\n**乘法器**是实现乘法的电路。乘法器由加法器组成，乘法器很快。\n\n"
        "两个乘法器的延迟如下：\n\n$$t = 2 t_a + t_b$$\n"
    )
    path = tmp_path / "circuits.md"
    path.write_text(text, encoding="utf-8")
    knowledge = analyse_file(path, language="zh-CN").knowledge
    assert {"乘法", "乘法器"} <= {c.key for c in knowledge.concepts}
    assert [x.concept_key for x in knowledge.extractions if x.type == "formula"] == ["乘法器"]


def test_a_lead_in_to_a_missing_picture_is_no_example() -> None:
    """ "例如，两种晶格如下：" then "因此，…": the display the lead-in announced was a picture
    the text does not hold, and the next paragraph goes on from it; a paragraph that is the
    display itself stays the example's content."""
    blocks = [
        Block("heading", "晶体", 1, level=1),
        Block("paragraph", "例如，两种常见的晶格如下：", 1),
        Block("paragraph", "因此，晶格决定了晶体的许多性质。", 1),
        Block("paragraph", "For example, the two lattices are shown below:", 2),
        Block("paragraph", "So the lattice sets many properties of the crystal.", 2),
        Block("paragraph", "例如，氯化钠的晶格如下：", 3),
        Block("paragraph", "钠离子与氯离子交替排列，各自构成面心立方。", 3),
    ]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "晶格")]
    assert found == ["例如，氯化钠的晶格如下：\n钠离子与氯离子交替排列，各自构成面心立方。"]


def test_a_lead_in_ending_on_its_colon_before_a_heading_is_no_example() -> None:
    """ "举例来说，…对应的两级电路是：" with a heading next: the circuit was a picture, and the
    answer to "积之和在实际中如何应用？" ended on the colon. A full sentence stays."""
    blocks = [
        Block("heading", "电路", 1, level=1),
        Block("paragraph", "举例来说，这个表达式对应的两级电路是：", 1),
        Block("heading", "化简", 2, level=2),
        Block("paragraph", "For example, the circuit of this expression is drawn as:", 2),
        Block("heading", "Timing", 3, level=2),
        Block("paragraph", "For example, a red light stops the traffic.", 3),
    ]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "电路")]
    assert found == ["For example, a red light stops the traffic."]


def test_a_such_as_sentence_is_an_example_only_of_a_concept_it_names() -> None:
    def owner(text: str, block: int, *, by_section: bool = True) -> str | None:
        named = "molecule" if "molecule" in text else None
        return named or ("atom" if by_section else None)

    blocks = [
        Block("heading", "Atoms", 1, level=1),
        Block(
            "paragraph",
            "Research by scientists such as Laura has helped. "
            "A molecule such as water has three atoms. "
            "For example, gold is made of one kind of atom.",
            1,
        ),
    ]
    found = [(x.content, x.concept_key) for x in find_examples(blocks, owner)]
    assert found == [
        ("A molecule such as water has three atoms.", "molecule"),
        ("For example, gold is made of one kind of atom.", "atom"),  # its section's
    ]


def test_examples_in_brackets_are_examples_of_the_words_before_the_bracket() -> None:
    def owner(text: str, block: int, *, by_section: bool = True) -> str | None:
        for name in ("tea", "kettle", "小顶堆"):
            if name in text:
                return name
        return None

    blocks = [
        Block(
            "paragraph",
            "Black tea is cheaper to brew than other drinks (such as coffee or cocoa). "
            "A good kettle (for instance one of steel) boils fast. "
            "Most tea, such as green tea, is brewed cool.",
            1,
        ),
        # a Chinese bracket shows the clause before it, which serves the sentence's concept
        Block("paragraph", "要得到小顶堆，只需把比较反过来（例如，把大于换成小于）。", 2),
    ]
    found = [(x.content, x.concept_key) for x in find_examples(blocks, owner)]
    assert found == [
        ("A good kettle (for instance one of steel) boils fast.", "kettle"),
        ("Most tea, such as green tea, is brewed cool.", "tea"),  # no bracket: named first
        ("要得到小顶堆，只需把比较反过来（例如，把大于换成小于）。", "小顶堆"),
    ]


def test_an_examples_label_takes_the_sentence_after_it_and_a_pointer_is_no_example() -> None:
    """A numbered example's label alone ("Example 2.1 (Kinds of levers).") answered "How is
    lever used in practice?"; the sentence after it in the paragraph shows the example. A
    marker before "see …" points at another text and shows nothing."""
    blocks = [
        Block("heading", "Levers", 1, level=1),
        Block(
            "paragraph",
            "Example 2.1 (Kinds of levers). A see-saw is a lever of the first class. "
            "A wheelbarrow is one of the second class.",
            1,
        ),
        Block("paragraph", "Example 2.2 (Is a door a lever?) . Its hinge is the fulcrum.", 1),
        Block("paragraph", "For instance, see the museum's page on pulleys.", 1),
        Block("paragraph", "Tools were studied by many (e.g., see Hart, 1990).", 1),
        Block("paragraph", "e.g. 撬棍和跷跷板都是杠杆。", 1),
    ]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "lever")]
    assert found == [
        "Example 2.1 (Kinds of levers). A see-saw is a lever of the first class.",
        "Example 2.2 (Is a door a lever?) Its hinge is the fulcrum.",
        "e.g. 撬棍和跷跷板都是杠杆。",
    ]


def _inline_formulas(text: str) -> list[str]:
    """The formulas found in one paragraph of `text`, owned by no concept."""
    return [
        x.content
        for x in find_formulas([Block("paragraph", text, 1)], lambda t, b, by_section=True: None)
    ]


def test_an_example_listing_its_concept_after_the_marker_is_not_its_example() -> None:
    """A marker inside the sentence gives examples of what comes before it: a concept named
    only after it is one of those listed, and its example is halved (no question asks it)."""
    names = ("knapsack problem", "0-1 knapsack problem", "unbounded knapsack problem")

    def earliest(text: str, block: int, by_section: bool = True) -> str | None:
        found = [(text.find(n), -len(n), n) for n in names if n in text]
        return min(found)[2] if found else None

    blocks = [
        Block(
            "paragraph", "The knapsack problem has variants, such as the 0-1 knapsack problem.", 1
        ),
        Block("paragraph", "It has many variants, such as the unbounded knapsack problem.", 1),
        Block("paragraph", "For example, the 0-1 knapsack problem allows each item once.", 1),
    ]
    found = [(x.concept_key, x.confidence) for x in find_examples(blocks, earliest)]
    assert found == [
        ("knapsack problem", 0.6),
        ("unbounded knapsack problem", 0.3),
        ("0-1 knapsack problem", 0.8),
    ]


def test_a_line_of_code_spans_or_a_lead_in_is_no_formula() -> None:
    """A worked example's "已知 `dp[2][4] = 16`、`dp[2][1] = 5`：" answered "0-1 背包的公式
    是什么？"; a line of symbols around "=" stays one."""
    blocks = [
        Block("heading", "背包", 1, level=1),
        Block("paragraph", "只计算状态 `dp[3][4]`。已知 `dp[2][4] = 16`、`dp[2][1] = 5`", 1),
        Block("paragraph", "因此有 dp[i] = dp[i-1] + dp[i-2]，于是：", 1),
        Block("paragraph", "因此有 dp[i] = dp[i-1] + dp[i-2]", 1),
    ]
    found = [x.content for x in find_formulas(blocks, lambda text, block, by_section=True: "背包")]
    assert found == ["因此有 dp[i] = dp[i-1] + dp[i-2]"]


def test_inline_notation_is_no_formula_but_a_computation_is() -> None:

    text = (
        r"Set $\gamma=0.5$ and $g'=G_{t+1}$ for states $X_0,X_1,\cdots,X_T$ of the tuple "
        r"$<S,A,P,R,\gamma>$. The return is $G_t = r_{t+1} + \gamma G_{t+1}$, a system "
        r"reads $\mathbf{A}\mathbf{x} = \mathbf{b}$ and the value $\sum_{s'} p(s') V(s')$."
    )
    found = _inline_formulas(text)
    assert found == [
        r"$G_t = r_{t+1} + \gamma G_{t+1}$",
        r"$\mathbf{A}\mathbf{x} = \mathbf{b}$",
        r"$\sum_{s'} p(s') V(s')$",
    ]


def test_a_sequence_s_terms_named_with_their_index_range_are_no_formula() -> None:
    # "$a_i(1 \le i \le n)$" names a sequence's terms: "1 \le" was read as a product, and
    # a course asked for "the formula of 数目" (a count) with it; bounds stay maths
    text = (
        r"Let $a_i(1 \le i \le n)$ be the counts and $x_{k}(1 \leq k \leq m)$ the sizes; "
        r"then $2x \le 5$ bounds $x$, $S = a_1 + a_2 + \cdots + a_n$ adds them, and "
        r"$P(1 \leq X \leq 3)$ holds."
    )
    found = _inline_formulas(text)
    assert found == [
        r"$2x \le 5$",
        r"$S = a_1 + a_2 + \cdots + a_n$",
        r"$P(1 \leq X \leq 3)$",
    ]


def test_prose_between_two_short_inline_formulas_is_no_formula() -> None:
    # a typeset PDF's digits come as maths ("取 $0$"): skipped as too short, the search
    # began at the closing "$" and took the prose up to the next "$" for a formula, a
    # course's answer to "带余数除法的公式是什么？"
    text = "当 $k$ 取 $0$ 时，等式 n = mk + r 化为 n = r，而 $1$ 是最小的正整数．"
    found = _inline_formulas(text)
    assert not any(f.startswith("$，") or "等式" in f for f in found)
    # a formula long enough after a short one is still found
    text = "取 $k=1$，则 $n = m \\cdot 1 + r$ 成立．"
    found = _inline_formulas(text)
    assert found == ["$n = m \\cdot 1 + r$"]


def test_a_display_formula_belongs_to_what_the_sentence_before_it_names() -> None:

    def earliest(text: str, block: int, by_section: bool = True) -> str | None:
        named = [(text.find(k), k) for k in ("mean", "variance") if k in text]
        return min(named)[1] if named else "section" if by_section else None

    blocks = [
        Block("paragraph", "The mean is the average of the data. The variance is then", 1),
        Block("formula", "$$s^2 = \\frac{1}{n-1}\\sum_i (x_i - \\bar{x})^2$$", 1),
        Block("paragraph", "Their mean is the centre. It is written", 1),
        Block("formula", "$$\\bar{x} = \\frac{1}{n}\\sum_i x_i$$", 1),
    ]
    found = [(x.concept_key, x.confidence) for x in find_formulas(blocks, earliest)]
    # the second lead-in names nothing: the paragraph's own concept, not the section's;
    # its "It" is the sentence before, which names the mean
    assert found == [("variance", 0.9), ("mean", 0.9)]


def test_an_equation_in_words_belongs_to_the_name_on_its_left() -> None:
    def earliest(text: str, block: int, by_section: bool = True) -> str | None:
        named = [(text.find(k), k) for k in ("流动比率", "速动比率") if k in text]
        return min(named)[1] if named else None

    blocks = [
        Block("paragraph", "流动比率衡量短期偿债能力，速动比率则剔除存货。某公司的速动比率是：", 1),
        Block("paragraph", "速动比率=(流动资产-存货)/流动负债=(300-100)/200=1.0", 1),
    ]
    found = [(x.concept_key, x.confidence) for x in find_formulas(blocks, earliest)]
    # the paragraph above names 流动比率 first; the line computes 速动比率
    assert found == [("速动比率", 0.5)]


def test_a_display_formula_in_words_belongs_to_the_name_on_its_left() -> None:
    def earliest(text: str, block: int, by_section: bool = True) -> str | None:
        named = [(text.find(k), k) for k in ("profit", "price list") if k in text]
        return min(named)[1] if named else None

    blocks = [
        Block("list_item", "A price list shows what each item costs.", 1),
        Block("formula", "$$\\text{profit} = \\text{revenue} - \\text{cost}$$", 1),
        Block("list_item", "A price list is updated each month.", 1),
        Block("formula", "$$p = \\frac{c}{1 - m}$$", 1),
    ]
    found = [(x.concept_key, x.confidence) for x in find_formulas(blocks, earliest)]
    # the first computes profit, named on its left; the second names nothing there, and
    # the sentence before it does not say it gives the price list: its confidence is halved
    assert found == [("profit", 0.9), ("price list", 0.45)]


def test_the_answer_to_a_worked_example_is_no_formula_of_a_concept() -> None:
    """A textbook's worked answer opens on 解 (or "Solution:") and substitutes into the
    exercise's own numbers; read as a formula, it answered what a concept's formula is.
    An equation the text states for itself stays one."""
    blocks = [
        Block("paragraph", "例3 已知速度函数，求物体在第2秒末的加速度。", 1),
        Block("paragraph", "解 由 v=3t+2 得 a=v′=3，与时刻无关。", 1),
        Block("paragraph", "解：令 t=2，则 s=4×2+1=9。", 1),
        Block("paragraph", "Solution: put n = 4 so that 2n + 1 = 9.", 1),
        Block("paragraph", "平均速度 v=Δs/Δt=(s1-s0)/(t1-t0)", 1),
    ]
    found = [x.content for x in find_formulas(blocks, lambda text, block, by_section=True: None)]
    assert found == ["平均速度 v=Δs/Δt=(s1-s0)/(t1-t0)"]


def test_an_example_s_line_is_no_formula_of_a_concept() -> None:
    # an example puts its own numbers in: the rule it uses is stated elsewhere
    blocks = [
        Block("paragraph", "Example. With m = 2, a = 3 and t = 4, F = 2 ⋅ 3 = 6.", 1),
        Block("paragraph", "Example 4.2: take n = 10, so 2n + 1 = 21.", 1),
        Block("paragraph", "F(t) = 3t + 2(t - 1)", 1),
    ]
    found = [x.content for x in find_formulas(blocks, lambda text, block, by_section=True: None)]
    assert found == ["F(t) = 3t + 2(t - 1)"]


def test_the_rest_of_a_formula_broken_across_lines_is_no_formula() -> None:
    blocks = [
        Block("paragraph", "√ 2 and x1 = x0 − 3h", 1),
        Block("paragraph", "− 4t and y = 2t + 1", 1),
        Block("paragraph", "x1 = x0 − 3h + √2", 1),
    ]
    found = [x.content for x in find_formulas(blocks, lambda text, block, by_section=True: None)]
    assert found == ["x1 = x0 − 3h + √2"]


def test_markdown_tab_markers_and_code_comparisons_are_not_formulas() -> None:

    blocks = [
        Block("paragraph", '=== "<1>"', 1),
        Block("paragraph", "if a == b: 1 + 2 == 3", 1),
        Block("paragraph", "f(x) = 3x + 2(y - 1)", 1),
    ]
    found = [x.content for x in find_formulas(blocks, lambda text, block, by_section=True: None)]
    assert found == ["f(x) = 3x + 2(y - 1)"]


def test_a_slides_program_line_is_no_formula() -> None:
    # a deck set its code in a text font: "age = 35 if age > 30:" read as a formula, and the
    # course asked to "Compute results with the formulas of Decisions"
    blocks = [
        Block("paragraph", "age = 35 if age > 30:", 1),
        Block("paragraph", "while n > 0 : n = n - 1", 1),
        Block("paragraph", "for i in range(10): total = total + i", 1),
        Block("paragraph", "int count = 0; count = count + 1;", 1),
        Block("paragraph", "f(y) = ( 0 if y > 0, 1 if y ≤ 0.", 1),
        Block("paragraph", "• 千字节 1 KB = 1024 B", 1),
        Block("paragraph", "(3506.2)8=3×8 3+5×8 2+0×8 1+6×8 0+2×8-1=(1862.25)10", 1),
    ]
    found = [x.content for x in find_formulas(blocks, lambda text, block, by_section=True: None)]
    assert found == [
        "f(y) = ( 0 if y > 0, 1 if y ≤ 0.",
        "• 千字节 1 KB = 1024 B",
        "(3506.2)8=3×8 3+5×8 2+0×8 1+6×8 0+2×8-1=(1862.25)10",
    ]


def test_a_chapters_objectives_list_is_no_reading_position(tmp_path: Path) -> None:
    # "After studying this chapter, you will be able to: …" names what comes, in its own
    # order; the concept is read where the chapter mentions it after the list
    text = (
        "# Cells\n\n## Chapter Objectives\n\n"
        "- Explain **DNA replication** and the **cell cycle**\n"
        "- Describe the **cell membrane**\n\n"
        "## The Cell Membrane\n\nThe **cell membrane** surrounds the cell. "
        "The cell membrane is a lipid bilayer.\n\n"
        "## The Nucleus\n\n**DNA replication** copies the genome before division. "
        "DNA replication is semiconservative.\n\n"
        "## Cell Division\n\nThe **cell cycle** is the life of a cell. "
        "The cell cycle ends in division.\n"
    )
    path = tmp_path / "cells.md"
    path.write_text(text, encoding="utf-8")
    concepts = analyse_file(path, language="en").knowledge.concepts
    order = {c.key: c.order for c in concepts}
    assert order["cell membrane"] < order["dna replication"] < order["cell cycle"]


def test_a_list_led_in_by_you_will_be_able_to_is_no_reading_position(tmp_path: Path) -> None:
    # OpenStax opens every section so, without a heading over the list
    text = (
        "# Cells\n\n## Boundaries\n\n"
        "By the end of this section, you will be able to:\n\n"
        "- Explain **passive transport** across membranes\n\n"
        "The **cell membrane** surrounds the cell. The cell membrane is a lipid bilayer.\n\n"
        "## Transport\n\n**Passive transport** needs no energy. Passive transport is common.\n"
    )
    path = tmp_path / "cells.md"
    path.write_text(text, encoding="utf-8")
    order = {c.key: c.order for c in analyse_file(path, language="en").knowledge.concepts}
    assert order["cell membrane"] < order["passive transport"]


def test_a_chinese_list_of_what_a_lecture_will_meet_is_no_reading_position(
    tmp_path: Path,
) -> None:
    # an economics lecture lists its key concepts under "主题和函数库"; a course placed
    # them in that module, before the sections that teach them
    text = (
        "# 供给与需求\n\n## 主题\n\n在本讲座中，我们将遇到的关键基础概念包括：\n\n"
        "* 反供给曲线\n* 消费者剩余\n\n"
        "## 消费者\n\n我们将**消费者剩余**定义为曲线下的面积。消费者剩余衡量福利。\n\n"
        "## 生产者\n\n这条曲线被称为**反供给曲线**。反供给曲线向上倾斜。\n"
    )
    concepts = _zh_orders(tmp_path, text)
    assert concepts["消费者剩余"] < concepts["反供给曲线"]


def test_an_english_list_of_what_a_lecture_will_meet_is_no_reading_position(
    tmp_path: Path,
) -> None:
    # the same lecture in English: "Key concepts that we will encounter in this lecture
    # are:" previews them; the sections that teach them come in their own order
    text = (
        "# Markets\n\n## Topics\n\nThe main ideas we will meet in this lecture are:\n\n"
        "* offer curve\n* buyer surplus\n\n"
        "## Buyers\n\nWe define **buyer surplus** as the area under the curve. Buyer surplus "
        "measures welfare.\n\n"
        "## Sellers\n\nThis curve is called the **offer curve**. The offer curve slopes up.\n"
    )
    order = {c.key: c.order for c in concepts_of(tmp_path, text)}
    assert order["buyer surplus"] < order["offer curve"]


def _zh_orders(tmp_path: Path, text: str) -> dict[str, int]:
    """Each concept's reading order in the Chinese `text`."""
    (tmp_path / "zh.md").write_text(text, encoding="utf-8")
    found = analyse_file(tmp_path / "zh.md", language="zh-CN").knowledge.concepts
    return {c.key: c.order for c in found}


def test_concepts_one_paragraph_names_first_are_read_in_its_order(tmp_path: Path) -> None:
    # a chapter's opening names three stages; the third is the most discussed afterwards
    text = (
        "# Memory\n\n"
        "Memory works in three stages: encoding, storage, and retrieval.\n\n"
        "**Encoding** is the input of information. Encoding can be effortful.\n\n"
        "**Storage** is the creation of a permanent record. Storage lasts.\n\n"
        "**Retrieval** is getting information out of storage. Retrieval can be recall. "
        "Retrieval can be recognition. Retrieval can be relearning. Retrieval fails.\n"
    )
    order = {c.key: c.order for c in concepts_of(tmp_path, text)}
    assert order["encoding"] < order["storage"] < order["retrieval"]


def _sections(tmp_path: Path, name: str, text: str, language: str) -> dict[str, tuple[str, ...]]:
    """Each concept's section as the document job stores it (`Extraction.section`)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rows = analyse_file(path, language=language).knowledge.extractions
    return {x.concept_key: x.section for x in rows if x.type == "concept"}


def test_a_concept_row_names_the_section_where_it_is_met(tmp_path: Path) -> None:
    # The course planner names weeks and modules after these sections: numbers, code
    # marks, the book's apparatus ("Key Terms", "Introduction") and a section repeating its
    # chapter's title ("Matter" in "Matter") are no part of them, and a concept is in the
    # section where a reader first meets it, as the planner places it
    text = (
        "# 2 Matter\n\n## Matter\n\n## Introduction\n\n"
        "Every **atom** is tiny; this chapter is about atoms.\n\n"
        "## 2.1 Early Ideas in `Atomic` Theory\n\n"
        "An **element** is a substance made of one kind of atom. Elements combine.\n\n"
        "### 2.1.1 Dalton's Postulates\n\n"
        "The **law of definite proportions** holds for every compound. "
        "The law of definite proportions was found by Proust.\n\n"
        "## 2.2 Ions\n\nAn **ion** is a charged atom. Ions attract.\n\n"
        "### Key Terms\n\nA **cation** is a positive ion. Cations attract anions.\n"
    )
    path = tmp_path / "atoms.md"
    path.write_text(text, encoding="utf-8")
    rows = analyse_file(path, language="en").knowledge.extractions
    section = {x.concept_key: x.section for x in rows if x.type == "concept"}
    assert section["atom"] == ("Matter",)
    assert section["element"] == ("Matter", "Early Ideas in Atomic Theory")
    assert section["law of definite proportions"] == (
        "Matter",
        "Early Ideas in Atomic Theory",
        "Dalton's Postulates",
    )
    assert section["ion"] == section["cation"] == ("Matter", "Ions")
    assert all(x.section == () for x in rows if x.type != "concept")


def test_a_sub_sections_aspect_is_no_section_of_its_own(tmp_path: Path) -> None:
    # "Notation" and "Proof of Correctness" say something about their parent's topic: a
    # module so named would not say what it teaches, so their concepts are the parent's.
    # A reference site's page has no `#` title: its sections are `##` (level 2), and a
    # facet there is still one (OI-wiki's 最短路 page opens with "## 记号").
    text = (
        "## 记号\n\n**边权**是一条边的长度。边权可以是负数。\n\n"
        "## Dijkstra 算法\n\n**Dijkstra 算法**求单源最短路。Dijkstra 算法不能处理负边权。\n\n"
        "### 正确性证明\n\n**松弛**是指用一条边更新最短路估计值的操作。每次松弛都不会增大估计值。\n"
    )
    section = _sections(tmp_path, "shortest.md", text, "zh-CN")
    assert section["边权"] == ()
    assert section["松弛"] == ("Dijkstra 算法",)
    # a chapter whose own title names an aspect keeps it: it is what the chapter is about
    chapter = "# Notation\n\nA **variable** is a named quantity. Each variable has a value.\n"
    assert _sections(tmp_path, "proofs.md", chapter, "en")["variable"] == ("Notation",)


def test_a_worksheets_lettered_part_and_vocabulary_list_name_no_section(tmp_path: Path) -> None:
    # "Part A: Vocabulary" orders a study guide's parts and lists the words it teaches: a
    # week so titled says nothing, so the terms belong to the guide's own title; the
    # letter of a later part goes and its name stays ("Part B: Soil Layers")
    text = (
        "# Soils Study Guide\n\n## Part A: Vocabulary\n\n"
        "| Term | Definition |\n|---|---|\n| Humus | Dark organic matter in soil. |\n| Loam | |\n\n"
        "## Part B: Soil Layers\n\nThe **topsoil** holds most of the roots. "
        "Topsoil erodes quickly.\n"
    )
    section = _sections(tmp_path, "soils.md", text, "en")
    assert section["humus"] == ("Soils Study Guide",)
    assert section["topsoil"] == ("Soils Study Guide", "Soil Layers")


def test_a_topics_definition_or_description_is_no_section_or_concept(tmp_path: Path) -> None:
    # "Definition" and "Description" under a topic's heading give that topic's definition:
    # a module or a week so titled says nothing of what it teaches
    text = (
        "# Tides\n\n## Spring Tide\n\n### Description\n\n"
        "A **spring tide** is a tide of large range. Spring tides follow a full moon.\n\n"
        "## Tidal Range\n\n### Formal Definition\n\n"
        "The **tidal range** is the height between high and low water. It varies.\n"
    )
    section = _sections(tmp_path, "tides.md", text, "en")
    assert section["spring tide"] == ("Tides", "Spring Tide")
    assert section["tidal range"] == ("Tides", "Tidal Range")
    assert "description" not in section and "formal definition" not in section
    # a chapter so titled is what it is about
    chapter = "# Description\n\nA **blazon** is a formal description of a coat of arms.\n"
    assert _sections(tmp_path, "heraldry.md", chapter, "en")["blazon"] == ("Description",)


def test_a_derivation_of_a_numbered_formula_is_no_section_or_concept(tmp_path: Path) -> None:
    # Derivation notes head each section after the formula or figure it works through
    # ("式(3.5)的推导", "式(2.2)到式(2.7)的解释", "图6.1的解释"): a course's module was called
    # "式(3.4)的解释", and "式" (formula) was a concept of every chapter
    text = (
        "# 第1章 回归\n\n## 1.1 线性回归\n\n**线性回归**用直线拟合数据。线性回归很常用。\n\n"
        "### 1.1.1 式(1.2)的推导\n\n**最小二乘法**使残差平方和最小。由式(1.1)可得式(1.2)，"
        "式(1.2)即最小二乘法的解。\n\n"
        "### 1.1.2 式(1.3)到式(1.5)的解释\n\n**闭式解**是可以直接写出的解。式(1.3)是闭式解。\n\n"
        "### 1.1.3 图1.2的解释\n\n**残差**是预测值与真实值之差。图1.2画出了残差。\n\n"
        "### 1.1.4 定理1.1的证明\n\n**正定矩阵**的特征值都大于零。定理1.1用到正定矩阵。\n"
    )
    section = _sections(tmp_path, "regression.md", text, "zh-CN")
    assert "式" not in section and "图" not in section
    for key in ("最小二乘法", "闭式解", "残差", "正定矩阵"):
        assert section[key] == ("回归", "线性回归"), key
    # an English proof of a numbered theorem is one too
    en = (
        "# Convexity\n\n## Convex Sets\n\nA **convex set** contains every segment.\n\n"
        "### Proof of Theorem 2.1\n\nA **supporting hyperplane** touches the set. "
        "Every convex set has a supporting hyperplane.\n"
    )
    assert _sections(tmp_path, "convex.md", en, "en")["supporting hyperplane"] == (
        "Convexity",
        "Convex Sets",
    )


def test_headings_repeated_after_every_section_are_the_books_furniture(
    tmp_path: Path,
) -> None:
    # An OpenStax chapter closes each section with "Multiple Choice", "Fill in the Blank"
    # and "Critical Thinking": they were concepts (and "fill" one). A topic met in several
    # sections ("Ribosomes") is named in the prose around it and stays one.
    topics = [
        ("Prokaryotic Cells", "A **prokaryote** lacks a nucleus. Every prokaryote is small."),
        ("Eukaryotic Cells", "A **eukaryote** has a nucleus. Every eukaryote is larger."),
        ("Animal Cells", "An **animal cell** has no wall. Each animal cell is soft."),
    ]
    text = "# Cells\n\n"
    for title, body in topics:
        text += f"## {title}\n\n{body}\n\n### Ribosomes\n\n"
        text += "**Ribosomes** make proteins. Ribosomes are tiny.\n\n"
        text += "### Multiple Choice\n\nWhich cell has a nucleus? A. one B. two\n\n"
        text += "### Fill in the Blank\n\nThe ____ makes proteins.\n\n"
        text += "### Critical Thinking\n\nWhy are cells small?\n\n"
    section = _sections(tmp_path, "cells.md", text, "en")
    assert not {"multiple choice", "fill", "fill in the blank", "critical thinking"} & set(section)
    assert "ribosome" in section and "prokaryote" in section
    assert all("Multiple Choice" not in path for path in section.values())


def test_a_document_without_headings_gives_no_sections(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "An **element** is a substance made of one kind of atom. Elements combine.\n",
        encoding="utf-8",
    )
    rows = analyse_file(path, language="en").knowledge.extractions
    assert [x.section for x in rows if x.type == "concept"] == [()]


def test_inline_maths_belongs_to_the_concept_of_its_own_sentence() -> None:
    """A paragraph of several definitions, each with its formula: each formula goes to the
    name its sentence gives, not to the paragraph's first name."""
    text = (
        r"Kinetic energy is the energy of motion, $E_k = \frac{1}{2} m v^2$. "
        r"Momentum is the product of mass and velocity, $p = m v + 0$."
    )
    names = ("kinetic energy", "momentum")

    def earliest(said: str, block: int, by_section: bool = True) -> str | None:
        lowered = said.lower()
        found = [(lowered.find(n), n) for n in names if n in lowered]
        return min(found)[1] if found else None

    found = find_formulas([Block("paragraph", text, 1)], earliest)
    assert [(x.content, x.concept_key) for x in found] == [
        (r"$E_k = \frac{1}{2} m v^2$", "kinetic energy"),
        (r"$p = m v + 0$", "momentum"),
    ]


def _examples(blocks: list[Block]) -> list[str]:
    """The examples' texts, each owned by one concept."""
    return [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "m")]


def test_a_question_naming_examples_is_no_example() -> None:
    """A review question that lists cases ("such as", "for example" inside it) asks the
    reader for the example; it shows none and answers no "How is X used?"."""
    said = (
        "Why do enzymes such as amylase lose activity when heated?",
        "Which catalysts, for example pepsin, work in acid？",
        "Enzymes such as amylase break down starch.",
        # a question the paragraph goes on to answer is prose's own: it stays
        "Why do metals such as iron rust? Oxygen and water react.",
    )
    assert _examples([Block("paragraph", text, 1) for text in said]) == [
        "Enzymes such as amylase break down starch.",
        "Why do metals such as iron rust?",
    ]


def test_a_worked_example_set_as_a_task_takes_its_working_along() -> None:
    """ "Example 1: Find the area of a circle of radius 3." and its working in the block
    after it: the task alone shows no use of the idea; with the working it does. An example
    that states something ("Example 2: A ramp is an inclined plane.") stays alone."""
    blocks = [
        Block("paragraph", "Example 1: Find the area of a circle of radius 3.", 1),
        Block("formula", "A = π r² = 9π ≈ 28.3", 1),
        Block("paragraph", "Example 2: A ramp is an inclined plane.", 1),
        Block("paragraph", "Ramps make lifting easier.", 1),
    ]
    found = [x.content for x in find_examples(blocks, lambda text, block, by_section=True: "x")]
    assert found == [
        "Example 1: Find the area of a circle of radius 3.\nA = π r² = 9π ≈ 28.3",
        "Example 2: A ramp is an inclined plane.",
    ]


def test_a_sentence_calling_the_one_before_an_example_gives_that_example() -> None:
    """ "A shop sells its first game consoles dear and cuts the price each year. This is an
    example of price skimming.": no marker opens the case, the sentence after it says
    whose example it is; the pair is the example of the concept it names."""
    blocks = [
        Block(
            "paragraph",
            "A shop sells its first consoles dear and cuts the price each year. This is an"
            " example of price skimming. Prices then settle.",
            1,
        ),
        Block("paragraph", "This is an example of price skimming.", 1),  # nothing before it
    ]

    def owner(text: str, block: int, by_section: bool = True) -> str | None:
        return "price skimming" if "price skimming" in text else None

    found = [(x.concept_key, x.content) for x in find_examples(blocks, owner)]
    assert found == [
        (
            "price skimming",
            "A shop sells its first consoles dear and cuts the price each year. This is an"
            " example of price skimming.",
        )
    ]
