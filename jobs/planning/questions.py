"""QuestionAnswer objects for self-assessment, from each taught concept's own texts.

Per concept: its surest definition, named example and named formula (`inputs.NAMED`;
the extractor's confidence, then reading order: a display formula before a symbol set
inline, "X is defined as" before "X is a …", an example naming the concept before one of
its section; of equally sure definitions, the concept's description) each give one
question; a concept with none of these but a description gets
a definition question answered by the description.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from jobs.planning.ids import plan_id
from jobs.planning.inputs import ConceptInput, Extraction
from jobs.planning.result import Question, Week
from jobs.planning.sources import Pages
from jobs.planning.wording import phrase

KINDS = ("definition", "example", "formula")
# A sentence that opens by pointing back ("Such a solution is called an ideal solution.",
# "这种曲线被称为反向需求曲线。") says little without the one before it.
_POINTS_BACK = re.compile(r"^(?:(?:This|These|That|Those|Such|It|They)\b|[这该此其它])")
# a description that a pointing sentence names, after the sentence or display it points to
# ("… when a function calls itself. That's called recursion."): it still ranks after one
# that says what the name is, "Recursion is a programming term that means …"
_NAMED_BY_POINTING = re.compile(
    r"(?:^|[.!?:。\uff1a\n]\s*)(?:(?:This|These|That|Those|It|They)(?:['\u2019](?:s|re))?\b"
    r"[^.!?]{0,40}?"
    r"\b(?:called|known\s+as|termed|named|referred\s+to\s+as)\b|(?:这|此|该)[^。\uff0c]{0,6}?"
    r"(?:称为|称作|叫做|叫作))"
)
# LaTeX's commands ("\\frac"): not the formula's letters.
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")
# A formula that states something: an equation, an inequality, a reaction.
_RELATION = re.compile(
    r"[=<>≤≥≈∝≠→⟶]|\\(?:le|ge|leq|geq|approx|propto|neq|sim|to|rightarrow|longrightarrow)\b"
)
# A formula's numerals, those of its indices and powers aside ("P_{1}", "x^2", "10⁻³"):
# a general formula writes few (a factor of 100, a half), a worked calculation many, or a
# measured value (a decimal, digits grouped by thousands).
_INDEX = re.compile(r"[_^](?:\{[^{}]*\}|\w)|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻₀₁₂₃₄₅₆₇₈₉]+")
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
MAX_GENERAL_NUMERALS = 2
# Asymptotic notation ("$O(\\log n)$", "$\\Theta(n^2)$", "$O(2^h) = O(n)$") says how a cost
# grows, not how to compute the concept: "What is the formula for “heap”?" was answered
# "$O(\\log n)$". A derivation that ends on one ("$T(n) = 2T(n/2) + n = O(n \\log n)$")
# computes something and stays.
_BOUND = re.compile(
    r"(?:\\mathcal\{O\}|\\(?:Theta|Omega|omega)|(?<![\\\w])[OΘΩo])\s*\((?:[^()]|\([^()]*\))*\)"
)
_BETWEEN_BOUNDS = re.compile(r"[\s$=<>~,]|\\(?:sim|approx|leq?|geq?|quad|,)(?![a-zA-Z])")


def questions(
    course_id: str,
    weeks: Sequence[Week],
    concepts: Mapping[str, ConceptInput],
    pages: Pages,
    *,
    language: str,
) -> list[Question]:
    out: list[Question] = []
    for week in weeks:
        for slot in week.slots:
            concept = concepts[slot.concept_id]
            for kind, answer, source in _answers(concept, pages.order):
                out.append(
                    Question(
                        id=plan_id(course_id, "question", concept.id, kind),
                        question=phrase(language, f"question_{kind}", title=concept.title),
                        answer=answer,
                        difficulty=concept.difficulty,
                        topic=concept.title,
                        concept_id=concept.id,
                        week=week.week,
                        document_id=source.document_id if source else None,
                        page=source.page if source and pages.valid(*_at(source)) else None,
                    )
                )
    return out


def _at(source: Extraction) -> tuple[str, int | None]:
    return source.document_id, source.page


def _answers(
    concept: ConceptInput, document_order: Mapping[str, int]
) -> list[tuple[str, str, Extraction | None]]:
    def reading(e: Extraction) -> tuple[float, int, int, str]:
        place = document_order.get(e.document_id, len(document_order))
        return (-e.confidence, place, e.page or 0, e.text)

    found: list[tuple[str, str, Extraction | None]] = []
    for kind in KINDS:
        texts = sorted((e for e in concept.extractions if e.kind == kind and e.text.strip()),
                       key=reading)  # fmt: skip
        if kind == "formula":
            named = set(concept.named("formula"))
            texts = [e for e in texts if e in named and _symbols(e.text) and not _bound(e.text)]
            texts.sort(key=_statement)
        elif kind == "example":
            # never the definition's own sentence again: a sentence that defines with an
            # example inside ("Binary crates are programs …, such as a command line tool")
            # answered both questions alike
            said = {answer.casefold() for _, answer, _ in found}
            named = set(concept.named("example"))
            texts = [e for e in texts if e in named and e.text.strip().casefold() not in said]
            # one that names the concept first: "For example, …" is the example of its
            # section's concept when it names none, and "How is “capabilities” used in
            # practice?" was answered by one about the police and driving laws
            texts.sort(key=lambda e: concept.title.casefold() not in e.text.casefold())
        elif kind == "definition":
            # one that stands alone first (stable: the surest first within each); of
            # equally sure ones, the extractor's own pick, the concept's description (an
            # alphabetical tie-break answered "What does “nirvana” mean?" with "… arrive at
            # an enlightened salvation called nirvana" beside the description "Nirvana is a
            # state of ultimate peace …")
            described = concept.description.strip().casefold()
            texts.sort(
                key=lambda e: (
                    _POINTS_BACK.match(e.text.strip()) is not None
                    or _NAMED_BY_POINTING.search(e.text.strip()) is not None,
                    -e.confidence,
                    not described or e.text.strip().casefold() not in described,
                )
            )
        if texts:
            found.append((kind, texts[0].text.strip(), texts[0]))
    if not found and concept.description.strip():
        found.append(("definition", concept.description.strip(), None))
    return found


def _symbols(formula: str) -> bool:
    """The formula has a letter (a variable, a unit, an element), LaTeX's commands aside:
    "$\\frac{1}{3}$" has none."""
    return any(ch.isalpha() for ch in _LATEX_COMMAND.sub(" ", formula))


def _bound(formula: str) -> bool:
    """Only asymptotic bounds such as O(n log n), and relations between them."""
    rest = _BOUND.sub("", formula)
    return rest != formula and not _BETWEEN_BOUNDS.sub("", rest)


def _statement(formula: Extraction) -> tuple[bool, bool]:
    """A formula that answers "What is the formula for X?" first: an equation, inequality
    or reaction before an expression, a general one before a worked calculation with
    measured values. A chemistry course answered "What is the formula for “pressure”?"
    with "pressure per elephant foot = 14,000 lb/elephant * …" where the text also writes
    "P = F/A", and that for “atmosphere” with "1/3" (a formula with no letter is no
    answer). `sorted` is stable: within each kind, the surest first, as before."""
    text = formula.text
    numerals = _NUMERAL.findall(_INDEX.sub(" ", text))
    worked = len(numerals) > MAX_GENERAL_NUMERALS or any(not n.isdigit() for n in numerals)
    return (_RELATION.search(text) is None, worked)
