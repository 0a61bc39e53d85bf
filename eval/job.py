"""`make eval-job`: the evaluation chapters through the real document job and stores.

Each chapter (Markdown, both languages, in the order cross-chapter pairs need) is stored
in the FileStore, gets a `documents` row and a `document_processing` task, and is run by
the job's entry function (`jobs.tasks.document_processing.run`, the reading process
included) against the configured stores (`.stack/stack.env`; vectors in their own
namespace `eval`). The concepts and PREREQUISITE edges are then read back from Neo4j —
the graph as the platform serves it, cross-document edges and the cycle guard included —
and scored like `make eval` (eval/run.py): recall, precision, junk, direction, coverage,
cycles; cross-chapter pairs are right when the stored graph has a path the right way.
The first-mention baseline is the pipeline's alone and is not measured here.

The run's documents belong to the user `eval@curriculum.local` and are removed (with
everything they added) at the start of the next run, and at the end unless `--keep`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from bench.documents import add_document, forget, system_user
from datasources.concept_keys import concept_key
from datasources.postgres.models import GenerationTask
from datasources.settings import Settings, for_jobs
from datasources.stores import Stores, open_stores
from eval import corpus
from eval.judged import Chapter, chapters, load
from eval.run import (
    LANGUAGES,
    Score,
    _in_order,
    concept_index,
    find,
    line,
    reaches,
    score,
)
from jobs import child
from jobs.ingest.analysis import PRELOAD
from jobs.pipeline.model import Analysis, Concept, Knowledge, Prerequisite
from jobs.tasks.document_processing import run
from jobs.tasks.ports import DocumentPorts, ports_from

EMAIL = "eval@curriculum.local"
NAMESPACE = {"pgvector": "eval", "weaviate": "Eval"}


async def main(args: argparse.Namespace) -> int:
    base = for_jobs(Settings.load())
    settings = base.model_copy(update={"vector_namespace": NAMESPACE[base.vector_backend]})
    child.start(PRELOAD)
    async with open_stores(settings) as stores:
        ports = ports_from(stores, timeout=settings.worker.store_timeout_seconds)
        owner = await system_user(stores, email=EMAIL, username="eval")
        await forget(stores, ports, owner)
        others, _, _ = await stores.graph.driver.execute_query(
            "MATCH (d:Document) RETURN count(d) AS n"
        )
        print(
            f"the graph holds {others[0]['n']} other documents; their concepts and edges take"
            " part, as they would for a teacher's upload (figures in BENCHMARKS.md: none)",
            flush=True,
        )
        totals: dict[tuple[str, str], Score] = {}
        rows = []
        try:
            for language, tag in LANGUAGES.items():
                done: dict[str, list[dict[str, Any]]] = {}
                for name in _in_order(chapters()):
                    chapter = load(name)
                    started = time.perf_counter()
                    document_id, result = await _ingest(
                        stores, ports, settings, owner, corpus.require(name, language), tag
                    )
                    seconds = time.perf_counter() - started
                    concepts = await _concepts(stores, document_id)
                    done[name] = concepts
                    edges = await _edges(stores, [c for cs in done.values() for c in cs])
                    scored = score(chapter, language, _as_analysis(concepts, edges, tag), {})
                    _cross(scored, chapter, language, done, edges)
                    totals.setdefault((language, chapter.set_name), Score()).add(scored)
                    if chapter.held_out:
                        totals.setdefault((language, "held-out, all"), Score()).add(scored)
                    held = "held-out" if chapter.held_out else "tuned"
                    print(
                        line(f"job {language} {name} [{held}]", scored)
                        + f"  {result['pages']}p {seconds:.2f}s",
                        flush=True,
                    )
                    rows.append(_row(name, language, chapter, scored, result, seconds))
        finally:
            if not args.keep:
                await forget(stores, ports, owner)
    print()
    for (language, set_name), total in sorted(totals.items()):
        print(line(f"TOTAL job {language} {set_name}", total))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    failed = [
        k
        for k, t in totals.items()
        if k[1] == "held-out, all"
        and (t.found < 0.8 * t.judged or t.right < 0.9 * t.related or t.cycles)
    ]
    return 1 if failed else 0


async def _ingest(
    stores: Stores,
    ports: DocumentPorts,
    settings: Settings,
    owner: UUID,
    path: Path,
    language: str,
) -> tuple[UUID, dict[str, Any]]:
    data = await asyncio.to_thread(path.read_bytes)
    document_id, task_id = await add_document(
        stores, owner, data, name=path.name, language=language
    )
    outcome = await run(ports, task_id, attempt=1, settings=settings)
    async with stores.sessions() as session:
        task = await session.get(GenerationTask, task_id)
    if outcome.get("status") != "completed" or task is None or task.result is None:
        raise SystemExit(f"{path.name}: the job did not complete: {outcome}")
    return document_id, task.result


async def _concepts(stores: Stores, document_id: UUID) -> list[dict[str, Any]]:
    records, _, _ = await stores.graph.driver.execute_query(
        "MATCH (c:Concept)-[r:EXTRACTED_FROM]->(:Document {id: $d}) "
        "RETURN c.id AS id, c.title AS title, c.description AS description, r.page AS page "
        "ORDER BY r.page, c.title",
        d=str(document_id),
    )
    return [dict(r) for r in records]


async def _edges(stores: Stores, concepts: list[dict[str, Any]]) -> list[Prerequisite]:
    """Every stored PREREQUISITE edge between the run's concepts, by concept key."""
    keys = {c["id"]: concept_key(c["title"]) for c in concepts}
    records, _, _ = await stores.graph.driver.execute_query(
        "MATCH (a:Concept)-[r:PREREQUISITE]->(b:Concept) WHERE a.id IN $ids AND b.id IN $ids "
        "RETURN a.id AS a, b.id AS b, r.mandatory AS mandatory, r.weight AS weight",
        ids=list(keys),
    )
    return [
        Prerequisite(keys[r["a"]], keys[r["b"]], bool(r["mandatory"]), r["weight"] or 0.0, ())
        for r in records
    ]


