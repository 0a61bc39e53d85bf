"""Word's own markup, rewritten into the plain paragraphs and runs python-docx reads.

python-docx reads a paragraph's text from its direct runs and hyperlinks, and a body's blocks
from its direct paragraphs and tables. A file written by Word (or WPS) wraps text in more:
tracked insertions and moves (`w:ins`, `w:moveTo`), content controls (`w:sdt`, Word's own
table of contents and template sections), smart tags, simple fields, text boxes (DrawingML
with a VML copy of the same text as fallback). `word_view` rewrites the body in place into
what Word shows with all changes accepted: deleted and moved-away text gone, wrappers
unwrapped, a text box's paragraphs read once after the paragraph that anchors it, Word's table
of contents and a content control's placeholder prompt dropped, symbol-font characters
(`w:sym`) as Unicode. Field codes (`w:instrText`) are never text to python-docx; a field's
shown result stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FALLBACK = f"{{{_MC}}}Fallback"
_CHOICE = f"{{{_MC}}}Choice"

# text Word no longer shows once the changes are accepted
_GONE = {qn("w:del"), qn("w:moveFrom")}
# wrappers whose children are the text: kept, the wrapper dropped
_WRAPPERS = {
    qn("w:ins"),
    qn("w:moveTo"),
    qn("w:smartTag"),
    qn("w:customXml"),
    qn("w:fldSimple"),
    qn("w:dir"),
    qn("w:bdo"),
}
_PROPERTIES = {
    qn("w:smartTagPr"),
    qn("w:customXmlPr"),
}
_SDT = qn("w:sdt")
_P = qn("w:p")
_TBL = qn("w:tbl")
_TXBX = qn("w:txbxContent")
# set on a paragraph lifted out of a text box, its value the box's number: the reader keeps
# the box on its anchor's page, never takes its short bold line for a heading of the
# document's, and judges a box of code whole
TEXT_BOX = "{urn:curriculum-gateway:docx}text-box"
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d$|^toc heading$|^目录标题$", re.IGNORECASE)
# a table of contents (or of figures) and an index: lists of headings or terms with pages
_TOC_FIELD = re.compile(r"^\s*(?:TOC|INDEX)\b")
# the pieces of a field's instruction read for its kind ("TOC \o …" may come split in runs)
_FIELD_KIND_PIECES = 8


def toc_style_ids(styles: dict[str, str]) -> set[str]:
    """The ids of Word's table-of-contents styles ("toc 1", localised "目录 1", "TOC Heading")
    among paragraph styles given as id → name."""
    return {sid for sid, name in styles.items() if _TOC_STYLE.match(name.strip())}


def word_view(body: etree._Element, toc_styles: set[str]) -> None:
    """Rewrite body in place into the paragraphs Word shows, changes accepted (module doc)."""
    for fallback in list(body.iter(_FALLBACK)):
        # the VML copy of a text box or shape whose DrawingML choice is kept
        if fallback.getparent().find(_CHOICE) is not None:
            fallback.getparent().remove(fallback)
    for choice in list(body.iter(_CHOICE)):
        # runs offered to newer Word between a paragraph's runs (not a run's drawing)
        alternate = choice.getparent()
        if alternate.getparent() is not None and alternate.getparent().tag != qn("w:r"):
            _unwrap(alternate, list(choice))
    deleted_rows = f"{qn('w:trPr')}/{qn('w:del')}"
    for row in [tr for tr in body.iter(qn("w:tr")) if tr.find(deleted_rows) is not None]:
        row.getparent().remove(row)
    for gone in list(body.iter(*_GONE)):
        if gone.getparent() is not None:
            gone.getparent().remove(gone)
    for sdt in list(body.iter(_SDT)):
        _unwrap_control(sdt)
    for wrapper in list(body.iter(*_WRAPPERS)):
        _unwrap(wrapper, [c for c in wrapper if c.tag not in _PROPERTIES])
    for sym in list(body.iter(qn("w:sym"))):
        _symbol_text(sym)
    _lift_text_boxes(body)
    for paragraph in _table_of_contents(body, toc_styles):
        paragraph.getparent().remove(paragraph)
    # a link's runs are text like any other (Word's table of contents, told by its links to
    # headings, is gone by now): python-docx lists only a paragraph's direct runs, so a bold
    # term that links somewhere was no bold line and no stressed term (a glossary's linked
    # entry ran into the gloss before it, and the entries after it were read as sections).
    # Its underline is how a link is drawn (a page pasted into Word keeps it on every
    # link), no stress of the author's: dropped, bold and italics kept.
    for link in list(body.iter(qn("w:hyperlink"))):
        for underline in list(link.iter(qn("w:u"))):
            underline.getparent().remove(underline)
        _unwrap(link, list(link))


def _unwrap(element: etree._Element, children: list[etree._Element]) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    parent.remove(element)


def _unwrap_control(sdt: etree._Element) -> None:
    """A content control: its content in its place; none when it is Word's table of contents
    (a building block of the "Table of Contents" gallery) or shows its placeholder prompt
    ("Click or tap here to enter text.")."""
    properties = sdt.find(qn("w:sdtPr"))
    gallery = None if properties is None else properties.find(f".//{qn('w:docPartGallery')}")
    placeholder = properties is not None and properties.find(qn("w:showingPlcHdr")) is not None
    is_toc = gallery is not None and (gallery.get(qn("w:val")) or "").startswith(
        "Table of Contents"
    )
    content = sdt.find(qn("w:sdtContent"))
    keep = [] if is_toc or placeholder or content is None else list(content)
    _unwrap(sdt, keep)


# Symbol font's codes above the ASCII range it shares (Greek letters and mathematical signs),
# and the arrows, bullets and ticks of Wingdings that stand for words in notes ("A → B");
# other symbols are ornaments and read as nothing
_SYMBOL = dict(
    zip(
        range(0x41, 0x5B),
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ",
        strict=True,
    )
)
_SYMBOL.update(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True))
_SYMBOL.update(
    {
        0x22: "∀",
        0x24: "∃",
        0x27: "∋",
        0x2A: "∗",
        0x2D: "−",
        0x40: "≅",
        0x5C: "∴",
        0x5E: "⊥",
        0x7E: "∼",
        0xA3: "≤",
        0xA5: "∞",
        0xAB: "↔",
        0xAC: "←",
        0xAD: "↑",
        0xAE: "→",
        0xAF: "↓",
        0xB0: "°",
        0xB1: "±",
        0xB3: "≥",
        0xB4: "×",
        0xB5: "∝",
        0xB6: "∂",
        0xB7: "•",
        0xB8: "÷",
        0xB9: "≠",
        0xBA: "≡",
        0xBB: "≈",
        0xC6: "∅",
        0xC7: "∩",
        0xC8: "∪",
        0xC9: "⊃",
        0xCA: "⊇",
        0xCC: "⊂",
        0xCD: "⊆",
        0xCE: "∈",
        0xCF: "∉",
        0xD1: "∇",
        0xD5: "∏",
        0xD6: "√",
        0xD7: "⋅",
        0xD8: "¬",
        0xD9: "∧",
        0xDA: "∨",
        0xDB: "⇔",
        0xDC: "⇐",
        0xDE: "⇒",
        0xE5: "∑",
        0xF2: "∫",
    }
)
_WINGDINGS = {
    0x9F: "•",
    0xA7: "▪",
    0xDF: "←",
    0xE0: "→",
    0xE1: "↑",
    0xE2: "↓",
    0xE7: "←",
    0xE8: "→",
    0xE9: "↑",
    0xEA: "↓",
    0xF0: "⇨",
    0xFB: "✗",
    0xFC: "✓",
}


def _symbol_text(sym: etree._Element) -> None:
    """`w:sym` as the character it draws, in a `w:t` python-docx reads."""
    font = (sym.get(qn("w:font")) or "").lower()
    try:
        code = int(sym.get(qn("w:char")) or "", 16) & 0xFF  # Word writes F0xx: private-use
    except ValueError:
        code = -1
    if font == "symbol":
        shared = 0x20 <= code < 0x7F and chr(code) not in "\"$'*-@\\^~"
        char = _SYMBOL.get(code, chr(code) if shared else "")
    elif font.startswith("wingdings"):
        char = _WINGDINGS.get(code, "")
    else:
        char = ""
    text = OxmlElement("w:t")  # python-docx's own class, which its run text reads
    text.text = char
    sym.addprevious(text)
    sym.getparent().remove(sym)


def _lift_text_boxes(body: etree._Element) -> None:
    """Each text box's paragraphs (and tables) after the block that anchors it, in order; a
    box inside a box follows on the next pass."""
    serial = 0
    for _ in range(8):  # nesting depth; more is no document
        boxes = [b for b in body.iter(_TXBX) if not _inside(b, _TXBX)]
        if not boxes:
            return
        for box in boxes:
            anchor = _block_of(box)
            if anchor is None:
                continue
            serial += 1
            for block in [c for c in box if c.tag in (_P, _TBL)]:
                block.set(TEXT_BOX, str(serial))  # which box: its lines are judged together
                anchor.addnext(block)
                anchor = block


def _inside(element: etree._Element, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _block_of(element: etree._Element) -> etree._Element | None:
    """The paragraph holding element that is itself no text box's."""
    node = element.getparent()
    while node is not None:
        if node.tag == _P and not _inside(node, _TXBX):
            return node
        node = node.getparent()
    return None


