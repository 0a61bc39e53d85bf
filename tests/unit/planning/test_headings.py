# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose
"""Weeks and modules named after the documents' own sections (jobs/planning/headings.py)."""

from __future__ import annotations

from dataclasses import replace

from jobs.planning import plan_course
from jobs.planning.headings import (
    MAX_MODULE_MINUTES,
    section_modules,
    shared_section,
    shown_name,
    week_title,
)
from tests.unit.planning.checks import assert_sound
from tests.unit.planning.graphs import PROB, STATS, statistics_input

D = "doc"
SECTION = {
    "atom": (D, "Matter"),
    "ion": (D, "Matter"),
    "molecule": (D, "Matter"),
    "element": (D, "Matter", "Early Ideas"),
    "dalton": (D, "Matter", "Early Ideas"),
    "electron": (D, "Matter", "Evolution"),
    "proton": (D, "Matter", "Evolution"),
    "number": (D, "Matter", "Structure"),
    "isotope": (D, "Matter", "Structure", "Isotopes"),
    "mass": (D, "Matter", "Structure", "Atomic Mass"),
    "plain": (D,),  # a document without headings
    "unmentioned": (),
}
MINUTES = dict.fromkeys(SECTION, 30)
COURSE = (D, "Matter")


def never(a: str, b: str) -> bool:
    return False


def title(week: list[str], language: str = "en", earlier: tuple[str, ...] = ()) -> str | None:
    return week_title(week, SECTION, MINUTES, COURSE, language, earlier)


def modules(
    week: list[str], needs=never, course: tuple[str, ...] = COURSE
) -> list[tuple[str | None, list[str]]]:
    return section_modules(week, SECTION, MINUTES, course, needs)


def test_a_week_within_one_section_is_named_after_it() -> None:
    assert title(["isotope", "mass", "number"]) == "Structure"
    # its modules are the sections below; a concept of the week's own section joins the
    # module before it
    assert modules(["isotope", "mass", "number"]) == [
        ("Isotopes", ["isotope"]),
        ("Atomic Mass", ["mass", "number"]),
    ]


def test_a_week_of_the_whole_courses_section_lists_the_sections_below() -> None:
    week = ["element", "dalton", "electron", "proton", "atom"]
    assert title(week) == "Early Ideas; Evolution"
    assert title(week, "zh-CN") == "Early Ideas、Evolution"
    # what the chapter's opening introduces opens the week as the chapter's own module
    assert modules(["atom", *week[:-1]]) == [
        ("Matter", ["atom"]),
        ("Early Ideas", ["element", "dalton"]),
        ("Evolution", ["electron", "proton"]),
    ]


def test_a_week_mostly_about_the_chapters_opening_is_the_chapters() -> None:
    week = ["atom", "ion", "molecule", "element"]
    assert title(week) == "Matter"  # Early Ideas holds a quarter: not listed
    assert title(week, earlier=("Matter",)) == "Matter (continued)"
    assert title(week, "zh-CN", earlier=("Matter",)) == "Matter（续）"
    assert title(week, earlier=("Matter (continued)",)) == "Matter (continued)"


def test_a_week_going_on_with_an_earlier_weeks_section_names_what_it_covers() -> None:
    assert title(["isotope", "mass"], earlier=("Structure",)) == "Isotopes; Atomic Mass"
    # nothing below to list: the same section, continued
    assert title(["number", "number"], earlier=("Structure",)) == "Structure (continued)"


def test_too_little_under_headings_names_nothing() -> None:
    week = ["plain", "unmentioned", "isotope"]
    assert title(week) is None and modules(week) == []
    assert modules(["electron", "proton"]) == []  # one section: the links decide


def test_a_section_met_again_gathers_unless_that_passes_what_it_needs() -> None:
    week = ["element", "electron", "dalton"]
    assert modules(week) == [("Early Ideas", ["element", "dalton"]), ("Evolution", ["electron"])]

    def dalton_needs_electron(a: str, b: str) -> bool:
        return (a, b) == ("dalton", "electron")

    assert modules(week, dalton_needs_electron) == [
        ("Early Ideas", ["element"]),
        ("Evolution", ["electron"]),
        ("Early Ideas", ["dalton"]),
    ]


