r"""What a file is, from its bytes (libmagic + a look inside), never from its name alone.

Both sides use it: an upload is refused here before any row is written (`inspect`), and
the document job detects again before reading (`detect`; the readers then check the rest).

- PDF: the `%PDF-` signature (or libmagic); `inspect` also opens it with pdfium (no
  password, a readable cross-reference table).
- DOCX: a ZIP that holds `word/document.xml`; PPTX (PowerPoint): a ZIP that holds
  `ppt/presentation.xml`. `inspect` also bounds what either inflates to
  (`check_office_archive`: entries, declared sizes, ratios and the bytes really inflated)
  and parses its main part. An Office file saved with a password is an OLE container
  holding `EncryptedPackage`: refused as encrypted, not as an old binary file.
- Anki deck package (.apkg, .colpkg): a ZIP holding `collection.anki21` or
  `collection.anki2` (`anki_collection`), bounded as Office files are; read by
  `readers/anki`. One holding only newer Anki's compressed collection is refused.
- A zipped LaTeX project (Overleaf's Download Source): a ZIP with a .tex member that declares
  `\documentclass` (`latex_main`), bounded as Office files are; read by
  `readers/latex_project`. A ZIP of .tex files none of which does is refused.
- A course package: SCORM 1.2/2004 or an IMS Common Cartridge (Canvas's .imscc), a ZIP whose
  root `imsmanifest.xml` orders the course's HTML pages (`course_pages`), bounded as Office
  files are; read by `readers/course_package`. One naming no HTML page is refused.
- HTML, Markdown, plain text: text in an encoding charset-normalizer finds (GB18030/GBK/
  Big5 are common for Chinese); HTML by libmagic or its tags, Markdown by a `.md` name or
  its marks, else plain text.
- OpenDocument text (.odt), presentation (.odp), spreadsheet (.ods) and EPUB: a ZIP whose
  `mimetype` entry says so (ODF's and EPUB's own rule), bounded as Office files are; read
  through pandoc (an .odp by `readers/odp`, an .ods glossary by `readers/workbook`).
- LaTeX source: text that declares `\documentclass` or `\begin{document}`, or is named
  `.tex` and uses a sectioning command or an environment; reStructuredText (`.rst`),
  AsciiDoc (`.adoc`, `.asc`), Org (`.org`) and Typst (`.typ`): by their names, as their marks
  are ordinary text's too; RTF: the `{\rtf` signature. MediaWiki wikitext: named `.wiki`,
  or text with "== Heading ==" lines and the wiki's marks ('''bold''', [[links]],
  {{templates}}, <ref>); DokuWiki's markup: such "=" headings and its own marks (**bold**,
  //italics//, "^" table headers, lists indented two spaces, ((footnotes)), <code>);
  DocBook XML: its DOCTYPE or namespace, or a first element that is one of its divisions
  (a chapter file: `<chapter>`, `<sect1>`) holding `<para>`s; a JATS journal article: its
  DOCTYPE names JATS (or the NLM DTDs), or it opens on `<article><front>` and its meta.
  All read through pandoc.
- Jupyter notebook: JSON text that opens on nbformat 4's `"cells"` or names `"nbformat"`
  in its head (or any JSON object named `.ipynb`); `inspect` also loads it whole and
  checks its shape (`notebooks.load_notebook`).

CNKI's CAJ, KDH and NH files (by their signatures) are refused, saying to download the PDF.

The name only has a say when it contradicts the content across families (a `.pdf` that
holds a DOCX or a PPTX): then the file is refused naming both, rather than guessed.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import tarfile
import threading
import unicodedata
import urllib.parse
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal

import charset_normalizer
import magic
import pypdfium2 as pdfium
from lxml import etree

from datasources.files.document_errors import CorruptDocument, Reason, UnsupportedDocument
from datasources.files.notebooks import load_notebook

# fmt: off
Kind = Literal[
    "pdf", "docx", "pptx", "odt", "epub", "markdown", "html", "text", "notebook", "latex",
    "rst", "rtf", "asciidoc", "org", "typst", "mediawiki", "dokuwiki", "docbook", "jats",
    "opml", "enex", "xlsx", "pretext", "odp", "moodlexml", "textile", "ods", "man",
    "qti", "anki", "latexproject", "coursepackage",
]
# the ZIP containers we read (`check_office_archive`, `check_office_xml`)
OfficeKind = Literal["docx", "pptx", "odt", "epub", "xlsx", "odp", "ods"]
# every ZIP container we read, bounded alike (`check_office_archive`): an Anki deck
# package, a zipped LaTeX project and a course package are no Office files, but ZIPs a bomb
# can hide in too
ArchiveKind = OfficeKind | Literal["anki", "latexproject", "coursepackage"]
# the kinds read from text; a file name of one of them may hold another
TEXT_KINDS: tuple[Kind, ...] = (
    "markdown", "html", "text", "notebook", "latex", "rst", "asciidoc", "org", "typst",
    "mediawiki", "dokuwiki", "docbook", "jats", "opml", "enex", "pretext", "moodlexml",
    "textile", "man", "qti",
)
# fmt: on
# Markdown by its name, whatever its marks: R Markdown (".Rmd", ".rmarkdown") and Quarto
# (".qmd") are Markdown with code chunks; a short chapter of them with few "#" or "-"
# lines was read as plain text, its headings kept as "# Response rates" paragraphs
_MARKDOWN_NAMES = (".md", ".markdown", ".rmd", ".rmarkdown", ".qmd")
# light markup told apart by its name only: its marks are ordinary text's too
_MARKUP_NAMES: dict[str, Kind] = {
    ".rst": "rst",
    ".adoc": "asciidoc",
    ".asciidoc": "asciidoc",
    # Pro Git's chapters and many AsciiDoc books are ".asc", as GitHub renders them; a PGP
    # key or signature of that name (`_PGP_ARMOR`) is refused, as under any name
    ".asc": "asciidoc",
    ".org": "org",
    ".typ": "typst",
    ".wiki": "mediawiki",
    ".mediawiki": "mediawiki",
    ".wikitext": "mediawiki",
    ".textile": "textile",
}

HEAD_BYTES = 64 * 1024
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # deflate rarely beats ~20:1 on XML; bombs are 1000:1 and more
MAX_ENTRIES = 10_000
# pdfium is not thread-safe: one open at a time per process (the gateway opens in threads).
_PDFIUM = threading.Lock()

MIME: dict[Kind, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "markdown": "text/markdown",
    "html": "text/html",
    "text": "text/plain",
    "notebook": "application/x-ipynb+json",
    "odt": "application/vnd.oasis.opendocument.text",
    "epub": "application/epub+zip",
    "latex": "application/x-tex",
    "rst": "text/x-rst",
    "rtf": "application/rtf",
    "asciidoc": "text/x-asciidoc",
    "org": "text/x-org",
    "typst": "text/x-typst",
    "mediawiki": "text/x-wiki",
    "dokuwiki": "text/x-dokuwiki",
    "docbook": "application/docbook+xml",
    "jats": "application/jats+xml",
    "opml": "text/x-opml",
    "enex": "application/enex+xml",
    "pretext": "application/pretext+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "moodlexml": "application/x-moodle-xml",
    "textile": "text/x-textile",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "man": "text/troff",
    "qti": "application/x-qti+xml",
    "anki": "application/x-apkg",
    "latexproject": "application/zip",
    "coursepackage": "application/zip",
}
_EXTENSION_FAMILY = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".pptx": "pptx",
    ".xlsx": "xlsx",
    **dict.fromkeys(_MARKDOWN_NAMES, "text"),
    ".txt": "text",
    ".text": "text",
    ".html": "text",
    ".htm": "text",
    ".ipynb": "notebook",
    ".odt": "odt",
    ".odp": "odp",
    ".ods": "ods",
    ".epub": "epub",
    ".apkg": "anki",
    ".colpkg": "anki",
    # a Common Cartridge is named so; a SCORM package is a plain .zip, named for no kind
    ".imscc": "coursepackage",
    ".rtf": "rtf",
    ".tex": "text",
    ".xml": "text",
    ".dbk": "text",
    ".opml": "text",
    ".enex": "text",
    ".ptx": "text",
    **dict.fromkeys(_MARKUP_NAMES, "text"),
}


@dataclass(frozen=True, slots=True)
class Detected:
    kind: Kind
    mime_type: str
    encoding: str | None  # for text kinds: the codec to decode with


def detect(
    path: Path, *, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Detected:
    """Classify the file at `path`; raise UnsupportedDocument/CorruptDocument with a reason."""
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedDocument("empty", "the file is empty (0 bytes)")
    if size > max_bytes:
        raise UnsupportedDocument(
            "too_large", f"the file is {size} bytes; the limit is {max_bytes} bytes"
        )
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    # The name the user gave (the file on disk may be a temporary one) tells Markdown
    # from plain text; nothing else.
    detected = _classify(path, head, filename or path.name)
    _check_extension(filename, detected.kind)
    return detected


def _classify(path: Path, head: bytes, name: str) -> Detected:
    mime = magic.from_buffer(head, mime=True)
    if head.startswith(b"%PDF-") or mime == "application/pdf":
        return Detected("pdf", MIME["pdf"], None)
    if head.startswith(b"PK\x03\x04"):
        names, mimetype = _zip_contents(path, name)
        for office in ("docx", "pptx", "xlsx"):  # known by their main part
            if _MAIN_PART[office] in names:
                return Detected(office, MIME[office], None)
        for archive in ("odt", "odp", "ods", "epub"):  # by their `mimetype` entry
            if mimetype == MIME[archive]:
                return Detected(archive, MIME[archive], None)
        if anki_collection(names):
            return Detected("anki", MIME["anki"], None)
        if any(n.lower().endswith(_LATEX_SOURCE) for n in names) and _has_latex_main(path):
            return Detected("latexproject", MIME["latexproject"], None)
        if _CARTRIDGE_MANIFEST in names and _has_course_pages(path):
            return Detected("coursepackage", MIME["coursepackage"], None)
        raise UnsupportedDocument("unsupported_type", _not_a_word_document(names, mimetype))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        _refuse_ole(path)
    if head.startswith(b"{\\rtf"):
        return Detected("rtf", MIME["rtf"], None)
    if head.startswith(_GZIP) and _is_edx_course(path):
        raise UnsupportedDocument("unsupported_type", _EDX_COURSE)
    if head.startswith(_CNKI_SIGNATURES) and b"\0" in head:
        raise UnsupportedDocument("unsupported_type", _CNKI_FILE)
    encoding = _text_encoding(head)
    if encoding is None:
        if mime not in ("application/octet-stream", "application/x-empty", "text/plain"):
            raise UnsupportedDocument(
                "unsupported_type",
                f"{mime} is not a kind of document we read: PDF, DOCX, PPTX, ODT, EPUB,"
                " Markdown, HTML, LaTeX, RTF, Jupyter notebooks, reStructuredText, AsciiDoc,"
                " Org, Typst, MediaWiki, DocBook or plain text",
            )
        raise UnsupportedDocument("binary", f"binary content ({mime}), not a document we read")
    sample = head.decode(encoding, errors="ignore")
    if _looks_like_mhtml(sample):
        raise UnsupportedDocument("unsupported_type", _SINGLE_FILE_PAGE)
    if _PGP_ARMOR.match(sample):
        raise UnsupportedDocument(
            "unsupported_type", "a PGP key, signature or message (ASCII armour), not a document"
        )
    kind = _text_kind(mime, sample, name)
    return Detected(kind, MIME[kind], encoding)


# A web page saved "as a single file" (Chrome's and Edge's "Webpage, Single File", Word's
# "Single File Web Page"): a MIME message whose parts are the page and its images, the
# page quoted-printable. Its "<html" made it a page, and read as one every line break the
# encoding inserts stayed in the text ("what a drug does to th= e body"), in definitions
# and week titles ("Dose=E2=80=93response").
_MHTML_HEADER = re.compile(
    r"\A\ufeff?(?:[A-Za-z-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?"
    r"Content-Type:[ \t]*multipart/related\b",
    re.IGNORECASE,
)
_SINGLE_FILE_PAGE = (
    "a web page saved as a single file (MHTML, .mht or .mhtml); save the page as"
    ' "Webpage, HTML only" (.html) or print it to PDF, and upload that'
)


def _looks_like_mhtml(sample: str) -> bool:
    """A MIME message's header block, naming a multipart/related body, opens the file."""
    return _MHTML_HEADER.match(sample.replace("\r\n", "\n")) is not None


