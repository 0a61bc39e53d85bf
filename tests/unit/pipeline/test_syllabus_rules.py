"""Rules met on syllabi and course outlines (课程大纲, 教学大纲), each on text written for the
test: a syllabus's administration (policies, grading, office hours, 上课时间) names no topic;
its outline's items, a week's list and a schedule's chapters name what the course teaches."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.structure import heading_terms


def titles_of(
    tmp_path: Path, text: str, name: str = "syllabus.md", language: str = "en"
) -> set[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.title for c in analyse_file(path, language=language).knowledge.concepts}


def test_a_syllabus_administration_headings_are_apparatus() -> None:
    for heading in (
        "Course Prerequisites",
        "Expected Effort",
        "Coursework and Grading",
        "Late Policy",
        "Grade Appeal Policy",
        "Taking Exams",
        "Assessment Measures and Grading Criteria",
        "Tentative Schedule",
        "Undergraduate Mentors",
        "Policies",
        "Diversity, Equity, and Inclusion",
        "上课时间",
        "收作业时间",
        "参考书籍",
        "习题课",
        "学生项目展示",
        "团队合作技巧",
    ):
        assert apparatus(heading), heading
    # a topic whose head is no administration noun stays one
    for topic in (
        "Expected Value",
        "Policy Gradient",
        "Policy Iteration",
        "Software Requirements",
        "Optimization Problems",
        "Access Control",
        "Project Management",
        "学习率",
    ):
        assert not apparatus(topic), topic


def test_a_syllabus_policies_name_no_concept(tmp_path: Path) -> None:
    text = (
        "# Operating Systems\n\n## Course Prerequisites\n\n"
        "Students should know data structures and the C language.\n\n"
        "## Expected Effort\n\nEach week you should spend six hours on the course.\n\n"
        "## Coursework and Grading\n\nThe coursework is graded; a grade of 70% passes.\n\n"
        "## Late Policy\n\nLate work loses ten percent a day.\n\n"
        "## Grade Appeal Policy\n\nAppeal to the TA within a week.\n"
    )
    titles = {t.casefold() for t in titles_of(tmp_path, text)}
    for leak in ("course prerequisites", "expected effort", "late policy", "grade appeal policy"):
        assert leak not in titles, titles


def test_the_rules_under_a_syllabus_policies_heading_name_no_concept(tmp_path: Path) -> None:
    """ "Course Expectations and Policies" over "Electronics", "Accessibility", "Laptops in
    Class": each names a rule of the course, no topic (a literature syllabus kept
    "electronics" and "accessibility"). Under a chapter's "Monetary Policy", the
    sub-headings stay topics."""
    text = (
        "# Marine Ecology\n\n## Course Description\n\n"
        "We study kelp forests and the food webs of the open ocean.\n\n"
        "## Course Expectations and Policies\n\n### Electronics\n\n"
        "Electronics are welcome when we read; electronics stay closed in discussion.\n\n"
        "### Accessibility\n\nAccessibility matters: tell me what accessibility needs "
        "you have.\n\n### Laptops in Class\n\nLaptops in class are for notes only.\n"
    )
    titles = {t.casefold() for t in titles_of(tmp_path, text)}
    assert not {"electronics", "accessibility", "laptops in class", "laptops"} & titles, titles
    economics = (
        "# Macroeconomics\n\n## Monetary Policy\n\n### Open Market Operations\n\n"
        "Open market operations buy and sell bonds to move the interest rate.\n\n"
        "### Reserve Requirements\n\nReserve requirements fix how much a bank must hold.\n"
    )
    found = {t.casefold() for t in titles_of(tmp_path, economics, "econ.md")}
    assert {"open market operations", "reserve requirements"} <= found, found


def test_a_syllabus_headers_labelled_people_are_no_concepts(tmp_path: Path) -> None:
    """A syllabus's header lines, one paragraph broken by hand, label its people in bold
    ("**Instructor:** …", "**TA:** …"): "instructor" was a concept. A bold
    term in the description stays one."""
    text = (
        "# Marine Ecology\n\n"
        "Coastal University  \n**Instructor:** Dana Reef  \n**TA:** Sam Tide"
        "  \n**Email:** reef@example.edu\n\n"
        "## Course Description\n\nWe study **kelp forests** and the food webs of the open "
        "ocean; a kelp forest shelters fish as a rainforest shelters birds. The instructor "
        "and the TA hold office hours weekly.\n"
    )
    titles = {t.casefold() for t in titles_of(tmp_path, text)}
    assert "kelp forests" in titles or "kelp forest" in titles, titles
    assert not {"instructor", "ta"} & titles, titles


def test_a_course_outlines_items_are_its_topics(tmp_path: Path) -> None:
    """A syllabus is mostly policies: the topics it teaches are its outline's list items,
    which the rest never names again, and a week's list after its label."""
    text = (
        "# Data Orientation\n\n## Course Prerequisites\n\n"
        "No prior experience is assumed.\n\n## Course Outline\n\n"
        "- Data Fundamentals\n- Introduction to Relational Databases\n"
        "- Introduction to NoSQL Databases\n- Midterm Exam\n\n"
        "## Expected Effort\n\nEach week you should expect to spend three hours on:\n\n"
        "- Viewing the lecture videos and demonstrations.\n- Completing hands-on labs.\n"
    )
    titles = {t.casefold() for t in titles_of(tmp_path, text)}
    assert {"data fundamentals", "relational databases", "nosql databases"} <= titles, titles
    assert not {"midterm exam", "lecture videos", "course outline"} & titles, titles
    zh = (
        "**第1周：Kotlin基础**\n\n- 数据类型与变量\n- Lambda表达式与高阶函数\n\n"
        "**第2周：Android基础**\n\n- 理解Activity和Lifecycle\n- 使用XML布局构建用户界面\n\n"
        "**第3周：课程总结**\n\n- 学生项目展示\n- 课程反馈与改进建议\n"
    )
    found = titles_of(tmp_path, zh, "plan.zh.md", "zh-CN")
    assert {"Lambda表达式", "高阶函数", "Activity", "Lifecycle", "XML布局"} <= found, found
    assert not {"学生项目展示", "课程反馈"} & found, found


