"""Lessons that teach commands: each introduced once with what its name stands for, then
run in listings and explained by what it does ("`ls` prints …"). A shell lesson's course
had listed `ls` and `pwd` among what its students must know already."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.structure import _abbreviates, expanded_code_names

LESSON = """# Finding your way around

## Where you are

Before moving, check your position with a command called `pwd`
(short for 'print working directory').
At every moment the terminal works inside one folder, the **working folder**.
`pwd` prints the full path of the working folder:

```bash
$ pwd
/home/ana
```

## Moving between folders

The `cd` (change directory) command moves you to another folder.
After `cd`, the working folder is the one you moved to.

```bash
$ cd data
$ cd ..
```

## Counting

The counting tool is `wc`, and `wc` stands for 'word count'.
`wc` counts the lines, words and characters of every file it is given.
`wc` has a few options, and each folder holds files worth counting.
"""


def test_a_code_name_is_short_for_the_words_in_brackets_or_after_stands_for() -> None:
    assert _abbreviates("pwd", "print working directory")
    assert _abbreviates("mkdir", "make directory")
    assert _abbreviates("rm", "remove") and _abbreviates("cat", "concatenate")
    assert not _abbreviates("go", "change folder")
    assert not _abbreviates("x", "xylophone")  # one letter abbreviates nothing
    assert not _abbreviates("cd", "cd")
    found = expanded_code_names(
        "Use `ls` (listing) and the `du` (disk usage) command; `wc` stands for 'word count', "
        "`foo` (see below) and `x` (the input) are no abbreviations.",
        3,
    )
    assert [(c.term, c.kind, c.block) for c in found] == [
        ("ls", "expanded", 3),
        ("du", "expanded", 3),
        ("wc", "expanded", 3),
    ]


def test_commands_introduced_with_their_expansion_are_concepts_described_by_their_work(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lesson.md"
    path.write_text(LESSON, encoding="utf-8")
    concepts = {c.key: c for c in analyse_file(path, language="en").knowledge.concepts}
    assert {"pwd", "cd", "wc"} <= concepts.keys()
    # what it does, its colon before the listing a full stop
    assert concepts["pwd"].description == "`pwd` prints the full path of the working folder."
    assert concepts["wc"].description == (
        "`wc` counts the lines, words and characters of every file it is given."
    )


def test_a_quoted_word_inside_a_name_loses_its_quotes() -> None:
    found = list(find_definitions("The Control key is also called the 'Ctrl' key.", 0, False))
    assert [d.term for d in found] == ["the Ctrl key"]
