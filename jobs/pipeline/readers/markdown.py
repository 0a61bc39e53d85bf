"""Markdown with markdown-it-py: headings, paragraphs, list items, tables, code, `$$` maths.

Emphasised spans (`*term*`, `**term**`) are kept: textbooks mark the term being defined.
Inline HTML that marks a term (`<u>`, `<b>`, `<strong>`, `<em>`, `<i>`, `<dfn>`, `<mark>`:
some books underline the term they define) counts as emphasis too.
Inline code stays in backticks so later steps can tell code from prose. Raw HTML tags are
dropped, their text kept. `#标题` (no space before a CJK character, common in Chinese
files) counts as a heading; `#@tab`, `#include` do not.
MkDocs' and VitePress' containers (admonitions, content tabs) are unwrapped: their prose
is prose and their code is code (`_containers`). MyST's and Sphinx's roles read as
rendered (`_rendered_role`); d2lbook's ":label:`…`" lines are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from html import unescape
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from datasources.files.detect import Detected
from jobs.pipeline.lexicon import EXPORT_STAMP, EXPORT_STAMP_CHARS
from jobs.pipeline.model import Block, BlockKind, ReadDocument
from jobs.pipeline.readers.blocks import (
    HARD_BREAK,
    INLINE_CODE,
    MAX_TERM_CHARS,
    glossary_entry,
    glossary_pages,
    join_broken,
    make_blocks,
    real_pages,
    term_link,
    virtual_pages,
)
from jobs.pipeline.readers.cjk_emphasis import cjk_friendly_emphasis
from jobs.pipeline.readers.marp import deck_slides
from jobs.pipeline.readers.slides import title_slide, without_credits, without_outline
from jobs.pipeline.readers.text import decoded_lines
from jobs.pipeline.textutil import has_han

# "#标题": CommonMark wants a space after "#", Chinese writers often leave it out; before
# anything but a CJK character the "#" opens no heading (a notebook's "#@tab", C's
# "#include", a shebang, "#1")
_NO_SPACE_HEADING = re.compile(
    r"^(#{1,6})(?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])",
    re.MULTILINE,
)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_TAG = re.compile(r"<[^>]{0,400}>")
# An HTML comment is never shown, however long and whatever it holds: a translated Hugo
# page keeps its English original in one ("<!-- ## Core Components … -->", with its YAML's
# "description: >" and its shortcodes' ">}}"), whose ">" ended `_TAG` early and left the
# English a paragraph of the Chinese page (its "components" and "pods" twins of 組件, Pod).
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_EMPHASIS_TAG = re.compile(r"<(/?)(?:u|b|strong|em|i|dfn|mark)(?:\s[^>]*)?>", re.I)
_DISPLAY_MATH = re.compile(
    r"^\s*(\$\$.+\$\$|\\\[.+\\\]|\\begin\{(equation|align)\*?\}.+)\s*$", re.S
)


def read(path: Path, detected: Detected) -> ReadDocument:
    return from_source("\n".join(decoded_lines(path, detected.encoding or "utf-8")), detected)


def from_source(source: str, detected: Detected, declared: str | None = None) -> ReadDocument:
    """The document Markdown `source` makes (a notebook's cells joined are one too);
    `declared`: a title the file names outside its Markdown, read as front matter's."""
    slides = deck_slides(source)
    if slides is not None:
        return _deck(slides, detected, declared or front_matter_title(source))
    blocks = parse(source)
    heading = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    title = declared or front_matter_title(source)
    if title and heading is None:
        # the page's heading as its site renders it: the sections below are its parts,
        # and "Debugging" names the lesson's subject as a book chapter's title does
        blocks = [*make_blocks("heading", title, 1, level=1), *blocks]
    elif title and not declared and _sections_at_top(blocks, title):
        # An Obsidian or Quartz note names itself in its front matter and writes its
        # sections with "#" ("# Assessment Findings", "# Complications"): the site shows
        # the title over them. Read as written, the note's subject ("Diabetes Mellitus")
        # was no heading and no concept, and its first section stood for the document.
        # (One "#" heading is the page's own title, and stays one.)
        blocks = [*make_blocks("heading", title, 1, level=1), *_under_title(blocks)]
        heading = None
    title = title or heading
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False, title)


def _deck(slides: list[str], detected: Detected, declared: str | None) -> ReadDocument:
    """A Marp deck: each slide a page, read by the rules of a deck (its outline, credits
    and title slide's speaker lines taken out)."""
    parsed = [replace(b, page=n) for n, slide in enumerate(slides, 1) for b in parse(slide)]
    blocks = title_slide(without_credits(without_outline(parsed)))
    heading = next((b.text for b in blocks if b.kind == "heading"), None)
    shown = len({b.page for b in blocks})
    return ReadDocument(
        detected.kind, detected.mime_type, real_pages(blocks), True, declared or heading, shown
    )


def _sections_at_top(blocks: list[Block], title: str) -> bool:
    """`blocks` open their sections with "#" headings, two or more, none of them `title`
    (in whatever case or spacing)."""
    tops = [b.text for b in blocks if b.kind == "heading" and b.level == 1]
    letters = "".join(c for c in title.casefold() if c.isalnum())
    return len(tops) >= 2 and all(
        "".join(c for c in top.casefold() if c.isalnum()) != letters for top in tops
    )


def _under_title(blocks: list[Block]) -> list[Block]:
    """`blocks` with every heading one level down (to 6 at most), below a title over them."""
    return [replace(b, level=min(b.level + 1, 6)) if b.kind == "heading" else b for b in blocks]


# YAML front matter (Jekyll, Hugo, Jupyter Book, the Carpentries' lessons) names the page
# in its "title:" key; a lesson's episodes open on no "#" heading at all. Only that
# top-level scalar is read: a YAML parser would expand a hostile file's aliases.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TITLE_KEY = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)
MAX_TITLE_CHARS = 300


def front_matter_title(source: str) -> str | None:
    """The front matter's "title:" value, unquoted; None without one."""
    matter = _FRONT_MATTER.match(source)
    found = _TITLE_KEY.search(matter.group(1)) if matter else None
    if found is None:
        return None
    value = found.group(1)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1]
    value = value.strip()
    # a block scalar ("title: >") or a list is no one-line title
    return value[:MAX_TITLE_CHARS] if value and value not in (">", "|", ">-", "|-") else None


