"""A quiz kept as a spreadsheet: Kahoot!'s import template ("Question - max 120
characters", "Answer 1 - max 75 characters" … "Answer 4", "Time limit (sec)", "Correct
answer(s) - choose at least one") or Quizizz's ("Question Text", "Option 1" … "Option 5",
"Correct Answer"), under a few rows of the template's instructions. The correct column
gives the right options' numbers ("2", or "1,3" for several).

Such a workbook has no Term or Definition column, so it was refused as no glossary: a
teacher's 20-question Kahoot quiz on the circulatory system gave nothing. Each row is read
as what it teaches, as a quiz bank's question is (`quizbank.answered_question`): its stem
with the right option after its "?" or in its broken-off end ("… is the" + "sinoatrial
node", the button's capital lowered); the wrong options, the time limit and the
template's instructions dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobs.pipeline.model import Block
from jobs.pipeline.readers.quizbank import MIN_QUESTIONS, answered_question, options_answer

# a header cell, case-folded, before any "- max 120 characters" note the template adds
_QUESTION = re.compile(r"question(?: text)?")
_OPTION = re.compile(r"(?:answer|option|choice)\s*(\d)")
_CORRECT = re.compile(r"correct answers?(?:\(s\))?|correct options?|answer key")
# where a header cell's note begins: "Answer 1 - max 75 characters", "Time limit (sec)"
_NOTE = re.compile(r"\s+[-–—]\s+|\s+\(")
# the option numbers in the correct column: "2", "1,3", or "2.0" as a number cell reads
_NUMBER = re.compile(r"(\d+)(?:\.0+)?")
# the header row sits under the template's title and instructions (Kahoot's at row 8)
HEADER_WITHIN_ROWS = 12
# a stem broken off for its answer: "… between the heart and the..." (Kahoot's "…" blank)
_TRAILING_DOTS = re.compile(r"\s*(?:\.{2,}|…)\s*$")


def table_blocks(table: Sequence[Sequence[str]]) -> list[Block] | None:
    """The blocks of a quiz sheet given as its rows of cells, one answered question a row,
    or None when no row among the first is a quiz template's header."""
    for at, row in enumerate(table[:HEADER_WITHIN_ROWS]):
        columns = _columns(row)
        if columns is not None:
            return _questions(table[at + 1 :], *columns)
    return None


def _columns(row: Sequence[str]) -> tuple[int, dict[str, int], int] | None:
    """The question column, the options' columns by number and the correct column."""
    question = correct = None
    options: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = _NOTE.split(" ".join(cell.split()).casefold())[0].strip(" .:*")
        if _QUESTION.fullmatch(name) and question is None:
            question = i
        elif (option := _OPTION.fullmatch(name)) is not None:
            options[option.group(1)] = i
        elif _CORRECT.fullmatch(name):
            correct = i
    if question is None or correct is None or len(options) < 2:
        return None
    return question, options, correct


def _questions(
    rows: Sequence[Sequence[str]], question: int, options: dict[str, int], correct: int
) -> list[Block] | None:
    blocks: list[Block] = []
    asked = 0
    for row in rows:
        cells = [c.strip() for c in row] + [""] * (max(question, correct, *options.values()) + 1)
        stem = " ".join(cells[question].split())
        numbers = _NUMBER.findall(cells[correct])
        right = [cells[options[n]] for n in numbers if n in options and cells[options[n]]]
        if not stem or not right:
            continue  # an empty row, or a question with no right option marked
        asked += 1
        answer = options_answer(right)
        stem = _TRAILING_DOTS.sub("", stem)
        if not stem.endswith(("?", "？")):  # the answer ends the stem's sentence
            answer = _in_sentence(answer)
        blocks += answered_question("", stem, answer, "")
    return blocks if asked >= MIN_QUESTIONS else None


def _in_sentence(answer: str) -> str:
    """An option as it reads inside a sentence: a quiz's buttons capitalise each option
    ("Sinoatrial node", "Body tissues"), which mid-sentence reads as a name; the first
    letter is lowered when every other word is lower-case and the first is no acronym
    ("DNA polymerase" stays). One word is left as it is: "Lungs" or "Paris" alike."""
    words = answer.split()
    first = words[0] if words else ""
    if len(words) < 2 or not first[:1].isupper() or not first[1:].islower():
        return answer
    if not all(w[:1].islower() or not w[:1].isalpha() for w in words[1:]):
        return answer
    return first[0].lower() + answer[1:]
