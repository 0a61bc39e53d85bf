"""The `curriculum` command: serve, worker, stack, migrate, export-schema, export, maintain,
reconcile, backup, restore, seed-demo."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import warnings
from collections.abc import Callable, Coroutine, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from datasources.files.exports import FORMATS
from datasources.settings import Settings, SettingsError

if TYPE_CHECKING:  # rich is imported by the commands that print with it, when they run
    from rich.console import Console
    from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
WORKER_STOP_SECONDS = 30
MAX_WORKERS = 64


def _settings() -> Settings:
    try:
        return Settings.load()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None


def _address_free(host: str, port: int, source: str) -> None:
    """Exit with a message naming the port and how it was set, when something holds it.

    (uvicorn would start the app first, then fail to bind and hang in the shutdown.)
    """
    from gateway.stack.process import port_holder, port_is_free

    if not port_is_free(port, host):
        print(
            f"curriculum serve: port {port} on {host} ({source}) is in use"
            f"{port_holder(port)}: stop what holds it, or choose another port, "
            f"e.g. PORT={port + 1} make run",
            file=sys.stderr,
        )
        raise SystemExit(2)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from gateway.logs import configure_logging

    settings = _settings()
    host, port = args.host or settings.host, args.port or settings.port
    source = "--port" if args.port else "PORT" if "PORT" in os.environ else "default; PORT sets it"
    _address_free(host, port, source)
    if args.check:
        return 0
    configure_logging(settings)
    # the app (and each worker process) reads its settings from the environment: there
    # --host and --port hold too, so "gateway ready on …" names the address it serves
    os.environ["HOST"], os.environ["PORT"] = host, str(port)
    process = _start_worker() if args.with_worker else None
    try:
        _serve(uvicorn, settings, args, host, port)
    finally:
        if process is not None:
            _stop_worker(process, settings.worker.shutdown_grace_seconds)
    return 0


def _worker_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= count <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_WORKERS}, got {count}")
    return count


def default_workers(settings: Settings) -> int:
    """One process per core in production (each has its own event loop and pools); one in
    development, where a single process is easier to debug and reloads faster."""
    return (os.cpu_count() or 1) if settings.is_production else 1


def _serve(
    uvicorn: Any, settings: Settings, args: argparse.Namespace, host: str, port: int
) -> None:
    workers = args.workers or default_workers(settings)
    logging.getLogger("gateway").info("serving with %d worker process(es)", workers)
    uvicorn.run(
        "gateway.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # uvloop + httptools: measured faster, and with --workers the plain asyncio loop
        # leaves Nagle's algorithm on (PERFORMANCE.md). (Joining a response's head and
        # body into one write was measured slower against PostGraphile: BENCHMARKS.md.)
        loop="uvloop",
        http="httptools",
        log_level=settings.log_level.lower(),
        # Our JSON handler on the root logger (gateway/logs.py), not uvicorn's own; no
        # access log: the audit trail and /metrics have every request.
        log_config=None,
        access_log=False,
        proxy_headers=False,
        # No `server: uvicorn` on every answer: it tells a scanner what to try, and it
        # is one more header the server checks and writes per response.
        server_header=False,
        # SIGTERM: stop accepting, close sockets with 1012, let requests finish this long.
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
    )


def migrate(args: argparse.Namespace) -> int:
    from alembic import command
    from alembic.config import Config

    settings = _settings()
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    os.environ["DATABASE_URL"] = settings.postgres.url  # env.py reads it from here
    command.upgrade(config, args.revision)
    return 0


def export_schema(args: argparse.Namespace) -> int:
    from schema.root import build_schema

    text = build_schema().as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def worker(args: argparse.Namespace) -> int:
    import asyncio

    from arq import run_worker

    from gateway.logs import configure_logging
    from gateway.tracing import configure_tracing, shutdown_tracing
    from jobs.metrics import serve_metrics
    from jobs.worker import WorkerSettings, healthy, redis_settings, worker_options

    settings = _settings()  # a bad WORKER_* value stops here, naming the variable
    if args.check:  # exit 0 when a worker wrote its health key within the interval
        report = asyncio.run(healthy(settings))
        print(report or "no worker has reported within WORKER_HEALTH_CHECK_SECONDS")
        return 0 if report else 1
    configure_logging(settings)
    tracer = configure_tracing(settings, service="curriculum-worker")
    if settings.worker.metrics_port:
        serve_metrics(settings.worker.metrics_host, settings.worker.metrics_port)
    # arq 0.28 closes its Redis pool with redis-py's deprecated close() on shutdown.
    warnings.filterwarnings("ignore", "Call to deprecated close", DeprecationWarning)
    try:
        run_worker(
            WorkerSettings,  # type: ignore[arg-type]
            redis_settings=redis_settings(settings),
            **worker_options(settings),
        )
    finally:
        shutdown_tracing(tracer)
    return 0


def export(args: argparse.Namespace) -> int:
    import asyncio

    from datasources.exports import ExportOptions
    from gateway.export_command import CommandError, checked_output, course_id_of, export_course

    try:
        course_id = course_id_of(args.course_id)
        output = checked_output(args.output)
        message = asyncio.run(
            export_course(
                _settings(),
                course_id,
                args.format,
                output,
                options=ExportOptions(
                    include_diagram=not args.no_diagram,
                    include_questions=not args.no_questions,
                    include_answers=not args.no_answers,
                ),
            )
        )
    except CommandError as exc:
        print(f"curriculum export: {exc}", file=sys.stderr)
        return 1
    print(message)
    return 0


def persisted_queries(args: argparse.Namespace) -> int:
    import asyncio

    from gateway import persisted_command as command

    settings = _settings()
    manifest = Path(args.manifest) if args.manifest else settings.persisted.manifest
    try:
        if args.action == "register":
            if not args.files:
                raise command.CommandError("name at least one .graphql file to register")
            message = command.register(manifest, [Path(f) for f in args.files])
        else:
            message = asyncio.run(command.export(settings, manifest))
    except command.CommandError as exc:
        print(f"curriculum persisted-queries: {exc}", file=sys.stderr)
        return 1
    print(message)
    return 0


def ingest(args: argparse.Namespace) -> int:
    from gateway.ingest_command import ingest as run_ingest
    from gateway.ingest_command import summary

    return _table_command(
        "ingest",
        lambda console: run_ingest(
            _settings(),
            args.paths,
            email=args.user,
            language=args.language,
            wait=args.wait,
            console=console,
        ),
        summary,
    )


def reprocess(args: argparse.Namespace) -> int:
    from gateway.reprocess_command import reprocess as run_reprocess
    from gateway.reprocess_command import summary

    return _table_command(
        "reprocess",
        lambda console: run_reprocess(
            _settings(),
            args.documents,
            email=args.user,
            every=args.all,
            wait=args.wait,
            console=console,
        ),
        summary,
    )


class Outcome(Protocol):
    """One row of a command's summary table."""

    @property
    def ok(self) -> bool: ...


