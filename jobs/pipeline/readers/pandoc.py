"""OpenDocument text, EPUB, LaTeX, reStructuredText, RTF, AsciiDoc, Org and Typst:
converted by pandoc to Markdown, then read by the Markdown reader.

pandoc (the binary pypandoc-binary ships) reads each of these formats whole: headings,
emphasis, lists, tables, code and maths come out as Markdown's, and the Markdown reader's
rules apply to them as to any Markdown. Its output is Markdown without what our reader
would show as text: raw HTML and TeX, attributes, divs and spans, citations (a
`\\cite{key}` names a key, not a topic), figures' captions made from file names, and
cross-references to labels outside the file (`pandoc_filters/no_label_links.lua`); a
code span pandoc's AsciiDoc reader split at its spaces is joined again
(`whole_code_spans.lua`). The
document's title comes from its metadata (`\\title{}`, an EPUB's or ODT's title), read as
a Markdown front matter title.

pandoc runs as a child process on a file the user gave: `--sandbox` (no file or network
read: a LaTeX `\\input{/etc/passwd}` reads nothing), a heap limit and a time limit. A
LaTeX macro that loops, a document pandoc cannot parse or one that takes too long fails
as `unreadable`, naming the format and pandoc's reason.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypandoc

from datasources.files.detect import Detected, Kind
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import markdown

# pandoc's reader for each kind, and how a message names the kind
FORMATS: dict[Kind, tuple[str, str]] = {
    "odt": ("odt", "OpenDocument text"),
    "epub": ("epub", "EPUB"),
    "latex": ("latex", "LaTeX"),
    "rst": ("rst", "reStructuredText"),
    "rtf": ("rtf", "RTF"),
    "asciidoc": ("asciidoc", "AsciiDoc"),
    "org": ("org", "Org"),
    "typst": ("typst", "Typst"),
}
# Markdown the Markdown reader reads as text, and nothing it would show as text that is
# none: raw HTML or TeX, attributes, divs and spans, citation keys, implicit figures
MARKDOWN = (
    "markdown-raw_html-raw_tex-raw_attribute-native_divs-native_spans-fenced_divs"
    "-bracketed_spans-header_attributes-link_attributes-inline_code_attributes"
    "-fenced_code_attributes-simple_tables-multiline_tables-grid_tables-implicit_figures"
    "-citations-smart"
)
FILTERS = tuple(
    str(Path(__file__).with_name("pandoc_filters") / name)
    for name in ("no_label_links.lua", "whole_code_spans.lua")
)
TIMEOUT_SECONDS = 120
MAX_HEAP = "1024m"


def read(path: Path, detected: Detected) -> ReadDocument:
    return markdown.from_source(to_markdown(path, detected), detected)


def to_markdown(path: Path, detected: Detected) -> str:
    """The document as Markdown (a front matter holding its metadata title first)."""
    reader, label = FORMATS[detected.kind]
    command = [
        pypandoc.get_pandoc_path(),
        *("+RTS", f"-M{MAX_HEAP}", "-RTS"),
        "--sandbox",
        *("--from", reader, "--to", MARKDOWN),
        "--wrap=none",
        "--standalone",  # the metadata block, for the title
        *(f"--lua-filter={f}" for f in FILTERS),
    ]
    if detected.encoding:
        # a text format: pandoc reads UTF-8 only, so it gets the text as we decoded it
        text = path.read_bytes().decode(detected.encoding, errors="replace")
        stdin: bytes | None = text.encode("utf-8")
    else:
        command.append(str(path))
        stdin = None
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell; the file is an argument
            command, input=stdin, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise CorruptDocument(
            "unreadable", f"pandoc did not finish reading the {label} file in {TIMEOUT_SECONDS} s"
        ) from error
    if done.returncode != 0:
        reason = _last_line(done.stderr) or f"exit status {done.returncode}"
        raise CorruptDocument("unreadable", f"pandoc could not read the {label} file: {reason}")
    return done.stdout.decode("utf-8", errors="replace")


def _last_line(stderr: bytes) -> str:
    """pandoc's own reason: the last line it wrote that is no warning."""
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", errors="replace").splitlines()
        if line.strip() and not line.startswith("[WARNING]")
    ]
    return lines[-1][:300] if lines else ""
