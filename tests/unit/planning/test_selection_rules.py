"""The rules that keep a chapter's main topics in a short course (docs/courses.md):
formula minutes capped, named-only concepts short, a brisker pace before main topics
are left out, centrality counted inside the documents, each document's best concept
first. Small graphs of our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jobs.planning import (
    ConceptInput,
    CourseRequest,
    DocumentInput,
    Extraction,
    Mention,
    PlanningInput,
    PrerequisiteInput,
    RelationInput,
    plan_course,
)
from jobs.planning.graph import CourseGraph
from jobs.planning.prerequisites import MAX_VOCABULARY
from jobs.planning.selection import WEIGHTS, score_concepts
from jobs.planning.timing import MIN_MINUTES, MIN_PACE, concept_minutes, formula_minutes, paced
from tests.unit.planning.checks import assert_sound

DOC = "doc-calc"
OTHER = "doc-other"
DOCUMENTS = (
    DocumentInput(DOC, "Calculus notes", "calculus.md", "en", 12, 0),
    DocumentInput(OTHER, "Exercises", "exercises.md", "en", 6, 1),
)


def _texts(kind: str, count: int, doc: str = DOC) -> tuple[Extraction, ...]:
    return tuple(Extraction(kind, f"{kind} {i}", doc, 1) for i in range(count))  # type: ignore[arg-type]


def _concept(
    cid: str,
    order: int,
    *,
    confidence: float = 0.9,
    doc: str = DOC,
    definitions: int = 1,
    examples: int = 0,
    formulas: int = 0,
    volume: int = 300,
    difficulty: str = "intermediate",
) -> ConceptInput:
    return ConceptInput(
        cid,
        cid.replace("-", " ").title(),
        "en",
        difficulty,  # type: ignore[arg-type]
        mentions=(Mention(doc, 1 + order // 4, confidence, order),) if doc else (),
        extractions=_texts("definition", definitions, doc)
        + _texts("example", examples, doc)
        + _texts("formula", formulas, doc),
        text_volume=volume,
    )


def _input(
    concepts: list[ConceptInput],
    edges: list[tuple[str, str, bool]] = (),  # type: ignore[assignment]
    *,
    weeks: int,
    hours: int,
    documents: tuple[str, ...] = (DOC,),
) -> PlanningInput:
    return PlanningInput(
        course_id="7d1c0f3e-2a4b-4c5d-8e6f-0a1b2c3d4e5f",
        request=CourseRequest(documents, weeks, hours),
        documents=DOCUMENTS,
        concepts=tuple(concepts),
        prerequisites=tuple(PrerequisiteInput(a, b, m, 0.9) for a, b, m in edges),
    )


def test_formulas_after_the_first_add_little_and_are_capped() -> None:
    assert [formula_minutes(n) for n in (0, 1, 2, 3, 12)] == [0, 15, 20, 25, 25]
    derivative = _concept("derivative", 0, formulas=12, volume=0)
    # intermediate 30 + one definition 10 + formulas 25 (not 12 x 15 or 3 x 15)
    assert concept_minutes(derivative, week_minutes=600) == 65


def test_a_concept_the_documents_only_name_gets_a_short_slot() -> None:
    named = _concept("value", 0, definitions=0, volume=60, difficulty="advanced")
    assert concept_minutes(named, week_minutes=600) == MIN_MINUTES  # 10 + 5 reading
    taught = replace(named, extractions=_texts("definition", 1))
    assert concept_minutes(taught, week_minutes=600) == 40 + 10 + 5


def test_pacing_scales_minutes_to_the_budget_down_to_its_floor() -> None:
    minutes = {"a": 100, "b": 60, "c": 40, "outside": 80}
    assert paced(minutes, ["a", "b", "c"], 200) == minutes  # fits: unchanged
    brisk = paced(minutes, ["a", "b", "c"], 160)  # 0.8 of the time
    assert brisk == {"a": 80, "b": 50, "c": 35, "outside": 65}
    floor = paced(minutes, ["a", "b", "c"], 10)
    assert floor["a"] == 100 * MIN_PACE
    assert floor["c"] == max(MIN_MINUTES, -(-int(40 * MIN_PACE) // 5) * 5)  # steps of 5
    assert all(m % 5 == 0 and m >= MIN_MINUTES for m in floor.values())


def test_a_short_course_keeps_the_main_topics_at_a_brisker_pace() -> None:
    """Three main topics (definitions, examples, formulas, long text) and twelve small
    side concepts, in 2 weeks of 3 hours: at their full time only two main topics fit
    and the side concepts take the rest; paced, all three stay."""
    main = [
        _concept(f"main-{i}", i * 5, definitions=2, examples=2, formulas=6, volume=1500)
        for i in range(3)
    ]
    side = [
        _concept(f"side-{i}", 1 + i, confidence=0.6, definitions=1, volume=50) for i in range(12)
    ]
    edges = [("main-0", "main-1", True), ("main-1", "main-2", True)]
    data = _input(main + side, edges, weeks=2, hours=3)
    full = sum(concept_minutes(c, week_minutes=10**4) for c in main)
    assert full > 2 * 180  # the main topics alone hold more than the budget
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for w in plan.weeks for s in w.slots]
    assert {"main-0", "main-1", "main-2"} <= set(taught)
    assert taught.index("main-0") < taught.index("main-1") < taught.index("main-2")


def test_centrality_counts_only_edges_inside_the_documents() -> None:
    """A generic concept of another document that many concepts need does not set the
    scale: the document's own hub keeps the full centrality share."""
    hub = _concept("hub", 0)
    leaves = [_concept(f"leaf-{i}", 1 + i) for i in range(3)]
    generic = _concept("generic", 0, doc="")  # no mention in the chosen documents
    edges = [("hub", f"leaf-{i}", True) for i in range(3)]
    edges += [("generic", c.id, True) for c in (hub, *leaves)]
    edges += [("generic", f"x-{i}", True) for i in range(6)]
    others = [_concept(f"x-{i}", 0, doc="") for i in range(6)]
    with_generic = _input([hub, *leaves, generic, *others], edges, weeks=4, hours=4)
    alone = _input([hub, *leaves], edges[:3], weeks=4, hours=4)
    scores = score_concepts(CourseGraph.build(with_generic), with_generic.request)
    baseline = score_concepts(CourseGraph.build(alone), alone.request)
    assert scores["hub"] == baseline["hub"]
    assert scores["generic"] < scores["leaf-0"]
    plan = plan_course(with_generic)
    assert_sound(plan, with_generic)
    assert "generic" not in {s.concept_id for w in plan.weeks for s in w.slots}
    assert [p.concept_id for p in plan.prerequisites] == ["generic"]


