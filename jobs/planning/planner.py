"""plan_course: the whole deterministic course plan from the graph, no store access."""

from __future__ import annotations

from collections import Counter

from jobs.planning.assessments import assessments
from jobs.planning.errors import InvalidBudget, NoConcepts
from jobs.planning.graph import CourseGraph
from jobs.planning.inputs import (
    DIFFICULTIES,
    ConceptInput,
    CourseRequest,
    DocumentInput,
    PlanningInput,
)
from jobs.planning.objectives import course_objectives
from jobs.planning.ordering import Ordering, order_concepts
from jobs.planning.outline import OutlineInputs, build_weeks
from jobs.planning.packing import Packing, pack
from jobs.planning.prerequisites import course_prerequisites
from jobs.planning.questions import questions
from jobs.planning.result import CoursePlan, LeftOut, Report
from jobs.planning.selection import (
    Selection,
    candidates,
    course_parts,
    score_concepts,
    select,
)
from jobs.planning.sources import (
    Pages,
    course_documents,
    course_title,
    document_name,
    resources,
)
from jobs.planning.timing import concept_minutes, paced
from jobs.planning.validation import validate
from jobs.planning.wording import is_chinese, join, phrase, traditional_wording

PLANNING_ROUNDS = 4
# the share of the chosen concepts, best-scored first, that packing's leftovers never
# refuse (`_best_chosen`)
BEST_CHOSEN = 0.1
# concept_minutes' own ceiling before pacing: its parts add up to well under this.
MAX_CONCEPT_MINUTES = 24 * 60
MAX_TITLE = 500  # courses.title is VARCHAR(500); a document title may be as long


def plan_course(data: PlanningInput) -> CoursePlan:
    """Raises a PlanningError subclass for input that cannot make a course."""
    validate(data)
    request = data.request
    graph = CourseGraph.build(data)
    mentioned = [c for c in graph.concepts if graph.mentioned(c)]
    if not mentioned and not request.focus_concept_ids:
        raise NoConcepts("the chosen documents have no concepts yet", field="documentIds")
    excluded = set(request.exclude_concept_ids)
    if not request.focus_concept_ids and all(c in excluded for c in mentioned):
        raise NoConcepts("every concept of the documents is excluded", field="excludeConceptIds")

    language = request.language or _documents_language(data)
    week_minutes = request.hours_per_week * 60
    # Full teaching time, paced down when the documents hold more than the budget, then
    # capped at one week (pacing first: a concept longer than a week stays the longest).
    full = {c.id: concept_minutes(c, week_minutes=MAX_CONCEPT_MINUTES) for c in data.concepts}
    teachable = [c for c in mentioned if c not in excluded]
    budget = week_minutes * request.duration_weeks
    minutes = {c: min(m, week_minutes) for c, m in paced(full, teachable, budget).items()}
    scores = score_concepts(graph, request)
    selection, ordering, packing = _schedule(graph, request, minutes, scores)
    placed = [c for week in packing.weeks for c in week]
    if not placed:
        raise InvalidBudget(
            f"{request.duration_weeks} weeks of {request.hours_per_week} hours hold no concept "
            "with its prerequisites: allow more hours",
            field="hoursPerWeek",
        )

    chosen_documents = sorted(
        (d for d in data.documents if d.id in graph.document_order),
        key=lambda d: graph.document_order[d.id],
    )
    pages = Pages(chosen_documents)
    page_refs = {c: pages.of(graph.concepts[c]) for c in placed}
    placed_concepts = [graph.concepts[c] for c in placed]
    course_language = language
    language = traditional_wording(language, [c.title for c in placed_concepts])
    goals = course_objectives(data.course_id, placed_concepts, scores, language=language)
    weeks = build_weeks(
        packing.weeks,
        OutlineInputs(
            course_id=data.course_id,
            language=language,
            graph=graph,
            ordering=ordering,
            minutes=minutes,
            pages=page_refs,
            review_title=phrase(language, "review_title"),
            course_objectives=goals,
        ),
    )
    links = course_documents(chosen_documents, placed_concepts)
    titles = {c: graph.concepts[c].title for c in placed}
    title, description = _title_and_description(
        data,
        language,
        chosen_documents,
        [titles[s.concept_id] for w in weeks for s in w.slots],
    )
    prerequisites, assumed = course_prerequisites(graph, placed, excluded)
    left_out = [
        *(
            LeftOut(c, graph.concepts[c].title, "course_name", min(full[c], week_minutes))
            for c in sorted(graph.course_names, key=lambda c: graph.concepts[c].title)
        ),
        *selection.left_out,
        *(LeftOut(c, graph.concepts[c].title, why, minutes[c]) for c, why in packing.left_out),
    ]
    return CoursePlan(
        title=title,
        description=description,
        language=course_language,
        target_audience=request.target_audience,
        difficulty_level=request.difficulty_level or _usual_difficulty(placed_concepts),
        duration_weeks=request.duration_weeks,
        hours_per_week=request.hours_per_week,
        weeks=tuple(weeks),
        learning_objectives=tuple(goals),
        prerequisites=tuple(prerequisites),
        assessment_methods=tuple(
            assessments(data.course_id, weeks, goals, titles, language=language)
        ),
        resources=tuple(resources(chosen_documents, page_refs.values())),
        course_documents=tuple(links),
        questions=tuple(questions(data.course_id, weeks, graph.concepts, pages, language=language)),
        report=Report(
            broken_cycles=ordering.broken,
            left_out=tuple(left_out),
            prerequisites_added=selection.prerequisites_added,
            pages_out_of_range=pages.report(),
            planned_minutes=sum(w.minutes for w in weeks),
            available_minutes=week_minutes * request.duration_weeks,
            vocabulary_assumed=tuple(assumed),
        ),
    )


