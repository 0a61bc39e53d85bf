"""Rules met on humanities and business textbooks (ethics, management), each on text
written for the test: a book's style of opening paragraphs on emphasised words."""

from __future__ import annotations

from pathlib import Path

import pytest

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read
from jobs.pipeline.references import credits, licence_notices
from jobs.pipeline.structure import lead_in_style
from tests.unit.pipeline.written import keys_of, written

_LEAD_INS = [
    ("As we turn now", "to the question of duty, it helps to recall what earlier theories said"),
    ("In my view", "none of the earlier theories explains why promises bind us at all times"),
    ("The second reason", "for doubting consequences is that nobody can foresee all of them"),
    ("So much for", "the general picture; the details of each argument come in what follows"),
    ("There are many ways", "to read this claim, and the most natural one is also the weakest"),
    ("What this shows", "is that a rule can be binding even when breaking it does no harm"),
    ("Once again", "the defender of the theory has a reply ready for the critic here"),
    ("It is worth noting", "that the same objection applies with equal force to the rival view"),
    ("Virtue ethics", "asks what a person of good character would do in the situation"),
    ("By the end", "of the chapter we will have three theories to compare side by side"),
]


def _titles(tmp_path: Path, name: str, text: str) -> set[str]:
    path = written(tmp_path, name, text)
    return {c.title.lower() for c in analyse_file(path).knowledge.concepts}


def _paragraph(lead: str, rest: str) -> str:
    tail = " Philosophers have argued about this for a very long time without agreement."
    return f"**_{lead}_** {rest}.{tail}"


def test_paragraphs_opening_on_emphasised_clauses_show_a_style_not_terms(
    tmp_path: Path,
) -> None:
    # a textbook that sets the first words of nearly every paragraph in bold italics, as a
    # lead-in: "second reason" and "my view" were concepts, defined and emphasised
    body = "\n\n".join(_paragraph(lead, rest) for lead, rest in _LEAD_INS)
    titles = _titles(tmp_path, "duty.md", f"# Duty\n\n{body}\n")
    assert "second reason" not in titles
    assert not {t for t in titles if "my view" in t}


def test_paragraphs_opening_on_the_terms_they_define_keep_their_emphasis() -> None:
    # a glossary-like handout opens each paragraph on the term it defines: few clauses
    terms = ["Utility", "Moral rights", "Consent", "Social contract", "Autonomy", "Egoism"]
    terms += ["Free rider", "State of nature", "Duty"]
    blocks = [
        Block(
            "paragraph",
            f"{term} is a notion that moral philosophers use when they compare theories of "
            "right action and ask what makes an act right.",
            1,
            emphasis=(term,),
        )
        for term in terms
    ]
    assert lead_in_style(blocks) == frozenset()


def test_a_summary_given_as_slides_or_a_video_is_apparatus(tmp_path: Path) -> None:
    # each chapter of an ethics book closes on "Slideshow Summary", a link to its slides:
    # it was a concept and a module of its own ("Slideshow Summary: slideshow summary")
    assert apparatus("Slideshow Summary")
    assert apparatus("Video summary")
    assert not apparatus("Summary statistics")
    text = (
        "# Contract theory\n\nA **social contract** is an agreement among the members of a "
        "society to follow common rules.\n\n## The state of nature\n\nThe **state of nature** "
        "is life without any government. The social contract ends the state of nature.\n\n"
        "## Slideshow summary\n\nHere is a slideshow summary of the chapter, to view online "
        "or print. The slideshow summary recalls the social contract and the state of nature.\n"
    )
    titles = _titles(tmp_path, "contract.md", text)
    assert "social contract" in titles
    assert "slideshow summary" not in titles


def test_a_phrase_ending_on_a_possessive_is_no_term(tmp_path: Path) -> None:
    # a management chapter's case: "the consulting firm’s clients", "the consulting firm’s
    # early growth" made "consulting firm’s" a concept beside "consulting firm"
    text = (
        "# Reputation\n\n**Reputation** is what customers believe about a firm.\n\n"
        + " ".join(
            f"The consulting firm’s {word} depended on its reputation with clients."
            for word in ("clients", "early growth", "staff", "prices", "partners", "rivals")
        )
        + "\n\nA consulting firm sells advice. The consulting firm grew as clients came.\n"
    )
    titles = _titles(tmp_path, "reputation.md", text)
    assert "reputation" in titles
    assert not {t for t in titles if t.endswith(("’s", "'s"))}