def test_what_is_taught_ahead_for_a_section_splits_it_no_more() -> None:
    # "electron" and "proton" (Evolution) are taught ahead, for "dalton" (Early Ideas):
    # inside the Early Ideas module, not a module between two halves of it.
    week = ["element", "electron", "proton", "dalton", "number"]

    def dalton_needs_both(a: str, b: str) -> bool:
        return a == "dalton" and b in ("electron", "proton")

    def split(taught_for: dict[str, str]) -> list[tuple[str | None, list[str]]]:
        return section_modules(week, SECTION, MINUTES, COURSE, dalton_needs_both, taught_for)

    assert split({}) == [
        ("Early Ideas", ["element"]),
        ("Evolution", ["electron", "proton"]),
        ("Early Ideas", ["dalton"]),
        ("Structure", ["number"]),
    ]
    assert split({"electron": "dalton", "proton": "dalton"}) == [
        ("Early Ideas", ["element", "electron", "proton", "dalton"]),
        ("Structure", ["number"]),
    ]
    # one of them read in its own place (taught for nothing ahead): the section stays split
    assert split({"electron": "dalton"})[1] == ("Evolution", ["electron", "proton"])


def test_what_is_taught_ahead_joins_the_section_right_after_it() -> None:
    # "electron" (Evolution) is taught ahead for "dalton" (Early Ideas), the section that
    # follows it: one module with it, not a module of its own named after Evolution, whose
    # own module may come later in the same week under the same name
    week = ["atom", "electron", "element", "dalton"]

    def dalton_needs_electron(a: str, b: str) -> bool:
        return (a, b) == ("dalton", "electron")

    def split(taught_for: dict[str, str]) -> list[tuple[str | None, list[str]]]:
        return section_modules(week, SECTION, MINUTES, COURSE, dalton_needs_electron, taught_for)

    assert split({}) == [
        ("Matter", ["atom"]),
        ("Evolution", ["electron"]),
        ("Early Ideas", ["element", "dalton"]),
    ]
    assert split({"electron": "dalton"}) == [
        ("Matter", ["atom"]),
        ("Early Ideas", ["electron", "element", "dalton"]),
    ]


def test_several_runs_taught_ahead_join_the_section_they_are_taught_for() -> None:
    # "electron" (Evolution) and "number" (Structure), each read in a later section, are
    # taught ahead for "dalton" (Early Ideas), whose section had a run earlier in the week:
    # both join it, rather than each being a module named after its own section between
    # two modules of Early Ideas
    week = ["element", "isotope", "electron", "number", "dalton"]

    def dalton_needs_them(a: str, b: str) -> bool:
        return a == "dalton" and b in ("electron", "number")

    taught_for = {"electron": "dalton", "number": "dalton"}
    modules = section_modules(week, SECTION, MINUTES, COURSE, dalton_needs_them, taught_for)
    assert modules == [
        ("Early Ideas", ["element", "electron", "number", "dalton"]),
        ("Structure", ["isotope"]),
    ]


def test_documents_are_named_by_their_headings() -> None:
    section = {
        "a1": ("A", "Vectors", "Addition"),
        "a2": ("A", "Vectors", "Scaling"),
        "b1": ("B", "Matrices"),
        "b2": ("B", "Matrices"),
        "c1": ("C",),
    }
    minutes = dict.fromkeys(section, 30)
    course = shared_section(list(section.values()))
    assert course == ()
    week = ["a1", "a2", "b1", "b2", "c1"]
    assert week_title(week, section, minutes, course, "en") == "Vectors; Matrices"
    # a document without headings is a module of its own (named after a concept of it)
    assert section_modules(week, section, minutes, course, never) == [
        ("Vectors", ["a1", "a2"]),
        ("Matrices", ["b1", "b2"]),
        (None, ["c1"]),
    ]
    # most of the week in one document: that document's section
    assert week_title(week[:3], section, minutes, course, "en") == "Vectors"


