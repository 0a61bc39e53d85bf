"""Every bad file fails at detection or reading with a precise type, reason and message."""

from __future__ import annotations

import io
import os
import quopri
import random
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from datasources.files.detect import check_office_archive, detect, inspect
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read
from jobs.pipeline.readers.blocks import MAX_BLOCK_CHARS
from tests.unit.pipeline.conftest import hand_written_pdf, write_pdf
from tests.unit.pipeline.samples import GREEK, JAPANESE, SPANISH
from tests.upload_files import PPTX_MIME, ole_bytes, pptx_bytes


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="empty.pdf")
    assert error.value.reason == "empty"
    assert "0 bytes" in error.value.message


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 300, encoding="utf-8")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, max_bytes=1000)
    assert error.value.reason == "too_large"
    assert "1500 bytes; the limit is 1000" in error.value.message


def test_wrong_content_for_the_extension(en_docx: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "chapter.pdf"
    renamed.write_bytes(en_docx.read_bytes())
    with pytest.raises(UnsupportedDocument) as error:
        detect(renamed, filename="chapter.pdf")
    assert error.value.reason == "extension_mismatch"
    assert "name says .pdf but the content is docx" in error.value.message


def test_markdown_named_txt_is_fine(en_markdown: Path) -> None:
    assert detect(en_markdown, filename="notes.txt").kind == "markdown"


def test_text_with_shell_comments_is_not_markdown(tmp_path: Path) -> None:
    # a plain-text export of a chapter: its code keeps "#" comments, its lists "- " bullets
    path = tmp_path / "chapter.txt"
    path.write_text(
        "Ignoring Files\n\nOften you have files you do not want tracked.\n\n"
        "# ignore all .log files\n*.log\n\n# but keep this one\n!keep.log\n\n"
        "# Please enter the commit message.\n# Lines starting with '#' are ignored.\n\n"
        "- build output\n- editor files\n- caches\n",
        encoding="utf-8",
    )
    assert detect(path, filename="chapter.txt").kind == "text"


def test_markdown_headings_or_fences_make_markdown(tmp_path: Path) -> None:
    headed = tmp_path / "headed.txt"
    headed.write_text("# Notes\n\n- one\n- two\n- three\n", encoding="utf-8")
    fenced = tmp_path / "fenced.txt"
    fenced.write_text("Notes\n\n```\n# a comment\nx = 1\n```\n\n- one\n", encoding="utf-8")
    assert detect(headed, filename="headed.txt").kind == "markdown"
    assert detect(fenced, filename="fenced.txt").kind == "markdown"


def test_binary_garbage(tmp_path: Path) -> None:
    # Seeded: about 1 random buffer in 80 holds a weak magic number (a zlib header, a
    # DOS executable's) that libmagic names as a type of its own; see the tests below.
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="noise.txt")
    assert error.value.reason == "binary"
    assert "binary content" in error.value.message


def test_random_bytes_are_always_refused(tmp_path: Path) -> None:
    """Whatever libmagic guesses for noise, it is refused and the message names the guess."""
    path = tmp_path / "noise.txt"
    generator = random.Random(11)
    reasons: set[str] = set()
    for _ in range(400):
        path.write_bytes(generator.randbytes(4096))
        with pytest.raises(UnsupportedDocument) as error:
            detect(path, filename="noise.txt")
        reasons.add(error.value.reason)
        if error.value.reason == "unsupported_type":
            assert "is not a kind of document we read" in error.value.message
        else:
            assert error.value.reason == "binary"
    assert "binary" in reasons


def test_noise_behind_a_weak_magic_number_names_the_guess(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(b"\x78\x9c" + random.Random(3).randbytes(4094))  # a zlib stream header
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="noise.txt")
    assert error.value.reason == "unsupported_type"
    assert error.value.message.startswith("application/zlib is not a kind of document we read")


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="archive.docx")
    assert error.value.reason == "unsupported_type"
    assert error.value.message.startswith("a ZIP archive that is not a Word document")


