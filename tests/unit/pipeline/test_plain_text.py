"""Plain-text rules, each on text written for the test: program code told from prose by its
lines, code named in headings and prose without backticks, glosses that keep their
modifiers, facet headings read both ways, naming patterns, and the marks that stand in for
the emphasis a text export loses (a definition where the term is first used, a gloss, the
head of a definition-list entry)."""

from __future__ import annotations

from pathlib import Path

from datasources.concept_keys import concept_key
from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.answer_keys import blanks_filled_by_key
from jobs.pipeline.concepts import _as_the_body_writes, _word_casing, find_concepts
from jobs.pipeline.definitions import DEFINED_EMPHASIS, EMPHASIS, WEAK, find_definitions
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read
from jobs.pipeline.readers.codelines import (
    code_line,
    code_paragraph,
    display_math,
    mark_heading_code,
)
from jobs.pipeline.structure import (
    acronym_pairs,
    colon_head,
    gloss_terms,
    heading_terms,
    plain_code_names,
    spelled_acronyms,
)
from jobs.pipeline.terms import shared_head_items
from tests.unit.pipeline.written import concepts_of


def _blocks(path: Path) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read(path, detect(path)).blocks()]


def test_listing_lines_are_code_and_prose_naming_code_is_not() -> None:
    assert code_paragraph(["def plant(seed):", "    bed = Garden()", "    bed.sow(seed)"])
    assert code_paragraph(["$ tool sync --all"])
    assert code_paragraph(["counter += 1;  // one more visitor"])
    assert code_paragraph(["renamed:   notes.txt"])  # columns of a program's output
    # a Python import alone has no mark of code; "import" was a concept of a lecture's text
    assert code_paragraph(["from scipy.optimize import newton"])
    assert code_paragraph(["import numpy as np", "import matplotlib.pyplot as plt"])
    assert not code_paragraph(["import the data first"]) and not code_line("Import tariffs rose")
    # a directive's options kept from a MyST source: "label" and "dropdown" were concepts
    assert code_paragraph([":class: dropdown"]) and code_paragraph([":label: pv_ex_a"])
    assert not code_line("Note: the label is optional.")
    assert not code_paragraph(
        ["Each call to sow(seed) adds one plant, and the bed = Garden() line makes the bed."]
    )
    assert not code_paragraph(["Sorting a list takes $O(n \\log n)$ time in the worst case."])
    assert not code_paragraph(["$$f(x) = \\sum_i w_i x_i,$$"])  # a display formula is maths
    assert display_math(["$$f(x) = \\sum_i w_i x_i,$$"])
    assert not code_paragraph(["$$A =", "\\begin{bmatrix} 1 & 2 \\\\", "\\end{bmatrix}$$"])
    assert not code_line("遍历列表 items 中的每个元素，使用 $O(n)$ 时间。")
    assert code_line("total = sum(prices)  # 价格之和")


def test_text_reader_reads_a_listing_as_one_code_block(tmp_path: Path) -> None:
    path = tmp_path / "garden.txt"
    path.write_text(
        "Watering Plans\n\nA watering plan says when each bed gets water.\n\n"
        "fn water(bed: &Bed) -> u32 {\n    bed.litres * 2\n}\n\n"
        "The function doubles the litres of the bed.\n\n$$w = 2 \\mathbf{l}$$\n",
        encoding="utf-8",
    )
    kinds = _blocks(path)
    assert ("code", "fn water(bed: &Bed) -> u32 {\n    bed.litres * 2\n}") in kinds
    assert ("formula", "$$w = 2 \\mathbf{l}$$") in kinds  # display maths, not prose
    assert ("paragraph", "The function doubles the litres of the bed.") in kinds


def test_code_words_in_a_title_case_heading_are_marked_as_markdown_would() -> None:
    assert mark_heading_code("Faster Loops with until Blocks") == "Faster Loops with `until` Blocks"
    assert mark_heading_code("Reading with read_line or scan") == "Reading with `read_line` or scan"
    assert mark_heading_code("Creating a new garden bed") == "Creating a new garden bed"
    assert mark_heading_code("花园 until 语句") == "花园 until 语句"
    # the marked heading names the code the way a Markdown heading does
    terms = {
        c.term for c in heading_terms(mark_heading_code("Faster Loops with until Blocks"), 0, 3)
    }
    assert "until Blocks" in terms


def test_code_named_by_its_kind_without_backticks() -> None:
    text = (
        "We rewrite it with the defn Macro syntax, call the read_line method, expand the "
        "show! macro, and keep the largest function and the standard library as they are."
    )
    assert [c.term for c in plain_code_names(text, 0)] == ["defn Macro", "read_line", "show!"]
    assert [c.term for c in plain_code_names("也可以使用 defn Macro 语法来写。", 0)] == [
        "defn Macro"
    ]


def glossed(text: str) -> list[str]:
    return [c.term for c in gloss_terms(text, 0)]


def test_a_gloss_keeps_the_modifiers_its_english_names() -> None:
    assert glossed("另一类是对称矩阵（symmetric matrix），它等于自身的转置。") == ["对称矩阵"]
    assert glossed("这种错误叫做 二次释放（double free）。") == ["二次释放"]
    assert glossed("我们希望智能体（agent）能学会。") == [
        "智能体"
    ]  # one English word: the verb goes
    assert glossed("常用的量是平均值（mean或average）。") == ["平均值"]
    # rjieba tags 根 as a preposition here; the gloss's two words say it is part of the name
    assert glossed("根插条（root cutting）：从根上剪下的插条。") == ["根插条"]
    assert glossed("我们从花坛（bed）出发。") == ["花坛"]  # a real preposition still goes
    # a leading verb goes when the rest says all of the gloss, whatever rjieba calls the
    # rest (加权 is tagged a verb, 平均 an adjective); 对称 in 对称矩阵 stays, as above
    assert glossed("这个分数表示加权平均（weighted average）。") == ["加权平均"]


def test_a_gloss_term_is_cut_at_a_word_not_a_character() -> None:
    # 或 of 或者 and 在 of 在线 are no cut: the run splits at rjieba's words
    assert glossed("一局叫做一个回合（round）或者比赛（match）。") == ["回合", "比赛"]
    assert glossed("这种方式属于在线学习（online learning）。") == ["在线学习"]
    # a leading preposition or 指 ("refers to") goes, even inside one of rjieba's words
    assert glossed("其中 $s$ 是指步长（step size）。") == ["步长"]
    assert glossed("以谷歌（Google）为例。") == ["谷歌"]
    assert glossed("这里的以太网（Ethernet）很快。") == ["以太网"]  # a word's 以 stays
    # a hyphenated name is one word
    assert glossed("两者合起来就是编码器-解码器结构（encoder-decoder architecture）。") == [
        "编码器-解码器结构"
    ]


def test_an_acronym_names_the_words_it_abbreviates() -> None:
    assert glossed("Memory is freed by a garbage collector (GC) later.") == ["garbage collector"]
    # capitalised names and hyphenated words: the acronym's letters pick the words
    assert glossed("A browser asks the Domain Name System (DNS) first.") == ["Domain Name System"]
    assert glossed("Routers perform Network Address Translation (NAT) on packets.") == [
        "Network Address Translation"
    ]
    assert glossed("Entries expire after a time-to-live (TTL) passes.") == ["time-to-live"]
    # letters not there in order, or one ordinary word before them: nothing, and no error
    assert glossed("Start a new process (PID) now.") == []
    assert glossed("It checks the System (DNS) and the data (API).") == []
    # the pairs a document spells out, Chinese names included; a translation is no acronym
    text = "由内容分发网络（CDN）和梯度（gradient）以及 Domain Name System (DNS)"
    assert acronym_pairs(text) == [
        ("内容分发网络", "CDN"),
        ("Domain Name System", "DNS"),
    ]


