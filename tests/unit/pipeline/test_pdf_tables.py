"""A glossary table in a PDF ("Term | Definition", "名词 | 解释 | 举例") reads as the table
block the Word and Markdown readers give, its cells read back from where the characters
stand: pdfium gives such a table as loose lines, and every term of it was lost. Each PDF
is built here with WeasyPrint, as a browser or pandoc prints a table."""

from __future__ import annotations

from pathlib import Path

import weasyprint

from datasources.files.detect import detect
from jobs.pipeline.definitions import table_entries
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read

_STYLE = (
    "@page { size: 420pt 595pt; margin: 40pt }"
    " body { font-family: 'DejaVu Serif', 'WenQuanYi Micro Hei'; font-size: 10pt;"
    " line-height: 13pt }"
    " table { border-collapse: collapse; width: 100% }"
    " th { text-align: left } td, th { padding: 2pt 6pt }"
)
# Word's "Table Grid" as printed: every cell ruled, its text at the cell's top
_GRID = "td, th { border: 1px solid black; vertical-align: top }"

_EN_ROWS = [
    ("Producer", "An organism that makes its own food from sunlight through photosynthesis."),
    ("Consumer", "An organism that gets its energy by eating other organisms."),
    ("Decomposer", "An organism that breaks down dead matter and returns nutrients to the soil."),
    ("Food chain", "The path along which energy passes from one organism to the next."),
    ("Trophic level", "The position an organism occupies in a food chain."),
]
_ZH_ROWS = [
    ("线粒体", "细胞进行有氧呼吸的主要场所，为生命活动提供大部分能量。", "心肌细胞中数量多"),
    ("叶绿体", "绿色植物进行光合作用的场所，能把光能转化为化学能储存在有机物中。", "叶肉细胞"),
    ("核糖体", "合成蛋白质的场所，由核糖体RNA和蛋白质组成。", "胰岛B细胞"),
    ("内质网", "细胞内蛋白质合成和加工以及脂质合成的车间。", "性腺细胞"),
    ("高尔基体", "对来自内质网的蛋白质进行加工、分类和包装的车间。", "唾液腺细胞"),
]


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], widths: str = "") -> str:
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{widths}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _blocks(tmp_path: Path, body: str, style: str = "") -> list[Block]:
    path = tmp_path / "glossary.pdf"
    html = f"<html><head><style>{_STYLE}{style}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)
    return list(read(path, detect(path, filename=path.name)).blocks())


def _entries(blocks: list[Block]) -> dict[str, str]:
    return {
        d.term: d.sentence
        for index, block in enumerate(blocks)
        for d in table_entries(block, index)
    }


def _english(style: str = "") -> str:
    # the gloss column narrow enough that each gloss wraps over two or three lines
    widths = "<colgroup><col style='width: 30%'><col style='width: 45%'></colgroup>"
    return (
        "<h1>Ecosystems review sheet</h1>"
        "<p>This sheet reviews the words of the unit on energy flow.</p>"
        + _table(("Term", "Definition"), _EN_ROWS, widths).replace("width: 100%", "width: 100%")
        + "<p>The data below were counted in the field by the class.</p>"
        + _table(("Organism", "Mass (kg)", "Count"), [("Rabbit", "2", "40"), ("Fox", "6", "3")])
    )


def _expect_english(blocks: list[Block]) -> None:
    tables = [b for b in blocks if b.kind == "table"]
    assert len(tables) == 1, [b.text for b in blocks]
    rows = tables[0].text.split("\n")
    assert rows[0] == "Term | Definition"
    assert rows[1:] == [f"{term} | {gloss}" for term, gloss in _EN_ROWS]
    # each row's name is a glossary entry, as from the Word file
    assert {term.lower() for term in _entries(blocks)} == {t.lower() for t, _ in _EN_ROWS}
    # the header is no bold line of its own any more, and the data table reads as before
    assert not any(b.text.startswith("Term Definition") for b in blocks)
    assert any(b.text.startswith("Organism Mass (kg) Count") for b in blocks)


def test_a_glossary_tables_cells_centred_on_their_row_read_as_a_table(tmp_path: Path) -> None:
    # a browser centres a cell's text on its row: the gloss's first line stands above the
    # name's baseline, and pdfium reads "Producer" as a line after "An organism that …"
    _expect_english(_blocks(tmp_path, _english()))


def test_a_glossary_tables_cells_at_the_top_of_ruled_rows_read_as_a_table(
    tmp_path: Path,
) -> None:
    # as Word prints its Table Grid: pdfium joins the name and the gloss's first line,
    # "Consumer An organism that gets its energy"
    _expect_english(_blocks(tmp_path, _english(), _GRID))


def test_a_header_centred_over_its_column_gives_the_columns_its_rows_start_at(
    tmp_path: Path,
) -> None:
    # a header cell centred over its column starts right of the column's edge: read from
    # the header alone, "An organism | that makes its own" was a row
    centred = "th { text-align: center }"
    _expect_english(_blocks(tmp_path, _english(), centred))
    _expect_english(_blocks(tmp_path, _english(), centred + _GRID))
    body = _table(("术语", "含义"), [row[:2] for row in _ZH_ROWS])
    tables = [b for b in _blocks(tmp_path, body, centred) if b.kind == "table"]
    assert [t.text.split("\n") for t in tables] == [
        ["术语 | 含义"] + [" | ".join(row[:2]) for row in _ZH_ROWS]
    ]


