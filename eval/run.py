"""`make eval`: the pipeline on real textbook chapters against the judged sets.

Prints, per chapter and language: concept recall and precision against the judged key
concepts, junk rate, prerequisite direction accuracy and coverage (transitive), mandatory
cycles, and the first-mention-order baseline; then totals for tuned and held-out chapters.
`--formats` also reads each chapter converted to HTML, DOCX and PDF (eval/formats.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from eval import corpus
from eval.judged import Chapter, chapters, load, match_form
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.lexicon import EN_STOP, FURNITURE
from jobs.pipeline.links import KnownConcept, link_to_existing
from jobs.pipeline.model import Analysis, Prerequisite

LANGUAGES = {"en": "en", "zh": "zh-CN"}


@dataclass(slots=True)
class Score:
    found: int = 0
    judged: int = 0
    output: int = 0
    matched_output: int = 0
    junk: int = 0
    pairs: int = 0  # judged pairs whose two concepts were both found
    related: int = 0
    right: int = 0
    baseline_right: int = 0
    baseline_on_related: int = 0  # the baseline's right answers on the pairs the output relates
    cross_pairs: int = 0
    cross_related: int = 0
    cross_right: int = 0
    cycles: int = 0
    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    junk_titles: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "found",
            "judged",
            "output",
            "matched_output",
            "junk",
            "pairs",
            "related",
            "right",
            "baseline_right",
            "baseline_on_related",
            "cross_pairs",
            "cross_related",
            "cross_right",
            "cycles",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def is_junk(title: str) -> bool:
    """Junk by rule: furniture, code, fragments (a function word at either end), too long."""
    words = title.lower().split()
    return bool(
        FURNITURE.match(title)
        or re.search(r"[_(){}\[\]=;:/\\!]|::|\w\.\w|^[a-z]+[A-Z]", title)
        or (words and (words[0] in EN_STOP - {"a", "an", "the"} or words[-1] in EN_STOP))
        or len(words) > 5
        or re.match(r"^[的了是在和与或把被将就也都]|[的了是在和与或把被将]$", title)
        or re.fullmatch(r"[\d\W]+", title)
    )


def concept_index(analysis: Analysis) -> dict[str, str]:
    """match form -> output concept key."""
    index: dict[str, str] = {}
    for concept in analysis.knowledge.concepts:
        index.setdefault(match_form(concept.title), concept.key)
        index.setdefault(match_form(concept.key), concept.key)
    return index


def find(chapter: Chapter, concept: str, language: str, index: dict[str, str]) -> str | None:
    for name in chapter.names(concept, language):
        key = index.get(match_form(name))
        if key is not None:
            return key
    return None


def reaches(edges: list[Prerequisite], start: str, goal: str) -> bool:
    successors: dict[str, set[str]] = {}
    for edge in edges:
        successors.setdefault(edge.source, set()).add(edge.target)
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in successors.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def cycles(edges: list[Prerequisite]) -> int:
    return sum(1 for e in edges if reaches(edges, e.target, e.source))


def score(
    chapter: Chapter, language: str, analysis: Analysis, earlier: dict[str, Analysis]
) -> Score:
    result = Score()
    index = concept_index(analysis)
    matched_keys: set[str] = set()
    for judged in chapter.concepts:
        if not chapter.names(judged, language):
            continue
        result.judged += 1
        key = find(chapter, judged, language, index)
        if key is None:
            result.missed.append(chapter.names(judged, language)[0])
        else:
            result.found += 1
            matched_keys.add(key)
    judged_forms = {match_form(n) for c in chapter.concepts for n in chapter.names(c, language)}
    for concept in analysis.knowledge.concepts:
        result.output += 1
        if (
            match_form(concept.title) in judged_forms
            or match_form(concept.key) in judged_forms
            or concept.key in matched_keys
        ):
            result.matched_output += 1
        else:
            result.unmatched.append(concept.title)
        if is_junk(concept.title):
            result.junk += 1
            result.junk_titles.append(concept.title)
    edges = list(analysis.knowledge.prerequisites)
    result.cycles = cycles([e for e in edges if e.mandatory]) + cycles(edges)
    order = {c.key: c.order for c in analysis.knowledge.concepts}
    for a, b in chapter.pairs:
        if ":" in a:
            _cross(result, chapter, language, analysis, earlier, a, b, edges)
            continue
        ka, kb = find(chapter, a, language, index), find(chapter, b, language, index)
        if ka is None or kb is None or ka == kb:
            continue
        result.pairs += 1
        result.baseline_right += order[ka] < order[kb]
        if reaches(edges, ka, kb):
            result.related += 1
            result.right += 1
            result.baseline_on_related += order[ka] < order[kb]
        elif reaches(edges, kb, ka):
            result.related += 1
            result.baseline_on_related += order[ka] < order[kb]
            result.wrong.append(f"{b} → {a}")
    return result


def _cross(
    result: Score,
    chapter: Chapter,
    language: str,
    analysis: Analysis,
    earlier: dict[str, Analysis],
    a: str,
    b: str,
    edges: list[Prerequisite],
) -> None:
    other_name, concept = a.split(":", 1)
    other = earlier.get(other_name)
    if other is None:
        return
    ka = find(load(other_name), concept, language, concept_index(other))
    kb = find(chapter, b, language, concept_index(analysis))
    if ka is None or kb is None:
        return
    result.cross_pairs += 1
    if ka == kb:
        result.cross_related += 1  # one shared Concept node: nothing to order
        result.cross_right += 1
        return
    known = [
        KnownConcept(c.key, c.title, c.language, c.description) for c in other.knowledge.concepts
    ]
    links = list(link_to_existing(analysis, known).prerequisites)
    graph = edges + links + list(other.knowledge.prerequisites)
    if reaches(graph, ka, kb):
        result.cross_related += 1
        result.cross_right += 1
    elif reaches(graph, kb, ka):
        result.cross_related += 1
        result.wrong.append(f"cross {b} → {a}")


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    –"


def line(label: str, s: Score) -> str:
    return (
        f"{label:<30} recall {pct(s.found, s.judged)} ({s.found}/{s.judged})"
        f"  precision {pct(s.matched_output, s.output)}"
        f"  junk {pct(s.junk, s.output)}  direction {pct(s.right, s.related)}"
        f" coverage {pct(s.related, s.pairs)} ({s.right}/{s.related}/{s.pairs})"
        f"  baseline {pct(s.baseline_right, s.pairs)}"
        f" (on related {pct(s.baseline_on_related, s.related)})"
        f"  cross {pct(s.cross_right, s.cross_related)}"
        f" cov {pct(s.cross_related, s.cross_pairs)}"
        f"  cycles {s.cycles}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--formats", action="store_true", help="also read text, HTML, DOCX and PDF renderings"
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="print missed and unmatched concepts"
    )
    parser.add_argument("--json", type=Path, help="write the per-chapter figures here")
    args = parser.parse_args()
    formats = ["md"] + (["txt", "html", "docx", "pdf"] if args.formats else [])
    totals: dict[tuple[str, str, str], Score] = {}
    rows = []
    for fmt in formats:
        for language in LANGUAGES:
            earlier: dict[str, Analysis] = {}
            for name in _in_order(chapters()):
                chapter = load(name)
                path = (
                    corpus.require(name, language)
                    if fmt == "md"
                    else _converted(name, language, fmt)
                )
                started = time.perf_counter()
                analysis = analyse_file(path, language=LANGUAGES[language])  # type: ignore[arg-type]
                seconds = time.perf_counter() - started
                earlier[name] = analysis
                result = score(chapter, language, analysis, earlier)
                totals.setdefault((fmt, language, chapter.set_name), Score()).add(result)
                if chapter.held_out:
                    totals.setdefault((fmt, language, "held-out, all"), Score()).add(result)
                tag = "held-out" if chapter.held_out else "tuned"
                print(
                    line(f"{fmt} {language} {name} [{tag}]", result)
                    + f"  {analysis.page_count}p {seconds:.2f}s"
                )
                if args.verbose:
                    print(
                        f"    missed: {result.missed}\n    unmatched: {result.unmatched}\n"
                        f"    junk: {result.junk_titles}\n    wrong: {result.wrong}"
                    )
                rows.append(
                    {
                        "format": fmt,
                        "language": language,
                        "chapter": name,
                        "held_out": chapter.held_out,
                        "set": chapter.set_name,
                        "recall": result.found / max(1, result.judged),
                        "precision": result.matched_output / max(1, result.output),
                        "junk": result.junk / max(1, result.output),
                        "direction": result.right / max(1, result.related),
                        "coverage": result.related / max(1, result.pairs),
                        "baseline": result.baseline_right / max(1, result.pairs),
                        "baseline_on_related": result.baseline_on_related / max(1, result.related),
                        "cycles": result.cycles,
                        "missed": result.missed,
                        "wrong": result.wrong,
                    }
                )
    print()
    for (fmt, language, set_name), total in sorted(totals.items()):
        print(line(f"TOTAL {fmt} {language} {set_name}", total))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    failed = [
        k
        for k, t in totals.items()
        if k[2] == "held-out, all"
        and (t.found < 0.8 * t.judged or t.right < 0.9 * t.related or t.cycles)
    ]
    sys.exit(1 if failed else 0)


def _in_order(names: list[str]) -> list[str]:
    """Each chapter after the chapters its cross pairs refer to (rust-ch04 before rust-ch15)."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for a, _ in load(name).pairs:
            if ":" in a and a.split(":", 1)[0] in names:
                visit(a.split(":", 1)[0])
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _converted(name: str, language: str, fmt: str) -> Path:
    from eval.formats import convert

    return convert(corpus.require(name, language), fmt)


if __name__ == "__main__":
    main()
