"""scripts/bootstrap.sh against a fake machine: PATH holds only stubs and basic tools.

Commands, the linker cache (`ldconfig -p`), versions (a JDK's `release` file, `node
--version`, Go's VERSION), `id -u` and `apt-get` are stubs; `file:` checks read the real
filesystem, so their expectations follow what this machine has.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "bootstrap.sh"
TOOLS = (
    "bash",
    "sh",
    "dirname",
    "readlink",
    "sed",
    "cat",
    "cp",
    "chmod",
    "mkdir",
    "rm",
    "mv",
)


def _requirements() -> list[tuple[str, str, str]]:
    """(profile, package, check) rows of the script's one list."""
    text = SCRIPT.read_text(encoding="utf-8")
    block = text.split("REQUIREMENTS='", 1)[1].split("'", 1)[0]
    rows = []
    for line in block.splitlines():
        if line.strip() and not line.startswith("#"):
            profile, package, check = line.split()[:3]
            rows.append((profile, package, check))
    return rows


ROWS = _requirements()
FILES = {package: check.removeprefix("file:") for _, package, check in ROWS if "file:" in check}
LIBS = {package: check.removeprefix("lib:") for _, package, check in ROWS if "lib:" in check}
COMMANDS = {package: check.removeprefix("cmd:") for _, package, check in ROWS if "cmd:" in check}


def _absent_files(packages: set[str]) -> set[str]:
    return {p for p in packages if p in FILES and not Path(FILES[p]).exists()}


def _packages(*profiles: str) -> set[str]:
    return {package for profile, package, _ in ROWS if profile in profiles}


@dataclass
class Machine:
    """A temp dir with a copy of the script (so no .venv next to it) and a stub PATH."""

    root: Path
    uid: int = 1000
    apt: bool = True
    python_version: str = "3.11"
    java_version: str = "17.0.15"
    node_version: str = "v18.19.0"
    go_version: str = "go1.26.0"
    missing: set[str] = field(default_factory=set)  # Debian packages not "installed"

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def apt_log(self) -> Path:
        return self.root / "apt.log"

    @property
    def go_log(self) -> Path:
        return self.root / "go.log"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def build(self) -> None:
        (self.root / "scripts").mkdir(parents=True)
        shutil.copy(SCRIPT, self.root / "scripts" / "bootstrap.sh")
        self.bin.mkdir()
        for tool in TOOLS:
            real = shutil.which(tool)
            assert real is not None, tool
            (self.bin / tool).symlink_to(real)
        self._stub("id", f'[ "$1" = -u ] && echo {self.uid}')
        if self.apt:
            self._apt()
        for package in _packages("run", "weaviate", "test") - self.missing:
            self.install(package)
        self._ldconfig()

    def install(self, package: str) -> None:
        if package in COMMANDS and package != "golang-go":
            self._stub(COMMANDS[package], "exit 0")
        elif package == "python3":
            self._stub(
                "python3",
                'case "$2" in *ensurepip*) [ -e "${0%/*}/../venv-ok" ] ;; '
                f"*) echo {self.python_version} ;; esac",
            )
        elif package == "sudo":
            self._stub("sudo", "exit 0")
        elif package == "python3-venv":
            (self.root / "venv-ok").touch()
        elif package == "openjdk-17-jdk-headless":
            jdk = self.root / "jdk"
            (jdk / "bin").mkdir(parents=True, exist_ok=True)
            (jdk / "release").write_text(f'IMPLEMENTOR="x"\nJAVA_VERSION="{self.java_version}"\n')
            for tool in ("java", "javac"):
                self._stub(tool, "exit 0", where=jdk / "bin")
                (self.bin / tool).unlink(missing_ok=True)
                (self.bin / tool).symlink_to(jdk / "bin" / tool)
        elif package == "nodejs":
            self._stub("node", f"echo {self.node_version}")
        elif package == "golang-go":
            self._go()
        elif package in LIBS:
            (self.root / "libs").mkdir(exist_ok=True)
            (self.root / "libs" / LIBS[package]).touch()

    def _stub(self, name: str, body: str, where: Path | None = None) -> None:
        path = (where or self.bin) / name
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    def _ldconfig(self) -> None:
        # Lists the libraries "installed" at the time it runs, like the real cache.
        body = (
            f'for f in "{self.root}"/libs/*; do [ -e "$f" ] && '
            'printf "\\t%s (libc6,x86-64) => /lib/%s\\n" "${f##*/}" "${f##*/}"; done; exit 0'
        )
        self._stub("ldconfig", body)

    def _apt(self) -> None:
        # Logs each call; `install` copies in the tree staged for each package it is given.
        self._stub(
            "apt-get",
            f'echo "$*" >> "{self.apt_log}"\n'
            '[ "$1" = install ] || exit 0\n'
            f'for p in "$@"; do [ -d "{self.root}/apt/$p" ] && cp -a "{self.root}/apt/$p/." '
            f'"{self.root}/"; done; exit 0',
        )

    def stage_for_apt(self) -> None:
        """What apt would install for each missing package, ready for the stub to copy in."""
        for package in self.missing:
            staged = Machine(self.root / "apt" / package, **self.versions())
            staged.bin.mkdir(parents=True)
            staged.install(package)

    def versions(self) -> dict[str, str]:
        return {
            "python_version": self.python_version,
            "java_version": self.java_version,
            "node_version": self.node_version,
            "go_version": self.go_version,
        }

    def _go(self) -> None:
        goroot = self.root / "goroot"
        (goroot / "bin").mkdir(parents=True, exist_ok=True)
        (goroot / "VERSION").write_text(self.go_version)  # no final newline, like Go's
        toolchain = self.root / "modcache" / "toolchain"
        (toolchain / "bin").mkdir(parents=True, exist_ok=True)
        (toolchain / "pkg" / "tool" / "linux_amd64").mkdir(parents=True, exist_ok=True)
        (toolchain / "VERSION").write_text("go1.25.0\ntime 2025-08-08T00:00:00Z\n")
        for exe in (toolchain / "bin" / "go", toolchain / "pkg" / "tool" / "linux_amd64" / "vet"):
            exe.write_text("#!/bin/sh\n")
            exe.chmod(0o444)  # module zips do not keep the execute bit
        body = (
            f'echo "$*" >> "{self.go_log}"\n'
            'case "$1 $2" in\n'
            '  "env GOARCH") echo amd64 ;;\n'
            f'  "mod download") printf \'{{\\n\\t"Dir": "{toolchain}",\\n}}\\n\' ;;\n'
            "esac"
        )
        self._stub("go", body, where=goroot / "bin")
        (self.bin / "go").symlink_to(goroot / "bin" / "go")

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environ = {"PATH": str(self.bin), "STACK_CACHE_DIR": str(self.cache)} | (env or {})
        result = subprocess.run(  # noqa: S603 - our script, fixed argv
            [str(self.bin / "bash"), str(self.root / "scripts" / "bootstrap.sh"), *args],
            capture_output=True,
            text=True,
            env=environ,
            timeout=60,
            check=False,
        )
        return result