def test_a_notes_label_before_the_subject_names_no_week_or_module() -> None:
    # typed notes open on "<course code> Lecture Notes: <subject>": the week and the module
    # of the opening show the subject; a code alone, a standard's number, stays
    section = {
        "cell": ("N", "BIOL 1100 Lecture Notes: Cells"),
        "membrane": ("N", "BIOL 1100 Lecture Notes: Cells"),
        "osmosis": ("N", "BIOL 1100 Lecture Notes: Cells", "Transport"),
        "pump": ("N", "BIOL 1100 Lecture Notes: Cells", "Transport"),
    }
    minutes = {"cell": 60, "membrane": 60, "osmosis": 20, "pump": 20}
    week = list(section)
    assert week_title(week, section, minutes, ("N",), "en") == "Cells"
    named = section_modules(week, section, minutes, ("N",), never)
    assert [name for name, _ in named] == ["Cells", "Transport"]
    assert shown_name("Lecture 4 - Diffusion") == "Diffusion"
    assert shown_name("ISO 8601 - Dates and times") == "ISO 8601 - Dates and times"
    assert shown_name("Lecture Notes") == "Lecture Notes"


def test_a_notes_label_after_the_subject_names_no_week() -> None:
    """A document titled "<subject> + notes label" named the weeks under its title so."""
    section = {
        "tide": ("N", "海洋学复习笔记"),
        "wave": ("N", "海洋学复习笔记"),
        "current": ("N", "海洋学复习笔记", "洋流"),
    }
    minutes = {"tide": 60, "wave": 60, "current": 20}
    assert week_title(list(section), section, minutes, (), "zh") == "海洋学"
    assert shown_name("Plate Tectonics Study Guide") == "Plate Tectonics"
    assert shown_name("Geology - Handout") == "Geology"
    assert shown_name("Python 笔记") == "Python"
    # no subject, a part of a whole, a year, a name of its own: as they are
    for whole in ("复习提纲", "第三章笔记", "本章总结", "2023笔记", "Field Notes", "教学提纲"):
        assert shown_name(whole) == whole


def test_a_documents_opening_is_not_named_after_the_section_after_it() -> None:
    """A chapter file's own opening (its title's concept, under no section) began a week
    whose other concepts were its first section's: the opening's module took that
    section's name, and the week listed two modules of one name."""
    section = {
        "kernel": ("D",),
        "process": ("D", "Processes"),
        "thread": ("D", "Processes"),
        "fork": ("D", "Processes"),
        "signal": ("D", "Signals"),
        "handler": ("D", "Signals"),
    }
    minutes = {"kernel": 60, "process": 40, "thread": 20, "fork": 20, "signal": 20, "handler": 20}
    week = list(section)
    named = section_modules(week, section, minutes, ("D",), never)
    assert named == [
        (None, ["kernel"]),  # named after its concept
        ("Processes", ["process", "thread", "fork"]),
        ("Signals", ["signal", "handler"]),
    ]


def test_another_documents_concepts_are_their_own_module() -> None:
    # A week mostly of the shortest-path page ends with two concepts of the knapsack page:
    # they are that page's module, not part of the shortest-path section before them.
    section = {
        "bellman": ("SP", "Bellman–Ford 算法"),
        "relax": ("SP", "Bellman–Ford 算法"),
        "dijkstra": ("SP", "Dijkstra 算法"),
        "group": ("K", "分组背包"),
        "cost": ("K", "二维费用背包"),
    }
    minutes = {"bellman": 40, "relax": 40, "dijkstra": 40, "group": 20, "cost": 30}
    week = list(section)
    assert week_title(week, section, minutes, (), "zh-CN") == "Bellman–Ford 算法、Dijkstra 算法"
    assert section_modules(week, section, minutes, (), never) == [
        ("Bellman–Ford 算法", ["bellman", "relax"]),
        ("Dijkstra 算法", ["dijkstra"]),
        ("二维费用背包", ["group", "cost"]),  # the page's section holding most of its part
    ]
    # another chapter of the same document: its own section, named after it
    chapters = {
        "a": ("D", "Matter", "Atoms"),
        "b": ("D", "Matter", "Ions"),
        "c": ("D", "Matter", "Atoms"),
        "d": ("D", "Bonds", "Covalent Bonds"),
    }
    minutes = dict.fromkeys(chapters, 30)
    assert section_modules(list(chapters), chapters, minutes, ("D",), never) == [
        ("Atoms", ["a", "c"]),
        ("Ions", ["b"]),
        ("Bonds", ["d"]),
    ]


