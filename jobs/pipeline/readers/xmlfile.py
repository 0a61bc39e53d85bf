"""An uploaded XML file (an outliner's OPML, Evernote's ENEX, PreTeXt, a Moodle XML quiz,
an Impress deck's content.xml) parsed safely, its root checked: one parser for each reader
of such a file."""

from __future__ import annotations

from lxml import etree

from datasources.files.document_errors import CorruptDocument


def parse_root(data: bytes, tag: str, what: str) -> etree._Element:
    """The root element of `data`, which must be <`tag`>; a file that is no well-formed
    XML, or has another root, is CorruptDocument('unreadable') naming `what` it is."""
    root = parse(data, what)
    if root.tag != tag:
        raise CorruptDocument("unreadable", f"{what}'s root element is <{root.tag}>, not <{tag}>")
    return root


def parse(data: bytes, what: str) -> etree._Element:
    """The root element of `data`; a file that is no well-formed XML is
    CorruptDocument('unreadable') naming `what` it is."""
    # entities unexpanded, no DTD, no network: an upload names no file of the server
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise CorruptDocument("unreadable", f"{what} is not well-formed XML ({error})") from error
    return root