def _as_analysis(concepts: list[dict[str, Any]], edges: list[Prerequisite], tag: str) -> Analysis:
    """The stored graph in the shape eval/run.py scores (fields it does not read: empty)."""
    rows = [
        Concept(
            title=c["title"],
            key=concept_key(c["title"]),
            language=tag,  # type: ignore[arg-type]
            first_page=c["page"] or 1,
            pages=(c["page"] or 1,),
            salience=0.0,
            confidence=0.0,
            description=c["description"],
            difficulty="beginner",
            difficulty_rule="",
            category=None,
            tags=(),
            sources=(),
            mentions=0,
            order=i,  # by first page: only the baseline reads it, and it is not reported
        )
        for i, c in enumerate(concepts)
    ]
    knowledge = Knowledge(tuple(rows), (), (), tuple(edges))
    return Analysis("", "markdown", tag, 0, 0, "", (), (), knowledge)  # type: ignore[arg-type]


def _cross(
    scored: Score,
    chapter: Chapter,
    language: str,
    done: dict[str, list[dict[str, Any]]],
    edges: list[Prerequisite],
) -> None:
    """Cross-chapter pairs: right when the stored graph has a path the right way."""
    here = concept_index(_as_analysis(done[chapter.name], [], ""))
    for a, b in chapter.pairs:
        if ":" not in a:
            continue
        other, concept = a.split(":", 1)
        if other not in done:
            continue
        ka = find(load(other), concept, language, concept_index(_as_analysis(done[other], [], "")))
        kb = find(chapter, b, language, here)
        if ka is None or kb is None:
            continue
        scored.cross_pairs += 1
        if ka == kb or reaches(edges, ka, kb):
            scored.cross_related += 1
            scored.cross_right += 1
        elif reaches(edges, kb, ka):
            scored.cross_related += 1
            scored.wrong.append(f"cross {b} → {a}")


def _row(
    name: str,
    language: str,
    chapter: Chapter,
    scored: Score,
    result: dict[str, Any],
    seconds: float,
) -> dict[str, Any]:
    return {
        "chapter": name,
        "language": language,
        "held_out": chapter.held_out,
        "recall": scored.found / max(1, scored.judged),
        "precision": scored.matched_output / max(1, scored.output),
        "direction": scored.right / max(1, scored.related),
        "coverage": scored.related / max(1, scored.pairs),
        "cycles": scored.cycles,
        "cross": [scored.cross_right, scored.cross_related, scored.cross_pairs],
        "missed": scored.missed,
        "wrong": scored.wrong,
        "job": {k: result[k] for k in ("pages", "chunks", "concepts", "edges", "extractions")},
        "seconds": round(seconds, 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help="leave the documents in the stores")
    parser.add_argument("--json", type=Path, help="write the per-chapter figures here")
    sys.exit(asyncio.run(main(parser.parse_args())))
