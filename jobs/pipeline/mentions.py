"""Where concepts are mentioned: one pattern per concept key (case-insensitive, plural-
tolerant, code quotes ignored) and the blocks that mention each concept on its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from jobs.pipeline.model import Block
from jobs.pipeline.normalise import contained
from jobs.pipeline.textutil import has_han

PROSE = ("paragraph", "list_item", "quote")


class Located(Protocol):
    key: str
    mentions: list[int]


def locate(drafts: Sequence[Located], blocks: Sequence[Block]) -> None:
    """Blocks that mention each concept on its own: "积分" inside "微积分", or "gradient"
    inside "gradient descent", is a mention of the longer concept only. A substring probe
    skips the regular expression for blocks that cannot match (most of them)."""
    plans = []
    for draft in drafts:
        longer = [
            (_probe(k), mention_pattern(k))
            for k in (d.key for d in drafts)
            if k != draft.key and contained(draft.key, k)
        ]
        plans.append((draft, _probe(draft.key), mention_pattern(draft.key), longer))
    for index, block in enumerate(blocks):
        if block.kind not in PROSE and block.kind != "heading":
            continue
        text = block.text
        lowered = text.lower()
        for draft, probe, pattern, longer in plans:
            if probe not in lowered or not pattern.search(text):
                continue
            masked = text
            for other_probe, other in longer:
                if other_probe in lowered:
                    masked = other.sub("\u2063", masked)
            if masked is text or pattern.search(masked):
                draft.mentions.append(index)


def _probe(key: str) -> str:
    """A lower-case piece every mention of `key` contains (the start of its first word)."""
    first = key.split(" ")[0]
    return first[:2] if has_han(first) else first[:4]


_PATTERNS: dict[str, re.Pattern[str]] = {}


def mention_pattern(key: str) -> re.Pattern[str]:
    """Where a concept is mentioned: case-insensitive, plural-tolerant, code quotes ignored."""
    pattern = _PATTERNS.get(key)
    if pattern is None:
        parts = [re.escape(p) for p in key.split(" ")]
        if parts and parts[-1].isalpha() and parts[-1].isascii():
            last = parts[-1]
            stem = last[:-1] + "(?:y|ies)" if last.endswith("y") else last
            parts[-1] = (
                stem + "(?:s|es)?"
                if not last.endswith("x")
                else f"(?:{last}|{last[:-1]}ces|{last}es)"
            )
            if last.endswith("ix"):
                parts[-1] = f"(?:{last}|{last[:-2]}ices|{last}es)"
        body = r"[\s`\-]*".join(parts) if len(parts) > 1 else parts[0]
        if has_han(key):
            body = (
                r"\s*".join(re.escape(ch) for ch in key.replace(" ", ""))
                if key.isascii() is False and " " not in key
                else body
            )
            pattern = re.compile(body, re.IGNORECASE)
        else:
            pattern = re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)
        _PATTERNS[key] = pattern
    return pattern
