"""The PowerPoint reader on decks built here with python-pptx: titles, list levels, bold
emphasis, code, tables, groups, notes, hidden slides, furniture, reading order, Chinese."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pptx
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import _nsmap
from pptx.slide import Slide
from pptx.util import Inches, Pt

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import read

_TITLE_AND_CONTENT, _TITLE_ONLY, _BLANK = 1, 5, 6
Build = Callable[[pptx.presentation.Presentation], None]
_DIAGRAM_DATA_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"
_PRESENTATION_NS, RELATIONSHIPS = _nsmap["p"], _nsmap["r"]


def _read(
    tmp_path: Path, build: Build, name: str = "deck.pptx", cover: str | None = None
) -> ReadDocument:
    """The deck `build` makes, read; `cover`: a title slide first, named so (a first slide
    of a few short lines is read as a title slide, as a PDF deck's is)."""
    deck = pptx.Presentation()
    if cover is not None:
        deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = cover
    build(deck)
    path = tmp_path / name
    deck.save(str(path))
    return read(path, detect(path, filename=name))


def _slide(
    deck: pptx.presentation.Presentation, title: str | None, *items: str | tuple[str, int]
) -> Slide:
    """A "Title and Content" slide; an item `(text, level)` is indented to `level`."""
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_AND_CONTENT])
    if title is not None:
        slide.shapes.title.text = title
    body = slide.placeholders[1].text_frame
    for n, item in enumerate(items):
        text, level = (item, 0) if isinstance(item, str) else item
        paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
        paragraph.text = text
        paragraph.level = level
    return slide


def _box(slide: Slide, text: str, top: float, left: float = 1.0, font: str | None = None) -> None:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(3), Inches(0.5))
    box.text_frame.text = text
    if font:
        for paragraph in box.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.name = font


def _texts(document: ReadDocument) -> list[tuple[int, str, str]]:
    return [(b.page, b.kind, b.text) for b in document.blocks()]


