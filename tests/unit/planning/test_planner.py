# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose
"""plan_course on realistic English and Chinese graphs: order, time, wording, sources."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import orjson
import pytest

from jobs.planning import ConceptInput, CoursePlan, DocumentInput, Extraction, plan_course
from jobs.planning.sources import course_title, document_name
from schema.outline import (
    CourseOutline,
    parse_assessments,
    parse_objectives,
    parse_resources,
    parse_strings,
)
from tests.unit.planning.checks import CJK, assert_sound, positions
from tests.unit.planning.graphs import (
    EX,
    LA,
    PROB,
    STATS,
    linear_algebra_input,
    statistics_input,
)

BOTH = [statistics_input, linear_algebra_input]


@pytest.mark.parametrize("make", BOTH)
@pytest.mark.parametrize(("weeks", "hours"), [(1, 1), (3, 2), (6, 3), (8, 2), (12, 10)])
def test_plans_are_sound_for_any_budget(make, weeks, hours) -> None:
    data = make(duration_weeks=weeks, hours_per_week=hours)
    assert_sound(plan_course(data), data)


def test_statistics_course_orders_judged_pairs_and_keeps_related_together() -> None:
    plan = plan_course(statistics_input(duration_weeks=10, hours_per_week=3))
    where = positions(plan)
    assert not plan.report.left_out
    for before, after in [
        ("s-mean", "s-var"), ("s-var", "s-sd"), ("p-prob", "p-cond"), ("p-cond", "p-bayes"),
        ("p-normal", "p-clt"), ("p-clt", "s-ci"), ("s-test", "s-p"), ("s-corr", "s-reg"),
        ("s-types", "s-hist"),  # optional, still honoured
    ]:  # fmt: skip
        assert where[before] < where[after], (before, after)
    order = [p.concept_id for p in plan.placements]
    # correlation and regression are strongly related: taught one after the other
    assert order.index("s-reg") == order.index("s-corr") + 1


def test_documents_reading_order_breaks_ties() -> None:
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    plain = replace(data, prerequisites=(), relations=())
    order = [p.concept_id for p in plan_course(plain).placements]
    stats = [c.id for c in data.concepts if c.mentions[0].document_id == STATS]
    assert order[: len(stats)] == stats  # the first document, in its own order, first


def test_a_prerequisite_comes_just_before_it_is_needed() -> None:
    plan = plan_course(statistics_input(duration_weeks=20, hours_per_week=10))
    order = [p.concept_id for p in plan.placements]
    # Probability is read in the second document but the normal distribution (needed by
    # the CLT, which the sampling chapter leads to) pulls it forward, before p-rv.
    assert order.index("p-prob") < order.index("p-rv") < order.index("p-normal")


def test_english_course_wording_and_generated_title() -> None:
    plan = plan_course(statistics_input())
    assert plan.language == "en"
    assert plan.title == "Statistics Notes; Probability primer"
    assert plan.description.startswith("A 6-week course of ")
    assert "Probability primer" in plan.description  # no title: the file name, read as words
    verbs = {o.verb for o in plan.objectives}
    assert verbs <= {"Define", "Explain", "Apply", "Compute", "Analyse", "Evaluate"}
    assert not any(CJK.search(o.description) for o in plan.objectives)
    levels = {o.bloom_level for o in plan.learning_objectives}
    assert {"remember", "apply", "evaluate"} <= levels


def test_bloom_levels_follow_what_the_documents_give() -> None:
    plan = plan_course(statistics_input(duration_weeks=20, hours_per_week=10))
    level = {s.concept_id: s.bloom_level for w in plan.weeks for s in w.slots}
    assert level["s-types"] == "remember"  # beginner, definition only
    assert level["p-rv"] == "understand"  # intermediate, definition only
    assert level["s-mean"] == "apply"  # formula
    assert level["s-p"] == "analyze"  # advanced, definition only
    assert level["p-bayes"] == "evaluate"  # advanced with example and formula


def test_chinese_course_is_written_in_chinese() -> None:
    plan = plan_course(linear_algebra_input())
    assert plan.language == "zh-CN"
    assert plan.title == "线性代数"
    assert plan.description.startswith("本课程共8周")
    for text in [
        *(o.description for o in plan.objectives),
        *(a.title + a.description for a in plan.assessment_methods),
        *(q.question for q in plan.questions),
    ]:
        assert CJK.search(text), text
        assert not any(word in text for word in ("Week", "Explain", "Apply", "quiz", "What"))


def test_a_long_document_title_still_fits_the_title_column() -> None:
    data = statistics_input()
    long = replace(data.documents[0], title="Statistics " * 60)
    plan = plan_course(replace(data, documents=(long, data.documents[1])))
    assert len(plan.title) <= 500 and plan.title.startswith("Statistics Statistics")


def test_a_course_from_a_chapter_is_titled_without_the_chapter_number() -> None:
    data = statistics_input()
    numbered = replace(data.documents[0], title="Chapter 3: Statistics Notes")
    plan = plan_course(replace(data, documents=(numbered, data.documents[1])))
    assert plan.title == "Statistics Notes; Probability primer"
    assert "Chapter 3: Statistics Notes" in plan.description  # the document keeps its name
    zh = linear_algebra_input()
    numbered = replace(zh.documents[0], title="第2章 线性代数讲义")
    assert plan_course(replace(zh, documents=(numbered, *zh.documents[1:]))).title == "线性代数"
    # a year, a name with a digit, or a title that is only a number keep it
    for title in ("2024 Election Notes", "3D Statistics", "Chapter 3"):
        kept = replace(data.documents[0], title=title)
        plan = plan_course(replace(data, documents=(kept, data.documents[1])))
        assert plan.title == f"{title}; Probability primer"
    taught = plan_course(replace(data, request=replace(data.request, title="Chapter 1: Intro")))
    assert taught.title == "Chapter 1: Intro"  # the teacher's own title is theirs


def test_language_and_title_from_the_request_win() -> None:
    plan = plan_course(linear_algebra_input(language="en", title="Linear algebra I"))
    assert plan.title == "Linear algebra I"
    assert plan.objectives[0].description.startswith(plan.objectives[0].verb)
    assert plan.assessment_methods[0].title.startswith("Week 1")


def test_sources_resources_and_course_documents() -> None:
    data = linear_algebra_input(duration_weeks=12, hours_per_week=4)
    plan = plan_course(data)
    by_doc = {r.document_id: r for r in plan.resources}
    assert [r.document_id for r in plan.resources] == [LA, EX]
    assert by_doc[LA].title == "线性代数讲义"
    assert 1 in by_doc[LA].pages and by_doc[LA].page_ranges[0][0] == 1
    for resource in plan.resources:
        flat = [p for a, b in resource.page_ranges for p in range(a, b + 1)]
        assert flat == list(resource.pages)
    links = {d.document_id: d for d in plan.course_documents}
    assert links[LA].usage_type == "primary" and links[LA].relevance_score == "1.00"
    assert links[EX].usage_type in {"reference", "supplementary"}
    assert 0 < float(links[EX].relevance_score) < 1
    slot = next(s for w in plan.weeks for s in w.slots if s.concept_id == "m-mul")
    assert [(p.document_id, p.pages) for p in slot.pages] == [(LA, (15, 16, 17)), (EX, (8,))]


def test_questions_come_from_definitions_examples_and_formulas() -> None:
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    plan = plan_course(data)
    sd = [q for q in plan.questions if q.concept_id == "s-sd"]
    assert [q.question for q in sd] == [
        "What does “Standard deviation” mean?",
        "How is “Standard deviation” used in practice? Give an example.",
        "What is the formula for “Standard deviation”?",
    ]
    assert sd[0].answer == "The standard deviation is the square root of the variance."
    assert sd[2].answer == "s = √s²"
    assert {(q.difficulty, q.topic) for q in sd} == {("intermediate", "Standard deviation")}
    assert all(q.document_id == STATS and q.page for q in sd)
    assert len({q.id for q in plan.questions}) == len(plan.questions)


def test_an_example_question_is_never_answered_by_the_definition_again() -> None:
    """A sentence that defines with an example inside ("Binary crates are programs …, such
    as a command line tool") is both the definition and an example: the example question
    takes another example, or is not asked."""
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    defining = "A histogram shows how many values fall into each interval, such as ten points."
    other = Extraction("example", "Exam scores grouped into bins of ten points.", STATS, 3)

    def histogram(*examples: Extraction) -> ConceptInput:
        concept = next(c for c in data.concepts if c.id == "s-hist")
        definition = Extraction("definition", defining, STATS, 3)
        again = Extraction("example", defining, STATS, 3, confidence=1.0)
        return replace(concept, extractions=(definition, again, *examples))

    for examples, answer in (((), None), ((other,), other.text)):
        concepts = tuple(histogram(*examples) if c.id == "s-hist" else c for c in data.concepts)
        plan = plan_course(replace(data, concepts=concepts))
        asked = {q.question: q.answer for q in plan.questions if q.concept_id == "s-hist"}
        assert asked.get("How is “Histogram” used in practice? Give an example.") == answer
        assert asked["What does “Histogram” mean?"] == defining


def test_an_example_that_only_lists_its_concept_asks_nothing() -> None:
    """The extractor halves an example whose concept is named only after its marker ("It
    has many variants, such as the 0-1 knapsack problem"): no question takes it, and the
    concept is not to be applied for it."""
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    listed = Extraction("example", "Charts such as a histogram show counts.", STATS, 3, 0.3)
    concepts = tuple(
        replace(c, extractions=(*(e for e in c.extractions if e.kind != "example"), listed))
        if c.id == "s-hist"
        else c
        for c in data.concepts
    )
    plan = plan_course(replace(data, concepts=concepts))
    assert not [q for q in plan.questions if q.concept_id == "s-hist" and "example" in q.question]
    level = {s.concept_id: s.bloom_level for w in plan.weeks for s in w.slots}
    assert level["s-hist"] == "remember"  # a beginner's definition only, now


def test_a_question_takes_the_surest_formula_and_definition_not_the_first() -> None:
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    sd = next(c for c in data.concepts if c.id == "s-sd")
    earlier = (
        Extraction("formula", "s = 7", STATS, 1, confidence=0.6),  # a value set inline
        Extraction("definition", "Standard deviation is a number.", STATS, 1, confidence=0.55),
    )
    data = replace(
        data,
        concepts=tuple(
            replace(c, extractions=earlier + c.extractions) if c is sd else c for c in data.concepts
        ),
    )
    answers = {q.question: q.answer for q in plan_course(data).questions if q.concept_id == "s-sd"}
    assert answers["What is the formula for “Standard deviation”?"] == "s = √s²"
    assert answers["What does “Standard deviation” mean?"] == (
        "The standard deviation is the square root of the variance."
    )
    zh = plan_course(linear_algebra_input())
    assert zh.questions[0].question == "什么是向量？"


def test_a_definition_that_points_back_answers_only_when_it_is_the_only_one() -> None:
    """ "Such a solution is called an ideal solution." needs the sentence before it: a
    definition that stands alone answers first, however surely the other was found."""
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    back = {
        "s-sd": Extraction("definition", "This is called the standard deviation.", STATS, 1),
        "s-mean": Extraction("definition", "这个值称为平均数。", STATS, 1),
        # the sentence it points to before it, it still names by pointing
        "s-var": Extraction(
            "definition",
            "Square the distances from the mean and average them. That's called the variance.",
            STATS,
            1,
        ),
    }
    data = replace(
        data,
        concepts=tuple(
            replace(c, extractions=(back[c.id], *c.extractions)) if c.id in back else c
            for c in data.concepts
        ),
    )
    answers = {q.concept_id: q.answer for q in plan_course(data).questions if "mean?" in q.question}
    assert answers["s-sd"] == "The standard deviation is the square root of the variance."
    assert answers["s-mean"] == "The mean is the sum of the values divided by their number."
    assert answers["s-var"] == "Variance is the mean squared distance from the mean."


def test_of_equally_sure_definitions_the_concepts_description_answers() -> None:
    """Two definitions as sure, on the same page: the one the extractor chose as the
    concept's description answers, not the one first in alphabetical order."""
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    other = Extraction(
        "definition", "Analysts take the square root of the variance as a spread.", STATS, 9
    )
    data = replace(
        data,
        concepts=tuple(
            replace(c, extractions=(other, *c.extractions)) if c.id == "s-sd" else c
            for c in data.concepts
        ),
    )
    answers = {q.concept_id: q.answer for q in plan_course(data).questions if "mean?" in q.question}
    assert answers["s-sd"] == "The standard deviation is the square root of the variance."


def test_an_example_question_is_answered_by_an_example_naming_the_concept() -> None:
    """ "For example, …" belongs to its section's concept when it names none; an example
    that names the concept answers "How is X used in practice?" first, however surely
    the other was found."""
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    examples = (
        Extraction("example", "For example, a class of twelve sat the test twice.", STATS, 1,
                   confidence=0.8),
        Extraction("example", "Heights vary: their standard deviation is about 7 cm, for "
                   "example.", STATS, 1, confidence=0.6),
    )  # fmt: skip
    data = replace(
        data,
        concepts=tuple(
            replace(c, extractions=examples + tuple(e for e in c.extractions
                                                    if e.kind != "example"))
            if c.id == "s-sd" else c
            for c in data.concepts
        ),
    )  # fmt: skip
    answers = {q.question: q.answer for q in plan_course(data).questions if q.concept_id == "s-sd"}
    assert answers["How is “Standard deviation” used in practice? Give an example."] == (
        "Heights vary: their standard deviation is about 7 cm, for example."
    )


def _planned_with_formulas(formulas: dict[str, tuple[Extraction, ...]]) -> CoursePlan:
    """The statistics course (20 weeks of 10 hours) with these concepts' formulas only."""
    data = statistics_input(duration_weeks=20, hours_per_week=10)
    return plan_course(replace(
        data,
        concepts=tuple(
            replace(c, extractions=tuple(e for e in c.extractions if e.kind != "formula")
                    + formulas.get(c.id, ()))
            for c in data.concepts
        ),
    ))  # fmt: skip


def test_a_formula_question_is_answered_by_a_general_formula() -> None:
    """An equation before a bare expression, a general one before a worked calculation
    with measured values, and a formula without a letter ("1/3") answers nothing: a
    chemistry course answered "What is the formula for “pressure”?" with "1/3" or with
    "pressure per elephant foot = 14,000 lb/elephant * …" where the text writes P = F/A."""
    formulas = (
        Extraction("formula", r"$\frac{1}{3}$", STATS, 1, confidence=0.95),
        Extraction("formula", "p = 14,000 lb × 1/4 × 1/250 = 14 lb/in²", STATS, 1, confidence=0.9),
        Extraction("formula", r"$\frac{F}{A}$", STATS, 1, confidence=0.9),
        Extraction("formula", r"$P = \frac{F}{A}$", STATS, 1, confidence=0.6),
    )
    bare = (Extraction("formula", r"$\frac{1}{2}$", STATS, 1, confidence=0.9),)
    plan = _planned_with_formulas({"s-sd": formulas, "s-mean": bare})
    answers = {(q.concept_id, q.question): q.answer for q in plan.questions}
    assert answers["s-sd", "What is the formula for “Standard deviation”?"] == r"$P = \frac{F}{A}$"
    assert not [q for q in plan.questions if q.concept_id == "s-mean" and "formula" in q.question]


def test_a_bound_in_big_o_answers_no_formula_question_but_a_recurrence_does() -> None:
    """ "What is the formula for “heap”?" was answered "$O(\\log n)$": how a cost grows,
    not a formula of the concept. A recurrence that ends on a bound computes something."""
    bounds = (
        Extraction("formula", r"$O(\log n)$", STATS, 1, confidence=0.95),
        Extraction("formula", r"$O(2^k) = O(m)$", STATS, 1, confidence=0.95),
        Extraction("formula", r"$$\Theta(n^2)$$", STATS, 1, confidence=0.9),
    )
    recurrence = (Extraction("formula", r"$C(m) = 2C(m/2) + m = O(m \log m)$", STATS, 1, 0.6),)
    plan = _planned_with_formulas({"s-sd": bounds + recurrence, "s-mean": bounds})
    answers = {(q.concept_id, q.question): q.answer for q in plan.questions}
    assert answers["s-sd", "What is the formula for “Standard deviation”?"] == recurrence[0].text
    assert not [q for q in plan.questions if q.concept_id == "s-mean" and "formula" in q.question]


def test_a_formula_its_concept_is_not_named_beside_asks_nothing() -> None:
    """The extractor halves a formula's confidence when no words beside it name its concept
    as what it gives ("+0 → 0000 0000" was "the formula for “positive”", the concept its
    paragraph named first): no question asks for it and no objective computes with it."""
    unnamed = (Extraction("formula", r"$$x = \frac{a}{b}$$", STATS, 1, confidence=0.45),)
    named = (Extraction("formula", r"$$s = \sqrt{s^2}$$", STATS, 1, confidence=0.9),)
    plan = _planned_with_formulas({"s-mean": unnamed, "s-sd": named})
    asked = {q.concept_id for q in plan.questions if "formula" in q.question}
    assert "s-mean" not in asked and "s-sd" in asked
    level = {s.concept_id: s.bloom_level for w in plan.weeks for s in w.slots}
    # the mean had only its formula to apply: without it, a beginner's definition to recall
    assert level["s-mean"] == "remember"
    assert not any("Mean" in o.description and o.verb == "Compute" for o in plan.objectives)


def test_same_input_gives_the_same_bytes_whatever_the_input_order() -> None:
    data = statistics_input()
    first = plan_course(data).to_json()
    assert plan_course(data).to_json() == first
    shuffled = replace(
        data,
        concepts=data.concepts[::-1],
        prerequisites=data.prerequisites[::-1],
        relations=data.relations[::-1],
        documents=data.documents[::-1],
    )
    assert plan_course(shuffled).to_json() == first


def test_same_bytes_under_another_hash_seed() -> None:
    script = (
        "import sys; from jobs.planning import plan_course; "
        "from tests.unit.planning.graphs import linear_algebra_input; "
        "sys.stdout.buffer.write(plan_course(linear_algebra_input()).to_json())"
    )
    outputs = {
        subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outputs == {plan_course(linear_algebra_input()).to_json()}


def test_ids_are_kept_when_the_course_is_planned_again_with_other_hours() -> None:
    a = plan_course(statistics_input(duration_weeks=6, hours_per_week=3))
    b = plan_course(statistics_input(duration_weeks=6, hours_per_week=4))
    assert a.learning_objectives[0].id == b.learning_objectives[0].id
    other = plan_course(replace(statistics_input(), course_id="another"))
    assert other.learning_objectives[0].id != a.learning_objectives[0].id


def test_columns_keep_the_old_outline_keys_and_the_readers_parse_them() -> None:
    plan = plan_course(statistics_input())
    columns = orjson.loads(orjson.dumps(plan.columns()))
    outline = CourseOutline.parse(columns["outline"])
    assert [w.week for w in outline.weeks] == list(range(1, 7))
    first = columns["outline"]["weeks"][0]
    assert outline.weeks[0].concept_ids == first["concept_ids"]
    assert outline.weeks[0].topics == [c["title"] for m in first["modules"] for c in m["concepts"]]
    assert [(m.title, m.topics) for m in outline.weeks[0].modules] == [
        (m["title"], [c["title"] for c in m["concepts"]]) for m in first["modules"]
    ]
    assert outline.weeks[0].hours == first["minutes"] / 60
    assert outline.summary == plan.description
    objectives = parse_objectives(columns["learning_objectives"])
    assert [o.description for o in objectives] == [o.description for o in plan.learning_objectives]
    assert all(o.bloom_level is not None and o.measurable for o in objectives)
    assessments = parse_assessments(columns["assessment_methods"])
    assert [a.type for a in assessments][-1] == "project"
    resources = parse_resources(columns["resources"])
    assert resources[0].document_id == STATS and resources[0].pages
    assert PROB in {r.document_id for r in resources}
    prerequisites = parse_strings(columns["prerequisites"])
    assert prerequisites == [p.title for p in plan.prerequisites]


def test_contains_rows_and_objective_priorities() -> None:
    plan = plan_course(statistics_input())
    rows = plan.placements
    assert len({r.concept_id for r in rows}) == len(rows)
    assert all(r.duration_minutes > 0 and r.duration_minutes % 5 == 0 for r in rows)
    priorities = [o.priority for o in plan.objectives]
    assert len(set(priorities)) == len(priorities)
    assert priorities[: len(plan.learning_objectives)] == list(
        range(1, len(plan.learning_objectives) + 1)
    )
    assert all(o.week is None for o in plan.learning_objectives)


def test_objectives_read_for_any_subject_and_any_number_of_concepts() -> None:
    from jobs.planning.wording import OBJECTIVES_EN, OBJECTIVES_ZH, join

    # a biology chapter's concepts are things, not techniques: "Evaluate when to use
    # lysosomes" read wrong, and "compare it with" did for three titles
    for titles in (["lysosomes"], ["lysosomes", "peroxisomes", "ribosomes"]):
        x = join("en", titles)
        sentences = [w.template.format(x=x) for w in OBJECTIVES_EN.values()]
        assert all(x in s and s.endswith(".") for s in sentences)
        assert not any(" it " in s or "when to use" in s for s in sentences)
        # nor a word that counts them ("comparing each with" read wrong for one title)
        assert not any(" each " in s or " both " in s for s in sentences)
        for wording in OBJECTIVES_EN.values():
            assert wording.template.format(x=x).startswith(wording.verb)
    zh = [w.template.format(x=join("zh", ["溶酶体"])) for w in OBJECTIVES_ZH.values()]
    assert all("溶酶体" in s and "适用场合" not in s for s in zh)


def test_a_course_of_traditional_chinese_documents_is_worded_in_traditional() -> None:
    from jobs.planning.planner import traditional_wording
    from jobs.planning.wording import join, objective_wording, phrase

    # a Taiwanese handout's concepts: the planner's own words around them match them
    titles = ["變異數", "標準差", "常態分配", "t 檢定"]
    language = traditional_wording("zh-CN", titles)
    wording = objective_wording(language, "understand", "")
    assert wording.template.format(x=join(language, titles[:2])) == "用自己的話解釋變異數和標準差。"
    assert phrase(language, "continued_title", title="常態分配") == "常態分配（續）"
    assert phrase(language, "question_definition", title="標準差") == "什麼是標準差？"
    assert join(language, titles * 2).endswith("等8項")
    # Simplified titles, and English ones, keep their wording
    assert traditional_wording("zh-CN", ["方差", "标准差", "正态分布"]) == "zh-CN"
    assert phrase("zh-CN", "continued_title", title="方差") == "方差（续）"
    assert traditional_wording("en", ["variance", "standard deviation"]) == "en"


@pytest.mark.parametrize("make", BOTH)
def test_a_week_objective_that_is_a_course_objective_is_named_once(make) -> None:
    # a one-week course: its week's objectives say what the course's say
    plan = plan_course(make(duration_weeks=1, hours_per_week=2))
    (week,) = plan.weeks
    course_texts = [o.description for o in plan.learning_objectives]
    shared = [o for o in week.objectives if o.description in course_texts]
    assert shared, "the week repeats the course's objectives"
    # one node per objective: no text twice in the course's list (its ACHIEVES edges)
    listed = [o.description for o in plan.objectives]
    assert len(listed) == len(set(listed))
    assert {o.id for o in shared} <= {o.id for o in plan.learning_objectives}
    # the week still lists them, and its concepts point at them
    every = {o.id for o in plan.objectives}
    assert all(set(s.objective_ids) <= every for s in week.slots)
    assert_sound(plan, make(duration_weeks=1, hours_per_week=2))


def test_a_document_without_a_title_is_named_by_its_file_name_read_as_words() -> None:
    """ "Introductory Statistics; probability-notes" read as a file listing: a course and
    its description name an untitled document by its file name's words."""

    def named(title: str, filename: str) -> str:
        return document_name(DocumentInput("d", title, filename, "en", 1, 0))

    assert named("", "probability-notes.pdf") == "Probability notes"
    assert named("", "lecture_3__intro.md") == "Lecture 3 intro"
    assert named("", "README.md") == "README"
    assert named("", "线性代数-讲义.docx") == "线性代数 讲义"
    assert named("Introductory Statistics", "stats-2.pdf") == "Introductory Statistics"


def test_a_course_of_several_documents_is_titled_after_their_subjects() -> None:
    """Not "<one document's title> and related readings": the opening the titles share,
    else each document's subject once, as a week lists its sections."""
    chemistry = ["Stoichiometry of Chemical Reactions", "Thermochemistry", "Gases"]
    assert course_title(chemistry, chinese=False) == (
        "Stoichiometry of Chemical Reactions; Thermochemistry; Gases"
    )
    shared = ["Chapter 2: Linear Algebra: Vectors", "Chapter 3: Linear Algebra: Matrices"]
    assert course_title(shared, chinese=False) == "Linear Algebra"
    assert course_title(["The Heart", "The Skin"], chinese=False) == "The Heart; The Skin"
    parts = ["1.2 原子（上）", "1.2 原子（下）", "1.3 分子"]
    assert course_title(parts, chinese=True) == "原子、分子"
    assert course_title(["线性模型", "线性回归"], chinese=True) == "线性模型、线性回归"
    five = ["甲论", "乙论", "丙论", "丁论", "戊论"]
    assert course_title(five, chinese=True) == "甲论、乙论、丙论等"
    assert course_title(["原子（上）"], chinese=True) == "原子（上）"  # one document: its title


def test_a_course_on_notes_is_titled_after_their_subject() -> None:
    """A file of notes is titled "<subject> + notes label"; the course is on the subject."""
    assert course_title(["海洋生态学笔记"], chinese=True) == "海洋生态学"
    assert course_title(["Optics Lecture Notes"], chinese=False) == "Optics"
    assert course_title(["土壤学讲义", "土壤学复习提纲"], chinese=True) == "土壤学"
    assert course_title(["本章总结"], chinese=True) == "本章总结"  # a part of a whole
    assert course_title(["Release Notes"], chinese=False) == "Release Notes"


def test_a_file_names_chapter_number_and_notes_label_go_with_its_underscores() -> None:
    """A document with no title is named by its file, whose words an underscore joins:
    the chapter's number and the notes label come off with the underscore beside them
    (a course was titled "_遗传规律" after "第2章_遗传规律.pdf")."""
    assert course_title(["第2章_遗传规律"], chinese=True) == "遗传规律"
    assert course_title(["第2章_遗传规律_讲义"], chinese=True) == "遗传规律"


def test_a_file_names_dotted_section_number_comes_off_whole() -> None:
    """A file named by its section's dotted number joined with a hyphen or an underscore
    ("3.3-二元随机变量练习题"): the number comes off whole, never cut back to its first
    part (the course was titled "3-二元随机变量练习题")."""
    assert course_title(["4.2-条件概率练习题"], chinese=True) == "条件概率练习题"
    assert course_title(["2.10_Sampling Error"], chinese=False) == "Sampling Error"
    # a number that goes on into a word is no section's: it stays
    assert course_title(["1.5x Speed Reading"], chinese=False) == "1.5x Speed Reading"
    assert course_title(["3-Body Problems"], chinese=False) == "3-Body Problems"
    assert course_title(["Chapter_4_Ownership"], chinese=False) == "Ownership"
