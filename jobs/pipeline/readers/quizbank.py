"""A quiz bank exported as text from Moodle or a similar LMS: GIFT ("::Q1:: What is …?
{=right ~wrong}", "$CATEGORY: $course$/top/Topic") or Aiken ("Question?", "A. …", "B. …",
"ANSWER: B").

Read as plain text, a GIFT bank of 29 operations-research questions gave 8 concepts: the
answer braces, the wrong options and the "::LP01::" names ran together with the stems,
and the terms the quiz tests (the right answers: "objective function", "shadow price")
stood in braces no rule reads. A teacher who uploads a quiz bank expects the concepts it
tests, so each question is read as what it teaches: its stem with the right answer put
in its blank ("… is called the feasible region."), or after a question's "?" ("Who
developed the simplex algorithm? George Dantzig."); a true statement as it stands, a
false one not at all; wrong options and feedback dropped. A question's name that names a
topic ("Shadow price", not "Q7") heads it, and each "$CATEGORY" heads a section with its
last part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobs.pipeline.model import Block
from jobs.pipeline.readers.blocks import MAX_TERM_CHARS, glossary_entry, make_blocks
from jobs.pipeline.textutil import HAN

# the fewest questions that make a text a quiz bank, and the share of its paragraphs they
# must be (a text with one "{…}" or one "ANSWER:" line stays prose)
MIN_QUESTIONS = 3
QUESTION_SHARE = 0.6
# the most words a question's name has to head it (a longer one is the stem's opening,
# as Moodle names a question that had no name)
MAX_NAME_WORDS = 6

_CATEGORY = re.compile(r"\$CATEGORY:\s*(.*)")
_NAME = re.compile(r"::((?:\\.|[^:\\]|:(?!:))*)::")
_FORMAT = re.compile(r"^\s*\[(?:html|moodle|plain|markdown)\]", re.IGNORECASE)
# an answer block: "{…}" not escaped as "\{"
_ANSWERS = re.compile(r"(?<!\\)\{((?:\\.|[^{}\\])*)(?<!\\)\}", re.DOTALL)
# one option in an answer block: "=right", "~wrong", "~%-50%wrong", "=%100%right"
_OPTION = re.compile(r"([=~])\s*(?:%-?[\d.]+%)?((?:\\.|[^=~\\])*)")
_TRUE_FALSE = re.compile(r"\s*(T|F|TRUE|FALSE)\s*(?:#.*)?", re.IGNORECASE | re.DOTALL)
_FEEDBACK = re.compile(r"(?<!\\)#.*", re.DOTALL)
# what an answer block opens with: an option ("=", "~"), a number ("#"), true/false
_ANSWER_SHAPE = re.compile(r"\s*(?:[=~#]|(?:T|F|TRUE|FALSE)\s*(?:#|$))", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
# a name that only numbers a question: "Q1", "Question 12", "LP01", "3", "q-07"; or only
# says it is one, "Question", the name Canvas gives every question of a quiz
_ID = re.compile(
    r"(?:question|q(?:uestion)?\s*[-_.]?\s*\d+|[a-z]{0,4}\s*[-_.]?\d+[a-z]?)[.:)]?", re.I
)
# Aiken: "A. text" or "A) text", then "ANSWER: B"
_AIKEN_OPTION = re.compile(r"\s*([A-Z])[.)]\s+(.+)")
_AIKEN_ANSWER = re.compile(r"\s*ANSWER:\s*([A-Z])\s*")


def quiz_blocks(lines: Sequence[str]) -> list[Block] | None:
    """The blocks of a GIFT or Aiken quiz bank, or None when `lines` are not one."""
    return _gift(lines) or _aiken(lines)


def _unescape(text: str) -> str:
    text = _TAGS.sub(" ", re.sub(r"\\n", " ", text))
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def _heading(text: str, level: int) -> list[Block]:
    return make_blocks("heading", text, 1, level=level) if text else []


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """GIFT's questions: runs of lines between blank lines, "//" comments left out."""
    found: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            current.append(line.strip())
        elif current:
            found.append("\n".join(current))
            current = []
    return found


