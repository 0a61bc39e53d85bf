"""The evaluation's judged sets are consistent, and its matching and junk rules do what
BENCHMARKS.md says (the chapters themselves are not needed here)."""

from __future__ import annotations

from eval.judged import chapters, load, match_form
from eval.run import is_junk


def test_judged_sets_are_consistent() -> None:
    names = chapters()
    assert len(names) == 10
    assert sum(load(n).held_out for n in names) == 4
    for name in names:
        chapter = load(name)
        assert 15 <= len(chapter.concepts) <= 25, name
        assert 10 <= len(chapter.pairs) <= 20, name
        for pair in chapter.pairs:
            for concept in pair:
                other, _, key = concept.rpartition(":")
                target = load(other) if other else chapter
                assert key in target.concepts, (name, concept)
        for concept, languages in chapter.concepts.items():
            assert languages.get("en") or languages.get("zh"), (name, concept)


def test_names_match_by_form_not_by_spelling() -> None:
    assert match_form("Mutable References") == match_form("mutable reference")
    assert match_form("Matrix--Vector Products") == match_form("matrix-vector product")
    assert match_form("Newton's method") == match_form("Newton method")
    assert match_form("字符串 slice") == match_form("字符串slice")
    assert match_form("Box<T>") == match_form("box")


def test_junk_rule() -> None:
    for junk in ("Figure 3", "Listing 4-1", "push_str", "with a garbage collector", "第3章", "42"):
        assert is_junk(junk), junk
    for fine in ("ownership", "mutable reference", "RefCell", "线性方程组", "Gaussian elimination"):
        assert not is_junk(fine), fine
