"""Minutes of class time a concept needs, from how much the documents say about it."""

from __future__ import annotations

from jobs.planning.inputs import ConceptInput

BASE_MINUTES = {"beginner": 20, "intermediate": 30, "advanced": 40}
# Each definition, example and formula is taught and practised; a concept's first
# three of each count, more are usually repetitions of the same idea.
PER_EXTRACTION = {"definition": 10, "example": 15, "formula": 15}
COUNTED_PER_KIND = 3
# Reading time: 5 minutes per 300 reading units (words, or Chinese characters), at
# most an hour, so one long chapter does not swallow a week.
UNITS_PER_STEP = 300
MINUTES_PER_STEP = 5
MAX_READING_MINUTES = 60
MIN_MINUTES = 15
STEP = 5


def concept_minutes(concept: ConceptInput, *, week_minutes: int) -> int:
    """Whole multiples of 5 minutes, at least 15, never more than one week holds."""
    minutes = BASE_MINUTES[concept.difficulty]
    for kind, each in PER_EXTRACTION.items():
        minutes += each * min(concept.count(kind), COUNTED_PER_KIND)  # type: ignore[arg-type]
    steps = -(-concept.text_volume // UNITS_PER_STEP)
    minutes += min(steps * MINUTES_PER_STEP, MAX_READING_MINUTES)
    minutes = max(MIN_MINUTES, -(-minutes // STEP) * STEP)
    return min(minutes, week_minutes)
