"""Rules met in a research-methods and learning textbook, each on text written for the
test: claims that rank one aspect of a thing, instructions set as run-in labels and
headings of what is done to a thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.pipeline.structure import acceptable
from tests.unit.pipeline.written import concepts_of, keys_of


def test_a_ranked_aspect_is_no_name() -> None:
    """ "The greatest benefit of field surveys is …" ranks one aspect of field surveys: a
    superlative, a noun and "of" name no concept; a name built on a superlative has no
    "of" after its noun."""
    assert not acceptable("greatest benefit of field surveys")
    assert not acceptable("highest form of praise")
    assert not acceptable("most important part of the survey")
    assert acceptable("greatest common divisor")
    assert acceptable("law of effect")


def test_a_claim_about_a_things_best_side_defines_nothing(tmp_path: Path) -> None:
    text = (
        "# Field Surveys\n\nA **field survey** is a study of people where they live. The"
        " field survey asks each household the same questions.\n\n"
        "The greatest benefit of field surveys is the honesty of answers given at home."
        " Field surveys cost more than online polls.\n\n"
        "Copying is sometimes called the highest form of praise. Field surveys copy no one.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "field survey" in keys
    assert not {k for k in keys if k.startswith(("greatest", "highest"))}


def test_coordinated_modifiers_and_actions_in_a_heading_name_their_shared_head() -> None:
    """ "Independent and Dependent Variables": an adjective the lexicon also lists as a noun
    ("an independent") still only modifies the shared head; "Selecting and Assigning Test
    Subjects": two actions on one object, whose first word alone names nothing."""
    from jobs.pipeline.structure import heading_terms

    def terms(heading: str) -> set[str]:
        return {c.term.casefold() for c in heading_terms(heading, 0, 3)}

    assert terms("Independent and Dependent Variables") == {
        "independent variables",
        "dependent variables",
    }
    assert "longitudinal" not in terms("Longitudinal and Cross-Sectional Research")
    found = terms("Selecting and Assigning Test Subjects")
    assert "selecting" not in found and "test subjects" in found
    # the second action may be a noun too ("labeling", "testing", "building")
    found = terms("Naming and labeling minerals")
    assert "naming" not in found and "minerals" in found
    assert "measuring" not in terms("Measuring and Testing Soils")
    assert terms("Map and Set") == {"map", "set"}
    assert terms("Sorting and Searching") == {"sorting", "searching"}


def test_the_people_who_do_the_subject_are_no_concept(tmp_path: Path) -> None:
    """ "researchers" beside "research", "geologists" beside "geology": the people who do
    what the text teaches recur everywhere and name no concept; a thing named by an agent
    noun with no such base ("samplers") stays."""
    days = ["Monday", "Tuesday", "Friday", "Sunday", "Thursday", "Saturday"]
    paragraphs = [
        f"On {day} the researchers in the lab planned research on geology. The geologists"
        f" in the field cleaned the samplers, and the researchers and the geologists used"
        f" the samplers."
        for day in days
    ]
    sections = ["Planning", "Drilling", "Logging"]
    text = "# Field Research\n\n" + "".join(
        f"## {name}\n\n" + "\n\n".join(paragraphs[2 * i : 2 * i + 2]) + "\n\n"
        for i, name in enumerate(sections)
    )
    before = keys_of(tmp_path, text.replace("research ", "study ").replace("geology", "rocks"))
    assert {"researcher", "geologist", "sampler"} <= before  # no base: people stay named
    keys = keys_of(tmp_path, text)
    assert "sampler" in keys
    assert "researcher" not in keys and "geologist" not in keys


