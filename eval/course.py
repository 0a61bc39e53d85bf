"""`make eval-course`: courses planned from the evaluation chapters, judged.

Per language, every chapter of eval/judged is analysed in process (as `make eval`) and
stored in one in-memory graph the way the document job stores it (eval/course_graph.py:
shared concept nodes, cross-document links, the cycle guard), in the order cross-chapter
pairs need. Then courses are planned by the real job's input builder
(jobs/courses/inputs.planning_input) and planner (jobs/planning), no stores needed:

- one course per chapter: 2 weeks of 3 hours (COURSE_BUDGET);
- one course per book, its chapters together: 4 weeks of 6 hours (BOOK_BUDGET).

Both budgets are shorter than what the chapters hold, so the planner has to choose.
Scored per (course, chapter), totalled per language and split (tuned / held-out):

- key: share of the judged key concepts the graph holds (found by the extractor among
  the course documents' concepts) that the course teaches; `weighted`: the same with each
  judged concept weighted by 1 + the number of judged pairs it is part of (the chapter's
  main topics count more); `minutes`: share of the course's minutes on judged concepts;
- pairs: judged prerequisite pairs taught in the right order, among pairs whose two
  concepts the course teaches (cross-chapter pairs too, in book courses);
- violations: a taught concept before one of its mandatory prerequisites (an edge of the
  planning input that the plan did not report as broken), or whose mandatory prerequisite
  is neither taught nor listed as a course prerequisite nor reported as vocabulary the
  course assumes (`report.vocabulary_assumed`: everyday words) (must be 0);
- over: weeks longer than their hours (must be 0);
- objectives: with a Bloom level and a measurable verb of that level in the course
  language (MEASURABLE), starting the sentence (English) or in it (Chinese, where an
  adverbial may come first), Chinese text in a Chinese course (must be all);
- pages: resources' and concepts' pages within their document (must be all);
- placed: concepts taught; brought: course prerequisites (mandatory, not taught).

Exit status 1 when a must fails. Analyses are cached in .cache/eval-course (keyed by the
chapter text and the pipeline's source), so re-runs after a planner change take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from datasources.course_plans import GenerationRequest
from eval import corpus
from eval.course_graph import EVAL_NAMESPACE, StoredGraph
from eval.judged import Chapter, chapters, load, match_form
from eval.run import LANGUAGES, _in_order, pct
from jobs.courses.inputs import planning_input
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import Analysis
from jobs.planning import CoursePlan, PlanningInput, plan_course

CACHE = Path(".cache/eval-course")
PIPELINE = Path(__file__).resolve().parent.parent / "jobs" / "pipeline"
CONCEPT_KEYS = PIPELINE.parent.parent / "datasources" / "concept_keys.py"  # keys shape analyses
COURSE_BUDGET = (2, 3)  # weeks, hours per week: one chapter
BOOK_BUDGET = (4, 6)  # the chapters of one book together
BLOOM = ("remember", "understand", "apply", "analyze", "evaluate", "create")
# Measurable verbs per Bloom level (Anderson & Krathwohl), written apart from the
# planner's wording so the check is independent of it.
MEASURABLE = {
    "en": {
        "remember": {"define", "list", "recall", "name", "state", "identify"},
        "understand": {"explain", "describe", "summarise", "summarize", "classify", "compare"},
        "apply": {"apply", "compute", "calculate", "solve", "use", "implement", "demonstrate"},
        "analyze": {"analyse", "analyze", "compare", "differentiate", "examine", "contrast"},
        "evaluate": {"evaluate", "justify", "assess", "judge", "critique", "argue"},
        "create": {"design", "construct", "create", "develop", "formulate", "build"},
    },
    "zh": {
        "remember": {"说出", "列举", "复述", "识别", "写出"},
        "understand": {"解释", "描述", "概括", "说明", "归纳"},
        "apply": {"运用", "计算", "求解", "使用", "应用", "实现"},
        "analyze": {"分析", "比较", "区分", "辨析"},
        "evaluate": {"评价", "评估", "判断", "论证"},
        "create": {"设计", "构建", "创建", "编写"},
    },
}
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(slots=True)
class Score:
    judged: int = 0  # judged key concepts with a name in this language
    found: int = 0  # ... that the graph holds among the course documents' concepts
    included: int = 0  # ... that the course teaches
    weight_found: int = 0
    weight_included: int = 0
    minutes: int = 0  # the course's minutes (counted once per course)
    key_minutes: int = 0  # ... on judged key concepts
    pairs: int = 0  # judged pairs whose two concepts the course teaches
    right: int = 0
    violations: int = 0
    weeks: int = 0
    over: int = 0
    objectives: int = 0
    objectives_ok: int = 0
    pages: int = 0
    pages_ok: int = 0
    placed: int = 0
    brought: int = 0  # course prerequisites: mandatory, not taught (mostly other documents')
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in Score.__dataclass_fields__:
            if name not in ("missed", "wrong"):
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True, slots=True)
class Course:
    name: str
    chapters: tuple[str, ...]
    weeks: int
    hours: int


def courses(names: list[str]) -> list[Course]:
    out = [Course(n, (n,), *COURSE_BUDGET) for n in names]
    books: dict[str, list[str]] = {}
    for name in names:
        books.setdefault(name.split("-")[0], []).append(name)
    out += [Course(f"{b} (book)", tuple(c), *BOOK_BUDGET) for b, c in books.items() if len(c) > 1]
    return out


def analysed(name: str, language: str) -> Analysis:
    """analyse_file on the chapter, cached by its text and the pipeline's source."""
    path = corpus.require(name, language)
    digest = hashlib.sha256(path.read_bytes())
    for source in [*sorted(PIPELINE.rglob("*.py")), CONCEPT_KEYS]:
        digest.update(source.read_bytes())
    cached = CACHE / f"{name}.{language}.{digest.hexdigest()[:16]}.pickle"
    if cached.exists():
        analysis: Analysis = pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache
        return analysis
    analysis = analyse_file(path, language=LANGUAGES[language])  # type: ignore[arg-type]
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"{name}.{language}.*.pickle"):
        old.unlink()
    cached.write_bytes(pickle.dumps(analysis))
    return analysis


