"""Rules met on Chinese review sheets (复习提纲, 知识点总结) published as VitePress or docsify
pages: lessons labelled "第 N 课" as a syllabus labels its weeks, each lesson a list of
questions whose answers are underlined, `<br>` between statements, tip boxes inside list
items. Every text here is written for the test."""

from __future__ import annotations

from pathlib import Path

from datasources.concept_keys import concept_key
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import GLOSSARY, find_definitions, table_entries, zh_spaced_entry
from jobs.pipeline.model import Block
from jobs.pipeline.outline import outline_topics
from jobs.pipeline.readers.markdown import parse
from jobs.pipeline.structure import table_topics
from tests.unit.pipeline.written import concepts_of, written


def test_a_lessons_list_of_statements_is_no_outline_of_topics() -> None:
    # "第 3 课" opens a lesson as "第3周" opens a syllabus's week; its items state facts
    # with the answer marked, and their wording is no topic ("光合作用的场所", "场所")
    blocks = [
        Block("heading", "第 3 课 光合作用", 1, 4),
        Block("list_item", "光合作用的场所：叶绿体。", 1, 0, ("叶绿体",)),
        Block("list_item", "光合作用的原料：二氧化碳和水", 1, 0, ("二氧化碳和水",)),
        Block("list_item", "光合作用的意义", 1),
        Block("list_item", "为生物提供有机物；", 1, 0, ("为生物提供有机物；",)),
        Block("list_item", "一是<u>维持碳氧平衡</u>", 1, 0, ("维持碳氧平衡",)),
    ]
    assert outline_topics(blocks) == {}
    # a week's items that name topics stay its topics
    week = [
        Block("heading", "第 3 课 植物的生理", 1, 4),
        Block("list_item", "光合作用", 1),
        Block("list_item", "呼吸作用", 1),
        Block("list_item", "蒸腾作用", 1),
    ]
    assert sorted(outline_topics(week).values()) == ["光合作用", "呼吸作用", "蒸腾作用"]


def test_a_chinese_tables_content_column_is_a_schedule_only_when_its_rows_are_keyed() -> None:
    described = (
        "项目 | 内容 | 意义\n选种 | 挑选饱满的种子 | 提高出芽率\n浸种 | 用温水浸泡一天 | 加快萌发"
    )
    assert table_topics(described, 0) == []
    schedule = "周次 | 内容\n一 | 光合作用\n二 | 呼吸作用\n第3周 | 蒸腾作用"
    assert [c.term for c in table_topics(schedule, 0)] == ["光合作用", "呼吸作用", "蒸腾作用"]


def test_a_box_closed_inside_a_list_item_ends_before_the_next_heading() -> None:
    source = (
        "#### 第一课 水的循环\n\n"
        "1. 水循环的环节：<u>蒸发、降水、径流</u><br>\n"
        "   ::: tip 记忆方法：\n\n"
        "    先上天，再落地。\n"
        "       :::\n\n"
        "#### 第二课 水的利用\n\n"
        "1. 节约用水的办法：<u>一水多用</u>\n"
    )
    blocks = parse(source)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["第一课 水的循环", "第二课 水的利用"], blocks
    # the box's title stays in the list item it opens in, and its prose is no code
    assert not [b for b in blocks if b.kind == "code"], blocks


def test_a_line_break_set_by_hand_separates_chinese_statements() -> None:
    blocks = parse(
        "1. 地球的形状：<u>两极稍扁的球体</u><br>\n   地球的半径：<u>约六千四百千米</u>\n"
    )
    assert blocks[0].text == "地球的形状：两极稍扁的球体。地球的半径：约六千四百千米"
    # after punctuation nothing is added; English lines are joined by a space as before
    blocks = parse("- 第一条：遵守规则；<br>\n  第二条：爱护公物\n- Rule one<br>\n  Rule two\n")
    assert [b.text for b in blocks] == ["第一条：遵守规则；第二条：爱护公物", "Rule one Rule two"]


def test_a_contents_list_with_a_break_after_each_link_is_dropped() -> None:
    source = (
        "- [第一节 岩石](#第一节-岩石)<br>\n"
        "- [第二节 土壤](#第二节-土壤)<br>\n"
        "- [第三节 河流](#第三节-河流)<br>\n\n"
        "## 第一节 岩石\n\n岩石由矿物组成。\n"
    )
    assert [b.kind for b in parse(source)] == ["heading", "paragraph"]


