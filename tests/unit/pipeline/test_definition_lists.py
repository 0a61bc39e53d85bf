"""Definition lists (HTML's <dl>, Markdown's "Term" over ": definition") read as glossary
entries, and what such entries and glosses name, on text written for the test."""

from __future__ import annotations

from pathlib import Path

import docx

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read
from jobs.pipeline.readers.blocks import dashed_glossary, headed_glossary
from jobs.pipeline.structure import colon_head, gloss_terms, zh_listed
from tests.unit.pipeline.written import concepts_of, written


def _blocks(tmp_path: Path, name: str, text: str) -> list[Block]:
    path = written(tmp_path, name, text)
    return read(path, detect(path)).blocks()


def _concepts(tmp_path: Path, name: str, text: str, language: str = "en") -> dict[str, str]:
    """Concept titles (lower case) and how they were found."""
    concepts = concepts_of(tmp_path, text, name, language)
    return {c.title.lower(): "+".join(c.sources) for c in concepts}


def test_an_html_definition_list_gives_one_glossary_entry_per_term(tmp_path: Path) -> None:
    # a Hugo page set each term in a <dt> over its <dd>: read as two paragraphs, the term
    # was a line of its own that no pattern took for defined
    page = (
        "<html><body><h1>Rivers</h1><p>Rivers shape the land they cross.</p><dl>"
        "<dt>Meander</dt><dd>A bend of a river that widens as water wears its outer bank.</dd>"
        "<dt>Oxbow lake</dt><dd><p>A lake left where a meander was cut off.</p>"
        "<ul><li>It fills with silt over time.</li></ul></dd>"
        "</dl></body></html>"
    )
    blocks = _blocks(tmp_path, "rivers.html", page)
    texts = [b.text for b in blocks]
    assert "Meander: A bend of a river that widens as water wears its outer bank." in texts
    assert "Oxbow lake: A lake left where a meander was cut off." in texts
    entry = next(b for b in blocks if b.text.startswith("Meander:"))
    assert entry.emphasis == ("Meander",)
    # what the <dd> holds after its first paragraph follows as it is
    item = next(b for b in blocks if b.text.startswith("It fills"))
    assert item.kind == "list_item"
    assert "Meander" not in texts and "Oxbow lake" not in texts


def test_terms_grouped_in_divs_are_entries_too(tmp_path: Path) -> None:
    page = (
        "<html><body><h1>Rivers</h1><dl><div><dt>Delta</dt>"
        "<dd>The land a river builds where it meets the sea.</dd></div>"
        "<div><dt>Estuary</dt><dd>The mouth of a river, where fresh water meets the tide."
        "</dd></div></dl></body></html>"
    )
    texts = [b.text for b in _blocks(tmp_path, "rivers.html", page)]
    assert texts[1:] == [
        "Delta: The land a river builds where it meets the sea.",
        "Estuary: The mouth of a river, where fresh water meets the tide.",
    ]


def test_a_definition_list_of_code_signatures_is_no_glossary(tmp_path: Path) -> None:
    # an API reference (Sphinx) documents each function in a <dl>: its signature is no term
    page = (
        "<html><body><h1>API</h1><dl class='py function'>"
        "<dt class='sig'><code class='descname'>resample</code>(rate)</dt>"
        "<dd><p>Return the series at another rate.</p></dd></dl></body></html>"
    )
    texts = [b.text for b in _blocks(tmp_path, "api.html", page)]
    assert not any(":" in t for t in texts)
    assert "Return the series at another rate." in texts


def test_a_long_dt_is_a_paragraph_not_a_term(tmp_path: Path) -> None:
    sentence = (
        "Why do rivers that run across a wide flat plain wind back and forth so much more "
        "than rivers in the mountains do?"
    )
    answer = "<dd>Because the slope is gentle.</dd>"
    page = f"<html><body><dl><dt>{sentence}</dt>{answer}</dl></body></html>"
    texts = [b.text for b in _blocks(tmp_path, "faq.html", page)]
    assert sentence in texts
    assert "Because the slope is gentle." in texts


def test_a_markdown_definition_list_gives_one_glossary_entry_per_term(tmp_path: Path) -> None:
    text = (
        "# Rivers\n\nRivers shape the land they cross.\n\n"
        "Meander\n: A bend of a river that widens as water wears its outer bank.\n\n"
        "Delta\n: The land a river builds where it meets the sea.\n"
    )
    blocks = _blocks(tmp_path, "rivers.md", text)
    entries = [b for b in blocks if b.text.startswith(("Meander", "Delta"))]
    assert [b.text for b in entries] == [
        "Meander: A bend of a river that widens as water wears its outer bank.",
        "Delta: The land a river builds where it meets the sea.",
    ]
    assert entries[0].emphasis == ("Meander",)


def test_an_entry_whose_gloss_names_its_term_again_is_defined_by_the_gloss_alone(
    tmp_path: Path,
) -> None:
    # a list whose definitions are whole sentences: the label before them is said twice
    text = (
        "# Rivers\n\nRivers shape the land they cross; a delta or a lake records how.\n\n"
        "Delta\n: the land a river builds where it meets the sea.\n\n"
        "Oxbow lake\n: An oxbow lake is a lake left where a bend of a river was cut off.\n"
    )
    concepts = {c.title.lower(): c.description for c in concepts_of(tmp_path, text, "rivers.md")}
    assert (
        concepts["oxbow lake"]
        == "An oxbow lake is a lake left where a bend of a river was cut off."
    )
    assert concepts["delta"] == "Delta: the land a river builds where it meets the sea."


def test_terms_of_a_definition_list_are_defined_concepts(tmp_path: Path) -> None:
    page = (
        "<html><head><title>心肌</title></head><body><h1>心肌细胞</h1>"
        "<p>心肌细胞的兴奋过程可以用电位的变化来描述。</p><dl>"
        "<dt>动作电位时程（APD）</dt><dd>从去极化开始到复极化完毕所经历的时间。</dd>"
        "<dt>有效不应期</dt><dd>细胞对任何刺激都不产生动作电位的一段时间。</dd></dl>"
        "<p>动作电位时程越长，有效不应期也越长。</p></body></html>"
    )
    concepts = _concepts(tmp_path, "heart.html", page, "zh-CN")
    assert "definition" in concepts["动作电位时程"]
    assert "definition" in concepts["有效不应期"]
    assert "程" not in concepts


