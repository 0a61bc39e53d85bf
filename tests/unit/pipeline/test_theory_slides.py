"""Rules met on a theory course's slides (a calculus of functions typeset with LuaTeX's
maths alphabets) and a compiler course's chapter written as questions and answers."""

from __future__ import annotations

from pathlib import Path

from datasources.concept_keys import concept_key
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.concepts import _american
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.knowledge import _ASKED_HEADING
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.readers.pdf import _blocks, _Line, _plain_prefix, _wordy
from jobs.pipeline.structure import heading_terms
from jobs.pipeline.terms import collect
from tests.unit.pipeline.written import concepts_of, keys_of, written


def test_a_maths_letter_opening_a_hyphenated_name_is_read_as_the_plain_letter() -> None:
    # LuaTeX and XeTeX set a Greek letter in running text from the maths alphabets
    assert _plain_prefix("a term in 𝛾-normal shape") == "a term in γ-normal shape"
    assert _plain_prefix("the 𝑡-test compares means") == "the t-test compares means"
    # inside a formula the letters stay what they are
    assert _plain_prefix("𝑢𝑣-plane") == "𝑢𝑣-plane"
    assert _plain_prefix("𝜇𝑥. 𝑥 = 𝑦") == "𝜇𝑥. 𝑥 = 𝑦"


def test_a_line_of_maths_letters_set_large_is_no_heading() -> None:
    # a grammar's rule and a step of a proof, set in the maths alphabet at display size
    assert not _wordy("𝑒𝑥𝑝𝑟 ∶∶= 𝑛𝑢𝑚 | 𝑒𝑥𝑝𝑟 + 𝑒𝑥𝑝𝑟")
    assert not _wordy("𝑃𝑄 if 𝐴 ≡")
    assert _wordy("Reduction strategies")
    assert _wordy("Confluence of β-reduction")


def test_a_greek_letter_hyphenated_to_a_word_is_part_of_the_name(tmp_path: Path) -> None:
    stats = collect(
        [
            (0, "A κ-opioid agonist binds here. Each κ-opioid agonist is slow."),
            (1, "The γ-secretase complex cuts proteins; the γ-secretase complex is large."),
        ]
    )
    assert {"κ-opioid agonist", "γ-secretase complex"} <= set(stats)
    assert not {"opioid agonist", "secretase complex"} & set(stats)
    text = (
        "# Folding\n\nA stretch of chain wound as a spring is called α-helix. Each α-helix "
        "is held by bonds between turns, and an α-helix may span a membrane.\n"
    )
    assert "α-helix" in keys_of(tmp_path, text)
    named = find_definitions("A short chain that blocks the site is called δ-inhibitor.", 0, False)
    assert [d.term for d in named] == ["δ-inhibitor"]


def test_two_names_joined_by_an_en_dash_stay_one_name() -> None:
    # typeset names of two people ("Hardy–Weinberg") read as one word, as with a hyphen;
    # cut at the dash the name kept only its second person
    stats = collect(
        [
            (0, "The Hardy–Weinberg principle holds without selection."),
            (1, "Under the Hardy–Weinberg principle allele shares stay fixed."),
            (2, "Years 1990–1995 and pages 12 – 14 are ranges; a pause – like this – cuts."),
        ]
    )
    assert "hardy–weinberg principle" in stats
    assert "weinberg principle" not in stats
    # numbers on either side of a dash, or a dash set with spaces, join nothing
    assert not any("–" in key and "hardy" not in key for key in stats)


def test_modifiers_set_against_each_other_keep_their_ordinary_words() -> None:
    # "free", "special" alone are generic words; before a head another modifier shares,
    # each names one kind of it
    assert {"Free variables", "Bound variables"} <= {
        c.term[0].upper() + c.term[1:] for c in heading_terms("Free and bound variables", 0, 2)
    }
    assert {"General relativity", "special relativity"} <= {
        c.term for c in heading_terms("General and special relativity", 0, 2)
    }


def test_a_heading_asking_how_two_things_differ_names_both() -> None:
    asked = "What is the difference between a stack machine and a register machine?"
    assert {c.term for c in heading_terms(asked, 0, 3)} == {"stack machine", "register machine"}
    assert {c.term for c in heading_terms("Differences between lipids and sterols", 0, 2)} == {
        "lipids",
        "sterols",
    }


