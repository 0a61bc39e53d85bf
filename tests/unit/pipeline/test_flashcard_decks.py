"""Flashcard decks saved as text (Anki's "Notes in Plain Text", Quizlet's export): each card
is a glossary entry whose term is a concept defined by the card's back, the deck's name
titles the document, and text that only has a few tabs or dashes stays prose. The decks
are written for the test."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from datasources.files.detect import detect
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read
from jobs.pipeline.readers.flashcards import deck_blocks

_ANKI = """#separator:tab
#html:true
#deck:Geology 101::Rock Cycle
Igneous rock\tRock that forms when <b>magma</b> or lava cools and hardens.
Sedimentary rock\tRock made of particles that were deposited, compacted and cemented.
Metamorphic rock\tRock changed by heat and pressure without melting.<br>Example: marble.
Weathering\tThe breaking down of rock at the surface by water, ice and living things.
Erosion\tThe removal and transport of weathered material by wind, water or ice.
Lithification\tThe process that turns loose sediment into solid rock.
"""

_QUIZLET = """Weather vocabulary
Humidity - the amount of water vapour held in the air
Dew point - the temperature at which air becomes saturated with water vapour
Front - the boundary between two air masses of different density
Air mass - a large body of air with nearly uniform temperature and moisture
Isobar - a line on a map joining places of equal air pressure
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_anki_export_reads_as_one_glossary_entry_a_card(tmp_path: Path) -> None:
    path = _write(tmp_path, "rocks.txt", _ANKI)
    blocks = list(read(path, detect(path)).blocks())
    assert (blocks[0].kind, blocks[0].text, blocks[0].level) == ("heading", "Rock Cycle", 1)
    entries = blocks[1:]
    assert len(entries) == 6
    assert entries[0].text.startswith("Igneous rock: Rock that forms when magma or lava")
    assert "Igneous rock" in entries[0].emphasis
    # the HTML of a field is words: no tags, a line break a space
    assert all("<" not in b.text and "#separator" not in b.text for b in blocks)
    assert "melting. Example: marble." in entries[2].text


def test_each_card_is_a_concept_with_the_back_of_its_card_for_definition(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "rocks.txt", _ANKI)
    concepts = {c.key: c for c in analyse_file(path, language="en").knowledge.concepts}
    for key in ("igneous rock", "sedimentary rock", "weathering", "lithification"):
        assert key in concepts, key
        assert concepts[key].description, key
    assert "cemented" in (concepts["sedimentary rock"].description or "")


def test_a_dash_list_under_a_title_line_is_a_deck_too() -> None:
    blocks = deck_blocks(_QUIZLET.splitlines())
    assert blocks is not None
    assert blocks[0].text == "Weather"  # the deck's topic, without "vocabulary"
    assert blocks[2].text.startswith("Dew point: the temperature at which air")


def test_prose_lists_and_quiz_cards_are_no_deck() -> None:
    prose = [
        "Rivers carve valleys - slowly - over thousands of years.",
        "A delta forms where a river meets the sea.",
        "Floodplains are flat areas beside a river.",
        "Oxbow lakes - cut-off meanders - form on floodplains.",
        "Levees are raised banks built by floods.",
        "The load of a river is the material it carries.",
    ]
    assert deck_blocks(prose) is None
    # fronts that ask questions are a quiz, not a glossary of terms
    quiz = [f"What does layer {n} hold?\tIts answer {n}" for n in range(8)]
    assert deck_blocks(quiz) is None
    # too few cards for a deck: two tabbed lines in a note stay its text
    assert deck_blocks(["Term\tMeaning", "Rock\tStone", "Then some prose follows."]) is None


def test_anki_bookkeeping_columns_are_neither_term_nor_definition() -> None:
    """Exported with its notes' ids, note type and deck, each in a column the headers
    name, a deck still gives its terms and definitions, titled by the notes' deck."""
    lines = [
        "#separator:tab",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        *(
            f"id{n}Xq\tBasic\tOcean::Tides Glossary\t{term}\t{back}\tocean"
            for n, (term, back) in enumerate(
                [
                    ("Spring tide", "A tide of large range near new and full moon."),
                    ("Neap tide", "A tide of small range near the quarter moons."),
                    ("Tidal range", "The height between high and low water."),
                    ("Ebb current", "The flow of water away from the shore."),
                    ("Flood current", "The flow of water toward the shore."),
                ]
            )
        ),
    ]
    blocks = deck_blocks(lines)
    assert blocks is not None
    assert blocks[0].text == "Tides"
    assert blocks[1].text == "Spring tide: A tide of large range near new and full moon."
    assert all("Basic" not in b.text and "id0" not in b.text for b in blocks)