# what a broken ZIP raises as it is read: a truncated or damaged member list, a member
# whose deflated bytes are damaged (zlib), a version or a method zipfile does not know
# (NotImplementedError), a member name that is no UTF-8 (a ValueError)
BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    zlib.error,
)


def _zip_contents(path: Path, name: str) -> tuple[set[str], str]:
    """The archive's member names and its OpenDocument/EPUB `mimetype` entry ("" if none).
    A broken one is named after what its name says it is (its member list is at its end,
    the part a truncated upload lost)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = ""
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
                mimetype = archive.read("mimetype").decode("ascii", errors="replace").strip()
            return names, mimetype
    except BROKEN_ZIP as error:
        # an Anki package's name says it as an Office file's does: its reason is its own,
        # not the "corrupt_docx" any other broken ZIP gets
        family = _EXTENSION_FAMILY.get(PurePath(name).suffix.lower())
        said: ArchiveKind = family if family in _CORRUPT else "docx"  # type: ignore[assignment]
        raise CorruptDocument(_CORRUPT[said], f"the ZIP container is broken ({error})") from error


# the part each Office kind we read cannot be without
_MAIN_PART: dict[OfficeKind, str] = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "odt": "content.xml",
    "odp": "content.xml",
    # a glossary kept in a LibreOffice or WPS spreadsheet, as an Excel one (`readers/workbook`)
    "ods": "content.xml",
    "epub": "META-INF/container.xml",
    # a glossary kept in a workbook (`readers/workbook`); any other is refused as it is read
    "xlsx": "xl/workbook.xml",
}


# An OLE compound file: Office 97-2003's binary formats, and any Office file saved with a
# password (its OOXML ZIP encrypted inside an `EncryptedPackage` stream, whatever the
# kind). A stream's name is UTF-16 at the head of a 128-byte directory entry.
_ENCRYPTED_OFFICE = (
    "the Office document is encrypted (password protected); save a copy without the"
    " password and upload that"
)
_OLD_POWERPOINT = "an old binary PowerPoint file (.ppt); save it as .pptx"
_OLD_OFFICE = "an old binary Office file (.doc); save it as .docx"


def _refuse_ole(path: Path) -> None:
    """Refuse an OLE compound file, naming what it is by the streams it holds."""
    found = _ole_names(path, ("EncryptedPackage", "PowerPoint Document"))
    if "EncryptedPackage" in found:
        raise CorruptDocument("encrypted", _ENCRYPTED_OFFICE)
    if "PowerPoint Document" in found:
        raise UnsupportedDocument("unsupported_type", _OLD_POWERPOINT)
    raise UnsupportedDocument("unsupported_type", _OLD_OFFICE)


def _ole_names(path: Path, names: tuple[str, ...]) -> set[str]:
    """Which of `names` head a directory entry of the OLE file at `path` (entries start at
    multiples of 128 bytes: the same characters in a slide's text are no stream)."""
    data = path.read_bytes()  # at most the size limit, checked before
    found = set()
    for name in names:
        encoded = name.encode("utf-16-le") + b"\0\0"
        at = data.find(encoded)
        while at >= 0 and at % 128:
            at = data.find(encoded, at + 1)
        if at >= 0:
            found.add(name)
    return found


# Office and OpenDocument files are ZIP archives too: teachers upload slides and e-books
# as they have them, and "a ZIP archive" told them nothing of what to do instead
# another OpenDocument file (a drawing, a formula, a database) is named by its `mimetype`
# entry; the text, deck and spreadsheet kinds are read
_OPENDOCUMENT = "application/vnd.oasis.opendocument."


# An XMind mind map is a ZIP of its sheets: content.json (XMind Zen and later) or
# content.xml (XMind 8), each beside a manifest. Its outline is what a course is built
# from, and XMind exports it as Markdown; refused as "a ZIP archive that is not a Word
# document", the upload named no way forward.
_XMIND_CONTENT = ("content.json", "content.xml")
_XMIND_MANIFEST = ("manifest.json", "META-INF/manifest.xml")


# A Canvas course export (.imscc), any IMS Common Cartridge or a SCORM 1.2/2004 package: a
# manifest at the root whose organization's items point to resources, the course's pages as
# HTML in folders (Canvas's wiki_content/, a SCORM exporter's sco01/). Refused as "a course
# export", a teacher had to unzip it and upload page by page; read by
# `readers/course_package` in the manifest's order. One naming no HTML page is refused.
_CARTRIDGE_MANIFEST = "imsmanifest.xml"
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_PACKAGE_ITEMS = 1000  # items and resources walked in a manifest
MAX_PACKAGE_DEPTH = 8  # items nested in items
MAX_MANIFEST_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CoursePage:
    """One item of a course package's organization: its title and nesting (1 for the
    organization's own items) and the ZIP member of its HTML page, None for a module
    that only holds items."""

    level: int
    title: str
    member: str | None


def course_pages(archive: zipfile.ZipFile) -> tuple[str | None, list[CoursePage]]:
    """The package's items in its manifest's order (the default organization's, else the
    first's), each with its HTML page when its resource's href names one the ZIP holds. A
    package whose organization names no page (a Canvas export whose pages are in no module)
    gives its HTML resources in the manifest's order, untitled. The course's title is the
    organization's <title>, else the manifest metadata's (a cartridge's LOM title). A href
    that leaves the ZIP ("../x", "/x") refuses the upload; items past `MAX_PACKAGE_ITEMS`
    or nested past `MAX_PACKAGE_DEPTH` are not read."""
    with archive.open(_CARTRIDGE_MANIFEST) as member:
        data = member.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise UnsupportedDocument("too_large", "the course package's manifest is too large")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # a manifest that is no XML names no page: refused as such
        return None, []
    names = set(archive.namelist())
    pages: dict[str, str] = {}  # resource identifier → its page's member
    for resource in root.iterfind(".//{*}resources/{*}resource"):
        if len(pages) >= MAX_PACKAGE_ITEMS:
            break
        member = _package_member(resource.get("href") or "", names)
        if member is not None:
            pages[resource.get("identifier") or ""] = member
    organizations = root.find("{*}organizations")
    chosen = None
    if organizations is not None:
        default = organizations.get("default")
        found = organizations.findall("{*}organization")
        chosen = next((o for o in found if o.get("identifier") == default), None)
        if chosen is None and found:
            chosen = found[0]
    items: list[CoursePage] = []
    titles = [] if chosen is None else [chosen.find("{*}title")]
    titles.append(root.find("{*}metadata//{*}title/{*}string"))
    title = next((" ".join(t.text.split()) for t in titles if t is not None and t.text), None)
    if chosen is not None:
        _package_items(chosen, 1, pages, items)
    if not any(i.member for i in items):
        return title or None, [CoursePage(1, "", m) for m in pages.values()]
    return title or None, items


def _package_items(
    parent: etree._Element, level: int, pages: dict[str, str], items: list[CoursePage]
) -> None:
    for item in parent.iterfind("{*}item"):
        if len(items) >= MAX_PACKAGE_ITEMS or level > MAX_PACKAGE_DEPTH:
            return
        title = item.find("{*}title")
        text = " ".join((title.text or "").split()) if title is not None else ""
        items.append(CoursePage(level, text, pages.get(item.get("identifierref") or "")))
        # an untitled item is a wrapper (Canvas's "LearningModules" over its modules): no
        # heading of its own, so its items stand at its level
        _package_items(item, level + 1 if text else level, pages, items)


def _package_member(href: str, names: set[str]) -> str | None:
    """The ZIP member a resource's href names when it is an HTML page the ZIP holds (its
    query or fragment dropped), None otherwise; a href leaving the ZIP refuses the upload."""
    path = urllib.parse.unquote(href.split("#")[0].split("?")[0]).replace("\\", "/")
    if not path.lower().endswith(_PAGE_SUFFIXES) or "://" in href:
        return None
    joined = posixpath.normpath(path)
    if path.startswith("/") or joined == ".." or joined.startswith("../"):
        raise CorruptDocument(
            "unreadable", f"the course package names a page outside the package ({href})"
        )
    return joined if joined in names else None


def _has_course_pages(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return any(p.member for p in course_pages(archive)[1])
    except BROKEN_ZIP as error:
        raise CorruptDocument("unreadable", f"the course package is broken ({error})") from error


# An H5P package (.h5p: an Interactive Book, a Question Set, a Course Presentation): h5p.json
# at the root and the content's text as JSON in content/content.json beside the players'
# JavaScript libraries. Refused as "a ZIP archive that is not a Word document", the teacher
# was told nothing of how to upload its text.
_H5P_MANIFEST = "h5p.json"
_H5P_CONTENT = "content/content.json"


# An Anki deck package (.apkg, .colpkg): a ZIP of the collection as SQLite (collection.anki2,
# or .anki21 from Anki 2.1) and a media index, read by `readers/anki`. Anki 2.1.50 and later
# write the collection compressed (collection.anki21b, zstd) beside a collection.anki2 that
# only holds a "please update Anki" note: such a package is refused, saying how to export
# one we read, as is a package without a collection.
_ANKI_COLLECTIONS = ("collection.anki2", "collection.anki21", "collection.anki21b")
_ANKI_READABLE = ("collection.anki21", "collection.anki2")  # the newer first
_ANKI_COMPRESSED = "collection.anki21b"


def anki_collection(names: set[str]) -> str | None:
    """The member of an Anki package holding a collection we read, or None."""
    if _ANKI_COMPRESSED in names and "collection.anki21" not in names:
        return None  # its collection.anki2 is the placeholder newer Anki writes
    return next((c for c in _ANKI_READABLE if c in names), None)


# A LaTeX project as a ZIP (Overleaf's "Download Source", a teacher's zipped folder): main.tex
# pulling its chapters in with \input beside a .bib and figures, read by
# `readers/latex_project`. Its main file is the .tex that declares \documentclass at a line's
# start; a ZIP of .tex files none of which does (chapters without their book) is refused.
_LATEX_SOURCE = ".tex"
_DOCUMENT_CLASS = re.compile(r"^[ \t]*\\documentclass\b", re.MULTILINE)
MAX_LATEX_FILES = 500  # .tex members looked at for the main file


def latex_main(archive: zipfile.ZipFile) -> str | None:
    """The project's main .tex member: the one that declares \\documentclass (of several,
    one named main.tex, else the one nearest the root), or None. Only the head of each is
    read; macOS's __MACOSX/ copies are no sources."""
    sources = [
        n
        for n in archive.namelist()
        if n.lower().endswith(_LATEX_SOURCE) and not n.startswith("__MACOSX/")
    ][:MAX_LATEX_FILES]
    mains = []
    for name in sources:
        with archive.open(name) as member:
            head = member.read(HEAD_BYTES).decode("utf-8", errors="replace")
        if _DOCUMENT_CLASS.search(head):
            mains.append(name)
    if not mains:
        return None
    return min(mains, key=lambda n: (PurePath(n).name.lower() != "main.tex", n.count("/"), n))


def _has_latex_main(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return latex_main(archive) is not None
    except BROKEN_ZIP as error:
        raise CorruptDocument(
            "unreadable", f"the zipped LaTeX project is broken ({error})"
        ) from error


# An Open edX course export (Studio's Export Course, .tar.gz of OLX): course.xml under the
# archive's folder, the course's text as html/*.html pages beside chapter/, sequential/ and
# vertical/ XML that only order them. Refused as "application/gzip is not a kind of
# document", the course designer was told nothing of the pages inside.
_GZIP = b"\x1f\x8b"
_EDX_COURSE = (
    "an Open edX course export (OLX, .tar.gz), not a kind of document we read; unpack it and"
    " upload the .html files of its html folder (the course's pages), or each unit as PDF"
)
# CNKI's own formats (a thesis or article downloaded from 中国知网 in "CAJ下载"): CAJ
# ("CAJ\0"), a thesis's NH ("HN\0\0") and KDH ("KDH ", a PDF enciphered for CAJViewer),
# the signatures CAJViewer and caj2pdf tell them by. Their text is compressed or
# enciphered page streams: they were refused as "binary content (application/octet-stream)",
# and the teacher was not told that the same article downloads as PDF. A binary file only
# (text holds no NUL), so a note that opens on the letters "CAJ" is still read.
_CNKI_SIGNATURES = (b"CAJ\0", b"HN\0\0", b"KDH ")
_CNKI_FILE = (
    "a CNKI (中国知网) CAJ, KDH or NH file, which only CAJViewer reads; download the article"
    ' as PDF from CNKI ("PDF下载"), or print it to PDF from CAJViewer, and upload that'
)
_EDX_FOLDERS = frozenset({"chapter", "sequential", "vertical", "html", "problem"})
MAX_TAR_MEMBERS = 2000


def _is_edx_course(path: Path) -> bool:
    """Whether the gzip file is a tar archive holding course.xml at its root or one folder
    down beside OLX's folders (only the member list is read, up to `MAX_TAR_MEMBERS`)."""
    roots: set[str] = set()
    folders: set[str] = set()
    try:
        with tarfile.open(path, mode="r|gz") as archive:
            for count, member in enumerate(archive):
                # a member list is read as the archive inflates: stop where a ZIP's
                # inflating is stopped, so a gzip bomb costs no more than a zip bomb
                if (
                    count >= MAX_TAR_MEMBERS
                    or member.offset_data + member.size > MAX_UNPACKED_BYTES
                ):
                    break
                parts = PurePath(member.name).parts
                if parts and parts[-1] == "course.xml" and len(parts) <= 2:
                    roots.add("/".join(parts[:-1]))
                if len(parts) >= 2 and parts[-2] in _EDX_FOLDERS:
                    folders.add("/".join(parts[:-2]))
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error):
        pass  # a damaged archive still tells what it is by what was read of it
    return bool(roots & folders)


def _not_a_word_document(names: set[str], mimetype: str) -> str:
    """What the archive is, and how to upload its content instead."""
    if _CARTRIDGE_MANIFEST in names:
        pages = (
            "its wiki_content folder" if any(n.startswith("wiki_content/") for n in names) else "it"
        )
        return (
            "a course package (SCORM, Canvas .imscc or IMS Common Cartridge) whose manifest"
            " names no HTML page, which is all of it we read; upload its pages' text as"
            f" .html, PDF or DOCX files (unzipped from {pages}, or exported from the course)"
        )
    if _H5P_MANIFEST in names and _H5P_CONTENT in names:
        return (
            "an H5P package (.h5p), not a kind of document we read; upload its text instead:"
            " the source document it was made from, or its pages printed to PDF"
        )
    if any(c in names for c in _ANKI_COLLECTIONS):
        return (
            "an Anki deck package (.apkg) in the compressed format of Anki 2.1.50 and later,"
            ' which we do not read; in Anki choose File > Export, tick "Support older Anki'
            ' versions" and upload that package, or choose "Notes in Plain Text (.txt)" and'
            " upload the .txt file"
        )
    if any(n.lower().endswith(_LATEX_SOURCE) for n in names):
        return (
            "a zipped LaTeX project (as Overleaf's Download Source saves one) with no main"
            " .tex file (none declares \\documentclass); upload its compiled PDF, or zip the"
            " project with its main .tex file"
        )
    what = (
        f"an OpenDocument {mimetype.removeprefix(_OPENDOCUMENT)} file"
        if mimetype.startswith(_OPENDOCUMENT)
        else None
    )
    # every OpenDocument file has content.xml and META-INF/manifest.xml as XMind 8's map
    # has: its `mimetype` entry names it first (an Impress deck was called a mind map)
    if (
        what is None
        and any(c in names for c in _XMIND_CONTENT)
        and any(m in names for m in _XMIND_MANIFEST)
    ):
        return (
            "an XMind mind map (.xmind), not a kind of document we read; export it from XMind"
            " as Markdown (File > Export > Markdown) and upload the .md file"
        )
    pages = sorted(n for n in names if "/" not in n and n.lower().endswith((".html", ".htm")))
    if what is None and pages:
        # Google Docs' "Web page (.html, zipped)" download: the page and its images/ folder;
        # the page itself is a document we read
        return (
            f'a zipped web page (as Google Docs\' "Web page (.html, zipped)" downloads one);'
            f" unzip it and upload {pages[0] if len(pages) == 1 else 'its .html file'}"
        )
    if what is None:
        return (
            "a ZIP archive that is not a Word document or a PowerPoint presentation (no"
            " word/document.xml or ppt/presentation.xml)"
        )
    return (
        f"{what}, not a kind of document we read; save or export it as PDF or DOCX and upload that"
    )


def _text_encoding(head: bytes) -> str | None:
    """The codec for text, or None when the bytes are not text at all."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        return None
    try:
        # final=False: the 64 KB head may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(head).best()
        if best is None:
            return None
        encoding = best.encoding
    text = head.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    replaced = text.count("\ufffd")
    return None if (controls + replaced) > max(8, len(text) // 100) else encoding


# nbformat 4 writes its keys sorted, "cells" first; nbformat 3 names "nbformat" after a
# short "metadata". Only the head is read here: the version is checked when loaded.
_NOTEBOOK_HEAD = re.compile(
    r'\A\ufeff?\s*\{\s*(?:"cells"\s*:\s*\[|[^\[]{0,2000}?"nbformat"\s*:\s*\d)'
)


# a LaTeX document declares itself at a line's start; a chapter file `\input` by a book
# only sections and environments, so its name must say .tex
_LATEX_DOCUMENT = re.compile(r"^[ \t]*\\(?:documentclass|begin\{document\})", re.MULTILINE)
_LATEX_COMMAND = re.compile(
    r"^[ \t]*\\(?:part|chapter|section|subsection|begin\{[a-z*]+\})", re.MULTILINE
)


_PGP_ARMOR = re.compile(r"\A\s*-----BEGIN PGP ")


def _looks_like_notebook(sample: str, name: str) -> bool:
    if PurePath(name).suffix.lower() == ".ipynb":
        return sample.lstrip("\ufeff \t\r\n").startswith("{")
    return _NOTEBOOK_HEAD.match(sample) is not None


def _text_kind(mime: str, sample: str, name: str) -> Kind:
    if _looks_like_notebook(sample, name):
        return "notebook"
    suffix = PurePath(name).suffix.lower()
    if suffix == ".tex" and _LATEX_COMMAND.search(sample):
        return "latex"
    if suffix in _MARKUP_NAMES:
        return _MARKUP_NAMES[suffix]
    if _looks_like_jats(sample):
        return "jats"
    if suffix == ".ptx" or _looks_like_pretext(sample):
        return "pretext"
    if _looks_like_docbook(sample):
        return "docbook"
    if _OPML_ROOT.match(sample):
        return "opml"
    if _ENEX_ROOT.match(sample):
        return "enex"
    if _MOODLE_QUIZ_ROOT.match(sample):
        return "moodlexml"
    if _QTI_ROOT.match(sample):
        return "qti"
    if _MAN_TITLE.match(sample) and _MAN_SECTION.search(sample):
        return "man"
    lowered = sample[:4096].lower()
    if "<html" in lowered or "<!doctype html" in lowered or "<body" in lowered:
        return "html"
    # after a page's own tags: a saved wiki edit page holds its wikitext in a <textarea>
    if _looks_like_dokuwiki(sample):
        return "dokuwiki"
    if _looks_like_wikitext(sample):
        return "mediawiki"
    if _looks_like_textile(sample):
        return "textile"
    # a LaTeX document by its own declaration, unless it is named or reads as another
    # markup: a Markdown tutorial on LaTeX fences "\documentclass{article}" at a line's
    # start, and read through pandoc's LaTeX reader it was mangled
    if (
        _LATEX_DOCUMENT.search(sample)
        and suffix not in (*_MARKDOWN_NAMES, ".html", ".htm")
        and not _looks_like_markdown(sample)
    ):
        return "latex"
    # libmagic calls any text with tags in it HTML: Markdown that pandoc wrote from a
    # paper keeps its figures and tables as HTML ("<figure>", "<table>") between "#"
    # headings, and read as a page its headings were lost in one long paragraph
    if mime in ("text/html", "application/xhtml+xml") and not _looks_like_markdown(sample):
        return "html"
    if suffix in _MARKDOWN_NAMES or mime == "text/markdown" or _looks_like_markdown(sample):
        return "markdown"
    return "text"


# What may come before an XML file's first element: a byte-order mark, the XML declaration,
# comments and a DOCTYPE; each XML kind below is known by the element after it
_XML_PROLOG = r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"


# DocBook: XML whose first element is one of its divisions (a book's chapter file has no
# DOCTYPE of its own; it is included by the book's main file), holding its paragraphs.
# libmagic calls it HTML, and read as a page its `<title>`s were no headings: a
# governance chapter's sections ran into their first sentences ("Version Control Means
# You Can Relax The fact that …" was a definition) and its weeks were named after them.
_DOCBOOK_ROOT = re.compile(
    _XML_PROLOG
    + r"<(?:book|part|chapter|appendix|preface|article|section|sect[1-5]|simplesect|refentry"
    r"|glossary|reference)\b",
    re.DOTALL,
)
_DOCBOOK_NAMED = re.compile(r"<!DOCTYPE[^>]*DocBook|xmlns=[\"']http://docbook\.org/ns/docbook")


# OPML, an outliner's export (幕布, WorkFlowy, Dynalist): XML whose first element is
# <opml>. libmagic calls it HTML, and as a page it had no text: its bullets are attributes.
_OPML_ROOT = re.compile(_XML_PROLOG + r"<opml\b", re.DOTALL)


# JATS, the XML of a journal article (an open-access publisher's or a paper repository's
# download, PubMed Central's .nxml): it names JATS or the NLM journal DTDs it grew from in
# its DOCTYPE, or opens on <article> with the <front> matter JATS gives every article.
# libmagic calls it HTML, and read as a page its sections' titles ran into their text
# ("3.3.Entrainment by light Entrainment is …" described "zeitgeber") and the journal's,
# the authors' and the references' names were text.
_JATS_NAMED = re.compile(r"<!DOCTYPE\s+article\b[^>]*(?:JATS|-//NLM//DTD)")
_JATS_ROOT = re.compile(
    _XML_PROLOG + r"<article\b[^>]*>\s*<front>\s*<(?:journal|article)-meta\b",
    re.DOTALL,
)


# An Evernote (印象笔记) export: XML whose first element is <en-export>, each note's body
# an ENML page inside CDATA. libmagic calls it text, and read as text its markup was the
# concepts ("note-attributes", "en-todo checked", "encoding") and no term was defined.
_ENEX_ROOT = re.compile(
    _XML_PROLOG + r"<en-export\b",
    re.DOTALL,
)


# A Moodle XML quiz bank (a question bank's export, or a quiz's questions to import
# elsewhere): XML whose first element is <quiz>. libmagic calls it text, and read as text
# its tag names were the concepts ("questiontext", "shuffleanswers") and no term defined.
_MOODLE_QUIZ_ROOT = re.compile(_XML_PROLOG + r"<quiz\b", re.DOTALL)


# An IMS QTI 1.2 quiz (Canvas's quiz export, a Blackboard or Brightspace pool, Respondus):
# XML whose first element is <questestinterop>. libmagic calls it text, and read as text
# its tag names were the concepts ("qtimetadatafield", "mattext texttype") and no term
# was defined: a 12-term mitosis quiz had 26 of its 35 concepts from its markup.
_QTI_ROOT = re.compile(_XML_PROLOG + r"<(?:\w+:)?questestinterop\b", re.DOTALL)


# A manual page's source in troff's -man macros (a course's command reference, a tool's
# `prog.1`, as help2man and hand-writers leave it): after `.\"` comment lines, a ".TH
# NAME SECTION" title line, then ".SH" sections. libmagic calls it text, and read as text
# its macros were words: ".SH Description" named weeks, "SH name" was a concept and the
# ".TP" entries of its permission bits defined nothing (5 of a page's 14 key terms).
_MAN_TITLE = re.compile(r"\A\ufeff?(?:[.'][ \t]*(?:\\\"[^\n]*)?\n|[ \t]*\n)*\.TH[ \t]+\S")
_MAN_SECTION = re.compile(r"^\.SH\b", re.M)


# PreTeXt, the XML that many open mathematics textbooks are written in (a book's
# `<pretext>` or older `<mathbook>` main file, or one chapter's file, which opens on its
# division as DocBook's does, named .ptx or .xml). Its paragraphs are `<p>`, never
# DocBook's `<para>`. Read by pandoc's DocBook reader, each of its own elements (`<m>`
# for maths, `<term>`, an index entry's `<idx><h>`) broke the sentence around it into a
# paragraph of its own: "Define a / left coset / Coset / left / of / H".
_PRETEXT_ROOT = re.compile(
    _XML_PROLOG + r"<(?:pretext|mathbook)\b",
    re.DOTALL,
)
_PRETEXT_PARAGRAPH = re.compile(r"<p>|<p\s[^>]*xml:id=")
_DOCBOOK_PARAGRAPH = re.compile(r"<(?:sim)?para[\s>]")


def _looks_like_pretext(sample: str) -> bool:
    if _PRETEXT_ROOT.match(sample):
        return True
    return (
        _DOCBOOK_ROOT.match(sample) is not None
        and not _DOCBOOK_NAMED.search(sample[:4096])
        and _PRETEXT_PARAGRAPH.search(sample) is not None
        and _DOCBOOK_PARAGRAPH.search(sample) is None
    )


def _looks_like_jats(sample: str) -> bool:
    return _JATS_NAMED.search(sample[:4096]) is not None or _JATS_ROOT.match(sample) is not None


def _looks_like_docbook(sample: str) -> bool:
    if _DOCBOOK_NAMED.search(sample[:4096]):
        return True  # it names DocBook in its DOCTYPE or its namespace
    return _DOCBOOK_ROOT.match(sample) is not None and "<para" in sample


# MediaWiki's wikitext, as a teacher copies it from a wiki's edit box (Wikibooks,
# Wikiversity, Wikipedia): "== Heading ==" lines and the wiki's own marks ('''bold''',
# [[links]], {{templates}}, <ref> notes), none of which Markdown or plain text writes.
# Read as plain text, "<math>" and "[[plane (mathematics)|plane]]" named the concepts
# "math" and "mathematics", and the page had no sections.
_WIKI_HEADING = re.compile(r"^(={2,6})[ \t]*[^=\s][^\n]*?[ \t]*\1[ \t]*$", re.MULTILINE)
_WIKI_MARKS = re.compile(r"'''|\[\[[^\]\n]+\]\]|\{\{[^}\n]+\}\}|<ref[ >]|<math>")


def _looks_like_wikitext(sample: str) -> bool:
    return len(_WIKI_HEADING.findall(sample)) >= 2 and len(_WIKI_MARKS.findall(sample)) >= 3


# DokuWiki's markup (a course wiki's page, as its edit box or data/pages/*.txt holds it):
# "=" headings as MediaWiki's ("====== Title ======" is its top level), [[links]] and
# {{media}} too, but its own bold, italics, tables, lists and footnotes. Read as
# MediaWiki, "**Total float** (also called slack) is …" kept its stars in a definition,
# lists and tables ran into paragraphs and half of a scheduling page's terms were lost.
_DOKUWIKI_MARKS = re.compile(
    r"\*\*[^*\n]+\*\*|(?<![:/])//[^/\n]+(?<!:)//|^\^[^\n]*\^[ \t]*$|^ {2,}[*-] \S"
    r"|\(\([^()\n]+\)\)|^~~[A-Z]+~~[ \t]*$|<(?:code|file|nowiki)\b",
    re.MULTILINE,
)
# marks MediaWiki writes and DokuWiki does not: '''bold''', <ref>, <math>, "{|" tables,
# lists at the line's start
_MEDIAWIKI_ONLY = re.compile(r"'''|<ref[ >]|<math>|^\{\||^[*#]+ ", re.MULTILINE)


def _looks_like_dokuwiki(sample: str) -> bool:
    if len(_WIKI_HEADING.findall(sample)) < 2:
        return False
    marks = len(_DOKUWIKI_MARKS.findall(sample))
    return marks >= 3 and marks > len(_MEDIAWIKI_ONLY.findall(sample))


# Textile, the markup of Redmine's wiki and issues (a course's project wiki, saved from its
# edit box or exported as .txt): a block opens with its signature and a dot at a line's
# start, "h2. Heading", "p(note). …", "bq. …", "bc. code", "fn1. note". Read as text, its
# headings were paragraphs ("h2. Techniques" was a concept) and its "*bold*" terms no
# emphasis: a 19-term accessibility page had 6 concepts. Its "# item" lists look like
# Markdown's headings, so it is told apart first.
_TEXTILE_HEADING = re.compile(r"^h[1-6](?:\([^)\n]*\)|\{[^}\n]*\}|[<>=]+)*\.[ \t]+\S", re.M)
_TEXTILE_BLOCK = re.compile(
    r"^(?:p|bq|bc|pre|fn\d+)(?:\([^)\n]*\)|\{[^}\n]*\}|[<>=]+)*\.\.?[ \t]+\S", re.M
)


def _looks_like_textile(sample: str) -> bool:
    headings = len(_TEXTILE_HEADING.findall(sample))
    return headings >= 2 and headings + len(_TEXTILE_BLOCK.findall(sample)) >= 3


def _looks_like_markdown(sample: str) -> bool:
    """Markup a Markdown writer leaves: a code fence, or a "#" heading standing alone
    between blank lines, besides a few list, quote or table lines. A "#" line inside a
    text file's code is a comment: it sits next to code or to more comments ("# init",
    "n = 1"; a commit template's "#" block), so it does not count as a heading."""
    lines = sample.splitlines()[:400]
    marks = sum(
        1
        for line in lines
        if line.startswith(("# ", "## ", "### ", "```", "* ", "- ", "> ")) or line.startswith("|")
    )
    fenced = any(line.startswith(("```", "~~~")) for line in lines)
    return marks >= 3 and (fenced or any(_lone_heading(lines, i) for i in range(len(lines))))


_ATX = re.compile(r"#{1,6}\s+\S")


def _lone_heading(lines: list[str], index: int) -> bool:
    def blank(i: int) -> bool:
        return i < 0 or i >= len(lines) or not lines[i].strip()

    return bool(_ATX.match(lines[index])) and blank(index - 1) and blank(index + 1)


def _check_extension(filename: str | None, kind: Kind) -> None:
    if not filename:
        return
    family = _EXTENSION_FAMILY.get(PurePath(filename).suffix.lower())
    # a notebook saved as .json or .txt is still read as one; a .ipynb must be one
    text_kinds = ("markdown", "html", "text") if family == "notebook" else TEXT_KINDS
    actual = "text" if kind in text_kinds else kind
    if family is not None and family != actual:
        raise UnsupportedDocument(
            "extension_mismatch",
            f"the name says {PurePath(filename).suffix.lower()} but the content is {kind}",
        )


def inspect(
    path: Path, *, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Detected:
    """`detect`, then a look inside containers: a PDF must open without a password, a
    DOCX or PPTX must not be a ZIP bomb. What passes here can be read by the job's readers."""
    detected = detect(path, filename=filename, max_bytes=max_bytes)
    if detected.kind == "pdf":
        check_pdf(path)
    elif detected.kind in _MAIN_PART:
        kind: OfficeKind = detected.kind  # type: ignore[assignment]
        check_office_archive(path, kind)
        check_office_xml(path, kind)
    elif detected.kind in ("anki", "latexproject", "coursepackage"):
        check_office_archive(path, detected.kind)  # type: ignore[arg-type]
    elif detected.kind == "notebook":
        load_notebook(path, detected.encoding or "utf-8")
    return detected


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """The PDF opened with pdfium; CorruptDocument when it is encrypted or broken."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise CorruptDocument(
                "encrypted", "the PDF is encrypted (password protected)"
            ) from error
        raise CorruptDocument("corrupt_pdf", f"the PDF cannot be opened ({error})") from error


def check_pdf(path: Path) -> None:
    """Refuse a PDF pdfium cannot open: encrypted (password protected) or corrupt."""
    with _PDFIUM:
        document = open_pdf(path)
        try:
            if len(document) == 0:
                raise CorruptDocument("corrupt_pdf", "the PDF has no pages")
        finally:
            document.close()


def check_office_xml(path: Path, kind: OfficeKind) -> None:
    """Refuse a DOCX, PPTX, ODT or EPUB whose main part (`_MAIN_PART`) is not well-formed
    XML (streamed, entities off)."""
    part = _MAIN_PART[kind]
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as member:
            for _, element in etree.iterparse(
                member, events=("end",), resolve_entities=False, no_network=True
            ):
                element.clear()  # keep memory flat on a long document
    except etree.XMLSyntaxError as error:
        raise CorruptDocument(_CORRUPT[kind], f"{part} is not well-formed XML ({error})") from error
    except BROKEN_ZIP as error:
        raise CorruptDocument(_CORRUPT[kind], f"{part} cannot be unpacked ({error})") from error


_CORRUPT: dict[ArchiveKind, Reason] = {
    "docx": "corrupt_docx",
    "pptx": "corrupt_pptx",
    "odt": "corrupt_odt",
    "epub": "corrupt_epub",
    "xlsx": "corrupt_xlsx",
    "odp": "corrupt_odp",
    "ods": "corrupt_ods",
    "anki": "unreadable",
    "latexproject": "unreadable",
    "coursepackage": "unreadable",
}


def check_office_archive(path: Path, kind: ArchiveKind) -> None:
    """Refuse ZIP bombs: declared sizes, ratios and the bytes really inflated are bounded.
    DOCX, PPTX, ODT and EPUB are all ZIPs of XML: one set of bounds; `kind` names the
    reason a broken container gives."""
    corrupt = _CORRUPT[kind]
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise CorruptDocument("zip_bomb", f"{len(entries)} entries in the archive")
            declared = sum(e.file_size for e in entries)
            if declared > MAX_UNPACKED_BYTES:
                raise CorruptDocument("zip_bomb", f"declares {declared} bytes unpacked")
            for entry in entries:
                if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(
                    entry.compress_size, 1
                ):
                    raise CorruptDocument(
                        "zip_bomb",
                        f"{entry.filename} inflates {entry.compress_size} bytes"
                        f" to {entry.file_size}",
                    )
            inflated = 0
            for entry in entries:  # declared sizes can lie: count what really comes out
                with archive.open(entry) as member:
                    while chunk := member.read(1024 * 1024):
                        inflated += len(chunk)
                        if inflated > MAX_UNPACKED_BYTES:
                            raise CorruptDocument(
                                "zip_bomb", f"inflates past {MAX_UNPACKED_BYTES} bytes"
                            )
    except NotImplementedError as error:  # an unsupported compression method or version
        raise CorruptDocument(corrupt, f"unsupported ZIP compression ({error})") from error
    except BROKEN_ZIP as error:
        raise CorruptDocument(corrupt, f"the ZIP container is broken ({error})") from error