def test_an_html_pages_line_break_separates_chinese_statements_too() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from jobs.pipeline.readers.html import parse as parse_html

    page = (
        "<html><body><main><h1>地球</h1><p>地球的形状：<u>两极稍扁的球体</u><br>"
        "地球的半径：<u>约六千四百千米</u></p></main></body></html>"
    )
    texts = [b.text for b in parse_html(LexborHTMLParser(page))]
    assert "地球的形状：两极稍扁的球体。地球的半径：约六千四百千米" in texts, texts


def test_a_school_books_volume_names_no_topic() -> None:
    from jobs.pipeline.lexicon import apparatus

    for heading in ("七年级下册", "高二上册", "第三册", "必修二", "选择性必修 2"):
        assert apparatus(heading), heading
    for topic in ("年级", "必修课", "上册练习的错题", "生物必修内容"):
        assert not apparatus(topic), topic


def test_an_underlined_predicate_opening_with_the_copula_is_no_name() -> None:
    from jobs.pipeline.clauses import zh_clause

    assert zh_clause("是植物进行光合作用的场所")
    assert not zh_clause("是非判断")
    assert not zh_clause("叶绿体")


def test_a_span_marked_only_as_the_first_part_of_a_word_marks_no_term() -> None:
    from jobs.pipeline.concepts import _zh_word_pieces, written_text
    from jobs.pipeline.structure import Cue

    blocks = [
        Block("paragraph", "唾液中含有消毒物质，可以抵御细菌。", 1, 0, ("消毒",)),
        Block("paragraph", "酒精能消毒，常用于皮肤表面。", 1),
        Block("paragraph", "抗体由浆细胞产生，抗体能与抗原结合。", 1, 0, ("抗体",)),
    ]
    cues = [Cue("消毒", "emphasis", 0), Cue("抗体", "emphasis", 2)]
    # 消毒 is written alone in the second paragraph, yet where it is marked it is only the
    # opening of 消毒物质: that marking names nothing; 抗体, marked where it stands alone, stays
    assert [c.term for c in _zh_word_pieces(cues, blocks, written_text(blocks))] == ["抗体"]


