"""The gateway's own cost without HTTP: raw fetch and `schema.execute` in one process.

`python -m bench.inprocess a|b [--runs N]` alternates, request by request, the raw-driver
fetch (bench/raw.py) and the same operation through the app's schema as the seeded
admin, then runs the operation once more on the same request context (every loader
already holds its answer: what is left is GraphQL work). It prints the median CPU time
of each, so the gap can be split into fetch-path and execution cost. The collector is
set as the app sets it (gateway/app.py). Needs the seeded stack (`make seed`).
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import uuid
from collections.abc import Awaitable
from typing import Any

import uvloop

from bench import queries, raw
from datasources.settings import Settings
from datasources.stores import open_stores
from gateway.app import GC_THRESHOLD, schema_options
from gateway.seed.data import DEMO_TAG, SeedSpec, build_dataset
from gateway.seed.records import seed_id
from resolvers.context import Context, Limits, Principal
from schema.root import build_schema


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _execute(schema: Any, query: str, variables: dict[str, Any], context: Context) -> None:
    result = await schema.execute(query, variable_values=variables, context_value=context)
    if result.errors:
        raise RuntimeError(result.errors[0])


async def main(args: argparse.Namespace) -> None:
    settings = Settings.load()
    schema = build_schema(schema_options(settings))
    limits = Limits(max_page_size=settings.limits.max_page_size, store_timeout_seconds=60)
    admin = Principal(user_id=seed_id(DEMO_TAG, "user", "admin"), role="admin")
    course_ids = [str(c.id) for c in build_dataset(SeedSpec.for_scale(1)).courses]
    raw_side = await raw.Raw.connect(settings, size=2)

    def variables(i: int) -> dict[str, Any]:
        return {"id": course_ids[i % 200]} if args.operation == "a" else {}

    def fetch(i: int) -> Awaitable[Any]:
        return raw_side.course(course_ids[i % 200]) if args.operation == "a" else raw_side.courses()

    query = queries.COURSE if args.operation == "a" else queries.COURSES
    times: dict[str, list[float]] = {"raw": [], "gateway": [], "warm": []}
    try:
        async with open_stores(settings, bootstrap=False) as stores:
            gc.collect()
            gc.freeze()
            gc.set_threshold(*GC_THRESHOLD)
            for i in range(args.runs + 3):
                started = _cpu()
                await fetch(i)
                fetched = _cpu()
                context = Context(stores=stores, limits=limits, principal=admin,
                                  request_id=uuid.uuid4().hex)  # fmt: skip
                await _execute(schema, query, variables(i), context)
                executed = _cpu()
                # The same context again: every loader already holds its answer.
                await _execute(schema, query, variables(i), context)
                again = _cpu()
                if i >= 3:  # warm-up
                    times["raw"].append(fetched - started)
                    times["gateway"].append(executed - fetched)
                    times["warm"].append(again - executed)
    finally:
        await raw_side.close()
    median = {k: statistics.median(v) * 1000 for k, v in times.items()}
    print(
        f"({args.operation}) CPU ms per request, median of {args.runs}: "
        f"raw {median['raw']:.1f} | gateway {median['gateway']:.1f} "
        f"(ratio {median['gateway'] / median['raw']:.2f}) | "
        f"of which GraphQL work with warm loaders {median['warm']:.1f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__)
    parser.add_argument("operation", choices=("a", "b"))
    parser.add_argument("--runs", type=int, default=50)
    uvloop.run(main(parser.parse_args()))
