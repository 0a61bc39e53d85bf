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

A Chinese quiz platform's question-bank template (问卷星's 题库 import and export: "题型",
"题目", "选项A" … "选项E", "正确答案", "答案解析") names its options by letter and its
right ones by letter ("B", "A,C"); its stem's blank is a pair of brackets ("计划工作的首要
环节是（ ）。"), the right option put in it; a 判断题's "对"/"错" option says the stem is
true or false; and its 答案解析 column, where a teacher writes what the answer means (a
definition, most often), is kept as a paragraph after the question. Not read, a teacher's
问卷星 bank was refused as no glossary and no quiz.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobs.pipeline.model import Block
from jobs.pipeline.readers.blocks import make_blocks
from jobs.pipeline.readers.quizbank import (
    MIN_QUESTIONS,
    answered_question,
    option_truth,
    options_answer,
)

# a header cell, case-folded, before any "- max 120 characters" note the template adds
_QUESTION = re.compile(r"question(?: text)?|题目|题干|试题")
# an option's number, or its letter ("选项a", as case-folded), the letter read as a number
_OPTION = re.compile(r"(?:answer|option|choice|选项)\s*([1-9a-i])")
_CORRECT = re.compile(r"correct answers?(?:\(s\))?|correct options?|answer key|正确答案|标准答案")
# a column that explains the answer: kept, as what the teacher says the answer means
_EXPLANATION = re.compile(r"explanation|答案解析|解析")
# a correct cell that only names options ("2", "1,3", "A,C"), not a fill-in's words
_KEYS = re.compile(r"[\s\d,，、;；.A-Ia-i]*")
# the blank a Chinese stem leaves for its answer: "（ ）", "(  )", "____"
_BLANK = re.compile(r"[（(]\s*[）)]|_{2,}")
# where a header cell's note begins: "Answer 1 - max 75 characters", "Time limit (sec)"
_NOTE = re.compile(r"\s+[-–—]\s+|\s+\(")
# the option numbers in the correct column: "2", "1,3", or "2.0" as a number cell reads
_NUMBER = re.compile(r"(\d+)(?:\.0+)?|([A-Ia-i])(?![a-z])")
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


def _number(key: str) -> str:
    """An option's number from its number or its letter ("b" is "2")."""
    return key if key.isdigit() else str(ord(key.casefold()) - ord("a") + 1)


def _columns(row: Sequence[str]) -> tuple[int, dict[str, int], int, int | None] | None:
    """The question column, the options' columns by number, the correct column and the
    explanation's, if any."""
    question = correct = explanation = None
    options: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = _NOTE.split(" ".join(cell.split()).casefold())[0].strip(" .:*")
        if _QUESTION.fullmatch(name) and question is None:
            question = i
        elif (option := _OPTION.fullmatch(name)) is not None:
            options[_number(option.group(1))] = i
        elif _CORRECT.fullmatch(name):
            correct = i
        elif _EXPLANATION.fullmatch(name) and explanation is None:
            explanation = i
    if question is None or correct is None or len(options) < 2:
        return None
    return question, options, correct, explanation


def _questions(
    rows: Sequence[Sequence[str]],
    question: int,
    options: dict[str, int],
    correct: int,
    explanation: int | None,
) -> list[Block] | None:
    blocks: list[Block] = []
    asked = 0
    last = max(question, correct, explanation or 0, *options.values())
    for row in rows:
        cells = [c.strip() for c in row] + [""] * (last + 1)
        stem = " ".join(cells[question].split())
        keys = [_number(n or letter) for n, letter in _NUMBER.findall(cells[correct])]
        right = [cells[options[n]] for n in keys if n in options and cells[options[n]]]
        if not right and _BLANK.search(stem) and not _KEYS.fullmatch(cells[correct]):
            right = [cells[correct]]  # a fill-in question: its answer is the blank's words
        said = " ".join(cells[explanation].split()) if explanation is not None else ""
        if stem and right:
            asked += 1
            blocks += _answered(stem, right)
        if stem and said:  # an essay question's too: what its answer should say
            blocks += make_blocks("paragraph", said, 1)
    return blocks if asked >= MIN_QUESTIONS else None


def _answered(stem: str, right: list[str]) -> list[Block]:
    """A question's stem with its right options: a true/false option says whether the stem
    stands; a bracketed blank takes the answer; else the answer follows the stem."""
    if len(right) == 1 and (truth := option_truth(right[0])) is not None:
        # a 判断题's option says the stem is true, or false
        return answered_question("", _BLANK.sub("", stem), truth, "")
    answer = options_answer(right)
    if _BLANK.search(stem):  # "…的首要环节是（ ）。": the answer in its brackets
        return answered_question("", _BLANK.sub(answer, stem, count=1), True, "")
    stem = _TRAILING_DOTS.sub("", stem)
    if not stem.endswith(("?", "？")):  # the answer ends the stem's sentence
        answer = _in_sentence(answer)
    return answered_question("", stem, answer, "")


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