def test_a_hub_does_not_flatten_every_other_concepts_centrality() -> None:
    """A chapter's title comes before each of its twelve sections; a concept three of them
    need keeps half the hub's centrality share (the square root of 3/12), not a quarter."""
    hub = _concept("hub", 0)
    sections = [_concept(f"section-{i}", 1 + i) for i in range(12)]
    basis = _concept("basis", 13)
    edges = [("hub", f"section-{i}", False) for i in range(12)]
    edges += [("basis", f"section-{i}", True) for i in range(3)]
    data = _input([hub, *sections, basis], edges, weeks=4, hours=4)
    scores = score_concepts(CourseGraph.build(data), data.request)
    share = WEIGHTS["centrality"]
    assert scores["hub"] - scores["section-5"] == pytest.approx(share)
    assert scores["basis"] - scores["section-5"] == pytest.approx(share * 0.5)


def test_every_chosen_document_teaches_its_best_concept() -> None:
    """The second document's concepts all score below the first's; its best one is
    still taught, so its resource cites pages that are taught."""
    first = [_concept(f"a-{i}", i, examples=1, volume=600) for i in range(8)]
    second = [_concept(f"b-{i}", i, confidence=0.5, doc=OTHER) for i in range(3)]
    data = _input(first + second, weeks=1, hours=3, documents=(DOC, OTHER))
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = {s.concept_id for w in plan.weeks for s in w.slots}
    assert "b-0" in taught
    assert all(r.pages for r in plan.resources)


