"""Formulas: display maths (LaTeX `$$…$$`, `\\[…\\]`, equation environments, Office Math,
MathML) with confidence 0.9, substantial inline LaTeX with 0.6, and lines of a PDF that
are mostly mathematical symbols around an "=" with 0.5; each halved (UNNAMED_OWNER) when
no words next to it name its concept as what it gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobs.pipeline.examples import Owner
from jobs.pipeline.mentions import PROSE
from jobs.pipeline.model import Block, Extraction
from jobs.pipeline.textutil import WRITE_IN, has_han, sentences

_DISPLAY = re.compile(
    r"^\s*(?:\$\$.+\$\$|\\\[.+\\\]|\\begin\{(?:equation|align|gather|multline)\*?\}.+)\s*$", re.S
)
_INLINE = re.compile(r"(?<!\$)\$([^$\n]{8,300})\$(?!\$)")
# Inline maths is a formula when it computes something: an operator such as a sum or a
# fraction, or a relation with arithmetic beside it ("$y = 2x + 1$"). A symbol given a
# value ("$\\gamma=0.5$"), a renaming ("$g'=G_{t+1}$"), a sequence ("$X_0,\\cdots,X_T$")
# or a tuple ("$<S,A,P,R>$") is notation: as a course's "formula for X" it answered nothing.
_BIG_OPERATOR = re.compile(
    r"\\(?:frac|dfrac|sum|prod|int|oint|lim|sqrt|partial|nabla|log|ln|exp|max|min|arg|"
    r"mathbb\{E\})(?![a-zA-Z])"
)
_RELATION_SIGN = re.compile(r"=|\\(?:leq?|geq?|approx|neq|propto|sim)(?![a-zA-Z])|≤|≥")
_ARITHMETIC = re.compile(r"[+\-*/^]|\\(?:cdot|times|div|pm)(?![a-zA-Z])")
# subscripts, and superscripts that decorate a name (V^*, x^\prime, A^T) rather than raise it
# two factors side by side: "2x", "\\mathbf{A}\\mathbf{x}", "\\lambda v"
_FACTOR = r"(?:\\math(?:bf|rm|it|bb|cal)\{\w\}|\\[a-zA-Z]+(?![a-zA-Z{(])|[A-Za-z](?![A-Za-z]))"
_PRODUCT = re.compile(rf"(?:\d|{_FACTOR})\s*{_FACTOR}")
_DECORATION = re.compile(
    r"_(?:\{[^{}]*\}|\\?\w)|\^(?:\{\s*(?:\*|\\prime|T|\\top)\s*\}|\*|\\prime|T\b|\\top)"
)
_MATH_CHARS = set("=+−-*/^_()[]{}|∑∫∏√∂∇≤≥≈≠∞·×÷αβγδεθλμσπφψωΣΔΩ")
MAX_CONTEXT = 400


def find_formulas(blocks: Sequence[Block], concept_of: Owner) -> list[Extraction]:
    found: list[Extraction] = []
    for index, block in enumerate(blocks):
        text = block.text.strip()
        context = _context(blocks, index)
        if block.kind == "formula" or _DISPLAY.match(text):
            left = _worded_left_side(text)
            owner = concept_of(f"{left}\n{_lead_in(context)}", index)
            names = (left, _giver(context, index, concept_of))
            sure = _confidence(0.9, owner, names, index, concept_of)
            found.append(_formula(text, context, block, sure, owner))
        elif block.kind in PROSE:
            for match in _INLINE.finditer(text):
                if _computes(match.group(1)) and not _closing_opens(text, match.start()):
                    subject = _sentence_holding(text, match)
                    owner = concept_of(f"{subject}\n{text}", index)
                    names = (subject, _giver(text[: match.start()], index, concept_of))
                    sure = _confidence(0.6, owner, names, index, concept_of)
                    found.append(_formula(match.group(0), text, block, sure, owner))
            if _looks_mathematical(text) and not _WORKED_ANSWER.match(text):
                left = _left_side(text)
                owner = concept_of(f"{left}\n{context}", index)
                names = (left, _giver(context, index, concept_of))
                sure = _confidence(0.5, owner, names, index, concept_of)
                found.append(_formula(text, context, block, sure, owner))
    return found


# A formula is its concept's when the words next to it say so: its left side names the
# concept, or the words right before it end on what gives it ("the entropy is defined
# as", "the log-likelihood, which is", "卷积被定义为：", "艾滋病的概率为"), the concept named
# last before that. Otherwise the concept is only the one a paragraph named first ("+0 → 0000
# 0000" was "the formula for “positive”", "$j = n - 1$" that for “array”, "n(n-4) > 0"
# 分的公式): the formula stays the concept's reading, halved, and a course asks no "formula
# for" it nor sets an objective computing with it (`jobs/planning/inputs.NAMED`).
UNNAMED_OWNER = 0.5
_MATH_SPAN = re.compile(r"\$[^$]*\$|`[^`]*`")
_EN_SAYS_GIVEN = (
    r"(?:\b(?:(?:is|are|was|were|be|been)\s+(?:\w+ly\s+|then\s+|thus\s+|now\s+|also\s+)?)?"
    r"(?:given|defined|computed|calculated|written|expressed|formulated|denoted|obtained|"
    r"determined|represented|approximated|estimated|updated|measured|rewritten|derived|stated)"
    r"(?:\s+(?:by|as|using|via|with))?"
    r"|\bequals?\b|\bas\s+follows)"
)
_EN_GIVING = (
    rf"(?:{_EN_SAYS_GIVEN}|\b(?:is|are|was|were|will\s+be|becomes?|reads?|satisf(?:y|ies))\b)"
)
_ZH_GIVING = (
    r"(?:的?(?:计算)?公式(?:为|是|如下)?|被?定义为|(?:可以?)?(?:表示|写|记)[为成作]|由下式给出|如下|"
    r"等于|满足|为|是)"
)
# the verb right before the formula, or (an English sentence that introduces it, ending on
# a colon) its first that says so: "the prefix sum at index i, prefix[i], equals the sum
# of … through i:" (a bare "is" there, or 为 inside 分别为 and 长度为, says nothing of it)
_GIVES_LAST = re.compile(
    rf"(?:{_EN_GIVING}(?:\s+(?:the\s+)?(?:following\s+)?(?:formula|equation|expression))?"
    rf"|{_ZH_GIVING})(?:\s+(?:then|thus|therefore|now))?\s*[:：,，]?\s*$",
    re.I,
)
_GIVES_FIRST = re.compile(_EN_SAYS_GIVEN, re.I)
_INTRODUCES = re.compile(r"[:：]\s*$")
_GIVER_WORDS = 8  # "the prefix sum at index i, prefix[i], equals": its name and what follows
_GIVER_HAN = 24


def _confidence(
    base: float, owner: str | None, names: Sequence[str], index: int, concept_of: Owner
) -> float:
    """`base`, or halved when the formula has a concept that none of `names` names."""
    if owner is None or any(concept_of(n, index, by_section=False) == owner for n in names if n):
        return base
    return base * UNNAMED_OWNER


# a pronoun subject points to the sentence before: "Their mean is the centre. It is written"
_POINTING = re.compile(r"^\s*(?:it|this|that|these|they|[它其这此该])\s*$", re.I)


def _giver(lead: str, index: int, concept_of: Owner) -> str:
    """The concept-naming words before the verb of the last sentence of `lead` when that
    verb gives the formula after it (`_GIVES_LAST`, `_GIVES_FIRST`): the nearest concept to
    the verb, or the sentence before when a pronoun stands there; "" when there is none."""
    said = list(sentences(_MATH_SPAN.sub(" ", lead)))
    if not said:
        return ""
    last = said[-1].rstrip()
    verb = _GIVES_LAST.search(last)
    if verb is None and _INTRODUCES.search(last):
        verb = _GIVES_FIRST.search(last)
    if verb is None:
        return ""
    before = last[: verb.start()]
    if _POINTING.match(before):
        return said[-2] if len(said) > 1 else ""
    if has_han(before[-_GIVER_HAN:]):
        tails = [before[-n:] for n in range(1, min(len(before), _GIVER_HAN) + 1)]
    else:
        words = before.split()[-_GIVER_WORDS:]
        tails = [" ".join(words[i:]) for i in range(len(words) - 1, -1, -1)]
    # the nearest concept to the verb is what it gives: "For a distribution P its entropy,
    # H[P], is defined as" gives the entropy, not the distribution
    for tail in tails:
        if concept_of(tail, index, by_section=False) is not None:
            return tail
    return ""


# A worked example's answer opens on its marker ("解 令 u=2x+1，则…", "解：取 f(x)=√x",
# "Solution: Let x = 2"): its equations compute that one exercise, and the line read as a
# formula made the answer to "导数的公式是什么？" a substitution from 例题2.2.
# An example's line is one too ("Example. With x0 = 100, u = 1.2 …": a Typst lecture's
# example, whose digits its maths font no longer marks, was "the formula for option").
_WORKED_ANSWER = re.compile(
    r"\s*(?:(?:解|解答|证明|证)(?:[：:]|\s)|(?:Solution|Answer|Proof)\s*[:.]"
    r"|Example(?:\s+\d+(?:\.\d+)*)?\s*[:.])"
)


def _sentence_holding(text: str, match: re.Match[str]) -> str:
    """The subject of the sentence of `text` that holds the inline maths `match` found,
    when the sentence says what its subject is or equals: a concept named there owns the
    formula before one named earlier in the paragraph. A problem set's paragraph of key
    ideas defined hydrostatic pressure first and the Reynolds number later ("The Reynolds
    number is …, $Re = \\rho V D / \\mu$"), and a course asked for "the formula for
    hydrostatic pressure" with the Reynolds number's for its answer. Other sentences
    ("Using the definition and limits prove … $f(x) = e^x$") leave the paragraph's."""
    for sentence in sentences(text):
        if match.group(0) in sentence:
            subject = _SUBJECT.match(sentence)
            return subject.group(1) if subject else ""
    return ""


# a sentence's subject, up to five words, and the verb that says what it is
_SUBJECT = re.compile(r"((?:[^\s$]+\s+){0,4}?[^\s$]+)\s+(?:is|are|equals|states|measures)\b")


def _left_side(text: str) -> str:
    """What an equation written out in words computes: its side before the first "="
    ("科恩d值=平均数差/标准差=15/100" computes 科恩d值). A name there owns the formula before
    any the paragraph above it names (which gave the line to z分数, the paragraph's first
    concept, and a course asked for "z分数的公式" with Cohen's d as its answer)."""
    return text.split("=", 1)[0]


# a word set upright in maths: "\\text{risk}", "\\mathrm{profit}"
_UPRIGHT_WORD = re.compile(r"\\(?:text|textrm|mathrm|operatorname)\s*\{([^{}]{2,60})\}")


def _worded_left_side(latex: str) -> str:
    """The words a display formula sets upright before its first "=" ("$$\\text{risk} =
    \\text{hazard} \\times …$$" computes risk): a name there owns the formula before any
    the sentence above it names, as `_left_side` has it for a line of words (a deck's list
    ended on "an exclusion zone is …", and a course asked for "the formula for exclusion
    zone")."""
    sides = latex.split("=", 1)
    return " ".join(_UPRIGHT_WORD.findall(sides[0])) if len(sides) == 2 else ""


def _closing_opens(text: str, start: int) -> bool:
    """The "$" at `start` closes the inline maths before it: an odd number of single "$"
    stand before it. Paired so, the prose between two formulas reads as one ("取 $0$，此时
    等式 b = qa + r, $0$ ≤ r": "$，此时等式 b = qa + r, $", a typeset PDF's digits, was
    the answer to "带余数除法的公式是什么？")."""
    return len(_SINGLE_DOLLAR.findall(text, 0, start)) % 2 == 1


_SINGLE_DOLLAR = re.compile(r"(?<!\$)\$(?!\$)")


# a subscripted name and the range of its index, "a_i(1 \\le i \\le n)": a sequence's terms
# named, nothing computed (read as a product of 1 and \\le, it answered a course's question
# on "the formula of 数目", a count). "P(1 \\le X \\le 3)", "0 \\le p \\le 1" are maths.
_INDEXED = re.compile(
    r"^\s*\\?[A-Za-z]+_\{?(?P<i>[a-z])\}?\s*\(\s*\w+\s*(?:\\leq?|<)\s*(?P=i)\s*(?:\\leq?|<)\s*\w+\s*\)\s*$"
)


def _computes(latex: str) -> bool:
    if _BIG_OPERATOR.search(latex):
        return True
    if _INDEXED.match(latex):
        return False
    bare = _DECORATION.sub("", latex)
    return bool(_RELATION_SIGN.search(bare) and (_ARITHMETIC.search(bare) or _PRODUCT.search(bare)))


def _formula(
    content: str, context: str, block: Block, confidence: float, concept: str | None
) -> Extraction:
    return Extraction("formula", content, context[:MAX_CONTEXT], block.page, confidence, concept)


def _context(blocks: Sequence[Block], index: int) -> str:
    """The prose just before a display formula (what it is about)."""
    for back in range(index - 1, max(-1, index - 4), -1):
        if blocks[back].kind in PROSE or blocks[back].kind == "heading":
            return blocks[back].text[-MAX_CONTEXT:]
    return ""


def _lead_in(context: str) -> str:
    """The sentence right before a display formula says what it is ("贝尔曼方程写成矩阵的形式
    ：", "The variance is then"): a concept it names comes first; one named earlier in the
    paragraph (a state, a reward of the example) only when that sentence names none."""
    said = list(sentences(context))
    return f"{said[-1]}\n{context}" if said else context


# A program's line set in a text font (a slide deck's code, which the reader could not tell
# by its typeface): a control word of the common programming languages standing as a word of
# its own and a colon later on the line (a block's opening, "if age > 30:"), one right before
# its bracket ("if (x > 3)", "printf("), or a declaration ("let n = 0"). "age = 35 if age >
# 30:" was read as a formula, and a course asked to "Compute results with the formulas of
# Nested Decisions". Maths writes a condition without the colon: "f(y) = 0 if y > 0", "for
# y(0) = 1" stay.
_CODE_LINE = re.compile(
    r"(?<![\w.\\])(?:"
    r"(?:if|elif|else|while|for|def)(?!\w)[^:：]*:"
    r"|(?:if|while|for|switch|print|printf|return)\s*\("
    r"|(?:let|var|const|int|float|double)\s+[A-Za-z_]\w*\s*="
    r")"
)


# An equation relates two sides: "y = 2x + 1", not "=== "Tab"" (Markdown tabs) or a
# code comparison "a == b"; here each side as written, up to a space. A word set to a word
# with no space between, "type=intl", is a markup attribute or a setting (an XML element's
# line, a phone number beside it, read as an equation, and a course asked to "Compute
# results with the formulas of eXtensible Markup Language"); "x=y", "f(x)=2x" and
# "y = 2x + 1" relate values.
_SIDES = re.compile(r"\S*[\w)\]}′']\s*=\s*[-\w(\[{\\√∑∫]\S*")
_ATTRIBUTE = re.compile(r"[\"']?[A-Za-z][A-Za-z_-]+=[\"']?[A-Za-z][A-Za-z_-]+[\"'>/]*")


def _code_line(text: str) -> bool:
    return _CODE_LINE.search(text) is not None


# code spans, whose "=" assigns ("已知 `dp[2][4] = 16`、`dp[2][1] = 5`："), and a line
# leading in to what follows it ("…：") are no formula: a course asked "0-1 背包的公式是
# 什么？" and answered with that line of a worked example
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# a line opening on an operator and a space: the rest of a formula a PDF broke across
# lines ("√ T and d2 = d1 − σ" after a fraction's lines), which computes nothing alone
_CONTINUED = re.compile(r"^\s*[√−+×·⋅÷/=]\s")


def _looks_mathematical(text: str) -> bool:
    if "=" not in _CODE_SPAN.sub("", text) or text.rstrip().endswith((":", "：")):
        return False
    if len(text) > 200 or "$" in text or "==" in text:
        return False
    # a line with a blank to write in ("median = _______", "IQR = _____ – _____ = _____") is
    # a worksheet's task, not a formula it gives: a course asked "What is the formula for
    # “median”?" and answered with the blank
    if _CONTINUED.match(text) or WRITE_IN.search(text):
        return False
    if _code_line(text):
        return False
    if not any(not _ATTRIBUTE.fullmatch(m.group(0)) for m in _SIDES.finditer(text)):
        return False
    math = sum(1 for ch in text if ch in _MATH_CHARS or ch.isdigit())
    letters = sum(1 for ch in text if ch.isalpha())
    return math >= 4 and math >= letters * 0.6
