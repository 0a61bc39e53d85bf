"""PreTeXt, the XML of many open mathematics textbooks: a chapter's file read as the page
PreTeXt builds, its divisions' titles headings, its sentences whole around their maths
and index entries, its terms stressed, and none of its code cells or cross-references."""

from __future__ import annotations

from pathlib import Path

import pytest

from datasources.files.detect import detect, inspect
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!-- part of an open textbook -->
<chapter xmlns:xi="http://www.w3.org/2001/XInclude" xml:id="spaces">
  <title>Vector Spaces</title>
  <introduction>
    <p>Linear algebra studies sets on which addition and scaling behave well.</p>
  </introduction>
  <section xml:id="spaces-span">
    <title>Spans</title>
    <p>
      Let <m>V</m> be a vector space. The <term>span</term><idx><h>Span</h><h>of a set</h></idx>
      of vectors <m>v_1, \\ldots, v_k</m> is the set
      <me>
        \\{ c_1 v_1 + \\cdots + c_k v_k \\}
      </me>
      of all their linear combinations, as <xref ref="thm-span"/> shows.
    </p>
    <definition xml:id="def-basis">
      <title>Basis</title>
      <statement>
        <p>A <term>basis</term> of <m>V</m> is a linearly independent set that spans <m>V</m>.</p>
      </statement>
    </definition>
    <sage>
      <input>V = QQ^3; V.basis()</input>
      <output>[(1, 0, 0), (0, 1, 0), (0, 0, 1)]</output>
    </sage>
    <paragraphs>
      <title>Dimension</title>
      <p>The <term>dimension</term> of <m>V</m> is the number of vectors in a basis of <m>V</m>.</p>
    </paragraphs>
  </section>
  <exercises>
    <title>Exercises</title>
    <exercise><statement><p>Find a basis of the plane <m>x + y + z = 0</m>.</p></statement>
    <hint><p>Two vectors suffice.</p></hint></exercise>
  </exercises>
</chapter>
"""


def _file(tmp_path: Path, text: str, name: str = "spaces.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pretext_chapter_is_told_from_docbook_by_its_paragraphs(tmp_path: Path) -> None:
    assert detect(_file(tmp_path, CHAPTER)).kind == "pretext"
    assert detect(_file(tmp_path, CHAPTER, "spaces.ptx")).kind == "pretext"
    book = '<?xml version="1.0"?>\n<pretext><docinfo/><book><title>A</title></book></pretext>'
    assert detect(_file(tmp_path, book, "main.xml")).kind == "pretext"
    docbook = '<?xml version="1.0"?>\n<chapter><title>T</title><para>Text.</para></chapter>'
    assert detect(_file(tmp_path, docbook, "ch.xml")).kind == "docbook"


def test_divisions_are_headings_and_sentences_stay_whole(tmp_path: Path) -> None:
    path = _file(tmp_path, CHAPTER)
    blocks = read(path, detect(path)).blocks()
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Vector Spaces", "Spans", "Dimension", "Exercises"]
    span = next(b.text for b in blocks if "The span" in b.text)
    # the index entry's headings print nothing; the display stays in its sentence
    assert "Span of a set" not in span and "Spanof a set" not in span
    assert "is the set" in span and "of all their linear combinations" in span
    text = " ".join(b.text for b in blocks)
    for unseen in ("QQ^3", "(1, 0, 0)", "Two vectors suffice", "thm-span"):
        assert unseen not in text


def test_the_chapters_terms_are_defined(tmp_path: Path) -> None:
    analysis = analyse_file(_file(tmp_path, CHAPTER), language="en")
    defined = {c.title for c in analysis.knowledge.concepts if c.description}
    assert {"basis", "dimension"} <= defined


def test_a_cut_pretext_file_is_corrupt(tmp_path: Path) -> None:
    path = _file(tmp_path, CHAPTER[: len(CHAPTER) // 2])
    with pytest.raises(CorruptDocument, match="PreTeXt"):
        read(path, inspect(path))


def test_a_term_named_by_a_greek_letter_is_one_term(tmp_path: Path) -> None:
    """A term written as two terms around its letter's maths prints as one bold run, the
    letter as itself; a lone letter elsewhere prints as the letter too."""
    chapter = (
        '<?xml version="1.0"?>\n<chapter xml:id="waves"><title>Waves</title>'
        "<section><title>Decay</title>"
        "<p>The <term>Landau</term> <m>\\gamma</m>-<term>rate</term> is the rate at which a"
        " wave's amplitude decays, written <m>\\gamma</m>.</p></section></chapter>"
    )
    path = _file(tmp_path, chapter, "waves.xml")
    text = " ".join(b.text for b in read(path, detect(path)).blocks())
    assert "Landau γ-rate is the rate" in text and "written γ" in text
    analysis = analyse_file(path, language="en")
    assert "Landau γ-rate" in {c.title for c in analysis.knowledge.concepts if c.description}
