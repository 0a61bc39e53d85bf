"""Definitions an emphasised name's appositive, a bare plural genus, or "the term X" give."""

import pytest

from jobs.pipeline.definitions import APPOSITIVE, DEFINED_EMPHASIS, EMPHASIS, find_definitions


def _found(sentence: str, *emphasis: str) -> list[tuple[str, float]]:
    return [(d.term, d.confidence) for d in find_definitions(sentence, 0, False, emphasis)]


def test_an_appositive_after_an_emphasised_name_defines_it() -> None:
    assert _found(
        "Cells also take in fluid by pinocytosis, the intake of droplets.", "pinocytosis"
    ) == [("pinocytosis", 0.72)]
    sentence = "A botanist first described plastids, organelles that store pigments or starch."
    assert _found(sentence, "plastids") == [("plastids", 0.72)]
    sentence = "Salt water causes plasmolysis, or shrinking, of the plant cell."
    assert _found(sentence, "plasmolysis") == [("plasmolysis", 0.72)]
    # a synonym the sentence emphasises as well is defined with the name it glosses
    sentence = "Such pairs are called acid-base pairs, or conjugate pairs."
    assert {t for t, _ in _found(sentence, "acid-base pairs", "conjugate pairs")} == {
        "acid-base pairs",
        "conjugate pairs",
    }

    # not where the name closes an opening clause, stands in a list, or in an example
    sentence = "In a saline solution, the water concentration outside the cell is lower."
    assert all(c <= EMPHASIS for _, c in _found(sentence, "saline solution"))
    sentence = "During mitosis, the chromosomes that were copied separate."
    assert all(c <= EMPHASIS for _, c in _found(sentence, "mitosis"))
    sentence = "Cells contain ribosomes, vacuoles, and plastids that store starch."
    assert _found(sentence, "ribosomes", "vacuoles", "plastids") == []
    sentence = "The cell holds a vacuole, the nucleus, and the cortex."
    assert all(c <= EMPHASIS for _, c in _found(sentence, "vacuole"))
    sentence = "For example, amoebas perform phagocytosis, the engulfing of whole particles."
    assert _found(sentence, "phagocytosis") == []


def test_an_appositive_defines_beside_another_definition() -> None:
    # the sentence names one term with "called" and restates another with an appositive
    sentence = "The outer layer is called the cortex; inside lie vacuoles, sacs that hold water."
    assert {t for t, _ in _found(sentence, "cortex", "vacuoles")} == {"cortex", "vacuoles"}


def test_an_emphasised_plural_with_a_bare_plural_genus_is_defined() -> None:
    sentence = "Antibiotics are substances produced by microbes that kill other microbes."
    assert _found(sentence, "Antibiotics") == [("Antibiotics", 0.8)]
    sentence = "Prions are misfolded proteins."
    assert _found(sentence, "Prions") == [("Prions", 0.8)]
    # not without the emphasis, nor where "are" opens no genus
    assert _found("Antibiotics are substances produced by microbes that kill microbes.") == []
    assert _found("Antibiotics are widely prescribed for infections.", "Antibiotics") != [
        ("Antibiotics", 0.8)
    ]


def test_the_word_term_and_a_possessive_are_no_part_of_an_emphasised_name() -> None:
    sentence = "The term glycolysis refers to the splitting of glucose into pyruvate."
    assert [t for t, _ in _found(sentence, "glycolysis")] == ["glycolysis"]
    sentence = "The groove where a ligand fits is called the receptor’s binding pocket."
    assert "binding pocket" in [t for t, _ in _found(sentence, "binding pocket")]
    # an emphasised whole keeps its possessive; no emphasis, no cut
    sentence = "This relation is known as Boyle’s law."
    assert [t for t, _ in _found(sentence, "Boyle’s law")] == ["Boyle’s law"]
    sentence = "The term premium refers to the price of insurance."
    assert [t for t, _ in _found(sentence)] == ["term premium"]


def test_a_name_contrasted_with_a_defined_one_is_defined_too() -> None:
    sentence = "Cells that make their own food are autotrophs, whereas heterotrophs eat others."
    assert {t for t, _ in _found(sentence, "autotrophs", "heterotrophs")} == {
        "autotrophs",
        "heterotrophs",
    }
    # a "while" that contrasts no defined name defines nothing
    assert _found("The cell grows, while the nucleus divides.", "nucleus") == []


