"""What pandoc converts for us (OpenDocument text, EPUB, LaTeX, reStructuredText, RTF),
on files written here: detection by content, the Markdown it becomes, the sandbox, and
the refusals."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from datasources.files.detect import detect, inspect
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import read
from tests.upload_files import LATEX_CHAPTER, written_by_pandoc


def _read(tmp_path: Path, data: bytes, name: str) -> ReadDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return read(path, inspect(path, filename=name))


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("odt", "chapter.odt"),
        ("epub", "chapter.epub"),
        ("rtf", "chapter.rtf"),
        ("rst", "chapter.rst"),
        ("asciidoc", "chapter.adoc"),
        ("org", "chapter.org"),
        ("typst", "chapter.typ"),
    ],
)
def test_each_format_is_read_as_its_headings_and_text(kind: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / "upload"  # no extension on disk: the content, or a markup's name
    path.write_bytes(written_by_pandoc(kind))
    detected = inspect(path, filename=name)
    assert detected.kind == kind
    document = read(path, detected)
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert {"Conduction", "Convection"} <= set(headings)
    paragraphs = [" ".join(b.text.split()) for b in document.blocks() if b.kind == "paragraph"]
    assert (
        "Conduction is the transfer of heat through a material without any motion of the"
        " material." in " ".join(paragraphs)
    )
    assert document.title == "Heat Transfer"


def test_a_latex_document_is_read_as_what_it_typesets(tmp_path: Path) -> None:
    source = r"""\documentclass{article}
\usepackage{amsmath}
\newcommand{\R}{\mathbb{R}}
\title{Waves}
\begin{document}
\maketitle
\tableofcontents
\section{Simple Harmonic Motion}\label{sec:shm}
A \emph{simple harmonic oscillator} has a restoring force proportional to its
displacement (Section~\ref{sec:shm}; see chapter~\ref{ch.damping} and \cite{feynman}).
\begin{itemize}
\item The \textbf{period} is the time of one cycle.
\end{itemize}
\begin{equation}
x(t) = A \cos(\omega t), \quad x \in \R
\end{equation}
\input{/etc/hostname}
\begin{verbatim}
x = A * cos(w * t)
\end{verbatim}
\end{document}
"""
    document = _read(tmp_path, source.encode(), "waves.tex")
    assert (document.kind, document.mime_type, document.title) == (
        "latex",
        "application/x-tex",
        "Waves",
    )
    blocks = document.blocks()
    kinds = {b.kind: b.text for b in blocks}
    assert kinds["heading"] == "Simple Harmonic Motion"
    assert kinds["list_item"] == "The period is the time of one cycle."
    assert "x(t) = A \\cos(\\omega t)" in kinds["formula"] and "\\mathbb{R}" in kinds["formula"]
    assert kinds["code"] == "x = A * cos(w * t)"
    text = " ".join(b.text for b in blocks)
    # the sandbox read no file; a citation key and a label outside the file are no text
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    assert not hostname or hostname not in text
    assert "feynman" not in text and "ch.damping" not in text
    assert "simple harmonic oscillator" in {e.casefold() for b in blocks for e in b.emphasis}


def test_asciidoc_cross_references_outside_the_file_and_code_spans(tmp_path: Path) -> None:
    source = (
        "= Branching\n\n== Merging\n\nA *merge* joins two branches, as <<ch05-rebasing>>"
        " shows; <<_fast_forward>> is below. The `git merge` command does it.\n\n"
        "[[_fast_forward]]\n=== Fast-forward\n\n"
        "A *fast-forward* moves the branch pointer.\n"
    )
    document = _read(tmp_path, source.encode(), "branching.adoc")
    text = " ".join(b.text for b in document.blocks())
    assert "ch05-rebasing" not in text
    assert "`git merge`" in text  # pandoc's AsciiDoc reader split it in two spans
    assert document.title == "Branching"  # the document title, as a front matter's
    assert [b.text for b in document.blocks() if b.kind == "heading"] == [
        "Merging",
        "Fast-forward",
    ]


def test_an_asc_file_is_asciidoc_unless_it_is_a_pgp_armor(tmp_path: Path) -> None:
    """Whole AsciiDoc books name their chapters ".asc"; read as plain text, a chapter lost
    its headings and its "[source,console]" lines made a concept of "console"."""
    source = (
        "=== Tagging\n\nA *tag* marks a commit as important.\n\n"
        "[source,console]\n----\n$ git tag v1.0\n----\n\n"
        "==== Annotated Tags\n\nAn *annotated tag* is stored as a full object.\n"
    )
    document = _read(tmp_path, source.encode(), "tagging.asc")
    assert document.kind == "asciidoc"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert headings == ["Tagging", "Annotated Tags"]
    assert all("[source" not in b.text for b in document.blocks())
    path = tmp_path / "key.asc"
    path.write_bytes(b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGR0\n-----END PGP\n")
    with pytest.raises(UnsupportedDocument, match="PGP key, signature or message"):
        detect(path, filename="key.asc")


def test_latex_is_known_by_its_commands_and_a_chapter_file_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(LATEX_CHAPTER.encode())
    assert detect(path, filename="notes.txt").kind == "latex"  # \documentclass says it
    chapter = b"\\chapter{Optics}\n\nLight is an electromagnetic wave.\n"
    path.write_bytes(chapter)
    assert detect(path, filename="optics.tex").kind == "latex"
    assert detect(path, filename="optics.txt").kind == "text"
    # Markdown with LaTeX maths stays Markdown
    path.write_bytes(b"# Optics\n\n$$\\begin{equation}n = c / v\\end{equation}$$\n\n- a\n- b\n")
    assert detect(path, filename="optics.md").kind == "markdown"
    # and so does a Markdown lesson on LaTeX, whose fenced examples open on \documentclass,
    # whatever its name; an HTML page that shows one stays HTML
    lesson = (
        "# Your first LaTeX document\n\nEvery document starts with a class:\n\n"
        "```latex\n\\documentclass{article}\n\\begin{document}\nHello\n\\end{document}\n```\n\n"
        "- the class sets the layout\n- the body holds the text\n"
    )
    path.write_text(lesson)
    for name in ("lesson.md", "lesson.txt", "lesson"):
        assert detect(path, filename=name).kind == "markdown", name
    page = "<!doctype html><html><body><pre>\n\\documentclass{article}\n</pre></body></html>"
    path.write_text(page)
    assert detect(path, filename="page").kind == "html"


def test_a_chinese_latex_file_in_gbk_is_read(tmp_path: Path) -> None:
    source = (
        "\\documentclass{ctexart}\n\\begin{document}\n\\section{光的折射}\n"
        "光从一种介质斜射入另一种介质时，传播方向发生改变，这种现象叫做\\emph{光的折射}。\n"
        "\\end{document}\n"
    )
    document = _read(tmp_path, source.encode("gbk"), "光学.tex")
    assert [b.text for b in document.blocks() if b.kind == "heading"] == ["光的折射"]
    assert "光的折射" in {e for b in document.blocks() for e in b.emphasis}


def test_a_latex_file_pandoc_cannot_read_fails_naming_why(tmp_path: Path) -> None:
    path = tmp_path / "loop.tex"
    path.write_text(
        "\\documentclass{article}\\begin{document}\\newcommand{\\x}{\\x\\x}\\x\\end{document}"
    )
    assert inspect(path, filename="loop.tex").kind == "latex"  # the upload takes it
    with pytest.raises(CorruptDocument) as error:
        analyse_file(path, filename="loop.tex")
    assert error.value.reason == "unreadable"
    assert error.value.message.startswith("pandoc could not read the LaTeX file: ")
    assert "macro" in error.value.message


def test_drawings_of_opendocument_are_still_refused(tmp_path: Path) -> None:
    # (an Impress deck, .odp, is read now: test_odp_reader; a Calc glossary, .ods:
    # test_glossary_sheets)
    path = tmp_path / "diagram.odg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.graphics")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="diagram.odg")
    assert error.value.message.startswith("an OpenDocument graphics file, not a kind")


def test_an_odt_chapter_is_analysed(tmp_path: Path) -> None:
    path = tmp_path / "heat.odt"
    path.write_bytes(written_by_pandoc("odt"))
    analysis = analyse_file(path, filename="heat.odt")
    titles = {c.title.casefold() for c in analysis.knowledge.concepts}
    assert {"conduction", "convection"} <= titles
    assert analysis.kind == "odt" and analysis.language == "en"


def test_a_file_pandoc_does_not_finish_in_time_fails_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobs.pipeline.readers import pandoc

    monkeypatch.setattr(pandoc, "TIMEOUT_SECONDS", 0.001)  # any file takes longer
    path = tmp_path / "heat.tex"
    path.write_bytes(LATEX_CHAPTER.encode())
    with pytest.raises(CorruptDocument) as error:
        analyse_file(path, filename="heat.tex")
    assert (error.value.reason, error.value.message) == (
        "unreadable",
        "pandoc did not finish reading the LaTeX file in 0.001 s",
    )


def test_a_chapter_files_own_term_macro_is_read_as_emphasis(tmp_path: Path) -> None:
    # a chapter uploaded without the book's main file, where \keyterm and \sublabel are defined
    source = r"""\chapter{Tides}\sublabel{tides}
