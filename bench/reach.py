"""`make bench-reach`: reading which concepts reach which before a document's edges are placed.

A synthetic graph goes into the stack's Neo4j: `--concepts` concepts (5,500 by default, the
size a busy workspace reaches), five PREREQUISITE edges each, mostly to one of the next 400
concepts, one in 500 pointing back (cycles of optional edges, as people can make), half of
them mandatory. For a document whose candidates involve 1 to 200 of those concepts,
the reach among them (any path; mandatory paths) is read in a read transaction:

- `walk` (datasources/neo4j/prerequisites.reaches, what place() does): one breadth-first
  walk of the edges below all of them, a round trip per level, closed in memory;
- `per concept` (what place() did before): a variable-length match from each concept,
  once for any path and once for mandatory ones, each query cut at `--timeout` seconds.

Both must give the same pairs when the match finishes (checked each run). Medians of
`--runs` runs. Everything the benchmark made is deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
import uuid
from pathlib import Path
from typing import Any, LiteralString

from neo4j import Query
from neo4j.exceptions import ClientError

from datasources.neo4j.prerequisites import Reach, reaches
from datasources.settings import Settings
from datasources.stores import open_stores

NAMESPACE = uuid.UUID("0d7b4a52-6f0e-4c53-9a52-3c1e4f1b8d21")
PER_CONCEPT: LiteralString = (
    "UNWIND $ids AS id MATCH (u:Concept {id: id})-[:PREREQUISITE*1..]->(v:Concept) "
    "WHERE v.id IN $ids RETURN DISTINCT u.id AS a, v.id AS b"
)
PER_CONCEPT_MANDATORY: LiteralString = (
    "UNWIND $ids AS id MATCH (u:Concept {id: id})-[:PREREQUISITE*1.. {mandatory: true}]->"
    "(v:Concept) WHERE v.id IN $ids RETURN DISTINCT u.id AS a, v.id AS b"
)
CREATE: LiteralString = (
    "UNWIND $ids AS id "
    "CREATE (:Concept {id: id, title: id, language: 'en', difficulty: 'beginner'})"
)
CONNECT: LiteralString = (
    "UNWIND $rows AS r MATCH (a:Concept {id: r.a}) MATCH (b:Concept {id: r.b}) "
    "MERGE (a)-[e:PREREQUISITE]->(b) SET e.mandatory = r.m, e.weight = 0.5, e.document_ids = []"
)
DELETE: LiteralString = "UNWIND $ids AS id MATCH (c:Concept {id: id}) DETACH DELETE c"
SIZES = (1, 2, 10, 30, 60, 100, 200)


def graph(concepts: int) -> tuple[list[str], list[dict[str, Any]]]:
    rng = random.Random(7)  # noqa: S311 - a reproducible graph, not a secret
    ids = [str(uuid.uuid5(NAMESPACE, str(i))) for i in range(concepts)]
    edges = []
    for i in range(concepts):
        for _ in range(5):
            back = rng.random() < 0.002
            j = rng.randint(0, max(i - 1, 0)) if back else i + rng.randint(1, 400)
            if j < concepts and j != i:
                edges.append({"a": ids[i], "b": ids[j], "m": rng.random() < 0.5})
    return ids, edges


def pairs(reach: Reach) -> set[tuple[str, str]]:
    return {(a, b) for a, below in reach.after.items() for b in below}


async def main(args: argparse.Namespace) -> None:
    ids, edges = graph(args.concepts)
    out = []
    async with open_stores(Settings.load()) as stores:
        driver, database = stores.graph_writer.driver, stores.graph_writer.database
        async with driver.session(database=database) as session:
            try:
                for start in range(0, len(ids), 5000):
                    await session.run(CREATE, ids=ids[start : start + 5000])
                for start in range(0, len(edges), 5000):
                    await session.run(CONNECT, rows=edges[start : start + 5000])
                print(f"{len(ids)} concepts, {len(edges)} PREREQUISITE edges")
                for size in SIZES:
                    picker = random.Random(size)  # noqa: S311 - reproducible, not a secret
                    involved = sorted(picker.sample(ids, size))
                    row = await measure(session, involved, args.runs, args.timeout)
                    out.append(row)
                    matched = row["per_concept_s"]
                    print(
                        f"{size:>4} concepts: walk {row['walk_s']:.2f} s, per concept "
                        + (f"{matched:.2f} s" if matched is not None else "timed out")
                        + f", {row['pairs']} pairs ({row['mandatory_pairs']} mandatory)",
                        flush=True,
                    )
            finally:
                for start in range(0, len(ids), 1000):
                    await session.run(DELETE, ids=ids[start : start + 1000])
    if args.out:
        args.out.write_text(json.dumps(out, indent=2))


async def measure(session: Any, involved: list[str], runs: int, cut_after: float) -> dict[str, Any]:
    walk: list[float] = []
    per_concept: list[float | None] = []
    for _ in range(runs):

        async def walked(tx: Any) -> tuple[float, list[set[tuple[str, str]]]]:
            started = time.perf_counter()
            found = [pairs(r) for r in await reaches(tx, involved)]
            return time.perf_counter() - started, found

        took, found = await session.execute_read(walked)
        walk.append(took)
        started = time.perf_counter()
        try:
            matched = []
            for statement in (PER_CONCEPT, PER_CONCEPT_MANDATORY):
                result = await session.run(Query(statement, timeout=cut_after), ids=involved)
                matched.append({(r["a"], r["b"]) async for r in result})
        except ClientError as error:
            if not (error.code or "").endswith("TransactionTimedOutClientConfiguration"):
                raise
            per_concept.append(None)  # the server cut it at `cut_after`
            continue
        per_concept.append(time.perf_counter() - started)
        if matched != found:
            raise SystemExit("the walk and the per-concept match disagree")
    finished = [t for t in per_concept if t is not None]
    return {
        "concepts": len(involved),
        "walk_s": statistics.median(walk),
        "per_concept_s": statistics.median(finished) if len(finished) == runs else None,
        "pairs": len(found[0]),
        "mandatory_pairs": len(found[1]),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concepts", type=int, default=5500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="per-concept query, s")
    parser.add_argument("--out", type=Path)
    asyncio.run(main(parser.parse_args()))