def test_a_list_of_tips_labels_instructions_not_terms(tmp_path: Path) -> None:
    """ "- **Use spaced review**: …", "- **Make use of flash cards**: …": in a list whose
    labels mostly open with a verb's bare form, each such label is advice, no concept (nor
    does its colon define it); a list of labelled nouns keeps its terms."""
    text = (
        "# Study Habits\n\n## Tips\n\nHere are some tips for study.\n\n"
        "- **Use spaced review**: Review notes over several days. Spaced review beats"
        " cramming, and spaced review is easy.\n"
        "- **Make use of flash cards**: Cards with a question on one side help. Make use of"
        " flash cards daily.\n"
        "- **Keep moving**: Exercise helps the brain.\n"
        "- **Sleep well**: Sleep sorts memories.\n\n"
        "## Terms\n\n"
        "- **Spaced review**: Review spread over days. Spaced review helps recall.\n"
        "- **Cramming**: Study packed into one night. Cramming fails.\n"
        "- **Flash card**: A card with a question and its answer. A flash card is small.\n"
        "\n## Trees\n\nA tree holds nodes joined by edges.\n\n"
        "- **Root node**: The node at the top. Every tree has one root node.\n"
        "- **Leaf node**: A node with no child. A leaf node ends a path.\n"
        "- **Edge**: A link between two nodes. Each edge joins a parent and a child.\n"
        "\n## Files\n\nEach file has its modes.\n\n"
        "- **Write permission**: the right to change a file. Write permission is granted.\n"
        "- **Execute permission**: the right to run a file. Execute permission is rare.\n"
        "- **Ownership**: the user a file belongs to. Ownership can pass to another.\n"
    )
    keys = keys_of(tmp_path, text)
    # a verb and a noun glossed as a thing ("the right to …") name a mode, no advice
    assert {"write permission", "execute permission", "ownership"} <= keys
    # "Root", "Leaf", "Edge" are verbs too: a glossary of things, no advice
    assert {"spaced review", "cramming", "flash card", "root node", "leaf node", "edge"} <= keys
    assert not {k for k in keys if k.startswith(("use ", "make use", "keep"))}


def test_an_infinitive_in_a_heading_is_what_is_done_to_its_topic() -> None:
    """ "Ways to Enhance Memory": after "to", a word English knows only as a verb is an
    infinitive; the heading names the topic after it, not "enhance memory"; a noun after
    "to" stays ("Introduction to Graph Theory")."""
    from jobs.pipeline.structure import heading_terms

    def terms(heading: str) -> set[str]:
        return {c.term.casefold() for c in heading_terms(heading, 0, 3)}

    assert terms("Ways to Enhance Retention") == {"retention"}
    assert terms("How to Enhance Retention") == {"retention"}
    assert terms("Introduction to Graph Theory") == {"graph theory"}


def test_after_ways_to_the_word_is_a_verb_even_when_it_is_a_noun_too() -> None:
    from jobs.pipeline.structure import heading_terms

    def terms(heading: str) -> set[str]:
        return {c.term.casefold() for c in heading_terms(heading, 0, 3)}

    # "measure", "test", "record" are nouns as well: after a noun of means, a task
    assert terms("Ways to measure rainfall") == {"rainfall"}
    assert terms("Two methods to record stream flow") == {"stream flow"}
    assert terms("How to test water hardness") == {"water hardness"}
    # a kind of method is a topic, and "to" after another noun keeps its noun
    assert "numerical methods" in terms("Numerical methods to solve equations")
    assert terms("Response to stress") == {"stress"}


def test_a_plain_text_list_of_tips_labels_instructions_too(tmp_path: Path) -> None:
    """Plain text loses the bold: a paragraph's few words before its colon are its label,
    and a run of such labels mostly opening with a verb is advice there too."""
    text = (
        "Study Habits\n\nHere are some tips for study. Spaced review and flash cards help"
        " learners.\n\n"
        "Use spaced review: Review notes over several days. Spaced review beats cramming,"
        " and spaced review is easy.\n\n"
        "Make use of flash cards: Cards with a question on one side help. Make use of flash"
        " cards daily.\n\n"
        "Keep moving: Exercise helps the brain and the body every day.\n\n"
        "Sleep well: Sleep sorts the memories of the day in the brain.\n\n"
        "Spaced review: Review spread over days, so that spaced review helps recall.\n"
    )
    keys = keys_of(tmp_path, text, name="notes.txt")
    assert "spaced review" in keys
    assert not {k for k in keys if k.startswith(("use ", "make use", "keep"))}