def _table_command(
    name: str,
    run: Callable[[Console], Coroutine[Any, Any, Sequence[Outcome]]],
    summary: Callable[[Sequence[Any]], Table],
) -> int:
    """Run a command whose progress goes to stderr and whose rows end as one table;
    exit 1 when any row is not ok (or the command refused its arguments)."""
    import asyncio

    from rich.console import Console

    from gateway.ingest_command import CommandError

    try:
        rows = asyncio.run(run(Console(stderr=True)))
    except CommandError as exc:
        print(f"curriculum {name}: {exc}", file=sys.stderr)
        return 1
    # Not a terminal (a log, CI): rich would fold the table at 80 columns, splitting paths.
    Console(width=None if sys.stdout.isatty() else 240).print(summary(rows))
    return 0 if all(row.ok for row in rows) else 1


def _start_worker() -> subprocess.Popen[bytes]:
    """`curriculum worker` as a child that gets SIGTERM if this process dies, even by SIGKILL."""
    from jobs.child import die_with_parent

    command = [sys.executable, "-m", "gateway.cli", "worker"]
    return subprocess.Popen(command, preexec_fn=partial(die_with_parent, signal.SIGTERM))  # noqa: S603


def _stop_worker(process: subprocess.Popen[bytes], grace_seconds: int) -> None:
    """SIGTERM (arq finishes or re-queues its jobs), then SIGKILL after a grace period."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=grace_seconds + WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def maintain(args: argparse.Namespace) -> int:
    import asyncio

    import orjson

    from gateway.maintenance_command import maintain as run

    try:
        report = asyncio.run(run(_settings(), args.task, dry_run=args.dry_run))
    except ValueError as exc:
        print(f"curriculum maintain: {exc}", file=sys.stderr)
        return 2
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    return 0


def reconcile(args: argparse.Namespace) -> int:
    import asyncio

    import orjson

    from gateway.maintenance_command import reconcile_stores

    report = asyncio.run(reconcile_stores(_settings(), fix=args.fix))
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    return 0


def backup(args: argparse.Namespace) -> int:
    import asyncio

    from gateway.backup.manifest import BackupError
    from gateway.backup.run import backup as run

    _log_info()
    try:
        folder = asyncio.run(run(_settings(), Path(args.dir)))
    except BackupError as exc:
        print(f"curriculum backup: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"curriculum backup: cannot write the backup: {exc}", file=sys.stderr)
        return 1
    print(folder)
    return 0


def base_backup(args: argparse.Namespace) -> int:
    import orjson

    from gateway.backup.base_backup import base_backup as run
    from gateway.backup.manifest import BackupError

    _log_info()
    archive = Path(args.prune_archive) if args.prune_archive else None
    try:
        report = run(_settings().postgres.url, Path(args.dest), archive, dry_run=args.dry_run)
    except (BackupError, OSError) as exc:  # the message names the path or the tool's error
        print(f"curriculum base-backup: {exc}", file=sys.stderr)
        return 1
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    return 0


def restore(args: argparse.Namespace) -> int:
    import asyncio

    import orjson

    from gateway.backup.manifest import BackupError
    from gateway.backup.run import restore as run

    _log_info()
    try:
        report = asyncio.run(run(_settings(), Path(args.dir), force=args.force))
    except BackupError as exc:
        print(f"curriculum restore: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"curriculum restore: cannot read the backup: {exc}", file=sys.stderr)
        return 1
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    return 1 if report["differences"] else 0


def _log_info() -> None:
    """Progress lines of the long commands on stderr (the drivers' own chatter stays off)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logging.getLogger("gateway.backup").addHandler(handler)
    logging.getLogger("gateway.backup").setLevel(logging.INFO)


def seed_demo(args: argparse.Namespace) -> int:
    import asyncio

    from gateway.seed import seed_demo as run_seed

    asyncio.run(run_seed(_settings(), scale=args.scale))
    return 0


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stack"]:
        from gateway.stack.cli import run

        sys.exit(run(argv[1:]))
    parser = argparse.ArgumentParser(prog="curriculum", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("serve", help="serve GraphQL (and GraphiQL) over HTTP/WebSocket")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument(
        "--workers",
        type=_worker_count,
        help="server processes (default: one per core when APP_ENV=production, else 1)",
    )
    p.add_argument(
        "--with-worker",
        action="store_true",
        help="also run one background worker, stopped with the server (make run)",
    )
    p.add_argument("--check", action="store_true", help="only check the port is free, then exit")
    p.set_defaults(func=serve)
    p = commands.add_parser("worker", help="run the arq background worker (docs/worker.md)")
    p.add_argument("--check", action="store_true", help="exit 0 when a worker is healthy")
    p.set_defaults(func=worker)
    commands.add_parser("stack", help="dev stores: stack up [--with-weaviate] | down | status")
    p = commands.add_parser("migrate", help="apply PostgreSQL migrations (alembic)")
    p.add_argument("revision", nargs="?", default="head")
    p.set_defaults(func=migrate)
    p = commands.add_parser("export-schema", help="write the GraphQL SDL")
    p.add_argument("output", nargs="?", default="schema.graphql")
    p.set_defaults(func=export_schema)
    p = commands.add_parser("export", help="export a course to a file (runs the export job)")
    p.add_argument("course_id", metavar="COURSE_ID", help="the course's id (a UUID)")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="the file's format")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="where to write it")
    p.add_argument("--no-diagram", action="store_true", help="leave out the prerequisite map")
    p.add_argument(
        "--no-questions", action="store_true", help="leave out the self-assessment questions"
    )
    p.add_argument(
        "--no-answers", action="store_true", help="leave out the answer key (a students' copy)"
    )
    p.set_defaults(func=export)
    p = commands.add_parser(
        "persisted-queries",
        help="register operations for PERSISTED_QUERIES=allowlist (docs/persisted-queries.md)",
    )
    p.add_argument("action", choices=("register", "export"))
    p.add_argument("files", nargs="*", metavar="FILE", help="register: .graphql documents")
    p.add_argument("--manifest", help="default: PERSISTED_QUERIES_MANIFEST")
    p.set_defaults(func=persisted_queries)
    p = commands.add_parser(
        "ingest", help="upload documents for a user (as uploadDocument does) and queue them"
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="PDF, DOCX, PPTX, ODT, ODP, EPUB, Markdown, notebook, HTML, LaTeX, RST, AsciiDoc, Org,"
        " Typst, MediaWiki, DokuWiki, Textile, DocBook, JATS, PreTeXt, OPML, Evernote (.enex), a"
        " Moodle XML or QTI quiz, a manual page (troff), an Excel or Calc glossary or quiz sheet"
        " (.xlsx, .ods), Kindle clippings, captions (.srt, .vtt, Bilibili .json), an Anki deck"
        " (.apkg), a zipped LaTeX project or SCORM package (.zip, .imscc), RTF or text",
    )
    p.add_argument("--user", required=True, metavar="EMAIL", help="the owner's email")
    p.add_argument("--language", metavar="TAG", help="en or zh-CN (default: detected)")
    p.add_argument("--wait", action="store_true", help="follow each task until it ends")
    p.set_defaults(func=ingest)
    p = commands.add_parser(
        "reprocess",
        help="process stored documents again (as reprocessDocument does), after an upgrade",
    )
    p.add_argument("documents", nargs="*", metavar="DOCUMENT_ID", help="a UUID or global id")
    p.add_argument("--user", metavar="EMAIL", help="every document of this user")
    p.add_argument("--all", action="store_true", help="every document that is not deleted")
    p.add_argument("--wait", action="store_true", help="follow each task until it ends")
    p.set_defaults(func=reprocess)
    p = commands.add_parser(
        "maintain",
        help="run one retention task now (docs/operations.md)",
        description="Run one of the worker's retention jobs now.",
    )
    # Checked when it runs (importing the jobs here would slow every command down).
    p.add_argument(
        "task",
        metavar="TASK",
        help="documents, audit-logs, tasks, exports, graph-orphans or embeddings",
    )
    p.add_argument("--dry-run", action="store_true", help="report what would go; remove nothing")
    p.set_defaults(func=maintain)
    p = commands.add_parser(
        "reconcile", help="find (and with --fix repair) drift between the stores"
    )
    p.add_argument("--fix", action="store_true", help="repair what was found (idempotent)")
    p.set_defaults(func=reconcile)
    p = commands.add_parser(
        "backup", help="back up every store into DIR/curriculum-backup-<time>/ (while running)"
    )
    p.add_argument("dir", metavar="DIR", help="where the timestamped backup folder goes")
    p.set_defaults(func=backup)
    p = commands.add_parser(
        "base-backup",
        help="a PostgreSQL base backup for point-in-time recovery; prune the WAL archive before it",
    )
    p.add_argument("dest", metavar="DEST", help="a new (or empty) directory for the base backup")
    p.add_argument(
        "--prune-archive",
        metavar="DIR",
        help="the WAL archive: remove its segments older than this base backup",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="with --prune-archive: count, remove nothing"
    )
    p.set_defaults(func=base_backup)
    p = commands.add_parser(
        "restore", help="restore a backup folder into an empty stack (docs/operations.md)"
    )
    p.add_argument("dir", metavar="DIR", help="the backup folder (it holds manifest.json)")
    p.add_argument(
        "--force", action="store_true", help="replace what the target stores already hold"
    )
    p.set_defaults(func=restore)
    p = commands.add_parser("seed-demo", help="fill the stores with a demo dataset")
    p.add_argument("--scale", type=int, default=1)
    p.set_defaults(func=seed_demo)
    args = parser.parse_args(argv)
    sys.exit(args.func(args))


if __name__ == "__main__":
    main()