def parse(source: str) -> list[Block]:
    """Blocks of a Markdown string, in reading order (all on page 1; pages come later)."""
    parser = MarkdownIt("commonmark").enable("table")
    # a "$" before a digit opens a price, never closes maths ("earns $40,000 … about $9,000":
    # read as one formula, it swallowed the bold term between the two sums)
    parser.use(dollarmath_plugin, allow_space=True, allow_digits=False, double_inline=True)
    # YAML front matter (Jekyll, Hugo, Jupyter Book) is no text: read as Markdown its
    # closing "---" made it a heading; MyST's "(label)=" targets and roles
    # (`_rendered_role`). Not MyST's "%" comments: other Markdown starts lines with "%"
    # ("% change in quantity = …")
    parser.use(front_matter_plugin).use(myst_block_plugin).use(myst_role_plugin)
    parser.disable("myst_line_comment")
    parser.use(cjk_friendly_emphasis)  # "**术语（term）**是…" is bold, as Chinese writes it
    # pandoc's, PHP Markdown Extra's and MyST's definition lists ("Term" over ": its
    # definition"): read as one glossary entry each (`blocks.glossary_entry`)
    parser.use(deflist_plugin)
    # footnotes (pandoc writes a LaTeX book's \\footnote so; Hexo's and Obsidian's notes):
    # a reference "[^4]" is no text, and a note's "[^4]: " label none either; the note
    # reads as a paragraph where it stands. As plain text, "[^4]: 也叫作控制序列…" was a
    # definition and "LuaTeX[^12]" a description
    parser.use(footnote_plugin).disable("footnote_tail")
    source = _without_mdbook_links(_TOC_MARKER.sub("", source))
    tokens = parser.parse(_prepared(_containers(_without_site_templates(source))))
    tokens = _without_contents_lists(tokens)
    branches = _outline_branches(tokens)
    glossaries = glossary_pages(link for token in tokens for link in _links(token))
    blocks: list[Block] = []
    context: list[str] = []  # open containers: list_item, table cells, ...
    row: list[str] = []
    table: list[str] = []
    term: str | None = None  # a definition list's term waiting for its definition
    linked: set[int] = set()  # blocks that are one link to another page (`_page_link`)
    numbers: list[int] = []  # the open list items' numbers, the innermost last (0: none)
    lists: list[list[int] | None] = []  # the open lists: an ordered one's [start, items]
    for at, token in enumerate(tokens):
        if token.type in ("dt_open", "dd_open"):
            context.append(token.tag)
        elif token.type in ("dt_close", "dd_close"):
            context.pop()
        elif token.type == "dl_close" and term is not None:
            blocks.extend(make_blocks("paragraph", term, 1))  # a term no definition followed
            term = None
        elif token.type == "inline" and context and context[-1] == "dt":
            if term is not None:
                blocks.extend(make_blocks("paragraph", term, 1))
            text, _ = _inline(token, glossaries)
            term = text if len(text) <= MAX_TERM_CHARS else None
            if term is None:
                blocks.extend(make_blocks("paragraph", text, 1))
        elif token.type == "inline" and term is not None and "dd" in context:
            text, emphasis = _inline(token, glossaries)
            blocks.extend(glossary_entry([term], text, emphasis))
            term = None
        elif token.type in ("ordered_list_open", "bullet_list_open"):
            start = token.attrs.get("start", 1) if token.type == "ordered_list_open" else 0
            lists.append([int(start) if str(start).isdigit() else 1, 0] if start else None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif token.type in ("list_item_open", "blockquote_open"):
            context.append(token.type)
            numbers.append(_item_number(token, lists[-1] if lists else None))
        elif token.type in ("list_item_close", "blockquote_close"):
            context.pop()
            numbers.pop()
        elif token.type == "heading_open":
            context.append(token.tag)
        elif token.type == "heading_close":
            context.pop()
        elif token.type in ("th_open", "td_open"):
            context.append("cell")
        elif token.type in ("th_close", "td_close"):
            context.pop()
        elif token.type == "tr_close":
            table.append(" | ".join(row))
            row = []
        elif token.type == "table_close":
            blocks.extend(make_blocks("table", "\n".join(table), 1))
            table = []
        elif token.type == "inline" and not context and _navigation(token):
            continue
        elif token.type == "inline" and _export_stamp(token.content):
            continue  # the app's stamp of where the note came from, no text of it
        elif token.type == "inline":
            text, emphasis = _inline(token, glossaries)
            if at in branches:
                emphasis = [text.strip(), *emphasis]  # a mind map's branch: a topic
            if context and context[-1] == "cell":
                row.append(text)
            else:
                if not context and _page_link(token):
                    linked.add(len(blocks))
                number = numbers[-1] if numbers and context[-1] == "list_item_open" else 0
                if number:
                    numbers[-1] = 0  # the item's first paragraph carries it, no later one
                blocks.extend(_text_block(text, emphasis, context, number))
        elif token.type in ("math_block", "math_block_label"):
            blocks.extend(make_blocks("formula", f"$${token.content.strip()}$$", 1))
        elif token.type == "fence" and _note_fence(token):
            blocks.extend(parse(_directive_body(token.content)))
        elif token.type in ("fence", "code_block"):
            blocks.extend(make_blocks("code", _without_line_marks(token.content), 1))
        elif token.type == "html_block":
            # its entities as the page shows them: a raw <table>'s "Light&emsp;" in a
            # deck's Markdown was a word of the text ("&emsp" a concept, had it recurred)
            text = unescape(_TAG.sub(" ", _HTML_COMMENT.sub(" ", token.content))).strip()
            if _export_stamp(text):
                continue
            blocks.extend(make_blocks("paragraph", " ".join(text.split()), 1))
    return _without_link_headings(blocks, linked)


# a link to another file of the same export: a relative path ending on a page's or a
# table's extension ("Ocean%20Acidification%20a1b2….md", "Reef%20Species%20….csv")
_PAGE_TARGET = re.compile(
    r"(?![a-z][a-z0-9+.-]*:|/|#)[^?#]+\.(?:md|markdown|csv|html?)(?:#.*)?", re.IGNORECASE
)


def _page_link(token: Token) -> bool:
    """A paragraph that is one link alone, to another page or table of the same export:
    how Notion's "Markdown & CSV" export sets a sub-page, a linked page or an inline
    database ("[Ocean Acidification](Ocean%20Acidification%20<id>.md)")."""
    children = [c for c in token.children or [] if c.type != "text" or c.content.strip()]
    return (
        len(children) >= 3
        and children[0].type == "link_open"
        and children[-1].type == "link_close"
        and sum(c.type == "link_open" for c in children) == 1
        and bool(_PAGE_TARGET.fullmatch(str(children[0].attrs.get("href", ""))))
    )


def _without_link_headings(blocks: list[Block], linked: set[int]) -> list[Block]:
    """The blocks without a heading whose section is nothing but links to other pages
    (`_page_link`): a Notion page's "Related pages" or "Sub-pages" over its links names
    no topic of this page, and was a concept and a module of a marine-biology note. The
    links' titles stay text: a related page's title names a topic the page touches."""
    dropped: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        end = index + 1
        while end < len(blocks) and blocks[end].kind != "heading":
            end += 1
        if end > index + 1 and all(i in linked for i in range(index + 1, end)):
            dropped.add(index)
    return [b for i, b in enumerate(blocks) if i not in dropped] if dropped else blocks


def _note_fence(token: Token) -> bool:
    """A fence labelled with a word that names no programming language (```note, ```smart,
    ```{admonition}) and holding sentences is a box of the source's own renderer (a note,
    a tip, a warning): prose to read, where books often define a term, not code."""
    label = _fence_label(token.info)
    if label in _CODE_DIRECTIVES or label in _PROGRAM_TEXT:
        return False
    return bool(label) and not _language(label) and _reads_as_prose(token.content)


def _fence_label(info: str) -> str:
    """The word a fence's info string opens with ("python", "note"), or, in pandoc's
    attribute form, the first class or word in its braces: ```{.python .input  n=3},
    Quarto's ```{python}, ```{.sh}, MyST's ```{note} (read as "{.python", no language,
    d2l's code cells holding "import math" were taken for note boxes). knitr's chunk
    header parts its engine from its options by a comma, ```{r, echo = FALSE} (read as
    "r,", no language, an R chunk's "# also hosted at …" comment became a heading)."""
    info = info.strip()
    if not info.startswith("{"):
        return info.split(maxsplit=1)[0].strip("{}") if info else ""
    words = info[1:].split("}", 1)[0].replace(",", " ").split()
    classes = [w[1:] for w in words if w.startswith(".") and len(w) > 1]
    return classes[0] if classes else words[0] if words else ""


# MyST / Sphinx directives that hold code ("```{code-cell} ipython3" with "import pandas as
# pd" reads like words)
_CODE_DIRECTIVES = frozenset(
    {"code-cell", "code-block", "code", "sourcecode", "literalinclude", "jupyter-execute"}
)


# Fences that hold a program's text or what it prints, under labels no lexer knows: the
# Carpentries' ```source (a script as saved: its "# Usage: bash middle.sh …" comment lines
# read as prose became headings and titled a module) and ```error, and the streams
_PROGRAM_TEXT = frozenset({"source", "error", "stderr", "stdout"})


# A MyST directive's options (Jupyter Book): a YAML block between "---" lines, or ":key:"
# lines, before its body. Read as Markdown, "alt: …" over "---" became a heading.
_DIRECTIVE_OPTIONS = re.compile(
    r"\A\s*(?:---\n.*?\n---[ \t]*(?:\n|\Z)|(?:[ \t]*:[\w-]+:[^\n]*(?:\n|\Z))+)", re.S
)


def _directive_body(content: str) -> str:
    return _DIRECTIVE_OPTIONS.sub("", content, count=1)


@lru_cache(maxsize=256)
def _language(label: str) -> bool:
    try:
        get_lexer_by_name(label)
    except ClassNotFound:
        return False
    return True


_DOLLAR_MATHS = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)
_NESTED_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1\s*$", re.M | re.S)
_WORD = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")