def test_each_document_gets_its_share_before_the_best_of_all() -> None:
    """The second document holds as much as the first but every concept of it scores
    lower (a later chapter that repeats the first one's general terms): by score alone
    it taught only its best concept; its share of the time teaches more of its own."""
    # long (two hours and more each: at the briskest pace, half an hour)
    first = [_concept(f"a-{i}", i, examples=2, volume=3600) for i in range(6)]
    second = [
        _concept(f"b-{i}", i, confidence=0.5, doc=OTHER, examples=2, volume=3600) for i in range(6)
    ]
    data = _input(first + second, weeks=1, hours=3, documents=(DOC, OTHER))
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for w in plan.weeks for s in w.slots]
    assert taught == ["a-0", "a-1", "a-2", "a-3", "b-0", "b-1"]
    # one document: no shares, the best concepts as before
    alone = _input(first, weeks=1, hours=3)
    assert [s.concept_id for w in plan_course(alone).weeks for s in w.slots] == [
        f"a-{i}" for i in range(6)
    ]


def test_a_related_concept_waits_for_its_place_in_the_reading_order() -> None:
    """matrix (read 1st) is strongly related to matrix-product (read 4th) and to
    transpose (read 2nd): transpose follows matrix at once, the product keeps its place
    after the dot product it builds on (no edge says so)."""
    names = ["matrix", "transpose", "dot-product", "matrix-product", "norm"]
    concepts = [_concept(n, i) for i, n in enumerate(names)]
    data = replace(
        _input(concepts, weeks=4, hours=4),
        relations=(
            RelationInput("matrix", "matrix-product", "similar", 0.9),
            RelationInput("matrix", "transpose", "similar", 0.5),
        ),
    )
    plan = plan_course(data)
    assert_sound(plan, data)
    assert [s.concept_id for w in plan.weeks for s in w.slots] == names
    # read next (or next but one), the related concept still comes right after
    swapped = replace(data, relations=(RelationInput("matrix", "dot-product", "similar", 0.9),))
    order = [s.concept_id for w in plan_course(swapped).weeks for s in w.slots]
    assert order[:2] == ["matrix", "dot-product"]


def test_words_the_documents_never_define_nor_mark_are_not_pulled_in() -> None:
    """A word such as "scientists" (no definition, no heading, emphasis or gloss: the
    extractor's floor confidence) is a mandatory prerequisite of "theory", whose
    definition uses it: it was taught before the theory; it is the documents'
    vocabulary, not taught (and, an everyday word, not listed as a prerequisite either).
    A marked prerequisite ("hypothesis", emphasised though never defined) still comes."""
    concepts = [
        _concept("scientists", 0, confidence=0.35, definitions=0, examples=3),
        _concept("hypothesis", 1, confidence=0.5, definitions=0),
        _concept("theory", 2, examples=2),
        *(_concept(f"other-{i}", 3 + i, confidence=0.6) for i in range(6)),
    ]
    edges = [("scientists", "theory", True), ("hypothesis", "theory", True)]
    data = _input(concepts, edges, weeks=1, hours=2)
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for w in plan.weeks for s in w.slots]
    assert "theory" in taught and "hypothesis" in taught
    assert "scientists" not in taught
    # an everyday word is no prior knowledge a teacher lists (the next test): assumed
    assert [p.concept_id for p in plan.prerequisites] == []
    assert [p.concept_id for p in plan.report.vocabulary_assumed] == ["scientists"]


