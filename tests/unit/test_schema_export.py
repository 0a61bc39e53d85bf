"""The committed schema.graphql must match the code (run `make schema` to refresh)."""

from pathlib import Path

from schema.root import build_schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_sdl_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == build_schema().as_str() + "\n", "schema.graphql is stale: run make schema"
