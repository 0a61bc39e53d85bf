"""QuestionAnswer objects for self-assessment, from each taught concept's own texts.

Per concept: its surest definition, example and formula (the extractor's confidence,
then reading order: a display formula before a symbol set inline, "X is defined as"
before "X is a …") each give one question; a concept with none of these but a
description gets a definition question answered by the description.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jobs.planning.ids import plan_id
from jobs.planning.inputs import ConceptInput, Extraction
from jobs.planning.result import Question, Week
from jobs.planning.sources import Pages
from jobs.planning.wording import phrase

KINDS = ("definition", "example", "formula")


def questions(
    course_id: str,
    weeks: Sequence[Week],
    concepts: Mapping[str, ConceptInput],
    pages: Pages,
    *,
    language: str,
) -> list[Question]:
    out: list[Question] = []
    for week in weeks:
        for slot in week.slots:
            concept = concepts[slot.concept_id]
            for kind, answer, source in _answers(concept, pages.order):
                out.append(
                    Question(
                        id=plan_id(course_id, "question", concept.id, kind),
                        question=phrase(language, f"question_{kind}", title=concept.title),
                        answer=answer,
                        difficulty=concept.difficulty,
                        topic=concept.title,
                        concept_id=concept.id,
                        week=week.week,
                        document_id=source.document_id if source else None,
                        page=source.page if source and pages.valid(*_at(source)) else None,
                    )
                )
    return out


def _at(source: Extraction) -> tuple[str, int | None]:
    return source.document_id, source.page


def _answers(
    concept: ConceptInput, document_order: Mapping[str, int]
) -> list[tuple[str, str, Extraction | None]]:
    def reading(e: Extraction) -> tuple[float, int, int, str]:
        place = document_order.get(e.document_id, len(document_order))
        return (-e.confidence, place, e.page or 0, e.text)

    found: list[tuple[str, str, Extraction | None]] = []
    for kind in KINDS:
        texts = sorted((e for e in concept.extractions if e.kind == kind and e.text.strip()),
                       key=reading)  # fmt: skip
        if texts:
            found.append((kind, texts[0].text.strip(), texts[0]))
    if not found and concept.description.strip():
        found.append(("definition", concept.description.strip(), None))
    return found
