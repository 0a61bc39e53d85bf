"""A reading app's notes export saved as text (微信读书's "导出笔记"): the book's title in
《》, its author and a note count open it; "◆ …" lines name the chapters, ">> …" lines are
the reader's highlights of the book, and a thought ("2024/03/02发表想法", the reader's own
words, then "原文：" and the highlight it was written on) and the app's closing line
("-- 来自微信读书") are no part of the book. Read as prose, the "◆" and ">>" marks stayed in
titles and definitions, "原文：" opened every definition a thought quoted, and the reader's
asides and the author's name were taught.
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


# Kindle's "My Clippings.txt": one entry a clipping, each the book's line ("Title (Author)",
# a BOM before it), a "- Your Highlight on page 12 | Location 180-182 | Added on …" line,
# a blank, the clipping's text and a "==========" line. Read as prose, the book's line and
# "Highlight" were taught in every entry, and the reader's own notes ("exam: compare …") were
# definitions with the separator and the next book's line run into them.
_KINDLE_END = re.compile(r"\s*={10}\s*")
_KINDLE_META = re.compile(r"\s*-\s*Your\s+(?P<kind>\w+)\b.*\|\s*Added on\b.*", re.IGNORECASE)
_KINDLE_AUTHOR = re.compile(r"\s*\([^()]{1,80}\)\s*$")


def is_kindle_clippings(lines: list[str]) -> bool:
    """Whether `lines` open like Kindle's clippings file: a book's line, its clipping's
    metadata line, and a separator within the first entry."""
    body = [line.lstrip("\ufeff") for line in lines if line.strip()]
    return (
        len(body) >= 3
        and bool(_KINDLE_META.fullmatch(body[1]))
        and any(_KINDLE_END.fullmatch(line) for line in body[2:8])
    )


def _kindle_book(line: str) -> str:
    """A clipping's book line without its BOM and its "(Author)" at the end."""
    return _KINDLE_AUTHOR.sub("", line.lstrip("\ufeff").strip()).strip()


def kindle_title(lines: Iterable[str]) -> str:
    """The first clipping's book, its author off."""
    return next((_kindle_book(line) for line in lines if line.strip()), "")


def kindle_lines(lines: Iterable[str]) -> Iterator[str]:
    """The highlights' text, one paragraph each; the reader's notes and bookmarks and each
    entry's book and metadata lines gone, another book's clippings under its title."""
    entry: list[str] = []
    shown = ""
    for line in lines:
        if not _KINDLE_END.fullmatch(line):
            entry.append(line)
            continue
        text = [item for item in entry if item.strip()]
        entry = []
        if len(text) < 2 or not (meta := _KINDLE_META.fullmatch(text[1])):
            yield from (*text, "")
            continue
        if meta["kind"].lower() != "highlight" or len(text) < 3:
            continue  # the reader's own words or a bookmark: no part of the book
        book = _kindle_book(text[0])
        if shown and book != shown:
            yield from ("", f"== {book} ==", "")
        shown = book
        yield from (*text[2:], "")
    yield from entry
