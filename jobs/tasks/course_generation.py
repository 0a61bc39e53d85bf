"""The course_generation job: read the graph, plan, write the course, store its questions.

Payload `{"course_id", "request"}` (datasources/course_plans.GenerationRequest). Steps,
each published as progress on `pubsub:course_generation:{course_id}`:

1. reading   the documents (PostgreSQL), the graph (Neo4j) and the extractions
2. planning  plan_course (pure; in a thread, so the worker keeps answering)
3. rewriting only with CHAT_PROVIDER set; any failure keeps the planner's text
4. writing   the course in one unit (PostgreSQL commits after Neo4j succeeded)
5. questions the QuestionAnswer set in the vector index, replaced

Nothing is written before step 4, so a failure before it leaves the course as it was;
step 4 is all or nothing; step 5 runs after it and is retried with the job (the same
ids, so a rerun overwrites). Running the job twice stores the same course.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from datasources.course_plans import GenerationRequest
from datasources.postgres.base import SYSTEM_VIEWER
from datasources.postgres.records import DocumentRecord
from jobs.courses.inputs import planning_input
from jobs.courses.rewrite import rewrite_plan
from jobs.courses.stored import plan_write, qa_records, report_summary
from jobs.planning import CoursePlan, PlanningError, plan_course
from jobs.tasks.lifecycle import JobFailed, TaskRun


def _document_problems(
    request: GenerationRequest, found: dict[UUID, DocumentRecord], owner: UUID, admin: bool
) -> str | None:
    """Why the documents cannot make this course now (they may have changed since the
    request was accepted), or None."""
    problems = []
    for raw in request.document_ids:
        document = found.get(UUID(raw))
        if document is None or (document.user_id != owner and not admin):
            problems.append(f"{raw}: no such document")
        elif document.status == "deleted":
            problems.append(f"{document.original_filename} ({raw}): deleted")
        elif document.status != "completed":
            problems.append(f"{document.original_filename} ({raw}): {document.status}")
    return "documents not usable: " + "; ".join(problems) if problems else None


async def generate(run: TaskRun) -> dict[str, Any]:
    stores, task = run.stores, run.task
    try:
        course_id = UUID(str(task.payload["course_id"]))
        request = GenerationRequest.from_json(task.payload.get("request"))
    except (KeyError, ValueError) as exc:
        raise JobFailed(f"malformed task payload: {exc}") from None

    await run.progress("reading", 5, "reading the documents and the knowledge graph")
    ids = [UUID(i) for i in request.document_ids]
    found = await stores.documents.by_ids(
        ids,
        viewer=SYSTEM_VIEWER,  # the job checks ownership itself, below
        include_deleted=True,
    )
    owner = await stores.users.by_ids([task.user_id])
    admin = task.user_id in owner and owner[task.user_id].role == "admin"
    problem = _document_problems(request, found, task.user_id, admin)
    if problem is not None:
        raise JobFailed(problem, stage="reading")
    graph = await stores.planning.read(request.document_ids, request.focus_concept_ids)
    extractions = await stores.documents.extractions(ids, extraction_type=None)

    await run.progress("planning", 30, f"planning from {len(graph.concepts)} concepts")
    data = planning_input(course_id, request, list(found.values()), graph, extractions)
    try:
        plan: CoursePlan = await asyncio.to_thread(plan_course, data)
    except PlanningError as exc:
        field = f" (field {exc.field})" if exc.field else ""
        raise JobFailed(f"{exc.code}: {exc}{field}", stage="planning") from None

    rewritten = None
    if stores.chat is not None:
        await run.progress("rewriting", 55, "rewording with the chat model")
        plan, reworded = await rewrite_plan(
            plan, stores.chat, deadline_seconds=run.settings.chat.timeout_seconds * 2
        )
        rewritten = {"model": run.settings.chat.model, "asked": reworded.asked,
                     "accepted": reworded.accepted, "error": reworded.error}  # fmt: skip

    await run.progress(
        "writing", 70, f"writing {len(plan.placements)} concepts in {len(plan.weeks)} weeks"
    )
    write = plan_write(course_id, plan, task_id=task.id, request=request, rewritten=rewritten)
    if await stores.plans.write(course_id, write) is None:
        raise JobFailed("the course was deleted while it was being generated", stage="writing")

    await run.progress("questions", 85, f"storing {len(plan.questions)} questions")
    records = await qa_records(course_id, plan, stores.embedder)
    await stores.vectors.replace_course_qa(course_id, records)

    report = report_summary(plan.report)
    return {
        "course_id": str(course_id),
        "title": plan.title,
        "weeks": len(plan.weeks),
        "concepts": len(plan.placements),
        "objectives": len(plan.objectives),
        "questions": len(records),
        "planned_minutes": plan.report.planned_minutes,
        "available_minutes": plan.report.available_minutes,
        "left_out": report["left_out_count"],
        "broken_cycles": report["broken_cycles_count"],
        "graph_statements": graph.statements,
        "rewritten": rewritten,
    }