def test_a_one_character_stop_word_inside_a_glossed_name_is_part_of_it() -> None:
    # 时 is a clause's "when" as a word of its own; before a lone character it is a piece
    # of the name (cut there, "动作电位时程（APD）" named 程)
    assert [c.term for c in gloss_terms("因而动作电位时程（APD）较长。", 0)] == ["动作电位时程"]
    assert [c.term for c in gloss_terms("学习时的步长（step size）很小。", 0)] == ["步长"]


def test_a_time_word_opening_a_glossed_name_is_part_of_it() -> None:
    # rjieba tags 未来 ("future") a time word, which ended the name: "未来值（Future
    # value）" named 值 alone, a concept no teacher would list
    assert [c.term for c in gloss_terms("它换来一笔未来值（future value）。", 0)] == ["未来值"]
    assert [c.term for c in gloss_terms("读取当前状态（current state）。", 0)] == ["当前状态"]
    # and opens it: the verb before it is the sentence's
    glossed = gloss_terms("牺牲当前消费（reduced current consumption）", 0)
    assert [c.term for c in glossed] == ["当前消费"]
    # once the English is said, the time word belongs to the sentence
    assert [c.term for c in gloss_terms("我们今天学习梯度（gradient）。", 0)] == ["梯度"]


def test_a_bound_prefix_the_gloss_spells_opens_the_name() -> None:
    def named(text: str) -> list[str]:
        return [c.term for c in gloss_terms(text, 0)]

    # 过 before a verb reads as the aspect particle: the name was cut after it
    assert named("网络很深时容易出现过拟合（overfitting）。") == ["过拟合"]
    assert named("这类方法属于半监督学习（semi-supervised learning）。") == ["半监督学习"]
    # the verb before the prefix is the sentence's
    assert named("接着求出逆矩阵（inverse matrix）。") == ["逆矩阵"]
    # a prefix's character the gloss does not spell stays outside the name
    assert named("温度超过阈值（threshold）时报警。") == ["阈值"]


def test_a_greek_letter_opening_a_glossed_name_is_part_of_it() -> None:
    # the run a gloss is read back from opens on a Han character: "α粒子" was read as 粒子
    assert [c.term for c in gloss_terms("实验用α粒子（alpha particle）轰击薄膜。", 0)] == ["α粒子"]
    assert [c.term for c in gloss_terms("原子核放出γ射线（gamma ray）。", 0)] == ["γ射线"]
    # a letter the sentence uses as a symbol, away from the name, stays out
    assert [c.term for c in gloss_terms("取α，再求置信区间（confidence interval）。", 0)] == [
        "置信区间"
    ]


def test_a_rare_verb_before_a_verbal_noun_opens_the_glossed_name() -> None:
    # 反向 ("reverse") is a verb to rjieba, 传播 a verbal noun: the two are the name
    glossed = gloss_terms("网络通过反向传播（backpropagation）更新权重。", 0)
    assert [c.term for c in glossed] == ["反向传播"]
    # a common verb before a verbal noun is the sentence's predicate
    assert [c.term for c in gloss_terms("接着进行预测（prediction）。", 0)] == ["预测"]