def _zip_refusal(path: Path, members: dict[str, str]) -> str:
    """The refusal of a ZIP archive holding `members` (name: text), as an unsupported type."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename=path.name)
    assert error.value.reason == "unsupported_type"
    return error.value.message


def test_an_h5p_package_is_named_and_says_what_to_upload(tmp_path: Path) -> None:
    """An interactive quiz package holds its text as JSON beside player scripts: the refusal
    names the package kind and asks for its source document or a PDF of its pages."""
    message = _zip_refusal(
        tmp_path / "quiz.h5p",
        {
            "h5p.json": '{"title": "Quiz", "mainLibrary": "H5P.QuestionSet"}',
            "content/content.json": '{"questions": []}',
            "H5P.QuestionSet-1.20/library.json": "{}",
        },
    )
    assert message.startswith("an H5P package (.h5p)") and "PDF" in message


def test_a_flashcard_deck_package_in_the_compressed_format_says_how_to_export_it(
    tmp_path: Path,
) -> None:
    """A deck package of newer Anki holds its collection compressed beside a placeholder
    collection: the refusal names the format and the export that is read instead."""
    members = {"collection.anki21b": "(zstd)", "collection.anki2": "SQLite format 3", "media": ""}
    message = _zip_refusal(tmp_path / "deck.apkg", members)
    assert message.startswith("an Anki deck package (.apkg)") and "Plain Text" in message
    assert "Support older Anki versions" in message


@pytest.mark.parametrize(
    ("content", "manifest"),
    [("content.json", "manifest.json"), ("content.xml", "META-INF/manifest.xml")],
)
def test_a_mind_map_file_says_to_export_it_as_markdown(
    tmp_path: Path, content: str, manifest: str
) -> None:
    # XMind saves a map as a ZIP of its sheets; the teacher is told how to get the outline
    path = tmp_path / "plan.xmind"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(content, '[{"rootTopic": {"title": "Cells"}}]')
        archive.writestr(manifest, "{}")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="plan.xmind")
    assert error.value.reason == "unsupported_type"
    assert "XMind mind map" in error.value.message and "Markdown" in error.value.message
    # a content file alone (no manifest) is no sign of XMind
    lone = tmp_path / "data.zip"
    with zipfile.ZipFile(lone, "w") as archive:
        archive.writestr(content, "[]")
    with pytest.raises(UnsupportedDocument) as error:
        detect(lone, filename="data.zip")
    assert "XMind" not in error.value.message


def test_an_opendocument_file_with_its_manifest_is_no_mind_map(tmp_path: Path) -> None:
    # every OpenDocument file holds content.xml beside META-INF/manifest.xml, as an XMind 8
    # map does: its `mimetype` entry says what it is, and the refusal names that
    message = _zip_refusal(
        tmp_path / "diagram.odg",
        {
            "mimetype": "application/vnd.oasis.opendocument.graphics",
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        },
    )
    assert "XMind" not in message
    assert message.startswith("an OpenDocument graphics file")


def test_a_zipped_web_page_says_to_upload_the_page_inside(tmp_path: Path) -> None:
    # Google Docs downloads a document as "Web page (.html, zipped)": the page at the
    # archive's root beside an images/ folder. The teacher is told which file to upload.
    path = tmp_path / "Week2.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Week2Notes.html", "<html><body><p>Notes</p></body></html>")
        archive.writestr("images/image1.png", b"\x89PNG")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="Week2.zip")
    assert error.value.reason == "unsupported_type"
    assert "zipped web page" in error.value.message
    assert error.value.message.endswith("unzip it and upload Week2Notes.html")


def test_a_course_export_without_pages_says_to_upload_its_pages(tmp_path: Path) -> None:
    # an LMS exports a course as a cartridge: a manifest and the pages as HTML in folders
    path = tmp_path / "course.imscc"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("wiki_content/week-1.html", "<html><body><p>Week</p></body></html>")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="course.imscc")
    assert error.value.reason == "unsupported_type"
    assert "course package" in error.value.message
    assert "names no HTML page" in error.value.message  # its manifest lists no resource
    assert "unzipped from its wiki_content folder" in error.value.message
    bare = tmp_path / "bare.zip"  # a cartridge with no pages folder still says what it is
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("imsmanifest.xml", "\x00broken")
    with pytest.raises(UnsupportedDocument) as error:
        detect(bare, filename="bare.zip")
    assert "unzipped from it," in error.value.message


def test_a_cnki_reader_file_says_to_download_the_pdf(tmp_path: Path) -> None:
    """A journal article or thesis saved in the reader-only formats of the Chinese academic
    database is named as such, with the PDF to fetch instead, not called mere binary; a
    text note that happens to open on the same letters is still read as text."""
    heads = {"a.caj": b"CAJ\0", "b.nh": b"HN\0\0", "c.kdh": b"KDH "}
    for name, head in heads.items():
        path = tmp_path / name
        path.write_bytes(head + bytes(range(256)) * 8)
        with pytest.raises(UnsupportedDocument) as error:
            detect(path, filename=name)
        assert error.value.reason == "unsupported_type"
        assert "CNKI" in error.value.message and "PDF" in error.value.message
    note = tmp_path / "note.txt"
    note.write_text("CAJ files need a special viewer; we read the PDF instead.\n" * 3)
    assert detect(note, filename="note.txt").kind == "text"


def test_an_open_edx_course_export_says_to_upload_its_pages(tmp_path: Path) -> None:
    """A learning platform's course export packs its pages beside the XML that orders them
    into a gzip tar; the designer is told to upload the pages, not that gzip is unread."""

    def pack(path: Path, members: dict[str, bytes]) -> Path:
        with tarfile.open(path, "w:gz") as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        return path

    course = pack(
        tmp_path / "course.tar.gz",
        {
            "course/course.xml": b'<course url_name="run" org="X" course="Y"/>',
            "course/chapter/one.xml": b'<chapter display_name="One"/>',
            "course/html/page.html": b"<p>A page.</p>",
        },
    )
    with pytest.raises(UnsupportedDocument) as error:
        detect(course, filename="course.tar.gz")
    assert error.value.reason == "unsupported_type"
    assert "Open edX course export" in error.value.message
    assert "html folder" in error.value.message
    # any other gzip tar is still refused as gzip, and a cut one as well
    other = pack(tmp_path / "backup.tar.gz", {"notes/course.xml": b"<x/>"})
    with pytest.raises(UnsupportedDocument) as error:
        detect(other, filename="backup.tar.gz")
    assert "Open edX" not in error.value.message
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(course.read_bytes()[:40])
    with pytest.raises(UnsupportedDocument):
        detect(cut, filename="cut.tar.gz")


def test_an_opendocument_kind_we_do_not_read_is_named_with_what_to_do(tmp_path: Path) -> None:
    """An OpenDocument file was "a ZIP archive that is not a Word document": true, and no
    help to a teacher, who can export it as PDF. (A PowerPoint deck is read now:
    test_pptx_reader; an Impress deck: test_odp_reader; an OpenDocument text and an EPUB
    too: test_pandoc_reader; an Excel or a Calc glossary spreadsheet too:
    test_glossary_sheets.)"""
    path = tmp_path / "formula.odf"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.formula")
        archive.writestr("content.xml", "<t/>")
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="formula.odf")
    assert error.value.reason == "unsupported_type"
    assert error.value.message == (
        "an OpenDocument formula file, not a kind of document we read; save or export it as"
        " PDF or DOCX and upload that"
    )


def test_a_pptx_is_detected_by_its_presentation_part(tmp_path: Path) -> None:
    path = tmp_path / "upload"  # no extension: the content decides
    path.write_bytes(pptx_bytes())
    detected = detect(path, filename="lecture.pptx")
    assert (detected.kind, detected.mime_type) == ("pptx", PPTX_MIME)
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="lecture.docx")  # one family's name on another's content
    assert error.value.message == "the name says .docx but the content is pptx"


def test_password_protected_office_files_and_old_ppt_are_named(tmp_path: Path) -> None:
    """Office saves a .pptx or .docx with a password as an OLE file, the container of the
    old binary formats: it was "an old binary Office file (.doc)", and saving it as .docx
    would not have helped."""
    cases = {
        "locked.pptx": (ole_bytes("EncryptionInfo", "EncryptedPackage"), "encrypted"),
        "old.ppt": (ole_bytes("PowerPoint Document"), "unsupported_type"),
        "old.doc": (ole_bytes("WordDocument", "1Table"), "unsupported_type"),
    }
    messages = {}
    for name, (data, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises((UnsupportedDocument, CorruptDocument)) as error:
            detect(path, filename=name)
        assert error.value.reason == reason
        messages[name] = error.value.message
    assert "encrypted (password protected)" in messages["locked.pptx"]
    assert messages["old.ppt"] == "an old binary PowerPoint file (.ppt); save it as .pptx"
    assert messages["old.doc"] == "an old binary Office file (.doc); save it as .docx"


def test_a_stream_name_in_a_slides_text_is_no_stream(tmp_path: Path) -> None:
    """The name must head a directory entry (128-byte aligned), not sit in the text."""
    path = tmp_path / "old.doc"
    text = "see EncryptedPackage".encode("utf-16-le") + b"\0\0"
    path.write_bytes(ole_bytes("WordDocument") + b"\0" + text + bytes(200))
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="old.doc")
    assert error.value.message.startswith("an old binary Office file (.doc)")


def test_corrupt_pptx_is_refused_by_name(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.pptx"
    truncated.write_bytes(pptx_bytes()[:2000])
    with pytest.raises(CorruptDocument) as error:
        detect(truncated, filename="truncated.pptx")
    assert (error.value.reason, error.value.message[:27]) == (
        "corrupt_pptx",
        "the ZIP container is broken",
    )
    # a well-formed ZIP python-pptx cannot open: its slide part is not XML
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(pptx_bytes({"ppt/slides/slide2.xml": b"<p:sld><unclosed>"}))
    with pytest.raises(CorruptDocument) as error:
        read(broken, detect(broken, filename="broken.pptx"))
    assert error.value.reason == "corrupt_pptx"
    assert error.value.message.startswith("the PowerPoint presentation cannot be parsed")


def test_pptx_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pptx"
    path.write_bytes(pptx_bytes({"ppt/media/padding.bin": b"\0" * (8 * 1024 * 1024)}))
    with pytest.raises(CorruptDocument) as error:
        inspect(path, filename="bomb.pptx")
    assert error.value.reason == "zip_bomb"
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="bomb.pptx"))  # the reader checks again
    assert (error.value.reason, "padding.bin inflates" in error.value.message) == (
        "zip_bomb",
        True,
    )


def test_a_deck_of_pictures_or_of_nothing_fails_with_no_text(tmp_path: Path) -> None:
    import pptx

    pictures = tmp_path / "pictures.pptx"
    pictures.write_bytes(pptx_bytes(text=False))
    assert inspect(pictures, filename="pictures.pptx").kind == "pptx"  # the upload takes it
    with pytest.raises(UnsupportedDocument) as error:
        analyse_file(pictures, filename="pictures.pptx")
    assert error.value.reason == "no_text"
    assert error.value.message.startswith("its 3 slides hold pictures but no text")
    empty = tmp_path / "empty.pptx"
    deck = pptx.Presentation()
    deck.slides.add_slide(deck.slide_layouts[1])  # placeholders left unfilled
    deck.save(str(empty))
    with pytest.raises(UnsupportedDocument) as error:
        analyse_file(empty, filename="empty.pptx")
    assert (error.value.reason, error.value.message) == ("no_text", "its slide holds no text")
    none = tmp_path / "none.pptx"
    pptx.Presentation().save(str(none))
    with pytest.raises(UnsupportedDocument) as error:
        analyse_file(none, filename="none.pptx")
    assert error.value.message == "the presentation has no slides"


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", ["<p>Secret chapter</p>"])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="s3cret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(CorruptDocument) as error:
        read(locked, detect(locked, filename="locked.pdf"))
    assert error.value.reason == "encrypted"
    assert "password" in error.value.message


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage " + os.urandom(2048))
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="broken.pdf"))
    assert error.value.reason == "corrupt_pdf"


def test_truncated_docx(en_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.docx"
    path.write_bytes(en_docx.read_bytes()[:2000])
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="truncated.docx"))
    assert error.value.reason == "corrupt_docx"


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="broken.docx"))
    assert error.value.reason == "corrupt_docx"


def _damaged_member(source: Path, target: Path, part: str) -> Path:
    """`source` with the deflated bytes of `part` overwritten in the middle: the archive's
    directory is whole, the member's compressed stream is not (zlib fails on it)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(part)
    # the member's data starts after its local header (30 bytes, its name, its extra field)
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 3
    data[middle : middle + 64] = b"\xff" * 64
    target.write_bytes(bytes(data))
    return target