def test_a_chapters_own_concepts_never_join_another_chapters_module() -> None:
    # A SQL course's first week: "集合" (the set-operations chapter's section, a
    # prerequisite taught first) then the first chapter's opening concepts. These are the
    # week's own section's module, not part of the other chapter's "什么是集合运算".
    section = {
        "set": ("ch4", "集合运算", "什么是集合运算"),
        "database": ("ch1", "初识数据库"),
        "dbms": ("ch1", "初识数据库"),
        "sql": ("ch1", "初识数据库", "初识 SQL"),
        "record": ("ch1", "初识数据库", "初识 SQL"),
        "kinds": ("ch1", "初识数据库", "DBMS的种类"),
    }
    minutes = dict.fromkeys(section, 30)
    week = list(section)
    assert section_modules(week, section, minutes, (), never) == [
        ("什么是集合运算", ["set"]),
        ("初识数据库", ["database", "dbms"]),
        ("初识 SQL", ["sql", "record"]),
        ("DBMS的种类", ["kinds"]),
    ]


def test_a_module_too_long_for_a_session_is_split_by_its_sections() -> None:
    # A week of two chapters grouped by document: one chapter's part of it ran 225
    # minutes as one module named after the chapter. Over MAX_MODULE_MINUTES, a module
    # is its sections (below the chapter heading every concept of it shares).
    epithelial = ("T", "Tissues", "Epithelial Tissue")
    connective = ("T", "Tissues", "Connective Tissue")
    neurons = ("N", "Nervous System", "Neurons")
    section = dict.fromkeys(["epithelium", "lamina"], epithelial)
    section |= dict.fromkeys(["matrix", "bone", "blood"], connective)
    section |= dict.fromkeys(["neuron", "axon"], neurons)
    minutes = dict.fromkeys(section, 30)
    week = list(section)
    assert MAX_MODULE_MINUTES < 5 * 30
    assert section_modules(week, section, minutes, (), never) == [
        ("Epithelial Tissue", ["epithelium", "lamina"]),
        ("Connective Tissue", ["matrix", "bone", "blood"]),
        ("Neurons", ["neuron", "axon"]),
    ]
    # a module a session holds stays whole (named by the heading holding most of it)
    short = dict.fromkeys(section, 20) | {"neuron": 40, "axon": 40}
    assert section_modules(week, section, short, (), never) == [
        ("Connective Tissue", ["epithelium", "lamina", "matrix", "bone", "blood"]),
        ("Neurons", ["neuron", "axon"]),
    ]


def test_a_week_inside_one_sections_run_is_that_section_split() -> None:
    # A lab's week all in one chapter: its first subsection's run took in the chapter's
    # own concepts after it (its exercises' section, apparatus, left them at the chapter)
    # at every level, and the week fell back to prerequisite links: each unlinked concept
    # was a module of its own, named after itself. Too long for one module, it is the
    # section's parts, as a long module's are.
    setup = ("L", "Soil Testing", "Setting Up")
    section = {"sieve": (*setup, "Sieving"), "oven": (*setup, "Drying")}
    section |= {"balance": (*setup, "Drying")}
    section |= dict.fromkeys(["porosity", "density", "moisture"], ("L", "Soil Testing"))
    minutes = dict.fromkeys(section, 30)
    week = list(section)
    assert section_modules(week, section, minutes, ("L",), never) == [
        ("Sieving", ["sieve"]),
        ("Drying", ["oven", "balance", "porosity", "density", "moisture"]),
    ]
    # short enough for one session, it is left to the links as before
    short = dict.fromkeys(section, 15)
    assert section_modules(week, section, short, ("L",), never) == []


def test_two_documents_with_one_heading_name_it_once() -> None:
    section = {"a": ("A", "Vectors"), "b": ("B", "Vectors"), "c": ("C", "Matrices")}
    minutes = {"a": 30, "b": 30, "c": 30}
    assert week_title(["a", "b", "c"], section, minutes, (), "en") == "Vectors; Matrices"


def test_a_week_through_many_chapters_none_listed_is_named_by_the_first_and_last() -> None:
    # A short course over a whole book: a week goes through six chapters, none of which
    # holds a fifth of its minutes, so none is listed; the week spans them.
    chapters = ["Loops", "Text", "Files", "Arrays", "Maps", "Patterns"]
    section = {f"c{i}": ("book", name) for i, name in enumerate(chapters)}
    minutes = dict.fromkeys(section, 30)
    week = list(section)
    assert week_title(week, section, minutes, ("book",), "en") == "Loops – Patterns"
    assert week_title(week, section, minutes, ("book",), "zh-CN") == "Loops至Patterns"
    # the week's order, not the book's, gives the ends
    assert week_title(week[::-1], section, minutes, ("book",), "en") == "Patterns – Loops"
    # two chapters of a fifth or more each are listed as before
    minutes = {**minutes, "c1": 90, "c4": 90}
    assert week_title(week, section, minutes, ("book",), "en") == "Text; Maps"
    # fewer than three named sections and none listed: no title here (the largest
    # module's); four of six documents have no heading that holds most of their part
    section = {"a": ("A", "Loops"), "b": ("B", "Text")}
    for doc in "CDEF":
        section |= {f"{doc}1": (doc, "One"), f"{doc}2": (doc, "Two")}
    minutes = dict.fromkeys(section, 10)
    assert week_title(list(section), section, minutes, (), "en") is None