def test_a_facet_heading_left_with_one_word_is_read_both_ways() -> None:
    assert [c.term for c in heading_terms("Default Settings Implementations", 0, 3)] == [
        "Default Settings"
    ]
    assert [c.term for c in heading_terms("Tree Implementation", 0, 3)] == ["Tree"]
    both = {c.term: c.whole for c in heading_terms("Using Default Implementations", 0, 3)}
    assert both == {"Default": False, "Default Implementations": False}  # the body decides
    assert {c.term for c in heading_terms("Default Implementations", 0, 1)} == {
        "Default Implementations"
    }


def test_naming_patterns() -> None:
    def names(sentence: str, plain: bool = False) -> list[tuple[str, float]]:
        return [(d.term, d.confidence) for d in find_definitions(sentence, 0, False, (), plain)]

    assert names("Gardens follow the shade rule, so named because it keeps ferns in shade.") == [
        ("shade rule", 0.85)
    ]
    assert names("Soil has a quality called tilth that farmers value.")[0][0] == "tilth"
    assert names("Beds start at row 0, also known as zero-row counting, in this plan.")[0] == (
        "zero-row counting",
        0.85,
    )
    assert names("Planted out, it’s known as a transplant from then on.")[0][0] == "transplant"
    assert names("Such a bed is often called a hotbed.")[0][0] == "hotbed"
    assert names("Instead of being called a cutting, it grows alone.") == []
    assert (
        names("You may have heard the terms cold frame and hot bed before.")[0][0] == "cold frame"
    )
    assert names("It is easy to build a rain shadow—a region that gets little rain.") == [
        ("rain shadow", 0.75)
    ]
    two = "Seeds sown early are called first sowings, and late ones are called late sowings."
    assert {n for n, _ in names(two)} == {"first sowings", "late sowings"}
    # an appositive names what it follows; the cut before "these" leaves no dangling "of"
    assert names("Seeds go into small pots, called cells, in spring.") == [("cells", 0.8)]
    assert names("The tray, called by the gardener, is moved.") == []
    assert names("The pump, called hourly, waters the beds.") == []
    assert names("This bed is called the mother bed of these two cuttings.") == [
        ("mother bed", 0.85)
    ]
    assert names("This is known as the law of small plots.")[0][0] == "law of small plots"
    # "we call <the thing and a relative clause> X": the bare name closes the sentence
    assert names("We call the pots that hold seedlings cells.") == [("cells", 0.8)]
    assert names("We call the way by which roots find water tropism.") == [("tropism", 0.8)]
    # "we refer to … as X" names what comes after "as", however long the description
    described = "We refer to the pots sown in spring and kept indoors as early sowings."
    assert names(described) == [("early sowings", 0.8)]
    # a plural noun or a parenthesis names what the sentence just described
    assert names("The stem has thin extensions known as runners.") == [("runners", 0.75)]
    assert names("the look of the plant (called the habit) depends on light.") == [("habit", 0.75)]
    assert names("Pumps called by the timer run.") == []
    # a program's call: "Constructor functions should only be called using `new`."
    assert names("The pump should only be called using `start`.") == []
    assert names("The timer is called twice an hour.") == []
    assert names("A seed bank is useful in dry years.") == []
    assert names("A seed bank is useful in dry years.", plain=True) == [("seed bank", WEAK)]
    # what a name is an example of is no definition of it: the sentence cites the case
    assert names("Kew Gardens is an example of a seed bank that stores wild seeds.", True) == []
    assert names("A cold frame is a low box with a glass lid.", plain=True) == [
        ("cold frame", WEAK)
    ]
    zh = [
        d.term for d in find_definitions("满足条件的花坛被称为 raised beds，它们很常见。", 0, True)
    ]
    assert zh == ["raised beds"]


def _plain_blocks(texts: list[str]) -> list[Block]:
    return [Block("paragraph", t, 1) for t in texts]


def test_a_definition_where_the_term_is_first_used_stands_for_the_lost_emphasis() -> None:
    blocks = _plain_blocks(
        [
            "Gardens are planned in seasons.",
            "A seed bank is a store of seeds kept for later years. A seed bank needs dry air.",
            "Every seed bank is checked in spring, and the seed bank is cleaned in autumn.",
        ]
    )
    drafts, _ = find_concepts(blocks, False, 60)
    bank = next(d for d in drafts if d.key == "seed bank")
    # "X is a …" where X is first used: defined twice over, as "A **seed bank** is a …" is
    assert bank.definition is not None and bank.definition.confidence == DEFINED_EMPHASIS
    assert "emphasis" in bank.sources
    # with emphasis in the document the same sentence stays a weak reading
    marked = [Block("paragraph", blocks[0].text, 1, 0, ("seasons",)), *blocks[1:]]
    _, kept = find_concepts(marked, False, 60)
    assert all(d.confidence < EMPHASIS for d in kept if d.term == "seed bank")


def _defined_as(*texts: str) -> dict[str, float]:
    """Each concept's definition confidence in a plain text of these paragraphs."""
    drafts, _ = find_concepts(_plain_blocks(["Gardens are planned in seasons.", *texts]), False, 60)
    return {d.key: d.definition.confidence for d in drafts if d.definition}


def test_only_a_sentence_naming_the_terms_kind_counts_twice_in_plain_text() -> None:
    """Markdown reads "A **cold frame** is a …" as defined twice over (the bold and the
    wording); plain text has the wording alone where the term is first used, and counts it
    the same. "A cold frame is useful …" says no kind: it stands for the emphasis only."""
    confidence = _defined_as(
        "A cold frame is a low box with a glass lid. A hot bed is useful in dry years.",
        "Every cold frame and every hot bed is checked in spring.",
        "The cold frame and the hot bed are cleaned in autumn.",
    )
    assert confidence["cold frame"] == DEFINED_EMPHASIS
    assert confidence["hot bed"] == EMPHASIS


def test_definition_list_heads_in_plain_text() -> None:
    assert [c.term for c in colon_head("Cold frame: a low box with a glass lid.", 0)] == [
        "Cold frame"
    ]
    assert [c.term for c in colon_head("- 冷床：一种带玻璃盖的低矮木箱。", 0)] == ["冷床"]
    assert colon_head("Filename: beds/north.txt", 0) == []  # a label and a value
    assert colon_head("Note: water before noon in summer.", 0) == []  # furniture
    assert colon_head("这里有一个小练习：请画出花坛。", 0) == []  # a remark, not a name
    assert colon_head("We can see what happens here: the soil dries.", 0) == []
    # "The depth of a bed: how far its roots reach": the property is the term
    assert [c.term for c in colon_head("The depth of a bed: how far its roots can reach.", 0)] == [
        "depth"
    ]
    assert colon_head("The rest of the plan: we water and we wait a week.", 0) == []
    # an operation is a name: a verb after its noun or adjective, a compound known whole
    for entry, term in (
        ("懒删除：不直接移除花苗，而是给它做一个标记。", "懒删除"),
        ("花苗移栽：把花苗从育苗盘移到花坛里。", "花苗移栽"),
        ("堆排序：先把数据建成一个堆，再不断取出堆顶。", "堆排序"),
    ):
        assert [c.term for c in colon_head(entry, 0)] == [term]
    assert colon_head("请注意：花苗需要每天浇水。", 0) == []  # a verb after a verb: a remark
    assert colon_head("我们移栽：把花苗从育苗盘移到花坛里。", 0) == []


