"""Demo courses: a window of a subject's concepts packed into weeks, with objectives,
linked documents and question-answer pairs."""

# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from gateway.seed.records import (
    EPOCH,
    ConceptRow,
    CourseLink,
    CourseRow,
    DocumentRow,
    Objective,
    Placement,
    Question,
    seed_id,
    seeded_rng,
)
from gateway.seed.vocab import BLOOM_VERBS, BLOOM_VERBS_ZH, Subject

if TYPE_CHECKING:
    from gateway.seed.data import Dataset, SeedSpec

AUDIENCES = ("undergraduate", "graduate", "high school", "professional")
MINUTES = (30, 45, 60, 60, 75, 90, 120)


def build_courses(
    data: Dataset,
    spec: SeedSpec,
    s: int,
    subject: Subject,
    concepts: list[ConceptRow],
    documents: list[DocumentRow],
) -> list[CourseRow]:
    rng = seeded_rng(data.tag, f"courses:{s}")
    teachers = [u for u in data.users if u.role == "teacher"]
    zh = subject.language == "zh-CN"
    out: list[CourseRow] = []
    for c in range(spec.courses_per_subject):
        n = rng.randint(*spec.course_concepts)
        start = rng.randrange(0, max(1, len(concepts) - n))
        chosen = concepts[start : start + n]
        weeks = min(len(chosen), rng.randint(4, 12))
        hours = rng.randint(2, 6)
        placements = _placements(chosen, weeks)
        first, last = chosen[0], chosen[-1]
        course_id = seed_id(data.tag, "course", s, c)
        title = (
            f"{subject.name}（{c + 1}）：从{first.term}到{last.term}"
            if zh
            else f"{subject.name} {c + 1}: {first.term} to {last.term}"
        )
        description = (
            f"本课程用{weeks}周讲解{len(chosen)}个概念，从{first.title}到{last.title}。"
            if zh
            else f"{len(chosen)} concepts over {weeks} weeks, from {first.title} to {last.title}."
        )
        roll = c % 2 == 0 or rng.random() < 0.05
        status = "published" if roll else rng.choice(("draft", "draft", "archived"))
        created = EPOCH + timedelta(days=len(data.courses) + len(out), hours=s)
        objectives = _objectives(data.tag, course_id, chosen, zh)
        links = _links(rng, documents)
        by_id = {d.id: d for d in documents}
        out.append(
            CourseRow(
                id=course_id,
                user_id=teachers[(s * spec.courses_per_subject + c) % len(teachers)].id,
                title=title,
                description=description,
                target_audience=rng.choice(AUDIENCES),
                difficulty_level=first.difficulty,
                duration_weeks=weeks,
                hours_per_week=hours,
                language=subject.language,
                status=status,
                outline=_outline(description, placements, hours),
                learning_objectives=[
                    {
                        "description": o.description,
                        "bloom_level": o.bloom_level,
                        "measurable": o.measurable,
                    }
                    for o in objectives
                ],
                prerequisites=[p.title for p in concepts[max(0, start - 3) : start]],
                assessment_methods=[
                    {
                        "type": "quiz",
                        "title": "Weekly quizzes",
                        "description": "Short checks",
                        "week": None,
                        "weight": 0.3,
                    },
                    {
                        "type": "project",
                        "title": "Project",
                        "description": "Apply the ideas",
                        "week": weeks,
                        "weight": 0.4,
                    },
                    {
                        "type": "exam",
                        "title": "Final exam",
                        "description": "Written exam",
                        "week": weeks,
                        "weight": 0.3,
                    },
                ],
                resources=[
                    {
                        "title": by_id[link.document_id].filename,
                        "type": "document",
                        "url": None,
                        "document_id": str(link.document_id),
                        "pages": [1, 2, 3],
                    }
                    for link in links[:3]
                ],
                metadata={"seed": data.tag, "subject": subject.slug},
                published_at=created + timedelta(days=3) if status == "published" else None,
                created_at=created,
                placements=placements,
                objectives=objectives,
                documents=links,
                questions=_questions(data.tag, course_id, chosen, zh),
            )
        )
    return out


def _placements(chosen: list[ConceptRow], weeks: int) -> list[Placement]:
    out: list[Placement] = []
    order_in_week: dict[int, int] = {}
    for j, concept in enumerate(chosen):
        week = 1 + j * weeks // len(chosen)
        order_in_week[week] = order_in_week.get(week, 0) + 1
        minutes = MINUTES[(concept.index + j) % len(MINUTES)]
        out.append(Placement(concept, week, order_in_week[week], minutes))
    return out


def _outline(summary: str, placements: list[Placement], hours: int) -> dict[str, object]:
    weeks: dict[int, list[Placement]] = {}
    for p in placements:
        weeks.setdefault(p.week, []).append(p)
    return {
        "summary": summary,
        "weeks": [
            {
                "week": week,
                "title": group[0].concept.title,
                "topics": [p.concept.title for p in group],
                "concept_ids": [str(p.concept.id) for p in group],
                "hours": hours,
            }
            for week, group in sorted(weeks.items())
        ],
    }


def _objectives(tag: str, course_id: UUID, chosen: list[ConceptRow], zh: bool) -> list[Objective]:
    levels = list(BLOOM_VERBS)
    count = 3 + len(chosen) % 4
    out = []
    for k in range(count):
        level = levels[(k * 2 + len(chosen)) % len(levels)]
        concept = chosen[(k * len(chosen)) // count]
        verb = BLOOM_VERBS_ZH[level] if zh else BLOOM_VERBS[level][k % 3]
        description = f"{verb}{concept.title}" if zh else f"{verb} {concept.title.lower()}"
        out.append(
            Objective(
                id=seed_id(tag, "objective", course_id, k),
                description=description,
                bloom_level=level,
                measurable=level != "understand",
                priority=k + 1,
            )
        )
    return out


def _links(rng: random.Random, documents: list[DocumentRow]) -> list[CourseLink]:
    k = min(len(documents), rng.randint(5, 15) if len(documents) >= 15 else rng.randint(2, 5))
    picked = rng.sample(documents, k)
    return [
        CourseLink(
            document_id=d.id,
            relevance_score=Decimal(str(round(rng.uniform(0.3, 1.0), 2))),
            usage_type="primary" if i == 0 else rng.choice(("reference", "supplementary")),
        )
        for i, d in enumerate(picked)
    ]


def _questions(tag: str, course_id: UUID, chosen: list[ConceptRow], zh: bool) -> list[Question]:
    out = []
    for k in range(3):
        concept = chosen[(k * 7) % len(chosen)]
        question = f"什么是{concept.title}？" if zh else f"What is {concept.title.lower()}?"
        out.append(
            Question(
                id=seed_id(tag, "qa", course_id, k),
                question=question,
                answer=concept.description,
                topic=concept.title,
            )
        )
    return out