def test_a_plain_text_box_label_and_title_define_nothing() -> None:
    """ "Everyday Connection: Can You Remember Everything You Ever Did or Said?": in plain
    text a feature box's label and its title in title case are no definition-list entry;
    "Deadlock: a state in which …" still is."""
    from jobs.pipeline.structure import colon_head

    assert colon_head("Field Notes: Can You Remember Every Word You Ever Said?", 0) == []
    assert [c.term for c in colon_head("Deadlock: a state in which each task waits", 0)] == [
        "Deadlock"
    ]


def _defined_terms(sentence: str) -> list[str]:
    from jobs.pipeline.definitions import find_definitions

    return [d.term for d in find_definitions(sentence, 0, False)]


def test_what_makes_a_named_thing_happen_defines_it() -> None:
    """ "Retroactive interference happens when …": the condition that makes a name of two
    words or more defines it; "The problem occurs when …" is a remark."""
    terms = _defined_terms
    assert terms("Retroactive interference happens when new facts crowd out old ones.") == [
        "Retroactive interference"
    ]
    assert terms("An anchoring bias occurs when you fix on one number.") == ["anchoring bias"]
    assert terms("The problem occurs when the list is empty.") == []


def test_one_word_after_the_indefinite_article_names_a_kind_by_its_condition() -> None:
    """ "A drought occurs when rainfall stays below normal for months": "a" says a kind of
    event is meant, and the condition defines it; a mishap's ("An error occurs when …")
    and "The problem occurs when …" are remarks."""
    terms = _defined_terms
    assert terms("A drought occurs when rainfall stays below normal for months.") == ["drought"]
    assert terms("An error occurs when the path does not exist.") == []
    assert terms("The flood occurs when the dam breaks.") == []


@pytest.mark.parametrize(
    ("sentence", "defined"),
    [
        ("Selection bias occurs when some voters are more likely to be polled.", "Selection bias"),
        ("Recall error arises when respondents misremember past events.", "Recall error"),
        ("The error arises when the file is missing.", None),
        # a clause that is no condition of the name still takes its verb away
        ("Polyphagia is common when insulin is absent.", None),
    ],
)
def test_a_condition_with_a_verb_of_its_own_still_defines_the_name(
    sentence: str, defined: str | None
) -> None:
    """ "Selection bias occurs when some voters are more likely to be polled": the clause
    after "when" is the condition that makes the name, its own "are" no verb that takes
    the definition away from it; "arises when" ties a name to its condition as "occurs
    when" does."""
    assert _defined_terms(sentence) == ([defined] if defined else [])


def test_a_colon_and_the_genus_restate_a_name() -> None:
    """ "they built a cognitive map: a mental picture of the maze": a colon and the genus
    after it define the name, as a dash does."""
    from jobs.pipeline.definitions import find_definitions

    sentence = "As the rats explored, they built a cognitive map: a mental picture of the maze."
    assert [d.term for d in find_definitions(sentence, 0, False)] == ["cognitive map"]
    # what a thing holds is listed after the colon, no genus of a name
    listing = "Each item in a cons list contains two elements: the value of the item and more."
    assert list(find_definitions(listing, 0, False)) == []
    # a clause after the colon, its genus the subject, says how, not what the name is
    clause = "Rain and evaporation make a loop: the losses of one are the gains of the other."
    assert list(find_definitions(clause, 0, False)) == []


