"""Rules met on lecture notes of a mathematical social science (a game theory course's
chapters, typeset from Markdown): headings that name a topic with a prepositional phrase,
"Definition of …" headings, and a property named after the thing it is about."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.structure import heading_terms
from tests.unit.pipeline.written import concepts_of, keys_of


def _terms(heading: str) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, 2)]


def test_a_heading_names_a_topic_with_a_prepositional_phrase() -> None:
    """ "Games against the field", "Tragedy of the commons": a noun and the phrase after it
    are one name; the article inside read as a clause's, and the heading named nothing."""
    assert _terms("2.4 Auctions against the clock") == ["Auctions against the clock"]
    assert _terms("Paradox of the heap") == ["Paradox of the heap"]
    # an activity or a clause is still no name
    assert _terms("Working in the garden") != ["Working in the garden"]
    assert _terms("Increase the stock level") == []
    # a part of a coordinated heading is read as before: "The singular and plural forms of
    # the noun" names the forms' facet of one topic, no "plural forms of the noun"
    assert "plural forms of the noun" not in _terms("The singular and plural forms of the noun")


def test_a_definition_heading_names_its_word_even_an_aspects() -> None:
    """ "Definition of efficiency": the heading says the word is defined below it; alone,
    "Efficiency" is a facet of the section's topic, no term of its own."""
    assert _terms("Definition of robustness") == ["robustness"]
    assert _terms("Definition of efficiency") == ["efficiency"]
    assert _terms("Efficiency") == []


def test_the_kind_of_a_result_opening_a_heading_is_no_topic() -> None:
    """ "Theorem for necessity of stability": the heading names a result about stability;
    "Theorem" alone was a concept."""
    assert _terms("Lemma for uniqueness of prices") == ["uniqueness of prices"]
    assert _terms("Central limit theorem") == ["Central limit theorem"]


_PROPERTIES = """# Fair sharing rules

## Sharing a harvest

A sharing rule divides what a group of farmers grows between them. We ask for
properties that make a rule fair.

### Definition of anonymity

A sharing rule has the **anonymity property** if renaming the farmers does not change
what each one receives.

### Definition of monotonicity

A sharing rule has the **monotonicity property** if a larger harvest never gives any
farmer less than before.

## The proportional rule

The **proportional rule** gives each farmer a share in proportion to the land they
bring. It satisfies both properties, and the proportional rule is easy to compute.
"""


def test_a_property_named_under_its_own_heading_is_that_concept(tmp_path: Path) -> None:
    """ "### Definition of anonymity" over "… has the **anonymity property** if …": the
    section defines the property its heading names; the two were listed as twins (and the
    heading's name made a prerequisite of the property)."""
    keys = keys_of(tmp_path, _PROPERTIES)
    assert {"anonymity", "monotonicity"} <= keys
    assert not {"anonymity property", "monotonicity property"} & keys


def test_a_property_used_beyond_its_section_stays_its_own(tmp_path: Path) -> None:
    """A thing and the property named after it, both used in other sections, are two
    concepts (a heap and the heap property)."""
    text = _PROPERTIES.replace(
        "It satisfies both properties,",
        "It has the anonymity property and the monotonicity property,",
    )
    assert {"anonymity property", "monotonicity property"} <= keys_of(tmp_path, text)


def test_the_kinds_of_a_thing_counted_in_prose_are_no_name(tmp_path: Path) -> None:
    """ "two types of population games", said twice: the words sort the games into kinds
    and count them; "types of population games" was a concept beside the games."""
    text = """# Garden soils

Gardeners sort the soil they work into a few groups. There are three types of garden
soil, and the types of garden soil differ in how fast water drains through them. A
**loam** is a soil of sand, silt and clay in balance. A **clay soil** holds water long
after rain, and a **sandy soil** lets it through at once. Most kinds of garden soil can
be improved with compost, and the kinds of garden soil a region has follow its rocks.
"""
    keys = keys_of(tmp_path, text)
    assert "garden soil" in keys
    assert not {"type of garden soil", "kind of garden soil"} & keys


def test_a_verb_stressed_after_to_is_no_term_defined(tmp_path: Path) -> None:
    """ "each individual is assigned to *play* against another": one italic word after
    "to", a verb's bare form before a preposition, stresses an action; read as the
    sentence's defined term it made "play" a concept."""
    text = """# Round robin tournaments

A **round robin** is a tournament in which every team meets every other team. In this
setting each team is required to *play* against every rival twice, once at home and
once away. Teams play on weekends, and each play of a match is recorded. The round robin
rewards a consistent team, and a round robin with many teams takes a long season. A
**seeding** is the order in which teams are placed before they play.
"""
    keys = keys_of(tmp_path, text)
    assert {"round robin", "seeding"} <= keys
    assert "play" not in keys


