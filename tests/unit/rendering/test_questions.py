"""The self-assessment questions in every export: under the week that teaches their
concept, numbered through the course, with an answer key at the end unless left out."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from datasources.files.exports import FORMATS, ExportFormat
from jobs.planning import CoursePlan
from jobs.rendering.course import ExportCourse, Question, with_questions
from jobs.rendering.labels import Labels
from jobs.rendering.render import render, render_html, render_markdown
from jobs.rendering.view import view_of
from tests.readers import docx_text, pdf_text, squash


def _questions(plan: CoursePlan) -> list[Question]:
    return [Question(q.question, q.answer, q.topic, q.difficulty) for q in plan.questions]


@pytest.fixture(scope="session")
def asked(course: ExportCourse, plan: CoursePlan) -> ExportCourse:
    return with_questions(course, _questions(plan))


def _text(data: bytes, fmt: ExportFormat) -> str:
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_question_and_answer_is_exported(
    asked: ExportCourse, plan: CoursePlan, fmt: ExportFormat
) -> None:
    assert plan.questions, "the test graph's plan asks questions"
    text = squash(_text(render(asked, fmt), fmt))
    t = Labels(plan.language)
    assert squash(t("questions")) in text and squash(t("answer_key")) in text
    if fmt != "markdown":  # Markdown backslash-escapes the formulas' characters
        assert [q.question for q in plan.questions if squash(q.question) not in text] == []
        assert [q.answer for q in plan.questions if squash(q.answer) not in text] == []


def test_questions_sit_in_their_concepts_week_numbered_in_teaching_order(
    asked: ExportCourse, plan: CoursePlan
) -> None:
    view = view_of(asked)
    week_of = {c.title: w.week for w in asked.weeks for c in w.concepts}
    numbers = [q.number for w in sorted(view.questions_by_week) for q in view.questions_by_week[w]]
    assert numbers == list(range(1, len(plan.questions) + 1))
    topics = {q.question: q.topic for q in plan.questions}
    for week, questions in view.questions_by_week.items():
        assert {week_of[topics[q.question]] for q in questions} == {week}
    # in the Markdown, each week's section lists its own questions' numbers
    t = Labels(plan.language)
    markdown = render_markdown(asked).split("\n## " + t("answer_key"))[0]
    for week in asked.weeks:
        section = markdown.split("\n## " + t("week_n", n=week.week) + t("colon"))[1]
        section = section.split("\n## ")[0]
        listed = [int(n) for n in re.findall(r"(?m)^(\d+)\. ", section)]
        assert listed == [q.number for q in view.questions_by_week.get(week.week, [])]


def test_definition_example_formula_order_per_concept() -> None:
    concept_week = ExportCourse.from_columns(
        {
            "title": "Rates",
            "language": "en",
            "outline": {
                "weeks": [
                    {"week": 1, "title": "Speed", "modules": [
                        {"title": "Speed", "concepts": [{"id": "c1", "title": "speed"}]}
                    ]}
                ]
            },
        }
    )  # fmt: skip
    asked = with_questions(
        concept_week,
        [
            Question("What is the formula for “speed”?", "v = d / t", "speed"),
            Question("How is “speed” used in practice? Give an example.", "A car at 50 km/h.",
                     "speed"),
            Question("What does “speed” mean?", "Distance covered per unit of time.", "speed"),
        ],
    )  # fmt: skip
    assert [q.answer for q in view_of(asked).questions_by_week[1]] == [
        "Distance covered per unit of time.",
        "A car at 50 km/h.",
        "v = d / t",
    ]


def test_answers_or_questions_can_be_left_out(asked: ExportCourse, plan: CoursePlan) -> None:
    t = Labels(plan.language)
    answer = next(q.answer for q in plan.questions if len(q.answer) > 20)
    question = plan.questions[0].question
    students = squash(pdf_text(render(asked, "pdf", answers=False)))
    assert squash(question) in students
    assert squash(answer) not in students and squash(t("answer_key")) not in students
    bare = squash(docx_text(render(asked, "docx", questions=False)))
    assert squash(question) not in bare and squash(answer) not in bare
    assert squash(t("questions")) not in bare
    # a course with no questions shows neither heading
    assert t("answer_key") not in render_markdown(dataclasses.replace(asked, questions=()))


def test_only_questions_on_taught_concepts_are_kept(asked: ExportCourse) -> None:
    """A question of another version of the course (its concept no longer taught) has
    no week to go to; a blank one says nothing."""
    taught = asked.concepts[0].title
    kept = with_questions(
        asked,
        [
            Question("What does “phlogiston” mean?", "An old theory of burning.", "phlogiston"),
            Question(" ", "An answer without its question.", taught),
            Question("What does it mean?", "", taught),
            Question(f"What does “{taught}” mean?", "Its meaning.", taught),
        ],
    )
    assert [q.question for q in kept.questions] == [f"What does “{taught}” mean?"]


def test_question_text_is_never_markup() -> None:
    course = with_questions(
        ExportCourse.from_columns(
            {
                "title": "Web",
                "language": "en",
                "outline": {"weeks": [{"week": 1, "title": "Tags", "modules": [
                    {"title": "Tags", "concepts": [{"id": "c1", "title": "tag"}]}]}]},
            }
        ),
        [Question("What does “<b>tag</b>” mean?", "<script>alert(1)</script> # not a heading",
                  "tag")],
    )  # fmt: skip
    page = render_html(course)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = render_markdown(course)
    assert "\\<script\\>" in markdown and "\n# not" not in markdown


def test_the_pdf_numbers_questions_through_the_course(asked: ExportCourse) -> None:
    """WeasyPrint reads neither <ol start> nor <li value>: each week's list began again at
    1 while the answer key's numbers ran through the course."""
    by_week = view_of(asked).questions_by_week
    total = sum(len(questions) for questions in by_week.values())
    assert total > max(len(questions) for questions in by_week.values())
    text = pdf_text(render(asked, "pdf"))
    assert re.search(rf"(?m)^{total}\. ", text)
    page = render_html(asked)
    assert f'start="{total - len(by_week[max(by_week)]) + 1}"' in page
