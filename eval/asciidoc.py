"""Pro Git's AsciiDoc as the plain Markdown a teacher would upload (evaluation corpus only).

Not a full AsciiDoc reader: only the syntax Pro Git's chapters use. `include::` lines are
resolved by the caller; here headings become `#`, listing blocks fences, `_x_` emphasis
`*x*`, `*x*` strong `**x**`; anchors, index terms, attribute lines and block delimiters go;
cross references become "the section above" (上文), a block title before an image becomes a
"Figure: title" line.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^(={2,6}) +(\S.*)$")
_FENCE = re.compile(r"^(-{4,}|\.{4,})\s*$")
_DELIMITER = re.compile(r"^(={4,}|\*{4,}|_{4,}|\+{4,}|'{3,}|\|===)\s*$")
_ATTRIBUTE = re.compile(r"^\[[^\]]*\]\s*$")
_ADMONITION = re.compile(r"^(?:NOTE|TIP|WARNING|IMPORTANT|CAUTION): ")


def to_markdown(text: str, language: str) -> str:
    reference = "上文" if language == "zh" else "the section above"
    out: list[str] = []
    lines = text.splitlines()
    in_code = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
            out.append("```")
            continue
        if in_code:
            out.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(
                "#" * (len(heading.group(1)) - 1) + " " + _inline(heading.group(2), reference)
            )
            continue
        if _DELIMITER.match(line) or _ATTRIBUTE.match(line) or line.strip() == "+":
            out.append("")
            continue
        if line.startswith("image::"):
            continue
        if re.match(r"^\.[\w`\"'\u3400-\u9fff]", line):
            following = next((n for n in lines[index + 1 :] if n.strip()), "")
            title = _inline(line[1:], reference)
            out.append(f"Figure: {title}" if following.startswith("image::") else title)
            out.append("")
            continue
        out.append(_inline(_ADMONITION.sub("", line), reference))
    return "\n".join(out)


def _inline(text: str, reference: str) -> str:
    text = re.sub(r"\[\[[^\]]*\]\]", "", text)
    text = re.sub(r"\({3}.*?\){3}", "", text)
    text = re.sub(r"<<[^>,]*,\s*([^>]*)>>", r"\1", text)
    text = re.sub(r"\s?<<[^>]*>>", " " + reference if reference[0].isascii() else reference, text)
    text = re.sub(r"footnote:\[([^\]]*)\]", r" (\1)", text)
    text = re.sub(
        r"(?:link:)?(https?://\S+?)\[([^\]]*)\]", lambda m: m.group(2) or m.group(1), text
    )
    text = re.sub(r"`\+(.+?)\+`", r"`\1`", text)
    text = re.sub(r"\"`(.+?)`\"", r'"\1"', text)
    text = re.sub(r"'`(.+?)`'", r"'\1'", text)
    text = re.sub(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])", r"**\1**", text)
    text = re.sub(r"__(.+?)__", r"*\1*", text)
    return re.sub(r"(?<![\w`])_([^_\s](?:[^_`]*[^_\s])?)_(?![\w`])", r"*\1*", text)