def build_graph(language: str, names: list[str], *, stored_order: bool = True) -> StoredGraph:
    graph = StoredGraph(stored_order=stored_order)
    for name in names:
        graph.add(name, analysed(name, language), title=name)
    return graph


def planning(graph: StoredGraph, course: Course, language: str) -> PlanningInput:
    documents = [str(graph.names[c]) for c in course.chapters]
    request = GenerationRequest(tuple(documents), course.weeks, course.hours)
    course_id = uuid.uuid5(EVAL_NAMESPACE, f"{language}:{course.name}")
    records = [graph.documents[graph.names[c]] for c in course.chapters]
    extractions = {graph.names[c]: graph.extractions[graph.names[c]] for c in course.chapters}
    return planning_input(course_id, request, records, graph.read(documents), extractions)


def score_course(
    data: PlanningInput,
    plan: CoursePlan,
    course: Course,
    language: str,
    judged: Callable[[str], Chapter] = load,
) -> dict[str, Score]:
    """One Score per chapter of the course; course-wide checks go to the first chapter.
    `judged` reads a chapter's judged set by name (eval/judged by default)."""
    order = [s.concept_id for w in plan.weeks for s in w.slots]
    position = {c: i for i, c in enumerate(order)}
    minutes = {s.concept_id: s.minutes for w in plan.weeks for s in w.slots}
    titles = {c.id: c.title for c in data.concepts}
    by_document: dict[str, dict[str, str]] = {}
    for concept in data.concepts:
        for mention in concept.mentions:
            index = by_document.setdefault(mention.document_id, {})
            index.setdefault(match_form(concept.title), concept.id)
    document_of = dict(zip(course.chapters, data.request.document_ids, strict=True))
    out: dict[str, Score] = {}
    key_ids: set[str] = set()
    for name in course.chapters:
        chapter = judged(name)
        score = out[name] = Score()
        found = _found(chapter, language, by_document.get(document_of[name], {}))
        weight = _weights(chapter)
        for key in chapter.concepts:
            if not chapter.names(key, language):
                continue
            score.judged += 1
            if key not in found:
                continue
            score.found += 1
            score.weight_found += weight[key]
            key_ids.add(found[key])
            if found[key] in position:
                score.included += 1
                score.weight_included += weight[key]
            else:
                score.missed.append(chapter.names(key, language)[0])
        for a, b in chapter.pairs:
            ka = _resolve(a, found, language, course, (by_document, document_of), judged)
            kb = found.get(b)
            if ka is None or kb is None or ka == kb or ka not in position or kb not in position:
                continue
            score.pairs += 1
            if position[ka] < position[kb]:
                score.right += 1
            else:
                score.wrong.append(f"{titles[kb]} before {titles[ka]}")
    first = out[course.chapters[0]]
    first.placed = len(order)
    first.brought = len(plan.prerequisites)
    first.minutes = sum(minutes.values())
    first.key_minutes = sum(m for c, m in minutes.items() if c in key_ids)
    first.violations = _violations(data, plan, position)
    first.weeks = len(plan.weeks)
    first.over = sum(1 for w in plan.weeks if w.minutes > course.hours * 60)
    first.objectives = len(plan.objectives)
    first.objectives_ok = sum(
        1 for o in plan.objectives if _measurable(o.bloom_level, o.verb, o.description, language)
    )
    first.pages, first.pages_ok = _pages(data, plan)
    return out


