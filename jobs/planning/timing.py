"""Minutes of class time a concept needs, from how much the documents say about it."""

from __future__ import annotations

from jobs.planning.inputs import ConceptInput

BASE_MINUTES = {"beginner": 20, "intermediate": 30, "advanced": 40}
# A concept the documents only name (no definition, example or formula) is recalled in
# passing where it is used, not taught: a short slot instead of the difficulty's base.
NAMED_MINUTES = 10
# Each definition and example is taught and practised; a concept's first three of each
# count, more are usually repetitions of the same idea.
PER_EXTRACTION = {"definition": 10, "example": 15}
COUNTED_PER_KIND = 3
# Formulas: the first is worked through (15 min); the others are mostly inline notation
# of the same idea (a derivative's chapter writes a dozen), 5 minutes each, at most 25 in
# all, so a formula-dense text does not make its concept the longest of the course.
FIRST_FORMULA_MINUTES = 15
MORE_FORMULA_MINUTES = 5
MAX_FORMULA_MINUTES = 25
# Reading time: 5 minutes per 300 reading units (words, or Chinese characters), at
# most an hour, so one long chapter does not swallow a week.
UNITS_PER_STEP = 300
MINUTES_PER_STEP = 5
MAX_READING_MINUTES = 60
MIN_MINUTES = 15
STEP = 5


def concept_minutes(concept: ConceptInput, *, week_minutes: int) -> int:
    """Whole multiples of 5 minutes, at least 15, never more than one week holds."""
    taught = bool(concept.extractions)
    minutes = BASE_MINUTES[concept.difficulty] if taught else NAMED_MINUTES
    for kind, each in PER_EXTRACTION.items():
        minutes += each * min(concept.count(kind), COUNTED_PER_KIND)  # type: ignore[arg-type]
    minutes += formula_minutes(concept.count("formula"))
    steps = -(-concept.text_volume // UNITS_PER_STEP)
    minutes += min(steps * MINUTES_PER_STEP, MAX_READING_MINUTES)
    minutes = max(MIN_MINUTES, -(-minutes // STEP) * STEP)
    return min(minutes, week_minutes)


def formula_minutes(count: int) -> int:
    if count <= 0:
        return 0
    return min(FIRST_FORMULA_MINUTES + MORE_FORMULA_MINUTES * (count - 1), MAX_FORMULA_MINUTES)


# When the documents hold more than the budget, each concept is taught at a brisker
# pace, down to this share of its full time, before any main topic is left out. The
# full time counts every definition, example and page of reading; at half of it a
# 2-week course of one chapter taught about half the chapter's key concepts, at 35 %
# three in five. At 35 % a four-chapter chemistry course of 4 x 3 hours (documents
# holding 20 times its time) gave its main topics 45-50 minutes each and taught 20
# concepts, where a teacher covers twice as many; at 20 % they get 25-30 minutes
# (lower, the 15-minute floor takes over: `make eval-course` is the same at 15 %).
MIN_PACE = 0.2


def paced(minutes: dict[str, int], candidates: list[str], budget: int) -> dict[str, int]:
    """`minutes` scaled by one factor (at least MIN_PACE) so that `candidates` fit
    `budget` when they can; unchanged when they already fit. Multiples of 5, at least
    MIN_MINUTES, never more than before."""
    total = sum(minutes[c] for c in candidates)
    if total <= budget or total == 0:
        return minutes
    pace = max(MIN_PACE, budget / total)
    return {
        c: min(m, max(MIN_MINUTES, -(-int(m * pace) // STEP) * STEP)) for c, m in minutes.items()
    }
