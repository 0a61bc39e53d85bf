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


# a 名词解释 sheet as a Chinese teacher keeps one: a title row merged across the columns
# above the header, a row-number column, Chinese column names, a notes column
_ZH_SHEET = ["《园林植物》名词解释（复习用）,,,,", "序号,名词,名词解释,所属章节,备注"] + [
    f"{i},{name},{meaning},{chapter},{note}"
    for i, (name, meaning, chapter, note) in enumerate(
        [
            ("乔木", "乔木是指有明显直立主干、树体高大的木本植物。", "第一章", "重点"),
            ("灌木", "灌木是指没有明显主干、近地面处枝干丛生的木本植物。", "第一章", ""),
            ("地被植物", "地被植物是指覆盖在地面上的低矮植物。", "第一章", ""),
            ("花境", "花境是指模拟自然界林缘地带多种花卉交错生长的种植形式", "第二章", "常考"),
            ("花坛", "花坛是指在一定几何形体的植床内种植观赏植物的种植形式。", "第二章", ""),
            ("绿篱", "绿篱是指用灌木或小乔木密植成行而形成的篱垣。", "第二章", ""),
        ],
        start=1,
    )
]


def test_a_chinese_sheet_under_a_title_row_is_a_glossary_without_its_row_numbers() -> None:
    blocks = sheet_blocks(_ZH_SHEET)
    assert blocks is not None
    assert [b.text for b in blocks if b.kind == "heading"] == ["第一章", "第二章"]
    entries = [b.text for b in blocks if b.kind == "paragraph"]
    assert len(entries) == 6
    # the note is a sentence of its own after the definition's 。, the row number is none
    assert entries[0] == "乔木: 乔木是指有明显直立主干、树体高大的木本植物。 重点。"
    assert entries[1] == "灌木: 灌木是指没有明显主干、近地面处枝干丛生的木本植物。"
    # a definition without its stop gets a Chinese one
    assert entries[3].startswith("花境: 花境是指模拟自然界林缘地带多种花卉交错生长的种植形式。 常考。")


def test_a_chinese_csv_glossary_defines_each_term(tmp_path: Path) -> None:
    path = tmp_path / "园林植物名词解释.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(_ZH_SHEET) + "\r\n").encode("utf-8"))
    concepts = {c.title: c for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    for name in ("乔木", "灌木", "花坛", "绿篱"):
        assert name in concepts, name
        description = concepts[name].description or ""
        # its own row's definition, not the rows run together with their commas
        assert f"{name}是指" in description and "," not in description, name
        assert concepts[name].category in ("第一章", "第二章"), name
    assert not {"序号", "重点", "常考"} & set(concepts)