def test_a_pictures_credit_line_is_a_credit() -> None:
    # each chapter of an ethics book opens on a picture credited "<name> at pixabay.com":
    # "pixabay" was a concept, taught in week 1
    lines = [
        "Bram at pixabay.com",
        "Free Photos 1 at pixabay.com",
        "Photo by Ann Lee on Unsplash",
        "A duty is what we ought to do whatever we want, and duties bind us all.",
        "We met at the museum on Sunday.",
    ]
    blocks = [Block("paragraph", line, 1) for line in lines]
    assert credits(blocks) == {0, 1, 2}


def test_a_licence_notice_at_either_end_is_no_content(tmp_path: Path) -> None:
    # a course site opens each lecture's transcript on its licence and its name; its name
    # was a concept and the first module of the course
    opening = (
        "This recording is provided under a Creative Commons licence. Gifts help Riverside "
        "Open Courses keep its lectures free; see Riverside Open Courses online."
    )
    body = [
        "Today we talk about glaciers, which carve valleys as they move.",
        "A cirque is a bowl a glacier carves at the head of its valley.",
        "A moraine is the ridge of rock a glacier leaves where it melts.",
        "Riverside geologists have mapped the moraines of the valley for years.",
    ]
    closing = "Text licensed under the CC BY 4.0 licence unless noted otherwise."
    blocks = [Block("paragraph", t, 1) for t in (opening, *body, closing)]
    assert licence_notices(blocks) == {0, 5}
    # in the body, licensing is a topic like another
    notice = "The atlas was released under a Creative Commons licence."
    middle = [*body, notice, *body]
    assert licence_notices([Block("paragraph", t, 1) for t in middle]) == set()
    path = written(tmp_path, "glaciers.txt", "\n\n".join([opening, *body, closing]) + "\n")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "riverside open course" not in keys and "cirque" in keys


def test_a_definition_set_in_the_margin_follows_its_paragraph(tmp_path: Path) -> None:
    # Flat World Knowledge's textbooks (as Saylor publishes them) set a term's definition
    # inside its sentence for the margin: read in place it broke the sentence ("a strong
    # tariffA tax on goods …, it will raise")
    page = (
        "<html><body><h1>Trade policy</h1><p>A country that sets a high "
        '<span class="margin_term"><a class="glossterm">tariff</a>'
        '<span class="glossdef">A tax on goods brought in from abroad.</span></span>, '
        "it will raise the price of imports and protect its own firms for a while.</p>"
        "<p>Tariffs invite other countries to answer with tariffs of their own.</p>"
        "</body></html>"
    )
    path = written(tmp_path, "trade.html", page)
    blocks = read(path, detect(path)).blocks()
    texts = [b.text for b in blocks]
    assert texts[1].startswith("A country that sets a high tariff, it will raise")
    assert texts[2] == "tariff: A tax on goods brought in from abroad."
    assert blocks[2].emphasis == ("tariff",)


def test_a_pop_up_glossary_definition_follows_the_paragraph_of_its_term(
    tmp_path: Path,
) -> None:
    # Pressbooks links a glossary term to a <template> after the chapter that holds its
    # definition for a pop-up; templates go with the page's scripts, so the definition
    # was lost. The term's first link gets it, its later links nothing more.
    page = (
        '<html><body><div class="entry-content"><h1>Water balance</h1>'
        "<p>Plants lose water through "
        '<a class="glossary-term" aria-haspopup="dialog" href="#term_9_31">transpiration.</a>'
        "</p><p>On hot days "
        '<a class="glossary-term" aria-haspopup="dialog" href="#term_9_31">transpiration</a>'
        " speeds up.</p>"
        '<template id="term_9_31"><div class="glossary__definition" role="dialog">'
        '<div tabindex="-1"><p>The loss of water vapour from the leaves of a plant.</p></div>'
        '<button><span aria-hidden="true">&times;</span>'
        '<span class="screen-reader-text">Close definition</span></button></div></template>'
        "</div></body></html>"
    )
    path = written(tmp_path, "water.html", page)
    blocks = read(path, detect(path)).blocks()
    assert [b.text for b in blocks] == [
        "Water balance",
        "Plants lose water through transpiration.",
        "transpiration: The loss of water vapour from the leaves of a plant.",
        "On hot days transpiration speeds up.",
    ]
    assert blocks[2].emphasis == ("transpiration",)


