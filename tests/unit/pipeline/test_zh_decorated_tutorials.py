"""Rules met on a Chinese tutorial that decorates its headings with emoji and ends each
chapter on graded exercises, and on a shell tutorial printed to PDF. Every example is
written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from datasources.files.detect import detect
from jobs.pipeline.concepts import _zh_step_labels, zh_step_object
from jobs.pipeline.lexicon import FURNITURE, apparatus
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read
from jobs.pipeline.readers.blocks import make_blocks
from jobs.pipeline.structure import heading_terms
from tests.unit.pipeline.written import concepts_of


def test_a_pictograph_decorating_a_heading_is_no_text() -> None:
    [heading] = make_blocks("heading", "📘 本章小结", 1, level=2)
    assert heading.text == "本章小结"
    [item] = make_blocks("list_item", "蒸腾作用 ✅", 1, emphasis=("💡 蒸腾作用",))
    assert (item.text, item.emphasis) == ("蒸腾作用", ("蒸腾作用",))
    # a keycap numbers a heading as decoration; music and planet signs are content
    assert make_blocks("heading", "1️⃣ 光合作用", 1, level=2)[0].text == "光合作用"
    assert make_blocks("heading", "升 F♯", 1, level=2)[0].text == "升 F♯"
    # code keeps whatever it prints
    assert make_blocks("code", 'echo "✅"', 1)[0].text == 'echo "✅"'


def test_a_pictograph_after_a_word_inside_a_line_is_no_text() -> None:
    # a revision page decorates its words where they stand: "海洋🐋和陆地🏔️" is 海洋和陆地,
    # and a bold "道教🇨🇳" names 道教, not a word ending on a flag
    [heading] = make_blocks("heading", "海洋🐋和陆地🏔️", 1, level=2)
    assert heading.text == "海洋和陆地"
    [item] = make_blocks("list_item", "道教🇨🇳：道观", 1, emphasis=("道教🇨🇳：",))
    assert (item.text, item.emphasis) == ("道教：道观", ("道教：",))
    # a symbol followed by the emoji selector is shown as a pictograph too
    assert make_blocks("heading", "等温线〰️", 1, level=3)[0].text == "等温线"
    # a keycap inside a line keeps its digit
    assert make_blocks("paragraph", "先做第 3️⃣ 题", 1)[0].text == "先做第 3 题"


def test_decorated_apparatus_headings_are_no_concepts(tmp_path: Path) -> None:
    text = (
        "# 第2章：植物的水分代谢\n\n"
        "## 🌱 蒸腾作用\n\n蒸腾作用是水分从植物体表以水蒸气状态散失到大气中的过程。"
        "蒸腾作用拉动水分向上运输。\n\n"
        "## 🌿 根压\n\n根压是植物根系生理活动使液流从根部上升的压力。"
        "根压与蒸腾作用共同推动水分运输。\n\n"
        "## 🧠 本章小结\n\n蒸腾作用和根压都推动水分运输。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert {"蒸腾作用", "根压"} <= titles
    assert not any("🧠" in t or "🌱" in t or "本章小结" in t for t in titles)


@pytest.mark.parametrize("label", ["题1", "题 12", "例题3", "问题2", "热身题1", "错题 2", "真题3"])
def test_an_exercise_counted_by_its_number_is_furniture(label: str) -> None:
    assert FURNITURE.match(label)


@pytest.mark.parametrize("label", ["题型二", "题型 3", "题目一", "例题十二", "真题四"])
def test_a_kind_of_exercise_counted_in_any_numerals_is_furniture(label: str) -> None:
    assert FURNITURE.match(label)


@pytest.mark.parametrize("name", ["问题一致性", "题型", "十二指肠"])
def test_a_name_that_goes_on_after_a_numeral_is_no_exercise_label(name: str) -> None:
    assert not FURNITURE.match(name)


@pytest.mark.parametrize(
    "heading", ["基础题", "挑战题", "提高题", "关键知识点", "问题描述", "解决方案", "开篇段落"]
)
def test_graded_exercises_and_a_tutorials_scaffold_are_apparatus(heading: str) -> None:
    assert apparatus(heading)


@pytest.mark.parametrize("topic", ["选择题解法", "题型", "问题求解", "知识图谱", "段落结构"])
def test_topics_near_those_words_stay(topic: str) -> None:
    assert not apparatus(topic) and not FURNITURE.match(topic)


def test_a_procedures_verb_led_step_labels_name_what_they_act_on(tmp_path: Path) -> None:
    text = (
        "# 配制溶液\n\n配制一定浓度的溶液需要按顺序操作。\n\n"
        "## 配制的步骤\n\n"
        "1. **计算溶质质量**：根据浓度和体积算出所需溶质质量。\n"
        "2. **称量固体**：用天平称取溶质，溶质质量要准确。\n"
        "3. **溶解固体**：在烧杯中加水溶解，溶质质量不变。\n"
        "4. **转移溶液**：把溶液转入容量瓶，容量瓶要先检漏。\n\n"
        "溶质质量决定了浓度。容量瓶的刻度线要对准。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "溶质质量" in titles
    assert not titles & {"计算溶质质量", "称量固体", "溶解固体", "转移溶液"}


def test_one_verb_led_label_among_names_stays_a_name() -> None:
    blocks = [
        Block("list_item", "选择排序：每次选出最小的元素。", 1, emphasis=("选择排序",)),
        Block("list_item", "冒泡排序：相邻元素两两交换。", 1, emphasis=("冒泡排序",)),
        Block("list_item", "归并排序：分成两半再合并。", 1, emphasis=("归并排序",)),
    ]
    assert zh_step_object("选择参考节点") == "参考节点"
    assert _zh_step_labels(blocks) == {}


def test_chinese_a_code_font_sets_in_a_listing_is_no_stress(tmp_path: Path) -> None:
    import weasyprint

    # a shell lesson printed as a browser prints it: the listing's Chinese (a program's
    # output) comes from a CJK code font, not the body's
    listing = "<br>".join(["$ cp", "cp: 缺少文件操作数", "$ echo 参数不对", "    二月 2024"])
    body = "".join(
        f"<p>{s}</p>"
        for s in [
            "复制命令 cp 把文件复制到目标位置。没有给出文件时，复制命令报告错误。",
            "复制命令的参数是源文件和目标文件。源文件必须存在。",
        ]
    )
    page = (
        "<html><head><style>body { font-family: 'WenQuanYi Micro Hei'; }"
        " pre { font-family: 'WenQuanYi Micro Hei Mono'; }</style></head><body>"
        f"<h1>复制命令</h1>{body}<pre>{listing}</pre>{body}</body></html>"
    )
    path = tmp_path / "shell.pdf"
    weasyprint.HTML(string=page).write_pdf(path)
    document = read(path, detect(path))
    stressed = {e for b in document.blocks() for e in b.emphasis}
    assert not stressed & {"缺少文件操作数", "参数不对", "二月"}
    code = [b.text for b in document.blocks() if b.kind == "code"]
    assert any("缺少文件操作数" in t for t in code)


def test_a_worked_examples_labels_define_nothing(tmp_path: Path) -> None:
    paragraphs = [
        "# 杠杆",
        "杠杆是在力的作用下能绕固定点转动的硬棒。杠杆的固定点叫支点。",
        "## 杠杆平衡条件",
        "杠杆平衡时，动力乘动力臂等于阻力乘阻力臂。",
        "**问题描述**：一根杠杆的动力臂是阻力臂的三倍，求动力与阻力之比。",
        "**解决方案**：由杠杆平衡条件，动力是阻力的三分之一。",
    ]
    concepts = concepts_of(tmp_path, "\n\n".join(paragraphs), language="zh-CN")
    assert "杠杆" in {c.title for c in concepts}
    assert all(c.title not in ("问题描述", "解决方案") for c in concepts)


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("for...of 遍历", "for...of 遍历"),
        ("2.3 do...while 循环", "do...while 循环"),
        ("try…except 结构", "try...except 结构"),
    ],
)
def test_a_construct_with_its_body_elided_is_one_name(heading: str, name: str) -> None:
    assert [c.term for c in heading_terms(heading, 0, 2)] == [name]


@pytest.mark.parametrize("heading", ["使用注意点", "注意要点"])
def test_the_points_to_mind_are_apparatus(heading: str) -> None:
    assert heading_terms(heading, 0, 2) == []
    assert "通配符" in [c.term for c in heading_terms("通配符的注意点", 0, 2)]


def test_a_chinese_term_in_backticks_is_stressed_not_code() -> None:
    # a blog written in Markdown highlights the term it introduces with backticks
    [block] = make_blocks("paragraph", "`生态位`是一个物种在群落中占据的位置。", 1)
    assert (block.text, block.emphasis) == ("生态位是一个物种在群落中占据的位置。", ("生态位",))
    [item] = make_blocks("list_item", "`竞争排斥原理（Gause）`说明了两种资源相同的物种难以共存", 1)
    assert item.emphasis == ("竞争排斥原理（Gause）",)
    # code, and a single character, keep their backticks and stress nothing
    for text in ("运行 `git log` 查看", "设 `n=10` 个样本", "字段 `名`为空", "`df.groupby()`分组"):
        [kept] = make_blocks("paragraph", text, 1)
        assert (kept.text, kept.emphasis) == (text, ())


def test_a_chinese_phrase_in_backticks_is_stressed_prose_not_code() -> None:
    # a revision note wraps whole phrases, brackets and commas inside, in backticks
    [item] = make_blocks("list_item", "细胞学说：由`【施莱登】和【施旺】共同提出`，后经补充完善", 1)
    assert item.text == "细胞学说：由【施莱登】和【施旺】共同提出，后经补充完善"
    assert item.emphasis == ()  # a phrase, no term's shape: nothing stressed
    # a heading so stressed keeps its topic
    [heading] = make_blocks("heading", "2.1. `光合作用`的过程", 1, level=2)
    assert heading.text == "2.1. 光合作用的过程"
    # code with Chinese in it keeps its backticks
    for text in ("`print('你好，世界')`输出", "设 `总数=10` 个样本", "调用`obj.名称`"):
        [kept] = make_blocks("paragraph", text, 1)
        assert kept.text == text


def test_a_blog_marking_terms_with_backticks_keeps_its_definitions(tmp_path: Path) -> None:
    # one bold sentence made the post no plain text, so its backticked terms were unmarked
    text = (
        "# 种群生态\n\n## 基本概念\n\n"
        "`环境容纳量`是一定环境条件下种群所能维持的最大数量。\n\n"
        "**理解这两个概念对后面的学习非常重要，请务必记住。**\n\n"
        "`内禀增长率`是种群在无限制条件下的瞬时增长率。\n\n"
        "环境容纳量限制种群增长，内禀增长率决定增长快慢。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert described["环境容纳量"].startswith("环境容纳量是一定环境条件下")
    assert described["内禀增长率"].startswith("内禀增长率是种群在无限制条件下")


def test_the_words_between_two_code_spans_are_no_term() -> None:
    text = "矩阵`A`的列数（即长度）必须等于向量`x`的维数"
    [block] = make_blocks("paragraph", text, 1)
    assert (block.text, block.emphasis) == (text, ())


@pytest.mark.parametrize(
    "stamp", ["最后编辑于 2023-09-01 08:05", "更新于2022年11月3日", "Last edited 2021/7/9"]
)
def test_a_date_stamp_under_a_note_is_furniture(stamp: str) -> None:
    assert FURNITURE.match(stamp)


@pytest.mark.parametrize("name", ["2019冠状病毒病", "五四运动", "ISO 9001", "GB/T 7714-2015"])
def test_names_holding_a_year_or_figures_stay(name: str) -> None:
    assert not FURNITURE.match(name)


def test_a_markdown_headings_hashes_printed_as_text_are_no_title() -> None:
    # a heading converted from Markdown to PDF or Word can keep its "##" as text
    from jobs.pipeline.readers.blocks import make_blocks

    (heading,) = make_blocks("heading", "### 牛顿迭代法与割线法", 1, level=2)
    assert heading.text == "牛顿迭代法与割线法"
    (english,) = make_blocks("heading", "## Fixed-point iteration", 1, level=2)
    assert english.text == "Fixed-point iteration"
    # a hash that is part of the words, or a paragraph's, stays
    assert make_blocks("heading", "C# 语言基础", 1, level=2)[0].text == "C# 语言基础"
    assert make_blocks("paragraph", "## 不是标题的一行", 1)[0].text == "## 不是标题的一行"


@pytest.mark.parametrize("label", ["分析思路", "结果说明"])
def test_a_worked_examples_reasoning_and_the_reading_of_its_result_are_apparatus(
    label: str,
) -> None:
    # an example's parts labelled in bold: how it is reasoned, what its result says
    assert apparatus(label)


def test_an_emoji_shortcode_is_no_text() -> None:
    from jobs.pipeline.readers.markdown import parse

    # GitHub shows ":star:" as a star: a flagged chapter's heading is its words alone
    source = "# 第三章 细胞分裂 :star:\n\n用:white_circle:表示一个细胞，:thumbsup:表示分裂完成。\n"
    texts = [b.text for b in parse(source)]
    assert texts[0] == "第三章 细胞分裂"
    assert texts[1] == "用表示一个细胞，表示分裂完成。"
    # clock times, C++ scopes, a ratio and code spans keep their colons
    kept = "会议在 10:30:45 开始，调用 std::vector 时比例为 1:a:2，写作 `:star:`。\n"
    assert parse(kept)[0].text == kept.strip()