def _reads_as_prose(content: str) -> bool:
    """Words, with few of the symbols code and markup are made of (a diagram's `-->`, a
    formula's `\\frac{}`), outside the code examples the box may hold. Its maths is
    no code: a definition or an example box (sphinx-proof's ```{prf:example}) sets
    formulas between its sentences."""
    text = _MYST_ROLE.sub("", _NESTED_FENCE.sub("", content))  # a role's braces are markup
    text = _DOLLAR_MATHS.sub(" ", text)
    symbols = sum(text.count(ch) for ch in "{}[]();=<>$\\|")
    return len(_WORD.findall(text)) >= 8 and symbols <= 0.03 * len(text)


# What a page's own navigation says between its links: "[Contents](../Contents.md) |
# [Previous (7.3 Returning Functions)](03.md) | [Next (7.5 …)](05.md)"
_BETWEEN_LINKS = re.compile(r"[\s|·•/»«<>→←\-–—:,]*")
# (a link alone that names the site's forum for the page, "[Discussions](…/t/1750)" closing
# each framework's tab of a d2l chapter, is furniture as well: "Discussions" was a concept
# of four d2l chapters in Chinese)
_NAVIGATION_WORD = re.compile(
    r"^\W*(?:previous|prev|next|back|home|up|top|contents|table of contents|index"
    r"|上一|下一|返回|目录|首页"
    r"|(?:discussions?|comments?|forums?|feedback|讨论区?|评论区?|留言)\W*$)",
    re.I,
)

# A paragraph that only asks the editor for its table of contents: "[TOC]" (Typora,
# Python-Markdown, a 学堂在线 讲义), "[[TOC]]", "[[_TOC_]]" (GitLab, Azure DevOps wikis),
# "@[toc](目录)" (CSDN's editor), "${toc}": read as a paragraph "[TOC]" stayed in the text
# (dropped as a line of the source: a wiki link's "[[…]]" is rewritten before parsing)
_TOC_MARKER = re.compile(
    r"^[ \t]*(?:\[\[_?toc_?\]\]|@?\[toc\](?:\([^()\n]{0,20}\))?|\$\{toc\})[ \t]*$", re.I | re.M
)

# "Read this in other languages:", "阅读其他语言版本：": a few words and a colon
_LINK_LIST_LABEL = re.compile(r"[^.。!?！？:：]{1,40}[:：]")


def _navigation(token: Token) -> bool:
    """A paragraph of links only, two or more or one saying where it leads ("Next", "上一
    节"), or a short label and its links ("Read this in other languages: English, 日本語"):
    a course site's previous/next bar or a repository's language switcher, not prose. Its
    link texts name other chapters; read as text they became concepts of this one."""
    links: list[str] = []
    label = ""
    inside = False
    for child in token.children or []:
        if child.type == "link_open":
            inside = True
            links.append("")
        elif child.type == "link_close":
            inside = False
        elif inside:
            links[-1] += _child_text(child)
        elif not links:
            label += _child_text(child)
        elif child.type not in ("softbreak", "hardbreak") and not _BETWEEN_LINKS.fullmatch(
            child.content
        ):
            return False
    label = label.strip()
    if label:
        return len(links) >= 2 and bool(_LINK_LIST_LABEL.fullmatch(label))
    return len(links) >= 2 or (len(links) == 1 and bool(_NAVIGATION_WORD.match(links[0])))


# A mind map exported as a Markdown outline (XMind, 幕布, MindNode): nodes of a few words
# as nested list items, hardly any sentence. A node with nodes under it is a topic its
# branch sorts, as a heading is; read as plain items, a pharmacology map's 首过效应,
# 血浆蛋白结合 and 肾小管重吸收 were no concepts (its leaves may be mere values: 口服, 年龄).
_OUTLINE_MIN_ITEMS = 20
_OUTLINE_NODE_SHARE = 0.8
_OUTLINE_MIN_BRANCHES = 5
_NODE_MAX_CHARS = 16
_SENTENCE_MARK = re.compile(r"[。！？；，：,;!?:]|\.(?:\s|$)")
_LIST_OPEN = ("bullet_list_open", "ordered_list_open")


def _outline_branches(tokens: list[Token]) -> set[int]:
    """The indexes of the inline tokens that are a mind map's branch nodes: list items
    of a node's few words with a nested list under them, in a document whose list items
    are nodes (`_OUTLINE_NODE_SHARE` of at least `_OUTLINE_MIN_ITEMS`) and whose prose
    outside lists is scant. Empty for any other document."""
    nodes = 0
    items = 0
    paragraphs = 0
    branches: set[int] = set()
    for i, token in enumerate(tokens):
        if token.type == "inline" and token.level == 1 and tokens[i - 1].type == "paragraph_open":
            paragraphs += 1  # a paragraph outside any list or container
        if token.type != "list_item_open":
            continue
        end = next(
            (
                j
                for j in range(i + 1, len(tokens))
                if tokens[j].type == "list_item_close" and tokens[j].level == token.level
            ),
            len(tokens),
        )
        inline = next(
            (j for j in range(i + 1, end) if tokens[j].type == "inline"),
            None,
        )
        if inline is None or tokens[inline].level != token.level + 2:
            continue
        items += 1
        if not _node(tokens[inline].content):
            continue
        nodes += 1
        if any(tokens[j].type in _LIST_OPEN for j in range(inline + 1, end)):
            branches.add(inline)
    outline = (
        items >= _OUTLINE_MIN_ITEMS
        and nodes >= _OUTLINE_NODE_SHARE * items
        and len(branches) >= _OUTLINE_MIN_BRANCHES
        and paragraphs * 5 <= items
    )
    return branches if outline else set()


def _node(text: str) -> bool:
    """A mind map node's text: a few words, no sentence (`_SENTENCE_MARK`)."""
    text = text.strip()
    return 0 < len(text) <= _NODE_MAX_CHARS and not _SENTENCE_MARK.search(text)


# a generated table of contents: GFM-TOC, doctoc, markdown-toc, VS Code's Markdown All in One
_CONTENTS_MIN_ITEMS = 3


