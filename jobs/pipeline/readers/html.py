"""HTML with selectolax: headings, paragraphs, list items, tables, <pre>, MathML/TeX maths.

Navigation, headers/footers, asides, scripts and styles are dropped (page furniture). A page
that marks its content (<main>, an <article>) is read there; one that marks none, in the
container holding most of its text outside links, without lists of links.
Inline runs directly inside a <div> or <section> become paragraphs of their own. A page
with no <h1>–<h6> (Word's "Save as Web Page" of a document typed by hand, a Google Docs
export) gets its headings from paragraphs set wholly in bold — <b>, <strong>, or a
font-weight in the style attribute or a class of the page's stylesheet — ranked by font
size (`blocks.manual_headings`, as the DOCX reader does).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from datasources.files.detect import Detected
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers import confluence, markdown, remark, reveal
from jobs.pipeline.readers.blocks import (
    HARD_BREAK,
    MAX_TERM_CHARS,
    bold_subheadings,
    glossary_entry,
    glossary_pages,
    heading_shaped,
    join_broken,
    make_blocks,
    manual_headings,
    term_link,
    virtual_pages,
)
from jobs.pipeline.readers.mathml import is_math, mathml_tex
from jobs.pipeline.readers.text import decoded_lines

_DROP = (
    "script",
    "style",
    "nav",
    "footer",
    "aside",
    "noscript",
    "template",
    "svg",
    "button",
    "form",
)
# A documentation site's own widgets, no text: a heading's permalink ("¶" in Sphinx and
# MkDocs, "#" in VuePress, Docusaurus, GitHub and Jupyter) and a content tab's labels
# ("C++", "Python" over the tabbed code). Left in, "定义¶" was no apparatus heading and
# "Floyd 算法¶" a topic.
_WIDGETS = (
    "a.headerlink, a.hash-link, a.header-anchor, a.anchor, a.anchor-link, "
    '.tabbed-labels, [role="tablist"], '
    # the furniture _DROP names, marked by its ARIA role instead of its tag (Sphinx's
    # <div class="sphinxsidebar" role="navigation">, a theme's <div role="contentinfo">)
    '[role="navigation"], [role="contentinfo"], [role="complementary"], [role="search"], '
    # and by the class a page without HTML5's tags gives it (a SCORM exporter's <div
    # class="navbar"> of "Previous | Next", <div class="footer"> of "© Course 201"; a
    # Bootstrap page's navbar): read as text, the footer's course name was a concept
    ".navbar, div.footer, #footer, "
    # what the page marks as not for print (MediaWiki's and CSS frameworks' classes), and
    # MediaWiki's chrome: a section's "[edit]", "Jump to navigation", the contents box,
    # the navigation menu. Left in, a saved Wikipedia article had the concepts "citation
    # needed" and "navigation menu", and headings "Properties[edit]".
    ".noprint, .no-print, .d-print-none, .hidden-print, "
    ".mw-editsection, .mw-jump-link, #toc, .toc, #mw-navigation, "
    # a dialog the page opens over itself (`_DIALOG_WORDS`)
    'dialog, [role="dialog"], [role="alertdialog"]'
)
# A page's comments, by the words of its class or id ("comments-area", "commentsDiv",
# "disqus_thread", "comment-list"), as readability finds them; a container also named for
# the page's content or article ("epoch-comment-body", "article-comments") is not one. A
# saved blog post's comments held three times the post's text.
_COMMENT_WORDS = frozenset({"comment", "comments", "disqus", "replies"})
# and a blog post's furniture around its end, by the same test: the licence notice ("本文
# 作者：… 本文链接：… 版权声明：…", Hexo NexT's `<ul class="post-copyright">`, Butterfly's
# `<div class="post-copyright">`, a footer's "copyright") and the tip jar ("打赏",
# `reward-container`, `post-reward`, `donate`). Read as text, a saved Hexo post's
# 本文作者, 本文链接 and 版权声明 were three concepts with "definitions" and a course module.
# So is the post's meta line ("发表于 … 分类于 … 阅读次数：1024 … 阅读时长 ≈ 2 分钟": NexT's
# and Jekyll's `post-meta`, Butterfly's `post-meta`), which was the post's first paragraph.
# By class only: an id is often made from a heading's words (pandoc's, Sphinx's, Quarto's
# `<section id="copyright">`, `id="reward-hypothesis"`, `id="meta-analysis"`), the content
# itself, where a theme's class names its furniture. And the author's box over a post (掘金's
# `<div class="author-info-block">` inside the <article>: name, date, views, a 关注
# button; a theme's `byline`), which readability drops as the byline: read as text, a
# 掘金 article's author's pen name was its fifth concept, in its first module.
_NOTICE_WORDS = frozenset({"copyright", "reward", "donate", "meta", "author", "byline"})
# A dialog the page opens over itself on a click (a revision's status, a sign-in box,
# a cookie prompt), hidden until then, and the page's own box, never its text: a saved
# Wikipedia article's reviewed-version dialog ("Page version status", in MediaWiki's
# `<div class="cdx-dialog">`) was a concept and the title of a course's first week. By
# class only, as the notices: the word, never a longer one ("dialogue" is a film's).
_DIALOG_WORDS = frozenset({"dialog"})
_HEADING_TAGS = tuple(f"h{n}" for n in range(1, 7))
_CONTENT_WORDS = frozenset({"article", "body", "content", "main", "column"})
# and a heading over comments a script fills in: Material for MkDocs' (and zensical's)
# `<h2 id="__comments">Comments</h2>` over giscus, which was a course page's last concept
_SECTION_TAGS = frozenset({"div", "section", "aside", "ol", "ul", "article", *_HEADING_TAGS})
_NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _comment_sections(root: Node) -> list[Node]:
    """The outermost elements under root holding the page's comments, notices or dialogs (a
    walk that does not enter one it found, so a hostile page nesting thousands costs one
    pass)."""
    found: list[Node] = []

    def visit(node: Node, depth: int) -> None:
        for child in node.iter():
            if child.tag in _SECTION_TAGS and (
                _names(child, _COMMENT_WORDS)
                or _names(child, _NOTICE_WORDS | _DIALOG_WORDS, by_id=False)
            ):
                found.append(child)
            elif depth < _MAX_DEPTH:
                visit(child, depth + 1)

    visit(root, 0)
    return found


def _names(node: Node, kinds: frozenset[str], *, by_id: bool = True) -> bool:
    """node's class (or id) names one of `kinds` and not the page's content."""
    attributes = node.attributes
    names = f"{attributes.get('class') or ''} {attributes.get('id') or '' if by_id else ''}"
    words = {w.lower() for w in _NAME_WORDS.findall(names)}
    return bool(words & kinds) and not words & _CONTENT_WORDS


# a citation's or a note's mark ("[1]", "[a]", "[citation needed]"), no text of its own
_CITATION_MARK = re.compile(r"^\[[^\[\]]{1,40}\]$")
# a footnote's mark as bookdown, Quarto, pandoc, Sphinx and MkDocs write it: a link to the
# note, its number set as a superscript or in brackets
_NOTE_MARKS = (
    "a.footnote-ref, a.footnote-reference, a[role=doc-noteref], sup[id^=fnref], a[href^='#fn']"
)
_NOTE_NUMBER = re.compile(r"^\[?\d{1,3}\]?$")
# the wrapper MediaWiki puts around every formula's TeX
_DISPLAYSTYLE = re.compile(r"^\{\\displaystyle\s*(.*)\}$", re.DOTALL)
_PERMALINK_MARK = "¶"
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = {"p", "dt", "dd", "figcaption", "caption", "summary", "address"}
_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "blockquote",
    "header",
    "details",
    "figure",
    "dl",
    "center",
}
_LISTS = {"ul", "ol", "menu"}
# an XML textbook read as HTML (CNXML, OpenStax's source): its paragraphs and list items
# are <para> and <item>, its sections' titles a <title> in the <section>. HTML has none of
# them, so unread they were inline text and a whole module ran into one line, each title
# glued to the paragraph after it ("Summary Creativity is defined as …" defined
# "summary creativity") and each paragraph to the next.
_XML_PARAGRAPHS = {"para", "item"}
_XML_SECTIONS = {"section", "document", "content"}
# and the XML elements holding such paragraphs, walked as a <div> is
_XML_CONTAINERS = _XML_SECTIONS | {"list", "note", "glossary", "exercise", "problem", "solution"}
# Google Docs' export has no <b> or <i>: bold and italics are a <span> whose class the
# page's <style> sets in bold or italic (`.c3{font-weight:700}`). Such spans are marked
# with this attribute (`_mark_styled_spans`) and stressed as <b> and <i> are; unmarked, a
# Docs lecture's bold key terms ("Seriation", "Dendrochronology") were no emphasis at all.
_STYLED = "data-cg-styled-emphasis"
_ITALIC_STYLE = re.compile(r"(?<![\w-])font-style\s*:\s*(?:italic|oblique)\b", re.IGNORECASE)
# Google Docs' comment threads, written after the text: a <div> whose link goes back to
# the comment's mark in the text (`<a href="#cmnt_ref1" id="cmnt1">[a]</a>`). The
# reviewer's words ("Add the photo here?", "_Assigned to …_") are not the document's.
_DOCS_COMMENTS = 'a[href^="#cmnt_ref"]'
# and a key term marked by its role rather than its tag: OpenStax and CNX pages
# (<span data-type="term">), DocBook's HTML (class "glossterm"), class "term" or "keyword";
# and one set in small capitals, LaTeX's \textsc as pandoc and its kin write it (class
# "smallcaps", or the style itself), a term's mark as the PDF reader reads it; and an XML
# textbook's own marks, no HTML tags: CNXML's <term> (OpenStax's key term, bold in the
# book) and <emphasis> (its italics and bold). Unread, a module's source had no emphasis
# at all, and "your *net worth*, or the total measure of your wealth" defined nothing.
_EMPHASIS = (
    'strong, b, em, i, dfn, u, mark, [data-type="term"], .term, .keyword, .key-term, .glossterm,'
    f' .smallcaps, .small-caps, [style*="small-caps" i], [{_STYLED}], term, emphasis'
)
_BOLD_TAGS = {"b", "strong"}
_STRAY_MARK = "**"  # Markdown bold a renderer left as text (`blocks.stray_bold`)
_CSS_RULE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")
# not Word's "mso-bidi-font-weight: bold", which sets right-to-left scripts only
_BOLD_WEIGHT = re.compile(r"(?<![\w-])font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_FONT_SIZE = re.compile(r"(?<![\w-])font-size\s*:\s*([\d.]+)\s*(pt|px)\b", re.IGNORECASE)
_PX_TO_PT = 0.75


@dataclass(slots=True)
class _Page:
    """What a walk collects: the blocks, and the bold lines among them (index → size)."""

    blocks: list[Block] = field(default_factory=list)
    bold: dict[int, float] = field(default_factory=dict)
    bold_classes: frozenset[str] = frozenset()
    class_sizes: dict[str, float] = field(default_factory=dict)
    glossaries: frozenset[str] = frozenset()  # pages the document links its terms into
    link_lists: frozenset[int] = frozenset()  # lists of links left out (`_link_lists`)
    # a paragraph's glossed terms (`_margin_glosses`): its mem_id → (term, definition)
    glosses: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


def read(path: Path, detected: Detected) -> ReadDocument:
    return from_source("\n".join(decoded_lines(path, detected.encoding or "utf-8")), detected)


# An XML source's empty element written self-closed, "<title/>" (CNXML's untitled note or
# table), of an element HTML reads as raw text (a <title>, a <script>): the HTML parser
# ignores the slash and reads everything up to the next "</title>" as the title's text.
# An OpenStax module's activity box with an empty title swallowed the page's tables and
# paragraphs after it, read out as markup ("<para id=…> … </note> <table …>").
_SELF_CLOSED_RAW_TEXT = re.compile(
    r"<(title|textarea|style|script|xmp|iframe|noembed|noframes|noscript)(\s[^<>]*?)?\s*/>",
    re.IGNORECASE,
)

# and any element under a namespace prefix written self-closed: an XML source's MathML
# ("<m:mspace width='0.1em'/>", an empty "<m:mtd/>"). No such name is one of HTML's empty
# elements, so the parser left it open and it took the rest of its formula as its own:
# "sin x" read "sin", the variable gone inside the space. HTML's own empty elements
# (<br/>, <img/>) have no prefix and are untouched.
_SELF_CLOSED_PREFIXED = re.compile(r"<([A-Za-z][\w.-]*:[A-Za-z][\w.-]*)(\s[^<>]*?)?\s*/>")

# An XML source's <title> holding inline marks: CNXML writes an ion's charge, a formula's
# subscript or a stressed word inside a section's title ("… voltage-gated Na<sup>+</sup>
# and K<sup>+</sup> channels"). HTML reads a <title> as raw text, so the marks were words:
# a neurophysiology module's heading and a course's module title read "Na<sup>+</sup>".
_RAW_TITLE = re.compile(r"(<title(?:\s[^<>]*)?>)(.*?)(</title\s*>)", re.IGNORECASE | re.DOTALL)
_INLINE_MARK = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


def _plain_titles(source: str) -> str:
    """`source` with the marks inside each <title> taken out, their text kept."""
    return _RAW_TITLE.sub(lambda m: m[1] + _INLINE_MARK.sub("", m[2]) + m[3], source)


# An XML textbook's table in the CALS model (CNXML's, DocBook's): <tgroup>, <row> and
# <entry> in place of HTML's <tr> and <td>. The HTML parser moves what a <table> holds
# that is no table element out before it, so a neurophysiology module's table of signals
# (name, description, magnitude, channels) ran into one paragraph of its cells' words.
_CALS_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_CALS_TAG = re.compile(r"<(/?)(tgroup|row|entry|colspec|spanspec)\b([^<>]*)>", re.IGNORECASE)
_CALS_AS_HTML = {"row": "tr", "entry": "td"}


def _html_tables(source: str) -> str:
    """`source` with each CALS table's rows and entries as HTML's, its other parts gone."""

    def rename(tag: re.Match[str]) -> str:
        html = _CALS_AS_HTML.get(tag[2].lower())
        return f"<{tag[1]}{html}{tag[3]}>" if html else ""

    def table(found: re.Match[str]) -> str:
        text = found[0]
        return _CALS_TAG.sub(rename, text) if re.search(r"<tgroup\b", text, re.I) else text

    return _CALS_TABLE.sub(table, source)


def from_source(source: str, detected: Detected) -> ReadDocument:
    """The page `source` as a document (a file's, or one another reader wrote as HTML)."""
    source = _SELF_CLOSED_RAW_TEXT.sub(r"<\1\2></\1>", source)
    source = _html_tables(_SELF_CLOSED_PREFIXED.sub(r"<\1\2></\1>", source))
    tree = HTMLParser(_plain_titles(source))
    # a Confluence export: its title without the space's name, its furniture gone
    page_name = confluence.strip_export_furniture(tree)
    title_node = tree.css_first("title")
    title = page_name or (title_node.text(strip=True) if title_node else None)
    deck = remark.deck_source(tree)
    if deck is not None:  # a remark.js deck: its slides are Markdown (`remark`)
        return markdown.from_source(deck, detected, declared=title)
    headlines = _headlines(tree)  # before `parse`, which drops what is not the content
    _drop_title_prefixes(tree, headlines)
    blocks = parse(tree)
    return ReadDocument(
        detected.kind,
        detected.mime_type,
        virtual_pages(blocks),
        False,
        _page_title(title, blocks, headlines),
    )


# "最短路 - OI Wiki", "Classes — Python 3.12 documentation": a site names its page, then
# itself; Baidu's sites join the two by an underscore, no spaces ("土力学_百度百科"): the
# last one, so a page named in snake_case keeps its words
_SITE_SUFFIX = re.compile(r"\s+(?:-|–|—|\||·|::)\s+\S.*$|_(?=[^_\s])[^_]*$")


def _page_title(
    title: str | None, blocks: list[Block], headlines: frozenset[str] = frozenset()
) -> str | None:
    """The <title>, without the site's name after it when the page's first heading is the
    part before ("最短路 - OI Wiki" under an <h1> 最短路 is 最短路), or a headline of the
    page outside the text read is (`headlines`: a blog post's <h1> above its body, "电磁场
    与电磁波 期末复习笔记 - 作者 - 博客园", whose body opens on its first section)."""
    if not title:
        return None
    first = next((b.text for b in blocks if b.kind == "heading"), None)
    page = _SITE_SUFFIX.sub("", title)
    if page == title:
        return title
    return page if page == first or page in headlines else title


def _drop_title_prefixes(tree: HTMLParser, headlines: frozenset[str]) -> None:
    """A section heading opening on an element that holds just the page's <h1> text, more
    words after it, loses that element: the page's name repeated for screen readers or
    search and hidden by the site's stylesheet (百度百科's `<h2><span class="title-prefix">
    土力学</span>土的物理性质</h2>`). Read as text, every heading of a saved lemma began with
    the lemma's name ("土力学固结" a concept, "土力学土的渗透性" a module)."""
    if not headlines:
        return
    for heading in tree.css("h2, h3, h4, h5, h6"):
        first = heading.child
        while first is not None and first.tag == "-text" and not (first.text() or "").strip():
            first = first.next
        if first is None or first.tag == "-text" or first.next is None:
            continue
        prefix = " ".join(first.text(deep=True).split())
        whole = " ".join(heading.text(deep=True).split())
        if prefix in headlines and len(whole) > len(prefix):
            first.decompose()


def _headlines(tree: HTMLParser) -> frozenset[str]:
    """The texts of the page's <h1> headings, wherever they stand."""
    return frozenset(" ".join(h.text(deep=True).split()) for h in tree.css("h1"))


def parse(tree: HTMLParser) -> list[Block]:
    page = _Page()
    page.bold_classes, page.class_sizes = _stylesheet(tree)
    _mark_styled_spans(tree, page.bold_classes)
    _drop_docs_comments(tree)
    _drop_box_labels(tree)
    # a reveal.js deck's Markdown slides sit in <script> templates: rendered first, or
    # dropped with the page's scripts (`reveal`)
    reveal.render_markdown_slides(tree)
    # before the <template>s that hold a textbook's pop-up definitions go with the scripts
    popups = _popup_glosses(tree)
    tree.strip_tags(list(_DROP))
    page.glossaries = glossary_pages(
        (a.attributes.get("href") or "", a.text(deep=True)) for a in tree.css("a[href]")
    )
    for widget in tree.css(_WIDGETS):
        widget.decompose()
    # code as a highlighter sets it: Hexo ends each line of a <pre> on <br>, which has no
    # text, and numbers the lines in a table's cell beside the code (Hexo's `td.gutter`,
    # Pygments' `td.linenos`, Hugo's `span.lnt`). Read as they stood, a saved Hexo post's
    # two lines of code were one table row, "12 | H1：μ<10 …H0：μ≥10 …".
    for line_break in tree.css("pre br"):
        line_break.replace_with("\n")
    for gutter in tree.css("td.gutter, td.linenos, span.lnt"):
        gutter.decompose()
    page.glosses = _margin_glosses(tree)
    for paragraph, entries in popups.items():
        page.glosses.setdefault(paragraph, []).extend(entries)
    if tree.body is not None:
        for section in _comment_sections(tree.body):
            section.decompose()
    for mark in tree.css("sup"):
        if _CITATION_MARK.match(mark.text(deep=True).strip()):
            mark.decompose()
    for mark in tree.css(_NOTE_MARKS):
        # a footnote's number links to its note: read as text it glued onto the word
        # before it ("a general linearized model31" was a concept of a bookdown page)
        if _NOTE_NUMBER.match(mark.text(deep=True).strip()):
            mark.decompose()
    _lift_inline_notes(tree)
    _name_cross_references(tree)
    # a CNXML module's <metadata> (its content id, UUID, title again): no text of its own
    for metadata in tree.css("metadata"):
        metadata.decompose()
    root = tree.body or tree.root
    main = _main_content(tree)
    if main is None and root is not None:
        # a page marking no content of its own: its text's container, without the site's
        # lists of links (`_text_container`, `_link_lists`), under the headline above it
        container = _text_container(root)
        page.link_lists = _link_lists(container)
        if container.mem_id != root.mem_id:
            headline = _headline(root, container) if container.css_first("h1") is None else None
            if headline is not None:
                page.blocks.extend(make_blocks("heading", _text(headline), 1, level=1))
            root = container
    elif main is not None:
        # the page's title set above its main content (a news site's headline)
        if main.css_first("h1") is None and len(titles := tree.css("h1")) == 1:
            page.blocks.extend(make_blocks("heading", _text(titles[0]), 1, level=1))
        root = main
    if root is not None:
        _walk(root, page)
    titled = _docs_title(tree, page)
    # as in a Word document: bold lines dividing a styled heading's section are its
    # sub-sections (`blocks.bold_subheadings`), Google Docs' "Radiocarbon dating" typed
    # as a bold 14 pt line under a Heading 1 "Absolute dating"
    return bold_subheadings(manual_headings(page.blocks, page.bold, titled=titled), page.bold)


# where a sentence ends, so a reference opening the next one is capitalised
_SENTENCE_END = re.compile(r"(?:^|[.!?][\"”’)]*)\s*$")


# a target's element named as a reader says it: CNXML's <para> is "the paragraph" (its
# figure, table, section, equation, example and exercise are named by their tags)
_TARGET_NAMES = {"para": "paragraph", "media": "figure"}


def _name_cross_references(tree: HTMLParser) -> None:
    """An XML textbook's empty cross-reference (CNXML's `<link target-id="…"/>`), which the
    published book fills with the target's number ("Figure 2.11"), named by what it points
    at in the module: "the figure", "the table". Read empty, it left a sentence without
    its subject or object: "As shown in the middle part of , if a neuron …" answered
    "spatial summation", "  diagrams each step of the action potential." closed "action
    potential"'s definition. A target in another module is left as it was."""
    for link in tree.css("link[target-id]"):
        if link.text(deep=True).strip():
            continue
        target = tree.css_first(f'[id="{link.attributes.get("target-id")}"]')
        if target is None or target.tag is None:
            continue
        before = link.prev.text(deep=True) if link.prev is not None else ""
        opening = _SENTENCE_END.search(before) is not None
        name = _TARGET_NAMES.get(target.tag, target.tag)
        link.replace_with(f"{'The' if opening else 'the'} {name}")


# a note set inside its sentence: DocBook's and older CNXML's <footnote>, newer CNXML's
# reference note marked to show inline
_INLINE_NOTES = 'footnote, note[display="inline"]'


def _lift_inline_notes(tree: HTMLParser) -> None:
    """An XML textbook's note written inside its sentence (CNXML's and DocBook's
    `<footnote>`), moved to a paragraph of its own after the block citing it. Read where it
    stood, an OpenStax module's source ran into its definition ("… solves the problem more
    efficiently.Lloyd Waldo. “What’s a Pain Point?” …") and a citation's date and address
    opened its example ("December 1, 2016. https://… For example, you might …"). Newer
    OpenStax modules write the same note as `<note display="inline">` inside a <cite>: an
    Introduction to Political Science module's term ran into it ("the state of natureAt
    certain points in his famous …")."""
    for note in tree.css(_INLINE_NOTES):
        block = note
        while (parent := block.parent) is not None and parent.tag not in _CONTAINERS:
            block = parent
        text = note.text(deep=True).strip()
        note.decompose()
        paragraph = HTMLParser(f"<p>{html.escape(text)}</p>").css_first("p")
        if text and block is not note and paragraph is not None:
            block.insert_after(paragraph)


def _mark_styled_spans(tree: HTMLParser, bold_classes: frozenset[str]) -> None:
    """Mark the spans the page's stylesheet sets in bold or italic by class (`_STYLED`)."""
    stressed = set(bold_classes)
    for style in tree.css("style"):
        stressed.update(
            n for n, rule in _CSS_RULE.findall(style.text()) if _ITALIC_STYLE.search(rule)
        )
    if not stressed:
        return
    for span in tree.css("span[class]"):
        if stressed.intersection((span.attributes.get("class") or "").split()):
            span.attrs[_STYLED] = ""


def _drop_docs_comments(tree: HTMLParser) -> None:
    """Take out Google Docs' comment threads (`_DOCS_COMMENTS`), each its whole <div>."""
    threads = {}
    for link in tree.css(_DOCS_COMMENTS):
        node = link.parent
        while node is not None and node.tag != "div":
            node = node.parent
        if node is not None and node.tag == "div":
            threads[node.mem_id] = node
    for thread in threads.values():
        thread.decompose()


# a textbook's feature box: OpenStax's and CNX's notes
_BOXES = '[data-type="note"]'
_BOX_HEADINGS = "h1, h2, h3, h4, h5, h6"


def _drop_box_labels(tree: HTMLParser) -> None:
    """A feature box's label heading set right above the box's own title ("Everyday
    Connection" over "Exercise and Stretching", "Career Connection" over a career's name)
    is dropped: it names the kind of box, not what the section teaches, and read as a
    heading it was a concept of every page that has such a box."""
    for box in tree.css(_BOXES):
        headings = box.css(_BOX_HEADINGS)
        if len(headings) < 2:
            continue
        label, title = (" ".join(h.text(deep=True).split()) for h in headings[:2])
        opening = " ".join(box.text(deep=True, separator=" ").split())
        if label and title and opening.startswith(f"{label} {title}"):
            headings[0].decompose()


def _docs_title(tree: HTMLParser, page: _Page) -> bool:
    """Google Docs' Title style (`<p class="title">`) opening the text is the document's
    heading, as a DOCX's Title paragraph is (read as a paragraph, the document took its first
    section's heading for title). True when it is the one heading: the bold lines are then
    the sections under it (`blocks.manual_headings`'s `titled`). A title set in bold is
    left to `manual_headings`, which ranks it among the bold lines by its size (Word's
    "Save as Web Page" writes `class=Title` on a bold line)."""
    blocks = page.blocks
    node = tree.css_first("p.title")
    if node is None or "title" not in (node.attributes.get("class") or "").split():
        return False
    if not blocks or blocks[0].kind != "paragraph" or 0 in page.bold:
        return False
    if blocks[0].text != _text(node).strip():
        return False
    blocks[0] = replace(blocks[0], kind="heading", level=1, emphasis=())
    return sum(1 for b in blocks if b.kind == "heading") == 1


def _margin_glosses(tree: HTMLParser) -> dict[int, list[tuple[str, str]]]:
    """A term's definition set inside its sentence for the margin (DocBook's and Flat World
    Knowledge's `<span class="glossdef">` after `<a class="glossterm">`, which the page's
    style moves beside the text): taken out of the sentence, it follows its paragraph as
    a glossary's entry, "term: definition". Read in place it broke the sentence ("a strong
    intangibleAn organization's nonphysical resources …, it will speed")."""
    glosses: dict[int, list[tuple[str, str]]] = {}
    for gloss in tree.css(".glossdef"):
        term = gloss.prev
        while term is not None and term.tag == "-text" and not (term.text() or "").strip():
            term = term.prev
        definition = " ".join(gloss.text(deep=True).split())
        paragraph = _enclosing_paragraph(gloss)
        gloss.decompose()
        name = " ".join(term.text(deep=True).split()) if term is not None else ""
        if paragraph is not None and name and definition:
            glosses.setdefault(paragraph.mem_id, []).append((name, definition))
    return glosses


def _enclosing_paragraph(node: Node) -> Node | None:
    """The paragraph (or list item, heading, cell: `_PARAGRAPHS`) that holds `node`."""
    paragraph = node.parent
    while paragraph is not None and paragraph.tag not in _PARAGRAPHS:
        paragraph = paragraph.parent
    return paragraph


# Pressbooks' glossary: a term in the text links to a <template> (appended after the
# chapter) holding its definition, which the page shows in a pop-up on a click
_POPUP_TERM = "a.glossary-term[href^='#']"
_TEMPLATE_TAGS = re.compile(r"^<template\b[^>]*>|</template>$")


def _popup_glosses(tree: HTMLParser) -> dict[int, list[tuple[str, str]]]:
    """A term's definition kept for a pop-up (Pressbooks' `<a class="glossary-term"
    href="#term_…">` and its `<template id="term_…">`): it follows the paragraph of the
    term's first link as a glossary's entry, "term: definition", as a margin gloss does
    (`_margin_glosses`). Dropped with the page's templates, a Pressbooks chapter lost every
    definition its glossary gives, and its key terms were names without them."""
    glosses: dict[int, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    templates = {t.attributes.get("id") or "": t for t in tree.css("template[id]")}
    for link in tree.css(_POPUP_TERM):
        target = (link.attributes.get("href") or "")[1:]
        if not target or target in seen:
            continue
        seen.add(target)
        template = templates.get(target)
        definition = _template_text(template) if template is not None else ""
        paragraph = _enclosing_paragraph(link)
        # the link's text, without the sentence's stop it sometimes takes in ("booth.")
        name = " ".join(link.text(deep=True).split()).rstrip(".,;:")
        if paragraph is not None and name and definition:
            glosses.setdefault(paragraph.mem_id, []).append((name, definition))
    return glosses


def _template_text(template: Node) -> str:
    """The text of a <template>, without its close button. A template's content is no part
    of the page's tree: it is read from its HTML."""
    content = HTMLParser(_TEMPLATE_TAGS.sub("", template.html or "")).body
    if content is None:
        return ""
    for button in content.css("button"):
        button.decompose()
    return " ".join(content.text(deep=True).split())


# The share of a page's own text (not a link's) that the element holding its content holds:
# around it a site sets its menus, share bars, comment counts and recommendations, which
# hold little text that is no link
_CONTENT_SHARE = 0.8
_MAX_DEPTH = 200  # a hostile page's nesting is measured no deeper


def _text_container(root: Node) -> Node:
    """The innermost container (a <div>, <section>, <td>, …) holding most of the page's text
    outside links (`_CONTENT_SHARE`): a Chinese news page without <main> or <article> kept
    its channel menu, share bar, "我要评论(0)", "推荐阅读" and "热门评论" lists (what
    readability keeps of such a page is that container's text; its headings stay, as its
    own and as the page's single <h1> above it)."""
    weights: dict[int, int] = {}
    total = _own_text(root, weights, 0)
    node, found = root, root
    while True:
        children = [c for c in node.iter() if c.tag != "a"]
        heaviest = max(children, key=lambda c: weights.get(c.mem_id, 0), default=None)
        if heaviest is None or weights.get(heaviest.mem_id, 0) < _CONTENT_SHARE * total:
            break
        node = heaviest
        if node.tag in _CONTAINERS or node.tag == "td":
            found = node
    # what the container leaves out must be the site's links: a document's own short
    # sections beside its long one (an introduction, a summary: prose, few links) stay
    outside = total - weights.get(found.mem_id, 0)
    links_outside = _link_chars(root) - _link_chars(found)
    return found if links_outside >= outside else root


def _link_chars(node: Node) -> int:
    return sum(len(a.text(deep=True).strip()) for a in node.css("a"))


def _own_text(node: Node, weights: dict[int, int], depth: int) -> int:
    """The characters of node's text outside links (each element's count kept in weights)."""
    if depth >= _MAX_DEPTH:
        return len(node.text(deep=True).strip())
    count = 0
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            count += len((child.text(deep=False) or "").strip())
        elif child.tag != "a":
            count += _own_text(child, weights, depth + 1)
    weights[node.mem_id] = count
    return count


def _headline(root: Node, container: Node) -> Node | None:
    """The last <h1> before the container of the page's text: its headline, where the page
    sets other <h1>s too ("Comment on this article", "Next article" below a magazine's)."""
    last = None
    for node in root.traverse():
        if node.mem_id == container.mem_id:
            return last
        if node.tag == "h1":
            last = node
    return last


# a list whose text is mostly links, three items or more: a site's menu, its "相关阅读" or
# "Related articles", a share bar, a tag cloud; a list of terms the text explains holds
# more than their names
_LINK_LIST_ITEMS = 3
_LINK_LIST_SHARE = 0.7


def _link_lists(root: Node) -> frozenset[int]:
    """The lists under root that are lists of links."""
    found = set()
    for node in root.css("ul, ol, menu"):
        items = [li for li in node.iter() if li.tag == "li"]
        text = len("".join(node.text(deep=True).split()))
        linked = sum(len("".join(a.text(deep=True).split())) for a in node.css("a"))
        if len(items) >= _LINK_LIST_ITEMS and text and linked >= _LINK_LIST_SHARE * text:
            found.add(node.mem_id)
    return frozenset(found)


# where a site marks its page's own content: the one <main> (or ARIA role main), else
# the one <article>; around it stand the site's links, recommendations and comments.
# Last, the article body of a publishing platform whose pages have neither: a WeChat
# 公众号 article (`<div id="js_content" class="rich_media_content">`, with the account's
# tags, its reader comments and the "关注该公众号" QR box around it) and a 博客园 post
# (`<div id="cnblogs_post_body">`). Read whole, a saved 公众号 article's two commenters'
# names were concepts, and the last module of its course. A 超星学习通 (Chaoxing) chapter
# page sets its chapter's text in `<div class="ans-cc">` inside the course's frame: the
# 章节 catalogue with its 已完成 marks, the 章节/讨论/笔记 tabs, 上一节/下一节 and the
# "任务点未完成" pop-up stand around it, and all of them were read as the chapter's text.
_MAIN_CONTENT = ('main, [role="main"]', "article", "#js_content, #cnblogs_post_body, .ans-cc")


def _main_content(tree: HTMLParser) -> Node | None:
    """The element a site marks as the page's own content, when it marks exactly one
    (outermost: a <main> holding a <div role="main"> is one); else None, and the whole
    page is read (a blog's index has an <article> per post)."""
    for selector in _MAIN_CONTENT:
        # by the element itself (mem_id: `==` compares the markup); a <main role="main">
        # matches twice
        found = list({node.mem_id: node for node in tree.css(selector)}.values())
        outermost = [
            n for n in found if not any(_inside(n, m) for m in found if m.mem_id != n.mem_id)
        ]
        if len(outermost) == 1:
            return outermost[0]
        if outermost:
            return None
    return None


def _inside(node: Node, container: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == container.mem_id:
            return True
        parent = parent.parent
    return False


def _walk(node: Node, page: _Page) -> None:
    _walk_nodes(node.iter(include_text=True), page)


def _walk_nodes(nodes: Iterable[Node], page: _Page) -> None:
    blocks = page.blocks
    inline: list[Node] = []
    for child in nodes:
        tag = child.tag
        if tag in _HEADINGS:
            _flush(inline, page)
            heading = _text(child).rstrip().removesuffix(_PERMALINK_MARK)
            blocks.extend(make_blocks("heading", heading, 1, level=_HEADINGS[tag]))
        elif tag == "title" and (level := _xml_title_level(child)) is not None:
            _flush(inline, page)
            blocks.extend(make_blocks("heading", _text(child), 1, level=level))
        elif tag == "definition" and (entry := _xml_glossary_entry(child)):
            _flush(inline, page)
            blocks.extend(entry)
        elif tag in _PARAGRAPHS or tag in _XML_PARAGRAPHS:
            _flush(inline, page)
            made = make_blocks(
                "paragraph", _text(child), 1, emphasis=_emphasis(child, page.glossaries)
            )
            # a <p> only: a <dt> set in bold is a glossary's term, not a section's heading
            size = _bold_line(child, page) if tag == "p" and len(made) == 1 else None
            if size is not None:
                page.bold[len(blocks)] = size
            blocks.extend(made)
            for term, definition in page.glosses.get(child.mem_id, ()):
                blocks.extend(glossary_entry([term], definition))
        elif tag == "dl":
            _flush(inline, page)
            _definition_list(child, page)
        elif tag in _LISTS:
            _flush(inline, page)
            if child.mem_id in page.link_lists:
                continue
            for item, number in _numbered_items(child):
                _list_item(item, page, number)
        elif tag == "pre":
            _flush(inline, page)
            blocks.extend(make_blocks("code", child.text(deep=True), 1))
        elif tag == "table":
            _flush(inline, page)
            code = _code_table(child)
            if code is not None:
                blocks.extend(make_blocks("code", code, 1))
            else:
                blocks.extend(make_blocks("table", _table(child), 1))
        elif is_math(child) and child.attributes.get("display") == "block":
            _flush(inline, page)
            blocks.extend(make_blocks("formula", _math(child, fenced=False), 1))
        elif (tex := _mathjax_tex(child)) is not None and tex[1]:
            _flush(inline, page)
            blocks.extend(make_blocks("formula", tex[0], 1))
        elif tag in _CONTAINERS or tag in _XML_CONTAINERS or tag == "li" or _holds_blocks(child):
            _flush(inline, page)
            _walk(child, page)
        elif tag == "br" or tag != "-comment":
            inline.append(child)
    _flush(inline, page)


def _xml_title_level(node: Node) -> int | None:
    """An XML section's <title> (`_XML_SECTIONS`): a heading one level below the sections
    around it; a figure's, a table's or a box's title is None (read where it stands)."""
    parent = node.parent
    if parent is None or parent.tag not in _XML_SECTIONS:
        return None
    level = 1
    while parent is not None:
        level += parent.tag == "section"
        parent = parent.parent
    return min(level, 6)


def _xml_glossary_entry(node: Node) -> list[Block]:
    """A CNXML glossary's <definition>, its <term> and <meaning>, as one entry "term:
    meaning" (`glossary_entry`), as a <dl>'s <dt> and <dd> are read. Read as text, the
    module's glossary was a run of "brainstorming generation of ideas …" lines that no
    rule took for a definition; [] when either part is missing."""
    term, meaning = node.css_first("term"), node.css_first("meaning")
    if term is None or meaning is None:
        return []
    name, gloss = " ".join(_text(term).split()), " ".join(_text(meaning).split())
    return glossary_entry([name], gloss) if name and gloss else []


def _holds_blocks(node: Node) -> bool:
    """`node` is an inline element (a <span>, an <a>) wrapping paragraphs or headings, as
    知乎 sets an answer's whole text in <span class="RichText">: read inline, every heading
    and paragraph ran together into one line, a heading glued to the next paragraph's
    definition ("二、间隔与支持向量函数间隔是…") and one definition to the sentence before."""
    return node.tag in ("span", "a", "font") and _wraps_blocks(node)


# what marks a <dt> as code: Sphinx's API entries (<dt class="sig">, a function's signature
# and its <dd> documentation) are no glossary
_CODE_TERM = "code, tt, kbd, samp, var, .sig, .sig-name, .descname"


def _definition_list(dl: Node, page: _Page) -> None:
    """A <dl>: each <dt> is a term the <dd> after it defines, read as one glossary entry,
    "term: definition" with the term stressed, as `_margin_glosses` writes them (the
    pipeline reads such a line as a glossary's definition). Read as two paragraphs, the
    term was a line of its own that no pattern took for defined: a Hugo page's "动作电位
    时程（APD）" over its definition was no concept. What a <dd> holds after its first
    paragraph (a second <p>, a list) follows as it is; a <dl> of code signatures (an API
    reference) is walked as before."""
    # HTML allows each term and its definitions grouped in a <div>
    grouped = (g for c in dl.iter() for g in (c.iter() if c.tag == "div" else (c,)))
    items = [c for c in grouped if c.tag in ("dt", "dd")]
    if not items or any(c.tag == "dt" and c.css_first(_CODE_TERM) is not None for c in items):
        _walk(dl, page)
        return
    if _fact_box(dl, items):
        rows = (
            f"{_text(c).strip()} | " if c.tag == "dt" else f"{_text(c).strip()}\n" for c in items
        )
        page.blocks.extend(make_blocks("table", "".join(rows).strip(), 1))
        return
    terms: list[str] = []
    for item in items:
        if item.tag == "dt":
            term = " ".join(_text(item).split())
            if len(term) > MAX_TERM_CHARS:  # a sentence set as a term: a paragraph
                page.blocks.extend(make_blocks("paragraph", term, 1))
            elif term:
                terms.append(term)
            continue
        lead, rest = _leading_text(item)
        definition = _join(lead).strip()
        if terms and definition:
            stressed = (e for n in lead if n.tag != "-text" for e in _emphasis(n, page.glossaries))
            page.blocks.extend(glossary_entry(terms, definition, stressed))
        else:
            page.blocks.extend(make_blocks("paragraph", ", ".join(terms), 1))
            _walk_nodes(lead, page)
        terms = []
        _walk_nodes(rest, page)
    if terms:  # a <dt> with no <dd> after it
        page.blocks.extend(make_blocks("paragraph", ", ".join(terms), 1))


# a record's fields set as a <dl>, an encyclopedia's info box (百度百科's
# `<div class="basic-info"><dl class="basicInfo-left">` of 中文名, 外文名, 学科, …): named so
# by the list's class or its box's, every value a short name, date or number, no sentence
_FACT_BOX_WORDS = frozenset({"info", "infobox", "facts"})
_FACT_VALUE_CHARS = 40
_SENTENCE_MARK = re.compile(r"[。；;！？!?]|\.(?:\s|$)")


def _fact_box(dl: Node, items: list[Node]) -> bool:
    """A <dl> of a record's fields, not a glossary: read as one, its field names were terms
    with "definitions" ("外文名: Soil Mechanics", "学科" a concept of a saved 百度百科 entry)
    and became a course's questions. It is read as the table it shows."""
    box = dl.parent
    named = _names(dl, _FACT_BOX_WORDS, by_id=False) or (
        box is not None and _names(box, _FACT_BOX_WORDS, by_id=False)
    )
    values = [" ".join(_text(c).split()) for c in items if c.tag == "dd"]
    return (
        named
        and bool(values)
        and all(len(v) <= _FACT_VALUE_CHARS and not _SENTENCE_MARK.search(v) for v in values)
    )


_BLOCK_TAGS = frozenset([*_HEADINGS, *_PARAGRAPHS, *_CONTAINERS, *_LISTS, "pre", "table"])


def _leading_text(dd: Node) -> tuple[list[Node], list[Node]]:
    """A <dd>'s definition (its inline text up to its first block, or the first <p> it
    opens with) and the nodes after it."""
    nodes = list(dd.iter(include_text=True))
    blocks = [i for i, n in enumerate(nodes) if n.tag in _BLOCK_TAGS]
    if not blocks:
        return nodes, []
    first = blocks[0]
    lead = nodes[:first]
    if nodes[first].tag == "p" and not _join(lead).strip():
        return list(nodes[first].iter(include_text=True)), nodes[first + 1 :]
    return lead, nodes[first:]


def _numbered_items(node: Node) -> list[tuple[Node, int]]:
    """A list's items, each with the number the page shows before it: an <ol>'s count from
    its `start`, reset by an item's `value`; 0 for a bullet list's and a lettered or Roman
    one's (`type="a"`), which no answer key names by number (`Block.number`)."""
    counting = node.tag == "ol" and (node.attributes.get("type") or "1") == "1"
    number = _int_attribute(node, "start", 1)
    items: list[tuple[Node, int]] = []
    for item in node.iter():
        if item.tag != "li":
            continue
        number = _int_attribute(item, "value", number)
        items.append((item, number if counting and number > 0 else 0))
        number += 1
    return items


def _int_attribute(node: Node, name: str, default: int) -> int:
    value = (node.attributes.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) <= 6 else default


def _list_item(item: Node, page: _Page, number: int = 0) -> None:
    blocks = page.blocks
    nested = [c for c in item.iter() if c.tag in _LISTS or c.tag in _CONTAINERS or c.tag == "p"]
    if not nested:
        blocks.extend(
            make_blocks(
                "list_item",
                _text(item),
                1,
                emphasis=_emphasis(item, page.glossaries),
                number=number,
            )
        )
        return
    own = [c for c in item.iter(include_text=True) if c not in nested]
    # the item's own words keep their emphasis: a bold term heading an item whose details
    # are a sub-list ("**Climate** -- temperature and moisture", then its effects) is the
    # term the item names; without it a soil lesson's five factors and four processes
    # were no concepts
    stressed = [e for n in own if n.tag != "-text" for e in _emphasis(n, page.glossaries)]
    made = make_blocks("list_item", _join(own), 1, emphasis=stressed, number=number)
    blocks.extend(made)
    if made:
        number = 0  # shown before the item's own words; else before its first line
    for child in nested:
        if child.tag in _LISTS:
            for sub, sub_number in _numbered_items(child):
                _list_item(sub, page, sub_number)
        elif not _item_line(child):
            _walk_nodes([child], page)
        else:
            line = make_blocks(
                "list_item",
                _text(child),
                1,
                emphasis=_emphasis(child, page.glossaries),
                number=number,
            )
            blocks.extend(line)
            number = 0 if line else number


def _item_line(node: Node) -> bool:
    """A list item's line of text: a <p>, or a <div> holding no block of its own, as a
    note app wraps each line (Evernote's ENML writes every item `<li><div>…</div></li>`).
    Walked as a container, such a line was a paragraph: a note's bullets were no list, and
    "**光系统II**（PSII）：…" no item read as a glossary's entry."""
    if node.tag == "p":
        return True
    return node.tag == "div" and not _wraps_blocks(node)


def _wraps_blocks(node: Node) -> bool:
    """Some element inside `node` is a block (a paragraph, a heading, a list …)."""
    return any(c.tag in _BLOCK_TAGS for c in node.traverse() if c.mem_id != node.mem_id)


def _flush(inline: list[Node], page: _Page) -> None:
    if inline:
        text = _join(inline)
        emphasis = [e for n in inline if n.tag != "-text" for e in _emphasis(n, page.glossaries)]
        page.blocks.extend(make_blocks("paragraph", text, 1, emphasis=emphasis))
        inline.clear()


def _join(nodes: list[Node]) -> str:
    return join_broken("".join(_inline_text(n) for n in nodes))


def _inline_text(node: Node) -> str:
    if node.tag == "br":
        return HARD_BREAK
    if node.tag in _BOLD_TAGS and _STRAY_MARK in (text := node.text(deep=True)):
        # "**注记：**指地图**上**的**文字说明**": the renderer paired the first mark with
        # the last and left the rest as text; the marks it took, put back, let
        # `blocks.stray_bold` pair them all as written (else "指地图" read as the bold)
        return f"{_STRAY_MARK}{text}{_STRAY_MARK}"
    if node.tag == "code":
        return f"`{node.text(deep=True)}`"
    if (after := _text_after_title(node)) is not None:
        # a figure's title set before its caption in the same line (OpenStax and CNX
        # pages: "Figure 11.5" "Biceps Brachii Muscle Contraction" "The large mass …"):
        # ended as the sentence it is, else the caption's first sentence began with the
        # title and a definition did ("Figure 11.5 Biceps … Contraction The large mass …")
        return f"{node.text(deep=True).rstrip()}." + ("" if after[:1].isspace() else " ")
    if is_math(node):
        return _math(node)
    if (tex := _mathjax_tex(node)) is not None:
        return f"$${tex[0]}$$" if tex[1] else f"${tex[0]}$"
    if (tex := _image_tex(node)) is not None:
        return f"${tex}$"
    if node.tag != "-text" and (
        node.css_first(f"math, {_FORMULA_IMAGES}") is not None
        or any(is_math(inner) for inner in node.traverse(include_text=False))
    ):
        # maths inside a wrapper (MediaWiki's <span class="mwe-math-element">, CNXML's
        # <equation> around its prefixed <m:math>): the formula's TeX once, not its
        # MathML's glyphs and then the TeX
        return "".join(_inline_text(child) for child in node.iter(include_text=True))
    return node.text(deep=True)


# a formula drawn as an image by a TeX renderer, its TeX in the image's alt: 知乎 marks
# them `eeimg` (src ".../equation?tex=…"); blogs embed CodeCogs' or Google Charts' renderer
_FORMULA_IMAGES = (
    'img[eeimg], img[src*="equation?tex="], img[src*="latex.codecogs.com"], img[src*="cht=tx"]'
)


def _image_tex(node: Node) -> str | None:
    """The TeX of a formula image (`_FORMULA_IMAGES`), else None. Read as text such an
    image is nothing: "核函数是一个函数 ，它等于…" lost the formula it named and an
    answer showed a gap where it stood."""
    if node.tag != "img" or not node.css_matches(_FORMULA_IMAGES):
        return None
    return (node.attributes.get("alt") or "").strip() or None


# a title's stop (a title ending on one keeps it)
_TITLE_STOPS = (".", "!", "?", ":", ";")


def _text_after_title(node: Node) -> str | None:
    """The text after `node` in its line when `node` is an inline title (data-type="title",
    as OpenStax's and CNX's pages mark a figure's or a table's title) ending on no stop
    with text after it, else None."""
    if node.tag in _HEADINGS or node.attributes.get("data-type") != "title":
        return None
    if node.text(deep=True).rstrip().endswith(_TITLE_STOPS):
        return None
    after, between = node.next, ""
    while after is not None:
        between += after.text(deep=True)
        if between.strip():
            return between
        after = after.next
    return None


def _text(node: Node) -> str:
    return _join(list(node.iter(include_text=True)))


def _emphasis(node: Node, glossaries: frozenset[str]) -> list[str]:
    marked = [
        e.text(deep=True).strip()
        for e in node.css(_EMPHASIS)
        if not _index(e) and not (e.tag in _BOLD_TAGS and _STRAY_MARK in e.text(deep=True))
    ]
    linked = [  # a term linked to its definition (blocks.term_link)
        a.text(deep=True).strip()
        for a in node.css("a[href]")
        if term_link(a.attributes.get("href") or "", a.text(deep=True), glossaries)
    ]
    return marked + [t for t in linked if t not in marked]


def _index(element: Node) -> bool:
    """`element` sits in a subscript or a superscript (a wiki's entry H<sub><i>ij</i></sub>:
    the italic index "ij" was a concept)."""
    parent = element.parent
    while parent is not None:
        if parent.tag in ("sub", "sup"):
            return True
        parent = parent.parent
    return False


def _math(node: Node, fenced: bool = True) -> str:
    """MathML as the TeX it carries (its annotation or its alttext), inside text delimited
    as Markdown writes maths ("$…$", "$$…$$" displayed; a formula block of its own is
    bare TeX), else the TeX its structure writes (`mathml.mathml_tex`)."""
    annotation = node.css_first('annotation[encoding="application/x-tex"]')
    tex = (annotation.text(deep=True) if annotation else node.attributes.get("alttext")) or ""
    # none carried (an XML textbook's source): its structure written as TeX, not glyphs
    tex = tex.strip() or mathml_tex(node)
    if not tex:
        return ""
    wrapped = _DISPLAYSTYLE.match(tex)
    tex = wrapped.group(1).strip() if wrapped else tex
    if not fenced:
        return tex
    fence = "$$" if node.attributes.get("display") == "block" else "$"
    return f"{fence}{tex}{fence}"


# TeX left for MathJax in an element of class "math", as pandoc's --mathjax writes it and
# blogs (cnblogs, Hexo) render Markdown's maths: "\(…\)" inline, "\[…\]" displayed
_MATHJAX = re.compile(r"\s*\\([(\[])(.*?)\\[)\]]\s*", re.S)


def _mathjax_tex(node: Node) -> tuple[str, bool] | None:
    """The TeX of a MathJax element and whether it is displayed, written as Markdown writes
    maths once read ("$…$", "$$…$$"): read as its text, "\\(\\vec{B}\\)" kept the
    delimiters no later step knows, so a formula's answer and its name showed them."""
    if (
        node.tag not in ("span", "div")
        or "math" not in (node.attributes.get("class") or "").split()
    ):
        return None
    found = _MATHJAX.fullmatch(node.text(deep=True))
    if found is None or not found.group(2).strip():
        return None
    return found.group(2).strip(), found.group(1) == "["


def _code_table(node: Node) -> str | None:
    """The code of a highlighter's table (its line numbers gone): one <pre> holding all
    the table's text, or None for a table of data."""
    listings = [pre for pre in node.css("pre") if pre.text(deep=True).strip()]
    if len(listings) != 1:
        return None
    code = listings[0].text(deep=True)
    return code if "".join(code.split()) == "".join(node.text(deep=True).split()) else None


def _table(node: Node) -> str:
    rows = []
    for row in node.css("tr"):
        cells = [" ".join(cell.text(deep=True).split()) for cell in row.css("th, td")]
        rows.append(" | ".join(cells))
    return "\n".join(rows)


def _stylesheet(tree: HTMLParser) -> tuple[frozenset[str], dict[str, float]]:
    """The page's classes that set bold, and the font size (points) each class sets."""
    bold: set[str] = set()
    sizes: dict[str, float] = {}
    for style in tree.css("style"):
        for name, rule in _CSS_RULE.findall(style.text()):
            if _BOLD_WEIGHT.search(rule):
                bold.add(name)
            size = _points(rule)
            if size is not None:
                sizes[name] = size
    return frozenset(bold), sizes


def _points(style: str) -> float | None:
    found = _FONT_SIZE.search(style)
    if found is None:
        return None
    value = float(found.group(1)) * (1 if found.group(2).lower() == "pt" else _PX_TO_PT)
    return round(value * 2) / 2  # to half points: 17.33px is 13pt, as a 13pt heading's


def _bold_line(paragraph: Node, page: _Page) -> float | None:
    """The font size (points; 0 when none is set) of a short paragraph whose every piece
    of text is set in bold, the way a heading is typed by hand; None otherwise."""
    if not heading_shaped(_text(paragraph)):
        return None
    size = 0.0
    for node in paragraph.traverse(include_text=True):
        if node.tag != "-text" or not (node.text(deep=False) or "").strip():
            continue
        bold, own_size = _bold_and_size(node, paragraph, page)
        if not bold:
            return None
        size = max(size, own_size)
    return size


def _bold_and_size(text: Node, paragraph: Node, page: _Page) -> tuple[bool, float]:
    """Whether a text node is bold, through any element from it up to its paragraph, and
    the innermost font size set on the way."""
    bold, size = False, None
    node = text.parent
    while node is not None:
        classes = (node.attributes.get("class") or "").split()
        style = node.attributes.get("style") or ""
        bold = (
            bold
            or node.tag in _BOLD_TAGS
            or bool(_BOLD_WEIGHT.search(style))
            or any(c in page.bold_classes for c in classes)
        )
        if size is None:
            size = _points(style)
            size = (
                size
                if size is not None
                else next((page.class_sizes[c] for c in classes if c in page.class_sizes), None)
            )
        if node.mem_id == paragraph.mem_id:
            break
        node = node.parent
    return bold, size or 0.0
