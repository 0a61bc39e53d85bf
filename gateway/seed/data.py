"""The demo dataset, generated in memory: deterministic for a given (spec, tag).

Every id is a uuid5 of the tag and the item's position (concept ids follow the app's
own rule, datasources/ids.py: uuid5 of the normalised title and language), every random choice comes
from a `random.Random` seeded by the tag and the part being built, and every
timestamp is an offset from a fixed epoch; so generating twice gives equal data and
writing it twice (upserts / MERGE) leaves the stores as writing it once.

A tag other than "demo" is appended to usernames and concept titles, so a test's
dataset never shares an id, a username or a concept with the demo one.
"""

# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from datasources.concept_keys import concept_key
from datasources.ids import concept_id_for
from gateway.seed.courses import build_courses
from gateway.seed.records import (
    EPOCH,
    ChunkText,
    ConceptRow,
    CourseRow,
    DocumentRow,
    EdgeRow,
    Extraction,
    SourceRow,
    UserRow,
    seed_id,
    seeded_rng,
)
from gateway.seed.vocab import (
    AREAS_EN,
    AREAS_ZH,
    ASPECTS_EN,
    ASPECTS_ZH,
    SENTENCES_EN,
    SENTENCES_ZH,
    SUBJECTS,
    Subject,
)

DEMO_TAG = "demo"
_DOC_KINDS = (
    ("lecture-notes", "pdf", "application/pdf", "textbook"),
    ("chapter", "pdf", "application/pdf", "textbook"),
    ("slides", "html", "text/html", "slides"),
    ("paper", "pdf", "application/pdf", "paper"),
    (
        "worksheet",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "textbook",
    ),
    ("notes", "md", "text/markdown", "slides"),
    ("summary", "txt", "text/plain", "paper"),
)


@dataclass(frozen=True, slots=True)
class SeedSpec:
    subjects: int
    areas: int  # per subject, at most 5
    concepts_per_area: int  # 20 terms x 25 aspects = 500 titles per subject
    documents_per_subject: int
    chunks_per_document: int
    courses_per_subject: int
    course_concepts: tuple[int, int]
    sources_per_concept: int
    teachers: int
    students: int

    @classmethod
    def for_scale(cls, scale: int) -> SeedSpec:
        """Scale 0 is the tiny test dataset; scale n ≥ 1 is n times the benchmark size."""
        if scale < 0:
            raise ValueError("scale must be 0 (tiny) or a positive integer")
        if scale == 0:
            return cls(1, 3, 20, 20, 4, 5, (8, 15), 2, 2, 1)
        return cls(10 * scale, 5, 100, 200, 25, 20, (20, 40), 3, 4, 3)

    @property
    def concepts_per_subject(self) -> int:
        return self.areas * self.concepts_per_area


@dataclass(slots=True)
class Dataset:
    tag: str
    users: list[UserRow] = field(default_factory=list)
    concepts: list[ConceptRow] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    prerequisites: list[EdgeRow] = field(default_factory=list)
    related: list[EdgeRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    chunks: list[ChunkText] = field(default_factory=list)
    courses: list[CourseRow] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "users": len(self.users),
            "documents": len(self.documents),
            "courses": len(self.courses),
            "course_documents": sum(len(c.documents) for c in self.courses),
            "knowledge_extractions": len(self.extractions),
            "concepts": len(self.concepts),
            "prerequisites": len(self.prerequisites),
            "related": len(self.related),
            "extracted_from": len(self.sources),
            "contains": sum(len(c.placements) for c in self.courses),
            "objectives": sum(len(c.objectives) for c in self.courses),
            "chunks": len(self.chunks),
            "qa": sum(len(c.questions) for c in self.courses),
        }


def build_dataset(spec: SeedSpec, *, tag: str = DEMO_TAG) -> Dataset:
    if not tag.isidentifier() or len(tag) > 24:
        raise ValueError("tag must be a short identifier")
    data = Dataset(tag=tag)
    _users(data, spec)
    for s in range(spec.subjects):
        subject = SUBJECTS[s % len(SUBJECTS)]
        concepts = _concepts(data, spec, s, subject)
        _prerequisites(data, spec, s, concepts)
        _related(data, s, concepts)
        documents = _documents(data, spec, s, subject)
        _sources(data, spec, s, concepts, documents)
        _chunks(data, spec, subject, documents)
        data.courses.extend(build_courses(data, spec, s, subject, concepts, documents))
    return data


