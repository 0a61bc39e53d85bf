"""What the pipeline's output becomes in each store, with every id deterministic.

Pure functions: the document job calls them between its store writes. Ids:
concepts `concept_id_for(key, language)` (one node per concept across documents),
chunks `chunk_id(document, index)`, extraction rows `extraction_id(document, index)`.
PostgreSQL refuses NUL characters in text and JSON, so they are removed here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from datasources.embeddings.text import concept_text
from datasources.ids import concept_id_for, extraction_id
from datasources.neo4j.bulk import ConceptNode, DocumentNode, Prerequisite, Relation
from datasources.neo4j.documents import DocumentGraph
from datasources.neo4j.records import ConceptRecord, SourceEdge
from datasources.postgres.document_jobs import ExtractionRow
from datasources.vectors import ChunkRecord, ConceptVectorRecord
from jobs.pipeline.links import CrossLinks
from jobs.pipeline.model import Chunk, Extraction, Knowledge, Language


def clean(text: str) -> str:
    return text.replace("\x00", "")


def concept_ids(knowledge: Knowledge, language: Language) -> dict[str, UUID]:
    """Each concept key's node id."""
    return {c.key: concept_id_for(c.key, language) for c in knowledge.concepts}


def chunk_records(
    document_id: UUID, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]
) -> list[ChunkRecord]:
    """The chunks' vector records; a chunk with nothing to embed (all punctuation: a zero
    vector, which cosine cannot compare) is left out, the same way every run."""
    return [
        ChunkRecord.create(
            document_id=document_id,
            chunk_index=chunk.chunk_index,
            content=clean(chunk.text),
            vector=vector,
            page_number=chunk.page_number,
            metadata={
                "page_end": chunk.page_end,
                "heading_path": [clean(h) for h in chunk.heading_path],
                "token_count": chunk.token_count,
            },
        )
        for chunk, vector in zip(chunks, vectors, strict=True)
        if any(vector)
    ]


def document_graph(
    document: DocumentNode,
    knowledge: Knowledge,
    ids: Mapping[str, UUID],
    links: CrossLinks,
    known: Mapping[str, UUID],
) -> DocumentGraph:
    """The document's graph rows; `known` maps keys of concepts already stored to ids."""
    context = {x.concept_key: x.context for x in knowledge.extractions if x.type == "concept"}
    every = {**known, **ids}
    candidates = [
        Prerequisite(every[p.source], every[p.target], p.mandatory, p.weight)
        for p in (*knowledge.prerequisites, *links.prerequisites)
        if p.source in every and p.target in every
    ]
    # Strongest first: mandatory before optional, then by weight (a stable sort keeps the
    # pipeline's order among equals), so a cycle is broken at its weakest edge.
    candidates.sort(key=lambda p: (not p.mandatory, -p.weight))
    return DocumentGraph(
        document=document,
        concepts=[
            ConceptNode(
                id=ids[c.key],
                title=c.title,
                description=c.description,
                difficulty=c.difficulty,
                category=c.category,
                tags=c.tags,
            )
            for c in knowledge.concepts
        ],
        sources=[
            SourceEdge(
                concept_id=ids[c.key],
                document_id=document.id,
                page=c.first_page,
                confidence=round(c.confidence, 2),
                context=context.get(c.key),
                order=c.order,
            )
            for c in knowledge.concepts
        ],
        relations=[
            Relation(every[r.source], every[r.target], r.type, r.strength)
            for r in (*knowledge.relations, *links.relations)
            if r.source in every and r.target in every
        ],
        prerequisites=candidates,
    )


def concept_texts(concepts: Sequence[ConceptRecord]) -> list[str]:
    """What each stored concept is embedded from (the API embeds the same text)."""
    return [concept_text(c.title, c.description) for c in concepts]


def concept_vectors(
    concepts: Sequence[ConceptRecord], vectors: Sequence[Sequence[float]]
) -> list[ConceptVectorRecord]:
    """ConceptEmbedding records; a concept with nothing to embed has none (as in the API)."""
    return [ConceptVectorRecord.of(c, v) for c, v in zip(concepts, vectors, strict=True) if any(v)]


def extraction_texts(knowledge: Knowledge) -> list[str]:
    """The texts to embed for the rows that are not concepts (those reuse the concept's)."""
    return [clean(x.content) for x in knowledge.extractions if x.type != "concept"]


def extraction_metadata(extraction: Extraction) -> dict[str, Any]:
    """A knowledge_extractions row's metadata: the concept's key, and for a concept row the
    section where it is first met (read back by jobs/courses/inputs.py)."""
    metadata: dict[str, Any] = {}
    if extraction.concept_key:
        metadata["concept_key"] = extraction.concept_key
    if extraction.section:
        metadata["section"] = [clean(h) for h in extraction.section]
    return metadata


def extraction_rows(
    document_id: UUID,
    knowledge: Knowledge,
    ids: Mapping[str, UUID],
    concept_vector: Mapping[UUID, Sequence[float]],
    text_vectors: Sequence[Sequence[float]],
) -> list[ExtractionRow]:
    """knowledge_extractions rows in the pipeline's order; `text_vectors` follow
    `extraction_texts`. neo4j_node_id is the concept's node id."""
    pending = iter(text_vectors)
    rows = []
    for index, x in enumerate(knowledge.extractions):
        node = ids.get(x.concept_key) if x.concept_key else None
        vector = concept_vector.get(node) if x.type == "concept" and node else None
        if x.type != "concept":
            vector = next(pending)
        if vector is not None and not any(vector):
            vector = None  # nothing embeddable: no vector rather than a zero one
        rows.append(
            ExtractionRow(
                id=extraction_id(document_id, index),
                extraction_type=x.type,
                content=clean(x.content),
                context=clean(x.context) if x.context else None,
                page_number=x.page_number,
                confidence_score=Decimal(str(round(min(max(x.confidence, 0.0), 1.0), 2))),
                neo4j_node_id=str(node) if node else None,
                embeddings=vector,
                metadata=extraction_metadata(x),
            )
        )
    return rows
