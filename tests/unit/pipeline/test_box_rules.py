"""Rules for the furniture of history and politics textbooks, each on text written for the
test: feature boxes' titles, descriptions opening with an unrelated clause, fragments that
end in a verb, photo credits and names cut short."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.concepts import _term_spans
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.model import Block
from jobs.pipeline.structure import acceptable, emphasis_terms
from jobs.pipeline.terms import collect
from jobs.pipeline.textutil import sentences
from tests.unit.pipeline.written import concepts_of, keys_of


def test_a_feature_boxs_bold_title_is_no_concept(tmp_path: Path) -> None:
    """A paragraph set wholly in bold, "**Field Notes: The Grange Movement**", is a
    box's title, not a term; the name inside it counts where the body uses it."""
    text = (
        "# Farmers in Politics\n\nFarmers organised in the **Grange movement**, which met in"
        " halls across the plains. The Grange movement fought high railroad rates.\n\n"
        "> **Field Notes: The Grange Movement**\n>\n> A local hall hosted dances, lectures"
        " and meetings. The Grange movement kept its members informed.\n\n"
        "> **The Shifting Shape of Rural Life**\n>\n> Railroads and markets changed the"
        " farms. Rural life changed with them. Farmers wrote about rural life often.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "grange movement" in keys
    assert not {k for k in keys if "field notes" in k or "shifting shape" in k}


def test_a_description_opens_at_the_main_clause(tmp_path: Path) -> None:
    """A concessive clause that does not name the term is left out of its description:
    "Although the mayor was one of many speakers, …" describes the rally from its main
    clause on; a main clause that leans on the clause ("…, it was …") keeps it."""
    text = (
        "# Town Politics\n\nAlthough the mayor was only one of many speakers at the"
        " meeting, reporters singled her out, and the protest became known as the **Elm"
        " Street Rally**. The Elm Street Rally changed the town council.\n\nWhile the"
        " council favoured open budgets, it was also a defender of **ward voting**, a"
        " system in which each district elects its own member. Ward voting lasted for"
        " decades.\n"
    )
    described = {c.key: c.description for c in concepts_of(tmp_path, text)}
    assert described["elm street rally"].startswith("Reporters singled her out")
    assert described["ward voting"].startswith("While the council favoured")


def test_the_term_x_stops_before_a_verb() -> None:
    """ "When the term assembly comes up" names assembly: "comes" can only be a verb's
    third-person form there; "the term data structures" keeps its plural noun."""
    found = list(
        find_definitions("When the term assembly comes up, people think of parliaments.", 0, False)
    )
    assert [d.term for d in found] == ["assembly"]
    found = list(find_definitions("Students meet the term data structures in week one.", 0, False))
    assert [d.term for d in found] == ["data structures"]


def test_a_name_after_known_as_stops_before_its_plural_verb() -> None:
    """ "known as tidal pools persist between …": "persist" can only be a verb, and after a
    plural noun it is that noun's verb; "three-way merge" keeps its verb-like word, which
    follows no plural."""
    sentence = "The shallow basins known as tidal pools persist between the high tides."
    assert [d.term for d in find_definitions(sentence, 0, False)] == ["tidal pools"]
    merge = "A merge of two branches is known as a three-way merge."
    assert [d.term for d in find_definitions(merge, 0, False)] == ["three-way merge"]


def test_a_plural_noun_and_a_verb_after_that_are_a_clause() -> None:
    """ "the duties that mayors perform": "mayors perform" is a subject and its verb."""
    text = (
        "Councils review the duties that mayors perform. The duties that mayors perform"
        " change with time, and the duties that mayors perform are listed in charters."
    )
    keys = {k for k, _ in collect([(0, s) for s in sentences(text)]).items()}
    assert "mayors perform" not in keys
    assert "mayor" in keys


def test_a_photo_credit_names_no_concept(tmp_path: Path) -> None:
    """A caption's "(credit: … Harbour Archive, Open Licence)" is page furniture: the
    archive and the licence it names are no concepts, however often captions repeat them."""
    credit = (
        "(credit: “Dock” by Ann Roe/Harbour Archive; attribution: Copyright Harbour"
        " Archive, Open Licence)"
    )
    text = (
        "# Ports\n\nA **harbour master** directs the ships in a port. The harbour master"
        " keeps the logbook.\n\n"
        f"Ships wait at the dock. {credit}\n\nCranes unload the ships. {credit}\n\n"
        f"Sailors rest on shore. {credit}\n"
    )
    keys = keys_of(tmp_path, text)
    assert "harbour master" in keys
    assert not {k for k in keys if "archive" in k or "licence" in k or "copyright" in k}


def test_a_panel_labelled_photo_credit_names_no_concept(tmp_path: Path) -> None:
    """A figure of several panels credits each by its letter or a quoted name, "(credit a:
    modification of work by …; credit b: …)", "(credit “gull”: …)": furniture too, so
    "modification", which every caption repeated, is no concept."""
    credit = "(credit a: modification of work by Ann Roe; credit b: modification of work by Bo Lin)"
    named = "(credit “gull”: modification of work by Cy Dee; credit “tern”: modification of work)"
    text = (
        "# Seabirds\n\nA **colony** is a group of birds nesting together. The colony"
        " shares one cliff.\n\n"
        f"Gulls nest on ledges. {credit}\n\nTerns nest on sand. {named}\n\n"
        f"Puffins nest in burrows. {credit}\n\nAuks nest on rock. {named}\n"
    )
    keys = keys_of(tmp_path, text)
    assert "colony" in keys
    assert not {k for k in keys if "modification" in k or "work" in k}


def test_a_word_emphasised_at_its_first_use_stays_though_longer_phrases_hold_it(
    tmp_path: Path,
) -> None:
    """ "**Agrarianism** values …": set in bold where the text first uses it, a term, though
    later sentences read it inside longer phrases ("Agrarianism praises", "critics of
    Agrarianism")."""
    text = (
        "# Rural Ideas\n\nLike older creeds, **Agrarianism** values farming as the root of"
        " good citizens.\n\nFurther, Agrarianism praises the small freeholder above the"
        " merchant.\n\nMost critics of Agrarianism doubt that claim. Later critics of"
        " Agrarianism asked for data.\n"
    )
    assert "agrarianism" in keys_of(tmp_path, text)


def test_a_name_is_not_cut_before_its_last_capitalised_word(tmp_path: Path) -> None:
    """ "Silver Birch", read only inside "Silver Birch Society" (and hyphenated, "Silver-Birch
    men"), is no concept of its own."""
    text = (
        "# Clubs\n\nThe Silver Birch Society met in secret. Members of the Silver Birch"
        " Society wore green.\n\nIn 1890 the Silver Birch Society split, and the Silver Birch"
        " Society lost its halls.\n\nLater the Silver Birch Society faded from view. Locals"
        " still called its members Silver-Birch men.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "silver birch society" in keys
    assert "silver birch" not in keys


def test_a_name_plural_in_its_first_word_is_one_concept(tmp_path: Path) -> None:
    """ "**notary public**" and "**notaries public**": one concept, under the singular."""
    text = (
        "# Offices\n\nA **notary public** witnesses signatures on deeds. Towns appointed"
        " several **notaries public** each year.\n\nThe notary public kept a seal, and the"
        " notaries public met yearly.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "notary public" in keys
    assert "notaries public" not in keys


def test_a_latin_name_plural_in_i_is_one_concept_with_its_singular(tmp_path: Path) -> None:
    """ "**hortus siccus**" and "**horti sicci**" (a dried garden, a herbarium): the lexicon
    knows neither plural; the document names both, so they are one concept."""
    text = (
        "# Herbaria\n\nA **hortus siccus** is a book of pressed plants. Collectors kept"
        " several **horti sicci** in a cabinet.\n\nThe hortus siccus was labelled, and the"
        " horti sicci were lent to students.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "hortus siccus" in keys
    assert "horti sicci" not in keys


def test_an_emphasised_coordinated_name_and_a_noun_modal_head_are_terms() -> None:
    """ "**checks and balances**" and "the **general will**" are names the author sets
    apart; "**Click and Explore**" (a box's label) and "*religious and moral*" are not."""
    assert acceptable("checks and balances", emphasised=True)
    assert acceptable("critical race and gender theory", emphasised=True)
    assert acceptable("general will", emphasised=True)
    assert not acceptable("Click and Explore", emphasised=True)
    assert not acceptable("religious and moral", emphasised=True)
    assert not acceptable("checks and balances")  # running text reads two names


def test_a_heading_the_body_emphasises_whole_is_one_name(tmp_path: Path) -> None:
    """ "## Labour and Land Reform" over "Supporters of **labour and land reform** …" names
    one programme, not "labour" and "land reform"."""
    text = (
        "# Programmes\n\n## Labour and Land Reform\n\nSupporters of **labour and land"
        " reform** wanted shorter hours and smaller estates. Labour and land reform drew"
        " farmers and miners alike.\n\nLand reform alone split the movement, and labour and"
        " land reform faded after the war.\n"
    )
    sources = {c.key: c.sources for c in concepts_of(tmp_path, text)}
    assert "heading" in sources["labour and land reform"]
    assert not any("heading" in sources.get(k, ()) for k in ("labour", "land reform"))


def test_a_box_title_run_into_its_paragraph_is_no_term() -> None:
    """A PDF joins "**Field Notes: The Grange Movement**" to the paragraph after it: the
    label and title, run into a capitalised sentence, name no term."""
    text = "Field Notes: The Grange Movement In 1867 farmers founded a society of halls."
    assert emphasis_terms(("Field Notes: The Grange Movement",), 0, text) == []
    glossary = "Grange: A farmers' society that met in halls."
    assert [c.term for c in emphasis_terms(("Grange",), 0, glossary)] == ["Grange"]


def test_a_word_emphasised_after_passing_mentions_stays_a_term(tmp_path: Path) -> None:
    """ "**Mutualism**" set in bold where its section introduces it, after passing mentions
    inside longer phrases ("reject Mutualism", "favour Mutualism"), is a term."""
    text = (
        "# Economic Creeds\n\nSome writers reject Mutualism outright.\n\nOthers favour"
        " Mutualism quietly.\n\n## Cooperation\n\nAdherents of **Mutualism** promote"
        " banks owned by their members. Critics of Mutualism doubt those banks.\n"
    )
    assert "mutualism" in keys_of(tmp_path, text)


def test_a_description_drops_a_connective_to_the_sentence_before(tmp_path: Path) -> None:
    """ "In contrast, a **ward council** is …" describes the ward council from "A ward
    council is …": the contrast was with a sentence the description does not carry."""
    text = (
        "# Town Bodies\n\nA mayor acts alone. In contrast, a **ward council** is a body"
        " of members elected by each district of the town. The ward council meets"
        " monthly.\n"
    )
    described = {c.key: c.description for c in concepts_of(tmp_path, text)}
    assert described["ward council"].startswith("A ward council is a body")


def test_kinds_told_apart_by_emphasised_modifiers_are_named_with_their_noun() -> None:
    """Two kinds of one thing, side by side, each marked by an emphasised modifier before
    the same noun (a block's text keeps no asterisks; its emphasis is listed apart): the
    names are modifier and noun. One modifier alone, two stressed in different sentences,
    or a shared word that is a verb after a bare noun change nothing."""
    text = "Rivers carry two loads, the suspended sediment and the bed sediment."
    assert [c.term for c in emphasis_terms(("suspended", "bed"), 0, text)] == [
        "suspended sediment",
        "bed sediment",
    ]
    assert emphasis_terms(("suspended",), 0, "Only the suspended sediment clouds it.") == []
    apart = "A glacier leaves lateral moraines. Where two meet, medial moraines form."
    assert [c.term for c in emphasis_terms(("lateral", "medial"), 0, apart)] == [
        "lateral",
        "medial",
    ]
    verbs = "Glaciers move and rivers move, at different speeds."
    assert [c.term for c in emphasis_terms(("Glaciers", "rivers"), 0, verbs)] == [
        "Glaciers",
        "rivers",
    ]


def test_a_sentence_naming_kinds_by_their_modifiers_defines_no_bare_modifier(
    tmp_path: Path,
) -> None:
    """The sentence that sets the kinds side by side describes the first of them, not
    its modifier alone: "moraine" kinds, never a concept "lateral"."""
    text = (
        "# Glacial landforms\n\nA moraine is a ridge of debris a glacier leaves behind. "
        "There are two common kinds of moraine, the *lateral* moraine and the *medial* "
        "moraine.\n\nA lateral moraine lines the valley side. A medial moraine runs down "
        "the middle of the ice where two glaciers join.\n"
    )
    concepts = {c.key: c for c in concepts_of(tmp_path, text)}
    assert {"lateral moraine", "medial moraine"} <= set(concepts)
    assert not {"lateral", "medial"} & set(concepts)
    # the spans a sentence's definitions are read for carry the shared noun too
    side_by_side = "Two kinds, the lateral moraine and the medial moraine."
    block = Block("paragraph", side_by_side, 1, emphasis=("lateral", "medial"))
    assert _term_spans(block) == ("lateral moraine", "medial moraine")


def test_a_modified_bit_names_a_binary_digit_and_a_bit_of_prose_does_not() -> None:
    assert acceptable("sticky bit")
    assert acceptable("carry bit", emphasised=True)
    assert acceptable("least significant bit")
    assert not acceptable("little bit")
    assert not acceptable("tiny bit")
    assert not acceptable("first bit")
    assert not acceptable("bit")


def test_a_word_the_lexicon_lacks_heads_a_bold_name_before_a_preposition() -> None:
    # a field's own noun, unknown to the lexicon, then its prepositional complement
    assert acceptable("photoperiodism through seasons", emphasised=True)
    # before a participle it must be a noun the lexicon knows: a code word and "named"
    assert not acceptable("enum named", emphasised=True)