def test_course_prerequisites_are_prior_knowledge_the_course_leans_on() -> None:
    """The documents' vocabulary that taught concepts need is listed as what learners
    bring only when it names a topic: no everyday word ("behavior", 曲线) nor adjective
    ("apical"); at most MAX_VOCABULARY, those most taught concepts need first."""
    rare = ["organism", "axolotl", "phoneme", "morpheme", "synapse", "neuron", "dendrite",
            "myelin", "glia", "ganglion"]  # fmt: skip
    words = [_concept(w, i, confidence=0.35, definitions=0) for i, w in enumerate(rare)]
    words += [
        _concept("behavior", 10, confidence=0.35, definitions=0),
        _concept("apical", 11, confidence=0.35, definitions=0),
        replace(_concept("curve", 12, confidence=0.35, definitions=0), title="曲线", language="zh"),
        replace(
            _concept("eigen", 13, confidence=0.35, definitions=0), title="特征值", language="zh"
        ),
    ]
    taught = [_concept(f"topic-{i}", 20 + i, examples=1) for i in range(3)]
    edges = [(w.id, "topic-0", True) for w in words]
    edges += [("organism", "topic-1", True), ("organism", "topic-2", True)]
    edges += [("behavior", "topic-1", True), ("behavior", "topic-2", True)]
    others = [_concept(f"other-{i}", 30 + i, confidence=0.6) for i in range(12)]
    data = _input([*words, *taught, *others], edges, weeks=1, hours=3)
    plan = plan_course(data)
    assert_sound(plan, data)
    listed = [p.concept_id for p in plan.prerequisites]
    assert listed[0] == "organism"  # needed by three taught concepts
    assert not {"behavior", "apical", "curve"} & set(listed)
    assert len(listed) == MAX_VOCABULARY
    assert set(listed) <= {*rare, "eigen"}
    # nothing a taught concept needs goes unaccounted for
    assumed = {p.concept_id for p in plan.report.vocabulary_assumed}
    assert {"behavior", "apical", "curve"} <= assumed
    assert len(assumed) == len(words) - MAX_VOCABULARY


def test_an_english_word_in_a_chinese_course_is_judged_as_english() -> None:
    """A Chinese course's documents use English words they never define: a table's column
    ("Weight") and a parameter ("dropna"). Everyday English is no prior knowledge a teacher
    lists, however rare it is in Chinese; a rare English term still is."""

    def chinese(cid: str, order: int, title: str) -> ConceptInput:
        word = _concept(cid, order, confidence=0.35, definitions=0)
        return replace(word, title=title, language="zh")

    words = [chinese("weight", 0, "Weight"), chinese("param", 1, "dropna"),
             chinese("curve", 2, "曲线"), chinese("eigen", 3, "特征值")]  # fmt: skip
    assert _brought_and_assumed(words) == (["param", "eigen"], ["weight", "curve"])


def test_a_word_its_own_section_is_headed_by_is_taught_there_not_brought() -> None:
    """ "Axolotls and Newts" heads the section where the documents first use "axolotl",
    never defining nor marking it: the course teaches it there, so learners need not bring
    it. A word a heading names only after "of" ("Kinds of Neurons") is still listed."""

    def headed(cid: str, order: int, heading: str) -> ConceptInput:
        word = _concept(cid, order, confidence=0.35, definitions=0)
        return replace(word, mentions=(replace(word.mentions[0], section=("Unit", heading)),))

    words = [
        headed("axolotl", 0, "Axolotls and Newts"),
        headed("neuron", 1, "Kinds of Neurons"),
        headed("organism", 2, "Living Things"),
        replace(headed("sum", 3, "求和公式"), title="求和公式", language="zh"),
    ]
    assert _brought_and_assumed(words) == (["neuron", "organism"], ["axolotl", "sum"])