def test_an_ordinary_adjective_before_a_compact_name_is_read_both_ways() -> None:
    """ "Complete Raised Bed" may be a kind of raised bed (kept when the body keeps naming
    it) or a heading's wording; "Basic Operations" is never a name."""
    both = {c.term: c.whole for c in heading_terms("Complete Raised Bed", 0, 2)}
    assert both == {"Complete Raised Bed": False, "Raised Bed": False}  # the body decides
    assert [c.term for c in heading_terms("Basic Operations of Raised Beds", 0, 2)] == [
        "Raised Beds"
    ]
    assert heading_terms("Basic Operations", 0, 2) == []

    def kinds(mentions: int) -> set[str]:
        body = ["A complete raised bed is filled to the rim."] * mentions
        blocks = [Block("heading", "Complete Raised Bed", 1, 2), *_plain_blocks(body)]
        blocks += _plain_blocks(["Any raised bed drains well, and a raised bed warms early."] * 3)
        return {d.key for d in find_concepts(blocks, False, 80)[0]}

    assert "complete raised bed" in kinds(3)
    assert "complete raised bed" not in kinds(1)  # named once: the heading's wording


def test_a_title_case_name_takes_the_case_the_body_writes_it_in() -> None:
    """Concept titles read as the text writes them: a heading's capitals go, a proper
    name's stay, and a title is not half lowered."""
    blocks = [
        Block("heading", "Raised Beds", 1, 1),
        *_plain_blocks(
            [
                "We build raised beds from Larch boards, and Larch lasts for years.",
                "Our raised beds drain well, so the raised beds warm early.",
            ]
        ),
        Block("heading", "Larch Boards", 1, 2),
        *_plain_blocks(["Cut the Larch boards to length, then oil the Larch boards."]),
    ]
    titles = {d.key: d.title for d in find_concepts(blocks, False, 80)[0]}
    assert titles["raised bed"] == "raised beds"
    assert titles["larch board"] == "Larch boards"  # the body writes "Larch"
    casing = _word_casing(_plain_blocks(["We dig a bed and add some compost to the space."]))
    assert _as_the_body_writes("Compost Space", casing) == "compost space"
    # "Usage" is never written inside a sentence: the title stays whole
    assert _as_the_body_writes("Compost Space Usage", casing) == "Compost Space Usage"
    assert _as_the_body_writes("AVL Trees", casing) == "AVL Trees"  # "trees": no evidence
    # a participle opening a sentence is a common word as an adjective is
    prose = "Delayed onset is common. Advanced onset is rare."
    casing = _word_casing(_plain_blocks([prose]))
    assert _as_the_body_writes("Delayed onset", casing, prose) == "delayed onset"
    assert _as_the_body_writes("Advanced onset", casing, prose) == "advanced onset"
    # a word capitalised once, by a label's title case, is no name: not "increased space Usage"
    prose = "Lists take more space, and space is scarce. Increased Space Usage is their price."
    casing = _word_casing(_plain_blocks([prose]))
    assert casing["usage"] == 1
    title = _as_the_body_writes("Increased Space Usage", casing, prose)
    assert title == "increased space usage"


def test_a_run_of_lone_title_like_lines_is_a_list(tmp_path: Path) -> None:
    # A textbook's review questions exported as text: each option on a line of its own
    # read as a heading ("Aristotle", "Louis Pasteur" were concepts and sections)
    text = (
        "Cell Theory\n\nEvery living thing is made of cells. Cells come from cells.\n\n"
        "Which scientist refuted spontaneous generation?\n\n"
        "Aristotle\n\nJohn Needham\n\nLouis Pasteur\n\nD\n\n"
        "Why do cells divide? They grow until they must.\n\n"
        "Fermentation\n\nLearning Objectives\n\nSome cells cannot respire without oxygen.\n"
    )
    path = tmp_path / "review.txt"
    path.write_text(text, encoding="utf-8")
    blocks = read(path, detect(path)).blocks()
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["Cell Theory"] == "heading"
    assert kinds["Aristotle"] == kinds["Louis Pasteur"] == kinds["D"] == "list_item"
    # a section's title over "Learning Objectives": two in a row stay headings
    assert kinds["Fermentation"] == kinds["Learning Objectives"] == "heading"


def test_an_entry_whose_definition_opens_on_maths_is_an_entry() -> None:
    """ "凸函数：设$D\\subset\\mathbb{R}^n$是非空凸集，…": the file-path rule read the whole
    Han-and-LaTeX run after the colon as one path (it holds "\\" and "."), so the plain-text
    export lost the entry and 凸函数 its description."""
    entry = "单调函数：设$f$定义在$I\\subset\\mathbb{R}$上，若$x<y$时$f(x)\\leq f(y)$，则单调。"
    assert [c.term for c in colon_head(entry, 0)] == ["单调函数"]
    assert [c.term for c in colon_head("Monotone map: a map $f$ with $f(x)\\leq f(y)$ when x<y", 0)]
    # a label and a path or file name stay no entry
    assert (
        colon_head("文件名：src/main.rs", 0) == [] and colon_head("Filename: src/lib.rs", 0) == []
    )


def test_the_names_a_thought_experiment_makes_up_are_no_concepts() -> None:
    """ "Imagine a river called “Long Water” that runs to a village called “Millbrook.”":
    a plain-text chapter's made-up places were concepts, defined by "called"."""
    blocks = _plain_blocks(
        [
            "Rivers change their names along their course.",
            "A tributary is a stream that flows into a larger river. Each tributary adds "
            "water, and a tributary may be small.",
            "Imagine a river called “Long Water” that runs to a village called “Millbrook.” "
            "Past Millbrook it reaches a town called “Stonebridge.” In Stonebridge, Long "
            "Water is called a tributary of the sea river, and Millbrook lies upstream.",
            "In another sense, a watershed is called a drainage basin, and every tributary "
            "drains a drainage basin.",
        ]
    )
    drafts, _ = find_concepts(blocks, False, 90)
    keys = {d.key for d in drafts}
    assert {"tributary", "drainage basin"} <= keys
    assert not keys & {"long water", "millbrook", "stonebridge"}


def test_a_word_written_only_at_sentence_starts_takes_its_dictionary_case() -> None:
    """ "Erosion, or the wearing away of rock, shapes valleys.": the capital is the
    sentence's, not the word's; a name the dictionary does not know keeps its capital, and
    a word the body never writes in prose (a heading's) says nothing."""
    texts = [
        "Erosion, or the wearing away of rock, shapes valleys. Erosion is slow.",
        "Wexlund lies on the coast. Wexlund, or the old port, is small.",
    ]
    blocks = _plain_blocks(texts)
    casing = _word_casing(blocks)
    prose = "\n".join(texts)
    assert _as_the_body_writes("Erosion", casing, prose) == "erosion"
    assert _as_the_body_writes("Wexlund", casing, prose) == "Wexlund"
    assert _as_the_body_writes("Usage", casing, prose) == "Usage"


