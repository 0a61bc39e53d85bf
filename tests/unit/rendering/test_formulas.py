"""Formulas in course text are typeset in every export: MathML in HTML, SVG paths in the
PDF, Word equations in DOCX, LaTeX between dollars in Markdown; what cannot be typeset is
shown as written."""

from __future__ import annotations

import io
import re
import zipfile

import pypandoc
import pytest

from jobs.rendering import formulas
from jobs.rendering.course import ExportCourse, Question, with_questions
from jobs.rendering.formulas import Formula, pieces
from jobs.rendering.render import render, render_html, render_markdown
from tests.readers import docx_text, pdf_text
from tests.unit.rendering.test_exports import parse_html

FRACTION = r"The sample mean is $\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i$ for $n$ values."
DISPLAY = r"Hence $$\sigma^2 = E[(X-\mu)^2]$$ holds."
UNREADABLE = r"Written $\undefinedmacro{x}$ by hand."
CHINESE = r"检验 $H_0 \text{原假设}$ 的结果"
CHINESE_SCRIPT = r"浮点数 $2^{\text{指数}}$ 的值"
PIPES_AND_ANGLES = r"A norm $|x| < \|y\|$ and a bound $a > b$."
HOSTILE = r"Danger $\alpha<script>alert(1)</script>$ here."


def _with(course: ExportCourse, *answers: str) -> ExportCourse:
    topic = course.weeks[0].concepts[0].title
    asked = [Question(f"Question {i}?", a, topic) for i, a in enumerate(answers)]
    return with_questions(course, asked)


@pytest.fixture(scope="module")
def en_course(en_plan) -> ExportCourse:  # type: ignore[no-untyped-def]
    from tests.unit.rendering.conftest import stored

    return ExportCourse.from_columns(stored(en_plan))


def test_pieces_find_formulas_by_pandocs_dollar_rule() -> None:
    assert pieces(r"Let $x^2$ be") == ["Let ", Formula("x^2", False, "$x^2$"), " be"]
    assert pieces(r"so $$a+b$$.")[1] == Formula("a+b", True, "$$a+b$$")
    assert pieces(r"both \(y_1\) and \[z\]")[1::2] == [
        Formula("y_1", False, r"\(y_1\)"),
        Formula("z", True, r"\[z\]"),
    ]
    # money, a shell's variables, an escaped dollar and a space inside the dollars: text
    for text in ("It costs $20 and $30.", "echo $HOME/$USER", r"a \$5 fee", "$ x$ and $y $"):
        assert pieces(text) == [text], text


def test_html_shows_mathml_and_keeps_what_texmath_cannot_read(en_course: ExportCourse) -> None:
    html = render_html(_with(en_course, FRACTION, DISPLAY, UNREADABLE))
    assert re.search(r'<math display="inline"[^>]*>.*?<mfrac>', html, re.DOTALL)
    assert '<math display="block"' in html
    assert r"<annotation encoding=\"application/x-tex\">" not in html  # escaped once only
    assert r"\frac{1}{n}" in html  # the TeX annotation, which browsers copy
    assert r"$\bar{x}" not in html  # not as written any more
    assert r"Written $\undefinedmacro{x}$ by hand." in html


def test_a_formula_cannot_carry_markup(en_course: ExportCourse) -> None:
    html = render_html(_with(en_course, HOSTILE))
    assert "script" not in parse_html(html).tags
    markdown = render_markdown(_with(en_course, HOSTILE))
    assert re.findall(r"(?<!\\)<(?!br>|https://)", markdown) == []


def test_pdf_draws_formulas_and_keeps_those_its_font_lacks(en_course: ExportCourse) -> None:
    course = _with(en_course, FRACTION, CHINESE, CHINESE_SCRIPT)
    html = render_html(course, drawn_formulas=True)
    assert "<math" not in html
    assert re.search(r'<svg [^>]*style="vertical-align: -[\d.]+em"[^>]*role="img"', html)
    assert 'aria-label="\\bar{x} = \\frac{1}{n}' in html
    # Chinese in the formula's own row: the maths drawn, the Chinese set as text beside it
    assert r"$H_0 \text{原假设}$" not in html
    drawn = re.search(r'<span role="img" aria-label="H_0 \\text\{原假设\}">(.*?)</span>', html)
    assert drawn is not None and re.fullmatch(
        r'<svg [^>]*aria-hidden="true".*</svg>原假设', drawn[1]
    )
    # in a superscript it cannot be set beside the maths: as written
    assert r"$2^{\text{指数}}$" in html
    text = pdf_text(render(course, "pdf"))
    assert "The sample mean is" in text and r"\frac" not in text
    assert "原假设" in text and r"\text{原假设}" not in text


def test_docx_writes_word_equations(en_course: ExportCourse) -> None:
    data = render(_with(en_course, FRACTION, DISPLAY, UNREADABLE), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<m:oMath>" in xml and "<m:f>" in xml and "<m:oMathPara>" in xml
    text = docx_text(data)
    assert "The sample mean is" in text and r"\frac" not in text
    assert r"Written $\undefinedmacro{x}$ by hand." in text


def test_markdown_keeps_latex_unescaped_between_dollars(en_course: ExportCourse) -> None:
    markdown = render_markdown(_with(en_course, FRACTION, DISPLAY, PIPES_AND_ANGLES))
    assert r"The sample mean is $\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i$ for $n$ values." in (
        markdown
    )
    assert r"Hence $$\sigma^2 = E[(X-\mu)^2]$$ holds." in markdown
    assert r"A norm $\vert x\vert  \lt  \Vert y\Vert $ and a bound $a \gt  b$." in markdown


def test_formulas_stay_as_written_when_pandoc_fails(
    en_course: ExportCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    formulas._api_version()  # cached before pandoc goes missing
    monkeypatch.setattr(pypandoc, "get_pandoc_path", lambda: "/bin/false")
    course = _with(en_course, FRACTION)
    assert "<math" not in render_html(course)
    assert r"$\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i$" in render_html(course)
    assert r"$\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i$" in docx_text(render(course, "docx"))
    # no pandoc binary at all, not even for the version of its JSON documents
    formulas._api_version.cache_clear()
    monkeypatch.setattr(pypandoc, "get_pandoc_path", lambda: "/nonexistent/pandoc")
    try:
        assert r"$\bar{x} = \frac{1}{n}" in render_html(course)
        assert r"$\bar{x} = \frac{1}{n}" in docx_text(render(course, "docx"))
    finally:
        formulas._api_version.cache_clear()


def test_a_formula_the_pdf_cannot_draw_is_shown_as_written(
    en_course: ExportCourse, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ziamath

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("cannot lay this out")

    formulas._drawn.cache_clear()
    monkeypatch.setattr(ziamath, "Math", broken)
    html = render_html(_with(en_course, FRACTION), drawn_formulas=True)
    formulas._drawn.cache_clear()  # nothing drawn while broken stays for later tests
    assert 'aria-label="\\bar{x}' not in html and r"$\bar{x} = \frac{1}{n}" in html
