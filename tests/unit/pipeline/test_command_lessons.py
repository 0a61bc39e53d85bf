"""Lessons that teach commands: each introduced once with what its name stands for, then
run in listings and explained by what it does ("`ls` prints …"). A shell lesson's course
had listed `ls` and `pwd` among what its students must know already."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.definitions import en_form_line, find_definitions
from jobs.pipeline.lexicon import OBJECTIVES_HEADING, apparatus
from jobs.pipeline.structure import (
    HEADING_NUMBER,
    _abbreviates,
    expanded_code_names,
    heading_terms,
)
from tests.unit.pipeline.written import concepts_of, keys_of

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
    concepts = {c.key: c for c in concepts_of(tmp_path, LESSON)}
    assert {"pwd", "cd", "wc"} <= concepts.keys()
    # what it does, its colon before the listing a full stop
    assert concepts["pwd"].description == "`pwd` prints the full path of the working folder."
    assert concepts["wc"].description == (
        "`wc` counts the lines, words and characters of every file it is given."
    )


def test_a_quoted_word_inside_a_name_loses_its_quotes() -> None:
    found = list(find_definitions("The Control key is also called the 'Ctrl' key.", 0, False))
    assert [d.term for d in found] == ["the Ctrl key"]


def test_the_word_a_lesson_names_itself_by_and_its_outline_are_no_concepts(
    tmp_path: Path,
) -> None:
    """ "What this lesson will not teach you" made "lesson" a lesson's best concept, and
    "Spreadsheet outline" (the lesson's plan) a concept and a module's title."""
    text = (
        "# Tidy tables\n\n## Table outline\n\n"
        "After this lesson, you will be able to keep a **tidy table** and name its parts.\n\n"
        "## What this lesson will not teach you\n\n"
        "This lesson does not teach charts; the next lesson builds charts from a tidy "
        "table.\n\n## Columns\n\n"
        "A tidy table gives every variable a **column** of its own, and each column holds "
        "one kind of value. A **row** holds one observation, and a tidy table never repeats "
        "a row.\n"
    )
    keys = keys_of(tmp_path, text)
    assert {"tidy table", "column", "row"} <= keys
    assert not keys & {"lesson", "table outline"}
    assert apparatus("Lesson overview") and apparatus("Course agenda")
    assert not apparatus("Overview of the immune system") and not apparatus("Outlier detection")
    # a text about lessons keeps the word: its uses point at no lesson of its own
    about = (
        "# Planning teaching\n\n## The lesson\n\nA **lesson** is one meeting of a class with "
        "a goal. A lesson starts with a question, and a good lesson ends with practice. "
        "Teachers plan each lesson around one goal.\n"
    )
    assert "lesson" in keys_of(tmp_path, about)


def test_the_users_of_a_lesson_s_home_directories_are_no_concepts(tmp_path: Path) -> None:
    """A shell lesson tells its story through a person and her colleagues, whose home
    directories its listings show: their names are the example's, not what it teaches."""
    lesson = (
        "# Home directories\n\n"
        "Every user has a **home directory**. *Odile* is the user in our examples, so her "
        "home directory is `/home/odile`. Odile keeps her survey data there. The user "
        "*brannock* has `/home/brannock`, and Odile's colleague Brannock rarely logs in.\n\n"
        "```bash\n$ pwd\n/home/odile\n$ ls /home\nbrannock  odile\n```\n\n"
        "Odile opens a terminal and Odile types `pwd` to see her home directory again. "
        "The home directory holds each user's own files.\n"
    )
    keys = keys_of(tmp_path, lesson)
    assert "home directory" in keys
    assert not {"odile", "brannock"} & keys


def test_a_quiz_s_options_named_by_number_are_no_concepts(tmp_path: Path) -> None:
    """The solution to a multiple-choice exercise talks about its options by number ("Option
    4 is the correct answer"): the numbered option is the quiz's, the option itself a term."""
    lesson = (
        "# Options\n\nAn **option** changes what a command does: `ls -l` lists details.\n\n"
        "Which command lists the files by size?\n\n1. `ls -t`\n2. `ls -S`\n3. `ls -r`\n\n"
        "Option 2 is the correct answer. For option 1 to be correct the files would be sorted "
        "by time, and option 3 reverses the order. Option 2 sorts by size, as option 2 says.\n"
    )
    keys = keys_of(tmp_path, lesson)
    assert "option" in keys
    assert not {k for k in keys if k.startswith("option ")}


def test_a_school_lessons_stages_are_no_concepts(tmp_path: Path) -> None:
    """A teacher's deck and plan name the lesson's stages ("Exit Ticket" was a deck's
    concept and a module over its two check questions); a subject's own words stay."""
    text = (
        "# Erosion\n\n## Do Now\n\nList three things that can move soil.\n\n"
        "## Rivers\n\n**Erosion** is the removal of soil and rock by water, wind or ice. "
        "Erosion by rivers carves valleys, and erosion by wind shapes dunes.\n\n"
        "## Guided Practice\n\nLabel the valley on the diagram.\n\n"
        "## Exit Ticket\n\nWhich force carved the valley? Explain.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "erosion" in keys
    assert not keys & {"do now", "guided practice", "exit ticket"}
    assert all(apparatus(h) for h in ("Warm-Up", "Check for Understanding", "Success Criteria"))
    # a worksheet's vocabulary part is named by its format; a subject's matching stays
    assert apparatus("Vocabulary Matching") and apparatus("Word Bank")
    assert not apparatus("Matching") and not apparatus("Pattern Matching")
    assert not apparatus("Closure") and not apparatus("Hooks")


def test_a_unit_plans_template_parts_are_no_concepts(tmp_path: Path) -> None:
    """A unit planned by backward design fills the same template every time ("Enduring
    Understandings", "Performance Task"): its parts name no topic of the unit."""
    text = (
        "# Unit Plan: Tides\n\n## Stage 1 – Desired Results\n\n### Established Goals\n\n"
        "- Explain the pull of the Moon on the oceans.\n\n### Enduring Understandings\n\n"
        "- A **tide** is the regular rise and fall of the sea surface caused by the Moon.\n\n"
        "## Stage 2 – Assessment Evidence\n\n### Performance Task\n\n"
        "Draw a tide chart for a harbour over two days.\n\n### Other Evidence\n\n- Quiz\n\n"
        "## Stage 3 – Learning Plan\n\nDay 1: tide pools. Day 2: spring tides and neap tides.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "tide" in keys
    # its stages are numbered parts, and its lists of what pupils come away with are
    # its objectives' headings
    assert HEADING_NUMBER.sub("", "Stage 2 – Assessment Evidence") == "Assessment Evidence"
    assert OBJECTIVES_HEADING.match("Students will know…")
    assert OBJECTIVES_HEADING.match("Students will be able to:")
    assert not OBJECTIVES_HEADING.match("Students will know the tides by heart")
    assert not keys & {
        "established goal",
        "enduring understanding",
        "performance task",
        "other evidence",
        "desired result",
        "assessment evidence",
        "learning plan",
    }, keys


def test_a_handouts_line_of_form_fields_defines_nothing(tmp_path: Path) -> None:
    """ "Subject: Earth Science Grade: 9 Duration: 2 weeks Teacher: Mr. Ito" heads a plan
    typed without emphasis: a form's fields, no label defined by its value ("subject" was a
    unit plan's concept); a glossary's "Term: gloss" line is no form."""
    text = (
        "# Rivers\n\nSubject: Earth Science Grade: 9 Duration: 2 weeks Teacher: Mr. Ito\n\n"
        "## Levees\n\nA levee is a ridge of sediment along a river bank. Floods build a "
        "levee when the water slows and drops its sand.\n\nOver time a levee grows, "
        "and a broken levee floods the plain.\n"
    )
    described = {c.key: c.description for c in concepts_of(tmp_path, text)}
    assert described["levee"]
    assert not described.keys() & {"subject", "grade", "duration", "teacher"}, described
    assert en_form_line("**Course:** Geology **Level:** 9 **Instructor:** Mr. Ito")
    assert not en_form_line("Delta: the land a river builds at its mouth.")
    assert not en_form_line("Note: rivers carry sand. Hint: it settles. Key: water slows.")


def test_what_a_teacher_calls_the_document_is_no_topic() -> None:
    """ "Worksheet: Plate Tectonics", "The Water Cycle – Reading Guide": the document's
    kind beside its topic was a heading term of its own; a lesson plan's bare
    "Objectives" heading was a concept and a module."""
    assert [c.term for c in heading_terms("Worksheet: Plate Tectonics", 0, 1)] == [
        "Plate Tectonics"
    ]
    assert [c.term for c in heading_terms("The Water Cycle – Reading Guide", 0, 1)] == [
        "Water Cycle"
    ]
    assert apparatus("Objectives") and apparatus("Lesson Plan") and apparatus("Study Guide")
    assert not apparatus("Objective Functions") and not apparatus("Plate Tectonics")
