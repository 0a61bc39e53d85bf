"""A Word or PowerPoint paragraph's children joined as the other readers write text: runs
set as inline code marked `…` (as the Markdown and HTML readers mark it: a handout's "`add
rd, rs1, rs2`" had made its operands concepts), Office Math as `$TeX$` (no term runs
through an equation, and the sentence keeps its symbols: "有$T+1$个方程", not "有个方程").
Each reader says which of its elements are code runs, text and equations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree

from jobs.pipeline.readers.office_math import math_text

Test = Callable[[etree._Element], bool]


@dataclass(frozen=True, slots=True)
class Joined:
    text: str  # the paragraph, code and equations marked
    maths: list[str]  # its equations as TeX, in order
    words: str  # its text without the equations (code included)


def joined(children: Iterable[etree._Element], *, code: Test, text: Test, maths: Test) -> Joined:
    parts: list[str] = []
    equations: list[str] = []
    words = ""
    run = ""  # the code runs being read, one code span in the end
    for child in [*children, None]:
        if child is not None and code(child):
            run += child.text
            words += child.text
            continue
        if run.strip():
            parts.append(f"`{run.strip()}`")
        run = ""
        if child is None:
            break
        if text(child):
            parts.append(child.text)
            words += child.text
        elif maths(child):
            equations.append(math_text(child))
            parts.append(f"${equations[-1]}$")
    return Joined("".join(parts), equations, words)