def _without_contents_lists(tokens: list[Token]) -> list[Token]:
    """The tokens without a table of contents: a list (nested lists too) whose items each
    hold one link to a heading of the same page ("* [2. 分组交换](#2-分组交换)") and no other
    words, three items or more. A notes repository opens each chapter on one; read as
    text, every heading was a topic of the list on the first page, before the section that
    teaches it, and a course's first week was modules named by one concept each. Links to
    other files stay (a README's list of chapters, "[Lists](lists.md)")."""
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            closing = token.type.replace("_open", "_close")
            end = next(
                j
                for j in range(i + 1, len(tokens))
                if tokens[j].type == closing and tokens[j].level == token.level
            )
            items = [t for t in tokens[i:end] if t.type == "inline"]
            if len(items) >= _CONTENTS_MIN_ITEMS and all(_anchor_link_only(t) for t in items):
                i = end + 1
                continue
        kept.append(token)
        i += 1
    return kept


def _anchor_link_only(token: Token) -> bool:
    """An inline token that is one link to an anchor of this page and nothing else."""
    links = 0
    inside = False
    for child in token.children or []:
        if child.type == "link_open":
            links += 1
            inside = True
            if not str(child.attrs.get("href", "")).startswith("#"):
                return False
        elif child.type == "link_close":
            inside = False
        elif _line_break(child):
            continue  # "- [第 1 课 鸦片战争](#第-1-课-鸦片战争)<br>": each item on its line
        elif not inside and child.content.strip():
            return False
    return links == 1


def _line_break(child: Token) -> bool:
    return child.type in ("softbreak", "hardbreak") or (
        child.type == "html_inline" and _BREAK.fullmatch(child.content.strip()) is not None
    )


# Marks a site's build reads in a heading and never shows: javascript.info's anchor after
# the title ("Cloning and merging, Object.assign [#cloning-and-merging-object-assign]"), a
# d2l heading bracketed whole as linked to its code ("[**Defining the Model**]"), and the
# star after a section marked optional (hello-algo's "内存与缓存 *"); each titled a week
_HEADING_ANCHOR = re.compile(r"\s*\[#[\w.:-]+\]\s*$")
_HEADING_BRACKETED = re.compile(r"^\[([^\[\]]+)\]$")
_HEADING_STAR = re.compile(r"\s+\*$")


def _heading_text(text: str) -> str:
    text = _HEADING_STAR.sub("", _HEADING_ANCHOR.sub("", text.strip()))
    return _HEADING_BRACKETED.sub(r"\1", text).strip() or text


def _export_stamp(text: str) -> bool:
    """A short paragraph stamping where the note came from (`lexicon.EXPORT_STAMP`): a
    钉钉文档 or 语雀 export's banner and footer."""
    return len(text) <= EXPORT_STAMP_CHARS and EXPORT_STAMP.search(text) is not None


def _item_number(token: Token, ordered: list[int] | None) -> int:
    """An ordered list's item's number, which the text loses: as written ("6." after "1."
    keeps 6, which a key typed from the source names), unless the list numbers every item
    as its first ("1." each time, rendered 1, 2, 3): then as rendered. 0 in a bullet list
    and for a blockquote."""
    if ordered is None or token.type != "list_item_open":
        return 0
    start, seen = ordered
    ordered[1] = seen + 1
    written = int(token.info) if token.info.isdigit() else start + seen
    return start + seen if seen and written == start else written


def _text_block(text: str, emphasis: list[str], context: list[str], number: int = 0) -> list[Block]:
    kind: BlockKind = "paragraph"
    level = 0
    if context and re.fullmatch(r"h[1-6]", context[-1]):
        kind, level = "heading", int(context[-1][1])
        text = _heading_text(text)
    elif _DISPLAY_MATH.match(text):
        kind = "formula"
    elif "list_item_open" in context:
        kind = "list_item"
    return make_blocks(kind, text, 1, level=level, emphasis=emphasis, number=number)


def _links(token: Token) -> Iterator[tuple[str, str]]:
    """Each link of an inline token: its target and its text (text and code children)."""
    href: str | None = None
    text: list[str] = []
    for child in token.children or []:
        if child.type == "link_open":
            href, text = str(child.attrs.get("href", "")), []
        elif child.type == "link_close" and href is not None:
            yield href, "".join(text)
            href = None
        elif href is not None and child.type in ("text", "code_inline"):
            text.append(child.content)


def _inline(token: Token, glossaries: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    parts: list[str] = []
    emphasis: list[str] = []
    depth = 0
    current: list[str] = []
    previous = ""
    links = _links(token)
    children = token.children or []
    for at, child in enumerate(children):
        if child.type == "link_close":
            href, linked = next(links, ("", ""))
            if not depth and term_link(href, linked, glossaries):
                emphasis.append(linked)  # linked to its definition: a term
        tag = _EMPHASIS_TAG.fullmatch(child.content) if child.type == "html_inline" else None
        if child.type in ("em_open", "strong_open") or (tag and not tag.group(1)):
            depth += 1
        elif (child.type in ("em_close", "strong_close") or tag) and depth:
            depth -= 1
            if depth == 0:
                emphasis.append("".join(current))
                current = []
        text = _child_text(child)
        if child.type == "myst_role":  # a reference in the paragraph's language
            text = _rendered_role(child.meta["name"], child.content, has_han(token.content))
        if child.type == "text":
            text = _without_attributes(text, after_target=previous in ("image", "link_close"))
            following = children[at + 1].type if at + 1 < len(children) else ""
            text, highlighted = _without_highlight(text, previous, following)
            if not depth:  # inside bold or italics the outer span already names it
                emphasis.extend(highlighted)
        previous = child.type
        sphinx = _SPHINX_ROLE.search(parts[-1]) if parts and child.type == "code_inline" else None
        if sphinx:  # ":numref:" read as text before the code span "`fig_x`"
            if depth and current and current[-1] == parts[-1]:
                current[-1] = current[-1][: sphinx.start()]
            parts[-1] = parts[-1][: sphinx.start()]
            chinese = has_han(token.content)  # the paragraph's language names the reference
            if chinese:  # "与 :numref:`fig_x` 相比": no space around 图 in Chinese
                parts[-1] = parts[-1].rstrip(" ")
            text = _rendered_role(sphinx.group(1), child.content, chinese)
        if not text and (sphinx or child.type == "myst_role") and parts:
            parts[-1] = parts[-1].rstrip(" ")  # no gap where a citation was: "curve {cite}`x`,"
        parts.append(text)
        if depth and not child.type.startswith("math"):
            current.append(text)
        elif depth and child.type == "math_inline":
            current.append(_symbol(child.content))
    if depth and current:  # an HTML tag left open marks the rest of the paragraph
        emphasis.append("".join(current))
    return join_broken("".join(parts)), [e.replace(HARD_BREAK, "\n") for e in emphasis]


# Obsidian's and Typora's highlight, "==text==": CommonMark keeps the marks as text, and
# every definition a note highlighted a phrase in was quoted with them ("…沿一定的==滑动面
# ==作整体下滑…"). A pair inside one run of text goes; so does a mark at a run's edge
# against bold or italics it wraps ("==**土体或岩体**==").
# (never opened after a letter or a digit, as a comparison is written: "a==b and c==d")
# The highlighted words are the note's stress, as `<mark>` is (`_EMPHASIS_TAG`): read as
# plain words, a 有道云笔记 note's "==敏捷宣言==是…" defined nothing and its term was lost.
_HIGHLIGHT = re.compile(r"(?<![A-Za-z0-9_])==(?=[^\s=])(.+?)(?<=[^\s=])==")


def _without_highlight(text: str, previous: str, following: str) -> tuple[str, list[str]]:
    """The text without its highlight marks, and the words each pair marked."""
    highlighted = [m.group(1) for m in _HIGHLIGHT.finditer(text)]
    text = _HIGHLIGHT.sub(r"\1", text)
    if following in ("strong_open", "em_open") and text.endswith("=="):
        text = text[:-2]
    if previous in ("strong_close", "em_close") and text.startswith("=="):
        text = text[2:]
    return text, highlighted


# A single letter of inline maths inside emphasis belongs to the name it opens:
# "**$n$步时序差分**", "**$K$-臂赌博机**", "*$\varepsilon$-贪心*" (without it, "步时序差分")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "lambda": "λ", "theta": "θ", "mu": "μ", "sigma": "σ", "tau": "τ", "pi": "π", "phi": "φ",
    "omega": "ω",
}  # fmt: skip
_MATH_SYMBOL = re.compile(rf"\s*(?:([A-Za-z])|\\({'|'.join(_GREEK)}))\s*")


