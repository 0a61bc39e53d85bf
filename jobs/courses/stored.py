"""A CoursePlan as what the stores keep: the course write unit and the QA vectors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from datasources.course_plans import CourseLink, GenerationRequest, PlanWrite
from datasources.embeddings import Embedder
from datasources.embeddings.text import qa_text
from datasources.neo4j.bulk import Achieves, Contains, ObjectiveNode
from datasources.vectors import QARecord
from jobs.planning.result import CoursePlan, Report, plain

REPORT_ITEMS = 50  # per list in courses.metadata; the counts say how many there were


def report_summary(report: Report) -> dict[str, Any]:
    """The planner's report with each list cut to REPORT_ITEMS (a large graph can leave
    thousands of concepts out), and the full counts."""
    full = plain(report)
    out: dict[str, Any] = {}
    for key, value in full.items():
        if isinstance(value, list):
            out[key] = value[:REPORT_ITEMS]
            out[f"{key}_count"] = len(value)
        else:
            out[key] = value
    return out


def plan_write(
    course_id: UUID,
    plan: CoursePlan,
    *,
    task_id: UUID,
    request: GenerationRequest,
    rewritten: Mapping[str, Any] | None,
) -> PlanWrite:
    return PlanWrite(
        columns=plan.columns(),
        generation={
            "task_id": str(task_id),
            "generated_at": datetime.now(UTC).isoformat(),
            "request": request.to_json(),
            "report": report_summary(plan.report),
            "questions": len(plan.questions),
            "rewritten": dict(rewritten) if rewritten else None,
        },
        links=[
            CourseLink(UUID(d.document_id), Decimal(d.relevance_score), d.usage_type)
            for d in plan.course_documents
        ],
        placements=[
            Contains(course_id, UUID(p.concept_id), p.week, p.order, p.duration_minutes)
            for p in plan.placements
        ],
        objectives=[
            ObjectiveNode(UUID(o.id), o.description, o.bloom_level, o.measurable)
            for o in plan.objectives
        ],
        achievements=[Achieves(course_id, UUID(o.id), o.priority) for o in plan.objectives],
    )


async def qa_records(course_id: UUID, plan: CoursePlan, embedder: Embedder) -> Sequence[QARecord]:
    """The course's QuestionAnswer objects, embedded from question and answer; a pair
    with nothing embeddable (punctuation only) is left out rather than stored as zeros."""
    questions = plan.questions
    vectors = await embedder.embed([qa_text(q.question, q.answer) for q in questions])
    return [
        QARecord(
            id=UUID(q.id),
            question=q.question,
            answer=q.answer,
            course_id=course_id,
            difficulty=q.difficulty,
            topic=q.topic,
            vector=vector,
        )
        for q, vector in zip(questions, vectors, strict=True)
        if any(vector)
    ]