def test_an_example_defines_only_what_it_says_something_is() -> None:
    # an emphasised name an example merely uses gets no definition from it
    def defined(sentence: str, *emphasis: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, chinese=False, emphasis=emphasis)]

    assert (
        defined(
            "An example of a flagellated pathogen is Vibrio cholerae, which causes cholera.",
            "Vibrio cholerae",
        )
        == []
    )
    assert (
        defined("For example, protozoans of the genus Paramecium have two nuclei.", "Paramecium")
        == []
    )
    # what the example says something is, or opens on, is defined there
    assert defined(
        "For example, a goblet cell is a mucous-secreting gland cell.", "goblet cell"
    ) == ["goblet cell"]
    assert defined(
        "For instance, identical twins develop from one egg, so their genes are the same.",
        "identical twins",
    ) == ["identical twins"]
    assert defined(
        "For example, we use P(X) to refer to the distribution of X, i.e., the function "
        "that tells us the probability that X takes each value.",
        "distribution",
    ) == ["distribution"]


def test_an_alias_after_also_called_leaves_the_definition_to_the_emphasised_name() -> None:
    # "**X**, sometimes also called Y, are …": the author's bold marks the term; the plain
    # name after "also called" / "also known as" is another name for it
    sentence = "In contrast, night courts, sometimes also called evening courts, sit after dark."
    assert [t for t, _ in _found(sentence, "night courts")] == ["night courts"]
    sentence = "His River Plan, also known as the Middle Plan, split the council in two."
    assert [t for t, _ in _found(sentence, "River Plan")] == ["River Plan"]
    # without the emphasis the sentence names its plain alias as before
    sentence = "Some rivers, also known as the wild ones, flood each spring."
    assert [t for t, _ in _found(sentence)] == ["wild ones"]


def test_a_question_defines_nothing() -> None:
    # a review question or a feature box's title asks; it says nothing of what a term is
    sentence = "What was the meaning of the term “sunset laws” in the debate?"
    assert _found(sentence) == []
    sentence = "Judge Ann Holt Is a Textualist: What’s That?"
    assert _found(sentence) == []
    assert _found("Is a canton a state?") == []
    assert list(find_definitions("所谓议会是什么？", 0, True)) == []
    # the answer that follows still does
    assert [t for t, _ in _found("Laws that expire are called sunset laws.")] == ["sunset laws"]


def test_a_sentence_giving_an_example_defines_no_name() -> None:
    # its subject names an example of something: "good kitchen example" was a concept
    assert _found("A good kitchen example of a lever is a bottle opener.") == []
    assert _found("A familiar illustration of inertia is a coin on a card.") == []
    assert _found("Examples of levers are seesaws and crowbars.") == []
    # a name whose head is no example's stays defined
    assert [t for t, _ in _found("A lever is a rigid bar that turns about a pivot.")] == ["lever"]


def test_by_a_name_we_mean_defines_it() -> None:
    # "By a rogue wave, we mean …": the sentence says what the name stands for
    wave = _found("By a rogue wave, we mean a wave more than twice as high as its neighbours.")
    link = _found("By symbolic link we mean a file that points to another file.")
    assert [t for t, _ in wave + link] == ["rogue wave", "symbolic link"]
    # "we mean to …" after a clause is an intention, no name's definition
    assert _found("By the end of the week, we mean to finish the survey.") == []


def test_we_call_names_the_quoted_word_after_the_thing_it_describes() -> None:
    # a slide describes the thing first, then gives its name in quotes after an article
    sentence = "We call the part that stores the records the \u201cLedger\u201d."
    assert [t for t, _ in _found(sentence)] == ["Ledger"]
    sentence = "We call the \u201ckeeping score\u201d step the \u201cTally\u201d or the count."
    assert [t for t, _ in _found(sentence)] == ["Tally"]
    sentence = "We call checking every input and the routing of it all the \u201cGatekeeper\u201d"
    assert [t for t, _ in _found(sentence)] == ["Gatekeeper"]
    # the name quoted at once after "we call this a" stays the name, whole
    sentence = "We call this a \u201cthree-way merge\u201d because three snapshots meet."
    assert [t for t, _ in _found(sentence)] == ["three-way merge"]


def test_a_noun_called_the_name_gives_the_name_without_its_article() -> None:
    # "a region called the lunula": the article belongs to the sentence, not the name
    found = _found("The pale arc is a region called the lunula.")
    assert [t for t, _ in found] == ["lunula"]