The Moon pulls the near side of the ocean harder than the far side; the
difference is the \keyterm{tidal force}. Twice a month the pulls of Sun and Moon
line up and give a \keyterm{spring tide}; a week later they are square and give a
\keyterm{neap tide}. The bulge stands at angle \meta{A} from the line \meta{B}
(Section~\ref{tides}).
"""
    document = _read(tmp_path, source.encode(), "tides.tex")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "the difference is the tidal force." in text  # pandoc had dropped the phrase
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"tidal force", "spring tide", "neap tide"} <= stressed
    assert not stressed & {"a", "b", "tides"}  # a symbol's macro, a label: no term


def test_a_manuals_syntax_placeholders_read_as_slots_and_name_no_terms(tmp_path: Path) -> None:
    # a software manual's chapter file whose \\marg/\\oarg/\\arg come from the book's
    # preamble: they print a slot of a command's syntax, and are no terms of the chapter
    source = r"""\chapter{Running the solver}
Every run names its input: \verb|solve|\oarg{flags}\marg{mesh-file}\marg*{steps}.
Here \arg{mesh-file} is the mesh to read, and \arg{flags} may be left out.
The \keyterm{time step} sets how far one step goes; a smaller \keyterm{time step} is safer.
"""
    document = _read(tmp_path, source.encode(), "solver.tex")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "Here ⟨mesh-file⟩ is the mesh to read, and ⟨flags⟩ may be left out." in text
    assert "⟨steps⟩" in text  # the starred form is a slot as well
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert "time step" in stressed
    assert not stressed & {"flags", "mesh-file", "steps"}


def test_a_chapters_own_macro_around_command_names_reads_as_code(tmp_path: Path) -> None:
    # the book's preamble defines \\cs (it prints a backslash and the name): without it,
    # pandoc dropped each command's name and the sentences naming them lost their words
    source = r"""\chapter{Sectioning}
A chapter opens with \cs{chapter}, and its parts with \cs{section} and \cs{subsection}.
The text between \cs{documentclass} and \cs{begin} is the preamble. A \cs{\%} sign
starts a comment.
"""
    document = _read(tmp_path, source.encode(), "sectioning.tex")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "The text between `documentclass` and `begin` is the preamble." in text
    assert "A `%` sign starts a comment." in text
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert not stressed & {"chapter", "section", "documentclass"}  # code, no terms


def test_an_unknown_macro_an_emphasis_wraps_prints_its_phrase(tmp_path: Path) -> None:
    # the book's main file defines \mkindex to print a term and file it in the index; the
    # chapter alone leaves it unknown, and its name reads as an index entry's
    source = r"""\section{Gravity}
A stone let go near the ground falls with a \emph{\mkindex{constant acceleration}}.
We name its size the \textbf{\mkindex{gravitational acceleration}} and write it $g$.
The \mkindex{free fall} of two stones takes equal times\index{free fall}.
"""
    document = _read(tmp_path, source.encode(), "gravity.tex")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "falls with a constant acceleration." in text  # pandoc had dropped the phrase
    assert "the gravitational acceleration and write it" in text
    assert "The free fall of two stones takes equal times." in text  # bare, as printed
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"constant acceleration", "gravitational acceleration"} <= stressed
    assert "free fall" not in stressed


def test_org_targets_are_no_text_and_a_radio_target_is_a_stressed_term(tmp_path: Path) -> None:
    source = """#+TITLE: Rivers

* Floodplains<<floodplains>>

A river that leaves its banks lays silt on a <<<floodplain>>>, the flat land
beside it. See <<levees>> the banks it builds.

