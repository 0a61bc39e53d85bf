"""Words that name nothing a course teaches, each rule on text written for the test: a
pane a lab's step views, a pronoun, a course's people and administration read from the
term statistics alone, an expansion written with its acronym's capitals inside a word,
and an XML attribute read as an equation."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.concepts import _styled_throughout, _zh_preposition_edge
from jobs.pipeline.formulas import _looks_mathematical
from jobs.pipeline.lexicon import course_matter
from jobs.pipeline.model import Block
from jobs.pipeline.structure import acronym_pairs, interface_label
from jobs.pipeline.textutil import prose
from tests.unit.pipeline.written import written


def test_a_pane_a_step_views_is_a_control() -> None:
    text = "7. In the portal, view Notifications to verify that deployment has started."
    assert interface_label("Notifications", text)
    assert interface_label("Notifications", "3. View Notifications to verify it.")
    # a view as a noun before a term is no step
    assert not interface_label("materialized view", "A materialized view stores rows.")


def test_a_pronoun_is_no_concept(tmp_path: Path) -> None:
    # a book's title ends on one ("… for Everybody"), and its prose calls a value by a name
    # ("we call everybody `bruce`"): neither makes the pronoun a term
    text = (
        "# Python for Everybody\n\n"
        "## Functions\n\n"
        "A **function** is a named sequence of statements. A **parameter** is the name a\n"
        "function gives its argument. Inside the function we call everybody `bruce`.\n"
        "Everybody can write a function, and a function returns a value to everybody.\n"
        "A function takes a parameter; a parameter is local to its function.\n"
    )
    path = tmp_path / "book.md"
    path.write_text(text, encoding="utf-8")
    titles = {c.title.casefold() for c in analyse_file(path).knowledge.concepts}
    assert "function" in titles
    assert "everybody" not in titles


def test_an_acronym_capital_inside_a_word_opens_its_expansion() -> None:
    text = "One format is eXtensible Markup Language (XML), used for documents."
    assert acronym_pairs(text) == [("eXtensible Markup Language", "XML")]
    # a capital inside a word the acronym does not open stays unread
    assert acronym_pairs("the new process (PID) runs") == []


def test_a_markup_attribute_is_no_equation() -> None:
    assert not _looks_mathematical("+1 734 303 4456 type=intl")
    assert not _looks_mathematical('<phone type="intl"> +1 734 303 4456')
    # equations stay, spaced or not
    assert _looks_mathematical("y = 2x + 1")
    assert _looks_mathematical("f(x)=3x+2, x=1")
    assert _looks_mathematical("E = m c^2 + 4")


def test_a_course_people_and_calendar_are_no_topics() -> None:
    for term in (
        "fellow students",
        "academic advisor",
        "course staff",
        "office hours",
        "late days",
        "video recordings",
        "homework assignments",
        "semester",
        "习题课",
    ):
        assert course_matter(term), term
    for term in ("student t-test", "staff scheduling", "exam scheduling"):
        assert not course_matter(term), term
    assert not course_matter("distributed systems")
    assert not course_matter("participation")


SYLLABUS = """# Introduction to Big Data

## Relational Databases

A **relational database** stores data in tables. A relational database is queried
with SQL; a relational database keeps its tables normalised.

## Help

Post questions in the forum: your fellow students may have already found an answer.
If the forum does not help, ask your fellow students or come to office hours. Office
hours are on Monday; fellow students often answer first. Homework is due each week;
homework is submitted online, and late homework loses marks. Each semester the
homework changes, and the semester ends with office hours before the exam.
"""


def test_a_syllabus_counts_its_people_without_teaching_them(tmp_path: Path) -> None:
    path = tmp_path / "syllabus.md"
    path.write_text(SYLLABUS, encoding="utf-8")
    titles = {c.title.casefold() for c in analyse_file(path).knowledge.concepts}
    assert "relational database" in titles
    assert not titles & {"fellow students", "fellow student", "office hours", "homework"}


def test_a_chinese_phrase_cut_at_its_preposition_is_no_name() -> None:
    assert _zh_preposition_edge("对小微企业")
    for name in ("与门", "对称矩阵", "从属关系", "在线学习", "向量空间", "对照组", "键值对"):
        assert not _zh_preposition_edge(name), name


def test_a_preposition_before_one_whole_word_is_no_name() -> None:
    # "用户对商品打分" and "与商品有关" left 对商品 and 与商品: the preposition and its object
    for phrase in ("对商品", "与顾客", "向客户", "把文件"):
        assert _zh_preposition_edge(phrase), phrase
    # names that open on such a character: one word to rjieba, or 从 (a replica's node)
    for name in ("从节点", "对流层", "与非门", "对偶图", "被动式"):
        assert not _zh_preposition_edge(name), name


def test_options_set_in_the_face_of_a_whole_exercise_stress_nothing() -> None:
    # a book sets its exercises in slanted type, the options' labels upright
    options = Block(
        "paragraph",
        "b) Main Memory c) Secondary Memory d) Input Devices e) Output Devices",
        29,
        emphasis=("Main Memory", "Secondary Memory", "Input Devices", "Output Devices"),
    )
    assert _styled_throughout(options)
    # names a list sets in bold, and terms a sentence stresses, stay emphasis
    listed = Block(
        "paragraph", "Polymorphism, Inheritance", 3, emphasis=("Polymorphism", "Inheritance")
    )
    assert not _styled_throughout(listed)
    stressed = Block("paragraph", "A rod and a cone differ.", 3, emphasis=("rod", "cone"))
    assert not _styled_throughout(stressed)


def test_a_mail_address_names_no_term() -> None:
    assert "rpi" not in prose("Office hours: write to johnss20 [at] rpi [dot] edu first.")
    assert "edu" not in prose("an excuse from the office (se@rpi.edu).")
    assert "night" in prose("look at the data [at] night")


def test_an_amount_and_the_object_of_study_are_no_concepts(tmp_path: Path) -> None:
    # "a certain amount" and "what is studied" recur in any science's prose, naming nothing
    text = (
        "# 化学平衡\n\n化学平衡是研究对象的正反应速率与逆反应速率相等的状态。"
        "向体系中加入一定量的反应物，平衡向正反应方向移动；取出一定量的生成物亦然。"
        "选定研究对象后，再分析化学平衡的移动。\n"
    )
    found = analyse_file(written(tmp_path, "notes.md", text), language="zh-CN")
    titles = {c.title for c in found.knowledge.concepts}
    assert "化学平衡" in titles
    assert not titles & {"一定量", "研究对象"}