def _machine(tmp_path: Path, **kwargs: object) -> Machine:
    machine = Machine(root=tmp_path / "m", **kwargs)  # type: ignore[arg-type]
    machine.build()
    return machine


def _listed(stderr: str) -> set[str]:
    """The packages of the message's `apt-get install` line."""
    match = re.search(r"apt-get install -y --no-install-recommends ([^'\n]*)", stderr)
    assert match, stderr
    return set(match.group(1).split())


def test_everything_there_is_silent_and_installs_nothing(tmp_path: Path) -> None:
    if _absent_files(_packages("run", "weaviate", "test")):
        pytest.skip("this machine lacks a file a `file:` check looks for")
    machine = _machine(tmp_path)
    for profile in ("run", "test"):
        result = machine.run(profile)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    assert not machine.apt_log.exists()


def test_as_a_user_it_stops_with_one_message_and_the_command(tmp_path: Path) -> None:
    missing = {"redis-server", "libmagic1", "maven", "python3-venv", "chromium"}
    machine = _machine(tmp_path, missing=missing)
    machine.install("sudo")
    result = machine.run("run")
    assert result.returncode == 1
    expected = {"redis-server", "libmagic1", "maven", "python3-venv"} | _absent_files(
        _packages("run")
    )
    assert _listed(result.stderr) == expected
    assert "\n  sudo apt-get install -y --no-install-recommends " in result.stderr
    assert result.stderr.startswith("bootstrap: this machine lacks what `make run` needs:")
    assert "libmagic.so.1" in result.stderr  # says what it looked for
    assert "chromium" not in result.stderr  # test-only
    assert not machine.apt_log.exists()


def test_as_a_user_without_sudo_it_says_to_install_as_root(tmp_path: Path) -> None:
    machine = _machine(tmp_path, missing={"redis-server"})
    result = machine.run("run")
    assert result.returncode == 1
    assert "\n  su -c 'apt-get install -y --no-install-recommends redis-server" in result.stderr
    assert "redis-server" in _listed(result.stderr)


def test_the_test_profile_adds_the_browser_pdf_tools_and_go(tmp_path: Path) -> None:
    machine = _machine(tmp_path, missing={"chromium", "poppler-utils", "golang-go"})
    assert machine.run("run").returncode == 0 or _absent_files(_packages("run"))
    result = machine.run("test")
    assert result.returncode == 1
    assert {"chromium", "poppler-utils", "golang-go"} <= _listed(result.stderr)
    assert "`make test`" in result.stderr