def test_a_chapters_further_exploration_lists_works_not_concepts(tmp_path: Path) -> None:
    # an ethics book closes each chapter on "Further exploration": an encyclopedia page, a
    # magazine story, a podcast; "leaving White Nationalism" (a podcast's title, "X is an
    # audio podcast that …") was a concept with a module of its own
    text = (
        "# Relativism\n\n**Cultural relativism** is the view that right and wrong depend on "
        "a culture. Cultural relativism rests on diversity.\n\n## Further exploration\n\n"
        "Growing Up Brave is an audio podcast that tells how a young man left a sect.\n\n"
        "Quiet Dissent is a magazine story about a woman who questioned her upbringing.\n"
    )
    titles = _titles(tmp_path, "relativism.md", text)
    assert "cultural relativism" in titles
    assert not {t for t in titles if "growing up brave" in t or "quiet dissent" in t}


def _essay(sentences: tuple[str, ...], times: int) -> str:
    """Paragraphs of plain prose, nothing defined, the same sentences in turn."""
    return "\n\n".join(
        " ".join(sentences[(i + j) % len(sentences)] for j in range(4)) for i in range(times)
    )


# documents of three sections holding one essay each: (case, headings, the essay's
# sentences, its paragraphs, titles kept, titles not kept)
_SPARSE_ESSAYS = [
    (
        # the section under "The Golden Mean" speaks of "the middle way" and never writes
        # the heading's name again: the whole heading names it, its article no word cut off
        "a heading opening on an article names its topic whole",
        ("Character", "The Golden Mean", "Habit"),
        (
            "Courage lies between rashness and cowardice, and so does every virtue.",
            "A person who fears nothing is as badly off as one who fears everything.",
            "The middle way is found by practice, not by a formula learned by heart.",
            "Generosity sits between waste and meanness in the same manner.",
        ),
        4,
        {"golden mean"},
        set(),
    ),
    (
        # a heading typed without the apostrophe ("The hunters dilemma") names the term the
        # body writes with it; both spellings were lost (the heading's never written in the
        # body, the body's opening on a possessive)
        "a heading without a possessive's apostrophe names the body's term",
        ("Trust", "The hunters dilemma", "Rules"),
        (
            "In the hunter's dilemma two hunters may chase a stag together or a hare alone.",
            "The hunter's dilemma shows why trust is fragile when each can defect.",
            "Each hunter does better alone if the other leaves the stag hunt.",
            "Writers on politics use the hunter's dilemma to explain cooperation.",
        ),
        4,
        {"hunter's dilemma"},
        {"hunters dilemma"},
    ),
    (
        # an essay that sets nothing apart repeats the words of its argument ("claim",
        # "basis") as often as its subject's ("altruism"): only the rarer one is a term
        "a text marking few terms keeps no everyday word on its count",
        ("Helping others", "Selfish acts", "Doubts"),
        (
            "The claim that altruism is an illusion rests on a basis that few examine.",
            "On the basis of our own motives we judge the claim about altruism too quickly.",
            "Whoever makes this claim must still explain altruism in small children.",
            "Altruism seen in strangers is no basis for a general claim either way.",
            "A careful reader tests each claim about altruism against a clear case.",
        ),
        12,
        {"altruism"},
        {"claim", "basis"},
    ),
    (
        # where little else is set apart, an everyday word in italics is stress, not a term
        "a text marking few terms stresses everyday words in italics",
        ("Consent", "Threats", "Silence"),
        (
            "Most writers think consent *necessary* for a promise to bind anyone.",
            "A promise made under threat is not binding, because consent was absent.",
            "Some hold consent to be a *necessary* part of a fair contract, never enough.",
            "Whether silent consent counts as the *necessary* kind remains unclear.",
        ),
        12,
        {"consent"},
        {"necessary"},
    ),
]


