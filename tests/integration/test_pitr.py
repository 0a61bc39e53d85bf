"""Point-in-time recovery from the dev stack's WAL archive (docs/operations.md).

A base backup (pg_basebackup), a first write, a moment T, a second write; then a second
PostgreSQL on a free port recovers the base backup with the archived WAL up to T: the
first write is there, the second is not.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from datasources.settings import Settings
from gateway.backup.base_backup import base_backup, first_segment, take
from gateway.stack.paths import StackPaths
from gateway.stack.postgres import PG_BIN, PostgresStore, admin_url
from gateway.stack.process import choose_ports

pytestmark = pytest.mark.integration
DATABASE = "pitr_test"


def _url(url: str, *, port: int | None = None, database: str | None = None) -> str:
    parts = urlsplit("postgresql://" + url.split("://", 1)[1])
    netloc = parts.netloc if port is None else parts.netloc.rsplit(":", 1)[0] + f":{port}"
    return urlunsplit(
        parts._replace(netloc=netloc, path=f"/{database}" if database else parts.path)
    )


def _run(argv: list[str], run_as: dict[str, Any], env: dict[str, str] | None = None) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | (env or {})
    result = subprocess.run(  # noqa: S603 - fixed argv
        argv, capture_output=True, text=True, env=clean, timeout=600, check=False, **run_as
    )
    assert result.returncode == 0, f"{argv[0]} failed: {result.stderr}{result.stdout}"


@pytest.fixture
def stack_postgres(stack_settings: Settings) -> PostgresStore:
    store = PostgresStore(StackPaths.from_env())
    if store.running() is None:
        pytest.skip("needs the dev stack's own PostgreSQL (its WAL archive), not an external one")
    return store


@pytest.fixture
def workdir(stack_postgres: PostgresStore) -> Iterator[Path]:
    # Under the stack's state dir: the server's OS user can reach it (not so /tmp/pytest-*).
    path = stack_postgres.paths.state / "pitr-test" / uuid.uuid4().hex[:8]
    path.mkdir(parents=True)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


async def _execute(url: str, *statements: str) -> Any:
    conn = await asyncpg.connect(url)
    try:
        result = None
        for statement in statements:
            result = await conn.fetchval(statement)
        return result
    finally:
        await conn.close()


async def _archived(url: str, segment: str, *, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        last = await _execute(url, "SELECT last_archived_wal FROM pg_stat_archiver")
        if last is not None and last >= segment:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"WAL segment {segment} was not archived within {seconds:.0f} s")


@pytest.mark.timeout(900)
async def test_recovery_to_a_time_between_two_writes(
    stack_settings: Settings, stack_postgres: PostgresStore, workdir: Path
) -> None:
    admin = _url(stack_settings.postgres.url, database="postgres")
    await _execute(
        admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{DATABASE}"'
    )
    db = _url(stack_settings.postgres.url, database=DATABASE)
    await _execute(db, "CREATE TABLE writes (what text PRIMARY KEY, at timestamptz)")
    assert await _execute(admin, "SHOW archive_mode") == "on"

    run_as = stack_postgres._prepare_os_user()
    base = workdir / "base"
    uri, secret = admin_url(stack_settings.postgres.url, "postgres")
    _run(
        [str(PG_BIN / "pg_basebackup"), "-d", uri, "-D", str(base), "-X", "stream", "-c", "fast"],
        {},
        secret,
    )
    if run_as:
        shutil.chown(workdir, run_as["user"], run_as["group"])
        for path in [base, *base.rglob("*")]:
            os.chown(path, run_as["user"], run_as["group"], follow_symlinks=False)
    base.chmod(0o700)

    await _execute(db, "INSERT INTO writes VALUES ('first', clock_timestamp())")
    await asyncio.sleep(1.5)
    target = await _execute(db, "SELECT clock_timestamp()")
    await asyncio.sleep(1.5)
    await _execute(db, "INSERT INTO writes VALUES ('second', clock_timestamp())")
    segment = await _execute(admin, "SELECT pg_walfile_name(pg_switch_wal())")
    await _archived(admin, segment)

    archive = stack_postgres.wal_archive
    (base / "recovery.signal").touch()
    with (base / "postgresql.auto.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            f"restore_command = 'cp {archive}/%f %p'\n"
            f"recovery_target_time = '{target.isoformat()}'\n"
            "recovery_target_action = 'promote'\n"
        )
    if run_as:
        os.chown(base / "recovery.signal", run_as["user"], run_as["group"])
    (port,) = choose_ports([[0]], avoid=set())
    log = workdir / "recovered.log"
    ctl = [str(PG_BIN / "pg_ctl"), "-D", str(base), "-l", str(log), "-w", "-t", "300"]
    # Its own port, and it must not archive into the stack's archive (a new timeline).
    options = f"-c port={port} -c archive_mode=off"
    _run([*ctl, "-o", options, "start"], run_as)
    try:
        recovered = _url(stack_settings.postgres.url, port=port, database=DATABASE)
        deadline = time.monotonic() + 300
        while await _execute(recovered, "SELECT pg_is_in_recovery()"):
            assert time.monotonic() < deadline, "recovery did not finish"
            await asyncio.sleep(0.5)
        rows = await asyncpg.connect(recovered)
        try:
            found = [r["what"] for r in await rows.fetch("SELECT what FROM writes ORDER BY at")]
        finally:
            await rows.close()
        assert found == ["first"]
        # The live database has both: the recovery stopped at T, nothing was lost there.
        conn = await asyncpg.connect(db)
        try:
            live = [r["what"] for r in await conn.fetch("SELECT what FROM writes ORDER BY at")]
        finally:
            await conn.close()
        assert live == ["first", "second"]
    finally:
        _run([*ctl, "-m", "immediate", "stop"], run_as)
        await _execute(admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


# 16 MB segments (initdb's default, which the stack keeps): a log of 4 GB holds 0x100, and
# the name after …01000000FF is …0200000000
SEGMENTS_PER_LOG = 0x100


def _segments_around(first: str, *, before: int, after: int) -> list[str]:
    """WAL segment names from `before` segments before `first` to `after` - 1 after it, in
    order. Counting the last 16 hex digits as one number made names no server writes
    (…0100000105) when the stack's WAL was near a log's end, and the test failed there."""
    timeline, log, segment = first[:8], int(first[8:16], 16), int(first[16:], 16)
    position = log * SEGMENTS_PER_LOG + segment
    return [
        f"{timeline}{n // SEGMENTS_PER_LOG:08X}{n % SEGMENTS_PER_LOG:08X}"
        for n in range(position - before, position + after)
    ]


def test_base_backup_command_prunes_what_precedes_it(
    stack_settings: Settings, stack_postgres: PostgresStore, workdir: Path
) -> None:
    """`curriculum base-backup` against the dev stack's server; the archive pruned is a
    synthetic one named around the real backup's first segment (the dev stack's own
    archive is left alone: a developer's older base backups may still need it)."""
    probe = workdir / "probe"
    first = take(stack_settings.postgres.url, probe)
    assert (probe / "PG_VERSION").is_file() and (probe / "pg_wal").is_dir()
    names = _segments_around(first, before=2, after=8)
    archive = workdir / "archive"
    archive.mkdir()
    for name in names:
        (archive / name).write_bytes(b"")

    dest = workdir / "base"
    report = base_backup(stack_settings.postgres.url, dest, archive, dry_run=False)
    # The second backup starts at or after the probe's segment (a backup's end switches
    # to a new one): at least the two before the probe's go, nothing from its own on.
    needed = report["first_segment"]
    assert first <= needed <= names[-1]
    kept = [name for name in names if name >= needed]
    assert report["removed"] == len(names) - len(kept) >= 2
    assert sorted(p.name for p in archive.iterdir()) == kept
    assert first_segment((dest / "backup_label").read_text()) == report["first_segment"]