def _schedule(
    graph: CourseGraph,
    request: CourseRequest,
    minutes: dict[str, int],
    scores: dict[str, float],
) -> tuple[Selection, Ordering, Packing]:
    """Select, order and pack; again, up to PLANNING_ROUNDS times, while packing leaves
    concepts out (weeks fill unevenly, so the budget can allow more than fits).

    Next round, ordinary concepts that did not fit are refused, so their minutes go to
    concepts that do; when a focus concept, a concept of a whole book's chapter, or one
    of the best-scored chosen (`_best_chosen`) did not fit, the budget shrinks instead,
    so weaker concepts make room for it.
    """
    week_minutes = request.hours_per_week * 60
    budget = week_minutes * request.duration_weeks
    refused: dict[str, str] = {}
    # A whole book's concepts (`selection.course_parts`): packing leaves out the last in
    # teaching order, which are the last chapters'; refused, their minutes went to the
    # early chapters' and the next round cut the book shorter still. The budget shrinks
    # instead, so every chapter's share does.
    # Parts of every concept the documents mention, the excluded ones too, unlike the
    # selection's (`offered.parts`): without them a book's chapters can come out fewer or
    # one heading deeper, and other concepts would count as a chapter's
    parts = course_parts(graph, [c for c in graph.concepts if graph.mentioned(c)])
    chaptered = {c for c, (_, chapter) in parts.items() if chapter}
    offered = candidates(graph, request, scores)  # ranked and parted once, not every round
    for _ in range(PLANNING_ROUNDS):
        selection = select(graph, request, minutes, offered, budget=budget, refused=refused)
        ordering = order_concepts(graph, selection.chosen)
        packing = pack(
            ordering.order,
            minutes,
            ordering.requires,
            ordering.advised,
            weeks=request.duration_weeks,
            week_minutes=week_minutes,
        )
        if not packing.left_out:
            break
        best = _best_chosen(offered.ranked, selection.chosen)
        for concept, reason in packing.left_out:
            if concept in selection.focused or concept in chaptered or concept in best:
                budget -= minutes[concept]
            else:
                refused[concept] = reason
    return selection, ordering, packing


def _best_chosen(ranked: list[str], chosen: frozenset[str]) -> frozenset[str]:
    """The best-scored tenth (`BEST_CHOSEN`) of the chosen concepts.

    Packing leaves out the last concepts in teaching order whatever their score: refused,
    a short document's main topic met in its last section (a notebook's gradient boosting,
    its best concept but one) gave its minutes to weaker ones and was never taught. Such a
    concept keeps its place and the budget shrinks instead, so the weakest chosen concepts
    make room for it; any other is refused as before (its minutes go to concepts near its
    score). A quarter cost a four-chapter book's course two key concepts (eval.course).
    """
    order = [c for c in ranked if c in chosen]
    return frozenset(order[: int(len(order) * BEST_CHOSEN)])


def _documents_language(data: PlanningInput) -> str:
    """The language most chosen documents are in; the first document's on a tie."""
    languages = [d.language for d in data.documents if d.id in data.request.document_ids]
    counts = Counter(languages)
    return max(languages, key=lambda lang: counts[lang])


def _usual_difficulty(concepts: list[ConceptInput]) -> str:
    counts = Counter(c.difficulty for c in concepts)
    return max(DIFFICULTIES, key=lambda d: (counts[d], -DIFFICULTIES.index(d)))


def _title_and_description(
    data: PlanningInput,
    language: str,
    documents: list[DocumentInput],
    taught: list[str],
) -> tuple[str, str]:
    """The teacher's title, else one from the documents' (`sources.course_title`); a
    description from the plan."""
    names = [document_name(d) for d in documents]
    title = data.request.title or course_title(names, chinese=is_chinese(language))
    title = title[:MAX_TITLE].rstrip()
    description = phrase(
        language,
        "description",
        weeks=data.request.duration_weeks,
        count=len(taught),
        first=taught[0],
        last=taught[-1],
        documents=join(language, names, limit=3),
    )
    return title, description
