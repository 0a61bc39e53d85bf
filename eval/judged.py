"""Reading the judged sets and matching the pipeline's concepts against them.

A judged concept is found when an output concept's match form equals the match form of
one of its names: `concept_key` (case, singular/plural, articles, `<T>` parameters,
backticks), with hyphens as spaces, "'s" dropped, and no spaces at all in Chinese.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from datasources.concept_keys import concept_key

JUDGED = Path(__file__).parent / "judged"


@dataclass(frozen=True, slots=True)
class Chapter:
    name: str
    held_out: bool
    concepts: dict[str, dict[str, list[str]]]  # id -> language -> names
    pairs: list[tuple[str, str]]
    added: str | None = None  # date a held-out chapter joined the corpus (None: the first ten)

    @property
    def set_name(self) -> str:
        if not self.held_out:
            return "tuned"
        return f"held-out (added {self.added})" if self.added else "held-out"

    def names(self, concept: str, language: str) -> list[str]:
        return self.concepts.get(concept, {}).get(language, [])


def load(name: str) -> Chapter:
    data = tomllib.loads((JUDGED / f"{name}.toml").read_text(encoding="utf-8"))
    return Chapter(
        name,
        bool(data["held_out"]),
        data["concepts"],
        [tuple(p) for p in data["pairs"]],
        data.get("added"),
    )


def chapters() -> list[str]:
    return sorted(p.stem for p in JUDGED.glob("*.toml"))


def match_form(name: str) -> str:
    key = concept_key(name).replace("'s", "").replace("-", " ").replace("'", "")
    key = " ".join(key.split())
    if re.search(r"[\u3400-\u9fff]", key):
        key = key.replace(" ", "")
    return key
