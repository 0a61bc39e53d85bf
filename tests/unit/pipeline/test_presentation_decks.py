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
    # "in" and "a" are words, not a figure's one-letter symbols set large: titles such
    # as "Rising in a Bowl" were read as text
    blocks = _deck(
        tmp_path,
        [
            _slide("Rising in a Bowl", "The dough doubles in an hour.", "Cover it."),
            _slide("Baking in an Oven", "The crust browns at high heat.", "Turn it once."),
            _slide("Cooling", "A rack lets the steam out.", "Wait before cutting."),
        ],
    )
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Rising in a Bowl", "Baking in an Oven", "Cooling"]


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
    # in another colour: each was read as a block's title bar ("• Its soils" a heading),
    # and an item ran on into the next ("… the lowland plains. • Its soils")
    items = [
        ("one", "• Where the river rises"),
        ("two", "▫ Snow from the high ridges feeds it all the way down to the lowland plains."),
        ("one", "• Its soils"),
        ("two", "▫ Silt settles where the water slows."),
        ("two", "▫ Floods renew the fields each spring."),
    ]
    titles = ["River Basins", "Delta Farming", "Flood Plains"]
    blocks = _deck(tmp_path, [_levelled(t, items) for t in titles], _LEVELS)
    assert [b.text for b in blocks if b.kind == "heading"] == titles
    texts = [b.text for b in blocks if b.page == 1]
    # each item its own paragraph; the bullet glyph that opened it is no part of its text
    assert "Its soils" in texts
    assert "Snow from the high ridges feeds it all the way down to the lowland plains." in texts


_FIELDS = (
    " .field { position: absolute; left: 50pt; top: 6pt; font-size: 14pt; color: white;"
    " background: #333 } .foot { position: absolute; left: 600pt; top: 515pt; font-size: 12pt }"
    " .number { position: absolute; left: 900pt; top: 8pt; font-size: 24pt }"
)


def test_a_slides_footer_fields_and_number_are_no_text(tmp_path: Path) -> None:
    # PowerPoint's header field names each slide's section in small type at the same
    # place (its text changes, so it never repeated often enough to be furniture), and
    # the slide number's box stood among the title's lines, not at the page's edge
    sections = ["Weather and Climate"] * 2 + ["Rivers and Coasts"] * 3
    titles = ["Air Pressure", "Monsoons", "River Basins", "Deltas", "Coastal Erosion"]
    slides = [
        f"<div class='field'>{section}</div><div class='foot'>Physical Geography, unit 1</div>"
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
        ("one' style='width: 700pt", "• {0} carry water and silt from the hills down to the sea"),
        ("two", "▫ {0} widen where the slope eases."),
        ("two", "▫ {0} change course after great floods."),
        ("two", "▫ {0} are mapped from the air."),
    ]
    titles = ["Mountain Streams", "Lowland Rivers", "Tidal Channels"]
    blocks = _deck(tmp_path, [_levelled(t, items) for t in titles], _LEVELS)
    assert [b.text for b in blocks if b.kind == "heading"] == titles


def test_a_slide_titles_topic_is_a_concept_though_its_body_shows_only_code() -> None:
    from jobs.pipeline.knowledge import extract_knowledge

    # a title over a slide of code and its output: its topic word occurs nowhere else,
    # and a heading's topic had to recur in the text
    blocks = [
        Block("heading", "Tables of Prices", 1, 1),
        Block("heading", "Averaging in a Table", 2, 2),
        Block("code", "mean = 0\nfor price in [3, 8, 5]:\n    mean = mean + price / 3", 2),
        Block("paragraph", "We add each price and divide by how many there are.", 2),
        Block("heading", "Rounding in a Table", 3, 2),
        Block("code", "shown = [round(price, 1) for price in [3.14, 8.05, 5.55]]", 3),
        Block("paragraph", "$ python prices.py Before 3.14 After 3.1", 3),
    ]

    def keys(slides: int) -> set[str]:
        return {c.key for c in extract_knowledge(blocks, "en", slides).concepts}

    assert "rounding" not in keys(0)  # a book's heading names what its text goes on naming
    assert "rounding" in keys(3)


def test_a_title_box_made_last_still_heads_its_slide(tmp_path: Path) -> None:
    # the title's box came last in the slide's drawing order: its text was read after
    # the slide's items, which then fell under the slide before
    slides = [_slide(t, f"{t} first item.", f"{t} second item.") for t in ["Tides", "Currents"]]
    body = "<div class='body'><p>The moon pulls the water.</p><p>Twice a day it turns.</p></div>"
    slides.append(body + "<div class='title'>Spring and Neap Tides</div>")
    blocks = _deck(tmp_path, slides)
    last = [b for b in blocks if b.page == 3]
    assert last[0].kind == "heading"
    assert last[0].text == "Spring and Neap Tides"


