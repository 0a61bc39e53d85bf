"""Rules met on a science textbook with formulas, units and worked examples (chemistry):
a formula's quantities and units are no names, nor are the variables of an equation
written in prose."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.structure import acceptable, emphasis_terms, formula_labels, heading_terms
from jobs.pipeline.terms import collect
from jobs.pipeline.textutil import has_han
from tests.unit.pipeline.written import concepts_of, keys_of


def test_a_quantity_or_a_unit_inside_a_formula_is_no_label() -> None:
    """ "\\frac{\\text{amount of gas passing through an area}}{\\text{unit of time}}",
    "\\cancel{\\text{mol Al}}", "\\text{cup mix} + …": a worked example writes its
    quantities and units as text inside the maths; they are the formula's operands, not
    the label a textbook sets beside a rule it states."""
    operands = [
        r"$$\text{rate of diffusion} = \frac{\text{amount of gas passing through an area}}"
        r"{\text{unit of time}}$$",
        r"$$0.429\ \cancel{\text{mol Al}}\ \times \ \frac{\text{3 mol}\ \text{I}_{2}}{2\ "
        r"\cancel{\text{mol Al}}}$$",
        r"$$1\ \text{cup mix} + \ \frac{3}{4}\ \text{cup milk} + 1\ \text{egg}$$",
        r"$$(0.08206\ \text{L}\ \cancel{\text{atm mol}^{-1}\ \text{K}^{-1}})$$",
        r"$$\text{mol I}_{2} = 0.644$$",
    ]
    for latex in operands:
        assert formula_labels(latex, 0) == [], latex
    # a label beside the rule it names stays one
    rules = (
        r"$$\begin{aligned} \frac{d}{dx} [f(x) + g(x)] & = \frac{d}{dx} f(x) + \frac{d}{dx} g(x)"
        r" && \textrm{Sum rule} \\ \frac{d}{dx} [f(x) g(x)] & = f(x) g'(x) + g(x) f'(x)"
        r" && \textrm{Product rule} \end{aligned}$$"
    )
    assert [c.term for c in formula_labels(rules, 0)] == ["Sum rule", "Product rule"]


def test_the_variables_of_an_equation_in_prose_are_no_terms() -> None:
    """ "given by *p* = *hρg*", "*amount of A* = *amount of B*", "*PV* = constant": a
    science text sets an equation's variables in italics, as maths sets them; an italic
    symbol or an italic operand facing another across a relation is no term introduced.
    A term whose value a formula gives ("**percent yield** = …") stays one."""
    sentence = "The hydrostatic pressure is given by p = hρg, with h = 760 mm."
    spans = ("p", "hρg", "h")
    assert "hρg" not in [c.term for c in emphasis_terms(spans, 0, sentence)]
    assert [d.term for d in find_definitions(sentence, 0, False, spans)] == []
    both = "Noting that amount of A = amount of B, we solve for the time."
    assert emphasis_terms(("amount of A", "amount of B"), 0, both) == []
    assert emphasis_terms(("PV",), 0, "Boyle’s law: PV = constant at constant T and n") == []
    value = "The percent yield = actual yield / theoretical yield × 100."
    assert [c.term for c in emphasis_terms(("percent yield",), 0, value)] == ["percent yield"]


def test_a_law_stated_after_a_colon_is_defined() -> None:
    """Plain text keeps no bold, so the sentence must say it: "… formulated Graham’s law of
    effusion: The rate of effusion of a gas is …" states the law as "states that" does."""
    law = (
        "In 1832, Thomas Graham studied the rates of effusion of different gases and "
        "formulated Graham’s law of effusion: The rate of effusion of a gas is inversely "
        "proportional to the square root of the mass of its particles."
    )
    assert [d.term for d in find_definitions(law, 0, False, (), True)] == [
        "Graham’s law of effusion"
    ]
    summary = (
        "This observation is summarized by Dalton’s law of partial pressures: The total "
        "pressure of a mixture of ideal gases is equal to the sum of the partial pressures."
    )
    assert [d.term for d in find_definitions(summary, 0, False, (), True)] == [
        "Dalton’s law of partial pressures"
    ]
    # a colon that opens a list or a formula states no law
    for text in ("The law has two parts: the first and the second.", "By Boyle’s law: PV = k."):
        assert [d.term for d in find_definitions(text, 0, False, (), True)] == []


def test_a_worked_examples_repeated_label_is_no_term(tmp_path: Path) -> None:
    """Each worked example of a science chapter runs in its steps under the same bold
    labels ("**Solution**", "**Check Your Learning**"): repeated word for word, a label
    set alone in its paragraph is layout, not a term ("solution" was a concept of a
    chemistry chapter on reactions, met first in its examples' labels)."""
    example = (
        "> **Example {n}: Measuring Heat**\n>\n"
        "> A flask holds {n}00 g of water heated from 21 °C to 85 °C. How much heat did the "
        "water absorb?\n>\n> **Solution**\n>\n"
        "> The specific heat of water is 4.184 J/g °C, so heating {n}00 g of water by 64 °C "
        "takes {n}00 × 4.184 × 64 J of heat.\n>\n> **Check Your Learning**\n>\n"
        "> How much heat warms a 502 g iron skillet from 25 °C to 250 °C?\n"
    )
    text = (
        "# Heat\n\n## Measuring Heat\n\n"
        "**Heat** is the transfer of thermal energy between two bodies at different "
        "temperatures. The **specific heat** of a substance is the heat that raises one gram "
        "of it by one degree. Heat flows from the warmer body to the colder one.\n\n"
        + "\n".join(example.format(n=n) for n in (1, 2, 3))
    )
    keys = keys_of(tmp_path, text)
    assert {"heat", "specific heat"} <= keys
    assert "solution" not in keys