def test_a_schedules_week_labels_dates_and_section_numbers_name_nothing(tmp_path: Path) -> None:
    from jobs.pipeline.structure import heading_terms, table_topics

    assert [c.term for c in heading_terms("Week 3: Linear Regression", 0, 2)] == [
        "Linear Regression"
    ]
    assert [c.term for c in heading_terms("Lecture 4 - Hash Tables", 0, 2)] == ["Hash Tables"]
    # a Chinese schedule's chapters to read, each row a textbook's sections
    table = (
        "周次 | 日期 | 阅读章节\n一 | 9 月 6 日 | §2.3 连续型随机变量\n"
        "二 | 9 月 13 日 | §4.3 协方差与相关系数、§4.4 协方差矩阵\n"
        "三 | 9 月 20 日 | 第二、三章习题课"
    )
    assert [c.term for c in table_topics(table, 0)] == [
        "连续型随机变量",
        "协方差",
        "相关系数",
        "协方差矩阵",
    ]


def test_a_headings_product_name_in_capitals_is_a_name() -> None:
    from jobs.pipeline.structure import heading_terms

    assert [c.term for c in heading_terms("Introduction to NoSQL Databases", 0, 2)] == [
        "NoSQL Databases"
    ]
    assert heading_terms("The getValue Method", 0, 2) == []  # code's camelCase stays no name


def test_an_english_name_touching_chinese_is_mentioned() -> None:
    from jobs.pipeline.mentions import mention_pattern

    assert mention_pattern("activity").search("理解Activity和Lifecycle")
    assert mention_pattern("android studio").search("安装和配置Android Studio")
    assert not mention_pattern("set").search("调用aSet方法")


def test_a_pdf_outlines_numbered_items_are_topics_without_their_numbers() -> None:
    # a PDF's ordered list keeps its printed numbers in the items' text (`pdf._numbered_items`)
    from jobs.pipeline.model import Block
    from jobs.pipeline.outline import outline_topics

    blocks = [
        Block("heading", "Course Outline", 1, 2),
        Block("list_item", "1. Linear regression", 1),
        Block("list_item", "2) Time-series forecasting", 1),
    ]
    assert outline_topics(blocks) == {1: "Linear regression", 2: "Time-series forecasting"}


def test_a_units_notes_statements_are_no_outline_topics() -> None:
    """ "Unit 2 Notes: Supply and Demand" is labelled as a syllabus labels its weeks; its
    bullets state what the unit teaches under the topics they list, and "as price rises",
    "cars" and "gasoline" were read out of the statements as topics."""
    from jobs.pipeline.model import Block
    from jobs.pipeline.outline import outline_topics

    blocks = [
        Block("heading", "Unit 2 Notes: Supply and Demand", 1, 1),
        Block("list_item", "Equilibrium", 1),
        Block("list_item", "A surplus occurs when quantity supplied exceeds demand.", 1),
        Block("list_item", "Law of supply: as price rises, quantity supplied rises.", 1),
        Block("list_item", "Complements: goods used together, such as cars and gasoline.", 1),
    ]
    assert outline_topics(blocks) == {1: "Equilibrium"}


def test_a_span_of_chapters_after_a_titles_colon_names_nothing() -> None:
    """ "Field Walkthrough: Chapters 2–5 (No Lab)", "Revision: Weeks 3-4": the part after
    the colon says which chapters or weeks the page covers; the range is no topic, the
    title before it stays a heading's name."""
    assert [c.term for c in heading_terms("Field Walkthrough: Chapters 2–5 (No Lab)", 0, 1)] == [
        "Field Walkthrough"
    ]
    assert [c.term for c in heading_terms("Tide Tables: Weeks 3-4", 0, 2)] == ["Tide Tables"]
