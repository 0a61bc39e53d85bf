"""The evaluation's judged sets are consistent, and its matching and junk rules do what
BENCHMARKS.md says (the chapters themselves are not needed here)."""

from __future__ import annotations

from eval import asciidoc, mkdocs
from eval.judged import chapters, load, match_form
from eval.run import _in_order, is_junk


def test_judged_sets_are_consistent() -> None:
    names = chapters()
    assert len(names) == 18
    assert sum(load(n).held_out for n in names) == 12
    # the chapters of the three books added later are held out and dated
    assert {n for n in names if load(n).added} == {
        "algo-hashing",
        "algo-tree",
        "algo-heap",
        "algo-graph",
        "progit-ch02",
        "progit-ch03",
        "js-recursion",
        "js-class",
    }
    for name in names:
        chapter = load(name)
        # a javascript.info chapter is a third of a textbook chapter (10-20K characters)
        short = name.startswith("js-")
        assert (12 if short else 15) <= len(chapter.concepts) <= 25, name
        # cross-chapter pairs included
        assert (7 if short else 10) <= len(chapter.pairs) <= 22, name
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


def test_chapters_come_after_the_chapters_their_cross_pairs_name() -> None:
    order = _in_order(chapters())
    assert order.index("rust-ch04") < order.index("rust-ch15")
    assert order.index("progit-ch02") < order.index("progit-ch03")
    assert sorted(order) == chapters()


def test_asciidoc_becomes_markdown() -> None:
    source = (
        "[[_anchor]]\n=== Branches\n\nA _branch_ is a *movable* pointer(((branches))), "
        "see <<_other>>.\n\n[source,console]\n----\n$ git branch testing\n----\n\n"
        ".A branch and its history\nimage::images/branch.png[]\n\nNOTE: Read `+HEAD+`.\n"
    )
    assert asciidoc.to_markdown(source, "en").split("\n") == [
        "",
        "## Branches",
        "",
        "A *branch* is a **movable** pointer, see the section above.",
        "",
        "",
        "```",
        "$ git branch testing",
        "```",
        "",
        "Figure: A branch and its history",
        "",
        "",
        "Read `HEAD`.",
    ]


def test_mkdocs_tabs_keep_python_only() -> None:
    source = (
        'A <u>stack</u> is LIFO.\n\n=== "Python"\n\n    ```python\n    s = []\n    ```\n\n'
        '=== "C++"\n\n    ```cpp\n    stack<int> s;\n    ```\n\n'
        '??? pythontutor "Run"\n\n    <iframe></iframe>\n\n'
        '!!! tip "Why LIFO"\n\n    The last in leaves first.\n\n'
        '<p align="center"> Table <id> &nbsp; Stack operations </p>\n'
        "[file]{stack}-[class]{}-[func]{}\n"
    )
    text = mkdocs.to_markdown(source)
    assert "s = []" in text and "stack<int>" not in text and "iframe" not in text
    assert "Why LIFO" in text and "The last in leaves first." in text
    assert "Table: Stack operations" in text and "[file]" not in text
    assert "A <u>stack</u> is LIFO." in text