def _users(data: Dataset, spec: SeedSpec) -> None:
    people = [("admin", "admin", "Demo Administrator")]
    people += [(f"teacher{i + 1}", "teacher", f"Teacher {i + 1}") for i in range(spec.teachers)]
    people += [(f"student{i + 1}", "user", f"Student {i + 1}") for i in range(spec.students)]
    for n, (name, role, full_name) in enumerate(people):
        username = f"{data.tag}_{name}"
        data.users.append(
            UserRow(
                id=seed_id(data.tag, "user", name),
                username=username,
                email=f"{username}@example.com",
                full_name=full_name,
                role=role,
                created_at=EPOCH + timedelta(minutes=n),
            )
        )


def _concepts(data: Dataset, spec: SeedSpec, s: int, subject: Subject) -> list[ConceptRow]:
    zh = subject.language == "zh-CN"
    aspects = ASPECTS_ZH if zh else ASPECTS_EN
    areas = AREAS_ZH if zh else AREAS_EN
    round_suffix = f" {s // len(SUBJECTS) + 1}" if s >= len(SUBJECTS) else ""
    subject_name = subject.name + round_suffix
    tag_suffix = "" if data.tag == DEMO_TAG else f" [{data.tag}]"
    out = []
    for k in range(spec.concepts_per_subject):
        area = k // spec.concepts_per_area
        term = subject.terms[(k // len(aspects)) % len(subject.terms)]
        aspect = aspects[k % len(aspects)]
        title = (f"{term}：{aspect}" if zh else f"{term}: {aspect}") + (
            f" ({subject_name})" if round_suffix else ""
        )
        title += tag_suffix
        if zh:
            description = (
                f"{title}是{subject_name}（{areas[area]}）中的概念，讲解{term}的{aspect}。"
            )
        else:
            description = (
                f"{title} covers the {aspect} of {term.lower()} in {subject_name} "
                f"({areas[area].lower()})."
            )
        level = area / max(1, spec.areas - 1)
        n = len(data.concepts)
        row = ConceptRow(
            id=concept_id_for(concept_key(title), subject.language),
            index=n,
            title=title,
            description=description,
            difficulty="beginner" if level < 0.4 else "intermediate" if level < 0.8 else "advanced",
            category=subject_name,
            tags=(subject.slug, f"level-{area + 1}", "zh" if zh else "en"),
            language=subject.language,
            term=term,
            created_at=EPOCH + timedelta(minutes=n),
        )
        data.concepts.append(row)
        out.append(row)
    return out


def _prerequisites(data: Dataset, spec: SeedSpec, s: int, concepts: list[ConceptRow]) -> None:
    """Edges only from a lower to a higher index, so the graph is acyclic by construction.

    Mostly from the previous 30 concepts of the same area; sometimes from an earlier
    area of the same subject, which makes the last areas' ancestries deep.
    """
    rng = seeded_rng(data.tag, f"prerequisites:{s}")
    per_area = spec.concepts_per_area
    for k, concept in enumerate(concepts):
        area_start = (k // per_area) * per_area
        window = range(max(area_start, k - 30), k)
        picks = rng.sample(window, min(len(window), rng.randint(3, 6)))
        if area_start > 0 and rng.random() < 0.3:
            earlier = rng.randrange(0, area_start)
            picks.append(earlier)
        for p in sorted(set(picks)):
            data.prerequisites.append(
                EdgeRow(
                    source=concepts[p].id,
                    target=concept.id,
                    props={
                        "mandatory": rng.random() < 0.6,
                        "weight": round(rng.uniform(0.3, 1), 2),
                    },
                )
            )


def _related(data: Dataset, s: int, concepts: list[ConceptRow]) -> None:
    rng = seeded_rng(data.tag, f"related:{s}")
    seen: set[tuple[int, int]] = set()
    for k in range(len(concepts)):
        other = rng.randrange(len(concepts))
        pair = (min(k, other), max(k, other))
        if other == k or pair in seen:
            continue
        seen.add(pair)
        data.related.append(
            EdgeRow(
                source=concepts[k].id,
                target=concepts[other].id,
                props={
                    "type": rng.choice(("similar", "similar", "example", "opposite")),
                    "strength": round(rng.uniform(0.2, 1.0), 2),
                },
            )
        )


def _documents(data: Dataset, spec: SeedSpec, s: int, subject: Subject) -> list[DocumentRow]:
    rng = seeded_rng(data.tag, f"documents:{s}")
    teachers = [u for u in data.users if u.role == "teacher"]
    out = []
    for d in range(spec.documents_per_subject):
        kind, ext, mime, graph_type = _DOC_KINDS[d % len(_DOC_KINDS)]
        n = len(data.documents)
        created = EPOCH + timedelta(hours=n)
        roll = rng.random()
        status = (
            "completed"
            if roll < 0.9
            else "failed"
            if roll < 0.94
            else ("processing" if roll < 0.97 else "pending")
        )
        pages = rng.randint(4, 120)
        filename = f"{subject.slug}-{kind}-{s + 1:02d}-{d + 1:03d}.{ext}"
        row = DocumentRow(
            id=seed_id(data.tag, "document", s, d),
            index=n,
            user_id=teachers[(s + d) % len(teachers)].id,
            filename=filename,
            mime_type=mime,
            graph_type=graph_type,
            status=status,
            language=subject.language,
            page_count=pages,
            word_count=pages * rng.randint(250, 450),
            file_size=pages * rng.randint(20_000, 90_000),
            created_at=created,
            started_at=created + timedelta(minutes=1) if status != "pending" else None,
            completed_at=created + timedelta(minutes=rng.randint(2, 30))
            if status in ("completed", "failed")
            else None,
            error="text extraction failed: the file is encrypted" if status == "failed" else None,
            subject=subject.slug,
        )
        data.documents.append(row)
        out.append(row)
    return out


def _sources(
    data: Dataset,
    spec: SeedSpec,
    s: int,
    concepts: list[ConceptRow],
    documents: list[DocumentRow],
) -> None:
    """EXTRACTED_FROM edges and the knowledge_extractions rows that go with them."""
    rng = seeded_rng(data.tag, f"sources:{s}")
    k_docs = min(spec.sources_per_concept, len(documents))
    for i, concept in enumerate(concepts):
        for j, doc in enumerate(rng.sample(documents, k_docs)):
            page = rng.randint(1, doc.page_count)
            confidence = round(rng.uniform(0.55, 0.99), 2)
            sentences = SENTENCES_ZH if concept.language == "zh-CN" else SENTENCES_EN
            context = rng.choice(sentences).format(c=concept.title, s=concept.category, n=page)
            data.sources.append(SourceRow(concept, doc, page, confidence, context))
            doc.concepts.append(concept)
            found: list[tuple[str, str, str | None]] = [("concept", concept.title, context)]
            if j == 0:  # the best source also yields the definition, sometimes an example
                found.append(("definition", concept.description, None))
                if i % 4 == 0:
                    example = rng.choice(sentences).format(c=concept.title, s=concept.category, n=i)
                    found.append(("example", example, None))
            for kind, content, where in found:
                data.extractions.append(
                    Extraction(
                        id=seed_id(data.tag, "extraction", concept.id, doc.id, kind),
                        document_id=doc.id,
                        extraction_type=kind,
                        content=content,
                        context=where,
                        page_number=page,
                        confidence=Decimal(str(confidence)),
                        neo4j_node_id=str(concept.id),
                        created_at=doc.created_at + timedelta(minutes=5),
                    )
                )


def _chunks(data: Dataset, spec: SeedSpec, subject: Subject, documents: list[DocumentRow]) -> None:
    zh = subject.language == "zh-CN"
    sentences = SENTENCES_ZH if zh else SENTENCES_EN
    joiner = "" if zh else " "
    for doc in documents:
        rng = seeded_rng(data.tag, f"chunks:{doc.id}")
        topics = [c.title for c in doc.concepts] or list(subject.terms)
        for index in range(spec.chunks_per_document):
            parts = []
            for _ in range(rng.randint(4, 7)):
                concept = topics[rng.randrange(len(topics))]
                template = sentences[rng.randrange(len(sentences))]
                parts.append(template.format(c=concept, s=subject.name, n=index + 1))
            page = 1 + index * doc.page_count // spec.chunks_per_document
            data.chunks.append(ChunkText(doc.id, index, page, joiner.join(parts), doc.language))