# the fewest paragraphs in a row, each only a link to a place in the document, that are
# its table of contents typed by hand (as `markdown._without_contents_lists` counts items)
_CONTENTS_MIN_LINKS = 3


def _table_of_contents(body: etree._Element, toc_styles: set[str]) -> list[etree._Element]:
    """The paragraphs of a table of contents outside a content control: those set in a TOC
    style, those inside a TOC field's result (begin … end may span paragraphs), those
    whose text is all links to Word's "_Toc" heading bookmarks, and runs of paragraphs
    that are each only a link to a bookmark of the document (`_linked_list`)."""
    found: list[etree._Element] = _linked_list(body)
    # open fields, outermost first: each one's instruction so far (its opening only: the
    # field's kind) and whether it is a TOC; a count of the open TOCs, so that a hostile
    # file's thousands of unclosed fields cost no rescan per paragraph
    fields: list[tuple[list[str], list[bool]]] = []
    open_tocs = 0
    for paragraph in body.iter(_P):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        in_toc = open_tocs > 0
        for node in paragraph.iter(qn("w:fldChar"), qn("w:instrText")):
            if node.tag == qn("w:instrText"):
                if fields:
                    instruction, toc = fields[-1]
                    if len(instruction) < _FIELD_KIND_PIECES:
                        instruction.append(node.text or "")
                        if not toc[0] and _TOC_FIELD.match("".join(instruction)):
                            toc[0] = True
                            open_tocs += 1
                            in_toc = True
                continue
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.append(([], [False]))
            elif kind == "end" and fields:
                open_tocs -= fields.pop()[1][0]
        if (
            in_toc
            or (style is not None and style.get(qn("w:val")) in toc_styles)
            or _links_to_headings(paragraph)
        ):
            found.append(paragraph)
    return found


