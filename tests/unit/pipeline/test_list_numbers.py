"""A numbered list's numbers, which the text of a list item does not hold: Word's
automatic numbering, PowerPoint's, a Markdown ordered list's written numbers and an HTML
<ol>'s count (`Block.number`; a lettered level's label typed into the text), and
the answer key that names questions by them (`answer_keys.blanks_filled_by_key`)."""

from __future__ import annotations

from pathlib import Path

import docx
import pptx
from docx.oxml import parse_xml

from datasources.files.detect import detect
from jobs.pipeline.answer_keys import blanks_filled_by_key
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def _numbered(tmp_path: Path, levels: str, lists: str, body: list[tuple[str, str, int]]) -> Path:
    """A Word file whose numbering part holds `levels` (an abstract list, id 90) and
    `lists` (its `w:num` entries); `body` is (text, numId, ilvl) paragraphs, numId "" for
    none."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {_W} w:abstractNumId="90">{levels}</w:abstractNum>')
    numbering.insert(0, abstract)  # abstract definitions come before the lists using them
    for num in parse_xml(f"<w:numbering {_W}>{lists}</w:numbering>"):
        numbering.append(num)
    for text, num_id, ilvl in body:
        paragraph = document.add_paragraph(text)
        if num_id:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {_W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    return path


def _level(ilvl: int, fmt: str = "decimal", text: str = "", start: int = 1) -> str:
    text = text or f"%{ilvl + 1}."
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _numbers(path: Path) -> list[tuple[str, int]]:
    document = read(path, detect(path, filename=path.name))
    return [(b.text, b.number) for b in document.blocks()]


def test_word_shows_its_lists_numbers_counted_as_word_counts(tmp_path: Path) -> None:
    """Two lists over one definition share its count; a list that restarts (Word's
    "Restart at 1", pandoc's every list) starts over; a sub-list's count starts again
    under each item above it (a question's parts, their labels typed as shown: "(1)");
    a paragraph outside any list leaves the count alone."""
    levels = _level(0) + _level(1, text="(%2)")
    lists = (
        '<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>'
        '<w:num w:numId="92"><w:abstractNumId w:val="90"/></w:num>'
        '<w:num w:numId="93"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="6"/></w:lvlOverride></w:num>'
    )
    body = [
        ("First question", "91", 0),
        ("Its first part", "91", 1),
        ("Its second part", "91", 1),
        ("Second question", "91", 0),
        ("Its own first part", "91", 1),
        ("A note between the questions", "", 0),
        ("Third question, the list continued", "92", 0),
        ("Sixth question, a list restarted at six", "93", 0),
        ("Seventh question", "93", 0),
    ]
    shown = _numbers(_numbered(tmp_path, levels, lists, body))
    assert [n for _, n in shown] == [1, 0, 0, 2, 0, 0, 3, 6, 7]
    assert [text for text, _ in shown][1:5] == [
        "(1) Its first part",
        "(2) Its second part",
        "Second question",
        "(1) Its own first part",
    ]


def test_a_word_papers_parts_numbered_below_its_questions_take_their_own_answers(
    tmp_path: Path,
) -> None:
    """Word numbers a paper's questions "1．" and their parts "（1）" a level below: the
    parts are no questions 1 and 2 (then each number was two questions' and the key
    filled none); typed as shown, a part takes its answer from the key's "（1）…（2）…". A
    plain "1." or "1)" below shows no number at all, a circled one its circle."""
    levels = _level(0, text="%1．") + _level(1, text="（%2）")
    lists = '<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>'
    body = [
        ("物质由固态变成液态的过程叫做________。", "91", 0),
        ("阅读材料，回答问题：", "91", 0),
        ("水结成冰的过程叫做________。", "91", 1),
        ("物质由气态直接变成固态的过程叫做________。", "91", 1),
        ("参考答案", "", 0),
        ("1．熔化　2．（1）凝固　（2）凝华", "", 0),
    ]
    path = _numbered(tmp_path, levels, lists, body)
    document = read(path, detect(path, filename=path.name))
    assert [b.text for b in blanks_filled_by_key(document.blocks())][:4] == [
        "物质由固态变成液态的过程叫做熔化。",
        "阅读材料，回答问题：",
        "水结成冰的过程叫做凝固。",
        "物质由气态直接变成固态的过程叫做凝华。",
    ]
    plain = _level(0) + _level(1, text="%2)") + _level(2, fmt="decimalEnclosedCircle", text="%3")
    body = [("A question", "91", 0), ("A part", "91", 1), ("A point", "91", 2)]
    assert _numbers(_numbered(tmp_path, plain, lists, body)) == [
        ("A question", 1),
        ("A part", 0),
        ("① A point", 0),
    ]


def test_word_letters_bullets_and_compound_labels_show_no_number(tmp_path: Path) -> None:
    """A list lettered "A." gives options, "一、" a paper's parts, "1.2" a sub-section:
    no key answers them by a plain number. A letter's label is typed before its text as
    Word shows it ("A.", "(b)"), as the same quiz's PDF reads."""
    levels = (
        _level(0, fmt="upperLetter")
        + _level(1, text="%1.%2")
        + _level(2, fmt="bullet")
        + _level(3, fmt="lowerLetter", text="(%4)")
        + _level(4, fmt="chineseCounting", text="%5、")
    )
    lists = '<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>'
    body = [
        ("Option one", "91", 0),
        ("Option two", "91", 0),
        ("A sub-section", "91", 1),
        ("A point", "91", 2),
        ("A part", "91", 3),
        ("A part", "91", 3),
        ("选择题", "91", 4),
    ]
    assert _numbers(_numbered(tmp_path, levels, lists, body)) == [
        ("A. Option one", 0),
        ("B. Option two", 0),
        ("A sub-section", 0),
        ("A point", 0),
        ("(a) A part", 0),
        ("(b) A part", 0),
        ("选择题", 0),
    ]


def test_a_word_quizs_lettered_options_are_picked_by_its_key(tmp_path: Path) -> None:
    """Word's multilevel list numbers the questions "1." and letters their options "a."
    under them; the key, a numbered list of its own, picks an option by its letter, and
    the question's stem ends on it."""
    levels = _level(0) + _level(1, fmt="lowerLetter")
    lists = (
        '<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>'
        '<w:num w:numId="92"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    body = [
        ("Water vapour turning into liquid water is called", "91", 0),
        ("evaporation", "91", 1),
        ("condensation", "91", 1),
        ("The space an object takes up is its ______.", "91", 0),
        ("mass", "91", 1),
        ("volume", "91", 1),
        ("Answer Key", "", 0),
        ("b", "92", 0),
        ("b", "92", 0),
    ]
    path = _numbered(tmp_path, levels, lists, body)
    document = read(path, detect(path, filename=path.name))
    filled = [b.text for b in blanks_filled_by_key(document.blocks())]
    assert filled[0] == "Water vapour turning into liquid water is called condensation."
    assert filled[3] == "The space an object takes up is its volume."


def test_word_list_number_style_numbers_its_paragraphs(tmp_path: Path) -> None:
    """The "List Number" style carries the numbering itself: its paragraphs show 1, 2, 3
    with no numbering of their own."""
    document = docx.Document()
    document.add_paragraph("Quiz")
    for text in ("Name the first stage.", "Name the second stage."):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    assert _numbers(path) == [
        ("Quiz", 0),
        ("Name the first stage.", 1),
        ("Name the second stage.", 2),
    ]


def test_markdown_keeps_an_ordered_lists_written_numbers(tmp_path: Path) -> None:
    """ "6." as written, even where CommonMark renumbers; a bullet and an item's second
    paragraph carry none."""
    path = tmp_path / "quiz.md"
    path.write_text(
        "1. The first question\n\n   Its second paragraph.\n\n6. The sixth question\n\n- A point\n",
        encoding="utf-8",
    )
    assert _numbers(path) == [
        ("The first question", 1),
        ("Its second paragraph.", 0),
        ("The sixth question", 6),
        ("A point", 0),
    ]


def test_html_shows_an_ordered_lists_numbers_from_its_start(tmp_path: Path) -> None:
    """An <ol>'s count from its `start`, reset by an item's `value`, shown before the
    item's first line when its words are in paragraphs; a lettered list and a bullet list
    show no number a key names."""
    path = tmp_path / "quiz.html"
    path.write_text(
        "<html><body><h1>Quiz</h1>"
        '<ol start="3"><li>The third question</li><li value="7">The seventh question</li>'
        "<li><p>The eighth question</p><p>Its second paragraph</p></li></ol>"
        '<ol type="a"><li>An option</li></ol><ul><li>A point</li></ul></body></html>',
        encoding="utf-8",
    )
    assert _numbers(path) == [
        ("Quiz", 0),
        ("The third question", 3),
        ("The seventh question", 7),
        ("The eighth question", 8),
        ("Its second paragraph", 0),
        ("An option", 0),
        ("A point", 0),
    ]


def test_an_answer_key_fills_questions_numbered_by_the_list() -> None:
    """Questions numbered by their list, and a key itself a numbered list ("1." holding
    "B 2. A"): the key's answers complete the questions they number; the question keeps
    its text without a typed number."""
    blocks = [
        Block("list_item", "Water moving through a membrane is called ______.", 1, number=1),
        Block("list_item", "A cell's outer boundary is the ______.", 1, number=2),
        Block("paragraph", "Answer Key", 1),
        Block("list_item", "osmosis 2. cell membrane", 1, number=1),
    ]
    filled = blanks_filled_by_key(blocks)
    assert [b.text for b in filled[:2]] == [
        "Water moving through a membrane is called osmosis.",
        "A cell's outer boundary is the cell membrane.",
    ]
    assert filled[0].number == 1 and filled[2:] == blocks[2:]


def test_an_unkeyed_numbered_list_is_left_as_it_was() -> None:
    blocks = [Block("list_item", "Heat the water to ______.", 1, number=1)]
    assert blanks_filled_by_key(blocks) == blocks


def test_word_numbering_with_bad_values_reads_without_numbers(tmp_path: Path) -> None:
    """A damaged or hand-edited numbering part (a level "x", a level past Word's nine, a
    start "one", a list naming no definition) costs the numbers, never the document."""
    levels = '<w:lvl w:ilvl="x"><w:numFmt w:val="decimal"/></w:lvl>' + _level(0, start=1)
    lists = (
        '<w:num w:numId="91"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="one"/></w:lvlOverride></w:num>'
        '<w:num w:numId="94"><w:abstractNumId w:val="404"/></w:num>'
    )
    body = [
        ("A first item", "91", 0),
        ("An item at level twelve", "91", 12),
        ("An item of a list with no definition", "94", 0),
        ("An item of an unknown list", "95", 0),
    ]
    assert _numbers(_numbered(tmp_path, levels, lists, body)) == [
        ("A first item", 1),
        ("An item at level twelve", 0),
        ("An item of a list with no definition", 0),
        ("An item of an unknown list", 0),
    ]


def _auto_numbered(tmp_path: Path, items: list[tuple[str, int, str]]) -> Path:
    """A one-slide deck whose body holds (text, level, PowerPoint numbering scheme or "")
    paragraphs, `startAt` after a colon ("arabicPeriod:6")."""
    deck = pptx.Presentation()
    # a cover first: a first slide of a few short lines is read as the deck's cover
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "States of Matter"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Quiz"
    body = slide.placeholders[1].text_frame
    for n, (text, level, scheme) in enumerate(items):
        paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
        paragraph.text, paragraph.level = text, level
        if scheme:
            kind, _, start = scheme.partition(":")
            at = f' startAt="{start}"' if start else ""
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<a:buAutoNum {_A} type="{kind}"{at}/>')
            )
    path = tmp_path / "quiz.pptx"
    deck.save(str(path))
    return path


def test_powerpoint_shows_its_automatic_numbers_and_letters(tmp_path: Path) -> None:
    """PowerPoint counts a text box's numbered paragraphs level by level from `startAt`;
    lettered ones show their label in the text ("B.", "b)"), as the deck shows them;
    a paragraph at the level without numbering starts the count again."""
    items = [
        ("Water vapour turning into liquid is called", 0, "arabicPeriod:6"),
        ("evaporation", 1, "alphaUcPeriod"),
        ("condensation", 1, "alphaUcPeriod"),
        ("The space an object takes up is its", 0, "arabicPeriod"),
        ("mass", 1, "alphaLcParenR"),
        ("volume", 1, "alphaLcParenR"),
        ("A note", 0, ""),
        ("Next", 0, "arabicPeriod"),
        ("A section", 0, "romanUcPeriod"),
    ]
    shown = _numbers(_auto_numbered(tmp_path, items))
    assert [(t, n) for t, n in shown if t not in ("Quiz", "States of Matter")] == [
        ("Water vapour turning into liquid is called", 6),
        ("A. evaporation", 0),
        ("B. condensation", 0),
        ("The space an object takes up is its", 7),
        ("a) mass", 0),
        ("b) volume", 0),
        ("A note", 0),
        ("Next", 1),
        ("A section", 0),
    ]


def test_powerpoint_numbers_below_a_question_are_its_parts(tmp_path: Path) -> None:
    """PowerPoint numbers a question "1." and its parts "(1)" a level below: a part shows
    its label, no question's number (the key's "1." and "2." would meet two of each)."""
    items = [
        ("Read the passage and answer:", 0, "arabicPeriod"),
        ("The highest point of a wave is its ______.", 1, "arabicParenBoth"),
        ("The lowest point of a wave is its ______.", 1, "arabicParenBoth"),
        ("A plain sub-point", 1, "arabicPeriod"),
        ("The next question", 0, "arabicPeriod"),
    ]
    shown = _numbers(_auto_numbered(tmp_path, items))
    assert [(t, n) for t, n in shown if t not in ("Quiz", "States of Matter")] == [
        ("Read the passage and answer:", 1),
        ("(1) The highest point of a wave is its ______.", 0),
        ("(2) The lowest point of a wave is its ______.", 0),
        ("A plain sub-point", 0),
        ("The next question", 2),
    ]


def test_powerpoint_numbering_with_bad_values_counts_from_one(tmp_path: Path) -> None:
    """A start that is no number, or past PowerPoint's bound, counts from one; a scheme
    PowerPoint does not know shows nothing."""
    items = [
        ("First", 0, "arabicPeriod:abc"),
        ("Second", 0, "arabicPeriod"),
        ("Far", 0, "arabicParenR:99999999"),
        ("Odd", 0, "noSuchScheme"),
    ]
    shown = _numbers(_auto_numbered(tmp_path, items))
    assert [(t, n) for t, n in shown if t not in ("Quiz", "States of Matter")] == [
        ("First", 1),
        ("Second", 2),
        ("Far", 1),
        ("Odd", 0),
    ]


def test_a_key_slides_numbered_answers_are_each_read_though_alike(tmp_path: Path) -> None:
    """A key slide numbers its answers "1. B", "2. A", "3. B": the same letter twice is two
    answers, where the same words twice on a slide are read once."""
    items = [("B", 0, "arabicPeriod"), ("A", 0, "arabicPeriod"), ("B", 0, "arabicPeriod")]
    shown = _numbers(_auto_numbered(tmp_path, items))
    assert [(t, n) for t, n in shown if n] == [("B", 1), ("A", 2), ("B", 3)]


def test_markdown_numbered_one_each_time_counts_as_rendered(tmp_path: Path) -> None:
    """A list typed "1." before every item shows 1, 2, 3: those are its numbers; a nested
    list counts its own."""
    path = tmp_path / "lazy.md"
    path.write_text(
        "1. First\n1. Second\n   1. Inner\n   1. Inner too\n1. Third\n", encoding="utf-8"
    )
    assert _numbers(path) == [
        ("First", 1),
        ("Second", 2),
        ("Inner", 1),
        ("Inner too", 2),
        ("Third", 3),
    ]