def test_vector_backend_weaviate_makes_run_need_go(tmp_path: Path) -> None:
    machine = _machine(tmp_path, missing={"golang-go"})
    result = machine.run("run", env={"VECTOR_BACKEND": "Weaviate"})
    assert result.returncode == 1
    assert "golang-go" in _listed(result.stderr)


@pytest.mark.parametrize(
    ("versions", "package", "says"),
    [
        ({"java_version": "11.0.2"}, "openjdk-17-jdk-headless", "javac is 11.0.2, older than 17"),
        ({"node_version": "v12.22.9"}, "nodejs", "node is v12.22.9, older than 18"),
        ({"python_version": "3.9"}, "python3", "is 3.9, older than 3.11"),
    ],
)
def test_too_old_versions_count_as_missing(
    tmp_path: Path, versions: dict[str, str], package: str, says: str
) -> None:
    machine = _machine(tmp_path, **versions)
    result = machine.run("run")
    assert result.returncode == 1
    assert package in _listed(result.stderr)
    assert says in result.stderr


def test_as_root_it_installs_with_apt_once_and_goes_on(tmp_path: Path) -> None:
    missing = {"redis-server", "libmagic1", "python3", "python3-venv", "openjdk-17-jdk-headless"}
    machine = _machine(tmp_path, uid=0, missing=missing)
    machine.stage_for_apt()
    result = machine.run("run")
    if _absent_files(_packages("run")):
        pytest.skip("this machine lacks a file a `file:` check looks for")
    assert result.returncode == 0, result.stderr
    calls = machine.apt_log.read_text().splitlines()
    assert calls[0] == "update -q"
    assert calls[1].startswith("install -y -q --no-install-recommends ")
    assert set(calls[1].split()[4:]) == missing
    assert len(calls) == 2
    assert "installing with apt" in result.stderr


def test_as_root_it_reports_what_apt_could_not_provide(tmp_path: Path) -> None:
    machine = _machine(tmp_path, uid=0, missing={"redis-server"})  # nothing staged for apt
    result = machine.run("run")
    assert result.returncode == 1
    assert "redis-server" in _listed(result.stderr)
    assert "apt could not provide them all" in result.stderr
    assert "sudo" not in result.stderr


def test_without_apt_it_names_the_debian_packages(tmp_path: Path) -> None:
    machine = _machine(tmp_path, uid=0, apt=False, missing={"redis-server"})
    result = machine.run("run")
    assert result.returncode == 1
    assert "redis-server" in result.stderr
    assert "These are Debian package names" in result.stderr


def test_an_old_go_gets_a_toolchain_in_the_cache_once(tmp_path: Path) -> None:
    machine = _machine(tmp_path, go_version="go1.19.8")
    first = machine.run("test")
    if _absent_files(_packages("run", "weaviate", "test")):
        pytest.skip("this machine lacks a file a `file:` check looks for")
    assert first.returncode == 0, first.stderr
    assert "fetching go1.25.0" in first.stderr
    toolchain = machine.cache / "toolchains" / "go"
    assert (toolchain / "VERSION").read_text().startswith("go1.25.0\n")
    assert os.access(toolchain / "bin" / "go", os.X_OK)
    assert os.access(toolchain / "pkg" / "tool" / "linux_amd64" / "vet", os.X_OK)
    assert "mod download -json golang.org/toolchain@v0.0.1-go1.25.0.linux-amd64" in (
        machine.go_log.read_text()
    )
    machine.go_log.unlink()
    second = machine.run("test")
    assert second.returncode == 0
    assert second.stderr == ""
    assert not machine.go_log.exists()


def test_a_new_enough_go_needs_no_toolchain(tmp_path: Path) -> None:
    machine = _machine(tmp_path, go_version="go1.25.3")
    machine.run("test")
    assert not (machine.cache / "toolchains").exists()
    assert not machine.go_log.exists()


def test_an_unknown_profile_is_refused(tmp_path: Path) -> None:
    machine = _machine(tmp_path)
    result = machine.run("prod")
    assert result.returncode == 2
    assert "unknown profile 'prod'" in result.stderr


def _planned(target: str) -> list[str]:
    """The commands `make -n TARGET` would run, in order."""
    result = subprocess.run(  # noqa: S603 - fixed argv
        [shutil.which("make") or "make", "-n", "--no-print-directory", "-C", str(ROOT), target],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def _index(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines) if needle in line)


def test_make_run_bootstraps_the_run_profile_and_checks_port_before_the_stores() -> None:
    plan = _planned("run")
    assert _index(plan, "scripts/bootstrap.sh run") == 0
    assert _index(plan, "serve --check") < _index(plan, "stack up")
    assert not any("bootstrap.sh test" in line for line in plan)


def test_make_test_bootstraps_the_test_profile_first() -> None:
    plan = _planned("test")
    assert _index(plan, "scripts/bootstrap.sh test") == 0
    assert _index(plan, "stack up --with-weaviate") < _index(plan, "pytest")