#+BEGIN_SRC python
depth = level << 2 >> 1  # <<not a target>>
#+END_SRC
"""
    document = _read(tmp_path, source.encode(), "rivers.org")
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert "Floodplains" in headings  # the anchor after the word went, brackets and all
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks() if b.kind != "code")
    assert "lays silt on a floodplain, the flat land" in prose
    assert "See the banks it builds." in prose
    assert "<<" not in prose
    code = " ".join(b.text for b in document.blocks() if b.kind == "code")
    assert "level << 2 >> 1  # <<not a target>>" in code  # code is left as it stands
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert "floodplain" in stressed
    assert "levees" not in stressed


def test_asciidoc_index_terms_and_html_passthroughs_are_no_words(tmp_path: Path) -> None:
    source = """= Soils

== Horizons

(((soil, "horizons (layers)", id="soilA")))(((topsoil)))Topsoil is the dark upper
layer where roots and worms live. Below it lies the ((subsoil)), paler and firmer.
See pass:[<a data-type="xref" href="#soil_table" data-xrefstyle="select">#soil_table</a>]
for depths, and indexterm:[clay]pass:[<em>clay</em>] for what holds water.

----
profile = (((a, b)))  # ((code)) is left alone
----
"""
    document = _read(tmp_path, source.encode(), "soils.adoc")
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks() if b.kind != "code")
    assert "Topsoil is the dark upper layer" in prose  # the hidden terms went, note and all
    assert "Below it lies the subsoil, paler and firmer." in prose  # a shown term is its word
    assert "See for depths, and clay for what holds water." in prose
    for leftover in ("(((", "((", "horizons", "href", "xrefstyle", "soil_table", "<"):
        assert leftover not in prose
    code = " ".join(b.text for b in document.blocks() if b.kind == "code")
    assert "profile = (((a, b)))  # ((code)) is left alone" in code


def test_a_sphinx_glossary_term_set_apart_from_its_definition_is_an_entry(
    tmp_path: Path,
) -> None:
    # a blank line between a glossary's term and its indented definition: pandoc reads a
    # paragraph and a block quote there, and the term was lost as a name
    source = """Glossary
========

.. glossary::

   tidal range
      The height between a high and the next low water.

   slack water

      The still time when the tide turns.

   neap tide
      A tide of small range, at the Moon's quarters.

Outside the glossary a short line

   and a quote stay as they are.
"""
    analysis_path = tmp_path / "tides.rst"
    analysis_path.write_text(source)
    document = _read(tmp_path, source.encode(), "tides.rst")
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"tidal range", "slack water", "neap tide"} <= stressed
    assert "outside the glossary a short line" not in stressed
    titles = {c.title for c in analyse_file(analysis_path).knowledge.concepts}
    assert "slack water" in titles


def test_a_heading_whose_argument_is_one_bare_macro_is_read(tmp_path: Path) -> None:
    # TeX takes one token as a command's argument; pandoc wanted braces and gave up on the file
    source = r"""\chapter{Lenses}
A \keyterm{converging lens} bends parallel rays to one point.
\section\exerciseshead
Find where a \keyterm{converging lens} of focal length 5 cm forms an image.
\subsection*{Answers} Ten centimetres.
"""
    document = _read(tmp_path, source.encode(), "lenses.tex")
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert "Lenses" in headings
    assert "Answers" in headings
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "forms an image" in text


def test_a_term_macro_used_only_inside_unknown_environments_is_still_a_term(
    tmp_path: Path,
) -> None:
    # a chapter whose theorem-like environments are declared in the book's main file: pandoc
    # keeps each one whole as raw TeX, and the macros inside it were never counted
    source = r"""\section{Soils}
\begin{definition}[Texture]
  The \glossterm{particle size class} of a soil is the share of sand, silt and clay in it.
\end{definition}
\begin{remark}
  A soil rich in clay holds water; its \glossterm{field capacity} is high.
  \begin{proof}
    Clay has a large \glossterm{specific surface}.
  \end{proof}
\end{remark}
"""
    document = _read(tmp_path, source.encode(), "soils.tex")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "The particle size class of a soil is the share" in text
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"particle size class", "field capacity", "specific surface"} <= stressed


def test_a_sphinx_index_entry_is_no_text_and_stresses_its_terms_first_mention(
    tmp_path: Path,
) -> None:
    source = """Soils
=====

.. index:: leaching

Rain that soaks through a soil carries dissolved minerals down with it. This
leaching leaves the upper layers poor; leaching is slow in dry climates.

.. index::
   single: soil; field capacities
   pair: porosity; pore

Water
-----

A soil holds water up to its field capacity, which depends on its porosity.

Air
---

The pores of a dry soil hold air; leaching stops.

.. index:: humus

Organic matter
--------------

Humus darkens the soil, and worms mix humus into it.
"""
    document = _read(tmp_path, source.encode(), "soils.rst")
    texts = [" ".join(b.text.split()) for b in document.blocks()]
    assert "leaching" not in texts  # the entry was a paragraph of its own
    assert not any("single:" in t or "field capacities" in t for t in texts)
    stressed = [e.casefold() for b in document.blocks() for e in b.emphasis]
    # the first mention only; a plural entry finds its singular; "soil" is the entry's
    # heading word, not a term; the next section is not the entry's
    assert sorted(stressed) == ["field capacity", "humus", "leaching", "porosity"]
    # the mention that opens a sentence has the sentence's capital: the next one is stressed
    assert not any("Humus" in e for b in document.blocks() for e in b.emphasis)
    assert "This leaching leaves the upper layers poor; leaching is slow" in " ".join(texts)


def test_a_chapter_files_undeclared_theorem_environments_read_as_the_book_prints_them(
    tmp_path: Path,
) -> None:
    # the book's main file declares them with \newtheorem; the chapter alone does not
    source = r"""\section{Graphs}
\begin{definition}
  A graph is \emph{connected} if any two vertices are joined by a path.
\end{definition}
\begin{theorem}[Handshake lemma]
  The degrees of a graph add up to twice its number of edges.
\end{theorem}
\begin{proof}
  Each edge has two ends.
\end{proof}
"""
    document = _read(tmp_path, source.encode(), "graphs.tex")
    paragraphs = [" ".join(b.text.split()) for b in document.blocks() if b.kind == "paragraph"]
    assert "Definition 1. A graph is connected if any two vertices are joined by a path." in (
        paragraphs
    )
    assert any(p.startswith("Theorem 1 (Handshake lemma). The degrees") for p in paragraphs)
    # upright, as amsthm's definition style sets a body: the stressed word stays the only one
    stressed = [e for b in document.blocks() for e in b.emphasis]
    assert "connected" in stressed
    assert not any(e.startswith("A graph is") for e in stressed)
    # a file that declares its own environments keeps them as it declares them
    declared = "\\newtheorem{definition}{Def.}\n" + source
    document = _read(tmp_path, declared.encode(), "graphs2.tex")
    assert any(b.text.startswith("Def. 1") for b in document.blocks())


def test_a_definition_declared_in_the_default_style_is_read_upright(tmp_path: Path) -> None:
    """A file declaring its definition environment with no style before it: the body is
    not one long stress (it hid what is defined), and its theorems keep their italics."""
    source = r"""\documentclass{article}
\newtheorem{definition}{Definition}
\newtheorem{theorem}{Theorem}
\begin{document}
\begin{definition}[Tree]
A \emph{tree} is a connected graph with no cycles.
\end{definition}
\begin{theorem}
Every tree on $n$ vertices has $n-1$ edges.
\end{theorem}
\end{document}
"""
    document = _read(tmp_path, source.encode(), "trees.tex")
    stressed = [e for b in document.blocks() for e in b.emphasis]
    assert "tree" in stressed
    assert not any(e.startswith("A tree is") for e in stressed)
    assert any(e.startswith("Every tree") for e in stressed)


def test_code_that_sphinx_runs_when_it_builds_is_code_not_text(tmp_path: Path) -> None:
    """IPython's and jupyter-sphinx's directives hold code Sphinx runs and shows as code;
    read as paragraphs, a table's rows and a call's arguments became names."""
    source = """Orchard records
===============

A frame holds one row per tree.

.. ipython:: python
   :okexcept:

   trees = pd.DataFrame({"Variety": ["Golden Pippin", "Cox Orange"]})
   trees.groupby("Variety").size()

.. jupyter-execute::

   print(trees.shape)

Grouping counts the trees of each variety.
"""
    document = _read(tmp_path, source.encode(), "orchard.rst")
    kinds = [(b.kind, b.text) for b in document.blocks()]
    code = [text for kind, text in kinds if kind == "code"]
    assert len(code) == 2
    assert 'trees.groupby("Variety").size()' in code[0] and "print(trees.shape)" in code[1]
    prose = " ".join(text for kind, text in kinds if kind != "code")
    assert "Golden Pippin" not in prose and "okexcept" not in prose
    assert "Grouping counts the trees of each variety." in prose


def test_a_role_the_author_declares_to_colour_words_is_emphasis(tmp_path: Path) -> None:
    """A Sphinx project declares ".. role:: green" in its prolog to colour the words a
    chapter stresses; the chapter file alone does not declare it. Its words are stressed,
    as ":dfn:" words are; Sphinx's own code roles stay code."""
    source = """苗圃管理
========

在嫁接中， :green:`砧木` 决定根系，而 :dfn:`接穗` 决定品种。
Call :py:func:`prune` or press :kbd:`Ctrl-S` to save.
"""
    document = _read(tmp_path, source.encode(), "nursery.rst")
    stressed = {e for b in document.blocks() for e in b.emphasis}
    assert {"砧木", "接穗"} <= stressed
    assert not {"prune", "Ctrl-S"} & stressed
    text = " ".join(b.text for b in document.blocks())
    assert "`" not in text.split("Call")[0]
    assert "`prune`" in text and "`Ctrl-S`" in text


def test_sphinx_cross_reference_roles_read_as_their_titles_not_as_code(tmp_path: Path) -> None:
    source = """Soils
=====

As :numref:`Chapter {number} <rocks-chapter>` showed, weathering breaks rock; see
:ref:`the clay minerals <clays>` and :doc:`glossary`. A soil's :term:`horizon` is a
layer. Run :code:`soilgrid --depth 2` to map it.
"""
    document = _read(tmp_path, source.encode(), "soils.rst")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "As Chapter showed, weathering breaks rock; see the clay minerals and ." in text
    assert "A soil's horizon is a layer." in text.replace("’", "'")
    assert "<" not in text and "{number}" not in text
    assert "soilgrid --depth 2" in text  # a role that is no reference stays code


# a paragraph wrapped by an editor inside a word ("光" | "能") and between English words
_WRAPPED = "叶绿体中的色素吸收光\n能，把水分解为氧气。\nLight is\nabsorbed.\n"


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("notes.org", "* 光合作用\n"),
        ("notes.rst", "光合作用\n========\n\n"),
        ("notes.adoc", "== 光合作用\n\n"),
    ],
)
def test_a_hard_wrapped_chinese_line_joins_without_a_space(
    name: str, heading: str, tmp_path: Path
) -> None:
    # a note wrapped by its editor breaks a word at the line's end; a break between two
    # English words is still a space
    document = _read(tmp_path, (heading + _WRAPPED).encode(), name)
    text = " ".join(b.text for b in document.blocks() if b.kind == "paragraph")
    assert "吸收光能，把水分解为氧气。" in text
    assert "Light is absorbed." in text