def test_we_refer_to_names_only_with_its_as() -> None:
    named = _found("We refer to the list of all outcomes as the outcome space.")
    assert [t for t, _ in named] == ["outcome space"]
    # "refer to X by …", "refer the reader to …": how the text points at X, no name given
    assert _found("We refer to tables by their rows and their columns.") == []
    assert _found("We refer to vectors through their entries in what follows.") == []


def test_the_term_in_an_example_of_the_data_names_no_term() -> None:
    # an example reading a word out of a model's output is no introduction of that word
    sentence = 'For example, the term "harbour" scores highest in topic 2 and low in topic 3.'
    assert _found(sentence) == []
    sentence = "For instance, the word counts show the term \u201csail\u201d in every chapter."
    assert _found(sentence) == []
    # outside an example, or where the example says what the term refers to, it names one
    assert [t for t, _ in _found("Linguists use the term lexeme for a unit of meaning.")] == [
        "lexeme"
    ]
    sentence = 'For example, the term "allele frequency" refers to how common a variant is.'
    assert "allele frequency" in [t for t, _ in _found(sentence)]


def test_a_chinese_name_given_with_its_other_name_then_what_it_is_is_defined() -> None:
    def named(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True)]

    # the name, 又称 and its other name, then 是 and what it is
    assert named("木质部，又称导水组织，是植物体内输送水分的组织。") == ["木质部"]
    assert named("红细胞又称红血球，是血液中数量最多的细胞。") == ["红细胞"]
    # 也叫, 又名 set off the other name as 又称 does
    assert named("北京时间，也叫东八区时间（UTC+8），是我国采用的标准时间。") == ["北京时间"]
    assert named("活化能，又名阈能，是分子发生反应所需的最低能量。") == ["活化能"]
    # a sentence opening on 称 names what it calls the thing, as "我们称…为…" does
    assert named("称两条直线所成的最小正角为它们的夹角。") == ["夹角"]
    # 称重, 称量 are words of their own: weighing names nothing
    assert named("称重为十公斤。") == []


def test_a_dash_that_closes_an_aside_restates_nothing_before_it() -> None:
    # "…, or—in the case of X—the …": the second dash ends the aside and the main clause
    # goes on; the aside's last noun took the sentence that defines the subject
    sentence = (
        "Cartography is a branch of geography that draws maps, or—in the case of star "
        "charts—the equivalent aspects of the sky."
    )
    assert [t for t, _ in _found(sentence)] == ["Cartography"]
    # a dash that opens the restatement still glosses the name before it, an aside earlier
    # in the sentence or not
    sentence = "Surveyors—mostly working alone—mark a benchmark—a point of known height."
    assert [t for t, _ in _found(sentence)] == ["benchmark"]
    # spaced en dashes pair as em dashes do
    sentence = "Rivers – in a wet year – the main source of silt, carry a load."
    assert "wet year" not in [t for t, _ in _found(sentence)]


def test_a_name_said_to_be_the_term_used_to_refer_to_something_is_defined() -> None:
    """A sentence saying that a name is the term used to refer to or describe a thing
    defines it as firmly as "X refers to" does; a thing said to be used for a purpose is
    only the weak "X is a …"."""
    sentence = (
        "Gentrification is the term generally used in urban studies to describe the "
        "arrival of wealthier residents in a working-class district."
    )
    assert _found(sentence) == [("Gentrification", 0.75)]
    assert _found("A levee is a word used to name a raised river bank.") == [("levee", 0.75)]
    assert _found("Mortar is a paste used to bind bricks together.") == [("Mortar", 0.55)]


def test_a_name_before_its_bracketed_alias_is_the_term_defined() -> None:
    sentence = (
        "A river gauge reports the stage height (also known as gauge height), which is the"
        " level of the water surface above a datum."
    )
    assert [t for t, _ in _found(sentence)] == ["stage height"]
    # an alias after a comma, not in brackets, reads as before
    assert [t for t, _ in _found("A coin toss is also known as a Bernoulli trial.")] == [
        "Bernoulli trial"
    ]


def test_a_name_opening_its_sentence_keeps_the_definition_from_its_bracketed_alias() -> None:
    # the bracket gives the abbreviation first, then the alias; no article before the name
    sentence = (
        "Linear discriminant analysis (LDA, also known as Fisher's discriminant) finds the"
        " axis that best separates two groups of samples."
    )
    assert [t for t, _ in _found(sentence)] == ["Linear discriminant analysis"]


