"""Markup Word and WPS write that python-docx alone reads wrongly: tracked changes, content
controls, Word's table of contents, text boxes with a VML fallback, fields, symbols."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from datasources.files.detect import detect
from jobs.pipeline.readers import read

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
_WHO = 'w:author="T" w:date="2024-03-01T10:00:00Z"'


def _r(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(inner: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{inner}</w:p>"


def _field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_r(result)}'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _word_file(tmp_path: Path, body: str, styles: str = "") -> Path:
    document = docx.Document()
    wrapper = parse_xml(f"<w:body {_NS}>{body}</w:body>")
    sect = document.element.body[-1]
    for block in list(wrapper):
        sect.addprevious(block)
    if styles:
        for style in parse_xml(f"<w:styles {_NS}>{styles}</w:styles>"):
            document.styles.element.append(style)
    path = tmp_path / "word.docx"
    document.save(str(path))
    return path


def _texts(path: Path) -> list[tuple[str, str]]:
    document = read(path, detect(path, filename=path.name))
    return [(b.kind, b.text) for b in document.blocks()]


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    body = (
        _p(_r("A queue is ") + f'<w:ins w:id="1" {_WHO}>{_r("first in, first out.")}</w:ins>')
        + _p(f'<w:del w:id="2" {_WHO}><w:r><w:delText>A heap is a tree.</w:delText></w:r></w:del>')
        + _p(f'<w:moveFrom w:id="3" {_WHO}>{_r("Merge sort")}</w:moveFrom>')
        + _p(_r("Sorting"), "Heading1")
        + _p(f'<w:moveTo w:id="4" {_WHO}>{_r("Merge sort")}</w:moveTo>')
        + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>kept</w:t></w:r></w:p></w:tc></w:tr>"
        f'<w:tr><w:trPr><w:del w:id="5" {_WHO}/></w:trPr>'
        f"<w:tc>{_p(_r('dropped row'))}</w:tc></w:tr>"
        "</w:tbl>"
    )
    texts = _texts(_word_file(tmp_path, body))
    # python-docx's paragraph text leaves runs inside w:ins out ("A queue is"), and the
    # moved paragraph was read at neither place
    assert texts == [
        ("paragraph", "A queue is first in, first out."),
        ("heading", "Sorting"),
        ("paragraph", "Merge sort"),
        ("table", "kept"),
    ]


def test_content_controls_kept_table_of_contents_and_placeholders_dropped(
    tmp_path: Path,
) -> None:
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        + _p(_r("Contents"), "TOCHeading")
        + _p(
            _field('TOC \\o "1-3" \\h \\z \\u', "")
            + '<w:hyperlink w:anchor="_Toc101"><w:r><w:t>Stacks</w:t></w:r><w:r><w:tab/></w:r>'
            + _field("PAGEREF _Toc101 \\h", "2")
            + "</w:hyperlink>"
        )
        + "</w:sdtContent></w:sdt>"
    )
    section = (
        '<w:sdt><w:sdtPr><w:alias w:val="Week 1"/><w:id w:val="7"/></w:sdtPr><w:sdtContent>'
        + _p(_r("Stacks"), "Heading1")
        + _p(
            _r("A stack is ")
            + '<w:sdt><w:sdtPr><w:id w:val="8"/></w:sdtPr><w:sdtContent>'
            + _r("last in, first out.")
            + "</w:sdtContent></w:sdt>"
        )
        + "</w:sdtContent></w:sdt>"
    )
    prompt = (
        '<w:sdt><w:sdtPr><w:id w:val="9"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        + _p(_r("Click or tap here to enter text."))
        + "</w:sdtContent></w:sdt>"
    )
    texts = _texts(_word_file(tmp_path, toc + section + prompt))
    # python-docx iterates the body's own paragraphs and tables: a body-level content
    # control's paragraphs were lost, and the table of contents would be text
    assert texts == [("heading", "Stacks"), ("paragraph", "A stack is last in, first out.")]


def test_table_of_contents_field_and_styles_are_no_text(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="11"><w:name w:val="目录 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="21"><w:name w:val="toc 2"/></w:style>'
    )
    body = (
        _p(_r("目录"))
        # Word's TOC field: begun in the first entry, ended in a paragraph of its own
        + _p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("第一章 栈") + _r("\t1"),
            "11",
        )
        + _p(_r("1.1 栈的定义") + _r("\t1"), "21")
        + _p(_r("第二章 队列") + _r("\t3"))
        + _p('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        + _p(
            '<w:hyperlink w:anchor="_Toc2020"><w:r><w:t>第三章 树</w:t></w:r></w:hyperlink>'
            + _r(" 5")
        )
        + _p(
            _r("栈是一种")
            + _field('HYPERLINK "https://example.org/stack"', "后进先出")
            + _r("的表。")
        )
    )
    texts = _texts(_word_file(tmp_path, body, styles))
    # entries set in TOC styles, inside the TOC field's result or all links to _Toc
    # bookmarks are dropped; a field's code is never text, its result is
    assert texts == [("paragraph", "目录"), ("paragraph", "栈是一种后进先出的表。")]


def _linked_item(place: str, text: str) -> str:
    return _p(f'<w:hyperlink w:anchor="{place}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')


def test_a_list_of_links_to_the_documents_own_places_is_no_text(tmp_path: Path) -> None:
    """A page converted to Word opens on its contents typed as links to its headings'
    bookmarks (whatever their names, and one pointing to a bookmark lost on the way);
    two such links in a row, or a link inside a sentence, are text."""
    body = (
        _p(_r("Contents"), "Heading2")
        + _linked_item("tides", "Tides")
        + '<w:bookmarkStart w:id="1" w:name="x"/>'
        + _linked_item("waves--swell", "Waves + swell")
        + _linked_item("currents", "Currents")
        + _p('<w:bookmarkStart w:id="2" w:name="tides"/>' + _r("Tides"), "Heading2")
        + _p(_r("The moon pulls the sea."))
        + _linked_item("tides", "Tides")
        + _linked_item("currents", "Currents")
        + _p(_r("See ") + '<w:hyperlink w:anchor="tides"><w:r><w:t>tides</w:t></w:r></w:hyperlink>')
    )
    texts = [text for _, text in _texts(_word_file(tmp_path, body))]
    assert texts == [
        "Contents",
        "Tides",
        "The moon pulls the sea.",
        "Tides",
        "Currents",
        "See tides",
    ]


def _text_box(paragraphs: str) -> str:
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        f"{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_text_box_read_once_after_its_anchor_and_no_heading(tmp_path: Path) -> None:
    box = _p(_r("Body", bold=True)) + _p(_r("A data lake keeps raw data."))
    body = (
        _p(_r("Key terms", bold=True))
        + _p(_r("Warehouses hold cleaned data.") + _text_box(box))
        + _p(
            _r("Closing words ")
            + '<mc:AlternateContent><mc:Choice Requires="w14">'
            + _r("of the section.")
            + "</mc:Choice><mc:Fallback>"
            + _r("of the section.")
            + "</mc:Fallback></mc:AlternateContent>"
        )
    )
    texts = _texts(_word_file(tmp_path, body))
    # the DrawingML box and its VML fallback hold the same text: read once; a short bold
    # line in a side box is not the document's heading; runs offered to newer Word between
    # a paragraph's runs are read once too
    assert texts == [
        ("heading", "Key terms"),
        ("paragraph", "Warehouses hold cleaned data."),
        ("paragraph", "Body"),
        ("paragraph", "A data lake keeps raw data."),
        ("paragraph", "Closing words of the section."),
    ]


def test_symbols_hyphens_and_smart_tags(tmp_path: Path) -> None:
    body = _p(
        _r("SNO")
        + '<w:r><w:sym w:font="Wingdings" w:char="F0E0"/></w:r>'
        + _r("SNAME, angle ")
        + '<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>'
        + '<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r>'
    ) + _p(
        _r("Extract")
        + "<w:r><w:noBreakHyphen/></w:r>"
        + _r("Load in a ware")
        + "<w:r><w:softHyphen/></w:r>"
        + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
        + _r("house")
        + "</w:smartTag>"
    )
    texts = _texts(_word_file(tmp_path, body))
    assert texts == [
        ("paragraph", "SNO→SNAME, angle α"),
        ("paragraph", "Extract-Load in a warehouse"),
    ]


def _notes_part(document: docx.document.Document, kind: str, notes: dict[str, str]) -> None:
    """A footnotes or endnotes part, as Word writes it: its separators, then each note
    opening on its own mark run."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    items = "".join(
        f'<w:{kind} w:type="{t}" w:id="{i}"><w:p><w:r><w:{t}/></w:r></w:p></w:{kind}>'
        for i, t in ((-1, "separator"), (0, "continuationSeparator"))
    )
    mark = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
    items += "".join(
        f'<w:{kind} w:id="{i}">{body.replace("<MARK/>", mark)}</w:{kind}>'
        for i, body in notes.items()
    )
    blob = f"<w:{kind}s {_NS}>{items}</w:{kind}s>".encode()
    plural = "FOOTNOTES" if kind == "footnote" else "ENDNOTES"
    part = Part(
        PackURI(f"/word/{kind}s.xml"),
        getattr(CONTENT_TYPE, f"WML_{plural}"),
        blob,
        document.part.package,
    )
    document.part.relate_to(part, getattr(RELATIONSHIP_TYPE, plural))


