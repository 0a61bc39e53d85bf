"""User text is text in every export: no markup gets through from a title or a topic."""

from __future__ import annotations

import re
from dataclasses import replace

from jobs.planning import plan_course
from jobs.rendering.course import ExportCourse
from jobs.rendering.render import markdown_text, render_html, render_markdown
from tests.unit.planning.graphs import statistics_input
from tests.unit.rendering.conftest import stored
from tests.unit.rendering.test_exports import docx_text, parse_html, render

SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


def hostile_course() -> ExportCourse:
    data = statistics_input(title=f"Stats {SCRIPT}", target_audience="*everyone* | [all](x)")
    concepts = tuple(
        replace(c, title=f"{c.title} {IMAGE}") if c.id == "s-mean" else c for c in data.concepts
    )
    row = stored(plan_course(replace(data, concepts=concepts)))
    row["resources"][0]["url"] = "javascript:alert(1)"
    row["resources"][1]["url"] = "https://example.org/a b<c>"
    return ExportCourse.from_columns(row)


def test_html_shows_tags_as_text() -> None:
    html = render_html(hostile_course())
    parsed = parse_html(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a[0].startswith("on")]
    assert "&lt;script&gt;" in html
    text = " ".join(parsed.text)
    assert SCRIPT in text and IMAGE in text  # shown to the reader, literally
    assert "javascript:" not in html
    assert 'href="https://example.org/a b&lt;c&gt;"' in html


def test_markdown_escapes_markup() -> None:
    text = render_markdown(hostile_course())
    # every "<" left unescaped is ours: a line break in a table or a link's brackets
    assert re.findall(r"(?<!\\)<(?!br>|https://)", text) == []
    assert "# Stats \\<script\\>alert('x')\\</script\\>\n" in text
    assert "\\*everyone\\* \\| \\[all\\](x)" in text
    assert "javascript:" not in text
    assert "(<https://example.org/a%20b%3Cc%3E>)" in text
    # Mermaid labels cannot close their quotes or open tags
    mermaid = text.split("```mermaid", 1)[1].split("```", 1)[0]
    assert "<img" not in mermaid and "#lt;img src=x onerror=#quot;alert(1)#quot;#gt;" in mermaid


def test_docx_keeps_the_text_literally() -> None:
    from jobs.rendering.render import render as render_any

    text = docx_text(render_any(hostile_course(), "docx"))
    assert f"Stats {SCRIPT}" in text and IMAGE in text


def test_markdown_text_escapes_line_starts_and_specials() -> None:
    assert markdown_text("- not a list") == "\\- not a list"
    assert markdown_text("1. not a list") == "1\\. not a list"
    assert markdown_text("# not a heading") == "\\# not a heading"
    assert markdown_text("a\nb\n\nc") == "a b c"
    assert markdown_text("a_b*c`d") == "a\\_b\\*c\\`d"
    assert markdown_text("线性代数") == "线性代数"
    assert markdown_text(None) == ""
    assert markdown_text(12) == "12"


def test_render_bytes_are_utf8() -> None:
    course = hostile_course()
    assert render(course, "html").decode("utf-8").startswith("<!DOCTYPE html>")


def test_markdown_keeps_the_spaces_of_the_labels_between_words() -> None:
    # the labels ": " and ", " lost their spaces: "**Level**:advanced", "4 weeks,4 hours"
    assert markdown_text(": ") == ": "
    assert markdown_text(", ") == ", "
    assert markdown_text(" a \n\n b ") == " a b "
    assert markdown_text(" - x") == " \\- x"
    # a number is no list item: a weight in a table reads "7.5%", not "7\.5%"
    assert markdown_text("7.5%") == "7.5%" and markdown_text("-5") == "-5"
    assert markdown_text("---") == "\\---" and markdown_text("12.") == "12\\."
    text = render_markdown(hostile_course())
    assert re.search(r"- \*\*Level\*\*: \w", text)
    assert re.search(r"- \*\*Duration\*\*: \d+ weeks, \d+ hours a week\n", text)
    assert "## Week 1: " in text