def test_a_unit_named_per_another_is_a_name() -> None:
    """ "**pounds per square inch (psi)**", "**parts per million (ppm)**": a unit or a rate
    is named by one quantity "per" another; set apart by the author it is a name, as "of"
    joins one ("**law of the excluded middle**"). "per" opening or closing a span is none."""
    text = "pressure is often measured in pounds per square inch (psi) or in parts per million."
    spans = ("pounds per square inch (psi)", "parts per million", "per cell")
    assert [c.term for c in emphasis_terms(spans, 0, text)] == [
        "pounds per square inch",
        "parts per million",
    ]


def test_a_passive_after_the_subject_defines_nothing_in_plain_text() -> None:
    """Plain text: "A X is …" opening a sentence stands for a term's lost bold, but "A
    typical apparatus for distillations is shown in Figure.", "A sample of food is weighed,
    …", "An outline of this approach is given in the flow chart:" describe what is done to
    the thing, no term: a worked example's steps and captions filled a chemistry chapter's
    text export with such concepts. "A barometer is a glass tube …" still defines."""
    for sentence in (
        "A typical apparatus for laboratory-scale distillations is shown in Figure.",
        "A sample of food is weighed, mixed in a blender and freeze-dried.",
        "An outline of this approach is given in the following flow chart:",
        "A small electrical spark is used to ignite the sample.",
        "A vivid example of precipitation is observed when solutions are mixed.",
    ):
        assert list(find_definitions(sentence, 0, False, (), True)) == [], sentence
    barometer = "A barometer is a glass tube that is closed at one end."
    assert [d.term for d in find_definitions(barometer, 0, False, (), True)] == ["barometer"]
    # after an adverb the participle describes the thing
    leakage = "A leakage channel is randomly gated, meaning that it opens at random."
    assert [d.term for d in find_definitions(leakage, 0, False, (), True)] == ["leakage channel"]


def test_a_chemical_formula_the_text_only_uses_is_no_concept(tmp_path: Path) -> None:
    """ "HCl(aq)", "NaOH(aq)", "CH₄": a chemistry text writes its substances' formulas in
    every equation, often enough to read as frequent terms ("HCl", "NaOH", and "CH" with
    its subscript lost); a formula the text never marks nor defines names no concept.
    "IoT", "LaTeX" have the shape but never a state or a subscript after them."""
    paragraph = (
        "A **neutralization reaction** is a reaction between an acid and a base. When "
        "HCl(aq) reacts with NaOH(aq), the products are NaCl(aq) and H₂O(l); CH₄ burns to "
        "CO₂ and H₂O. Adding HCl(aq) to NaOH(aq) again gives NaCl(aq), and CH₄ burns again.\n\n"
    )
    text = "# Reactions\n\n## Neutralization\n\n" + paragraph * 4
    keys = keys_of(tmp_path, text)
    assert "neutralization reaction" in keys
    assert not {"hcl", "naoh", "nacl", "ch"} & keys


