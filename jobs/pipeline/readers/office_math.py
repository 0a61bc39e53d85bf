"""Office Math (OMML), as Word and PowerPoint keep an equation, read as a line of TeX.

Both readers meet it: Word puts `m:oMath` in a paragraph, PowerPoint wraps it in `a14:m`
inside a text box. Read as its characters alone, an equation lost what its structure
says: "a_i" came out "ai", "2^E" "2E", a complemented "\\overline{X}" plain "X" (a handout's
De Morgan's law read "X1+X2=X1 X2"), and the rows of an array ran together. Here each
structure is written as TeX writes it, the notation the Markdown and LaTeX readers give
and the exports typeset (`jobs/rendering/formulas`).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from jobs.pipeline.lexicon import MATH_FUNCTIONS

MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MATH = f"{{{MATH_NS}}}oMath"
MATH_PARA = f"{{{MATH_NS}}}oMathPara"
_M = f"{{{MATH_NS}}}"
_VAL = f"{_M}val"
# an accent's character (combining or spacing) and the TeX command that draws it
_ACCENTS = {
    "\u0302": "hat", "^": "hat", "\u0303": "tilde", "~": "tilde", "\u0304": "bar",
    "\u00af": "overline", "\u0305": "overline", "\u203e": "overline", "\u0307": "dot",
    "\u0308": "ddot", "\u20d7": "vec", "\u2192": "vec", "\u030c": "check",
}  # fmt: skip
_OPERATORS = {
    "∑": "\\sum", "∏": "\\prod", "∐": "\\coprod", "∫": "\\int", "∬": "\\iint",
    "∭": "\\iiint", "∮": "\\oint", "⋃": "\\bigcup", "⋂": "\\bigcap", "⋁": "\\bigvee",
    "⋀": "\\bigwedge",
}  # fmt: skip


def math_text(element: etree._Element) -> str:
    """The equation(s) under `element` as one line of TeX."""
    return _tex(element).strip()


def _tex(node: etree._Element) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    if not tag.startswith(_M):
        return "".join(_tex(child) for child in node)
    name = tag[len(_M) :]
    if name == "t":
        return node.text or ""
    if name.endswith("Pr"):  # properties (rPr, fPr, naryPr, ctrlPr...): no content
        return ""
    part = _part(node)
    if name == "sSub":
        return tex_base(part("e")) + "_" + tex_script(part("sub"))
    if name == "sSup":
        return tex_base(part("e")) + "^" + tex_script(part("sup"))
    if name == "sSubSup":
        return tex_base(part("e")) + "_" + tex_script(part("sub")) + "^" + tex_script(part("sup"))
    if name == "sPre":
        return "{}_" + tex_script(part("sub")) + "^" + tex_script(part("sup")) + part("e")
    if name == "f":
        if _property(node, "fPr", "type") == "lin":
            return f"{part('num')}/{part('den')}"
        return f"\\frac{{{part('num')}}}{{{part('den')}}}"
    if name == "rad":
        degree = part("deg")
        return f"\\sqrt[{degree}]{{{part('e')}}}" if degree else f"\\sqrt{{{part('e')}}}"
    if name == "bar":
        under = _property(node, "barPr", "pos") == "bot"
        return f"\\{'underline' if under else 'overline'}{{{part('e')}}}"
    if name == "acc":
        accent = _ACCENTS.get(_property(node, "accPr", "chr") or "\u0302", "hat")
        return f"\\{accent}{{{part('e')}}}"
    if name == "d":
        return _delimited(node)
    if name == "nary":
        sign = _property(node, "naryPr", "chr") or "∫"
        lower, upper = part("sub"), part("sup")
        limits = ("_" + tex_script(lower) if lower else "") + (
            "^" + tex_script(upper) if upper else ""
        )
        return f"{_OPERATORS.get(sign, sign)}{limits} {part('e')}"
    if name == "func":
        function = part("fName").strip()
        command = f"\\{function}" if function in MATH_FUNCTIONS else function
        return f"{command} {part('e')}"
    if name == "limLow":
        return tex_base(part("e")) + "_" + tex_script(part("lim"))
    if name == "limUp":
        return tex_base(part("e")) + "^" + tex_script(part("lim"))
    if name == "eqArr":
        rows = [_tex(e) for e in node.findall(f"{_M}e")]
        return "\\begin{aligned}" + " \\\\ ".join(rows) + "\\end{aligned}"
    if name == "m":
        rows = [
            " & ".join(_tex(e) for e in row.findall(f"{_M}e")) for row in node.findall(f"{_M}mr")
        ]
        return "\\begin{matrix}" + " \\\\ ".join(rows) + "\\end{matrix}"
    if name == "oMathPara":
        return " ".join(_tex(child) for child in node if child.tag == MATH)
    return "".join(_tex(child) for child in node)


def _part(node: etree._Element) -> Callable[[str], str]:
    """The TeX of `node`'s child part named so ("e", "sub", "num"...), or ""."""

    def part(name: str) -> str:
        child = node.find(f"{_M}{name}")
        return "" if child is None else _tex(child)

    return part


def _property(node: etree._Element, properties: str, name: str) -> str | None:
    value = node.find(f"{_M}{properties}/{_M}{name}")
    return None if value is None else value.get(_VAL, "")


def _delimited(node: etree._Element) -> str:
    """m:d: its parts between its opening and closing characters ("(" and ")" unless it
    names others; an empty one is no character), separated by its separator ("|")."""
    opening = _property(node, "dPr", "begChr")
    closing = _property(node, "dPr", "endChr")
    separator = _property(node, "dPr", "sepChr")
    parts = [_tex(e) for e in node.findall(f"{_M}e")]
    return (
        ("(" if opening is None else opening)
        + ("|" if separator is None else separator).join(parts)
        + (")" if closing is None else closing)
    )


def tex_base(text: str) -> str:
    """A script's base: braced when more than one character ("CarryIn" subscripted whole),
    unless it closes with a bracket or brace (TeX scripts what a bracket closes alike)."""
    return text if len(text) <= 1 or text[-1] in ")]}|" else f"{{{text}}}"


def tex_script(text: str) -> str:
    """A sub- or superscript: braced unless one character."""
    return text if len(text) == 1 else f"{{{text}}}"
