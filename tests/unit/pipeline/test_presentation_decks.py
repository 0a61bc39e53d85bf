"""Lecture slides made in a presentation program (PowerPoint, Impress, Google Slides) and
uploaded as PDF: 16:9 pages of text boxes placed anywhere, a title placeholder on top, a
body placeholder of bulleted items drawn with glyphs, slide numbers and footers in small
type. Each deck is built here with WeasyPrint, its boxes placed absolutely."""

from __future__ import annotations

from pathlib import Path

import weasyprint

from datasources.files.detect import detect
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read

_WIDE = "@page { size: 960pt 540pt; margin: 0 }"
_STYLE = (
    " body { font-family: 'DejaVu Sans'; margin: 0 }"
    " section { position: relative; width: 960pt; height: 540pt; page-break-after: always }"
    " .title { position: absolute; left: 60pt; top: 30pt; font-size: 40pt }"
    " .body { position: absolute; left: 60pt; top: 130pt; width: 840pt; font-size: 24pt }"
    " .body p { margin: 0 0 10pt 0 }"
)


def _deck(tmp_path: Path, slides: list[str], style: str = "") -> list[Block]:
    path = tmp_path / "deck.pdf"
    body = "".join(f"<section>{s}</section>" for s in slides)
    html = f"<html><head><style>{_WIDE}{_STYLE}{style}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)
    return list(read(path, detect(path, filename=path.name)).blocks())


def _slide(title: str, *items: str) -> str:
    body = "".join(f"<p>{item}</p>" for item in items)
    return f"<div class='title'>{title}</div><div class='body'>{body}</div>"


def test_a_slide_title_of_short_english_words_is_a_heading(tmp_path: Path) -> None:
    # "in" and "a" are words, not a figure's one-letter symbols set large: the titles
    # "Counting in a Loop" and "Summing in a Loop" were read as text
    blocks = _deck(
        tmp_path,
        [
            _slide("Counting in a Loop", "A counter starts at zero.", "Add one each time."),
            _slide("Summing in a Loop", "A sum starts at zero.", "Add each value."),
            _slide("Filtering", "An if statement inside the loop.", "Keep the large ones."),
        ],
    )
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Counting in a Loop", "Summing in a Loop", "Filtering"]


_LEVELS = (
    " .body p { margin: 0 } .one { font-size: 26.6pt; color: #a04da3 }"
    " .two { font-size: 24pt; color: #438086; padding-left: 30pt }"
)


def _levelled(title: str, items: list[tuple[str, str]]) -> str:
    """A slide of first- and second-level items: (class, text), "{0}" in a text the title."""
    body = "".join(f"<p class='{level}'>{text.format(title)}</p>" for level, text in items)
    return f"<div class='title'>{title}</div><div class='body'>{body}</div>"


def test_a_bulleted_item_is_no_title_bar_and_starts_its_own_paragraph(tmp_path: Path) -> None:
    # a template sets its first-level items a little larger than the second level's and
    # in another colour: each was read as a block's title bar ("• Its features" a heading),
    # and an item ran on into the next ("… directly. • Its features")
    items = [
        ("one", "• The starting point"),
        ("two", "▫ Describe the things of the world and their relations directly."),
        ("one", "• Its features"),
        ("two", "▫ It is a high-level language."),
        ("two", "▫ Classes group objects with the same attributes."),
    ]
    titles = ["Object-Oriented Languages", "Structured Programming", "Classes and Objects"]
    blocks = _deck(tmp_path, [_levelled(t, items) for t in titles], _LEVELS)
    assert [b.text for b in blocks if b.kind == "heading"] == titles
    texts = [b.text for b in blocks if b.page == 1]
    assert "• Its features" in texts
    assert "• Describe the things of the world and their relations directly." in texts


_FIELDS = (
    " .field { position: absolute; left: 50pt; top: 6pt; font-size: 14pt; color: white;"
    " background: #333 } .foot { position: absolute; left: 600pt; top: 515pt; font-size: 12pt }"
    " .number { position: absolute; left: 900pt; top: 8pt; font-size: 24pt }"
)


def test_a_slides_footer_fields_and_number_are_no_text(tmp_path: Path) -> None:
    # PowerPoint's header field names each slide's section in small type at the same
    # place (its text changes, so it never repeated often enough to be furniture), and
    # the slide number's box stood among the title's lines, not at the page's edge
    sections = ["The Development of Languages"] * 2 + ["Object-Oriented Methods"] * 3
    titles = ["Machine Language", "High-Level Languages", "Objects", "Classes", "Encapsulation"]
    slides = [
        f"<div class='field'>{section}</div><div class='foot'>Programming in C++, chapter 1</div>"
        f"<div class='number'>{number}</div>"
        + _slide(title, f"{title} is the subject of this slide.", "It has two items.")
        for number, (section, title) in enumerate(zip(sections, titles, strict=True), 2)
    ]
    blocks = _deck(tmp_path, slides, _FIELDS)
    texts = [b.text for b in blocks]
    assert [b.text for b in blocks if b.kind == "heading"] == titles
    assert not {"2", "3", "4", "5", "6"} & set(texts)
    assert not any(section in text for section in sections for text in texts)


