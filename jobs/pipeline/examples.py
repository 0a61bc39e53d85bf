"""Worked examples: sentences that announce one ("For example", "例如", "比如", ...).

A sentence that starts with the marker is an example with confidence 0.8; a marker inside
the sentence gives 0.6. The example belongs to the first concept it names, else to the
concept of its section (the nearest heading concept above it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from jobs.pipeline.mentions import PROSE
from jobs.pipeline.model import Block, Extraction
from jobs.pipeline.textutil import sentences

_START = re.compile(
    r"^(?:for\s+example|for\s+instance|as\s+an\s+example|e\.g\.|here\s+is\s+an\s+example|"
    r"let's\s+look\s+at\s+an\s+example|consider\s+(?:the\s+following|an?\s+example)|example\s*\d*[:.]|"
    r"例如|比如|譬如|举个例子|举例来说|举例而言|例[:：]|以[^，。]{1,12}为例)",
    re.I,
)
_INSIDE = re.compile(
    r"\b(?:for\s+example|for\s+instance|e\.g\.|such\s+as)\b|例如|比如|譬如|诸如", re.I
)
MAX_CONTENT = 600


def find_examples(
    blocks: Sequence[Block], concept_of: Callable[[str, int], str | None]
) -> list[Extraction]:
    """Example extractions; `concept_of(text, block)` names the concept they belong to."""
    found: list[Extraction] = []
    for index, block in enumerate(blocks):
        if block.kind not in PROSE:
            continue
        for sentence in sentences(block.text):
            start = _START.match(sentence)
            if start is None and _INSIDE.search(sentence) is None:
                continue
            content = sentence[:MAX_CONTENT]
            found.append(
                Extraction(
                    type="example",
                    content=content,
                    context=block.text[:MAX_CONTENT],
                    page_number=block.page,
                    confidence=0.8 if start else 0.6,
                    concept_key=concept_of(sentence, index),
                )
            )
    return found