WIKITEXT = """{{Short description|How soils form}}
[[File:Profile.jpg|thumb|A soil profile]]
'''Soil formation''' turns a '''parent material''' into soil.<ref>A field guide, p. 3.</ref>

== Horizons ==
A '''horizon''' is a layer parallel to the surface. The [[Topsoil|topsoil]] holds most
of the ''organic matter'', and roots breathe out CO<sub>2</sub> into it.
:<math>q = k_s i</math>

=== Leaching ===
'''Leaching''' carries dissolved minerals down to a lower horizon.

{| class="wikitable"
! Horizon !! Colour
|-
| A || dark
|}

[[Category:Soil science]]
"""


def _detected_then_read(
    tmp_path: Path, text: str, kind: str, names: tuple[str, ...]
) -> ReadDocument:
    """`text` is detected as `kind` under each of `names`, then read as the first."""
    path = tmp_path / "upload"
    path.write_text(text)
    for name in names:
        assert detect(path, filename=name).kind == kind, name
    return read(path, inspect(path, filename=names[0]))


def test_wikitext_is_known_by_its_marks_and_read_as_its_sections(tmp_path: Path) -> None:
    # a teacher pastes the edit box's text into a .txt file, or saves it as .wiki
    document = _detected_then_read(
        tmp_path, WIKITEXT, "mediawiki", ("soils.txt", "soils.wiki", "soils")
    )
    assert document.mime_type == "text/x-wiki"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert headings[:2] == ["Horizons", "Leaching"]
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks() if b.kind != "code")
    for markup in ("'''", "[[", "{{", "<ref", "<math>", "Category:", "CO~2~"):
        assert markup not in prose, markup
    assert "The topsoil holds most of the organic matter" in prose
    assert "roots breathe out CO₂ into it" in prose  # a subscript as it prints
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"soil formation", "parent material", "horizon", "leaching"} <= stressed


