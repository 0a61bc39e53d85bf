r"""A zipped LaTeX project (Overleaf's "Download Source", a teacher's zipped folder): the main
.tex (the one declaring \documentclass, `detect.latex_main`) with the files it pulls in by
\input and \include put in their place, then read as one LaTeX file is (`readers/pandoc`).

Refused as "a ZIP archive", a lecture whose sections were each an \input file could only
be uploaded as its PDF. A file is looked for inside the ZIP only, from the main file's
folder as LaTeX looks for it; a name that leaves the project ("../x", "/etc/x") refuses the
upload, nesting stops at `MAX_DEPTH` and the whole at `MAX_PROJECT_BYTES`. A file the ZIP
does not hold is left out, as one .tex file's missing \input is.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
import zipfile
from pathlib import Path

from datasources.files.detect import BROKEN_ZIP, Detected, check_office_archive, latex_main
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import pandoc

MAX_DEPTH = 8
MAX_PROJECT_BYTES = 5 * 1024 * 1024
# \input{name} or \include{name} (braced: the form Overleaf's editor writes)
_INCLUDE = re.compile(r"\\(?:input|include)[ \t]*\{([^{}\n]+)\}")
# a comment's start: a "%" no backslash escapes
_COMMENT = re.compile(r"(?<!\\)%")


def read(path: Path, detected: Detected) -> ReadDocument:
    check_office_archive(path, "latexproject")  # the ZIP's bounds, as an upload's
    try:
        with zipfile.ZipFile(path) as archive:
            main = latex_main(archive)
            if main is None:
                raise UnsupportedDocument(
                    "unsupported_type", "the zipped LaTeX project has no main .tex file"
                )
            source = _Project(archive, posixpath.dirname(main)).text(main, 0)
    except BROKEN_ZIP as error:
        raise CorruptDocument(
            "unreadable", f"the zipped LaTeX project is broken ({error})"
        ) from error
    with tempfile.TemporaryDirectory() as folder:
        whole = Path(folder) / "main.tex"
        whole.write_text(source, encoding="utf-8")
        return pandoc.read(whole, Detected(detected.kind, detected.mime_type, "utf-8"))


class _Project:
    """The project's files, read once each into one text."""

    def __init__(self, archive: zipfile.ZipFile, root: str) -> None:
        self.archive = archive
        self.root = root
        self.names = set(archive.namelist())
        self.size = 0

    def text(self, name: str, depth: int) -> str:
        """The file `name` with what it includes in place."""
        with self.archive.open(name) as member:
            data = member.read(MAX_PROJECT_BYTES - self.size + 1)
        self.size += len(data)
        if self.size > MAX_PROJECT_BYTES:
            raise UnsupportedDocument(
                "too_large", f"the LaTeX project's text is over {MAX_PROJECT_BYTES} bytes"
            )
        text = data.decode("utf-8", errors="replace")
        return _INCLUDE.sub(lambda found: self._included(found, text, depth), text)

    def _included(self, found: re.Match[str], text: str, depth: int) -> str:
        line = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        if _COMMENT.search(line):
            return found.group(0)  # commented out: LaTeX does not read it
        wanted = found.group(1).strip()
        member = self._member(wanted)
        if member is None:
            return ""
        if depth + 1 > MAX_DEPTH:
            raise CorruptDocument(
                "unreadable", f"the LaTeX project's files include each other past {MAX_DEPTH} deep"
            )
        return self.text(member, depth + 1)

    def _member(self, wanted: str) -> str | None:
        """The ZIP member `wanted` names from the main file's folder ("ch/one" is
        ch/one.tex), or None when the ZIP does not hold it; one outside the project
        refuses the upload."""
        joined = posixpath.normpath(posixpath.join(self.root, wanted))
        if wanted.startswith(("/", "\\")) or joined == ".." or joined.startswith("../"):
            raise CorruptDocument(
                "unreadable",
                f"the LaTeX project includes a file outside the project ({wanted})",
            )
        for name in (joined, f"{joined}.tex"):
            if name in self.names and not name.endswith("/"):
                return name
        return None
