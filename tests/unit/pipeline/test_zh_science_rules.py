"""Rules met on a Chinese science self-study guide (chemistry), each on text written for the
test: headings that give their English title too, alias markers before a glossed term,
definitions by genus ("X是……的Y" where X is a kind of Y)."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.concepts import _zh_cut_across, find_concepts
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.model import Block
from jobs.pipeline.structure import (
    bilingual_headings,
    emphasis_terms,
    gloss_terms,
    heading_terms,
)
from tests.unit.pipeline.written import concepts_of


def titles_of(tmp_path: Path, text: str) -> set[str]:
    path = tmp_path / "第一章.md"
    path.write_text(text, encoding="utf-8")
    return {c.title for c in analyse_file(path).knowledge.concepts}


def glossed(text: str) -> list[str]:
    return [c.term for c in gloss_terms(text, 0)]


def terms(heading: str, bilingual: bool = False) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, 2, bilingual)]


def test_a_heading_that_repeats_its_title_in_english_names_the_chinese_title_once() -> None:
    # a spaced dash, then the English: one title in two languages, not two topics
    assert terms("1.2.3 相对原子质量 - Relative Atomic Mass") == ["相对原子质量"]
    assert terms("1.2.1 原子 - Atoms") == ["原子"]
    assert terms("1.2 原子 - Atoms（上）") == ["原子"]
    # without the dash, in a book that titles its sections in two languages
    assert terms("1.4.4 酸碱反应 Acid-Base Reaction", bilingual=True) == ["酸碱反应"]
    assert terms("1.4.5 氧化还原反应 Redox Reaction", bilingual=True) == ["氧化还原反应"]
    # elsewhere a name in Latin letters after a Chinese verb is the topic
    assert "Python" in terms("初识 Python")
    assert "INTERSECT" in terms("交集运算符 INTERSECT", bilingual=True)
    # a heading with Chinese on both sides of the dash is no translation
    assert "版本控制" in terms("起步 - 关于版本控制")


def test_a_book_titles_its_sections_in_two_languages_when_several_headings_do() -> None:
    titles = ["1.2.1 原子 - Atoms", "1.2.2 元素 - Elements", "1.4.4 酸碱反应 Acid-Base Reaction"]
    assert bilingual_headings(titles)
    assert not bilingual_headings(["1.2.1 原子 - Atoms", "初识 Python", "安装 Git"])


def test_a_bilingual_heading_gives_no_english_concept(tmp_path: Path) -> None:
    text = (
        "# 1.2 原子 - Atoms\n\n## 1.2.1 相对原子质量 - Relative Atomic Mass\n\n"
        "**相对原子质量被定义为原子质量同碳12原子质量十二分之一的比。**\n\n"
        "用相对原子质量可以算出物质的质量。\n\n"
        "## 1.2.2 元素周期表 - Periodic Table\n\n元素周期表排列了已知的元素。"
        "表中的一行称作一个周期（period），一列称作一个族（group）。\n"
    )
    titles = titles_of(tmp_path, text)
    assert "相对原子质量" in titles and "元素周期表" in titles
    assert not {"Relative Atomic Mass", "Periodic Table", "Atoms", "原子质量"} & titles


def test_a_glossed_name_after_an_alias_marker_is_the_name_alone() -> None:
    # rjieba reads 作价 ("to price") across 又称作 and 价电子
    assert glossed("能量最高的电子（外层电子）又称作价电子（valence electron）。") == ["价电子"]
    assert glossed("在这一条件下，里德伯公式又名巴耳末公式（Balmer formula）。") == ["巴耳末公式"]
    assert "盐" in glossed("离子组成的物质称作离子化合物（ionic compound），又称盐（salt）。")
    # a name that holds no marker is whole
    assert glossed("名义利率（nominal rate）") == ["名义利率"]


def test_a_gloss_with_a_symbol_an_alias_or_a_second_name_glosses_the_term() -> None:
    # the name's symbol in brackets, then its English name
    assert glossed("原子轨道可以用参数描述：主量子数（n）（Principal quantum number）") == [
        "主量子数"
    ]
    assert glossed("我们可以使用相对原子质量（Ar）（Relative atomic mass）进行计算。") == [
        "相对原子质量"
    ]
    # a Chinese alias before the English, another name after it
    assert glossed("这样的稳定结构称为八电子规则（八隅律，octet rule）。") == ["八电子规则"]
    assert glossed("4 复分解反应（Metathesis reaction，又名双置换反应）") == ["复分解反应"]
    assert glossed("也有光谱，称作紫外光谱和红外光谱（Infrared spectrum，IR spectrum）。") == [
        "红外光谱"
    ]
    # a bracket of Chinese alone glosses nothing
    assert glossed("由离子构成的物质（离子化合物/盐）") == []


def defined(sentence: str) -> list[str]:
    return [d.term for d in find_definitions(sentence, 0, True)]


def test_a_sentence_that_names_the_kind_a_term_is_defines_the_term() -> None:
    assert defined("化合反应是由几种物质合成一种新物质的反应。") == ["化合反应"]
    assert defined("歧化反应是一类少见的氧化还原反应。") == ["歧化反应"]
    assert defined("最简式是把分子式的下标化到最简后得到的化学式。") == ["最简式"]
    assert defined("在量子力学中，薛定谔方程是给出波函数怎样随时间变化的方程。") == ["薛定谔方程"]
    # a list's item, as the reader gives it
    assert defined("物理变化：不生成新物质的变化") == ["物理变化"]
    # what the sentence ends on is no kind the name is of
    assert defined("置换反应发生在溶液中。") == []
    assert defined("质量浓度是溶质质量除以溶液体积所得之比。") == []
    assert defined("上面的例子是一个很好的例子。") == []
    assert defined("元组的哈希值是对每个元素哈希后组合得到的哈希值。") == []
    assert defined("现在，分支名是“master”，这是默认的分支名。") == []


def test_a_chinese_sentence_set_in_bold_with_its_full_stop_is_no_term() -> None:
    spans = ("电子绕着原子核运动。", "原子核", "价电子")
    assert [c.term for c in emphasis_terms(spans, 0, "x")] == ["原子核", "价电子"]


def test_the_shi_of_a_conjunction_defines_no_stressed_word() -> None:
    sentence = "不借助显微镜，确实不能证实物质由粒子构成，但是一些实验现象暗示了这个理论。"
    assert [d.term for d in find_definitions(sentence, 0, True, ("证实",))] == []
    # the copula still defines the term set in bold
    assert [
        d.term for d in find_definitions("电负性就是吸引电子的趋势。", 0, True, ("电负性",))
    ] == ["电负性"]


def test_the_shi_of_a_condition_defines_no_stressed_word_in_the_main_clause() -> None:
    sentence = "如果土壤的酸碱度是偏酸的，那么植物容易出现缺铁黄化。"
    assert [d.term for d in find_definitions(sentence, 0, True, ("缺铁黄化",))] == []
    # in its own clause the verb still names it
    named = "如果叶片均匀变黄，这种症状称为缺铁黄化。"
    assert [d.term for d in find_definitions(named, 0, True, ("缺铁黄化",))] == ["缺铁黄化"]


def test_a_name_given_to_a_demonstrative_or_to_things_together_is_defined() -> None:
    assert defined("这个数被定义为阿伏伽德罗常数，记作NA。") == ["阿伏伽德罗常数"]
    assert defined("质子数相同而中子数不同的原子互称同位素。") == ["同位素"]
    # a description, then "就叫" and the name, as a textbook of classical medicine defines
    # its kinds of formulas; and the name several things share, after 统称
    assert defined("凡以补益药为主、治疗各种虚证的方剂，就叫补益剂。") == ["补益剂"]
    assert defined("煤、石油和天然气统称为化石燃料。") == ["化石燃料"]
    # "就叫做" is still read at its 叫做, the name whole ("做" was the name)
    assert defined("这种合并方式就叫做“快进”。") == ["快进"]
    # a name before 定义为 is still the name defined
    assert defined("相对原子质量被定义为原子质量同碳12原子质量十二分之一的比。") == ["相对原子质量"]


def test_a_lecture_names_with_a_bare_jiao_after_this_a_method_or_a_comma() -> None:
    # spoken naming, as a lecture's subtitles have it
    assert defined("水在土中流动的快慢差别很大，这叫“渗透性”。") == ["渗透性"]
    assert defined("最常用的一种方法叫 分层总和法。") == ["分层总和法"]
    assert defined("土体在荷载下慢慢排水，叫“固结”。") == ["固结"]
    # 叫 as call, shout or ask names nothing
    assert defined("这叫什么？") == []
    assert defined("他大叫一声跑开了。") == []
    assert defined("老师叫我们先读第二章。") == []


def test_a_sentence_saying_it_gives_the_definition_of_a_name_defines_it() -> None:
    assert defined("需求弹性的定义是：需求量变动的百分比与价格变动的百分比之比。") == ["需求弹性"]
    # a word saying which definition stands between the name and 的
    assert defined("品牌资产通常的定义是品牌给产品带来的附加价值。") == ["品牌资产"]
    # a question about the definition defines nothing
    assert defined("库存周转率的定义是按成本算还是按售价算？") == []


def test_a_description_of_a_kind_then_its_name_defines_the_name() -> None:
    sentence = "电子对偏向一方的共价键是极性共价键，电子对居中的共价键是非极性共价键。"
    assert set(defined(sentence)) == {"极性共价键", "非极性共价键"}
    # the name must be a kind of what the description describes
    assert defined("模型失败的原因是缺乏数据。") == []


def test_a_sentence_that_promises_a_topic_for_later_is_no_reading_position(
    tmp_path: Path,
) -> None:
    text = (
        "# 化学反应\n\n## 化学反应的类型\n\n**化合反应**是两种物质生成一种物质的反应。"
        "化合反应很常见。\n\n注：后续章节将介绍**电离**。\n\n"
        "## 反应的条件\n\n**催化剂**能加快反应。催化剂本身不变。\n\n"
        "## 溶液与电离\n\n中性粒子转化为带电粒子的过程称作**电离**（Ionization）。"
        "电离在溶液中发生。\n"
    )
    path = tmp_path / "第一章.md"
    path.write_text(text, encoding="utf-8")
    concepts = analyse_file(path).knowledge.concepts
    order = {c.title: c.order for c in concepts}
    assert order["催化剂"] < order["电离"]


def test_a_verb_between_nouns_before_a_gloss_ends_the_glossed_name() -> None:
    assert glossed("原子得到电子形成离子（ion）。") == ["离子"]
    # a verb inside a name the gloss needs whole stays
    assert glossed("生成对抗网络（generative adversarial network）") == ["生成对抗网络"]
    assert glossed("随机梯度下降（stochastic gradient descent）") == ["随机梯度下降"]


def test_a_term_rjieba_cut_across_a_word_to_its_left_is_no_concept() -> None:
    """rjieba reads 对角化 as 对 + 角化 (keratinisation): every use of 角化 follows 对, which
    makes 对角 with 角. A term after a character that belongs to the word before it (一个
    数组: 个 of 一个), or after several characters, stands."""
    prose = "方阵的对角化是本节的主题。可对角化方阵的对角化又被称作特征分解。方阵对角化的条件。"
    assert _zh_cut_across("角化", prose, "left")
    assert not _zh_cut_across("数组", "一个数组存放元素。另一个数组为空。", "left")
    # after 的, 化 and the start: several characters
    assert not _zh_cut_across("方阵", prose, "left")
    assert _zh_cut_across("角化方阵", prose + "可对角化方阵。", "left")
    paragraphs = [
        "方阵的对角化是本节的主题。",
        "可对角化方阵的对角化又被称作特征分解。",
        "方阵可对角化的充要条件是有足够的特征向量。",
        "若方阵可对角化，则对角化的过渡矩阵由特征向量组成。",
    ] * 2
    heading = Block("heading", "特征值与特征向量", 0, 1)
    blocks = [heading, *(Block("paragraph", t, 1) for t in paragraphs)]
    keys = {d.key for d in find_concepts(blocks, True, 400)[0]}
    assert not {"角化", "角化方阵"} & keys and {"特征向量", "过渡矩阵"} <= keys


def test_a_term_rjieba_cut_across_a_word_to_its_right_is_no_concept() -> None:
    """ "为了简单起见" (for simplicity's sake) reads 简单 + 起 + 见: every use of 简单起 comes
    before 见, which makes 起见 with 起. A term before a character that stands alone (数组的)
    or before a word of its own (数组元素) stands."""
    prose = "为了简单起见，我们选择固定步长。为了简单起见，我们选用目标函数。"
    assert _zh_cut_across("简单起", prose, "right")
    assert not _zh_cut_across("数组", "数组的长度固定。数组的元素相邻。", "right")
    assert not _zh_cut_across("数组", "访问数组元素很快。数组元素相邻。", "right")
    assert not _zh_cut_across("步长", prose, "right")


def test_a_chinese_heading_giving_examples_of_a_topic_names_the_topic() -> None:
    """ "互斥访问举例" (examples of mutual exclusion) is about 互斥访问, as "信号量简介" is
    about 信号量; "举例" or "应用举例" alone names nothing."""
    assert [c.term for c in heading_terms("互斥访问举例", 0, 2)] == ["互斥访问"]
    assert [c.term for c in heading_terms("信号量的使用举例", 0, 2)] == ["信号量"]
    assert [c.term for c in heading_terms("应用举例", 0, 2)] == []
    assert [c.term for c in heading_terms("举例", 0, 2)] == []


def test_a_formula_written_inline_in_a_chinese_heading_is_no_topic() -> None:
    # a statistics chapter's headings name the parameter beside its name: the macro's name
    # ("mu", "sigma", "neq") was a concept, and the word a symbol opens ("$t$分布") names
    # no topic alone
    def terms(heading: str) -> list[str]:
        return [c.term for c in heading_terms(heading, 0, 3)]

    assert terms("5.2 期望$\\lambda$的区间估计") == ["期望", "区间估计"]
    assert terms("情形二：$\\sigma \\neq \\tau$且都未知") == []
    assert terms("$t$分布") == []
    assert terms("6.1 总体的$\\chi^2$检验与样本") == ["总体", "样本"]


def test_a_symbol_typed_bare_after_a_chinese_heading_name_is_no_part_of_it() -> None:
    # a Word file, or a PDF made from one, sets the quantity's symbol as plain letters:
    # "分配比 k" was a concept of its own beside the 分配比 its section defined; a code name
    # ("列表 list") and a variety's letter ("维生素 C") are kept
    def terms(heading: str) -> list[str]:
        return [c.term for c in heading_terms(heading, 0, 3)]

    assert terms("2.3 扩散系数 Dg") == ["扩散系数"]
    assert terms("速率常数 k1") == ["速率常数"]
    assert terms("半衰期 tH") == ["半衰期"]
    assert terms("维生素 C") == ["维生素 C"]
    assert terms("列表 list") == ["列表 list"]


def test_a_name_counted_by_a_maths_letter_keeps_the_letter_a_pdf_sets_outside_the_bold() -> None:
    # a typeset PDF sets "n" in maths italics and only the Chinese words in bold: the
    # marked span opens on the measure word, a piece of the name
    sentence = "把同一试验独立地做 $n$ 次，这一串试验称为 $n$ 重独立试验。"
    assert [c.term for c in emphasis_terms(("重独立试验",), 0, sentence)] == ["n重独立试验"]
    defined = list(find_definitions(sentence, 0, True, ("重独立试验",)))
    assert [d.term for d in defined] == ["n重独立试验"]
    # a pattern's name too, without emphasis
    named = "这些变量排成的向量叫做 $m$ 维随机向量。"
    assert [d.term for d in find_definitions(named, 0, True)] == ["m维随机向量"]
    # the last operand of a sum is no count of its own; a word that only opens on 重 stays
    assert [c.term for c in emphasis_terms(("阶混合矩",), 0, "称为 $k$ + $l$ 阶混合矩。")] == [
        "阶混合矩"
    ]
    assert [c.term for c in emphasis_terms(("重要性",), 0, "样本量的重要性。")] == ["重要性"]
    # and the concept is the whole name, found where the body writes it
    blocks = [
        Block("heading", "二项分布", 0, 1),
        Block("paragraph", sentence, 1, emphasis=("重独立试验",)),
        Block("paragraph", "在 $n$ 重独立试验中，事件发生的次数服从二项分布。", 1),
        Block("paragraph", "每次 $n$ 重独立试验都相互独立。", 1),
    ]
    titles = {d.title for d in find_concepts(blocks, True, 200)[0]}
    assert "n 重独立试验" in titles
    assert "重独立试验" not in titles


def test_a_marked_span_that_opens_on_de_names_nothing() -> None:
    # a PDF's style change inside a formula's sentence: "…$nσ$的分布函数 $F_n(x)$ 满足"
    text = "标准化后 $nσ$的分布函数 $F_n(x)$ 满足下式。"
    assert emphasis_terms(("的分布函数",), 0, text) == []


def test_a_heading_name_a_noun_modifier_opens_is_whole_when_cut_after_a_numeral() -> None:
    # rjieba tags 普通 a noun and cuts 最小 + 二 + 乘法; glossed by its abbreviation, the
    # section's topic is the whole name the body writes, not its last word 乘法
    paragraphs = [
        "普通最小二乘法（OLS）按误差平方之和最小来选取回归系数。",
        "误差项同方差时，普通最小二乘法给出的系数无偏。",
    ]
    blocks = [
        Block("heading", "回归系数的求法", 0, 1),
        Block("heading", "普通最小二乘法", 0, 2),
        *(Block("paragraph", t, 1) for t in paragraphs),
    ]
    drafts = {d.key: d for d in find_concepts(blocks, True, 300)[0]}
    assert "heading" in drafts["普通最小二乘法"].sources
    assert "乘法" not in drafts


def test_a_heading_name_rjieba_cuts_inside_a_word_is_whole_where_the_body_writes_it() -> None:
    # rjieba reads 最小 + 作用 + 量原理 and 最小 + 二 + 乘法原理: the runs alone were the topics
    assert "最小作用量原理" in terms("8.1 最小作用量原理")
    assert "最小二乘法原理" in terms("3.2 最小二乘法原理")
    # a run that stops before the heading's end is its wording, no name cut inside
    assert "使用栈实现队列" not in terms("2.1 使用栈实现队列")
    paragraphs = [
        "最小作用量原理说明真实运动使作用量取驻值。",
        "由最小作用量原理可以导出拉格朗日方程。",
    ] * 2
    blocks = [
        Block("heading", "力学原理", 0, 1),
        Block("heading", "最小作用量原理", 0, 2),
        *(Block("paragraph", t, 1) for t in paragraphs),
    ]
    drafts = {d.key: d for d in find_concepts(blocks, True, 300)[0]}
    assert "heading" in drafts["最小作用量原理"].sources  # its section's topic
    assert "量原理" not in drafts


def test_a_section_that_leads_into_the_chapter_names_no_topic() -> None:
    # "7.1 问题的提出" titled a statistics chapter's first week; its subject follows it
    for heading in ("7.1 问题的提出", "问题提出", "1.1 引例", "本章导读"):
        assert terms(heading) == [], heading
    assert terms("7.2 参数估计的问题") != []  # a heading about a kind of problem stays


def test_a_chinese_name_as_long_as_its_four_word_english_gloss_is_kept_whole() -> None:
    # four of the segmenter's words, glossed by four English ones: no word is the sentence's
    from jobs.pipeline.structure import gloss_terms

    text = "常见的卫星定位手段是全球导航卫星系统 (Global Navigation Satellite System)。"
    assert [c.term for c in gloss_terms(text, 0)] == ["全球导航卫星系统"]
    # a one-word gloss still takes the name at the run's end only
    assert [c.term for c in gloss_terms("我们最小化一个损失函数（loss）。", 0)] == ["损失函数"]


def test_a_glossed_name_that_opens_its_line_is_read_whole() -> None:
    # an entry's name before its gloss and a colon: no clause stands before it, so a
    # leading word rjieba tags as an adverb (相对, 常) stays in the name
    assert glossed("相对风险比 (RR): 两组发生率之比") == ["相对风险比"]
    assert glossed("- 常染色体隐性遗传病 (Autosomal recessive)") == ["常染色体隐性遗传病"]
    assert glossed("2. 相对湿度 (relative humidity)：空气中水汽压与饱和水汽压之比") == ["相对湿度"]
    # inside a sentence the run before the gloss is still cut back to the name
    assert glossed("原子失去或得到电子形成离子（ion）") == ["离子"]
    # a phrase with a function word is no name, whole or not: the name is its last part
    assert glossed("市场的流动性 (liquidity)：资产变现的难易程度") == ["流动性"]
    # a gloss followed by more of the sentence is no entry's name
    assert "常染色体隐性遗传病" not in glossed("常在临床上见到常染色体隐性遗传病 (AR) 的病例")


def test_english_phrases_a_chinese_text_only_repeats_are_no_concepts(tmp_path: Path) -> None:
    # a handout writes its formulas in English words: "new cases" and "risk period" are
    # the formula's words, counted three times, never glossed or marked; a single English
    # word it keeps untranslated may be the tool's own name and is left to the budget
    text = (
        "# 疾病频率\n\n"
        "- 发病率：一定时期内新病例出现的频率，计算式为 new cases / people in risk period\n"
        "- 罹患率：new cases during an outbreak / people in risk period\n"
        "- 续发率：secondary new cases / contacts in risk period\n"
        "- 数据在 kiosk 中登记，每次都从 kiosk 读取，kiosk 保存全部状态变量\n"
    )
    titles = titles_of(tmp_path, text)
    assert "发病率" in titles
    assert not {"new cases", "risk period"} & titles


def test_maths_in_brackets_glosses_no_word_before_it() -> None:
    """A maths text writes a function in brackets and differentiates or squares it at once:
    "则有 (cos x)′=−sin x". The brackets hold the maths, not an English name for the word
    before them (有 was a concept glossed "cos x"); a real gloss keeps its term."""
    assert glossed("则有 (cos x)′=−sin x，又有 (tan x)'=sec²x。") == []
    assert glossed("两边平方得 (ln y)²=4。") == []
    assert glossed("导数（derivative）描述变化率。") == ["导数"]


def test_a_unit_in_brackets_inside_a_formula_glosses_nothing() -> None:
    """A slide's formula writes each quantity with its unit in brackets and an operator
    after it: "密度 = 质量（kg）/ 体积（m³）". The unit names no English term for the
    quantity (质量 became a concept defined by the formula line)."""
    assert glossed("密度 = 质量（kg）/ 体积（m³）") == []
    assert glossed("功率 P = 电压（V）× 电流（A）") == []


def test_chinese_labels_numbered_in_a_series_are_no_concepts() -> None:
    from jobs.pipeline.concepts import _without_numbered_series
    from jobs.pipeline.structure import Cue

    # a soil-mechanics syllabus's table labels its rows "实验1：…", "实验2：…"
    cues = [
        Cue("实验1", "gloss", 0),
        Cue("实验2", "gloss", 1),
        Cue("土的颗粒级配", "gloss", 2),
        Cue("实验 3", "heading", 3, level=3),
    ]
    assert [c.term for c in _without_numbered_series(cues)] == ["土的颗粒级配"]
    # one numbered label alone is no series, and an English term is still read only
    # as a heading's ("Python 2" and "Python 3" in bold stay)
    assert [c.term for c in _without_numbered_series(cues[:1])] == ["实验1"]
    english = [Cue("Python 2", "emphasis", 0), Cue("Python 3", "emphasis", 1)]
    assert _without_numbered_series(english) == english
    # one character before the number names a thing, an isotope: no series of labels
    isotopes = [Cue("碳12", "emphasis", 0), Cue("碳14", "emphasis", 1)]
    assert _without_numbered_series(isotopes) == isotopes


def test_a_method_named_with_and_without_its_fa_is_one_concept(tmp_path: Path) -> None:
    # "最小二乘法" and "最小二乘" in one chapter: 法 after a name ending on a verb is the
    # method of doing it, the same topic; after a noun it may be a law (劳动合同法)

    text = (
        "# 拟合\n\n## 最小二乘法\n\n**最小二乘法**是使残差平方和最小的估计方法。"
        "最小二乘常用于曲线拟合。用最小二乘估计回归系数。\n\n"
        "## 劳动合同法\n\n**劳动合同法**是调整劳动关系的法律。**劳动合同**是劳动者与用人单位"
        "确立劳动关系的协议。劳动合同应当采用书面形式。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "最小二乘法" in titles and "最小二乘" not in titles
    assert {"劳动合同法", "劳动合同"} <= titles


def test_of_the_form_before_a_formula_is_no_name(tmp_path: Path) -> None:
    # rjieba cuts 形如 (of the form) as the noun 形 and 如: "形如", "公式形如" were concepts

    text = (
        "# 时间序列\n\n## 自回归模型\n\n自回归模型是用过去的值预测当前值的模型。"
        "自回归模型形如 $y_t = c + \\phi y_{t-1}$。滑动平均模型形如 $y_t = \\mu + \\epsilon_t$。"
        "公式形如上式的模型称为线性模型。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "自回归模型" in titles
    assert not any("形如" in t for t in titles)


def test_an_ordinal_inside_a_name_is_part_of_it(tmp_path: Path) -> None:
    """ "开普勒第三定律", "第二宇宙速度": an ordinal before the name's noun, which rjieba tags
    a numeral, is the name's; it ended the run, and a law defined in the body by "这个规律
    叫做…" was no concept (its 定律 alone was one)."""
    text = (
        "# 行星运动\n\n所有行星绕太阳运动的轨道半长轴的三次方跟公转周期的二次方的比值都相等，"
        "这个规律叫做开普勒第三定律。开普勒第三定律适用于所有行星。\n\n"
        "物体挣脱地球引力束缚的最小发射速度叫做第二宇宙速度。第二宇宙速度约为11.2 km/s。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "讲义.md", "zh-CN")}
    assert described["开普勒第三定律"].endswith("这个规律叫做开普勒第三定律。")
    assert described["第二宇宙速度"]
    assert "定律" not in described


def test_a_verb_of_explaining_done_with_a_named_thing_ends_its_name(tmp_path: Path) -> None:
    """ "能用浮力解释生活中的现象" (explain things by buoyancy), a lesson's aim: 解释 is done
    with 浮力, no part of its name ("浮力解释" was a concept)."""
    text = (
        "# 浮力\n\n浸在液体中的物体受到液体向上托的力叫做浮力。\n\n"
        "能用浮力解释生活中的现象。学生用浮力解释轮船为什么能浮在水面上。\n\n"
        "利用浮力分析潜水艇的沉浮。浮力的方向总是竖直向上。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, "教案.md", "zh-CN")}
    assert "浮力" in titles
    assert not titles & {"浮力解释", "浮力分析"}, titles


def test_a_starred_symbol_in_inline_maths_does_not_hide_the_name_it_owns() -> None:
    # an optimum or an approximation written x* in TeX: its "*" is no bold mark
    sentence = "可行域中使目标函数取最小值的点$x^{*}$，称为该问题的最优解。"
    assert [d.term for d in find_definitions(sentence, 0, True)] == ["最优解"]
    owned = "测得的数与真值之差，称为测量值$a^*$的偏差。"
    (found,) = find_definitions(owned, 0, True)
    assert (found.term, found.sentence) == ("偏差", owned)
    # a name that would hold the maths is none
    assert all("$" not in d.term for d in find_definitions("这个量称为$x^{*}$。", 0, True))


def test_brackets_holding_a_pair_of_variables_gloss_no_word() -> None:
    # a maths text names an ordered pair or a split in brackets after a verb or a conjunction:
    # the letters are variables, no English name of the Chinese before them
    pairs = ("当(p, q)同时为真时，合取为真。", "集合S被二分为(S1,S2)，两块互不相交。")
    assert not [
        term for text in (*pairs, "当（x, y）属于关系R时，称x与y相关。") for term in glossed(text)
    ]
    assert glossed("邻接矩阵（adjacency matrix）记录顶点的相邻关系。") == ["邻接矩阵"]


def test_an_english_heading_is_the_chinese_name_its_body_glosses(tmp_path: Path) -> None:
    # notes that head their sections in the textbook's English and write the body in
    # Chinese give each name twice: the heading's English is the gloss of the Chinese name
    trees = (
        "连通图中包含全部顶点的一棵树被称为它的**生成树(spanning tree)**，它的边数比顶点数少一。"
    )
    cuts = "删去后使图不再连通的顶点称为**割点(cut vertex)**，割点把图分成几块。"
    sections = {"Spanning Trees": trees, "Cut Vertices": cuts}
    body = "".join(f"## {heading}\n\n{prose}\n\n" for heading, prose in sections.items())
    titles = titles_of(tmp_path, "# 第五章 图论\n\n" + body)
    # one concept each, under the Chinese name the body goes on using
    assert {"生成树", "割点"} <= titles and not {"spanning tree", "cut vertex"} & titles
    # a keyword the body writes as code is a name of its own, though its plural glosses
    # the Chinese name
    code = (
        "# 控制流\n\n## 循环\n\n为此 Rust 提供了多种 **循环**（*loops*）。循环反复执行代码。\n\n"
        "Rust 有三种循环：`loop`、`while` 和 `for`。\n\n### 使用 `loop` 重复执行代码\n\n"
        "`loop` 关键字让代码反复执行。\n\n`loop` 的一个用途是重试可能失败的操作。\n"
    )
    assert {"循环", "loop"} <= titles_of(tmp_path, code)
