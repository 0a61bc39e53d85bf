"""A quiz exported as IMS QTI 1.2 XML (Canvas's "Export quiz" / course export, Blackboard's
and Brightspace's pools, Respondus), read as what its questions teach, as a Moodle XML
bank is (`moodlexml`).

The file is a `<questestinterop>` of `<assessment title="…">`s (or bare `<item>`s, a
pool's), their `<section>`s and `<item>`s. An item's stem is the `<mattext>` of its
`<presentation>` (HTML escaped as text, as a rule), its options `<response_label>`s, the
right ones those a `<respcondition>` gives a score (`<setvar>` above 0) when its
`<varequal>` names them; its `<itemfeedback>` is the explanation shown after an attempt
(Canvas's "general_fb" and "correct_fb"; the feedback on a wrong answer teaches the wrong
answer). Scores, metadata and attempts are no lesson. Read as text, its tag names were
the concepts ("qtimetadatafield", "fieldentry", "mattext texttype") and no term was
defined.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from datasources.files.detect import Detected
from jobs.pipeline.model import Block, ReadDocument
from jobs.pipeline.readers import quizbank, xmlfile
from jobs.pipeline.readers.blocks import make_blocks, virtual_pages
from jobs.pipeline.readers.moodlexml import plain

# feedback shown whatever the answer, or on a right one (Canvas's and Blackboard's idents)
_TEACHING_FEEDBACK = ("general_fb", "correct_fb", "correct")


def read(path: Path, detected: Detected) -> ReadDocument:
    """The quiz at `path` as one document, a heading each assessment and section; a file
    that is no well-formed QTI is corrupt."""
    root = xmlfile.parse(path.read_bytes(), "the QTI quiz")
    # the namespace (1.2's own, or none as older exports write) is no part of a name
    for element in root.iter(etree.Element):
        element.tag = etree.QName(element).localname
    blocks: list[Block] = []
    title = None
    for element in root.iter("assessment", "section", "item"):
        if element.tag == "item":
            blocks.extend(_item(element))
            continue
        name = " ".join((element.get("title") or "").split())
        if element.tag == "assessment":
            title = title or name or None
        # Canvas names its one section "root_section" by ident, with no title
        if name:
            blocks.extend(make_blocks("heading", name, 1, level=1))
    return ReadDocument(detected.kind, detected.mime_type, virtual_pages(blocks), False, title)


def _item(item: etree._Element) -> list[Block]:
    stem = plain(" ".join(item.xpath("presentation/material//mattext/text()")))
    options = {
        label.get("ident", ""): plain(" ".join(label.xpath(".//mattext/text()")))
        for label in item.iter("response_label")
    }
    kind = item.xpath(
        "string(itemmetadata//qtimetadatafield[fieldlabel='question_type']/fieldentry)"
    )
    right = _right(item, options, str(kind))
    feedback = [
        plain(" ".join(fb.xpath(".//mattext/text()")))
        for fb in item.iter("itemfeedback")
        if fb.get("ident", "") in _TEACHING_FEEDBACK
    ]
    explained = [b for text in feedback if text for b in make_blocks("paragraph", text, 1)]
    return quizbank.answered_question(item.get("title", ""), stem, right, "") + explained


def _right(item: etree._Element, options: dict[str, str], kind: str) -> str | bool | None:
    """The item's right answer: the options a scoring condition names (several joined as
    a list is), True or False for a true/false item, None when there is none to read (an
    essay's, a text entry's)."""
    named: list[str] = []
    for condition in item.iter("respcondition"):
        scores = [_score(s.text) for s in condition.iter("setvar")]
        if not any(score > 0 for score in scores):
            continue
        for equal in condition.xpath("conditionvar//varequal[not(ancestor::not)]"):
            text = options.get((equal.text or "").strip(), "")
            if text and text not in named:
                named.append(text)
    truths = {quizbank.option_truth(o) for o in options.values()}
    if kind == "true_false_question" or (len(options) == 2 and truths == {True, False}):
        return any(quizbank.option_truth(text) for text in named)
    if not named:
        return None
    return quizbank.options_answer(named)


def _score(text: str | None) -> float:
    try:
        return float(text or "0")
    except ValueError:
        return 0.0