def test_a_guessed_heading_the_body_never_uses_names_nothing(tmp_path: Path) -> None:
    """Plain text guesses its headings from lone title-like lines, all at one level: a
    feature box's title ("Orchard Inspector") or a sub-heading whose phrase the body never
    writes ("Root Storage") was a concept. The first line titles the document."""
    text = (
        "Fruit Trees\n\n"
        "A graft joins a shoot to a rootstock. A graft heals in a month, and every graft "
        "is taped.\n\n"
        "Root Storage\n\n"
        "Roots hold sugar through the winter. A rootstock sets the size of the tree.\n\n"
        "Orchard Inspector\n\n"
        "Inspectors visit farms each spring. They check trees for blight and record it.\n\n"
        "Pruning\n\n"
        "Pruning removes dead wood. Pruning in winter shapes the tree.\n"
    )
    path = tmp_path / "trees.txt"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert {"fruit tree", "pruning"} <= keys
    assert not keys & {"root storage", "orchard inspector"}


def _named(sentence: str) -> list[str]:
    return [concept_key(d.term) for d in find_definitions(sentence, 0, False, (), True)]


def test_a_noun_phrase_of_several_words_then_a_naming_verb_names_the_term() -> None:
    """ "a type of woody stem called the cane", "a wedge-shaped bed known as the gore": the
    naming verb follows a noun a few words after its article, hyphenated or not."""
    assert _named("Each rose grows a type of woody stem called the cane, which bears buds.") == [
        "cane"
    ]
    assert _named("At the corner lies a wedge-shaped bed known as the gore, planted late.") == [
        "gore"
    ]
    assert _named("Water pools in a shallow dip referred to as the swale after storms.") == [
        "swale"
    ]
    assert _named("The gardener, who was called away, left the hose.") == []
    assert _named("Pumps called by the timer run.") == []
    # an adverb among the words: an example's made-up name, not a term
    assert _named('These beds use a very simple layout called "plotwise" in spring.') == []


def test_a_writers_or_a_schools_name_for_a_thing_is_a_naming() -> None:
    """ "what Hobbes called the state of nature", "which he calls the harm principle": a
    person, a name or a plural noun calls the thing by its name; "which in turn calls the …"
    (a program's call) names nothing."""
    assert _named("Soil left bare becomes what Linnaeus called the fallow state, in time.") == [
        "fallow state"
    ]
    assert _named("He sows by a rule, which he calls the moon rule, each spring.") == ["moon rule"]
    assert _named("Some beds turn to what growers call hardpan over the years.") == ["hardpan"]
    assert _named("The pump, which in turn calls the timer, waters the beds.") == []
    assert _named("This is the bed which it calls the most.") == []
    # with emphasis kept, the bold says which of these names is a term
    kept = "Soil left bare becomes what Linnaeus called the fallow state, in time."
    assert [d.term for d in find_definitions(kept, 0, False, (), False)] == []


def test_known_as_after_a_comma_names_what_precedes_it() -> None:
    """ ", known as scalawags,": the appositive names the people the sentence described, as
    ", called …" does; ", known as it was then, …" names nothing."""
    assert _named("Growers who planted late, known as laggards, lost the crop.") == ["laggard"]
    assert _named("The shed, known as it was for its red door, stood empty.") == []


def test_a_plural_with_a_bare_plural_genus_is_a_plain_texts_definition() -> None:
    """ "Cloches are covers that shield seedlings …": a plural opening "are" and a plural
    genus without an article defines the term in plain text, as "**Cloches** are covers …"
    does with the bold; where the term is first used it counts twice, as "X is a …" does."""
    assert _named("Cloches are covers that shield seedlings from frost.") == ["cloche"]
    assert _named("Cloches are, as the name says, bell-shaped.") == []
    confidence = _defined_as(
        "Cloches are covers that shield seedlings from frost. Cloches keep the soil warm.",
        "Every cloche is lifted in spring, and each cloche is washed in autumn.",
    )
    assert confidence["cloche"] == DEFINED_EMPHASIS


def test_became_known_as_names_the_term() -> None:
    """ "In what became known as the Compromise of 1877, …": a name a thing came to have is
    named as "is known as" names it."""
    assert _named("In what became known as the Frost Fair of 1814, stalls stood on ice.") == [
        "frost fair of 1814"
    ]


def test_something_known_as_or_called_names_the_term() -> None:
    """ "… show something known as the “rain shadow”": the pronoun stands for the thing the
    name is given to, as "what is known as" does."""
    assert _named("Dry slopes show something known as the \u201crain shadow\u201d.") == [
        "rain shadow"
    ]
    assert _named("Water climbs in soil by something called capillary rise.") == ["capillary rise"]
    assert _named("The crop is something like a weed.") == []


def test_a_description_then_is_the_name_is_a_plain_texts_definition() -> None:
    """ "Below the topsoil and the subsoil is the hardpan, made of packed clay.": a description,
    then "is the" and the name, is a weak definition in plain text (where the name is
    first used it stands for the lost bold); "is the rise in …" ends on no name, and "It
    is the …" describes what came before."""
    kept = "Below the topsoil and the subsoil is the hardpan, made of packed clay."
    cases = {
        kept: ["hardpan"],
        "Lying between the two beds is the drainage strip.": ["drainage strip"],
        "Among the threats to the beds is the rise in slugs.": [],
        "It is the largest bed in the garden.": [],
        # a subject counting the points of an account: the point made, no name defined
        "The first problem is the drainage strip.": [],
        "The last of the three beds is the herb spiral.": [],
    }
    assert {sentence: _named(sentence) for sentence in cases} == cases
    assert [d.term for d in find_definitions(kept, 0, False, (), False)] == []


def test_a_name_then_or_and_a_restating_genus_is_a_plain_texts_definition() -> None:
    """ "… is crop rotation, or the practice that …": a noun phrase, then ", or" and a genus
    restating it, is a weak definition in plain text, as "**crop rotation**, or …" is with
    the bold; alternatives ("the red one, or the one that …") are not."""
    cases = {
        "At the heart of the plan is crop rotation, or the practice that moves beds.": [
            "crop rotation"
        ],
        "Every plot keeps a set of watering schedules, or rules that fix the hours.": [
            "watering schedule"
        ],
        "Pick the red one, or the one that is closest.": [],
    }
    assert {sentence: _named(sentence) for sentence in cases} == cases


def test_form_feeds_before_sections_give_guessed_headings_their_depth(tmp_path: Path) -> None:
    """A text export puts a form feed before each section: the first line titles the
    document, a heading after a break opens a section, any other lone title-like line is
    a sub-heading or a box's title inside it. All were read at one level, so no rule
    depending on a heading's depth applied; a box's title the body never uses still
    names nothing."""
    text = (
        "Fruit Trees\n\n\fGrafting\n\n"
        "A graft joins a shoot to a rootstock. A graft heals in a month.\n\n"
        "Root Storage\n\n"
        "Roots hold sugar through the winter. A rootstock sets the size of the tree.\n\n"
        "\fPruning\n\n"
        "Pruning removes dead wood. Pruning in winter shapes the tree.\n\n"
        "Orchard Inspector\n\n"
        "Inspectors visit farms each spring. They check trees for blight.\n"
    )
    path = tmp_path / "trees.txt"
    path.write_text(text, encoding="utf-8")
    levels = {b.text: b.level for b in read(path, detect(path)).blocks() if b.kind == "heading"}
    assert levels == {
        "Fruit Trees": 1,
        "Grafting": 2,
        "Root Storage": 3,
        "Pruning": 2,
        "Orchard Inspector": 3,
    }
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert not keys & {"root storage", "orchard inspector"}


def test_a_form_feed_that_breaks_pages_inside_prose_gives_no_levels(tmp_path: Path) -> None:
    text = (
        "Fruit Trees\n\nA graft joins a shoot to a rootstock.\n\n\fIt heals in a month.\n\n"
        "Root Storage\n\nRoots hold sugar.\n\n\fThe rootstock sets the size.\n"
    )
    path = tmp_path / "paged.txt"
    path.write_text(text, encoding="utf-8")
    levels = {b.level for b in read(path, detect(path)).blocks() if b.kind == "heading"}
    assert levels == {2}