def test_a_span_ends_on_sections_named_as_titles_not_sentences() -> None:
    # Several decks as one course: a lab deck's slide title is a sentence, and it is the
    # last of six sections the week goes through (none holds a fifth of it, none is
    # listed). The span's ends are the nearest sections inside named as titles.
    sentence = "Suppose we have four source files as follows"
    names = ["Variables", "Pointers", "Make", "Arrays", "Structs", sentence]
    section = {f"c{i}": ("deck", name) for i, name in enumerate(names)}
    minutes = dict.fromkeys(section, 30)
    week = list(section)
    assert week_title(week, section, minutes, ("deck",), "en") == "Variables – Structs"
    assert week_title(week[::-1], section, minutes, ("deck",), "en") == "Structs – Variables"
    # a lead-in's colon or a sentence's stop is no title either, however short; a
    # question is ("Why Program?" opens a lecture)
    for odd in ("Note the following:", "Compile each file first."):
        named = {**section, "c0": ("deck", odd)}
        assert week_title(week, named, minutes, ("deck",), "en") == "Pointers – Structs"
    asked = {**section, "c0": ("deck", "Why Program?")}
    assert week_title(week, asked, minutes, ("deck",), "en") == "Why Program? – Structs"
    # six words are a title, an aside in brackets counting as it is typed
    long = {**section, "c4": ("deck", "Fixed width integer types (since C++11)")}
    assert week_title(week, long, minutes, ("deck",), "en") == (
        "Variables – Fixed width integer types (since C++11)"
    )
    # a Chinese name counts by characters: a sentence-long slide title is passed over
    zh_names = [
        "文字",
        "语用",
        "修辞",
        "方言",
        "下面我们来看一看两个人在路上见面时怎么打招呼",
        "预设presupposition",
    ]
    zh = {f"z{i}": ("讲义", name) for i, name in enumerate(zh_names)}
    zh_minutes = dict.fromkeys(zh, 30)
    # (a word of Latin letters counts as one)
    assert week_title(list(zh), zh, zh_minutes, ("讲义",), "zh-CN") == "文字至预设presupposition"
    zh["z5"] = ("讲义", "这一讲我们要讨论的是语言和文字之间的关系")
    assert week_title(list(zh), zh, zh_minutes, ("讲义",), "zh-CN") == "文字至方言"
    # fewer than two titles to name the ends by: no span (the largest module's title)
    lines = [
        sentence,
        "We begin with a short program that prints",
        "Here is what each of the files holds",
        "Now we compile them one at a time",
        "Then the linker puts all of them together",
        "Make",
    ]
    section = {f"c{i}": ("deck", name) for i, name in enumerate(lines)}
    minutes = dict.fromkeys(section, 30)
    assert week_title(list(section), section, minutes, ("deck",), "en") is None


def test_shared_section() -> None:
    assert shared_section([]) == ()
    assert shared_section([(D, "Matter", "Ions"), (D, "Matter"), (D, "Matter", "Ions")]) == (
        D,
        "Matter",
    )


def _with_sections(**request: object):
    data = statistics_input(**request)
    headings = {
        "s-types": ("Describing Data",),
        "s-hist": ("Describing Data", "Graphs"),
        "s-mean": ("Describing Data", "Center and Spread"),
        "s-median": ("Describing Data", "Center and Spread"),
        "s-var": ("Describing Data", "Center and Spread"),
        "s-sd": ("Describing Data", "Center and Spread"),
        "s-sampling": ("Inference", "Sampling"),
        "s-ci": ("Inference", "Estimation"),
        "s-test": ("Inference", "Testing"),
        "s-p": ("Inference", "Testing"),
        "s-corr": ("Relationships",),
        "s-reg": ("Relationships", "Regression"),
    }
    concepts = tuple(
        replace(
            c,
            mentions=tuple(
                replace(m, section=headings.get(c.id, ()) if m.document_id == STATS else ())
                for m in c.mentions
            ),
        )
        for c in data.concepts
    )
    return replace(data, concepts=concepts)


