"""ENEX: an Evernote (印象笔记) export of one note or a notebook's notes, read as the notes
it holds.

The export is XML: an `<en-export>` of `<note>`s, each with its `<title>`, tags,
timestamps and attributes, its body an ENML page (XHTML with `<en-note>` for `<body>`)
inside `<content>` as CDATA, and its images as base64 `<resource>`s. Each note is read as
a section headed by its title, its ENML as the page it is: a check box (`<en-todo>`) and
an image (`<en-media>`, `<en-crypt>`) carry no text. Only the title, the body and nothing
of the metadata are kept; the result goes through the HTML reader. Read as text, the
export's markup was the concepts ("note-attributes", "en-todo checked") and no term was
defined.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from datasources.files.detect import Detected
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import html as html_reader
from jobs.pipeline.readers import xmlfile

# the ENML page's own prolog and its Evernote tags with no text for a reader: a to-do's
# check box, an attachment or image, an encrypted passage
_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_NO_TEXT = re.compile(
    r"<en-(?:todo|media)\b[^>]*/>|<en-(?:media|crypt)\b[^>]*>.*?</en-(?:media|crypt)>",
    re.IGNORECASE | re.DOTALL,
)
_NOTE_TAG = re.compile(r"<(/?)en-note\b", re.IGNORECASE)


def read(path: Path, detected: Detected) -> ReadDocument:
    """The notes of the export at `path` as one document, a section a note; one note's
    title is the document's. A file that is no well-formed ENEX is corrupt."""
    root = xmlfile.parse_root(path.read_bytes(), "en-export", "the Evernote export")
    notes = root.findall("note")
    titles = [" ".join((note.findtext("title") or "").split()) for note in notes]
    pages = []
    for title, note in zip(titles, notes, strict=True):
        heading = f"<h1>{html.escape(title)}</h1>" if title else ""
        pages.append(f"<section>{heading}{_body(note.findtext('content') or '')}</section>")
    source = f"<html><body>{''.join(pages)}</body></html>"
    document = html_reader.from_source(source, detected)
    if len(notes) == 1 and titles[0]:
        return replace(document, title=titles[0])
    return document


def _body(enml: str) -> str:
    """A note's ENML page as HTML: its prolog gone, <en-note> a <div>, no tag without text."""
    return _NOTE_TAG.sub(r"<\1div", _NO_TEXT.sub("", _PROLOG.sub("", enml)))
