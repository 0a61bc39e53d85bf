"""A document's bibliography and credits name no concepts, and a paper's apparatus headings
(Abstract, 摘要, Acknowledgements) name none either; each on text written for the test."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import Block
from jobs.pipeline.readers.pdf import _unradical
from jobs.pipeline.references import (
    bibliography,
    cited_names,
    credits,
    is_citation,
    without_citations,
    without_credits,
)
from jobs.pipeline.structure import acceptable, emphasis_terms, heading_terms
from tests.unit.pipeline.written import keys_of


def test_citation_entries_are_told_from_prose() -> None:
    assert is_citation(
        "[4] Thorn, A., Bramble, B., & Hedge, C. (2019). Raised beds in wet climates. "
        "Journal of Garden Studies, 12(3), 45-67."
    )
    assert is_citation("【2】Rake R, Hoe H. Mulch and its uses. In: Proceedings of Soil 2021.")
    assert is_citation("Fern, F., Moss, M. 2020. Shade gardens. Green Press.")
    # prose that names people, versions or years is not an entry
    assert not is_citation("Thorn and Bramble (2019) showed that raised beds drain well.")
    assert not is_citation("Bed A and Bed B were dug in 2019 beside the shed.")
    assert not is_citation("In 2015, Thorn, A. planted the first raised bed.")
    assert not is_citation("1. Water the seedlings before 10 a.m. from March 2024 on.")


def _blocks(*items: tuple[str, str, int]) -> list[Block]:
    return [Block(kind, text, 1, level) for kind, text, level in items]


def test_a_references_section_runs_to_the_next_heading_of_its_level() -> None:
    blocks = _blocks(
        ("heading", "Raised Beds", 1),
        ("paragraph", "A raised bed drains well.", 0),
        ("heading", "7 References", 2),
        ("list_item", "Thorn, A. Raised beds. Green Press.", 0),  # no year: the section says
        ("heading", "Further notes", 3),  # a sub-section of the references
        ("paragraph", "Both books are in the library.", 0),
        ("heading", "Cold Frames", 2),
        ("paragraph", "A cold frame keeps seedlings warm.", 0),
        ("paragraph", "Fern, F., & Moss, M. (2020). Shade gardens. Green Press.", 0),
    )
    assert bibliography(blocks) == {2, 3, 4, 5, 8}
    zh = _blocks(("heading", "参考文献", 2), ("paragraph", "花园手册，2019。", 0))
    assert bibliography(zh) == {0, 1}


def test_a_credits_section_runs_to_the_next_heading_of_its_level() -> None:
    blocks = _blocks(
        ("heading", "Cold Frames", 1),
        ("paragraph", "A cold frame keeps seedlings warm.", 0),
        ("heading", "Appendix A Contributions", 1),  # a book's: a credits heading under it
        ("heading", "Translations", 2),
        ("list_item", "Spanish: Jardines para todos. Translation: Juan Dougnac.", 0),
        ("heading", "Contributor List for Garden Beds", 2),
        ("paragraph", "Juan Dougnac, Vittore Zen, Elliott Hauser.", 0),
        ("heading", "Acknowledgements for “Garden Beds”", 1),
        ("paragraph", "Thanks to the Open Garden Foundation.", 0),
        ("heading", "Mulch", 1),
        ("paragraph", "Mulch keeps the soil moist.", 0),
    )
    assert credits(blocks) == {2, 3, 4, 5, 6, 7, 8}
    for title in ("致谢", "Image Credits", "About the Authors", "Author Contributions"):
        assert credits(_blocks(("heading", title, 2), ("paragraph", "…", 0))) == {0, 1}, title


def test_a_chinese_image_credits_section_is_credits() -> None:
    # where a page's pictures come from, as a Chinese tutorial heads it: no topic
    for title in ("图片来源", "图片引用来源", "插图出处"):
        assert credits(_blocks(("heading", title, 2), ("paragraph", "…", 0))) == {0, 1}, title


def _opening(*lines: str) -> list[Block]:
    """Blocks from lines: "# " opens a heading, "- " a list item, else a paragraph."""
    marks = {"# ": ("heading", 1), "- ": ("list_item", 0)}
    return [
        Block(marks[line[:2]][0], line[2:], 1, marks[line[:2]][1])
        if line[:2] in marks
        else Block("paragraph", line, 1, 0)
        for line in lines
    ]


def test_a_chapters_masthead_of_roles_is_credits() -> None:
    # an open textbook's chapter opens on who made it: roles, then names, or a role with
    # the names listed under it, each with the chapters that person read
    chapter = _opening(
        "第三章 堆肥",
        "主编：林木（老林）",
        "编辑&校对：",
        "- 王田（小田）：第1章，第3章",
        "- 赵禾：第2章",
        "内容：@小园（周园）",
        "堆肥是把落叶和厨余在湿润的条件下分解成腐殖质的过程。",
        "- 翻堆：每周一次",
    )
    assert credits(chapter) == {1, 2, 3, 4, 5}
    pdf = _opening(
        "# 第三章 堆肥", "内容：@小园（周园）", "审稿&排版：@阿禾（赵禾）", "堆肥需要氧气。"
    )
    assert credits(pdf) == {1, 2}
    assert credits(_opening("Editors: Ann Reed, Tom Moss")) == {0}


def test_a_lesson_opening_on_what_it_teaches_has_no_masthead() -> None:
    # "内容：" and "翻译：" alone are what a lesson teaches and what an exercise asks
    for line in ("内容：堆肥的原理与方法", "翻译：把下列句子译成英文"):
        assert credits(_opening("# 第三章 堆肥", line)) == set(), line
    # a role named in the body, after the prose, is no masthead
    assert credits(_opening("堆肥是把落叶分解成腐殖质的过程。", "作者：林木")) == set()


def test_a_papers_contributions_and_a_law_lectures_copyright_are_topics() -> None:
    # a paper's "Contributions" says what it found; "Copyright" alone is a law topic,
    # "Credits" alone a tax chapter's
    for title in ("1.2 Contributions", "Copyright", "Credits"):
        blocks = _blocks(
            ("heading", title, 2),
            ("paragraph", "Fair use lets a raised bed's photograph be quoted.", 0),
            ("heading", "Cold Frames", 2),
        )
        assert credits(blocks) == set(), title


def test_a_books_contributor_list_gives_no_concepts(tmp_path: Path) -> None:
    keys = keys_of(
        tmp_path,
        "# Garden Beds\n\n## Raised Beds\n\nA **raised bed** is a garden bed built above the "
        "ground. A raised bed drains well, and a raised bed warms early in spring.\n\n"
        "# Contributions\n\n## Translations\n\n"
        "* Spanish - Jardines para todos: Explorando la jardinería con Compost 3. "
        "Contributors: Juan Carlos Perez Castellanos and Juan Dougnac.\n"
        "* Italian - Giardini per tutti: Esplorare la jardinería con Compost 3. "
        "Contributors: Alessandro Rossetti and Vittore Zen.\n\n"
        "Anyone who is given permission to translate the book agrees to provide a free copy "
        "of the translation online.\n\n## Contributor List for Garden Beds\n\n"
        "Look under the repository's contributors to see all the folks who have contributed "
        "to the translation: Juan Carlos Perez Castellanos, Juan Dougnac, Alessandro "
        "Rossetti, Vittore Zen.\n",
    )
    assert "raised bed" in keys
    assert not {"contributions", "translation", "juan dougnac", "vittore zen"} & keys, keys


def test_the_bibliography_gives_no_concepts(tmp_path: Path) -> None:
    path = tmp_path / "beds.md"
    path.write_text(
        "# Raised Beds\n\nA **raised bed** is a garden bed built above the ground. A raised "
        "bed drains well, and a raised bed warms early in spring.\n\n## References\n\n"
        "- Thorn, A., & Bramble, B. (2019). *Wet climates*. Journal of Garden Studies.\n"
        "- Hedge, C., & Moss, M. (2020). *Compost heaps*. International Conference on "
        "Soil.\n",
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path).knowledge.concepts}
    assert "raised bed" in keys
    assert not keys & {"wet climates", "compost heaps", "international conference", "thorn"}


def test_a_humanities_reading_list_gives_no_concepts(tmp_path: Path) -> None:
    # a history or civics chapter ends on "Suggested Readings" in Chicago style: author,
    # title in italics, place, publisher and year; no "(2019)", no venue
    assert is_citation("Vale, Ada R. Town Councils at Work. 2nd ed. Boston: Hill Press, 2004.")
    assert is_citation(
        "Oak, Ben. “Councils and Their Clerks.” Journal of Town Studies 12, no. 3 (2006): 245–257."
    )
    assert not is_citation("Vale, the town clerk, kept the council's books from 1990 to 2004.")
    text = (
        "# Town Councils\n\nA **town council** is the elected body that governs a town. A "
        "town council meets monthly, and a town council sets local taxes.\n\n"
        "## Suggested Readings\n\n"
        "Vale, Ada R. *Town Councils at Work*. 2nd ed. Boston: Hill Press, 2004.\n\n"
        "Pine, Cy, and Dee Elm. *Budgets for Small Places*. Denver: Elm Books, 2019.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "town council" in keys
    assert not keys & {"town councils at work", "budgets for small places", "hill press"}
    # the entries alone, under no heading, are a reading list too
    listed = text.replace("## Suggested Readings\n\n", "")
    assert not keys_of(tmp_path, listed) & {"town councils at work", "budgets for small places"}


def test_a_papers_apparatus_headings_name_no_concept() -> None:
    for title in ("Abstract", "Acknowledgements", "Related Work", "摘要", "致谢", "相关工作"):
        assert heading_terms(title, 0, 2) == [], title
    # a survey's sections on its field's past and its literature, Chinese as English
    for title in ("History", "简史", "一、发展简史", "研究综述", "2.1 文献综述"):
        assert heading_terms(title, 0, 2) == [], title
    # and a course's optional parts around its topics
    for title in ("Optional Exercises", "Bonus Problems", "Extra Practice", "拓展阅读"):
        assert heading_terms(title, 0, 2) == [], title
    assert heading_terms("Clinical Practice", 0, 2) != []
    # a deck's slide on the next session, a lesson plan's case section
    for title in ("Next Class", "Next week", "下次课", "下节课预告", "案例分析"):
        assert heading_terms(title, 0, 2) == [], title
    # a session's plan, and a slide's short title with its characters spaced out
    from jobs.pipeline.lexicon import apparatus

    for title in ("Class Plan", "Lesson plan", "目 录", "小 结"):
        assert apparatus(title), title
    assert not apparatus("Treatment Plan")
    assert not apparatus("细 胞")
    # an exercise page's parts (hello-algo's "知识巩固" and "编程练习" titled weeks)
    for title in ("Concept Review", "Programming Exercises", "编程练习", "上机练习", "知识巩固"):
        assert heading_terms(title, 0, 2) == [], title
    assert heading_terms("Programming Languages", 0, 2) != []
    assert heading_terms("知识图谱", 0, 2) != []


def test_a_cross_references_words_are_no_topic() -> None:
    """ "in the “Storing Values” section of Chapter 3" gave the concept "section of Chapter"."""
    assert not acceptable("section of Chapter")
    assert not acceptable("part of chapter")
    for name in ("page table", "table of contents", "part of speech", "periodic table"):
        assert acceptable(name), name
    # nor is it a term where the running text says it twice
    from jobs.pipeline.terms import collect

    text = "See the “Storing Values” section of Chapter 3, and the section of Chapter 8."
    assert "section of chapter" not in collect([(0, text)])  # keys are in lower case


def test_a_pdfs_cjk_radical_glyphs_become_the_characters() -> None:
    # some PDF producers give the radical a glyph was mapped to, then the character
    assert _unradical("论⽂文阅读，常⻅见的问题，⼀一个花坛") == "论文阅读，常见的问题，一个花坛"
    assert _unradical("⽂") == "文"  # a lone radical is read as its character
    assert _unradical("花坛 garden") == "花坛 garden"


def test_in_text_citations_name_no_concepts() -> None:
    assert (
        without_citations("Raised beds (Thorn and Bramble, 2019; Fern et al., 2020) drain well.")
        == "Raised beds   drain well."
    )
    assert "Hedge" not in without_citations("Mulch helps [Hedge, 2018, Rake et al., 2021].")
    assert "Thorn" not in without_citations("As Thorn and Bramble (2019) showed, beds drain.")
    assert "Moss" not in without_citations("Moss et al. dug the first bed.")
    # a second author whose surname opens on a particle in small letters
    assert "Marsh" not in without_citations("Marsh and van der Weide (2004) dug a pond.")
    assert "Reed" not in without_citations("Sedge, Rush, and Reed (1999) drained it.")
    # a name dated by a year, an array and a figure reference stay
    for text in ("Python (1991) is old.", "the array [1, 2, 3]", "the mean (see Figure 3)"):
        assert without_citations(text) == text
    # nor are a figure's numbers, a formula's letters or a citation names
    assert not any(acceptable(t) for t in ("10 20 30", "−20 −10", "x n", "Fern et al"))
    # an emphasised generic heading word (a heading set in the body's italics) names nothing
    assert [c.term for c in emphasis_terms(("Summary", "raised bed"), 0)] == ["raised bed"]


def test_the_people_a_text_cites_are_told_from_things_it_dates() -> None:
    names = cited_names(
        [
            "These stages were proposed by Richard Thorn and Richard Bramble (1968).",
            "B. F. Hedge (1957) held that. Beds drain (Fern, 1965; Moss & Rake, 2011).",
            "Raised beds work (Hoe et al., 1999).",
            "Python (1991) is a language, and the Unix Shell (1979) is older.",
        ]
    )
    assert {"thorn", "bramble", "hedge", "fern", "moss", "rake", "hoe"} <= names
    assert "python" not in names
    # a long run of capitalised words (a table flattened into a line, a bad upload) is read
    # back from each year only as far as four authors reach
    flattened = "Alpha, " * 3000 + "Richard Thorn (1968). " + "A. " * 3000 + "(2001)"
    assert cited_names([flattened]) == {"thorn"}
    # a thing dated with a capitalised modifier may look like a person: the concept
    # filter asks that the word is never written in lower case in the body too
    assert "shell" in names


def test_author_date_citations_without_commas_or_before_a_writers_verb_name_people() -> None:
    names = cited_names(
        [
            "Beds drain well (Marrow 1995; Leek and Chard 2006).",
            "Sowell, Tiller, and Rake (2003) compared three soils.",
            "Loamer (2020) suggest that clay holds water. Dibble (1997) found the same.",
            "Python (1991) was released as a language, and Unix (1979) is older.",
        ]
    )
    assert {"marrow", "leek", "chard", "sowell", "tiller", "rake", "loamer", "dibble"} <= names
    assert not names & {"python", "unix"}


def test_a_chinese_text_citing_in_full_width_brackets_or_with_he_names_people() -> None:
    names = cited_names(
        [
            "自主是人的基本需要之一（Marrow & Leek, 2000; Leek & Chard, 2016）。",
            "后来 Sowell, Tiller, 和 Dibble (1978) 重复了这个实验。",
        ]
    )
    assert {"marrow", "leek", "chard", "sowell", "tiller", "dibble"} <= names


def test_authors_a_chinese_text_cites_are_no_concepts(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# 内在动机\n\n**内在动机**是指个体因活动本身有趣而参与活动的倾向"
        "（Marrow & Leek, 2000）。Marrow 的实验表明奖励会削弱内在动机。"
        "Marrow 又做了第二个实验。Leek 也重复了 Marrow 的实验。\n\n"
        "**外在动机**是指为了奖励而参与活动的倾向。内在动机和外在动机常被比较。\n",
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"内在动机", "外在动机"} <= keys
    assert not keys & {"marrow", "leek"}


def test_authors_set_in_bold_where_they_are_cited_are_no_concepts(tmp_path: Path) -> None:
    text = (
        "# Memory\n\n"
        "Memory has three stages, first proposed by Richard **Atkinson** and Richard "
        "**Shiffrin** (1968). The **Atkinson-Shiffrin model** describes the stages.\n\n"
        "Atkinson later studied learning. The Atkinson-Shiffrin model is still taught, and "
        "the **sensory register** holds input briefly. A sensory register is fast.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"atkinson-shiffrin model", "sensory register"} <= keys
    assert not keys & {"atkinson", "shiffrin"}


def test_a_classical_citations_short_title_is_no_concept() -> None:
    # a reader quoting Aquinas cites Aristotle by book: "(Metaph. IV, Did. III, 5)";
    # the title's full stop cut the sentence there and "Metaph" was a concept
    assert without_credits("as Plato tells (Rep. VII, 514) of the cave.").split() == [
        "as",
        "Plato",
        "tells",
        "of",
        "the",
        "cave.",
    ]
    assert "Polit" not in without_credits("a city by nature [Aristotle, Polit. I. 2] exists.")
    # a figure's number, a king's numeral and a volume cited in words stay
    for kept in ("the tree (Fig. 3) grows", "Henry (VIII) ruled", "see (Volume II) below"):
        assert without_credits(kept) == kept


def test_a_chinese_further_reading_section_is_a_reading_list() -> None:
    # "延伸阅读" (further reading) closed a lecture chapter with papers listed as links:
    # "[Widget: A Simple Way to …](…). Authors. 2018." gave Widget the paper's title for
    # its definition
    entry = ("list_item", "Shader: A Simple Way to Draw Light on Surfaces. Ann Lee.", 0)
    prose = ("paragraph", "光照模型描述了光与物体表面的相互作用。", 0)
    for heading in ("延伸阅读", "扩展阅读", "拓展阅读", "推荐阅读"):
        assert bibliography(_blocks(prose, ("heading", heading, 2), entry)) == {1, 2}