def test_a_unit_symbol_and_a_measure_of_a_concept_are_that_concept(tmp_path: Path) -> None:
    """A chemistry chapter's course listed "mol", "moles" and "number of moles" as three
    prerequisites of one module: the text writes the unit's symbol where it writes the
    unit ("0.25 mol of helium and 2 moles of neon"), and "the number of moles" is the
    quantity the moles count. One concept, under the unit's name."""
    text = (
        "# Gases\n\n"
        "The amount of a gas is counted in **moles**. One mole of any gas holds the same "
        "number of molecules. A flask holds 0.25 mol of helium and 2 moles of neon.\n\n"
        "## The ideal gas law\n\n"
        "The **ideal gas law** relates the pressure, the volume and the **number of moles** "
        "of a gas: PV = nRT, where n is the number of moles. A balloon holds 0.50 mol of "
        "gas, a tank 12 mol and a can 0.1 mol; at 1.00 atm, 1.0 mol of gas takes 22.4 L.\n\n"
        "## Heat\n\n**Heat** is energy in transit. The **amount of heat** a body takes "
        "depends on its mass. The amount of heat is written q. Heat flows from hot to cold, "
        "and heat raises the temperature of 3.0 mol of water.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert {"mol", "number of moles", "amount of heat"}.isdisjoint(concepts)
    assert concepts["mole"].title == "moles" and concepts["heat"].title == "heat"
    assert concepts["mole"].mentions >= 3  # the symbol's and the measure's blocks count
    # a measure the text defines is a concept of its own ("the amount of substance is …")
    defined = text.replace(
        "The amount of heat is written q.",
        "The amount of heat is the energy a body takes or gives.",
    )
    assert "amount of heat" in {c.key for c in concepts_of(tmp_path, defined)}


def test_the_emphasised_name_after_the_naming_verb_is_the_one_defined() -> None:
    """ "… of *moderate* mutual solubility are said to be **partially miscible**": the
    sentence names what follows "said to be"; the stressed adjective before it is no term
    (a chemistry course taught "moderate", and a gas law waited for it)."""
    sentence = (
        "Two liquids, such as bromine and water, that are of moderate mutual solubility "
        "are said to be partially miscible."
    )
    found = list(find_definitions(sentence, 0, False, emphasis=("moderate", "partially miscible")))
    # (an adjective's name is no term either: the sentence defines nothing then)
    assert "moderate" not in [d.term for d in found]
    # a name the sentence gives after its naming verb takes the definition
    dyes = "Special *colored* dyes added to the sample are called indicators."
    named = list(find_definitions(dyes, 0, False, emphasis=("colored", "indicators")))
    assert [d.term for d in named] == ["indicators"]


def test_a_word_never_used_alone_that_opens_longer_terms_is_no_topic(tmp_path: Path) -> None:
    """ "the *relative* numbers", "relative amounts", "relative quantities": a word the text
    writes only as the first word of longer terms qualifies them and names nothing itself,
    whatever the lexicon says it may be (a noun too: "a relative"). Its emphasis no longer
    makes it a marked concept, so a course does not teach "relative" on its own."""
    text = (
        "# Equations\n\n"
        "The coefficients give the *relative* numbers of reactants and products. "
        "Coefficients are relative amounts, not masses.\n\n"
        "The relative quantities of reactants decide the yield. Chemists compare "
        "relative numbers of molecules and relative amounts of products.\n\n"
        "A **limiting reactant** runs out first. Relative rates of change follow from the "
        "coefficients.\n\nThe atom economy is the mass of the final product of a synthesis "
        "relative to the masses of all reactants. A synthesis relative to another wastes "
        "less.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert "relative" not in concepts or concepts["relative"].confidence == 0.35


def test_least_opens_a_name() -> None:
    """ "at least" makes "least" a stop word, and a heading's "Least Squares" was read as
    "Squares", "The Least Common Multiple" as "Multiple"; before a noun it opens the name
    (both readings of a heading: the body decides), alone or after "at" it names nothing."""
    assert [c.term for c in heading_terms("Least Squares", 0, 2)] == ["Least Squares", "Squares"]
    assert "Least Common Multiple" in [
        c.term for c in heading_terms("The Least Common Multiple", 0, 2)
    ]
    assert acceptable("least upper bound") and acceptable("least squares", heading=True)
    assert not acceptable("least") and not acceptable("at least")
    assert not acceptable("most students")


def test_a_least_squares_section_teaches_least_squares(tmp_path: Path) -> None:
    text = (
        "# Regression\n\n## Least Squares\n\n"
        "Least squares fits a line by minimising the sum of squared residuals. "
        "The least squares line passes through the mean of the data.\n\n"
        "Least squares estimates are unbiased under the usual assumptions.\n"
    )
    titles = {c.title.lower() for c in concepts_of(tmp_path, text)}
    assert "least squares" in titles and "squares" not in titles


def test_a_word_emphasised_as_the_head_of_an_of_phrase_is_a_noun() -> None:
    """English knows "premises" as a verb too and "conclusion" as a chapter's heading, but
    "express **premises** of the argument", "the **conclusion** of the argument" name the
    terms a logic book introduces; "*Conclusion*" alone, a verb with "of their own" and a
    base form ("the *slope* of a function", stress as before) stay out."""
    sentence = (
        "The last line states the conclusion of the argument, and the lines above it "
        "express premises of the argument."
    )
    found = [c.term for c in emphasis_terms(("conclusion", "premises"), 0, sentence)]
    assert found == ["conclusion", "premises"]
    assert emphasis_terms(("Conclusion",), 0, "Conclusion") == []
    assert emphasis_terms(("rises",), 0, "The price rises of its own accord.") == []
    assert emphasis_terms(("slope",), 0, "Find the slope of a function.") == []


def test_an_experiment_s_or_a_case_study_s_number_is_apparatus() -> None:
    """ "Experiment 3: a permanent wage gain", "Case Study 1: …", "Study 2": a worked
    case's label, as "Example 3" is, names nothing; the title after it still may."""
    experiment = heading_terms("Experiment 3: a permanent wage gain", 0, 3)
    assert [c.term for c in experiment] == ["permanent wage gain"]
    assert [c.term for c in heading_terms("Case Study 1: the dust bowl", 0, 3)] == ["dust bowl"]
    assert heading_terms("Study 2", 0, 3) == []
    assert [c.term for c in heading_terms("Experimental design", 0, 3)] == ["Experimental design"]


def test_a_lab_manuals_own_parts_are_apparatus_and_its_topics_stay() -> None:
    """A laboratory handout frames its experiment with parts of its own kind: the theory
    before it, the set-up, what to answer before coming to the bench. They name no topic;
    the same nouns after a topic's own words still do."""
    for part in (
        "Theory",
        "Set-up",
        "Experimental Objectives",
        "Pre-lab Questions",
        "Lab Prep Notes",
        "Initial Setup",
        "Laboratory Equipment",
    ):
        assert apparatus(part), part
    for topic in ("Class Methods", "Numerical Methods", "Experimental Design", "Game Theory"):
        assert not apparatus(topic), topic


def test_labels_run_together_that_repeat_a_noun_name_nothing() -> None:
    """A schematic's labels read out as one line ("Pump Hose Clamp Hose Reservoir") and an
    equation's subscripts read as words ("tank tank") name no concept, whole or across the
    repeated noun; each label alone still may. A name that joins its repeated noun with a
    word ("sum of sums") or a place's doubled name stays."""
    assert not acceptable("pump hose clamp hose")
    assert not acceptable("tank tank")
    assert acceptable("sum of sums") and acceptable("Bora Bora")
    # an adjective said again of its noun is no label run on: "Keep the raw data raw"
    assert {"raw data"} <= set(collect([(0, "Keep the raw data raw")]))
    keys = set(collect([(0, "Pump Hose Clamp Hose Reservoir")]))
    assert {"pump hose", "clamp hose", "reservoir"} <= keys
    assert not {"hose clamp", "clamp hose reservoir", "pump hose clamp"} & keys


def test_an_acronym_a_name_spells_out_elsewhere_is_that_name(tmp_path: Path) -> None:
    """A text names "Mean Free Path" in a heading and writes MFP from then on, never with the
    acronym in brackets after the name: one concept under the name, with the acronym's
    mentions, not two that split them."""
    text = (
        "# Gas kinetics\n\n"
        "## Mean Free Path\n\n"
        "A molecule travels some distance between collisions with other molecules.\n\n"
        "## Estimating MFP\n\n"
        "The MFP shrinks as the gas gets denser. Doubling the pressure halves the MFP.\n\n"
        "A diagram of MFP against pressure falls steeply. The MFP of air is short.\n"
    )
    concepts = concepts_of(tmp_path, text)
    keys = {c.key for c in concepts}
    assert "mfp" not in keys and "mean free path" in keys
    name = next(c for c in concepts if c.key == "mean free path")
    assert name.mentions >= 4  # the acronym's paragraphs count for the name
    # two names that abbreviate alike: the acronym is neither's
    doubled = text.replace("Doubling the pressure", "The **mass flow probe** reads; doubling it")
    assert "mfp" in keys_of(tmp_path, doubled)


def test_a_task_headings_verb_is_no_part_of_its_topic() -> None:
    """ "Compute the drag coefficient", "Calculate terminal velocity": a worked section is
    headed by what to do; the topic is what the verb works on (with the article the whole
    heading named nothing, without it the verb stuck to the name)."""

    def named(heading: str) -> set[str]:
        return {c.term for c in heading_terms(heading, 0, 3)}

    assert "drag coefficient" in named("Compute the drag coefficient")
    assert "terminal velocity" in named("Calculate terminal velocity")
    # the verb alone names nothing, nor joins the object's head
    assert named("Solve for the boiling point") == {"boiling point"}
    # a keyword in capitals, or a word that is a noun too, opens a name
    assert named("SELECT Statement") == {"SELECT Statement"}
    assert "Design patterns" in named("Design patterns")


def test_an_everyday_adjective_in_bold_alone_is_stress(tmp_path: Path) -> None:
    """A chapter that sets its terms in bold sets a lone everyday adjective in bold to stress
    it ("the balance is **positive**"): with no definition, gloss or heading it is no
    concept, however densely the text marks its terms."""
    paragraphs = [
        "The **trade balance** compares exports with imports. A surplus of exports makes the "
        "balance **positive**. A deficit makes it negative.",
        "A **tariff** is a tax on imports. With a tariff in place the balance often turns "
        "**positive**, because imports fall.",
        "A **quota** limits imports by quantity. A quota, like a tariff, can keep the balance "
        "positive.",
        "The **exchange rate** is the price of one currency in another. A falling exchange rate "
        "makes exports cheaper, and the balance turns **positive** again.",
        "The **current account** adds income flows to the trade balance. It is positive when "
        "the trade balance is positive.",
    ]
    text = "# Trade\n\n" + "\n\n".join(paragraphs) + "\n"
    keys = keys_of(tmp_path, text)
    assert "positive" not in keys and "trade balance" in keys
    # defined, it is taught
    defined = text + "\n**Positive** means greater than zero.\n"
    assert "positive" in keys_of(tmp_path, defined)


def test_a_name_set_apart_may_open_on_a_direction_adverb() -> None:
    """ "**down payment**", "**back pressure**": English lists "down" and "back" among its
    stop words for "sit down", "go back", yet they open compound nouns; set apart in bold
    such a name is a term. Not in plain running text, nor before another stop word."""
    assert acceptable("back pressure", emphasised=True)
    assert acceptable("down payment", emphasised=True)
    assert not acceptable("back pressure")
    assert not acceptable("back to", emphasised=True)
    assert not acceptable("up the hill", emphasised=True)


def test_a_british_and_an_american_spelling_are_one_name(tmp_path: Path) -> None:
    """A chapter in American spelling quotes a caption written in British spelling: "colour
    index" and "color index" are one concept, not two that split its mentions, under the
    spelling the chapter writes."""
    text = (
        "# Stars\n\n"
        "The **color index** compares a star's brightness in two filters. A hot star has a "
        "small color index, and a cool star a large one.\n\n"
        "Astronomers plot the color index against brightness. The color index tracks "
        "surface temperature.\n\n"
        "> Figure caption from the survey: the **colour index** of each star, measured "
        "twice; the colour index of the Sun is marked.\n"
    )
    concepts = concepts_of(tmp_path, text)
    keys = {c.key for c in concepts}
    assert "color index" in keys and "colour index" not in keys
    # under the spelling the text writes more often, with its paragraphs
    assert next(c for c in concepts if c.key == "color index").mentions >= 2


def test_a_sections_kind_names_no_topic(tmp_path: Path) -> None:
    # a climate chapter's every model section had "Assumptions", and its lesson a section
    # "The concept": both were concepts and week titles
    text = (
        "# Grey gas models\n\n## A single layer\n\n### Assumptions\n\n"
        "The atmosphere is one layer that absorbs a fixed share of the **longwave radiation** "
        "the surface emits.\n\n## Two layers\n\n### Assumptions\n\n"
        "Each layer has the same **absorptivity** and emits as much upward as downward.\n\n"
        "## The concept\n\nAn atmosphere that absorbs longwave radiation warms the surface.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "longwave radiation" in keys
    assert not keys & {"assumptions", "assumption", "concept", "the concept"}


def test_plus_and_versus_join_names_and_open_none(tmp_path: Path) -> None:
    text = (
        "# Feedbacks\n\nModels agree on the combined water vapor plus lapse rate feedback. "
        "The water vapor plus lapse rate feedback is smaller than either alone.\n\n"
        "Cloud feedback versus albedo feedback: the combined water vapor plus lapse rate "
        "feedback is better known than cloud feedback versus albedo feedback.\n"
    )
    keys = keys_of(tmp_path, text)
    assert not {k for k in keys if k.startswith(("plus ", "versus "))}


def terms(sentence: str) -> list[str]:
    """The names an English sentence of plain text defines."""
    return [d.term for d in find_definitions(sentence, 0, False, (), True)]


def test_we_define_names_what_comes_first_and_not_what_it_belongs_to() -> None:
    """ "We define the variance of a random variable as …" defined "random variable": the
    article-split that reads "we call a system with … an inconsistent system" took the last
    noun phrase, while define names the first one; "of a …" says what it belongs to."""

    assert terms("We define the variance of a random variable as its spread about the mean.") == [
        "variance"
    ]
    assert terms("We define the rate of change as the slope of the secant.") == ["rate of change"]
    # what comes last is still the name after call
    assert terms("We call a system with no solution an inconsistent system.") == [
        "inconsistent system"
    ]
    assert terms("We call the set of all outcomes the sample space.") == ["sample space"]


def test_we_call_names_the_phrase_after_its_article_not_what_it_belongs_to() -> None:
    """ "We call this point the center of the circle" defined "circle": the name after
    call was read from the last article, which here opens "of the circle", the thing the
    center belongs to. A long subject cut the name mid-word ("square matr"), and "this"
    before an article lost the name's first word ("we call this the law of …")."""

    assert terms("We call this point the center of the circle.") == ["center"]
    assert terms("We call the line through the two foci the major axis of the ellipse.") == [
        "major axis"
    ]
    # a subject too long for the name's window: no name rather than half a word
    assert terms("We call a matrix with the same number of rows and columns a square matrix.") == []
    assert terms("We call this the law of large numbers.") == ["law of large numbers"]
    # "this" before the noun it points at, as before
    assert terms("We call this action borrowing.") == ["borrowing"]


def test_two_emphasised_adjectives_before_one_noun_are_stress_not_definitions() -> None:
    """ "Our *current* clients … were swayed …, while *potential* clients responded to the
    firm's reputation": the italics contrast two kinds of client; with "were" in the
    sentence the emphasised-term rule defined "potential", which became a concept and a
    question."""
    sentence = (
        "Our current buyers, for example, were swayed by delays, while potential buyers "
        "responded to the shop's reviews."
    )
    marks = ("current", "potential")
    found = find_definitions(sentence, 0, False, ("potential",), False, marks)
    assert [d.term for d in found] == []
    # the noun they share may be a verb too: "a *static* check …, … a *dynamic* check"
    tools = "A linter is a static check that reads code, a fuzzer is a dynamic check that runs it."
    defined = {d.term for d in find_definitions(tools, 0, False, ("static", "dynamic"))}
    assert defined == {"linter"}  # the plain "X is a …" still reads
    # one emphasised adjective alone reads as before: the term it introduces
    bayes = "Updating with the evidence is what gives posterior beliefs about each hypothesis."
    assert [d.term for d in find_definitions(bayes, 0, False, ("posterior", "prior"))] == [
        "posterior"
    ]
    said = "A feedback is positive when it amplifies the change."
    assert [d.term for d in find_definitions(said, 0, False, ("positive",))] == ["positive"]


def test_names_listed_after_a_colon_are_introduced_not_defined() -> None:
    """ "… are replaced by two: the *reset gate* and the *update gate*": the verb before the
    colon says nothing of each name after it; a name the list goes on to define is."""
    introduced = "The old valves are replaced by two: the inlet valve and the outlet valve."
    marks = ("inlet valve", "outlet valve")
    assert list(find_definitions(introduced, 0, False, marks)) == []
    defined = "Two valves remain: the inlet valve is the one that lets water in."
    assert [d.term for d in find_definitions(defined, 0, False, marks)] == ["inlet valve"]


def test_a_side_opens_a_name(tmp_path: Path) -> None:
    """ "left" and "right" are generic words ("is left", "right now"), and a term cut them
    off: "left ventricle" was "ventricle", a heading's "right ascension" was "ascension".
    Before a noun a side names a part or a kind of its own; alone it names nothing."""
    assert "right ascension" in [
        c.term for c in heading_terms("Declination and right ascension", 0, 2)
    ]
    sentences = [
        "The left ventricle is the strongest chamber.",
        "The right atrium is the weakest chamber.",
        "Blood leaves the left ventricle through the aorta and enters the right atrium.",
        "Turn the model to the left and look right at it.",
    ]
    found = concepts_of(tmp_path, "# The heart\n\n## Chambers\n\n" + " ".join(sentences))
    titles = {c.title.lower() for c in found}
    assert {"left ventricle", "right atrium"} <= titles
    assert not titles & {"ventricle", "atrium", "left", "right"}


def test_a_task_heading_names_no_topic() -> None:
    # an exercise's or a problem's title names the case it works on, not what is taught
    for heading in (
        "Exercise: Echoes from a canyon wall",
        "Exercise 4.2: Pitch of a passing siren",
        "Problem (A ball on a ramp)",
        "Question 3 - Tides in a harbour",
    ):
        assert heading_terms(heading, 0, 3) == [], heading
    # a heading that only opens on such a word keeps its topic
    assert [c.term for c in heading_terms("Problem solving", 0, 2)] == ["Problem solving"]
    assert [c.term for c in heading_terms("Example 2: Bubble sort", 0, 3)] == ["Bubble sort"]


def test_a_hands_on_task_heading_names_no_topic() -> None:
    # a lab lesson's step labelled as a task: what to do, not what is taught
    for heading in ("Task - wire the rain gauge", "Task: log the readings", "Task"):
        assert heading_terms(heading, 0, 3) == [], heading
    assert [c.term for c in heading_terms("Task scheduling", 0, 2)] == ["Task scheduling"]


def test_a_laws_bold_that_runs_over_its_verb_names_the_law(tmp_path: Path) -> None:
    """ "The **law of horizons states** that …": the bold took in the verb that states the
    law; the law is named without it. A bold phrase not followed by "that" keeps its words."""
    sentence = "The law of horizons states that deeper soil layers formed earlier than upper ones."
    assert [c.term for c in emphasis_terms(("law of horizons states",), 0, sentence)] == [
        "law of horizons"
    ]
    plain = "Every soil atlas states its scale on the first page."
    assert [c.term for c in emphasis_terms(("soil atlas states",), 0, plain)] != ["soil atlas"]
    text = (
        "# Soils\n\n## Layers\n\n- The **law of horizons states** that deeper soil layers formed "
        "earlier than those above them.\n\nA **soil horizon** is a layer parallel to the surface. "
        "Each soil horizon differs in colour."
    )
    titles = {c.title for c in concepts_of(tmp_path, text)}
    assert "law of horizons" in titles
    assert "law of horizons states" not in titles


def test_a_kinds_bold_adjective_is_the_kinds_headed_name(tmp_path: Path) -> None:
    """ "two kinds: **alluvial** and **residual**. **Residual** soils are formed …" under
    the heading "Residual Soils": the bold adjective stands for the kind the section heads,
    no concept beside it; the headed name takes its definition."""
    text = "\n\n".join(
        [
            "# Soils",
            "## Kinds of Soil",
            "Soils fall into two main kinds: **alluvial** and **residual**. **Alluvial** soils "
            "are laid down by rivers and are rich in silt. **Residual** soils are formed in "
            "place from the rock beneath them.",
            "## Alluvial Soils",
            "Alluvial soils cover flood plains. Farmers prize alluvial soils.",
            "## Residual Soils",
            "Residual soils are thin on steep slopes. Residual soils keep their rock's colour.",
        ]
    )
    concepts = {c.title: c for c in concepts_of(tmp_path, text)}
    assert "residual" not in concepts
    assert "residual soils" in concepts
    assert "emphasis" in concepts["residual soils"].sources


def test_a_figure_legend_told_in_the_text_defines_no_mark() -> None:
    # an ecology chapter described its plots in prose, "The dotted line is …": each mark
    # drawn, named by its style, was defined as if it were a concept
    def terms(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, plain=True)]

    assert terms("The dashed line is the fitted trend for the control plots.") == []
    assert terms("The red curve is the predicted biomass of the lake.") == []
    assert terms("The shaded area is the range of likely outcomes.") == []
    assert terms("The shaded portions are the cells summed for the first output.") == []
    assert terms("The grey boxes are the inputs each step reads.") == []
    # a line that is a concept of its own is still defined
    assert terms("The tangent line is the line that touches a curve at one point.") == [
        "tangent line"
    ]


def test_an_operation_shown_on_a_one_letter_operand_is_named_without_it() -> None:
    # "The transpose of M is …" defined "transpose of M", a twin of "transpose"
    def terms(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, plain=True)]

    assert terms("The inverse of B is the matrix that undoes what B does.") == ["inverse"]
    assert terms("The derivative of f is the rate at which f changes.") == ["derivative"]
    # a name that holds "of" before a word keeps it
    assert terms("The speed of sound is the speed at which a wave travels.") == ["speed of sound"]


def test_names_joined_by_or_before_one_symbol_are_one_quantity(tmp_path: Path) -> None:
    """ "The bulk velocity or filter velocity $q$": two names joined by a bare "or" and
    glossed by one symbol are one quantity's names (a groundwater lecture stood with its
    velocities twice over); so are the names after "$u$ is the …", and a name before its
    symbol and "or also called". Names no symbol glosses stay apart."""
    text = (
        "# Flow through soil\n\n"
        "Water moves only through the pores of a soil. The **bulk velocity** or **filter "
        "velocity** $q$ divides the discharge by the whole cross section of the sample.\n\n"
        "The bulk velocity is always smaller than the **pore velocity**, since the grains "
        "take up part of the section. The pore velocity sets how long a tracer takes.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"bulk velocity", "pore velocity"} <= keys
    assert "filter velocity" not in keys
    text = (
        "# Heads\n\n"
        "The energy water carries per unit weight is named the **total head** $(h)$ or also "
        "called **piezometric level**. The total head falls along the flow.\n\n"
        "In the sample, $u$ is the **seepage speed** or **pore speed** of the water. "
        "The seepage speed exceeds the filter flux. The total head drives it.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"total head", "seepage speed"} <= keys
    assert not {"piezometric level", "pore speed"} & keys
    text = (
        "# Layers\n\n"
        "Either the **sand layer** or the **clay layer** controls the discharge of the "
        "sample, whichever is thinner.\n\n"
        "The sand layer drains fast. The clay layer holds water for weeks.\n"
    )
    assert {"sand layer", "clay layer"} <= keys_of(tmp_path, text)


def test_a_name_written_closed_and_with_a_hyphen_is_one_name(tmp_path: Path) -> None:
    """ "semiconductor" beside "semi-conductor" (a deck's slide title and its notes): one
    concept, as "context free" beside "context-free" is."""
    text = (
        "# Devices\n\n"
        "A **semiconductor** conducts better than an insulator and worse than a metal. "
        "Doping a semiconductor with boron adds holes.\n\n"
        "Early texts wrote **semi-conductor** with a hyphen; a semi-conductor diode passes "
        "current one way.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "semiconductor" in keys and "semi-conductor" not in keys


def test_an_acronym_and_the_acronym_with_its_kind_are_one_name(tmp_path: Path) -> None:
    """ "NAND" beside "NAND gate": the kind after an acronym adds nothing, one concept (a
    lecture deck stood with two such pairs); "CPU time" is a measure of its own."""
    text = (
        "# Gates\n\n"
        "The **NAND** outputs 0 only when both inputs are 1. A **NAND gate** needs four "
        "transistors.\n\n"
        "The **XOR** outputs 1 when its inputs differ. Engineers build the NAND gate first, "
        "since the NAND is universal. The XOR is built from four NAND gates.\n\n"
        "The **CPU** runs the program. The **CPU time** of a program is what it spends "
        "running.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "nand" in keys and "nand gate" not in keys
    assert {"cpu", "cpu time"} <= keys


def test_a_variable_with_its_index_in_digits_is_no_concept(tmp_path: Path) -> None:
    """A Word or PDF maths text that lost its subscripts writes the point x₀ as "x0", so
    often that its count offered "x0" and "x0 处可导" as concepts: a point of the
    maths, and what holds there, no name a teacher would list."""
    text = (
        "# 第3章 切线与速度\n\n"
        "## 3.1 切线的斜率\n\n"
        "设曲线在点 x0 附近有定义，在 x0 处取一个小的增量 h。若割线的斜率在 h 趋于零时有极限，"
        "则称曲线在 x0 处有切线，这个极限叫做曲线在 x0 处的**切线斜率**。\n\n"
        "函数在 x0 处可导时，它在 x0 处的切线唯一；函数在 x0 处可导，则它在 x0 处连续。\n\n"
        "## 3.2 瞬时速度\n\n"
        "物体在时刻 t0 的**瞬时速度**是它在 t0 到 t0 加 h 之间平均速度的极限。"
        "在 x0 处可导的位置函数，在 x0 处有瞬时速度。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text, language="zh-CN")}
    assert {"切线斜率", "瞬时速度"} <= titles
    assert not {t for t in titles if t.startswith(("x0", "t0"))}


def test_a_rare_word_in_bold_opening_its_item_is_a_term_at_its_one_use(
    tmp_path: Path,
) -> None:
    """A lone bold word used once may be stress; one rare in ordinary English that opens a
    list item or paragraph is the item's subject, a term of the lesson. A rare word
    stressed inside a sentence, or an everyday word opening an item, stays no term."""
    text = (
        "# Grassland food chains\n\n"
        "Grasslands feed many grazing animals across the seasons.\n\n"
        "- **Granivory** by finches and ants removes many seeds before they sprout.\n"
        "- **Always** count the herds twice when the grass is tall.\n\n"
        "Some ecologists *allometrically* scale the herds by body mass.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "granivory" in keys
    assert "always" not in keys
    assert "allometrically" not in keys


def test_an_equation_is_defined_by_what_it_states() -> None:
    """ "The X equation states that …" states the equation as "the X law states that" does,
    and an identity or an inequality too."""
    stated = "The energy equation states that, for a closed system, heat in equals work out."
    assert [d.term for d in find_definitions(stated, 0, False, (), True)] == ["energy equation"]
    triangle = "The triangle inequality says that one side is shorter than the other two."
    assert [d.term for d in find_definitions(triangle, 0, False, (), True)] == [
        "triangle inequality"
    ]


def test_a_label_before_a_formula_alone_is_no_glossary_entry() -> None:
    """ "**对称中心**：$(i)$", "**Velocity**: $v$": a bold name whose colon leads only to
    its symbol or a formula lists the notation, it does not say what the name means; a
    name whose gloss has words beside its symbol is still an entry."""
    symbol_only = [
        ("**镜面**：$m\\ (\\sigma)$", ("镜面",)),
        ("- **二重轴**：$2\\ (C_2)$，$3\\ (C_3)$", ("二重轴",)),
        ("**Velocity**: $v$", ("Velocity",)),
    ]
    for sentence, emphasis in symbol_only:
        found = list(find_definitions(sentence, 0, chinese=has_han(sentence), emphasis=emphasis))
        assert not found, (sentence, found)
    worded = "**对称中心**：$i$，使图形上每一点经过它反演后与另一点重合的那个点。"
    found = list(find_definitions(worded, 0, chinese=True, emphasis=("对称中心",)))
    assert [d.term for d in found] == ["对称中心"]
    # words joined by slashes are still words, no path: the gloss stays an entry
    slashed = "**冻结对象**：禁止添加/删除/更改属性。"
    found = list(find_definitions(slashed, 0, chinese=True, emphasis=("冻结对象",)))
    assert [d.term for d in found] == ["冻结对象"]


def test_the_letter_written_for_a_quantity_is_no_definition_of_it() -> None:
    # which letter stands for a quantity is notation: "letter k" was no concept, and the
    # sentence naming the emphasised quantity's symbol was no account of what it is
    for sentence, emphasis in [
        ("The letter k is the number of classes in the table.", ()),
        ("The Greek letter ρ (pronounced “rho”) represents the density.", ("density",)),
        ("The symbol used to denote the median is a tilde over an x.", ("median",)),
    ]:
        assert not list(find_definitions(sentence, 0, False, emphasis)), sentence
    # a letter or a symbol as the thing itself is still defined
    assert [d.term for d in find_definitions("The symbol set is a list of glyphs.", 0, False)]


def test_a_stressed_name_placed_somewhere_or_in_a_purpose_is_not_defined() -> None:
    # where the stressed name stands says not what it is: the object of a place after the
    # copula, or a name inside "for the … to …"; a sentence opened by the name still defines
    placed = "The readings are in the *calibration table* printed overleaf."
    purposed = (
        "A condition for the *trial mean* to approach the *true mean* is that the trials"
        " are independent."
    )
    assert not list(find_definitions(placed, 0, False, ("calibration table",)))
    assert not list(find_definitions(purposed, 0, False, ("trial mean", "true mean")))
    defining = "A *calibration table* is a table of readings against known standards."
    found = find_definitions(defining, 0, False, ("calibration table",))
    assert [d.term for d in found] == ["calibration table"]


def test_a_defining_verb_inside_the_stressed_name_is_no_verb_of_the_sentence() -> None:
    # "mean" in "mean speed" is the name's word, not the verb "means": a sentence telling how
    # to work the quantity out defines nothing, one saying what it is still does
    working = "To find the *mean speed* of a trip, divide the distance by the time taken."
    assert not list(find_definitions(working, 0, False, ("mean speed",)))
    saying = "The *mean speed* is the distance travelled divided by the time taken."
    assert [d.term for d in find_definitions(saying, 0, False, ("mean speed",))] == ["mean speed"]


def test_an_ions_charge_stays_in_the_name_it_opens() -> None:
    # "Ca2+ pumps", "Cl– ions": the sign after an element's symbol is the ion's charge, no
    # break in the run of words (read as one, the names were "Ca" and "pumps")
    keys = set(collect([(0, "Cells move Ca2+ pumps and Cl– ions across the membrane")]))
    assert {"ca2+ pump", "cl– ion"} <= keys, keys
    assert "ca" not in keys
    # a language's name with two pluses, or a dash joining two words, is no ion
    keys = set(collect([(0, "Students compare C++ templates with plain generics")]))
    assert "c+ template" not in keys and "c+" not in keys


def test_a_name_holding_an_ion_is_defined_whole() -> None:
    # "… known as Ca2+ pumps": a pattern's name stopped at the charge's sign and defined
    # the element's symbol with the words before it ("Ca", "leak K")
    sentence = "Muscle fibres store calcium with membrane proteins known as Ca2+ pumps."
    assert [d.term for d in find_definitions(sentence, 0, False)] == ["Ca2+ pumps"]
    # a name ending on a capital with no charge after it is read as it was
    sentence = "The heart keeps its rhythm with a small region called the SA node."
    assert [d.term for d in find_definitions(sentence, 0, False)] == ["SA node"]


def test_we_call_this_before_an_adjective_names_the_whole_phrase() -> None:
    # "this" points back at what the sentence before described; an adjective after it
    # opens the name, no noun it stands before (read as one, "spatial" was cut off)
    assert terms("We call this spatial summation.") == ["spatial summation"]
    assert terms("We call this selective attention.") == ["selective attention"]
    # a noun after "this" is still the thing pointed at, as is a word both noun and verb
    assert terms("We call this process photosynthesis.") == ["photosynthesis"]
    assert terms("We call this signal a ripple.") == ["ripple"]


def test_a_name_ends_before_the_clause_giving_its_reason() -> None:
    # "we call this X because …" with a long reason: the name's window ended inside a
    # word of the reason, and its last article opened the name ("same par"): no term
    sentence = (
        "We call this lateral inhibition because it tones down signals from the nearby"
        " cells that share its input."
    )
    assert terms(sentence) == ["lateral inhibition"]


def test_a_formulas_operator_written_as_a_word_is_no_concept(tmp_path: Path) -> None:
    # a plain-text formula's operators are words to the term counter: "lim" and "tan",
    # read out of limits written as text, were concepts of a calculus worksheet
    text = (
        "# Limits of ratios\n\n"
        "1. Evaluate lim (tan t)/t as t approaches 0.\n"
        "2. Evaluate lim (1 − cos t)/t as t approaches 0.\n"
        "3. Show that lim t/(tan t) = 1 as t approaches 0.\n"
        "4. Explain why lim (tan t)/t exists although tan t is undefined at some points.\n"
    )
    keys = keys_of(tmp_path, text)
    assert not keys & {"lim", "tan", "cos"}
    assert not acceptable("lim") and not acceptable("cosh")
    assert acceptable("tangent line")
    assert "lim" not in collect([(0, "lim (tan t)/t approaches one as lim t/t does")])