def test_plain_text_and_markdown_with_equals_signs_are_no_wikitext(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    # a settings file's "== ... ==" banners and a Markdown page with a setext heading
    path.write_text("== Build ==\nmake all\n== Test ==\nmake check\n")
    assert detect(path, filename="notes.txt").kind == "text"
    path.write_text("Rivers\n======\n\nA river ends in a delta.\n\n== not a heading\n")
    assert detect(path, filename="rivers.txt").kind != "mediawiki"
    # a saved edit page is a page, whatever its text box holds
    path.write_text(f"<!DOCTYPE html><html><body><textarea>{WIKITEXT}</textarea></body></html>")
    assert detect(path, filename="edit.html").kind == "html"


# A course wiki's page in DokuWiki's markup, as its edit box or data/pages/*.txt holds it:
# its headings are "=" lines too, so it was taken for MediaWiki's, whose reader knows none
# of its bold, italics, tables, lists, footnotes or plugins
DOKUWIKI_PAGE = """~~NOTOC~~
====== Tides ======

<WRAP center round info 60%>
**Read first:** the chapter on the Moon.
</WRAP>

===== Spring tides =====

A **spring tide** is a tide of large range, when the Sun and the Moon pull along one
line((twice each lunar month)). See [[ocean:waves|the waves page]].

  * //neap tide//: a tide of small range
  * tidal range

^ Tide ^ Range ^
| spring | large |

<code python>
print("<WRAP>")
</code>

{{tag>ocean tides}}
"""


def test_a_dokuwiki_page_is_known_by_its_marks_and_read_as_its_sections(
    tmp_path: Path,
) -> None:
    document = _detected_then_read(tmp_path, DOKUWIKI_PAGE, "dokuwiki", ("tides.txt", "tides"))
    assert document.mime_type == "text/x-dokuwiki"
    assert document.title == "Tides"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert "Spring tides" in headings
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks() if b.kind != "code")
    for markup in ("**", "//", "((", "[[", "WRAP", "NOTOC", "tag>", "ocean:"):
        assert markup not in prose, markup
    assert "the Sun and the Moon pull along one line" in prose
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"spring tide", "neap tide"} <= stressed
    # a plugin's tag inside code is the code's own text
    assert "<WRAP>" in " ".join(b.text for b in document.blocks() if b.kind == "code")
    # MediaWiki's wikitext is still MediaWiki's
    path = tmp_path / "wiki.txt"
    path.write_text(WIKITEXT)
    assert detect(path, filename="wiki.txt").kind == "mediawiki"


# a Redmine project wiki's page in Textile, with Redmine's table-of-contents macro and
# wiki links; its numbered list's "# " lines look like Markdown headings
TEXTILE_PAGE = """h1. Bridges

{{>toc}}

See also [[Loads and Forces]] and [[Trusses#Members|truss members]].

h2. Beam bridges

A *beam bridge* is a rigid horizontal structure resting on two piers. Its span is
short.

# Measure the span.
# Choose a beam depth.

h2. Arch bridges

p(note). An _arch bridge_ carries its load outward to supports at each end.

bq. Arches were built in stone long before steel.
"""


def test_a_textile_page_is_known_by_its_marks_and_read_as_its_sections(
    tmp_path: Path,
) -> None:
    document = _detected_then_read(
        tmp_path, TEXTILE_PAGE, "textile", ("bridges.txt", "bridges.textile", "bridges")
    )
    assert document.mime_type == "text/x-textile"
    assert document.title == "Bridges"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert {"Beam bridges", "Arch bridges"} <= set(headings)
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks())
    for markup in ("h2.", "p(note).", "bq.", "{{", "toc", "[[", "*beam", "Trusses#"):
        assert markup not in prose, markup
    # a wiki link shows its page's name, or its text
    assert "See also Loads and Forces and truss members." in prose
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"beam bridge", "arch bridge"} <= stressed


DOCBOOK_CHAPTER = """<chapter id="erosion">
<title>Soil Erosion</title>
<para>Water and wind remove the top layer of a field. The loss is called
<firstterm>soil erosion</firstterm>&mdash;it is slow, yet it adds up.<indexterm>
<primary>erosion</primary></indexterm> See <xref linkend="ch-farming"/>.</para>
<sect1 id="sheet">
<title>Sheet Erosion</title>
<para>In <glossterm>sheet erosion</glossterm> a thin film of soil moves downhill.</para>
<note><para>Cover crops slow it.</para></note>
<programlisting>loss = rainfall * erodibility</programlisting>
</sect1>
</chapter>
"""


def test_a_docbook_chapter_is_read_as_its_sections_and_terms(tmp_path: Path) -> None:
    # a chapter file has neither an XML declaration nor a DOCTYPE: its elements say it
    document = _detected_then_read(
        tmp_path, DOCBOOK_CHAPTER, "docbook", ("ch03.xml", "ch03.dbk", "ch03")
    )
    assert document.title == "Soil Erosion"
    assert [b.text for b in document.blocks() if b.kind == "heading"][-1] == "Sheet Erosion"
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks() if b.kind != "code")
    assert "The loss is called soil erosion—it is slow" in prose  # an entity without its DTD
    paragraphs = [b.text for b in document.blocks() if b.kind == "paragraph"]
    assert not any(p.startswith("Sheet Erosion") for p in paragraphs)  # a title is a heading
    assert "ch-farming" not in prose and "???" not in prose
    code = " ".join(b.text for b in document.blocks() if b.kind == "code")
    assert "loss = rainfall * erodibility" in code
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"soil erosion", "sheet erosion"} <= stressed


def test_docbook_named_by_its_doctype_and_other_xml_is_not(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN"'
        ' "http://www.oasis-open.org/docbook/xml/4.5/docbookx.dtd">\n'
        "<article><title>Rain</title><para>Rain falls.</para></article>\n"
    )
    assert detect(path, filename="rain.xml").kind == "docbook"
    # an XML file of another vocabulary is not read as DocBook
    path.write_text('<?xml version="1.0"?>\n<catalog><book id="1">Rain</book></catalog>\n')
    assert detect(path, filename="books.xml").kind != "docbook"


