"""Lecture slides uploaded as PDF: landscape pages with little text, overlays that print a
slide once per step, bullets without full stops, block title bars, "cont." slides.
Each deck is built here with WeasyPrint at Beamer's page size."""

from __future__ import annotations

from pathlib import Path

import weasyprint

from datasources.files.detect import detect
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import heading_title
from jobs.pipeline.readers import read
from jobs.pipeline.readers.slides import (
    is_slide_deck,
    overlay_steps,
    without_break_numbers,
    without_outline,
)
from jobs.pipeline.sections import repeated_apparatus
from jobs.pipeline.structure import heading_terms

_BEAMER = "@page { size: 362pt 272pt; margin: 20pt }"
_BOOK = "@page { size: 420pt 595pt; margin: 40pt }"
_STYLE = (
    " body { font-family: 'DejaVu Sans'; font-size: 11pt; line-height: 14pt }"
    " h2 { font-size: 16pt } p { margin: 0 0 6pt 0 }"
    " .bar { font-size: 12pt; margin: 0; color: white; background: #3333b2 }"
    " section { page-break-after: always }"
)


def _slides(tmp_path: Path, slides: list[str], page: str = _BEAMER) -> list[Block]:
    path = tmp_path / "deck.pdf"
    body = "".join(f"<section>{s}</section>" for s in slides)
    html = f"<html><head><style>{page}{_STYLE}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)
    return list(read(path, detect(path, filename=path.name)).blocks())


_FRAME = (
    "<h2>Text Generation</h2><p>Exhaustive search is unfeasible; known strategies include</p>"
    "<p>greedy search,</p>"
)
_STEP_2 = _FRAME + "<p>beam search, and</p>"
_STEP_3 = _STEP_2 + "<p>stochastic beam search</p>"
_NEXT = "<h2>Evaluation</h2><p>Perplexity measures how surprising the words are.</p>"


def test_a_deck_is_landscape_pages_with_little_text() -> None:
    slide, book = (362.0, 272.0), (420.0, 595.0)
    few = [["Evaluation", "Perplexity measures how surprising the words are."]] * 4
    many = [["word " * 60] * 8] * 4  # 480 words a page
    assert is_slide_deck([slide] * 4, few)
    assert not is_slide_deck([book] * 4, few)  # a book's short pages
    assert not is_slide_deck([slide] * 4, many)  # a landscape report full of text
    assert not is_slide_deck([slide] * 2, few[:2])  # too few pages to tell


def test_an_overlays_earlier_steps_are_the_pages_its_last_step_repeats() -> None:
    pages = [
        ["Title", "first item", "3 / 9"],
        ["Title", "first item", "second item", "3 / 9"],  # the same frame number
        ["Other", "text", "4 / 9"],
        ["Other", "text", "4 / 9"],  # Beamer draws covered text invisibly: the same text
        ["Last", "5 / 9"],
    ]
    assert overlay_steps([[(t, 11.0) for t in page] for page in pages]) == {0, 2}
    assert overlay_steps([[("A", 11.0), ("b", 11.0)], [("A", 11.0), ("c", 11.0)]]) == set()
    # a section's title slide, large, then a slide whose sidebar lists it small
    assert overlay_steps([[("Smoothing", 20.0)], [("Smoothing", 6.0), ("Add one", 11.0)]]) == set()


def test_a_deck_reads_each_slide_once_and_a_slide_does_not_run_into_the_next(
    tmp_path: Path,
) -> None:
    blocks = _slides(tmp_path, [_FRAME, _STEP_2, _STEP_3, _NEXT])
    texts = [b.text for b in blocks]
    # each overlay step printed the slide again: its items were counted three times
    assert texts.count("greedy search,") == 1
    # "stochastic beam search" (no full stop) at the foot of one slide ran on into the
    # next slide's heading-less text
    assert "stochastic beam search" in texts
    assert [b.text for b in blocks if b.kind == "heading"] == ["Text Generation", "Evaluation"]


def test_the_same_pages_in_a_book_keep_their_repeats(tmp_path: Path) -> None:
    # portrait pages: a book, whose repeated paragraph is the author's (not an overlay)
    blocks = _slides(tmp_path, [_FRAME, _FRAME, _NEXT], page=_BOOK)
    assert sum("greedy search" in b.text for b in blocks) == 2


def test_a_block_title_bar_on_a_slide_is_a_heading(tmp_path: Path) -> None:
    frame = (
        "<p class='bar'>Characteristic Polynomial</p>"
        "<p>The polynomial det(tI - A) is the characteristic polynomial of A.</p>"
    )
    blocks = _slides(tmp_path, [frame, _NEXT, _NEXT.replace("Evaluation", "Smoothing")])
    assert blocks[0].kind == "heading" and blocks[0].text == "Characteristic Polynomial"
    # a bullet set a little larger than its sub-bullets, in the body's ink, is no title
    items = "<p style='font-size: 12pt'>Counting semaphores</p>" + "<p>any value</p>" * 3
    blocks = _slides(tmp_path, [items, _NEXT, _NEXT.replace("Evaluation", "Smoothing")])
    assert blocks[0].kind == "paragraph"


