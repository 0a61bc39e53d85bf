"""PDFs set the way LaTeX and word processors set them, not the way our own converter
does: tight leading, running heads and page numbers, bold run-in headings at the body's
size, hyphenation, ligatures. Each PDF is built here with WeasyPrint."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import weasyprint

from datasources.files.detect import detect
from jobs.pipeline.model import Block
from jobs.pipeline.readers import pdf, read
from jobs.pipeline.readers.pdf import _blocks as _pdf_blocks
from jobs.pipeline.readers.pdf import _bold_headings, _bulleted, _Line, _quotes_apart
from tests.unit.pipeline.conftest import hand_written_pdf

_STYLE = (
    "@page { size: 300pt 500pt; margin: 30pt }"
    " body { font-family: 'DejaVu Serif'; font-size: 10pt; line-height: 12pt }"
    " p { margin: 0; text-indent: 12pt }"
)


def _blocks(tmp_path: Path, body: str, style: str = "") -> list[Block]:
    path = tmp_path / "typeset.pdf"
    html = f"<html><head><style>{_STYLE}{style}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)
    return list(read(path, detect(path, filename=path.name)).blocks())


def test_tightly_leaded_lines_that_open_on_tall_or_short_letters_are_one_paragraph(
    tmp_path: Path,
) -> None:
    # lines opening on a capital, a bracket or a small letter: their glyphs' tops differ by
    # more than a third of the leading, their baselines do not
    lines = [
        "Alpha beta gamma delta epsilon",
        "umm nnn ooo rrr sss vvv www",
        "(Bracketed remark on the line)",
        "a small line once more here",
        "Capital letters open this one",
        "and ends.",
    ]
    paragraph = "<p>" + "<br>".join(lines) + "</p>"
    blocks = _blocks(tmp_path, paragraph + "<p>A second paragraph follows here.</p>")
    assert [b.text for b in blocks] == [" ".join(lines), "A second paragraph follows here."]


def test_a_subscript_or_a_superscript_inside_a_line_does_not_break_its_paragraph(
    tmp_path: Path,
) -> None:
    # the text layer starts a new line at each lowered or raised index, and the line after
    # it stands a little higher than the index: read as a line above the last, each piece
    # was a paragraph of its own (a ctex PDF's definition of 互素 began at ") = 1")
    english = (
        "<p>Two numbers x<sub>1</sub> and x<sub>2</sub> whose greatest common divisor is 1, "
        "and whose squares x<sup>2</sup> differ, are said to be coprime.</p>"
    )
    chinese = (
        "<p style=\"font-family: 'WenQuanYi Micro Hei'\">若两个整数 m<sub>1</sub> 与 "
        "m<sub>2</sub> 的最大公约数为 1，则称它们互素。</p>"
    )
    # a paragraph of plain lines first, whose leading the page's is measured by; the
    # indices keep the leading, as TeX sets them
    plain = "<p>" + " ".join(["Counting starts from the integers and their divisors."] * 4)
    body = plain + "</p>" + english + chinese + "<p>The end.</p>"
    blocks = _blocks(tmp_path, body, "sub, sup { line-height: 0 }")
    texts = [b.text for b in blocks]
    assert len(texts) == 4, texts
    assert texts[1].startswith("Two numbers x") and texts[1].endswith("said to be coprime.")
    assert texts[2].startswith("若两个整数") and texts[2].endswith("互素。")


def test_a_word_hyphenated_at_a_line_end_does_not_end_its_paragraph(tmp_path: Path) -> None:
    # pdfium joins "pul-" and "monary" into one line: the gap to the line after is
    # measured from the lower of the two, not from the line the word started on
    lines = [
        "The heart pumps blood through the pul-",
        "monary and systemic circulation every",
        "minute of the day, and the pericardial",
        "cavity surrounds it with a thin film",
        "and ends.",
    ]
    blocks = _blocks(tmp_path, "<p>" + "<br>".join(lines) + "</p>")
    assert [b.text for b in blocks] == [
        "The heart pumps blood through the pulmonary and systemic circulation every minute"
        " of the day, and the pericardial cavity surrounds it with a thin film and ends."
    ]


def test_maths_letters_beyond_the_basic_plane_do_not_shift_the_fonts_read(
    tmp_path: Path,
) -> None:
    # XeLaTeX sets maths letters as U+1D400-1D7FF; pdfium counts each as two characters
    body = (
        "<p>Let 𝑞 and 𝑝 be the quantity and the price; the <b>inverse demand curve</b>"
        " gives the price for each quantity.</p>"
    )
    blocks = _blocks(tmp_path, body, " body { font-family: 'DejaVu Sans' }")
    assert [list(b.emphasis) for b in blocks] == [["inverse demand curve"]]
    assert "𝑞" in blocks[0].text


def test_a_chinese_term_set_in_another_typeface_is_emphasised(tmp_path: Path) -> None:
    # ctex stresses a term by its typeface (Hei or Kai inside Song), not a bold cut of it;
    # one character alone in another font is a glyph the body font lacks
    other = "font-family: 'WenQuanYi Micro Hei Mono'"
    body = (
        "<p style=\"font-family: 'WenQuanYi Micro Hei'\">我们把这种结构称为"
        f'<span style="{other}">二叉搜索树</span>，它的每个节点最多有两个子节点，'
        f'左子树的<span style="{other}">键</span>都比根小。</p>'
    )
    blocks = _blocks(tmp_path, body)
    assert [list(b.emphasis) for b in blocks] == [["二叉搜索树"]]


def test_a_word_processors_symbol_font_bullet_is_a_bullet() -> None:
    # Word and LibreOffice draw list bullets from the Symbol font: U+F0B7 in the text
    assert _bulleted("\uf0b7 Describe the path of blood") == "• Describe the path of blood"
    assert _bulleted("  \uf0a7 通过定义视图") == "  • 通过定义视图"
    assert _bulleted("x \uf0b7 y") == "x \uf0b7 y"  # only a line's opening glyph


def test_powerpoints_en_dash_bullet_before_chinese_is_a_bullet() -> None:
    # PowerPoint's second-level bullet, exported to PDF as an en dash opening the line
    assert _bulleted("– 选择偏倚") == "• 选择偏倚"
    assert _bulleted("  –\u00a0样本的代表性") == "  •\u00a0样本的代表性"
    # before Latin text or a number it may be prose: a wrapped aside, a range's end
    assert _bulleted("– and that is the point") == "– and that is the point"
    assert _bulleted("– 1877") == "– 1877"


def test_curly_quotes_that_pdfium_glued_to_english_words_are_spaced() -> None:
    assert _quotes_apart("the term“heart”is an English word") == (
        "the term “heart” is an English word"
    )
    assert _quotes_apart("“Staying Alive,”recorded in 1977") == "“Staying Alive,” recorded in 1977"
    assert _quotes_apart("称为“数据库”的系统") == "称为“数据库”的系统"
    assert _quotes_apart("he said, “no.”") == "he said, “no.”"


def test_a_paragraph_running_on_into_the_next_column_is_one_paragraph(tmp_path: Path) -> None:
    text = (
        "An artificial concept, on the other hand, is a concept that is defined by a"
        " specific set of characteristics that an instructor lists and that students"
        " learn by building on one another, as the area of a square is learned before"
        " the volume of a cube."
    )
    lines = [
        "<p>Natural concepts are created through our own experiences of the world.</p>"
        for _ in range(3)
    ]
    blocks = _blocks(
        tmp_path,
        "".join(lines) + f"<p>{text}</p>" + "<p>The next paragraph follows the first.</p>",
        " body { columns: 2; column-gap: 12pt; column-fill: auto; font-size: 8pt;"
        " line-height: 10pt }"
        " @page { size: 300pt 170pt; margin: 10pt }",
    )
    assert text in [b.text for b in blocks]


def test_a_rare_word_hyphenated_at_a_line_end_is_joined_where_the_text_writes_it_whole(
    tmp_path: Path,
) -> None:
    # "sep" and "tum" are both words and "septum" is rare: alone, the hyphen looked like a
    # compound's; the document writing "septum" elsewhere says it is TeX's hyphenation
    body = (
        "<p>The septum divides the heart into its left and right sides.</p>"
        "<p>A thick wall, the interatrial sep-<br>tum, lies between the two atria.</p>"
        "<p>A catch-<br>all term stays hyphenated when nothing says otherwise.</p>"
    )
    text = " ".join(b.text for b in _blocks(tmp_path, body))
    assert "the interatrial septum, lies" in text
    assert "A catch-all term" in text


_PROSE = (
    "Most cuts or wounds lead to scarring, and a scar is collagen-rich tissue that forms"
    " after the process of wound repair has run its course in the dermis."
)


def test_a_styled_phrase_opening_on_a_two_letter_word_is_one_run(tmp_path: Path) -> None:
    # a two-letter word reads as a symbol by its shape ("dx"), but a Latin phrase of a
    # law handout opens on one: "De facto" set in bold, then its gloss
    body = (
        "<p><b>De facto</b>: true in practice, whatever the rules say.</p>"
        "<p>The rate grows as <i>dx</i> shrinks to nothing at all.</p>"
    )
    phrase, maths = _blocks(tmp_path, body)
    assert phrase.emphasis[0] == "De facto"
    # an italic symbol the text goes on from in roman is still no stressed word
    assert "dx" not in maths.emphasis


def test_a_bold_line_at_the_body_size_standing_alone_is_a_heading(tmp_path: Path) -> None:
    # LaTeX's \subsubsection, LibreOffice's Heading 3 and 4: bold at the body's size,
    # more space above it than below; a bold term inside the text and a bold sentence are
    # none, nor is a box's bold title set indented like a quotation
    heading = "margin: 14pt 0 4pt; text-indent: 0; font-weight: bold"
    body = (
        f"<p>{_PROSE}</p>"
        f'<p style="{heading}">Scars and Keloids</p>'
        f"<p>{_PROSE}</p>"
        f"<p><b>Calluses</b> form where a shoe rubs the skin of the toes again and again.</p>"
        f'<p style="{heading}">A bold sentence stands alone here.</p>'
        f"<p>{_PROSE}</p>"
        f'<div style="margin-left: 25pt"><p style="{heading}">Lipid Storage</p>'
        f"<p>{_PROSE}</p></div>"
    )
    blocks = _blocks(tmp_path, body)
    assert [b.text for b in blocks if b.kind == "heading"] == ["Scars and Keloids"]
    assert "Lipid Storage" in [b.text for b in blocks if b.kind == "paragraph"]


def test_a_chinese_run_set_apart_with_no_visible_change_is_emphasised(tmp_path: Path) -> None:
    # LibreOffice starts a new text object where the formatting changes; asked for bold in
    # a Chinese font with no bold cut it draws the regular glyphs: only the break is left
    body = (
        "<p style=\"font-family: 'WenQuanYi Micro Hei'\">在数据库中，行称为<span>记录</span>"
        "，它相当于一条记录，列称为<span>字段</span>，它代表了表中存储的数据项目。</p>"
    )
    blocks = _blocks(tmp_path, body)
    assert [list(b.emphasis) for b in blocks] == [["记录", "字段"]]


def test_a_numbered_heading_whose_number_alone_shows_bold_is_a_heading(tmp_path: Path) -> None:
    # the Chinese words of a bold heading at the body's size drawn regular (no bold cut):
    # its number, set in a Latin font, still shows the bold
    heading = "margin: 14pt 0 4pt; text-indent: 0"
    prose = (
        "<p style=\"font-family: 'WenQuanYi Micro Hei'\">"
        + "数据库管理系统根据数据的保存格式分类。" * 3
        + "</p>"
    )
    body = (
        prose + f'<p style="{heading}; font-family: \'WenQuanYi Micro Hei\'"><b style="font-family:'
        " 'DejaVu Serif'\">1.1.1</b> 数据库的种类</p>" + prose
    )
    blocks = _blocks(tmp_path, body)
    assert [b.text for b in blocks if b.kind == "heading"] == ["1.1.1 数据库的种类"]


def test_a_handouts_numbered_sections_at_the_body_size_without_bold_are_headings(
    tmp_path: Path,
) -> None:
    # a word processor's handout: "一、" and "（一）" sections in the body's font and size,
    # their bold lost (no bold cut), every paragraph spaced alike; a numbered item that is
    # a sentence stays text, and so does a line a paragraph wraps onto
    zh = "font-family: 'WenQuanYi Micro Hei'"
    prose = f'<p style="{zh}">' + "页表把逻辑页号映射到物理块号，由操作系统维护。" * 3 + "</p>"
    body = (
        f'<p style="{zh}">一、内存管理</p>'
        + prose
        + f'<p style="{zh}">（一）多级页表（Page Table）</p>'
        + prose
        + f'<p style="{zh}">（二）页面置换算法的选择要考虑缺页率。</p>'
        + prose
    )
    blocks = _blocks(tmp_path, body)
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [(2, "一、内存管理"), (3, "（一）多级页表（Page Table）")]


def test_a_line_of_code_with_a_chinese_comment_is_code(tmp_path: Path) -> None:
    # the comment's Chinese comes from a CJK font, not the code's fixed-pitch one
    mono = "font-family: 'DejaVu Sans Mono', 'WenQuanYi Micro Hei'"
    body = (
        f'<pre style="{mono}">-- 选取出大于 2 的数据\nSELECT chr\nFROM chars;</pre>'
        "<p style=\"font-family: 'WenQuanYi Micro Hei'\">"
        f'<code style="{mono}">DISTINCT</code> 可以剔除重复行，它写在列名之前。</p>'
    )
    blocks = _blocks(tmp_path, body)
    assert [(b.kind, b.text.splitlines()[0]) for b in blocks] == [
        ("code", "-- 选取出大于 2 的数据"),
        ("paragraph", "`DISTINCT` 可以剔除重复行，它写在列名之前。"),
    ]


def test_chinese_text_set_one_glyph_per_text_object_shows_no_emphasis(tmp_path: Path) -> None:
    # Chrome's PDF writer (Skia) draws most glyphs as text objects of their own: a break
    # between two objects then says nothing about formatting
    sentence = "在数据库中，行称为记录，它相当于一条记录，列称为字段，它代表了表中存储的数据项目。"
    spans = "".join(f"<span>{character}</span>" for character in sentence)
    body = f"<p style=\"font-family: 'WenQuanYi Micro Hei'\">{spans}</p>"
    blocks = _blocks(tmp_path, body)
    assert [b.text for b in blocks] == [sentence]
    assert [list(b.emphasis) for b in blocks] == [[]]


def test_a_bold_term_and_an_italic_word_after_a_dash_are_two_runs(tmp_path: Path) -> None:
    # a textbook sets the term in bold and opens its gloss on an italic word after an em
    # dash; pdfium's words on either side are both styled, but the dash parts them
    body = (
        "<p>This view is named <b>panel sampling</b>—<i>panel</i> since the same people"
        " answer every round of the survey.</p>"
    )
    # (on one line: a line's end parts runs anyway)
    blocks = _blocks(tmp_path, body, " p { text-indent: 0 }")
    assert [list(b.emphasis) for b in blocks] == [["panel sampling", "panel"]]


def test_underlined_answers_are_emphasised_each_on_its_own(tmp_path: Path) -> None:
    # a review sheet underlines each blank's answer: the PDF draws a rule under the text,
    # and LibreOffice starts a text object at each underline, which read as bold breaks
    # paired the wrong pieces ("产生的专门应对"); the DOCX reader reads the runs' w:u
    zh = "font-family: 'WenQuanYi Micro Hei'"
    body = (
        f'<p style="{zh}"><u>机体</u>产生的专门应对<u>抗原</u>的蛋白质，称为抗体。'
        "记忆细胞识别<u>抗原</u>，<u>分化</u>成相应的免疫细胞。</p>"
    )
    blocks = _blocks(tmp_path, body)
    assert [list(b.emphasis) for b in blocks] == [["机体", "抗原", "分化"]]


def test_a_tables_rule_under_a_row_underlines_nothing(tmp_path: Path) -> None:
    cell = "border-bottom: 0.5pt solid black; padding: 2pt 4pt"
    body = (
        "<table style=\"border-collapse: collapse; font-family: 'WenQuanYi Micro Hei'\">"
        f'<tr><td style="{cell}">地形</td><td style="{cell}">山地和高原</td></tr>'
        f'<tr><td style="{cell}">气候</td><td style="{cell}">温带季风气候</td></tr></table>'
    )
    blocks = _blocks(tmp_path, body)
    assert [list(b.emphasis) for b in blocks if b.emphasis] == []


def test_ieees_numbered_sections_in_capitals_and_italics_are_headings(tmp_path: Path) -> None:
    # IEEEtran: "II. METHOD" in small capitals at the body's size and weight, centred;
    # "A. Algorithms" in italics flush left; neither is bold, and both read as text
    section = "margin: 14pt 0 4pt; text-indent: 0; text-align: center"
    subsection = "margin: 12pt 0 4pt; text-indent: 0; font-style: italic"
    body = (
        f"<p>{_PROSE}</p>"
        f'<p style="{section}">II. METHOD</p>'
        f"<p>{_PROSE}</p>"
        f'<p style="{subsection}">A. Algorithms</p>'
        f"<p>{_PROSE}</p>"
        f'<p style="{section}">Grey bars are time spent.</p>'
        f"<p>{_PROSE}</p>"
    )
    blocks = _blocks(tmp_path, body)
    assert [b.text for b in blocks if b.kind == "heading"] == ["II. METHOD", "A. Algorithms"]


def _line(text: str, top: float, bold: bool = False) -> _Line:
    emphasis = (text,) if bold else ()
    return _Line(text, 10.0, 1, top, top, emphasis=emphasis, bold=bold, left=50.0)


def test_a_numbered_bold_line_as_far_from_the_text_above_as_below_is_a_heading() -> None:
    # VGTC (IEEE VIS) sets a subsection as far from the paragraph above as from its own
    # text (14 pt, leading 12): its number shows it heads what follows; unnumbered, such a
    # line may be a bold line of the text
    prose = "Most cuts or wounds lead to scarring, and a scar is collagen-rich tissue"
    for title, found in (("3.1 Intervals", {2}), ("Intervals", set())):
        lines = [
            _line(prose, 700),
            _line("that forms after wound repair.", 688),
            _line(title, 674, bold=True),
            _line(prose, 660),
            _line(prose, 648),
        ]
        assert _bold_headings(lines, 10.0, 12.0, {1: len(prose)}) == found, title


def test_a_bold_line_that_ends_a_page_heads_the_text_the_next_page_opens_with() -> None:
    # a browser's or a word processor's page break may part a glossary's term from its
    # gloss: the term's bold line ends one page, its gloss opens the next; read as text,
    # the term ran into the gloss above it
    gloss = "a layer of soil lying parallel to the surface, told apart by its colour"
    for gap, found in ((16.0, {2}), (12.0, set())):
        lines = [
            _line(gloss, 100),
            _line("and its texture.", 88),
            _line("Soil horizon", 88 - gap, bold=True),
            replace(_line(gloss, 700), page=2),
            replace(_line("and its texture.", 688), page=2),
        ]
        # set at the text's own leading, the bold line is one of its lines, no heading
        assert _bold_headings(lines, 10.0, 12.0, {1: len(gloss), 2: len(gloss)}) == found, gap


def test_a_bold_line_centred_on_the_column_is_a_heading_though_a_title_starts_left_of_it() -> None:
    # a word processor's manual centres its section titles, bold at the body's size; the
    # handout's title above starts a little further left, as a box's frame would
    prose = "Aeration stones release fine bubbles that carry oxygen into the water column"
    body = [
        _Line(prose, 10.0, 1, 644 - 14 * i, 644 - 14 * i, left=72.0, right=540.0) for i in range(4)
    ]
    title = _Line("Aeration of Tank Water", 10.0, 1, 700, 700, emphasis=("Aeration of Tank Water",))
    section = _Line("Membrane Filtration", 10.0, 1, 660, 660, emphasis=("Membrane Filtration",))
    lines = [
        replace(title, bold=True, left=246.0, right=366.0),
        replace(section, bold=True, left=256.0, right=356.0),
        *body,
    ]
    assert 1 in _bold_headings(lines, 10.0, 14.0, {1: len(prose)})
    # the same line set off centre, right of the margin, is a box's title, no heading
    lines[1] = replace(lines[1], left=270.0, right=400.0)
    assert 1 not in _bold_headings(lines, 10.0, 14.0, {1: len(prose)})


def test_a_running_foot_written_before_the_pages_text_is_dropped() -> None:
    # Word's PDF maker writes each page's footer first: by the order of the text it is
    # neither among the first two lines nor the last two, by its place on the page it is
    foot = ("Unit 6", "Water Quality Laboratory Manual Autumn 2019")
    pages = [
        [
            _Line(str(page + 1), 10.0, page + 1, 750, 750),
            _Line(foot[0], 10.0, page + 1, 53, 53),
            _Line(foot[1], 10.0, page + 1, 39, 39),
            *(
                _Line(f"Page {page} sentence {i} about sampling wells", 10.0, page + 1, y, y)
                for i, y in enumerate(range(700, 600, -14))
            ),
            # an exponent raised above the page's first line of text stands highest of all
            # its words, and is no page number
            _Line("2", 7.0, page + 1, 704, 704),
            _Line(f"Page {page} closing words", 10.0, page + 1, 590, 590),
            _Line(f"Page {page} last words", 10.0, page + 1, 576, 576),
        ]
        for page in range(4)
    ]
    kept = [line.text for line in pdf._without_furniture(pages)]
    assert not set(foot) & set(kept)
    assert "Page 2 sentence 3 about sampling wells" in kept
    assert kept.count("2") == 4


def test_a_numbered_line_opens_a_heading_of_its_own() -> None:
    # a thesis whose figures set labels in many large sizes: its chapter's and its first
    # section's titles both fall to the deepest level, and the section's number tells them
    # apart ("第一章 背景介绍1.1 量子点" was one heading)
    prose = "纳米晶体是尺寸在百纳米以下的晶体颗粒，量子点表现出分立的能级。"
    lines = [
        _Line("第一章 背景介绍", 16.0, 1, 700, 700, left=50.0),
        _Line("1.1 量子点", 16.0, 1, 670, 670, left=50.0),
        *(_Line(prose, 10.0, 1, 650 - 14 * i, 650 - 14 * i, left=50.0) for i in range(6)),
    ]
    headings = [b.text for b in _pdf_blocks(lines) if b.kind == "heading"]
    assert headings == ["第一章 背景介绍", "1.1 量子点"]


def test_words_set_in_small_capitals_are_emphasised_terms_in_lower_case(tmp_path: Path) -> None:
    """A logic book introduces its terms in small capitals (LaTeX's \\textsc): pdfium reads
    the small-caps glyphs as capitals ("an ARGUMENT"), drawn no higher than the font's
    lowercase letters. They are the terms the book sets apart, in lower case; capitals of
    full height ("NASA") stay as they are. (Here a transform draws the capitals low.)"""
    style = (
        " p span { display: inline-block; transform: scaleY(1); transform-origin: 0 100% }"
        " p span.sc { transform: scaleY(0.66) }"
    )
    body = (
        "<p><span>Offering an</span> <span class=sc>ARGUMENT</span> <span>is making a case;"
        " every argument has a</span> <span class=sc>CONCLUSION</span> <span>too.</span></p>"
        "<p><span>The NASA report on the argument is set in full capitals.</span></p>"
    )
    blocks = _blocks(tmp_path, body, style)
    assert [(b.text, b.emphasis) for b in blocks] == [
        (
            "Offering an argument is making a case; every argument has a conclusion too.",
            ("argument", "conclusion"),
        ),
        ("The NASA report on the argument is set in full capitals.", ()),
    ]


def test_a_word_broken_at_a_non_breaking_hyphen_is_joined_again(tmp_path: Path) -> None:
    """XeTeX may hyphenate with U+2011 (or U+2010): "philo‑" at a line end and "sophy" on
    the next line are one word, as with the ASCII hyphen."""
    lines = ["Logic is a part of philo\u2011", "sophy, and so is ethics."]
    blocks = _blocks(tmp_path, "<p>" + "<br>".join(lines) + "</p>")
    assert [b.text for b in blocks] == ["Logic is a part of philosophy, and so is ethics."]


class _CountedPage:
    """What pdfium's text page counts: every character by its index, the control
    characters its text leaves out among them."""

    def __init__(self, chars: str) -> None:
        self.raw = chars


def test_a_control_character_pdfium_leaves_out_of_the_text_keeps_its_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # TeX's big delimiters (CMEX10) read as U+0000-U+0003: pdfium's text drops them, its
    # index keeps them, and every later font and position lookup was one character off
    counted = "一个大括号\r\n\x03\r\n之后的文字不是公式"
    monkeypatch.setattr(pdf.pdfium_c, "FPDFText_CountChars", lambda raw: len(raw))
    monkeypatch.setattr(pdf.pdfium_c, "FPDFText_GetUnicode", lambda raw, i: ord(raw[i]))
    text = counted.replace("\x03", "")
    indexed = pdf._indexed(_CountedPage(counted), text)  # type: ignore[arg-type]
    assert len(indexed) == len(counted)
    assert indexed.index("不是") == counted.index("不是")
    assert pdf._indexed(_CountedPage(text), text) == text  # type: ignore[arg-type]


_HEI = "font-family: 'WenQuanYi Micro Hei'"
_KAI = "font-family: 'WenQuanYi Micro Hei Mono'"  # another typeface, as ctex's Kai is


def _han(spans: list[str]) -> list[str]:
    return [span for span in spans if any("\u4e00" <= char <= "\u9fff" for char in span)]


def test_an_examples_text_set_in_its_own_typeface_is_no_emphasis(tmp_path: Path) -> None:
    # ctex notes set an example's or a theorem's text in Kai, broken by its formulas; a
    # term stressed in another typeface in the body's text is still emphasis
    body = (
        f'<p style="{_HEI}">我们把这种结构称为<span style="{_KAI}">二叉搜索树</span>，'
        "它的每个节点最多有两个子节点，查找时从根开始比较。</p>"
        f'<p style="{_HEI}"><b>Example 2.1.</b> <span style="{_KAI}">设一棵树的高度为</span>'
        f' <i>h</i> <span style="{_KAI}">，则查找的代价不超过</span> <i>h</i>'
        f' <span style="{_KAI}">次比较。</span></p>'
    )
    blocks = _blocks(tmp_path, body)
    assert [_han(list(b.emphasis)) for b in blocks] == [["二叉搜索树"], []]


def test_a_latin_name_in_an_examples_italics_is_no_emphasis(tmp_path: Path) -> None:
    # amsthm sets an example's Latin words in italics as ctex sets its Chinese in Kai:
    # "Euler" there was a concept; in the body's text an italic name is still stressed
    latin = "font-family: 'DejaVu Serif'; font-style: italic"
    body = (
        f'<p style="{_HEI}">刚体的转动由<i style="{latin}">Euler</i>角描述，'
        "它们是三个依次绕坐标轴转过的角度。</p>"
        f'<p style="{_HEI}"><b>Example 6.1.</b> <span style="{_KAI}">若主转动惯量相等，则</span>'
        f' <i style="{latin}">Euler</i> <span style="{_KAI}">方程给出角速度不变。</span></p>'
    )
    body_text, example = _blocks(tmp_path, body)
    assert list(body_text.emphasis) == ["Euler"]
    assert "Euler" not in example.emphasis


def test_a_page_mostly_of_examples_keeps_the_documents_body_typeface(tmp_path: Path) -> None:
    # a page whose examples, set in their own typeface, outnumber its body text: the
    # body's words between its formulas on it are not stressed
    prose = "查找从根开始，每次比较之后进入左子树或右子树，直到找到要查找的键为止。"
    example = f'<span style="{_KAI}">若树是平衡的，则它的高度与节点数的对数同阶，查找很快。</span>'
    body = (
        f'<p style="{_HEI}">{prose * 3}</p>'
        f'<p style="{_HEI}; page-break-before: always">设 <i>n</i> 为节点数，<i>h</i> 为高度。</p>'
        f'<p style="{_HEI}">{prose}</p>'
        f'<p style="{_HEI}"><b>Example 2.2.</b> {example * 3}</p>'
    )
    blocks = _blocks(tmp_path, body)
    assert [_han(list(b.emphasis)) for b in blocks] == [[], [], [], []]


def test_a_chapters_number_set_large_above_its_title_lifts_it_above_its_sections() -> None:
    # a display chapter style (bookdown's LaTeX, fncychap): the number alone in a huge size,
    # the title under it at the size of the sections' titles; both fell to one level
    prose = "A moral theory gives reasons for what we ought to do and why we ought to do it."
    body = [_Line(prose, 10.0, 1, 560 - 14 * i, 560 - 14 * i, left=50.0) for i in range(6)]
    lines = [
        _Line("4", 60.0, 1, 700, 700, left=50.0),
        _Line("Duties", 17.0, 1, 640, 640, left=50.0),
        *body,
        _Line("4.1 Duties and rights", 17.0, 1, 460, 460, left=50.0),
        *(replace(line, top=line.top - 120, bottom=line.bottom - 120) for line in body),
        _Line("Conflicts between duties", 14.0, 1, 330, 330, left=50.0),
        *(replace(line, top=line.top - 250, bottom=line.bottom - 250) for line in body),
    ]
    blocks = _pdf_blocks(lines)
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [
        ("Duties", 1),
        ("4.1 Duties and rights", 2),
        ("Conflicts between duties", 3),
    ]
    assert "4" not in [b.text for b in blocks]


def test_latin_set_throughout_in_a_fixed_pitch_font_is_the_texts_not_code(
    tmp_path: Path,
) -> None:
    # some editors' themes set every Latin letter and digit of a Chinese text in a
    # programming font; a listing in another code font stays code
    prose = "font-family: 'DejaVu Sans Mono', 'WenQuanYi Micro Hei'"
    sentence = "缓冲区 Buffer Pool 的容量为 64KB，读一页需要 5ms，换出时采用 FIFO 策略。"
    body = "".join(f'<p style="{prose}">{sentence}</p>' for _ in range(12))
    body += "<pre style=\"font-family: 'WenQuanYi Micro Hei Mono'\">page = pool.read(7)</pre>"
    blocks = _blocks(tmp_path, body)
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    assert paragraphs and not any("`" in b.text for b in paragraphs)
    assert [b.text for b in blocks if b.kind == "code"] == ["page = pool.read(7)"]


def test_a_font_named_regular_is_no_bold_whatever_weight_it_declares() -> None:
    # a browser's PDF declared a weight of 764 for "JetBrainsMono-Regular"
    assert not pdf._heavy("CAAAAA+JetBrainsMono-Regular", 764)
    assert pdf._heavy("DAAAAA+MicrosoftYaHei-Bold", 400)
    assert pdf._heavy("ABCDEF+SourceHanSerif", 700)
    assert not pdf._heavy("ABCDEF+SourceHanSerif", 400)


def test_a_numbered_bold_line_over_a_rule_is_a_heading_beside_its_numbered_siblings() -> None:
    # pandoc's LaTeX sets a horizontal rule under "2.1.1 Definition of a ratio", so the
    # line stands further from its text than from the text above; its sibling "2.1.2
    # Example", set without the rule, is found, and the shared "2.1" says both head
    prose = "Most cuts or wounds lead to scarring, and a scar is collagen-rich tissue"
    lines = [
        _line(prose, 700),
        _line("that forms after wound repair.", 688),
        _line("2.1.1 Definition of a ratio", 660, bold=True),
        _line(prose, 620),
        _line("that forms after wound repair.", 608),
        _line("2.1.2 Example", 580, bold=True),
        _line(prose, 566),
        _line(prose, 554),
    ]
    assert _bold_headings(lines, 10.0, 12.0, {1: len(prose)}) == {2, 5}
    # without a numbered sibling found, the line over the rule stays unproven
    alone = [*lines[:5], _line(prose, 580), *lines[6:]]
    assert _bold_headings(alone, 10.0, 12.0, {1: len(prose)}) == set()


def _zh_lines(first: float, count: int) -> list[_Line]:
    prose = "缓存的容量有限，替换策略决定哪一块数据被移出，命中率因此不同。"
    return [_Line(prose, 10.9, 1, first - 14 * i, first - 14 * i, left=50.0) for i in range(count)]


def test_a_subsection_whose_chinese_font_has_no_bold_is_a_heading_by_its_latin() -> None:
    # xeCJK without AutoFakeBold: a \subsection set a little larger than the body shows its
    # bold in its Latin letters only ("LRU" bold, "替换策略" upright), and a sibling of
    # Chinese alone at that size heads its section too
    lines = [
        *_zh_lines(700, 4),
        _Line("LRU 替换策略", 12.0, 1, 630, 630, emphasis=("LRU",), bold=True, left=50.0),
        *_zh_lines(610, 4),
        _Line("小结与练习", 12.0, 1, 540, 540, left=50.0),
        *_zh_lines(520, 4),
    ]
    headings = [b.text for b in _pdf_blocks(lines) if b.kind == "heading"]
    assert headings == ["LRU 替换策略", "小结与练习"]
    # where Chinese shows a bold cut somewhere, a line with only its Latin bold is not one
    bold_han = _Line("命中率", 10.9, 1, 740, 740, emphasis=("命中率",), bold=True, left=50.0)
    headings = [b.text for b in _pdf_blocks([bold_han, *lines]) if b.kind == "heading"]
    assert "LRU 替换策略" not in headings and "小结与练习" not in headings


def test_a_code_line_with_chinese_in_its_string_is_code() -> None:
    # the Chinese of a string literal is drawn from a CJK font, the rest in the fixed-pitch
    # one: the string's opening quote, like a comment mark, keeps the line code
    raw = "print(f'订单 {order_id} 已发货')"
    code = [(0, 8), (10, 20), (24, 26)]
    covered = sum(len(raw[a:b].replace(" ", "")) for a, b in code)
    assert pdf._fixed_pitch_line(raw, raw, code, covered)
    # Chinese prose with an inline call in it stays prose
    prose = "调用 print() 输出结果"
    assert not pdf._fixed_pitch_line(prose, prose, [(3, 10)], 7)


def test_the_rest_of_a_code_line_broken_inside_its_chinese_string_is_code() -> None:
    # xeCJK may break a long line of code between two Chinese characters of a string: the
    # line below it opens on Chinese and closes the string in the fixed-pitch font
    rest = "货时间为：{shipped_at}')"
    assert pdf._string_closed(rest, [(5, len(rest))], len(rest) - 5)
    # a line of prose quoting a call closes no string
    prose = "调用 print(total) 输出合计"
    assert not pdf._string_closed(prose, [(3, 15)], 12)


def _unit_font_pdf(path: Path, runs: list[tuple[str, float, float, float]]) -> None:
    """A one-page PDF whose every run is set in a 1-point Helvetica that the text matrix
    scales to the run's size, as Acrobat's PDF maker for Word writes them: (text, size,
    x, y) per run."""
    stream = "\n".join(
        f"BT /F1 1 Tf {size} 0 0 {size} {x} {y} Tm ({text}) Tj ET" for text, size, x, y in runs
    ).encode()
    path.write_bytes(hand_written_pdf(stream))


def test_a_unit_font_scaled_by_the_text_matrix_reads_at_its_shown_size(tmp_path: Path) -> None:
    # every run at "1 pt": the title set at 16 is a heading over the 12-point text, and a
    # variable's subscript set at 7 comes apart from its letter ("Q air", not "Qair")
    prose = "Bubbles rising from the stone carry oxygen into the basin through the day and"
    runs = [("Basin Aeration", 16.0, 72.0, 700.0)]
    runs += [(prose, 12.0, 72.0, 676.0 - 14 * i) for i in range(6)]
    runs += [
        ("where Q", 12.0, 72.0, 592.0),
        ("air", 7.0, 115.0, 589.0),
        (" is the volumetric flow rate of air.", 12.0, 131.0, 592.0),
    ]
    path = tmp_path / "unit-font.pdf"
    _unit_font_pdf(path, runs)
    blocks = list(read(path, detect(path, filename=path.name)).blocks())
    assert (blocks[0].kind, blocks[0].text) == ("heading", "Basin Aeration")
    assert "where Q air is the volumetric flow rate" in blocks[-1].text


def test_a_short_chinese_run_set_in_another_colour_is_stressed(tmp_path: Path) -> None:
    # a font with no bold cut, its bold shown by colour alone; a whole coloured sentence
    # is no stressed term
    style = " body { font-family: 'WenQuanYi Micro Hei' } .k { color: #1f4e79 }"
    body = (
        "<p>植物细胞中，<span class='k'>叶绿体</span>是进行光合作用的场所，"
        "<span class='k'>线粒体</span>是细胞呼吸的主要场所。</p>"
        "<p>第一段说明。<span class='k'>这一整句话都用颜色标出来了，"
        "但它不是一个术语而是一段说明。</span>"
        "后面还有文字。</p>"
    )
    blocks = _blocks(tmp_path, body, style)
    stressed = [e for b in blocks for e in b.emphasis]
    assert "叶绿体" in stressed and "线粒体" in stressed
    assert not any("整句话" in e for e in stressed)


def test_a_standards_term_clauses_are_glossary_entries(tmp_path: Path) -> None:
    # a national standard's 术语和定义: each clause's number alone on a line, the term with
    # its English equivalent on the next, the definition below, all at the body's size; a
    # numbered line that is a sentence, or a number with no term after it, stays text
    zh = "font-family: 'WenQuanYi Micro Hei'"
    body = "".join(
        f'<p style="{zh}">{line}</p>'
        for line in (
            "4.2.1",
            "抽样检验　sampling inspection",
            "从一批产品中随机抽取少量单位进行检验，据此判断整批是否合格的方法。",
            "4.2.2",
            "批量",
            "一批产品所包含的单位产品总数。",
            "4.3 本章规定的数值均为推荐值，可按合同另行约定。",
        )
    )
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert texts == [
        "抽样检验（sampling inspection）：从一批产品中随机抽取少量单位进行检验，"
        "据此判断整批是否合格的方法。",
        "批量：一批产品所包含的单位产品总数。",
        "4.3 本章规定的数值均为推荐值，可按合同另行约定。",
    ]


def test_a_title_block_over_the_same_first_heading_is_one_heading(tmp_path: Path) -> None:
    # pandoc's standalone HTML printed to PDF sets the title block and then the document's
    # first heading with the same words, each wrapped alike: read as one heading wrapped
    # over four lines, "X X" titled the course's weeks
    for title, text in (
        ("Glance at Genre: Rhetorical Strategies", "Rhetorical strategies persuade readers."),
        ("消息队列面试场景", "消息队列是一种在分布式系统中传递消息的中间件。"),
    ):
        prose = "".join(f"<p>{text}</p>" for _ in range(6))
        body = f'<header><h1 class="title">{title}</h1></header><h1>{title}</h1>{prose}'
        blocks = _blocks(tmp_path, body, "h1 { font-size: 20pt; width: 6cm }")
        assert [b.text for b in blocks if b.kind == "heading"] == [title]
    from jobs.pipeline.readers.blocks import said_once

    assert said_once("Ethos Ethos") == "Ethos"
    assert said_once("谢谢谢谢") == "谢谢谢谢"  # two characters doubled are a word said twice
    assert said_once("New York New Yorkers") == "New York New Yorkers"


def test_a_title_block_over_a_longer_first_heading_is_that_heading(tmp_path: Path) -> None:
    # pandoc's title block "Unit 3 Review" printed over the first heading "Unit 3 Review:
    # Markets and Prices" in the same type: read as one wrapped heading, the title's
    # words came twice in the week's title
    title, heading = "Unit 3 Review", "Unit 3 Review: Markets and Prices"
    prose = "".join("<p>A market brings buyers and sellers together.</p>" for _ in range(6))
    body = f'<header><h1 class="title">{title}</h1></header><h1>{heading}</h1>{prose}'
    blocks = _blocks(tmp_path, body, "h1 { font-size: 20pt; width: 12cm }")
    assert [b.text for b in blocks if b.kind == "heading"] == [heading]
    from jobs.pipeline.readers.blocks import said_once

    # one word repeated is no title block ("Data" over "Data: …" may be a label)
    assert said_once("Data Data: records of facts") == "Data Data: records of facts"


def test_a_title_over_a_chapter_heading_written_without_a_space_stays_two_headings(
    tmp_path: Path,
) -> None:
    # a handout's title and its first heading, both set large: "Chapter3" (the number set
    # close, as students write it) opens a heading of its own, not the title's second line
    prose = "<p>透镜使平行光会聚于焦点。</p><p>焦点到透镜中心的距离称为焦距。</p>" * 4
    body = "<h1>第3章 透镜</h1><h1>Chapter3 透镜</h1>" + prose
    style = (
        " body, h1 { font-family: 'WenQuanYi Micro Hei' } p { margin: 0 0 6pt 0 }"
        " h1 { font-size: 16pt; margin: 0 0 6pt 0 }"
    )
    headings = [b.text for b in _blocks(tmp_path, body, style) if b.kind == "heading"]
    assert headings == ["第3章 透镜", "Chapter3 透镜"]


def test_a_printed_definition_list_gives_each_term_its_own_definition(tmp_path: Path) -> None:
    # a browser prints <dl> with each term bold at the margin and its definition indented
    # below, as close to the entry above as to its own: read as running text, the second
    # term and its definition ran into the first's. A definition's wrapped lines fill the
    # column, so one ending short with no full stop ends it, and a second <dd> below (a
    # remark) stands apart instead of running on into the definition
    prose = "<p>" + " ".join(["A study counts units or samples some of them."] * 4) + "</p>"
    body = (
        f"{prose}<dl><dt><strong>Sampling frame</strong></dt>"
        "<dd>The list of units from which a sample is actually drawn.</dd>"
        "<dt><strong>Census</strong></dt>"
        "<dd>A count of every unit</dd>"
        "<dd>Rare for large populations</dd>"
        "<dt><strong>Response rate</strong></dt>"
        "<dd>The share of the units asked that gave an answer.</dd></dl>"
        "<p>The two differ in cost.</p>"
    )
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert "Sampling frame: The list of units from which a sample is actually drawn." in texts
    assert "Census: A count of every unit" in texts
    assert "Rare for large populations" in texts
    assert "Response rate: The share of the units asked that gave an answer." in texts


def test_a_bold_heading_over_a_paragraph_indented_on_its_first_line_is_no_definition_list(
    tmp_path: Path,
) -> None:
    # a Chinese handout indents each paragraph's first line: its next lines return to the
    # margin, which a definition's never do
    prose = "抽样调查从总体中抽取一部分个体进行观察，并用所得结果推断总体的数量特征。" * 3
    body = (
        f"<p><strong>抽样调查</strong></p><p style='text-indent:2em'>{prose}</p>"
        f"<p><strong>全面调查</strong></p><p style='text-indent:2em'>{prose}</p>"
    )
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert not any(text.startswith(("抽样调查：", "全面调查：")) for text in texts)


def test_a_line_after_one_with_lowered_indices_inside_it_goes_on_the_paragraph(
    tmp_path: Path,
) -> None:
    # a browser lowers "X₁ … Xₙ" inside the line and sets the next line further down; the
    # text layer gives the indices apart, and the line goes on after them on its baseline:
    # measured from that baseline, the gap looked like a paragraph's, and a definition's
    # sentence broke in two mid-word
    zh = "font-family: 'WenQuanYi Micro Hei'"
    plain = "<p>" + " ".join(["Counting starts from the integers and their divisors."] * 4)
    sentence = (
        f'<p style="{zh}">用样本 <span><em>T</em>(<em>X</em><sub>1</sub>, ⋯, '
        "<em>X</em><sub><em>n</em></sub>)</span> 构造的"
        "统计量来估计总体的未知参数，这样得到的统计量称为该参数的估计量，它的取值称为估计值。</p>"
    )
    blocks = _blocks(tmp_path, plain + "</p>" + sentence + "<p>The end.</p>")
    texts = [b.text for b in blocks]
    assert len(texts) == 3, texts
    assert texts[1].startswith("用样本") and texts[1].endswith("称为估计值。")


def test_an_accent_the_text_layer_sets_apart_from_its_letter_goes(tmp_path: Path) -> None:
    # a browser draws "θ̂" as the letter and a combining hat over it; the text layer gives
    # the hat after a bracket or a space, where it accents nothing and splits what it
    # falls into. A letter's own accent stays.
    zh = "font-family: 'WenQuanYi Micro Hei'"
    body = (
        f'<p style="{zh}">估计量 <span><em>θ̂</em>(<em>X</em><sub>1</sub>, ⋯, '
        "<em>X</em><sub><em>n</em></sub>)</span> 是样本的函数。</p>"
        "<p>A café serves the mean x̄ of the day.</p>"
    )
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert not re.search(r"[\s(（\u3400-\u9fff]\u0302", texts[0]), texts[0]
    assert "是样本的函数" in texts[0]
    assert "café" in texts[1]


def test_code_set_in_the_body_font_is_a_code_block(tmp_path: Path) -> None:
    """A Word handout's pasted listing, saved as PDF in its body font: its lines read as a
    program's (`codelines.typed_code`) make a code block, as in the Word file itself."""
    blocks = _blocks(
        tmp_path,
        "<p>Load the table of marks and show its last rows.</p>"
        "<p style='text-indent:0'>marks = pd.read_csv('marks.csv')<br>marks.tail(2)</p>"
        "<p>The formula y = f(x) + 1 stays part of the text around it.</p>",
        " p { margin-bottom: 8pt }",
    )
    kinds = {b.text.split()[0]: b.kind for b in blocks}
    assert kinds["marks"] == "code"
    assert kinds["Load"] == "paragraph"
    assert kinds["The"] == "paragraph"