def _gift(lines: Sequence[str]) -> list[Block] | None:
    paragraphs = _paragraphs(lines)
    questions = [p for p in paragraphs if _question(p)]
    others = [p for p in paragraphs if not _CATEGORY.match(p) and p not in questions]
    if len(questions) < MIN_QUESTIONS or len(questions) < QUESTION_SHARE * (
        len(questions) + len(others)
    ):
        return None
    if not any(_OPTION.match(_ANSWERS.findall(q)[0].strip()) for q in questions):
        return None  # no question with options: braces of another kind (TeX's, code's)
    blocks: list[Block] = []
    for paragraph in paragraphs:
        category = _CATEGORY.match(paragraph)
        if category:
            blocks.extend(category_heading(_unescape(category.group(1))))
            continue
        if paragraph not in questions:
            continue
        blocks.extend(_gift_question(paragraph))
    return blocks


def _question(paragraph: str) -> bool:
    """A GIFT question: one answer block, shaped as one ("\\dfrac{F}{A}" in notes typed
    as text is TeX, not two questions)."""
    blocks = _ANSWERS.findall(paragraph)
    return len(blocks) == 1 and (not blocks[0].strip() or bool(_ANSWER_SHAPE.match(blocks[0])))


def _gift_question(text: str) -> list[Block]:
    name = ""
    named = _NAME.match(text.strip())
    if named:
        name, text = _unescape(named.group(1)), text.strip()[named.end() :]
    text = _FORMAT.sub("", text)
    answers = _ANSWERS.search(text)
    assert answers is not None  # a question has its answer block (`_gift`)
    before, after = _unescape(text[: answers.start()]), _unescape(text[answers.end() :])
    pairs = [
        tuple(_unescape(side) for side in _FEEDBACK.sub("", option).split("->", 1))
        for sign, option in _OPTION.findall(answers.group(1))
        if sign == "=" and "->" in option
    ]
    if pairs:
        return _heading(_topic_name(name, before), 2) + matched_pairs(pairs)
    return answered_question(name, before, right_answer(answers.group(1)), after)


# the fewest words of the side of a matching pair that defines the other, a term
MIN_DEFINITION_WORDS = 5


def matched_pairs(pairs: Sequence[Sequence[str]]) -> list[Block]:
    """A matching question's pairs as what it teaches (its stem, "Match each … with …",
    is an instruction): a term matched with the sentence that defines it, either way
    round, is a glossary entry, as a flashcard is; two short sides are one statement,
    "Elasticity of 0: perfectly inelastic". Read as no answer at all, a bank's matching
    question taught nothing but its instruction."""
    blocks: list[Block] = []
    for left, right in pairs:
        if not left or not right:
            continue
        term, definition = sorted((left, right), key=lambda side: len(side.split()))
        shaped = _topic_name(term, definition) == term and len(term) <= MAX_TERM_CHARS
        if shaped and len(definition.split()) >= MIN_DEFINITION_WORDS:
            blocks.extend(glossary_entry([term], definition))
        else:
            blocks.extend(make_blocks("paragraph", f"{left}: {right}".rstrip(".") + ".", 1))
    return blocks


def category_heading(path: str) -> list[Block]:
    """A bank's category as the section it heads: "$course$/top/Operations
    Research/Queueing" is "Queueing", its last part ("$course$" and "top" name no topic)."""
    parts = [p.strip() for p in path.split("/") if p.strip() and not p.startswith("$")]
    parts = parts[1:] if parts[:1] == ["top"] else parts
    return _heading(parts[-1] if parts else "", 1)


def answered_question(name: str, before: str, right: str | bool | None, after: str) -> list[Block]:
    """A question as what it teaches, headed by its name when that names a topic: the
    stem `before` and `after` its blank with the `right` answer in it, or after its "?";
    a true statement (True) as it stands, a false one (False) not at all; None is a
    question with no answer to put in (an essay's)."""
    blocks = _heading(_topic_name(name, before), 2)
    if right is False:  # a false statement teaches nothing as it stands
        return blocks
    if right is True or right is None:  # a true statement, or an essay or numeric question
        sentence = " ".join(p for p in (before, after) if p)
    elif after:  # a blank in the stem: "… is called the {=feasible region ~…}."
        sentence = f"{before} {right}{'' if after[0] in '.,;:?!' else ' '}{after}"
    elif before.endswith(("?", "？")):  # a question, its answer after it
        sentence = f"{before} {right[0].upper()}{right[1:]}".rstrip(".") + "."
    else:
        # a stem that breaks off ("Demand is then said to be:", "… is called the") is
        # the opening of the answer's sentence, as Aiken's is: "… said to be: Elastic."
        # read as two, and the answer a sentence of its own
        sentence = f"{before.rstrip(' :')} {right}".rstrip(".") + "."
    if not sentence:
        return blocks
    return blocks + make_blocks("paragraph", sentence, 1, emphasis=_term_answer(right))


