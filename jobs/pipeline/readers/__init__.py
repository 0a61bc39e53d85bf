"""One reader per format, one shape out: `read(path, detected) -> ReadDocument`.

Formats without real pages (Markdown, notebooks, HTML, text, what pandoc converts, DOCX
without page breaks) get virtual pages of about `PAGE_CHARS` characters cut at block
boundaries, so provenance is still a page number a person can find by scrolling ("page
3" ≈ characters 6,000–9,000).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from datasources.files.detect import Detected
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.model import Block, Kind, ReadDocument
from jobs.pipeline.normalise import heading_title
from jobs.pipeline.readers import (
    anki,
    course_package,
    docx,
    enex,
    html,
    latex_project,
    markdown,
    moodlexml,
    notebook,
    odp,
    opml,
    pandoc,
    pdf,
    pptx,
    pretext,
    qti,
    text,
    workbook,
)
from jobs.pipeline.readers.blocks import dashed_glossary
from jobs.pipeline.readers.codelines import without_code_labels
from jobs.pipeline.textutil import letters_only

_READERS: dict[Kind, Callable[[Path, Detected], ReadDocument]] = {
    "pdf": pdf.read,
    "docx": docx.read,
    "pptx": pptx.read,
    "markdown": markdown.read,
    "html": html.read,
    "text": text.read,
    "notebook": notebook.read,
    "odt": pandoc.read,
    "epub": pandoc.read,
    "latex": pandoc.read,
    "rst": pandoc.read,
    "rtf": pandoc.read,
    "asciidoc": pandoc.read,
    "org": pandoc.read,
    "typst": pandoc.read,
    "mediawiki": pandoc.read,
    "dokuwiki": pandoc.read,
    "docbook": pandoc.read,
    "jats": pandoc.read,
    "opml": opml.read,
    "enex": enex.read,
    "pretext": pretext.read,
    "xlsx": workbook.read,
    "odp": odp.read,
    "moodlexml": moodlexml.read,
    "textile": pandoc.read,
    "man": pandoc.read,
    "qti": qti.read,
    "ods": workbook.read,
    "anki": anki.read,
    "latexproject": latex_project.read,
    "coursepackage": course_package.read,
}


# The title opens the document: a heading among its first blocks.
TITLE_WITHIN_BLOCKS = 3
TITLE_MAX_CHARS = 200


# A declared title that names no document: a file name (Chrome titles a printed page
# without <title> by it; Word's PDF printers write "Microsoft Word - notes.docx"; dvips
# and Ghostscript "book.dvi") or a template's placeholder, or the label a learning
# platform gives every page of its kind (超星学习通's chapter page is "学生学习页面", which
# titled a saved 机械原理 chapter instead of its heading)
_NO_TITLE = re.compile(
    r"^(?:(?:Microsoft\s+(?:Word|PowerPoint|Excel)\s+-\s+)?[^\s/\\][^/\\]*"
    r"\.(?:html?|xhtml|docx?|dotx|odt|rtf|pdf|md|markdown|txt|pptx?|odp|tex|dvi|e?ps)"
    r"|(?:PowerPoint\s+)?(?:Presentation|演示文稿)|Untitled(?:\s+document)?|无标题(?:文档)?"
    r"|Document\d*|文档\d*|学生学习页面)$",
    re.IGNORECASE,
)


def read(path: Path, detected: Detected) -> ReadDocument:
    """Read `path` with the reader for its detected kind. Its title is the one the file
    declares (a PDF's, DOCX's or PPTX's metadata, HTML's <title>, Markdown's "#" line) unless
    that names a file or a template's placeholder, or unless the first page shows another
    title by its type (`ReadDocument.shown_title`) and nowhere the declared one: a file
    copied from a template keeps the template's title in its metadata ("Microsoft Learning
    Experiences" over a lab whose first page reads "Big Data Orientation"). Without either,
    the title is the heading that opens the document at its top level (a chapter saved
    without metadata: "Atoms, Molecules, and Ions", not the file name)."""
    document = _READERS[detected.kind](path, detected)
    # a vocabulary list typed "term – gloss" reads as a glossary in every format
    # (and a code block's language label, printed above it, is no paragraph of the text)
    pages = tuple(
        replace(p, blocks=tuple(dashed_glossary(without_code_labels(p.blocks))))
        for p in document.pages
    )
    document = replace(document, pages=pages)
    declared = document.title
    if declared and _NO_TITLE.match(declared.strip()):
        declared = None
    shown = heading_title(document.shown_title) if document.shown_title else None
    if declared and (not shown or _on_first_page(declared, document.blocks())):
        return document
    return replace(document, title=shown or _opening_heading(document.blocks()))


def _on_first_page(title: str, blocks: Sequence[Block]) -> bool:
    """The title is written on the page the document opens with (an author's metadata
    title set there as a heading or a running line, in whatever case or spacing)."""
    if not blocks:
        return False
    first = "".join(letters_only(b.text) for b in blocks if b.page == blocks[0].page)
    return letters_only(title) in first


def _opening_heading(blocks: Sequence[Block]) -> str | None:
    """The first heading among the first blocks that no heading on its page ranks above,
    when it names no apparatus ("Introduction", "Contents")."""
    for block in blocks[:TITLE_WITHIN_BLOCKS]:
        page = [b.level for b in blocks if b.kind == "heading" and b.page == block.page]
        if block.kind == "heading" and block.level == min(page):
            title = heading_title(block.text)
            if title and len(title) <= TITLE_MAX_CHARS and not apparatus(title):
                return title
            return None
    return None