def test_an_eponyms_two_names_joined_by_an_en_dash_stay_one_term() -> None:
    sentence = (
        "The relation between pH and the ratio of the two forms is called the"
        " Henderson–Hasselbalch equation."
    )
    assert [t for t, _ in _found(sentence)] == ["Henderson–Hasselbalch equation"]
    # a spaced dash still closes the name
    assert [t for t, _ in _found("This steady flow is called laminar – smooth, in layers.")] == [
        "laminar"
    ]


def test_where_a_proper_name_comes_from_defines_nothing() -> None:
    assert _found("The name Kubernetes comes from the Greek for helmsman.") == []
    assert _found("The name Bluetooth refers to a Danish king who united tribes.") == []
    # a name that is said to refer to a thing, opening no sentence on its origin, still does
    assert [t for t, _ in _found("A watershed refers to the land that drains to one river.")] == [
        "watershed"
    ]


def test_a_naming_in_the_predicate_leaves_the_stressed_subject_defined() -> None:
    # the sentence says what its stressed subject is; the appositive names a phrase of it
    sentence = "Photoperiodism is the response of a plant to a length of day, called a photoperiod."
    found = {t for t, _ in _found(sentence, "Photoperiodism", "photoperiod")}
    assert found == {"Photoperiodism", "photoperiod"}
    # an unstressed subject, or one that opens no "is a/the", gains nothing
    assert {t for t, _ in _found(sentence, "photoperiod")} == {"photoperiod"}
    sentence = "Photoperiodism shows how a plant meets a length of day, called a photoperiod."
    assert "Photoperiodism" not in {t for t, _ in _found(sentence, "Photoperiodism", "photoperiod")}


# "X by Y" names a kind of X (a method, a way of knowing): what the sentence says of it
# is no definition of X alone, stressed or not; the whole phrase stressed is defined, and a
# prepositional phrase of another kind still qualifies the name it follows
_BY_PHRASE_SUBJECTS = [
    ("Proof by induction is a way of showing a claim for every number.", (), []),
    ("Hence, learning by doing is a good way to keep a skill.", (), []),
    (
        "Recall that proof by induction is the method of showing a claim for every number.",
        ("proof by induction",),
        ["proof by induction"],
    ),
    ("The derivative of a function is the rate at which its value changes.", (), ["derivative"]),
    # the noun stressed elsewhere in the paragraph, here only opening "X by Y is …"
    (
        "Remember that proof by induction is a way of showing a claim for each number.",
        ("proof",),
        [],
    ),
    ("A proof is an argument that settles a claim.", ("proof",), ["proof"]),
]


@pytest.mark.parametrize(("sentence", "emphasis", "terms"), _BY_PHRASE_SUBJECTS)
def test_a_noun_and_its_by_phrase_opening_the_subject_leave_the_bare_noun_undefined(
    sentence: str, emphasis: tuple[str, ...], terms: list[str]
) -> None:
    assert [t for t, _ in _found(sentence, *emphasis)] == terms


def test_a_connective_before_an_emphasised_opening_still_defines_twice_over() -> None:
    # "Technically, a **budget** is a …": past the connective the emphasised term opens
    # "X is a …", surer than a remark about the word ("The term **budget** is unpleasant")
    assert _found("Strictly speaking, a weir is a low wall built across a river.", "weir") == [
        ("weir", DEFINED_EMPHASIS)
    ]
    assert _found("The term weir is old and rarely heard.", "weir") == [("weir", EMPHASIS)]


def test_or_and_a_genus_after_an_emphasised_name_restate_it() -> None:
    # "your *net worth*, or the total measure of your wealth": the genus after "or" glosses
    # the name as a synonym there does
    sentence = "Farmers, you're mostly weighing your yield gap, or the total shortfall of a crop."
    assert _found(sentence, "yield gap") == [("yield gap", 0.72)]
    # a list of emphasised names joined by "or" is no gloss
    sentence = "Pick a crop such as barley, or the oats of the north field."
    assert _found(sentence, "barley", "oats") == []


def test_the_term_in_an_example_marked_as_an_example_or_between_commas_names_nothing() -> None:
    """ "As an example, the term X …" and "Acme, for example, dropped the term X …" use a
    word as a case of the point made, as "For example, the term X …" does; a sentence
    that says what the term refers to still names it."""

    def terms(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, chinese=False)]

    assert terms("As an example, the term “Quick Oats” only describes the cereal.") == []
    assert terms("Acme, for example, asked writers to avoid the term “googled” online.") == []
    assert terms("As an example, the term “lien” refers to a claim on property.") == ["lien"]