def test_a_planned_course_names_weeks_and_modules_after_the_sections() -> None:
    data = _with_sections(document_ids=(STATS, PROB), duration_weeks=6, hours_per_week=3)
    plan = plan_course(data)
    assert_sound(plan, data)
    plain = plan_course(statistics_input(document_ids=(STATS, PROB), duration_weeks=6,
                                         hours_per_week=3))  # fmt: skip
    # the same concepts in the same weeks: only the names change
    assert [w.slots for w in plan.weeks] != [] and [
        [s.concept_id for s in w.slots] for w in plan.weeks
    ] == [[s.concept_id for s in w.slots] for w in plain.weeks]
    headings = {"Describing Data", "Graphs", "Center and Spread", "Inference", "Sampling",
                "Estimation", "Testing", "Relationships", "Regression"}  # fmt: skip
    for week in plan.weeks:
        placed = [s.concept_id for s in week.slots]
        from_stats = [c for c in placed if c.startswith("s-")]
        if len(from_stats) == len(placed):  # the probability primer has no headings
            assert set(week.title.split("; ")) <= headings, week.title
            assert all(m.title in headings for m in week.modules), week
    titled = [w.title for w in plan.weeks]
    assert "Center and Spread" in titled or "Describing Data" in titled
    assert any("Inference" in t or "Testing" in t or "Estimation" in t for t in titled)


def test_a_concept_taught_ahead_never_anchors_its_own_sections_module() -> None:
    # A week of the lake-model lecture's "动态变化" then the present-value lecture's "现值":
    # "向量" (read in 现值) is taught ahead for "主导特征向量" (动态变化). Gathered first into
    # 现值's module, it moved that lecture's later concepts between the two halves of
    # 动态变化, which was named twice in the week.
    section = {
        "dynamics": ("lake", "动态变化"),
        "matrix": ("lake", "动态变化"),
        "vector": ("pv", "现值"),
        "dominant": ("lake", "动态变化"),
        "principal": ("lake", "动态变化"),
        "pv-model": ("pv", "现值"),
        "sequence": ("pv", "现值"),
    }
    minutes = dict.fromkeys(section, 20)
    week = list(section)

    def need_vector(a: str, b: str) -> bool:
        return a in ("dominant", "principal") and b == "vector"

    ahead = {"vector": "dominant"}
    assert section_modules(week, section, minutes, (), need_vector, ahead) == [
        ("动态变化", ["dynamics", "matrix", "vector", "dominant", "principal"]),
        ("现值", ["pv-model", "sequence"]),
    ]


def test_concepts_linked_to_nothing_beside_them_share_a_module() -> None:
    # a week of one section with no subsections falls back to runs of linked concepts; a
    # run of one, each concept linked to nothing, had made six modules named after their
    # one concept ("守恒律: 守恒律"): they are gathered up to a long session's length
    from types import SimpleNamespace

    from jobs.planning.outline import _modules

    week = ["symmetry", "law", "charge", "current", "field", "flow", "mass", "spin"]
    links = {("mass", "flow")}  # mass builds on flow
    ordering = SimpleNamespace(
        requires={c: {b for a, b in links if a == c} for c in week},
        advised={c: set() for c in week},
    )
    inputs = SimpleNamespace(
        minutes=dict.fromkeys(week, 30),
        graph=SimpleNamespace(related={c: set() for c in week}),
        ordering=ordering,
    )
    # four of 30 minutes fill a long session; a linked run stays as it was, alone
    assert _modules(week, inputs) == [  # type: ignore[arg-type]
        ["symmetry", "law", "charge", "current"],
        ["field"],
        ["flow", "mass"],
        ["spin"],
    ]