def test_an_everyday_verb_after_a_headings_topic_is_its_wording(tmp_path: Path) -> None:
    text = (
        "# 近代史复习\n\n## 第一节 民国政府的建立\n\n"
        "**民国政府**成立于南京。政府建立了新的法律制度，民国政府推行新政。\n\n"
        "## 第二节 光的折射\n\n**光**从空气斜射入水中时发生折射。折射使水中的筷子看起来弯折。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, "review.md", "zh-CN")}
    assert "建立" not in titles, titles  # the founding of the government: no topic alone
    assert "折射" in titles, titles  # a rarer verb names what the section teaches


def test_a_table_pairing_names_with_their_meanings_is_a_glossary() -> None:
    glossary = Block(
        "table",
        "术语 | 定义\n火山 | 地下岩浆喷出地表形成的山体\n"
        "**板块** | 岩石圈被断裂带分割成的巨大块体\n地震 | 见上",
        1,
    )
    found = table_entries(glossary, 7)
    assert [(d.term, d.block, d.confidence) for d in found] == [
        ("火山", 7, GLOSSARY),
        ("板块", 7, GLOSSARY),
    ]  # a pointer elsewhere ("见上") gives no meaning
    assert found[0].sentence == "火山：地下岩浆喷出地表形成的山体"
    english = Block("table", "Term | Definition\nBasalt | A dark volcanic rock rich in iron", 1)
    assert [d.sentence for d in table_entries(english, 0)] == [
        "Basalt: A dark volcanic rock rich in iron"
    ]
    # a column of key terms with remarks on each is one too
    remarks = Block("table", "关键名词 | 备注\n等压线 | 气压相等的各点连成的线", 1)
    assert [d.term for d in table_entries(remarks, 0)] == ["等压线"]
    # a table of parts says what each does, no term's meaning
    parts = Block("table", "名称 | 说明\n电源键 | 长按三秒开机或者关机", 1)
    assert table_entries(parts, 0) == []


def test_a_flattened_glossary_row_is_a_name_a_space_and_its_gloss() -> None:
    row = Block("paragraph", "冰期 地球气候长期寒冷、冰盖大范围扩张的时期", 1)
    entry = zh_spaced_entry(row, 3)
    assert entry is not None and (entry.term, entry.confidence) == ("冰期", GLOSSARY)
    # a name broken over two lines reads as a short gloss; prose has no such space
    assert zh_spaced_entry(Block("paragraph", "水循环 更新过程", 1), 0) is None
    assert zh_spaced_entry(Block("paragraph", "冰期时海平面下降了一百多米。", 1), 0) is None


def test_a_review_outlines_glossary_table_defines_terms_taught_further_on(
    tmp_path: Path,
) -> None:
    text = (
        "# 地质学期末复习\n\n## 名词解释\n\n"
        "| 名词 | 解释 |\n| --- | --- |\n"
        "| 火山 | 地下岩浆喷出地表后堆积形成的山体 |\n"
        "| 岩浆 | 地下高温熔融的硅酸盐物质 |\n\n"
        "## 1. 火山活动\n\n"
        "火山多分布在板块边界。火山喷发时岩浆沿裂隙上升，冷却后形成火成岩。\n\n"
        "岩浆的成分决定火山喷发的方式。\n"
    )
    analysis = analyse_file(written(tmp_path, "review.md", text), language="zh-CN")
    concepts = {c.title: c for c in analysis.knowledge.concepts}
    assert "名词解释" not in concepts  # the exam section's name, no topic
    assert concepts["火山"].description.startswith("火山：地下岩浆"), concepts["火山"]
    sections = {
        e.concept_key: e.section for e in analysis.knowledge.extractions if e.type == "concept"
    }
    # met where the outline teaches it, not in the glossary that opens the outline
    assert sections["火山"] == ("地质学期末复习", "火山活动"), sections


def test_a_glossary_tables_terms_named_nowhere_else_are_concepts(tmp_path: Path) -> None:
    # a Word review sheet's "名词 | 解释 | 举例" table: the terms only the table names were
    # lost, the ones the prose repeats kept
    text = (
        "# 第三章 植物的器官\n\n"
        "根、茎和叶是植物的营养器官。根从土壤中吸收水分。\n\n"
        "## 一、重要名词\n\n"
        "| 名词 | 解释 | 举例 |\n| --- | --- | --- |\n"
        "| 根 | 植物体向下生长、吸收水分和无机盐的器官。 | 萝卜的根 |\n"
        "| 根毛 | 根尖成熟区表皮细胞向外突起形成的细毛。 | 小麦幼根上的根毛 |\n"
        "| 气孔 | 叶片表皮上由两个保卫细胞围成的空腔。 | 蚕豆叶的气孔 |\n"
    )
    analysis = analyse_file(written(tmp_path, "review.md", text), language="zh-CN")
    concepts = {c.title: c for c in analysis.knowledge.concepts}
    assert concepts["根毛"].description.startswith("根毛：根尖成熟区"), concepts.keys()
    assert concepts["气孔"].description.startswith("气孔：叶片表皮"), concepts.keys()
    # the table's heading names the list, no topic
    assert "重要名词" not in concepts


def test_a_worksheets_key_vocabulary_heading_names_no_topic(tmp_path: Path) -> None:
    text = (
        "# Weathering and Erosion\n\n"
        "Weathering breaks rock into smaller pieces. Erosion moves the pieces away.\n\n"
        "## Key Vocabulary\n\n"
        "| Term | Definition |\n| --- | --- |\n"
        "| Weathering | The breaking down of rock by water, ice, plants or chemicals. |\n"
        "| Erosion | The carrying away of weathered rock by wind, water or ice. |\n"
        "| Deposition | The dropping of sediment where the wind or water slows. |\n"
    )
    analysis = analyse_file(written(tmp_path, "sheet.md", text), language="en")
    titles = {c.title.casefold() for c in analysis.knowledge.concepts}
    assert {"weathering", "erosion", "deposition"} <= titles
    assert "key vocabulary" not in titles


def test_a_table_of_a_models_components_and_what_each_does_is_a_glossary() -> None:
    model = Block(
        "table",
        "Component | What it does\n"
        "Input buffer | Holds incoming requests until a worker is free.\n"
        "Scheduler | A controller that decides which worker takes the next request.\n"
        "Spare | –",
        1,
    )
    found = table_entries(model, 4)
    assert [(d.term, d.confidence) for d in found] == [
        ("input buffer", GLOSSARY),
        ("scheduler", GLOSSARY),
    ]  # a dash in the meaning column explains nothing
    assert found[1].sentence == (
        "Scheduler: A controller that decides which worker takes the next request."
    )
    roles = Block("table", "Part | Role\nValve | Lets the fluid flow one way only", 1)
    assert [d.term for d in table_entries(roles, 0)] == ["valve"]
    # a column of components beside a number says nothing of what each is
    counts = Block("table", "Component | Count\nValve | 4 in the upper block", 1)
    assert table_entries(counts, 0) == []


def test_a_things_rise_or_founding_after_de_names_the_thing(tmp_path: Path) -> None:
    # a history review sheet underlines "X的建立" as the answer and titles a lesson "X的
    # 兴起": the event is when the thing came about, no concept beside it ("兴起", "诞生"
    # and "同盟的建立" were concepts); what is taught is the thing itself
    text = (
        "# 第 5 课 城邦制度的诞生和商业行会的兴起\n\n"
        "1. 商业行会是同行商人结成的团体，它保护会员的利益．\n"
        "2. 城邦制度由公民大会决定大事．\n"
        "3. 三国同盟的标志：<u>北方盟约的签订</u>；\n"
        "4. 走向联合的标志：<u>关税联盟的成立</u>．\n"
        "5. 北方盟约约束各城邦，关税联盟取消了城邦之间的关税．\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert {"城邦制度", "商业行会", "北方盟约", "关税联盟"} <= keys
    assert not keys & {"诞生", "兴起", "北方盟约的签订", "关税联盟的成立"}


def test_an_underlined_means_after_the_copula_is_not_what_the_sentence_defines() -> None:
    # "X是以<u>A</u>代替<u>B</u>的过程": the sentence says what X is; A and B, underlined as the
    # answers, are what X worked by ("什么是工厂？" was answered with what the industrial
    # revolution was). A sentence that goes on from the one before ("这是…") names only the
    # term, and keeps its reading
    def defined(sentence: str, marked: tuple[str, ...]) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, marked)]

    assert defined("印刷革命是以“活字”代替“雕版”的过程．", ("活字", "雕版")) == []
    assert defined("城邦制度是由公民大会决定大事的制度．", ("公民大会",)) == []
    assert defined("最早的成文法典是汉谟拉比法典．", ("汉谟拉比法典",)) == ["汉谟拉比法典"]
    assert defined("这种方法是被称为反证法的证明．", ("反证法",)) == ["反证法"]