def _found(chapter: Chapter, language: str, index: dict[str, str]) -> dict[str, str]:
    """judged concept id -> concept id, among one document's concepts."""
    out = {}
    for judged in chapter.concepts:
        for name in chapter.names(judged, language):
            if match_form(name) in index:
                out[judged] = index[match_form(name)]
                break
    return out


def _weights(chapter: Chapter) -> dict[str, int]:
    """1 + the judged pairs a concept is part of: the chapter's main topics count more."""
    weight = dict.fromkeys(chapter.concepts, 1)
    for a, b in chapter.pairs:
        for end in (a, b):
            if end in weight:
                weight[end] += 1
    return weight


def _resolve(
    end: str,
    found: dict[str, str],
    language: str,
    course: Course,
    indexes: tuple[dict[str, dict[str, str]], dict[str, str]],
    judged: Callable[[str], Chapter],
) -> str | None:
    """The concept id of a pair's end; `chapter:id` only when that chapter is in the course."""
    if ":" not in end:
        return found.get(end)
    other, concept = end.split(":", 1)
    if other not in course.chapters:
        return None
    by_document, document_of = indexes
    return _found(judged(other), language, by_document.get(document_of[other], {})).get(concept)


def _violations(data: PlanningInput, plan: CoursePlan, position: dict[str, int]) -> int:
    broken = {(e.prerequisite, e.concept) for e in plan.report.broken_cycles}
    brought = {p.concept_id for p in (*plan.prerequisites, *plan.report.vocabulary_assumed)}
    bad = 0
    for edge in data.prerequisites:
        if not edge.mandatory or edge.concept not in position:
            continue
        if (edge.prerequisite, edge.concept) in broken or edge.prerequisite == edge.concept:
            continue
        if edge.prerequisite in position:
            bad += position[edge.prerequisite] > position[edge.concept]
        else:
            bad += edge.prerequisite not in brought
    return bad


def _measurable(level: str, verb: str, description: str, language: str) -> bool:
    tongue = "zh" if language.startswith("zh") else "en"
    verbs = MEASURABLE[tongue].get(level, set())
    if level not in BLOOM or verb.casefold() not in verbs:
        return False
    if tongue == "zh":  # Chinese puts the verb after an adverbial (用自己的话解释…)
        return verb in description and bool(_CJK.search(description))
    return description.casefold().startswith(verb.casefold())