def test_another_name_after_or_set_off_by_commas_is_a_plain_texts_definition() -> None:
    """ "… an inner seed coat, or tegmen, which …": a noun phrase after an article, then
    ", or" and another name set off by commas before a relative clause, names it weakly in
    plain text; two things after "of", or a plural of the same word, are no other name."""
    cases = {
        "The seed has two coats: an outer testa and an inner seed coat, or tegmen, which "
        "lies against the embryo.": ["tegmen"],
        "At the tip of the shoot is the apical growing point, or the apical meristem, which "
        "divides.": ["apical meristem"],
        "Wilting follows a loss of water, or severe heat, which the leaf senses.": [],
        "Each is the root segment, or segments, that absorb water.": [],
    }
    assert {sentence: _named(sentence) for sentence in cases} == cases


def test_a_bare_noun_then_called_names_the_term_in_plain_text() -> None:
    """ "… dense woody tissue called the heartwood": a noun without an article, then the
    naming verb, names the term in plain text (Markdown has it in bold); a verb's subject
    ("The growers called for …") or an adverb ("Gardeners later called the plan …") is no
    such noun."""
    cases = {
        "The trunk is reinforced with dense woody tissue called the heartwood.": ["heartwood"],
        "The stem bears ridges of bark called the lenticel rows.": ["lenticel row"],
        "The growers called for a new market.": [],
        "Gardeners later called the plan a failure.": [],
    }
    assert {sentence: _named(sentence) for sentence in cases} == cases


def test_lines_that_each_gloss_a_label_after_a_colon_are_a_list(tmp_path: Path) -> None:
    # A bulleted list of commands saved as text: the markers are gone and each item is a
    # line of its own. Those short enough to pass for titles were read as headings, so
    # the list became sections and its verbs (创建, 删除) concepts.
    text = (
        "指令的种类\n\n"
        "DCL 用来确认或者取消对数据库中的数据进行的变更，包含以下几种指令。\n\n"
        "COMMIT ： 确认对数据库中的数据进行的变更\n\n"
        "ROLLBACK ： 取消对数据库中的数据进行的变更\n\n"
        "GRANT ： 赋予用户操作权限\n\n"
        "REVOKE ： 取消用户的操作权限\n\n"
        "实际使用的 SQL 语句当中有 90% 属于 DML。\n\n"
        "Parts of a Plant\n\n"
        "Root: holds the plant in the soil\n\n"
        "Stem: carries water up\n\n"
        "Each part has one job. A single line with a colon stays what it was:\n\n"
        "Chapter Summary: Plants\n\n"
        "Plants make their own food.\n"
    )
    path = tmp_path / "commands.txt"
    path.write_text(text, encoding="utf-8")
    kinds = {b.text: b.kind for b in read(path, detect(path)).blocks()}
    for line in ("COMMIT ： 确认对数据库中的数据进行的变更", "GRANT ： 赋予用户操作权限",
                 "ROLLBACK ： 取消对数据库中的数据进行的变更", "Root: holds the plant in the soil",
                 "Stem: carries water up"):  # fmt: skip
        assert kinds[line] == "list_item", line
    assert kinds["指令的种类"] == kinds["Parts of a Plant"] == "heading"
    assert kinds["Chapter Summary: Plants"] == "heading"


def test_a_list_of_objectives_is_no_use_before_a_plain_definition() -> None:
    """The objectives preview the terms a section will introduce: in plain text, as with the
    bold, the definition after them and two overview uses is still where the term is
    introduced, and counts twice (an anatomy chapter lost "tight junction" to its
    objectives)."""
    confidence = _defined_as(
        "By the end of this section, you will be able to:",
        "Distinguish between seed banks and cold frames in a garden",
        "Explain how a garden keeps its seeds through the winter",
        "Gardens keep a seed bank and a cold frame.",
        "The seed bank and the cold frame matter in winter.",
        "A seed bank is a store of seeds kept for later years.",
        "Every seed bank is checked in spring.",
    )
    assert confidence["seed bank"] == DEFINED_EMPHASIS


def test_a_connective_before_a_plain_definition_defines_as_the_rest_would() -> None:
    """ "In contrast, X is the …", "Finally, the X is a …", "For example, a X is a …": the
    connective ties the sentence to the one before; the rest still defines its subject."""
    for sentence, term in (
        ("In contrast, a cold frame is a low box with a glass lid.", "cold frame"),
        ("Finally, the seed bank is a store of seeds kept for later years.", "seed bank"),
        ("For example, a hot bed is a frame warmed by rotting manure.", "hot bed"),
    ):
        assert [d.term for d in find_definitions(sentence, 0, False, (), True)] == [term]
    # where the emphasis is kept, the emphasised-term rule reads such sentences: unchanged
    assert not list(find_definitions("In contrast, a cold frame is a low box.", 0, False))
    # a connective followed by more than its comma is no connective
    assert not list(
        find_definitions("In contrast with a hot bed, a cold frame is cool.", 0, False, (), True)
    )


def test_a_hedge_on_how_exactly_a_definition_speaks_leaves_it_defining() -> None:
    # "Technically, cookies are arbitrary pieces of data …" was a deck's one definition
    for sentence, term in (
        ("Technically, tolls are fixed sums of money charged by a bridge owner.", "tolls"),
        ("Roughly speaking, a ford is a shallow place to cross a river.", "ford"),
        ("Put simply, a weir is a low wall built across a river.", "weir"),
    ):
        assert [d.term for d in find_definitions(sentence, 0, False, (), True)] == [term]


def test_a_hedge_after_the_verb_estimates_and_defines_nothing() -> None:
    # "A common recommendation … is perhaps three to six months' worth of expenses": an
    # estimate hedged after its verb, no definition of a "common recommendation"
    for sentence in (
        "A usual allowance for hikers is perhaps two litres of water a day.",
        "A typical harvest in a dry year is probably half the usual yield.",
    ):
        assert not list(find_definitions(sentence, 0, False, (), True)), sentence
    # the same sentence, unhedged, still defines weakly
    sentence = "A weir is a low wall built across a river."
    assert [d.term for d in find_definitions(sentence, 0, False, (), True)] == ["weir"]


def test_a_words_origin_or_its_fields_vocabulary_leaves_the_sentence_defining() -> None:
    # "In motion picture terminology, a montage (from the French for …) is a …" defined
    # nothing: the lead-in and the aside stood between the name and its verb
    for sentence, term in (
        ('A fresco (from the Italian for "fresh") is a painting on wet plaster.', "fresco"),
        ("Tempera (Latin for mixing) is a paint bound with egg yolk.", "Tempera"),
        ("In sailing terminology, a jib is a small sail set forward of the mast.", "jib"),
        ("In legal parlance, a tort is a civil wrong that causes harm.", "tort"),
    ):
        assert [d.term for d in find_definitions(sentence, 0, False, (), True)] == [term]
    # a bracket of plain words is no origin: it still hides the verb
    assert not list(
        find_definitions("A jib (the small one) is a sail set forward.", 0, False, (), True)
    )