def test_a_name_written_with_and_without_its_hyphen_is_one_concept() -> None:
    # the key two spellings of one name share, as British and American spellings do
    assert _american("bit-vector representation") == _american("bit vector representation")
    assert _american("well-formed formula") == _american("well formed formula")
    # a name that is not plain ASCII keeps its hyphen
    assert _american("β-reduction") == "β-reduction"


def test_a_decks_closing_slide_and_follow_up_questions_are_apparatus() -> None:
    for heading in ("Q&A", "Q & A", "Follow-up questions", "Follow-up exercises"):
        assert apparatus(heading), heading
    assert not apparatus("Follow-up care")


def test_a_names_abbreviation_in_brackets_before_its_verb_still_defines_it() -> None:
    found = find_definitions("A finite-state transducer (FST) is a machine with output.", 0, False)
    assert [d.term for d in found] == ["finite-state transducer"]
    # an aside in brackets is no abbreviation
    assert list(find_definitions("The lexer (usually) is a separate pass.", 0, False)) == []


def test_the_answer_under_a_what_is_heading_defines_what_it_asks(tmp_path: Path) -> None:
    text = (
        "# Grammars\n\n"
        "## What is a handle?\n\n"
        "A substring that matches the right side of a production and whose reduction is a "
        "step of a rightmost derivation in reverse. A shift-reduce parser finds the handle "
        "on top of its stack.\n\n"
        "## What is a viable prefix?\n\n"
        "Any prefix of a right sentential form that does not run past its handle. The "
        "parser's stack always holds a viable prefix.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert (concepts["handle"].description or "").startswith("A substring that matches")
    # an answer that does not open on its genus is not read as one
    assert not (concepts.get("viable prefix") and concepts["viable prefix"].description)


def test_a_plural_after_a_greek_letter_has_the_key_of_its_singular() -> None:
    assert concept_key("γ-rays") == concept_key("γ-ray")
    assert concept_key("the κ-opioid receptors") == "κ-opioid receptor"
    assert concept_key("clichés") == "clichés"  # a word the rule does not read stays


def test_a_section_headed_by_a_question_is_named_after_what_it_asks(tmp_path: Path) -> None:
    # the planner names modules after the sections: "What is a handle?" teaches handles
    text = (
        "# Bottom-up parsing\n\n"
        "## What is a handle?\n\n"
        "A **handle** is the substring a shift-reduce parser reduces next.\n"
    )
    rows = analyse_file(written(tmp_path, "notes.md", text), language="en").knowledge.extractions
    section = {x.concept_key: x.section for x in rows if x.type == "concept"}
    assert section["handle"] == ("Bottom-up parsing", "Handle")
    # a question comparing two things keeps its words
    assert _ASKED_HEADING.match("What is the difference between shifting and reducing?") is None


def test_a_slides_bulleted_line_set_large_is_an_item_not_a_heading() -> None:
    # the bullet's glyph and a maths letter after it, set larger than the words, gave
    # the item a heading's size
    def line(text: str, size: float, top: float) -> _Line:
        return _Line(text, size, 1, top, top, left=20.0, right=300.0)

    lines = [
        line("Reduction strategies", 14.0, 240),
        line("• μ-terms are compared up to renaming", 11.0, 200),
        line("• Renaming happens when a substitution needs it", 9.0, 185),
        line("• A bound name may change freely", 9.0, 170),
        line("• Free names never change", 9.0, 155),
    ]
    blocks = _blocks(lines, deck=True)
    assert [b.text for b in blocks if b.kind == "heading"] == ["Reduction strategies"]


def test_a_definition_ending_on_where_carries_the_list_below_it(tmp_path: Path) -> None:
    text = (
        "# Automata\n\n"
        "A **finite automaton** is a machine where\n\n"
        "- the states form a finite set;\n"
        "- one state is the start state;\n"
        "- each input symbol moves it from one state to the next.\n\n"
        "A finite automaton accepts a string when it ends in an accepting state.\n"
    )
    concept = next(c for c in concepts_of(tmp_path, text) if c.key == "finite automaton")
    assert (concept.description or "").endswith("moves it from one state to the next.")