def test_a_chinese_glossary_table_reads_as_a_table(tmp_path: Path) -> None:
    body = (
        "<h1>细胞结构复习提纲</h1><p>本提纲复习细胞的主要结构及其功能。</p>"
        + _table(("名词", "解释", "举例"), _ZH_ROWS)
        + "<p>上表列出了几种细胞器。</p>"
    )
    for style in ("", _GRID):
        blocks = _blocks(tmp_path, body, style)
        tables = [b for b in blocks if b.kind == "table"]
        assert len(tables) == 1, [b.text for b in blocks]
        rows = tables[0].text.split("\n")
        assert rows == ["名词 | 解释 | 举例"] + [" | ".join(row) for row in _ZH_ROWS]
        assert _entries(blocks)["线粒体"] == f"线粒体：{_ZH_ROWS[0][1]}"


def test_cells_set_close_together_are_still_apart(tmp_path: Path) -> None:
    # a Chinese gloss fills its column to the last character: with a narrow padding the
    # example's cell starts less than an em after it (Chrome printed pandoc's table so)
    body = _table(("名词", "解释", "举例"), _ZH_ROWS)
    style = "th { text-align: center } td, th { padding: 2pt 3pt }"
    tables = [b for b in _blocks(tmp_path, body, style) if b.kind == "table"]
    assert [t.text.split("\n") for t in tables] == [
        ["名词 | 解释 | 举例"] + [" | ".join(row) for row in _ZH_ROWS]
    ]


def test_a_wrapped_name_stays_one_cell(tmp_path: Path) -> None:
    rows = [
        ("Net primary productivity", "The energy producers store as new matter each year."),
        ("Biomass", "The total mass of the living things in an area."),
    ]
    widths = "<colgroup><col style='width: 20%'><col style='width: 80%'></colgroup>"
    for style in ("", _GRID):
        blocks = _blocks(tmp_path, _table(("Key term", "Meaning"), rows, widths), style)
        tables = [b for b in blocks if b.kind == "table"]
        assert len(tables) == 1, [b.text for b in blocks]
        assert tables[0].text.split("\n")[1:] == [f"{t} | {g}" for t, g in rows]


def test_a_glossary_table_running_on_to_the_next_page_is_one_table(tmp_path: Path) -> None:
    # the table starts low on the first page; the browser repeats its header on the next
    # page, Word does not: both read as one table with one header, centred or ruled
    rows = [
        (f"Term {chr(65 + n)}", f"The meaning of the {n + 1}th term of the list.") for n in range(8)
    ]
    words = " ".join(["The unit reviews the words it taught."] * 40)
    for repeated, style in ((True, _GRID), (False, _GRID), (True, "")):
        table = _table(("Term", "Definition"), rows)
        if not repeated:
            table = table.replace("<thead>", "<tbody>").replace("</thead>", "</tbody>")
        blocks = _blocks(tmp_path, f"<p>{words}</p>{table}<p>The end of the sheet.</p>", style)
        tables = [b for b in blocks if b.kind == "table"]
        assert len(tables) == 1, [b.text for b in blocks]
        assert tables[0].page == 1
        assert tables[0].text.split("\n") == ["Term | Definition"] + [f"{t} | {g}" for t, g in rows]
        assert blocks[-1].text == "The end of the sheet." and blocks[-1].page == 2


def test_a_row_the_page_broke_is_one_row(tmp_path: Path) -> None:
    # the third gloss runs over the page's foot: its lines at the next page's top, above
    # any name there, go on with it; a short paragraph right after the table is no row
    sentence = "It goes on for a while so that the row must break over the page."
    rows = [
        (
            f"Term {chr(65 + n)}",
            f"The meaning of term {n + 1}. " + " ".join([sentence] * (12 if n == 2 else 3)),
        )
        for n in range(6)
    ]
    words = " ".join(["The unit reviews the words it taught."] * 30)
    body = f"<p>{words}</p>" + _table(("Term", "Definition"), rows) + "<p>The end.</p>"
    for style in ("", _GRID):
        blocks = _blocks(tmp_path, body, style)
        tables = [b for b in blocks if b.kind == "table"]
        assert len(tables) == 1, [b.text for b in blocks]
        assert tables[0].text.split("\n") == ["Term | Definition"] + [f"{t} | {g}" for t, g in rows]
        assert [(b.page, b.text) for b in blocks[-1:]] == [(2, "The end.")]


def test_a_table_of_another_kind_reads_as_before(tmp_path: Path) -> None:
    body = _table(("Name", "Description"), [("eth0", "The first network interface of the host.")])
    # a table of settings names no terms (`structure.glossary_columns`): its lines as before
    blocks = _blocks(tmp_path, body)
    assert "table" not in {b.kind for b in blocks}
    assert any("eth0" in b.text for b in blocks)