@pytest.mark.parametrize(
    ("headings", "sentences", "times", "kept", "not_kept"),
    [case[1:] for case in _SPARSE_ESSAYS],
    ids=[case[0] for case in _SPARSE_ESSAYS],
)
def test_a_text_that_marks_few_terms(
    tmp_path: Path,
    headings: tuple[str, ...],
    sentences: tuple[str, ...],
    times: int,
    kept: set[str],
    not_kept: set[str],
) -> None:
    body = _essay(sentences, times)
    text = "# Essay\n\n" + "".join(f"## {h}\n\n{body}\n\n" for h in headings)
    titles = _titles(tmp_path, "essay.md", text)
    assert kept <= titles
    assert not titles & not_kept


def test_a_documents_pointers_to_its_own_parts_name_no_topic(tmp_path: Path) -> None:
    # a management chapter said "as in earlier chapters" three times: "earlier chapters"
    # was a concept with a place in the course
    assert apparatus("earlier chapters") and apparatus("the next section")
    assert apparatus("上一章") and apparatus("前几节") and apparatus("后续章节")
    assert not apparatus("prior probability") and not apparatus("section modulus")
    assert not apparatus("节点")
    text = (
        "# Customer loyalty\n\n"
        "Loyal customers, like the staff discussed in earlier chapters, build up over time "
        "and drain away when a **switching cost** falls.\n\n"
        "The restaurant of earlier chapters kept its customers through service quality, "
        "which sets the rate at which they leave.\n\n"
        "As earlier chapters showed, a rate of loss is a flow that empties a stock. "
        "Service quality also shapes how many new customers friends bring.\n\n"
        "A **loyalty programme** rewards customers for staying; its cost is a switching cost "
        "for the customer who leaves.\n"
    )
    titles = _titles(tmp_path, "loyalty.md", text)
    assert "switching cost" in titles
    assert "earlier chapters" not in titles


@pytest.mark.parametrize(
    "label",
    [
        "Chapter Seven",
        "Book Two",
        "Section Forty-one",
        "Question Eighty-three",
        "Book 4",
        "Volume II",
    ],
)
def test_a_sources_divisions_counted_in_words_are_apparatus(label: str) -> None:
    # an anthology heads each excerpt with the old work's own divisions, spelled out
    # ("Book One, Chapter Five"): each was a concept of a philosophy reader
    from jobs.pipeline.lexicon import FURNITURE

    assert FURNITURE.match(label)


@pytest.mark.parametrize(
    "name", ["book value", "sixty-day rule", "Part of speech", "Section one-way"]
)
def test_words_after_a_division_word_that_count_nothing_stay_names(name: str) -> None:
    from jobs.pipeline.lexicon import FURNITURE

    assert not FURNITURE.match(name)


@pytest.mark.parametrize("date", ["March 2019", "Sept. 1998", "October 4, 2021", "11 May 2003"])
def test_a_title_pages_date_is_no_concept(date: str) -> None:
    from jobs.pipeline.lexicon import FURNITURE

    # "11 May 2003" opens on its day: the reader's number rule already drops it
    assert FURNITURE.match(date) or date[0].isdigit()
    assert not FURNITURE.match("March madness")


def test_an_anthologys_spelled_out_division_headings_give_no_concepts() -> None:
    from jobs.pipeline.knowledge import extract_knowledge

    blocks = [
        Block("heading", "Readings on Change", 1, 1),
        Block("heading", "Book One, Chapter Three", 1, 2),
        Block(
            "paragraph", "Every change runs from a privation to a form, as the seed to the tree.", 1
        ),
        Block("heading", "Chapter Twelve", 2, 2),
        Block("paragraph", "A privation is the absence of a form in a subject apt to have it.", 2),
        Block("heading", "Section Four", 3, 2),
        Block(
            "paragraph", "The form is what the change ends in; the privation is what it leaves.", 3
        ),
    ]
    keys = {c.key for c in extract_knowledge(blocks, "en").concepts}
    assert "privation" in keys
    assert not {"chapter three", "chapter twelve", "section four", "book one"} & keys


