"""Formulas: display maths (LaTeX `$$…$$`, `\\[…\\]`, equation environments, Office Math,
MathML) with confidence 0.9, substantial inline LaTeX with 0.6, and lines of a PDF that
are mostly mathematical symbols around an "=" with 0.5.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from jobs.pipeline.mentions import PROSE
from jobs.pipeline.model import Block, Extraction

_DISPLAY = re.compile(
    r"^\s*(?:\$\$.+\$\$|\\\[.+\\\]|\\begin\{(?:equation|align|gather|multline)\*?\}.+)\s*$", re.S
)
_INLINE = re.compile(r"(?<!\$)\$([^$\n]{8,300})\$(?!\$)")
_LATEX_OPERATOR = re.compile(
    r"\\(?:frac|sum|prod|int|lim|sqrt|partial|nabla|mathbf|top|cdot|leq|geq|log|exp)|[=<>≤≥]"
)
_MATH_CHARS = set("=+−-*/^_()[]{}|∑∫∏√∂∇≤≥≈≠∞·×÷αβγδεθλμσπφψωΣΔΩ")
MAX_CONTEXT = 400


def find_formulas(
    blocks: Sequence[Block], concept_of: Callable[[str, int], str | None]
) -> list[Extraction]:
    found: list[Extraction] = []
    for index, block in enumerate(blocks):
        text = block.text.strip()
        context = _context(blocks, index)
        if block.kind == "formula" or _DISPLAY.match(text):
            found.append(_formula(text, context, block, 0.9, concept_of(context, index)))
        elif block.kind in PROSE:
            for match in _INLINE.finditer(text):
                if _LATEX_OPERATOR.search(match.group(1)):
                    found.append(
                        _formula(match.group(0), text, block, 0.6, concept_of(text, index))
                    )
            if _looks_mathematical(text):
                found.append(_formula(text, context, block, 0.5, concept_of(context, index)))
    return found


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


# An equation relates two sides: "y = 2x + 1", not "=== "Tab"" (Markdown tabs) or a
# code comparison "a == b".
_RELATION = re.compile(r"[\w)\]}′']\s*=\s*[-\w(\[{\\√∑∫]")


def _looks_mathematical(text: str) -> bool:
    if "=" not in text or len(text) > 200 or "$" in text or "==" in text:
        return False
    if not _RELATION.search(text):
        return False
    math = sum(1 for ch in text if ch in _MATH_CHARS or ch.isdigit())
    letters = sum(1 for ch in text if ch.isalpha())
    return math >= 4 and math >= letters * 0.6
