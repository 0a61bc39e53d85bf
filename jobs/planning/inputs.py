"""What the course-generation job reads from the stores, as plain typed values.

The job loads these from Neo4j and PostgreSQL; the planner never touches a store.
PREREQUISITE edges point in learning order, as stored:
(prerequisite)-[:PREREQUISITE]->(concept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Difficulty = Literal["beginner", "intermediate", "advanced"]
ExtractionKind = Literal["definition", "example", "formula"]
DIFFICULTIES: tuple[Difficulty, ...] = ("beginner", "intermediate", "advanced")
# A formula or an example the extractor gives at least this confidence has its concept
# named beside it, as what it gives or shows; it halves the others' (jobs/pipeline/
# formulas.UNNAMED_OWNER, examples.LISTED_OWNER): "+0 → 0000 0000" was "the formula for
# “positive”", the concept its paragraph named first, and "It has many variants, such as
# the 0-1 knapsack problem, …" the example of the 0-1 knapsack problem. Only a named one
# is asked for, or applied in an objective.
NAMED = 0.5


@dataclass(frozen=True, slots=True)
class Mention:
    """(:Concept)-[:EXTRACTED_FROM {page, confidence}]->(:Document), plus reading order.

    `order` is the position of the concept's first mention in that document (0 = first);
    `section` the headings, outermost first, of the section where it is first met there
    (empty when the document has none or the document job did not store them).
    """

    document_id: str
    page: int | None
    confidence: float
    order: int
    section: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """A knowledge_extractions row attached to a concept: a definition, example or formula."""

    kind: ExtractionKind
    text: str
    document_id: str
    page: int | None
    # the extractor's confidence: a display formula (0.9) over an inline one (0.6), "X is
    # defined as" (0.9) over "X is a …" (0.55)
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class ConceptInput:
    """A Concept node with what the documents say about it.

    `text_volume` is the amount of source text about the concept in reading units:
    words for alphabetic text, characters for Chinese (as documents.word_count).
    """

    id: str
    title: str
    language: str
    difficulty: Difficulty
    description: str = ""
    mentions: tuple[Mention, ...] = ()
    extractions: tuple[Extraction, ...] = ()
    text_volume: int = 0

    def count(self, kind: ExtractionKind) -> int:
        return sum(1 for e in self.extractions if e.kind == kind)

    def named(self, kind: ExtractionKind) -> tuple[Extraction, ...]:
        """Its extractions of `kind` that name it as what they give (`NAMED`)."""
        return tuple(e for e in self.extractions if e.kind == kind and e.confidence >= NAMED)


@dataclass(frozen=True, slots=True)
class PrerequisiteInput:
    """`prerequisite` must be learnt before `concept` (mandatory or advised), weight 0..1."""

    prerequisite: str
    concept: str
    mandatory: bool
    weight: float


@dataclass(frozen=True, slots=True)
class RelationInput:
    """(:Concept)-[:RELATES_TO {type, strength}]->(:Concept); read in both directions."""

    source: str
    target: str
    type: str
    strength: float


@dataclass(frozen=True, slots=True)
class DocumentInput:
    """A document chosen for the course; `order` is its position in the request;
    `word_count` its reading units (documents.word_count), None when unknown."""

    id: str
    title: str
    filename: str
    language: str
    page_count: int | None
    order: int
    word_count: int | None = None


@dataclass(frozen=True, slots=True)
class CourseRequest:
    """The generateCourse input, as the job received it."""

    document_ids: tuple[str, ...]
    duration_weeks: int
    hours_per_week: int
    title: str | None = None
    target_audience: str | None = None
    difficulty_level: Difficulty | None = None
    language: str | None = None
    focus_concept_ids: tuple[str, ...] = ()
    exclude_concept_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanningInput:
    """Everything the planner needs: the request and the part of the graph it covers.

    `concepts` holds every concept extracted from the documents, the focus concepts and
    every concept reachable from these through mandatory PREREQUISITE edges; the edges
    are those among `concepts`. `course_id` seeds the ids of objectives, assessments
    and questions, so a regenerated course keeps them.
    """

    course_id: str
    request: CourseRequest
    documents: tuple[DocumentInput, ...]
    concepts: tuple[ConceptInput, ...]
    prerequisites: tuple[PrerequisiteInput, ...] = ()
    relations: tuple[RelationInput, ...] = field(default=())