_BOXES = (
    " .out { position: absolute; left: 700pt; top: 150pt; font-size: 24pt; line-height: 30pt }"
    " .note { position: absolute; left: 60pt; top: 244pt; width: 600pt; font-size: 26pt;"
    " line-height: 30pt; text-align: center }"
)


def test_a_text_box_does_not_run_into_the_box_below_it(tmp_path: Path) -> None:
    # a program's output box at the right ran into the centred sentence under it, one
    # line lower ("… After 6 To count how many times …"); the sentence's own short last
    # line, centred, stays in it
    slides = [
        ("Averaging Prices", "$ python mean.py|Before 0|After 5.3",
         "The program adds every price in the table and then divides the total by the"
         " number of rows it has read."),
        ("Rounding Prices", "$ python round.py|First 3.14|Last 3.1",
         "Each price is shown with a single decimal place so that the columns of the"
         " report line up neatly."),
        ("Sorting Prices", "$ python order.py|Low 3|High 8",
         "The cheapest items come first and the dearest last, which makes the middle"
         " value easy to find."),
    ]  # fmt: skip
    html = [
        f"<div class='title'>{title}</div>"
        f"<div class='out'>{''.join(f'<div>{line}</div>' for line in run.split('|'))}</div>"
        f"<div class='note'>{note}</div>"
        for title, run, note in slides
    ]
    blocks = _deck(tmp_path, html, _BOXES)
    texts = [b.text for b in blocks if b.page == 1]
    assert "$ python mean.py Before 0 After 5.3" in texts
    assert slides[0][2] in texts


def test_a_web_address_set_large_is_no_heading(tmp_path: Path) -> None:
    # a slide showing a cartoon prints its address under it in large type
    slides = [
        _slide("Ocean Currents", "Warm water flows north.", "Cold water sinks."),
        "<div class='title'>http://example.org/cartoons/208/</div>",
        _slide("Trade Winds", "They blow toward the equator.", "Sailors used them."),
    ]
    blocks = _deck(tmp_path, slides)
    assert [b.text for b in blocks if b.kind == "heading"] == ["Ocean Currents", "Trade Winds"]


def test_titles_shrunk_by_auto_fit_are_one_level(tmp_path: Path) -> None:
    # auto-fit shrank a long title (40 pt set 36 pt) and the template set one title a
    # point larger: each size was a heading level of its own, the larger title level 1
    # and every other slide's title a sub-heading of it
    sizes = {"Tide Tables": 40, "Reading the Height of Tides Ahead": 36, "Slack Water": 41}
    slides = [
        f"<div class='title' style='font-size: {size}pt'>{title}</div>"
        f"<div class='body'><p>{title} is read from the chart.</p><p>Sailors check it.</p></div>"
        for title, size in [("Spring Tides", 40), *sizes.items(), ("Neap Tides", 40)]
    ]
    blocks = _deck(tmp_path, slides)
    levels = {b.text: b.level for b in blocks if b.kind == "heading"}
    assert len(levels) == 5
    assert set(levels.values()) == {1}


def test_a_pattern_set_large_is_no_heading(tmp_path: Path) -> None:
    # a slide calls out the pattern its example uses in large type: "^X.*:" is no title
    callout = "<div style='position: absolute; left: 500pt; top: 300pt; font-size: 40pt'>{}</div>"
    slides = [
        _slide("Matching Lines", "The pattern picks the lines.") + callout.format("^X.*:"),
        _slide("Taking Parts", "The group keeps a part.") + callout.format("\\S+@\\S+"),
        _slide("Greedy Patterns", "They match the most they can."),
    ]
    blocks = _deck(tmp_path, slides)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Matching Lines", "Taking Parts", "Greedy Patterns"]


def test_two_boxes_on_one_baseline_are_two_lines(tmp_path: Path) -> None:
    # pdfium joined a label and a program's output box standing on its baseline far to
    # its right into one line: "body of the loop > hello"
    side = "<div style='position: absolute; left: {}pt; top: 300pt; font-size: 24pt'>{}</div>"
    slides = [
        _slide("Running Laps", "Each lap is one turn of the track."),
        _slide("Counting Laps", "The counter goes up by one each lap.")
        + side.format(400, "body of the loop")
        + side.format(700, "&gt; lap 3"),
        _slide("Timing Laps", "The watch starts at the gun.")
        + side.format(400, "start of the race")
        + side.format(700, "&gt; 0.0 s"),
    ]
    texts = [b.text for b in _deck(tmp_path, slides) if b.kind == "paragraph"]
    assert "body of the loop" in texts
    assert "> lap 3" in texts
    assert "start of the race" in texts