def _links_to_headings(paragraph: etree._Element) -> bool:
    return _links_only(paragraph, lambda anchor: anchor.startswith("_Toc"))


def _links_only(paragraph: etree._Element, to: Callable[[str], bool]) -> bool:
    """The paragraph's text is links whose anchors pass `to`, and page numbers or dots."""
    links = paragraph.findall(qn("w:hyperlink"))
    if not any(to(h.get(qn("w:anchor")) or "") for h in links):
        return False
    loose = "".join(t.text or "" for r in paragraph.findall(qn("w:r")) for t in r.iter(qn("w:t")))
    return not loose.strip(" \t.·…0123456789")


def _linked_list(body: etree._Element) -> list[etree._Element]:
    """A table of contents typed as a list of links to the document's own places: runs of
    _CONTENTS_MIN_LINKS or more paragraphs in a row, each only a link to a place in the
    document (an anchor, whether or not its bookmark survived the conversion). A page
    converted to Word (pandoc names a bookmark after each heading) opens on one; read as
    text, every heading was a topic of the first page, before its section, and a week's
    modules were all named after the document's title."""
    found: list[etree._Element] = []
    run: list[etree._Element] = []
    for child in [*body, None]:
        if child is not None and child.tag == _P and _links_only(child, bool):
            run.append(child)
            continue
        if child is not None and child.tag != _P and child.tag != _TBL:
            continue  # a bookmark's own marks between the list's paragraphs
        if len(run) >= _CONTENTS_MIN_LINKS:
            found.extend(run)
        run = []
    return found