def test_a_docx_member_with_damaged_compressed_bytes_is_corrupt(
    en_docx: Path, tmp_path: Path
) -> None:
    """A download cut and patched, a disk error: the ZIP's directory reads, a member's
    deflate stream does not. It was a zlib.error out of the reader, no document error."""
    path = _damaged_member(en_docx, tmp_path / "damaged.docx", "word/document.xml")
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="damaged.docx"))
    assert error.value.reason == "corrupt_docx"
    assert "word/document.xml" in error.value.message or "ZIP" in error.value.message


def test_a_zip_of_a_version_zipfile_does_not_read_is_corrupt(en_docx: Path, tmp_path: Path) -> None:
    """A damaged central directory entry asking for ZIP version 23.5 to extract: zipfile
    raised NotImplementedError while listing the members."""
    data = bytearray(en_docx.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (235).to_bytes(2, "little")  # version needed to extract
    path = tmp_path / "version.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="version.docx"))
    assert error.value.reason == "corrupt_docx"


def test_a_zip_member_name_that_is_no_utf8_is_corrupt(en_docx: Path, tmp_path: Path) -> None:
    """A member name flagged UTF-8 whose bytes are not ("[Content_Type\\x8c].xml"):
    zipfile raised UnicodeDecodeError while listing the members."""
    data = bytearray(en_docx.read_bytes())
    central = data.find(b"PK\x01\x02")
    flags = int.from_bytes(data[central + 8 : central + 10], "little") | 0x800
    data[central + 8 : central + 10] = flags.to_bytes(2, "little")
    data[central + 46] = 0x8C  # the name's first byte: no UTF-8 sequence starts so
    path = tmp_path / "names.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="names.docx"))
    assert error.value.reason == "corrupt_docx"


_RIVERS = b"BT /F1 12 Tf 72 700 Td (Rivers carve valleys over time.) Tj ET"


def test_a_pdf_whose_page_tree_counts_pages_it_does_not_have_is_corrupt(
    tmp_path: Path,
) -> None:
    """pdfium opens it and counts three pages; the second cannot be read. It was a
    PdfiumError out of the reader. The same file counting its one page is read."""
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(hand_written_pdf(_RIVERS))
    assert any("Rivers carve valleys" in b.text for b in read(whole, detect(whole)).blocks())
    path = tmp_path / "miscounted.pdf"
    path.write_bytes(hand_written_pdf(_RIVERS, count=3))
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="miscounted.pdf"))
    assert error.value.reason == "corrupt_pdf"
    assert "page" in error.value.message