def test_a_credits_slide_is_no_text(tmp_path: Path) -> None:
    # a deck closes on its credits: a copyright notice and its contributors, "Initial
    # Development: …", read as a definition of "initial development"
    slides = [
        _slide("Knots", "A knot joins two ropes.", "Some knots slip."),
        _slide("Bowline", "The bowline makes a fixed loop.", "It does not slip."),
        _slide(
            "Acknowledgements / Contributions",
            "These slides are Copyright 2020 Ann Lee of the Harbour Sailing School.",
            "Initial Development: Ann Lee, Harbour Sailing School",
        ),
    ]
    blocks = _deck(tmp_path, slides)
    assert [b.page for b in blocks if b.page == 3] == []
    assert [b.text for b in blocks if b.kind == "heading"] == ["Knots", "Bowline"]


def test_a_slide_of_picture_sources_closing_a_pdf_deck_is_no_text(tmp_path: Path) -> None:
    # as a .pptx's (test_pptx_reader): the PDF of a deck closing on where its pictures come
    # from made a concept of a television dog named there
    slides = [
        _slide("Ferns", "A fern has no seeds.", "It spreads by spores."),
        _slide("Spores", "A spore grows into a small plant.", "It needs damp ground."),
        _slide("Additional Source Information", "Photo of a fern by Sam Fernley, CC BY."),
    ]
    blocks = _deck(tmp_path, slides)
    assert [b.text for b in blocks if b.kind == "heading"] == ["Ferns", "Spores"]
    assert not [b for b in blocks if "Fernley" in b.text]


def test_a_credits_title_in_the_middle_of_a_deck_is_its_topic(tmp_path: Path) -> None:
    # a law lecture's "Copyright" slide teaches copyright; credits close or open a deck
    slides = [
        _slide("Intellectual Property", "Law protects creations of the mind.", "It has kinds."),
        _slide("Patents", "A patent protects an invention.", "It lasts twenty years."),
        _slide("Copyright", "Copyright protects an original work.", "It needs no filing."),
        _slide("Trademarks", "A trademark protects a brand.", "It can last forever."),
        _slide("Trade Secrets", "A trade secret is kept confidential.", "It has no term."),
        _slide("Remedies", "Courts grant injunctions.", "They award damages."),
    ]
    blocks = _deck(tmp_path, slides)
    assert "Copyright" in [b.text for b in blocks if b.kind == "heading"]


def test_a_slide_title_is_a_concept_whatever_the_decks_levels() -> None:
    from jobs.pipeline.knowledge import extract_knowledge

    # a deck without bold or italics was read as plain text, its headings as guessed from
    # lone lines: with its titles all one size, a title its bullets do not repeat named
    # nothing; a label set large under a title (a diagram's) was a heading like a title
    def keys(blocks: list[Block]) -> set[str]:
        return {c.key for c in extract_knowledge(blocks, "en", len(blocks)).concepts}

    titles = [
        Block("heading", "Tides and Currents", 1, 1),
        Block("heading", "Spring Tides", 2, 1),
        Block("paragraph", "The sun and the moon pull together at full moon.", 2),
        Block("heading", "Neap Tides", 3, 1),
        Block("paragraph", "The sun and the moon pull apart at half moon.", 3),
        Block("heading", "Slack Water", 4, 1),
        Block("code", "heights = [3.1, 2.4, 1.8]\nprint(max(heights))", 4),
    ]
    assert "slack water" in keys(titles)
    label = Block("heading", "Quayside", 4, 2)
    assert "quayside" not in keys([*titles[:6], label, titles[6]])


def _deck_keys(blocks: list[Block]) -> dict[str, str]:
    from jobs.pipeline.knowledge import extract_knowledge

    knowledge = extract_knowledge(blocks, "en", len({b.page for b in blocks}))
    return {c.key: c.description or "" for c in knowledge.concepts}


