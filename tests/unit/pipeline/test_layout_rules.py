"""Layout rules that carry over to any textbook, each on text written for the test:
inline HTML emphasis, glosses inside emphasis, hyphens at line ends, code named in prose,
plain-text and PDF headings, glossary entries, quoted names, coordinated headings."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import rjieba

from datasources.concept_keys import concept_key
from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.concepts import (
    Draft,
    _merge_abbreviated_genera,
    _merge_ics_plurals,
    _merge_spacing_variants,
    _merge_surnames,
    _merge_titled_as_another,
    _ocr_slip,
    marked_allowance,
)
from jobs.pipeline.definitions import (
    DEFINED_EMPHASIS,
    EMPHASIS,
    GLOSSARY,
    WEAK,
    find_definitions,
    lead_in_left_open,
    states_a_clause,
)
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read
from jobs.pipeline.readers.blocks import join_lines
from jobs.pipeline.readers.markdown import parse
from jobs.pipeline.structure import (
    acceptable,
    code_names,
    defined_in_code,
    emphasis_terms,
    heading_terms,
    shared_head,
)
from jobs.pipeline.terms import collect
from jobs.pipeline.textutil import PLACEHOLDER, prose, regroup_zh, sentences, zh_width
from tests.unit.pipeline.written import concepts_of, keys_of


def terms(heading: str, level: int = 2) -> list[str]:
    """The topics `heading_terms` reads in a heading at `level`."""
    return [c.term for c in heading_terms(heading, 0, level)]


def test_inline_html_marks_emphasis_in_markdown() -> None:
    blocks = parse(
        "A <u>priority queue</u> serves the <b>highest priority</b> first; a "
        '<span class="x">span</span> is not emphasis, and <dfn>heap order</dfn> is.\n'
    )
    assert blocks[0].emphasis == ("priority queue", "highest priority", "heap order")
    assert blocks[0].text.startswith("A priority queue serves the highest priority first")


def test_unbalanced_html_tags_do_not_break_emphasis() -> None:
    blocks = parse("A </u> stray closing tag, then *a real term* and <u>an open one\n")
    assert blocks[0].emphasis == ("a real term", "an open one")


def test_underlined_docx_runs_are_emphasis(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("A ")
    paragraph.add_run("min-heap").underline = True
    paragraph.add_run(" keeps the smallest key at its root.")
    path = tmp_path / "heap.docx"
    document.save(str(path))
    read_back = read(path, detect(path, filename=path.name))
    assert read_back.blocks()[0].emphasis == ("min-heap",)


def test_a_gloss_inside_emphasis_is_not_part_of_the_name() -> None:
    cues = emphasis_terms(("堆（heap）", "breadth-first search (BFS)", "plain term"), 0)
    assert [c.term for c in cues] == ["堆", "breadth-first search", "plain term"]
    # a PDF's bold run ends at its last word, before the closing bracket
    assert [c.term for c in emphasis_terms(("哈希表（hash table",), 0)] == ["哈希表"]


def test_hyphens_at_line_ends() -> None:
    # a word broken by the layout is joined; a compound keeps its hyphen
    assert join_lines(["the compu-", "ter stores a catch-", "all value"]) == (
        "the computer stores a catch-all value"
    )
    assert join_lines(["a breadth-", "first search over a light-", "weight graph"]) == (
        "a breadth-first search over a lightweight graph"
    )
    assert join_lines(["an aver-", "age of x-", "coordinates"]) == "an average of x-coordinates"


def test_chinese_lines_join_without_a_space_but_before_a_numbered_item() -> None:
    # a wrapped sentence joins as it was; a line opening on a question's number or a
    # part's stays a new item, as the paper set it
    assert join_lines(["植物通过光合作用制造", "有机物。"]) == "植物通过光合作用制造有机物。"
    assert join_lines(["A．根　B．茎", "2．叶片上的气孔是（　）", "（1）保卫细胞"]) == (
        "A．根　B．茎 2．叶片上的气孔是（　） （1）保卫细胞"
    )
    assert join_lines(["长度为", "2.5米"]) == "长度为2.5米"


def test_code_named_by_what_it_is() -> None:
    text = (
        "The `push` method appends, the `impl Trait` syntax hides the type, a function "
        "called `sorted` returns a copy, and `git add` 命令暂存文件; `x.len()` is a call "
        "and `myVar` a variable."
    )
    assert [c.term for c in code_names(text, 0)] == ["push", "impl Trait", "sorted", "git add"]


def test_the_chapters_own_code_names_are_examples() -> None:
    code = "fn longest(x: &str) -> &str { x }\nstruct Point { x: i32 }\ndef area(r):\n    pass"
    assert defined_in_code(code) >= {"longest", "Point", "area"}


def test_code_named_twice_becomes_a_concept_but_not_the_examples_own_names(
    tmp_path: Path,
) -> None:
    path = tmp_path / "queue.md"
    path.write_text(
        "# Queues\n\nA queue holds items in arrival order. The `enqueue` operation adds an "
        "item at the back.\n\nThe `enqueue` operation never blocks, and the `dequeue` "
        "operation removes the front item.\n\nWe call the `dequeue` operation on an empty "
        "queue an underflow. The `drain` function empties a queue. The `drain` function "
        "returns the items in order. The `summarise` function prints them; the `summarise` "
        "function is ours.\n\n```python\ndef summarise(queue):\n    print(list(queue))\n```\n",
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path).knowledge.concepts}
    assert "drain" in keys  # the `drain` function, twice
    assert "summarise" not in keys  # defined by the chapter's own code: an example's name


def test_code_a_heading_names_is_the_sections_topic_though_named_once(tmp_path: Path) -> None:
    """A Chinese tutorial heads a section "3. fold方法" and names `fold` as code once in
    it: the section is about the code, which is its concept (under the code's name, not as
    "fold方法", which the body never writes); so is `pick` under "pick索引器". Code named
    once under a heading that does not name it stays a passing mention."""
    path = tmp_path / "seq.md"
    path.write_text(
        "# 序列工具\n\n## 1. 序列的创建\n\n序列是有序的元素集合，可以由列表创建。\n\n"
        "## 2. pick索引器\n\n`pick` 方法按位置取出序列的一个元素，位置从零开始。"
        "`pick` 的参数是整数，`pick` 不接受字符串。\n\n"
        "## 3. fold方法\n\n`fold` 方法把序列的元素依次合并为一个值，需要给出初始值。\n\n"
        "```python\ntotal = seq.fold(0, add)\n```\n\n"
        "## 4. 小结\n\n序列还可以用 `tally` 函数计数，这里不再展开。\n",
        encoding="utf-8",
    )
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    keys = {c.key for c in concepts}
    assert {"fold", "pick"} <= keys
    assert "fold方法" not in keys
    assert "tally" not in keys  # named once, under a heading about something else


def test_plain_text_headings(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "Hash Tables\n===========\n\nA hash table maps keys to values.\n\n"
        "Collision resolution by chaining\n--------------------------------\n\n"
        "Each bucket holds a list.\n\nWhat Is Probing?\n\nProbing looks for a free slot.\n\n"
        "什么是负载因子？\n\n负载因子是元素数量除以桶数量。\n\n"
        "Listing 3-1: Probing in Python\n\nx = 1\n---\n",
        encoding="utf-8",
    )
    blocks = read(path, detect(path, filename=path.name)).blocks()
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [
        (1, "Hash Tables"),
        (2, "Collision resolution by chaining"),
        (2, "What Is Probing?"),
        (2, "什么是负载因子？"),
    ]  # a caption is not a heading, nor is code over a rule


def test_pdf_minor_headings_set_in_bold_barely_larger_than_the_body(tmp_path: Path) -> None:
    import weasyprint

    body = "<p>Probing looks for the next free slot in the table of buckets.</p>" * 3
    page = (
        "<html><body style='font-family: DejaVu Serif; font-size: 11pt'>"
        f"<h1 style='font-size: 20pt'>Hashing</h1>{body}"
        f"<h4 style='font-size: 12pt'>Linear Probing</h4>{body}"
        f"<p style='font-size: 12pt'>A larger line that is not bold.</p>{body}"
        "</body></html>"
    )
    path = tmp_path / "hashing.pdf"
    weasyprint.HTML(string=page).write_pdf(path)
    blocks = read(path, detect(path, filename=path.name)).blocks()
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [(1, "Hashing"), (2, "Linear Probing")]


def test_glossary_entries_are_definitions() -> None:
    found = list(
        find_definitions(
            "根节点（root node）：位于树顶层的节点。", 0, True, ("根节点（root node）",)
        )
    )
    assert [(d.term, d.confidence) for d in found] == [("根节点", GLOSSARY)]
    found = list(
        find_definitions("- Leaf node: a node with no children.", 0, False, ("Leaf node",))
    )
    assert [d.term for d in found] == ["Leaf node"]
    # emphasis elsewhere in the sentence, or no colon after it, is not a glossary entry
    assert not list(find_definitions("Note: a *leaf* has no children", 0, False, ("leaf",)))


def test_a_quoted_name_is_the_whole_name() -> None:
    found = list(find_definitions("We call this a “three-way merge” in Git.", 0, False, ()))
    assert [d.term for d in found] == ["three-way merge"]
    found = list(find_definitions("This move is called a “fast-forward”.", 0, False, ()))
    assert [d.term for d in found] == ["fast-forward"]


def test_a_name_in_title_case_keeps_its_capitalised_small_words() -> None:
    found = list(find_definitions("Also known as Design By Contract, it checks inputs.", 0, False))
    assert [d.term for d in found] == ["Design By Contract"]
    assert acceptable("Design By Contract")
    # lower case, the small word still makes a clause of it
    assert not acceptable("increase the count") and not acceptable("design by contract")


def test_a_course_sites_navigation_bar_is_not_text() -> None:
    blocks = parse(
        "[Contents](../Contents.md) \\| [Previous (7.3 Returning Functions)](03.md) \\| "
        "[Next (7.5 Decorated Methods)](05.md)\n\n"
        "# 7.4 Function Decorators\n\n"
        "[上一节：闭包](closures.md)\n\n"
        "See [the Rust book](book.md) and [MDN](mdn.md) for more.\n\n"
        "[Binary search tree](bst.md)\n\n"
        "- [Lists](lists.md) | [Sets](sets.md)\n"
    )
    # prose with links stays, and so do a lone link naming a topic and a list of links
    assert [b.text for b in blocks] == [
        "7.4 Function Decorators",
        "See the Rust book and MDN for more.",
        "Binary search tree",
        "Lists | Sets",
    ]


def test_a_lone_link_to_the_pages_forum_is_not_text() -> None:
    blocks = parse(
        "# Gradients\n\nA gradient points uphill.\n\n[Discussions](https://forum.example/t/17)\n\n"
        "[讨论](https://forum.example/t/18)\n\n[Comments on the gradient rule](notes.md)\n"
    )
    # a link naming more than the forum is a topic's
    assert [b.text for b in blocks] == [
        "Gradients",
        "A gradient points uphill.",
        "Comments on the gradient rule",
    ]


def test_a_repositorys_apparatus_headings_name_nothing() -> None:
    for text in ("Commentary", "Observation", "Sources and further reading", "Contributing"):
        assert terms(text) == []
    # a Sphinx project's front page; tensors' indices stay a topic
    assert terms("INDICES AND TABLES", level=1) == [] and terms("Indices") == ["Indices"]
    # a syllabus's and a slide deck's
    for text in ("Outline", "Prerequisites", "Grading", "Deadlines", "Thank You", "课程大纲"):
        assert terms(text, level=1) == []
    assert terms("来源及延伸阅读") == [] and terms("贡献") == []
    assert terms("不利之处：反向代理") == ["反向代理"]
    assert terms("Trade-offs") == []
    # a textbook's variants, computation or derivation of a topic name the topic
    assert terms("卷积的变种") == ["卷积"] and terms("误差项的计算") == ["误差项"]
    assert terms("总结和深入阅读") == [] and terms("典型的卷积网络结构") == ["卷积网络结构"]


def test_a_name_may_end_in_a_bare_verb_after_a_modifier() -> None:
    assert acceptable("three-way merge") and acceptable("merge commit")
    assert not acceptable("previously unseen") and not acceptable("values computed")


def test_two_nouns_name_a_thing_though_the_last_is_ordinary_prose() -> None:
    # "case", "call" and "bit" end fragments ("in this case"), not "base case"
    assert acceptable("base case") and acceptable("test case") and acceptable("function call")
    assert acceptable("sign bit")
    assert not acceptable("special case") and not acceptable("1st case")
    assert not acceptable("this case") and not acceptable("case")


def test_coordinated_heading_parts_share_the_head() -> None:
    assert shared_head(["前序", "中序", "后序遍历"]) == ["前序遍历", "中序遍历"]
    assert shared_head(["Linear", "Quadratic Probing"]) == ["Linear Probing"]
    assert shared_head(["References", "Borrowing"]) == []  # no head to share
    assert shared_head(["堆的存储", "表示"]) == []
    terms = [c.term for c in heading_terms("Preorder, Inorder, and Postorder Traversal", 0, 2)]
    assert {"Preorder Traversal", "Inorder Traversal", "Postorder Traversal"} <= set(terms)


def test_a_label_before_a_colon_or_a_dash_lends_the_name_no_head() -> None:
    # the label is no modifier coordinated with the name after it
    assert terms("Example - Soil Erosion") == ["Soil Erosion"]  # not "Erosion" too
    assert terms("Demo: Tidal Locking") == ["Demo", "Tidal Locking"]  # no "Demo Locking"
    # names coordinated after the label still share their head
    assert set(terms("Worked Case: Inner and Outer Planets")) >= {"Inner Planets", "Outer Planets"}


def test_an_everyday_word_that_is_a_whole_heading_or_a_listed_name_is_its_topic() -> None:
    assert terms("Set") == ["Set"]
    assert terms("Map and Set") == ["Map", "Set"]
    assert terms("Variable scope, closure") == ["Variable scope", "closure"]
    # a word left over once a heading is cut at a preposition is not a topic
    assert "Point" not in terms("Using Box<T> to Point to Data on the Heap")
    assert "Set" not in terms("Iteration over Set")


def test_an_everyday_word_in_capitals_after_an_article_is_a_headings_topic() -> None:
    # "The HOME": a tool's own name for a thing (a variable, a file), set in capitals, is no
    # everyday word
    assert terms("The HOME") == ["HOME"]
    assert terms("Inside the POINT") == ["POINT"]
    assert terms("The Point") == [] and terms("THE POINT") == []  # a heading set all in capitals


def test_slashed_names_and_code_brackets_in_headings() -> None:
    assert terms("Getters/setters") == ["Getters", "setters"]
    assert terms("Computed names [...]") == ["Computed names"]
    assert terms("TCP/IP Model") == ["TCP/IP Model"] and terms("I/O") == ["I/O"]
    assert not acceptable("src/main.rs")


def test_a_chinese_phrase_ending_on_a_place_word_or_a_relating_verb_is_no_name() -> None:
    assert not acceptable("标准库中") and not acceptable("函数具有") and not acceptable("看起来像")
    # inside something, 内 alone or in a place word rjieba holds (体内): where, no name
    assert not acceptable("线程内") and not acceptable("人体内")
    # between, before, after two things: where, no name
    assert not acceptable("两棵子树之间") and not acceptable("事务提交之后")
    assert acceptable("二叉树遍历") and acceptable("所有权") and acceptable("高中")


def test_a_counted_phrase_is_no_name() -> None:
    assert not acceptable("many times") and not acceptable("several ways")
    assert acceptable("multiple inheritance") and acceptable("times table")


def test_a_name_in_quotes_with_code_in_it_is_defined() -> None:
    found = list(find_definitions('The problem is called "losing `this`".', 0, False, ()))
    assert [(d.term, d.confidence) for d in found] == [("losing `this`", 0.85)]


def test_a_sentence_announcing_what_later_sections_show_defines_nothing() -> None:
    shown = (
        "In the next sections we will show how a ledger is kept and how the *account "
        "balance* is updated."
    )
    assert not list(find_definitions(shown, 0, False, ("*account balance*",)))
    examined = "Later we'll examine how a *hash table* grows."
    assert not list(find_definitions(examined, 0, False, ("*hash table*",)))
    # "X is a …" still defines X when the sentence also says where it comes back
    # (as the pipeline passes it: the sentence's text and its emphasised spans)
    stated = "A hash table is a keyed array that we will examine in the next section."
    assert [d.term for d in find_definitions(stated, 0, False, ("hash table",))] == ["hash table"]


def test_a_sentence_saying_what_an_emphasised_term_is_not_or_that_it_exists_defines_nothing() -> (
    None
):
    denied = "The term *natural selection* is not a full account of the theory, as we saw."
    assert not list(find_definitions(denied, 0, False, ("*natural selection*",)))
    named = "However, the term natural selection is not a full account of the theory."
    assert not list(find_definitions(named, 0, False, ()))
    assert not list(find_definitions(named, 0, False, (), plain=True))
    assert not list(find_definitions("A *virus* isn't a cell at all.", 0, False, ("*virus*",)))
    assert not list(find_definitions("*病毒*不是细胞，它没有细胞结构。", 0, True, ("*病毒*",)))
    # a rank in a list the text counts through says nothing of what the term is
    assert not list(find_definitions("**自主感**是第二。", 0, True, ("**自主感**",)))
    # nor does one saying only that some exist
    exist = "There are several *sampling methods* for estimating it."
    assert not list(find_definitions(exist, 0, False, ("*sampling methods*",)))
    # nor what it is worth ("X means nothing"), stressed or not
    worth = "*High yield* on one field means nothing."
    assert not list(find_definitions(worth, 0, False, ("*High yield*",)))
    assert not list(find_definitions("High yield means little here.", 0, False, (), plain=True))
    means = "*Crop rotation* means growing different crops in turn."
    assert [d.term for d in find_definitions(means, 0, False, ("*Crop rotation*",))] == [
        "Crop rotation"
    ]
    # nor which of the kinds just counted it is ("There are two kinds of rock. The first…")
    first = "The first kind is *igneous rock*."
    assert not list(find_definitions(first, 0, False, ("*igneous rock*",)))
    kind = "The second kind is *sedimentary rock*, rock laid down in layers by water."
    assert [d.term for d in find_definitions(kind, 0, False, ("*sedimentary rock*",))] == [
        "sedimentary rock"
    ]
    # a sentence saying what it is still defines it
    kept = "*病毒*是一种没有细胞结构的微生物。"
    assert [d.term for d in find_definitions(kept, 0, True, ("*病毒*",))] == ["病毒"]


def test_a_term_modifying_the_noun_after_it_is_not_defined_by_the_sentence() -> None:
    # the sentence is about the longer name the term opens
    solution = "For a ledger, the answer is a double entry constraint."
    assert not list(find_definitions(solution, 0, False, ("double entry",)))
    used = "The speed has to be used in travel time computation, not the mean speed."
    assert not list(find_definitions(used, 0, False, ("travel time",)))
    # before a verb or a word that is also a verb, the term is still the one defined
    kept = "A ledger is a book of accounts."
    assert [d.term for d in find_definitions(kept, 0, False, ("ledger",))] == ["ledger"]
    called = "We call this record a journal entry because it records one event."
    assert [d.term for d in find_definitions(called, 0, False, ())] == ["journal entry"]
    # one word, a noun only, before a noun is part of the longer name too ("all *integer*
    # solutions" answered "What does integer mean?")
    wall = "The *cell* membranes are thin in every leaf."
    assert not list(find_definitions(wall, 0, False, ("*cell*",)))
    word = "A *cell* is the smallest unit of a living thing."
    assert [d.term for d in find_definitions(word, 0, False, ("*cell*",))] == ["cell"]


def test_a_sentence_giving_a_terms_state_or_a_clauses_verb_defines_nothing() -> None:
    from jobs.pipeline.definitions import _states_a_condition

    # a ward note's findings say what state each reading is in, not what it is
    risen = "- **Plasma sodium** is raised, above **145 mmol/L**."
    assert not list(find_definitions(risen, 0, False, ("**Plasma sodium**",)))
    listed = "- **Urea**, **Lactate**, and **Troponin** are **raised** after the fall."
    assert not list(find_definitions(listed, 0, False, ("**Urea**",)))
    found = "Plasma sodium is raised, and **glycosuria** is present."
    assert not list(find_definitions(found, 0, False, ("**glycosuria**",)))
    # nor does that verb define a name the sentence stresses after it
    added = "The ending _ed_ is added, so _walk_ becomes _walked_ in the past tense."
    assert not list(find_definitions(added, 0, False, ("_ed_", "_walk_", "_walked_")))
    # the only "is" stands in a clause of its own after the term
    clause = "- **Thirst** (when the fluid loss is severe)"
    assert not list(find_definitions(clause, 0, False, ("**Thirst**",)))
    given = "- **Saline** by slow infusion once the pressure is stable"
    assert not list(find_definitions(given, 0, False, ("**Saline**",)))
    # a genus after "are", and a clause closed before the term's own verb, still define
    genus = "*Electrolytes* are salts that carry a charge in the blood."
    assert [d.term for d in find_definitions(genus, 0, False, ("*Electrolytes*",))] == [
        "Electrolytes"
    ]
    closed = "*Diuresis*, which follows when fluid is given, is the making of more urine."
    assert [d.term for d in find_definitions(closed, 0, False, ("*Diuresis*",))] == ["Diuresis"]
    # a term with words of its own before the clause is described by them
    own = "*Soft limits* don't stop a process, and their value doesn't change when memory is low."
    assert [d.term for d in find_definitions(own, 0, False, ("*Soft limits*",))] == ["Soft limits"]
    # a relative clause after the name says how it is done, not its state
    which = "The reverse of wrapping is unwrapping, which is done with the unwrap method."
    assert not _states_a_condition("unwrapping", which)
    # "and is …" after the name goes on about what the sentence named
    named = "This is referred to as a shadow price, and is useful when resources are scarce."
    assert [d.term for d in find_definitions(named, 0, False, ())] == ["shadow price"]


def test_a_term_only_said_to_exist_or_the_object_of_a_preposition_is_not_defined() -> None:
    # a sentence saying some exist names them in a list, and says nothing of each
    kinds = "There are two main kinds of joints, the hinge joint and the pivot joint."
    assert not list(find_definitions(kinds, 0, False, ()))
    assert not list(find_definitions(kinds, 0, False, (), plain=True))
    stressed = kinds.replace("the hinge joint", "the *hinge joint*")
    assert not list(find_definitions(stressed, 0, False, ("*hinge joint*",)))
    # one naming what it introduces still defines it
    named = "There is a joint in the neck called the pivot joint, which lets the head turn."
    assert [d.term for d in find_definitions(named, 0, False, ())] == ["pivot joint"]
    # the term after the verb and a preposition describes the subject, not itself
    marked = "It is marked by the **loss of cartilage** in the knee."
    assert not list(find_definitions(marked, 0, False, ("**loss of cartilage**",)))
    # nor does a passive's agent: the term does the choosing, it is not what is chosen
    agent = "The pivot row of a tableau is picked by the **smallest quotient rule**."
    assert not list(find_definitions(agent, 0, False, ("**smallest quotient rule**",)))
    # an agent that identifies or defines the subject is described by the sentence
    key = "Every account in the ledger is identified by an **account number**."
    assert [d.term for d in find_definitions(key, 0, False, ("**account number**",))] == [
        "account number"
    ]
    known = "This wearing of the cartilage is known as *osteoarthritis*."
    assert [d.term for d in find_definitions(known, 0, False, ("*osteoarthritis*",))] == [
        "osteoarthritis"
    ]


def test_a_stressed_name_after_a_passive_verbs_preposition_is_not_defined() -> None:
    # the sentence is about its subject: where it forms, what produces it, the state it is
    # in; the stressed name closing it is only the place, the agent or the state
    for sentence, span in (
        ("New crust is produced at **spreading centres**.", "spreading centres"),
        ("Most sea salt is derived from **weathered rock**.", "weathered rock"),
        ("Most coastal dunes are in **dynamic equilibrium**.", "dynamic equilibrium"),
    ):
        assert not list(find_definitions(sentence, 0, False, (span,))), sentence
    # naming by a verb without a preposition, or a sentence the name opens, still defines
    named = "Rock melted below the surface is called **magma**."
    assert [d.term for d in find_definitions(named, 0, False, ("magma",))] == ["magma"]
    opened = "A **spreading centre** is a boundary where two plates move apart."
    found = find_definitions(opened, 0, False, ("spreading centre",))
    assert [d.term for d in found] == ["spreading centre"]


def test_a_stressed_name_in_what_is_said_of_it_or_they_is_not_defined() -> None:
    # the pronoun is what the sentence describes: a thing named in the sentence before
    step = "It is the first step of most **sorting algorithms**."
    assert not list(find_definitions(step, 0, False, ("**sorting algorithms**",)))
    kept = "They are the usual way to store **hash tables** on disk."
    assert not list(find_definitions(kept, 0, False, ("**hash tables**",)))
    # a naming verb after the pronoun still names the term
    called = "It is called **osmosis** when water crosses the membrane."
    assert [d.term for d in find_definitions(called, 0, False, ("**osmosis**",))] == ["osmosis"]
    # what a pattern reads after the name still defines it: an appositive
    apposed = "It is easy to dig a sand trap—a hollow that holds loose sand."
    assert [d.term for d in find_definitions(apposed, 0, False, ())] == ["sand trap"]
    # and a sentence opened by its name still defines it
    opened = "A **hash table** is a structure that maps keys to values."
    assert [d.term for d in find_definitions(opened, 0, False, ("**hash table**",))] == [
        "hash table"
    ]


@pytest.mark.parametrize(
    ("sentence", "stressed", "defined"),
    [
        # "where $v$ is the *terminal velocity*": the legend says what the letter stands for
        (
            "Here $F = kv^2$, where $v$ is the *drag speed* and $k$ is a constant.",
            "*drag speed*",
            [],
        ),
        (
            "Then $N = N_0 e^{-\\lambda t}$, in which $\\lambda$ denotes the *decay constant*.",
            "*decay constant*",
            [],
        ),
        # a legend set out as its own sentence, one symbol after another, no "where"
        (
            "$m$ is the mass, $c$ is the speed of light, and $p$ is the *momentum* of it.",
            "*momentum*",
            [],
        ),
        ("$a$ is the acceleration and h is the *drop height* (in metres).", "*drop height*", []),
        # one symbol named in a sentence of its own still names the quantity, as it did
        (
            "In the sample, $u$ is the *seepage speed* of the water through the soil.",
            "*seepage speed*",
            ["seepage speed"],
        ),
        # the term that opens its own sentence is still defined, maths or not
        (
            "The *drag speed* $v$ is the speed at which drag balances weight.",
            "*drag speed*",
            ["drag speed"],
        ),
    ],
)
def test_a_stressed_name_in_a_formulas_legend_is_not_defined(
    sentence: str, stressed: str, defined: list[str]
) -> None:
    assert [d.term for d in find_definitions(sentence, 0, False, (stressed,))] == defined


def test_a_stressed_name_a_demonstrative_points_back_to_is_not_defined() -> None:
    # "This" names the steps the sentence before gave: alone it says nothing of the term
    back = "This is **bucket sort**."
    assert not list(find_definitions(back, 0, False, ("**bucket sort**",)))
    those = "Those were the first **hash tables** on disk."
    assert not list(find_definitions(those, 0, False, ("**hash tables**",)))
    # a naming verb after it still names the term
    called = "This is called **bucket sort**."
    assert [d.term for d in find_definitions(called, 0, False, ("**bucket sort**",))] == [
        "bucket sort"
    ]
    # and so does the term's own gloss after it (the Rust book's dynamic dispatch)
    for glossed, term in (
        (
            "This is unlike **late binding**, which is when the call is resolved at run time.",
            "late binding",
        ),
        ("That is because the scheduler is **fair**, meaning it runs each task in turn.", "fair"),
    ):
        found = find_definitions(glossed, 0, False, (f"**{term}**",))
        assert [d.term for d in found] == [term], glossed


def test_a_lead_in_to_a_formula_left_in_pieces_defines_nothing() -> None:
    lead_in = "The expected loss of a single trade is"
    # a PDF sets the formula on lines of its own that read as paragraphs
    pieces = [Block("paragraph", lead_in, 1), Block("paragraph", "L =", 1)]
    assert lead_in_left_open(lead_in, 0, pieces)
    given = "The expected loss is given by"
    assert lead_in_left_open(given, 0, [Block("paragraph", given, 1)])
    # a formula or a list after it finishes it (its description joins them)
    formula = [Block("paragraph", lead_in, 1), Block("formula", "$$L = p c$$", 1)]
    assert not lead_in_left_open(lead_in, 0, formula)
    # a naming verb names the term, and a whole sentence says what it is
    named = "This is called the expected loss and written as"
    assert not lead_in_left_open(named, 0, [Block("paragraph", named, 1)])
    whole = "The expected loss is the average loss over many trades."
    assert not lead_in_left_open(whole, 0, [Block("paragraph", whole, 1)])


def test_a_sentence_whose_subject_is_an_example_names_no_definition_after_is_the() -> None:
    example = "A second case that many teachers use is the lever bar."
    assert [d.term for d in find_definitions(example, 0, False, (), plain=True)] == ["lever bar"]
    example = "Another example that many teachers use is the lever bar."
    assert not list(find_definitions(example, 0, False, (), plain=True))


def test_an_announced_definition_or_a_sentence_about_a_listing_defines_nothing() -> None:
    announced = "We’ll first define what we mean by the term *string*."
    assert not list(find_definitions(announced, 0, False, ("*string*",)))
    listing = (
        "In Listing 8-20, we keep the scores of two teams whose names are _Blue_ and _Yellow_."
    )
    assert not list(find_definitions(listing, 0, False, ("_Blue_", "_Yellow_")))
    assert not list(
        find_definitions("下面我们将介绍*二叉树*是如何工作的。", 0, True, ("*二叉树*",))
    )
    # The sentence that does define still does, and a stated pattern is not affected.
    found = list(
        find_definitions("A *string* is a collection of characters.", 0, False, ("*string*",))
    )
    assert [d.term for d in found] == ["string"]
    found = list(
        find_definitions("*二叉树*是一种每个节点最多有两个子节点的树。", 0, True, ("*二叉树*",))
    )
    assert [d.term for d in found] == ["二叉树"]
    found = list(
        find_definitions("In Figure 2, this shape is called a *torus*.", 0, False, ("*torus*",))
    )
    assert [d.term for d in found] == ["torus"]


def test_a_chinese_name_with_a_one_character_head_is_defined_by_emphasis() -> None:
    # rjieba tags 表 and 树 as verbs; as the head of a compound they are nouns.
    for term in ("哈希表", "线段树"):
        sentence = f"*{term}*是一种常用的数据结构，它支持高效的查询。"
        found = list(find_definitions(sentence, 0, True, (f"*{term}*",)))
        assert [d.term for d in found] == [term]
    # A stressed verb is still not a name.
    assert not list(find_definitions("数组的长度是*不变*的。", 0, True, ("*不变*",)))


def test_an_emphasised_word_in_an_aside_is_not_defined_there() -> None:
    aside = "Strings are bytes and clusters (the closest thing to what we'd call *letters*)."
    assert [d.term for d in find_definitions(aside, 0, False, ("*letters*",))] == []
    plain = "A *cluster* is the closest thing to a letter (see below)."
    assert [d.term for d in find_definitions(plain, 0, False, ("*cluster*",))] == ["cluster"]


def test_chapter_numbers_joined_by_a_pdf_and_glossaries_name_nothing() -> None:
    from jobs.pipeline.structure import heading_terms

    assert [c.term for c in heading_terms("Chapter11 Dictionaries", 0, 1)] == ["Dictionaries"]
    assert [c.term for c in heading_terms("Section 2.3: Hash Tables", 0, 2)] == ["Hash Tables"]
    # an appendix's letter numbers it; a language's letter is its name
    assert [c.term for c in heading_terms("A.1 Gaussian Processes", 0, 2)] == ["Gaussian Processes"]
    assert [c.term for c in heading_terms("Appendix C Importance Sampling", 0, 1)] == [
        "Importance Sampling"
    ]
    assert [c.term for c in heading_terms("C Programming", 0, 1)] == ["C Programming"]
    assert heading_terms("Glossary", 0, 2) == []
    assert heading_terms("术语表", 0, 2) == []


def test_a_list_or_an_expression_is_not_a_term() -> None:
    from jobs.pipeline.structure import acceptable

    assert not acceptable("a, b")
    assert not acceptable("n + b")
    assert all(acceptable(t) for t in ("C++", "B+ tree", "key-value pair"))


def test_a_sub_sections_facet_heading_names_no_concept() -> None:
    assert terms("Advantages and Drawbacks") == []
    assert terms("Code Implementation") == [] and terms("复杂度分析") == []
    assert terms("优点与缺点") == [] and terms("Pros and Cons") == []
    # a method's idea and principle, as a statistics chapter heads its sub-sections
    assert terms("基本思想") == [] and terms("基本原理") == [] and terms("核心思想") == []
    # the hands-on part, the method worked in code, as a lecture heads it
    assert terms("代码实践") == [] and terms("动手实践") == []
    # "<facet> of X" names X
    assert terms("Common Operations of Skip Lists") == ["Skip Lists"]
    assert terms("Properties of the Determinant") == ["Determinant"]
    assert terms("跳表的效率") == ["跳表"]
    # a facet word inside a longer name is part of it, and a chapter title is its subject
    assert terms("Bitwise Operations") == ["Bitwise Operations"]
    assert terms("Complexity Analysis", level=1) == ["Complexity Analysis"]


def test_a_chinese_name_never_opens_with_a_preposition() -> None:
    assert not acceptable("在链表末尾追加节点")  # a bold step: "at the list's end, append"
    assert acceptable("对象") and acceptable("根节点") and acceptable("从节点")
    assert acceptable("在堆上分配内存", heading=True)  # a heading may read as a clause


def test_a_term_marked_twice_is_kept_beyond_the_length_budget(tmp_path: Path) -> None:
    # a short text (budget: 20 concepts) whose 24 headings fill the budget, then a term set
    # in bold and glossed in English once: the author marks it twice, so it is kept
    topics = [
        "数组", "链表", "栈", "队列", "哈希表", "二叉树", "堆", "图", "字符串", "矩阵", "集合",
        "映射", "元组", "指针", "迭代器", "闭包", "模块", "接口", "异常", "线程", "进程", "锁",
        "信号量", "管道",
    ]  # fmt: skip
    text = "".join(f"## {t}\n\n{t}很常见，{t}也很重要。\n\n" for t in topics)
    text += "## 小结\n\n最后介绍**跳表**（skip list），它建立在有序链表之上。跳表查找很快。\n"
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    keys = {c.key for c in concepts}
    assert "跳表" in keys
    assert len(concepts) > 20 and {"数组", "管道"} <= keys
    # a term marked once (bold alone) stays subject to the budget
    path.write_text(text.replace("**跳表**（skip list）", "**跳表**"), encoding="utf-8")
    assert "跳表" not in {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}


def test_a_facet_after_the_topic_is_cut_off() -> None:
    assert terms("Skip List Implementation") == ["Skip List"]
    assert terms("Design of Bloom Filters") == ["Bloom Filters"]
    assert terms("Trie Efficiency") == ["Trie"]
    assert terms("Set Operations") == ["Set Operations"]  # "operations" heads compounds
    assert terms("Compost Heap Tips") == ["Compost Heap"]
    assert terms("Pruning Best Practices") == ["Pruning"]
    assert terms("Tips") == [] and terms("Common Pitfalls") == []


def test_after_a_determiner_a_bare_verb_is_part_of_a_noun_phrase() -> None:
    # the lexicon knows "commit" and "merge" only as verbs
    stats = collect(
        [
            (0, "Each commit object stores a tree. A merge commit has two parents."),
            (1, "Git makes a three-way merge here. You commit files and merge branches."),
            (2, "Make a commit now."),
        ]
    )
    assert {"commit object", "merge commit", "three-way merge"} <= set(stats)
    assert "commit file" not in stats and "merge branch" not in stats  # verb + object
    # "a commit", "each commit object": a noun; "You commit files": a verb
    assert stats["commit"].count == 2


def test_a_complex_prepositions_noun_heads_no_name_before_of() -> None:
    # "under the assumption of", "for ease of", "in the absence of": a preposition in words
    lines = (
        "Under the assumption of steady flow the pressure drop is linear",
        "For ease of reading, the pipe friction is drawn in the absence of gravity",
        "The laminar assumption fails; a normality assumption is made for errors",
    )
    keys = set(collect(enumerate(lines)))
    assert {"steady flow", "pipe friction", "gravity"} <= keys
    assert not {"assumption of steady flow", "ease of reading", "absence of gravity"} & keys
    # alone or after a modifier the noun is still read as before
    assert {"laminar assumption", "normality assumption"} <= keys


def test_of_and_a_measure_before_a_value_are_no_part_of_a_name() -> None:
    # "of size 8", "of order $p$": the measure and its value are a parameter of the thing
    text = (
        "Each buffer of size 8 holds one frame. "
        "The smoother is a moving average of order $p$. "
        "The order of growth of the buffer is linear."
    )
    keys = set(collect(enumerate(sentences(prose(text)))))
    assert {"buffer", "moving average", "order of growth"} <= keys
    assert not {"buffer of size", "moving average of order"} & keys


def test_a_name_and_a_past_verb_before_its_object_are_no_term() -> None:
    # history of ideas tells what a thinker did: "Darwin read the essay" is a clause, its
    # subject a name and its verb in the past; the name stays, "Darwin read" is no term
    text = "Darwin read the essay on population. Later Wallace reached a similar view."
    keys = set(collect(enumerate(sentences(prose(text)))))
    assert {"darwin", "wallace"} <= keys
    assert not {"darwin read", "wallace reached"} & keys


def test_a_gerund_after_a_modifier_names_a_process() -> None:
    stats = collect([(0, "Open addressing avoids chains; linear probing is one kind.")])
    assert {"open addressing", "linear probing"} <= set(stats)
    assert acceptable("Open Addressing", heading=True) and acceptable("pattern matching")
    assert [c.term for c in heading_terms("Double Hashing", 0, 3)] == ["Double Hashing"]


def test_a_participle_saying_what_a_thing_holds_ends_no_name() -> None:
    stats = collect(
        [(0, "A bag containing rows is a relation, and a set involving pairs is finite.")]
    )
    assert {"bag", "relation", "pair"} <= set(stats)
    assert not {"bag containing", "containing row", "set involving"} & set(stats)


def test_dui_after_a_noun_and_before_no_object_is_a_pair() -> None:
    stats = collect(
        [(0, "字典存储键值对。"), (1, "一个键值对被删除，再插入新的键值对。")],
        rjieba.Jieba(),
    )
    assert stats["键值对"].count == 3
    # the preposition 对 takes an object: "对数组排序" is not "数组对"
    assert not any("对" in key for key in collect([(0, "算法对数组排序。")], rjieba.Jieba()))


def test_a_verb_before_a_count_is_the_predicate_not_part_of_a_name() -> None:
    # "任取 m 个元素组成一个集合": 组成 takes "一个集合" as its object; "元素组成" was a concept
    stats = collect(
        [(0, "从中任取 k 个顶点构成一个子图。"), (1, "这些顶点构成两个连通分量，顶点很多。")],
        rjieba.Jieba(),
    )
    assert "顶点构成" not in stats and "顶点" in stats
    # a verb that ends a name, with no count after it, stays in it
    assert "数据处理" in collect([(0, "数据处理很重要，数据处理需要时间。")], rjieba.Jieba())


def test_a_formulas_letters_in_chinese_prose_join_no_term() -> None:
    keys = set(
        collect(
            [
                (0, "在时刻 t 的状态 h t 由权重向量 w 决定。"),
                (1, "决策函数为 sgn 和 max 的组合，其中 wTx 是得分。"),
                (2, "样本服从 t 分布，模型使用 GPU 和 Git 仓库。"),
            ],
            rjieba.Jieba(),
        )
    )
    assert not {"状态 h t", "h t", "权重向量 w", "sgn", "max", "wtx"} & keys
    # one letter opening a name, acronyms and capitalised names stay
    assert {"t 分布", "gpu", "git 仓库"} <= keys


def test_a_letter_and_what_it_counts_make_no_term_the_name_after_them_does() -> None:
    # "k 阶" (the k-th order), "n 维" (n-dimensional): a variable counting the name after
    # it; alone the pair named nothing, yet it was counted at each use
    keys = set(
        collect(
            [
                (0, "二阶导数推广为 k 阶导数，k 阶导数的记号很常见。"),
                (1, "平面向量推广为 n 维向量，n 维向量有 n 个分量。"),
            ],
            rjieba.Jieba(),
        )
    )
    assert not {"k 阶", "n 维"} & keys
    assert {"k 阶导数", "n 维向量"} <= keys  # the names they count stay


def test_a_heading_that_is_only_a_generic_tail_names_nothing() -> None:
    # "基础" (basics) and "入门" are cut off as a heading's generic tail; nothing is left,
    # and that must not fail the document
    for text in ("基础", "入门", "初步", "Introduction to"):
        assert heading_terms(text, 0, 2) == []


def test_a_bold_bullet_claim_is_marked_once(tmp_path: Path) -> None:
    # "- **空间效率高**：…" is defined by its own bold and colon: one mark, not two, so the
    # budget still cuts it (unlike the bold and glossed term of the test above)
    topics = [f"主题{n}" for n in "甲乙丙丁戊己庚辛壬癸"] + [
        f"模型{n}" for n in "甲乙丙丁戊己庚辛壬癸子丑"
    ]
    text = "".join(f"## {t}\n\n{t}很常见，{t}也很重要。\n\n" for t in topics)
    text += "## 小结\n\n- **查询速度快**：查询速度快是它的长处，查询速度快也好记。\n"
    path = tmp_path / "claims.md"
    path.write_text(text, encoding="utf-8")
    assert "查询速度快" not in {
        c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts
    }


def test_figure_references_and_purpose_particles_are_not_terms() -> None:
    stats = collect(
        [(0, "栈的结构如图所示。"), (1, "我们用数组来表示栈，用链表来实现队列。")], rjieba.Jieba()
    )
    assert not any(key.startswith("来") or key.endswith("所示") for key in stats)
    assert {"栈", "数组"} <= set(stats)


def test_x_is_the_process_of_defines_x_without_any_emphasis() -> None:
    found = list(
        find_definitions("Inlining is the process of replacing a call by its body.", 0, False)
    )
    assert [(d.term, d.confidence) for d in found] == [("Inlining", 0.75)]
    # a plain "X is a …" stays weak
    weak = list(find_definitions("Inlining is a common optimisation.", 0, False))
    assert [d.confidence for d in weak] == [0.55]


def test_a_field_said_to_be_a_branch_or_study_of_another_is_defined() -> None:
    # a course opens by saying what its subject is; that is no weak "X is a …"
    for sentence in (
        "Toxicology is a branch of pharmacology that deals with poisons.",
        "Acoustics is the scientific study of sound.",
    ):
        found = list(find_definitions(sentence, 0, False))
        assert [d.confidence for d in found] == [0.75]
    # a branch that is no field of study stays weak
    weak = list(find_definitions("Hotfix is a branch made from main.", 0, False))
    assert [d.confidence for d in weak] == [WEAK]


def test_a_name_and_its_acronym_are_one_concept(tmp_path: Path) -> None:
    path = tmp_path / "dns.md"
    path.write_text(
        "# Name resolution\n\n"
        "A *Domain Name System (DNS)* translates a name to an address; the domain name "
        "system is a hierarchy.\n\n"
        "## DNS caching\n\nA browser asks DNS first. DNS answers from its cache.\n\n"
        "## DNS\n\nDNS is old.\n",
        encoding="utf-8",
    )
    concepts = analyse_file(path).knowledge.concepts
    keys = {c.key for c in concepts}
    assert "dns" not in keys and "domain name system" in keys
    merged = next(c for c in concepts if c.key == "domain name system")
    assert merged.mentions == 4  # the acronym's blocks count for the name
    assert "heading" in merged.sources  # and so does its evidence
    # the same acronym with no name spelled out stays a concept of its own
    path.write_text(path.read_text().replace("Domain Name System (DNS)", "DNS"))
    assert "dns" in {c.key for c in analyse_file(path).knowledge.concepts}


def test_an_acronyms_level_is_the_quantity_it_names(tmp_path: Path) -> None:
    # "the BAC level" is the blood alcohol concentration, no second concept beside it
    notes = (
        "# Alcohol\n\n**Blood alcohol concentration (BAC)** The share of alcohol in the "
        "blood.\n\nDrivers must keep the BAC level below the legal limit. A higher BAC "
        "level slows reactions, and the BAC level falls slowly overnight.\n"
    )
    keys = keys_of(tmp_path, notes)
    assert "blood alcohol concentration" in keys
    assert not {"bac level", "bac"} & keys


def test_an_acronyms_plural_is_the_named_concept_too(tmp_path: Path) -> None:
    path = tmp_path / "ports.md"
    path.write_text(
        "# Buses\n\nA serial peripheral interface (SPI) links chips on a board.\n\n"
        "## Wiring\n\nBoards carry two SPIs. SPIs share a clock line, and SPIs stop "
        "when it stops. Most SPIs have four wires.\n\n## Speed\n\nFast SPIs need short "
        "wires; slow SPIs do not. Two SPIs on one board may run at two speeds, and the "
        "SPIs of a sensor are slow. Where SPIs are too slow, designers add more SPIs.\n",
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path).knowledge.concepts}
    assert "serial peripheral interface" in keys
    assert not keys & {"spis", "spi"}


def test_an_acronym_opening_on_a_digit_abbreviates_a_name_opening_on_its_number() -> None:
    from jobs.pipeline.structure import acronym_pairs

    assert acronym_pairs("Most schemas reach second normal form (2NF) quickly.") == [
        ("second normal form", "2NF")
    ]
    assert acronym_pairs("Banks ask for two-factor authentication (2FA) at login.") == [
        ("two-factor authentication", "2FA")
    ]
    # the digit's number word must open the name, and the letters must be its words'
    assert acronym_pairs("We met in the third room (3NF) of the lab.") == []
    assert acronym_pairs("It took four days (4NF) to finish.") == []


def test_a_heading_opening_on_an_ordinal_before_its_own_noun_names_a_concept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "nerves.md"
    path.write_text(
        "# Eye movements\n\n## Third cranial nerve\n\n"
        "The third cranial nerve leaves the midbrain. A palsy of the third cranial nerve "
        "turns the eye down and out.\n\n"
        "## Third simple check\n\nAs a third simple check the patient follows a pen.\n",
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path).knowledge.concepts}
    assert "third cranial nerve" in keys
    assert "third simple check" not in keys  # before a generic word it counts parts


def test_the_example_relations_and_their_columns_are_no_concepts(tmp_path: Path) -> None:
    path = tmp_path / "keys.md"
    path.write_text(
        "# Keys\n\n"
        "A *primary key* is a set of attributes that tells every tuple apart. Take the "
        "**shipment** relation:\n\n"
        "| shipment_id | carrier | weight |\n|---|---|---|\n"
        "| 1 | Nordline | 12 |\n| 2 | Bluefast | 7 |\n\n"
        ": shipment\n\n"
        "Here {**shipment_id**} is the primary key of **shipment**; **carrier** is not a "
        "key, since **carrier** repeats. A *foreign key* of another relation may point at "
        "**shipment**. Nordline and Bluefast are carriers; the primary key stays one. The "
        "**shipments** relations of two depots share that key.\n\n"
        "## Measuring\n\n| time | distance |\n|---|---|\n| 1 | 5 |\n\n"
        "The *distance* grows with time; distance is measured in metres.\n",
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path).knowledge.concepts}
    assert {"primary key", "foreign key"} <= keys
    assert not keys & {"shipment", "carrier", "shipment_id", "nordline", "shipment relation"}
    assert "shipments relation" not in keys and "shipment relation" not in keys
    assert "distance" in keys  # a measurement's table is no relation's schema


def test_a_definition_lists_label_definition_of_x_names_x(tmp_path: Path) -> None:
    path = tmp_path / "cliques.rst"
    path.write_text(
        "Cliques\n=======\n\n"
        "A *complete graph* joins every pair of its vertices; a clique is one inside a "
        "larger graph.\n\n"
        "*Definition of clique*\n"
        "    A set of vertices is a clique if every two of them are adjacent.\n\n"
        "Every clique of a graph spans a complete graph, and a largest clique is hard to "
        "find.\n",
        encoding="utf-8",
    )
    concepts = analyse_file(path).knowledge.concepts
    keys = {c.key for c in concepts}
    assert "clique" in keys and "definition of clique" not in keys


def test_a_long_chinese_headings_everyday_word_alone_names_nothing() -> None:
    # 设计 and 系统 are everyday words (jieba's counts); 大型 is no noun
    assert terms("学习如何设计大型系统", level=3) == []
    assert terms("为搜索引擎设计一个键值储存", level=3) == ["搜索引擎设计", "键值储存"]
    # a suffix joins the run: 关系型数据库管理系统, not 关系 and 数据库管理系统
    assert terms("关系型数据库管理系统的复制", level=3) == ["关系型数据库管理系统", "复制"]
    # a short heading is its own topic, everyday or not
    assert terms("系统", level=3) == ["系统"]


def test_an_everyday_chinese_word_needs_more_than_frequency(tmp_path: Path) -> None:
    sentences = [
        "张量有结构",
        "结构决定张量的形状",
        "张量的结构可以改变",
        "我们观察结构",
        "结构很重要，张量也很重要",
        "张量可以相加",
        "张量可以相乘",
        "改变结构不改变张量的元素",
        "结构和张量常常一起出现",
    ]
    path = tmp_path / "tensor.md"
    path.write_text("# 网络\n\n" + "。".join(sentences) + "。\n", encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    # 结构 ("structure", 14,200 in jieba's counts) as often as 张量 (a dictionary rarity)
    assert "张量" in keys and "结构" not in keys


def test_a_schedules_topic_column_names_what_the_course_teaches(tmp_path: Path) -> None:
    from jobs.pipeline.structure import table_topics

    rows = [("1", "数组与链表"), ("2", "栈和队列"), ("3", "二叉树"), ("4", "哈希表")]
    schedule = "".join(f"| {week} | {topic} | 4 |\n" for week, topic in rows)
    path = tmp_path / "syllabus.md"
    text = "# 数据结构课程\n\n本课程介绍常用的数据结构。\n\n"
    text += "| 周次 | 教学内容 | 学时 |\n|---|---|---|\n"
    path.write_text(text + schedule, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"数组", "链表", "队列", "二叉树", "哈希表"} <= keys  # 栈: one character, as in headings
    table = "Week | Topic | Reading\n1 | Lists and tuples | Ch. 6\n2 | Recursion | Ch. 9"
    assert [c.term for c in table_topics(table, 0)] == ["Lists", "tuples", "Recursion"]
    # a table with no topic column names nothing (its cells are data)
    assert table_topics("Operation | Cost\nlookup | O(1)\ninsert | O(1)", 0) == []


def test_a_syllabus_reads_its_topics_in_the_schedules_order(tmp_path: Path) -> None:
    """The description paragraph names the topics in passing and in another order; the
    concepts' reading order (which course planning follows) is the schedule's rows."""
    path = tmp_path / "syllabus.md"
    path.write_text(
        "# Data Structures\n\n"
        "Students meet hash tables, binary trees, stacks and linked lists.\n\n"
        "| Week | Topic | Reading |\n|---|---|---|\n"
        "| 1 | Linked lists | Ch. 1 |\n| 2 | Stacks | Ch. 2 |\n"
        "| 3 | Binary trees | Ch. 3 |\n| 4 | Hash tables | Ch. 4 |\n",
        encoding="utf-8",
    )
    concepts = analyse_file(path, language="en").knowledge.concepts
    order = {c.key: c.order for c in concepts}
    scheduled = ["linked list", "stack", "binary tree", "hash table"]
    assert set(scheduled) <= order.keys(), sorted(order)
    assert sorted(scheduled, key=order.__getitem__) == scheduled


def test_a_heading_of_how_something_is_done_names_the_means() -> None:
    # "implemented by means of X" is about X, not the preposition
    assert terms("借助入堆操作实现") == ["入堆操作"]
    assert terms("基于邻接矩阵的实现") == ["邻接矩阵"]
    assert terms("利用哈希表实现") == ["哈希表"]
    # 借用 (borrowing) is a topic itself, and a default implementation is one
    assert terms("借用检查器") == ["借用检查器"]
    assert terms("使用默认实现") == ["默认实现"]
    # which of several ways a section takes names nothing itself
    assert terms("方法二：排序") == ["排序"]
    assert terms("Method 1: Iterative Selection") == ["Iterative Selection"]
    assert terms("Solution 3: Heap") == ["Heap"]


GLOSSARY_TERMS = [
    "interpreter", "compiler", "bytecode", "portability", "prompt", "syntax error",
    "runtime error", "semantic error", "token", "keyword", "operand", "floor division",
    "modulus operator", "boolean expression", "relational operator", "logical operator",
    "chained conditional", "nested conditional", "fruitful function", "void function",
    "local variable", "stack diagram", "traceback", "docstring", "precondition",
    "postcondition", "infinite loop", "accumulator", "slice", "aliasing",
    "delimiter", "hashtable", "lookup", "singleton", "memo", "tuple assignment", "gather",
    "scatter", "pickling", "shell", "pipe object", "instantiate", "invariant",
]  # fmt: skip


def test_every_entry_of_a_glossary_is_a_concept(tmp_path: Path) -> None:
    """A glossary lists what the author wants learned: each "**term:** meaning" entry is a
    concept, beyond the length budget (here 20: the entries are short)."""
    entries = "".join(f"**{t}:** What the book calls {t}, in one line.\n\n" for t in GLOSSARY_TERMS)
    path = tmp_path / "glossary.md"
    path.write_text("# Glossary\n\n" + entries, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert len(GLOSSARY_TERMS) > 20 and keys >= set(GLOSSARY_TERMS), sorted(
        set(GLOSSARY_TERMS) - keys
    )
    # in a chapter, the entries of its Glossary section (and only those) are kept too
    chapter = "# Functions\n\n" + "A function is a named sequence of statements.\n\n" * 3
    chapter += "## Glossary\n\n" + entries
    chapter += "## Summary\n\n**Remember:** a bold claim in a summary names nothing.\n"
    path.write_text(chapter, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert keys >= set(GLOSSARY_TERMS) and "remember" not in keys


def test_a_callouts_label_names_nothing(tmp_path: Path) -> None:
    """ "**Tip:** …", "**提醒**：…": the label of a note box, not a topic of the text."""
    path = tmp_path / "lists.md"
    labels = ["Note", "Tip", "Warning", "Important", "Remember", "Hint", "Caution"]
    callouts = "".join(f"**{label}:** a list can hold another list.\n\n" for label in labels)
    path.write_text(
        "# Lists\n\nA list is a sequence of values. Lists are mutable.\n\n" + callouts,
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "list" in keys and not keys & {label.casefold() for label in labels}, sorted(keys)
    labels = ["提醒", "注意", "警告", "小贴士", "备注", "建议"]
    callouts = "".join(f"**{label}**：列表中可以嵌套列表。\n\n" for label in labels)
    path.write_text("# 列表\n\n列表是由一系列元素构成的数据序列。\n\n" + callouts, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "列表" in keys and not keys & set(labels), sorted(keys)


FUNCTIONS_LESSON = """# 函数和模块

