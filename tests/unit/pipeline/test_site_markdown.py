"""Markdown written for a static site generator (Jekyll's Liquid tags, Hugo's
shortcodes, kramdown's attribute lists), as course sites keep their lecture notes."""

from __future__ import annotations

from jobs.pipeline.readers.markdown import parse


def _texts(source: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in parse(source)]


def test_template_tags_and_shortcodes_are_no_text() -> None:
    source = (
        "{% include toc.html %}\n\n"
        "Version control systems track changes to source code.\n\n"
        '{{< figure src="/img/git.png" caption="A commit graph" >}}\n\n'
        "{{% notice tip %}}\nA **commit** is a snapshot of the repository.\n{{% /notice %}}\n\n"
        "# Snapshots\n\n"
        "{% comment %}\nInternal note for the teaching assistants.\n{% endcomment %}\n\n"
        "A file is called a **blob**.{: .definition}\n\n"
        "{: .note}\nA directory is called a tree.\n\n"
        "See [the slides]({{ site.baseurl }}/slides.pdf) for more.\n"
    )
    assert _texts(source) == [
        ("paragraph", "Version control systems track changes to source code."),
        ("paragraph", "A commit is a snapshot of the repository."),
        ("heading", "Snapshots"),
        ("paragraph", "A file is called a blob."),
        ("paragraph", "A directory is called a tree."),
        ("paragraph", "See the slides for more."),
    ]


def test_template_tags_inside_code_and_raw_blocks_are_kept() -> None:
    source = (
        "A Jinja template:\n\n```html\n{% for item in items %}{{ item }}{% endfor %}\n```\n\n"
        "{% raw %}\nWrite `{{ name }}` to print a variable.\n{% endraw %}\n"
    )
    assert _texts(source) == [
        ("paragraph", "A Jinja template:"),
        ("code", "{% for item in items %}{{ item }}{% endfor %}"),
        ("paragraph", "Write `{{ name }}` to print a variable."),
    ]


def test_a_format_spec_is_no_attribute_list() -> None:
    source = "Round with `'{:.2f}'.format(x)` or `'{:>10}'`.\n"
    assert _texts(source) == [("paragraph", "Round with `'{:.2f}'.format(x)` or `'{:>10}'`.")]


def test_a_generated_table_of_contents_is_no_text() -> None:
    source = (
        "# Tides\n\n"
        "<!-- TOC -->\n"
        "* [Tides](#tides)\n"
        "    * [Spring tide](#spring-tide)\n"
        "    * [Neap tide](#neap-tide)\n"
        "        * [1. Tidal range](#1-tidal-range)\n"
        "<!-- TOC -->\n\n"
        "## Spring tide\n\n"
        "A **spring tide** comes at new and full moon.\n\n"
        "- [Waves](waves.md)\n- [Currents](currents.md)\n- [Storms](storms.md)\n\n"
        "- [Spring tide](#spring-tide), the larger range\n"
        "- [Neap tide](#neap-tide)\n- [Tidal range](#1-tidal-range)\n"
    )
    # a list of links to other files stays, and so does a list whose item says more
    assert _texts(source) == [
        ("heading", "Tides"),
        ("heading", "Spring tide"),
        ("paragraph", "A spring tide comes at new and full moon."),
        ("list_item", "Waves"),
        ("list_item", "Currents"),
        ("list_item", "Storms"),
        ("list_item", "Spring tide, the larger range"),
        ("list_item", "Neap tide"),
        ("list_item", "Tidal range"),
    ]


def test_a_footnotes_marks_are_no_text_and_its_note_stays_where_it_is_written() -> None:
    # a blog post's note, or pandoc's rendering of a LaTeX \footnote: the reference and the
    # note's label are markup; the note itself is a paragraph of its section
    source = """# 岩石圈

板块在软流圈之上缓慢移动[^drift]，速度约为每年几厘米。

[^drift]: 这一过程又叫作大陆漂移。

## 地震

一段没有注释的正文，`a[^1]` 是代码。
"""
    blocks = parse(source)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "岩石圈"),
        ("paragraph", "板块在软流圈之上缓慢移动，速度约为每年几厘米。"),
        ("paragraph", "这一过程又叫作大陆漂移。"),
        ("heading", "地震"),
        ("paragraph", "一段没有注释的正文，`a[^1]` 是代码。"),
    ]


