"""Render an ExportCourse to HTML, Markdown, PDF (HTML through WeasyPrint) or DOCX.

One set of Jinja2 templates: course.html.j2 (autoescaped) for HTML and PDF, and
course.md.j2 for Markdown, whose environment Markdown-escapes every value it prints
(`finalize`), so course text can never become markup in either. Formulas in course text
(formulas.py) are typeset: MathML in HTML, SVG in the PDF, kept as LaTeX between dollars
in Markdown; the HTML template prints course text through `math`, which escapes the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from datasources.files.exports import FORMATS, ExportFormat
from jobs.rendering.course import ExportCourse
from jobs.rendering.diagram import mermaid_label
from jobs.rendering.docx import render_docx
from jobs.rendering.formulas import Formula, Typeset, pieces, strings_of
from jobs.rendering.view import view_of

TEMPLATES = Path(__file__).parent / "templates"


class Raw(str):
    """Markdown the template builds itself (a Mermaid block, a line break): not escaped."""

    __slots__ = ()


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# a list item ("- x", "1. x", "1) x") or a heading's underline ("===", "---") at a line's
# start; "7.5%" or "-5" starts nothing
_MD_LINE_START = re.compile(r"^(\s?\d*)([-+=.)])(?=\s|[-=]*\s*$)")
_WHITESPACE = re.compile(r"\s+")


def markdown_text(value: Any) -> str:
    """Course text as literal Markdown: on one line, special characters backslash-escaped,
    formulas kept as LaTeX between their dollars (`markdown_formula`). Runs of whitespace
    become one space, kept at the ends: the labels ": " and ", " join the words around
    them ("**Level**: advanced", "4 weeks, 4 hours a week")."""
    if isinstance(value, Raw):
        return value
    text = _WHITESPACE.sub(" ", str(value if value is not None else ""))
    parts = [
        markdown_formula(p) if isinstance(p, Formula) else _MD_INLINE.sub(r"\\\1", p)
        for p in pieces(text)
    ]
    return _MD_LINE_START.sub(r"\1\\\2", "".join(parts))


def markdown_formula(formula: Formula) -> str:
    """A formula as Markdown renderers with maths read it: its LaTeX unescaped between
    dollars. `<` and `>` become `\\lt` and `\\gt` (no tag can open, in renderers without
    maths too) and `|` becomes `\\vert` (a table cell would end there); a formula with a
    backtick (a code span would open) is escaped as text."""
    if "`" in formula.tex:
        return _MD_INLINE.sub(r"\\\1", formula.source)
    tex = formula.tex.replace("\\|", "\\Vert ").replace("|", "\\vert ")
    tex = tex.replace("<", "\\lt ").replace(">", "\\gt ")
    return f"$${tex}$$" if formula.display else f"${tex}$"


@cache
def _environment(kind: Literal["html", "markdown"]) -> Environment:
    if kind == "html":
        return Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - Markdown; every value is escaped by finalize
        finalize=markdown_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(
    course: ExportCourse,
    *,
    diagram: bool = True,
    questions: bool = True,
    answers: bool = True,
    drawn_formulas: bool = False,
) -> str:
    """The HTML export; `drawn_formulas` draws formulas as SVG (for WeasyPrint) rather
    than MathML (for browsers)."""
    context = view_of(course, diagram=diagram, questions=questions, answers=answers).as_context()
    context["css"] = Markup((TEMPLATES / "course.css").read_text(encoding="utf-8"))  # noqa: S704 - our own file
    context["math"] = _html_math(Typeset.html(strings_of(course), drawn=drawn_formulas))
    return _environment("html").get_template("course.html.j2").render(context)


def _html_math(typeset: Typeset) -> Callable[[Any], Markup]:
    def math(text: Any) -> Markup:
        if text is None:
            return Markup("")
        return Markup("").join(
            Markup(part) if is_markup else part  # noqa: S704 - pandoc's MathML or ziamath's SVG
            for part, is_markup in typeset.markup_of(str(text))
        )

    return math


def render_markdown(
    course: ExportCourse, *, diagram: bool = True, questions: bool = True, answers: bool = True
) -> str:
    context = view_of(course, diagram=diagram, questions=questions, answers=answers).as_context()
    drawn = context["diagram"]
    mermaid = None
    if drawn is not None:
        lines = ["```mermaid", "graph TD"]
        lines += [f'  n{i}["{mermaid_label(n.title)}"]' for i, n in enumerate(drawn.nodes)]
        lines += [f"  n{a} {'-.->' if advised else '-->'} n{b}" for a, b, advised in drawn.links]
        mermaid = Raw("\n".join([*lines, "```"]))
    context.update(mermaid=mermaid, br=Raw("<br>"), link=_markdown_link)
    text = _environment("markdown").get_template("course.md.j2").render(context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _markdown_link(url: str) -> Raw:
    return Raw("<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">")


def render_pdf(
    course: ExportCourse, *, diagram: bool = True, questions: bool = True, answers: bool = True
) -> bytes:
    # Imported here: it loads pango from the OS, which only the PDF export needs.
    from weasyprint import HTML

    html = render_html(
        course, diagram=diagram, questions=questions, answers=answers, drawn_formulas=True
    )
    pdf = HTML(string=html).write_pdf()
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf


def render(
    course: ExportCourse,
    fmt: ExportFormat,
    *,
    diagram: bool = True,
    questions: bool = True,
    answers: bool = True,
) -> bytes:
    """The file's bytes in `fmt` (UTF-8 for the text formats); `diagram=False` leaves
    out the prerequisite map, `questions=False` the self-assessment questions (each week
    lists those on its concepts), `answers=False` their answer key (at the end)."""
    shown = {"diagram": diagram, "questions": questions, "answers": answers}
    if fmt == "pdf":
        return render_pdf(course, **shown)
    if fmt == "docx":
        return render_docx(course, **shown)
    if fmt == "html":
        return render_html(course, **shown).encode("utf-8")
    if fmt == "markdown":
        return render_markdown(course, **shown).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