def test_means_after_an_article_is_the_noun_not_the_verb_of_a_definition() -> None:
    # "Eisenstein regarded montage as a dialectical means of …" defined its first words
    for sentence in (
        "Vasari treated drawing as a useful means of teaching design.",
        "The guild saw apprenticeship as the main means to enter the trade.",
    ):
        assert not list(find_definitions(sentence, 0, False, (), True))
    # the name's own article, and the verb "means", still define
    assert [d.term for d in find_definitions("A sketch means a quick drawing.", 0, False)] == [
        "sketch"
    ]


def test_a_plain_sentence_opening_on_a_name_and_its_makeup_defines_it_weakly() -> None:
    """ "X consists of …", "X is made from …", "X describes the …": in plain text, where the
    bold that marked X is gone, the sentence reads as a weak definition of X."""
    for sentence, term in (
        ("Leaf mould consists mostly of rotted oak leaves.", "Leaf mould"),
        ("A cold frame is made from planks and an old window.", "cold frame"),
        ("Green manure is also formed from clover sown in autumn.", "Green manure"),
        ("A germination rate describes the share of seeds that sprout.", "germination rate"),
    ):
        found = list(find_definitions(sentence, 0, False, (), True))
        assert [(d.term, d.confidence) for d in found] == [(term, WEAK)]
    # a part of something named before, a pointer to the text, a demonstrative: no name
    for sentence in (
        "The wall of the frame is made of oak.",
        "The next section describes how seeds are stored.",
        "This bed is composed of three layers.",
    ):
        assert not list(find_definitions(sentence, 0, False, (), True))
    # where the emphasis is kept, the bold says which name the sentence introduces
    assert not list(find_definitions("Leaf mould consists of rotted leaves.", 0, False))


def test_what_a_technical_name_involves_or_contains_defines_it_weakly_in_plain_text() -> None:
    """ "X involves …", "X contains …": a weak definition where X is a technical name; an
    everyday subject ("Symptoms include …") names nothing."""
    found = find_definitions("Vernalization involves chilling seeds for weeks.", 0, False, (), True)
    assert [(d.term, d.confidence) for d in found] == [("Vernalization", WEAK)]
    for sentence in ("Symptoms include wilting leaves.", "The main steps involve digging."):
        assert not list(find_definitions(sentence, 0, False, (), True))


def test_a_subject_given_another_name_in_passing_is_what_its_sentence_defines() -> None:
    """ "X, also called Y, is …": in plain text the subject X is weakly defined by the rest of
    the sentence, beside the alias Y that the naming verb gives."""
    found = find_definitions(
        "Cold frames, also called garden lights, are boxes with a glass lid.", 0, False, (), True
    )
    assert {(d.term, d.confidence) for d in found} >= {("Cold frames", WEAK)}
    # where the emphasis is kept, the bold says which of the two names is taught
    assert all(
        d.term != "Cold frames"
        for d in find_definitions("Cold frames, also called garden lights, are boxes.", 0, False)
    )


def test_a_name_restated_after_a_dash_and_that_is_is_defined_weakly_in_plain_text() -> None:
    """ "… upend the crop rotation of the valley—that is, the order in which …": a name after
    an article, then "—that is," restating it, is a weak definition in plain text."""
    sentence = "Farmers kept the crop rotation—that is, the order in which fields are sown."
    found = find_definitions(sentence, 0, False, (), True)
    assert [(d.term, d.confidence) for d in found] == [("crop rotation", WEAK)]
    # no article before it: an adjective list, "protectionist or mercantilist policies—that is"
    assert not list(
        find_definitions("They made protectionist rules—that is, laws.", 0, False, (), True)
    )


def test_kinds_listed_with_their_head_repeated_are_the_lost_bold_in_plain_text() -> None:
    """ "raised beds, sunken beds, and hot beds": a list that repeats its head names kinds of
    one thing, the terms a textbook sets in bold; the last item ends at the head, the first
    keeps no more modifiers than the others, and a list of anything else names nothing."""
    assert shared_head_items("Gardens have raised beds, sunken beds, and hot beds.") == [
        "raised beds",
        "sunken beds",
        "hot beds",
    ]
    # two items, the last running on into the sentence; the Oxford comma either way
    assert shared_head_items("Plots hold cold frames and warm frames built of wood") == [
        "cold frames",
        "warm frames",
    ]
    assert shared_head_items("Dig clay soils, sandy soils or loam soils.") == [
        "clay soils",
        "sandy soils",
        "loam soils",
    ]
    # the first item's verb and article are no modifiers: "form", "the"
    assert shared_head_items("Roots form the root hairs and lateral hairs.") == [
        "root hairs",
        "lateral hairs",
    ]
    for sentence in (
        "Beds and frames and pots.",  # no shared head
        "Water it compared with and integrated with the rest.",  # a stop word as the head
        "Weed the beds, and the beds stay clean.",  # an article in a later item
    ):
        assert shared_head_items(sentence) == [], sentence


def test_a_listed_kind_named_again_is_introduced_one_named_once_is_in_passing() -> None:
    text = [
        "Gardens are planned in seasons.",
        "Growers build raised beds, sunken beds, and hot beds, and sow seed trays.",
        "A raised bed drains fast. Sunken beds keep water. Hot beds need manure.",
    ]
    drafts = {d.key: d for d in find_concepts(_plain_blocks(text), False, 60)[0]}
    assert {"raised bed", "sunken bed", "hot bed"} <= drafts.keys()
    assert all("emphasis" in drafts[k].sources for k in ("raised bed", "sunken bed", "hot bed"))
    once = [*text[:2], "A raised bed drains fast. Sunken beds keep water."]
    drafts = {d.key: d for d in find_concepts(_plain_blocks(once), False, 60)[0]}
    assert "emphasis" in drafts["sunken bed"].sources
    assert "hot bed" not in drafts or "emphasis" not in drafts["hot bed"].sources
    # where the document keeps its emphasis, a list is read as written: no lost bold
    marked = [Block("paragraph", text[0], 1, 0, ("seasons",)), *_plain_blocks(text[1:])]
    drafts = {d.key: d for d in find_concepts(marked, False, 60)[0]}
    assert all("emphasis" not in d.sources for d in drafts.values())


def test_a_paragraph_opening_on_a_kind_of_its_section_topic_defines_that_kind(
    tmp_path: Path,
) -> None:
    # a handout names each kind of its section's topic at a paragraph's head, "<kind> <the
    # heading's plural> are …", with no bold and no "is a": the kinds were no concepts
    notes = (
        "# Bridges\n\n"
        "Engineers choose a bridge for the span and the ground it stands on.\n\n"
        "## Fixed bridges\n\n"
        "Fixed bridges carry a road across a river that ships do not need to pass.\n\n"
        "Arch bridges are built from stones pressed together by their own weight, so the "
        "load turns into thrust at each abutment.\n\n"
        "Truss bridges are framed from triangles of steel that share the load between "
        "their members, and a truss is cheap to build.\n\n"
        "Most bridges are inspected every two years.\n\n"
        "These bridges are older than the roads they carry.\n"
    )
    concepts = {c.title.lower(): c for c in concepts_of(tmp_path, notes, "bridges.md")}
    for kind in ("arch bridges", "truss bridges"):
        assert "definition" in concepts[kind].sources, kind
        assert (concepts[kind].description or "").startswith(kind.capitalize())
    # a determiner or a quantity before the plural points back at the topic: no kind
    assert "most bridges" not in concepts and "these bridges" not in concepts


