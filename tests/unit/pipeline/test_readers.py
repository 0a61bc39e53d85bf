"""Each reader returns the same shape: pages of blocks with kind, level and page number."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.examples import find_examples
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import read
from jobs.pipeline.readers.markdown import parse


def _read(path: Path) -> ReadDocument:
    return read(path, detect(path, filename=path.name))


def _kinds(document: ReadDocument) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in document.blocks()]


def test_markdown_structure(en_markdown: Path) -> None:
    document = _read(en_markdown)
    assert document.kind == "markdown" and document.title == "Linear Equations"
    kinds = _kinds(document)
    assert ("heading", 2, "Systems of Linear Equations") in kinds
    assert ("heading", 3, "Gaussian Elimination") in kinds
    assert ("formula", 0, "$$ax + by = c$$") in kinds
    assert any(k == "code" and "gaussian_elimination(matrix_a" in t for k, _, t in kinds)
    first = document.blocks()[2]
    assert first.text.startswith("A linear equation is an equation")
    assert "linear equation" in first.emphasis


def test_markdown_heading_without_space(tmp_path: Path) -> None:
    path = tmp_path / "zh.md"
    path.write_text(
        "#矩阵\n\n矩阵是指由数排成的矩形阵列。\n\n```\n#not a heading\n```\n", encoding="utf-8"
    )
    kinds = _kinds(_read(path))
    assert kinds[0] == ("heading", 1, "矩阵")
    assert ("code", 0, "#not a heading") in kinds


def test_markdown_heading_without_space_only_before_cjk(tmp_path: Path) -> None:
    """CommonMark wants a space after "#"; Chinese writers often leave it out ("#标题"),
    but a "#" before anything else opens no heading: a notebook's "#@tab", C's "#include",
    a shebang, "#1"."""
    path = tmp_path / "hash.md"
    path.write_text(
        "#花园\n\n苗床要排水良好。\n\n##小结\n\n#@tab all\n\n#include the seeds\n\n"
        "#!/bin/sh\n\n#1 is the first bed\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    headings = [k for k in kinds if k[0] == "heading"]
    assert headings == [("heading", 1, "花园"), ("heading", 2, "小结")]
    for line in ("#@tab all", "#include the seeds", "#!/bin/sh", "#1 is the first bed"):
        assert ("paragraph", 0, line) in kinds


def test_markdown_fence_labelled_in_pandoc_attribute_form_is_code(tmp_path: Path) -> None:
    """```{.python .input}, ```{.python .input  n=3}, Quarto's ```{python}, ```{.sh}: a
    fence whose attributes name a language is code, though "import math" reads like words
    (read as a note box, its "#@tab" line was a heading)."""
    imports = "%matplotlib inline\nfrom garden import beds as gb\nimport math\nimport time\n"
    path = tmp_path / "cells.md"
    path.write_text(
        f"# 花园\n\n```{{.python .input}}\n#@tab pytorch\n{imports}```\n\n"
        f"```{{.python .input  n=3}}\n{imports}```\n\n```{{python}}\n{imports}```\n\n"
        "```{.sh}\necho plant the seeds in the north bed and water them every day\n```\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    assert [k for k, _, _ in kinds] == ["heading", "code", "code", "code", "code"]
    assert kinds[1][2].startswith("#@tab pytorch")


def test_a_knitr_chunk_with_options_after_a_comma_is_code(tmp_path: Path) -> None:
    """R Markdown's ```{r, echo = FALSE} and ```{r label, fig.width = 6}: the engine ends
    at the comma, so the chunk is R, and its comment lines are no headings of the page."""
    path = tmp_path / "tides.Rmd"
    clip = (
        "```{r, results = 'asis', echo = FALSE}\nshow_clip(\n"
        "  # the same clip is also kept on the department's own media server for students\n"
        '  "clips/harbour.mp4",\n  title = "A harbour at low tide and at high tide."\n)\n```'
    )
    plot = "```{r tide-plot, fig.width = 6}\n# the height of the water over one day\nplot(h)\n```"
    prose = "The moon pulls the sea into two bulges that the earth turns under."
    path.write_text(f"# Tides\n\n{prose}\n\n{clip}\n\n{plot}\n", encoding="utf-8")
    kinds = _kinds(_read(path))
    assert [t for k, _, t in kinds if k == "heading"] == ["Tides"]
    assert [k for k, _, _ in kinds].count("code") == 2


def test_inline_r_and_quarto_code_is_a_value_the_source_does_not_hold(tmp_path: Path) -> None:
    """knitr replaces `r expr` (and Quarto's `{r} expr`, `{python} expr`) by a number when
    it renders the page; in the source the code would sit inside a sentence a definition
    quotes, so it goes with the $…$ around it, and plain code spans stay."""
    path = tmp_path / "survey.Rmd"
    path.write_text(
        "# Response rates\n\n"
        "The clinic returned $`r round(rate[1], 2)`$ of the forms, and the school `r n_school`.\n\n"
        "Quarto writes `{r} nrow(visits)` visits and `{python} len(rows)` rows the same way.\n\n"
        "Count them with `nrow()` or the `r` console.\n",
        encoding="utf-8",
    )
    # too few Markdown marks to tell by its content: its name says R Markdown
    assert detect(path, filename=path.name).kind == "markdown"
    assert detect(path, filename="survey.qmd").kind == "markdown"
    texts = [text for _, _, text in _kinds(_read(path))]
    assert texts == [
        "Response rates",
        "The clinic returned of the forms, and the school.",
        "Quarto writes visits and rows the same way.",
        "Count them with `nrow()` or the `r` console.",
    ]


def test_markdown_fence_with_backticks_in_its_info_string(tmp_path: Path) -> None:
    """A note fence titled with inline code, then a four-backtick fence holding a
    three-backtick one: the sections after them stay prose and headings."""
    path = tmp_path / "notes.md"
    path.write_text(
        "# Maps\n\nA map holds keyed values.\n\n"
        '```note title="`map[key]` is not the way"\nUse the methods instead.\n```\n\n'
        '````note title="Chaining"\nEach call returns the map:\n```js\nm.set(1, 2)\n```\n````\n\n'
        "## Sets\n\nA set holds unique values.\n\n```\n#comment\n```\n\n## Weak maps\n\nText.\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    assert ("heading", 2, "Sets") in kinds and ("heading", 2, "Weak maps") in kinds
    assert ("paragraph", 0, "A set holds unique values.") in kinds
    assert ("code", 0, "Use the methods instead.") in kinds
    assert ("code", 0, "Each call returns the map:\n```js\nm.set(1, 2)\n```") in kinds
    assert ("code", 0, "#comment") in kinds


def test_markdown_note_fence_holding_sentences_is_prose(tmp_path: Path) -> None:
    """A box of the source's renderer (```smart, ```{note}) is read as Markdown; a fence
    labelled with a language, a diagram or a label-less fence stays code."""
    path = tmp_path / "boxes.md"
    path.write_text(
        '# Scope\n\n````smart header="Closure"\nA **closure** is a function that remembers its '
        "outer variables and can access them later.\n\n```js\nlet f = () => x;\n```\n````\n\n"
        "```{note}\n一个闭包是指能记住其外部变量并可以访问这些变量的函数。\n```\n\n"
        "```js\n// a comment that reads like a sentence of words in prose here\n```\n\n"
        "```mermaid\ngraph TD; A-->B; B-->C; C-->D; D-->E; E-->F; F-->G; G-->H;\n```\n\n"
        "```\nplain words in a fence without a label stay code as always\n```\n",
        encoding="utf-8",
    )
    document = _read(path)
    kinds = _kinds(document)
    closure = next(b for b in document.blocks() if b.text.startswith("A closure is"))
    assert closure.kind == "paragraph" and "closure" in closure.emphasis
    assert ("code", 0, "let f = () => x;") in kinds
    assert ("paragraph", 0, "一个闭包是指能记住其外部变量并可以访问这些变量的函数。") in kinds
    assert ("code", 0, "// a comment that reads like a sentence of words in prose here") in kinds
    assert any(k == "code" and t.startswith("graph TD") for k, _, t in kinds)
    assert ("code", 0, "plain words in a fence without a label stay code as always") in kinds


def test_a_lesson_s_script_and_error_fences_stay_code(tmp_path: Path) -> None:
    """A lesson template's ```source (a saved script) and ```error fences hold program
    text whatever it reads like: a script's comment lines are no headings of the page."""
    path = tmp_path / "scripts.md"
    path.write_text(
        "# Scripts\n\nA script keeps commands for later runs.\n\n"
        "```source\n# Count the lines of each file named on the command line.\n"
        '# Usage: bash count.sh one or more file names to count\nwc -l "$@"\n```\n\n'
        "```error\nThe file named in the first argument could not be opened for reading\n```\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    assert [t for k, _, t in kinds if k == "heading"] == ["Scripts"]
    assert any(k == "code" and t.startswith("# Count the lines") for k, _, t in kinds)
    assert any(k == "code" and t.startswith("The file named") for k, _, t in kinds)


def test_a_myst_directive_s_options_are_not_read_as_text(tmp_path: Path) -> None:
    """Jupyter Book's directives open with options, a YAML block or ":key:" lines; read
    as Markdown, "alt: …" over "---" was a heading."""
    path = tmp_path / "myst.md"
    path.write_text(
        "# Beds\n\nRaised beds drain well and warm early, so gardeners sow in them first.\n\n"
        "```{figure} ../figures/beds.png\n---\nname: beds\nalt: A drawing of three raised "
        "beds, named North, South and Herb, in a row beside the shed.\n---\nRaised beds in a "
        "row\n```\n\n"
        "```{note}\n:class: dropdown\nA cold frame is a low box with a glass lid that keeps "
        "seedlings warm at night.\n```\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    assert [k for k in kinds if k[0] == "heading"] == [("heading", 1, "Beds")]
    assert ("paragraph", 0, "Raised beds in a row") in kinds  # the caption
    note = "A cold frame is a low box with a glass lid that keeps seedlings warm at night."
    assert ("paragraph", 0, note) in kinds
    assert not any("alt:" in t or "name:" in t or ":class:" in t for _, _, t in kinds)


def test_myst_targets_and_roles_read_as_rendered(tmp_path: Path) -> None:
    """A Jupyter Book chapter's front matter, "(label)=" targets and "{role}`…`" roles:
    rendered, the front matter and a target show nothing, a citation its reference, a link
    its text, a term its name; a {seealso} box holding roles is still prose."""
    path = tmp_path / "myst.md"
    path.write_text(
        "---\njupytext:\n  format_name: myst\ntranslation:\n  Overview: 概述\n---\n"
        "# Inequality\n\n(gini-coefficient)=\n## The Gini coefficient\n\n"
        "```{seealso}\nThe {doc}`next lecture <wealth>` studies wealth across many countries "
        "and years.\n```\n\n"
        "The {term}`Gini coefficient` sums up a Lorenz curve {cite}`Sen1997`, see "
        "{ref}`the next section <lorenz>` and {numref}`fig-lorenz`; it is {math}`G < 1`.\n\n"
        "```{code-cell} ipython3\nx = {ref}`not-a-role-in-code`\n```\n\n"
        "% change in price is what an elasticity divides by.\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    assert [k for k in kinds if k[0] == "heading"] == [
        ("heading", 1, "Inequality"),
        ("heading", 2, "The Gini coefficient"),
    ]
    assert (
        "paragraph",
        0,
        "The next lecture studies wealth across many countries and years.",
    ) in kinds
    # a reference the build numbers says what it points to, without the number
    text = (
        "The Gini coefficient sums up a Lorenz curve, see the next section and the figure; "
        "it is $G < 1$."
    )
    assert ("paragraph", 0, text) in kinds
    prose = [t for k, _, t in kinds if k != "code"]
    assert not any(w in t for t in prose for w in ("gini-coefficient", "cite", "{", "jupytext"))
    assert ("code", 0, "x = {ref}`not-a-role-in-code`") in kinds
    # a line opening with "%" is text (MyST's comments are not read as such: other
    # Markdown opens lines with "%" too)
    assert ("paragraph", 0, "% change in price is what an elasticity divides by.") in kinds


def test_sphinx_roles_and_directive_lines_read_as_rendered(tmp_path: Path) -> None:
    """d2lbook's Sphinx forms: ":numref:`fig_x`", ":eqref:`eq_x`" say what they point to
    without the number the build gives ("the figure", 图, "the equation", 公式: dropped, "In
    :numref:`sec_cnn`, we …" read "In, we …"), ":cite:`key`" shows nothing, as MyST's
    roles do; lines of ":label:`…`", ":eqlabel:`…`", ":width:`…`",
    ":begin_tab:`…`", ":end_tab:" are dropped, the tab's text kept. Colons and backticks
    in other text stay."""
    path = tmp_path / "d2l.md"
    path.write_text(
        "# 花园\n:label:`sec_garden`\n\n苗床的面积：\n\n$$a = w l.$$\n:eqlabel:`eq_area`\n\n"
        " :eqref:`eq_area`中的$w$称为*宽度*，如 :numref:`fig_bed`所示 :cite:`Gardener.2020`。\n\n"
        "![一个苗床。](../img/bed.svg)\n:width:`400px`\n:label:`fig_bed`\n\n"
        "See :ref:`the shed <sec_shed>` and :numref:`fig_bed` for more.\n\n"
        "In :numref:`sec_shed`, we built it.\n\n"
        "注意：`x` 是变量，key: `value` 也是，std::vec 也是，a:b:`c` 也是。\n\n"
        ":begin_tab:`pytorch`\n用 PyTorch 浇水。\n:end_tab:\n\n"
        "```\n:label:`in_code`\nx = 1 :numref:`in_code`\n```\n",
        encoding="utf-8",
    )
    document = _read(path)
    kinds = _kinds(document)
    assert ("heading", 1, "花园") in kinds
    assert ("formula", 0, "$$a = w l.$$") in kinds
    assert ("paragraph", 0, "公式中的$w$称为宽度，如图所示。") in kinds
    assert ("paragraph", 0, "See the shed and the figure for more.") in kinds
    assert ("paragraph", 0, "In another section, we built it.") in kinds
    colons = "注意：`x` 是变量，key: `value` 也是，std::vec 也是，a:b:`c` 也是。"
    assert ("paragraph", 0, colons) in kinds
    assert ("paragraph", 0, "用 PyTorch 浇水。") in kinds
    assert ("code", 0, ":label:`in_code`\nx = 1 :numref:`in_code`") in kinds
    prose = [t for k, _, t in kinds if k != "code"]
    assert not any(w in t for t in prose for w in ("label", "numref", "eqref", "cite", "tab"))
    width = next(b for b in document.blocks() if "宽度" in b.text)
    assert width.emphasis == ("宽度",)


def test_a_myst_code_cell_is_code_though_it_reads_like_words(tmp_path: Path) -> None:
    # "import matplotlib.pyplot as plt" has words and few symbols, as a note box has
    path = tmp_path / "cells.md"
    imports = (
        "import pandas as pd\nimport numpy as np\nimport matplotlib.pyplot as plt\n"
        "import random as rd\nimport plotly.express as px\n"
    )
    path.write_text(
        f"# Inequality\n\n```{{code-cell}} ipython3\n{imports}```\n\n"
        f"```{{code-block}} python\n{imports}```\n",
        encoding="utf-8",
    )
    kinds = _kinds(_read(path))
    assert [k for k, _, _ in kinds] == ["heading", "code", "code"]


def test_markdown_inline_code_span_is_not_a_fence(tmp_path: Path) -> None:
    path = tmp_path / "span.md"
    path.write_text("# T\n\n```a `b` c``` is a code span.\n\n## After\n\nText.\n", encoding="utf-8")
    kinds = _kinds(_read(path))
    assert ("heading", 2, "After") in kinds
    assert not any(kind == "code" for kind, _, _ in kinds)


def test_emphasis_beside_chinese_punctuation_is_emphasis(tmp_path: Path) -> None:
    """CommonMark does not close "**" after "）" before a Han character; Chinese writes
    it so, and its renderers read it as bold (the CJK-friendly rule)."""
    source = tmp_path / "rl.md"
    source.write_text(
        "# 智能体\n\n**基于价值的智能体（value-based agent）**显式地学习价值函数，"
        "**基于策略的智能体（policy-based agent）**直接学习策略。\n\n"
        "An **ordinary** word, 2*3*4, snake_case_name and __init__ stay as CommonMark"
        " reads them.\n",
        encoding="utf-8",
    )
    _, chinese, english = _read(source).pages[0].blocks
    assert chinese.emphasis == (
        "基于价值的智能体（value-based agent）",
        "基于策略的智能体（policy-based agent）",
    )
    assert "**" not in chinese.text
    assert english.emphasis == ("ordinary", "3", "init")
    assert "snake_case_name" in english.text


def test_write_in_blanks_beside_chinese_stay_blanks(tmp_path: Path) -> None:
    """A run of underscores beside a Han character is a blank to write in, no emphasis
    mark: two of a paper's blanks in one paragraph stay, and nothing between them is
    stressed."""
    source = tmp_path / "paper.md"
    source.write_text(
        "# 测验\n\n1．细胞的控制中心是________。\n2．植物吸水的主要部位是________，"
        "它位于根尖。\n\n**重点**和__强调__仍是强调。\n",
        encoding="utf-8",
    )
    paper, stressed = _read(source).pages[0].blocks[1:]
    assert paper.text.count("________") == 2
    assert paper.emphasis == ()
    assert stressed.emphasis == ("重点", "强调")


def test_two_prices_in_a_paragraph_are_no_maths(tmp_path: Path) -> None:
    """A history or civics text names sums of money: "$40 … $9,000" is no inline formula
    (a closing "$" before a digit opens a price), so the bold between them stays bold."""
    source = tmp_path / "pay.md"
    source.write_text(
        "# Pay\n\nA full-time member earns $40,000 a year. In contrast, **part-time "
        "councils** pay about $9,000 a year.\n\nThe sum $x + y$ is maths.\n",
        encoding="utf-8",
    )
    paragraph, maths = _read(source).pages[0].blocks[1:]
    assert paragraph.emphasis == ("part-time councils",)
    assert "**" not in paragraph.text
    assert "$40,000" in paragraph.text and "$9,000" in paragraph.text
    assert "$x + y$" in maths.text


def test_an_equals_sign_alone_inside_a_sentences_display_maths_is_no_heading() -> None:
    """pandoc sets a LaTeX equation inside the sentence that introduces it, and an aligned
    derivation may put each "=" or "+ k" on a line of its own: those lines are maths, not
    a heading's underline or a list item ending the paragraph."""
    source = (
        "## Cooling\n\nWith the start value we find $$\\begin{equation*}\n20 = T(0)\n=\n"
        "\\frac{40}{2}\n+ k\n\\end{equation*}$$ so that k is zero.\n\n"
        "Run `echo $$` to see the shell's number.\n=\n"
    )
    blocks = parse(source)
    headings = [b.text for b in blocks if b.kind == "heading"]
    # a code span's "$$" opens no maths: the line under it still underlines a heading
    assert headings == ["Cooling", "Run `echo $$` to see the shell's number."]
    paragraph = blocks[1]
    assert paragraph.kind == "paragraph"
    assert paragraph.text.startswith("With the start value")
    assert paragraph.text.endswith("so that k is zero.")
    assert "\\frac{40}{2}" in paragraph.text and "+ k" in paragraph.text


def test_a_labelled_display_equation_closes_where_its_label_stands() -> None:
    """Quarto and pandoc-crossref label an equation after its closing "$$" ("$$ {#eq-x}")
    to cite it elsewhere; the maths ends there, and the glossary under it is prose."""
    source = (
        "## Motion\n\n$$\nF = m a\n$$ {#eq-second-law}\n\nMass\n: The **mass** of a body"
        " is the amount of matter in it.\n\n$$ p = m v $$ {#eq-momentum}\n\nThen\n\n$$\n"
        "E = m c^2\n$$\n"
    )
    blocks = [(b.kind, b.text) for b in parse(source)]
    assert ("formula", "$$F = m a$$") in blocks
    assert ("formula", "$$p = m v$$") in blocks
    assert any(k == "paragraph" and "amount of matter" in t for k, t in blocks)
    assert not any("{#eq-" in t for _, t in blocks)


def test_quarto_cross_references_read_as_the_page_shows_them() -> None:
    """ "@fig-…" and "[@eq-…]" are shown numbered in the order their labels stand; an
    address holding "@" is no reference, a section is named without a number."""
    source = (
        "## Growth\n\n$$ y = a b^t $$ {#eq-growth}\n\n```{python}\n#| label: fig-curve\n"
        "plot()\n```\n\n![Decay](decay.png){#fig-decay}\n\n"
        "Both @fig-decay and @fig-curve follow [@eq-growth]; see @sec-data or "
        "ask me@fig-lab.org.\n"
    )
    paragraph = [b.text for b in parse(source) if b.kind == "paragraph"][-1]
    assert paragraph == (
        "Both Figure 2 and Figure 1 follow Equation 1; see Section or ask me@fig-lab.org."
    )


def test_terms_linked_to_a_glossary_are_marked(tmp_path: Path) -> None:
    """A lesson links its terms into its glossary as a book sets them in bold: a page
    three names link into at their own anchors, or a page named a glossary. One or two
    such links into another page are cross-references to its sections, no mark."""
    links = (
        "A [delimiter](../learners/reference.md#delimiter) splits a [tuple](reference.md#tuple)"
        " of [floating-point numbers](reference.md#floating-point-number); see"
        " [Method Syntax](ch05.html#method-syntax), [Slicing](#slicing) and a"
        " [closure](https://example.org/en-US/docs/Glossary/Closure)."
    )
    markdown = tmp_path / "lesson.md"
    markdown.write_text(f"# Data\n\n{links}\n", encoding="utf-8")
    html = tmp_path / "lesson.html"
    html.write_text(
        "<html><body><h1>Data</h1><p>A <a href='../learners/reference.md#delimiter'>delimiter"
        "</a> splits a <a href='reference.md#tuple'>tuple</a> of <a href='reference.md#"
        "floating-point-number'>floating-point numbers</a>; see <a href='ch05.html#method-"
        "syntax'>Method Syntax</a>, <a href='#slicing'>Slicing</a> and a <a href='https://"
        "example.org/en-US/docs/Glossary/Closure'>closure</a>.</p></body></html>",
        encoding="utf-8",
    )
    # two names link into "reference.md", one into "../learners/reference.md": as few as
    # a chapter's cross-references; the page named a glossary counts at once
    for path in (markdown, html):
        _, paragraph = _read(path).pages[0].blocks
        assert paragraph.emphasis == ("closure",), path
    # three names into one page: the document's glossary
    markdown.write_text(
        f"# Data\n\n{links.replace('../learners/reference.md', 'reference.md')}\n",
        encoding="utf-8",
    )
    html.write_text(html.read_text().replace("../learners/reference.md", "reference.md"))
    for path in (markdown, html):
        assert _read(path).pages[0].blocks[1].emphasis == (
            "delimiter",
            "tuple",
            "floating-point numbers",
            "closure",
        ), path


def test_a_clause_linked_to_a_glossary_marks_no_term(tmp_path: Path) -> None:
    # a sentence's words that link to another site's glossary say something of a name;
    # a name alone, or one whose word is a plural noun as well, is still the term
    page = tmp_path / "lesson.html"
    page.write_text(
        "<html><body><h1>Archives</h1><p>The <a href='https://example.org/glossary'>"
        "Records Office classifies incoming files</a> by series, and a <a href='https://"
        "example.org/glossary#fonds'>fonds</a> keeps the <a href='https://example.org/"
        "glossary'>office records</a> together.</p></body></html>",
        encoding="utf-8",
    )
    _, paragraph = _read(page).pages[0].blocks
    assert paragraph.emphasis == ("fonds", "office records")


def test_html_drops_furniture_and_keeps_structure(en_html: Path) -> None:
    document = _read(en_html)
    texts = [b.text for b in document.blocks()]
    assert document.title == "Sample"
    assert not any("Home | Next" in t or "page furniture" in t for t in texts)
    kinds = _kinds(document)
    assert ("heading", 3, "Gaussian Elimination") in kinds
    assert any(k == "code" for k, _, _ in kinds)
    assert "system of linear equations" in document.blocks()[6].emphasis


def test_docx_pages_headings_lists_tables_code(en_docx: Path) -> None:
    document = _read(en_docx)
    assert document.paged
    blocks = document.blocks()
    assert [(b.kind, b.level, b.page) for b in blocks if b.kind == "heading"] == [
        ("heading", 1, 1),
        ("heading", 2, 2),
    ]
    assert blocks[1].emphasis == ("linear equation",)
    assert any(b.kind == "list_item" and b.page == 2 for b in blocks)
    assert any(b.kind == "table" and "2x + 3y = 6 | x, y" in b.text for b in blocks)
    assert any(b.kind == "code" and b.text == "solve(matrix_a, vector_b)" for b in blocks)
    assert len(document.pages) == 2


def test_pdf_pages_headings_and_chinese_text(zh_pdf: Path) -> None:
    document = _read(zh_pdf)
    assert document.kind == "pdf" and len(document.pages) == 3
    headings = [(b.text, b.level, b.page) for b in document.blocks() if b.kind == "heading"]
    assert ("线性方程组", 2, 2) in headings
    assert ("高斯消元法", 3, 2) in headings
    assert ("小结", 2, 3) in headings
    paragraph = next(
        b for b in document.blocks() if "高斯消元法（Gaussian elimination）是指" in b.text
    )
    assert paragraph.page == 2
    assert "Home | Next" not in " ".join(b.text for b in document.blocks())  # nav not rendered


def test_text_pages_at_form_feeds_and_numbered_headings(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "1.2 Vectors\n\nA vector is an\nordered list.\f第二章 矩阵\n\n矩阵是指\n矩形阵列。\n",
        encoding="utf-8",
    )
    document = _read(path)
    assert document.paged and len(document.pages) == 2
    assert _kinds(document) == [
        ("heading", 2, "1.2 Vectors"),
        ("paragraph", 0, "A vector is an ordered list."),
        ("heading", 1, "第二章 矩阵"),
        ("paragraph", 0, "矩阵是指矩形阵列。"),
    ]
    assert [b.page for b in document.blocks()] == [1, 1, 2, 2]


def test_virtual_pages_for_unpaged_formats(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(
        "\n\n".join(f"Paragraph {i} " + "word " * 150 for i in range(40)), encoding="utf-8"
    )
    document = _read(path)
    assert not document.paged
    assert len(document.pages) > 5
    assert all(sum(len(b.text) for b in p.blocks) <= 3000 + 800 for p in document.pages)
    assert [p.number for p in document.pages] == list(range(1, len(document.pages) + 1))


def test_text_title_lines_are_headings(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(
        "Ownership Rules\n\nEach value has an owner.\n\n所有权规则\n\n每个值都有一个所有者。\n\n"
        "let x = 5;\n\nthis line is lower case and long enough to be prose without a full stop\n",
        encoding="utf-8",
    )
    kinds = [(b.kind, b.text) for b in _read(path).blocks()]
    assert ("heading", "Ownership Rules") in kinds
    assert ("heading", "所有权规则") in kinds
    assert ("code", "let x = 5;") in kinds  # code-like lines are not titles: they are code
    assert kinds[-1][0] == "paragraph"


def test_html_mathml_and_tex_formulas(tmp_path: Path) -> None:
    path = tmp_path / "maths.html"
    path.write_text(
        "<html><body><h1>Energy</h1><p>Mass and energy are related:</p>"
        '<math display="block"><semantics><mrow><mi>E</mi></mrow>'
        '<annotation encoding="application/x-tex">E = mc^2</annotation></semantics></math>'
        "<p>\\[ F = ma \\]</p></body></html>",
        encoding="utf-8",
    )
    blocks = _read(path).blocks()
    assert ("formula", "E = mc^2") in [(b.kind, b.text) for b in blocks]
    from jobs.pipeline.formulas import find_formulas

    found = {
        x.content: x.confidence
        for x in find_formulas(blocks, lambda text, block, by_section=True: None)
    }
    assert found["E = mc^2"] == 0.9 and found["\\[ F = ma \\]"] == 0.9


def test_a_documentation_sites_widgets_are_no_text(tmp_path: Path) -> None:
    # a page saved from an MkDocs Material site (and the permalinks of Sphinx, VuePress,
    # Docusaurus): the heading's "¶", the content tabs' labels, the site in the <title>
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>最短路 - OI Wiki</title></head><body><article>"
        "<h1>最短路</h1>"
        '<h2 id="d">定义<a class="headerlink" href="#d">¶</a></h2><p>最短路是路径。</p>'
        '<h2>Floyd 算法<a class="header-anchor" href="#f">#</a></h2>'
        '<div class="tabbed-set"><input type="radio"><div class="tabbed-labels">'
        '<label>C++</label><label>Python</label></div><div class="tabbed-content">'
        "<pre><code>for (k = 1; k &lt;= n; k++) {}</code></pre></div></div>"
        '<ul role="tablist"><li role="tab">Java</li></ul>'
        "<h2>C#</h2><p>C# is a language.</p><h3>Notes ¶</h3>"
        '<div class="sphinxsidebar" role="navigation"><h3>Previous topic</h3></div>'
        '<div role="contentinfo"><p>© Copyright 2024.</p></div>'
        "</article></body></html>",
        encoding="utf-8",
    )
    document = _read(path)
    assert document.title == "最短路"
    assert _kinds(document) == [
        ("heading", 1, "最短路"),
        ("heading", 2, "定义"),
        ("paragraph", 0, "最短路是路径。"),
        ("heading", 2, "Floyd 算法"),
        ("code", 0, "for (k = 1; k <= n; k++) {}"),
        ("heading", 2, "C#"),
        ("paragraph", 0, "C# is a language."),
        ("heading", 3, "Notes"),
    ]
    # a <title> that is not the first heading and its site stays whole
    other = tmp_path / "other.html"
    other.write_text("<title>Intro - Guide</title><h1>Welcome</h1>", encoding="utf-8")
    assert _read(other).title == "Intro - Guide"


def test_docx_office_math_and_localised_heading_levels(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    heading = document.add_paragraph("质能方程")
    outline = parse_xml(
        '<w:pPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:outlineLvl w:val="1"/></w:pPr>'
    )
    heading._p.insert(0, outline)  # a heading by outline level, whatever the style is called
    maths = document.add_paragraph()
    maths._p.append(
        parse_xml(
            '<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            "<m:oMath><m:r><m:t>E=m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e>"
            "<m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath></m:oMathPara>"
        )
    )
    # an inline equation stays in its sentence, marked as TeX marks it (python-docx's
    # paragraph text leaves m:oMath out: "There are  equations")
    inline = document.add_paragraph("There are ")
    inline._p.append(
        parse_xml(
            '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            "<m:r><m:t>T+1</m:t></m:r></m:oMath>"
        )
    )
    inline.add_run(" equations, one for each period.")
    path = tmp_path / "maths.docx"
    document.save(str(path))
    kinds = [(b.kind, b.level, b.text) for b in _read(path).blocks()]
    assert kinds == [
        ("heading", 2, "质能方程"),
        ("formula", 0, "E=mc^2"),
        ("paragraph", 0, "There are $T+1$ equations, one for each period."),
    ]


def test_docx_office_math_keeps_scripts_bars_fractions_and_rows_as_tex(tmp_path: Path) -> None:
    """An equation's structure is written as TeX writes it: a complement's bar, a
    subscript of more than one character, a fraction and the rows of an array. Read as its
    letters alone, "not (A and B) is not A or not B" was "AB=A+B"."""
    import docx
    from docx.oxml import parse_xml

    def run(text: str) -> str:
        return f"<m:r><m:t>{text}</m:t></m:r>"

    def bar(inner: str) -> str:
        return f'<m:bar><m:barPr><m:pos m:val="top"/></m:barPr><m:e>{inner}</m:e></m:bar>'

    def sub(base: str, script: str) -> str:
        return f"<m:sSub><m:e>{run(base)}</m:e><m:sub>{run(script)}</m:sub></m:sSub>"

    omml = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    equations = [
        bar(run("AB")) + run("=") + bar(run("A")) + run("+") + bar(run("B")),
        sub("x", "n+1")
        + run("=")
        + f"<m:f><m:num>{run('x')}</m:num><m:den>{run('2')}</m:den></m:f>",
        "<m:eqArr><m:e>" + run("y=1") + "</m:e><m:e>" + run("z=2") + "</m:e></m:eqArr>",
    ]
    document = docx.Document()
    for equation in equations:
        paragraph = document.add_paragraph()
        paragraph._p.append(
            parse_xml(f'<m:oMathPara xmlns:m="{omml}"><m:oMath>{equation}</m:oMath></m:oMathPara>')
        )
    path = tmp_path / "laws.docx"
    document.save(str(path))
    assert [b.text for b in _read(path).blocks()] == [
        "\\overline{AB}=\\overline{A}+\\overline{B}",
        "x_{n+1}=\\frac{x}{2}",
        "\\begin{aligned}y=1 \\\\ z=2\\end{aligned}",
    ]


def test_docx_inline_code_runs_are_marked_as_code(tmp_path: Path) -> None:
    """A run in a code character style (pandoc's "Verbatim Char") or a fixed-pitch font
    inside a sentence is inline code, `…` as in Markdown; a paragraph wholly so is a code
    block as before."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("Verbatim Char", WD_STYLE_TYPE.CHARACTER)
    sentence = document.add_paragraph("调用 ")
    sentence.add_run("strlen(s)", style="Verbatim Char")
    sentence.add_run(" 返回长度，")
    sentence.add_run("sizeof").font.name = "Consolas"
    sentence.add_run(" 返回字节数。")
    document.add_paragraph().add_run("int n = 0;").font.name = "Courier New"
    path = tmp_path / "c.docx"
    document.save(str(path))
    assert [(b.kind, b.text) for b in _read(path).blocks()] == [
        ("paragraph", "调用 `strlen(s)` 返回长度，`sizeof` 返回字节数。"),
        ("code", "int n = 0;"),
    ]


def test_docx_drops_the_short_lines_a_converted_download_repeats_on_every_page(
    tmp_path: Path,
) -> None:
    """A copy converted from a site's page view keeps the site's mark and a page count as
    body paragraphs on every page: no lesson. A label the text repeats ("解：") and a short
    line said once stay."""
    import docx

    document = docx.Document()
    for page in (1, 2, 3):
        document.add_paragraph(f"潮汐第{page}部分的正文，讲的是海水的周期性涨落。")
        document.add_paragraph("解：")
        document.add_paragraph(f"Page {page} of 3")
        document.add_paragraph("Study Hub · learn anything")
    document.add_paragraph("潮汐表")
    path = tmp_path / "download.docx"
    document.save(str(path))
    texts = [b.text for b in _read(path).blocks()]
    assert not any("Study Hub" in t or t.startswith("Page ") for t in texts)
    assert texts.count("解：") == 3 and "潮汐表" in texts


def _handmade_docx(path: Path, lines: list[tuple[str, bool, float | None]]) -> Path:
    """A Word file typed by hand: no heading styles, only bold runs and font sizes."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for text, bold, size in lines:
        run = document.add_paragraph().add_run(text)
        run.bold = bold
        if size is not None:
            run.font.size = Pt(size)
    document.save(str(path))
    return path


def test_docx_emphasis_keeps_the_formula_letter_that_opens_a_name(tmp_path: Path) -> None:
    # pandoc writes "**$n$步时序差分**" as a formula then a bold run: the Markdown reader's
    # emphasis is "n步时序差分", the DOCX reader's was "步时序差分" ("-means" for k-means)
    import docx
    from docx.oxml import parse_xml

    def formula(text: str) -> object:
        return parse_xml(
            '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            f"<m:r><m:t>{text}</m:t></m:r></m:oMath>"
        )

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(formula("n"))
    paragraph.add_run("步时序差分").bold = True
    paragraph.add_run("是一种方法。A ")
    paragraph._p.append(formula("k"))
    paragraph.add_run("-means").italic = True
    paragraph.add_run(" run, ")
    paragraph._p.append(formula("x"))
    paragraph.add_run(" large").bold = True  # apart from the formula: not its name
    paragraph.add_run(" and ")
    paragraph.add_run("the sum ").italic = True
    paragraph._p.append(formula("x+1"))
    paragraph.add_run(" here").italic = True
    paragraph.add_run("；")
    paragraph.add_run("样本空间 ").bold = True  # a formula closing a span is no part of it
    paragraph._p.append(formula("Ω"))
    path = tmp_path / "maths.docx"
    document.save(str(path))
    emphasis = _read(path).blocks()[0].emphasis
    assert emphasis == ("n步时序差分", "k-means", "large", "the sum  here", "样本空间")


def test_docx_bold_lines_typed_by_hand_are_headings(tmp_path: Path) -> None:
    body = "A variable is a name that refers to a value, and **this** sentence says so."
    path = _handmade_docx(
        tmp_path / "handout.docx",
        [
            ("Introduction to Programming", True, 16),
            ("1. Variables", True, 13),
            (body, False, None),
            ("Note: this sentence is bold but it is a sentence.", True, None),
            ("2. Functions", True, 13),
            ("A function is a named sequence of statements.", False, None),
            ("二、函数的参数", True, 13),
            ("参数是函数定义中使用的名字。", False, None),
        ],
    )
    headings = [(b.level, b.text) for b in _read(path).blocks() if b.kind == "heading"]
    assert headings == [
        (1, "Introduction to Programming"),
        (2, "1. Variables"),
        (2, "2. Functions"),
        (2, "二、函数的参数"),
    ]


def test_docx_sections_numbered_in_no_style_or_bold_are_headings_by_their_numbers(
    tmp_path: Path,
) -> None:
    # an official-style lecture types its sections in another typeface, neither bold nor
    # styled: "一、" and "（一）" still rank them, and bold "1." lines divide the sections
    path = _handmade_docx(
        tmp_path / "lecture.docx",
        [
            ("一、热力学基础", False, 16),
            ("（一）内能", False, 16),
            ("内能是系统内部所有分子动能和势能的总和。", False, 16),
            ("（二）热量与做功", False, 16),
            ("1.热量", True, 16),
            ("热量是传递的内能的多少。", False, 16),
            ("2.做功", True, 16),
            ("做功是能量转化的量度。", False, 16),
            ("二、热力学定律", False, 16),
            ("热力学第一定律是能量守恒定律在热现象中的体现。", False, 16),
        ],
    )
    levels = {b.text: b.level for b in _read(path).blocks() if b.kind == "heading"}
    # the outline's own ranks: 一、 over （一） over the bold 1. lines
    assert levels == {"一、热力学基础": 2, "二、热力学定律": 2, "（一）内能": 3} | {
        "（二）热量与做功": 3,
        "1.热量": 4,
        "2.做功": 4,
    }


def test_docx_bold_lines_stay_text_beside_styled_headings_or_in_a_bold_document(
    tmp_path: Path,
) -> None:
    import docx

    styled = docx.Document()
    styled.add_heading("Variables", level=1)
    styled.add_paragraph().add_run("Remember").bold = True
    styled.add_paragraph("A variable is a name that refers to a value.")
    path = tmp_path / "styled.docx"
    styled.save(str(path))
    kinds = [(b.kind, b.text) for b in _read(path).blocks()]
    assert kinds == [
        ("heading", "Variables"),
        ("paragraph", "Remember"),
        ("paragraph", "A variable is a name that refers to a value."),
    ]
    # set wholly in bold, nothing stands out as a heading
    shouting = [("Variables", True, None), ("Names", True, None), ("Values", True, None)]
    blocks = _read(_handmade_docx(tmp_path / "bold.docx", shouting)).blocks()
    assert {b.kind for b in blocks} == {"paragraph"}


def test_docx_bold_lines_dividing_a_styled_section_are_its_subsections(tmp_path: Path) -> None:
    # a teacher's Word handout styles three heading levels and types the fourth in bold:
    # two or more bold lines, each over its own text, divide the section above them
    import docx

    document = docx.Document()
    document.add_heading("学习理论", level=1)
    document.add_heading("（1）行为主义学习理论", level=2)
    for school, text in (
        ("经典条件反射", "中性刺激与无条件刺激反复配对。"),
        ("操作条件反射", "行为的后果决定它再次出现的可能。"),
    ):
        document.add_paragraph().add_run(school).bold = True
        document.add_paragraph(text)
    document.add_heading("（2）认知主义学习理论", level=2)
    document.add_paragraph().add_run("要点：").bold = True  # a label, not a heading
    document.add_paragraph("学习是内部认知结构的改组。")
    path = tmp_path / "handout.docx"
    document.save(str(path))
    headings = [(b.level, b.text) for b in _read(path).blocks() if b.kind == "heading"]
    assert (3, "经典条件反射") in headings and (3, "操作条件反射") in headings
    assert "要点：" not in [t for _, t in headings]


def test_docx_bold_lines_set_larger_are_headings_where_bold_is_the_rule(tmp_path: Path) -> None:
    # a handout typed by hand sets its labels, key phrases and numbered steps in bold at
    # the body's size as often as its text: its larger bold lines are still its headings
    lines: list[tuple[str, bool, float | None]] = [("The World", True, 16)]
    for section in ("一、大洲和大洋", "二、世界自然环境"):
        lines.append((section, True, 14))
        for label in ("陆地的构成", "赤道穿过的大洲", "极圈穿过的大洲"):
            lines += [(label, True, None), ("非洲、亚洲、大洋洲。", False, None)]
    blocks = _read(_handmade_docx(tmp_path / "handout.docx", lines)).blocks()
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [(1, "The World"), (2, "一、大洲和大洋"), (2, "二、世界自然环境")]
    assert ("paragraph", "陆地的构成") in [(b.kind, b.text) for b in blocks]


def test_docx_bold_lines_under_a_title_style_rank_by_size(tmp_path: Path) -> None:
    # Google Docs lecture notes: the Title style is the one styled paragraph, the sections
    # are bold lines in two sizes; the smaller ones sit under the larger, not beside them
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_paragraph("Heat and Work", style="Title")
    for text, size in (
        ("Energy", 14),
        ("Kinetic energy", 12),
        ("Potential energy", 12),
        ("Transfer", 14),
    ):
        run = document.add_paragraph().add_run(text)
        run.bold, run.font.size = True, Pt(size)
        document.add_paragraph(f"Some sentences about {text.lower()} follow here.")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    headings = [(b.level, b.text) for b in _read(path).blocks() if b.kind == "heading"]
    assert headings == [
        (1, "Heat and Work"),
        (2, "Energy"),
        (3, "Kinetic energy"),
        (3, "Potential energy"),
        (2, "Transfer"),
    ]


WORD_HTML = """<html><head><style>
.Title {font-weight:700; font-size:16pt}
p.MsoNormal {font-size:11pt}
</style></head><body><div class=WordSection1>
<p class=Title>Introduction to Programming</p>
<p class=MsoNormal><b><span style='font-size:13.0pt'>1. Variables</span></b></p>
<p class=MsoNormal>A <b>variable</b> is a name that refers to a value.</p>
<p class=MsoNormal><b>Note: this sentence is bold but it is a sentence.</b></p>
<p class=MsoNormal><span style="font-weight:bold;font-size:17.33px">2. Functions</span></p>
<p class=MsoNormal><span style='mso-bidi-font-weight:bold'>Parameters and arguments</span></p>
<p class=MsoNormal>A function is a named sequence of statements.</p>
<p class=MsoNormal><strong><span style='font-size:13.0pt'>二、函数的参数</span></strong>
<span> </span></p>
<p class=MsoNormal>参数是函数定义中使用的名字。</p>
</div></body></html>"""


def test_html_bold_lines_typed_by_hand_are_headings(tmp_path: Path) -> None:
    # Word's "Save as Web Page" of a handout typed by hand: no <h1>-<h6>, bold lines ranked
    # by size (a class of the stylesheet, a style attribute, pixels as points); Word's
    # mso-bidi-font-weight sets right-to-left scripts only
    path = tmp_path / "handout.html"
    path.write_text(WORD_HTML, encoding="utf-8")
    blocks = _read(path).blocks()
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [
        (1, "Introduction to Programming"),
        (2, "1. Variables"),
        (2, "2. Functions"),
        (2, "二、函数的参数"),
    ]
    assert ("paragraph", "A variable is a name that refers to a value.") in [
        (b.kind, b.text) for b in blocks
    ]


GOOGLE_DOCS_HTML = (
    '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
    "<style>.c1{font-size:11pt;font-weight:400;font-style:normal}"
    ".c2{font-weight:700;font-size:11pt}.c4{font-style:italic}"
    ".c6{font-size:14pt;font-weight:700}.c8{font-size:20pt;font-weight:400}"
    '.title{font-size:26pt}</style></head><body class="c9 doc-content">'
    '<p class="c3 title" id="h.a1"><span class="c8">Soil Mechanics, Week 2</span></p>'
    '<h1 class="c5" id="h.b2"><span class="c8">Compaction</span></h1>'
    '<p class="c3"><span class="c2">Compaction</span><span class="c1"> squeezes air out'
    ' of a soil by loading it.</span><sup><a href="#cmnt_ref1" id="cmnt_ref1">[a]</a></sup></p>'
    '<p class="c3"><span class="c6">Proctor test</span></p>'
    '<p class="c3"><span class="c1">The </span><span class="c4">optimum moisture content</span>'
    '<span class="c1"> gives the densest packing.</span></p>'
    '<p class="c3"><span class="c6">Field checks</span></p>'
    '<p class="c3"><span class="c1">A sand cone measures density on site.</span></p>'
    '<div><p class="c3"><a href="#cmnt_ref1" id="cmnt1">[a]</a>'
    '<span class="c1">Ask the lab tech for photos</span></p></div>'
    "</body></html>"
)


def test_a_google_docs_export_keeps_its_styled_bold_title_and_bold_subsections(
    tmp_path: Path,
) -> None:
    # Google Docs writes no <b>/<i>: its class rules carry bold and italics; its Title
    # style is a <p class="title">, sub-sections are bold lines set larger, and its
    # comment threads follow the text in <div>s linked back to their marks
    (tmp_path / "week2.html").write_text(GOOGLE_DOCS_HTML, encoding="utf-8")
    document = _read(tmp_path / "week2.html")
    assert document.title == "Soil Mechanics, Week 2"
    blocks = document.blocks()
    assert [(b.level, b.text) for b in blocks if b.kind == "heading"] == [
        (1, "Soil Mechanics, Week 2"),
        (1, "Compaction"),
        (2, "Proctor test"),
        (2, "Field checks"),
    ]
    stressed = {e for b in blocks for e in b.emphasis}
    assert {"Compaction", "optimum moisture content"} <= stressed
    assert not any("lab tech" in b.text or "[a]" in b.text for b in blocks)


def test_html_bold_lines_stay_text_beside_marked_headings_or_in_a_bold_page(
    tmp_path: Path,
) -> None:
    marked = tmp_path / "marked.html"
    marked.write_text(
        "<html><body><h1>Variables</h1><p><b>Remember</b></p>"
        "<p>A variable is a name that refers to a value.</p></body></html>",
        encoding="utf-8",
    )
    assert [(b.kind, b.text) for b in _read(marked).blocks()] == [
        ("heading", "Variables"),
        ("paragraph", "Remember"),
        ("paragraph", "A variable is a name that refers to a value."),
    ]
    glossary = tmp_path / "glossary.html"
    glossary.write_text(
        "<html><body><p>Terms of the course.</p><dl><dt><b>Variable</b></dt><dd>A name that"
        " refers to a value.</dd><dt><b>Loop</b></dt><dd>Code run again and again.</dd></dl>"
        "<p>A variable is a name. A loop runs code again.</p><p>Both come back later.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    assert "heading" not in {b.kind for b in _read(glossary).blocks()}
    shouting = tmp_path / "bold.html"
    shouting.write_text(
        "<html><body><p><b>Variables</b></p><p><b>Names</b></p><p><b>Values</b></p></body></html>",
        encoding="utf-8",
    )
    assert {b.kind for b in _read(shouting).blocks()} == {"paragraph"}


def test_html_bold_markdown_left_as_text_beside_chinese_is_emphasis(tmp_path: Path) -> None:
    # a MkDocs page whose renderer would not close "**" after a full-width colon: the
    # browser shows the asterisks; the reader takes the runs, paired in order, as bold
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>气候</h1>"
        "<p>**气温：**一个地方冷热的程度，用**摄氏度**表示</p>"
        "<p>代码里 <code>a**b</code> 是乘方，**这里**才是强调</p>"
        "<p>A lone ** in English stays as written.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    blocks = [b for b in _read(page).blocks() if b.kind == "paragraph"]
    assert blocks[0].text == "气温：一个地方冷热的程度，用摄氏度表示"
    assert blocks[0].emphasis == ("气温：", "摄氏度")
    # inline code keeps its asterisks, and they pair with nothing outside it
    assert blocks[1].text == "代码里 `a**b` 是乘方，这里才是强调"
    assert "这里" in blocks[1].emphasis
    assert blocks[2].text == "A lone ** in English stays as written."


def test_html_bold_markdown_a_renderer_paired_first_to_last_is_read_as_written(
    tmp_path: Path,
) -> None:
    # "**等高距：**相邻**两条**等高线的**高差**": the renderer bolded all between the first
    # and the last mark and left the middle ones; put back, they pair as typed
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>等高线</h1>"
        "<p><strong>等高距：**相邻**两条**等高线的**高差</strong>，单位是米</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [block] = [b for b in _read(page).blocks() if b.kind == "paragraph"]
    assert block.text == "等高距：相邻两条等高线的高差，单位是米"
    assert block.emphasis == ("等高距：", "两条", "高差")


def test_html_comment_heading_of_a_docs_theme_is_furniture(tmp_path: Path) -> None:
    # Material for MkDocs (and zensical) put "<h2 id='__comments'>" over a comments script
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>河流</h1><p>河流是陆地表面经常性的线形水流。</p>"
        '<h2 id="__comments">Comments</h2><script src="giscus.js"></script>'
        "</article></body></html>",
        encoding="utf-8",
    )
    assert [b.text for b in _read(page).blocks() if b.kind == "heading"] == ["河流"]


def test_html_a_wechat_articles_body_is_read_without_its_page_around_it(
    tmp_path: Path,
) -> None:
    # a saved 公众号 page has no <main> or <article>: its text is the one #js_content, and
    # the account's tags, the readers' comments and the QR box stand outside it
    page = tmp_path / "wechat.html"
    page.write_text(
        '<html><body><div class="rich_media"><h1 class="rich_media_title">光合作用</h1>'
        '<div id="js_content" class="rich_media_content"><section><span>叶绿体吸收光能，'
        "把二氧化碳和水合成有机物。</span></section></div>"
        '<div class="article-tag__list"><span>#植物学 9个</span></div>'
        '<div id="js_cmt_area"><ul class="discuss_list"><li><strong class="nickname">'
        "张三</strong><span>讲得真清楚</span></li></ul></div>"
        '<div id="js_pc_qr_code"><p>微信扫一扫关注该公众号</p></div></div></body></html>',
        encoding="utf-8",
    )
    text = " ".join(b.text for b in _read(page).blocks())
    assert "叶绿体吸收光能" in text and "光合作用" in text
    assert "张三" not in text and "植物学" not in text and "扫一扫" not in text


def test_html_key_terms_marked_by_their_role_are_emphasis(tmp_path: Path) -> None:
    # OpenStax's web pages set a key term in <span data-type="term">, bold by an external
    # stylesheet a saved page loses; DocBook's HTML uses class "glossterm"; pandoc writes
    # LaTeX's \\textsc (a term introduced) as class "smallcaps", a page may set the style
    page = tmp_path / "cell.html"
    page.write_text(
        "<html><body><h1>The Cell</h1><p>A <span data-type='term'>lysosome</span> is an "
        "organelle. The <span class='glossterm'>cytosol</span> is a fluid, and a "
        "<span class='note'>note</span> is not a term. A <span class='smallcaps'>vacuole"
        "</span> stores water, a <span style='font-variant: small-caps'>vesicle</span> "
        "carries it.</p></body></html>",
        encoding="utf-8",
    )
    paragraph = _read(page).blocks()[1]
    assert paragraph.emphasis == ("lysosome", "cytosol", "vacuole", "vesicle")


def test_an_html_figure_title_before_its_caption_ends_as_a_sentence(tmp_path: Path) -> None:
    # OpenStax's and CNX's pages set a figure's label, number, title and caption as spans
    # of one line; the title has no stop of its own, so the caption's first sentence
    # began with it ("Figure 2.4 Leaf Cross Section The mesophyll is …")
    page = tmp_path / "leaf.html"
    page.write_text(
        "<html><body><h1>Leaves</h1><p>Leaves make food.</p>"
        '<div class="os-caption-container"><span class="os-title-label">Figure </span>'
        '<span class="os-number">2.4</span><span class="os-divider"> </span>'
        '<span class="os-title" data-type="title">Leaf Cross Section</span>'
        '<span class="os-divider"> </span><span class="os-caption">The mesophyll is the '
        "inner tissue of a leaf.</span></div>"
        '<div class="os-caption-container"><span class="os-title-label">Table </span>'
        '<span class="os-number">2.1</span><span class="os-divider"> </span>'
        '<span class="os-title" data-type="title">Leaf Tissues</span></div>'
        '<h2 data-type="title">Stomata</h2><p>Pores let gases pass.</p></body></html>',
        encoding="utf-8",
    )
    texts = [b.text for b in _read(page).blocks()]
    assert "Figure 2.4 Leaf Cross Section. The mesophyll is the inner tissue of a leaf." in texts
    # a title ending its line, or set as a heading, is left as it stands
    assert "Table 2.1 Leaf Tissues" in texts and "Stomata" in texts


def test_a_feature_box_label_above_the_box_title_is_no_heading(tmp_path: Path) -> None:
    # a textbook page's box: its kind as one heading, its title as the next; the kind
    # ("Lab Safety Link") is no section and no concept, the title is; a box with one
    # heading keeps it
    page = tmp_path / "cells.html"
    page.write_text(
        "<html><body><h1>Cells</h1><p>Cells are small.</p>"
        '<div data-type="note" class="link"><h3 class="os-title">Lab Safety Link</h3>'
        '<div class="os-note-body"><h4 data-type="title">Handling Stains</h4>'
        "<p>Wear gloves when you stain a slide.</p></div></div>"
        '<div data-type="note"><h3>Did You Know?</h3><p>A cell can divide.</p></div>'
        "</body></html>",
        encoding="utf-8",
    )
    headings = [b.text for b in _read(page).blocks() if b.kind == "heading"]
    assert headings == ["Cells", "Handling Stains", "Did You Know?"]


def test_a_document_without_a_declared_title_takes_its_opening_heading(
    en_docx: Path, zh_pdf: Path, tmp_path: Path
) -> None:
    # python-docx saves no core title; the PDF has no metadata title
    assert _read(en_docx).title == "Linear Equations"
    assert _read(zh_pdf).title == "线性方程"
    text = tmp_path / "atoms.txt"
    text.write_text("Atoms, Molecules, and Ions\n\nAn atom is small. Atoms combine.\n", "utf-8")
    assert _read(text).title == "Atoms, Molecules, and Ions"
    # an apparatus heading, or a first heading below another of its page, is no title
    text.write_text("Introduction\n\nAn atom is small. Atoms combine.\n", "utf-8")
    assert _read(text).title is None
    prose = tmp_path / "prose.txt"
    prose.write_text("An atom is small. Atoms combine.\n\nMore prose follows here.\n", "utf-8")
    assert _read(prose).title is None


def test_a_declared_title_wins(en_html: Path, tmp_path: Path) -> None:
    assert _read(en_html).title == "Sample"  # <title>, not the "#" heading
    import docx

    document = docx.Document()
    document.core_properties.title = "Week 3 reading"
    document.add_heading("Linear Equations", 1)
    document.add_paragraph("A linear equation is an equation of the first degree.")
    path = tmp_path / "declared.docx"
    document.save(str(path))
    assert _read(path).title == "Week 3 reading"


def _syllabus_docx(path: Path, declared: str | None) -> Path:
    """A course's name typed in 26 pt over Heading 1 sections, its core title `declared`."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    if declared:
        document.core_properties.title = declared
    document.add_paragraph().add_run("Data Orientation").font.size = Pt(26)
    document.add_paragraph("Course Syllabus")
    document.add_heading("Course Prerequisites", 1)
    document.add_paragraph("This course assumes no prior experience with data.")
    document.save(str(path))
    return path


def test_a_title_the_first_page_shows_by_its_type_wins_over_a_template_title(
    tmp_path: Path,
) -> None:
    # a Word file copied from a template keeps the template's core title; its first page
    # shows its own in type larger than every heading (or in the Title style)
    import docx
    import weasyprint

    path = _syllabus_docx(tmp_path / "syllabus.docx", "Getting Started with the Labs")
    assert _read(path).title == "Data Orientation"
    document = docx.Document()
    document.core_properties.title = "Getting Started with the Labs"
    document.add_paragraph("Data Orientation", style="Title")
    document.add_heading("Course Prerequisites", 1)
    document.save(str(path))
    assert _read(path).title == "Data Orientation"
    # the declared title written on the first page stays the title
    document.add_paragraph("Getting started with the labs: read this first.")
    document.save(str(path))
    assert _read(path).title == "Getting Started with the Labs"
    # a PDF: its first page's largest text, set once in the document
    body = "<p>A data file holds records. Storage keeps the files.</p>" * 20
    page = (
        "<html><head><title>{}</title></head><body style='font-size: 10pt'>"
        "<p style='font-size: 26pt'>Data Orientation</p><p>Lab 1: Working with Files</p>"
        "<h1 style='font-size: 16pt'>Overview</h1>{}<h1 style='font-size: 16pt'>Files</h1>{}"
        "</body></html>"
    )
    pdf = tmp_path / "lab.pdf"
    weasyprint.HTML(string=page.format("Learning Experiences", body, body)).write_pdf(pdf)
    assert _read(pdf).title == "Data Orientation"
    weasyprint.HTML(string=page.format("Working with Files", body, body)).write_pdf(pdf)
    assert _read(pdf).title == "Working with Files"  # on the first page: declared
    # a largest size that comes back names sections: the declared title stays
    sections = page.replace("26pt", "16pt")
    weasyprint.HTML(string=sections.format("Learning Experiences", body, body)).write_pdf(pdf)
    assert _read(pdf).title == "Learning Experiences"
    # a figure's large labels are no heading to the reader, nor a title
    figure = (
        "<html><body style='font-size: 10pt'><p style='font-size: 24pt'>X r</p>{}</body></html>"
    )
    weasyprint.HTML(string=figure.format(body)).write_pdf(pdf)
    assert _read(pdf).title is None


def test_a_docx_opening_line_set_above_every_heading_is_a_heading(tmp_path: Path) -> None:
    # a course's name typed in 26 pt over Heading 1 sections heads them, as the Title
    # style does (a PDF of it reads it as its largest heading)
    import docx
    from docx.shared import Pt

    path = _syllabus_docx(tmp_path / "syllabus.docx", None)
    kinds = [(b.kind, b.level, b.text) for b in _read(path).blocks()]
    assert kinds[:3] == [
        ("heading", 1, "Data Orientation"),
        ("paragraph", 0, "Course Syllabus"),
        ("heading", 1, "Course Prerequisites"),
    ]
    # notes typed wholly in 15 pt (the template's default 11): the first line is text
    document = docx.Document()
    for line in ("Data and Computing", "Week 3", "A function maps inputs to outputs."):
        document.add_paragraph().add_run(line).font.size = Pt(15)
    document.save(str(path))
    assert [b.kind for b in _read(path).blocks()] == ["paragraph"] * 3
    assert _read(path).title is None


def test_a_declared_title_that_names_a_file_or_a_template_gives_way_to_the_heading(
    tmp_path: Path,
) -> None:
    # Chrome titles a page without <title> by its file name; Word's PDF printers write
    # "Microsoft Word - notes.docx"; templates leave "PowerPoint Presentation"
    import docx

    for declared in (
        "unit3-cells.html",
        "Microsoft Word - Week 3 notes.docx",
        "book.dvi",  # dvips through Ghostscript
        "PowerPoint Presentation",
        "PowerPoint 演示文稿",
        "Untitled",
    ):
        document = docx.Document()
        document.core_properties.title = declared
        document.add_heading("Linear Equations", 1)
        document.add_paragraph("A linear equation is an equation of the first degree.")
        path = tmp_path / "declared.docx"
        document.save(str(path))
        assert _read(path).title == "Linear Equations", declared
    # a title that only mentions a format is a title
    document = docx.Document()
    document.core_properties.title = "Reading a .csv file"
    document.add_heading("Files", 1)
    document.add_paragraph("A file holds data.")
    document.save(str(path))
    assert _read(path).title == "Reading a .csv file"


def test_a_paragraph_of_display_maths_is_a_formula_in_every_format(tmp_path: Path) -> None:
    """Derivation notes turned into HTML (or Word, or a PDF) keep each "$$…$$" as a
    paragraph of its own. Read as prose, its TeX outweighed the Chinese around it and
    the whole chapter was detected as English."""
    from jobs.pipeline.language import detect_language

    w = "\\hat{\\boldsymbol w}"
    steps = " \\\\ ".join(
        f"\\frac{{\\partial E_{{{w}}}}}{{\\partial {w}_{i}}}"
        f" &= 2\\mathbf{{X}}^{{\\mathrm{{T}}}}\\left(\\mathbf{{X}}{w}-y\\right)"
        for i in range(6)
    )
    body = "".join(
        f"<p>对损失函数求导，令导数等于零可得第{n}步：</p>"
        f"<p>$$\\begin{{aligned}} {steps} \\end{{aligned}}$$</p>"
        "<p>\\[ a = b \\]</p>"
        for n in range(3)
    )
    path = tmp_path / "derivation.html"
    path.write_text(f"<html><body><h1>求导</h1>{body}</body></html>", encoding="utf-8")
    blocks = _read(path).blocks()
    kinds = [(b.kind, b.text[:2]) for b in blocks]
    assert kinds.count(("formula", "$$")) == 3 and kinds.count(("formula", "\\[")) == 3
    assert detect_language(blocks) == "zh-CN"
    # prose that opens and closes with maths is still prose
    mixed = tmp_path / "mixed.html"
    mixed.write_text("<p>$$a$$ 由此可得 $$b$$</p>", encoding="utf-8")
    assert [b.kind for b in _read(mixed).blocks()] == ["paragraph"]


def test_a_myst_example_box_with_formulas_is_prose(tmp_path: Path) -> None:
    """sphinx-proof's ```{prf:example} and ```{prf:definition} set formulas between their
    sentences: the maths is no code's symbols, so the box is read as prose and the term it
    sets in bold is found (an economics lecture's "inverse supply curve" was lost as code)."""
    path = tmp_path / "box.md"
    path.write_text(
        "# Sellers\n\n```{prf:example}\n:label: sellers\n\nA baker who would sell a loaf "
        "for \\$2 and sells it for \\$3 gains \\$1.\n\nThe total gain of the sellers is\n\n$$\n"
        "\\sum_{i=1}^{n} \\max\\{p - c_i, 0\\} = \\sum_{p \\geq c_i} (p - c_i)\n$$\n\n"
        "Joined into one smooth line, the sellers' prices form the **offer curve** "
        "$p = h(q)$.\n```\n",
        encoding="utf-8",
    )
    blocks = _read(path).blocks()
    offer = next(b for b in blocks if "offer curve" in b.text)
    assert offer.kind == "paragraph" and "offer curve" in offer.emphasis
    assert any(b.kind == "formula" for b in blocks)


def test_markdown_highlight_marks_are_no_text() -> None:
    # a note's "==…==" highlight, alone or around bold, reads as its words
    blocks = parse("岩浆：地下==高温熔融==的==**硅酸盐物质**==\n\n- 火山灰：==细小==岩屑\n")
    assert [b.text for b in blocks] == ["岩浆：地下高温熔融的硅酸盐物质", "火山灰：细小岩屑"]
    # the words highlighted are the note's stress, as <mark> is: "高温熔融" is stressed too
    assert blocks[0].emphasis == ("高温熔融", "硅酸盐物质")
    assert blocks[1].emphasis == ("细小",)
    # a comparison written in prose keeps its signs
    assert parse("当 x==y 且 m==n 时相等。\n")[0].text == "当 x==y 且 m==n 时相等。"


def test_a_highlighted_term_opening_its_definition_is_defined(tmp_path: Path) -> None:
    # a note app's "==X==" is the note-taker's stress: the term it marks is defined by the
    # sentence it opens, as a bold one is
    path = tmp_path / "笔记.md"
    text = "# 看板方法\n\n==累积流图==是展示流程各阶段工作项数量随时间变化的图表。\n"
    path.write_text(text, "utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    limit = next((c for c in concepts if c.title == "累积流图"), None)
    assert limit is not None and limit.description


def test_obsidian_links_embeds_callouts_and_block_ids_read_as_a_vault_shows_them() -> None:
    source = (
        "Bees carry [[Pollen grain|pollen]] to [[botany/Flower]]s; see [[#Nectar]] and"
        " [[Hive#Combs]], not `[[code]]`. ^k3x9p2\n\n"
        "![[hive-diagram.png]]\n\n"
        "> [!tip]- Swarming season\n> Colonies split in late spring.\n\n"
        "> [!note]\n> A queen lays the eggs.\n\n"
        "- workers tend the [[Brood\\|larvae]]\n"
    )
    assert [b.text for b in parse(source)] == [
        "Bees carry pollen to Flowers; see Nectar and Hive, not `[[code]]`.",
        "Swarming season",
        "Colonies split in late spring.",
        "A queen lays the eggs.",
        "workers tend the larvae",
    ]
    # a caret inside a sentence or after a letter is no block id
    assert parse("The area grows as r^2 here ^ there.\n")[0].text == (
        "The area grows as r^2 here ^ there."
    )


def test_a_notion_heading_over_only_links_to_sibling_pages_is_no_section() -> None:
    """Notion's Markdown export sets each linked page or inline database as a paragraph of
    one link to its file. A heading with nothing but such links under it names no topic
    of the page and goes; the linked titles stay text. A heading over prose that links
    a page, or over a link to a web site, stays."""
    source = (
        "# Volcanoes\n\nA caldera forms when a magma chamber empties.\n\n"
        "## See these pages\n\n"
        "[Plate Tectonics](Plate%20Tectonics%200123456789abcdef0123456789abcdef.md)\n\n"
        "[Eruption Log](Eruption%20Log%20fedcba9876543210fedcba9876543210.csv)\n\n"
        "## Lava\n\nRead [Basalt](Basalt%2000112233445566778899aabbccddeeff.md) first.\n\n"
        "## Sources\n\n[USGS](https://www.usgs.gov/volcanoes.html)\n"
    )
    texts = [(b.kind, b.text) for b in parse(source)]
    assert ("heading", "See these pages") not in texts
    assert ("paragraph", "Plate Tectonics") in texts
    assert ("heading", "Lava") in texts
    assert ("heading", "Sources") in texts


def test_docx_a_table_laying_out_prose_reads_as_its_paragraphs(tmp_path: Path) -> None:
    """A 教案's 教学过程 is a table whose content cells hold the lesson, paragraph after
    paragraph: each cell's paragraphs are read as paragraphs, row by row, and a header's
    bold label stresses nothing. A table of short cells stays a table."""
    import docx

    document = docx.Document()
    process = document.add_table(rows=2, cols=3)
    for cell, label in zip(process.rows[0].cells, ("教学环节", "教学内容", "时间"), strict=True):
        cell.paragraphs[0].add_run(label).bold = True
    stage, content, minutes = process.rows[1].cells
    stage.text = "讲授新课"
    content.text = "土壤是陆地表面能够生长植物的疏松表层。它由矿物质和有机质组成。"
    content.add_paragraph("土壤肥力是土壤供应养分的能力。肥力高的土壤适合耕种。")
    minutes.text = "20分钟"
    data = document.add_table(rows=2, cols=2)
    data.cell(0, 0).text, data.cell(0, 1).text = "土层", "厚度"
    data.cell(1, 0).text, data.cell(1, 1).text = "表土层", "20 厘米"
    path = tmp_path / "教案.docx"
    document.save(str(path))
    blocks = _read(path).blocks()
    texts = [(b.kind, b.text) for b in blocks]
    assert ("paragraph", "土壤肥力是土壤供应养分的能力。肥力高的土壤适合耕种。") in texts
    assert texts.index(("paragraph", "讲授新课")) < texts.index(("paragraph", "20分钟"))
    assert next(b for b in blocks if b.text == "教学环节").emphasis == ()
    assert ("table", "土层 | 厚度\n表土层 | 20 厘米") in texts


def test_docx_a_one_cell_box_of_sentences_reads_as_a_paragraph(tmp_path: Path) -> None:
    """A 飞书 or Notion callout exported to Word is a table of one shaded cell: its
    sentences are prose, read as a paragraph (a definition in it is found). A one-cell
    table holding a label alone, no sentence run on, stays a table."""
    import docx

    document = docx.Document()
    document.add_paragraph("本节讲哮喘的针灸治疗。")
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "💡 哮喘是一种发作性的痰鸣气喘疾患。发作时喉中哮鸣有声，呼吸急促困难。"
    label = document.add_table(rows=1, cols=1)
    label.cell(0, 0).text = "重点"
    path = tmp_path / "callout.docx"
    document.save(str(path))
    texts = [(b.kind, b.text) for b in _read(path).blocks()]
    # (its icon goes, as a heading's does)
    said = "哮喘是一种发作性的痰鸣气喘疾患。发作时喉中哮鸣有声，呼吸急促困难。"
    assert ("paragraph", said) in texts
    assert ("table", "重点") in texts


def test_docx_a_table_of_one_sentence_cells_reads_as_its_paragraphs(tmp_path: Path) -> None:
    """A 教学设计 writes its 教学过程 as a table whose teacher's, pupils' and purpose
    columns each hold one paragraph of sentences, and opens with a form of labels and
    sentences (no header row): both read as paragraphs. A glossary table, its header
    above one column of sentences, and a timetable of short values stay tables."""
    import docx

    document = docx.Document()
    form = document.add_table(rows=2, cols=2)
    form.cell(0, 0).text, form.cell(0, 1).text = "学情分析", "学生已经会计算两个向量的点乘。"
    form.cell(1, 0).text, form.cell(1, 1).text = "教学重点", "漫反射光照与法向量的关系。"
    process = document.add_table(rows=3, cols=3)
    columns = ("教师活动", "学生活动", "设计意图")
    for cell, label in zip(process.rows[0].cells, columns, strict=True):
        cell.text = label
    process.cell(1, 0).text = "讲解法向量是垂直于表面的单位向量。"
    process.cell(1, 1).text = "画出立方体各个面的法向量。"
    process.cell(1, 2).text = "用图示建立直观的认识。"
    process.cell(2, 0).text = "演示环境光照的效果。"
    process.cell(2, 1).text = "修改环境因子并观察结果。"
    process.cell(2, 2).text = "在操作中理解参数的作用。"
    glossary = document.add_table(rows=3, cols=2)
    glossary.cell(0, 0).text, glossary.cell(0, 1).text = "名词", "解释"
    glossary.cell(1, 0).text, glossary.cell(1, 1).text = "法向量", "垂直于表面的单位向量。"
    glossary.cell(2, 0).text, glossary.cell(2, 1).text = "环境光", "场景中处处都有的微弱光照。"
    times = document.add_table(rows=2, cols=2)
    times.cell(0, 0).text, times.cell(0, 1).text = "环节", "时间"
    times.cell(1, 0).text, times.cell(1, 1).text = "导入", "5分钟"
    path = tmp_path / "教学设计.docx"
    document.save(str(path))
    texts = [(b.kind, b.text) for b in _read(path).blocks()]
    assert ("paragraph", "学生已经会计算两个向量的点乘。") in texts
    assert ("paragraph", "讲解法向量是垂直于表面的单位向量。") in texts
    assert ("paragraph", "修改环境因子并观察结果。") in texts
    kept = "名词 | 解释\n法向量 | 垂直于表面的单位向量。\n环境光 | 场景中处处都有的微弱光照。"
    assert ("table", kept) in texts
    assert ("table", "环节 | 时间\n导入 | 5分钟") in texts


def _mind_map(branches: int) -> str:
    """A mind map exported as a Markdown outline: nodes of a few words, nested lists."""
    lines = ["# 植物生理学", "", "## 光合作用", ""]
    for n in range(branches):
        lines += [f"- 分支主题{n}", f"  - 叶子甲{n}", f"  - 叶子乙{n}", f"  - 叶子丙{n}"]
    return "\n".join(lines) + "\n"


def test_a_mind_maps_branch_nodes_are_stressed_as_its_topics() -> None:
    blocks = parse(_mind_map(6))
    stressed = {b.text for b in blocks if b.emphasis}
    # a node with nodes under it sorts them, as a heading does; a leaf may be a mere value
    assert stressed == {f"分支主题{n}" for n in range(6)}


def test_nested_lists_of_sentences_or_a_short_list_are_no_mind_map() -> None:
    assert not any(b.emphasis for b in parse(_mind_map(3)))  # 12 items: too few to tell
    prose = _mind_map(6).replace("  - 叶子甲", "  - 这一步把光能转化为化学能，叶子甲")
    prose = prose.replace("  - 叶子乙", "  - 暗反应在叶绿体基质中进行。叶子乙")
    assert not any(b.emphasis for b in parse(prose))
    # paragraphs of prose between the lists make it a handout with lists, not a map
    handout = _mind_map(6).replace("## 光合作用\n", "## 光合作用\n\n" + "植物吸收光能。\n\n" * 5)
    assert not any(b.emphasis for b in parse(handout))


def test_mdbook_include_links_are_no_text() -> None:
    """An mdBook chapter holds `{{#include …}}` where its build puts a file; uploaded
    alone, the path answered "How is `unwrap` used?"."""
    source = (
        "# Errors\n\nHere is an example of `unwrap` in action:\n\n"
        "```rust\n{{#rustdoc_include ../listings/ch09/unwrap/src/main.rs}}\n```\n\n"
        "{{#include ../shared/note.md}}\n\n"
        "A panic stops the program. Write `{{#include}}` in a sentence and it stays.\n"
    )
    blocks = parse(source)
    text = " ".join(b.text for b in blocks if b.kind != "code")
    assert "note.md" not in text
    assert "A panic stops the program." in text
    assert "`{{#include}}`" in text
    # the listing's place stays a code block, which no example shows
    found = find_examples(blocks, lambda text, block, by_section=True: "unwrap")
    assert [x.content for x in found] == []


def test_a_tutorial_sites_highlight_marks_leave_its_code() -> None:
    """A tutorial engine highlights code between "*!*" and "*/!*"; the page shows no marks,
    and an example quoting the code must not either."""
    source = (
        "# Counters\n\n```js\nlet count = 0;\n*!*\ncount += 1;\n*/!*\n"
        'show(*!*count*/!*);\n```\n\n```js\nlet shout = *!*"hi";\n```\n'
    )
    code = [b.text for b in parse(source) if b.kind == "code"]
    assert code[0] == "let count = 0;\ncount += 1;\nshow(count);"
    assert code[1] == 'let shout = *!*"hi";'  # no closing mark: code as written


_MARP_DECK = """---
marp: true
theme: default
paginate: true
footer: 'BIO 110 · Week 2'
---

<!-- _class: lead -->

# Cells and Membranes

### BIO 110 – Lecture 2

A. Teacher · Autumn term

<!--
Speaker note: hand out the worksheet first.
-->

---

## The cell membrane

The **cell membrane** is a lipid bilayer that encloses the cell.

```text
a ruler inside code
---
stays in its slide
```

---

## Diffusion

**Diffusion** is the movement of particles from high to low concentration.
A heading underlined by dashes
---

is a setext heading, no slide's end.
"""


def test_a_marp_deck_reads_a_slide_a_page_without_its_notes(tmp_path: Path) -> None:
    path = tmp_path / "week2.md"
    path.write_text(_MARP_DECK, encoding="utf-8")
    document = _read(path)
    assert document.slides == 3
    assert document.paged
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert document.title == "Cells and Membranes"
    # the title slide is reduced to its title: its subtitle and speaker are no text
    assert [b.text for b in document.pages[0].blocks] == ["Cells and Membranes"]
    text = " ".join(b.text for b in document.blocks())
    assert "Speaker note" not in text and "_class" not in text and "BIO 110" not in text
    assert "stays in its slide" in " ".join(b.text for b in document.pages[1].blocks)
    # the dashes under a line make it a heading (Markdown's setext), on the same slide
    assert "no slide's end" in " ".join(b.text for b in document.pages[2].blocks)


def test_front_matter_without_marp_true_is_a_page_not_a_deck(tmp_path: Path) -> None:
    for value in ("false", "'yes'", ""):
        path = tmp_path / "page.md"
        path.write_text(_MARP_DECK.replace("marp: true", f"marp: {value}"), encoding="utf-8")
        document = _read(path)
        assert document.slides == 0 and not document.paged
    # front matter never closed: Markdown, no deck
    path = tmp_path / "open.md"
    path.write_text("---\nmarp: true\n\n# Notes\n\nSome text here.\n", encoding="utf-8")
    assert _read(path).slides == 0


_SLIDEV_DECK = """---
theme: seriph
title: Tides and Currents
transition: slide-left
mdc: true
---

# Tides and Currents

OCN 120 · Week 5

---
layout: two-cols
layoutClass: gap-8
---

## Tides

A **tide** is the rise and fall of the sea caused by the pull of the moon.

::right::

<v-click>

A **spring tide** is a tide of large range near a full or new moon.

</v-click>

<!--
Note: show the tide table.
-->

---

## Currents

A **current** is a steady flow of sea water in one direction.
"""


def test_a_slidev_deck_reads_a_slide_a_page_without_its_slide_settings(tmp_path: Path) -> None:
    path = tmp_path / "slides.md"
    path.write_text(_SLIDEV_DECK, encoding="utf-8")
    document = _read(path)
    assert document.slides == 3 and document.paged
    assert document.title == "Tides and Currents"
    text = " ".join(b.text for b in document.blocks())
    assert "layout" not in text and "::right::" not in text and "Note:" not in text
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert headings == ["Tides and Currents", "Tides", "Currents"]
    assert "spring tide" in " ".join(b.text for b in document.pages[1].blocks)


def test_a_site_page_whose_front_matter_names_a_layout_is_no_deck(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    page = "---\nlayout: post\ntitle: Tides\n---\n\n# Tides\n\nText.\n\n---\n\nMore text.\n"
    path.write_text(page, encoding="utf-8")
    assert _read(path).slides == 0


def test_a_marp_deck_of_rulers_only_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty-deck.md"
    path.write_text("---\nmarp: true\n---\n\n---\n\n---\n", encoding="utf-8")
    document = _read(path)
    assert document.slides == 0 and document.pages == ()


def test_a_sites_marks_in_a_heading_are_no_part_of_it() -> None:
    """javascript.info's "[#anchor]" after a title, d2l's heading bracketed whole, and
    hello-algo's star on an optional section each titled a week with the mark."""
    source = (
        "# Objects\n\n## Cloning and merging [#cloning-and-merging]\n\nText.\n\n"
        "## [**Defining the Model**]\n\nText.\n\n## 内存与缓存 *\n\nText.\n\n"
        "## a * b\n\nText.\n"
    )
    headings = [b.text for b in parse(source) if b.kind == "heading"]
    assert headings == [
        "Objects",
        "Cloning and merging",
        "Defining the Model",
        "内存与缓存",
        "a * b",
    ]


def test_a_section_headings_copy_of_the_page_name_is_dropped(tmp_path: Path) -> None:
    # an encyclopedia site repeats the entry's name inside each section heading, hidden by
    # its stylesheet; a heading that only shares its first word with the name keeps it
    path = tmp_path / "entry.html"
    path.write_text(
        "<html><head><title>Photosynthesis</title></head><body><div class='main'>"
        "<h1>Photosynthesis</h1><p>Photosynthesis turns light into sugar.</p>"
        '<h2><span class="prefix">Photosynthesis</span>Light reactions</h2>'
        "<p>The light reactions split water.</p>"
        '<h3> <span class="prefix">Photosynthesis</span> Calvin cycle</h3>'
        "<p>The Calvin cycle fixes carbon.</p>"
        "<h2><span>Photosynthesis</span></h2><p>Plants do it.</p>"
        "<h2><b>Leaf</b> structure</h2><p>A leaf has a cuticle.</p>"
        "</div></body></html>",
        encoding="utf-8",
    )
    headings = [(level, text) for kind, level, text in _kinds(_read(path)) if kind == "heading"]
    assert headings == [
        (1, "Photosynthesis"),
        (2, "Light reactions"),
        (3, "Calvin cycle"),
        (2, "Photosynthesis"),
        (2, "Leaf structure"),
    ]


def test_a_site_name_after_an_underscore_leaves_the_page_title(tmp_path: Path) -> None:
    # a site that joins page and site by "_" with no spaces; only when the part before is
    # the page's heading, and a title in snake_case that is no heading stays whole
    entry = tmp_path / "entry.html"
    entry.write_text(
        "<html><head><title>光合作用_某某百科</title></head><body>"
        "<h1>光合作用</h1><p>光合作用是植物利用光能合成有机物的过程。</p></body></html>",
        encoding="utf-8",
    )
    assert _read(entry).title == "光合作用"
    code = tmp_path / "code.html"
    code.write_text(
        "<html><head><title>read_file</title></head><body>"
        "<h1>Reading files</h1><p>Open the file first.</p></body></html>",
        encoding="utf-8",
    )
    assert _read(code).title == "read_file"


def test_an_info_boxs_fields_are_a_table_not_a_glossary(tmp_path: Path) -> None:
    # an encyclopedia entry's box of fields as a <dl>: names and short values, read as the
    # table it shows; a glossary <dl> in such a box, whose values are sentences, and a
    # <dl> of short values that no class names a box stay glossaries
    path = tmp_path / "entry.html"
    path.write_text(
        "<html><body><h1>Photosynthesis</h1>"
        '<div class="basic-info"><dl class="info-left">'
        "<dt>Field</dt><dd>Biology</dd><dt>Discovered by</dt><dd>Jan Ingenhousz</dd>"
        "<dt>Year</dt><dd>1779</dd></dl></div>"
        '<dl class="info-terms"><dt>Chlorophyll</dt>'
        "<dd>The green pigment that absorbs light.</dd></dl>"
        "<dl><dt>ATP</dt><dd>adenosine triphosphate</dd></dl>"
        "</body></html>",
        encoding="utf-8",
    )
    blocks = [(b.kind, b.text) for b in _read(path).blocks()]
    assert ("table", "Field | Biology\nDiscovered by | Jan Ingenhousz\nYear | 1779") in blocks
    assert not any("Field:" in text for _, text in blocks)
    assert ("paragraph", "Chlorophyll: The green pigment that absorbs light.") in blocks
    assert ("paragraph", "ATP: adenosine triphosphate") in blocks


def test_a_note_apps_export_stamp_is_no_text_of_the_note() -> None:
    """An online document exported to Markdown carries the app's stamp of where it came
    from, above and under the text: the stamp goes, the text stays."""
    blocks = parse(
        "# 光的折射\n\n"
        "> 本文档由 某某文档 导出 · 最后编辑：张老师 2025-09-01 10:00\n\n"
        "**折射**是指光从一种介质斜射入另一种介质时传播方向发生改变的现象。\n\n"
        "<sub>文档来源：某某文档 · 物理组 · 仅限组织内成员查看</sub>\n"
    )
    assert [b.text for b in blocks] == [
        "光的折射",
        "折射是指光从一种介质斜射入另一种介质时传播方向发生改变的现象。",
    ]