def test_a_continued_slides_title_names_the_same_topic() -> None:
    def topics(heading: str) -> list[str]:
        return [c.term for c in heading_terms(heading, 0, 2)]

    assert topics("Word meanings cont.") == topics("Word meanings")
    assert topics("Additive smoothing, continued") == topics("Additive smoothing")
    assert topics("Evaluation cont'd") == ["Evaluation"]
    assert topics("Constant folding") == ["Constant folding"]  # "cont" only as a word of its own


def test_a_sidebars_small_type_is_furniture_wherever_it_stands(tmp_path: Path) -> None:
    # Beamer's Marburg and Berkeley themes list the deck's title, its author and its
    # sections beside every slide: read as text, "Ann Writer Introduction" was a concept
    side = "".join(
        f"<p style='font-size: 6pt; margin: 0'>{t}</p>"
        for t in ("Language Models", "Ann Writer", "Introduction", "Smoothing")
    )
    more = "<p>The model assigns a probability to every sequence of tokens it can read.</p>"
    slides = [
        f"{side}<h2>Text Generation</h2><p>Beam search keeps the best branches.</p>{more}",
        f"{side}<h2>Evaluation</h2><p>Perplexity measures surprise.</p>{more}",
        f"{side}<h2>Smoothing</h2>",  # a section's title slide, set large: kept
        f"{side}<h2>Additive smoothing</h2><p>Every count is raised by one.</p>{more}",
    ]
    texts = [b.text for b in _slides(tmp_path, slides)]
    assert not any("Ann Writer" in t or "Introduction" in t for t in texts)
    assert "Smoothing" in texts


def test_a_deck_gets_a_concept_for_each_slide() -> None:
    from jobs.pipeline.concepts import concept_budget

    assert concept_budget(2300) == 32  # a chapter of 2,300 words
    assert concept_budget(2300, slides=22) == 42  # a deck of 22 slides and as many words
    assert concept_budget(20000, slides=22) == 80  # the cap holds


def test_a_word_a_bullet_names_its_subject_by_is_a_noun() -> None:
    from jobs.pipeline.structure import emphasis_terms

    # lemminflect knows "intercept" only as a verb: a lone verb in italics read as stress
    assert [c.term for c in emphasis_terms(("intercept",), 0, "β0 is the intercept.")] == [
        "intercept"
    ]
    assert emphasis_terms(("increase",), 0, "Prices *increase* when demand grows.") == []


def test_on_a_slide_a_word_set_apart_once_is_a_term(tmp_path: Path) -> None:
    from jobs.pipeline.knowledge import extract_knowledge

    blocks = [
        Block("heading", "Simple Linear Regression", 1, 1),
        Block("paragraph", "The best fit line is defined by a simple equation.", 2),
        Block("paragraph", "β0 is the intercept.", 2, emphasis=("intercept",)),
        Block("paragraph", "The fitted line traverses the scatterplot closely.", 3),
        Block("paragraph", "A regression line summarises the data.", 4),
    ]

    def keys(slides: int) -> set[str]:
        return {c.key for c in extract_knowledge(blocks, "en", slides).concepts}

    assert "intercept" not in keys(0)  # in a book's prose, one word in italics is stress
    assert "intercept" in keys(4)


def test_a_decks_outline_and_its_title_slides_byline_are_no_text(tmp_path: Path) -> None:
    title = (
        "<h2>Linear Algebra</h2><p>Chapter 5. Eigenvalues</p><p>Mathematics Faculty</p>"
        "<p>Spring 2026</p>"
    )
    outline = "<h2>Contents Overview</h2><p>1 Eigenvalues</p><p>2 Diagonalisation</p>"
    first = "<h2>Eigenvalues</h2><p>A scalar λ with Av = λv for a nonzero vector v.</p>"
    last = (
        "<h2>Diagonalisation</h2><p>A matrix with n independent eigenvectors is diagonalisable.</p>"
    )
    blocks = _slides(tmp_path, [title, outline, first, last])
    texts = [b.text for b in blocks]
    assert texts[0] == "Linear Algebra"  # the title slide's title only
    assert "Mathematics Faculty" not in texts and "Spring 2026" not in texts
    assert "Contents Overview" not in texts and "1 Eigenvalues" not in texts
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Linear Algebra",
        "Eigenvalues",
        "Diagonalisation",
    ]


