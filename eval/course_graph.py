"""The knowledge graph the document job would leave, in memory, for `make eval-course`.

Each chapter is analysed in process (as eval/run.py does) and added the way the job
stores it (jobs/ingest/plan.py, datasources/neo4j/documents.py): one Concept node per
(key, language), shared by the documents that name it; one EXTRACTED_FROM mention per
concept at its first page; the cross-document links of `link_to_existing` against the
concepts already stored, which know the documents they came from (`related_documents`:
another subject's one-word concepts link nothing, as in the job); PREREQUISITE
candidates best first, each dropped when it would close a cycle, an existing edge kept
mandatory when either document says so;
knowledge_extractions rows per concept (`stored_order`: see the field). `read` answers what
datasources/neo4j/planning.PlanningReader.read answers: the documents' mentions, the
mandatory-prerequisite closure through the graph (on the evidence that planning.py's
docstring says speaks for the chosen documents), and the edges among them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from datasources.ids import concept_id_for
from datasources.neo4j.planning import GraphConcept, GraphEdge, GraphMention, PlanningGraph
from datasources.postgres.records import DocumentRecord, KnowledgeExtractionRecord
from eval.run import reaches
from jobs.ingest.linking import DocumentWords, candidates
from jobs.ingest.plan import extraction_metadata
from jobs.pipeline.links import KnownConcept, link_to_existing, related_documents
from jobs.pipeline.model import Analysis, Prerequisite

EVAL_NAMESPACE = uuid.UUID("5b0c1a8e-2f3d-4e5a-9b6c-7d8e9fa0b1c2")
OWNER = uuid.uuid5(EVAL_NAMESPACE, "owner")


@dataclass(slots=True)
class StoredGraph:
    # The job stores each concept's first-mention order on EXTRACTED_FROM (Concept.order);
    # False leaves it out, as the job did before, when the planner ranked a document's
    # concepts by page, then confidence.
    stored_order: bool = True
    concepts: dict[str, GraphConcept] = field(default_factory=dict)
    keys: dict[str, KnownConcept] = field(default_factory=dict)  # id -> what linking sees
    mentions: list[GraphMention] = field(default_factory=list)
    prerequisites: dict[tuple[str, str], GraphEdge] = field(default_factory=dict)
    relations: dict[tuple[str, str], GraphEdge] = field(default_factory=dict)
    # PREREQUISITE (source, target) -> the documents whose evidence placed it (document_ids)
    supporters: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    documents: dict[uuid.UUID, DocumentRecord] = field(default_factory=dict)
    extractions: dict[uuid.UUID, list[KnowledgeExtractionRecord]] = field(default_factory=dict)
    names: dict[str, uuid.UUID] = field(default_factory=dict)  # chapter -> document id

    def add(self, name: str, analysis: Analysis, *, title: str) -> uuid.UUID:
        """Store one analysed chapter as the document job would; returns its document id."""
        language = analysis.language
        document = uuid.uuid5(EVAL_NAMESPACE, f"{language}:{name}")
        knowledge = analysis.knowledge
        known = [k for k in self.keys.values() if k.language == language]
        words = DocumentWords(b.text for p in analysis.pages for b in p.blocks)
        # as the job: another subject's one-word concepts link nothing (links.py)
        related = related_documents(known, knowledge.concepts)
        links = link_to_existing(analysis, candidates(known, knowledge.concepts, words), related)
        ids = {c.key: str(concept_id_for(c.key, language)) for c in knowledge.concepts}
        every = {k.key: str(concept_id_for(k.key, language)) for k in known} | ids
        for c in knowledge.concepts:
            node = ids[c.key]
            old = self.concepts.get(node)
            description = c.description
            if old is not None and len(old.description or "") >= len(description or ""):
                description = old.description
            self.concepts[node] = GraphConcept(
                node,
                old.title if old else c.title,
                description,
                old.difficulty if old else c.difficulty,
                language,
            )
            found_in = self.keys[node].documents if node in self.keys else frozenset()
            self.keys[node] = KnownConcept(
                c.key, c.title, language, description, found_in | {str(document)}
            )
            order = c.order if self.stored_order else None
            self.mentions.append(
                GraphMention(node, str(document), c.first_page, round(c.confidence, 2), order)
            )
        proposed = [
            (every[p.source], every[p.target], p.mandatory, p.weight)
            for p in (*knowledge.prerequisites, *links.prerequisites)
            if p.source in every and p.target in every
        ]
        proposed.sort(key=lambda p: (not p[2], -p[3]))  # best first, as the job does
        for a, b, mandatory, weight in proposed:
            self._place(a, b, mandatory, weight)
            if (a, b) in self.prerequisites:
                self.supporters.setdefault((a, b), set()).add(str(document))
        for r in (*knowledge.relations, *links.relations):
            if r.source in every and r.target in every:
                pair = (every[r.source], every[r.target])
                self.relations[pair] = GraphEdge(*pair, type=r.type, strength=r.strength)
        now = datetime.now(UTC)
        self.documents[document] = DocumentRecord(
            document, OWNER, f"{name}.md", f"{name}.md", "", 0, analysis.mime_type,
            "completed", language, analysis.page_count, analysis.word_count,
            None, None, None, {"title": title}, now, now,
        )  # fmt: skip
        self.extractions[document] = [
            KnowledgeExtractionRecord(
                id=uuid.uuid5(document, str(i)),
                document_id=document,
                extraction_type=x.type,
                content=x.content,
                context=x.context,
                page_number=x.page_number,
                confidence_score=Decimal(str(round(x.confidence, 2))),
                neo4j_node_id=ids.get(x.concept_key) if x.concept_key else None,
                metadata=extraction_metadata(x),
                created_at=now,
            )
            for i, x in enumerate(knowledge.extractions)
        ]
        self.names[name] = document
        return document

    def _place(self, a: str, b: str, mandatory: bool, weight: float) -> None:
        """datasources/neo4j/prerequisites.place, for one candidate."""
        if a == b:
            return
        edge = self.prerequisites.get((a, b))
        if edge is None:
            if self._reaches(b, a, mandatory_only=False):
                return  # would close a cycle: dropped
            self.prerequisites[a, b] = GraphEdge(a, b, mandatory=mandatory, weight=weight)
            return
        strong = mandatory and not self._reaches(b, a, mandatory_only=True)
        self.prerequisites[a, b] = GraphEdge(
            a, b, mandatory=bool(edge.mandatory) or strong, weight=max(weight, edge.weight or 0)
        )

    def _reaches(self, start: str, goal: str, *, mandatory_only: bool) -> bool:
        edges = [
            Prerequisite(a, b, bool(e.mandatory), e.weight or 0.0, ())
            for (a, b), e in self.prerequisites.items()
            if e.mandatory or not mandatory_only
        ]
        return reaches(edges, start, goal)

    def read(self, document_ids: list[str]) -> PlanningGraph:
        """PlanningReader.read: mentions, the mandatory closure, concepts and edges."""
        chosen = set(document_ids)
        mentions = [m for m in self.mentions if m.document_id in chosen]
        named = {m.concept_id for m in mentions}
        known = dict.fromkeys(named)
        required: dict[str, list[str]] = {}
        for (a, b), e in self.prerequisites.items():
            if e.mandatory and (b not in named or self.supporters.get((a, b), set()) & chosen):
                required.setdefault(b, []).append(a)
        frontier = list(known)
        while frontier:
            found = [p for c in frontier for p in required.get(c, ())]
            frontier = [p for p in dict.fromkeys(found) if p not in known]
            known.update(dict.fromkeys(frontier))

        def among(edges: dict[tuple[str, str], GraphEdge]) -> list[GraphEdge]:
            return [e for (a, b), e in edges.items() if a in known and b in known]

        return PlanningGraph(
            concepts={i: self.concepts[i] for i in known},
            mentions=mentions,
            prerequisites=among(self.prerequisites),
            relations=among(self.relations),
        )
