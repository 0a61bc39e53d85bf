"""A quiz bank exported from Moodle as Moodle XML (Question bank > Export > Moodle XML),
read as what its questions teach, as a GIFT bank is (`quizbank`).

The export is a `<quiz>` of `<question type="…">`s: a "category" names the bank's
section ("$course$/top/Economics/Elasticity"); every other question has its `<name>`, its
stem in `<questiontext>` (HTML in CDATA as a rule), its `<answer fraction="100">`s and
`<generalfeedback>`, the explanation shown after an attempt, where a teacher writes what
the question checks ("Price elasticity of demand is …"). Grades, penalties, shuffling and
the stock per-answer feedback ("Your answer is correct.") are no lesson. Read as text, its
tag names were the concepts ("questiontext", "shuffleanswers", "CDATA") and no term was
defined.

Each question is read as `quizbank.answered_question` reads a GIFT one: its stem with the
right answer in its blank (a run of underscores, as teachers mark one for a short-answer
question) or after its "?", a true statement as it stands, a false one not at all; then
its general feedback. A Cloze question's embedded answers ("{1:MULTICHOICE:=right~wrong}")
are their right options in the sentence.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from lxml import etree

from datasources.files.detect import Detected
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers import quizbank, xmlfile
from jobs.pipeline.readers.blocks import make_blocks, virtual_pages

_TAGS = re.compile(r"<[^>]+>")
# the blank of a short-answer or fill-in question: "is called the ____ elasticity"
_BLANK = re.compile(r"_{3,}")
# a Cloze question's embedded answer: "{1:MULTICHOICE:=right#feedback~wrong}"
_CLOZE = re.compile(r"\{\d*:[A-Z_]+:((?:\\.|[^{}\\])*)\}")
# question types whose answers are options with a grade (Moodle's own names)
_OPTION_TYPES = ("multichoice", "shortanswer", "numerical", "calculatedsimple", "calculated")


def read(path: Path, detected: Detected) -> ReadDocument:
    """The questions of the export at `path` as one document, a section a category; a
    file that is no well-formed Moodle XML is corrupt."""
    root = xmlfile.parse_root(path.read_bytes(), "quiz", "the Moodle XML quiz")
    blocks: list[Block] = []
    for question in root.iterfind("question"):
        blocks.extend(_question(question))
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False)


def _question(question: etree._Element) -> list[Block]:
    kind = question.get("type", "")
    if kind == "category":
        return quizbank.category_heading(plain(question.findtext("category/text") or ""))
    name = plain(question.findtext("name/text") or "")
    feedback = plain(question.findtext("generalfeedback/text") or "")
    explained = make_blocks("paragraph", feedback, 1) if feedback else []
    if kind == "matching":
        pairs = [
            (plain(pair.findtext("text") or ""), plain(pair.findtext("answer/text") or ""))
            for pair in question.iterfind("subquestion")
        ]
        return (
            quizbank.answered_question(name, "", None, "")
            + quizbank.matched_pairs(pairs)
            + explained
        )
    stem = _CLOZE.sub(_cloze_answer, plain(question.findtext("questiontext/text") or ""))
    right = _right(question, kind)
    blank = _BLANK.search(stem) if isinstance(right, str) else None
    before, after = (stem[: blank.start()], stem[blank.end() :]) if blank else (stem, "")
    return quizbank.answered_question(name, before.strip(), right, after.strip()) + explained


def _right(question: etree._Element, kind: str) -> str | bool | None:
    """The question's right answer: the options graded best (several a multiple-answer
    question's, joined as a list is), True or False for a true/false question, True for
    a Cloze or description whose stem is the statement, None when there is none to read
    (an essay's, matching pairs)."""
    graded = [
        (_fraction(answer), plain(answer.findtext("text") or ""))
        for answer in question.iterfind("answer")
    ]
    if kind == "truefalse":
        return any(grade > 0 and quizbank.option_truth(text) for grade, text in graded)
    if kind in ("multianswer", "description"):
        return True
    if kind not in _OPTION_TYPES:
        return None
    best = max((grade for grade, text in graded if text), default=0.0)
    if best <= 0:
        return None
    # a multiple-answer question shares the grade among its right options
    rights = [text for grade, text in graded if text and (grade == best or 0 < grade < 100)]
    return quizbank.options_answer(rights)


def _fraction(answer: etree._Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def _cloze_answer(found: re.Match[str]) -> str:
    right = quizbank.right_answer(found.group(1))
    return right if isinstance(right, str) else "…"


def plain(markup: str) -> str:
    """An HTML or plain text field as one line of text, entities read (a QTI quiz's
    `<mattext>` too: `qti`)."""
    return " ".join(html.unescape(_TAGS.sub(" ", markup)).split())
