"""A page of an Atlassian Confluence space saved with "Export to HTML" (Space tools ›
Export, or a page's ⋯ › Export): the page's body with the export's own furniture around it.

What the export adds is no part of the page a teacher wrote: the title set as
"Space name : Page name" (the space is the first breadcrumb), the line "Created by …, last
modified by … on …" under it, and after the body the "Attachments:" (and "Comments:")
sections listing files and replies. Read as they stood, a soil-science page exported from
a course space had the concept "Attachments" and a course module named after it, and its
title, the heading every topic was "introduced under", began with the space's name.

So the title keeps only the page's name, and the metadata line and the sections after the
body go. Each is found by the classes and ids Confluence's export template gives it
(`#title-text`, `.page-metadata`, `.pageSection` with a `.pageSectionHeader`); a page
without them is left as it was.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

_TITLE = "#title-text"
_SPACE = "#breadcrumbs li, #breadcrumb-section li"
_METADATA = ".page-metadata"
_AFTER_BODY = ".pageSection"
_AFTER_BODY_HEADER = ".pageSectionHeader, .pageSectionTitle"
_SEPARATOR = " : "


def strip_export_furniture(tree: HTMLParser) -> str | None:
    """Take the export's furniture out of `tree` (in place); the page's own name, when the
    title named its space too."""
    title = tree.css_first(_TITLE)
    if title is None:
        return None  # no Confluence export: every export marks its title so
    for metadata in tree.css(_METADATA):
        metadata.decompose()
    for section in tree.css(_AFTER_BODY):
        if section.css_first(_AFTER_BODY_HEADER) is not None:
            section.decompose()
    page = page_name(_words(title), _words(tree.css_first(_SPACE)))
    if page is not None:
        title.replace_with(page)
    return page


def _words(node: Node | None) -> str:
    return " ".join(node.text(deep=True).split()) if node is not None else ""


def page_name(title: str, space: str) -> str | None:
    """The page's own name from the export's "Space : Page" title, when the first
    breadcrumb names that space; else None (the title stands)."""
    if space and title.startswith(space + _SEPARATOR):
        return title[len(space) + len(_SEPARATOR) :].strip() or None
    return None