def test_an_acronym_spelled_out_without_brackets_is_one_concept_under_its_name(
    tmp_path: Path,
) -> None:
    assert spelled_acronyms("the archive is run by the NDC-- National Data Centre.") == [
        ("National Data Centre", "NDC")
    ]
    assert spelled_acronyms("We file it with the LRB for Land Registry Board today.") == [
        ("Land Registry Board", "LRB")
    ]
    assert spelled_acronyms("the Bureau of Water Records, or BWR, keeps them") == [
        ("Bureau of Water Records", "BWR")
    ]
    # initials that do not spell the acronym are no expansion of it
    assert spelled_acronyms("We met the CEO, Jane Smith Doe, at noon.") == []
    text = (
        "Surveyors send every plan to a central office. It is usually called the LRB for "
        "Land Registry Board.\n\nThe LRB checks each plan against the old maps, and the LRB "
        "keeps a copy.\n\nOnce the LRB has stamped a plan, the boundary is official.\n"
    )
    concepts = concepts_of(tmp_path, text, "talk.txt")
    titles = {c.key: c.title for c in concepts}
    assert titles.get("land registry board") == "Land Registry Board"  # its capitals kept
    assert "lrb" not in titles  # the acronym is the same concept


def test_an_email_saved_as_text_is_titled_by_its_subject_without_header_or_signature(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lesson.txt"
    path.write_text(
        "From: A Teacher <teacher@example.org>\n"
        "To: Class 9B <class9b@example.org>\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\n"
        "Subject: Re: Fwd: =?utf-8?q?Lesson_4=3A_Levers?=\n"
        "\n"
        "Hello everyone,\n\n"
        "A lever is a rigid bar that turns about a fixed point called the fulcrum.\n\n"
        "-- \n"
        "A Teacher\nOffice hours: Tuesday 2 pm, Room 12\n",
        encoding="utf-8",
    )
    blocks = read(path, detect(path)).blocks()
    assert (blocks[0].kind, blocks[0].level, blocks[0].text) == ("heading", 1, "Lesson 4: Levers")
    text = "\n".join(b.text for b in blocks)
    assert "From:" not in text and "class9b" not in text  # the header is no lesson
    assert "fulcrum" in text
    assert "Office hours" not in text  # nor is the signature


def test_a_note_opening_with_labelled_lines_is_no_email(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "Topic: Levers\nLevel: Year 9\n\nA lever turns about its fulcrum.\n\n--\n\nMore notes.\n",
        encoding="utf-8",
    )
    text = "\n".join(b.text for b in read(path, detect(path)).blocks())
    assert "Topic: Levers" in text and "More notes." in text  # no From/Subject: no header


def test_a_broken_email_header_is_read_as_text() -> None:
    from jobs.pipeline.readers import mail

    whole = ["From: a@example.org", "Subject: Levers", "", "Body."]
    assert mail.header_length(whole) == 2
    assert mail.header_length(whole[:2]) == 0  # cut before the header ended
    assert mail.header_length(["  folded", *whole]) == 0  # a continuation opens nothing
    assert mail.header_length(["From: a", *(f"X-{i}: v" for i in range(80)), "Subject: s", ""]) == 0
    assert mail.header_length(["From: a", "Subject: \x00\ufffd", "", "x"]) == 2
    assert mail.subject(["From: a", "Subject: \x00\ufffd"]) == "\x00\ufffd"
    assert mail.subject(["From: a", "Subject: =?bogus?q?broken"]).startswith("=?bogus")
    assert mail.header_length([]) == 0


def test_a_line_between_runs_of_equals_signs_is_a_section_heading(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "== 1. Simple machines ==\n\nA lever turns about its fulcrum.\n\n"
        "=== Pulleys ===\n\nA pulley changes the direction of a force.\n\n"
        "x == y == z\n\n== unbalanced =\n",
        encoding="utf-8",
    )
    blocks = read(path, detect(path)).blocks()
    headings = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert headings == [("1. Simple machines", 2), ("Pulleys", 3)]


def test_an_email_subjects_list_tag_and_bracketed_note_are_no_title() -> None:
    from jobs.pipeline.readers import mail

    def title(subject: str) -> str:
        return mail.subject(["From: a@example.org", f"Subject: {subject}"])

    assert title("[phys-9b] Lesson 4: Levers (due Monday)") == "Lesson 4: Levers"
    assert title("Re: [phys-9b] Pulleys [updated]") == "Pulleys"
    assert title("(no subject)") == "(no subject)"  # a note alone is left as it is
    assert title("Work (physics) and energy") == "Work (physics) and energy"


def test_a_day_of_the_week_alone_is_no_concept() -> None:
    from jobs.pipeline.structure import acceptable

    assert not acceptable("Friday", heading=True)  # "== For Friday ==": homework's date
    assert not acceptable("Monday's", heading=True)
    assert acceptable("Good Friday Agreement", heading=True)  # a name that holds one
    assert acceptable("march", heading=True)  # a month's name is a word too


def _read_notes(tmp_path: Path, text: str) -> list[Block]:
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    return read(path, detect(path)).blocks()


_READING_APP_NOTES = (
    "《细胞生物学导论》\n王教授\n5个笔记\n\n"
    "◆ 第一讲 细胞膜\n\n"
    ">> 细胞膜是包围细胞质的一层薄膜，控制物质进出细胞。\n\n"
    "    2025/01/09发表想法\n\n"
    "    考试一定会考这个。\n\n"
    "    原文：细胞膜是包围细胞质的一层薄膜，控制物质进出细胞。\n\n"
    ">> 主动运输是细胞消耗能量逆浓度梯度转运物质的过程。\n\n"
    "-- 来自微信读书\n"
)


def test_a_reading_apps_notes_export_keeps_the_books_highlights_not_the_readers_thoughts(
    tmp_path: Path,
) -> None:
    blocks = _read_notes(tmp_path, _READING_APP_NOTES)
    assert [(b.kind, b.level, b.text) for b in blocks[:2]] == [
        ("heading", 1, "细胞生物学导论"),  # the book's title, its 《》 off
        ("heading", 2, "第一讲 细胞膜"),  # a chapter, its ◆ off
    ]
    text = "\n".join(b.text for b in blocks)
    assert text.count("细胞膜是包围") == 1 and "原文" not in text  # the thought's quote
    assert "考试" not in text and "发表想法" not in text  # the reader's own aside
    assert ">>" not in text and "来自微信读书" not in text
    assert "王教授" not in text and "个笔记" not in text  # the author and the note count
    assert "主动运输是细胞消耗能量" in text


_E_READER_CLIPPINGS = (
    "\ufeffIntroduction to Botany (A. Gardener)\r\n"
    "- Your Highlight on page 3 | Location 40-42 | Added on Monday, 1 June 2026 09:00:00\r\n"
    "\r\nA rhizome is an underground stem that grows horizontally.\r\n==========\r\n"
    "\ufeffIntroduction to Botany (A. Gardener)\r\n"
    "- Your Note on page 3 | Location 42 | Added on Monday, 1 June 2026 09:01:00\r\n"
    "\r\nquiz: ask about ginger\r\n==========\r\n"
    "\ufeffIntroduction to Botany (A. Gardener)\r\n"
    "- Your Bookmark on page 9 | Location 120 | Added on Monday, 1 June 2026 09:05:00\r\n"
    "\r\n\r\n==========\r\n"
    "\ufeffSoil Basics (B. Digger)\r\n"
    "- Your Highlight on page 7 | Location 90-91 | Added on Tuesday, 2 June 2026 10:00:00\r\n"
    "\r\nHumus is the dark organic matter in soil.\r\n==========\r\n"
)


def test_an_e_readers_clippings_file_keeps_the_highlights_under_their_book(
    tmp_path: Path,
) -> None:
    blocks = _read_notes(tmp_path, _E_READER_CLIPPINGS)
    assert (blocks[0].kind, blocks[0].text) == ("heading", "Introduction to Botany")
    text = "\n".join(b.text for b in blocks)
    assert "A rhizome is an underground stem" in text and "Humus is the dark" in text
    assert "quiz" not in text  # the reader's own note
    assert "Your Highlight" not in text and "=====" not in text and "Gardener" not in text
    assert text.count("Introduction to Botany") == 1  # not once an entry
    assert ("heading", "Soil Basics") in [(b.kind, b.text) for b in blocks]  # the next book


def test_a_note_opening_on_a_books_title_without_a_note_count_is_read_as_text(
    tmp_path: Path,
) -> None:
    text = "\n".join(
        b.text for b in _read_notes(tmp_path, "《论语》\n\n学而时习之。\n\n>> 引用的一句\n")
    )
    assert "《论语》" in text and ">> 引用的一句" in text


def test_we_call_this_function_runs_it_and_names_nothing() -> None:
    def names(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, ())]

    assert names("Each time we call this function, the planter waters one bed.") == []
    assert names("When we call this method, the tray tilts.") == []
    # a name after the thing is still given
    assert names("We call this function a watering schedule.") == ["watering schedule"]
    assert names("We call this grafting.") == ["grafting"]


