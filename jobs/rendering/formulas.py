"""Formulas in course text, typeset in each export format.

Course text keeps a document's formulas as its author wrote them: LaTeX between `$…$`,
`$$…$$`, `\\(…\\)` or `\\[…\\]` (answers, objectives, concept titles). An export that
printed that source showed a teacher "$\\frac{(n-1)S^2}{\\sigma^2}$" where the book had a
fraction. Here each formula is found (`pieces`) and converted once per export by pandoc's
TeX reader (texmath, the same pandoc the pipeline runs): to MathML for the HTML (browsers
draw MathML) and to Office Math (OMML) for DOCX (Word's own equations). The PDF draws the
MathML as SVG paths with ziamath: WeasyPrint renders no MathML, and paths need no maths
font on the machine. Markdown keeps the LaTeX between its dollars, unescaped (GitHub,
GitLab, Obsidian, Typora and pandoc render it). A formula texmath cannot read stays as
written, in every format; so does every formula when pandoc itself fails.

Dollars follow pandoc's rule (the opening `$` has a non-space on its right, the closing one
a non-space on its left and no digit after it): "$20 and $30" is money. A dollar pair is
also taken as a formula only when its content reads as TeX (a command, a sub- or
superscript, or no word of three letters): "$HOME/$USER" names shell variables.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import logging
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape
from typing import Any, TypeVar

import pypandoc

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60
MAX_HEAP = "1g"  # pandoc's Haskell heap: a formula that blows up fails alone, not the worker
MATHML = "http://www.w3.org/1998/Math/MathML"
OMML = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's own prefixes in the XML handed to python-docx (ElementTree would write ns0:)
ET.register_namespace("m", OMML)
ET.register_namespace("w", WORD)


@dataclass(frozen=True, slots=True)
class Formula:
    tex: str
    display: bool
    source: str  # as written, delimiters included: what is shown when it cannot be typeset


Piece = str | Formula
T = TypeVar("T")

_FORMULA = re.compile(
    r"(?<!\\)\$\$(?P<display>[^$]+?)\$\$"
    r"|(?<!\\)\\\[(?P<bracket>.+?)\\\]"
    r"|(?<!\\)\\\((?P<paren>.+?)\\\)"
    r"|(?<![\\$])\$(?P<inline>[^\s$](?:[^$]*?[^\s$\\])?)\$(?!\d)",
    re.DOTALL,
)
_TEX_MARK = re.compile(r"\\[A-Za-z]+|[\^_]")
_WORD = re.compile(r"[A-Za-z]{3,}")


def pieces(text: str) -> list[Piece]:
    """The text cut into plain strings and the formulas between them, in order."""
    out: list[Piece] = []
    start = 0
    for match in _FORMULA.finditer(text):
        tex = next(group for group in match.groups() if group is not None)
        dollars = match.group("display") is not None or match.group("inline") is not None
        if not tex.strip() or (dollars and not _reads_as_tex(tex)):
            continue
        display = match.group("display") is not None or match.group("bracket") is not None
        if match.start() > start:
            out.append(text[start : match.start()])
        out.append(Formula(tex.strip(), display, match.group(0)))
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _reads_as_tex(tex: str) -> bool:
    return bool(_TEX_MARK.search(tex)) or not _WORD.search(tex)


def formulas_in(texts: Iterable[str]) -> list[Formula]:
    """Every distinct formula of the texts, in the order first met."""
    seen: dict[Formula, None] = {}
    for text in texts:
        if "$" in text or "\\" in text:
            seen.update((p, None) for p in pieces(text) if isinstance(p, Formula))
    return list(seen)


def to_mathml(formulas: Sequence[Formula]) -> dict[Formula, str]:
    """Each formula texmath reads, as a MathML `<math>` element (its TeX kept as the
    annotation, which browsers copy)."""
    if not formulas:
        return {}
    html = _convert(formulas, ["--to", "html", "--mathml"])
    if html is None:
        return {}
    paragraphs = re.findall(r"<p>(.*?)</p>", html.decode("utf-8"), re.DOTALL)
    return {
        f: p.strip()
        for f, p in _matched(formulas, paragraphs, "MathML")
        if p.lstrip().startswith("<math")
    }


def to_omml(formulas: Sequence[Formula]) -> dict[Formula, str]:
    """Each formula texmath reads, as the XML of an Office Math element (`m:oMath`, or
    `m:oMathPara` for a display formula) to put in a Word paragraph."""
    if not formulas:
        return {}
    docx = _convert(formulas, ["--to", "docx", "--output", "-"])
    if docx is None:
        return {}
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml")
    # pandoc wrote this XML (no DTD, no entities); the user's text is escaped inside it
    body = ET.fromstring(xml).find(f"{{{WORD}}}body")  # noqa: S314
    assert body is not None  # pandoc always writes one
    tags = (f"{{{OMML}}}oMath", f"{{{OMML}}}oMathPara")
    maths = [next((c for c in p if c.tag in tags), None) for p in body.iterfind(f"{{{WORD}}}p")]
    return {
        f: ET.tostring(m, encoding="unicode")
        for f, m in _matched(formulas, maths, "OMML")
        if m is not None
    }


def to_svg(mathml: str, *, size: float = 14.0) -> str | None:
    """A MathML formula drawn as SVG paths, sized in em so that it follows the text around
    it, and lowered to sit on the text's baseline. The maths font has no Chinese: text in
    the formula's own row ("$\\text{有效位数} = \\text{尾数} \\times 2^e$") is set as
    text between drawings of the maths around it; None when the font lacks a character
    anywhere else (Chinese in a sub- or superscript would be drawn as empty boxes)."""
    ziamath = _ziamath()
    math = ET.fromstring(mathml)  # noqa: S314 - pandoc's MathML (see to_omml)
    semantics = math.find(f"{{{MATHML}}}semantics")
    tex = ""
    if semantics is not None and len(semantics):  # the drawing, not the TeX annotation
        tex = "".join(semantics[-1].itertext()) if len(semantics) > 1 else ""
        math.remove(semantics)
        math.append(semantics[0])
    # (ziamath regroups the tree it is given: a copy, so that the parts are the row's)
    whole = ziamath.Math(copy.deepcopy(math), size=size)
    font = whole.font
    if _drawable(math, font):
        return _svg(whole, size, tex)
    drawn: list[str] = []
    for part in _row_parts(math):
        if isinstance(part, str):
            drawn.append(escape(part))
            continue
        row = ET.Element(math.tag, math.attrib)
        row.extend(part)
        if not _drawable(row, font):
            return None
        drawn.append(_svg(ziamath.Math(row, size=size), size))
    return f'<span role="img" aria-label="{escape(tex)}">{"".join(drawn)}</span>'


def _drawable(math: ET.Element, font: Any) -> bool:
    return all(font.glyphindex(c) for c in "".join(math.itertext()) if not c.isspace())


def _svg(drawing: Any, size: float, label: str | None = None) -> str:
    """A ziamath drawing as SVG on the baseline; `label` what a screen reader says and a
    search finds (None: a part of a formula whose label is on the element around it)."""
    svg = drawing.svgxml()
    _, top, width, height = (float(v) for v in svg.attrib["viewBox"].split())
    svg.set("width", f"{width / size:.3f}em")
    svg.set("height", f"{height / size:.3f}em")
    svg.set("style", f"vertical-align: {-(top + height) / size:.3f}em")
    if label is None:
        svg.set("aria-hidden", "true")
    else:
        svg.set("role", "img")
        svg.set("aria-label", label)
    return ET.tostring(svg, encoding="unicode")


_MROW, _MTEXT, _MSPACE = (f"{{{MATHML}}}{tag}" for tag in ("mrow", "mtext", "mspace"))


def _row_parts(math: ET.Element) -> Iterator[list[ET.Element] | str]:
    """The formula's top row (grouping rows opened) as runs of maths to draw and the text
    between them that the maths font cannot draw; a space (`\\text{ 且 }`'s) as a space."""
    run: list[ET.Element] = []
    for element in _opened(math):
        text = element.text or ""
        if element.tag == _MTEXT and any(ord(c) > 0x2FFF for c in text):
            if run:
                yield run
            run = []
            yield text
        elif element.tag == _MSPACE:
            if run:
                yield run
            run = []
            yield " "
        else:
            run.append(element)
    if run:
        yield run


def _opened(row: ET.Element) -> Iterator[ET.Element]:
    for element in row:
        if element.tag == _MROW:
            yield from _opened(element)
        else:
            yield element


@cache
def _ziamath() -> Any:
    """ziamath, configured once. Imported on first use: it loads its maths font, which
    only the PDF export needs."""
    import ziamath

    # paths drawn in place: SVG 2's shared glyph symbols repeat their ids in every
    # formula of a page, which WeasyPrint reports as anchors defined twice
    ziamath.config.svg2 = False
    ziamath.config.precision = 2
    return ziamath


def _matched(formulas: Sequence[Formula], outputs: list[T], kind: str) -> list[tuple[Formula, T]]:
    """Each formula with pandoc's output for it, in order; none when the counts differ."""
    if len(outputs) != len(formulas):
        log.warning("pandoc gave %d %s results for %d formulas", len(outputs), kind, len(formulas))
        return []
    return list(zip(formulas, outputs, strict=True))


def _convert(formulas: Sequence[Formula], to: list[str]) -> bytes | None:
    """pandoc's output for a document of one paragraph per formula, or None (logged) when
    pandoc fails: the export then shows the formulas as written."""
    blocks = [
        {
            "t": "Para",
            "c": [{"t": "Math", "c": [{"t": "DisplayMath" if f.display else "InlineMath"}, f.tex]}],
        }
        for f in formulas
    ]
    command = [
        pypandoc.get_pandoc_path(),
        *("+RTS", f"-M{MAX_HEAP}", "-RTS"),
        "--sandbox",
        *("--from", "json"),
        *to,
    ]
    try:
        document = {"pandoc-api-version": _api_version(), "meta": {}, "blocks": blocks}
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell; the formulas go on stdin
            command,
            input=json.dumps(document).encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        log.warning("pandoc did not typeset %d formulas in %d s", len(formulas), TIMEOUT_SECONDS)
        return None
    except (OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
        # no pandoc binary, or one that does not answer as pandoc does
        log.warning("pandoc could not be run to typeset formulas: %s", error)
        return None
    if done.returncode != 0:
        log.warning("pandoc could not typeset formulas: %s", done.stderr.decode(errors="replace"))
        return None
    return done.stdout


@cache
def _api_version() -> list[int]:
    """The JSON document version this pandoc reads (it refuses another major version)."""
    done = subprocess.run(  # noqa: S603 - fixed argv
        [pypandoc.get_pandoc_path(), "--from", "markdown", "--to", "json"],
        input=b"",
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=True,
    )
    version: list[int] = json.loads(done.stdout)["pandoc-api-version"]
    return version


def strings_of(value: object) -> Iterable[str]:
    """Every string inside a course (dataclasses, tuples, lists), to find its formulas."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings_of(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_of(item)


@dataclass(frozen=True, slots=True)
class Typeset:
    """One export's formulas in its format's markup (HTML: MathML or SVG; DOCX: OMML),
    by formula; one absent from it is shown as written."""

    markup: dict[Formula, str]

    @classmethod
    def html(cls, texts: Iterable[str], *, drawn: bool) -> Typeset:
        """MathML for browsers, or (`drawn`) SVG paths for WeasyPrint."""
        mathml = to_mathml(formulas_in(texts))
        if drawn:
            svgs = {f: _drawn(m) for f, m in mathml.items()}
            return cls({f: svg for f, svg in svgs.items() if svg is not None})
        return cls(mathml)

    @classmethod
    def docx(cls, texts: Iterable[str]) -> Typeset:
        return cls(to_omml(formulas_in(texts)))

    def markup_of(self, text: str) -> list[tuple[str, bool]]:
        """The text as (piece, is markup) pairs: plain text to escape, or a typeset
        formula's markup."""
        if not self.markup:
            return [(text, False)]
        out: list[tuple[str, bool]] = []
        for piece in pieces(text):
            if isinstance(piece, Formula) and piece in self.markup:
                out.append((self.markup[piece], True))
            else:
                out.append((piece.source if isinstance(piece, Formula) else piece, False))
        return out


@lru_cache(maxsize=2048)  # a worker exports many courses: bounded
def _drawn(mathml: str) -> str | None:
    try:
        return to_svg(mathml)
    except Exception:  # a drawing library's failure on one formula: shown as written
        log.warning("ziamath could not draw a formula", exc_info=True)
        return None
