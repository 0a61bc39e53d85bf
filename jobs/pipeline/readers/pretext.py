"""PreTeXt: the XML many open mathematics textbooks are written in (a book's `<pretext>`
main file, or one chapter's file), read as the page PreTeXt builds from it.

Its divisions (`<chapter>`, `<section>`, `<subsection>`, a titled `<paragraphs>`, a
chapter's `<exercises>`) are headings by their `<title>`; `<p>` and list items are
paragraphs; a `<term>` (the word a sentence defines) and `<em>` are stressed, as they
print. Maths stays in the sentence as TeX: `<m>` inline, `<me>` and `<md>` (display, its
`<mrow>`s one after another) inside the paragraph that holds them, which PreTeXt's
sentences run on through ("… to be the set <me>gH = …</me>."); a lone Greek letter prints
as the letter, and joins the terms around it ("Euler φ-function"). What prints nothing or
no prose is left out: an index entry's `<idx>` (its `<h>` headings), Sage cells (code
and output), images, a cross-reference (it prints a number), the book's `<docinfo>`, a
notation's table entry and an exercise's hint. Everything else prints its text.

The result is HTML, read by the HTML reader; a file that is no well-formed XML is corrupt.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from lxml import etree

from datasources.files.detect import Detected
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import html as html_reader
from jobs.pipeline.readers import xmlfile

# divisions by depth: a chapter's title is the page's, its sections below it
_DIVISIONS = {
    "book": 1,
    "article": 1,
    "part": 1,
    "chapter": 1,
    "appendix": 1,
    "preface": 1,
    "section": 2,
    "exercises": 2,
    "references": 2,
    "glossary": 2,
    "worksheet": 2,
    "subsection": 3,
    "subsubsection": 4,
    "paragraphs": 4,
}
# elements that print no prose of the text
_UNSEEN = frozenset(
    {
        "idx",
        "index",
        "sage",
        "program",
        "console",
        "image",
        "xref",
        "docinfo",
        "notation",
        "hint",
        "latex-image",
        "sageplot",
        "video",
        "interactive",
        "fn",
    }
)
_STRESSED = frozenset({"term", "em", "alert", "defined-term"})
_DISPLAY_MATH = frozenset({"me", "men", "md", "mdn"})
_PARAGRAPHS = frozenset({"p", "li"})
_LISTS = frozenset({"ol", "ul", "dl"})


def read(path: Path, detected: Detected) -> ReadDocument:
    """The PreTeXt file at `path` as the page it builds: its divisions' titles headings."""
    root = xmlfile.parse(path.read_bytes(), "the PreTeXt file")
    body = "".join(_block(child) for child in _top(root))
    return html_reader.from_source(f"<html><body>{body}</body></html>", detected)


def _top(root: etree._Element) -> list[etree._Element]:
    # the main file's root holds `<docinfo>` and the book; a chapter's file is its chapter
    return [root] if _name(root) in _DIVISIONS else list(root)


def _name(node: etree._Element) -> str:
    return node.tag if isinstance(node.tag, str) else ""


def _block(node: etree._Element) -> str:
    """A division or a block element as HTML: a heading for a division's title, a
    paragraph for each `<p>`, a list item each `<li>`, its other children in turn."""
    name = _name(node)
    if not name or name in _UNSEEN:
        return ""
    if name in _PARAGRAPHS:
        return f"<{name}>{_inline(node)}</{name}>"
    if name in _LISTS:
        tag = "ol" if name == "ol" else "ul"
        return f"<{tag}>{''.join(_block(c) for c in node)}</{tag}>"
    if name in _DISPLAY_MATH:
        return f"<p>{_inline(node)}</p>"
    level = _DIVISIONS.get(name)
    parts = []
    for child in node:
        if _name(child) == "title":
            if level is not None:
                parts.append(f"<h{level}>{_inline(child)}</h{level}>")
            continue  # a theorem's or an example's title is its caption, no heading
        parts.append(_block(child))
    return "".join(parts)


def _inline(node: etree._Element) -> str:
    """The text of `node` as HTML: stressed terms, maths as TeX (a lone Greek letter as
    the letter), unseen parts gone; terms set apart by a space, a hyphen or a letter only
    are the one term they print as."""
    return _TERMS_APART.sub(r"\1", _inline_parts(node))


def _inline_parts(node: etree._Element) -> str:
    parts = [html.escape(node.text or "")]
    for child in node:
        name = _name(child)
        if not name or name in _UNSEEN:
            pass
        elif name in _STRESSED:
            parts.append(f"<em>{_inline(child)}</em>")
        elif name == "m" and (letter := _greek_letter(child)):
            parts.append(letter)
        elif name == "m":
            parts.append(f"${_math(child)}$")
        elif name in _DISPLAY_MATH:
            parts.append(f" ${_math(child)}$ ")
        elif name == "q":
            parts.append(f"“{_inline(child)}”")
        elif name in ("c", "tag", "tage", "attr"):
            parts.append(f"<code>{_inline(child)}</code>")
        elif name in _PARAGRAPHS or name in _LISTS:
            parts.append(" " + _block(child))
        else:
            parts.append(_inline(child))
        parts.append(html.escape(child.tail or ""))
    return "".join(parts)


# A lone Greek letter in maths prints as the letter, and a term that names itself by one is
# set as two terms around it: "<term>Euler</term> <m>\\phi</m>-<term>function</term>" prints
# "Euler φ-function" in one bold run. As TeX between two terms the name was cut, and the
# concept was "Euler"; "β-sheet" is one word of a name to the phrase reader.
_TERMS_APART = re.compile(r"</em>(\s*[\u0391-\u03a9\u03b1-\u03c9]?[\s-]*)<em>")
_GREEK_COMMAND = re.compile(r"\\([A-Za-z]+)")


def _greek_letter(node: etree._Element) -> str | None:
    """The Greek letter a maths element is, alone (`\\phi`, `\\Delta`), or None."""
    found = _GREEK_COMMAND.fullmatch("".join(node.itertext()).strip())
    if found is None:
        return None
    name = found.group(1)
    case = "CAPITAL" if name[0].isupper() else "SMALL"
    try:
        return unicodedata.lookup(f"GREEK {case} LETTER {name.upper()}")
    except KeyError:
        return None


def _math(node: etree._Element) -> str:
    """TeX of a maths element, its rows (`<mrow>`) joined as an aligned display's are."""
    rows = node.findall("mrow")
    if rows:
        return html.escape(r" \\ ".join(" ".join("".join(r.itertext()).split()) for r in rows))
    return html.escape(" ".join("".join(node.itertext()).split()))