# A journal article in JATS, the XML an open-access publisher or a paper repository gives
# for download. libmagic calls it HTML, and read as a page its sections' titles ran into
# their text ("3.3.Entrainment by light Entrainment is …" described another term) and
# the journal's, the authors' and the references' names were text.
JATS_ARTICLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN"
 "JATS-journalpublishing1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
<front><journal-meta><journal-title-group><journal-title>Coastal Letters</journal-title>
</journal-title-group></journal-meta>
<article-meta><title-group><article-title>Dunes as Coastal Defence</article-title>
</title-group><contrib-group><contrib><name><surname>Moreau</surname>
<given-names>Ines</given-names></name></contrib></contrib-group>
<abstract><p>We review how dunes protect a coast.</p></abstract></article-meta></front>
<body>
<sec id="s1"><label>1.</label><title>Dune formation</title>
<p>A <bold>foredune</bold> is the ridge nearest the sea, built by sand the wind carries
<xref ref-type="bibr" rid="R1">[1]</xref>.</p>
<sec id="s1-1"><label>1.1.</label><title>Blowouts</title>
<p>A <italic>blowout</italic> is a hollow the wind scours in a dune.</p></sec>
</sec>
</body>
<back><ref-list><ref id="R1"><element-citation><person-group><name><surname>Quill</surname>
</name></person-group><article-title>Winds over sand</article-title><source>Shore Journal
</source><year>1990</year></element-citation></ref></ref-list></back>
</article>
"""


def test_a_jats_article_is_read_as_its_sections_without_its_apparatus(tmp_path: Path) -> None:
    document = _detected_then_read(
        tmp_path, JATS_ARTICLE, "jats", ("dunes.xml", "dunes.nxml", "dunes")
    )
    assert document.mime_type == "application/jats+xml"
    assert document.title == "Dunes as Coastal Defence"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert headings[-2:] == ["Dune formation", "Blowouts"]
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks() if b.kind != "code")
    assert "A foredune is the ridge nearest the sea" in prose
    for apparatus in ("Coastal Letters", "Moreau", "Winds over sand", "Shore Journal", "@R1"):
        assert apparatus not in prose, apparatus
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"foredune", "blowout"} <= stressed
    # without its DOCTYPE (a repository's .nxml often has one; a publisher's export may
    # not) the article is known by its front matter
    path = tmp_path / "bare.xml"
    path.write_text(JATS_ARTICLE.split("\n", 3)[3])
    assert detect(path, filename="bare.xml").kind == "jats"


def test_a_jats_articles_entities_read_no_file(tmp_path: Path) -> None:
    # the article above, declaring a file of the server as an entity and using it
    path = tmp_path / "paper.xml"
    dtd = '"JATS-journalpublishing1.dtd"'
    declared = JATS_ARTICLE.replace(dtd, dtd + ' [<!ENTITY host SYSTEM "file:///etc/hostname">]')
    path.write_text(declared.replace("We review how dunes protect a coast.", "&host;"))
    detected = inspect(path, filename="paper.xml")
    assert detected.kind == "jats"
    try:
        document = read(path, detected)
    except CorruptDocument as error:
        assert "JATS" in str(error)
        return
    hostname = Path("/etc/hostname").read_text().strip()
    assert not hostname or hostname not in " ".join(b.text for b in document.blocks())


def test_a_docbook_include_reads_no_file_of_the_server(tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_text(
        '<chapter xmlns:xi="http://www.w3.org/2001/XInclude"><title>Rain</title>'
        '<para>Rain falls.</para><xi:include href="/etc/hostname" parse="text"/></chapter>\n'
    )
    try:
        document = read(path, inspect(path, filename="rain.xml"))
    except CorruptDocument as error:  # pandoc's sandbox refused the read
        assert "DocBook" in str(error)
        return
    hostname = Path("/etc/hostname").read_text().strip()
    text = " ".join(b.text for b in document.blocks())
    assert not hostname or hostname not in text


def test_a_docbook_files_entities_read_no_file_and_expand_nothing(tmp_path: Path) -> None:
    """An external entity (a file of the server) and nested entities (a billion laughs)
    in an uploaded DocBook chapter: pandoc resolves neither, and the file is refused with
    a message that names the format."""
    doctype = '<!DOCTYPE chapter PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN" "docbookx.dtd"'
    external = (
        f'<?xml version="1.0"?>\n{doctype} [<!ENTITY host SYSTEM "file:///etc/hostname">]>\n'
        "<chapter><title>Rain</title><para>Rain falls. &host;</para></chapter>\n"
    )
    entities = '<!ENTITY a0 "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    laughs = (
        f'<?xml version="1.0"?>\n{doctype} [{entities}]>\n'
        "<chapter><title>Laughs</title><para>&a9;</para></chapter>\n"
    )
    for name, text in (("external.xml", external), ("laughs.xml", laughs)):
        path = tmp_path / name
        path.write_text(text)
        detected = inspect(path, filename=name)
        assert detected.kind == "docbook"
        with pytest.raises(CorruptDocument, match="DocBook"):
            read(path, detected)


def test_an_asciidoc_chapter_that_includes_other_files_is_read_without_them(
    tmp_path: Path,
) -> None:
    """pandoc stopped at the first `include::` of a file not uploaded, and the whole
    chapter was refused; the directive reads no file of the server either."""
    source = (
        "=== Hooks\n\nA *hook* is a script Git runs before or after an event.\n\n"
        "include::../samples/hooks.asc[]\n\n"
        "[source,shell]\n----\ninclude::code/pre-commit.sh[lines=1..5]\n----\n\n"
        "include::/etc/hostname[]\n\nA *server-side hook* runs on the server.\n"
    )
    document = _read(tmp_path, source.encode(), "hooks.adoc")
    text = " ".join(b.text for b in document.blocks())
    assert "A hook is a script Git runs before or after an event." in text
    assert "A server-side hook runs on the server." in text
    assert "include::" not in text
    hostname = Path("/etc/hostname").read_text().strip()
    assert not hostname or hostname not in text


TYPST_WITH_A_TEMPLATE = """#import "template.typ": *
#import "@preview/cetz:0.2.2": canvas
#show: project.with(title: "Igneous Rocks", authors: ("A. Teacher",))

= Igneous Rocks

An *igneous rock* forms when magma cools.

#definition("Basalt")[A fine-grained volcanic rock.]

== Intrusive Rocks

