"""Headings of Chinese revision notes and formularies: a key word stressed in square black
brackets inside a heading, and an entry headed by a name and the classic it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.pipeline.normalise import heading_title
from jobs.pipeline.structure import heading_terms
from tests.unit.pipeline.written import concepts_of


def _terms(heading: str) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, 2)]


def test_a_stressed_word_inside_a_heading_is_the_headings_own() -> None:
    """ "【货币供给】及其测量": the brackets stress the topic as bold would; read as a label
    they took the topic away and left the bare "及其测量" as the heading's name."""
    terms = _terms("2.1. 【货币供给】及其测量")
    assert "货币供给" in terms
    assert "及其测量" not in terms
    # a week's title shows the words without the marks
    assert heading_title("3.2. 利率的【决定】") == "3.2. 利率的决定"
    assert heading_title("【货币供给】及其测量") == "货币供给及其测量"


def test_a_stressed_aspect_after_de_is_no_topic_of_its_own() -> None:
    """ "利率的【决定】": the stressed word names what the section does with its topic."""
    assert _terms("利率的【决定】") == ["利率"]


def test_a_handout_label_in_brackets_stays_a_label() -> None:
    """ "【考点二】…", "…【重点】": the labels of a handout are still no part of the topic."""
    assert heading_title("【考点二】汇率制度") == "【考点二】汇率制度"
    assert heading_title("汇率制度【重点】") == "汇率制度【重点】"
    assert _terms("【考点二】汇率制度") == ["汇率制度"]
    assert "汇率制度重点" not in _terms("汇率制度【重点】")


def test_a_formula_headed_with_its_source_classic_names_the_formula() -> None:
    """ "四君子汤《太平惠民和剂局方》": the entry is the formula; the book in title marks is
    where it comes from. Read as one phrase the name was cut into pieces and the book's
    title was a topic."""
    assert _terms("四君子汤《太平惠民和剂局方》") == ["四君子汤"]
    assert _terms("3.2 六味地黄丸《小儿药证直诀》") == ["六味地黄丸"]


def test_a_book_joined_to_the_heading_by_a_word_is_not_a_source() -> None:
    """ "读《论语》", "鲁迅与《呐喊》": the work is what the section is about."""
    assert _terms("读《论语》") != []
    assert _terms("鲁迅与《呐喊》") != ["鲁迅"]


def test_a_work_headed_with_its_authors_name_is_a_topic_with_the_author() -> None:
    """ "杜甫《春望》": a poet and the poem; only a prescription's name (ending on 汤, 散, 丸 …)
    cites its book as a source, which is then no topic."""
    assert _terms("杜甫《春望》") == ["杜甫", "春望"]
    assert _terms("老舍《茶馆》") == ["老舍", "茶馆"]


def test_a_heading_numbered_twice_loses_both_numbers() -> None:
    """ "1.2. 二、…": an editor's table of contents numbers the heading, the note's own
    numbering follows; the second number was read as the heading's topic ("二")."""
    assert _terms("3.1. 二、细胞呼吸") == ["细胞呼吸"]
    assert _terms("2.4.1. (2)有丝分裂") == ["有丝分裂"]
    # a number before a word that opens on a numeral is no second number
    assert _terms("1. 一元线性回归") == ["一元线性回归"]


def test_a_stressed_word_running_into_the_head_word_is_part_of_the_name() -> None:
    """ "【被动运输】方式", "主动【运输】方式": the stressed words modify the short head word
    closing the heading; read as a label they went and left the bare head as the topic."""
    assert _terms("2.3. 【被动运输】方式") == ["被动运输方式"]
    assert _terms("主动【运输】方式") == ["主动运输方式"]
    assert heading_title("【被动运输】方式") == "被动运输方式"
    # a handout's part labels still label: "【例2】…", "【答案】…"
    assert heading_title("【例2】解法") == "【例2】解法"
    assert heading_title("【答案】正确") == "【答案】正确"


# a stressed name, under its heading by a "含义：" label and before an item's colon
_STRESSED_NAMES = [
    "# 物质跨膜运输\n\n## 2.1. 【被动运输】方式\n\n1. 含义：顺浓度梯度进行、不消耗能量的运输。"
    "\n\n## 2.2. 【主动运输】方式\n\n1. 含义：逆浓度梯度进行、需要载体并消耗能量的运输。\n",
    "# 物质跨膜运输\n\n## 运输的方式\n\n1. 【被动运输】方式：顺浓度梯度进行、不消耗能量的运输。"
    "\n2. 【主动运输】方式：逆浓度梯度进行、需要载体并消耗能量的运输。\n",
]


@pytest.mark.parametrize("text", _STRESSED_NAMES)
def test_a_stressed_name_keeps_its_meaning(tmp_path: Path, text: str) -> None:
    """The section's "含义：" defines the whole name its heading stresses, and "【被动运输】
    方式：…" the item's: with the brackets left in the heading's text the name read as never
    mentioned and the bare head word "运输" took the meaning; read as a label, the item's
    stressed words went and it defined nothing."""
    described = {c.title: c.description for c in concepts_of(tmp_path, text, language="zh-CN")}
    for name, meaning in (("被动运输方式", "顺浓度梯度"), ("主动运输方式", "逆浓度梯度")):
        assert described[name].startswith(f"{name}：{meaning}")


def test_what_a_note_says_of_a_policy_is_no_topic() -> None:
    """ "…的内涵与适用条件", "…的优势与风险", "实施…的途径", "…的误区": the meaning, the fit,
    the ways and the risks of the policy the heading names, no topics of their own."""
    assert _terms("2.1. 浮动汇率制度的内涵与适用条件") == ["浮动汇率制度"]
    assert _terms("浮动汇率制度的优势与风险") == ["浮动汇率制度"]
    assert _terms("实施浮动汇率制度的途径") == ["浮动汇率制度"]
    assert _terms("浮动汇率制度的误区") == ["浮动汇率制度"]
    # a kind of risk is a topic
    assert _terms("汇率风险") == ["汇率风险"]


def test_the_exam_years_closing_a_heading_are_no_part_of_its_title() -> None:
    """ "…（2019年真题）": a revision note marks the years an exam asked the section; a
    module's title kept the mark."""
    assert heading_title("3.1. 光合作用的过程（2019年真题）") == "3.1. 光合作用的过程"
    assert heading_title("细胞周期（2012年真题、2023年真题）") == "细胞周期"
    # a year that dates the topic stays
    assert heading_title("辛亥革命（1911年）") == "辛亥革命（1911年）"