def test_a_continued_slides_title_names_the_same_section() -> None:
    """ "Word meanings cont." goes on with "Word meanings": one section, so one module of a
    course, not "Word meanings" and "Word meanings cont"."""
    for title in ("Word meanings cont", "Word meanings cont.", "Word meanings, cont'd",
                  "Word meanings continued", "Word meanings (cont.)"):  # fmt: skip
        assert heading_title(title) == "Word meanings", title
    assert heading_title("信号量（续）") == "信号量"
    for title in ("Contour maps", "Discontinued products", "Continuity"):
        assert heading_title(title) == title


def test_a_decks_agenda_slide_names_no_topic() -> None:
    # "Topics" headed the agenda slide of two C lectures, and their weeks were "topics – …"
    for title in ("Topics", "Today's Topics", "Topics covered", "Lecture Outline"):
        assert heading_terms(title, 0, 2) == [], title
    # a topic named with the word stays one
    assert [c.term for c in heading_terms("Advanced Topics in Memory", 0, 2)] != []


def test_a_sessions_plan_slide_names_no_topic() -> None:
    for title in ("Plan for today", "Today's agenda", "Today's plan"):
        assert heading_terms(title, 0, 1) == [], title
    assert [c.term for c in heading_terms("Land use plan", 0, 1)] == ["Land use plan"]


def test_a_title_repeated_on_slides_in_a_row_is_one_section_continued() -> None:
    # a slide that runs over repeats its title; the title lists two names the prose
    # never writes together, and is no furniture for that
    blocks = [Block("heading", "Stack, Queue", 1, 1)]
    blocks += [Block("paragraph", "A stack pushes an item on top; a queue adds it at the back.", 1)]
    blocks += [
        b
        for n in range(2, 5)
        for b in (
            Block("heading", "Stack, Queue", n, 1),
            Block("paragraph", f"Popping item {n} takes it off the top of the stack.", n),
        )
    ]
    assert repeated_apparatus(blocks) == frozenset()
    # furniture after every section is still furniture
    furniture = [
        b
        for topic in ("Stacks", "Queues", "Deques")
        for b in (
            Block("heading", topic, 1, 1),
            Block("paragraph", f"{topic} hold items in order.", 1),
            Block("heading", "Check Yourself", 1, 2),
            Block("paragraph", "Try the exercise below.", 1),
        )
    ]
    assert repeated_apparatus(furniture) == frozenset({2, 6, 10})


def test_items_beside_bullets_drawn_as_small_forms_are_apart(tmp_path: Path) -> None:
    # Beamer's ball bullets are small forms, no glyph in the text: Chinese items with no
    # stop ran into one line ("黄金白银避险功能…"); WeasyPrint draws a translucent box as one
    ball = (
        "<span style='position: absolute; left: -10pt; top: 4pt; width: 5pt; height: 5pt;"
        " background: #3333b2; opacity: 0.9'></span>"
    )
    item = "<p style='margin: 0 0 0 20pt; position: relative'>" + ball + "{}</p>"
    names = ["黄金和白银", "避险功能", "与通胀相关"]
    frame = "<h2>贵金属</h2>" + "".join(item.format(n) for n in names)
    # (second: a first slide without a sentence is the title slide)
    blocks = _slides(tmp_path, [_NEXT, frame, _NEXT.replace("Evaluation", "Smoothing")])
    assert [(b.kind, b.text) for b in blocks if b.page == 2 and b.kind != "heading"] == [
        ("list_item", n) for n in names
    ]


def _titled(*titles: str) -> list[Block]:
    return [
        b
        for page, title in enumerate(titles, 1)
        for b in (Block("heading", title, page, 1), Block("paragraph", "Some text.", page))
    ]


def test_beamers_frame_break_numerals_leave_the_slide_titles() -> None:
    def titles(*shown: str) -> list[str]:
        return [b.text for b in without_break_numbers(_titled(*shown)) if b.kind == "heading"]

    # a frame that broke over two pages: "I" then "II", one title
    assert titles("Bonds I", "Bonds II", "Stocks") == ["Bonds", "Bonds", "Stocks"]
    # every frame may break and is numbered, even on its one page
    assert titles("Assets I", "Markets I", "Bonds I", "Bonds II", "Stocks I") == [
        "Assets", "Markets", "Bonds", "Bonds", "Stocks",
    ]  # fmt: skip
    # a numeral that names what the slide is about stays
    assert titles("World War I", "Causes", "World War II", "Aftermath") == [
        "World War I", "Causes", "World War II", "Aftermath",
    ]  # fmt: skip
    assert titles("Type I errors", "Type II") == ["Type I errors", "Type II"]