def _brought_and_assumed(words: list[ConceptInput]) -> tuple[list[str], list[str]]:
    """The course prerequisites listed and the vocabulary assumed, when two taught concepts
    of a one-week course need each of `words`."""
    taught = [_concept(f"topic-{i}", 10 + i, examples=1) for i in range(2)]
    edges = [(w.id, t.id, True) for w in words for t in taught]
    others = [_concept(f"other-{i}", 20 + i, confidence=0.6) for i in range(12)]
    data = _input([*words, *taught, *others], edges, weeks=1, hours=3)
    plan = plan_course(data)
    assert_sound(plan, data)
    return (
        [p.concept_id for p in plan.prerequisites],
        [p.concept_id for p in plan.report.vocabulary_assumed],
    )


def test_a_concept_named_in_passing_is_taught_where_its_chapter_treats_it() -> None:
    """Chapter 1 names "cognition" in passing (0.5); chapter 2 heads and defines it (0.9)
    after its main topic "thinking", which cognition needs. Taught at its first mention,
    cognition pulled "thinking" ahead of chapter 1's own "conditioning"; taught where
    chapter 2 treats it, both come after chapter 1."""
    cognition = replace(
        _concept("cognition", 5, doc=OTHER),
        mentions=(Mention(DOC, 1, 0.5, 1), Mention(OTHER, 2, 0.9, 5)),
    )
    concepts = [
        _concept("learning", 0),
        _concept("conditioning", 2),
        _concept("thinking", 0, doc=OTHER),
        cognition,
    ]
    edges = [("thinking", "cognition", True), ("learning", "conditioning", True)]
    data = _input(concepts, edges, weeks=2, hours=4, documents=(DOC, OTHER))
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for w in plan.weeks for s in w.slots]
    assert taught == ["learning", "conditioning", "thinking", "cognition"]
    # selection still counts it where it is first met (the first chapter's share)
    assert CourseGraph.build(data).reading["cognition"] == (0, 1)


def test_an_excluded_word_is_listed_whatever_it_is() -> None:
    """The teacher excluded it: listed with that reason even when an everyday word."""
    words = [_concept("behavior", 0, confidence=0.35, definitions=0)]
    data = _input([*words, _concept("theory", 1, examples=1)], [("behavior", "theory", True)],
                  weeks=1, hours=3)  # fmt: skip
    data = replace(data, request=replace(data.request, exclude_concept_ids=("behavior",)))
    plan = plan_course(data)
    assert_sound(plan, data)
    assert [(p.concept_id, p.reason) for p in plan.prerequisites] == [("behavior", "excluded")]
    assert plan.report.vocabulary_assumed == ()


def test_documents_many_times_the_budget_are_taught_at_a_lecture_pace() -> None:
    """Four chapters' worth of main topics (two definitions, two examples, formulas, a
    page of reading: two hours each at full time) in 4 weeks of 3 hours: at 35 % of their
    time (45 minutes each) the course taught 16 of 40, a list a teacher found far too
    short; at MIN_PACE a main topic gets 25 minutes of a lecture and 28 are taught."""
    main = [
        _concept(f"topic-{i}", i, definitions=2, examples=2, formulas=3, volume=900)
        for i in range(40)
    ]
    data = _input(main, weeks=4, hours=3)
    assert concept_minutes(main[0], week_minutes=10**4) == 120
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s for w in plan.weeks for s in w.slots]
    assert len(taught) >= 25
    assert max(s.minutes for s in taught) <= 30


def test_a_hint_does_not_follow_a_concept_pulled_ahead_for_an_earlier_document() -> None:
    """The second document's "membrane" is taught ahead, in the first document's part,
    for "tissue-membrane" (mandatory). "potential", read before "membrane" in the second
    document, is only a hint for it: it stays in the second document's part, with the
    "axon" it needs, instead of coming into week 1 with them."""
    concepts = [
        _concept("tissue", 0),
        _concept("tissue-membrane", 5),
        _concept("epithelium", 6),
        _concept("axon", 1, doc=OTHER),
        _concept("potential", 2, doc=OTHER),
        _concept("membrane", 4, doc=OTHER),
    ]
    edges = [
        ("tissue", "tissue-membrane", True),
        ("membrane", "tissue-membrane", True),
        ("potential", "membrane", False),
        ("axon", "potential", True),
    ]
    data = _input(concepts, edges, weeks=2, hours=10, documents=(DOC, OTHER))
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for w in plan.weeks for s in w.slots]
    assert taught.index("membrane") < taught.index("tissue-membrane")
    assert taught.index("epithelium") < taught.index("axon") < taught.index("potential")