def test_bad_anki_headers_are_ignored_not_fatal() -> None:
    # a hand-edited header names a column by a word, by zero, or past the last field
    cards = [f"Rock {n}\tA rock of kind {n}, found in the field." for n in range(6)]
    for header in ("#deck column:abc", "#deck column:0", "#guid column:99", "#separator:odd"):
        blocks = deck_blocks(["#separator:tab", header, *cards])
        assert blocks is not None, header
        assert next(b.text for b in blocks if b.kind != "heading").startswith("Rock 0: "), header


def test_a_chinese_list_of_name_colon_meaning_lines_is_a_deck() -> None:
    # a hand-typed 名词解释 list: a title line, then "名称：释义" lines, some numbered
    lines = [
        "物流管理名词解释",
        "1. 仓储：利用仓库存放和保管物品的活动。",
        "2. 配送：按用户要求对物品进行拣选并送达的活动。",
        "3、库存周转率：一定时期内出库总量与平均库存量之比。",
        "供应链：生产和流通中把产品送到用户手中的网链结构。",
        "第三方物流: 由供需双方以外的企业提供物流服务的方式。",
        "逆向物流：物品从用户手中回到供方的流动。",
    ]
    blocks = deck_blocks(lines)
    assert blocks is not None and blocks[0].text == "物流管理名词解释"
    assert blocks[1].text.startswith("仓储: 利用仓库")
    assert blocks[3].emphasis[0] == "库存周转率"
    # prose whose lines hold a colon after a clause is no deck
    prose = [f"第{n}步，老师提问：这个现象说明了什么？" for n in range(6)]
    assert deck_blocks(prose) is None
    # notes whose lines repeat a few labels ("定义：…", "例：…") are no deck either
    notes = [f"{label}：第{n}节所讲的内容。" for n in range(4) for label in ("定义", "例")]
    assert deck_blocks(notes) is None


def test_a_dictionary_word_book_export_reads_one_card_a_word() -> None:
    # a dictionary app's word book as text: "number, word  [phonetic]", the gloss below
    lines = [
        "1, photon  [ˈfəʊtɒn]",
        "n. 光子；光的能量量子",
        "",
        "2, refraction  [rɪˈfrækʃn]",
        "n. 折射；光从一种介质进入另一种介质时传播方向的改变",
        "3, lens",
        "n. 透镜",
        "4, focal length  [ˈfəʊkl leŋθ]",
        "n. 焦距；透镜中心到焦点的距离",
        "5, diffraction  [dɪˈfrækʃn]",
        "n. 衍射",
        "6, polarization  [ˌpəʊləraɪˈzeɪʃn]",
        "n. 偏振；横波振动方向的不对称性",
    ]
    blocks = deck_blocks(lines)
    assert blocks is not None and len(blocks) == 6
    assert blocks[0].text == "photon: 光子，光的能量量子"  # no phonetic, no part of speech
    assert blocks[3].emphasis[0] == "focal length"
    # a numbered list of plain sentences is no word book
    steps = [f"{n}, 然后把第{n}步的结果记下来。" for n in range(1, 7)]
    assert deck_blocks(steps) is None


def test_a_word_books_senses_are_one_definition(tmp_path: Path) -> None:
    # a gloss lists its senses apart by "；": the name and what it means are one answer
    lines = [
        f"{n}, {w}  [x]\nn. {zh}；{gloss}\n"
        for n, (w, zh, gloss) in enumerate(
            [
                ("lens", "透镜", "能使光线会聚或发散的光学元件"),
                ("prism", "棱镜", "使白光色散的透明多面体"),
                ("mirror", "反射镜", "表面能反射光线的光学元件"),
                ("photon", "光子", "光的能量量子"),
                ("laser", "激光", "受激辐射放大产生的相干光"),
            ],
            1,
        )
    ]
    path = _write(tmp_path, "words.txt", "\n".join(lines))
    concepts = {c.title: c for c in analyse_file(path).knowledge.concepts}
    assert "会聚或发散" in concepts["lens"].description
    assert "色散" in concepts["prism"].description