def test_a_bold_coordination_ending_on_a_noun_only_word_is_one_name() -> None:
    """ "**trial and error**": "trial" may be an adjective too, but "error" after "and" can
    only be a noun, so the span set apart is one name; "*religious and moral*" stays two
    adjectives."""
    assert acceptable("trial and error", emphasised=True)
    assert not acceptable("religious and moral", emphasised=True)


def test_a_bold_modifier_is_a_term_but_no_concept_to_teach(tmp_path: Path) -> None:
    """ "**basal**" opens "basal layer", "basal cell" and "basal surface" and ends no
    longer name: it qualifies the names of others. It stays a term of the text, at the
    floor confidence of a term nothing marks, so a course does not teach it on its own;
    "xylem", used alone more often than in "xylem cells", keeps its mark."""
    text = (
        "# Plant Tissues\n\n## Roots\n\n"
        "The **basal** side of a cell faces the soil. The basal surface rests on the"
        " basal layer of the root.\n\n"
        "A basal cell divides often. Each basal cell gives two cells. The basal layer"
        " renews the tissue.\n\n"
        "Water rises in the **xylem**. Xylem cells are long, and the xylem of a tree is"
        " its wood.\n\n"
        "## Leaves\n\nThe basal surface of a leaf cell holds no pores. Sugar is not in the xylem.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert concepts["basal"].confidence == 0.35
    assert concepts["xylem"].confidence > 0.35


def test_an_everyday_word_only_part_of_a_heading_names_is_no_concept_to_teach(
    tmp_path: Path,
) -> None:
    """ "Cell" of "Cell to Cell Contact", a common word the body uses mostly inside longer
    terms ("guard cell", "root cell", "cell wall") and never sets apart, is the heading's
    wording: a term at the floor confidence, so a course does not teach "cells" on its
    own. "Roots", a heading of its own, keeps its mark."""
    text = (
        "# Plant Tissues\n\n## Roots\n\n"
        "A guard cell opens the pore. Each guard cell is paired with another guard cell,"
        " and a root cell takes up water.\n\n"
        "A root cell is long. The companion cell feeds the sieve tube, and a cell wall"
        " holds every cell in shape.\n\n"
        "## Cell to Cell Contact\n\nA **plasmodesma** joins two cells through the cell"
        " wall. Every plasmodesma is narrow.\n\n"
        "## Leaves\n\nA guard cell sits in the leaf. The cell wall of a leaf cell is thin."
        " The plasmodesma ends here.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert "heading" in concepts["cell"].sources
    assert concepts["cell"].confidence == 0.35
    assert concepts["root"].confidence > 0.35


def test_a_phrase_set_apart_and_abbreviated_by_its_initials_is_a_name() -> None:
    """A generic head ("start", "point") makes no name alone, but an author who stresses a
    phrase and gives its initials in brackets at once names it."""
    from jobs.pipeline.structure import emphasis_terms

    def named(span: str, text: str) -> list[str]:
        return [c.term for c in emphasis_terms((span,), 0, text)]

    assert named("early start", "Each task has an **early start** (ES), its first day.")
    assert named("late start", "Its **late start** (LS = LF - d) is the last day.")
    # brackets that abbreviate nothing, or other letters, name nothing
    assert not named("early start", "An **early start** (before nine) helps.")
    assert not named("early start", "An **early start** (XY) helps.")


def test_a_compound_of_nouns_glossed_as_a_thing_is_no_advice(tmp_path: Path) -> None:
    """A glossary's label of three nouns whose first ones English knows as verbs too
    ("Water table depth") names a thing when its gloss opens as a noun phrase ("the
    distance …"); read as an instruction, half such labels made the list advice and its
    terms were lost with their definitions."""
    text = (
        "# Groundwater\n\nWells reach the water below the ground.\n\n"
        "- **Water table depth**: the distance from the ground down to saturated rock.\n"
        "- **Stream channel width**: the distance across a channel from bank to bank.\n"
        "- **Aquifer**: a layer of rock that holds water.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"water table depth", "stream channel width", "aquifer"} <= keys
