"""Rules met on university lecture notes typeset with amsthm or theorem boxes (analysis,
linear algebra, probability; English and Chinese), each on text written for the test:
"Theorem 2.1.10 (Name)." headers, numbered exercises, "Proof." paragraphs, box titles."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.structure import acceptable, emphasis_terms, environment_names


def titles_of(tmp_path: Path, text: str, name: str = "notes.md") -> set[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.title.lower() for c in analyse_file(path).knowledge.concepts}


def test_a_theorem_headers_bracket_names_its_result(tmp_path: Path) -> None:
    # the note after the kind and number is the result's name; set in the body's font by
    # amsthm, it carried no emphasis and was lost
    text = (
        "# Sequences\n\nA **sequence** is a function from the naturals to the reals.\n\n"
        "**Theorem 2.1.10** (Monotone convergence theorem). A monotone sequence is bounded "
        "if and only if it is convergent.\n\n**Proof.** Suppose the sequence is bounded. "
        "Then the supremum exists.\n\n**Proof.** The other direction is the same.\n"
    )
    titles = titles_of(tmp_path, text)
    assert "monotone convergence theorem" in titles
    assert "proof" not in titles  # the kind of a run-in "Proof." paragraph: apparatus


def test_an_environment_header_names_only_a_definitions_or_a_results_note() -> None:
    assert environment_names("Lemma 2.2.1 (Squeeze lemma). Let a, b be sequences") == [
        "Squeeze lemma"
    ]
    assert environment_names("Definition 3.1: Vector space") == ["Vector space"]
    # an example's or an exercise's note is a topic or a difficulty, and a stated result
    # is a sentence
    assert environment_names("Example 9.7.2 (Kernels) The kernel of a map …") == []
    assert environment_names("Exercise 2.1.17 (Tricky): Find a sequence") == []
    assert environment_names("Theorem 10.3.3 (Eigenvalues need not exist) Let V …") == []


def test_a_numbered_exercises_emphasised_label_names_nothing() -> None:
    # "Exercise 2.1.12: Prove Proposition 2.1.13" in italics gave "1.12: Prove Proposition
    # 2.1.13" (its counter read as a step's); "Hint: Use induction" gave a concept too
    spans = ("Exercise 2.1.12: Prove Proposition 2.1.13", "Hint: Use induction", "Proof.")
    assert emphasis_terms(spans, 0, "Exercise 2.1.12: Prove Proposition 2.1.13.") == []


def test_a_chinese_theorem_box_title_names_its_term_and_both_of_two() -> None:
    assert environment_names("定义 3.1.1: 线性空间") == ["线性空间"]
    assert environment_names("定义 2.1.2: 期望和方差") == ["期望", "方差"]
    # a box's title that a PDF ran into the paragraph before it, emphasised
    text = "故不等式成立．定理 3.4.5: Sylvester 不等式"
    assert [c.term for c in emphasis_terms(("定理 3.4.5: Sylvester 不等式",), 0, text)] == [
        "Sylvester 不等式"
    ]


def test_a_chinese_span_opening_on_the_possessive_qi_points_at_its_subject() -> None:
    assert not acceptable("其分布")  # its distribution
    assert acceptable("其他综合收益")  # 其他 opens a name


def test_an_emphasised_property_a_definition_predicates_is_a_term() -> None:
    # "is *bounded* if …", "is called *linearly independent* if …": the property defined;
    # an adjective set apart in any other sentence stays stress
    def named(span: str, text: str) -> list[str]:
        return [c.term for c in emphasis_terms((span,), 0, text, properties=True)]

    assert named("bounded", "A sequence is bounded if the set of its terms is bounded.") == [
        "bounded"
    ]
    assert named("linearly independent", "It is called linearly independent if no …") == [
        "linearly independent"
    ]
    assert named("reliable", "The results were reliable and repeatable.") == []
    # outside lecture notes' numbered definitions, as before
    assert emphasis_terms(("convex",), 0, "A set is convex if it holds every segment.") == []