def test_a_long_items_second_line_is_no_title_bar(tmp_path: Path) -> None:
    # the second line of a first-level item (larger, in the template's colour) opens on
    # no bullet: it was read as a block's title bar
    items = [
        ("one' style='width: 700pt", "• {0} hide the machine a little more and name the data"),
        ("two", "▫ Programs in {0} read closer to the problem."),
        ("two", "▫ Programs in {0} are easier to write and to keep."),
        ("two", "▫ Programs in {0} are translated by compilers."),
    ]
    titles = ["High-Level Languages", "Assembly Languages", "Machine Languages"]
    blocks = _deck(tmp_path, [_levelled(t, items) for t in titles], _LEVELS)
    assert [b.text for b in blocks if b.kind == "heading"] == titles


def test_a_slide_titles_topic_is_a_concept_though_its_body_shows_only_code() -> None:
    from jobs.pipeline.knowledge import extract_knowledge

    # "Summing in a Loop" heads a slide of code and its output: the word "summing"
    # occurs nowhere else, and a heading's topic had to recur in the text
    blocks = [
        Block("heading", "Loops and Iteration", 1, 1),
        Block("heading", "Counting in a Loop", 2, 2),
        Block("code", "count = 0\nfor thing in [9, 41, 12]:\n    count = count + 1", 2),
        Block("paragraph", "To count how many times we run a loop, we add one each time.", 2),
        Block("heading", "Summing in a Loop", 3, 2),
        Block("code", "total = 0\nfor thing in [9, 41, 12]:\n    total = total + thing", 3),
        Block("paragraph", "$ python sumloop.py Before 0 9 50 62 After 62", 3),
    ]

    def keys(slides: int) -> set[str]:
        return {c.key for c in extract_knowledge(blocks, "en", slides).concepts}

    assert "summing" not in keys(0)  # a book's heading names what its text goes on naming
    assert "summing" in keys(3)


def test_a_title_box_made_last_still_heads_its_slide(tmp_path: Path) -> None:
    # the title's box came last in the slide's drawing order: its text was read after
    # the slide's items, which then fell under the slide before
    slides = [_slide(t, f"{t} first item.", f"{t} second item.") for t in ["Counting", "Summing"]]
    body = "<div class='body'><p>Start the smallest at None.</p><p>Compare each value.</p></div>"
    slides.append(body + "<div class='title'>Finding the Smallest Value</div>")
    blocks = _deck(tmp_path, slides)
    last = [b for b in blocks if b.page == 3]
    assert last[0].kind == "heading"
    assert last[0].text == "Finding the Smallest Value"


_BOXES = (
    " .out { position: absolute; left: 700pt; top: 150pt; font-size: 24pt; line-height: 30pt }"
    " .note { position: absolute; left: 60pt; top: 244pt; width: 600pt; font-size: 26pt;"
    " line-height: 30pt; text-align: center }"
)


def test_a_text_box_does_not_run_into_the_box_below_it(tmp_path: Path) -> None:
    # a program's output box at the right ran into the centred sentence under it, one
    # line lower ("… After 6 To count how many times we …"); the sentence's own short
    # last line, centred, stays in it
    slides = [
        ("Counting in a Loop", "$ python count.py|Before 0|After 6",
         "To count how many times we run a loop we introduce a counter variable that"
         " starts at zero and we add one to it each time."),
        ("Summing in a Loop", "$ python total.py|First 9|Last 154",
         "To add up the values we meet we introduce a sum variable that starts at zero"
         " and we add each value to it in turn."),
        ("Filtering in a Loop", "$ python search.py|Large 41|Large 74",
         "We use an if statement in the loop to catch and filter the values we are"
         " looking for and print only those."),
    ]  # fmt: skip
    html = [
        f"<div class='title'>{title}</div>"
        f"<div class='out'>{''.join(f'<div>{line}</div>' for line in run.split('|'))}</div>"
        f"<div class='note'>{note}</div>"
        for title, run, note in slides
    ]
    blocks = _deck(tmp_path, html, _BOXES)
    texts = [b.text for b in blocks if b.page == 1]
    assert "$ python count.py Before 0 After 6" in texts
    assert slides[0][2] in texts


def test_a_web_address_set_large_is_no_heading(tmp_path: Path) -> None:
    # a slide showing a cartoon prints its address under it in large type
    slides = [
        _slide("Regular Expressions", "A language of marker characters.", "Very powerful."),
        "<div class='title'>http://example.org/cartoons/208/</div>",
        _slide("Wild-Card Characters", "The dot matches any character.", "So does more."),
    ]
    blocks = _deck(tmp_path, slides)
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Regular Expressions",
        "Wild-Card Characters",
    ]