def options_answer(options: Sequence[str]) -> str:
    """Several right options as one answer, as a list reads: "A, B and C" (a multiple-answer
    question's, in every bank format); Chinese options as a Chinese list reads, "甲、乙和丙"
    (an English "and" between Chinese options read as a stray word)."""
    if len(options) == 1:
        return options[0]
    if all(HAN.search(option) for option in options):
        return f"{'、'.join(options[:-1])}和{options[-1]}"
    return f"{', '.join(options[:-1])} and {options[-1]}"


# A true/false question's two options as the bank formats write them: Moodle XML's and
# QTI's "true" / "false", a Chinese quiz platform's 对 / 错 (正确 / 错误, √ / ×)
_TRUE_OPTIONS = frozenset({"true", "对", "正确", "是", "√"})
_FALSE_OPTIONS = frozenset({"false", "错", "错误", "否", "×"})


def option_truth(option: str) -> bool | None:
    """True or False when the option's text is a true/false question's "true" or "false"
    (in English or Chinese), None for any other option."""
    text = option.strip().casefold()
    return True if text in _TRUE_OPTIONS else False if text in _FALSE_OPTIONS else None


def right_answer(block: str) -> str | bool | None:
    """The right answer of a GIFT answer block: its text, True or False for a true/false
    question, None when there is none to read (an essay's "{}", a numeric "{#3.14}",
    matching pairs)."""
    tf = _TRUE_FALSE.fullmatch(block)
    if tf:
        return tf.group(1).upper().startswith("T")
    if "->" in block:
        return None
    for sign, option in _OPTION.findall(block):
        if sign == "=":
            answer = _unescape(_FEEDBACK.sub("", option))
            return answer or None
    return None


# the words a right answer that names a term has: "Poisson process", "minimum ratio test"
# (one word is as often "zero" or "unbounded" as a term; a longer answer is a phrase)
TERM_ANSWER_WORDS = (2, 4)
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)


def _term_answer(answer: object) -> list[str]:
    """The right answer stressed, as a textbook bolds the term a sentence names, when it
    is shaped as a term: 2 to 4 words, no digit, not a name (each word capitalised:
    "George Dantzig"), its article off ("the northwest corner method")."""
    if not isinstance(answer, str):
        return []
    term = _ARTICLE.sub("", answer.strip(" ."), count=1) if _ARTICLE.match(answer) else answer
    words = term.strip(" .").split()
    low, high = TERM_ANSWER_WORDS
    if not low <= len(words) <= high or any(c.isdigit() for c in term):
        return []
    if all(w[:1].isupper() for w in words) or not all(w[:1].isalpha() for w in words):
        return []
    return [" ".join(words)]


def _topic_name(name: str, stem: str) -> str:
    """A question's name when it names a topic: without a numbering word ("LP01 Shadow
    price" → "Shadow price"); not a number alone, nor a question or the stem itself (the
    name Moodle gives a question that had none is its stem's opening, cut at 80 chars)."""
    words = name.split()
    if words and _ID.fullmatch(words[0]):
        words = words[1:]
    topic = " ".join(words).strip(" -–—:")
    if not topic or len(topic.split()) > MAX_NAME_WORDS or _ID.fullmatch(topic):
        return ""
    if topic.endswith(("?", "?", ".", "…", "...")) or topic.casefold() == stem.casefold():
        return ""
    return topic


def _aiken(lines: Sequence[str]) -> list[Block] | None:
    """Aiken: a question's line, its options "A. …", then "ANSWER: B"."""
    blocks: list[Block] = []
    stem: list[str] = []
    options: dict[str, str] = {}
    questions = 0
    for line in lines:
        if not line.strip():
            continue
        answer = _AIKEN_ANSWER.fullmatch(line)
        option = _AIKEN_OPTION.fullmatch(line) if stem else None
        if answer:
            right = options.get(answer.group(1))
            if stem and right:
                questions += 1
                before = " ".join(stem)
                if before.endswith("?"):
                    sentence = f"{before} {right[0].upper()}{right[1:]}".rstrip(".") + "."
                else:
                    sentence = f"{before.rstrip(' .:')} {right}".rstrip(".") + "."
                blocks.extend(
                    make_blocks("paragraph", _unescape(sentence), 1, emphasis=_term_answer(right))
                )
            stem, options = [], {}
        elif option and (options or stem):
            options[option.group(1)] = option.group(2).strip()
        elif options:  # a line after the options with no ANSWER: not Aiken
            return None
        else:
            stem.append(line.strip())
    return blocks if questions >= MIN_QUESTIONS and not stem else None