def test_an_everyday_word_the_course_teaches_kinds_of_is_listed() -> None:
    """ "cells" is as common in English as "behavior", but "glial cell" and "basal cell"
    are taught: the course teaches kinds of it, so learners must bring it (it was assumed
    without a word). One kind is not enough ("curve" for "demand curve" alone)."""
    cells = _concept("cells", 0, confidence=0.35, definitions=0)
    behavior = _concept("behavior", 1, confidence=0.35, definitions=0)
    curve = _concept("curve", 2, confidence=0.35, definitions=0)
    kinds = [_concept(t, 3 + i, examples=1) for i, t in enumerate(["glial-cell", "basal-cell"])]
    demand = _concept("demand-curve", 6, examples=1)
    edges = [(w.id, k.id, True) for w in (cells, behavior) for k in kinds]
    edges += [("curve", "demand-curve", True)]
    others = [_concept(f"other-{i}", 10 + i, confidence=0.6) for i in range(12)]  # fill the time
    data = _input([cells, behavior, curve, *kinds, demand, *others], edges, weeks=1, hours=3)
    plan = plan_course(data)
    assert_sound(plan, data)
    assert [p.concept_id for p in plan.prerequisites] == ["cells"]
    assumed = {p.concept_id for p in plan.report.vocabulary_assumed}
    assert assumed == {"behavior", "curve"}


def test_a_weeks_quiz_is_on_the_whole_week_when_little_of_it_is_to_recall() -> None:
    """One concept to recall (a beginner's definition) among five to apply: the quiz was
    "Short questions on Term." alone; now it asks about the whole week. A week mostly
    to recall keeps its quiz on those."""
    recall = _concept("term", 0, difficulty="beginner")
    applied = [_concept(f"method-{i}", 1 + i, examples=1) for i in range(5)]
    data = _input([recall, *applied], weeks=1, hours=6)
    plan = plan_course(data)
    assert_sound(plan, data)
    quiz = next(a for a in plan.assessment_methods if a.type == "quiz")
    quizzed = {c for o in plan.objectives if o.id in quiz.objective_ids for c in o.concept_ids}
    assert quizzed == {"term", *(c.id for c in applied)}
    mostly = [_concept(f"word-{i}", i, difficulty="beginner") for i in range(4)]
    plan = plan_course(_input([*mostly, applied[0]], weeks=1, hours=6))
    quiz = next(a for a in plan.assessment_methods if a.type == "quiz")
    quizzed = {c for o in plan.objectives if o.id in quiz.objective_ids for c in o.concept_ids}
    assert quizzed == {c.id for c in mostly}


def test_a_module_is_not_named_after_a_word_the_documents_never_mark() -> None:
    """A handout's definitions all lean on "water" (never defined nor marked, yet taught on
    its own score): the module holding it and the terms it defines was named "Water". A
    concept the documents teach names it; the word is still taught."""
    concepts = [
        _concept("water", 0, confidence=0.35, definitions=0, examples=6, volume=3000),
        _concept("river", 1),
        _concept("lake", 2),
        _concept("glacier", 3),
    ]
    edges = [("water", "river", True), ("water", "lake", True), ("water", "glacier", True)]
    data = _input(concepts, edges, weeks=1, hours=6)
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for w in plan.weeks for s in w.slots]
    assert "water" in taught
    titles = [m.title for w in plan.weeks for m in w.modules] + [w.title for w in plan.weeks]
    assert "Water" not in titles