def test_a_numbered_series_of_bold_lines_labels_its_items() -> None:
    from jobs.pipeline.sections import repeated_labels

    # a workbook sets out two arguments under "**Argument 1**" and "**Argument 2**"
    blocks = [
        Block("paragraph", "Case 1", 1, 0, ("Case 1",)),
        Block("paragraph", "Every swan we have seen is white, so all swans are white.", 1),
        Block("paragraph", "Case 2", 1, 0, ("Case 2",)),
        Block("paragraph", "The sun rose every day so far, so it will rise tomorrow.", 1),
        Block("paragraph", "Induction", 1, 0, ("Induction",)),
        Block("paragraph", "Induction reasons from cases seen to cases unseen.", 1),
    ]
    assert repeated_labels(blocks) == frozenset({0, 2})
    # one numbered line alone is no series
    assert repeated_labels(blocks[:2]) == frozenset()


def test_run_in_labels_a_handouts_examples_repeat_define_nothing() -> None:
    from jobs.pipeline.knowledge import extract_knowledge

    # a spelling handout: each faulty word numbered "**Error 1:**", then a "**Fix:**" line
    # under each one; a glossary entry "**Homophone:** …" names its term once
    def item(label: str, rest: str) -> Block:
        return Block("list_item", f"{label} {rest}", 1, 0, (label,))

    blocks = [
        Block("heading", "Spelling Slips", 1, 1),
        item("Homophone:", "a word that sounds like another but differs in meaning."),
        item("Error 1:", "Their going to the lake."),
        item("Fix:", "They are going to the lake."),
        item("Error 2:", "The dog wagged it's tail."),
        item("Fix:", "The dog wagged its tail."),
        item("Error 3:", "We sat further from the stage."),
        item("Fix:", "We sat farther from the stage."),
        Block("paragraph", "A homophone slips past a spell checker because each word exists.", 1),
    ]
    knowledge = extract_knowledge(blocks, "en")
    defined = {c.key: c.description for c in knowledge.concepts}
    assert defined.get("homophone", "").startswith("Homophone: a word that sounds")
    assert not {"error 1", "error 2", "error 3"} & set(defined)
    assert not defined.get("fix")


def test_that_is_restating_a_point_is_no_copula_for_a_stressed_term() -> None:
    from jobs.pipeline.definitions import find_definitions

    # "That is, we want sound arguments." defined the stressed "sound arguments"
    restating = "That is, we want *cogent arguments*."
    assert not list(find_definitions(restating.replace("*", ""), 0, False, ("cogent arguments",)))
    defining = "That is, a cogent argument is strong and has true premises."
    found = list(find_definitions(defining, 0, False, ("cogent argument",)))
    assert [d.term for d in found] == ["cogent argument"]


def test_italic_titles_of_works_leave_a_text_plain(tmp_path: Path) -> None:
    """A painting handout sets only the titles of works in italics, as style guides ask:
    the text is still plain, and a plain sentence defines its term."""
    text = (
        "# Painting techniques\n\n"
        "Painters of the period such as Giotto made *The Lamentation* and *Madonna Enthroned*"
        " on walls and panels. A fresco consists of pigment laid on wet lime plaster.\n\n"
        "Later painters, in works like *Primavera*, preferred panels. Tempera consists of"
        " pigment bound with egg yolk.\n"
    )
    path = written(tmp_path, "techniques.md", text)
    defined = {c.title.lower(): c.description for c in analyse_file(path).knowledge.concepts}
    assert "laid on wet lime plaster" in (defined.get("fresco") or "")
    assert "egg yolk" in (defined.get("tempera") or "")
    # a term emphasised in lower case marks its text as typeset: no plain rule applies
    path = written(tmp_path, "typeset.md", text.replace("A fresco", "A *fresco* tile"))
    defined = {c.title.lower(): c.description for c in analyse_file(path).knowledge.concepts}
    assert not defined.get("tempera")


def test_a_past_institution_is_defined_by_what_it_was() -> None:
    """A history text says what an office, a body or an event was: "was the/a …" defines
    as "is the/a …" does, and a past-tense sentence about no genus defines nothing."""
    from jobs.pipeline.definitions import find_definitions

    def names(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, False, ())]

    assert names("The Witan was the council of advisers to the Saxon kings.") == ["Witan"]
    assert names("The reeves were the officials who kept order in each shire.") == ["reeves"]
    assert names("The harvest was poor that year and prices rose.") == []


