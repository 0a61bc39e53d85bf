"""Office Math (OMML), as Word and PowerPoint keep an equation, read as a line of text.

Both readers meet it: Word puts `m:oMath` in a paragraph, PowerPoint wraps it in `a14:m`
inside a text box.
"""

from __future__ import annotations

from lxml import etree

MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MATH = f"{{{MATH_NS}}}oMath"
MATH_PARA = f"{{{MATH_NS}}}oMathPara"
_TEXT = f"{{{MATH_NS}}}t"


def math_text(element: etree._Element) -> str:
    """The characters of the equation(s) under `element`, in order."""
    return "".join(t.text or "" for t in element.iter(_TEXT))
