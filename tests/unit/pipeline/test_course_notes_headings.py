"""Rules met on lecture notes of a mathematical social science (a game theory course's
chapters, typeset from Markdown): headings that name a topic with a prepositional phrase,
"Definition of …" headings, and a property named after the thing it is about."""

from __future__ import annotations

from jobs.pipeline.structure import heading_terms


def _terms(heading: str) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, 2)]


def test_a_heading_names_a_topic_with_a_prepositional_phrase() -> None:
    """ "Games against the field", "Tragedy of the commons": a noun and the phrase after it
    are one name; the article inside read as a clause's, and the heading named nothing."""
    assert _terms("2.4 Auctions against the clock") == ["Auctions against the clock"]
    assert _terms("Paradox of the heap") == ["Paradox of the heap"]
    # an activity or a clause is still no name
    assert _terms("Working in the garden") != ["Working in the garden"]
    assert _terms("Increase the stock level") == []


def test_a_definition_heading_names_its_word_even_an_aspects() -> None:
    """ "Definition of efficiency": the heading says the word is defined below it; alone,
    "Efficiency" is a facet of the section's topic, no term of its own."""
    assert _terms("Definition of robustness") == ["robustness"]
    assert _terms("Definition of efficiency") == ["efficiency"]
    assert _terms("Efficiency") == []