_WORKFLOW_STORY = """# Sharing a garden plan

A garden plan lists the beds and what grows in each bed. The plan lives in a shared folder.

Maria opens the garden plan and adds a bed of beans. She saves her copy to the folder.
Then Maria sends a note to the group, and she waits for an answer. Tomas reads the plan.
Maria sees that her beans shade the herbs, so she moves the bed. Maria is careful.
Later Maria adds a compost corner, and the group thanks her. Maria writes the plan again.
The shared folder keeps every copy of the garden plan, and a garden plan names each bed.
Maria checks the folder each morning, and Maria trusts it.
"""


def test_a_person_of_the_texts_story_is_no_concept(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(_WORKFLOW_STORY, encoding="utf-8")
    titles = {c.title for c in analyse_file(path, language="en").knowledge.concepts}
    assert "Maria" not in titles  # called "she" and "her" as she works
    assert "garden plan" in titles


def test_sections_named_for_causes_or_phases_name_no_topic(tmp_path: Path) -> None:
    # a history note split an event into "Causes" and "Phases" (and a biology lesson has
    # "Stages", an economics one "Consequences"): each heading names the kind of what the
    # section lists, not a topic, and was a concept beside the event's real terms
    text = (
        "# The Great Famine\n\n## Causes\n\n"
        "**Potato blight** is a disease of potato plants caused by a water mould.\n\n"
        "## Phases\n\nThe famine spread from the west over five years.\n\n"
        "## Consequences\n\nEmigration halved the island's population.\n\n"
        "## Stages\n\nRelief came late.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "potato blight" in keys
    assert not keys & {"causes", "cause", "phases", "phase", "consequences", "stages"}


def test_the_tail_of_a_name_joined_by_and_is_no_name(tmp_path: Path) -> None:
    # "Portuguese War" is read only inside "Dutch and Portuguese War": the second half of
    # one name joined by "and", no war of its own; a name also read alone stays
    text = (
        "# Colonial Wars\n\n"
        "Trade in the colonies changed after the Dutch and Portuguese War. Merchants paid new "
        "duties on sugar, and the duties funded the navy. Planters resented the duties on sugar. "
        "The navy grew during the Dutch and Portuguese War and after it. Sugar prices rose, and "
        "the Atlantic Trade grew. The Atlantic Trade carried sugar to Europe.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "portuguese war" not in keys
    assert "atlantic trade" in keys


def test_a_calendar_eras_mark_after_dates_is_no_concept(tmp_path: Path) -> None:
    # a history lesson dates every event "… BCE" or "… CE": the era's mark, read again
    # and again in capitals, was a concept beside the kingdoms the lesson teaches
    text = (
        "# River Kingdoms\n\n"
        "The first river kingdom rose around 3100 BCE and fell around 2180 BCE. A second river "
        "kingdom ruled from 2050 BCE to 1710 BCE. Irrigation canals fed both kingdoms, and "
        "irrigation canals needed many workers.\n\n"
        "By 30 BCE the valley was a province, and in 641 CE a new power took it. Tax records "
        "from 200 CE and from 400 CE survive. Scribes kept the records in temples from 1500 BCE "
        "on, and temple scribes trained pupils until 300 CE.\n\n"
        "Irrigation canals still mark the valley. Between 1200 BCE and 1000 BCE the river moved "
        "east, and the canals silted up by 900 BCE.\n"
    )
    found = keys_of(tmp_path, text) & {"irrigation canal", "river kingdom", "bce", "ce"}
    assert found == {"irrigation canal", "river kingdom"}


@pytest.mark.parametrize("era", ["BCE", "B.C.", "A.D.", "CE", "fourth century BCE"])
def test_an_eras_mark_alone_or_after_its_century_names_nothing(era: str) -> None:
    from jobs.pipeline.lexicon import ERA

    assert ERA.fullmatch(era)


@pytest.mark.parametrize("name", ["ad", "CEO", "BC ratio", "Central Europe"])
def test_words_that_only_look_like_an_era_stay_names(name: str) -> None:
    from jobs.pipeline.lexicon import ERA

    assert not ERA.fullmatch(name)
