"""`python -m bench.generation`: the course jobs end to end against the dev stack.

Generation: 1, 10 and 50 documents' worth of synthetic concepts (bench/course_graphs.py:
100 concepts and 400 PREREQUISITE edges a document, so up to 5,000 concepts and 20,000
edges) are loaded into the stores as document processing leaves them
(bench/course_store.py), then the course_generation job runs as the worker runs it
(jobs/tasks/lifecycle.run_task): read the graph, plan, write the course, store the
questions. Timed per stage from the job's own progress events, then a second run
(regeneration of the same course: the idempotent path). Exports: a 12-week course of
three documents in English and Chinese, each format through the export job (render,
store the file, record it), with the file's size.

Everything is created with fresh ids under a user of its own and removed at the end.
Needs the stack (`curriculum stack up`) migrated; uses its database, Neo4j, Redis, the
configured vector index and FILE_STORE_ROOT.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from bench.course_graphs import synthetic_input
from bench.course_store import load_graph, remove
from datasources.course_plans import GenerationRequest
from datasources.files.exports import FORMATS
from datasources.postgres.base import Viewer
from datasources.postgres.models import User
from datasources.settings import Settings, for_jobs
from datasources.stores import Stores, open_stores
from datasources.tasks import TaskStore
from jobs.tasks import course_generation
from jobs.tasks import export as export_job
from jobs.tasks.lifecycle import Outcome, Work, run_task
from resolvers.generation import STALE_AFTER  # the rule regenerateCourse applies

CASES = [(1, 12, 6), (10, 12, 6), (50, 12, 6), (50, 104, 80)]  # documents, weeks, hours


class StageClock(TaskStore):
    """The real task store, noting when each progress stage starts."""

    def __init__(self, inner: TaskStore) -> None:
        super().__init__(inner.sessions, inner.redis, timeout=inner.timeout)
        self.marks: list[tuple[str, float]] = []

    async def progress(self, task_id: uuid.UUID, **kwargs: Any) -> None:
        self.marks.append((kwargs["stage"], time.perf_counter()))
        await super().progress(task_id, **kwargs)


async def timed(
    stores: Stores, settings: Settings, task_id: uuid.UUID, work: Work, **kw: Any
) -> tuple[Outcome, float, dict[str, float]]:
    clock = StageClock(stores.tasks)
    started = time.perf_counter()
    outcome = await run_task(
        dataclasses.replace(stores, tasks=clock), settings, task_id, attempt=1, work=work, **kw
    )
    ended = time.perf_counter()
    if outcome.status != "completed":
        raise SystemExit(f"the job did not complete: {outcome}")
    marks = [*clock.marks, ("end", ended)]
    stages = {name: round(marks[i + 1][1] - at, 3) for i, (name, at) in enumerate(marks[:-1])}
    return outcome, ended - started, stages


async def bench_user(stores: Stores) -> uuid.UUID:
    user_id = uuid.uuid4()
    async with stores.sessions() as session, session.begin():
        await session.execute(
            insert(User).values(
                id=user_id,
                email=f"bench-{user_id.hex[:8]}@example.test",
                username=f"bench{user_id.hex[:12]}",
                password_hash="-",  # noqa: S106 - no password: nobody signs in as it
            )
        )
    return user_id


Generated = tuple[Any, uuid.UUID, list[dict[str, Any]]]


async def generate(
    stores: Stores,
    settings: Settings,
    owner: uuid.UUID,
    documents: int,
    weeks: int,
    hours: int,
    chinese: bool = False,
) -> Generated:
    data = synthetic_input(documents, weeks=weeks, hours_per_week=hours, chinese=chinese)
    started = time.perf_counter()
    loaded = await load_graph(stores, data, owner_id=owner)
    loading = time.perf_counter() - started
    request = GenerationRequest(
        document_ids=tuple(str(d) for d in loaded.document_ids()),
        duration_weeks=weeks,
        hours_per_week=hours,
    )
    course, task_id = await stores.plans.create(
        owner_id=owner, values={"title": "bench"}, request=request
    )
    runs = []
    for label in ("first run", "second run (regeneration)"):
        if label != "first run":
            regenerated = await stores.plans.regenerate(
                course.id,
                editor=Viewer(owner),
                requester=owner,
                request=request,
                stale_after=STALE_AFTER,
            )
            assert isinstance(regenerated, tuple)
            task_id = regenerated[1]
        outcome, seconds, stages = await timed(
            stores, settings, task_id, course_generation.generate
        )
        runs.append(
            {
                "documents": documents,
                "concepts": len(data.concepts),
                "edges": len(data.prerequisites),
                "weeks": weeks,
                "hours_per_week": hours,
                "run": label,
                "seconds": round(seconds, 3),
                "stages": stages,
                "placed": outcome.result["concepts"],
                "questions": outcome.result["questions"],
                "graph_statements": outcome.result["graph_statements"],
                "load_seconds": round(loading, 1),
            }
        )
        print(
            f"{documents:>3} docs {len(data.concepts):>5} concepts {weeks:>3}w x {hours:>2}h "
            f"{label:26} {seconds:6.2f} s  {stages}",
            flush=True,
        )
    return loaded, course.id, runs


async def exports(
    stores: Stores,
    settings: Settings,
    owner: uuid.UUID,
    course_id: uuid.UUID,
    language: str,
    runs: int,
    files: set[str],
) -> list[dict[str, Any]]:
    rows = []
    for fmt in FORMATS:
        times, size = [], 0
        for _ in range(runs):
            started = await stores.exports.start(
                course_id=course_id,
                requester=Viewer(owner),
                owner_id=owner,
                fmt=fmt,
                options={"includeDiagram": True},
            )
            assert started is not None
            outcome, seconds, _ = await timed(
                stores,
                settings,
                started.task_id,
                export_job.export,
                on_failed=export_job.export_failed,
            )
            times.append(seconds)
            size = int(outcome.result["file_size"])
            files.add(str((await stores.exports.get(started.export.id)).file_path))  # type: ignore[union-attr]
        row = {
            "language": language,
            "format": fmt,
            "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3),
            "bytes": size,
        }
        rows.append(row)
        print(
            f"{language:6} {fmt:9} median {row['median_s']:.3f} s (max {row['max_s']:.3f})"
            f"  {size:>8} bytes",
            flush=True,
        )
    return rows


async def main(args: argparse.Namespace) -> None:
    settings = for_jobs(Settings.load())  # as the worker opens its stores
    async with open_stores(settings) as stores:
        owner = await bench_user(stores)
        made: list[tuple[Any, uuid.UUID]] = []
        files: set[str] = set()
        try:
            generation = []
            for documents, weeks, hours in CASES:
                loaded, course_id, runs = await generate(
                    stores, settings, owner, documents, weeks, hours
                )
                made.append((loaded, course_id))
                generation += runs
            export_rows = []
            for chinese in (False, True):
                loaded, course_id, _ = await generate(stores, settings, owner, 3, 12, 6, chinese)
                made.append((loaded, course_id))
                language = "zh-CN" if chinese else "en"
                export_rows += await exports(
                    stores, settings, owner, course_id, language, args.runs, files
                )
        finally:
            for loaded, course_id in made:
                await remove(stores, loaded, [course_id])
            async with stores.sessions() as session, session.begin():
                await session.execute(delete(User).where(User.id == owner))
            await stores.exports.release_files(files)
    if args.out:
        args.out.write_text(
            json.dumps({"generation": generation, "exports": export_rows}, indent=2)
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="exports per format")
    parser.add_argument("--out", type=Path)
    asyncio.run(main(parser.parse_args()))
