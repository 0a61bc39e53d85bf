"""A course of one whole textbook walks through its chapters (docs/courses.md, step 1):
each chapter gets its share of the time, its best concept, and a concept packing could
not place shrinks the budget instead of cutting the book's last chapters; so does a short
document's main topic met last. Small graphs of our own."""

from __future__ import annotations

from jobs.planning import (
    ConceptInput,
    CourseRequest,
    DocumentInput,
    Extraction,
    Mention,
    PlanningInput,
    plan_course,
)
from jobs.planning.graph import CourseGraph
from jobs.planning.selection import course_parts
from tests.unit.planning.checks import assert_sound

BOOK = "doc-book"
CHAPTERS = 6
PER_CHAPTER = 5


def _document(words: int | None) -> DocumentInput:
    return DocumentInput(BOOK, "Statistics", "statistics.pdf", "en", 400, 0, words)


def _concept(
    chapter: int, index: int, *, per_chapter: int, title: str | None = "Statistics"
) -> ConceptInput:
    """The early chapters' concepts are the surest and best explained (the ones a book's
    later chapters build on score highest)."""
    early = chapter < 2
    heading = (f"Chapter {chapter + 1}", f"{chapter + 1}.{index + 1}")
    doc = BOOK
    extractions = tuple(
        Extraction(kind, f"{kind} {i}", doc, 1)  # type: ignore[arg-type]
        for kind, count in (("definition", 2 if early else 1), ("example", 1 if early else 0))
        for i in range(count)
    )
    return ConceptInput(
        f"c{chapter}-{index}",
        f"Concept {chapter} {index}",
        "en",
        "intermediate",
        mentions=(
            Mention(
                doc,
                1 + chapter * 60 + index,
                (0.9 if early else 0.6) - 0.01 * index,
                chapter * per_chapter + index,
                ((title,) if title else ()) + heading,
            ),
        ),
        extractions=extractions,
        text_volume=600,
    )


def _book(
    words: int | None,
    *,
    weeks: int,
    hours: int,
    per_chapter: int = PER_CHAPTER,
    title: str | None = "Statistics",
) -> PlanningInput:
    concepts = [
        _concept(chapter, index, per_chapter=per_chapter, title=title)
        for chapter in range(CHAPTERS)
        for index in range(per_chapter)
    ]
    return PlanningInput(
        course_id="2c9a6c4e-7f3b-4d8e-9a1b-3c4d5e6f7a8b",
        request=CourseRequest((BOOK,), weeks, hours),
        documents=(_document(words),),
        concepts=tuple(concepts),
    )


def _chapters_taught(data: PlanningInput) -> list[int]:
    """The chapter of each concept the course teaches, in teaching order."""
    plan = plan_course(data)
    assert_sound(plan, data)
    return [int(s.concept_id[1 : s.concept_id.index("-")]) for w in plan.weeks for s in w.slots]


def test_a_whole_books_course_covers_every_chapter_in_order() -> None:
    """By score alone, the two early chapters' concepts filled the course and chapters
    5-6 got no time; shared out by chapter, every chapter is taught, in the book's order."""
    data = _book(120_000, weeks=1, hours=3)
    taught = _chapters_taught(data)
    assert set(taught) == set(range(CHAPTERS))
    assert taught == sorted(taught)


def test_each_chapter_teaches_its_best_concept_when_its_share_is_short() -> None:
    """Two hours for six chapters: a chapter's share is shorter than its best concept,
    so the shares taught two chapters; each chapter's best comes first."""
    data = _book(120_000, weeks=1, hours=2)
    taught = _chapters_taught(data)
    assert set(taught) == set(range(CHAPTERS))


def test_what_packing_leaves_out_of_a_book_shrinks_the_budget() -> None:
    """Packing leaves out the last concepts in teaching order, the last chapter's: refused,
    their minutes went to the early chapters' concepts and the last chapter got none.
    The budget shrinks instead, and every chapter keeps its share."""
    data = _book(120_000, weeks=4, hours=2, per_chapter=3)
    taught = _chapters_taught(data)
    assert set(taught) == set(range(CHAPTERS))
    assert taught == sorted(taught)


def test_only_a_whole_book_is_shared_out_by_chapter() -> None:
    """The chapters are the outermost headings below the book's title; a document of a
    chapter's length (its sections are no chapters) and one of unknown length are not
    shared out by heading."""
    book = _book(120_000, weeks=2, hours=3)
    graph = CourseGraph.build(book)
    parts = course_parts(graph, list(graph.concepts))
    assert {chapter for _, chapter in parts.values()} == {
        f"Chapter {n + 1}" for n in range(CHAPTERS)
    }
    untitled = _book(120_000, weeks=2, hours=3, title=None)
    graph = CourseGraph.build(untitled)
    assert course_parts(graph, list(graph.concepts))["c5-0"] == (0, "Chapter 6")
    for words in (12_000, None):
        graph = CourseGraph.build(_book(words, weeks=2, hours=3))
        assert {chapter for _, chapter in course_parts(graph, list(graph.concepts)).values()} == {
            ""
        }


NOTES = "doc-notes"
# (confidence, definitions, examples) of each concept in reading order: many middling
# topics, then the chapter's main topic, the surest of all, in its last section
TOPICS = (
    (0.5, 1, 0), (0.58, 1, 0), (0.59, 1, 0), (0.58, 1, 1), (0.58, 1, 0),
    (0.71, 2, 0), (0.53, 1, 0), (0.6, 1, 0), (0.53, 1, 1), (0.63, 0, 0),
    (0.51, 1, 0), (0.72, 1, 0), (0.71, 2, 1), (0.75, 2, 0), (0.95, 1, 0),
)  # fmt: skip
MAIN = f"t{len(TOPICS) - 1:02d}"


def _topic(index: int, confidence: float, definitions: int, examples: int) -> ConceptInput:
    extractions = tuple(
        Extraction(kind, f"{kind} {n} of topic {index}", NOTES, 1 + index)  # type: ignore[arg-type]
        for kind, count in (("definition", definitions), ("example", examples))
        for n in range(count)
    )
    return ConceptInput(
        f"t{index:02d}",
        f"Topic {index}",
        "en",
        "beginner",
        mentions=(Mention(NOTES, 1 + index, confidence, index),),
        extractions=extractions,
        text_volume=300,
    )


def test_a_short_documents_main_topic_met_last_is_taught() -> None:
    """Weeks fill in reading order, so the main topic, read last, did not fit the last
    week; refused, its minutes went to weaker topics and the course never taught it."""
    data = PlanningInput(
        course_id="5b1e7c2d-8a4f-4e3b-9c6d-1f2a3b4c5d6e",
        request=CourseRequest((NOTES,), 3, 2),
        documents=(DocumentInput(NOTES, "Notes", "notes.pdf", "en", 20, 0, 5000),),
        concepts=tuple(_topic(i, *spec) for i, spec in enumerate(TOPICS)),
    )
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [s.concept_id for week in plan.weeks for s in week.slots]
    assert MAIN in taught
    assert MAIN not in {left.concept_id for left in plan.report.left_out}
