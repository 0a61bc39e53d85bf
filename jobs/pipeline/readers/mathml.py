"""Presentation MathML carrying no TeX, read as a line of TeX.

A page's MathML usually carries its TeX (an annotation, an alttext) and is read as that.
An XML textbook's source (CNXML, OpenStax's) writes presentation MathML alone, under a
prefix ("<m:math>", "<m:mfrac>"): read as its glyphs, a fraction's parts ran together and
into the words around them, "Keep the terms with dy/dx on the left" read "Keep the terms
withdydxon the left", "withdydxon" was a concept and "x²" the word "x2". Here each
structure is written as TeX writes it, as `office_math` writes Word's equations.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode as Node

from jobs.pipeline.lexicon import MATH_FUNCTIONS
from jobs.pipeline.readers.office_math import tex_base, tex_script

# a <math> element, with or without a namespace prefix ("math", "m:math", "mml:math")
MATH_ELEMENT = "math"
# an accent <mover> sets over its base and the TeX command that draws it
_ACCENTS = {"¯": "overline", "‾": "overline", "^": "hat", "ˆ": "hat", "~": "tilde",
            "˜": "tilde", "→": "vec", "⃗": "vec", "˙": "dot", "¨": "ddot"}  # fmt: skip
# no content of its own: a TeX source already read elsewhere, a phantom's invisible box
_SILENT = {"annotation", "annotation-xml", "mphantom", "none", "mprescripts"}


def local_name(node: Node) -> str:
    """`node`'s tag without its namespace prefix ("m:mfrac" → "mfrac")."""
    return (node.tag or "").rpartition(":")[2]


def is_math(node: Node) -> bool:
    return local_name(node) == MATH_ELEMENT


def mathml_tex(node: Node) -> str:
    """The TeX of the MathML element `node`, on one line."""
    return " ".join(_tex(node).split())


def _children(node: Node) -> list[Node]:
    return list(node.iter(include_text=False))


def _tex(node: Node) -> str:
    name = local_name(node)
    if node.tag == "-text":
        return ""
    if name in _SILENT:
        return ""
    if name in ("mi", "mn", "mo", "ms"):
        text = node.text(deep=True).strip()
        return f"\\{text} " if name == "mi" and text in MATH_FUNCTIONS else text
    if name == "mtext":
        # a function's name set as upright text ("<mtext>sin</mtext>"), TeX's \sin
        text = " ".join(node.text(deep=True).split())
        if text in MATH_FUNCTIONS:
            return f"\\{text} "
        return f" \\text{{{text}}} " if text else " "
    if name == "mspace":
        return " "
    parts = [_tex(child) for child in _children(node)]
    if name == "mfrac" and len(parts) == 2:
        return f"\\frac{{{parts[0]}}}{{{parts[1]}}}"
    if name == "msqrt":
        return f"\\sqrt{{{''.join(parts)}}}"
    if name == "mroot" and len(parts) == 2:
        return f"\\sqrt[{parts[1]}]{{{parts[0]}}}"
    if name in ("msup", "msub") and len(parts) == 2:
        return tex_base(parts[0]) + ("^" if name == "msup" else "_") + tex_script(parts[1])
    if name in ("msubsup", "munderover") and len(parts) == 3:
        return tex_base(parts[0]) + "_" + tex_script(parts[1]) + "^" + tex_script(parts[2])
    if name == "munder" and len(parts) == 2:
        return tex_base(parts[0]) + "_" + tex_script(parts[1])
    if name == "mover" and len(parts) == 2:
        accent = _ACCENTS.get(parts[1].strip())
        if accent:
            return f"\\{accent}{{{parts[0]}}}"
        return tex_base(parts[0]) + "^" + tex_script(parts[1])
    if name == "mfenced":
        opening = node.attributes.get("open") or "("
        closing = node.attributes.get("close") or ")"
        separator = (node.attributes.get("separators") or ",").strip()[:1]
        return opening + separator.join(parts) + closing
    if name == "mtable":
        return " \\\\ ".join(part.strip() for part in parts if part.strip())
    if name == "mtr":
        return " & ".join(part.strip() for part in parts if part.strip())
    if name == "semantics":
        return parts[0] if parts else ""
    return "".join(parts)
