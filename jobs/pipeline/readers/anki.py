"""An Anki deck package (.apkg, .colpkg): a ZIP holding the collection as SQLite
(collection.anki21, or collection.anki2 from older Anki) beside its media.

Refused as "a ZIP archive", a teacher's deck had to be exported again as text before it
was read; its notes are read here as that text export is (`flashcards.note_blocks`): the
deck's name, one glossary entry a Front/Back note, a Cloze note's sentence with its answer
filled in. Media are left out. The collection is copied out of the ZIP to a temporary file
no larger than `MAX_COLLECTION_BYTES` and opened read-only; a package whose collection
cannot be read as one is refused with a reason, never with sqlite3's own error.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from datasources.files.detect import BROKEN_ZIP, Detected, anki_collection, check_office_archive
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import flashcards
from jobs.pipeline.readers.blocks import virtual_pages

MAX_COLLECTION_BYTES = 100 * 1024 * 1024
MAX_NOTES = 50_000
# SQLite virtual-machine steps a deck's reading may take: a 50,000-note collection is read
# in well under a tenth of them
MAX_QUERY_STEPS = 200_000_000
_STEPS_PER_CALL = 100_000
# what opening, reading or parsing a damaged collection raises: sqlite3's errors, and a
# deck list that is no JSON or not the shape Anki writes
_BAD_COLLECTION = (sqlite3.Error, ValueError, KeyError, TypeError, IndexError, AttributeError)


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "anki")  # the ZIP's bounds, as an upload's
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.sqlite"
        _copy_collection(path, database)
        try:
            deck, notes = _deck_and_notes(database)
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                raise CorruptDocument(
                    "unreadable",
                    f"the Anki deck's collection cannot be read as a database ({error})",
                ) from error
            raise CorruptDocument(
                "unreadable", "the Anki deck's collection takes too much work to read"
            ) from error
        except _BAD_COLLECTION as error:
            raise CorruptDocument(
                "unreadable", f"the Anki deck's collection cannot be read as a database ({error})"
            ) from error
    if not notes:
        raise UnsupportedDocument("no_text", "the Anki deck package holds no notes")
    blocks = flashcards.note_blocks(deck, notes)
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False)


def _copy_collection(path: Path, database: Path) -> None:
    """The package's collection written to `database`, at most `MAX_COLLECTION_BYTES`."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = anki_collection(set(archive.namelist()))
            if member is None:
                raise UnsupportedDocument(
                    "unsupported_type", "the Anki deck package holds no collection we read"
                )
            with archive.open(member) as source, database.open("wb") as target:
                copied = 0
                while chunk := source.read(1024 * 1024):
                    copied += len(chunk)
                    if copied > MAX_COLLECTION_BYTES:
                        raise UnsupportedDocument(
                            "too_large",
                            f"the Anki collection is over {MAX_COLLECTION_BYTES} bytes",
                        )
                    target.write(chunk)
    except BROKEN_ZIP as error:
        raise CorruptDocument("unreadable", f"the Anki deck package is broken ({error})") from error


def _deck_and_notes(database: Path) -> tuple[str, list[list[str]]]:
    """The name of the deck most cards are in, and each note's fields in order."""
    uri = f"{database.as_uri()}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True)
    # someone else's database: no function its schema names runs, and its queries stop at
    # a bound of work (a `notes` view may compute for ever)
    connection.execute("PRAGMA trusted_schema = OFF")
    steps = iter(range(MAX_QUERY_STEPS // _STEPS_PER_CALL))
    connection.set_progress_handler(lambda: next(steps, None) is None, _STEPS_PER_CALL)
    try:
        rows = connection.execute("SELECT flds FROM notes ORDER BY id LIMIT ?", (MAX_NOTES,))
        notes = [str(flds).split(flashcards.FIELD_SEPARATOR) for (flds,) in rows]
        return _deck_name(connection), notes
    finally:
        connection.close()


def _deck_name(connection: sqlite3.Connection) -> str:
    """The name of the deck holding most cards: in the collection's `decks` JSON (Anki 2.0
    and 2.1's older schema) or its own `decks` table (the newer schema, the name's parts
    joined by the field separator where a user sees "::")."""
    top = connection.execute(
        "SELECT did FROM cards GROUP BY did ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    if top is None:
        return ""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    if "decks" in tables:
        row = connection.execute("SELECT name FROM decks WHERE id = ?", (top[0],)).fetchone()
        return str(row[0]).replace(flashcards.FIELD_SEPARATOR, "::") if row else ""
    (decks,) = connection.execute("SELECT decks FROM col").fetchone()
    return str(json.loads(decks or "{}").get(str(top[0]), {}).get("name", ""))