def test_a_verb_stressed_before_its_objects_article_is_no_term_defined(tmp_path: Path) -> None:
    """ "the loop's statements *bind* a new value to it": a verb's bare form set in
    italics before its object's article stresses the action; the sentence defines no
    "bind". A noun before an article keeps a determiner of its own ("the *scope* a name
    has")."""
    text = """# Scope

A **scope** is the region of a program where a name can be used. A name is created in
the scope where the program first assigns it, because the loop's statements *bind* a new
value to it. Names in an inner scope hide the same names outside it, and the *scope* a
name has ends with its block. A **closure** is a function that keeps the names of the
scope it was made in.
"""
    keys = keys_of(tmp_path, text)
    assert {"scope", "closure"} <= keys
    assert "bind" not in keys


def _sections(tmp_path: Path, text: str) -> dict[str, tuple[str, ...]]:
    """Each concept's section as the document job stores it (`Extraction.section`)."""
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    rows = analyse_file(path, language="en").knowledge.extractions
    return {x.concept_key: x.section for x in rows if x.type == "concept"}


def test_a_definition_heading_names_its_term_and_an_example_heading_nothing(
    tmp_path: Path,
) -> None:
    """The planner names weeks and modules after these sections: "Definition of a
    proportional rule" is the proportional rule's section, and "Example 2" is a label,
    whose concepts belong to the section above (a course had two weeks named "Example")."""
    text = """# Fair division

## Sharing rules

A sharing rule divides a harvest between farmers.

### Definition of a proportional rule

A **proportional rule** gives each farmer a share in proportion to the land they bring.

### Example 2

Three farmers bring 1, 2 and 3 fields. Under the proportional rule with an **egalitarian
floor**, each receives at least a sixth, and the egalitarian floor is paid first.
"""
    section = _sections(tmp_path, text)
    assert section["proportional rule"] == ("Fair division", "Sharing rules", "Proportional rule")
    assert section["egalitarian floor"] == ("Fair division", "Sharing rules")


def test_a_term_only_the_recap_of_the_lecture_before_names_is_no_concept(
    tmp_path: Path,
) -> None:
    """A lecture that opens on "Recap: in the previous lecture we defined the serial
    dictatorship mechanism" names what was taught before; counted twice there, it was a
    concept of this lecture (a cooperative games chapter listed its predecessor's
    algorithm)."""
    text = """# Lecture 6: Sharing a harvest

## Recap

In the previous lecture:

- We defined the serial dictatorship mechanism;
- We proved the serial dictatorship mechanism is strategy-proof.

## Sharing rules

A **sharing rule** divides a harvest between farmers. The **proportional rule** gives
each farmer a share in proportion to the land they bring. A sharing rule is fair when
no farmer prefers the share of another, and the proportional rule is fair in that sense.
"""
    keys = keys_of(tmp_path, text)
    assert {"sharing rule", "proportional rule"} <= keys
    assert "serial dictatorship mechanism" not in keys