def _symbol(maths: str) -> str:
    """The letter a piece of inline maths is, or nothing (a formula is no part of a name)."""
    found = _MATH_SYMBOL.fullmatch(maths)
    if found is None:
        return ""
    return found.group(1) or _GREEK[found.group(2)]


# Pandoc's attributes: "![](fig/plot.png){alt='Line graphs showing …'}", a bracketed
# span "[argument]{#argument}", a heading's "{#sec-loops .unnumbered}". CommonMark
# leaves them as text (an image's alt text read as prose: "line graphs showing" was a
# concept of a lesson).
_ATTRIBUTE = r"[#.][\w:-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)"
_ATTRIBUTES = rf"\{{[ \t]*(?:{_ATTRIBUTE})(?:\s+(?:{_ATTRIBUTE}))*[ \t]*\}}"
_LEADING_ATTRIBUTES = re.compile(_ATTRIBUTES)
_SPAN = re.compile(rf"\[([^\[\]\n]*)\]{_ATTRIBUTES}")
_TRAILING_ATTRIBUTES = re.compile(rf"[ \t]+{_ATTRIBUTES}[ \t]*$")


def _without_attributes(text: str, *, after_target: bool) -> str:
    """`text` without pandoc attribute blocks: at its start after an image or a link,
    after a bracketed span (its text kept), and at the end of a heading or line."""
    if after_target:
        text = _LEADING_ATTRIBUTES.sub("", text, count=1) if text.startswith("{") else text
    if "{" not in text:
        return text
    return _TRAILING_ATTRIBUTES.sub("", _SPAN.sub(r"\1", text))


# GitHub's and GitLab's emoji shortcodes (":star:", ":white_check_mark:", ":+1:"), which
# those sites show as a pictograph: a course note flags its key chapter "# 第七章 测试技术
# :star:" and draws its symbols as ":white_circle:". Read as text, the code titled a week
# "测试技术 :star"; a pictograph is no text (`blocks.undecorated`), so neither is its code.
# A name has a letter in it and touches no letter, digit or colon on either side:
# "10:30:45", "std::vector" and "ratio:a:b" keep their colons. Code spans keep theirs, and
# so does a Sphinx role before its code span (":eqref:`eq_area`", read as rendered).
_EMOJI_SHORTCODE = re.compile(
    r"[ \t]*(?<![A-Za-z0-9_:]):(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]{2,40}:(?![A-Za-z0-9_:`])"
)


def _without_emoji_codes(line: str) -> str:
    """`line` without its emoji shortcodes (`_EMOJI_SHORTCODE`), its code spans as written."""
    spans = [span.span() for span in _CODE_SPAN.finditer(line)] if "`" in line else []

    def dropped(code: re.Match[str]) -> str:
        inside = any(start <= code.start() < end for start, end in spans)
        return code.group(0) if inside else ""

    return _EMOJI_SHORTCODE.sub(dropped, line)


def _child_text(child: Token) -> str:
    if child.type == "text":
        return child.content
    if child.type == "code_inline":
        return f"`{child.content}`"
    if child.type == "math_inline":
        return f"${child.content}$"
    if child.type == "math_inline_double":
        return f"$${child.content}$$"
    if child.type == "softbreak":
        return "\n"
    if _line_break(child):
        return HARD_BREAK
    if child.type == "myst_role":
        return _rendered_role(child.meta["name"], child.content)
    if child.type == "html_inline":
        return ""
    return ""


# A static site generator's template syntax, no text of the page: Jekyll's Liquid tags
# ("{% include toc.html %}"; "{% comment %}…{% endcomment %}" with what it hides; "{% raw
# %}…{% endraw %}" keeps its content as written), Hugo's shortcodes ("{{< figure … >}}",
# "{{% notice tip %}}…{{% /notice %}}": their content stays), Liquid variables ("{{
# site.baseurl }}") and kramdown's attribute lists ("{: .note}"). Course sites keep their
# lecture notes so; read as text, "{% include toc.html %}" was a paragraph.
_SITE_TEMPLATE = re.compile(
    r"\{%-?\s*(?P<tag>\w+)(?:[^%]|%(?!\}))*?-?%\}"
    r"|\{\{[<%].*?[%>]\}\}"
    r"|\{\{-?\s*[\w.]+(?:\s*\|[^{}]*)?\s*-?\}\}"
    # an attribute list names a class, an id or a key, never a format spec ("{:.2f}")
    r"|\{:\s*(?:[.#][A-Za-z][\w-]*|[A-Za-z][\w-]*=)[^{}\n]*\}"
)


