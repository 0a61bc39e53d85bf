"""A glossary kept in a spreadsheet and saved as CSV: each row is a glossary entry whose
term is a concept defined by its definition cell, rows are grouped under their topic, and
a CSV that is no glossary (a table of numbers, a quote left open) stays what it was. An
Excel workbook is read as its glossary sheets, or refused. The sheets are written for the
test."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from datasources.files.detect import detect
from datasources.files.document_errors import UnsupportedDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read
from jobs.pipeline.readers.glossary_sheet import sheet_blocks
from tests.unit.pipeline.written import written
from tests.upload_files import xlsx_bytes

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
    assert entries[3].startswith(
        "花境: 花境是指模拟自然界林缘地带多种花卉交错生长的种植形式。 常考。"
    )


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


def _xlsx(path: Path, sheets: dict[str, list[list[str | int]]]) -> Path:
    path.write_bytes(xlsx_bytes(sheets))
    return path


_ZH_ROWS: list[list[str | int]] = [
    [cell if not cell.isdigit() else int(cell) for cell in row.split(",")] for row in _ZH_SHEET
]


def test_an_excel_glossary_workbook_is_read_as_its_glossary_sheet(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "园林植物.xlsx",
        {"名词解释": _ZH_ROWS, "说明": [["本表供期末复习使用。"]]},
    )
    title, entries, defined = _read_sheet(path, "xlsx")
    # the title row merged over the header names the document
    assert title == "《园林植物》名词解释（复习用）"
    assert len(entries) == 6 and entries[0].startswith("乔木: 乔木是指")
    assert not any("本表" in entry for entry in entries)  # the notes sheet is no glossary
    assert {"乔木", "灌木", "花坛", "绿篱"} <= defined


def _read_sheet(path: Path, kind: str) -> tuple[str | None, list[str], set[str]]:
    """The spreadsheet's title, its glossary entries and the concepts it defines, once it is
    detected as `kind`."""
    detected = detect(path, filename=path.name)
    assert detected.kind == kind
    document = read(path, detected)
    entries = [b.text for b in document.blocks() if b.kind == "paragraph"]
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    return document.title, entries, {c.title for c in concepts if c.description}


def test_a_workbook_without_a_glossary_sheet_is_refused_saying_what_to_upload(
    tmp_path: Path,
) -> None:
    marks = [["学号", "姓名", "成绩"]] + [[2024000 + i, f"学生{i}", 80 + i] for i in range(8)]
    path = _xlsx(tmp_path / "marks.xlsx", {"Sheet1": marks})
    with pytest.raises(UnsupportedDocument) as error:
        read(path, detect(path))
    assert error.value.reason == "unsupported_type"
    assert "no glossary sheet" in error.value.message and "PDF" in error.value.message


_ODS = 'xmlns:{0}="urn:oasis:names:tc:opendocument:xmlns:{0}:1.0"'


def _ods(path: Path, sheets: dict[str, str]) -> Path:
    """An .ods as LibreOffice Calc writes one: each sheet's rows given as content.xml's
    table-row markup."""
    spaces = " ".join(_ODS.format(n) for n in ("office", "table", "text"))
    tables = "".join(
        f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in sheets.items()
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "content.xml",
            f"<office:document-content {spaces}><office:body><office:spreadsheet>{tables}"
            "</office:spreadsheet></office:body></office:document-content>",
        )
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def _row(*cells: str, tail: int = 1000) -> str:
    return (
        "<table:table-row>"
        + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells)
        + f'<table:table-cell table:number-columns-repeated="{tail}"/></table:table-row>'
    )


def test_a_libreoffice_glossary_spreadsheet_is_read_as_an_excel_one_is(tmp_path: Path) -> None:
    # a Calc or WPS sheet was refused as "not a kind of document we read"; its content.xml
    # holds the same rows an Excel workbook's sheet does: a title merged over the columns,
    # a header, one term a row, then an empty tail repeated to the sheet's last row
    title = (
        '<table:table-row><table:table-cell table:number-columns-spanned="3">'
        "<text:p>园艺学 名词解释</text:p></table:table-cell>"
        '<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>'
    )
    terms = [
        ("嫁接", "嫁接是把一株植物的枝或芽接到另一株植物的茎或根上，使之长成新植株的方法。"),
        ("扦插", "扦插是剪取植物的茎、叶或根插入基质中，使之生根发芽成为新植株的方法。"),
        ("压条", "压条是把枝条压入土中，待其生根后再与母株分离成为新植株的方法。"),
        ("分株", "分株是把植物的根蘖或丛生枝从母株上分割下来，另行栽植成为新植株的方法。"),
        ("播种", "播种是把种子按一定的深度和密度播入土中，使之萌发出苗的育苗方法。"),
    ]
    rows = title + _row("序号", "名词", "名词解释")
    rows += "".join(_row(str(n), term, text) for n, (term, text) in enumerate(terms, 1))
    # a comment on a cell is no text of it
    rows = rows.replace(
        "<text:p>扦插</text:p>",
        "<office:annotation><text:p>待补充图片</text:p></office:annotation><text:p>扦插</text:p>",
    )
    rows += (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = _ods(tmp_path / "园艺.ods", {"名词解释": rows, "说明": _row("本表供复习使用。")})
    title, entries, defined = _read_sheet(path, "ods")
    assert title == "园艺学 名词解释"
    assert len(entries) == 5 and entries[1].startswith("扦插: 扦插是")
    assert not any("待补充" in entry or "本表" in entry for entry in entries)
    assert {"嫁接", "扦插", "压条", "分株"} <= defined


def test_a_spreadsheet_without_a_glossary_sheet_is_refused_naming_its_kind(
    tmp_path: Path,
) -> None:
    marks = _row("学号", "姓名", "成绩") + "".join(
        _row(str(2024000 + i), f"学生{i}", str(80 + i)) for i in range(8)
    )
    path = _ods(tmp_path / "marks.ods", {"工作表1": marks})
    with pytest.raises(UnsupportedDocument) as error:
        read(path, detect(path))
    assert error.value.reason == "unsupported_type"
    assert error.value.message.startswith("an OpenDocument spreadsheet (.ods) with no glossary")


def test_instructions_merged_over_the_header_do_not_title_a_workbook(tmp_path: Path) -> None:
    """A template's instructions merged over its header are sentences, no title: the sheet's
    own name titles the workbook instead."""
    rows = [["说明：第一列填写名词；第二列填写名词解释，请勿修改表头。"], *_ZH_ROWS[1:]]
    path = _xlsx(tmp_path / "terms.xlsx", {"复习名词": rows})
    title, entries, _ = _read_sheet(path, "xlsx")
    assert entries and title == "复习名词"


def test_a_vocabulary_organisers_definition_box_defines_the_heading_word(tmp_path: Path) -> None:
    """A Frayer-model sheet gives each word a heading and a table of boxes under it
    ("Definition | Characteristics", then "Examples | Non-examples"): the box under
    "Definition" defines the heading's word. A table with a name column is a glossary
    and is read as one; a box of two words explains nothing."""
    text = (
        "# Landforms Vocabulary\n\n## Delta\n\n"
        "| Definition | Characteristics |\n|---|---|\n"
        "| Land built from sediment where a river enters the sea. | Fan-shaped; fertile soil. |\n"
        "| **Examples** | **Non-examples** |\n| Nile delta | A canyon |\n\n"
        "## Canyon\n\n| Definition | Characteristics |\n|---|---|\n"
        "| Deep valley. | Steep walls. |\n\n"
        # a gerund heading is the word taught too (as a heading's wording it was lost)
        "## Leaching\n\n| Definition | Characteristics |\n|---|---|\n"
        "| The washing of minerals down through the soil by water. | Leaves topsoil poor. |\n"
    )
    described = {
        c.key: c.description
        for c in analyse_file(written(tmp_path, "sheet.md", text), language="en").knowledge.concepts
    }
    assert described["delta"] == "Delta: Land built from sediment where a river enters the sea."
    assert not described.get("canyon")
    assert (
        described["leaching"] == "Leaching: The washing of minerals down through the soil by water."
    )


def test_a_vocabulary_organiser_read_from_a_pdf_defines_by_the_box_under_its_labels() -> None:
    """A PDF's reader gives the organiser's box labels as one line ("Definition
    Characteristics") and each box below as a paragraph: the first box defines the word
    of the heading above; a line of other labels, or a box of two words, defines nothing."""
    from jobs.pipeline.definitions import headed_box_entry
    from jobs.pipeline.model import Block

    labels = Block("paragraph", "Definition Characteristics", 1)
    box = Block("paragraph", "Land built from sediment where a river enters the sea.", 1)
    found = headed_box_entry("Delta", labels, box, 3)
    assert found is not None and found.term == "Delta"
    assert found.sentence == "Delta: Land built from sediment where a river enters the sea."
    assert headed_box_entry("Delta", Block("paragraph", "Examples Non-examples", 1), box, 3) is None
    assert headed_box_entry("Delta", labels, Block("paragraph", "Wet land.", 1), 3) is None


def test_a_timelines_events_are_taught_by_their_significance(tmp_path: Path) -> None:
    """A history handout's "Year | Event | Why it mattered" table names its events only
    there: each is a concept, defined by what it brought about. A calendar's "Event |
    Description" is no such table."""
    from jobs.pipeline.structure import glossary_columns

    text = (
        "# The Age of Sail\n\n| Year | Event | Why it mattered |\n|---|---|---|\n"
        "| 1588 | Spanish Armada | England's victory ended Spain's rule of the seas. |\n"
        "| 1651 | Navigation Acts | English goods had to travel in English ships. |\n\n"
        "Trade grew with every voyage, and navies grew with trade.\n"
    )
    described = {
        c.title: c.description
        for c in analyse_file(written(tmp_path, "sail.md", text), language="en").knowledge.concepts
    }
    assert described["Spanish Armada"] == (
        "Spanish Armada: England's victory ended Spain's rule of the seas."
    )
    assert described["Navigation Acts"]
    assert glossary_columns(["Date", "Event", "Description"]) is None
    # a Chinese review outline's "时间 | 事件 | 意义" is one too
    assert glossary_columns(["时间", "事件", "意义"]) == (1, 2)
    zh = (
        "# 复习提纲\n\n| 时间 | 事件 | 影响 |\n|---|---|---|\n"
        "| 1919年 | 五四运动 | 揭开了新民主主义革命的序幕，是一次彻底的反帝反封建的爱国运动。 |\n"
        "| 1921年 | 中共一大 | 宣告了中国共产党的成立，中国革命从此焕然一新。 |\n\n"
        "五四运动以后，马克思主义在中国得到广泛传播。\n"
    )
    concepts = analyse_file(written(tmp_path, "提纲.md", zh), language="zh-CN").knowledge.concepts
    described = {c.title: c.description for c in concepts}
    assert described["五四运动"].startswith("五四运动：揭开了新民主主义革命的序幕")


def test_a_column_headed_definition_defines_what_the_first_column_names(tmp_path: Path) -> None:
    """ "Device | Definition | Example": the header calls its names by their kind, no word
    for terms, yet the "Definition" column says each one's meaning, and each is an entry
    the sheet teaches. "Setting | Description" stays a table of settings."""
    from jobs.pipeline.structure import glossary_columns

    text = (
        "# Sound Devices\n\n| Device | Definition | Example |\n|---|---|---|\n"
        "| Assonance | The repetition of vowel sounds in nearby words. | Go slow over the road. |\n"
        "| Consonance | The repetition of consonant sounds within or at the end of words. | "
        "Pitter patter |\n| Rhyme | The repetition of the same ending sounds. | cat, hat |\n\n"
        "Poets use these devices to give a line its music.\n"
    )
    described = {
        c.key: c.description
        for c in analyse_file(written(tmp_path, "sound.md", text), language="en").knowledge.concepts
    }
    assert described["assonance"] == "Assonance: The repetition of vowel sounds in nearby words."
    assert described["consonance"] and described["rhyme"]
    assert glossary_columns(["Setting", "Description"]) is None
    assert glossary_columns(["修辞手法", "定义", "例句"]) == (0, 1)