函数是一段有名字、可以重复使用的代码。定义函数时写出它的参数，调用函数时传入参数的值。
函数执行完毕后把返回值交给调用者。把函数放进模块，别的程序就能导入这个模块来使用函数。

## 模块

模块是一个包含函数定义的文件。导入模块以后，就可以使用模块中的函数。
"""

OWNERSHIP_SECTION = """# 所有权

所有权是管理内存的一组规则。每个值都有一个所有者，所有者离开作用域时值被丢弃。

## 所有权与函数

把值传给函数会移动或者复制所有权，就像赋值一样。函数返回值时也会转移所有权。
所有权的规则在函数调用中同样适用，函数结束时参数离开作用域。
"""


def test_a_broad_word_is_a_concept_where_the_document_is_about_it(tmp_path: Path) -> None:
    # 函数 (function) is used by every programming text; a lesson headed 函数和模块 teaches it
    lesson = tmp_path / "functions.md"
    lesson.write_text(FUNCTIONS_LESSON, encoding="utf-8")
    assert "函数" in {c.key for c in analyse_file(lesson).knowledge.concepts}
    section = tmp_path / "ownership.md"
    section.write_text(OWNERSHIP_SECTION, encoding="utf-8")
    keys = {c.key for c in analyse_file(section).knowledge.concepts}
    assert "所有权" in keys and "函数" not in keys
    # a chapter headed 图 is about graphs; 表 alone is a table's label
    assert [c.term for c in heading_terms("图的遍历", 0, 1)] == ["图", "遍历"]
    assert heading_terms("表", 0, 1) == []


def test_a_textbooks_apparatus_headings_name_nothing() -> None:
    # an OpenStax chapter's own headings, and their kin in other books and in Chinese
    for heading in (
        "Chapter Objectives",
        "Interactive Link Questions",
        "Critical Thinking Questions",
        "Check Your Understanding",
        "Key Concepts and Summary",
        "Homework Problems",
        "Formula Review",
        "Personal Application Questions",
        "Problems",
        "课后习题",
        "本章目标",
        "材料用具",  # a school textbook's or a lab sheet's sections
        "方法步骤",
        "概览",  # a Jupyter Book's "Overview", translated
        "探究·实践",
        "Materials and Methods",
        "Key Terms",  # a glossary's and a formula sheet's headings
        "Key Equations",
    ):
        assert terms(heading) == [] and terms(heading, 1) == [], heading
    assert emphasis_terms(("Review Questions",), 0) == []
    # a topic whose last word is an apparatus noun stays a topic
    assert terms("Optimization Objectives") == ["Optimization Objectives"]
    assert terms("Code Review", 1) == ["Code Review"]
    assert terms("Linear Equations", 1) == ["Linear Equations"]
    assert terms("优化目标", 1) == ["优化目标"]


def test_a_name_emphasised_in_one_passage_is_no_concept(tmp_path: Path) -> None:
    # a psychology chapter names films, a journal and an actress in its running prose
    text = (
        "# Memory\n\n"
        "Memory is the set of processes used to encode, store, and retrieve information. "
        "Memory lets us learn.\n\n"
        "He has been in movies like *The Shawshank Redemption* and *The Dark Knight*. "
        "Jensen published the article in the *Harvard Educational Review*, and actress "
        "Marilu **Henner** remembers every day.\n\n"
        "The gaps in the myelin sheath are known as the **Nodes of Ranvier**, and the "
        "**engram** is a memory trace.\n\n"
        "Signals jump from one of the Nodes of Ranvier to the next. An engram is stored.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"memory", "node of ranvier", "engram"} <= keys
    assert not keys & {"shawshank redemption", "dark knight", "harvard educational review"}
    assert "henner" not in keys
    # a passage about a name names it again: an organisation a history chapter teaches
    group = (
        "\nMiners formed a group known as the **Molly Maguires**; the owners hunted "
        "the Molly Maguires down.\n"
    )
    assert "molly maguire" in keys_of(tmp_path, text + group)
    # a name given its acronym is a term being introduced, however often it is used
    signed = "\nTags can be signed with *GNU Privacy Guard (GPG)*.\n"
    assert "gnu privacy guard" in keys_of(tmp_path, text + signed)


def test_a_name_the_sentence_introduces_is_a_concept_though_named_once(tmp_path: Path) -> None:
    # a history chapter sets its named events and institutions in bold once, in the
    # sentence that names them: "called the …", "became known as the …", "…, also known
    # as …", "…, the body that …"
    text = (
        "# The New Republic\n\n"
        "The republic needed rules. Every officer had to swear an oath, called the "
        "**Loyal Pledge**, before taking a seat.\n\n"
        "In what became known as the **Harbor Bargain**, the two factions shared the "
        "ports.\n\n"
        "His **Lake Compromise**, also known as the Middle Plan, split the council in two.\n\n"
        "The towns created the **Grain Board**, the body that set the price of wheat.\n\n"
        "The republic held. Actress Marilu **Henner** played a role in a film about it.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"loyal pledge", "harbor bargain", "lake compromise", "grain board"} <= keys
    assert "henner" not in keys
    # a name capitalised on its first word keeps its capital, though the body writes
    # "bargain" in lower case elsewhere
    dated = (
        text + "\nA bargain is a deal. In what became known as the **Bargain of 1790**, the "
        "ports opened.\n"
    )
    titles = {c.key: c.title for c in concepts_of(tmp_path, dated)}
    assert titles["bargain of 1790"] == "Bargain of 1790"


def test_a_history_chapters_names_keep_their_capitals(tmp_path: Path) -> None:
    text = (
        "# Big Business\n\n"
        "The workers formed the Knights of Labor, and labor unions grew.\n\n"
        "The Knights of Labor admitted women, and labor unions struck. Then the labor "
        "movement grew.\n\n"
        "The Knights of Labor declined as labor unions divided.\n\n"
        "Labor unions and the Knights of Labor remain part of labor history.\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text)}
    # the body writes the name capitalised inside its sentences, though "labor" is lower
    assert "Knights of Labor" in titles and "Knights of labor" not in titles
    # a paragraph set as a title ("**The Labor Movement**") is no evidence of a name
    heading = (
        "# Big Business\n\n**The Labor Movement**\n\nIts movement spread, and labor costs rose.\n\n"
    )
    text = text.replace(" Then the labor movement grew.", "")
    titles = {c.title for c in concepts_of(tmp_path, text.replace("# Big Business\n\n", heading))}
    assert "labor movement" in titles and "Labor Movement" not in titles


def test_a_heading_set_in_capitals_is_titled_as_the_body_writes_its_words(
    tmp_path: Path,
) -> None:
    # a history book sets its section headings in capitals; a concept named by one alone
    # was titled in capitals ("BLACK POLITICAL ACHIEVEMENTS")
    text = (
        "# Reconstruction\n\n"
        "The war ended and Black families moved to towns. Political life changed.\n\n"
        "## RURAL FREEDMEN SCHOOLS\n\n"
        "In the South, the Freedmen taught in rural towns; the NAACP came later. Teachers "
        "came from the North, and the schools paid for books.\n\n"
        "## HARVEST AND DEBT\n\nCrops failed and debt grew.\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text)}
    assert "rural Freedmen schools" in titles
    # a word the body never writes mid-sentence is an ordinary word in lower case
    won = text.replace("## HARVEST AND DEBT", "## BLACK POLITICAL GAINS")
    assert "Black political gains" in {c.title for c in concepts_of(tmp_path, won)}
    # an acronym the body writes in capitals keeps them
    assert "NAACP" in {
        c.title for c in concepts_of(tmp_path, text.replace("## HARVEST AND DEBT", "## THE NAACP"))
    }


def test_a_species_with_its_genus_abbreviated_is_the_species() -> None:
    # a microbiology chapter had "Neisseria meningitidis" and "N. meningitidis" side by side
    def draft(title: str, mentions: list[int]) -> Draft:
        return Draft(concept_key(title), title, 0.5, {"emphasis"}, None, [], mentions)

    full, short = draft("Neisseria meningitidis", [3]), draft("N. meningitidis", [5, 7])
    coli = draft("E. coli", [2])  # never named in full here: stays
    kept = _merge_abbreviated_genera([full, short, coli])
    assert [d.title for d in kept] == ["Neisseria meningitidis", "E. coli"]
    assert full.mentions == [3, 5, 7]
    # two genera of that initial with the species' name: which one is meant is unknown
    other = draft("Nocardia meningitidis", [9])
    assert len(_merge_abbreviated_genera([full, other, draft("N. meningitidis", [5])])) == 3


def test_a_latin_abbreviation_in_italics_is_no_term(tmp_path: Path) -> None:
    for label in ("e.g", "e.g.", "i.e", "etc", "et al", "cf", "vs.", "vice versa"):
        assert not acceptable(label, emphasised=True), label
    assert acceptable("eigenvector") and acceptable("VS Code")
    text = (
        "# Functions\n\nFunction names usually describe what they do, *e.g.* `visualize`.\n\n"
        "A **docstring** is a string that documents a function, *i.e.* its first line.\n"
    )
    assert keys_of(tmp_path, text) >= {"docstring"}
    assert not keys_of(tmp_path, text) & {"e.g", "i.e"}


def test_a_latin_phrase_set_in_italics_is_no_term(tmp_path: Path) -> None:
    # italics mark a foreign phrase as well as a term: a Latin adverb names nothing taught
    for phrase in ("ab initio", "et alia", "inter alia", "ad hoc", "de facto", "mutatis mutandis"):
        assert not acceptable(phrase, emphasised=True), phrase
    assert acceptable("a priori", emphasised=True)  # a philosophy course teaches this one
    text = (
        "# Orbits\n\nThe orbit was computed *ab initio*, as Kepler *et alia* had done.\n\n"
        "An **ellipse** is a closed curve with two foci, *inter alia* the path of a planet.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "ellipse" in keys
    assert not keys & {"ab initio", "et alia", "inter alia"}


def test_a_name_holding_a_latin_phrase_keeps_its_a(tmp_path: Path) -> None:
    # the "a" of "a priori" inside a longer name is no article opening a clause
    assert acceptable("maximum a posteriori rule", emphasised=True)
    assert acceptable("strong a priori bound", emphasised=True)
    assert not acceptable("reach a maximum value", emphasised=True)  # an article: a clause
    text = (
        "# Decisions\n\nThe **maximum a posteriori rule** picks the class of highest "
        "posterior probability.\n"
    )
    assert "maximum a posteriori rule" in keys_of(tmp_path, text)


def test_an_ordinal_column_or_field_of_a_listing_is_no_term(tmp_path: Path) -> None:
    # "The third column is the size": a place in a command's output or a table, no topic;
    # nor a point of an account or a procedure made in turn ("The second difference is the
    # API.", "the next variable", "the first element 3 in the traversal")
    for phrase in ("third column", "first field", "second row", "last line", "next entry"):
        assert not acceptable(phrase), phrase
    for phrase in ("second difference", "next variable", "first problem", "second round"):
        assert not acceptable(phrase), phrase
    assert not acceptable("first element 3")
    for name in ("first law", "second messenger", "column vector", "first normal form"):
        assert acceptable(name), name
    for name in ("second derivative", "second difference equation"):
        assert acceptable(name), name
    text = (
        "# Listings\n\nThe third column is the size of each file in bytes. The first field "
        "is the owner of the file. The second difference is the licence.\n\nA **checksum** "
        "is a short value computed from the bytes of a file.\n"
    )
    junk = {"third column", "first field", "second difference"}
    assert keys_of(tmp_path, text) & ({"checksum"} | junk) == {"checksum"}


def test_a_chinese_claim_or_rule_of_method_is_no_term() -> None:
    # "效率高：计算哈希值的过程应该足够快": a noun and the adjective said of it is a claim;
    # "以最差输入数据为准" a rule of method
    for phrase in ("效率高", "成本低", "精度高", "数据量大", "以最差输入数据为准", "以树为例"):
        assert not acceptable(phrase), phrase
    # names that end so stay: a noun's head, a size, a chairman, a temperature difference
    for name in ("大根堆", "数据大小", "董事长", "温度差", "单向性", "运行效率"):
        assert acceptable(name), name


def test_a_chinese_name_a_naming_verb_gives_may_end_on_an_adjective(tmp_path: Path) -> None:
    # a size named in a definition, "…的距离称为**全齿高**", is a noun and the adjective after
    # it (高, 宽, 长), no claim of height: such names were lost with their definitions
    assert acceptable("全齿高", named=True) and not acceptable("全齿高")
    text = (
        "# 螺纹参数\n\n螺纹牙顶与牙底之间沿径向的距离称为**牙型高**，用h表示。"
        "相邻两牙在中径线上对应点间的轴向距离称为**螺距**。\n\n"
        "一般来说，细牙螺纹**强度高**，自锁性好。\n"
    )
    found = {c.title: c for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert found["牙型高"].description.startswith("螺纹牙顶与牙底之间沿径向的距离称为牙型高")
    assert "螺距" in found and "强度高" not in found  # a claim in bold stays none


def test_a_callouts_admonition_is_no_term(tmp_path: Path) -> None:
    text = (
        "# Getting help\n\n* **Take care:** copying and pasting code written by somebody else"
        " is risky unless you understand it.\n* **Be careful:** a **traceback** is a report"
        " of the calls that led to an error.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "traceback" in keys and not keys & {"take care", "be careful"}


def test_a_piece_of_code_is_titled_as_the_code_writes_it(tmp_path: Path) -> None:
    text = (
        "# Output\n\nThe `print` function shows a value. A loop that prints each item"
        " prints it on a line. It prints numbers and prints text. Something that prints"
        " every number is long; call the `print` function once.\n\n## Traits\n\nThe `Drop`"
        " trait runs code; a type that drops its value calls it when it drops. Implement"
        " the `Drop` trait to clean up.\n"
    )
    titles = [c.title for c in concepts_of(tmp_path, text)]
    assert "print" in titles and "prints" not in titles
    assert "Drop" in titles


def test_one_name_spaced_two_ways_is_one_concept() -> None:
    """ "Q 函数" and "Q函数" in one document: one concept, under the spelling the text
    defines (it kept the other's mentions and the defined one was dropped)."""
    defined = list(
        find_definitions("还有一种评论员称为Q函数，它又被称为动作价值函数。", 0, True, ())
    )

    def draft(title: str, score: float, definition: object = None) -> Draft:
        key = concept_key(title)
        return Draft(key, title, score, {"term"}, definition, [1], [])  # type: ignore[arg-type]

    spaced, bold = draft("Q 函数", 0.9), draft("Q函数", 0.5, defined[0] if defined else None)
    softmax, other = draft("softmax 回归", 0.4), draft("softmax回归", 0.6)
    kept = _merge_spacing_variants([spaced, bold, softmax, other, draft("Q 网络", 0.3)])
    assert [d.title for d in kept] == ["Q函数", "softmax回归", "Q 网络"]
    assert bold.score == 0.9 and bold.definition is not None
    # English words keep their spaces apart: "linear regression" is no "linearregression"
    assert len(_merge_spacing_variants([draft("linear regression", 1), draft("linear", 1)])) == 2


def test_a_surname_after_the_full_name_is_the_same_person() -> None:
    blocks = [
        Block("paragraph", "Git keeps history. Inventor Thomas Edison was famous.", 1),
        Block("paragraph", "Edison lit cities. The Pro Git book explains Git.", 1),
        Block("paragraph", "Edison built labs, as Pro Git tells.", 1),
    ]

    def draft(title: str, mentions: list[int]) -> Draft:
        return Draft(concept_key(title), title, 1.0, {"term"}, None, [], mentions)

    edison, full = draft("Edison", [1, 2]), draft("Thomas Edison", [0])
    git, book = draft("Git", [0, 1, 2]), draft("Pro Git", [1, 2])
    kept = _merge_surnames([edison, full, git, book], blocks)
    assert full.mentions == [0, 1, 2]
    # a word the text uses on its own before the longer name is a concept of its own
    assert [d.title for d in kept] == ["Thomas Edison", "Git", "Pro Git"]
    # a person introduced under another full form ("J. P. Morgan") is still that person
    blocks = [
        Block("paragraph", "The banker J. P. Morgan funded Edison. Morgan merged firms.", 1),
        Block("paragraph", "J. Pierpont Morgan bought steel; Morgan was powerful.", 1),
    ]
    morgan, full = draft("Morgan", [0, 1]), draft("J. Pierpont Morgan", [1])
    assert [d.title for d in _merge_surnames([morgan, full], blocks)] == ["J. Pierpont Morgan"]


def test_a_name_pointing_at_the_text_itself_is_no_concept() -> None:
    # "The following excerpt is a reflection from …": a weak "X is a …" definition
    for phrase in ("following excerpt", "preceding example", "aforementioned study"):
        assert not acceptable(phrase), phrase
    assert acceptable("next pointer") and acceptable("follower node")


def test_an_emphasised_term_opening_its_definition_is_marked_twice() -> None:
    # "A **lysosome** is an organelle …": the wording defines it, the bold marks it; the
    # block may name the word before, plainly ("… form the glycocalyx. The **glycocalyx** …")
    sentence = "The glycocalyx is a fuzzy coating around the cell."
    found = list(find_definitions(sentence, 0, False, (), False, ("glycocalyx",)))
    assert [(d.term, d.confidence) for d in found] == [("glycocalyx", DEFINED_EMPHASIS)]
    # without the emphasis it is the weak "X is a …" reading, and an emphasised term in a
    # sentence it does not open is defined there once (0.7)
    assert [d.confidence for d in find_definitions(sentence, 0, False)] == [WEAK]
    other = "Its coating is a layer of *glycoproteins*."
    assert [d.confidence for d in find_definitions(other, 0, False, ("glycoproteins",))] == [
        EMPHASIS
    ]


def test_a_sentence_predicating_its_stressed_term_under_a_condition_defines_it() -> None:
    # a property: the adjective phrase is the term, not the other word stressed after it
    prop = "We say a matrix is diagonally dominant if each diagonal entry outweighs its row."
    found = list(find_definitions(prop, 0, False, ("diagonally dominant", "diagonal")))
    assert [(d.term, d.confidence) for d in found] == [("diagonally dominant", DEFINED_EMPHASIS)]
    # a noun the subject is said to be: as sure as "X is a …" opened by X
    noun = "A polygon is a regular polygon if all its sides and angles are equal."
    found = list(find_definitions(noun, 0, False, ("regular polygon",)))
    assert [(d.term, d.confidence) for d in found] == [("regular polygon", DEFINED_EMPHASIS)]
    # an adjective merely stressed, with no condition, defines nothing
    stress = "The result is surprising because the data were noisy."
    assert [d.term for d in find_definitions(stress, 0, False, ("surprising",))] == []


def test_an_ordinal_standing_for_an_item_of_a_list_is_no_name_it_defines() -> None:
    # "Two tools hang on the wall. The first is a hammer, … The second is a chisel, …":
    # the ordinal is a place in the enumeration, not a term "is a …" defines
    sentence = "The second is a chisel, a tool that cuts grooves in wood."
    assert not [d.term for d in find_definitions(sentence, 0, False, plain=True)]
    assert not [d.term for d in find_definitions("The latter is a kind of saw.", 0, False)]
    # where the named item is emphasised, the sentence defines it
    found = find_definitions(sentence, 0, False, ("chisel",))
    assert [d.term for d in found] == ["chisel"]
    # an ordinal said to be *the* thing is still a name ("the second" as a unit of time)
    unit = "The second is the base unit of time."
    assert [d.term for d in find_definitions(unit, 0, False, plain=True)] == ["second"]


# 24 headings with a line each: a short text whose headings alone fill its budget (20)
BUDGET_FILLER = "".join(
    f"## {t}\n\n{t} are common. {t} matter.\n\n"
    for t in [
        "Arrays", "Lists", "Stacks", "Queues", "Hash Tables", "Binary Trees", "Heaps", "Graphs",
        "Strings", "Matrices", "Sets", "Maps", "Tuples", "Pointers", "Iterators", "Closures",
        "Modules", "Interfaces", "Exceptions", "Threads", "Processes", "Locks", "Semaphores",
        "Pipes",
    ]
)  # fmt: skip


def test_terms_a_textbook_introduces_in_bold_are_kept_beyond_the_length_budget(
    tmp_path: Path,
) -> None:
    # a short text (budget: 20 concepts) whose 24 headings fill the budget, then running
    # prose introducing terms in bold where they are first used, as a biology textbook does
    text = BUDGET_FILLER
    text += (
        "## Cells\n\nIn contrast, a **gap junction** forms a passageway between cells, "
        "and **maximal throughput** is what a pump wants.\n\n"
        "Each gap junction is made of proteins.\n"
    )
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "gap junction" in keys and {"array", "pipe"} <= keys
    # stress set in bold and never named again stays subject to the budget
    assert "maximal throughput" not in keys
    # an overview naming the term in an earlier paragraph does not hide its introduction
    # ("It contains the medulla, pons, and cerebellum. The **medulla** …")
    preview = "## Cells\n\nCells have pores and a gap junction.\n\n"
    path.write_text(text.replace("## Cells\n\n", preview))
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "gap junction" in keys
    # a term the body used plainly in three earlier paragraphs is no longer being introduced
    plain = "## Cells\n\n" + "A gap junction joins cells.\n\n" * 3
    path.write_text(text.replace("## Cells\n\n", plain))
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "gap junction" not in keys


def test_a_long_chapter_keeps_more_of_the_terms_it_marks_twice(tmp_path: Path) -> None:
    # 170 invented terms, each set in bold where a sentence defines it and used again, in
    # 18,500 words: past the length where the budget stops at 80, the allowance for terms
    # the author marks twice keeps growing (one per 350 words), no longer stopping at 40
    names = [x + y + "ite" for x in "bcdfghjklmnpr" for y in ("ax", "el", "ode", "umb")][:52]
    names += [x + y + "ile" for x in "bcdfghjklmnpr" for y in ("ax", "el", "ode", "umb")][:52]
    names += [x + y + "ine" for x in "bcdfghjklmnpr" for y in ("ax", "el", "ode", "umb")][:52]
    names += [x + y + "ose" for x in "bcdfghjklmnpr" for y in ("ax", "el")][:14]
    filler = (
        "The workshop keeps its tools on a long bench near the door, and the staff sweep the "
        "floor every evening before they lock up and walk home along the river. "
    ) * 3
    text = "# Workshop Notes\n\n" + "".join(
        f"A **{n}** is a kind of widget that turns a small wheel. {filler}\n\n"
        f"Each {n} wears out after a year.\n\n"
        for n in names
    )
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert len(set(names) & keys) > 80 + 40
    assert marked_allowance(18_500) == 52 and marked_allowance(5_000) == 22
    assert marked_allowance(100_000) == 80


def test_a_list_of_objectives_is_no_use_of_the_terms_it_previews(tmp_path: Path) -> None:
    # a section opens on what the reader will be able to do, naming the terms it will
    # introduce; a caption and an overview name them again before the paragraph that sets
    # the term in bold: the objectives are a preview, not the body using the term
    text = BUDGET_FILLER
    text += (
        "## Valves\n\nBy the end of this section, you will be able to:\n\n"
        "- Compare a check valve with a relief valve and a gate valve\n"
        "- Explain how pressure moves through a pipe network\n\n"
        "Three kinds of fittings control flow: the check valve, the relief valve and the "
        "gate valve.\n\nA drawing of a check valve beside a relief valve.\n\n"
        "A **check valve** lets water pass one way only.\n\n"
        "Every pump outlet needs a check valve.\n"
    )
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "check valve" in keys
    # a PDF keeps no bullets: the list after the lead-in is one paragraph of objectives
    path.write_text(
        text.replace(
            "- Compare a check valve with a relief valve and a gate valve\n- Explain how pressure",
            "Compare a check valve with a relief valve and a gate valve Explain how pressure",
        ),
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "check valve" in keys
    # the same uses in running prose, not an objectives list, still mean the bold comes late
    path.write_text(
        text.replace(
            "By the end of this section, you will be able to:\n\n"
            "- Compare a check valve with a relief valve and a gate valve\n"
            "- Explain how pressure moves through a pipe network\n\n",
            "Plumbers often fit a check valve first.\n\n",
        ),
        encoding="utf-8",
    )
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "check valve" not in keys


def test_a_quantity_spelled_out_or_a_distribution_formula_is_no_name() -> None:
    # a statistics exercise: "*Seventy-five* of the members are advanced swimmers", "T ~ t19"
    for quantity in ("Seventy-five", "Forty percent", "ten", "one hundred", "T ~ tdf"):
        assert not acceptable(quantity), quantity
    # a number word opening a compound name stays
    assert acceptable("two-phase commit") and acceptable("three-way merge")
    assert acceptable("one-hot encoding") and acceptable("half adder")


def test_a_chemical_formula_heading_names_the_formula_not_the_macro() -> None:
    # chemistry notes write formulas with mhchem: "### $\\ce{SO2}$ 二氧化硫"
    assert terms("$\\ce{Cl2}$", 3) == ["Cl2"]
    assert {"SO2", "二氧化硫"} <= set(terms("$\\ce{SO2}$ 二氧化硫", 3))
    assert terms("$\\ce{Na}$ 单质", 3) == ["Na", "单质"]
    assert terms("The $\\ce{H2O}$ molecule", 3) == ["H2O molecule"]
    assert not any("ce" in t for t in terms("明矾（$\\ce{KAl(SO4)2·12H2O}$）", 3))


def test_plain_text_terms_defined_where_first_used_are_kept_beyond_the_budget(
    tmp_path: Path,
) -> None:
    # the plain-text form of the test above: the bold is gone, the definition at first use
    # and a later use remain
    topics = [f"Topic{n}" for n in "ABCDEFGHIJKLMNOPQRSTUVWX"]
    text = "".join(
        f"{t.upper()}\n\n{t} objects are common. {t} objects matter.\n\n" for t in topics
    )
    text += (
        "CELLS\n\nA gap junction is a passageway between adjacent cells.\n\n"
        "Each gap junction is made of proteins.\n"
    )
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    assert "gap junction" in {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    # an overview may name it in an earlier paragraph, as with the bold
    preview = "CELLS\n\nCells have pores and a gap junction.\n\n"
    path.write_text(text.replace("CELLS\n\n", preview), encoding="utf-8")
    assert "gap junction" in {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    plain = "CELLS\n\n" + "Cells have pores and a gap junction.\n\n" * 3
    path.write_text(text.replace("CELLS\n\n", plain), encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "gap junction" not in keys


def test_a_facet_after_a_modifier_or_of_shape_size_location_names_the_complement() -> None:
    # "Basic Structure and Function of …": the modifier does not make the facet a topic
    assert terms("Basic Structure and Function of the Solar System") == ["Solar System"]
    assert terms("Main Types and Uses of Glass") == ["Glass"]
    # the shape, the size and the place of a thing are aspects of it, as its structure is
    assert terms("Shape and Size of the Moon") == ["Moon"]
    assert terms("Location of the Pancreas", 3) == ["Pancreas"]
    # a part that is no facet stays, and the last part is read as before
    assert terms("Data Structures and Types of Trees") == ["Data Structures", "Trees"]


def test_facets_sharing_an_of_phrase_name_its_complement() -> None:
    # an anatomy chapter's headings: the facets share "of …", the complement is the topic
    assert terms("Structure and Composition of the Cell Membrane") == ["Cell Membrane"]
    assert terms("Types and Functions of Tissue") == ["Tissue"]
    assert terms("Function of the Kidney") == ["Kidney"]
    # a coordination without "of" keeps each part ("Functions" is a programming topic)
    assert terms("Variables and Functions") == ["Variables", "Functions"]
    # two aspects of the topic the first part opens with: "Function" was a concept
    assert terms("Enzyme Structure and Function") == ["Enzyme"]
    assert terms("Cell Structure and Function") == ["Cell"]
    assert terms("Linear Functions and Graphs") == ["Linear Functions", "Graphs"]
    # a plain-text line "1,068" (a number in a table) read as a heading: nothing, no error
    assert terms("1,068") == [] and terms(", Function") == ["Function"]


def test_a_name_a_textbook_sets_in_bold_may_end_on_a_participle_or_a_complement() -> None:
    # an economics, a philosophy and a psychology textbook's key terms, each set in bold
    spans = (
        "quantity demanded",
        "shift in demand",
        "law of the excluded middle",
        "knowledge by acquaintance",
        "chunking",
    )
    assert [c.term for c in emphasis_terms(spans, 0)] == list(spans)
    # in running text the same shapes are clauses, not names
    for phrase in spans:
        assert not acceptable(phrase), phrase
    # stress and a bold heading stay what they were
    for span in ("using", "increase the count", "Introduction to Elasticity", "begin"):
        assert emphasis_terms((span,), 0) == [], span


def test_a_run_in_labels_counter_is_not_part_of_the_name() -> None:
    # "*Stage 1: Initiation.* The two strands are separated …"; "**Argument 3:**"
    assert [c.term for c in emphasis_terms(("Stage 1: Initiation.", "Phase II: Growth"), 0)] == [
        "Initiation",
        "Growth",
    ]
    assert emphasis_terms(("Argument 3:",), 0) == []
    assert [c.term for c in emphasis_terms(("vitamin D",), 0)] == ["vitamin D"]


def test_a_sentence_naming_a_term_outright_may_end_it_on_a_participle() -> None:
    sentence = "The number of units that consumers would buy is called the quantity demanded."
    (found,) = find_definitions(sentence, 0, chinese=False)
    assert found.term == "quantity demanded"
    # a lone gerund after "is called" is what is done, not a name
    assert list(find_definitions("Adding data is called pushing onto the stack.", 0, False)) == []


def test_bold_terms_built_with_participles_and_prepositions_are_concepts(tmp_path: Path) -> None:
    text = (
        "# Demand and Supply\n\n"
        "The total number of units that consumers would purchase at that price is called "
        "the **quantity demanded**. A rise in price decreases the quantity demanded.\n\n"
        "A change in income causes a **shift in demand**: the whole curve moves. Economists "
        "distinguish a shift in demand from a movement along the curve.\n\n"
        "A fall in price raises the quantity demanded again, unless a shift in demand "
        "intervenes.\n\n"
        "## Suggested Readings\n\nSmith, A. 1776. *The Wealth of Nations*.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"quantity demanded", "shift in demand"} <= keys
    assert concept_key("Suggested Readings") not in keys


def test_a_heading_that_asks_or_tells_how_holds_a_clause_not_a_name(tmp_path: Path) -> None:
    # an economics chapter's headings ask questions and tell how; the words they join
    # ("income affect demand") are never written as a name in the body
    text = (
        "# Demand\n\n## What Factors Affect Demand?\n\n"
        "Many factors affect demand. Income, tastes and prices affect demand.\n\n"
        "## How Production Costs Affect Supply\n\n"
        "Higher production costs affect supply: the supply curve shifts.\n\n"
        "## What Are Learning Disabilities?\n\n"
        "Children with learning disabilities learn differently, and the learning "
        "disabilities differ.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"factors affect demand", "affect demand", "production costs affect supply"}.isdisjoint(
        keys
    )
    # the body writes this one as a name, after a preposition and an article
    assert "learning disability" in keys


def test_a_heading_that_states_a_sentence_holds_a_clause_not_a_name(tmp_path: Path) -> None:
    # a physics chapter's section heading is a sentence: subject, verb, object (its
    # objective repeats it; the body never writes it as a name)
    text = (
        "# Forces\n\n## Sliding Friction Opposes Motion and Rolling\n\n"
        "- Explain how sliding friction opposes motion and rolling\n\n"
        "Sliding friction acts on every moving block, and rolling needs less force than "
        "sliding. The sliding friction grows with the load.\n"
    )
    keys = keys_of(tmp_path, text)
    assert not any("opposes" in key for key in keys)
    assert "sliding friction" in keys
    # a name that holds "Is" is no such sentence, nor a plural noun ("Data Structures")
    assert not states_a_clause("Resource Acquisition Is Initialization")
    assert not states_a_clause("Data Structures and Algorithms")


def test_a_subject_holding_a_clause_or_a_count_is_no_defined_name() -> None:
    # "Economists believe there are a …": the words before "are a" are no name
    sentence = "Economists believe there are a small number of principles that explain markets."
    assert list(find_definitions(sentence, 0, chinese=False)) == []
    (found,) = find_definitions("A price ceiling is a legal maximum price.", 0, chinese=False)
    assert found.term == "price ceiling"
    # an ordinal before a generic word counts parts of the text; an amount is an example's
    for phrase in ("second part", "millions of gallons", "thousands of users", "vice versa"):
        assert not acceptable(phrase), phrase
    for name in ("second law", "first law of thermodynamics", "second messenger"):
        assert acceptable(name), name
    # a self-check's "Answer:" labels its block
    assert (
        list(find_definitions("**Answer:** The supply curve shifts.", 0, False, ("Answer:",))) == []
    )
    # a prepositional modifier inside the subject leaves the name before it
    sentence = "The balance factor of a node is defined as the height of its left subtree."
    assert [d.term for d in find_definitions(sentence, 0, chinese=False)] == ["balance factor"]
    sentence = "Gradient descent in one dimension is an excellent example of the method."
    assert [d.term for d in find_definitions(sentence, 0, chinese=False)] == ["Gradient descent"]
    # a name and its synonym before "refers to": the first is defined
    sentence = "Infinite elasticity or perfect elasticity refers to the extreme case of a price."
    assert [d.term for d in find_definitions(sentence, 0, chinese=False)] == ["Infinite elasticity"]


def test_a_chinese_sentence_refusing_a_name_defines_nothing() -> None:
    """ "我们刻意不把结构体和枚举称为“对象”" answered "什么是对象？"."""
    for sentence in (
        "在这门语言里，我们刻意不把结构体和枚举称为“对象”，以免混淆。",
        "这种只在一端操作的结构不叫做队列。",
    ):
        assert list(find_definitions(sentence, 0, chinese=True)) == [], sentence
    named = "只在一端插入和删除的结构叫做栈。"
    assert [d.term for d in find_definitions(named, 0, chinese=True)] == ["栈"]


def test_what_a_tutorial_has_the_reader_make_and_name_is_no_term() -> None:
    """ "Let's make a new project called loops." defined "loop" with it."""
    for sentence in (
        "To experiment with loops, let's make a new project called loops.",
        "Create a directory named notes and a file called hello.c in it.",
    ):
        assert list(find_definitions(sentence, 0, chinese=False)) == [], sentence
    sentence = "Rust ships a package manager called Cargo."
    assert [d.term for d in find_definitions(sentence, 0, chinese=False)] == ["Cargo"]
    # set in italics the name is still the reader's
    stressed = "To try this, generate a new project called variables in your folder."
    assert list(find_definitions(stressed, 0, False, ("variables",))) == []
    # the naming verb the sentence's only one, it defines no other stressed word either
    other = "在 projects 目录里新建一个叫做 loops 的项目。"
    assert list(find_definitions(other, 0, True, ("projects", "loops"))) == []
    # "新建一个叫做 loops 的项目": the reader's project, in Chinese
    for sentence in (
        "为了体验循环，我们来新建一个叫做 loops 的项目。",
        "创建一个名为 notes 的文件夹。",
    ):
        assert list(find_definitions(sentence, 0, chinese=True)) == [], sentence


def test_a_lead_verb_inside_a_word_of_a_heading_stays() -> None:
    """ "使用者" (users) headed a Git server chapter's section and its concept was "者":
    the lead verb 使用 was cut off a word it is part of. A lead that is a word keeps
    going: "了解树" is 树, "什么是熵" 熵."""
    for name in ("使用者", "学习者", "认识论", "定义域", "学习率"):
        assert [c.term for c in heading_terms(name, 0, 2)] == [name], name
    assert [c.term for c in heading_terms("了解树", 0, 2)] == ["树"]
    assert [c.term for c in heading_terms("什么是熵", 0, 2)] == ["熵"]


def test_chinese_discourse_words_and_quantifiers_name_nothing(tmp_path: Path) -> None:
    # a lecture's "接下来" (next) and "本讲座" (this lecture), a heading's "一些" (some)
    assert [c.term for c in heading_terms("一些历史", 0, 2)] == ["历史"]
    assert [c.term for c in heading_terms("一些常见的排序算法", 0, 2)] == ["排序算法"]
    for word in ("接下来", "其次", "总之", "讲座", "本讲座", "lecture", "lectures"):
        assert not acceptable(word), word
    text = (
        "# 收入不平等\n\n## 一些历史\n\n历史上收入不平等一直存在。历史数据很少。\n\n"
        "**洛伦兹曲线**是描述收入分配的一种曲线。\n\n"
        + "".join(
            f"接下来我们研究洛伦兹曲线的第{n}个性质。本讲座用洛伦兹曲线衡量收入不平等。\n\n"
            for n in range(1, 7)
        )
    )
    path = tmp_path / "lecture.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "洛伦兹曲线" in keys
    assert {"接下来", "讲座", "本讲座", "一些历史"}.isdisjoint(keys)


def test_a_capital_i_after_a_capitalised_word_is_a_numeral_not_the_pronoun() -> None:
    # a statistics textbook: "Type I error" lost its "I" to the pronoun and read "error"
    text = "A Type I error rejects a true null hypothesis. Type I errors cost. The book I wrote."
    keys = set(collect([(0, text)]))
    assert "type i error" in keys
    assert not [k for k in keys if "book i" in k]  # after a lower-case noun: the pronoun
    for name in ("Type I error", "World War I", "Phase I trial"):
        assert acceptable(name, emphasised=True), name
    for clause in ("the book I wrote", "when I run"):
        assert not acceptable(clause, emphasised=True), clause


def test_a_capital_i_after_a_lower_case_noun_of_rank_is_a_numeral() -> None:
    # an oncology handout writes "stage I" and "stage II" in lower case: the first read as
    # "stage" and the pronoun, and only "stage II" was a name
    text = (
        "A stage I tumour has not spread. A stage II tumour has reached the nodes. "
        "The grade I lesions were small."
    )
    keys = set(collect([(0, text)]))
    assert "stage i tumour" in keys and "grade i lesion" in keys
    for name in ("stage I tumour", "type I diabetes", "class I molecule"):
        assert acceptable(name, emphasised=True), name
    # after any other lower-case noun it stays the pronoun
    assert not acceptable("the report I wrote", emphasised=True)


def test_an_ocr_misreading_of_a_common_word_is_no_concept(tmp_path: Path) -> None:
    # a scanned field guide's text layer reads a worn "m" as "rn" now and then: "rnust"
    # recurs often enough to count as a rare word, but it is "must" misread
    sentence = (
        "A tide pool rnust be visited at low water, and the visitor rnust step softly. "
        "Barnacles must close their plates when the sun is high. "
    )
    keys = keys_of(tmp_path, "# Tide pools\n\n" + sentence * 6, "guide.md")
    assert not [k for k in keys if "rnust" in k]
    assert _ocr_slip("rnust") and _ocr_slip("rnaterials")
    # a word spelled so on purpose stays: cornea, barn, tern, clade
    assert not any(map(_ocr_slip, ("cornea", "barn", "tern", "clade", "modern")))


def test_a_word_that_can_be_a_verb_is_a_name_where_the_text_glosses_it(tmp_path: Path) -> None:
    # "the **mean** (average)": a statistics textbook's key term, not stress on a verb
    glossed = "The two measures of the center are the mean (average) and the median."
    assert [c.term for c in emphasis_terms(("mean", "median"), 0, glossed)] == ["mean", "median"]
    also = "A related quantity is the mean, also called the average."
    assert [c.term for c in emphasis_terms(("mean",), 0, also)] == ["mean"]
    # stress stays stress: a verb, or a word that modifies the next one
    assert emphasis_terms(("increase",), 0, "You must increase the size.") == []
    assert emphasis_terms(("single",), 0, "In other words, a single step suffices.") == []
    assert emphasis_terms(("mean",), 0, "What do we mean by the mean of the data?") == []
    text = (
        "# Descriptive Statistics\n\n"
        "## Measures of the Center\n\n"
        "The two most widely used measures of the center are the **mean** (average) and "
        "the **median**. To calculate the mean, add the values and divide by their number. "
        "The median splits the ordered data into two equal parts.\n\n"
        "The mean is affected by outliers; the median is not. A sample mean estimates the "
        "population mean, and the mean of a frequency table weights each midpoint.\n"
    )
    assert {"mean", "median"} <= keys_of(tmp_path, text)


def test_a_plural_that_can_be_a_verb_is_a_name_where_the_text_names_it() -> None:
    # a chemistry textbook: "18 vertical columns, called **groups**", "**metals** (elements
    # that are shiny …)", "are called **hydrates**"
    text = (
        "The table has seven rows, called periods, and 18 vertical columns, called groups. "
        "The elements form classes: metals (elements that are shiny and conduct heat). "
        "Ionic compounds with water in their crystals are called hydrates."
    )
    found = [c.term for c in emphasis_terms(("groups", "metals", "hydrates"), 0, text)]
    assert found == ["groups", "metals", "hydrates"]
    # a person's name or a table's label in capitals, and stress, stay out
    assert emphasis_terms(("Gage",), 0, "On that day, Gage (age 25) was working.") == []
    assert emphasis_terms(("SUM",), 0, "SUM (of the column)") == []
    assert emphasis_terms(("increases",), 0, "The price increases quickly.") == []


def test_a_word_in_capitals_is_a_name_not_a_verb(tmp_path: Path) -> None:
    # English knows "reinforce" as a verb only; in capitals it names an algorithm
    assert acceptable("REINFORCE") and acceptable("REINFORCE", heading=True)
    assert not acceptable("reinforce")
    assert [c.term for c in emphasis_terms(("REINFORCE",), 0, "REINFORCE 很简单。")] == [
        "REINFORCE"
    ]
    text = (
        "# 策略梯度\n\n## REINFORCE：按回合更新\n\n"
        "最简单的策略梯度算法是 **REINFORCE**。REINFORCE 先采样整个回合，再更新策略。"
        "REINFORCE 的估计方差较大，所以常减去一个基线。\n"
    )
    assert "reinforce" in keys_of(tmp_path, text)


def test_a_chinese_verb_in_bold_with_an_english_gloss_is_a_noun(tmp_path: Path) -> None:
    # rjieba tags 似然 an adverb and 回报 a verb; set in bold and glossed in English (or
    # renaming a glossed term) each is a name, not stress
    def keys(text: str) -> set[str]:
        path = tmp_path / "notes.md"
        path.write_text(text, encoding="utf-8")
        return {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}

    assert "似然" in keys(
        "下面计算模型的*似然*（likelihood）。似然越大，参数越可信。"
        "训练时我们最大化似然，实际计算中似然常取对数。\n"
    )
    assert "回报" in keys(
        "一局中各步奖励之和是**累计得分（cumulative score）**，也就是**回报**。"
        "回报越高，策略越好。我们用回报比较两个策略，回报也可以打折扣。\n"
    )
    # stress stays stress: no gloss
    assert "增加" not in keys(
        "模型变大时误差会**增加**。误差增加后，训练要更久；数据增加也有帮助，"
        "但是层数增加不一定好。\n"
    )


def test_a_word_problems_given_data_set_in_bold_is_no_name() -> None:
    # a statistics textbook sets the data of a word problem in bold
    for data in ("275 pounds", "standard deviation of 55 pounds", "16.43 seconds"):
        assert not acceptable(data, emphasised=True), data
    for name in ("Web 2.0", "Windows 10", "IPv4 address", "L2 norm", "2-3 tree"):
        assert acceptable(name, emphasised=True), name


def test_a_worked_examples_vocabulary_in_one_section_is_no_concept(tmp_path: Path) -> None:
    # a statistics chapter: "heads of lettuce" is the data of one section's worked example
    example = (
        "A sample of 20 heads of lettuce weighs 14 pounds on average. The 20 heads of "
        "lettuce vary by 2 pounds. Of the heads of lettuce, 5 weigh less than 12 pounds.\n\n"
        "Another 30 heads of lettuce weigh 15 pounds. Plot the 30 heads of lettuce.\n\n"
    )
    text = (
        "# Confidence Intervals\n\n"
        "## Point Estimates\n\nA **point estimate** is a single value that estimates a "
        "population parameter. The sample mean is a point estimate of the population mean "
        "and the sampling error shrinks as the sample grows.\n\n"
        "## A Single Population Mean\n\n" + example + "The sampling error of this "
        "sample mean depends on the sample size.\n\n"
        "## A Population Proportion\n\nA **proportion** is a fraction of the population. "
        "The sample proportion estimates the population proportion; its sampling error "
        "is smaller for a larger sample.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "head of lettuce" not in keys
    assert {"sampling error", "sample mean"} <= keys  # used across sections
    # the same vocabulary in a document of one section stays (it may be the topic)
    single = keys_of(tmp_path, "# Lettuce\n\n" + example * 2)
    assert "head of lettuce" in single
    # a citation's year is no example's data: a theory cited in one section stays
    cited = text.replace(
        example,
        "Cattell divided intelligence into fluid intelligence and crystallized "
        "intelligence (Cattell, 1963). Crystallized intelligence grows with learning "
        "(Horn & Cattell, 1967).\n\nFluid intelligence declines later, while "
        "crystallized intelligence keeps growing (Cattell, 1971).\n\n",
    )
    assert "crystallized intelligence" in keys_of(tmp_path, cited)


def test_a_person_in_one_story_names_no_concept(tmp_path: Path) -> None:
    # a psychology chapter tells of a patient, Moira, in one section's two paragraphs:
    # her name recurs there, found by frequency alone; she is no concept of the chapter
    story = (
        "Moira has cancer. Moira feels sick after each chemotherapy session, and soon "
        "Moira feels sick when she only sees the clinic.\n\n"
        "Later Moira feels sick in the car park too: for Moira the car park is a "
        "conditioned stimulus, and Moira cannot stop the nausea.\n\n"
    )
    text = (
        "# Learning\n\n## Conditioning\n\nClassical conditioning pairs a neutral stimulus "
        "with a response. In classical conditioning the neutral stimulus comes first and "
        "becomes a conditioned stimulus.\n\n" + story + "## Reinforcement\n\n"
        "Reinforcement strengthens a response to a conditioned stimulus. Reinforcement "
        "works in classical conditioning too.\n\n"
        "## Observation\n\nObservational learning copies a model. Observational learning "
        "needs attention; a conditioned stimulus is not needed.\n\n"
    )
    keys = keys_of(tmp_path, text)
    assert "moira" not in keys
    assert {"classical conditioning", "conditioned stimulus"} <= keys
    # a name the text comes back to in other sections is one of its topics
    aside = "Moira is a case the chapter returns to. "
    spread = text.replace("## Reinforcement\n\n", "## Reinforcement\n\n" + aside)
    spread = spread.replace("## Observation\n\n", "## Observation\n\n" + aside)
    assert "moira" in keys_of(tmp_path, spread)


def test_a_concept_is_titled_in_the_number_its_definition_names(tmp_path: Path) -> None:
    # a psychology chapter writes "theories" more often than "theory", but defines the
    # singular: the concept is "theory", not the plural the counts pick
    text = (
        "# Research\n\n## Theories\n\nA **theory** is a well-developed set of ideas that "
        "explains observed phenomena. Theories are tested against the world; good "
        "theories predict, and theories that fail are revised. Scientists compare "
        "theories with data.\n\n"
        "## Glial Cells\n\nThe **glial cells** support neurons. Glial cells outnumber "
        "neurons, and glial cells clear waste.\n\n"
    )
    titles = {c.key: c.title for c in concepts_of(tmp_path, text)}
    assert titles["theory"] == "theory"
    assert titles["glial cell"] == "glial cells"  # no definition of the singular: as written


def test_an_emphasised_adjective_the_sentence_glosses_is_a_term(tmp_path: Path) -> None:
    # a psychology chapter's glossary lists adjectives the text sets in bold and glosses
    # at once: "**falsifiable**, or capable of …", "is **empirical**: It is grounded …"
    text = (
        "# Research\n\n## Science\n\nScientific knowledge is **empirical**: It is grounded "
        "in evidence that can be observed. Empirical claims can be checked, and empirical "
        "work needs data.\n\n"
        "## Hypotheses\n\nA hypothesis is also **falsifiable**, or capable of being shown "
        "to be incorrect. A claim that is not falsifiable is no hypothesis.\n\n"
        "## Method\n\nResults are **reliable** when repeated. The method is **simple**. "
        "Reliable tests repeat, and a simple test is cheap.\n\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"empirical", "falsifiable"} <= keys
    assert not {"reliable", "simple"} & keys  # stress: no gloss follows the adjective


def test_laws_appositives_and_glossing_dashes_define_without_emphasis() -> None:
    # a chemistry textbook's plain text: what a law states, an appositive that names what
    # the sentence pointed at, a plural glossed after a dash or by "those …"
    cases = {
        "The law of multiple proportions states that when two elements react, the masses "
        "of one element are in ratios of small whole numbers.": "law of multiple proportions",
        "Newton's second law states that force equals mass times acceleration.": (
            "Newton's second law"
        ),
        "The modern statement of this relationship, the periodic law, is as follows: the "
        "properties of the elements are periodic functions.": "periodic law",
        "Acetic acid and methyl formate are examples of isomers—compounds with the same "
        "chemical formula but different structures.": "isomers",
        "The simplest of these are binary compounds, those containing only two elements.": (
            "binary compounds"
        ),
        # a generic noun and "of" before the name: the name is what follows
        "Many recoiled from the idea of majority rule—the basic principle of democracy—as "
        "mob rule.": "majority rule",
    }
    for sentence, term in cases.items():
        found = [d.term for d in find_definitions(sentence, 0, chinese=False)]
        assert found == [term], sentence
    # someone stating something defines nothing; nor does a pointer to a rule
    for sentence in ("The author states that the results hold.", "This rule states that x."):
        assert list(find_definitions(sentence, 0, chinese=False)) == [], sentence


def test_a_complex_prepositions_noun_before_a_dash_is_no_name() -> None:
    # "on the basis of …—the …": the cut at "those" leaves "basis of", the preposition's
    # noun, which the dash's restatement does not define
    sentence = "Grants are awarded on the basis of those results—the scores that panels give."
    assert [d.term for d in find_definitions(sentence, 0, chinese=False)] == []
    # a name the cut leaves whole still is one
    sentence = "Each fee is charged on a bank account—an account that holds deposits."
    assert [d.term for d in find_definitions(sentence, 0, chinese=False)] == ["bank account"]


def test_difficulty_levels_scale_with_a_deep_graph(tmp_path: Path) -> None:
    # a chain of thirteen definitions, each using the one before: twelve levels deep
    names = ["quark", "hadron", "nucleon", "nucleus", "atom", "molecule", "polymer", "fibre"]
    names += ["tissue", "organ", "organism", "population", "ecosystem"]
    parts = ["# Levels of Matter\n"]
    for before, name in zip([None, *names], names, strict=False):
        body = (
            f"A **{name}** is a kind of thing built from smaller parts."
            if before is None
            else f"A **{name}** is a structure made of several {before} units bound together."
        )
        parts.append(
            f"## The {name.title()}\n\n{body} Every {name} matters, and the {name} recurs.\n"
        )
    difficulty = {c.key: c.difficulty for c in concepts_of(tmp_path, "\n".join(parts))}
    # two levels down is still early in a graph this deep (fixed levels said intermediate,
    # and "advanced" from the fourth level on: most of the chapter)
    assert difficulty["quark"] == difficulty["hadron"] == difficulty["nucleon"] == "beginner"
    assert difficulty["molecule"] == "intermediate"
    assert difficulty["ecosystem"] == "advanced"
    assert sum(d == "advanced" for d in difficulty.values()) < len(names) / 2


def test_a_coordinated_headings_bare_adjective_only_modifies_the_shared_head() -> None:
    # a chemistry chapter: "Ionic and Molecular Compounds" names two kinds of compound
    assert terms("Ionic and Molecular Compounds") == ["Molecular Compounds", "Ionic Compounds"]
    assert terms("Linear and Logistic Regression") == ["Logistic Regression", "Linear Regression"]
    # a noun before the shared head is a topic of its own
    assert "Map" in terms("Map and Set") and "Client" in terms("Client and Server Architecture")
    assert "Mean" in terms("Mean and Standard Deviation")
    # an ordinal only counts the shared head's kinds
    cranial = terms("Second, third, and fourth cranial nerves")
    assert "Second" not in cranial and "Second cranial nerves" in cranial
    # an article before the coordination belongs to all of it, not to its first adjective
    assert terms("The Elastic and Plastic Deformation") == [
        "Plastic Deformation",
        "Elastic Deformation",
    ]


def test_a_coordinated_headings_last_word_takes_the_modifier_the_body_gives_it(
    tmp_path: Path,
) -> None:
    """ "Water Filtration and Disinfection": the modifier on the left is shared, so the
    topic is water disinfection, as the body writes it; the bare "disinfection" was a
    concept of its own beside it. When the body never writes the shared reading, the
    word keeps its own reading."""
    text = (
        "# Treating drinking water\n\n"
        "## Water Filtration and Disinfection\n\n"
        "Water filtration removes particles by passing water through sand beds. "
        "Water disinfection then kills the microbes that filtration leaves behind. "
        "Chlorine is the usual agent of water disinfection in large plants.\n\n"
        "## Sludge Handling and Reuse\n\n"
        "Sludge handling thickens the solids that settle in the basins. "
        "Their reuse as fertiliser on farmland needs testing for metals first. "
        "Reuse is common where farmland is near the plant.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "water disinfection" in keys and "disinfection" not in keys
    assert "sludge reuse" not in keys


def test_a_dash_joined_latin_name_in_a_chinese_heading_is_one_name() -> None:
    assert terms("Bellman–Ford 算法") == ["Bellman–Ford 算法"]  # en dash
    assert terms("Bellman-Ford 算法") == ["Bellman-Ford 算法"]  # no longer too long
    assert terms("Knuth–Morris–Pratt 算法", level=1) == ["Knuth–Morris–Pratt 算法"]
    # a number before a dash belongs to the name, not to the heading's numbering
    assert terms("0-1 背包") == ["0-1 背包"] and terms("2.1 字符串") == ["字符串"]


def test_a_layer_or_a_set_heads_its_name() -> None:
    # rjieba tags 层 and 集 as classifiers: "全连接层" was 全连接, "训练集" had no candidate
    def words(text: str) -> list[str]:
        return [w for w, _ in regroup_zh(rjieba.tag(text)) if w.strip()]

    assert words("训练集和测试集") == ["训练集", "和", "测试集"]
    assert words("在网络中加入隐藏层")[-1] == "隐藏层" and "数据集" in words("验证数据集")
    assert "连接层" in words("一个全连接层")
    assert words("第 2 层节点") == ["第", "2", "层", "节点"]  # after a count: a classifier
    sentences = [(0, "全连接层的输出是隐藏层。"), (1, "每个全连接层都有权重，训练集很大。")]
    stats = collect([(i, prose(s)) for i, s in sentences], rjieba.Jieba())
    assert {"全连接层", "隐藏层", "训练集"} <= set(stats) and "全连接" not in stats


def test_a_segment_heads_its_name_but_stays_counted_after_a_number() -> None:
    # rjieba always cuts 字段 (a record's field) into 字 + 段
    def words(text: str) -> list[str]:
        return [w for w, _ in regroup_zh(rjieba.tag(text)) if w.strip()]

    assert words("表的每个字段") == ["表", "的", "每个", "字段"]
    assert words("Java 字段") == ["Java", "字段"]
    assert words("第 3 段文字")[:3] == ["第", "3", "段"]


def test_a_rare_emphasised_word_is_a_term_inside_longer_phrases(tmp_path: Path) -> None:
    # "magnetosomes" stood mostly inside phrases read as longer terms ("bacteria use
    # magnetosomes"), which turned away a single word; emphasised and rare, it is a term
    text = (
        "# Inclusions\n\nMagnetotactic bacteria contain **magnetosomes** of magnetite. "
        "The magnetosomes help bacteria orient. Bacteria use magnetosomes for magnetotaxis. "
        "Old magnetosomes break apart.\n\n"
        "A *negative* result means the *negative* control stayed negative: a negative test.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "magnetosome" in keys
    # an everyday word set in italics for stress stays out
    assert "negative" not in keys


def test_a_number_of_things_is_no_name() -> None:
    # OI-wiki's "多个数的最大公约数" gave the concept 多个数 ("several numbers")
    assert terms("两个数的最大公约数") == ["最大公约数"]
    assert terms("多个数的最大公约数") == ["最大公约数"]
    assert not acceptable("一种方法", heading=True) and not acceptable("两组数据")
    # a count that opens a name, or a fixed phrase rjieba reads as one word
    for name in ("二次函数", "四元数", "一阶导数", "二分查找", "三个臭皮匠", "条件", "多项式"):
        assert acceptable(name, heading=True), name
    # "请注意" (please note) begins a remark, never a name
    assert not acceptable("请注意") and not acceptable("注意")


def test_each_of_many_or_a_count_of_parts_is_no_name() -> None:
    # a revision note highlights "各个部门" (every sector: an idiom to rjieba, so read
    # whole) and "储蓄两部分" (how income divides); neither is a term it teaches
    assert not acceptable("各个部门", emphasised=True)
    assert not acceptable("各个方面", emphasised=True)
    assert not acceptable("每个消费者", emphasised=True)
    assert not acceptable("利润分配两部分", emphasised=True)
    assert not acceptable("分成三类", emphasised=True)
    # a name that opens on a count, or on 每 without a measure word, stays
    for name in ("三部门经济", "第一类错误", "每股收益", "物种多样性", "两部门模型"):
        assert acceptable(name, emphasised=True), name


def test_a_reference_sites_own_sections_name_nothing() -> None:
    for heading in ("引入", "杂项", "参考资料与注释", "Miscellaneous"):
        assert terms(heading) == [] and terms(heading, level=1) == []
    # a sub-section's aspect of its parent's topic
    aspects = ("记号", "解释", "一些特殊情形", "正确性证明", "Notation", "Proof of Correctness")
    for heading in aspects:
        assert terms(heading) == []
    assert terms("矩阵的解释") == ["矩阵"] and terms("记号", level=1) == ["记号"]
    assert terms("Comparison of Sorting Algorithms") == ["Sorting Algorithms"]


def test_regrouped_chinese_tags() -> None:
    tagged = regroup_zh(rjieba.tag("Floyd–Warshall 算法求最短路，单源最短路径"))
    words = [word for word, _ in tagged]
    assert "Floyd–Warshall" in words and "最短路" in words and "最短" in words
    assert "短路" not in words and "Floyd" not in words
    assert regroup_zh([("a", "eng"), ("-", "x")]) == [("a", "eng"), ("-", "x")]
    assert zh_width("Bellman-Ford 算法") == 4 and zh_width("最短路") == 3


def test_a_name_pair_joined_by_a_hyphen_in_chinese_stays_one_word() -> None:
    # a document's own shorter term, a word of the segmenter, no longer cuts the pair at
    # its hyphen: the name keeps the person it opens on
    segmenter = rjieba.Jieba()
    segmenter.add_word("赛德尔迭代法", None, "nz")
    words = [w for w, _ in regroup_zh(segmenter.tag("高斯-赛德尔迭代法比雅可比迭代法收敛快"))]
    assert "高斯-赛德尔迭代法" in words and "赛德尔迭代法" not in words
    # a hyphen after no person's name still cuts
    assert [w for w, _ in regroup_zh([("第", "m"), ("-", "x"), ("公式", "n")])] == [
        "第",
        "-",
        "公式",
    ]


def test_a_measure_suffix_joins_the_quality_it_measures() -> None:
    # a lone 度 after a two-character quality names its measure: "文本相似度" and "稀疏度"
    # stay whole, so a phrase no longer breaks off before it as "文本相似"
    words = [w for w, _ in regroup_zh(rjieba.tag("两段文本相似度较高，矩阵的稀疏度也不同"))]
    assert "相似度" in words and "稀疏度" in words
    assert "相似" not in words and "度" not in words
    # a count keeps its own 度 ("一度" is one word to rjieba)
    assert "一度" in [w for w, _ in regroup_zh(rjieba.tag("气温一度很低"))]


def test_a_lone_theory_suffix_joins_the_field_it_names() -> None:
    # rjieba leaves 论 a suffix after a field it does not hold whole: "教学论" and
    # "课程论" are one noun each, the doctrine of teaching and of curriculum
    words = [w for w, _ in regroup_zh(rjieba.tag("教学论研究教学，课程论研究课程"))]
    assert "教学论" in words and "课程论" in words and "论" not in words
    # a word the dictionary holds whole is untouched, and a verb keeps its own 论
    assert "方法论" in [w for w, _ in regroup_zh(rjieba.tag("这是一种方法论"))]
    assert "讨论" in [w for w, _ in regroup_zh(rjieba.tag("我们讨论课程"))]


def test_a_lone_quality_suffix_joins_the_noun_it_qualifies() -> None:
    # rjieba cuts an unfamiliar "X性" (of the nature of X) into X + 性: two kinds of loan
    # then shared the fragment "性贷款", a name of neither; the suffix joins its noun
    words = [w for w, _ in regroup_zh(rjieba.tag("抵押性贷款不同于信用性贷款"))]
    assert "抵押性" in words and "信用性" in words and "性" not in words
    # the words the dictionary holds whole are untouched
    assert "流动性" in [w for w, _ in regroup_zh(rjieba.tag("市场流动性下降"))]


def test_a_doctrine_heading_is_a_name_however_long(tmp_path: Path) -> None:
    # the schools of a field, each a heading the body never repeats: a long heading of
    # other words still needs the body to use it
    text = (
        "# 教学理论\n\n教学理论解释教学如何进行。\n\n"
        "## 建构主义课程理论\n\n学生在已有经验上主动建构知识。\n\n"
        "## 班级授课制度变迁\n\n班级授课在近代工厂时代普及。\n\n"
        "## 结构主义教学论\n\n教学应当传授学科的基本结构。\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert {"建构主义课程理论", "结构主义教学论"} <= keys
    assert "班级授课制度变迁" not in keys


def test_a_preposition_glued_to_the_next_word_is_cut_off_again() -> None:
    # rjieba's guess at an unknown word: "称这些整数为模 m 的剩余系" gave 为模 (a concept)
    words = [w for w, _ in regroup_zh(rjieba.tag("称这组数为模 p 的代表元")) if w.strip()]
    assert "为模" not in words and words[words.index("为") + 1] == "模"
    # a dictionary word opening on such a character stays whole
    assert "为了" in [w for w, _ in regroup_zh(rjieba.tag("为了计算方便"))]
    assert "在线" in [w for w, _ in regroup_zh(rjieba.tag("在线学习很流行"))]


def test_a_heading_loses_a_function_word_at_its_ends_not_a_character_of_a_word() -> None:
    # "就业的湖泊模型" (the lake model of employment) gave the concept 业: the 就 of 就业
    # was stripped as the adverb 就
    assert terms("就业的湖泊模型", level=1) == ["就业", "湖泊模型"]
    assert "在线学习" in terms("在线学习") and "都市" in terms("都市的交通")
    # the function words themselves still go
    assert terms("把数组") == ["数组"]


def test_a_web_address_is_no_term() -> None:
    # a lecture's plain text keeps its links' addresses: "https" was a concept
    assert (
        prose("见 [SciPy](https://a.org/scipy.html) 讲座。") == f"见 [SciPy]({PLACEHOLDER}) 讲座。"
    )
    assert prose("see http://a.b/c, then") == f"see {PLACEHOLDER}, then"


def test_a_transliterated_name_is_one_word() -> None:
    # an economics lecture's "佩龙-弗罗贝尼乌斯定理" gave the concepts 佩龙, 弗罗 and 尼乌斯定理
    def words(text: str) -> list[str]:
        return [w for w, _ in regroup_zh(rjieba.tag(text)) if w.strip()]

    assert words("应用佩龙-弗罗贝尼乌斯定理")[-2:] == ["佩龙-弗罗贝尼乌斯", "定理"]
    assert "亚当·斯密" in words("古典经济学家如亚当·斯密的工作")
    assert "柯尔莫哥洛夫-斯米尔诺夫" in words("柯尔莫哥洛夫-斯米尔诺夫检验")
    # two common nouns joined by a dash are a pair, no name
    assert words("均衡价格-数量对")[1:4] == ["价格", "-", "数量"]
    assert words("失业-就业空间")[:3] == ["失业", "-", "就业"]
    sentences = [(0, "我们应用佩龙-弗罗贝尼乌斯定理。"), (1, "佩龙-弗罗贝尼乌斯定理很重要。")]
    stats = collect([(i, prose(s)) for i, s in sentences], rjieba.Jieba())
    assert "佩龙-弗罗贝尼乌斯定理" in stats and "弗罗" not in stats


def test_a_latin_name_with_an_accented_letter_is_one_word(tmp_path: Path) -> None:
    # rjieba cuts a Latin word at é, ö or ü, and a Chinese text naming a law after its
    # author kept the letters after the cut as a concept
    def words(text: str) -> list[str]:
        return [w for w, _ in regroup_zh(rjieba.tag(text)) if w.strip()]

    assert words("用 Schrödinger 方程求能级") == ["用", "Schrödinger", "方程", "求", "能级"]
    assert words("Kekulé 式省略孤对电子")[0] == "Kekulé"
    assert words("Élie 与 Cartan")[0] == "Élie"
    # a sign between numbers is no letter: "3×4" stays apart
    assert "×" in words("计算 3×4 的积")
    path = tmp_path / "光谱.md"
    path.write_text(
        "# 光谱\n\n## Rydberg 公式与 Hückel 规则\n\nHückel 规则判断环的芳香性。"
        "满足 Hückel 规则的环是芳香环。\n",
        encoding="utf-8",
    )
    titles = {c.title for c in analyse_file(path).knowledge.concepts}
    assert "Hückel 规则" in titles and "ckel 规则" not in titles


def test_a_negated_adjective_keeps_its_negation() -> None:
    # rjieba reads "不平等问题" as 不 + 平等 + 问题: an economics lecture's concept was
    # 平等问题 (the problem of equality), the opposite of what it wrote
    keys = _zh_keys("这引出了不平等问题。", "不平等问题很关键。", "我们研究不平等问题。")
    assert "不平等问题" in keys and "平等问题" not in keys
    assert "不同" in [w for w, _ in regroup_zh(rjieba.tag("不同的方法"))]  # rjieba's word


def test_a_classifier_after_a_count_is_no_part_of_the_next_word() -> None:
    # rjieba reads "件物品", "条边", "种颜色" as words after a count; "件物品" was a concept
    # of OI-wiki's knapsack page ("第 $i$ 件物品")
    def words(text: str) -> list[str]:
        return [w for w, _ in regroup_zh(rjieba.tag(text)) if w.strip()]

    assert words("第 i 件物品的重量") == ["第", "i", "件", "物品", "的", "重量"]
    assert words("图中有 m 条边")[-2:] == ["条", "边"]
    assert words("有 3 种颜色")[-2:] == ["种", "颜色"]
    assert words(f"第 {PLACEHOLDER} 件物品")[-2:] == ["件", "物品"]
    # no count before it, or a classifier that also opens a name after a letter: as read
    assert "条件" in words("if 条件") and "条件" in words("这个条件")
    assert "张量" in words("X 张量") and "元组" in words("n 元组")
    sentences = [(0, "对于第 $i$ 件物品，枚举其选了多少个。"), (1, "第 $i$ 件物品的体积是 $v_i$。")]
    assert "件物品" not in collect([(i, prose(s)) for i, s in sentences], rjieba.Jieba())


def test_a_chinese_clause_verb_ends_a_name() -> None:
    sentences = [
        (0, "我们把起点放入队列，再求出最短路。"),
        (1, "不妨设这个图是连通图。如果图中存在负环，最短路不存在。"),
        (2, "把物品放入背包。"),
    ]
    keys = set(collect(sentences, rjieba.Jieba()))
    assert {"队列", "最短路", "负环", "物品", "背包", "连通图"} <= keys
    clauses = [k for k in keys if any(v in k for v in ("放入", "求出", "存在", "不妨"))]
    assert clauses == [] and "出最短路" not in keys and "短路" not in keys


def test_a_chinese_verb_that_takes_an_object_or_a_complement_makes_no_name() -> None:
    # 采取 and 看到 govern an object, 来自 a source, 起来/出来 complete the verb before
    # them; 开始 and 结束 after a noun make a statement: none is inside a name. Names
    # with a verb in them (状态转移, 梯度下降, 经验回放, 折扣因子) stay.
    sentences = [
        (0, "机器人采取动作，看到状态，状态转移之后游戏结束。"),
        (1, "机器人在新状态采取动作。游戏结束时把奖励加起来。"),
        (2, "梯度下降从状态开始，经验回放的样本来自缓冲区，价值估出来以后再乘折扣因子。"),
    ]
    keys = set(collect(sentences, rjieba.Jieba()))
    assert {"机器人", "状态转移", "梯度下降", "经验回放", "折扣因子", "动作", "缓冲区"} <= keys
    verbs = ("采取", "看到", "来自", "起来", "出来", "开始", "结束")
    assert [k for k in keys if any(v in k for v in verbs)] == []


def test_a_chinese_verb_of_implication_makes_no_name() -> None:
    # an economics lecture's "佩龙-弗罗贝尼乌斯定理意味着…", twice, gave the concept
    # 佩龙-弗罗贝尼乌斯定理意味着
    sentences = [
        (0, "牛顿定理意味着存在唯一的正特征向量。"),
        (1, "牛顿定理意味着谱半径是特征值。数据表明收入差距扩大。"),
    ]
    keys = set(collect(sentences, rjieba.Jieba()))
    assert "牛顿定理" in keys
    assert [k for k in keys if "意味着" in k or "表明" in k] == []


def test_a_chinese_word_after_a_subject_or_a_modal_is_a_verb() -> None:
    # rjieba tags 绘制 (to plot) a noun: an economics lecture's "我们绘制…", "我们首先绘制
    # 失业率", "可以绘制" made 绘制 a concept
    sentences = [
        (0, "让我们首先绘制失业率的时间序列。"),
        (1, "我们绘制洛伦兹曲线。曲线是我们可以绘制的函数。"),
        (2, "现在我们绘制基尼系数，你能计算基尼系数。"),
    ]
    stats = collect(sentences, rjieba.Jieba())
    assert {"失业率", "洛伦兹曲线", "基尼系数"} <= set(stats)
    assert [k for k in stats if k.startswith(("绘制", "计算"))] == []


def test_a_chinese_verb_that_makes_or_equals_makes_no_name() -> None:
    # an economics lecture's "使供给等于需求" (make supply equal demand), thrice, gave 使供给
    keys = _zh_keys(
        "竞争均衡是使供给等于需求的数量。",
        "这个数量使供给等于需求。",
        "我们找到使供给等于需求的价格。",
    )
    assert {"数量", "价格", "供给"} <= keys
    assert [k for k in keys if k.startswith(("使", "等于")) or k.endswith("等于")] == []


def _zh_keys(*texts: str) -> set[str]:
    """The candidate keys of Chinese sentences, one block each."""
    return set(collect(list(enumerate(texts)), rjieba.Jieba()))


def test_a_chinese_name_never_ends_on_the_modal_after_it() -> None:
    # "平面可把空间分成两半": 可 (may) opens what is said of the plane, no part of its name
    keys = _zh_keys(
        "一个平面可把空间分成两半。",
        "任意平面可平移到原点。",
        "平面能用法向量描述。",
    )
    assert "平面" in keys
    assert [k for k in keys if k.endswith(("可", "能"))] == []


def test_suppose_before_a_subject_and_its_negation_opens_a_clause() -> None:
    # "假设矩阵不可逆": 假设 governs the clause; the name is the noun alone
    keys = _zh_keys(
        "假设矩阵不可逆，则行列式为零。",
        "假设矩阵可以对角化。",
        "假设检验需要显著性水平。",
    )
    assert "矩阵" in keys and "假设检验" in keys
    assert "假设矩阵" not in keys


def test_a_chinese_name_never_ends_on_its_definition() -> None:
    # "根据线性空间定义": the definition of a linear space; the name is 线性空间
    keys = _zh_keys(
        "根据线性空间定义可以证明。", "由线性空间定义得到结论。", "线性空间的含义很直观。"
    )
    assert "线性空间" in keys
    assert [k for k in keys if k.endswith(("定义", "含义")) and len(k) > 2] == []


def test_names_in_chinese_text_with_dashes_and_superlatives(tmp_path: Path) -> None:
    text = """# 最短路

## Floyd–Warshall 算法

Floyd–Warshall 算法求任意两个结点之间的最短路。Floyd–Warshall 算法的时间复杂度是 $O(n^3)$。

## Dijkstra 算法

Dijkstra 算法求单源最短路径。Dijkstra 算法要求边权非负。用优先队列实现 Dijkstra 算法。
"""
    path = tmp_path / "shortest.md"
    path.write_text(text, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"最短路", "Floyd–Warshall 算法", "Dijkstra 算法"} <= titles
    assert not {"Floyd", "Warshall 算法", "短路", "短路径"} & titles


def test_mkdocs_containers_hold_prose_and_code() -> None:
    source = """# 欧几里得算法

???+ note "证明"
    设 $a=bk+c$，则 $c=a \\bmod b$．

    所以两式的公约数相同．

=== "C++"
    ```cpp
    int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
    ```

=== "Python"

    ```python
    def gcd(a, b):
        return a if b == 0 else gcd(b, a % b)
    ```

!!! warning
    部分编译器不支持 `std::gcd`．

    !!! tip "嵌套"
        提示里的提示．

```markdown
!!! note "a fence shows the syntax"
    and stays code
```
"""
    blocks = [(b.kind, b.text) for b in parse(source)]
    prose = [text for kind, text in blocks if kind == "paragraph"]
    code = [text for kind, text in blocks if kind == "code"]
    assert prose == [
        "证明",
        "设 $a=bk+c$，则 $c=a \\bmod b$．",
        "所以两式的公约数相同．",
        "部分编译器不支持 `std::gcd`．",
        "嵌套",
        "提示里的提示．",
    ]
    assert len(code) == 3 and code[0].startswith("int gcd") and "def gcd" in code[1]
    assert code[2].startswith('!!! note "a fence shows the syntax"')


def test_vitepress_containers_leave_their_prose_alone() -> None:
    source = "::: tip 提示\n栈是一种后进先出的数据结构。\n:::\n\n:::warning\nMind the gap.\n:::\n"
    prose = [b.text for b in parse(source) if b.kind == "paragraph"]
    assert prose == ["提示", "栈是一种后进先出的数据结构。", "Mind the gap."]


def test_fenced_divs_are_boxes_and_an_instructors_notes_are_not_read() -> None:
    """Pandoc's and the Carpentries' fenced divs, Quarto's and MyST's forms: a heading
    inside a div is the box's title (a paragraph), an answer box's "Solution" heading
    nothing, an instructor's div nothing at all; no ":::" is left as text."""
    source = (
        "# Loops\n\n::::: challenge\n\n## Thin Slices\n\nSlice a string.\n\n"
        "::: solution\n\n## Solution\n\n```python\nprint(s[0:3])\n```\n\n:::\n:::::\n\n"
        ":::::: instructor\n\n### Choose how to teach this section\n\nOnly for you.\n\n"
        "```\n:::\n```\n\n::::::\n\n"
        '::: {.callout-note title="Mind the index"}\nIndices start at 0.\n:::\n\n'
        ":::{note} Careful\nMyST note.\n:::\n\nThe end.\n"
    )
    blocks = parse(source)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Loops"),
        ("paragraph", 0, "Thin Slices"),
        ("paragraph", 0, "Slice a string."),
        ("code", 0, "print(s[0:3])"),
        ("paragraph", 0, "Mind the index"),
        ("paragraph", 0, "Indices start at 0."),
        ("paragraph", 0, "Careful"),
        ("paragraph", 0, "MyST note."),
        ("paragraph", 0, "The end."),
    ]


def test_display_maths_on_lines_of_its_own_stands_apart_from_its_paragraph() -> None:
    source = (
        "奖励函数是一个期望，即\n$$\nR(s,a)=E[r]\n$$\n当我们有了模型后，就形成了过程。\n\n"
        "Inline $$x$$ stays in the sentence. Then\n  $$ a = b $$\nwhere a is one.\n\n"
        "An unclosed\n$$ y\nends with its paragraph.\n\n```\n$$\ncode\n```\n"
    )
    assert [(b.kind, b.text) for b in parse(source)] == [
        ("paragraph", "奖励函数是一个期望，即"),
        ("formula", "$$R(s,a)=E[r]$$"),
        ("paragraph", "当我们有了模型后，就形成了过程。"),
        ("paragraph", "Inline $$x$$ stays in the sentence. Then"),
        ("formula", "$$a = b$$"),
        ("paragraph", "where a is one."),
        # a stray "$$" swallows nothing: it stays text in its paragraph
        ("paragraph", "An unclosed $$ y ends with its paragraph."),
        ("code", "$$\ncode"),
    ]


def test_a_letter_of_maths_opening_an_emphasised_name_is_part_of_it(tmp_path: Path) -> None:
    blocks = parse(
        "变成 **$n$步时序差分（$n$-step TD）**，即 *$\\varepsilon$-贪心* 与 **$x^2$ 项**。"
    )
    # a formula is no part of a name: "**$x^2$ 项**" leaves 项
    assert blocks[0].emphasis == ("n步时序差分（n-step TD）", "ε-贪心", "项")
    # the name is found where the body writes its letter as maths, and titled without "$"
    page = tmp_path / "td.md"
    page.write_text(
        "# 时序差分\n\n我们把一步推广到多步，变成 **$n$步时序差分（$n$-step TD）**。"
        "$n$步时序差分比一步时序差分更稳定。\n\n## 比较\n\n$n$步时序差分的方差更小。\n",
        encoding="utf-8",
    )
    titles = [c.title for c in analyse_file(page, language="zh-CN").knowledge.concepts]
    assert "n步时序差分" in titles and "步时序差分" not in titles


def test_pandoc_attributes_are_no_text() -> None:
    source = (
        "## Plots {#sec-plots .unnumbered}\n\n"
        '![](fig/plot.png){alt="Line graphs showing the average"}\n\n'
        "An [argument]{#argument} is a [value](../reference.md#value){.term} given."
        " A set {x} and {a=b} stay, and `{#id}` too.\n"
    )
    assert [(b.kind, b.text) for b in parse(source)] == [
        ("heading", "Plots"),
        ("paragraph", "An argument is a value given. A set {x} and {a=b} stay, and `{#id}` too."),
    ]


def test_the_front_matter_title_heads_a_page_without_one(tmp_path: Path) -> None:
    page = tmp_path / "loop.md"
    page.write_text(
        '---\ntitle: "Repeating Actions with Loops"\nteaching: 30\n---\n\n## For Loops\n\nText.\n',
        encoding="utf-8",
    )
    document = read(page, detect(page, filename=page.name))
    assert document.title == "Repeating Actions with Loops"
    assert [(b.kind, b.level, b.text) for b in document.blocks()][:2] == [
        ("heading", 1, "Repeating Actions with Loops"),
        ("heading", 2, "For Loops"),
    ]
    # a page with its own "#" heading keeps it; the title still names the document
    page.write_text("---\ntitle: 'It''s here'\n---\n\n# Loops\n\nText.\n", encoding="utf-8")
    document = read(page, detect(page, filename=page.name))
    assert document.title == "It's here"
    assert [b.text for b in document.blocks() if b.kind == "heading"] == ["Loops"]


def test_a_notes_front_matter_title_stands_over_its_hash_sections(tmp_path: Path) -> None:
    # an Obsidian note: its title in the front matter, its sections written with "#"
    page = tmp_path / "anemia.md"
    page.write_text(
        "---\ntitle: Iron Deficiency Anemia\ntags:\n  - blood\n---\n"
        "Low iron lowers haemoglobin.\n\n# Signs\n\nPallor.\n\n## Late signs\n\nSpoon nails."
        "\n\n# Care\n\nIron with vitamin C.\n",
        encoding="utf-8",
    )
    document = read(page, detect(page, filename=page.name))
    assert document.title == "Iron Deficiency Anemia"
    assert [(b.level, b.text) for b in document.blocks() if b.kind == "heading"] == [
        (1, "Iron Deficiency Anemia"),
        (2, "Signs"),
        (3, "Late signs"),
        (2, "Care"),
    ]
    # sections that already sit under a "#" title keep their levels
    page.write_text(
        "---\ntitle: Iron deficiency anemia\n---\n# Iron Deficiency Anemia\n\n# Signs\n",
        encoding="utf-8",
    )
    document = read(page, detect(page, filename=page.name))
    assert [(b.level, b.text) for b in document.blocks() if b.kind == "heading"] == [
        (1, "Iron Deficiency Anemia"),
        (1, "Signs"),
    ]


def test_a_citation_number_after_the_full_stop_ends_the_sentence_with_it() -> None:
    # a saved encyclopedia page prints its references so: "… whole.[5] That is, …"
    assert list(sentences("Frescoes dry fast.[3] That is why painters work in patches.")) == [
        "Frescoes dry fast.[3]",
        "That is why painters work in patches.",
    ]
    assert list(sentences("Oil dries slowly.[12][104] Glazes build depth.")) == [
        "Oil dries slowly.[12][104]",
        "Glazes build depth.",
    ]
    # a bracket inside the sentence, or before a lower-case word, ends nothing
    assert list(sentences("See plate[2] Above it. Done.[4] and more.")) == [
        "See plate[2] Above it.",
        "Done.[4] and more.",
    ]


def test_a_full_width_full_stop_ends_a_sentence() -> None:
    assert list(sentences("最大公约数常缩写为 gcd．一组整数的公约数是约数．约为３．１４．")) == [
        "最大公约数常缩写为 gcd．",
        "一组整数的公约数是约数．",
        "约为３．１４．",
    ]
    # a digit after it opens the next sentence unless one stands before it too
    assert list(sentences("公倍数是倍数的数．0 是公倍数．")) == [
        "公倍数是倍数的数．",
        "0 是公倍数．",
    ]


def test_a_question_and_answer_label_is_no_part_of_a_definition() -> None:
    sentence = "A：状态是对世界的完整描述，不会隐藏世界的信息。"
    [state] = find_definitions(sentence, 0, True, ("状态",))
    assert (state.term, state.sentence) == ("状态", sentence.removeprefix("A："))
    # "**Question**: …" is no glossary entry of a concept "Question"
    asked = "Question: What will we see if we execute the following commands?"
    assert list(find_definitions(asked, 0, False, ("Question",))) == []


def test_a_name_set_off_by_a_comma_before_shi_zhi_is_defined() -> None:
    def defined(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, ())]

    assert defined("一组整数的最大公约数，是指所有公约数里面最大的一个。") == ["最大公约数"]
    assert defined("图的传递闭包，指的是一个矩阵。") == ["传递闭包"]
    # without a modifier (…的) before the comma, the words are no name
    assert (
        defined("换句话说，指的是同一件事。") == []
        and defined("在这种情况下，是指另一种结果。") == []
    )
    assert defined("我们说的那个，是指这里。") == []


def test_invisible_characters_do_not_cut_words() -> None:
    # a soft hyphen (a hyphenation hint), a zero-width space, a byte-order mark
    blocks = parse("\ufeffA **dic\u00adtionary** maps keys.\n\n二叉\u200b树是一种树。\n")
    assert [(b.text, b.emphasis) for b in blocks] == [
        ("A dictionary maps keys.", ("dictionary",)),
        ("二叉树是一种树。", ()),
    ]


def test_placeholder_latin_in_a_layout_sample_is_no_text() -> None:
    # a typography lesson shows a typeface on filler; the words about it stay, and a
    # sentence that only mentions the filler is prose
    blocks = parse(
        "## Line length\n\nKeep a column to about sixty characters.\n\n"
        "Lorem ipsum dolor sit amet, sed do eiusmod tempor.\n\n"
        "- lorem ipsum, consectetur elit\n\n"
        "Designers call that filler lorem ipsum.\n"
    )
    assert [b.text for b in blocks] == [
        "Line length",
        "Keep a column to about sixty characters.",
        "Designers call that filler lorem ipsum.",
    ]


def _word_file_texts(tmp_path: Path, paragraphs: list[str]) -> list[str]:
    """The blocks' texts read back from a Word file of these paragraphs."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    path = tmp_path / "handout.docx"
    document.save(path)
    return [b.text for b in read(path, detect(path, filename=path.name)).blocks()]


def test_site_template_tags_carried_into_a_word_file_are_no_text(tmp_path: Path) -> None:
    # a course site's page converted to Word keeps the tags its build turns into figures
    texts = _word_file_texts(
        tmp_path,
        [
            "瑞利波是沿自由表面传播的面波。",
            '{% include figure.html src="/img/wave.png" alt="面波" width="300" %}',
            "{% raw %} {% endraw %}",
            "页面用 {% include note.html %} 插入提示框。",
        ],
    )
    assert "瑞利波是沿自由表面传播的面波。" in texts
    assert not any(text.startswith("{%") for text in texts)
    # a sentence that mentions a tag among its words stays prose
    assert "页面用 {% include note.html %} 插入提示框。" in texts


def test_a_notes_thanks_in_brackets_is_no_text(tmp_path: Path) -> None:
    # a student's notes credit who pointed out a mistake after the point it corrects
    texts = _word_file_texts(
        tmp_path,
        [
            "面波沿介质表面传播，速度比体波慢。（感谢李同学指正）",
            "Love waves shake the ground sideways (thanks to Ann for the fix).",
            "震中距（以千米计）决定走时。",
        ],
    )
    assert "面波沿介质表面传播，速度比体波慢。" in texts
    assert "Love waves shake the ground sideways." in texts
    # a bracket that does not open on thanks stays
    assert "震中距（以千米计）决定走时。" in texts
    assert not any("李同学" in text or "Ann" in text for text in texts)


def test_containers_nested_past_the_bound_stay_as_written() -> None:
    # a hostile file: admonitions, each inside the last
    depth = 1_500  # past the interpreter's recursion limit without the bound
    lines = [" " * (4 * i) + "!!! note" for i in range(depth)] + [" " * (4 * depth) + "Deep."]
    blocks = parse("\n".join(lines))
    assert blocks and not any(b.text == "Deep." for b in blocks if b.kind == "paragraph")
    shallow = "\n".join([" " * (4 * i) + "!!! note" for i in range(3)] + [" " * 12 + "Deep."])
    assert [b.text for b in parse(shallow)] == ["Deep."]


def test_an_objectives_verb_opens_no_term(tmp_path: Path) -> None:
    """A list of objectives opens each item with its verb: "Trace changes to a loop
    variable" twice gave the concept "Trace changes"; a list of topics keeps its names."""
    text = (
        "# Loops\n\n- Explain what a `for` loop does in a program.\n"
        "- Trace changes to a loop variable as the loop runs.\n"
        "- Trace changes to other variables as a loop updates them.\n\n"
        "A **loop variable** takes each value of the sequence in turn. A loop variable"
        " changes on every pass, and the loop variable keeps its last value.\n\n"
        "## Topics\n\n- Trace tables\n- Model selection\n\n"
        "Trace tables record values step by step. We draw trace tables by hand.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "loop variable" in keys and "trace change" not in keys
    assert "trace table" in keys
    # a PDF or a text file keeps no list: each objective is a paragraph of one sentence
    plain = text.replace("\n- ", "\n\n").replace("`", "")
    assert "trace change" not in keys_of(tmp_path, plain, "notes.txt")


def test_an_instruction_set_in_emphasis_is_no_term(tmp_path: Path) -> None:
    """Run-in advice in italics ("*Test with simplified data.*", "*Check conservation
    laws.*") names no concept; a run-in name does ("*Type I error.*")."""
    text = (
        "# Debugging\n\n1. *Test with simplified data.*\n  Before running on real data,"
        " try a single record whose answer you know.\n\n2. *Check conservation laws.*\n"
        "  Mass and energy are conserved, so a program should conserve them too.\n\n"
        "*Type I error.* A **Type I error** rejects a true null hypothesis. A Type I error"
        " is a false positive.\n\n*Test of significance.* A test of significance decides"
        " whether an effect is real; every test of significance has a level.\n"
    )
    keys = keys_of(tmp_path, text)
    assert not keys & {"test with simplified data", "check conservation law"}
    assert {"type i error", "test of significance"} <= keys


def test_a_verbal_noun_used_as_the_texts_verb_is_no_term(tmp_path: Path) -> None:
    """假设 opens clauses ("假设我们…", "假设在…") far more often than it names a
    hypothesis: it was a concept of two reinforcement-learning chapters."""
    clauses = "".join(
        f"假设我们在第{n}步采取动作，奖励会变化。假设在状态{n}时智能体停下，回报为零。"
        for n in "一二三四五六"
    )
    text = (
        "# 策略\n\n**策略**是智能体选择动作的规则。策略决定动作。\n\n"
        f"{clauses}\n\n这个假设简化了问题，假设可能不成立。\n\n"
        "## 检验\n\n**假设检验**是判断假设是否成立的方法。假设检验需要样本。\n"
    )
    path = tmp_path / "rl.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"策略", "假设检验"} <= keys and "假设" not in keys


def test_you_before_a_word_is_has_not_part_of_a_name() -> None:
    """有 before a word of two characters or more is "has": "有随机性" was a concept
    beside 随机性; before one character it makes an adjective (有界函数)."""
    segmenter = rjieba.Jieba()
    sentences = [(0, "奖励有随机性，回报也有随机性。"), (1, "有界函数有上界，有界函数很常见。")]
    keys = set(collect(sentences, segmenter))
    assert "随机性" in keys and "有随机性" not in keys
    assert "有界函数" in keys


def test_a_transliterated_name_rjieba_cuts_is_kept_whole(tmp_path: Path) -> None:
    """rjieba reads 拉格朗日 as 拉格朗 + 日: 拉格朗 was a concept, 拉格朗日乘子 none."""
    text = (
        "# 约束优化\n\n引入拉格朗日乘子后，约束问题变为无约束问题。\n\n"
        "每个约束对应一个拉格朗日乘子，拉格朗日乘子非负。\n\n"
        "求解时对拉格朗日乘子求偏导，再令偏导为零。\n"
    )
    path = tmp_path / "opt.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "拉格朗" not in keys and "拉格朗日乘子" in keys


def test_a_sub_headings_common_plural_the_body_never_marks_is_no_topic(tmp_path: Path) -> None:
    """A sub-heading's bare plural of an everyday noun ("Layers", "Diseases", "Basic
    Functions") that the body uses as plain prose, never setting it apart nor defining
    it, is the heading's wording: it was a concept and a key item of every course planned
    on an anatomy chapter. A plural the body marks ("**fossils**") is the section's topic."""
    text = (
        "# Sedimentary Rocks\n\n**Sedimentary rock** forms where sediment settles.\n\n"
        "## Layers\n\n"
        "Clay layers sit above sand layers. Each of the clay layers is thin, and sand "
        "layers are thick. Thin layers of silt lie between clay layers.\n\n"
        "Geologists read sand layers and clay layers from the bottom up.\n\n"
        "## Fossils\n\n**Fossils** are the preserved remains of organisms. Fossils lie "
        "in clay layers. Fossils date the rock. Most fossils are shells.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"sedimentary rock", "fossil"} <= keys
    assert "layer" not in keys


def test_a_plural_a_heading_introduces_is_the_sections_topic(tmp_path: Path) -> None:
    """ "A brief primer on matrices", "Introduction to graphs": the heading says its
    section introduces the plural it ends on, so the word is a topic though the body never
    marks nor defines it (a demography chapter's "matrix", used 111 times, was dropped as
    the heading's wording)."""
    text = (
        "# Sedimentary Rocks\n\n**Sedimentary rock** forms where sediment settles.\n\n"
        "## A short primer on layers\n\n"
        "Clay layers sit above sand layers. Each of the clay layers is thin, and sand "
        "layers are thick. Thin layers of silt lie between clay layers.\n\n"
        "Geologists read sand layers and clay layers from the bottom up.\n"
    )
    assert "layer" in keys_of(tmp_path, text)


def test_names_listed_with_their_acronyms_are_names_in_passing(tmp_path: Path) -> None:
    """A sentence listing credentials or bodies, each with its acronym ("Board Certified
    Pilot (BCP), Licensed Harbor Master (LHM), …"), names them in passing: a plain-text
    chapter's career box made one of them a concept. One name given its acronym is still
    a term being introduced."""
    text = (
        "Harbors\n\nA harbor is sheltered water where ships anchor. Every harbor "
        "needs a pilot, and the harbor has a master.\n\n"
        "Credentials include Board Certified Pilot (BCP), Licensed Harbor Master (LHM), "
        "Registered Dock Engineer (RDE), and Certified Tug Operator (CTO).\n\n"
        "Ships report their position through the Automatic Identification System (AIS).\n"
    )
    keys = keys_of(tmp_path, text, "harbors.txt")
    assert {"harbor", "automatic identification system"} <= keys
    assert not keys & {
        "board certified pilot",
        "licensed harbor master",
        "registered dock engineer",
        "certified tug operator",
    }


def test_a_variables_ordinal_is_no_name() -> None:
    # "the element in the *i*-th row and *j*-th column": the italic letter and "-th"
    assert not acceptable("i-th", emphasised=True) and not acceptable("n‑th")
    assert acceptable("nth root") and acceptable("k-means")
    # "split R into *R1* and *R2*": a letter and its index, set in italics as maths is
    assert not acceptable("R1", emphasised=True) and not acceptable("X2", emphasised=True)
    assert acceptable("B12 deficiency", emphasised=True) and acceptable("H1", heading=True)


def test_a_key_term_label_is_no_concept(tmp_path: Path) -> None:
    # a syllabus or a handout labels the term it introduces: "**Key term:** Data Lake"
    text = (
        "# Storage\n\n**Key term:** Data Lake\n\nA data lake stores raw data in its native "
        "format until it is needed. A data lake is cheap to fill.\n\n"
        "**Key concepts:** schema on read\n\nSchema on read applies a schema when the data "
        "is read. Schema on read suits a data lake.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "data lake" in keys
    assert not keys & {"key term", "key concept"}


def test_an_ic_nouns_plural_is_one_concept_with_its_singular(tmp_path: Path) -> None:
    # keys keep "-ics" whole (physics is no plural), so "Analgesics" stood beside "analgesic"
    notes = (
        "# Pain Relief\n\n## Analgesics\n\nAnalgesics relieve pain without loss of "
        "consciousness. An analgesic such as paracetamol acts centrally; an analgesic "
        "such as ibuprofen also reduces swelling. Each analgesic has a ceiling dose.\n\n"
        "## Physics of Heat\n\nPhysics explains why a warm compress helps. Physics "
        "and physical therapy meet here: physical rest matters too.\n"
    )
    keys = keys_of(tmp_path, notes)
    assert "analgesic" in keys and "analgesics" not in keys
    assert "physics of heat" in keys


def test_an_ics_word_that_is_no_plural_stays_beside_its_adjective() -> None:
    # "physics" is no plural of "physic", nor "genetics" of "genetic": kept apart
    drafts = [
        Draft(key, key, 1.0, {"term"}, None, [], [])
        for key in ("physics", "physic", "genetic", "genetics")
    ]
    assert [d.key for d in _merge_ics_plurals(drafts)] == [d.key for d in drafts]


def test_a_concept_titled_as_another_concepts_key_is_that_concept() -> None:
    # "Ending" (a heading) counts the body's "endings" and is titled so; "endings" is a
    # concept of its own key: one concept, not the same title twice
    heading = Draft("ending", "endings", 0.5, {"heading"}, None, [1], [1, 3])
    term = Draft("endings", "endings", 0.6, {"term"}, None, [2], [2])
    other = Draft("plot", "plot", 0.4, {"term"}, None, [4], [4])
    merged = _merge_titled_as_another([heading, term, other])
    assert [d.key for d in merged] == ["endings", "plot"]
    assert merged[0].mentions == [1, 2, 3] and merged[0].sources == {"heading", "term"}


def test_a_part_named_without_its_subject_is_the_full_names_twin(tmp_path: Path) -> None:
    # once the subject is set the text drops it: "the second rule" is "the second rule of
    # heraldry"; one concept under the full name. A one-word head stays its own word.
    text = (
        "# Heraldry\n\n"
        "Heraldry is the design of coats of arms. The second rule keeps a shield readable "
        "from afar.\n\n"
        "## Rules of heraldry\n\n"
        "- First rule of heraldry: colour is never set on colour.\n"
        "- Second rule of heraldry: metal is never set on metal.\n\n"
        "A shield that breaks the second rule is rare. The first rule of heraldry and the "
        "second rule of heraldry together make a shield plain to read.\n"
    )
    concepts = {c.key for c in concepts_of(tmp_path, text)}
    assert "second rule of heraldry" in concepts
    assert "second rule" not in concepts


def test_a_full_name_only_counted_never_marked_takes_no_short_name_in(tmp_path: Path) -> None:
    # "the gravity model of distance" is a phrase the term count cut from a longer one; the
    # text marks and defines "gravity model" alone, which stays a concept of its own
    text = (
        "# Trip distribution\n\n"
        "A **gravity model** is a model that sends more trips to nearer and larger zones. "
        "The gravity model is calibrated on survey data.\n\n"
        "## Distance\n\n"
        "Planners fit the gravity model of distance decay to each purpose. Distance is "
        "measured in minutes. The gravity model of distance decay is fitted once a year, "
        "and the gravity model is checked against counts.\n"
    )
    concepts = {c.key for c in concepts_of(tmp_path, text)}
    assert "gravity model" in concepts


def test_long_names_on_both_sides_of_also_called_are_one_concept(tmp_path: Path) -> None:
    # "X, also called Y": each name runs past twenty characters, and neither was found
    # whole beside the connector; the two stood as twins
    text = (
        "# Soils\n\n"
        "## Water in soil\n\n"
        "Volumetric water content, also called volumetric moisture fraction, is measured "
        "with a probe. The volumetric water content falls as plants draw water, and the "
        "volumetric moisture fraction of a sandy soil drains fast.\n\n"
        "Field capacity is the water a soil holds after it drains. The volumetric water "
        "content at field capacity depends on texture.\n"
    )
    concepts = {c.key for c in concepts_of(tmp_path, text)}
    assert "volumetric water content" in concepts
    assert "volumetric moisture fraction" not in concepts
    # a second name the text sets apart elsewhere is a concept of its own
    text = (
        "# Reservoirs\n\n"
        "A **seasonal storage reservoir** holds water from a wet season to a dry one. "
        "Many seasonal storage reservoirs exist.\n\n"
        "An annual carryover reservoir, also called a seasonal storage reservoir, keeps "
        "water for a whole year. The annual carryover reservoir is drawn down in August.\n"
    )
    concepts = {c.key for c in concepts_of(tmp_path, text)}
    assert {"annual carryover reservoir", "seasonal storage reservoir"} <= concepts


def test_a_subject_the_sentence_gives_another_name_is_one_concept(tmp_path: Path) -> None:
    # "X is also sometimes referred to as Y": one thing, two names (they stood as twins);
    # the naming sentence says nothing of what X is, so it is no definition of it
    text = (
        "# Rivers\n\n"
        "## Discharge\n\n"
        "The volumetric flow rate measures how much water passes a gauge each second. "
        "The volumetric flow rate is also sometimes referred to as the stream discharge. "
        "Engineers read the volumetric flow rate from a rating curve, and the stream "
        "discharge in flood is many times that of a dry month.\n\n"
        "A hydrograph plots the volumetric flow rate against time. After a storm the "
        "stream discharge rises to a peak and then recedes.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert "volumetric flow rate" in concepts
    assert "stream discharge" not in concepts
    described = concepts["volumetric flow rate"].description or ""
    assert "referred to as" not in described


def test_file_names_and_listing_captions_open_no_term() -> None:
    # a file's extension is no word of the text; the words around the name still count
    keys = set(collect([(0, "Add the package to the Garden.toml files and run planter.py.")]))
    assert "toml file" not in keys and "toml" not in keys and "py" not in keys
    assert "package" in keys
    # a listing's file name over its code: the label names nothing taught
    assert "filename" not in set(collect([(0, "Filename: beds/src/main.rs")]))
    assert "planting bed" in set(collect([(0, "A planting bed holds the seeds.")]))


def test_an_ordinals_ending_after_its_maths_opens_no_term() -> None:
    keys = set(collect([(0, "Water the $k$th bed first, then the $i$-th row of the plot.")]))
    assert not any(k.startswith("th") for k in keys)
    assert {"bed", "row"} <= keys


def test_an_abstract_noun_with_shang_is_an_adverb_not_a_name(tmp_path: Path) -> None:
    # "逻辑上的矩阵乘法", "逻辑上输出的一半" (logically): rjieba cuts 逻辑 + 上, and 逻辑
    # (logic) was a concept of a chapter on parallel training; 地球上 stays a place
    def words(text: str) -> list[str]:
        return [w for w, _ in regroup_zh(rjieba.tag(text)) if w.strip()]

    assert "理论上" in words("理论上可以无限增长")
    assert "逻辑上" in words("只是逻辑上输出的一半")
    assert words("地球上的生物")[:2] == ["地球", "上"]
    text = (
        "# 切分\n\n## 按行切分\n\n按行切分是把矩阵按行分到多个设备上的方法。\n\n"
        "逻辑上的矩阵只有一个。逻辑上，按行切分后每块只算一部分。\n\n"
        "逻辑上输出是完整的，按行切分只改变了存放方式。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert "按行切分" in titles and "逻辑" not in titles


def test_a_run_in_label_a_paragraph_goes_on_about_is_its_topic(tmp_path: Path) -> None:
    """ "**Fading.** Fading weakens …": a label set apart by its stop, opening a paragraph
    about it, names the paragraph's topic, though a lone "-ing" word in bold reads as a
    verb stressed; a label the paragraph never names again stays stress."""
    path = tmp_path / "radio.md"
    fading = "**Fading.** Fading weakens the signal for a while when waves that took two " + (
        "paths arrive out of step and cancel."
    )
    advice = "**Keep going.** Operators raise the power of the transmitter at night."
    opening = "A signal crossing the sky meets two troubles on its way."
    closing = "Every receiver must cope with fading on a long link."
    path.write_text("\n\n".join(["# Radio links", opening, fading, advice, closing]))
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "fading" in keys
    assert "keep going" not in keys
