"""Reader rules for what plain text and PDF lose: headings without markup, emphasis runs
broken by line ends or cut before a closing bracket, hyphens pdfium marks, a code-heavy
chapter's body size."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.readers import read
from jobs.pipeline.readers.blocks import rejoin_hyphens, title_line
from tests.unit.pipeline.conftest import raw_pdf


def _pdf(tmp_path: Path, body: str, lang: str = "en") -> Path:
    import weasyprint

    path = tmp_path / "chapter.pdf"
    weasyprint.HTML(
        string=(
            f"<html lang='{lang}'><body style='font-family: DejaVu Serif, WenQuanYi Micro Hei;"
            f" font-size: 11pt; width: 9cm'>{body}</body></html>"
        )
    ).write_pdf(path)
    return path


def test_title_lines_with_type_names_function_words_and_code_names() -> None:
    assert title_line("Using Box<T> to Point to Data on the Heap")
    assert title_line("使用 Box<T> 指向堆上的数据")
    assert title_line("Appending with push_str or push")
    assert title_line("Adding a Reference from a Child to Its Parent")  # nine words
    assert not title_line("Undoing things with git restore")  # sentence case: unsure
    assert not title_line("let x = Box<i32>")


def test_captions_program_output_and_broken_sentences_are_not_titles() -> None:
    assert not title_line("Figure: Divergent history")
    assert not title_line("表：堆的操作效率")
    assert not title_line("modified:   README")
    assert not title_line("然而，根据凸性的性质，有")
    assert title_line("什么是负载因子？")
    # a line ending on the verb that leads in the formula after it: an economics lecture's
    # plain text gave the concepts 积分得到 and 计算积分得到
    assert not title_line("计算积分得到") and not title_line("于是有")
    assert not title_line("设")  # "let", before a list of symbols: 设 was a concept
    assert title_line("认知行为") and title_line("所有权规则")


def test_plain_text_reader_finds_those_headings(tmp_path: Path) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text(
        "Using Rc<T> to Share Data\n\nRc<T> counts the references to a value.\n\n"
        "Figure: Two lists sharing a tail\n\n"
        "Changes to be committed:\n\n    modified:   README\n\n"
        "然而，根据凸性的性质，有\n\n凸函数的局部极小值也是全局极小值。\n",
        encoding="utf-8",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == ["Using Rc<T> to Share Data"]


def test_hyphens_pdfium_marks_at_line_ends() -> None:
    assert rejoin_hyphens("returns the re\ufffemainder") == "returns the remainder"
    assert rejoin_hyphens("a divide-and\ufffeconquer pattern") == "a divide-and-conquer pattern"
    assert rejoin_hyphens("右子节点（right\ufffechild node）") == "右子节点（right-child node）"
    assert rejoin_hyphens("Hash\ufffeTable") == "Hash-Table"
    assert rejoin_hyphens("plain") == "plain"


def test_pdf_emphasis_keeps_its_closing_bracket_and_crosses_line_breaks(tmp_path: Path) -> None:
    filler = "节点之间的引用关系决定了这棵树的形状，" * 2
    path = _pdf(
        tmp_path,
        f"<p>{filler}每个节点都有<b>左子树（left subtree）</b>和<b>右子树（right subtree）</b>"
        f"两个部分。</p><p>{filler}我们称之为<b>深度优先搜索（depth-first search）</b>，"
        "它沿着一条路径一直走到底。</p>",
        lang="zh",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    emphasis = [e for b in blocks for e in b.emphasis]
    assert emphasis == [
        "左子树（left subtree）",
        "右子树（right subtree）",
        "深度优先搜索（depth-first search）",
    ]


def test_pdf_body_size_is_the_prose_not_the_program_code(tmp_path: Path) -> None:
    code = "<pre style='font-size: 8.5pt'>" + "git status --short\n" * 60 + "</pre>"
    prose = "<p>The working tree holds the files you edit; the index holds the next commit.</p>"
    path = _pdf(
        tmp_path,
        f"<h2 style='font-size: 17pt'>Recording Changes</h2>{prose * 3}{code}"
        f"<h3 style='font-size: 14pt'>Tracking New Files</h3>{prose * 2}{code}",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Recording Changes",
        "Tracking New Files",
    ]
    assert sum(b.kind == "paragraph" for b in blocks) >= 2


def test_pdf_inline_code_is_marked_as_in_markdown(tmp_path: Path) -> None:
    mono = "font-family: DejaVu Sans Mono"
    path = _pdf(
        tmp_path,
        f"<h2 style='font-size: 17pt'>Concise Control Flow with <code style='{mono}'>if let"
        f"</code></h2><p><code style='{mono}'>cheeses</code> refers to a list with three "
        "elements; a prose line that opens with a name in code is not program code.</p>"
        f"<p>A <span style='{mono}'>f</span>ibonacci glyph borrowed from another font is "
        "not code.</p><p lang='zh'>文泉驿的汉字等宽，但汉字不是代码。</p>",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Concise Control Flow with `if let`"),
        (
            "paragraph",
            "`cheeses` refers to a list with three elements; a prose line that opens with a "
            "name in code is not program code.",
        ),
        ("paragraph", "A fibonacci glyph borrowed from another font is not code."),
        ("paragraph", "文泉驿的汉字等宽，但汉字不是代码。"),
    ]


def test_a_bold_minor_heading_with_inline_code_is_still_a_heading(tmp_path: Path) -> None:
    body = "<p>Probing looks for the next free slot in the table of buckets.</p>" * 3
    mono = "font-family: DejaVu Sans Mono"
    path = _pdf(
        tmp_path,
        f"<h1 style='font-size: 20pt'>Strings</h1>{body}"
        f"<h4 style='font-size: 12pt'>Appending with <code style='{mono}'>push_str</code> or "
        f"<code style='{mono}'>push</code></h4>{body}",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [(b.level, b.text) for b in blocks if b.kind == "heading"] == [
        (1, "Strings"),
        (2, "Appending with `push_str` or `push`"),
    ]


def test_in_a_document_without_emphasis_a_gloss_counts_as_the_authors_mark() -> None:
    from jobs.pipeline.concepts import find_concepts
    from jobs.pipeline.model import Block

    text = [
        Block("heading", "树的基本概念", 1, 1),
        Block("paragraph", "每个节点的子节点数量称为该节点的度（degree）。叶节点的度为零。", 1),
        Block("paragraph", "根节点位于树的顶层，叶节点没有子节点。树的高度等于边的数量。", 1),
    ]
    marked = [*text, Block("paragraph", "我们重点讨论二叉树。", 1, emphasis=("二叉树",))]

    def degree(blocks: list[Block]) -> set[str]:
        drafts, _ = find_concepts(blocks, chinese=True, words=200)
        return next(d.sources for d in drafts if d.key == "度")

    assert "emphasis" in degree(text)  # plain text: the typography is lost, the gloss is left
    assert "emphasis" not in degree(marked)  # the author's emphasis is visible elsewhere


def test_pdf_maths_in_italics_is_not_emphasis_and_subscripts_come_apart(tmp_path: Path) -> None:
    body = "<p>The points are spread out evenly over the whole interval we integrate.</p>" * 3
    path = _pdf(
        tmp_path,
        f"<h1 style='font-size: 20pt'>Quadrature</h1>{body}"
        "<p>The <i>trapezoidal rule</i> weights the nodes <i>x<sub style='font-size: 7.5pt'>n"
        "</sub></i> by <i>w<sub style='font-size: 7.5pt'>n</sub></i> and integrates "
        "<i>dx</i> with a kernel <i>k<sub style='font-size: 7.5pt'>post</sub></i> over "
        "<i>θ</i>.</p>",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    emphasis = [e for b in blocks for e in b.emphasis]
    assert emphasis == ["trapezoidal rule"]  # variables are italic in maths, not stressed
    text = " ".join(b.text for b in blocks)
    assert "x n" in text and "k post" in text and "xn" not in text.split()


def test_pdf_emphasis_opening_on_digits_or_a_genus_initial(tmp_path: Path) -> None:
    # "70S ribosomes" was "ribosomes" ("70S" was no word), "E. coli" was "coli" (the
    # initial read as a variable); a bold number and "U.S." stay as they were
    body = "<p>Cells build proteins from amino acids in many small steps.</p>" * 3
    path = _pdf(
        tmp_path,
        f"{body}<p>Prokaryotes have <b>70S ribosomes</b> and grow like <i>E. coli</i> "
        "in <b>95</b> of cases, says the <i>U.S. Census Bureau</i> and <i>x</i>.</p>",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    emphasis = [e for b in blocks for e in b.emphasis]
    assert emphasis == ["70S ribosomes", "E. coli", "Census Bureau"]


def test_pdf_contents_pages_and_figure_labels_are_not_text_or_headings(tmp_path: Path) -> None:
    body = "<p>Sampling draws points at random and averages the function values.</p>" * 3
    contents = "".join(
        f"<div>{n} {title} {page}</div>"
        for n, title, page in [
            ("1", "Motivation", 5),
            ("2.1", "Newton–Cotes", 6),
            ("2.4", "<i>Summary</i>", 12),
            ("A", "Gaussian processes", 25),
        ]
    )
    path = _pdf(
        tmp_path,
        f"<h1 style='font-size: 20pt'>Contents</h1>{contents}"
        "<div style='page-break-after: always'></div>"
        f"<h1 style='font-size: 20pt'>Monte Carlo</h1>{body}"
        f"<div style='font-size: 16pt'>f f lin</div><div style='font-size: 16pt'>10 20 30</div>"
        f"{body}<p>It ends at page 5 after 3 rounds of 12</p>",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Contents", "Monte Carlo"]
    text = " ".join(b.text for b in blocks)
    assert "Newton–Cotes" not in text and "Summary" not in text
    assert "It ends at page 5 after 3 rounds of 12" in text  # one such line is a sentence


def test_pdf_symbols_in_a_maths_font_are_marked_as_maths() -> None:
    from jobs.pipeline.readers.pdf import _MATH_FONT, _marked

    assert all(
        _MATH_FONT.search(name)
        for name in ("lmmathitalic10-regular", "abcdef+cmmi10", "msbm10", "pazomath-italic")
    )
    assert not any(_MATH_FONT.search(name) for name in ("simsun", "urwpalladiol-ital", "cmr10"))
    line = "输入特征映射X到输出特征映射Y，步长s"
    maths = [(6, 7), (14, 15), (18, 19)]
    assert _marked(line, [], maths) == "输入特征映射$X$到输出特征映射$Y$，步长$s$"
    # a maths glyph inside a Latin word is borrowed, and code stays code
    assert _marked("the fk and len(x)", [(11, 17)], [(4, 5), (15, 16)]) == "the fk and `len(x)`"


def test_pdf_numbers_in_a_unicode_maths_font_stay_plain() -> None:
    from jobs.pipeline.readers.pdf import _marked

    # a Unicode maths font sets a formula's digits too; its letters are maths already
    line = "with 𝑥0 = 25 and 𝑦 = 0.5 ln 2"
    maths = [(6, 7), (10, 12), (21, 24), (25, 27), (28, 29)]
    assert _marked(line, [], maths) == "with 𝑥0 = 25 and 𝑦 = 0.5 $ln$ 2"


def test_pdf_line_size_and_leading_ignore_odd_first_glyphs_and_formula_lines(
    tmp_path: Path,
) -> None:
    from jobs.pipeline.readers.pdf import _Line, _line_spacing

    body = "<p>Sampling draws points at random and averages the function values.</p>" * 3
    path = _pdf(
        tmp_path,
        f"<h1 style='font-size: 20pt'>Monte Carlo</h1>{body}"
        "<p><span style='font-size: 30pt'>T</span>his chapter opens with a drop cap and "
        f"goes on in the body's size for a while longer.</p>{body}",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == ["Monte Carlo"]
    # leading: body lines 15 pt apart; a formula's sub- and superscript lines 4 pt apart
    tops = [700.0, 685.0, 670.0, 666.0, 662.0, 658.0, 654.0, 639.0, 624.0]
    lines = [_Line("text", 10.0, 1, top, top) for top in tops]
    assert _line_spacing(lines, 10.0) == 15.0


def test_pdf_an_exponent_raised_over_its_base_line_stays_on_that_line() -> None:
    from jobs.pipeline.readers.pdf import _Line, _new_paragraph

    base = _Line("y = 2x", 11.0, 1, 500.0, 500.0)
    # a small exponent raised 4 pt, more than half its own size, less than half the base's
    exponent = _Line("n+1", 7.5, 1, 504.0, 504.0)
    assert not _new_paragraph(base, exponent, 14.0)
    # a line set a line and more higher opens something new
    higher = _Line("Notes", 7.5, 1, 520.0, 520.0)
    assert _new_paragraph(base, higher, 14.0)


def test_pdf_title_page_has_one_heading_its_title(tmp_path: Path) -> None:
    body = "<p>Sampling draws points at random and averages the function values.</p>" * 3
    path = _pdf(
        tmp_path,
        "<h1 style='font-size: 24pt'>Integration Methods</h1>"
        "<h2 style='font-size: 18pt'>Draft</h2><h3 style='font-size: 14pt'>Jane Q. Doe</h3>"
        "<p>March 2025</p><div style='page-break-after: always'></div>"
        f"<h2 style='font-size: 18pt'>Monte Carlo</h2>{body}",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == ["Integration Methods", "Monte Carlo"]
    assert "Jane Q. Doe" in [b.text for b in blocks]  # still text, not a heading


def test_pdf_subtitle_centred_under_the_title_is_no_section(tmp_path: Path) -> None:
    """An article's first page: its title and, centred under it in large type, a
    subtitle, then the body at once. The subtitle is a line of text; a section heading
    set at the left margin stays a heading."""
    body = "<p>Soils form as rock weathers and organisms add matter to it over time.</p>" * 4
    path = _pdf(
        tmp_path,
        "<h1 style='font-size: 24pt; text-align: center'>Soil Formation</h1>"
        "<h2 style='font-size: 16pt; text-align: center'>Field course reader</h2>"
        f"{body}<h2 style='font-size: 16pt'>Horizons</h2>{body}",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == ["Soil Formation", "Horizons"]
    assert ("paragraph", "Field course reader") in [(b.kind, b.text) for b in blocks]


def test_pdf_running_heads_that_change_with_the_section_are_dropped(tmp_path: Path) -> None:
    import weasyprint

    body = "<p>Probing looks for the next free slot in the table of buckets.</p>" * 12
    sections = "".join(
        f"<h2 style='string-set: section content(); page-break-before: always'>{t}</h2>{body}"
        for t in ("Open Addressing", "Separate Chaining", "Rehashing", "Load Factor")
    )
    path = tmp_path / "chapter.pdf"
    weasyprint.HTML(
        string=(
            "<html><head><style>@page { size: A6; @top-right { content: string(section) ' · '"
            " counter(page, decimal) } }</style></head><body style='font-family: DejaVu Serif;"
            f" font-size: 9pt'>{sections}</body></html>"
        )
    ).write_pdf(path)
    blocks = read(path, detect(path, filename=path.name)).blocks()
    text = "\n".join(b.text for b in blocks)
    assert "·" not in text  # no "Rehashing · 7" left, whichever section's name it shows
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Open Addressing",
        "Separate Chaining",
        "Rehashing",
        "Load Factor",
    ]


def test_pdf_emphasis_keeps_its_numbers_and_chemical_formulas(tmp_path: Path) -> None:
    """A number ended a bold run ("**Compromise of 1877**" read as "Compromise of", "**Type
    2 diabetes**" as "Type" and "diabetes"), and a formula's count made "**H2O**" a
    variable; an italic "*x1*" stays maths."""
    path = _pdf(
        tmp_path,
        "<p>What became known as the <b>Compromise of 1877</b> ended it; <b>Type 2"
        " diabetes</b> differs. <b>H2O</b> and <b>CO2</b> are molecules, <i>x1</i> a"
        " variable.</p>",
    )
    emphasis = [e for b in read(path, detect(path)).blocks() for e in b.emphasis]
    assert emphasis == ["Compromise of 1877", "Type 2 diabetes", "H2O", "CO2"]


def test_a_pdf_heading_wrapped_before_its_years_keeps_them(tmp_path: Path) -> None:
    """A chapter title set large wrapped after its dash: the line "1877" alone was taken
    for a page number, and the title read "The Era of Reconstruction, 1865–"."""
    body = "<p>Congress passed new laws for the southern states in these years.</p>" * 30
    path = _pdf(
        tmp_path,
        "<h1 style='font-size: 26pt'>The Era of Reconstruction, 1865–1877</h1>"
        f"<h2>Introduction</h2>{body}",
    )
    document = read(path, detect(path))
    assert document.title == "The Era of Reconstruction, 1865–1877"
    assert document.blocks()[0].text == "The Era of Reconstruction, 1865–1877"


def test_pdf_list_bullets_drawn_after_the_text_still_start_their_items(tmp_path: Path) -> None:
    # LibreOffice and WeasyPrint draw a list's bullets after the page's text: an item ending
    # on no stop (a worksheet's options) ran on into the next question's stem
    items = (
        "Decreased sensitivity to an unchanging stimulus is known as ________.",
        "A. transduction B. difference threshold C. sensory adaptation D. inattentional blindness",
        "Which of the following is the part of the eye that holds the cones?",
    )
    path = _pdf(tmp_path, "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [b.text for b in blocks] == list(items)


def test_pdf_list_numbers_drawn_after_the_text_go_back_before_their_items(tmp_path: Path) -> None:
    # WeasyPrint draws an ordered list's numbers after the page's text, each alone on a
    # line: the questions and their choices lost them, and the numbers stood as blocks
    stems = ("Which organ pumps the blood?", "Which vessel carries it back to the heart?")
    choices = ("the liver", "the heart", "the lungs")
    sub = "<ol style='list-style-type: lower-alpha'>" + "".join(f"<li>{c}</li>" for c in choices)
    path = _pdf(tmp_path, "<ol>" + "".join(f"<li>{s}{sub}</ol></li>" for s in stems) + "</ol>")
    texts = [b.text for b in read(path, detect(path, filename=path.name)).blocks()]
    # each question numbered, each of its choices lettered, as the page shows them
    lettered = [f"{letter}. {choice}" for letter, choice in zip("abc", choices, strict=True)]
    assert texts == [t for n, s in enumerate(stems, 1) for t in (f"{n}. {s}", *lettered)]


def test_the_head_noun_before_a_worksheets_blank_is_defined_as_nothing(tmp_path: Path) -> None:
    from jobs.pipeline.analyse import analyse_file
    from jobs.pipeline.definitions import head_of_a_blank

    known = "Our tendency to see things as complete objects is known as the principle of ______."
    assert head_of_a_blank("principle", known)
    assert not head_of_a_blank("closure", "Seeing a whole shape is known as closure.")
    questions = "".join(
        f"{n}. {stem}\n\n   A. closure\n   B. proximity\n   C. similarity\n\n"
        for n, stem in enumerate(
            [
                known,
                "According to the principle of ________, near objects are grouped together.",
                "According to the law of ________, we perceive smoothly flowing lines.",
            ],
            start=1,
        )
    )
    path = tmp_path / "worksheet.md"
    path.write_text("# Perception Worksheet\n\n" + questions, encoding="utf-8")
    titles = {c.title for c in analyse_file(path).knowledge.concepts}
    assert "principle" not in titles and "law" not in titles


# a paragraph of several lines, whose leading tells a line's wrap from a paragraph's gap
_PROSE = "<p>" + "The course teaches forecasting from data with regression models. " * 4 + "</p>"


def test_pdf_list_items_are_list_items_without_their_bullets(tmp_path: Path) -> None:
    # a syllabus's outline as WeasyPrint prints it (bullets drawn apart) and as a document
    # typed with bullets in its text: Markdown's reader makes each a list item, and the PDF
    # gave paragraphs, which the outline rules never read as topics
    drawn = "<ul><li>Matrices and vectors</li><li>Transpose</li></ul>"
    typed = "<p>• Identity matrix</p><p>• Dot product</p>"
    path = _pdf(tmp_path, f"{_PROSE}<p>Topics:</p>{drawn}{typed}<p>After the list, a sentence.</p>")
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("paragraph", "Topics:"),
        ("list_item", "Matrices and vectors"),
        ("list_item", "Transpose"),
        ("list_item", "Identity matrix"),
        ("list_item", "Dot product"),
        ("paragraph", "After the list, a sentence."),
    ]


def test_pdf_text_at_the_margin_after_an_item_ends_the_item(tmp_path: Path) -> None:
    # an item ending on no stop, the list's last on its page, and the label after the list
    # at the margin of the next page: "Useful matrix derivative rules Readings:"
    body = (
        f"{_PROSE}<p>Topics:</p><ul><li>Useful matrix derivative rules</li></ul>"
        "<p style='page-break-before: always'>Readings</p><p>Chapter three of the notes.</p>"
    )
    path = _pdf(tmp_path, body)
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert ("list_item", "Useful matrix derivative rules") in [(b.kind, b.text) for b in blocks]
    assert "Readings" in [b.text for b in blocks if b.kind == "paragraph"]


def test_pdf_numbered_lines_in_a_row_are_an_ordered_lists_items(tmp_path: Path) -> None:
    # LibreOffice sets a numbered list with the body's leading, after a line ending on no
    # stop: "（四）海洋对人类的影响1. 淡水资源2. 渔盐资源…" was one paragraph
    tight = "<p style='margin: 0 0 0 1em'>{}</p>"
    items = ["1. Fresh water", "2. Fish and salt", "3. Room for shipping lanes"]
    listed = "".join(tight.format(item) for item in items)
    typed = "<p>1. Meaning</p><p>A continent with its islands is a landmass.</p><p>2. Order</p>"
    path = _pdf(tmp_path, f"{_PROSE}<p style='margin: 0'>What the ocean gives</p>{listed}{typed}")
    blocks = [(b.kind, b.text) for b in read(path, detect(path, filename=path.name)).blocks()]
    assert blocks[1:5] == [
        ("paragraph", "What the ocean gives"),
        ("list_item", "1. Fresh water"),
        ("list_item", "2. Fish and salt"),
        ("list_item", "3. Room for shipping lanes"),
    ]
    # a number over its own sentence, then the next: a heading typed by hand, kept
    assert ("paragraph", "1. Meaning") in blocks and ("paragraph", "2. Order") in blocks


def test_pdf_bullets_drawn_as_small_shapes_start_list_items(tmp_path: Path) -> None:
    # Chrome prints a list's discs and squares as small paths, no glyph in the text: items
    # set with the body's leading and no stop ran into one paragraph
    dot = (
        "<span style='position: absolute; left: -10pt; top: 5pt; width: 3pt; height: 3pt;"
        " background: black'></span>"
    )
    item = "<p style='margin: 0 0 0 2em; position: relative'>" + dot + "{}</p>"
    names = ["Hierarchical databases", "Relational databases", "Key-value stores"]
    body = _PROSE + "".join(item.format(name) for name in names) + "<p>After the list.</p>"
    path = _pdf(tmp_path, body)
    blocks = [(b.kind, b.text) for b in read(path, detect(path, filename=path.name)).blocks()]
    assert [b for b in blocks if b[0] == "list_item"] == [("list_item", n) for n in names]


def test_a_page_of_chart_marks_draws_no_bullets(tmp_path: Path) -> None:
    # a scatter plot's thousands of small squares are no list's bullets (and comparing
    # each with each line would cost a page of them seconds)
    dot = (
        "<span style='position: absolute; left: -10pt; top: 5pt; width: 3pt; height: 3pt;"
        " background: black'></span>"
    )
    marks = "".join(
        f"<span style='position: absolute; left: {20 + (i % 40) * 12}pt;"
        f" top: {300 + (i // 40) * 6}pt; width: 3pt; height: 3pt; background: black'></span>"
        for i in range(600)
    )
    item = "<p style='margin: 0 0 0 2em; position: relative'>" + dot + "{}</p>"
    names = ["Hierarchical databases", "Relational databases", "Key-value stores"]
    body = _PROSE + "".join(item.format(name) for name in names) + f"<div>{marks}</div>"
    path = _pdf(tmp_path, body)
    blocks = read(path, detect(path, filename=path.name)).blocks()
    assert not [b for b in blocks if b.kind == "list_item"]


def _ocr_layer_pdf(target: Path, lines: list[str]) -> Path:
    """A scanned page as an OCR program leaves it: the words it recognised laid over the
    page in an invisible (render mode 3) font named GlyphLessFont, flagged fixed-pitch."""
    stream = ["BT", "3 Tr", "/F1 11 Tf"]
    for i, line in enumerate(lines):
        text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream.append(f"1 0 0 1 72 {740 - 15 * i} Tm ({text}) Tj")
    content = "\n".join([*stream, "ET"]).encode("latin-1")
    widths = b" ".join([b"500"] * 95)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /GlyphLessFont /FirstChar 32 "
        b"/LastChar 126 /Widths [" + widths + b"] /FontDescriptor 5 0 R >>",
        b"<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000]"
        b" /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    target.write_bytes(raw_pdf(objects))
    return target


def test_a_scanned_books_ocr_text_layer_is_prose_not_code(tmp_path: Path) -> None:
    """The invisible font of an OCR text layer is flagged fixed-pitch, though it stands for
    whatever type the page printed: read as code, a scanned chapter gave no concept."""
    path = _ocr_layer_pdf(
        tmp_path / "scan.pdf",
        [
            "Tides rise and fall twice a day on most coasts, pulled by the moon",
            "and, less strongly, by the sun across the turning earth.",
            "",
            "A spring tide comes when sun and moon pull in one line; a neap tide",
            "when they pull at right angles, and the range is least.",
        ],
    )
    blocks = read(path, detect(path)).blocks()
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert blocks[1].text.startswith("A spring tide comes")


def test_a_line_a_subscript_deepens_does_not_end_its_paragraph(tmp_path: Path) -> None:
    # a browser-made PDF sets the line after one holding a <sub> lower than its leading;
    # measured from the subscripted line's own baseline that gap read as a paragraph break
    paragraphs = [
        *["Metals conduct heat well because their free electrons carry energy."] * 3,
        "Two rods in series have the conductance G<sub>AC</sub> = G<sub>AB</sub>G<sub>BC</sub>,"
        " and the pair<br>behaves as one rod whose length is the sum of theirs. That sum is"
        " called the effective length.",
        "Insulators hold their electrons tightly and conduct heat badly.",
    ]
    path = _pdf(tmp_path, "".join(f"<p>{p}</p>" for p in paragraphs))
    blocks = read(path, detect(path, filename=path.name)).blocks()
    said = [" ".join(b.text.split()) for b in blocks if b.kind == "paragraph"]
    assert any("and the pair behaves as one rod" in s for s in said), said
    assert said[-1] == paragraphs[-1]
