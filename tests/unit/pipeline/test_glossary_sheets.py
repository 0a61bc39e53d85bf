"""A glossary kept in a spreadsheet and saved as CSV: each row is a glossary entry whose
term is a concept defined by its definition cell, rows are grouped under their topic, and
a CSV that is no glossary (a table of numbers, a quote left open) stays what it was. The
sheets are written for the test."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read
from jobs.pipeline.readers.glossary_sheet import sheet_blocks

# as Excel saves "CSV UTF-8": a byte-order mark, CRLF rows, a field quoted when it holds a
# comma or a quote (the quote doubled), and the blank rows of the sheet's used range
_SHEET = (
    "\ufeffTerm,Definition,Topic,Notes\r\n"
    'Photosynthesis,"The process by which plants, algae and some bacteria make sugar from'
    ' carbon dioxide and water, using light.",Plants,\r\n'
    "Chlorophyll,The green pigment that absorbs light for photosynthesis.,Plants,\r\n"
    'Stomata,Small pores on a leaf through which gases pass.,Plants,"Plural of ""stoma""."\r\n'
    "Transpiration,The loss of water vapour from a plant through its stomata.,Plants,\r\n"
    "Herbivore,An animal that feeds only on plants.,Food webs,\r\n"
    "Decomposer,An organism that breaks down dead matter and returns nutrients to the soil."
    ",Food webs,\r\n"
    "Producer,An organism that makes its own food from light or chemicals.,Plants,\r\n"
    ",,,\r\n,,,\r\n"
)


def test_each_row_of_a_csv_glossary_is_an_entry_under_its_topic() -> None:
    blocks = sheet_blocks(_SHEET.splitlines())
    assert blocks is not None
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Plants", "Food webs"]
    entries = [b for b in blocks if b.kind == "paragraph"]
    assert len(entries) == 7
    assert entries[0].text.startswith("Photosynthesis: The process by which plants, algae")
    assert "Photosynthesis" in entries[0].emphasis
    # a notes cell follows the definition, its doubled quotes one
    assert entries[2].text.endswith('gases pass. Plural of "stoma".')
    # the producer row is grouped with the other plant rows, before the food-web rows
    assert entries[4].text.startswith("Producer:")


def test_a_csv_glossary_file_gives_each_term_as_a_concept_with_its_definition(
    tmp_path: Path,
) -> None:
    path = tmp_path / "biology-terms.csv"
    path.write_bytes(_SHEET.encode("utf-8"))
    assert read(path, detect(path)).blocks()
    concepts = {c.key: c for c in analyse_file(path, language="en").knowledge.concepts}
    for key in ("photosynthesis", "chlorophyll", "transpiration", "decomposer"):
        assert key in concepts, key
        assert concepts[key].description, key
    assert "water vapour" in (concepts["transpiration"].description or "")


def test_a_semicolon_sheet_and_one_without_topics_are_read_too() -> None:
    rows = ["Word;Meaning"] + [f"Term {name};A meaning of {name}." for name in "abcdef"]
    blocks = sheet_blocks(rows)
    assert blocks is not None
    assert [b.kind for b in blocks] == ["paragraph"] * 6


def test_csv_that_is_no_glossary_is_left_alone() -> None:
    numbers = ["year,rainfall,temperature"] + [f"{2000 + i},{600 + i},{11 + i}" for i in range(9)]
    assert sheet_blocks(numbers) is None
    # a glossary header over too few rows, and rows with empty or over-long terms
    assert sheet_blocks(["Term,Definition", "Atom,The smallest unit of an element."]) is None
    bad = ["Term,Definition"] + [f"{'x' * 300},A meaning." for _ in range(6)] + [",Empty."] * 3
    assert sheet_blocks(bad) is None
    # a quote left open and a NUL byte are no sheet, not a crash
    assert sheet_blocks(["Term,Definition", '"Atom,The smallest', "\x00,\x00"] * 3) is None
    assert sheet_blocks([]) is None
    assert sheet_blocks(["", "  "]) is None