def test_a_verb_the_sentence_puts_before_a_glossed_name_is_no_part_of_it(
    tmp_path: Path,
) -> None:
    """A three-character name glossed in two English words is too short for the gloss
    reader to cut the verb before it ("采用哈希表（hash table）"). Where the text writes the
    name alone elsewhere, the verb is the sentence's; a name written with its verb each
    time ("计算复杂度", the words a gloss of its own) and a two-character head (对称 +
    矩阵) keep it."""
    text = (
        "# 查找\n\n我们采用哈希表（hash table）保存键值，再构建决策树（decision tree）。"
        "再讨论计算复杂度（computational complexity），对称矩阵（symmetric matrix）另述。\n\n"
        "哈希表按键定位记录。决策树按特征划分。计算复杂度越低，算法的复杂度越小。矩阵是数表。\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert {"哈希表", "决策树", "计算复杂度", "对称矩阵"} <= keys
    assert not {"采用哈希表", "构建决策树"} & keys


def test_two_names_joined_by_a_conjunction_are_both_marked() -> None:
    assert zh_listed("阈上刺激和阈下刺激") == ["阈上刺激", "阈下刺激"]
    assert zh_listed("正反馈与负反馈") == ["正反馈", "负反馈"]
    # a conjunction's character inside a word, or with nothing on one side
    assert zh_listed("饱和溶液") == ["饱和溶液"]
    assert zh_listed("求和约定") == ["求和约定"]
    # a statement about two things, and a phrase with letters in it, are no list
    assert zh_listed("动作电位的时程和不应期都较短") == ["动作电位的时程和不应期都较短"]
    assert zh_listed("细胞膜对 Na+ 和 K+ 的相对通透性") == ["细胞膜对 Na+ 和 K+ 的相对通透性"]


def test_a_glossary_entry_for_two_names_defines_neither_joined(tmp_path: Path) -> None:
    text = (
        "# 刺激\n\n**刺激**：细胞所处环境的变化。\n\n"
        "**阈强度**：能使细胞产生动作电位的最小刺激强度。\n\n"
        "**阈上刺激和阈下刺激**：强度大于或小于阈强度的刺激。\n\n"
        "在相对不应期给予**阈上刺激**可产生动作电位，给予阈下刺激则不能。\n"
    )
    concepts = _concepts(tmp_path, "stimulus.md", text, "zh-CN")
    assert "阈上刺激" in concepts and "阈下刺激" in concepts
    assert "阈上刺激和阈下刺激" not in concepts


def test_a_glossary_entry_that_gives_its_term_another_name_is_one_concept(
    tmp_path: Path,
) -> None:
    # "rip current: Also known as a rip tide, …", "undertow: Another word for rip current.":
    # the two names of one idea stood as two concepts each
    text = (
        "# Beaches\n\nWaves break on the shore and the water must flow back to sea.\n\n"
        "rip current\n: Also known as rip tide, this narrow seaward flow of water cuts "
        "through the breaking waves.\n\n"
        "undertow\n: Another word for rip current.\n\n"
        "longshore drift\n: The movement of sand along a beach by waves that meet it at an "
        "angle.\n\n"
        "A rip tide is dangerous to swimmers; the undertow carries them out. Longshore drift "
        "builds spits.\n"
    )
    concepts = _concepts(tmp_path, "beaches.md", text)
    assert "rip current" in concepts and "longshore drift" in concepts
    assert not {"rip tide", "undertow"} & set(concepts)


def test_a_glossary_entry_opening_on_its_short_form_is_one_concept(tmp_path: Path) -> None:
    # "trimmed range: or TRR, is …": the entry gives its term's short form, which the text
    # then uses; the two stood as twins, the short form without a definition
    text = (
        "# Spread\n\n## Key Terms\n\n**Trimmed Range**\n\n:   or TRR, is the range of the middle"
        " 80 percent of the values; the TRR is found by subtracting the tenth percentile from"
        " the ninetieth.\n\n**Range**\n\n:   the largest value minus the smallest\n\n## Review"
        "\n\nThe trimmed range, or TRR, is the range of the middle 80 percent of the values. "
        "The TRR is found by subtracting the tenth percentile from the ninetieth.\n"
    )
    concepts = _concepts(tmp_path, "spread.md", text)
    assert "trimmed range" in concepts and "trr" not in concepts


def test_a_handout_glossary_written_with_equals_signs_defines_its_names(tmp_path: Path) -> None:
    # a Word handout listed its terms as "Name = what it is"; no pattern read the equals
    # sign, so none of the listed names was a concept
    from jobs.pipeline.definitions import GLOSSARY, find_definitions

    def terms(sentence: str) -> list[tuple[str, float]]:
        return [(d.term, d.confidence) for d in find_definitions(sentence, 0, False)]

    assert terms("- Glacier = a mass of ice that moves slowly over land") == [("Glacier", GLOSSARY)]
    # two names joined by a slash are both entries; an adjective alone is no name
    named = [t for t, _ in terms("Moraine/Till = rock debris that a glacier leaves behind")]
    assert sorted(named) == ["Moraine", "Till"]
    # an equation is no entry
    assert terms("Density = mass / volume") == []
    assert terms("Speed = distance over time + 2") == []
    # nor is a sheet's formula over joined column names
    assert terms("TotalPrice = UnitPrice times Quantity sold") == []
    concepts = _concepts(
        tmp_path,
        "ice.md",
        "# Ice\n\nTerms:\n\n- Glacier = a mass of ice that moves slowly over land\n"
        "- Crevasse = a deep crack that opens in the surface of a glacier\n\n"
        "Glaciers carve valleys. A crevasse can be hidden under snow.\n",
    )
    assert {"glacier", "crevasse"} <= set(concepts)


def test_a_label_before_inline_code_alone_defines_nothing() -> None:
    # a stressed label and a colon, then only code: the line prints a value, says nothing
    # of what the label means
    found = list(find_definitions("合计金额为：`{total:.2f}')`", 0, True, ("合计金额为",)))
    assert found == []
    # with words after the code it is an entry still
    entry = "**缓存**：`cache`，存放常用数据的高速存储。"
    found = list(find_definitions(entry, 0, True, ("缓存",)))
    assert [d.term for d in found] == ["缓存"]


def test_a_bold_term_run_in_before_its_gloss_without_a_colon_is_an_entry(tmp_path: Path) -> None:
    # a notebook's glossary paragraphs set the term in bold and go straight on to the gloss,
    # a noun phrase with its article capitalised; no colon, so nothing read them as entries
    notes = (
        "# Soils\n\nFarmers test the soil before they sow.\n\n"
        "**Field capacity (FC)** The amount of water a soil holds after free drainage.\n\n"
        "**Wilting point** — The moisture level below which plants cannot draw water.\n\n"
        "**Reminder** The samples dry in the oven overnight.\n\n"
        "Field capacity and the wilting point bound the water plants can use.\n"
    )
    concepts = {c.title.lower(): c for c in concepts_of(tmp_path, notes)}
    assert "definition" in concepts["field capacity"].sources
    assert (concepts["field capacity"].description or "").startswith("Field capacity (FC) The")
    assert "definition" in concepts["wilting point"].sources
    # a label before a clause ("The samples dry …") glosses nothing
    assert "definition" not in getattr(concepts.get("reminder"), "sources", ())


def _heading(text: str, level: int, page: int = 3) -> Block:
    return Block("heading", text, page, level)


def _paragraph(text: str, page: int = 3) -> Block:
    return Block("paragraph", text, page)


def test_a_pdf_glossary_of_bold_term_lines_over_their_glosses_gives_entries() -> None:
    # an open textbook's PDF closes a chapter with Key Terms, each term on a bold line the
    # reader takes for a small heading and its gloss below as a paragraph: without this,
    # the body's weaker sentences defined the terms
    blocks = [
        _heading("Weathering", 1, 1),
        _paragraph("Rock breaks down where it meets the air and water.", 1),
        _heading("Key Terms", 2),
        _heading("frost wedging", 5),
        _paragraph("the splitting of rock by water that freezes in its cracks"),
        _heading("oxidation", 5),
        _paragraph("a reaction with oxygen that rusts the iron in a rock,", 3),
        _paragraph("leaving it weaker", 4),
        _heading("talus", 5, 4),
        _paragraph("the heap of broken rock at the foot of a cliff", 4),
        _heading("Review", 2, 4),
        _paragraph("Name two kinds of weathering.", 4),
    ]
    entries = headed_glossary(blocks)
    assert [b.text for b in entries] == [
        "Weathering",
        "Rock breaks down where it meets the air and water.",
        "Key Terms",
        "frost wedging: the splitting of rock by water that freezes in its cracks",
        "oxidation: a reaction with oxygen that rusts the iron in a rock, leaving it weaker",
        "talus: the heap of broken rock at the foot of a cliff",
        "Review",
        "Name two kinds of weathering.",
    ]
    entry = entries[5]
    assert (entry.kind, entry.page, entry.emphasis) == ("paragraph", 4, ("talus",))
    found = list(find_definitions(entries[3].text, 3, False, entries[3].emphasis))
    assert [d.term for d in found] == ["frost wedging"]


_WEATHERING_TERMS = (
    ("frost wedging", "The splitting of rock by water that freezes in its cracks."),
    ("salt crystal growth", "The prying apart of grains by salt left as water dries."),
    ("talus", "The heap of broken rock at the foot of a cliff."),
)


def _word_glossary(tmp_path: Path, linked: str = "") -> list[str]:
    """The texts of a Word handout's Glossary of bold term lines over their glosses, the
    `linked` term set inside a hyperlink."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Weathering", 1)
    document.add_paragraph("Rock breaks down where it meets the air and water.")
    document.add_heading("Glossary", 2)
    for term, gloss in _WEATHERING_TERMS:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(term)
        run.bold = True
        if term == linked:
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), term.replace(" ", "-"))
            paragraph._p.append(link)
            link.append(run._r)
        document.add_paragraph(gloss)
    path = tmp_path / "weathering.docx"
    document.save(str(path))
    return [b.text for b in read(path, detect(path)).blocks()]


def test_a_word_glossary_of_bold_term_lines_over_their_glosses_gives_entries(
    tmp_path: Path,
) -> None:
    # a Word handout (typed by hand, or Markdown's definition list converted by pandoc)
    # sets each term on a bold line of its own over its gloss, under a Glossary heading:
    # each term was read as a small heading, a section no rule took for defined, and the
    # concept was cut from a longer term ("stack" of "call stack") with no definition
    texts = _word_glossary(tmp_path)
    assert "frost wedging: The splitting of rock by water that freezes in its cracks." in texts
    assert "talus: The heap of broken rock at the foot of a cliff." in texts
    assert "salt crystal growth" not in texts


def test_a_word_glossary_term_set_as_a_link_is_still_a_bold_term_line(tmp_path: Path) -> None:
    # a term line that links to its page (a handout pasted from a course site): python-docx
    # lists only a paragraph's direct runs, so the linked bold term was no bold line and ran
    # into the gloss before it, and the glossary's reading stopped there
    texts = _word_glossary(tmp_path, linked="salt crystal growth")
    assert "salt crystal growth: The prying apart of grains by salt left as water dries." in texts
    assert "talus: The heap of broken rock at the foot of a cliff." in texts


def test_a_links_underline_in_word_is_no_stress(tmp_path: Path) -> None:
    # a page pasted into Word underlines every link: the look of a link, not a term stressed
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph("Erosion moves what ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), "weathering")
    paragraph._p.append(link)
    run = document.add_paragraph().add_run("weathering")
    run.underline = True
    link.append(run._r)
    paragraph.add_run(" has loosened, and *deposition* lays it down.")
    path = tmp_path / "erosion.docx"
    document.save(str(path))
    blocks = read(path, detect(path)).blocks()
    assert blocks[0].text.startswith("Erosion moves what weathering has loosened")
    assert "weathering" not in blocks[0].emphasis


def test_a_title_naming_its_chapters_key_terms_heads_a_glossary() -> None:
    # a handout of one chapter's terms says so in its title, beside the chapter's number
    # or its topic; read as no glossary's title, every term stayed a heading of its own
    for title in (
        "Unit 4 Glossary: Rivers and Coasts",
        "Coastal Landforms - Key Terms",
        "Chapter 2: Vocabulary",
    ):
        pairs = [
            _heading(title, 1),
            _heading("spit", 3),
            _paragraph("a ridge of sand that longshore drift builds out from a coast"),
            _heading("tombolo", 3),
            _paragraph("a bar of sand that joins an island to the mainland"),
            _heading("groyne", 3),
            _paragraph("a low wall built out to sea that traps drifting sand"),
        ]
        assert [b.text for b in headed_glossary(pairs)][1:] == [
            "spit: a ridge of sand that longshore drift builds out from a coast",
            "tombolo: a bar of sand that joins an island to the mainland",
            "groyne: a low wall built out to sea that traps drifting sand",
        ], title
    # a title that only mentions terms among other words names no glossary
    prose = [
        _heading("Terms of Trade in Coastal Towns", 1),
        *[
            b
            for name in ("Ports", "Fisheries", "Tourism")
            for b in (_heading(name, 3), _paragraph(f"how {name.lower()} earn a living"))
        ],
    ]
    assert headed_glossary(prose) == prose


def test_small_headings_outside_a_glossary_or_too_few_stay_headings() -> None:
    # the same layout under another heading is a run of short sections; two pairs under
    # Key Terms are too few to tell a glossary from sub-sections
    sections = [
        _heading("Field work", 2),
        *[
            b
            for name in ("Maps", "Samples", "Notes")
            for b in (_heading(name, 5), _paragraph(f"what to bring for {name.lower()}"))
        ],
    ]
    assert headed_glossary(sections) == sections
    few = [
        _heading("Key Terms", 2),
        _heading("talus", 5),
        _paragraph("the heap of broken rock at the foot of a cliff"),
        _heading("scree", 5),
        _paragraph("loose stones on a slope"),
    ]
    assert headed_glossary(few) == few


def test_a_glossed_name_after_is_named_is_the_name_alone() -> None:
    # "X名叫Y（gloss）": the gloss translates Y, not X and the verb; a short name with a
    # gloss of two words took in the words before it ("手机电池名叫长寿")
    glossed = gloss_terms("这款手机电池名叫长寿（Long Life），续航很久。", 0)
    assert [c.term for c in glossed] == ["长寿"]
    named = gloss_terms("这种合金后来被命名为因瓦合金（Invar），热膨胀极小。", 0)
    assert [c.term for c in named] == ["因瓦合金"]


def test_a_bold_term_and_a_spaced_dash_gloss_it_as_a_colon_would() -> None:
    def glossed(sentence: str, term: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, (term,))]

    # notes typed with a dash between the term and its gloss, in any of its widths
    assert glossed("Abrasion -- rock worn down by grains carried in the wind", "Abrasion")
    assert glossed("Abrasion – rock worn down by grains carried in the wind", "Abrasion")
    assert glossed("Abrasion — rock worn down by grains carried in the wind", "Abrasion")
    # a hyphen inside a word, or a dash with no space after it, glosses nothing
    assert not glossed("Abrasion-resistant rock lasts longer in deserts", "Abrasion")
    assert not glossed("Abrasion --rock worn down by the wind", "Abrasion")


def glossed(sentence: str, term: str) -> list[str]:
    """The terms an English sentence defines, `term` emphasised in it."""
    return [d.term for d in find_definitions(sentence, 0, False, (term,))]


def test_an_entry_that_only_lists_members_gives_no_meaning() -> None:
    # a deck's bullet answered "What is a disaccharide?" with the sugars it counts
    from jobs.pipeline.definitions import _zh_list_entry, members_only

    assert not glossed("**Disaccharides**: sucrose, lactose and maltose.", "Disaccharides")
    assert not glossed("**Noble gases**: helium, neon, argon, krypton", "Noble gases")
    assert not glossed("**Scurvy**: bleeding gums, fatigue, and a slow healing wound.", "Scurvy")
    assert not glossed("**二糖**：蔗糖、乳糖和麦芽糖等。", "二糖")
    assert _zh_list_entry("- 二糖：蔗糖、乳糖、麦芽糖", 0, item=True, listed=True) is None
    # a gloss with a genus, or two names that are the term's parts or a relation, means
    assert glossed("**Disaccharides**: sugars of two units, such as lactose.", "Disaccharides")
    assert glossed("**Velocity**: speed and direction.", "Velocity")
    assert _zh_list_entry("- 密度：质量与体积之比", 0, item=True, listed=True) is not None
    assert _zh_list_entry("- 二糖：由两个单糖分子缩合而成的糖，如蔗糖、乳糖", 0, True, True)
    assert not members_only("二糖", "两个单糖分子缩合而成的糖、乳糖的统称")
    # a name that counts its parts or names a set of them means the parts it lists
    assert _zh_list_entry("- 四诊：望诊、闻诊、问诊、切诊", 0, item=True, listed=True)
    assert glossed("**Three Rs**: reduce, reuse and recycle.", "Three Rs")
    assert glossed("**营养的原则**：平衡、适量、多样。", "营养的原则")
    assert glossed("**Risk factors**: smoking, obesity and inactivity.", "Risk factors")


def test_a_glossary_entry_naming_a_noun_and_its_prepositional_phrase_is_defined() -> None:
    """A glossary's bold term before its colon may be a noun with a prepositional
    complement and an abbreviation in brackets; the colon says it is a name, so the entry
    defines it. A clause set in bold before a colon stays none."""
    entry = "Speed of sound (c): How fast a pressure wave travels through a medium."
    found = list(find_definitions(entry, 0, False, ("Speed of sound (c)",)))
    assert [d.term for d in found] == ["Speed of sound"]
    entry = "Range at sea level (RSL): The distance a signal carries over open water."
    found = list(find_definitions(entry, 0, False, ("Range at sea level (RSL)",)))
    assert [d.term for d in found] == ["Range at sea level"]
    clause = "Turn off the lights: Everyone leaves the room at five."
    assert not list(find_definitions(clause, 0, False, ("Turn off the lights",)))


def test_a_chinese_entry_repeating_its_name_then_a_comma_and_its_meaning_is_defined() -> None:
    """A card or an entry may say its name again before what it means, set off by a comma
    ("X，通常是指…", "X，也称为Y，是…", "X，在…中，是指…"): the entry defines X. An
    entry that repeats its name and goes on to remark on it defines nothing, and a setting
    before 的 and the comma ("在…的背景下，是指") names nothing."""

    def defined(entry: str) -> list[str]:
        name = entry.split("：")[0]
        return [d.term for d in find_definitions(entry, 0, True, (name,))]

    assert defined("弹性扩容：弹性扩容，通常是指系统按负载自动增加机器的能力。") == ["弹性扩容"]
    assert "灰度发布" in defined("灰度发布：灰度发布，也称为金丝雀发布，是一种逐步放量的做法。")
    assert defined("容器编排：容器编排，在集群管理中，是指自动安排容器运行位置的过程。") == [
        "容器编排"
    ]
    assert defined("气温：气温高，降水少，植物生长缓慢。") == []
    said = "在分布式系统的语境下，是指多个副本保存同样的数据。"
    assert "语境下" not in [d.term for d in find_definitions(said, 0, True)]


def test_a_chinese_entry_whose_label_glosses_in_half_width_brackets_is_defined() -> None:
    # a card's front "名称 (ABBR)" typed on an English keyboard: the sentence's brackets are
    # read full-width, and the label with them, so the entry still opens on its label
    entry = "服务等级协议 (SLA): 服务商对一项服务的可用性作出的书面承诺。"
    found = list(find_definitions(entry, 0, True, ("服务等级协议 (SLA)",)))
    assert [d.term for d in found] == ["服务等级协议"]


def test_a_teachers_verb_before_a_chinese_name_is_no_part_of_it() -> None:
    # a lesson design's teacher's column: "引出X：…", "讲解X：…" give X; a word that
    # only opens with such characters ("介绍性原则", "复习课") keeps them
    def named(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True)]

    assert named("引出齐次坐标：在普通坐标后面添加一个分量得到的坐标。") == ["齐次坐标"]
    assert named("介绍性原则是一种教学的原则。") == ["介绍性原则"]
    assert named("复习课是一种巩固知识的课。") == ["复习课"]


def test_a_course_label_before_its_colon_is_no_glossary_entry(tmp_path: Path) -> None:
    # a lecture's closing lines point to the course's next step: the label names no concept
    for label in ("Next lecture:", "Reading:", "Homework:"):
        sentence = f"{label} heaps and priority queues"
        assert not list(find_definitions(sentence, 0, False, (label,)))
    # a term's entry is still one
    entry = "Priority queue: a queue that serves the item of highest priority first."
    assert [d.term for d in find_definitions(entry, 0, False, ("Priority queue:",))] == [
        "Priority queue"
    ]
    notes = (
        "# Heaps\n\nA **heap** is a tree in which every parent orders before its children.\n\n"
        "A heap keeps its smallest key at the root.\n\n"
        "**Next lecture:** priority queues and heapsort\n"
    )
    assert "next lecture" not in _concepts(tmp_path, "heaps.md", notes)


def test_a_label_before_examples_of_it_is_not_defined_by_them() -> None:
    """ "**Trees**: For example, binary search trees, AVL trees, …" answered "What does
    trees mean?"; as 例如 after a Chinese label already did not."""
    for text in (
        "**Trees**: For example, binary search trees, AVL trees and B-trees.",
        "**Matrix multiplication**: e.g. the Strassen algorithm splits it into smaller ones.",
    ):
        found = find_definitions(text, 0, chinese=False, emphasis=(text[2 : text.index("**", 2)],))
        assert list(found) == [], text
    text = "**Heap**: a complete binary tree in which every parent orders its children."
    found = find_definitions(text, 0, chinese=False, emphasis=("Heap",))
    assert [d.term for d in found] == ["Heap"]


def test_an_abbreviation_spelled_out_is_no_definition() -> None:
    # a list of abbreviations says what the letters stand for, not what the name means
    assert not glossed("**GDP**: gross domestic product", "GDP")
    assert not glossed("**BLS**: Bureau of Labor Statistics.", "BLS")
    assert not glossed("**ECG**: electrocardiogram", "ECG")
    # an abbreviation glossed with what it is, and a word's gloss, still define
    assert glossed("**GDP**: the value of all goods and services a country produces.", "GDP")
    assert glossed("**ECG**: a recording of the heart's electrical activity.", "ECG")
    assert glossed("**Delta**: land a river builds at its mouth.", "Delta")


def test_an_entry_pointing_to_where_the_term_was_explained_is_no_definition() -> None:
    # "归并排序：本节开头已介绍，不再赘述。" answered "什么是归并排序？" with the pointer
    assert not glossed("**Merge sort**: covered in the previous section.", "Merge sort")
    assert not glossed("**Heap**: see above.", "Heap")
    assert (
        list(find_definitions("**归并排序**：本节开头已介绍，不再赘述。", 0, True, ("归并排序",)))
        == []
    )
    numbered = "1. 归并排序：前文已经介绍过，此处从略。"
    assert list(find_definitions(numbered, 0, True, (), False, None, True, True)) == []
    # an entry that says what the term is still defines it
    assert glossed("**Heap**: a tree kept in order, introduced here.", "Heap")
    entry = "1. 归并排序：一种先分后合的排序算法。"
    assert [d.term for d in find_definitions(entry, 0, True, (), False, None, True, True)] == [
        "归并排序"
    ]


def test_an_entry_whose_gloss_is_a_bracketed_aside_alone_is_no_definition() -> None:
    # a board's notes leave "（推导见课本）" where a derivation or a figure was: the term's
    # bullet says nothing of what it means, and "什么是…？" was answered by the aside
    bullet = "- 折射定律：（推导见课本，）"
    assert list(find_definitions(bullet, 0, True, (), False, None, True, True)) == []
    numbered = "2. 惠更斯原理：（略）"
    assert list(find_definitions(numbered, 0, True, (), False, None, True, True)) == []
    assert not glossed("**Wave equation**: (derived in the exercises)", "Wave equation")
    # a gloss in brackets before what the term is still defines it
    entry = "2. 折射定律（Snell 定律）：（几何光学）光从一种介质进入另一种介质时方向改变的规律。"
    assert [d.term for d in find_definitions(entry, 0, True, (), False, None, True, True)] == [
        "折射定律"
    ]


def test_a_chinese_entry_listing_names_in_latin_letters_gives_no_meaning() -> None:
    # a summary slide lists methods by name, some in Latin letters: what belongs to the
    # term, not what it means; a gloss with a genus still means
    from jobs.pipeline.definitions import _zh_list_entry

    assert _zh_list_entry("- 排序：冒泡、插入与Shell", 0, item=True, listed=True) is None
    assert _zh_list_entry("- 分词：正向匹配、逆向匹配与HMM", 0, item=True, listed=True) is None
    assert glossed("**边缘检测**：用Canny等算子找出图像中灰度突变位置的方法。", "边缘检测")


def test_a_note_to_the_presenter_before_its_colon_is_no_term(tmp_path: Path) -> None:
    # a deck's speaker notes and a lesson plan tell the teacher what to do with the class:
    # "Ask students: …", "Remind the class: …", "Have pupils: …" name no concept
    for note in (
        "Ask students: why does a ball thrown upward come back down at the same speed?",
        "Remind the class: every force has an equal and opposite partner force.",
        "Have pupils: list three forces acting on a book resting on a table.",
    ):
        assert colon_head(note, 0) == []
    # a term's entry that opens on the same verb still is one
    entry = "Ask price: the lowest price at which a seller will accept to sell a security."
    assert [c.term for c in colon_head(entry, 0)] == ["Ask price"]
    notes = (
        "Inertia: the tendency of a body to keep its state of motion.\n\n"
        "Ask students: what keeps a hockey puck sliding across the ice for so long?\n"
    )
    assert "ask students" not in _concepts(tmp_path, "forces.txt", notes)


def test_a_web_address_opening_a_paragraph_is_no_term_and_colon() -> None:
    # a case study's paragraph may open on the link to read; the scheme before "://" is
    # no term, its address no definition ("https" was a worksheet's concept)
    link = "https://www.example.org/reports/2020/ai-and-jobs/. Many firms automate routine tasks."
    assert colon_head(link, 0) == []
    assert colon_head("ftp://files.example.net/notes/. The notes cover three weeks.", 0) == []
    # a plain entry still opens on its term
    entry = "Automation: the use of machines to do work that people did before."
    assert [c.term for c in colon_head(entry, 0)] == ["Automation"]


def test_a_vocabulary_list_typed_term_dash_gloss_is_a_glossary(tmp_path: Path) -> None:
    """Teachers type a vocabulary list "term – gloss" a line in Word or on a slide; read as
    prose none of its terms was defined, and unstressed none was a concept. One dash in
    prose, or a line whose gloss is a word or two, is no entry."""
    document = docx.Document()
    document.add_heading("Unit 4 Vocabulary: Rocks", 1)
    for term, gloss in [
        ("Igneous rock", "rock formed when magma or lava cools and hardens."),
        ("Sedimentary rock", "rock formed from layers of sediment pressed together."),
        ("Metamorphic rock", "rock changed by heat and pressure deep underground."),
    ]:
        document.add_paragraph(f"{term} - {gloss}")
    document.add_paragraph("Weathering – slow and steady – breaks every rock down in time.")
    path = tmp_path / "rocks.docx"
    document.save(path)
    concepts = {c.title: c for c in analyse_file(path, language="en").knowledge.concepts}
    assert concepts["igneous rock"].description == (
        "Igneous rock: rock formed when magma or lava cools and hardens."
    ), concepts.keys()
    assert concepts["metamorphic rock"].description.startswith("Metamorphic rock: rock changed")
    assert "weathering" not in {k.casefold() for k in concepts}
    # Chinese, with the double dash
    blocks = [
        Block("list_item", text, 1)
        for text in (
            "对流层——大气的最低层，天气现象都发生在这一层",
            "平流层——对流层之上的一层，含有臭氧层",
            "中间层——平流层之上，气温随高度升高而降低",
        )
    ]
    assert [b.text for b in dashed_glossary(blocks)] == [
        "对流层: 大气的最低层，天气现象都发生在这一层",
        "平流层: 对流层之上的一层，含有臭氧层",
        "中间层: 平流层之上，气温随高度升高而降低",
    ]
    assert dashed_glossary(blocks[:2]) == blocks[:2]  # two lines are no list yet
    # a syllabus's particulars typed the same way are no glossary
    particulars = [
        Block("paragraph", text, 1)
        for text in (
            "Instructor – Dr. Jane Doe, Room 212, Science Building",
            "Office hours – Mondays and Wednesdays from two to four",
            "Grading – tests forty percent, labs thirty percent",
        )
    ]
    assert dashed_glossary(particulars) == particulars


def test_a_bullet_labelled_definition_defines_the_heading_above_it(tmp_path: Path) -> None:
    """A slide titled by its term, or asking it, states the definition in a bullet
    labelled "Definition:" / "定义："; neither the heading nor the bullet named a term with
    its gloss, so the term had no definition."""
    text = (
        "# Rocks\n\n## What is a fossil?\n\n"
        "- Definition: the preserved remains or traces of an organism that lived long ago\n"
        "- Found mostly in sedimentary rock\n\n## Strata\n\n"
        "- Definition: layers of rock laid down one above another\n\n"
        "A fossil lies in the strata. Strata record the past, and each fossil dates them.\n"
    )
    concepts = {c.title: c for c in concepts_of(tmp_path, text)}
    assert concepts["fossil"].description == (
        "Fossil: the preserved remains or traces of an organism that lived long ago"
    )
    assert concepts["strata"].description.startswith("Strata: layers of rock")
    zh = (
        "# 地层\n\n## 什么是化石？\n\n- 定义：保存在岩层中的古代生物的遗体或遗迹\n\n"
        "化石埋在岩层里。化石记录了过去。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, zh, "讲义.md", "zh-CN")}
    assert described["化石"] == "化石：保存在岩层中的古代生物的遗体或遗迹"


def test_a_label_filing_a_command_or_a_tip_defines_nothing() -> None:
    """A list of tools or tips under bold labels: "**Disk space**: `du` reports …" says
    what the command does, "**Shortcuts**: Learn your editor's keys …" tells the reader
    what to do; neither says what the label is."""
    tool = "**Disk space**: `du` is a command that reports the space each folder takes."
    assert list(find_definitions(tool, 0, False, ("Disk space",))) == []
    tip = "**Shortcuts**: Take a week to learn your editor's keys before you add plugins."
    assert list(find_definitions(tip, 0, False, ("Shortcuts",))) == []
    # the command's own name, or an entry whose gloss opens on words, still defines
    own = "**grep**: `grep` is a command that prints the lines matching a pattern."
    assert [d.term for d in find_definitions(own, 0, False, ("grep",))] == ["grep"]
    entry = "**Disk quota**: a limit on the space one user may take on a shared disk."
    assert [d.term for d in find_definitions(entry, 0, False, ("Disk quota",))] == ["Disk quota"]


def test_a_label_naming_a_task_defines_nothing() -> None:
    """A list of what a tool helps with, each task in bold: "**Summarising long log
    files**: Logs of a busy server run to …" says why the task matters, not what it is.
    An -ing word that is a noun too opens a name ("**Learning rate schedule**: …")."""
    task = "**Summarising long log files**: Logs of a busy server run to millions of lines."
    assert list(find_definitions(task, 0, False, ("Summarising long log files",))) == []
    name = "**Learning rate schedule**: a rule that lowers the step size as training goes on."
    found = find_definitions(name, 0, False, ("Learning rate schedule",))
    assert [d.term for d in found] == ["Learning rate schedule"]


def test_a_listed_name_glossed_by_the_equation_of_its_symbol_is_defined() -> None:
    """A maths handout lists its statistics as "name：$symbol = expression$", in no words:
    the equation defines the name. A condition or a computed number defines nothing."""

    def defined(item: str) -> list[str]:
        return [d.term for d in find_definitions(item, 0, True, item=True)]

    assert defined("变异系数：$CV=\\frac{s}{\\bar{x}}$") == ["变异系数"]
    assert defined("极差：$R=x_{(n)}-x_{(1)}$") == ["极差"]
    assert defined("稳定条件：$|\\lambda|<1$") == []
    assert defined("计算结果：$x=12$") == []


def test_an_entry_whose_gloss_names_another_thing_defines_its_label_too() -> None:
    """ "X：…，…称为Y。": the gloss says what X is and names a second thing on the way; the
    "称为" defines Y, and the entry still defines its label."""
    entry = "蒸馏：利用各组分沸点不同将液体混合物分离的操作，蒸出的组分称为馏出液。"
    found = {d.term for d in find_definitions(entry, 0, True, ("蒸馏",))}
    assert found == {"蒸馏", "馏出液"}


def test_a_bilingual_word_list_is_a_glossary_of_its_words(tmp_path: Path) -> None:
    """An English teacher's 词汇表 for Chinese pupils: "glacier /ˈɡlæsiə(r)/ n. 冰川", a
    phrase and its meaning ("run out of 用完；耗尽"). Each line is an entry, its sense
    groups closed by their word class; the list's headings (重点单词) are its parts, and
    Chinese prose opening on a Latin name ("DNA 是遗传物质。") is no entry."""
    text = (
        "# Unit 5 The Natural World 词汇表\n\n## 重点单词\n\n"
        "1. glacier /ˈɡlæsiə(r)/ n. 冰川\n2. volcano /vɒlˈkeɪnəʊ/ n. 火山\n"
        "3. canyon /ˈkænjən/ n. 峡谷；溪谷\n4. erupt /ɪˈrʌpt/ vi. 爆发；喷发\n\n"
        "## 重点短语\n\n1. run out of 用完；耗尽\n2. in harmony with 与……和谐相处\n"
        "3. be made up of 由……组成\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "词汇表.md", "zh-CN")}
    assert described["glacier"] == "glacier: 冰川（n.）"
    assert described["canyon"] == "canyon: 峡谷，溪谷（n.）"
    assert "重点单词" not in described and "重点短语" not in described
    prose = [Block("list_item", f"{n} 是遗传物质。", 1) for n in ("DNA", "RNA", "mRNA")]
    assert [b.text for b in dashed_glossary(prose)] == [b.text for b in prose]
    # a maths list's symbol and name ("n 阶矩阵") is no word and its gloss
    symbols = [Block("list_item", t, 1) for t in ("n 阶矩阵", "k 近邻", "x 轴上的点")]
    assert [b.text for b in dashed_glossary(symbols)] == [b.text for b in symbols]


def test_an_aside_to_the_reader_after_a_bold_item_defines_nothing() -> None:
    """ "**Course Reader** (I will hand this out, but you must bring it to see what is set)":
    the verb is the aside's, a note on the item, no definition (a syllabus's list of
    resources gave one as its definition and question). Outside the aside the verb still
    defines: "A **field notebook** (you will get one) is a bound book of observations"."""
    note = (
        "Course Reader (I will hand this out, but you must bring it to each class to see "
        "what is set for the day!)"
    )
    assert list(find_definitions(note, 0, False, emphasis=("Course Reader",))) == []
    defined = "A field notebook (you will get one) is a bound book of dated observations."
    found = list(find_definitions(defined, 0, False, emphasis=("field notebook",)))
    assert [d.term for d in found] == ["field notebook"], found


def test_an_entry_announcing_what_the_text_will_do_is_no_definition() -> None:
    # a chapter's opening bullets said what it would cover: "- 光照模型（Lighting
    # model）：我们将主要讨论…" answered "什么是光照模型？" with the plan, not the meaning
    from jobs.pipeline.definitions import _zh_list_entry

    plan = "- 光照模型（Lighting model）：我们将主要讨论漫反射和镜面反射两种情形。"
    assert _zh_list_entry(plan, 0, item=True) is None
    assert _zh_list_entry("- 阴影映射：本节将介绍如何用深度图判断遮挡。", 0, item=True) is None
    assert not glossed(
        "**Shadow mapping**: we will discuss how depth maps decide it.", "Shadow mapping"
    )
    # an entry that says what the term is still defines it, even one naming "we"
    entry = "- 阴影映射：一种用深度图判断遮挡的技术，我们将在下一节实现它。"
    assert _zh_list_entry(entry, 0, item=True) is not None
    assert glossed("**Heap**: a tree kept in order, as we will see.", "Heap")


def test_a_name_then_a_comma_and_jiushi_defines_it() -> None:
    # "数据并行，就是将数据切分…" (X, that is…): a lecture's definition without 所谓 opening
    # it, and the chapter's key term had none
    from jobs.pipeline.definitions import find_definitions

    defined = {"哈希表": "用键直接算出存放位置的一种查找结构", "分块矩阵": "把矩阵分成若干小块"}
    for name, meaning in defined.items():
        found = find_definitions(f"{name}，就是{meaning}。", 0, True)
        assert [d.term for d in found] == [name]
    # a phrase that restates or sums up before 就是 names nothing, nor does 就是说
    for opening in ("简单来说，就是", "换句话说，就是", "比如，就是", "哈希表，就是说"):
        assert list(find_definitions(opening + "把数据分到多个设备上。", 0, True)) == []


def test_words_definition_term_styles_give_entries_without_a_glossary_heading(
    tmp_path: Path,
) -> None:
    # pandoc sets a Markdown definition list in Word as "Definition Term" paragraphs over
    # "Definition" ones; at the top of a page, under its title and no Glossary heading,
    # each bold term line was read as a section of its own and its gloss as body text
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.add_heading("Weathering", 0)
    term_style = document.styles.add_style("Definition Term", WD_STYLE_TYPE.PARAGRAPH)
    term_style.font.bold = True
    document.styles.add_style("Definition", WD_STYLE_TYPE.PARAGRAPH)
    for term, gloss in _WEATHERING_TERMS:
        document.add_paragraph(term, style="Definition Term")
        document.add_paragraph(gloss, style="Definition")
    document.add_heading("Where it happens", 2)
    document.add_paragraph("Frost wedging is common where water freezes and thaws.")
    path = tmp_path / "weathering.docx"
    document.save(str(path))
    blocks = read(path, detect(path)).blocks()
    texts = [b.text for b in blocks]
    assert "talus: The heap of broken rock at the foot of a cliff." in texts
    entry = next(b for b in blocks if b.text.startswith("frost wedging:"))
    assert (entry.kind, entry.emphasis) == ("paragraph", ("frost wedging",))
    assert "salt crystal growth" not in texts


def test_a_numbered_definition_label_leaves_its_sentence_defining_its_subject() -> None:
    """Notes quoting two books set each book's definition under a numbered label ("定义
    一：", "定义 2："): the label is no term, and the sentence after it defines its own
    subject as it would alone."""
    for label in ("定义2：", "定义 3：", "定义二："):
        sentence = f"{label}哈夫曼树是一种带权路径长度最短的二叉树。"
        found = list(find_definitions(sentence, 0, True))
        assert [d.term for d in found] == ["哈夫曼树"], label
        assert found[0].sentence.startswith("哈夫曼树")


def test_an_answer_keys_lettered_lines_are_no_dashed_glossary() -> None:
    # a quiz's key gives each answer's letter and the option it names after a dash; read
    # as a vocabulary list the letters were its terms and the question numbers went
    answers = {
        4: ("d", "Sedimentary rock formed from layers of sand"),
        5: ("b", "Metamorphic rock changed by heat and pressure"),
        6: ("a", "Igneous rock cooled from molten magma"),
    }
    key = [
        Block("list_item", f"{n}. {letter} — {rock}", 1) for n, (letter, rock) in answers.items()
    ]
    assert dashed_glossary(key) == key
