"""RELATES_TO between concepts of one document.

- opposite (0.8): the names differ by a negating prefix or an antonym pair
  (mutable/immutable, local/global, convex/nonconvex, 可变/不可变, 局部/全局)
- similar (0.5): two names share their head (the last word; the last two Chinese
  characters) and neither contains the other ("mutable reference", "dangling reference")
- example (0.4): a concept named in an example of another
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobs.pipeline.concepts import Draft
from jobs.pipeline.mentions import mention_pattern
from jobs.pipeline.model import Extraction, Relation
from jobs.pipeline.textutil import has_han

_ANTONYMS = [
    ("local", "global"),
    ("strong", "weak"),
    ("minimum", "maximum"),
    ("minima", "maxima"),
    ("discrete", "continuous"),
    ("static", "dynamic"),
    ("finite", "infinite"),
    ("upper", "lower"),
    ("input", "output"),
    ("positive", "negative"),
    ("explicit", "implicit"),
    ("shallow", "deep"),
    ("局部", "全局"),
    ("强", "弱"),
    ("最小", "最大"),
    ("离散", "连续"),
    ("静态", "动态"),
    ("有限", "无限"),
    ("上", "下"),
    ("输入", "输出"),
    ("正", "负"),
    ("显式", "隐式"),
    ("浅", "深"),
]
_NEGATION = re.compile(r"^(?:im|in|un|non-?|ir|il|dis)(?=\w)|^(?:不|非|无)")


def relate(drafts: Sequence[Draft], examples: Sequence[Extraction]) -> list[Relation]:
    relations: dict[tuple[str, str], Relation] = {}
    for i, a in enumerate(drafts):
        for b in drafts[i + 1 :]:
            if opposite(a.key, b.key):
                relations[(a.key, b.key)] = Relation(a.key, b.key, "opposite", 0.8)
            elif similar(a.key, b.key):
                relations[(a.key, b.key)] = Relation(a.key, b.key, "similar", 0.5)
    for example in examples:
        owner = example.concept_key
        if owner is None:
            continue
        for draft in drafts:
            if draft.key != owner and mention_pattern(draft.key).search(example.content):
                pair = (draft.key, owner)
                if pair not in relations and pair[::-1] not in relations:
                    relations[pair] = Relation(draft.key, owner, "example", 0.4)
    return list(relations.values())


def opposite(a: str, b: str) -> bool:
    if _NEGATION.sub("", a) == b or _NEGATION.sub("", b) == a:
        return True
    for x, y in _ANTONYMS:
        for p, q in ((a, b), (b, a)):
            if x in p and p.replace(x, y, 1) == q:
                return True
    return False


def similar(a: str, b: str) -> bool:
    if a in b or b in a:
        return False
    if has_han(a) and has_han(b):
        return len(a) >= 3 and len(b) >= 3 and a[-2:] == b[-2:]
    wa, wb = a.split(" "), b.split(" ")
    return len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1]
