"""PostgreSQL's CPU for the statement of one course by id: ours against PostGraphile's.

`python -m bench.statement_cost [--trees ../main .] [--caller admin|owner] [--runs 1000]
[--rounds 6]` builds the gateway's statement for `course(id) { id title status author
{ username } documents { document { filename } } }` (bench.peers' query) in each
checkout of `--trees` (a subprocess per tree, through `JsonReader.objects` with the
driver call intercepted), then runs each tree's statement and PostGraphile 4.14's for
the same course (its text below, captured from its log) on their own connections, as
both servers do: named prepared statements, executed again and again. Sides alternate
in rounds of `--runs`, the order rotating each round; it prints per side the median of
the rounds of the backend's CPU (user + system from the OS, so the database must run
on this machine) and of the wall time per execution, and how often PostgreSQL used
the generic plan (pg_prepared_statements). No HTTP, no gateway process: only the
database's share of the bench.peers row "one course by id".
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import psutil
import uvloop

from datasources.settings import Settings

# PostGraphile 4.14's statement for bench.peers' `courseById` query (DEBUG=postgraphile:postgres).
POSTGRAPHILE = """select to_json((__local_0__."id")) as "id",
to_json((__local_0__."title")) as "title",
to_json((__local_0__."status")) as "status",
to_json((select json_build_object('username'::text, (__local_1__."username")) as object
  from "public"."users" as __local_1__
  where (__local_0__."user_id" = __local_1__."id") and (TRUE) and (TRUE))) as "@userByUserId",
to_json((with __local_2__ as (
    select to_json((json_build_object('@documentByDocumentId'::text, (
      select json_build_object('filename'::text, (__local_3__."filename")) as object
      from "public"."documents" as __local_3__
      where (__local_4__."document_id" = __local_3__."id") and (TRUE) and (TRUE))))) as "@nodes"
    from (select __local_4__.* from "public"."course_documents" as __local_4__
      where (__local_4__."course_id" = __local_0__."id") and (TRUE) and (TRUE)
      order by __local_4__."id" ASC) __local_4__),
  __local_5__ as (select json_agg(to_json(__local_2__)) as data from __local_2__)
  select json_build_object('data'::text,
    coalesce((select __local_5__.data from __local_5__), '[]'::json))))
  as "@courseDocumentsByCourseId"
from "public"."courses" as __local_0__
where (__local_0__."id" = $1) and (TRUE) and (TRUE)"""

# Run in each tree (only interfaces its gateway has had since compiled reads): prints
# the pickled (SQL, arguments) of the statement JsonReader.objects sends.
_CAPTURE = """
import asyncio, pickle, sys
from uuid import UUID
from datasources.postgres import prepared as driver
from datasources.postgres.base import Viewer
from datasources.postgres.engine import create_engine
from datasources.postgres.json_reads import JsonReader
from datasources.postgres.json_shapes import Access, Edge, Shape
from schema.compiled.selection import COURSE, DOCUMENT, USER

course_id, viewer = UUID(sys.argv[1]), UUID(sys.argv[2])
admin, url = sys.argv[3] == "1", sys.argv[4]
user = Shape("user", (("username", USER["username"]),))
document = Shape("document", (("filename", DOCUMENT["filename"]),))
link = Shape("link", (("document", Edge("link.document", document)),))
course = Shape("course", (("id", COURSE["id"]), ("title", COURSE["title"]),
    ("status", COURSE["status"]), ("author", Edge("course.author", user)),
    ("documents", Edge("course.documents", link))))
sent = []

async def kept(conn, prepared, values):
    sent.append((prepared.sql, prepared.arguments(values)))
    return []

async def main():
    driver.fetch = kept
    engine = create_engine(url, pool_size=1)
    reader = JsonReader(engine, timeout=30.0)
    await reader.objects([("course", [course_id], course)], Access(Viewer(viewer, is_admin=admin)))
    await engine.dispose()

asyncio.run(main())
sys.stdout.buffer.write(pickle.dumps(sent[0]))
"""


def capture(tree: Path, course: str, viewer: str, admin: bool, url: str) -> tuple[str, list[Any]]:
    """The (SQL, arguments) of the gateway in `tree` for one course by id."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    arguments = [course, viewer, "1" if admin else "0", url]
    command = [sys.executable, "-c", _CAPTURE, *arguments]  # our own code and values
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(done.stderr.decode())
    sql, values = pickle.loads(done.stdout)  # noqa: S301 - our own subprocess's output
    return sql, values


def backend_cpu(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


class Side:
    def __init__(self, name: str, sql: str, values: list[Any]) -> None:
        self.name, self.sql, self.values = name, sql, values
        self.cpu: list[float] = []
        self.wall: list[float] = []

    async def open(self, url: str) -> None:
        self.conn: Any = await asyncpg.connect(url)
        self.pid = await self.conn.fetchval("SELECT pg_backend_pid()")
        if not await self.conn.fetch(self.sql, *self.values):
            raise SystemExit(f"{self.name}: the course is not readable")

    async def round(self, runs: int) -> None:
        cpu, start = backend_cpu(self.pid), time.perf_counter()
        for _ in range(runs):
            await self.conn.fetch(self.sql, *self.values)
        self.wall.append((time.perf_counter() - start) / runs * 1000)
        self.cpu.append((backend_cpu(self.pid) - cpu) / runs * 1000)

    async def report(self) -> str:
        plans = await self.conn.fetchrow(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1",
            self.sql,
        )
        await self.conn.close()
        rounds = " ".join(f"{c:.3f}" for c in self.cpu)
        return (
            f"| {self.name} | {statistics.median(self.cpu):.3f} | {rounds} |"
            f" {statistics.median(self.wall):.3f} | {plans['generic_plans']} /"
            f" {plans['custom_plans']} |"
        )


async def main(args: argparse.Namespace) -> None:
    url = Settings.load().postgres.asyncpg_dsn
    conn = await asyncpg.connect(url)
    course, owner = await conn.fetchrow(
        "SELECT id, user_id FROM courses WHERE title LIKE 'Peer course %' ORDER BY id LIMIT 1"
    )
    await conn.close()
    admin = args.caller == "admin"
    viewer = owner if not admin else UUID(int=1)  # an admin's id is not in the SQL
    sides = [
        Side(str(tree), *capture(tree.resolve(), str(course), str(viewer), admin, url))
        for tree in args.trees
    ]
    sides.append(Side("PostGraphile 4.14", POSTGRAPHILE, [course]))
    for side in sides:
        await side.open(url)
    for n in range(args.rounds):
        for side in sides[n % len(sides) :] + sides[: n % len(sides)]:
            await side.round(args.runs)
    print(f"one course by id ({course}), caller {args.caller}, {args.rounds} rounds of {args.runs}")
    print("| statement | PostgreSQL CPU ms, median | rounds | wall ms | generic / custom plans |")
    print("|---|--:|---|--:|--:|")
    for side in sides:
        print(await side.report())


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trees", type=Path, nargs="+", default=[Path(".")])
    parser.add_argument("--caller", choices=["admin", "owner"], default="admin")
    parser.add_argument("--runs", type=int, default=1000, help="executions per round")
    parser.add_argument("--rounds", type=int, default=6)
    return parser.parse_args(argv)


if __name__ == "__main__":
    uvloop.run(main(parse()))