def test_one_word_a_split_slide_title_leaves_and_no_slide_repeats_is_no_concept() -> None:
    # "Web Cookies to the Rescue" split at "to" left "Rescue"; "Default – Store Sessions
    # in the Database" left its label "Default": neither recurs anywhere in the deck
    blocks = [
        Block("heading", "Tides and Harbours", 1, 1),
        Block("heading", "Pilots to the Rescue", 2, 1),
        Block("list_item", "A harbour pilot boards each ship at the outer buoy.", 2),
        Block("list_item", "The harbour pilot knows every shoal of the channel.", 2),
        Block("heading", "Fallback – Anchor Outside the Harbour", 3, 1),
        Block("list_item", "When the tide is low, ships anchor and wait for the flood.", 3),
        Block("list_item", "The flood tide lifts them over the bar.", 3),
    ]
    keys = _deck_keys(blocks)
    assert "rescue" not in keys and "fallback" not in keys
    assert "pilot" in keys  # the word the title opens on is its topic


def test_a_quoted_paragraph_in_italics_leaves_a_decks_sentences_defining() -> None:
    # the deck's one styled run was a paragraph quoted in italics: the deck was read as
    # one with emphasis, where "Technically, X are …" without it defines nothing
    quote = (
        "Technically, tolls are fixed sums charged by the bridge owner and paid by each "
        "driver. The owner keeps them to mend the bridge, so that crossing stays safe for "
        "every driver who comes after."
    )
    blocks = [
        Block("heading", "Bridges and Tolls", 1, 1),
        Block("heading", "Tolls to Pay", 2, 1),
        Block("paragraph", quote, 2, 0, (quote,)),
        Block("list_item", "Tolls are paid at a booth on the bridge.", 2),
        Block("heading", "Booths", 3, 1),
        Block("list_item", "Each booth takes tolls in coins or by card.", 3),
    ]
    keys = _deck_keys(blocks)
    assert keys.get("toll", "").startswith("tolls are fixed sums")


def test_a_slide_titles_first_bullet_stating_a_genus_defines_the_title() -> None:
    blocks = [
        Block("heading", "Harbour Traffic", 1, 1),
        Block("heading", "Pilot Boat", 2, 1),
        Block(
            "list_item",
            "A small, fast vessel that carries the harbour pilot out to an arriving ship",
            2,
        ),
        Block("list_item", "A pilot boat waits at the outer buoy in all weather.", 2),
        Block("heading", "Tugboats", 3, 1),
        Block("list_item", "Tugboats push a ship to its berth once the pilot boat leaves.", 3),
    ]
    assert _deck_keys(blocks).get("pilot boat", "").startswith("A small, fast vessel")


def test_a_bullet_that_is_a_sentence_defines_no_title() -> None:
    from jobs.pipeline.definitions import en_fragment_below

    sentence = "A pilot boat that carries the pilot is painted orange"
    assert en_fragment_below("Pilot Boat", sentence, 0) is None
    assert en_fragment_below("What is a pilot boat?", "A vessel that carries pilots", 0) is None
    found = en_fragment_below("Pilot Boat", "A vessel that carries pilots out to ships", 0)
    assert found is not None and found.term == "Pilot Boat"


_CHINESE = " body { font-family: 'WenQuanYi Micro Hei' }"


def test_an_exported_chinese_decks_bullets_and_dashes_are_its_items(tmp_path: Path) -> None:
    # PowerPoint exports its bullets as text: "•" for the first level and "–" for the
    # second. The dash ran each sub-item into its parent's line, and the lines stayed
    # paragraphs, so a slide's "名称 (gloss): 说明" entries defined nothing
    slides = [
        _slide("气象学基础", "第一讲"),
        _slide(
            "气象要素",
            "• 气压 (air pressure): 单位面积上承受的大气柱重量",
            "• 湿度",
            "– 绝对湿度：单位体积空气中所含水汽的质量",
            "– 相对湿度：实际水汽压与饱和水汽压之比",
        ),
        _slide("降水", "• 降水的形成", "– 水汽凝结成云滴", "– 云滴增大后落到地面"),
        _slide("风", "• 风向：风吹来的方向", "• 风速：单位时间内空气移动的距离"),
        _slide("小结", "• 本讲回顾了几个基本气象要素"),
    ]
    blocks = _deck(tmp_path, slides, _CHINESE)
    first = [(b.kind, b.text) for b in blocks if b.page == 2 and b.kind != "heading"]
    assert first == [
        ("list_item", "气压 (air pressure): 单位面积上承受的大气柱重量"),
        ("list_item", "湿度"),
        ("list_item", "绝对湿度：单位体积空气中所含水汽的质量"),
        ("list_item", "相对湿度：实际水汽压与饱和水汽压之比"),
    ]
    # one glyph alone on a slide may be its theme's ornament: that line stays a paragraph
    assert [b.kind for b in blocks if b.page == 5 and b.kind != "heading"] == ["paragraph"]
