"""Rules met on syllabi and course outlines (课程大纲, 教学大纲), each on text written for the
test: a syllabus's administration (policies, grading, office hours, 上课时间) names no topic;
its outline's items, a week's list and a schedule's chapters name what the course teaches."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.lexicon import apparatus


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


def test_an_english_name_touching_chinese_is_mentioned() -> None:
    from jobs.pipeline.mentions import mention_pattern

    assert mention_pattern("activity").search("理解Activity和Lifecycle")
    assert mention_pattern("android studio").search("安装和配置Android Studio")
    assert not mention_pattern("set").search("调用aSet方法")