def test_a_sentence_opening_the_term_names_what_follows_it() -> None:
    def names(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, ())]

    # the capital "The" opens the sentence, and the verb ends the name, prepositions and all
    assert names("The term crop rotation refers to growing different plants in turn.") == [
        "crop rotation"
    ]
    assert names("The term irrigation through tubes refers to piping water to each root.") == [
        "irrigation through tubes"
    ]
    assert names("The term “mulch” is used for any layer spread over the soil.") == ["mulch"]
    # no word of what the name stands for: "term" is a noun of its own sentence
    assert names("The term paper on soils is due on Friday.") == []
    assert names("The term in brackets is worked out first.") == []
    # "term" and the noun after it are one name
    assert names("The term structure of seed prices describes each season's cost.") == []


def test_means_after_the_term_ends_the_name() -> None:
    def names(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, (), True)]

    # "means" is a noun too, and ran into the name: "seedlings means plants" was a term
    opened = "Here the term seedlings means plants less than a month old."
    assert names(opened) == ["seedlings"]
    pair = "The term bed refers to a plot, while the term row means one line of seeds."
    assert "row" in names(pair) and "row means one line" not in " ".join(names(pair))


_CLIPPINGS = (
    "\ufeff细胞生物学导论 (王教授)\n"
    "- 您在第 12 页（位置 #170-172）的标注 | 添加于 2025年1月9日星期四 下午8:01:02\n\n"
    "细胞膜是包围细胞质的一层薄膜。\n"
    "==========\n"
    "细胞生物学导论 (王教授)\n"
    "- 您在第 12 页（位置 #170-175）的标注 | 添加于 2025年1月9日星期四 下午8:01:40\n\n"
    "细胞膜是包围细胞质的一层薄膜。它控制物质进出细胞。\n"
    "==========\n"
    "细胞生物学导论 (王教授)\n"
    "- 您在第 12 页（位置 #175）的笔记 | 添加于 2025年1月9日星期四 下午8:02:00\n\n"
    "期末必考\n"
    "==========\n"
    "细胞生物学导论 (王教授)\n"
    "- 您在第 20 页（位置 #300）的书签 | 添加于 2025年1月9日星期四 下午8:03:00\n\n\n"
    "==========\n"
    "Genetics Primer (A. Author)\n"
    "- Your Highlight on page 3 | Location 40-41 | Added on Friday, 10 January 2025 09:00:00\n\n"
    "A gene is a unit of heredity.\n"
    "==========\n"
)


def test_an_e_readers_clippings_file_keeps_the_highlights_under_their_books(
    tmp_path: Path,
) -> None:
    blocks = _read_notes(tmp_path, _CLIPPINGS)
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    # the first book the title, its author off; another book a section, not every entry's
    assert headings == [(1, "细胞生物学导论"), (2, "Genetics Primer")]
    text = "\n".join(b.text for b in blocks)
    assert "王教授" not in text and "添加于" not in text and "Added on" not in text
    assert "=====" not in text and "期末必考" not in text  # separators; the reader's note
    # the highlight the reader extended is kept once, as extended
    assert text.count("细胞膜是包围") == 1 and "它控制物质进出细胞" in text
    assert "A gene is a unit of heredity." in text


def test_a_worksheet_typed_a_question_a_line_reads_each_as_its_own_paragraph(
    tmp_path: Path,
) -> None:
    """Guided notes typed one numbered question a line with no blank line between: read
    by blank lines they were one paragraph, each sentence ending on the next number (" …
    the roots. 2."). Each number after the last opens a paragraph, its number kept; the
    key at the end then fills the blanks ("Answer Key", then "1. xylem 2. phloem …", a
    short line the reader takes for a heading)."""
    path = tmp_path / "notes.txt"
    path.write_text(
        "Guided Notes: Plant Transport\n\n"
        "1. The tissue that carries water up from the roots is called ______.\n"
        "2. The tissue that carries sugars from the leaves is called ______.\n"
        "3. Water lost through the leaves is called ______.\n\n"
        "Answer Key\n1. xylem 2. phloem 3. transpiration\n",
        encoding="utf-8",
    )
    blocks = [b for page in read(path, detect(path)).pages for b in page.blocks]
    assert [b.text[:3] for b in blocks[1:4]] == ["1. ", "2. ", "3. "]
    assert {b.kind for b in blocks[1:4]} == {"list_item"}
    # a short numbered list is a list, no run of headings ("1. Xylem" titled the document)
    short = tmp_path / "list.txt"
    short.write_text("Plant Tissues\n\nThree tissues.\n\n1. Xylem\n2. Phloem\n3. Cambium\n")
    listed = read(short, detect(short))
    assert listed.title == "Plant Tissues"
    assert [b.kind for page in listed.pages for b in page.blocks][2:] == ["list_item"] * 3
    described = {c.key: c.description for c in analyse_file(path, language="en").knowledge.concepts}
    assert described["xylem"] == "The tissue that carries water up from the roots is called xylem."
    assert described["phloem"] == "The tissue that carries sugars from the leaves is called phloem."


def test_a_chinese_item_opening_on_a_latin_name_and_an_answer_key_line_stand_alone(
    tmp_path: Path,
) -> None:
    """Plain-text Chinese notes typed a point a line: "2.DNA是…" opens on a Latin name
    the Chinese runs on from, and was joined to the point before it; "参考答案" under the
    last question is the key's heading, no part of the question; a fill-in point keeps
    its number (a point's marker is taken off otherwise), and the key's "1.DNA", read as
    a heading, still answers it."""
    path = tmp_path / "练习.txt"
    path.write_text(
        "第三章 遗传的分子基础\n一、填空题\n1.基因是有遗传效应的______片段。\n"
        "2.DNA是主要的遗传物质。\n3.RNA一般是单链。\n参考答案\n1.DNA\n",
        encoding="utf-8",
    )
    blocks = [b for page in read(path, detect(path)).pages for b in page.blocks]
    texts = [b.text for b in blocks]
    assert "DNA是主要的遗传物质。" in texts and "RNA一般是单链。" in texts, texts
    assert "参考答案" in texts, texts
    # a fill-in point keeps its number, which the key's answer names: filled from it
    assert "1.基因是有遗传效应的DNA片段。" in [b.text for b in blanks_filled_by_key(blocks)]