def test_a_first_page_with_a_title_and_no_line_of_body_text_reads() -> None:
    """A damaged PDF whose first page kept its title and a subtitle but lost its body text
    (the rest of the document is body): the title block under the title is nothing, no
    ValueError from an empty min()."""
    from jobs.pipeline.readers.pdf import _Line, _title_block

    def line(text: str, size: float, page: int, top: float) -> _Line:
        return _Line(text=text, size=size, page=page, top=top, bottom=top, left=72.0)

    first = [line("Rivers and valleys", 24.0, 1, 700.0), line("A handout", 14.0, 1, 660.0)]
    body = [
        line("Water carves the valley floor over time. " * 2, 10.0, 2, 700.0 - 14 * n)
        for n in range(20)
    ]
    assert _title_block(first + body) == ""


def test_docx_zip_bomb_by_ratio(en_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(en_docx) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(CorruptDocument) as error:
        read(path, detect(path, filename="bomb.docx"))
    assert error.value.reason == "zip_bomb"
    assert "padding.bin inflates" in error.value.message


def test_docx_zip_bomb_by_total(
    en_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("datasources.files.detect.MAX_UNPACKED_BYTES", 4096)
    with pytest.raises(CorruptDocument) as error:
        check_office_archive(en_docx, "docx")
    assert error.value.reason == "zip_bomb"
    assert "declares" in error.value.message


def test_one_50_mb_line_is_read_in_bounded_blocks(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    with path.open("w", encoding="utf-8") as handle:
        piece = "the heap stores data whose size is unknown at compile time " * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(piece)
    tracemalloc.start()
    document = read(path, detect(path, filename="line.txt", max_bytes=60 * 1024 * 1024))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    blocks = document.blocks()
    assert max(len(b.text) for b in blocks) <= MAX_BLOCK_CHARS
    assert sum(len(b.text) for b in blocks) > 49 * 1024 * 1024
    assert peak < 8 * 50 * 1024 * 1024  # the text itself plus bounded overhead, not a blow-up


def test_a_long_line_is_analysed_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("A vector is an ordered list of numbers. " * 50_000, encoding="utf-8")
    analysis = analyse_file(path, filename="line.txt")
    assert analysis.word_count == 8 * 50_000
    assert any(c.key == "vector" for c in analysis.knowledge.concepts)


def test_text_with_no_concepts_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "hello.txt"
    path.write_text("Hello there.\n\nThanks, and see you soon.\n", encoding="utf-8")
    analysis = analyse_file(path, filename="hello.txt")
    assert analysis.knowledge.concepts == ()
    assert analysis.knowledge.prerequisites == ()
    assert analysis.word_count == 7


def test_a_pdf_without_text_fails_with_no_text(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "blank.pdf", ["<div style='height: 5cm'></div>"])
    with pytest.raises(UnsupportedDocument) as error:
        analyse_file(path, filename="blank.pdf")
    assert error.value.reason == "no_text"


def test_gb18030_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    text = (
        "线性方程组是由几个线性方程组成的整体。\n\n"
        "高斯消元法是指通过初等行变换求解线性方程组的方法。\n"
    )
    path.write_bytes(text.encode("gb18030"))
    detected = detect(path, filename="gbk.txt")
    assert detected.kind == "text"
    assert "线性方程组" in read(path, detected).blocks()[0].text


def test_error_message_names_the_reason() -> None:
    error = CorruptDocument("zip_bomb", "declares 1 TB unpacked")
    assert str(error) == "zip_bomb: declares 1 TB unpacked"
    assert error.reason == "zip_bomb"
    assert not isinstance(error, UnsupportedDocument)


@pytest.mark.parametrize(
    ("text", "language"), [(GREEK, "Greek"), (SPANISH, "Spanish"), (JAPANESE, "Japanese")]
)
def test_a_document_in_another_language_is_refused_by_name(
    tmp_path: Path, text: str, language: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnsupportedDocument) as error:
        analyse_file(path, filename="notes.txt")
    assert error.value.reason == "language"
    assert f"in {language};" in error.value.message and "English or Chinese" in error.value.message
    # the uploader's own language setting is obeyed: read with English rules
    assert analyse_file(path, filename="notes.txt", language="en").language == "en"


def test_a_language_the_pipeline_does_not_know_is_a_callers_mistake(tmp_path: Path) -> None:
    # "zh" for "zh-CN" was read with the English rules, silently
    path = tmp_path / "notes.md"
    path.write_text("# 光的折射\n\n光从一种介质斜射入另一种介质时，传播方向发生改变。\n")
    with pytest.raises(ValueError, match="language must be one of en, zh-CN, not 'zh'"):
        analyse_file(path, language="zh")  # type: ignore[arg-type]
    assert analyse_file(path, language="zh-CN").language == "zh-CN"


def test_english_quoting_another_language_or_a_bilingual_list_is_read(tmp_path: Path) -> None:
    quoting = tmp_path / "quoting.txt"
    quoting.write_text(
        "A variable is a name that refers to a value; an assignment statement creates it.\n\n"
        f"The Spanish edition puts it this way:\n\n{SPANISH}\n"
        "A function groups statements that compute a value, and a loop repeats statements "
        "while a condition holds. Both are taught in the first weeks of the course.\n\n"
        "A list holds values in order, and a dictionary maps keys to values; each has methods "
        "for adding, finding and removing what it holds.\n",
        encoding="utf-8",
    )
    assert analyse_file(quoting, filename="quoting.txt").language == "en"
    pairs = tmp_path / "pairs.md"
    english = [
        "A variable is a name that refers to a value.",
        "A function groups statements that compute a value.",
        "A loop repeats statements while a condition holds.",
    ]
    spanish = [s for s in SPANISH.split("\n\n")]
    pairs.write_text(
        "\n".join(f"- {e}\n- {s.strip()}" for e, s in zip(english, spanish, strict=True)),
        encoding="utf-8",
    )
    assert analyse_file(pairs, filename="pairs.md").language == "en"


def test_a_page_saved_as_a_single_file_says_what_to_save_instead(tmp_path: Path) -> None:
    # A browser's "Webpage, Single File" is a MIME message: headers, then the page in
    # quoted-printable, its soft line breaks ("=\r\n") splitting words. It is refused with
    # the two ways of saving the page that the readers take.
    lesson = "A long line of the lesson. " * 8
    page = f"<html><body><h1>Lesson</h1><p>{lesson}</p></body></html>"
    path = tmp_path / "lesson.mhtml"
    path.write_bytes(
        b"From: <Saved by Blink>\r\nSubject: Lesson\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="--B--"\r\n\r\n'
        b"----B--\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + quopri.encodestring(page.encode()).replace(b"\n", b"\r\n")
        + b"\r\n----B----\r\n"
    )
    with pytest.raises(UnsupportedDocument) as error:
        detect(path, filename="lesson.mhtml")
    assert error.value.reason == "unsupported_type"
    assert "single file (MHTML" in error.value.message
    assert "HTML only" in error.value.message


def test_a_text_that_only_mentions_a_mime_header_is_read(tmp_path: Path) -> None:
    # an email lesson quoting headers further down is still plain text
    path = tmp_path / "mail-lesson.txt"
    path.write_text(
        "Lesson 4: how email works\n\nA message opens with headers such as\n"
        "Content-Type: multipart/related; the body follows a blank line.\n",
        encoding="utf-8",
    )
    assert detect(path, filename="mail-lesson.txt").kind == "text"