# set on a paragraph (or table) lifted out of a footnote or an endnote, its value the note's
# kind: the reader keeps it on its anchor's page and never takes it for a heading
NOTE = "{urn:curriculum-gateway:docx}note"
_NOTE_OF = {qn("w:footnoteReference"): qn("w:footnote"), qn("w:endnoteReference"): qn("w:endnote")}
# a note Word draws itself, no author's text: the rule above the notes and its continuation
_NOTE_FURNITURE = {"separator", "continuationSeparator", "continuationNotice"}


def attach_notes(
    body: etree._Element, note_parts: list[etree._Element], toc_styles: set[str]
) -> None:
    """Each footnote's and endnote's paragraphs after the body block whose text refers to it,
    in the order of the references, read as Word shows them (changes accepted). A note often
    explains or defines a term; read at its reference mark it would cut the sentence in two,
    so it follows the paragraph (or table) as a note printed at the page's foot follows it.
    The mark itself is never text: Word's numbered mark is a number python-docx does not
    read, and an author's own mark ("*", "†": `w:customMarkFollows`) is dropped from the
    sentence and from the note's opening."""
    notes: dict[tuple[str, str], list[etree._Element]] = {}
    for part in note_parts:
        word_view(part, toc_styles)
        for note in part:
            if note.tag in _NOTE_OF.values() and note.get(qn("w:type")) not in _NOTE_FURNITURE:
                notes[(note.tag, note.get(qn("w:id")) or "")] = note
    last: dict[etree._Element, etree._Element] = {}  # anchor → the last note block after it
    for reference in list(body.iter(*_NOTE_OF)):
        note = notes.pop((_NOTE_OF[reference.tag], reference.get(qn("w:id")) or ""), None)
        anchor = _body_block(body, reference)
        mark = _custom_mark(reference)
        if note is None or anchor is None:
            continue
        blocks = [c for c in note if c.tag in (_P, _TBL)]
        if mark and blocks:
            _drop_opening(blocks[0], mark)
        after = last.get(anchor, anchor)
        for block in blocks:
            block.set(NOTE, etree.QName(note).localname)
            after.addnext(block)
            after = block
        last[anchor] = after


def _body_block(body: etree._Element, element: etree._Element) -> etree._Element | None:
    """The body's own paragraph or table holding element (a note after a table cell's
    sentence follows the table, not inside the cell)."""
    node = element
    while node is not None and node.getparent() is not body:
        node = node.getparent()
    return node


def _custom_mark(reference: etree._Element) -> str:
    """The author's own mark that follows a reference set with `w:customMarkFollows`, taken
    out of the run: the text of the run after the reference."""
    if reference.get(qn("w:customMarkFollows")) not in ("1", "true", "on"):
        return ""
    mark = ""
    for sibling in list(reference.itersiblings()):
        if sibling.tag == qn("w:t"):
            mark += sibling.text or ""
            sibling.getparent().remove(sibling)
    return mark.strip()


def _drop_opening(paragraph: etree._Element, mark: str) -> None:
    """The note's own copy of its custom mark, typed at its opening, taken out."""
    for text in paragraph.iter(qn("w:t")):
        value = (text.text or "").lstrip()
        if not value:
            continue
        if value.startswith(mark):
            text.text = value[len(mark) :]
        return
