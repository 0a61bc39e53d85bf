"""Whole textbooks: the searches that ran once per candidate term over a whole body now run
on the blocks that may hold the term (`MentionIndex`), and must find exactly what the whole
search found. Speed is measured in BENCHMARKS.md, never here."""

from __future__ import annotations

import re
from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.knowledge import book_chapters
from jobs.pipeline.mentions import ODD_CASES, MentionIndex, mention_pattern, mention_stem
from jobs.pipeline.model import Block, Knowledge
from jobs.pipeline.structure import acronym_pairs

TEXTS = [
    "The nuclei of two cells divide; each nucleus holds DNA.",
    "",
    "Matrices and a matrix--vector product; an event schema, two event schemata.",
    "k-means and $k$-means cluster; the AUC of a ROC curve: 此即为AUC。",
    "ſtate and İstanbul and ıdea: old and odd letters.",
    "Kepler’s first law, as O’Neill wrote; a theory, two theories.",
    "数 据 库 is spaced; 数据库 is not.",
]
KEYS = [
    "nucleus",
    "cell",
    "dna",
    "matrix",
    "matrix-vector product",
    "event schema",
    "k-means",
    "auc",
    "roc curve",
    "state",
    "istanbul",
    "idea",
    "kepler's first law",
    "o'neill",
    "theory",
    "数据库",
    "absent",
]


def test_an_index_finds_every_mention_a_search_of_each_text_finds() -> None:
    index = MentionIndex(TEXTS)
    for key in KEYS:
        pattern = mention_pattern(key)
        expected = [m.group(0) for t in TEXTS for m in pattern.finditer(t)]
        assert [m.group(0) for m in index.matches(key)] == expected, key
        assert index.holding(key) == [i for i, t in enumerate(TEXTS) if pattern.search(t)], key
    assert [m.group(0) for m in index.matches("istanbul")] == ["İstanbul"]
    assert [m.group(0) for m in index.matches("state")] == ["ſtate"]


def test_a_key_is_counted_in_the_joined_body_as_in_its_blocks() -> None:
    # the body is searched joined by "\n\x00\n": no mention spans two blocks
    prose = "\n\x00\n".join(TEXTS)
    index = MentionIndex(TEXTS)
    for key in KEYS:
        assert sum(1 for _ in index.matches(key)) == len(mention_pattern(key).findall(prose))


def test_every_mention_holds_its_keys_stem_lowered() -> None:
    assert mention_stem("nucleus") == "nucle"
    assert mention_stem("matrix-vector product") == "matr"
    assert mention_stem("kepler's first law") is None  # the apostrophe may be curled
    assert mention_stem("数据库") is None  # Han characters may be spaced apart
    for key in KEYS:
        stem = mention_stem(key)
        for text in TEXTS:
            for match in mention_pattern(key).finditer(text):
                assert stem is None or stem in match.group(0).lower() or ODD_CASES & set(text)


def test_only_the_odd_cases_match_an_ascii_letter_they_do_not_lower_to() -> None:
    # str.lower() and re's IGNORECASE differ for these three alone (Latin and beyond)
    odd = {
        chr(c)
        for c in range(0x80, 0x3000)
        for letter in "abcdefghijklmnopqrstuvwxyz0123456789"
        if re.fullmatch(letter, chr(c), re.IGNORECASE) and chr(c).lower() != letter
    }
    assert odd == set(ODD_CASES)


def test_an_acronym_key_touching_han_is_found_in_capitals_only() -> None:
    pattern = mention_pattern("auc")
    assert pattern.search("此即为AUC。")
    assert pattern.search("the auc is")
    assert not pattern.search("此即为auc。")  # lower case there is part of a code name
    assert not pattern.search("xAUC")


def test_a_paragraph_without_an_acronym_in_brackets_glosses_none() -> None:
    assert acronym_pairs("the Domain Name System (DNS) maps names") == [
        ("Domain Name System", "DNS")
    ]
    assert acronym_pairs("the Domain Name System (see below) maps names") == []


def _book(filler_words: int) -> str:
    """Three chapters; the first surveys what the second teaches."""
    filler = " ".join(
        f"On day {n} the walkers went {('north', 'south', 'east', 'west')[n % 4]} again."
        for n in range(filler_words // 7)
    )
    return (
        "# Introduction\n\n## What Psychologists Study\n\n"
        f"Psychologists study memory, classical conditioning and emotion.\n\n{filler}\n\n"
        "# Learning\n\n## Conditioning\n\n"
        "**Classical conditioning** is a process by which we learn to associate stimuli. "
        f"Classical conditioning pairs a bell with food.\n\n{filler}\n\n"
        "# Memory\n\n## Storage\n\n"
        "**Encoding** is the input of information into memory. Encoding comes first.\n\n"
        f"{filler}\n"
    )


def test_a_whole_books_concept_is_met_in_the_chapter_that_marks_it(tmp_path: Path) -> None:
    # a book's first chapter surveys the rest: "classical conditioning" is taught where
    # the second chapter sets it in bold and defines it
    path = tmp_path / "book.md"
    path.write_text(_book(9_000), encoding="utf-8")
    knowledge = analyse_file(path, language="en").knowledge
    assert "Conditioning" in _sections(knowledge)["classical conditioning"]
    order = {c.key: c.order for c in knowledge.concepts}
    assert order["classical conditioning"] < order["encoding"]


def test_a_chapters_sections_are_no_books_chapters(tmp_path: Path) -> None:
    # the same parts a few hundred words long: a chapter's sections, met at first mention
    path = tmp_path / "chapter.md"
    path.write_text(_book(300), encoding="utf-8")
    knowledge = analyse_file(path, language="en").knowledge
    assert "What Psychologists Study" in _sections(knowledge)["classical conditioning"]


def _sections(knowledge: Knowledge) -> dict[str, tuple[str, ...]]:
    return {x.concept_key: x.section for x in knowledge.extractions if x.type == "concept"}


def _chapters(count: int, words: int) -> list[Block]:
    prose = " ".join(["word"] * words)
    return [
        block
        for n in range(count)
        for block in (Block("heading", f"Chapter {n}", 1, 1), Block("paragraph", prose, 1))
    ]


def test_many_short_chapters_make_a_book_too() -> None:
    # a tutorial book's 17 chapters average under 4,000 words, 65,000 together; the
    # longest evaluation chapter holds 22,000 in sections of 3,600 at most
    assert book_chapters(_chapters(12, 3_500)) is not None
    assert book_chapters(_chapters(5, 3_500)) is None
    assert book_chapters(_chapters(3, 9_000)) is not None


def test_a_few_chapters_cut_from_a_book_are_a_book() -> None:
    # four chapters of an ethics book (21,000 words, about 5,000 each) uploaded together:
    # taught as one document by score, a course of eight weeks spent six on the first
    # chapter's opening survey; sections of one chapter stay under 3,600 words
    assert book_chapters(_chapters(4, 5_000)) is not None
    assert book_chapters(_chapters(4, 3_600)) is None
