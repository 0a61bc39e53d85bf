"""A reading app's notes export saved as text (微信读书's "导出笔记"): the book's title in
《》, its author and a note count open it; "◆ …" lines name the chapters, ">> …" lines are
the reader's highlights of the book, and a thought ("2024/03/02发表想法", the reader's own
words, then "原文：" and the highlight it was written on) and the app's closing line
("-- 来自微信读书") are no part of the book. Read as prose, the "◆" and ">>" marks stayed in
titles and definitions, "原文：" opened every definition a thought quoted, and the reader's
asides and the author's name were taught. An e-reader's clippings file (Kindle's "My
Clippings.txt") is read here too (`clipping_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# the export's header: the book's title in 《》, then (its author and) "32个笔记" within a
# few lines; a note that merely opens on a book's title has no note count under it
_BOOK_TITLE = re.compile(r"\s*《(?P<title>[^《》]{1,80})》\s*")
_NOTE_COUNT = re.compile(r"\s*\d{1,6}\s*个笔记\s*")
_HEADER_LINES = 4
_CHAPTER = re.compile(r"\s*◆\s*(?P<title>\S.*)")
_HIGHLIGHT = re.compile(r"\s*>>\s?")
# "2024/03/02发表想法": a thought's date line; the thought runs to its "原文：" quote line
_THOUGHT = re.compile(r"\s*\d{4}/\d{1,2}/\d{1,2}\s*发表想法\s*")
_QUOTE = re.compile(r"\s*原文\s*[：:]")
_CLOSING = re.compile(r"\s*--\s*来自\S{1,12}\s*")


def header_length(lines: list[str]) -> int:
    """How many lines the notes export's header opening `lines` takes (its title, author
    and note count), 0 when the text does not open with one."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start == len(lines) or not _BOOK_TITLE.fullmatch(lines[start]):
        return 0
    for index in range(start + 1, min(len(lines), start + 1 + _HEADER_LINES)):
        if _NOTE_COUNT.fullmatch(lines[index]):
            return index + 1
    return 0


def book_title(header: Iterable[str]) -> str:
    """The book's title, its 《》 off."""
    for line in header:
        if match := _BOOK_TITLE.fullmatch(line):
            return match["title"].strip()
    return ""


def book_lines(lines: Iterable[str]) -> Iterator[str]:
    """The export's body as plain text: a chapter line a heading without "◆", a
    highlight without ">>", the reader's thoughts and the app's closing line gone."""
    in_thought = False
    for line in lines:
        if in_thought:
            # the thought ends at its quote of the highlight, which the export gave above
            in_thought = not _QUOTE.match(line)
            continue
        if _THOUGHT.fullmatch(line):
            in_thought = True
        elif _CLOSING.fullmatch(line):
            continue
        elif chapter := _CHAPTER.fullmatch(line):
            # a chapter under the book's title, written as the text reader's wrapped
            # heading ("== … =="): a lone "第一讲 两个系统" was read as a paragraph
            yield from ("", f"== {chapter['title'].strip()} ==", "")
        else:
            yield line[_HIGHLIGHT.match(line).end() :] if _HIGHLIGHT.match(line) else line


# An e-reader's clippings file (Kindle's "My Clippings.txt"): one entry a clipping, each
# the book's title line ("书名 (作者)"), a line saying what it is and where
# ("- 您在第 45 页（位置 #678-681）的标注 | 添加于 …", "- Your Highlight on page 12 |
# Location 170-172 | Added on …"), a blank line, the clipped text, and "==========".
# Read as prose, every entry's title and author were taught as concepts (they open every
# entry), the separator ran into the clipping before it, and the reader's own notes
# ("考试重点：…") were defined as terms.
_CLIPPING_META = re.compile(
    r"\s*-\s*(?:您在.{0,60}?的(?P<zh>标注|笔记|书签)"
    r"|Your\s+(?P<en>Highlight|Note|Bookmark)\b.{0,80}?)\s*\|\s*(?:添加于|Added on)\b.*"
)
_CLIPPING_END = re.compile(r"\s*={10}\s*")
# "刑法学讲义（第二版） (王伟)": the title line ends in the author in half-width brackets
_CLIPPING_AUTHOR = re.compile(r"\s+\([^()]{1,80}\)\s*$")
_CLIPPING_HEAD_LINES = 3


def clippings_title(lines: list[str]) -> str:
    """The first clipping's book title (its author off) when `lines` open an e-reader's
    clippings file, else ""."""
    text = [line.lstrip("\ufeff") for line in lines[:_CLIPPING_HEAD_LINES] if line.strip()]
    if len(text) < 2 or not _CLIPPING_META.fullmatch(text[1]):
        return ""
    return _CLIPPING_AUTHOR.sub("", text[0]).strip()


def clipping_lines(lines: Iterable[str]) -> Iterator[str]:
    """The clippings file as plain text: each highlight a paragraph, a book other than the
    one before it a section ("== title =="); the reader's notes and bookmarks (no part of
    the book) and a highlight kept again when the reader extended it (the e-reader keeps
    both) gone."""
    entry: list[str] = []
    book, seen = "", set()
    pending = ""  # the last highlight, held back in case the next one extends it

    def close() -> Iterator[str]:
        nonlocal book, pending
        text = [line.lstrip("\ufeff") for line in entry]
        start = next((i for i, line in enumerate(text) if line.strip()), len(text))
        meta = _CLIPPING_META.fullmatch(text[start + 1]) if start + 1 < len(text) else None
        entry.clear()
        if meta is None:  # not an entry's shape: its text as it stands
            yield from text
            return
        if (meta["zh"] or meta["en"]) not in ("标注", "Highlight"):
            return  # the reader's own note, or a bookmark with no text
        body = " ".join(line.strip() for line in text[start + 2 :] if line.strip())
        title = _CLIPPING_AUTHOR.sub("", text[start]).strip()
        if pending and (pending in body or body in pending) and title == book:
            pending = max(pending, body, key=len)
            return
        if pending and pending not in seen:
            seen.add(pending)
            yield from (pending, "")
        if title != book:
            if book:  # the first book is the document's title (`clippings_title`)
                yield from ("", f"== {title} ==", "")
            book = title
        pending = body

    for line in lines:
        if _CLIPPING_END.fullmatch(line):
            yield from close()
        else:
            entry.append(line)
    yield from close()
    if pending and pending not in seen:
        yield pending
