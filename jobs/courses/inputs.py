"""The planner's input from what the stores returned (docs/courses.md, "Planning input").

Pure: the job reads the documents (PostgreSQL), the graph (Neo4j) and the knowledge
extractions (PostgreSQL) and this turns them into a PlanningInput. Stored values are
read leniently: an unknown difficulty is `intermediate`, a missing confidence 0.5,
weights outside 0..1 are clamped, a first-mention order the document job did not
store is the concept's rank in that document by page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from uuid import UUID

from datasources.course_plans import GenerationRequest
from datasources.neo4j.planning import GraphMention, PlanningGraph
from datasources.postgres.records import DocumentRecord, KnowledgeExtractionRecord
from jobs.planning import (
    ConceptInput,
    CourseRequest,
    DocumentInput,
    Extraction,
    Mention,
    PlanningInput,
    PrerequisiteInput,
    RelationInput,
)
from jobs.planning.inputs import DIFFICULTIES, Difficulty, ExtractionKind
from jobs.planning.wording import reading_units

KINDS: tuple[ExtractionKind, ...] = ("definition", "example", "formula")
MAX_EXTRACTION_CHARS = 2000  # a definition, example or formula that long is a page, not one
MAX_HEADINGS = 6  # as many levels as Markdown and HTML headings have
MAX_HEADING_CHARS = 200  # a week's or module's title is made of one


def _unit(value: float | None, default: float) -> float:
    if value is None or not math.isfinite(value):
        return default
    return min(1.0, max(0.0, value))


def _difficulty(value: str | None) -> Difficulty:
    lowered = (value or "").strip().lower()
    for known in DIFFICULTIES:
        if lowered == known:
            return known
    return "intermediate"


def _orders(
    mentions: Sequence[GraphMention], titles: Mapping[str, str]
) -> dict[tuple[str, str], int]:
    """(concept, document) → first-mention rank: the stored one when every mention in that
    document has it, else the rank by page, then confidence, then title."""
    by_document: dict[str, list[GraphMention]] = defaultdict(list)
    for m in mentions:
        by_document[m.document_id].append(m)
    out: dict[tuple[str, str], int] = {}
    for document, found in by_document.items():
        if all(m.order is not None for m in found):
            out.update({(m.concept_id, document): int(m.order or 0) for m in found})
            continue
        ranked = sorted(
            found,
            key=lambda m: (
                m.page is None,
                m.page or 0,
                -(m.confidence or 0.0),
                titles.get(m.concept_id, "").casefold(),
                m.concept_id,
            ),
        )
        out.update({(m.concept_id, document): rank for rank, m in enumerate(ranked)})
    return out


def _sections(
    extractions: Mapping[UUID, Sequence[KnowledgeExtractionRecord]],
) -> dict[tuple[str, str], tuple[str, ...]]:
    """(concept, document) → the headings of the section where the concept is first met,
    from the concept row's metadata (jobs/ingest/plan.py); metadata that is no object, or a
    section that is no list of non-blank strings, gives none; a heading is cut to
    MAX_HEADING_CHARS, the path to MAX_HEADINGS."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for document_id, rows in extractions.items():
        for row in rows:
            metadata = row.metadata if isinstance(row.metadata, dict) else {}
            stored = metadata.get("section")
            if row.extraction_type != "concept" or not row.neo4j_node_id:
                continue
            if not isinstance(stored, list) or not all(isinstance(h, str) for h in stored):
                continue
            headings = tuple(" ".join(h.split())[:MAX_HEADING_CHARS] for h in stored)
            if headings and all(headings):
                out[(row.neo4j_node_id, str(document_id))] = headings[:MAX_HEADINGS]
    return out


def planning_input(
    course_id: UUID,
    request: GenerationRequest,
    documents: Sequence[DocumentRecord],
    graph: PlanningGraph,
    extractions: Mapping[UUID, Sequence[KnowledgeExtractionRecord]],
) -> PlanningInput:
    by_id = {str(d.id): d for d in documents}
    chosen = [by_id[i] for i in request.document_ids if i in by_id]
    titles = {c.id: c.title for c in graph.concepts.values()}
    orders = _orders(graph.mentions, titles)
    sections = _sections(extractions)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for m in graph.mentions:
        page = m.page if m.page is not None and m.page > 0 else None
        mentions[m.concept_id].append(
            Mention(
                m.document_id,
                page,
                _unit(m.confidence, 0.5),
                orders[(m.concept_id, m.document_id)],
                sections.get((m.concept_id, m.document_id), ()),
            )
        )
    texts: dict[str, list[Extraction]] = defaultdict(list)
    volume: dict[str, int] = defaultdict(int)
    for document_id, rows in extractions.items():
        for row in rows:
            concept = row.neo4j_node_id
            if concept not in graph.concepts or str(document_id) not in by_id:
                continue
            volume[concept] += reading_units(f"{row.content} {row.context or ''}")
            kind = next((k for k in KINDS if k == row.extraction_type), None)
            text = row.content.strip()[:MAX_EXTRACTION_CHARS]
            if kind is not None and text:
                page = row.page_number if row.page_number and row.page_number > 0 else None
                score = row.confidence_score
                confidence = _unit(None if score is None else float(score), 1.0)
                texts[concept].append(Extraction(kind, text, str(document_id), page, confidence))
    languages = {str(d.id): d.language or "en" for d in chosen}
    concepts = tuple(
        ConceptInput(
            id=c.id,
            title=c.title or c.id,
            language=c.language
            or next(
                (languages[m.document_id] for m in mentions[c.id] if m.document_id in languages),
                "en",
            ),
            difficulty=_difficulty(c.difficulty),
            description=c.description or "",
            mentions=tuple(mentions[c.id]),
            extractions=tuple(texts[c.id]),
            text_volume=volume[c.id],
        )
        for c in graph.concepts.values()
    )
    known = graph.concepts.keys()
    return PlanningInput(
        course_id=str(course_id),
        request=CourseRequest(
            document_ids=request.document_ids,
            duration_weeks=request.duration_weeks,
            hours_per_week=request.hours_per_week,
            title=request.title,
            target_audience=request.target_audience,
            difficulty_level=_difficulty(request.difficulty_level)
            if request.difficulty_level
            else None,
            language=request.language,
            focus_concept_ids=request.focus_concept_ids,
            exclude_concept_ids=request.exclude_concept_ids,
        ),
        documents=tuple(
            DocumentInput(
                id=str(d.id),
                title=str((d.metadata or {}).get("title") or ""),
                filename=d.original_filename,
                language=d.language or "en",
                page_count=d.page_count,
                order=i,
                word_count=d.word_count,
            )
            for i, d in enumerate(chosen)
        ),
        concepts=concepts,
        prerequisites=tuple(
            PrerequisiteInput(e.source, e.target, bool(e.mandatory), _unit(e.weight, 1.0))
            for e in graph.prerequisites
            if e.source in known and e.target in known
        ),
        relations=tuple(
            RelationInput(e.source, e.target, e.type or "related", _unit(e.strength, 0.5))
            for e in graph.relations
            if e.source in known and e.target in known
        ),
    )
