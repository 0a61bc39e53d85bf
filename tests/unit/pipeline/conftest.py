"""Files of every format, generated from the sample texts into a temporary folder."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.unit.pipeline.samples import EN_CHAPTER, ZH_CHAPTER

CSS = (
    "body { font-family: 'DejaVu Serif', 'WenQuanYi Micro Hei'; }"
    " pre { font-family: 'DejaVu Sans Mono'; }"
)


def render_html(markdown: str) -> str:
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    return (
        f"<html><head><title>Sample</title><style>{CSS}</style></head><body>"
        f"<nav>Home | Next</nav>{body}<footer>© page furniture</footer></body></html>"
    )


def write_pdf(target: Path, pages: list[str]) -> Path:
    """A PDF with one HTML fragment per page (WeasyPrint)."""
    import weasyprint

    breaks = "".join(f"<div style='page-break-after: always'>{p}</div>" for p in pages)
    weasyprint.HTML(
        string=f"<html><head><style>{CSS}</style></head><body>{breaks}</body></html>"
    ).write_pdf(target)
    return target


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand from its numbered objects (the first the catalogue), with the
    cross-reference table a reader needs: for what no typesetter writes on demand (a
    unit-size font scaled by the text matrix, an OCR program's invisible text layer)."""
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(data)


def hand_written_pdf(stream: bytes, count: int = 1) -> bytes:
    """A one-page PDF (`raw_pdf`): `stream` is the page's content (its font, F1, a
    Helvetica); `count` what the page tree says it holds."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


@pytest.fixture
def en_markdown(tmp_path: Path) -> Path:
    path = tmp_path / "chapter.md"
    path.write_text(EN_CHAPTER, encoding="utf-8")
    return path


@pytest.fixture
def zh_markdown(tmp_path: Path) -> Path:
    path = tmp_path / "chapter-zh.md"
    path.write_text(ZH_CHAPTER, encoding="utf-8")
    return path


@pytest.fixture
def en_html(tmp_path: Path) -> Path:
    path = tmp_path / "chapter.html"
    path.write_text(render_html(EN_CHAPTER), encoding="utf-8")
    return path


@pytest.fixture
def zh_pdf(tmp_path: Path) -> Path:
    """The Chinese chapter on three pages: each level-2 section starts a page."""
    sections = ZH_CHAPTER.split("\n## ")
    pages = [
        render_html(sections[0] + "\n## " + sections[1]),
        render_html("## " + sections[2]),
        render_html("## " + "\n## ".join(sections[3:])),
    ]
    return write_pdf(tmp_path / "chapter-zh.pdf", [_body(p) for p in pages])


def _body(page: str) -> str:
    return page.split("<body>", 1)[1].rsplit("</body>", 1)[0]


@pytest.fixture
def en_docx(tmp_path: Path) -> Path:
    """The English chapter in Word: headings, italic terms, a page break, a table, code."""
    import docx

    document = docx.Document()
    document.add_heading("Linear Equations", 1)
    paragraph = document.add_paragraph("A ")
    paragraph.add_run("linear equation").italic = True
    paragraph.add_run(" is an equation in which every variable appears only to the first power.")
    document.add_paragraph("For example, 2x + 3y = 6 is a linear equation in two variables.")
    document.add_page_break()
    document.add_heading("Systems of Linear Equations", 2)
    paragraph = document.add_paragraph("A ")
    paragraph.add_run("system of linear equations").bold = True
    paragraph.add_run(" is a collection of linear equations that share the same variables.")
    document.add_paragraph(
        "A system of linear equations has a coefficient matrix.", style="List Bullet"
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "equation", "variables"
    table.cell(1, 0).text, table.cell(1, 1).text = "2x + 3y = 6", "x, y"
    code = document.add_paragraph().add_run("solve(matrix_a, vector_b)")
    code.font.name = "Courier New"
    path = tmp_path / "chapter.docx"
    document.save(str(path))
    return path


def escape(text: str) -> str:
    return html.escape(text)
