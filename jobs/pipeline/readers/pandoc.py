"""OpenDocument text, EPUB, LaTeX, reStructuredText, RTF, AsciiDoc, Org, Typst, MediaWiki
wikitext, DokuWiki markup, Textile, DocBook XML, JATS XML and manual pages (troff -man):
converted by pandoc to
Markdown, then read by the Markdown reader.

pandoc (the binary pypandoc-binary ships) reads each of these formats whole: headings,
emphasis, lists, tables, code and maths come out as Markdown's, and the Markdown reader's
rules apply to them as to any Markdown. Its output is Markdown without what our reader
would show as text: raw HTML and TeX, attributes, divs and spans, citations (a
`\\cite{key}` names a key, not a topic), figures' captions made from file names, and
cross-references to labels outside the file (`pandoc_filters/no_label_links.lua`); a
code span pandoc's AsciiDoc reader split at its spaces is joined again
(`whole_code_spans.lua`); a Sphinx glossary's term set apart from its definition by a blank
line is an entry as the others are (`glossary_terms.lua`); a Sphinx index entry is no
text, and stresses its term's first mention in the section below it (`index_terms.lua`).
A DocBook `<firstterm>` or `<glossterm>` reads as stressed (`docbook_terms`), an `<xref>`
to a chapter not in the file (pandoc's "???") goes, and a wiki page's `[[Category:…]]`
links are no text; nor is a DokuWiki page's plugin syntax (`<WRAP …>`, `{{tag>…}}`,
`dokuwiki_plugins`).
The document's title comes from its metadata (`\\title{}`, an EPUB's or ODT's title), read as
a Markdown front matter title.

A LaTeX chapter file uploaded without its book's main file uses the author's own macros
undefined, and pandoc drops an unknown command with its arguments: `\\newterm{zenith}`
left "meets the celestial sphere at our ." with every term of the chapter gone. A macro
that wraps a short phrase of words two times or more (`_term_macros`) is the author's mark
of a term, and is defined as emphasis ahead of the text, so the phrase reads as stressed.

pandoc runs as a child process on a file the user gave: `--sandbox` (no file or network
read: a LaTeX `\\input{/etc/passwd}` reads nothing), a heap limit and a time limit. A
LaTeX macro that loops, a document pandoc cannot parse or one that takes too long fails
as `unreadable`, naming the format and pandoc's reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
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
    # a zipped LaTeX project, its files put in place as one (`readers/latex_project`)
    "latexproject": ("latex", "LaTeX"),
    "rst": ("rst", "reStructuredText"),
    "rtf": ("rtf", "RTF"),
    "asciidoc": ("asciidoc", "AsciiDoc"),
    "org": ("org", "Org"),
    "typst": ("typst", "Typst"),
    "mediawiki": ("mediawiki", "MediaWiki"),
    "dokuwiki": ("dokuwiki", "DokuWiki"),
    "docbook": ("docbook", "DocBook"),
    "jats": ("jats", "JATS"),
    "textile": ("textile", "Textile"),
    "man": ("man", "manual page"),
}
# Markdown the Markdown reader reads as text, and nothing it would show as text that is
# none: raw HTML or TeX, attributes, divs and spans, citation keys, implicit figures; a
# subscript or superscript as Unicode's ("L₁", "H₂O", "x²") or "a_(ij)", as pandoc falls
# back without the extensions: its "L~1~" and "x^2^" are no Markdown our reader knows, and
# a wiki's definition read "L~1~ distance or L1 norm (see L^p^ space)"
MARKDOWN = (
    "markdown-raw_html-raw_tex-raw_attribute-native_divs-native_spans-fenced_divs"
    "-bracketed_spans-header_attributes-link_attributes-inline_code_attributes"
    "-fenced_code_attributes-simple_tables-multiline_tables-grid_tables-implicit_figures"
    "-citations-smart-subscript-superscript"
)
FILTERS = tuple(
    str(Path(__file__).with_name("pandoc_filters") / name)
    for name in (
        "no_label_links.lua",
        "styled_roles.lua",
        "whole_code_spans.lua",
        "glossary_terms.lua",
        "index_terms.lua",
    )
)
TIMEOUT_SECONDS = 120
MAX_HEAP = "1024m"

# An unknown command around one short phrase of words: `\\newterm{right ascension}`
# (no digits, no maths, no nested command: `\\dec{7}{24}{25}`, `\\val{1}{\\AU}` are none)
_PHRASE_MACRO = re.compile(r"\\([A-Za-z]+)\{([^\W\d_]+(?:[ '’-][^\W\d_]+){0,5})\}")
# An unknown command of two arguments, a short phrase of words and then words that explain
# it: a book's summary box `\\vocabitem{refraction}{the change in direction that occurs when
# a wave …}`. Dropped with both arguments, a chapter's vocabulary box read as nothing, and
# its "index of refraction" was neither a concept nor defined. One nesting of braces or
# maths may stand in the explanation (`{a ratio, $c/v$}`), none in the phrase. A "$" is
# only maths' (a plain character that could also open maths let an unclosed explanation
# of many formulas backtrack for ever: a LaTeX upload held the worker).
_ENTRY_MACRO = re.compile(
    r"\\([A-Za-z]+)\{([^\W\d_]+(?:[ '’-][^\W\d_]+){0,5})\}"
    r"\s*\{([^{}\\$]*(?:(?:\{[^{}]*\}|\$[^$]*\$)[^{}\\$]*)*)\}"
)
# commands whose argument a reader never sees as text: labels, references, citations, index
# entries, files, packages, lengths (a book's `\\chaplabel{hashing}`, `\\index{hash table}`)
_UNSEEN = re.compile(
    r"label|ref|cite|index|url|input|include|graphic|package|style|counter|space|color"
)
# A manual's placeholders in a command's syntax, by the names LaTeX's own documentation
# classes give them (ltxdoc's and l3doc's `\meta`, `\marg`, `\oarg`, `\parg`, `\arg`):
# `\cmd{documentclass}\oarg{options}\marg{class-name}`, "其中 \Arg{class-name} 为文档类的
# 名称". Read as term marks, a LaTeX manual's chapter had "options", "class-name",
# "filename" for concepts. Each reads as its slot, "⟨class-name⟩", never as a stressed term.
_PLACEHOLDER_MACRO = re.compile(r"(?i)[mop]?arg|meta")
# An unknown command that is the whole of an emphasis: `\\emph{\\myindex{slope field}}`.
# Nobody stresses what does not print, so it prints its phrase, whatever its name says: a
# book's `\\myindex` sets the term and files it in the index, and dropped ("we call it
# an .") a differential-equations chapter's terms lost 40 phrases, "Newton's law of
# cooling" among them. It is a term macro at every use, whatever phrase it wraps.
_EMPHASISED_MACRO = re.compile(r"\\(?:emph|textbf|textit|textsl)\{\\([A-Za-z]+)\{[^{}\\]*\}\}")


def read(path: Path, detected: Detected) -> ReadDocument:
    return markdown.from_source(to_markdown(path, detected), detected)


def to_markdown(path: Path, detected: Detected) -> str:
    """The document as Markdown (a front matter holding its metadata title first)."""
    reader, label = FORMATS[detected.kind]
    command = [
        pypandoc.get_pandoc_path(),
        *("+RTS", f"-M{MAX_HEAP}", "-RTS"),
        "--sandbox",
        # a line break between two Chinese (or Japanese) characters is no space: notes in
        # Org, reST, AsciiDoc or LaTeX hard-wrap their prose, and pandoc read each break
        # as a space, cutting words at the wrap ("麻省理工学 院", "用 户"); the Markdown
        # reader joins such lines already
        *("--from", f"{reader}+east_asian_line_breaks", "--to", MARKDOWN),
        "--wrap=none",
        "--reference-location=block",  # a footnote after its paragraph, in its section
        "--standalone",  # the metadata block, for the title
        *(f"--lua-filter={f}" for f in FILTERS),
    ]
    if detected.encoding:
        # a text format: pandoc reads UTF-8 only, so it gets the text as we decoded it
        text = path.read_bytes().decode(detected.encoding, errors="replace")
        if reader == "latex":
            text = exam_class_questions(beamer_frame_titles(text))
            text = _defining_term_macros(_braced_heading_arguments(text), label)
            text = _declared_theorem_environments(_upright_definitions(text))
        elif reader == "org":
            text = org_targets(text)
        elif reader == "asciidoc":
            text = asciidoc_index_and_passthroughs(_ADOC_INCLUDE.sub("", text))
        elif reader == "typst":
            return _typst(command, _TYPST_IMPORT.sub("", text), label)
        elif reader == "rst":
            text = rst_code_directives(text)
        elif reader == "docbook":
            text = docbook_terms(text)
        elif reader == "mediawiki":
            text = _WIKI_CATEGORY.sub("", text)
        elif reader == "dokuwiki":
            text = dokuwiki_plugins(text)
        elif reader == "textile":
            text = redmine_wiki_marks(text)
        stdin: bytes | None = text.encode("utf-8")
    else:
        command.append(str(path))
        stdin = None
    converted = convert(command, stdin, label)
    return man_sections(converted) if reader == "man" else converted


def convert(command: list[str], stdin: bytes | None, label: str) -> str:
    """pandoc's output for `command`; CorruptDocument('unreadable') when it fails."""
    done = _run(command, stdin, label)
    if done.returncode != 0:
        raise CorruptDocument("unreadable", _failure(done, label))
    return done.stdout.decode("utf-8", errors="replace")


