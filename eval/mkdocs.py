"""Hello Algo's MkDocs Material Markdown as plain Markdown (evaluation corpus only).

Content tabs (`=== "Python"` and an indented body) keep only the Python tab; collapsible
blocks (`??? pythontutor`) go; admonitions (`!!! note "Title"`) keep their title line and
body; `[file]{...}` code includes go; `<p align="center"> Table <id> &nbsp; caption </p>`
becomes "Table: caption". Inline HTML (`<u>term</u>`, the book's mark for a defined term)
is left as it is: a Markdown upload can hold it.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r'^(===|\?\?\?\+?|!!!) *(\w*) *(?:"([^"]*)")?\s*$')
_CAPTION = re.compile(r'^<p align="center">\s*(\S+)\s*<id>\s*(?:&nbsp;)?\s*(.*?)\s*</p>\s*$')


def to_markdown(text: str) -> str:
    out: list[str] = []
    keep: bool | None = None  # inside a block: keep its (dedented) body or not
    for line in text.splitlines():
        if keep is not None and (line.startswith("    ") or not line.strip()):
            if keep:
                out.append(line[4:])
            continue
        keep = None
        block = _BLOCK.match(line)
        if block:
            marker, _kind, title = block.groups()
            if marker == "===":
                keep = (title or "").lower() == "python"
            elif marker == "!!!":
                keep = True
                out.extend([title or "", ""])
            else:
                keep = False
            continue
        if line.startswith("[file]{"):
            continue
        caption = _CAPTION.match(line)
        if caption:
            label = "Table" if caption.group(1).lower().startswith("table") else caption.group(1)
            out.append(f"{label}: {caption.group(2)}")
            continue
        out.append(line)
    return "\n".join(out)
