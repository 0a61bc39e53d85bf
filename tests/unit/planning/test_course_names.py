"""A heading on the covers of many of a course's documents names the course, not a topic
(jobs/planning/graph.py, `CourseGraph.course_names`)."""

from __future__ import annotations

from dataclasses import replace

from jobs.planning import (
    ConceptInput,
    CourseRequest,
    DocumentInput,
    Mention,
    PlanningInput,
    PrerequisiteInput,
    plan_course,
)
from jobs.planning.graph import CourseGraph
from tests.unit.planning.checks import assert_sound

COURSE = "Systems Programming"
LECTURES = {
    "deck-1": ("Types", "integer", "character"),
    "deck-2": ("Loops", "while loop", "loop condition"),
    "deck-3": ("Pointers", "address", "dereference"),
    "deck-4": ("Memory", "stack", "heap"),
}


def _mention(deck: str, page: int, order: int, *section: str) -> Mention:
    return Mention(deck, page, 0.5 if page == 1 else 0.9, order, section)


def _decks(covered: tuple[str, ...] = tuple(LECTURES), *, language: str = "en") -> PlanningInput:
    """Four lecture decks, each opening on a title slide headed with the course's name
    (those in `covered`) over a slide headed with the lecture's own title."""
    concepts = [
        ConceptInput(
            id="course",
            title=COURSE,
            language=language,
            difficulty="beginner",
            mentions=tuple(_mention(d, 1, 0, COURSE) for d in covered),
        )
    ]
    for deck, (lecture, *terms) in LECTURES.items():
        concepts.append(
            ConceptInput(
                id=f"{deck}-title",
                title=lecture,
                language=language,
                difficulty="beginner",
                mentions=(_mention(deck, 2, 1, lecture),),
                text_volume=300,
            )
        )
        concepts.extend(
            ConceptInput(
                id=f"{deck}-{i}",
                title=term,
                language=language,
                difficulty="beginner",
                mentions=(_mention(deck, 3 + i, 2 + i, lecture),),
                text_volume=300,
            )
            for i, term in enumerate(terms)
        )
    documents = tuple(
        DocumentInput(deck, lecture, f"{deck}.pptx", language, 20, i)
        for i, (deck, (lecture, *_)) in enumerate(LECTURES.items())
    )
    return PlanningInput(
        course_id="5b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
        request=CourseRequest(tuple(LECTURES), 4, 3),
        documents=documents,
        concepts=tuple(concepts),
        # the extractor linked the cover's phrase to a lecture's topic
        prerequisites=(PrerequisiteInput("course", "deck-2-title", True, 0.6),),
    )


def _taught(data: PlanningInput) -> list[str]:
    plan = plan_course(data)
    assert_sound(plan, data)
    return [c.title for w in plan.weeks for m in w.modules for c in m.concepts]


def test_the_heading_on_most_covers_is_the_courses_name_not_a_topic() -> None:
    data = _decks()
    plan = plan_course(data)
    assert_sound(plan, data)
    taught = [c.title for w in plan.weeks for m in w.modules for c in m.concepts]
    modules = [m.title for w in plan.weeks for m in w.modules]
    assert COURSE not in taught
    assert not any(title.startswith(COURSE) for title in modules)
    # every lecture's own title is still taught: only the phrase all covers repeat goes
    assert {"Types", "Loops", "Pointers", "Memory"} <= set(taught)
    # nor is it a prerequisite the course asks for: it is reported as the course's name
    assert COURSE not in [p.title for p in plan.prerequisites]
    assert [(x.title, x.reason) for x in plan.report.left_out] == [(COURSE, "course_name")]
    # three covers of four are many; two are not (a title two lectures share is a topic)
    assert COURSE not in _taught(_decks(("deck-1", "deck-2", "deck-4")))
    assert COURSE in _taught(_decks(("deck-1", "deck-3")))
    # a teacher who asks for it gets it taught
    assert COURSE in _taught(
        replace(data, request=replace(data.request, focus_concept_ids=("course",)))
    )


def test_a_word_of_many_covers_is_no_courses_name() -> None:
    # 大学国文's decks: 语言 on the cover of most lectures (语言的书写符号, 语言的演变与发展,
    # …), but inside each one's own title, which heads the cover; it is the course's topic.
    data = _decks(language="zh")
    word = replace(
        data.concepts[0],
        title="语言",
        mentions=tuple(
            _mention(d, 1, 0, f"语言的{lecture}") for d, (lecture, *_) in LECTURES.items()
        ),
    )
    data = replace(data, concepts=(word, *data.concepts[1:]))
    assert not CourseGraph.build(data).course_names
    assert "语言" in _taught(data)
    # nor does a course of fewer than three documents have one
    two = replace(data.request, document_ids=("deck-1", "deck-2"))
    assert not CourseGraph.build(replace(_decks(), request=two)).course_names
