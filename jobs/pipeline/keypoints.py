"""A Chinese syllabus's or lesson plan's key points: "重点是A、B以及C。难点是D。",
"教学重点：A；B", as a 课程教学大纲 closes each chapter's requirements and a 教案 states
its lesson's focus.

Those sentences name what the chapter is about, in the teacher's own choice of words; the
rest of a syllabus is its frame (课程目标, 基本要求, 教学方法, 考核方式). Read as prose,
a power-supply syllabus gave its frame and its teaching methods as its concepts and none
of what it teaches (需要系数法, 无功补偿容量, 等电位联结): the names were never bold, and
said once each. Each item of a key-points list is taken as stressed, as a bold term is, so
the rules that judge stressed terms decide which are concepts; an item is cut to its
name, without the act done on it ("…的计算", "…的选择", "确定…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from jobs.pipeline.mentions import PROSE
from jobs.pipeline.model import Block

# "重点是…", "难点是…", "重点和难点是…", "教学重点：…", "重难点：…", "本章难点为…"
_LEAD = re.compile(
    r"(?:^|[。；;，,]\s*)(?:本[章节课讲]的?|教学|学习)?(?:重点|难点|重难点|重点和难点|重点与难点)"
    r"(?:内容)?\s*(?:是|为|[：:])\s*"
)
# items are set off by 、 ， ； and the words for "and"
_SEPARATOR = re.compile(r"\s*(?:[、，,；;]|以及|及其|和|及|与)\s*")
# the act done on a named thing, before or after it
# (a noun of that kind only after 的: "断路器的原理" is the breaker's, "有效应力原理" a name)
_ACT_AFTER = re.compile(
    r"的?(?:计算|选择|确定|绘制|求解|理解|掌握)$"
    r"|的(?:原理|作用|特点|布置|应用|意义|分析|方法|设计)$"
)
_ACT_BEFORE = re.compile(r"^(?:如何|采用|利用|用|确定|掌握|理解|了解|熟悉|计算|选择)")
# a point that is a task done with a named thing: "用惯性解释现象" (explaining things by
# inertia) names 惯性; cut at 用 alone, "惯性解释现象" was a 说课稿's concept
_USED_TO = re.compile(
    r"^(?:用|利用|运用|应用)(?P<n>[\u3400-\u9fffA-Za-z0-9-]{2,10}?)来?"
    r"(?:解释|说明|分析|判断|计算|描述|解决|求解|推导)"
)
_CLAIM = re.compile(r"[\u3400-\u9fff](?:不)?是[\u3400-\u9fff]")
_HAN_NAME = re.compile(r"[\u3400-\u9fffA-Za-z0-9-]{2,12}")


def key_points_sentence(sentence: str) -> bool:
    """The sentence lists key points ("重点是A、B。"): it names them, and defines none
    (read as a definition of its stressed points, "重点是低压配电系统的接地型式。" was what
    a grounding arrangement is)."""
    return bool(_LEAD.match(sentence.strip()))


def key_point_terms(text: str) -> list[str]:
    """The names a key-points sentence in `text` lists, in order."""
    names: list[str] = []
    for lead in _LEAD.finditer(text):
        rest = text[lead.end() :]
        # to the sentence's end: "；" sets off a labelled list's items ("教学重点：A；B")
        sentence = re.split(r"[。！？\n]", rest, maxsplit=1)[0]
        after = _LEAD.search(sentence, 1)  # "重点是A，难点是B": B is the next lead's
        sentence = sentence[: after.start()] if after else sentence
        for item in _SEPARATOR.split(sentence):
            used = _USED_TO.match(item.strip())
            item = used.group("n") if used else item
            name = _ACT_BEFORE.sub("", _ACT_AFTER.sub("", item.strip()))
            name = _ACT_AFTER.sub("", name).removesuffix("的")
            if _CLAIM.search(name):
                continue  # "理解力不是维持物体运动的原因": a statement to grasp, no name
            if _HAN_NAME.fullmatch(name) and name not in names:
                names.append(name)
    return names


def key_point_emphasis(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, each prose block that lists key points with those points stressed."""
    out = []
    for block in blocks:
        terms = key_point_terms(block.text) if block.kind in PROSE else []
        new = tuple(t for t in terms if t not in block.emphasis)
        out.append(replace(block, emphasis=block.emphasis + new) if new else block)
    return out