def test_an_outline_of_sections_no_slide_is_titled_with_is_no_text() -> None:
    # Beamer's \tableofcontents lists the deck's \section names, which head no frame: its
    # entries matched no slide title and "1 货币与利率" read as the deck's first text
    blocks = [Block("heading", "货币银行学", 1, 1), Block("heading", "目录", 2, 1)]
    blocks += [Block("paragraph", "1 货币与利率", 2), Block("paragraph", "2 中央银行", 2)]
    blocks += [Block("heading", "什么是货币？", 3, 1)]
    blocks += [Block("paragraph", "货币是充当一般等价物的商品。", 3)]
    assert [b.page for b in without_outline(blocks)] == [1, 3, 3]
    # a slide under such a title that says something is kept
    said = [Block("heading", "目录", 2, 1), Block("paragraph", "1 本讲先复习上次的内容。", 2)]
    said += [Block("paragraph", "2 然后讲中央银行。", 2)]
    assert without_outline(said) == said


def test_a_bullet_glyph_against_a_slides_first_word_is_no_part_of_its_text(
    tmp_path: Path,
) -> None:
    # an exported deck's bullet glyph set with no space before the line's first word: the
    # text opened on "•" ("•We call the … the “Gauge”" was a definition as it stood)
    lines = ["\u2022We call the part that reads the pressure the \u201cGauge\u201d", "\u2022Valves"]
    frame = "<h2>Pumps</h2>" + "".join(f"<p>{line}</p>" for line in lines)
    blocks = _slides(tmp_path, [_NEXT, frame, _NEXT.replace("Evaluation", "Smoothing")])
    texts = [b.text for b in blocks if b.page == 2 and b.kind != "heading"]
    assert texts == [line.removeprefix("\u2022") for line in lines]


def test_a_remark_decks_markdown_is_read_as_slides_not_as_one_run_of_text(
    tmp_path: Path,
) -> None:
    # a xaringan / remark.js page: the slides are Markdown in a <textarea id="source">,
    # with remark's slide properties, incremental steps, classes and speaker notes
    source = (
        "class: center middle title-slide\n\n# Soil &amp; water\n\n---\n"
        "layout: true\nclass: banner\n\n{{content}}\n\n---\n"
        "name: infiltration\n\n# Infiltration\n\n"
        ".box-note.large[Infiltration is the movement of rain into the ground.]\n\n--\n\n"
        ".pull-left[\nSee [the field guide](guide.html) for the ring test.\n]\n\n"
        "???\n\nRemind the class about the field trip.\n\n---\n"
        "exclude: true\n\n# Draft slide\n\nNot shown.\n"
    )
    path = tmp_path / "deck.html"
    path.write_text(
        "<html><head><title>Soil &amp; water</title></head><body>"
        f'<textarea id="source">\n{source}</textarea>'
        "<script>var slideshow = remark.create();</script></body></html>",
        "utf-8",
    )
    blocks = list(read(path, detect(path, filename=path.name)).blocks())
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Soil & water"),
        ("heading", "Infiltration"),
        ("paragraph", "Infiltration is the movement of rain into the ground."),
        ("paragraph", "See the field guide for the ring test."),
    ]


def test_a_revealjs_decks_markdown_templates_are_read_as_its_slides(tmp_path: Path) -> None:
    # reveal.js keeps Markdown slides in a <script type="text/template"> (or a
    # <textarea data-template>) inside <section data-markdown>, and the page drops its
    # scripts: the slides are rendered first, split at the section's separators, with
    # the speaker's notes left out; an HTML slide beside them is read as before
    first = (
        "\n    ## Food webs\n\n    - Producers make energy from sunlight\n"
        "    - Consumers eat producers\n\n    ---\n\n    ## Trophic levels\n\n"
        "    Each step up a food web is a trophic level.\n\n"
        "    Note: ask who ate breakfast today.\n"
    )
    second = "\n## Decomposers\nFungi break down dead matter.\n\n~~~\n\n## Detritus\nDead matter.\n"
    path = tmp_path / "deck.html"
    path.write_text(
        "<html><head><title>Ecology</title></head><body>"
        '<div class="reveal"><div class="slides">'
        "<section><h1>Ecology week 3</h1></section>"
        f'<section data-markdown><script type="text/template">{first}</script></section>'
        f'<section data-markdown data-separator="^~~~$"><textarea data-template>{second}'
        "</textarea></section>"
        "</div></div><script>Reveal.initialize();</script></body></html>",
        "utf-8",
    )
    blocks = list(read(path, detect(path, filename=path.name)).blocks())
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Ecology week 3"),
        ("heading", "Food webs"),
        ("list_item", "Producers make energy from sunlight"),
        ("list_item", "Consumers eat producers"),
        ("heading", "Trophic levels"),
        ("paragraph", "Each step up a food web is a trophic level."),
        ("heading", "Decomposers"),
        ("paragraph", "Fungi break down dead matter."),
        ("heading", "Detritus"),
        ("paragraph", "Dead matter."),
    ]