def _run(
    command: list[str], stdin: bytes | None, label: str, timeout: float | None = None
) -> subprocess.CompletedProcess[bytes]:
    """pandoc's run; `timeout` (what is left of TIMEOUT_SECONDS) when None."""
    left = TIMEOUT_SECONDS if timeout is None else timeout
    try:
        if left <= 0:
            raise subprocess.TimeoutExpired(command, 0)
        return subprocess.run(  # noqa: S603 - fixed argv, no shell; the file is an argument
            command, input=stdin, capture_output=True, timeout=left, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise CorruptDocument(
            "unreadable", f"pandoc did not finish reading the {label} file in {TIMEOUT_SECONDS} s"
        ) from error


def _failure(done: subprocess.CompletedProcess[bytes], label: str) -> str:
    reason = _last_line(done.stderr) or f"exit status {done.returncode}"
    return f"pandoc could not read the {label} file: {reason}"


# One upload is one file: another file it includes is not there to read. pandoc stops at
# the first such AsciiDoc `include::` ("File code/x.rb not found in resource path"), and
# Pro Git's chapters include their samples, so a whole chapter was refused; the line goes.
_ADOC_INCLUDE = re.compile(r"^include::[^\[\n]*\[[^\]\n]*\][ \t]*$", re.MULTILINE)
# The same for Typst's `#import` and `#include` of a file or a package: nearly every Typst
# document imports its template ("template.typ", "@preview/…").
_TYPST_IMPORT = re.compile(r"^[ \t]*#(?:import|include)\b[^\n]*$", re.MULTILINE)
# What pandoc's Typst evaluator says of a name the missing file defined
# (`#show: project.with(…)`, `#definition[…]`): it stops there.
_TYPST_UNKNOWN = re.compile(rb'Identifier "([A-Za-z_][\w-]*)" not found')
# A stand-in for such a name: a function giving back the text and content it was given,
# so a template's `#note[…]` still reads as its note. At most this many names are stood
# in for (each a pandoc run of a few milliseconds) before the file is refused as before.
_TYPST_STAND_IN = (
    "#let {name}(..args) = args.pos()"
    ".filter(a => type(a) == content or type(a) == str).map(a => [#a]).join([ ])\n"
)
MAX_TYPST_STAND_INS = 30


# A Beamer frame's title, its argument or its \frametitle (pandoc knows no frame: the title
# ran into the slide's first line, "卷积与 u(t) 的卷积：…", and no slide titled a section)
_BRACED = r"\{(?P<title>[^{}\n]*(?:\{[^{}\n]*\}[^{}\n]*)*)\}"
_FRAME_TITLE = re.compile(
    r"(?P<open>\\begin\{frame\}(?:\s*<[^>\n]*>)?(?:\s*\[[^\]\n]*\])?)[ \t]*" + _BRACED
)
_FRAMETITLE = re.compile(r"\\frametitle(?:<[^>\n]*>)?(?:\[[^\]\n]*\])?\s*" + _BRACED)
# a block's title (\begin{block}{定义}): a line of its own, not the opening of its first line
_BLOCK_TITLE = re.compile(
    r"(?P<open>\\begin\{(?:block|alertblock|exampleblock)\}(?:<[^>\n]*>)?)[ \t]*" + _BRACED
)


def beamer_frame_titles(text: str) -> str:
    """A Beamer source's frame titles as the subsection headings they stand for, and its
    blocks' titles as lines of their own."""
    if "\\begin{frame}" not in text:
        return text
    text = _FRAME_TITLE.sub(lambda m: f"{m['open']}\n{_heading(m['title'])}", text)
    text = _FRAMETITLE.sub(lambda m: _heading(m["title"]), text)
    return _BLOCK_TITLE.sub(lambda m: f"{m['open']}\n{m['title']}\n\n", text)


# The exam class's questions (`\\documentclass{exam}`: a teacher's problem sets, quizzes and
# papers): `questions`, `parts`, `subparts` are numbered lists whose items are `\\question`,
# `\\part`, `\\subpart` (each with its points, `\\question[10]`), and `choices` and
# `checkboxes` are a multiple choice's options (`\\choice`, `\\CorrectChoice`). pandoc knows
# none of them, and LaTeX's own `\\part` is a division: a problem set's parts were read
# as part headings and lost with their solutions ("Find the gauge pressure …" was no
# text), and its options ran into one line. A `\\fillin[answer]` blank prints its answer
# when the class shows answers; dropped, a fill-in sentence lost its subject ("states that a
# pressure change …"). Each reads as the list, item or answer it prints as.
_EXAM_MARKUP = re.compile(
    # a list's edge: `\\begin{parts}`, `\\end{choices}`
    r"\\(?P<edge>begin|end)\{(?:(?P<numbered>questions|(?:sub){0,2}parts)"
    r"|(?:onepar)?(?:choices|checkboxes))\}"
    # `\\titledquestion{Surplus}[3]`
    r"|\\(?:bonus)?titledquestion\{(?P<title>[^{}\n]*)\}(?:\[[^\]\n]*\])?"
    # a blank and its answer, `\\fillin[Pascal's law][1in]`
    r"|\\(?P<blank>fillin)(?:\[(?P<answer>[^\]\n]*)\])?(?:\[[^\]\n]*\])?"
    # an item and its points: `\\question[10]`, `\\bonuspart[2]`, `\\CorrectChoice`
    r"|\\(?:(?:bonus)?(?:question|(?:sub){0,2}part)|choice|CorrectChoice|correctchoice"
    r"|checkbox|CorrectCheckbox)(?![A-Za-z])(?:\[[^\]\n]*\])?"
)


def exam_class_questions(text: str) -> str:
    """LaTeX text whose exam-class questions, parts and options are lists and items, and
    whose fill-in blanks are their answers (`_EXAM_MARKUP`); other text as it is."""
    if not re.search(r"\\begin\{questions\}", text):
        return text
    return _EXAM_MARKUP.sub(_exam_markup, text)


def _exam_markup(found: re.Match[str]) -> str:
    if found["edge"]:
        return f"\\{found['edge']}{{{'enumerate' if found['numbered'] else 'itemize'}}}"
    if found["title"] is not None:
        return f"\\item {found['title']}. "
    if found["blank"]:
        return found["answer"] or "\\_\\_\\_\\_"
    return "\\item "


def _heading(title: str) -> str:
    return f"\\subsection*{{{title}}}\n" if title.strip() else ""


def _typst(command: list[str], text: str, label: str) -> str:
    """A Typst file read with its imported names stood in for (`_TYPST_STAND_IN`), all
    the runs within one TIMEOUT_SECONDS, as one run of another format."""
    stand_ins: list[str] = []
    deadline = time.monotonic() + TIMEOUT_SECONDS
    for _ in range(MAX_TYPST_STAND_INS + 1):
        left = deadline - time.monotonic()
        done = _run(command, ("".join(stand_ins) + text).encode("utf-8"), label, left)
        if done.returncode == 0:
            return done.stdout.decode("utf-8", errors="replace")
        unknown = _TYPST_UNKNOWN.search(done.stderr)
        if unknown is None:
            break
        stand_in = _TYPST_STAND_IN.format(name=unknown.group(1).decode())
        if stand_in in stand_ins:
            break
        stand_ins.append(stand_in)
    raise CorruptDocument("unreadable", _failure(done, label))


# Sphinx extensions' directives whose content is code run when the docs are built (IPython's
# `.. ipython:: python`, jupyter-sphinx's `.. jupyter-execute::`, doctest's `.. testcode::`,
# matplotlib's `.. plot::`); pandoc knows none of them and read their code as paragraphs: a
# pandas tutorial's `df.groupby(...)` lines and its tables' rows ("Quan Zhao", "Fudan
# University") named concepts
_CODE_DIRECTIVE = re.compile(
    r"^(\s*\.\.\s+)(?:ipython3?|jupyter-execute|jupyter-input|jupyter-output|doctest"
    r"|testcode|testoutput|testsetup|testcleanup|code-cell|plot)(?=::)",
    re.MULTILINE,
)


def rst_code_directives(text: str) -> str:
    """reStructuredText whose code-running directives are code blocks, as Sphinx shows them."""
    return _CODE_DIRECTIVE.sub(r"\1code-block", text)


# Org's link targets: a radio target `<<<term>>>` (every later mention of the term links to
# it) and a dedicated one `<<anchor>>`; Org forbids white space at a target's either end, so
# code such as `a << b >> c` is none. A block of code or an example is left as it stands.
_ORG_TARGET = re.compile(r"(<<<?)(?![\s<])([^<>\n]*[^\s<>])>>>?")
_ORG_BLOCK = re.compile(r"^\s*#\+(begin|end)_(src|example|export)\b", re.IGNORECASE)


def org_targets(text: str) -> str:
    """Org text whose radio targets are emphasis and whose dedicated targets are gone.

    pandoc's Org reader knows neither where a target follows a word at once:
    "*** Password storage<<password storage>>" kept the brackets in the heading, a concept
    and a module's title, and "a <<<collision attack>>>, which is …" lost the chapter's
    term. A radio target is the author's mark of a term, as a LaTeX term macro is
    (`_term_macros`), so it reads as stressed; a dedicated target is an anchor Org never
    shows, so it goes."""
    lines = []
    inside = False
    for line in text.splitlines(keepends=True):
        block = _ORG_BLOCK.match(line)
        if block:
            inside = block.group(1).lower() == "begin"
        elif not inside:
            line = _ORG_TARGET.sub(_org_target, line)
        lines.append(line)
    return "".join(lines)


def _org_target(match: re.Match[str]) -> str:
    return f"/{match.group(2)}/" if match.group(1) == "<<<" else ""


# AsciiDoc's index terms: a concealed one `(((primary, "secondary (note)", id="x")))` that
# Asciidoctor files in the index and never shows, a flow one `((term))` shown as its term,
# and their macro forms `indexterm:[…]` (hidden) and `indexterm2:[term]` (shown). A quoted
# part may hold parentheses of its own ("hierarchical deterministic (HD) wallets").
_ADOC_HIDDEN_TERM = re.compile(
    r'\(\(\((?:"[^"\n]*"|[^()"\n]|\([^()\n]*\))+\)\)\)|indexterm:\[[^\]\n]*\]'
)
_ADOC_SHOWN_TERM = re.compile(r"(?<!\()\(\(([^\W\d_][\w '’-]*)\)\)(?!\))|indexterm2:\[([^\]\n]*)\]")
# An inline passthrough `pass:[…]` (or `pass:q[…]`) of raw HTML: what the HTML shows. An
# O'Reilly cross-reference `<a data-type="xref" href="#id">#id</a>` shows only its target's
# id, which the book's build replaces by the table's or figure's number: nothing to read.
_ADOC_PASS = re.compile(r"pass:[a-z,]*\[([^\]\n]*<[^\]\n]*)\]")
_HTML_TAG = re.compile(r"<[^<>]*>")
# a listing or literal block, whose text is code or output: left as it stands
_ADOC_VERBATIM = re.compile(r"^(-{4,}|\.{4,})\s*$")


def asciidoc_index_and_passthroughs(text: str) -> str:
    """AsciiDoc text without the index terms and raw HTML pandoc would show as words.

    pandoc's AsciiDoc reader knows neither index terms nor inline passthroughs: a book
    that files its terms in an index (O'Reilly's, every paragraph opening with a few)
    read "((("wallets", "types of", …)))The first …", one term's note in parentheses
    ended the brackets early and left them in a definition, and `pass:[<a …
    data-xrefstyle=…>]` gave the concepts "href" and "data-xrefstyle". A hidden term
    goes, a shown one is its term, and a passthrough is the text its HTML shows."""
    lines = []
    verbatim: str | None = None
    for line in text.splitlines(keepends=True):
        fence = _ADOC_VERBATIM.match(line)
        if fence and (verbatim is None or fence.group(1) == verbatim):
            verbatim = fence.group(1) if verbatim is None else None
        elif verbatim is None:
            line = _ADOC_HIDDEN_TERM.sub("", line)
            line = _ADOC_SHOWN_TERM.sub(lambda m: m.group(1) or m.group(2), line)
            line = _ADOC_PASS.sub(_shown_html, line)
        lines.append(line)
    return "".join(lines)


def _shown_html(match: re.Match[str]) -> str:
    shown = _HTML_TAG.sub("", match.group(1)).strip()
    return "" if re.fullmatch(r"#[\w:.-]+", shown) else shown


# A wiki page's categories: links that file the page in a list, which the wiki shows in a
# box at its foot, never in the text; pandoc's reader showed "Category:Soil science" as words
_WIKI_CATEGORY = re.compile(r"\[\[[ \t]*Category[ \t]*:[^\]\n]*\]\]", re.IGNORECASE)


# Redmine's own marks in its Textile: a macro in double braces ("{{toc}}", "{{>toc}}",
# "{{child_pages}}", "{{include(Page)}}") shows a box or other page, never this page's
# text; a wiki link "[[Page]]" or "[[Page#Section|text]]" shows its page's name or its
# text. pandoc's Textile reader knows neither and kept both as written ("{{>toc}}",
# "[[Semantic HTML]]").
_REDMINE_MACRO = re.compile(r"\{\{[<>]?[a-z_]+(?:\([^(){}\n]*\))?\}\}")
_REDMINE_LINK = re.compile(r"\[\[(?:[^\]|\n]*\|)?([^\]|\n]+)\]\]")


# The sections man(7) sets every page of a manual, none of them the command's lesson: its
# NAME line (what the page is about, its title), the SYNOPSIS (the command line's syntax,
# "[OPTION]... MODE FILE..."), whom it is by and where else to look. Read, "NAME" and the
# synopsis's placeholders were concepts ("names", "OPTION"), and AUTHOR a module's.
_MAN_SECTION = re.compile(r"^# +(.+?) *$", re.M)
_MAN_UNTAUGHT = frozenset(
    ("name", "synopsis", "see also", "author", "authors", "copyright", "reporting bugs", "colophon")
)
_FRONT_MATTER_TITLE = re.compile(r"\A(---\n(?:.*\n)*?)title: .*\n((?:.*\n)*?---\n)")


def man_sections(markdown: str) -> str:
    """pandoc's Markdown of a manual page without man(7)'s sections that teach nothing,
    its NAME line ("chmod - change file mode bits") its title in place of the ".TH"
    name ("CHMOD")."""
    found = list(_MAN_SECTION.finditer(markdown))
    kept: list[str] = [markdown[: found[0].start()] if found else markdown]
    name = ""
    for index, heading in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(markdown)
        section = heading.group(1).casefold()
        if section == "name":
            name = " ".join(markdown[heading.end() : end].split())
        if section not in _MAN_UNTAUGHT:
            kept.append(markdown[heading.start() : end])
    text = "".join(kept)
    if name:
        text = _FRONT_MATTER_TITLE.sub(
            lambda m: f"{m.group(1)}title: {json.dumps(name)}\n{m.group(2)}", text, count=1
        )
    return text


def redmine_wiki_marks(text: str) -> str:
    """Textile with Redmine's macros gone and its wiki links as the text they show."""
    return _REDMINE_LINK.sub(r"\1", _REDMINE_MACRO.sub("", text))


# DocBook's marks of a term where the text introduces or glosses it: `<firstterm>` (the
# word's first, defining use) and an inline `<glossterm>`. pandoc reads both as plain
# text, so a chapter's "known as a <firstterm>fork</firstterm>" lost the author's stress
# that names the term, which the Markdown reader's rules read as a mark of a concept.
_DOCBOOK_TERM = re.compile(r"<(/?)(?:firstterm|glossterm)\b[^>]*?(/?)>")


def docbook_terms(text: str) -> str:
    """DocBook text whose first terms and glossary terms are emphasis, as they print."""
    return _DOCBOOK_TERM.sub(r"<\1emphasis\2>", text)


# A DokuWiki page's plugins, which pandoc's reader does not know: a box's tags (the Wrap
# plugin's `<WRAP info>`, `<note tip>`, Bootstrap's `<callout>`) around text that is the
# page's, and a `{{name>…}}` call (`{{tag>…}}`, `{{indexmenu>…}}`) that prints a list of
# pages. pandoc showed the tags as text ("<WRAP center round info 80%> Before class: …")
# and the call as an image. Code keeps them: `<code>` and `<file>` hold what they show.
_DOKUWIKI_CODE = re.compile(r"(<(?:code|file|nowiki)\b.*?</(?:code|file|nowiki)>)", re.DOTALL)
_DOKUWIKI_PLUGIN = re.compile(
    r"</?(?:WRAP|wrap|note|box|callout|alert|well|panel|hidden|tabbox|tabs)\b[^<>\n]*>"
    r"|\{\{[a-z]+>[^{}\n]*\}\}"
)


def dokuwiki_plugins(text: str) -> str:
    """DokuWiki text without its plugins' tags and calls, outside code."""
    parts = _DOKUWIKI_CODE.split(text)  # text, code, text, code, …
    return "".join(p if i % 2 else _DOKUWIKI_PLUGIN.sub("", p) for i, p in enumerate(parts))


# A sectioning command whose argument is one token without braces: TeX takes the next
# token as the argument (`\\section\\problemhead`, a book's macro for "Problems"), pandoc
# stops reading at it. A brace, an optional argument or a star is the usual form, left alone.
_BARE_HEADING = re.compile(
    r"(\\(?:part|chapter|(?:sub){0,2}section|(?:sub)?paragraph)(?![A-Za-z@])\*?)"
    r"([ \t]*)(\\[A-Za-z@]+|\\[^A-Za-z@\s]|[^\s\\{}\[\]%*])"
)


def _braced_heading_arguments(text: str) -> str:
    """The LaTeX text with each sectioning command's one-token argument put in braces.

    A book's chapter ends on `\\section\\problemhead`; pandoc's LaTeX reader wants the
    heading braced and failed the whole chapter as unreadable. TeX reads the bare token as
    the argument, so braces around it change nothing TeX typesets."""
    return _BARE_HEADING.sub(r"\1\2{\3}", text)


# the theorem-like environments of amsthm's examples and of most lecture notes
_THEOREM_KINDS = (
    "definition",
    "theorem",
    "lemma",
    "proposition",
    "corollary",
    "example",
    "remark",
    "exercise",
    "problem",
    "claim",
    "conjecture",
    "fact",
    "axiom",
    "notation",
    "question",
)
_BEGUN = re.compile(r"\\begin\{(" + "|".join(_THEOREM_KINDS) + r")\}")


def _declared_theorem_environments(text: str) -> str:
    """The LaTeX text with each theorem-like environment it uses but does not declare
    declared ahead of it, as amsthm's `definition` style sets it (upright).

    A chapter file's `\\begin{definition}` is declared by `\\newtheorem` in the book's main
    file; undeclared, pandoc kept its body as a bare paragraph, and what made it a
    definition was lost: "**Definition 1.** We say *R* is *integrally closed* if …" is how
    the book prints it, and how a definition set as a numbered environment is read."""
    used = dict.fromkeys(m.group(1) for m in _BEGUN.finditer(text))
    missing = [
        kind
        for kind in used
        if not re.search(rf"\\(?:newtheorem|newenvironment|declaretheorem)\*?\{{{kind}\}}", text)
    ]
    if not missing:
        return text
    declared = "".join(f"\\newtheorem{{{kind}}}{{{kind.capitalize()}}}\n" for kind in missing)
    return "\\theoremstyle{definition}\n" + declared + text


# A definition environment a file declares itself, under amsthm's default `plain` style
# (no `\theoremstyle{definition}` before its `\newtheorem`): pandoc sets its body in
# italics, as a theorem's, and a definition that is all emphasis gave no definition ("A path
# from $s$ to $t$ is …" in an Overleaf lecture's `\begin{definition}[Path]` defined nothing).
# It is read upright, as the definition style sets it; the style in effect is restored
# after, so the file's other environments keep theirs.
_DEFINITION_DECLARED = re.compile(
    r"\\newtheorem\*?\{(?:def[a-z]*|dfn)\*?\}|\\theoremstyle\{(\w+)\}", re.IGNORECASE
)


def _upright_definitions(text: str) -> str:
    """The LaTeX text with each definition environment it declares under a style other than
    `definition` declared under that style instead (module comment above)."""
    style = "plain"
    parts: list[str] = []
    last = 0
    for match in _DEFINITION_DECLARED.finditer(text):
        if match.group(1):
            style = match.group(1)
        elif style != "definition":
            parts.append(text[last : match.start()])
            parts.append("\\theoremstyle{definition}")
            line_end = text.find("\n", match.end())
            line_end = len(text) if line_end < 0 else line_end
            parts.append(text[match.start() : line_end] + f"\\theoremstyle{{{style}}}")
            last = line_end
    return "".join(parts) + text[last:]


# An environment pandoc does not know (a chapter's `definition`, `theorem`, `example`, whose
# `\\newtheorem` is in the book's main file) it keeps whole as one raw block, its terms
# unseen: a chapter whose `\\vocab{...}` stood in definitions only had it
# undefined. Its body, after the name and an optional title, is read again.
_BODY = re.compile(r"\\begin\{([^{}]+)\}(?:\[[^\]\n]*\])?(.*)\\end\{\1\}\s*\Z", re.DOTALL)


def _defining_term_macros(text: str, label: str) -> str:
    """The LaTeX text with its term macros defined as emphasis ahead of it (module doc), the
    unknown commands an emphasis wraps as printing their phrase (`_EMPHASISED_MACRO`), code
    macros as code and a manual's placeholders as their slots."""
    raws = _unknown_commands(text, label)
    entries = _entry_macros(raws, text)
    macros = {name: body for name, body in _term_macros(raws, text).items() if name not in entries}
    definitions = "".join(
        f"\\newcommand{{\\{name}}}[1]{{{body}}}\n" for name, body in sorted(macros.items())
    )
    # an entry of a vocabulary box is one of a definition list, as a glossary sets it
    definitions += "".join(
        f"\\newcommand{{\\{name}}}[2]{{\\begin{{description}}\\item[#1] #2\\end{{description}}}}\n"
        for name in entries
    )
    code = [name for name in _code_macros(raws) if name not in macros and name not in entries]
    definitions += "".join(f"\\newcommand{{\\{name}}}[1]{{\\texttt{{#1}}}}\n" for name in code)
    names = _placeholder_macros(text)
    for name in names:  # a starred form (`\\marg*{document}`) is its slot all the same
        text = re.sub(rf"\\{name}\*(?=\{{)", lambda _, n=name: f"\\{n}", text)
    placeholders = "".join(f"\\newcommand{{\\{name}}}[1]{{⟨#1⟩}}\n" for name in names)
    return definitions + placeholders + text


def _placeholder_macros(text: str) -> list[str]:
    """The placeholder macros (`_PLACEHOLDER_MACRO`) the text uses and does not define; each
    is to show its argument in angle brackets, as the manuals print them."""
    used = {m.group(1) for m in re.finditer(r"\\([A-Za-z]+)\*?\{", text)}
    return sorted(n for n in used if _PLACEHOLDER_MACRO.fullmatch(n) and not _defines(text, n))


def _defines(text: str, name: str) -> bool:
    return re.search(rf"\\(?:re)?newcommand\*?\{{?\\{name}\b|\\def\\{name}\b", text) is not None


# An unknown command around one name of code each time it stands: a manual's
# `\\cmd{documentclass}`, `\\cmd{\\$}`, `\\cs{section}`. Dropped with its argument, "在
# \\cmd{documentclass} 和 \\cmd{begin} 之间的位置称为导言区" read "在 和 之间的位置称为导言区".
_CODE_MACRO = re.compile(r"\\([A-Za-z]+)\{(\\?[A-Za-z@*]+(?:\\-[A-Za-z]+)*|\\[^A-Za-z\s])\}")


def _code_macros(raws: list[str]) -> list[str]:
    """The unknown commands (`_CODE_MACRO`) that wrap one name of code every time, two times
    or more: each is to show its argument as code."""
    return _macros_of_one_shape(raws, lambda raw: _CODE_MACRO.fullmatch(raw) is not None)


def _macros_of_one_shape(raws: list[str], fits: Callable[[str], bool]) -> list[str]:
    """The unknown commands whose every use `fits`, used two times or more, that are no
    label's, reference's or placeholder's (`_UNSEEN`, `_PLACEHOLDER_MACRO`)."""
    uses: Counter[str] = Counter()
    others: set[str] = set()
    for raw in map(str.strip, raws):
        name = re.match(r"\\([A-Za-z]+)", raw)
        if name is None:
            continue
        if fits(raw):
            uses[name.group(1)] += 1
        else:
            others.add(name.group(1))
    return sorted(
        name
        for name, count in uses.items()
        if count >= 2
        and name not in others
        and not _UNSEEN.search(name.lower())
        and not _PLACEHOLDER_MACRO.fullmatch(name)
    )


def _unknown_commands(text: str, label: str) -> list[str]:
    """The TeX of each command pandoc does not know (it keeps them raw when asked to),
    unknown environments' bodies read again."""
    if "\\" not in text:
        return []
    command = [
        pypandoc.get_pandoc_path(),
        *("+RTS", f"-M{MAX_HEAP}", "-RTS"),
        "--sandbox",
        *("--from", "latex+raw_tex", "--to", "json"),
    ]
    raws: list[str] = []
    tree = json.loads(convert(command, text.encode("utf-8"), label))
    for _ in range(3):  # an unknown environment inside one: a `proof` in a `theorem`
        raws += _raw_inlines(tree)
        blocks = list(_raw_inlines(tree, "RawBlock"))
        # a command alone in its paragraph is a raw block: a vocabulary box's entries
        raws += [b for b in blocks if not b.lstrip().startswith("\\begin")]
        bodies = [m.group(2) for b in blocks if (m := _BODY.match(b))]
        if not bodies:
            break
        try:  # the bodies alone may not parse (a brace opened in one, closed in the next)
            tree = json.loads(convert(command, "\n\n".join(bodies).encode("utf-8"), label))
        except CorruptDocument:
            break
    return raws


def _term_macros(raws: list[str], text: str) -> dict[str, str]:
    """The unknown commands that wrap a short phrase of words each time they stand in the
    text, two times or more, as emphasis; and those an emphasis wraps whole somewhere, as
    their phrase (the emphasis is the author's own)."""
    phrases: Counter[str] = Counter()
    others: set[str] = set()
    unknown = {m.group(1) for raw in raws if (m := re.match(r"\\([A-Za-z]+)", raw.strip()))}
    shown = set(_EMPHASISED_MACRO.findall(text)) & unknown
    for raw in raws:
        match = _PHRASE_MACRO.fullmatch(raw.strip())
        if match is None or len(match.group(2)) < 3 or match.group(2).isupper():
            # a symbol's macro is none: forall x's `\\meta{A}` sets a metavariable
            name = re.match(r"\\([A-Za-z]+)", raw.strip())
            others |= {name.group(1)} if name else set()
        elif not _UNSEEN.search(match.group(1).lower()) and not _PLACEHOLDER_MACRO.fullmatch(
            match.group(1)
        ):
            phrases[match.group(1)] += 1
    terms = {name for name, uses in phrases.items() if uses >= 2 and name not in others}
    # a command the author stresses by hand does not stress its phrase itself
    return {name: "\\emph{#1}" for name in terms - shown} | {name: "#1" for name in shown}


def _entry_macros(raws: list[str], text: str) -> list[str]:
    """The unknown commands that take a phrase and the words explaining it (`_ENTRY_MACRO`)
    each time they stand, two times or more: each is to set a definition list's entry."""

    def fits(raw: str) -> bool:
        match = _ENTRY_MACRO.fullmatch(raw)
        return match is not None and len(match.group(3).split()) >= 3

    return [name for name in _macros_of_one_shape(raws, fits) if not _defines(text, name)]


def _raw_inlines(node: object, kind: str = "RawInline") -> Iterator[str]:
    """The TeX of each raw inline (or raw block) in pandoc's JSON tree."""
    if isinstance(node, dict):
        if node.get("t") == kind and node["c"][0] in ("latex", "tex"):
            yield node["c"][1]
            return
        for value in node.values():
            yield from _raw_inlines(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from _raw_inlines(value, kind)


# pandoc's parse error ends on a caret under the column it stopped at, after what it
# expected: "unexpected end of input", "expecting \end{frame}", " ^"
_CARET = re.compile(r"^\s*\^\s*$")


def _last_line(stderr: bytes) -> str:
    """pandoc's own reason: the last line it wrote that is no warning and no caret (a
    truncated Beamer source was refused for " ^"), with the line before it when that line
    says what the input did ("unexpected end of input; expecting \\end{frame}")."""
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", errors="replace").splitlines()
        if line.strip() and not line.startswith("[WARNING]") and not _CARET.match(line)
    ]
    if len(lines) >= 2 and lines[-1].startswith("expecting") and lines[-2].startswith("unexpected"):
        return f"{lines[-2]}; {lines[-1]}"[:300]
    return lines[-1][:300] if lines else ""
