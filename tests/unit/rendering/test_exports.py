"""Each export read back with its own reader contains the whole course, in either language."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pypdfium2 as pdfium
import pytest

from datasources.files.exports import FORMATS
from jobs.planning import CoursePlan
from jobs.rendering.course import ExportCourse
from jobs.rendering.render import render, render_html, render_markdown
from tests.readers import docx_text, pdf_text
from tests.unit.rendering.expected import missing, squash


@pytest.fixture(scope="session")
def pdf(course: ExportCourse) -> bytes:
    return render(course, "pdf")


def test_pdf_text_contains_the_whole_course(pdf: bytes, plan: CoursePlan) -> None:
    assert pdf.startswith(b"%PDF-")
    assert missing(plan, pdf_text(pdf)) == []


def test_pdf_first_page_renders_with_ink(pdf: bytes, plan: CoursePlan, tmp_path) -> None:
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=1).to_pil().convert("L")
    finally:
        document.close()
    dark = sum(image.histogram()[:128])
    assert image.size[0] > 500 and 0.005 < dark / (image.size[0] * image.size[1]) < 0.5
    image.save(tmp_path / f"first-page-{plan.language}.png")  # for a look when debugging


def test_docx_contains_the_whole_course(course: ExportCourse, plan: CoursePlan) -> None:
    data = render(course, "docx")
    assert missing(plan, docx_text(data)) == []
    styles = docx.Document(io.BytesIO(data)).styles
    for name in ("Normal", "Title", "Heading 1"):
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_html_contains_the_whole_course(course: ExportCourse, plan: CoursePlan) -> None:
    html = render_html(course)
    assert f'<html lang="{plan.language}">' in html
    assert "<svg" in html and html.count("<rect") == len(re.findall(r"<g>", html))
    assert missing(plan, _text_of(html)) == []


def test_markdown_contains_the_whole_course(course: ExportCourse, plan: CoursePlan) -> None:
    text = render_markdown(course)
    assert text.startswith(f"# {plan.title}\n")
    assert "```mermaid\ngraph TD\n" in text
    assert missing(plan, re.sub(r"\\(.)", r"\1", text)) == []


def test_text_formats_are_deterministic_and_unknown_formats_refused(course: ExportCourse) -> None:
    assert set(FORMATS) == {"pdf", "docx", "html", "markdown"}
    assert render(course, "html") == render(course, "html")
    assert render(course, "markdown") == render(course, "markdown")
    with pytest.raises(ValueError, match="unknown export format 'odt'"):
        render(course, "odt")  # type: ignore[arg-type]


def test_chinese_labels_around_a_chinese_course(pdf: bytes, plan: CoursePlan) -> None:
    text = squash(pdf_text(pdf))
    if plan.language.startswith("zh"):
        assert all(w in text for w in ("学习目标", "每周安排", "第1周", "先修关系图", "考核方式"))
        assert "Learning objectives" not in text
    else:
        assert all(w in text for w in ("Learningobjectives", "Weeklyschedule", "Week1"))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    return parser


def _text_of(html: str) -> str:
    return " ".join(parse_html(html).text)


def test_a_course_written_in_traditional_characters_gets_traditional_labels(
    zh_plan: CoursePlan,
) -> None:
    # the same course as a teacher in Taiwan would have it: every stored text Traditional
    import opencc
    import orjson

    from tests.unit.rendering.conftest import stored

    columns = orjson.dumps(stored(zh_plan)).decode()
    hant = orjson.loads(opencc.OpenCC("s2tw").convert(columns))
    text = render_markdown(ExportCourse.from_columns(hant))
    assert "學習目標" in text and "每週安排" in text, text[:400]
    assert "学习目标" not in text and "每周安排" not in text
    # a course in Simplified characters keeps Simplified labels
    assert "学习目标" in render_markdown(ExportCourse.from_columns(stored(zh_plan)))