# a summary sheet's list of the names it wants learned, one a line with no definitions
_LISTED_NAMES = [
    "Air mass",
    "Cold front",
    "Warm front",
    "Occluded front",
    "Jet stream",
    "Dew point",
    "Relative humidity",
    "Cumulus cloud",
    "Stratus cloud",
    "Cirrus cloud",
    "Barometric pressure",
    "Isobar",
    "Sea breeze",
    "Land breeze",
    "Trade winds",
    "Coriolis effect",
    "Adiabatic cooling",
    "Lapse rate",
    "Condensation nuclei",
    "Orographic lift",
    "Sleet",
    "Hail",
    "Fog",
    "Rain shadow",
]


def test_bare_names_listed_under_key_terms_are_concepts_however_many(tmp_path: Path) -> None:
    # "Key terms" over a list of bare names: each is a term the author lists, as a
    # keywords line's items are; read as plain list items, those the summary never used
    # were lost, and a short sheet's length budget cut the rest
    summary = (
        "Weather changes as air masses meet along fronts. Clouds form when rising air"
        " cools below its dew point."
    )
    names = "\n".join(f"- {name}" for name in _LISTED_NAMES)
    text = f"# Weather\n\n## Summary\n\n{summary}\n\n## Key terms\n\n{names}\n"
    found = {c.key for c in concepts_of(tmp_path, text, "weather.md")}
    missing = {concept_key(name) for name in _LISTED_NAMES} - found
    assert not missing, missing
    # the heading names the list, no topic
    assert concept_key("Key terms") not in found


def test_a_list_after_a_lead_in_naming_its_items_as_terms_is_a_glossary(tmp_path: Path) -> None:
    # a review sheet sets its terms under each summary after a line, no heading, saying
    # what they are: the names were plain list items, and those the summary never used lost
    terms = ["spring tide", "neap tide", "tidal range", "ebb current"]
    listed = "".join(f"- {term}\n" for term in terms)
    lead_in = "Write a definition for each of these terms:"
    pull = "The Moon's pull raises the sea on the side of the Earth nearest to it."
    other = (
        "Then list three things the tides change:\n\n- The shape of a beach every day\n- fishing"
    )
    text = f"# Tides\n\n{pull}\n\n{lead_in}\n\n{listed}\n{other}\n"
    keys = {c.key for c in concepts_of(tmp_path, text, "tides.md")}
    assert set(terms) <= keys, keys
    # a list after another kind of lead-in is no glossary: its items stay as they were
    assert "fishing" not in keys
