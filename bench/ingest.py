"""`make bench-ingest`: the whole document job, stores included, on generated documents.

The same files as `bench/pipeline.py` (a 300-page English text PDF, a 50-page Chinese
DOCX; generated once under .cache/bench/). A real `curriculum worker` process (the dev
stack's stores, vectors in the namespace `bench`) runs each document's
`document_processing` task `--runs` times; each run starts from a graph without the
document (the previous run is cleaned up first), so every run is a first ingestion.

Per run: the job's own seconds (task result, first stage to completion), the wall time
from enqueue to the completed row, pages per second (pages / job seconds), and the peak
memory of the worker's process tree sampled every 20 ms — the worker, its forkserver and
the reading process together (proportional set sizes), and the reading process alone
(resident size).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from uuid import UUID

import psutil

from bench.documents import add_document, forget, system_user
from bench.pipeline import chinese_docx, english_pdf
from datasources.postgres.models import GenerationTask
from datasources.redis import queue
from datasources.settings import Settings
from datasources.stores import Stores, open_stores
from jobs.tasks.ports import ports_from

EMAIL = "bench@curriculum.local"
NAMESPACE = {"pgvector": "bench", "weaviate": "Bench"}


def _worker(settings: Settings) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "VECTOR_NAMESPACE": settings.vector_namespace or "",
        "LOG_LEVEL": "WARNING",
        "WORKER_MAX_JOBS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "worker"], env=env, stderr=subprocess.DEVNULL
    )


class Peak:
    """Peak memory of a process tree, sampled beside the job: the sum of the processes'
    proportional set sizes (a page shared by the forkserver and its children counts once
    in total, not once per process), and the reading process's own resident size."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.tree_mb = 0.0
        self.reader_mb = 0.0

    async def sample(self) -> None:
        while True:
            try:
                family = [self.root, *self.root.children(recursive=True)]
                sizes = [p.memory_full_info().pss for p in family]
                # the reading processes are the forkserver's children, the worker's grandchildren
                readers = [p.memory_info().rss for p in family[1:] if p.ppid() != self.root.pid]
            except psutil.Error:
                sizes, readers = [], []
            self.tree_mb = max(self.tree_mb, sum(sizes) / 2**20)
            self.reader_mb = max(self.reader_mb, max(readers, default=0) / 2**20)
            await asyncio.sleep(0.02)


async def _one(
    stores: Stores, settings: Settings, owner: UUID, path: Path, pid: int
) -> dict[str, Any]:
    data = await asyncio.to_thread(path.read_bytes)
    document_id, task_id = await add_document(stores, owner, data, name=path.name)
    peak = Peak(pid)
    sampler = asyncio.create_task(peak.sample())
    pool = await queue.open_queue(settings.redis.url)
    started = time.perf_counter()
    try:
        await queue.enqueue(pool, task_type="document_processing", task_id=task_id)
        while True:
            async with stores.sessions() as session:
                task = await session.get(GenerationTask, task_id, populate_existing=True)
            if task is not None and task.status in ("completed", "failed"):
                break
            await asyncio.sleep(0.05)
        wall = time.perf_counter() - started
    finally:
        sampler.cancel()
        await pool.aclose()
    if task.status != "completed":
        raise SystemExit(f"{path.name}: {task.error_message}")
    result = task.result or {}
    return {
        "document_id": document_id,
        "pages": result["pages"],
        "job_seconds": result["seconds"],
        "wall_seconds": round(wall, 2),
        "pages_per_second": round(result["pages"] / result["seconds"], 1),
        "peak_tree_pss_mb": round(peak.tree_mb),
        "peak_reader_rss_mb": round(peak.reader_mb),
        "chunks": result["chunks"],
        "concepts": result["concepts"]["new"] + result["concepts"]["merged"],
        "extractions": sum(result["extractions"].values()),
        "prerequisites": result["edges"]["prerequisite"],
        "timings": result["timings"],
    }


async def main(args: argparse.Namespace) -> None:
    base = Settings.load()
    settings = base.model_copy(update={"vector_namespace": NAMESPACE[base.vector_backend]})
    files = {"300-page English PDF": english_pdf(300), "50-page Chinese DOCX": chinese_docx(50)}
    results: dict[str, Any] = {}
    async with open_stores(settings) as stores:
        ports = ports_from(stores, timeout=settings.worker.store_timeout_seconds)
        owner = await system_user(stores, email=EMAIL, username="bench")
        await forget(stores, ports, owner)
        worker = _worker(settings)
        try:
            await asyncio.sleep(8)  # start-up: imports, the reading forkserver, stores
            idle = psutil.Process(worker.pid)
            tree = [idle, *idle.children(recursive=True)]
            results["idle worker tree"] = {
                "pss_mb": round(sum(p.memory_full_info().pss for p in tree) / 2**20),
                "worker_rss_mb": round(idle.memory_info().rss / 2**20),
            }
            print(f"{'idle worker tree':<24} {json.dumps(results['idle worker tree'])}")
            for label, path in files.items():
                runs = []
                for _ in range(args.runs):
                    runs.append(await _one(stores, settings, owner, path, worker.pid))
                    await forget(stores, ports, owner)
                best = sorted(runs, key=lambda r: r["job_seconds"])[len(runs) // 2]
                results[label] = {
                    **{k: v for k, v in best.items() if k != "document_id"},
                    "runs_job_seconds": [r["job_seconds"] for r in runs],
                    "median_job_seconds": statistics.median(r["job_seconds"] for r in runs),
                    "max_peak_tree_pss_mb": max(r["peak_tree_pss_mb"] for r in runs),
                }
                print(f"{label:<24} {json.dumps(results[label], ensure_ascii=False)}", flush=True)
        finally:
            worker.terminate()
            worker.wait(30)
            await forget(stores, ports, owner)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    asyncio.run(main(parser.parse_args()))