#note[Granite cools slowly underground.]
"""


def test_a_typst_document_with_its_template_not_uploaded_is_read(tmp_path: Path) -> None:
    """Nearly every Typst document imports a template or a package; pandoc stopped at the
    import, then at each name it would have defined, and the file was refused."""
    document = _read(tmp_path, TYPST_WITH_A_TEMPLATE.encode(), "rocks.typ")
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert headings == ["Igneous Rocks", "Intrusive Rocks"]
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "An igneous rock forms when magma cools." in text
    assert "Basalt A fine-grained volcanic rock." in text
    assert "Granite cools slowly underground." in text


def test_a_typst_document_of_too_many_unknown_names_is_refused_clearly(tmp_path: Path) -> None:
    names = "".join(f"#name{i}[x]\n" for i in range(40))
    with pytest.raises(CorruptDocument, match=r"Typst file: .*name30"):
        _read(tmp_path, f"= Rocks\n\n{names}".encode(), "many.typ")
    with pytest.raises(CorruptDocument, match="Typst file"):  # not a name: refused as before
        _read(tmp_path, b"= Rocks\n\n#let x = (\n", "broken.typ")


def test_a_typst_files_stand_in_runs_share_one_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each name stood in for is another pandoc run: together they get the one run's
    TIMEOUT_SECONDS, not that much each (30 names at 120 s would hold a worker for an hour)."""
    from jobs.pipeline.readers import pandoc

    runs: list[float | None] = []
    real_run = pandoc._run

    def timed(
        command: list[str], stdin: bytes | None, label: str, timeout: float | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        runs.append(timeout)
        return real_run(command, stdin, label, timeout)

    monkeypatch.setattr(pandoc, "_run", timed)
    _read(tmp_path, TYPST_WITH_A_TEMPLATE.encode(), "rocks.typ")
    assert len(runs) > 1 and all(t is not None and t <= pandoc.TIMEOUT_SECONDS for t in runs)
    assert runs == sorted(runs, reverse=True)  # what is left, run after run
    monkeypatch.setattr(pandoc, "TIMEOUT_SECONDS", 0)
    with pytest.raises(CorruptDocument, match="did not finish reading the Typst file"):
        _read(tmp_path, TYPST_WITH_A_TEMPLATE.encode(), "rocks.typ")


def test_a_latex_file_cut_short_is_refused_saying_what_pandoc_expected(tmp_path: Path) -> None:
    # a slide deck's source that stops inside a frame: pandoc points a caret at the end,
    # and the caret alone was the reason given
    path = tmp_path / "deck.tex"
    path.write_text(
        "\\documentclass{beamer}\n\\begin{document}\n\\begin{frame}{第一页}\n"
        "\\begin{itemize}\n\\item 一条要点\n",
        encoding="utf-8",
    )
    with pytest.raises(CorruptDocument) as error:
        analyse_file(path, filename="deck.tex")
    assert error.value.reason == "unreadable"
    message = error.value.message
    assert message.startswith("pandoc could not read the LaTeX file: unexpected end of input")
    assert "expecting" in message
    assert not message.rstrip().endswith("^")


def test_a_beamer_sources_frame_titles_are_headings(tmp_path: Path) -> None:
    # pandoc knows no frame: its title ran into the slide's first line
    source = (
        "\\documentclass{ctexbeamer}\n\\begin{document}\n\\section{运动学}\n"
        "\\begin{frame}[fragile]{匀速运动}\n速度保持不变的运动。\n\\end{frame}\n"
        "\\begin{frame}\n\\frametitle{加速度}\n\\begin{block}{定义}\n"
        "速度对时间的变化率。\n\\end{block}\n\\end{frame}\n"
        "\\begin{frame}{}\n没有标题的一页。\n\\end{frame}\n\\end{document}\n"
    )
    blocks = list(_read(tmp_path, source.encode("utf-8"), "slides.tex").blocks())
    headings = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert [t for t, _ in headings] == ["运动学", "匀速运动", "加速度"]
    assert headings[1][1] > headings[0][1]  # a frame sits inside its section
    texts = [b.text for b in blocks if b.kind == "paragraph"]
    assert "速度保持不变的运动。" in texts
    assert "定义" in texts and "速度对时间的变化率。" in texts  # the block's title apart
    assert "没有标题的一页。" in texts


EXAM_SHEET = r"""\documentclass[addpoints,answers]{exam}
\firstpageheader{ECON 101}{Quiz 2}{Fall}
\begin{document}
\begin{questions}
\question[6] A market has the demand curve $Q = 100 - 2P$.
\begin{parts}
\part[2] Find the quantity demanded when the price is 10.
\begin{solution}
Eighty units are demanded.
\end{solution}
\part[4] Explain what a shortage is.
\begin{solution}
A shortage is a market state in which demand exceeds supply at the going price.
\end{solution}
\end{parts}
\titledquestion{Surplus}[3] \fillin[Consumer surplus][1in] is the gap between what buyers
would pay and what they pay.
\question[1] Which curve slopes downward?
\begin{choices}
\choice Supply
\CorrectChoice Demand
\end{choices}
\end{questions}
\end{document}
"""


def test_an_exam_class_sheet_keeps_its_parts_answers_and_options(tmp_path: Path) -> None:
    document = _read(tmp_path, EXAM_SHEET.encode(), "quiz2.tex")
    texts = [b.text for b in document.blocks()]
    text = " ".join(texts)
    # LaTeX's own \part is a division; the exam class's is a question's part, with points
    assert "Find the quantity demanded when the price is 10." in texts
    assert "Eighty units are demanded." in text
    assert "[2]" not in text and "[4]" not in text
    assert "Consumer surplus is the gap between" in text  # a blank prints its answer
    assert "Supply" in texts and "Demand" in texts  # each option its own item
    assert not any(b.kind == "heading" and "quantity" in b.text for b in document.blocks())
    analysis = analyse_file(tmp_path / "quiz2.tex", language="en")
    defined = {c.title.lower() for c in analysis.knowledge.concepts if c.description}
    assert {"shortage", "consumer surplus"} <= defined


# a command reference's manual page as its author writes it: comment lines, the ".TH"
# title, ".SH" sections and ".TP" tagged paragraphs, fonts switched with "\fB"
MAN_PAGE = r""".\" a handout for the shell course
.TH GREP 1 "May 2025" "Course 2.0" "User Commands"
.SH NAME
grep \- print lines that match patterns
.SH DESCRIPTION
A \fBregular expression\fR is a pattern that describes a set of strings.
.SS "Matching control"
.TP
.B \-i
ignore case distinctions in patterns and data
.SH "SEE ALSO"
.BR sed (1)
"""


def test_a_manual_pages_source_is_known_by_its_title_line_and_read_as_its_sections(
    tmp_path: Path,
) -> None:
    document = _detected_then_read(tmp_path, MAN_PAGE, "man", ("grep.1", "grep.txt", "grep"))
    assert document.mime_type == "text/troff"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert {"DESCRIPTION", "Matching control"} <= set(headings)
    prose = " ".join(" ".join(b.text.split()) for b in document.blocks())
    for macro in (".TH", ".SH", ".TP", "\\fB", '.\\"'):
        assert macro not in prose, macro
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert "regular expression" in stressed
    # a text that only mentions the macros, not at a line's start, stays text
    path = tmp_path / "notes.txt"
    path.write_text("Man pages open on a .TH line and use .SH for sections.\n")
    assert detect(path, filename="notes.txt").kind == "text"


def test_a_manual_pages_name_line_is_its_title_and_its_set_sections_teach_nothing(
    tmp_path: Path,
) -> None:
    page = MAN_PAGE.replace(
        ".SH DESCRIPTION", ".SH SYNOPSIS\n.B grep\n[\\fIOPTION\\fR]...\n.SH DESCRIPTION"
    )
    page += ".SH AUTHOR\nWritten by the course team.\n"
    document = _detected_then_read(tmp_path, page, "man", ("grep.1",))
    assert document.title == "grep - print lines that match patterns"
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    for section in ("NAME", "SYNOPSIS", "SEE ALSO", "AUTHOR"):
        assert section not in headings, section
    prose = " ".join(b.text for b in document.blocks())
    assert "OPTION" not in prose and "(1)" not in prose and "course team" not in prose
    assert "A regular expression is a pattern" in prose


def _project(tmp_path: Path, members: dict[str, str], name: str = "project.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


_MAIN = (
    "\\documentclass{article}\n\\title{Optics}\n\\begin{document}\n"
    "% \\input{drafts/unused}\n\\input{parts/lenses}\n\\include{parts/mirrors.tex}\n"
    "\\end{document}\n"
)


def test_a_zipped_latex_project_is_read_with_its_input_files_in_place(tmp_path: Path) -> None:
    """Overleaf's source download: the main file (the one declaring its class) is read with
    each \\input and \\include put in place, nested ones too, from inside the ZIP only."""
    path = _project(
        tmp_path,
        {
            "main.tex": _MAIN,
            "parts/lenses.tex": "\\section{Lenses}\nA \\emph{focal point} is where rays meet.\n"
            "\\input{parts/aberration}\n",
            "parts/aberration.tex": "\\subsection{Aberration}\nBlur from imperfect lenses.\n",
            "parts/mirrors.tex": "\\section{Mirrors}\nA concave mirror converges light.\n",
            "drafts/unused.tex": "\\section{Never shown}\n",
            "refs.bib": "@book{x, title={Optics}}",
        },
    )
    detected = inspect(path, filename="project.zip")
    assert detected.kind == "latexproject"
    headings = [b.text for b in read(path, detected).blocks() if b.kind == "heading"]
    assert headings[-3:] == ["Lenses", "Aberration", "Mirrors"]
    assert "Never shown" not in headings


def test_a_latex_project_reaching_outside_its_zip_is_refused(tmp_path: Path) -> None:
    main = _MAIN.replace("parts/lenses", "../../etc/passwd")
    path = _project(tmp_path, {"main.tex": main, "parts/mirrors.tex": "Text."})
    with pytest.raises(CorruptDocument) as error:
        read(path, inspect(path, filename=path.name))
    assert "outside the project" in error.value.message


def test_latex_files_that_include_each_other_stop_at_a_depth(tmp_path: Path) -> None:
    main = "\\documentclass{article}\n\\begin{document}\n\\input{a}\n\\end{document}\n"
    path = _project(tmp_path, {"main.tex": main, "a.tex": "\\input{b}", "b.tex": "\\input{a}"})
    with pytest.raises(CorruptDocument) as error:
        read(path, inspect(path, filename=path.name))
    assert "deep" in error.value.message


def test_a_zip_of_chapters_without_their_main_file_is_refused(tmp_path: Path) -> None:
    path = _project(tmp_path, {"ch1.tex": "\\section{One}\nText.", "ch2.tex": "\\section{Two}"})
    with pytest.raises(UnsupportedDocument) as error:
        inspect(path, filename=path.name)
    assert "no main .tex file" in error.value.message


def test_a_vocabulary_boxs_two_argument_entries_are_a_glossarys(tmp_path: Path) -> None:
    # a chapter's key-words box set with the book's own two-argument macro (defined in the
    # book's main file): pandoc dropped each entry whole, term and explanation both
    source = r"""\section{Key words}
\begin{keywords}

\keyword{latent heat}{the energy a substance takes in or gives out as it changes
phase, with no change of temperature}

\keyword{specific heat capacity}{the energy that raises one kilogram of a substance
by one kelvin, in $J/(kg\,K)$}

\end{keywords}
Ice melts at a steady $0^\circ$C while it takes in heat.
\hint{Ice}{water} and \hint{steam}{hot vapour} name no entries: their second words explain nothing.
"""
    path = tmp_path / "heat.tex"
    path.write_bytes(source.encode())
    document = _read(tmp_path, source.encode(), "heat.tex")
    text = " ".join(" ".join(b.text.split()) for b in document.blocks())
    assert "the energy a substance takes in or gives out as it changes phase" in text
    stressed = {e.casefold() for b in document.blocks() for e in b.emphasis}
    assert {"latent heat", "specific heat capacity"} <= stressed
    assert not stressed & {"ice", "steam"}
    concepts = {c.title: c for c in analyse_file(path).knowledge.concepts}
    assert "one kilogram" in (concepts["specific heat capacity"].description or "")


@pytest.mark.timeout(60)
def test_an_unclosed_entry_of_many_formulas_reads_at_once() -> None:
    # an explanation of many formulas whose brace never closes: its "$" read both as a
    # plain character and as maths' opening, the entry pattern backtracked for ever
    from jobs.pipeline.readers.pandoc import _ENTRY_MACRO

    unclosed = "\\keyword{latent heat}{" + "$x$ " * 2000
    assert _ENTRY_MACRO.search(unclosed) is None
    closed = "\\keyword{latent heat}{the energy per mass, $L = Q/m$, in {J/kg}}"
    match = _ENTRY_MACRO.fullmatch(closed)
    assert match is not None and match.group(3).startswith("the energy per mass, $L = Q/m$")
