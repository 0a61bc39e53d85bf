"""Text written for a test, analysed as a file: what each such test would write by hand."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import Concept


def written(tmp_path: Path, name: str, text: str) -> Path:
    """`text` saved as `name` in the test's folder."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def concepts_of(
    tmp_path: Path, text: str, name: str = "notes.md", language: str = "en"
) -> tuple[Concept, ...]:
    """The concepts `analyse_file` finds in `text` saved as `name` (English by default)."""
    return analyse_file(written(tmp_path, name, text), language=language).knowledge.concepts


def keys_of(tmp_path: Path, text: str, name: str = "notes.md") -> set[str]:
    return {c.key for c in concepts_of(tmp_path, text, name)}


def sections_of(tmp_path: Path, text: str, name: str = "notes.md") -> dict[str, tuple[str, ...]]:
    """Each concept's section as the document job stores it (`Extraction.section`)."""
    rows = analyse_file(written(tmp_path, name, text), language="en").knowledge.extractions
    return {x.concept_key: x.section for x in rows if x.type == "concept"}
