"""Jupyter notebooks (.ipynb) built here as Jupyter saves them: Markdown cells read as
Markdown, code cells as code in the kernel's language, outputs and raw cells left out,
nbformat 3, the metadata title, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datasources.files.detect import detect, inspect
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import read
from jobs.pipeline.structure import heading_terms
from tests.upload_files import NOTEBOOK_MIME, notebook_bytes


def _cell(kind: str, *lines: str, **extra: object) -> dict[str, object]:
    return {"cell_type": kind, "metadata": {}, "source": list(lines), **extra}


def _read(tmp_path: Path, data: bytes, name: str = "lesson.ipynb") -> ReadDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return read(path, inspect(path, filename=name))


def test_markdown_cells_are_markdown_and_code_cells_are_code(tmp_path: Path) -> None:
    document = _read(tmp_path, notebook_bytes())
    assert (document.kind, document.mime_type, document.title) == (
        "notebook",
        NOTEBOOK_MIME,
        "Heat Transfer",
    )
    blocks = document.blocks()
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [(1, "Heat Transfer"), (2, "Conduction"), (2, "Convection")]
    code = [b for b in blocks if b.kind == "code"]
    assert [b.text for b in code] == ["k = 0.6  # water\nflux = -k * gradient"]
    assert "Conduction" in next(b for b in blocks if b.kind == "paragraph").emphasis
    # the code cell's output (a stream saying "Traceback") is a result, not text
    assert not any("Traceback" in b.text for b in blocks)


def test_outputs_and_raw_cells_are_left_out(tmp_path: Path) -> None:
    cells = [
        _cell("markdown", "# Ohm's Law\n", "\n", "Current is voltage divided by resistance."),
        _cell("raw", ".. note:: for the Sphinx build only"),
        _cell(
            "code",
            "print(12 / 4)",
            outputs=[
                {
                    "output_type": "display_data",
                    "data": {"text/html": ["<table><tr><td>Resistor</td></tr></table>"]},
                }
            ],
        ),
    ]
    text = " ".join(b.text for b in _read(tmp_path, notebook_bytes(cells)).blocks())
    assert "Current is voltage divided by resistance." in text
    assert "print(12 / 4)" in text
    assert "Sphinx" not in text and "Resistor" not in text


def test_a_fence_a_cell_leaves_open_ends_with_the_cell(tmp_path: Path) -> None:
    cells = [
        _cell("markdown", "# Loops\n", "\n", "```python\n", "for step in range(3):\n"),
        _cell("markdown", "## Iteration\n", "\n", "An *iteration* is one pass of a loop."),
        _cell("code", 'text = """\n', "```\n", '"""'),  # a fence inside code stays code
        _cell("markdown", "## Termination\n", "\n", "A loop ends when its condition fails."),
    ]
    blocks = _read(tmp_path, notebook_bytes(cells)).blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == ["Loops", "Iteration", "Termination"]
    assert [b.text for b in blocks if b.kind == "code"] == [
        "for step in range(3):",
        'text = """\n```\n"""',
    ]


def test_code_is_labelled_with_the_kernels_language(tmp_path: Path) -> None:
    cells = [
        _cell("markdown", "# Vectors\n", "\n", "A *vector* in R is built with c()."),
        _cell("code", "x <- c(1, 2, 3)"),
    ]
    document = _read(tmp_path, notebook_bytes(cells, language="R"))
    code = [b for b in document.blocks() if b.kind == "code"]
    assert [b.text for b in code] == ["x <- c(1, 2, 3)"]


def test_the_metadata_title_names_the_notebook(tmp_path: Path) -> None:
    cells = [_cell("markdown", "Momentum is mass times velocity.")]
    data = notebook_bytes(cells, metadata={"title": "Momentum"})
    assert _read(tmp_path, data).title == "Momentum"


def test_nbformat_3_heading_cells_and_inputs(tmp_path: Path) -> None:
    notebook = {
        "metadata": {"name": "waves"},
        "nbformat": 3,
        "nbformat_minor": 0,
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Waves"]},
                    _cell("markdown", "A *wavelength* is the distance between two crests."),
                    {"cell_type": "code", "input": ["speed = 340"], "language": "python"},
                ]
            }
        ],
    }
    document = _read(tmp_path, json.dumps(notebook).encode())
    assert document.title == "Waves"
    assert [b.kind for b in document.blocks()] == ["heading", "paragraph", "code"]


def test_a_notebook_is_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    # Colab writes "nbformat" first, Jupyter "cells": both are notebooks named .json
    colab = b'{\n  "nbformat": 4,\n  "nbformat_minor": 0,\n  "metadata": {},\n  "cells": []}'
    for data in (notebook_bytes(), colab):
        path = tmp_path / "export.json"
        path.write_bytes(data)
        assert detect(path, filename="export.json").kind == "notebook"
    # JSON that is no notebook stays text, unless it is named .ipynb
    path.write_bytes(b'{"cells_total": 3, "rows": [1, 2, 3]}')
    assert detect(path, filename="data.json").kind == "text"
    with pytest.raises(CorruptDocument) as error:
        inspect(path, filename="data.ipynb")
    assert error.value.message == 'the notebook has no "nbformat" version'


def test_an_empty_notebook_fails_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.ipynb"
    path.write_bytes(notebook_bytes([_cell("markdown", "  \n"), _cell("raw", "notes")]))
    assert inspect(path, filename="empty.ipynb").kind == "notebook"  # the upload takes it
    with pytest.raises(UnsupportedDocument) as error:
        analyse_file(path, filename="empty.ipynb")
    assert (error.value.reason, error.value.message) == (
        "no_text",
        "the notebook has no Markdown or code cell with text in it",
    )


def test_text_that_is_not_utf8_past_the_head_is_refused(tmp_path: Path) -> None:
    data = notebook_bytes([_cell("markdown", "x" * 70_000)])
    path = tmp_path / "broken.ipynb"
    path.write_bytes(data[:-20] + b"\xff\xfe" + data[-20:])
    with pytest.raises(CorruptDocument) as error:
        inspect(path, filename="broken.ipynb")
    assert error.value.reason == "corrupt_notebook"
    assert error.value.message.startswith("the notebook is not utf-8 text throughout")


def test_a_notebook_lesson_is_analysed(tmp_path: Path) -> None:
    path = tmp_path / "heat.ipynb"
    path.write_bytes(notebook_bytes())
    analysis = analyse_file(path, filename="heat.ipynb")
    titles = {c.title.casefold() for c in analysis.knowledge.concepts}
    assert {"conduction", "convection"} <= titles
    # read as the JSON text it is saved as, its keys were concepts
    assert not titles & {"markdown", "metadata", "cell_type", "stdout", "stream"}
    assert analysis.language == "en" and analysis.kind == "notebook"


def test_a_series_label_before_a_chapters_topic_names_nothing() -> None:
    # a notebook book titles its chapters "In Depth: …"; "Depth" was a concept
    for label in ("In Depth", "Case Study", "Deep Dive", "At a Glance"):
        terms = [c.term for c in heading_terms(f"{label}: Tidal Forces", 0, 1)]
        assert terms == ["Tidal Forces"], label
        assert heading_terms(label, 0, 2) == [], label


def test_a_cell_of_links_only_is_a_navigation_bar_not_text(tmp_path: Path) -> None:
    # course notebooks open and close on a bar linking their neighbours; its link texts
    # name other notebooks, never this one's concepts
    bar = (
        "<!--NAVIGATION-->\n"
        "< [Ideal Gas Law](01-gas.ipynb) | [Contents](toc.ipynb) | [Heat Engines](03.ipynb) >"
        '<p><a href="https://colab.example/02.ipynb"><img src="badge.svg" alt="Open"></a>'
    )
    cells = [
        _cell("markdown", bar),
        _cell("markdown", "# Entropy\n", "\n", "*Entropy* measures how spread out energy is."),
        _cell("markdown", "- [Carnot Cycle](04.ipynb)\n", "- [Refrigerators](05.ipynb)"),
        _cell("markdown", "See [the Carnot notebook](04.ipynb) and [tables](t.ipynb) next."),
        _cell("markdown", bar),
    ]
    text = " ".join(b.text for b in _read(tmp_path, notebook_bytes(cells)).blocks())
    assert "Ideal Gas Law" not in text and "Heat Engines" not in text
    assert "Refrigerators" not in text
    # a sentence with links in it is prose, and stays
    assert "the Carnot notebook" in text and "Entropy measures" in text
