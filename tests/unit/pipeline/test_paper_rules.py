"""Rules met on research papers and theses that teachers upload as course readings: the
paper's own keywords line after its abstract ("Keywords: …", "Index Terms—…", "关键词：…")
names its key topics, and its label is no term."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.concepts import zh_listed_terms
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.model import Block
from jobs.pipeline.references import bibliography
from jobs.pipeline.structure import HEADING_NUMBER, heading_terms, keyword_list
from tests.unit.pipeline.written import concepts_of, keys_of


def test_a_keywords_line_lists_its_items() -> None:
    assert keyword_list("Index Terms—graph algorithm, cache optimisation, node ordering") == [
        "graph algorithm",
        "cache optimisation",
        "node ordering",
    ]
    assert keyword_list("Keywords Smart Watches; Contact-free; Gesture Interaction") == [
        "Smart Watches",
        "Contact-free",
        "Gesture Interaction",
    ]
    assert keyword_list("**关键词：** 硒化镉量子点，瞬态吸收，二维光谱") == [
        "硒化镉量子点",
        "瞬态吸收",
        "二维光谱",
    ]
    assert keyword_list("Key words: transient absorption, CdSe quantum dots.") == [
        "transient absorption",
        "CdSe quantum dots",
    ]


def test_a_sentence_opening_on_keywords_lists_nothing() -> None:
    assert keyword_list("Keywords are reserved words in Python, such as if and else.") == []
    assert (
        keyword_list(
            "Keywords: the words that the language reserves for its own syntax, "
            "which no variable may take as its name."
        )
        == []
    )
    assert keyword_list("关键词是编程语言保留的标识符。") == []


def test_a_papers_keywords_are_concepts_and_its_label_is_none(tmp_path: Path) -> None:
    text = (
        "# 硒化镉量子点的二维光谱探测\n\n## 摘要\n\n"
        "二维光谱是一种基于三阶非线性光学效应的超快时间分辨的光谱测量手段。"
        "它用三个激光脉冲组成的序列激励材料。\n\n"
        "**关键词：** 硒化镉量子点，瞬态吸收，非线性光学\n\n## 背景介绍\n\n"
        "量子点是尺寸在百纳米以下的晶体颗粒。二维光谱能够揭示材料更为丰富的信息。"
        "瞬态吸收是一种测量手段。硒化镉量子点有两种结构。非线性光学研究强光与物质的作用。\n"
    )
    path = tmp_path / "thesis.md"
    path.write_text(text, encoding="utf-8")
    found = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"硒化镉量子点", "瞬态吸收", "非线性光学"} <= found
    assert "关键词" not in found


def test_a_glossary_entry_for_keyword_lists_nothing() -> None:
    assert keyword_list("**keyword:** What the book calls keyword, in one line.") == []
    assert keyword_list("**关键字**：Python 保留的单词，如 if、else") == []


def test_markdown_that_keeps_html_figures_and_tables_is_markdown(tmp_path: Path) -> None:
    """pandoc writes a paper's figures and tables into Markdown as HTML: libmagic calls the
    file HTML, and read as a page its "#" headings ran into one paragraph."""
    text = (
        "# Speedup Graph Processing by Graph Ordering\n\n"
        "## Introduction\n\nCache systems keep data close to the processor.\n\n"
        '<figure>\n<img src="img/cache.png" alt="Cache stall" />\n'
        "<figcaption>Cache stall</figcaption>\n</figure>\n\n"
        "## Method\n\n- Gorder clusters nodes.\n- RCM favours small degrees.\n\n"
        "<table>\n<thead>\n<tr><th>Dataset</th><th>Nodes</th></tr>\n</thead>\n"
        "<tbody>\n<tr><td>pokec</td><td>1.63</td></tr>\n</tbody>\n</table>\n"
    )
    path = tmp_path / "upload"
    path.write_text(text, encoding="utf-8")
    assert detect(path, filename="paper.md").kind == "markdown"
    page = "<html><body><h1>Graph Ordering</h1><p>Cache systems.</p></body></html>"
    path.write_text(page, encoding="utf-8")
    assert detect(path, filename="paper.md").kind == "html"


def test_a_reference_lists_label_line_opens_the_bibliography() -> None:
    """IEEE and VGTC set "REFERENCES" in small capitals smaller than the body: the PDF
    reader reads a paragraph, not a heading; the entries after it, run together across
    the columns, are the list all the same (the journals they name were concepts)."""
    blocks = [
        Block("heading", "5 Conclusion", 1, 2),
        Block("paragraph", "Uncertainty visualization is tightly coupled with scales.", 1),
        Block("paragraph", "REFERENCES", 1),
        Block("paragraph", "[1] M. Allen and D. Poggiali. Raincloud plots. Wellcome Open", 1),
        Block("paragraph", "Research, 4, 2019. The American Statistician, 53(3):276–281.", 1),
        Block("heading", "Appendix", 2, 2),
        Block("paragraph", "A proof of the change of variables.", 2),
    ]
    assert bibliography(blocks) == {2, 3, 4}
    # a lecture's "参考文献" over one link, its examples after it: no list (they were lost)
    lecture = [
        Block("heading", "洛伦兹曲线", 1, 2),
        Block("paragraph", "参考文献", 1),
        Block("code", ".. [1] https://en.wikipedia.org/wiki/Lorenz_curve", 1),
        Block("paragraph", "示例", 1),
        Block("paragraph", "基尼系数衡量收入分配的不平等程度。", 1),
    ]
    assert bibliography(lecture) == set()


def test_a_thesis_keywords_in_the_other_language_are_no_concepts(tmp_path: Path) -> None:
    """A thesis gives its abstract and keywords in Chinese and English: in the English
    thesis the Chinese list only translates the English one (and the other way round)."""
    text = (
        "# Contact-free Control for Smart Watches\n\n## 摘要\n\n本文设计了智能手表的手势交互。\n\n"
        "关键词：智能手表；手势交互；备择设计\n\n## Abstract\n\n"
        "We design gesture interaction for smart watches.\n\n"
        "Keywords: smart watches; gesture interaction; alternative design\n\n## Introduction\n\n"
        "A smart watch is worn on the wrist. Gesture interaction frees the other hand. "
        "An alternative design replaces each touch with a gesture.\n"
    )
    found = keys_of(tmp_path, text, "thesis.md")
    assert {"smart watch", "gesture interaction", "alternative design"} <= found
    assert not found & {"智能手表", "手势交互", "备择设计"}


def test_a_papers_and_a_thesiss_own_sections_are_apparatus() -> None:
    for heading in ("Results", "Conclusions", "Future Work", "Supplemental Materials"):
        assert apparatus(heading), heading
    for heading in ("绪论", "结论和展望", "实验结果与分析", "Figure Credits"):
        assert apparatus(heading), heading
    assert not apparatus("Evaluation") and not apparatus("Methods")
    # the list of abbreviations a paper uses is no topic; what it abbreviates may be
    for heading in ("Abbreviations", "List of abbreviations", "Acronyms"):
        assert apparatus(heading), heading
    assert not apparatus("Abbreviations in clinical notes")
    # "附录 B 用户调研问卷": the appendix's letter is its number; "背景介绍" introduces 背景
    assert HEADING_NUMBER.sub("", "附录 B 用户调研问卷") == "用户调研问卷"
    assert not [c.term for c in heading_terms("1 背景介绍", 0, 1)]
    assert [c.term for c in heading_terms("量子点介绍", 0, 2)] == ["量子点"]


def test_a_chapters_key_terms_list_names_its_topics_and_its_label_none(tmp_path: Path) -> None:
    # a textbook chapter closes with its 关键术语 set apart by wide spaces, no punctuation
    # (text written for the test)
    chapter = [
        "# 第四章 舆论",
        "## 第一节 舆论的形成",
        "舆论是公众对公共事务的意见。人们在交谈中了解他人的看法，再决定是否发言。"
        "媒介报道让一些议题进入公众视野。",
        "## 本章小结",
        "舆论在公众的交流中形成，媒介影响它的走向。",
        "## 关键术语",
        "舆论　公众议题　意见分布　信息茧房",
    ]
    found = concepts_of(tmp_path, "\n\n".join(chapter) + "\n", "舆论.md", language="zh-CN")
    keys = {c.key for c in found}
    assert {"意见分布", "信息茧房"} <= keys
    assert "关键术语" not in keys
    # a sentence in such a section lists nothing
    assert zh_listed_terms("舆论　公众议题　意见分布") == ["舆论", "公众议题", "意见分布"]
    assert zh_listed_terms("舆论、议题和意见，都在本章讲过。") == []
    assert zh_listed_terms("舆论　议题") == []
