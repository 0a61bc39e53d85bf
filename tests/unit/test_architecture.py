"""Arrows that must not go the wrong way, checked on every `make test`.

The import contracts are import-linter's, in pyproject.toml (`make lint` runs them
too): gateway > schema > resolvers > datasources, jobs on datasources only, no
strawberry below resolvers, no store driver in schema or resolvers. The schema also
never touches `ctx.stores`: it calls resolver functions.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("gateway", "schema", "resolvers", "datasources", "jobs")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own venv's tool, fixed arguments
        [str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 kept, 0 broken" in done.stdout


def test_each_contract_catches_a_wrong_arrow(tmp_path: Path) -> None:
    # A copy of the code with one wrong import per contract: each must break.
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "static", "target"),
        )
    wrong = {
        "datasources/ids.py": "import resolvers.context",  # an arrow back up
        "jobs/maintenance.py": "import gateway.cli",  # a job reaching the gateway
        "datasources/errors.py": "import strawberry",  # GraphQL below resolvers
        "resolvers/auth.py": "import neo4j",  # a driver in a resolver
    }
    for path, line in wrong.items():
        with (tmp_path / path).open("a", encoding="utf-8") as module:
            module.write(f"\n{line}  # noqa\n")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "0 kept, 4 broken" in done.stdout, done.stdout


def _store_accesses(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "stores"
    ]


def test_the_schema_never_touches_a_store() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "schema").rglob("*.py"))
        if (lines := _store_accesses(path))
    }
    assert found == {}, f"schema code reads ctx.stores (call a resolver instead): {found}"


def test_the_store_check_sees_an_access(tmp_path: Path) -> None:
    module = tmp_path / "field.py"
    module.write_text("async def f(info):\n    return info.context.stores.graph\n")
    assert _store_accesses(module) == [2]
