"""Real chapters in every format the readers take: Markdown → plain text (form feeds
between sections, no markup), Markdown → HTML (markdown-it-py),
HTML → PDF (WeasyPrint, CJK font WenQuanYi Micro Hei), Markdown → DOCX (python-docx,
a page break before each level-2 heading, emphasis as italic runs). Written once to
`.cache/eval/formats/`, so the PDF and DOCX readers are measured on real text with pages.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jobs.pipeline.model import Block
from jobs.pipeline.readers.markdown import parse

OUT = Path(".cache/eval/formats")
CSS = """
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); } }
body { font-family: 'DejaVu Serif', 'WenQuanYi Micro Hei', serif; font-size: 11pt;
       line-height: 1.4; }
pre { font-family: 'DejaVu Sans Mono', 'WenQuanYi Micro Hei', monospace; font-size: 8.5pt; }
h1 { font-size: 22pt; } h2 { font-size: 17pt; } h3 { font-size: 14pt; } h4 { font-size: 12.5pt; }
:lang(zh) em { font-style: normal; font-weight: bold; }
"""
# Chinese has no italics: a CJK font without an italic face prints <em> upright, so the
# emphasis would be invisible in the PDF (to a reader too). Chinese books set it in bold.


def convert(markdown: Path, fmt: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"{markdown.stem}.{fmt}"
    if target.exists() and target.stat().st_mtime >= markdown.stat().st_mtime:
        return target
    blocks = parse(markdown.read_text(encoding="utf-8"))
    language = "zh" if markdown.stem.endswith(".zh") else "en"
    if fmt == "html":
        target.write_text(to_html(blocks, language), encoding="utf-8")
    elif fmt == "pdf":
        import weasyprint

        weasyprint.HTML(string=to_html(blocks, language)).write_pdf(target)
    elif fmt == "docx":
        to_docx(blocks, target)
    elif fmt == "txt":
        target.write_text(to_text(blocks), encoding="utf-8")
    else:
        raise ValueError(fmt)
    return target


def to_text(blocks: list[Block]) -> str:
    """Plain text as a text export gives it: no markup, a form feed before each section."""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "heading" and block.level == 2 and parts:
            parts.append("\f")
        parts.append(block.text.replace("`", ""))
    return "\n\n".join(parts)


def to_html(blocks: list[Block], language: str = "en") -> str:
    parts = [
        f"<html lang='{language}'><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
    ]
    in_list = False
    for block in blocks:
        if block.kind == "list_item" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif block.kind != "list_item" and in_list:
            parts.append("</ul>")
            in_list = False
        text = _emphasised(block)
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{text}</h{block.level}>")
        elif block.kind == "list_item":
            parts.append(f"<li>{text}</li>")
        elif block.kind == "code":
            parts.append(f"<pre>{html.escape(block.text)}</pre>")
        elif block.kind == "formula":
            parts.append(f"<p class='math'>{html.escape(block.text)}</p>")
        elif block.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row.split(" | ")) + "</tr>"
                for row in block.text.split("\n")
            )
            parts.append(f"<table>{rows}</table>")
        else:
            parts.append(f"<p>{text}</p>")
    parts.append("</ul>" if in_list else "")
    parts.append("</body></html>")
    return "\n".join(parts)


def _emphasised(block: Block) -> str:
    text = html.escape(block.text)
    for span in block.emphasis:
        escaped = html.escape(span)
        if escaped:
            text = text.replace(escaped, f"<em>{escaped}</em>", 1)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def to_docx(blocks: list[Block], target: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    for style in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        fonts = document.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    first_section = True
    for block in blocks:
        if block.kind == "heading":
            if block.level == 2 and not first_section:
                document.add_page_break()
            first_section = first_section and block.level != 2
            document.add_heading(block.text, level=min(block.level, 4))
        elif block.kind == "list_item":
            _runs(document.add_paragraph(style="List Bullet"), block)
        elif block.kind == "table":
            rows = [row.split(" | ") for row in block.text.split("\n")]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
        elif block.kind == "code":
            for run in (document.add_paragraph().add_run(block.text),):
                run.font.name = "Courier New"
        else:
            _runs(document.add_paragraph(), block)
    document.save(str(target))


def _runs(paragraph, block: Block) -> None:  # type: ignore[no-untyped-def]
    text = block.text
    spans = [s for s in block.emphasis if s and s in text]
    if not spans:
        paragraph.add_run(text)
        return
    pattern = re.compile(
        "(" + "|".join(re.escape(s) for s in sorted(spans, key=len, reverse=True)) + ")"
    )
    for piece in pattern.split(text):
        if piece:
            paragraph.add_run(piece).italic = piece in spans