# An inline shortcode that shows a text of its own says it in a `text` parameter: Hugo's
# glossary links ("{{< glossary_tooltip text="控制器" term_id="controller" >}}", on every
# page of a Kubernetes-style docs site) show "控制器" in the sentence. Dropped with the rest
# of the shortcode, "運行{{< … >}}來實現" read "運行來實現", a definition without its object.
_SHORTCODE_TEXT = re.compile(r"""^\{\{[<%].*?\btext\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _shown_text(template: str) -> str:
    """The text a shortcode shows in its sentence (`_SHORTCODE_TEXT`), else nothing."""
    match = _SHORTCODE_TEXT.match(template)
    return (match.group(1) or match.group(2) or "") if match else ""


# mdBook's preprocessor links, a line of their own: `{{#include file.rs:here}}`,
# `{{#rustdoc_include ../listings/…/main.rs}}`, `{{#playground …}}`. The build puts the
# file there; the uploaded chapter holds only the path, which answered "How is `unwrap`
# used?" with "Here is an example of `unwrap` in action: {{#rustdoc_include …}}" (The
# Rust Programming Language, in both languages). Outside code it goes; a code block of
# nothing else stays, as the listing the text points to (`examples` shows none of it:
# gone, the lead-in took the next paragraph for its example).
MDBOOK_LINK = re.compile(
    r"^[ \t]*\{\{#(?:include|rustdoc_include|playground|template)\b[^{}\n]*\}\}[ \t]*$",
    re.MULTILINE,
)


# Marks a tutorial site's engine reads inside code to highlight what they wrap: "*!*" opens,
# "*/!*" closes, on lines of their own or around a few characters ("new Date(2013, 0,
# *!*32*/!*)"). The page shows the code highlighted and the marks gone; read as written they
# were part of every example a course quoted ("*!*\nlet user = new User("Jack");\n*/!*",
# javascript.info in both languages). Only a pair is a mark: "*!*" alone may be code.
_LINE_MARK_LINE = re.compile(r"^[ \t]*\*/?!\*[ \t]*\n", re.MULTILINE)
_LINE_MARK = re.compile(r"\*/?!\*")


def _without_line_marks(code: str) -> str:
    if "*!*" not in code or "*/!*" not in code:
        return code
    return _LINE_MARK.sub("", _LINE_MARK_LINE.sub("", code))


def _without_mdbook_links(source: str) -> str:
    """`source` without mdBook's links (`MDBOOK_LINK`) outside code fences."""
    if "{{#" not in source:
        return source
    out: list[str] = []
    fence: tuple[str, int] | None = None
    for line in source.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = (match.group(2)[0], len(match.group(2)))
        elif fence is not None and match and _closes(match, fence):
            fence = None
        elif fence is None and MDBOOK_LINK.fullmatch(line):
            continue
        out.append(line)
    return "\n".join(out)


# a LaTeX command, a script mark or a group's brace right before "{{": the braces group
# maths ("\frac{{ds}}{{dt}}", "e^{{x}}"), no Liquid variable
_LATEX_GROUP_BEFORE = re.compile(r"(?:\\[A-Za-z]+|[\^_{}])$")
_COMMAND_REACH = 30  # characters before "{{" read for it: a command's name is shorter


def _without_site_templates(source: str) -> str:
    """`source` without its template syntax (`_SITE_TEMPLATE`) outside code fences."""
    if not _SITE_TEMPLATE.search(source):
        return source
    out: list[str] = []
    fence: tuple[str, int] | None = None
    hidden = raw = False  # inside {% comment %} / {% raw %}
    for line in source.split("\n"):
        match = _FENCE.match(line)
        if fence is not None or (match and not hidden and not raw):
            if fence is None and match:
                fence = (match.group(2)[0], len(match.group(2)))
            elif fence is not None and match and _closes(match, fence):
                fence = None
            out.append(line)
            continue
        kept: list[str] = []
        position = 0
        for template in _SITE_TEMPLATE.finditer(line):
            tag = template.group("tag")
            if raw and tag != "endraw":
                continue  # shown as written
            if _LATEX_GROUP_BEFORE.search(
                line[max(0, template.start() - _COMMAND_REACH) : template.start()]
            ):
                continue  # maths' braces: "\frac{{ds}}{{dt}}" lost both its arguments
            if not hidden:
                kept.append(line[position : template.start()])
                kept.append(_shown_text(template.group(0)))
            position = template.end()
            hidden = (hidden or tag == "comment") and tag != "endcomment"
            raw = tag == "raw"
        if not hidden:
            kept.append(line[position:])
        out.append("".join(kept))
    return "\n".join(out)


# R Markdown's and Quarto's inline code, "`r nrow(data)`", "`{r} mean(x)`", "`{python} n`",
# is a value knitr computes when the page is rendered; the source holds only the code,
# which read as text put "`r percent(ap_documents$gamma[1])`" in a sentence a definition
# quoted. It goes, with the "$…$" a writer may wrap around it and one space before it, and
# the sentence keeps its words; a code span naming R code ("`nrow()`", "`r`" alone) is no
# inline chunk and stays.
_INLINE_CHUNK = re.compile(r"[ \t]?(\$)?`(?:r|\{(?:r|python|julia|ojs)\})[ \t][^`\n]*`(?(1)\$)")


# Quarto's (and pandoc-crossref's) cross-references: "@fig-posterior", "[@eq-bayes]" show
# as "Figure 1", "Equation 1", numbered in the order their labels ("{#fig-…}", a chunk's
# "#| label: fig-…") stand in the source. Kept as written, "@fig-posterior shows that …"
# was a sentence of the lecture's text, and of an answer built on it.
_CROSS_REFERENCE_KINDS = {
    "fig": "Figure",
    "tbl": "Table",
    "eq": "Equation",
    "sec": "Section",
    "lst": "Listing",
    "thm": "Theorem",
    "lem": "Lemma",
    "cor": "Corollary",
    "prp": "Proposition",
    "cnj": "Conjecture",
    "def": "Definition",
    "exm": "Example",
    "exr": "Exercise",
}
_KIND = "|".join(_CROSS_REFERENCE_KINDS)
_CROSS_REFERENCE = re.compile(rf"\[@((?:{_KIND})-[\w-]*\w)\]|(?<![\w@.\\])@((?:{_KIND})-[\w-]*\w)")
_CROSS_REFERENCE_LABEL = re.compile(
    rf"\{{#((?:{_KIND})-[\w-]*\w)[\s}}]|^#\|[ \t]*label:[ \t]*((?:{_KIND})-[\w-]*\w)",
    re.MULTILINE,
)


def _cross_reference_numbers(source: str) -> dict[str, int]:
    """Each cross-reference label's number: its place among its kind's labels (none for
    sections)."""
    numbers: dict[str, int] = {}
    counts: dict[str, int] = {}
    if "#" not in source:
        return numbers
    for found in _CROSS_REFERENCE_LABEL.finditer(source):
        label = found.group(1) or found.group(2)
        kind = label.split("-", 1)[0]
        # a section's number is its place in the outline ("2.1"), not among the labels
        if label not in numbers and kind != "sec":
            counts[kind] = counts.get(kind, 0) + 1
            numbers[label] = counts[kind]
    return numbers


def _cross_references(line: str, numbers: dict[str, int]) -> str:
    """`line` with its cross-references as the page shows them ("Figure 1"; the kind alone
    when the label is not in the source)."""

    def shown(found: re.Match[str]) -> str:
        label = found.group(1) or found.group(2)
        name = _CROSS_REFERENCE_KINDS[label.split("-", 1)[0]]
        return f"{name} {numbers[label]}" if label in numbers else name

    return _CROSS_REFERENCE.sub(shown, line)


def _prepared(source: str) -> str:
    """Add the space CommonMark wants after `#`, outside code fences, drop Sphinx's
    directive lines (`_SPHINX_DIRECTIVE_LINE`), open the fences CommonMark would not
    (see `_fence_opener`) and set display maths apart from its paragraph."""
    out: list[str] = []
    fence: tuple[str, int] | None = None  # the open fence's character and length
    numbers = _cross_reference_numbers(source)
    lines = source.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        match = _FENCE.match(line)
        display = _display_end(lines, index - 1) if fence is None else None
        if display is not None:
            # Display maths stands apart from the paragraph it interrupts, as a page
            # renders it: read inside it, "…即$$ R(s,a)=… $$当我们…" ran two sentences
            # into one (a concept's description through its formula).
            if out and out[-1].strip():
                out.append("")
            out.extend(lines[index - 1 : display])
            out.append(_EQUATION_LABEL.sub("", lines[display]))
            out.append("")
            index = display + 1
            continue
        if fence is None and match:
            marks = match.group(2)
            fence = (marks[0], len(marks))
            line = _fence_opener(match)
        elif fence is not None and match and _closes(match, fence):
            fence = None
        elif fence is None and _SPHINX_DIRECTIVE_LINE.match(line):
            continue
        elif fence is None:
            line = _NO_SPACE_HEADING.sub(r"\1 ", line, count=1)
            line = _without_emoji_codes(line) if ":" in line else line
            line = _INLINE_CHUNK.sub("", line) if "`" in line else line
            line = _cross_references(line, numbers) if "@" in line else line
            line = _obsidian(line) if ("[" in line or "^" in line) else line
            inner = _inline_display_lines(lines, index - 1)
            if inner:
                out.append(line)
                out.extend(_BLOCK_START.sub(r"    \1", inner_line) for inner_line in inner)
                index += len(inner)
                continue
        out.append(line)
    return "\n".join(out)


# Obsidian's note syntax (Quartz and Foam publish the same files): a wikilink
# "[[Insulin]]", "[[Insulin|the hormone]]", "[[Note#Heading]]", "[[#Heading]]" shows its
# alias, else its note's name (without the folders), else the heading it points to; an
# embed "![[chart.png]]" or "![[Other note]]" shows a file this document does not hold; a
# callout "> [!info]- Title" shows its title on a line of its own over its body; a block
# id " ^a1b2c3" at a line's end is an anchor no reader sees. CommonMark kept them all as
# text: a definition quoted "[[#Hypoglycemia]]; [[#Diabetic Ketoacidosis]] (DKA)", and a
# callout's title ran into its first sentence. Code spans keep their brackets.
_EMBED = re.compile(r"!\[\[[^\[\]\n]*\]\]")
_WIKILINK = re.compile(r"\[\[([^\[\]|\n]*?)(?:\\?\|([^\[\]\n]*))?\]\]")
_CALLOUT = re.compile(r"^((?:[ \t]*>)+)[ \t]*\[![\w-]+\][+-]?[ \t]*(.*)$")
_BLOCK_ID = re.compile(r"(?:^|[ \t]+)\^[A-Za-z0-9-]+[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")


def _wikilink_text(link: re.Match[str]) -> str:
    alias = (link.group(2) or "").strip()
    if alias:
        return alias
    note, _, heading = link.group(1).partition("#")
    note = note.strip().rsplit("/", 1)[-1]
    return note or ("" if heading.startswith("^") else heading.strip())


def _obsidian(line: str) -> str:
    """`line` with Obsidian's wikilinks, embeds, callout markers and block ids rendered
    as a reader sees them (outside code spans)."""
    callout = _CALLOUT.match(line)
    if callout:
        quote, title = callout.groups()
        # the title a paragraph of its own, the box's body below it (an empty quote line
        # ends the paragraph, as a blank line would)
        return f"{quote} {_obsidian(title)}\n{quote}" if title.strip() else quote
    out: list[str] = []
    start = 0
    for span in [*_CODE_SPAN.finditer(line), None]:
        end = span.start() if span else len(line)
        prose = _EMBED.sub("", line[start:end])
        out.append(_WIKILINK.sub(_wikilink_text, prose))
        if span:
            out.append(span.group())
            start = span.end()
    return _BLOCK_ID.sub("", "".join(out))


# A line inside maths that CommonMark would read as the start of a block of its own, had
# it stood in prose: a setext heading's underline ("=" alone, a LaTeX `align` writing the
# sign on its own line), a thematic break, a list item ("+ C", "- 2x"), a quote, a heading
_BLOCK_START = re.compile(r"^ {0,3}([=\-+*>#_~`]|\d{1,9}[.)](?:[ \t]|$))")


def _inline_display_lines(lines: list[str], start: int) -> list[str]:
    """The lines after `lines[start]` that lie inside display maths the line opens in the
    middle of its paragraph ("… the separable equation $$\\begin{equation*}"), up to
    the line that closes it; none when it opens none or the paragraph ends first.

    pandoc writes a LaTeX document's displayed equations so, inside their sentence, and
    an `align` whose "=" stands alone on its line made CommonMark end the paragraph there
    as a heading: "\\frac{60}{10} +C{(60)}^{-3/2}" and a whole worked example were a
    course's module titles. Indented, such a line continues the paragraph, and the
    maths reads as written (`_BLOCK_START`)."""
    if _DISPLAY_OPENS.match(lines[start]) or _displays(lines[start]) % 2 == 0:
        return []
    for index in range(start + 1, min(len(lines), start + MAX_DISPLAY_LINES)):
        if not lines[index].strip() or _FENCE.match(lines[index]):
            return []
        if _displays(lines[index]) % 2:
            return lines[start + 1 : index + 1]
    return []


def _displays(line: str) -> int:
    """How many `$$` the line holds outside code spans (a shell's `echo $$` is its PID)."""
    return INLINE_CODE.sub("", line).count("$$") if "$$" in line else 0


def _display_end(lines: list[str], start: int) -> int | None:
    """The index of the line closing the display maths that `lines[start]` opens ("$$",
    "$$ p(x) = …") within its paragraph; None when it opens none or is not closed before
    a blank line (a stray "$$" must not swallow what follows)."""
    if not _DISPLAY_OPENS.match(lines[start]):
        return None
    if _DISPLAY_CLOSES.search(lines[start].lstrip()[2:]):
        return start
    for index in range(start + 1, min(len(lines), start + MAX_DISPLAY_LINES)):
        if not lines[index].strip():
            return None
        if _DISPLAY_CLOSES.search(lines[index]):
            return index
    return None


MAX_DISPLAY_LINES = 200


# A line that opens display maths ("$$", "$$ p(x) = …") and one that closes it ("… $$"),
# perhaps with the label Quarto and pandoc-crossref give an equation to refer to it
# ("$$ {#eq-bayes}"), which the page shows as the equation's number. Not known as a close,
# the label left the maths open until the next "$$" a page later: a lecture's definitions
# of prior, likelihood and posterior were one formula, none of them a concept.
_DISPLAY_OPENS = re.compile(r"^ {0,3}\$\$")
_DISPLAY_CLOSES = re.compile(r"\$\$[ \t]*(?:\{#[^{}\s]+\}[ \t]*)?$")
_EQUATION_LABEL = re.compile(r"(?<=\$\$)[ \t]*\{#[^{}\s]+\}[ \t]*$")


# MkDocs (Python-Markdown, Material) containers hold the lines indented four spaces under
# their opener: an admonition ("!!! note", a collapsible "??? tip", "???+ note \"证明\"")
# or a content tab ("=== \"C++\""). Read raw, CommonMark made an admonition's prose an
# indented code block and a tab's indented fence prose (OI-wiki's "return", "python").
_INDENTED_CONTAINER = re.compile(
    r'^(?P<indent> *)(?:(?:!!!|\?\?\?\+?) *[\w-]+(?: +[\w-]+)*(?: +"(?P<title>[^"]*)")?'
    r'|===\+? +"[^"]*")[ \t]*$'
)
# Fenced divs around prose that is not indented: VitePress, VuePress and Docusaurus
# "::: tip 提示" … ":::", pandoc's and Quarto's "::: {.callout-note title=\"…\"}" and
# "::::: challenge" (the Carpentries' lessons), MyST's ":::{note} Title"
_COLON_CONTAINER = re.compile(
    r"^ {0,3}:{3,}[ \t]*(?:(?P<kind>[A-Za-z][\w-]*)|\{(?P<attributes>[^{}\n]*)\})?"
    r"(?:[ \t]+(?P<title>.*?))?[ \t]*$"
)
_BARE_CLOSER = re.compile(r"^[ \t]*:{3,}[ \t]*$")
_DIV_CLASS = re.compile(r"(?:^|\s)\.?([A-Za-z][\w-]*)(?=\s|$)")
_DIV_TITLE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")
# A div only an instructor sees (the Carpentries' "instructor" notes: "Choose how to teach
# this section" is no topic of the lesson)
_INSTRUCTOR_DIVS = frozenset({"instructor"})
# A heading inside a div is the box's title, not a section of the document ("Thin
# Slices" of a challenge box was a concept; "Solution", repeated in every box, a section)
_DIV_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ANSWER_HEADINGS = frozenset({"solution", "solutions", "answer", "answers", "hint", "hints"})
_TAB_WIDTH = 4
MAX_CONTAINER_DEPTH = 8


def _div(opener: re.Match[str]) -> tuple[str, str]:
    """A fence line's div class (lower case; "" for a closing fence) and its title."""
    title = (opener.group("title") or "").strip()
    if " " not in title and "/" in title:
        title = ""  # MyST's ":::{figure} images/plot.png": an argument, no title
    attributes = opener.group("attributes")
    if attributes is None:
        return (opener.group("kind") or "").lower(), title
    named = _DIV_TITLE.search(attributes)
    if named:
        title = named.group(1) if named.group(1) is not None else named.group(2)
    classes = _DIV_CLASS.findall(_DIV_TITLE.sub("", attributes))
    return (classes[0].lower() if classes else "div"), title


def _containers(source: str, depth: int = 0) -> str:
    """The Markdown with each container's body dedented to its opener's indentation and
    the opener replaced by its title (an admonition's "证明", or nothing), outside fenced
    code. Containers nested deeper than MAX_CONTAINER_DEPTH stay as written (bounded
    recursion on a hostile file)."""
    if depth >= MAX_CONTAINER_DEPTH:
        return source
    lines = source.split("\n")
    out: list[str] = []
    fence: tuple[str, int] | None = None
    divs: list[str] = []  # the classes of the fenced divs open here, innermost last
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        match = _FENCE.match(line)
        hidden = bool(_INSTRUCTOR_DIVS.intersection(divs))
        if fence is not None:
            if match and _closes(match, fence):
                fence = None
            if not hidden:
                out.append(line)
            continue
        if match:
            fence = (match.group(2)[0], len(match.group(2)))
            if not hidden:
                out.append(line)
            continue
        colon = _COLON_CONTAINER.match(line)
        if colon is None and divs and _BARE_CLOSER.match(line):
            # a list item's box closed where its content is indented, deeper than the
            # item ("   ::: warning 答题模板：" … "       :::"): left open, the box took
            # every heading after it for a title of its own
            divs.pop()
            out.append("")
            continue
        indented = None if colon else _INDENTED_CONTAINER.match(line)
        if colon:
            kind, title = _div(colon)
            if kind:
                divs.append(kind)
            elif colon.group("title") is None and divs:
                divs.pop()  # a bare fence closes the innermost div
            if title and not _INSTRUCTOR_DIVS.intersection(divs):
                # at the opener's indentation: inside a list item, still the item's
                out.extend(["", line[: len(line) - len(line.lstrip(" "))] + title, ""])
            else:
                out.append("")
            continue
        if hidden:
            continue
        heading = _DIV_HEADING.match(line) if divs else None
        if heading:
            text = heading.group(1).strip()
            keep = text.casefold().strip(" :：") not in _ANSWER_HEADINGS
            out.extend(["", text, ""] if keep else [""])
            continue
        if indented is None:
            out.append(line)
            continue
        indent = len(indented.group("indent"))
        body: list[str] = []
        while index < len(lines):
            expanded = lines[index].expandtabs(_TAB_WIDTH)
            if expanded.strip() and len(expanded) - len(expanded.lstrip(" ")) < indent + 4:
                break
            body.append(expanded[indent + 4 :] if expanded.strip() else "")
            index += 1
        title = (indented.group("title") or "").strip()
        out.extend(["", " " * indent + title, ""] if title else [""])
        inner = _containers("\n".join(body), depth + 1).split("\n")
        out.extend(" " * indent + b if b else "" for b in inner)
        out.append("")
    return "\n".join(out)


# MyST (Jupyter Book, Sphinx) roles, "{name}`content`", as a book's build renders them: a
# citation shows its reference, a link its text (or, with none, a title only the build
# knows), a term or maths its content; read raw they were taken for text ("cite")
_MYST_LINK_TEXT = re.compile(r"^(.*?)\s*<[^<>]+>$", re.S)
_MYST_LINKS = ("ref", "numref", "eqref", "doc", "eq", "download", "any", "prf:ref", "std:ref")
_MYST_ROLE = re.compile(r"\{[a-z][\w:-]*\}`[^`]*`")
# The same references in Sphinx's form (d2lbook's Markdown: ":numref:`fig_x`",
# ":eqref:`eq_y`", ":cite:`Author.2020`"), rendered as MyST's are: the name straight
# before the code span, after no word or colon ("注意：`x`", "key: `value`" are text)
_SPHINX_ROLE = re.compile(r"(?<![\w:]):(numref|eqref|ref|doc|cite|citet|citep):$")
# d2lbook's lines that attach a label or a width to what they follow, or mark a
# framework's tab (":label:`sec_x`", ":eqlabel:`eq_y`", ":width:`400px`",
# ":begin_tab:`pytorch`" … ":end_tab:"): nothing a reader sees
_SPHINX_DIRECTIVE_LINE = re.compile(
    r"^[ \t]*(?:(?::(?:label|eqlabel|width|begin_tab):`[^`]*`|:end_tab:)[ \t]*)+$"
)


# what a reference the build numbers ("Section 3.2", "Figure 7.1", "(3.2.1)") says without
# its number, by its target's conventional prefix (d2lbook's and Jupyter Book's "sec_x",
# "fig_x", "tab_x", "eq_x"): dropped, "In :numref:`sec_cnn`, we investigated …" read "In,
# we investigated …" in a definition; in Chinese text, "如 :numref:`fig_x` 所示" → 如图所示
_REFERENCE_WORDS = {
    "fig": ("the figure", "图"),
    "tab": ("the table", "表"),
    "sec": ("another section", "其他章节"),
    "subsec": ("another section", "其他章节"),
    "chap": ("another chapter", "其他章"),
    "eq": ("the equation", "公式"),
}


def _reference_words(name: str, target: str, chinese: bool) -> str:
    kind = "eq" if name in ("eqref", "eq") else re.split(r"[_:-]", target.strip(), maxsplit=1)[0]
    words = _REFERENCE_WORDS.get(kind.lower())
    return "" if words is None else words[1] if chinese else words[0]


def _rendered_role(name: str, content: str, chinese: bool = False) -> str:
    if name.startswith(("cite", "footcite")):
        return ""
    if name == "math":
        return f"${content}$"
    if name in ("code", "literal", "samp", "kbd"):
        return f"`{content}`"
    explicit = _MYST_LINK_TEXT.match(content)
    if name in _MYST_LINKS:
        return explicit.group(1) if explicit else _reference_words(name, content, chinese)
    return explicit.group(1) if explicit else content  # {term}, {abbr}, {sub}, {sup}, …


def _closes(match: re.Match[str], fence: tuple[str, int]) -> bool:
    marks, info = match.group(2), match.group(3)
    return marks[0] == fence[0] and len(marks) >= fence[1] and not info.strip()


def _fence_opener(match: re.Match[str]) -> str:
    """CommonMark refuses a backtick fence whose info string holds a backtick
    (```` ```note title="`map[key]` is wrong" ````) and reads the line as text; its closing
    line then opens a fence that swallows the prose after it, headings included. Such a
    line cannot be a code span either (no run of as many backticks closes it), so it is
    the author's fence: drop the backticks from its info string."""
    indent, marks, info = match.groups()
    if marks[0] != "`" or "`" not in info or marks in info:
        return match.group(0)
    return indent + marks + info.replace("`", "")