def test_footnotes_and_endnotes_read_after_their_paragraph(tmp_path: Path) -> None:
    reference = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{0} w:id="{1}"/></w:r>'
    custom = '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r>'
    path = _word_file(
        tmp_path,
        _p(_r("Cells keep homeostasis") + reference.format("footnoteReference", 1) + _r(" daily."))
        + _p(_r("Blood carries oxygen") + custom + _r(" to tissues."))
        + _p(_r("Organs form systems") + reference.format("endnoteReference", 1) + _r(".")),
    )
    document = docx.Document(str(path))
    _notes_part(
        document,
        "footnote",
        {
            "1": _p("<MARK/>" + _r(" Homeostasis", bold=True)),
            "2": _p(_r("* Oxygen is carried by haemoglobin.")),
        },
    )
    _notes_part(document, "endnote", {"1": _p("<MARK/>" + _r(" A system is a group of organs."))})
    document.save(str(path))
    texts = _texts(path)
    # each note after the sentence citing it, never cut into it, never a bold heading,
    # and no mark of its own ("1", "*") left in the text
    assert texts == [
        ("paragraph", "Cells keep homeostasis daily."),
        ("paragraph", "Homeostasis"),
        ("paragraph", "Blood carries oxygen to tissues."),
        ("paragraph", "Oxygen is carried by haemoglobin."),
        ("paragraph", "Organs form systems."),
        ("paragraph", "A system is a group of organs."),
    ]