def test_a_module_named_after_a_concept_is_capitalised_as_a_heading() -> None:
    # a week without headings to go by names its modules after concepts, whose names are
    # lowercase as the text uses them; a title opens on a capital, code keeps its letters
    from jobs.planning.outline import as_title

    assert as_title("quality control", "en") == "Quality control"
    assert as_title("comma-separated values", "en") == "Comma-separated values"
    assert as_title("python", "en") == "Python"
    for name in ("ls", "grep", "k-means", "iOS", "numpy array", "x2 test", "Bloom's taxonomy"):
        assert as_title(name, "en") == name, name
    assert as_title("质量控制", "zh-CN") == "质量控制"


def test_a_headings_note_on_its_weight_is_no_part_of_its_name() -> None:
    # the author tells the reader how much a section counts; the topic is the rest
    assert shown_name("光的衍射（非重点）") == "光的衍射"
    assert shown_name("矩阵分解 (选学)") == "矩阵分解"
    assert shown_name("Red-black trees (optional)") == "Red-black trees"
    # a bracket that glosses or dates the name stays, and so does a note alone
    assert shown_name("递归（Recursion）") == "递归（Recursion）"
    assert shown_name("Fixed width integer types (since C++11)") == (
        "Fixed width integer types (since C++11)"
    )
    assert shown_name("（选学）") == "（选学）"


def test_a_students_long_question_names_no_week_or_module() -> None:
    """A lecture of answered questions heads each answer with the student's own words;
    a long question is no title, and its week or module is named by its concepts. A
    short question ("Why Recurse?") is a title still."""
    long_one = "Which text editor should I learn first if I mostly write small scripts?"
    other = "How do I keep my configuration files in sync between two laptops?"
    course = ("Q", "Answers")
    section = _under(
        course,
        {
            long_one: ["vim", "modal editing"],
            other: ["dotfiles", "symlink"],
            "Why Recurse?": ["recursion", "base case"],
        },
    )
    minutes = dict.fromkeys(section, 30)
    assert _module_names(section, course) == [None, None, "Why Recurse?"]
    # a book's section asked in title case is its author's title, however long
    booked = "Which Coin Should the Cashier Hand Back First?"
    titled = {**section, "greedy choice": ("Q", "Answers", booked)}
    titled["coin change"] = ("Q", "Answers", booked)
    named = section_modules(list(titled), titled, dict.fromkeys(titled, 30), course, never)
    assert [name for name, _ in named] == [None, None, "Why Recurse?", booked]
    week = ["vim", "modal editing", "dotfiles", "symlink"]
    # the week lists no question: it is its section's, as a week of headless parts is
    assert week_title(week, section, minutes, course, "en") == "Answers"


def test_a_chinese_task_set_as_a_heading_names_no_week_or_module() -> None:
    """An exercise set heads each task with the task's own sentence; a sentence of clauses
    is no title, its module is named by its concepts. A short heading stays a title."""
    task = "设计一个算法，判断给定的单链表中是否存在环，并分析其时间复杂度"
    other = "已知一棵二叉树的先序序列和中序序列，试画出这棵二叉树"
    course = ("E", "习题")
    section = _under(
        course,
        {task: ["单链表", "环"], other: ["先序序列", "中序序列"], "哈希表": ["哈希表", "冲突"]},
    )
    assert _module_names(section, course) == [None, None, "哈希表"]
    # a textbook's section titled by a sentence of its own is its author's title
    told = "向线程发出信号，让它们停止接收任务"
    section = _under(course, {told: ["信号", "通道"], "线程": ["线程"]})
    assert _module_names(section, course) == [told, "线程"]


def test_a_task_counted_by_its_label_alone_names_no_week_or_module() -> None:
    """A worksheet heads each task by its number ("题目2", "Exercise 3"): no topic, so its
    module is named by its concepts; a label with a topic after it stays a title."""
    course = ("E", "练习")
    section = _under(
        course,
        {
            "题目2": ["割线法", "收敛阶"],
            "Exercise 3": ["fixed point"],
            "例题4 不动点迭代": ["不动点"],
        },
    )
    assert _module_names(section, course) == [None, None, "例题4 不动点迭代"]


def _under(course: tuple[str, ...], headed: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Each concept's section: the heading it is listed under, below `course`."""
    return {concept: (*course, heading) for heading, names in headed.items() for concept in names}


def _module_names(section: dict[str, tuple[str, ...]], course: tuple[str, ...]) -> list[str | None]:
    """The modules' names of one week of all the concepts, 30 minutes each."""
    named = section_modules(list(section), section, dict.fromkeys(section, 30), course, never)
    return [name for name, _ in named]
