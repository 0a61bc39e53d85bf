"""Speaker labels of a lecture's transcript: "PROFESSOR: So today we …", "STUDENT: …",
"AUDIENCE: …", "SPEAKER 2: …", as course sites publish transcripts (plain text, PDF).

Read as they stand, the label before its colon looked like a glossary entry's term
(`structure.colon_head`): "PROFESSOR" and "STUDENT" were the concepts a transcript
stressed most, their "definitions" the first thing each speaker said, and a week was
titled "PROFESSOR". A term is glossed once; a label that opens several paragraphs marks
who speaks (or what kind of paragraph follows: "NOTE:"), and names no concept. It is
taken off the paragraph, which then opens on what is said.

Only labels in capitals count: a Title Case label repeated ("Example: …", "Solution: …")
is a box or an exercise part that other rules read, and a transcript writing its
speakers that way ("Professor Smith: …") is left as it was.

Chinese has no capitals: a dialogue there names each speaker by a word for a person before
a full-width colon, "面试官：你好。", "候选人：用过的。", "老师：…", "学生甲：…" (an interview
write-up set as a dialogue gave "面试官" and "候选人" as its most stressed concepts). Only
a label that names a person counts, so an exercise's repeated "答案：", "解析：", "提示：",
which other rules read, stay as they were.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from jobs.pipeline.model import Block

# one to three words in capitals, maybe a number ("SPEAKER 2"), a colon, then the speech;
# at least two letters, so a quiz's "A:" / "Q:" stays as it was
_TURN = re.compile(
    r"\s*((?=[A-Z .'’-]*[A-Z]{2})[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,2}(?:\s+\d{1,2})?)"
    r"\s*:\s+(?=\S)"
)
# …or in Chinese a word for a person (its last character says so: 面试官, 候选人, 记者,
# 主持人, 教师, 学生, 嘉宾) or 同学, maybe marked 甲/乙 or numbered, before its colon
_ZH_TURN = re.compile(
    r"\s*((?:[\u4e00-\u9fff]{0,4}[官人者员师生宾]|同学)(?:[甲乙丙丁]|[A-Z\d]{1,2})?|[甲乙丙丁])"
    r"\s*[：:]\s*(?=\S)"
)
# a label opening this many paragraphs marks turns; a glossary's term opens one
MIN_TURNS = 3
_SPOKEN = {"paragraph", "list_item"}


def _turn(block: Block) -> re.Match[str] | None:
    """The speaker label that may open the paragraph, with its colon."""
    if block.kind not in _SPOKEN:
        return None
    return _TURN.match(block.text) or _ZH_TURN.match(block.text)


def speaker_labels(blocks: Sequence[Block]) -> set[str]:
    """The capitalised (in Chinese, personal) labels that open at least MIN_TURNS paragraphs."""
    counts = Counter(match.group(1) for block in blocks if (match := _turn(block)))
    return {label for label, count in counts.items() if count >= MIN_TURNS}


def without_speakers(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, each paragraph that a speaker label opens without its label."""
    labels = speaker_labels(blocks)
    if not labels:
        return list(blocks)
    out = []
    for block in blocks:
        match = _turn(block)
        if match and match.group(1) in labels:
            # a PDF may set the label in bold: it is no stressed term either
            stressed = tuple(e for e in block.emphasis if e.strip(" :：") != match.group(1))
            block = replace(block, text=block.text[match.end() :], emphasis=stressed)
        out.append(block)
    return out