def test_code_typed_in_the_body_font_is_a_code_block(tmp_path: Path) -> None:
    """A listing pasted into Word in its body font, no code style or fixed-pitch run: its
    lines read as a program's (a dotted call, an assignment) make a code block; a formula
    set alone ("y = f(x) + 1") and prose about the code stay text."""
    document = docx.Document()
    document.add_paragraph("读取成绩表并查看前几行：")
    document.add_paragraph("scores = pd.read_csv('scores.csv')\nscores.tail(2)")
    document.add_paragraph("y = f(x) + 1")
    path = tmp_path / "handout.docx"
    document.save(str(path))
    kinds = dict((text, kind) for kind, text in _texts(path))
    assert kinds["scores = pd.read_csv('scores.csv')\nscores.tail(2)"] == "code"
    assert kinds["读取成绩表并查看前几行："] == "paragraph"
    assert kinds["y = f(x) + 1"] != "code"


def test_pasted_code_with_chinese_comments_is_still_code(tmp_path: Path) -> None:
    """A teacher annotates the listing in Chinese after each statement: the comment is the
    code's, and the paragraph stays a code block; Chinese in the statement is prose."""
    document = docx.Document()
    document.add_paragraph("total = scores.sum()  # 求总分\n# 再求平均分\navg = scores.mean()")
    document.add_paragraph("总分 = 各科成绩之和")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    kinds = {text.split()[0]: kind for kind, text in _texts(path)}
    assert kinds["total"] == "code"
    assert kinds["总分"] != "code"
