"""`curriculum stack up [--with-weaviate] | down | status` (also `python -m gateway.stack`)."""

from __future__ import annotations

import argparse
import logging
import sys

from gateway.stack import manager
from gateway.stack.base import StoreStatus, log
from gateway.stack.paths import StackPaths
from gateway.stack.process import StackError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curriculum stack",
        description="Run the dev stores (PostgreSQL, Redis, Neo4j, Weaviate) on loopback.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="start (or reuse) the stores and write the env file")
    start.add_argument(
        "--with-weaviate",
        action="store_true",
        help="also start Weaviate (implied by VECTOR_BACKEND=weaviate)",
    )
    commands.add_parser("down", help="stop the stores this stack started")
    commands.add_parser("status", help="show each store and whether it answers")
    return parser


def format_status(rows: list[StoreStatus]) -> str:
    lines = [f"{'store':<11} {'state':<9} {'pid':>8}  {'check':<6} url"]
    for row in rows:
        check = "ok" if row.answering else "-" if row.state == "stopped" else "FAIL"
        pid = str(row.pid) if row.pid else "-"
        lines.append(f"{row.name:<11} {row.state:<9} {pid:>8}  {check:<6} {row.url or '-'}")
        if not row.answering and row.state != "stopped":
            lines.append(f"{'':<11} -> {row.check}")
    return "\n".join(lines)


def run(args: list[str]) -> int:
    """Entry point for the `curriculum` CLI; returns the process exit code."""
    options = _parser().parse_args(args)
    # Our progress lines only; the drivers' own INFO chatter stays off.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("stack: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    paths = StackPaths.from_env()
    try:
        if options.command == "up":
            manager.up(with_weaviate=options.with_weaviate, paths=paths)
            print(format_status(manager.status(paths=paths)))
            print(f"env file: {paths.env_file}  (export CURRICULUM_ENV_FILE to point elsewhere)")
        elif options.command == "down":
            manager.down(paths=paths)
        else:
            rows = manager.status(paths=paths)
            print(format_status(rows))
            # Non-zero when something we run or were pointed at does not answer.
            return 0 if all(r.answering or r.state == "stopped" for r in rows) else 1
    except StackError as exc:
        print(f"stack {options.command} failed:\n{exc}", file=sys.stderr)
        return 1
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