def _pages(data: PlanningInput, plan: CoursePlan) -> tuple[int, int]:
    limit = {d.id: d.page_count for d in data.documents}
    cited = [(r.document_id, p) for r in plan.resources for p in r.pages]
    cited += [(r.document_id, a) for r in plan.resources for a, _ in r.page_ranges]
    cited += [(r.document_id, b) for r in plan.resources for _, b in r.page_ranges]
    slots = [s for w in plan.weeks for s in w.slots]
    cited += [(ref.document_id, p) for s in slots for ref in s.pages for p in ref.pages]
    ok = sum(1 for d, p in cited if d in limit and 1 <= p <= (limit[d] or p))
    empty = sum(1 for r in plan.resources if not r.pages)  # a resource must cite pages
    return len(cited) + empty, ok


def line(label: str, s: Score) -> str:
    return (
        f"{label:<34} key {pct(s.included, s.found)} ({s.included}/{s.found}/{s.judged})"
        f" weighted {pct(s.weight_included, s.weight_found)}"
        f" minutes {pct(s.key_minutes, s.minutes)}"
        f"  pairs {pct(s.right, s.pairs)} ({s.right}/{s.pairs})"
        f"  violations {s.violations}  over {s.over}/{s.weeks}"
        f"  objectives {pct(s.objectives_ok, s.objectives)}  pages {pct(s.pages_ok, s.pages)}"
        f"  placed {s.placed} brought {s.brought}  {s.seconds:.2f}s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", "-v", action="store_true", help="missed and wrong pairs")
    parser.add_argument("--json", type=Path, help="write the per-course figures here")
    parser.add_argument("--language", choices=sorted(LANGUAGES), action="append")
    parser.add_argument(
        "--without-order",
        action="store_true",
        help="as if the job stored no first-mention order (as before it did)",
    )
    parser.add_argument(
        "--split",
        choices=("tuned", "held-out"),
        help="score only these chapters' courses (tune on `tuned`; the graph holds all)",
    )
    args = parser.parse_args()
    totals: dict[tuple[str, str, str], Score] = {}
    rows = []
    names = _in_order(chapters())
    for language in args.language or list(LANGUAGES):
        graph = build_graph(language, names, stored_order=not args.without_order)
        for course in courses(names):
            if args.split and not _in_split(course, args.split):
                continue
            data = planning(graph, course, language)
            started = time.perf_counter()
            plan = plan_course(data)
            seconds = time.perf_counter() - started
            scores = score_course(data, plan, course, language)
            scores[course.chapters[0]].seconds = seconds
            kind = "book" if len(course.chapters) > 1 else "chapter"
            whole = Score()
            for name, s in scores.items():
                whole.add(s)
                split = "tuned" if not load(name).held_out else "held-out"
                totals.setdefault((language, kind, split), Score()).add(s)
                whole.missed += s.missed
                whole.wrong += s.wrong
            print(f"{line(f'{language} {course.name}', whole)}", flush=True)
            if args.verbose:
                print(f"    missed: {whole.missed}\n    wrong: {whole.wrong}")
            rows.append({"language": language, "course": course.name, **_plain(whole)})
    print()
    for (language, kind, split), total in sorted(totals.items()):
        print(line(f"TOTAL {language} {kind}s {split}", total))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    failed = any(
        t.violations or t.over or t.objectives_ok < t.objectives or t.pages_ok < t.pages
        for t in totals.values()
    )
    return 1 if failed else 0


def _in_split(course: Course, split: str) -> bool:
    """A course belongs to a split when all its chapters do (a book mixing both: neither)."""
    return all(load(c).held_out == (split == "held-out") for c in course.chapters)


def _plain(s: Score) -> dict[str, object]:
    return {name: getattr(s, name) for name in Score.__dataclass_fields__}


if __name__ == "__main__":
    sys.exit(main())
