# ruff: noqa: RUF001 - page ranges use an en dash on purpose
"""The pieces: reading stored rows leniently, the diagram, file names and headers."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from datasources.files.exports import content_disposition, export_filename
from jobs.planning import CoursePlan
from jobs.rendering.course import Concept, ExportCourse
from jobs.rendering.diagram import MAX_NODES, NODE_H, layout, mermaid_label, short
from jobs.rendering.labels import Labels
from jobs.rendering.render import render_html, render_markdown
from tests.unit.rendering.test_exports import docx_text, render

SEEDED_ROW = {  # the shape gateway/seed writes and createCourse users may type
    "title": "Hand-made course",
    "description": "Typed by a teacher.",
    "language": "en",
    "duration_weeks": 2,
    "hours_per_week": 4,
    "outline": {
        "summary": "Typed by a teacher.",
        "weeks": [
            {
                "week": 1,
                "title": "Sets",
                "topics": ["Sets", "Relations"],
                "concept_ids": ["a", "b"],
                "hours": 4,
            },
            {"week": 2, "title": "Functions", "topics": ["Functions"], "hours": 4},
            "not a week",
        ],
    },
    "learning_objectives": [
        "Use sets",
        {"description": "Define a function", "bloom_level": "remember"},
        7,
    ],
    "prerequisites": ["Arithmetic", {"title": "Logic"}, {"no": "title"}],
    "assessment_methods": [{"type": "exam", "title": "Final exam", "week": 2, "weight": 1}],
    "resources": [{"title": "Notes.pdf", "document_id": "d1", "pages": [1, 2, 3, 9, "x"]}],
}


def test_a_hand_made_course_renders_in_every_format() -> None:
    course = ExportCourse.from_columns(SEEDED_ROW)
    assert [c.title for c in course.concepts] == ["Sets", "Relations", "Functions"]
    assert [w.minutes for w in course.weeks] == [240, 240]
    assert course.prerequisites == ("Arithmetic", "Logic")
    assert [o.description for o in course.objectives] == ["Use sets", "Define a function"]
    assert course.resources[0].ranges == ((1, 3), (9, 9))
    html = render_html(course)
    for text in ("Hand-made course", "Relations", "Final exam", "Notes.pdf, p. 1–3, 9", "Logic"):
        assert text in html
    assert "<svg" not in html  # no prerequisite links: no diagram
    assert "Relations" in render_markdown(course)
    assert "Functions" in docx_text(render(course, "docx"))


@pytest.mark.parametrize("row", [{}, {"outline": "[]", "resources": {"a": 1}}, {"title": 5}])
def test_rows_of_the_wrong_shape_still_render(row) -> None:
    course = ExportCourse.from_columns(row)
    assert course.weeks == () and course.title == ""
    assert "<h1>" in render_html(course)


def test_diagram_layers_put_prerequisites_above(en_plan: CoursePlan) -> None:
    from tests.unit.rendering.conftest import stored

    course = ExportCourse.from_columns(stored(en_plan))
    diagram = layout(course.concepts)
    assert diagram is not None
    y = {n.id: n.y for n in diagram.nodes}
    for concept in course.concepts:
        for p in (*concept.requires, *concept.advised):
            assert y[p] + NODE_H <= y[concept.id]
    assert all(n.x >= 0 and n.x + 160 <= diagram.width for n in diagram.nodes)
    # Only direct links are drawn, and every link of the course follows from them.
    ids = [n.id for n in diagram.nodes]
    drawn = {(ids[a], ids[b]) for a, b, _ in diagram.links}
    real = {(p, c.id) for c in course.concepts for p in (*c.requires, *c.advised)}
    assert len(diagram.edges) == len(diagram.links) and drawn <= real
    reach = {i: {i} for i in ids}
    for concept in course.concepts:  # course order: prerequisites first
        for a, b in sorted(drawn):
            if b == concept.id:
                reach[b] |= reach[a]
    assert all(p in reach[c] for p, c in real)
    assert len(drawn) < len(real)  # mean -> correlation follows from mean -> ... -> sd


def test_diagram_needs_links_and_a_readable_size() -> None:
    lone = Concept("a", "A", 30, None, (), (), ())
    assert layout([lone]) is None
    chain = [
        Concept(f"c{i}", f"C{i}", 30, None, pages=(), requires=(f"c{i - 1}",) if i else (),
                advised=())
        for i in range(MAX_NODES + 1)
    ]  # fmt: skip
    assert layout(chain) is None
    diagram = layout(chain[:MAX_NODES])
    assert diagram is not None and len(diagram.nodes) == MAX_NODES


def test_labels_are_shortened_by_display_width() -> None:
    assert short("Mean") == "Mean"
    assert short("x" * 30) == "x" * 23 + "…"
    assert short("线" * 20) == "线" * 11 + "…"
    assert mermaid_label('a "b" <c> #d') == "a #quot;b#quot; #lt;c#gt; #35;d"


@pytest.mark.parametrize(
    ("title", "fmt", "name"),
    [
        ("线性代数 入门", "pdf", "线性代数 入门.pdf"),
        ("Intro: Stats/Prob <1>", "markdown", "Intro Stats Prob 1.md"),
        ("../../etc/passwd\x00", "docx", "etc passwd.docx"),
        ("  ...  ", "html", "course.html"),
        ("a" * 200, "pdf", "a" * 80 + ".pdf"),
    ],
)
def test_export_filenames(title, fmt, name) -> None:
    assert export_filename(title, fmt) == name


def test_content_disposition_carries_the_utf8_name() -> None:
    header = content_disposition("线性代数 入门.pdf")
    assert header.startswith("attachment; filename=\"course.pdf\"; filename*=UTF-8''")
    assert unquote(header.split("''", 1)[1]) == "线性代数 入门.pdf"
    assert header.isascii()
    plain = content_disposition('Stats "1".pdf')
    assert 'filename="Stats 1.pdf"' in plain


def test_hours_and_pages_labels() -> None:
    en, zh = Labels("en"), Labels("zh-CN")
    assert (en.hours(150), en.hours(120), en.hours(45), en.hours(0)) == (
        "2 h 30 min", "2 h", "45 min", "")  # fmt: skip
    assert zh.hours(150) == "2小时30分钟"
    assert en.pages(((1, 3), (7, 7))) == "p. 1–3, 7"
    assert zh.pages(((1, 3), (7, 7))) == "第1–3、7页"
    assert en("unknown-value") == "unknown-value"