def test_things_only_an_example_section_tells_of_are_no_concepts(tmp_path: Path) -> None:
    """Notes that give each pattern a "使用示例" (usage example): the examples' stories (a
    vending machine's display, a cafe's till) are counted there, never elsewhere, and
    stood among the concepts; the patterns they illustrate stay."""
    from tests.unit.pipeline.written import concepts_of

    machine = (
        "以一台自动售货机为例。售货机收下硬币，硬币够了就出货，显示屏显示余额。"
        "硬币不够时显示屏提示继续投币，售货机保持等待。售货机出货以后显示屏清零，硬币进入钱箱。"
        "钱箱满了，售货机停止收硬币，显示屏提示暂停服务。"
    )
    cafe = (
        "以一家咖啡馆为例。咖啡馆的收银台把订单交给咖啡师，咖啡师做好咖啡后通知收银台。"
        "收银台不必知道咖啡师怎么做咖啡，咖啡师也不必知道订单从哪来。"
    )
    text = (
        "# 行为型模式\n\n本部分介绍两种行为型模式。\n\n"
        "## 状态模式\n\n状态模式是指对象在内部状态改变时改变它的行为。每个状态是一个类，"
        "对象把请求交给当前的状态对象处理。\n\n"
        f"### 使用示例\n\n{machine}\n\n"
        "### 使用原则\n\n状态很多、转换复杂时使用状态模式，每个状态对象只管自己的转换。\n\n"
        "## 中介者模式\n\n中介者模式是指用一个中介对象封装一系列对象之间的交互。"
        "对象之间不再直接引用，耦合因此变松。\n\n"
        f"### 使用示例\n\n{cafe}\n\n"
        "### 使用原则\n\n对象之间的交互复杂、互相引用很多时使用中介者模式。"
        "中介对象不应变得过于庞大。\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text, "notes.md", "zh-CN")}
    assert {"状态模式", "中介者模式"} <= keys
    assert not keys & {"收银台", "显示屏提示", "显示屏"}


def test_a_heading_of_examples_names_the_topic_they_show() -> None:
    """A handout heads each kind's sample sentences "<kind> Examples": the heading names the
    kind, not a concept of its own beside it; after one word ("Training Examples") the
    word examples is part of the name and stays."""
    for level in (1, 2):
        assert [c.term for c in heading_terms("Passive Voice Examples", 0, level)] == [
            "Passive Voice"
        ]
    assert _terms("Training Examples") == ["Training Examples"]


def test_numbered_headings_of_one_series_name_no_topic(tmp_path: Path) -> None:
    """A worked notebook heads its tasks "Design Brief 1", "Design Brief 2": the numbered
    parts of one series are the document's apparatus, not two concepts; a heading whose
    words recur with no other number is left to the usual rules."""
    notes = (
        "# Beam Loading\n\nA beam carries loads to its supports.\n\n"
        "## Design Brief 1\n\nA simply supported beam spans four metres.\n\n"
        "## Design Brief 2\n\nThe same beam now carries a point load at midspan.\n\n"
        "## Bending Moment\n\nThe bending moment is largest at midspan.\n"
    )
    keys = keys_of(tmp_path, notes)
    assert not {"design brief 1", "design brief 2"} & keys
    assert "bending moment" in keys


def test_a_numbered_label_before_a_colon_leaves_its_title_whole() -> None:
    """ "Worked Case 2: Crop Rotation": the title after a numbered label is the heading's
    whole topic, kept though the body names it otherwise; a procedure's steps stay tasks."""
    terms = heading_terms("Worked Case 2: Crop Rotation", 0, 2)
    assert [(c.term, c.whole) for c in terms] == [("Crop Rotation", True)]
    # a step's title must still recur in the body to count
    steps = heading_terms("Step 2: Crop Rotation", 0, 2)
    assert not any(c.whole for c in steps)


def test_a_section_under_a_numbered_label_is_named_by_its_title(tmp_path: Path) -> None:
    """Modules are named after these sections: "Worked Case 2: Crop Rotation" is the crop
    rotation's section, the label numbering the notebook's cases no part of its name."""
    text = """# Soil Fertility

Farmers keep soil fertile over the years.

## Worked Case 2: Crop Rotation

**Crop rotation** grows different crops on one field in turn, so one crop restores what
the crop before it took.
"""
    assert _sections(tmp_path, text)["crop rotation"][-1] == "Crop Rotation"


def test_a_chinese_question_heading_stressing_what_it_asks_names_its_topic() -> None:
    # "what on earth is X": 到底 or 究竟 before the question words, or before 是什么
    assert _terms("到底何为通货膨胀") == ["通货膨胀"]
    assert _terms("究竟什么是机会成本") == ["机会成本"]
    assert _terms("比较优势究竟是什么") == ["比较优势"]


def test_a_theory_named_by_a_phrase_is_one_name_where_the_body_writes_it(
    tmp_path: Path,
) -> None:
    # a social-science chapter's sections on theories whose names hold 的 or join two
    # verbs with 与 (text written for the test)
    text = (
        "# 第二章 受众理论\n\n"
        "## 第一节 沉默的螺旋理论\n\n"
        "沉默的螺旋理论关注人们在公开场合表达意见时的顾虑。持少数意见的人往往选择不说话。\n\n"
        "## 第二节 使用与满足理论\n\n"
        "使用与满足理论从受众的需要出发，考察人们为何选择某种媒介。\n\n"
        "## 第三节 供给与需求模型\n\n"
        "供给描述卖方愿意出售的数量，需求描述买方愿意购买的数量。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, "受众.md", language="zh-CN")}
    assert {"沉默的螺旋理论", "使用与满足理论"} <= titles
    # cut at 的 or 与 they were "螺旋理论" and "与满足理论"
    assert not {"螺旋理论", "与满足理论", "满足理论"} & titles
    # two nouns joined by 与 stay two topics
    assert "供给" in titles


def test_an_adjective_stressed_after_is_describes_the_subject_and_names_nothing(
    tmp_path: Path,
) -> None:
    """ "The intrinsic permeability is *independent* of the fluid": an everyday adjective set
    in italics after "is" says what the subject is; read as the stressed term the sentence
    defines, it made "independent" a concept of a groundwater lecture."""
    text = """# Permeability

The **intrinsic permeability** describes the pore space of a rock. The intrinsic
permeability is *independent* of the fluid that moves through the rock.

The **hydraulic conductivity** depends on the fluid too. The hydraulic conductivity
of sand is high, and the hydraulic conductivity of clay is low.
"""
    keys = keys_of(tmp_path, text)
    assert {"intrinsic permeability", "hydraulic conductivity"} <= keys
    assert "independent" not in keys


def test_an_adjective_stressed_after_is_that_the_sentence_explains_is_defined(
    tmp_path: Path,
) -> None:
    """ "Some truths are *necessary*: they could not have been otherwise": the colon (or ",
    or …") explains the adjective, the way a philosophy text introduces its terms."""
    text = """# Modality

Some truths are *necessary*: the ones that hold in every possible world. Other truths
are *accidental*, or merely actual: they hold in our world and could have failed.

A necessary truth is known in a different way from an accidental one. Philosophers ask
which truths are necessary and which are accidental.
"""
    keys = keys_of(tmp_path, text)
    assert {"necessary", "accidental"} <= keys


def test_a_heading_on_the_flaws_or_eras_of_a_thing_names_the_thing() -> None:
    """A slide titled "Flaws of Relays" or "The Three Eras of Switching Hardware" is about
    relays or switching hardware: the facet word before "of" names no topic (a lecture
    deck's "Flaws of Valves" and "Eras of Transistor Manufacturing" were concepts)."""
    assert _terms("Flaws of Relays") == ["Relays"]
    assert _terms("Weaknesses of Relays") == ["Relays"]
    assert _terms("The Three Eras of Switching Hardware") == ["Switching Hardware"]


def test_a_decks_summary_or_preview_label_before_a_title_names_nothing() -> None:
    """ "TL;DR – Switches Over Time", "Sneak Peek: Logic Design": the label says what kind
    of slide it is; its semicolon cut "TL" off as a name, and "Sneak Peek" was a concept."""
    assert _terms("TL;DR – Switches Over Time") == ["Switches"]
    assert _terms("Sneak Peek: Logic Design") == ["Logic Design"]


def test_a_question_asking_for_advice_on_a_topic_names_the_topic() -> None:
    """ "Any suggestions on …", "Any thoughts about …": a lecture of answered student
    questions heads each answer with the question; what the student asks for, and what
    they mean to do with the topic, are no topics, nor are the "topics related to" it."""
    assert _terms("Any suggestions on learning compiler design related topics") == [
        "compiler design"
    ]
    assert _terms("Any thoughts about differences between text editors?") == ["text editors"]
    assert _terms("Any advice on choosing a spreadsheet?") == ["spreadsheet"]
    # a name opening on "Any" is no question
    assert _terms("Anycast Routing") == ["Anycast Routing"]


def test_a_clause_about_the_reader_after_a_label_names_nothing() -> None:
    """ "Profilers: When You Cannot Rebuild", "Heaps: where they sit in memory": the side
    after the label says when or how the topic serves the reader; its verb or its noun
    is no topic of the heading."""
    assert _terms("Tracing: When You Cannot Rebuild") == ["Tracing"]
    assert _terms("Heaps: Where they sit in memory") == ["Heaps"]
    # a side naming a topic of its own still does
    assert "Quicksort" in _terms("Sorting: Quicksort")


def test_a_clause_of_the_reader_or_the_writer_ends_the_name_before_it() -> None:
    """ "The editors you'd pick up first", "The sorting method we use": what the asker or
    the author does with the thing is no part of its name. After an auxiliary the pronoun
    is the question's own subject ("When should I use recursion versus loops?")."""
    assert _terms("Which are the editors you’d pick up first?") == ["editors"]
    assert "hashing scheme" in _terms("The hashing scheme we use")
    assert _terms("When should I use recursion versus loops?") == ["recursion", "loops"]


def test_an_everyday_word_listed_with_its_article_is_a_name_of_the_list() -> None:
    # "the Range" among the names a heading lists is as whole a name as "Variance" after it:
    # the article adds no word, and the everyday word is no leftover of a longer phrase
    assert _terms("Spread and the Range, Variance, and Deviation") == [
        "Spread",
        "Range",
        "Variance",
        "Deviation",
    ]
    # a heading that is only the article and the word names nothing, as before
    assert _terms("The Range") == []