def test_a_named_body_that_defines_or_describes_a_word_as_something_defines_it() -> None:
    # a revision sheet quotes the standard definition with its source first: read only
    # after "we define", the word the body defines went undefined
    for sentence, term in (
        ("The International Labour Office describes unemployment as being without work "
         "while looking for it.", "unemployment"),
        ("The Royal Society defines a fossil as the preserved remains of a past organism.",
         "fossil"),
    ):  # fmt: skip
        assert [d.term for d in find_definitions(sentence, 1, False)] == [term]
    # no named body: a thing described, or how something behaves, defines nothing
    for sentence in (
        "The chart describes the harvest as smaller than last year's.",
        "The Census describes how the counties grew.",
    ):
        assert not list(find_definitions(sentence, 1, False))


def test_a_stressed_name_counted_among_others_is_not_what_the_sentence_defines() -> None:
    # a textbook marking every name it indexes: the sentence's verb says something of
    # several names at once, or of another thing, and each marked name took it as its
    # definition (a chapter's "What does “yoga” mean?" was answered so)
    sentence = "Old coins were often stamped with sacred animals such as owls and bulls."
    assert _found(sentence, "owls") == []
    sentence = "Both falconry and archery were sports of the court."
    assert _found(sentence, "archery") == []
    assert _found(sentence, "falconry") == []
    sentence = "Few trades were as profitable in the port as shipbuilding."
    assert _found(sentence, "shipbuilding") == []
    sentence = "The towns were bound together by trade, piety, a shared script, and kinship."
    assert _found(sentence, "piety") == []

    # the name's own verb still defines it, and so does a sentence it opens
    sentence = "Metals such as bronze are alloys of copper and tin."
    assert _found(sentence, "bronze")
    sentence = "Shipbuilding was a craft as old as the port."
    assert _found(sentence, "Shipbuilding")
    sentence = "Kinship, the tie of shared descent, was the basis of every town."
    assert _found(sentence, "Kinship")
    # a relative clause after the name glosses it, no next item of a series
    sentence = "The reverse of lending is borrowing, which is done with a written promise, `IOU`."
    assert _found(sentence, "borrowing")


def test_an_appositive_genus_naming_the_parties_of_a_relation_defines_the_name() -> None:
    # a relation's genus runs on into the parties it joins: "a bond between …", "an
    # agreement among …" (a chapter's stressed "bhakti", so glossed, was no concept)
    sentence = "Villagers came to value guanxi, a close personal bond between two families."
    assert _found(sentence, "guanxi") == [("guanxi", APPOSITIVE)]
    sentence = "The league rested on a hegemon, a dominant power among the member cities."
    assert _found(sentence, "hegemon") == [("hegemon", APPOSITIVE)]
    # still not in a list
    sentence = "They traded silk, salt, between the two rivers."
    assert _found(sentence, "salt") == []


def test_a_stressed_name_in_an_opening_subordinate_clause_is_not_what_the_verb_defines() -> None:
    # "While X …, Y were …": the verb is the main clause's, said of another subject
    sentence = "While the guild kept its charter, the city's merchants were free to trade."
    assert _found(sentence, "guild") == []
    sentence = "When the old dynasty fell, the provinces were ruled by governors."
    assert _found(sentence, "old dynasty") == []
    # a clause with its own defining verb still reads as before, and so does a name
    # after the clause
    sentence = "Although tariffs are taxes on imports, a quota is a limit on their amount."
    assert [t for t, _ in _found(sentence, "quota")] == ["quota"]


def test_an_emphasised_genus_of_the_subjects_instances_is_not_defined() -> None:
    """ "Rain and hail are forms of **precipitation**", "A lysosome is a type of
    **organelle**": the subject is some of the stressed kind, which the sentence does
    not define; stressed as what the subject is, a name is."""
    assert _found("Rain, snow and hail are forms of precipitation.", "precipitation") == []
    assert "organelle" not in dict(_found("A lysosome is a type of organelle.", "organelle"))
    assert _found("Sugar and starch are kinds of carbohydrates.", "carbohydrates") == []
    assert _found("The distance between two crests is the wavelength.", "wavelength") == [
        ("wavelength", EMPHASIS)
    ]
