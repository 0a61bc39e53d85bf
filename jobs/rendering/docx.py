"""The DOCX export with python-docx: the same sections as the HTML, Word styles.

Chinese needs the East Asian font slot (`w:eastAsia`) set on the styles used, or
Word falls back to a font without the characters on some systems. Formulas in course
text are Word equations (Office Math, from formulas.py), written by `_write`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from jobs.rendering.course import ExportCourse, Objective
from jobs.rendering.formulas import Typeset, strings_of
from jobs.rendering.view import View, view_of

EAST_ASIAN_FONT = "Microsoft YaHei"
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number")


def render_docx(
    course: ExportCourse, *, diagram: bool = True, questions: bool = True, answers: bool = True
) -> bytes:
    view = view_of(course, diagram=diagram, questions=questions, answers=answers)
    t = view.t
    math = Typeset.docx(strings_of(course))
    document = Document()
    _fonts(document, course.language)
    document.core_properties.title = course.title
    document.core_properties.language = course.language
    document.add_heading(course.title, level=0)
    if course.description:
        _write(document.add_paragraph(), course.description, math)
    for label, value in _facts(view):
        paragraph = document.add_paragraph()
        paragraph.add_run(label + t("colon")).bold = True
        paragraph.add_run(value)
    if course.objectives:
        document.add_heading(t("objectives"), level=1)
        _objectives(document, course.objectives, view, math, style="List Number")
    if course.prerequisites:
        document.add_heading(t("prerequisites"), level=1)
        document.add_paragraph(t("prerequisites_intro"))
        for title in course.prerequisites:
            _write(document.add_paragraph(style="List Bullet"), title, math)

    document.add_heading(t("schedule"), level=1)
    rows = [
        [
            str(w.week),
            w.title + ("\n" + view.sep.join(c.title for c in w.concepts) if w.concepts else ""),
            t.hours(w.minutes),
            view.sep.join(a.title for a in view.assessments_by_week.get(w.week, [])),
        ]
        for w in course.weeks
    ]
    _table(document, [t("week"), t("topics"), t("time"), t("assessment")], rows, math)

    linked = [c for c in course.concepts if c.requires or c.advised]
    if linked and view.show_map:
        document.add_heading(t("map"), level=1)
        rows = [[c.title, view.names((*c.requires, *c.advised))] for c in linked]
        _table(document, [t("concept"), t("requires")], rows, math)

    for week in course.weeks:
        heading = document.add_heading(t("week_n", n=week.week) + t("colon"), level=1)
        _write(heading, week.title, math)
        if week.minutes:
            document.add_paragraph(t.hours(week.minutes))
        if week.objectives:
            document.add_heading(t("week_objectives"), level=2)
            _objectives(document, week.objectives, view, math, style="List Bullet")
        if not week.modules:
            document.add_paragraph(t("no_concepts"))
        for module in week.modules:
            minutes = f" ({t('min', n=module.minutes)})" if module.minutes else ""
            _write(document.add_heading(level=2), module.title + minutes, math)
            rows = [
                [
                    c.title,
                    "" if c.minutes is None else str(c.minutes),
                    t(c.bloom_level) if c.bloom_level else "",
                    "\n".join(f"{doc} {t.pages(ranges)}" for doc, ranges in c.pages),
                    view.names((*c.requires, *c.advised)),
                ]
                for c in module.concepts
            ]
            headers = [t("concept"), t("minutes"), t("bloom"), t("pages"), t("requires")]
            _table(document, headers, rows, math)
        for a in view.assessments_by_week.get(week.week, []):
            paragraph = document.add_paragraph()
            paragraph.add_run(a.title).bold = True
            if a.description:
                _write(paragraph, t("colon") + a.description, math)
        if view.questions_by_week.get(week.week):
            document.add_heading(t("questions"), level=2)
            # numbered in the text: Word's "List Number" would go on from the objectives
            for q in view.questions_by_week[week.week]:
                _write(document.add_paragraph(), f"{q.number}. {q.question}", math)

    if course.assessments:
        document.add_heading(t("assessments"), level=1)
        rows = [
            [t(a.type), a.title, str(a.week or ""), view.percent(a.weight), a.description]
            for a in course.assessments
        ]
        headers = [t("type"), t("title"), t("week"), t("weight"), t("description")]
        _table(document, headers, rows, math)
    if view.show_answers:
        document.add_heading(t("answer_key"), level=1)
        for week in course.weeks:
            if view.questions_by_week.get(week.week):
                document.add_heading(t("week_n", n=week.week), level=2)
                for q in view.questions_by_week[week.week]:
                    _write(document.add_paragraph(), f"{q.number}. {q.answer}", math)
    if course.resources:
        document.add_heading(t("resources"), level=1)
        for r in course.resources:
            pages = f", {t.pages(r.ranges)}" if r.ranges else ""
            url = f" <{r.url}>" if r.url else ""
            document.add_paragraph(f"{r.title}{pages}{url}", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _facts(view: View) -> list[tuple[str, str]]:
    course, t = view.course, view.t
    facts = []
    if course.target_audience:
        facts.append((t("audience"), course.target_audience))
    if course.difficulty_level:
        facts.append((t("level"), t(course.difficulty_level)))
    if course.duration_weeks:
        duration = t("weeks", n=course.duration_weeks)
        if course.hours_per_week:
            duration += t("comma") + t("hours_per_week", n=course.hours_per_week)
        facts.append((t("duration"), duration))
    if view.total_minutes:
        facts.append((t("total"), t.hours(view.total_minutes)))
    return facts


def _write(paragraph: Paragraph, text: str, math: Typeset) -> None:
    """The text as runs, each formula in it as a Word equation."""
    for part, is_markup in math.markup_of(text):
        if is_markup:
            paragraph._p.append(parse_xml(part))
        elif part:
            paragraph.add_run(part)


def _objectives(
    document: DocxDocument,
    objectives: Sequence[Objective],
    view: View,
    math: Typeset,
    *,
    style: str,
) -> None:
    for objective in objectives:
        paragraph = document.add_paragraph(style=style)
        if objective.bloom_level:
            paragraph.add_run(f"[{view.t(objective.bloom_level)}] ").italic = True
        _write(paragraph, objective.description, math)


def _table(
    document: DocxDocument, headers: list[str], rows: list[list[str]], math: Typeset
) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _write(cell.paragraphs[0], text, math)
    document.add_paragraph()


def _fonts(document: DocxDocument, language: str) -> None:
    for name in STYLES:
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        if name == "Normal":
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:eastAsia"), "zh-CN")
            lang.set(qn("w:val"), language)
            style.font.size = Pt(10.5)  # type: ignore[attr-defined]