def test_entities_in_a_raw_html_block_read_as_the_characters_they_name() -> None:
    source = (
        "<table>\n<tr><td>Ca&sup2;&#8314;&emsp;</td><td>calcium ion</td></tr>\n</table>\n\n"
        "Salts &amp; minerals follow.\n"
    )
    assert _texts(source) == [
        ("paragraph", "Ca²⁺ calcium ion"),
        ("paragraph", "Salts & minerals follow."),
    ]


def test_a_subtitle_of_several_sentences_set_as_a_heading_is_prose() -> None:
    zh = "# 睡眠与记忆\n\n### 我读了很多关于睡眠的研究。结论出乎意料。希望对你有用。\n\n正文。\n"
    assert _texts(zh)[:2] == [
        ("heading", "睡眠与记忆"),
        ("paragraph", "我读了很多关于睡眠的研究。结论出乎意料。希望对你有用。"),
    ]
    en = "# Sleep\n\n### I read the research on sleep. The findings surprised me.\n\nBody.\n"
    assert _texts(en)[1] == (
        "paragraph",
        "I read the research on sleep. The findings surprised me.",
    )
    # a question, a number or an abbreviation before more words is still a title
    for title in ("什么是睡眠？简史与背景", "Chapter 1. Getting Started", "Java vs. Python"):
        assert _texts(f"# Notes\n\n## {title}\n\nBody.\n")[1] == ("heading", title)


def test_a_translated_pages_commented_original_is_no_text() -> None:
    # a localised docs page keeps the English it was translated from in comments that run
    # over blank lines and hold ">" of their own (a YAML folded scalar, a shortcode's ">}}")
    source = (
        "# 樹的走訪\n\n"
        "<!--\ntitle: Tree traversal\nsummary: >\n  Visiting every node once.\n\n"
        '{{< figure src="walk.svg" caption="A walk" >}}\n\n'
        "## Preorder\n\nThe root comes first, then each subtree.\n-->\n"
        "## 前序走訪\n\n前序走訪先拜訪根，再依序走訪各子樹。\n"
    )
    assert _texts(source) == [
        ("heading", "樹的走訪"),
        ("heading", "前序走訪"),
        ("paragraph", "前序走訪先拜訪根，再依序走訪各子樹。"),
    ]


def test_a_shortcode_that_names_its_text_shows_it() -> None:
    source = (
        'The {{< glossary_tooltip text="scheduler" term_id="kube-scheduler" >}} places '
        "each job on a machine; {{< glossary_tooltip term_id='pod' text='pods' >}} wait "
        'until it does.{{< figure src="queue.png" alt="a queue" >}}\n'
    )
    assert _texts(source) == [
        ("paragraph", "The scheduler places each job on a machine; pods wait until it does.")
    ]


def test_a_table_of_contents_marker_is_no_text() -> None:
    # editors draw their table of contents where a paragraph asks for it; the request is
    # no sentence, while a sentence that mentions one stays
    for marker in ("[TOC]", "[[_TOC_]]", "@[toc](Contents)", "${toc}", "[[toc]]"):
        source = f"# Heat\n\n{marker}\n\nHeat flows from hot to cold.\n"
        assert _texts(source) == [
            ("heading", "Heat"),
            ("paragraph", "Heat flows from hot to cold."),
        ]
    kept = parse("Type [TOC] on a line of its own to get a table of contents.\n")
    assert [b.text for b in kept] == ["Type [TOC] on a line of its own to get a table of contents."]


def test_double_braces_grouping_maths_are_no_liquid_variable() -> None:
    # "\frac{{ds}}{{dt}}" read as two Liquid variables lost both its arguments ("\frac =")
    source = "The model:\n\n$$\\frac{{ds}}{{dt}} = -\\beta s i + e^{{t}}$$\n\nSee {{ page.url }}.\n"
    assert _texts(source) == [
        ("paragraph", "The model:"),
        ("formula", "$$\\frac{{ds}}{{dt}} = -\\beta s i + e^{{t}}$$"),
        ("paragraph", "See ."),
    ]