def test_each_slide_is_a_page_its_title_a_heading_at_one_level(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        cover = deck.slides.add_slide(deck.slide_layouts[0])
        cover.shapes.title.text = "Orbits"
        _slide(deck, "Kepler's Laws", "Planets move on ellipses.")
        _slide(deck, "Escape Velocity", "The speed needed to leave a body's gravity.")

    document = _read(tmp_path, build)
    assert document.paged and document.slides == 3
    assert [p.number for p in document.pages] == [1, 2, 3]
    headings = [(b.page, b.level, b.text) for b in document.blocks() if b.kind == "heading"]
    assert headings == [(1, 1, "Orbits"), (2, 1, "Kepler's Laws"), (3, 1, "Escape Velocity")]
    assert document.title == "Orbits"  # no title in the core properties: the first slide's


def test_the_core_title_unless_a_placeholder(tmp_path: Path) -> None:
    def build(title: str) -> Build:
        def made(deck: pptx.presentation.Presentation) -> None:
            deck.core_properties.title = title
            _slide(deck, "Tides", "The moon pulls the oceans.")

        return made

    assert _read(tmp_path, build("Ocean Physics")).title == "Tides"  # not on its first slide
    assert _read(tmp_path, build("Tides")).title == "Tides"
    assert _read(tmp_path, build("PowerPoint Presentation")).title == "Tides"


def test_levels_and_bullets_make_list_items(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "Sorting", "Comparison sorts", ("merge sort", 1), ("quicksort", 2))
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Remarks"
        _box(slide, "A text box is prose, not a bullet.", top=2)

    document = _read(tmp_path, build, cover="Algorithms")
    kinds = [(b.kind, b.text) for b in document.blocks() if b.kind != "heading"]
    assert kinds == [
        ("list_item", "Comparison sorts"),  # the body placeholder's master bullets it
        ("list_item", "merge sort"),
        ("list_item", "quicksort"),
        ("paragraph", "A text box is prose, not a bullet."),
    ]


def test_bold_italic_and_underlined_runs_are_emphasis_links_are_not(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        slide = _slide(deck, "Entropy")
        paragraph = slide.placeholders[1].text_frame.paragraphs[0]
        for text, bold, underline in (
            ("Entropy", True, False),
            (" measures disorder; see ", False, False),
            ("the second law", False, True),
            (" and ", False, False),
        ):
            run = paragraph.add_run()
            run.text, run.font.bold, run.font.underline = text, bold, underline
        link = paragraph.add_run()
        link.text = "a reference"
        link.font.underline = True
        link.hyperlink.address = "https://example.org/entropy"

    block = next(b for b in _read(tmp_path, build, cover="Heat").blocks() if b.kind != "heading")
    assert block.text == "Entropy measures disorder; see the second law and a reference"
    assert block.emphasis == ("Entropy", "the second law")


def test_speaker_notes_follow_the_slide_as_prose(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        cover = deck.slides.add_slide(deck.slide_layouts[0])
        cover.shapes.title.text = "Enzymes"
        cover.placeholders[1].text = "Week 4, Dr. Lee"
        cover.notes_slide.notes_text_frame.text = "Teachers may replace the logo on this slide."
        first = _slide(deck, "Catalysis", "Enzymes lower the activation energy.")
        first.notes_slide.notes_text_frame.text = (
            "Activation energy is the energy a reaction needs to start.\n"
            "Draw the energy curve on the board."
        )
        _slide(deck, "Inhibition", "An inhibitor slows an enzyme down.")

    blocks = _texts(_read(tmp_path, build))
    assert blocks == [
        # a title slide is its title: its speaker and date, and its notes, about the deck,
        # are not read
        (1, "heading", "Enzymes"),
        (2, "heading", "Catalysis"),
        (2, "list_item", "Enzymes lower the activation energy."),
        (2, "paragraph", "Activation energy is the energy a reaction needs to start."),
        (2, "paragraph", "Draw the energy curve on the board."),
        (3, "heading", "Inhibition"),
        (3, "list_item", "An inhibitor slows an enzyme down."),
    ]


def test_tables_groups_and_code(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Data Types"
        table = slide.shapes.add_table(2, 2, Inches(1), Inches(1.5), Inches(6), Inches(1)).table
        for r, row in enumerate((("type", "example"), ("int", "42"))):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        group = slide.shapes.add_group_shape()
        for top, text in ((4.0, "A float has a fraction."), (3.0, "An int is whole.")):
            box = group.shapes.add_textbox(Inches(1), Inches(top), Inches(3), Inches(0.5))
            box.text_frame.text = text
        _box(slide, "x = 4.5\nprint(type(x))", top=5.5, font="Courier New")

    assert _texts(_read(tmp_path, build)) == [
        (1, "heading", "Data Types"),
        (1, "table", "type | example\nint | 42"),
        (1, "paragraph", "An int is whole."),  # the group's shapes in their own order
        (1, "paragraph", "A float has a fraction."),
        (1, "code", "x = 4.5\nprint(type(x))"),
    ]


def test_reading_order_is_top_to_bottom_then_left_to_right(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
        # added out of order: the order of the shapes in the file is no reading order
        _box(slide, "Third, lower down.", top=4)
        _box(slide, "Second, on the right.", top=2, left=5)
        _box(slide, "First, on the left.", top=2, left=1)

    assert [b.text for b in _read(tmp_path, build).blocks()] == [
        "First, on the left.",
        "Second, on the right.",
        "Third, lower down.",
    ]


def test_the_same_label_in_several_boxes_of_a_slide_is_read_once(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Which Word Is Most Common?"
        for n, word in enumerate(("apple", "pear", "apple", "plum", "apple")):
            _box(slide, word, top=2 + n % 3, left=1 + 2 * n)

    blocks = _texts(_read(tmp_path, build, cover="Counting"))
    assert [t for _, kind, t in blocks if kind == "paragraph"] == ["apple", "plum", "pear"]


def test_a_diagram_box_typed_a_word_a_line_is_one_name(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Inside a Computer"
        _box(slide, "Arithmetic\nLogic\nUnit", top=2)
        _box(slide, "Adds numbers.\nCompares them.", top=4)  # sentences stay lines

    blocks = _texts(_read(tmp_path, build, cover="Hardware"))
    assert [t for _, kind, t in blocks if kind == "paragraph"] == [
        "Arithmetic Logic Unit",
        "Adds numbers.",
        "Compares them.",
    ]


def test_hidden_slides_are_skipped_and_keep_their_numbers(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "Photosynthesis", "Light becomes chemical energy.")
        hidden = _slide(deck, "Spare Slide", "Not shown in the lecture.")
        hidden._element.set("show", "0")
        _slide(deck, "Chlorophyll", "A pigment that absorbs light.")

    document = _read(tmp_path, build)
    assert [(b.page, b.text) for b in document.blocks() if b.kind == "heading"] == [
        (1, "Photosynthesis"),
        (3, "Chlorophyll"),  # slide 3 in PowerPoint, page 3 in provenance
    ]
    assert document.slides == 2


def test_a_running_title_footers_and_slide_numbers_are_no_content(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        layout = deck.slide_layouts[_TITLE_AND_CONTENT]
        fields = [p for p in layout.placeholders if p.placeholder_format.type in _FIELDS]
        for n, (topic, line) in enumerate(
            (
                ("Cells", "A cell is the unit of life."),
                ("Membranes", "A membrane encloses the cell."),
                ("Nuclei", "The nucleus holds the genome."),
                ("Ribosomes", "Ribosomes build proteins."),
            ),
            1,
        ):
            slide = _slide(deck, "Biology 101", line)  # the course's name on every slide
            _box(slide, topic, top=1.6)
            _box(slide, "Spring term, room 12", top=7)  # a footer typed in a text box
            for field in fields:
                slide.shapes.clone_placeholder(field)
                shape = slide.shapes[-1]
                shape.text_frame.text = str(n) if "Number" in shape.name else "Dr. Lee"

    blocks = _texts(_read(tmp_path, build))
    assert blocks[0] == (1, "heading", "Biology 101")  # kept once: it names the deck
    assert [t for _, kind, t in blocks if kind == "heading"] == ["Biology 101"]
    assert not any("Spring term" in t or t in ("1", "2", "Dr. Lee") for _, _, t in blocks)
    assert (4, "paragraph", "Ribosomes") in blocks


_FIELDS = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE}


def test_a_listing_shown_on_each_step_of_a_walkthrough_is_read_once(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        for step in ("The class is defined.", "An object is made.", "Its method runs."):
            slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
            slide.shapes.title.text = step
            _box(slide, "class Counter:\n    def up(self): ...", top=3, font="Courier New")

    blocks = _texts(_read(tmp_path, build, cover="Objects"))
    assert [(page, t) for page, kind, t in blocks if kind == "code"] == [
        (2, "class Counter:\n    def up(self): ...")
    ]


def test_an_overlay_build_counts_once_and_credits_slides_not_at_all(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "Recursion", "A function that calls itself.")
        _slide(deck, "Base Case", "Where the recursion stops.")
        _slide(deck, "Base Case", "Where the recursion stops.", "Without one it never ends.")
        _slide(deck, "Acknowledgements / Contributions", "Slides by a teacher of ours.")
        _slide(deck, "Additional Source Information", "Photo of a fern by Sam Fernley, CC BY.")

    document = _read(tmp_path, build)
    assert [b.page for b in document.blocks()] == [1, 1, 3, 3, 3]
    assert not any("Slides by" in b.text or "Fernley" in b.text for b in document.blocks())


def test_a_title_placeholder_full_of_lines_is_no_heading(tmp_path: Path) -> None:
    """Unless its first lines, up to an empty one, are title-shaped: then they are the
    title and the rest (course, date, speaker) paragraphs."""

    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "Wrap-up")
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Next week\vLoops\vLists\vDictionaries"
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Orbital Resonance:\vMoons in Step\v\vAstronomy 101\vSpring"

    blocks = _texts(_read(tmp_path, build))
    assert blocks[1:] == [
        (2, "paragraph", "Next week"),
        (2, "paragraph", "Loops"),
        (2, "paragraph", "Lists"),
        (2, "paragraph", "Dictionaries"),
        (3, "heading", "Orbital Resonance: Moons in Step"),
        (3, "paragraph", "Astronomy 101"),
        (3, "paragraph", "Spring"),
    ]


def test_a_chinese_deck_is_read_and_analysed(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "线性方程组", "线性方程组是由若干个一次方程组成的方程组。")
        slide = _slide(deck, "高斯消元法")
        paragraph = slide.placeholders[1].text_frame.paragraphs[0]
        for text, bold in (("高斯消元法", True), ("是通过初等行变换求解线性方程组的方法。", False)):
            run = paragraph.add_run()
            run.text, run.font.bold = text, bold
            run.font.size = Pt(24)

    document = _read(tmp_path, build, "线性代数.pptx")
    blocks = document.blocks()
    assert [b.text for b in blocks if b.kind == "heading"] == ["线性方程组", "高斯消元法"]
    assert blocks[-1].emphasis == ("高斯消元法",)
    path = tmp_path / "线性代数.pptx"
    analysis = analyse_file(path, filename=path.name)
    assert analysis.language == "zh-CN" and analysis.page_count == 2
    titles = {c.title for c in analysis.knowledge.concepts}
    assert {"线性方程组", "高斯消元法"} <= titles


def test_an_english_deck_gives_concepts_on_their_slides(tmp_path: Path) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "Heat Transfer", "Three ways heat moves.")
        _slide(
            deck,
            "Conduction",
            "Conduction is the transfer of heat through a material without motion of it.",
        )
        _slide(deck, "Convection", "Convection is the transfer of heat by a moving fluid.")

    path = tmp_path / "heat.pptx"
    deck = pptx.Presentation()
    build(deck)
    deck.save(str(path))
    analysis = analyse_file(path, filename=path.name)
    pages = {c.key: c.first_page for c in analysis.knowledge.concepts}
    assert pages.get("conduction") == 2 and pages.get("convection") == 3


def test_a_text_box_set_larger_than_the_rest_is_a_slide_without_title_placeholder_s_title(
    tmp_path: Path,
) -> None:
    def sized(slide: Slide, text: str, top: float, points: int) -> None:
        _box(slide, text, top)
        for paragraph in slide.shapes[-1].text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(points)

    # each blank slide: its top line and size, then a line at a body's size
    slides = [
        ("Orbital Resonance", 44, "Moons whose periods stand in a ratio of small numbers.", 24),
        ("https://example.org/moons.png", 40, "A picture of Jupiter's moons.", 20),
        ("Mind the gaps in Saturn's rings.", 40, "The Cassini division is the widest.", 20),
        ("Moons in step", 24, "Io, Europa and Ganymede go round in the ratio 1:2:4.", 24),
    ]

    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "Tides", "The moon pulls the oceans.")
        for top, top_size, line, line_size in slides:
            slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
            sized(slide, top, 0.3, top_size)
            sized(slide, line, 1.5, line_size)

    blocks = _texts(_read(tmp_path, build))
    assert blocks[2:] == [
        (2, "heading", "Orbital Resonance"),
        (2, "paragraph", "Moons whose periods stand in a ratio of small numbers."),
        (3, "paragraph", "https://example.org/moons.png"),  # an address is no title
        (3, "paragraph", "A picture of Jupiter's moons."),
        (4, "paragraph", "Mind the gaps in Saturn's rings."),  # a sentence is no title
        (4, "paragraph", "The Cassini division is the widest."),
        (5, "paragraph", "Moons in step"),  # no larger than the rest: no title
        (5, "paragraph", "Io, Europa and Ganymede go round in the ratio 1:2:4."),
    ]


def test_a_chinese_deck_s_outline_assessment_and_closing_slides_give_no_concepts(
    tmp_path: Path,
) -> None:
    def build(deck: pptx.presentation.Presentation) -> None:
        _slide(deck, "提要", "1、光的折射", "2、光的色散")
        _slide(deck, "考核", "期末考试：问答题")
        _slide(deck, "光的折射", "光的折射是光从一种介质斜射入另一种介质时传播方向改变的现象。")
        _slide(deck, "光的色散", "光的色散是复色光分解为单色光的现象。棱镜可以产生光的色散。")
        _slide(deck, "再见…", "电子邮件：teacher@example.edu")

    path = tmp_path / "光学.pptx"
    deck = pptx.Presentation()
    build(deck)
    deck.save(str(path))
    titles = {c.title for c in analyse_file(path, filename=path.name).knowledge.concepts}
    assert {"折射", "色散"} <= titles
    assert not titles & {"提要", "考核", "再见", "再见…"}


def test_a_smartart_diagram_s_texts_are_list_items(tmp_path: Path) -> None:
    """The slide holds a reference to the diagram's data part: its nodes' texts are read
    from there, in order; its connectors' points hold none of the author's words."""
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"

    def point(text: str, kind: str = "node") -> str:
        body = f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>" if text else "<a:p/>"
        return f'<dgm:pt modelId="{{{len(text)}}}" type="{kind}"><dgm:t>{body}</dgm:t></dgm:pt>'

    def build(deck: pptx.presentation.Presentation) -> None:
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "The Water Cycle"
        points = point("", "doc") + point("Evaporation") + point("", "parTrans")
        points += point("Condensation") + point("Precipitation", "sibTrans")
        data = (
            f'<dgm:dataModel xmlns:dgm="{dgm}" xmlns:a="{drawing}">'
            f"<dgm:ptLst>{points}</dgm:ptLst></dgm:dataModel>"
        ).encode()
        part = Part(PackURI("/ppt/diagrams/data1.xml"), _DIAGRAM_DATA_TYPE, deck.part.package, data)
        rid = slide.part.relate_to(part, RT.DIAGRAM_DATA)
        frame = parse_xml(
            f'<p:graphicFrame xmlns:p="{_PRESENTATION_NS}" xmlns:a="{drawing}"'
            f' xmlns:r="{RELATIONSHIPS}"><p:nvGraphicFramePr><p:cNvPr id="9" name="Diagram"/>'
            "<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
            '<p:xfrm><a:off x="914400" y="1828800"/><a:ext cx="4572000" cy="2743200"/></p:xfrm>'
            f'<a:graphic><a:graphicData uri="{dgm}"><dgm:relIds xmlns:dgm="{dgm}"'
            f' r:dm="{rid}"/></a:graphicData></a:graphic></p:graphicFrame>'
        )
        slide.shapes._spTree.append(frame)

    assert _texts(_read(tmp_path, build, cover="Weather"))[1:] == [
        (2, "heading", "The Water Cycle"),
        (2, "list_item", "Evaporation"),
        (2, "list_item", "Condensation"),
    ]


def test_a_text_box_holding_an_equation_is_read_from_its_alternate_content(
    tmp_path: Path,
) -> None:
    """PowerPoint keeps a text box with an equation inside mc:AlternateContent: the box as
    typed under mc:Choice (the equation an `a14:m` among its runs), a picture of it under
    mc:Fallback. The box's words and equations are read; the picture is not counted."""
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    compat = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    a14 = "http://schemas.microsoft.com/office/drawing/2010/main"
    omml = "http://schemas.openxmlformats.org/officeDocument/2006/math"

    def equation(*letters: str) -> str:
        runs = "".join(f"<m:r><m:t>{x}</m:t></m:r>" for x in letters)
        return f'<a14:m><m:oMath xmlns:m="{omml}">{runs}</m:oMath></a14:m>'

    def build(deck: pptx.presentation.Presentation) -> None:
        slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
        slide.shapes.title.text = "Ohm's law"
        words = "<a:r><a:t>The current through a wire is </a:t></a:r>"
        wrapped = parse_xml(
            f'<mc:AlternateContent xmlns:mc="{compat}" xmlns:a="{drawing}"'
            f' xmlns:p="{_PRESENTATION_NS}"><mc:Choice xmlns:a14="{a14}" Requires="a14">'
            '<p:sp><p:nvSpPr><p:cNvPr id="5" name="Text 4"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            '</p:nvSpPr><p:spPr><a:xfrm><a:off x="914400" y="1828800"/>'
            '<a:ext cx="4572000" cy="914400"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/>'
            f"<a:p>{words}{equation('I')}<a:r><a:t>.</a:t></a:r></a:p>"
            f"<a:p>{equation('V', '=', 'I', 'R')}</a:p></p:txBody></p:sp></mc:Choice>"
            '<mc:Fallback><p:pic><p:nvPicPr><p:cNvPr id="5" name="Text 4"/><p:cNvPicPr/>'
            "<p:nvPr/></p:nvPicPr><p:blipFill/><p:spPr/></p:pic></mc:Fallback>"
            "</mc:AlternateContent>"
        )
        slide.shapes._spTree.append(wrapped)

    assert _texts(_read(tmp_path, build, cover="Circuits"))[1:] == [
        (2, "heading", "Ohm's law"),
        (2, "paragraph", "The current through a wire is $I$."),
        (2, "formula", "V=IR"),
    ]


def test_a_run_in_a_code_font_among_words_is_inline_code(tmp_path: Path) -> None:
    """A command typed in Courier inside a sentence is marked as Markdown marks inline code,
    so the names it holds are not counted as words of the text."""

    def build(deck: pptx.presentation.Presentation) -> None:
        slide = _slide(deck, "Shell")
        paragraph = slide.placeholders[1].text_frame.paragraphs[0]
        for text, font in (
            ("Run ", None),
            ("grep -n pat", "Courier New"),
            (" to number lines.", None),
        ):
            run = paragraph.add_run()
            run.text = text
            if font:
                run.font.name = font

    assert _texts(_read(tmp_path, build))[1:] == [
        (1, "list_item", "Run `grep -n pat` to number lines.")
    ]


def test_titles_alike_but_for_a_differing_number_are_a_series(tmp_path: Path) -> None:
    """ "Question 1" … "Question 4", one a slide, are a series of items, each slide's own
    title; a title repeated with the same number ("Unit 2 Review") runs over the deck and
    is read once."""

    def build(deck: pptx.presentation.Presentation) -> None:
        asked = [
            "Which gas do plants take in?",
            "Where does digestion begin?",
            "What pumps blood through the body?",
            "Which organ filters the blood?",
        ]
        for n, question in enumerate(asked, 1):
            _slide(deck, f"Question {n}", question)
        points = [
            "Cells make up tissues.",
            "Tissues make up organs.",
            "Organs form systems.",
            "Systems form the organism.",
        ]
        for point in points:
            _slide(deck, "Unit 2 Review", point)

    document = _read(tmp_path, build, cover="Weather Review")
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert [h for h in headings if h.startswith("Question")] == [
        f"Question {n}" for n in range(1, 5)
    ]
    assert headings.count("Unit 2 Review") == 1