def _apkg(path: Path, notes: list[str], deck: str = "Astronomy::Stars") -> Path:
    """A deck package as Anki 2.1 exports one: collection.anki2 (schema 11: the decks as
    JSON in `col`, each note's fields joined by U+001F) beside an empty media index."""
    database = path.with_suffix(".anki2")
    connection = sqlite3.connect(database)
    connection.executescript(
        "CREATE TABLE col (id integer primary key, decks text not null);"
        "CREATE TABLE notes (id integer primary key, mid integer, flds text not null);"
        "CREATE TABLE cards (id integer primary key, nid integer, did integer);"
    )
    connection.execute("INSERT INTO col VALUES (1, ?)", (json.dumps({"7": {"name": deck}}),))
    for number, fields in enumerate(notes, 1):
        connection.execute("INSERT INTO notes VALUES (?, 1, ?)", (number, fields))
        connection.execute("INSERT INTO cards VALUES (?, ?, 7)", (number, number))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(database, "collection.anki2")
        archive.writestr("media", "{}")
    return path


def test_a_deck_package_reads_its_notes_as_the_text_export_does(tmp_path: Path) -> None:
    """A deck package is read, not refused: a Front/Back note is a glossary entry, a
    Cloze note its sentence with the answer in place and stressed, the deck names it."""
    path = _apkg(
        tmp_path / "stars.apkg",
        [
            "Red giant\x1fA star that has <b>exhausted</b> the hydrogen in its core and swelled.",
            "Parallax\x1fThe apparent shift of a near star against far ones as Earth orbits.",
            "Light is split into a spectrum by a {{c1::diffraction grating::device}}.",
            "About {{c1::90}} per cent of stars lie on the main sequence.",
            "Why do stars twinkle?\x1fTurbulent air bends their light.[sound:twinkle.mp3]",
        ],
    )
    detected = detect(path, filename="stars.apkg")
    assert detected.kind == "anki"
    texts = [(b.kind, b.text, b.emphasis) for b in read(path, detected).blocks()]
    assert texts[0][:2] == ("heading", "Stars")
    assert (
        "paragraph",
        "Red giant: A star that has exhausted the hydrogen in its core and swelled.",
        ("Red giant",),
    ) in texts
    assert (
        "paragraph",
        "Light is split into a spectrum by a diffraction grating.",
        ("diffraction grating",),
    ) in texts
    assert ("paragraph", "About 90 per cent of stars lie on the main sequence.", ()) in texts
    assert ("paragraph", "Why do stars twinkle? Turbulent air bends their light.", ()) in texts


def test_a_deck_package_whose_collection_is_no_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", "not a database at all " * 20)
        archive.writestr("media", "{}")
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename=path.name))
    assert error.value.reason == "unreadable" and "Anki" in error.value.message


def test_a_truncated_deck_package_is_refused_as_a_broken_deck_not_a_word_file(
    tmp_path: Path,
) -> None:
    whole = _apkg(tmp_path / "whole.apkg", ["Comet\x1fA small icy body that orbits the Sun."])
    path = tmp_path / "cut.apkg"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(CorruptDocument) as error:
        detect(path, filename=path.name)
    assert error.value.reason == "unreadable" and "broken" in error.value.message


def test_a_deck_package_whose_notes_never_end_is_refused_in_bounded_work(
    tmp_path: Path,
) -> None:
    """A collection is someone else's database: its `notes` may be a view that computes
    for ever (a recursive query with no end). Reading it stops at a bound of work and
    refuses the package clearly, instead of holding the worker."""
    database = tmp_path / "endless.anki2"
    connection = sqlite3.connect(database)
    connection.executescript(
        "CREATE TABLE col (id integer primary key, decks text not null);"
        "CREATE TABLE cards (id integer primary key, nid integer, did integer);"
        "CREATE VIEW notes AS WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1"
        " FROM n) SELECT id, 1 AS mid, 'x' AS flds FROM n WHERE id < 0;"
    )
    connection.execute("INSERT INTO col VALUES (1, '{}')")
    connection.commit()
    connection.close()
    path = tmp_path / "endless.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(database, "collection.anki2")
        archive.writestr("media", "{}")
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename=path.name))
    assert error.value.reason == "unreadable" and "too much work" in error.value.message
