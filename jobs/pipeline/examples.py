"""Worked examples: sentences that announce one ("For example", "例如", "比如", ...).

A sentence that starts with the marker is an example with confidence 0.8; a marker inside
the sentence gives 0.6. A sentence that only leads in ("For example:", "Here is an example
of a lookup:", "例如：") is followed by the example itself, the next block (code, a
formula, a paragraph): that block is the example's content too, and a lead-in with
nothing after it is no example (nor one ending on its colon: the picture it announced is
not in the text), nor is one announcing a display ("如下：") followed by
prose going on from it ("那么，…": the display was a picture). The example belongs to the
first concept it names, else to the concept of its section (the nearest heading concept
above it); one with the marker inside the sentence only to a concept it names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from jobs.pipeline.mentions import PROSE
from jobs.pipeline.model import Block, Extraction
from jobs.pipeline.readers.markdown import MDBOOK_LINK
from jobs.pipeline.textutil import FILE_CAPTION, HAN, NUMBERED_ARTEFACT, sentences

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
# a sentence that calls the one before it an example of a concept: "This is an example of
# penetration pricing.", "That is a classic instance of …"; read alone it showed nothing,
# and without a marker the case it closes was no example at all
_POINTS_BACK_AS_EXAMPLE = re.compile(
    r"^(?:This|That|It)\s+(?:is|was)\s+(?:an?\s+)?(?:(?:good|classic|typical|clear)\s+)?"
    r"(?:example|instance|illustration)\s+of\s+",
    re.I,
)
_ASKED = re.compile(r"[?？][\s\"'”’)）]*$")
_LEAD_IN_WORDS = 3  # "For example, with" is a lead-in; a sentence of its own says more


class Owner(Protocol):
    """Names the concept a text belongs to: the first it names, else (`by_section`) the
    concept of the section the block is in."""

    def __call__(self, text: str, block: int, *, by_section: bool = True) -> str | None: ...


def find_examples(blocks: Sequence[Block], concept_of: Owner) -> list[Extraction]:
    """Example extractions; `concept_of` names the concept they belong to. A sentence with
    the marker inside ("such as") that names no concept is no example of one ("research
    by scientists such as Laura López-Sánchez", "urban areas such as New York")."""
    found: list[Extraction] = []
    for index, block in enumerate(blocks):
        if block.kind not in PROSE:
            continue
        said = list(sentences(block.text))
        for position, sentence in enumerate(said):
            pointed = _POINTS_BACK_AS_EXAMPLE.match(sentence) if position else None
            if pointed is not None:
                # "… lets users try it for little. This is an example of penetration
                # pricing.": the sentence before is the example of the concept named
                key = concept_of(sentence[pointed.end() :], index, by_section=False)
                if key is not None:
                    found.append(
                        Extraction(
                            type="example",
                            content=f"{said[position - 1]} {sentence}"[:MAX_CONTENT],
                            context=block.text[:MAX_CONTENT],
                            page_number=block.page,
                            confidence=0.8,
                            concept_key=key,
                        )
                    )
                continue
            start = _START.match(sentence)
            if start is None and _INSIDE.search(sentence) is None:
                continue
            if start is None and position == len(said) - 1 and _ASKED.search(sentence):
                # "Why can surnames such as “Smith” not be registered?" closing its block:
                # a question with the marker inside asks for the example, it shows none (a
                # worksheet's question answered "How is “surname” used in practice?"). One
                # the paragraph goes on to answer stays ("为什么像…这样的…呢？因为…").
                continue
            key = concept_of(sentence, index, by_section=start is not None)
            if start is None and key is not None:
                key = _bracketed_owner(sentence, key, index, concept_of)
            if key is None and start is None:
                continue
            marker_end = (start or _INSIDE.search(sentence)).end()
            if _POINTER.match(sentence, marker_end) or (
                start is not None and _LISTING_POINTER.match(sentence, marker_end)
            ):
                # "For instance, see Zenodo's Principles page.", "For example, Listing 9-6
                # shows a function that …", "例如，示例 13-3 展示了…": a pointer to what the
                # answer does not hold
                continue
            content = sentence
            last = position == len(said) - 1
            if not last and (_bare(sentence, start) or _LABEL.match(sentence)):
                # "Example 1.2 (Examples of algebraic integers). The numbers … are all
                # algebraic integers": the label's own sentence shows nothing, the one
                # after it in the paragraph does (the label alone answered "How is X
                # used?"); so does "e.g." cut from what it introduces. (A title ending
                # on "?)" leaves its full stop a sentence of its own: skipped.)
                shown = [s for s in said[position + 1 :] if _WORDS.search(s)]
                content = f"{sentence} {shown[0]}" if shown else sentence
            if (
                last
                and not (block.kind == "list_item" and _labelled_item(sentence, start))
                and (
                    _leads_in(sentence, start, blocks, index)
                    or _names_what_follows(sentence, start, blocks, index)
                    or _sets_a_task(sentence, start)
                )
            ):
                following = _following(blocks, index)
                if following is None:
                    if _bare(sentence, start) or _COLON_END.search(sentence):
                        # "For example:" with nothing after it shows nothing, nor does
                        # "举例来说，…对应的两级电路是：" before a figure the text does not hold
                        continue
                elif _display_missing(sentence, blocks[index + 1]):
                    continue
                else:
                    content = f"{sentence}\n{following}"
            content = content[:MAX_CONTENT]
            confidence = 0.8 if start else 0.6
            if start is None and key is not None and _listed(sentence, key, index, concept_of):
                confidence *= LISTED_OWNER
            found.append(
                Extraction(
                    type="example",
                    content=content,
                    context=block.text[:MAX_CONTENT],
                    page_number=block.page,
                    confidence=confidence,
                    concept_key=key,
                )
            )
    return found


# A marker inside the sentence gives examples of what comes before it: a concept named only
# after it is one of the examples listed, not what they show ("It has many variants, such
# as the 0-1 knapsack problem, …" answered "How is “0-1 knapsack problem” used in
# practice?"; "If concepts such as data structures, … still feel half-familiar" that of
# data structures; 36 of 392 example answers over 193 chapters). The example stays the
# concept's reading, halved, and a course asks no question of it nor sets an objective
# applying it (`jobs/planning/inputs.NAMED`). Re-owning it instead moved key concepts out
# of courses (every extraction counts towards a concept's coverage).
LISTED_OWNER = 0.5


def _listed(sentence: str, key: str, index: int, concept_of: Owner) -> bool:
    """`key` is named in `sentence` only after its first inside marker."""
    marker = _INSIDE.search(sentence)
    if marker is None:
        return False
    return concept_of(sentence[: marker.start()], index, by_section=False) != key


_COLON_END = re.compile(r"[:：]\s*$")
# an opening bracket and the marker right after it: "(such as …", "(for instance …"
_BRACKETED = re.compile(r"\(\s*$")
# what a bracket's examples are examples of: the words right before it, at most four
# ("Many string operations (such as …)")
_HEAD = re.compile(r"(?:\S+\s+){0,3}\S+\s*$")


def _bracketed_owner(sentence: str, key: str, index: int, concept_of: Owner) -> str | None:
    """In English a marker inside the sentence only in brackets gives examples of the
    words right before the bracket, not of the concept the sentence names first:
    "addition operations are simpler … than other operations (such as multiplication …)"
    answered "How is addition used? Give an example.", and "Compared to searching
    algorithms that require additional space (such as hash-based search), binary search
    is …" one of binary search. The example then belongs to the concept named there
    ("Many string operations (such as splitting, joining …)"), or to none. Chinese
    brackets are left alone: "（例如，将 ≥ 替换为 ≤ ）" after "只需将所有大小逻辑判断进行
    逆转" shows the clause before it, which serves the sentence's concept (小顶堆)."""
    markers = list(_INSIDE.finditer(sentence))
    if not markers or not all(_BRACKETED.search(sentence[: m.start()]) for m in markers):
        return key
    before = sentence[: markers[0].start()].rstrip()[:-1].rstrip()
    head = _HEAD.search(before)
    return None if head is None else concept_of(head.group(0), index, by_section=False)


# a numbered example's label, its title in brackets, and nothing more: "Example 1.2
# (Examples of algebraic integers)."
_LABEL = re.compile(r"^example\s+\d+(?:\.\d+)*\s*(?:\((?:[^()]|\([^()]*\))*\))?\s*[.:]?\s*$", re.I)
_WORDS = re.compile(r"[^\W\d_]{2}")
# the marker before a pointer to another text: "For instance, see …", "例如，参见 …"
_POINTER = re.compile(r"[\s,，:：]*(?:see|cf\.|参见|参看|详见|见)(?:\s|$)", re.I)


# the marker, then that number as the subject ("Listing 5-1 shows", "示例 9-6 展示了"), or a
# verb sending the reader to it ("consider the `Guess` type … in Listing 9-13", "let's
# start from the code in Listing 7-17", "回忆示例 15-18 中的…")
_LISTING_POINTER = re.compile(
    rf"[\s,，:：]*(?:{NUMBERED_ARTEFACT}|(?:consider|recall|let['’]s\s+(?:start\s+from|look\s+at|revisit)"
    rf"|look\s+at|回忆|参考|回顾|再看)\b[^.。!?！？]{{0,80}}?{NUMBERED_ARTEFACT}[^.。!?！？]{{0,40}}[.。]?\s*$)",
    re.I,
)


def _bare(sentence: str, start: re.Match[str] | None) -> bool:
    """Only the marker and a few words: "For example:", "For example, with"."""
    rest = sentence[start.end() :] if start else sentence
    return len(re.findall(r"\w+", rest)) < _LEAD_IN_WORDS and not re.search(
        r"[\u4e00-\u9fff]{4}", rest
    )


# a label's colon: "Example:", "Example 2:", "例："
_LABEL_COLON = re.compile(r"[:：]\s*$")


def _labelled_item(sentence: str, start: re.Match[str] | None) -> bool:
    """A bullet that gives its example after the label's colon ("Example: NaCl", "例：食盐")
    holds it whole, with no full stop, as a slide's bullets are written: the bullet after
    it is the slide's next point (a deck's "Example: NaCl" answered with "Electrons are
    transferred", the next bullet, run on)."""
    if start is None or not _LABEL_COLON.search(start.group()):
        return False
    rest = sentence[start.end() :].strip()
    return bool(re.search(r"\w", rest)) and rest[-1:] not in {":", "：", ",", "，"}


# A worked example set as a task, "Example 1: Find the slope of the line through (2, 3) and
# (6, 11).", "例：求函数的导数。": its working is the block after it (the task alone
# answered "How is slope used in practice?", its solution left out)
_TASK = re.compile(
    r"(?:find|write|solve|calculate|compute|determine|simplify|evaluate|graph|factor|expand"
    r"|convert|estimate|show\s+that|prove)\b|求|计算|解方程|化简|证明",
    re.I,
)


def _sets_a_task(sentence: str, start: re.Match[str] | None) -> bool:
    """A labelled example ("Example 1:", "例2：") that sets a task (`_TASK`)."""
    if start is None or not re.search(r"(?:example\s*\d*|例\s*\d*)\s*[:：.]", start.group(), re.I):
        return False
    return _TASK.match(sentence[start.end() :].strip(" *_")) is not None


def _leads_in(
    sentence: str, start: re.Match[str] | None, blocks: Sequence[Block], index: int
) -> bool:
    """It ends on a colon or comma, or with no full stop at all ("… a new dictionary
    with" and then the code), or it is only the marker. A sentence with the marker only
    inside ("such as") and no mark at its end, followed by prose, is a line written
    without its full stop (a glossary's "term: meaning", a list's item), not a lead-in:
    taken as one, a key-terms handout's entry for one term ("… used by thinkers such as
    Hobbes, Locke, and Rousseau to describe …") answered with the next term's entry."""
    ending = sentence.rstrip()[-1:]
    if _bare(sentence, start):
        return True
    if ending in {".", "!", "?", "。", "！", "？", ")", "）"}:
        return False
    return not (
        start is None
        and ending not in _LEAD_IN_MARKS
        and index + 1 < len(blocks)
        and blocks[index + 1].kind in PROSE
    )


_LEAD_IN_MARKS = frozenset(":：,，;；")


_NAMES_WORDS = 6  # "For example, a list of tuples." names the code that follows it


def _names_what_follows(
    sentence: str, start: re.Match[str] | None, blocks: Sequence[Block], index: int
) -> bool:
    """ "For example, a list of tuples." and then the code: a short sentence that only
    names what the next block (code or a formula) shows leads in, full stop or not."""
    if (
        start is None
        or index + 1 >= len(blocks)
        or blocks[index + 1].kind not in ("code", "formula")
    ):
        return False
    rest = sentence[start.end() :]
    characters = len(HAN.findall(rest))
    if characters:
        return characters <= 2 * _NAMES_WORDS
    return len(re.findall(r"\w+", rest)) <= _NAMES_WORDS


# a lead-in announcing a display, "…如下：", "…as follows:", and prose that goes on from
# what the display showed ("那么，…", "So …"): no display opens so
_ANNOUNCES_DISPLAY = re.compile(
    r"(?:如下|如图|下表|下图|as\s+follows|below|the\s+following)\s*(?:所示)?\s*[:：]?\s*$", re.I
)
_GOES_ON = re.compile(
    r"^(?:那么|因此|所以|于是|可见|由此可见|so|thus|therefore|hence)\b[，,]?", re.I
)


def _display_missing(sentence: str, following: Block) -> bool:
    """The lead-in announces a display ("例如，两种常见的晶格如下：") and the block after it
    is prose going on from it ("因此，晶格决定了…"): the display was a picture the
    text does not hold, and the example shows nothing (a handout's 最小项 and 最大项 were
    "exemplified" by the sentence after their missing tables)."""
    return (
        following.kind == "paragraph"
        and _ANNOUNCES_DISPLAY.search(sentence) is not None
        and _GOES_ON.match(following.text.strip()) is not None
    )


def _following(blocks: Sequence[Block], index: int) -> str | None:
    """The block right after `index` when it continues the text (not a new heading); a
    listing's file name there goes with the code under it, and without code it shows
    nothing ("For example: Filename: src/main.rs" answered "How is `loop` used?" where
    the book's build would have put the listing)."""
    if index + 1 >= len(blocks) or blocks[index + 1].kind == "heading":
        return None
    following = blocks[index + 1].text.strip()
    if FILE_CAPTION.match(following):
        code = blocks[index + 2] if index + 2 < len(blocks) else None
        if code is None or code.kind != "code" or _absent_listing(code):
            return None
        return f"{following}\n{code.text.strip()}"
    if _absent_listing(blocks[index + 1]):
        return None
    return following or None


def _absent_listing(block: Block) -> bool:
    """A code block holding no code: empty, or only mdBook's link to a file the build
    puts there (`markdown.MDBOOK_LINK`)."""
    return block.kind == "code" and not MDBOOK_LINK.sub("", block.text).strip()
