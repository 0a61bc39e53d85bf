"""Synthetic knowledge graphs for the planning benchmark and the large-input tests.

`documents` documents of `per_document` concepts each (100 by default, so 50
documents make the 5,000 concepts of the target); four PREREQUISITE edges per
concept (20,000 for 50 documents), mostly pointing from earlier concepts to later
ones, a few pointing back so the planner has cycles to break; one RELATES_TO edge
per concept. Seeded, so every run plans the same graph.
"""

from __future__ import annotations

import random

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

DIFFICULTY = ("beginner", "intermediate", "advanced")


def synthetic_input(
    documents: int,
    *,
    per_document: int = 100,
    edges_per_concept: int = 4,
    backward_share: float = 0.002,
    weeks: int = 12,
    hours_per_week: int = 6,
    seed: int = 12,
    chinese: bool = False,
) -> PlanningInput:
    rng = random.Random(seed)  # noqa: S311 - a reproducible graph, not a secret
    language = "zh-CN" if chinese else "en"
    volume, concept = ("第{n}卷", "概念{n}") if chinese else ("Volume {n}", "Concept {n}")
    docs = tuple(
        DocumentInput(
            f"doc-{d:03d}", volume.format(n=d + 1), f"volume-{d + 1}.pdf", language, 300, d
        )
        for d in range(documents)
    )
    total = documents * per_document
    concepts = []
    for i in range(total):
        doc = docs[i // per_document]
        position = i % per_document
        page = 1 + position * 3
        extractions = tuple(
            Extraction(kind, f"{kind} {j} of concept {i}", doc.id, page)  # type: ignore[arg-type]
            for j, kind in enumerate(("definition", "example", "formula"))
            if rng.random() < (0.9, 0.5, 0.3)[j]
        )
        concepts.append(
            ConceptInput(
                id=f"c-{i:05d}",
                title=concept.format(n=i),
                language=language,
                difficulty=DIFFICULTY[min(2, position * 3 // per_document)],  # type: ignore[arg-type]
                description=f"What concept {i} means.",
                mentions=(Mention(doc.id, page, round(rng.uniform(0.5, 1.0), 2), position),),
                extractions=extractions,
                text_volume=rng.randint(100, 3000),
            )
        )
    edges: set[tuple[int, int]] = set()
    while len(edges) < total * edges_per_concept:
        b = rng.randrange(1, total)
        a = rng.randrange(max(0, b - 300), b)
        if rng.random() < backward_share:
            a, b = b, a
        edges.add((a, b))
    prerequisites = tuple(
        PrerequisiteInput(f"c-{a:05d}", f"c-{b:05d}", rng.random() < 0.6, round(rng.random(), 2))
        for a, b in sorted(edges)
    )
    relations = tuple(
        RelationInput(f"c-{i:05d}", f"c-{rng.randrange(total):05d}", "similar", 0.5)
        for i in range(total)
    )
    return PlanningInput(
        course_id="00000000-0000-4000-8000-00000000be0c",
        request=CourseRequest(
            document_ids=tuple(d.id for d in docs),
            duration_weeks=weeks,
            hours_per_week=hours_per_week,
        ),
        documents=docs,
        concepts=tuple(concepts),
        prerequisites=prerequisites,
        relations=relations,
    )
